"""Faults the store must survive: imports killed mid-way, several editors at once, overlapping offices."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time

import pytest


from factcheck.store.database import Store

from .conftest import SEED


def _fact_file(path, prefix: str, count: int) -> int:
    lines = [json.dumps({"kind": "entity", "id": f"{prefix}-place", "name": f"{prefix.title()} Place",
                         "type": "city"})]
    for number in range(count):
        lines.append(json.dumps({"kind": "fact", "subject": f"{prefix}-place", "predicate": "population",
                                 "value": 1000 + number, "unit": "people", "as_of": f"{1900 + number % 120}",
                                 "valid_from": f"{1000 + number}-01-01" if number < 1000 else None,
                                 "source": f"https://example.org/{prefix}/{number}"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


def _command(db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "factcheck", "--db", db, *args]


@pytest.mark.slow
def test_import_killed_at_random_points_leaves_all_or_nothing(tmp_path):
    """SIGKILL during import, 6 times from the start of the import to past its end: the file is
    in the store whole or not at all."""
    import shutil

    big = tmp_path / "big.jsonl"
    total = _fact_file(big, "crash", 4000)
    template = tmp_path / "template.db"
    subprocess.run(_command(f"sqlite:///{template}", "db", "init"), check=True, capture_output=True,
                   timeout=120)
    started = time.monotonic()
    shutil.copy(template, tmp_path / "timing.db")
    subprocess.run(_command(f"sqlite:///{tmp_path / 'timing.db'}", "facts", "import", str(big)),
                   check=True, capture_output=True, timeout=300)
    duration = time.monotonic() - started
    rng = random.Random(20231025)
    outcomes = {"none": 0, "all": 0}
    trials = 6
    for trial in range(trials):
        path = tmp_path / f"trial-{trial}.db"
        shutil.copy(template, path)
        db = f"sqlite:///{path}"
        process = subprocess.Popen(_command(db, "facts", "import", str(big)),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Spread over the whole import and past it, so kills land both before and after the commit.
        time.sleep(duration * (0.05 + 1.25 * (trial + rng.random()) / trials))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        store = Store(db)
        count = store.stats()["facts"]
        assert count in (0, total), f"trial {trial}: {count} of {total} facts after SIGKILL"
        outcomes["all" if count == total else "none"] += 1
        assert store.check()["errors"] == []
        # The interrupted import can be run again and completes.
        store.close()
    # The kills must have landed both before and after the commit for the test to mean anything.
    assert outcomes["none"] >= 1 and outcomes["all"] >= 1, outcomes


@pytest.mark.slow
def test_concurrent_imports_and_verifies_lose_nothing(tmp_path, store_url):
    """Three imports and three verifies at once, on SQLite (WAL) and PostgreSQL."""
    from .conftest import FIXTURE_FACTS

    subprocess.run(_command(store_url, "facts", "import", *map(str, FIXTURE_FACTS)), check=True,
                   capture_output=True, timeout=300)
    files = []
    expected = 0
    for name in ("alpha", "beta", "gamma"):
        path = tmp_path / f"{name}.jsonl"
        expected += _fact_file(path, name, 1500)
        files.append(path)
    counter = Store(store_url)
    before = counter.stats()["facts"]
    counter.close()
    processes = [subprocess.Popen(_command(store_url, "facts", "import", str(p)), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE) for p in files]
    processes += [subprocess.Popen(_command(store_url, "verify", str(SEED), "--date", "2023-10-25",
                                            "--format", "json"), stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE) for _ in range(3)]
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode in (0, 1), err.decode()
        assert b"database is locked" not in err
    store = Store(store_url)
    assert store.stats()["facts"] == before + expected
    assert store.check()["errors"] == []
    store.close()


def test_db_check_warns_about_overlapping_office_holders(seeded_store, predicates):
    assert seeded_store.check() == {"errors": [], "warnings": []}
    seeded_store.import_records([
        {"kind": "fact", "subject": "mike-pompeo", "predicate": "holds_office",
         "object": "secretary-of-state-of-the-united-states", "valid_from": "2022-01-01",
         "valid_until": "2022-12-31", "source": "https://example.org/wrong"},
    ], predicates, origin="test")
    report = seeded_store.check()
    assert report["errors"] == []
    [warning] = report["warnings"]
    assert "secretary-of-state-of-the-united-states" in warning and "mike-pompeo" in warning


def test_extraction_leaves_the_garbage_collector_as_it_found_it():
    import gc
    from datetime import date

    from factcheck.api import Checker

    checker = Checker()
    was = gc.isenabled()
    try:
        for state in (True, False):
            (gc.enable if state else gc.disable)()
            checker.extract("Chinese President Xi Jinping visited Paris on Tuesday.", date(2023, 10, 25))
            assert gc.isenabled() is state
    finally:
        (gc.enable if was else gc.disable)()


def _overlapping_file(path, own: str, count: int) -> None:
    """``count`` facts shared by every such file, ``count`` of its own, and entities of both kinds."""
    lines = [json.dumps({"kind": "entity", "id": "shared-place", "name": "Shared Place", "type": "city"}),
             json.dumps({"kind": "entity", "id": f"{own}-place", "name": f"{own.title()} Place",
                         "type": "city", "aliases": [f"{own.title()}ville"]})]
    for subject in ("shared", own):
        for number in range(count):
            lines.append(json.dumps({"kind": "fact", "subject": f"{subject}-place", "predicate": "population",
                                     "value": 1000 + number, "unit": "people", "as_of": f"{1000 + number}",
                                     "source": f"https://example.org/{subject}/{number}"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.slow
@pytest.mark.postgres
def test_parallel_imports_into_a_new_postgresql_store_count_what_they_inserted(tmp_path):
    """Four imports at once into an empty PostgreSQL schema (the first use migrates it): no
    traceback, the "new facts" they report add up to the rows in the table, and one import record
    for each import that added something (the same file twice: only one of them adds)."""
    from sqlalchemy import text

    from .conftest import _PG_REASON, postgres_schema

    if _PG_REASON:
        pytest.skip(_PG_REASON)
    files = []
    for name in ("alpha", "beta", "gamma"):
        files.append(tmp_path / f"{name}.jsonl")
        _overlapping_file(files[-1], name, 400)
    with postgres_schema() as url:
        processes = [subprocess.Popen(_command(url, "facts", "import", str(path)), stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True) for path in [*files, files[0]]]
        added = []
        for process in processes:
            out, err = process.communicate(timeout=300)
            assert process.returncode == 0, err
            assert "Traceback" not in err
            added.append(int(out.split(" new facts")[0].rsplit(maxsplit=1)[-1]))
        store = Store(url)
        with store.engine.connect() as conn:
            rows = conn.execute(text("SELECT count(*) FROM facts")).scalar()
            records = conn.execute(text("SELECT count(*) FROM imports")).scalar()
            entities = conn.execute(text("SELECT count(*) FROM entities")).scalar()
        store.close()
    assert rows == 400 * 4 and sum(added) == rows
    assert sorted(added)[0] == 0 and records == 3
    assert entities == 4
