"""The notes guard (DESIGN.md §9): refuse personal data in free text, and say what to remove.

Found and refused: a Belgian national register number (or BIS number) whose mod-97 check holds
(including the rule for people born from 2000: the check is over ``2`` + the first 9 digits), an
IBAN whose mod-97 check holds (any country, with or without spaces), an e-mail address, and phone
numbers (Belgian landline and mobile, national or +32/0032, and other international numbers).
Dates, postcodes, durations and amounts are not phone numbers: dates are blanked out first and
only digit runs with the exact length of a phone number count.
"""

from __future__ import annotations

import re

# Lengths of IBANs per country (ISO 13616 registry) for the countries a Belgian desk meets most;
# other countries are accepted at any length 15..34 when the whole match passes mod 97.
IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22,
    "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MA": 28, "MC": 27, "MT": 31,
    "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "TN": 24,
    "TR": 26, "UA": 29,
}

REASON_NRN = (
    "De notitie bevat een rijksregisternummer. Verwijder het: rijksregisternummers mogen nooit "
    "bewaard worden."
)
REASON_IBAN = (
    "De notitie bevat een rekeningnummer (IBAN). Verwijder het rekeningnummer uit de notitie."
)
REASON_EMAIL = "De notitie bevat een e-mailadres. Verwijder het e-mailadres uit de notitie."
REASON_PHONE = (
    "De notitie bevat een telefoonnummer. Verwijder het telefoonnummer uit de notitie."
)

_DAY, _MONTH = r"(?:0?[1-9]|[12]\d|3[01])", r"(?:0?[1-9]|1[0-2])"
_DATE = re.compile(
    rf"(?<![\d./-])(?:{_DAY}([./-]){_MONTH}\1(?:\d{{4}}|\d{{2}})|\d{{4}}-{_MONTH}-{_DAY})(?![\d])"
)
_NRN = re.compile(
    r"(?<![\d.])(\d{2})[. ]?(\d{2})[. ]?(\d{2})[-. ]?(\d{3})[-. ]?(\d{2})(?![\d])"
)
_IBAN = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30})(?![A-Za-z0-9])")
_EMAIL = re.compile(
    r"[A-Za-z0-9._%+'-]+\s*(?:@|\(at\)|\[at\])\s*[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
# A run of digits and the separators people type in phone numbers.
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d ./()-]{6,}\d(?![\w])")


def nrn_is_valid(digits: str) -> bool:
    """Mod-97 check of an 11-digit national register (or BIS) number."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    body, check = int(digits[:9]), int(digits[9:])
    return 97 - body % 97 == check or 97 - int("2" + digits[:9]) % 97 == check


def iban_is_valid(text: str) -> bool:
    """ISO 13616 mod-97 check (spaces ignored, any case)."""
    s = text.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", s):
        return False
    known = IBAN_LENGTHS.get(s[:2])
    if known is not None and len(s) != known:
        return False
    moved = s[4:] + s[:4]
    number = "".join(str(int(ch, 36)) for ch in moved)
    return int(number) % 97 == 1


def _iban_spans(text: str) -> list[tuple[int, int]]:
    """Where the valid IBANs are in ``text``."""
    spans = []
    for match in _IBAN.finditer(text):
        raw = match.group(1)
        compact = raw.replace(" ", "").upper()
        known = IBAN_LENGTHS.get(compact[:2])
        if known is not None:
            # The match may run on into the next word ("BE71 0961 2345 6769 2024"): try the
            # country's length only.
            if len(compact) >= known and iban_is_valid(compact[:known]):
                end, seen = match.start(1), 0
                while seen < known:
                    seen += raw[end - match.start(1)] != " "
                    end += 1
                spans.append((match.start(1), end))
        elif iban_is_valid(compact):
            spans.append(match.span(1))
    return spans


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


# Non-geographic service numbers (0800 free, 070/078 national rate, 090x premium) belong to
# companies and public services (Card Stop 078 170 170), never to a person: not refused.
_SERVICE_PREFIXES = ("800", "70", "78", "90")


def _is_phone(run: str) -> bool:
    digits = re.sub(r"\D", "", run.replace("(0)", ""))
    if run.startswith("+") or run.startswith("00"):
        rest = digits[2:] if run.startswith("00") else digits
        if rest.startswith("32"):
            national = rest[2:]
            if national.startswith(_SERVICE_PREFIXES):
                return False
            return len(national) == 8 or (len(national) == 9 and national.startswith("4"))
        return 8 <= len(rest) <= 15 and not run.startswith("000")
    if not digits.startswith("0") or digits.startswith("00"):
        return False
    if digits[1:].startswith(_SERVICE_PREFIXES):
        return False
    if len(digits) == 10:
        return digits[:3] in ("045", "046", "047", "048", "049")  # mobile 04xx xx xx xx
    if len(digits) == 9:
        return not digits.startswith("04")  # landline 0x xxx xx xx / 0xx xx xx xx
    return False


def check_notes(text: str) -> list[str]:
    """Dutch reasons why ``text`` cannot be kept; empty when it is fine."""
    if not text:
        return []
    reasons: list[str] = []
    if any(nrn_is_valid("".join(m.groups())) for m in _NRN.finditer(text)):
        reasons.append(REASON_NRN)
    ibans = _iban_spans(text)
    if ibans:
        reasons.append(REASON_IBAN)
    emails = [m.span() for m in _EMAIL.finditer(text)]
    if emails:
        reasons.append(REASON_EMAIL)
    # What is already refused, and dates, are not phone numbers.
    undated = _DATE.sub(" ", _blank(text, ibans + emails))
    if any(_is_phone(m.group(0).strip()) for m in _PHONE.finditer(undated)):
        reasons.append(REASON_PHONE)
    return reasons
