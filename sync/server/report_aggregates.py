"""Per-month report aggregates: what makes a regional report over a million sessions fast.

Tables (migration 0004, models in ``models.py``):

``report_month`` (month, digipunt, dim, key) -> sessions, minutes
    the live sessions of one digipunt in one calendar month (by ``local_date``) per breakdown:
    dim ``total`` (key ``''``), ``outcome``, ``service``, ``referral`` (from the child rows, as the
    raw summaries read them) and ``estimated`` (adult, first visit ``yes``, no visitor code).

``reach_month`` (span, month_bit, level, key, code) -> days, months
    the distinct visitor codes of live adult sessions of one month, at three levels: ``p`` per
    digipunt (key = digipunt id), ``b`` per digibank (key = digibank id), ``r`` the region
    (key ``''``). ``code`` is the code as an integer: the 8 Crockford symbols are 40 bits, the
    9th symbol is their check, and the server stores only valid canonical codes, so the integer
    is exact (no id table, nothing left behind when sessions are purged). Months are numbered
    from 2000-01 and cut in spans of 60 (``span``, ``month_bit``). ``days`` is the bitmask of
    the days of that month the code came; ``months`` is a copy, on every row of a code, of the
    bitmask of the months of its span in which the code came (at that level and key).

``reach_mask`` (span, level, key, months) -> codes
    how many codes of a level/key have exactly that month mask: the distinct codes over any set
    of whole months M of one span are ``sum(codes) WHERE months & M <> 0``, a few thousand rows.
    A partial month at the edge of a period adds its ``reach_month`` rows with ``days & D <> 0``
    whose ``months & M = 0`` (the code was not already counted); when both edges are partial, the
    codes seen in both (and not in M) are subtracted once. A period over two spans takes the
    plain ``COUNT(DISTINCT code)`` over ``reach_month``.

``report_dirty`` (id, digipunt, month)
    buckets whose aggregates may be stale. Triggers on ``help_session`` (migration 0004) append
    a mark for the (digipunt, month) of every inserted, updated (old and new) or deleted row, in
    the writer's own transaction; on PostgreSQL one plain INSERT per statement from the
    transition tables (no upsert, no lock: concurrent pushes never wait on each other), on
    SQLite per row, skipped when the mark is already there (SQLite has one writer; since
    migration 0006 the insert and delete triggers look that up in their ``WHEN`` clause). Push,
    purge and any other writer keep the aggregates right without code of their own. The
    service/referral rows change only together with their session row (push rewrites both in
    one transaction, purge deletes both), so marks on ``help_session`` cover them.

Correctness argument: **a bucket's aggregates equal a recount of its raw rows whenever it has no
mark.** ``refresh(months)`` (run by a report before it reads) takes the refresh lock (PostgreSQL:
a transaction advisory lock, only refreshers take it; SQLite: the write lock), deletes the marks
of those months that it can see (``DELETE ... RETURNING``: exactly the rows it read), recounts
those buckets from the raw rows *after* that delete and commits everything at once. A writer
that commits before the delete is seen by the recount; one that commits later left its own
mark, which the delete did not see and which stays for the next report. If the refresh fails,
the marks come back with the rollback. Two refreshes never recount at the same time.

A report then reads the aggregates for the whole months of its period (after refreshing them)
and the raw rows for partial months (summaries) or the ``days`` masks (reach). Moving a digipunt
to another digibank (no command does that) would need its buckets marked dirty.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection, Engine

from sync.protocol import CROCKFORD
from sync.server.db import _IMMEDIATE

SPAN_MONTHS = 60
EPOCH_YEAR = 2000
_REFRESH_LOCK_KEY = 0x52505254  # "RPRT"
_CODE_POSITIONS = (1, 2, 3, 4, 6, 7, 8, 9)  # the 8 symbols of XXXX-XXXX-C


# --- months ---------------------------------------------------------------------------------
def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def next_month(month: date) -> date:
    return month_end(month) + timedelta(days=1)


def span_bit(month: date) -> tuple[int, int]:
    """(span, bit) of a month: months since 2000-01 in spans of 60."""
    return divmod((month.year - EPOCH_YEAR) * 12 + month.month - 1, SPAN_MONTHS)


def month_index(month: date) -> int:
    span, bit = span_bit(month)
    return span * SPAN_MONTHS + bit


@dataclass(frozen=True)
class MonthPart:
    """The part of one month inside a period: days ``lo``..``hi`` (1-based, inclusive)."""

    month: date
    lo: int
    hi: int

    @property
    def first(self) -> date:
        return self.month.replace(day=self.lo)

    @property
    def last(self) -> date:
        return self.month.replace(day=self.hi)

    @property
    def days_mask(self) -> int:
        return ((1 << self.hi) - 1) ^ ((1 << (self.lo - 1)) - 1)


@dataclass(frozen=True)
class Period:
    """A period cut into its whole months (``whole``: first and last month, or None) and the
    partial months at its edges (0, 1 or 2, in date order)."""

    whole: tuple[date, date] | None
    partial: list[MonthPart]

    @property
    def months(self) -> tuple[date, date]:
        """First and last month the period touches."""
        firsts = [p.month for p in self.partial] + ([self.whole[0]] if self.whole else [])
        lasts = [p.month for p in self.partial] + ([self.whole[1]] if self.whole else [])
        return min(firsts), max(lasts)


def split_period(d_from: date, d_to: date) -> Period:
    first_m, last_m = month_start(d_from), month_start(d_to)
    if first_m == last_m:
        if d_from.day == 1 and d_to == month_end(last_m):
            return Period((first_m, first_m), [])
        return Period(None, [MonthPart(first_m, d_from.day, d_to.day)])
    partial = []
    lo_whole, hi_whole = first_m, last_m
    if d_from.day != 1:
        partial.append(MonthPart(first_m, d_from.day, month_end(first_m).day))
        lo_whole = next_month(first_m)
    if d_to != month_end(last_m):
        partial.append(MonthPart(last_m, 1, d_to.day))
        hi_whole = month_start(last_m - timedelta(days=1))
    return Period((lo_whole, hi_whole) if lo_whole <= hi_whole else None, partial)


# --- SQL pieces -----------------------------------------------------------------------------
def _pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def code_key_sql(column: str, postgres: bool) -> str:
    """SQL for the 40-bit integer of a canonical visitor code ``XXXX-XXXX-C``."""
    find = "strpos" if postgres else "instr"
    terms = [
        f"CAST({find}('{CROCKFORD}', substr({column}, {pos}, 1)) - 1 AS BIGINT)"
        + (f" * {32 ** (7 - i)}" if i < 7 else "")
        for i, pos in enumerate(_CODE_POSITIONS)
    ]
    return "(" + " + ".join(terms) + ")"


def code_key(code: str) -> int:
    """The same integer in Python (tests, checks)."""
    body = code.replace("-", "")[:8]
    value = 0
    for ch in body:
        value = value * 32 + CROCKFORD.index(ch)
    return value


def _day_sql(column: str, postgres: bool) -> str:
    if postgres:
        return f"CAST(EXTRACT(DAY FROM {column}) AS INTEGER)"
    return f"CAST(strftime('%d', {column}) AS INTEGER)"


def month_value(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


# --- refresh --------------------------------------------------------------------------------
_SESSION_LIVE = "hs.deleted = false AND hs.local_date >= :m0 AND hs.local_date <= :m_last"
_CHILD_LIVE = "c.deleted = false AND c.local_date >= :m0 AND c.local_date <= :m_last"

SUMMARY_INSERT = f"""
INSERT INTO report_month (month, digipunt_id, dim, key, sessions, minutes)
SELECT :m0, hs.digipunt_id, 'total', '', count(*), sum(hs.duration_min)
FROM help_session hs WHERE {_SESSION_LIVE} AND hs.digipunt_id IN :punts
GROUP BY hs.digipunt_id
UNION ALL
SELECT :m0, hs.digipunt_id, 'outcome', hs.outcome, count(*), sum(hs.duration_min)
FROM help_session hs WHERE {_SESSION_LIVE} AND hs.digipunt_id IN :punts
GROUP BY hs.digipunt_id, hs.outcome
UNION ALL
SELECT :m0, hs.digipunt_id, 'estimated', '', count(*), sum(hs.duration_min)
FROM help_session hs WHERE {_SESSION_LIVE} AND hs.digipunt_id IN :punts
  AND hs.adult_confirmed = true AND hs.first_visit = 'yes' AND hs.visitor_code IS NULL
GROUP BY hs.digipunt_id
UNION ALL
SELECT :m0, c.digipunt_id, 'service', c.service, count(*), sum(c.duration_min)
FROM help_session_service c WHERE {_CHILD_LIVE} AND c.digipunt_id IN :punts
GROUP BY c.digipunt_id, c.service
UNION ALL
SELECT :m0, c.digipunt_id, 'referral', c.referral, count(*), sum(c.duration_min)
FROM help_session_referral c WHERE {_CHILD_LIVE} AND c.digipunt_id IN :punts
GROUP BY c.digipunt_id, c.referral
"""

_REACH_ARM = """
SELECT {level} AS level, {key} AS key, {code} AS code,
       CAST(sum(DISTINCT CAST(1 AS BIGINT) << ({day} - 1)) AS INTEGER) AS days
FROM help_session hs {join}
WHERE {live} AND hs.adult_confirmed = true AND hs.visitor_code IS NOT NULL {where}
GROUP BY {group}
"""

# The level/key filter of the rows a refresh replaces (and of a report's scope).
_KEYS = "((level = 'p' AND key IN :punts) OR (level = 'b' AND key IN :banks) OR level = 'r')"


def _fresh_insert(postgres: bool) -> str:
    """The month's codes per level/key with their day masks, counted from the raw rows."""
    code = code_key_sql("hs.visitor_code", postgres)
    day = _day_sql("hs.local_date", postgres)
    arms = [
        ("'p'", "hs.digipunt_id", "", "AND hs.digipunt_id IN :punts", "hs.digipunt_id, code"),
        ("'b'", "dp.digibank_id", "JOIN digipunt dp ON dp.id = hs.digipunt_id",
         "AND dp.digibank_id IN :banks", "dp.digibank_id, code"),
        ("'r'", "''", "", "", "code"),
    ]
    body = "\nUNION ALL\n".join(
        _REACH_ARM.format(level=level, key=key, code=code, day=day, join=join,
                          live=_SESSION_LIVE, where=where, group=group)
        for level, key, join, where, group in arms
    )
    return f"INSERT INTO rf_fresh (level, key, code, days)\nSELECT * FROM ({body}) AS fresh"


# A month's recount as a diff against what ``reach_month`` holds (most codes of a month do not
# change when a few sessions do): rows of codes gone from the month are deleted, changed day
# masks updated, new codes inserted; the codes whose month mask changed are noted in
# ``rf_changed`` (old and new mask), then their other rows and the histogram follow.
_MATCH = "f.level = {r}.level AND f.key = {r}.key AND f.code = {r}.code"
_AT_MONTH = f"span = :span AND month_bit = :mbit AND {_KEYS}"
DIFF_STEPS = [
    # codes no longer in the month
    "INSERT INTO rf_changed (level, key, code, old_m, new_m) "
    "SELECT level, key, code, months, months & ~CAST(:bitv AS BIGINT) FROM reach_month "
    f"WHERE {_AT_MONTH} AND NOT EXISTS (SELECT 1 FROM rf_fresh f "
    f"WHERE {_MATCH.format(r='reach_month')})",
    f"DELETE FROM reach_month WHERE {_AT_MONTH} AND NOT EXISTS (SELECT 1 FROM rf_fresh f "
    f"WHERE {_MATCH.format(r='reach_month')})",
    # other days of the month
    f"UPDATE reach_month SET days = (SELECT f.days FROM rf_fresh f "
    f"WHERE {_MATCH.format(r='reach_month')}) "
    f"WHERE {_AT_MONTH} AND EXISTS (SELECT 1 FROM rf_fresh f "
    f"WHERE {_MATCH.format(r='reach_month')} AND f.days <> reach_month.days)",
    # codes new in the month: their mask so far (from any other row of the code) gains the bit
    "INSERT INTO rf_changed (level, key, code, old_m, new_m) "
    "SELECT level, key, code, old_m, old_m | CAST(:bitv AS BIGINT) FROM ("
    "SELECT f.level, f.key, f.code, COALESCE((SELECT o.months FROM reach_month o "
    "WHERE o.span = :span AND o.level = f.level AND o.key = f.key AND o.code = f.code "
    "LIMIT 1), 0) AS old_m FROM rf_fresh f WHERE NOT EXISTS (SELECT 1 FROM reach_month r "
    f"WHERE r.span = :span AND r.month_bit = :mbit AND {_MATCH.format(r='r')})) AS n",
    "INSERT INTO reach_month (span, month_bit, level, key, code, days, months) "
    "SELECT :span, :mbit, f.level, f.key, f.code, f.days, c.new_m FROM rf_fresh f "
    "JOIN rf_changed c ON c.level = f.level AND c.key = f.key AND c.code = f.code "
    "WHERE (c.old_m & CAST(:bitv AS BIGINT)) = 0",
    # every row of a changed code carries its new mask
    "UPDATE reach_month SET months = (SELECT c.new_m FROM rf_changed c WHERE c.level = "
    "reach_month.level AND c.key = reach_month.key AND c.code = reach_month.code) "
    "WHERE span = :span AND EXISTS (SELECT 1 FROM rf_changed c WHERE c.level = "
    "reach_month.level AND c.key = reach_month.key AND c.code = reach_month.code "
    "AND c.new_m <> reach_month.months)",
    # the histogram: one code less at its old mask, one more at its new mask
    "UPDATE reach_mask SET codes = codes - (SELECT count(*) FROM rf_changed c WHERE c.level = "
    "reach_mask.level AND c.key = reach_mask.key AND c.old_m = reach_mask.months) "
    "WHERE span = :span AND EXISTS (SELECT 1 FROM rf_changed c WHERE c.level = "
    "reach_mask.level AND c.key = reach_mask.key AND c.old_m = reach_mask.months)",
    "INSERT INTO reach_mask (span, level, key, months, codes) "
    "SELECT :span, level, key, new_m, count(*) FROM rf_changed WHERE new_m <> 0 "
    "GROUP BY level, key, new_m "
    "ON CONFLICT (span, level, key, months) DO UPDATE SET codes = reach_mask.codes + "
    "excluded.codes",
    "DELETE FROM reach_mask WHERE span = :span AND codes = 0",
]


def _expanding(sql: str, *names: str) -> Any:
    return text(sql).bindparams(*(bindparam(n, expanding=True) for n in names))


def _names(sql: str) -> list[str]:
    return [n for n in ("punts", "banks") if f":{n}" in sql]


def _run(conn: Connection, sql: str, params: dict[str, Any]) -> Any:
    return conn.execute(_expanding(sql, *_names(sql)), params)


def _scratch(conn: Connection) -> None:
    """The two scratch tables of a refresh (temporary: this connection only)."""
    tail = " ON COMMIT DROP" if _pg(conn) else ""
    if not _pg(conn):
        conn.execute(text("DROP TABLE IF EXISTS temp.rf_fresh"))
        conn.execute(text("DROP TABLE IF EXISTS temp.rf_changed"))
    conn.execute(text("CREATE TEMP TABLE rf_fresh (level VARCHAR(1), key VARCHAR(64), "
                      "code BIGINT, days INTEGER, PRIMARY KEY (level, key, code))" + tail))
    conn.execute(text("CREATE TEMP TABLE rf_changed (level VARCHAR(1), key VARCHAR(64), "
                      "code BIGINT, old_m BIGINT, new_m BIGINT, PRIMARY KEY (level, key, code))"
                      + tail))


def _recount_month(conn: Connection, month: date, punts: list[str]) -> None:
    """Bring the aggregates of (digipunt, month) for these digipunten, their digibanken and the
    region at this month in line with the raw rows."""
    postgres = _pg(conn)
    banks = sorted(
        b for (b,) in _run(
            conn, "SELECT DISTINCT digibank_id FROM digipunt WHERE id IN :punts", {"punts": punts}
        )
    )
    span, bit = span_bit(month)
    params: dict[str, Any] = {
        "m0": month, "m_last": month_end(month), "punts": punts, "banks": banks or [""],
        "span": span, "mbit": bit, "bitv": 1 << bit,
    }
    _run(conn, "DELETE FROM report_month WHERE month = :m0 AND digipunt_id IN :punts", params)
    _run(conn, SUMMARY_INSERT, params)
    conn.execute(text("DELETE FROM rf_fresh"))
    conn.execute(text("DELETE FROM rf_changed"))
    _run(conn, _fresh_insert(postgres), params)
    if postgres:
        conn.execute(text("ANALYZE rf_fresh"))
    for i, step in enumerate(DIFF_STEPS):
        _run(conn, step, params)
        if postgres and i == 3:
            conn.execute(text("ANALYZE rf_changed"))


def _lock(conn: Connection) -> None:
    if _pg(conn):
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _REFRESH_LOCK_KEY})
        conn.execute(text("SET LOCAL work_mem = '64MB'"))
        conn.execute(text("SET LOCAL jit = off"))


def refresh_on(conn: Connection, months: tuple[date, date] | None) -> int:
    """Recount the dirty buckets of the months ``first..last`` (all months when None) on
    ``conn``, inside the caller's transaction. Returns how many buckets were recounted."""
    _lock(conn)
    if months is None:
        conn.execute(text("DELETE FROM report_dirty"))
        return _rebuild_all(conn)
    else:
        delete = ("DELETE FROM report_dirty WHERE month >= :lo AND month <= :hi "
                  "RETURNING digipunt_id, month")
        if _pg(conn):  # one row per bucket back, however many pushes marked it
            delete = f"WITH gone AS ({delete}) SELECT DISTINCT digipunt_id, month FROM gone"
        gone = conn.execute(text(delete), {"lo": months[0], "hi": months[1]})
    by_month: dict[date, set[str]] = defaultdict(set)
    for punt, month in gone.all():
        by_month[month_value(month)].add(punt)
    if by_month:
        _scratch(conn)
    for month in sorted(by_month):
        _recount_month(conn, month, sorted(by_month[month]))
    if by_month and not _pg(conn):
        conn.execute(text("DROP TABLE temp.rf_fresh"))
        conn.execute(text("DROP TABLE temp.rf_changed"))
    return sum(len(p) for p in by_month.values())


def _has_marks(engine: Engine, months: tuple[date, date]) -> bool:
    with engine.connect() as conn:
        found = conn.execute(
            text("SELECT 1 FROM report_dirty WHERE month >= :lo AND month <= :hi LIMIT 1"),
            {"lo": months[0], "hi": months[1]},
        ).first()
        conn.rollback()
    return found is not None


def refresh(engine: Engine, months: tuple[date, date] | None) -> int:
    """Bring the aggregates of the months ``first..last`` up to date (a short write
    transaction, only when some of their buckets are marked). Run before a report reads,
    outside its transaction."""
    if months is None or not _has_marks(engine, months):
        return 0
    with engine.connect().execution_options(**{_IMMEDIATE: True}) as conn, conn.begin():
        return refresh_on(conn, months)


def _month_sql(column: str, postgres: bool) -> str:
    if postgres:
        return f"CAST(date_trunc('month', {column}) AS date)"
    return f"date({column}, 'start of month')"


def _month_index_sql(column: str, postgres: bool) -> str:
    if postgres:
        year, month = (f"CAST(EXTRACT({p} FROM {column}) AS INTEGER)" for p in ("YEAR", "MONTH"))
    else:
        year, month = (f"CAST(strftime('{p}', {column}) AS INTEGER)" for p in ("%Y", "%m"))
    return f"(({year} - {EPOCH_YEAR}) * 12 + {month} - 1)"


_ALL_SUMMARY = """
INSERT INTO report_month (month, digipunt_id, dim, key, sessions, minutes)
SELECT month, digipunt_id, dim, key, count(*), sum(duration_min) FROM (
    SELECT {month} AS month, hs.digipunt_id, 'total' AS dim, '' AS key, hs.duration_min
    FROM help_session hs WHERE hs.deleted = false
    UNION ALL
    SELECT {month}, hs.digipunt_id, 'outcome', hs.outcome, hs.duration_min
    FROM help_session hs WHERE hs.deleted = false
    UNION ALL
    SELECT {month}, hs.digipunt_id, 'estimated', '', hs.duration_min
    FROM help_session hs WHERE hs.deleted = false AND hs.adult_confirmed = true
      AND hs.first_visit = 'yes' AND hs.visitor_code IS NULL
    UNION ALL
    SELECT {child_month}, c.digipunt_id, 'service', c.service, c.duration_min
    FROM help_session_service c WHERE c.deleted = false
    UNION ALL
    SELECT {child_month}, c.digipunt_id, 'referral', c.referral, c.duration_min
    FROM help_session_referral c WHERE c.deleted = false
) AS x
GROUP BY month, digipunt_id, dim, key
"""

# All months at once: (level, key, code, month) with its day mask, then per span the months
# mask of each code as a window sum over its months (one bit each).
_ALL_REACH = """
INSERT INTO reach_month (span, month_bit, level, key, code, days, months)
SELECT (mi - {bit}) / {n}, {bit}, level, key, code, days,
       sum(CAST(1 AS BIGINT) << {bit}) OVER (PARTITION BY (mi - {bit}) / {n}, level, key, code)
FROM (
    SELECT 'p' AS level, digipunt_id AS key, code, mi, sum(DISTINCT 1 << (d - 1)) AS days
    FROM ({base}) AS s GROUP BY digipunt_id, code, mi
    UNION ALL
    SELECT 'b', digibank_id, code, mi, sum(DISTINCT 1 << (d - 1))
    FROM ({base}) AS s GROUP BY digibank_id, code, mi
    UNION ALL
    SELECT 'r', '', code, mi, sum(DISTINCT 1 << (d - 1))
    FROM ({base}) AS s GROUP BY code, mi
) AS m
"""
_ALL_BASE = """
SELECT hs.digipunt_id, dp.digibank_id, {code} AS code, {mi} AS mi, {day} AS d
FROM help_session hs JOIN digipunt dp ON dp.id = hs.digipunt_id
WHERE hs.deleted = false AND hs.adult_confirmed = true AND hs.visitor_code IS NOT NULL
"""
_ALL_MASK = """
INSERT INTO reach_mask (span, level, key, months, codes)
SELECT span, level, key, months, count(*) FROM reach_month
WHERE (months & ((CAST(1 AS BIGINT) << month_bit) - 1)) = 0
GROUP BY span, level, key, months
"""


def _rebuild_all(conn: Connection) -> int:
    """Recount everything in a few statements (every mark was just taken)."""
    postgres = _pg(conn)
    for table in ("report_month", "reach_month", "reach_mask"):
        conn.execute(text(f"DELETE FROM {table}"))
    conn.execute(text(_ALL_SUMMARY.format(month=_month_sql("hs.local_date", postgres),
                                          child_month=_month_sql("c.local_date", postgres))))
    base = _ALL_BASE.format(code=code_key_sql("hs.visitor_code", postgres),
                            mi=_month_index_sql("hs.local_date", postgres),
                            day=_day_sql("hs.local_date", postgres))
    n = SPAN_MONTHS
    conn.execute(text(_ALL_REACH.format(base=base, n=n, bit=f"((mi % {n} + {n}) % {n})")))
    conn.execute(text(_ALL_MASK))
    if postgres:
        conn.execute(text("ANALYZE report_month, reach_month, reach_mask"))
    return int(conn.execute(text(
        f"SELECT count(*) FROM (SELECT DISTINCT digipunt_id, {_month_sql('local_date', postgres)}"
        " FROM help_session) AS b"
    )).scalar() or 0)


def rebuild(engine: Engine) -> int:
    """Recount every bucket (after a bulk load straight into the tables, or to check)."""
    with engine.connect().execution_options(**{_IMMEDIATE: True}) as conn, conn.begin():
        return refresh_on(conn, None)
