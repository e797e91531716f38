"""Hedges, and the interval a stated quantity covers.

Takes a hedge table, phrase -> (kind, margin): the bundled ``rules/lexicon/hedges.toml`` (read
once: :data:`HEDGES`) or a caller's. Gives the checked table and the phrases the trigger looks
for (:func:`prepare_hedges`), the interval ``[low, high]`` a stated value covers under a hedge
(:func:`interval`), and :class:`QuantitySpan`, what the scanner returns.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from factcheck import resources
from factcheck.errors import InputError
from factcheck.text.quantities.vocabulary import TRANSLATE


class QuantitySpan(NamedTuple):
    """One quantity found in a text; ``text[start:end] == span.text``."""

    start: int
    end: int
    number: float
    unit: str | None
    text: str
    hedge: str | None
    low: float
    high: float
    precision: float
    kind: str

    def covers(self, value: float) -> bool:
        """Whether ``value`` agrees with the claim, honouring exclusive bounds ("more than 5")."""
        if not self.low <= value <= self.high:
            return False
        if self.hedge in EXCLUSIVE_HEDGES:
            if math.isinf(self.high) and value == self.low:
                return False
            if math.isinf(self.low) and value == self.high:
                return False
        return True


#: What a hedge does to the interval: widen both sides, reach down from the value, or make it a
#: lower or an upper bound (see :func:`interval`).
HEDGE_KINDS = frozenset({"approx", "below", "lower_bound", "upper_bound"})


def hedge_key(phrase: str) -> str:
    """The normalized key of a hedge phrase: ``"More  than"`` -> ``"more_than"``."""
    return "_".join(phrase.translate(TRANSLATE).lower().split())


def _bundled_hedges() -> tuple[dict[str, tuple[str, float]], frozenset[str]]:
    """The hedge table of ``rules/lexicon/hedges.toml`` and the keys of its exclusive bounds."""
    table = resources.lexicon_file("hedges")["hedges"]
    hedges = {phrase: (spec["kind"], float(spec.get("margin", 0.0))) for phrase, spec in table.items()}
    return hedges, frozenset(hedge_key(p) for p, spec in table.items() if spec.get("exclusive"))


_table, _exclusive = _bundled_hedges()
#: The default hedge table, phrase -> (kind, margin), as ``rules/lexicon/hedges.toml`` has it.
HEDGES: Mapping[str, tuple[str, float]] = MappingProxyType(_table)
#: Hedge keys whose bound excludes the stated value ("more than 5" does not cover 5): the
#: phrases marked ``exclusive`` in the same file.
EXCLUSIVE_HEDGES: frozenset[str] = _exclusive


def prepare_hedges(hedges: Mapping[str, tuple[str, float]] | None
                   ) -> tuple[dict[str, tuple[str, float]], tuple[tuple[str, ...], ...]]:
    """(hedge key -> (kind, margin), hedge phrases as word tuples); InputError if invalid."""
    if hedges is None:
        hedges = HEDGES
    if not isinstance(hedges, Mapping):
        raise InputError("hedge table must be a mapping of phrase -> (kind, margin), "
                         f"not {type(hedges).__name__}")
    try:
        return _prepare_hedges_cached(tuple(hedges.items()))
    except TypeError:  # unhashable entries: validate without the cache
        return _prepare_hedge_items(tuple(hedges.items()))


@functools.lru_cache(maxsize=16)
def _prepare_hedges_cached(items: tuple[tuple[str, Any], ...]
                           ) -> tuple[dict[str, tuple[str, float]], tuple[tuple[str, ...], ...]]:
    return _prepare_hedge_items(items)


def _prepare_hedge_items(items: tuple[tuple[str, Any], ...]
                         ) -> tuple[dict[str, tuple[str, float]], tuple[tuple[str, ...], ...]]:
    table: dict[str, tuple[str, float]] = {}
    phrases: list[tuple[str, ...]] = []
    for phrase, spec in items:
        words = hedge_key(phrase).split("_") if isinstance(phrase, str) else []
        words = tuple(w for w in words if w)
        if not words:
            raise InputError(f"hedge phrase {phrase!r} is empty or not a string")
        try:
            kind, margin = spec
            margin = float(margin)
        except (TypeError, ValueError):
            raise InputError(f"hedge {phrase!r}: expected (kind, margin), got {spec!r}") from None
        if not isinstance(kind, str) or kind not in HEDGE_KINDS:
            raise InputError(f"hedge {phrase!r}: unknown kind {kind!r} "
                             f"(expected one of {', '.join(sorted(HEDGE_KINDS))})")
        if not math.isfinite(margin) or margin < 0:
            raise InputError(f"hedge {phrase!r}: margin must be a finite number >= 0, "
                             f"got {margin!r}")
        table["_".join(words)] = (kind, margin)
        phrases.append(words)
    return table, tuple(sorted(set(phrases)))


def interval(lo: float, hi: float, lo_p: float, hi_p: float,
             hedge: tuple[str, float] | None) -> tuple[float, float]:
    """The interval covered by stated endpoints ``lo <= hi`` (equal for a single value)."""
    if hedge is None:
        return lo - lo_p, hi + hi_p
    kind, margin = hedge
    if kind == "approx":
        return lo - lo_p - margin * abs(lo), hi + hi_p + margin * abs(hi)
    if kind == "below":
        reduced = lo * (1 - margin)
        return min(reduced, hi), max(reduced, hi)
    if kind == "lower_bound":
        return lo, math.inf
    return -math.inf, hi
