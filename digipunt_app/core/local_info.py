"""Which digipunt (and device) this PC records for; re-homing at enrolment."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from digipunt_app.core.models import (
    PLACEHOLDER_DIGIPUNT_ID,
    DigipuntInfo,
    Helper,
    HelpSession,
)


def digipunt_info(db: Session) -> DigipuntInfo | None:
    return db.scalars(select(DigipuntInfo).limit(1)).first()


def current_digipunt_id(db: Session) -> str:
    """The enrolled digipunt's id, or the placeholder ``"local"`` before enrolment."""
    info = digipunt_info(db)
    return info.id if info is not None else PLACEHOLDER_DIGIPUNT_ID


def current_device_id(db: Session) -> str | None:
    info = digipunt_info(db)
    return info.device_id if info is not None else None


def set_local_digipunt_in(
    db: Session, info: dict[str, Any], device_id: str | None = None
) -> int:
    """Record the enrolled digipunt (``DigipuntInfo`` fields of ``sync.protocol``) and re-home.

    Records made before enrolment carry the placeholder ``"local"``; they were never pushed, so
    they move to the real digipunt (and get the device id) without a rev bump. Returns how many
    records moved. Runs inside the caller's transaction.
    """
    now = datetime.now(UTC)
    existing = digipunt_info(db)
    if existing is not None and existing.id != info["id"]:
        db.execute(delete(DigipuntInfo))
        existing = None
    row = existing or DigipuntInfo(id=info["id"])
    row.name = str(info.get("name", ""))
    row.municipality = str(info.get("municipality", ""))
    row.organisation_type = str(info.get("organisation_type", ""))
    row.digibank_id = str(info.get("digibank_id", ""))
    row.digibank_name = str(info.get("digibank_name", ""))
    if device_id is not None:
        row.device_id = device_id
    row.updated_at = now
    if existing is None:
        db.add(row)
    values: dict[str, Any] = {"digipunt_id": info["id"]}
    if device_id is not None:
        values["device_id"] = device_id
    moved = db.execute(
        update(HelpSession)
        .where(HelpSession.digipunt_id == PLACEHOLDER_DIGIPUNT_ID)
        .values(**values)
    ).rowcount
    moved += db.execute(
        update(Helper)
        .where(Helper.digipunt_id == PLACEHOLDER_DIGIPUNT_ID)
        .values(digipunt_id=info["id"])
    ).rowcount
    return moved


def set_local_digipunt(store: Any, info: dict[str, Any], device_id: str | None = None) -> int:
    with store.session(write=True) as db:
        return set_local_digipunt_in(db, info, device_id)
