"""The "Over Digipunt" dialog: version, where the data and the logs are, licence.

IT staff and volunteers use it to answer "which version do you have?" and "where is the data?"
on the phone. Open it with ``AboutDialog.ask(parent, data_dir=..., log_dir=...)`` (tests replace
``ask``); the main window's Help menu does exactly that.
"""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, QObject, Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from digipunt_app import __version__
from digipunt_app.ui.dialog_fit import fit_to_contents

LICENCE = "EUPL-1.2"
LICENCE_URL = "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12"


class AboutDialog(QDialog):
    """Shows the version and the folders; buttons open the folders and copy the details."""

    def __init__(
        self,
        *,
        data_dir: Path,
        log_dir: Path,
        portable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._data_dir = Path(data_dir)
        self._log_dir = Path(log_dir)
        self._portable = portable
        self.setObjectName("aboutDialog")

        self._title = QLabel()
        self._title.setObjectName("aboutTitle")
        font = self._title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self._title.setFont(font)
        self._summary = QLabel()
        self._summary.setWordWrap(True)

        grid = QGridLayout()
        self._version_label, self._version_value = QLabel(), _value_label(__version__)
        self._data_label, self._data_value = QLabel(), _value_label(str(self._data_dir))
        self._log_label, self._log_value = QLabel(), _value_label(str(self._log_dir))
        self._mode_label, self._mode_value = QLabel(), _value_label("")
        self._licence_label, self._licence_value = QLabel(), QLabel()
        self._licence_value.setOpenExternalLinks(True)
        self._licence_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self._tech_label, self._tech_value = QLabel(), _value_label(_tech_versions())
        self._open_data = QPushButton()
        self._open_data.clicked.connect(lambda: _open_folder(self._data_dir))
        self._open_logs = QPushButton()
        self._open_logs.clicked.connect(lambda: _open_folder(self._log_dir))
        rows: list[tuple[QLabel, QLabel, QPushButton | None]] = [
            (self._version_label, self._version_value, None),
            (self._data_label, self._data_value, self._open_data),
            (self._log_label, self._log_value, self._open_logs),
            (self._mode_label, self._mode_value, None),
            (self._licence_label, self._licence_value, None),
            (self._tech_label, self._tech_value, None),
        ]
        for row, (label, value, button) in enumerate(rows):
            label.setBuddy(value)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1)
            if button is not None:
                grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)

        self._buttons = QDialogButtonBox()
        # our own button, not the standard Close: Qt gives that one back its own text at every
        # language change, after our retranslate()
        self._close = self._buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self._copy = self._buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self._copy.clicked.connect(self.copy_details)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._summary)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        self.retranslate()

    # ------------------------------------------------------------------ texts
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Over Digipunt"))
        self._title.setText(f"Digipunt {__version__}")
        self._summary.setText(
            self.tr(
                "Registreer elke digitale hulpvraag, ook zonder internet. "
                "De gegevens gaan naar de regionale coördinator zodra de pc online is."
            )
        )
        self._version_label.setText(self.tr("&Versie:"))
        self._data_label.setText(self.tr("&Gegevensmap:"))
        self._log_label.setText(self.tr("&Logbestanden:"))
        self._mode_label.setText(self.tr("&Installatie:"))
        self._mode_value.setText(
            self.tr("Draagbaar: gegevens staan naast het programma")
            if self._portable
            else self.tr("Normaal: gegevens staan in het gebruikersprofiel")
        )
        self._licence_label.setText(self.tr("Licentie:"))
        self._licence_value.setText(f'<a href="{LICENCE_URL}">{LICENCE}</a>')
        self._tech_label.setText(self.tr("&Onderdelen:"))
        self._open_data.setText(self.tr("Gegevensmap &openen"))
        self._open_logs.setText(self.tr("&Logmap openen"))
        self._copy.setText(self.tr("&Kopieer gegevens"))
        self._close.setText(self.tr("&Sluiten"))
        for widget, name in (
            (self._version_value, self.tr("Versie")),
            (self._data_value, self.tr("Gegevensmap")),
            (self._log_value, self.tr("Logbestanden")),
            (self._mode_value, self.tr("Installatie")),
            (self._licence_value, self.tr("Licentie")),
            (self._tech_value, self.tr("Onderdelen")),
            (self._open_data, self.tr("Gegevensmap openen")),
            (self._open_logs, self.tr("Logmap openen")),
            (self._copy, self.tr("Kopieer gegevens")),
        ):
            widget.setAccessibleName(name)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        # wide enough that the folders and the texts beside the buttons are not squeezed into a
        # narrow column (at 200% they were 4 lines of 2 words); high enough for what wraps
        fit_to_contents(self, min_width=self.fontMetrics().averageCharWidth() * 100)
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ actions
    def details_text(self) -> str:
        """Text for "Kopieer gegevens", to paste in a helpdesk e-mail (no personal data)."""
        return "\n".join(
            [
                f"Digipunt {__version__}",
                f"{self._data_label.text().replace('&', '')} {self._data_dir}",
                f"{self._log_label.text().replace('&', '')} {self._log_dir}",
                f"{self._mode_label.text().replace('&', '')} {self._mode_value.text()}",
                f"{self._tech_label.text().replace('&', '')} {_tech_versions()}",
            ]
        )

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        data_dir: Path,
        log_dir: Path,
        portable: bool = False,
    ) -> None:
        """Show the dialog modally (the one place tests patch)."""
        dialog = cls(data_dir=data_dir, log_dir=log_dir, portable=portable, parent=parent)
        dialog.exec()


def _value_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable by Tab, readable by screen readers
    return label


def _tech_versions() -> str:
    return f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {pyside_version}"


def _open_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class _AboutMenuEntry(QObject):
    """The Help menu's "Over Digipunt" action; retitles itself when the language changes."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.action = QAction(window)
        self.action.setMenuRole(QAction.MenuRole.AboutRole)
        self.action.triggered.connect(self.show_dialog)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(self.tr("&Over Digipunt"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self._window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def show_dialog(self) -> None:
        from digipunt_app.core import config

        data_dir = getattr(self._window, "data_dir", None)
        paths = config.resolve_paths(None)
        if data_dir is not None and Path(data_dir).resolve() != paths.data_dir.resolve():
            paths = config.resolve_paths(data_dir)  # started with --data-dir
        AboutDialog.ask(
            self._window, data_dir=paths.data_dir, log_dir=paths.log_dir, portable=paths.portable
        )


def install_about(window: QMainWindow) -> QAction:
    """Add "Over Digipunt" to the window's Help menu (a ``ui.app.WINDOW_HOOKS`` hook)."""
    entry = _AboutMenuEntry(window)
    window.add_action("help", entry.action)  # type: ignore[attr-defined]
    return entry.action
