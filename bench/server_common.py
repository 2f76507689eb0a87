"""Shared by the server benchmarks: databases, a server child process, BENCHMARKS.md sections."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
SECTION = "server"



def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


#: The settings of the bench's PostgreSQL cluster: what docs/DEPLOY.md §2 tells a coordinator to
#: set (durable: ``fsync``, ``synchronous_commit`` and ``full_page_writes`` stay on, as by
#: default). The tests' cluster turns durability off to run fast; a bench must not.
PG_SETTINGS = {
    "fsync": "on",
    "synchronous_commit": "on",
    "full_page_writes": "on",
    "max_connections": "100",
    "shared_buffers": "128MB",
}

#: The PostgreSQL cluster of the last ``postgres_url`` (its postmaster pid, for ``cpu_seconds``).
PG_CLUSTER: dict[str, Any] = {}


@contextmanager
def postgres_url() -> Iterator[str]:
    """A fresh database on a throw-away cluster set up as DEPLOY.md says, or $BENCH_PG_URL."""
    PG_CLUSTER.clear()
    if os.environ.get("BENCH_PG_URL"):
        yield os.environ["BENCH_PG_URL"]
        return
    sys.path.insert(0, str(ROOT))
    from tests.fixtures.postgres import PgCluster, _admin, _pg_bin

    bindir = _pg_bin()
    if bindir is None:
        raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
    cluster = PgCluster(bindir)
    settings = dict(PG_SETTINGS)
    stats = os.environ.get("BENCH_PG_STATS")  # a file: the top statements are written there
    if stats:
        settings["shared_preload_libraries"] = "pg_stat_statements"
    cluster.start(settings)
    PG_CLUSTER["postmaster"] = int(
        (cluster.data / "postmaster.pid").read_text().split()[0]
    )
    PG_CLUSTER["log"] = cluster.root / "log"
    try:
        name = "bench_" + uuid.uuid4().hex[:8]
        _admin(cluster.url(), f'CREATE DATABASE "{name}"')
        if stats:
            _admin(cluster.url(name), "CREATE EXTENSION pg_stat_statements")
        yield cluster.url(name)
        if stats:
            _write_statement_stats(cluster.url(name), Path(stats))
    finally:
        cluster.stop()


def _write_statement_stats(url: str, out: Path) -> None:
    """The statements PostgreSQL spent most time on (profiling aid, ``BENCH_PG_STATS=FILE``)."""
    import psycopg

    with psycopg.connect(url.replace("+psycopg", "")) as conn:
        rows = conn.execute(
            "SELECT calls, round(total_exec_time::numeric, 1), round(total_plan_time::numeric, 1),"
            " rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) FROM pg_stat_statements"
            " ORDER BY total_exec_time + total_plan_time DESC LIMIT 40"
        ).fetchall()
    with out.open("a", encoding="utf-8") as f:
        f.write("calls | exec ms | plan ms | rows | query\n")
        for row in rows:
            f.write(" | ".join(str(v) for v in row) + "\n")


def postgres_cpu_seconds() -> float:
    """CPU time used so far by the bench cluster's backends (0 with $BENCH_PG_URL).

    Backends are children of the postmaster; the server's connections stay open over the timed
    rounds (pooled), so the difference over a round is what PostgreSQL spent on it."""
    pid = PG_CLUSTER.get("postmaster")
    return 0.0 if pid is None else cpu_seconds(pid)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by process ``pid`` and its live children (Linux)."""
    total = 0.0
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            children = [int(c) for c in f.read().split()]
    except OSError:
        return total
    return total + sum(cpu_seconds(child) for child in children)


@contextmanager
def server_process(
    db_url: str, workers: int = 1, pids: list[int] | None = None
) -> Iterator[str]:
    """``digipunt-server serve`` in a child process (its own GIL); yields the base URL.

    ``pids`` (when given) receives the child's pid (for ``cpu_seconds``)."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, *os.environ.get("BENCH_SERVER_PYARGS", "").split(), "-m",
         "sync.server.cli", "serve", "--db", db_url, "--port", str(port),
         "--workers", str(workers)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=open(os.environ.get("BENCH_SERVER_LOG", os.devnull), "ab"),  # noqa: SIM115
    )
    url = f"http://127.0.0.1:{port}"
    if pids is not None:
        pids.append(proc.pid)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError("server exited")
            try:
                if requests.get(url + "/v1/health", timeout=1).ok:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def write_subsection(name: str, body: str) -> None:
    """Replace (or add) ``<!-- server:NAME -->`` inside the ``server`` section of BENCHMARKS.md."""
    path = ROOT / "BENCHMARKS.md"
    start, end = f"<!-- section: {SECTION} -->", f"<!-- /section: {SECTION} -->"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(start) + r"\n?(.*?)" + re.escape(end), re.S)
    found = pattern.search(text)
    inner = found.group(1) if found else "## Server (digipunt-server)\n\n"
    sub_start, sub_end = f"<!-- server:{name} -->", f"<!-- /server:{name} -->"
    block = f"{sub_start}\n{body.strip()}\n{sub_end}\n"
    sub = re.compile(re.escape(sub_start) + r".*?" + re.escape(sub_end) + r"\n?", re.S)
    inner = sub.sub(lambda _m: block, inner) if sub.search(inner) else inner + "\n" + block
    section = f"{start}\n{inner.strip()}\n{end}"
    if found:
        text = pattern.sub(lambda _m: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
