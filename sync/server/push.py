"""``POST /v1/sync/push``: land a batch of record versions, idempotently and race-safe.

Per record, in one transaction for the batch and a savepoint per record:

1. the payload must validate (``HelpSessionPayload``/``HelperPayload``) and name only catalog
   services, else ``rejected`` with the reason (the rest of the batch still lands);
2. ``(id, rev)`` already stored: same content -> ``duplicate``; other content -> ``conflict``;
3. ``base_rev`` equals the server's current rev (0 = none): insert the version (``(id, rev)``
   UNIQUE) and compare-and-swap the current row -> ``accepted``. When a concurrent push wins the
   race (IntegrityError, or the CAS matches no row) the record is looked at again: ``duplicate``
   or ``conflict``;
4. otherwise ``conflict``: the losing version is stored in ``conflict`` (once per content).

A record of another digipunt (by payload or by the stored record) makes the whole request 403.
Records are handled in id order so concurrent batches take row locks in the same order. Several
versions of one record in a batch are handled in batch order, each pass judged against what the
passes before it stored (rev 3 with base 2 right after rev 2 with base 1 is accepted).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.protocol import HelperPayload, HelpSessionPayload, PushRequest, PushResult, Record
from sync.server.auth import DeviceCaller
from sync.server.db import Database
from sync.server.feed import audit
from sync.server.models import Change as ChangeRow
from sync.server.models import (
    Conflict,
    Device,
    Helper,
    HelpSession,
    HelpSessionReferral,
    HelpSessionService,
    RecordVersion,
    utcnow,
)
from sync.server.problems import ApiProblem

PAYLOADS: dict[str, type[BaseModel]] = {"help_session": HelpSessionPayload, "helper": HelperPayload}
CURRENT: dict[str, Any] = {"help_session": HelpSession, "helper": Helper}

# The statements of the common path (a batch of new versions), built once: building and
# compiling a statement per request costs more than running it. They run on the session's
# Connection (Core), skipping the ORM layer, inside the same transaction.
_IDS = bindparam("ids", expanding=True)
_DEVICE = Device.__table__
_TOUCH = update(_DEVICE).where(_DEVICE.c.id == bindparam("dev_id"))
TOUCH_DEVICE = _TOUCH.values(last_seen_at=bindparam("seen"))
TOUCH_DEVICE_SKEW = _TOUCH.values(last_seen_at=bindparam("seen"), clock_skew_s=bindparam("skew"))
_RV = RecordVersion.__table__
VERSIONS_OF = select(_RV.c.id, _RV.c.rev, _RV.c.type, _RV.c.content_hash).where(_RV.c.id.in_(_IDS))
CURRENTS_OF = {
    type_: select(t.__table__.c.id, t.__table__.c.rev, t.__table__.c.digipunt_id).where(
        t.__table__.c.id.in_(_IDS)
    )
    for type_, t in CURRENT.items()
}
INSERT_VERSION = _RV.insert()
INSERT_CURRENT = {type_: t.__table__.insert() for type_, t in CURRENT.items()}
DELETE_CHILDREN = [
    delete(c.__table__).where(c.__table__.c.session_id.in_(_IDS))
    for c in (HelpSessionService, HelpSessionReferral)
]
INSERT_SERVICE = HelpSessionService.__table__.insert()
INSERT_REFERRAL = HelpSessionReferral.__table__.insert()
_CH = ChangeRow.__table__
DELETE_CHANGES = delete(_CH).where(_CH.c.type == bindparam("t"), _CH.c.object_id.in_(_IDS))
INSERT_CHANGE = _CH.insert()


def _chunks(values: list[str], size: int) -> list[list[str]]:
    return [values[i:i + size] for i in range(0, len(values), size)]


def _passes(checked: list[tuple[int, Any]]) -> list[list[tuple[int, Any]]]:
    """Split a batch into passes: the first version of each record, then the second, ... (in
    batch order), so a later version is judged after the earlier one of the same batch landed."""
    passes: list[list[tuple[int, Any]]] = []
    seen: dict[str, int] = {}
    for pair in checked:
        n = seen.get(pair[1].record.id, 0)
        seen[pair[1].record.id] = n + 1
        if n == len(passes):
            passes.append([])
        passes[n].append(pair)
    return passes


class _LostRace(Exception):
    """The compare-and-swap of the current row matched nothing: someone else got there first."""


@dataclass
class _Checked:
    record: Record
    payload: dict[str, Any]
    model: BaseModel
    content_hash: str


def _content_hash(rec: Record, payload: dict[str, Any]) -> str:
    updated = rec.updated_at.astimezone(UTC).isoformat()
    blob = json.dumps(
        [rec.type, rec.deleted, updated, payload], sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def _reason(err: ValidationError) -> str:
    parts = []
    for e in err.errors()[:3]:
        loc = ".".join(str(p) for p in e.get("loc", ())) or "payload"
        parts.append(f"{loc}: {e.get('msg')}")
    return "; ".join(parts)


def check_ownership(device: DeviceCaller, req: PushRequest) -> None:
    """403 for the whole request when any record names another digipunt."""
    for rec in req.records:
        punt = rec.payload.get("digipunt_id")
        if isinstance(punt, str) and punt != device.digipunt_id:
            raise ApiProblem(
                403,
                f"Record {rec.id} belongs to digipunt {punt!r}; this device may only write "
                f"records of its own digipunt.",
            )


def _validate(rec: Record, services: set[str]) -> _Checked | str:
    try:
        model = PAYLOADS[rec.type].model_validate(rec.payload)
    except ValidationError as err:
        return f"invalid payload: {_reason(err)}"
    if rec.rev <= rec.base_rev:
        return f"rev {rec.rev} must be greater than base_rev {rec.base_rev}"
    if isinstance(model, HelpSessionPayload):
        unknown = [code for code in model.services if code not in services]
        if unknown:
            return f"unknown service code(s) {', '.join(unknown)}: not in the server catalog"
    payload = model.model_dump(mode="json")
    return _Checked(rec, payload, model, _content_hash(rec, payload))


def _report_copy(punt: str, deleted: bool, m: HelpSessionPayload) -> dict[str, Any]:
    """The session's report columns as copied onto each of its service/referral rows."""
    return {"digipunt_id": punt, "local_date": m.local_date, "deleted": deleted,
            "duration_min": m.duration_min}


def _session_columns(m: HelpSessionPayload) -> dict[str, Any]:
    return {
        "local_date": m.local_date,
        "started_at": m.started_at,
        "duration_min": m.duration_min,
        "channel": m.channel,
        "outcome": m.outcome,
        "age_band": m.age_band,
        "adult_confirmed": m.adult_confirmed,
        "first_visit": m.first_visit,
        "visitor_code": m.visitor_code,
        "postcode": m.postcode,
    }


class Pusher:
    """Lands one batch for one device; ``run`` returns results in the order of the request."""

    def __init__(
        self,
        db: Database,
        device: DeviceCaller,
        services: set[str],
        client_time: datetime | None = None,
    ) -> None:
        self.db = db
        self.device = device
        self.services = services
        self.client_time = client_time

    def run(self, req: PushRequest) -> list[PushResult]:
        check_ownership(self.device, req)
        results: dict[int, PushResult] = {}
        checked: list[tuple[int, _Checked]] = []
        for i, rec in enumerate(req.records):
            outcome = _validate(rec, self.services)
            if isinstance(outcome, str):
                results[i] = PushResult(id=rec.id, rev=rec.rev, status="rejected", detail=outcome)
            else:
                checked.append((i, outcome))
        checked.sort(key=lambda pair: (pair[1].record.id, pair[0]))
        with self.db.write() as s:
            # First lock taken: the device row (pushes of one device queue here, in order).
            s.connection().execute(*_touch(self.device, self.client_time))
            accepted: dict[tuple[str, str], _Checked] = {}
            for part in _passes(checked):
                fast = self._plan(s, part, results)
                if fast:
                    try:
                        with s.begin_nested():
                            self._store_many(s, [item for _, item in fast])
                    except (IntegrityError, _LostRace):
                        # A concurrent push got some of these first: one record at a time.
                        for i, item in fast:
                            results[i] = self._one(s, item)
                    else:
                        for i, item in fast:
                            results[i] = PushResult(id=item.record.id, rev=item.record.rev,
                                                    status="accepted")
            for i, item in checked:
                if results[i].status == "accepted":  # the feed holds each record once
                    accepted[(item.record.type, item.record.id)] = item
            if accepted:
                self.db.lock_feed(s)
                self._feed(s, list(accepted.values()))
        return [results[i] for i in range(len(req.records))]

    def _plan(
        self, s: Session, checked: list[tuple[int, _Checked]], results: dict[int, PushResult]
    ) -> list[tuple[int, _Checked]]:
        """Decide what needs no writing (duplicates, conflicts); return the records to store."""
        ids = sorted({item.record.id for _, item in checked})
        versions: dict[tuple[str, int], tuple[str, str]] = {}
        currents: dict[tuple[str, str], tuple[int, str]] = {}
        conn = s.connection()
        for chunk in _chunks(ids, 500):
            for id_, rev, type_, content_hash in conn.execute(VERSIONS_OF, {"ids": chunk}):
                versions[(id_, rev)] = (type_, content_hash)
            for type_ in CURRENT:
                for id_, rev, punt in conn.execute(CURRENTS_OF[type_], {"ids": chunk}):
                    currents[(type_, id_)] = (rev, punt)
        fast: list[tuple[int, _Checked]] = []
        seen_ids: set[str] = set()
        for i, item in checked:
            rec = item.record
            if (rec.id, rec.rev) in versions or rec.id in seen_ids:
                results[i] = self._one(s, item)  # duplicate, conflict, or a repeat in the batch
                continue
            current = currents.get((rec.type, rec.id))
            if current is not None and current[1] != self.device.digipunt_id:
                raise ApiProblem(
                    403, f"Record {rec.id} belongs to another digipunt; this device may not "
                    "change it."
                )
            server_rev = current[0] if current is not None else 0
            if server_rev != rec.base_rev:
                results[i] = self._conflict(s, item, server_rev)
                continue
            seen_ids.add(rec.id)
            fast.append((i, item))
        return fast

    def _store_many(self, s: Session, items: list[_Checked]) -> None:
        """Store many new versions in a few statements (the common case: nothing contended)."""
        now = utcnow()
        dev, punt = self.device.id, self.device.digipunt_id
        conn = s.connection()
        conn.execute(
            INSERT_VERSION,
            [
                {
                    "type": it.record.type, "id": it.record.id, "rev": it.record.rev,
                    "base_rev": it.record.base_rev, "digipunt_id": punt, "device_id": dev,
                    "deleted": it.record.deleted, "updated_at": it.record.updated_at,
                    "content_hash": it.content_hash, "payload": it.payload, "received_at": now,
                    "local_date": getattr(it.model, "local_date", None),
                }
                for it in items
            ],
        )
        sessions: list[str] = []
        for type_, table in CURRENT.items():
            creates, edits = [], []
            for it in items:
                if it.record.type != type_:
                    continue
                values: dict[str, Any] = {
                    "id": it.record.id, "rev": it.record.rev, "digipunt_id": punt,
                    "device_id": dev, "deleted": it.record.deleted,
                    "updated_at": it.record.updated_at, "payload": it.payload,
                }
                if isinstance(it.model, HelpSessionPayload):
                    values.update(_session_columns(it.model))
                    sessions.append(it.record.id)
                (creates if it.record.base_rev == 0 else edits).append((it, values))
            if creates:
                conn.execute(INSERT_CURRENT[type_], [v for _, v in creates])
            for it, values in edits:
                done = s.execute(
                    update(table)
                    .where(table.id == it.record.id, table.rev == it.record.base_rev)
                    .values(**{k: v for k, v in values.items() if k != "id"})
                    .execution_options(synchronize_session=False)
                )
                if done.rowcount != 1:
                    raise _LostRace()
        if sessions:
            edited = [it.record.id for it in items
                      if it.record.type == "help_session" and it.record.base_rev != 0]
            for chunk in _chunks(edited, 500):  # new sessions have no children yet
                for stmt in DELETE_CHILDREN:
                    conn.execute(stmt, {"ids": chunk})
            services = [
                {"session_id": it.record.id, "service": code,
                 **_report_copy(punt, it.record.deleted, it.model)}
                for it in items if isinstance(it.model, HelpSessionPayload)
                for code in it.model.services
            ]
            referrals = [
                {"session_id": it.record.id, "referral": code,
                 **_report_copy(punt, it.record.deleted, it.model)}
                for it in items if isinstance(it.model, HelpSessionPayload)
                for code in sorted(set(it.model.referrals))
            ]
            if services:
                conn.execute(INSERT_SERVICE, services)
            if referrals:
                conn.execute(INSERT_REFERRAL, referrals)

    def _feed(self, s: Session, items: list[_Checked]) -> None:
        """Move every accepted record to the end of the pull feed."""
        conn = s.connection()
        for type_ in CURRENT:
            ids = [it.record.id for it in items if it.record.type == type_]
            for chunk in _chunks(ids, 500):
                conn.execute(DELETE_CHANGES, {"t": type_, "ids": chunk})
        conn.execute(
            INSERT_CHANGE,
            [
                {"type": it.record.type, "object_id": it.record.id,
                 "digipunt_id": self.device.digipunt_id, "origin_device_id": self.device.id}
                for it in items
            ],
        )

    # --- one record ------------------------------------------------------------------------
    def _one(self, s: Session, item: _Checked) -> PushResult:
        rec = item.record
        for _attempt in range(3):
            seen = self._existing(s, item)
            if seen is not None:
                return seen
            table = CURRENT[rec.type]
            current = s.execute(
                select(table.rev, table.digipunt_id).where(table.id == rec.id)
            ).first()
            if current is not None and current.digipunt_id != self.device.digipunt_id:
                raise ApiProblem(
                    403, f"Record {rec.id} belongs to another digipunt; this device may not "
                    "change it."
                )
            server_rev = current.rev if current is not None else 0
            if server_rev != rec.base_rev:
                return self._conflict(s, item, server_rev)
            try:
                with s.begin_nested():
                    self._store(s, item, create=current is None)
            except (IntegrityError, _LostRace):
                continue  # a concurrent push got there first: look again
            return PushResult(id=rec.id, rev=rec.rev, status="accepted")
        raise ApiProblem(409, f"Record {rec.id} is being changed by another push; send it again.")

    def _existing(self, s: Session, item: _Checked) -> PushResult | None:
        rec = item.record
        row = s.execute(
            select(RecordVersion.type, RecordVersion.content_hash).where(
                RecordVersion.id == rec.id, RecordVersion.rev == rec.rev
            )
        ).first()
        if row is None:
            return None
        if row.type != rec.type:
            return PushResult(
                id=rec.id, rev=rec.rev, status="rejected",
                detail=f"id {rec.id} is already used by a {row.type} record",
            )
        if row.content_hash == item.content_hash:
            return PushResult(id=rec.id, rev=rec.rev, status="duplicate")
        table = CURRENT[rec.type]
        server_rev = s.scalar(select(table.rev).where(table.id == rec.id)) or 0
        return self._conflict(s, item, server_rev)

    def _store(self, s: Session, item: _Checked, *, create: bool) -> None:
        rec, payload = item.record, item.payload
        local_date = item.model.local_date if isinstance(item.model, HelpSessionPayload) else None
        s.execute(
            insert(RecordVersion).values(
                type=rec.type, id=rec.id, rev=rec.rev, base_rev=rec.base_rev,
                digipunt_id=self.device.digipunt_id, device_id=self.device.id,
                deleted=rec.deleted, updated_at=rec.updated_at, content_hash=item.content_hash,
                payload=payload, received_at=utcnow(), local_date=local_date,
            )
        )
        table = CURRENT[rec.type]
        values: dict[str, Any] = {
            "rev": rec.rev, "digipunt_id": self.device.digipunt_id, "device_id": self.device.id,
            "deleted": rec.deleted, "updated_at": rec.updated_at, "payload": payload,
        }
        if isinstance(item.model, HelpSessionPayload):
            values.update(_session_columns(item.model))
        if create:
            s.execute(insert(table).values(id=rec.id, **values))
        else:
            done = s.execute(
                update(table)
                .where(table.id == rec.id, table.rev == rec.base_rev)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            if done.rowcount != 1:
                raise _LostRace()
        if isinstance(item.model, HelpSessionPayload):
            copy = _report_copy(self.device.digipunt_id, rec.deleted, item.model)
            self._children(s, rec.id, item.model, copy)

    @staticmethod
    def _children(
        s: Session, session_id: str, m: HelpSessionPayload, copy: dict[str, Any]
    ) -> None:
        for child in (HelpSessionService, HelpSessionReferral):
            s.execute(delete(child).where(child.session_id == session_id))
        if m.services:
            s.execute(
                insert(HelpSessionService),
                [{"session_id": session_id, "service": code, **copy} for code in m.services],
            )
        if m.referrals:
            s.execute(
                insert(HelpSessionReferral),
                [{"session_id": session_id, "referral": code, **copy}
                 for code in set(m.referrals)],
            )

    def _conflict(self, s: Session, item: _Checked, server_rev: int) -> PushResult:
        rec = item.record
        local_date = item.model.local_date if isinstance(item.model, HelpSessionPayload) else None
        detail = f"the server has rev {server_rev}; this version started from rev {rec.base_rev}"
        try:
            with s.begin_nested():
                s.execute(
                    insert(Conflict).values(
                        type=rec.type, record_id=rec.id, rev=rec.rev, base_rev=rec.base_rev,
                        server_rev=server_rev, digipunt_id=self.device.digipunt_id,
                        device_id=self.device.id, deleted=rec.deleted,
                        updated_at=rec.updated_at, content_hash=item.content_hash,
                        payload=item.payload, received_at=utcnow(), local_date=local_date,
                    )
                )
                audit(s, f"device:{self.device.id}", "conflict",
                      f"{rec.type} {rec.id} rev {rec.rev} (base {rec.base_rev}, "
                      f"server {server_rev})")
                s.flush()
        except IntegrityError:
            pass  # this losing version is already kept
        return PushResult(id=rec.id, rev=rec.rev, status="conflict", detail=detail)


def _clock_values(client_time: datetime | None) -> dict[str, Any]:
    now = utcnow()
    values: dict[str, Any] = {"last_seen_at": now}
    if client_time is not None:
        values["clock_skew_s"] = round((client_time - now).total_seconds(), 1)
    return values


def _touch(device: DeviceCaller, client_time: datetime | None) -> tuple[Any, dict[str, Any]]:
    """The prebuilt UPDATE of ``device.last_seen_at`` (and ``clock_skew_s``) with its values."""
    values = _clock_values(client_time)
    params = {"dev_id": device.id, "seen": values["last_seen_at"]}
    if "clock_skew_s" in values:
        return TOUCH_DEVICE_SKEW, {**params, "skew": values["clock_skew_s"]}
    return TOUCH_DEVICE, params


def note_clock(db: Database, device: DeviceCaller, client_time: datetime | None) -> None:
    """Keep when the device was last seen and how far its clock is off (client - server)."""
    with db.write() as s:
        s.connection().execute(*_touch(device, client_time))


ServicesSource = Callable[[], set[str]]
