"""The digipunt's own report, computed from a real local store, checked against hand-computed
numbers.

The fixture (January 2026, Europe/Brussels) mixes sessions recorded on this PC (through the
store's own ``save_session``/``delete_session``) with sessions of the digipunt's other PC that came
in by pull (through the sync engine's ``apply_pull``), including edits and deletes on both sides.
Every number asserted below is worked out by hand in the comments.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from digipunt_app.core.helpers import add_helper
from digipunt_app.core.local_info import set_local_digipunt
from digipunt_app.core.records import SessionDraft
from digipunt_app.core.reports import local_report
from digipunt_app.core.reports_model import ReportCancelled, period_dates
from digipunt_app.core.sessions import delete_session, get_session, save_session
from digipunt_app.core.store import Store
from digipunt_app.core.sync_engine_store import apply_pull
from sync.protocol import Change, PullResponse, luhn32_check_symbol

BXL = ZoneInfo("Europe/Brussels")
DIGIPUNT = "0190a0a0-0000-7000-8000-00000000d001"
JAN = (date(2026, 1, 1), date(2026, 1, 31))


def code(body: str) -> str:
    return f"{body[:4]}-{body[4:]}-{luhn32_check_symbol(body)}"


A, B, C, D, E, F = (
    code(b) for b in ("AAAA1111", "BBBB2222", "CCCC3333", "DDDD4444", "EEEE5555", "FFFF6666")
)


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=BXL)


def local(store: Store, started: datetime, **kw: Any) -> str:
    draft = SessionDraft(started_at=started, **kw)
    return save_session(store, draft).id


def pulled(
    seq: int, sid: str, rev: int, started: datetime, *, deleted: bool = False, **kw: Any
) -> Change:
    payload: dict[str, Any] = {
        "digipunt_id": DIGIPUNT,
        "device_id": "other-pc",
        "helper_id": None,
        "started_at": started.astimezone(UTC).isoformat(),
        "local_date": started.astimezone(BXL).date().isoformat(),
        "duration_min": 15,
        "channel": "walk_in",
        "services": ["email"],
        "outcome": "solved_together",
        "referrals": [],
        "age_band": "unknown",
        "adult_confirmed": True,
        "target_groups": [],
        "language": "nl",
        "interpreter": False,
        "first_visit": "unknown",
        "visitor_code": None,
        "postcode": None,
        "notes": "",
        "created_at": started.astimezone(UTC).isoformat(),
    }
    payload.update(kw)
    return Change(
        seq=seq,
        type="help_session",
        id=sid,
        rev=rev,
        deleted=deleted,
        updated_at=datetime(2026, 2, 1, tzinfo=UTC),
        payload=payload,
    )


def pull(store: Store, cursor: int, changes: list[Change]) -> int:
    nxt = max(c.seq for c in changes)
    page = PullResponse(
        changes=changes,
        next_cursor=nxt,
        has_more=False,
        server_time=datetime(2026, 2, 1, tzinfo=UTC),
    )
    apply_pull(store, page, from_cursor=cursor)
    return nxt


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "data")
    yield s
    s.close()


@pytest.fixture
def fixture_store(store: Store) -> Store:
    set_local_digipunt(
        store,
        {
            "id": DIGIPUNT,
            "name": "Bib Aalst",
            "municipality": "Aalst",
            "digibank_id": "db1",
            "digibank_name": "Digibank Denderstreek",
        },
        device_id="this-pc",
    )
    marie = add_helper(store, "Marie Peeters").id
    jan = add_helper(store, "Jan Claes").id
    # --- recorded on this PC ---
    local(
        store,
        at(2026, 1, 5),
        visitor_code=A,
        age_band="65_74",
        first_visit="yes",  # L1
        services=["eid", "itsme"],
        referrals=["ocmw"],
        target_groups=["senior"],
        helper_id=marie,
        duration_min=30,
    )
    local(
        store,
        at(2026, 1, 13, 14),
        visitor_code=B.lower(),
        age_band="75_plus",  # L2
        first_visit="yes",
        services=["taxonweb"],
        outcome="partly_followup",
        channel="appointment",
        referrals=["fod_finance", "ocmw"],
        target_groups=["senior", "lives_alone"],
        helper_id=jan,
        duration_min=45,
    )
    local(
        store,
        at(2026, 1, 20, 9),
        age_band="35_54",
        first_visit="yes",  # L3
        services=["smartphone"],
        outcome="solved_by_visitor",
        channel="phone",
        duration_min=15,
    )
    local(
        store,
        at(2026, 1, 21, 11),
        age_band="55_64",
        first_visit="no",  # L4
        services=["email"],
        outcome="not_solved",
        helper_id=jan,
        duration_min=10,
    )
    local(
        store,
        at(2026, 1, 22, 11),
        age_band="unknown",
        first_visit="unknown",  # L5
        services=["email"],
        helper_id=marie,
        duration_min=10,
    )
    local(
        store,
        at(2026, 1, 23, 15),
        visitor_code=C,
        age_band="under_18",  # L6
        adult_confirmed=False,
        first_visit="yes",
        services=["smartphone"],
        helper_id=marie,
        duration_min=25,
    )
    l7 = local(
        store,
        at(2026, 1, 26),
        visitor_code=D,
        age_band="25_34",  # L7 del
        first_visit="yes",
        services=["banking"],
        helper_id=marie,
        duration_min=60,
    )
    l8 = local(
        store,
        at(2026, 1, 26, 11),
        age_band="25_34",
        first_visit="yes",  # L8 del
        services=["banking"],
        helper_id=marie,
        duration_min=60,
    )
    delete_session(store, l7)
    delete_session(store, l8)
    l9 = local(
        store,
        at(2026, 1, 27),
        age_band="25_34",
        first_visit="no",  # L9
        services=["banking"],
        outcome="not_solved",
        helper_id=marie,
        duration_min=20,
    )
    edit = get_session(store, l9)  # edited: the latest version is the one that counts
    edit.services, edit.outcome, edit.first_visit, edit.duration_min = (
        ["doccle"],
        "solved_together",
        "yes",
        40,
    )
    save_session(store, edit)
    local(
        store,
        at(2026, 1, 31, 23, 30),
        visitor_code=A,
        age_band="65_74",  # L10
        first_visit="no",
        services=["itsme"],
        helper_id=marie,
        duration_min=20,
    )
    local(
        store,
        at(2026, 2, 1, 0, 30),
        visitor_code=E,
        age_band="35_54",  # L11 Feb
        first_visit="yes",
        services=["eid"],
        duration_min=10,
    )
    local(
        store,
        at(2025, 12, 31, 23, 59),
        visitor_code=F,
        age_band="35_54",  # L12 Dec
        first_visit="yes",
        services=["eid"],
        duration_min=10,
    )
    # --- from the digipunt's other PC, by pull ---
    cursor = pull(
        store,
        0,
        [
            pulled(
                1,
                "p1",
                1,
                at(2026, 1, 12),
                visitor_code=A,
                first_visit="no",  # P1
                services=["eid"],
                age_band="65_74",
                helper_id=marie,
                duration_min=20,
            ),
            pulled(
                2,
                "p2",
                1,
                at(2026, 1, 14),
                visitor_code=B,
                first_visit="no",  # P2
                services=["taxonweb"],
                outcome="partly_followup",
                channel="appointment",
                age_band="75_plus",
                referrals=["fod_finance"],
                duration_min=30,
            ),
            pulled(
                3,
                "p3",
                1,
                at(2026, 1, 15),
                first_visit="yes",
                services=["vdab"],  # P3 r1
                age_band="18_24",
                channel="online",
                target_groups=["jobseeker"],
                duration_min=35,
            ),
            pulled(
                4,
                "p4",
                1,
                at(2026, 1, 16),
                visitor_code=code("GGGG7777"),  # P4
                first_visit="yes",
                services=["eid"],
                age_band="35_54",
            ),
        ],
    )
    pull(
        store,
        cursor,
        [
            pulled(
                5,
                "p3",
                2,
                at(2026, 1, 15),
                first_visit="no",
                services=["vdab"],  # P3 r2
                age_band="18_24",
                channel="online",
                target_groups=["jobseeker"],
                outcome="not_solved",
                duration_min=35,
            ),
            pulled(
                6,
                "p4",
                2,
                at(2026, 1, 16),
                deleted=True,
                visitor_code=code("GGGG7777"),  # P4 del
                first_visit="yes",
                services=["eid"],
                age_band="35_54",
            ),
        ],
    )
    return store


def values(report: Any, key: str) -> dict[str, float]:
    return {line.code: line.value for line in report.breakdown(key).lines}


def test_january_numbers_match_the_hand_computed_answers(fixture_store: Store) -> None:
    report = local_report(fixture_store, *JAN)
    assert report.title == "Digipunt Bib Aalst"
    # live in January: L1-L6, L9, L10 (this PC) + P1, P2, P3 (other PC) = 11;
    # L7, L8, P4 deleted; L11 is 1 February in Brussels, L12 is 31 December in Brussels
    assert report.sessions == 11
    # Marie 30+10+25+40+20+20 = 145, Jan 45+10 = 55, nobody 15+30+35 = 80
    assert report.minutes == 280
    hours = {line.label: line.value for line in report.breakdown("helper_hours").lines}
    assert hours == {"Marie Peeters": 2.4, "Geen helper ingevuld": 1.3, "Jan Claes": 0.9}

    (reach,) = report.reach
    # adult codes: A (L1, L10, P1: once), B (L2 typed in lower case, P2: once) -> 2;
    # C is a minor, D and P4's code were deleted, E and F are outside January
    assert reach.with_code == 2
    # adult first visit without code: L3, and L9 after its edit -> 2;
    # L8 deleted, P3 was edited on the other PC to a repeat visit
    assert reach.estimated == 2
    assert (reach.total, reach.next_tier, reach.to_go) == (4, 1000, 996)

    assert values(report, "services") == {
        "eid": 2,
        "itsme": 2,
        "taxonweb": 2,
        "smartphone": 2,
        "email": 2,
        "doccle": 1,
        "vdab": 1,
    }  # banking only in deleted sessions and in L9 before its edit
    labels = {line.code: line.label for line in report.breakdown("services").lines}
    assert labels["eid"] == "eID & kaartlezer"
    assert values(report, "outcomes") == {
        "solved_together": 6,
        "partly_followup": 2,
        "not_solved": 2,
        "solved_by_visitor": 1,
    }
    assert values(report, "channels") == {
        "walk_in": 7,
        "appointment": 2,
        "phone": 1,
        "online": 1,
        "home_visit": 0,
    }
    assert values(report, "age_bands") == {
        "under_18": 1,
        "18_24": 1,
        "25_34": 1,
        "35_54": 1,
        "55_64": 1,
        "65_74": 3,
        "75_plus": 2,
        "unknown": 1,
    }
    assert [line.code for line in report.breakdown("age_bands").lines][:2] == ["under_18", "18_24"]
    assert values(report, "referrals") == {"ocmw": 2, "fod_finance": 2}
    assert values(report, "target_groups") == {"senior": 2, "lives_alone": 1, "jobseeker": 1}
    # ISO weeks of January 2026: W1 = 29 Dec-4 Jan ... W5 = 26 Jan-1 Feb
    assert values(report, "per_week") == {
        "2026-W01": 0,
        "2026-W02": 1,
        "2026-W03": 4,
        "2026-W04": 4,
        "2026-W05": 2,
    }
    assert values(report, "per_month") == {"2026-01": 11}


def test_session_late_on_the_last_day_lands_in_its_brussels_month(fixture_store: Store) -> None:
    # 31 Jan 23:30 Brussels is in January (checked above); 1 Feb 00:30 Brussels is 31 Jan
    # 23:30 UTC but belongs to February, with its code E
    feb = local_report(fixture_store, date(2026, 2, 1), date(2026, 2, 28))
    assert feb.sessions == 1 and feb.reach[0].with_code == 1
    dec = local_report(fixture_store, date(2025, 12, 1), date(2025, 12, 31))
    assert dec.sessions == 1 and values(dec, "per_month") == {"2025-12": 1}
    last_day = local_report(fixture_store, date(2026, 1, 31), date(2026, 1, 31))
    assert last_day.sessions == 1 and last_day.reach[0].with_code == 1  # L10, code A


def test_a_whole_year_lists_every_month_and_week(fixture_store: Store) -> None:
    year = local_report(fixture_store, date(2026, 1, 1), date(2026, 12, 31))
    assert year.sessions == 12  # January + L11 in February
    assert len(year.breakdown("per_month").lines) == 12
    assert values(year, "per_month")["2026-02"] == 1
    assert len(year.breakdown("per_week").lines) == 53  # 2026 has 53 ISO weeks
    assert year.reach[0].with_code == 3  # A, B, E


def test_empty_store_gives_an_empty_report(store: Store) -> None:
    report = local_report(store, *JAN)
    assert report.sessions == 0 and report.minutes == 0
    assert report.title == "Dit digipunt"
    assert report.reach[0].total == 0 and report.reach[0].to_go == 1000
    assert values(report, "services") == {}
    assert sum(values(report, "per_week").values()) == 0


def test_progress_and_cancel(fixture_store: Store) -> None:
    seen: list[int] = []
    local_report(fixture_store, *JAN, progress=lambda done, total, what: seen.append(done))
    assert seen == sorted(seen) and seen[0] == 0 and len(seen) >= 5
    with pytest.raises(ReportCancelled):
        local_report(fixture_store, *JAN, cancelled=lambda: True)


def test_named_periods() -> None:
    today = date(2026, 3, 4)  # a Wednesday
    assert period_dates("this_week", today) == (date(2026, 3, 2), date(2026, 3, 8))
    assert period_dates("this_month", today) == (date(2026, 3, 1), date(2026, 3, 31))
    assert period_dates("last_month", today) == (date(2026, 2, 1), date(2026, 2, 28))
    assert period_dates("this_year", today) == (date(2026, 1, 1), date(2026, 12, 31))
    assert period_dates("last_month", date(2026, 1, 15)) == (date(2025, 12, 1), date(2025, 12, 31))


def test_report_queries_read_per_day_aggregates_and_the_reach_index(fixture_store: Store) -> None:
    """Speed at 200k sessions: the breakdowns read only ``report_day`` (per-day sums) through
    its primary key, reach one range of a partial covering index; no query reads the sessions."""
    from sqlalchemy import text

    from digipunt_app.core import reports

    local_report(fixture_store, *JAN)
    params = {"dfrom": "2026-01-01", "dto": "2026-01-31"}
    with fixture_store.session() as db:

        def plan(sql: str) -> str:
            rows = db.execute(text("EXPLAIN QUERY PLAN " + sql), params)
            return " ".join(str(r[3]) for r in rows)

        for sql in (reports._PER_DAY, reports._BY_CODE):
            assert "SEARCH report_day USING PRIMARY KEY" in plan(sql), plan(sql)
        assert f"COVERING INDEX {reports.REACH_INDEX}" in plan(reports._CODES)
        names = {r[0] for r in db.execute(text("SELECT name FROM sqlite_master"))}
    assert "ix_help_session_report" not in names  # the old lazy index is gone


def test_reports_core_imports_neither_qt_nor_matplotlib() -> None:
    """Core stays headless (DESIGN §2) and importing it costs no chart library (lazy)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import digipunt_app.core.reports, digipunt_app.core.report_export\n"
        "import digipunt_app.core.reports_regional, digipunt_app.core.reports_cli\n"
        "import digipunt_app.core.reports_charts\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'matplotlib'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
