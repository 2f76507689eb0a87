"""Local preferences (key/value, JSON values): last helper, language, font scale, ..."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from digipunt_app.core.models import Setting

LAST_HELPER = "last_helper_id"
LANGUAGE = "language"
FONT_SCALE = "font_scale"
RETENTION_MONTHS = "retention_months"


def get_in(db: Session, key: str, default: Any = None) -> Any:
    row = db.get(Setting, key)
    return default if row is None else json.loads(row.value)


_UPSERT = text(
    "INSERT INTO settings (key, value) VALUES (:key, :value) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


def set_in(db: Session, key: str, value: Any) -> None:
    db.execute(_UPSERT, {"key": key, "value": json.dumps(value, ensure_ascii=False)})


def get_setting(store: Any, key: str, default: Any = None) -> Any:
    """The stored value of ``key`` (any JSON value), or ``default``."""
    with store.session() as db:
        return get_in(db, key, default)


def set_setting(store: Any, key: str, value: Any) -> None:
    with store.session(write=True) as db:
        set_in(db, key, value)
