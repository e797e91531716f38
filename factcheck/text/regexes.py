"""Regexes built for speed: alternations factored into tries, and how far a regex reads.

A scan for matches that start inside a range (a sentence worth reading) must let the regex see
past the range's end, as far as a match starting inside could read, and no further: the rest
is text the scan would read for nothing (see :func:`reach`).
"""

from __future__ import annotations

import re
from re import _parser


def reach(source: str, flags: int = 0) -> int:
    """How many characters from where it starts an attempt of the regex ``source`` may read: its
    widest match plus the two characters a lookahead after it may peek at (lookbehinds read
    backwards). ValueError for a regex whose matches have no widest (``+``, ``*``)."""
    widest = _parser.parse(source, flags).getwidth()[1]
    if widest >= _parser.MAXREPEAT:
        raise ValueError(f"a regex of unbounded width: {source!r}")
    return widest + 2


def trie(phrases: list[str]) -> str:
    """An alternation of lower-case ``phrases`` factored by common prefixes, so that it fails
    after one character on most inputs; a space in a phrase matches a run of spaces."""
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alternatives = [("[ ]+" if char == " " else re.escape(char)) + emit(child)
                        for char, child in sorted(node.items()) if char]
        if not alternatives:
            return ""
        if "" in node:
            return "(?:" + "|".join(alternatives) + ")?"
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return emit(root)
