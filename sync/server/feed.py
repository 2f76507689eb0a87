"""Writing the pull feed (the ``change`` table). Call ``db.lock_feed(session)`` first."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from sync.server.models import AuditEntry, Change

CATALOG_OBJECT_ID = "catalog"


def record_change(
    session: Session,
    type_: str,
    object_id: str,
    digipunt_id: str | None,
    origin_device_id: str | None = None,
) -> None:
    """Move ``object_id`` to the end of the feed (one row per object, newest ``seq``)."""
    session.execute(delete(Change).where(Change.type == type_, Change.object_id == object_id))
    session.add(
        Change(
            type=type_,
            object_id=object_id,
            digipunt_id=digipunt_id,
            origin_device_id=origin_device_id,
        )
    )
    session.flush()


def audit(session: Session, actor: str, action: str, detail: str = "") -> None:
    session.add(AuditEntry(actor=actor, action=action, detail=detail))
