"""Engine, sessions, migrations and the write discipline of the server database.

``Database(url)`` works for a SQLite file (the default) and for PostgreSQL through
``postgresql+psycopg://``. ``migrate()`` runs the Alembic migrations of ``sync/server/migrations``
programmatically (no alembic.ini needed).

Writes go through ``db.write()``. It makes ``change.seq`` order equal commit order, which pull
relies on (a client must never store a cursor past a change that commits later):

- SQLite has one writer at a time anyway: write transactions start with ``BEGIN IMMEDIATE`` and
  wait through ``busy_timeout`` for another process (the admin CLI, a second uvicorn worker); a
  process-wide lock keeps our own threads from spinning on that wait;
- PostgreSQL: ``lock_feed(session)`` takes a transaction-scoped advisory lock right before the
  change rows are written, so sequence numbers are handed out and committed one transaction at a
  time, while the record writes before it still run concurrently (the UNIQUE constraint decides).

SQLite runs in WAL mode with ``synchronous=FULL``: a commit is on disk when it returns (an
``accepted`` push must survive a power cut; docs/DEPLOY.md). Pushes of the sync fast path go
through ``writer`` (``writer.GroupWriter``: group commit, one flush for many pushes).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from sync.server.rawsql import Sql
from sync.server.writer import GroupWriter

MIGRATIONS = Path(__file__).with_name("migrations")
DEFAULT_SQLITE_FILE = "digipunt-server.db"
_FEED_LOCK_KEY = 0x44494749  # "DIGI"
_IMMEDIATE = "digipunt_sqlite_immediate"


def default_db_url(directory: Path | None = None) -> str:
    """The zero-set-up database: a SQLite file in the current (or given) directory."""
    path = (directory or Path.cwd()) / DEFAULT_SQLITE_FILE
    return f"sqlite:///{path}"


#: Each SQLite connection's cost settings. A push of 5 new sessions dirties pages all over the
#: indexes of a region's tables; with SQLite's defaults (2 MB page cache, checkpoint every 1,000
#: WAL pages, statement journals in temporary files) the group writer spent about a third of its
#: CPU on reading pages back and rewriting them (~100 pread/pwrite calls per push). A 64 MB cache
#: (allocated as pages are used), reads through mmap, statement journals in memory and a checkpoint
#: every ~40 MB of WAL (a page written by many groups is copied back once) take ~25% off the
#: writer's CPU per push (bench: 200 pushes of 5 at once, 20,000 sessions stored: 0.80 -> 0.62 ms).
#: Durability is unchanged (``synchronous=FULL``).
SQLITE_SPEED_PRAGMAS = (
    "cache_size=-65536",
    "mmap_size=268435456",
    "temp_store=MEMORY",
    "wal_autocheckpoint=10000",
)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (below)
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=FULL")  # an accepted push is on disk (DEPLOY.md)
            for pragma in SQLITE_SPEED_PRAGMAS:
                cur.execute(f"PRAGMA {pragma}")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn) -> None:  # type: ignore[no-untyped-def]
            # Writers take the write lock up front (and wait for it through busy_timeout), so
            # two processes never meet SQLITE_BUSY halfway through a transaction.
            immediate = conn.get_execution_options().get(_IMMEDIATE)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return create_engine(url, pool_size=20, max_overflow=30, pool_pre_ping=True)


class Database:
    """One engine plus a session factory; ``session()`` for reads, ``write()`` for writes."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self.sql = Sql.of(self.engine)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        self._write_engine = self.engine.execution_options(**{_IMMEDIATE: True})
        self._write_factory = sessionmaker(self._write_engine, expire_on_commit=False)
        self._sqlite_lock = threading.Lock()
        self._writer: GroupWriter | None = None
        self._writer_lock = threading.Lock()
        self._on_dispose: list[Callable[[], None]] = []

    def migrate(self) -> None:
        """Bring the schema to the newest migration (idempotent)."""
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def session(self) -> Session:
        return self._factory()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back on any error."""
        lock = self._sqlite_lock if self.is_sqlite else None
        if lock is not None:
            lock.acquire()
        try:
            with self._write_factory() as session, session.begin():
                yield session
        finally:
            if lock is not None:
                lock.release()

    def lock_feed(self, session: Session) -> None:
        """Serialise the rest of this transaction with every other feed writer (PostgreSQL)."""
        if not self.is_sqlite:
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _FEED_LOCK_KEY})

    def lock_feed_raw(self, cursor: Any) -> None:
        """``lock_feed`` on a DBAPI cursor (the group writer's transaction)."""
        if not self.is_sqlite:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", (_FEED_LOCK_KEY,))

    @property
    def sqlite_write_lock(self) -> threading.Lock | None:
        """The process-wide lock ``write()`` holds on SQLite (None on PostgreSQL)."""
        return self._sqlite_lock if self.is_sqlite else None

    def write_connection(self) -> Connection:
        """A connection whose transactions are write transactions (``BEGIN IMMEDIATE``)."""
        return self._write_engine.connect()

    @property
    def writer(self) -> GroupWriter:
        """The group-commit writer thread of this process (``writer.py``), started on use."""
        if self._writer is None:
            with self._writer_lock:
                if self._writer is None:
                    self._writer = GroupWriter(self, threads=1 if self.is_sqlite else 4)
        return self._writer

    def on_dispose(self, close: Callable[[], None]) -> None:
        """Call ``close`` at ``dispose`` (threads and connections of the sync fast path)."""
        self._on_dispose.append(close)

    def dispose(self) -> None:
        for close in self._on_dispose:
            close()
        self._on_dispose.clear()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self.engine.dispose()
