"""Retention (DESIGN.md §9): sessions older than the retention period leave this PC.

Default 24 months, changed with the setting ``retention_months``. Only what the server already
holds is removed (``rev == synced_rev`` and nothing waiting in the outbox): a session that never
reached the server stays until it has. Runs once a day at start-up, after the daily backup (so the
backups still hold purged sessions for at most 7 days).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, delete, exists, select

from digipunt_app.core import settings
from digipunt_app.core.models import Conflict, HelpSession, Outbox
from digipunt_app.core.session_rules import BRUSSELS

DEFAULT_MONTHS = 24


def cutoff(today: date, months: int) -> date:
    """The first day that is kept: ``today`` minus ``months`` (clamped to the month's end)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    for day in (today.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def retention_months(store: Any) -> int:
    value = settings.get_setting(store, settings.RETENTION_MONTHS, DEFAULT_MONTHS)
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return DEFAULT_MONTHS


def purge_expired(store: Any, today: date | None = None) -> int:
    """Delete synced sessions dated before the cutoff; returns how many left."""
    today = today or datetime.now(UTC).astimezone(BRUSSELS).date()
    first_kept = cutoff(today, retention_months(store))
    queued = exists().where(Outbox.record_id == HelpSession.id)
    with store.session(write=True) as db:
        ids = list(
            db.scalars(
                select(HelpSession.id).where(
                    and_(
                        HelpSession.local_date < first_kept,
                        HelpSession.rev == HelpSession.synced_rev,
                        ~queued,
                    )
                )
            )
        )
        for i in range(0, len(ids), 500):
            db.execute(delete(HelpSession).where(HelpSession.id.in_(ids[i:i + 500])))
        old = datetime.combine(first_kept, datetime.min.time(), BRUSSELS)
        db.execute(
            delete(Conflict).where(Conflict.resolved_at.is_not(None), Conflict.created_at < old)
        )
    return len(ids)
