"""Hostile and unlucky input, second round: one-line errors naming what and where (exit 2, the
store unchanged), reports written safely, and no silent misreading.

Commands run in this process through ``factcheck.cli.main`` (as in tests/test_cli.py): an
unexpected exception fails the test with its traceback. URL fetching has its own file,
tests/test_fetch_guard.py.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from .test_cli import error_lines, run
from .test_hostile import _db_bytes

SEED_ARTICLE = "Beijing is the capital of China.\n"


@pytest.fixture(autouse=True)
def _no_project_config(tmp_path, monkeypatch):
    """Commands read factcheck.toml from the working folder and its parents: start in an empty one."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(SEED_ARTICLE, encoding="utf-8")
    return path


def _one_error(result, *needles: str) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    [line] = error_lines(result)
    assert result.stderr.strip() == line, result.stderr
    for needle in needles:
        assert needle in line, line
    return line


# -- -o FILE: a temporary file of its own, renamed over the target ------------------------------


@pytest.mark.parametrize("fmt", ["json", "jsonl", "text"])
def test_output_leaves_the_users_tmp_file_and_its_symlink_alone(seeded_sqlite_url, tmp_path, article,
                                                                fmt):
    report = tmp_path / "report.out"
    mine = tmp_path / "report.out.tmp"                  # the user's own file of that name
    mine.write_text("my notes\n", encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    planted = tmp_path / ".report.out.tmp"
    planted.symlink_to(victim)
    result = run("verify", str(article), "--date", "2023-10-25", "--format", fmt, "-o", str(report),
                 db=seeded_sqlite_url)
    assert result.exit_code in (0, 1), result.stderr
    assert mine.read_text(encoding="utf-8") == "my notes\n"
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert planted.is_symlink()
    assert "capital" in report.read_text(encoding="utf-8")
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert leftovers == sorted(["report.out", "report.out.tmp", ".report.out.tmp", "victim.txt",
                                "article.txt", "work"])


def test_output_replaces_a_symlink_instead_of_writing_through_it(seeded_sqlite_url, tmp_path, article):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    report = tmp_path / "report.json"
    report.symlink_to(victim)
    result = run("verify", str(article), "--date", "2023-10-25", "--format", "json", "-o", str(report),
                 db=seeded_sqlite_url)
    assert result.exit_code in (0, 1), result.stderr
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not report.is_symlink() and json.loads(report.read_text(encoding="utf-8"))["documents"]


def test_output_keeps_the_mode_of_the_file_it_replaces(seeded_sqlite_url, tmp_path, article):
    report = tmp_path / "report.json"
    report.write_text("old\n", encoding="utf-8")
    os.chmod(report, 0o640)
    result = run("verify", str(article), "--date", "2023-10-25", "--format", "json", "-o", str(report),
                 db=seeded_sqlite_url)
    assert result.exit_code in (0, 1)
    assert report.stat().st_mode & 0o777 == 0o640
    assert report.read_text(encoding="utf-8") != "old\n"


@pytest.mark.parametrize("args", [
    ("verify", "ARTICLE", "--format", "json"), ("verify", "ARTICLE", "--format", "jsonl"),
    ("verify", "ARTICLE"), ("claims", "ARTICLE", "--format", "json"), ("facts", "export"),
])
def test_output_into_a_missing_folder(seeded_sqlite_url, tmp_path, article, args):
    target = tmp_path / "missing" / "report.out"
    args = [str(article) if a == "ARTICLE" else a for a in args]
    result = run(*args, "-o", str(target), db=seeded_sqlite_url)
    _one_error(result, f"cannot write {target}: the folder {target.parent} does not exist")
    assert not target.parent.exists()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    from factcheck.cli.common import replacing

    report = tmp_path / "report.json"
    report.write_text("old\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        with replacing(str(report)) as handle:
            handle.write("half of a new report")
            raise KeyboardInterrupt
    assert report.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "work"]
    with replacing(str(report)) as handle:
        handle.write("new\n")
    assert report.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "work"]


# -- fact files that used to end in a traceback -------------------------------------------------

_ENTITY = '{"kind": "entity", "id": "xland", "name": "Xland", "type": "country"}\n'
HOSTILE_FACT_FILES = {
    "400-digit-integer.jsonl": (_ENTITY + '{"kind": "fact", "subject": "xland", "predicate": "population", '
                                '"value": ' + "9" * 400 + "}\n", 2, "value", "'value' is too large: a number of 400 digits"),
    "5000-digit-integer.jsonl": (_ENTITY + '{"kind": "fact", "subject": "xland", "predicate": "population", '
                                 '"value": ' + "9" * 5000 + "}\n", 2, "value", "a number of 5000 digits"),
    "400-digit-integer.csv": ("subject,predicate,value\nchina,population," + "9" * 400 + "\n", 2, "value",
                              "'value' is too large: a number of 400 digits"),
    "5000-digit-integer.csv": ("subject,predicate,value\nchina,population," + "9" * 5000 + "\n", 2, "value",
                               "a number of 5000 digits"),
    "float-overflow.jsonl": (_ENTITY + '{"kind": "fact", "subject": "xland", "predicate": "area", '
                             '"value": 1e400}\n', 2, "value", "'value' must be a finite number"),
    "huge-seats.jsonl": ('{"kind": "entity", "id": "o", "name": "O", "type": "office", "seats": '
                         + "9" * 30 + "}\n", 1, "seats", "'seats' must be a whole number"),
    "nested-100k-deep.jsonl": (_ENTITY + "[" * 100_000 + "]" * 100_000 + "\n", 2, None,
                               "malformed JSON: arrays or objects nested too deeply"),
    "nested-in-a-field.jsonl": ('{"kind": "fact", "note": ' + "{\"a\": " * 50_000 + "1" + "}" * 50_000
                                + "}\n", 1, None, "nested too deeply"),
    "unclosed-quote.csv": ('subject,predicate,value,note\nchina,population,1,"unclosed note\n'
                           "china,population,2,swallowed\nchina,population,3,swallowed\n", 2, None,
                           "malformed CSV: a quoted cell that starts on this line is never closed"),
    "stray-quote.csv": ('subject,predicate,value,note\nchina,population,1,ok\nchina,population,2,"a"b\n',
                        3, None, "malformed CSV"),
    "date-for-a-quantity.jsonl": ('{"kind": "fact", "subject": "china", "predicate": "population", '
                                  '"value": "2023"}\n', 1, "value",
                                  "'value' of population must be a number, not the date '2023'"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FACT_FILES))
def test_hostile_fact_files_are_one_line_errors(seeded_sqlite_url, tmp_path, name):
    text, line, field, needle = HOSTILE_FACT_FILES[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    before = _db_bytes(seeded_sqlite_url)
    result = run("facts", "import", str(path), db=seeded_sqlite_url)
    message = _one_error(result, needle, f"({path}, line {line}")
    if field:
        assert message.endswith(f"field '{field}')")
    assert len(message) < 300
    assert _db_bytes(seeded_sqlite_url) == before


def test_a_csv_year_for_a_quantity_is_a_number_and_for_a_date_a_date(tmp_path):
    db = f"sqlite:///{tmp_path / 'facts.db'}"
    entities = tmp_path / "entities.jsonl"
    entities.write_text(_ENTITY + '{"kind": "entity", "id": "expo", "name": "Expo", "type": "event"}\n',
                        encoding="utf-8")
    facts = tmp_path / "facts.csv"
    facts.write_text("subject,predicate,value,as_of\nxland,population,2023,2023\n"
                     "xland,area,\"1,500\",\nexpo,start_date,2023,\n", encoding="utf-8")
    for path in (entities, facts):
        assert run("facts", "import", str(path), db=db).exit_code == 0
    listed = json.loads(run("facts", "list", "--format", "json", db=db).stdout)
    values = {(f["subject"], f["predicate"]): f["value"] for f in listed}
    assert values == {("xland", "population"): 2023, ("xland", "area"): 1500,
                      ("expo", "start_date"): "2023"}


def test_quoted_newlines_in_a_csv_are_still_one_cell(tmp_path):
    db = f"sqlite:///{tmp_path / 'facts.db'}"
    entities = tmp_path / "entities.jsonl"
    entities.write_text(_ENTITY, encoding="utf-8")
    path = tmp_path / "facts.csv"
    path.write_text('subject,predicate,value,note\nxland,population,1409670000,"two\nlines"\n'
                    "xland,area,9596961,\n", encoding="utf-8")
    assert run("facts", "import", str(entities), db=db).exit_code == 0
    result = run("facts", "import", str(path), db=db)
    assert result.exit_code == 0, result.stderr
    assert "2 new facts (2 in the file)" in result.stdout


# -- commands and config values that used to end in a traceback ---------------------------------


@pytest.mark.parametrize("args,needle", [
    (("facts", "show", "99999999999999999999999"), "no fact #99999999999999999999999 in the store"),
    (("facts", "history", "99999999999999999999999"), "no fact #99999999999999999999999 and no history"),
    (("facts", "remove", "--yes", "99999999999999999999999"), "no fact #99999999999999999999999"),
    (("facts", "retire", "99999999999999999999999"), "no fact #99999999999999999999999"),
    (("facts", "edit", "99999999999999999999999", "--note", "x"), "no fact #99999999999999999999999"),
    (("db", "upgrade", "nonsense"),
     "to 'nonsense': Can't locate revision identified by 'nonsense'"),
])
def test_commands_with_impossible_arguments(seeded_sqlite_url, args, needle):
    before = _db_bytes(seeded_sqlite_url)
    _one_error(run(*args, db=seeded_sqlite_url), needle)
    assert _db_bytes(seeded_sqlite_url) == before


@pytest.mark.parametrize("setting,needle", [
    ("db = 5", "'db' must be a database URL in quotes, not 5"),
    ('fail_on = "bogus"', "'fail_on' must be one of contradicted, unknown, never, not 'bogus'"),
    ('format = "pdf"', "'format' must be one of text, json"),
    ("fail_on = 3", "'fail_on' must be one of"),
    ("rules = " + "[" * 5000 + "]" * 5000, "nested too deeply"),
])
def test_config_values_of_the_wrong_type(seeded_sqlite_url, tmp_path, article, setting, needle):
    config = Path.cwd() / "factcheck.toml"
    config.write_text(setting + "\n", encoding="utf-8")
    result = run("verify", str(article), "--date", "2023-10-25", db=seeded_sqlite_url)
    _one_error(result, f"config {config}", needle)


@pytest.mark.parametrize("depth,needle", [(40, "brackets nested more than 32 deep"),
                                          (100_000, "brackets nested more than 32 deep")])
def test_deeply_nested_rule_brackets(seeded_sqlite_url, tmp_path, article, depth, needle):
    pack = tmp_path / "pack" / "patterns"
    pack.mkdir(parents=True)
    pattern = "{city:city} " + "( " * depth + "capital" + " )" * depth + " of {country:country}"
    (pack / "deep.toml").write_text(
        '[[rule]]\nid = "deep"\ndescription = "d"\nsource = "s"\n'
        f'pattern = "{pattern}"\nsubject = "country"\npredicate = "capital"\nobject = "city"\n',
        encoding="utf-8")
    result = run("--rules", str(pack.parent), "claims", str(article), db=seeded_sqlite_url)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    first, shown, caret = result.stderr.rstrip("\n").split("\n")[-3:]
    assert first.startswith(f"error: {pack / 'deep.toml'}:5:") and needle in first
    assert len(shown) < 220
    column = int(first.split(":")[3])
    at = caret.index("^")                                       # the caret under the 33rd bracket
    assert shown[at] == "("
    if depth < 50:                                              # the line is shown whole
        assert shown[:at].count("(") == 32 and column == at - 3    # four spaces of indent


def test_toml_nested_too_deeply_in_a_rule_file(seeded_sqlite_url, tmp_path, article):
    pack = tmp_path / "pack" / "predicates"
    pack.mkdir(parents=True)
    (pack / "deep.toml").write_text("x = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    result = run("--rules", str(pack.parent), "claims", str(article), db=seeded_sqlite_url)
    _one_error(result, f"{pack / 'deep.toml'}:1:1: TOML syntax: arrays or tables nested too deeply")


# -- silent misreadings -------------------------------------------------------------------------

PUBLISHED = date(2023, 10, 25)


@pytest.mark.parametrize("text", [
    "The summit was held on February 30, 2021.", "The summit was held on February 29, 2023.",
    "It opened on January 1, 0000.", "It ends on March 5, 99999.", "It was held on 30 February 2021.",
    "It was held on the 30th of February 2021.", "It was held on Feb. 30, 2021.",
    "It was held February 30-31, 2021.", "It was founded in March 0000.", "It ends in March 99999.",
])
def test_impossible_dates_are_not_times(text):
    from factcheck import find_times

    assert find_times(text, published=PUBLISHED) == []


@pytest.mark.parametrize("text,reading", [
    ("The summit was held on February 29, 2024.", ("on February 29, 2024", "2024-02-29", "2024-02-29")),
    ("On March 5, 300 protesters gathered.", ("On March 5", "2023-03-05", "2023-03-05")),
    ("On March 5, 10000 protesters gathered.", ("On March 5", "2023-03-05", "2023-03-05")),
    ("In February 30 people died.", ("In February", "2023-02-01", "2023-02-28")),
    ("In March 10000 people marched.", ("In March", "2023-03-01", "2023-03-31")),
    ("It opened on January 1, 1000.", ("on January 1, 1000", "1000-01-01", "1000-01-01")),
])
def test_possible_dates_and_counts_after_dates_keep_their_reading(text, reading):
    from factcheck import find_times

    [span] = find_times(text, published=PUBLISHED)
    assert (span.text, span.date_from.isoformat(), span.date_until.isoformat()) == reading


def test_an_impossible_date_gives_a_claim_no_time_of_its_own(seeded_sqlite_url, tmp_path):
    path = tmp_path / "dated.txt"
    path.write_text("Beijing was the capital of China on February 30, 2021.\n", encoding="utf-8")
    result = run("claims", str(path), "--date", "2023-10-25", "--format", "json", db=seeded_sqlite_url)
    assert result.exit_code == 0, result.stderr
    [claim] = json.loads(result.stdout)["documents"][0]["claims"]
    assert claim["predicate"] == "capital"
    assert not (claim["time"] or {}).get("from", "").startswith("2023-02")


@pytest.mark.parametrize("text", ["The town has 10^400 people.", "The town has 10 ^ 4 people.",
                                  "There are 2**64 people.", "Light goes 3×10^8 metres a second.",
                                  "The town has 10^40 inhabitants."])
def test_powers_are_not_quantities(text):
    from factcheck import find_quantities

    assert find_quantities(text) == []


def test_numbers_next_to_powers_are_still_read():
    from factcheck import find_quantities

    spans = find_quantities("The town has 400 people; 2^10 is not a count, but 12 people are.")
    assert [(s.text, s.number) for s in spans] == [("400 people", 400.0), ("12 people", 12.0)]
