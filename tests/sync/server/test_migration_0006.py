"""Migration 0006 (push cost): an upgrade from 0005 with data keeps every row, drops the service
index nothing reads, and the report marks still come as before (every digipunt and month
touched by an insert, update or delete; on SQLite once each), on SQLite and PostgreSQL; the
downgrade restores 0005."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from sync.server import admin
from sync.server.db import MIGRATIONS, Database

_SESSION = (
    "INSERT INTO help_session (id, rev, digipunt_id, device_id, deleted, updated_at, local_date, "
    "started_at, duration_min, channel, outcome, age_band, adult_confirmed, first_visit, "
    "payload) VALUES (:id, 1, :punt, 'd-1', false, '2026-11-23 10:00:00', :day, "
    "'2026-11-23 09:00:00', 20, 'walk_in', 'solved_together', '65_74', true, 'no', '{}')"
)
_SERVICE = (
    "INSERT INTO help_session_service (session_id, service, digipunt_id, local_date, deleted, "
    "duration_min) VALUES (:id, 'eid', :punt, :day, false, 20)"
)


def _to(db: Database, target: str, down: bool = False) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, target)


def _session(db: Database, id_: str, punt: str, day: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(_SESSION), {"id": id_, "punt": punt, "day": day})
        conn.execute(text(_SERVICE), {"id": id_, "punt": punt, "day": day})


def _marks(db: Database) -> list[tuple[str, str]]:
    """The marked (digipunt, month) buckets. PostgreSQL appends one mark per statement, so a
    bucket may be there twice; SQLite's triggers skip a bucket already marked."""
    with db.engine.connect() as conn:
        rows = [(punt, str(month)) for punt, month in conn.execute(
            text("SELECT digipunt_id, month FROM report_dirty")).all()]
    if db.is_sqlite:
        assert len(rows) == len(set(rows)), rows
    return sorted(set(rows))


def _clear_marks(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM report_dirty"))


def _service_indexes(db: Database) -> set[str]:
    return {ix["name"] for ix in inspect(db.engine).get_indexes("help_session_service")}


def _marks_come_as_before(db: Database, punt: str, other: str) -> None:
    """Two sessions of one digipunt and month: one mark; another month and another digipunt:
    a mark each; an update that moves a session to another month marks both months; a delete
    marks its month."""
    _clear_marks(db)
    _session(db, "s-2", punt, "2026-11-03")
    _session(db, "s-3", punt, "2026-11-20")
    _session(db, "s-4", punt, "2026-10-31")
    _session(db, "s-5", other, "2026-11-03")
    assert _marks(db) == sorted([(punt, "2026-11-01"), (punt, "2026-10-01"),
                                 (other, "2026-11-01")])
    _clear_marks(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE help_session SET local_date = '2026-09-15' WHERE id = 's-2'"))
    assert _marks(db) == sorted([(punt, "2026-11-01"), (punt, "2026-09-01")])
    _clear_marks(db)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM help_session_service WHERE session_id = 's-4'"))
        conn.execute(text("DELETE FROM help_session WHERE id = 's-4'"))
    assert _marks(db) == [(punt, "2026-10-01")]
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM help_session_service WHERE session_id <> 's-1'"))
        conn.execute(text("DELETE FROM help_session WHERE id <> 's-1'"))


def test_upgrade_from_0005_keeps_rows_drops_the_service_index_and_marks_as_before(
    server_db_url: str,
) -> None:
    db = Database(server_db_url)
    try:
        _to(db, "0005")
        bank = admin.add_digibank(db, "Bank")
        punt = admin.add_digipunt(db, bank, "Bib", "Gent")
        other = admin.add_digipunt(db, bank, "Bib 2", "Gent")
        _session(db, "s-1", punt, "2026-11-02")
        assert "ix_help_session_service_service" in _service_indexes(db)

        _to(db, "head")

        assert "ix_help_session_service_service" not in _service_indexes(db)
        assert "ix_help_session_service_local_date" in _service_indexes(db)  # reports read it
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT id FROM help_session")).scalars().all() == ["s-1"]
            assert conn.execute(text(
                "SELECT session_id, service FROM help_session_service")).all() == [("s-1", "eid")]
        _marks_come_as_before(db, punt, other)

        _to(db, "0005", down=True)
        assert "ix_help_session_service_service" in _service_indexes(db)
        _marks_come_as_before(db, punt, other)
    finally:
        db.dispose()
