"""Plain DBAPI statements for the sync hot path (push, pull, device lookup), SQLite and PostgreSQL.

The hot path skips SQLAlchemy's statement layer: per request it runs a handful of statements, and
SQLAlchemy's execution context costs more than the statements themselves. It writes exactly what
the ORM/Core columns of ``models.py`` write, so everything else (reports, admin, tests) reads the
rows through SQLAlchemy unchanged:

- SQLite: datetimes as ``YYYY-MM-DD HH:MM:SS.ffffff`` text in UTC (SQLAlchemy's storage format),
  dates as ``YYYY-MM-DD``, booleans as 0/1, JSON as text;
- PostgreSQL (psycopg 3): naive UTC ``datetime``, ``date`` and ``bool`` values, JSON as text cast
  to ``json``; ``IN`` lists as ``= ANY(%s)`` with one array parameter.

``Sql.of(engine)`` gives the statements of the engine's dialect; ``raw(conn)`` the DBAPI
connection under a SQLAlchemy ``Connection``/``Session`` (same transaction).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session


def raw(conn: Connection | Session) -> Any:
    """The DBAPI connection under ``conn`` (inside its current transaction)."""
    if isinstance(conn, Session):
        conn = conn.connection()
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    return dbapi


def _pydantic_utc() -> Any:
    """The tzinfo pydantic-core gives every time it parses at offset 0 (``Z``, ``+00:00``): one
    object for all of them (a fixed offset, so its ``utcoffset`` is 0 at any time)."""
    from pydantic_core import SchemaValidator, core_schema

    return SchemaValidator(core_schema.datetime_schema()).validate_json(
        '"2000-01-01T00:00:00Z"').tzinfo


#: tzinfo objects known to be UTC: a time of theirs is printed without asking ``utcoffset``
#: (pydantic-core's ``TzInfo.utcoffset`` is a call into Rust: ~0.3 of the ~1 us per time, and a
#: 500-session push prints ~1,500 times: ``_sqlite_dt``, ``push._utc_iso``)
UTC_TZINFOS = (UTC, _pydantic_utc())


def _sqlite_dt(value: datetime) -> str:
    tz = value.tzinfo
    if tz is UTC_TZINFOS[1] or tz is UTC:
        return _SQLITE_DT % (value.year, value.month, value.day, value.hour, value.minute,
                             value.second, value.microsecond)
    offset = value.utcoffset()
    if offset is None:  # naive: local time, as ``astimezone`` reads it
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    if offset:
        value = value - offset  # the same wall time in UTC (tzinfo left, not printed)
    # what ``isoformat(" ", "microseconds")`` prints without the offset, at half its cost (an
    # aware datetime's isoformat asks its tzinfo again; two per pushed session)
    return _SQLITE_DT % (value.year, value.month, value.day, value.hour, value.minute,
                         value.second, value.microsecond)


_SQLITE_DT = "%04d-%02d-%02d %02d:%02d:%02d.%06d"


def _pg_dt(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)


def wire_time_from_sqlite(text: str) -> str:
    """``2026-11-23 10:00:00.000000`` (stored UTC) -> ``2026-11-23T10:00:00Z`` (as pydantic)."""
    head, _, frac = text.partition(".")
    head = head.replace(" ", "T", 1)
    if frac and frac.strip("0"):
        return f"{head}.{frac:0<6}Z"
    return head + "Z"


def wire_time(value: datetime) -> str:
    """A naive-UTC or aware datetime as pydantic writes it (``...Z``, microseconds when any)."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    text = value.isoformat()
    return text + "Z"


@dataclass(frozen=True)
class Sql:
    """The hot path's statements and value conversions for one dialect."""

    is_sqlite: bool
    ph: str
    dt: Callable[[datetime], Any]
    day: Callable[[date], Any]
    flag: Callable[[bool], Any]
    json_ph: str

    @staticmethod
    def of(engine: Engine) -> Sql:
        if engine.dialect.name == "sqlite":
            return _SQLITE
        return _POSTGRES

    def in_ids(self, column: str, ids: Sequence[str]) -> tuple[str, list[Any]]:
        """``column IN (...)`` and its parameters."""
        if self.is_sqlite:
            return f"{column} IN ({','.join('?' * len(ids))})", list(ids)
        return f"{column} = ANY(%s)", [list(ids)]

    def q(self, sql: str) -> str:
        """A statement written with ``?`` placeholders, in this dialect's style."""
        return sql if self.is_sqlite else sql.replace("?", "%s")


def _same(value: Any) -> Any:
    return value


def _sqlite_flag(value: bool) -> int:
    return 1 if value else 0


_SQLITE = Sql(True, "?", _sqlite_dt, date.isoformat, _sqlite_flag, "?")
_POSTGRES = Sql(False, "%s", _pg_dt, _same, bool, "CAST(%s AS json)")


@contextmanager
def pipelined(cur: Any) -> Iterator[None]:
    """PostgreSQL: send the statements of the block in one round trip (psycopg pipeline mode);
    their errors are raised when the block ends. SQLite: nothing to save, runs as is."""
    pipeline = getattr(cur.connection, "pipeline", None)
    if pipeline is None:
        yield
        return
    with pipeline():
        yield


# --- PostgreSQL: multi-row INSERTs without psycopg's placeholder pass -------------------------
@lru_cache(maxsize=256)
def _numbered(statement: str, rows: int) -> str:
    """``INSERT ... VALUES (%s, ...)`` for ``rows`` rows with PostgreSQL's own ``$n`` numbers."""
    head, _, values = statement.partition(" VALUES ")
    pieces = values.split("%s")
    per_row = len(pieces) - 1
    out = []
    for r in range(rows):
        row = [pieces[0]]
        for i in range(per_row):
            row.append(f"${r * per_row + i + 1}")
            row.append(pieces[i + 1])
        out.append("".join(row))
    return f"{head} VALUES {', '.join(out)}"


def pg_insert_rows(cur: Any, statement: str, rows: list[tuple[Any, ...]],
                   per: int = 1000) -> None:
    """INSERT ``rows`` as multi-row ``VALUES`` statements of ``per`` rows (``statement`` written
    with ``%s`` for one row), numbered ``$1 .. $n`` here and sent by a ``psycopg.RawCursor``:
    psycopg's own pass over ``%s`` placeholders is a regular expression run on every call once a
    statement has more than 50 parameters (not cached), ~20 % of the server's Python time per
    push of 5 sessions. The statement text repeats per row count, so PostgreSQL still prepares
    it. ``cur`` may be the group writer's queueing cursor (it hands out its ``raw_cursor``)."""
    raw_cursor = getattr(cur, "raw_cursor", None)
    if raw_cursor is None:
        import psycopg

        raw_cursor = psycopg.RawCursor(cur.connection)
    for start in range(0, len(rows), per):
        part = rows[start:start + per]
        raw_cursor.execute(_numbered(statement, len(part)),
                           [value for row in part for value in row])
