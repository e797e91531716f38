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
    ("verify", "ARTICLE", "--date", "2023-10-25", "--format", "json"),
    ("verify", "ARTICLE", "--date", "2023-10-25", "--format", "jsonl"),
    ("verify", "ARTICLE", "--date", "2023-10-25"),
    ("claims", "ARTICLE", "--date", "2023-10-25", "--format", "json"), ("facts", "export"),
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


@pytest.mark.parametrize("command", ["entities", "facts"])
def test_a_limit_beyond_any_count_lists_everything(seeded_sqlite_url, command):
    everything = json.loads(run(command, "list", "--format", "json", db=seeded_sqlite_url).stdout)
    limited = run(command, "list", "--limit", "9" * 30, "--format", "json", db=seeded_sqlite_url)
    assert limited.exit_code == 0, limited.stderr
    assert json.loads(limited.stdout) == everything
    refused = run(command, "list", "--limit", "0", db=seeded_sqlite_url)
    assert refused.exit_code == 2 and "Traceback" not in refused.stderr
    [line] = error_lines(refused)
    assert "'--limit'" in line and "x>=1" in line


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
                                  "There are 2**64 people.", "The town has 10^40 inhabitants.",
                                  "It has 3×10^400 people.", "It has 1e999 people."])
def test_powers_are_not_quantities(text):
    from factcheck import find_quantities

    assert find_quantities(text) == []


def test_a_number_times_a_power_of_ten_is_one_quantity():
    from factcheck import find_quantities

    [span] = find_quantities("Light goes 3×10^8 metres a second.")
    assert (span.text, span.number, span.unit) == ("3×10^8 metres", 3e5, "km")


def test_numbers_next_to_powers_are_still_read():
    from factcheck import find_quantities

    spans = find_quantities("The town has 400 people; 2^10 is not a count, but 12 people are.")
    assert [(s.text, s.number) for s in spans] == [("400 people", 400.0), ("12 people", 12.0)]


# -- entity types, facts about themselves, circles ----------------------------------------------


@pytest.fixture
def fresh_db(tmp_path) -> str:
    from .conftest import FIXTURE_FACTS

    db = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert run("facts", "import", *map(str, FIXTURE_FACTS), db=db).exit_code == 0
    return db


def test_merging_entities_of_different_types_is_refused(fresh_db):
    from factcheck.store.database import Store

    before = _db_bytes(fresh_db)
    _one_error(run("entities", "merge", "president-of-china", "xi-jinping", db=fresh_db),
               "cannot merge 'president-of-china' (an office) into 'xi-jinping' (a person)", "--force")
    assert _db_bytes(fresh_db) == before
    assert run("db", "check", db=fresh_db).exit_code == 0
    forced = run("entities", "merge", "president-of-china", "xi-jinping", "--force", db=fresh_db)
    assert forced.exit_code == 0, forced.stderr
    checked = run("db", "check", db=fresh_db)
    assert checked.exit_code == 1
    errors = [line for line in checked.stdout.splitlines() if line.startswith("error: ")]
    assert errors and all("'xi-jinping' holds_office itself" in line for line in errors)
    warnings = [line for line in checked.stdout.splitlines() if line.startswith("warning: ")]
    assert any("the object of holds_office is 'xi-jinping', a person; holds_office takes office" in line
               for line in warnings)
    Store(fresh_db).close()


def test_db_check_reports_located_in_circles_and_wrong_types(fresh_db, tmp_path):
    circle = tmp_path / "circle.jsonl"
    circle.write_text(
        '{"kind": "entity", "id": "aville", "name": "Aville", "type": "city"}\n'
        '{"kind": "entity", "id": "bregion", "name": "Bregion", "type": "region"}\n'
        '{"kind": "entity", "id": "cland", "name": "Cland", "type": "country"}\n'
        '{"kind": "fact", "subject": "aville", "predicate": "located_in", "object": "bregion"}\n'
        '{"kind": "fact", "subject": "bregion", "predicate": "located_in", "object": "cland"}\n'
        '{"kind": "fact", "subject": "cland", "predicate": "located_in", "object": "aville"}\n'
        '{"kind": "fact", "subject": "aville", "predicate": "capital", "object": "cland"}\n',
        encoding="utf-8")
    assert run("facts", "import", str(circle), db=fresh_db).exit_code == 0
    checked = run("db", "check", db=fresh_db)
    assert checked.exit_code == 1
    lines = checked.stdout.splitlines()
    [cycle] = [line for line in lines if "goes round in a circle" in line]
    assert cycle.startswith("error: located_in goes round in a circle: aville -> bregion -> cland -> aville")
    assert any(line.startswith("warning: ") and "the subject of capital is 'aville', a city" in line
               for line in lines)
    assert any(line.startswith("warning: ") and "the object of capital is 'cland', a country" in line
               for line in lines)


def test_a_long_located_in_chain_is_no_circle_and_no_recursion(tmp_path):
    from factcheck.rules.loader import load_rules
    from factcheck.store.consistency import check_consistency
    from factcheck.store.database import Store

    store = Store(f"sqlite:///{tmp_path / 'chain.db'}")
    try:
        records = [{"kind": "entity", "id": f"p{i}", "name": f"Place {i}", "type": "region"}
                   for i in range(5001)]
        records += [{"kind": "fact", "subject": f"p{i}", "predicate": "located_in", "object": f"p{i + 1}"}
                    for i in range(5000)]
        predicates = load_rules([]).predicates
        store.import_records(records, {name: spec.kind for name, spec in predicates.items()}, origin="test")
        assert check_consistency(store, predicates) == {"errors": [], "warnings": []}
    finally:
        store.close()


# -- escapes in text output ---------------------------------------------------------------------


def test_terminal_escapes_are_shown_not_obeyed(tmp_path):
    db = f"sqlite:///{tmp_path / 'escapes.db'}"
    facts = tmp_path / "evil.jsonl"
    facts.write_text(json.dumps({"kind": "entity", "id": "evil", "name": "Evil\u001b[2J\u001b]0;owned\u0007City\u202e",
                                 "type": "city", "aliases": ["Eviltown"]}) + "\n"
                     + json.dumps({"kind": "entity", "id": "cland", "name": "Cland\u009b31m", "type": "country"}) + "\n"
                     + json.dumps({"kind": "fact", "subject": "cland", "predicate": "capital", "object": "evil",
                                   "source": "https://example.org/\u001b[31m"}) + "\n",
                     encoding="utf-8")
    assert run("facts", "import", str(facts), db=db).exit_code == 0
    article = tmp_path / "art\u001b[31micle.txt"
    article.write_text("Eviltown is the capital of Cland\u009b31m. \u001b[1mBold\u001b[0m text.\n", encoding="utf-8")
    outputs = [run("verify", str(article), "--date", "2023-10-25", db=db),
               run("claims", str(article), "--date", "2023-10-25", db=db),
               run("entities", "list", db=db), run("facts", "list", db=db), run("facts", "show", "1", db=db),
               run("verify", str(tmp_path / "no\u001b[2Jfile.txt"), db=db)]
    for result in outputs:
        shown = result.stdout + result.stderr
        assert not any(ch in shown for ch in "\u001b\u0007\u009b\u202e"), repr(shown)
    verified = outputs[0].stdout
    assert "art\\x1b[31micle.txt:1:1: supported capital.copular:" in verified
    assert "Evil\\x1b[2J\\x1b]0;owned\\x07City\\u202e" in verified
    assert "Evil\\x1b[2J" in outputs[2].stdout
    assert "no\\x1b[2Jfile.txt" in outputs[5].stderr


# -- LIKE wildcards, huge rule lines, deep HTML ---------------------------------------------------


@pytest.mark.parametrize("pattern,expected", [("_", []), ("%", []), ("\\", []), ("Jinping", ["xi-jinping"])])
def test_entity_name_filter_takes_wildcards_literally(seeded_sqlite_url, pattern, expected):
    result = run("entities", "list", "--name", pattern, "--format", "json", db=seeded_sqlite_url)
    assert result.exit_code == 0
    assert [row["id"] for row in json.loads(result.stdout)] == expected


def test_fact_source_filter_takes_wildcards_literally(seeded_sqlite_url):
    everything = json.loads(run("facts", "list", "--format", "json", db=seeded_sqlite_url).stdout)
    assert everything
    for pattern in ("%", "_"):
        listed = json.loads(run("facts", "list", "--source", pattern, "--format", "json",
                                db=seeded_sqlite_url).stdout)
        assert listed == [f for f in everything if pattern in (f.get("source") or "")]


def test_a_rule_error_on_a_huge_line_quotes_a_bounded_excerpt(seeded_sqlite_url, tmp_path, article):
    pack = tmp_path / "pack" / "patterns"
    pack.mkdir(parents=True)
    alternatives = " | ".join(f"w{i}" for i in range(200_000))
    (pack / "big.toml").write_text(
        '[[rule]]\nid = "big"\ndescription = "d"\nsource = "s"\n'
        f'pattern = "{{city:city}} ( {alternatives} ) ) capital of {{country:country}}"\n'
        'subject = "country"\npredicate = "capital"\nobject = "city"\n', encoding="utf-8")
    result = run("--rules", str(pack.parent), "claims", str(article), db=seeded_sqlite_url)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert len(result.stderr) < 1000
    first, shown, caret = result.stderr.rstrip("\n").split("\n")
    assert first.startswith(f"error: {pack / 'big.toml'}:5:")
    column = int(first.split(":")[3])
    at = caret.index("^")
    line = (pack / "big.toml").read_text(encoding="utf-8").splitlines()[4]
    assert len(shown) <= 4 + 3 + 200 + 3
    assert shown[at] == line[column - 1] and at <= 4 + 3 + 200


@pytest.mark.parametrize("width,at", [(10, 5), (500, 0), (500, 250), (500, 499), (500, 600)])
def test_excerpt_keeps_the_caret_under_its_character(width, at):
    from factcheck.errors import RuleError

    line = "".join(chr(ord("a") + i % 26) for i in range(width))
    message = str(RuleError("bad", path="p.toml", line=1, column=at + 1, source_line=line))
    _, shown, caret = message.split("\n")
    assert len(shown) <= 4 + 3 + RuleError.EXCERPT + 3
    position = caret.index("^")
    if at < width:
        assert shown[position] == line[at]


@pytest.mark.parametrize("depth", [300, 200_000])
def test_deeply_nested_html_gives_its_sentences(depth):
    from factcheck.sources.fetch import html_to_article

    html = ("<html><head><title>Deep</title></head><body>" + "<div>" * depth
            + "<p>Beijing is the capital of China.</p><p>Xi Jinping spoke on Tuesday.</p>"
            + "</div>" * depth + "</body></html>")
    text, _ = html_to_article(html, "deep.html")
    assert text == "Deep\n\nBeijing is the capital of China.\n\nXi Jinping spoke on Tuesday."


def test_deeply_nested_html_file_is_checked(seeded_sqlite_url, tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><head><title>Deep</title></head><body>" + "<div>" * 200_000
                    + "<p>Beijing is the capital of China.</p>" + "</div>" * 200_000 + "</body></html>",
                    encoding="utf-8")
    result = run("claims", str(page), "--date", "2023-10-25", "--format", "json", db=seeded_sqlite_url)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)["documents"][0]
    assert document["sentences"] == 2
    assert [c["predicate"] for c in document["claims"]] == ["capital"]
