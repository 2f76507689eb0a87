"""Administration operations: what ``digipunt-server`` subcommands (and test fixtures) do.

Each function takes a migrated ``Database``, does one short transaction and returns plain data.
Problems the operator can fix raise ``AdminError`` with a one-line message.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from sync.server import tokens
from sync.server.catalog import CatalogError, default_catalog_path, read_catalog
from sync.server.db import Database
from sync.server.feed import CATALOG_OBJECT_ID, audit, record_change
from sync.server.models import (
    AuditEntry,
    CatalogVersion,
    Change,
    Conflict,
    CoordinatorToken,
    Device,
    Digibank,
    Digipunt,
    EnrolCode,
    HelpSession,
    HelpSessionReferral,
    HelpSessionService,
    RecordVersion,
    utcnow,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
CLI = "cli"


class AdminError(Exception):
    """A problem the operator can fix; ``str()`` is one clear line."""


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    name: str
    digipunt_id: str
    digipunt_name: str
    enrolled_at: datetime
    last_seen_at: datetime | None
    clock_skew_s: float | None
    revoked: bool


@dataclass(frozen=True)
class AuditInfo:
    at: datetime
    actor: str
    action: str
    detail: str


def init(db: Database, catalog_path: Path | None = None) -> int | None:
    """Create/upgrade the schema; load the shipped catalog as version 1 if there is none yet.

    Returns the catalog version loaded, or None when a catalog was already there.
    """
    db.migrate()
    with db.session() as s:
        if s.scalar(select(func.count()).select_from(CatalogVersion)):
            return None
    try:
        body = read_catalog(catalog_path or default_catalog_path())
    except CatalogError as err:
        raise AdminError(str(err)) from err
    body = {**body, "version": 1}
    _store_catalog(db, body)
    return 1


def catalog_load(db: Database, path: Path) -> int:
    """Add the catalog in ``path`` as the next version; devices get it by pull."""
    try:
        body = read_catalog(path)
    except CatalogError as err:
        raise AdminError(str(err)) from err
    with db.session() as s:
        latest = s.scalar(select(func.max(CatalogVersion.version))) or 0
    body = {**body, "version": latest + 1}
    _store_catalog(db, body)
    return latest + 1


def _store_catalog(db: Database, body: dict) -> None:
    with db.write() as s:
        s.add(CatalogVersion(version=body["version"], body=body))
        s.flush()
        db.lock_feed(s)
        record_change(s, "catalog", CATALOG_OBJECT_ID, None)
        count = len(body["services"])
        audit(s, CLI, "catalog_load", f"version {body['version']}, {count} services")


def add_digibank(db: Database, name: str, reach_target: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise AdminError("a digibank needs a name")
    with db.write() as s:
        if s.scalar(select(Digibank.id).where(Digibank.name == name)):
            raise AdminError(f"digibank {name!r} already exists")
        bank = Digibank(id=str(uuid.uuid4()), name=name, reach_target=reach_target)
        s.add(bank)
        audit(s, CLI, "add_digibank", f"{bank.id} {name}")
        return bank.id


def _find_digibank(s: Session, ref: str) -> Digibank:
    bank = s.get(Digibank, ref) or s.scalar(select(Digibank).where(Digibank.name == ref))
    if bank is None:
        raise AdminError(f"no digibank with id or name {ref!r}")
    return bank


def _find_digipunt(s: Session, ref: str) -> Digipunt:
    found = s.get(Digipunt, ref)
    if found is not None:
        return found
    matches = s.scalars(select(Digipunt).where(Digipunt.name == ref)).all()
    if len(matches) > 1:
        raise AdminError(f"{len(matches)} digipunten are called {ref!r}; give the id")
    if not matches:
        raise AdminError(f"no digipunt with id or name {ref!r}")
    return matches[0]


def add_digipunt(
    db: Database, digibank: str, name: str, municipality: str, organisation_type: str = "other"
) -> str:
    if not name.strip() or not municipality.strip():
        raise AdminError("a digipunt needs a name and a municipality")
    with db.write() as s:
        bank = _find_digibank(s, digibank)
        punt = Digipunt(
            id=str(uuid.uuid4()),
            digibank_id=bank.id,
            name=name.strip(),
            municipality=municipality.strip(),
            organisation_type=organisation_type.strip() or "other",
        )
        s.add(punt)
        s.flush()
        db.lock_feed(s)
        record_change(s, "digipunt", punt.id, punt.id)
        audit(s, CLI, "add_digipunt", f"{punt.id} {punt.name} ({bank.name})")
        return punt.id


def make_enrol_code(db: Database, digipunt: str, valid_hours: float = 72) -> str:
    """A one-time enrolment code for one PC of ``digipunt``; only its hash is stored."""
    if valid_hours <= 0:
        raise AdminError("--valid-hours must be more than 0")
    code = tokens.new_enrol_code()
    with db.write() as s:
        punt = _find_digipunt(s, digipunt)
        s.add(
            EnrolCode(
                code_hash=tokens.hash_enrol_code(code),
                digipunt_id=punt.id,
                expires_at=utcnow() + timedelta(hours=valid_hours),
            )
        )
        audit(s, CLI, "enrol_code", f"for {punt.id} {punt.name}, valid {valid_hours:g} h")
    return code


def add_coordinator(db: Database, name: str, digibank: str | None = None) -> str:
    """A coordinator token for one digibank, or for the whole region when ``digibank`` is None."""
    token = tokens.new_coordinator_token()
    with db.write() as s:
        bank_id = _find_digibank(s, digibank).id if digibank else None
        s.add(
            CoordinatorToken(
                id=str(uuid.uuid4()),
                name=name.strip() or "coordinator",
                token_hash=tokens.hash_secret(token),
                digibank_id=bank_id,
            )
        )
        audit(s, CLI, "add_coordinator", f"{name} scope {bank_id or 'region'}")
    return token


def revoke_device(db: Database, device_id: str) -> None:
    with db.write() as s:
        device = s.get(Device, device_id)
        if device is None:
            raise AdminError(f"no device with id {device_id!r}")
        if device.revoked:
            raise AdminError(f"device {device_id} is already revoked")
        device.revoked = True
        device.revoked_at = utcnow()
        audit(s, CLI, "revoke", f"device {device.id} {device.name}")


def list_devices(db: Database) -> list[DeviceInfo]:
    with db.session() as s:
        rows = s.execute(
            select(Device, Digipunt.name).join(Digipunt).order_by(Digipunt.name, Device.name)
        ).all()
        return [
            DeviceInfo(
                id=d.id,
                name=d.name,
                digipunt_id=d.digipunt_id,
                digipunt_name=pname,
                enrolled_at=d.enrolled_at,
                last_seen_at=d.last_seen_at,
                clock_skew_s=d.clock_skew_s,
                revoked=d.revoked,
            )
            for d, pname in rows
        ]


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for dd in (day.day, 30, 29, 28):
        try:
            return date(year, month, dd)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def purge(db: Database, older_than_months: int = 24, today: date | None = None) -> int:
    """Delete help sessions (every version and conflict) dated before the retention cut-off.

    Returns the number of sessions removed.
    """
    if older_than_months < 1:
        raise AdminError("--older-than must be at least 1 month")
    today = today or datetime.now(UTC).astimezone(BRUSSELS).date()
    cutoff = months_before(today, older_than_months)
    with db.write() as s:
        ids = select(HelpSession.id).where(HelpSession.local_date < cutoff)
        s.execute(
            delete(Change)
            .where(Change.type == "help_session", Change.object_id.in_(ids))
            .execution_options(synchronize_session=False)
        )
        s.execute(
            delete(RecordVersion)
            .where(RecordVersion.type == "help_session", RecordVersion.local_date < cutoff)
            .execution_options(synchronize_session=False)
        )
        s.execute(
            delete(Conflict)
            .where(Conflict.type == "help_session", Conflict.local_date < cutoff)
            .execution_options(synchronize_session=False)
        )
        for child in (HelpSessionService, HelpSessionReferral):
            s.execute(
                delete(child)
                .where(child.session_id.in_(ids))
                .execution_options(synchronize_session=False)
            )
        removed = s.execute(
            delete(HelpSession)
            .where(HelpSession.local_date < cutoff)
            .execution_options(synchronize_session=False)
        ).rowcount
        audit(s, CLI, "purge", f"{removed} sessions dated before {cutoff.isoformat()}")
    return int(removed or 0)


def audit_entries(
    db: Database, limit: int = 100, action: str | None = None
) -> list[AuditInfo]:
    """The newest ``limit`` audit entries, oldest first."""
    with db.session() as s:
        q = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if action:
            q = q.where(AuditEntry.action == action)
        rows = list(s.scalars(q))
    return [AuditInfo(r.at, r.actor, r.action, r.detail) for r in reversed(rows)]
