"""``POST /v1/sync/push``: land a batch of record versions, idempotently and race-safe.

Per record, in one transaction for the batch (and a savepoint per record on the careful path):

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

Two paths, same outcome. The *quick path* (``_land_quick``) takes the common batch (new versions
of distinct records, nothing stored yet for them, every ``base_rev`` current) and stores it in a
fixed number of plain DBAPI statements (``rawsql``; one multi-row INSERT per table, see
``insert_rows``) under a savepoint. Anything else (a version
already stored, a stale ``base_rev``, a record twice in the batch, a lost race) rolls that
savepoint back and goes through the *careful path* (the SQLAlchemy code below ``_careful``),
record by record where needed. The feed rows are written separately (``write_feed``) after
``db.lock_feed``, so a caller can land several batches and then write their feed rows under one
lock (the group commit of ``writer.py``).

The body is validated in one pass (``parse_push``: one pydantic model for the whole request,
payloads included, session payloads by ``QuickSessionPayload``: the protocol model's checks
without its Python validators); only a batch that pass does not accept is validated record by
record with the protocol models, which give every rejection reason. Each
payload is serialised once (its canonical JSON is stored and hashed). Content hashes are
``2:`` + 62 hex digits of sha256 over type, deleted, updated_at and that JSON; versions stored
before this scheme carry a plain sha256 of the older canonical form, which ``_existing``
recomputes when it meets one (a resend across the upgrade is still a ``duplicate``).

On SQLite each payload is stored once: a version's ``record_version.payload`` is JSON ``null``
(what SQLAlchemy reads as None) while the version is the current one, whose row
(``help_session``/``helper``) holds the payload; an edit copies it into the version it
supersedes before replacing the current row (``_KEEP_SUPERSEDED``), so every earlier version
still has its own. Nothing on the push or pull path reads ``record_version.payload``; writing it
twice cost ~1 ms of a 500-session push and a fifth of the database (10,000 sessions: 24.5 ->
19.0 MB, ``record_version`` 2/3 smaller). PostgreSQL keeps writing it in full (its group path,
``push_pg``, writes the same rows as ``_store_quick`` does there).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from itertools import chain
from typing import Annotated, Any

from pydantic import (
    AwareDatetime,
    BaseModel,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    create_model,
)
from pydantic.fields import FieldInfo
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.protocol import (
    HelperPayload,
    HelpSessionPayload,
    PushRequest,
    PushResult,
    Record,
    luhn32_check_symbol,
)
from sync.server.auth import DeviceCaller
from sync.server.db import Database
from sync.server.feed import audit
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
from sync.server.rawsql import UTC_TZINFOS, Sql, pg_insert_rows, pipelined, raw

_RESULTS = TypeAdapter(list[PushResult])
PAYLOADS: dict[str, type[BaseModel]] = {"help_session": HelpSessionPayload, "helper": HelperPayload}
CURRENT: dict[str, Any] = {"help_session": HelpSession, "helper": Helper}

# Careful path: SQLAlchemy Core statements built once.
_IDS = bindparam("ids", expanding=True)
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
_ = Device  # the device row is touched by plain SQL (``_TOUCH``)

# Quick path: plain SQL (``?`` placeholders, turned into ``%s`` for psycopg by ``Sql.q``).
_SESSION_COLS = ("local_date, started_at, duration_min, channel, outcome, age_band, "
                 "adult_confirmed, first_visit, visitor_code, postcode")
_TOUCH = "UPDATE device SET last_seen_at = ? WHERE id = ?"
_TOUCH_SKEW = "UPDATE device SET last_seen_at = ?, clock_skew_s = ? WHERE id = ?"
_INS_VERSION = ("INSERT INTO record_version (type, id, rev, base_rev, digipunt_id, device_id, "
                "deleted, updated_at, content_hash, payload, received_at, local_date) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, {json}, ?, ?)")
_INS_SESSION = ("INSERT INTO help_session (id, rev, digipunt_id, device_id, deleted, updated_at, "
                f"payload, {_SESSION_COLS}) "
                "VALUES (?, ?, ?, ?, ?, ?, {json}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_UPD_SESSION = ("UPDATE help_session SET rev = ?, digipunt_id = ?, device_id = ?, deleted = ?, "
                "updated_at = ?, payload = {json}, local_date = ?, started_at = ?, "
                "duration_min = ?, channel = ?, outcome = ?, age_band = ?, "
                "adult_confirmed = ?, first_visit = ?, visitor_code = ?, postcode = ? "
                "WHERE id = ? AND rev = ?")
_INS_HELPER = ("INSERT INTO helper (id, rev, digipunt_id, device_id, deleted, updated_at, "
               "payload) VALUES (?, ?, ?, ?, ?, ?, {json})")
_UPD_HELPER = ("UPDATE helper SET rev = ?, digipunt_id = ?, device_id = ?, deleted = ?, "
               "updated_at = ?, payload = {json} WHERE id = ? AND rev = ?")
_INS_SERVICE = ("INSERT INTO help_session_service (session_id, service, digipunt_id, local_date, "
                "deleted, duration_min) VALUES (?, ?, ?, ?, ?, ?)")
_INS_REFERRAL = ("INSERT INTO help_session_referral (session_id, referral, digipunt_id, "
                 "local_date, deleted, duration_min) VALUES (?, ?, ?, ?, ?, ?)")
_INS_CHANGE = ("INSERT INTO change (type, object_id, digipunt_id, origin_device_id) "
               "VALUES (?, ?, ?, ?)")
#: SQLite: an edit first copies the payload of the version it replaces out of the current row
#: (the version's own ``record_version`` row holds JSON ``null`` while it is current: module doc)
_KEEP_SUPERSEDED = ("UPDATE record_version SET payload = (SELECT payload FROM {table} "
                    "WHERE id = ?) WHERE id = ? AND rev = ? AND payload = 'null'")


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


# --- parsing ---------------------------------------------------------------------------------
def _without_validators(model: type[BaseModel], types: dict[str, Any]) -> type[BaseModel]:
    """A model with ``model``'s fields (same order, defaults, constraints, so the same JSON),
    but none of its Python validators; fields named in ``types`` get that annotation instead."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in types:
            info = FieldInfo.merge_field_infos(info, annotation=types[name])
        fields[name] = (info.annotation, info)
    return create_model(f"_Quick{model.__name__}", __config__=model.model_config,
                        __module__=__name__, **fields)


_CODE_SYMBOL = "[0-9A-HJKMNP-TV-Z]"
#: ``HelpSessionPayload`` with its 4 Python validators (~40% of the validation of a push) turned
#: into checks pydantic-core runs itself: aware datetimes, the service code and visitor code
#: patterns. What those cannot check (services repeated, the visitor code's check symbol) is
#: checked after (``_quick_payload_ok``). It accepts nothing ``HelpSessionPayload`` rejects;
#: a batch it does not accept goes record by record through ``HelpSessionPayload`` itself, so
#: every rejection reason is the protocol model's.
QuickSessionPayload = _without_validators(HelpSessionPayload, {
    "started_at": AwareDatetime,
    "created_at": AwareDatetime,
    "services": list[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]],
    "visitor_code": Annotated[str, StringConstraints(
        pattern=f"^{_CODE_SYMBOL}{{4}}-{_CODE_SYMBOL}{{4}}-{_CODE_SYMBOL}$")] | None,
})
_SESSION_MODELS = (HelpSessionPayload, QuickSessionPayload)


def is_session(model: Any) -> bool:
    """A help session payload (the protocol model or its quick twin)."""
    return isinstance(model, _SESSION_MODELS)


def _quick_payload_ok(model: Any) -> bool:
    """What ``HelpSessionPayload``'s validators check beyond ``QuickSessionPayload``."""
    if isinstance(model, HelperPayload):
        return True
    services = model.services
    if len(services) > 1 and len(set(services)) != len(services):
        return False
    code = model.visitor_code
    return code is None or luhn32_check_symbol(code[:4] + code[5:9]) == code[10]


class _TypedRecord(Record):
    """``protocol.Record`` with its payload validated in the same pass (a helper payload has
    ``display_name``, which a session payload may not have: the union is never ambiguous)."""

    payload: QuickSessionPayload | HelperPayload = Field(  # type: ignore[assignment,valid-type]
        union_mode="left_to_right")


class _TypedPush(BaseModel):
    batch_id: str = Field(min_length=1, max_length=64)
    client_time: datetime
    records: list[_TypedRecord]


@dataclass
class _Checked:
    """A record whose payload validated: ``payload_json`` is its canonical JSON (stored as is)."""

    record: Any  # protocol.Record or _TypedRecord: type, id, rev, base_rev, deleted, updated_at
    model: Any  # HelpSessionPayload | HelperPayload
    payload_json: str
    content_hash: str

    @cached_property
    def payload(self) -> dict[str, Any]:
        return json.loads(self.payload_json)


_ISO_UTC = "%04d-%02d-%02dT%02d:%02d:%02d.%06d+00:00"


def _utc_iso(value: datetime) -> str:
    """``value.astimezone(UTC).isoformat()``; at offset 0 (what ``isoformat`` ends with then:
    a naive time has no suffix, any other offset another one) that is ``isoformat()`` itself.
    A UTC time with microseconds (nearly all) is printed without asking its tzinfo."""
    tz = value.tzinfo
    if (tz is UTC_TZINFOS[1] or tz is UTC) and value.microsecond:
        return _ISO_UTC % (value.year, value.month, value.day, value.hour, value.minute,
                           value.second, value.microsecond)
    text = value.isoformat()
    if text.endswith("+00:00"):
        return text
    return value.astimezone(UTC).isoformat()


def _content_hash(rec: Any, payload_json: str) -> str:
    updated = _utc_iso(rec.updated_at)
    blob = f"{rec.type}|{int(rec.deleted)}|{updated}|{payload_json}"
    return "2:" + hashlib.sha256(blob.encode()).hexdigest()[:62]


def _content_hash_v1(rec: Any, payload: dict[str, Any]) -> str:
    """The hash of versions stored before the ``2:`` scheme (plain sha256 of sorted JSON)."""
    updated = rec.updated_at.astimezone(UTC).isoformat()
    blob = json.dumps(
        [rec.type, rec.deleted, updated, payload], sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def _same_content(stored_hash: str, item: _Checked) -> bool:
    if stored_hash.startswith("2:"):
        return stored_hash == item.content_hash
    return stored_hash == _content_hash_v1(item.record, item.payload)


def _reason(err: ValidationError) -> str:
    parts = []
    for e in err.errors()[:3]:
        loc = ".".join(str(p) for p in e.get("loc", ())) or "payload"
        parts.append(f"{loc}: {e.get('msg')}")
    return "; ".join(parts)


def _beyond_utc(value: datetime) -> bool:
    """A time whose UTC form is outside years 1..9999 (``0001-01-01T00:30:00+01:00``): it can
    be neither hashed nor stored (``astimezone`` raises), so its record is rejected, not a 500."""
    if value.year not in (1, 9999):
        return False
    try:
        value.astimezone(UTC)
    except OverflowError:
        return True
    return False


def _checked(rec: Any, model: Any) -> _Checked | str:
    if rec.rev <= rec.base_rev:
        return f"rev {rec.rev} must be greater than base_rev {rec.base_rev}"
    if "\x00" in rec.id:  # PostgreSQL text cannot hold it (a 500 there); refused on both
        return "id must not contain a NUL character"
    # the year test first: ``_beyond_utc`` is a call per time, and nearly never needed
    updated, started = rec.updated_at, getattr(model, "started_at", None)
    if updated.year in (1, 9999) and _beyond_utc(updated):
        return f"updated_at: {updated.isoformat()} is outside years 1-9999 in UTC"
    if started is not None and started.year in (1, 9999) and _beyond_utc(started):
        return f"payload.started_at: {started.isoformat()} is outside years 1-9999 in UTC"
    # the serializer itself: what ``model_dump_json()`` returns, minus its wrapper (~2x faster)
    text = type(model).__pydantic_serializer__.to_json(model).decode()
    return _Checked(rec, model, text, _content_hash(rec, text))


def _validate(rec: Any) -> _Checked | str:
    try:
        model = PAYLOADS[rec.type].model_validate(rec.payload)
    except ValidationError as err:
        return f"invalid payload: {_reason(err)}"
    return _checked(rec, model)


@dataclass
class ParsedPush:
    """A push body that is a valid ``PushRequest``; each record checked or its reject reason."""

    client_time: datetime
    records: list[Any]
    items: list[_Checked | str]
    #: the digipunt_id strings the payloads name (valid or not): any other than the device's = 403
    punts: set[str]
    #: the service codes the session payloads name (``parse_push`` collects them as it goes;
    #: a record rejected for its rev or id may add some: they only widen the catalog look-up)
    services: set[str] | None = None

    @property
    def wanted_services(self) -> set[str]:
        if self.services is None:
            self.services = {code for it in self.items if isinstance(it, _Checked)
                             and is_session(it.model) for code in it.model.services}
        return self.services


def parse_push(body: bytes | str) -> ParsedPush | None:
    """The push body checked in one pass; None when it is no valid ``PushRequest`` (422)."""
    try:
        typed = _TypedPush.model_validate_json(body)
    except ValidationError:
        pass
    else:
        # A payload of the other type (a helper payload under a help_session record), or one
        # that fails a check of ``HelpSessionPayload``'s validators: record by record (rare).
        # One loop for those checks and ``_checked`` (two passes cost ~0.5 ms more per 500).
        items: list[_Checked | str] = []
        punts: set[str] = set()
        services: set[str] = set()
        for rec in typed.records:
            model = rec.payload
            if isinstance(model, HelperPayload):
                if rec.type != "helper":
                    break
            elif rec.type != "help_session" or not _quick_payload_ok(model):
                break
            else:
                services.update(model.services)
            punts.add(model.digipunt_id)
            items.append(_checked(rec, model))
        else:
            return ParsedPush(typed.client_time, list(typed.records), items, punts, services)
    try:
        req = PushRequest.model_validate_json(body)
    except ValidationError:
        return None
    return parse_request(req)


def parse_request(req: PushRequest) -> ParsedPush:
    """An already validated ``PushRequest`` (the FastAPI route), record by record."""
    punts = {p for rec in req.records
             if isinstance(p := rec.payload.get("digipunt_id"), str)}
    return ParsedPush(req.client_time, list(req.records), [_validate(r) for r in req.records],
                      punts)


def check_ownership(device: DeviceCaller, parsed: ParsedPush) -> None:
    """403 for the whole request when any record names another digipunt."""
    if parsed.punts <= {device.digipunt_id}:  # the digipunt_id strings of all the payloads
        return
    for rec in parsed.records:
        punt = rec.payload.digipunt_id if isinstance(rec, _TypedRecord) else (
            rec.payload.get("digipunt_id"))
        if isinstance(punt, str) and punt != device.digipunt_id:
            raise ApiProblem(
                403,
                f"Record {rec.id} belongs to digipunt {punt!r}; this device may only write "
                f"records of its own digipunt.",
            )


def _stored_elsewhere(record_id: str) -> ApiProblem:
    """403: the stored record belongs to another digipunt than the pushing device's."""
    return ApiProblem(
        403, f"Record {record_id} belongs to another digipunt; this device may not change it."
    )


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


def touch_device(cur: Any, sql: Sql, device: DeviceCaller, client_time: datetime | None) -> None:
    """``device.last_seen_at`` (and ``clock_skew_s``, client - server) on a DBAPI cursor."""
    now = utcnow()
    if client_time is None:
        cur.execute(sql.q(_TOUCH), (sql.dt(now), device.id))
    else:
        skew = round((client_time - now).total_seconds(), 1)
        cur.execute(sql.q(_TOUCH_SKEW), (sql.dt(now), skew, device.id))


def write_feed(cur: Any, sql: Sql, device: DeviceCaller, items: list[_Checked]) -> None:
    """Move every accepted record to the end of the pull feed. Call ``lock_feed`` first.

    A create (``base_rev`` 0, accepted) had no current row, so it has no feed row to delete."""
    with pipelined(cur):
        for type_ in CURRENT:
            ids = [it.record.id for it in items
                   if it.record.type == type_ and it.record.base_rev != 0]
            for chunk in _chunks(ids, 500):
                where, params = sql.in_ids("object_id", chunk)
                cur.execute(sql.q(f"DELETE FROM change WHERE type = ? AND {where}"),
                            [type_, *params])
        insert_rows(cur, sql, _INS_CHANGE,
                    [(it.record.type, it.record.id, device.digipunt_id, device.id)
                     for it in items])


def insert_rows(cur: Any, sql: Sql, statement: str, rows: list[tuple[Any, ...]]) -> None:
    """INSERT many rows as multi-row ``VALUES`` statements: on PostgreSQL one per 1,000 rows, so
    the statement-level triggers on ``help_session`` (reports) run once per push, not once per
    row; on SQLite as many rows per statement as its parameter limit allows (a 500-record push:
    one statement per table). SQLite's ``executemany`` runs the statement once per row, and a
    row of a table with a trigger then opens a statement journal of its own: with the reports'
    trigger on ``help_session`` that cost ~3x the insert itself (and ``change``, AUTOINCREMENT,
    updates ``sqlite_sequence`` once per statement)."""
    if not rows:
        return
    statement = sql.q(statement).replace("{json}", sql.json_ph)
    if not sql.is_sqlite:  # numbered placeholders, no psycopg pass over them (rawsql)
        pg_insert_rows(cur, statement, rows)
        return
    head, _, values = statement.partition(" VALUES ")
    per = _sqlite_rows_per_statement(cur, len(rows[0]))
    for start in range(0, len(rows), per):
        for part in _cacheable(rows[start:start + per]):
            cur.execute(f"{head} VALUES {', '.join([values] * len(part))}",
                        list(chain.from_iterable(part)))


#: rows of the first statement of a multi-row INSERT: a multiple of this (``_cacheable``)
_ROWS_STEP = 64


def _cacheable(rows: list[tuple[Any, ...]]) -> list[list[tuple[Any, ...]]]:
    """The rows as one statement's worth, or a multiple of ``_ROWS_STEP`` and the rest.

    sqlite3 keeps prepared statements by their text; a row count not seen before means a new
    statement to parse (the ~650 service rows of a 500-session push vary from push to push: its
    INSERT was parsed every time, callgrind: ~4% of the server's instructions per push). Split
    like this, the long part's count is one of a few and the rest's statement is short."""
    cut = len(rows) - len(rows) % _ROWS_STEP
    if cut == 0 or cut == len(rows):
        return [rows]
    return [rows[:cut], rows[cut:]]


_SQLITE_ROWS_CAP = 2000  # a batch of 500 sessions and their service rows in one statement
_sqlite_param_limit: int | None = None


def _sqlite_rows_per_statement(cur: Any, columns: int) -> int:
    """Rows per multi-row INSERT under SQLite's host-parameter limit (32,766 since 3.32)."""
    global _sqlite_param_limit
    if _sqlite_param_limit is None:
        try:
            _sqlite_param_limit = int(cur.connection.getlimit(
                sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
        except (AttributeError, sqlite3.Error):  # Python < 3.11: the old default
            _sqlite_param_limit = 999
    return max(1, min(_SQLITE_ROWS_CAP, _sqlite_param_limit // columns))


_TOUCH_CALLER = ("UPDATE device SET last_seen_at = ?, clock_skew_s = COALESCE(?, clock_skew_s) "
                 "WHERE token_hash = ? AND NOT revoked RETURNING id, digipunt_id, name")


def touch_caller(cur: Any, sql: Sql, digest: str, client_time: datetime | None
                 ) -> DeviceCaller | None:
    """Who pushes, and ``touch_device`` for it, in one statement: the active device holding this
    token hash, or None (unknown or revoked: nothing changed, FastAPI answers which)."""
    now = utcnow()
    skew = None if client_time is None else round((client_time - now).total_seconds(), 1)
    cur.execute(sql.q(_TOUCH_CALLER), (sql.dt(now), skew, digest))
    row = cur.fetchone()
    return None if row is None else DeviceCaller(row[0], row[1], row[2])


class Pusher:
    """Lands one batch for one device inside the caller's transaction.

    ``land(conn)`` returns the results in the order of the request and the accepted versions,
    whose feed rows the caller writes (``write_feed``) after ``db.lock_feed``. ``run`` does it
    all in a transaction of its own.
    """

    def __init__(
        self,
        db: Database,
        device: DeviceCaller,
        services: set[str],
        client_time: datetime | None = None,
    ) -> None:
        self.db = db
        self.sql = db.sql
        self.device = device
        self.services = services
        self.client_time = client_time

    def run(self, parsed: ParsedPush) -> list[PushResult]:
        with self.db.write() as s:
            conn = s.connection()
            results, accepted = self.land(conn, parsed)
            if accepted:
                self.db.lock_feed(s)
                cur = raw(conn).cursor()
                try:
                    write_feed(cur, self.sql, self.device, accepted)
                finally:
                    cur.close()
        return results

    def land(
        self, conn: Connection, parsed: ParsedPush, *, touched: bool = False
    ) -> tuple[list[PushResult], list[_Checked]]:
        """Land the batch (``touched``: the caller already ran ``touch_caller``)."""
        check_ownership(self.device, parsed)
        results: dict[int, PushResult] = {}
        checked: list[tuple[int, _Checked]] = []
        known = parsed.wanted_services <= self.services  # the batch names no unknown service
        for i, item in enumerate(parsed.items):
            if (not known and isinstance(item, _Checked) and is_session(item.model)
                    and not self.services.issuperset(item.model.services)):
                unknown = [code for code in item.model.services if code not in self.services]
                item = f"unknown service code(s) {', '.join(unknown)}: not in the server catalog"
            if isinstance(item, str):
                rec = parsed.records[i]
                results[i] = PushResult(id=rec.id, rev=rec.rev, status="rejected", detail=item)
            else:
                checked.append((i, item))
        checked.sort(key=lambda pair: pair[1].record.id)  # stable: batch order within an id
        items = [item for _, item in checked]
        cur = raw(conn).cursor()
        try:
            # First lock taken: the device row (pushes of one device queue here, in order).
            if not touched:
                touch_device(cur, self.sql, self.device, self.client_time)
            quick = bool(items) and self._land_quick(cur, items)
            if quick:
                # one validation call for the whole list (cheaper than a model per record)
                accepted_results = _RESULTS.validate_python(
                    [{"id": item.record.id, "rev": item.record.rev, "status": "accepted"}
                     for _, item in checked])
                for (i, _item), result in zip(checked, accepted_results, strict=True):
                    results[i] = result
            elif checked:
                session = Session(bind=conn, join_transaction_mode="create_savepoint")
                try:
                    self._careful(session, checked, results)
                    session.commit()  # releases the session's savepoint only
                except BaseException:
                    session.rollback()
                    raise
                finally:
                    session.close()
        finally:
            cur.close()
        if quick:  # every record accepted, each id once (``_land_quick``)
            return [results[i] for i in range(len(parsed.items))], items
        accepted: dict[tuple[str, str], _Checked] = {}
        for i, item in checked:
            if results[i].status == "accepted":  # the feed holds each record once
                accepted[(item.record.type, item.record.id)] = item
        return [results[i] for i in range(len(parsed.items))], list(accepted.values())

    # --- quick path --------------------------------------------------------------------------
    def _land_quick(self, cur: Any, items: list[_Checked]) -> bool:
        """Store the batch in a few plain statements when nothing about it is contended.

        False (and nothing written) when any record needs the careful path.
        """
        sql = self.sql
        ids = [it.record.id for it in items]
        if len(set(ids)) != len(ids):
            return False
        current: dict[str, tuple[int, str]] = {}
        stored = False
        with pipelined(cur):  # PostgreSQL: the savepoint and the look-up in one round trip
            cur.execute("SAVEPOINT dp_quick")
            for chunk in _chunks(ids, 500):
                # Any stored version (then the careful path), and the current rows.
                where, params = sql.in_ids("id", chunk)
                parts = [f"SELECT 0, id, rev, digipunt_id FROM record_version WHERE {where}"]
                for type_ in CURRENT:
                    if any(it.record.type == type_ for it in items):
                        parts.append(f"SELECT 1, id, rev, digipunt_id FROM {type_} WHERE {where}")
                cur.execute(" UNION ALL ".join(parts), params * len(parts))
                for is_current, id_, rev, punt in cur.fetchall():
                    stored = stored or not is_current
                    current[id_] = (rev, punt)
        if stored or not (all(it.record.base_rev == 0 for it in items) if not current else
                          all(self._quick_ok(it, current.get(it.record.id)) for it in items)):
            cur.execute("RELEASE SAVEPOINT dp_quick")
            return False
        try:
            self._store_quick(cur, items)
        except (_LostRace, Exception) as err:
            if not isinstance(err, _LostRace) and not _is_integrity(err):
                raise
            cur.execute("ROLLBACK TO SAVEPOINT dp_quick")
            cur.execute("RELEASE SAVEPOINT dp_quick")
            return False
        return True

    def _quick_ok(self, item: _Checked, rev_punt: tuple[int, str] | None) -> bool:
        """A new version on top of the current one (or a create), of this device's digipunt."""
        if rev_punt is None:
            return item.record.base_rev == 0
        return rev_punt[0] == item.record.base_rev and rev_punt[1] == self.device.digipunt_id

    def _store_quick(self, cur: Any, items: list[_Checked]) -> None:
        sql = self.sql
        dt, day, flag = sql.dt, sql.day, sql.flag
        now = dt(utcnow())
        dev, punt = self.device.id, self.device.digipunt_id
        once = sql.is_sqlite  # the version's payload is in the current row (module doc)
        versions = []
        sessions_new, sessions_edit, helpers_new, helpers_edit = [], [], [], []
        services, referrals, edited_sessions = [], [], []
        for it in items:
            rec, m = it.record, it.model
            rid, rev, base_rev = rec.id, rec.rev, rec.base_rev
            deleted, updated = flag(rec.deleted), dt(rec.updated_at)
            is_session = rec.type == "help_session"
            local_date = day(m.local_date) if is_session else None
            versions.append((rec.type, rid, rev, base_rev, punt, dev, deleted, updated,
                             it.content_hash, "null" if once else it.payload_json, now,
                             local_date))
            if is_session:
                if base_rev == 0:  # one tuple, no ``cols`` to unpack (most pushes: ~0.2 ms)
                    sessions_new.append((
                        rid, rev, punt, dev, deleted, updated, it.payload_json, local_date,
                        dt(m.started_at), m.duration_min, m.channel, m.outcome, m.age_band,
                        flag(m.adult_confirmed), m.first_visit, m.visitor_code, m.postcode))
                else:
                    cols = (local_date, dt(m.started_at), m.duration_min, m.channel, m.outcome,
                            m.age_band, flag(m.adult_confirmed), m.first_visit, m.visitor_code,
                            m.postcode)
                    sessions_edit.append((rev, punt, dev, deleted, updated,
                                          it.payload_json, *cols, rid, base_rev))
                    edited_sessions.append(rid)
                # in primary-key order (the session ids are sorted already)
                codes = m.services
                if len(codes) == 1:  # most sessions
                    services.append((rid, codes[0], punt, local_date, deleted, m.duration_min))
                else:
                    copy = (punt, local_date, deleted, m.duration_min)
                    services.extend([(rid, code, *copy) for code in sorted(codes)])
                if m.referrals:
                    copy = (punt, local_date, deleted, m.duration_min)
                    referrals.extend([(rid, code, *copy) for code in sorted(set(m.referrals))])
            elif base_rev == 0:
                helpers_new.append((rid, rev, punt, dev, deleted, updated, it.payload_json))
            else:
                helpers_edit.append((rev, punt, dev, deleted, updated, it.payload_json,
                                     rid, base_rev))
        q, js = sql.q, sql.json_ph
        for stmt, rows in ((_UPD_SESSION, sessions_edit), (_UPD_HELPER, helpers_edit)):
            if once:  # the rows end with (id, base_rev): the version each edit supersedes
                keep = _KEEP_SUPERSEDED.format(table="helper" if stmt is _UPD_HELPER
                                               else "help_session")
                for row in rows:
                    cur.execute(keep, (row[-2], row[-2], row[-1]))
            for row in rows:  # compare-and-swap: the row count says who won
                cur.execute(q(stmt).replace("{json}", js), row)
                if cur.rowcount != 1:
                    raise _LostRace()
        with pipelined(cur):
            insert_rows(cur, sql, _INS_VERSION, versions)
            insert_rows(cur, sql, _INS_SESSION, sessions_new)
            insert_rows(cur, sql, _INS_HELPER, helpers_new)
            for chunk in _chunks(edited_sessions, 500):  # new sessions have no children yet
                where, params = sql.in_ids("session_id", chunk)
                cur.execute(f"DELETE FROM help_session_service WHERE {where}", params)
                cur.execute(f"DELETE FROM help_session_referral WHERE {where}", params)
            insert_rows(cur, sql, _INS_SERVICE, services)
            insert_rows(cur, sql, _INS_REFERRAL, referrals)
            cur.execute("RELEASE SAVEPOINT dp_quick")

    # --- careful path ------------------------------------------------------------------------
    def _careful(
        self, s: Session, checked: list[tuple[int, _Checked]], results: dict[int, PushResult]
    ) -> None:
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
                raise _stored_elsewhere(rec.id)
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
        once = self.sql.is_sqlite  # the version's payload is in the current row (module doc)
        conn = s.connection()
        conn.execute(
            INSERT_VERSION,
            [
                {
                    "type": it.record.type, "id": it.record.id, "rev": it.record.rev,
                    "base_rev": it.record.base_rev, "digipunt_id": punt, "device_id": dev,
                    "deleted": it.record.deleted, "updated_at": it.record.updated_at,
                    "content_hash": it.content_hash, "payload": None if once else it.payload,
                    "received_at": now,
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
                if is_session(it.model):
                    values.update(_session_columns(it.model))
                    sessions.append(it.record.id)
                (creates if it.record.base_rev == 0 else edits).append((it, values))
            if creates:
                conn.execute(INSERT_CURRENT[type_], [v for _, v in creates])
            for it, values in edits:
                self._keep_superseded(s, it)
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
                for it in items if is_session(it.model)
                for code in it.model.services
            ]
            referrals = [
                {"session_id": it.record.id, "referral": code,
                 **_report_copy(punt, it.record.deleted, it.model)}
                for it in items if is_session(it.model)
                for code in sorted(set(it.model.referrals))
            ]
            if services:
                conn.execute(INSERT_SERVICE, services)
            if referrals:
                conn.execute(INSERT_REFERRAL, referrals)

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
                raise _stored_elsewhere(rec.id)
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
        if _same_content(row.content_hash, item):
            return PushResult(id=rec.id, rev=rec.rev, status="duplicate")
        table = CURRENT[rec.type]
        server_rev = s.scalar(select(table.rev).where(table.id == rec.id)) or 0
        return self._conflict(s, item, server_rev)

    def _store(self, s: Session, item: _Checked, *, create: bool) -> None:
        rec, payload = item.record, item.payload
        local_date = item.model.local_date if is_session(item.model) else None
        s.execute(
            insert(RecordVersion).values(
                type=rec.type, id=rec.id, rev=rec.rev, base_rev=rec.base_rev,
                digipunt_id=self.device.digipunt_id, device_id=self.device.id,
                deleted=rec.deleted, updated_at=rec.updated_at, content_hash=item.content_hash,
                payload=None if self.sql.is_sqlite else payload, received_at=utcnow(),
                local_date=local_date,
            )
        )
        table = CURRENT[rec.type]
        values: dict[str, Any] = {
            "rev": rec.rev, "digipunt_id": self.device.digipunt_id, "device_id": self.device.id,
            "deleted": rec.deleted, "updated_at": rec.updated_at, "payload": payload,
        }
        if is_session(item.model):
            values.update(_session_columns(item.model))
        if create:
            s.execute(insert(table).values(id=rec.id, **values))
        else:
            self._keep_superseded(s, item)
            done = s.execute(
                update(table)
                .where(table.id == rec.id, table.rev == rec.base_rev)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            if done.rowcount != 1:
                raise _LostRace()
        if is_session(item.model):
            copy = _report_copy(self.device.digipunt_id, rec.deleted, item.model)
            self._children(s, rec.id, item.model, copy)

    def _keep_superseded(self, s: Session, item: _Checked) -> None:
        """SQLite: before an edit, the payload of the version it replaces out of the current row
        into that version's ``record_version`` row (module doc)."""
        if self.sql.is_sqlite:
            rec = item.record
            s.connection().exec_driver_sql(_KEEP_SUPERSEDED.format(table=rec.type),
                                           (rec.id, rec.id, rec.base_rev))

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
        local_date = item.model.local_date if is_session(item.model) else None
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


def _is_integrity(err: BaseException) -> bool:
    """A DBAPI IntegrityError (sqlite3 or psycopg): a UNIQUE key a concurrent push took."""
    return any(cls.__name__ == "IntegrityError" for cls in type(err).__mro__)


def note_clock(db: Database, device: DeviceCaller, client_time: datetime | None) -> None:
    """Keep when the device was last seen and how far its clock is off (client - server)."""
    with db.write() as s:
        cur = raw(s.connection()).cursor()
        try:
            touch_device(cur, db.sql, device, client_time)
        finally:
            cur.close()


ServicesSource = Callable[[], set[str]]
