"""Help-session operations: save (create/edit), get, delete/undo, and the list queries.

Each operation opens its own Session on the store and hands back plain dataclasses
(``core/records.py``). Every change bumps ``rev`` and queues the record in the outbox in the same
transaction. List queries sort and filter in SQL on indexed columns, so 200,000 sessions stay fast.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from digipunt_app.core import outbox, session_query, settings
from digipunt_app.core.catalog import Catalog, load_catalog
from digipunt_app.core.ids import new_id
from digipunt_app.core.local_info import digipunt_info
from digipunt_app.core.models import PLACEHOLDER_DIGIPUNT_ID, Helper, HelpSession
from digipunt_app.core.records import (
    SessionDraft,
    SessionFilter,
    SessionRow,
    StoreError,
    ValidationError,
)
from digipunt_app.core.session_rules import BRUSSELS, CleanSession, validate

SORT_KEYS = ("started_at", "duration_min", "outcome", "helper", "channel")
ROW_BATCH = 500


class SessionNotFound(StoreError):
    pass


# --- writing -------------------------------------------------------------------------------------
def _check_helper(db: Session, helper_id: str | None) -> None:
    if helper_id is None:
        return
    helper = db.get(Helper, helper_id)
    if helper is None or helper.deleted:
        raise ValidationError(
            "Deze vrijwilliger bestaat niet (meer). Kies een andere.", "helper_id"
        )


def _get_live(db: Session, session_id: str) -> HelpSession:
    hs = db.get(HelpSession, session_id)
    if hs is None:
        raise SessionNotFound("Deze sessie bestaat niet (meer).")
    return hs


def insert_clean(
    db: Session,
    clean: CleanSession,
    now: datetime,
    session_id: str | None = None,
    import_key: str | None = None,
) -> HelpSession:
    """Insert a validated session and queue it, inside the caller's transaction."""
    home = digipunt_info(db)
    hs = HelpSession(
        id=session_id or new_id(),
        digipunt_id=home.id if home is not None else PLACEHOLDER_DIGIPUNT_ID,
        device_id=home.device_id if home is not None else None,
        created_at=now,
        updated_at=now,
        rev=1,
        synced_rev=0,
        deleted=False,
        import_key=import_key,
        **clean.columns(),
    )
    db.add(hs)
    db.flush()
    outbox.queue(db, outbox.HELP_SESSION, hs.id, hs.rev, now)
    return hs


def save_session_in(
    db: Session, draft: SessionDraft, catalog: Catalog, now: datetime | None = None
) -> HelpSession:
    """``save_session`` inside the caller's transaction."""
    now = now or datetime.now(UTC)
    if draft.id is None:
        clean = validate(draft, catalog, now=now)
        _check_helper(db, clean.helper_id)
        hs = insert_clean(db, clean, now)
    else:
        hs = _get_live(db, draft.id)
        if hs.deleted:
            raise ValidationError("Deze sessie is verwijderd; zet ze eerst terug.")
        if draft.rev and draft.rev != hs.rev:
            raise ValidationError(
                "Deze sessie werd intussen gewijzigd (bv. door synchronisatie). Open ze opnieuw "
                "en breng uw wijziging opnieuw aan."
            )
        clean = validate(draft, catalog, allowed_inactive=frozenset(hs.services), now=now)
        if clean.helper_id != hs.helper_id:
            _check_helper(db, clean.helper_id)
        changed = False
        for key, value in clean.columns().items():
            if getattr(hs, key) != value:
                setattr(hs, key, value)
                changed = True
        if changed:
            hs.rev += 1
            hs.updated_at = now
            db.flush()
            outbox.queue(db, outbox.HELP_SESSION, hs.id, hs.rev, now)
    if hs.helper_id is not None:
        settings.set_in(db, settings.LAST_HELPER, hs.helper_id)
    return hs


def save_session(
    store: Any,
    draft: SessionDraft,
    also: Callable[[Session, HelpSession], None] | None = None,
) -> SessionRow:
    """Create (``draft.id is None``) or edit a session; returns its list row.

    ``also(db, saved)`` runs in the same transaction (the entry form counts the services' use
    there: one commit per save instead of two).

    Raises ``ValidationError(message_nl, field)`` for bad input and ``StorageError`` when the
    write failed (nothing is then changed).
    """
    catalog = load_catalog(store)
    with store.session(write=True) as db:
        hs = save_session_in(db, draft, catalog)
        if also is not None:
            also(db, hs)
        name = db.get(Helper, hs.helper_id).display_name if hs.helper_id else None
        return _row(hs, name)


def _set_deleted(store: Any, session_id: str, deleted: bool) -> SessionRow:
    with store.session(write=True) as db:
        hs = _get_live(db, session_id)
        if hs.deleted != deleted:
            now = datetime.now(UTC)
            hs.deleted = deleted
            hs.rev += 1
            hs.updated_at = now
            db.flush()
            outbox.queue(db, outbox.HELP_SESSION, hs.id, hs.rev, now)
        helper = db.get(Helper, hs.helper_id) if hs.helper_id else None
        return _row(hs, helper.display_name if helper else None)


def delete_session(store: Any, session_id: str) -> SessionRow:
    """Delete as a tombstone (rev+1, queued for sync); ``undelete_session`` undoes it."""
    return _set_deleted(store, session_id, True)


def undelete_session(store: Any, session_id: str) -> SessionRow:
    return _set_deleted(store, session_id, False)


# --- reading -------------------------------------------------------------------------------------
def get_session(store: Any, session_id: str) -> SessionDraft:
    """The session as an editable draft (``rev`` set, for the stale-edit check)."""
    with store.session() as db:
        hs = _get_live(db, session_id)
        return SessionDraft(
            id=hs.id,
            rev=hs.rev,
            started_at=hs.started_at,
            duration_min=hs.duration_min,
            channel=hs.channel,
            services=list(hs.services),
            outcome=hs.outcome,
            referrals=list(hs.referrals),
            age_band=hs.age_band,
            adult_confirmed=hs.adult_confirmed,
            target_groups=list(hs.target_groups),
            language=hs.language,
            interpreter=hs.interpreter,
            first_visit=hs.first_visit,
            helper_id=hs.helper_id,
            visitor_code=hs.visitor_code,
            postcode=hs.postcode,
            notes=hs.notes,
        )


def _row(hs: HelpSession, helper_name: str | None) -> SessionRow:
    return SessionRow(
        id=hs.id,
        rev=hs.rev,
        started_at=hs.started_at,
        local_date=hs.local_date,
        duration_min=hs.duration_min,
        services=tuple(hs.services),
        outcome=hs.outcome,
        channel=hs.channel,
        age_band=hs.age_band,
        adult_confirmed=hs.adult_confirmed,
        helper_id=hs.helper_id,
        helper_name=helper_name,
        visitor_code=hs.visitor_code,
        notes=hs.notes,
        deleted=hs.deleted,
        pending_sync=hs.rev != hs.synced_rev,
    )


def utc_bounds(flt: SessionFilter) -> tuple[datetime | None, datetime | None]:
    """The filter's local dates as a half-open UTC interval on ``started_at``."""
    start = end = None
    if flt.date_from is not None:
        start = datetime.combine(flt.date_from, time(0), BRUSSELS).astimezone(UTC)
    if flt.date_to is not None:
        end = datetime.combine(flt.date_to + timedelta(days=1), time(0), BRUSSELS).astimezone(UTC)
    return start, end


def count_sessions(store: Any, flt: SessionFilter | None = None) -> int:
    """How many sessions match ``flt`` (deleted ones only with ``include_deleted``)."""
    with store.session() as db:
        return session_query.run_count(db, flt or SessionFilter(), store.cache)


def session_ids(
    store: Any,
    flt: SessionFilter | None = None,
    sort_key: str = "started_at",
    descending: bool = True,
    limit: int | None = None,
    offset: int = 0,
) -> list[str]:
    """Ids of the matching sessions in list order (sorted in SQL; ties: newest first).
    ``limit``/``offset`` give one page of that order (the session list fetches pages lazily)."""
    if sort_key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort_key!r}; use one of {SORT_KEYS}")
    with store.session() as db:
        return session_query.run_ids(
            db, flt or SessionFilter(), sort_key, descending, store.cache, limit, offset
        )


def session_rows(store: Any, ids: Sequence[str]) -> list[SessionRow]:
    """The list rows of ``ids``, in the same order (ids that no longer exist are left out)."""
    found: dict[str, SessionRow] = {}
    with store.session() as db:
        for i in range(0, len(ids), ROW_BATCH):
            chunk = list(ids[i:i + ROW_BATCH])
            for row in session_query.run_rows(db, chunk):
                found[row.id] = row
    return [found[i] for i in ids if i in found]
