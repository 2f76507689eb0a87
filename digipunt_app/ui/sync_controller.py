"""Background sync for the Qt client: a timer, a sync right after a save, and "Nu synchroniseren".

``SyncController`` never touches the network or the database on the GUI thread: engine calls run
on the network worker of ``ui.operations.Operations`` (``ops.net``), status reads on its DB worker
(``ops.db``), and results come back by signal. Only one sync runs at a time; a request while one
runs is remembered and run right after it. The timer asks the engine whether a sync is ``due()``
(enrolled and not backing off after a failure), so a PC that is offline does not hammer the
network.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from digipunt_app.core.sync_engine_types import ConflictInfo, SyncStatusInfo

if TYPE_CHECKING:
    from digipunt_app.core.sync_engine import SyncEngine, SyncResult


def _local() -> Any:
    """``core.sync_engine_store``, imported on first use (on the DB worker): with it come
    ``sync.protocol`` and pydantic, which the window does not need to show its data."""
    from digipunt_app.core import sync_engine_store

    return sync_engine_store


def _engine(store: Any) -> SyncEngine:
    from digipunt_app.core.sync_engine import SyncEngine

    return SyncEngine(store)

DEFAULT_INTERVAL_MS = 2 * 60 * 1000
#: what a sync may have changed, for ``Operations.changed`` (widgets refresh only these)
SYNC_CHANGES = frozenset({"sessions", "helpers", "catalog", "sync"})


class SyncController(QObject):
    statusChanged = Signal(object)  # SyncStatusInfo
    syncStarted = Signal()
    syncFinished = Signal(object)  # SyncResult
    progress = Signal(str, int, int)  # phase, done, total
    enrolledChanged = Signal(object)  # SyncState

    def __init__(
        self,
        ops: Any,
        *,
        engine_factory: Callable[[Any], SyncEngine] | None = None,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops  # digipunt_app.ui.operations.Operations
        self._engine_factory = engine_factory or _engine
        self._running = False
        self._again = False
        self._cancel = threading.Event()
        self.last_result: SyncResult | None = None
        self.status: SyncStatusInfo | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._on_timer)

    # --- public ------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the timer and load the status (call once the window is shown)."""
        self.timer.start()
        self.refresh_status()
        self._on_timer()

    def stop(self) -> None:
        self.timer.stop()
        self._cancel.set()

    @property
    def running(self) -> bool:
        return self._running

    def refresh_status(self) -> None:
        self.ops.db(lambda store: _local().sync_status(store), self._status_loaded, self._ignore,
                    owner=self)

    def sync_now(self) -> None:
        """Sync at once (menu "Nu synchroniseren", after a save, the timer)."""
        if self._running:
            self._again = True
            return
        self._running = True
        self._cancel.clear()
        self.syncStarted.emit()

        def work() -> SyncResult:
            engine = self._engine_factory(self.ops.store)
            return engine.sync_once(progress=self._report, cancelled=self._cancel.is_set)

        self.ops.net(work, self._sync_done, self._sync_failed, owner=self)

    def after_save(self) -> None:
        """A session was saved: push it now when the last sync reached the server."""
        if self.status is not None and self.status.state.enrolled and self.status.online:
            self.sync_now()
        else:
            self.refresh_status()

    def cancel(self) -> None:
        self._cancel.set()

    def enrol_call(self, server_url: str, code: str) -> Any:
        """Runs on the network worker (``EnrolDialog``'s ``enrol``): enrol, return the state."""
        return self._engine_factory(self.ops.store).enrol(server_url, code)

    def submit_net(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        """``EnrolDialog``'s ``submit``: run ``fn`` on the network worker."""
        self.ops.net(fn, on_success, on_failure)

    def on_enrolled(self, state: Any) -> None:
        self.enrolledChanged.emit(state)
        self.ops.notify({"sessions", "sync"})  # records were re-homed
        self.sync_now()

    def load_conflicts(self, on_loaded: Callable[[list[ConflictInfo]], None]) -> None:
        self.ops.db(lambda store: _local().list_conflicts(store), on_loaded, self._ignore,
                    owner=self)

    def resolve_conflict(self, conflict_id: int, keep: str) -> None:
        def done(_: object) -> None:
            self.refresh_status()
            if keep == "local":
                self.after_save()

        self.ops.db(
            lambda store: _local().resolve_conflict(store, conflict_id, keep),
            done,
            self._ignore,
            changes={"sessions"},
            owner=self,
        )

    # --- plumbing ----------------------------------------------------------------------------
    def _report(self, phase: str, done: int, total: int) -> None:
        self.progress.emit(phase, done, total)  # from the worker: queued to the GUI thread

    def _on_timer(self) -> None:
        if self._running:
            return

        def due() -> bool:
            return self._engine_factory(self.ops.store).due()

        self.ops.db(lambda _store: due(), self._maybe_sync, self._ignore, owner=self)

    def _maybe_sync(self, is_due: bool) -> None:
        if is_due:
            self.sync_now()

    def _sync_done(self, result: SyncResult) -> None:
        self._running = False
        self.last_result = result
        self.syncFinished.emit(result)
        if result.pulled or result.conflicts:
            self.ops.notify(SYNC_CHANGES)
        self.refresh_status()
        if self._again:
            self._again = False
            self.sync_now()

    def _sync_failed(self, err: BaseException) -> None:
        from digipunt_app.core.sync_engine import SyncResult

        self._sync_done(SyncResult(ok=False, error=str(err)))

    def _status_loaded(self, info: SyncStatusInfo) -> None:
        self.status = info
        self.statusChanged.emit(info)

    def _ignore(self, _err: BaseException) -> None:
        pass
