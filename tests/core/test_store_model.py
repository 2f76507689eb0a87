"""Stateful property test: any sequence of saves, edits, deletes and undos leaves the store, the
list queries and the outbox exactly as a simple model says."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule
from sqlalchemy import select

from digipunt_app.core import sessions
from digipunt_app.core.models import Outbox
from digipunt_app.core.records import SessionDraft, SessionFilter, ValidationError
from digipunt_app.core.store import Store

SERVICES = ["eid", "itsme", "email", "banking"]
BASE = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


class StoreModel(RuleBasedStateMachine):
    ids = Bundle("ids")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="digipunt-model-"))
        self.store = Store.open(self.folder, backup=False)
        # id -> (rev, deleted, service, minutes after BASE)
        self.model: dict[str, tuple[int, bool, str, int]] = {}

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(target=ids, service=st.sampled_from(SERVICES), minute=st.integers(0, 60 * 24 * 20))
    def create(self, service: str, minute: int) -> str:
        row = sessions.save_session(
            self.store,
            SessionDraft(started_at=BASE + timedelta(minutes=minute), services=[service]),
        )
        self.model[row.id] = (1, False, service, minute)
        return row.id

    @rule(sid=ids, service=st.sampled_from(SERVICES), minute=st.integers(0, 60 * 24 * 20))
    def edit(self, sid: str, service: str, minute: int) -> None:
        rev, deleted, old_service, old_minute = self.model[sid]
        draft = sessions.get_session(self.store, sid)
        draft.services = [service]
        draft.started_at = BASE + timedelta(minutes=minute)
        if deleted:
            with pytest.raises(ValidationError):
                sessions.save_session(self.store, draft)
            return
        row = sessions.save_session(self.store, draft)
        changed = (service, minute) != (old_service, old_minute)
        self.model[sid] = (rev + changed, False, service, minute)
        assert row.rev == rev + changed

    @rule(sid=ids)
    def delete(self, sid: str) -> None:
        rev, deleted, service, minute = self.model[sid]
        sessions.delete_session(self.store, sid)
        self.model[sid] = (rev + (not deleted), True, service, minute)

    @rule(sid=ids)
    def undo(self, sid: str) -> None:
        rev, deleted, service, minute = self.model[sid]
        sessions.undelete_session(self.store, sid)
        self.model[sid] = (rev + deleted, False, service, minute)

    @invariant()
    def list_matches_model(self) -> None:
        live = {k: v for k, v in self.model.items() if not v[1]}
        newest_first = sorted(live, key=lambda k: (live[k][3], k), reverse=True)
        assert sessions.session_ids(self.store) == newest_first
        assert sessions.count_sessions(self.store) == len(live)
        for service in SERVICES:
            want = [k for k in newest_first if live[k][2] == service]
            assert sessions.session_ids(self.store, SessionFilter(service=service)) == want
        deleted = SessionFilter(include_deleted=True)
        assert sessions.count_sessions(self.store, deleted) == len(self.model)

    @invariant()
    def outbox_holds_latest_rev_of_every_record(self) -> None:
        with self.store.session() as db:
            queued = {o.record_id: o.rev for o in db.scalars(select(Outbox))}
        assert queued == {k: v[0] for k, v in self.model.items()}


StoreModel.TestCase.settings = settings(
    max_examples=10,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_store_model = StoreModel.TestCase
