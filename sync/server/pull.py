"""``GET /v1/sync/pull``: the device's digipunt's changes after ``cursor``, in ``seq`` order.

The feed holds the latest change per object (catalog, digipunt, helpers, help sessions). When
``cursor > 0`` the versions this device pushed itself are left out (it has them); ``cursor = 0``
returns everything (a new PC, a restored backup). A full pull spans many pages, and only the first
has ``cursor = 0``: so a pull from 0 notes the feed's newest ``seq`` on the device row
(``device.resync_until``), and later pulls include the device's own changes up to that mark too.
What the device pushes after it is left out again. When nothing more is left, ``next_cursor`` jumps
to the newest ``seq`` seen, so left-out rows are not scanned again next time. A cursor beyond the
end of the feed (the server was restored from a backup) is treated as 0.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.orm import Session

from sync.protocol import Change as WireChange
from sync.protocol import PullResponse
from sync.server.auth import DeviceCaller
from sync.server.db import Database
from sync.server.models import (
    CatalogVersion,
    Change,
    Device,
    Digibank,
    Digipunt,
    Helper,
    HelpSession,
)
from sync.server.rawsql import Sql, wire_time, wire_time_from_sqlite

_CH = Change.__table__
_DEV = Device.__table__
MAX_SEQ = select(func.max(_CH.c.seq))
_FEED = (
    select(_CH.c.seq, _CH.c.type, _CH.c.object_id)
    .where(
        _CH.c.seq > bindparam("cursor"),
        _CH.c.seq <= bindparam("high"),
        or_(_CH.c.digipunt_id == bindparam("punt"), _CH.c.digipunt_id.is_(None)),
    )
    .order_by(_CH.c.seq)
    .limit(bindparam("lim"))
)
# Built once (every sync pulls): everything after the cursor, or all but this device's own
# (those up to the device's ``resync_until`` mark included: one scalar subquery, no extra trip).
FEED_ALL = _FEED
_RESYNC_UNTIL = select(_DEV.c.resync_until).where(_DEV.c.id == bindparam("dev")).scalar_subquery()
FEED_OTHERS = _FEED.where(
    or_(
        _CH.c.origin_device_id.is_(None),
        _CH.c.origin_device_id != bindparam("dev"),
        _CH.c.seq <= _RESYNC_UNTIL,
    )
)
MARK_RESYNC = (
    update(_DEV)
    .where(_DEV.c.id == bindparam("dev"))
    .where(or_(_DEV.c.resync_until.is_(None), _DEV.c.resync_until < bindparam("high")))
    .values(resync_until=bindparam("high"))
)
CURRENT_OF = {
    type_: select(t.__table__.c.id, t.__table__.c.rev, t.__table__.c.deleted,
                  t.__table__.c.updated_at, t.__table__.c.payload)
    .where(t.__table__.c.id.in_(bindparam("ids", expanding=True)))
    for type_, t in (("help_session", HelpSession), ("helper", Helper))
}


def pull(
    db: Database, device: DeviceCaller, cursor: int, limit: int, now: datetime
) -> PullResponse:
    with db.session() as s:
        conn = s.connection()
        high = conn.execute(MAX_SEQ).scalar() or 0
        if cursor > high:
            # The client is ahead of this feed: the database was restored from a backup.
            # Send everything again rather than leave the client waiting past the end.
            cursor = 0
        params = {"cursor": cursor, "high": high, "punt": device.digipunt_id, "lim": limit + 1}
        if cursor > 0:
            rows = list(conn.execute(FEED_OTHERS, {**params, "dev": device.id}))
        else:
            rows = list(conn.execute(FEED_ALL, params))
        has_more = len(rows) > limit
        rows = rows[:limit]
        changes = _materialise(s, rows)
    if cursor == 0 and has_more:
        # After the read: pages after this one (cursor > 0) still bring this device's own
        # changes up to ``high`` (what it pushes from now on is left out again).
        with db.write() as s:
            s.connection().execute(MARK_RESYNC, {"dev": device.id, "high": high})
    if has_more:
        next_cursor = rows[-1].seq
    else:
        next_cursor = max(cursor, high)
    return PullResponse(
        changes=changes, next_cursor=next_cursor, has_more=has_more, server_time=now
    )


def _materialise(s: Session, rows: list[Any]) -> list[WireChange]:
    by_type: dict[str, list[str]] = {}
    for row in rows:
        by_type.setdefault(row.type, []).append(row.object_id)
    objects: dict[tuple[str, str], dict[str, Any]] = {}
    for type_ in CURRENT_OF:
        ids = by_type.get(type_)
        if ids:
            for id_, rev, deleted, updated_at, payload in s.connection().execute(
                CURRENT_OF[type_], {"ids": ids}
            ):
                objects[(type_, id_)] = {
                    "rev": rev, "deleted": deleted, "updated_at": updated_at,
                    "payload": payload,
                }
    if by_type.get("digipunt"):
        q = select(Digipunt, Digibank.name).join(Digibank).where(
            Digipunt.id.in_(by_type["digipunt"])
        )
        for punt, bank_name in s.execute(q):
            objects[("digipunt", punt.id)] = {
                "rev": 1, "deleted": False, "updated_at": punt.created_at,
                "payload": {
                    "name": punt.name, "municipality": punt.municipality,
                    "organisation_type": punt.organisation_type,
                    "digibank_id": punt.digibank_id, "digibank_name": bank_name,
                },
            }
    if by_type.get("catalog"):
        latest = s.scalar(select(CatalogVersion).order_by(CatalogVersion.version.desc()).limit(1))
        if latest is not None:
            for object_id in by_type["catalog"]:
                objects[("catalog", object_id)] = {
                    "rev": latest.version, "deleted": False, "updated_at": latest.created_at,
                    "payload": latest.body,
                }
    changes = []
    for row in rows:
        obj = objects.get((row.type, row.object_id))
        if obj is None:  # purged meanwhile
            continue
        changes.append(WireChange(seq=row.seq, type=row.type, id=row.object_id, **obj))
    return changes


# --- the sync hot path (``fastpath.py``): plain DBAPI, the answer written as JSON text --------
_FEED_SQL = (
    "SELECT seq, type, object_id FROM change WHERE seq > ? AND seq <= ? "
    "AND (digipunt_id = ? OR digipunt_id IS NULL){others} ORDER BY seq LIMIT ?"
)
_OTHERS_SQL = (
    " AND (origin_device_id IS NULL OR origin_device_id != ? "
    "OR seq <= (SELECT resync_until FROM device WHERE id = ?))"
)


def pull_json(
    db: Database, dbapi: Any, device: DeviceCaller, cursor: int, limit: int, now: datetime
) -> bytes:
    """``pull`` as the JSON body of a ``PullResponse`` (the same changes, in the same order).

    Stored payloads are copied into the answer as the JSON text they are (no parse and dump);
    the rare catalog and digipunt changes go through ``_materialise``.
    """
    sql = db.sql
    cur = dbapi.cursor()
    try:
        if sql.is_sqlite:
            cur.execute("BEGIN")
        cur.execute("SELECT MAX(seq) FROM change")
        high = cur.fetchone()[0] or 0
        if cursor > high:
            cursor = 0  # the database was restored from a backup: send everything again
        if cursor > 0:
            cur.execute(sql.q(_FEED_SQL.format(others=_OTHERS_SQL)),
                        (cursor, high, device.digipunt_id, device.id, device.id, limit + 1))
        else:
            cur.execute(sql.q(_FEED_SQL.format(others="")),
                        (cursor, high, device.digipunt_id, limit + 1))
        rows = cur.fetchall()
        has_more = len(rows) > limit
        rows = rows[:limit]
        texts = _object_texts(cur, sql, rows)
    finally:
        cur.close()
        dbapi.rollback()
    others = [row for row in rows if row[1] not in ("help_session", "helper")]
    if others:
        with db.session() as s:
            feed_rows = [_FeedRow(seq, type_, object_id) for seq, type_, object_id in others]
            for change in _materialise(s, feed_rows):
                texts[(change.type, change.id)] = change.model_dump_json()
    parts = [texts[(type_, object_id)] for _seq, type_, object_id in rows
             if (type_, object_id) in texts]
    last_seq = rows[-1][0] if rows else None
    return _page_json(db, device, cursor, high, last_seq, has_more, ",".join(parts), now)


def _page_json(db: Database, device: DeviceCaller, cursor: int, high: int,
               last_seq: int | None, has_more: bool, changes: str, now: datetime) -> bytes:
    """The ``PullResponse`` JSON of a page (``changes``: its changes' JSON texts, comma-joined);
    a first page from 0 with more to come marks ``device.resync_until`` (module doc)."""
    if cursor == 0 and has_more:
        with db.write() as s:
            s.connection().execute(MARK_RESYNC, {"dev": device.id, "high": high})
    next_cursor = last_seq if has_more else max(cursor, high)
    return (
        f'{{"changes":[{changes}],"next_cursor":{next_cursor},'
        f'"has_more":{"true" if has_more else "false"},"server_time":"{wire_time(now)}"}}'
    ).encode()


class _FeedRow:
    __slots__ = ("seq", "type", "object_id")

    def __init__(self, seq: int, type_: str, object_id: str) -> None:
        self.seq, self.type, self.object_id = seq, type_, object_id


def _object_texts(cur: Any, sql: Sql, rows: list[Any]) -> dict[tuple[str, str], str]:
    """The JSON text of each help_session/helper change (``Change`` fields in model order)."""
    seqs: dict[tuple[str, str], int] = {}
    by_type: dict[str, list[str]] = {}
    for seq, type_, object_id in rows:
        if type_ in ("help_session", "helper"):
            seqs[(type_, object_id)] = seq
            by_type.setdefault(type_, []).append(object_id)
    texts: dict[tuple[str, str], str] = {}
    payload = "payload" if sql.is_sqlite else "payload::text"
    when = wire_time_from_sqlite if sql.is_sqlite else wire_time
    dumps = json.dumps
    for type_, ids in by_type.items():
        for start in range(0, len(ids), 500):
            where, params = sql.in_ids("id", ids[start:start + 500])
            cur.execute(
                f"SELECT id, rev, deleted, updated_at, {payload} FROM {type_} WHERE {where}",
                params,
            )
            for id_, rev, deleted, updated_at, body in cur.fetchall():
                key = (type_, id_)
                texts[key] = (
                    f'{{"seq":{seqs[key]},"type":"{type_}","id":{dumps(id_)},"rev":{rev},'
                    f'"deleted":{"true" if deleted else "false"},'
                    f'"updated_at":"{when(updated_at)}","payload":{body}}}'
                )
    return texts


# --- PostgreSQL: the whole pull page in one statement ---------------------------------------
# The device lookup, the feed's newest seq, the page and each change's JSON text (``Change``
# fields in model order, as ``_object_texts`` writes them) come back as ONE row from ONE
# statement on an autocommit connection: one round trip and one snapshot per pull (the
# statement-by-statement version took eight: BEGIN, device, ROLLBACK, BEGIN, max, feed,
# objects, ROLLBACK). The page is read as two ranges of the (digipunt_id, seq) index merged in
# seq order: this digipunt's changes (a row comparison, so the index bounds both columns; with
# ``digipunt_id = d.digipunt_id OR ... IS NULL`` the planner walked the seq index over every
# digipunt's changes since the cursor) and those for everyone (digipunt_id NULL: the catalog).
# A page holding catalog or digipunt changes (rare: the first pull, a new catalog) is answered by
# ``pull_json`` as before.
_PG_CHANGE_JSON = (
    """'{"seq":' || x.seq || ',"type":"' || x.type || '","id":' || to_json(x.object_id)::text"""
    """ || ',"rev":' || x.rev || ',"deleted":' || CASE WHEN x.deleted THEN 'true' ELSE 'false'"""
    """ END || ',"updated_at":"' || to_char(x.updated_at, 'YYYY-MM-DD"T"HH24:MI:SS')"""
    """ || CASE WHEN date_trunc('second', x.updated_at) = x.updated_at THEN ''"""
    """ ELSE to_char(x.updated_at, '.US') END || 'Z","payload":' || x.payload::text || '}'"""
)
PG_PULL = f"""
WITH d AS (
    SELECT id, digipunt_id, name, resync_until FROM device
    WHERE token_hash = %(digest)s AND NOT revoked
), k AS (
    SELECT CASE WHEN %(cursor)s > high THEN 0 ELSE %(cursor)s END AS cur, high
    FROM (SELECT COALESCE(MAX(seq), 0) AS high FROM change) AS m
), f AS (
    SELECT ch.seq, ch.type, ch.object_id
    FROM d, k, LATERAL (
        SELECT u.seq, u.type, u.object_id FROM (
            (SELECT c.seq, c.type, c.object_id FROM change AS c
             WHERE (c.digipunt_id, c.seq) > (d.digipunt_id, k.cur)
               AND (c.digipunt_id, c.seq) <= (d.digipunt_id, k.high)
               AND (k.cur = 0 OR c.origin_device_id IS NULL OR c.origin_device_id <> d.id
                    OR c.seq <= d.resync_until)
             ORDER BY c.digipunt_id, c.seq LIMIT %(limit)s + 1)
            UNION ALL
            (SELECT c.seq, c.type, c.object_id FROM change AS c
             WHERE c.digipunt_id IS NULL AND c.seq > k.cur AND c.seq <= k.high
               AND (k.cur = 0 OR c.origin_device_id IS NULL OR c.origin_device_id <> d.id
                    OR c.seq <= d.resync_until)
             ORDER BY c.digipunt_id, c.seq LIMIT %(limit)s + 1)
        ) AS u
        ORDER BY u.seq
        LIMIT %(limit)s + 1
    ) AS ch
), e AS (
    SELECT seq FROM f ORDER BY seq OFFSET %(limit)s LIMIT 1
), p AS (
    SELECT f.seq, f.type, f.object_id FROM f WHERE NOT EXISTS (SELECT FROM e WHERE f.seq >= e.seq)
), x AS (
    SELECT p.seq, p.type, p.object_id, s.rev, s.deleted, s.updated_at, s.payload
    FROM p JOIN help_session AS s ON p.type = 'help_session' AND s.id = p.object_id
    UNION ALL
    SELECT p.seq, p.type, p.object_id, h.rev, h.deleted, h.updated_at, h.payload
    FROM p JOIN helper AS h ON p.type = 'helper' AND h.id = p.object_id
)
SELECT d.id, d.digipunt_id, d.name, k.cur, k.high,
       (SELECT max(seq) FROM p),
       EXISTS (SELECT FROM e),
       (SELECT count(*) FROM p WHERE p.type NOT IN ('help_session', 'helper')),
       (SELECT string_agg({_PG_CHANGE_JSON}, ',' ORDER BY x.seq) FROM x)
FROM d, k
"""


def pull_json_pg(
    db: Database, dbapi: Any, digest: str, cursor: int, limit: int, now: datetime
) -> bytes | None:
    """``pull_json`` for the device holding token hash ``digest``, on PostgreSQL, in one
    statement; None when no active device holds it (FastAPI answers 401).

    ``dbapi`` is put in autocommit (a reader connection: one statement is its own snapshot)."""
    driver = getattr(dbapi, "driver_connection", dbapi)
    if not driver.autocommit:
        dbapi.rollback()
        driver.autocommit = True
    cur = dbapi.cursor()
    try:
        cur.execute(PG_PULL, {"digest": digest, "cursor": cursor, "limit": limit})
        row = cur.fetchone()
    finally:
        cur.close()
    if row is None:
        return None
    device = DeviceCaller(row[0], row[1], row[2])
    cursor, high, last_seq, has_more, others, texts = row[3:]
    if others:  # a catalog or digipunt change on the page: the general path
        return pull_json(db, dbapi, device, cursor, limit, now)
    return _page_json(db, device, cursor, high, last_seq, has_more, texts or "", now)
