"""``device.resync_until``: the feed's newest ``seq`` when the device last pulled from cursor 0.

A device pulling from cursor 0 (new PC, restored backup) must get its own versions back on every
page of that full pull, not only the first; later pulls (cursor > 0) include the device's own
changes up to this mark (see ``sync/server/pull.py``). NULL = never pulled from 0.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 13:55:00
"""

import sqlalchemy as sa
from alembic import op

BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resync_until", BIGINT, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.drop_column("resync_until")
