"""The reach index of a database migrated by an earlier 0004.

Migration 0004 was changed after it had shipped: ``ix_reach_month_month`` gained ``code`` (and
on PostgreSQL ``days``/``months`` as included columns), so a partial month's reach reads the
index without the table. A database that ran the first 0004 still has the old, narrower index;
this revision gives it the index 0004 makes now. A database that ran the current 0004 already has
it and is left alone.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 19:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_NAME = "ix_reach_month_month"


def upgrade() -> None:
    indexes = sa.inspect(op.get_bind()).get_indexes("reach_month")
    if any(ix["name"] == _NAME and "code" in ix["column_names"] for ix in indexes):
        return
    op.drop_index(_NAME, table_name="reach_month")
    op.create_index(_NAME, "reach_month", ["span", "month_bit", "level", "key", "code"],
                    postgresql_include=["days", "months"])


def downgrade() -> None:
    """Nothing: the wider index is what 0004 itself makes now."""
