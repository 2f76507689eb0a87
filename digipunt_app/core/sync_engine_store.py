"""The database side of the sync engine: every read and write it does, each in one short
transaction (the push path on a raw sqlite3 connection of the store's pool, the rest through a
Session).

Bookkeeping lives in ``sync_state`` (key -> JSON text, owned by the sync engine):

- enrolment and status keys (``KEY_*`` below), read by ``core.status`` and the UI;
- ``inflight-batch:<batch id>``: the request body of a push batch (gzipped, base64, as a JSON
  string), written in the transaction that leases the batch and removed in the one that applies
  its answers. So every version sent is kept until its answer is known, at the cost of one row
  per batch;
- ``inflight:<record id>``: the versions of a record sent in a push whose answer never came (a
  list of wire records, oldest first), unpacked from the batch rows whose answers were lost (a
  failed push, a killed app). They are resent, in order, before any newer local edit, so the
  server sees an unbroken ``base_rev`` chain: duplicates for what it already had, accepted for
  the rest. Without this a lost answer followed by an edit would become a false conflict;
- ``rejected:<record id>``: ``{"rev", "reason"}`` of a version the server refused. The outbox row
  stays (nothing is dropped); it is not resent until the volunteer edits the record again.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import json
import re
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from json.encoder import encode_basestring as _q  # json's own string escaping (C)
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from digipunt_app.core import outbox
from digipunt_app.core.db import storage_error
from digipunt_app.core.local_info import set_local_digipunt_in
from digipunt_app.core.models import (
    Conflict,
    Helper,
    HelpSession,
    Outbox,
    to_db_time,
)
from digipunt_app.core.models import SyncState as SyncStateRow
from digipunt_app.core.sync_engine_types import (
    ConflictInfo,
    PullCounts,
    PushBatch,
    PushCounts,
    SyncState,
    SyncStatusInfo,
)
from sync.client import PushResultItem, gzip_body
from sync.protocol import (
    Change,
    EnrolResponse,
    HelperPayload,
    HelpSessionPayload,
    PullResponse,
    SyncConfig,
)

KEY_SERVER_URL = "server_url"
KEY_TOKEN = "device_token"
KEY_DEVICE_ID = "device_id"
KEY_DIGIPUNT_ID = "digipunt_id"
KEY_DIGIPUNT_NAME = "digipunt_name"
KEY_DIGIBANK_NAME = "digibank_name"
KEY_CONFIG = "config"  # {"max_batch_records", "max_body_bytes", "fetched_at"}
KEY_CURSOR = "cursor"
KEY_LAST_SYNC = "last_sync"  # ISO time of the last successful sync
KEY_LAST_ATTEMPT = "last_attempt"
KEY_LAST_ERROR = "last_error"  # plain Dutch message of the last failure, null after a success
KEY_REVOKED = "revoked"
KEY_FAILURES = "failures"
KEY_NEXT_ATTEMPT = "next_attempt_at"
KEY_SKEW = "clock_skew_seconds"  # server clock minus PC clock, seconds
KEY_NEEDS_FULL_PULL = "needs_full_pull"  # set by the store after restoring a backup
INFLIGHT = "inflight:"
INFLIGHT_BATCH = "inflight-batch:"
REJECTED = "rejected:"

#: a lease further in the future than this is from a clock that was set back: treat as expired
LEASE_SANITY = timedelta(hours=1)


# --- sync_state helpers ----------------------------------------------------------------------
def _get_many(session: Session, keys: Iterable[str]) -> dict[str, Any]:
    rows = session.execute(
        select(SyncStateRow.key, SyncStateRow.value).where(SyncStateRow.key.in_(list(keys)))
    )
    return {key: json.loads(value) for key, value in rows}


def _put(session: Session, key: str, value: Any) -> None:
    _put_many(session, {key: value})


def _put_many(session: Session, values: dict[str, Any]) -> None:
    """Upsert many keys in one statement (executemany)."""
    if not values:
        return
    stmt = sqlite_insert(SyncStateRow)
    stmt = stmt.on_conflict_do_update(
        index_elements=[SyncStateRow.key], set_={"value": stmt.excluded.value}
    )
    session.execute(stmt, [
        {"key": key, "value": json.dumps(value, separators=(",", ":"), default=str)}
        for key, value in values.items()
    ])


def _drop(session: Session, keys: Iterable[str]) -> None:
    keys = list(keys)
    if keys:
        session.execute(delete(SyncStateRow).where(SyncStateRow.key.in_(keys)))


def _key_range(prefix: str) -> tuple[str, str]:
    """``(low, high)``: the keys starting with ``prefix`` are ``low <= key < high``."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _prefixed(session: Session, prefix: str) -> dict[str, Any]:
    low, high = _key_range(prefix)
    rows = session.execute(
        select(SyncStateRow.key, SyncStateRow.value)
        .where(SyncStateRow.key >= low)
        .where(SyncStateRow.key < high)
    )
    return {key[len(prefix):]: json.loads(value) for key, value in rows}


def _time(value: Any) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


_STATE_KEYS = (
    KEY_SERVER_URL, KEY_TOKEN, KEY_DEVICE_ID, KEY_DIGIPUNT_ID, KEY_DIGIPUNT_NAME,
    KEY_DIGIBANK_NAME, KEY_CONFIG, KEY_CURSOR, KEY_LAST_SYNC, KEY_LAST_ATTEMPT, KEY_LAST_ERROR,
    KEY_REVOKED, KEY_FAILURES, KEY_NEXT_ATTEMPT, KEY_SKEW,
)


def _state(session: Session) -> SyncState:
    values = _get_many(session, _STATE_KEYS)
    config = values.get(KEY_CONFIG) or {}
    return SyncState(
        server_url=values.get(KEY_SERVER_URL),
        token=values.get(KEY_TOKEN),
        device_id=values.get(KEY_DEVICE_ID),
        digipunt_id=values.get(KEY_DIGIPUNT_ID),
        digipunt_name=values.get(KEY_DIGIPUNT_NAME),
        digibank_name=values.get(KEY_DIGIBANK_NAME),
        max_batch_records=config.get("max_batch_records"),
        max_body_bytes=config.get("max_body_bytes"),
        config_fetched_at=_time(config.get("fetched_at")),
        cursor=int(values.get(KEY_CURSOR) or 0),
        last_sync=_time(values.get(KEY_LAST_SYNC)),
        last_attempt=_time(values.get(KEY_LAST_ATTEMPT)),
        last_error=values.get(KEY_LAST_ERROR),
        revoked=bool(values.get(KEY_REVOKED)),
        failures=int(values.get(KEY_FAILURES) or 0),
        next_attempt_at=_time(values.get(KEY_NEXT_ATTEMPT)),
        clock_skew_seconds=values.get(KEY_SKEW),
    )


def load_state(store: Any) -> SyncState:
    with store.session() as session:
        return _state(session)


def load_cursor(store: Any) -> int:
    with store.session() as session:
        return int(_get_many(session, [KEY_CURSOR]).get(KEY_CURSOR) or 0)


def pending_count(store: Any) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Outbox)) or 0)


def sync_status(store: Any) -> SyncStatusInfo:
    """Everything the status bar and ``digipunt status`` show, in one read."""
    with store.session() as session:
        pending = int(session.scalar(select(func.count()).select_from(Outbox)) or 0)
        conflicts = int(
            session.scalar(
                select(func.count()).select_from(Conflict).where(Conflict.resolved_at.is_(None))
            )
            or 0
        )
        rejected = len(_prefixed(session, REJECTED))
        return SyncStatusInfo(
            state=_state(session), pending=pending, rejected=rejected, open_conflicts=conflicts
        )


# --- enrolment, config, outcome --------------------------------------------------------------
def save_enrolment(
    store: Any, server_url: str, answer: EnrolResponse, config: SyncConfig, *, now: datetime
) -> None:
    """Store token, device, digipunt and config; re-home records made before enrolment."""
    point = answer.digipunt
    with store.session(write=True) as session:
        for key, value in (
            (KEY_SERVER_URL, server_url),
            (KEY_TOKEN, answer.token),
            (KEY_DEVICE_ID, answer.device_id),
            (KEY_DIGIPUNT_ID, point.id),
            (KEY_DIGIPUNT_NAME, point.name),
            (KEY_DIGIBANK_NAME, point.digibank_name),
            (KEY_CURSOR, 0),
            (KEY_REVOKED, False),
            (KEY_FAILURES, 0),
            (KEY_LAST_ERROR, None),
            (KEY_NEXT_ATTEMPT, None),
        ):
            _put(session, key, value)
        _put_config(session, config, now)
        # Records made before enrolment were never pushed: re-homed without a rev bump.
        set_local_digipunt_in(session, point.model_dump(), answer.device_id)


def _put_config(session: Session, config: SyncConfig, now: datetime) -> None:
    _put(session, KEY_CONFIG, {
        "max_batch_records": config.max_batch_records,
        "max_body_bytes": config.max_body_bytes,
        "fetched_at": _iso(now),
    })


def save_config(store: Any, config: SyncConfig, *, now: datetime) -> None:
    with store.session(write=True) as session:
        _put_config(session, config, now)


def save_skew(store: Any, skew_seconds: float) -> None:
    with store.session(write=True) as session:
        _put(session, KEY_SKEW, round(skew_seconds, 3))


def record_outcome(
    store: Any,
    *,
    now: datetime,
    ok: bool,
    error: str | None,
    revoked: bool,
    failures: int,
    next_attempt_at: datetime | None,
) -> None:
    values: dict[str, Any] = {KEY_LAST_ATTEMPT: _iso(now)}
    if ok:
        values[KEY_LAST_SYNC] = _iso(now)
    values[KEY_LAST_ERROR] = error
    if ok or revoked:
        values[KEY_REVOKED] = revoked
    values[KEY_FAILURES] = failures
    values[KEY_NEXT_ATTEMPT] = _iso(next_attempt_at)
    with store.session(write=True) as session:
        _put_many(session, values)


# --- push ------------------------------------------------------------------------------------
def _wire_time(value: datetime) -> str:
    """An aware datetime as pydantic writes it (``2026-11-23T12:00:00.123456Z``)."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def session_payload(row: Any, device_id: str | None) -> dict[str, Any]:
    """The wire payload of a help session row, built directly (this runs for every record of
    every push). Fields at their default are left out: fewer bytes, same meaning; the server
    fills them in (``HelpSessionPayload``)."""
    payload: dict[str, Any] = {"digipunt_id": row.digipunt_id}
    device = row.device_id or device_id
    if device:
        payload["device_id"] = device
    if row.helper_id:
        payload["helper_id"] = row.helper_id
    payload["started_at"] = _wire_time(row.started_at)
    payload["local_date"] = row.local_date.isoformat()
    payload["duration_min"] = row.duration_min
    payload["channel"] = row.channel
    payload["services"] = list(row.services or [])
    payload["outcome"] = row.outcome
    if row.referrals:
        payload["referrals"] = list(row.referrals)
    payload["age_band"] = row.age_band
    payload["adult_confirmed"] = bool(row.adult_confirmed)
    if row.target_groups:
        payload["target_groups"] = list(row.target_groups)
    payload["language"] = row.language
    if row.interpreter:
        payload["interpreter"] = True
    payload["first_visit"] = row.first_visit
    if row.visitor_code:
        payload["visitor_code"] = row.visitor_code
    if row.postcode:
        payload["postcode"] = row.postcode
    if row.notes:
        payload["notes"] = row.notes
    payload["created_at"] = _wire_time(row.created_at)
    return payload


def helper_payload(row: Any) -> dict[str, Any]:
    return {"digipunt_id": row.digipunt_id, "display_name": row.display_name,
            "active": bool(row.active)}


def _record_for(row: Any, kind: str, device_id: str | None) -> dict[str, Any]:
    """A push record (``sync.protocol.Record``) as a JSON-ready dict (``row``: a help_session
    or helper row, ORM object or plain row)."""
    payload = session_payload(row, device_id) if kind == "help_session" else helper_payload(row)
    return {
        "type": kind, "id": row.id, "rev": row.rev, "base_rev": row.synced_rev,
        "deleted": bool(row.deleted), "updated_at": _wire_time(row.updated_at),
        "payload": payload,
    }


# Columns read for a push, in this order (plain sqlite3 tuples: no ORM, no type processing).
_SESSION_COLS = (
    "id, rev, synced_rev, deleted, updated_at, digipunt_id, device_id, helper_id, started_at, "
    "local_date, duration_min, channel, services, outcome, referrals, age_band, adult_confirmed, "
    "target_groups, language, interpreter, first_visit, visitor_code, postcode, notes, created_at"
)
_HELPER_COLS = "id, rev, synced_rev, deleted, updated_at, digipunt_id, display_name, active"
_IN_JSON = "IN (SELECT value FROM json_each(?))"
_SESSION_AT = 4  # where a ``_LEASE_PAGE`` row's ``_SESSION_COLS`` start
_HELPER_AT = _SESSION_AT + len(_SESSION_COLS.split(","))  # and its ``_HELPER_COLS``
# The outbox rows after an id, in queue order, each with its record's columns (NULL when the
# record is gone) as plain values.
_LEASE_PAGE = (
    "SELECT o.id, o.record_type, o.record_id, o.lease_until, "
    + ", ".join(f"h.{c.strip()}" for c in _SESSION_COLS.split(",")) + ", "
    + ", ".join(f"p.{c.strip()}" for c in _HELPER_COLS.split(","))
    + " FROM outbox AS o LEFT JOIN help_session AS h ON o.record_type = 'help_session' AND "
    "h.id = o.record_id LEFT JOIN helper AS p ON o.record_type = 'helper' AND p.id = o.record_id "
    "WHERE o.id > ? ORDER BY o.id LIMIT ?"
)
_UPSERT_STATE = (
    "INSERT INTO sync_state (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)
# The outbox rows of records whose current rev is still the one sent (``{id: rev}``): a row
# whose record was edited meanwhile stays, for the next batch.
_DELETE_SENT = (
    "DELETE FROM outbox WHERE record_id IN (SELECT j.key FROM json_each(?) AS j "
    "WHERE coalesce((SELECT rev FROM help_session WHERE id = j.key), "
    "(SELECT rev FROM helper WHERE id = j.key), 0) <= j.value)"
)


@contextlib.contextmanager
def _bulk_session(store: Any) -> Iterator[Session]:
    """``store.session()`` for steps that also use the raw sqlite3 connection: its failures
    become the same plain Dutch ``StorageError`` as those through SQLAlchemy."""
    try:
        with store.session(write=True) as session:
            yield session
    except sqlite3.Error as exc:
        err = storage_error(exc)
        if err is None:
            raise
        raise err from exc


@contextlib.contextmanager
def _raw_transaction(store: Any) -> Iterator[Any]:
    """One transaction on a raw sqlite3 connection of the store's pool, for the push path (no
    Session: a fixed cost of ~0.3 ms less per step). Failures roll back and become the same
    plain Dutch ``StorageError`` as through ``store.session()``."""
    pooled = store.engine.raw_connection()
    raw = pooled.driver_connection
    try:
        raw.execute("BEGIN IMMEDIATE")  # every step here writes: see db.WRITE_OPTION
        try:
            yield raw
            raw.execute("COMMIT")
        except BaseException:
            if raw.in_transaction:
                raw.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        err = storage_error(exc)
        if err is None:
            raise
        raise err from exc
    finally:
        pooled.close()


def _raw_get_many(raw: Any, keys: list[str]) -> dict[str, Any]:
    return {key: json.loads(value) for key, value in raw.execute(
        f"SELECT key, value FROM sync_state WHERE key {_IN_JSON}", (_dumps(keys),)
    )}


def _raw_put_many(raw: Any, values: dict[str, Any]) -> None:
    if values:
        raw.executemany(_UPSERT_STATE, [
            (key, json.dumps(value, separators=(",", ":"), default=str))
            for key, value in values.items()
        ])


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f]')


def _json_strings(items: list[str]) -> str:
    """``_dumps(items)`` for a list of ids, without the encoder when none needs escaping."""
    if not items or _NEEDS_ESCAPE.search("".join(items)):
        return _dumps(items)
    return '["' + '","'.join(items) + '"]'


def _json_revs(revs: dict[str, int]) -> str:
    """``_dumps(revs)`` for ``{id: rev}``, without the encoder when no id needs escaping."""
    if not revs or _NEEDS_ESCAPE.search("".join(revs)):
        return _dumps(revs)
    return "{" + ",".join([f'"{key}":{rev}' for key, rev in revs.items()]) + "}"


def _raw(session: Session) -> Any:
    """The sqlite3 connection under ``session`` (same transaction): the push path's bulk SQL."""
    return session.connection().connection.driver_connection


def _wire_db_time(text: str) -> str:
    """Stored UTC text (``YYYY-MM-DD HH:MM:SS.ffffff``) as ``_wire_time`` writes it."""
    if text.endswith(".000000"):
        text = text[:19]
    return f"{text[:10]}T{text[11:]}Z"


def _session_json(t: tuple[Any, ...], device_id: str | None) -> str:
    """The wire JSON of a help session record (``_record_for``) from a ``_SESSION_COLS`` tuple,
    written straight as text: strings through json's own escaping, list columns as stored (they
    are JSON already). Same keys and values as ``_record_for``; a test holds the two together."""
    (rid, rev, synced_rev, deleted, updated_at, digipunt, device, helper, started_at, local_date,
     duration, channel, services, outcome, referrals, age_band, adult, target_groups, language,
     interpreter, first_visit, visitor_code, postcode, notes, created_at) = t
    device = device or device_id
    return "".join((
        '{"type":"help_session","id":', _q(rid), ',"rev":', str(rev),
        ',"base_rev":', str(synced_rev), ',"deleted":', "true" if deleted else "false",
        ',"updated_at":"', _wire_db_time(updated_at), '","payload":{"digipunt_id":', _q(digipunt),
        ',"device_id":' + _q(device) if device else "",
        ',"helper_id":' + _q(helper) if helper else "",
        ',"started_at":"', _wire_db_time(started_at), '","local_date":', _q(local_date),
        ',"duration_min":', str(duration), ',"channel":', _q(channel),
        ',"services":', services or "[]", ',"outcome":', _q(outcome),
        ',"referrals":' + referrals if referrals and referrals != "[]" else "",
        ',"age_band":', _q(age_band), ',"adult_confirmed":', "true" if adult else "false",
        ',"target_groups":' + target_groups if target_groups and target_groups != "[]" else "",
        ',"language":', _q(language), ',"interpreter":true' if interpreter else "",
        ',"first_visit":', _q(first_visit),
        ',"visitor_code":' + _q(visitor_code) if visitor_code else "",
        ',"postcode":' + _q(postcode) if postcode else "",
        ',"notes":' + _q(notes) if notes else "",
        ',"created_at":"', _wire_db_time(created_at), '"}}',
    ))


def _helper_json(t: tuple[Any, ...]) -> str:
    rid, rev, synced_rev, deleted, updated_at, digipunt, name, active = t
    return "".join((
        '{"type":"helper","id":', _q(rid), ',"rev":', str(rev), ',"base_rev":', str(synced_rev),
        ',"deleted":', "true" if deleted else "false", ',"updated_at":"',
        _wire_db_time(updated_at), '","payload":{"digipunt_id":', _q(digipunt),
        ',"display_name":', _q(name), ',"active":', "true" if active else "false", "}}",
    ))


_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def _dumps(value: Any) -> str:
    return _ENCODER.encode(value)


def lease_batch(
    store: Any,
    state: SyncState,
    *,
    now: datetime,
    lease: timedelta,
    limit: int,
    max_bytes: int,
    after_outbox_id: int = 0,
    batch_id: str | None = None,
) -> PushBatch:
    """Lease up to ``limit`` free outbox rows (by queue order) and make their request body.

    One transaction, a fixed number of statements whatever the batch size: the outbox page
    joined to its records (``_LEASE_PAGE``, read row by row as the walk goes), one lease UPDATE
    and the batch's in-flight copy (its gzipped body, one row). Each record's JSON is written
    once, as text, from the row's plain tuple (``batch.record_json``), and goes into the body as
    it is. Records with unanswered versions of their own (``inflight:<id>``, rare) send the
    oldest of those first and keep their chain.
    """
    batch = PushBatch(batch_id=batch_id or str(uuid.uuid4()), last_outbox_id=after_outbox_id)
    budget = int(max_bytes * 0.8) - 1024
    now_text = to_db_time(now)
    sane_text = to_db_time(now + lease + LEASE_SANITY)
    device_id = state.device_id
    with _raw_transaction(store) as raw:
        rejected = {
            key[len(REJECTED):]: json.loads(value) for key, value in raw.execute(
                "SELECT key, value FROM sync_state WHERE key >= ? AND key < ?",
                _key_range(REJECTED),
            )
        }
        # The outbox page joined to its records, read lazily: a row is fetched (and its columns
        # made into Python values) only when the walk gets to it, so the slack is not read.
        page = raw.execute(_LEASE_PAGE, (after_outbox_id, limit + 64))
        inflight: dict[str, str] = {}
        if raw.execute(
            "SELECT 1 FROM sync_state WHERE key >= ? AND key < ? LIMIT 1", _key_range(INFLIGHT)
        ).fetchone():
            inflight = dict(raw.execute(
                f"SELECT substr(key, {len(INFLIGHT) + 1}), value FROM sync_state "
                f"WHERE key IN (SELECT ? || record_id FROM outbox WHERE id > ? ORDER BY id "
                f"LIMIT ?)",
                (INFLIGHT, after_outbox_id, limit + 64),
            ))
        used = 0
        gone: list[int] = []
        leased: list[int] = []
        chains: list[tuple[str, str]] = []
        record_json = batch.record_json
        for t in page:
            outbox_id, kind, record_id, lease_until = t[:4]
            batch.scanned += 1
            held = lease_until is not None and now_text < lease_until <= sane_text
            if kind == "help_session":
                found = t[_SESSION_AT:_HELPER_AT] if t[_SESSION_AT] is not None else None
            else:
                found = t[_HELPER_AT:] if t[_HELPER_AT] is not None else None
            refused = rejected.get(record_id) if rejected else None
            if held or found is None or (refused and refused.get("rev") == found[1]):
                if found is None and not held:
                    gone.append(outbox_id)  # the record itself is gone: nothing to send
                batch.last_outbox_id = outbox_id
                continue
            # Versions sent before whose answer never came, oldest first. One version of a record
            # per batch: the oldest unanswered goes first, the newer ones in the next batches.
            prior = []
            if inflight and record_id in inflight:
                prior = [
                    r for r in json.loads(inflight[record_id])
                    if found[2] < r["rev"] < found[1]
                ]
            if prior:
                text = _dumps(prior[0])
                rev = prior[0]["rev"]
            else:
                text = (_session_json(found, device_id) if kind == "help_session"
                        else _helper_json(found))
                rev = found[1]
            size = (len(text) if text.isascii() else len(text.encode())) + 1
            if record_json and used + size > budget:
                break
            used += size
            record_json.append(text)
            batch.leased_ids.append(record_id)
            batch.sent_rev[record_id] = rev
            batch.kinds[record_id] = kind
            batch.last_outbox_id = outbox_id
            leased.append(outbox_id)
            if refused:
                batch.refused.append(record_id)
            if record_id in inflight:
                batch.chained.append(record_id)
                if prior:
                    batch.partial.append(record_id)
                    chains.append((INFLIGHT + record_id, _dumps(prior)))
                else:
                    chains.append((INFLIGHT + record_id, f"[{text}]"))
            if len(record_json) >= limit:
                break
        page.close()  # the rest of the page is not read
        if record_json:
            body = push_body(batch, batch_id=batch.batch_id, client_time=now)
            batch.body, batch.encoding = gzip_body(body)
            packed = batch.body if batch.encoding == "gzip" else gzip.compress(body)
            chains.append((INFLIGHT_BATCH + batch.batch_id,
                           f'"{base64.b64encode(packed).decode()}"'))
        if gone:
            raw.execute(f"DELETE FROM outbox WHERE id {_IN_JSON}", (_dumps(gone),))
        if leased:
            raw.execute(
                f"UPDATE outbox SET lease_until = ?, attempts = attempts + 1 WHERE id {_IN_JSON}",
                (to_db_time(now + lease), "[" + ",".join(map(str, leased)) + "]"),
            )
        if chains:
            raw.executemany(_UPSERT_STATE, chains)
    return batch


def push_body(batch: PushBatch, *, batch_id: str, client_time: datetime) -> bytes:
    """The JSON body of a ``PushRequest`` for ``batch``, from each record's text made by
    ``lease_batch`` (nothing is serialised twice)."""
    head = _dumps({"batch_id": batch_id, "client_time": client_time.astimezone(UTC).isoformat()})
    return f'{head[:-1]},"records":[{",".join(batch.record_json)}]}}'.encode()


def release(store: Any, record_ids: list[str] | None, batch_ids: list[str] | None = None) -> None:
    """Lift the lease of rows whose push failed and unpack the in-flight copies of those batches
    (``batch_ids``) into per-record chains (``inflight:<id>``); ``None``: of every row and every
    batch (only while holding the sync lock: no push is in flight then)."""
    if record_ids is not None and not record_ids and not batch_ids:
        return
    with _raw_transaction(store) as raw:
        if record_ids is None:
            raw.execute("UPDATE outbox SET lease_until = NULL WHERE lease_until IS NOT NULL")
        elif record_ids:
            raw.execute(
                f"UPDATE outbox SET lease_until = NULL WHERE lease_until IS NOT NULL "
                f"AND record_id {_IN_JSON}",
                (_json_strings(record_ids),),
            )
        _unpack_batches(raw, None if record_ids is None else batch_ids or [])


def _unpack_batches(raw: Any, batch_ids: list[str] | None) -> None:
    """Turn in-flight batch copies whose answers will not be applied into per-record chains,
    merged with the chains already there (by rev, oldest first)."""
    if batch_ids is None:
        packed = raw.execute(
            "SELECT key, value FROM sync_state WHERE key >= ? AND key < ?",
            _key_range(INFLIGHT_BATCH),
        ).fetchall()
    elif batch_ids:
        packed = raw.execute(
            "SELECT key, value FROM sync_state WHERE key IN (SELECT ? || value FROM json_each(?))",
            (INFLIGHT_BATCH, _dumps(batch_ids)),
        ).fetchall()
    else:
        return
    if not packed:
        return
    versions: dict[str, list[dict[str, Any]]] = {}
    for _key, value in packed:
        body = gzip.decompress(base64.b64decode(json.loads(value)))
        for record in json.loads(body)["records"]:
            versions.setdefault(record["id"], []).append(record)
    known = dict(raw.execute(
        f"SELECT substr(key, {len(INFLIGHT) + 1}), value FROM sync_state "
        f"WHERE key IN (SELECT ? || value FROM json_each(?))",
        (INFLIGHT, _dumps(list(versions))),
    ))
    chains = []
    for record_id, sent in versions.items():
        chain = {r["rev"]: r for r in json.loads(known.get(record_id, "[]"))}
        for record in sent:
            chain.setdefault(record["rev"], record)
        chains.append((INFLIGHT + record_id, _dumps([chain[rev] for rev in sorted(chain)])))
    raw.executemany(_UPSERT_STATE, chains)
    raw.execute(
        f"DELETE FROM sync_state WHERE key {_IN_JSON}", (_dumps([k for k, _ in packed]),)
    )


def apply_push_results(
    store: Any, batch: PushBatch, results: list[PushResultItem]
) -> PushCounts:
    """Apply the server's answers in one transaction (see the module docstring), with a fixed
    number of bulk statements per batch: ``synced_rev`` per table, the outbox rows whose rev is
    still the one sent, the batch's in-flight copy. A record left without an answer keeps its
    version as a chain of its own (``inflight:<id>``), to be resent first. ``results``: the
    answer's, as plain dicts (``SyncClient.parse_push_answer``)."""
    counts = PushCounts()
    sent_rev = batch.sent_rev
    # The answer to each version sent (an answer about another rev is no answer to it).
    by_id = {r["id"]: r for r in results if sent_rev.get(r["id"]) == r["rev"]}
    now = datetime.now(UTC)
    synced: dict[str, dict[str, int]] = {"help_session": {}, "helper": {}}
    finished: dict[str, int] = {}  # outbox rows to remove if not edited meanwhile: id -> rev
    conflicted: list[str] = []  # help sessions: local version kept, outbox row goes
    answered: set[str] = set()
    refused: dict[str, Any] = {}
    keep_leased = False  # some rows stay queued: their lease is lifted
    for record_id in batch.leased_ids:
        rev = sent_rev[record_id]
        result = by_id.get(record_id)
        if result is None:  # no answer for it: unknown, try again next time
            keep_leased = True
            continue
        answered.add(record_id)
        status = result["status"]
        if status == "accepted" or status == "duplicate":
            if status == "accepted":
                counts.accepted += 1
            else:
                counts.duplicates += 1
            synced[batch.kinds[record_id]][record_id] = rev
            finished[record_id] = rev
        elif status == "conflict":
            counts.conflicts += 1
            if batch.kinds[record_id] == "help_session":
                conflicted.append(record_id)
            else:  # a helper stays queued: the pull puts it on top of the server's version
                keep_leased = True
        else:  # rejected: keep the outbox row, do not resend until edited
            counts.rejected += 1
            reason = result.get("detail") or "geweigerd"
            counts.rejected_details.append(f"{record_id}: {reason}")
            refused[REJECTED + record_id] = {"rev": rev, "reason": reason}
            keep_leased = True
    conflicted_set = set(conflicted)
    # Usually every record of the batch is finished, of one table: one JSON text for both.
    finished_json = _json_revs(finished) if finished else ""
    with _raw_transaction(store) as raw:
        if conflicted:
            _add_conflicts(raw, conflicted, now)
        for table, revs in synced.items():
            if revs:  # table is one of two literals, never input
                raw.execute(
                    f"UPDATE {table} SET synced_rev = j.value FROM json_each(?) AS j "
                    f"WHERE {table}.id = j.key AND {table}.synced_rev < j.value",
                    # revs is a part of finished: the same when it is as long
                    (finished_json if len(revs) == len(finished) else _json_revs(revs),),
                )
        # The outbox row goes only when the rev sent is still the latest local one (a conflict
        # takes the current local version into the conflicts table: its row goes too).
        if finished:
            removed = raw.execute(_DELETE_SENT, (finished_json,)).rowcount
            keep_leased = keep_leased or removed != len(finished)
        if conflicted:
            raw.execute(f"DELETE FROM outbox WHERE record_id {_IN_JSON}", (_dumps(conflicted),))
        if keep_leased:
            raw.execute(
                f"UPDATE outbox SET lease_until = NULL WHERE record_id {_IN_JSON}",
                (_json_strings(batch.leased_ids),),
            )
        # In-flight copies: the batch's goes; a record without an answer keeps its version.
        chained = set(batch.chained)
        later: dict[str, Any] = {
            INFLIGHT + record_id: [json.loads(text)]
            for record_id, text in zip(batch.leased_ids, batch.record_json, strict=True)
            if record_id not in answered and record_id not in chained
        }
        if batch.partial:  # newer versions still waiting for an answer
            chains = _raw_get_many(raw, [INFLIGHT + i for i in batch.partial])
            for record_id in batch.partial:
                key = INFLIGHT + record_id
                if record_id not in answered:
                    continue
                rest = [r for r in chains.get(key, []) if r["rev"] > batch.sent_rev[record_id]]
                if rest and record_id not in conflicted_set and REJECTED + record_id not in refused:
                    later[key] = rest
        gone = [i for i in batch.chained if i in answered and INFLIGHT + i not in later]
        if gone:
            raw.execute(
                "DELETE FROM sync_state WHERE key IN (SELECT ? || value FROM json_each(?))",
                (INFLIGHT, _json_strings(gone)),
            )
        raw.execute("DELETE FROM sync_state WHERE key = ?", (INFLIGHT_BATCH + batch.batch_id,))
        notes = [i for i in batch.refused if i in finished or i in conflicted_set]
        if notes:
            raw.execute(
                "DELETE FROM sync_state WHERE key IN (SELECT ? || value FROM json_each(?))",
                (REJECTED, _dumps(notes)),
            )
        _raw_put_many(raw, later)
        _raw_put_many(raw, refused)
    return counts


def _version_json(payload: dict[str, Any], rev: int, deleted: bool) -> str:
    data = dict(payload)
    data["rev"] = rev
    data["deleted"] = deleted
    return json.dumps(data, separators=(",", ":"), sort_keys=True)


def _add_conflicts(raw: Any, record_ids: list[str], now: datetime) -> None:
    """Keep the local versions of help sessions that lost on the server."""
    rows = raw.execute(
        f"SELECT {_SESSION_COLS} FROM help_session WHERE id {_IN_JSON}", (_dumps(record_ids),)
    ).fetchall()
    order = {record_id: i for i, record_id in enumerate(record_ids)}
    rows.sort(key=lambda t: order[t[0]])
    kept = []
    for t in rows:
        record = json.loads(_session_json(t, None))
        payload = HelpSessionPayload.model_validate(record["payload"])
        local_json = _version_json(payload.model_dump(mode="json"), record["rev"],
                                   record["deleted"])
        kept.append((record["id"], local_json, to_db_time(now)))
    raw.executemany(
        "INSERT INTO conflicts (record_type, record_id, local_json, server_json, created_at, "
        "resolved_at) VALUES ('help_session', ?, ?, NULL, ?, NULL)",
        kept,
    )


# --- pull ------------------------------------------------------------------------------------
def apply_pull(store: Any, page: PullResponse, *, from_cursor: int) -> PullCounts:
    """Apply one pull page and store its cursor, in one transaction.

    If the stored cursor moved on meanwhile (another sync of this PC applied the page), nothing is
    applied twice: the page is skipped.
    """
    counts = PullCounts()
    now = datetime.now(UTC)
    with _bulk_session(store) as session, session.no_autoflush:
        stored = _get_many(session, [KEY_CURSOR, KEY_DEVICE_ID, KEY_NEEDS_FULL_PULL])
        restoring = bool(stored.get(KEY_NEEDS_FULL_PULL))
        if int(stored.get(KEY_CURSOR) or 0) != from_cursor:
            return counts
        device_id = stored.get(KEY_DEVICE_ID)
        record_ids = [c.id for c in page.changes if c.type in ("help_session", "helper")]
        session_ids = [c.id for c in page.changes if c.type == "help_session"]
        rows: dict[str, HelpSession] = {}
        pending: set[str] = set()
        waiting: set[str] = set()
        if session_ids:
            rows = {
                row.id: row for row in session.scalars(
                    select(HelpSession).where(HelpSession.id.in_(session_ids))
                )
            }
            waiting = set(session.scalars(
                select(Conflict.record_id).where(
                    Conflict.record_id.in_(session_ids), Conflict.server_json.is_(None)
                )
            ))
        if record_ids:
            pending = set(session.scalars(
                select(Outbox.record_id).where(Outbox.record_id.in_(record_ids))
            ))
        for change in page.changes:
            if change.type == "help_session":
                counts.conflicts += _apply_session(
                    session, change, rows.get(change.id), change.id in pending,
                    change.id in waiting, now,
                )
            elif change.type == "helper":
                _apply_helper(session, change, change.id in pending, restoring, now)
            elif change.type == "catalog":
                _apply_catalog(session, change, now)
            elif change.type == "digipunt":
                _apply_digipunt(session, change, device_id, now)
            counts.changes += 1
        _put(session, KEY_CURSOR, page.next_cursor)
        if restoring and not page.has_more:
            _drop(session, [KEY_NEEDS_FULL_PULL])
    if any(change.type == "catalog" for change in page.changes):
        from digipunt_app.core.catalog import forget_cached

        forget_cached(store)
    return counts


def _forget_local(session: Session, record_id: str) -> None:
    session.execute(delete(Outbox).where(Outbox.record_id == record_id))
    _drop(session, [INFLIGHT + record_id, REJECTED + record_id])


def _apply_session(
    session: Session,
    change: Change,
    row: HelpSession | None,
    pending: bool,
    waiting_conflict: bool,
    now: datetime,
) -> int:
    if row is not None and change.rev <= row.synced_rev:
        return 0
    payload = HelpSessionPayload.model_validate(change.payload)
    server_json = _version_json(payload.model_dump(mode="json"), change.rev, change.deleted)
    conflicts = 0
    if row is not None and pending:
        local_payload = HelpSessionPayload.model_validate(session_payload(row, None))
        local_json = _version_json(local_payload.model_dump(mode="json"), row.rev, row.deleted)
        same = json.loads(local_json) | {"rev": 0} == json.loads(server_json) | {"rev": 0}
        if not same:
            session.add(Conflict(
                record_type="help_session", record_id=change.id, local_json=local_json,
                server_json=server_json, created_at=now, resolved_at=None,
            ))
            conflicts = 1
        _forget_local(session, change.id)
    if waiting_conflict:  # conflicts waiting for the server copy get it now
        session.execute(
            update(Conflict)
            .where(Conflict.record_id == change.id, Conflict.server_json.is_(None))
            .values(server_json=server_json)
            .execution_options(synchronize_session=False)
        )
    if row is None:
        row = HelpSession(id=change.id)
        session.add(row)
    row.digipunt_id = payload.digipunt_id
    row.device_id = payload.device_id
    row.helper_id = payload.helper_id
    row.started_at = payload.started_at
    row.local_date = payload.local_date
    row.duration_min = payload.duration_min
    row.channel = payload.channel
    row.services = list(payload.services)
    row.outcome = payload.outcome
    row.referrals = list(payload.referrals)
    row.age_band = payload.age_band
    row.adult_confirmed = payload.adult_confirmed
    row.target_groups = list(payload.target_groups)
    row.language = payload.language
    row.interpreter = payload.interpreter
    row.first_visit = payload.first_visit
    row.visitor_code = payload.visitor_code
    row.postcode = payload.postcode
    row.notes = payload.notes
    row.created_at = payload.created_at
    row.updated_at = change.updated_at
    row.deleted = change.deleted
    row.rev = change.rev
    row.synced_rev = change.rev
    return conflicts


def _apply_helper(
    session: Session, change: Change, pending: bool, restoring: bool, now: datetime
) -> None:
    """A volunteer (helper) from the server. A local change not yet sent is never dropped: it is
    put on top of the server's version (rev after it, ``synced_rev`` = the server's) and queued
    again, so this PC's latest edit of the name or the active flag wins everywhere. Only during
    the full pull after a restored backup does a newer server version win over an older change
    that came back with the backup (it is what this PC sent after that backup)."""
    payload = HelperPayload.model_validate(change.payload)
    row = session.get(Helper, change.id)
    if row is not None and change.rev <= row.synced_rev:
        return
    if row is not None and pending:
        same = (row.display_name, row.active, row.deleted) == (
            payload.display_name, payload.active, change.deleted
        )
        stale = restoring and change.updated_at >= row.updated_at
        if not same and not stale:
            row.rev = max(row.rev, change.rev) + 1
            row.synced_rev = change.rev
            outbox.queue(session, outbox.HELPER, row.id, row.rev, now)
            _drop(session, [INFLIGHT + row.id])  # older unanswered versions: superseded
            return
    if row is not None:
        _forget_local(session, change.id)
    else:
        row = Helper(id=change.id, created_at=change.updated_at)
        session.add(row)
    row.digipunt_id = payload.digipunt_id
    row.display_name = payload.display_name
    row.active = payload.active
    row.deleted = change.deleted
    row.updated_at = change.updated_at
    row.rev = change.rev
    row.synced_rev = change.rev


def _apply_catalog(session: Session, change: Change, now: datetime) -> None:
    """Store a pulled catalog version, unless this PC has that very version already (a new PC
    gets the catalog it shipped with: nothing to write)."""
    from digipunt_app.core.catalog import apply_catalog_in, parse_catalog

    text = json.dumps(parse_catalog(change.payload).to_payload(), ensure_ascii=False)
    stored = _raw(session).execute(
        "SELECT payload FROM catalog WHERE version = ?", (change.payload.get("version"),)
    ).fetchone()
    if stored is None or stored[0] != text:
        apply_catalog_in(session, change.payload)


def _apply_digipunt(
    session: Session, change: Change, device_id: str | None, now: datetime
) -> None:
    data = change.payload
    values = {
        key: str(data.get(key) or "")
        for key in ("name", "municipality", "organisation_type", "digibank_id", "digibank_name")
    }
    # One upsert (a new name only when there is one; the device id only on the first row).
    raw = _raw(session)
    raw.execute(
        "INSERT INTO digipunt_info (id, name, municipality, organisation_type, digibank_id, "
        "digibank_name, device_id, updated_at) VALUES (:id, :name, :municipality, "
        ":organisation_type, :digibank_id, :digibank_name, :device_id, :updated_at) "
        "ON CONFLICT (id) DO UPDATE SET name = CASE WHEN excluded.name <> '' THEN excluded.name "
        "ELSE digipunt_info.name END, municipality = excluded.municipality, "
        "organisation_type = excluded.organisation_type, digibank_id = excluded.digibank_id, "
        "digibank_name = excluded.digibank_name, updated_at = excluded.updated_at",
        values | {"id": change.id, "device_id": device_id, "updated_at": to_db_time(now)},
    )
    name = raw.execute("SELECT name FROM digipunt_info WHERE id = ?", (change.id,)).fetchone()[0]
    _put_many(session, {KEY_DIGIPUNT_NAME: name, KEY_DIGIBANK_NAME: values["digibank_name"]})


# --- conflicts -------------------------------------------------------------------------------
def list_conflicts(store: Any, include_resolved: bool = False) -> list[ConflictInfo]:
    with store.session() as session:
        query = select(Conflict).where(Conflict.record_type == "help_session")
        if not include_resolved:
            query = query.where(Conflict.resolved_at.is_(None))
        return [
            ConflictInfo(
                id=row.id,
                record_id=row.record_id,
                local=json.loads(row.local_json),
                server=json.loads(row.server_json) if row.server_json else None,
                created_at=row.created_at,
            )
            for row in session.scalars(query.order_by(Conflict.id))
        ]


def resolve_conflict(store: Any, conflict_id: int, keep: str) -> None:
    """``keep="server"``: close it. ``keep="local"``: the local version becomes a new edit on top
    of the server's (rev + 1, queued for push), then close it."""
    now = datetime.now(UTC)
    with store.session(write=True) as session:
        conflict = session.get(Conflict, conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            return
        if keep == "local":
            local = json.loads(conflict.local_json)
            deleted = bool(local.pop("deleted", False))
            local.pop("rev", None)
            payload = HelpSessionPayload.model_validate(local)
            row = session.get(HelpSession, conflict.record_id)
            if row is not None:
                for name in (
                    "helper_id", "started_at", "local_date", "duration_min", "channel",
                    "outcome", "age_band", "adult_confirmed", "language", "interpreter",
                    "first_visit", "visitor_code", "postcode", "notes",
                ):
                    setattr(row, name, getattr(payload, name))
                row.services = list(payload.services)
                row.referrals = list(payload.referrals)
                row.target_groups = list(payload.target_groups)
                row.deleted = deleted
                row.rev += 1
                row.updated_at = now
                outbox.queue(session, outbox.HELP_SESSION, row.id, row.rev, now)
                _drop(session, [REJECTED + row.id])
        conflict.resolved_at = now
