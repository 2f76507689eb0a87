"""kill -9 in the middle of a push: of the server (SQLite and PostgreSQL) and of a headless client
(``python -m digipunt_app sync``). After a restart: nothing lost, nothing doubled."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from digipunt_app.core.sync_engine import SyncResult
from sync.server import models as server_models
from tests.e2e.harness import Desk, server_versions, sync_until_clean

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    made = Desk(tmp_path / "pc")
    yield made
    made.close()


def _versions_on_server(db) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(server_models.RecordVersion)) or 0)


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.005)


def _exactly(desk: Desk, db, punt: str, ids: list[str]) -> None:
    on_server = server_versions(db, punt)
    assert set(on_server) == set(ids)
    assert desk.versions() == on_server
    assert desk.pending() == 0
    assert _versions_on_server(db) == len(ids)  # each version once: (id, rev) never twice


@pytest.mark.slow
def test_server_killed_mid_batch(server_process, server_db_url, desk: Desk) -> None:
    proc = server_process(server_db_url)
    bank = proc.add_digibank("Digibank Leie")
    punt = proc.add_digipunt(bank, "Bib Gent")
    desk.enrol(proc.url, proc.enrol_code(punt))
    ids = desk.bulk_record(1500, random.Random(3))

    outcome: list[SyncResult] = []
    pushing = threading.Thread(target=lambda: outcome.append(desk.sync()))
    pushing.start()
    _wait_for(lambda: _versions_on_server(proc.db) > 0, "the first batch to land")
    proc.kill()
    pushing.join(timeout=60)
    assert outcome and not outcome[0].ok  # the sync noticed; nothing was dropped
    landed = _versions_on_server(proc.db)
    assert 0 < landed < len(ids)

    proc.start()  # same port, same database
    sync_until_clean([desk], rounds=2)
    _exactly(desk, proc.db, punt, ids)


@pytest.mark.slow
def test_headless_client_killed_mid_push(live_server, tmp_path: Path, desk: Desk) -> None:
    from sync.server.settings import Settings

    srv = live_server(settings=Settings(max_batch_records=50))
    bank = srv.add_digibank("Digibank Leie")
    punt = srv.add_digipunt(bank, "Bib Gent")
    desk.enrol(srv.url, srv.enrol_code(punt))
    ids = desk.bulk_record(1000, random.Random(5))
    desk.store.close()  # the child process owns the file now

    env = dict(os.environ, PYTHONPATH=str(REPO))
    child = subprocess.Popen(
        [sys.executable, "-m", "digipunt_app", "--data-dir", str(desk.data_dir), "sync"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(lambda: _versions_on_server(srv.db) >= 100 or child.poll() is not None,
                  "the child to push a few batches")
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    landed = _versions_on_server(srv.db)
    assert 0 < landed < len(ids), child.stdout.read().decode() if child.stdout else ""

    restarted = subprocess.run(
        [sys.executable, "-m", "digipunt_app", "--data-dir", str(desk.data_dir), "sync"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert restarted.returncode == 0, restarted.stdout + restarted.stderr
    reopened = Desk(desk.data_dir)
    try:
        _exactly(reopened, srv.db, punt, ids)
    finally:
        reopened.close()
