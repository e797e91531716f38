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


_LONE = frozenset({"proper"})


def _merged_by_hand(mentions, times, quantities):
    """Mentions first, then times, then quantities, then single unknown words ("proper" alone),
    each kept when it overlaps nothing kept."""
    def overlaps(a, b):
        return a[0] < b[1] and b[0] < a[1]

    amounts = []
    for q in sorted(quantities, key=lambda q: q.start):
        if q.unit and not any(overlaps((q.start, q.end), a) for a in amounts):
            amounts.append((q.start, q.end))
    kept = []
    lone = [m for m in mentions if m.types == _LONE]
    mentions = [m for m in mentions if m.types != _LONE]
    for kind, spans in (("mention", mentions), ("time", times), ("quantity", quantities), ("lone", lone)):
        for span in sorted(spans, key=lambda s: s.start):
            here = (span.start, span.end)
            if kind == "mention" and any(a[0] <= span.start and span.end <= a[1] and a != here
                                         for a in amounts):
                continue
            if not any(overlaps(here, (k[0], k[1])) for k in kept):
                kept.append((span.start, span.end, "mention" if kind == "lone" else kind))
    return sorted(kept, key=lambda k: k[0])


_SPANS = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)), max_size=8)


@given(_SPANS, _SPANS, _SPANS, st.lists(st.booleans(), min_size=8, max_size=8),
       st.lists(st.booleans(), min_size=8, max_size=8))
def test_items_merge_as_by_hand(mentions, times, quantities, units, lone):
    mentions = [_Mention(s, s + n, _LONE if alone else frozenset({"person"}))
                for (s, n), alone in zip(mentions, lone)]
    times = [_Time(s, s + n) for s, n in times]
    quantities = [_Quantity(s, s + n, "usd" if unit else None) for (s, n), unit in zip(quantities, units)]
    items = merge_items(mentions, times, quantities)
    assert [(it.start, it.end, it.kind) for it in items] == _merged_by_hand(mentions, times, quantities)
    assert [it.index for it in items] == list(range(len(items)))


def test_a_single_unknown_word_yields_to_a_time_and_an_amount():
    # "on Sunday", "30 Celsius": a capitalised word the store does not know is no name there
    items = merge_items([_Mention(3, 9, _LONE), _Mention(14, 21, _LONE), _Mention(30, 35, _LONE)],
                        [_Time(0, 9)], [_Quantity(11, 21, "degC")])
    assert [(it.start, it.kind) for it in items] == [(0, "time"), (11, "quantity"), (30, "mention")]
