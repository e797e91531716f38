"""When a claim holds: the time its pattern names, else the nearest in its clause, else the
publication day; for an event told in the past ("was elected president"), a range up to the time
named."""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

from factcheck.dates import DateRange
from factcheck.rules.loader import Assertion


def time_of_claim(assertion: Assertion, slot_items: dict, sentence_times: list, start: int, end: int,
                published: date, norm: str) -> tuple[DateRange | None, str | None]:
    """The slot's time, else the nearest time expression in the sentence, else the publication day.

    A time after the claim in another clause (a comma or semicolon between, the claim's own
    closing one included) dates that clause, not the claim: "Ethiopia, which is not yet part of
    BRICS, applied to join in 2023"."""
    def span_of(slot):
        found = [it.payload for it in slot_items.get(slot, []) if it.kind == "time"]
        return found[0] if found else None

    if assertion.time_role in ("by", "start"):
        # an event told in the past ("was elected president"): at some time up to the one named;
        # "start": one that began then ("became president in 2022"), so the holding overlaps the
        # time named or the year after it (elected in November, sworn in in January)
        named = span_of(assertion.time) if assertion.time else None
        if named is None and sentence_times:
            named = min(sentence_times, key=lambda t: (max(t.start - end, start - t.end, 0), t.start))
        if named is not None and assertion.time_role == "start":
            until = named.date_until + relativedelta(years=1) if named.date_until.year < 9999 else named.date_until
            return DateRange(named.date_from, until, "range"), named.text
        until = named.date_until if named is not None else published
        return DateRange(date.min, until, "range"), named.text if named is not None else None
    first = span_of(assertion.time) if assertion.time else None
    if first is not None:
        last = span_of(assertion.time_end) if assertion.time_end else None
        if last is not None:
            return DateRange(first.date_from, last.date_until, "range"), f"{first.text} .. {last.text}"
        return DateRange(first.date_from, first.date_until, first.precision), first.text
    same_clause = [t for t in sentence_times
                   if t.start < end or not _CLAUSE_END.search(norm, max(start, end - 1), t.start)]
    if same_clause:
        nearest = min(same_clause, key=lambda t: (max(t.start - end, start - t.end, 0), t.start))
        return DateRange(nearest.date_from, nearest.date_until, nearest.precision), nearest.text
    return DateRange(published, published, "day"), None


_CLAUSE_END = re.compile("[,;]")


__all__ = ["time_of_claim"]
