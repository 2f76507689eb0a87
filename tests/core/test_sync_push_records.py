"""The push path builds wire records straight from SQLite tuples (``lease_batch``); they must be
exactly what ``_record_for`` makes from the stored rows, and the request body a valid
``PushRequest`` carrying them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from digipunt_app.core import helpers, sessions
from digipunt_app.core import sync_engine_store as local
from digipunt_app.core.models import Helper, HelpSession
from digipunt_app.core.store import Store
from digipunt_app.core.sync_engine_types import SyncState
from sync.protocol import PushRequest
from tests.core.conftest import draft


def _saved(store: Store) -> None:
    helper = helpers.add_helper(store, "Anaïs")
    variants = [
        draft(),
        draft(started_at=datetime(2026, 3, 10, 9, 30, 12, 345678, tzinfo=UTC),
              helper_id=helper.id, notes="Kwam terug met zijn dochter — «eID»",
              referrals=["ocmw"], postcode="9000", visitor_code=None),
        draft(started_at=datetime(2025, 12, 31, 23, 30, tzinfo=UTC), services=["eid", "itsme"],
              target_groups=["senior", "lives_alone"], interpreter=True, age_band="75_plus"),
    ]
    for d in variants:
        sessions.save_session(store, d)
    edited = sessions.save_session(store, draft(notes="eerst"))
    sessions.delete_session(store, edited.id)


def test_leased_records_equal_the_orm_built_ones(store: Store) -> None:
    _saved(store)
    state = SyncState(device_id="dev-1")
    now = datetime.now(UTC)
    batch = local.lease_batch(store, state, now=now, lease=timedelta(minutes=2), limit=100,
                              max_bytes=5_000_000)
    with store.session() as db:
        expected = {}
        for model, kind in ((HelpSession, "help_session"), (Helper, "helper")):
            for row in db.query(model):
                expected[row.id] = local._record_for(row, kind, "dev-1")
    assert len(batch.records) == len(expected) == 5
    assert {r["id"]: r for r in batch.records} == expected
    # The in-flight copy and the body carry the same text, key order included.
    assert [json.loads(t) for t in batch.record_json] == batch.records
    body = local.push_body(batch, batch_id="b-1", client_time=now)
    request = PushRequest.model_validate_json(body)
    assert [r.id for r in request.records] == batch.leased_ids
    assert json.loads(body)["records"] == batch.records
    deleted = [r for r in batch.records if r["deleted"]]
    assert len(deleted) == 1 and deleted[0]["rev"] == 2


def test_a_leased_row_is_not_leased_again_until_released(store: Store) -> None:
    _saved(store)
    state = SyncState(device_id="dev-1")
    now = datetime.now(UTC)
    first = local.lease_batch(store, state, now=now, lease=timedelta(minutes=2), limit=2,
                              max_bytes=5_000_000)
    again = local.lease_batch(store, state, now=now, lease=timedelta(minutes=2), limit=100,
                              max_bytes=5_000_000)
    assert len(first.leased_ids) == 2
    assert not set(first.leased_ids) & set(again.leased_ids)
    assert len(again.leased_ids) == 3
    # After the lease expires the rows are free again.
    later = local.lease_batch(store, state, now=now + timedelta(minutes=3),
                              lease=timedelta(minutes=2), limit=100, max_bytes=5_000_000)
    assert len(later.leased_ids) == 5
