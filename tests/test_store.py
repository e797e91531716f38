"""The fact store: migrations, imports (one transaction per file, idempotent), export round trips."""

from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import create_engine, inspect

from factcheck.errors import FactFileError
from factcheck.store.database import SCHEMA_HEAD, Store

from .conftest import FIXTURE_FACTS, ROOT


def _snapshot(store: Store) -> str:
    return "".join(json.dumps(r, sort_keys=True) + "\n" for r in store.export_records())


def test_models_and_migrations_do_not_drift(store_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from factcheck.store.models import Base

    store = Store(store_url)
    store.ensure_schema()
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert compare_metadata(context, Base.metadata) == []
    store.close()


def test_migrations_go_up_and_down(store_url):
    store = Store(store_url)
    store.upgrade("head")
    assert store.current_revision() == SCHEMA_HEAD
    store.downgrade("base")
    with store.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    assert not tables & {"entities", "facts", "aliases", "predicates", "imports"}
    store.upgrade("head")
    assert store.current_revision() == SCHEMA_HEAD
    store.close()


def test_schema_head_matches_the_migrations():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(ROOT / "db"))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD


def test_store_is_created_on_first_use(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'new.db'}")
    assert store.stats()["facts"] == 0
    assert store.current_revision() == SCHEMA_HEAD


def test_a_missing_folder_is_an_error_unless_the_store_is_meant_to_be_made(tmp_path):
    from factcheck.errors import StoreError

    url = f"sqlite:///{tmp_path / 'deep' / 'new.db'}"
    with pytest.raises(StoreError, match="the folder .*deep does not exist"):
        Store(url).stats()
    assert not (tmp_path / "deep").exists()
    assert Store(url, create_folder=True).stats()["facts"] == 0


def test_default_store_location_follows_xdg(monkeypatch, tmp_path):
    from factcheck.store.database import resolve_db_url

    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert resolve_db_url() == f"sqlite:///{tmp_path / 'factcheck' / 'facts.db'}"
    monkeypatch.setenv("FACTCHECK_DB", "sqlite:///elsewhere.db")
    assert resolve_db_url() == "sqlite:///elsewhere.db"
    assert resolve_db_url("sqlite:///given.db") == "sqlite:///given.db"


def test_importing_twice_changes_nothing(store, predicates):
    first = [store.import_file(path, predicates) for path in FIXTURE_FACTS]
    assert sum(r.facts_added for r in first) > 50
    before = _snapshot(store)
    stats = store.stats()
    second = [store.import_file(path, predicates) for path in FIXTURE_FACTS]
    assert sum(r.facts_added for r in second) == 0
    assert sum(r.entities_changed for r in second) == 0
    assert _snapshot(store) == before
    assert store.stats() == stats


def test_a_bad_line_stores_nothing_and_is_named(store, predicates, tmp_path):
    good = [
        {"kind": "entity", "id": "atlantis", "name": "Atlantis", "type": "country"},
        {"kind": "fact", "subject": "atlantis", "predicate": "population", "value": 1000,
         "unit": "people", "as_of": "2020", "source": "https://example.org/atlantis"},
    ]
    lines = [json.dumps(r) for r in good] + ['{"kind": "fact", "subject": "atlantis", "predicate": "capital"']
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _snapshot(store)
    with pytest.raises(FactFileError) as error:
        store.import_file(path, predicates)
    assert error.value.line == 3
    assert "bad.jsonl" in str(error.value) and "line 3" in str(error.value)
    assert _snapshot(store) == before


@pytest.mark.parametrize("record,field", [
    ({"kind": "fact", "subject": "china", "predicate": "is_big", "value": 1}, "predicate"),
    ({"kind": "fact", "subject": "china", "predicate": "population", "value": "many"}, "value"),
    ({"kind": "fact", "subject": "nowhere", "predicate": "capital", "object": "china"}, "subject"),
    ({"kind": "fact", "subject": "china", "predicate": "capital", "object": "china",
      "valid_from": "2020-01-01", "valid_until": "2019-01-01"}, "valid_until"),
    ({"kind": "entity", "id": "x", "name": "X", "type": "planet"}, "type"),
    ({"kind": "thing"}, "kind"),
    ({"kind": "fact", "subject": "china", "predicate": "population", "value": 5, "as_of": "2023-02-30"}, "as_of"),
], ids=["unknown-predicate", "wrong-value-type", "dangling-entity", "end-before-start",
        "unknown-entity-type", "unknown-kind", "impossible-date"])
def test_bad_records_name_line_and_field(store, predicates, tmp_path, record, field):
    path = tmp_path / "facts.jsonl"
    china = {"kind": "entity", "id": "china", "name": "China", "type": "country"}
    path.write_text(json.dumps(china) + "\n" + json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(FactFileError) as error:
        store.import_file(path, predicates)
    assert (error.value.line, error.value.field) == (2, field), str(error.value)
    assert store.stats()["entities"] == 0


def test_export_then_import_into_an_empty_store_gives_the_same_store(seeded_store, predicates, tmp_path):
    exported = tmp_path / "export.jsonl"
    exported.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                for r in seeded_store.export_records()), encoding="utf-8")
    copy = Store(f"sqlite:///{tmp_path / 'copy.db'}")
    copy.import_file(exported, predicates)
    assert _snapshot(copy) == _snapshot(seeded_store)
    assert copy.stats()["facts"] == seeded_store.stats()["facts"]


def test_csv_facts_import(store, predicates, tmp_path):
    entities = tmp_path / "entities.jsonl"
    entities.write_text(json.dumps({"kind": "entity", "id": "china", "name": "China",
                                    "type": "country"}) + "\n", encoding="utf-8")
    store.import_file(entities, predicates)
    facts = tmp_path / "facts.csv"
    facts.write_text("subject,predicate,value,unit,as_of,source\n"
                     "China,population,1409670000,people,2023-12-31,https://www.stats.gov.cn/\n",
                     encoding="utf-8")
    result = store.import_file(facts, predicates)
    assert result.facts_added == 1
    [fact] = store.facts_about(["china"], ["population"])
    assert fact.value == 1409670000 and fact.subject == "china"


def test_csv_with_a_missing_column_is_refused(store, predicates, tmp_path):
    facts = tmp_path / "facts.csv"
    facts.write_text("subject,value\nchina,5\n", encoding="utf-8")
    with pytest.raises(FactFileError) as error:
        store.import_file(facts, predicates)
    assert error.value.field == "predicate" and error.value.line == 1


def test_lookups_use_the_composite_index(seeded_sqlite_url):
    engine = create_engine(seeded_sqlite_url)
    with engine.connect() as conn:
        plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT * FROM facts WHERE subject_id IN ('china', 'japan') "
            "AND predicate IN ('capital')").all()
    engine.dispose()
    assert any("ix_facts_subject_predicate" in str(row) for row in plan), plan


def test_lexicon_cache_is_rebuilt_when_the_store_changes(seeded_store, predicates, monkeypatch, tmp_path):
    from factcheck import checker as api
    from factcheck.cache import Cache
    from factcheck.rules.loader import load_rules

    monkeypatch.setattr(api, "CACHE_THRESHOLD", 1)
    cache = Cache(tmp_path / "cache")
    rules = load_rules()
    first_path = cache.path("lexicon", api.lexicon_cache_key(seeded_store, rules))
    lexicon = api.build_lexicon(seeded_store, rules, cache=cache)
    assert first_path.exists()
    assert api.build_lexicon(seeded_store, rules, cache=cache).index.keys() == lexicon.index.keys()
    seeded_store.import_records([{"kind": "entity", "id": "atlantis", "name": "Atlantis", "type": "country"}],
                                predicates, origin="test")
    second_path = cache.path("lexicon", api.lexicon_cache_key(seeded_store, rules))
    assert second_path != first_path
    assert ("Atlantis",) in api.build_lexicon(seeded_store, rules, cache=cache).index


def test_the_library_keeps_nothing_on_disk_without_a_cache(seeded_store, tmp_path, monkeypatch):
    from factcheck import checker as api

    monkeypatch.setattr(api, "CACHE_THRESHOLD", 1)
    home = tmp_path / "cache-home"
    home.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    api.Checker(seeded_store).lexicon
    assert not any(home.iterdir())


@pytest.mark.postgres
def test_export_import_across_backends_gives_the_same_store(seeded_sqlite_url, predicates, tmp_path):
    """SQLite -> PostgreSQL -> SQLite: the same store at every step."""
    from .conftest import _PG_REASON

    if _PG_REASON:
        if os.environ.get("CI"):
            pytest.fail(_PG_REASON)
        pytest.skip(_PG_REASON)
    from .conftest import postgres_schema

    with postgres_schema() as pg_url:
        source = Store(seeded_sqlite_url)
        exported = tmp_path / "from-sqlite.jsonl"
        exported.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in source.export_records()),
                            encoding="utf-8")
        postgres = Store(pg_url)
        postgres.import_file(exported, predicates)
        assert _snapshot(postgres) == _snapshot(source)
        back = tmp_path / "from-postgres.jsonl"
        back.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in postgres.export_records()),
                        encoding="utf-8")
        again = Store(f"sqlite:///{tmp_path / 'again.db'}")
        again.import_file(back, predicates)
        assert _snapshot(again) == _snapshot(source)
        for store in (source, postgres, again):
            store.close()


def test_bulk_inserts_skip_rows_a_parallel_writer_stored_first(store, predicates):
    """What an import does when another one stored some of its rows after it looked: those
    rows are left out (on PostgreSQL the COPY is undone and the rows go through a staging
    table), the others inserted, in the same transaction."""
    from datetime import datetime

    from factcheck.store import bulk
    from factcheck.store.schema import ALIASES, ENTITIES

    store.import_records([{"kind": "entity", "id": "atlantis", "name": "Atlantis", "type": "country",
                           "aliases": ["Old Atlantis"]}], predicates, origin="test")
    with store._write() as conn:
        stamp = bulk.bound(conn, ENTITIES.c.created_at, datetime(2024, 1, 2, 3, 4, 5))
        columns = ("id", "name", "type", "created_at")
        bulk.insert_rows(conn, ENTITIES, columns, [("atlantis", "Elsewhere", "city", stamp),
                                                   ("lemuria", "Lemuria", "country", stamp)],
                         skip_conflicts_on=["id"])
        bulk.insert_dicts(conn, ALIASES, [{"entity_id": "atlantis", "kind": "alias", "text": "Old Atlantis"},
                                          {"entity_id": "lemuria", "kind": "alias", "text": "Mu"}],
                          skip_conflicts_on=["entity_id", "kind", "text"])
    entities = store.entities()
    assert entities["atlantis"].name == "Atlantis" and entities["atlantis"].type == "country"
    assert entities["lemuria"].name == "Lemuria"
    with store._read() as conn:
        aliases = conn.execute(ALIASES.select().with_only_columns(ALIASES.c.entity_id, ALIASES.c.text)).all()
    assert ("lemuria", "Mu") in aliases and aliases.count(("atlantis", "Old Atlantis")) == 1
    with store._read() as conn:
        created = conn.execute(ENTITIES.select().where(ENTITIES.c.id == "lemuria")).one().created_at
    assert created == datetime(2024, 1, 2, 3, 4, 5)
    # A driver's error comes out as SQLAlchemy's, which the import turns into a one-line message.
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError, match="(?i)foreign key"):
        with store._write() as conn:
            bulk.insert_rows(conn, ENTITIES, ("id", "name", "type", "jurisdiction_id", "created_at"),
                             [("mu", "Mu", "city", "nowhere", stamp)])
    assert "mu" not in store.entities()


def test_a_big_sqlite_import_builds_the_indexes_once_and_keeps_them(tmp_path, predicates, monkeypatch):
    """An import large against the table drops the facts' secondary indexes and builds them after
    its rows; they are there afterwards, and after a failed import as they were before it."""
    from factcheck.store import bulk

    url = f"sqlite:///{tmp_path / 'facts.db'}"
    store = Store(url)
    store.ensure_schema()

    def indexes() -> list[tuple]:
        with store.engine.connect() as conn:
            return sorted(conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'facts'").all())

    before = indexes()
    assert any(name == "ix_facts_subject_predicate" for name, _ in before)
    monkeypatch.setattr(bulk, "REINDEX_AT", 3)
    result = store.import_file(FIXTURE_FACTS[0], predicates)
    assert result.facts_added >= 3
    assert indexes() == before
    with store._read() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -2000

    original = bulk.insert_rows

    def failing(conn, table, *args, **kwargs):
        original(conn, table, *args, **kwargs)
        if table.name == "facts":
            assert not any(row[0] == "ix_facts_subject_predicate" for row in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'index'"))
            raise RuntimeError("disk on fire")

    fresh = Store(f"sqlite:///{tmp_path / 'other.db'}")
    monkeypatch.setattr(bulk, "insert_rows", failing)
    with pytest.raises(RuntimeError):
        fresh.import_file(FIXTURE_FACTS[0], predicates)
    monkeypatch.setattr(bulk, "insert_rows", original)
    with fresh.engine.connect() as conn:
        assert sorted(conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'facts'").all()) == before
        assert conn.exec_driver_sql("SELECT count(*) FROM facts").scalar() == 0
    store.close()
    fresh.close()


def test_fact_records_built_by_their_own_init_are_like_the_dataclass_fields_say():
    import dataclasses
    import inspect

    from factcheck.store.interchange import FactRecord

    fields = dataclasses.fields(FactRecord)
    parameters = list(inspect.signature(FactRecord.__init__).parameters.values())[1:]
    assert [p.name for p in parameters] == [f.name for f in fields]
    assert [p.default for p in parameters] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields]
    record = FactRecord("china", "population", value=1.4e9, line=3)
    assert record == FactRecord(subject="china", predicate="population", value=1.4e9, line=3)
    assert hash(record) == hash(FactRecord("china", "population", value=1.4e9, line=3))
    assert dataclasses.replace(record, rank="deprecated").rank == "deprecated"
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.rank = "preferred"


def test_bulk_written_times_have_the_text_form_of_the_rest_of_a_sqlite_store(tmp_path, predicates):
    store = Store(f"sqlite:///{tmp_path / 'facts.db'}")
    store.import_records([{"kind": "entity", "id": "atlantis", "name": "Atlantis", "type": "country"},
                          {"kind": "fact", "subject": "atlantis", "predicate": "population", "value": 1000}],
                         predicates, origin="test")
    with store.engine.connect() as conn:
        stamps = {table: conn.exec_driver_sql(f"SELECT {column} FROM {table}").scalar()
                  for table, column in (("imports", "created_at"), ("entities", "created_at"),
                                        ("facts", "created_at"), ("entity_history", "changed_at"))}
    store.close()
    assert len(set(stamps.values())) == 1, stamps
    assert stamps["imports"].endswith(".000000"), stamps
