"""The spreadsheet columns of DESIGN.md §8, shared by the importer and the exporter.

Headers may be given in English (the codes below) or in Dutch; values as codes or Dutch labels.
"""

from __future__ import annotations

import re
import unicodedata

# Export order; the first 13 are DESIGN.md §8, the rest make an export -> import round trip whole.
COLUMNS = (
    "date", "time", "duration_min", "services", "outcome", "age_band", "adult", "first_visit",
    "channel", "helper", "visitor_code", "postcode", "notes",
    "referrals", "target_groups", "language", "interpreter", "id",
)
REQUIRED = ("date", "services")

HEADER_ALIASES = {
    "datum": "date", "dag": "date",
    "tijd": "time", "uur": "time", "tijdstip": "time", "start": "time",
    "duur": "duration_min", "duur_min": "duration_min", "duration": "duration_min",
    "minuten": "duration_min", "duur_(min)": "duration_min",
    "dienst": "services", "diensten": "services", "service": "services", "vraag": "services",
    "resultaat": "outcome", "uitkomst": "outcome",
    "leeftijd": "age_band", "leeftijdsgroep": "age_band", "age": "age_band",
    "volwassen": "adult", "18+": "adult", "adult_confirmed": "adult", "meerderjarig": "adult",
    "eerste_bezoek": "first_visit", "eerste_keer": "first_visit",
    "kanaal": "channel",
    "vrijwilliger": "helper", "begeleider": "helper", "helper_name": "helper",
    "bezoekerscode": "visitor_code", "code": "visitor_code",
    "postnummer": "postcode",
    "notitie": "notes", "notities": "notes", "opmerking": "notes", "opmerkingen": "notes",
    "note": "notes",
    "doorverwijzing": "referrals", "doorverwijzingen": "referrals", "doorverwezen": "referrals",
    "doelgroep": "target_groups", "doelgroepen": "target_groups",
    "taal": "language", "tolk": "interpreter",
}

# Dutch labels (as the UI shows them) and common spellings, per vocabulary.
VALUE_ALIASES: dict[str, dict[str, str]] = {
    "channel": {
        "binnengelopen": "walk_in", "binnenloop": "walk_in", "vrije inloop": "walk_in",
        "op afspraak": "appointment", "afspraak": "appointment",
        "telefonisch": "phone", "telefoon": "phone",
        "huisbezoek": "home_visit", "aan huis": "home_visit",
        "online": "online",
    },
    "outcome": {
        "bezoeker loste het zelf op": "solved_by_visitor", "zelf opgelost": "solved_by_visitor",
        "samen opgelost": "solved_together", "opgelost": "solved_together",
        "deels opgelost, opvolging nodig": "partly_followup", "deels opgelost": "partly_followup",
        "opvolging nodig": "partly_followup", "opvolging": "partly_followup",
        "niet opgelost": "not_solved",
    },
    "referrals": {
        "ocmw / sociaal huis": "ocmw", "ocmw": "ocmw", "sociaal huis": "ocmw",
        "burgerzaken": "civil_affairs", "fod financiën": "fod_finance",
        "fod financien": "fod_finance", "pensioendienst": "pension_service",
        "ziekenfonds": "health_fund", "vdab": "vdab", "bank": "bank",
        "telecomoperator": "telecom", "telecom": "telecom", "cursus": "course",
        "uitleen van toestellen": "device_loan", "caw": "caw", "politie": "police",
        "andere dienst": "other", "andere": "other",
    },
    "age_band": {
        "jonger dan 18": "under_18", "<18": "under_18", "-18": "under_18", "onder 18": "under_18",
        "18 tot 24 jaar": "18_24", "18-24": "18_24", "25 tot 34 jaar": "25_34", "25-34": "25_34",
        "35 tot 54 jaar": "35_54", "35-54": "35_54", "55 tot 64 jaar": "55_64", "55-64": "55_64",
        "65 tot 74 jaar": "65_74", "65-74": "65_74", "75 jaar of ouder": "75_plus",
        "75+": "75_plus", "leeftijd onbekend": "unknown", "onbekend": "unknown", "": "unknown",
    },
    "target_groups": {
        "werkzoekend": "jobseeker", "senior": "senior", "laag inkomen": "low_income",
        "andere moedertaal": "other_language", "weinig scholing": "low_schooling",
        "woont alleen": "lives_alone",
    },
    "language": {
        "nederlands": "nl", "frans": "fr", "engels": "en", "andere taal": "other",
        "andere": "other",
    },
    "first_visit": {
        "ja, eerste bezoek": "yes", "ja": "yes", "nee, kwam al eerder": "no", "nee": "no",
        "weet niet": "unknown", "onbekend": "unknown", "": "unknown",
    },
}

YES = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "18+", "volwassen"}
NO = {"nee", "n", "no", "false", "onwaar", "0", "", "-"}


def fold(text: str) -> str:
    """Lowercase, accents kept, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).strip().lower().split())


def header_key(text: str) -> str:
    key = re.sub(r"\s+", "_", fold(text))
    return HEADER_ALIASES.get(key, key)


def split_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,|\n]", text) if part.strip()]
