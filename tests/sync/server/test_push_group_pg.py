"""Pushes landed together by the group writer (on PostgreSQL the common ones as one statement
each, ``push_pg.py``) answer and store exactly what each push alone through the FastAPI route
does: new records, a resend, a 403, an unknown token, rejections, and a lost race."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

from sync.server.fastpath import _PushJob
from sync.server.push import Pusher, parse_push
from sync.server.tokens import hash_secret
from sync.server.writer import GroupWriter
from tests.sync.server.records import batch, record, session_payload
from tests.sync.server.test_fastpath import VIA_FASTAPI, _answers, _mixed_batch, _push, _stored


class _Hold:
    """A first job that keeps the writer busy until the others are queued (one group)."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.started = threading.Event()

    def land(self, conn: Any) -> bool:
        self.started.set()
        assert self.gate.wait(30)
        return False

    def feed(self, cur: Any) -> None:
        pass


def _group(srv, pushes: list[tuple[str, dict]], before: Any = None) -> list[Any]:
    """Push ``(token, body)`` pairs as one group of the writer; the answers as the fast path
    gives them (a list of (status, detail), the ``ApiProblem`` or None for an unknown token)."""
    writer = GroupWriter(srv.db, threads=1)
    services = srv.app.sync_fast_path.services
    jobs = [_PushJob(srv.db, hash_secret(token), parse_push(_json(body)), services)
            for token, body in pushes]
    hold = _Hold()

    async def main() -> list[Any]:
        held = asyncio.ensure_future(writer.run(hold))
        while not hold.started.is_set():
            await asyncio.sleep(0.001)
        waiting = [asyncio.ensure_future(writer.run(job)) for job in jobs]
        await asyncio.sleep(0)
        if before is not None:
            before()
        hold.gate.set()
        return (await asyncio.gather(held, *waiting, return_exceptions=True))[1:]

    try:
        done = asyncio.run(main())
    finally:
        writer.close()
    out: list[Any] = []
    for job, answer in zip(jobs, done, strict=True):
        if isinstance(answer, BaseException):
            out.append(answer)
        elif job.device is None:
            out.append(None)
        else:
            out.append([(r.status, r.detail) for r in job.results])
    return out


def _json(body: dict) -> bytes:
    import json

    return json.dumps(body).encode()


def test_a_group_of_pushes_answers_and_stores_like_each_push_alone(
    live_server, server_db_url
) -> None:
    srv = live_server(server_db_url)
    a = srv.enrolled(name="pc-a")
    b = srv.enrolled(digipunt=a.digipunt_id, name="pc-b")
    other = srv.enrolled(name="elsewhere")

    def new(prefix: str, punt: str) -> dict:
        return batch(
            record(session_payload(punt, services=["itsme", "eid"], referrals=["ocmw", "ocmw"]),
                   id=f"{prefix}-1"),
            record(session_payload(punt, postcode=None, visitor_code=None), id=f"{prefix}-2"),
            record({"digipunt_id": punt, "display_name": "Mieke"}, id=f"{prefix}-3",
                   type="helper"),
            record(session_payload(punt), id=f"{prefix}-0", deleted=True),
        )

    sent = new("sent", a.digipunt_id)
    assert [s for s, _ in _answers(_push(srv, a.token, sent))] == ["accepted"] * 4
    mixed, _ = _mixed_batch(a.digipunt_id, "gmixed")
    answers = _group(srv, [
        (a.token, new("group", a.digipunt_id)),
        (a.token, sent),  # a resend: duplicates
        (b.token, new("refused", other.digipunt_id)),  # another digipunt's: 403
        ("no-such-token", new("nobody", a.digipunt_id)),
        (b.token, mixed),
        (other.token, batch(*(record(session_payload(other.digipunt_id), id=f"grp2-{n}")
                              for n in range(4)))),  # no referrals, no helper
    ])
    assert answers[0] == [("accepted", None)] * 4
    assert answers[1] == [("duplicate", None)] * 4
    assert getattr(answers[2], "status", None) == 403
    assert answers[3] is None
    alone, _ = _mixed_batch(a.digipunt_id, "amixed")
    assert answers[4] == _answers(_push(srv, a.token, alone, VIA_FASTAPI))
    assert answers[5] == [("accepted", None)] * 4

    assert _answers(_push(srv, a.token, new("route", a.digipunt_id), VIA_FASTAPI)) == answers[0]
    assert _stored(srv, "group") == _stored(srv, "route")
    assert _stored(srv, "gmixed") == _stored(srv, "amixed")
    assert _stored(srv, "refused") == _stored(srv, "nobody") == {
        "versions": [], "sessions": [], "services": [], "feed": []}
    assert len(_stored(srv, "group")["feed"]) == len(_stored(srv, "grp2")["feed"]) == 4


def test_a_group_that_loses_a_race_for_an_id_answers_as_a_lost_race(
    live_server, server_db_url
) -> None:
    """Another transaction stores one of the group's ids while the group runs: its push answers
    what it answers after that transaction (duplicate), the group's other pushes land."""
    srv = live_server(server_db_url)
    a = srv.enrolled(name="pc-a")
    b = srv.enrolled(name="pc-b")
    raced = batch(record(session_payload(a.digipunt_id), id="race-1"),
                  record(session_payload(a.digipunt_id), id="race-2"))
    calm = batch(record(session_payload(b.digipunt_id), id="calm-1"))
    committed = threading.Event()
    landed = threading.Event()  # the other transaction holds its rows, not yet committed

    if srv.db.is_sqlite:  # one writer at a time: stored before the group runs
        Pusher(srv.db, _caller(srv, a), {"eid"}).run(parse_push(_json(raced)))
        committed.set()

    def meanwhile() -> None:
        if srv.db.is_sqlite:
            return

        def store() -> None:  # holds the new rows uncommitted while the group runs into them
            with srv.db.write() as s:
                pusher = Pusher(srv.db, _caller(srv, a), {"eid"})
                pusher.land(s.connection(), parse_push(_json(batch(raced["records"][1]))))
                landed.set()
                time.sleep(0.5)
            committed.set()

        threading.Thread(target=store, daemon=True).start()
        assert landed.wait(10)

    answers = _group(srv, [(a.token, raced), (b.token, calm)], before=meanwhile)
    assert committed.wait(10)
    first = [("duplicate", None)] * 2 if srv.db.is_sqlite else [("accepted", None),
                                                                 ("duplicate", None)]
    assert answers == [first, [("accepted", None)]]
    assert len(_stored(srv, "race")["versions"]) == 2
    assert len(_stored(srv, "calm")["feed"]) == 1


def _caller(srv, dev) -> Any:
    from sync.server.auth import DeviceCaller

    return DeviceCaller(dev.device_id, dev.digipunt_id, "pc")
