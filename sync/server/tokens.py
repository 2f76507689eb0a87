"""Secrets handed out by the server (device tokens, coordinator tokens, enrolment codes).

Only ``sha256`` hashes are stored: the secrets carry >= 60 random bits, so a plain hash is enough
(no password stretching needed) and lets a lookup go straight through a UNIQUE index.
"""

from __future__ import annotations

import hashlib
import secrets

# Crockford base32 (no I, L, O, U): readable over the phone, typed without ambiguity.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_device_token() -> str:
    return "dpd_" + secrets.token_urlsafe(32)


def new_coordinator_token() -> str:
    return "dpc_" + secrets.token_urlsafe(32)


def new_enrol_code() -> str:
    """12 symbols (60 bits) as ``XXXX-XXXX-XXXX``; one-time, expiring and rate-limited."""
    raw = "".join(secrets.choice(_CROCKFORD) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_enrol_code(code: str) -> str:
    """Case, spaces and dashes do not matter; O reads as 0, I and L as 1."""
    return "".join(ch for ch in code.upper() if ch.isalnum()).translate(_CONFUSABLE)


def hash_enrol_code(code: str) -> str:
    return hash_secret("enrol:" + normalise_enrol_code(code))
