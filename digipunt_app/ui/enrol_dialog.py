"""Enrolment dialog: server address + one-time code from the coordinator (issue 4).

The enrolment itself runs off the GUI thread through the ``submit`` callable given by the caller
(``SyncController.submit``); errors come back as ``sync.client.SyncError`` whose text is already a
plain Dutch sentence, shown under the field it is about. Tests call ``EnrolDialog.ask`` replaced,
or drive the dialog through ``set_values()`` + ``start()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from digipunt_app.ui.dialog_fit import fit_to_contents
from sync import client as sc

# submit(fn, on_success, on_failure): run fn() in the background, call back on the GUI thread.
Submit = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], None]


class EnrolDialog(QDialog):
    enrolled = Signal(object)  # the SyncState after enrolment

    def __init__(
        self,
        submit: Submit,
        enrol: Callable[[str, str], Any],
        parent: QWidget | None = None,
        server_url: str = "",
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self._enrol = enrol
        self.result_state: Any = None
        self.server = QLineEdit(server_url, self)
        self.server.setPlaceholderText("https://digipunt.voorbeeld.be")
        self.code = QLineEdit(self)
        self.code.setPlaceholderText("ABCD-EFGH-JK")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9a3412; font-weight: bold;")
        self.error.hide()
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.hide()
        # our own buttons, not the standard Ok/Cancel: Qt gives those back their own texts
        # ("OK") at every language change, after our retranslate()
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self.server_label = QLabel(self)
        self.server_label.setBuddy(self.server)
        self.code_label = QLabel(self)
        self.code_label.setBuddy(self.code)
        form = QFormLayout()
        form.addRow(self.server_label, self.server)
        form.addRow(self.code_label, self.code)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.server.setMinimumWidth(self.server.fontMetrics().averageCharWidth() * 36)
        self.retranslate()
        (self.code if server_url else self.server).setFocus()

    @classmethod
    def ask(
        cls,
        submit: Submit,
        enrol: Callable[[str, str], Any],
        parent: QWidget | None = None,
        server_url: str = "",
    ) -> Any:
        """Show the dialog; the ``SyncState`` after enrolment, or None when cancelled."""
        dialog = cls(submit, enrol, parent, server_url)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_state
        return None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        fit_to_contents(self, min_width=560)
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Inschrijven bij de server"))
        self.intro.setText(self.tr(
            "Vul het adres van de server en de inschrijvingscode in die u van de coördinator "
            "kreeg. Sessies die al op deze pc staan, blijven bewaard en worden mee verstuurd."
        ))
        self.server_label.setText(self.tr("&Serveradres:"))
        self.code_label.setText(self.tr("&Code:"))
        self.server.setAccessibleName(self.tr("Serveradres"))
        self.code.setAccessibleName(self.tr("Inschrijvingscode"))
        self.ok_button.setText(self.tr("&Inschrijven"))
        self.cancel_button.setText(self.tr("&Annuleren"))
        self.busy.setAccessibleName(self.tr("Bezig met inschrijven"))

    # --- actions -----------------------------------------------------------------------------
    def set_values(self, server_url: str, code: str) -> None:
        self.server.setText(server_url)
        self.code.setText(code)

    def start(self) -> None:
        url = self.server.text().strip()
        code = self.code.text().strip()
        if not url:
            self._show_error(self.tr("Vul het adres van de server in."), self.server)
            return
        if not code:
            self._show_error(self.tr("Vul de inschrijvingscode in."), self.code)
            return
        self.error.hide()
        self._set_busy(True)
        self._submit(lambda: self._enrol(url, code), self._done, self._failed)

    def _done(self, state: Any) -> None:
        self._set_busy(False)
        self.result_state = state
        self.enrolled.emit(state)
        self.accept()

    def _failed(self, err: BaseException) -> None:
        self._set_busy(False)
        if isinstance(err, sc.EnrolCodeInvalid):
            self._show_error(str(err), self.code)
        elif isinstance(err, sc.SyncError):
            self._show_error(str(err), self.server)
        else:
            text = self.tr("Inschrijven is niet gelukt: %1").replace("%1", str(err))
            self._show_error(text, self.server)

    def _show_error(self, text: str, field: QLineEdit) -> None:
        self.error.setText(text)
        self.error.setAccessibleName(text)
        self.error.show()
        if self.isVisible():
            fit_to_contents(self)  # the message under the fields needs room
        field.setFocus()
        field.selectAll()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.server, self.code, self.ok_button):
            widget.setEnabled(not busy)
