"""Migration 0005 (push cost): an upgrade from 0004 keeps every stored version and drops the
``record_version`` index nothing reads; the push path still stores and finds versions."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from sync.server.db import MIGRATIONS, Database


def _upgrade(db: Database, target: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def test_upgrade_from_0004_keeps_versions_and_drops_the_unread_index(
    server_db_url: str,
) -> None:
    db = Database(server_db_url)
    try:
        _upgrade(db, "0004")
        with db.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO record_version (type, id, rev, base_rev, digipunt_id, device_id, "
                "deleted, updated_at, content_hash, payload, received_at, local_date) VALUES "
                "('help_session', 's-1', 1, 0, 'p-1', 'd-1', false, '2026-11-23 10:00:00', "
                "'2:abc', '{\"notes\": \"kept\"}', '2026-11-23 10:00:01', '2026-11-23')"
            ))
        before = {ix["name"] for ix in inspect(db.engine).get_indexes("record_version")}
        assert "ix_record_version_digipunt_id" in before

        db.migrate()  # to head

        after = {ix["name"] for ix in inspect(db.engine).get_indexes("record_version")}
        assert "ix_record_version_digipunt_id" not in after
        assert "ix_record_version_local_date" in after  # the retention purge reads this one
        with db.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT id, rev, digipunt_id, content_hash FROM record_version")).all()
        assert [tuple(r) for r in rows] == [("s-1", 1, "p-1", "2:abc")]
        # (id, rev) is still unique: the guarantee push idempotency rests on
        uniques = inspect(db.engine).get_unique_constraints("record_version")
        assert any(set(u["column_names"]) == {"id", "rev"} for u in uniques)
    finally:
        db.dispose()
