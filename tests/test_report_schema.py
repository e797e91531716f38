"""The JSON Schema shipped for ``verify --format json``: real reports validate, broken ones do not."""

from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from factcheck.report.build import report_schema

from .conftest import ROOT, SEED
from .test_cli import run

DATA = ROOT / "tests" / "data"


@pytest.fixture(autouse=True)
def _no_project_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def validator():
    schema = report_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


@pytest.fixture(scope="module")
def seed_report(seeded_sqlite_url):
    result = run("verify", str(SEED), "--date", "2023-10-25", "--format", "json", db=seeded_sqlite_url)
    assert result.exit_code == 1, result.stderr
    return json.loads(result.stdout)


def errors(validator, instance) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


def test_the_seed_report_validates(validator, seed_report):
    assert seed_report["documents"][0]["claims"]
    assert errors(validator, seed_report) == []


def test_real_articles_and_pages_validate(validator, seeded_sqlite_url):
    """Articles of the development set (datelines, today, hedged numbers, rankings, references)
    and an HTML page (metadata dates), with no --date."""
    result = run("verify", str(DATA / "devset" / "real"), str(DATA / "pages"), "--format", "json",
                 db=seeded_sqlite_url)
    assert result.exit_code in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert len(report["documents"]) > 10
    assert {d["published_from"] for d in report["documents"]} >= {"today", "dateline", "metadata"}
    values = {tuple(sorted(c["value"])) for d in report["documents"] for c in d["claims"] if c["value"]}
    assert len(values) >= 3   # quantities, date ranges and rankings all met
    assert errors(validator, report) == []


def test_each_jsonl_line_is_a_document(validator, seeded_sqlite_url):
    result = run("verify", str(SEED), str(DATA / "pages" / "seed.html"), "--date", "2023-10-25",
                 "--format", "jsonl", db=seeded_sqlite_url)
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    document_validator = validator.evolve(schema={"$ref": "#/$defs/document", **{
        k: v for k, v in validator.schema.items() if k in ("$schema", "$defs")}})
    for line in lines:
        assert errors(document_validator, json.loads(line)) == []


def test_a_run_with_no_documents_validates(validator, seeded_sqlite_url, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00not text")
    result = run("verify", str(tmp_path / "bad.txt"), "--format", "json", db=seeded_sqlite_url)
    assert result.exit_code == 2
    assert errors(validator, json.loads(result.stdout)) == []


CLAIM_FIELDS = ["id", "text", "start", "end", "line", "column", "sentence", "subject", "predicate",
                "object", "value", "time", "rule", "verdict", "explanation", "evidence"]


@pytest.mark.parametrize("where, field", [
    *((("documents", 0, "claims", 0), name) for name in CLAIM_FIELDS),
    *((("documents", 0), name) for name in ("source", "published", "published_from", "claims", "summary")),
    ((), "factcheck_version"),
    ((), "documents"),
    (("summary",), "contradicted"),
    (("documents", 0, "claims", 0, "subject"), "name"),
])
def test_a_missing_required_field_fails(validator, seed_report, where, field):
    broken = copy.deepcopy(seed_report)
    target = broken
    for key in where:
        target = target[key]
    del target[field]
    assert errors(validator, broken), f"{where} without {field} passed"


def _evidence_claim(report):
    return next(c for c in report["documents"][0]["claims"] if c["evidence"])


@pytest.mark.parametrize("change", [
    lambda r: r["documents"][0]["claims"][0].update(verdict="maybe"),
    lambda r: r["documents"][0]["claims"][0].update(line=0),
    lambda r: r["documents"][0]["claims"][0].update(start="431"),
    lambda r: r["documents"][0]["claims"][0].update(time={"from": "2023-10-25"}),
    lambda r: r["documents"][0].update(published="25 October 2023"),
    lambda r: r["documents"][0].update(published="2023-02-30"),
    lambda r: r["documents"][0].update(published_from="guess"),
    lambda r: r["summary"].update(maybe=1),
    lambda r: r["documents"][0]["claims"][0].update(value={"unit": "people"}),
    lambda r: _evidence_claim(r)["evidence"][0].pop("source"),
    lambda r: _evidence_claim(r)["evidence"][0].update(valid_from="March 2013"),
], ids=["verdict", "line-0", "offset-string", "time-half", "date-words", "date-impossible",
        "published-from", "summary-key", "value-shape", "evidence-source", "evidence-date"])
def test_wrong_values_fail(validator, seed_report, change):
    broken = copy.deepcopy(seed_report)
    change(broken)
    assert errors(validator, broken)


def test_the_schema_command_prints_the_shipped_schema():
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == report_schema()
