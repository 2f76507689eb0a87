"""Tunable limits of one digipunt-server (the defaults are the shared decisions of the project)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Limits and policies; ``create_app`` takes one, tests shrink them to reach the edges."""

    max_batch_records: int = 500
    max_body_bytes: int = 5_000_000
    #: pull page size when the client names none, and the largest it may ask for
    pull_default_limit: int = 500
    pull_max_limit: int = 1000
    #: enrolment attempts allowed per client IP within ``enrol_window_s`` (then 429)
    enrol_attempts: int = 10
    enrol_window_s: float = 60.0
    #: retention of help sessions in months (``purge`` default)
    retention_months: int = 24
    #: count the report buckets that pushes marked once no new mark came for this many seconds
    #: (``report_refresher``); 0 = only when a report asks (``serve`` uses 10 by default)
    report_refresh_s: float = 0.0
