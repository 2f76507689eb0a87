"""Local store: help sessions, helpers, outbox, settings, sync state, digipunt, catalog, conflicts.

Revision ID: 0001_local_store
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_local_store"
down_revision = None
branch_labels = None
depends_on = None

_TS = sa.String(26)  # UTC text, see models.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "help_session",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("digipunt_id", sa.String(64), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=True),
        sa.Column("helper_id", sa.String(64), nullable=True),
        sa.Column("started_at", _TS, nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("services", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("referrals", sa.Text(), nullable=False),
        sa.Column("age_band", sa.String(10), nullable=False),
        sa.Column("adult_confirmed", sa.Boolean(), nullable=False),
        sa.Column("target_groups", sa.Text(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("interpreter", sa.Boolean(), nullable=False),
        sa.Column("first_visit", sa.String(8), nullable=False),
        sa.Column("visitor_code", sa.String(11), nullable=True),
        sa.Column("postcode", sa.String(4), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("synced_rev", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("import_key", sa.String(80), nullable=True),
    )
    op.create_index("ix_help_session_list", "help_session", ["deleted", "started_at", "id"])
    op.create_index("ix_help_session_local_date", "help_session", ["local_date"])
    op.create_index("ix_help_session_helper", "help_session", ["helper_id", "started_at"])
    op.create_index("ix_help_session_outcome", "help_session", ["outcome", "started_at"])
    op.create_index("ix_help_session_channel", "help_session", ["channel", "started_at"])
    op.create_index("ix_help_session_duration", "help_session", ["duration_min", "started_at"])
    op.create_index("ix_help_session_digipunt", "help_session", ["digipunt_id"])
    op.create_index("ix_help_session_import_key", "help_session", ["import_key"], unique=True)

    op.create_table(
        "session_service",
        sa.Column(
            "session_id",
            sa.String(64),
            sa.ForeignKey("help_session.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("service", sa.String(40), primary_key=True),
    )
    op.create_index("ix_session_service_service", "session_service", ["service", "session_id"])
    # Every writer of help_session (form, import, sync pull) keeps session_service right.
    op.execute(
        """
        CREATE TRIGGER help_session_services_insert AFTER INSERT ON help_session
        BEGIN
            INSERT OR IGNORE INTO session_service (session_id, service)
            SELECT NEW.id, value FROM json_each(NEW.services);
        END
        """
    )
    op.execute(
        """
        CREATE TRIGGER help_session_services_update AFTER UPDATE OF services ON help_session
        BEGIN
            DELETE FROM session_service WHERE session_id = OLD.id;
            INSERT OR IGNORE INTO session_service (session_id, service)
            SELECT NEW.id, value FROM json_each(NEW.services);
        END
        """
    )

    op.create_table(
        "helper",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("digipunt_id", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(80), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("synced_rev", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("record_type", sa.String(20), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False, unique=True),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("queued_at", _TS, nullable=False),
        sa.Column("lease_until", _TS, nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "digipunt_info",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("municipality", sa.String(200), nullable=False),
        sa.Column("organisation_type", sa.String(80), nullable=False),
        sa.Column("digibank_id", sa.String(64), nullable=False),
        sa.Column("digibank_name", sa.String(200), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=True),
        sa.Column("updated_at", _TS, nullable=False),
    )
    op.create_table(
        "catalog",
        sa.Column("version", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("applied_at", _TS, nullable=False),
    )
    op.create_table(
        "conflicts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("record_type", sa.String(20), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("local_json", sa.Text(), nullable=False),
        sa.Column("server_json", sa.Text(), nullable=True),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("resolved_at", _TS, nullable=True),
    )
    op.create_index("ix_conflicts_record_id", "conflicts", ["record_id"])


def downgrade() -> None:
    for table in (
        "conflicts", "catalog", "digipunt_info", "sync_state", "settings", "outbox", "helper",
    ):
        op.drop_table(table)
    op.execute("DROP TRIGGER IF EXISTS help_session_services_update")
    op.execute("DROP TRIGGER IF EXISTS help_session_services_insert")
    op.drop_table("session_service")
    op.drop_table("help_session")
