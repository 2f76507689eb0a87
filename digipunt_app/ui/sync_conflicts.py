"""Conflict dialog: two PCs edited one help session; the volunteer sees both versions and chooses.

Until the volunteer decides, the server's version is the one in the list (it won on the server) and
the local one is kept in the conflicts table, so nothing is lost either way. Choosing "mijn versie"
makes the local version a new edit on top of the server's, which is pushed like any edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QRect, Qt, QTimer
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from digipunt_app.core.sync_engine_types import ConflictInfo

# Fields shown, in order, with their Dutch label (tr() at display time; marked for lupdate, or
# the French and English dialog showed these row titles in Dutch).
FIELDS = (
    ("started_at", QT_TRANSLATE_NOOP("ConflictDialog", "Begin")),
    ("duration_min", QT_TRANSLATE_NOOP("ConflictDialog", "Duur (min)")),
    ("services", QT_TRANSLATE_NOOP("ConflictDialog", "Diensten")),
    ("outcome", QT_TRANSLATE_NOOP("ConflictDialog", "Resultaat")),
    ("referrals", QT_TRANSLATE_NOOP("ConflictDialog", "Doorverwezen naar")),
    ("channel", QT_TRANSLATE_NOOP("ConflictDialog", "Kanaal")),
    ("age_band", QT_TRANSLATE_NOOP("ConflictDialog", "Leeftijd")),
    ("adult_confirmed", QT_TRANSLATE_NOOP("ConflictDialog", "18+ bevestigd")),
    ("first_visit", QT_TRANSLATE_NOOP("ConflictDialog", "Eerste bezoek")),
    ("language", QT_TRANSLATE_NOOP("ConflictDialog", "Taal")),
    ("visitor_code", QT_TRANSLATE_NOOP("ConflictDialog", "Bezoekerscode")),
    ("postcode", QT_TRANSLATE_NOOP("ConflictDialog", "Postcode")),
    ("notes", QT_TRANSLATE_NOOP("ConflictDialog", "Notities")),
    ("deleted", QT_TRANSLATE_NOOP("ConflictDialog", "Verwijderd")),
)

KEEP_SERVER = "server"
KEEP_LOCAL = "local"


def _vocabularies() -> dict[str, dict[str, str]]:
    """Field name -> {code: label in the UI language} (labels of ``ui/labels.py``)."""
    from digipunt_app.ui import labels

    return {
        "channel": labels.channel_labels(),
        "outcome": labels.outcome_labels(),
        "referrals": labels.referral_labels(),
        "age_band": labels.age_band_labels(),
        "language": labels.language_labels(),
        "first_visit": labels.first_visit_labels(),
    }


def _when(value: str) -> str:
    from datetime import datetime

    from digipunt_app.ui.sync_status import format_when

    try:
        return format_when(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return value


def _text(value: Any, name: str = "", vocab: dict[str, dict[str, str]] | None = None) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("ConflictDialog", "ja")
        return QCoreApplication.translate("ConflictDialog", "nee")
    names = (vocab or {}).get(name, {})
    if isinstance(value, list):
        return ", ".join(names.get(str(v), str(v)) for v in value)
    if name == "started_at" and isinstance(value, str):
        return _when(value)
    return names.get(str(value), str(value))


class ConflictDialog(QDialog):
    """Both versions side by side; ``choice`` is ``"server"``, ``"local"`` or None (later)."""

    def __init__(
        self,
        conflict: ConflictInfo,
        parent: QWidget | None = None,
        service_labels: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.service_labels = service_labels or {}
        self.choice: str | None = None
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(len(FIELDS), 2, self)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # column titles wrap rather than lose their end on a narrow screen
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        )
        self.keep_server = QPushButton(self)
        self.keep_local = QPushButton(self)
        self.later = QPushButton(self)
        self.keep_server.clicked.connect(lambda: self._choose(KEEP_SERVER))
        self.keep_local.clicked.connect(lambda: self._choose(KEEP_LOCAL))
        self.later.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.keep_server, self.keep_local, self.later):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.retranslate()
        # 820 x 620 at 100% text, bigger with the text (fewer rows to scroll at 200%), never
        # bigger than the screen
        lines = self.fontMetrics().lineSpacing()
        width, height = max(820, lines * 48, self._width_for_titles()), max(620, lines * 36)
        if self.screen() is not None:
            screen = self.screen().availableGeometry()
            width, height = min(width, screen.width()), min(height, screen.height())
        self.resize(width, height)

    def _width_for_titles(self) -> int:
        """The width at which both column titles show whole beside the row titles."""
        header = self.table.horizontalHeader()
        titles = [self.table.horizontalHeaderItem(c).text() for c in range(2)]
        column = max(header.fontMetrics().horizontalAdvance(t) for t in titles) + 24
        scrollbar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        margins = self.layout().contentsMargins()
        return (self.table.verticalHeader().sizeHint().width() + 2 * column + scrollbar + 8
                + margins.left() + margins.right())

    @classmethod
    def ask(
        cls,
        conflict: ConflictInfo,
        parent: QWidget | None = None,
        service_labels: dict[str, str] | None = None,
    ) -> str | None:
        dialog = cls(conflict, parent, service_labels)
        dialog.exec()
        return dialog.choice

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        # rows as high as their wrapped text (long notes, longer translations, 200% text) at the
        # columns' new width, once the table has laid them out
        QTimer.singleShot(0, self._fit_rows)

    def _fit_rows(self) -> None:
        self.table.resizeRowsToContents()
        header = self.table.horizontalHeader()
        lines = [
            header.fontMetrics().boundingRect(
                QRect(0, 0, max(1, header.sectionSize(c) - 8), 100_000),
                int(Qt.TextFlag.TextWordWrap), self.table.horizontalHeaderItem(c).text()
            ).height()
            for c in range(self.table.columnCount())
        ]
        header.setMinimumHeight(max(lines, default=0) + 10)  # a wrapped title shows whole

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def differing_fields(self) -> list[str]:
        server = self.conflict.server or {}
        return [name for name, _ in FIELDS
                if server and self.conflict.local.get(name) != server.get(name)]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Twee versies van dezelfde sessie"))
        self.intro.setText(self.tr(
            "Deze sessie werd op twee pc's tegelijk aangepast. De lijst toont nu de versie van "
            "de server. Uw versie is bewaard. Rijen met ≠ verschillen. Welke versie klopt?"
        ))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Op deze pc (uw versie)"), self.tr("Op de server")]
        )
        self.table.setAccessibleName(self.tr("Vergelijking van de twee versies"))
        server = self.conflict.server
        different = set(self.differing_fields())
        vocab = _vocabularies()
        services = self.service_labels
        bold = QFont()
        bold.setBold(True)
        labels = []
        for row, (name, label) in enumerate(FIELDS):
            mark = "≠ " if name in different else ""
            labels.append(mark + self.tr(label))
            table = dict(vocab, services=services)
            mine = QTableWidgetItem(_text(self.conflict.local.get(name), name, table))
            theirs = QTableWidgetItem(
                _text(server.get(name), name, table) if server is not None
                else self.tr("(nog niet ontvangen)")
            )
            for item in (mine, theirs):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if name in different:
                    item.setFont(bold)
            self.table.setItem(row, 0, mine)
            self.table.setItem(row, 1, theirs)
        self.table.setVerticalHeaderLabels(labels)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()
        self.keep_server.setText(self.tr("Versie van de &server houden"))
        self.keep_local.setText(self.tr("&Mijn versie houden"))
        self.later.setText(self.tr("&Later beslissen"))
        self.keep_server.setEnabled(server is not None)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
