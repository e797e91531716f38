"""Counts and provenance of the world pack, for ``factcheck facts`` and the benchmarks.

Takes the pack's records; gives a summary: entities by type, facts by predicate, the package
versions and sources, the countries without a capital and why, and the names that are
qualified because they are ordinary words.
"""

from __future__ import annotations

from collections import defaultdict

from factcheck.store.worldpack import tables
from factcheck.store.worldpack.cities import MIN_CITY_POPULATION
from factcheck.store.worldpack.provenance import Provenance

PACK_ORIGIN = "worldpack"


def pack_info(records: list[dict]) -> dict:
    """Counts and provenance of ``records``, the world pack's."""
    entities: dict[str, int] = defaultdict(int)
    facts: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    types: dict[str, str] = {}
    with_capital, big_cities = set(), 0
    for record in records:
        if record["kind"] == "entity":
            entities[record["type"]] += 1
            names[record["id"]] = record["name"]
            types[record["id"]] = record["type"]
        else:
            facts[record["predicate"]] += 1
            if record["predicate"] == "capital":
                with_capital.add(record["subject"])
            elif (record["predicate"] == "population" and types.get(record["subject"]) == "city"
                  and record["value"] >= MIN_CITY_POPULATION):
                big_cities += 1
    provenance = Provenance.installed()
    no_capital = sorted(i for i, t in types.items() if t == "country" and i not in with_capital)
    stoplist = tables.cities().stoplist
    return {
        "origin": PACK_ORIGIN,
        "countries": entities.get("country", 0),
        "cities": entities.get("city", 0),
        "cities_over_100k": big_cities,
        "currencies": entities.get("currency", 0),
        "regions": entities.get("region", 0),
        "entities": sum(entities.values()),
        "facts": sum(facts.values()),
        "facts_by_predicate": dict(sorted(facts.items())),
        "packages": provenance.versions,
        "sources": [provenance.geonames, provenance.pycountry],
        "data_released": provenance.as_of,     # the GeoNames data's release month; its figures carry no date
        "countries_without_capital": {i: _no_capital_reason(names[i]) for i in no_capital},
        "qualified_city_names": sorted({names[i].split(", ")[0] for i, t in types.items()
                                        if t == "city" and names[i].split(", ")[0] in stoplist}),
    }


def _no_capital_reason(name: str) -> str:
    """Why the country named ``name`` has no capital, from countries.toml."""
    for reason in tables.countries().no_capital.values():
        if reason.startswith(name + ":"):
            return reason
    return "no capital in GeoNames"
