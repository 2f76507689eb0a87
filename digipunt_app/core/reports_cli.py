"""The report side of ``digipunt export`` (headless, no Qt).

``digipunt export --format pdf [--from D] [--to D] FILE`` writes the Dutch report of this
digipunt; ``--report`` with ``--format csv|xlsx`` writes the report's tables instead of the
sessions. Without ``--from``/``--to`` the report covers last month (the monthly report);
with only one of them, the other end is the first/last day of that date's month.
"""

from __future__ import annotations

import calendar
from datetime import date
from pathlib import Path
from typing import Any

from digipunt_app.core.reports_model import period_dates

REPORT_FORMATS = ("csv", "xlsx", "pdf")


def report_period(date_from: date | None, date_to: date | None, today: date) -> tuple[date, date]:
    """The period of a headless report (see the module docstring)."""
    if date_from is None and date_to is None:
        return period_dates("last_month", today)
    if date_from is None:
        assert date_to is not None
        return date_to.replace(day=1), date_to
    if date_to is None:
        last = calendar.monthrange(date_from.year, date_from.month)[1]
        return date_from, date_from.replace(day=last)
    return date_from, date_to


def write_report(
    store: Any, path: Path, fmt: str, date_from: date | None, date_to: date | None
) -> int:
    """Compute this digipunt's report and write it as ``fmt``; returns the number of sessions."""
    from digipunt_app.core.report_export import export_report
    from digipunt_app.core.reports import local_report

    first, last = report_period(date_from, date_to, date.today())
    report = local_report(store, first, last)
    export_report(report, Path(path), fmt)
    return report.sessions


def report_writer(fmt: str) -> Any:
    """A ``digipunt_app.cli`` export writer for the report in ``fmt``."""

    def writer(store: Any, path: Path, date_from: date | None, date_to: date | None) -> int:
        return write_report(store, path, fmt, date_from, date_to)

    return writer
