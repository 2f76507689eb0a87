"""Conflict dialog: two PCs edited one help session; the volunteer sees both versions and chooses.

Until the volunteer decides, the server's version is the one in the list (it won on the server) and
the local one is kept in the conflicts table, so nothing is lost either way. Choosing "mijn versie"
makes the local version a new edit on top of the server's, which is pushed like any edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from digipunt_app.core.sync_engine_types import ConflictInfo

# Fields shown, in order, with their Dutch label (tr() at display time).
FIELDS = (
    ("started_at", "Begin"),
    ("duration_min", "Duur (min)"),
    ("services", "Diensten"),
    ("outcome", "Resultaat"),
    ("referrals", "Doorverwezen naar"),
    ("channel", "Kanaal"),
    ("age_band", "Leeftijd"),
    ("adult_confirmed", "18+ bevestigd"),
    ("first_visit", "Eerste bezoek"),
    ("language", "Taal"),
    ("visitor_code", "Bezoekerscode"),
    ("postcode", "Postcode"),
    ("notes", "Notities"),
    ("deleted", "Verwijderd"),
)

KEEP_SERVER = "server"
KEEP_LOCAL = "local"


def _text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


class ConflictDialog(QDialog):
    """Both versions side by side; ``choice`` is ``"server"``, ``"local"`` or None (later)."""

    def __init__(self, conflict: ConflictInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.choice: str | None = None
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(len(FIELDS), 2, self)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
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
        self.resize(720, 520)
        self.retranslate()

    @classmethod
    def ask(cls, conflict: ConflictInfo, parent: QWidget | None = None) -> str | None:
        dialog = cls(conflict, parent)
        dialog.exec()
        return dialog.choice

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
        bold = QFont()
        bold.setBold(True)
        labels = []
        for row, (name, label) in enumerate(FIELDS):
            mark = "≠ " if name in different else ""
            labels.append(mark + self.tr(label))
            mine = QTableWidgetItem(_text(self.conflict.local.get(name)))
            theirs = QTableWidgetItem(
                _text(server.get(name)) if server is not None else self.tr("(nog niet ontvangen)")
            )
            for item in (mine, theirs):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if name in different:
                    item.setFont(bold)
            self.table.setItem(row, 0, mine)
            self.table.setItem(row, 1, theirs)
        self.table.setVerticalHeaderLabels(labels)
        self.table.resizeColumnsToContents()
        self.keep_server.setText(self.tr("Versie van de &server houden"))
        self.keep_local.setText(self.tr("&Mijn versie houden"))
        self.later.setText(self.tr("&Later beslissen"))
        self.keep_server.setEnabled(server is not None)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
