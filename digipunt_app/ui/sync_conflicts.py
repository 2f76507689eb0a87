"""Conflict dialog: two PCs edited one help session; the volunteer sees both versions and chooses.

Until the volunteer decides, the server's version is the one in the list (it won on the server) and
the local one is kept in the conflicts table, so nothing is lost either way. Choosing "mijn versie"
makes the local version a new edit on top of the server's, which is pushed like any edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
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
        self.resize(820, 620)
        self.retranslate()

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
        self.keep_server.setText(self.tr("Versie van de &server houden"))
        self.keep_local.setText(self.tr("&Mijn versie houden"))
        self.later.setText(self.tr("&Later beslissen"))
        self.keep_server.setEnabled(server is not None)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
