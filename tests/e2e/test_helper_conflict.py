"""Two PCs of one digipunt change the same volunteer (helper): the edit that was still waiting on
a PC is never silently replaced by the server's version. It goes on top of it and reaches every PC
(docs/SYNC.md, "Volunteers"). Real store, real engine, real server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from digipunt_app.core import helpers
from digipunt_app.core import sync_engine_store as local
from sync.client import SyncClient
from sync.server import models as server_models
from tests.e2e.harness import Desk, sync_until_clean


@pytest.fixture
def two_desks(live_server, tmp_path: Path) -> Iterator[tuple[object, Desk, Desk]]:
    srv = live_server()
    bank = srv.add_digibank("Digibank Leie")
    punt = srv.add_digipunt(bank, "Bib Gent")
    a, b = Desk(tmp_path / "pc-a"), Desk(tmp_path / "pc-b")
    try:
        for desk in (a, b):
            desk.enrol(srv.url, srv.enrol_code(punt))
        yield srv, a, b
    finally:
        a.close()
        b.close()


def _names(desk: Desk) -> dict[str, tuple[str, bool]]:
    return {h.id: (h.display_name, h.active)
            for h in helpers.list_helpers(desk.store, include_inactive=True)}


def _server_helper(srv, helper_id: str) -> tuple[int, str]:
    with srv.db.session() as s:
        row = s.scalar(select(server_models.Helper).where(server_models.Helper.id == helper_id))
        return row.rev, row.payload["display_name"]


def _shared_helper(a: Desk, b: Desk) -> str:
    helper_id = helpers.add_helper(a.store, "Jan").id
    sync_until_clean([a, b], rounds=1)
    assert _names(b)[helper_id] == ("Jan", True)
    return helper_id


def test_rename_that_lost_at_the_server_is_kept_and_sent_again(two_desks) -> None:
    srv, a, b = two_desks
    helper_id = _shared_helper(a, b)
    helpers.rename_helper(a.store, helper_id, "Jan Peeters")
    assert a.sync().ok
    helpers.rename_helper(b.store, helper_id, "Jan P.")

    result = b.sync()  # its push loses (base rev 1, server rev 2); the pull brings rev 2
    assert result.ok and result.conflicts == 1
    assert _names(b)[helper_id] == ("Jan P.", True)  # what the volunteer typed here stays
    assert b.pending() == 1  # and waits to be sent on top of the server's version

    sync_until_clean([b, a], rounds=1)
    assert _server_helper(srv, helper_id) == (3, "Jan P.")
    assert _names(a)[helper_id] == _names(b)[helper_id] == ("Jan P.", True)
    assert a.pending() == b.pending() == 0


def test_pending_rename_is_kept_when_the_server_version_arrives_by_pull(two_desks) -> None:
    srv, a, b = two_desks
    helper_id = _shared_helper(a, b)
    helpers.set_helper_active(a.store, helper_id, False)
    assert a.sync().ok
    helpers.rename_helper(b.store, helper_id, "Jan B.")

    # b pulls before it pushed (as after a lost answer or from cursor 0): rev 2 arrives while
    # the rename waits
    state = local.load_state(b.store)
    client = SyncClient(state.server_url, state.token)
    try:
        page = client.pull(state.cursor, 1000)
    finally:
        client.close()
    assert any(c.id == helper_id and c.rev == 2 for c in page.changes)
    local.apply_pull(b.store, page, from_cursor=state.cursor)
    assert _names(b)[helper_id] == ("Jan B.", True)  # this PC's whole version stays
    assert b.pending() == 1

    sync_until_clean([b, a], rounds=1)
    assert _server_helper(srv, helper_id) == (3, "Jan B.")
    assert _names(a)[helper_id] == _names(b)[helper_id] == ("Jan B.", True)
    assert a.pending() == b.pending() == 0
    assert a.conflicts() == b.conflicts() == []


def test_same_change_on_both_pcs_is_no_new_version(two_desks) -> None:
    srv, a, b = two_desks
    helper_id = _shared_helper(a, b)
    helpers.rename_helper(a.store, helper_id, "Jan Peeters")
    helpers.rename_helper(b.store, helper_id, "Jan Peeters")
    sync_until_clean([a, b, a], rounds=1)
    assert _server_helper(srv, helper_id) == (2, "Jan Peeters")
    assert a.pending() == b.pending() == 0


def test_restored_backup_does_not_bring_back_an_old_name(live_server, tmp_path: Path) -> None:
    srv = live_server()
    punt = srv.add_digipunt(srv.add_digibank("Digibank Leie"), "Bib Gent")
    desk = Desk(tmp_path / "pc")
    try:
        desk.enrol(srv.url, srv.enrol_code(punt))
        helper_id = helpers.add_helper(desk.store, "Jan").id
        backup = desk.store.backup_dir / "digipunt-2026-10-01.sqlite3"
        desk.store.backup_to(backup)  # "Jan" still waiting to be sent
        assert desk.sync().ok
        helpers.rename_helper(desk.store, helper_id, "Jan Peeters")
        assert desk.sync().ok
    finally:
        desk.close()
    with open(tmp_path / "pc" / "digipunt.sqlite3", "r+b") as fh:
        fh.write(b"this is not a database file at all" * 200)

    restored = Desk(tmp_path / "pc")
    try:
        assert restored.store.restored_backup == backup and restored.pending() == 1
        assert restored.sync().ok
        # the name sent after the backup wins over the backup's waiting "Jan"
        assert _names(restored)[helper_id] == ("Jan Peeters", True)
        assert restored.pending() == 0
        assert _server_helper(srv, helper_id) == (2, "Jan Peeters")
    finally:
        restored.close()
