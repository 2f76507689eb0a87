"""The group-commit writer (``writer.py``): jobs landed together in one transaction commit or fail
each on their own, on SQLite and PostgreSQL (where a group runs without a savepoint per job and
its feed rows and COMMIT go out in one pipeline)."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from sync.server.db import Database
from sync.server.models import AuditEntry
from sync.server.problems import ApiProblem
from sync.server.rawsql import raw
from sync.server.writer import GroupWriter


class Job:
    """Writes an audit row ``name`` when landed and ``name-feed`` as its feed row; ``fail`` says
    how it goes wrong: ``bug`` (after writing), ``problem`` (403, before writing), ``sql`` (a
    statement fails and the error is swallowed)."""

    def __init__(self, db: Database, name: str, fail: str | None = None,
                 gate: threading.Event | None = None) -> None:
        self.db, self.name, self.fail, self.gate = db, name, fail, gate
        self.landed = 0

    def _write(self, cur: Any, actor: str) -> None:
        cur.execute(self.db.sql.q("INSERT INTO audit_log (at, actor, action, detail) "
                                  "VALUES (?, ?, 'test', '')"),
                    (self.db.sql.dt(datetime.now(UTC)), actor))

    def land(self, conn: Any) -> bool:
        self.landed += 1
        if self.gate is not None:
            assert self.gate.wait(30)
        if self.fail == "problem":
            raise ApiProblem(403, f"{self.name} is refused")
        cur = raw(conn).cursor()
        try:
            self._write(cur, self.name)
            if self.fail == "bug":
                raise RuntimeError(f"{self.name} has a bug")
            if self.fail == "sql":
                try:
                    cur.execute("SELECT 1 / 0")
                except Exception:
                    pass  # swallowed: on PostgreSQL the transaction is now in error
        finally:
            cur.close()
        return True

    def feed(self, cur: Any) -> None:
        self._write(cur, f"{self.name}-feed")


def _actors(db: Database) -> list[str]:
    with db.session() as s:
        return sorted(s.scalars(select(AuditEntry.actor).where(AuditEntry.action == "test")))


@pytest.fixture
def db(server_db_url: str):
    database = Database(server_db_url)
    database.migrate()
    yield database
    database.dispose()


def _run_group(db: Database, jobs: list[Job]) -> dict[str, Any]:
    """Run ``jobs`` as one group (the writer is held by a first job until all are queued)."""
    writer = GroupWriter(db, threads=1)
    gate = threading.Event()
    first = Job(db, "first", gate=gate)

    async def main() -> list[Any]:
        blocked = asyncio.ensure_future(writer.run(first))
        await asyncio.sleep(0)
        while not first.landed:  # the writer holds ``first``: the rest queue up as one group
            await asyncio.sleep(0.001)
        others = [asyncio.ensure_future(writer.run(job)) for job in jobs]
        await asyncio.sleep(0)
        gate.set()
        return await asyncio.gather(blocked, *others, return_exceptions=True)

    try:
        answers = asyncio.run(main())
    finally:
        writer.close()
    assert answers[0] is first
    return {job.name: answer for job, answer in zip(jobs, answers[1:], strict=True)}


def test_a_refused_job_leaves_its_group_alone(db: Database) -> None:
    jobs = [Job(db, "ok-1"), Job(db, "refused", "problem"), Job(db, "ok-2")]
    answers = _run_group(db, jobs)
    assert answers["ok-1"] is jobs[0] and answers["ok-2"] is jobs[2]
    assert isinstance(answers["refused"], ApiProblem) and answers["refused"].status == 403
    assert [job.landed for job in jobs] == [1, 1, 1]  # one transaction, nothing run again
    assert _actors(db) == sorted(["first", "first-feed", "ok-1", "ok-1-feed", "ok-2",
                                  "ok-2-feed"])


def test_a_failing_job_is_run_again_alone_and_the_others_land_once(db: Database) -> None:
    jobs = [Job(db, "ok-1"), Job(db, "bug", "bug"), Job(db, "ok-2")]
    answers = _run_group(db, jobs)
    assert answers["ok-1"] is jobs[0] and answers["ok-2"] is jobs[2]
    assert isinstance(answers["bug"], RuntimeError)
    assert _actors(db) == sorted(["first", "first-feed", "ok-1", "ok-1-feed", "ok-2",
                                  "ok-2-feed"])


def test_a_swallowed_statement_error_never_commits_silently(db: Database) -> None:
    jobs = [Job(db, "ok-1"), Job(db, "sql", "sql")]  # last: no later statement would fail
    answers = _run_group(db, jobs)
    assert answers["ok-1"] is jobs[0]
    if db.is_sqlite:  # SQLite: a failed statement leaves the transaction usable
        assert answers["sql"] is jobs[1]
        sql_rows = ["sql", "sql-feed"]
    else:  # PostgreSQL: the transaction is in error; the job alone fails, the other lands
        assert isinstance(answers["sql"], Exception)
        sql_rows = []
    assert _actors(db) == sorted(["first", "first-feed", "ok-1", "ok-1-feed", *sql_rows])


class DeadlockVictim(Job):
    """On PostgreSQL its first ``tries`` runs fail as a deadlock victim does (SQLSTATE 40P01,
    raised by the server), after writing its row; later runs land."""

    def __init__(self, db: Database, name: str, tries: int) -> None:
        super().__init__(db, name)
        self.tries = tries

    def land(self, conn: Any) -> bool:
        super().land(conn)
        if self.landed <= self.tries:
            cur = raw(conn).cursor()
            try:
                cur.execute("DO $$ BEGIN RAISE EXCEPTION 'deadlock detected' "
                            "USING ERRCODE = 'deadlock_detected'; END $$")
            finally:
                cur.close()
        return True


def _run_alone(db: Database, job: Job) -> Any:
    writer = GroupWriter(db, threads=1)

    async def main() -> Any:
        return (await asyncio.gather(writer.run(job), return_exceptions=True))[0]

    try:
        return asyncio.run(main())
    finally:
        writer.close()


def test_a_deadlock_victim_alone_runs_again_and_lands_once(db: Database) -> None:
    """A push waiting for its device row behind two groups that lock theirs in opposite orders
    can be PostgreSQL's deadlock victim though it holds nothing: it is run again, not a 500."""
    if db.is_sqlite:
        pytest.skip("SQLite has one writer: no deadlocks")
    victim = DeadlockVictim(db, "victim", tries=2)
    assert _run_alone(db, victim) is victim
    assert victim.landed == 3
    assert _actors(db) == ["victim", "victim-feed"]
    hopeless = DeadlockVictim(db, "hopeless", tries=99)  # the tries are bounded
    assert "deadlock" in str(_run_alone(db, hopeless))
    assert hopeless.landed == 4
    assert _actors(db) == ["victim", "victim-feed"]


def test_a_deadlock_victim_in_a_group_lands_once(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("SQLite has one writer: no deadlocks")
    jobs = [Job(db, "ok-1"), DeadlockVictim(db, "victim", tries=2), Job(db, "ok-2")]
    answers = _run_group(db, jobs)
    assert [answers[job.name] for job in jobs] == jobs
    assert _actors(db) == sorted(["first", "first-feed", "ok-1", "ok-1-feed", "ok-2",
                                  "ok-2-feed", "victim", "victim-feed"])
