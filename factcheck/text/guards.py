"""Quick refusals for a pyparsing grammar's choices, made from the grammar's own elements.

Takes an element of a built grammar; gives a regex that matches wherever the element may match
(:func:`guard_regex`). :mod:`factcheck.text.direct` tries an alternative of a choice, an
optional part or a negative look-ahead only where its regex matches: a choice tries its
alternatives one by one, and most of what a parse costs is alternatives that fail where only
the last of several matches ("in 2023" after "2023-10-25", "2019-sep-1", "the 1990s" and
"2017 April" were tried).

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
