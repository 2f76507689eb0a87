"""The small visitor card (credit-card size, 85 x 54 mm) with a pseudonymous visitor code.

The card holds no name and no contact data: only the code and a short explanation.
``VisitorCardDialog.ask(parent, code)`` shows the card and lets the volunteer print it (printer
dialog) or save it as a PDF; tests replace ``ask``. ``write_card_pdf`` and ``paint_card`` work
without a dialog. ``print_card`` opens the system print dialog without blocking (``open()``, not
``exec()``) and prints the card when it is accepted, so a test can accept or cancel it and give
it a printer that writes a PDF file. A printer that cannot start and a PDF that cannot be
written are said to be so (they were reported as printed / saved).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
    QPixmap,
    QShowEvent,
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

from digipunt_app.ui.dialog_fit import fit_to_contents

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

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

    def font(fraction: float, lines: tuple[str, ...], bold: bool = False,
             mono: bool = False) -> QFont:
        """The font at ``fraction`` of the card height, smaller when a line would not fit the
        card's width (a longer translation was cut off at the card's edge)."""
        f = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont) if mono else QFont()
        f.setBold(bold)
        size = max(6, int(h * fraction))
        while True:
            f.setPixelSize(size)
            widest = max(QFontMetricsF(f, painter.device()).horizontalAdvance(line)
                         for line in lines)
            room = inner.width() * 0.96  # a little air at the card's edges
            if widest <= room or size <= 6:
                return f
            size = max(6, min(size - 1, int(size * room / widest)))

    painter.setFont(font(0.075, (title,), bold=True))
    painter.drawText(inner, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter, title)
    painter.setFont(font(0.20, (code,), bold=True, mono=True))
    painter.drawText(inner, Qt.AlignmentFlag.AlignCenter, code)
    painter.setFont(font(0.065, (line1, line2)))
    painter.drawText(
        inner,
        Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter,
        f"{line1}\n{line2}",
    )
    painter.restore()


def _paint_on(device: QPaintDevice, code: str) -> bool:
    """Paint the card over the whole device; False when the device could not be painted on
    (a PDF file that cannot be written)."""
    painter = QPainter(device)
    if not painter.isActive():
        return False
    try:
        paint_card(painter, QRectF(0, 0, device.width(), device.height()), code)
    finally:
        painter.end()
    return True


def write_card_pdf(path: Path, code: str) -> Path:
    """Write a one-page PDF exactly the size of the card; ``OSError`` when it cannot be
    written (no such folder, no rights)."""
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
    if not _paint_on(writer, code):
        raise OSError(f"cannot write {path}")
    return path


def card_pixmap(code: str, height: int = 216) -> QPixmap:
    pixmap = QPixmap(int(height * CARD_MM.width() / CARD_MM.height()), height)
    _paint_on(pixmap, code)
    return pixmap


def card_printer() -> QPrinter:
    """A printer (the system's default) set up for one card-size page without margins."""
    from PySide6.QtPrintSupport import QPrinter  # only when printing

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(CARD_MM, QPageSize.Unit.Millimeter, "card"))
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    return printer


def card_rect_on_page(printer: QPrinter) -> QRectF:
    """Where the card goes on the printer's page (device pixels): its real size (85 x 54 mm)
    in the top left corner of the printable area, or the whole area when the paper is smaller
    (a card printer). The print dialog may put A4 or Letter paper in the printer: a card
    stretched over the whole sheet would not fit a wallet."""
    page = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
    per_mm = printer.resolution() / 25.4
    width, height = CARD_MM.width() * per_mm, CARD_MM.height() * per_mm
    if width > page.width() or height > page.height():
        scale = min(page.width() / width, page.height() / height)
        width, height = width * scale, height * scale
    return QRectF(page.left(), page.top(), width, height)


def paint_card_on_printer(printer: QPrinter, code: str) -> bool:
    """Print the card; False when the printer could not start (nothing was printed)."""
    painter = QPainter(printer)
    if not painter.isActive():
        return False
    try:
        paint_card(painter, card_rect_on_page(printer), code)
    finally:
        painter.end()
    return True


PRINTED, CANCELLED, PRINT_FAILED = "printed", "cancelled", "failed"


def print_card(
    parent: QWidget | None,
    code: str,
    printer: QPrinter | None = None,
    on_done: Callable[[str], None] | None = None,
) -> QPrintDialog:
    """Open the system print dialog for the card (window-modal, without blocking) and return it.
    When the volunteer accepts it, the card is printed on ``printer`` (default:
    ``card_printer()``) and ``on_done(PRINTED)`` is called, or ``on_done(PRINT_FAILED)`` when
    the printer could not start; a cancel prints nothing and calls ``on_done(CANCELLED)``."""
    from PySide6.QtPrintSupport import QPrintDialog  # only when printing

    printer = printer or card_printer()
    dialog = QPrintDialog(printer, parent)

    def finished(result: int) -> None:  # holds ``printer`` as long as the dialog is connected
        outcome = CANCELLED
        if result == QDialog.DialogCode.Accepted.value:
            outcome = PRINTED if paint_card_on_printer(printer, code) else PRINT_FAILED
        dialog.deleteLater()
        if on_done is not None:
            on_done(outcome)

    dialog.finished.connect(finished)
    QDialog.open(dialog)  # QPrintDialog.open() wants a receiver; the plain one shows it
    return dialog


class VisitorCardDialog(QDialog):
    """Shows the new code big, with "Afdrukken", "Bewaren als PDF" and "Sluiten"."""

    def __init__(
        self, code: str, parent: QWidget | None = None, printer: QPrinter | None = None
    ) -> None:
        super().__init__(parent)
        self.code = code
        self.printer = printer  # None: the system's default printer, set up per print
        self.print_dialog: QPrintDialog | None = None  # while the print dialog is open
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.preview = QLabel(self)
        # the card as big as the text around it: 216 px high at 100%, twice that at 200%
        self.preview.setPixmap(card_pixmap(code, max(216, self.fontMetrics().height() * 12)))
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
        self.print_dialog = print_card(self, self.code, self.printer, self._printed)

    def _printed(self, outcome: str) -> None:
        self.print_dialog = None
        if outcome == PRINTED:
            self.result_label.setText(self.tr("De kaart is naar de printer gestuurd."))
            self._fit()
        elif outcome == PRINT_FAILED:
            self.result_label.setText(self.tr(
                "De kaart werd niet afgedrukt: de printer kon niet starten. Kies een andere "
                "printer of bewaar de kaart als PDF."))
            self._fit()

    def _pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Kaart bewaren als PDF"),
            str(Path.home() / f"bezoekerscode-{self.code}.pdf"),
            self.tr("PDF-bestand (*.pdf)"),
        )
        if not name:
            return
        try:
            write_card_pdf(Path(name), self.code)
        except OSError:
            self.result_label.setText(self.tr(
                "De kaart werd niet bewaard: {file} kan niet geschreven worden. Kies een andere "
                "map.").format(file=name))
            self._fit()
            return
        self.result_label.setText(self.tr("Bewaard als {file}").format(file=name))
        self._fit()

    def _fit(self) -> None:
        """Grow to show the whole result line (it appears once the dialog is open)."""
        if self.isVisible():
            fit_to_contents(self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        fit_to_contents(self)
        super().showEvent(event)

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
