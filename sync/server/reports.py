"""Coordinator reports (DESIGN.md §3, §5): summary by one dimension, and unique adults reached.

Only the current version of each session counts, deleted sessions never do, and periods are by
``local_date`` (the Brussels date of the session), ``date_from``..``date_to`` inclusive.

The whole months of a period come from the per-month aggregates (``report_aggregates``: what they
hold and why they stay exact), refreshed first for the months the report reads; summaries take
partial months at the edges from the raw rows, reach from the day masks of the aggregates.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, or_, select, text
from sqlalchemy.orm import Session

from sync.protocol import (
    FUNDING_TIERS,
    ReachCount,
    ReachDigibank,
    ReachDigipunt,
    ReachReport,
    SummaryReport,
    SummaryRow,
)
from sync.server import report_aggregates as agg
from sync.server.catalog import service_labels
from sync.server.models import (
    CatalogVersion,
    Digibank,
    Digipunt,
    HelpSession,
    HelpSessionReferral,
    HelpSessionService,
    ReportMonth,
)

ESTIMATED_NOTE = (
    "counted_by_code is exact (distinct visitor codes of adults); estimated_without_code counts "
    "adult first visits recorded without a visitor code and is an estimate"
)
OUTCOME_LABELS = {
    "solved_by_visitor": "Zelf opgelost door bezoeker",
    "solved_together": "Samen opgelost",
    "partly_followup": "Deels, opvolging nodig",
    "not_solved": "Niet opgelost",
}


def _tune_for_reports(s: Session) -> None:
    """PostgreSQL: room to sort and hash in memory; no JIT (its compile time costs more than it
    saves on these one-off aggregates)."""
    s.execute(text("SET LOCAL work_mem = '64MB'"))
    s.execute(text("SET LOCAL jit = off"))


def _bank_punts(digibank_id: str) -> Any:
    return select(Digipunt.id).where(Digipunt.digibank_id == digibank_id).scalar_subquery()


def _in_ranges(column: Any, ranges: list[tuple[date, date]]) -> Any:
    return or_(*(and_(column >= a, column <= b) for a, b in ranges))


def _scoped(
    q: Select[Any], digibank_id: str | None, ranges: list[tuple[date, date]]
) -> Select[Any]:
    q = q.where(HelpSession.deleted.is_(False), _in_ranges(HelpSession.local_date, ranges))
    if digibank_id is not None:
        # a filter on the session's own column: no join of a million rows to digipunt
        q = q.where(HelpSession.digipunt_id.in_(_bank_punts(digibank_id)))
    return q


def _raw_rows(
    s: Session, group_by: str, ranges: list[tuple[date, date]], digibank_id: str | None
) -> tuple[list[tuple[Any, int, int]], tuple[int, int]]:
    """Rows (key, sessions, minutes) and the total from the raw rows of these date ranges."""
    if not ranges:
        return [], (0, 0)
    count = func.count()
    if group_by in ("service", "referral"):
        # the child rows carry copies of the session's report columns: no join
        child: Any = HelpSessionService if group_by == "service" else HelpSessionReferral
        key = child.service if group_by == "service" else child.referral
        q = select(key, count, func.coalesce(func.sum(child.duration_min), 0)).where(
            child.deleted.is_(False), _in_ranges(child.local_date, ranges)
        )
        if digibank_id is not None:
            q = q.where(child.digipunt_id.in_(_bank_punts(digibank_id)))
        rows = [tuple(r) for r in s.execute(q.group_by(key))]
        minutes = func.coalesce(func.sum(HelpSession.duration_min), 0)
        total_q = _scoped(select(count, minutes).select_from(HelpSession), digibank_id, ranges)
        total_n, total_min = s.execute(total_q).one()
        return rows, (int(total_n), int(total_min or 0))  # type: ignore[return-value]
    col: Any = {"outcome": HelpSession.outcome, "month": HelpSession.local_date}.get(
        group_by, HelpSession.digipunt_id
    )
    q = select(col, count, func.coalesce(func.sum(HelpSession.duration_min), 0))
    rows = [tuple(r) for r in s.execute(_scoped(q, digibank_id, ranges).group_by(col))]
    return rows, (sum(int(r[1]) for r in rows), sum(int(r[2] or 0) for r in rows))  # type: ignore[return-value]


def _aggregate_rows(
    s: Session, group_by: str, months: tuple[date, date] | None, digibank_id: str | None
) -> tuple[list[tuple[Any, int, int]], tuple[int, int]]:
    """The same from ``report_month`` for the whole months ``first..last`` (refreshed)."""
    if months is None:
        return [], (0, 0)
    rm = ReportMonth
    dim = group_by if group_by in ("service", "referral", "outcome") else "total"
    key: Any = {"month": rm.month, "digipunt": rm.digipunt_id,
                "municipality": rm.digipunt_id}.get(group_by, rm.key)

    def query(k: Any, d: str) -> Select[Any]:
        cols = [func.sum(rm.sessions), func.coalesce(func.sum(rm.minutes), 0)]
        q = select(*([k] if k is not None else []), *cols).where(
            rm.dim == d, rm.month >= months[0], rm.month <= months[-1]
        )
        if digibank_id is not None:
            q = q.where(rm.digipunt_id.in_(_bank_punts(digibank_id)))
        return q.group_by(k) if k is not None else q

    rows = [tuple(r) for r in s.execute(query(key, dim))]
    if dim == "total":
        total = (sum(int(r[1]) for r in rows), sum(int(r[2] or 0) for r in rows))
    else:
        n, mins = s.execute(query(None, "total")).one()
        total = (int(n or 0), int(mins or 0))
    return rows, total  # type: ignore[return-value]


def summary(
    s: Session, group_by: str, d_from: date, d_to: date, digibank_id: str | None, scope_name: str
) -> SummaryReport:
    """Whole months from ``report_month`` (refreshed first), partial months from the raw rows."""
    period = agg.split_period(d_from, d_to)
    partial = [(p.first, p.last) for p in period.partial]
    agg.refresh(s.get_bind(), period.whole)  # type: ignore[arg-type]
    if s.get_bind().dialect.name == "postgresql":
        _tune_for_reports(s)
    labels: dict[str, str] = {}
    fold: dict[str, str] = {}
    if group_by == "digipunt":
        labels = dict(s.execute(select(Digipunt.id, Digipunt.name)).all())
    elif group_by == "municipality":
        fold = dict(s.execute(select(Digipunt.id, Digipunt.municipality)).all())
    elif group_by == "outcome":
        labels = OUTCOME_LABELS
    elif group_by == "service":
        latest = s.scalar(select(CatalogVersion.body).order_by(CatalogVersion.version.desc()))
        labels = service_labels(latest or {})
    elif group_by not in ("month", "referral"):  # pragma: no cover - the endpoint validates
        raise ValueError(group_by)
    rows_agg, total_agg = _aggregate_rows(s, group_by, period.whole, digibank_id)
    rows_raw, total_raw = _raw_rows(s, group_by, partial, digibank_id)
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for k, n, mins in rows_agg + rows_raw:
        k = f"{k.year:04d}-{k.month:02d}" if group_by == "month" else str(k)
        k = fold.get(k, k)
        sums[k][0] += int(n)
        sums[k][1] += int(mins or 0)
    rows = [
        SummaryRow(key=k, label=labels.get(k, k), sessions=n, duration_min=mins)
        for k, (n, mins) in sums.items() if n
    ]
    if group_by == "month":
        rows.sort(key=lambda r: r.key)
    else:
        rows.sort(key=lambda r: (-r.sessions, r.key))
    return SummaryReport(
        date_from=d_from, date_to=d_to, group_by=group_by,  # type: ignore[arg-type]
        scope=digibank_id or "region", scope_name=scope_name,
        total_sessions=total_agg[0] + total_raw[0],
        total_duration_min=total_agg[1] + total_raw[1], rows=rows,
    )


def _count(code: int, estimated: int) -> dict[str, int]:
    return {
        "unique_adults": code + estimated, "counted_by_code": code,
        "estimated_without_code": estimated,
    }


# Scope of reach rows: a digibank coordinator sees its digipunten and its digibank.
_BANK_SCOPE = "AND ((r.level = 'p' AND r.key IN :punts) OR (r.level = 'b' AND r.key = :bank))"


def _codes_by_key(
    s: Session, period: agg.Period, digibank_id: str | None, punts: list[str]
) -> dict[tuple[str, str], int]:
    """Distinct visitor codes per (level, key) over the period, from the aggregates."""
    scope = "" if digibank_id is None else _BANK_SCOPE
    base: dict[str, Any] = {"punts": punts or [""], "bank": digibank_id or ""}
    out: dict[tuple[str, str], int] = defaultdict(int)

    def add(sql: str, params: dict[str, Any], sign: int = 1) -> None:
        stmt = text(sql)
        if ":punts" in sql:
            stmt = stmt.bindparams(bindparam("punts", expanding=True))
        for level, key, n in s.execute(stmt, base | params):
            out[(level, key)] += sign * int(n)

    edges = period.partial
    first, last = period.months
    span = agg.span_bit(first)[0]
    if agg.span_bit(last)[0] != span:  # a period over two spans: the plain distinct count
        terms, params = [], {}
        if period.whole is not None:
            terms.append(f"(r.span * {agg.SPAN_MONTHS} + r.month_bit) BETWEEN :w_lo AND :w_hi")
            params |= {"w_lo": agg.month_index(period.whole[0]),
                       "w_hi": agg.month_index(period.whole[1])}
        for i, p in enumerate(edges):
            terms.append(f"(r.span = :s{i} AND r.month_bit = :b{i} AND (r.days & :d{i}) <> 0)")
            span_i, bit_i = agg.span_bit(p.month)
            params |= {f"s{i}": span_i, f"b{i}": bit_i, f"d{i}": p.days_mask}
        add(f"SELECT r.level, r.key, count(DISTINCT r.code) FROM reach_month r "
            f"WHERE ({' OR '.join(terms)}) {scope} GROUP BY r.level, r.key", params)
        return out
    mask = 0
    if period.whole is not None:
        lo, hi = (agg.span_bit(m)[1] for m in period.whole)
        mask = ((1 << (hi + 1)) - 1) ^ ((1 << lo) - 1)
    common = {"span": span, "mask": mask}
    if mask:
        add("SELECT r.level, r.key, sum(r.codes) FROM reach_mask r WHERE r.span = :span "
            f"AND (r.months & CAST(:mask AS BIGINT)) <> 0 {scope} GROUP BY r.level, r.key",
            common)
    for p in edges:  # codes of a partial month not already counted in the whole months
        add("SELECT r.level, r.key, count(*) FROM reach_month r WHERE r.span = :span "
            "AND r.month_bit = :bit AND (r.days & :days) <> 0 "
            f"AND (r.months & CAST(:mask AS BIGINT)) = 0 {scope} GROUP BY r.level, r.key",
            common | {"bit": agg.span_bit(p.month)[1], "days": p.days_mask})
    if len(edges) == 2:  # codes in both partial months (and not in between): counted twice
        a, e = edges
        add("SELECT r.level, r.key, count(*) FROM reach_month r JOIN reach_month e "
            "ON e.span = r.span AND e.level = r.level AND e.key = r.key AND e.code = r.code "
            "AND e.month_bit = :bit_e "
            "WHERE r.span = :span AND r.month_bit = :bit_a AND (r.days & :days_a) <> 0 "
            "AND (r.months & CAST(:mask AS BIGINT)) = 0 "
            "AND (r.months & CAST(:m_e AS BIGINT)) <> 0 AND (e.days & :days_e) <> 0 "
            f"{scope} GROUP BY r.level, r.key",
            common | {"bit_a": agg.span_bit(a.month)[1], "days_a": a.days_mask,
                      "bit_e": agg.span_bit(e.month)[1], "days_e": e.days_mask,
                      "m_e": 1 << agg.span_bit(e.month)[1]}, sign=-1)
    return out


def _estimated_by_punt(
    s: Session, period: agg.Period, digibank_id: str | None
) -> dict[str, int]:
    """Adult first visits without a code, per digipunt: whole months from ``report_month``,
    partial months from the raw rows."""
    out: dict[str, int] = defaultdict(int)
    ranges = [(p.first, p.last) for p in period.partial]
    if period.whole is not None:
        rm = ReportMonth
        q = select(rm.digipunt_id, func.sum(rm.sessions)).where(
            rm.dim == "estimated", rm.month >= period.whole[0], rm.month <= period.whole[1]
        )
        if digibank_id is not None:
            q = q.where(rm.digipunt_id.in_(_bank_punts(digibank_id)))
        for punt, n in s.execute(q.group_by(rm.digipunt_id)):
            out[punt] += int(n)
    if ranges:
        q = _scoped(select(HelpSession.digipunt_id, func.count()), digibank_id, ranges).where(
            HelpSession.adult_confirmed.is_(True), HelpSession.first_visit == "yes",
            HelpSession.visitor_code.is_(None),
        )
        for punt, n in s.execute(q.group_by(HelpSession.digipunt_id)):
            out[punt] += int(n)
    return out


def reach(s: Session, d_from: date, d_to: date, digibank_id: str | None) -> ReachReport:
    """Unique adults: distinct codes from the reach aggregates of every month of the period
    (refreshed first), plus the code-less adult first visits (the estimated part)."""
    period = agg.split_period(d_from, d_to)
    agg.refresh(s.get_bind(), period.months)  # type: ignore[arg-type]
    if s.get_bind().dialect.name == "postgresql":
        _tune_for_reports(s)
    banks_q = select(Digibank).order_by(Digibank.name)
    punts_q = select(Digipunt).order_by(Digipunt.name)
    if digibank_id is not None:
        banks_q = banks_q.where(Digibank.id == digibank_id)
        punts_q = punts_q.where(Digipunt.digibank_id == digibank_id)
    punts_by_bank: dict[str, list[Digipunt]] = defaultdict(list)
    for punt in s.scalars(punts_q):
        punts_by_bank[punt.digibank_id].append(punt)
    punt_ids = [p.id for ps in punts_by_bank.values() for p in ps]
    codes = _codes_by_key(s, period, digibank_id, punt_ids)
    estimated_by_punt = _estimated_by_punt(s, period, digibank_id)

    banks = []
    for bank in s.scalars(banks_q):
        punten = [
            ReachDigipunt(
                digipunt_id=p.id, name=p.name, municipality=p.municipality,
                **_count(codes.get(("p", p.id), 0), estimated_by_punt.get(p.id, 0)),
            )
            for p in punts_by_bank[bank.id]
        ]
        counts = _count(
            codes.get(("b", bank.id), 0), sum(p.estimated_without_code for p in punten)
        )
        unique = counts["unique_adults"]
        reached = [t for t in FUNDING_TIERS if unique >= t]
        ahead = [t for t in FUNDING_TIERS if unique < t]
        banks.append(
            ReachDigibank(
                digibank_id=bank.id, name=bank.name, reach_target=bank.reach_target,
                tier_reached=reached[-1] if reached else None,
                next_tier=ahead[0] if ahead else None, digipunten=punten, **counts,
            )
        )
    region = None
    if digibank_id is None:
        region = ReachCount(**_count(codes.get(("r", ""), 0),
                                     sum(estimated_by_punt.values())))
    return ReachReport(
        date_from=d_from, date_to=d_to, scope=digibank_id or "region",
        digibanken=banks, region=region, estimated_note=ESTIMATED_NOTE,
    )


EXPORT_COLUMNS = (
    "id", "rev", "digibank", "digipunt_id", "digipunt", "municipality", "local_date",
    "started_at", "duration_min", "channel", "services", "outcome", "referrals", "age_band",
    "adult_confirmed", "target_groups", "language", "interpreter", "first_visit",
    "visitor_code", "postcode",
)


def export_rows(s: Session, d_from: date, d_to: date, digibank_id: str | None) -> Any:
    """Rows for the CSV export (current, not deleted), streamed from the database."""
    q = (
        select(HelpSession.id, HelpSession.rev, Digibank.name, Digipunt.id, Digipunt.name,
               Digipunt.municipality, HelpSession.payload)
        .select_from(HelpSession)
        .join(Digipunt, Digipunt.id == HelpSession.digipunt_id)
        .join(Digibank, Digibank.id == Digipunt.digibank_id)
        .order_by(HelpSession.local_date, HelpSession.id)
    )
    q = _scoped(q, digibank_id, [(d_from, d_to)])
    for sid, rev, bank, punt_id, punt, municipality, p in s.execute(
        q.execution_options(yield_per=2000)
    ):
        yield [
            sid, rev, bank, punt_id, punt, municipality, p.get("local_date"),
            p.get("started_at"), p.get("duration_min"), p.get("channel"),
            ";".join(p.get("services", [])), p.get("outcome"), ";".join(p.get("referrals", [])),
            p.get("age_band"), "ja" if p.get("adult_confirmed") else "nee",
            ";".join(p.get("target_groups", [])), p.get("language"),
            "ja" if p.get("interpreter") else "nee", p.get("first_visit"),
            p.get("visitor_code") or "", p.get("postcode") or "",
        ]
