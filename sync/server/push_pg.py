"""PostgreSQL: the common push of a group as ONE statement, all of a group's sent in one pipeline.

The push code (``push.Pusher.land``) takes three round trips per push on PostgreSQL: the device
touch, a savepoint with the look-up, then the inserts. The common push (every record new: no
version of it stored, no current row, ``base_rev`` 0, every payload of the device's digipunt,
every service known) is written here as one data-modifying CTE (``_statement``):

- ``d`` touches the device holding the token hash (``push.touch_caller``) and gives who it is;
- ``ok`` holds that device only when the payloads name its digipunt and nothing is stored yet for
  any of the ids (no version, no current row);
- the inserts (``record_version``, ``help_session`` and its service/referral rows, ``helper``)
  take their rows ``FROM ok``: when ``ok`` is empty nothing but the touch is written.

The writer (``writer._land_group_pg``) sends the statements of every quick job of a group in one
pipeline. A job whose ``ok`` came back empty (a resend, a conflict, another digipunt: a 403) runs
its ordinary ``land`` afterwards, which touches the device again and gives exactly the answers it
always gave. The rows written are those of ``Pusher._store_quick`` (same values, same order: ids
sorted). A lost race (another transaction inserted one of the ids meanwhile) is a UNIQUE error:
the writer rolls the quick statements back and runs every job the ordinary way.

Values are bound as numbered ``$n`` parameters, each cast to its column's type (one parameter per
value: a session's id, payload, dates are bound once and used by each table's rows), sent by a
``psycopg.RawCursor``; the statement text depends only on how many sessions and helpers the push
holds (children as arrays), so PostgreSQL keeps it prepared (psycopg's ``prepare_threshold``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sync.server.auth import DeviceCaller
from sync.server.models import utcnow
from sync.server.push import _RESULTS, _Checked, is_session

# one parameter per value of a record, cast to its column's type
_SESSION_PARAMS = (
    ("id", "varchar"), ("rev", "integer"), ("deleted", "boolean"), ("updated_at", "timestamp"),
    ("content_hash", "varchar"), ("payload", "json"), ("local_date", "date"),
    ("started_at", "timestamp"), ("duration_min", "integer"), ("channel", "varchar"),
    ("outcome", "varchar"), ("age_band", "varchar"), ("adult_confirmed", "boolean"),
    ("first_visit", "varchar"), ("visitor_code", "varchar"), ("postcode", "varchar"),
)
_HELPER_PARAMS = _SESSION_PARAMS[:6]

# $1 now, $2 clock skew, $3 token hash, $4 digipunt, $5 the ids; then the records' values, then
# the service and referral rows (session ids and codes: two arrays each, when there are any)
_HEAD = """WITH d AS (
    UPDATE device SET last_seen_at = $1::timestamp, clock_skew_s = COALESCE($2, clock_skew_s)
    WHERE token_hash = $3::varchar AND NOT revoked RETURNING id, digipunt_id, name
), ok AS (
    SELECT d.id FROM d WHERE d.digipunt_id = $4::varchar
    AND NOT EXISTS (SELECT FROM record_version WHERE id = ANY($5::varchar[]))"""
_FIXED = 5


def _values(params: tuple[tuple[str, str], ...], rows: int, first: int) -> str:
    out = []
    n = first
    for _ in range(rows):
        cells = []
        for _name, type_ in params:
            cells.append(f"${n}::{type_}")
            n += 1
        out.append(f"({', '.join(cells)})")
    return "VALUES " + ", ".join(out)


@lru_cache(maxsize=64)
def _statement(sessions: int, helpers: int, services: bool, referrals: bool) -> str:
    """The push of ``sessions`` new sessions and ``helpers`` new helpers (sessions first)."""
    parts = [_HEAD]
    for count, table in ((sessions, "help_session"), (helpers, "helper")):
        if count:
            parts.append(f"\n    AND NOT EXISTS (SELECT FROM {table} "
                         "WHERE id = ANY($5::varchar[]))")
    parts.append("\n)")
    first = _FIXED + 1
    versions = []
    for count, alias, params, type_, local_date in (
            (sessions, "s", _SESSION_PARAMS, "help_session", "s.local_date"),
            (helpers, "h", _HELPER_PARAMS, "helper", "NULL::date")):
        if not count:
            continue
        columns = ", ".join(name for name, _ in params)
        parts.append(f", {alias} ({columns}) AS (\n    {_values(params, count, first)}\n)")
        first += count * len(params)
        versions.append(f"SELECT '{type_}', {alias}.id, {alias}.rev, 0, $4::varchar, ok.id, "
                        f"{alias}.deleted, {alias}.updated_at, {alias}.content_hash, "
                        f"{alias}.payload, $1::timestamp, {local_date} FROM ok, {alias}")
    parts.append(
        ", iv AS (\n    INSERT INTO record_version (type, id, rev, base_rev, digipunt_id, "
        "device_id, deleted, updated_at, content_hash, payload, received_at, local_date)\n    "
        + "\n    UNION ALL ".join(versions) + "\n)")
    if sessions:
        parts.append(
            ", ins AS (\n    INSERT INTO help_session (id, rev, digipunt_id, device_id, deleted, "
            "updated_at, payload, local_date, started_at, duration_min, channel, outcome, "
            "age_band, adult_confirmed, first_visit, visitor_code, postcode)\n    "
            "SELECT s.id, s.rev, $4::varchar, ok.id, s.deleted, s.updated_at, s.payload, "
            "s.local_date, s.started_at, s.duration_min, s.channel, s.outcome, s.age_band, "
            "s.adult_confirmed, s.first_visit, s.visitor_code, s.postcode FROM ok, s\n)")
    for flag, table, column in ((services, "help_session_service", "service"),
                                (referrals, "help_session_referral", "referral")):
        if flag:
            ids, codes = first, first + 1
            first += 2
            parts.append(
                f", i{column} AS (\n    INSERT INTO {table} (session_id, {column}, digipunt_id, "
                "local_date, deleted, duration_min)\n    "
                "SELECT c.id, c.code, $4::varchar, s.local_date, s.deleted, s.duration_min "
                f"FROM ok, unnest(${ids}::varchar[], ${codes}::varchar[]) WITH ORDINALITY "
                "AS c(id, code, n) JOIN s ON s.id = c.id ORDER BY c.n\n)")
    if helpers:
        parts.append(
            ", ih AS (\n    INSERT INTO helper (id, rev, digipunt_id, device_id, deleted, "
            "updated_at, payload)\n    SELECT h.id, h.rev, $4::varchar, ok.id, h.deleted, "
            "h.updated_at, h.payload FROM ok, h\n)")
    parts.append("\nSELECT d.id, d.digipunt_id, d.name, EXISTS (SELECT FROM ok) FROM d")
    return "".join(parts)


@dataclass
class QuickPush:
    """A job of the group writer that may land as one statement (``plan``)."""

    job: Any  # fastpath._PushJob
    items: list[_Checked]  # sorted by id, sessions first
    statement: str
    params: list[Any]

    def landed(self, row: tuple[Any, ...] | None) -> bool | None:
        """Take the statement's answer: True landed (feed rows follow), None no such device
        (``land`` would find none either), False run the job's own ``land``."""
        if row is None:
            return None
        if not row[3]:
            return False
        job = self.job
        job.device = DeviceCaller(row[0], row[1], row[2])
        # results in the request's order: every record is accepted
        job.results = _RESULTS.validate_python(
            [{"id": rec.id, "rev": rec.rev, "status": "accepted"} for rec in job.parsed.records])
        job.accepted = self.items
        return True


def plan(job: Any) -> QuickPush | None:
    """The one statement for ``job`` when it is a push of new records only (module doc)."""
    parsed = getattr(job, "parsed", None)
    digest = getattr(job, "digest", None)
    if parsed is None or digest is None or len(parsed.punts) != 1:
        return None
    items = parsed.items
    for it in items:
        if not isinstance(it, _Checked) or it.record.base_rev != 0:
            return None
    wanted = parsed.wanted_services
    if not job.services(wanted).issuperset(wanted):
        return None  # a record is rejected: the ordinary path says why
    ordered = sorted(items, key=lambda it: (not is_session(it.model), it.record.id))
    ids = [it.record.id for it in ordered]
    if len(set(ids)) != len(ids):
        return None
    now = utcnow()
    dt = job.db.sql.dt
    client_time = parsed.client_time
    skew = None if client_time is None else round((client_time - now).total_seconds(), 1)
    (punt,) = parsed.punts
    service_ids: list[str] = []
    service_codes: list[str] = []
    referral_ids: list[str] = []
    referral_codes: list[str] = []
    params: list[Any] = [dt(now), skew, digest, punt, ids]
    sessions = 0
    for it in ordered:
        rec, m = it.record, it.model
        params += (rec.id, rec.rev, rec.deleted, dt(rec.updated_at), it.content_hash,
                   it.payload_json)
        if not is_session(m):
            continue
        sessions += 1
        params += (m.local_date, dt(m.started_at), m.duration_min, m.channel, m.outcome,
                   m.age_band, m.adult_confirmed, m.first_visit, m.visitor_code, m.postcode)
        codes = m.services if len(m.services) == 1 else sorted(m.services)
        service_ids += [rec.id] * len(codes)
        service_codes += codes
        if m.referrals:
            refs = sorted(set(m.referrals))
            referral_ids += [rec.id] * len(refs)
            referral_codes += refs
    for children in ((service_ids, service_codes), (referral_ids, referral_codes)):
        if children[0]:
            params += children
    statement = _statement(sessions, len(ordered) - sessions, bool(service_ids),
                           bool(referral_ids))
    return QuickPush(job, sorted(ordered, key=lambda it: it.record.id), statement, params)


_FEED = ("INSERT INTO change (type, object_id, digipunt_id, origin_device_id) "
         "SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[])")


def write_feed_quick(cur: Any, jobs: list[Any]) -> None:
    """The feed rows of the pushes ``QuickPush.landed`` took, all in one statement (after the
    feed lock; creates only, so no earlier feed row to delete): ``push.write_feed``'s rows,
    in the same order (job by job, ids sorted). ``cur`` may be in the writer's pipeline."""
    import psycopg

    types: list[str] = []
    ids: list[str] = []
    punts: list[str] = []
    devices: list[str] = []
    for job in jobs:
        device = job.device
        for it in job.accepted:
            types.append(it.record.type)
            ids.append(it.record.id)
        n = len(job.accepted)
        punts += [device.digipunt_id] * n
        devices += [device.id] * n
    psycopg.RawCursor(cur.connection).execute(_FEED, (types, ids, punts, devices))
