"""A ``Report`` as a file a coordinator can forward as it is: CSV, XLSX or a Dutch PDF.

- CSV: one tidy table (``onderdeel;code;omschrijving;waarde;aandeel_pct``), ``;``-separated,
  decimal comma, UTF-8 with BOM: what Excel in Belgium opens correctly by double-click.
- XLSX: a sheet "Overzicht" (period, totals, reach against the tiers), then one sheet per
  breakdown, numbers as numbers.
- PDF: A4 pages drawn with Qt's ``QPdfWriter`` in ``digipunt_app.ui.report_pdf`` (the period and
  the scope, the key figures, the reach against the tiers with the estimated part stated, then
  every breakdown as a chart with its table). ``export_report(..., "pdf")`` imports it lazily, so
  importing this module pulls in no Qt; headless it runs on Qt's offscreen platform.

Every writer takes ``progress(done, total, what)`` and ``cancelled()``; a cancelled export raises
``ReportCancelled`` and leaves no file behind (it is written to a temporary name first).
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from digipunt_app.core.reports_labels import format_period
from digipunt_app.core.reports_model import (
    Cancelled,
    Progress,
    Report,
    ReportCancelled,
)

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
        "pdf": _write_pdf,
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


# --- PDF: drawn with Qt (QPdfWriter), so it lives in the UI package -----------------------------
def _write_pdf(
    report: Report,
    path: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """The Dutch A4 report: ``digipunt_app.ui.report_pdf.write_pdf``, imported only when a PDF is
    asked for (this module and the rest of the core import no Qt; see docs/CHARTS.md)."""
    from digipunt_app.ui.report_pdf import write_pdf

    return write_pdf(report, path, progress=progress, cancelled=cancelled)


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
