"""Two writers on one local store: the entry form's save (DB worker) and the sync engine (its own
thread) each use their own connection. A commit by one between the other's reads and writes
must not make that other fail: each write waits for the lock (db.WRITE_OPTION)."""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

import pytest
from sqlalchemy import event

from digipunt_app.core import helpers, sessions, settings
from digipunt_app.core import sync_engine_store as local
from digipunt_app.core.store import Store
from tests.core.conftest import draft


class _CommitInBetween:
    """At ``trigger``'s first statement on the store's engine (after the operation has read),
    another connection commits a write on a thread of its own (as the sync engine does while a
    volunteer saves). It waits up to 0.5 s for that commit, so without a write lock taken at
    BEGIN the other commit lands between the operation's read and its write."""

    def __init__(self, store: Store, trigger: str) -> None:
        self.store = store
        self.trigger = trigger
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()

    def _other_write(self) -> None:
        try:
            con = sqlite3.connect(self.store.data_file, timeout=10, isolation_level=None)
            try:
                con.execute("BEGIN")
                con.execute(
                    "INSERT INTO settings (key, value) VALUES ('other_writer', '1') "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                )
                con.execute("COMMIT")
            finally:
                con.close()
        except BaseException as exc:  # pragma: no cover - reported by the test
            self.error = exc
        finally:
            self.done.set()

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.thread is None and statement.lstrip().upper().startswith(self.trigger):
            self.thread = threading.Thread(target=self._other_write)
            self.thread.start()
            self.done.wait(0.5)

    def join(self) -> None:
        assert self.thread is not None, "the operation never reached its write"
        self.thread.join(15)
        assert self.error is None


@pytest.fixture
def between(store: Store) -> Any:
    def install(trigger: str) -> _CommitInBetween:
        hook = _CommitInBetween(store, trigger)
        event.listen(store.engine, "before_cursor_execute", hook)
        return hook

    return install


def test_a_save_while_another_connection_commits_is_kept(store: Store, between: Any) -> None:
    helper = helpers.add_helper(store, "Rita")
    hook = between("INSERT INTO HELP_SESSION")
    row = sessions.save_session(store, draft(helper_id=helper.id))
    hook.join()
    assert sessions.count_sessions(store) == 1
    assert sessions.get_session(store, row.id).helper_id == helper.id
    assert settings.get_setting(store, "other_writer") == 1


def test_a_helper_rename_while_another_connection_commits_is_kept(
    store: Store, between: Any
) -> None:
    helper = helpers.add_helper(store, "Rita")
    hook = between("UPDATE HELPER")
    helpers.rename_helper(store, helper.id, "Rita V.")
    hook.join()
    assert [h.display_name for h in helpers.list_helpers(store)] == ["Rita V."]


def test_the_sync_lease_takes_the_write_lock_first(store: Store) -> None:
    """The push path's raw transactions (lease, apply, release) begin IMMEDIATE too: while one
    holds the lock, another connection's write waits instead of slipping in between."""
    with local._raw_transaction(store) as raw:
        assert raw.in_transaction
        other = sqlite3.connect(store.data_file, timeout=0.05, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()
