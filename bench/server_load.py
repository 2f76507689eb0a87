"""Benchmark: 200 devices syncing at once against one digipunt-server on 127.0.0.1.

DESIGN.md §10 bar: p95 <= 250 ms, no error, on SQLite and on PostgreSQL.

Set-up (not timed): 3 digibanken, 56 digipunten, 200 enrolled devices; each device pushes
``--history`` sessions (a region's data, 20,000 sessions by default), PostgreSQL is ANALYZEd (as
autovacuum would do on a live server), and each device does its first pull. Then, per round, all
devices are released at once (a barrier); each does one sync: a push of ``--records`` new
sessions, then a pull from its cursor (which brings the sessions its digipunt's other devices
pushed). Every request's latency is recorded; any non-2xx or transport error counts as an error.
The server runs as a child process (uvicorn, one process) so the clients do not share its
interpreter; all share this 2-core machine. PostgreSQL runs with the settings docs/DEPLOY.md
tells a coordinator to use (durable: ``bench/server_common.py`` ``PG_SETTINGS``). The CPU time of
the server, of PostgreSQL's backends and of the clients (this process) is reported per request.

    .venv/bin/python -m bench.server_load [--devices 200] [--rounds 3] [--records 5]
                                          [--history 100] [--db sqlite|postgres|both]
                                          [--workers 1 [2]] [--no-write]

``BENCH_PG_STATS=FILE`` writes PostgreSQL's statements of the timed rounds (pg_stat_statements)
to FILE.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import requests

from bench.server_common import (
    cpu_seconds,
    percentile,
    postgres_cpu_seconds,
    postgres_url,
    server_process,
    write_subsection,
)
from bench.server_http import Connection

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digipunt_app.core.ids import new_id  # noqa: E402
from sync.server import admin, tokens  # noqa: E402
from sync.server.db import Database  # noqa: E402
from sync.server.models import Device as DeviceRow  # noqa: E402
from tests.sync.server.records import session_payload  # noqa: E402


def _random_id() -> str:
    return str(uuid.uuid4())


#: record ids as the app makes them (UUIDv7, time-ordered: a new session's index entries go at
#: the end of the indexes); ``--random-ids``: UUIDv4, each insert on a random index page
_record_id = new_id


def _record(punt: str) -> dict:
    return {
        "type": "help_session", "id": _record_id(), "rev": 1, "base_rev": 0,
        "deleted": False, "updated_at": datetime.now(UTC).isoformat(),
        "payload": session_payload(punt, local_date=date.today()),
    }


class Device:
    def __init__(self, url: str, token: str, punt: str) -> None:
        self.url, self.punt = url, punt
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {token}"
        self.cursor = 0

    def pull_all(self, latencies: list[float], errors: list[str]) -> None:
        while True:
            t0 = time.perf_counter()
            try:
                r = self.http.get(self.url + "/v1/sync/pull",
                                  params={"cursor": self.cursor, "limit": 1000}, timeout=120)
            except requests.RequestException as err:
                errors.append(f"pull: {type(err).__name__}")
                return
            latencies.append(time.perf_counter() - t0)
            if r.status_code != 200:
                errors.append(f"pull {r.status_code}")
                return
            body = r.json()
            self.cursor = body["next_cursor"]
            if not body["has_more"]:
                return

    def push(self, records: int, latencies: list[float], errors: list[str]) -> None:
        body = {"batch_id": str(uuid.uuid4()), "client_time": datetime.now(UTC).isoformat(),
                "records": [_record(self.punt) for _ in range(records)]}
        t0 = time.perf_counter()
        try:
            r = self.http.post(self.url + "/v1/sync/push", json=body, timeout=120)
        except requests.RequestException as err:
            errors.append(f"push: {type(err).__name__}")
            return
        latencies.append(time.perf_counter() - t0)
        if r.status_code != 200:
            errors.append(f"push {r.status_code}")
        elif any(x["status"] != "accepted" for x in r.json()["results"]):
            errors.append("push: not accepted")


async def _async_rounds(
    url: str, provisioned: list[tuple[str, str]], rounds: int, records: int,
    cpu: Callable[[], tuple[float, float, float]], ready: Callable[[], None],
) -> dict:
    """The devices as coroutines of one event loop (in this process, apart from the server)."""
    conns = [(Connection(url, token), punt) for punt, token in provisioned]
    push_lat: list[float] = []
    pull_lat: list[float] = []
    server_ms: list[float] = []
    errors: list[str] = []
    cursors = [0] * len(conns)

    async def pull_all(i: int, timed: bool) -> None:
        conn = conns[i][0]
        while True:
            t0 = time.perf_counter()
            try:
                r = await conn.request("GET", "/v1/sync/pull",
                                       params={"cursor": cursors[i], "limit": 1000})
            except (OSError, asyncio.IncompleteReadError) as err:
                errors.append(f"pull: {type(err).__name__}")
                return
            if timed:
                pull_lat.append(time.perf_counter() - t0)
                server_ms.append(r.server_ms() or float("nan"))
            if r.status != 200:
                errors.append(f"pull {r.status}")
                return
            body = r.json()
            cursors[i] = body["next_cursor"]
            if not body["has_more"]:
                return

    async def push(i: int) -> None:
        conn, punt = conns[i]
        body = {"batch_id": str(uuid.uuid4()), "client_time": datetime.now(UTC).isoformat(),
                "records": [_record(punt) for _ in range(records)]}
        t0 = time.perf_counter()
        try:
            r = await conn.request("POST", "/v1/sync/push", body=body)
        except (OSError, asyncio.IncompleteReadError) as err:
            errors.append(f"push: {type(err).__name__}")
            return
        push_lat.append(time.perf_counter() - t0)
        server_ms.append(r.server_ms() or float("nan"))
        if r.status != 200:
            errors.append(f"push {r.status}")
        elif any(x["status"] != "accepted" for x in r.json()["results"]):
            errors.append("push: not accepted")

    await asyncio.gather(*(pull_all(i, False) for i in range(len(conns))))
    ready()
    wall = 0.0
    server_cpu = db_cpu = client_cpu = 0.0
    for _ in range(rounds):
        go = asyncio.Event()

        async def sync(i: int, go: asyncio.Event = go) -> None:
            await go.wait()
            await push(i)
            await pull_all(i, True)

        tasks = [asyncio.create_task(sync(i)) for i in range(len(conns))]
        await asyncio.sleep(0)  # every device waits on the start line
        c0, d0, k0 = cpu()
        t0 = time.perf_counter()
        go.set()
        await asyncio.gather(*tasks)
        wall += time.perf_counter() - t0
        c1, d1, k1 = cpu()
        server_cpu += c1 - c0
        db_cpu += d1 - d0
        client_cpu += k1 - k0
    await asyncio.gather(*(c.close() for c, _ in conns))
    return {"push": push_lat, "pull": pull_lat, "server_ms": server_ms, "errors": errors,
            "wall": wall, "server_cpu": server_cpu, "db_cpu": db_cpu,
            "client_cpu": client_cpu}


def _thread_rounds(
    url: str, provisioned: list[tuple[str, str]], rounds: int, records: int,
    cpu: Callable[[], tuple[float, float, float]], ready: Callable[[], None],
) -> dict:
    """The devices as 200 threads with ``requests`` (the first version of this bench)."""
    clients = [Device(url, token, punt) for punt, token in provisioned]
    for c in clients:
        c.pull_all([], [])
    ready()
    push_lat: list[float] = []
    pull_lat: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    wall = 0.0
    server_cpu = db_cpu = client_cpu = 0.0
    for _ in range(rounds):
        barrier = threading.Barrier(len(clients) + 1)

        def sync(c: Device, barrier: threading.Barrier = barrier) -> None:
            pushes: list[float] = []
            pulls: list[float] = []
            errs: list[str] = []
            barrier.wait()
            c.push(records, pushes, errs)
            c.pull_all(pulls, errs)
            with lock:
                push_lat.extend(pushes)
                pull_lat.extend(pulls)
                errors.extend(errs)

        threads = [threading.Thread(target=sync, args=(c,)) for c in clients]
        for t in threads:
            t.start()
        c0, d0, k0 = cpu()
        barrier.wait()
        t0 = time.perf_counter()
        for t in threads:
            t.join()
        wall += time.perf_counter() - t0
        c1, d1, k1 = cpu()
        server_cpu += c1 - c0
        db_cpu += d1 - d0
        client_cpu += k1 - k0
    return {"push": push_lat, "pull": pull_lat, "server_ms": [], "errors": errors, "wall": wall,
            "server_cpu": server_cpu, "db_cpu": db_cpu,
            "client_cpu": client_cpu}


async def _seed(url: str, provisioned: list[tuple[str, str]], history: int) -> None:
    """Untimed: each device pushes ``history`` sessions first (pushes of up to 500), so the
    timed rounds run against a server holding a region's data, not empty tables."""
    conns = [(Connection(url, token), punt) for punt, token in provisioned]

    async def one(conn: Connection, punt: str) -> None:
        left = history
        while left > 0:
            n = min(left, 500)
            left -= n
            body = {"batch_id": str(uuid.uuid4()),
                    "client_time": datetime.now(UTC).isoformat(),
                    "records": [_record(punt) for _ in range(n)]}
            r = await conn.request("POST", "/v1/sync/push", body=body)
            if r.status != 200:
                raise RuntimeError(f"seeding push answered {r.status}: {r.body[:200]!r}")

    sem = asyncio.Semaphore(8)

    async def limited(conn: Connection, punt: str) -> None:
        async with sem:
            await one(conn, punt)

    await asyncio.gather(*(limited(c, p) for c, p in conns))
    await asyncio.gather(*(c.close() for c, _ in conns))


def _analyze(db_url: str) -> None:
    """PostgreSQL: ``ANALYZE``, as autovacuum does within a minute on a live server (without it
    the planner still takes the seeded tables for the empty ones it saw at creation)."""
    if not db_url.startswith("postgresql"):
        return
    import psycopg

    with psycopg.connect(db_url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute("ANALYZE")


def _reset_statement_stats(db_url: str) -> None:
    """``BENCH_PG_STATS``: count the timed rounds only (after the set-up and first pulls)."""
    if not (db_url.startswith("postgresql") and os.environ.get("BENCH_PG_STATS")):
        return
    import psycopg

    with psycopg.connect(db_url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute("SELECT pg_stat_statements_reset()")


def run(db_url: str, devices: int, rounds: int, records: int, workers: int, client: str,
        history: int = 0) -> dict:
    db = Database(db_url)
    admin.init(db)
    banks = [admin.add_digibank(db, f"Digibank {i}") for i in range(3)]
    punten = [admin.add_digipunt(db, banks[i % 3], f"Digipunt {i}", f"Gemeente {i % 10}")
              for i in range(56)]
    # Devices are provisioned straight into the database (enrolment is rate-limited per address
    # and is not what is measured here).
    provisioned = []
    with db.write() as s:
        for i in range(devices):
            token = tokens.new_device_token()
            punt = punten[i % len(punten)]
            s.add(DeviceRow(id=str(uuid.uuid4()), digipunt_id=punt, name=f"bench-{i}",
                            token_hash=tokens.hash_secret(token)))
            provisioned.append((punt, token))
    db.dispose()
    pids: list[int] = []
    with server_process(db_url, workers, pids) as url:
        def ready() -> None:
            _reset_statement_stats(db_url)

        def cpu() -> tuple[float, float, float]:
            return cpu_seconds(pids[0]), postgres_cpu_seconds(), time.process_time()

        if history:
            asyncio.run(_seed(url, provisioned, history))
        _analyze(db_url)
        if client == "async":
            got = asyncio.run(_async_rounds(url, provisioned, rounds, records, cpu, ready))
        else:
            got = _thread_rounds(url, provisioned, rounds, records, cpu, ready)
    every = got["push"] + got["pull"]
    inside = [v for v in got["server_ms"] if v == v]
    return {
        "requests": len(every), "errors": len(got["errors"]),
        "error_kinds": sorted(set(got["errors"])),
        "p50": percentile(every, 50), "p95": percentile(every, 95), "max": max(every),
        "push_p95": percentile(got["push"], 95), "pull_p95": percentile(got["pull"], 95),
        "server_p95_ms": percentile(inside, 95) if inside else float("nan"),
        "wall": got["wall"] / rounds,
        "cpu_per_request_ms": 1000.0 * got["server_cpu"] / len(every),
        "db_cpu_per_request_ms": 1000.0 * got["db_cpu"] / len(every),
        "client_cpu_per_request_ms": 1000.0 * got["client_cpu"] / len(every),
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--devices", type=int, default=200)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--records", type=int, default=5)
    p.add_argument("--history", type=int, default=100,
                   help="sessions each device pushes before the timed rounds (untimed)")
    p.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    p.add_argument("--workers", type=int, nargs="+", default=[1],
                   help="uvicorn worker processes to try (serve --workers)")
    p.add_argument("--client", choices=["async", "threads"], nargs="+", default=["async"],
                   help="devices as coroutines of one event loop (raw HTTP/1.1), or as 200 "
                   "threads with requests (the first version of this bench)")
    p.add_argument("--random-ids", action="store_true",
                   help="record ids as UUIDv4 (the bench's ids before session 10), not UUIDv7 "
                   "as the app makes them")
    p.add_argument("--no-write", action="store_true")
    args = p.parse_args()
    global _record_id
    _record_id = _random_id if args.random_ids else new_id
    results: dict[str, dict] = {}
    for client in args.client:
        for workers in args.workers:
            label = f"{workers} worker{'s' if workers > 1 else ''}, {client} clients"
            if args.db in ("sqlite", "both"):
                with tempfile.TemporaryDirectory() as tmp:
                    results[f"SQLite, {label}"] = run(
                        f"sqlite:///{tmp}/server.db", args.devices, args.rounds, args.records,
                        workers, client, args.history,
                    )
            if args.db in ("postgres", "both"):
                with postgres_url() as url:
                    results[f"PostgreSQL 15, {label}"] = run(
                        url, args.devices, args.rounds, args.records, workers, client,
                        args.history,
                    )
    ms = 1000.0
    ids = "UUIDv4 (`--random-ids`)" if args.random_ids else "UUIDv7, as the app makes them"
    lines = [
        f"### {args.devices} devices syncing at once (bar: p95 <= 250 ms, no error)",
        "",
        f"Each of {args.rounds} rounds: all {args.devices} devices released together; each pushes "
        f"{args.records} new sessions, then pulls (the sessions of its digipunt's other devices). "
        f"Record ids are {ids}. "
        f"Before the timed rounds each device pushed {args.history} sessions (untimed; "
        f"{args.devices * args.history:,} in all) and PostgreSQL was ANALYZEd, as autovacuum does "
        "on a live server. PostgreSQL runs durable, as docs/DEPLOY.md says (`fsync`, "
        "`synchronous_commit`, `full_page_writes` on; the tests' cluster turns them off). "
        "`digipunt-server serve` runs as a child process on 127.0.0.1. Latency is measured by the "
        "client from sending the request to the last byte of the answer, so it includes waiting "
        "in the server's queue; *in app p95* is the server's own `Server-Timing` (from the "
        "moment the request reaches the app to the answer's headers: it includes waiting for the "
        "group commit and the GIL, not the socket backlog). *server CPU / request*: CPU time of "
        "the server process(es) over the timed rounds (user + system, all threads, from /proc) "
        "divided by the requests: the cost of a request, which the machine's load changes far "
        "less than the latencies; *PostgreSQL CPU / request* the same for the cluster's backends, "
        "*client CPU / request* for this bench process (the 200 devices). *async clients*: the "
        "200 devices are coroutines of one event loop in the bench process, each on its own "
        "keep-alive connection (raw HTTP/1.1, a "
        "few tens of microseconds of client CPU per request); *threads clients*: 200 threads with "
        "`requests` (about 1 ms of client CPU per request, competing with the server for the 2 "
        "cores). Load average "
        f"{os.getloadavg()[0]:.1f} at the end (2 cores, shared with other runs). "
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        "| database, server, clients | requests | errors | p50 | p95 | max | push p95 | pull p95 "
        "| in app p95 | round wall | server CPU / request | PostgreSQL CPU / request "
        "| client CPU / request | p95 / bar |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        inside = "n/a" if r["server_p95_ms"] != r["server_p95_ms"] else (
            f"{r['server_p95_ms']:.0f} ms")
        db_cpu = f"{r['db_cpu_per_request_ms']:.2f} ms" if "PostgreSQL" in name else "–"
        lines.append(
            f"| {name} | {r['requests']} | {r['errors']} | {r['p50'] * ms:.0f} ms | "
            f"{r['p95'] * ms:.0f} ms | {r['max'] * ms:.0f} ms | {r['push_p95'] * ms:.0f} ms | "
            f"{r['pull_p95'] * ms:.0f} ms | {inside} | {r['wall']:.2f} s | "
            f"{r['cpu_per_request_ms']:.2f} ms | {db_cpu} | "
            f"{r['client_cpu_per_request_ms']:.2f} ms | {r['p95'] / 0.250:.2f}x |"
        )
        if r["error_kinds"]:
            lines.append(f"\nErrors on {name}: {', '.join(r['error_kinds'])}")
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_subsection("load", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
