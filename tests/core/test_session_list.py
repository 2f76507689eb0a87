"""The session list queries: count, filters, sort keys, batch rows; indexes are used."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from digipunt_app.core import helpers, session_query, sessions
from digipunt_app.core.records import SessionFilter
from digipunt_app.core.store import Store
from tests.core.conftest import draft


@pytest.fixture
def filled(store: Store) -> dict[str, str]:
    an = helpers.add_helper(store, "an")
    bert = helpers.add_helper(store, "Bert")
    made = {}
    specs = [
        ("a", datetime(2026, 3, 1, 9, 0, tzinfo=UTC), 30, ["eid"], "solved_together", an.id,
         "walk_in", "kaartlezer werkte niet"),
        ("b", datetime(2026, 3, 2, 9, 0, tzinfo=UTC), 10, ["itsme", "eid"], "not_solved", bert.id,
         "phone", "ITSME opnieuw"),
        ("c", datetime(2026, 3, 3, 23, 30, tzinfo=UTC), 60, ["email"], "partly_followup", None,
         "appointment", "100% klaar"),
        ("d", datetime(2026, 3, 5, 9, 0, tzinfo=UTC), 20, ["banking"], "solved_together", an.id,
         "online", ""),
    ]
    for name, when, dur, services, outcome, helper_id, channel, notes in specs:
        row = sessions.save_session(
            store,
            draft(started_at=when, duration_min=dur, services=services, outcome=outcome,
                  helper_id=helper_id, channel=channel, notes=notes),
        )
        made[name] = row.id
    made["an"], made["bert"] = an.id, bert.id
    return made


def names(ids: list[str], made: dict[str, str]) -> str:
    back = {v: k for k, v in made.items()}
    return "".join(back[i] for i in ids)


def test_default_is_newest_first(store: Store, filled: dict[str, str]) -> None:
    assert names(sessions.session_ids(store), filled) == "dcba"
    oldest_first = sessions.session_ids(store, SessionFilter(), "started_at", False)
    assert names(oldest_first, filled) == "abcd"
    assert sessions.count_sessions(store, SessionFilter()) == 4


@pytest.mark.parametrize(
    ("key", "descending", "expected"),
    [
        ("duration_min", False, "bdac"),
        ("duration_min", True, "cadb"),
        ("outcome", False, "bcda"),  # not_solved < partly_followup < solved_together (newest 1st)
        ("helper", False, "cdab"),  # no helper first, then an (case-insensitive), then Bert
        ("channel", False, "cdba"),  # appointment, online, phone, walk_in
    ],
)
def test_sort_keys(
    store: Store, filled: dict[str, str], key: str, descending: bool, expected: str
) -> None:
    assert names(sessions.session_ids(store, SessionFilter(), key, descending), filled) == expected


def test_unknown_sort_key(store: Store) -> None:
    with pytest.raises(ValueError):
        sessions.session_ids(store, SessionFilter(), "notes", True)


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (SessionFilter(service="eid"), "ba"),
        (SessionFilter(outcome="solved_together"), "da"),
        (SessionFilter(text="itsme"), "b"),  # case-insensitive
        (SessionFilter(text="100%"), "c"),  # % is a character, not a wildcard
        (SessionFilter(date_from=date(2026, 3, 2), date_to=date(2026, 3, 3)), "b"),
        # 23:30 UTC on 3 March is 4 March in Brussels (UTC+1): the list uses the local date
        (SessionFilter(date_from=date(2026, 3, 4), date_to=date(2026, 3, 4)), "c"),
        (SessionFilter(date_from=date(2026, 3, 4)), "dc"),
        (SessionFilter(date_to=date(2026, 3, 1)), "a"),
        (SessionFilter(service="eid", outcome="not_solved"), "b"),
    ],
)
def test_filters(
    store: Store, filled: dict[str, str], flt: SessionFilter, expected: str
) -> None:
    assert names(sessions.session_ids(store, flt), filled) == expected
    assert sessions.count_sessions(store, flt) == len(expected)


def test_filter_by_helper(store: Store, filled: dict[str, str]) -> None:
    assert names(sessions.session_ids(store, SessionFilter(helper_id=filled["an"])), filled) == "da"


def test_service_filter_follows_edits(store: Store, filled: dict[str, str]) -> None:
    d = sessions.get_session(store, filled["d"])
    d.services = ["eid"]
    sessions.save_session(store, d)
    assert names(sessions.session_ids(store, SessionFilter(service="eid")), filled) == "dba"
    assert sessions.count_sessions(store, SessionFilter(service="banking")) == 0


def test_rows_in_requested_order_with_helper_names(store: Store, filled: dict[str, str]) -> None:
    ids = [filled["b"], "missing", filled["a"], filled["c"]]
    rows = sessions.session_rows(store, ids)
    assert [r.id for r in rows] == [filled["b"], filled["a"], filled["c"]]
    assert [r.helper_name for r in rows] == ["Bert", "an", None]
    assert rows[0].services == ("itsme", "eid") and rows[0].pending_sync


@pytest.mark.parametrize(
    "flt",
    [
        SessionFilter(),
        SessionFilter(service="eid"),
        SessionFilter(outcome="not_solved"),
        SessionFilter(helper_id="x"),
        SessionFilter(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31)),
        SessionFilter(text="kaartlezer"),
        SessionFilter(service="eid", outcome="solved_together", date_from=date(2026, 3, 1)),
    ],
)
def test_list_queries_use_indexes_in_order(
    store: Store, filled: dict[str, str], flt: SessionFilter
) -> None:
    """Newest-first lists are index range scans: no full table scan, no sort step."""
    for sql, params in (
        session_query.ids_sql(flt, "started_at", True),
        session_query.count_sql(flt),
    ):
        with store.engine.connect() as conn:
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, tuple(params)).fetchall()
        plan = " | ".join(r[-1] for r in rows)
        assert "SCAN h" not in plan and "SCAN help_session" not in plan, plan
        assert "SCAN ss" not in plan, plan
        if "ORDER BY" in sql:
            assert "TEMP B-TREE" not in plan, plan


def test_notes_search_follows_edits(store: Store, filled: dict[str, str]) -> None:
    d = sessions.get_session(store, filled["a"])
    d.notes = "nieuwe pincode"
    sessions.save_session(store, d)
    assert sessions.session_ids(store, SessionFilter(text="kaartlezer")) == []
    assert names(sessions.session_ids(store, SessionFilter(text="PINCODE")), filled) == "a"
    assert names(sessions.session_ids(store, SessionFilter(text="pi")), filled) == "a"  # short


@pytest.mark.parametrize("key", sessions.SORT_KEYS)
@pytest.mark.parametrize("descending", [True, False])
def test_all_ids_keep_sql_order_and_pages_match(
    store: Store, filled: dict[str, str], key: str, descending: bool
) -> None:
    """All ids come back as one joined string: same order as the plain ordered query; pages
    (limit/offset) are slices of it."""
    for flt in (SessionFilter(), SessionFilter(service="eid")):
        sql, params = session_query.ids_sql(flt, key, descending)
        with store.engine.connect() as conn:
            plain = [r[0] for r in conn.exec_driver_sql(sql, tuple(params))]
        everything = sessions.session_ids(store, flt, key, descending)
        assert everything == plain
        pages = [
            sessions.session_ids(store, flt, key, descending, limit=2, offset=o)
            for o in range(0, len(plain), 2)
        ]
        assert [i for page in pages for i in page] == plain
    assert sessions.session_ids(store, SessionFilter(text="nothing like this")) == []
