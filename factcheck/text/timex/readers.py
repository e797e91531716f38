"""Reading a time phrase at a candidate: a memo key, and quick readings for common cases.

Takes a window of normalized text starting where a phrase may start, and the class of its
first word; gives ``(start, phrase, end)`` or None (:func:`parse_phrase`), as the grammar of
:mod:`.grammar` reads it. For the three classes most candidates have (a year, a month, a day
before a month), a ``fast_*`` reader gives the grammar's answer for their common cases with the
grammar's own leaves, and :data:`UNKNOWN` where only the grammar can tell; the result is
memoized on the shortest prefix of the window that decides it (:func:`memo_key_length`).
"""

from __future__ import annotations

import functools
import re
from datetime import date

import pyparsing as pp

from factcheck.text.timex.grammar import LEAVES, PHRASES, VOCABULARY, iso_day
from factcheck.text.timex.intervals import BareYear, Fixed, Month, MonthDay, Phrase, YearRef
from factcheck.text.timex.vocabulary import (
    DAY_ORDINALS, MONTH_ABBREVIATIONS, MONTHS, SMALL_NUMBERS, TENS, VERB_MONTHS, WEEKDAY_ABBREVIATIONS,
)

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


@functools.lru_cache(maxsize=8192)
def parse_phrase(word_class: str, key: str) -> tuple[int, Phrase, int] | None:
    """(start, phrase, end) of the time phrase at the start of ``key``, or None."""
    if word_class in FAST:
        fast = FAST[word_class](key)
        if fast is not UNKNOWN:
            return fast
    try:
        first, (phrase,), last = PHRASES[word_class].parse_string(key)
    except pp.ParseBaseException:
        return None
    return first, phrase, last


UNKNOWN = object()
_SPACE = re.compile(r"[ \n\t\r]*")    # pyparsing's white space
_WORD = re.compile(r"[A-Za-z]+")
#: Words a day or a year in words may begin with ("May twenty-first", "May the eleventh",
#: "March 3, nineteen ninety"): the quick readings leave those to the grammar
_SPELLED_STARTS = frozenset({"the", *(w.split()[0].split("-")[0] for w in DAY_ORDINALS), *SMALL_NUMBERS, *TENS})


def _spelled_next(window: str, at: int) -> bool:
    """Whether the word at ``at`` may begin a day or a year in words."""
    word = _WORD.match(window, at)
    return word is not None and word[0].lower() in _SPELLED_STARTS


def _lead(window: str) -> tuple[int, str | None, int]:
    """(where the phrase starts, its preposition or None, where the word after it starts)."""
    first = _SPACE.match(window).end()
    found = LEAVES["preposition"].re.match(window, first)
    if found is None:
        return first, None, first
    return first, " ".join(found[0].lower().split()), _SPACE.match(window, found.end()).end()


def _month_word(window: str, at: int) -> tuple[int | None, int, bool]:
    """(month, end, whether a full name) of the month name or abbreviation at ``at``; month None
    where there is none or the grammar refuses it ("may" and "march" in lower case are verbs)."""
    name = LEAVES["month_name"].re.match(window, at)
    word = name or LEAVES["month_abbr"].re.match(window, at)
    if word is None or (word[0].lower() in VERB_MONTHS and word[0][:1].islower()):
        return None, at, False
    end = word.end()
    if name is None and window.startswith(".", end):
        end += 1                                    # "Aug." (the dot is read only right after)
    return (MONTHS if name else MONTH_ABBREVIATIONS)[word[0].lower()], end, name is not None


def _dated(window: str, first: int, preposition: str | None, month: int, day: re.Match[str],
           at: int):
    """A date with its day read, the grammar's optional "[,] year" at ``at`` still to read."""
    last = at
    year_value = None
    at_year = _SPACE.match(window, at + 1 if window.startswith(",", at) else at).end()
    stated = LEAVES["stated_year"].re.match(window, at_year)
    if stated is not None:
        year_value, last = int(stated[0]), stated.end()
    elif _spelled_next(window, at_year):
        return UNKNOWN                              # perhaps a year in words
    day_value = int(re.match(r"[0-9]+", day[0])[0])
    try:
        if year_value is None:
            date(2000, month, day_value)            # 29 February may exist
            value = MonthDay(month, day_value, None)
        else:
            value = Fixed(date(year_value, month, day_value), date(year_value, month, day_value), "day")
    except ValueError:
        return UNKNOWN
    return first, Phrase(preposition, value), last


def fast_year(window: str):
    """What the "year" phrase grammar makes of ``window`` in its common cases, read with the
    grammar's own leaves: [preposition] ISO date, [preposition] four-digit year. UNKNOWN
    wherever the grammar would go on to its other alternatives (a decade, "the", a year range,
    a leaf's parse action refusing), so that the grammar decides those."""
    leaves = LEAVES
    first, preposition, at = _lead(window)
    iso = leaves["iso_date"].re.match(window, at)
    if iso is not None:
        try:
            day = iso_day(iso[0])
        except ValueError:
            return UNKNOWN
        return first, Phrase(preposition, Fixed(day, day, "day")), iso.end()
    if window[at:at + 3].lower() == "the" or leaves["decade"].re.match(window, at):
        return UNKNOWN
    year = leaves["year"].re.match(window, at)
    if year is None:
        return None
    end = _SPACE.match(window, year.end()).end()
    if window[end:end + 1] in ("-", "/") or leaves["month_name"].re.match(window, end):
        return UNKNOWN                 # perhaps a range of years ("2019-21"), a month ("2017 April")
    if window.startswith(",", end):
        after = _SPACE.match(window, end + 1).end()
        if leaves["month_name"].re.match(window, after) or leaves["month_abbr"].re.match(window, after):
            return UNKNOWN             # perhaps "2016, nov"
    value = int(year[0])
    return first, Phrase(preposition, BareYear(date(value, 1, 1), date(value, 12, 31), "year")), end


def fast_month(window: str):
    """What the "month" phrase grammar makes of ``window`` in its common cases, read with the
    grammar's own leaves: [preposition] Month day[, year] ("on October 25, 2023", "Aug. 26"),
    [preposition] Month year ("September 2023"), [preposition] Month ("in February").
    UNKNOWN wherever the grammar would go on to alternatives this does not follow."""
    leaves = LEAVES
    first, preposition, at = _lead(window)
    if leaves["weekday"].re.match(window, at) or leaves["which"].re.match(window, at):
        return UNKNOWN
    month, end, named = _month_word(window, at)
    if month is None:
        return UNKNOWN
    # full date: Month day [- day] [[,] year]
    at_day = _SPACE.match(window, end).end()
    if window[at_day:at_day + 1] in ("-", "/") or _spelled_next(window, at_day):
        return UNKNOWN                              # "Oct-2", "May the eleventh", "May twenty-first"
    day = leaves["day"].re.match(window, at_day)
    if day is not None:
        after_day = _SPACE.match(window, day.end()).end()
        if window.startswith("-", after_day):
            return UNKNOWN                         # perhaps a range of days
        return _dated(window, first, preposition, month, day, after_day)
    after_comma = _SPACE.match(window, at_day + 1).end() if window.startswith(",", at_day) else None
    if (window[at_day:at_day + 2].lower() == "of" or leaves["which"].re.match(window, at_day)
            or (after_comma is not None and leaves["stated_year"].re.match(window, after_comma))):
        return UNKNOWN                             # "May of 2021", "Dec, 2018", "September last year"
    stated = leaves["stated_year"].re.match(window, at_day)
    if stated is not None:
        return first, Phrase(preposition, Month(month, year=YearRef(year=int(stated[0])))), stated.end()
    if not named:
        return UNKNOWN                              # "in Aug": the grammar decides
    return first, Phrase(preposition, Month(month, which="")), end


def fast_number(window: str):
    """What the "number" phrase grammar makes of ``window`` in its common case, read with the
    grammar's own leaves: [preposition] day Month [[,] year] ("on 9 December 2022"). UNKNOWN
    wherever the grammar would go on to alternatives this does not follow ("in 3 weeks",
    "the 9th of", "3 weeks ago", quarters and halves)."""
    leaves = LEAVES
    first, preposition, at = _lead(window)
    if window[first:first + 2].lower() == "in":
        return UNKNOWN                             # "in 3 weeks' time" comes first
    if window[at:at + 3].lower() == "the" or leaves["weekday"].re.match(window, at):
        return UNKNOWN
    day = leaves["day"].re.match(window, at)
    if day is None:
        return UNKNOWN
    at_month = _SPACE.match(window, day.end()).end()
    if window.startswith("-", at_month) or window[at_month:at_month + 2].lower() == "of":
        return UNKNOWN
    month, end, _named = _month_word(window, at_month)
    if month is None:
        return UNKNOWN
    return _dated(window, first, preposition, month, day, _SPACE.match(window, end).end())


#: the quick readings, by word class: only where they save most of the cost (the classes most
#: candidates have; the others are cheap to parse: their grammars' guards refuse at once)
FAST = {"year": fast_year, "month": fast_month, "number": fast_number}
