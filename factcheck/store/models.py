"""The fact store as SQLAlchemy 2.0 typed ORM classes, mapped onto the tables of :mod:`factcheck.store.schema`.

Library code on the hot paths (import, lookups) uses the Core tables; these classes are for
Python users of the store and for Alembic's model/migration comparison.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import DeclarativeBase, Mapped

from factcheck.store import schema
from factcheck.store.schema import ENTITY_TYPES, FACT_RANKS, NAMING_CONVENTION, PLACE_TYPES  # noqa: F401  (re-exported)


class Base(DeclarativeBase):
    metadata = schema.metadata


class ImportRecord(Base):
    """Who or what brought facts into the store: a file (with its hash), a command, a pack or a pull."""

    __table__ = schema.IMPORTS

    id: Mapped[int]
    kind: Mapped[str]
    origin: Mapped[str]
    sha256: Mapped[str | None]
    actor: Mapped[str | None]
    reason: Mapped[str | None]
    entities_changed: Mapped[int]
    facts_added: Mapped[int]
    created_at: Mapped[datetime]


class Entity(Base):
    __table__ = schema.ENTITIES

    id: Mapped[str]
    name: Mapped[str]
    type: Mapped[str]
    title: Mapped[str | None]
    jurisdiction_id: Mapped[str | None]
    seats: Mapped[int | None]
    import_id: Mapped[int | None]
    created_at: Mapped[datetime]


class Alias(Base):
    """One way an entity is written in text: an alias or a demonym."""

    __table__ = schema.ALIASES

    id: Mapped[int]
    entity_id: Mapped[str]
    kind: Mapped[str]
    text: Mapped[str]


class Name(Base):
    """One way an entity is written, indexed by its first token: its name, an alias or a demonym."""

    __table__ = schema.NAMES

    id: Mapped[int]
    entity_id: Mapped[str]
    kind: Mapped[str]
    text: Mapped[str]
    first_token: Mapped[str]
    composite: Mapped[int]


class Predicate(Base):
    __table__ = schema.PREDICATES

    name: Mapped[str]
    kind: Mapped[str]


class Fact(Base):
    __table__ = schema.FACTS

    id: Mapped[int]
    key: Mapped[str]
    subject_id: Mapped[str]
    predicate: Mapped[str]
    object_id: Mapped[str | None]
    value_number: Mapped[float | None]
    value_date: Mapped[str | None]
    unit: Mapped[str | None]
    valid_from: Mapped[str | None]
    valid_until: Mapped[str | None]
    as_of: Mapped[str | None]
    source: Mapped[str | None]
    note: Mapped[str | None]
    rank: Mapped[str]
    created_at: Mapped[datetime]
    import_id: Mapped[int | None]


class _Change:
    """What a history row records of one change (see schema's history tables)."""

    action: Mapped[str]
    actor: Mapped[str | None]
    changed_at: Mapped[datetime]
    before: Mapped[str | None]
    after: Mapped[str | None]
    import_id: Mapped[int | None]
    reason: Mapped[str | None]


class FactChange(_Change, Base):
    """One change to a fact after it was stored: an edit, a retirement, a removal, a merge."""

    __table__ = schema.HISTORY

    id: Mapped[int]
    fact_id: Mapped[int]


class EntityChange(_Change, Base):
    """One change to an entity: added, changed by an import, aliases added or removed, merged."""

    __table__ = schema.ENTITY_HISTORY

    id: Mapped[int]
    entity_id: Mapped[str]
