"""Shows a ``Report``: key figures, the reach against the funding tiers, then every breakdown as a
chart with its numbers in a table beside it. Used by the digipunt dashboard and the regional view.

Also holds the export flow both share (file dialog, progress with cancel, work off the GUI thread).
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressDialog,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from digipunt_app.core.reports_model import Breakdown, Report
from digipunt_app.ui import labels as ui_labels
from digipunt_app.ui.charts import ChartView
from digipunt_app.ui.operations import Operations

# vocabulary breakdowns whose codes the UI translates (the exports stay Dutch)
_VOCABULARY = {
    "outcomes": ui_labels.outcome_labels,
    "referrals": ui_labels.referral_labels,
    "channels": ui_labels.channel_labels,
    "age_bands": ui_labels.age_band_labels,
    "target_groups": ui_labels.target_group_labels,
}


def breakdown_titles() -> dict[str, str]:
    # literal QCoreApplication.translate("reports", ...) calls: pyside6-lupdate reads them
    return {
        "per_week": QCoreApplication.translate("reports", "Sessies per week"),
        "per_month": QCoreApplication.translate("reports", "Sessies per maand"),
        "services": QCoreApplication.translate("reports", "Diensten"),
        "outcomes": QCoreApplication.translate("reports", "Uitkomst"),
        "referrals": QCoreApplication.translate("reports", "Doorverwijzingen"),
        "channels": QCoreApplication.translate("reports", "Kanaal"),
        "age_bands": QCoreApplication.translate("reports", "Leeftijd"),
        "target_groups": QCoreApplication.translate("reports", "Doelgroepen"),
        "helper_hours": QCoreApplication.translate("reports", "Uren per helper"),
        "per_digibank": QCoreApplication.translate("reports", "Sessies per digibank"),
        "per_digipunt": QCoreApplication.translate("reports", "Sessies per digipunt"),
        "per_municipality": QCoreApplication.translate("reports", "Sessies per gemeente"),
        "hours_per_digipunt": QCoreApplication.translate("reports", "Uren hulp per digipunt"),
        "adults_per_digipunt": QCoreApplication.translate(
            "reports", "Unieke volwassenen per digipunt"
        ),
    }


def localise(breakdown: Breakdown, service_labels: dict[str, str] | None = None) -> Breakdown:
    """The breakdown with its title, weeks, months and vocabulary labels in the UI language;
    ``service_labels`` (``{code: label}`` from the catalog) names the services."""
    title = breakdown_titles().get(breakdown.key, breakdown.title)
    words = _VOCABULARY.get(breakdown.key)
    known: dict[str, str] = {}
    if words is not None:
        known = words()
    elif breakdown.key == "services" and service_labels:
        known = service_labels
    elif breakdown.key in ("per_week", "per_month"):
        known = {line.code: _time_label(line.code) for line in breakdown.lines}
    lines = tuple(replace(line, label=known.get(line.code, line.label)) for line in breakdown.lines)
    return replace(breakdown, title=title, lines=lines)


def _time_label(code: str) -> str:
    """``2026-W03`` -> "week 3 (2026)"; ``2026-01`` -> "januari 2026" (in the UI language)."""
    if "-W" in code:
        year, week = code.split("-W")
        return (
            QCoreApplication.translate("reports", "week %1 (%2)")
            .replace("%1", str(int(week)))
            .replace("%2", year)
        )
    year, month = code.split("-")
    return f"{QLocale().standaloneMonthName(int(month))} {year}"


def number(value: float, decimals: int = 0) -> str:
    return QLocale().toString(float(value), "f", decimals)


class BreakdownPanel(QGroupBox):
    """One breakdown: its chart left, its table right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = ChartView(self)
        self.table = QTableWidget(0, 3, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.table, 1)
        right.addWidget(self.note)
        row = QHBoxLayout(self)
        row.addWidget(self.chart, 3)
        row.addLayout(right, 2)
        self.breakdown: Breakdown | None = None

    def set_breakdown(self, breakdown: Breakdown, value_name: str) -> None:
        self.breakdown = breakdown
        self.setTitle(breakdown.title)
        self.chart.show_breakdown(breakdown, value_name)
        has_share = breakdown.base > 0
        self.table.setColumnCount(3 if has_share else 2)
        heads = [self.tr("Omschrijving"), value_name]
        if has_share:
            heads.append("%")
        self.table.setHorizontalHeaderLabels(heads)
        if has_share:  # the short "%" keeps the numbers readable at 200 % font size
            self.table.horizontalHeaderItem(2).setToolTip(self.tr("% van de sessies"))
        self.table.setRowCount(len(breakdown.lines))
        for row, line in enumerate(breakdown.lines):
            cells = [line.label, number(line.value, breakdown.decimals)]
            share = breakdown.share(line)
            if share is not None:
                cells.append(number(share, 1))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(line.label)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.setAccessibleName(self.tr("Tabel: %1").replace("%1", breakdown.title))
        rows = max(1, len(breakdown.lines))
        height = self.table.horizontalHeader().sizeHint().height() + 4
        height += sum(self.table.rowHeight(r) for r in range(rows)) if breakdown.lines else 30
        self.table.setMinimumHeight(min(height, self.chart.height()))
        self.note.setText(breakdown.note)
        self.note.setVisible(bool(breakdown.note))


class ReportView(QScrollArea):
    """Everything of one report, top to bottom, in a scroll area."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        self._layout = QVBoxLayout(body)
        self.heading = QLabel(body)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self._layout.addWidget(self.heading)
        figures = QGridLayout()
        self.figure_values: dict[str, QLabel] = {}
        self.figure_names: dict[str, QLabel] = {}
        for column, key in enumerate(("sessions", "hours", "adults")):
            value = QLabel("–", body)
            name = QLabel(body)
            figures.addWidget(value, 0, column)
            figures.addWidget(name, 1, column)
            self.figure_values[key] = value
            self.figure_names[key] = name
        self._layout.addLayout(figures)
        self.reach_box = QGroupBox(body)
        reach_layout = QVBoxLayout(self.reach_box)
        self.reach_chart: ChartView | None = None
        self.reach_text = QLabel(self.reach_box)
        self.reach_text.setWordWrap(True)
        self.reach_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        reach_layout.addWidget(self.reach_text)
        self._reach_layout = reach_layout
        self._layout.addWidget(self.reach_box)
        self.panels: dict[str, BreakdownPanel] = {}
        self._layout.addStretch(1)
        self.setWidget(body)
        self.report: Report | None = None
        self.service_labels: dict[str, str] = {}
        self._scale_fonts()
        self.retranslate()

    def _scale_fonts(self) -> None:
        """Heading and key figures are bigger than the text around them, at any text size: set
        again from this view's own font whenever the text size (the application font) changes."""
        sized = [(self.heading, 1.3)] + [(v, 2.0) for v in self.figure_values.values()]
        for label, factor in sized:
            font = QFont(self.font())
            font.setPointSizeF(self.font().pointSizeF() * factor)
            font.setBold(True)
            label.setFont(font)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._scale_fonts()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.figure_names["sessions"].setText(self.tr("Sessies"))
        self.figure_names["hours"].setText(self.tr("Uren hulp"))
        self.figure_names["adults"].setText(self.tr("Unieke volwassenen bereikt"))
        self.reach_box.setTitle(self.tr("Bereik tegenover de financieringsdrempels"))
        if self.report is not None:
            self.set_report(self.report)

    def set_report(self, report: Report, service_labels: dict[str, str] | None = None) -> None:
        """Show ``report``; ``service_labels`` names the services in the UI language."""
        self.report = report
        if service_labels is not None:
            self.service_labels = service_labels
        locale = QLocale()
        period = (
            self.tr("%1 tot en met %2")
            .replace("%1", locale.toString(report.date_from, QLocale.FormatType.LongFormat))
            .replace("%2", locale.toString(report.date_to, QLocale.FormatType.LongFormat))
        )
        self.heading.setText(f"{report.title} · {period}")
        self.figure_values["sessions"].setText(number(report.sessions))
        self.figure_values["hours"].setText(number(report.hours, 1))
        self.figure_values["adults"].setText(number(report.unique_adults))
        if self.reach_chart is None:
            self.reach_chart = ChartView(self.reach_box)
            self._reach_layout.insertWidget(0, self.reach_chart)
        self.reach_chart.show_reach(report.reach)
        self.reach_text.setText("\n".join(self.reach_lines(report)))
        self._show_breakdowns(report)

    def reach_lines(self, report: Report) -> list[str]:
        out = []
        for reach in report.reach:
            line = self.tr(
                "%1: %2 unieke volwassenen, waarvan %3 met bezoekerscode (exact) en %4 geschat "
                "(eerste bezoek zonder code)."
            )
            for key, value in (
                ("%1", reach.label),
                ("%2", number(reach.total)),
                ("%3", number(reach.with_code)),
                ("%4", number(reach.estimated)),
            ):
                line = line.replace(key, value)
            if reach.next_tier is None:
                line += " " + self.tr("Alle drempels gehaald.")
            else:
                line += " " + self.tr("Nog %1 tot de drempel van %2.").replace(
                    "%1", number(reach.to_go)
                ).replace("%2", number(reach.next_tier))
            out.append(line)
        out.extend(report.notes)
        return out

    def _show_breakdowns(self, report: Report) -> None:
        wanted = [b.key for b in report.breakdowns]
        for key in list(self.panels):
            if key not in wanted:
                self.panels.pop(key).deleteLater()
        position = self._layout.indexOf(self.reach_box) + 1
        for breakdown in report.breakdowns:
            panel = self.panels.get(breakdown.key)
            if panel is None:
                panel = BreakdownPanel(self.widget())
                self.panels[breakdown.key] = panel
            self._layout.insertWidget(position, panel)
            position += 1
            shown = localise(breakdown, self.service_labels)
            panel.set_breakdown(shown, self._value_name(breakdown))

    def _value_name(self, breakdown: Breakdown) -> str:
        names = {
            "Sessies": self.tr("Sessies"),
            "Uren": self.tr("Uren"),
            "Volwassenen": self.tr("Volwassenen"),
        }
        return names.get(breakdown.value_name, breakdown.value_name)


# --- export (shared by the dashboard and the regional view) -----------------------------------
class ExportButton(QToolButton):
    """"Exporteren" with its menu (PDF, XLSX, CSV); emits the chosen format. Disabled until a
    report is on screen."""

    chosen = Signal(str)  # "pdf", "xlsx" or "csv"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.actions_by_format = {}
        for fmt in ("pdf", "xlsx", "csv"):
            action = menu.addAction("")
            action.triggered.connect(lambda _=False, f=fmt: self.chosen.emit(f))
            self.actions_by_format[fmt] = action
        self.setMenu(menu)
        self.setEnabled(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("E&xporteren"))
        self.setAccessibleName(self.tr("Rapport exporteren"))
        self.actions_by_format["pdf"].setText(self.tr("Maandrapport als PDF…"))
        self.actions_by_format["xlsx"].setText(self.tr("Tabellen als Excel (XLSX)…"))
        self.actions_by_format["csv"].setText(self.tr("Tabellen als CSV…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ProgressBridge(QObject):
    """Carries progress from the worker thread to the GUI thread (queued signal)."""

    progressed = Signal(int, int, str)


class ReportExporter(QObject):
    """Asks for a file, writes the report off the GUI thread with a cancellable progress dialog.

    Tests replace ``ask_path`` (a classmethod) instead of clicking a file dialog.
    """

    finished = Signal(object)  # Path written, or None when cancelled/failed
    message = Signal(str)

    FILTERS = {"pdf": "PDF (*.pdf)", "xlsx": "Excel (*.xlsx)", "csv": "CSV (*.csv)"}

    def __init__(self, ops: Operations, parent: QWidget) -> None:
        super().__init__(parent)
        self.ops = ops
        self._parent = parent
        self.dialog: QProgressDialog | None = None

    @classmethod
    def ask_path(cls, parent: QWidget, fmt: str, suggested: str) -> Path | None:
        title = QCoreApplication.translate("ReportExporter", "Rapport opslaan")
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, cls.FILTERS[fmt])
        return Path(name) if name else None

    def export(self, report: Report, fmt: str, suggested: str) -> None:
        path = type(self).ask_path(self._parent, fmt, suggested)
        if path is None:
            return
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        from digipunt_app.core.report_export import export_report

        cancel = threading.Event()
        bridge = ProgressBridge(self)
        dialog = QProgressDialog(
            self.tr("Rapport maken…"), self.tr("Annuleren"), 0, 0, self._parent
        )
        dialog.setWindowTitle(self.tr("Exporteren"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(cancel.set)
        bridge.progressed.connect(lambda done, total, what: self._progress(dialog, done, total))
        self.dialog = dialog

        def work() -> Path:
            return export_report(
                report,
                path,
                fmt,
                progress=bridge.progressed.emit,
                cancelled=cancel.is_set,
            )

        def done(written: Path) -> None:
            dialog.reset()
            self.message.emit(self.tr("Opgeslagen: %1").replace("%1", str(written)))
            self.finished.emit(written)

        def failed(err: BaseException) -> None:
            dialog.reset()
            self.message.emit(str(err) or type(err).__name__)
            self.finished.emit(None)

        # Rendering a PDF is CPU work of a few seconds: it runs on the network worker so that
        # saving sessions on the DB worker never waits for it.
        self.ops.net(work, on_success=done, on_failure=failed, owner=self)

    @staticmethod
    def _progress(dialog: QProgressDialog, done: int, total: int) -> None:
        if dialog.maximum() != total:
            dialog.setMaximum(total)
        dialog.setValue(min(done, total))
