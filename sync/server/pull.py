"""``GET /v1/sync/pull``: the device's digipunt's changes after ``cursor``, in ``seq`` order.

The feed holds the latest change per object (catalog, digipunt, helpers, help sessions). When
``cursor > 0`` the versions this device pushed itself are left out (it has them); ``cursor = 0``
returns everything (a new PC, a restored backup). When nothing more is left, ``next_cursor`` jumps
to the newest ``seq`` seen, so left-out rows are not scanned again next time. A cursor beyond the
end of the feed (the server was restored from a backup) is treated as 0.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from sync.protocol import Change as WireChange
from sync.protocol import PullResponse
from sync.server.auth import DeviceCaller
from sync.server.db import Database
from sync.server.models import CatalogVersion, Change, Digibank, Digipunt, Helper, HelpSession


def pull(
    db: Database, device: DeviceCaller, cursor: int, limit: int, now: datetime
) -> PullResponse:
    with db.session() as s:
        high = s.scalar(select(func.max(Change.seq))) or 0
        if cursor > high:
            # The client is ahead of this feed: the database was restored from a backup.
            # Send everything again rather than leave the client waiting past the end.
            cursor = 0
        q = (
            select(Change)
            .where(
                Change.seq > cursor,
                Change.seq <= high,
                or_(Change.digipunt_id == device.digipunt_id, Change.digipunt_id.is_(None)),
            )
            .order_by(Change.seq)
            .limit(limit + 1)
        )
        if cursor > 0:
            q = q.where(
                or_(Change.origin_device_id.is_(None), Change.origin_device_id != device.id)
            )
        rows = list(s.scalars(q))
        has_more = len(rows) > limit
        rows = rows[:limit]
        changes = _materialise(s, rows)
    if has_more:
        next_cursor = rows[-1].seq
    else:
        next_cursor = max(cursor, high)
    return PullResponse(
        changes=changes, next_cursor=next_cursor, has_more=has_more, server_time=now
    )


def _materialise(s: Session, rows: list[Change]) -> list[WireChange]:
    by_type: dict[str, list[str]] = {}
    for row in rows:
        by_type.setdefault(row.type, []).append(row.object_id)
    objects: dict[tuple[str, str], dict[str, Any]] = {}
    for type_, table in (("help_session", HelpSession), ("helper", Helper)):
        ids = by_type.get(type_)
        if ids:
            for obj in s.scalars(select(table).where(table.id.in_(ids))):
                objects[(type_, obj.id)] = {
                    "rev": obj.rev, "deleted": obj.deleted, "updated_at": obj.updated_at,
                    "payload": obj.payload,
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
