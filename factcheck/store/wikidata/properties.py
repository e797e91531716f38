"""How Wikidata statements map onto factcheck: ``data/wikidata/properties.toml``, read once.

Takes nothing but the file; gives ``properties()``, one frozen :class:`Properties`: the entity
type of each P31 class, the predicate of each property, the units taken for quantities, and the
entity types each predicate takes. What each table means is written in the file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from types import MappingProxyType

from factcheck import resources


@dataclass(frozen=True)
class Quantity:
    """A property whose quantity value is a fact's value."""

    predicate: str
    unit: str
    as_of_required: bool
    #: Wikidata unit (an item id, or "1" for a plain number) -> factor to ``unit``
    units: Mapping[str, Decimal]


@dataclass(frozen=True)
class Properties:
    """The tables of properties.toml."""

    type_order: tuple[str, ...]
    julian_calendar: str
    instance_types: Mapping[str, str]
    relations: Mapping[str, str]
    relations_without_interval: Mapping[str, str]
    dates: Mapping[str, str]
    quantities: Mapping[str, Quantity]
    subject_types: Mapping[str, frozenset[str]]
    object_types: Mapping[str, frozenset[str]]
    object_hints: Mapping[str, str]


def _frozen(mapping: Mapping) -> Mapping:
    """A read-only copy."""
    return MappingProxyType(dict(mapping))


def _types(mapping: Mapping[str, list[str]]) -> Mapping[str, frozenset[str]]:
    """A read-only map of frozen sets."""
    return _frozen({key: frozenset(values) for key, values in mapping.items()})


@cache
def properties() -> Properties:
    """The tables of ``data/wikidata/properties.toml``."""
    path = resources.data_dir() / "wikidata" / "properties.toml"
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    quantities = {prop: Quantity(predicate=spec["predicate"], unit=spec["unit"],
                                 as_of_required=spec["as_of_required"],
                                 units=_frozen({unit: Decimal(factor)
                                                for unit, factor in spec["units"].items()}))
                  for prop, spec in data["quantities"].items()}
    return Properties(
        type_order=tuple(data["type_order"]),
        julian_calendar=data["julian_calendar"],
        instance_types=_frozen(data["instance_types"]),
        relations=_frozen(data["relations"]),
        relations_without_interval=_frozen(data["relations_without_interval"]),
        dates=_frozen(data["dates"]),
        quantities=_frozen(quantities),
        subject_types=_types(data["subject_types"]),
        object_types=_types(data["object_types"]),
        object_hints=_frozen(data["object_hints"]),
    )
