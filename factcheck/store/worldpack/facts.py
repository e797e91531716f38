"""The world pack's facts: continents, capitals, currencies, populations, areas, borders.

Takes the :class:`~.pack.Pack` once every entity is in it; adds the facts of the countries (in
the order of their ids) and of the cities (likewise). Each fact names its source: the GeoNames
or ISO data, or the page ``data/world/`` cites for a date or a further capital.
"""

from __future__ import annotations

from factcheck.store.worldpack import tables
from factcheck.store.worldpack.pack import Pack


def add_country_facts(pack: Pack) -> None:
    """Per country: continent, capitals, currency, population and area; then the borders."""
    for iso in sorted(pack.countries, key=lambda i: pack.country_ids[i]):
        _continent_fact(pack, iso)
        _capital_facts(pack, iso)
        _currency_facts(pack, iso)
        _size_facts(pack, iso)
    _border_facts(pack)


def add_city_facts(pack: Pack) -> None:
    """Per city: the country it is in, and its population where GeoNames gives one."""
    geo = pack.provenance.geonames
    for gid, entity_id in sorted(pack.city_ids.items(), key=lambda item: item[1]):
        city = pack.cities[gid]
        pack.add_fact(entity_id, "located_in", object=pack.country_ids[city["countrycode"]],
                      source=geo, note=None)
        if city.get("population"):
            pack.add_fact(entity_id, "population", value=int(city["population"]), unit="people",
                          source=geo, note=f"GeoNames city population (GeoNames id {gid}); GeoNames "
                                           f"gives no census or estimate date, so the figure has none: "
                                           f"it supports a claim it matches and contradicts none")


def _continent_fact(pack: Pack, iso: str) -> None:
    """The continent the country is on, as a located_in fact."""
    country = pack.countries[iso]
    continent = tables.countries().continents.get(country.get("continentcode"))
    if continent:
        region_id, region_name = continent
        pack.add_fact(pack.country_ids[iso], "located_in", object=region_id,
                      source=pack.provenance.geonames,
                      note=f"continent {region_name} (GeoNames continent code {country['continentcode']})")


def _capital_facts(pack: Pack, iso: str) -> None:
    """The capital GeoNames gives (with the date it became capital, where known), then the others."""
    data = tables.capitals()
    for index, (city, note) in enumerate(pack.capitals.get(iso, [])):
        since, since_source = data.since.get(iso, (None, None)) if index == 0 else (None, None)
        parts = [note] if note else []
        if since:
            parts.append(f"capital since {since} ({since_source})")
        if city["geonameid"] < 0:
            parts.append("city not in the GeoNames cities15000 table: no population")
        pack.add_fact(pack.country_ids[iso], "capital", object=pack.city_ids[city["geonameid"]],
                      valid_from=since,
                      source=pack.provenance.geonames if index == 0 else data.extra_source,
                      note="; ".join(parts) or None)


def _currency_facts(pack: Pack, iso: str) -> None:
    """The currency in use, since when where known; a replaced one until it was replaced."""
    data = tables.currencies()
    subject = pack.country_ids[iso]
    code = pack.countries[iso].get("currencycode")
    source = f"{pack.provenance.geonames}; {pack.provenance.pycountry}"
    replaced = data.replaced.get(iso)
    if replaced is not None:
        documented = data.since[iso].source
        if replaced.code == code and code in pack.currency_ids:
            pack.add_fact(subject, "currency", object=pack.currency_ids[code], valid_until=replaced.until,
                          source=source, note=f"ISO 4217 {code} until {replaced.until} ({documented})")
        code = replaced.by
        source = f"{documented}; {pack.provenance.pycountry}"
    if not code or code not in pack.currency_ids:
        return
    since = data.since.get(iso)
    if since is not None and since.currency != code:
        since = None  # the date is for a currency the country does not use yet
    note = f"ISO 4217 {code}"
    if since is not None:
        note += f"; {since.note} ({since.source})"
    pack.add_fact(subject, "currency", object=pack.currency_ids[code],
                  valid_from=since.date if since else None, source=source, note=note)


def _size_facts(pack: Pack, iso: str) -> None:
    """Population (undated: GeoNames gives no census or estimate date) and area."""
    country = pack.countries[iso]
    subject = pack.country_ids[iso]
    geo = pack.provenance.geonames
    if country.get("population"):
        pack.add_fact(subject, "population", value=int(country["population"]), unit="people",
                      source=geo, note="GeoNames country population; GeoNames gives no census or "
                                       "estimate date, so the figure has none: it supports a claim it "
                                       "matches and contradicts none")
    if country.get("areakm2"):
        pack.add_fact(subject, "area", value=float(country["areakm2"]), unit="km2", source=geo,
                      note="GeoNames country area")


def _border_facts(pack: Pack) -> None:
    """One fact per pair of neighbours, the pair in the order of their ids."""
    pairs = set()
    for iso, country in pack.countries.items():
        for other in (country.get("neighbours") or "").split(","):
            other = other.strip()
            if other in pack.country_ids and other != iso:
                pairs.add(tuple(sorted((pack.country_ids[iso], pack.country_ids[other]))))
    for a, b in sorted(pairs):
        pack.add_fact(a, "borders", object=b, source=pack.provenance.geonames,
                      note="GeoNames country neighbours")
