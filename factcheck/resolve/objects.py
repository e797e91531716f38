"""Ambiguous objects: which currency "rupees" names in "India, where most workers are paid in rupees".

A name the store gives several entities ("rupee": the Indian, the Pakistani, ...) stays ambiguous
through extraction. Here, where exactly one candidate is one the store links to the claim's
subject by the claim's predicate (at any time), the name is read as that one; the verdict then
turns on the claim's time. Where none or several are, the claim keeps its candidates and is
judged unknown with them named.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from factcheck.model import Claim, EntityRef, Evidence


def resolve_object(claim: Claim, linked: Sequence[Evidence], name: Callable[[str], str]) -> Claim:
    """``claim`` with its object settled to the one candidate among the objects of ``linked``
    (the subject's facts of the claim's predicate)."""
    thing = claim.object
    if thing is None or thing.id is not None or len(thing.candidates) < 2:
        return claim
    chosen = {fact.object for fact in linked if fact.object in thing.candidates}
    if len(chosen) != 1:
        return claim
    entity = chosen.pop()
    return replace(claim, object=EntityRef(entity, name(entity)))


__all__ = ["resolve_object"]
