"""References: "its", "the city", "the bloc" read as the entity the text named before."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.api import Checker
from factcheck.model import Candidate, Mention
from factcheck.rules.loader import load_rules
from factcheck.text.references import find_references
from factcheck.text.sentences import split_sentences

TABLE = load_rules().references


def _mention(text: str, name: str, entity: str, type_: str, after: int = 0) -> Mention:
    start = text.index(name, after)
    return Mention(start, start + len(name), name, (Candidate(entity, "name", type_, name),), frozenset({type_}))


@pytest.mark.parametrize("text,names,word,expected", [
    ("Madrid is the capital of Spain. The city has 3.2 million inhabitants.",
     [("Madrid", "madrid", "city"), ("Spain", "spain", "country")], "The city", "madrid"),
    ("Nairobi lies in Kenya. The country borders Somalia.",
     [("Nairobi", "nairobi", "city"), ("Kenya", "kenya", "country"), ("Somalia", "somalia", "country")],
     "The country", "kenya"),
    ("Lima is in Peru. Its port is busy.",
     [("Lima", "lima", "city"), ("Peru", "peru", "country")], "Its", "lima"),
    ("Mercosur met in Brazil. Since 1991 the bloc has grown.",
     [("Mercosur", "mercosur", "organization"), ("Brazil", "brazil", "country")], "the bloc", "mercosur"),
    ("Jakarta sits on Java. It is the capital of Indonesia.",
     [("Jakarta", "jakarta", "city"), ("Java", "java", "region"), ("Indonesia", "indonesia", "country")],
     "It", "jakarta"),
    ("Madrid is big. It is the third largest city in Europe, after London and Berlin. The city has 3.2 million inhabitants.",
     [("Madrid", "madrid", "city"), ("London", "london", "city"), ("Berlin", "berlin", "city")],
     "The city", "madrid"),
    ("Malaysia shares a border with Thailand and the Philippines. Kuala Lumpur is the capital. "
     "With 33 million people, the country is large.",
     [("Malaysia", "malaysia", "country"), ("Thailand", "thailand", "country"),
      ("Philippines", "philippines", "country"), ("Kuala Lumpur", "kuala-lumpur", "city")],
     "the country", "malaysia"),
    ("Madrid is the financial centre of Southern Europe; it hosts the head offices of Iberia.",
     [("Madrid", "madrid", "city"), ("Southern Europe", "southern-europe", "region")], "it", "madrid"),
    ("Jakarta faces the Java Sea, and it shares a maritime border with Lampung.",
     [("Jakarta", "jakarta", "city"), ("Lampung", "lampung", "region")], "it", "jakarta"),
    ("Upper Volta was renamed Burkina Faso in 1984. The country borders Mali.",
     [("Upper Volta", "upper-volta", "country"), ("Burkina Faso", "burkina-faso", "country"),
      ("Mali", "mali", "country")], "The country", "burkina-faso"),
    ("Peninsular Malaysia was unified as the Malayan Union in 1946 and then restructured as the "
     "Federation of Malaya in 1948. It achieved independence in 1957.",
     [("Malaysia", "malaysia", "country"), ("Malayan Union", "malayan-union", "country"),
      ("Federation of Malaya", "federation-of-malaya", "country")], "It", "federation-of-malaya"),
    ("Britain became the EU's second-largest economy. It grew fast.",
     [("Britain", "united-kingdom", "country"), ("EU", "european-union", "organization")], "It",
     "united-kingdom"),
], ids=["the-city-nearest", "the-country-nearest", "its-previous-subject", "the-bloc", "it-previous-subject",
        "through-an-earlier-reference-past-a-comparison", "what-an-earlier-sentence-is-about",
        "pronoun-opening-a-clause-after-a-semicolon", "pronoun-opening-a-clause-after-and",
        "what-the-subject-was-renamed", "the-last-thing-it-became", "not-what-it-became-a-part-of"])
def test_a_reference_takes_a_compatible_mention_before_it(text, names, word, expected):
    mentions = [_mention(text, *n) for n in names]
    found = find_references(text, split_sentences(text), mentions, TABLE)
    by_text = {ref.text: antecedent for ref, antecedent in found}
    assert by_text[word].candidates[0].entity_id == expected


@pytest.mark.parametrize("text,names", [
    ("The city was quiet.", []),
    ("Kenya won.\n\nOne.\n\nTwo.\n\nThree. The country rejoiced.", [("Kenya", "kenya", "country")]),
    ("Kenya won. The city was quiet.", [("Kenya", "kenya", "country")]),
    ("The US tightened its chip export curbs.", [("US", "united-states", "country")]),
], ids=["nothing-before", "too-far-back", "no-compatible-type", "pronoun-after-its-own-antecedent"])
def test_a_reference_without_a_compatible_antecedent_is_left_alone(text, names):
    mentions = [_mention(text, *n) for n in names]
    assert find_references(text, split_sentences(text), mentions, TABLE) == []


def test_a_claim_says_how_its_subject_was_read(seeded_sqlite_url):
    from factcheck.store.database import Store

    text = "Beijing is the capital of China. The city covers 16,410 km2."
    checked = Checker(Store(seeded_sqlite_url)).check(text, date(2023, 10, 25))
    [(claim, verdict)] = [(c, v) for c, v in checked.verdicts if c.predicate == "area"]
    assert claim.subject.id == "beijing"
    assert claim.to_json()["subject_via"] == {"text": "The city", "refers_to": "Beijing", "start": 0}
    assert verdict.explanation.endswith("('The city' read as Beijing)")


def test_offsets_hold_in_text_that_is_not_ascii():
    text = "İstanbul lies in Türkiye. The country borders Greece."
    names = [("İstanbul", "istanbul", "city"), ("Türkiye", "turkey", "country"), ("Greece", "greece", "country")]
    mentions = [_mention(text, *n) for n in names]
    [(reference, antecedent)] = find_references(text, split_sentences(text), mentions, TABLE)
    assert text[reference.start:reference.end] == reference.text == "The country"
    assert antecedent.text == "Türkiye"


def test_an_acronym_the_text_defines_stands_for_that_entity_afterwards():
    from factcheck.text.references import bind_defined_acronyms

    text = "EC officials met. The Treaty created the European Community (EC). The EC then grew."
    mentions = [
        Mention(0, 2, "EC", (Candidate("european-commission", "alias", "organization", "European Commission"),
                             Candidate("european-community", "alias", "organization", "European Community")),
                frozenset({"organization"})),
        _mention(text, "European Community", "european-community", "organization"),
    ]
    bound = bind_defined_acronyms(text, mentions)
    later = [m for m in bound if m.text == "EC" and m.start > 20]
    assert [m.entity_ids for m in later] == [("european-community",)]
    assert bound[0].entity_ids == ("european-commission", "european-community")   # before the definition
