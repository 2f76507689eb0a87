"""Plain data of the sync side, handed to the UI and the CLI (no Qt, no SQLAlchemy objects)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

CLOCK_WARNING_SECONDS = 300.0


@dataclass(frozen=True)
class SyncState:
    """What ``sync_state`` holds about enrolment and the last syncs."""

    server_url: str | None = None
    token: str | None = field(default=None, repr=False)  # never in logs
    device_id: str | None = None
    digipunt_id: str | None = None
    digipunt_name: str | None = None
    digibank_name: str | None = None
    max_batch_records: int | None = None
    max_body_bytes: int | None = None
    config_fetched_at: datetime | None = None
    cursor: int = 0
    last_sync: datetime | None = None  # last successful sync
    last_attempt: datetime | None = None
    last_error: str | None = None
    revoked: bool = False
    failures: int = 0
    next_attempt_at: datetime | None = None
    clock_skew_seconds: float | None = None

    @property
    def enrolled(self) -> bool:
        return bool(self.server_url and self.token)

    @property
    def clock_warning(self) -> bool:
        return self.clock_skew_seconds is not None and abs(
            self.clock_skew_seconds
        ) > CLOCK_WARNING_SECONDS


@dataclass(frozen=True)
class SyncStatusInfo:
    """Everything the always-visible status shows."""

    state: SyncState
    pending: int
    rejected: int
    open_conflicts: int

    @property
    def online(self) -> bool:
        """The last attempt reached the server (or nothing was tried yet and no error is known)."""
        return self.state.enrolled and self.state.last_error is None and (
            self.state.last_sync is not None
        )


@dataclass
class PushBatch:
    """Records leased for one push, one version per record. ``record_json`` holds each record's
    wire JSON (``sync.protocol.Record``), written once at lease time; ``body`` is the request
    (``PushRequest`` JSON, gzipped when ``encoding`` says so), made in the same step and kept as
    the batch's in-flight copy until its answers are applied. ``sent_rev`` maps each leased
    record id to the rev sent, ``kinds`` to its type; ``chained`` lists records that had
    unanswered versions of their own (``inflight:<id>``) at lease time, ``partial`` those for
    which such an older version went instead of the current one; ``refused`` those with a note
    of an earlier rejected version; ``last_outbox_id``/``scanned`` page through the outbox."""

    batch_id: str = ""
    body: bytes = b""
    encoding: str | None = None
    record_json: list[str] = field(default_factory=list)  # each record's JSON text
    leased_ids: list[str] = field(default_factory=list)  # same order as record_json
    sent_rev: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # "help_session" | "helper"
    chained: list[str] = field(default_factory=list)  # had an ``inflight:<id>`` chain
    partial: list[str] = field(default_factory=list)  # an older unanswered version was sent
    refused: list[str] = field(default_factory=list)  # had a ``rejected:<id>`` note at lease
    last_outbox_id: int = 0
    scanned: int = 0

    @property
    def records(self) -> list[dict[str, Any]]:
        """The wire records as dicts (parsed from ``record_json``; not on the push path)."""
        return [json.loads(text) for text in self.record_json]


@dataclass
class PushCounts:
    accepted: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    rejected_details: list[str] = field(default_factory=list)


@dataclass
class PullCounts:
    changes: int = 0
    conflicts: int = 0


@dataclass(frozen=True)
class ConflictInfo:
    """One conflict shown to the volunteer: both versions of a help session (payload dicts)."""

    id: int
    record_id: str
    local: dict[str, Any]
    server: dict[str, Any] | None  # None until the server copy arrived by pull
    created_at: datetime
