"""A pyparsing grammar run directly: the same parse, without an exception for every failure.

Takes built grammars; gives for each a function that parses a string as ``parse_string`` does
and returns its tokens, or None where ``parse_string`` raises a parse exception. pyparsing
signals every failed alternative, optional part and look-ahead with an exception and wraps
every result, failed optional parts included, in a ``ParseResults``; in a grammar of many
choices, such as an amount ("over", a sign, a currency, a ratio, a number, a scale, a part, a
unit, a power, a rate), that is most of what a parse costs. Here each element is compiled once
into a function that returns None where it fails, and where it matches gives the tokens and
names pyparsing gives, calling the same parse actions with the same arguments.

Tokens without names stay plain lists until a parse action, a name or the caller needs them
as a ``ParseResults``. An element the caller names as remembered (see :func:`compiled`) is read
once per place in the last text, where pyparsing reads it again. With guards (see
:mod:`.guards`), an alternative is not tried where the regex of its first leaves does not match.

The elements read are the ones the grammars of this package are made of: sequences, choices,
optional and repeated parts, look-aheads, suppressed and grouped parts, regexes, literals and
keywords, with results names, parse actions and conditions. Any other element (and any ignored
expression, error stop or default value) is refused when the grammar is compiled, so that an
unknown element never parses differently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import GeneratorType
from typing import Any

import pyparsing as pp

from factcheck.text.guards import guard_regex

#: what an element's function gives: (end offset, tokens), or None where the element fails
Parsed = tuple[int, "pp.ParseResults | _Tokens"] | None
Function = Callable[[str, int], Parsed]
#: what an element's ``parseImpl`` gives (its tokens as pyparsing's ``parseImpl`` gives them)
Impl = Callable[[str, int], tuple[int, Any] | None]


class _Tokens(list):
    """Tokens that pyparsing holds in a ``ParseResults`` without names, kept in a list until a
    parse action, a results name or the caller needs the ``ParseResults`` (most never do)."""

    __slots__ = ()


def _results(tokens: pp.ParseResults | _Tokens) -> pp.ParseResults:
    return pp.ParseResults(tokens) if type(tokens) is _Tokens else tokens


def _tokens(raw: Any) -> pp.ParseResults | _Tokens:
    """``ParseResults(raw)``, as a list where that gives a ParseResults without names."""
    if type(raw) is _Tokens or isinstance(raw, pp.ParseResults):
        return raw
    if isinstance(raw, pp.ParseResults.List):
        return pp.ParseResults(raw)
    if isinstance(raw, (list, GeneratorType)):
        return _Tokens(raw)
    return _Tokens((raw,))


def _joined(tokens: pp.ParseResults | _Tokens, more: pp.ParseResults | _Tokens
            ) -> pp.ParseResults | _Tokens:
    """``tokens += more`` of two ParseResults, as a list while neither has names."""
    if type(more) is _Tokens:
        if not more:
            return tokens
        if type(tokens) is _Tokens:
            tokens.extend(more)
            return tokens
        more = pp.ParseResults(more)
    tokens = _results(tokens)
    tokens += more
    return tokens


#: how pyparsing carries an IndexError out of a parse action (parse_string raises the IndexError)
_ACTION_INDEX_ERROR = getattr(pp.core, "_ParseActionIndexError", ())


def compiled(*grammars: pp.ParserElement, remember: Sequence[pp.ParserElement] = (),
             guard_leaves: int = 0) -> list[Callable[[str], pp.ParseResults | None]]:
    """For each grammar, ``grammar.parse_string(text)`` without its exceptions: the tokens, or
    None where it raises a parse exception (any other exception of a parse action is raised, as
    pyparsing raises it).

    The elements in ``remember`` (shared by the grammars, say: an amount, and a range of two)
    are parsed once per text and offset, however many alternatives try them there; their parse
    actions must depend only on their tokens, as for pyparsing's packrat parsing.

    With ``guard_leaves``, an alternative of a choice, an optional part or a negative
    look-ahead is not tried where the regex of its first ``guard_leaves`` leaves does not match
    (see :func:`factcheck.text.guards.guard_regex`): it would fail there.
    """
    for grammar in grammars:
        grammar.streamline()        # as parse_string does first
    compiler = _Compiler(remember, guard_leaves)
    parsers = []
    for grammar in grammars:
        parse = compiler.element(grammar, pre_parse=True)

        def parse_string(text: str, parse: Function = parse, keep_tabs: bool = grammar.keepTabs
                         ) -> pp.ParseResults | None:
            try:
                parsed = parse(text if keep_tabs else text.expandtabs(), 0)
            except _ACTION_INDEX_ERROR as error:    # as parse_string, the action's own IndexError
                raise error.exc from None
            return None if parsed is None else _results(parsed[1])
        parsers.append(parse_string)
    return parsers


def _skipping(white: str | set[str], parse: Function) -> Function:
    """``parse`` after the white space ``white``."""
    def skipping(text: str, loc: int) -> Parsed:
        end = len(text)
        while loc < end and text[loc] in white:
            loc += 1
        return parse(text, loc)
    return skipping


def _copied(tokens: pp.ParseResults | _Tokens) -> pp.ParseResults | _Tokens:
    return _Tokens(tokens) if type(tokens) is _Tokens else tokens.copy()


def _remembering(parse: Function) -> Function:
    """``parse``, remembering its answers for the last text it read (compared by value: a
    parse in another thread, of another text, at worst makes it parse again)."""
    last: list = [("", {})]

    def remembered(text: str, loc: int) -> Parsed:
        seen, answers = last[0]
        if seen is not text and seen != text:
            answers = {}
            last[0] = (text, answers)
        if loc in answers:
            found = answers[loc]
        else:
            found = answers[loc] = parse(text, loc)
        return None if found is None else (found[0], _copied(found[1]))
    return remembered


#: what the token converters' ``postParse`` makes of their element's tokens
_CONVERTERS: dict[type, Callable[[pp.ParserElement], Callable[[Any], Any]]] = {
    pp.Suppress: lambda element: lambda tokens: [],
    pp.Group: lambda element: (
        (lambda tokens: pp.ParseResults.List(_results(tokens).as_list()))
        if element._asPythonList else (lambda tokens: [_results(tokens)])),
}


class _Compiler:
    def __init__(self, remember: Sequence[pp.ParserElement], guard_leaves: int) -> None:
        self._done: dict[tuple[int, bool], Function] = {}
        self._guard_leaves = guard_leaves
        self._remember = {id(element) for element in remember}
        self._kept: list[pp.ParserElement] = []   # keeps the ids of _done valid

    def element(self, element: pp.ParserElement, pre_parse: bool) -> Function:
        """The function of ``element``; ``pre_parse`` as pyparsing's ``callPreParse``."""
        key = (id(element), pre_parse)
        if key not in self._done:
            self._kept.append(element)
            if id(element) not in self._remember:
                self._done[key] = self._wrapped(element, pre_parse)
            elif not pre_parse:
                self._done[key] = _remembering(self._wrapped(element, pre_parse=False))
            else:       # white space skipped, then the parse remembered where it starts
                self._done[key] = _skipping(self._white(element, pre_parse),
                                            self.element(element, pre_parse=False))
        return self._done[key]

    @staticmethod
    def _white(element: pp.ParserElement, pre_parse: bool) -> str | set[str]:
        """The white space ``element`` skips before it (pyparsing's ``preParse``)."""
        return element.whiteChars if pre_parse and element.callPreparse and element.skipWhitespace else ""

    def _wrapped(self, element: pp.ParserElement, pre_parse: bool) -> Function:
        """What ``ParserElement._parseNoCache`` does around ``parseImpl``: skip white space,
        drop a suppressed element's tokens, name the tokens and call the parse actions."""
        if element.ignoreExprs or element.debug or element.failAction is not None:
            raise TypeError(f"{element}: ignored expressions, debugging and fail actions are not read")
        white = self._white(element, pre_parse)
        converted = _CONVERTERS.get(type(element))
        name, as_list, modal = element.resultsName, element.saveAsList, element.modalResults
        actions = tuple(element.parseAction)
        results = pp.ParseResults
        plain = converted is None and not actions and name is None
        impl = self._impl(element, plain)
        convert = converted(element) if converted is not None else None

        if plain:
            return _skipping(white, impl) if white else impl

        def act(text: str, loc: int, tokens: pp.ParseResults | _Tokens) -> pp.ParseResults | _Tokens | None:
            """The parse actions on ``tokens`` (None where one refuses them)."""
            for action in actions:
                if type(tokens) is _Tokens:
                    tokens = results(tokens)
                try:
                    returned = action(text, loc, tokens)
                except (pp.ParseException, IndexError):
                    return None
                if returned is None or returned is tokens:
                    continue
                if name is None:
                    tokens = _tokens(returned)
                else:
                    tokens = results(returned, name, modal=modal,
                                     aslist=as_list and isinstance(returned, (pp.ParseResults, list)))
            return tokens

        if type(element) is pp.Regex and element.asMatch and name is None and convert is None:
            match = element.re.match    # the commonest: a regex leaf and its action

            def leaf(text: str, loc: int) -> Parsed:
                if white:
                    end = len(text)
                    while loc < end and text[loc] in white:
                        loc += 1
                found = match(text, loc)
                if found is None:
                    return None
                tokens = act(text, loc, _Tokens((found,)))
                return None if tokens is None else (found.end(), tokens)
            return leaf

        def parse(text: str, loc: int) -> Parsed:
            if white:
                end = len(text)
                while loc < end and text[loc] in white:
                    loc += 1
            found = impl(text, loc)
            if found is None:
                return None
            end_loc, tokens = found
            if convert is not None:
                tokens = convert(tokens)
            if name is not None:
                tokens = results(results(tokens) if type(tokens) is _Tokens else tokens, name,
                                 aslist=as_list, modal=modal)
            elif isinstance(tokens, pp.ParseResults):
                tokens = results(tokens, None, aslist=as_list, modal=modal)
            else:
                tokens = _tokens(tokens)
            if actions:
                tokens = act(text, loc, tokens)
            return None if tokens is None else (end_loc, tokens)
        return parse

    def _impl(self, element: pp.ParserElement, plain: bool) -> Impl:
        """What ``element.parseImpl`` does, with None for its exception; where ``plain`` (no
        name, action or suppression around it), with its tokens as the element gives them."""
        kind = type(element)
        nothing = _Tokens if plain else list
        if kind is pp.Regex:
            return self._regex(element, plain)
        if kind in (pp.Keyword, pp.CaselessKeyword):
            return self._keyword(element, plain)
        if kind in (pp.Literal, pp.core._SingleCharLiteral, pp.CaselessLiteral):
            return self._literal(element, plain)
        if kind is pp.Empty:
            return lambda text, loc: (loc, nothing())
        if kind is pp.And:
            return self._sequence(element)
        if kind is pp.MatchFirst:
            return self._choice(element)
        if kind is pp.Opt:
            return self._optional(element, nothing)
        if kind is pp.ZeroOrMore or kind is pp.OneOrMore:
            return self._repeated(element, plain)
        if kind is pp.FollowedBy:
            return self._followed_by(element)
        if kind is pp.NotAny:
            inner = self._guarded(element.expr, pre_parse=True)
            return lambda text, loc: None if inner(text, loc) is not None else (loc, nothing())
        if kind in _CONVERTERS:     # its element's parse; _wrapped converts the tokens
            return self.element(element.expr, pre_parse=False)
        raise TypeError(f"{element}: a {type(element).__name__} is not read")

    def _guarded(self, element: pp.ParserElement, pre_parse: bool) -> Function:
        """The function of ``element``, not tried where its guard refuses (with guard_leaves)."""
        parse = self.element(element, pre_parse)
        if not self._guard_leaves:
            return parse
        leaves = self._guard_leaves
        guard: list = []     # made on first use: most choices of a grammar are never reached

        def guarded(text: str, loc: int) -> Parsed:
            if not guard:
                guard.append(guard_regex(element, leaves).match)
            if guard[0](text, loc) is None:
                return None
            return parse(text, loc)
        return guarded

    def _regex(self, element: pp.Regex, plain: bool) -> Impl:
        match = element.re.match
        if element.asGroupList:
            if plain:
                return lambda text, loc: None if (m := match(text, loc)) is None else (m.end(), _Tokens((m.groups(),)))
            return lambda text, loc: None if (m := match(text, loc)) is None else (m.end(), m.groups())
        if element.asMatch:
            if plain:
                return lambda text, loc: None if (m := match(text, loc)) is None else (m.end(), _Tokens((m,)))
            return lambda text, loc: None if (m := match(text, loc)) is None else (m.end(), m)
        results = pp.ParseResults

        def regex(text: str, loc: int) -> tuple[int, Any] | None:
            found = match(text, loc)
            if found is None:
                return None
            tokens = results(found[0])
            for key, value in found.groupdict().items():
                tokens[key] = value
            return found.end(), tokens
        return regex

    def _keyword(self, element: pp.Keyword, plain: bool) -> Impl:
        word, length, ident = element.match, element.matchLen, element.identChars
        copy = (lambda: _Tokens((word,))) if plain else (lambda: word)
        if element.caseless:
            upper = element.caselessmatch

            def keyword(text: str, loc: int) -> tuple[int, Any] | None:
                if text[loc:loc + length].upper() != upper:
                    return None
                if loc > 0 and text[loc - 1].upper() in ident:
                    return None
                if loc < len(text) - length and text[loc + length].upper() in ident:
                    return None
                return loc + length, copy()
            return keyword

        def exact(text: str, loc: int) -> tuple[int, Any] | None:
            if not text.startswith(word, loc):
                return None
            if loc > 0 and text[loc - 1] in ident:
                return None
            if loc < len(text) - length and text[loc + length] in ident:
                return None
            return loc + length, copy()
        return exact

    def _literal(self, element: pp.Literal, plain: bool) -> Impl:
        word, length = element.match, element.matchLen
        returned = element.returnString if isinstance(element, pp.CaselessLiteral) else word
        copy = (lambda: _Tokens((returned,))) if plain else (lambda: returned)
        if isinstance(element, pp.CaselessLiteral):
            return lambda text, loc: (loc + length, copy()) if text[loc:loc + length].upper() == word else None
        return lambda text, loc: (loc + length, copy()) if text.startswith(word, loc) else None

    def _sequence(self, element: pp.And) -> Impl:
        if any(type(e) is pp.And._ErrorStop for e in element.exprs):
            raise TypeError(f"{element}: an error stop ('-') is not read")
        first = self.element(element.exprs[0], pre_parse=False)
        rest = [self.element(e, pre_parse=True) for e in element.exprs[1:]]

        def sequence(text: str, loc: int) -> tuple[int, Any] | None:
            found = first(text, loc)
            if found is None:
                return None
            loc, tokens = found
            for part in rest:
                found = part(text, loc)
                if found is None:
                    return None
                loc, more = found
                if more:        # (pyparsing adds nothing where there are no tokens and names)
                    tokens = _joined(tokens, more)
            return loc, tokens
        return sequence

    def _choice(self, element: pp.MatchFirst) -> Impl:
        alternatives = [self._guarded(e, pre_parse=True) for e in element.exprs]

        def choice(text: str, loc: int) -> tuple[int, Any] | None:
            for alternative in alternatives:
                found = alternative(text, loc)
                if found is not None:
                    return found
            return None
        return choice

    def _optional(self, element: pp.Opt, nothing: type) -> Impl:
        if element.defaultValue is not type(element)._Opt__optionalNotMatched:
            raise TypeError(f"{element}: an optional part with a default is not read")
        inner = self._guarded(element.expr, pre_parse=False)
        return lambda text, loc: inner(text, loc) or (loc, nothing())

    def _repeated(self, element: pp._MultipleMatch, plain: bool) -> Impl:
        if element.not_ender is not None or element.max_count is not None:
            raise TypeError(f"{element}: a repetition with an end or a maximum is not read")
        inner = self.element(element.expr, pre_parse=True)
        at_least = type(element) is pp.OneOrMore
        name = element.resultsName
        empty = _Tokens if plain else lambda: pp.ParseResults([], name=name)

        def repeated(text: str, loc: int) -> tuple[int, Any] | None:
            found = inner(text, loc)
            if found is None:
                return None if at_least else (loc, empty())
            loc, tokens = found
            while (found := inner(text, loc)) is not None:
                loc = found[0]
                tokens = _joined(tokens, found[1])
            return loc, tokens
        return repeated

    def _followed_by(self, element: pp.FollowedBy) -> Impl:
        inner = self.element(element.expr, pre_parse=True)

        def followed_by(text: str, loc: int) -> tuple[int, Any] | None:
            found = inner(text, loc)
            if found is None:
                return None
            tokens = found[1]
            del tokens[:]
            return loc, tokens
        return followed_by
