"""Benchmark: the regional reports over 1,000,000 help sessions on PostgreSQL.

DESIGN.md §10 bar: a regional report over 1M sessions <= 500 ms (PostgreSQL).

The sessions are written straight into the server's tables with ``generate_series`` (3 digibanken,
56 digipunten, two years of dates, ~1.5 services per session, 60% with a visitor code drawn from
400,000 codes), then ``VACUUM ANALYZE``. The service and referral rows carry the session's
report columns, as push writes them (migration 0002). Each report is asked over HTTP with a region
coordinator token, for the whole two years, 1 warm-up + ``--repeat`` timed calls; the median and
the worst are shown.

    .venv/bin/python -m bench.server_reports [--sessions 1000000] [--repeat 5] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import requests
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.server_common import postgres_url, server_process, write_subsection  # noqa: E402
from sync.server import admin  # noqa: E402
from sync.server.db import Database  # noqa: E402

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
    CASE WHEN g % 10 < 6 THEN 'C' || ((g::bigint * 7919) % 400000) END,
    (9000 + g % 50)::text, '{}'::json
FROM generate_series(1, :n) AS g, (SELECT array_agg(id ORDER BY id) AS ids FROM digipunt) AS p
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


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sessions", type=int, default=1_000_000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--no-write", action="store_true")
    args = p.parse_args()
    with postgres_url() as url:
        db = Database(url)
        admin.init(db)
        banks = [admin.add_digibank(db, f"Digibank {i}", 1500) for i in range(3)]
        for i in range(56):
            admin.add_digipunt(db, banks[i % 3], f"Digipunt {i:02d}", f"Gemeente {i % 10}")
        token = admin.add_coordinator(db, "regio")
        t0 = time.perf_counter()
        with db.engine.begin() as conn:
            conn.execute(text(FILL), {"n": args.sessions, "np": 56})
            conn.execute(text(FILL_SERVICES))
            conn.execute(text(FILL_REFERRALS))
        with db.engine.connect() as conn:
            # what an operator does after a bulk load (autovacuum would get there later)
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
        fill_s = time.perf_counter() - t0
        db.dispose()
        timings: dict[str, list[float]] = {}
        with server_process(url) as base:
            http = requests.Session()
            http.headers["Authorization"] = f"Bearer {token}"
            period = {"from": "2025-01-01", "to": "2026-12-31"}
            calls = [("reach", "/v1/reports/reach", {})] + [
                (f"summary by {g}", "/v1/reports/summary", {"group_by": g})
                for g in ("digipunt", "service", "month", "municipality", "outcome", "referral")
            ]
            for name, path, extra in calls:
                http.get(base + path, params=period | extra, timeout=600).raise_for_status()
                runs = []
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    r = http.get(base + path, params=period | extra, timeout=600)
                    runs.append(time.perf_counter() - t)
                    r.raise_for_status()
                timings[name] = runs
    lines = [
        f"### Regional reports over {args.sessions:,} sessions, PostgreSQL 15 (bar: <= 500 ms)",
        "",
        f"Whole region, two years, over HTTP with a region token; median and worst of "
        f"{args.repeat} calls after one warm-up. Data made with generate_series in {fill_s:.0f} s. "
        f"Load average {os.getloadavg()[0]:.1f} at the end (2 cores, shared). "
        f"Measured {datetime.now(UTC):%Y-%m-%d}.",
        "",
        "| report | median | worst | median / bar |",
        "|---|---:|---:|---:|",
    ]
    for name, runs in timings.items():
        med = statistics.median(runs)
        lines.append(f"| {name} | {med * 1000:.0f} ms | {max(runs) * 1000:.0f} ms | "
                     f"{med / 0.5:.2f}x |")
    text_out = "\n".join(lines)
    print(text_out)
    if not args.no_write:
        write_subsection("reports", text_out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
