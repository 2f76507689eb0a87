"""Benchmark: the server's cost per 500-session push, A/B between source trees (issue 4).

The first push of a new PC is 20 pushes of 500 sessions, one at a time; nearly all of its time
is the server's push handler. This bench posts the same 20 gzipped batches (realistic sessions,
UUIDv7 ids, as the app makes them) to ``digipunt-server serve`` (SQLite, a child process on
127.0.0.1) for each tree given, interleaved round by round, and prints per push:

- *wall*: from sending the request to the last byte of the answer (what the first push waits);
- *server CPU*: user + system CPU of the server process over the 20 pushes (/proc), which the
  machine's load changes far less than the wall time.

Trees are git revisions (exported with ``git archive`` into a temporary folder: ``sync``,
``resources``) or ``.`` for the working tree. Each run gets a fresh database made by that
tree's own code (its migrations).

    .venv/bin/python -m bench.push_handler [--rounds 3] [--batches 20] [--stages] [REV_OR_DOT ...]

Example: ``python -m bench.push_handler 6ffeb5a .`` (before / after this work). Prints markdown;
writes nothing.

``--stages`` runs the same pushes in process instead (no HTTP, one thread: the tree's
``parse_push``, its fast path's ``_PushJob`` under a transaction as the group writer runs it) and
prints the CPU per push of each stage: gunzip, parse, land, feed, commit, answer. Steadier than
the server's CPU (no thread hand-off, no socket), and it says where a change moved the cost.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import median
from typing import Any

from bench.server_common import cpu_seconds, free_port

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ("eid", "itsme", "csam", "taxonweb", "mypension", "ebox", "burgerprofiel", "smartphone",
            "email", "banking", "doccle", "vdab", "mijngezondheid", "phishing", "apps_updates")

# Run with the tree's own ``sync`` package: makes the database and a device, prints the ids.
SETUP = """
import json, sys, uuid
from sync.server import admin
from sync.server.db import Database
from sync.server.models import Device
from sync.server.tokens import hash_secret
db = Database(sys.argv[1]); admin.init(db)
punt = admin.add_digipunt(db, admin.add_digibank(db, "Bench"), "Bib Bench", "Gent", "library")
token, dev = "tok-" + uuid.uuid4().hex, str(uuid.uuid4())
with db.write() as s:
    s.add(Device(id=dev, digipunt_id=punt, name="pc", token_hash=hash_secret(token)))
db.dispose()
print(json.dumps({"punt": punt, "dev": dev, "token": token}))
"""


# Run with the tree's own ``sync`` package: argv = url, token, bodies file; prints CPU ms per stage.
STAGES = """
import gzip, json, sys, time
from datetime import UTC, datetime
from sync.protocol import PushResponse
from sync.server.app import create_app
from sync.server.fastpath import _PushJob, tune_gc
from sync.server.push import parse_push
from sync.server.rawsql import raw
from sync.server.tokens import hash_secret
url, token, path = sys.argv[1:4]
posts = json.load(open(path, encoding="latin-1"))
app = create_app(url)
tune_gc()
db, fast = app.state.db, app.sync_fast_path
conn = db.write_connection()
spent = {}
clock = time.process_time
for n, text in enumerate(posts):
    marks = [clock()]
    body = gzip.decompress(text.encode("latin-1"))
    marks.append(clock())
    job = _PushJob(db, hash_secret(token), parse_push(body), fast.services)
    marks.append(clock())
    tx = conn.begin()
    cur = raw(conn).cursor()
    cur.execute("SAVEPOINT dp_job")
    job.land(conn)
    cur.execute("RELEASE SAVEPOINT dp_job")
    marks.append(clock())
    job.feed(cur)
    marks.append(clock())
    tx.commit()
    marks.append(clock())
    answer = PushResponse(results=job.results, server_time=datetime.now(UTC))
    gzip.compress(answer.model_dump_json().encode(), 1, mtime=0)
    marks.append(clock())
    if n:  # the first push warms up (caches, prepared statements)
        for name, a, b in zip(("gunzip", "parse", "land", "feed", "commit", "answer"),
                              marks, marks[1:]):
            spent[name] = spent.get(name, 0.0) + (b - a) * 1000 / (len(posts) - 1)
conn.close()
db.dispose()
print(json.dumps(spent))
"""


def _wire(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def bodies(punt: str, device: str, batches: int, per: int = 500) -> list[bytes]:
    """``batches`` gzipped push bodies of ``per`` new sessions (seeded: the same every run)."""
    sys.path.insert(0, str(ROOT))
    from digipunt_app.core.ids import new_id
    from digipunt_app.core.visitor_code import generate

    rng = random.Random(4)
    now = datetime.now(UTC)
    out = []
    for _ in range(batches):
        records = []
        for i in range(per):
            started = now - timedelta(minutes=17 * (len(out) * per + i))
            payload: dict = {
                "digipunt_id": punt, "device_id": device, "started_at": _wire(started),
                "local_date": started.date().isoformat(),
                "duration_min": rng.choice((10, 15, 15, 20, 30, 45, 60)),
                "channel": rng.choice(("walk_in", "walk_in", "appointment", "phone")),
                "services": rng.sample(SERVICES, rng.choice((1, 1, 1, 2))),
                "outcome": rng.choice(("solved_together", "solved_by_visitor", "not_solved")),
                "age_band": rng.choice(("55_64", "65_74", "75_plus", "35_54")),
                "adult_confirmed": True, "language": "nl",
                "first_visit": rng.choice(("yes", "no", "unknown")),
            }
            if rng.random() < 0.3:
                payload["visitor_code"] = generate()
            if rng.random() < 0.7:
                payload["postcode"] = rng.choice(("9000", "9050", "9030"))
            payload["created_at"] = _wire(now)
            records.append({"type": "help_session", "id": new_id(), "rev": 1, "base_rev": 0,
                            "deleted": False, "updated_at": _wire(now), "payload": payload})
        body = {"batch_id": uuid.uuid4().hex, "client_time": _wire(now), "records": records}
        out.append(gzip.compress(json.dumps(body, separators=(",", ":")).encode(), 1))
    return out


def _tree(rev: str, into: Path) -> Path:
    if rev == ".":
        return ROOT
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev, "sync", "resources"], cwd=ROOT,
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def _fresh_db(tree: Path, tmp: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """A new database in ``tmp`` made by ``tree``'s code: (url, child env, its ids)."""
    url = f"sqlite:///{tmp}/server.db"
    env = {**os.environ, "PYTHONPATH": str(tree)}
    ids = json.loads(subprocess.run([sys.executable, "-c", SETUP, url], cwd=tree, env=env,
                                    check=True, capture_output=True, text=True).stdout)
    return url, env, ids


def one_run(tree: Path, batches: int) -> tuple[float, float]:
    """(wall ms, server CPU ms) per push for 20 pushes of 500 to a fresh server of ``tree``."""
    with tempfile.TemporaryDirectory() as tmp:
        url, env, ids = _fresh_db(tree, tmp)
        posts = bodies(ids["punt"], ids["dev"], batches)
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "sync.server.cli", "serve", "--db", url, "--host",
             "127.0.0.1", "--port", str(port)],
            cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    conn.request("GET", "/v1/health")
                    conn.getresponse().read()
                    break
                except OSError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise SystemExit(f"the server of {tree} did not start") from None
                    time.sleep(0.1)
            headers = {"Authorization": f"Bearer {ids['token']}",
                       "Content-Type": "application/json", "Content-Encoding": "gzip",
                       "Accept-Encoding": "gzip"}
            cpu0, t0 = cpu_seconds(proc.pid), time.perf_counter()
            for body in posts:
                conn.request("POST", "/v1/sync/push", body=body, headers=headers)
                answer = conn.getresponse()
                text = answer.read()
                if answer.status != 200:
                    raise SystemExit(f"push answered {answer.status}: {text[:300]!r}")
            wall, cpu = time.perf_counter() - t0, cpu_seconds(proc.pid) - cpu0
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return wall / batches * 1000, cpu / batches * 1000


def stages_run(tree: Path, batches: int) -> dict[str, float]:
    """CPU ms per push by stage, in process (``STAGES``): ``batches`` pushes after a warm-up."""
    with tempfile.TemporaryDirectory() as tmp:
        url, env, ids = _fresh_db(tree, tmp)
        path = Path(tmp) / "bodies.json"
        path.write_text(json.dumps([b.decode("latin-1") for b in
                                    bodies(ids["punt"], ids["dev"], batches + 1)]),
                        encoding="latin-1")
        out = subprocess.run([sys.executable, "-c", STAGES, url, ids["token"], str(path)],
                             cwd=tree, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _print_stages(got: dict[str, list[dict[str, float]]]) -> None:
    names = list(next(iter(got.values()))[0])
    print("| tree | " + " | ".join(names) + " | total |")
    print("|---|" + "---:|" * (len(names) + 1))
    for rev, runs in got.items():
        cells = [f"{median(r[n] for r in runs):.2f}" for n in names]
        totals = [sum(r.values()) for r in runs]
        print(f"| {rev} | " + " | ".join(cells) + f" | {median(totals):.2f} ms "
              f"({' / '.join(f'{t:.1f}' for t in totals)}) |")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("trees", nargs="*", default=["."], help="git revisions, or . (working tree)")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--batches", type=int, default=20)
    p.add_argument("--stages", action="store_true",
                   help="in process, CPU per push by stage (no server process)")
    args = p.parse_args()
    work = Path(tempfile.mkdtemp(prefix="push-handler-"))
    run = stages_run if args.stages else one_run
    try:
        trees = {rev: _tree(rev, work / f"t{i}") for i, rev in enumerate(args.trees)}
        got: dict[str, list[Any]] = {rev: [] for rev in trees}
        loads = [os.getloadavg()[0]]
        for _ in range(args.rounds):
            for rev, tree in trees.items():
                got[rev].append(run(tree, args.batches))
                loads.append(os.getloadavg()[0])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    where = "in process, CPU ms per push by stage" if args.stages else "SQLite"
    print(f"### Push handler: {args.batches} pushes of 500 new sessions, {where}, "
          f"{args.rounds} interleaved rounds\n")
    print(f"Load average (1 min) {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores. "
          "Per push; each cell: median (runs).\n")
    if args.stages:
        _print_stages(got)
        return 0
    print("| tree | wall per push | server CPU per push |")
    print("|---|---:|---:|")
    for rev, runs in got.items():
        walls = " / ".join(f"{w:.0f}" for w, _ in runs)
        cpus = " / ".join(f"{c:.0f}" for _, c in runs)
        print(f"| {rev} | {median(w for w, _ in runs):.1f} ms ({walls}) | "
              f"{median(c for _, c in runs):.1f} ms ({cpus}) |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
