"""A pull: entities read in rounds, their statements turned into facts, all as interchange records.

Takes the QIDs asked for, an :class:`~.transport.Http` and the title variants; gives records,
entities first (offices last), then facts. Round one reads the entities asked for; round two
the entities their facts point at and the jurisdictions of offices asked for; round three the
jurisdictions of the offices found in round two.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import replace

from factcheck.store.wikidata.candidates import Candidate, entity_candidates
from factcheck.store.wikidata.entities import (
    base_type,
    english_aliases,
    english_demonyms,
    english_label,
    office_title,
    seat_count,
)
from factcheck.store.wikidata.ids import QID, qid_number, slugify
from factcheck.store.wikidata.properties import properties
from factcheck.store.wikidata.transport import Http, WikidataError
from factcheck.store.wikidata.values import item_values

BATCH = 50                      # wbgetentities takes at most 50 ids a request


class Puller:
    """One pull: the entities read so far (by every id they answer to) and what is known of them."""

    def __init__(self, http: Http, base_url: str, titles: Mapping[str, str]) -> None:
        self.http = http
        self.titles = titles
        self.base_url = base_url.rstrip("/")
        self.raw: dict[str, dict] = {}
        self.missing: set[str] = set()
        self.types: dict[str, str] = {}      # QID -> the type P31 gives
        self.hints: dict[str, str] = {}      # QID -> the type the statements naming it imply

    def fetch(self, qids: Iterable[str]) -> None:
        """Read the entities not read yet, ``BATCH`` ids a request; ids Wikidata lacks are noted."""
        todo = sorted({q for q in qids if q not in self.raw and q not in self.missing},
                      key=qid_number)
        for start in range(0, len(todo), BATCH):
            batch = todo[start:start + BATCH]
            url = (f"{self.base_url}/w/api.php?action=wbgetentities&ids={'|'.join(batch)}"
                   "&props=labels|aliases|claims|descriptions&languages=en&format=json")
            data = self.http.get_json(url)
            if not isinstance(data, dict):
                raise WikidataError(f"{url}: unexpected response (not a JSON object)", url=url)
            if "error" in data:
                error = data["error"] if isinstance(data["error"], dict) else {}
                raise WikidataError(f"{url}: Wikidata API error {error.get('code', '?')}: "
                                    f"{error.get('info', data['error'])}", url=url)
            entities = data.get("entities")
            if not isinstance(entities, dict):
                raise WikidataError(f"{url}: unexpected response (no 'entities')", url=url)
            for key, entity in entities.items():
                if not isinstance(entity, dict) or "missing" in entity:
                    continue
                ids = {key.upper(), str(entity.get("id", "")).upper()}
                # A redirected id answers with the target's entity: file it under both.
                redirect = entity.get("redirects")
                if isinstance(redirect, dict):
                    ids.update(str(redirect.get(k, "")).upper() for k in ("from", "to"))
                for qid in ids:
                    if QID.match(qid):
                        self.raw[qid] = entity
            self.missing.update(q for q in batch if q not in self.raw)

    def run(self, wanted: list[str]) -> list[dict]:
        """Records for the entities ``wanted``: entities (offices last), then facts."""
        self.fetch(wanted)
        requested = list(dict.fromkeys(self._canon(q) for q in wanted if q in self.raw))
        candidates = [candidate for qid in requested
                      for candidate in entity_candidates(qid, self.raw[qid], self._base_type(qid))]
        # Round two: what the statements point at, and the jurisdictions of requested offices.
        self.fetch([c.object for c in candidates if c.object]
                   + [j for q in requested if self._base_type(q) == "office"
                      for j in self._jurisdictions(q)])
        self.hints = self._object_hints(candidates)
        kept = self._kept(candidates)
        described = list(dict.fromkeys(requested + [c.object for c in kept if c.object]))
        offices = [q for q in described if self._type_of(q) == "office"]
        # Round three: the jurisdictions of the offices pulled in round two.
        self.fetch(j for q in offices for j in self._jurisdictions(q))
        jurisdiction = self._jurisdiction_of(offices)
        described = list(dict.fromkeys(described + list(jurisdiction.values())))
        return self._records(described, kept, jurisdiction)

    def _base_type(self, qid: str) -> str:
        """The type P31 gives, worked out once per entity."""
        if qid not in self.types:
            self.types[qid] = base_type(self.raw[qid])
        return self.types[qid]

    def _object_hints(self, candidates: list[Candidate]) -> dict[str, str]:
        """QID -> the type the statements naming it imply: a P39 value is an office."""
        hints: dict[str, str] = {}
        object_hints = properties().object_hints
        for candidate in candidates:
            if candidate.object and candidate.object in self.raw:
                if candidate.predicate == "holds_office":
                    hints[candidate.object] = "office"
                elif candidate.predicate in object_hints:
                    hints.setdefault(candidate.object, object_hints[candidate.predicate])
        return hints

    def _type_of(self, qid: str) -> str:
        """The entity's type: from P31, unless a statement naming it says more."""
        base = self._base_type(qid)
        hint = self.hints.get(qid)
        if hint == "office" and base not in ("person", "country"):
            return "office"
        return hint if hint and base == "other" else base

    def _kept(self, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates whose object was pulled and is of a type the predicate takes."""
        object_types = properties().object_types
        candidates = [replace(c, object=self._canon(c.object)) if c.object in self.raw else c
                      for c in candidates]
        return [c for c in candidates if c.object is None or (
            c.object in self.raw and c.object != c.subject
            and self._type_of(c.object) in object_types[c.predicate])]

    def _jurisdiction_of(self, offices: list[str]) -> dict[str, str]:
        """Office QID -> the QID of its first jurisdiction that was pulled."""
        jurisdiction = {}
        for qid in offices:
            found = [self._canon(j) for j in self._jurisdictions(qid) if j in self.raw and j != qid]
            if found:
                jurisdiction[qid] = found[0]
        return jurisdiction

    def _records(self, described: list[str], kept: list[Candidate],
                 jurisdiction: dict[str, str]) -> list[dict]:
        """Entity records, then fact records without repeats, each in a stable order."""
        slugs = self._slugs(described)
        entities = [self._entity(q, self._type_of(q), slugs, jurisdiction.get(q)) for q in described]
        # Offices after everything else, so each jurisdiction is stored before the offices that
        # refer to it (the store inserts in record order, with foreign keys on).
        entities.sort(key=lambda e: (e["type"] == "office", e["id"]))
        facts = [self._fact(c, slugs) for c in kept]
        facts = list({json.dumps(f, sort_keys=True): f for f in facts}.values())
        facts.sort(key=_fact_key)
        return entities + facts

    def _canon(self, qid: str) -> str:
        """The id Wikidata files an entity under (a redirected id gives its target)."""
        found = str(self.raw[qid].get("id", "")).upper()
        return found if QID.match(found) and found in self.raw else qid

    def _jurisdictions(self, qid: str) -> list[str]:
        """The P1001 (applies to jurisdiction) values of an entity that was read."""
        entity = self.raw.get(qid)
        return item_values(entity, "P1001") if entity else []

    def _slugs(self, qids: list[str]) -> dict[str, str]:
        """QID -> entity id: the label's slug; a namesake with a higher QID number gets "-<qid>"."""
        plain: dict[str, list[str]] = {}
        for qid in qids:
            base = slugify(english_label(self.raw[qid]) or "") or qid.lower()
            plain.setdefault(base, []).append(qid)
        slugs = {}
        for base, owners in plain.items():
            owners.sort(key=qid_number)
            slugs[owners[0]] = base
            for qid in owners[1:]:
                slugs[qid] = f"{base}-{qid.lower()}"
        # A suffixed slug could equal another entity's plain one ("x-q5" labelled so): fall back to the QID.
        seen: dict[str, str] = {}
        for qid in sorted(qids, key=qid_number):
            if slugs[qid] in seen:
                slugs[qid] = qid.lower()
            seen[slugs[qid]] = qid
        return slugs

    def _entity(self, qid: str, entity_type: str, slugs: dict[str, str],
                jurisdiction: str | None) -> dict:
        """The entity record: name, aliases (with the QID), type; demonyms; an office's title and seats."""
        entity = self.raw[qid]
        name = english_label(entity) or qid
        aliases = [a for a in dict.fromkeys(english_aliases(entity) + [qid]) if a != name]
        record: dict = {"kind": "entity", "id": slugs[qid], "name": name, "type": entity_type,
                        "aliases": aliases, "ids": {"wikidata": qid}}
        if entity_type in ("country", "region"):
            demonyms = english_demonyms(entity)
            if demonyms:
                record["demonyms"] = demonyms
        if entity_type == "office":
            names: list[str] = []
            if jurisdiction is not None:
                place = self.raw[jurisdiction]
                record["jurisdiction"] = slugs[jurisdiction]
                names = [english_label(place) or "", *english_aliases(place), *english_demonyms(place)]
            title = office_title(name, names)
            record["title"] = self.titles.get(title.casefold(), title)
            record["seats"] = seat_count(entity)
        return record

    @staticmethod
    def _fact(candidate: Candidate, slugs: dict[str, str]) -> dict:
        """The fact record of a candidate, its entities named by their ids."""
        record: dict = {"kind": "fact", "subject": slugs[candidate.subject],
                        "predicate": candidate.predicate}
        if candidate.object is not None:
            record["object"] = slugs[candidate.object]
        for key in ("value", "unit", "valid_from", "valid_until", "as_of"):
            value = getattr(candidate, key)
            if value is not None:
                record[key] = value
        record["source"] = candidate.source
        if candidate.note:
            record["note"] = candidate.note
        record["rank"] = candidate.rank
        return record


def _fact_key(record: dict) -> tuple:
    """Facts sort by subject, predicate, object or value, then the rest."""
    value = record.get("value")
    return (record["subject"], record["predicate"], record.get("object") or "",
            "" if value is None else (value if isinstance(value, str) else f"{float(value):024.6f}"),
            record.get("valid_from") or "", record.get("valid_until") or "",
            record.get("as_of") or "", record.get("rank", ""), record.get("source", ""),
            record.get("note", ""))
