"""The names table: every name, alias and demonym of the store by the token it starts with.

A :class:`~factcheck.text.lexicon.LookupLexicon` reads it through :class:`StoreNames`, once per
document, instead of loading every name of a large store. Every write to ``entities`` or
``aliases`` keeps it in step: imports through :func:`write_names`, aliases and merges through
:func:`refresh_names`; migration 0004 fills it for stores made before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import delete, func, or_, select
from sqlalchemy.engine import Connection

from factcheck.store import bulk
from factcheck.store.schema import ALIASES, ENTITIES, EXTERNAL, NAMES



def name_records(entity_id: str, name: str, pairs: Iterable[tuple[str, str]]) -> list[dict]:
    """The names table's rows of one entity: its name, then its aliases and demonyms (an alias of
    kind "name" is left out, as the lexicon leaves it out), each with its first token and, for an
    alias, how it stands to the entity's other names."""
    from factcheck.text.lexicon import composite_kind, first_token

    texts = [("name", name), *((kind, text) for kind, text in pairs if kind not in ("name", EXTERNAL))]
    own = {text for _kind, text in texts}
    return [{"entity_id": entity_id, "kind": kind, "text": text, "first_token": first_token(text),
             "composite": composite_kind(text, own) if kind == "alias" else 0} for kind, text in texts]


def write_names(conn: Connection, entities: Mapping[str, tuple[str, Iterable[tuple[str, str]]]], *,
                replace: Iterable[str] = ()) -> None:
    """The rows of ``entities`` (entity id -> (name, its (kind, text) alias pairs)), after
    removing those of the entities in ``replace``."""
    for chunk in bulk.chunks(sorted(set(replace))):
        conn.execute(delete(NAMES).where(NAMES.c.entity_id.in_(chunk)))
    rows = [row for entity_id, (name, pairs) in entities.items() for row in name_records(entity_id, name, pairs)]
    bulk.insert_dicts(conn, NAMES, rows, skip_conflicts_on=["entity_id", "kind", "text"])


def refresh_names(conn: Connection, entity_ids: Iterable[str]) -> None:
    """Rewrite the rows of these entities from ``entities`` and ``aliases`` (after an alias was
    added, or an entity merged away: it has none left)."""
    wanted = sorted(set(entity_ids))
    entities: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    for chunk in bulk.chunks(wanted):
        for entity_id, name in conn.execute(select(ENTITIES.c.id, ENTITIES.c.name).where(ENTITIES.c.id.in_(chunk))):
            entities[entity_id] = (name, [])
        for entity_id, kind, text in conn.execute(select(ALIASES.c.entity_id, ALIASES.c.kind, ALIASES.c.text)
                                                  .where(ALIASES.c.entity_id.in_(chunk)).order_by(ALIASES.c.id)):
            if entity_id in entities:
                entities[entity_id][1].append((kind, text))
    write_names(conn, entities, replace=wanted)


def names_out_of_step(conn: Connection, shown: int = 5) -> list[str]:
    """What the names table holds that the entities and aliases do not give, and the reverse
    (the first ``shown`` of each; an integrity check's errors)."""
    entities: dict[str, tuple[str, list[tuple[str, str]]]] = {
        entity_id: (name, []) for entity_id, name in conn.execute(select(ENTITIES.c.id, ENTITIES.c.name))}
    for entity_id, kind, text in conn.execute(select(ALIASES.c.entity_id, ALIASES.c.kind, ALIASES.c.text)):
        if entity_id in entities:
            entities[entity_id][1].append((kind, text))
    wanted = {(row["entity_id"], row["kind"], row["text"], row["first_token"], row["composite"])
              for entity_id, (name, pairs) in entities.items() for row in name_records(entity_id, name, pairs)}
    held = set(map(tuple, conn.execute(select(NAMES.c.entity_id, NAMES.c.kind, NAMES.c.text,
                                              NAMES.c.first_token, NAMES.c.composite))))
    errors = [f"names table: no row for {kind} '{text}' of '{entity_id}'"
              for entity_id, kind, text, *_ in sorted(wanted - held)[:shown]]
    errors += [f"names table: {kind} '{text}' of '{entity_id}' (first token '{first}', composite {composite}) "
               f"is not a name of the store as it is" for entity_id, kind, text, first, composite in sorted(held - wanted)[:shown]]
    return errors


class StoreNames:
    """A store's names table as a lexicon's source of names (:class:`~factcheck.text.lexicon.NameSource`)."""

    def __init__(self, store) -> None:
        self.store = store

    def name_rows(self, firsts: Iterable[str] = (),
                  entity_ids: Iterable[str] = ()) -> list[tuple[str, str, str, str, str, int]]:
        """(text, kind, entity id, entity type, entity name, composite kind) of every name, alias
        and demonym whose first token is one of ``firsts`` or whose entity is one of
        ``entity_ids``, sorted: one statement, served by the table's indexes (one per 2,000 of
        each beyond that)."""
        firsts, entity_ids = sorted(set(firsts)), sorted(set(entity_ids))
        query = (select(NAMES.c.id, NAMES.c.text, NAMES.c.kind, NAMES.c.entity_id, ENTITIES.c.type, ENTITIES.c.name,
                        NAMES.c.composite)
                 .join(ENTITIES, ENTITIES.c.id == NAMES.c.entity_id))
        if len(firsts) + len(entity_ids) <= bulk.CHUNK:
            conditions = [([NAMES.c.first_token.in_(firsts)] if firsts else [])
                          + ([NAMES.c.entity_id.in_(entity_ids)] if entity_ids else [])]
        else:
            conditions = [[NAMES.c.first_token.in_(chunk)] for chunk in bulk.chunks(firsts)]
            conditions += [[NAMES.c.entity_id.in_(chunk)] for chunk in bulk.chunks(entity_ids)]
        found: dict[int, tuple[str, str, str, str, str, int]] = {}
        with self.store._read() as conn:
            for alternatives in conditions:
                if alternatives:
                    for row in conn.execute(query.where(or_(*alternatives))):
                        found[row[0]] = tuple(row[1:])
        return sorted(found.values())


def name_count(store) -> int:
    """About how many names, aliases and demonyms the store holds (the table's highest id:
    instant on any backend)."""
    with store._read() as conn:
        return conn.execute(select(func.max(NAMES.c.id))).scalar() or 0
