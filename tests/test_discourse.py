"""What a sentence takes from the sentences around it: a subject shared by coordinated clauses,
and the time of a story told in the past."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.api import Checker
from factcheck.rules.loader import load_rules
from factcheck.store.database import Store

FACTS = """\
{"kind": "entity", "id": "malaysia", "name": "Malaysia", "type": "country", "aliases": []}
{"kind": "entity", "id": "thailand", "name": "Thailand", "type": "country", "aliases": []}
{"kind": "entity", "id": "singapore", "name": "Singapore", "type": "country", "aliases": []}
{"kind": "entity", "id": "indonesia", "name": "Indonesia", "type": "country", "aliases": []}
{"kind": "entity", "id": "peru", "name": "Peru", "type": "country", "aliases": [], "demonyms": ["Peruvian"]}
{"kind": "entity", "id": "president-of-peru", "name": "President of Peru", "type": "office", "title": "President", "jurisdiction": "peru"}
{"kind": "entity", "id": "martin-vizcarra", "name": "Martin Vizcarra", "type": "person", "aliases": []}
{"kind": "fact", "subject": "malaysia", "predicate": "borders", "object": "thailand", "source": "https://www.wikidata.org/wiki/Q833"}
{"kind": "fact", "subject": "malaysia", "predicate": "borders", "object": "singapore", "source": "https://www.wikidata.org/wiki/Q833"}
{"kind": "entity", "id": "dina-boluarte", "name": "Dina Boluarte", "type": "person", "aliases": []}
{"kind": "fact", "subject": "dina-boluarte", "predicate": "holds_office", "object": "president-of-peru", "valid_from": "2022-12-07", "source": "https://en.wikipedia.org/wiki/Dina_Boluarte"}
{"kind": "fact", "subject": "martin-vizcarra", "predicate": "holds_office", "object": "president-of-peru", "valid_from": "2018-03-23", "valid_until": "2020-11-10", "source": "https://en.wikipedia.org/wiki/Mart%C3%ADn_Vizcarra"}
"""


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    folder = tmp_path_factory.mktemp("discourse")
    (folder / "facts.jsonl").write_text(FACTS, encoding="utf-8")
    store = Store(f"sqlite:///{folder}/d.db")
    store.import_file(folder / "facts.jsonl", load_rules().predicate_kinds())
    yield Checker(store)
    store.close()


def _claims(checker, text, published=date(2024, 5, 9), predicate=None):
    return [(c, v) for c, v in checker.check(text, published).verdicts
            if predicate is None or c.predicate == predicate]


def test_a_second_clause_joined_by_and_shares_the_first_ones_subject(checker):
    text = "Malaysia shares a land border with Thailand and maritime borders with Singapore and Indonesia."
    found = {(c.subject.id, c.object.id) for c, _ in _claims(checker, text, predicate="borders")}
    assert found == {("malaysia", "thailand"), ("malaysia", "singapore"), ("malaysia", "indonesia")}


def test_a_story_told_in_the_past_keeps_the_time_it_last_named(checker):
    text = ("Elections were held in 2019. Congress met for months. "
            "The Peruvian President Martin Vizcarra was removed from office.")
    [(claim, verdict)] = _claims(checker, text, predicate="holds_office")
    assert claim.time.date_from == date(2019, 1, 1)
    assert verdict.verdict == "supported"


@pytest.mark.parametrize("text", [
    # another paragraph
    "Elections were held in 2019.\n\nThe Peruvian President Martin Vizcarra was removed from office.",
    # a sentence that says what is
    "Elections were held in 2019. The Peruvian President Martin Vizcarra is popular.",
], ids=["another-paragraph", "present-tense"])
def test_otherwise_a_claim_without_a_time_is_judged_on_the_publication_day(checker, text):
    [(claim, verdict)] = _claims(checker, text, predicate="holds_office")
    assert claim.time.date_from == date(2024, 5, 9)
    assert verdict.verdict == "contradicted"


@pytest.fixture(scope="module")
def capitals(tmp_path_factory):
    folder = tmp_path_factory.mktemp("capitals")
    (folder / "facts.jsonl").write_text(
        '{"kind": "entity", "id": "malaysia", "name": "Malaysia", "type": "country", "aliases": []}\n'
        '{"kind": "entity", "id": "brunei", "name": "Brunei", "type": "country", "aliases": []}\n'
        '{"kind": "entity", "id": "kuala-lumpur", "name": "Kuala Lumpur", "type": "city", "aliases": []}\n'
        '{"kind": "fact", "subject": "malaysia", "predicate": "capital", "object": "kuala-lumpur", '
        '"source": "https://www.wikidata.org/wiki/Q833"}\n', encoding="utf-8")
    store = Store(f"sqlite:///{folder}/c.db")
    store.import_file(folder / "facts.jsonl", load_rules().predicate_kinds())
    yield Checker(store)
    store.close()


def test_a_capital_with_no_country_in_its_clause_is_the_one_the_text_is_about(capitals):
    text = "Malaysia borders Brunei. Kuala Lumpur is the national capital."
    [(claim, verdict)] = _claims(capitals, text, predicate="capital")
    assert (claim.subject.id, claim.object.id, verdict.verdict) == ("malaysia", "kuala-lumpur", "supported")


@pytest.mark.parametrize("text", [
    "Malaysia borders Brunei. Kuala Lumpur is the capital city's largest district.",
    "Malaysia borders Brunei. Kuala Lumpur is the capital of finance.",
], ids=["possessive", "capital-of-something-else"])
def test_no_implicit_capital_where_the_phrase_goes_on(capitals, text):
    assert _claims(capitals, text, predicate="capital") == []


def test_the_following_year_moves_the_story_on(checker):
    text = ("Elections were held in 2018. Congress met for months. "
            "The following year, the Peruvian President Martin Vizcarra was removed.")
    [(claim, verdict)] = _claims(checker, text, predicate="holds_office")
    assert (claim.time.date_from, claim.time.date_until) == (date(2019, 1, 1), date(2019, 12, 31))
    assert verdict.verdict == "supported"


@pytest.mark.parametrize("text,verdict", [
    ("Martin Vizcarra was sworn in as Peru's president in 2018.", "supported"),
    ("Martin Vizcarra was sworn in as Peru's president in 2022.", "contradicted"),
], ids=["took-office-that-year", "held-it-but-began-earlier"])
def test_taking_office_in_a_year_means_the_term_began_then(checker, text, verdict):
    [(claim, found)] = _claims(checker, text, predicate="holds_office")
    assert found.verdict == verdict, found.explanation
