"""Claims about names the store does not know: slot types ending in "?" and single unknown words."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.api import Checker
from factcheck.rules.patterns import SLOT_TYPES, PatternSyntaxError, compile_pattern, pattern_words
from factcheck.store.database import Store


def test_a_question_mark_adds_unknown_names_to_a_place_type():
    assert SLOT_TYPES["city?"] == SLOT_TYPES["city"] | {"proper"}
    _regex, slots = compile_pattern("{c:city?} , {k:country?} 's capital")
    assert slots == {"c": ("city?", False), "k": ("country?", False)}
    # a person is never a name alone: the question mark is for places, bodies and sites
    with pytest.raises(PatternSyntaxError, match="may end in '\\?'"):
        compile_pattern("{p:person?} said")


def test_the_words_a_pattern_reads():
    assert pattern_words("{c:city?} , [the] (capital | seat*) !( of | {body} ) <!( non- ) ~ ...3 x") == {
        "the", "capital", "of", "non-", "x"}


@pytest.fixture(scope="module")
def checker(seeded_sqlite_url):
    return Checker(Store(seeded_sqlite_url))


def _claims(checker, text):
    checked = checker.check(text, date(2023, 10, 25))
    return [(claim.rule, claim.subject.id, claim.subject.name,
             claim.object.id if claim.object else None, claim.object.name if claim.object else None,
             verdict.verdict) for claim, verdict in checked.verdicts]


def test_a_claim_about_unknown_names_is_found_and_judged_unknown(checker):
    assert _claims(checker, "Funafuti, Tuvalu's capital, sits barely two metres above sea level.") == [
        ("capital.appositive", None, "Tuvalu", None, "Funafuti", "unknown")]


def test_a_capitalised_word_the_rules_read_is_no_name(checker):
    # "Capital" capitalised is still the word "capital" of the pattern, not a name
    assert [c[0] for c in _claims(checker, "Tuvalu's Capital, Funafuti, sits on an atoll.")] == [
        "capital.possessive"]


def test_a_sentence_opener_is_no_name(checker):
    assert _claims(checker, "However, the island's capital, Funafuti, is small.") == []
