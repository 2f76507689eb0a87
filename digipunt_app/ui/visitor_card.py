"""The small visitor card (credit-card size, 85 x 54 mm) with a pseudonymous visitor code.

The card holds no name and no contact data: only the code and a short explanation.
``VisitorCardDialog.ask(parent, code)`` shows the card and lets the volunteer print it (printer
dialog) or save it as a PDF; tests replace ``ask``. ``write_card_pdf`` and ``paint_card`` work
without a dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

CARD_MM = QSizeF(85.0, 54.0)


def card_texts() -> tuple[str, str, str]:
    return (
        QCoreApplication.translate("VisitorCard", "Digipunt - uw bezoekerscode"),
        QCoreApplication.translate("VisitorCard", "Toon deze kaart bij uw volgende bezoek."),
        QCoreApplication.translate("VisitorCard", "Er staat geen naam of adres op."),
    )


def paint_card(painter: QPainter, rect: QRectF, code: str) -> None:
    """Paint the card into ``rect`` (device units), scaling fonts to the card height."""
    title, line1, line2 = card_texts()
    h = rect.height()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, QColor("white"))
    painter.setPen(QPen(QColor("black"), max(1.0, h / 200)))
    painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), h / 20, h / 20)
    pad = h * 0.08
    inner = rect.adjusted(pad, pad, -pad, -pad)

    def font(fraction: float, bold: bool = False, mono: bool = False) -> QFont:
        f = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont) if mono else QFont()
        f.setPixelSize(max(6, int(h * fraction)))
        f.setBold(bold)
        return f

    painter.setFont(font(0.075, bold=True))
    painter.drawText(inner, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter, title)
    painter.setFont(font(0.20, bold=True, mono=True))
    painter.drawText(inner, Qt.AlignmentFlag.AlignCenter, code)
    painter.setFont(font(0.065))
    painter.drawText(
        inner,
        Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter,
        f"{line1}\n{line2}",
    )
    painter.restore()


def _paint_on(device: QPaintDevice, code: str) -> None:
    painter = QPainter(device)
    try:
        paint_card(painter, QRectF(0, 0, device.width(), device.height()), code)
    finally:
        painter.end()


def write_card_pdf(path: Path, code: str) -> Path:
    """Write a one-page PDF exactly the size of the card."""
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(CARD_MM, QPageSize.Unit.Millimeter, "card"),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(card_texts()[0])
    _paint_on(writer, code)
    return path


def card_pixmap(code: str, height: int = 216) -> QPixmap:
    pixmap = QPixmap(int(height * CARD_MM.width() / CARD_MM.height()), height)
    _paint_on(pixmap, code)
    return pixmap


def print_card(parent: QWidget | None, code: str) -> bool:
    """Print through the system print dialog; True when something was sent to the printer."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # only when printing

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(CARD_MM, QPageSize.Unit.Millimeter, "card"))
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    painter = QPainter(printer)
    try:
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        paint_card(painter, QRectF(page), code)
    finally:
        painter.end()
    return True


class VisitorCardDialog(QDialog):
    """Shows the new code big, with "Afdrukken", "Bewaren als PDF" and "Sluiten"."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.preview = QLabel(self)
        self.preview.setPixmap(card_pixmap(code))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(self)
        self.pdf_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.print_button.setDefault(True)
        for button in (self.print_button, self.pdf_button, self.close_button):
            buttons.addWidget(button)
        layout.addWidget(self.intro)
        layout.addWidget(self.preview)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self._print)
        self.pdf_button.clicked.connect(self._pdf)
        self.close_button.clicked.connect(self.accept)
        self.retranslate()

    @classmethod
    def ask(cls, parent: QWidget | None, code: str) -> None:
        cls(code, parent).exec()

    def _print(self) -> None:
        if print_card(self, self.code):
            self.result_label.setText(self.tr("De kaart is naar de printer gestuurd."))

    def _pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Kaart bewaren als PDF"),
            str(Path.home() / f"bezoekerscode-{self.code}.pdf"),
            self.tr("PDF-bestand (*.pdf)"),
        )
        if name:
            write_card_pdf(Path(name), self.code)
            self.result_label.setText(self.tr("Bewaard als {file}").format(file=name))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Nieuwe bezoekerscode"))
        self.intro.setText(
            self.tr("De nieuwe code is {code}. Geef de bezoeker deze kaart mee.").format(
                code=self.code
            )
        )
        self.preview.setAccessibleName(self.tr("Voorbeeld van de kaart met code {code}").format(
            code=self.code))
        self.print_button.setText(self.tr("&Afdrukken"))
        self.pdf_button.setText(self.tr("Bewaren als &PDF"))
        self.close_button.setText(self.tr("&Sluiten"))
        for button in (self.print_button, self.pdf_button, self.close_button):
            button.setAccessibleName(button.text().replace("&", ""))
