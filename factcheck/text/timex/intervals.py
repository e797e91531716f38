"""Resolution: what a time phrase says, as a closed interval of dates.

Takes the typed, unresolved values the grammar (:mod:`.grammar`) builds (``Fixed``, ``Month``,
``Weekday``, ``Shift``, ...) with the publication date and whether the sentence speaks of the
future; gives ``(first day, last day, precision)`` from each value's ``resolve``. The calendar
helpers (weeks from Monday, meteorological seasons, thirds of a unit) are here too.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from factcheck.text.timex.vocabulary import SEASON_FIRST_MONTH

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


def season_interval(season: str, year: int) -> Interval:
    """The season that starts in ``year`` (winter runs on into February of ``year + 1``)."""
    first = date(year, SEASON_FIRST_MONTH[season], 1)
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


WHICH_OFFSET = {"last": -1, "this": 0, "next": 1}   # "last year", "this week", "next month"


# --------------------------------------------------------------------------------------------
# What the grammar produces: unresolved, typed values. ``resolve`` turns them into intervals
# once the publication date and the sentence's tense are known.
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fixed:
    """Anything stated completely: 2023-10-25, September 2023, the 1990s."""
    lo: date
    hi: date
    precision: str
    uses_tense = False

    def resolve(self, published: date, future: bool) -> Interval:
        return self.lo, self.hi, self.precision


@dataclass(frozen=True)
class BareYear(Fixed):
    """A year (or year range) standing on its own: only a time in a date-like context."""


@dataclass(frozen=True)
class YearRef:
    """The year in "of 2023", "of last year", "of the year"."""
    year: int | None = None     # stated
    offset: int = 0             # else relative to the publication year
    uses_tense = False

    def of(self, published: date) -> int:
        return self.year if self.year is not None else published.year + self.offset

    def resolve(self, published: date, future: bool) -> Interval:
        return _year(self.of(published))


@dataclass(frozen=True)
class MonthDay:
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
class Month:
    month: int
    which: str = ""                 # "", "this", "last", "next"
    year: YearRef | None = None    # "September last year", "May of 2021"
    framed: bool = False            # "the month of May": a month, whatever the word alone may be

    @property
    def uses_tense(self) -> bool:
        return self.year is None and not self.which

    @property
    def bare(self) -> bool:
        return self.uses_tense and not self.framed

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
class Weekday:
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
class DayIn:
    """The 15th of next month: a day of a month named relative to publication."""
    day: int
    month: object                   # a value resolving to a month: Shift("month", k)
    uses_tense = False

    def resolve(self, published: date, future: bool) -> Interval:
        lo, _hi, _ = self.month.resolve(published, future)
        return _day(lo.replace(day=self.day))


@dataclass(frozen=True)
class NthWeek:
    """The first week of May, the last week of 2027: seven days from the start (or to the end)
    of a month or a year."""
    n: int
    inner: object                   # a value resolving to a month or a year

    @property
    def uses_tense(self) -> bool:
        return self.inner.uses_tense

    def resolve(self, published: date, future: bool) -> Interval:
        lo, hi, _ = self.inner.resolve(published, future)
        if self.n < 0:
            return hi - timedelta(days=6), hi, "range"
        first = lo + timedelta(weeks=self.n - 1)
        if first > hi:
            raise ValueError("no such week")
        return first, min(hi, first + timedelta(days=6)), "range"


@dataclass(frozen=True)
class WeekdayCount:
    """Two Sundays from now: the second Sunday after the publication date."""
    weekday: int
    n: int
    uses_tense = False

    def resolve(self, published: date, future: bool) -> Interval:
        ahead = (self.weekday - published.weekday() - 1) % 7 + 1
        return _day(published + timedelta(days=ahead + 7 * (self.n - 1)))


@dataclass(frozen=True)
class Season:
    season: str
    which: str = ""

    @property
    def uses_tense(self) -> bool:
        return not self.which

    def resolve(self, published: date, future: bool) -> Interval:
        candidates = [season_interval(self.season, y)
                      for y in (published.year - 2, published.year - 1, published.year,
                                published.year + 1)]
        if self.which == "this":
            # Winter straddles New Year: in January and February "this winter" is under way.
            y = published.year - (self.season == "winter" and published.month <= 2)
            return season_interval(self.season, y)
        if self.which == "last":
            return [c for c in candidates if c[1] < published][-1]
        if self.which == "next":
            return [c for c in candidates if c[0] > published][0]
        if future:
            return [c for c in candidates if c[1] >= published][0]
        return [c for c in candidates if c[0] <= published][-1]


@dataclass(frozen=True)
class Quarter:
    quarter: int
    year: YearRef | None = None
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
class Half:
    half: int
    year: YearRef
    uses_tense = False

    def resolve(self, published: date, future: bool) -> Interval:
        y = self.year.of(published)
        if self.half == 1:
            return date(y, 1, 1), date(y, 6, 30), "range"
        return date(y, 7, 1), date(y, 12, 31), "range"


@dataclass(frozen=True)
class Shift:
    """A calendar unit some steps away: yesterday, last week, two years ago, in two weeks. Steps
    of other units in ``before`` move the publication date first: "1 month 21 days ago" is the
    day 21 days before the date a month back, "two days from tomorrow" the day two days after
    tomorrow."""
    unit: str
    n: int
    before: tuple[tuple[str, int], ...] = ()
    uses_tense = False

    def resolve(self, published: date, future: bool) -> Interval:
        for unit, n in self.before:
            published = published + _delta(unit, n)
        return _shift(self.unit, published, self.n)


@dataclass(frozen=True)
class Decade:
    """This decade: the ten years 2020-2029 holding the publication date. With ``tens`` ("the
    '90s"), the latest decade of those tens that ended before the publication year."""
    offset: int = 0
    tens: int | None = None
    uses_tense = False

    def resolve(self, published: date, future: bool) -> Interval:
        first = published.year - published.year % 10 + 10 * self.offset
        if self.tens is not None:
            first = first - first % 100 + self.tens
            while first + 9 >= published.year:
                first -= 100
        return date(first, 1, 1), date(first + 9, 12, 31), "decade"


@dataclass(frozen=True)
class Weekend:
    """The weekend, this/last/next weekend: Saturday and Sunday of a Monday-Sunday week. Alone,
    the latest one begun by the publication date, or in a sentence about the future the next
    one not yet over."""
    which: str = ""

    @property
    def uses_tense(self) -> bool:
        return not self.which

    def resolve(self, published: date, future: bool) -> Interval:
        saturday = published + timedelta(days=5 - published.weekday())   # of the publication week
        if self.which:
            saturday += timedelta(weeks=WHICH_OFFSET[self.which])
        elif not future and published < saturday:
            saturday -= timedelta(weeks=1)
        return saturday, saturday + timedelta(days=1), "range"


@dataclass(frozen=True)
class DayOfMonth:
    """The 27th, Friday the 15th: a day whose month the text leaves to the reader. The latest
    such day on or before the publication date, or in a sentence about the future the first on
    or after it; with a weekday, the latest (first) such day that falls on it."""
    day: int
    weekday: int | None = None
    uses_tense = True

    def resolve(self, published: date, future: bool) -> Interval:
        step = 1 if future else -1
        month = published.year * 12 + published.month - 1
        for k in range(29):                 # a day and weekday meet within 28 months
            y, m = divmod(month + step * k, 12)
            if self.day > calendar.monthrange(y, m + 1)[1]:
                continue
            day = date(y, m + 1, self.day)
            if (day >= published if future else day <= published) and (
                    self.weekday is None or day.weekday() == self.weekday):
                return _day(day)
        raise ValueError("no such day")


@dataclass(frozen=True)
class NthWeekday:
    """The second Monday of next month, the last Friday in May: ``n`` from 1, or -1 for last."""
    n: int
    weekday: int
    month: object                   # a value resolving to a month: Month, Shift("month", k)

    @property
    def uses_tense(self) -> bool:
        return self.month.uses_tense

    def resolve(self, published: date, future: bool) -> Interval:
        lo, hi, precision = self.month.resolve(published, future)
        if precision != "month":
            raise ValueError("not a month")
        if self.n < 0:
            return _day(hi - timedelta(days=(hi.weekday() - self.weekday) % 7))
        day = lo + timedelta(days=(self.weekday - lo.weekday()) % 7 + 7 * (self.n - 1))
        if day > hi:
            raise ValueError("the month has no such day")
        return _day(day)


@dataclass(frozen=True)
class Rolling:
    """The past two years / the next three months: counted from the publication date."""
    unit: str
    n: int              # negative: back
    uses_tense = False

    def resolve(self, published: date, future: bool) -> Interval:
        other = published + _delta(self.unit, self.n)
        return min(other, published), max(other, published), "range"


@dataclass(frozen=True)
class Within:
    """Within three years: from publication on, when the sentence speaks of the future; in a
    past sentence it counts from another event ("within two years of the war"), so no time."""
    unit: str
    n: int
    uses_tense = True

    def resolve(self, published: date, future: bool) -> Interval:
        if not future:
            raise ValueError("'within' in a past sentence counts from another event")
        return published, published + _delta(self.unit, self.n), "range"


@dataclass(frozen=True)
class Rest:
    """Earlier this year / later this month: the part of the unit before or after publication.
    With ``needs_future`` ("the rest of the year"), only in a sentence about the future."""
    unit: str
    part: str
    needs_future: bool = False

    @property
    def uses_tense(self) -> bool:
        return self.needs_future

    def resolve(self, published: date, future: bool) -> Interval:
        if self.needs_future and not future:
            raise ValueError("'the rest of the year' in a past sentence may be the story's")
        lo, hi, _ = _shift(self.unit, published, 0)
        if self.part == "earlier":
            return lo, published, "range"
        return published, hi, "range"


@dataclass(frozen=True)
class Part:
    """Early / mid / late X, the start / middle / end of X."""
    part: str
    inner: object

    @property
    def uses_tense(self) -> bool:
        return self.inner.uses_tense

    def resolve(self, published: date, future: bool) -> Interval:
        return _third(self.inner.resolve(published, future), self.part)


@dataclass(frozen=True)
class Phrase:
    preposition: str | None
    value: object
