"""A push's rows are inserted as multi-row statements, as many rows per statement as SQLite's
host-parameter limit allows; a batch larger than one statement holds is split and every record,
service row and feed row lands once (here with the limit made tiny, so every table is split)."""

from __future__ import annotations

import json

import pytest
import requests
from sqlalchemy import func, select

from sync.server import push
from sync.server.models import Change, HelpSession, HelpSessionService, RecordVersion
from tests.sync.server.records import batch, record, session_payload


def test_batch_split_over_many_statements_lands_every_row(
    live_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    srv = live_server()
    device = srv.enrolled()
    monkeypatch.setattr(push, "_sqlite_param_limit", 40)  # 3 sessions (17 columns) a statement
    records = [record(session_payload(device.digipunt_id, services=["eid", "itsme"],
                                      duration_min=10 + i)) for i in range(11)]
    answer = requests.post(
        srv.url + "/v1/sync/push", data=json.dumps(batch(*records)),
        headers={"Authorization": f"Bearer {device.token}", "Content-Type": "application/json"},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text
    assert [r["status"] for r in answer.json()["results"]] == ["accepted"] * 11
    ids = [r["id"] for r in records]
    with srv.db.session() as s:
        def count(model, column) -> int:
            return s.scalar(select(func.count()).select_from(model).where(column.in_(ids)))

        assert count(RecordVersion, RecordVersion.id) == 11
        assert count(HelpSession, HelpSession.id) == 11
        assert count(HelpSessionService, HelpSessionService.session_id) == 22
        assert count(Change, Change.object_id) == 11
        minutes = dict(s.execute(select(HelpSession.id, HelpSession.duration_min)
                                 .where(HelpSession.id.in_(ids))).all())
    assert [minutes[i] for i in ids] == [10 + i for i in range(11)]
