"""Rules tested on the world, not on one article.

Every rule and every frame (a frame is loaded as one rule) carries at least five examples and
three counterexamples, and at most one of its examples comes from the world of the demonstration
article. Every assertion a rule makes is read by at least one of its examples: a rule with
alternatives (``{place}'s area | the area of {place2}``) has an example for each, and a frame has
one for each order it expands into. The examples are judged in the packs' example world
(``rules/examples/*.jsonl``), so none of this needs a store of the user's.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from factcheck.api import Checker
from factcheck.claims.extract import Extractor
from factcheck.rulecheck import example_store
from factcheck.rules.loader import PatternRule, load_rules

MIN_EXAMPLES = 5
MIN_COUNTEREXAMPLES = 3
MAX_SEED_WORLD_EXAMPLES = 1

#: The demonstration article's entities (fixtures/articles/000_162457e0331d5697.txt: Xi Jinping,
#: Wang Yi's visit to the US, the APEC summits in San Francisco, Lima and Shenzhen, China's
#: export curbs), as the examples name them. Matched as whole words, case-sensitively ("US", not "us").
SEED_WORLD = [
    "China", "Chinese", "Beijing", "Xi", "Wang Yi", "Wang", "Taiwan",
    "United States", "US", "U.S.", "America", "American", "Washington", "Biden", "Blinken",
    "APEC", "Asia-Pacific Economic Cooperation", "Peru", "Peruvian", "Lima", "San Francisco",
    "Shenzhen", "New York", "National Committee on United States-China Relations", "NCUSCR",
    "Global Times", "Xinhua", "People's Daily", "gallium", "germanium", "graphite",
]
#: A currency named after the US is used far beyond it (Ecuador, El Salvador, ...).
NOT_SEED_WORLD = ["US dollar", "U.S. dollar"]

_SEED = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(SEED_WORLD, key=len, reverse=True)))
                   + r")(?!\w)")

RULES = load_rules()
IDS = [rule.id for rule in RULES.patterns]


def seed_world_names(text: str) -> list[str]:
    for name in NOT_SEED_WORLD:
        text = text.replace(name, "")
    return _SEED.findall(text)


@pytest.mark.parametrize("rule", RULES.patterns, ids=IDS)
def test_rule_has_enough_examples_and_counterexamples(rule: PatternRule):
    assert len(rule.examples) >= MIN_EXAMPLES, (
        f"{rule.id} ({rule.path}:{rule.line}) has {len(rule.examples)} examples, needs {MIN_EXAMPLES}")
    assert len(rule.counterexamples) >= MIN_COUNTEREXAMPLES, (
        f"{rule.id} ({rule.path}:{rule.line}) has {len(rule.counterexamples)} counterexamples, "
        f"needs {MIN_COUNTEREXAMPLES}")


@pytest.mark.parametrize("rule", RULES.patterns, ids=IDS)
def test_rule_examples_come_from_beyond_the_seed_article(rule: PatternRule):
    seeded = [(example.text, seed_world_names(example.text)) for example in rule.examples
              if seed_world_names(example.text)]
    assert len(seeded) <= MAX_SEED_WORLD_EXAMPLES, (
        f"{rule.id}: {len(seeded)} examples name the demonstration article's world, at most "
        f"{MAX_SEED_WORLD_EXAMPLES} may: {seeded}")


def test_seed_world_names_are_whole_words():
    assert seed_world_names("Chinese President Xi Jinping met US officials.") == ["Chinese", "Xi", "US"]
    assert seed_world_names("Ecuador uses the US dollar; Peruvians and Xiamen are not counted.") == []
    assert seed_world_names("Tensions rose along the China-India border.") == ["China"]


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    store = example_store(RULES, tmp_path_factory.mktemp("examples"))
    yield Checker(store)
    store.close()


def _reads(extractor: Extractor, rule: PatternRule, text: str, published: str) -> bool:
    document = extractor.extract(text, date.fromisoformat(published))
    return (any(claim.rule == rule.id for claim in document.claims)
            or any(hit[0] == rule.id for hit in document.context))


@pytest.mark.parametrize("rule", RULES.patterns, ids=IDS)
def test_every_assertion_of_a_rule_is_read_by_an_example(checker, rule: PatternRule):
    """Each assertion alone (a frame's order, an alternative's slots) must give a claim for some
    example: a rule keeping only that assertion yields nothing where its slots are empty."""
    unread = []
    for number, assertion in enumerate(rule.assertions, 1):
        alone = dataclasses.replace(rule, assertions=(assertion,))
        extractor = Extractor(dataclasses.replace(RULES, patterns=[alone]), checker.lexicon)
        if not any(_reads(extractor, alone, example.text, example.published) for example in rule.examples):
            slots = ", ".join(f"{key} = {value!r}" for key, value in (
                ("subject", assertion.subject), ("object", assertion.object), ("value", assertion.value))
                if value is not None)
            unread.append(f"assertion {number} ({slots})")
    hint = (" (a frame's assertion N is its N-th order; one past its orders, the implicit object)"
            if rule.frame else "")
    assert not unread, f"{rule.id} ({rule.path}:{rule.line}): no example reads " + "; ".join(unread) + hint
