"""The session list: every recorded session, newest first, with filters, search in the notes,
open to correct, and delete with undo ("Ongedaan maken" bar, Ctrl+Z)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from digipunt_app.core.records import SessionFilter
from digipunt_app.ui import labels
from digipunt_app.ui.flow_layout import FlowLayout
from digipunt_app.ui.operations import Operations
from digipunt_app.ui.session_model import (
    COL_CHANNEL,
    COL_DATE,
    COL_DURATION,
    COL_HELPER,
    COL_NOTES,
    COL_OUTCOME,
    COL_SERVICES,
    COL_SYNC,
    SessionTableModel,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
PERIODS = ("all", "today", "week", "month", "last_month", "year")


def period_range(period: str, today: date | None = None) -> tuple[date | None, date | None]:
    """``(from, to)`` inclusive local dates for a period name; ``(None, None)`` for "all"."""
    today = today or datetime.now(BRUSSELS).date()
    if period == "today":
        return today, today
    if period == "week":
        start = today - timedelta(days=today.weekday())
        return start, start + timedelta(days=6)
    if period == "month":
        start = today.replace(day=1)
        nxt = (start + timedelta(days=32)).replace(day=1)
        return start, nxt - timedelta(days=1)
    if period == "last_month":
        end = today.replace(day=1) - timedelta(days=1)
        return end.replace(day=1), end
    if period == "year":
        return today.replace(month=1, day=1), today.replace(month=12, day=31)
    return None, None


class SessionList(QWidget):
    editRequested = Signal(str)  # session id

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self._undo_id: str | None = None
        self._loaded_once = False
        self._dirty = False
        self.model = SessionTableModel(ops, self)
        self.model.loaded.connect(self._loaded)
        self._build()
        self.retranslate()
        ops.changed.connect(self._on_changed)

    # --- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        filters = QWidget(self)
        flow = FlowLayout(filters, spacing=12)
        self.filter_labels: dict[str, QLabel] = {}

        def add(key: str, widget: QWidget) -> None:
            box = QWidget(filters)
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            label = QLabel(box)
            label.setBuddy(widget)
            widget.setParent(box)
            row.addWidget(label)
            row.addWidget(widget)
            flow.addWidget(box)
            self.filter_labels[key] = label

        self.period = QComboBox()
        self.service = QComboBox()
        self.helper = QComboBox()
        self.outcome = QComboBox()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 20)
        for key, widget in (
            ("period", self.period),
            ("service", self.service),
            ("helper", self.helper),
            ("outcome", self.outcome),
            ("search", self.search),
        ):
            add(key, widget)
        for combo in (self.period, self.service, self.helper, self.outcome):
            combo.currentIndexChanged.connect(self._filters_changed)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._filters_changed)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        layout.addWidget(filters)

        self.count_label = QLabel(self)
        layout.addWidget(self.count_label)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        vh = self.table.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(False)
        hh.setSectionResizeMode(COL_NOTES, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        layout.addWidget(self.table, 1)
        self._fit_rows()

        self.undo_bar = QFrame(self)
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        ub = QHBoxLayout(self.undo_bar)
        self.undo_label = QLabel(self.undo_bar)
        self.undo_label.setWordWrap(True)
        self.undo_button = QPushButton(self.undo_bar)
        self.undo_button.clicked.connect(self.undo_delete)
        ub.addWidget(self.undo_label, 1)
        ub.addWidget(self.undo_button)
        self.undo_bar.hide()
        layout.addWidget(self.undo_bar)

        buttons = QHBoxLayout()
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.undo_action = QAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(ctx)
        self.undo_action.triggered.connect(self.undo_delete)
        self.addAction(self.undo_action)
        self.delete_action = QAction(self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(self.delete_action)

    def _fit_rows(self) -> None:
        """Fixed row height and column widths from the current font (fast for 200k rows)."""
        fm = self.table.fontMetrics()
        height = int(fm.height() * 1.8)
        self.table.verticalHeader().setDefaultSectionSize(height)
        self.table.verticalHeader().setMinimumSectionSize(height)
        pad = fm.averageCharWidth() * 3
        samples = {
            COL_DATE: "00/00/0000 00:00",
            COL_SERVICES: "Tax-on-web / MyMinfin, eID",
            COL_OUTCOME: "Deels opgelost, opvolging",
            COL_DURATION: "000 min",
            COL_HELPER: "Marleen V.",
            COL_CHANNEL: "Binnengelopen",
            COL_SYNC: "nog te versturen",
        }
        header = self.table.horizontalHeader()
        for column, sample in samples.items():
            header.resizeSection(column, fm.horizontalAdvance(sample) + pad)

    # --- data from the window ----------------------------------------------------------------
    def set_services(self, services: list[tuple[str, str]]) -> None:
        self.model.set_service_labels(dict(services))
        self._refill(self.service, [(c, lbl) for c, lbl in sorted(services, key=lambda s: s[1])],
                     self.tr("Alle diensten"))

    def set_helpers(self, helpers: list[Any]) -> None:
        self._helpers = [(h.id, h.display_name) for h in helpers]
        self._refill(self.helper, self._helpers, self.tr("Alle vrijwilligers"))

    def _refill(self, combo: QComboBox, items: list[tuple[str, str]], all_text: str) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, None)
        for code, text in items:
            combo.addItem(text, code)
        index = combo.findData(current)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)

    # --- loading and filtering ---------------------------------------------------------------
    def current_filter(self) -> SessionFilter:
        start, end = period_range(self.period.currentData() or "all")
        text = self.search.text().strip()
        return SessionFilter(
            date_from=start,
            date_to=end,
            service=self.service.currentData(),
            helper_id=self.helper.currentData(),
            outcome=self.outcome.currentData(),
            text=text or None,
        )

    def load(self) -> None:
        self.model.set_filter(self.current_filter())

    def _filters_changed(self, *_args: object) -> None:
        if self.model.started():
            self.load()

    def _loaded(self, count: int) -> None:
        self._loaded_once = True
        flt = self.model.filter
        filtered = any(
            v is not None for v in (flt.date_from, flt.service, flt.helper_id, flt.outcome,
                                    flt.text)
        )
        if count == 0:
            text = self.tr("Geen sessies gevonden.") if filtered else self.tr(
                "Nog geen sessies. Registreer er een bij \"Registreren\".")
        elif count == 1:
            text = self.tr("1 sessie")
        else:
            text = self.tr("{n} sessies").format(n=QLocale().toString(count))
        self.count_label.setText(text)

    def _on_changed(self, changes: frozenset[str]) -> None:
        """Reload at once when shown; otherwise only when shown next (a save on the entry form
        must never wait behind a list query it does not show)."""
        if "sessions" in changes or "helpers" in changes:
            if self.isVisible():
                self.load()
            else:
                self._dirty = True

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt naming)
        if not self._loaded_once or self._dirty:
            self._dirty = False
            self.load()
        super().showEvent(event)

    # --- actions -----------------------------------------------------------------------------
    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            rows = self.table.selectionModel().selectedRows()
            if not rows:
                return None
            index = rows[0]
        return self.model.session_id(index.row())

    def select_id(self, session_id: str) -> bool:
        row = self.model.row_of(session_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, COL_DATE))
        return True

    def open_selected(self) -> None:
        sid = self.selected_id()
        if sid:
            self.editRequested.emit(sid)

    def delete_selected(self) -> None:
        sid = self.selected_id()
        if not sid:
            return
        from digipunt_app.core import sessions

        row = self.model.session_row(self.model.row_of(sid))
        summary = self.model.data(self.model.index(self.model.row_of(sid), COL_SERVICES))
        self.ops.db(
            lambda store: sessions.delete_session(store, sid),
            on_success=lambda _r: self._deleted(sid, row, summary),
            on_failure=self._failed,
            changes={"sessions"},
            owner=self,
        )

    def _deleted(self, sid: str, _row: Any, summary: str) -> None:
        self._undo_id = sid
        self.undo_label.setText(
            self.tr("Sessie verwijderd: {what}. Per ongeluk? Klik op \"Ongedaan maken\" "
                    "of druk Ctrl+Z.").format(what=summary or "...")
        )
        self.undo_bar.show()
        self.undo_button.setFocus()

    def undo_delete(self) -> None:
        sid = self._undo_id
        if not sid:
            return
        from digipunt_app.core import sessions

        self._undo_id = None
        self.ops.db(
            lambda store: sessions.undelete_session(store, sid),
            on_success=lambda _r: self._undone(sid),
            on_failure=self._failed,
            changes={"sessions"},
            owner=self,
        )

    def _undone(self, sid: str) -> None:
        self.undo_bar.hide()
        self.table.setFocus()

    def _failed(self, err: BaseException) -> None:
        self.undo_label.setText("⚠ " + str(err))
        self.undo_bar.show()

    # --- language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._fit_rows()
        super().changeEvent(event)

    def retranslate(self) -> None:
        texts = {
            "period": self.tr("&Periode:"),
            "service": self.tr("&Dienst:"),
            "helper": self.tr("&Vrijwilliger:"),
            "outcome": self.tr("&Resultaat:"),
            "search": self.tr("&Zoeken in notities:"),
        }
        for key, text in texts.items():
            self.filter_labels[key].setText(text)
            self.filter_labels[key].buddy().setAccessibleName(text.replace("&", "").rstrip(":"))
        periods = {
            "all": self.tr("Alles"),
            "today": self.tr("Vandaag"),
            "week": self.tr("Deze week"),
            "month": self.tr("Deze maand"),
            "last_month": self.tr("Vorige maand"),
            "year": self.tr("Dit jaar"),
        }
        self._refill_keep(self.period, list(periods.items()))
        self._refill(self.outcome, list(labels.outcome_labels().items()),
                     self.tr("Alle resultaten"))
        if self.service.count():
            self.service.setItemText(0, self.tr("Alle diensten"))
        else:
            self.service.addItem(self.tr("Alle diensten"), None)
        if self.helper.count():
            self.helper.setItemText(0, self.tr("Alle vrijwilligers"))
        else:
            self.helper.addItem(self.tr("Alle vrijwilligers"), None)
        self.search.setPlaceholderText(self.tr("woord uit de notitie"))
        self.table.setAccessibleName(self.tr("Lijst van sessies"))
        self.table.horizontalHeader().setAccessibleName(
            self.tr("Kolomtitels (klik om te sorteren)"))
        self.open_button.setText(self.tr("&Openen en verbeteren (Enter)"))
        self.delete_button.setText(self.tr("Ver&wijderen (Delete)"))
        self.undo_button.setText(self.tr("On&gedaan maken (Ctrl+Z)"))
        self.undo_label.setAccessibleName(self.tr("Melding"))
        for button in (self.open_button, self.delete_button, self.undo_button):
            button.setAccessibleName(button.text().replace("&", ""))
        self.undo_action.setText(self.tr("Ongedaan maken"))
        self.delete_action.setText(self.tr("Verwijderen"))
        self.model.retranslate()
        if self._loaded_once:
            self._loaded(self.model.rowCount())

    def _refill_keep(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for code, text in items:
            combo.addItem(text, code)
        index = combo.findData(current)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)
