"""Report columns on the service/referral rows of a session (digipunt, date, deleted, minutes).

The summaries by service and by referral then read one narrow table instead of joining a million
sessions to a million and a half child rows. The copies are written with the children at every
push of the session (the children are rewritten with each version anyway).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 13:58:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

CHILDREN = ("help_session_service", "help_session_referral")
COLUMNS = ("digipunt_id", "local_date", "deleted", "duration_min")


def upgrade() -> None:
    for table in CHILDREN:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("digipunt_id", sa.String(length=64), nullable=True))
            batch_op.add_column(sa.Column("local_date", sa.Date(), nullable=True))
            batch_op.add_column(sa.Column("deleted", sa.Boolean(), nullable=True))
            batch_op.add_column(sa.Column("duration_min", sa.Integer(), nullable=True))
        sets = ", ".join(
            f"{col} = (SELECT hs.{col} FROM help_session hs WHERE hs.id = {table}.session_id)"
            for col in COLUMNS
        )
        op.execute(f"UPDATE {table} SET {sets}")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(f"ix_{table}_local_date", ["local_date"], unique=False)


def downgrade() -> None:
    for table in CHILDREN:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_local_date")
            for col in reversed(COLUMNS):
                batch_op.drop_column(col)
