"""Migration 0007: a database whose reach index was made by the first 0004 (without ``code``)
gets the index 0004 makes now; one that already has it keeps it; SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect, text

from sync.server.db import Database
from tests.sync.server.test_migration_0006 import _to


def _reach_index(db: Database) -> list[str]:
    (index,) = [ix for ix in inspect(db.engine).get_indexes("reach_month")
                if ix["name"] == "ix_reach_month_month"]
    return index["column_names"]


def test_a_reach_index_of_the_first_0004_is_widened(server_db_url: str) -> None:
    db = Database(server_db_url)
    try:
        _to(db, "0006")
        with db.engine.begin() as conn:
            conn.execute(text("DROP INDEX ix_reach_month_month"))
            conn.execute(text("CREATE INDEX ix_reach_month_month "
                              "ON reach_month (span, month_bit, level, key)"))
        assert _reach_index(db) == ["span", "month_bit", "level", "key"]

        _to(db, "head")

        assert _reach_index(db)[:5] == ["span", "month_bit", "level", "key", "code"]
    finally:
        db.dispose()


def test_a_current_reach_index_is_kept(server_db_url: str) -> None:
    db = Database(server_db_url)
    try:
        _to(db, "0006")
        before = _reach_index(db)
        _to(db, "head")
        assert _reach_index(db) == before
        assert before[:5] == ["span", "month_bit", "level", "key", "code"]
    finally:
        db.dispose()
