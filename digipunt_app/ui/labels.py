"""Words shown for the codes of ``sync.protocol``'s vocabularies, in the current UI language.

Each function returns ``{code: label}`` in protocol order, translated at call time (so call them
again after a language change). The literal ``translate("labels", ...)`` calls are what
``pyside6-lupdate`` extracts; keep them literal.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def channel_labels() -> dict[str, str]:
    return {
        "walk_in": QCoreApplication.translate("labels", "Binnengelopen"),
        "appointment": QCoreApplication.translate("labels", "Op afspraak"),
        "phone": QCoreApplication.translate("labels", "Telefonisch"),
        "home_visit": QCoreApplication.translate("labels", "Huisbezoek"),
        "online": QCoreApplication.translate("labels", "Online"),
    }


def outcome_labels() -> dict[str, str]:
    return {
        "solved_by_visitor": QCoreApplication.translate("labels", "Bezoeker loste het zelf op"),
        "solved_together": QCoreApplication.translate("labels", "Samen opgelost"),
        "partly_followup": QCoreApplication.translate("labels", "Deels opgelost, opvolging nodig"),
        "not_solved": QCoreApplication.translate("labels", "Niet opgelost"),
    }


def referral_labels() -> dict[str, str]:
    return {
        "ocmw": QCoreApplication.translate("labels", "OCMW / sociaal huis"),
        "civil_affairs": QCoreApplication.translate("labels", "Burgerzaken"),
        "fod_finance": QCoreApplication.translate("labels", "FOD Financiën"),
        "pension_service": QCoreApplication.translate("labels", "Pensioendienst"),
        "health_fund": QCoreApplication.translate("labels", "Ziekenfonds"),
        "vdab": QCoreApplication.translate("labels", "VDAB"),
        "bank": QCoreApplication.translate("labels", "Bank"),
        "telecom": QCoreApplication.translate("labels", "Telecomoperator"),
        "course": QCoreApplication.translate("labels", "Cursus"),
        "device_loan": QCoreApplication.translate("labels", "Uitleen van toestellen"),
        "caw": QCoreApplication.translate("labels", "CAW"),
        "police": QCoreApplication.translate("labels", "Politie"),
        "other": QCoreApplication.translate("labels", "Andere dienst"),
    }


def age_band_labels() -> dict[str, str]:
    return {
        "under_18": QCoreApplication.translate("labels", "Jonger dan 18"),
        "18_24": QCoreApplication.translate("labels", "18 tot 24 jaar"),
        "25_34": QCoreApplication.translate("labels", "25 tot 34 jaar"),
        "35_54": QCoreApplication.translate("labels", "35 tot 54 jaar"),
        "55_64": QCoreApplication.translate("labels", "55 tot 64 jaar"),
        "65_74": QCoreApplication.translate("labels", "65 tot 74 jaar"),
        "75_plus": QCoreApplication.translate("labels", "75 jaar of ouder"),
        "unknown": QCoreApplication.translate("labels", "Leeftijd onbekend"),
    }


def target_group_labels() -> dict[str, str]:
    return {
        "jobseeker": QCoreApplication.translate("labels", "Werkzoekend"),
        "senior": QCoreApplication.translate("labels", "Senior"),
        "low_income": QCoreApplication.translate("labels", "Laag inkomen"),
        "other_language": QCoreApplication.translate("labels", "Andere moedertaal"),
        "low_schooling": QCoreApplication.translate("labels", "Weinig scholing"),
        "lives_alone": QCoreApplication.translate("labels", "Woont alleen"),
    }


def language_labels() -> dict[str, str]:
    return {
        "nl": QCoreApplication.translate("labels", "Nederlands"),
        "fr": QCoreApplication.translate("labels", "Frans"),
        "en": QCoreApplication.translate("labels", "Engels"),
        "other": QCoreApplication.translate("labels", "Andere taal"),
    }


def first_visit_labels() -> dict[str, str]:
    return {
        "yes": QCoreApplication.translate("labels", "Ja, eerste bezoek"),
        "no": QCoreApplication.translate("labels", "Nee, kwam al eerder"),
        "unknown": QCoreApplication.translate("labels", "Weet niet"),
    }


def all_vocabularies() -> dict[str, dict[str, str]]:
    """Every vocabulary by the name of its tuple in ``sync.protocol`` (for tests and checks)."""
    return {
        "CHANNELS": channel_labels(),
        "OUTCOMES": outcome_labels(),
        "REFERRALS": referral_labels(),
        "AGE_BANDS": age_band_labels(),
        "TARGET_GROUPS": target_group_labels(),
        "LANGUAGES": language_labels(),
        "FIRST_VISIT": first_visit_labels(),
    }
