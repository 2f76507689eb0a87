"""The outbox: what is waiting to be pushed. Written in the same transaction as the change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from digipunt_app.core.models import Outbox

HELP_SESSION = "help_session"
HELPER = "helper"


def queue(db: Session, record_type: str, record_id: str, rev: int, now: datetime) -> None:
    """Queue (or re-queue) ``record_id`` at ``rev``: one row per record, so edits coalesce.

    A row that is leased (a batch in flight) keeps its lease; the sync engine sees the higher
    ``rev`` after the push and keeps the row for the next batch.
    """
    stmt = insert(Outbox).values(
        record_type=record_type, record_id=record_id, rev=rev, queued_at=now, attempts=0
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=[Outbox.record_id],
        set_={"rev": stmt.excluded.rev, "queued_at": stmt.excluded.queued_at},
    )
    db.execute(stmt)


def pending_count(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(Outbox)) or 0
