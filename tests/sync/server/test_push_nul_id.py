"""A record id holding a NUL character (the protocol allows any 1-64 character string) cannot be
stored in PostgreSQL text: the record is rejected with a reason on both databases instead of a
500, and the rest of the batch lands. A NUL inside the payload (notes) is JSON text and fine."""

from __future__ import annotations

import json

import requests

from tests.sync.server.records import batch, record, session_payload


def test_nul_in_record_id_is_rejected_not_a_500(live_server, server_db_url) -> None:
    srv = live_server(server_db_url)
    dev = srv.enrolled()
    odd = record(session_payload(dev.digipunt_id), id="abc\x00def")
    noted = record(session_payload(dev.digipunt_id, notes="vóór\x00na"))
    headers = {"Authorization": f"Bearer {dev.token}", "Content-Type": "application/json"}
    answer = requests.post(srv.url + "/v1/sync/push", data=json.dumps(batch(odd, noted)),
                           headers=headers, timeout=60)
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["rejected", "accepted"]
    assert "NUL" in results[0]["detail"]
    pulled = requests.get(srv.url + "/v1/sync/pull", params={"cursor": 0, "limit": 1000},
                          headers=headers, timeout=30)
    assert pulled.status_code == 200, pulled.text
    sessions = {c["id"]: c for c in pulled.json()["changes"] if c["type"] == "help_session"}
    assert set(sessions) == {noted["id"]}
    assert sessions[noted["id"]]["payload"]["notes"] == "vóór\x00na"
