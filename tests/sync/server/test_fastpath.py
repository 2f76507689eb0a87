"""The sync hot path (``fastpath.py``, ``writer.py``) answers and stores exactly what the FastAPI
routes behind it do, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import requests
from sqlalchemy import func, select, text, update

from sync.protocol import PullResponse
from sync.server.auth import DeviceCaller
from sync.server.models import Change, HelpSession, HelpSessionService, RecordVersion
from sync.server.pull import pull
from sync.server.push import _content_hash_v1
from tests.sync.server.records import NOW, batch, record, session_payload

# FastAPI takes any +json media type; the fast path only application/json, so this one goes
# through the FastAPI route: the reference the fast path is compared with.
VIA_FASTAPI = "application/vnd.digipunt+json"


def _push(srv, token: str, body: dict, content_type: str = "application/json",
          **headers: str) -> requests.Response:
    return requests.post(
        srv.url + "/v1/sync/push", data=json.dumps(body),
        headers={"Authorization": f"Bearer {token}", "Content-Type": content_type, **headers},
        timeout=60,
    )


def _answers(response: requests.Response) -> list[tuple[str, str | None]]:
    assert response.status_code == 200, response.text
    return [(r["status"], r["detail"]) for r in response.json()["results"]]


def _mixed_batch(punt: str, prefix: str) -> tuple[dict, list[dict]]:
    """A new session, an invalid one, an unknown service, a helper, and a create + edit chain."""
    chain = record(session_payload(punt, duration_min=10), id=f"{prefix}-chain")
    records = [
        record(session_payload(punt, services=["eid", "itsme"], referrals=["ocmw", "ocmw"],
                               visitor_code=None), id=f"{prefix}-new"),
        record(session_payload(punt, duration_min=0), id=f"{prefix}-bad"),
        record(session_payload(punt, services=["no_such_service"]), id=f"{prefix}-unknown"),
        record({"digipunt_id": punt, "display_name": "Mieke"}, id=f"{prefix}-helper",
               type="helper"),
        chain,
        {**chain, "rev": 2, "base_rev": 1, "payload": session_payload(punt, duration_min=20)},
    ]
    return batch(*records), records


def _stored(srv, prefix: str) -> dict:
    """What the server holds for the records of one batch, ids made comparable."""
    def key(id_: str) -> str:
        return id_.split("-", 1)[1]

    with srv.db.session() as s:
        versions = sorted(
            (key(v.id), v.rev, v.base_rev, v.type, v.deleted, v.payload)
            for v in s.scalars(select(RecordVersion).where(RecordVersion.id.like(f"{prefix}-%")))
        )
        sessions = sorted(
            (key(h.id), h.rev, h.duration_min, h.local_date, h.started_at, h.adult_confirmed,
             h.visitor_code, h.payload)
            for h in s.scalars(select(HelpSession).where(HelpSession.id.like(f"{prefix}-%")))
        )
        services = sorted(
            (key(c.session_id), c.service, c.local_date, c.deleted, c.duration_min)
            for c in s.scalars(
                select(HelpSessionService).where(HelpSessionService.session_id.like(f"{prefix}-%"))
            )
        )
        feed = sorted(
            (c.type, key(c.object_id))
            for c in s.scalars(select(Change).where(Change.object_id.like(f"{prefix}-%")))
        )
    return {"versions": versions, "sessions": sessions, "services": services, "feed": feed}


def test_fast_path_answers_and_stores_like_the_fastapi_route(live_server, server_db_url) -> None:
    srv = live_server(server_db_url)
    dev = srv.enrolled()
    fast_body, fast_records = _mixed_batch(dev.digipunt_id, "fast")
    slow_body, _ = _mixed_batch(dev.digipunt_id, "slow")

    fast = _answers(_push(srv, dev.token, fast_body))
    slow = _answers(_push(srv, dev.token, slow_body, VIA_FASTAPI))
    assert fast == slow
    assert [status for status, _ in fast] == [
        "accepted", "rejected", "rejected", "accepted", "accepted", "accepted"]
    assert _stored(srv, "fast") == _stored(srv, "slow")
    assert _stored(srv, "fast")["versions"]  # something was compared

    # resending is a duplicate on both paths, an other content of a stored rev a conflict
    assert _answers(_push(srv, dev.token, fast_body)) == _answers(
        _push(srv, dev.token, slow_body, VIA_FASTAPI))
    changed = {**fast_records[0], "payload": session_payload(dev.digipunt_id, duration_min=99)}
    answer = _answers(_push(srv, dev.token, batch(changed)))
    assert answer[0][0] == "conflict"


def test_fast_pull_is_the_pull_of_the_model(live_server, server_db_url) -> None:
    srv = live_server(server_db_url)
    a = srv.enrolled(name="pc-a")
    b = srv.enrolled(digipunt=a.digipunt_id, name="pc-b")
    body, _ = _mixed_batch(a.digipunt_id, "pulled")
    _answers(_push(srv, a.token, body))
    note = "café – “notities” ✓"
    _answers(_push(srv, a.token, batch(record(session_payload(a.digipunt_id, notes=note)))))

    r = requests.get(srv.url + "/v1/sync/pull", params={"cursor": 0, "limit": 1000},
                     headers={"Authorization": f"Bearer {b.token}"}, timeout=30)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    got = PullResponse.model_validate_json(r.content)
    device = DeviceCaller(b.device_id, b.digipunt_id, "pc-b")
    want = pull(srv.db, device, 0, 1000, got.server_time)
    assert got == want
    assert any(c.payload.get("notes") == note for c in got.changes)
    # catalog, digipunt, the helper and the sessions of pc-a, in feed order
    assert [c.seq for c in got.changes] == sorted(c.seq for c in got.changes)
    assert {c.type for c in got.changes} == {"catalog", "digipunt", "helper", "help_session"}


def test_a_refused_push_in_a_burst_leaves_the_others_alone(live_server, server_db_url) -> None:
    """Concurrent pushes share transactions (group commit): one 403 changes nothing for the
    others, and each accepted version is stored and in the feed once."""
    srv = live_server(server_db_url)
    devices = [srv.enrolled(name=f"pc-{i}") for i in range(6)]
    other = srv.enrolled(name="elsewhere")

    def push(i: int) -> tuple[int, list[str]]:
        dev = devices[i % len(devices)]
        punt = other.digipunt_id if i == 7 else dev.digipunt_id  # one batch names another punt
        body = batch(*(record(session_payload(punt), id=f"burst-{i}-{n}") for n in range(3)))
        r = _push(srv, dev.token, body)
        return r.status_code, ([x["status"] for x in r.json()["results"]]
                               if r.status_code == 200 else [r.json()["detail"]])

    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(push, range(24)))
    for i, (status, got) in enumerate(answers):
        if i == 7:
            assert status == 403 and "only write records of its own digipunt" in got[0]
        else:
            assert (status, got) == (200, ["accepted"] * 3)
    with srv.db.session() as s:
        stored = s.scalar(select(func.count()).select_from(RecordVersion)
                          .where(RecordVersion.id.like("burst-%")))
        refused = s.scalar(select(func.count()).select_from(RecordVersion)
                           .where(RecordVersion.id.like("burst-7-%")))
        fed = s.scalar(select(func.count()).select_from(Change)
                       .where(Change.object_id.like("burst-%")))
    assert (stored, refused, fed) == (23 * 3, 0, 23 * 3)


def test_a_version_hashed_before_the_new_scheme_is_still_a_duplicate(
    live_server, server_db_url
) -> None:
    srv = live_server(server_db_url)
    dev = srv.enrolled()
    rec = record(session_payload(dev.digipunt_id))
    assert _answers(_push(srv, dev.token, batch(rec))) == [("accepted", None)]
    with srv.db.session() as s:
        stored = s.get(HelpSession, rec["id"])  # the stored payload (of the current version)

        class _Rec:  # what the old hash covered
            type, deleted, updated_at = "help_session", False, NOW

        old = _content_hash_v1(_Rec, stored.payload)
    with srv.db.write() as s:
        s.execute(update(RecordVersion).where(RecordVersion.id == rec["id"])
                  .values(content_hash=old))
    assert _answers(_push(srv, dev.token, batch(rec)))[0][0] == "duplicate"
    other = {**rec, "payload": session_payload(dev.digipunt_id, duration_min=33)}
    assert _answers(_push(srv, dev.token, batch(other)))[0][0] == "conflict"


def test_answers_are_gzipped_when_asked_and_big_enough(live_server) -> None:
    srv = live_server()
    dev = srv.enrolled()
    many = batch(*(record(session_payload(dev.digipunt_id)) for _ in range(40)))
    r = _push(srv, dev.token, many, **{"Accept-Encoding": "gzip"})
    assert r.headers.get("content-encoding") == "gzip" and len(r.json()["results"]) == 40
    assert r.headers.get("server-timing", "").startswith("app;dur=")
    one = _push(srv, dev.token, batch(record(session_payload(dev.digipunt_id))),
                **{"Accept-Encoding": "gzip"})
    assert "content-encoding" not in one.headers and one.json()["results"][0]["status"]
    plain = _push(srv, dev.token, batch(*(record(session_payload(dev.digipunt_id))
                                            for _ in range(40))), **{"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and len(plain.json()["results"]) == 40


def test_sqlite_server_commits_are_flushed_to_disk(live_server) -> None:
    srv = live_server()
    with srv.app.state.db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
