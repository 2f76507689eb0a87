"""Opening the store: migrations, pragmas, backups."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from sqlalchemy import text

from digipunt_app.core import catalog, migrate
from digipunt_app.core.models import Base
from digipunt_app.core.store import KEEP_BACKUPS, Store, backup_files


def test_empty_file_migrates_to_head(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "digipunt.sqlite3").touch()  # an empty file, as a crashed first start leaves it
    store = Store.open(data)
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        with store.engine.connect() as conn:
            tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
        assert set(Base.metadata.tables) <= tables
    finally:
        store.close()


def test_migrations_match_models(store: Store) -> None:
    """The migration makes every column the models declare (no drift between the two)."""
    with store.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            cols = {r[1] for r in conn.execute(text(f"PRAGMA table_info({table.name})"))}
            assert {c.name for c in table.columns} == cols, table.name


def test_sqlite_pragmas(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_reopen_keeps_data_and_one_head(tmp_path: Path) -> None:
    from digipunt_app.core import helpers

    store = Store.open(tmp_path)
    helpers.add_helper(store, "An")
    store.close()
    again = Store.open(tmp_path)
    try:
        assert [h.display_name for h in helpers.list_helpers(again)] == ["An"]
    finally:
        again.close()


def test_catalog_seeded_from_resources(store: Store) -> None:
    cat = catalog.load_catalog(store)
    assert cat.version == catalog.default_catalog().version
    assert "eid" in cat.active_codes()
    assert cat.label("eid", "fr")


def test_daily_backups_rolling_keep_seven(tmp_path: Path) -> None:
    store = Store.open(tmp_path, backup=False)
    try:
        for day in range(1, 11):
            store.daily_backup(date(2026, 1, day))
        again = store.daily_backup(date(2026, 1, 10))  # same day: no second backup
        names = [p.name for p in backup_files(store.backup_dir)]
    finally:
        store.close()
    assert again is None
    assert len(names) == KEEP_BACKUPS
    assert names[0] == "digipunt-2026-01-10.sqlite3"
    assert names[-1] == "digipunt-2026-01-04.sqlite3"
    conn = sqlite3.connect(store.backup_dir / names[0])
    assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
    conn.close()


def test_head_read_from_files_matches_alembic() -> None:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(migrate.alembic_config()).get_heads()
    assert heads == [migrate.head_revision()]
