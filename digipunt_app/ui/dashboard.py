"""The "Rapporten" tab: this digipunt's numbers (offline, from the local database) and, for a
coordinator, the region's (from the server).

Lazy: the tab holds only a placeholder until it is first shown; then it builds its widgets (charts
painted with QPainter) and asks the DB worker for the report. A later change to the
sessions (a save, a pull) refreshes it when visible, or at the next show when hidden.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from digipunt_app.ui.operations import Handle, Operations

if TYPE_CHECKING:
    from digipunt_app.core.reports_model import Report

CUSTOM = "custom"
REFRESH_ON = frozenset({"sessions", "helpers", "catalog", "sync", "settings"})


class PeriodPicker(QWidget):
    """This week / this month / last month / this year / custom (two dates)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, default: str = "this_month") -> None:
        super().__init__(parent)
        # imported when the tab is built (it brings sync.protocol): not before the data is shown
        from digipunt_app.core.reports_model import PERIODS, period_dates

        self.label = QLabel(self)
        self.combo = QComboBox(self)
        for key in (*PERIODS, CUSTOM):
            self.combo.addItem("", key)
        self.combo.setCurrentIndex(self.combo.findData(default))
        self.label.setBuddy(self.combo)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        today = date.today()
        first, last = period_dates("this_month", today)
        for edit, value in ((self.date_from, first), (self.date_to, last)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")  # Belgian date format
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.dateChanged.connect(self._dates_changed)
        self.to_label = QLabel(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.combo, self.date_from, self.to_label, self.date_to):
            row.addWidget(widget)
        self.combo.currentIndexChanged.connect(self._choice_changed)
        self._choice_changed()
        self.retranslate()

    def retranslate(self) -> None:
        names = {
            "this_week": self.tr("Deze week"),
            "this_month": self.tr("Deze maand"),
            "last_month": self.tr("Vorige maand"),
            "this_year": self.tr("Dit jaar"),
            CUSTOM: self.tr("Zelf kiezen…"),
        }
        for index in range(self.combo.count()):
            self.combo.setItemText(index, names[self.combo.itemData(index)])
        self.label.setText(self.tr("&Periode:"))
        self.to_label.setText(self.tr("tot en met"))
        self.combo.setAccessibleName(self.tr("Periode"))
        self.date_from.setAccessibleName(self.tr("Van (datum)"))
        self.date_to.setAccessibleName(self.tr("Tot en met (datum)"))

    def choice(self) -> str:
        return str(self.combo.currentData())

    def set_choice(self, key: str) -> None:
        self.combo.setCurrentIndex(self.combo.findData(key))

    def set_custom(self, first: date, last: date) -> None:
        self.combo.blockSignals(True)
        self.set_choice(CUSTOM)
        self.combo.blockSignals(False)
        for edit, value in ((self.date_from, first), (self.date_to, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)
        self._choice_changed()

    def dates(self, today: date | None = None) -> tuple[date, date]:
        if self.choice() == CUSTOM:
            first = self.date_from.date().toPython()
            last = self.date_to.date().toPython()
            return (first, last) if first <= last else (last, first)
        from digipunt_app.core.reports_model import period_dates

        return period_dates(self.choice(), today or date.today())

    def _choice_changed(self) -> None:
        custom = self.choice() == CUSTOM
        for widget in (self.date_from, self.to_label, self.date_to):
            widget.setVisible(custom)
        self.changed.emit()

    def _dates_changed(self) -> None:
        if self.choice() == CUSTOM:
            self.changed.emit()


class DashboardTab(QWidget):
    """This digipunt's report for the chosen period (see the module docstring)."""

    reportShown = Signal(object)  # noqa: N815 (Qt naming): the Report now on screen
    failed = Signal(str)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.report: Report | None = None
        self.built = False
        self.loads = 0  # how many reports were asked for (tests check laziness)
        self._stale = True
        self._handle: Handle | None = None
        self._cancel: threading.Event | None = None
        layout = QVBoxLayout(self)
        self.placeholder = QLabel(self)
        layout.addWidget(self.placeholder)
        ops.changed.connect(self._on_changed)
        self.retranslate()

    # --- building (on first show) ------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if not self.built:
            self._build()
        if self._stale:
            self.refresh()

    def _build(self) -> None:
        from digipunt_app.ui.dashboard_view import (
            ExportButton,
            ProgressBridge,
            ReportExporter,
            ReportView,
        )
        from digipunt_app.ui.flow_layout import FlowLayout

        self.built = True
        self.placeholder.hide()
        # The picker and buttons wrap to a second line and the status text wraps under them
        # when space runs out (200% text, a longer language): "Bezig met tellen..." beside the
        # buttons made the whole window wider than the screen while a report was counted.
        bar_host = QWidget(self)
        bar = FlowLayout(bar_host, spacing=8)
        self.period = PeriodPicker(self)
        self.period.changed.connect(self.refresh)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.export_button = ExportButton(self)
        self.export_button.chosen.connect(self.export)
        self.status = _StatusLabel(self)
        self.status.setWordWrap(True)
        self.status.hide()  # shown while it has something to say
        for widget in (self.period, self.refresh_button, self.cancel_button, self.export_button):
            widget.setParent(bar_host)
            bar.addWidget(widget)
        self.layout().addWidget(bar_host)
        self.layout().addWidget(self.status)
        self.view = ReportView(self)
        self.layout().addWidget(self.view, 1)
        self.exporter = ReportExporter(self.ops, self)
        self.exporter.message.connect(self.status.setText)
        self._bridge = ProgressBridge(self)  # queued signal: worker thread -> GUI thread
        self._bridge.progressed.connect(self._progress)
        self.retranslate()

    def retranslate(self) -> None:
        self.placeholder.setText(self.tr("Rapport wordt geladen…"))
        if not self.built:
            return
        self.period.retranslate()
        self.refresh_button.setText(self.tr("&Vernieuwen"))
        self.cancel_button.setText(self.tr("&Annuleren"))
        self.view.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.report is not None:
                self.refresh()  # service names come from the catalog in the new language
        super().changeEvent(event)

    # --- computing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Ask the DB worker for the report of the chosen period (the last ask wins)."""
        if not self.built:
            self._stale = True
            return
        self.cancel()
        from digipunt_app.core.reports import local_report

        first, last = self.period.dates()
        cancel = threading.Event()
        self._cancel = cancel
        self._stale = False
        self.loads += 1
        self.status.setText(self.tr("Bezig met tellen…"))
        self.cancel_button.show()
        emit = self._bridge.progressed.emit  # from the DB worker; shown by _progress

        def work(store: Any) -> tuple[Report, dict[str, str]]:
            from digipunt_app.core.catalog import load_catalog
            from digipunt_app.ui.i18n import current_language

            report = local_report(store, first, last, progress=emit, cancelled=cancel.is_set)
            lang = current_language()
            names = {s.code: s.label(lang) for s in load_catalog(store).services}
            return report, names

        self._handle = self.ops.db(
            work,
            on_success=self._show,
            on_failure=self._failed,
            owner=self,
        )

    def _progress(self, done: int, total: int, _what: str) -> None:
        if self._cancel is not None:  # still computing
            self.status.setText(
                self.tr("Bezig met tellen… (%1 van %2)")
                .replace("%1", str(done + 1))
                .replace("%2", str(total))
            )

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
        if self._handle is not None:
            self._handle.cancel()
        self._cancel = self._handle = None
        if self.built:
            self.cancel_button.hide()
            self.status.setText("")

    def _show(self, answer: tuple[Report, dict[str, str]]) -> None:
        report, service_labels = answer
        self._cancel = self._handle = None
        self.cancel_button.hide()
        self.report = report
        self.view.set_report(report, service_labels)
        self.export_button.setEnabled(True)
        self.status.setText("")
        self.reportShown.emit(report)

    def _failed(self, err: BaseException) -> None:
        from digipunt_app.core.reports_model import ReportCancelled

        self._cancel = self._handle = None
        self.cancel_button.hide()
        if isinstance(err, ReportCancelled):
            self.status.setText(self.tr("Geannuleerd."))
            return
        text = str(err) or type(err).__name__
        self.status.setText("⚠ " + text)
        self.failed.emit(text)

    def _on_changed(self, changes: Any) -> None:
        if not REFRESH_ON.intersection(changes):
            return
        if self.built and self.isVisible():
            self.refresh()
        else:
            self._stale = True

    # --- export --------------------------------------------------------------------------------
    def export(self, fmt: str) -> None:
        if self.report is None:
            return
        suggested = f"rapport-{self.report.date_from:%Y-%m-%d}-{self.report.date_to:%Y-%m-%d}"
        self.exporter.export(self.report, fmt, f"{suggested}.{fmt}")


class _StatusLabel(QLabel):
    """The report's status line: hidden while empty (it sits on a line of its own)."""

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        super().setText(text)
        self.setVisible(bool(text))


class ReportsTab(QTabWidget):
    """The "Rapporten" tab: "Dit digipunt" and "Regio (coördinator)" side by side."""

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from digipunt_app.ui.regional import RegionalTab

        self.dashboard = DashboardTab(ops, self)
        self.regional = RegionalTab(ops, self)
        self.addTab(self.dashboard, "")
        self.addTab(self.regional, "")
        self.retranslate()

    def retranslate(self) -> None:
        self.setTabText(0, self.tr("Dit &digipunt"))
        self.setTabText(1, self.tr("Re&gio (coördinator)"))
        self.setAccessibleName(self.tr("Rapporten"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def install_reports(window: Any) -> ReportsTab:
    """Window hook (``digipunt_app.ui.app.WINDOW_HOOKS``): adds the "Rapporten" tab."""
    tab = ReportsTab(window.ops)
    window.add_tab(tab, lambda: QCoreApplication.translate("ReportsTab", "Ra&pporten"))
    return tab
