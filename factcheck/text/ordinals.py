"""Ordinal numbers in text: '16th', 'fifth', 'twenty-first', '43rd-most' -> 16, 5, 21, 43.

Takes a text and the spans to read (sentences); gives ``OrdinalSpan`` values. Only what rules
with an ``{name:ordinal}`` slot read, such as a named subject's rank ("the world's
16th-largest economy").
"""

from __future__ import annotations

import re
from typing import NamedTuple

_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TENTHS = tuple(tens[:-1] + "ieth" for tens in _TENS)   # twentieth ... ninetieth

WORDS: dict[str, int] = {
    **{word: number for number, word in enumerate(_UNITS, 1)},
    **{word: number for number, word in enumerate(_TEENS, 10)},
    **{word: 10 * number for number, word in enumerate(_TENTHS, 2)},
    **{f"{tens}-{unit}": 10 * tens_number + unit_number
       for tens_number, tens in enumerate(_TENS, 2) for unit_number, unit in enumerate(_UNITS, 1)},
}

_ORDINAL = re.compile(
    r"(?<![\w.,-])(?:(?P<digits>[1-9]\d{0,2})(?:st|nd|rd|th)|(?P<word>"
    + "|".join(sorted(WORDS, key=len, reverse=True)) + r"))(?![\w'])",
    re.IGNORECASE)


class OrdinalSpan(NamedTuple):
    start: int
    end: int
    number: int
    text: str


def find_ordinals(text: str, within: list[tuple[int, int]]) -> list[OrdinalSpan]:
    """The ordinals in the spans ``within`` of ``text``, in order."""
    out = []
    for start, end in within:
        for match in _ORDINAL.finditer(text, start, end):
            digits = match.group("digits")
            number = int(digits) if digits else WORDS[match.group("word").lower()]
            out.append(OrdinalSpan(match.start(), match.end(), number, match.group()))
    return out
