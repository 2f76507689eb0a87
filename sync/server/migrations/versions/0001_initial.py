"""Initial schema of digipunt-server (see sync/server/models.py for what each table holds).

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 12:30:51.361162
"""

import sqlalchemy as sa
from alembic import op

# INTEGER on SQLite so the key aliases the rowid (and AUTOINCREMENT works)
BIGID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", BIGID, autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)

    op.create_table(
        "catalog_version",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("version"),
    )
    op.create_table(
        "change",
        sa.Column("seq", BIGID, autoincrement=True, nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("object_id", sa.String(length=64), nullable=False),
        sa.Column("digipunt_id", sa.String(length=64), nullable=True),
        sa.Column("origin_device_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("type", "object_id", name="uq_change_object"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.create_index("ix_change_digipunt_seq", ["digipunt_id", "seq"], unique=False)

    op.create_table(
        "conflict",
        sa.Column("pk", BIGID, autoincrement=True, nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("base_rev", sa.Integer(), nullable=False),
        sa.Column("server_rev", sa.Integer(), nullable=False),
        sa.Column("digipunt_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("record_id", "rev", "content_hash", name="uq_conflict_version"),
    )
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conflict_digipunt_id"), ["digipunt_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflict_local_date"), ["local_date"], unique=False)

    op.create_table(
        "digibank",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("reach_target", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "record_version",
        sa.Column("pk", BIGID, autoincrement=True, nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("base_rev", sa.Integer(), nullable=False),
        sa.Column("digipunt_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("id", "rev", name="uq_record_version_id_rev"),
    )
    with op.batch_alter_table("record_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_record_version_digipunt_id"), ["digipunt_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_record_version_local_date"), ["local_date"], unique=False
        )

    op.create_table(
        "coordinator_token",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("digibank_id", sa.String(length=64), nullable=True),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["digibank_id"],
            ["digibank.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_table(
        "digipunt",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("digibank_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("municipality", sa.String(length=120), nullable=False),
        sa.Column("organisation_type", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["digibank_id"],
            ["digibank.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("digipunt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_digipunt_digibank_id"), ["digibank_id"], unique=False)

    op.create_table(
        "device",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("digipunt_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=True),
        sa.Column("clock_skew_s", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(
            ["digipunt_id"],
            ["digipunt.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_device_digipunt_id"), ["digipunt_id"], unique=False)

    op.create_table(
        "enrol_code",
        sa.Column("id", BIGID, autoincrement=True, nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("digipunt_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("device_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["digipunt_id"],
            ["digipunt.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_hash"),
    )
    with op.batch_alter_table("enrol_code", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_enrol_code_digipunt_id"), ["digipunt_id"], unique=False
        )

    op.create_table(
        "help_session",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("digipunt_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=30), nullable=False),
        sa.Column("age_band", sa.String(length=20), nullable=False),
        sa.Column("adult_confirmed", sa.Boolean(), nullable=False),
        sa.Column("first_visit", sa.String(length=10), nullable=False),
        sa.Column("visitor_code", sa.String(length=16), nullable=True),
        sa.Column("postcode", sa.String(length=4), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["digipunt_id"],
            ["digipunt.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("help_session", schema=None) as batch_op:
        batch_op.create_index(
            "ix_help_session_digipunt_date", ["digipunt_id", "local_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_help_session_local_date"), ["local_date"], unique=False
        )

    op.create_table(
        "helper",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("digipunt_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["digipunt_id"],
            ["digipunt.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("helper", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_helper_digipunt_id"), ["digipunt_id"], unique=False)

    op.create_table(
        "help_session_referral",
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column("referral", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["help_session.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id", "referral"),
    )
    op.create_table(
        "help_session_service",
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["help_session.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id", "service"),
    )
    with op.batch_alter_table("help_session_service", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_help_session_service_service"), ["service"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("help_session_service", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_help_session_service_service"))

    op.drop_table("help_session_service")
    op.drop_table("help_session_referral")
    with op.batch_alter_table("helper", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_helper_digipunt_id"))

    op.drop_table("helper")
    with op.batch_alter_table("help_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_help_session_local_date"))
        batch_op.drop_index("ix_help_session_digipunt_date")

    op.drop_table("help_session")
    with op.batch_alter_table("enrol_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrol_code_digipunt_id"))

    op.drop_table("enrol_code")
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_device_digipunt_id"))

    op.drop_table("device")
    with op.batch_alter_table("digipunt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_digipunt_digibank_id"))

    op.drop_table("digipunt")
    op.drop_table("coordinator_token")
    with op.batch_alter_table("record_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_version_local_date"))
        batch_op.drop_index(batch_op.f("ix_record_version_digipunt_id"))

    op.drop_table("record_version")
    op.drop_table("digibank")
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflict_local_date"))
        batch_op.drop_index(batch_op.f("ix_conflict_digipunt_id"))

    op.drop_table("conflict")
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.drop_index("ix_change_digipunt_seq")

    op.drop_table("change")
    op.drop_table("catalog_version")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
