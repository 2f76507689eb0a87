"""The local store: one SQLite file, checked, migrated and backed up at start (DESIGN.md §4).

``Store.open(data_dir)``:
1. ``PRAGMA quick_check``; a corrupt file is moved aside (``*.corrupt-<time>``) and the newest
   backup that passes the check is restored; ``store.recovery_message`` then says so in plain
   Dutch, and the sync cursor is reset so the next sync pulls back what the server holds;
2. Alembic migrations to head (an empty or new file gets the whole schema), then ``ANALYZE``
   when a migration ran or an index lacks statistics;
3. one rolling backup per day with SQLite's backup API in ``<data_dir>/backups`` (keep 7), then
   the daily retention purge (``core/retention.py``).

``Store.open(data_dir, defer_check=True)`` (the desktop window) skips steps 1 and 3 for a file
that is already at the newest schema, so the window shows its data at once; the check, the backup
and the purge then follow through ``core/store_check.StartCheck``, and a damaged file found then
is recovered in place by ``store.recover_in_place()`` (same ``Store`` object, same engine: every
holder of the store keeps working on the restored file). A file that needs a migration, or that
cannot even be read, is still checked first.

Operations use ``with store.session() as db:`` (``session(write=True)`` when they write): one
SQLAlchemy Session per operation, committed at the end, rolled back on any error; SQLite
failures become ``StorageError`` with a plain Dutch message and nothing half-written.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from digipunt_app.core.config import BACKUP_DIR_NAME, DATA_FILE_NAME
from digipunt_app.core.db import (
    DEFAULT_BUSY_TIMEOUT_MS,
    WRITE_OPTION,
    make_engine,
    storage_error,
)
from digipunt_app.core.migrate import current_revision, head_revision, upgrade_to_head
from digipunt_app.core.records import StorageError

log = logging.getLogger(__name__)

BRUSSELS = ZoneInfo("Europe/Brussels")
KEEP_BACKUPS = 7
BACKUP_PREFIX = "digipunt-"
BACKUP_SUFFIX = ".sqlite3"
# sync_state keys written here at a restore; the sync engine reads them.
CURSOR_KEY = "cursor"
NEEDS_FULL_PULL_KEY = "needs_full_pull"


def quick_check(
    path: Path,
    timeout_s: float = DEFAULT_BUSY_TIMEOUT_MS / 1000,
    on_connect: Callable[[sqlite3.Connection | None], None] | None = None,
) -> bool:
    """True when ``path`` is a SQLite database that passes ``PRAGMA quick_check``; False when it
    is damaged. A file that is merely busy (locked by another program) is not damaged: that
    raises ``StorageError`` instead, so a healthy file is never moved aside.

    ``on_connect(conn)`` gets the check's connection before the check starts (another thread may
    call ``conn.interrupt()``: that also raises ``StorageError``) and ``None`` once it is closed.
    """
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout_s)
    except sqlite3.Error as exc:
        raise storage_error(exc) or StorageError(str(exc)) from exc
    try:
        if on_connect is not None:
            on_connect(conn)
        rows = conn.execute("PRAGMA quick_check").fetchall()
        return rows == [("ok",)]
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        if "interrupted" in text:
            raise StorageError("De controle van het gegevensbestand werd afgebroken.") from exc
        if "locked" in text or "busy" in text or "unable to open" in text:
            raise storage_error(exc) or StorageError(str(exc)) from exc
        return False
    finally:
        if on_connect is not None:
            on_connect(None)
        conn.close()


def looks_damaged(exc: BaseException) -> bool:
    """True for the SQLite errors of a damaged file ("malformed", "not a database")."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def backup_files(backup_dir: Path) -> list[Path]:
    """Backups, newest first (names carry the date, so they sort)."""
    if not backup_dir.is_dir():
        return []
    found = [
        p for p in backup_dir.iterdir()
        if p.name.startswith(BACKUP_PREFIX) and p.name.endswith(BACKUP_SUFFIX)
    ]
    return sorted(found, key=lambda p: p.name, reverse=True)


def _backup_date(path: Path) -> date | None:
    stem = path.name[len(BACKUP_PREFIX):-len(BACKUP_SUFFIX)]
    try:
        return date.fromisoformat(stem[:10])
    except ValueError:
        return None


class Store:
    """The open local database. Thread-safe: each operation opens its own Session."""

    def __init__(self, data_dir: Path, engine: Engine) -> None:
        self.data_dir = data_dir
        self.data_file = data_dir / DATA_FILE_NAME
        self.backup_dir = data_dir / BACKUP_DIR_NAME
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )
        self.recovery_message: str | None = None
        self.restored_backup: Path | None = None
        # True when opened with ``defer_check`` without the check: see ``core/store_check``.
        self.check_pending = False
        self.cache: dict[str, Any] = {}  # small per-store caches (catalog), see catalog.py
        self.cache_lock = threading.Lock()

    # --- opening -----------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        data_dir: Path | str,
        *,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        backup: bool = True,
        today: date | None = None,
        defer_check: bool = False,
    ) -> Store:
        """Check, recover, migrate and back up the store in ``data_dir`` (created if missing).

        ``defer_check``: an existing file at the newest schema is opened without the check and
        the backup (``store.check_pending`` is then True; run ``StartCheck`` next)."""
        data_dir = Path(data_dir)
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"De gegevensmap {data_dir} kan niet gemaakt worden ({exc.strerror})."
            ) from exc
        data_file = data_dir / DATA_FILE_NAME
        if defer_check and data_file.exists() and data_file.stat().st_size > 0:
            opened = cls._open_unchecked(data_dir, data_file, busy_timeout_ms)
            if opened is not None:
                return opened
        message: str | None = None
        restored: Path | None = None
        healthy = (
            not data_file.exists()
            or data_file.stat().st_size == 0
            or quick_check(data_file, busy_timeout_ms / 1000)
        )
        if not healthy:
            restored, message = cls._recover(data_dir, data_file)
        engine = make_engine(data_file, busy_timeout_ms)
        store = cls(data_dir, engine)
        store.recovery_message = message
        store.restored_backup = restored
        try:
            migrated = upgrade_to_head(engine)
            store._refresh_statistics(migrated)
            store._seed()
            if message is not None:
                store._reset_cursor()
            if backup and store.daily_backup(today) is not None:
                from digipunt_app.core.retention import purge_expired

                purged = purge_expired(store, today)
                if purged:
                    log.info("retention: %d old synced sessions removed", purged)
        except DBAPIError as exc:
            engine.dispose()
            raise storage_error(exc) or StorageError(str(exc)) from exc
        return store

    @classmethod
    def _open_unchecked(
        cls, data_dir: Path, data_file: Path, busy_timeout_ms: int
    ) -> Store | None:
        """The store without the check, or None when it must be checked first: a migration is
        due (a damaged file is never migrated) or the file cannot even be read."""
        engine = make_engine(data_file, busy_timeout_ms)
        try:
            if current_revision(engine) != head_revision():
                engine.dispose()
                return None
            store = cls(data_dir, engine)
            store._refresh_statistics(False)
            store._seed()
        except DBAPIError as exc:
            engine.dispose()
            if looks_damaged(exc):
                log.warning("data file unreadable at start (%s): checking it now", exc.orig)
                return None
            raise storage_error(exc) or StorageError(str(exc)) from exc
        store.check_pending = True
        return store

    def recover_in_place(self) -> str:
        """The file of this open store was found damaged: close its connections, move it aside,
        restore the newest good backup (as ``open`` does) and bring that to the newest schema.
        The ``Store`` object and its engine stay the same, so whoever holds them goes on with
        the restored file. Call it where no other operation on the store runs (the DB worker;
        the sync waits for it). Returns the plain Dutch message (also ``recovery_message``)."""
        self.engine.dispose()  # closes every pooled connection: the file can be moved (Windows)
        try:
            restored, message = self._recover(self.data_dir, self.data_file)
        except OSError as exc:  # still open elsewhere (another program), or no rights
            raise StorageError(
                "Het gegevensbestand is beschadigd, maar het kon niet opzijgezet worden "
                f"({exc.strerror or exc}). Sluit het programma en start het opnieuw; lukt het dan "
                "nog niet, bel de IT-verantwoordelijke."
            ) from exc
        try:
            upgrade_to_head(self.engine)
            self._refresh_statistics(False)
            self._seed()
            self._reset_cursor()
        except DBAPIError as exc:
            raise storage_error(exc) or StorageError(str(exc)) from exc
        with self.cache_lock:
            self.cache.clear()
        self.recovery_message = message
        self.restored_backup = restored
        self.check_pending = False
        return message

    @staticmethod
    def _recover(data_dir: Path, data_file: Path) -> tuple[Path | None, str]:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = data_file.with_name(f"{data_file.name}.corrupt-{stamp}")
        os.replace(data_file, aside)
        for extra in ("-wal", "-shm"):
            side = data_file.with_name(data_file.name + extra)
            if side.exists():
                os.replace(side, aside.with_name(aside.name + extra))
        log.warning("corrupt data file moved aside to %s", aside.name)
        for candidate in backup_files(data_dir / BACKUP_DIR_NAME):
            try:
                good = quick_check(candidate)
            except StorageError:
                good = False
            if not good:
                log.warning("backup %s fails the check; trying an older one", candidate.name)
                continue
            tmp = data_file.with_name(data_file.name + ".restoring")
            shutil.copyfile(candidate, tmp)
            os.replace(tmp, data_file)
            when = _backup_date(candidate)
            day = when.strftime("%d/%m/%Y") if when else candidate.name
            return candidate, (
                f"Het gegevensbestand was beschadigd en is opzijgezet ({aside.name}). De "
                f"reservekopie van {day} is teruggezet. Wat sindsdien gesynchroniseerd werd, "
                "komt bij de volgende synchronisatie terug van de server; controleer de sessies "
                "van na die dag."
            )
        return None, (
            f"Het gegevensbestand was beschadigd en is opzijgezet ({aside.name}). Er was geen "
            "bruikbare reservekopie: het programma begint met een leeg bestand. Wat al "
            "gesynchroniseerd was, komt bij de volgende synchronisatie terug van de server."
        )

    def _seed(self) -> None:
        from digipunt_app.core.catalog import seed_default

        with self.session(write=True) as db:
            seed_default(db)

    def _refresh_statistics(self, migrated: bool) -> None:
        """``ANALYZE`` after a migration ran, or when an index of the sessions has no statistics
        (an index made by a migration has none), so the planner picks the list's indexes on an
        existing database too. About 1 s per 200,000 sessions, on the DB worker, once.
        Partial indexes (``WHERE``, also after a line break) are left out: ANALYZE writes no
        statistics for one that holds no rows, and it would then run at every start."""
        with self.engine.begin() as conn:
            if not migrated:
                has_stats = conn.exec_driver_sql(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
                ).first()
                if has_stats:
                    missing = conn.exec_driver_sql(
                        "SELECT 1 FROM sqlite_master m WHERE m.type = 'index' "
                        "AND m.tbl_name IN ('help_session', 'session_service') "
                        "AND (m.sql IS NULL OR replace(replace(upper(m.sql), char(10), ' '), "
                        "char(13), ' ') NOT LIKE '% WHERE %') "
                        "AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 s WHERE s.idx = m.name) "
                        "AND EXISTS (SELECT 1 FROM help_session) LIMIT 1"
                    ).first()
                    if missing is None:
                        return
            conn.exec_driver_sql("ANALYZE")

    def _reset_cursor(self) -> None:
        from digipunt_app.core.models import SyncState

        with self.session(write=True) as db:
            db.merge(SyncState(key=CURSOR_KEY, value="0"))
            db.merge(SyncState(key=NEEDS_FULL_PULL_KEY, value="true"))

    # --- backups -----------------------------------------------------------------------------
    def backup_to(self, target: Path) -> None:
        """Copy the live database to ``target`` with SQLite's online backup API (atomic)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.unlink(missing_ok=True)
        src = sqlite3.connect(self.data_file)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(tmp, target)

    def daily_backup(self, today: date | None = None) -> Path | None:
        """Make today's backup if there is none yet; keep the newest ``KEEP_BACKUPS``."""
        today = today or datetime.now(UTC).astimezone(BRUSSELS).date()
        target = self.backup_dir / f"{BACKUP_PREFIX}{today.isoformat()}{BACKUP_SUFFIX}"
        made: Path | None = None
        if not target.exists():
            try:
                self.backup_to(target)
                made = target
            except (OSError, sqlite3.Error) as exc:  # a missed backup must not stop the app
                log.warning("daily backup failed: %s", exc)
                return None
        for old in backup_files(self.backup_dir)[KEEP_BACKUPS:]:
            with contextlib.suppress(OSError):
                old.unlink()
        return made

    # --- operations --------------------------------------------------------------------------
    @contextlib.contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """One Session for one operation: commit at the end, roll back on error.

        ``write=True`` for an operation that writes: it takes the write lock at its start
        (``BEGIN IMMEDIATE``, waiting for another writer), so a commit by another connection
        between its reads and its writes cannot fail it (``db.WRITE_OPTION``).
        SQLite failures (disk full, locked, read-only, corrupt) become ``StorageError``.
        """
        db = (self._write_sessions if write else self._sessions)()
        try:
            yield db
            db.commit()
        except DBAPIError as exc:
            db.rollback()
            err = storage_error(exc)
            if err is None:
                raise
            raise err from exc
        except BaseException:
            db.rollback()
            raise
        finally:
            db.close()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
