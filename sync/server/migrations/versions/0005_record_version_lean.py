"""``record_version``: drop the index on ``digipunt_id`` (nothing reads by it).

Every accepted version writes a ``record_version`` row; each index on it is one more B-tree
insert per version on the push path. Nothing queries versions by digipunt (pushes look versions
up by ``(id, rev)``, pull reads the current rows, the retention purge by ``local_date``), so this
index only cost writes. The rows themselves are untouched.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 16:10:00
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_record_version_digipunt_id")


def downgrade() -> None:
    op.create_index("ix_record_version_digipunt_id", "record_version", ["digipunt_id"])
