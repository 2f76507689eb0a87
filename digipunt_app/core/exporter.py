"""Export help sessions to CSV or XLSX in the import format (DESIGN.md §8), so they round-trip.

CSV is written the way Excel in Belgium reads it: ``;`` delimiter, UTF-8 with BOM. Dates are
dd/mm/yyyy and times HH:MM in Brussels time. The file appears only when complete (written to a
temporary name, then renamed), so a cancelled or failed export leaves nothing half-written.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from digipunt_app.core.models import Helper, HelpSession
from digipunt_app.core.records import SessionFilter, StoreError
from digipunt_app.core.session_rules import BRUSSELS
from digipunt_app.core.sessions import utc_bounds
from digipunt_app.core.table_format import COLUMNS

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
FORMATS = ("csv", "xlsx")
CHUNK = 1000


class ExportCancelled(StoreError):
    pass


def _rows(
    store: Any, date_from: date | None, date_to: date | None
) -> tuple[int, Iterator[list[Any]]]:
    flt = SessionFilter(date_from=date_from, date_to=date_to)
    start, end = utc_bounds(flt)
    stmt = select(HelpSession).where(HelpSession.deleted.is_(False))
    if start is not None:
        stmt = stmt.where(HelpSession.started_at >= start)
    if end is not None:
        stmt = stmt.where(HelpSession.started_at < end)
    stmt = stmt.order_by(HelpSession.started_at, HelpSession.id)
    with store.session() as db:
        names = {h.id: h.display_name for h in db.scalars(select(Helper))}
        sessions = list(db.scalars(stmt))

    def gen() -> Iterator[list[Any]]:
        for hs in sessions:
            local = hs.started_at.astimezone(BRUSSELS)
            yield [
                local.strftime("%d/%m/%Y"),
                local.strftime("%H:%M"),
                hs.duration_min,
                ";".join(hs.services),
                hs.outcome,
                hs.age_band,
                "ja" if hs.adult_confirmed else "nee",
                hs.first_visit,
                hs.channel,
                names.get(hs.helper_id or "", ""),
                hs.visitor_code or "",
                hs.postcode or "",
                hs.notes,
                ";".join(hs.referrals),
                ";".join(hs.target_groups),
                hs.language,
                "ja" if hs.interpreter else "nee",
                hs.id,
            ]

    return len(sessions), gen()


def export_file(
    store: Any,
    path: Path | str,
    fmt: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Write the (non-deleted) sessions of the period to ``path``; returns how many."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise StoreError(f"Onbekend formaat '{fmt}': kies csv of xlsx.")
    total, rows = _rows(store, date_from, date_to)
    tmp = path.with_name(f".{path.name}.part")
    try:
        if fmt == "csv":
            _write_csv(tmp, rows, total, progress, cancel)
        else:
            _write_xlsx(tmp, rows, total, progress, cancel)
        os.replace(tmp, path)
    except OSError as exc:
        raise StoreError(f"Kan {path} niet schrijven ({exc.strerror}).") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return total


def _tick(done: int, total: int, progress: Progress | None, cancel: Cancel | None) -> None:
    if done % CHUNK == 0:
        if cancel is not None and cancel():
            raise ExportCancelled("De export werd geannuleerd; er is geen bestand gemaakt.")
        if progress is not None:
            progress(done, total)


def _write_csv(
    path: Path, rows: Iterator[list[Any]], total: int, progress: Progress | None,
    cancel: Cancel | None,
) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(COLUMNS)
        for done, row in enumerate(rows):
            _tick(done, total, progress, cancel)
            writer.writerow(row)
    if progress is not None:
        progress(total, total)


def _write_xlsx(
    path: Path, rows: Iterator[list[Any]], total: int, progress: Progress | None,
    cancel: Cancel | None,
) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sessies")
    sheet.append(list(COLUMNS))
    for done, row in enumerate(rows):
        _tick(done, total, progress, cancel)
        sheet.append(row)
    with open(path, "wb") as fh:
        book.save(fh)
    if progress is not None:
        progress(total, total)
