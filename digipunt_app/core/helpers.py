"""Volunteers (helpers), by pseudonym, per digipunt. Every change is queued for sync."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from digipunt_app.core import outbox
from digipunt_app.core.ids import new_id
from digipunt_app.core.local_info import current_digipunt_id
from digipunt_app.core.models import Helper
from digipunt_app.core.records import HelperRow, StoreError, ValidationError

MAX_NAME = 80


class HelperNotFound(StoreError):
    pass


def _row(h: Helper) -> HelperRow:
    return HelperRow(id=h.id, display_name=h.display_name, active=h.active)


def _clean_name(db: Session, name: str, except_id: str | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("Vul een naam of schuilnaam in.", "display_name")
    if len(name) > MAX_NAME:
        raise ValidationError(
            f"De naam is te lang ({len(name)} tekens); maximaal {MAX_NAME}.", "display_name"
        )
    clash = db.scalars(
        select(Helper.id).where(
            func.lower(Helper.display_name) == name.lower(),
            Helper.deleted.is_(False),
            Helper.id != (except_id or ""),
        )
    ).first()
    if clash is not None:
        raise ValidationError(
            f"Er is al een vrijwilliger met de naam '{name}'. Kies een andere naam.",
            "display_name",
        )
    return name


def _get(db: Session, helper_id: str) -> Helper:
    helper = db.get(Helper, helper_id)
    if helper is None or helper.deleted:
        raise HelperNotFound("Deze vrijwilliger bestaat niet (meer).")
    return helper


def _touch(db: Session, helper: Helper, now: datetime) -> None:
    helper.rev += 1
    helper.updated_at = now
    outbox.queue(db, outbox.HELPER, helper.id, helper.rev, now)


def list_helpers(store: Any, include_inactive: bool = False) -> list[HelperRow]:
    """Helpers sorted by name (case-insensitive); active ones only unless asked."""
    with store.session() as db:
        stmt = select(Helper).where(Helper.deleted.is_(False))
        if not include_inactive:
            stmt = stmt.where(Helper.active.is_(True))
        stmt = stmt.order_by(func.lower(Helper.display_name))
        return [_row(h) for h in db.scalars(stmt)]


def add_helper_in(db: Session, name: str, now: datetime | None = None) -> Helper:
    now = now or datetime.now(UTC)
    helper = Helper(
        id=new_id(),
        digipunt_id=current_digipunt_id(db),
        display_name=_clean_name(db, name),
        active=True,
        rev=1,
        synced_rev=0,
        deleted=False,
        created_at=now,
        updated_at=now,
    )
    db.add(helper)
    db.flush()
    outbox.queue(db, outbox.HELPER, helper.id, helper.rev, now)
    return helper


def add_helper(store: Any, name: str) -> HelperRow:
    with store.session(write=True) as db:
        return _row(add_helper_in(db, name))


def rename_helper(store: Any, helper_id: str, name: str) -> HelperRow:
    with store.session(write=True) as db:
        helper = _get(db, helper_id)
        clean = _clean_name(db, name, except_id=helper_id)
        if clean != helper.display_name:
            helper.display_name = clean
            _touch(db, helper, datetime.now(UTC))
        return _row(helper)


def set_helper_active(store: Any, helper_id: str, active: bool) -> HelperRow:
    with store.session(write=True) as db:
        helper = _get(db, helper_id)
        if helper.active != active:
            helper.active = active
            _touch(db, helper, datetime.now(UTC))
        return _row(helper)


def find_helper_by_name(db: Session, name: str) -> Helper | None:
    return db.scalars(
        select(Helper).where(
            func.lower(Helper.display_name) == " ".join(name.split()).lower(),
            Helper.deleted.is_(False),
        )
    ).first()


def last_helper_id(store: Any) -> str | None:
    """The helper of the last saved session, when that helper is still active. (Here rather
    than in ``sessions``, so the window can read it at start without importing the session
    rules and, with them, ``sync.protocol``.)"""
    from digipunt_app.core import settings

    with store.session() as db:
        helper_id = settings.get_in(db, settings.LAST_HELPER)
        if helper_id is None:
            return None
        helper = db.get(Helper, helper_id)
        if helper is None or helper.deleted or not helper.active:
            return None
        return helper_id
