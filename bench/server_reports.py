"""Benchmark: the regional reports over 1,000,000 help sessions on PostgreSQL, and what the
report triggers cost a push.

DESIGN.md §10 bar: a regional report over 1M sessions <= 500 ms (PostgreSQL).

The sessions are written straight into the server's tables with ``generate_series`` (3 digibanken,
56 digipunten, two years of dates, ~1.5 services per session, 60% with a valid visitor code drawn
from 400,000 codes), as push writes them (service/referral rows carry the session's report
columns). The triggers of migration 0004 mark every (digipunt, month) of that load; the
aggregates are then built once (``report_aggregates.rebuild``, timed) and ``VACUUM ANALYZE`` runs.
Each report is asked over HTTP with a region coordinator token, 1 warm-up + ``--repeat`` timed
calls, median and worst:

- the whole two years (whole months: the bar);
- 2025-01-15..2026-11-20 (partial months at both ends);
- the first report after a change to one session of every digipunt in one month of the period
  (the report recounts those 56 buckets first; one call per round, ``--repeat`` rounds).

Push cost of the triggers: the same server and database, an enrolled device pushing batches of
5 and 500 new sessions and of 500 edits, interleaved with the triggers enabled and disabled
(``ALTER TABLE ... DISABLE TRIGGER``; SQLite: dropped and made again), three untimed pushes
after each switch, median over the rounds; PostgreSQL and SQLite.

    .venv/bin/python -m bench.server_reports [--sessions 1000000] [--repeat 5] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import requests
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.server_common import postgres_url, server_process, write_subsection  # noqa: E402
from sync.protocol import CROCKFORD, luhn32_check_symbol  # noqa: E402
from sync.server import admin  # noqa: E402
from sync.server import report_aggregates as agg  # noqa: E402
from sync.server.db import Database  # noqa: E402
from tests.sync.server.records import session_payload  # noqa: E402

CODES = 400_000
FILL = """
INSERT INTO help_session (id, rev, digipunt_id, device_id, deleted, updated_at, local_date,
    started_at, duration_min, channel, outcome, age_band, adult_confirmed, first_visit,
    visitor_code, postcode, payload)
SELECT 's' || g, 1, p.ids[1 + g % :np], 'bench', (g % 97 = 0), now(),
    DATE '2025-01-01' + (g % 730), TIMESTAMP '2025-01-01 09:00' + (g % 730) * INTERVAL '1 day',
    5 + g % 60, 'walk_in',
    (ARRAY['solved_by_visitor','solved_together','partly_followup','not_solved'])[1 + g % 4],
    (ARRAY['18_24','25_34','35_54','55_64','65_74','75_plus','under_18'])[1 + g % 7],
    (g % 7 <> 6), (ARRAY['yes','no','unknown'])[1 + g % 3],
    CASE WHEN g % 10 < 6 THEN c.code END,
    (9000 + g % 50)::text, '{}'::json
FROM generate_series(1, :n) AS g
CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM digipunt) AS p
LEFT JOIN bench_code c ON c.n = (g::bigint * 7919) % :ncodes
"""
FILL_SERVICES = """
INSERT INTO help_session_service (session_id, service, digipunt_id, local_date, deleted,
    duration_min)
SELECT id, (ARRAY['eid','itsme','taxonweb','smartphone','email','banking','mypension','phishing'])
           [1 + abs(hashtext(id)) % 8], digipunt_id, local_date, deleted, duration_min
FROM help_session
UNION
SELECT id, 'computer', digipunt_id, local_date, deleted, duration_min
FROM help_session WHERE abs(hashtext(id)) % 2 = 0
"""
FILL_REFERRALS = """
INSERT INTO help_session_referral (session_id, referral, digipunt_id, local_date, deleted,
    duration_min)
SELECT id, (ARRAY['ocmw','bank','vdab','health_fund'])[1 + abs(hashtext(id || 'r')) % 4],
    digipunt_id, local_date, deleted, duration_min
FROM help_session WHERE abs(hashtext(id)) % 5 = 0
"""
WHOLE = {"from": "2025-01-01", "to": "2026-12-31"}
PARTIAL = {"from": "2025-01-15", "to": "2026-11-20"}
TRIGGERS = ("help_session_report_ins", "help_session_report_upd", "help_session_report_del")


def _code(k: int) -> str:
    v = (k * 2654435761) % (1 << 40)
    body = "".join(CROCKFORD[(v >> (5 * (7 - i))) & 31] for i in range(8))
    return f"{body[:4]}-{body[4:]}-{luhn32_check_symbol(body)}"


def fill(db: Database, sessions: int) -> str:
    admin.init(db)
    banks = [admin.add_digibank(db, f"Digibank {i}", 1500) for i in range(3)]
    for i in range(56):
        admin.add_digipunt(db, banks[i % 3], f"Digipunt {i:02d}", f"Gemeente {i % 10}")
    token = admin.add_coordinator(db, "regio")
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("CREATE TABLE bench_code (n int PRIMARY KEY, code text)")
        with cur.copy("COPY bench_code (n, code) FROM STDIN") as copy:  # type: ignore[attr-defined]
            for k in range(CODES):
                copy.write_row((k, _code(k)))
        raw.commit()
    finally:
        raw.close()
    with db.engine.begin() as conn:
        conn.execute(text(FILL), {"n": sessions, "np": 56, "ncodes": CODES})
        conn.execute(text(FILL_SERVICES))
        conn.execute(text(FILL_REFERRALS))
        conn.execute(text("DROP TABLE bench_code"))
    return token


def _vacuum(db: Database) -> None:
    with db.engine.connect() as conn:
        # what an operator does after a bulk load (autovacuum would get there later)
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))


def _timed(http: requests.Session, url: str, params: dict[str, str]) -> float:
    t = time.perf_counter()
    r = http.get(url, params=params, timeout=600)
    elapsed = time.perf_counter() - t
    r.raise_for_status()
    return elapsed


def reports(base: str, token: str, repeat: int, db: Database) -> dict[str, list[float]]:
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    calls = [("reach", "/v1/reports/reach", {})] + [
        (f"summary by {g}", "/v1/reports/summary", {"group_by": g})
        for g in ("digipunt", "service", "month", "municipality", "outcome", "referral")
    ]
    out: dict[str, list[float]] = {}
    for label, period in (("", WHOLE), (", partial months", PARTIAL)):
        for name, path, extra in calls:
            _timed(http, base + path, period | extra)
            out[name + label] = [_timed(http, base + path, period | extra)
                                 for _ in range(repeat)]
    # the first report after one change per digipunt in one month: it recounts 56 buckets
    for name, path, extra in calls[:3]:
        runs = []
        for i in range(repeat):
            with db.engine.begin() as conn:
                conn.execute(text(
                    "UPDATE help_session SET duration_min = duration_min % 60 + 1 WHERE id IN "
                    "(SELECT min(id) FROM help_session WHERE local_date >= DATE '2026-06-01' "
                    "AND local_date < DATE '2026-07-01' GROUP BY digipunt_id)"
                ))
            runs.append(_timed(http, base + path, WHOLE | extra))
            del i
        out[f"{name}, after a change at every digipunt"] = runs
    return out


def _record(punt: str, rid: str | None = None, rev: int = 1) -> dict:
    return {
        "type": "help_session", "id": rid or str(uuid.uuid4()), "rev": rev,
        "base_rev": rev - 1, "deleted": False, "updated_at": datetime.now(UTC).isoformat(),
        "payload": session_payload(punt, local_date=date(2026, 11, 20),
                                   duration_min=10 + rev),
    }


def _set_triggers(db: Database, on: bool) -> None:
    with db.engine.begin() as conn:
        if db.is_sqlite:
            from importlib import import_module

            mig = import_module("sync.server.migrations.versions.0004_report_aggregates")
            for name in TRIGGERS:
                conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
            if on:
                for statement in mig.SQLITE_TRIGGERS:
                    conn.execute(text(statement))
        else:
            verb = "ENABLE" if on else "DISABLE"
            for name in TRIGGERS:
                conn.execute(text(f"ALTER TABLE help_session {verb} TRIGGER {name}"))


def push_cost(db_url: str, rounds: int) -> dict[str, dict[bool, list[float]]]:
    """Push latency with the triggers on and off, interleaved, on one server and database."""
    db = Database(db_url)
    admin.init(db)
    bank = admin.add_digibank(db, "Bench", 1500)
    punt = admin.add_digipunt(db, bank, "Bench punt", "Gent")
    code = admin.make_enrol_code(db, punt)
    out: dict[str, dict[bool, list[float]]] = {
        k: {True: [], False: []} for k in ("5 new", "500 new", "500 edits")
    }
    with server_process(db_url) as base:
        body = requests.post(base + "/v1/enrol", json={"code": code, "device_name": "bench"},
                             timeout=30).json()
        http = requests.Session()
        http.headers["Authorization"] = f"Bearer {body['token']}"

        def push(records: list[dict]) -> float:
            batch = {"batch_id": str(uuid.uuid4()),
                     "client_time": datetime.now(UTC).isoformat(), "records": records}
            t = time.perf_counter()
            r = http.post(base + "/v1/sync/push", json=batch, timeout=120)
            elapsed = time.perf_counter() - t
            r.raise_for_status()
            assert all(x["status"] == "accepted" for x in r.json()["results"]), r.text
            return elapsed

        for _ in range(3):  # warm up both paths
            push([_record(punt) for _ in range(5)])
        for i in range(rounds):
            for on in ((True, False) if i % 2 == 0 else (False, True)):
                _set_triggers(db, on)
                for _ in range(3):  # re-plan after the ALTER, untimed
                    push([_record(punt) for _ in range(5)])
                for _ in range(8):
                    out["5 new"][on].append(push([_record(punt) for _ in range(5)]))
                created = [_record(punt) for _ in range(500)]
                out["500 new"][on].append(push(created))
                out["500 edits"][on].append(
                    push([_record(punt, r["id"], 2) for r in created])
                )
        _set_triggers(db, True)
    db.dispose()
    return out


def insert_cost(db_url: str, rounds: int = 20) -> dict[str, dict[bool, list[float]]]:
    """500 ``help_session`` rows in one transaction, as one multi-row INSERT and as 500 one-row
    statements (what an executemany sends through psycopg, and push's per-record UPDATEs of
    edits), triggers on and off interleaved: the triggers' own cost without HTTP or push code."""
    from sync.server.models import HelpSession

    db = Database(db_url)
    admin.init(db)
    bank = admin.add_digibank(db, "Insert", 1500)
    punt = admin.add_digipunt(db, bank, "Insert punt", "Gent")
    at = datetime(2026, 11, 1, tzinfo=UTC)
    table = HelpSession.__table__
    out: dict[str, dict[bool, list[float]]] = {
        k: {True: [], False: []} for k in ("one INSERT of 500 rows", "500 one-row INSERTs")
    }

    def rows() -> list[dict]:
        return [{"id": str(uuid.uuid4()), "rev": 1, "digipunt_id": punt, "device_id": "d",
                 "deleted": False, "updated_at": at, "local_date": date(2026, 11, 1 + k % 28),
                 "started_at": at, "duration_min": 10, "channel": "walk_in",
                 "outcome": "solved_together", "age_band": "35_54", "adult_confirmed": True,
                 "first_visit": "no", "payload": {}} for k in range(500)]

    for i in range(rounds):
        for on in ((True, False) if i % 2 == 0 else (False, True)):
            _set_triggers(db, on)
            for kind in out:
                for timed in (False, True):
                    batch = rows()
                    t = time.perf_counter()
                    with db.engine.begin() as conn:
                        if kind.startswith("one"):  # INSERT ... VALUES (...), (...), ...
                            conn.execute(table.insert().values(batch))
                        else:
                            for row in batch:
                                conn.execute(table.insert().values(**row))
                    if timed:
                        out[kind][on].append(time.perf_counter() - t)
    _set_triggers(db, True)
    db.dispose()
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sessions", type=int, default=1_000_000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--push-rounds", type=int, default=6)
    p.add_argument("--no-write", action="store_true")
    args = p.parse_args()
    with postgres_url() as url:
        db = Database(url)
        t0 = time.perf_counter()
        token = fill(db, args.sessions)
        fill_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        buckets = agg.rebuild(db.engine)
        build_s = time.perf_counter() - t0
        _vacuum(db)
        with db.engine.connect() as conn:
            sizes = conn.execute(text(
                "SELECT (SELECT count(*) FROM reach_month), (SELECT count(*) FROM reach_mask), "
                "(SELECT count(*) FROM report_month), pg_size_pretty("
                "pg_total_relation_size('reach_month') + pg_total_relation_size('reach_mask') "
                "+ pg_total_relation_size('report_month'))"
            )).one()
        with server_process(url) as base:
            timings = reports(base, token, args.repeat, db)
        db.dispose()
        pg_url = url.rsplit("/", 1)[0] + "/postgres"
        from tests.fixtures.postgres import _admin

        name = "push_" + uuid.uuid4().hex[:8]
        _admin(pg_url, f'CREATE DATABASE "{name}"')
        costs = {"PostgreSQL": push_cost(url.rsplit("/", 1)[0] + "/" + name, args.push_rounds)}
        name = "insert_" + uuid.uuid4().hex[:8]
        _admin(pg_url, f'CREATE DATABASE "{name}"')
        inserts = {"PostgreSQL": insert_cost(url.rsplit("/", 1)[0] + "/" + name)}
    with tempfile.TemporaryDirectory() as tmp:
        costs["SQLite"] = push_cost(f"sqlite:///{tmp}/push.db", args.push_rounds)
        inserts["SQLite"] = insert_cost(f"sqlite:///{tmp}/insert.db")
    load = os.getloadavg()[0]
    lines = [
        f"### Regional reports over {args.sessions:,} sessions, PostgreSQL 15 (bar: <= 500 ms)",
        "",
        f"Whole region over HTTP with a region token; median and worst of {args.repeat} calls "
        f"after one warm-up. Data made with generate_series in {fill_s:.0f} s; the aggregates "
        f"built from it in {build_s:.0f} s ({buckets:,} digipunt-months; {sizes[0]:,} "
        f"reach_month rows, {sizes[1]:,} reach_mask rows, {sizes[2]:,} report_month rows, "
        f"{sizes[3]} with indexes). Load average {load:.1f} at the end (2 cores, shared). "
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        "| report | median | worst | median / bar |",
        "|---|---:|---:|---:|",
    ]
    for report, runs in timings.items():
        med = statistics.median(runs)
        lines.append(f"| {report} | {med * 1000:.0f} ms | {max(runs) * 1000:.0f} ms | "
                     f"{med / 0.5:.2f}x |")
    lines += [
        "",
        f"What the report triggers cost a push (HTTP round trip, one device, median of "
        f"{args.push_rounds * 8} pushes of 5 and {args.push_rounds} of 500, triggers on and "
        f"off interleaved on the same server and database):",
        "",
        "| database, push | triggers off | triggers on | difference |",
        "|---|---:|---:|---:|",
    ]
    lines += _on_off_rows(costs, lambda diff: f"{diff * 1000:+.1f} ms")
    lines += [
        "",
        "The triggers alone (no HTTP, no push code): 500 `help_session` rows in one "
        "transaction, 20 runs each, on and off interleaved:",
        "",
        "| database, statements | triggers off | triggers on | difference per row |",
        "|---|---:|---:|---:|",
    ]
    lines += _on_off_rows(inserts, lambda diff: f"{diff / 500 * 1e6:+.0f} µs")
    text_out = "\n".join(lines)
    print(text_out)
    if not args.no_write:
        write_subsection("reports", text_out)
    return 0


def _on_off_rows(
    timings: dict[str, dict[str, dict[bool, list[float]]]], difference: Callable[[float], str]
) -> list[str]:
    """Table rows ``| database, kind | off | on | difference |`` from runs with the report
    triggers off (False) and on (True), medians in ms; ``difference`` formats on - off."""
    rows = []
    for dbname, per_kind in timings.items():
        for kind, runs in per_kind.items():
            off, on = statistics.median(runs[False]), statistics.median(runs[True])
            rows.append(f"| {dbname}, {kind} | {off * 1000:.1f} ms | {on * 1000:.1f} ms | "
                        f"{difference(on - off)} |")
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
