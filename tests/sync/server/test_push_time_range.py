"""A time the protocol admits but whose UTC form falls outside years 1..9999 (year 1 with a
positive offset, year 9999 with a negative one) cannot be hashed or stored: that record is
rejected with a reason, the rest of the batch lands, and the server never answers 500."""

from __future__ import annotations

import json

import pytest
import requests

from tests.sync.server.records import batch, record, session_payload

EDGES = [
    ("updated_at", "0001-01-01T00:30:00+01:00"),
    ("updated_at", "9999-12-31T23:59:59-01:00"),
    ("started_at", "0001-01-01T00:30:00+01:00"),
    ("started_at", "9999-12-31T23:30:00.5-00:45"),
]


@pytest.mark.parametrize(("field", "value"), EDGES)
def test_time_beyond_utc_range_is_rejected_not_a_500(
    live_server, server_db_url, field: str, value: str
) -> None:
    srv = live_server(server_db_url)
    dev = srv.enrolled()
    good = record(session_payload(dev.digipunt_id))
    if field == "updated_at":
        odd = {**record(session_payload(dev.digipunt_id)), "updated_at": value}
    else:
        odd = record(session_payload(dev.digipunt_id, **{field: value}))
    edge = record(session_payload(dev.digipunt_id, started_at="0001-01-01T00:30:00+00:00"))
    answer = requests.post(
        srv.url + "/v1/sync/push", data=json.dumps(batch(good, odd, edge)),
        headers={"Authorization": f"Bearer {dev.token}", "Content-Type": "application/json"},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["accepted", "rejected", "accepted"]
    assert field in results[1]["detail"] and "outside years 1-9999" in results[1]["detail"]
