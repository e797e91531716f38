"""What rule patterns read over: glosses in brackets, an official name in apposition, quotation
marks around a lone name; offsets stay where they were."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pytest

from factcheck.claims.shadow import shadow_of
from factcheck.rules.patterns import placeholder_indices


class Item(NamedTuple):
    start: int
    end: int
    types: frozenset
    index: int


def _shadow(text: str, names: list[str], types: str = "country"):
    items, after = [], 0
    for number, name in enumerate(names):
        start = text.index(name, after)
        items.append(Item(start, start + len(name), frozenset({types}), number))
        after = start + len(name)
    return shadow_of(text, 0, len(text), items)


@pytest.mark.parametrize("text,names,gone,kept", [
    ("Malaysia (UK: /məˈleɪziə/; Malay: [malɛjsia]) is a country.", ["Malaysia"], "UK:", "is a country"),
    ("The Andean Pact (Pacto Andino) came into existence in 1969.", ["Andean Pact"], "Pacto", "came into"),
    ("Kenya, officially the Republic of Kenya, is a country in Africa.", ["Kenya", "Republic of Kenya", "Africa"],
     "officially", "is a country in"),
    ('The exit, widely known as "Brexit," took place in 2020.', ["Brexit"], '"', "took place"),
])
def test_glosses_are_blanked_and_offsets_kept(text, names, gone, kept):
    shadow, to_text = _shadow(text, names)
    assert gone not in shadow and kept in shadow
    at = shadow.index(kept)
    assert text[to_text(at):to_text(at) + len(kept)] == kept


@pytest.mark.parametrize("text,names,kept", [
    ("Kenya (population 53 million) voted.", ["Kenya", "53 million"], "(population"),
    ("In Kenya the exit, known as the big break, was signed.", ["Kenya"], "known as"),
    ('Xi said "China is ready" on Monday.', ["China"], '"'),
], ids=["a-bracket-with-a-figure", "an-apposition-not-after-a-name", "quoted-speech"])
def test_what_may_hold_a_claim_is_kept(text, names, kept):
    shadow, _ = _shadow(text, names)
    assert kept in shadow


def test_a_semicolon_in_brackets_ends_no_clause():
    shadow, _ = _shadow("Kenya (Nairobi; Mombasa) voted.", ["Kenya", "Nairobi", "Mombasa"])
    assert ";" not in shadow and len(placeholder_indices(shadow)) == 3


def test_a_reading_inside_a_longer_one_of_the_same_assertion_gives_way(tmp_path):
    from factcheck.api import Checker
    from factcheck.rules.loader import load_rules
    from factcheck.store.database import Store

    store = Store(f"sqlite:///{tmp_path}/s.db")
    store.import_records([
        {"kind": "entity", "id": "peru", "name": "Peru", "type": "country", "demonyms": ["Peruvian"]},
        {"kind": "entity", "id": "alejandro-toledo", "name": "Alejandro Toledo", "type": "person"},
        {"kind": "entity", "id": "president-of-peru", "name": "President of Peru", "type": "office",
         "title": "President", "jurisdiction": "peru"},
        {"kind": "fact", "subject": "alejandro-toledo", "predicate": "holds_office", "object": "president-of-peru",
         "valid_from": "2001-07-28", "valid_until": "2006-07-28", "source": "https://example.org"},
    ], load_rules().predicate_kinds(), origin="test")
    claims = Checker(store).extract("Former Peruvian president Alejandro Toledo was extradited.",
                                    date(2023, 4, 23)).claims
    store.close()
    assert [(c.rule, c.text) for c in claims] == [
        ("office.former", "Former Peruvian president Alejandro Toledo")]
