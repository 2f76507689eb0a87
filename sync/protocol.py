"""Sync protocol v1: the wire schemas shared by ``sync.client`` and ``sync.server``.

This module is the contract of DESIGN.md §5. It holds the vocabularies of the domain (DESIGN.md §3),
the visitor-code check, and pydantic models for every request and response body. Field names and
codes here are what goes over the wire; change them only with a new protocol version.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

PROTOCOL_VERSION = 1

# --- vocabularies (DESIGN.md §3) -------------------------------------------------------------
CHANNELS = ("walk_in", "appointment", "phone", "home_visit", "online")
OUTCOMES = ("solved_by_visitor", "solved_together", "partly_followup", "not_solved")
REFERRALS = (
    "ocmw", "civil_affairs", "fod_finance", "pension_service", "health_fund", "vdab", "bank",
    "telecom", "course", "device_loan", "caw", "police", "other",
)
AGE_BANDS = ("under_18", "18_24", "25_34", "35_54", "55_64", "65_74", "75_plus", "unknown")
ADULT_AGE_BANDS = ("18_24", "25_34", "35_54", "55_64", "65_74", "75_plus")
TARGET_GROUPS = (
    "jobseeker", "senior", "low_income", "other_language", "low_schooling", "lives_alone",
)
LANGUAGES = ("nl", "fr", "en", "other")
FIRST_VISIT = ("yes", "no", "unknown")
RECORD_TYPES = ("help_session", "helper")
CHANGE_TYPES = ("help_session", "helper", "catalog", "digipunt")
PUSH_STATUSES = ("accepted", "duplicate", "conflict", "rejected")
REPORT_GROUP_BY = ("digipunt", "service", "month", "municipality", "outcome", "referral")
FUNDING_TIERS = (1000, 1500, 1750)

Channel = Literal["walk_in", "appointment", "phone", "home_visit", "online"]
Outcome = Literal["solved_by_visitor", "solved_together", "partly_followup", "not_solved"]
Referral = Literal[
    "ocmw", "civil_affairs", "fod_finance", "pension_service", "health_fund", "vdab", "bank",
    "telecom", "course", "device_loan", "caw", "police", "other",
]
AgeBand = Literal["under_18", "18_24", "25_34", "35_54", "55_64", "65_74", "75_plus", "unknown"]
TargetGroup = Literal[
    "jobseeker", "senior", "low_income", "other_language", "low_schooling", "lives_alone",
]
Language = Literal["nl", "fr", "en", "other"]
FirstVisit = Literal["yes", "no", "unknown"]

# --- visitor codes (DESIGN.md §3) ------------------------------------------------------------
# Crockford base32 without I, L, O, U; the 9th symbol is a Luhn mod 32 check symbol.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CANONICAL_CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$")


# Each symbol's share of a Luhn mod 32 sum: at a doubled place (the digits of 2 x its value in
# base 32 added) and at a plain one. Looked up, not computed: the server checks ~150 codes in a
# push of 500 sessions.
_LUHN_DOUBLED = {ch: 2 * i // 32 + 2 * i % 32 for i, ch in enumerate(CROCKFORD)}
_LUHN_PLAIN = {ch: i for i, ch in enumerate(CROCKFORD)}


def luhn32_check_symbol(body: str) -> str:
    """Luhn mod N (N = 32) check symbol over ``body`` (canonical Crockford symbols): from the
    right, every other symbol doubled, the last one first."""
    total = (sum(map(_LUHN_DOUBLED.__getitem__, body[::-2]))
             + sum(map(_LUHN_PLAIN.__getitem__, body[-2::-2])))
    return CROCKFORD[-total % 32]


def visitor_code_is_valid(code: str) -> bool:
    """True for a canonical code ``XXXX-XXXX-C``: 8 symbols, then their check symbol."""
    if not _CANONICAL_CODE.fullmatch(code):  # ``match``: ``$`` also matches before a final "\n"
        return False
    body = code.replace("-", "")
    return luhn32_check_symbol(body[:8]) == body[8]


# --- records ---------------------------------------------------------------------------------
def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("datetime must carry a UTC offset")
    return value


class HelpSessionPayload(BaseModel):
    """The payload of a ``help_session`` record. ``id``/``rev``/``deleted`` live on the envelope."""

    model_config = ConfigDict(extra="forbid")

    digipunt_id: str = Field(min_length=1, max_length=64)
    device_id: str | None = Field(default=None, max_length=64)
    helper_id: str | None = Field(default=None, max_length=64)
    started_at: datetime
    local_date: date
    duration_min: int = Field(ge=1, le=480)
    channel: Channel
    services: list[str] = Field(min_length=1, max_length=20)
    outcome: Outcome
    referrals: list[Referral] = Field(default_factory=list, max_length=len(REFERRALS))
    age_band: AgeBand
    adult_confirmed: bool
    target_groups: list[TargetGroup] = Field(default_factory=list, max_length=len(TARGET_GROUPS))
    language: Language
    interpreter: bool = False
    first_visit: FirstVisit
    visitor_code: str | None = None
    postcode: str | None = Field(default=None, pattern=r"^[1-9][0-9]{3}$")
    notes: str = Field(default="", max_length=500)
    created_at: datetime

    _check_started = field_validator("started_at", "created_at")(_aware)

    @field_validator("visitor_code")
    @classmethod
    def _code(cls, value: str | None) -> str | None:
        if value is not None and not visitor_code_is_valid(value):
            raise ValueError("visitor_code is not a valid XXXX-XXXX-C code")
        return value

    @field_validator("services")
    @classmethod
    def _services(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("services must not repeat")
        for code in value:
            if not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", code):
                raise ValueError(f"service code {code!r} is not a catalog code")
        return value


class HelperPayload(BaseModel):
    """The payload of a ``helper`` record (a volunteer, by pseudonym)."""

    model_config = ConfigDict(extra="forbid")

    digipunt_id: str = Field(min_length=1, max_length=64)
    display_name: str = Field(min_length=1, max_length=80)
    active: bool = True


class Record(BaseModel):
    """One record version in a push. ``base_rev`` is 0 for a create."""

    type: Literal["help_session", "helper"]
    id: str = Field(min_length=1, max_length=64)
    rev: int = Field(ge=1)
    base_rev: int = Field(ge=0)
    deleted: bool = False
    updated_at: datetime
    payload: dict[str, Any]


class PushRequest(BaseModel):
    batch_id: str = Field(min_length=1, max_length=64)
    client_time: datetime
    records: list[Record]


class PushResult(BaseModel):
    id: str
    rev: int
    status: Literal["accepted", "duplicate", "conflict", "rejected"]
    detail: str | None = None


class PushResponse(BaseModel):
    results: list[PushResult]
    server_time: datetime


class Change(BaseModel):
    """One change in a pull, in server sequence order.

    ``type`` is ``help_session`` or ``helper`` (payload as pushed), ``catalog`` (payload
    ``{"version", "services": [...]}``) or ``digipunt`` (payload ``{"name", "municipality",
    "organisation_type", "digibank_id", "digibank_name"}``).
    """

    seq: int
    type: Literal["help_session", "helper", "catalog", "digipunt"]
    id: str
    rev: int
    deleted: bool = False
    updated_at: datetime
    payload: dict[str, Any]


class PullResponse(BaseModel):
    changes: list[Change]
    next_cursor: int
    has_more: bool
    server_time: datetime


class EnrolRequest(BaseModel):
    code: str = Field(min_length=1, max_length=64)
    device_name: str = Field(min_length=1, max_length=120)


class DigipuntInfo(BaseModel):
    id: str
    name: str
    municipality: str
    organisation_type: str
    digibank_id: str
    digibank_name: str


class EnrolResponse(BaseModel):
    device_id: str
    token: str
    digipunt: DigipuntInfo
    server_time: datetime


class SyncConfig(BaseModel):
    protocol: int = PROTOCOL_VERSION
    max_batch_records: int
    max_body_bytes: int
    server_time: datetime


class Health(BaseModel):
    status: Literal["ok"]
    server_time: datetime


class Problem(BaseModel):
    """RFC 9457 problem details, served as ``application/problem+json``."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str


# --- reports (coordinator token) -------------------------------------------------------------
class SummaryRow(BaseModel):
    key: str
    label: str
    sessions: int
    duration_min: int


class SummaryReport(BaseModel):
    """``GET /v1/reports/summary``. With ``service``/``referral`` a session counts once per code
    it holds, so the rows can add up to more than ``total_sessions``."""

    date_from: date
    date_to: date
    group_by: Literal["digipunt", "service", "month", "municipality", "outcome", "referral"]
    scope: str  # "region" or a digibank id
    scope_name: str
    total_sessions: int
    total_duration_min: int
    rows: list[SummaryRow]


class ReachCount(BaseModel):
    """Unique adults reached = ``counted_by_code`` (distinct visitor codes, exact) +
    ``estimated_without_code`` (adult first visits without a code, an estimate)."""

    unique_adults: int
    counted_by_code: int
    estimated_without_code: int


class ReachDigipunt(ReachCount):
    digipunt_id: str
    name: str
    municipality: str


class ReachDigibank(ReachCount):
    digibank_id: str
    name: str
    reach_target: int | None = None
    tier_reached: int | None = None
    next_tier: int | None = None
    digipunten: list[ReachDigipunt]


class ReachReport(BaseModel):
    """``GET /v1/reports/reach``: per digibank (with its digipunten) and, for a region token,
    the region as a whole. A visitor code seen at two digipunten of one digibank counts once for
    that digibank; seen in two digibanken it counts once in each (and once for the region)."""

    date_from: date
    date_to: date
    scope: str
    tiers: list[int] = Field(default_factory=lambda: list(FUNDING_TIERS))
    digibanken: list[ReachDigibank]
    region: ReachCount | None = None
    estimated_note: str
