"""Maintaining reference facts one at a time: add, list, show, edit, retire, remove, history;
entities: add, alias, list, show, merge. Every change after a fact was stored is kept in
``fact_history`` with who made it, when, and the fact before and after.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from datetime import date, datetime, timezone

from sqlalchemy import delete, func, insert, or_, select, update

from factcheck.dates import parse_partial_date
from factcheck.errors import InputError
from factcheck.store.interchange import check_records
from factcheck.store.rows import _entity_history_row, external_ids
from factcheck.store.schema import ALIASES, ENTITIES, ENTITY_HISTORY, EXTERNAL, FACTS, HISTORY, IMPORTS
from factcheck.model import Evidence
from factcheck.store.database import _FACT_COLUMNS, Store, _fact_row, current_actor
from factcheck.store.names import refresh_names


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def fact_record(row: Evidence) -> dict:
    """A stored fact as an interchange record."""
    return row.to_record()


def suggestions(store: Store, name: str, limit: int = 3) -> list[str]:
    """Entity names and ids close to ``name``, for "did you mean" hints."""
    with store._read() as conn:
        names = conn.execute(select(ENTITIES.c.name, ENTITIES.c.id)).all()
        aliases = conn.execute(select(ALIASES.c.text, ALIASES.c.entity_id)).all()
    choices: dict[str, str] = {}
    for text, entity_id in [*names, *aliases]:
        choices.setdefault(text, entity_id)
        choices.setdefault(entity_id, entity_id)
    close = difflib.get_close_matches(name, list(choices), n=limit * 3, cutoff=0.6)
    out = []
    for text in close:
        label = f"{text} ({choices[text]})" if text != choices[text] else text
        if label not in out:
            out.append(label)
    return out[:limit]


def resolve_entity(store: Store, reference: str) -> str:
    """An entity id from an id, a name or an alias; an InputError with suggestions otherwise."""
    with store._read() as conn:
        if conn.execute(select(ENTITIES.c.id).where(ENTITIES.c.id == reference)).first():
            return reference
        ids = set(conn.execute(select(ENTITIES.c.id).where(ENTITIES.c.name == reference)).scalars())
        ids |= set(conn.execute(select(ALIASES.c.entity_id).where(ALIASES.c.text == reference)).scalars())
    if len(ids) == 1:
        return ids.pop()
    if ids:
        raise InputError(f"'{reference}' names several entities: {', '.join(sorted(ids))}; use an id")
    hint = suggestions(store, reference)
    raise InputError(f"unknown entity '{reference}'" + (f"; did you mean {', '.join(hint)}?" if hint else ""))


#: Fact ids are 64-bit integers in every database: a larger number names no fact.
_MAX_ID = 2**63 - 1


def get_fact(store: Store, fact_id: int) -> Evidence:
    if not 0 < fact_id <= _MAX_ID:
        raise InputError(f"no fact #{fact_id} in the store")
    with store._read() as conn:
        row = conn.execute(select(*_FACT_COLUMNS).where(FACTS.c.id == fact_id)).first()
    if row is None:
        raise InputError(f"no fact #{fact_id} in the store")
    return _fact_row(row)


def list_facts(store: Store, *, subject: str | None = None, predicate: str | None = None,
               entity_type: str | None = None, source: str | None = None,
               valid_on: date | None = None, limit: int | None = None) -> list[Evidence]:
    query = select(*_FACT_COLUMNS).order_by(FACTS.c.subject_id, FACTS.c.predicate, FACTS.c.id)
    if subject:
        entity_id = resolve_entity(store, subject)
        query = query.where(or_(FACTS.c.subject_id == entity_id, FACTS.c.object_id == entity_id))
    if predicate:
        query = query.where(FACTS.c.predicate == predicate)
    if entity_type:
        query = query.join(ENTITIES, ENTITIES.c.id == FACTS.c.subject_id).where(ENTITIES.c.type == entity_type)
    if source:
        query = query.where(FACTS.c.source.contains(source, autoescape=True))
    with store._read() as conn:
        rows = [_fact_row(row) for row in conn.execute(query)]
    if valid_on is not None:
        rows = [row for row in rows if _valid_on(row, valid_on)]
    return rows[:limit] if limit else rows


def _valid_on(row: Evidence, day: date) -> bool:
    if row.valid_from and parse_partial_date(row.valid_from).date_from > day:
        return False
    if row.valid_until and parse_partial_date(row.valid_until).date_until < day:
        return False
    return True


def fact_history(store: Store, fact_id: int) -> list[dict]:
    """Where a fact came from and every change since, oldest first."""
    if not 0 < fact_id <= _MAX_ID:
        raise InputError(f"no fact #{fact_id} and no history of one")
    events = []
    with store._read() as conn:
        row = conn.execute(select(FACTS.c.created_at, FACTS.c.import_id).where(FACTS.c.id == fact_id)).first()
        if row is not None and row.import_id is not None:
            origin = conn.execute(select(IMPORTS).where(IMPORTS.c.id == row.import_id)).one()
            events.append({"action": f"added by {origin.kind}", "at": row.created_at.isoformat(),
                           "actor": origin.actor, "origin": origin.origin, "sha256": origin.sha256,
                           **({"reason": origin.reason} if origin.reason else {})})
        events.extend(_change_event(conn, change) for change in conn.execute(
            select(HISTORY).where(HISTORY.c.fact_id == fact_id).order_by(HISTORY.c.id)))
    if not events:
        raise InputError(f"no fact #{fact_id} and no history of one")
    return events


def _change_event(conn, change) -> dict:
    """One row of a history table as an event: what, when, who, before and after, from which
    import, why."""
    event = {"action": change.action, "at": change.changed_at.isoformat(), "actor": change.actor,
             "before": json.loads(change.before) if change.before else None,
             "after": json.loads(change.after) if change.after else None}
    if change.import_id is not None:
        event["origin"] = conn.execute(select(IMPORTS.c.origin).where(IMPORTS.c.id == change.import_id)).scalar()
    if change.reason:
        event["reason"] = change.reason
    return event


def edit_fact(store: Store, fact_id: int, changes: Mapping[str, object],
              predicates: Mapping[str, str], *, action: str = "edit", reason: str | None = None) -> Evidence:
    """Change fields of a stored fact; the new version is checked like an imported one. ``reason``
    is kept with the change in the fact's history."""
    before = get_fact(store, fact_id)
    record = fact_record(before)
    for key, value in changes.items():
        if value is None or value == "":
            record.pop(key, None)
        else:
            record[key] = value
    if "object" in changes and changes["object"]:
        record["object"] = resolve_entity(store, str(changes["object"]))
        record.pop("value", None)
    if "value" in changes and changes["value"] not in (None, ""):
        record.pop("object", None)
    checked = check_records([(1, record)], f"fact #{fact_id}", predicates).facts[0]
    key = checked.identity(checked.subject, checked.object)
    values = {
        "key": key, "object_id": checked.object,
        "value_number": None if checked.value is None or isinstance(checked.value, str) else float(checked.value),
        "value_date": checked.value if isinstance(checked.value, str) else None,
        "unit": checked.unit, "valid_from": checked.valid_from, "valid_until": checked.valid_until,
        "as_of": checked.as_of, "source": checked.source, "note": checked.note, "rank": checked.rank,
    }
    with store._write() as conn:
        clash = conn.execute(select(FACTS.c.id).where(FACTS.c.key == key, FACTS.c.id != fact_id)).first()
        if clash:
            raise InputError(f"fact #{fact_id} would become the same as fact #{clash[0]}")
        conn.execute(update(FACTS).where(FACTS.c.id == fact_id).values(**values))
        after = _fact_row(conn.execute(select(*_FACT_COLUMNS).where(FACTS.c.id == fact_id)).one())
        conn.execute(insert(HISTORY).values(
            fact_id=fact_id, action=action, actor=current_actor(), changed_at=_now(),
            before=json.dumps(fact_record(before), sort_keys=True),
            after=json.dumps(fact_record(after), sort_keys=True), reason=reason))
    return after


def retire_fact(store: Store, fact_id: int, on: date, predicates: Mapping[str, str], *,
                reason: str | None = None) -> Evidence:
    """End a fact's validity on ``on`` (inclusive) and keep it."""
    fact = get_fact(store, fact_id)
    if fact.valid_until is not None:
        raise InputError(f"fact #{fact_id} already ended on {fact.valid_until}")
    return edit_fact(store, fact_id, {"valid_until": on.isoformat()}, predicates, action="retire",
                     reason=reason)


def remove_facts(store: Store, fact_ids: list[int], *, reason: str | None = None) -> int:
    """Delete facts; their history keeps what they were (and ``reason``)."""
    rows = [get_fact(store, fact_id) for fact_id in fact_ids]
    with store._write() as conn:
        for row in rows:
            conn.execute(delete(FACTS).where(FACTS.c.id == row.id))
            conn.execute(insert(HISTORY).values(
                fact_id=row.id, action="remove", actor=current_actor(), changed_at=_now(),
                before=json.dumps(fact_record(row), sort_keys=True), after=None, reason=reason))
    return len(rows)


def list_entities(store: Store, *, entity_type: str | None = None, name: str | None = None,
                  limit: int | None = None) -> list[dict]:
    query = select(ENTITIES.c.id, ENTITIES.c.name, ENTITIES.c.type).order_by(ENTITIES.c.id)
    if entity_type:
        query = query.where(ENTITIES.c.type == entity_type)
    if name:
        query = query.where(or_(ENTITIES.c.name.contains(name, autoescape=True),
                                 ENTITIES.c.id.contains(name, autoescape=True)))
    if limit:
        query = query.limit(min(limit, _MAX_ID))    # a larger LIMIT overflows the database's integer
    with store._read() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def show_entity(store: Store, reference: str) -> dict:
    entity_id = resolve_entity(store, reference)
    with store._read() as conn:
        entity = conn.execute(select(ENTITIES).where(ENTITIES.c.id == entity_id)).one()
        aliases = conn.execute(select(ALIASES.c.kind, ALIASES.c.text).where(ALIASES.c.entity_id == entity_id)
                               .order_by(ALIASES.c.kind, ALIASES.c.text)).all()
        counts = dict(conn.execute(select(FACTS.c.predicate, func.count()).where(
            or_(FACTS.c.subject_id == entity_id, FACTS.c.object_id == entity_id))
            .group_by(FACTS.c.predicate).order_by(FACTS.c.predicate)).all())
    return {
        "id": entity.id, "name": entity.name, "type": entity.type, "title": entity.title,
        "jurisdiction": entity.jurisdiction_id, "seats": entity.seats,
        "aliases": [text for kind, text in aliases if kind == "alias"],
        "demonyms": [text for kind, text in aliases if kind == "demonym"],
        "ids": dict(external_ids(text for kind, text in aliases if kind == EXTERNAL)),
        "facts_by_predicate": counts,
    }


def add_aliases(store: Store, reference: str, texts: list[str], *, kind: str = "alias",
                reason: str | None = None) -> int:
    """Add ways an entity is written; the change is kept in the entity's history."""
    entity_id = resolve_entity(store, reference)
    added = 0
    with store._write() as conn:
        before = _entity_state(conn, entity_id)
        for text in texts:
            text = text.strip()
            if not text:
                raise InputError("an alias cannot be empty")
            exists = conn.execute(select(ALIASES.c.id).where(ALIASES.c.entity_id == entity_id, ALIASES.c.kind == kind,
                                                         ALIASES.c.text == text)).first()
            if not exists:
                conn.execute(insert(ALIASES).values(entity_id=entity_id, kind=kind, text=text))
                added += 1
        if added:
            refresh_names(conn, [entity_id])
            _entity_changed(conn, entity_id, kind, before, _entity_state(conn, entity_id), reason)
    return added


def _entity_state(conn, entity_id: str) -> tuple | None:
    """(name, type, title, jurisdiction, seats, alias pairs) of a stored entity, as its history keeps it."""
    row = conn.execute(select(ENTITIES.c.name, ENTITIES.c.type, ENTITIES.c.title, ENTITIES.c.jurisdiction_id,
                              ENTITIES.c.seats).where(ENTITIES.c.id == entity_id)).first()
    if row is None:
        return None
    pairs = sorted((kind, text) for kind, text in conn.execute(
        select(ALIASES.c.kind, ALIASES.c.text).where(ALIASES.c.entity_id == entity_id)))
    return (*row, tuple(pairs))


def _entity_changed(conn, entity_id: str, action: str, before: tuple | None, after: tuple | None,
                    reason: str | None) -> None:
    conn.execute(ENTITY_HISTORY.insert().values(
        _entity_history_row(entity_id, action, current_actor(), _now(), before, after, None, reason)))


def entity_history(store: Store, reference: str) -> list[dict]:
    """How an entity came to be as it is (also one merged away): additions, imports, aliases,
    merges, oldest first, each with the entity before and after."""
    entity_id = reference
    with store._read() as conn:
        known = conn.execute(select(ENTITY_HISTORY.c.id).where(ENTITY_HISTORY.c.entity_id == reference)).first()
    if known is None:
        entity_id = resolve_entity(store, reference)
    events = []
    with store._read() as conn:
        events.extend(_change_event(conn, change) for change in conn.execute(
            select(ENTITY_HISTORY).where(ENTITY_HISTORY.c.entity_id == entity_id).order_by(ENTITY_HISTORY.c.id)))
    if not events:
        raise InputError(f"no history of entity '{entity_id}'")
    return events


def merge_entities(store: Store, source: str, target: str, *, force: bool = False,
                   reason: str | None = None) -> dict:
    """Fold ``source`` into ``target``: its facts and aliases move, its name becomes an alias.

    Entities of different types (an office and a person) are not merged unless ``force``: their
    facts would end up saying the wrong thing ("xi-jinping holds_office xi-jinping")."""
    source_id, target_id = resolve_entity(store, source), resolve_entity(store, target)
    if source_id == target_id:
        raise InputError("cannot merge an entity into itself")
    moved = {"facts": 0, "aliases": 0}
    with store._read() as conn:
        types = dict(conn.execute(select(ENTITIES.c.id, ENTITIES.c.type)
                                  .where(ENTITIES.c.id.in_([source_id, target_id]))).all())
    if types[source_id] != types[target_id] and not force:
        raise InputError(f"cannot merge '{source_id}' ({_a(types[source_id])}) into '{target_id}' "
                         f"({_a(types[target_id])}): entities of different types are not the same "
                         "thing; --force merges them anyway")
    with store._write() as conn:
        source_before, target_before = _entity_state(conn, source_id), _entity_state(conn, target_id)
        name = conn.execute(select(ENTITIES.c.name).where(ENTITIES.c.id == source_id)).scalar_one()
        for kind, text in conn.execute(select(ALIASES.c.kind, ALIASES.c.text).where(ALIASES.c.entity_id == source_id)).all() + [("alias", name)]:
            exists = conn.execute(select(ALIASES.c.id).where(ALIASES.c.entity_id == target_id, ALIASES.c.kind == kind,
                                                         ALIASES.c.text == text)).first()
            if not exists:
                conn.execute(insert(ALIASES).values(entity_id=target_id, kind=kind, text=text))
                moved["aliases"] += 1
        conn.execute(delete(ALIASES).where(ALIASES.c.entity_id == source_id))
        rows = [_fact_row(r) for r in conn.execute(select(*_FACT_COLUMNS).where(
            or_(FACTS.c.subject_id == source_id, FACTS.c.object_id == source_id)))]
        for row in rows:
            subject = target_id if row.subject == source_id else row.subject
            obj = target_id if row.object == source_id else row.object
            from factcheck.store.interchange import FactRecord

            key = FactRecord(subject=subject, predicate=row.predicate, object=obj, value=row.value,
                             valid_from=row.valid_from).identity(subject, obj)
            if conn.execute(select(FACTS.c.id).where(FACTS.c.key == key, FACTS.c.id != row.id)).first():
                conn.execute(delete(FACTS).where(FACTS.c.id == row.id))  # the target already has it
            else:
                conn.execute(update(FACTS).where(FACTS.c.id == row.id)
                             .values(subject_id=subject, object_id=obj, key=key))
            moved["facts"] += 1
            conn.execute(insert(HISTORY).values(
                fact_id=row.id, action="merge", actor=current_actor(), changed_at=_now(),
                before=json.dumps(fact_record(row), sort_keys=True),
                after=json.dumps({**fact_record(row), "subject": subject,
                                  **({"object": obj} if obj else {})}, sort_keys=True)))
        conn.execute(update(ENTITIES).where(ENTITIES.c.jurisdiction_id == source_id).values(jurisdiction_id=target_id))
        conn.execute(delete(ENTITIES).where(ENTITIES.c.id == source_id))
        refresh_names(conn, [source_id, target_id])
        why = f": {reason}" if reason else ""
        _entity_changed(conn, source_id, "merged", source_before, None, f"into {target_id}{why}")
        _entity_changed(conn, target_id, "merge", target_before, _entity_state(conn, target_id),
                        f"{source_id} merged in{why}")
    return moved


def field_changes(before: Mapping | None, after: Mapping | None) -> list[tuple[str, object, object]]:
    """(field, old value, new value) for every field two versions of a record differ in, sorted."""
    before, after = before or {}, after or {}
    return [(key, before.get(key), after.get(key)) for key in sorted(set(before) | set(after))
            if before.get(key) != after.get(key)]


def history_line(event: dict, gone: str) -> str:
    """An event of a history in one line: when, what, who, from where, why, and the fields it
    changed (``gone`` where the record ended)."""
    line = f"{event['at']} {event['action']} by {event.get('actor') or '?'}"
    if event.get("origin"):
        line += f" from {event['origin']}"
    if event.get("reason"):
        line += f" ({event['reason']})"
    if "before" in event:
        diffs = field_changes(event["before"], event["after"])
        if event["after"] is None:
            line += f": {gone}"
        elif diffs:
            line += ": " + "; ".join(f"{key}: {old!r} -> {new!r}" for key, old, new in diffs)
    return line


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"
