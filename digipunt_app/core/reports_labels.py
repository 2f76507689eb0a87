"""Dutch words for report titles, vocabulary codes, weeks, months and numbers (no Qt).

Reports leave the app as files (CSV, XLSX, PDF) that a coordinator forwards as they are, so their
words live here in plain Python, in Dutch, the language of the funders' reports. The on-screen
labels of the entry form are translated separately (``digipunt_app.ui.labels``); keep the Dutch
words of both the same.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from pathlib import Path

CHANNELS_NL = {
    "walk_in": "Binnengelopen",
    "appointment": "Op afspraak",
    "phone": "Telefonisch",
    "home_visit": "Huisbezoek",
    "online": "Online",
}
OUTCOMES_NL = {
    "solved_by_visitor": "Bezoeker loste het zelf op",
    "solved_together": "Samen opgelost",
    "partly_followup": "Deels opgelost, opvolging nodig",
    "not_solved": "Niet opgelost",
}
REFERRALS_NL = {
    "ocmw": "OCMW / sociaal huis",
    "civil_affairs": "Burgerzaken",
    "fod_finance": "FOD Financiën",
    "pension_service": "Pensioendienst",
    "health_fund": "Ziekenfonds",
    "vdab": "VDAB",
    "bank": "Bank",
    "telecom": "Telecomoperator",
    "course": "Cursus",
    "device_loan": "Uitleen van toestellen",
    "caw": "CAW",
    "police": "Politie",
    "other": "Andere dienst",
}
AGE_BANDS_NL = {
    "under_18": "Jonger dan 18",
    "18_24": "18 tot 24 jaar",
    "25_34": "25 tot 34 jaar",
    "35_54": "35 tot 54 jaar",
    "55_64": "55 tot 64 jaar",
    "65_74": "65 tot 74 jaar",
    "75_plus": "75 jaar of ouder",
    "unknown": "Leeftijd onbekend",
}
TARGET_GROUPS_NL = {
    "jobseeker": "Werkzoekend",
    "senior": "Senior",
    "low_income": "Laag inkomen",
    "other_language": "Andere moedertaal",
    "low_schooling": "Weinig scholing",
    "lives_alone": "Woont alleen",
}
MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
NO_HELPER_NL = "Geen helper ingevuld"


def _catalog_file() -> Path:
    import sys

    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "catalog.json"


@lru_cache(maxsize=1)
def default_service_labels() -> dict[str, str]:
    """``{code: Dutch label}`` of the catalog shipped in ``resources/catalog.json``."""
    try:
        data = json.loads(_catalog_file().read_text(encoding="utf-8"))
    except OSError:
        return {}
    return {s["code"]: s["labels"].get("nl", s["code"]) for s in data.get("services", [])}


def service_label(code: str, labels: dict[str, str] | None = None) -> str:
    """The Dutch label of a service code; the code itself when no catalog knows it."""
    return (labels or {}).get(code) or default_service_labels().get(code) or code


def format_int(value: float) -> str:
    """``1234`` -> ``"1.234"`` (Belgian thousands separator)."""
    return f"{round(value):,}".replace(",", ".")


def format_number(value: float, decimals: int = 0) -> str:
    """Belgian number format: ``1234.5`` -> ``"1.234,5"``."""
    if decimals == 0:
        return format_int(value)
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def format_date(day: date) -> str:
    """``date(2026, 1, 31)`` -> ``"31 januari 2026"``."""
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"


def format_period(date_from: date, date_to: date) -> str:
    """A period in words: a whole month reads ``"januari 2026"``, otherwise ``"1 ... – 9 ..."``."""
    import calendar

    last = calendar.monthrange(date_from.year, date_from.month)[1]
    if (
        date_from.day == 1
        and date_to.year == date_from.year
        and date_to.month == date_from.month
        and date_to.day == last
    ):
        return f"{MONTHS_NL[date_from.month - 1]} {date_from.year}"
    return f"{format_date(date_from)} – {format_date(date_to)}"


def month_label(year: int, month: int) -> str:
    return f"{MONTHS_NL[month - 1]} {year}"


def week_label(iso_year: int, iso_week: int) -> str:
    return f"week {iso_week} ({iso_year})"
