"""The world pack's hand tables, read once from the TOML files in ``data/world/``.

Takes nothing but the files; gives one frozen object per file (``countries()``,
``currencies()``, ``capitals()``, ``cities()``, ``sources()``), each read on first use and kept.
What every table means is written in its file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from collections.abc import Mapping
from typing import Any

from factcheck import resources


def _read(name: str) -> dict[str, Any]:
    """The parsed TOML file ``data/world/<name>.toml``."""
    path = resources.data_dir() / "world" / f"{name}.toml"
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _frozen(mapping: Mapping) -> Mapping:
    """A read-only copy."""
    return MappingProxyType(dict(mapping))


def _lists(mapping: Mapping[str, list[str]]) -> Mapping[str, tuple[str, ...]]:
    """A read-only map of tuples."""
    return _frozen({key: tuple(values) for key, values in mapping.items()})


@dataclass(frozen=True)
class Countries:
    """countries.toml: names, aliases and demonyms of countries, by ISO 3166-1 alpha-2 code."""

    alias_stoplist: frozenset[str]
    excluded_alpha2: frozenset[str]
    excluded_alpha3: frozenset[str]
    skipped: Mapping[str, str]
    no_capital: Mapping[str, str]
    names: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]]
    demonyms: Mapping[str, tuple[str, ...]]
    #: GeoNames continent code -> (region id, region name)
    continents: Mapping[str, tuple[str, str]]


@cache
def countries() -> Countries:
    """The tables of countries.toml."""
    data = _read("countries")
    return Countries(
        alias_stoplist=frozenset(data["alias_stoplist"]),
        excluded_alpha2=frozenset(data["excluded_alpha2"]),
        excluded_alpha3=frozenset(data["excluded_alpha3"]),
        skipped=_frozen(data["skipped"]),
        no_capital=_frozen(data["no_capital"]),
        names=_frozen(data["names"]),
        aliases=_lists(data["aliases"]),
        demonyms=_lists(data["demonyms"]),
        continents=_frozen({code: (region["id"], region["name"])
                            for code, region in data["continents"].items()}),
    )


@dataclass(frozen=True)
class CurrencySince:
    """When a country's currency took effect: ``date``, while its currency is ``currency``."""

    currency: str
    date: str
    note: str
    source: str


@dataclass(frozen=True)
class Replacement:
    """A currency GeoNames still gives (``code``) that ``by`` replaced after ``until``."""

    code: str
    until: str
    by: str


@dataclass(frozen=True)
class Currencies:
    """currencies.toml: names, ids and aliases by ISO 4217 code; dates by country."""

    excluded_codes: frozenset[str]
    unit_words: frozenset[str]
    names: Mapping[str, str]
    ids: Mapping[str, str]
    symbols: Mapping[str, tuple[str, ...]]
    aliases: Mapping[str, tuple[str, ...]]
    replaced: Mapping[str, Replacement]
    since: Mapping[str, CurrencySince]


@cache
def currencies() -> Currencies:
    """The tables of currencies.toml."""
    data = _read("currencies")
    since = {}
    for group in data["since"]:
        entry = CurrencySince(group["currency"], group["date"], group["note"], group["source"])
        for iso in group["countries"]:
            if iso in since:
                raise ValueError(f"data/world/currencies.toml: {iso} has two [[since]] entries")
            since[iso] = entry
    return Currencies(
        excluded_codes=frozenset(data["excluded_codes"]),
        unit_words=frozenset(data["unit_words"]),
        names=_frozen(data["names"]),
        ids=_frozen(data["ids"]),
        symbols=_lists(data["symbols"]),
        aliases=_lists(data["aliases"]),
        replaced=_frozen({iso: Replacement(**entry) for iso, entry in data["replaced"].items()}),
        since=_frozen(since),
    )


@dataclass(frozen=True)
class Capitals:
    """capitals.toml: dates, notes and further capitals, by ISO 3166-1 alpha-2 code."""

    extra_source: str
    #: the date the present capital became capital, and where that is documented
    since: Mapping[str, tuple[str, str]]
    #: further capitals: (city name, note)
    extra: Mapping[str, tuple[tuple[str, str], ...]]
    notes: Mapping[str, str]


@cache
def capitals() -> Capitals:
    """The tables of capitals.toml."""
    data = _read("capitals")
    return Capitals(
        extra_source=data["extra_source"],
        since=_frozen({iso: (entry["date"], entry["source"]) for iso, entry in data["since"].items()}),
        extra=_frozen({iso: tuple((city["name"], city["note"]) for city in cities)
                       for iso, cities in data["extra"].items()}),
        notes=_frozen(data["notes"]),
    )


@dataclass(frozen=True)
class City:
    """One ``[[city]]`` entry of cities.toml: what the pack says of a GeoNames city."""

    name: str | None = None
    aliases: tuple[str, ...] = ()
    alternates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cities:
    """cities.toml: names that need qualifying, and hand-written data by GeoNames id."""

    stoplist: frozenset[str]
    preferred_bare_name: Mapping[str, str]
    by_geonames_id: Mapping[int, City]


@cache
def cities() -> Cities:
    """The tables of cities.toml."""
    data = _read("cities")
    by_id = {}
    for entry in data["city"]:
        by_id[entry["geonames"]] = City(name=entry.get("name"),
                                        aliases=tuple(entry.get("aliases", ())),
                                        alternates=tuple(entry.get("alternates", ())))
    return Cities(stoplist=frozenset(data["stoplist"]),
                  preferred_bare_name=_frozen(data["preferred_bare_name"]),
                  by_geonames_id=_frozen(by_id))


@dataclass(frozen=True)
class Sources:
    """sources.toml: package release months, and the letters folded to ASCII."""

    #: package -> version -> release month (YYYY-MM)
    package_releases: Mapping[str, Mapping[str, str]]
    #: a ``str.translate`` table
    folding: Mapping[int, str]


@cache
def sources() -> Sources:
    """The tables of sources.toml."""
    data = _read("sources")
    return Sources(
        package_releases=_frozen({package: _frozen(months)
                                  for package, months in data["package_releases"].items()}),
        folding=_frozen(str.maketrans(data["folding"])),
    )
