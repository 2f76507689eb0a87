"""The session list's table model: it holds ids only and fetches rows lazily (the shape of Anki's
browser table model), one page of ``BATCH`` rows at a time.

``reload()`` asks the DB worker, in one operation, for the number of matching sessions
(``sessions.count_sessions``) and the first page: its ids sorted in SQL (``sessions.session_ids``
with ``limit``) and their rows (``sessions.session_rows``). ``data()`` for a row not fetched yet
returns a placeholder and asks the worker for that row's page; ``dataChanged`` follows when it
arrives. Opening or filtering 200,000 sessions therefore costs a count and one page, and memory
grows only with the pages scrolled through.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimeZone,
    Signal,
)

from digipunt_app.core.records import SessionFilter, SessionRow
from digipunt_app.ui import labels
from digipunt_app.ui.operations import Operations

BATCH = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1

# Column constants; the second value is the SQL sort key of sessions.session_ids (None: unsortable).
COL_DATE, COL_SERVICES, COL_OUTCOME, COL_DURATION, COL_HELPER, COL_CHANNEL, COL_NOTES, COL_SYNC = (
    range(8)
)
SORT_KEYS: dict[int, str | None] = {
    COL_DATE: "started_at",
    COL_SERVICES: None,
    COL_OUTCOME: "outcome",
    COL_DURATION: "duration_min",
    COL_HELPER: "helper",
    COL_CHANNEL: "channel",
    COL_NOTES: None,
    COL_SYNC: None,
}

Index = QModelIndex | QPersistentModelIndex
# Plain ints and one flags value, computed once: ``data``/``flags`` are called thousands of times
# per repaint, and every ``Qt.ItemDataRole.X`` / ``A | B`` is a Python enum operation.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ID_ROLE = int(ID_ROLE)
_TEXT_ROLES = frozenset((_DISPLAY, _TOOLTIP, int(Qt.ItemDataRole.AccessibleTextRole)))
_ASKED_ROLES = _TEXT_ROLES | {_ID_ROLE}
_ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_NO_TOOLTIP_COLUMNS = frozenset(range(8)) - {COL_SERVICES, COL_NOTES}


class SessionTableModel(QAbstractTableModel):
    first_page_shown = Signal()  # the first rows of a reload are in the model
    loaded = Signal(int)  # a reload is complete: the number of matching sessions is known

    def __init__(self, ops: Operations, parent: Any = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.filter = SessionFilter()
        self.sort_key = "started_at"
        self.descending = True
        self.service_labels: dict[str, str] = {}
        self._ids: list[str | None] = []  # None: not fetched yet (its page is not loaded)
        self._rows: dict[str, SessionRow] = {}
        self._pending: set[int] = set()
        self._generation = 0
        self._loading = False
        self._count_pending: Any = None
        self._cells: dict[str, tuple[str, ...]] = {}  # id -> the texts of its columns
        self._texts()

    # --- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Fetch the first page (ids sorted in SQL + their rows) and show it; then count the
        matching sessions in a second operation and extend the rows. Further pages are fetched
        when shown."""
        from digipunt_app.core import sessions

        self._generation += 1
        gen = self._generation
        flt, key, desc = self.filter, self.sort_key, self.descending

        def first_page(store: Any) -> tuple[list[str], list[SessionRow]]:
            ids = sessions.session_ids(store, flt, key, desc, limit=BATCH, offset=0)
            return ids, sessions.session_rows(store, ids)

        self._loading = True
        self.ops.db(first_page, on_success=lambda r: self._first_loaded(gen, *r), owner=self)
        if self._count_pending is not None:
            self._count_pending.cancel()  # an older count nobody will show
        self._count_pending = self.ops.db(
            lambda store: sessions.count_sessions(store, flt),
            on_success=lambda n: self._count_loaded(gen, n),
            owner=self,
        )

    def started(self) -> bool:
        """True once the first reload was asked for (the list is shown lazily)."""
        return self._generation > 0

    def is_loading(self) -> bool:
        return self._loading or bool(self._pending)

    def set_filter(self, flt: SessionFilter) -> None:
        self.filter = flt
        self.reload()

    def _first_loaded(self, gen: int, ids: list[str], rows: list[SessionRow]) -> None:
        if gen != self._generation:
            return
        self.beginResetModel()
        self._ids = list(ids)
        self._rows = {row.id: row for row in rows}
        self._cells.clear()
        self._pending.clear()
        self.endResetModel()
        self.first_page_shown.emit()

    def _count_loaded(self, gen: int, count: int) -> None:
        if gen != self._generation:
            return
        self._count_pending = None
        if count > len(self._ids):
            self.beginInsertRows(QModelIndex(), len(self._ids), count - 1)
            self._ids.extend([None] * (count - len(self._ids)))
            self.endInsertRows()
        self._loading = False
        self.loaded.emit(len(self._ids))

    def _fetch(self, batch: int) -> None:
        """Fetch page ``batch``: its ids (sorted in SQL) when not known yet, then its rows."""
        if batch in self._pending:
            return
        from digipunt_app.core import sessions

        self._pending.add(batch)
        gen = self._generation
        flt, key, desc = self.filter, self.sort_key, self.descending
        known = self._ids[batch * BATCH : (batch + 1) * BATCH]

        def page(store: Any) -> tuple[list[str], list[SessionRow]]:
            ids = known
            if any(i is None for i in ids):
                ids = sessions.session_ids(store, flt, key, desc, limit=BATCH,
                                           offset=batch * BATCH)
            return ids, sessions.session_rows(store, ids)

        self.ops.db(page, on_success=lambda r: self._page_loaded(gen, batch, *r), owner=self)

    def _page_loaded(self, gen: int, batch: int, ids: list[str], rows: list[SessionRow]) -> None:
        if gen != self._generation:
            return
        self._pending.discard(batch)
        first = batch * BATCH
        for offset, sid in enumerate(ids):
            if first + offset < len(self._ids):
                self._ids[first + offset] = sid
        for row in rows:
            self._rows[row.id] = row
            self._cells.pop(row.id, None)
        last = min(len(self._ids), first + BATCH) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    # --- access ------------------------------------------------------------------------------
    def session_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, session_id: str) -> int:
        """The row of ``session_id`` among the pages fetched so far (-1 when not fetched)."""
        try:
            return self._ids.index(session_id)
        except ValueError:
            return -1

    def session_row(self, row: int) -> SessionRow | None:
        sid = self.session_id(row)
        return self._rows.get(sid) if sid else None

    def ids(self) -> list[str]:
        return [i for i in self._ids if i is not None]

    # --- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(SORT_KEYS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(SORT_KEYS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and SORT_KEYS[section]:
            return self.tr("Klik om op deze kolom te sorteren")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ITEM_FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        role = int(role)
        if role not in _ASKED_ROLES:
            return None  # asked often by the view (font, colours ...): answer fast
        row_no = index.row()
        if row_no < 0 or row_no >= len(self._ids):
            return None
        sid = self._ids[row_no]
        if role == _ID_ROLE:
            return sid
        column = index.column()
        cells = self._cells.get(sid) if sid is not None else None
        if cells is None:
            row = self._rows.get(sid) if sid is not None else None
            if row is None:
                if role == _DISPLAY:
                    self._fetch(row_no // BATCH)
                    return "..." if column == COL_DATE else ""
                return None
            cells = self._cells[row.id] = tuple(
                self._text(row, c) for c in range(len(SORT_KEYS))
            )
        if role == _TOOLTIP and column in _NO_TOOLTIP_COLUMNS:
            return None
        return cells[column]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        desc = order == Qt.SortOrder.DescendingOrder
        if (key, desc) == (self.sort_key, self.descending) and self._generation == 0:
            return  # the view's initial sort, before the first load: nothing to do
        self.sort_key = key
        self.descending = desc
        self.reload()

    # --- text --------------------------------------------------------------------------------
    def set_service_labels(self, service_labels: dict[str, str]) -> None:
        """Service names in the current language (from the catalog)."""
        self.service_labels = dict(service_labels)
        self._cells.clear()
        if self._ids:
            self.dataChanged.emit(
                self.index(0, COL_SERVICES), self.index(len(self._ids) - 1, COL_SERVICES)
            )

    def retranslate(self) -> None:
        self.beginResetModel()
        self._cells.clear()
        self._texts()
        self.endResetModel()

    def _texts(self) -> None:
        self._headers = [
            self.tr("Datum"),
            self.tr("Diensten"),
            self.tr("Resultaat"),
            self.tr("Duur"),
            self.tr("Vrijwilliger"),
            self.tr("Kanaal"),
            self.tr("Notitie"),
            self.tr("Synchronisatie"),
        ]
        self._outcomes = labels.outcome_labels()
        self._channels = labels.channel_labels()
        self._waiting = self.tr("nog te versturen")
        self._synced = self.tr("verstuurd")
        self._deleted = self.tr("(verwijderd) ")
        self._minutes = self.tr("{n} min")
        self._zone = QTimeZone.systemTimeZone()

    def _text(self, row: SessionRow, column: int) -> str:
        if column == COL_DATE:
            local = QDateTime.fromSecsSinceEpoch(int(row.started_at.timestamp()), self._zone)
            day = _qdate(row.local_date)
            text = QLocale().toString(day, "dd/MM/yyyy") + " " + QLocale().toString(local, "HH:mm")
            return (self._deleted + text) if row.deleted else text
        if column == COL_SERVICES:
            return ", ".join(self.service_labels.get(c, c) for c in row.services)
        if column == COL_OUTCOME:
            return self._outcomes.get(row.outcome, row.outcome)
        if column == COL_DURATION:
            return self._minutes.format(n=row.duration_min)
        if column == COL_HELPER:
            return row.helper_name or ""
        if column == COL_CHANNEL:
            return self._channels.get(row.channel, row.channel)
        if column == COL_NOTES:
            return row.notes.replace("\n", " ")
        if column == COL_SYNC:
            return self._waiting if row.pending_sync else self._synced
        return ""


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)
