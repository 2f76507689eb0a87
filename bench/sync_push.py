"""Sync benchmark (DESIGN.md §10): the first push of N (10,000) sessions over loopback, an idle
sync, and the same N documents replicated by PouchDB to pouchdb-server, in the same run.

    .venv/bin/python bench/sync_push.py [--sessions 10000] [--no-write]
    .venv/bin/python bench/sync_push.py --two-in-flight 2   # the experiment below, ~1.5 min
    .venv/bin/python bench/sync_push.py --batch-sizes 500,1000,2000   # the other, ~1.5 min

Our side: the real app store (N sessions made through the store's own validation), the real sync
engine, and ``digipunt-server`` (SQLite) as a child process. The timed runs go straight to the
server, as many as the peer's timed runs (``OURS_RUNS``), each a first push: a fresh copy of the
store and a new server with a fresh database; half of them before the peer's runs, half after
(load that drifts over the run hits both sides alike). Another run goes through a counting TCP
proxy (``tests/e2e/faultproxy`` with no faults) to count requests and every byte on the wire,
headers included. Another pushes to a stub that answers at once (``accepted`` for every record,
read but not stored): the app's own speed, about what the whole push would take with a server
that costs nothing.

Peer: PouchDB (node, leveldb) replicating the same N documents (the session payloads) to
``pouchdb-server --in-memory``, warmed up first (its first replication is ~1.5x slower), at
several batch sizes, each twice; its requests and bytes are counted through the same proxy at
its best batch size. Needs ``npm install`` in ``bench/`` (``bench/package.json``); without node
the peer part is skipped and said so.

The bar figure is best against best: our fastest of ``OURS_RUNS`` runs against PouchDB's fastest
of as many (DESIGN.md §10: "at its best batch size"). On a shared machine other load only ever
adds time, so the fastest run of each side is the one least disturbed; both sides get the same
number of tries. The medians are printed beside it as a check.

Prints markdown and writes it into the ``sync`` section of BENCHMARKS.md.

``--two-in-flight SEGMENT`` runs only an experiment: would two pushes in flight (two connections,
alternating batches) beat one? (``two_in_flight``; the answer is in BENCHMARKS.md ``sync``.)
``--batch-sizes 500,1000,2000`` another: the first push with the server's ``max_batch_records``
at each size (``batch_sizes``; the answer is there too).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.benchmarks_md import write_section  # noqa: E402
from bench.server_common import cpu_seconds  # noqa: E402
from digipunt_app.core.catalog import load_catalog  # noqa: E402
from digipunt_app.core.ids import new_id  # noqa: E402
from digipunt_app.core.models import HelpSession, Outbox  # noqa: E402
from digipunt_app.core.models import SyncState as SyncStateRow  # noqa: E402
from digipunt_app.core.records import SessionDraft  # noqa: E402
from digipunt_app.core.session_rules import validate  # noqa: E402
from digipunt_app.core.store import Store  # noqa: E402
from digipunt_app.core.sync_engine import SyncEngine  # noqa: E402
from digipunt_app.core.sync_engine_store import KEY_SERVER_URL, session_payload  # noqa: E402
from digipunt_app.core.visitor_code import generate  # noqa: E402
from tests.e2e.faultproxy import FaultProxy  # noqa: E402

SECTION = "sync"
BENCH = ROOT / "bench"
POUCH_BATCH_SIZES = (500, 1000, 2000)  # 100, 250 and 4000 were slower in every run
POUCH_REPEATS = 2  # each batch size twice; the best run counts
#: our timed runs: as many as the peer's, so best against best compares like with like
OURS_RUNS = len(POUCH_BATCH_SIZES) * POUCH_REPEATS
SERVICES = ("eid", "itsme", "csam", "taxonweb", "mypension", "ebox", "burgerprofiel", "smartphone",
            "email", "banking", "doccle", "vdab", "mijngezondheid", "phishing", "apps_updates")


def process_cpu(pid: int) -> float | None:
    """CPU seconds (user + system, every thread) used so far by process ``pid``; None when the
    system has no ``/proc`` (the figure is then left out)."""
    return cpu_seconds(pid) if os.path.isdir(f"/proc/{pid}") else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float = 60.0) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=1).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} did not answer")


# --- our side --------------------------------------------------------------------------------
def make_store(folder: Path, count: int, rng: random.Random) -> None:
    """``count`` realistic sessions, validated by the store's rules, queued in the outbox."""
    store = Store.open(folder, backup=False)
    catalog = load_catalog(store)
    now = datetime.now(UTC)
    rows, queue = [], []
    for i in range(count):
        draft = SessionDraft(
            started_at=now - timedelta(minutes=17 * i),
            duration_min=rng.choice((10, 15, 15, 20, 30, 45, 60)),
            channel=rng.choice(("walk_in", "walk_in", "walk_in", "appointment", "phone")),
            services=rng.sample(SERVICES, rng.choice((1, 1, 1, 2))),
            outcome=rng.choice(("solved_together", "solved_together", "solved_by_visitor",
                                "partly_followup", "not_solved")),
            age_band=rng.choice(("55_64", "65_74", "65_74", "75_plus", "35_54")),
            first_visit=rng.choice(("yes", "no", "unknown")),
            visitor_code=generate() if rng.random() < 0.3 else None,
            postcode=rng.choice((None, "9000", "9050", "9030")),
            notes="",
        )
        clean = validate(draft, catalog, now=now)
        record_id = new_id()
        rows.append({
            "id": record_id, "digipunt_id": "local", "device_id": None, "created_at": now,
            "updated_at": now, "rev": 1, "synced_rev": 0, "deleted": False, "import_key": None,
            **clean.columns(),
        })
        queue.append({"record_type": "help_session", "record_id": record_id, "rev": 1,
                      "queued_at": now, "attempts": 0})
    with store.session() as db:
        db.bulk_insert_mappings(HelpSession, rows)
        db.bulk_insert_mappings(Outbox, queue)
    store.close()


class Server:
    """digipunt-server (SQLite) as a child process, with one digipunt and enrol codes."""

    def __init__(self, folder: Path, max_batch_records: int | None = None) -> None:
        from sync.server import admin
        from sync.server.db import Database

        self.db_url = f"sqlite:///{folder / 'server.db'}"
        db = Database(self.db_url)
        admin.init(db)
        bank = admin.add_digibank(db, "Digibank Bench")
        self.punt = admin.add_digipunt(db, bank, "Bib Bench", "Gent", "library")
        self.code = admin.make_enrol_code(db, self.punt, 1)
        db.dispose()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        serve = ["serve", "--db", self.db_url, "--host", "127.0.0.1", "--port", str(self.port)]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sync.server.cli", *serve] if max_batch_records is None
            else [sys.executable, __file__, SERVE_MAX_BATCH, str(max_batch_records), *serve],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_http(self.url + "/v1/health")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


SERVE_MAX_BATCH = "--serve-max-batch"


def serve_max_batch(max_batch_records: int, argv: list[str]) -> int:
    """``digipunt-server`` (``argv``: its CLI arguments) with another ``max_batch_records``
    default, for ``--batch-sizes`` only (the server's CLI has no option for it)."""
    import dataclasses

    from sync.server import settings

    settings.Settings = dataclasses.make_dataclass(
        "Settings", [("max_batch_records", int, max_batch_records)], bases=(settings.Settings,),
        frozen=True)
    from sync.server.cli import main as server_main

    return server_main(argv)


class Stub:
    """A server that answers at once: every pushed record ``accepted`` (the body is read and
    gunzipped, each record's id and rev picked out, nothing stored), empty pulls. Only to time
    the app alone."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--stub-port", str(self.port)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_http(self.url + "/v1/health")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def serve_stub(port: int) -> None:
    import gzip
    import re
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    record = re.compile(rb'\{"type":"(?:help_session|helper)","id":"([^"]+)","rev":(\d+)')

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def answer(self, payload: dict[str, Any]) -> None:
            payload["server_time"] = datetime.now(UTC).isoformat()
            data = json.dumps(payload).encode()
            head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(data)}\r\n\r\n").encode()
            self.wfile.write(head + data)  # one write: no Nagle/delayed-ACK stall

        def do_GET(self) -> None:
            if self.path.startswith("/v1/sync/config"):
                self.answer({"protocol": 1, "max_batch_records": 500,
                             "max_body_bytes": 5_000_000})
            elif self.path.startswith("/v1/sync/pull"):
                self.answer({"changes": [], "next_cursor": 1, "has_more": False})
            else:
                self.answer({"status": "ok"})

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            self.answer({"results": [
                {"id": rid.decode(), "rev": int(rev), "status": "accepted"}
                for rid, rev in record.findall(body)
            ]})

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


def run_ours(template: Path, work: Path, mode: str, run: int = 0,
             max_batch_records: int | None = None) -> dict[str, Any]:
    """``mode``: "timed" (straight to the server), "counted" (through the counting proxy) or
    "alone" (enrolled at the server, then pushed to the stub). ``run`` numbers the timed runs
    (each gets a fresh store copy and a fresh server database). ``max_batch_records``: the
    server's, when not its default."""
    counted = mode == "counted"
    folder = work / f"ours-{mode}-{run}"
    shutil.copytree(template, folder / "pc")
    server = Server(folder, max_batch_records)
    proxy = FaultProxy(server.url) if counted else None
    stub = Stub() if mode == "alone" else None
    try:
        store = Store.open(folder / "pc", backup=False)
        engine = SyncEngine(store)
        engine.enrol(proxy.url if proxy else server.url, server.code, device_name="bench")
        if stub:
            with store.session() as db:
                db.merge(SyncStateRow(key=KEY_SERVER_URL, value=json.dumps(stub.url)))
        if proxy:
            proxy.log.clear()
            proxy.bytes_up = proxy.bytes_down = 0
        load_before = os.getloadavg()[0]
        server_cpu = process_cpu(server.proc.pid)
        cpu = time.process_time()
        started = time.perf_counter()
        first = engine.sync_once()
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        after = process_cpu(server.proc.pid)
        server_cpu = None if server_cpu is None or after is None else after - server_cpu
        load = (load_before, os.getloadavg()[0])
        assert first.ok and first.accepted == first.pushed, first
        wire = (proxy.bytes_up + proxy.bytes_down) if proxy else None
        idle = engine.sync_once()
        assert idle.ok, idle
        store.close()
        return {
            "seconds": seconds, "requests": first.requests, "pushed": first.pushed,
            "server_seconds": first.network_seconds,
            "wire_bytes": wire, "idle_requests": idle.requests, "load": load, "cpu": cpu,
            "server_cpu": server_cpu,
        }
    finally:
        if proxy:
            proxy.close()
        if stub:
            stub.stop()
        server.stop()


def export_docs(template: Path, path: Path) -> int:
    """The same sessions as PouchDB documents: the wire payload, ``_id`` = session id."""
    from sqlalchemy import select

    store = Store.open(template, backup=False)
    with store.session() as db:
        docs = [
            {"_id": row.id, "type": "help_session", **session_payload(row, None)}
            for row in db.scalars(select(HelpSession))
        ]
    store.close()
    path.write_text(json.dumps(docs))
    return len(docs)


# --- peer: PouchDB -> pouchdb-server ---------------------------------------------------------
def run_pouchdb(docs_file: Path, work: Path) -> dict[str, Any] | None:
    node = shutil.which("node")
    server_bin = BENCH / "node_modules" / "pouchdb-server" / "bin" / "pouchdb-server"
    if node is None or not server_bin.exists():
        return None
    cwd = work / "pouchdb-server"
    cwd.mkdir()
    port = free_port()
    proc = subprocess.Popen(
        [node, str(server_bin), "--in-memory", "--host", "127.0.0.1", "--port", str(port)],
        cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(url + "/")
        _node(node, docs_file, url, "1000")  # warm-up (JIT, caches): not counted
        sizes = ",".join(str(s) for s in POUCH_BATCH_SIZES for _ in range(POUCH_REPEATS))
        timed = _node(node, docs_file, url, sizes)
        best = min(timed, key=lambda r: r["seconds"])
        with FaultProxy(url) as proxy:  # count the best batch size once more, through the proxy
            counted = _node(node, docs_file, proxy.url, str(best["batch_size"]))[0]
            assert counted["docs_written"] == best["docs_written"]
            requests = len(proxy.log)
            wire = proxy.bytes_up + proxy.bytes_down
        return {"runs": timed, "best": best, "requests": requests, "wire_bytes": wire}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _node(node: str, docs_file: Path, url: str, sizes: str) -> list[dict[str, Any]]:
    out = subprocess.run(
        [node, str(BENCH / "sync_pouchdb.js"), str(docs_file), url, sizes],
        cwd=BENCH, capture_output=True, text=True, timeout=900, check=True,
    )
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


# --- experiment: two pushes in flight ---------------------------------------------------------
def two_in_flight(sessions: int, segment: int) -> str:
    """Would two pushes in flight (two keep-alive connections, alternating batches) finish a
    first push sooner than one? One server, the app's own batch bodies (leased by
    ``lease_batch`` as the sync engine does), taken ``segment`` batches at a time and posted
    alternately one at a time on one connection or two at a time on two; each pair of adjacent
    segments gives a ratio (two / one), so load that drifts over seconds hits both alike. Prints
    markdown; writes nothing (the figures go into the section's hand-written analysis)."""
    import threading

    from digipunt_app.core import sync_engine_store as local
    from digipunt_app.core.sync_engine import DEFAULT_LEASE, utc_now
    from sync.client import SyncClient

    with tempfile.TemporaryDirectory(prefix="digipunt-bench-2flight-") as tmp:
        work = Path(tmp)
        make_store(work / "pc", sessions, random.Random(7))
        server = Server(work)
        try:
            store = Store.open(work / "pc", backup=False)
            SyncEngine(store).enrol(server.url, server.code, device_name="bench")
            state = local.load_state(store)
            bodies: list[tuple[bytes, str | None]] = []
            after = 0
            while True:
                batch = local.lease_batch(store, state, now=utc_now(), lease=DEFAULT_LEASE,
                                          limit=state.max_batch_records or 500,
                                          max_bytes=state.max_body_bytes or 5_000_000,
                                          after_outbox_id=after)
                if batch.scanned == 0:
                    break
                after = batch.last_outbox_id
                if batch.leased_ids:
                    bodies.append((batch.body, batch.encoding))
            store.close()
            clients = [SyncClient(server.url, state.token) for _ in range(2)]

            def post(client: SyncClient, chunk: list[tuple[bytes, str | None]]) -> None:
                for body, encoding in chunk:
                    answer = SyncClient.parse_push(*client.push_raw(body, encoding))
                    assert all(r.status == "accepted" for r in answer.results)

            def one(chunk: list[tuple[bytes, str | None]]) -> float:
                started = time.perf_counter()
                post(clients[0], chunk)
                return time.perf_counter() - started

            def two(chunk: list[tuple[bytes, str | None]]) -> float:
                threads = [threading.Thread(target=post, args=(clients[k], chunk[k::2]))
                           for k in (0, 1)]
                started = time.perf_counter()
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                return time.perf_counter() - started

            post(clients[0], bodies[:1])  # warm-up: not timed
            clients[1].health()
            rest = bodies[1:]
            ones: list[float] = []
            twos: list[float] = []
            cpu_one = cpu_two = 0.0
            loads: list[float] = []
            for i in range(len(rest) // (2 * segment)):
                first = rest[2 * i * segment:(2 * i + 1) * segment]
                second = rest[(2 * i + 1) * segment:(2 * i + 2) * segment]
                loads.append(os.getloadavg()[0])
                for mode, chunk in ((one, first), (two, second)) if i % 2 == 0 else (
                        (two, first), (one, second)):
                    before = process_cpu(server.proc.pid) or 0.0
                    seconds = mode(chunk)
                    used = (process_cpu(server.proc.pid) or 0.0) - before
                    if mode is one:
                        ones.append(seconds)
                        cpu_one += used
                    else:
                        twos.append(seconds)
                        cpu_two += used
            for client in clients:
                client.close()
        finally:
            server.stop()
    ratios = [b / a for a, b in zip(ones, twos, strict=True)]
    quartiles = statistics.quantiles(ratios, n=4)
    pushes = len(ones) * segment
    return "\n".join([
        f"Two pushes in flight vs one, {datetime.now(UTC):%Y-%m-%d}: {len(ratios)} pairs of "
        f"{segment}-batch segments (500 records a batch, SQLite server), load "
        f"{min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores.",
        "",
        "| | one in flight | two in flight |",
        "|---|---|---|",
        f"| wall per push (median of segments) | {statistics.median(ones) / segment * 1e3:.0f} ms "
        f"| {statistics.median(twos) / segment * 1e3:.0f} ms |",
        f"| wall in all ({pushes} pushes each) | {sum(ones):.2f} s | {sum(twos):.2f} s |",
        f"| server CPU per push | {cpu_one / pushes * 1e3:.0f} ms "
        f"| {cpu_two / pushes * 1e3:.0f} ms |",
        "",
        f"Time ratio two / one per pair: median {statistics.median(ratios):.2f}, quartiles "
        f"{quartiles[0]:.2f}-{quartiles[2]:.2f}.",
    ]) + "\n"


# --- experiment: the server's batch size -------------------------------------------------------
def batch_sizes(sessions: int, sizes: list[int], rounds: int) -> str:
    """The first push of ``sessions`` with the server's ``max_batch_records`` (which the app
    takes from ``/v1/sync/config``) at each of ``sizes``: ``rounds`` timed runs each, as
    ``run_ours`` times them, sizes interleaved and their order alternating per round (load that
    drifts hits all alike). Prints markdown; writes nothing."""
    results: dict[int, list[dict[str, Any]]] = {size: [] for size in sizes}
    loads: list[float] = []
    with tempfile.TemporaryDirectory(prefix="digipunt-bench-batch-") as tmp:
        work = Path(tmp)
        make_store(work / "template", sessions, random.Random(2026))
        run = 0
        for r in range(rounds):
            for size in sizes if r % 2 == 0 else sizes[::-1]:
                run += 1
                results[size].append(run_ours(work / "template", work, "timed", run, size))
                loads.append(os.getloadavg()[0])
                shutil.rmtree(work / f"ours-timed-{run}")
    lines = [
        f"First push of {sessions:,} sessions by the server's batch size, "
        f"{datetime.now(UTC):%Y-%m-%d}: {rounds} runs each, interleaved, SQLite server, load "
        f"{min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores.",
        "",
        "| max_batch_records | requests | best | median | app CPU (median) | server CPU (median) |",
        "|---|---|---|---|---|---|",
    ]
    for size, runs in results.items():
        med = {key: statistics.median(r[key] or 0.0 for r in runs)
               for key in ("seconds", "cpu", "server_cpu")}
        lines.append(
            f"| {size} | {runs[0]['requests']} | {min(r['seconds'] for r in runs):.2f} s | "
            f"{med['seconds']:.2f} s | {med['cpu']:.2f} s | {med['server_cpu']:.2f} s |")
    return "\n".join(lines) + "\n"


# --- report ----------------------------------------------------------------------------------
def report(n: int, timed: list[dict[str, Any]], counted: dict[str, Any], alone: dict[str, Any],
           peer: dict[str, Any] | None, doc_bytes: int) -> str:
    per_session = counted["wire_bytes"] / n
    ours = min(timed, key=lambda r: r["seconds"])  # the bar figure (module doc)
    ours_median = statistics.median(r["seconds"] for r in timed)
    lines = [
        f"First push of {n:,} sessions over loopback (SQLite server, {len(timed)} timed runs "
        f"each side, same run, {datetime.now(UTC):%Y-%m-%d}); bars from DESIGN.md §10.",
        "",
        "| what | Digipunt | PouchDB → pouchdb-server | ratio | bar | met |",
        "|---|---|---|---|---|---|",
    ]
    if peer:
        best = peer["best"]
        speed = best["seconds"] / ours["seconds"]
        lines.append(
            f"| time for the first push, best of {len(timed)} runs each (the bar figure) | "
            f"{ours['seconds']:.2f} s | {best['seconds']:.2f} s (batch_size "
            f"{best['batch_size']}) | {speed:.2f}× faster | ≥ 3× faster | "
            f"{'yes' if speed >= 3 else 'NO'} |"
        )
        peer_median = statistics.median(r["seconds"] for r in peer["runs"])
        lines.append(
            f"| time for the first push, median of {len(timed)} runs each (a check, not the "
            f"bar) | {ours_median:.2f} s | {peer_median:.2f} s | "
            f"{peer_median / ours_median:.2f}× faster | | |"
        )
        lines.append(
            f"| requests | {counted['requests']} | {peer['requests']} | "
            f"{peer['requests'] / counted['requests']:.1f}× fewer | ≤ 25 | "
            f"{'yes' if counted['requests'] <= 25 else 'NO'} |"
        )
        lines.append(
            f"| bytes per session on the wire (both ways, headers included) | "
            f"{per_session:.0f} | {peer['wire_bytes'] / n:.0f} | "
            f"{peer['wire_bytes'] / counted['wire_bytes']:.1f}× fewer | ≤ 120 | "
            f"{'yes' if per_session <= 120 else 'NO'} |"
        )
    else:
        lines.append(f"| time for the first push, best of {len(timed)} runs | "
                     f"{ours['seconds']:.2f} s | (node/pouchdb-server not installed: run "
                     "`npm install` in bench/) | | | |")
        lines.append(f"| requests | {counted['requests']} | | | ≤ 25 | "
                     f"{'yes' if counted['requests'] <= 25 else 'NO'} |")
        lines.append(f"| bytes per session on the wire | {per_session:.0f} | | | ≤ 120 | "
                     f"{'yes' if per_session <= 120 else 'NO'} |")
    lines.append(
        f"| idle sync (nothing to push or pull) | {ours['idle_requests']} request | | | 1 | "
        f"{'yes' if ours['idle_requests'] == 1 else 'NO'} |"
    )
    if peer:
        speed = peer["best"]["seconds"] / alone["seconds"]
        lines.append(
            f"| the app alone: same push to a stub that answers at once (not a bar) | "
            f"{alone['seconds']:.2f} s | {peer['best']['seconds']:.2f} s | {speed:.1f}× faster "
            f"| | |"
        )
    off_wire = ours["seconds"] - ours["server_seconds"]
    our_runs = " / ".join(f"{r['seconds']:.2f}" for r in timed)
    lines += [
        "",
        f"Our timed runs (each a fresh store copy and a fresh server database; half before "
        f"the peer's runs, half after): {our_runs} s. "
        f"What follows is about the fastest.",
        f"Our first sync = one pull (a new PC takes what the server has), "
        f"{counted['requests'] - 2} pushes of ≤ 500 records (gzip), one pull. One session is "
        f"{doc_bytes / n:.0f} bytes of JSON before compression. Of the {ours['seconds']:.2f} s, "
        f"a request was on the wire for {ours['server_seconds']:.2f} s (the server's work plus "
        f"loopback) and none for {off_wire:.2f} s: the app's share on the critical path "
        f"({off_wire / n * 1e6:.0f} µs per session: the first pull and its apply, the first "
        f"lease, handing each answer over; the rest of the app's work runs while a batch is on "
        f"the wire). The app process used {ours['cpu']:.2f} s of CPU in all (both threads, HTTP "
        f"included)." + (
            f" The server process used {ours['server_cpu']:.2f} s of CPU meanwhile (all its "
            f"threads), {ours['server_cpu'] / ours['server_seconds']:.0%} of the time a request "
            f"was on the wire."
            if ours.get("server_cpu") is not None else ""),
        f"The app alone (pushing to a stub that answers at once: it gunzips each body and picks "
        f"out ids and revs): "
        f"{alone['seconds']:.2f} s for the first sync, {alone['cpu']:.2f} s of app CPU "
        f"({alone['cpu'] / n * 1e6:.0f} µs per session), the stub's side "
        f"{alone['server_seconds']:.2f} s.",
        f"Machine load (1-minute average) at the start / end of our timed run: "
        f"{ours['load'][0]:.2f} / {ours['load'][1]:.2f} on {os.cpu_count()} cores.",
    ]
    if peer:
        by_size: dict[int, list[str]] = {}
        for r in peer["runs"]:
            by_size.setdefault(r["batch_size"], []).append(f"{r['seconds']:.2f}")
        runs = ", ".join(f"{size}: {' / '.join(times)} s" for size, times in by_size.items())
        lines.append(f"PouchDB (after one warm-up replication) by batch_size: {runs}.")
    return "\n".join(lines) + "\n"



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--two-in-flight", type=int, metavar="SEGMENT", default=0,
                        help="only the two-pushes-in-flight experiment (40,000 sessions unless "
                        "--sessions says otherwise; SEGMENT batches per timed segment); prints, "
                        "writes nothing")
    parser.add_argument("--batch-sizes", metavar="SIZES",
                        help="only the batch-size experiment: the server's max_batch_records at "
                        "each of these (comma-separated), interleaved; prints, writes nothing")
    parser.add_argument("--rounds", type=int, default=6, help="runs per size (--batch-sizes)")
    parser.add_argument("--stub-port", type=int, help=argparse.SUPPRESS)
    if sys.argv[1:2] == [SERVE_MAX_BATCH]:  # a child of --batch-sizes: the server itself
        return serve_max_batch(int(sys.argv[2]), sys.argv[3:])
    args = parser.parse_args()
    if args.stub_port:
        serve_stub(args.stub_port)
        return 0
    if args.batch_sizes:
        print(batch_sizes(args.sessions, [int(s) for s in args.batch_sizes.split(",")],
                          args.rounds))
        return 0
    if args.two_in_flight:
        sessions = args.sessions if args.sessions != 10_000 else 40_000
        print(two_in_flight(sessions, args.two_in_flight))
        return 0
    n = args.sessions
    with tempfile.TemporaryDirectory(prefix="digipunt-bench-sync-") as tmp:
        work = Path(tmp)
        template = work / "template"
        make_store(template, n, random.Random(2026))
        docs_file = work / "docs.json"
        export_docs(template, docs_file)
        doc_bytes = sum(len(json.dumps(d, separators=(",", ":")))
                        for d in json.loads(docs_file.read_text()))
        half = OURS_RUNS // 2  # half of our timed runs before the peer's, half after
        timed = [run_ours(template, work, "timed", i) for i in range(half)]
        counted = run_ours(template, work, "counted")
        alone = run_ours(template, work, "alone")
        peer = run_pouchdb(docs_file, work)
        timed += [run_ours(template, work, "timed", i) for i in range(half, OURS_RUNS)]
    text = "## Sync (bench/sync_push.py)\n\n" + report(n, timed, counted, alone, peer, doc_bytes)
    print(text)
    if not args.no_write:
        write_section(ROOT / "BENCHMARKS.md", SECTION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
