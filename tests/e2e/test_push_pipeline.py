"""The pipelined push against the real server on 127.0.0.1 (issue 4): while one batch is on the
wire the next one is leased and queued behind it, and goes out the moment the answer is in. A
failed push must stop the queue (the batch behind it is never sent, both leases are lifted), and a
server whose limits are lower than the config said (413) must get smaller batches, each session
exactly once in the end. Nothing of ours is mocked."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from digipunt_app.core import sync_engine_store as local
from sync.protocol import SyncConfig
from sync.server.settings import Settings
from tests.e2e.faultproxy import FaultProxy
from tests.e2e.harness import Desk, server_version_rows, server_versions


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    made = Desk(tmp_path / "pc")
    yield made
    made.close()


def _punt(srv) -> str:
    return srv.add_digipunt(srv.add_digibank(f"Digibank {random.random()}"), "Bib Gent")


def _leased(desk: Desk) -> int:
    with desk.store.session() as db:
        return int(local._raw(db).execute(
            "SELECT count(*) FROM outbox WHERE lease_until IS NOT NULL"
        ).fetchone()[0])


def _fail_push(number: int) -> tuple[Callable[[str, str], str | None], list[str]]:
    """A proxy rule: the ``number``-th push gets a 502; every push's fault is noted."""
    seen: list[str] = []
    lock = threading.Lock()

    def rule(_method: str, path: str) -> str | None:
        if not path.startswith("/v1/sync/push"):
            return None
        with lock:
            seen.append("bad_gateway" if len(seen) + 1 == number else "pass")
            return seen[-1] if seen[-1] != "pass" else None

    return rule, seen


def test_a_batch_queued_behind_a_failed_push_is_never_sent(live_server, desk) -> None:
    srv = live_server(settings=Settings(max_batch_records=5))
    punt = _punt(srv)
    with FaultProxy(srv.url) as proxy:
        desk.enrol(proxy.url, srv.enrol_code(punt))
        ids = {desk.record() for _ in range(20)}
        rule, pushes = _fail_push(2)
        proxy.set_rule(rule)
        failed = desk.sync()
        assert not failed.ok
        # The first batch landed, the second failed; the third (queued behind the second)
        # never went out, and nothing was pulled after the failure.
        assert pushes == ["pass", "bad_gateway"]
        assert [f for _m, _p, f in proxy.log][-1] == "bad_gateway"  # nothing after it
        assert failed.accepted == 5 and desk.pending() == 15
        assert _leased(desk) == 0  # both leases lifted: the next sync can send them at once
        assert len(server_versions(srv.db, punt)) == 5

        proxy.clear()
        again = desk.sync()
        assert again.ok and again.accepted == 15 and desk.pending() == 0
    on_server = server_versions(srv.db, punt)
    assert set(on_server) == ids and server_version_rows(srv.db) == 20
    assert desk.versions() == on_server


def test_a_server_below_its_config_gets_smaller_batches(live_server, desk) -> None:
    srv = live_server(settings=Settings(max_batch_records=7))
    punt = _punt(srv)
    desk.enrol(srv.url, srv.enrol_code(punt))
    # The stored config says more than the server takes (it was lowered after enrolment).
    local.save_config(
        desk.store,
        SyncConfig(max_batch_records=50, max_body_bytes=5_000_000, server_time=desk.now()),
        now=desk.now(),
    )
    ids = {desk.record() for _ in range(40)}
    result = desk.sync()
    assert result.ok, result.error
    assert result.accepted == 40 and result.duplicates == 0 and desk.pending() == 0
    on_server = server_versions(srv.db, punt)
    assert set(on_server) == ids and server_version_rows(srv.db) == 40
    assert desk.versions() == on_server
    assert _leased(desk) == 0
