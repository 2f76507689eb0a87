"""The region's (or one digibank's) report, from the server's reports API (no Qt).

``regional_report(client, date_from, date_to)`` asks ``GET /v1/reports/summary`` for every
``group_by`` and ``GET /v1/reports/reach`` once, with a coordinator token, and turns the answers
into the same ``Report`` the dashboard, the charts and the exports use: sessions per month, per
digibank, per digipunt (the digipunten side by side), per municipality, per service, outcome and
referral, hours per digipunt, unique adults per digipunt, and the reach of every digibank against
the funding tiers (a digibank is what funders pay by).

Call it off the GUI thread: it makes seven HTTP requests.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from digipunt_app.core.reports import category_breakdown, per_month_breakdown
from digipunt_app.core.reports_labels import OUTCOMES_NL, REFERRALS_NL, format_int
from digipunt_app.core.reports_model import (
    Breakdown,
    Cancelled,
    Line,
    Progress,
    Reach,
    Report,
    ReportCancelled,
    check_period,
)
from sync.protocol import REPORT_GROUP_BY, ReachReport, SummaryReport

_STEPS = len(REPORT_GROUP_BY) + 1


def regional_report(
    client: Any,
    date_from: date,
    date_to: date,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    now: datetime | None = None,
) -> Report:
    """The coordinator's report for ``date_from..date_to`` (inclusive); ``client`` is a
    ``sync.client.SyncClient`` holding a coordinator token. Errors are the client's
    ``SyncError`` subclasses (plain Dutch messages)."""
    check_period(date_from, date_to)
    summaries: dict[str, SummaryReport] = {}
    for done, group_by in enumerate(REPORT_GROUP_BY):
        if cancelled is not None and cancelled():
            raise ReportCancelled()
        if progress is not None:
            progress(done, _STEPS, f"overzicht per {_GROUP_NL[group_by]} ophalen")
        body = client.report_summary(date_from, date_to, group_by)
        summaries[group_by] = SummaryReport.model_validate(body)
    if cancelled is not None and cancelled():
        raise ReportCancelled()
    if progress is not None:
        progress(len(REPORT_GROUP_BY), _STEPS, "bereik ophalen")
    reach = ReachReport.model_validate(client.report_reach(date_from, date_to))
    if progress is not None:
        progress(_STEPS, _STEPS, "klaar")
    return build_regional_report(summaries, reach, now=now)


_GROUP_NL = {
    "digipunt": "digipunt",
    "service": "dienst",
    "month": "maand",
    "municipality": "gemeente",
    "outcome": "uitkomst",
    "referral": "doorverwijzing",
}


def build_regional_report(
    summaries: dict[str, SummaryReport], reach: ReachReport, *, now: datetime | None = None
) -> Report:
    """Turn the API answers into a ``Report`` (pure; tested without a server too)."""
    first = next(iter(summaries.values()))
    date_from, date_to = first.date_from, first.date_to
    total = first.total_sessions
    minutes = first.total_duration_min
    is_region = first.scope == "region"

    def rows(group_by: str) -> list[Any]:
        report = summaries.get(group_by)
        return list(report.rows) if report else []

    months = [(date.fromisoformat(r.key + "-01"), r.sessions) for r in rows("month")]
    per_punt = rows("digipunt")
    bank_of: dict[str, str] = {}
    for bank in reach.digibanken:
        for punt in bank.digipunten:
            bank_of[punt.digipunt_id] = bank.name
    per_bank: dict[str, int] = {}
    for row in per_punt:
        name = bank_of.get(row.key, "Onbekende digibank")
        per_bank[name] = per_bank.get(name, 0) + row.sessions

    breakdowns = [
        per_month_breakdown(months, date_from, date_to),
        category_breakdown("per_digibank", "Sessies per digibank", per_bank, {}, total),
        category_breakdown(
            "per_digipunt",
            "Sessies per digipunt",
            {r.key: r.sessions for r in per_punt},
            {r.key: r.label for r in per_punt},
            total,
        ),
        category_breakdown(
            "per_municipality",
            "Sessies per gemeente",
            {r.key: r.sessions for r in rows("municipality")},
            {},
            total,
        ),
        _hours_per_digipunt(per_punt),
        _adults_per_digipunt(reach),
        category_breakdown(
            "services",
            "Diensten",
            {r.key: r.sessions for r in rows("service")},
            {r.key: r.label for r in rows("service")},
            total,
            note="Een sessie kan over meer dan één dienst gaan.",
        ),
        category_breakdown(
            "outcomes",
            "Uitkomst",
            {r.key: r.sessions for r in rows("outcome")},
            OUTCOMES_NL,
            total,
        ),
        category_breakdown(
            "referrals",
            "Doorverwijzingen",
            {r.key: r.sessions for r in rows("referral")},
            REFERRALS_NL,
            total,
            note="Een sessie kan naar meer dan één dienst verwijzen.",
        ),
    ]
    reaches = tuple(
        Reach(
            label=bank.name,
            with_code=bank.counted_by_code,
            estimated=bank.estimated_without_code,
            tiers=tuple(reach.tiers),
        )
        for bank in reach.digibanken
    )
    notes: list[str] = []
    if reach.region is not None:
        notes.append(
            f"Hele regio: {format_int(reach.region.unique_adults)} unieke volwassenen "
            f"({format_int(reach.region.counted_by_code)} met bezoekerscode + "
            f"{format_int(reach.region.estimated_without_code)} geschat); een bezoekerscode "
            "in twee digibanken telt in elk van beide één keer, in de regio één keer."
        )
    title = "Regio (alle digibanken)" if is_region else first.scope_name
    return Report(
        title=title,
        scope_kind="region" if is_region else "digibank",
        date_from=date_from,
        date_to=date_to,
        sessions=total,
        minutes=minutes,
        breakdowns=tuple(breakdowns),
        reach=reaches,
        generated_at=now or datetime.now(UTC),
        notes=tuple(notes),
        adults_total=reach.region.unique_adults if reach.region is not None else None,
    )


def _hours_per_digipunt(rows: list[Any]) -> Breakdown:
    lines = sorted(
        (Line(r.key, r.label, round(r.duration_min / 60, 1)) for r in rows if r.duration_min),
        key=lambda line: (-line.value, line.label),
    )
    return Breakdown(
        "hours_per_digipunt", "Uren hulp per digipunt", "Uren", tuple(lines), decimals=1
    )


def _adults_per_digipunt(reach: ReachReport) -> Breakdown:
    lines = sorted(
        (
            Line(p.digipunt_id, p.name, p.unique_adults)
            for bank in reach.digibanken
            for p in bank.digipunten
            if p.unique_adults
        ),
        key=lambda line: (-line.value, line.label),
    )
    return Breakdown(
        "adults_per_digipunt",
        "Unieke volwassenen per digipunt",
        "Volwassenen",
        tuple(lines),
        note="Per digipunt geteld; wie bij twee digipunten kwam, telt bij elk. Inclusief het "
        "geschatte deel (eerste bezoek zonder code).",
    )
