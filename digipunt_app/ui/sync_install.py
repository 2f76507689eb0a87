"""Puts sync into the main window (a ``WINDOW_HOOKS`` entry of ``ui/app.py``):

- the always-visible ``SyncStatusWidget`` in the status bar;
- the "Synchronisatie" menu: "Nu synchroniseren" (F9, also on the toolbar, with a progress dialog
  that can be cancelled), "Inschrijven bij de server...", "Conflicten bekijken...";
- a sync right after every save when the last sync reached the server, and the timer;
- conflicts shown to the volunteer with both versions and a choice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QProgressDialog

from digipunt_app.core.sync_engine_types import ConflictInfo
from digipunt_app.ui.sync_conflicts import ConflictDialog
from digipunt_app.ui.sync_controller import SyncController
from digipunt_app.ui.sync_status import SyncStatusWidget

if TYPE_CHECKING:  # the engine (sync.protocol, requests) is imported when first used, after the
    # window shows its data (a WINDOW_HOOKS entry runs just before ``ready``)
    from digipunt_app.core.sync_engine import SyncResult


class SyncUi(QObject):
    """Owns the controller, the status widget and the actions of one main window."""

    def __init__(self, window: Any, interval_ms: int | None = None) -> None:
        super().__init__(window)
        self.window = window
        options = {} if interval_ms is None else {"interval_ms": interval_ms}
        self.controller = SyncController(window.ops, parent=self, **options)
        self.status = SyncStatusWidget(window)
        window.add_status_widget(self.status)
        self.progress: QProgressDialog | None = None
        self._manual = False

        self.sync_action = QAction(window)
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F9))
        self.sync_action.triggered.connect(self.sync_now)
        self.enrol_action = QAction(window)
        self.enrol_action.triggered.connect(self.enrol)
        self.conflicts_action = QAction(window)
        self.conflicts_action.triggered.connect(self.show_conflicts)
        window.add_action("sync", self.sync_action, toolbar=True)
        window.add_action("sync", self.enrol_action)
        window.add_action("sync", self.conflicts_action)
        self.retranslate()

        c = self.controller
        c.statusChanged.connect(self.status.show_status)
        c.statusChanged.connect(self._status_changed)
        c.syncStarted.connect(lambda: self.status.set_busy(True))
        c.syncFinished.connect(self._finished)
        c.progress.connect(self._progress)
        self.status.conflictsRequested.connect(self.show_conflicts)
        window.form.saved.connect(lambda _row: c.after_save())
        window.ops.changed.connect(self._changed)
        window.installEventFilter(self)
        if window.ops.store is not None:
            c.start()
        else:
            window.store_opened.connect(lambda _store: c.start())

    def retranslate(self) -> None:
        self.sync_action.setText(QCoreApplication.translate("SyncUi", "Nu &synchroniseren"))
        self.sync_action.setToolTip(
            QCoreApplication.translate("SyncUi", "Verstuur wat wacht en haal op wat nieuw is (F9)")
        )
        self.enrol_action.setText(
            QCoreApplication.translate("SyncUi", "&Inschrijven bij de server...")
        )
        self.conflicts_action.setText(
            QCoreApplication.translate("SyncUi", "&Conflicten bekijken...")
        )
        menu = self.window.menu("sync")
        menu.setTitle(QCoreApplication.translate("SyncUi", "S&ynchronisatie"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    # --- actions -----------------------------------------------------------------------------
    def sync_now(self) -> None:
        self._manual = True
        if self.progress is None:
            self.progress = QProgressDialog(self.window)
            self.progress.setWindowModality(Qt.WindowModality.NonModal)
            self.progress.setMinimumDuration(400)
            self.progress.canceled.connect(self.controller.cancel)
        self.progress.setWindowTitle(QCoreApplication.translate("SyncUi", "Synchroniseren"))
        self.progress.setLabelText(
            QCoreApplication.translate("SyncUi", "Verbinden met de server...")
        )
        self.progress.setCancelButtonText(QCoreApplication.translate("SyncUi", "&Stoppen"))
        self.progress.setRange(0, 0)
        self.progress.setValue(0)
        self.controller.sync_now()

    def enrol(self) -> None:
        state = self.controller.status.state if self.controller.status else None
        from digipunt_app.ui.enrol_dialog import EnrolDialog  # with sync.client (requests)

        enrolled = EnrolDialog.ask(
            self.controller.submit_net,
            self.controller.enrol_call,
            self.window,
            server_url=(state.server_url or "") if state else "",
        )
        if enrolled is not None:
            self.controller.on_enrolled(enrolled)
            self.window.show_info(
                QCoreApplication.translate(
                    "SyncUi", "Ingeschreven voor %1. Wat op deze pc staat, wordt nu verstuurd."
                ).replace("%1", enrolled.digipunt_name or "")
            )

    def show_conflicts(self) -> None:
        self.controller.load_conflicts(self._conflicts_loaded)

    # --- callbacks ---------------------------------------------------------------------------
    def _conflicts_loaded(self, conflicts: list[ConflictInfo]) -> None:
        if not conflicts:
            self.window.show_info(
                QCoreApplication.translate("SyncUi", "Er zijn geen conflicten te bekijken.")
            )
            return
        for conflict in conflicts:
            choice = ConflictDialog.ask(conflict, self.window, self.window.form.tiles.labels())
            if choice is None:
                break
            self.controller.resolve_conflict(conflict.id, choice)

    def _progress(self, phase: str, done: int, total: int) -> None:
        if self.progress is None or not self._manual:
            return
        label = (
            QCoreApplication.translate("SyncUi", "Versturen: %1 van %2")
            if phase == "push"
            else QCoreApplication.translate("SyncUi", "Ontvangen: %1")
        )
        self.progress.setLabelText(label.replace("%1", str(done)).replace("%2", str(total)))
        if phase == "push" and total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _finished(self, result: SyncResult) -> None:
        self.status.set_busy(False)
        manual, self._manual = self._manual, False
        if self.progress is not None:
            self.progress.reset()
        if result.busy:
            return
        if result.conflicts:
            self.window.show_info(
                QCoreApplication.translate(
                    "SyncUi",
                    "Een sessie werd op twee pc's tegelijk aangepast. Kies welke versie klopt: "
                    "menu Synchronisatie > Conflicten bekijken.",
                )
            )
        elif manual:
            self.window.show_info(result.summary())

    def _status_changed(self, info: Any) -> None:
        enrolled = info.state.enrolled
        self.sync_action.setEnabled(enrolled)
        self.conflicts_action.setEnabled(info.open_conflicts > 0)

    def _changed(self, changes: frozenset[str]) -> None:
        if "sessions" in changes and not self.controller.running:
            self.controller.refresh_status()


def install_sync(window: Any) -> SyncUi:
    """The hook for ``ui/app.py``'s ``WINDOW_HOOKS``."""
    ui = SyncUi(window)
    window.sync_ui = ui
    return ui
