"""Several versions of one record in one push batch land in batch order (any client may send
them: rev 2 then rev 3 of a session, or a create and its edit)."""

from __future__ import annotations

import requests
from sqlalchemy import func, select

from sync.server.models import Conflict, HelpSession, RecordVersion
from tests.sync.server.records import batch, record, session_payload


def _push(srv, token: str, *records: dict) -> list[str]:
    r = requests.post(
        srv.url + "/v1/sync/push", json=batch(*records),
        headers={"Authorization": f"Bearer {token}"}, timeout=60,
    )
    assert r.status_code == 200, r.text
    return [x["status"] for x in r.json()["results"]]


def _versions(srv, record_id: str) -> list[int]:
    with srv.db.session() as s:
        return sorted(s.scalars(select(RecordVersion.rev).where(RecordVersion.id == record_id)))


def _conflicts(srv) -> int:
    with srv.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Conflict)) or 0)


def test_chain_of_versions_in_one_batch_is_accepted_in_order(live_server, server_db_url) -> None:
    srv = live_server(server_db_url)
    dev = srv.enrolled()
    punt = dev.digipunt_id
    v1 = record(session_payload(punt, duration_min=10))
    v2 = {**v1, "rev": 2, "base_rev": 1, "payload": session_payload(punt, duration_min=20)}
    v3 = {**v1, "rev": 3, "base_rev": 2, "payload": session_payload(punt, duration_min=30)}
    other = record(session_payload(punt, duration_min=5))

    # create + two edits of one session, with another session in between, in one request
    assert _push(srv, dev.token, v1, other, v2, v3) == [
        "accepted", "accepted", "accepted", "accepted"
    ]
    assert _versions(srv, v1["id"]) == [1, 2, 3]
    assert _conflicts(srv) == 0
    with srv.db.session() as s:
        current = s.get(HelpSession, v1["id"])
        assert current is not None and current.rev == 3 and current.duration_min == 30
    # the pull feed carries the session once, at its newest version
    pulled = requests.get(
        srv.url + "/v1/sync/pull", params={"cursor": 0},
        headers={"Authorization": f"Bearer {dev.token}"}, timeout=30,
    ).json()["changes"]
    mine = [c for c in pulled if c["id"] == v1["id"]]
    assert [(c["rev"], c["payload"]["duration_min"]) for c in mine] == [(3, 30)]

    # the same batch again changes nothing
    assert _push(srv, dev.token, v1, other, v2, v3) == ["duplicate"] * 4
    assert _versions(srv, v1["id"]) == [1, 2, 3]


def test_edits_on_top_of_a_stored_version_and_a_real_conflict(live_server, server_db_url) -> None:
    srv = live_server(server_db_url)
    dev = srv.enrolled()
    punt = dev.digipunt_id
    v1 = record(session_payload(punt, duration_min=10))
    assert _push(srv, dev.token, v1) == ["accepted"]
    v2 = {**v1, "rev": 2, "base_rev": 1, "payload": session_payload(punt, duration_min=20)}
    v3 = {**v1, "rev": 3, "base_rev": 2, "payload": session_payload(punt, duration_min=30)}
    # a rival rev 3 from base 2 after ours in the same batch is a conflict, kept once
    rival = {**v1, "rev": 3, "base_rev": 2, "payload": session_payload(punt, duration_min=99)}
    assert _push(srv, dev.token, v2, v3, rival) == ["accepted", "accepted", "conflict"]
    assert _versions(srv, v1["id"]) == [1, 2, 3]
    assert _conflicts(srv) == 1
    with srv.db.session() as s:
        assert s.get(HelpSession, v1["id"]).duration_min == 30
