"""How far an attempt of a regex may read from where it starts.

A scan for matches that start inside a range (a sentence worth reading) must let the regex see
past the range's end, as far as a match starting inside could read, and no further: the rest
is text the scan would read for nothing.
"""

from __future__ import annotations

from re import _parser


def reach(source: str, flags: int = 0) -> int:
    """How many characters from where it starts an attempt of the regex ``source`` may read: its
    widest match plus the two characters a lookahead after it may peek at (lookbehinds read
    backwards). ValueError for a regex whose matches have no widest (``+``, ``*``)."""
    widest = _parser.parse(source, flags).getwidth()[1]
    if widest >= _parser.MAXREPEAT:
        raise ValueError(f"a regex of unbounded width: {source!r}")
    return widest + 2
