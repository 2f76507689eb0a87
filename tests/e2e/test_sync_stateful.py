"""Hypothesis stateful test: several PCs of one digipunt create, edit, delete and sync in random
order, through a proxy that injects random faults, against the real server. After the faults stop
and everyone syncs, all PCs and the server hold the same sessions, and no edit was lost: each
version written is the final one, was seen and replaced by a later edit, or is kept as the losing
side of a conflict.

Each edit writes a unique token into ``notes`` so versions can be traced.
"""

from __future__ import annotations

import itertools
import random
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule
from sqlalchemy import select

from sync.server import models as server_models
from sync.server.settings import Settings
from tests.e2e.faultproxy import FAULTS, FaultProxy
from tests.e2e.harness import SERVICES, Desk, server_versions, sync_until_clean

DESKS = 3


class SyncMachine(RuleBasedStateMachine):
    server: Any = None  # the LiveServer, set by the test

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="digipunt-stateful-"))
        self.proxy = FaultProxy(self.server.url, delay=0.01)
        bank = self.server.add_digibank(f"Digibank {self.tmp.name}")
        self.punt = self.server.add_digipunt(bank, f"Digipunt {self.tmp.name}")
        self.desks: list[Desk] = []
        self.created: set[str] = set()
        self.tokens: set[str] = set()
        self.superseded: set[str] = set()
        self.touched: dict[str, set[int]] = {}  # session id -> PCs that changed it
        self.counter = itertools.count()

    @initialize()
    def enrol_desks(self) -> None:
        for i in range(DESKS):
            desk = Desk(self.tmp / f"pc{i}")
            desk.enrol(self.proxy.url, self.server.enrol_code(self.punt))
            self.desks.append(desk)

    def _token(self) -> str:
        token = f"v{next(self.counter)}"
        self.tokens.add(token)
        return token

    def _live(self, desk: Desk) -> list[str]:
        return sorted(i for i, (_rev, deleted, _p) in desk.versions().items() if not deleted)

    # --- what volunteers do ------------------------------------------------------------------
    @rule(d=st.integers(0, DESKS - 1), service=st.sampled_from(SERVICES))
    def create(self, d: int, service: str) -> None:
        session_id = self.desks[d].record(services=(service,), notes=self._token())
        self.created.add(session_id)
        self.touched[session_id] = {d}

    @rule(d=st.integers(0, DESKS - 1), pick=st.integers(0, 10_000),
          minutes=st.integers(1, 480))
    def edit(self, d: int, pick: int, minutes: int) -> None:
        desk = self.desks[d]
        live = self._live(desk)
        if not live:
            return
        session_id = live[pick % len(live)]
        self.superseded.add(desk.versions()[session_id][2]["notes"])
        desk.edit(session_id, duration_min=minutes, notes=self._token())
        self.touched.setdefault(session_id, set()).add(d)

    @rule(d=st.integers(0, DESKS - 1), pick=st.integers(0, 10_000))
    def delete(self, d: int, pick: int) -> None:
        desk = self.desks[d]
        live = self._live(desk)
        if live:
            session_id = live[pick % len(live)]
            desk.delete(session_id)
            self.touched.setdefault(session_id, set()).add(d)

    @rule(d=st.integers(0, DESKS - 1), fault_rate=st.sampled_from([0.0, 0.0, 0.4, 1.0]),
          kinds=st.sampled_from([FAULTS, ("lose_response", "cut_response"), ("duplicate",)]),
          seed=st.integers(0, 2**16))
    def sync(self, d: int, fault_rate: float, kinds: tuple[str, ...], seed: int) -> None:
        if fault_rate:
            self.proxy.set_random(random.Random(seed), fault_rate, kinds)
        else:
            self.proxy.clear()
        self.desks[d].sync()  # may fail under faults: that is the point
        self.proxy.clear()

    @precondition(lambda self: bool(self.desks))
    @rule()
    def nothing_doubled(self) -> None:
        with self.server.db.session() as s:
            pairs = s.execute(
                select(server_models.RecordVersion.id, server_models.RecordVersion.rev)
            ).all()
        assert len(pairs) == len(set(pairs))

    # --- the end: faults stop, everyone syncs, everything converges --------------------------
    def teardown(self) -> None:
        try:
            if not self.desks:
                return
            self.proxy.clear()
            sync_until_clean(self.desks, rounds=3)
            on_server = server_versions(self.server.db, self.punt)
            assert set(on_server) == self.created  # nothing lost, nothing extra
            for desk in self.desks:
                assert desk.pending() == 0
                assert desk.versions() == on_server
            final = {payload["notes"] for _rev, _deleted, payload in on_server.values()}
            local_conflicts = [c for desk in self.desks for c in desk.conflicts()]
            with self.server.db.session() as s:
                server_conflicts = s.scalars(
                    select(server_models.Conflict)
                    .where(server_models.Conflict.digipunt_id == self.punt)
                ).all()
                kept = {row.payload.get("notes", "") for row in server_conflicts}
                conflicted = {row.record_id for row in server_conflicts}
            kept |= {c.local["notes"] for c in local_conflicts}
            conflicted |= {c.record_id for c in local_conflicts}
            lost = self.tokens - final - self.superseded - kept
            assert not lost, f"versions lost: {sorted(lost)}"
            # A conflict needs two PCs: one PC never conflicts with itself (lost answers too).
            lonely = {i for i in conflicted if len(self.touched.get(i, ())) < 2}
            assert not lonely, f"conflicts on records only one PC changed: {sorted(lonely)}"
        finally:
            self.proxy.close()
            for desk in self.desks:
                desk.close()
            shutil.rmtree(self.tmp, ignore_errors=True)  # each example's three PCs' folders


@pytest.mark.slow
def test_devices_converge_under_random_faults(live_server) -> None:
    from hypothesis.stateful import run_state_machine_as_test

    # Every example enrols three PCs: lift the per-IP enrolment rate limit for this test.
    SyncMachine.server = live_server(settings=Settings(enrol_attempts=10_000))
    run_state_machine_as_test(
        SyncMachine,
        settings=settings(
            max_examples=15,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            derandomize=True,
        ),
    )
