"""How often each service was chosen on this PC, kept in the ``service_usage`` setting, so the
nine numbered tiles are the nine most-used services (the order is fixed at start-up, so numbers do
not move while a volunteer works)."""

from __future__ import annotations

from typing import Any

USAGE_KEY = "service_usage"


def _read(store: Any) -> dict[str, int]:
    from digipunt_app.core import settings

    raw = settings.get_setting(store, USAGE_KEY, {}) or {}
    if not isinstance(raw, dict):
        return {}
    return {str(k): int(v) for k, v in raw.items() if isinstance(v, int | float)}


def most_used(store: Any) -> list[str]:
    """Service codes, most used first (runs on the DB worker)."""
    usage = _read(store)
    return sorted(usage, key=lambda c: (-usage[c], c))


def bump_usage(store: Any, codes: list[str]) -> None:
    """Count the services of a saved session (runs on the DB worker)."""
    from digipunt_app.core import settings

    usage = _read(store)
    for code in codes:
        usage[code] = usage.get(code, 0) + 1
    settings.set_setting(store, USAGE_KEY, usage)


def bump_usage_in(db: Any, codes: list[str]) -> None:
    """``bump_usage`` inside the caller's transaction (``db``: a store Session)."""
    from digipunt_app.core import settings

    raw = settings.get_in(db, USAGE_KEY, {}) or {}
    usage = (
        {str(k): int(v) for k, v in raw.items() if isinstance(v, int | float)}
        if isinstance(raw, dict) else {}
    )
    for code in codes:
        usage[code] = usage.get(code, 0) + 1
    settings.set_in(db, USAGE_KEY, usage)
