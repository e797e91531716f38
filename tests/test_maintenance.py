"""Maintaining facts and entities: add, list, edit, retire, remove, history, merge; on both backends."""

from __future__ import annotations

import json
from datetime import date

import pytest

from factcheck.store import maintenance as m
from factcheck.api import Checker
from factcheck.errors import InputError

from .test_cli import run


def _blinken_fact(store):
    [fact] = m.list_facts(store, subject="antony-blinken", predicate="holds_office")
    return fact


def test_list_filters(seeded_store):
    held = m.list_facts(seeded_store, subject="Wang Yi", predicate="holds_office")
    assert len(held) == 2
    on_day = m.list_facts(seeded_store, subject="Wang Yi", predicate="holds_office", valid_on=date(2023, 3, 1))
    assert on_day == []
    offices = m.list_facts(seeded_store, predicate="holds_office", entity_type="person")
    assert len(offices) >= 10
    assert all("wikipedia" in f.source.lower() or f.source for f in offices)
    assert m.list_facts(seeded_store, source="imf.org") and all(
        "imf.org" in f.source for f in m.list_facts(seeded_store, source="imf.org"))


def test_unknown_names_get_suggestions(seeded_store):
    with pytest.raises(InputError) as error:
        m.resolve_entity(seeded_store, "Xi Jinpin")
    assert "did you mean Xi Jinping (xi-jinping)" in str(error.value)


def test_retire_keeps_the_fact_and_changes_verdicts(seeded_store, predicates):
    fact = _blinken_fact(seeded_store)
    text = "US Secretary of State Antony Blinken spoke."
    assert Checker(seeded_store).check(text, date(2022, 5, 1)).verdicts[0][1].verdict == "supported"
    m.edit_fact(seeded_store, fact.id, {"valid_until": None}, predicates)   # reopen, then retire
    retired = m.retire_fact(seeded_store, fact.id, date(2022, 1, 1), predicates)
    assert retired.valid_until == "2022-01-01"
    assert m.get_fact(seeded_store, fact.id).valid_from == "2021-01-26"
    verdict = Checker(seeded_store).check(text, date(2022, 5, 1)).verdicts[0][1]
    assert verdict.verdict == "unknown"  # nobody else held the office in the store then
    with pytest.raises(InputError):
        m.retire_fact(seeded_store, fact.id, date(2022, 1, 1), predicates)


def test_history_records_who_and_what(seeded_store, predicates, monkeypatch):
    monkeypatch.setenv("FACTCHECK_ACTOR", "desk-editor")
    fact = _blinken_fact(seeded_store)
    m.edit_fact(seeded_store, fact.id, {"note": "checked against state.gov"}, predicates)
    m.remove_facts(seeded_store, [fact.id])
    history = m.fact_history(seeded_store, fact.id)
    actions = [event["action"] for event in history]
    assert actions == ["edit", "remove"]
    assert all(event["actor"] == "desk-editor" for event in history)
    assert history[0]["after"]["note"] == "checked against state.gov"
    assert history[1]["before"]["subject"] == "antony-blinken"
    with pytest.raises(InputError):
        m.get_fact(seeded_store, fact.id)


def test_imported_facts_know_their_file_and_hash(seeded_store):
    [first] = m.fact_history(seeded_store, _blinken_fact(seeded_store).id)
    assert first["action"] == "added by file"
    assert first["origin"].endswith("10-core.jsonl") and len(first["sha256"]) == 64


def test_an_edit_is_checked_like_an_import(seeded_store, predicates):
    fact = _blinken_fact(seeded_store)
    with pytest.raises(Exception) as error:
        m.edit_fact(seeded_store, fact.id, {"valid_until": "2019-01-01"}, predicates)
    assert "precedes" in str(error.value)
    assert m.get_fact(seeded_store, fact.id).valid_until == "2025-01-20"


def test_aliases_and_merge(seeded_store, predicates):
    seeded_store.import_records([
        {"kind": "entity", "id": "prc", "name": "Red China", "type": "country"},
        {"kind": "fact", "subject": "prc", "predicate": "member_of", "object": "apec",
         "valid_from": "1991-11-12", "source": "https://www.apec.org/about-us/about-apec/member-economies"},
    ], predicates, origin="test")
    assert m.add_aliases(seeded_store, "china", ["Middle Kingdom"]) == 1
    moved = m.merge_entities(seeded_store, "prc", "china")
    assert moved["facts"] == 1
    shown = m.show_entity(seeded_store, "Red China")
    assert shown["id"] == "china" and "Middle Kingdom" in shown["aliases"]
    assert shown["facts_by_predicate"]["member_of"] == 1


def test_conflicting_sources_are_said_openly(seeded_store, predicates):
    seeded_store.import_records([
        {"kind": "fact", "subject": "ncuscr", "predicate": "headquarters", "object": "washington-dc",
         "source": "https://example.org/a-wrong-directory"},
    ], predicates, origin="test")
    verdict = Checker(seeded_store).check(
        "The New York-headquartered National Committee on United States-China Relations met.",
        date(2023, 10, 25)).verdicts[0][1]
    assert verdict.verdict == "supported"  # one of the facts matches the claim
    verdict = Checker(seeded_store).check(
        "The San Francisco-headquartered National Committee on United States-China Relations met.",
        date(2023, 10, 25)).verdicts[0][1]
    assert verdict.verdict == "unknown" and "conflicting sources" in verdict.explanation
    [wrong] = m.list_facts(seeded_store, subject="ncuscr", source="example.org")
    m.edit_fact(seeded_store, wrong.id, {"rank": "deprecated"}, predicates)
    verdict = Checker(seeded_store).check(
        "The San Francisco-headquartered National Committee on United States-China Relations met.",
        date(2023, 10, 25)).verdicts[0][1]
    assert verdict.verdict == "contradicted"


def test_cli_maintenance_round(tmp_path):
    db = f"sqlite:///{tmp_path / 'm.db'}"
    assert run("entities", "add", "olaf-scholz", "--name", "Olaf Scholz", "--type", "person",
               db=db).exit_code == 0
    assert run("entities", "add", "germany", "--name", "Germany", "--type", "country",
               "--demonym", "German", db=db).exit_code == 0
    assert run("entities", "add", "chancellor-of-germany", "--name", "Chancellor of Germany",
               "--type", "office", "--title", "Chancellor", "--jurisdiction", "germany",
               db=db).exit_code == 0
    added = run("facts", "add", "Olaf Scholz", "holds_office", "chancellor-of-germany",
                "--from", "2021-12-08", "--source", "https://www.bundeskanzler.de/", db=db)
    assert added.exit_code == 0, added.stderr
    listed = json.loads(run("facts", "list", "--subject", "olaf-scholz", "--format", "json", db=db).stdout)
    [fact] = listed
    assert run("facts", "retire", str(fact["id"]), "--on", "2025-05-06", db=db).exit_code == 0
    shown = json.loads(run("facts", "show", str(fact["id"]), "--format", "json", db=db).stdout)
    assert shown["valid_until"] == "2025-05-06" and shown["history"][-1]["action"] == "retire"
    refused = run("facts", "remove", str(fact["id"]), db=db)  # standard input is not a terminal
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert run("facts", "remove", str(fact["id"]), "--yes", db=db).exit_code == 0
    typo = run("facts", "add", "Olaf Schulz", "holds_office", "chancellor-of-germany",
               "--source", "x", db=db)
    assert typo.exit_code == 2 and "did you mean Olaf Scholz" in typo.stderr
    assert "Traceback" not in typo.stderr


# -- corrections that land, ids that never come back ----------------------------------------


def test_a_spreadsheet_round_trip_corrects_the_facts_and_history_shows_the_edits(tmp_path):
    import csv

    from .conftest import FIXTURE_FACTS

    db = f"sqlite:///{tmp_path / 'facts.db'}"
    assert run("facts", "import", *map(str, FIXTURE_FACTS), db=db).exit_code == 0
    assert run("facts", "export", "--format", "csv", "-o", str(tmp_path / "facts.csv"), db=db).exit_code == 0
    with (tmp_path / "facts.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["id"] and all(row["id"].isdigit() for row in rows)
    row = next(r for r in rows if r["predicate"] == "holds_office" and r["valid_until"])
    fact_id = int(row["id"])
    before = {key: row[key] for key in ("valid_until", "note", "source")}
    row.update(valid_until="2099-12-31", note="corrected against the official gazette",
               source="https://gazette.example/2020")
    with (tmp_path / "edited.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    preview = run("facts", "import", str(tmp_path / "edited.csv"), "--dry-run", db=db)
    assert preview.exit_code == 0, preview.stderr
    assert preview.stdout.startswith(f"dry run, nothing stored: {tmp_path / 'edited.csv'}: 0 new facts "
                                     f"({len(rows)} in the file), 1 changed, {len(rows) - 1} unchanged")
    assert f"~ fact #{fact_id} (line " in preview.stdout and "valid_until: " in preview.stdout
    assert run("facts", "show", str(fact_id), "--format", "json", db=db).stdout.count("gazette") == 0

    done = run("facts", "import", str(tmp_path / "edited.csv"), "--reason", "gazette of 2020", db=db)
    assert ", 1 changed, " in done.stdout
    shown = json.loads(run("facts", "show", str(fact_id), "--format", "json", db=db).stdout)
    assert (shown["valid_until"], shown["note"], shown["source"]) == (
        "2099-12-31", "corrected against the official gazette", "https://gazette.example/2020")
    history = run("facts", "history", str(fact_id), db=db).stdout.splitlines()
    assert len(history) == 2 and " added by file " in history[0]
    edit = history[1]
    assert f"import by " in edit and f"from {tmp_path / 'edited.csv'} (gazette of 2020): " in edit
    for key, old in before.items():
        assert f"{key}: {old!r} -> " in edit
    again = run("facts", "import", str(tmp_path / "edited.csv"), db=db)
    assert ", 0 changed, " in again.stdout      # importing the same corrections twice changes nothing


def test_remove_then_add_never_reuses_an_id(store, predicates):
    from .conftest import FIXTURE_FACTS

    store.import_file(FIXTURE_FACTS[0], predicates)
    highest = max(f.id for f in m.list_facts(store, limit=100000))
    m.remove_facts(store, [highest], reason="duplicate")
    result = store.import_records([{"kind": "fact", "subject": "china", "predicate": "population",
                                    "value": 1, "unit": "people", "as_of": "1000",
                                    "source": "https://example.org/"}], predicates, origin="test")
    assert result.added[0]["id"] > highest
    assert m.fact_history(store, highest)[-1]["reason"] == "duplicate"


def test_edits_carry_their_reason_and_add_prints_the_new_id(seeded_sqlite_url, tmp_path):
    import shutil

    path = tmp_path / "copy.db"
    shutil.copy(seeded_sqlite_url.split("///", 1)[1], path)
    db = f"sqlite:///{path}"
    added = run("facts", "add", "china", "population", "--value", "1400000000", "--unit", "people",
                "--as-of", "2030", "--source", "https://example.org/", "--reason", "projection", db=db)
    assert added.exit_code == 0 and added.stdout.startswith("added fact #")
    fact_id = added.stdout.split("#")[1].split()[0]
    assert run("facts", "edit", fact_id, "--note", "UN projection", "--reason", "cite it", db=db).exit_code == 0
    assert run("facts", "retire", fact_id, "--on", "2031-01-01", "--reason", "superseded", db=db).exit_code == 0
    lines = run("facts", "history", fact_id, db=db).stdout.splitlines()
    assert "(projection)" in lines[0]
    assert "(cite it): note: None -> 'UN projection'" in lines[1]
    assert "(superseded): valid_until: None -> '2031-01-01'" in lines[2]
    events = [json.loads(line) for line in run("facts", "history", fact_id, "--format", "json", db=db).stdout.splitlines()]
    assert [e.get("reason") for e in events] == ["projection", "cite it", "superseded"]


def test_replace_source_retires_what_the_source_no_longer_has(tmp_path):
    db = f"sqlite:///{tmp_path / 'facts.db'}"
    source = "https://gov.example/cabinet"
    lines = [{"kind": "entity", "id": "ruritania", "name": "Ruritania", "type": "country"}] + [
        {"kind": "fact", "subject": "ruritania", "predicate": "population", "value": n, "unit": "people",
         "as_of": str(2000 + n), "source": source} for n in (1, 2, 3)]
    (tmp_path / "v1.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    (tmp_path / "v2.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines[:3]), encoding="utf-8")
    assert run("facts", "import", str(tmp_path / "v1.jsonl"), db=db).exit_code == 0
    result = run("facts", "import", str(tmp_path / "v2.jsonl"), "--replace-source", source, db=db)
    assert "2 unchanged, 1 retired" in result.stdout
    facts = json.loads(run("facts", "list", "--format", "json", db=db).stdout)
    assert sorted((f["value"], f.get("rank")) for f in facts) == [(1, None), (2, None), (3, "deprecated")]


def test_db_check_finds_a_planted_alias_clash_and_nothing_in_the_bundled_facts(tmp_path):
    from .conftest import FIXTURE_FACTS

    db = f"sqlite:///{tmp_path / 'facts.db'}"
    assert run("facts", "import", *map(str, FIXTURE_FACTS), db=db).exit_code == 0
    clean = run("db", "check", db=db)
    assert "shared by" not in clean.stdout, clean.stdout     # APEC editions share a name on purpose
    planted = tmp_path / "planted.jsonl"
    planted.write_text(json.dumps({"kind": "entity", "id": "peoples-republic-of-china", "type": "country",
                                   "name": "People's Republic of China", "aliases": ["China", "PRC"]}) + "\n",
                       encoding="utf-8")
    assert run("facts", "import", str(planted), db=db).exit_code == 0
    report = run("db", "check", db=db)
    assert report.exit_code == 0        # a warning, not an error
    assert ("warning: the name 'China' is shared by 2 country entities: china, peoples-republic-of-china "
            "(no claim can tell them apart by it: if they are one, factcheck entities merge SOURCE TARGET)") in report.stdout.splitlines()


def test_entity_history_keeps_aliases_added_and_merges_with_their_reasons(tmp_path):
    from .conftest import FIXTURE_FACTS

    db = f"sqlite:///{tmp_path / 'facts.db'}"
    assert run("facts", "import", str(FIXTURE_FACTS[0]), db=db).exit_code == 0
    assert run("entities", "add", "prc", "--name", "PRC state", "--type", "country",
               "--reason", "from a wire story", db=db).exit_code == 0
    assert run("entities", "alias", "china", "Middle Kingdom", "--reason", "features use it", db=db).exit_code == 0
    assert run("entities", "merge", "prc", "china", "--reason", "the same country", db=db).exit_code == 0
    china = run("entities", "history", "china", db=db).stdout.splitlines()
    assert " add by " in china[0] and f"from {FIXTURE_FACTS[0]}" in china[0]
    assert "alias by " in china[1] and "(features use it)" in china[1] and "'Middle Kingdom'" in china[1]
    assert " merge by " in china[2] and "(prc merged in: the same country)" in china[2] and "'PRC state'" in china[2]
    gone = run("entities", "history", "prc", db=db).stdout.splitlines()
    assert "(from a wire story)" in gone[0]
    assert " merged by " in gone[-1] and gone[-1].endswith("(into china: the same country): gone")
    events = [json.loads(line) for line in run("entities", "history", "prc", "--format", "json", db=db).stdout.splitlines()]
    assert [e["action"] for e in events] == ["add", "merged"] and events[-1]["after"] is None


# -- external ids ---------------------------------------------------------------------------------

def _write_jsonl(path, records) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_external_ids_round_trip_and_land_a_pack_on_an_entity_of_another_name(tmp_path):
    """An entity's ids (ISO, GeoNames, Wikidata) survive export and import; a later file whose
    entity shares none of the stored names lands on the stored entity by a shared id, and a merge
    carries the ids to the entity merged into."""
    from factcheck.store.database import Store
    from factcheck.store.reconcile import reconcile

    db = f"sqlite:///{tmp_path / 'facts.db'}"
    stored = [{"kind": "entity", "id": "zhongguo", "name": "Zhongguo", "type": "country",
               "ids": {"iso3166": "CN", "geonames": "1814991"}},
              {"kind": "entity", "id": "mainland", "name": "Mainland", "type": "region",
               "ids": {"wikidata": "Q19188"}}]
    assert run("facts", "import", _write_jsonl(tmp_path / "stored.jsonl", stored), db=db).exit_code == 0
    shown = json.loads(run("entities", "show", "zhongguo", db=db).stdout)
    assert shown["ids"] == {"geonames": "1814991", "iso3166": "CN"} and shown["aliases"] == []

    exported = tmp_path / "export.jsonl"
    assert run("facts", "export", "--output", str(exported), db=db).exit_code == 0
    records = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert {"kind": "entity", "id": "zhongguo", "name": "Zhongguo", "type": "country",
            "ids": {"geonames": "1814991", "iso3166": "CN"}} in records
    again = run("facts", "import", str(exported), db=db)
    assert again.exit_code == 0 and ", 0 changed" in again.stdout, again.stdout

    store = Store(db)
    try:
        pulled = [{"kind": "entity", "id": "peoples-republic-of-china", "name": "People's Republic of China",
                   "type": "country", "ids": {"iso3166": "CN", "iso3166_alpha3": "CHN"}},
                  {"kind": "fact", "subject": "peoples-republic-of-china", "predicate": "population",
                   "value": 1409670000, "unit": "people", "as_of": "2023", "source": "https://example.org"}]
        landed = reconcile(store, pulled)
        assert landed[0]["id"] == "zhongguo" and landed[1]["subject"] == "zhongguo"
        assert landed[0]["ids"] == {"geonames": "1814991", "iso3166": "CN", "iso3166_alpha3": "CHN"}
        assert "People's Republic of China" in landed[0]["aliases"]
        # a name that is the stored entity's does not outweigh an id that is another's
        other = [{"kind": "entity", "id": "x", "name": "Zhongguo", "type": "country", "ids": {"iso3166": "TW"}}]
        assert reconcile(store, other)[0]["id"] == "zhongguo"     # no entity holds TW: by name
    finally:
        store.close()

    # the same id on a second entity: db check calls them likely duplicates
    twin = [{"kind": "entity", "id": "china-2", "name": "China (2)", "type": "country", "ids": {"iso3166": "CN"}}]
    assert run("facts", "import", _write_jsonl(tmp_path / "twin.jsonl", twin), db=db).exit_code == 0
    assert ("external id iso3166:CN is carried by 2 entities: china-2, zhongguo"
            in run("db", "check", db=db).stdout)
    assert run("entities", "merge", "china-2", "zhongguo", db=db).exit_code == 0
    assert "external id" not in run("db", "check", db=db).stdout

    assert run("entities", "merge", "zhongguo", "mainland", "--force", db=db).exit_code == 0
    merged = json.loads(run("entities", "show", "mainland", db=db).stdout)
    assert merged["ids"] == {"geonames": "1814991", "iso3166": "CN", "wikidata": "Q19188"}
    store = Store(db)
    try:
        assert reconcile(store, [{"kind": "entity", "id": "y", "name": "Somewhere else", "type": "region",
                                  "ids": {"geonames": "1814991"}}])[0]["id"] == "mainland"
    finally:
        store.close()


@pytest.mark.parametrize("ids, problem", [
    ({"isbn": "123"}, "unknown external id scheme 'isbn'"),
    ({"iso3166": "china"}, "'ids' iso3166 must look like [A-Z]{2}, not 'china'"),
    (["Q148"], "'ids' must be an object of external ids"),
])
def test_a_malformed_external_id_is_a_one_line_error_naming_the_field(tmp_path, ids, problem):
    from .test_cli import error_lines

    path = _write_jsonl(tmp_path / "bad.jsonl", [{"kind": "entity", "id": "c", "name": "C", "type": "country",
                                                  "ids": ids}])
    result = run("facts", "import", path, db=f"sqlite:///{tmp_path / 'facts.db'}")
    assert result.exit_code == 2
    [line] = error_lines(result)
    assert problem in line and line.endswith("bad.jsonl, line 1, field 'ids')")
