"""Wikidata item ids: read from what people write, and turned into factcheck entity ids.

Takes ids as written ("Q15031", "q15031", an entity page or IRI) and English labels; gives
canonical QIDs ("Q15031"), their numbers, and entity ids (slugs of the labels).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from factcheck.errors import InputError

QID = re.compile(r"^[Qq]([1-9][0-9]*)$")
ENTITY_IRI = re.compile(r"^https?://www\.wikidata\.org/entity/(Q[1-9][0-9]*)$")
_WIKIDATA_URL = re.compile(r"^https?://(?:www|m)\.wikidata\.org/(?:wiki|entity)/(Q[1-9][0-9]*)/?$")


def normalize_qids(qids: Iterable[str]) -> list[str]:
    """Ids as "Q123", without repeats, in the order given; ``InputError`` for anything else."""
    if isinstance(qids, str):
        qids = [qids]
    out: dict[str, None] = {}
    for raw in qids:
        text = raw.strip() if isinstance(raw, str) else ""
        match = QID.match(text) or _WIKIDATA_URL.match(text) or ENTITY_IRI.match(text)
        if not match:
            raise InputError(f"not a Wikidata item id: {raw!r} (expected Q followed by digits, "
                             "e.g. Q15031)")
        out.setdefault("Q" + match.group(1).lstrip("Qq"))
    return list(out)


def qid_number(qid: str) -> int:
    """The number of a QID, for ordering: "Q30" -> 30."""
    return int(qid[1:])


def slugify(label: str) -> str:
    """The entity id of a label, as the world pack makes them ("Washington, D.C." -> "washington-dc")."""
    from factcheck.store.worldpack import slug

    return slug(label)
