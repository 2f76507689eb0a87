"""SQLAlchemy models of the local store (DESIGN.md §3-§5).

Conventions:
- ids are strings (UUIDv7 made here; server-made ids may be UUIDv4);
- datetimes are aware and stored as UTC ISO text (``UTCDateTime``), so they sort as text and come
  back aware; ``local_date`` is the Europe/Brussels date of ``started_at``;
- list fields are JSON text (``JSONList``);
- ``rev`` is 1 on create and +1 per local change; ``synced_rev`` is the last rev the server
  acknowledged or that came by pull (0 = the server never saw it).

The schema itself is made by the Alembic migrations in ``core/migrations``; these classes must
match them (a test compares the two).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

PLACEHOLDER_DIGIPUNT_ID = "local"


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetime stored as UTC text ``YYYY-MM-DD HH:MM:SS.ffffff`` (sortable)."""

    impl = String(26)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime given to the store")
        return to_db_time(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return from_db_time(value)


def to_db_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def from_db_time(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


class JSONList(TypeDecorator[list[Any]]):
    """A list stored as compact JSON text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list[Any] | None, dialect: Dialect) -> str | None:
        return None if value is None else json.dumps(list(value), separators=(",", ":"))

    def process_result_value(self, value: str | None, dialect: Dialect) -> list[Any] | None:
        return None if value is None else json.loads(value)


class Base(DeclarativeBase):
    type_annotation_map = {
        datetime: UTCDateTime(),
        date: Date(),
        list[str]: JSONList(),
        str: String(),
    }


class HelpSession(Base):
    __tablename__ = "help_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    digipunt_id: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str | None] = mapped_column(String(64))
    helper_id: Mapped[str | None] = mapped_column(String(64))
    started_at: Mapped[datetime]
    local_date: Mapped[date]
    duration_min: Mapped[int]
    channel: Mapped[str] = mapped_column(String(20))
    services: Mapped[list[str]]
    outcome: Mapped[str] = mapped_column(String(20))
    referrals: Mapped[list[str]]
    age_band: Mapped[str] = mapped_column(String(10))
    adult_confirmed: Mapped[bool]
    target_groups: Mapped[list[str]]
    language: Mapped[str] = mapped_column(String(8))
    interpreter: Mapped[bool]
    first_visit: Mapped[str] = mapped_column(String(8))
    visitor_code: Mapped[str | None] = mapped_column(String(11))
    postcode: Mapped[str | None] = mapped_column(String(4))
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    rev: Mapped[int] = mapped_column(Integer, default=1)
    synced_rev: Mapped[int] = mapped_column(Integer, default=0)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # Fingerprint of the spreadsheet row it was imported from (re-import adds nothing).
    import_key: Mapped[str | None] = mapped_column(String(80))

    __table_args__ = (
        Index("ix_help_session_list", "deleted", "started_at", "id"),
        Index("ix_help_session_local_date", "local_date"),
        Index("ix_help_session_helper_list", "deleted", "helper_id", "started_at", "id"),
        Index("ix_help_session_outcome_list", "deleted", "outcome", "started_at", "id"),
        Index("ix_help_session_channel_list", "deleted", "channel", "started_at", "id"),
        Index("ix_help_session_duration_list", "deleted", "duration_min", "started_at", "id"),
        Index("ix_help_session_digipunt", "digipunt_id"),
        Index(
            "ix_help_session_notes_list", "deleted", "started_at", "id", "notes",
            sqlite_where=text("notes <> ''"),
        ),
        Index("ix_help_session_import_key", "import_key", unique=True),
    )


class SessionService(Base):
    """One row per (session, service): lets the list filter by service through an index.

    Kept up to date by SQLite triggers on ``help_session`` (see the migrations), so every writer
    (entry form, import, sync pull) gets it for free. ``started_at`` and ``deleted`` are copies
    of the session's, so "service X, newest first" is one index range scan.
    """

    __tablename__ = "session_service"

    session_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("help_session.id", ondelete="CASCADE"), primary_key=True
    )
    service: Mapped[str] = mapped_column(String(40), primary_key=True)
    started_at: Mapped[datetime | None]
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        Index("ix_session_service_list", "service", "deleted", "started_at", "session_id"),
    )


class Helper(Base):
    __tablename__ = "helper"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    digipunt_id: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    rev: Mapped[int] = mapped_column(Integer, default=1)
    synced_rev: Mapped[int] = mapped_column(Integer, default=0)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Outbox(Base):
    """One row per record waiting to be pushed; upserted in the same transaction as the change.

    ``rev`` is the record's rev when it was (last) queued: after a push the sync engine removes
    the row only when the pushed rev is still the queued one. ``lease_until`` marks a batch in
    flight; an expired lease means the row is free again.
    """

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(String(64), unique=True)
    rev: Mapped[int] = mapped_column(Integer, default=1)
    queued_at: Mapped[datetime]
    lease_until: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class Setting(Base):
    """Local preferences (last helper, language, font scale, ...); values are JSON text."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncState(Base):
    """Sync bookkeeping (enrolment, cursor, last sync, skew, ...); owned by the sync engine."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DigipuntInfo(Base):
    """The digipunt this PC records for (one row once enrolled; none before)."""

    __tablename__ = "digipunt_info"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    municipality: Mapped[str] = mapped_column(String(200), default="")
    organisation_type: Mapped[str] = mapped_column(String(80), default="")
    digibank_id: Mapped[str] = mapped_column(String(64), default="")
    digibank_name: Mapped[str] = mapped_column(String(200), default="")
    device_id: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime]


class CatalogVersion(Base):
    """A version of the service catalog (JSON as in ``resources/catalog.json``)."""

    __tablename__ = "catalog"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    payload: Mapped[str] = mapped_column(Text)
    applied_at: Mapped[datetime]


class Conflict(Base):
    """A local version that lost against the server's (both kept for the volunteer to see)."""

    __tablename__ = "conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(String(64), index=True)
    local_json: Mapped[str] = mapped_column(Text)
    server_json: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
