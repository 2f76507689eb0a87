"""The digipunt's own numbers for a period, computed in SQL from the local database (no Qt).

``local_report(store, date_from, date_to)`` counts every help session in the local database whose
Europe/Brussels ``local_date`` lies in the period: the ones recorded on this PC and the ones pulled
from the digipunt's other PCs. A deleted session (tombstone) never counts; each session is one row
in its latest version, so an edited session counts once, as edited.

The counts come from ``report_day``, per-day aggregates that SQLite triggers keep up to date for
every writer (migration ``0004_report_day``), so a year costs a few thousand small rows instead of
~100,000 sessions; unique adults with a code are counted from a small partial index. Weeks and
months are folded from per-day counts in Python, so the result does not depend on SQLite's date
functions. Any period up to a year at 200,000 sessions stays under 300 ms
(bench/reports_dashboard.py, BENCHMARKS.md section ``reports``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import text

from digipunt_app.core.catalog import load_catalog
from digipunt_app.core.local_info import digipunt_info
from digipunt_app.core.reports_labels import (
    AGE_BANDS_NL,
    CHANNELS_NL,
    NO_HELPER_NL,
    OUTCOMES_NL,
    REFERRALS_NL,
    TARGET_GROUPS_NL,
    month_label,
    service_label,
    week_label,
)
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

# Per-day aggregates kept by triggers (migration 0004_report_day): a period sums at most ~100
# rows per day, whatever the number of sessions. Rows whose count dropped to 0 are skipped.
_PER_DAY = """
SELECT local_date, sessions, minutes FROM report_day
WHERE dim = 'total' AND local_date >= :dfrom AND local_date <= :dto AND sessions <> 0
"""
_BY_CODE = """
SELECT dim, code, SUM(sessions), SUM(minutes) FROM report_day
WHERE dim IN ('estimated', 'outcome', 'channel', 'age_band', 'helper', 'no_helper', 'service',
              'referral', 'target_group')
  AND local_date >= :dfrom AND local_date <= :dto
GROUP BY dim, code HAVING SUM(sessions) <> 0
"""
# Distinct adult visitor codes cannot be summed per day: one range scan of a partial index that
# holds only (local_date, visitor_code) of the live adult sessions with a code.
REACH_INDEX = "ix_help_session_reach"
_CODES = f"""
SELECT COUNT(DISTINCT visitor_code)
FROM help_session INDEXED BY {REACH_INDEX}
WHERE deleted = 0 AND adult_confirmed = 1 AND COALESCE(visitor_code, '') <> ''
  AND local_date >= :dfrom AND local_date <= :dto
"""
_HELPER_NAMES = "SELECT id, display_name FROM helper"

_STEPS = 5


def local_report(
    store: Any,
    date_from: date,
    date_to: date,
    *,
    title: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    now: datetime | None = None,
) -> Report:
    """The report of this digipunt's local database for ``date_from..date_to`` (inclusive).

    ``progress(done, total, what)`` is called between the queries; when ``cancelled()`` turns
    true the work stops with ``ReportCancelled``.
    """
    check_period(date_from, date_to)
    params = {"dfrom": date_from.isoformat(), "dto": date_to.isoformat()}
    step = _Stepper(progress, cancelled)
    with store.session() as session:

        def rows(sql: str) -> list[Any]:
            return list(session.execute(text(sql), params).all())

        step("sessies per dag tellen")
        per_day = rows(_PER_DAY)
        step("diensten, uitkomst, kanaal, leeftijd en helpers tellen")
        by_code = rows(_BY_CODE)
        step("helpers en digipunt lezen")
        helper_names = {r[0]: r[1] for r in session.execute(text(_HELPER_NAMES)).all()}
        step("unieke volwassenen tellen")
        with_code = int(session.execute(text(_CODES), params).scalar_one() or 0)
        info = digipunt_info(session)
        digipunt_name = info.name if info is not None else None
    service_names = _service_names(store)
    step("rapport samenstellen")

    sessions = sum(int(r[1]) for r in per_day)
    minutes = sum(int(r[2]) for r in per_day)
    days = [(_as_date(r[0]), int(r[1])) for r in per_day]
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    helper_minutes: dict[str | None, int] = {}
    for dim, code, count, minutes_ in by_code:
        counts[dim][code] = int(count)
        if dim == "helper":
            helper_minutes[code] = int(minutes_)
        elif dim == "no_helper":
            helper_minutes[None] = int(minutes_)
    estimated = counts["estimated"].get("", 0)
    outcome, channel, age = counts["outcome"], counts["channel"], counts["age_band"]
    services = list(counts["service"].items())
    # referral and target-group codes never overlap (sync.protocol); a code neither vocabulary
    # knows (a newer app) is listed with the referrals, as the earlier single scan did
    listed: dict[str, int] = defaultdict(int)
    for dim in ("referral", "target_group"):
        for code, n in counts[dim].items():
            listed[code] += n
    referrals = [(code, n) for code, n in listed.items() if code not in TARGET_GROUPS_NL]
    target_groups = [(code, n) for code, n in listed.items() if code in TARGET_GROUPS_NL]

    name = title or (f"Digipunt {digipunt_name}" if digipunt_name else "Dit digipunt")
    breakdowns = (
        per_week_breakdown(days, date_from, date_to),
        per_month_breakdown(days, date_from, date_to),
        category_breakdown(
            "services",
            "Diensten",
            {str(c): int(n) for c, n in services},
            {c: service_label(c, service_names) for c, _ in services},
            sessions,
            note="Een sessie kan over meer dan één dienst gaan.",
        ),
        vocabulary_breakdown("outcomes", "Uitkomst", outcome, OUTCOMES_NL, sessions),
        vocabulary_breakdown(
            "referrals",
            "Doorverwijzingen",
            {str(c): int(n) for c, n in referrals},
            REFERRALS_NL,
            sessions,
            note="Een sessie kan naar meer dan één dienst verwijzen.",
            keep_zero=False,
        ),
        vocabulary_breakdown("channels", "Kanaal", channel, CHANNELS_NL, sessions),
        vocabulary_breakdown("age_bands", "Leeftijd", age, AGE_BANDS_NL, sessions, ordered=True),
        vocabulary_breakdown(
            "target_groups",
            "Doelgroepen",
            {str(c): int(n) for c, n in target_groups},
            TARGET_GROUPS_NL,
            sessions,
            note="Een bezoeker kan tot meer dan één doelgroep horen.",
            keep_zero=False,
        ),
        helper_hours_breakdown(
            (hid, mins, helper_names.get(hid)) for hid, mins in helper_minutes.items()
        ),
    )
    return Report(
        title=name,
        scope_kind="digipunt",
        date_from=date_from,
        date_to=date_to,
        sessions=sessions,
        minutes=minutes,
        breakdowns=breakdowns,
        reach=(Reach(label=name, with_code=with_code, estimated=estimated),),
        generated_at=now or datetime.now(UTC),
    )


# --- building breakdowns (shared with the regional report) ---------------------------------
def per_week_breakdown(
    days: Iterable[tuple[date, int]], date_from: date, date_to: date
) -> Breakdown:
    """Sessions per ISO week; every week of the period is listed, also the empty ones."""
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for day, count in days:
        iso = day.isocalendar()
        counts[(iso.year, iso.week)] += count
    lines = []
    for year, week in _weeks(date_from, date_to):
        lines.append(Line(f"{year}-W{week:02d}", week_label(year, week), counts[(year, week)]))
    return Breakdown("per_week", "Sessies per week", "Sessies", tuple(lines), kind="time")


def per_month_breakdown(
    days: Iterable[tuple[date, int]], date_from: date, date_to: date
) -> Breakdown:
    """Sessions per calendar month (Europe/Brussels local date); empty months listed too."""
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for day, count in days:
        counts[(day.year, day.month)] += count
    lines = [
        Line(f"{y}-{m:02d}", month_label(y, m), counts[(y, m)])
        for y, m in _months(date_from, date_to)
    ]
    return Breakdown("per_month", "Sessies per maand", "Sessies", tuple(lines), kind="time")


def category_breakdown(
    key: str,
    title: str,
    counts: dict[str, int],
    labels: dict[str, str],
    base: int,
    *,
    note: str = "",
) -> Breakdown:
    """Rows biggest first (ties by label)."""
    lines = sorted(
        (Line(code, labels.get(code, code), value) for code, value in counts.items() if value),
        key=lambda line: (-line.value, line.label),
    )
    return Breakdown(key, title, "Sessies", tuple(lines), base=base, note=note)


def vocabulary_breakdown(
    key: str,
    title: str,
    counts: dict[str, int],
    vocabulary: dict[str, str],
    base: int,
    *,
    note: str = "",
    ordered: bool = False,
    keep_zero: bool = True,
) -> Breakdown:
    """A breakdown over a fixed vocabulary: every code listed (zeros too, unless ``keep_zero`` is
    false); ``ordered`` keeps the vocabulary order (age bands), otherwise biggest first.
    Codes the vocabulary does not know (a newer app) are kept with their code as label."""
    codes = list(vocabulary) + sorted(c for c in counts if c not in vocabulary)
    lines = [Line(c, vocabulary.get(c, c), counts.get(c, 0)) for c in codes]
    if not keep_zero:
        lines = [line for line in lines if line.value]
    if not ordered:
        lines.sort(key=lambda line: -line.value)  # stable: vocabulary order among ties
    return Breakdown(key, title, "Sessies", tuple(lines), base=base, note=note)


def helper_hours_breakdown(rows: Iterable[tuple[str | None, int, str | None]]) -> Breakdown:
    """``rows``: (helper id, minutes, display name). Hours per helper, most first."""
    lines = [
        Line(hid or "", name or (NO_HELPER_NL if hid is None else hid), round(minutes / 60, 1))
        for hid, minutes, name in rows
        if minutes
    ]
    lines.sort(key=lambda line: (-line.value, line.label))
    return Breakdown(
        "helper_hours",
        "Uren per helper",
        "Uren",
        tuple(lines),
        decimals=1,
        note="Som van de duur van de sessies van elke helper.",
    )


# --- helpers -------------------------------------------------------------------------------
class _Stepper:
    def __init__(self, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.progress = progress
        self.cancelled = cancelled
        self.done = 0

    def __call__(self, what: str) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ReportCancelled()
        if self.progress is not None:
            self.progress(self.done, _STEPS, what)
        self.done += 1


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _weeks(date_from: date, date_to: date) -> list[tuple[int, int]]:
    """Every ISO (year, week) that the period touches, in order."""
    out: list[tuple[int, int]] = []
    day = date_from
    while day <= date_to:
        iso = day.isocalendar()
        out.append((iso.year, iso.week))
        day += timedelta(days=7 - day.weekday())  # next Monday
    return out


def _months(date_from: date, date_to: date) -> list[tuple[int, int]]:
    out = []
    year, month = date_from.year, date_from.month
    while (year, month) <= (date_to.year, date_to.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _service_names(store: Any) -> dict[str, str]:
    """Dutch labels from the store's newest catalog (pulled updates included)."""
    catalog = load_catalog(store)
    return {service.code: service.label("nl") for service in catalog.services}
