"""The Dutch monthly report as an A4 PDF, drawn with ``QPdfWriter`` + QPainter (QtGui only).

Page 1: the period and the scope, the key figures, the reach chart against the funding tiers and
one sentence per scope with the estimated part stated. Then every breakdown as a chart
(``ui.chart_painter``, the same drawing as the dashboard) with its full table below it, as many
per page as fit. A footer names the report, the period and "Pagina n van N". Text is real text
(embedded fonts): it can be searched, copied and read back with ``pdftotext``.

Safe off the GUI thread (QPdfWriter and QPainter on it are); headless, ``ensure_gui_app`` makes an
offscreen application first. Progress ``(done, total, what)`` per page; a cancelled export raises
``ReportCancelled`` and leaves no file behind (written to a temporary name first).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPainter, QPdfWriter

from digipunt_app.core.report_export import _atomic, _check
from digipunt_app.core.reports_charts import BLUE, TEXT
from digipunt_app.core.reports_labels import format_date, format_int, format_number, format_period
from digipunt_app.core.reports_model import Breakdown, Cancelled, Progress, Report
from digipunt_app.ui.chart_painter import (
    breakdown_height,
    chart_font,
    ensure_gui_app,
    paint_breakdown,
    paint_reach,
    reach_height,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
A4 = (8.27, 11.69)  # inches
MARGIN = 0.6
ROW = 0.205  # inches per table row
FONT = 9.5
CHART_FONT = 9.5
DPI = 300
GAP = 0.35  # between blocks
FOOTER = 0.8  # room kept free at the bottom of a page

_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)


def write_pdf(
    report: Report,
    path: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """Write ``report`` as the A4 PDF described in the module docstring."""
    ensure_gui_app()
    path = Path(path)
    _check(cancelled)
    with _atomic(path) as tmp, _pdf(tmp, report) as (writer, painter):
        page = _Page(painter)
        pages = _plan_pages(report, page)
        total = len(pages) + 1
        if progress:
            progress(0, total, "voorblad")
        _cover(page, report, report.generated_at.astimezone(BRUSSELS))
        _footer(page, report, 1, total)
        for number, blocks in enumerate(pages, start=2):
            _check(cancelled)
            if progress:
                progress(number - 1, total, ", ".join(b.title for b in blocks))
            writer.newPage()
            top = MARGIN
            for item in blocks:
                top = _block(page, item, top) + GAP
            _footer(page, report, number, total)
    if progress:
        progress(total, total, "PDF geschreven")
    return path


@contextmanager
def _pdf(tmp: Path, report: Report) -> Iterator[tuple[QPdfWriter, QPainter]]:
    writer = QPdfWriter(str(tmp))
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(f"{report.title}: {format_period(report.date_from, report.date_to)}")
    writer.setCreator("Digipunt")
    painter = QPainter(writer)
    try:
        yield writer, painter
    finally:
        painter.end()


class _Page:
    """Writes on the current page in inches from the top left corner."""

    def __init__(self, painter: QPainter) -> None:
        self.painter = painter
        self.dpi = painter.device().logicalDpiY()

    def px(self, inches: float) -> float:
        return inches * self.dpi

    def inches(self, pixels: float) -> float:
        return pixels / self.dpi

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(self.px(x), self.px(y), self.px(w), self.px(h))

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float = FONT,
        *,
        bold: bool = False,
        colour: str = TEXT,
        right: bool = False,
    ) -> None:
        """Write ``text`` with its top at ``y``; left-aligned at ``x`` or right-aligned to it."""
        width = 7.5
        box = self.rect(x - width if right else x, y, width, size / 72 * 2)
        self.painter.setFont(chart_font(size, bold))
        self.painter.setPen(QColor(colour))
        self.painter.drawText(box, _RIGHT if right else _LEFT, text)


def _cover(page: _Page, report: Report, generated: datetime) -> None:
    left = MARGIN
    y = MARGIN
    scope = {"digipunt": "Digipunt", "digibank": "Digibank", "region": "Regio"}.get(
        report.scope_kind, ""
    )
    page.text(left, y, "Rapport digitale hulp", 22, bold=True)
    y += 0.5
    page.text(left, y, report.title, 16)
    y += 0.35
    period = format_period(report.date_from, report.date_to)
    exact = f"{format_date(report.date_from)} tot en met {format_date(report.date_to)}"
    page.text(left, y, f"Periode: {period}", 13)
    y += 0.27
    if period != exact:
        page.text(left, y, f"({exact})", 10, colour="#444444")
        y += 0.25
    if scope:
        page.text(left, y, f"Niveau: {scope.lower()}", 10, colour="#444444")
        y += 0.35
    figures = [
        ("Sessies", format_int(report.sessions)),
        ("Uren hulp", format_number(report.hours, 1)),
        ("Unieke volwassenen", format_int(report.unique_adults)),
    ]
    width = (A4[0] - 2 * MARGIN) / len(figures)
    y += 0.15
    for index, (label, value) in enumerate(figures):
        x = left + index * width
        page.text(x, y, value, 24, bold=True, colour=BLUE)
        page.text(x, y + 0.45, label, 11)
    y += 0.9
    shown = report.reach[:14]
    height = min(4.6, page.inches(reach_height(shown, page.painter.device(), CHART_FONT)))
    paint_reach(
        page.painter, page.rect(left, y, A4[0] - 2 * MARGIN, height), shown, font_pt=CHART_FONT
    )
    y += height + 0.25
    page.text(left, y, "Bereik tegenover de financieringsdrempels", 12, bold=True)
    y += 0.3
    for reach in shown:
        page.text(
            left, y, f"{reach.label}: {format_int(reach.total)} unieke volwassenen", 10, bold=True
        )
        y += 0.2
        page.text(left + 0.2, y, reach.estimated_sentence() + ".", 9)
        y += 0.18
        page.text(left + 0.2, y, reach.tier_sentence(), 9)
        y += 0.27
    if len(report.reach) > 14:
        page.text(left, y, f"... en nog {len(report.reach) - 14}: zie de XLSX-export.", 9)
        y += 0.25
    y += 0.1
    lines = [
        "Unieke volwassenen = verschillende bezoekerscodes bij sessies met een bevestigde "
        "volwassene,",
        "plus de sessies met een bevestigde volwassene op een eerste bezoek zonder code "
        "(het geschatte deel).",
        "Verwijderde sessies tellen niet mee; een gewijzigde sessie telt één keer, zoals ze nu is.",
        f"Gemaakt op {format_date(generated.date())} om {generated:%H:%M} met Digipunt.",
    ]
    wrapped = [part for note in report.notes for part in textwrap.wrap(note, 105)]
    for note in (*lines, *wrapped):
        if y > A4[1] - FOOTER:
            break
        page.text(left, y, note, 8.5, colour="#444444")
        y += 0.18


def _footer(page: _Page, report: Report, number: int, total: int) -> None:
    period = format_period(report.date_from, report.date_to)
    y = A4[1] - 0.55
    page.text(MARGIN, y, f"{report.title} · {period}", 8, colour="#555555")
    page.text(A4[0] - MARGIN, y, f"Pagina {number} van {total}", 8, colour="#555555", right=True)


def _chart_inches(page: _Page, item: Breakdown) -> float:
    pixels = breakdown_height(item, page.painter.device(), CHART_FONT)
    return min(6.0, page.inches(pixels))


def _table_columns(item: Breakdown) -> int:
    return 2 if len(item.lines) > 14 else 1


def _block_inches(page: _Page, item: Breakdown) -> float:
    rows = -(-max(1, len(item.lines)) // _table_columns(item))
    note = 0.22 if item.note else 0.0
    return _chart_inches(page, item) + 0.15 + ROW * (rows + 1) + note


def _plan_pages(report: Report, page: _Page) -> list[list[Breakdown]]:
    usable = A4[1] - MARGIN - FOOTER
    pages: list[list[Breakdown]] = []
    room = 0.0
    for item in report.breakdowns:
        need = _block_inches(page, item) + GAP
        if not pages or need > room:
            pages.append([])
            room = usable
        pages[-1].append(item)
        room -= need
    return pages


def _block(page: _Page, item: Breakdown, top: float) -> float:
    """Draw one breakdown (chart, then its table) from ``top`` down; return the y below it."""
    chart = _chart_inches(page, item)
    paint_breakdown(
        page.painter, page.rect(MARGIN, top, A4[0] - 2 * MARGIN, chart), item, font_pt=CHART_FONT
    )
    y = top + chart + 0.15
    columns = _table_columns(item)
    width = (A4[0] - 2 * MARGIN) / columns
    rows_per_column = -(-max(1, len(item.lines)) // columns)
    has_share = item.base > 0
    value_x = 1.0 if has_share else 0.25
    for column in range(columns):
        x = MARGIN + column * width
        page.text(x, y, "Omschrijving", bold=True)
        page.text(x + width - value_x, y, item.value_name, bold=True, right=True)
        if has_share:
            page.text(x + width - 0.25, y, "%", bold=True, right=True)
        chunk = item.lines[column * rows_per_column : (column + 1) * rows_per_column]
        for row, line in enumerate(chunk, start=1):
            yy = y + row * ROW
            label = line.label if len(line.label) <= 38 else line.label[:37] + "…"
            page.text(x, yy, label)
            page.text(x + width - value_x, yy, format_number(line.value, item.decimals), right=True)
            share = item.share(line)
            if share is not None:
                page.text(x + width - 0.25, yy, format_number(share, 1), right=True)
    if not item.lines:
        page.text(MARGIN, y + ROW, "Geen gegevens in deze periode.")
    y += ROW * (rows_per_column + 1)
    if item.note:
        page.text(MARGIN, y + 0.05, item.note, 8.5, colour="#444444")
        y += 0.22
    return y
