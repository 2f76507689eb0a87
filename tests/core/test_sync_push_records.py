"""The push path builds wire records straight from SQLite tuples (``lease_batch``); they must be
exactly what ``_record_for`` makes from the stored rows, and the request body a valid
``PushRequest`` carrying them. Every version sent is kept (the batch's body) until its answer is
applied; a lost answer leaves it as a per-record chain that is resent first."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta

from digipunt_app.core import helpers, sessions
from digipunt_app.core import sync_engine_store as local
from digipunt_app.core.models import Helper, HelpSession
from digipunt_app.core.store import Store
from digipunt_app.core.sync_engine_types import SyncState
from sync.client import PushResultItem
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


def _lease(store: Store, **kw: object) -> local.PushBatch:
    args: dict[str, object] = {"now": datetime.now(UTC), "lease": timedelta(minutes=2),
                               "limit": 100, "max_bytes": 5_000_000}
    return local.lease_batch(store, SyncState(device_id="dev-1"), **(args | kw))


def _inflight(store: Store) -> dict[str, list[int]]:
    """Per-record chains of unanswered versions: record id -> revs."""
    with store.session() as db:
        chains = local._prefixed(db, local.INFLIGHT)
    return {record_id: [r["rev"] for r in chain] for record_id, chain in chains.items()}


def _batch_rows(store: Store) -> int:
    with store.session() as db:
        return len(local._prefixed(db, local.INFLIGHT_BATCH))


def test_the_body_sent_is_kept_until_its_answers_are_applied(store: Store) -> None:
    saved = sessions.save_session(store, draft())
    batch = _lease(store)
    # The in-flight copy is the gzipped body itself, written in the lease transaction.
    assert batch.encoding is None or batch.encoding == "gzip"
    assert _batch_rows(store) == 1 and _inflight(store) == {}
    sent = PushRequest.model_validate_json(
        gzip.decompress(batch.body) if batch.encoding else batch.body
    )
    assert [r.id for r in sent.records] == [saved.id]
    results: list[PushResultItem] = [{"id": saved.id, "rev": 1, "status": "accepted"}]
    local.apply_push_results(store, batch, results)
    assert _batch_rows(store) == 0 and _inflight(store) == {}
    assert local.pending_count(store) == 0


def test_a_lost_answer_then_an_edit_resends_the_old_version_first(store: Store) -> None:
    saved = sessions.save_session(store, draft(notes="eerst"))
    batch = _lease(store)
    # The push failed (no answer): the lease is lifted, the version sent becomes a chain.
    local.release(store, batch.leased_ids, [batch.batch_id])
    assert _batch_rows(store) == 0 and _inflight(store) == {saved.id: [1]}
    sessions.save_session(store, draft(id=saved.id, notes="later"))
    again = _lease(store)
    assert again.sent_rev == {saved.id: 1} and again.partial == [saved.id]
    assert again.records[0]["payload"]["notes"] == "eerst"
    local.apply_push_results(store, again, [{"id": saved.id, "rev": 1, "status": "duplicate"}])
    assert _inflight(store) == {}  # rev 1 is answered; rev 2 was never sent
    last = _lease(store)
    assert last.sent_rev == {saved.id: 2} and last.records[0]["base_rev"] == 1
    assert last.records[0]["payload"]["notes"] == "later"


def test_a_killed_push_is_unpacked_at_the_next_sync(store: Store) -> None:
    first = sessions.save_session(store, draft())
    second = sessions.save_session(store, draft(notes="twee"))
    batch = _lease(store)
    assert set(batch.leased_ids) == {first.id, second.id}
    # Killed before any answer: the next sync (holding the lock) lifts every lease and turns
    # the batch copy into per-record chains.
    local.release(store, None)
    assert _batch_rows(store) == 0
    assert _inflight(store) == {first.id: [1], second.id: [1]}
    # Only one answer comes back: the other keeps its chain, the answered one loses it.
    again = _lease(store)
    assert again.chained == [first.id, second.id]
    local.apply_push_results(store, again, [{"id": first.id, "rev": 1, "status": "accepted"}])
    assert _inflight(store) == {second.id: [1]}
    assert local.pending_count(store) == 1


def test_a_record_left_without_an_answer_keeps_its_version(store: Store) -> None:
    first = sessions.save_session(store, draft())
    second = sessions.save_session(store, draft(notes="twee"))
    batch = _lease(store)
    local.apply_push_results(store, batch, [{"id": first.id, "rev": 1, "status": "accepted"}])
    assert _batch_rows(store) == 0 and _inflight(store) == {second.id: [1]}
    assert local.pending_count(store) == 1
    assert _lease(store).leased_ids == [second.id]  # its lease was lifted


def test_id_lists_for_sql_are_the_same_json_as_the_encoders() -> None:
    plain = ["0193a0b2-1234-7abc-8def-0123456789ab", "b"]
    odd = ['a"b', "c\\d", "e\nf", "Anaïs"]
    for ids in (plain, odd, plain + odd, []):
        assert json.loads(local._json_strings(ids)) == ids
        revs = {record_id: rev for rev, record_id in enumerate(ids, start=1)}
        assert json.loads(local._json_revs(revs)) == revs


def test_a_walk_over_the_outbox_sends_each_record_once_in_order(store: Store) -> None:
    """Batches cut by the byte budget, over sessions and volunteers mixed, a row still leased
    and a row whose record is gone: every record goes exactly once, in queue order."""
    queued = [sessions.save_session(store, draft(notes="eerst " + "x" * 200)).id,
              helpers.add_helper(store, "Anaïs").id]
    queued += [sessions.save_session(store, draft(notes=f"sessie {i} " + "x" * 200)).id
               for i in range(2)]
    queued += [sessions.save_session(store, draft(notes=f"later {i}")).id for i in range(4)]
    gone = queued.pop(5)
    with store.session() as db:  # the record is gone, its outbox row is left
        db.query(HelpSession).filter(HelpSession.id == gone).delete()
        db.commit()
    held = _lease(store, limit=1).leased_ids  # the first row is on the wire elsewhere
    assert held == queued[:1]
    max_bytes = 3000  # room for one or two records a batch
    budget = int(max_bytes * 0.8) - 1024
    walked: list[str] = []
    after = 0
    while (batch := _lease(store, max_bytes=max_bytes, after_outbox_id=after)).scanned:
        after = batch.last_outbox_id
        walked += batch.leased_ids
        sizes = [len(text.encode()) + 1 for text in batch.record_json]
        assert len(sizes) == 1 or sum(sizes) <= budget, sizes
        assert [r["id"] for r in batch.records] == batch.leased_ids
    assert walked == queued[1:]
    assert local.pending_count(store) == len(queued)  # the gone record's row was dropped
