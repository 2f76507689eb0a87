"""The plain data of a report (no Qt, no database): what the dashboard, the regional view, the
charts and the CSV/XLSX/PDF exports all show.

A ``Report`` is a scope (a digipunt, a digibank or the region), a period of Europe/Brussels local
dates, a few totals, a list of ``Breakdown`` tables (sessions per week, per service, ...) and the
reach of DESIGN.md §3 against the funding tiers. The same shape is built from the local database
(``digipunt_app.core.reports``) and from the server's reports API (``reports_regional``).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from digipunt_app.core.records import StoreError
from digipunt_app.core.reports_labels import format_int
from sync.protocol import FUNDING_TIERS

# progress(done, total, what): what is a short Dutch phrase ("diensten tellen")
Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


class ReportCancelled(StoreError):
    """The user cancelled a report or export; nothing was written."""

    def __init__(self) -> None:
        super().__init__("Geannuleerd: het rapport is niet gemaakt.")


@dataclass(frozen=True)
class Line:
    """One row of a breakdown: a code (``"solved_together"``, ``"2026-01"``), its Dutch label and
    its value (a number of sessions, or hours for helper hours)."""

    code: str
    label: str
    value: float


@dataclass(frozen=True)
class Breakdown:
    """One table of a report and the chart drawn from it.

    ``kind`` is ``"time"`` for chronological rows (weeks, months: vertical bars in order) and
    ``"category"`` for the rest (horizontal bars, biggest first). ``base`` is the number that
    percentages are taken of (the sessions in the period); 0 means no percentage column.
    """

    key: str
    title: str
    value_name: str
    lines: tuple[Line, ...]
    kind: str = "category"
    decimals: int = 0
    base: int = 0
    note: str = ""

    @property
    def total(self) -> float:
        return sum(line.value for line in self.lines)

    def share(self, line: Line) -> float | None:
        """``line``'s value as a percentage of ``base`` (None when there is no base)."""
        if self.base <= 0:
            return None
        return 100.0 * line.value / self.base


@dataclass(frozen=True)
class Reach:
    """Unique adults reached (DESIGN.md §3) for one scope, against the funding tiers.

    ``with_code``: distinct visitor codes over sessions with ``adult_confirmed``;
    ``estimated``: sessions with ``adult_confirmed``, ``first_visit = yes`` and no code (each
    counted as one person: the estimated part).
    """

    label: str
    with_code: int
    estimated: int
    tiers: tuple[int, ...] = FUNDING_TIERS

    @property
    def total(self) -> int:
        return self.with_code + self.estimated

    @property
    def reached_tier(self) -> int | None:
        done = [tier for tier in self.tiers if self.total >= tier]
        return max(done) if done else None

    @property
    def next_tier(self) -> int | None:
        ahead = [tier for tier in self.tiers if self.total < tier]
        return min(ahead) if ahead else None

    @property
    def to_go(self) -> int:
        """How many more adults until the next tier (0 when every tier is reached)."""
        return 0 if self.next_tier is None else self.next_tier - self.total

    def estimated_sentence(self) -> str:
        return (
            f"{format_int(self.with_code)} met bezoekerscode (exact geteld) + "
            f"{format_int(self.estimated)} geschat (volwassenen op hun eerste bezoek "
            "zonder bezoekerscode)"
        )

    def tier_sentence(self) -> str:
        if self.next_tier is None:
            return f"Alle drempels gehaald (hoogste: {format_int(max(self.tiers))})."
        reached = (
            f"Drempel {format_int(self.reached_tier)} gehaald; "
            if self.reached_tier is not None
            else "Nog geen drempel gehaald; "
        )
        return (
            f"{reached}nog {format_int(self.to_go)} tot de volgende drempel "
            f"({format_int(self.next_tier)})."
        )


@dataclass(frozen=True)
class Report:
    """Everything one report shows. ``scope_kind`` is ``"digipunt"``, ``"digibank"`` or
    ``"region"``; ``title`` names it (``"Digipunt Bib Aalst"``)."""

    title: str
    scope_kind: str
    date_from: date
    date_to: date
    sessions: int
    minutes: int
    breakdowns: tuple[Breakdown, ...]
    reach: tuple[Reach, ...]
    generated_at: datetime
    notes: tuple[str, ...] = field(default_factory=tuple)
    # Unique adults of the whole scope when it is not the sum of ``reach`` (a region: a visitor
    # seen in two digibanken counts once in each digibank but once in the region).
    adults_total: int | None = None

    @property
    def hours(self) -> float:
        return self.minutes / 60.0

    @property
    def unique_adults(self) -> int:
        if self.adults_total is not None:
            return self.adults_total
        return sum(reach.total for reach in self.reach)

    def breakdown(self, key: str) -> Breakdown | None:
        for item in self.breakdowns:
            if item.key == key:
                return item
        return None


# --- periods -------------------------------------------------------------------------------
PERIODS = ("this_week", "this_month", "last_month", "this_year")


def period_dates(choice: str, today: date) -> tuple[date, date]:
    """The first and last local date of a named period around ``today``.

    ``this_week`` is Monday..Sunday (ISO week); ``last_month`` the whole previous calendar month.
    """
    if choice == "this_week":
        start = today - timedelta(days=today.weekday())
        return start, start + timedelta(days=6)
    if choice == "this_month":
        return today.replace(day=1), _month_end(today.year, today.month)
    if choice == "last_month":
        first = today.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), first
    if choice == "this_year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    raise ValueError(f"onbekende periode {choice!r}")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def check_period(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise ValueError("De einddatum ligt vóór de begindatum.")
