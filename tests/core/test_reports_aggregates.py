"""The report's per-day aggregates (``report_day``, kept by SQLite triggers) stay equal to a
from-scratch recount of the sessions, whatever writes them: saves and edits on this PC, deletes
and undos, spreadsheet imports, pulls from the digipunt's other PCs (new versions, tombstones,
the server's copy of a local session) and the retention purge.

The recount is done here in Python from the session rows, independently of the SQL in the
migration; the report itself is checked against the same recount.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import text

from digipunt_app.core import sessions
from digipunt_app.core.helpers import add_helper
from digipunt_app.core.importer import import_file
from digipunt_app.core.records import SessionDraft
from digipunt_app.core.reports import local_report
from digipunt_app.core.retention import purge_expired
from digipunt_app.core.settings import RETENTION_MONTHS, set_setting
from digipunt_app.core.store import Store
from tests.core.test_reports import code, pull, pulled

BXL = ZoneInfo("Europe/Brussels")
# 20 days around 10 March 2026: the purge below keeps 10 March onwards
BASE = datetime(2026, 3, 1, 0, 0, tzinfo=UTC)
MINUTES = st.integers(0, 60 * 24 * 20)
CODES = [None, code("AAAA1111"), code("BBBB2222"), code("CCCC3333")]

fields = st.fixed_dictionaries(
    {
        "minute": MINUTES,
        "duration_min": st.sampled_from([5, 15, 60]),
        "channel": st.sampled_from(["walk_in", "phone"]),
        "services": st.lists(st.sampled_from(["eid", "itsme", "email"]), min_size=1, max_size=2,
                             unique=True),
        "outcome": st.sampled_from(["solved_together", "not_solved"]),
        "referrals": st.lists(st.sampled_from(["ocmw", "bank"]), max_size=2, unique=True),
        "age_band": st.sampled_from(["under_18", "35_54", "unknown"]),
        "adult": st.booleans(),
        "target_groups": st.lists(st.sampled_from(["senior", "jobseeker"]), max_size=2,
                                  unique=True),
        "first_visit": st.sampled_from(["yes", "no"]),
        "visitor_code": st.sampled_from(CODES),
        "helper": st.sampled_from([None, 0, 1]),
    }
)


def recount(store: Store) -> dict[tuple[str, str, str], tuple[int, int]]:
    """(dim, local_date, code) -> (sessions, minutes), from the live session rows."""
    counts: Counter[tuple[str, str, str]] = Counter()
    minutes: Counter[tuple[str, str, str]] = Counter()
    with store.session() as db:
        rows = db.execute(text(
            "SELECT local_date, duration_min, outcome, channel, age_band, helper_id, "
            "adult_confirmed, first_visit, visitor_code, services, referrals, target_groups "
            "FROM help_session WHERE deleted = 0"
        )).all()
    import json

    for (day, mins, outcome, channel, band, helper, adult, first, vcode, services, referrals,
         groups) in rows:
        keys = [("total", ""), ("outcome", outcome), ("channel", channel), ("age_band", band)]
        keys.append(("helper", helper) if helper is not None else ("no_helper", ""))
        if adult and first == "yes" and not vcode:
            keys.append(("estimated", ""))
        keys += [("service", s) for s in json.loads(services)]
        keys += [("referral", r) for r in json.loads(referrals)]
        keys += [("target_group", g) for g in json.loads(groups)]
        for dim, key in keys:
            counts[(dim, str(day), key)] += 1
            minutes[(dim, str(day), key)] += mins
    return {k: (n, minutes[k]) for k, n in counts.items()}


def stored(store: Store) -> dict[tuple[str, str, str], tuple[int, int]]:
    with store.session() as db:
        rows = db.execute(text(
            "SELECT dim, local_date, code, sessions, minutes FROM report_day WHERE sessions <> 0"
        )).all()
    return {(d, day, c): (n, m) for d, day, c, n, m in rows}


class ReportAggregates(RuleBasedStateMachine):
    local_ids = Bundle("local_ids")
    pulled_ids = Bundle("pulled_ids")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="digipunt-aggr-"))
        self.store = Store.open(self.folder, backup=False)
        self.helpers = [add_helper(self.store, n).id for n in ("Marie", "Jan")]
        set_setting(self.store, RETENTION_MONTHS, 1)
        self.cursor = 0
        self.seq = 0
        self.imports = 0

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _draft(self, f: dict[str, Any], draft: SessionDraft | None = None) -> SessionDraft:
        draft = draft or SessionDraft(started_at=BASE)
        draft.started_at = BASE + timedelta(minutes=f["minute"])
        draft.duration_min = f["duration_min"]
        draft.channel, draft.outcome = f["channel"], f["outcome"]
        draft.services, draft.referrals = f["services"], f["referrals"]
        draft.age_band, draft.first_visit = f["age_band"], f["first_visit"]
        draft.adult_confirmed = f["adult"] and f["age_band"] != "under_18"
        draft.target_groups, draft.visitor_code = f["target_groups"], f["visitor_code"]
        draft.helper_id = None if f["helper"] is None else self.helpers[f["helper"]]
        return draft

    def _row(self, sid: str) -> tuple[int, bool] | None:
        """(rev, deleted), or None once the retention purge removed the session."""
        with self.store.session() as db:
            row = db.execute(
                text("SELECT rev, deleted FROM help_session WHERE id = :i"), {"i": sid}
            ).one_or_none()
        return None if row is None else (int(row[0]), bool(row[1]))

    @initialize(target=local_ids, f=fields)
    def first(self, f: dict[str, Any]) -> str:
        return sessions.save_session(self.store, self._draft(f)).id

    @rule(target=local_ids, f=fields)
    def save(self, f: dict[str, Any]) -> str:
        return sessions.save_session(self.store, self._draft(f)).id

    @rule(sid=local_ids, f=fields)
    def edit(self, sid: str, f: dict[str, Any]) -> None:
        row = self._row(sid)
        if row is None or row[1]:
            return  # purged, or deleted (the form refuses to edit a deleted session)
        sessions.save_session(self.store, self._draft(f, sessions.get_session(self.store, sid)))

    @rule(sid=local_ids)
    def delete(self, sid: str) -> None:
        if self._row(sid) is not None:
            sessions.delete_session(self.store, sid)

    @rule(sid=local_ids)
    def undelete(self, sid: str) -> None:
        if self._row(sid) is not None:
            sessions.undelete_session(self.store, sid)

    @rule(target=pulled_ids, f=fields, deleted=st.booleans())
    def pull_new(self, f: dict[str, Any], deleted: bool) -> str:
        self.seq += 1
        sid = f"other-pc-{self.seq}"
        self._pull(sid, 1, f, deleted)
        return sid

    @rule(sid=st.one_of(pulled_ids, local_ids), f=fields, deleted=st.booleans())
    def pull_new_version(self, sid: str, f: dict[str, Any], deleted: bool) -> None:
        """A newer version from the server: an edit on the other PC, or the server's copy of a
        session of this PC (a conflict: the server's copy wins)."""
        row = self._row(sid)
        if row is not None:
            self._pull(sid, row[0] + 1, f, deleted)

    def _pull(self, sid: str, rev: int, f: dict[str, Any], deleted: bool) -> None:
        self.seq += 1
        started = BASE + timedelta(minutes=f["minute"])
        change = pulled(
            self.seq, sid, rev, started, deleted=deleted,
            duration_min=f["duration_min"], channel=f["channel"], services=f["services"],
            outcome=f["outcome"], referrals=f["referrals"], age_band=f["age_band"],
            adult_confirmed=f["adult"] and f["age_band"] != "under_18",
            target_groups=f["target_groups"], first_visit=f["first_visit"],
            visitor_code=f["visitor_code"],
            helper_id=None if f["helper"] is None else self.helpers[f["helper"]],
        )
        self.cursor = pull(self.store, self.cursor, [change])

    @rule(minute=MINUTES, rows=st.integers(1, 3))
    def import_spreadsheet(self, minute: int, rows: int) -> None:
        self.imports += 1
        lines = ["date,time,duration_min,services,outcome,age_band,adult,first_visit,notes"]
        for i in range(rows):
            at = (BASE + timedelta(minutes=minute + i)).astimezone(BXL)
            lines.append(
                f"{at:%Y-%m-%d},{at:%H:%M},{10 + i},email;eid,not_solved,35_54,yes,yes,"
                f"import {self.imports}.{i}"
            )
        path = self.folder / f"import-{self.imports}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert import_file(self.store, path).added == rows

    @rule()
    def purge(self) -> None:
        purge_expired(self.store, today=date(2026, 4, 10))  # keeps 10 March onwards

    @invariant()
    def aggregates_equal_a_recount(self) -> None:
        want = recount(self.store)
        assert stored(self.store) == want
        report = local_report(self.store, date(2026, 2, 1), date(2026, 4, 30))
        assert report.sessions == sum(n for (d, _, _), (n, _) in want.items() if d == "total")
        assert report.minutes == sum(m for (d, _, _), (_, m) in want.items() if d == "total")
        with self.store.session() as db:
            codes = db.execute(text(
                "SELECT COUNT(DISTINCT visitor_code) FROM help_session WHERE deleted = 0 "
                "AND adult_confirmed = 1 AND visitor_code IS NOT NULL AND visitor_code <> ''"
            )).scalar_one()
        assert report.reach[0].with_code == codes


ReportAggregates.TestCase.settings = settings(
    max_examples=12,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_report_aggregates = ReportAggregates.TestCase


def test_existing_sessions_are_counted_by_the_migration(tmp_path: Path) -> None:
    """A store made before the aggregates existed gets them filled by the migration."""
    from alembic import command

    from digipunt_app.core import migrate

    store = Store.open(tmp_path, backup=False)
    try:
        for minute, services in ((0, ["eid"]), (60, ["eid", "email"]), (60 * 30, ["email"])):
            sessions.save_session(
                store, SessionDraft(started_at=BASE + timedelta(minutes=minute), services=services)
            )
        gone = sessions.save_session(store, SessionDraft(started_at=BASE, services=["itsme"]))
        sessions.delete_session(store, gone.id)
        before = stored(store)
        cfg = migrate.alembic_config()
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0003_notes_index")
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        assert stored(store) == before == recount(store)
        assert before[("service", "2026-03-01", "eid")] == (2, 30)
        assert ("service", "2026-03-01", "itsme") not in before  # deleted
    finally:
        store.close()
