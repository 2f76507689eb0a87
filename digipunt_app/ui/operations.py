"""The one background-operation helper of the desktop client (DESIGN.md §2).

Every database call runs on ONE worker thread (SQLite likes a single writer, and the store's
operations are short); every network call runs on a second one, so a slow server never delays a
save. The result comes back to the GUI thread by a queued Qt signal and is handed to the
``on_success`` or ``on_failure`` callback there. Widgets never touch the store themselves.

Usage (the shape of Anki's ``QueryOp``/``CollectionOp``)::

    ops.db(lambda store: sessions.save_session(store, draft),
           on_success=self._saved,           # gets the SessionRow, on the GUI thread
           on_failure=self._save_failed,     # gets the exception, on the GUI thread
           changes={"sessions"})             # after success: ops.changed.emit({"sessions"})

    ops.net(lambda: client.health(), on_success=..., on_failure=...)

- ``changes`` names what an operation changed. Known names: ``"sessions"``, ``"helpers"``,
  ``"settings"``, ``"catalog"``, ``"sync"``. After a successful operation ``Operations.changed``
  is emitted with that set, and each widget refreshes only when a name it shows is in it (Anki's
  ``on_operation_did_execute``). Call ``ops.notify({"sessions"})`` after a change made elsewhere
  (e.g. the sync engine pulled sessions).
- Without ``on_failure`` a failure is sent to ``Operations.failed`` (the main window shows it).
- ``ops.store`` is ``None`` until ``open_store`` succeeded; db operations asked for before that
  run right after it, in order (they fail with a plain message when opening failed).
- An operation may be dropped before it runs by the returned ``Handle.cancel()``; a callback whose
  ``owner`` QObject was deleted in the meantime is not called.
- ``ops.busy`` is the number of operations not yet answered (tests wait for ``ops.busy == 0``).
- ``shutdown()`` cancels the start-up check, closes the store on the DB worker and waits for
  the worker threads.
- The start-up check (``core/store_check``): ``open_store(..., defer_check=True)`` opens a store
  that is already at the newest schema without ``PRAGMA quick_check``; the check then runs on a
  third thread once ``data_shown()`` is called, and ``on_checked(check)`` is called on the GUI
  thread with its answer. Until it answered, every db operation that names ``changes`` (a write)
  waits on the DB worker, and recovers a damaged store before it runs (when that recovery
  failed, every write fails with its plain message instead of going into the damaged file);
  network operations (the sync writes pulled records) wait until the store is known good or
  recovered (or its recovery failed).
- The worker threads start with their first operation (nothing runs before the window's first
  paint: the window asks for the store only then).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from shiboken6 import isValid

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class Handle:
    """Returned by ``db``/``net``: ``cancel()`` drops the operation if it has not started."""

    def __init__(self) -> None:
        self.cancelled = threading.Event()

    def cancel(self) -> None:
        self.cancelled.set()


class _Done:
    __slots__ = ("changes", "error", "handle", "on_failure", "on_success", "owner", "result")

    def __init__(self) -> None:
        self.result: Any = None
        self.error: BaseException | None = None
        self.on_success: Success | None = None
        self.on_failure: Failure | None = None
        self.owner: QObject | None = None
        self.changes: frozenset[str] = frozenset()
        self.handle = Handle()


class Operations(QObject):
    """Runs callables off the GUI thread; see the module docstring."""

    changed = Signal(object)  # frozenset[str]: what changed
    failed = Signal(object)  # BaseException of an operation without its own on_failure
    _finished = Signal(object)  # internal: a _Done, emitted from a worker thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store: Any = None
        self.busy = 0
        self._pools: dict[str, ThreadPoolExecutor] = {}  # "db", "net": made when first used
        self._store_ready = threading.Event()
        self._open_requested = False
        self._deferred: list[Callable[[], None]] = []  # db work asked for before open_store
        self.check: Any = None  # core.store_check.StartCheck while the start-up check is due
        self._closed = False
        # Emitted from a worker thread, received on the thread that owns self (the GUI thread).
        self._finished.connect(self._deliver)

    # --- public API --------------------------------------------------------------------------
    def open_store(
        self,
        data_dir: Path,
        on_success: Success | None = None,
        on_failure: Failure | None = None,
        on_checked: Success | None = None,
        **open_options: Any,
    ) -> Handle:
        """Open (check, migrate, back up) the store on the DB worker; ``on_success(store)``.
        ``open_options`` go to ``Store.open`` (e.g. ``busy_timeout_ms``, ``defer_check``);
        with ``defer_check`` the check follows (module docstring) and ``on_checked(check)``
        gets its ``StartCheck`` once it answered."""

        def _open(_: Any) -> Any:
            from digipunt_app.core.store import Store  # heavy (SQLAlchemy): off the GUI thread

            try:
                store = Store.open(data_dir, **open_options)
                if store.check_pending:
                    from digipunt_app.core.store_check import StartCheck

                    self.check = StartCheck(
                        store,
                        backup=open_options.get("backup", True),
                        today=open_options.get("today"),
                    )
                    if self._closed:  # shutdown() ran meanwhile and saw no check to cancel:
                        self.check.cancel()  # the writes queued behind must not wait for it
                self.store = store
            finally:
                self._store_ready.set()
            return self.store

        def _opened(store: Any) -> None:
            check = self.check
            if check is not None and not self._closed:
                self._submit(
                    "check", lambda _s: check.run(),
                    lambda _result: self._check_answered(check, on_checked),
                    None, (), None, wait_store=False,
                )
            if on_success is not None:
                on_success(store)

        self._open_requested = True
        handle = self._submit("db", _open, _opened, on_failure, (), None, wait_store=False)
        for run in self._deferred:
            self._pool("db").submit(run)
        self._deferred.clear()
        return handle

    def db(
        self,
        fn: Callable[[Any], Any],
        on_success: Success | None = None,
        on_failure: Failure | None = None,
        changes: Iterable[str] = (),
        owner: QObject | None = None,
    ) -> Handle:
        """Run ``fn(store)`` on the DB worker."""
        return self._submit("db", fn, on_success, on_failure, changes, owner, wait_store=True)

    def net(
        self,
        fn: Callable[[], Any],
        on_success: Success | None = None,
        on_failure: Failure | None = None,
        changes: Iterable[str] = (),
        owner: QObject | None = None,
    ) -> Handle:
        """Run ``fn()`` on the network worker (it may call ``ops.store`` only for reading state
        the sync engine itself guards; database writes belong in ``db``)."""
        return self._submit(
            "net", lambda _s: fn(), on_success, on_failure, changes, owner, wait_store=False
        )

    def _check_answered(self, check: Any, on_checked: Success | None) -> None:
        """On the GUI thread: a damaged store is recovered on the DB worker (unless a write
        did it already), a fresh backup is followed by the retention purge; then
        ``on_checked(check)`` (``check.message`` says what was recovered)."""
        from digipunt_app.core.store_check import DAMAGED

        def done(*_args: Any) -> None:
            if on_checked is not None:
                on_checked(check)

        if check.result == DAMAGED:
            def failed(err: BaseException) -> None:
                self.failed.emit(err)
                done()

            self.db(lambda _s: check.recover(), on_success=done, on_failure=failed)
            return
        if check.backup_made is not None:
            self.db(check.purge,
                    on_success=lambda n: self.notify({"sessions"}) if n else None,
                    on_failure=lambda err: log.warning("retention purge failed: %s", err))
        done()

    def data_shown(self) -> None:
        """The window shows its data: the start-up check may run now."""
        if self.check is not None:
            self.check.go.set()

    def notify(self, changes: Iterable[str]) -> None:
        """Tell every widget that ``changes`` happened (on the GUI thread)."""
        self.changed.emit(frozenset(changes))

    def shutdown(self) -> None:
        """Cancel the start-up check, close the store on the DB worker and wait for the
        workers to finish."""
        if self._closed:
            return
        self._closed = True

        def _close() -> None:
            if self.store is not None:
                try:
                    self.store.close()
                except Exception:  # closing must never hang the exit
                    log.exception("closing the store failed")
                self.store = None

        self._store_ready.set()
        if self.check is not None:
            self.check.cancel()  # interrupts the check; a backup under way is finished
        if "check" in self._pools:
            self._pools["check"].shutdown(wait=True, cancel_futures=True)
        if self.store is not None or "db" in self._pools:
            self._pool("db").submit(_close)
            self._pool("db").shutdown(wait=True)
        if "net" in self._pools:
            self._pools["net"].shutdown(wait=True, cancel_futures=True)

    # --- internals ---------------------------------------------------------------------------
    def _pool(self, kind: str) -> ThreadPoolExecutor:
        pool = self._pools.get(kind)
        if pool is None:
            from concurrent.futures import ThreadPoolExecutor

            pool = self._pools[kind] = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix=f"digipunt-{kind}"
            )
        return pool

    def _submit(
        self,
        kind: str,
        fn: Callable[[Any], Any],
        on_success: Success | None,
        on_failure: Failure | None,
        changes: Iterable[str],
        owner: QObject | None,
        *,
        wait_store: bool,
    ) -> Handle:
        done = _Done()
        done.on_success = on_success
        done.on_failure = on_failure
        done.owner = owner
        done.changes = frozenset(changes)
        if self._closed:
            return done.handle
        self.busy += 1

        def _run() -> None:
            try:
                if not done.handle.cancelled.is_set():
                    if wait_store:
                        self._store_ready.wait()
                        if self.store is None:
                            raise RuntimeError("de databank is niet geopend")
                    check = self.check
                    if check is not None:
                        if kind == "db" and done.changes:
                            check.before_write()  # a damaged store is recovered first
                        elif kind == "net":
                            check.settled.wait()
                    done.result = fn(self.store)
            except BaseException as err:  # handed to the GUI thread, never lost
                done.error = err
            self._finished.emit(done)

        if wait_store and not self._open_requested:
            self._deferred.append(_run)  # the worker runs it right after opening
        else:
            self._pool(kind).submit(_run)
        return done.handle

    def _deliver(self, done: _Done) -> None:
        self.busy -= 1
        if done.handle.cancelled.is_set():
            return
        if done.owner is not None and not isValid(done.owner):
            return
        if done.error is not None:
            if not isinstance(done.error, Exception):
                log.error("operation aborted: %r", done.error)
            if done.on_failure is not None:
                done.on_failure(done.error)
            else:
                log.error("operation failed", exc_info=done.error)
                self.failed.emit(done.error)
            return
        if done.on_success is not None:
            done.on_success(done.result)
        if done.changes:
            self.changed.emit(done.changes)
