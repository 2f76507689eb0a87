"""Benchmark: the local store with 200,000 sessions, against raw sqlite3 in the same run.

Measured on one fresh store (DESIGN.md §10 bars):

- "save": ``sessions.save_session`` from the draft to the committed row (validation, privacy
  guard, insert, outbox upsert, last-helper setting, commit) — what "Opslaan & nieuw" costs
  without the UI; bar p95 <= 30 ms;
- list "open": ``count_sessions`` + ``session_ids`` (newest first, sorted in SQL, first page of
  50 ids as the paged list model asks) + ``session_rows`` of that page; bar <= 150 ms;
- list "filter": the same for service, outcome, helper, period, notes text, combined; bar p95 <=
  50 ms;
- the same SQL through a bare ``sqlite3`` connection, as the floor to compare with;
- the query plans of the list queries (all through indexes).

Prints markdown and writes it into the ``local`` section of BENCHMARKS.md.

    .venv/bin/python -m bench.local_store [--sessions 200000] [--saves 200] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from bench.benchmarks_md import write_section

ROOT = Path(__file__).resolve().parents[1]
SECTION = "local"
PAGE = 50


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


# --- filling -------------------------------------------------------------------------------------
def fill(store: Any, count: int, seed: int = 7) -> list[str]:
    """``count`` realistic, already-synced sessions over two years; returns the helper ids."""
    from digipunt_app.core import helpers
    from digipunt_app.core.catalog import load_catalog
    from digipunt_app.core.ids import new_id
    from digipunt_app.core.models import HelpSession
    from digipunt_app.core.session_rules import local_date_of
    from sync import protocol

    rng = random.Random(seed)
    helper_ids = [helpers.add_helper(store, f"Vrijwilliger {i:02d}").id for i in range(40)]
    codes = sorted(load_catalog(store).active_codes())
    weights = [8 if c in ("eid", "itsme", "smartphone", "email", "banking") else 1 for c in codes]
    end = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
    span = int(timedelta(days=730).total_seconds())
    notes = ["", "", "", "", "", "", "", "", "kaartlezer herinstalleerd", "volgende week terug"]
    batch: list[dict[str, Any]] = []
    with store.session() as db:
        for i in range(count):
            started = (end - timedelta(seconds=rng.randrange(span))).replace(microsecond=0)
            picks = rng.choices(codes, weights, k=rng.choice((1, 1, 1, 2, 3)))
            services = list(dict.fromkeys(picks))
            age = rng.choice(protocol.AGE_BANDS)
            batch.append({
                "id": new_id(),
                "digipunt_id": "local",
                "device_id": None,
                "helper_id": rng.choice(helper_ids),
                "started_at": started,
                "local_date": local_date_of(started),
                "duration_min": rng.choice((5, 10, 15, 15, 20, 30, 45, 60)),
                "channel": rng.choice(protocol.CHANNELS),
                "services": services,
                "outcome": rng.choice(protocol.OUTCOMES),
                "referrals": [],
                "age_band": age,
                "adult_confirmed": age in protocol.ADULT_AGE_BANDS,
                "target_groups": [],
                "language": "nl",
                "interpreter": False,
                "first_visit": rng.choice(protocol.FIRST_VISIT),
                "visitor_code": None,
                "postcode": None,
                "notes": rng.choice(notes),
                "created_at": started,
                "updated_at": started,
                "rev": 1,
                "synced_rev": 1,
                "deleted": False,
                "import_key": None,
            })
            if len(batch) == 5000 or i == count - 1:
                db.execute(insert(HelpSession), batch)
                batch = []
    with store.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    return helper_ids


# --- timing --------------------------------------------------------------------------------------
def repeat(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def bench_saves(store: Any, helper_id: str, saves: int) -> list[float]:
    from digipunt_app.core import sessions
    from digipunt_app.core.records import SessionDraft

    times = []
    for i in range(saves):
        draft = SessionDraft(
            started_at=datetime.now(UTC) - timedelta(minutes=i),
            services=["eid"] if i % 2 else ["itsme", "smartphone"],
            helper_id=helper_id,
            notes="" if i % 3 else "eID-pincode opnieuw aangevraagd",
        )
        t0 = time.perf_counter()
        sessions.save_session(store, draft)
        times.append(time.perf_counter() - t0)
    return times


RAW_INSERT = (
    "INSERT INTO help_session (id, digipunt_id, device_id, helper_id, started_at, local_date, "
    "duration_min, channel, services, outcome, referrals, age_band, adult_confirmed, "
    "target_groups, language, interpreter, first_visit, visitor_code, postcode, notes, "
    "created_at, updated_at, rev, synced_rev, deleted, import_key) VALUES "
    "(?, 'local', NULL, ?, ?, ?, 15, 'walk_in', ?, 'solved_together', '[]', 'unknown', 1, '[]', "
    "'nl', 0, 'unknown', NULL, NULL, '', ?, ?, 1, 0, 0, NULL)"
)


def bench_raw_saves(path: Path, helper_id: str, saves: int) -> list[float]:
    from digipunt_app.core.ids import new_id

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=NORMAL")  # as the store (WAL is a property of the file)
    times = []
    for i in range(saves):
        t0 = time.perf_counter()
        now = datetime.now(UTC)
        stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")
        sid = new_id()
        conn.execute("BEGIN")
        conn.execute(
            RAW_INSERT,
            (sid, helper_id, stamp, now.date().isoformat(),
             json.dumps(["eid"] if i % 2 else ["itsme", "smartphone"]), stamp, stamp),
        )
        conn.execute(
            "INSERT INTO outbox (record_type, record_id, rev, queued_at, attempts) "
            "VALUES ('help_session', ?, 1, ?, 0) ON CONFLICT (record_id) DO UPDATE SET "
            "rev = excluded.rev, queued_at = excluded.queued_at",
            (sid, stamp),
        )
        conn.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES ('last_helper_id', ?)",
            (json.dumps(helper_id),),
        )
        conn.execute("COMMIT")
        times.append(time.perf_counter() - t0)
    conn.close()
    return times


def list_once(store: Any, flt: Any) -> int:
    from digipunt_app.core import sessions

    total = sessions.count_sessions(store, flt)
    page = sessions.session_ids(store, flt, "started_at", True, limit=PAGE, offset=0)
    sessions.session_rows(store, page)
    return total


def all_ids(store: Any) -> int:
    from digipunt_app.core import sessions

    return len(sessions.session_ids(store))


FRESH = """
import sys, time
t0 = time.perf_counter()
from bench.local_store import list_once
from digipunt_app.core import sessions  # imported at app start (the entry form uses it)
from digipunt_app.core.records import SessionFilter
from digipunt_app.core.store import Store
t1 = time.perf_counter()
store = Store.open(sys.argv[1], backup=False)
t2 = time.perf_counter()
list_once(store, SessionFilter())
t3 = time.perf_counter()
print(t2 - t1, t3 - t2)
"""


def first_open_in_fresh_process(data: Path) -> tuple[float, float]:
    """(Store.open, first list open) in a new Python process, as right after the app starts."""
    out = subprocess.run(
        [sys.executable, "-c", FRESH, str(data)], cwd=ROOT, check=True, capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), float(out[1])


def raw_list_once(conn: sqlite3.Connection, flt: Any) -> int:
    """The same SQL as the core (``session_query``) on a bare sqlite3 connection."""
    from digipunt_app.core.session_query import _ROWS_SQL, count_sql, ids_sql

    sql, params = count_sql(flt)
    total = conn.execute(sql, params).fetchone()[0]
    sql, params = ids_sql(flt, "started_at", True, PAGE, 0)
    page = [r[0] for r in conn.execute(sql, params).fetchall()]
    conn.execute(_ROWS_SQL.format(marks=",".join("?" * len(page))), page).fetchall()
    return total


def filters(helper_id: str) -> list[tuple[str, Any]]:
    from digipunt_app.core.records import SessionFilter

    return [
        ("service = eid", SessionFilter(service="eid")),
        ("service = csam (rare)", SessionFilter(service="csam")),
        ("outcome = not_solved", SessionFilter(outcome="not_solved")),
        ("helper", SessionFilter(helper_id=helper_id)),
        ("period: one month", SessionFilter(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31))),
        ("notes contain 'kaartlezer'", SessionFilter(text="kaartlezer")),
        ("month + service + outcome", SessionFilter(
            date_from=date(2026, 3, 1), date_to=date(2026, 3, 31), service="eid",
            outcome="solved_together")),
    ]


def plans(path: Path, helper_id: str) -> list[tuple[str, str]]:
    from digipunt_app.core.records import SessionFilter
    from digipunt_app.core.session_query import ids_sql

    conn = sqlite3.connect(path)
    out = []
    for label, flt in [("open (newest first)", SessionFilter())] + filters(helper_id):
        sql, params = ids_sql(flt, "started_at", True)
        rows = conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
        out.append((label, "; ".join(r[-1] for r in rows)))
    conn.close()
    return out


# --- main ----------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=200_000)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--reuse", metavar="DIR", help="keep the filled store in DIR and reuse it")
    args = parser.parse_args(argv)

    from digipunt_app.core.db import MMAP_BYTES
    from digipunt_app.core.helpers import list_helpers
    from digipunt_app.core.records import SessionFilter
    from digipunt_app.core.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        fill_s = 0.0
        if args.reuse and (Path(args.reuse) / "digipunt.sqlite3").exists():
            shutil.copytree(args.reuse, data, dirs_exist_ok=True)
            store = Store.open(data, backup=False)
            helper_ids = [h.id for h in list_helpers(store)]
            store.close()
        else:
            store = Store.open(data, backup=False)
            t0 = time.perf_counter()
            helper_ids = fill(store, args.sessions)
            fill_s = time.perf_counter() - t0
            store.close()
            if args.reuse:
                shutil.copytree(data, args.reuse, dirs_exist_ok=True)

        # As at start-up, in fresh processes: Store.open, then the first list open.
        fresh = [first_open_in_fresh_process(data) for _ in range(3)]
        open_store_s = statistics.median(f[0] for f in fresh)
        first_open = statistics.median(f[1] for f in fresh)
        store = Store.open(data, backup=False)
        assert list_once(store, SessionFilter()) == args.sessions

        raw = sqlite3.connect(store.data_file)
        raw.execute(f"PRAGMA mmap_size={MMAP_BYTES}")  # the same settings as the store
        results: dict[str, dict[str, float]] = {}
        # interleave ours and raw so machine load hits both alike
        ours_open, raw_open = [], []
        for _ in range(args.runs):
            ours_open += repeat(lambda: list_once(store, SessionFilter()), 1)
            raw_open += repeat(lambda: raw_list_once(raw, SessionFilter()), 1)
        results["open"] = {"ours": p95(ours_open), "raw": p95(raw_open)}
        every = repeat(lambda: all_ids(store), 5)
        ours_f, raw_f, per_filter = [], [], []
        for label, flt in filters(helper_ids[0]):
            o = repeat(lambda flt=flt: list_once(store, flt), args.runs // 2)
            r = repeat(lambda flt=flt: raw_list_once(raw, flt), args.runs // 2)
            ours_f += o
            raw_f += r
            per_filter.append((label, list_once(store, flt), p95(o), p95(r)))
        results["filter"] = {"ours": p95(ours_f), "raw": p95(raw_f)}
        raw.close()

        saves_ours, saves_raw = [], []
        for _ in range(4):  # interleaved rounds
            saves_ours += bench_saves(store, helper_ids[1], args.saves // 4)
            saves_raw += bench_raw_saves(store.data_file, helper_ids[1], args.saves // 4)
        results["save"] = {"ours": p95(saves_ours), "raw": p95(saves_raw)}
        query_plans = plans(store.data_file, helper_ids[0])
        size_mb = store.data_file.stat().st_size / 1e6
        store.close()

    def ratio(key: str) -> str:
        return f"{results[key]['ours'] / results[key]['raw']:.1f}×"

    lines = [
        f"{args.sessions:,} sessions in the store ({size_mb:.0f} MB file; "
        + (f"fill {fill_s:.0f} s; " if fill_s else "filled by this script earlier, `--reuse`; ")
        +
        f"`Store.open` — quick_check of the whole file, migration check — {ms(open_store_s)}, "
        "median of 3 fresh processes). "
        f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, one run on this "
        "2-core machine while other work was running.",
        "",
        "| what | Digipunt core | raw sqlite3, same SQL | ratio | bar | ok |",
        "|---|---|---|---|---|---|",
        f"| save (draft → committed, p95 of {len(saves_ours)}) | **{ms(results['save']['ours'])}** "
        f"| {ms(results['save']['raw'])} | {ratio('save')} | p95 ≤ 30 ms | "
        f"{'✔' if results['save']['ours'] <= 0.030 else '✘'} |",
        f"| list open: count + first {PAGE} ids + their rows, first in a fresh process "
        "(median of 3) "
        f"| **{ms(first_open)}** "
        f"| – | – | ≤ 150 ms | {'✔' if first_open <= 0.150 else '✘'} |",
        f"| list open, p95 of {args.runs} | **{ms(results['open']['ours'])}** "
        f"| {ms(results['open']['raw'])} | {ratio('open')} | ≤ 150 ms | "
        f"{'✔' if results['open']['ours'] <= 0.150 else '✘'} |",
        f"| all {args.sessions:,} ids in list order (not needed by the paged list), median "
        f"of 5 | {ms(statistics.median(every))} | – | – | – | |",
        f"| list filter, p95 over the filters below | **{ms(results['filter']['ours'])}** "
        f"| {ms(results['filter']['raw'])} | {ratio('filter')} | p95 ≤ 50 ms | "
        f"{'✔' if results['filter']['ours'] <= 0.050 else '✘'} |",
        "",
        f"save p50 {ms(statistics.median(saves_ours))} (raw {ms(statistics.median(saves_raw))}).",
        "",
        "| filter | matches | p95 core | p95 raw |",
        "|---|---|---|---|",
        *[f"| {label} | {n:,} | {ms(o)} | {ms(r)} |" for label, n, o, r in per_filter],
        "",
        "Query plans (`EXPLAIN QUERY PLAN` of the id query):",
        "",
        *[f"- {label}: `{plan}`" for label, plan in query_plans],
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_section(ROOT / "BENCHMARKS.md", SECTION, "## Local store (core, no UI)\n\n" + text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
