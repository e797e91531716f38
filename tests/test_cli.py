"""The command line as users and scripts meet it: exit codes, one-line errors, JSON on stdout."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import FIXTURE_FACTS, SEED


def run(*args: str, db: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck", "--db", db, *args], input=stdin,
                          capture_output=True, timeout=120)


def test_verify_seed_json_and_exit_status(seeded_sqlite_url):
    result = run("verify", str(SEED), "--date", "2023-10-25", "--format", "json", db=seeded_sqlite_url)
    assert result.returncode == 1, result.stderr  # claim 8 is contradicted
    report = json.loads(result.stdout)
    document = report["documents"][0]
    assert document["published"] == "2023-10-25" and document["published_from"] == "option"
    assert report["summary"]["contradicted"] >= 1
    assert set(report["summary"]) == {"supported", "contradicted", "unknown"}
    for claim in document["claims"]:
        assert {"id", "text", "start", "end", "line", "column", "sentence", "subject", "predicate",
                "object", "value", "time", "rule", "verdict", "explanation", "evidence"} <= set(claim)


def test_fail_on_levels(seeded_sqlite_url):
    assert run("verify", str(SEED), "--date", "2023-10-25", "--fail-on", "never",
               db=seeded_sqlite_url).returncode == 0
    assert run("verify", str(SEED), "--date", "2023-10-25", "--fail-on", "unknown",
               db=seeded_sqlite_url).returncode == 1


def test_text_output_is_linter_style(seeded_sqlite_url):
    result = run("verify", str(SEED), "--date", "2023-10-25", db=seeded_sqlite_url)
    lines = result.stdout.decode().splitlines()
    assert any(line.startswith(f"{SEED}:15:") and " contradicted trade.blocking-since: " in line
               for line in lines)
    assert "contradicted" in lines[-1] and "claims" in lines[-1]


def test_stdin_source(seeded_sqlite_url):
    result = run("verify", "-", "--date", "2023-10-25", "--format", "json", db=seeded_sqlite_url,
                 stdin="Chinese President Xi Jinping spoke on Monday.".encode())
    assert result.returncode == 0, result.stderr
    [claim] = json.loads(result.stdout)["documents"][0]["claims"]
    assert claim["verdict"] == "supported"


def test_claims_command_has_no_verdicts(seeded_sqlite_url):
    result = run("claims", str(SEED), "--date", "2023-10-25", "--format", "json", db=seeded_sqlite_url)
    assert result.returncode == 0, result.stderr
    claims = json.loads(result.stdout)["documents"][0]["claims"]
    assert claims and all("verdict" not in c and "evidence" not in c for c in claims)


@pytest.mark.parametrize("args,needle", [
    (["verify", "no-such-file.txt"], "no such file"),
    (["verify", "SEED", "--date", "2023-13-45"], "not a date"),
    (["verify", "SEED", "--format", "yaml"], "yaml"),
    (["facts", "import", "no-such.jsonl"], "cannot read fact file"),
    (["rules", "explain", "office.apositive"], "did you mean office.appositive"),
], ids=["missing-file", "bad-date", "bad-format", "missing-fact-file", "unknown-rule"])
def test_bad_usage_is_one_line_and_status_2(seeded_sqlite_url, args, needle):
    args = [str(SEED) if a == "SEED" else a for a in args]
    result = run(*args, db=seeded_sqlite_url)
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    assert needle in stderr
    assert len([line for line in stderr.splitlines() if line.startswith(("error", "Error"))]) == 1


def test_unreadable_articles(seeded_sqlite_url, tmp_path):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9 in S\xe3o Paulo".encode("latin-1"))
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    for path, needle in ((latin1, "not UTF-8"), (binary, "binary")):
        result = run("verify", str(path), db=seeded_sqlite_url)
        assert result.returncode == 2 and needle in result.stderr.decode()
        assert "Traceback" not in result.stderr.decode()


def test_empty_article_has_no_claims(seeded_sqlite_url, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("verify", str(empty), "--date", "2023-10-25", "--format", "json", db=seeded_sqlite_url)
    assert result.returncode == 0
    assert json.loads(result.stdout)["documents"][0]["claims"] == []


def test_facts_import_export_and_db_commands(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run("db", "init", db=db).returncode == 0
    imported = run("facts", "import", *map(str, FIXTURE_FACTS), db=db)
    assert imported.returncode == 0, imported.stderr
    again = run("facts", "import", *map(str, FIXTURE_FACTS), db=db)
    assert b"0 new facts" in again.stdout and b" 1 new" not in again.stdout
    stats = json.loads(run("db", "stats", "--format", "json", db=db).stdout)
    assert stats["facts"] > 50 and stats["entities"] > 30
    exported = run("facts", "export", db=db)
    assert exported.returncode == 0
    records = [json.loads(line) for line in exported.stdout.decode().splitlines()]
    assert sum(r["kind"] == "fact" for r in records) == stats["facts"]
    csv_export = run("facts", "export", "--format", "csv", db=db)
    assert csv_export.stdout.decode().splitlines()[0].startswith("subject,predicate,object,value")


def test_bad_fact_file_leaves_the_store_alone(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "entity", "id": "x", "name": "X", "type": "country"}\n{"kind": "fact"\n')
    result = run("facts", "import", str(bad), db=db)
    assert result.returncode == 2
    assert "bad.jsonl, line 2" in result.stderr.decode()
    stats = json.loads(run("db", "stats", "--format", "json", db=db).stdout)
    assert stats["entities"] == 0


def test_help_and_version():
    assert subprocess.run([sys.executable, "-m", "factcheck", "--version"], capture_output=True,
                          timeout=60).stdout.strip().endswith(b"0.1.0")
    helped = subprocess.run([sys.executable, "-m", "factcheck", "verify", "--help"],
                            capture_output=True, timeout=60)
    assert helped.returncode == 0 and b"Example:" in helped.stdout
