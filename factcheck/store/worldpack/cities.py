"""Cities: every city of at least 100,000 people and every capital, named so names stay unambiguous.

Takes the :class:`~.pack.Pack` after :mod:`.countries` and :mod:`.currencies`; adds a city
entity for each, and records the cities, their ids and each country's capitals for
:mod:`.facts`. Naming (``data/world/cities.toml`` holds the names and lists it uses):

- a city whose bare name is an ordinary word or a name already taken ("Reading", "Austin") is
  named with its state or country ("Reading, United Kingdom", "Austin, Texas");
- where several cities share a name, the most populous (or the preferred one) keeps it and the
  id that is its slug; the others are named and identified with their country ("London,
  Canada", ``london-ca``);
- a capital named like its country is "<name> City" ("Djibouti City").
"""

from __future__ import annotations

import re
from collections import defaultdict

from factcheck.store.worldpack import tables
from factcheck.store.worldpack.names import clean_name, fold, slug
from factcheck.store.worldpack.pack import Pack

MIN_CITY_POPULATION = 100_000

_NO_ENTRY = tables.City()


def add_cities(pack: Pack) -> None:
    """City entities for the big cities and the capitals, in the order of their ids."""
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in pack.geonames.get_cities().values():
        if city["countrycode"] in pack.countries:
            by_country[city["countrycode"]].append(city)
    for cities in by_country.values():
        for city in cities:
            if city["population"] >= MIN_CITY_POPULATION and not re.search(r"\d", city["name"]):
                pack.cities[city["geonameid"]] = city
    _add_capitals(pack, by_country)
    us_states = {code: state["name"] for code, state in pack.geonames.get_us_states().items()}
    named = _CityNames(pack, us_states).name_all()
    entries = tables.cities().by_geonames_id
    for gid, (entity_id, name, aliases) in sorted(named.items(), key=lambda item: item[1][0]):
        entry = entries.get(gid, _NO_ENTRY)
        pack.city_ids[gid] = entity_id
        pack.add_entity(entity_id, name, "city", aliases, kept=(*entry.aliases, *entry.alternates),
                        ids={"geonames": str(gid)} if gid > 0 else None)


def _add_capitals(pack: Pack, by_country: dict[str, list[dict]]) -> None:
    """Every capital, whatever its size: found by name, folded name or alternate name.

    A capital GeoNames' city table lacks gets a city of its own with a negative id and no
    population.
    """
    data = tables.capitals()
    no_capital = tables.countries().no_capital
    synthetic = -1
    for iso, country in sorted(pack.countries.items()):
        wanted = []
        capital = clean_name(country.get("capital") or "")
        if capital and iso not in no_capital:
            wanted.append((capital, data.notes.get(iso)))
        wanted += data.extra.get(iso, ())
        for name, note in wanted:
            city = find_city(by_country.get(iso, []), name)
            if city is None:
                city = {"geonameid": synthetic, "name": name, "countrycode": iso,
                        "population": 0, "admin1code": "", "alternatenames": []}
                synthetic -= 1
            pack.cities[city["geonameid"]] = city
            pack.capitals.setdefault(iso, []).append((city, note))


def find_city(cities: list[dict], name: str) -> dict | None:
    """The most populous of ``cities`` called ``name``: by name, then folded name, then alternate name."""
    def key(text: str) -> str:
        """Letters only, folded, "St." spelled "Saint": what names are compared by."""
        text = fold(text).lower().replace("st. ", "saint ").replace("st ", "saint ")
        return re.sub(r"[^a-z]", "", text)

    target = key(name)
    for test in (lambda c: c["name"] == name,
                 lambda c: key(c["name"]) == target,
                 lambda c: any(key(a) == target for a in c.get("alternatenames", []))):
        found = [c for c in cities if test(c)]
        if found:
            return max(found, key=lambda c: c["population"])
    return None


class _CityNames:
    """Ids, names and aliases of the pack's cities, given the entities already in the pack."""

    def __init__(self, pack: Pack, us_states: dict[str, str]) -> None:
        self.pack = pack
        self.us_states = us_states
        self.data = tables.cities()
        self.taken = pack.names_taken()
        for entry in self.data.by_geonames_id.values():
            self.taken.update(entry.aliases, entry.alternates)
        #: GeoNames id of each country's first capital -> the country's ISO code
        self.capital_of = {city["geonameid"]: iso for iso, capitals in pack.capitals.items()
                           for city, _ in capitals[:1]}

    def name_all(self) -> dict[int, tuple[str, str, list[str]]]:
        """GeoNames id -> (entity id, name, aliases) for every city of the pack."""
        cities = self.pack.cities
        bare = {gid: self._bare_name(gid, city) for gid, city in cities.items()}
        plain = self._plain(bare)
        used_ids = set(self.pack.entities)
        result = {}
        for gid in sorted(bare, key=lambda g: (not plain[g], -(cities[g]["population"] or 0), g)):
            city, name = cities[gid], bare[gid]
            entity_id = next(c for c in self._id_candidates(gid, city, name, plain[gid])
                             if c not in used_ids)
            used_ids.add(entity_id)
            if not plain[gid] or name in self.data.stoplist or name in self.taken:
                entry = self.data.by_geonames_id.get(gid, _NO_ENTRY)
                result[gid] = (entity_id, self._qualified(name, city), list(entry.aliases))
            else:
                result[gid] = (entity_id, name, self._aliases(gid, city, name))
        return result

    def _bare_name(self, gid: int, city: dict) -> str:
        """The English name; a capital named like its country is "<name> City"."""
        name = self.data.by_geonames_id.get(gid, _NO_ENTRY).name or clean_name(city["name"])
        if " / " in name:
            name = name.split(" / ")[-1]
        capital_of = self.capital_of.get(gid)
        if name in self.taken and capital_of and name == self.pack.country_names.get(capital_of):
            name = f"{name} City"  # "Djibouti City", "Luxembourg City"
        return name

    def _plain(self, bare: dict[int, str]) -> dict[int, bool]:
        """Whether each city keeps its bare name: first of its namesakes by preferred country, then size."""
        cities = self.pack.cities
        groups: dict[str, list[int]] = defaultdict(list)
        for gid, name in bare.items():
            groups[name].append(gid)
        plain = {}
        for name, gids in groups.items():
            preferred = self.data.preferred_bare_name.get(name)
            gids.sort(key=lambda g: (cities[g]["countrycode"] != preferred,
                                     -(cities[g]["population"] or 0), g))
            for rank, gid in enumerate(gids):
                plain[gid] = rank == 0
        return plain

    @staticmethod
    def _id_candidates(gid: int, city: dict, name: str, plain: bool) -> list[str]:
        """Ids to try in turn: the slug (for the city that keeps the bare name), then qualified ones."""
        base = slug(name)
        iso = city["countrycode"].lower()
        region = slug(city.get("admin1code") or "") or "x"
        return ([base] if plain else []) + [f"{base}-{iso}", f"{base}-{iso}-{region}",
                                             f"{base}-{iso}-{abs(gid)}"]

    def _qualified(self, name: str, city: dict) -> str:
        """The name with its US state or its country: "Austin, Texas", "Reading, United Kingdom"."""
        iso = city["countrycode"]
        region = self.us_states.get(city.get("admin1code") or "") if iso == "US" else None
        return f"{name}, {region or self.pack.country_names[iso]}"

    def _aliases(self, gid: int, city: dict, name: str) -> list[str]:
        """The data file's aliases, then the names GeoNames gives that the city is not named by."""
        stoplist = self.data.stoplist
        entry = self.data.by_geonames_id.get(gid, _NO_ENTRY)
        aliases = list(entry.aliases)
        if fold(name) != name and fold(name) not in stoplist:
            aliases.append(fold(name))
        if city["name"] != name and " / " not in city["name"] and city["name"] not in stoplist:
            aliases.append(city["name"])
        if " / " in city["name"]:
            aliases.append(city["name"].split(" / ")[0])
        alternates = {fold(a) for a in city.get("alternatenames", [])}
        for alias in entry.alternates:
            if fold(alias) in alternates or alias == city["name"]:
                aliases.append(alias)
        return aliases
