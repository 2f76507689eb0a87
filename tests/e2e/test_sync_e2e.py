"""The app's sync engine against the real server over real HTTP on 127.0.0.1 (issue 4).

Nothing of ours is mocked: the desks use the real store, the server is the real FastAPI app, and
faults come from a real TCP proxy in between (``faultproxy``). In every case the end state is
checked the same way: the server holds exactly the desks' sessions, each once, in the same version.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from digipunt_app.core.catalog import apply_catalog
from digipunt_app.core.sync_engine_store import resolve_conflict, sync_status
from sync.server.settings import Settings
from tests.e2e.faultproxy import FAULTS, FaultProxy
from tests.e2e.harness import (
    SERVICES,
    Desk,
    random_fields,
    server_conflicts,
    server_versions,
    sync_until_clean,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[Callable[..., Desk]]:
    made: list[Desk] = []

    def make(name: str = "pc", clock_offset: timedelta = timedelta(0)) -> Desk:
        made.append(Desk(tmp_path / f"{name}{len(made)}", clock_offset))
        return made[-1]

    yield make
    for desk in made:
        desk.close()


def _assert_server_matches(srv, desk_list: list[Desk], digipunt_id: str) -> None:
    """Every desk holds exactly what the server holds for the digipunt, each version once."""
    on_server = server_versions(srv.db, digipunt_id)
    for desk in desk_list:
        assert desk.pending() == 0
        assert desk.versions() == on_server


def _punt(srv) -> tuple[str, str]:
    bank = srv.add_digibank(f"Digibank {random.random()}")
    return bank, srv.add_digipunt(bank, "Bib Gent", municipality="Gent")


def test_sessions_before_enrolment_are_rehomed_and_sent(live_server, desks) -> None:
    srv = live_server()
    _bank, punt = _punt(srv)
    desk = desks()
    ids = {desk.record(services=("eid",)), desk.record(services=("itsme", "ebox"))}
    assert {v[2]["digipunt_id"] for v in desk.versions().values()} == {"local"}

    desk.enrol(srv.url, srv.enrol_code(punt))
    assert {v[2]["digipunt_id"] for v in desk.versions().values()} == {punt}
    result = desk.sync()
    assert result.ok and result.accepted == 2 and result.pending == 0
    assert set(server_versions(srv.db, punt)) == ids
    _assert_server_matches(srv, [desk], punt)

    idle = desk.sync()
    assert idle.ok and idle.requests == 1  # an idle sync is one request: the pull


def test_enrol_errors_are_plain_dutch(live_server, desks) -> None:
    from sync import client as sc

    srv = live_server()
    _bank, punt = _punt(srv)
    code = srv.enrol_code(punt)
    desk = desks()
    desk.enrol(srv.url, code)
    other = desks()
    with pytest.raises(sc.EnrolCodeInvalid) as used:
        other.enrol(srv.url, code)
    assert "al gebruikt" in str(used.value)
    with pytest.raises(sc.WrongAddress):
        other.enrol(srv.url + "/nope", srv.enrol_code(punt))
    assert not other.engine.state().enrolled


def test_every_fault_then_clean_sync_gives_exact_copy(live_server, desks) -> None:
    srv = live_server(settings=Settings(max_batch_records=7))
    _bank, punt = _punt(srv)
    rng = random.Random(11)
    with FaultProxy(srv.url, delay=0.05) as proxy:
        desk = desks()
        desk.enrol(proxy.url, srv.enrol_code(punt))
        ids: list[str] = []
        for kind in FAULTS:  # each fault at least once on a push, then on a pull
            for _ in range(5):
                ids.append(desk.record(services=(rng.choice(SERVICES),), **random_fields(rng)))
            desk.edit(rng.choice(ids), **random_fields(rng))
            proxy.inject(kind, path="/v1/sync/push")
            proxy.inject(kind, path="/v1/sync/pull")
            desk.sync()
            desk.sync()
        proxy.set_random(random.Random(5), rate=0.5)
        for step in range(12):
            ids.append(desk.record(services=(rng.choice(SERVICES),)))
            if step % 3 == 0:
                desk.delete(rng.choice(ids))
            else:
                desk.edit(rng.choice(ids), **random_fields(rng))
            desk.sync()
        assert proxy.faults_seen() == set(FAULTS)
        proxy.clear()
        sync_until_clean([desk], rounds=2)

    assert set(server_versions(srv.db, punt)) == set(ids)
    _assert_server_matches(srv, [desk], punt)
    assert desk.conflicts() == [] and server_conflicts(srv.db) == 0


def test_lost_answer_then_edit_is_resent_in_order_not_a_conflict(live_server, desks) -> None:
    srv = live_server()
    _bank, punt = _punt(srv)
    with FaultProxy(srv.url) as proxy:
        desk = desks()
        desk.enrol(proxy.url, srv.enrol_code(punt))
        session_id = desk.record()
        assert desk.sync().ok
        desk.edit(session_id, duration_min=45)
        proxy.inject("lose_response", path="/v1/sync/push")
        failed = desk.sync()
        assert not failed.ok and "niet bereikbaar" in (failed.error or "")
        assert server_versions(srv.db)[session_id][0] == 2  # the server did commit rev 2
        desk.edit(session_id, duration_min=60)
        result = desk.sync()
    assert result.ok and result.conflicts == 0, result
    assert server_versions(srv.db)[session_id][2]["duration_min"] == 60
    _assert_server_matches(srv, [desk], punt)


def test_two_pcs_of_one_digipunt_see_each_others_sessions(live_server, desks) -> None:
    srv = live_server()
    _bank, punt = _punt(srv)
    a, b = desks("a"), desks("b")
    a.enrol(srv.url, srv.enrol_code(punt))
    b.enrol(srv.url, srv.enrol_code(punt))
    made = {a.record(), a.record(services=("taxonweb",)), b.record(services=("vdab",))}
    sync_until_clean([a, b], rounds=2)
    assert set(a.versions()) == set(b.versions()) == made
    _assert_server_matches(srv, [a, b], punt)
    # a PC of another digipunt sees none of them
    _bank2, other_punt = _punt(srv)
    c = desks("c")
    c.enrol(srv.url, srv.enrol_code(other_punt))
    assert c.sync().ok and c.versions() == {}


def test_edit_conflict_is_surfaced_not_lost(live_server, desks) -> None:
    srv = live_server()
    _bank, punt = _punt(srv)
    a, b = desks("a"), desks("b")
    a.enrol(srv.url, srv.enrol_code(punt))
    b.enrol(srv.url, srv.enrol_code(punt))
    session_id = a.record()
    sync_until_clean([a, b], rounds=1)
    a.edit(session_id, duration_min=30, notes="versie van pc a")
    b.edit(session_id, duration_min=90, notes="versie van pc b")
    assert a.sync().ok
    result = b.sync()
    assert result.ok and result.conflicts == 1
    # The server copy (a's) won everywhere; b's version is kept on b and on the server.
    assert b.versions()[session_id][2]["notes"] == "versie van pc a"
    [conflict] = b.conflicts()
    assert conflict.local["notes"] == "versie van pc b"
    assert conflict.server is not None and conflict.server["notes"] == "versie van pc a"
    assert server_conflicts(srv.db) == 1
    # The volunteer keeps their own version: it becomes a new edit and reaches every PC.
    resolve_conflict(b.store, conflict.id, "local")
    sync_until_clean([b, a], rounds=2)
    assert a.versions()[session_id][2]["notes"] == "versie van pc b"
    assert b.conflicts() == []
    _assert_server_matches(srv, [a, b], punt)


@pytest.mark.parametrize("offset_days", [3, -3])
def test_clock_days_off_loses_nothing_and_warns(live_server, desks, offset_days: int) -> None:
    srv = live_server()
    _bank, punt = _punt(srv)
    off = desks("off", clock_offset=timedelta(days=offset_days))
    right = desks("right")
    off.enrol(srv.url, srv.enrol_code(punt))
    right.enrol(srv.url, srv.enrol_code(punt))
    made = [off.record(), right.record(), off.record(services=("email",))]
    off.edit(made[0], duration_min=20)
    result = off.sync()
    assert result.ok and result.clock_warning
    assert off.engine.state().clock_warning
    assert abs(result.clock_skew_seconds + offset_days * 86400) < 120
    sync_until_clean([right, off], rounds=2)
    assert not right.engine.state().clock_warning
    assert set(server_versions(srv.db, punt)) == set(made)
    _assert_server_matches(srv, [off, right], punt)


def test_revoked_device_keeps_its_queue_and_says_so(live_server, desks) -> None:
    srv = live_server()
    _bank, punt = _punt(srv)
    desk = desks()
    desk.enrol(srv.url, srv.enrol_code(punt))
    assert desk.sync().ok
    srv.revoke_device(desk.engine.state().device_id)
    session_id = desk.record()
    result = desk.sync()
    assert not result.ok and result.revoked
    assert "ingetrokken" in (result.error or "")
    assert desk.engine.state().revoked
    assert desk.pending() == 1 and session_id in desk.versions()
    # Enrolling again with a new code sends what waited.
    desk.enrol(srv.url, srv.enrol_code(punt))
    assert not desk.engine.state().revoked
    assert desk.sync().ok
    assert session_id in server_versions(srv.db, punt)


def test_rejected_record_is_kept_with_its_reason(live_server, desks) -> None:
    srv = live_server()
    _bank, punt = _punt(srv)
    desk = desks()
    desk.enrol(srv.url, srv.enrol_code(punt))
    # This PC's catalog knows a service the server's does not (e.g. a newer app version).
    catalog = json.loads((REPO / "resources" / "catalog.json").read_text())
    catalog["version"] = 99
    catalog["services"].append(
        {"code": "cycling_app", "group": "basics", "active": True,
         "labels": {"nl": "Fietsapp", "fr": "Appli vélo", "en": "Cycling app"}}
    )
    apply_catalog(desk.store, catalog)
    kept = desk.record(services=("eid",))
    refused = desk.record(services=("cycling_app",))

    result = desk.sync()
    assert result.accepted == 1 and result.rejected == 1
    assert "cycling_app" in " ".join(result.rejected_details)
    assert set(server_versions(srv.db, punt)) == {kept}
    assert desk.pending() == 1 and refused in desk.versions()
    again = desk.sync()
    assert again.pushed == 0 and again.pending == 1  # not resent until edited
    assert sync_status(desk.store).rejected == 1
    desk.edit(refused, services=["eid"])
    assert desk.sync().accepted == 1
    _assert_server_matches(srv, [desk], punt)


def test_failures_back_off_with_jitter_and_success_resets(live_server, desks) -> None:
    from digipunt_app.core.sync_engine import BACKOFF_CAP_SECONDS, backoff_seconds

    srv = live_server()
    _bank, punt = _punt(srv)
    with FaultProxy(srv.url) as proxy:
        desk = desks()
        desk.enrol(proxy.url, srv.enrol_code(punt))
        assert desk.engine.due()
        proxy.inject("bad_gateway", count=3)
        waits = []
        for _ in range(3):
            assert not desk.sync().ok
            state = desk.engine.state()
            waits.append((state.next_attempt_at - desk.now()).total_seconds())
            assert not desk.engine.due()  # the timer leaves the server alone for a while
            desk.clock_offset += timedelta(seconds=BACKOFF_CAP_SECONDS + 1)
            assert desk.engine.due()
        assert desk.engine.state().failures == 3
        assert desk.sync().ok
    assert desk.engine.state().failures == 0 and desk.engine.state().next_attempt_at is None
    # Exponential ceilings (10 s, 20 s, 40 s...) with jitter below them, capped at 15 minutes.
    rng = random.Random(1)
    for failures in range(1, 30):
        ceiling = min(BACKOFF_CAP_SECONDS, 10 * 2 ** (failures - 1))
        assert ceiling / 10 <= backoff_seconds(failures, rng) <= ceiling
    assert all(0 < w <= BACKOFF_CAP_SECONDS for w in waits)
    assert len({round(w, 3) for w in waits}) == 3  # jittered, not one fixed delay
