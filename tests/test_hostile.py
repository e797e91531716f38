"""Hostile input: every kind of bad article and fact file ends in a verdict or a one-line error.

Each case runs the real CLI (in this process, as the console script calls it: an exception that
escapes a command fails the test): exit status 0, 1 or 2, no traceback, a one-line message when it
fails; the store is byte-for-byte unchanged by a refused fact file. Time that
grows no faster than the input is shown by benchmarks/, not asserted here.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck.errors import FactcheckError

from .test_cli import run

ARTICLES = {
    "empty": b"",
    "binary": bytes(range(256)) * 4,
    "latin-1": "Caf\xe9 in S\xe3o Paulo: Beijing is the capital of China.".encode("latin-1"),
    "nul-bytes": b"Beijing is the capital\x00 of China.",
    "one-megabyte-line": ("Beijing is the capital of China and " * 30000).encode(),
    "claim-repeated-10000-times": ("Chinese President Xi Jinping said so. " * 10000).encode(),
    "nested-brackets-and-quotes": (("(" * 2000) + "Beijing is the capital of China" + (")" * 2000)
                                   + " " + ('"' * 3000) + " \u201c" * 500).encode(),
    "right-to-left-and-combining": ("\u202eBeijing is the capital of China.\u202c "
                                    "Be\u0301ijing\u0327 is the ca\u0300pital of Chi\u0308na. "
                                    "\u0628\u0643\u064a\u0646 \u0647\u064a \u0639\u0627\u0635\u0645\u0629 "
                                    "\u0627\u0644\u0635\u064a\u0646. \U0001F600" * 50).encode(),
    "crlf-and-control-characters": b"Beijing is the capital of China.\r\n\x0b\x0c\x1b[31mred\r\n",
    "markup": b"<script>alert(1)</script> Chinese President Xi Jinping <img src=x onerror=alert(2)>",
    "sql-metacharacters": b"Robert'); DROP TABLE facts;-- said Chinese President Xi Jinping was right.",
}


def _run(db: str, *args: str) -> subprocess.CompletedProcess:
    """``factcheck --db DB ARGS`` in this process (an exception escaping the command fails the
    test): its exit status and its two streams as bytes."""
    result = run(*args, db=db)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout_bytes, result.stderr_bytes)


def _db_bytes(url: str) -> str:
    """The database file's bytes after folding the write-ahead log into it.

    The -shm file changes with every reader (its read marks), and a checkpoint moves pages from
    the log to the file at any time, so the comparison is of the checkpointed file.
    """
    import sqlite3

    path = Path(url.removeprefix("sqlite:///"))
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_bad_articles_end_cleanly(seeded_sqlite_url, tmp_path, name):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(ARTICLES[name])
    result = _run(seeded_sqlite_url, "verify", str(path), "--date", "2023-10-25", "--format", "json")
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode in (0, 1, 2), stderr
    assert "Traceback" not in stderr
    if result.returncode == 2:
        assert len(stderr.strip().splitlines()) == 1 and stderr.startswith("error: ")
    else:
        report = json.loads(result.stdout)
        text = ARTICLES[name].decode("utf-8")
        for claim in report["documents"][0]["claims"]:
            assert text[claim["start"]:claim["end"]] == claim["text"]


def test_fifty_megabyte_article(seeded_sqlite_url, tmp_path):
    path = tmp_path / "huge.txt"
    paragraph = ("The committee met again on Tuesday and discussed the budget at length, "
                 "and Beijing is the capital of China, officials said. ") * 40 + "\n\n"
    with open(path, "w", encoding="utf-8") as handle:
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(paragraph)
    result = _run(seeded_sqlite_url, "claims", str(path), "--date", "2023-10-25")
    assert result.returncode == 2
    assert result.stderr.decode().strip() == f"error: {path} is larger than 10 MB; split it"


BAD_FACT_FILES = {
    "malformed-json": ('{"kind": "entity", "id": "x", "name": "X", "type": "city"}\n{"kind": "fact",\n', 2, None),
    "wrong-type": ('{"kind": "entity", "id": "x", "name": "X", "type": "city", "aliases": "Ex"}\n', 1, "aliases"),
    "unknown-predicate": ('{"kind": "fact", "subject": "china", "predicate": "likes", "object": "japan"}\n', 1, "predicate"),
    "dangling-entity": ('{"kind": "fact", "subject": "nowhere-land", "predicate": "capital", "object": "beijing"}\n', 1, "subject"),
    "end-before-start": ('{"kind": "fact", "subject": "china", "predicate": "capital", "object": "beijing", '
                         '"valid_from": "2020", "valid_until": "2019"}\n', 1, "valid_until"),
    "duplicate-id-different-content": ('{"kind": "entity", "id": "x", "name": "X", "type": "city"}\n'
                                       '{"kind": "entity", "id": "x", "name": "Y", "type": "city"}\n', 2, "id"),
    "not-an-object": ('["kind", "fact"]\n', 1, None),
    "sql-in-names": ('{"kind": "entity", "id": "bobby", "name": "Robert\'); DROP TABLE facts;--", "type": "person"}\n'
                     '{"kind": "fact", "subject": "bobby", "predicate": "population", "value": "lots"}\n', 2, "value"),
}


@pytest.mark.parametrize("name", sorted(BAD_FACT_FILES))
def test_bad_fact_files_name_line_and_field_and_change_nothing(seeded_sqlite_url, tmp_path, name):
    text, line, field = BAD_FACT_FILES[name]
    path = tmp_path / f"{name}.jsonl"
    path.write_text(text, encoding="utf-8")
    before = _db_bytes(seeded_sqlite_url)
    result = _run(seeded_sqlite_url, "facts", "import", str(path))
    stderr = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in stderr
    assert f"{path.name}, line {line}" in stderr
    if field:
        assert f"field '{field}'" in stderr
    assert _db_bytes(seeded_sqlite_url) == before


def test_csv_with_missing_columns(seeded_sqlite_url, tmp_path):
    path = tmp_path / "facts.csv"
    path.write_text("subject,object\nchina,beijing\n", encoding="utf-8")
    before = _db_bytes(seeded_sqlite_url)
    result = _run(seeded_sqlite_url, "facts", "import", str(path))
    assert result.returncode == 2 and b"field 'predicate'" in result.stderr
    assert _db_bytes(seeded_sqlite_url) == before


def test_sql_metacharacters_are_stored_and_matched_literally(seeded_store, predicates):
    from factcheck.api import Checker

    store = seeded_store
    before = store.stats()["facts"]

    name = "Robert'); DROP TABLE facts;-- Tables"
    store.import_records([
        {"kind": "entity", "id": "bobby-tables", "name": name, "type": "person", "aliases": ["O'Brien \"Bobby\" %_"]},
        {"kind": "fact", "subject": "bobby-tables", "predicate": "holds_office", "object": "president-of-china",
         "valid_from": "2099-01-01", "source": "https://example.org/'; DELETE FROM facts; --"},
    ], predicates, origin="test")
    assert store.stats()["facts"] == before + 1
    shown = store.entities(["bobby-tables"])["bobby-tables"]
    assert shown.name == name
    lexicon = Checker(store).lexicon
    assert lexicon.match("Ask O'Brien \"Bobby\" %_ now")[0].entity_ids == ("bobby-tables",)


# -- fuzzing: nothing but factcheck's own errors -------------------------------------------

FUZZ = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def checker(seeded_sqlite_url):
    from factcheck.api import Checker
    from factcheck.store.database import Store

    return Checker(Store(seeded_sqlite_url))


NEWSY = st.sampled_from([
    "Chinese President Xi Jinping", " said on Wednesday", " since September", " the world's two biggest economies",
    " New York-headquartered", " Beijing is the capital of China", " not", " could", "\u201c", "\u201d", " (APEC)",
    " 66 million people", " about $1.4bn", " last week", " State Secretary Antony Blinken", ".", ",", "\n", "'s",
    " gallium and germanium", " -", "\u00a0", " Wang", "'", '"',
])


@FUZZ
@given(st.lists(st.one_of(NEWSY, st.text(max_size=12)), max_size=40))
def test_claim_parser_never_raises_on_any_text(checker, parts):
    from datetime import date

    text = "".join(parts)
    try:
        checked = checker.check(text, date(2023, 10, 25))
    except FactcheckError:
        return
    for claim, verdict in checked.verdicts:
        assert text[claim.start:claim.end] == claim.text
        assert verdict.verdict in ("supported", "contradicted", "unknown")


TOML_PIECES = st.sampled_from([
    "[[rule]]\n", 'id = "a"\n', 'description = "d"\n', 'source = "s"\n', 'pattern = "{a:person} is {b:office}"\n',
    'subject = "a"\n', 'predicate = "holds_office"\n', 'object = "b"\n', 'examples = [{ text = "x", subject = "y" }]\n',
    'pattern = "{a:person\n', 'pattern = "((("\n', 'pattern = "[...9999"\n', "[predicate.p]\n", 'kind = "many"\n',
    "[[cues]]\n", 'phrase = "x"\n', 'kind = "negation"\n', '"\n', "= = =\n", "[titles.variants]\n", '"a" = 1\n',
])


@FUZZ
@given(st.sampled_from(["patterns", "predicates", "lexicon"]),
       st.lists(st.one_of(TOML_PIECES, st.text(max_size=20)), max_size=20))
@example("predicates", ['predicate = "holds_office"\n'])
@example("lexicon", ["titles = 3\n"])
@example("lexicon", ['[titles]\nvariants = "x"\n'])
@example("lexicon", ["hedges = []\n"])
@example("lexicon", ['cues = "x"\n'])
@example("lexicon", ["metonymy = 1\n"])
@example("patterns", ["rule = 1\n"])
@example("patterns", ["rule = [1]\n"])
def test_rule_file_parser_never_raises_anything_else(tmp_path_factory, section, pieces):
    from factcheck.rules.loader import RuleSet, load_pack, load_rules

    pack = tmp_path_factory.mktemp("pack")
    (pack / section).mkdir()
    (pack / section / "fuzz.toml").write_text("".join(pieces), encoding="utf-8", errors="replace")
    # The pack on top of the bundled predicates, as load_rules would stack it (without its cache).
    rules = RuleSet(predicates=dict(load_rules().predicates))
    try:
        load_pack(pack, rules)
    except FactcheckError:
        pass


RECORD_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                          st.text(max_size=15), st.lists(st.text(max_size=5), max_size=3),
                          st.sampled_from(["2023", "2023-02-30", "2023-13", "china", "beijing", "capital",
                                           "population", "entity", "fact", "city", "people"]))


@FUZZ
@given(st.lists(st.dictionaries(st.sampled_from(["kind", "id", "name", "type", "subject", "predicate", "object",
                                                 "value", "valid_from", "valid_until", "as_of", "aliases", "seats",
                                                 "rank", "unit", "source"]), RECORD_VALUES, max_size=8),
                max_size=5))
def test_fact_importer_never_raises_anything_else(tmp_path_factory, records):
    from factcheck.store.interchange import read_fact_file
    from factcheck.rules.loader import load_rules

    path = tmp_path_factory.mktemp("facts") / "fuzz.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    try:
        read_fact_file(path, load_rules().predicate_kinds())
    except FactcheckError:
        pass
