"""The fact store: a SQLAlchemy database of entities, aliases and facts with validity and sources.

SQLite is the embedded default (created and migrated on first use); any SQLAlchemy URL works,
PostgreSQL for teams. Reads go through SQLAlchemy Core with a bounded number of statements per
article; imports write one file per transaction, so a file lands whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Engine, and_, create_engine, delete, event, func, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from factcheck import resources
from factcheck.errors import FactFileError, StoreError
from factcheck.model import Evidence
from factcheck.store.interchange import EntityRecord, FactFile, check_records, read_fact_file
from factcheck.store.holders import overlapping_holders
from factcheck.store.names import names_out_of_step, write_names
from factcheck.store.where import ENV_VAR, current_actor, default_db_path, resolve_db_url
from factcheck.store import bulk
from factcheck.store.rows import (FACT_VALUE_COLUMNS, SHOWN_CHANGES, EntityInfo, FactChange, ImportResult,
                                  _alias_pairs, _comparable, _entities_in_dependency_order, _entity_history_row,
                                  _fact_row, _fact_tuple, _fact_values, _history_row, _stored_values,
                                  entity_state, external_ids)
from factcheck.store.schema import (ALIASES, ENTITIES, ENTITY_HISTORY, EXTERNAL, FACTS, HISTORY, IMPORTS, NAMES,
                                    PREDICATES, lock_migrations)

SCHEMA_HEAD = "0004"


class _DryRun(Exception):
    """Raised inside the import transaction so that it rolls back, carrying what it would have done."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__("dry run")
        self.result = result


_FACT_COLUMNS = (
    FACTS.c.id, FACTS.c.subject_id, FACTS.c.predicate, FACTS.c.object_id, FACTS.c.value_number, FACTS.c.value_date,
    FACTS.c.unit, FACTS.c.valid_from, FACTS.c.valid_until, FACTS.c.as_of, FACTS.c.source, FACTS.c.note, FACTS.c.rank,
)


class Store:
    """A fact store at a SQLAlchemy URL; the schema is brought to the current revision on first use."""

    def __init__(self, url: str | None = None, *, create_folder: bool | None = None) -> None:
        """``create_folder``: make a SQLite file's missing folder (default: the embedded store's only)."""
        self.url = resolve_db_url(url)
        self.create_folder = (self.url == f"sqlite:///{default_db_path()}" if create_folder is None
                              else create_folder)
        self._engine: Engine | None = None
        self._schema_checked = False

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- connection and schema -------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = self._create_engine()
        return self._engine

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    def _create_engine(self) -> Engine:
        try:
            if self.is_sqlite:
                path = self.url.split("///", 1)[1] if "///" in self.url else ""
                if path and path != ":memory:" and not path.startswith("file:"):
                    folder = Path(path).parent
                    if not folder.is_dir() and not self.create_folder:
                        raise StoreError(f"cannot open the store {self.url}: the folder {folder} does "
                                         f"not exist (create it, or run factcheck --db {self.url} db init)")
                    folder.mkdir(parents=True, exist_ok=True)
                engine = create_engine(self.url, connect_args={"timeout": 60})
                _configure_sqlite(engine)
            else:
                engine = create_engine(self.url, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError, OSError, ValueError) as exc:
            raise StoreError(f"cannot open the store {self.url}: {exc}") from None
        return engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def current_revision(self) -> str | None:
        try:
            with self.engine.connect() as conn:
                if not self.engine.dialect.has_table(conn, "alembic_version"):
                    return None
                return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the store {self.url}: {_reason(exc)}") from None

    def ensure_schema(self) -> None:
        """Create or migrate the schema unless it is already at the current revision."""
        if self._schema_checked:
            return
        if self.current_revision() != SCHEMA_HEAD:
            self.upgrade()
        self._schema_checked = True

    def _alembic_config(self, connection: Connection):
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(resources.migrations_dir()))
        config.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        config.attributes["connection"] = connection
        return config

    def upgrade(self, revision: str = "head") -> None:
        from alembic import command
        from alembic.util import CommandError

        try:
            with self._write() as conn:
                lock_migrations(conn)
                command.upgrade(self._alembic_config(conn), revision)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot migrate the store {self.url}: {_reason(exc)}") from None
        except CommandError as exc:   # an unknown revision, a gap in the migrations
            raise StoreError(f"cannot migrate the store {self.url} to {revision!r}: "
                             f"{str(exc).strip().splitlines()[0]}") from None

    def downgrade(self, revision: str) -> None:
        from alembic import command

        with self._write() as conn:
            lock_migrations(conn)
            command.downgrade(self._alembic_config(conn), revision)
        self._schema_checked = False

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction; on SQLite it takes the write lock up front (BEGIN IMMEDIATE)."""
        with self.engine.connect() as conn:
            conn.info["immediate"] = True
            try:
                with conn.begin():
                    yield conn
            finally:
                conn.info.pop("immediate", None)

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        self.ensure_schema()
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the store {self.url}: {_reason(exc)}") from None

    # -- import and export -----------------------------------------------------------------

    def import_file(self, path: str | Path, predicates: Mapping[str, str], *, dry_run: bool = False,
                    replace_source: str | None = None, reason: str | None = None) -> ImportResult:
        """Load one interchange file in one transaction: all of it, or nothing and a FactFileError.

        A record matching a stored fact (by ``id``, else by its key: subject, predicate,
        object/value, valid_from) updates it when other fields differ. ``replace_source`` retires
        (rank ``deprecated``) the facts with that source the file does not have; ``dry_run``
        reports what would change and stores nothing.
        """
        return self._import(read_fact_file(path, predicates), predicates, "file", dry_run=dry_run,
                            replace_source=replace_source, reason=reason)

    def import_records(self, records: Iterable[dict], predicates: Mapping[str, str], *,
                       origin: str, kind: str = "command", dry_run: bool = False,
                       replace_source: str | None = None, reason: str | None = None) -> ImportResult:
        """Load interchange records from a command, a pack or a pull, in one transaction.

        ``origin`` names where they came from (it is kept as the facts' provenance and used in
        error messages, whose "line" is the record's position, from 1).
        """
        import hashlib
        import json

        records = list(records)
        digest = hashlib.sha256("".join(json.dumps(r, sort_keys=True) + "\n" for r in records)
                                .encode("utf-8")).hexdigest()
        parsed = check_records(enumerate(records, start=1), origin, predicates, sha256=digest)
        return self._import(parsed, predicates, kind, dry_run=dry_run, replace_source=replace_source,
                            reason=reason)

    def _import(self, parsed: FactFile, predicates: Mapping[str, str], kind: str, *,
                dry_run: bool = False, replace_source: str | None = None,
                reason: str | None = None) -> ImportResult:
        self.ensure_schema()
        try:
            with self._write() as conn:
                result = self._write_file(conn, parsed, predicates, kind, replace_source=replace_source,
                                          reason=reason)
                if dry_run:
                    raise _DryRun(replace(result, dry_run=True))
                return result
        except _DryRun as done:
            return done.result
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot import {parsed.path} into {self.url}: {_reason(exc)}") from None

    def _write_file(self, conn: Connection, parsed: FactFile, predicates: Mapping[str, str],
                    origin_kind: str, *, replace_source: str | None = None,
                    reason: str | None = None) -> ImportResult:
        now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
        actor = current_actor()
        import_id = conn.execute(
            IMPORTS.insert().values(
                kind=origin_kind, origin=parsed.path, sha256=parsed.sha256, actor=actor, reason=reason,
                entities_changed=0, facts_added=0, created_at=now)
        ).inserted_primary_key[0]

        references = {e.jurisdiction for e in parsed.entities if e.jurisdiction}
        for fact in parsed.facts:
            references.add(fact.subject)
            if fact.object:
                references.add(fact.object)
        resolved = self._resolve_references(conn, references, parsed)

        changed = self._write_entities(conn, parsed.entities, resolved, import_id, now, actor, reason)
        used = sorted({f.predicate for f in parsed.facts})
        existing = set(conn.execute(select(PREDICATES.c.name).where(PREDICATES.c.name.in_(used))).scalars()) if used else set()
        missing = [{"name": name, "kind": predicates[name]} for name in used if name not in existing]
        if missing:
            bulk.insert_dicts(conn, PREDICATES, missing, skip_conflicts_on=["name"])

        # One row per key, the first record of the file that has it.
        rows: dict[str, tuple] = {}
        for fact in parsed.facts:
            subject = resolved[fact.subject]
            obj = resolved[fact.object] if fact.object else None
            key = fact.identity(subject, obj)
            if key not in rows:
                rows[key] = (fact, subject, obj)
        stored_by_id: dict[int, Evidence] = {}
        stored_keys: dict[int, str] = {}
        stored_by_key: dict[str, int] = {}
        # An empty table (a first import) has nothing to match.
        if conn.execute(select(FACTS.c.id).limit(1)).first() is not None:
            given_ids = sorted({fact.id for fact, _, _ in rows.values() if fact.id is not None})
            for column, wanted in ((FACTS.c.id, given_ids), (FACTS.c.key, sorted(rows))):
                for chunk in bulk.chunks(wanted):
                    for row in conn.execute(select(*_FACT_COLUMNS, FACTS.c.key).where(bulk.among(conn, column, chunk))):
                        stored_by_id[row.id] = _fact_row(row)
                        stored_keys[row.id] = row.key
                        stored_by_key[row.key] = row.id

        new_rows: list[tuple] = []
        updates: list[tuple[Evidence, str, dict, int]] = []
        matched: set[int] = set()
        unchanged = 0
        for key, (fact, subject, obj) in rows.items():
            # The key first; else the id, when it names a fact of the same subject and predicate
            # (ids are this store's: a record from another store's export must not overwrite).
            target = stored_by_key.get(key) if stored_by_key else None
            if target is None and fact.id is not None:
                by_id = stored_by_id.get(fact.id)
                if by_id is not None and (by_id.subject, by_id.predicate) == (subject, fact.predicate):
                    target = fact.id
            if target is None:
                new_rows.append((fact.id, _fact_tuple(fact, subject, obj, key)))
                continue
            if target in matched:
                continue  # another record of this file already decided this fact
            matched.add(target)
            values = _fact_values(fact, subject, obj, key)
            if _stored_values(stored_by_id[target], stored_keys[target]) == _comparable(values):
                unchanged += 1
            else:
                updates.append((stored_by_id[target], stored_keys[target], values, fact.line))

        added = self._insert_facts(conn, new_rows, import_id, now)
        history = []
        changes: list[FactChange] = []
        for before, old_key, values, line in updates:
            same_as_read = [FACTS.c.id == before.id, FACTS.c.key == old_key]
            same_as_read += [FACTS.c[name].is_not_distinct_from(value)
                             for name, value in _stored_values(before, old_key).items()]
            # Only a row still as it was read is changed (a parallel import may have got there first).
            count = conn.execute(update(FACTS).where(*same_as_read).values(
                **{k: v for k, v in values.items() if k not in ("created_at", "import_id")})).rowcount
            if count != 1:
                continue
            after = _fact_row(conn.execute(select(*_FACT_COLUMNS).where(FACTS.c.id == before.id)).one())
            changes.append(FactChange(before.id, line, before.to_record(), after.to_record()))
            history.append(_history_row(before.id, "import", actor, now, before.to_record(),
                                        after.to_record(), import_id, reason))
        retired: list[FactChange] = []
        if replace_source is not None:
            stale = conn.execute(select(*_FACT_COLUMNS, FACTS.c.import_id).where(
                FACTS.c.source == replace_source, FACTS.c.rank != "deprecated").order_by(FACTS.c.id)).all()
            for row in stale:
                if row.id in matched or row.import_id == import_id:
                    continue  # in the file: matched, or added by this import
                count = conn.execute(update(FACTS).where(FACTS.c.id == row.id, FACTS.c.rank != "deprecated")
                                     .values(rank="deprecated")).rowcount
                if count != 1:
                    continue
                before = _fact_row(row)
                after = replace(before, rank="deprecated")
                retired.append(FactChange(row.id, 0, before.to_record(), after.to_record()))
                history.append(_history_row(row.id, "retire", actor, now, before.to_record(),
                                            after.to_record(), import_id,
                                            reason or f"no longer in {parsed.path}"))
        bulk.insert_dicts(conn, HISTORY, history)
        if changed or added or changes or retired:
            conn.execute(update(IMPORTS).where(IMPORTS.c.id == import_id)
                         .values(entities_changed=changed, facts_added=added))
        else:
            # Nothing new: leave no trace, so importing the same file twice changes nothing.
            conn.execute(delete(IMPORTS).where(IMPORTS.c.id == import_id))
        shown = []
        if added:
            shown = [{"id": row.id, **_fact_row(row).to_record()} for row in conn.execute(
                select(*_FACT_COLUMNS).where(FACTS.c.import_id == import_id).order_by(FACTS.c.id)
                .limit(SHOWN_CHANGES))]
        return ImportResult(parsed.path, changed, added, len(parsed.facts), facts_changed=len(changes),
                            facts_unchanged=unchanged, facts_retired=len(retired),
                            changes=tuple(changes[:SHOWN_CHANGES]), added=tuple(shown),
                            retired=tuple(retired[:SHOWN_CHANGES]))

    def _insert_facts(self, conn: Connection, new_rows: list[tuple[int | None, tuple]], import_id: int,
                      now: datetime) -> int:
        """Insert new facts, each (the record's id or None, its :func:`_fact_tuple`), in bulk; how
        many were actually inserted (a parallel import may have won some).

        A record's own ``id`` (from an export) is kept when no fact of this store has, or ever
        had, that id; otherwise the fact gets a fresh one.
        """
        if not new_rows:
            return 0
        wanted = sorted(fact_id for fact_id, _ in new_rows if fact_id is not None)
        taken: set[int] = set()
        for chunk in bulk.chunks(wanted):
            taken.update(conn.execute(select(FACTS.c.id).where(bulk.among(conn, FACTS.c.id, chunk))).scalars())
            taken.update(conn.execute(select(HISTORY.c.fact_id).where(bulk.among(conn, HISTORY.c.fact_id, chunk))).scalars())
        tail = (bulk.bound(conn, FACTS.c.created_at, now), import_id)
        columns = (*FACT_VALUE_COLUMNS, "created_at", "import_id")
        with_id = [(fact_id, *values, *tail) for fact_id, values in new_rows
                   if fact_id is not None and fact_id not in taken]
        without_id = [values + tail for fact_id, values in new_rows if fact_id is None or fact_id in taken]
        with bulk.indexes_built_after(conn, FACTS, len(new_rows)):
            if with_id:
                bulk.insert_rows(conn, FACTS, ("id", *columns), with_id, skip_conflicts_on=["key"])
            bulk.insert_rows(conn, FACTS, columns, without_id, skip_conflicts_on=["key"])
        # This import's row is this transaction's own: the facts that name it are those inserted.
        inserted = conn.execute(select(func.count()).select_from(FACTS)
                                .where(FACTS.c.import_id == import_id)).scalar_one()
        if with_id and conn.dialect.name == "postgresql":
            # Explicit ids do not move an identity column's sequence: move it past them.
            sequence = conn.exec_driver_sql("SELECT pg_get_serial_sequence('facts', 'id')").scalar()
            last = conn.exec_driver_sql(f"SELECT last_value FROM {sequence}").scalar() or 0
            highest = conn.execute(select(func.max(FACTS.c.id))).scalar() or 0
            if highest > last:
                conn.execute(select(func.setval(sequence, highest)))
        return inserted

    def _resolve_references(self, conn: Connection, references: set[str],
                            parsed: FactFile) -> dict[str, str]:
        """Map each subject/object reference to an entity id: an id, or an unambiguous name or alias."""
        resolved = {e.id: e.id for e in parsed.entities}
        pending = sorted(references - set(resolved))
        for chunk in bulk.chunks(pending):
            for entity_id in conn.execute(select(ENTITIES.c.id).where(bulk.among(conn, ENTITIES.c.id, chunk))).scalars():
                resolved[entity_id] = entity_id
        by_name: dict[str, set[str]] = {}
        for entity in parsed.entities:
            for text in (entity.name, *entity.aliases):
                by_name.setdefault(text, set()).add(entity.id)
        pending = sorted(references - set(resolved))
        for chunk in bulk.chunks(pending):
            rows = conn.execute(select(ALIASES.c.text, ALIASES.c.entity_id)
                                .where(bulk.among(conn, ALIASES.c.text, chunk), ALIASES.c.kind != "demonym"))
            for text, entity_id in rows:
                by_name.setdefault(text, set()).add(entity_id)
            for text, entity_id in conn.execute(select(ENTITIES.c.name, ENTITIES.c.id).where(bulk.among(conn, ENTITIES.c.name, chunk))):
                by_name.setdefault(text, set()).add(entity_id)
        lines = {}
        for fact in parsed.facts:
            lines.setdefault(fact.subject, (fact.line, "subject"))
            if fact.object:
                lines.setdefault(fact.object, (fact.line, "object"))
        for entity in parsed.entities:
            if entity.jurisdiction:
                lines.setdefault(entity.jurisdiction, (entity.line, "jurisdiction"))
        for reference in sorted(references - set(resolved), key=lambda r: lines.get(r, (0, ""))):
            candidates = by_name.get(reference, set())
            line, field = lines.get(reference, (None, None))
            if len(candidates) == 1:
                resolved[reference] = next(iter(candidates))
            elif candidates:
                raise FactFileError(
                    f"'{reference}' is ambiguous: it names {', '.join(sorted(candidates))}; use an id",
                    path=parsed.path, line=line, field=field)
            else:
                raise FactFileError(
                    f"unknown entity '{reference}': define it in this file or import it first",
                    path=parsed.path, line=line, field=field)
        return resolved

    def _write_entities(self, conn: Connection, entities: list[EntityRecord],
                        resolved: Mapping[str, str], import_id: int, now: datetime,
                        actor: str | None = None, reason: str | None = None) -> int:
        """Insert new entities and update changed ones; how many this transaction actually wrote.

        Each one written gets an ``entity_history`` row with the entity before and after.
        """
        if not entities:
            return 0
        current: dict[str, tuple] = {}
        ids = [e.id for e in entities]
        for chunk in bulk.chunks(ids):
            for row in conn.execute(select(ENTITIES.c.id, ENTITIES.c.name, ENTITIES.c.type, ENTITIES.c.title,
                                           ENTITIES.c.jurisdiction_id, ENTITIES.c.seats)
                                    .where(bulk.among(conn, ENTITIES.c.id, chunk))):
                current[row.id] = (row.name, row.type, row.title, row.jurisdiction_id, row.seats, ())
            aliases: dict[str, list[tuple[str, str]]] = {}
            for entity_id, kind, text in conn.execute(
                    select(ALIASES.c.entity_id, ALIASES.c.kind, ALIASES.c.text).where(bulk.among(conn, ALIASES.c.entity_id, chunk))):
                aliases.setdefault(entity_id, []).append((kind, text))
            for entity_id, pairs in aliases.items():
                # A parallel import may have committed an entity between the two reads: its
                # aliases without its row; it is then treated as new (and its insert ignored).
                if entity_id in current:
                    current[entity_id] = current[entity_id][:5] + (tuple(sorted(pairs)),)
        # Jurisdictions before the offices that refer to them, whatever the order in the file.
        order = {e.id: number for number, e in enumerate(entities)}
        entities = sorted(entities, key=lambda e: (e.jurisdiction in order and e.type == "office",
                                                   order[e.id]))
        new_rows, changed_rows, alias_rows = [], [], []
        wanted_by_id: dict[str, tuple] = {}
        for entity in entities:
            jurisdiction = resolved.get(entity.jurisdiction) if entity.jurisdiction else None
            wanted_aliases = tuple(sorted(_alias_pairs(entity)))
            wanted = (entity.name, entity.type, entity.title, jurisdiction, entity.seats, wanted_aliases)
            have = current.get(entity.id)
            if have == wanted:
                continue
            wanted_by_id[entity.id] = wanted
            values = {"name": entity.name, "type": entity.type, "title": entity.title,
                      "jurisdiction_id": jurisdiction, "seats": entity.seats}
            if have is None:
                new_rows.append({"id": entity.id, **values, "import_id": import_id, "created_at": now})
            else:
                changed_rows.append({"entity_id": entity.id, **values})
        written: list[str] = []
        # A few statements for the whole file, not a few per entity.
        if new_rows:
            bulk.insert_dicts(conn, ENTITIES, new_rows, skip_conflicts_on=["id"])
            # This import's row is this transaction's own: the entities naming it are those inserted
            # (a parallel import may have added some of the same ids first).
            ours = set(conn.execute(select(ENTITIES.c.id).where(ENTITIES.c.import_id == import_id)).scalars())
            written.extend(row["id"] for row in new_rows if row["id"] in ours)
        for row in changed_rows:
            have = current[row["entity_id"]]
            same_as_read = [ENTITIES.c.id == row["entity_id"]] + [
                ENTITIES.c[name].is_not_distinct_from(value) for name, value in zip(
                    ("name", "type", "title", "jurisdiction_id", "seats"), have[:5])]
            if conn.execute(update(ENTITIES).where(*same_as_read).values(
                    {k: v for k, v in row.items() if k != "entity_id"})).rowcount == 1 or have[:5] == (
                    row["name"], row["type"], row["title"], row["jurisdiction_id"], row["seats"]):
                written.append(row["entity_id"])
        changed_ids = [entity_id for entity_id in written if entity_id in current]
        for chunk in bulk.chunks(changed_ids):
            conn.execute(delete(ALIASES).where(bulk.among(conn, ALIASES.c.entity_id, chunk)))
        for entity_id in written:
            alias_rows.extend({"entity_id": entity_id, "kind": kind, "text": text}
                              for kind, text in wanted_by_id[entity_id][5])
        bulk.insert_dicts(conn, ALIASES, alias_rows, skip_conflicts_on=["entity_id", "kind", "text"])
        write_names(conn, {entity_id: (wanted_by_id[entity_id][0], wanted_by_id[entity_id][5])   # name, aliases
                           for entity_id in written}, replace=changed_ids)
        history = [_entity_history_row(entity_id, "import" if entity_id in current else "add", actor, now,
                                       current.get(entity_id), wanted_by_id[entity_id], import_id, reason)
                   for entity_id in written]
        bulk.insert_dicts(conn, ENTITY_HISTORY, history)
        return len(written)

    def export_records(self) -> Iterator[dict]:
        """Every entity, then every fact, as interchange records in a stable order."""
        with self._read() as conn:
            aliases: dict[str, dict[str, list[str]]] = {}
            for entity_id, kind, text in conn.execute(
                    select(ALIASES.c.entity_id, ALIASES.c.kind, ALIASES.c.text).order_by(ALIASES.c.entity_id, ALIASES.c.id)):
                aliases.setdefault(entity_id, {}).setdefault(kind, []).append(text)
            entity_rows = conn.execute(select(ENTITIES).order_by(ENTITIES.c.id)).all()
            for row in _entities_in_dependency_order(entity_rows):
                names = aliases.get(row.id, {})
                yield EntityRecord(
                    id=row.id, name=row.name, type=row.type,
                    aliases=tuple(sorted(names.get("alias", []))),
                    demonyms=tuple(sorted(names.get("demonym", []))),
                    title=row.title, jurisdiction=row.jurisdiction_id, seats=row.seats,
                    ids=external_ids(names.get(EXTERNAL, [])),
                ).to_json()
            for fact in conn.execute(select(*_FACT_COLUMNS).order_by(
                    FACTS.c.subject_id, FACTS.c.predicate, FACTS.c.object_id, FACTS.c.value_date,
                    FACTS.c.value_number, FACTS.c.valid_from, FACTS.c.id)):
                yield {"kind": "fact", "id": fact.id, **_fact_row(fact).to_record()}

    # -- reads for extraction and verification ---------------------------------------------

    def fingerprint(self) -> str:
        """Changes whenever names, aliases, offices or capitals may have changed (for caches)."""
        with self._read() as conn:
            row = conn.execute(select(
                select(func.count()).select_from(ENTITIES).scalar_subquery(),
                select(func.count()).select_from(ALIASES).scalar_subquery(),
                select(func.max(ALIASES.c.id)).scalar_subquery(),
                select(func.max(IMPORTS.c.id)).scalar_subquery(),
                select(func.max(HISTORY.c.id)).scalar_subquery(),
            )).one()
        return "|".join(str(value) for value in (_display_url(self.url), SCHEMA_HEAD, *row))

    def lexicon_rows(self) -> list[tuple[str, str, str, str]]:
        """(text, kind, entity id, entity type) for every name, alias and demonym (the names table)."""
        with self._read() as conn:
            rows = conn.execute(select(NAMES.c.text, NAMES.c.kind, NAMES.c.entity_id, ENTITIES.c.type)
                                .join(ENTITIES, ENTITIES.c.id == NAMES.c.entity_id)).all()
        return sorted(tuple(row) for row in rows)

    def entities(self, ids: Iterable[str] | None = None) -> dict[str, EntityInfo]:
        with self._read() as conn:
            query = select(ENTITIES.c.id, ENTITIES.c.name, ENTITIES.c.type, ENTITIES.c.title,
                           ENTITIES.c.jurisdiction_id, ENTITIES.c.seats)
            if ids is None:
                rows = conn.execute(query).all()
            else:
                wanted = sorted(set(ids))
                rows = []
                for chunk in bulk.chunks(wanted):
                    rows.extend(conn.execute(query.where(ENTITIES.c.id.in_(chunk))).all())
        return {row.id: EntityInfo(*row) for row in rows}

    def offices(self) -> list[tuple[str, str, str | None]]:
        """(office id, title, jurisdiction id) for every office that has a title."""
        with self._read() as conn:
            rows = conn.execute(select(ENTITIES.c.id, ENTITIES.c.title, ENTITIES.c.jurisdiction_id)
                                .where(ENTITIES.c.type == "office", ENTITIES.c.title.is_not(None))
                                .order_by(ENTITIES.c.id)).all()
        return [tuple(row) for row in rows]

    def facts_about(self, entity_ids: Iterable[str], predicates: Iterable[str] | None = None,
                    *, as_object: bool = True,
                    object_predicates: Iterable[str] | None = None) -> list[Evidence]:
        """Facts whose subject is one of ``entity_ids`` (with ``predicates``), and, with
        ``as_object``, facts whose object is (with ``object_predicates``, else ``predicates``).

        One statement per 2,000 ids, each served by the (subject, predicate) and (object,
        predicate) indexes.
        """
        wanted = sorted(set(entity_ids))
        preds = sorted(set(predicates)) if predicates is not None else None
        object_preds = sorted(set(object_predicates)) if object_predicates is not None else preds
        out: dict[int, Evidence] = {}
        with self._read() as conn:
            for chunk in bulk.chunks(wanted):
                condition = FACTS.c.subject_id.in_(chunk)
                if preds is not None:
                    condition = condition & FACTS.c.predicate.in_(preds)
                if as_object and object_preds != []:
                    by_object = FACTS.c.object_id.in_(chunk)
                    if object_preds is not None:
                        by_object = by_object & FACTS.c.predicate.in_(object_preds)
                    condition = or_(condition, by_object)
                for row in conn.execute(select(*_FACT_COLUMNS).where(condition)):
                    out[row.id] = _fact_row(row)
        return [out[key] for key in sorted(out)]

    def facts_with_predicate(self, predicate: str, *, as_of_from: str | None = None,
                             as_of_until: str | None = None, undated: bool = False) -> list[Evidence]:
        """Every fact with ``predicate``, optionally only those whose as_of lies in a range (and,
        with ``undated``, those with no as_of)."""
        query = select(*_FACT_COLUMNS).where(FACTS.c.predicate == predicate)
        dated = FACTS.c.as_of.is_not(None)
        if as_of_from is not None:
            dated = and_(dated, FACTS.c.as_of >= as_of_from)
        if as_of_until is not None:
            dated = and_(dated, FACTS.c.as_of <= as_of_until)
        if as_of_from is not None or as_of_until is not None or undated:
            query = query.where(or_(dated, FACTS.c.as_of.is_(None)) if undated else dated)
        with self._read() as conn:
            rows = conn.execute(query.order_by(FACTS.c.id)).all()
        return [_fact_row(row) for row in rows]

    def check(self) -> dict[str, list[str]]:
        """The store's own integrity check: {"errors": [...], "warnings": [...]}.

        Errors: storage corruption, facts or aliases pointing at missing entities, offices whose
        jurisdiction is missing, a names table out of step with the names. Warnings: more holders of an office at once than it has seats
        (a shared handover day is not counted).
        """
        errors: list[str] = []
        warnings: list[str] = []
        entity_ids = set()
        with self._read() as conn:
            if self.is_sqlite:
                result = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
                if result != "ok":
                    errors.append(f"SQLite integrity check: {result}")
            entity_ids = set(conn.execute(select(ENTITIES.c.id)).scalars())
            for fact_id, subject, obj in conn.execute(select(FACTS.c.id, FACTS.c.subject_id, FACTS.c.object_id)):
                if subject not in entity_ids:
                    errors.append(f"fact #{fact_id}: subject '{subject}' is not an entity")
                if obj is not None and obj not in entity_ids:
                    errors.append(f"fact #{fact_id}: object '{obj}' is not an entity")
            for alias_id, entity_id, text in conn.execute(select(ALIASES.c.id, ALIASES.c.entity_id, ALIASES.c.text)):
                if entity_id not in entity_ids:
                    errors.append(f"alias #{alias_id} '{text}' belongs to missing entity '{entity_id}'")
            errors.extend(names_out_of_step(conn))
            offices = {row.id: row for row in conn.execute(
                select(ENTITIES.c.id, ENTITIES.c.jurisdiction_id, ENTITIES.c.seats).where(ENTITIES.c.type == "office"))}
            holders = conn.execute(select(*_FACT_COLUMNS).where(FACTS.c.predicate == "holds_office")
                                   .order_by(FACTS.c.object_id, FACTS.c.valid_from, FACTS.c.id)).all()
        for office in offices.values():
            if office.jurisdiction_id and office.jurisdiction_id not in entity_ids:
                errors.append(f"office '{office.id}': jurisdiction '{office.jurisdiction_id}' is not an entity")
        warnings.extend(overlapping_holders([_fact_row(row) for row in holders],
                                            {o.id: o.seats for o in offices.values()}))
        return {"errors": errors, "warnings": warnings}

    def stats(self) -> dict:
        with self._read() as conn:
            entities = dict(conn.execute(select(ENTITIES.c.type, func.count()).group_by(ENTITIES.c.type)
                                         .order_by(ENTITIES.c.type)).all())
            facts = dict(conn.execute(select(FACTS.c.predicate, func.count()).group_by(FACTS.c.predicate)
                                      .order_by(FACTS.c.predicate)).all())
            imports = conn.execute(select(func.count()).select_from(IMPORTS)).scalar_one()
            aliases = conn.execute(select(func.count()).select_from(ALIASES)).scalar_one()
        return {
            "database": _display_url(self.url), "schema_revision": SCHEMA_HEAD,
            "entities": sum(entities.values()), "entities_by_type": entities,
            "aliases": aliases, "facts": sum(facts.values()), "facts_by_predicate": facts,
            "imports": imports,
        }


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" event decide when a transaction starts (pysqlite's own
        # implicit BEGIN would defeat BEGIN IMMEDIATE).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
        except Exception:  # read-only media or :memory: keep their journal mode
            pass
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("immediate") else "BEGIN")


def _display_url(url: str) -> str:
    """The URL without a password."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return url


def _reason(exc: SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None)
    return str(original if original is not None else exc).strip().splitlines()[0]
