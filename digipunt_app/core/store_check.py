"""The start-up check of a store opened before it (``Store.open(defer_check=True)``).

The desktop window shows its data first and checks the file right after (DESIGN.md §4, §10:
``PRAGMA quick_check`` takes ~2.4 s with 200,000 sessions). ``StartCheck`` holds what the threads
of the app need to agree on:

- ``run()`` runs on a thread of its own (not the DB worker, never the GUI thread): it waits for
  ``go`` (the window has shown its data, or a write is waiting), runs the check on its own
  read-only connection (the DB worker keeps reading meanwhile), and on a healthy file makes the
  daily backup (only a checked file is backed up). It answers ``OK``, ``DAMAGED`` or ``UNKNOWN``
  (busy, interrupted: the file is then treated as good, as ``Store.open`` never moves a busy file
  aside).
- ``before_write()`` runs on the DB worker before every write: a write waits until the check has
  answered, and on a damaged file it first recovers the store (``recover()``), so nothing saved
  in this run goes into a file that is then moved aside: what the volunteer saves during the
  check lands in the restored store.
- ``recover()`` (DB worker): ``store.recover_in_place()`` once; ``settled`` is set after it.
  When the recovery failed (the file could not be moved aside), every later write fails with
  the same plain message instead of going into the damaged file, which the next start moves
  aside with whatever was written into it.
- ``settled`` is set once the file is known good or recovered: the sync (network worker, which
  writes pulled records itself) waits for it.
- ``purge()`` (DB worker, after a backup was made): the daily retention purge.
- ``cancel()`` (at shutdown): interrupts the check and releases every waiter (a write still
  queued on a file already found damaged recovers it first, as above).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from datetime import date
from pathlib import Path
from typing import Any

from digipunt_app.core.records import StorageError

log = logging.getLogger(__name__)

OK = "ok"
DAMAGED = "damaged"
UNKNOWN = "unknown"
GO_TIMEOUT_S = 10.0  # the check starts by itself this long after opening if nobody said go


class StartCheck:
    def __init__(self, store: Any, *, backup: bool = True, today: date | None = None) -> None:
        self.store = store
        self.backup = backup
        self.today = today
        self.go = threading.Event()  # the window's data is shown, or a write waits
        self.checked = threading.Event()  # the check has answered
        self.settled = threading.Event()  # the file is known good, or it was recovered
        self.result: str | None = None
        self.message: str | None = None  # the recovery message, once recovered
        self.backup_made: Path | None = None
        self.error: StorageError | None = None  # the recovery failed: writes are refused
        self._conn: sqlite3.Connection | None = None
        self._conn_lock = threading.Lock()
        self._recover_lock = threading.Lock()
        self._cancelled = False

    # --- the check thread --------------------------------------------------------------------
    def run(self) -> str:
        self.go.wait(GO_TIMEOUT_S)
        from digipunt_app.core.store import quick_check

        result = UNKNOWN
        try:
            if not self._cancelled:
                healthy = quick_check(self.store.data_file, on_connect=self._keep)
                result = OK if healthy else DAMAGED
        except StorageError as exc:  # busy or interrupted: not known to be damaged
            log.warning("start-up check not done: %s", exc)
        except Exception:  # never leave the writers waiting
            log.exception("start-up check failed")
        self.result = result
        if result == DAMAGED:
            log.warning("data file damaged (found after start): recovery follows")
            self.checked.set()
            return result
        self.store.check_pending = False
        self.settled.set()  # before ``checked``: a write let through finds the file settled
        self.checked.set()
        if result == OK and self.backup and not self._cancelled:
            self.backup_made = self.store.daily_backup(self.today)
        return result

    def _keep(self, conn: sqlite3.Connection | None) -> None:
        with self._conn_lock:
            self._conn = conn

    # --- the DB worker -----------------------------------------------------------------------
    def before_write(self) -> None:
        """Wait for the check's answer; recover a damaged store first."""
        if not self.settled.is_set():
            self.go.set()
            self.checked.wait()
        if self.result == DAMAGED:  # recovered already: at once; recovery failed: raises
            self.recover()

    def recover(self) -> str | None:
        """Recover a store found damaged (once); the message, or None when it was not damaged.
        Raises ``StorageError`` when the recovery failed, then and at every later call.
        Also after ``cancel()``: a save still queued when the app closes goes into the restored
        store, not into the damaged file that the next start moves aside."""
        with self._recover_lock:
            try:
                if self.error is not None:
                    raise StorageError(str(self.error)) from self.error
                if self.result == DAMAGED and self.message is None:
                    try:
                        self.message = self.store.recover_in_place()
                    except StorageError as exc:
                        self.error = exc
                        raise
            finally:
                self.settled.set()
            return self.message

    def purge(self, store: Any) -> int:
        """The daily retention purge, after the daily backup (``core/retention.py``)."""
        from digipunt_app.core.retention import purge_expired

        purged = purge_expired(store, self.today)
        if purged:
            log.info("retention: %d old synced sessions removed", purged)
        return purged

    # --- shutdown ----------------------------------------------------------------------------
    def cancel(self) -> None:
        self._cancelled = True
        self.go.set()
        with self._conn_lock:
            if self._conn is not None:
                self._conn.interrupt()
        self.checked.set()
        self.settled.set()
