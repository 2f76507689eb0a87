"""Safe storage: a corrupt file is restored from the newest good backup; failed writes change
nothing and say why."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from digipunt_app.core import helpers, sessions
from digipunt_app.core.db import storage_error
from digipunt_app.core.models import Outbox, SyncState
from digipunt_app.core.records import StorageError
from digipunt_app.core.store import Store, backup_files
from tests.core.conftest import draft


def corrupt(path: Path) -> None:
    """Overwrite the header and first pages with garbage, as a torn write or bad disk would."""
    with open(path, "r+b") as fh:
        fh.write(b"this is not a database file at all" * 200)


def test_corrupt_file_is_restored_from_newest_good_backup(tmp_path: Path) -> None:
    store = Store.open(tmp_path, backup=False)
    old = sessions.save_session(store, draft(duration_min=11))
    store.daily_backup(date(2026, 3, 1))
    newer = sessions.save_session(store, draft(duration_min=22))
    store.daily_backup(date(2026, 3, 2))
    sessions.save_session(store, draft(duration_min=33))  # after the last backup: lost locally
    store.close()
    # the newest backup is damaged too: the one before it must be used
    newest = backup_files(tmp_path / "backups")[0]
    assert newest.name == "digipunt-2026-03-02.sqlite3"
    corrupt(tmp_path / "digipunt.sqlite3")
    corrupt(newest)

    again = Store.open(tmp_path, backup=False)
    try:
        assert again.recovery_message is not None
        assert "beschadigd" in again.recovery_message
        assert "01/03/2026" in again.recovery_message
        assert sessions.session_ids(again) == [old.id]
        assert newer.id not in sessions.session_ids(again)
        with again.session() as db:  # the next sync pulls everything back from the server
            assert db.get(SyncState, "cursor").value == "0"  # type: ignore[union-attr]
    finally:
        again.close()
    aside = [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert aside, "the damaged file is kept aside, not deleted"


def test_corrupt_file_without_backup_starts_empty_with_message(tmp_path: Path) -> None:
    (tmp_path / "digipunt.sqlite3").write_bytes(b"garbage" * 1000)
    store = Store.open(tmp_path, backup=False)
    try:
        assert store.recovery_message and "geen bruikbare reservekopie" in store.recovery_message
        assert sessions.count_sessions(store) == 0
        sessions.save_session(store, draft())  # and it works again
    finally:
        store.close()


def test_healthy_file_has_no_message(store: Store) -> None:
    assert store.recovery_message is None


def test_locked_database_raises_storage_error_and_changes_nothing(tmp_path: Path) -> None:
    store = Store.open(tmp_path, busy_timeout_ms=50)
    try:
        first = sessions.save_session(store, draft())
        other = sqlite3.connect(store.data_file, timeout=0)
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(StorageError, match="in gebruik"):
                sessions.save_session(store, draft(duration_min=99))
            with pytest.raises(StorageError):
                helpers.add_helper(store, "Jo")
        finally:
            other.rollback()
            other.close()
        assert sessions.session_ids(store) == [first.id]
        with store.session() as db:
            assert [o.record_id for o in db.scalars(select(Outbox))] == [first.id]
        sessions.save_session(store, draft(duration_min=99))  # works once the lock is gone
        assert sessions.count_sessions(store) == 2
    finally:
        store.close()


def test_disk_full_raises_storage_error_and_changes_nothing(tmp_path: Path) -> None:
    """SQLite's page limit gives the same error as a full disk ("database or disk is full")."""
    store = Store.open(tmp_path)
    try:
        sessions.save_session(store, draft())
        from sqlalchemy import event

        with store.engine.connect() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

        @event.listens_for(store.engine, "connect")
        def _limit(dbapi_conn: sqlite3.Connection, _rec: object) -> None:
            dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

        store.engine.dispose()  # new connections get the limit
        with pytest.raises(StorageError, match="schijf is vol"):
            for _ in range(200):
                sessions.save_session(store, draft(notes="x" * 500))
        count = sessions.count_sessions(store)
        with store.session() as db:
            queued = len(list(db.scalars(select(Outbox))))
        assert queued == count  # every session that landed has its outbox row, no more
    finally:
        store.close()


def test_read_only_database_raises_storage_error(tmp_path: Path) -> None:
    """A read-only file (as on a locked-down profile; simulated with query_only, since these
    tests may run as root) gives a plain message and writes nothing."""
    from sqlalchemy import event

    store = Store.open(tmp_path)
    try:
        sessions.save_session(store, draft())

        @event.listens_for(store.engine, "connect")
        def _read_only(dbapi_conn: sqlite3.Connection, _rec: object) -> None:
            dbapi_conn.execute("PRAGMA query_only=ON")

        store.engine.dispose()
        with pytest.raises(StorageError, match="alleen-lezen"):
            sessions.save_session(store, draft(duration_min=42))
        assert sessions.count_sessions(store) == 1
    finally:
        store.close()


def test_storage_error_mapping() -> None:
    for text, needle in [
        ("database or disk is full", "schijf is vol"),
        ("attempt to write a readonly database", "alleen-lezen"),
        ("database is locked", "in gebruik"),
    ]:
        err = storage_error(sqlite3.OperationalError(text))
        assert err is not None and needle in str(err)
    assert storage_error(ValueError("something else")) is None


def test_busy_file_is_not_mistaken_for_a_corrupt_one(tmp_path: Path) -> None:
    """Another program holding an exclusive lock: refuse with a message, move nothing aside."""
    path = tmp_path / "digipunt.sqlite3"
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    other.execute("PRAGMA journal_mode=DELETE")
    other.execute("CREATE TABLE t (x)")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO t VALUES (1)")
    try:
        with pytest.raises(StorageError, match="in gebruik"):
            Store.open(tmp_path, busy_timeout_ms=50)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name] == []
