"""The SQLite engine of the local store and the mapping of SQLite failures to plain messages."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from digipunt_app.core.records import StorageError

DEFAULT_BUSY_TIMEOUT_MS = 5000
# No memory-mapped I/O (``PRAGMA mmap_size`` stays 0): every page of the file SQLite touched
# through a map counted in the app's RSS (~250 MB with 200k sessions), while reads through the OS
# page cache were measured as fast for the list (bench/local_store.py, BENCHMARKS.md ``local``).
MMAP_BYTES = 0
# An operation that writes takes the write lock at its BEGIN (``BEGIN IMMEDIATE``), waiting up to
# the busy timeout for another writer to finish. With a plain (deferred) BEGIN in WAL mode, an
# operation that first reads and then writes fails at once ("database is locked", no waiting)
# when another connection committed in between: a volunteer's save while the sync engine
# applies a batch, or a sync lease while a save commits. Read-only operations keep the plain
# BEGIN, so a long read (an export, a report) never holds up a save.
WRITE_OPTION = "digipunt_write"


def make_engine(path: Path, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Engine:
    """An engine on ``path`` with WAL, foreign keys, synchronous=NORMAL and a busy timeout.

    The pysqlite driver's own transaction handling is switched off (``isolation_level=None``) and
    SQLAlchemy's ``begin`` emits ``BEGIN`` itself, so a transaction really spans every statement
    of an operation (the SQLAlchemy docs' recipe for "serializable isolation" with pysqlite).
    A connection with the execution option ``WRITE_OPTION`` begins with ``BEGIN IMMEDIATE``
    (``Store.session(write=True)``): see ``WRITE_OPTION``.
    """
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": busy_timeout_ms / 1000, "isolation_level": None},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.execute(f"PRAGMA mmap_size={MMAP_BYTES}")  # see MMAP_BYTES
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get(WRITE_OPTION)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


_MESSAGES: list[tuple[str, str]] = [
    (
        "database or disk is full",
        "De schijf is vol: er kon niets bewaard worden. Maak ruimte vrij en probeer opnieuw; "
        "wat u typte, blijft staan.",
    ),
    (
        "database is locked",
        "Het gegevensbestand is in gebruik door een ander programma. Probeer het zo dadelijk "
        "opnieuw; wat u typte, blijft staan.",
    ),
    (
        "database table is locked",
        "Het gegevensbestand is in gebruik door een ander programma. Probeer het zo dadelijk "
        "opnieuw; wat u typte, blijft staan.",
    ),
    (
        "readonly",
        "Het gegevensbestand is alleen-lezen: er kon niets bewaard worden. Vraag de "
        "IT-verantwoordelijke om schrijfrechten; wat u typte, blijft staan.",
    ),
    (
        "disk i/o error",
        "De schijf gaf een fout bij het bewaren: er werd niets bewaard. Probeer opnieuw; wat u "
        "typte, blijft staan.",
    ),
    (
        "unable to open database",
        "Het gegevensbestand kan niet geopend worden (map ontbreekt of geen rechten).",
    ),
    (
        "file is not a database",
        "Het gegevensbestand is beschadigd. Herstart het programma om een reservekopie terug te "
        "zetten.",
    ),
    (
        "malformed",
        "Het gegevensbestand is beschadigd. Herstart het programma om een reservekopie terug te "
        "zetten.",
    ),
]


def storage_error(exc: BaseException) -> StorageError | None:
    """The plain Dutch ``StorageError`` for a SQLite failure, or None when it is not one."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    for needle, message in _MESSAGES:
        if needle in text:
            err = StorageError(message)
            err.__cause__ = exc
            return err
    if isinstance(getattr(exc, "orig", exc), sqlite3.OperationalError):
        return StorageError(
            "Er kon niets bewaard worden door een fout in het gegevensbestand; wat u typte, "
            "blijft staan."
        )
    return None
