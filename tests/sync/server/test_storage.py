"""The server schema comes from the Alembic migrations, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from sqlalchemy import inspect

from sync.server.db import Database
from sync.server.models import Base


def test_migrations_make_every_table_and_can_run_twice(server_db_url: str) -> None:
    db = Database(server_db_url)
    db.migrate()
    db.migrate()  # idempotent: a restart after an upgrade changes nothing
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    uniques = inspect(db.engine).get_unique_constraints("record_version")
    assert any(set(u["column_names"]) == {"id", "rev"} for u in uniques)
    db.dispose()
