"""Coordinator reports (DESIGN.md §3, §5): summary by one dimension, and unique adults reached.

Only the current version of each session counts, deleted sessions never do, and periods are by
``local_date`` (the Brussels date of the session), ``date_from``..``date_to`` inclusive.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select, text
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
from sync.server.catalog import service_labels
from sync.server.models import (
    CatalogVersion,
    Digibank,
    Digipunt,
    HelpSession,
    HelpSessionReferral,
    HelpSessionService,
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


# Distinct visitor codes per digipunt, per digibank and for the region, and the code-less adult
# first visits (the estimated part), in one statement. DISTINCT subqueries (hash aggregates) are
# much cheaper than COUNT(DISTINCT ...), which sorts, on a million sessions.
REACH_SQL = """
WITH adult AS {materialize} (
    SELECT hs.digipunt_id, dp.digibank_id, hs.visitor_code, hs.first_visit
    FROM help_session hs JOIN digipunt dp ON dp.id = hs.digipunt_id
    WHERE hs.deleted = false AND hs.adult_confirmed = true
      AND hs.local_date >= :d_from AND hs.local_date <= :d_to {bank_filter}
), punt_codes AS (
    SELECT DISTINCT digipunt_id, digibank_id, visitor_code FROM adult
    WHERE visitor_code IS NOT NULL
)
SELECT 'p' AS level, digipunt_id AS key, count(*) AS n FROM punt_codes GROUP BY digipunt_id
UNION ALL
SELECT 'b', digibank_id, count(*)
FROM (SELECT DISTINCT digibank_id, visitor_code FROM punt_codes) AS bank_codes
GROUP BY digibank_id
UNION ALL
SELECT 'r', NULL, count(*) FROM (SELECT DISTINCT visitor_code FROM punt_codes) AS region_codes
UNION ALL
SELECT 'e', digipunt_id, count(*) FROM adult
WHERE visitor_code IS NULL AND first_visit = 'yes' GROUP BY digipunt_id
"""


# PostgreSQL: the same counts with small integer keys. Each digipunt gets a number ``pi`` and its
# digibank a bit ``bi``; the distinct (digipunt, code) pairs are made once, and per code the set
# of digibanken it was seen in is one bitmask (``bit_or``): the digibank and region counts are
# then sums over a handful of mask groups instead of two more DISTINCT passes over text pairs.
# Used while the digibanken fit in a bigint mask (62).
REACH_SQL_PG = """
WITH dp AS (
    SELECT id, digibank_id, (row_number() OVER (ORDER BY id))::int AS pi,
           (dense_rank() OVER (ORDER BY digibank_id) - 1)::int AS bi
    FROM digipunt {bank_where}
), adult AS NOT MATERIALIZED (
    SELECT dp.pi, dp.bi, hs.visitor_code, hs.first_visit
    FROM help_session hs JOIN dp ON dp.id = hs.digipunt_id
    WHERE hs.deleted = false AND hs.adult_confirmed = true
      AND hs.local_date >= :d_from AND hs.local_date <= :d_to
), pc AS MATERIALIZED (
    SELECT DISTINCT pi, bi, visitor_code FROM adult WHERE visitor_code IS NOT NULL
)
SELECT 'd' AS level, pi::bigint AS k, bi::bigint AS n, id AS punt, digibank_id AS bank FROM dp
UNION ALL
SELECT 'p', pi, count(*), NULL, NULL FROM pc GROUP BY pi
UNION ALL
SELECT 'm', banks, count(*), NULL, NULL
FROM (SELECT bit_or(1::bigint << bi) AS banks FROM pc GROUP BY visitor_code) AS code_banks
GROUP BY banks
UNION ALL
SELECT 'e', pi, count(*), NULL, NULL FROM adult
WHERE visitor_code IS NULL AND first_visit = 'yes' GROUP BY pi
"""
MASK_BANKS = 62


def _tune_for_reports(s: Session) -> None:
    """PostgreSQL: room to sort and hash in memory; no JIT (its compile time costs more than it
    saves on these one-off aggregates)."""
    s.execute(text("SET LOCAL work_mem = '64MB'"))
    s.execute(text("SET LOCAL jit = off"))


def _scoped(q: Select[Any], digibank_id: str | None, d_from: date, d_to: date) -> Select[Any]:
    q = q.where(
        HelpSession.deleted.is_(False),
        HelpSession.local_date >= d_from,
        HelpSession.local_date <= d_to,
    )
    if digibank_id is not None:
        # a filter on the session's own column: no join of a million rows to digipunt
        q = q.where(HelpSession.digipunt_id.in_(
            select(Digipunt.id).where(Digipunt.digibank_id == digibank_id).scalar_subquery()
        ))
    return q


def summary(
    s: Session, group_by: str, d_from: date, d_to: date, digibank_id: str | None, scope_name: str
) -> SummaryReport:
    count = func.count()
    minutes = func.coalesce(func.sum(HelpSession.duration_min), 0)
    # Digipunt and municipality are grouped by the session's digipunt_id and named here (a few
    # hundred digipunten): joining every session to digipunt costs more than the grouping.
    base = select().select_from(HelpSession)
    if s.get_bind().dialect.name == "postgresql":
        _tune_for_reports(s)
    labels: dict[str, str] = {}
    fold: dict[str, str] = {}
    if group_by == "digipunt":
        key: Any = HelpSession.digipunt_id
        labels = dict(s.execute(select(Digipunt.id, Digipunt.name)).all())
        q = base
    elif group_by == "municipality":
        key = HelpSession.digipunt_id
        fold = dict(s.execute(select(Digipunt.id, Digipunt.municipality)).all())
        q = base
    elif group_by == "outcome":
        key = HelpSession.outcome
        labels = OUTCOME_LABELS
        q = base
    elif group_by == "month":
        key = HelpSession.local_date
        q = base
    elif group_by == "service":
        latest = s.scalar(select(CatalogVersion.body).order_by(CatalogVersion.version.desc()))
        labels = service_labels(latest or {})
    elif group_by != "referral":  # pragma: no cover - the endpoint validates group_by
        raise ValueError(group_by)
    if group_by in ("service", "referral"):
        # the child rows carry copies of the session's report columns: no join
        child: Any = HelpSessionService if group_by == "service" else HelpSessionReferral
        key = child.service if group_by == "service" else child.referral
        q = select(key, count, func.coalesce(func.sum(child.duration_min), 0)).where(
            child.deleted.is_(False), child.local_date >= d_from, child.local_date <= d_to
        )
        if digibank_id is not None:
            q = q.where(child.digipunt_id.in_(
                select(Digipunt.id).where(Digipunt.digibank_id == digibank_id).scalar_subquery()
            ))
        q = q.group_by(key)
    else:
        q = _scoped(q.add_columns(key, count, minutes), digibank_id, d_from, d_to).group_by(key)
    agg: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for k, n, mins in s.execute(q):
        k = f"{k:%Y-%m}" if group_by == "month" else str(k)
        k = fold.get(k, k)
        agg[k][0] += int(n)
        agg[k][1] += int(mins or 0)
    rows = [
        SummaryRow(key=k, label=labels.get(k, k), sessions=n, duration_min=mins)
        for k, (n, mins) in agg.items()
    ]
    if group_by in ("service", "referral"):  # a session counts once per code: total apart
        totals = s.execute(_scoped(base.add_columns(count, minutes), digibank_id, d_from, d_to))
        total_n, total_min = totals.one()
    else:
        total_n, total_min = sum(r.sessions for r in rows), sum(r.duration_min for r in rows)
    if group_by == "month":
        rows.sort(key=lambda r: r.key)
    else:
        rows.sort(key=lambda r: (-r.sessions, r.key))
    return SummaryReport(
        date_from=d_from, date_to=d_to, group_by=group_by,  # type: ignore[arg-type]
        scope=digibank_id or "region", scope_name=scope_name,
        total_sessions=int(total_n), total_duration_min=int(total_min or 0), rows=rows,
    )


def _count(code: int, estimated: int) -> dict[str, int]:
    return {
        "unique_adults": code + estimated, "counted_by_code": code,
        "estimated_without_code": estimated,
    }


def reach(s: Session, d_from: date, d_to: date, digibank_id: str | None) -> ReachReport:
    codes_by_punt: dict[str, int] = {}
    codes_by_bank: dict[str, int] = {}
    estimated_by_punt: dict[str, int] = {}
    region_codes = 0
    postgres = s.get_bind().dialect.name == "postgresql"
    if postgres:
        _tune_for_reports(s)
    params: dict[str, Any] = {"d_from": d_from, "d_to": d_to}
    if digibank_id is not None:
        params["bank"] = digibank_id
    n_banks = s.scalar(select(func.count(func.distinct(Digipunt.digibank_id)))) or 0
    if postgres and n_banks <= MASK_BANKS:
        bank_where = "" if digibank_id is None else "WHERE digibank_id = :bank"
        punt_of: dict[int, str] = {}
        bank_of_bit: dict[int, str] = {}
        masks: list[tuple[int, int]] = []
        by_pi: dict[str, dict[int, int]] = {"p": {}, "e": {}}
        for level, k, n, punt, bank in s.execute(
            text(REACH_SQL_PG.format(bank_where=bank_where)), params
        ):
            if level == "d":
                punt_of[int(k)], bank_of_bit[int(n)] = punt, bank
            elif level == "m":
                masks.append((int(k), int(n)))
            else:
                by_pi[level][int(k)] = int(n)
        codes_by_punt = {punt_of[k]: n for k, n in by_pi["p"].items()}
        estimated_by_punt = {punt_of[k]: n for k, n in by_pi["e"].items()}
        for bit, bank in bank_of_bit.items():
            codes_by_bank[bank] = sum(n for mask, n in masks if mask >> bit & 1)
        region_codes = sum(n for _, n in masks)
    else:
        bank_filter = "" if digibank_id is None else "AND dp.digibank_id = :bank"
        # PostgreSQL: scanning twice is cheaper than materialising ~1M wide rows once
        sql = REACH_SQL.format(
            bank_filter=bank_filter, materialize="NOT MATERIALIZED" if postgres else ""
        )
        for level, key, n in s.execute(text(sql), params):
            if level == "p":
                codes_by_punt[key] = int(n)
            elif level == "b":
                codes_by_bank[key] = int(n)
            elif level == "e":
                estimated_by_punt[key] = int(n)
            else:
                region_codes = int(n)

    banks_q = select(Digibank).order_by(Digibank.name)
    punts_q = select(Digipunt).order_by(Digipunt.name)
    if digibank_id is not None:
        banks_q = banks_q.where(Digibank.id == digibank_id)
        punts_q = punts_q.where(Digipunt.digibank_id == digibank_id)
    punts_by_bank: dict[str, list[Digipunt]] = defaultdict(list)
    for punt in s.scalars(punts_q):
        punts_by_bank[punt.digibank_id].append(punt)

    banks = []
    for bank in s.scalars(banks_q):
        punten = [
            ReachDigipunt(
                digipunt_id=p.id, name=p.name, municipality=p.municipality,
                **_count(int(codes_by_punt.get(p.id, 0)), int(estimated_by_punt.get(p.id, 0))),
            )
            for p in punts_by_bank[bank.id]
        ]
        counts = _count(
            int(codes_by_bank.get(bank.id, 0)), sum(p.estimated_without_code for p in punten)
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
        region = ReachCount(**_count(region_codes, sum(int(v) for v in estimated_by_punt.values())))
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
    q = _scoped(q, digibank_id, d_from, d_to)
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
