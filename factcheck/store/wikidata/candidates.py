"""Statements become candidate facts: the predicate, the object or value, the interval, the source.

Takes one entity and its type; gives :class:`Candidate` facts whose entities are still QIDs,
for the predicates ``data/wikidata/properties.toml`` maps its properties onto and its type may
be the subject of. :mod:`.puller` keeps those whose objects turn out to be of a type the
predicate takes.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.store.wikidata.properties import properties
from factcheck.store.wikidata.values import (
    item_id,
    quantity_value,
    reference_url,
    snak_value,
    statement_rank,
    statements,
    time_qualifier,
    to_number,
    wikidata_time,
)

#: Facts cite the public entity page, whatever mirror or test server they were read from.
WIKI_URL = "https://www.wikidata.org/wiki/"


@dataclass(frozen=True)
class Candidate:
    """A fact read from a statement, with entities still named by QID."""

    subject: str
    predicate: str
    object: str | None = None
    value: int | float | str | None = None
    unit: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    as_of: str | None = None
    rank: str = "normal"
    source: str = ""
    note: str | None = None


def _provenance(qid: str, prop: str, statement: dict) -> tuple[str, str]:
    """(source, note) of a fact: the statement's reference URL, else the entity page's section."""
    page = f"{WIKI_URL}{qid}#{prop}"
    reference = reference_url(statement)
    statement_id = statement.get("id")
    note = f"Wikidata statement {statement_id}" if isinstance(statement_id, str) else f"Wikidata {qid} {prop}"
    if reference:
        return reference, f"{note} ({page})"
    return page, note


def _interval(statement: dict) -> tuple[bool, str | None, str | None]:
    """(usable, valid_from, valid_until) from P580/P582 qualifiers; an unusable end drops the statement.

    A start or end given as "unknown value" or at a coarser precision than a year cannot be
    stated: an unknown end would otherwise read as "still holds".
    """
    has_start, start = time_qualifier(statement, "P580")
    has_end, end = time_qualifier(statement, "P582")
    if has_end and end is None:
        return False, None, None
    if start and end:
        from factcheck.dates import parse_partial_date

        if parse_partial_date(end).date_until < parse_partial_date(start).date_from:
            return False, None, None
    return True, start, end


def entity_candidates(qid: str, entity: dict, entity_type: str) -> list[Candidate]:
    """Every fact the statements of one entity give, for its type; objects still QIDs."""
    out: list[Candidate] = []
    props = properties()

    def allowed(predicate: str) -> bool:
        return entity_type in props.subject_types[predicate]

    # Relations with a validity interval (qualifiers P580/P582), then those without one.
    relations = [(prop, predicate, True) for prop, predicate in props.relations.items()]
    relations += [(prop, predicate, False) for prop, predicate in props.relations_without_interval.items()]
    for prop, predicate, with_interval in relations:
        if not allowed(predicate):
            continue
        for statement in statements(entity, prop):
            target = item_id(snak_value(statement["mainsnak"], "wikibase-entityid"))
            if target is None or target == qid:
                continue
            start = end = None
            if with_interval:
                usable, start, end = _interval(statement)
                if not usable:
                    continue
            source, note = _provenance(qid, prop, statement)
            out.append(Candidate(qid, predicate, object=target, valid_from=start, valid_until=end,
                                  rank=statement_rank(statement), source=source, note=note))
    for prop, predicate in props.dates.items():
        if not allowed(predicate):
            continue
        for statement in statements(entity, prop):
            value = wikidata_time(snak_value(statement["mainsnak"], "time"))
            if value is None:
                continue
            source, note = _provenance(qid, prop, statement)
            out.append(Candidate(qid, predicate, value=value, rank=statement_rank(statement),
                                  source=source, note=note))
    out.extend(_quantity_candidates(qid, entity, entity_type))
    return out


def _quantity_candidates(qid: str, entity: dict, entity_type: str) -> list[Candidate]:
    """Facts from quantity statements in a unit the property takes, converted to the fact's unit."""
    out = []
    props = properties()
    for prop, spec in props.quantities.items():
        if entity_type not in props.subject_types[spec.predicate]:
            continue
        for statement in statements(entity, prop):
            quantity = quantity_value(snak_value(statement["mainsnak"], "quantity"))
            if quantity is None:
                continue
            amount, unit_qid = quantity
            factor = spec.units.get(unit_qid or "1")
            if factor is None:
                continue
            _, as_of = time_qualifier(statement, "P585")
            if spec.as_of_required and as_of is None:
                continue
            source, note = _provenance(qid, prop, statement)
            out.append(Candidate(qid, spec.predicate, value=to_number(amount * factor), unit=spec.unit,
                                  as_of=as_of, rank=statement_rank(statement), source=source, note=note))
    return out
