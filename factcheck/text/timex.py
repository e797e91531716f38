"""Time expressions in news text, resolved to closed date intervals.

``find_times(text, published)`` returns one ``TimeSpan`` per expression, sorted by offset,
non-overlapping, leftmost-longest. A span includes its introducing preposition ("since
September", "through Saturday") and ``relation`` says which one it was::

    in, on, during, throughout, (none)        -> "at"
    since                                     -> "since"
    until, till, 'til, through, thru, to      -> "until"
    from -> "from"   by -> "by"   before, prior to, ahead of -> "before"   after -> "after"

How it works
------------
One compiled regular expression (``_TRIGGER``) finds "core" words: month and weekday names,
seasons, day/week/month/quarter/year/decade, today/tomorrow/..., Q1-Q4, H1/H2, four-digit
numbers. Each hit is widened backwards over up to six "lead" words (prepositions, the, of,
this/last/next, early/mid/late, end, numbers, ordinals ...). At each word start of that run,
leftmost first, a pyparsing grammar is tried on a short window of text; the first that matches
wins and the scan goes on after the match. The grammar is split by the class of the word after
the optional preposition (``_PHRASES["month"]``, ``["year"]``, ``["the"]`` ...), so an attempt
only tries alternatives that can begin with that word. Running pyparsing at these few places
only keeps the cost one regex pass plus a bounded amount of work per candidate: linear in the
size of the text. Within a class the alternatives are ordered most specific first
(``MatchFirst``), which yields the longest reading at a position.

Resolution rules (``published`` is the article's publication date)
-------------------------------------------------------------------
* Absolute: ``2023-10-25``, ``October 25, 2023``, ``Oct. 25, 2023``, ``25 October 2023``,
  ``the 25th of October``, ``October 25-27, 2023`` (precision "range"), ``September 2023``,
  ``May of 2021``, ``in 2019``, ``2019-21`` (range), ``the 1990s`` (decade), ``spring 2022``,
  ``the summer of 2022``, ``winter 2022-23``, ``Q3 2023``, ``the third quarter of 2023``,
  ``the first half of 2023`` / ``H1 2023`` (range).
* A day and month without a year (``October 25``) take the publication year.
* Bare years (1000-2199) count only in a date-like context: after in/since/until/till/through/
  to/by/from/during/before/after/of/"year", or as ``2019's``. Quantities (``2023 tonnes``,
  ``1500 GMT``, ``2,023``, ``2023.5``) are not years.
* ``early``/``mid``/``late`` and ``the start/middle/end of`` take the first, middle or last
  third: of a year Jan-Apr / May-Aug / Sep-Dec, of a decade years 0-3 / 4-6 / 7-9, of a month
  days 1-10 / 11-20 / 21-end, of a season or quarter its first / second / third month, of a
  week Mon-Tue / Wed-Thu / Fri-Sun ("range"); of a day, the day itself.
* Seasons are meteorological, northern hemisphere: spring Mar-May, summer Jun-Aug, autumn/fall
  Sep-Nov, winter Dec-Feb; "winter 2022" is Dec 2022 - Feb 2023.
* ``today``/``tonight``/``this morning`` = published; ``yesterday``/``last night`` = -1 day;
  ``tomorrow`` = +1 day.
* ``last/this/next week|month|quarter|year`` are calendar units next to the one holding the
  publication date (weeks run Monday-Sunday).
* ``N days/weeks/months/years ago`` and ``in N ...`` (N >= 2, or "in a week's time") are the
  day/week/month/year that far away, at that precision; ``N decades ago`` is a year.
* ``the past/last N units`` is the rolling interval [published - N units, published],
  ``the next/coming N units`` [published, published + N units] ("range").
* ``earlier this week|month|year`` = start of that unit .. published; ``later this ...`` =
  published .. end of that unit ("range").
* ``this November`` = November of the publication year; ``last November`` = the latest one
  before the publication month; ``next November`` = the first one after it. ``this/last/next``
  seasons work the same way ("this" = the one of the publication year; for winter published in
  Jan/Feb, the winter under way). ``this Wednesday`` = the Wednesday of the publication week;
  ``last``/``next Wednesday`` = strictly before/after the publication date.
* Tense. A weekday, month, season or quarter with no year and no this/last/next is resolved
  by the tense of its sentence (text back to the previous ``[.!?]`` + whitespace): if a future
  marker (will, 'll, shall, is/are to, is due/scheduled/set/expected to, plans to, next ...)
  comes before the expression, a weekday is the first such day strictly after ``published``
  and a month/season/quarter the first one that has not ended by then; otherwise the weekday is
  the latest one on or before ``published`` and the month/season/quarter the latest one that
  has begun by then.

Deliberate refusals: lowercase "may"/"march"/"mar" (verbs), bare "May" with no preposition,
day or year ("May I ask"), a bare month after an article or before "of"/a capitalised word
("the March of Dimes", "April Smith"), seasons and "Q3" without a preposition, year or
this/last/next ("prices fall", "the Audi Q3"), weekdays named as feasts or events ("Black
Friday", "Good Friday"), "last week/year of ..." ("the last year of the war"), "in a day"
(a duration), vague phrases ("days ago", "recent years", "the coming days").

Not covered: numeric dates such as 10/25/2023 (day/month order is ambiguous), abbreviated
weekdays (Wed., Sat), two-digit decades ('90s), centuries, fiscal years, holidays, "between X
and Y" as one range, "a year earlier" (relative to another event, not to publication), times
of day (beyond "morning"/"night" being absorbed into the day).
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

import pyparsing as pp
from dateutil.relativedelta import relativedelta

from factcheck import resources
from factcheck.dates import DateRange
from factcheck.text.chars import translator
from factcheck.errors import InputError
from factcheck.text.regexes import reach, trie

__all__ = ["TimeSpan", "find_times"]


class TimeSpan(NamedTuple):
    """One time expression: where it is, what it says, and the days it covers."""

    start: int          # character offsets into the text given; text[start:end] == text
    end: int
    date_from: date     # inclusive
    date_until: date    # inclusive
    text: str
    precision: str      # day, week, month, season, quarter, year, decade, range
    relation: str       # at, since, until, from, by, before, after

    def as_range(self) -> DateRange:
        return DateRange(self.date_from, self.date_until, self.precision)


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Month words that are far more often verbs when written in lower case.
_VERB_MONTHS = {"may", "march", "mar"}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
_SEASONS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn",
            "winter": "winter"}
_SEASON_FIRST_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
_UNITS = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "quarter": "quarter", "quarters": "quarter", "year": "year",
    "years": "year", "decade": "decade", "decades": "decade",
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4, "final": 4}
_PART_WORDS = {"early": "early", "mid": "mid", "late": "late", "start": "early",
               "beginning": "early", "middle": "mid", "end": "late"}
_PREPOSITIONS = {
    "in": "at", "on": "at", "during": "at", "throughout": "at", "since": "since",
    "until": "until", "till": "until", "til": "until", "through": "until", "thru": "until",
    "to": "until", "from": "from", "by": "by", "before": "before", "after": "after",
    "prior to": "before", "ahead of": "before",
}
# Prepositions that make a bare four-digit number a year ("in 2019", "by 2030").
_YEAR_PREPOSITIONS = set(_PREPOSITIONS) - {"on"}

# Words after a number that make it a quantity or a clock time rather than a year or a day
# (rules/lexicon/units.toml).
_QUANTITY_WORDS = "|".join(resources.lexicon_file("units")["not_a_date_before"])
_NOT_A_QUANTITY = (
    r"(?!\.[0-9])(?!,[0-9]{3}(?![0-9]))"
    r"(?!\s*%)(?!\s*(?:" + _QUANTITY_WORDS + r")\b)"
)

# Typographic apostrophes, dashes and spaces mapped one character to one character, so
# offsets into the normalised copy are offsets into the original text.
_NORMALISE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",
    "\t": " ", "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ",
    "\u2002": " ", "\u2003": " ", "\u3000": " ",
})

_normalise = translator(_NORMALISE)


# --------------------------------------------------------------------------------------------
# Calendar helpers
# --------------------------------------------------------------------------------------------

Interval = tuple[date, date, str]


def _day(d: date) -> Interval:
    return d, d, "day"


def _week(d: date) -> Interval:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6), "week"


def _month(year: int, month: int) -> Interval:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month"


def _quarter(year: int, quarter: int) -> Interval:
    first = date(year, 3 * quarter - 2, 1)
    return first, first + relativedelta(months=3, days=-1), "quarter"


def _year(year: int) -> Interval:
    return date(year, 1, 1), date(year, 12, 31), "year"


def _season(season: str, year: int) -> Interval:
    """The season that starts in ``year`` (winter runs on into February of ``year + 1``)."""
    first = date(year, _SEASON_FIRST_MONTH[season], 1)
    return first, first + relativedelta(months=3, days=-1), "season"


def _shift(unit: str, published: date, n: int) -> Interval:
    """The calendar ``unit`` ``n`` steps from the one holding ``published``."""
    if unit == "day":
        return _day(published + timedelta(days=n))
    if unit == "week":
        return _week(published + timedelta(weeks=n))
    if unit == "month":
        shifted = published.replace(day=1) + relativedelta(months=n)
        return _month(shifted.year, shifted.month)
    if unit == "quarter":
        index = published.year * 4 + (published.month - 1) // 3 + n
        return _quarter(index // 4, index % 4 + 1)
    if unit == "decade":      # "a decade ago": the year ten years back, not a whole decade
        return _year(published.year + 10 * n)
    return _year(published.year + n)


def _delta(unit: str, n: int) -> relativedelta:
    if unit == "day":
        return relativedelta(days=n)
    if unit == "week":
        return relativedelta(weeks=n)
    if unit == "month":
        return relativedelta(months=n)
    if unit == "quarter":
        return relativedelta(months=3 * n)
    if unit == "decade":
        return relativedelta(years=10 * n)
    return relativedelta(years=n)


def _third(interval: Interval, part: str) -> Interval:
    """The early / mid / late third of an interval, split the way people say it."""
    lo, hi, precision = interval
    index = {"early": 0, "mid": 1, "late": 2}[part]
    if precision == "day":
        return interval
    if precision in ("year", "season", "quarter"):
        step = 4 if precision == "year" else 1          # months per third
        first = lo + relativedelta(months=step * index)
        return first, first + relativedelta(months=step, days=-1), "range"
    if precision == "decade":
        first, last = ((0, 3), (4, 6), (7, 9))[index]
        return date(lo.year + first, 1, 1), date(lo.year + last, 12, 31), "range"
    if precision == "month":
        first, last = ((1, 10), (11, 20), (21, hi.day))[index]
        return lo.replace(day=first), lo.replace(day=last), "range"
    if precision == "week":
        first, last = ((0, 1), (2, 3), (4, 6))[index]
        return lo + timedelta(days=first), lo + timedelta(days=last), "range"
    raise ValueError(f"no thirds of a {precision}")


# --------------------------------------------------------------------------------------------
# What the grammar produces: unresolved, typed values. ``resolve`` turns them into intervals
# once the publication date and the sentence's tense are known.
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Fixed:
    """Anything stated completely: 2023-10-25, September 2023, the 1990s."""
    lo: date
    hi: date
    precision: str
    uses_tense = False

    def resolve(self, published: date, future: bool) -> Interval:
        return self.lo, self.hi, self.precision


@dataclass(frozen=True)
class _BareYear(_Fixed):
    """A year (or year range) standing on its own: only a time in a date-like context."""


@dataclass(frozen=True)
class _YearRef:
    """The year in "of 2023", "of last year", "of the year"."""
    year: int | None = None     # stated
    offset: int = 0             # else relative to the publication year
    uses_tense = False

    def of(self, published: date) -> int:
        return self.year if self.year is not None else published.year + self.offset

    def resolve(self, published: date, future: bool) -> Interval:
        return _year(self.of(published))


@dataclass(frozen=True)
class _MonthDay:
    """October 25 / October 25-27 without a year: the publication year."""
    month: int
    day: int
    last_day: int | None = None
    uses_tense = False

    def resolve(self, published: date, future: bool) -> Interval:
        first = date(published.year, self.month, self.day)
        if self.last_day is None:
            return _day(first)
        return first, date(published.year, self.month, self.last_day), "range"


@dataclass(frozen=True)
class _Month:
    month: int
    which: str = ""                 # "", "this", "last", "next"
    year: _YearRef | None = None    # "September last year", "May of 2021"

    @property
    def uses_tense(self) -> bool:
        return self.year is None and not self.which

    @property
    def bare(self) -> bool:
        return self.uses_tense

    def resolve(self, published: date, future: bool) -> Interval:
        m, y = self.month, published.year
        if self.year is not None:
            y = self.year.of(published)
        elif self.which == "last":
            y -= m >= published.month
        elif self.which == "next":
            y += m <= published.month
        elif not self.which and future:
            y += m < published.month
        elif not self.which:
            y -= m > published.month
        return _month(y, m)


@dataclass(frozen=True)
class _Weekday:
    weekday: int
    which: str = ""

    @property
    def uses_tense(self) -> bool:
        return not self.which

    def resolve(self, published: date, future: bool) -> Interval:
        today = published.weekday()
        if self.which == "this":
            return _day(published + timedelta(days=self.weekday - today))
        if self.which == "last":
            return _day(published - timedelta(days=(today - self.weekday - 1) % 7 + 1))
        if self.which == "next" or future:
            return _day(published + timedelta(days=(self.weekday - today - 1) % 7 + 1))
        return _day(published - timedelta(days=(today - self.weekday) % 7))


@dataclass(frozen=True)
class _Season:
    season: str
    which: str = ""

    @property
    def uses_tense(self) -> bool:
        return not self.which

    def resolve(self, published: date, future: bool) -> Interval:
        candidates = [_season(self.season, y)
                      for y in (published.year - 2, published.year - 1, published.year,
                                published.year + 1)]
        if self.which == "this":
            # Winter straddles New Year: in January and February "this winter" is under way.
            y = published.year - (self.season == "winter" and published.month <= 2)
            return _season(self.season, y)
        if self.which == "last":
            return [c for c in candidates if c[1] < published][-1]
        if self.which == "next":
            return [c for c in candidates if c[0] > published][0]
        if future:
            return [c for c in candidates if c[1] >= published][0]
        return [c for c in candidates if c[0] <= published][-1]


@dataclass(frozen=True)
class _Quarter:
    quarter: int
    year: _YearRef | None = None
    code: bool = False          # written "Q3": needs a year or a preposition to count

    @property
    def uses_tense(self) -> bool:
        return self.year is None

    def resolve(self, published: date, future: bool) -> Interval:
        if self.year is not None:
            return _quarter(self.year.of(published), self.quarter)
        current = (published.month - 1) // 3 + 1
        if future:
            return _quarter(published.year + (self.quarter < current), self.quarter)
        return _quarter(published.year - (self.quarter > current), self.quarter)


@dataclass(frozen=True)
class _Half:
    half: int
    year: _YearRef
    uses_tense = False

    def resolve(self, published: date, future: bool) -> Interval:
        y = self.year.of(published)
        if self.half == 1:
            return date(y, 1, 1), date(y, 6, 30), "range"
        return date(y, 7, 1), date(y, 12, 31), "range"


@dataclass(frozen=True)
class _Shift:
    """A calendar unit some steps away: yesterday, last week, two years ago, in two weeks."""
    unit: str
    n: int
    uses_tense = False

    def resolve(self, published: date, future: bool) -> Interval:
        return _shift(self.unit, published, self.n)


@dataclass(frozen=True)
class _Rolling:
    """The past two years / the next three months: counted from the publication date."""
    unit: str
    n: int              # negative: back
    uses_tense = False

    def resolve(self, published: date, future: bool) -> Interval:
        other = published + _delta(self.unit, self.n)
        return min(other, published), max(other, published), "range"


@dataclass(frozen=True)
class _Rest:
    """Earlier this year / later this month: the part of the unit before or after publication."""
    unit: str
    part: str
    uses_tense = False

    def resolve(self, published: date, future: bool) -> Interval:
        lo, hi, _ = _shift(self.unit, published, 0)
        if self.part == "earlier":
            return lo, published, "range"
        return published, hi, "range"


@dataclass(frozen=True)
class _Part:
    """Early / mid / late X, the start / middle / end of X."""
    part: str
    inner: object

    @property
    def uses_tense(self) -> bool:
        return self.inner.uses_tense

    def resolve(self, published: date, future: bool) -> Interval:
        return _third(self.inner.resolve(published, future), self.part)


@dataclass(frozen=True)
class _Phrase:
    preposition: str | None
    value: object


# --------------------------------------------------------------------------------------------
# Grammar
# --------------------------------------------------------------------------------------------

#: Every word the grammar can read, filled in as it is built (see _memo_key).
_VOCABULARY: set[str] = set()
#: Leaves of the phrase grammars, for the quick readings (see _fast_year and after).
_LEAVES: dict[str, pp.ParserElement] = {}


def _fails_softly(action):
    """Turn a ValueError (e.g. 30 February) in a parse action into a failed match."""
    def wrapper(s, loc, toks):
        try:
            return action(toks)
        except (ValueError, OverflowError, KeyError) as exc:
            raise pp.ParseException(s, loc, str(exc)) from None
    return wrapper


def _named(toks: pp.ParseResults, name: str):
    """The one typed value under a results name (pyparsing wraps compound matches in a list)."""
    value = toks.get(name)
    while isinstance(value, pp.ParseResults):
        value = value[0] if len(value) else None
    return value


def _words(table: dict, name: str, check=None) -> pp.ParserElement:
    """Any key of ``table`` as a case-insensitive whole word, parsed to its value.

    ``check(s, loc, toks)`` may veto the word as written before it becomes a value.
    """
    # One regex rather than a MatchFirst of keywords: a single call per attempt, which is
    # what keeps parsing at a candidate cheap. Longest first: "sept" before "sep".
    keys = sorted(table, key=len, reverse=True)
    _VOCABULARY.update(w.lower() for k in keys for w in k.split())
    alternatives = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)
    expr = pp.Regex(r"(?:" + alternatives + r")(?![A-Za-z0-9_$])", flags=re.IGNORECASE)
    actions = ([check] if check else []) + [lambda t: table[" ".join(t[0].lower().split())]]
    return expr.set_parse_action(*actions).set_name(name)


def _one_of(*words: str, name: str) -> pp.ParserElement:
    """Any of ``words`` as a whole word, parsed to its lower-case form."""
    return _words({w: w for w in words}, name)


def _kw(word: str) -> pp.ParserElement:
    _VOCABULARY.add(word.lower())
    return pp.CaselessKeyword(word).set_name(repr(word))


def _rx(pattern: str, name: str) -> pp.ParserElement:
    return pp.Regex(pattern, flags=re.IGNORECASE).set_name(name)


def _reject_verb_months(s: str, loc: int, toks: pp.ParseResults) -> None:
    word = s[loc:loc + len(toks[0])]
    if word.lower() in _VERB_MONTHS and word[:1].islower():
        raise pp.ParseException(s, loc, f"{word!r} is a verb here")


_WHICH_OFFSET = {"last": -1, "this": 0, "next": 1}   # "last year", "this week", "next month"


def _build_grammar() -> dict[str, pp.ParserElement]:
    """The phrase grammars, one per class of the word after the optional preposition."""
    THE = _kw("the").suppress()
    OF = _kw("of").suppress()
    COMMA = pp.Suppress(",")
    DASH = pp.Suppress(pp.Literal("-"))
    SLASH_OR_DASH = pp.Suppress(pp.one_of("- /"))

    # -- numbers ---------------------------------------------------------------------------
    year = _rx(r"(?:1[0-9]{3}|2[01][0-9]{2})(?![0-9A-Za-z])(?!\.[0-9])(?!,[0-9]{3}(?![0-9]))",
               "year").set_parse_action(lambda t: int(t[0]))
    short_year = _rx(r"[0-9]{2}(?![0-9A-Za-z])", "two-digit year").set_parse_action(
        lambda t: int(t[0]))
    day = _rx(r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9A-Za-z])" + _NOT_A_QUANTITY,
              "day of month").set_parse_action(lambda t: int(re.match(r"[0-9]+", t[0])[0]))
    number = (_words(_NUMBER_WORDS, "number word")
              | _rx(r"[0-9]{1,3}(?![0-9A-Za-z,.])", "count").set_parse_action(
                  lambda t: int(t[0]))).set_name("number")

    # -- names -----------------------------------------------------------------------------
    month_name = _words(_MONTHS, "month name", _reject_verb_months)
    month_abbr = (_words(_MONTH_ABBREVIATIONS, "month abbreviation", _reject_verb_months)
                  + pp.Opt(pp.Literal(".").leave_whitespace()).suppress())
    month_any = (month_name | month_abbr).set_name("month")
    weekday = _words(_WEEKDAYS, "weekday")
    season = _words(_SEASONS, "season")
    unit = _words(_UNITS, "unit")
    unit_word = _one_of(*_UNITS, name="unit word")        # as written: plural or not
    calendar_unit = _one_of("week", "month", "quarter", "year", name="calendar unit")
    which = _one_of("last", "this", "next", name="this/last/next")
    part_of_day = _one_of("morning", "afternoon", "evening", "night", name="part of day")
    ordinal = _words(_ORDINALS, "ordinal")

    # -- year references -------------------------------------------------------------------
    stated_year = year.copy().add_parse_action(lambda t: _YearRef(year=t[0]))
    relative_year = (which("which") + _kw("year")).set_parse_action(
        lambda t: _YearRef(offset=_WHICH_OFFSET[t.which]))
    the_year = (THE + _kw("year")).set_parse_action(lambda t: _YearRef())
    year_ref = (stated_year | relative_year).set_name("year reference")
    of_year_ref = (OF + (year_ref | the_year)).set_name("of-year")

    # -- dates -----------------------------------------------------------------------------
    @_fails_softly
    def dated(t):
        month, first, last, y = _named(t, "month"), t.day, t.get("day2"), t.get("year")
        if last is not None and last <= first:
            raise ValueError("day range runs backwards")
        if y is None:
            date(2000, month, last or first)            # a leap year: 29 February may exist
            return _MonthDay(month, first, last)
        if last is None:
            return _Fixed(date(y, month, first), date(y, month, first), "day")
        return _Fixed(date(y, month, first), date(y, month, last), "range")

    year_tail = pp.Opt(pp.Opt(COMMA) + year("year"))
    day_span = day("day") + pp.Opt(DASH + day("day2"))
    month_day_year = month_any("month") + day_span + year_tail
    day_month_year = pp.Opt(THE) + day_span + pp.Opt(OF) + month_any("month") + year_tail
    weekday_lead = pp.Opt(weekday + pp.Opt(COMMA)).suppress()     # "Wednesday, Oct. 25"
    full_date = (weekday_lead + (month_day_year | day_month_year)).set_parse_action(dated)
    full_date.set_name("date")

    iso_date = _rx(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])", "ISO date").set_parse_action(
        _fails_softly(lambda t: _Fixed(date.fromisoformat(t[0]), date.fromisoformat(t[0]),
                                       "day")))

    month_in_year = (month_any("month") + (of_year_ref | year_ref)("year")).set_parse_action(
        lambda t: _Month(_named(t, "month"), year=_named(t, "year")))
    month_in_year.set_name("month and year")
    month_plain = ((which("which") + month_name("month"))
                   | (month_name("month") + ~OF)).set_parse_action(
        lambda t: _Month(_named(t, "month"), which=t.get("which", "")))
    month_plain.set_name("month")

    # -- weeks and days --------------------------------------------------------------------
    weekday_phrase = (pp.Opt(which("which")) + weekday("weekday") + pp.Opt(part_of_day)
                      ).set_parse_action(lambda t: _Weekday(t.weekday, t.get("which", "")))
    weekday_phrase.set_name("weekday phrase")
    day_word = (_words({"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}, "day word")
                + pp.Opt(part_of_day).suppress())
    day_phrase = (day_word.copy().add_parse_action(lambda t: _Shift("day", t[0]))
                  | (_kw("last") + _kw("night")).set_parse_action(lambda: _Shift("day", -1))
                  | (_kw("this") + _one_of("morning", "afternoon", "evening", name="today's part")
                     ).set_parse_action(lambda: _Shift("day", 0))).set_name("day phrase")

    # -- relative units --------------------------------------------------------------------
    calendar_relative = (which("which") + calendar_unit("unit") + ~OF).set_parse_action(
        lambda t: _Shift(t.unit, _WHICH_OFFSET[t.which]))
    calendar_relative.set_name("last/this/next unit")
    rest_of = (_one_of("earlier", "later", name="earlier/later")("part") + _kw("this")
               + _one_of("week", "month", "year", name="unit")("unit")
               ).set_parse_action(lambda t: _Rest(t.unit, t.part))
    rest_of.set_name("earlier/later this unit")

    @_fails_softly
    def ago(t):
        if t.n < 1:
            raise ValueError("zero units ago")
        return _Shift(t.unit, -t.n)

    ago_phrase = (number("n") + unit("unit") + _kw("ago")).set_parse_action(ago)
    ago_phrase.set_name("N units ago")

    @_fails_softly
    def in_future(t):
        # "in a year" is usually a duration ("twice in a year"); only "in a week's time" is not.
        if t.n < 2 and not t.get("time"):
            raise ValueError("'in a ...' is a duration")
        return _Phrase("in", _Shift(t.unit, t.n))

    time_suffix = pp.Opt(pp.Regex(r"'s?").leave_whitespace()) + _kw("time")
    in_n_units = (_kw("in") + number("n") + unit("unit") + pp.Opt(time_suffix)("time") + ~OF
                  ).set_parse_action(in_future)
    in_n_units.set_name("in N units")

    @_fails_softly
    def rolling(t):
        n = t.get("n")
        if n is None and t.unit_word.endswith("s"):
            raise ValueError("'the past years' is vague")
        n = 1 if n is None else n
        return _Rolling(_UNITS[t.unit_word], -n if t.direction in ("past", "last") else n)

    rolling_phrase = (THE + _one_of("past", "last", "next", "coming", name="past/next")("direction")
                      + pp.Opt(number("n")) + unit_word("unit_word") + ~OF
                      ).set_parse_action(rolling)
    rolling_phrase.set_name("the past N units")

    # -- quarters, halves, seasons, decades ------------------------------------------------
    quarter_named = (pp.Opt(THE) + ordinal("q") + pp.Opt(DASH) + _kw("quarter")
                     + pp.Opt(of_year_ref)("year")).set_parse_action(
        lambda t: _Quarter(t.q, _named(t, "year")))
    quarter_last_of = (pp.Opt(THE) + _kw("last") + _kw("quarter") + of_year_ref("year")
                       ).set_parse_action(lambda t: _Quarter(4, _named(t, "year")))
    quarter_code = (_rx(r"Q[1-4](?![0-9A-Za-z])", "quarter code")("code")
                    + pp.Opt(pp.Opt(OF) + stated_year)("year")).set_parse_action(
        lambda t: _Quarter(int(t.code[1]), _named(t, "year"), code=True))
    quarter = (quarter_last_of | quarter_named | quarter_code).set_name("quarter")

    half = ((pp.Opt(THE) + _words({"first": 1, "second": 2, "1st": 1, "2nd": 2}, "half")("half")
             + pp.Opt(DASH) + _kw("half") + of_year_ref("year"))
            | (_rx(r"H[12](?![0-9A-Za-z])", "half code").set_parse_action(
                lambda t: int(t[0][1]))("half") + stated_year("year"))
            ).set_parse_action(lambda t: _Half(t.half, _named(t, "year"))).set_name("half year")

    @_fails_softly
    def season_of_year(t):
        y, y2 = t.year, t.get("year2")
        if y2 is not None and (t.season != "winter" or y2 % 100 != (y + 1) % 100):
            raise ValueError("only a winter spans two years")
        lo, hi, precision = _season(t.season, y)
        return _Fixed(lo, hi, precision)

    season_year = (pp.Opt(THE) + season("season") + pp.Opt(OF) + year("year")
                   + pp.Opt(SLASH_OR_DASH + (year | short_year)("year2"))
                   ).set_parse_action(season_of_year)
    season_relative = (which("which") + season("season")).set_parse_action(
        lambda t: _Season(t.season, t.which))
    season_plain = (pp.Opt(THE) + season("season") + ~OF).set_parse_action(
        lambda t: _Season(t.season))
    season_year.set_name("season and year")
    season_plain.set_name("season")

    @_fails_softly
    def decade_of(t):
        first = int(t[0][:4])
        return _Fixed(date(first, 1, 1), date(first + 9, 12, 31), "decade")

    decade = (pp.Opt(THE) + _rx(r"(?:1[0-9]{2}|2[01][0-9])0'?s(?![0-9A-Za-z])(?!\s+of\b)",
                                "decade")).set_parse_action(decade_of)

    @_fails_softly
    def bare_year(t):
        first, last = t.year, t.get("year2")
        if last is not None and last < 100:
            last = first - first % 100 + last
        if last is not None and not first < last <= first + 99:
            raise ValueError("not a range of years")
        return _BareYear(date(first, 1, 1), date(last or first, 12, 31),
                         "year" if last is None else "range")

    lone_year = (_rx(r"(?:1[0-9]{3}|2[01][0-9]{2})(?![0-9A-Za-z])" + _NOT_A_QUANTITY,
                     "year").set_parse_action(lambda t: int(t[0]))("year")
                 + pp.Opt(SLASH_OR_DASH + (year | short_year)("year2"))
                 ).set_parse_action(bare_year).set_name("bare year")

    # -- early / mid / late ----------------------------------------------------------------
    early_mid_late = _words({"early": "early", "mid": "mid", "late": "late"}, "early/mid/late")
    start_or_end = _words({"start": "early", "beginning": "early", "middle": "mid",
                           "end": "late"}, "start/middle/end")
    part = ((pp.Opt(THE) + early_mid_late + pp.Opt(DASH))       # early 2023, mid-2023
            | (pp.Opt(THE) + start_or_end + OF)                   # the end of 2023
            | (start_or_end + DASH)                               # end-2023 (Reuters style)
            ).set_name("part")
    the_unit = (THE + calendar_unit("unit")).set_parse_action(lambda t: _Shift(t.unit, 0))
    part_inner = (decade | month_in_year | season_year | season_relative | quarter
                  | calendar_relative | the_unit | lone_year | month_plain | weekday_phrase
                  | season_plain).set_name("what a part is of")
    part_phrase = (part("part") + part_inner("inner")).set_parse_action(
        lambda t: _Part(_named(t, "part"), _named(t, "inner")))
    part_phrase.set_name("early/mid/late phrase")

    # -- everything, most specific first ----------------------------------------------------
    ordered = [
        iso_date, full_date, month_in_year, part_phrase, half, quarter, season_year,
        season_relative, decade, ago_phrase, rolling_phrase, rest_of, day_phrase,
        calendar_relative, weekday_phrase, month_plain, season_plain, lone_year,
    ]
    # Which alternatives can begin with a word of each class (see ``_word_class``). Trying
    # only those keeps a failed attempt cheap; the order within a class stays ``ordered``.
    starts = {
        "year": {iso_date, decade, lone_year},
        "number": {full_date, half, quarter, ago_phrase},
        "count": {ago_phrase},
        "month": {full_date, month_in_year, month_plain},
        "weekday": {full_date, weekday_phrase},
        "the": {full_date, part_phrase, half, quarter, season_year, decade, rolling_phrase,
                season_plain},
        "which": {quarter, season_relative, day_phrase, calendar_relative, weekday_phrase,
                  month_plain},
        "part": {part_phrase},
        "rest": {rest_of},
        "ordinal": {half, quarter},
        "season": {season_year, season_plain},
        "day": {day_phrase},
        "code": {half, quarter},
    }

    preposition = _one_of(*_PREPOSITIONS, name="preposition")
    _LEAVES.update(preposition=preposition, iso_date=iso_date, decade=decade.exprs[-1],
                        year=lone_year.exprs[0], month_name=month_name, month_abbr=month_abbr.exprs[0],
                        day=day, stated_year=year, weekday=weekday, which=which,
                        part_of_day=part_of_day, calendar_unit=calendar_unit, season=season,
                        number_word=number.exprs[0], unit=unit)

    phrases = {}
    for word_class, members in starts.items():
        core = pp.MatchFirst([e for e in ordered if e in members]).set_name(
            f"time expression starting with a {word_class} word")
        introduced = (pp.Opt(preposition)("prep") + core("what")).set_parse_action(
            lambda t: _Phrase(t.get("prep"), _named(t, "what")))
        if word_class in ("number", "count"):
            introduced = in_n_units | introduced
        phrase = pp.Located(introduced).set_name("time phrase")
        phrase.parse_with_tabs()        # offsets must stay offsets
        phrases[word_class] = phrase
    return phrases


# One grammar per class of the first word after an optional preposition.
_PHRASES = _build_grammar()

_WORD_CLASSES = {
    **{w: "month" for w in (*_MONTHS, *_MONTH_ABBREVIATIONS)},
    **{w: "weekday" for w in _WEEKDAYS},
    **{w: "season" for w in _SEASONS},
    **{w: "count" for w in _NUMBER_WORDS},
    **{w: "part" for w in _PART_WORDS},
    **{w: "ordinal" for w in _ORDINALS},
    **{w: "day" for w in ("today", "tonight", "yesterday", "tomorrow")},
    "the": "the", "last": "which", "this": "which", "next": "which",
    "earlier": "rest", "later": "rest",
    "q1": "code", "q2": "code", "q3": "code", "q4": "code", "h1": "code", "h2": "code",
}
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_NUMBER_TOKEN = re.compile(r"[0-9]{4}s?|[0-9]{1,3}(?:st|nd|rd|th)?", re.IGNORECASE)


def _word_class(token: str) -> str | None:
    lowered = token.lower()
    if lowered[:1].isdigit():
        if not _NUMBER_TOKEN.fullmatch(lowered):
            return None
        return "year" if lowered[3:4].isdigit() else "number"
    return _WORD_CLASSES.get(lowered)


# --------------------------------------------------------------------------------------------
# Candidate finder: one regex pass over the text
# --------------------------------------------------------------------------------------------

# Words a time expression can end on or centre on: the trigger regex looks only for these.
_CORE_WORDS = (
    set(_MONTHS) | set(_MONTH_ABBREVIATIONS) | set(_WEEKDAYS) | set(_SEASONS) | set(_UNITS)
    | {"today", "tonight", "yesterday", "tomorrow", "night", "morning", "afternoon",
       "evening", "half"}
)
_CORE_WORD_SET = frozenset(w.lower() for w in _CORE_WORDS)
_TRIGGER = re.compile(
    r"(?<![\w$£€¥#@/])"             # not inside a word, an amount, a hashtag or a path
    r"(?i:" + trie(sorted({w.lower() for w in _CORE_WORDS})) + r"\b|[qQ][1-4]\b|[hH][12]\b"
    r"|[0-9]{4}(?![0-9]))",
)
_CORE_NUMBERS = re.compile(r"[0-9]{4}|[qQhH][0-9]")


def may_hold_time(text: str, words: AbstractSet[str]) -> bool:
    """Whether ``text`` (a sentence, say) may hold a time expression: False when it has none of
    the words and numbers an expression hinges on. ``words`` are its words in lower case, the
    parts of hyphenated words and words before "'s" included."""
    return not _CORE_WORD_SET.isdisjoint(words) or _CORE_NUMBERS.search(text) is not None


# Words that may lead up to a core word ("since", "the", "end of", "two", "25th", ...). A
# trigger is widened backwards over at most _MAX_LEAD of them.
_LEAD_WORDS = (
    set(p for phrase in _PREPOSITIONS for p in phrase.split()) | set(_NUMBER_WORDS)
    | set(_PART_WORDS) | set(_ORDINALS)
    | {"of", "the", "earlier", "later", "last", "this", "next", "past", "coming"}
)
_MAX_LEAD = 6
_LEAD_TOKEN = re.compile(
    r"(?<![\w$£€¥#@/])([A-Za-z]+|[0-9]{1,3}(?:st|nd|rd|th)?)(?:[ \r\n]+|[ \r\n]*-[ \r\n]*)$",
    re.IGNORECASE,
)
_NEXT_TOKEN = re.compile(r"[ \r\n]+([A-Za-z0-9]+)")
_WINDOW = 160           # longer than any expression the grammar accepts


def _lead_starts(norm: str, core_start: int) -> list[int]:
    """Where the lead words before ``core_start`` begin, leftmost first."""
    starts: list[int] = []
    at = core_start
    for _ in range(_MAX_LEAD):
        found = _LEAD_TOKEN.search(norm, max(0, at - 24), at)
        if not found or found.end() != at:
            break
        word = found[1].lower()
        if word not in _LEAD_WORDS and not word[:1].isdigit():
            break
        at = found.start(1)
        starts.append(at)
    starts.reverse()
    return starts


_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s")
_FUTURE_MARKER = re.compile(
    r"\b(?:will|shall|won't|(?:is|are|am)\s+(?:(?:due|scheduled|set|slated|expected|poised|"
    r"planned|going)\s+)?to|plans?\s+to|planning\s+to|intends?\s+to|next)\b|'ll\b",
    re.IGNORECASE,
)
_TENSE_LOOKBACK = 400   # sentences longer than this are cut: keeps the scan linear
_NAMED_DAY_WORDS = {"black", "good", "cyber", "holy", "maundy", "ash", "palm", "easter",
                    "whit", "bloody", "shrove", "super", "giving"}
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)\s+$")
_NEXT_WORD_CAPITALISED = re.compile(r"\s+[A-Z][a-z]")


def _future_context(norm: str, start: int) -> bool:
    """Whether a future marker precedes ``start`` within its sentence."""
    lo = max(0, start - _TENSE_LOOKBACK)
    chunk = norm[lo:start]
    sentence_start = 0
    for boundary in _SENTENCE_END.finditer(chunk):
        sentence_start = boundary.end()
    return _FUTURE_MARKER.search(chunk, sentence_start) is not None


def _previous_word(norm: str, start: int) -> str:
    found = _PREVIOUS_WORD.search(norm, max(0, start - 30), start)
    return found[1].lower() if found else ""


def _plausible(phrase: _Phrase, norm: str, start: int, end: int) -> bool:
    """Context checks the grammar cannot see (it only reads from ``start`` on)."""
    value, prep = phrase.value, phrase.preposition
    if isinstance(value, _BareYear):
        if norm.startswith("-", end) and norm[end + 1:end + 2].isdigit():
            return False                    # "2023-10": not a plain year, not a date we read
        return (prep in _YEAR_PREPOSITIONS or _previous_word(norm, start) in ("of", "year")
                or norm.startswith("'s", end))
    if isinstance(value, _Month) and value.bare and prep is None:
        if value.month == 5:                # "May I ask", "Theresa May"
            return False
        if _previous_word(norm, start) in ("the", "a", "an"):
            return False                    # "the March of Dimes"
        return _NEXT_WORD_CAPITALISED.match(norm, end) is None   # "April Smith"
    if isinstance(value, _Weekday) and _previous_word(norm, start) in _NAMED_DAY_WORDS:
        return False                        # "Black Friday", "Good Friday": feasts and events
    if isinstance(value, _Season) and not value.which:
        return prep is not None and prep not in ("to", "on")    # "expected to fall"
    if isinstance(value, _Quarter) and value.code and value.year is None:
        return prep is not None             # "the Audi Q3"
    return True


def _first_class(norm: str, at: int) -> tuple[str | None, bool]:
    """The class of the word a phrase at ``at`` hinges on, and whether a preposition leads."""
    token = _TOKEN.match(norm, at)
    if token is None:
        return None, False
    word = token[0].lower()
    steps = 2 if word in ("prior", "ahead") else 1 if word in _PREPOSITIONS else 0
    end = token.end()
    for _ in range(steps):
        token = _NEXT_TOKEN.match(norm, end)
        if token is None:
            return None, True
        end = token.end()
    return _word_class(token[1] if steps else token[0]), steps > 0


def _span_at(text: str, norm: str, at: int, published: date) -> TimeSpan | None:
    """The time expression starting exactly at ``at``, resolved; None if there is none."""
    word_class, introduced = _first_class(norm, at)
    if word_class is None:
        return None
    if word_class == "year" and not introduced and not _year_may_stand_alone(norm, at):
        return None                 # most bare numbers: skip the parse altogether
    window = norm[at:at + _WINDOW]
    parsed = _parse_phrase(word_class, window[:_memo_key_length(window)])
    if parsed is None:
        return None
    first, phrase, last = parsed
    start, end = at + first, at + last
    while end > start and norm[end - 1] in " \r\n":
        end -= 1                    # a trailing optional part that failed skipped whitespace
    if not _plausible(phrase, norm, start, end):
        return None
    value = phrase.value
    future = value.uses_tense and _future_context(norm, start)
    try:
        date_from, date_until, precision = value.resolve(published, future)
    except (ValueError, OverflowError, IndexError):
        return None                 # beyond date.min/date.max, 29 February of a common year
    if date_from > date_until:
        return None
    relation = _PREPOSITIONS.get(phrase.preposition, "at") if phrase.preposition else "at"
    return TimeSpan(start, end, date_from, date_until, text[start:end], precision, relation)


# The grammar reads words of its vocabulary, digits, "-,/.'" and white space. Past the longest
# prefix of such tokens it can only try its words on the next word, which fails within that
# word's shortest prefix no vocabulary word begins with; only after a number does it look at a
# whole word ("2023 tonnes"; "per cent" and "local time" have their first word in the
# vocabulary). So what it makes of a window depends only on that prefix of the window plus
# one character: the memo key. Parsing the key gives what parsing the window gives, and a
# phrase that recurs ("on Tuesday, th", "in 2023 a") is parsed once per process.
_KEY_TOKEN = re.compile(r"\s+|[0-9]+[A-Za-z]*|[A-Za-z]+|[-,/.']")
_KEY_WORD = re.compile(r"[A-Za-z0-9_$]*.?", re.DOTALL)
_VOCABULARY.update({"q", "h", "s", "per", "cent", "local"})   # Q3, H1, 1990's, per cent, local time
_VOCABULARY_PREFIXES = frozenset(w[:n] for w in _VOCABULARY for n in range(1, len(w) + 1))


def _memo_key_length(window: str) -> int:
    """The length of the prefix of ``window`` that decides what the grammar makes of it."""
    pos = 0
    after_number = False
    previous = ""
    vocabulary = _VOCABULARY
    while (token := _KEY_TOKEN.match(window, pos)) is not None:
        word = token[0]
        if word == "." and previous not in _MONTH_ABBREVIATIONS:
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
def _parse_phrase(word_class: str, key: str) -> tuple[int, _Phrase, int] | None:
    """(start, phrase, end) of the time phrase at the start of ``key``, or None."""
    if word_class in _FAST:
        fast = _FAST[word_class](key)
        if fast is not _UNKNOWN:
            return fast
    try:
        first, (phrase,), last = _PHRASES[word_class].parse_string(key)
    except pp.ParseBaseException:
        return None
    return first, phrase, last


_UNKNOWN = object()
_SPACE = re.compile(r"[ \n\t\r]*")    # pyparsing's white space


def _lead(window: str) -> tuple[int, str | None, int]:
    """(where the phrase starts, its preposition or None, where the word after it starts)."""
    first = _SPACE.match(window).end()
    found = _LEAVES["preposition"].re.match(window, first)
    if found is None:
        return first, None, first
    return first, " ".join(found[0].lower().split()), _SPACE.match(window, found.end()).end()


def _month_word(window: str, at: int) -> tuple[int | None, int, bool]:
    """(month, end, whether a full name) of the month name or abbreviation at ``at``; month None
    where there is none or the grammar refuses it ("may" and "march" in lower case are verbs)."""
    name = _LEAVES["month_name"].re.match(window, at)
    word = name or _LEAVES["month_abbr"].re.match(window, at)
    if word is None or (word[0].lower() in _VERB_MONTHS and word[0][:1].islower()):
        return None, at, False
    end = word.end()
    if name is None and window.startswith(".", end):
        end += 1                                    # "Aug." (the dot is read only right after)
    return (_MONTHS if name else _MONTH_ABBREVIATIONS)[word[0].lower()], end, name is not None


def _dated(window: str, first: int, preposition: str | None, month: int, day: re.Match[str],
           at: int):
    """A date with its day read, the grammar's optional "[,] year" at ``at`` still to read."""
    last = at
    year_value = None
    at_year = _SPACE.match(window, at + 1 if window.startswith(",", at) else at).end()
    stated = _LEAVES["stated_year"].re.match(window, at_year)
    if stated is not None:
        year_value, last = int(stated[0]), stated.end()
    day_value = int(re.match(r"[0-9]+", day[0])[0])
    try:
        if year_value is None:
            date(2000, month, day_value)            # 29 February may exist
            value = _MonthDay(month, day_value, None)
        else:
            value = _Fixed(date(year_value, month, day_value), date(year_value, month, day_value), "day")
    except ValueError:
        return _UNKNOWN
    return first, _Phrase(preposition, value), last


def _fast_year(window: str):
    """What the "year" phrase grammar makes of ``window`` in its common cases, read with the
    grammar's own leaves: [preposition] ISO date, [preposition] four-digit year. _UNKNOWN
    wherever the grammar would go on to its other alternatives (a decade, "the", a year range,
    a leaf's parse action refusing), so that the grammar decides those."""
    leaves = _LEAVES
    first, preposition, at = _lead(window)
    iso = leaves["iso_date"].re.match(window, at)
    if iso is not None:
        try:
            day = date.fromisoformat(iso[0])
        except ValueError:
            return _UNKNOWN
        return first, _Phrase(preposition, _Fixed(day, day, "day")), iso.end()
    if window[at:at + 3].lower() == "the" or leaves["decade"].re.match(window, at):
        return _UNKNOWN
    year = leaves["year"].re.match(window, at)
    if year is None:
        return None
    end = _SPACE.match(window, year.end()).end()
    if window[end:end + 1] in ("-", "/"):
        return _UNKNOWN                 # perhaps a range of years: "2019-21"
    value = int(year[0])
    return first, _Phrase(preposition, _BareYear(date(value, 1, 1), date(value, 12, 31), "year")), end


def _fast_month(window: str):
    """What the "month" phrase grammar makes of ``window`` in its common cases, read with the
    grammar's own leaves: [preposition] Month day[, year] ("on October 25, 2023", "Aug. 26"),
    [preposition] Month year ("September 2023"), [preposition] Month ("in February").
    _UNKNOWN wherever the grammar would go on to alternatives this does not follow."""
    leaves = _LEAVES
    first, preposition, at = _lead(window)
    if leaves["weekday"].re.match(window, at) or leaves["which"].re.match(window, at):
        return _UNKNOWN
    month, end, named = _month_word(window, at)
    if month is None:
        return _UNKNOWN
    # full date: Month day [- day] [[,] year]
    at_day = _SPACE.match(window, end).end()
    day = leaves["day"].re.match(window, at_day)
    if day is not None:
        after_day = _SPACE.match(window, day.end()).end()
        if window.startswith("-", after_day):
            return _UNKNOWN                         # perhaps a range of days
        return _dated(window, first, preposition, month, day, after_day)
    if window[at_day:at_day + 2].lower() == "of" or leaves["which"].re.match(window, at_day):
        return _UNKNOWN                             # "May of 2021", "September last year"
    stated = leaves["stated_year"].re.match(window, at_day)
    if stated is not None:
        return first, _Phrase(preposition, _Month(month, year=_YearRef(year=int(stated[0])))), stated.end()
    if not named:
        return None                                 # "Aug" alone is no time
    return first, _Phrase(preposition, _Month(month, which="")), end


def _fast_number(window: str):
    """What the "number" phrase grammar makes of ``window`` in its common case, read with the
    grammar's own leaves: [preposition] day Month [[,] year] ("on 9 December 2022"). _UNKNOWN
    wherever the grammar would go on to alternatives this does not follow ("in 3 weeks",
    "the 9th of", "3 weeks ago", quarters and halves)."""
    leaves = _LEAVES
    first, preposition, at = _lead(window)
    if window[first:first + 2].lower() == "in":
        return _UNKNOWN                             # "in 3 weeks' time" comes first
    if window[at:at + 3].lower() == "the" or leaves["weekday"].re.match(window, at):
        return _UNKNOWN
    day = leaves["day"].re.match(window, at)
    if day is None:
        return _UNKNOWN
    at_month = _SPACE.match(window, day.end()).end()
    if window.startswith("-", at_month) or window[at_month:at_month + 2].lower() == "of":
        return _UNKNOWN
    month, end, _named = _month_word(window, at_month)
    if month is None:
        return _UNKNOWN
    return _dated(window, first, preposition, month, day, _SPACE.match(window, end).end())


def _fast_weekday(window: str):
    """What the "weekday" phrase grammar makes of ``window`` in its common case, read with the
    grammar's own leaves: [preposition] weekday [part of day] ("on Tuesday", "on Friday
    morning"). _UNKNOWN where a date may follow ("Wednesday, Oct. 25")."""
    leaves = _LEAVES
    first, preposition, at = _lead(window)
    if leaves["which"].re.match(window, at):
        return _UNKNOWN
    weekday = leaves["weekday"].re.match(window, at)
    if weekday is None:
        return _UNKNOWN
    after = _SPACE.match(window, weekday.end()).end()
    probe = _SPACE.match(window, after + 1 if window.startswith(",", after) else after).end()
    if (window[probe:probe + 3].lower() == "the" or leaves["day"].re.match(window, probe)
            or leaves["month_name"].re.match(window, probe) or leaves["month_abbr"].re.match(window, probe)):
        return _UNKNOWN
    part = leaves["part_of_day"].re.match(window, after)
    value = _Weekday(_WEEKDAYS[" ".join(weekday[0].lower().split())], "")
    return first, _Phrase(preposition, value), part.end() if part else after


def _fast_which(window: str):
    """What the "which" phrase grammar makes of ``window`` in its common cases, read with the
    grammar's own leaves: [preposition] last/this/next week|month|quarter|year ("last week",
    "since last year"), season ("this summer") or month name ("this November"). _UNKNOWN
    wherever an alternative this does not follow may read it: "of" after the unit ("last
    quarter of 2023"), another word after last/this/next (a weekday, "night", "morning"), a
    month name the grammar may refuse ("this may")."""
    leaves = _LEAVES
    first, preposition, at = _lead(window)
    which = leaves["which"].re.match(window, at)
    if which is None:
        return _UNKNOWN
    which_word = which[0].lower()
    at_word = _SPACE.match(window, which.end()).end()
    unit = leaves["calendar_unit"].re.match(window, at_word)
    if unit is not None:
        name = unit[0].lower()
        after = _SPACE.match(window, unit.end()).end()
        if window[after:after + 2].lower() == "of":
            return _UNKNOWN
        return first, _Phrase(preposition, _Shift(name, _WHICH_OFFSET[which_word])), unit.end()
    season = leaves["season"].re.match(window, at_word)
    if season is not None:
        return first, _Phrase(preposition, _Season(_SEASONS[season[0].lower()], which_word)), season.end()
    month = leaves["month_name"].re.match(window, at_word)
    if month is not None and month[0].lower() not in _VERB_MONTHS:
        return first, _Phrase(preposition, _Month(_MONTHS[month[0].lower()], which=which_word)), month.end()
    return _UNKNOWN


def _fast_count(window: str):
    """What the "count" phrase grammar makes of ``window`` in its common case, read with the
    grammar's own leaves: a number word and a unit with no "ago" after them is no phrase
    ("a month, as", "two years of talks"). _UNKNOWN where the grammar may read one ("in a
    week's time", "two weeks ago")."""
    leaves = _LEAVES
    first, preposition, at = _lead(window)
    if window[first:first + 2].lower() == "in":
        return _UNKNOWN
    number = leaves["number_word"].re.match(window, at)
    if number is None:
        return _UNKNOWN
    unit = leaves["unit"].re.match(window, _SPACE.match(window, number.end()).end())
    if unit is None:
        return _UNKNOWN
    after = _SPACE.match(window, unit.end()).end()
    return _UNKNOWN if window[after:after + 3].lower() == "ago" else None


_FAST = {"year": _fast_year, "month": _fast_month, "number": _fast_number, "weekday": _fast_weekday,
         "which": _fast_which, "count": _fast_count}


def _year_may_stand_alone(norm: str, at: int) -> bool:
    """A four-digit number with no preposition: worth parsing as ISO date, decade, 2019's,
    2019-21, or after "of"/"year"; anything else is a number, not a time."""
    return (norm[at + 4:at + 5] in ("-", "/", "'", "s", "S")
            or _previous_word(norm, at) in ("of", "year"))


def find_times(text: str, published: date, *,
               within: Sequence[tuple[int, int]] | None = None) -> list[TimeSpan]:
    """All time expressions in ``text``, resolved against the publication date.

    Sorted by offset, non-overlapping, leftmost-longest; ``[]`` when there are none. With
    ``within`` (sorted, non-overlapping (start, end) ranges, such as the sentences worth
    reading), only expressions whose core word starts inside a range are looked for; the rest
    of the text still serves as context. Never raises on the content of ``text``; a ``text``
    that is not a string or a ``published`` that is not a date raises ``InputError``.
    """
    if not isinstance(text, str):
        raise InputError(f"find_times needs text as a string, not {type(text).__name__}")
    if isinstance(published, datetime):
        published = published.date()
    if not isinstance(published, date):
        raise InputError(f"find_times needs the publication date as a date, not {published!r}")
    norm = _normalise(text)
    spans: list[TimeSpan] = []
    done = 0                        # end of the last span: nothing may start before it
    for trigger in _triggers(norm, within):
        if trigger.end() <= done:
            continue
        for at in (*_lead_starts(norm, trigger.start()), trigger.start()):
            if at < done:
                continue
            span = _span_at(text, norm, at, published)
            if span is not None:
                spans.append(span)
                done = span.end
                break
    return spans


def _triggers(norm: str, within: Sequence[tuple[int, int]] | None) -> Iterator[re.Match[str]]:
    if within is None:
        yield from _TRIGGER.finditer(norm)
        return
    for start, end in within:
        pos = start
        while (trigger := _TRIGGER.search(norm, pos, end + _REACH)) is not None and trigger.start() < end:
            yield trigger
            pos = trigger.end()


_REACH = reach(_TRIGGER.pattern)   # what an attempt of the trigger reads past its start
