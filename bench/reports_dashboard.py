"""Benchmark: the dashboard's report over 200,000 local sessions (DESIGN.md §10, bar ≤ 300 ms).

Fills a fresh local store (the real ``Store``, migrations and indexes) with 200,000 sessions
spread over two years, then times ``local_report`` (every breakdown + the reach) for the
dashboard's periods, and the PDF export of a month. Prints markdown and writes it into the
``reports`` section of BENCHMARKS.md.

    .venv/bin/python -m bench.reports_dashboard [--sessions 200000] [--runs 15] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.benchmarks_md import write_section
from sync.protocol import AGE_BANDS, CHANNELS, OUTCOMES, REFERRALS, TARGET_GROUPS

BXL = ZoneInfo("Europe/Brussels")
ROOT = Path(__file__).resolve().parents[1]
SECTION = "reports"
BAR_MS = 300.0


def fill(store: object, n: int, seed: int = 7) -> None:
    from sqlalchemy import insert

    from digipunt_app.core.catalog import load_catalog
    from digipunt_app.core.models import Helper, HelpSession
    from sync.protocol import luhn32_check_symbol

    rng = random.Random(seed)
    services = [s.code for s in load_catalog(store).services]
    now = datetime.now(UTC)
    helpers = [f"helper-{i}" for i in range(12)]
    codes = []
    for i in range(40_000):
        body = f"{i:08X}".replace("I", "J").replace("L", "M").replace("O", "P").replace("U", "V")
        codes.append(f"{body[:4]}-{body[4:]}-{luhn32_check_symbol(body)}")
    start = datetime(2025, 1, 1, 8, tzinfo=BXL)
    span = int((datetime(2026, 12, 31, 18, tzinfo=BXL) - start).total_seconds())
    with store.session() as db:  # type: ignore[attr-defined]
        db.execute(
            insert(Helper),
            [
                {
                    "id": h,
                    "digipunt_id": "local",
                    "display_name": f"Vrijwilliger {i}",
                    "active": True,
                    "rev": 1,
                    "synced_rev": 0,
                    "deleted": False,
                    "created_at": now,
                    "updated_at": now,
                }
                for i, h in enumerate(helpers)
            ],
        )
    batch: list[dict[str, object]] = []
    for i in range(n):
        started = start + timedelta(seconds=rng.randrange(span))
        adult = rng.random() > 0.05
        row = {
            "id": f"bench-{i:07d}",
            "digipunt_id": "local",
            "device_id": None,
            "helper_id": rng.choice(helpers) if rng.random() > 0.1 else None,
            "started_at": started,
            "local_date": started.astimezone(BXL).date(),
            "duration_min": rng.choice((5, 10, 15, 20, 30, 45, 60)),
            "channel": rng.choice(CHANNELS),
            "services": rng.sample(services, rng.choice((1, 1, 1, 2, 3))),
            "outcome": rng.choice(OUTCOMES),
            "referrals": rng.sample(REFERRALS, rng.choice((0, 0, 0, 1, 2))),
            "age_band": rng.choice(AGE_BANDS[1:]) if adult else "under_18",
            "adult_confirmed": adult,
            "target_groups": rng.sample(TARGET_GROUPS, rng.choice((0, 1, 2))),
            "language": "nl",
            "interpreter": False,
            "first_visit": rng.choice(("yes", "no", "unknown")),
            "visitor_code": rng.choice(codes) if rng.random() > 0.4 else None,
            "postcode": None,
            "notes": "",
            "created_at": started,
            "updated_at": started,
            "rev": 1,
            "synced_rev": 1,
            "deleted": rng.random() < 0.02,
        }
        batch.append(row)
        if len(batch) == 20_000:
            with store.session() as db:  # type: ignore[attr-defined]
                db.execute(insert(HelpSession), batch)
            batch.clear()
    if batch:
        with store.session() as db:  # type: ignore[attr-defined]
            db.execute(insert(HelpSession), batch)
    with store.session() as db:  # type: ignore[attr-defined]
        from sqlalchemy import text

        db.execute(text("ANALYZE"))


def timed(fn, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    fn()  # warm (first query plans, catalog cache, imports)
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def save_cost(data: Path, rounds: int = 5, per_round: int = 40) -> dict[str, dict[str, float]]:
    """What the report's triggers cost "Opslaan & nieuw": saves (``bench.local_store``'s
    ``bench_saves``) and edits on two copies of the same store, one without the 0004 triggers and
    reach index ("before"), interleaved so machine load hits both alike. p50/p95 in ms."""
    import shutil

    from sqlalchemy import text

    from bench.local_store import bench_saves, p95
    from digipunt_app.core import sessions
    from digipunt_app.core.helpers import list_helpers
    from digipunt_app.core.store import Store

    out: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        stores = {}
        for name in ("before", "after"):
            shutil.copytree(data, Path(tmp) / name)
            stores[name] = Store.open(Path(tmp) / name, backup=False)
        with stores["before"].session() as db:
            for trigger in ("insert", "update", "delete"):
                db.execute(text(f"DROP TRIGGER help_session_report_{trigger}"))
            db.execute(text("DROP INDEX ix_help_session_reach"))
        samples: dict[str, dict[str, list[float]]] = {n: {"save": [], "edit": []} for n in stores}
        for rnd in range(rounds):
            for name, store in stores.items():
                helper = list_helpers(store)[1].id
                samples[name]["save"] += bench_saves(store, helper, per_round)
                with store.session() as db:
                    ids = list(db.scalars(text(
                        "SELECT id FROM help_session WHERE deleted = 0 LIMIT :n OFFSET :o"
                    ), {"n": per_round, "o": 3000 + rnd * per_round}))
                for sid in ids:
                    draft = sessions.get_session(store, sid)
                    draft.services, draft.outcome, draft.duration_min = ["eid", "email"], \
                        "not_solved", 33
                    t0 = time.perf_counter()
                    sessions.save_session(store, draft)
                    samples[name]["edit"].append(time.perf_counter() - t0)
        for store in stores.values():
            store.close()
    for name, kinds in samples.items():
        for kind, values in kinds.items():
            out[f"{kind} {name}"] = {
                "p50": statistics.median(values) * 1000, "p95": p95(values) * 1000,
                "n": len(values),
            }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--db", type=Path, help="keep the filled store in this folder and reuse it")
    parser.add_argument(
        "--no-save-cost", action="store_true", help="skip timing saves with/without the triggers"
    )
    args = parser.parse_args(argv)

    from digipunt_app.core.report_export import export_report
    from digipunt_app.core.reports import local_report
    from digipunt_app.core.reports_model import period_dates
    from digipunt_app.core.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        reuse = args.db is not None and (args.db / "digipunt.sqlite3").exists()
        t_open = time.perf_counter()
        store = Store.open(args.db or Path(tmp) / "data", backup=False)
        open_s = time.perf_counter() - t_open  # includes a pending migration (0004: aggregates)
        t0 = time.perf_counter()
        if not reuse:
            fill(store, args.sessions)
        fill_s = time.perf_counter() - t0
        today = date(2026, 11, 18)
        periods = {
            "deze week": period_dates("this_week", today),
            "deze maand": period_dates("this_month", today),
            "vorige maand": period_dates("last_month", today),
            "dit jaar": period_dates("this_year", today),
            "2 jaar (alles)": (date(2025, 1, 1), date(2026, 12, 31)),
        }
        rows = []
        for name, (d0, d1) in periods.items():
            report = local_report(store, d0, d1)
            med, p95 = timed(lambda d0=d0, d1=d1: local_report(store, d0, d1), args.runs)
            rows.append((name, report.sessions, med, p95))
        month = period_dates("last_month", today)
        report = local_report(store, *month)
        pdf_med, _ = timed(
            lambda: export_report(report, Path(tmp) / "r.pdf", "pdf"), max(3, args.runs // 5)
        )
        store.close()
        costs = {} if args.no_save_cost else save_cost(args.db or Path(tmp) / "data")

    lines = [
        f"Dashboard report (`local_report`: every breakdown + reach) over {args.sessions:,} local "
        f"sessions (2 years, 2% deleted), SQLite, median and p95 of {args.runs} runs after one "
        f"warm-up. Bar: ≤ {BAR_MS:.0f} ms. "
        + (f"Fill: {fill_s:.1f} s." if not reuse else f"Store reused from {args.db}.")
        + f" Store.open (with any pending migration): {open_s:.1f} s.",
        "",
        "| period | sessions in period | median ms | p95 ms | bar |",
        "|---|---:|---:|---:|---|",
    ]
    for name, count, med, p95 in rows:
        ok = "ok" if p95 <= BAR_MS else "**over**"
        lines.append(f"| {name} | {count:,} | {med:.0f} | {p95:.0f} | {ok} |")
    lines += [
        "",
        f"PDF monthly report (vorige maand, all charts and tables): {pdf_med:.0f} ms median.",
        "",
    ]
    if costs:
        lines += [
            "What the aggregates' triggers cost a save (`save_session`, same store copied twice, "
            "one without the triggers and reach index, interleaved; bar: save p95 ≤ 30 ms):",
            "",
            "| operation | without triggers p50 / p95 | with triggers p50 / p95 | n |",
            "|---|---:|---:|---:|",
        ]
        kinds = (("save", "new session"), ("edit", "edit (services, outcome, duration)"))
        for kind, label in kinds:
            b, a = costs[f"{kind} before"], costs[f"{kind} after"]
            lines.append(
                f"| {label} | {b['p50']:.1f} / {b['p95']:.1f} ms | {a['p50']:.1f} / "
                f"{a['p95']:.1f} ms | {a['n']:.0f} |"
            )
        lines.append("")
    lines += [
        f"`bench/reports_dashboard.py`, run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work ran at the same time).",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_section(ROOT / "BENCHMARKS.md", SECTION, "## Reports (dashboard)\n\n" + text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
