"""The store keeps the planner's statistics, so the list uses its indexes on old databases too."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from digipunt_app.core import sessions
from digipunt_app.core.records import SessionFilter
from digipunt_app.core.store import Store
from tests.core.conftest import draft


def _stats(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return {idx: stat for idx, stat in conn.execute("SELECT idx, stat FROM sqlite_stat1")}
    finally:
        conn.close()


def test_an_index_without_statistics_gets_them_at_the_next_open(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store.open(data, backup=False)
    for _ in range(3):
        sessions.save_session(store, draft())
    store.close()
    path = data / "digipunt.sqlite3"
    conn = sqlite3.connect(path)
    with conn:  # as a migration leaves a new index: no statistics for it
        conn.execute("DELETE FROM sqlite_stat1 WHERE idx = 'ix_help_session_outcome_list'")
    conn.close()
    assert "ix_help_session_outcome_list" not in _stats(path)

    store = Store.open(data, backup=False)
    try:
        assert "ix_help_session_outcome_list" in _stats(path)
        assert sessions.count_sessions(store, SessionFilter(outcome="solved_together")) == 3
    finally:
        store.close()


def test_a_store_with_statistics_is_not_analysed_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Store.open(data, backup=False).close()
    path = data / "digipunt.sqlite3"
    conn = sqlite3.connect(path)
    with conn:  # a marker row ANALYZE would replace
        conn.execute("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('x', 'marker', '1')")
    conn.close()
    Store.open(data, backup=False).close()
    assert _stats(path).get("marker") == "1"
