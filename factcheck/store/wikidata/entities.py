"""What describes an entity: its English label, aliases and demonyms, its type, an office's title and seats.

Takes entities as ``wbgetentities`` gives them; gives the parts of an entity record.
"""

from __future__ import annotations

from collections.abc import Iterable

from factcheck.store.wikidata.properties import properties
from factcheck.store.wikidata.values import (
    item_values,
    quantity_value,
    snak_value,
    statement_rank,
    statements,
)


def english_label(entity: dict) -> str | None:
    """The English label, or None."""
    label = ((entity.get("labels") or {}).get("en") or {}).get("value")
    return label.strip() if isinstance(label, str) and label.strip() else None


def english_aliases(entity: dict) -> list[str]:
    """The English aliases, in Wikidata's order."""
    out = []
    for alias in (entity.get("aliases") or {}).get("en") or ():
        text = (alias or {}).get("value") if isinstance(alias, dict) else None
        if isinstance(text, str) and text.strip():
            out.append(text.strip())
    return out


def base_type(entity: dict) -> str:
    """The entity type its P31 classes give, the first in ``type_order``; "other" if none."""
    props = properties()
    found = {props.instance_types[q] for q in item_values(entity, "P31") if q in props.instance_types}
    for entity_type in props.type_order:
        if entity_type in found:
            return entity_type
    return "other"


def english_demonyms(entity: dict) -> list[str]:
    """English demonyms (P1549), deprecated statements left out."""
    out = []
    for statement in statements(entity, "P1549"):
        if statement_rank(statement) == "deprecated":
            continue
        value = snak_value(statement["mainsnak"], "monolingualtext")
        if isinstance(value, dict) and value.get("language") == "en":
            text = str(value.get("text", "")).strip()
            if text and text not in out:
                out.append(text)
    return out


def seat_count(entity: dict) -> int:
    """P1342 (number of seats) where the office states it, else 1."""
    for statement in statements(entity, "P1342"):
        if statement_rank(statement) == "deprecated":
            continue
        quantity = quantity_value(snak_value(statement["mainsnak"], "quantity"))
        if quantity and quantity[1] is None and quantity[0] >= 1 and quantity[0] == int(quantity[0]):
            return int(quantity[0])
    return 1


def office_title(label: str, jurisdiction_names: Iterable[str]) -> str:
    """The office's title: its label without the jurisdiction.

    "President of the People's Republic of China" -> "President";
    "United States Secretary of State" -> "Secretary of State". Names are tried longest first;
    a label that names no jurisdiction is its own title.
    """
    names = sorted({n.strip() for n in jurisdiction_names if n and n.strip()}, key=len, reverse=True)
    title = label.strip()
    folded = title.casefold()
    for name in names:
        key = name.casefold()
        for suffix in (f" of the {key}", f" of {key}", f", {key}", f" ({key})"):
            if folded.endswith(suffix) and len(folded) > len(suffix):
                title = title[:len(title) - len(suffix)].strip()
                folded = title.casefold()
                break
        else:
            continue
        break
    for name in names:
        key = name.casefold()
        for prefix in (f"{key}'s ", f"{key} "):
            if folded.startswith(prefix) and len(folded) > len(prefix):
                title = title[len(prefix):].strip()
                folded = title.casefold()
                break
        else:
            continue
        break
    return title
