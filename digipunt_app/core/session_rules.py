"""Validation of a help session draft (DESIGN.md §3, §9): every rule, one Dutch message each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from digipunt_app.core import privacy, visitor_code
from digipunt_app.core.catalog import Catalog
from digipunt_app.core.records import SessionDraft, ValidationError
from sync.protocol import (
    AGE_BANDS,
    CHANNELS,
    FIRST_VISIT,
    LANGUAGES,
    OUTCOMES,
    REFERRALS,
    TARGET_GROUPS,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
MAX_NOTES = 500
MAX_SERVICES = 20
MIN_DURATION, MAX_DURATION = 1, 480
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class CleanSession:
    """A validated draft, ready for the columns of ``help_session``."""

    started_at: datetime  # UTC
    local_date: date
    duration_min: int
    channel: str
    services: list[str]
    outcome: str
    referrals: list[str]
    age_band: str
    adult_confirmed: bool
    target_groups: list[str]
    language: str
    interpreter: bool
    first_visit: str
    helper_id: str | None
    visitor_code: str | None
    postcode: str | None
    notes: str

    def columns(self) -> dict[str, Any]:
        return dict(self.__dict__)


def local_date_of(moment: datetime) -> date:
    return moment.astimezone(BRUSSELS).date()


def _one_of(value: str, allowed: tuple[str, ...], field: str, what: str) -> str:
    if value not in allowed:
        raise ValidationError(f"Onbekende waarde voor {what}: '{value}'.", field)
    return value


def _many_of(values: list[str], allowed: tuple[str, ...], field: str, what: str) -> list[str]:
    out: list[str] = []
    for v in values or []:
        _one_of(v, allowed, field, what)
        if v not in out:
            out.append(v)
    return out


def clean_postcode(text: str | None) -> str | None:
    if text is None or not str(text).strip():
        return None
    code = str(text).strip()
    if not (len(code) == 4 and code.isdigit() and 1000 <= int(code) <= 9999):
        raise ValidationError(
            f"Een Belgische postcode heeft 4 cijfers (1000 tot 9999); '{code}' is dat niet.",
            "postcode",
        )
    return code


def clean_notes(text: str | None) -> str:
    notes = (text or "").strip()
    if len(notes) > MAX_NOTES:
        raise ValidationError(
            f"De notitie is {len(notes)} tekens lang; maximaal {MAX_NOTES}. Maak ze korter.",
            "notes",
        )
    reasons = privacy.check_notes(notes)
    if reasons:
        raise ValidationError(" ".join(reasons), "notes")
    return notes


def validate(
    draft: SessionDraft,
    catalog: Catalog,
    allowed_inactive: frozenset[str] = frozenset(),
    now: datetime | None = None,
) -> CleanSession:
    """Check every field of ``draft``; ``ValidationError(msg_nl, field)`` at the first problem.

    ``allowed_inactive``: services no longer active in the catalog that an edited session already
    had (an edit keeps them).
    """
    now = now or datetime.now(UTC)
    started = draft.started_at
    if not isinstance(started, datetime) or started.tzinfo is None or started.utcoffset() is None:
        raise ValidationError(
            "Datum en uur van de sessie ontbreken of zijn ongeldig.", "started_at"
        )
    started = started.astimezone(UTC)
    if started < EARLIEST:
        raise ValidationError("De datum van de sessie ligt te ver in het verleden.", "started_at")
    if started > now + timedelta(days=1):
        raise ValidationError(
            "De datum van de sessie ligt in de toekomst. Kijk datum en uur na.", "started_at"
        )
    try:
        duration = int(draft.duration_min)
    except (TypeError, ValueError):
        raise ValidationError("De duur moet een getal (minuten) zijn.", "duration_min") from None
    if not MIN_DURATION <= duration <= MAX_DURATION:
        raise ValidationError(
            f"De duur moet tussen {MIN_DURATION} en {MAX_DURATION} minuten liggen.",
            "duration_min",
        )
    services: list[str] = []
    active = catalog.active_codes()
    for code in draft.services or []:
        if code in services:
            continue
        if code not in active and code not in allowed_inactive:
            if catalog.service(code) is not None:
                raise ValidationError(
                    f"De dienst '{catalog.label(code)}' wordt niet meer gebruikt. Kies een andere.",
                    "services",
                )
            raise ValidationError(f"Onbekende dienst: '{code}'.", "services")
        services.append(code)
    if not services:
        raise ValidationError("Kies minstens één dienst.", "services")
    if len(services) > MAX_SERVICES:
        raise ValidationError(f"Kies hoogstens {MAX_SERVICES} diensten.", "services")
    age_band = _one_of(draft.age_band, AGE_BANDS, "age_band", "leeftijd")
    adult = bool(draft.adult_confirmed)
    if adult and age_band == "under_18":
        raise ValidationError(
            "Een bezoeker jonger dan 18 kan niet als volwassene (18+) bevestigd worden.",
            "adult_confirmed",
        )
    return CleanSession(
        started_at=started,
        local_date=local_date_of(started),
        duration_min=duration,
        channel=_one_of(draft.channel, CHANNELS, "channel", "kanaal"),
        services=services,
        outcome=_one_of(draft.outcome, OUTCOMES, "outcome", "resultaat"),
        referrals=_many_of(draft.referrals, REFERRALS, "referrals", "doorverwijzing"),
        age_band=age_band,
        adult_confirmed=adult,
        target_groups=_many_of(draft.target_groups, TARGET_GROUPS, "target_groups", "doelgroep"),
        language=_one_of(draft.language, LANGUAGES, "language", "taal"),
        interpreter=bool(draft.interpreter),
        first_visit=_one_of(draft.first_visit, FIRST_VISIT, "first_visit", "eerste bezoek"),
        helper_id=draft.helper_id or None,
        visitor_code=visitor_code.normalise_optional(draft.visitor_code),
        postcode=clean_postcode(draft.postcode),
        notes=clean_notes(draft.notes),
    )
