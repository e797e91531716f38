"""What the store gives back (entities, import results) and rows as its tables hold them: a fact record's columns, the values compared when an
import updates a fact, history rows of facts and entities, and what entity history records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from factcheck.model import Evidence
from factcheck.store.interchange import EntityRecord
from factcheck.store.schema import EXTERNAL


@dataclass(frozen=True)
class EntityInfo:
    id: str
    name: str
    type: str
    title: str | None
    jurisdiction: str | None
    seats: int | None


@dataclass(frozen=True)
class FactChange:
    """A stored fact an import changed (or, in a dry run, would change): the record before and after."""

    fact_id: int
    line: int
    before: dict
    after: dict


@dataclass(frozen=True)
class ImportResult:
    path: str
    entities_changed: int
    facts_added: int
    facts_seen: int
    facts_changed: int = 0
    facts_unchanged: int = 0
    facts_retired: int = 0
    #: The first changes (an import may report counts beyond them), for a preview or a log.
    changes: tuple[FactChange, ...] = ()
    #: The first new facts as interchange records (with their new ``id``, except in a dry run).
    added: tuple[dict, ...] = ()
    retired: tuple[FactChange, ...] = ()
    dry_run: bool = False


#: How many changes and additions an ImportResult keeps for display.
SHOWN_CHANGES = 20


def _alias_pairs(entity: EntityRecord) -> set[tuple[str, str]]:
    pairs = {("alias", text) for text in entity.aliases if text != entity.name}
    pairs.update(("demonym", text) for text in entity.demonyms)
    pairs.update((EXTERNAL, f"{scheme}:{value}") for scheme, value in entity.ids)
    return pairs


def _entities_in_dependency_order(rows) -> list:
    """Entities sorted by id, with each jurisdiction before the offices that refer to it."""
    by_id = {row.id: row for row in rows}
    done: set[str] = set()
    ordered = []

    def visit(row, depth: int = 0) -> None:
        if row.id in done:
            return
        done.add(row.id)
        parent = by_id.get(row.jurisdiction_id) if row.jurisdiction_id else None
        if parent is not None and depth < 50:
            visit(parent, depth + 1)
        ordered.append(row)

    for row in rows:
        visit(row)
    return ordered


def _fact_row(row) -> Evidence:
    return Evidence(
        id=row.id, subject=row.subject_id, predicate=row.predicate, object=row.object_id,
        value_number=row.value_number, value_date=row.value_date, unit=row.unit,
        valid_from=row.valid_from, valid_until=row.valid_until, as_of=row.as_of,
        source=row.source, note=row.note, rank=row.rank,
    )


def _fact_values(fact, subject: str, obj: str | None, key: str) -> dict:
    """The columns of a checked fact record, as the facts table stores them."""
    return {
        "key": key, "subject_id": subject, "predicate": fact.predicate, "object_id": obj,
        "value_number": None if fact.value is None or isinstance(fact.value, str) else float(fact.value),
        "value_date": fact.value if isinstance(fact.value, str) else None,
        "unit": fact.unit, "valid_from": fact.valid_from, "valid_until": fact.valid_until,
        "as_of": fact.as_of, "source": fact.source, "note": fact.note, "rank": fact.rank,
    }


def _fact_tuple(fact, subject: str, obj: str | None, key: str) -> tuple:
    """:func:`_fact_values` as a tuple in the order of ``FACT_VALUE_COLUMNS`` (for bulk inserts)."""
    value = fact.value
    text = isinstance(value, str)
    return (key, subject, fact.predicate, obj, None if value is None or text else float(value),
            value if text else None, fact.unit, fact.valid_from, fact.valid_until, fact.as_of,
            fact.source, fact.note, fact.rank)


_COMPARED = ("key", "subject_id", "predicate", "object_id", "value_number", "value_date", "unit",
             "valid_from", "valid_until", "as_of", "source", "note", "rank")


#: The columns of :func:`_fact_tuple`.
FACT_VALUE_COLUMNS = _COMPARED


def _comparable(values: Mapping) -> dict:
    return {name: values[name] for name in _COMPARED}


def _stored_values(fact: Evidence, key: str) -> dict:
    return {
        "key": key, "subject_id": fact.subject, "predicate": fact.predicate, "object_id": fact.object,
        "value_number": fact.value_number, "value_date": fact.value_date, "unit": fact.unit,
        "valid_from": fact.valid_from, "valid_until": fact.valid_until, "as_of": fact.as_of,
        "source": fact.source, "note": fact.note, "rank": fact.rank,
    }


def _history_row(fact_id: int, action: str, actor: str, now: datetime, before: dict | None,
                 after: dict | None, import_id: int | None, reason: str | None) -> dict:
    import json

    return {"fact_id": fact_id, "action": action, "actor": actor, "changed_at": now,
            "before": json.dumps(before, sort_keys=True) if before is not None else None,
            "after": json.dumps(after, sort_keys=True) if after is not None else None,
            "import_id": import_id, "reason": reason}


def entity_state(state: tuple | None) -> dict | None:
    """(name, type, title, jurisdiction, seats, alias pairs) as the JSON entity history keeps."""
    if state is None:
        return None
    name, entity_type, title, jurisdiction, seats, pairs = state
    out: dict = {"name": name, "type": entity_type}
    for key, value in (("title", title), ("jurisdiction", jurisdiction), ("seats", seats)):
        if value is not None:
            out[key] = value
    out["aliases"] = sorted(text for kind, text in pairs if kind == "alias")
    out["demonyms"] = sorted(text for kind, text in pairs if kind == "demonym")
    ids = external_ids(text for kind, text in pairs if kind == EXTERNAL)
    if ids:
        out["ids"] = dict(ids)
    return out


def external_ids(texts) -> tuple[tuple[str, str], ...]:
    """Stored "scheme:value" texts as an entity record's sorted (scheme, value) pairs."""
    return tuple(sorted(tuple(text.split(":", 1)) for text in texts))


def _entity_history_row(entity_id: str, action: str, actor: str | None, now: datetime,
                        before: tuple | None, after: tuple | None, import_id: int | None,
                        reason: str | None) -> dict:
    import json

    return {"entity_id": entity_id, "action": action, "actor": actor, "changed_at": now,
            "before": json.dumps(entity_state(before), sort_keys=True) if before is not None else None,
            "after": json.dumps(entity_state(after), sort_keys=True) if after is not None else None,
            "import_id": import_id, "reason": reason}


__all__ = ["SHOWN_CHANGES", "EntityInfo", "FactChange", "ImportResult", "entity_state"]
