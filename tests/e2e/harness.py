"""A "desk" (one PC with the app's real store and sync engine) and views of the real server's data,
for the end-to-end sync tests. Nothing here replaces a part of the app."""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from digipunt_app.core import sessions
from digipunt_app.core.importer import import_file
from digipunt_app.core.models import HelpSession
from digipunt_app.core.records import SessionDraft
from digipunt_app.core.store import Store
from digipunt_app.core.sync_engine import SyncEngine, SyncResult
from digipunt_app.core.sync_engine_store import list_conflicts, session_payload
from sync.protocol import HelpSessionPayload
from sync.server import models as server_models

SERVICES = ("eid", "itsme", "taxonweb", "mypension", "smartphone", "email", "banking", "vdab")

Version = tuple[int, bool, dict[str, Any]]  # (rev, deleted, normalised payload)


def normalise(payload: dict[str, Any]) -> dict[str, Any]:
    """A payload as the server stores it (defaults filled in), so versions compare equal."""
    return HelpSessionPayload.model_validate(payload).model_dump(mode="json")


class Desk:
    """One PC: its own data dir, store and engine; ``clock_offset`` puts its clock off."""

    def __init__(self, data_dir: Path, clock_offset: timedelta = timedelta(0)) -> None:
        self.data_dir = data_dir
        self.clock_offset = clock_offset
        self.store = Store.open(data_dir, backup=False)
        self.engine = SyncEngine(
            self.store, clock=self.now, rng=random.Random(4), timeout=(2.0, 5.0)
        )

    def now(self) -> datetime:
        return datetime.now(UTC) + self.clock_offset

    def close(self) -> None:
        self.store.close()

    # --- what a volunteer does ---------------------------------------------------------------
    def enrol(self, url: str, code: str) -> None:
        self.engine.enrol(url, code, device_name=self.data_dir.name)

    def record(self, services: tuple[str, ...] = ("eid",), **fields: Any) -> str:
        # The store stamps records with its own clock; ``clock_offset`` is what the engine sees.
        draft = SessionDraft(started_at=datetime.now(UTC), services=list(services), **fields)
        return sessions.save_session(self.store, draft).id

    def bulk_record(self, count: int, rng: random.Random) -> list[str]:
        """``count`` sessions through the store's own bulk path (a spreadsheet import)."""
        before = set(self.versions())
        sheet = self.data_dir.parent / f"{self.data_dir.name}-import-{len(before)}.csv"
        with open(sheet, "w", newline="", encoding="utf-8") as handle:
            out = csv.writer(handle)
            out.writerow(["date", "time", "duration_min", "services", "outcome", "age_band",
                          "adult", "first_visit", "channel", "notes"])
            for i in range(count):
                out.writerow([
                    f"{1 + i % 28:02d}/10/2026", f"{9 + i % 8:02d}:{i % 60:02d}",
                    rng.randint(1, 480), ";".join(rng.sample(SERVICES, rng.randint(1, 2))),
                    rng.choice(["solved_by_visitor", "solved_together", "not_solved"]),
                    rng.choice(["55_64", "65_74", "75_plus"]), "ja", "no", "walk_in",
                    f"sessie {len(before) + i}",
                ])
        result = import_file(self.store, sheet)
        assert result.added == count and not result.problems, result.problems
        return sorted(set(self.versions()) - before)

    def edit(self, session_id: str, **fields: Any) -> None:
        draft = sessions.get_session(self.store, session_id)
        sessions.save_session(self.store, replace(draft, **fields))

    def delete(self, session_id: str) -> None:
        sessions.delete_session(self.store, session_id)

    def sync(self) -> SyncResult:
        return self.engine.sync_once()

    # --- what it holds -----------------------------------------------------------------------
    def versions(self) -> dict[str, Version]:
        with self.store.session() as db:
            rows = db.scalars(select(HelpSession)).all()
            return {
                row.id: (row.rev, row.deleted, normalise(session_payload(row, None)))
                for row in rows
            }

    def pending(self) -> int:
        return _count_outbox(self.store)

    def conflicts(self) -> list[Any]:
        return list_conflicts(self.store)


def _count_outbox(store: Store) -> int:
    from digipunt_app.core.sync_engine_store import pending_count

    return pending_count(store)


def server_versions(db: Any, digipunt_id: str | None = None) -> dict[str, Version]:
    """The server's current help sessions (``db``: ``sync.server.db.Database``)."""
    with db.session() as s:
        query = select(server_models.HelpSession)
        if digipunt_id:
            query = query.where(server_models.HelpSession.digipunt_id == digipunt_id)
        return {
            row.id: (row.rev, row.deleted, normalise(row.payload)) for row in s.scalars(query)
        }


def server_version_rows(db: Any) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(server_models.RecordVersion)) or 0)


def server_conflicts(db: Any) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(server_models.Conflict)) or 0)


def sync_until_clean(desks: list[Desk], rounds: int = 3) -> None:
    """Sync every desk ``rounds`` times in turn; each sync must succeed."""
    for _ in range(rounds):
        for desk in desks:
            result = desk.sync()
            assert result.ok, result.error


def random_fields(rng: random.Random) -> dict[str, Any]:
    return {
        "duration_min": rng.randint(1, 480),
        "outcome": rng.choice(["solved_by_visitor", "solved_together", "not_solved"]),
        "notes": rng.choice(["", "Nieuwe smartphone ingesteld", "Brief van de belastingen"]),
    }


Rule = Callable[[str, str], str | None]
