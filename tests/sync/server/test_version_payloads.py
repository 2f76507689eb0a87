"""Every accepted version keeps its own payload (what the coordinator can look back at), also on
SQLite, where a version's payload lives in the current row while it is the current version and
is copied into its ``record_version`` row when an edit replaces it (``push`` module doc)."""

from __future__ import annotations

from typing import Any

import requests
from sqlalchemy import select

from sync.server.models import Helper, HelpSession, RecordVersion
from tests.sync.server.records import batch, record, session_payload


def _push(srv, token: str, *records: dict[str, Any]) -> list[str]:
    r = requests.post(srv.url + "/v1/sync/push", json=batch(*records),
                      headers={"Authorization": f"Bearer {token}"}, timeout=60)
    assert r.status_code == 200, r.text
    return [x["status"] for x in r.json()["results"]]


def _version_payloads(srv, record_id: str, current: type) -> dict[int, Any]:
    """rev -> payload of every stored version (the current one's from the current row when its
    version row holds none; any other version without one comes out as None)."""
    with srv.db.session() as s:
        row = s.get(current, record_id)
        versions = s.execute(select(RecordVersion.rev, RecordVersion.payload)
                             .where(RecordVersion.id == record_id)).all()
        return {rev: payload if payload is not None or rev != row.rev else row.payload
                for rev, payload in versions}


def test_edits_keep_the_payload_of_every_earlier_version(live_server, server_db_url) -> None:
    srv = live_server(server_db_url)
    dev = srv.enrolled()
    punt = dev.digipunt_id
    sent = {rev: session_payload(punt, duration_min=10 * rev) for rev in (1, 2, 3, 4)}
    helper = {rev: {"digipunt_id": punt, "display_name": f"Mieke {rev}", "active": True}
              for rev in (1, 2, 3)}
    rec = record(sent[1])
    hel = record(helper[1], type="helper")
    assert _push(srv, dev.token, rec, hel) == ["accepted", "accepted"]
    # one edit each, alone in its batch (the quick path)
    assert _push(srv, dev.token, {**rec, "rev": 2, "base_rev": 1, "payload": sent[2]},
                 {**hel, "rev": 2, "base_rev": 1, "payload": helper[2]}) == ["accepted"] * 2
    # two edits of one record in one batch, then a tombstone (the careful path, pass by pass)
    assert _push(srv, dev.token, {**rec, "rev": 3, "base_rev": 2, "payload": sent[3]},
                 {**rec, "rev": 4, "base_rev": 3, "payload": sent[4]},
                 {**hel, "rev": 3, "base_rev": 2, "payload": helper[3], "deleted": True},
                 ) == ["accepted"] * 3
    assert _version_payloads(srv, rec["id"], HelpSession) == {
        rev: _stored(sent[rev]) for rev in sent}
    assert _version_payloads(srv, hel["id"], Helper) == helper
    # a resend of an earlier version is still a duplicate, another content a conflict
    assert _push(srv, dev.token, {**rec, "rev": 2, "base_rev": 1, "payload": sent[2]}) == [
        "duplicate"]
    assert _push(srv, dev.token, {**rec, "rev": 2, "base_rev": 1, "payload": sent[3]}) == [
        "conflict"]


def _stored(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload as the server stores it (its canonical JSON: times with ``Z``)."""
    from sync.protocol import HelpSessionPayload

    return HelpSessionPayload.model_validate(payload).model_dump(mode="json")
