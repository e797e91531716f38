"""ClaimReview and SARIF views of a real report: the seed article checked against the bundled facts.

The SARIF log is validated against the official OASIS SARIF 2.1.0 schema (errata 01), kept in
tests/schemas/ so no test needs the network; the ClaimReview objects against a schema written
from Google's fact check markup documentation (its description says what it checks).
"""

from __future__ import annotations

import copy
import re
import json
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, Draft202012Validator, FormatChecker

from factcheck.api import Checker
from factcheck.errors import InputError
from factcheck.report.formats import FINGERPRINT_KEY, claimreview, rule_metadata, sarif
from factcheck.report.build import report_json
from factcheck.rules.loader import load_rules
from factcheck.store.database import Store

from .conftest import ROOT, SEED

SCHEMAS = Path(__file__).parent / "schemas"
PUBLISHED = date(2023, 10, 25)
SOURCE = SEED.relative_to(ROOT).as_posix()   # as the CLI names it when run from the checkout
SEED_TEXT = SEED.read_text(encoding="utf-8").replace("\r\n", "\n")
GALLIUM_SENTENCE = "China has been blocking global shipments"


def _report(url: str, text: str = SEED_TEXT) -> dict:
    store = Store(url)
    try:
        return report_json([Checker(store).check(text, PUBLISHED, source=SOURCE)])
    finally:
        store.close()


@pytest.fixture(scope="module")
def report(seeded_sqlite_url):
    return _report(seeded_sqlite_url)


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=FormatChecker())


@pytest.fixture(scope="module")
def claimreview_validator():
    schema = json.loads((SCHEMAS / "claimreview.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _errors(validator, document) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(document)]


def _claims(report: dict, verdict: str) -> list[dict]:
    return [c for d in report["documents"] for c in d["claims"] if c["verdict"] == verdict]


# ClaimReview

def test_claimreview_is_valid(report, claimreview_validator):
    reviews = claimreview(report, author_name="Desk", author_url="https://example.org/",
                          url="https://example.org/checks/seed")
    assert reviews
    assert _errors(claimreview_validator, reviews) == []
    for review in reviews:
        rating = review["reviewRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]


def test_claimreview_reviews_judged_claims_only(report):
    reviews = claimreview(report)
    summary = report["summary"]
    assert summary["unknown"] >= 1, "the seed should have an unknown claim for this test to mean much"
    assert len(reviews) == summary["supported"] + summary["contradicted"]
    ratings = [(r["reviewRating"]["alternateName"], r["reviewRating"]["ratingValue"]) for r in reviews]
    assert ratings.count(("Contradicted", 1)) == summary["contradicted"]
    assert ratings.count(("Supported", 5)) == summary["supported"]
    unknown_texts = {c["explanation"] for c in _claims(report, "unknown")}
    assert not unknown_texts & {r["reviewRating"]["ratingExplanation"] for r in reviews}


def test_claimreview_fields(report):
    reviews = claimreview(report)
    contradicted = [r for r in reviews if r["reviewRating"]["alternateName"] == "Contradicted"]
    # One span asserts two restrictions; each review names the one it judged.
    assert sorted(r["claimReviewed"].rsplit(" [", 1)[1] for r in contradicted) == [
        "gallium]", "germanium]"]
    assert all(GALLIUM_SENTENCE in r["claimReviewed"] for r in contradicted)
    assert all("\xa0" not in r["claimReviewed"] for r in reviews)
    gallium = next(r for r in contradicted if "gallium]" in r["claimReviewed"])
    assert "not since 2023-09" in gallium["reviewRating"]["ratingExplanation"]
    assert gallium["datePublished"] == "2023-10-25"
    assert gallium["author"] == {"@type": "Organization", "name": "factcheck"}
    # a local file is no place a reader can see the claim: no appearance, no author guessed
    assert gallium["itemReviewed"] == {"@type": "Claim", "datePublished": "2023-10-25"}
    assert "url" not in gallium
    # the claim as the article makes it: its whole sentence
    sentences = {" ".join(c["sentence"].split()) for c in _claims(report, "contradicted")}
    assert {r["claimReviewed"].rsplit(" [", 1)[0] for r in contradicted} <= sentences


def test_claimreview_url_and_review_date(report):
    reviews = claimreview(report, url="https://example.org/checks/seed", reviewed=date(2023, 11, 2))
    ids = [c["id"] for c in report["documents"][0]["claims"] if c["verdict"] != "unknown"]
    assert [r["url"] for r in reviews] == [f"https://example.org/checks/seed#{i}" for i in ids]
    assert {r["datePublished"] for r in reviews} == {"2023-11-02"}
    assert {r["itemReviewed"]["datePublished"] for r in reviews} == {"2023-10-25"}


def test_claimreview_of_a_url_source_links_it(report):
    online = copy.deepcopy(report)
    online["documents"][0]["source"] = "https://news.example.com/xi-letter"
    review = claimreview(online)[0]
    assert review["itemReviewed"]["appearance"] == [
        {"@type": "CreativeWork", "url": "https://news.example.com/xi-letter"}]
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "news.example.com",
                                                "url": "https://news.example.com/"}
    named = claimreview(online, claim_author="Example News")[0]
    assert named["itemReviewed"]["author"] == {"@type": "Organization", "name": "Example News"}


def test_claimreview_has_every_property_google_requires_and_recommends(report, claimreview_validator):
    """Google's fact check markup: ClaimReview requires claimReviewed, reviewRating (with
    alternateName) and url, and recommends author, datePublished and itemReviewed; the Claim
    recommends appearance, author and datePublished; the Rating recommends bestRating,
    worstRating and ratingValue."""
    online = copy.deepcopy(report)
    online["documents"][0]["source"] = "https://news.example.com/2023/xi-letter.html"
    reviews = claimreview(online, url="https://desk.example/checks/{doc}#{claim}", author_name="The Desk",
                          author_url="https://desk.example/", publisher={"name": "Desk Media"},
                          claim_author="Example News")
    assert reviews and _errors(claimreview_validator, reviews) == []
    for review in reviews:
        for key in ("claimReviewed", "reviewRating", "url", "author", "datePublished", "itemReviewed"):
            assert review[key], key
        assert review["reviewRating"]["alternateName"] in ("Supported", "Contradicted")
        for key in ("bestRating", "worstRating", "ratingValue"):
            assert key in review["reviewRating"]
        for key in ("appearance", "author", "datePublished"):
            assert review["itemReviewed"][key], key
        assert review["url"].startswith("https://desk.example/checks/xi-letter#c")
        assert review["publisher"] == {"@type": "Organization", "name": "Desk Media"}


def test_review_url_templates_are_checked():
    from factcheck.errors import InputError
    from factcheck.report.formats import check_review_url

    assert check_review_url("https://desk.example/{doc}/{n}#{claim}")
    for bad, needle in (("https://desk.example/{article}", "unknown placeholder {article}"),
                        ("desk.example/{doc}", "not an absolute URL"), ("https://x/{doc", "--review-url")):
        with pytest.raises(InputError, match=re.escape(needle)):
            check_review_url(bad)


def test_one_json_ld_document_per_article(report):
    from factcheck.report.formats import claimreview_documents

    two = copy.deepcopy(report)
    second = copy.deepcopy(report["documents"][0])
    second["source"] = "https://news.example.com/other"
    two["documents"].append(second)
    documents = claimreview_documents(two, url="https://desk.example/checks/{doc}")
    assert len(documents) == 2
    first, other = documents
    assert first["@context"] == "https://schema.org" and other["@context"] == "https://schema.org"
    assert len(first["@graph"]) == len(other["@graph"]) == len(claimreview(report))
    assert all("@context" not in review for review in first["@graph"] + other["@graph"])
    assert all(r["url"].startswith("https://desk.example/checks/other#d2-") for r in other["@graph"])
    assert all("appearance" in r["itemReviewed"] for r in other["@graph"])


def _drop(path):
    def change(review):
        *parents, last = path
        for key in parents:
            review = review[key]
        del review[last]
    return change


def _set(path, value):
    def change(review):
        *parents, last = path
        for key in parents:
            review = review[key]
        review[last] = value
    return change


@pytest.mark.parametrize("change", [
    _drop(["reviewRating"]),
    _drop(["reviewRating", "alternateName"]),
    _drop(["claimReviewed"]),
    _drop(["itemReviewed", "datePublished"]),
    _set(["@type"], "Review"),
    _set(["@context"], "https://example.org"),
    _set(["itemReviewed", "@type"], "CreativeWork"),
    _set(["reviewRating", "@type"], "AggregateRating"),
    _set(["author"], {"@type": "Organization"}),
    _set(["author", "@type"], "Thing"),
    _set(["url"], "checks/seed"),
    _set(["datePublished"], "25 October 2023"),
], ids=[
    "no-reviewRating", "no-alternateName", "no-claimReviewed", "no-claim-date", "not-ClaimReview",
    "foreign-context", "item-not-Claim", "rating-not-Rating", "author-without-name",
    "author-not-agent", "relative-url", "date-not-iso",
])
def test_claimreview_schema_rejects_broken_reviews(report, claimreview_validator, change):
    review = claimreview(report, url="https://example.org/checks/seed")[0]
    assert _errors(claimreview_validator, review) == []
    change(review)
    assert _errors(claimreview_validator, review)


def test_claimreview_schema_checks_the_default_rating_scale(report, claimreview_validator):
    review = claimreview(report)[0]
    rating = review["reviewRating"]
    del rating["bestRating"], rating["worstRating"]
    assert _errors(claimreview_validator, review) == []
    rating["ratingValue"] = 7
    assert _errors(claimreview_validator, review)
    rating["ratingValue"] = 0
    assert _errors(claimreview_validator, review)


# SARIF

def test_sarif_is_valid(report, sarif_validator):
    rules = rule_metadata(load_rules())
    for log in (sarif(report), sarif(report, rules=rules, texts={SOURCE: SEED_TEXT},
                                     levels={"contradicted": "error", "unknown": "note"},
                                     information_uri="https://example.org/factcheck")):
        assert _errors(sarif_validator, log) == []
        assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
        assert log["version"] == "2.1.0"
        driver = log["runs"][0]["tool"]["driver"]
        assert (driver["name"], driver["version"]) == ("factcheck", report["factcheck_version"])


def test_sarif_reports_the_gallium_claim_where_it_is(report):
    log = sarif(report, rules=rule_metadata(load_rules()), texts={SOURCE: SEED_TEXT})
    results = log["runs"][0]["results"]
    assert len(results) == report["summary"]["contradicted"] == 2
    line_number, line = next((n, text) for n, text in enumerate(SEED_TEXT.split("\n"), start=1)
                             if GALLIUM_SENTENCE in text)
    column = line.index(GALLIUM_SENTENCE) + 1
    assert (line_number, column) == (15, 41)
    for result in results:
        assert result["ruleId"] == "trade.blocking-since"
        assert result["level"] == "error"
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == SOURCE
        region = location["region"]
        claim_text = region["snippet"]["text"]
        assert claim_text.startswith(GALLIUM_SENTENCE) and claim_text.endswith("since September")
        assert SEED_TEXT[region["charOffset"]:region["charOffset"] + region["charLength"]] == claim_text
        assert (region["startLine"], region["startColumn"]) == (15, 41)
        assert (region["endLine"], region["endColumn"]) == (15, 41 + len(claim_text))
        assert line[region["startColumn"] - 1:region["endColumn"] - 1] == claim_text
    messages = sorted(r["message"]["text"] for r in results)
    assert messages[0].startswith("China has restricted exports of gallium since 2023-08-01")
    assert messages[1].startswith("China has restricted exports of germanium since 2023-08-01")
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["trade.blocking-since"]
    assert rules[0]["shortDescription"]["text"].startswith("A country has been blocking")
    assert "helpUri" not in rules[0]   # the rule's source is a news story, not its documentation
    assert rules[0]["properties"]["source"].startswith("https://")
    assert "Examples:\n- " in rules[0]["help"]["text"]
    assert {r["ruleIndex"] for r in results} == {0}


def test_sarif_regions_without_the_text_match_regions_with_it(report):
    levels = {"contradicted": "error", "unknown": "note"}
    with_text = sarif(report, levels=levels, texts={SOURCE: SEED_TEXT})
    without = sarif(report, levels=levels)
    assert with_text == without


def test_sarif_rejects_a_text_that_is_not_the_report_s(report):
    with pytest.raises(InputError, match="does not hold claim"):
        sarif(report, texts={SOURCE: "Some other article.\n" + SEED_TEXT})


def test_sarif_levels(report):
    log = sarif(report, levels={"contradicted": "warning", "unknown": "note"})
    results = log["runs"][0]["results"]
    assert sorted(r["level"] for r in results) == ["note", "warning", "warning"]
    note = next(r for r in results if r["level"] == "note")
    assert note["ruleId"] == "ranking.top-economies"
    assert note["properties"]["verdict"] == "unknown"
    assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == [
        "ranking.top-economies", "trade.blocking-since"]
    passing = sarif(report, levels={"supported": "none"})["runs"][0]["results"]
    assert len(passing) == report["summary"]["supported"]
    assert {(r["kind"], r["level"]) for r in passing} == {("pass", "none")}


@pytest.mark.parametrize("levels", [{"contradicted": "fatal"}, {"refuted": "error"},
                                    {"supported": "error"}], ids=["level", "verdict", "pass-level"])
def test_sarif_refuses_bad_levels(report, levels):
    with pytest.raises(InputError):
        sarif(report, levels=levels)


def test_sarif_fingerprints_follow_the_claim_not_the_line(seeded_sqlite_url, report):
    def fingerprints(rep):
        results = sarif(rep)["runs"][0]["results"]
        return ([r["partialFingerprints"][FINGERPRINT_KEY] for r in results],
                [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results])

    prints, lines = fingerprints(report)
    assert len(set(prints)) == 2, "gallium and germanium are two findings, not one"
    moved = _report(seeded_sqlite_url, "Editor's note: updated.\n\n" + SEED_TEXT)
    moved_prints, moved_lines = fingerprints(moved)
    assert moved_prints == prints
    assert moved_lines == [line + 2 for line in lines]


def _drop_result_message(log):
    del log["runs"][0]["results"][0]["message"]


def _zero_start_line(log):
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0


def _bad_level(log):
    log["runs"][0]["results"][0]["level"] = "fatal"


def _no_driver_name(log):
    del log["runs"][0]["tool"]["driver"]["name"]


def _wrong_version(log):
    log["version"] = "2.0.0"


@pytest.mark.parametrize("change", [_drop_result_message, _zero_start_line, _bad_level,
                                    _no_driver_name, _wrong_version],
                         ids=["no-message", "line-0", "bad-level", "no-tool-name", "version"])
def test_sarif_schema_rejects_broken_logs(report, sarif_validator, change):
    log = sarif(report)
    change(log)
    assert _errors(sarif_validator, log)


# Both

def test_output_is_deterministic(seeded_sqlite_url):
    def render() -> tuple[str, str]:
        rep = _report(seeded_sqlite_url)
        return (json.dumps(claimreview(rep), ensure_ascii=False, indent=2),
                json.dumps(sarif(rep, rules=rule_metadata(load_rules()), texts={SOURCE: SEED_TEXT},
                                 levels={"contradicted": "error", "unknown": "note"}),
                           ensure_ascii=False, indent=2))

    assert render() == render()


def test_a_report_without_verdicts_gives_nothing_to_review(report):
    claims_only = copy.deepcopy(report)
    for document in claims_only["documents"]:
        for claim in document["claims"]:
            for key in ("verdict", "explanation", "evidence"):
                claim.pop(key)
    assert claimreview(claims_only) == []
    assert sarif(claims_only)["runs"][0]["results"] == []
