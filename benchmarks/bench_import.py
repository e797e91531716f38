"""Import: a 1,000,000-fact JSON Lines file into SQLite and PostgreSQL.

The file: the world's 1,000 facts and 713 entities plus filler facts about ≈100,000 other
entities (JSON Lines, ≈120 MB; with ``--quick`` 100,000 facts).

SQLite. Measured: ``Store(url).import_file(path, kinds)`` into a fresh file whose schema was
created by factcheck's own migrations (``Store(url).ensure_schema()``) before the clock starts.
Floor: raw ``sqlite3`` ``executemany`` of the same rows (the import record, predicates, entities,
aliases, facts with their identity keys, built beforehand) into the same migrated schema, one
transaction, foreign keys on as factcheck has them; the two interleaved.

PostgreSQL (``postgresql+psycopg://postgres@127.0.0.1:5432/test``): the same file into a fresh
schema (``?options=-csearch_path%3D<schema>``, created and dropped around each run). Floor:
psycopg ``COPY ... FROM STDIN`` of the same rows into the same migrated schema; the two interleaved
like SQLite's (COPY, factcheck, COPY[, factcheck]).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import uuid
from datetime import datetime, timezone
from pathlib import Path

import common

BENCH = "import"
TARGET_RATIO = 3.0
PG_TARGET_RATIO = 2.0
PG_URL = os.environ.get("FACTCHECK_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _identity(subject: str, predicate: str, obj: str | None, value, valid_from: str | None) -> str:
    text = "" if value is None else (value if isinstance(value, str) else repr(float(value)))
    raw = "\x1f".join((subject, predicate, obj or "", text, valid_from or ""))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def prepare_rows(path: Path, kinds: dict[str, str]) -> dict:
    """The rows factcheck writes for ``path``, as tuples for executemany/COPY."""
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    stamp = now.isoformat(sep=" ")
    entities, aliases, facts, predicates = [], [], [], {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["kind"] == "entity":
                entities.append((record["id"], record["name"], record["type"], record.get("title"),
                                 record.get("jurisdiction"), record.get("seats"), 1, stamp))
                pairs = {("alias", a) for a in record.get("aliases", ()) if a != record["name"]}
                pairs |= {("demonym", d) for d in record.get("demonyms", ())}
                aliases.extend((record["id"], kind, text) for kind, text in sorted(pairs))
            else:
                value = record.get("value")
                predicates[record["predicate"]] = kinds[record["predicate"]]
                facts.append((
                    _identity(record["subject"], record["predicate"], record.get("object"), value,
                              record.get("valid_from")),
                    record["subject"], record["predicate"], record.get("object"),
                    None if value is None or isinstance(value, str) else float(value),
                    value if isinstance(value, str) else None,
                    record.get("unit"), record.get("valid_from"), record.get("valid_until"),
                    record.get("as_of"), record.get("source"), record.get("note"),
                    record.get("rank", "normal"), stamp, 1))
    return {"now": now, "stamp": stamp, "entities": entities, "aliases": aliases, "facts": facts,
            "predicates": sorted(predicates.items()), "origin": str(path)}


_FACT_COLUMNS = ("key", "subject_id", "predicate", "object_id", "value_number", "value_date", "unit",
                 "valid_from", "valid_until", "as_of", "source", "note", "rank", "created_at", "import_id")
_ENTITY_COLUMNS = ("id", "name", "type", "title", "jurisdiction_id", "seats", "import_id", "created_at")


def raw_sqlite_import(db: Path, rows: dict) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO imports (id, kind, origin, sha256, actor, entities_changed, facts_added, "
                     "created_at) VALUES (1, 'file', ?, '', 'bench', 0, 0, ?)", (rows["origin"], rows["stamp"]))
        conn.executemany("INSERT INTO predicates (name, kind) VALUES (?, ?)", rows["predicates"])
        conn.executemany(f"INSERT INTO entities ({', '.join(_ENTITY_COLUMNS)}) VALUES "
                         f"({', '.join('?' * len(_ENTITY_COLUMNS))})", rows["entities"])
        conn.executemany("INSERT INTO aliases (entity_id, kind, text) VALUES (?, ?, ?)", rows["aliases"])
        conn.executemany(f"INSERT INTO facts ({', '.join(_FACT_COLUMNS)}) VALUES "
                         f"({', '.join('?' * len(_FACT_COLUMNS))})", rows["facts"])
        conn.execute("UPDATE imports SET facts_added = ? WHERE id = 1", (len(rows["facts"]),))
        conn.execute("COMMIT")
    finally:
        conn.close()


def _fresh_sqlite(path: Path):
    from factcheck.store.database import Store

    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()
    store = Store(f"sqlite:///{path}")
    store.ensure_schema()
    return store


def _count_sqlite(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM facts").fetchone()[0]
    finally:
        conn.close()


# -- PostgreSQL ------------------------------------------------------------------------------

def _pg_dsn() -> str:
    return PG_URL.replace("postgresql+psycopg://", "postgresql://")


def _pg_available() -> str | None:
    try:
        import psycopg

        with psycopg.connect(_pg_dsn(), connect_timeout=3):
            return None
    except Exception as exc:  # noqa: BLE001
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


class _PgSchema:
    def __init__(self) -> None:
        import psycopg

        self.name = f"fc_bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(_pg_dsn(), autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {self.name}")
        separator = "&" if "?" in PG_URL else "?"
        self.url = f"{PG_URL}{separator}options=-csearch_path%3D{self.name}"

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(_pg_dsn(), autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {self.name} CASCADE")


def raw_pg_copy(schema: _PgSchema, rows: dict) -> None:
    import psycopg

    with psycopg.connect(_pg_dsn(), options=f"-c search_path={schema.name}") as conn:
        with conn.cursor() as cur:
            cur.execute("INSERT INTO imports (id, kind, origin, sha256, actor, entities_changed, facts_added, "
                        "created_at) VALUES (1, 'file', %s, '', 'bench', 0, 0, %s)", (rows["origin"], rows["now"]))
            for table, columns, data in (
                    ("predicates", ("name", "kind"), rows["predicates"]),
                    ("entities", _ENTITY_COLUMNS, rows["entities"]),
                    ("aliases", ("entity_id", "kind", "text"), rows["aliases"]),
                    ("facts", _FACT_COLUMNS, rows["facts"])):
                with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for item in data:
                        copy.write_row(item)
            cur.execute("UPDATE imports SET facts_added = %s WHERE id = 1", (len(rows["facts"]),))
        conn.commit()


def _pg_count(schema: _PgSchema) -> int:
    import psycopg

    with psycopg.connect(_pg_dsn(), options=f"-c search_path={schema.name}") as conn:
        return conn.execute("SELECT count(*) FROM facts").fetchone()[0]


# -- run -----------------------------------------------------------------------------------------

def run(quick: bool) -> list[dict]:
    from factcheck.store.database import Store

    rows_out: list[dict] = []
    n = 100_000 if quick else 1_000_000
    kinds = common.predicate_kinds()
    generated, path = common.timed(lambda: common.fact_file(n))
    size_mb = path.stat().st_size / 1e6
    parse_s, rows = common.timed(lambda: prepare_rows(path, kinds))
    n_facts = len(rows["facts"])
    assert n_facts == n, (n_facts, n)
    work = common.workdir()

    # -- SQLite: floor, factcheck, floor[, factcheck] ---------------------------------------------
    plan = ["raw", "factcheck", "raw", "factcheck"] if quick else ["raw", "factcheck", "raw"]
    times: dict[str, list[float]] = {"raw": [], "factcheck": []}
    counts: dict[str, int] = {}
    kept = None
    for step, variant in enumerate(plan):
        db = work / f"import-{variant}-{step}.db"
        store = _fresh_sqlite(db)
        if variant == "raw":
            store.close()
            elapsed, _ = common.timed(lambda: raw_sqlite_import(db, rows))
        else:
            elapsed, result = common.timed(lambda: store.import_file(path, kinds))
            store.close()
        times[variant].append(elapsed)
        counts[variant] = _count_sqlite(db)
        if variant == "factcheck" and kept is None and not common.store_path(n).exists():
            kept = db
        else:
            for stale in db.parent.glob(db.name + "*"):
                stale.unlink()
    if kept is not None:
        for extra in kept.parent.glob(kept.name + "-*"):
            extra.unlink()
        shutil.move(str(kept), common.store_path(n))
    fc, raw = common.median(times["factcheck"]), common.median(times["raw"])
    ratio = fc / raw
    rows_out.append(common.row(
        BENCH, f"import {n:,} facts into SQLite (Store.import_file)", fc, "s", raw, "s", ratio=ratio,
        target=f"ratio ≤ {TARGET_RATIO:g}", met=ratio <= TARGET_RATIO,
        note=f"{n / fc:,.0f} facts/s vs raw executemany {n / raw:,.0f} rows/s (facts; plus "
             f"{len(rows['entities']):,} entities, {len(rows['aliases']):,} aliases); factcheck runs "
             f"{common.spread(times['factcheck'])} s, raw {common.spread(times['raw'])} s; facts in the "
             f"table: {counts.get('factcheck'):,} vs {counts.get('raw'):,}; file {size_mb:.0f} MB"))
    rows_out.append(common.row(
        BENCH, f"read the {n:,}-fact file (json.loads per line + row tuples, the floor's preparation)",
        parse_s, "s", note=f"not part of the raw floor; generated in {generated:.1f} s"))

    # -- PostgreSQL ----------------------------------------------------------------------------------
    reason = _pg_available()
    if reason:
        rows_out.append(common.row(BENCH, f"import {n:,} facts into PostgreSQL", None, "s",
                                   note=f"not measured: no server at {PG_URL} ({reason})"))
        return rows_out
    pg_times: dict[str, list[float]] = {"factcheck": [], "copy": []}
    pg_counts = {}
    pg_plan = ["copy", "factcheck", "copy", "factcheck"] if quick else ["copy", "factcheck", "copy"]
    for variant in pg_plan:
        schema = _PgSchema()
        try:
            store = Store(schema.url)
            store.ensure_schema()
            if variant == "copy":
                store.close()
                elapsed, _ = common.timed(lambda: raw_pg_copy(schema, rows))
            else:
                elapsed, _ = common.timed(lambda: store.import_file(path, kinds))
                store.close()
            pg_times[variant].append(elapsed)
            pg_counts[variant] = _pg_count(schema)
        finally:
            schema.drop()
    pg_fc, pg_copy = common.median(pg_times["factcheck"]), common.median(pg_times["copy"])
    pg_ratio = pg_fc / pg_copy
    rows_out.append(common.row(
        BENCH, f"import {n:,} facts into PostgreSQL (Store.import_file)", pg_fc, "s", pg_copy, "s",
        ratio=pg_ratio, target=f"ratio ≤ {PG_TARGET_RATIO:g}", met=pg_ratio <= PG_TARGET_RATIO,
        note=f"{n / pg_fc:,.0f} facts/s vs COPY {n / pg_copy:,.0f} rows/s; factcheck runs "
             f"{common.spread(pg_times['factcheck'])} s, COPY {common.spread(pg_times['copy'])} s; "
             f"{pg_fc / fc:.2f}× the SQLite import; facts in the table: {pg_counts.get('factcheck'):,} vs "
             f"{pg_counts.get('copy'):,}; fresh schema per run"))
    return rows_out


if __name__ == "__main__":
    import sys

    for r in run("--quick" in sys.argv):
        print(r)
