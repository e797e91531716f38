"""Bulk writes for imports: many rows in a few round trips, inside the caller's transaction.

SQLite: the driver's ``executemany`` of one prepared statement (no per-row SQL compilation).
PostgreSQL: ``COPY ... FROM STDIN``. Rows an import has checked against the table meet a conflict
only when a parallel writer stored the same key since; then (the COPY having run under a savepoint,
rolled back) they go through a temporary staging table and one ``INSERT ... SELECT ... ON CONFLICT
DO NOTHING``. Both write on the DBAPI connection under SQLAlchemy's transaction, so a failed import
still leaves nothing behind.

Also the import's other bulk helpers: :func:`among` (a chunk of keys as one PostgreSQL array) and
:func:`indexes_built_after` (a big SQLite import builds the secondary indexes once).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Column, Table, any_, bindparam, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from factcheck.errors import StoreError

#: Ids, keys or names per statement: lists longer than this are sent in chunks so no statement
#: exceeds a backend's parameter limit (SQLite allows 32,766 bound parameters, PostgreSQL 65,535).
CHUNK = 2000


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    """``items`` in consecutive slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


#: A SQLite import of at least this many new facts, more than the table already holds, drops the
#: table's secondary indexes and builds each once after the rows instead of row by row.
REINDEX_AT = 50_000
#: The page cache (KiB) such an import uses while it writes (SQLite's default is 2 MiB).
CACHE_KIB = 65_536


def _processor(conn: Connection, column: Column):
    """What SQLAlchemy does to a value of ``column`` before the driver gets it (the dialect's own
    type: SQLite's DATETIME writes the text form every other row of the store has)."""
    return column.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)


def bound(conn: Connection, column: Column, value):
    """``value`` as the driver gets it for ``column`` (e.g. a datetime as SQLite's text form)."""
    processor = _processor(conn, column)
    return processor(value) if processor is not None and value is not None else value


def insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[tuple], *,
                skip_conflicts_on: Sequence[str] | None = None) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``, values as the driver takes them: see
    :func:`bound`); with ``skip_conflicts_on``, a row whose columns clash with a stored row's
    unique key is left out (as ``ON CONFLICT (...) DO NOTHING``).

    Meant for rows already checked against the table (no two with the same key, none stored when
    the caller looked): on PostgreSQL a clash costs a second pass through a staging table."""
    if isinstance(rows, list) and not rows:
        return
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in columns)
    target = quote(table.name)
    conflict = (f" ON CONFLICT ({', '.join(quote(name) for name in skip_conflicts_on)}) DO NOTHING"
                if skip_conflicts_on else "")
    try:
        _insert(conn, table, target, columns, names, conflict, rows)
    except conn.dialect.dbapi.Error as exc:
        # As SQLAlchemy would have raised it: callers report its first line.
        raise DBAPIError.instance(f"bulk insert into {table.name}", None, exc, conn.dialect.dbapi.Error) from None


def _insert(conn: Connection, table: Table, target: str, columns: Sequence[str], names: str, conflict: str,
            rows: Iterable[tuple]) -> None:
    quote = conn.dialect.identifier_preparer.quote
    dialect = conn.dialect.name
    driver = conn.connection.driver_connection
    if dialect == "sqlite":
        cursor = driver.cursor()
        try:
            cursor.executemany(f"INSERT INTO {target} ({names}) VALUES ({', '.join('?' * len(columns))})"
                               f"{conflict}", rows)
        finally:
            cursor.close()
    elif dialect == "postgresql":
        import psycopg

        with driver.cursor() as cursor:
            types = _pg_types(cursor, table.name, columns)
            if not conflict:
                _copy(cursor, target, names, rows, types)
                return
            rows = rows if isinstance(rows, list) else list(rows)
            cursor.execute("SAVEPOINT fc_bulk_insert")
            try:
                _copy(cursor, target, names, rows, types)
            except psycopg.errors.UniqueViolation:
                cursor.execute("ROLLBACK TO SAVEPOINT fc_bulk_insert")
            else:
                cursor.execute("RELEASE SAVEPOINT fc_bulk_insert")
                return
            stage = quote(f"fc_stage_{table.name}")
            cursor.execute(f"CREATE TEMPORARY TABLE {stage} ON COMMIT DROP AS "
                           f"SELECT {names} FROM {target} WITH NO DATA")
            _copy(cursor, stage, names, rows, types)
            cursor.execute(f"INSERT INTO {target} ({names}) SELECT {names} FROM {stage}{conflict}")
            cursor.execute(f"DROP TABLE {stage}")
    else:
        raise StoreError(f"unsupported database backend {dialect!r}: use SQLite or PostgreSQL")


def _pg_types(cursor, table: str, columns: Sequence[str]) -> list[str]:
    """The PostgreSQL types (``int4``, ``varchar``, ...) of ``columns`` as the table has them."""
    cursor.execute("SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                   "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped", (table,))
    types = dict(cursor.fetchall())
    return [types[name] for name in columns]


def _copy(cursor, target: str, names: str, rows: Iterable[tuple], types: list[str]) -> None:
    # The binary format: the server reads each value as it is, with no text to parse.
    with cursor.copy(f"COPY {target} ({names}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(types)
        write = copy.write_row
        for row in rows:
            write(row)


def insert_dicts(conn: Connection, table: Table, rows: Sequence[dict], *,
                 skip_conflicts_on: Sequence[str] | None = None) -> None:
    """:func:`insert_rows` of rows given as dicts (all with the first one's keys), each value
    bound as its column's type binds it."""
    if not rows:
        return
    columns = list(rows[0])
    processors = [_processor(conn, table.c[name]) for name in columns]
    if any(processors):
        convert = [(index, processor) for index, processor in enumerate(processors) if processor]
        tuples = []
        for row in rows:
            values = [row[name] for name in columns]
            for index, processor in convert:
                if values[index] is not None:
                    values[index] = processor(values[index])
            tuples.append(tuple(values))
    else:
        tuples = [tuple(row[name] for name in columns) for row in rows]
    insert_rows(conn, table, columns, tuples, skip_conflicts_on=skip_conflicts_on)


def among(conn: Connection, column, values: list):
    """``column IN (values)``; on PostgreSQL ``column = ANY(:array)``, one parameter however many
    values (an IN list is thousands of parameters for the driver to place and the server to parse)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY

        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type), unique=True))
    return column.in_(values)


@contextmanager
def indexes_built_after(conn: Connection, table: Table, rows: int) -> Iterator[None]:
    """On SQLite, for ``rows`` new rows of at least REINDEX_AT and more than ``table`` holds: a
    larger page cache, and the table's secondary (non-unique) indexes dropped, then each built once
    after the rows. All inside the import's transaction: on an error the rollback restores them."""
    if conn.dialect.name != "sqlite" or rows < REINDEX_AT:
        yield
        return
    if conn.execute(select(func.count()).select_from(table)).scalar_one() > rows:
        yield
        return
    indexes = [(name, sql) for name, sql in conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        (table.name,)) if not sql.lstrip().upper().startswith("CREATE UNIQUE")]
    quote = conn.dialect.identifier_preparer.quote
    cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    if cache is not None and 0 > int(cache) > -CACHE_KIB:
        conn.exec_driver_sql(f"PRAGMA cache_size = {-CACHE_KIB}")
    try:
        for name, _ in indexes:
            conn.exec_driver_sql(f"DROP INDEX {quote(name)}")
        yield
        for _, sql in indexes:
            conn.exec_driver_sql(sql)
    finally:
        if cache is not None:
            try:
                conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache)}")
            except SQLAlchemyError:
                pass  # a broken connection: the pool discards it
