"""What ``digipunt status`` and the status bar show about the local store."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from digipunt_app.core import outbox
from digipunt_app.core.local_info import digipunt_info
from digipunt_app.core.models import HelpSession, SyncState
from digipunt_app.core.records import StoreStatus

# sync_state keys the sync engine writes (read here when present)
LAST_SYNC_KEYS = ("last_sync", "last_success", "last_sync_at")
SKEW_KEYS = ("clock_skew_seconds", "skew_seconds", "skew")


def _state(db: Any, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        row = db.get(SyncState, key)
        if row is not None and row.value not in ("", "null"):
            return row.value
    return None


def _as_datetime(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        raw = json.loads(value) if value.startswith('"') else value
        moment = datetime.fromisoformat(str(raw))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _as_float(value: str | None) -> float | None:
    try:
        return None if value is None else float(json.loads(value))
    except (TypeError, ValueError):
        return None


def store_status(store: Any) -> StoreStatus:
    with store.session() as db:
        sessions = db.scalar(
            select(func.count(HelpSession.id)).where(HelpSession.deleted.is_(False))
        )
        info = digipunt_info(db)
        return StoreStatus(
            data_file=str(store.data_file),
            sessions=sessions or 0,
            pending=outbox.pending_count(db),
            enrolled=info is not None,
            digipunt_name=info.name if info else None,
            last_sync=_as_datetime(_state(db, LAST_SYNC_KEYS)),
            clock_skew_seconds=_as_float(_state(db, SKEW_KEYS)),
            recovered_from_backup=(
                store.restored_backup.name if getattr(store, "restored_backup", None) else None
            ),
        )
