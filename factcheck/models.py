"""The fact store's tables, as SQLAlchemy 2.0 typed models.

Dates are stored as ISO text of year, month or day precision (``2023``, ``2023-09``,
``2023-09-01``) because the interchange format keeps that precision and the verdicts
reason about it; ISO text sorts in date order at equal precision.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ENTITY_TYPES = (
    "person", "country", "region", "city", "organization", "office",
    "event", "commodity", "currency", "other",
)
PLACE_TYPES = ("country", "region", "city")
FACT_RANKS = ("preferred", "normal", "deprecated")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ImportRecord(Base):
    """Who or what brought facts into the store: a file (with its hash), a command or a pull."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    origin: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    actor: Mapped[str | None] = mapped_column(String(200))
    entities_changed: Mapped[int] = mapped_column(Integer, default=0)
    facts_added: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Entity(Base):
    __tablename__ = "entities"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    type: Mapped[str] = mapped_column(String(32), index=True)
    title: Mapped[str | None] = mapped_column(String(200))
    jurisdiction_id: Mapped[str | None] = mapped_column(ForeignKey("entities.id"), index=True)
    seats: Mapped[int | None] = mapped_column(Integer)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("imports.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Alias(Base):
    """One way an entity is written in text: its name, an alias, or a demonym."""

    __tablename__ = "aliases"
    __table_args__ = (UniqueConstraint("entity_id", "kind", "text"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(String(500), index=True)


class Predicate(Base):
    """A predicate that facts in this store use, with the semantic kind it had when first used."""

    __tablename__ = "predicates"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))


class Fact(Base):
    __tablename__ = "facts"
    __table_args__ = (
        Index("ix_facts_subject_predicate", "subject_id", "predicate"),
        Index("ix_facts_object_predicate", "object_id", "predicate"),
        Index("ix_facts_predicate_as_of", "predicate", "as_of"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # (subject, predicate, object/value, valid_from): the identity under which a fact is stored once.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    subject_id: Mapped[str] = mapped_column(ForeignKey("entities.id"))
    predicate: Mapped[str] = mapped_column(ForeignKey("predicates.name"))
    object_id: Mapped[str | None] = mapped_column(ForeignKey("entities.id"))
    value_number: Mapped[float | None] = mapped_column(Float)
    value_date: Mapped[str | None] = mapped_column(String(10))
    unit: Mapped[str | None] = mapped_column(String(32))
    valid_from: Mapped[str | None] = mapped_column(String(10))
    valid_until: Mapped[str | None] = mapped_column(String(10))
    as_of: Mapped[str | None] = mapped_column(String(10))
    source: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    rank: Mapped[str] = mapped_column(String(16), default="normal")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("imports.id"), index=True)


class FactChange(Base):
    """One change to a fact after it was stored: an edit, a retirement, a removal.

    ``before`` and ``after`` are the fact as interchange JSON; a removed fact keeps its history.
    """

    __tablename__ = "fact_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[int] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str | None] = mapped_column(String(200))
    changed_at: Mapped[datetime] = mapped_column(DateTime)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
