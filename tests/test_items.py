"""Mentions, times and quantities merged into the one sequence of items rules read."""

from __future__ import annotations

from typing import NamedTuple

from hypothesis import given
from hypothesis import strategies as st

from factcheck.claims.items import merge_items


class _Mention(NamedTuple):
    start: int
    end: int
    types: frozenset = frozenset({"person"})


class _Time(NamedTuple):
    start: int
    end: int
    relation: str = "at"


class _Quantity(NamedTuple):
    start: int
    end: int
    unit: str | None = None


def _merged_by_hand(mentions, times, quantities):
    """Mentions first, then times, then quantities, each kept when it overlaps nothing kept."""
    def overlaps(a, b):
        return a[0] < b[1] and b[0] < a[1]

    amounts = []
    for q in sorted(quantities, key=lambda q: q.start):
        if q.unit and not any(overlaps((q.start, q.end), a) for a in amounts):
            amounts.append((q.start, q.end))
    kept = []
    for kind, spans in (("mention", mentions), ("time", times), ("quantity", quantities)):
        for span in sorted(spans, key=lambda s: s.start):
            here = (span.start, span.end)
            if kind == "mention" and any(a[0] <= span.start and span.end <= a[1] and a != here
                                         for a in amounts):
                continue
            if not any(overlaps(here, (k[0], k[1])) for k in kept):
                kept.append((span.start, span.end, kind))
    return sorted(kept, key=lambda k: k[0])


_SPANS = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)), max_size=8)


@given(_SPANS, _SPANS, _SPANS, st.lists(st.booleans(), min_size=8, max_size=8))
def test_items_merge_as_by_hand(mentions, times, quantities, units):
    mentions = [_Mention(s, s + n) for s, n in mentions]
    times = [_Time(s, s + n) for s, n in times]
    quantities = [_Quantity(s, s + n, "usd" if unit else None) for (s, n), unit in zip(quantities, units)]
    items = merge_items(mentions, times, quantities)
    assert [(it.start, it.end, it.kind) for it in items] == _merged_by_hand(mentions, times, quantities)
    assert [it.index for it in items] == list(range(len(items)))
