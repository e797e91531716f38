"""Countries and continents: one entity each, named and aliased from GeoNames, ISO 3166 and data.

Takes the :class:`~.pack.Pack` with its GeoNames data; adds a country entity for every GeoNames
country and territory (those ``data/world/countries.toml`` skips left out) and a region entity
for every continent, and records each country's id and name by ISO code for the later steps.
"""

from __future__ import annotations

import re

from factcheck.store.worldpack import tables
from factcheck.store.worldpack.names import clean_name, fold, slug
from factcheck.store.worldpack.pack import Pack


def add_countries(pack: Pack) -> None:
    """Country entities, then the continents' region entities."""
    data = tables.countries()
    pack.countries = {iso: country for iso, country in pack.geonames.get_countries().items()
                      if iso not in data.skipped}
    for iso, country in sorted(pack.countries.items()):
        name = data.names.get(iso, clean_name(country["name"]))
        entity_id = slug(name)
        pack.country_ids[iso] = entity_id
        pack.country_names[iso] = name
        written = data.aliases.get(iso, ())
        aliases = [*written, *_iso_aliases(pack, iso)]
        aliases += [fold(a) for a in [name, *aliases]]
        demonyms = data.demonyms.get(iso, ())
        ids = {"iso3166": iso, "iso3166_alpha3": country["iso3"], "geonames": str(country["geonameid"])}
        pack.add_entity(entity_id, name, "country", aliases, demonyms, kept=(*written, *demonyms), ids=ids)
    for entity_id, name in data.continents.values():
        pack.add_entity(entity_id, name, "region", [])


def _iso_aliases(pack: Pack, iso: str) -> list[str]:
    """The ISO 3166 names and the codes that are not words or abbreviations of something else."""
    data = tables.countries()
    record = pack.pycountry.countries.get(alpha_2=iso)
    if record is None:
        return ["XK"] if iso == "XK" else []  # Kosovo: a user-assigned code, not in ISO 3166
    aliases = []
    for attr in ("name", "official_name", "common_name"):
        value = getattr(record, attr, None)
        if value and ", " not in value and "(" not in value:
            aliases.append(re.sub(r"^the ", "", value))
    if record.alpha_2 not in data.excluded_alpha2:
        aliases.append(record.alpha_2)
    if record.alpha_3 not in data.excluded_alpha3:
        aliases.append(record.alpha_3)
    return aliases
