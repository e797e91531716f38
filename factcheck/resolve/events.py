"""Ambiguous event names: the candidate whose own start date fits the claim's time."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from factcheck.dates import parse_partial_date
from factcheck.model import Claim, EntityRef


#: How far (in days) an event's start may lie from the claim's time for a name to mean it.
MAX_DAYS_APART = 366


def resolve_event_subject(claim: Claim, start_dates: Mapping[str, Sequence[str]],
                          name: Callable[[str], str]) -> Claim:
    """``claim`` with its subject settled when exactly one candidate's start date lies nearest
    the claim's time, or within it ("the APEC summit" in an article of November 2023, "the 2023
    APEC summit"); else ``claim`` itself."""
    subject, when = claim.subject, claim.time
    if subject is None or subject.id is not None or len(subject.candidates) < 2 or when is None:
        return claim
    scored = []
    for candidate in subject.candidates:
        dates = [parse_partial_date(value) for value in start_dates.get(candidate, ())]
        if dates:
            distance = min(_days_apart(d.date_from, when.date_from, when.date_until) for d in dates)
            scored.append((distance, candidate))
    # a candidate that began more than a year away from the claim's time is another one: "the
    # 2016 APEC summit" is not the 2018 one because the store lacks 2016's; nor, when the text
    # names a month or longer ("next year", "in November"), one that began outside it
    named_period = claim.time_text is not None and (when.date_until - when.date_from).days >= 27
    scored = sorted(c for c in scored if c[0] <= (0 if named_period else MAX_DAYS_APART))
    if scored and (len(scored) == 1 or scored[0][0] < scored[1][0]):
        best = scored[0][1]
        return replace(claim, subject=EntityRef(best, name(best)))
    return claim


def _days_apart(day, first, last) -> int:
    """Days from ``day`` to the interval [first, last]: 0 inside it."""
    if first <= day <= last:
        return 0
    return min(abs((day - first).days), abs((day - last).days))
