"""The coordinator's regional view: the region's (or a digibank's) numbers from the server.

The coordinator types the server address (pre-filled from this PC's enrolment) and their
coordinator token; the token stays in memory only (it is never written to the local database).
The seven report requests run on the network worker; the answer is shown with the same
``ReportView`` as the digipunt dashboard and exports the same way (PDF, XLSX, CSV).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from digipunt_app.ui.dashboard import PeriodPicker
from digipunt_app.ui.operations import Operations

if TYPE_CHECKING:  # the tab is built before the data shows; the model comes when it is shown
    from digipunt_app.core.reports_model import Report


class RegionalTab(QWidget):
    reportShown = Signal(object)  # noqa: N815 (Qt naming)
    failed = Signal(str)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.report: Report | None = None
        self.built = False
        self._cancel: threading.Event | None = None
        QVBoxLayout(self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if not self.built:
            self._build()

    def _build(self) -> None:
        from digipunt_app.ui.dashboard_view import ExportButton, ReportExporter, ReportView

        self.built = True
        layout = self.layout()
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.server = QLineEdit(self)
        self.token = QLineEdit(self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.server_label = QLabel(self)
        self.server_label.setBuddy(self.server)
        self.token_label = QLabel(self)
        self.token_label.setBuddy(self.token)
        form.addRow(self.server_label, self.server)
        form.addRow(self.token_label, self.token)
        layout.addLayout(form)
        bar = QHBoxLayout()
        self.period = PeriodPicker(self, default="last_month")
        self.fetch_button = QPushButton(self)
        self.fetch_button.clicked.connect(self.fetch)
        self.token.returnPressed.connect(self.fetch)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.export_button = ExportButton(self)
        self.export_button.chosen.connect(self.export)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        for widget in (self.period, self.fetch_button, self.cancel_button, self.export_button):
            bar.addWidget(widget)
        bar.addWidget(self.status, 1)
        layout.addLayout(bar)
        self.view = ReportView(self)
        layout.addWidget(self.view, 1)
        self.exporter = ReportExporter(self.ops, self)
        self.exporter.message.connect(self.status.setText)
        self.retranslate()
        self._prefill_server()

    def retranslate(self) -> None:
        if not self.built:
            return
        self.intro.setText(
            self.tr(
                "Voor de coördinator: de cijfers van de hele regio of van uw digibank, van de "
                "server. Vul uw coördinatortoken in; het wordt niet bewaard."
            )
        )
        self.server_label.setText(self.tr("&Serveradres:"))
        self.token_label.setText(self.tr("Coördinator&token:"))
        self.server.setAccessibleName(self.tr("Serveradres"))
        self.token.setAccessibleName(self.tr("Coördinatortoken"))
        self.period.retranslate()
        self.fetch_button.setText(self.tr("&Ophalen"))
        self.cancel_button.setText(self.tr("&Annuleren"))
        self.view.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _prefill_server(self) -> None:
        def read(store: Any) -> str | None:
            from digipunt_app.core.sync_engine_store import load_state

            return load_state(store).server_url

        def fill(url: str | None) -> None:
            if url and not self.server.text():
                self.server.setText(url)

        self.ops.db(read, on_success=fill, on_failure=lambda _err: None, owner=self)

    # --- fetching ------------------------------------------------------------------------------
    def fetch(self) -> None:
        url, token = self.server.text().strip(), self.token.text().strip()
        if not url or not token:
            self.status.setText(self.tr("Vul het serveradres en uw coördinatortoken in."))
            return
        self.cancel()
        first, last = self.period.dates()
        cancel = threading.Event()
        self._cancel = cancel

        def work() -> Report:
            from digipunt_app.core.reports_regional import regional_report
            from sync.client import SyncClient

            with SyncClient(url, token) as client:
                return regional_report(client, first, last, cancelled=cancel.is_set)

        self.status.setText(self.tr("Bezig met ophalen…"))
        self.cancel_button.show()
        self.ops.net(work, on_success=self._show, on_failure=self._failed, owner=self)

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self._cancel = None
        if self.built:
            self.cancel_button.hide()

    def _show(self, report: Report) -> None:
        self._cancel = None
        self.cancel_button.hide()
        self.report = report
        self.view.set_report(report)
        self.export_button.setEnabled(True)
        self.status.setText("")
        self.reportShown.emit(report)

    def _failed(self, err: BaseException) -> None:
        from digipunt_app.core.reports_model import ReportCancelled

        self._cancel = None
        self.cancel_button.hide()
        if isinstance(err, ReportCancelled):
            self.status.setText(self.tr("Geannuleerd."))
            return
        text = str(err) or type(err).__name__
        self.status.setText("⚠ " + text)
        self.failed.emit(text)

    def export(self, fmt: str) -> None:
        if self.report is None:
            return
        suggested = f"regio-{self.report.date_from:%Y-%m-%d}-{self.report.date_to:%Y-%m-%d}"
        self.exporter.export(self.report, fmt, f"{suggested}.{fmt}")
