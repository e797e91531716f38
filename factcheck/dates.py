"""Dates of year, month or day precision, as the interchange format and the verdicts use them.

A partial date such as ``2023-09`` stands for the interval of days it covers
(2023-09-01 to 2023-09-30); comparisons work on those intervals.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

from factcheck.errors import InputError

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateRange(NamedTuple):
    """A closed interval of days with the precision it was stated in (day, month, year, ...)."""

    date_from: date
    date_until: date
    precision: str

    def contains(self, day: date) -> bool:
        return self.date_from <= day <= self.date_until

    def overlaps(self, other: "DateRange") -> bool:
        return self.date_from <= other.date_until and other.date_from <= self.date_until

    def iso(self) -> str:
        """The shortest ISO form that states the range at its precision."""
        if self.precision == "year":
            return f"{self.date_from.year:04d}"
        if self.precision == "month":
            return f"{self.date_from.year:04d}-{self.date_from.month:02d}"
        if self.precision == "day":
            return self.date_from.isoformat()
        return f"{self.date_from.isoformat()}/{self.date_until.isoformat()}"


def parse_partial_date(text: str) -> DateRange:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as the range of days it covers.

    Raises ``InputError`` for anything else, including impossible days such as 2023-02-30.
    """
    match = _PARTIAL_DATE.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise InputError(f"not a date: {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = match.groups()
    y = int(year)
    try:
        if month is None:
            return DateRange(date(y, 1, 1), date(y, 12, 31), "year")
        m = int(month)
        if day is None:
            last = calendar.monthrange(y, m)[1]
            return DateRange(date(y, m, 1), date(y, m, last), "month")
        d = date(y, m, int(day))
    except ValueError as exc:
        raise InputError(f"not a date: {text!r} ({exc})") from None
    return DateRange(d, d, "day")


def is_partial_date(text: object) -> bool:
    return isinstance(text, str) and _PARTIAL_DATE.match(text) is not None
