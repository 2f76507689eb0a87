"""Building push bodies for the server tests."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sync.protocol import CROCKFORD, luhn32_check_symbol

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def visitor_code(seed: str) -> str:
    body = "".join(CROCKFORD[(ord(ch) * 7 + i) % 32] for i, ch in enumerate((seed * 8)[:8]))
    return f"{body[:4]}-{body[4:]}-{luhn32_check_symbol(body)}"


def session_payload(digipunt_id: str, **over: Any) -> dict[str, Any]:
    day: date = over.pop("local_date", date(2026, 11, 23))
    payload: dict[str, Any] = {
        "digipunt_id": digipunt_id,
        "started_at": datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC).isoformat(),
        "local_date": day.isoformat(),
        "duration_min": 20,
        "channel": "walk_in",
        "services": ["eid"],
        "outcome": "solved_together",
        "referrals": [],
        "age_band": "65_74",
        "adult_confirmed": True,
        "target_groups": ["senior"],
        "language": "nl",
        "interpreter": False,
        "first_visit": "no",
        "visitor_code": None,
        "postcode": "9000",
        "notes": "",
        "created_at": NOW.isoformat(),
    }
    payload.update(over)
    return payload


def record(
    payload: dict[str, Any],
    *,
    id: str | None = None,
    rev: int = 1,
    base_rev: int = 0,
    deleted: bool = False,
    type: str = "help_session",
) -> dict[str, Any]:
    return {
        "type": type, "id": id or str(uuid.uuid4()), "rev": rev, "base_rev": base_rev,
        "deleted": deleted, "updated_at": NOW.isoformat(), "payload": payload,
    }


def batch(*records: dict[str, Any]) -> dict[str, Any]:
    return {"batch_id": str(uuid.uuid4()), "client_time": NOW.isoformat(), "records": list(records)}
