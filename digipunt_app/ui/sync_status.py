"""The always-visible sync status (DESIGN.md §7): online/offline, records waiting, last successful
sync, clock warning, revoked device, conflicts to look at. Text beside every sign: colour is never
the only signal. It only shows a ``SyncStatusInfo``; ``SyncController`` feeds it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QEvent, QLocale, Qt, QTimeZone, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from digipunt_app.core.sync_engine_types import SyncStatusInfo


def format_when(when: datetime | None) -> str:
    """A UTC time as a local Belgian date and time through QLocale (``23/11/2026 14:05``)."""
    if when is None:
        return ""
    stamp = QDateTime.fromSecsSinceEpoch(int(when.timestamp()), QTimeZone.systemTimeZone())
    return QLocale().toString(stamp, "dd/MM/yyyy HH:mm")


class SyncStatusWidget(QWidget):
    """A row of labels for the status bar; ``conflictsRequested`` when the conflicts are clicked."""

    conflictsRequested = Signal()
    syncRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._info: SyncStatusInfo | None = None
        self._busy = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.connection = QLabel(self)
        self.pending = QLabel(self)
        self.last_sync = QLabel(self)
        self.warning = QLabel(self)
        self.warning.setWordWrap(False)
        self.conflicts = QPushButton(self)
        self.conflicts.setFlat(True)
        self.conflicts.clicked.connect(self.conflictsRequested)
        for widget in (self.connection, self.pending, self.last_sync, self.warning,
                       self.conflicts):
            layout.addWidget(widget)
        self.warning.setStyleSheet("color: #9a3412; font-weight: bold;")
        self.conflicts.setStyleSheet("font-weight: bold;")
        self.retranslate()

    # --- state -------------------------------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.retranslate()

    def show_status(self, info: SyncStatusInfo) -> None:
        self._info = info
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _amount(self, seconds: float) -> str:
        """``12 minuten``, ``5 uur``, ``3 dagen``: what a volunteer reads at a glance."""
        minutes = round(seconds / 60)
        if minutes < 120:
            return self.tr("%1 minuten").replace("%1", str(minutes))
        hours = round(seconds / 3600)
        if hours < 48:
            return self.tr("%1 uur").replace("%1", str(hours))
        return self.tr("%1 dagen").replace("%1", str(round(seconds / 86400)))

    def retranslate(self) -> None:
        info = self._info
        self.setAccessibleName(self.tr("Synchronisatiestatus"))
        if info is None:
            self.connection.setText(self.tr("Synchronisatie: even geduld..."))
            for label in (self.pending, self.last_sync, self.warning):
                label.hide()
            self.conflicts.hide()
            return
        state = info.state
        if not state.enrolled:
            text = self.tr("○ Niet ingeschreven (alles blijft op deze pc)")
        elif state.revoked:
            text = self.tr("⛔ Toegang ingetrokken: vraag een nieuwe code")
        elif self._busy:
            text = self.tr("⟳ Bezig met synchroniseren...")
        elif info.online:
            text = self.tr("● Online")
        else:
            text = self.tr("○ Offline")
        self.connection.setText(text)
        self.connection.setToolTip(state.last_error or "")
        self.connection.setAccessibleName(text)

        self.pending.setText(self.tr("%1 wachtend").replace("%1", str(info.pending)))
        self.pending.setVisible(state.enrolled or info.pending > 0)
        if state.last_sync is not None:
            self.last_sync.setText(
                self.tr("Laatste synchronisatie: %1").replace("%1", format_when(state.last_sync))
            )
        else:
            self.last_sync.setText(self.tr("Nog nooit gesynchroniseerd"))
        self.last_sync.setVisible(state.enrolled)

        if state.clock_warning and state.clock_skew_seconds is not None:
            if state.clock_skew_seconds > 0:
                warn = self.tr("⚠ De klok van deze pc loopt %1 achter")
            else:
                warn = self.tr("⚠ De klok van deze pc loopt %1 voor")
            warn = warn.replace("%1", self._amount(abs(state.clock_skew_seconds)))
            self.warning.setText(warn)
            self.warning.setAccessibleName(warn)
            self.warning.show()
        else:
            self.warning.hide()

        if info.open_conflicts:
            self.conflicts.setText(
                self.tr("⚠ Conflicten bekijken: %1").replace("%1", str(info.open_conflicts))
            )
            self.conflicts.setAccessibleName(self.conflicts.text())
            self.conflicts.show()
        else:
            self.conflicts.hide()
        self.setAttribute(Qt.WidgetAttribute.WA_AlwaysShowToolTips, True)
