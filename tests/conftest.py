"""Shared fixtures: a fresh store on SQLite and, where the server answers, on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_FACTS = sorted((ROOT / "fixtures" / "facts").glob("*.jsonl"))
SEED = ROOT / "fixtures" / "articles" / "000_162457e0331d5697.txt"
PG_URL = os.environ.get("FACTCHECK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_reason() -> str | None:
    """None when the PostgreSQL server answers, else why the PostgreSQL tests are skipped."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install '.[dev]')"
    dsn = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(dsn, connect_timeout=3):
            return None
    except Exception as exc:  # any connection failure means: no server to test against
        return f"no PostgreSQL server answers at {PG_URL}: {str(exc).splitlines()[0]}"


_PG_REASON = _postgres_reason()

# Tests change the working folder: a relative PYTHONPATH ("PYTHONPATH=.") would make the
# processes they start import another copy of the package.
if os.environ.get("PYTHONPATH"):
    os.environ["PYTHONPATH"] = os.pathsep.join(str(Path(entry).resolve()) if entry else entry
                                               for entry in os.environ["PYTHONPATH"].split(os.pathsep))


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Compiled rules and lexicons go to a cache folder of the test run, not the user's."""
    folder = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """A URL of an empty store: a SQLite file, or a fresh schema on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'facts.db'}"
        return
    if _PG_REASON:
        if os.environ.get("CI"):
            pytest.fail(_PG_REASON)
        pytest.skip(_PG_REASON)
    with postgres_schema() as url:
        yield url


@contextmanager
def postgres_schema():
    """The URL of a fresh schema on the PostgreSQL server, dropped afterwards."""
    import psycopg

    schema = f"fc_test_{uuid.uuid4().hex[:12]}"
    dsn = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(store_url):
    from factcheck.store.database import Store

    store = Store(store_url)
    yield store
    store.close()


@pytest.fixture
def predicates():
    from factcheck.rules.loader import load_rules

    return load_rules().predicate_kinds()


@pytest.fixture
def seeded_store(store, predicates):
    for path in FIXTURE_FACTS:
        store.import_file(path, predicates)
    return store


@pytest.fixture(scope="session")
def seeded_sqlite_url(tmp_path_factory):
    """One SQLite store with the bundled reference facts, shared by read-only tests."""
    from factcheck.rules.loader import load_rules
    from factcheck.store.database import Store

    path = tmp_path_factory.mktemp("seeded") / "facts.db"
    store = Store(f"sqlite:///{path}")
    kinds = load_rules().predicate_kinds()
    for fact_file in FIXTURE_FACTS:
        store.import_file(fact_file, kinds)
    store.close()
    return f"sqlite:///{path}"
