"""The seed article end to end: its claims and verdicts, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date

import pytest

from factcheck.api import Checker
from factcheck.report.build import dumps, report_json

from .conftest import SEED

TEXT = SEED.read_text(encoding="utf-8")
# Opinion, aims, speculation and quoted words: nothing in these passages may be judged.
OPINION_PASSAGES = (
    TEXT[TEXT.index("Washington’s top priority"):TEXT.index("does not veer into conflict.")],
    TEXT[TEXT.index("Whether or not the United States"):TEXT.index("as saying.") + 10],
    TEXT[TEXT.index("“Chinese observers believe"):TEXT.index("show its sincerity,”") + 20],
)


def _check(store, day: str) -> dict:
    checker = Checker(store)
    checked = checker.check(TEXT, date.fromisoformat(day), source="seed.txt")
    return report_json([checked])["documents"][0]


def _find(document: dict, predicate: str, subject: str | None = None, obj: str | None = None,
          text: str | None = None) -> list[dict]:
    found = []
    for claim in document["claims"]:
        if claim["predicate"] != predicate:
            continue
        if subject and (claim["subject"] or {}).get("id") != subject:
            continue
        if obj and (claim["object"] or {}).get("id") != obj:
            continue
        if text and text not in claim["text"]:
            continue
        found.append(claim)
    assert found, f"no {predicate} claim for {subject} {obj} {text}"
    return found


EXPECTED_2023_10_25 = [
    ("1 Xi President", "holds_office", "xi-jinping", "president-of-china", None, "supported"),
    ("2 Wang Yi Foreign Minister", "holds_office", "wang-yi", "foreign-minister-of-china", None, "supported"),
    ("3 Blinken Secretary of State", "holds_office", "antony-blinken", "secretary-of-state-of-the-united-states", None, "supported"),
    ("4 Biden President", "holds_office", "joe-biden", "president-of-the-united-states", None, "supported"),
    ("5 NCUSCR in New York", "headquarters", "ncuscr", "new-york-city", None, "supported"),
    ("7 APEC in San Francisco", "event_location", "apec-2023", "san-francisco", None, "supported"),
    ("7 APEC this November", "start_date", "apec-2023", None, None, "supported"),
    ("8 gallium since September", "restricts_export", "china", "gallium", None, "contradicted"),
    ("8 germanium since September", "restricts_export", "china", "germanium", None, "contradicted"),
    ("9 US chip curbs last week", "announced_export_restriction", "united-states", "semiconductors", None, "supported"),
    ("10 Beijing graphite last week", "announced_export_restriction", "china", "graphite", None, "supported"),
    ("11 Wang's trip", "visited", "wang-yi", "united-states", "Wang’s trip", "supported"),
    ("12 Global Times state-controlled", "controlled_by", "global-times", "china", None, "supported"),
    ("13 Blinken in Beijing this summer", "visited", "antony-blinken", "beijing", None, "supported"),
]


@pytest.fixture
def seed_2023(seeded_store):
    return _check(seeded_store, "2023-10-25")


@pytest.mark.parametrize("label,predicate,subject,obj,text,verdict", EXPECTED_2023_10_25,
                         ids=[row[0] for row in EXPECTED_2023_10_25])
def test_seed_claims_on_publication_date(seed_2023, label, predicate, subject, obj, text, verdict):
    for claim in _find(seed_2023, predicate, subject, obj, text):
        assert claim["verdict"] == verdict, claim["explanation"]
        assert claim["explanation"]
        if verdict != "unknown":
            assert claim["evidence"] and all(e["source"] for e in claim["evidence"])


def test_seed_ranking_of_the_two_biggest_economies(seed_2023):
    rankings = [c for c in seed_2023["claims"] if c["rule"] == "ranking.top-economies"]
    judged = [c for c in rankings if c["verdict"] != "unknown"]
    assert len(judged) == 2, "said of the US and China twice outside opinion sentences"
    for claim in judged:
        assert claim["verdict"] == "supported", claim["explanation"]
        assert sorted(claim["value"]["members"]) == ["china", "united-states"]
        assert claim["value"]["rank_from"] == 1 and claim["value"]["rank_until"] == 2


def test_claim_eight_names_the_real_start(seed_2023):
    for claim in _find(seed_2023, "restricts_export", "china"):
        assert "2023-08-01" in claim["explanation"]


def test_no_verdict_on_opinion_or_prediction_sentences(seed_2023):
    checked = 0
    for claim in seed_2023["claims"]:
        for passage in OPINION_PASSAGES:
            start = TEXT.index(passage)
            if start <= claim["start"] and claim["end"] <= start + len(passage):
                assert claim["verdict"] == "unknown", claim
                checked += 1
    assert checked >= 1, "the ranking phrase in Washington's aims must be found and left unjudged"


def test_claim_text_is_the_document_slice(seed_2023):
    lines = TEXT.split("\n")
    for claim in seed_2023["claims"]:
        assert TEXT[claim["start"]:claim["end"]] == claim["text"]
        line = lines[claim["line"] - 1]
        assert line[claim["column"] - 1:].startswith(claim["text"].split("\n")[0])


def test_earlier_date_flips_only_the_foreign_minister(seeded_store):
    document = _check(seeded_store, "2023-03-01")
    verdicts = {c["subject"]["id"]: c["verdict"] for c in document["claims"]
                if c["predicate"] == "holds_office"}
    assert verdicts == {"xi-jinping": "supported", "wang-yi": "contradicted",
                        "antony-blinken": "supported", "joe-biden": "supported"}
    wang = _find(document, "holds_office", "wang-yi")[0]
    assert "Qin Gang" in wang["explanation"]


def test_later_date_flips_blinken_and_biden(seeded_store):
    document = _check(seeded_store, "2026-11-28")
    verdicts = {c["subject"]["id"]: c["verdict"] for c in document["claims"]
                if c["predicate"] == "holds_office"}
    assert verdicts["xi-jinping"] == "supported"
    assert verdicts["antony-blinken"] == "contradicted"
    assert verdicts["joe-biden"] == "contradicted"
    assert "Marco Rubio" in _find(document, "holds_office", "antony-blinken")[0]["explanation"]
    assert "Donald Trump" in _find(document, "holds_office", "joe-biden")[0]["explanation"]


def test_json_is_byte_identical_between_runs(seeded_store):
    first = dumps(report_json([Checker(seeded_store).check(TEXT, date(2023, 10, 25), source="s")]))
    second = dumps(report_json([Checker(seeded_store).check(TEXT, date(2023, 10, 25), source="s")]))
    assert first == second
    json.loads(first)


def test_the_same_sentence_twice_gives_its_claims_twice(seeded_store):
    checker = Checker(seeded_store)
    once = checker.extract(TEXT, date(2023, 10, 25)).claims
    twice = checker.extract(TEXT + "\n\n" + TEXT, date(2023, 10, 25)).claims
    assert len(twice) == 2 * len(once)


def test_a_long_text_is_read_in_sections_and_every_claim_points_at_its_words(seeded_sqlite_url):
    from factcheck.store.database import Store
    from factcheck.text.lexicon import normalize
    from factcheck.text.sentences import SECTION_SIZE, sections, split_sentences

    copies = SECTION_SIZE // len(TEXT) + 2
    text = "\n\n".join([TEXT] * copies)
    assert len(sections(text)) > 1
    checker = Checker(Store(seeded_sqlite_url))
    document = checker.extract(text, date(2023, 11, 16))
    single = checker.extract(TEXT, date(2023, 11, 16))
    assert len(document.claims) >= (copies - 1) * len(single.claims)
    assert document.sentences == split_sentences(normalize(text))
    assert [c.id for c in document.claims] == [f"c{n}" for n in range(1, len(document.claims) + 1)]
    line_starts = [0] + [k + 1 for k, char in enumerate(text) if char == "\n"]
    for claim in document.claims:
        assert text[claim.start:claim.end] == claim.text
        assert text[claim.sentence_start:].startswith(claim.sentence)
        assert line_starts[claim.line - 1] + claim.column - 1 == claim.start
        if claim.subject_via:
            start = claim.subject_via["start"]
            assert text[start:start + len(claim.subject_via["refers_to"])] == claim.subject_via["refers_to"]
    again = checker.extract(text, date(2023, 11, 16))
    assert [c.to_json() for c in again.claims] == [c.to_json() for c in document.claims]
