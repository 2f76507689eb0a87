"""Authorization matrix over every endpoint, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
import requests
from sqlalchemy import update

from sync.server import admin
from sync.server.models import EnrolCode, utcnow
from sync.server.settings import Settings
from tests.sync.server.records import batch, record, session_payload

PERIOD = {"from": "2026-01-01", "to": "2026-12-31"}
DEVICE_ENDPOINTS = [
    ("GET", "/v1/sync/config", {}),
    ("GET", "/v1/sync/pull", {"cursor": 0}),
    ("POST", "/v1/sync/push", None),
]
COORDINATOR_ENDPOINTS = [
    ("GET", "/v1/reports/summary", PERIOD | {"group_by": "digipunt"}),
    ("GET", "/v1/reports/reach", PERIOD),
    ("GET", "/v1/export/sessions.csv", PERIOD),
]


def _call(srv, method: str, path: str, params, token: str | None, body=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if method == "POST":
        return requests.post(srv.url + path, json=body, headers=headers, timeout=30)
    return requests.get(srv.url + path, params=params, headers=headers, timeout=30)


def _problem(response: requests.Response, status: int) -> str:
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["detail"]
    return body["detail"]


@pytest.fixture
def world(live_server, server_db_url):
    srv = live_server(server_db_url)
    bank_a = srv.add_digibank("Digibank A")
    bank_b = srv.add_digibank("Digibank B")
    punt_a = srv.add_digipunt(bank_a, "Bib A")
    punt_b = srv.add_digipunt(bank_b, "Bib B")
    return {
        "srv": srv, "bank_a": bank_a, "bank_b": bank_b,
        "dev_a": srv.enrolled(digipunt=punt_a, name="a"),
        "dev_b": srv.enrolled(digipunt=punt_b, name="b"),
        "coord_region": srv.add_coordinator("regio"),
        "coord_a": srv.add_coordinator("A", digibank=bank_a),
    }


def test_no_token_and_unknown_token_get_401_everywhere(world) -> None:
    srv = world["srv"]
    body = batch()
    for method, path, params in DEVICE_ENDPOINTS + COORDINATOR_ENDPOINTS:
        for token in (None, "dpd_not-a-real-token"):
            _problem(_call(srv, method, path, params, token, body), 401)
    assert requests.get(srv.url + "/v1/health", timeout=10).json()["status"] == "ok"


def test_tokens_of_the_wrong_kind_get_403(world) -> None:
    srv = world["srv"]
    for method, path, params in DEVICE_ENDPOINTS:
        _problem(_call(srv, method, path, params, world["coord_region"], batch()), 403)
    for method, path, params in COORDINATOR_ENDPOINTS:
        _problem(_call(srv, method, path, params, world["dev_a"].token), 403)


def test_revoked_device_gets_401_on_every_sync_endpoint(world) -> None:
    srv, dev = world["srv"], world["dev_a"]
    assert _call(srv, "GET", "/v1/sync/config", {}, dev.token).status_code == 200
    srv.revoke_device(dev.device_id)
    for method, path, params in DEVICE_ENDPOINTS:
        detail = _problem(_call(srv, method, path, params, dev.token, batch()), 401)
        assert "revoked" in detail
    assert [e.action for e in admin.audit_entries(srv.db, action="revoke")] == ["revoke"]
    # the other device is untouched
    assert _call(srv, "GET", "/v1/sync/config", {}, world["dev_b"].token).status_code == 200


def test_device_cannot_write_another_digipunt(world) -> None:
    srv, a, b = world["srv"], world["dev_a"], world["dev_b"]
    foreign = record(session_payload(b.digipunt_id))
    own = record(session_payload(a.digipunt_id))
    detail = _problem(_call(srv, "POST", "/v1/sync/push", None, a.token, batch(own, foreign)), 403)
    assert foreign["id"] in detail
    # nothing of that request landed
    changes = _call(srv, "GET", "/v1/sync/pull", {"cursor": 0}, a.token).json()["changes"]
    assert not [c for c in changes if c["type"] == "help_session"]
    # b's record cannot be taken over by a, even with a's digipunt in the payload
    assert _call(srv, "POST", "/v1/sync/push", None, b.token, batch(foreign)).status_code == 200
    hijack = {**foreign, "rev": 2, "base_rev": 1, "payload": session_payload(a.digipunt_id)}
    _problem(_call(srv, "POST", "/v1/sync/push", None, a.token, batch(hijack)), 403)
    # and a never sees b's sessions
    changes = _call(srv, "GET", "/v1/sync/pull", {"cursor": 0}, a.token).json()["changes"]
    assert foreign["id"] not in {c["id"] for c in changes}


def test_enrol_code_works_once_and_not_after_expiry(world) -> None:
    srv = world["srv"]
    punt = world["dev_a"].digipunt_id
    code = srv.enrol_code(punt)
    first = requests.post(srv.url + "/v1/enrol",
                          json={"code": code.lower().replace("-", " "), "device_name": "pc"},
                          timeout=30)
    assert first.status_code == 200, first.text
    assert first.json()["digipunt"]["id"] == punt
    again = requests.post(srv.url + "/v1/enrol", json={"code": code, "device_name": "pc2"},
                          timeout=30)
    assert "already been used" in _problem(again, 403)

    late = srv.enrol_code(punt)
    with srv.db.write() as s:
        s.execute(update(EnrolCode).values(expires_at=utcnow() - timedelta(minutes=1))
                  .where(EnrolCode.used_at.is_(None)))
    expired = requests.post(srv.url + "/v1/enrol", json={"code": late, "device_name": "pc"},
                            timeout=30)
    assert "expired" in _problem(expired, 403)
    unknown = requests.post(srv.url + "/v1/enrol",
                            json={"code": "0000-0000-0000", "device_name": "pc"}, timeout=30)
    assert "not known" in _problem(unknown, 403)
    enrolments = admin.audit_entries(srv.db, action="enrol")
    assert len(enrolments) == 3  # the two fixture devices and the one above


def test_enrol_attempts_are_rate_limited_per_address(live_server) -> None:
    srv = live_server(settings=Settings(enrol_attempts=3, enrol_window_s=3600))
    answers = [
        requests.post(srv.url + "/v1/enrol", json={"code": f"WRONG-{i}", "device_name": "pc"},
                      timeout=30).status_code
        for i in range(5)
    ]
    assert answers == [403, 403, 403, 429, 429]
    # even a good code waits its turn: guessing cannot go faster
    bank = srv.add_digibank("X")
    code = srv.enrol_code(srv.add_digipunt(bank, "P"))
    r = requests.post(srv.url + "/v1/enrol", json={"code": code, "device_name": "pc"}, timeout=30)
    assert "Too many" in _problem(r, 429)


def test_coordinator_sees_only_its_scope(world) -> None:
    srv = world["srv"]
    a_only = world["coord_a"]
    out = _call(srv, "GET", "/v1/reports/reach", PERIOD | {"digibank": world["bank_b"]}, a_only)
    assert "own digibank" in _problem(out, 403)
    for method, path, params in COORDINATOR_ENDPOINTS:
        out = _call(srv, method, path, params | {"digibank": world["bank_b"]}, a_only)
        _problem(out, 403)
    reach = _call(srv, "GET", "/v1/reports/reach", PERIOD, a_only).json()
    assert [b["name"] for b in reach["digibanken"]] == ["Digibank A"]
    assert reach["region"] is None
    reach = _call(srv, "GET", "/v1/reports/reach", PERIOD, world["coord_region"]).json()
    assert [b["name"] for b in reach["digibanken"]] == ["Digibank A", "Digibank B"]
    # a region token may narrow to one digibank
    one = _call(srv, "GET", "/v1/reports/reach", PERIOD | {"digibank": world["bank_b"]},
                world["coord_region"]).json()
    assert [b["name"] for b in one["digibanken"]] == ["Digibank B"]


def test_errors_are_problem_json(world) -> None:
    srv, dev = world["srv"], world["dev_a"]
    _problem(requests.get(srv.url + "/v1/nope", timeout=10), 404)
    _problem(requests.delete(srv.url + "/v1/health", timeout=10), 405)
    detail = _problem(_call(srv, "GET", "/v1/sync/pull", {"cursor": -1}, dev.token), 422)
    assert "cursor" in detail
    r = requests.post(srv.url + "/v1/sync/push", data=b"{not json",
                      headers={"Authorization": f"Bearer {dev.token}",
                               "Content-Type": "application/json"}, timeout=10)
    _problem(r, 422)
    bad = _call(srv, "GET", "/v1/reports/summary",
                {"from": "2026-12-01", "to": "2026-01-01", "group_by": "month"},
                world["coord_region"])
    assert "after" in _problem(bad, 422)
