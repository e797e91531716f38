"""Landing pulled entities on the store's own: no duplicate for a thing the store already knows.

Takes interchange records from a pull (or a pack) and a store; gives the records with every
pulled entity that matches a stored one rewritten onto it, and every reference to it (facts'
subjects and objects, offices' jurisdictions) renamed. A pulled entity matches, in this order:

1. the stored entity that carries one of its external ids: its ``ids`` (Wikidata QID, ISO 3166 or
   4217 code, GeoNames id), or a QID among its aliases as earlier pulls kept them; an ``entities
   merge`` moves them to the entity merged into, so the next pull lands there;
2. else the one stored entity of the same type whose name or alias is the pulled name or one of
   its aliases ("China" for Wikidata's "People's Republic of China").

A matched entity keeps its stored id, name, title, jurisdiction and seats, and gains the pulled
name and aliases (its external ids among them). Without a match, or with several candidates, the
pulled entity is imported as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from factcheck.store.database import Store
from factcheck.store.interchange import EXTERNAL_ID_SCHEMES
from factcheck.store.rows import external_ids
from factcheck.store.schema import ALIASES, ENTITIES, EXTERNAL

#: External ids earlier pulls kept as aliases: Wikidata items.
EXTERNAL_ID = EXTERNAL_ID_SCHEMES["wikidata"]


def reconcile(store: Store, records: Iterable[dict]) -> list[dict]:
    """``records`` with the entities the store already has rewritten onto their stored ids."""
    records = list(records)
    pulled = [r for r in records if r.get("kind") == "entity"]
    if not pulled:
        return records
    texts = sorted({text for r in pulled for text in [r["name"], *r.get("aliases", ()), *_ids(r)]})
    owners = _owners(store, texts)
    mapping: dict[str, str] = {}
    for record in pulled:
        external = [a for a in record.get("aliases", ()) if EXTERNAL_ID.fullmatch(a)]
        found = {entity for text in [*_ids(record), *external] for entity, _type in owners.get(text, ())}
        if len(found) != 1:
            names = [record["name"], *(a for a in record.get("aliases", ()) if a not in external)]
            found = {entity for text in names for entity, kind in owners.get(text, ()) if kind == record["type"]}
        if len(found) == 1:
            mapping[record["id"]] = found.pop()
    targets = list(mapping.values())
    mapping = {pulled_id: stored for pulled_id, stored in mapping.items() if targets.count(stored) == 1}
    if not mapping:
        return records
    stored = _stored_records(store, set(mapping.values()))
    out = []
    for record in records:
        if record.get("kind") == "entity" and record["id"] in mapping:
            record = _merged(stored[mapping[record["id"]]], record)
        elif record.get("kind") == "entity":
            if record.get("jurisdiction") in mapping:
                record = {**record, "jurisdiction": mapping[record["jurisdiction"]]}
        else:
            record = {**record, "subject": mapping.get(record["subject"], record["subject"])}
            if record.get("object") in mapping:
                record["object"] = mapping[record["object"]]
        out.append(record)
    return out


def _ids(record: dict) -> list[str]:
    """A record's external ids as the store keeps them ("wikidata:Q148")."""
    return [f"{scheme}:{value}" for scheme, value in sorted((record.get("ids") or {}).items())]


def _merged(stored: dict, pulled: dict) -> dict:
    """The stored entity with the pulled one's names and external ids added (its own name,
    title, place and ids kept)."""
    aliases = [*stored.get("aliases", ()), pulled["name"], *pulled.get("aliases", ())]
    demonyms = [*stored.get("demonyms", ()), *pulled.get("demonyms", ())]
    out = {**stored, "aliases": [a for a in dict.fromkeys(aliases) if a != stored["name"]]}
    if demonyms:
        out["demonyms"] = list(dict.fromkeys(demonyms))
    ids = {**(pulled.get("ids") or {}), **(stored.get("ids") or {})}
    if ids:
        out["ids"] = dict(sorted(ids.items()))
    return out


def _owners(store: Store, texts: list[str]) -> dict[str, set[tuple[str, str]]]:
    """text -> {(entity id, type)} of the stored entities named or aliased so."""
    owners: dict[str, set[tuple[str, str]]] = {}
    with store._read() as conn:
        for start in range(0, len(texts), 500):
            chunk = texts[start:start + 500]
            for entity, kind, name in conn.execute(select(ENTITIES.c.id, ENTITIES.c.type, ENTITIES.c.name)
                                                   .where(ENTITIES.c.name.in_(chunk))):
                owners.setdefault(name, set()).add((entity, kind))
            for entity, kind, text in conn.execute(
                    select(ENTITIES.c.id, ENTITIES.c.type, ALIASES.c.text)
                    .join(ALIASES, ALIASES.c.entity_id == ENTITIES.c.id)
                    .where(ALIASES.c.text.in_(chunk), ALIASES.c.kind.in_(["alias", EXTERNAL]))):
                owners.setdefault(text, set()).add((entity, kind))
    return owners


def _stored_records(store: Store, ids: set[str]) -> dict[str, dict]:
    """The interchange records of the stored entities ``ids``."""
    with store._read() as conn:
        rows = conn.execute(select(ENTITIES).where(ENTITIES.c.id.in_(sorted(ids)))).all()
        names = conn.execute(select(ALIASES.c.entity_id, ALIASES.c.kind, ALIASES.c.text)
                             .where(ALIASES.c.entity_id.in_(sorted(ids))).order_by(ALIASES.c.id)).all()
    out = {}
    for row in rows:
        record = {"kind": "entity", "id": row.id, "name": row.name, "type": row.type,
                  "aliases": [text for entity, kind, text in names if entity == row.id and kind == "alias"]}
        demonyms = [text for entity, kind, text in names if entity == row.id and kind == "demonym"]
        if demonyms:
            record["demonyms"] = demonyms
        ids = external_ids(text for entity, kind, text in names if entity == row.id and kind == EXTERNAL)
        if ids:
            record["ids"] = dict(ids)
        for key, value in (("title", row.title), ("jurisdiction", row.jurisdiction_id), ("seats", row.seats)):
            if value is not None:
                record[key] = value
        out[row.id] = record
    return out


__all__ = ["EXTERNAL_ID", "reconcile"]
