"""The pull the fast path answers (on PostgreSQL one statement, ``pull.pull_json_pg``) equals the
pull of the model (``pull.pull``) page by page: sessions and helpers only, several pages, times
with and without microseconds, a deletion, an edit, a record purged meanwhile, own versions left
out after the start, a cursor past the end of the feed, a revoked device."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import requests
from sqlalchemy import delete, func, select

from sync.protocol import PullResponse
from sync.server.auth import DeviceCaller
from sync.server.models import Change, Helper
from sync.server.pull import pull
from tests.sync.server.records import batch, record, session_payload


def _push(srv, token: str, *records: dict) -> None:
    r = requests.post(srv.url + "/v1/sync/push", data=json.dumps(batch(*records)),
                      headers={"Authorization": f"Bearer {token}",
                               "Content-Type": "application/json"}, timeout=60)
    assert r.status_code == 200, r.text
    assert {x["status"] for x in r.json()["results"]} == {"accepted"}


def _get(srv, token: str, cursor: int, limit: int) -> requests.Response:
    return requests.get(srv.url + "/v1/sync/pull", params={"cursor": cursor, "limit": limit},
                        headers={"Authorization": f"Bearer {token}"}, timeout=30)


def _page_equals_model(srv, dev, name: str, cursor: int, limit: int) -> PullResponse:
    r = _get(srv, dev.token, cursor, limit)
    assert r.status_code == 200, r.text
    got = PullResponse.model_validate_json(r.content)
    want = pull(srv.db, DeviceCaller(dev.device_id, dev.digipunt_id, name), cursor, limit,
                got.server_time)
    assert got == want
    return got


def _pull_to_end(srv, dev, name: str, cursor: int, limit: int) -> tuple[list, int, int]:
    changes, pages = [], 0
    while True:
        page = _page_equals_model(srv, dev, name, cursor, limit)
        changes += page.changes
        cursor, pages = page.next_cursor, pages + 1
        if not page.has_more:
            return changes, cursor, pages


def test_pull_pages_equal_the_model_pull(live_server, server_db_url) -> None:
    srv = live_server(server_db_url)
    a = srv.enrolled(name="pc-a")
    b = srv.enrolled(digipunt=a.digipunt_id, name="pc-b")
    stranger = srv.enrolled(name="elsewhere")
    _, b_cursor, _ = _pull_to_end(srv, b, "pc-b", 0, 1000)  # catalog and digipunt (the start)
    _, a_cursor, _ = _pull_to_end(srv, a, "pc-a", 0, 1000)

    punt = a.digipunt_id
    whole = record(session_payload(punt, notes="café – “notities” ✓"))
    fraction = {**record(session_payload(punt)),
                "updated_at": datetime(2026, 11, 23, 10, 0, 5, 120, tzinfo=UTC).isoformat()}
    gone = record(session_payload(punt), deleted=True)
    helper = record({"digipunt_id": punt, "display_name": "Mieke"}, type="helper")
    purged = record({"digipunt_id": punt, "display_name": "Jan"}, type="helper")
    _push(srv, a.token, whole, fraction, gone, helper, purged)
    _push(srv, stranger.token, record(session_payload(stranger.digipunt_id)))
    _push(srv, a.token, {**whole, "rev": 2, "base_rev": 1,
                         "payload": session_payload(punt, duration_min=45)})
    with srv.db.write() as s:  # a record gone from under its feed row (a purge meanwhile)
        s.execute(delete(Helper).where(Helper.id == purged["id"]))

    changes, b_cursor, pages = _pull_to_end(srv, b, "pc-b", b_cursor, 2)
    assert pages >= 2
    assert sorted((c.type, c.id, c.rev) for c in changes) == sorted([
        ("help_session", fraction["id"], 1), ("help_session", gone["id"], 1),
        ("helper", helper["id"], 1), ("help_session", whole["id"], 2)])
    assert changes[-1].id == whole["id"]  # edited last: at the end of the feed
    assert [c.seq for c in changes] == sorted(c.seq for c in changes)
    assert next(c for c in changes if c.id == gone["id"]).deleted
    assert next(c for c in changes if c.id == fraction["id"]).updated_at.microsecond == 120
    assert next(c for c in changes if c.id == whole["id"]).payload["duration_min"] == 45
    # idle: nothing new, the cursor stays
    idle = _page_equals_model(srv, b, "pc-b", b_cursor, 2)
    assert idle.changes == [] and idle.next_cursor == b_cursor and not idle.has_more

    # a's own versions are left out once it has a cursor; b's edit comes to a
    _push(srv, b.token, {**helper, "rev": 2, "base_rev": 1,
                         "payload": {"digipunt_id": punt, "display_name": "Mieke V."}})
    changes, _, _ = _pull_to_end(srv, a, "pc-a", a_cursor, 2)
    assert [(c.type, c.id, c.rev) for c in changes] == [("helper", helper["id"], 2)]

    # a PC restored from a backup pulls from 0 in pages: its own versions come on every page
    changes, _, pages = _pull_to_end(srv, a, "pc-a", 0, 2)
    assert pages >= 4
    assert {whole["id"], fraction["id"], gone["id"]} <= {c.id for c in changes}

    # a cursor past the end of the feed (a restored server) starts again from 0
    with srv.db.session() as s:
        high = s.scalar(select(func.max(Change.seq)))
    restart = _page_equals_model(srv, b, "pc-b", high + 1000, 1000)
    assert {c.type for c in restart.changes} >= {"catalog", "help_session", "helper"}

    srv.revoke_device(b.device_id)
    assert _get(srv, b.token, b_cursor, 2).status_code == 401
    assert _get(srv, "not-a-token", 0, 2).status_code == 401
