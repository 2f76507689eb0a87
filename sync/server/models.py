"""Server storage: SQLAlchemy 2.x models. The schema itself is made by the Alembic migrations.

Every datetime is stored as UTC (naive in the column, aware in Python) so SQLite and PostgreSQL
behave the same. Tokens and codes are stored only as sha256 hashes.

Records (help sessions and helpers) are kept three ways:

- ``record_version``: every accepted version, ``(id, rev)`` UNIQUE — this is what makes push
  idempotent and race-safe;
- ``help_session`` / ``helper``: the current version, with the columns reports need, updated by
  compare-and-swap on ``rev``;
- ``change``: the pull feed, one row per object (the latest change), ordered by ``seq``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out; stored naive UTC."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


ID = String(64)
# BigInteger ids that stay INTEGER on SQLite (so they alias the rowid and autoincrement).
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


class Digibank(Base):
    __tablename__ = "digibank"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    reach_target: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Digipunt(Base):
    __tablename__ = "digipunt"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    digibank_id: Mapped[str] = mapped_column(ForeignKey("digibank.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    municipality: Mapped[str] = mapped_column(String(120))
    organisation_type: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Device(Base):
    __tablename__ = "device"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    digipunt_id: Mapped[str] = mapped_column(ForeignKey("digipunt.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    revoked: Mapped[bool] = mapped_column(default=False)
    revoked_at: Mapped[datetime | None]
    enrolled_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime | None]
    #: client clock minus server clock, seconds, as last measured from ``client_time``
    clock_skew_s: Mapped[float | None]
    #: the feed's newest seq when this device last pulled from cursor 0: its own changes up to
    #: here are included in its later pulls too (a full pull after a restore spans many pages)
    resync_until: Mapped[int | None] = mapped_column(BigId)


class EnrolCode(Base):
    __tablename__ = "enrol_code"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    digipunt_id: Mapped[str] = mapped_column(ForeignKey("digipunt.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    device_id: Mapped[str | None] = mapped_column(ID)


class CoordinatorToken(Base):
    __tablename__ = "coordinator_token"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: NULL = the whole region; otherwise the one digibank this token sees
    digibank_id: Mapped[str | None] = mapped_column(ForeignKey("digibank.id"))
    revoked: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CatalogVersion(Base):
    __tablename__ = "catalog_version"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    body: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RecordVersion(Base):
    """Every accepted version of a record; ``(id, rev)`` unique."""

    __tablename__ = "record_version"
    __table_args__ = (UniqueConstraint("id", "rev", name="uq_record_version_id_rev"),)

    pk: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    type: Mapped[str] = mapped_column(String(20))
    id: Mapped[str] = mapped_column(ID)
    rev: Mapped[int]
    base_rev: Mapped[int]
    digipunt_id: Mapped[str] = mapped_column(ID)  # no index: nothing reads by it (0005)
    device_id: Mapped[str] = mapped_column(ID)
    deleted: Mapped[bool]
    updated_at: Mapped[datetime]
    content_hash: Mapped[str] = mapped_column(String(64))
    #: the version's payload; on SQLite JSON ``null`` (read as None) while the version is the
    #: current one: the current row holds it then, and an edit copies it here (``push`` doc)
    payload: Mapped[dict[str, Any] | None] = mapped_column(nullable=False)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: local_date of help sessions (for retention); NULL for helpers
    local_date: Mapped[date | None] = mapped_column(index=True)


class HelpSession(Base):
    """The current version of each help session, with the columns reports use."""

    __tablename__ = "help_session"
    __table_args__ = (Index("ix_help_session_digipunt_date", "digipunt_id", "local_date"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    rev: Mapped[int]
    digipunt_id: Mapped[str] = mapped_column(ForeignKey("digipunt.id"))
    device_id: Mapped[str] = mapped_column(ID)
    deleted: Mapped[bool]
    updated_at: Mapped[datetime]
    local_date: Mapped[date] = mapped_column(index=True)
    started_at: Mapped[datetime]
    duration_min: Mapped[int]
    channel: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(30))
    age_band: Mapped[str] = mapped_column(String(20))
    adult_confirmed: Mapped[bool]
    first_visit: Mapped[str] = mapped_column(String(10))
    visitor_code: Mapped[str | None] = mapped_column(String(16))
    postcode: Mapped[str | None] = mapped_column(String(4))
    payload: Mapped[dict[str, Any]]


class HelpSessionService(Base):
    __tablename__ = "help_session_service"

    session_id: Mapped[str] = mapped_column(
        ForeignKey("help_session.id", ondelete="CASCADE"), primary_key=True
    )
    #: no index of its own: nothing reads by service alone (dropped by migration 0006)
    service: Mapped[str] = mapped_column(String(40), primary_key=True)
    #: copies of the session's report columns (written with the children at every push), so
    #: the summary by this dimension reads this table alone
    digipunt_id: Mapped[str | None] = mapped_column(ID)
    local_date: Mapped[date | None] = mapped_column(index=True)
    deleted: Mapped[bool | None]
    duration_min: Mapped[int | None]


class HelpSessionReferral(Base):
    __tablename__ = "help_session_referral"

    session_id: Mapped[str] = mapped_column(
        ForeignKey("help_session.id", ondelete="CASCADE"), primary_key=True
    )
    referral: Mapped[str] = mapped_column(String(30), primary_key=True)
    #: copies of the session's report columns (written with the children at every push), so
    #: the summary by this dimension reads this table alone
    digipunt_id: Mapped[str | None] = mapped_column(ID)
    local_date: Mapped[date | None] = mapped_column(index=True)
    deleted: Mapped[bool | None]
    duration_min: Mapped[int | None]


class Helper(Base):
    """The current version of each helper (volunteer pseudonym)."""

    __tablename__ = "helper"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    rev: Mapped[int]
    digipunt_id: Mapped[str] = mapped_column(ForeignKey("digipunt.id"), index=True)
    device_id: Mapped[str] = mapped_column(ID)
    deleted: Mapped[bool]
    updated_at: Mapped[datetime]
    payload: Mapped[dict[str, Any]]


class Conflict(Base):
    """A losing version (stale ``base_rev``), kept for the coordinator; never dropped."""

    __tablename__ = "conflict"
    __table_args__ = (
        UniqueConstraint("record_id", "rev", "content_hash", name="uq_conflict_version"),
    )

    pk: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(ID)
    rev: Mapped[int]
    base_rev: Mapped[int]
    server_rev: Mapped[int]
    digipunt_id: Mapped[str] = mapped_column(ID, index=True)
    device_id: Mapped[str] = mapped_column(ID)
    deleted: Mapped[bool]
    updated_at: Mapped[datetime]
    content_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    local_date: Mapped[date | None] = mapped_column(index=True)


class Change(Base):
    """The pull feed: the latest change per object, in ``seq`` order.

    When an object changes again its row is deleted and a new one inserted, so ``seq`` only grows
    and a pull carries each object once. ``digipunt_id`` NULL = for everyone (catalog).
    """

    __tablename__ = "change"
    __table_args__ = (
        UniqueConstraint("type", "object_id", name="uq_change_object"),
        Index("ix_change_digipunt_seq", "digipunt_id", "seq"),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    type: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[str] = mapped_column(ID)
    digipunt_id: Mapped[str | None] = mapped_column(ID)
    #: the device whose push made this change (omitted from its own pulls when cursor > 0)
    origin_device_id: Mapped[str | None] = mapped_column(ID)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")


# --- report aggregates (migration 0004; kept by ``sync/server/report_aggregates.py``) --------
class ReportMonth(Base):
    """Live sessions and minutes of one digipunt in one month, per breakdown (dim, key)."""

    __tablename__ = "report_month"

    month: Mapped[date] = mapped_column(primary_key=True)
    digipunt_id: Mapped[str] = mapped_column(ID, primary_key=True)
    #: total, outcome, service, referral, estimated
    dim: Mapped[str] = mapped_column(String(12), primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    sessions: Mapped[int]
    minutes: Mapped[int] = mapped_column(BigInteger)


class ReachMonth(Base):
    """A visitor code (as its 40-bit integer) seen in one month at a digipunt (level ``p``),
    digibank (``b``) or the region (``r``, key ``''``); months numbered from 2000-01 in spans
    of 60. ``days``: the days of the month it came; ``months``: the months of the span it came
    (a copy on each of its rows)."""

    __tablename__ = "reach_month"
    __table_args__ = (
        Index("ix_reach_month_month", "span", "month_bit", "level", "key", "code",
              postgresql_include=["days", "months"]),
    )

    span: Mapped[int] = mapped_column(Integer, primary_key=True)
    level: Mapped[str] = mapped_column(String(1), primary_key=True)
    key: Mapped[str] = mapped_column(ID, primary_key=True)
    code: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    month_bit: Mapped[int] = mapped_column(Integer, primary_key=True)
    days: Mapped[int]
    months: Mapped[int] = mapped_column(BigInteger)


class ReachMask(Base):
    """How many codes of a level/key came in exactly this set of months of a span."""

    __tablename__ = "reach_mask"

    span: Mapped[int] = mapped_column(Integer, primary_key=True)
    level: Mapped[str] = mapped_column(String(1), primary_key=True)
    key: Mapped[str] = mapped_column(ID, primary_key=True)
    months: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    codes: Mapped[int]


class ReportDirty(Base):
    """A (digipunt, month) whose aggregates may be stale; appended by triggers on
    ``help_session``, consumed by the next report over that month."""

    __tablename__ = "report_dirty"
    __table_args__ = (Index("ix_report_dirty_month", "month", "digipunt_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    digipunt_id: Mapped[str] = mapped_column(ID)
    month: Mapped[date]
