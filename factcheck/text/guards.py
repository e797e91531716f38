"""Quick refusals for a pyparsing grammar's choices, made from the grammar's own elements.

Takes a built grammar; gives it back with every choice (``a | b``), optional part (``Opt(a)``)
and negative look-ahead (``~a``) guarded: before trying an alternative, a regex made of the
alternative's leading elements is matched where it would start, and an alternative it refuses
is not tried. Sequences (``a + b``) then step over the guarded parts that give nothing. pyparsing
tries the alternatives of a choice one by one and raises an exception for each that fails, which
is most of what a parse costs where only the last of several alternatives matches ("in 2023"
after "2023-10-25", "2019-sep-1", "the 1990s" and "2017 April" were tried).

The regex of an element accepts at least everything the element accepts: it is made of the
leading leaves (regexes, literals, keywords) of the element in order, with the white space
pyparsing skips between them, up to a few leaves (a match of the whole element begins with a
match of its beginning); what it cannot express it accepts (a negative look-ahead ``~a``, a
parse action's refusal). So a guard only ever skips an alternative that would fail, and the
guarded grammar parses exactly as the grammar does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyparsing as pp

#: how many leaves of an alternative its guard reads: enough to tell "2023-10" from "2023 April"
#: from "2023 the", short enough to stay a small regex
LEAVES = 6
_WHITE = "[ \\t\\n\\r]*"
_ANYTHING = ""    # a guard that ends here accepts whatever follows
#: the flags a leaf's regex may have, as a scoped group writes them
_FLAGS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"), (re.VERBOSE, "x"))
_GROUP_NAME = re.compile(r"\(\?P<(\w+)>|\(\?P=(\w+)\)|\(\?\((\w+)\)")


class _Prefix:
    """The regex of an element's beginning, and how many leaves it has left to read."""

    def __init__(self) -> None:
        self.groups = 0

    def leaf(self, element: pp.ParserElement) -> str:
        """The regex of one leaf, its group names made unique (a leaf may occur twice)."""
        if isinstance(element, pp.Regex):
            pattern = element.pattern
            if re.search(r"\\[1-9]", pattern):
                raise ValueError(f"{element}: a numbered back-reference; name the group")
            self.groups += 1
            prefix = f"g{self.groups}_"
            pattern = _GROUP_NAME.sub(lambda m: m[0].replace(m[1] or m[2] or m[3],
                                                             prefix + (m[1] or m[2] or m[3])), pattern)
            on = "".join(letter for flag, letter in _FLAGS if element.flags & flag)
            return f"(?{on}{'' if 'i' in on else '-i'}:{pattern})"
        if isinstance(element, (pp.CaselessKeyword, pp.CaselessLiteral)):
            return f"(?i:{re.escape(element.match)})"
        if isinstance(element, (pp.Keyword, pp.Literal)):
            return re.escape(element.match)
        raise TypeError(type(element))

    def of(self, element: pp.ParserElement, budget: int) -> tuple[str, int]:
        """(regex, leaves left) of the beginning of ``element``, at most ``budget`` leaves;
        leaves left is 0 where the regex stopped short of the element's end."""
        if budget <= 0:
            return _ANYTHING, 0
        if isinstance(element, (pp.Regex, pp.Keyword, pp.Literal)):
            return _WHITE + self.leaf(element), budget - 1
        if isinstance(element, pp.And):
            parts = []
            for item in element.exprs:
                part, budget = self.of(item, budget)
                parts.append(part)
                if budget <= 0:
                    return "".join(parts), 0
            return "".join(parts), budget
        if isinstance(element, pp.MatchFirst | pp.Or):
            return self.choice(element.exprs, budget)
        if isinstance(element, pp.Opt):
            # cut short inside, it says nothing of what follows it
            part, left = self.of(element.expr, budget)
            return f"(?:{part})?", left
        if isinstance(element, pp.ZeroOrMore):
            part, left = self.of(element.expr, budget)
            return (f"(?:{part})*", left) if left > 0 else (_ANYTHING, 0)
        if isinstance(element, pp.OneOrMore):
            return self.of(element.expr, budget)[0], 0
        if isinstance(element, (pp.NotAny, pp.FollowedBy, pp.Empty)):
            return "", budget            # reads nothing: no leaf, no refusal
        if isinstance(element, (pp.Located, pp.Group, pp.Suppress, pp.Combine, pp.Forward)) \
                and element.expr is not None:
            return self.of(element.expr, budget)
        return _ANYTHING, 0

    def choice(self, alternatives: list[pp.ParserElement], budget: int) -> tuple[str, int]:
        parts = [self.of(alternative, budget) for alternative in alternatives]
        # after a choice, only as many leaves as the shortest alternative left
        left = min(left for _part, left in parts)
        return "(?:" + "|".join(part for part, _left in parts) + ")", left


def guard_regex(element: pp.ParserElement, leaves: int = LEAVES) -> re.Pattern[str]:
    """A regex that matches where ``element`` may match, and wherever it does."""
    return re.compile(_Prefix().of(element, leaves)[0])


class GuardedMatchFirst(pp.MatchFirst):
    """``a | b | ...`` trying only the alternatives whose guard matches (the guards made on
    first use: most choices of a grammar are never reached in a given text)."""

    guard_leaves: int
    guards: list[re.Pattern[str]] | None

    def parseImpl(self, instring, loc, do_actions=True):
        if self.guards is None:
            self.guards = [guard_regex(alternative, self.guard_leaves) for alternative in self.exprs]
        failure = None
        for guard, alternative in zip(self.guards, self.exprs):
            if guard.match(instring, loc) is None:
                continue
            try:
                return alternative._parse(instring, loc, do_actions)
            except pp.ParseFatalException:
                raise
            except pp.ParseException as error:
                if failure is None or error.loc > failure.loc:
                    failure = error
            except IndexError:
                if failure is None or len(instring) > failure.loc:
                    failure = pp.ParseException(instring, len(instring), alternative.errmsg, self)
        raise failure or pp.ParseException(instring, loc, self.errmsg, self)


class _Guarded:
    """An element with one expression and the guard of that expression, made on first use."""

    __slots__ = ()      # a mixin, after the element's class: its layout stays, the class can be swapped
    expr: pp.ParserElement
    guard_leaves: int
    guard: re.Pattern[str] | None

    def refuses(self, instring: str, loc: int) -> bool:
        """Whether the expression cannot match at ``loc``."""
        if self.guard is None:
            self.guard = guard_regex(self.expr, self.guard_leaves)
        return self.guard.match(instring, loc) is None


class GuardedOpt(pp.Opt, _Guarded):
    """``Opt(a)`` not trying ``a`` where its guard does not match."""

    def parseImpl(self, instring, loc, do_actions=True):
        if self.refuses(instring, loc):
            return loc, []                  # as pp.Opt without a default where its element fails
        return super().parseImpl(instring, loc, do_actions)


class GuardedNotAny(pp.NotAny, _Guarded):
    """``~a`` not trying ``a`` where its guard does not match."""

    def parseImpl(self, instring, loc, do_actions=True):
        if self.refuses(instring, loc):
            return loc, []                  # ``a`` cannot match here: nothing to refuse
        return super().parseImpl(instring, loc, do_actions)


class GuardedAnd(pp.And):
    """``a + b + ...`` that goes straight to what its guarded parts would do.

    pyparsing enters every part through its general entry (white space, results, names, parse
    actions), and a guarded choice or optional part enters its own element the same way again.
    Where the outer entry adds nothing (no parse action), the part's own work is done here,
    with the same outcome:

    - a guarded optional part or negative look-ahead whose guard refuses gives nothing: no
      element is entered;
    - a guarded optional part whose guard accepts enters its element, and gives nothing where
      that fails;
    - a guarded choice enters the alternatives its guards accept;
    - a suppressed part is read as its element, its tokens dropped.
    """

    def parseImpl(self, instring, loc, do_actions=True):
        # As pp.And: the first part was pre-parsed with the whole, the others pre-parse here.
        resultlist = None
        for index, part in enumerate(self.exprs):
            if index and part.callPreparse:
                loc = part.preParse(instring, loc)
            loc, tokens = _enter(part, instring, loc, do_actions)
            if resultlist is None:
                resultlist = tokens if isinstance(tokens, pp.ParseResults) else pp.ParseResults(tokens)
            else:
                resultlist += tokens
        return loc, resultlist


def _enter(part: pp.ParserElement, instring: str, loc: int, do_actions: bool):
    """``part._parse(instring, loc, do_actions, callPreParse=False)``, with fewer steps where
    ``part`` is guarded."""
    if part.parseAction or part.debug or part.failAction:
        return part._parse(instring, loc, do_actions, callPreParse=False)
    kind = type(part)
    if kind is GuardedOpt or kind is GuardedNotAny:
        if part.refuses(instring, loc):
            return loc, []
        if kind is GuardedNotAny:
            return part._parse(instring, loc, do_actions, callPreParse=False)
        try:
            loc, tokens = _enter(part.expr, instring, loc, do_actions)
        except (pp.ParseException, IndexError):
            return loc, []
    elif kind is GuardedMatchFirst:
        loc, tokens = part.parseImpl(instring, loc, do_actions)
    elif kind is pp.Suppress:
        return _enter(part.expr, instring, loc, do_actions)[0], []
    else:
        return part._parse(instring, loc, do_actions, callPreParse=False)
    if part.resultsName:
        tokens = pp.ParseResults(tokens, part.resultsName, aslist=part.saveAsList, modal=part.modalResults)
    return loc, tokens


def elements(root: pp.ParserElement) -> Iterator[pp.ParserElement]:
    """Every element of the grammar ``root``, each once."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        element = stack.pop()
        if id(element) in seen:
            continue
        seen.add(id(element))
        yield element
        stack.extend(getattr(element, "exprs", ()))
        if getattr(element, "expr", None) is not None:
            stack.append(element.expr)


def guard(root: pp.ParserElement, leaves: int = LEAVES) -> pp.ParserElement:
    """Guard every choice, optional part and negative look-ahead of the grammar ``root``, and let
    its sequences step over what the guards refuse (in place); gives ``root``.

    The grammar is streamlined first, as pyparsing does before its first parse (which merges
    nested choices), so that the guards stay those of the alternatives tried.
    """
    root.streamline()
    no_default = pp.Opt(pp.Empty()).defaultValue
    for element in list(elements(root)):
        if type(element) is pp.And and not any(type(e) is pp.And._ErrorStop for e in element.exprs):
            element.__class__ = GuardedAnd
        elif type(element) is pp.MatchFirst:
            element.__class__ = GuardedMatchFirst
            element.guard_leaves, element.guards = leaves, None
        elif type(element) is pp.NotAny or (type(element) is pp.Opt and element.defaultValue is no_default):
            element.__class__ = GuardedNotAny if type(element) is pp.NotAny else GuardedOpt
            element.guard_leaves, element.guard = leaves, None
    return root
