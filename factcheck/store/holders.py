"""Offices held by more people at once than they have seats: a check of the store's facts."""

from __future__ import annotations

from collections.abc import Mapping

from factcheck.model import Evidence


def overlapping_holders(holders: list[Evidence], seats_of: Mapping[str, int | None]) -> list[str]:
    """Warnings for more holders of an office at once than it has seats (a shared handover day
    is not counted); ``holders`` are holds_office facts, ``seats_of`` office id -> seats."""
    from factcheck.dates import parse_partial_date

    warnings: list[str] = []
    by_office: dict[str, list[Evidence]] = {}
    for fact in holders:
        if fact.object and fact.rank != "deprecated":
            by_office.setdefault(fact.object, []).append(fact)
    for office_id, facts in sorted(by_office.items()):
        seats = seats_of.get(office_id) or 1
        spans = []
        for fact in facts:
            start = parse_partial_date(fact.valid_from).date_from if fact.valid_from else None
            end = parse_partial_date(fact.valid_until).date_until if fact.valid_until else None
            spans.append((fact, start, end))
        for i, (a, a_start, a_end) in enumerate(spans):
            overlapping = []
            for b, b_start, b_end in spans[i + 1:]:
                if b.subject == a.subject:
                    continue
                lo = max(x for x in (a_start, b_start) if x) if (a_start or b_start) else None
                hi = min(x for x in (a_end, b_end) if x) if (a_end or b_end) else None
                if lo is not None and hi is not None and (hi - lo).days < 1:
                    continue  # apart, or a shared handover day
                overlapping.append(b)
            if len(overlapping) >= seats:
                names = ", ".join(f"#{b.id} {b.subject}" for b in overlapping)
                warnings.append(f"office '{office_id}' ({seats} seat(s)): fact #{a.id} {a.subject} "
                                f"overlaps {names}")
    return warnings


__all__ = ["overlapping_holders"]
