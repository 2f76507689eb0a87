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

import requests

ROOT = Path(__file__).resolve().parents[1]
SECTION = "server"



def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def postgres_url() -> Iterator[str]:
    """A fresh database on a throw-away cluster (the tests' fixture code), or $BENCH_PG_URL."""
    if os.environ.get("BENCH_PG_URL"):
        yield os.environ["BENCH_PG_URL"]
        return
    sys.path.insert(0, str(ROOT))
    from tests.fixtures.postgres import PgCluster, _admin, _pg_bin

    bindir = _pg_bin()
    if bindir is None:
        raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
    cluster = PgCluster(bindir)
    cluster.start()
    try:
        name = "bench_" + uuid.uuid4().hex[:8]
        _admin(cluster.url(), f'CREATE DATABASE "{name}"')
        yield cluster.url(name)
    finally:
        cluster.stop()


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
