"""Pseudonymous visitor codes (DESIGN.md §3): ``XXXX-XXXX-C`` in Crockford base32 + Luhn mod 32.

The code identifies a returning visitor without any personal data: it is random, printed on a
small card the visitor keeps, and typed back in at a later visit.
"""

from __future__ import annotations

import secrets

from digipunt_app.core.records import ValidationError
from sync.protocol import CROCKFORD, luhn32_check_symbol

BODY_LENGTH = 8
FIELD = "visitor_code"
_ALIASES = {"O": "0", "I": "1", "L": "1"}
_SEPARATORS = " -._\t"


def generate() -> str:
    """A new random code in canonical form, e.g. ``7K3M-Q9XD-4``."""
    body = "".join(secrets.choice(CROCKFORD) for _ in range(BODY_LENGTH))
    return format(body + luhn32_check_symbol(body))


def format(symbols: str) -> str:  # noqa: A001 (the brief names it so)
    """``XXXXXXXXC`` -> ``XXXX-XXXX-C`` (no checking)."""
    return f"{symbols[:4]}-{symbols[4:8]}-{symbols[8:]}"


def normalise(text: str) -> str:
    """The canonical form of a typed code, or ``ValidationError`` saying what is wrong.

    Case-insensitive; O is read as 0 and I/L as 1; spaces and dashes are ignored.
    """
    symbols = "".join(ch for ch in text.upper() if ch not in _SEPARATORS)
    symbols = "".join(_ALIASES.get(ch, ch) for ch in symbols)
    if not symbols:
        raise ValidationError("Vul een bezoekerscode in of laat het veld leeg.", FIELD)
    bad = sorted({ch for ch in symbols if ch not in CROCKFORD})
    if bad:
        shown = ", ".join(f"'{ch}'" for ch in bad)
        raise ValidationError(
            f"Een bezoekerscode bevat alleen cijfers en letters zonder U; {shown} kan er niet "
            "in staan. Kijk de code op de kaart na.",
            FIELD,
        )
    if len(symbols) != BODY_LENGTH + 1:
        raise ValidationError(
            f"Een bezoekerscode heeft 9 tekens (XXXX-XXXX-X); u typte er {len(symbols)}. "
            "Kijk de code op de kaart na.",
            FIELD,
        )
    if luhn32_check_symbol(symbols[:BODY_LENGTH]) != symbols[BODY_LENGTH]:
        raise ValidationError(
            "Deze bezoekerscode klopt niet (het controleteken past niet): waarschijnlijk een "
            "tikfout. Kijk de code op de kaart na.",
            FIELD,
        )
    return format(symbols)


def normalise_optional(text: str | None) -> str | None:
    """Like ``normalise`` but an empty field means "no code"."""
    if text is None or not text.strip(" -\t"):
        return None
    return normalise(text)
