"""The outbox: what is waiting to be pushed. Written in the same transaction as the change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from digipunt_app.core.models import Outbox, to_db_time

HELP_SESSION = "help_session"
HELPER = "helper"

# One prepared statement (the hot path of every save).
_UPSERT = text(
    "INSERT INTO outbox (record_type, record_id, rev, queued_at, attempts) "
    "VALUES (:type, :id, :rev, :now, 0) "
    "ON CONFLICT (record_id) DO UPDATE SET rev = excluded.rev, queued_at = excluded.queued_at"
)


def queue(db: Session, record_type: str, record_id: str, rev: int, now: datetime) -> None:
    """Queue (or re-queue) ``record_id`` at ``rev``: one row per record, so edits coalesce.

    A row that is leased (a batch in flight) keeps its lease; the sync engine sees the higher
    ``rev`` after the push and keeps the row for the next batch.
    """
    db.execute(
        _UPSERT,
        {"type": record_type, "id": record_id, "rev": rev, "now": to_db_time(now)},
    )


def pending_count(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(Outbox)) or 0
