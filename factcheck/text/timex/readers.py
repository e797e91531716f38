"""Reading a time phrase at a candidate: the grammar, memoized on the part of the window it reads.

Takes a window of normalized text starting where a phrase may start, and the class of its
first word; gives ``(phrase, end)`` or None (:func:`parse_phrase`), as the grammar of
:mod:`.grammar` reads it, memoized on the shortest prefix of the window that decides it
(:func:`memo_key_length`).
"""

from __future__ import annotations

import functools
import re

from factcheck.text.direct import compiled
from factcheck.text.guards import LEAVES
from factcheck.text.timex.grammar import PHRASES, VOCABULARY
from factcheck.text.timex.intervals import Phrase
from factcheck.text.timex.vocabulary import MONTH_ABBREVIATIONS, WEEKDAY_ABBREVIATIONS

# The grammar reads words of its vocabulary, digits, "-,/.'" and white space. Past the longest
# prefix of such tokens it can only try its words on the next word, which fails within that
# word's shortest prefix no vocabulary word begins with; only after a number does it look at a
# whole word ("2023 tonnes"; "per cent" and "local time" have their first word in the
# vocabulary). So what it makes of a window depends only on that prefix of the window plus
# one character: the memo key. Parsing the key gives what parsing the window gives, and a
# phrase that recurs ("on Tuesday, th", "in 2023 a") is parsed once per process.
_KEY_TOKEN = re.compile(r"\s+|[0-9]+[A-Za-z]*|[A-Za-z]+|[-,/.']")
_KEY_WORD = re.compile(r"[A-Za-z0-9_$]*.?", re.DOTALL)
#: The grammar's words, and the pieces of words it reads: Q3, H1, 1990's, per cent, local time
KEY_VOCABULARY = frozenset(VOCABULARY | {"q", "h", "s", "per", "cent", "local"})
_VOCABULARY_PREFIXES = frozenset(w[:n] for w in KEY_VOCABULARY for n in range(1, len(w) + 1))


_ABBREVIATIONS = frozenset({*MONTH_ABBREVIATIONS, *WEEKDAY_ABBREVIATIONS})


def memo_key_length(window: str) -> int:
    """The length of the prefix of ``window`` that decides what the grammar makes of it."""
    pos = 0
    after_number = False
    previous = ""
    vocabulary = KEY_VOCABULARY
    while (token := _KEY_TOKEN.match(window, pos)) is not None:
        word = token[0]
        if word == "." and previous not in _ABBREVIATIONS:
            return min(len(window), pos + 2)    # a full stop the grammar only looks past ("3.5")
        if word[0].isalpha():
            if word.lower() not in vocabulary:
                break
            after_number = False
        elif word[0].isdigit():
            after_number = True
        elif not word[0].isspace():
            after_number = False
        if not word[0].isspace():
            previous = word.lower()
        pos = token.end()
    if after_number:
        return _KEY_WORD.match(window, pos).end()
    end = pos + 1
    while end <= len(window) and window[pos:end].lower() in _VOCABULARY_PREFIXES:
        end += 1
    return min(len(window), end + 1)


def memo_key(window: str) -> str:
    """The part of ``window`` that decides what the grammar makes of it (see memo_key_length),
    a line break after a closing full stop written as a space: the grammar reads that character
    only to see it is no digit, and skips both alike ("in May.\n" and "in May. " are one key)."""
    key = window[:memo_key_length(window)]
    if key[-2:-1] == "." and key[-1:] in ("\n", "\r"):
        key = key[:-1] + " "
    return key


#: The phrase grammars, compiled (see :mod:`factcheck.text.direct`), each choice trying only the
#: alternatives whose first leaves match (see :mod:`factcheck.text.guards`)
_PARSERS = dict(zip(PHRASES, compiled(*PHRASES.values(), guard_leaves=LEAVES)))


@functools.lru_cache(maxsize=8192)
def parse_phrase(word_class: str, key: str) -> tuple[Phrase, int] | None:
    """(phrase, where it ends) of the time phrase at the start of ``key``, or None."""
    tokens = _PARSERS[word_class](key)
    if tokens is None:
        return None
    phrase, last = tokens
    return phrase, last
