"""Push and pull against the real server over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
import json
from concurrent.futures import ThreadPoolExecutor

import requests
from sqlalchemy import func, select

from sync.server.models import Conflict, HelpSession, RecordVersion
from tests.sync.server.records import batch, record, session_payload


def _post(srv, token: str, body: dict, **kw) -> requests.Response:
    return requests.post(
        srv.url + "/v1/sync/push", json=body, headers={"Authorization": f"Bearer {token}"},
        timeout=60, **kw,
    )


def _pull(srv, token: str, cursor: int = 0, limit: int | None = None) -> dict:
    params = {"cursor": cursor} | ({"limit": limit} if limit else {})
    r = requests.get(srv.url + "/v1/sync/pull", params=params,
                     headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()


def _statuses(response: requests.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [r["status"] for r in response.json()["results"]]


def _count(srv, model, *where) -> int:
    with srv.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)))


def test_accept_then_duplicate_then_conflict_is_kept(live_server, server_db_url) -> None:
    srv = live_server(server_db_url)
    a = srv.enrolled(name="pc-a")
    b = srv.enrolled(digipunt=a.digipunt_id, name="pc-b")
    rec = record(session_payload(a.digipunt_id))
    assert _statuses(_post(srv, a.token, batch(rec))) == ["accepted"]
    assert _statuses(_post(srv, a.token, batch(rec))) == ["duplicate"]

    # b edits rev 1 -> 2 first; then a's own edit from rev 1 loses.
    b_edit = {**rec, "rev": 2, "base_rev": 1,
              "payload": session_payload(a.digipunt_id, duration_min=45)}
    a_edit = {**rec, "rev": 2, "base_rev": 1,
              "payload": session_payload(a.digipunt_id, duration_min=5)}
    assert _statuses(_post(srv, b.token, batch(b_edit))) == ["accepted"]
    answer = _post(srv, a.token, batch(a_edit)).json()["results"][0]
    assert answer["status"] == "conflict" and "rev 2" in answer["detail"]
    # resending the losing version keeps answering conflict, kept once
    assert _statuses(_post(srv, a.token, batch(a_edit))) == ["conflict"]
    assert _count(srv, Conflict, Conflict.record_id == rec["id"]) == 1
    with srv.db.session() as s:
        kept = s.scalar(select(Conflict).where(Conflict.record_id == rec["id"]))
        assert kept.payload["duration_min"] == 5 and kept.server_rev == 2
        assert s.get(HelpSession, rec["id"]).duration_min == 45
    # the server copy comes back to a by pull
    changes = _pull(srv, a.token)["changes"]
    mine = [c for c in changes if c["id"] == rec["id"]]
    assert mine and mine[0]["rev"] == 2 and mine[0]["payload"]["duration_min"] == 45
    entries = [e for e in srv_audit(srv) if e.action == "conflict"]
    assert len(entries) == 1 and rec["id"] in entries[0].detail


def srv_audit(srv):
    from sync.server import admin

    return admin.audit_entries(srv.db)


def test_invalid_records_are_rejected_and_the_rest_lands(live_server, server_db_url) -> None:
    srv = live_server(server_db_url)
    dev = srv.enrolled()
    good = record(session_payload(dev.digipunt_id))
    bad_service = record(session_payload(dev.digipunt_id, services=["no_such_service"]))
    bad_duration = record(session_payload(dev.digipunt_id, duration_min=0))
    bad_code = record(session_payload(dev.digipunt_id, visitor_code="ABCD-EFGH-Z"))
    helper = record({"digipunt_id": dev.digipunt_id, "display_name": "Marc"}, type="helper")
    results = _post(srv, dev.token, batch(bad_service, good, bad_duration, bad_code, helper))
    body = results.json()["results"]
    assert [r["status"] for r in body] == [
        "rejected", "accepted", "rejected", "rejected", "accepted"
    ]
    assert "no_such_service" in body[0]["detail"]
    assert "duration_min" in body[2]["detail"]
    assert "visitor_code" in body[3]["detail"]
    assert _count(srv, RecordVersion) == 2


def test_same_batch_posted_five_times_at_once_is_stored_once(live_server, server_db_url) -> None:
    srv = live_server(server_db_url)
    dev = srv.enrolled()
    records = [record(session_payload(dev.digipunt_id, duration_min=i + 1)) for i in range(40)]
    body = batch(*records)
    with ThreadPoolExecutor(5) as pool:
        answers = list(pool.map(lambda _: _post(srv, dev.token, body), range(5)))
    per_record: dict[str, list[str]] = {}
    for answer in answers:
        for res in answer.json()["results"]:
            per_record.setdefault(res["id"], []).append(res["status"])
    assert all(sorted(s) == ["accepted"] + ["duplicate"] * 4 for s in per_record.values())
    assert _count(srv, RecordVersion) == 40
    assert _count(srv, HelpSession) == 40
    # and the other PC of the digipunt receives each one exactly once
    other = srv.enrolled(digipunt=dev.digipunt_id)
    ids = [c["id"] for c in _pull(srv, other.token)["changes"] if c["type"] == "help_session"]
    assert sorted(ids) == sorted(r["id"] for r in records)


def test_concurrent_edits_of_one_record_accept_one_and_keep_the_rest(
    live_server, server_db_url
) -> None:
    srv = live_server(server_db_url)
    devs = [srv.enrolled(name="pc-0")]
    devs += [srv.enrolled(digipunt=devs[0].digipunt_id, name=f"pc-{i}") for i in range(1, 5)]
    rec = record(session_payload(devs[0].digipunt_id))
    assert _statuses(_post(srv, devs[0].token, batch(rec))) == ["accepted"]
    edits = [
        {**rec, "rev": 2, "base_rev": 1,
         "payload": session_payload(devs[0].digipunt_id, duration_min=100 + i)}
        for i in range(5)
    ]
    with ThreadPoolExecutor(5) as pool:
        answers = list(pool.map(lambda i: _post(srv, devs[i].token, batch(edits[i])), range(5)))
    statuses = sorted(_statuses(a)[0] for a in answers)
    assert statuses == ["accepted"] + ["conflict"] * 4
    assert _count(srv, Conflict) == 4
    assert _count(srv, RecordVersion, RecordVersion.id == rec["id"]) == 2


def test_resend_after_lost_answer_changes_nothing(live_server, server_db_url) -> None:
    srv = live_server(server_db_url)
    dev = srv.enrolled()
    records = [record(session_payload(dev.digipunt_id)) for _ in range(5)]
    first = batch(*records)
    _statuses(_post(srv, dev.token, first))  # "the answer was lost"
    edit = {**records[0], "rev": 2, "base_rev": 1,
            "payload": session_payload(dev.digipunt_id, outcome="not_solved")}
    resend = batch(*records, edit)  # the client resends everything plus a new edit
    assert _statuses(_post(srv, dev.token, resend)) == ["duplicate"] * 5 + ["accepted"]
    assert _statuses(_post(srv, dev.token, resend)) == ["duplicate"] * 6
    assert _count(srv, RecordVersion) == 6 and _count(srv, Conflict) == 0


def test_pull_pages_in_order_and_leaves_out_own_versions_after_the_start(
    live_server, server_db_url
) -> None:
    srv = live_server(server_db_url)
    a = srv.enrolled(name="pc-a")
    b = srv.enrolled(digipunt=a.digipunt_id, name="pc-b")
    stranger = srv.enrolled(name="elsewhere")
    _post(srv, stranger.token, batch(record(session_payload(stranger.digipunt_id))))
    mine = [record(session_payload(a.digipunt_id)) for _ in range(7)]
    _post(srv, a.token, batch(*mine))

    # a fresh PC (cursor 0) gets catalog, digipunt and everything of its digipunt, in pages
    seen, cursor, pages = [], 0, 0
    while True:
        page = _pull(srv, b.token, cursor, limit=3)
        seen += page["changes"]
        cursor, pages = page["next_cursor"], pages + 1
        if not page["has_more"]:
            break
    assert pages >= 3
    seqs = [c["seq"] for c in seen]
    assert seqs == sorted(seqs)
    kinds = {c["type"] for c in seen}
    assert kinds == {"catalog", "digipunt", "help_session"}
    assert sorted(c["id"] for c in seen if c["type"] == "help_session") == sorted(
        r["id"] for r in mine
    )
    catalog = next(c for c in seen if c["type"] == "catalog")
    assert catalog["payload"]["version"] == 1 and len(catalog["payload"]["services"]) > 20
    # idle: nothing new
    assert _pull(srv, b.token, cursor)["changes"] == []
    # a's own pushes are not sent back to a once it has a cursor; b's edit is
    a_cursor = _pull(srv, a.token)["next_cursor"]
    _post(srv, a.token, batch(record(session_payload(a.digipunt_id))))
    edit = {**mine[0], "rev": 2, "base_rev": 1,
            "payload": session_payload(a.digipunt_id, duration_min=33)}
    _post(srv, b.token, batch(edit))
    page = _pull(srv, a.token, a_cursor)
    assert [(c["id"], c["rev"]) for c in page["changes"]] == [(mine[0]["id"], 2)]
    assert page["next_cursor"] > a_cursor


def test_gzip_body_and_size_limits(live_server, server_db_url) -> None:
    from sync.server.settings import Settings

    srv = live_server(server_db_url, settings=Settings(max_body_bytes=20_000,
                                                       max_batch_records=10))
    dev = srv.enrolled()
    headers = {"Authorization": f"Bearer {dev.token}", "Content-Type": "application/json"}
    small = batch(*[record(session_payload(dev.digipunt_id)) for _ in range(3)])
    r = requests.post(srv.url + "/v1/sync/push", data=gzip.compress(json.dumps(small).encode()),
                      headers=headers | {"Content-Encoding": "gzip"}, timeout=30)
    assert _statuses(r) == ["accepted"] * 3

    too_many = batch(*[record(session_payload(dev.digipunt_id)) for _ in range(11)])
    r = _post(srv, dev.token, too_many)
    assert r.status_code == 413 and "at most 10" in r.json()["detail"]

    big = json.dumps(batch(record(session_payload(dev.digipunt_id, notes="x" * 400))) | {
        "padding": " " * 30_000}).encode()
    r = requests.post(srv.url + "/v1/sync/push", data=big, headers=headers, timeout=30)
    assert r.status_code == 413
    assert r.headers["content-type"].startswith("application/problem+json")
    # a zip bomb: small on the wire, over the limit once inflated
    bomb = gzip.compress(b'{"batch_id": "' + b"a" * 200_000 + b'"}')
    assert len(bomb) < 20_000
    r = requests.post(srv.url + "/v1/sync/push", data=bomb,
                      headers=headers | {"Content-Encoding": "gzip"}, timeout=30)
    assert r.status_code == 413 and "unzipped" in r.json()["detail"]
    r = requests.post(srv.url + "/v1/sync/push", data=b"not gzip at all",
                      headers=headers | {"Content-Encoding": "gzip"}, timeout=30)
    assert r.status_code == 400
    assert _count(srv, RecordVersion) == 3


def test_deleted_sessions_sync_as_tombstones(live_server, server_db_url) -> None:
    srv = live_server(server_db_url)
    a = srv.enrolled()
    b = srv.enrolled(digipunt=a.digipunt_id)
    rec = record(session_payload(a.digipunt_id))
    _post(srv, a.token, batch(rec))
    gone = {**rec, "rev": 2, "base_rev": 1, "deleted": True}
    assert _statuses(_post(srv, a.token, batch(gone))) == ["accepted"]
    change = [c for c in _pull(srv, b.token)["changes"] if c["id"] == rec["id"]]
    assert change[0]["deleted"] is True and change[0]["rev"] == 2


def test_cursor_ahead_of_the_feed_gets_everything_again(live_server) -> None:
    """After a restore from backup a PC's cursor can be past the end: it is sent everything."""
    srv = live_server()
    a = srv.enrolled()
    b = srv.enrolled(digipunt=a.digipunt_id)
    rec = record(session_payload(a.digipunt_id))
    _post(srv, a.token, batch(rec))
    page = _pull(srv, b.token, cursor=10**9)
    assert rec["id"] in {c["id"] for c in page["changes"]}
    assert page["next_cursor"] < 10**9


def test_server_keeps_the_measured_clock_skew_per_device(live_server) -> None:
    from datetime import UTC, datetime, timedelta

    from sync.server import admin

    srv = live_server()
    dev = srv.enrolled()
    body = batch(record(session_payload(dev.digipunt_id)))
    body["client_time"] = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    answer = _post(srv, dev.token, body).json()
    assert abs(datetime.fromisoformat(answer["server_time"]) - datetime.now(UTC)) < timedelta(
        minutes=5
    )
    (info,) = admin.list_devices(srv.db)
    assert info.clock_skew_s is not None and abs(info.clock_skew_s - 3 * 86400) < 600
    assert info.last_seen_at is not None
