"""A ``Report`` as a file a coordinator can forward as it is: CSV, XLSX or a Dutch PDF (no Qt).

- CSV: one tidy table (``onderdeel;code;omschrijving;waarde;aandeel_pct``), ``;``-separated,
  decimal comma, UTF-8 with BOM: what Excel in Belgium opens correctly by double-click.
- XLSX: a sheet "Overzicht" (period, totals, reach against the tiers), then one sheet per
  breakdown, numbers as numbers.
- PDF: A4 pages drawn with matplotlib's PDF backend (works headless, no Qt): the period and the
  scope, the key figures, the reach against the tiers with the estimated part stated, then every
  breakdown as a chart with its table. Fonts are embedded as TrueType so the text can be searched
  and copied.

Every writer takes ``progress(done, total, what)`` and ``cancelled()``; a cancelled export raises
``ReportCancelled`` and leaves no file behind (it is written to a temporary name first).
"""

from __future__ import annotations

import csv
import os
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from digipunt_app.core.reports_charts import (
    MAX_BARS,
    TEXT,
    draw_breakdown,
    draw_reach,
)
from digipunt_app.core.reports_labels import format_date, format_int, format_number, format_period
from digipunt_app.core.reports_model import (
    Breakdown,
    Cancelled,
    Progress,
    Report,
    ReportCancelled,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = ("csv", "xlsx", "pdf")
BRUSSELS = ZoneInfo("Europe/Brussels")


def export_report(
    report: Report,
    path: Path,
    fmt: str,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """Write ``report`` to ``path`` as ``fmt`` (csv, xlsx or pdf)."""
    writers: dict[str, Callable[..., Path]] = {
        "csv": write_csv,
        "xlsx": write_xlsx,
        "pdf": write_pdf,
    }
    if fmt not in writers:
        raise ValueError(f"onbekend formaat {fmt!r}: kies csv, xlsx of pdf")
    return writers[fmt](report, Path(path), progress=progress, cancelled=cancelled)


# --- CSV -----------------------------------------------------------------------------------
CSV_HEADER = ("onderdeel", "code", "omschrijving", "waarde", "aandeel_pct")


def report_rows(report: Report) -> Iterator[tuple[str, str, str, float, float | None]]:
    """Every number of the report as (part, code, label, value, share %) rows."""
    yield ("overzicht", "sessions", "Sessies", report.sessions, None)
    yield ("overzicht", "hours", "Uren hulp", round(report.hours, 1), None)
    yield ("overzicht", "unique_adults", "Unieke volwassenen", report.unique_adults, None)
    for reach in report.reach:
        yield ("bereik", "with_code", f"{reach.label}: met bezoekerscode", reach.with_code, None)
        yield ("bereik", "estimated", f"{reach.label}: geschat", reach.estimated, None)
        yield ("bereik", "total", f"{reach.label}: unieke volwassenen", reach.total, None)
        yield ("bereik", "to_go", f"{reach.label}: nog tot volgende drempel", reach.to_go, None)
    for item in report.breakdowns:
        for line in item.lines:
            share = item.share(line)
            yield (item.key, line.code, line.label, line.value, None if share is None else share)


def write_csv(
    report: Report,
    path: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    _check(cancelled)
    with _atomic(path) as tmp, open(tmp, "w", newline="", encoding="utf-8-sig") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(("rapport", report.title))
        out.writerow(("periode", report.date_from.isoformat(), report.date_to.isoformat()))
        out.writerow(())
        out.writerow(CSV_HEADER)
        for part, code, label, value, share in report_rows(report):
            out.writerow(
                (
                    part,
                    code,
                    label,
                    _csv_number(value),
                    "" if share is None else _csv_number(round(share, 1)),
                )
            )
    if progress:
        progress(1, 1, "CSV geschreven")
    return path


def _csv_number(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value}".replace(".", ",")


# --- XLSX ----------------------------------------------------------------------------------
def write_xlsx(
    report: Report,
    path: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    book = Workbook()
    sheet = book.active
    sheet.title = "Overzicht"
    sheet.append(["Rapport", report.title])
    sheet.append(["Periode", format_period(report.date_from, report.date_to)])
    sheet.append(["Van", report.date_from])
    sheet.append(["Tot en met", report.date_to])
    sheet.append(["Sessies", report.sessions])
    sheet.append(["Uren hulp", round(report.hours, 1)])
    sheet.append(["Unieke volwassenen", report.unique_adults])
    sheet.append([])
    sheet.append(["Unieke volwassenen bereikt"])
    sheet.append(
        [
            "Naam",
            "Met bezoekerscode",
            "Geschat (eerste bezoek, geen code)",
            "Totaal",
            "Gehaalde drempel",
            "Volgende drempel",
            "Nog te gaan",
        ]
    )
    header_row = sheet.max_row
    for reach in report.reach:
        sheet.append(
            [
                reach.label,
                reach.with_code,
                reach.estimated,
                reach.total,
                reach.reached_tier,
                reach.next_tier,
                reach.to_go,
            ]
        )
    sheet.append([])
    sheet.append(["Het geschatte deel telt volwassenen op hun eerste bezoek zonder bezoekerscode."])
    for cell in sheet["A"][:7]:
        cell.font = bold
    sheet.cell(row=header_row - 1, column=1).font = bold
    for cell in sheet[header_row]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True)
    sheet.cell(row=3, column=2).number_format = "DD/MM/YYYY"
    sheet.cell(row=4, column=2).number_format = "DD/MM/YYYY"
    _widths(sheet, [34, 20, 20, 12, 16, 16, 12])

    used: set[str] = {"Overzicht"}
    total = len(report.breakdowns)
    for done, item in enumerate(report.breakdowns):
        _check(cancelled)
        if progress:
            progress(done, total, item.title)
        ws = book.create_sheet(_sheet_name(item.title, used))
        header = ["Code", "Omschrijving", item.value_name]
        if item.base:
            header.append("% van de sessies")
        ws.append(header)
        for line in item.lines:
            row: list[Any] = [line.code, line.label, line.value]
            share = item.share(line)
            if share is not None:
                row.append(round(share / 100, 4))
            ws.append(row)
        for cell in ws[1]:
            cell.font = bold
        for row_cells in ws.iter_rows(min_row=2, min_col=3, max_col=4):
            if item.decimals:
                row_cells[0].number_format = "0.0"
            if len(row_cells) > 1:
                row_cells[1].number_format = "0.0%"
        ws.freeze_panes = "A2"
        if item.note:
            ws.append([])
            ws.append([item.note])
        _widths(ws, [18, 40, 12, 16])
    _check(cancelled)
    with _atomic(path) as tmp:
        book.save(tmp)
    if progress:
        progress(total, total, "XLSX geschreven")
    return path


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Blad"
    base, n = name, 2
    while name in used:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


def _widths(sheet: Any, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


# --- PDF -----------------------------------------------------------------------------------
A4 = (8.27, 11.69)  # inches
MARGIN = 0.6
ROW = 0.205  # inches per table row
FONT = 9.5


def write_pdf(
    report: Report,
    path: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """The Dutch report as A4 PDF pages (see the module docstring)."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    pages = _plan_pages(report)
    total = len(pages) + 1
    generated = report.generated_at.astimezone(BRUSSELS)
    metadata = {
        "Title": f"{report.title}: {format_period(report.date_from, report.date_to)}",
        "Author": "Digipunt",
        "Subject": "Rapport digitale hulp",
        "CreationDate": report.generated_at.astimezone(UTC),
    }
    with (
        matplotlib.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans"}),
        _atomic(path) as tmp,
        PdfPages(tmp, metadata=metadata) as pdf,
    ):
        _check(cancelled)
        if progress:
            progress(0, total, "voorblad")
        fig = _page()
        _cover(fig, report, generated)
        _footer(fig, report, 1, total)
        pdf.savefig(fig)
        for number, blocks in enumerate(pages, start=2):
            _check(cancelled)
            if progress:
                progress(number - 1, total, ", ".join(b.title for b in blocks))
            fig = _page()
            top = A4[1] - MARGIN
            for item in blocks:
                top = _block(fig, item, top) - 0.35
            _footer(fig, report, number, total)
            pdf.savefig(fig)
    if progress:
        progress(total, total, "PDF geschreven")
    return path


def _page() -> Figure:
    from matplotlib.backends.backend_pdf import FigureCanvasPdf
    from matplotlib.figure import Figure

    fig = Figure(figsize=A4)
    FigureCanvasPdf(fig)
    return fig


def _inch(fig: Figure, x: float, y: float) -> tuple[float, float]:
    return x / A4[0], y / A4[1]


def _text(fig: Figure, x: float, y: float, text: str, **kw: Any) -> None:
    fx, fy = _inch(fig, x, y)
    kw.setdefault("fontsize", FONT)
    kw.setdefault("color", TEXT)
    kw.setdefault("va", "top")
    fig.text(fx, fy, text, **kw)


def _cover(fig: Figure, report: Report, generated: datetime) -> None:
    left = MARGIN
    y = A4[1] - MARGIN
    scope = {"digipunt": "Digipunt", "digibank": "Digibank", "region": "Regio"}.get(
        report.scope_kind, ""
    )
    _text(fig, left, y, "Rapport digitale hulp", fontsize=22, fontweight="bold")
    y -= 0.5
    _text(fig, left, y, report.title, fontsize=16)
    y -= 0.35
    period = format_period(report.date_from, report.date_to)
    exact = f"{format_date(report.date_from)} tot en met {format_date(report.date_to)}"
    _text(fig, left, y, f"Periode: {period}", fontsize=13)
    y -= 0.25
    if period != exact:
        _text(fig, left, y, f"({exact})", fontsize=10, color="#444444")
        y -= 0.25
    if scope:
        _text(fig, left, y, f"Niveau: {scope.lower()}", fontsize=10, color="#444444")
        y -= 0.35
    # key figures
    figures = [
        ("Sessies", format_int(report.sessions)),
        ("Uren hulp", format_number(report.hours, 1)),
        ("Unieke volwassenen", format_int(report.unique_adults)),
    ]
    width = (A4[0] - 2 * MARGIN) / len(figures)
    y -= 0.15
    for index, (label, value) in enumerate(figures):
        x = left + index * width
        _text(fig, x, y, value, fontsize=24, fontweight="bold", color="#0072B2")
        _text(fig, x, y - 0.45, label, fontsize=11)
    y -= 0.95
    # reach chart
    height = min(4.0, 1.5 + 0.55 * len(report.reach))
    ax = fig.add_axes(_rect(2.0, y - height, A4[0] - 2.0 - MARGIN, height - 0.45))
    draw_reach(ax, report.reach, font_size=10)
    y -= height + 0.45
    _text(fig, left, y, "Bereik tegenover de financieringsdrempels", fontsize=12, fontweight="bold")
    y -= 0.3
    for reach in report.reach[:14]:
        _text(
            fig,
            left,
            y,
            f"{reach.label}: {format_int(reach.total)} unieke volwassenen",
            fontsize=10,
            fontweight="bold",
        )
        y -= 0.2
        _text(fig, left + 0.2, y, reach.estimated_sentence() + ".", fontsize=9)
        y -= 0.18
        _text(fig, left + 0.2, y, reach.tier_sentence(), fontsize=9)
        y -= 0.27
    if len(report.reach) > 14:
        _text(fig, left, y, f"... en nog {len(report.reach) - 14}: zie de XLSX-export.", fontsize=9)
        y -= 0.25
    y -= 0.1
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
        _text(fig, left, y, note, fontsize=8.5, color="#444444")
        y -= 0.18


def _footer(fig: Figure, report: Report, number: int, total: int) -> None:
    period = format_period(report.date_from, report.date_to)
    _text(fig, MARGIN, 0.45, f"{report.title} · {period}", fontsize=8, color="#555555")
    _text(
        fig,
        A4[0] - MARGIN,
        0.45,
        f"Pagina {number} van {total}",
        fontsize=8,
        color="#555555",
        ha="right",
    )


def _rect(x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
    return (x / A4[0], y / A4[1], w / A4[0], h / A4[1])


def _chart_inches(item: Breakdown) -> float:
    if item.kind == "time":
        return 2.8
    bars = min(len([line for line in item.lines if line.value]), MAX_BARS)
    return max(1.6, 0.75 + 0.27 * bars)


def _table_columns(item: Breakdown) -> int:
    return 2 if len(item.lines) > 14 else 1


def _block_inches(item: Breakdown) -> float:
    rows = -(-max(1, len(item.lines)) // _table_columns(item))
    note = 0.22 if item.note else 0.0
    return 0.4 + _chart_inches(item) + 0.3 + ROW * (rows + 1) + note + 0.2


def _plan_pages(report: Report) -> list[list[Breakdown]]:
    usable = A4[1] - 2 * MARGIN - 0.4
    pages: list[list[Breakdown]] = []
    room = 0.0
    for item in report.breakdowns:
        need = _block_inches(item) + 0.35
        if not pages or need > room:
            pages.append([])
            room = usable
        pages[-1].append(item)
        room -= need
    return pages


def _block(fig: Figure, item: Breakdown, top: float) -> float:
    """Draw one breakdown (chart, then its table) from ``top`` down; returns the new top."""
    chart = _chart_inches(item)
    left = 2.35 if item.kind == "category" and item.lines else MARGIN + 0.55
    ax = fig.add_axes(_rect(left, top - 0.4 - chart, A4[0] - left - MARGIN - 0.3, chart))
    draw_breakdown(ax, item, font_size=9.5)
    y = top - 0.4 - chart - 0.45
    columns = _table_columns(item)
    width = (A4[0] - 2 * MARGIN) / columns
    rows_per_column = -(-max(1, len(item.lines)) // columns)
    has_share = item.base > 0
    for column in range(columns):
        x = MARGIN + column * width
        _text(fig, x, y, "Omschrijving", fontweight="bold")
        _text(
            fig,
            x + width - (1.0 if has_share else 0.25),
            y,
            item.value_name,
            fontweight="bold",
            ha="right",
        )
        if has_share:
            _text(fig, x + width - 0.25, y, "%", fontweight="bold", ha="right")
        chunk = item.lines[column * rows_per_column : (column + 1) * rows_per_column]
        for row, line in enumerate(chunk, start=1):
            yy = y - row * ROW
            label = line.label if len(line.label) <= 38 else line.label[:37] + "…"
            _text(fig, x, yy, label)
            value = format_number(line.value, item.decimals)
            _text(fig, x + width - (1.0 if has_share else 0.25), yy, value, ha="right")
            share = item.share(line)
            if share is not None:
                _text(fig, x + width - 0.25, yy, format_number(share, 1), ha="right")
    if not item.lines:
        _text(fig, MARGIN, y - ROW, "Geen gegevens in deze periode.")
    y -= ROW * (rows_per_column + 1)
    if item.note:
        _text(fig, MARGIN, y - 0.05, item.note, fontsize=8.5, color="#444444")
        y -= 0.22
    return y


# --- shared --------------------------------------------------------------------------------
def _check(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise ReportCancelled()


@contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place only when all went well."""
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=".~", suffix=path.suffix, dir=path.parent or ".")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
