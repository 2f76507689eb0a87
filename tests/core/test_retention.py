"""Retention: old sessions leave the PC only once the server holds them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import delete, update

from digipunt_app.core import sessions, settings
from digipunt_app.core.models import HelpSession, Outbox
from digipunt_app.core.records import SessionFilter
from digipunt_app.core.retention import cutoff, purge_expired
from digipunt_app.core.store import Store
from tests.core.conftest import draft


def mark_synced(store: Store, *ids: str) -> None:
    with store.session() as db:
        db.execute(
            update(HelpSession).where(HelpSession.id.in_(ids))
            .values(synced_rev=HelpSession.rev)
        )
        db.execute(delete(Outbox).where(Outbox.record_id.in_(ids)))


def test_cutoff() -> None:
    assert cutoff(date(2026, 11, 23), 24) == date(2024, 11, 23)
    assert cutoff(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert cutoff(date(2026, 1, 15), 1) == date(2025, 12, 15)


def test_only_old_synced_sessions_are_purged(store: Store) -> None:
    old_synced = sessions.save_session(
        store, draft(started_at=datetime(2023, 5, 1, 9, tzinfo=UTC), notes="oude notitie")
    )
    old_unsynced = sessions.save_session(
        store, draft(started_at=datetime(2023, 5, 2, 9, tzinfo=UTC))
    )
    recent = sessions.save_session(store, draft(started_at=datetime(2026, 5, 1, 9, tzinfo=UTC)))
    mark_synced(store, old_synced.id, recent.id)
    assert purge_expired(store, date(2026, 11, 23)) == 1
    left = set(sessions.session_ids(store))
    assert left == {old_unsynced.id, recent.id}
    with store.engine.connect() as conn:  # service rows and the notes index went with it
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM session_service WHERE session_id = ?", (old_synced.id,)
        ).scalar() == 0
    assert sessions.count_sessions(store, SessionFilter(text="oude")) == 0


def test_retention_is_configurable(store: Store) -> None:
    row = sessions.save_session(store, draft(started_at=datetime(2026, 1, 10, 9, tzinfo=UTC)))
    mark_synced(store, row.id)
    assert purge_expired(store, date(2026, 11, 23)) == 0
    settings.set_setting(store, settings.RETENTION_MONTHS, 6)
    assert purge_expired(store, date(2026, 11, 23)) == 1
