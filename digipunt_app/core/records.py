"""Plain data handed between the store and its callers (UI, CLI, sync engine).

These dataclasses are the contract of ``digipunt_app.core``: operations take and return them, never
SQLAlchemy objects, so the UI can hold them on the GUI thread without touching the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


class StoreError(Exception):
    """Base of every error an operation reports to the user; ``str(err)`` is a plain message."""


class ValidationError(StoreError):
    """The input is wrong; ``field`` names the offending field (a ``SessionDraft`` attribute)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class StorageError(StoreError):
    """The write could not be done (disk full, file locked, read-only). Nothing was changed."""


@dataclass
class SessionDraft:
    """A help session as the entry form edits it. ``id is None`` means a new session."""

    started_at: datetime  # aware
    duration_min: int = 15
    channel: str = "walk_in"
    services: list[str] = field(default_factory=list)
    outcome: str = "solved_together"
    referrals: list[str] = field(default_factory=list)
    age_band: str = "unknown"
    adult_confirmed: bool = True
    target_groups: list[str] = field(default_factory=list)
    language: str = "nl"
    interpreter: bool = False
    first_visit: str = "unknown"
    helper_id: str | None = None
    visitor_code: str | None = None  # as typed; the store normalises and checks it
    postcode: str | None = None
    notes: str = ""
    id: str | None = None
    rev: int = 0  # the rev this draft was loaded at (0 for new)


@dataclass(frozen=True)
class SessionRow:
    """One line of the session list."""

    id: str
    rev: int
    started_at: datetime  # aware, UTC
    local_date: date
    duration_min: int
    services: tuple[str, ...]
    outcome: str
    channel: str
    age_band: str
    adult_confirmed: bool
    helper_id: str | None
    helper_name: str | None
    visitor_code: str | None
    notes: str
    deleted: bool
    pending_sync: bool


@dataclass(frozen=True)
class HelperRow:
    id: str
    display_name: str
    active: bool


@dataclass
class SessionFilter:
    """What the session list shows. ``None`` means no restriction."""

    date_from: date | None = None  # inclusive, Europe/Brussels local date
    date_to: date | None = None  # inclusive
    service: str | None = None
    helper_id: str | None = None
    outcome: str | None = None
    text: str | None = None  # substring of notes, case-insensitive
    include_deleted: bool = False


@dataclass(frozen=True)
class StoreStatus:
    """What ``digipunt status`` and the status bar show."""

    data_file: str
    sessions: int
    pending: int
    enrolled: bool
    digipunt_name: str | None
    last_sync: datetime | None
    clock_skew_seconds: float | None
    recovered_from_backup: str | None = None
