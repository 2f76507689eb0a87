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
from digipunt_app.core.store_check import StartCheck
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


# --- the check after the data is shown (Store.open(defer_check=True) + StartCheck) ------------


def damage_table(path: Path, table: str) -> None:
    """Overwrite the root page of ``table`` with garbage (a bad sector under live data)."""
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()[0]
    finally:
        conn.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xa5\x17" * (page_size // 2))


def test_deferred_open_skips_the_check_and_backup_until_the_check_runs(tmp_path: Path) -> None:
    from digipunt_app.core.store_check import OK, StartCheck

    Store.open(tmp_path, backup=False).close()
    store = Store.open(tmp_path, defer_check=True, today=date(2026, 3, 5))
    try:
        assert store.check_pending
        assert backup_files(tmp_path / "backups") == []  # not before the check
        check = StartCheck(store, today=date(2026, 3, 5))
        check.go.set()
        assert check.run() == OK
        assert check.settled.is_set() and not store.check_pending
        assert [p.name for p in backup_files(tmp_path / "backups")] == [
            "digipunt-2026-03-05.sqlite3"
        ]
    finally:
        store.close()


def test_damage_found_after_open_is_recovered_in_place_before_the_next_write(
    tmp_path: Path,
) -> None:
    from digipunt_app.core.store_check import DAMAGED, StartCheck

    store = Store.open(tmp_path, backup=False)
    kept = sessions.save_session(store, draft(duration_min=11))
    store.daily_backup(date(2026, 3, 1))
    sessions.save_session(store, draft(duration_min=22))  # after the backup
    store.close()

    store = Store.open(tmp_path, defer_check=True)
    try:
        assert store.check_pending and store.recovery_message is None
        damage_table(store.data_file, "help_session")  # damaged while the app runs
        check = StartCheck(store, backup=False)
        check.go.set()
        assert check.run() == DAMAGED
        assert not check.settled.is_set()  # the sync must still wait
        check.before_write()  # the DB worker, before a save: recovers first
        assert check.settled.is_set()
        assert store.recovery_message and "01/03/2026" in store.recovery_message
        assert check.recover() == store.recovery_message  # once only
        # the same Store object works on the restored file
        assert sessions.session_ids(store) == [kept.id]
        new = sessions.save_session(store, draft(duration_min=33))
        assert sorted(sessions.session_ids(store)) == sorted([kept.id, new.id])
        with store.session() as db:
            assert db.get(SyncState, "cursor").value == "0"  # type: ignore[union-attr]
    finally:
        store.close()
    assert [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name]


def test_deferred_open_of_an_unreadable_file_recovers_at_once(tmp_path: Path) -> None:
    store = Store.open(tmp_path, backup=False)
    kept = sessions.save_session(store, draft())
    store.daily_backup(date(2026, 3, 1))
    store.close()
    corrupt(tmp_path / "digipunt.sqlite3")
    again = Store.open(tmp_path, defer_check=True, backup=False)
    try:
        assert not again.check_pending
        assert again.recovery_message and "beschadigd" in again.recovery_message
        assert sessions.session_ids(again) == [kept.id]
    finally:
        again.close()


def test_cancelled_check_releases_writers_and_moves_nothing(tmp_path: Path) -> None:
    from digipunt_app.core.store_check import StartCheck

    Store.open(tmp_path, backup=False).close()
    store = Store.open(tmp_path, defer_check=True)
    try:
        check = StartCheck(store)
        check.cancel()
        check.before_write()  # does not wait
        assert check.run() != "damaged"
        assert backup_files(tmp_path / "backups") == []
    finally:
        store.close()
    assert not [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name]


def test_an_empty_partial_index_does_not_make_every_start_analyze(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ANALYZE writes no statistics for a partial index without rows (the visitor-reach index
    when no session has a code); that must not count as "statistics missing" at every start
    (~0.6 s with 200,000 sessions, before the data is shown)."""
    from sqlalchemy import event

    import digipunt_app.core.store as store_module

    store = Store.open(tmp_path, backup=False)
    sessions.save_session(store, draft())  # no visitor code: the reach index stays empty
    store.close()
    Store.open(tmp_path, backup=False).close()  # statistics for the new rows, once
    statements: list[str] = []
    real = store_module.make_engine

    def spy(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        engine = real(*args, **kwargs)  # type: ignore[arg-type]
        event.listen(engine, "before_cursor_execute",
                     lambda _c, _cur, stmt, *_rest: statements.append(stmt))
        return engine

    monkeypatch.setattr(store_module, "make_engine", spy)
    Store.open(tmp_path, backup=False, defer_check=True).close()
    assert statements and not [s for s in statements if "ANALYZE" in s.upper()]


def test_recovery_that_cannot_move_the_file_says_so_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows a file another program holds open cannot be moved aside."""
    import digipunt_app.core.store as store_module

    Store.open(tmp_path, backup=False).close()
    store = Store.open(tmp_path, defer_check=True)
    try:
        def refuse(_src: object, _dst: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(store_module.os, "replace", refuse)
        with pytest.raises(StorageError, match="kon niet opzijgezet worden"):
            store.recover_in_place()
        monkeypatch.undo()
        assert sessions.count_sessions(store) == 0  # nothing moved: the store still answers
    finally:
        store.close()



def damaged_after_open(tmp_path: Path) -> tuple[Store, StartCheck, str]:
    """A store with one session in a backup of 01/03/2026, opened without the check, then
    damaged, and its start-up check that found it: (store, check, the backed-up session id)."""
    from digipunt_app.core.store_check import DAMAGED

    store = Store.open(tmp_path, backup=False)
    kept = sessions.save_session(store, draft(duration_min=11))
    store.daily_backup(date(2026, 3, 1))
    store.close()
    store = Store.open(tmp_path, defer_check=True)
    damage_table(store.data_file, "help_session")
    check = StartCheck(store, backup=False)
    check.go.set()
    assert check.run() == DAMAGED
    return store, check, kept.id


def test_after_a_failed_recovery_writes_are_refused_not_put_in_the_damaged_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged file that could not be moved aside is moved aside at the next start, with
    whatever was written into it since: a save must fail (form kept, plain message) rather than
    seem to succeed and be gone after the restart."""
    import digipunt_app.core.store as store_module

    store, check, _kept = damaged_after_open(tmp_path)
    try:
        def refuse(_src: object, _dst: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(store_module.os, "replace", refuse)
        with pytest.raises(StorageError, match="kon niet opzijgezet worden"):
            check.before_write()  # the first save after the check
        assert check.settled.is_set()  # the sync is not kept waiting
        with pytest.raises(StorageError, match="kon niet opzijgezet worden"):
            check.before_write()  # the next save: refused too, not written into the damaged file
        with pytest.raises(StorageError, match="kon niet opzijgezet worden"):
            check.recover()  # the window's own recovery request says the same
    finally:
        store.close()


def test_a_save_queued_when_the_app_closes_after_damage_was_found_is_not_lost(
    tmp_path: Path,
) -> None:
    """The check found damage, a save waits on the DB worker, and the window is closed (the
    check is cancelled) before the recovery ran: the save must still go into the restored
    store, not into the damaged file that the next start moves aside."""
    store, check, kept = damaged_after_open(tmp_path)
    try:
        check.cancel()  # the app closes
        check.before_write()  # the queued save, on the DB worker
        new = sessions.save_session(store, draft(duration_min=44))
    finally:
        store.close()
    again = Store.open(tmp_path, backup=False)  # the next start
    try:
        assert sorted(sessions.session_ids(again)) == sorted([kept, new.id])
    finally:
        again.close()
