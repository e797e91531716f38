"""Items: what the rule patterns see in a sentence besides its words, in one sorted list.

Takes mentions (the lexicon, references), time spans, quantities and ordinals found in a text;
gives :func:`merge_items`: non-overlapping items numbered in text order, each with the types a
pattern's slot may ask for. Mentions come first, then times, quantities and ordinals where they
do not overlap what is already taken.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import partial
from operator import itemgetter
from typing import NamedTuple

from factcheck.model import PROPER_TYPES


class Item(NamedTuple):
    """One mention, time, quantity or ordinal of a text, numbered in text order."""

    start: int
    end: int
    kind: str          # mention, time, quantity, ordinal
    types: frozenset[str]
    payload: object
    index: int = 0


def _free(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps none of the sorted, non-overlapping spans (starts, ends)."""
    at = bisect_right(starts, start)
    if at and ends[at - 1] > start:
        return False
    return at == len(starts) or starts[at] >= end


_START = itemgetter(0)
_make = partial(tuple.__new__, Item)   # an Item from a tuple of its six fields, made in C


def merge_items(mentions, times, quantities, ordinals=()) -> list[Item]:
    """Mentions first, then times, quantities and ordinals that do not overlap what is already
    taken, then the single words that may be names the store does not know ("proper" alone:
    "Sunday" and "Celsius" are a time's and an amount's).

    Each kind is read in order of start, so what it took of itself is a sorted run of spans that
    do not overlap: a span is free of those when it starts at or after the last one's end; of
    the kinds taken before it, when a bisection finds none in its way.
    """
    mentions, times, quantities = (sorted(kind, key=_START) for kind in (mentions, times, quantities))
    lone = [mention for mention in mentions if mention.types == PROPER_TYPES]
    if lone:
        mentions = [mention for mention in mentions if mention.types != PROPER_TYPES]
    items: list[tuple] = []    # (start, end, kind, types, payload): made Items once numbered
    # A mention inside an amount ("5 billion US dollars") is part of the amount's unit.
    amount_starts: list[int] = []
    amount_ends: list[int] = []
    for quantity in quantities:
        if quantity.unit and (not amount_ends or quantity.start >= amount_ends[-1]):
            amount_starts.append(quantity.start)
            amount_ends.append(quantity.end)
    mention_starts: list[int] = []
    mention_ends: list[int] = []
    for mention in mentions:
        start, end = mention.start, mention.end
        at = bisect_right(amount_starts, start) - 1
        if at >= 0 and end <= amount_ends[at] and (amount_starts[at], amount_ends[at]) != (start, end):
            continue
        if mention_ends and start < mention_ends[-1]:
            continue
        items.append((start, end, "mention", mention.types, mention))
        mention_starts.append(start)
        mention_ends.append(end)
    time_starts: list[int] = []
    time_ends: list[int] = []
    for span in times:
        start, end = span.start, span.end
        if (time_ends and start < time_ends[-1]) or not _free(mention_starts, mention_ends, start, end):
            continue
        items.append((start, end, "time", _TIME_TYPES.get(span.relation, _TIME_TYPES["at"]), span))
        time_starts.append(start)
        time_ends.append(end)
    last_end = None
    for quantity in quantities:
        start, end = quantity.start, quantity.end
        if (last_end is not None and start < last_end) or not _free(mention_starts, mention_ends, start, end) \
                or not _free(time_starts, time_ends, start, end):
            continue
        items.append((start, end, "quantity", _QUANTITY_TYPES, quantity))
        last_end = end
    for kind, spans in (("ordinal", ordinals), ("mention", lone)):
        if not spans:
            continue
        taken = sorted(items, key=_START)
        starts, ends = [it[0] for it in taken], [it[1] for it in taken]
        last_end = None
        for span in sorted(spans, key=_START):
            if (last_end is None or span.start >= last_end) and _free(starts, ends, span.start, span.end):
                last_end = span.end
                items.append((span.start, span.end, kind,
                              _ORDINAL_TYPES if kind == "ordinal" else span.types, span))
    items.sort(key=_START)
    return [_make((*item, number)) for number, item in enumerate(items)]


_TIME_TYPES = {"at": frozenset({"time"}), "since": frozenset({"time", "time_since"}),
               "until": frozenset({"time", "time_until"})}
_QUANTITY_TYPES = frozenset({"quantity"})
_ORDINAL_TYPES = frozenset({"ordinal"})


__all__ = ["Item", "merge_items"]
