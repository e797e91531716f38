"""Reading a Wikidata entity's statements: their values, qualifiers, ranks and references.

Takes entities as ``wbgetentities`` gives them (JSON objects); gives plain values: item ids,
dates as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, quantities as (Decimal, unit), ranks,
reference URLs. Anything malformed or of another type reads as None, never as an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from factcheck.store.wikidata.ids import QID
from factcheck.store.wikidata.properties import properties

_TIME = re.compile(r"^([+-])(\d{1,16})-(\d{2})-(\d{2})T")
_ENTITY_UNIT = re.compile(r"/entity/(Q[1-9][0-9]*)$")


def statements(entity: dict, prop: str) -> Iterator[dict]:
    """The well-formed statements of ``prop``, in Wikidata's order."""
    claims = entity.get("claims")
    if not isinstance(claims, dict):
        return
    for statement in claims.get(prop) or ():
        if isinstance(statement, dict) and isinstance(statement.get("mainsnak"), dict):
            yield statement


def snak_value(snak: Any, value_type: str) -> Any:
    """The datavalue of a snak of type ``value_type``, or None (no value, unknown value, other type)."""
    if not isinstance(snak, dict) or snak.get("snaktype") != "value":
        return None
    datavalue = snak.get("datavalue")
    if not isinstance(datavalue, dict) or datavalue.get("type") != value_type:
        return None
    return datavalue.get("value")


def item_id(value: Any) -> str | None:
    """The QID of an item value (an entity-id datavalue), or None."""
    if not isinstance(value, dict) or value.get("entity-type", "item") != "item":
        return None
    qid = value.get("id")
    if isinstance(qid, str) and QID.match(qid):
        return qid.upper()
    numeric = value.get("numeric-id")
    if isinstance(numeric, int) and numeric > 0:
        return f"Q{numeric}"
    return None


def item_values(entity: dict, prop: str) -> list[str]:
    """Item values of a property, preferred statements first, deprecated ones left out."""
    kept = [s for s in statements(entity, prop) if statement_rank(s) != "deprecated"]
    kept.sort(key=lambda s: 0 if statement_rank(s) == "preferred" else 1)
    values = []
    for statement in kept:
        target = item_id(snak_value(statement["mainsnak"], "wikibase-entityid"))
        if target and target not in values:
            values.append(target)
    return values


def time_qualifier(statement: dict, prop: str) -> tuple[bool, Any]:
    """(present, time string or None) for a time qualifier; present-but-None means unusable."""
    snaks = (statement.get("qualifiers") or {}).get(prop) or []
    if not snaks:
        return False, None
    for snak in snaks:
        text = wikidata_time(snak_value(snak, "time"))
        if text is not None:
            return True, text
    return True, None


def reference_url(statement: dict) -> str | None:
    """The first reference URL (P854) of a statement, or None."""
    for reference in statement.get("references") or ():
        for snak in ((reference or {}).get("snaks") or {}).get("P854") or ():
            url = snak_value(snak, "string")
            if isinstance(url, str) and url.startswith(("http://", "https://")):
                return url
    return None


def quantity_value(value: Any) -> tuple[Decimal, str | None] | None:
    """(amount, unit QID or None for a plain number) of a quantity value."""
    if not isinstance(value, dict):
        return None
    try:
        amount = Decimal(str(value.get("amount")))
    except (InvalidOperation, ValueError):
        return None
    if not amount.is_finite():
        return None
    unit = str(value.get("unit", "1"))
    if unit == "1":
        return amount, None
    match = _ENTITY_UNIT.search(unit)
    return (amount, match.group(1)) if match else None


def to_number(amount: Decimal) -> int | float:
    """An int where the amount is whole, else a float rounded to six decimals."""
    if amount == amount.to_integral_value():
        return int(amount)
    return float(round(amount, 6))


def statement_rank(statement: dict) -> str:
    """"preferred", "normal" or "deprecated" (anything else reads as normal)."""
    rank = statement.get("rank")
    return rank if rank in ("preferred", "normal", "deprecated") else "normal"


def wikidata_time(value: dict) -> str | None:
    """A Wikidata time value as YYYY-MM-DD, YYYY-MM or YYYY by its precision; None if coarser or BCE."""
    if not isinstance(value, dict):
        return None
    match = _TIME.match(str(value.get("time", "")))
    precision = value.get("precision")
    if not match or match.group(1) == "-" or precision not in (9, 10, 11):
        return None
    year, month, day = int(match.group(2)), int(match.group(3)), int(match.group(4))
    if not 1 <= year <= 9999:
        return None
    if precision == 9:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if precision == 10:
        return f"{year:04d}-{month:02d}"
    try:
        if str(value.get("calendarmodel", "")).endswith("/" + properties().julian_calendar):
            day_value = _julian_to_gregorian(year, month, day)
        else:
            day_value = date(year, month, day)
    except ValueError:
        return None
    return day_value.isoformat()


def _julian_to_gregorian(year: int, month: int, day: int) -> date:
    """The Gregorian date of a Julian-calendar day (through the Julian day number)."""
    if not 1 <= day <= 31:
        raise ValueError("bad day")
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return date.fromordinal(jdn - 1721425)
