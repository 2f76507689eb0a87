"""Per-month report aggregates, kept right by triggers on ``help_session`` (issue 3, reports).

Tables ``report_month``, ``reach_month``, ``reach_mask`` and the dirty log ``report_dirty``; what
they hold and why the reports stay exact is in ``sync/server/report_aggregates.py``.

Triggers append a (digipunt, month) mark for every inserted, updated (old and new) or deleted
``help_session`` row, in the writer's transaction:

- PostgreSQL: one plain INSERT per statement from the transition tables (``FOR EACH STATEMENT``;
  no upsert, so concurrent pushes never wait on each other);
- SQLite: per row, skipped when that mark is already there (one writer at a time).

The aggregates are built from the existing rows here, in a few statements (see BENCHMARKS.md,
``server:reports``, for how long that takes per million sessions).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 15:20:00
"""

import sqlalchemy as sa
from alembic import op

from sync.server import report_aggregates

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
ID = sa.String(length=64)

PG_TRIGGERS = """
CREATE FUNCTION report_mark_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_dirty (digipunt_id, month)
    SELECT DISTINCT digipunt_id, CAST(date_trunc('month', local_date) AS date) FROM new_rows;
    RETURN NULL;
END $$;
CREATE FUNCTION report_mark_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_dirty (digipunt_id, month)
    SELECT digipunt_id, CAST(date_trunc('month', local_date) AS date) FROM new_rows
    UNION
    SELECT digipunt_id, CAST(date_trunc('month', local_date) AS date) FROM old_rows;
    RETURN NULL;
END $$;
CREATE FUNCTION report_mark_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_dirty (digipunt_id, month)
    SELECT DISTINCT digipunt_id, CAST(date_trunc('month', local_date) AS date) FROM old_rows;
    RETURN NULL;
END $$;
CREATE TRIGGER help_session_report_ins AFTER INSERT ON help_session
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION report_mark_inserted();
CREATE TRIGGER help_session_report_upd AFTER UPDATE ON help_session
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION report_mark_updated();
CREATE TRIGGER help_session_report_del AFTER DELETE ON help_session
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION report_mark_deleted();
"""

_SQLITE_MARK = """
    INSERT INTO report_dirty (digipunt_id, month)
    SELECT {r}.digipunt_id, date({r}.local_date, 'start of month')
    WHERE NOT EXISTS (
        SELECT 1 FROM report_dirty
        WHERE month = date({r}.local_date, 'start of month') AND digipunt_id = {r}.digipunt_id
    );"""
SQLITE_TRIGGERS = [
    "CREATE TRIGGER help_session_report_ins AFTER INSERT ON help_session BEGIN"
    + _SQLITE_MARK.format(r="NEW") + "\nEND",
    "CREATE TRIGGER help_session_report_upd AFTER UPDATE ON help_session BEGIN"
    + _SQLITE_MARK.format(r="OLD") + _SQLITE_MARK.format(r="NEW") + "\nEND",
    "CREATE TRIGGER help_session_report_del AFTER DELETE ON help_session BEGIN"
    + _SQLITE_MARK.format(r="OLD") + "\nEND",
]


def upgrade() -> None:
    op.create_table(
        "report_month",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("digipunt_id", ID, nullable=False),
        sa.Column("dim", sa.String(length=12), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("minutes", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("month", "digipunt_id", "dim", "key"),
    )
    op.create_table(
        "reach_month",
        sa.Column("span", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=1), nullable=False),
        sa.Column("key", ID, nullable=False),
        sa.Column("code", sa.BigInteger(), nullable=False),
        sa.Column("month_bit", sa.Integer(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("months", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("span", "level", "key", "code", "month_bit"),
    )
    # a month's rows of a level/key, read without the table on PostgreSQL (partial months)
    op.create_index("ix_reach_month_month", "reach_month",
                    ["span", "month_bit", "level", "key", "code"],
                    postgresql_include=["days", "months"])
    op.create_table(
        "reach_mask",
        sa.Column("span", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=1), nullable=False),
        sa.Column("key", ID, nullable=False),
        sa.Column("months", sa.BigInteger(), nullable=False),
        sa.Column("codes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("span", "level", "key", "months"),
    )
    op.create_table(
        "report_dirty",
        sa.Column("id", BIGINT, primary_key=True, autoincrement=True),
        sa.Column("digipunt_id", ID, nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
    )
    op.create_index("ix_report_dirty_month", "report_dirty", ["month", "digipunt_id"])
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        op.execute(PG_TRIGGERS)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    report_aggregates.refresh_on(conn, None)  # built from the existing rows


def downgrade() -> None:
    conn = op.get_bind()
    for name in ("ins", "upd", "del"):
        op.execute(f"DROP TRIGGER IF EXISTS help_session_report_{name}"
                   + (" ON help_session" if conn.dialect.name == "postgresql" else ""))
    if conn.dialect.name == "postgresql":
        for name in ("inserted", "updated", "deleted"):
            op.execute(f"DROP FUNCTION IF EXISTS report_mark_{name}()")
    op.drop_index("ix_report_dirty_month", table_name="report_dirty")
    op.drop_table("report_dirty")
    op.drop_table("reach_mask")
    op.drop_index("ix_reach_month_month", table_name="reach_month")
    op.drop_table("reach_month")
    op.drop_table("report_month")
