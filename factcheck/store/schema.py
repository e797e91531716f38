"""The fact store's tables in SQLAlchemy Core.

The read and import paths use these tables directly (no ORM import on the way to a verdict);
:mod:`factcheck.store.models` maps the typed ORM classes onto the same tables, and the Alembic
migrations in ``db/`` create them. Dates are stored as ISO text of year, month or day precision
(``2023``, ``2023-09``, ``2023-09-01``) because the interchange format keeps that precision.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.engine import Connection

from factcheck.errors import StoreError

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
#: The ``aliases.kind`` of an entity's external ids, kept as "scheme:value" ("wikidata:Q148",
#: "iso3166:CN"): ids in other systems, never names looked for in text.
EXTERNAL = "external"

metadata = MetaData(naming_convention=NAMING_CONVENTION)

#: Who or what brought facts into the store: a file (with its hash), a command, a pack or a pull.
IMPORTS = Table(
    "imports", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("origin", Text, nullable=False),
    Column("sha256", String(64)),
    Column("entities_changed", Integer, nullable=False),
    Column("facts_added", Integer, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("actor", String(200)),
    Column("reason", Text),
)

ENTITIES = Table(
    "entities", metadata,
    Column("id", String(200), primary_key=True),
    Column("name", String(500), nullable=False),
    Column("type", String(32), nullable=False, index=True),
    Column("title", String(200)),
    Column("jurisdiction_id", String(200), ForeignKey("entities.id"), index=True),
    Column("seats", Integer),
    Column("import_id", Integer, ForeignKey("imports.id")),
    Column("created_at", DateTime, nullable=False),
)

#: One way an entity is written in text: an alias or a demonym (its name is on the entity).
ALIASES = Table(
    "aliases", metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", String(200), ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("text", String(500), nullable=False, index=True),
    UniqueConstraint("entity_id", "kind", "text"),
)

#: Every way an entity is written in text, indexed by the token it starts with: its name, and
#: its aliases and demonyms (the rows of ``entities`` and ``aliases`` a lexicon is built from).
#: Extraction asks it, once per article, for the names whose first token
#: (:func:`factcheck.text.lexicon.first_token`) is a token of the article, instead of loading
#: every name. Kept in step by every write to ``entities`` or ``aliases``.
NAMES = Table(
    "names", metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", String(200), ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("text", String(500), nullable=False),
    Column("first_token", String(500), nullable=False, index=True),
    # how an alias stands to the entity's other names (factcheck.text.lexicon.composite_kind):
    # 0 a name of its own, 1 "Lima, Peru", 2 "state of Johor"
    Column("composite", SmallInteger, nullable=False),
    UniqueConstraint("entity_id", "kind", "text"),
)

#: A predicate facts in this store use, with the semantic kind it had when first used.
PREDICATES = Table(
    "predicates", metadata,
    Column("name", String(100), primary_key=True),
    Column("kind", String(32), nullable=False),
)

#: Fact ids are never reused: AUTOINCREMENT on SQLite, an identity column on PostgreSQL, and an
#: id a removed fact had is never given to another (``facts history`` keeps each id's one life).
FACTS = Table(
    "facts", metadata,
    Column("id", Integer, Identity(), primary_key=True),
    # (subject, predicate, object/value, valid_from): the identity under which a fact is stored once.
    Column("key", String(64), nullable=False, unique=True),
    Column("subject_id", String(200), ForeignKey("entities.id"), nullable=False),
    Column("predicate", String(100), ForeignKey("predicates.name"), nullable=False),
    Column("object_id", String(200), ForeignKey("entities.id")),
    Column("value_number", Float),
    Column("value_date", String(10)),
    Column("unit", String(32)),
    Column("valid_from", String(10)),
    Column("valid_until", String(10)),
    Column("as_of", String(10)),
    Column("source", Text),
    Column("note", Text),
    Column("rank", String(16), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("import_id", Integer, ForeignKey("imports.id"), index=True),
    Index("ix_facts_subject_predicate", "subject_id", "predicate"),
    Index("ix_facts_object_predicate", "object_id", "predicate"),
    Index("ix_facts_predicate_as_of", "predicate", "as_of"),
    sqlite_autoincrement=True,
)

#: One change to a stored fact (edit, retire, remove, merge, an import that updated it), with the
#: fact before and after as JSON, who made it, why, and the import (file) it came from.
def _change_columns() -> list[Column]:
    """What a history row records of one change: what, who, when, the record before and after
    as JSON, the import it came with and why."""
    return [
        Column("action", String(16), nullable=False),
        Column("actor", String(200)),
        Column("changed_at", DateTime, nullable=False),
        Column("before", Text),
        Column("after", Text),
        Column("import_id", Integer, ForeignKey("imports.id")),
        Column("reason", Text),
    ]


HISTORY = Table(
    "fact_history", metadata,
    Column("id", Integer, primary_key=True),
    Column("fact_id", Integer, nullable=False, index=True),
    *_change_columns(),
)

#: One change to an entity (added, changed by an import, aliases added or removed, merged into
#: another), with the entity before and after as JSON.
ENTITY_HISTORY = Table(
    "entity_history", metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", String(200), nullable=False, index=True),
    *_change_columns(),
)


#: The PostgreSQL advisory lock migrations of one database take turns on ("fcmg" in ASCII).
MIGRATION_LOCK = 0x66636D67


def lock_migrations(conn) -> None:
    """On PostgreSQL, wait for any other process migrating the same database, until this
    transaction ends: the first to arrive migrates, the others then find the schema current
    (Alembic reads the revision after the lock is granted). SQLite's BEGIN IMMEDIATE already
    serialises writers."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK)))


def insert_ignore(conn: Connection, table, index_elements: list[str]):
    """INSERT ... ON CONFLICT DO NOTHING on the backends that have it."""
    name = conn.dialect.name
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        raise StoreError(f"unsupported database backend {name!r}: use SQLite or PostgreSQL")
    return insert(table).on_conflict_do_nothing(index_elements=index_elements)
