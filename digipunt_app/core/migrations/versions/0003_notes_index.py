"""Notes search through a partial covering index instead of FTS5.

Measured at 200,000 sessions: a trigram FTS5 lookup of a common word (20k hits) plus the sort
took ~5x longer than scanning a partial index over the sessions that have notes, which is
already in list order (``deleted, started_at, id, notes WHERE notes <> ''``). Most sessions have
no notes, so the scan stays small; and nothing depends on rowids any more.

Revision ID: 0003_notes_index
Revises: 0002_list_indexes
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0003_notes_index"
down_revision = "0002_list_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for trigger in ("notes_insert", "notes_delete", "notes_update"):
        op.execute(f"DROP TRIGGER IF EXISTS help_session_{trigger}")
    op.execute("DROP TABLE IF EXISTS notes_fts")
    op.execute(
        "CREATE INDEX ix_help_session_notes_list ON help_session "
        "(deleted, started_at, id, notes) WHERE notes <> ''"
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_help_session_notes_list")
