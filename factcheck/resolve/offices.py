"""Bare titles: which office "Prime Minister Babiš" or "President Duda" names.

Extraction settles a title's office when the sentence names its jurisdiction ("Czech Prime
Minister"); otherwise the claim's object carries every office of that title as candidates.
Here, with the person's own offices from the store, the candidate is the one the person held at
the claim's time; else the one the person held at any time; else the office of that title in the
jurisdiction of the offices the person held at the claim's time (so "Prime Minister Duda", said
of Poland's president, is read as Poland's prime minister, and judged). When none of these
decides, the claim keeps its candidates and is judged unknown with them named.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from factcheck.model import Claim, EntityRef, Evidence


def resolve_title(claim: Claim, held: Sequence[Evidence], jurisdictions: Mapping[str, str | None],
                  name: Callable[[str], str]) -> Claim:
    """``claim`` with its office settled from ``held`` (the subject's office facts) where one
    candidate fits; ``jurisdictions`` maps office ids to their jurisdiction ids."""
    office, when = claim.object, claim.time
    if (office is None or office.id is not None or not office.candidates or claim.subject is None
            or claim.subject.id is None):
        return claim
    candidates = set(office.candidates)
    held = [fact for fact in held if fact.object]
    current = [fact for fact in held if when is None or fact.holds_during(when)]
    for pool in (current, held):
        chosen = {fact.object for fact in pool if fact.object in candidates}
        if len(chosen) == 1:
            return _settled(claim, chosen.pop(), name)
    places = {jurisdictions.get(fact.object) for fact in current} - {None}
    chosen = {candidate for candidate in candidates if jurisdictions.get(candidate) in places}
    if len(chosen) == 1:
        return _settled(claim, chosen.pop(), name)
    return claim


def _settled(claim: Claim, office: str, name: Callable[[str], str]) -> Claim:
    return replace(claim, object=EntityRef(office, name(office)))
