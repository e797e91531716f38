"""Rules as data: every rule's own examples, malformed rule files, and a user pack that teaches a new claim."""

from __future__ import annotations

import json
import re
import textwrap
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.api import Checker
from factcheck.errors import RuleError
from factcheck.rulecheck import counterexample_failure, example_failure, example_store
from factcheck.rules.patterns import TYPE_CHARS, pattern_requirements, placeholder, placeholder_indices
from factcheck.rules.loader import PREDICATE_KINDS, load_rules
from factcheck.store.database import Store

RULES = load_rules()
EXAMPLES = [(rule, example) for rule in RULES.patterns for example in rule.examples]
COUNTEREXAMPLES = [(rule, text) for rule in RULES.patterns for text in rule.counterexamples]


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    """The rules' examples are judged in the world of the packs' example facts, not the user's store."""
    store = example_store(RULES, tmp_path_factory.mktemp("examples"))
    yield Checker(store)
    store.close()


@pytest.mark.parametrize("rule,example", EXAMPLES,
                         ids=[f"{r.id}:{e.text[:40]}" for r, e in EXAMPLES])
def test_rule_example_yields_its_assertion(checker, rule, example):
    assert example_failure(checker, rule, example) is None


@pytest.mark.parametrize("rule,text", COUNTEREXAMPLES,
                         ids=[f"{r.id}:not:{t[:40]}" for r, t in COUNTEREXAMPLES])
def test_rule_counterexample_yields_nothing(checker, rule, text):
    assert counterexample_failure(checker, rule, text) is None


def test_every_rule_has_examples_and_counterexamples():
    for rule in RULES.patterns:
        assert rule.examples, f"{rule.id} ({rule.path}) has no examples"
        assert rule.counterexamples or rule.context, f"{rule.id} ({rule.path}) has no counterexamples"
        assert rule.description and rule.source


def test_rule_ids_come_from_paths():
    for rule in RULES.patterns:
        stem = rule.path.rsplit("/", 1)[-1].removesuffix(".toml")
        assert rule.id.startswith(stem + ".")


def _pack(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return tmp_path


GOOD_PATTERN = '''
[[rule]]
id = "ok"
description = "d"
source = "s"
pattern = "{a:person} leads {b:organization}"
subject = "a"
predicate = "member_of"
object = "b"
examples = [{ text = "Xi Jinping leads Xinhua.", subject = "xi-jinping" }]
'''

MALFORMED = [
    ("toml-syntax", "patterns/x.toml", '[[rule]]\nid = "a"\ndescription = "d\n', 3, 17),
    ("unknown-kind", "predicates/x.toml", '[predicate.p]\nkind = "fuzzy"\ndescription = "d"\n', 2, 8),
    ("unknown-predicate-key", "predicates/x.toml", '[predicate.p]\nkind = "many"\ndescription = "d"\ncolour = 1\n', 4, 1),
    ("bad-predicate-name", "predicates/x.toml", '[predicate.Bad-Name]\nkind = "many"\ndescription = "d"\n', 1, 12),
    ("pattern-syntax", "patterns/x.toml", GOOD_PATTERN.replace("{a:person} leads", "{a:person leads"), 5, 22),
    ("unknown-slot-type", "patterns/x.toml", GOOD_PATTERN.replace("{b:organization}", "{b:company}"), 5, 32),
    ("duplicate-slot", "patterns/x.toml", GOOD_PATTERN.replace("{b:organization}", "{a:organization}"), 5, 29),
    ("unknown-predicate", "patterns/x.toml", GOOD_PATTERN.replace('predicate = "member_of"', 'predicate = "leads"'), 7, 1),
    ("slot-not-in-pattern", "patterns/x.toml", GOOD_PATTERN.replace('object = "b"', 'object = "c"'), 8, 10),
    ("missing-id", "patterns/x.toml", GOOD_PATTERN.replace('id = "ok"\n', ''), 1, 1),
    ("unknown-rule-key", "patterns/x.toml", GOOD_PATTERN.replace('source = "s"', 'source = "s"\nweight = 3'), 5, 1),
    ("bad-time-role", "patterns/x.toml", GOOD_PATTERN.replace('object = "b"', 'object = "b"\ntime_role = "soon"'), 9, 1),
    ("subject-from-name-not-a-flag", "patterns/x.toml",
     GOOD_PATTERN.replace('object = "b"', 'object = "b"\nsubject_from_name = "country"'), 9, 1),
    ("unknown-cue-kind", "lexicon/x.toml", '[[cues]]\nphrase = "hopefully"\nkind = "mood"\n', 2, 11),
    ("unknown-section", "patterns/x.toml", '[rules]\nx = 1\n', 1, 2),
    ("units-in-a-user-pack", "lexicon/x.toml", 'description = "d"\nunits = []\n', 2, 1),
    ("exclusive-approximation", "lexicon/x.toml", '[hedges]\n"circa" = { kind = "approx", exclusive = true }\n', 2, 2),
    ("exclusive-not-a-flag", "lexicon/x.toml", '[hedges]\n"well over" = { kind = "lower_bound", exclusive = "yes" }\n', 2, 2),
]


@pytest.mark.parametrize("name,path,text,line,column", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_rule_files_point_at_file_line_col(tmp_path, name, path, text, line, column):
    pack = _pack(tmp_path / "pack", {path: text})
    with pytest.raises(RuleError) as error:
        load_rules([pack])
    message = str(error.value)
    assert message.startswith(f"{pack / path}:{line}:{column}: "), message
    assert "^" in message.splitlines()[-1]


def test_unknown_kind_lists_the_valid_ones(tmp_path):
    pack = _pack(tmp_path / "pack", {"predicates/x.toml": '[predicate.p]\nkind = "fuzzy"\ndescription = "d"\n'})
    with pytest.raises(RuleError) as error:
        load_rules([pack])
    assert all(kind in str(error.value) for kind in PREDICATE_KINDS)


def test_a_user_pack_adds_a_predicate_and_a_pattern_without_python(seeded_store, tmp_path):
    pack = _pack(tmp_path / "pack", {
        "predicates/sports.toml": '''
            [predicate.coaches]
            kind = "single"
            description = "A person coaches a team; one team at a time."
            subject = ["person"]
            object = ["organization"]
            verb = "team coached by"
            source = "https://www.wikidata.org/wiki/Property:P286"
        ''',
        "patterns/sports.toml": '''
            [[rule]]
            id = "head-coach"
            description = "'X, head coach of Y'"
            source = "https://example.org/style"
            pattern = "{coach:person} , [the] head coach of {team:organization}"
            subject = "coach"
            predicate = "coaches"
            object = "team"
            examples = [{ text = "Pep Guardiola, head coach of Manchester City, said.", subject = "pep-guardiola", object = "manchester-city" }]
            counterexamples = ["Pep Guardiola, a fan of Manchester City, said."]
        ''',
    })
    rules = load_rules([pack])
    facts = tmp_path / "sports.jsonl"
    records = [
        {"kind": "entity", "id": "pep-guardiola", "name": "Pep Guardiola", "type": "person"},
        {"kind": "entity", "id": "manchester-city", "name": "Manchester City", "type": "organization"},
        {"kind": "entity", "id": "arsenal", "name": "Arsenal", "type": "organization"},
        {"kind": "fact", "subject": "pep-guardiola", "predicate": "coaches", "object": "manchester-city",
         "valid_from": "2016-07-01", "source": "https://www.mancity.com/"},
    ]
    facts.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    seeded_store.import_file(facts, rules.predicate_kinds())
    checker = Checker(seeded_store, [pack])
    supported = checker.check("Pep Guardiola, head coach of Manchester City, said so.", date(2023, 10, 25))
    contradicted = checker.check("Pep Guardiola, head coach of Arsenal, said so.", date(2023, 10, 25))
    [(claim, verdict)] = supported.verdicts
    assert (claim.rule, claim.predicate, verdict.verdict) == ("sports.head-coach", "coaches", "supported")
    [(claim, verdict)] = contradicted.verdicts
    assert verdict.verdict == "contradicted" and "Manchester City" in verdict.explanation


def test_rules_are_never_executed(tmp_path):
    """A pattern is data: Python in it is just text that fails to parse or matches literally."""
    pack = _pack(tmp_path / "pack", {"patterns/x.toml": GOOD_PATTERN.replace(
        "{a:person} leads {b:organization}", "__import__('os').system('touch pwned')")})
    with pytest.raises(RuleError):
        load_rules([pack])
    assert not (tmp_path / "pwned").exists()


def test_inverse_predicates_read_facts_backwards(seeded_store):
    checked = Checker(seeded_store).check("People's Daily publishes the Global Times.", date(2023, 10, 25))
    [(claim, verdict)] = checked.verdicts
    assert (claim.predicate, verdict.verdict) == ("controls", "supported")
    assert "read from fact #" in verdict.explanation and "controlled_by" in verdict.explanation
    assert verdict.evidence[0].source


def test_stale_figures_and_wrong_units_are_not_judged(seeded_store):
    checker = Checker(seeded_store)
    fresh = checker.check("China has a population of 1.41 billion.", date(2024, 3, 1)).verdicts
    assert [v.verdict for _, v in fresh] == ["supported"]
    stale = checker.check("China has a population of 1.41 billion.", date(2031, 3, 1)).verdicts
    assert [v.verdict for _, v in stale] == ["unknown"] and "more than 5 years" in stale[0][1].explanation
    ranking = checker.check("China and the United States, the world's two biggest economies, met. "
                            "China said so.", date(2031, 3, 1)).verdicts
    assert [v.verdict for _, v in ranking] == ["unknown"]


def test_a_figure_as_of_a_year_serves_the_claims_of_that_year(seeded_store, predicates):
    seeded_store.import_records([
        {"kind": "entity", "id": "ruritania", "name": "Ruritania", "type": "country"},
        {"kind": "fact", "subject": "ruritania", "predicate": "area", "value": 2.02, "unit": "km2",
         "as_of": "2017", "source": "https://example.org/ruritania"},
    ], predicates, origin="test")
    checker = Checker(seeded_store)
    sentence = "Ruritania has a total area of roughly 200 hectares."
    [(_, during)] = checker.check(sentence, date(2017, 7, 11)).verdicts
    assert during.verdict == "supported", during.explanation
    [(_, before)] = checker.check(sentence, date(2016, 7, 11)).verdicts
    assert (before.verdict, before.explanation) == ("unknown", "the store has no area of Ruritania up to 2016-07-11")


def test_offices_with_several_seats(seeded_store, predicates):
    seeded_store.import_records([
        {"kind": "entity", "id": "senator-for-ohio", "name": "United States Senator from Ohio", "type": "office",
         "title": "Senator", "jurisdiction": "united-states", "seats": 2, "aliases": ["Ohio Senator"]},
        {"kind": "entity", "id": "sherrod-brown", "name": "Sherrod Brown", "type": "person"},
        {"kind": "entity", "id": "jd-vance", "name": "JD Vance", "type": "person"},
        {"kind": "entity", "id": "rob-portman", "name": "Rob Portman", "type": "person"},
        {"kind": "fact", "subject": "sherrod-brown", "predicate": "holds_office", "object": "senator-for-ohio",
         "valid_from": "2007-01-03", "valid_until": "2025-01-03", "source": "https://www.senate.gov/"},
        {"kind": "fact", "subject": "rob-portman", "predicate": "holds_office", "object": "senator-for-ohio",
         "valid_from": "2011-01-03", "valid_until": "2023-01-03", "source": "https://www.senate.gov/"},
    ], predicates, origin="test")
    checker = Checker(seeded_store)
    [(_, one_seat_known)] = checker.check("Ohio Senator JD Vance spoke.", date(2024, 3, 1)).verdicts
    assert one_seat_known.verdict == "unknown" and "2 seats" in one_seat_known.explanation
    [(_, both_known)] = checker.check("Ohio Senator JD Vance spoke.", date(2020, 3, 1)).verdicts
    assert both_known.verdict == "contradicted"
    [(_, holder)] = checker.check("Ohio Senator Sherrod Brown spoke.", date(2020, 3, 1)).verdicts
    assert holder.verdict == "supported"


# -- what a sentence must contain for a pattern to match -----------------------------------------

def test_requirements_reach_inside_alternatives():
    needs = set(pattern_requirements(
        "({a:country} and [its] (neighbouring | neighbour) {b:country} | between neighbours {c:country})"))
    country = frozenset({"country"})
    assert (frozenset(), country) in needs
    assert (frozenset({"and", "between"}), frozenset()) in needs
    assert (frozenset({"neighbouring", "neighbour", "neighbours"}), frozenset()) in needs
    assert pattern_requirements("[the] capital*") == ()      # optional parts and prefixes: nothing


_VOCABULARY = ["the", "capital", "of", "is", "border", "between", "and", "said", "its", "neighbour"]
_word = st.sampled_from(_VOCABULARY)
_pattern_item = st.recursive(
    _word,
    lambda inner: st.one_of(
        st.lists(st.lists(inner, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=3)
        .map(lambda branches: "(" + " | ".join(branches) + ")"),
        st.lists(st.lists(inner, min_size=1, max_size=2).map(" ".join), min_size=1, max_size=2)
        .map(lambda branches: "[" + " | ".join(branches) + "]"),
    ),
    max_leaves=8,
)


@settings(max_examples=250, deadline=None)
@given(pattern=st.tuples(st.lists(_pattern_item, min_size=1, max_size=2), st.sampled_from(["", "..."]),
                         st.lists(_pattern_item, max_size=2))
       .map(lambda parts: " ".join([*parts[0], parts[1], *parts[2]]).strip()),
       sentence=st.lists(_word, min_size=1, max_size=12).map(" ".join))
def test_requirements_never_reject_a_sentence_the_pattern_matches(pattern, sentence):
    from factcheck.claims.extract import sentence_words
    from factcheck.rules.patterns import compile_pattern

    regex, _slots = compile_pattern(pattern)
    words = sentence_words(sentence)
    passes = all(not clause_words.isdisjoint(words) for clause_words, _types in
                 pattern_requirements(pattern))
    if regex.search(sentence):
        assert passes, (pattern, sentence)


@given(st.lists(st.tuples(st.integers(min_value=0, max_value=2**40),
                          st.sets(st.sampled_from(sorted(TYPE_CHARS)))), max_size=8),
       st.lists(st.sampled_from(["", " ", "said", ",", "\u00e9"]), min_size=9, max_size=9))
def test_placeholders_give_back_their_indices(items, gaps):
    text = "".join(gap + placeholder(index, types) for gap, (index, types) in zip(gaps, items)) + gaps[-1]
    assert list(placeholder_indices(text)) == [index for index, _types in items]


_GUARDED_VOCABULARY = [*_VOCABULARY, "former", "non-", "national", "-", ",", "'s"]


@settings(max_examples=150, deadline=None)
@example(guard="<!( former )", before=[], after=["[national]", "capital"], sentence="the former capital")
@example(guard="<!( non- )", before=["the"], after=["(capital | border)"], sentence="the non-capital, the border")
@given(guard=st.lists(st.sampled_from(["former", "national capital", "non-", "the"]), min_size=1, max_size=3)
       .map(lambda words: "<!( " + " | ".join(words) + " )"),
       before=st.lists(_pattern_item, max_size=1), after=st.lists(_pattern_item, min_size=1, max_size=2),
       sentence=st.lists(st.sampled_from(_GUARDED_VOCABULARY), min_size=1, max_size=12).map(" ".join))
def test_a_guard_matches_where_its_look_behinds_alone_would(guard, before, after, sentence):
    """A ``<!( ... )`` guard first tests whether the item after it may start at all; that quick
    test never changes what the pattern matches."""
    from factcheck.rules.patterns import compile_pattern

    regex, _slots = compile_pattern(" ".join([*before, guard, *after]))
    plain = re.compile(re.sub(r"\(\?=\[[^\]]*\]\)", "", regex.pattern), regex.flags)
    assert [m.span() for m in regex.finditer(sentence)] == [m.span() for m in plain.finditer(sentence)]


@pytest.mark.parametrize("sentence, matches", [
    ("the former capital", False),
    ("in the national capital", True),     # the guard is on the word before the match: "the"
    ("the capital", True),
    ("in capital", False),                 # not started on the white space after the guarded word
])
def test_a_guard_before_an_optional_item_reads_the_word_before_the_next_one(sentence, matches):
    from factcheck.rules.patterns import compile_pattern

    regex, _slots = compile_pattern("<!( former | in ) [national] capital")
    assert bool(regex.search(sentence)) == matches


@pytest.mark.parametrize("sentence, matches", [
    ("Madrid , the Spanish capital , has", True),
    ("Madrid, a city of six words in it, has", True),
    ("Madrid, its home, has", True),
    ("Madrid, the one city of more than six words here, has", False),   # over six words
    ("Madrid, which borders Poland, has", True),                         # a relative clause
    ("Madrid, so to speak, has", False),                                 # no article, possessive or "which"
    (f"Madrid, the {placeholder(0, {'time'})} host city, has", False),   # a time would date the claim
    (f"Madrid, {placeholder(0, {'country'})}'s capital, has", True),
    ("Madrid, the capital; a city, has", False),                         # a semicolon ends it
    ("Madrid has", False),                                               # the apposition is required
])
def test_an_apposition_is_a_short_noun_phrase_between_commas(sentence, matches):
    from factcheck.rules.patterns import compile_pattern

    regex, _slots = compile_pattern("madrid <apposition> has")
    assert bool(regex.fullmatch(sentence)) is matches
