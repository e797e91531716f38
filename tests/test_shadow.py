"""What rule patterns read over: glosses in brackets, an official name in apposition, quotation
marks around a lone name; offsets stay where they were."""

from __future__ import annotations

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
