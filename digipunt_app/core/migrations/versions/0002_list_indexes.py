"""List speed at 200k sessions: covering indexes per filter, service rows carry the sort key,
trigram full-text index on notes.

- the per-filter indexes start with ``deleted`` and end with ``started_at, id``, so "filter X,
  newest first" is one index range scan, already in order, without reading the table;
- ``session_service`` copies ``started_at`` and ``deleted`` (kept by triggers), so "service X,
  newest first" is one range scan of ``ix_session_service_list``;
- ``notes_fts`` (FTS5, trigram tokenizer) indexes non-empty notes for the search box (substring,
  case-insensitive). It is keyed by ``help_session``'s rowid: after a VACUUM run
  ``INSERT INTO notes_fts(notes_fts) VALUES('rebuild')``. Skipped when the SQLite build has no
  FTS5; the search then scans the notes.

Revision ID: 0002_list_indexes
Revises: 0001_local_store
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_list_indexes"
down_revision = "0001_local_store"
branch_labels = None
depends_on = None

_OLD = {
    "ix_help_session_helper": ["helper_id", "started_at"],
    "ix_help_session_outcome": ["outcome", "started_at"],
    "ix_help_session_channel": ["channel", "started_at"],
    "ix_help_session_duration": ["duration_min", "started_at"],
}
_NEW = {
    "ix_help_session_helper_list": ["deleted", "helper_id", "started_at", "id"],
    "ix_help_session_outcome_list": ["deleted", "outcome", "started_at", "id"],
    "ix_help_session_channel_list": ["deleted", "channel", "started_at", "id"],
    "ix_help_session_duration_list": ["deleted", "duration_min", "started_at", "id"],
}

_SERVICE_TRIGGERS = [
    "DROP TRIGGER IF EXISTS help_session_services_insert",
    "DROP TRIGGER IF EXISTS help_session_services_update",
    """
    CREATE TRIGGER help_session_services_insert AFTER INSERT ON help_session
    BEGIN
        INSERT OR IGNORE INTO session_service (session_id, service, started_at, deleted)
        SELECT NEW.id, value, NEW.started_at, NEW.deleted FROM json_each(NEW.services);
    END
    """,
    """
    CREATE TRIGGER help_session_services_update AFTER UPDATE OF services ON help_session
    BEGIN
        DELETE FROM session_service WHERE session_id = OLD.id;
        INSERT OR IGNORE INTO session_service (session_id, service, started_at, deleted)
        SELECT NEW.id, value, NEW.started_at, NEW.deleted FROM json_each(NEW.services);
    END
    """,
    """
    CREATE TRIGGER help_session_services_sortkey AFTER UPDATE OF started_at, deleted
    ON help_session
    BEGIN
        UPDATE session_service SET started_at = NEW.started_at, deleted = NEW.deleted
        WHERE session_id = NEW.id;
    END
    """,
]

_FTS = [
    """
    CREATE VIRTUAL TABLE notes_fts USING fts5(
        notes, content='help_session', content_rowid='rowid', tokenize='trigram'
    )
    """,
    "INSERT INTO notes_fts (rowid, notes) SELECT rowid, notes FROM help_session WHERE notes <> ''",
    """
    CREATE TRIGGER help_session_notes_insert AFTER INSERT ON help_session WHEN NEW.notes <> ''
    BEGIN
        INSERT INTO notes_fts (rowid, notes) VALUES (NEW.rowid, NEW.notes);
    END
    """,
    """
    CREATE TRIGGER help_session_notes_delete AFTER DELETE ON help_session WHEN OLD.notes <> ''
    BEGIN
        INSERT INTO notes_fts (notes_fts, rowid, notes) VALUES ('delete', OLD.rowid, OLD.notes);
    END
    """,
    """
    CREATE TRIGGER help_session_notes_update AFTER UPDATE OF notes ON help_session
    BEGIN
        INSERT INTO notes_fts (notes_fts, rowid, notes)
        SELECT 'delete', OLD.rowid, OLD.notes WHERE OLD.notes <> '';
        INSERT INTO notes_fts (rowid, notes) SELECT NEW.rowid, NEW.notes WHERE NEW.notes <> '';
    END
    """,
]


def _has_fts5() -> bool:
    bind = op.get_bind()
    try:
        bind.exec_driver_sql(
            "CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x, tokenize='trigram')"
        )
        bind.exec_driver_sql("DROP TABLE temp._fts5_probe")
        return True
    except sa.exc.OperationalError:
        return False


def upgrade() -> None:
    for name in _OLD:
        op.drop_index(name, table_name="help_session")
    for name, cols in _NEW.items():
        op.create_index(name, "help_session", cols)
    op.add_column("session_service", sa.Column("started_at", sa.String(26), nullable=True))
    op.add_column(
        "session_service",
        sa.Column("deleted", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.execute(
        "UPDATE session_service SET (started_at, deleted) = "
        "(SELECT started_at, deleted FROM help_session WHERE id = session_id)"
    )
    op.drop_index("ix_session_service_service", table_name="session_service")
    op.create_index(
        "ix_session_service_list",
        "session_service",
        ["service", "deleted", "started_at", "session_id"],
    )
    for sql in _SERVICE_TRIGGERS:
        op.execute(sql)
    if _has_fts5():
        for sql in _FTS:
            op.execute(sql)


def downgrade() -> None:
    for trigger in ("notes_insert", "notes_delete", "notes_update", "services_sortkey"):
        op.execute(f"DROP TRIGGER IF EXISTS help_session_{trigger}")
    op.execute("DROP TABLE IF EXISTS notes_fts")
    op.drop_index("ix_session_service_list", table_name="session_service")
    op.create_index("ix_session_service_service", "session_service", ["service", "session_id"])
    with op.batch_alter_table("session_service") as batch:
        batch.drop_column("deleted")
        batch.drop_column("started_at")
    for name in _NEW:
        op.drop_index(name, table_name="help_session")
    for name, cols in _OLD.items():
        op.create_index(name, "help_session", cols)
