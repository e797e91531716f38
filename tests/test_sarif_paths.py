"""SARIF from the command line: file URIs relative to %SRCROOT%, levels from options and config,
rule documentation pages as helpUri."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, FormatChecker

from factcheck.report.formats import SRCROOT, sarif

from .test_cli import run
from .test_lint import ARTICLE, DATE

SCHEMAS = Path(__file__).parent / "schemas"
UNKNOWN = "The German Chancellor Joe Biden spoke.\n"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return Draft4Validator(schema, format_checker=FormatChecker())


def sarif_run(db: str, *args: str) -> dict:
    result = run("verify", *args, "--date", DATE, "--format", "sarif", db=db)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_paths_in_the_current_folder_are_relative_to_srcroot(seeded_sqlite_url, tmp_path, sarif_validator):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a b.txt").write_text(ARTICLE, encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    try:
        log = sarif_run(seeded_sqlite_url, "news/a b.txt", str(tmp_path / "news" / "a b.txt"), str(outside))
    finally:
        outside.unlink()
    assert list(sarif_validator.iter_errors(log)) == []
    run_ = log["runs"][0]
    assert run_["originalUriBaseIds"] == {SRCROOT: {"uri": tmp_path.resolve().as_uri() + "/"}}
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run_["results"]]
    assert locations == [{"uri": "news/a%20b.txt", "uriBaseId": SRCROOT}] * 2 + [{"uri": outside.as_uri()}]


def test_a_url_source_stays_a_url():
    report = {"documents": [{"source": "https://example.org/a", "claims": [
        {"id": "c1", "text": "x", "start": 0, "end": 1, "line": 1, "column": 1, "rule": "r.x",
         "verdict": "contradicted", "explanation": "e", "predicate": "p"}]}]}
    [result] = sarif(report, base=Path.cwd())["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "https://example.org/a"}


@pytest.mark.parametrize("args, config, levels", [
    ([], None, ["error"]),
    (["--level", "unknown=note"], None, ["error", "note"]),
    ([], '[levels]\nunknown = "warning"', ["error", "warning"]),
    (["--level", "contradicted=none", "--level", "unknown=note"], None, ["note"]),
    (["--level", "supported=none"], None, ["none", "error"]),
])
def test_sarif_levels_from_options_and_config(seeded_sqlite_url, tmp_path, sarif_validator, args, config, levels):
    (tmp_path / "a.txt").write_text(ARTICLE + UNKNOWN, encoding="utf-8")
    if config:
        (tmp_path / "factcheck.toml").write_text(config + "\n", encoding="utf-8")
    log = sarif_run(seeded_sqlite_url, "a.txt", *args)
    assert list(sarif_validator.iter_errors(log)) == []
    assert [r["level"] for r in log["runs"][0]["results"]] == levels


def test_sarif_refuses_a_supported_finding(seeded_sqlite_url, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("verify", "a.txt", "--format", "sarif", "--level", "supported=note", db=seeded_sqlite_url)
    assert result.exit_code == 2 and "passing results" in result.stderr


def test_help_uri_is_the_rule_documentation(seeded_sqlite_url, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    log = sarif_run(seeded_sqlite_url, "a.txt")
    [rule] = log["runs"][0]["tool"]["driver"]["rules"]
    assert "helpUri" not in rule
    (tmp_path / "factcheck.toml").write_text('rule_docs_url = "https://desk.example/rules/{rule}.html"\n')
    log = sarif_run(seeded_sqlite_url, "a.txt")
    [rule] = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["helpUri"] == "https://desk.example/rules/office.appositive.html"
    assert rule["properties"]["source"] != rule["helpUri"]


def test_rule_pages_are_where_help_uri_points(seeded_sqlite_url, tmp_path, sarif_validator):
    from urllib.parse import urlparse
    from urllib.request import url2pathname

    result = run("rules", "docs", "docs/rules")
    assert result.exit_code == 0, result.stderr
    pages = sorted(p.name for p in (tmp_path / "docs" / "rules").glob("*.md"))
    assert "index.md" in pages and "office.appositive.md" in pages and len(pages) > 50
    page = (tmp_path / "docs" / "rules" / "office.appositive.md").read_text(encoding="utf-8")
    assert page.startswith("# `office.appositive`\n")
    assert "## Examples" in page and "- Chinese President Xi Jinping said" in page
    assert "## Counterexamples" in page or "## Source" in page
    index = (tmp_path / "docs" / "rules" / "index.md").read_text(encoding="utf-8")
    assert "- [`office.appositive`](office.appositive.md): " in index

    base = (tmp_path / "docs" / "rules").as_uri()
    (tmp_path / "factcheck.toml").write_text(f'rule_docs_url = "{base}/{{rule}}.md"\n')
    (tmp_path / "a.txt").write_text(ARTICLE + UNKNOWN, encoding="utf-8")
    log = sarif_run(seeded_sqlite_url, "a.txt", "--level", "unknown=note")
    assert list(sarif_validator.iter_errors(log)) == []
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) == 2
    for rule in rules:
        target = Path(url2pathname(urlparse(rule["helpUri"]).path))
        assert target.is_file() and target.read_text(encoding="utf-8").startswith(f"# `{rule['id']}`")


def test_rule_page_escapes_markup():
    from types import SimpleNamespace

    from factcheck.report.ruledocs import rule_page

    rule = SimpleNamespace(id="x.y", description="A *bold* [link](u) <b>", pattern="{a} b",
                           assertions=(), examples=(SimpleNamespace(text="One\n`two`"),),
                           counterexamples=(), source="a book")
    page = rule_page(rule, {})
    assert "A \\*bold\\* \\[link\\](u) \\<b\\>" in page
    assert "- One \\`two\\`" in page
    assert "Written from: a book" in page


PAGE = """<!DOCTYPE html>
<html><head><title>Curbs</title><meta name="date" content="2023-10-25"></head>
<body><article>
<h1>Curbs on metals</h1>
<p>Meanwhile, in tit-for-tat restrictions, <b>China</b> has been blocking global shipments of two key
chipmaking metals &mdash; gallium and germanium &mdash; since September.</p>
<p>Chinese President <a href="https://example.org/xi">Xi Jinping</a> said on Wednesday that China is
willing to cooperate.</p>
</article></body></html>
"""


def _visible(html_text: str) -> str:
    import html
    import re

    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", html_text)).split())


def test_results_for_an_html_page_point_at_the_claims_words_in_the_page(seeded_sqlite_url, tmp_path,
                                                                       sarif_validator):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    log = sarif_run(seeded_sqlite_url, "page.html", "--level", "unknown=note", "--level", "supported=none")
    assert list(sarif_validator.iter_errors(log)) == []
    results = log["runs"][0]["results"]
    assert len(results) >= 2
    report = json.loads(run("verify", "page.html", "--date", DATE, "--format", "json", db=seeded_sqlite_url).stdout)
    claims = {c["id"]: c for c in report["documents"][0]["claims"]}
    lines = PAGE.splitlines(keepends=True)
    for result in results:
        region = result["locations"][0]["physicalLocation"]["region"]
        words = PAGE[region["charOffset"]:region["charOffset"] + region["charLength"]]
        assert words == region["snippet"]["text"]
        assert _visible(words) == " ".join(claims[result["properties"]["claimId"]]["text"].split())
        start = sum(len(line) for line in lines[:region["startLine"] - 1]) + region["startColumn"] - 1
        assert start == region["charOffset"]
    blocking = next(r for r in results if r["ruleId"].startswith("trade."))
    region = blocking["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 5 and PAGE.splitlines()[4][region["startColumn"] - 1:].startswith("China</b>")
    assert "&mdash;" in region["snippet"]["text"] and region["endLine"] == 6
