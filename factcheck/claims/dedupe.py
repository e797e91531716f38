"""One claim per reading: what extraction keeps of the claims the rules of a sentence gave.

Takes the claims of a section and the ids of the frame rules; gives them without repeats (see
:func:`dedupe`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate

from factcheck.model import Claim


def dedupe(claims: list[Claim], frame_rules: frozenset[str] = frozenset(),
           single_valued: frozenset[str] = frozenset()) -> list[Claim]:
    """One claim per span and assertion: an exact pattern's before a frame's, then the rule listed
    first, longer spans before shorter; no frame's claim of another subject inside an exact one,
    nor of another object of a ``single_valued`` predicate (a subject has one headquarters);
    a claim whose object is unsettled gives way to one of the same subject over the same words
    whose object is settled ("Secretary of State Michael R. Pompeo" read as an office and as a title),
    or to a longer reading of the same predicate and subject; a reading inside a longer one of the
    same assertion gives way to it."""
    # A frame's reading inside an exact pattern's of the same predicate, with another subject, is
    # a misreading of words the pattern read whole: "ASEAN, Southeast Asia's regional bloc, was
    # founded in 1967" is not about Southeast Asia.
    if frame_rules:
        inside = _InsideExact([c for c in claims if c.rule not in frame_rules], single_valued)
        claims = [c for c in claims if c.rule not in frame_rules or not inside(c)]
    settled = [(c.start, c.end, c.predicate, c.subject.id) for c in claims
               if c.object is not None and c.object.id is not None and c.subject is not None]
    claims = [c for c in claims if c.object is None or c.object.id is not None or c.subject is None
              or not any(p == c.predicate and s == c.subject.id and a < c.end and c.start < b
                         for a, b, p, s in settled)]
    # An unsettled reading inside a longer one of the same predicate and subject gives way to it:
    # "Governor Babajide Sanwo-Olu" inside "Lagos State Governor Babajide Sanwo-Olu".
    inside = {id(c) for c in claims} - {id(c) for c in _outside_longer(claims, _reading_key)}
    claims = [c for c in claims if c.object is None or c.object.id is not None or id(c) not in inside]
    seen = set()
    out = []
    for claim in sorted(claims, key=lambda c: (c.rule in frame_rules, c.start, -c.end)):
        key = (claim.predicate, claim.subject.id if claim.subject else None, _object_key(claim),
               str(claim.value), claim.time.date_from if claim.time else None, claim.sentence_start)
        if key in seen:
            continue
        seen.add(key)
        out.append(claim)
    # A reading inside a longer one of the same assertion gives way to it: "president Alejandro
    # Toledo" inside "Former Peruvian president Alejandro Toledo" is no claim about today.
    return _outside_longer(out, _assertion_key)


def _outside_longer(claims: list[Claim], key) -> list[Claim]:
    """The claims that no longer claim of the same ``key`` holds."""
    spans: dict[tuple, list[tuple[int, int]]] = {}
    for claim in claims:
        spans.setdefault(key(claim), []).append((claim.start, claim.end))
    longer = {k: _Spans(found) for k, found in spans.items() if len(found) > 1}
    return [c for c in claims if key(c) not in longer or not longer[key(c)].hold_longer(c.start, c.end)]


class _InsideExact:
    """Whether an exact pattern's claim of a claim's predicate, with another subject, spans its
    words, or, for a single-valued predicate, one of the same subject with another object
    ("Safaricom, Kenya's largest telecoms operator, is headquartered in Nairobi" is not about a
    headquarters in Kenya): each looked up among the exact claims that start at most the longest
    one's length before it (a sentence of thousands of claims is read in linear time)."""

    def __init__(self, exact: list[Claim], single_valued: frozenset[str] = frozenset()) -> None:
        self._single_valued = single_valued
        self._by_predicate: dict[str, list[Claim]] = {}
        for claim in sorted(exact, key=lambda c: c.start):
            self._by_predicate.setdefault(claim.predicate, []).append(claim)
        self._starts = {p: [c.start for c in cs] for p, cs in self._by_predicate.items()}
        self._longest = {p: max(c.end - c.start for c in cs) for p, cs in self._by_predicate.items()}

    def __call__(self, claim: Claim) -> bool:
        exact = self._by_predicate.get(claim.predicate)
        if not exact:
            return False
        starts = self._starts[claim.predicate]
        subject = claim.subject.id if claim.subject else None
        first = bisect_left(starts, claim.end - self._longest[claim.predicate])
        last = bisect_right(starts, claim.start)
        single = claim.predicate in self._single_valued
        target = _object_key(claim)
        return any(claim.end <= other.end and (
            (other.subject.id if other.subject else None) != subject
            or (single and subject is not None and _object_key(other) != target))
            for other in exact[first:last])


class _Spans:
    """Spans, asked whether a longer one holds a given one (in log time: a sentence may give
    thousands of claims)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(set(spans))
        self._starts = [start for start, _end in self._spans]
        self._furthest = list(accumulate((end for _start, end in self._spans), max))

    def hold_longer(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, start)      # the spans that start earlier
        if before and self._furthest[before - 1] >= end:
            return True
        last = bisect_right(self._starts, start) - 1    # of those starting here, the longest
        return last >= before and self._spans[last][1] > end


def _object_key(claim: Claim) -> str | None:
    return (claim.object.id or claim.object.name) if claim.object else None


def _reading_key(claim: Claim) -> tuple:
    return (claim.predicate, (claim.subject.id or claim.subject.name) if claim.subject else None,
            claim.sentence_start)


def _assertion_key(claim: Claim) -> tuple:
    return (claim.predicate, claim.subject.id if claim.subject else None, _object_key(claim),
            str(claim.value), claim.sentence_start)
