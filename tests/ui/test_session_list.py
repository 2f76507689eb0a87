"""The session list: lazy model, filters, search, delete with undo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from digipunt_app.core import sessions
from digipunt_app.core.records import SessionDraft, SessionFilter
from digipunt_app.ui.session_list import period_range
from digipunt_app.ui.session_model import BATCH, COL_DATE, COL_OUTCOME
from tests.ui.conftest import fetch_row, listed, wait_idle


def _add(store, **kw) -> str:
    draft = SessionDraft(started_at=kw.pop("started_at", datetime.now(UTC)), **kw)
    return sessions.save_session(store, draft).id


def _show_list(qtbot: QtBot, window, expected: int):
    window.tabs.setCurrentWidget(window.session_list)
    lst = window.session_list
    qtbot.waitUntil(lambda: listed(lst.model) == expected and not lst.model.is_loading(),
                    timeout=10000)
    return lst


def test_delete_and_undo_with_the_bar_and_ctrl_z(qtbot, window):
    store = window.ops.store
    keep = _add(store, services=["eid"])
    gone = _add(store, services=["itsme"], notes="weg")
    lst = _show_list(qtbot, window, 2)
    assert lst.select_id(gone)
    lst.delete_selected()
    qtbot.waitUntil(lambda: lst.undo_bar.isVisible() and listed(lst.model) == 1,
                    timeout=10000)
    assert "Ongedaan maken" in lst.undo_button.text().replace("&", "")
    assert lst.model.session_id(0) == keep
    assert sessions.get_session(store, gone) is not None  # a tombstone, not erased
    lst.undo_button.click()
    qtbot.waitUntil(lambda: listed(lst.model) == 2 and not lst.undo_bar.isVisible(),
                    timeout=10000)
    # Ctrl+Z does the same.
    assert lst.select_id(keep)
    lst.table.setFocus()
    qtbot.keyClick(lst.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: listed(lst.model) == 1, timeout=10000)
    qtbot.keyClick(lst.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: listed(lst.model) == 2, timeout=10000)
    assert sessions.count_sessions(store, SessionFilter()) == 2


def test_filters_and_search(qtbot, window):
    store = window.ops.store
    now = datetime.now(UTC)
    _add(store, services=["eid"], outcome="not_solved", notes="kaartlezer kapot")
    _add(store, services=["itsme"], notes="nieuwe gsm")
    _add(store, services=["itsme"], started_at=now - timedelta(days=400))
    lst = _show_list(qtbot, window, 3)

    lst.outcome.setCurrentIndex(lst.outcome.findData("not_solved"))
    qtbot.waitUntil(lambda: listed(lst.model) == 1, timeout=10000)
    lst.outcome.setCurrentIndex(0)
    lst.service.setCurrentIndex(lst.service.findData("itsme"))
    qtbot.waitUntil(lambda: listed(lst.model) == 2, timeout=10000)
    lst.period.setCurrentIndex(lst.period.findData("year"))
    qtbot.waitUntil(lambda: listed(lst.model) == 1 and not lst.model.is_loading(),
                    timeout=10000)
    lst.service.setCurrentIndex(0)
    lst.period.setCurrentIndex(0)
    qtbot.waitUntil(lambda: listed(lst.model) == 3, timeout=10000)
    qtbot.keyClicks(lst.search, "KAPOT")
    qtbot.waitUntil(lambda: listed(lst.model) == 1, timeout=10000)
    qtbot.waitUntil(lambda: fetch_row(lst.model, 0) is not None, timeout=10000)
    assert "kapot" in fetch_row(lst.model, 0).notes
    assert "1 sessie" in lst.count_label.text()
    lst.search.clear()
    lst.helper.setCurrentIndex(0)
    qtbot.waitUntil(lambda: listed(lst.model) == 3, timeout=10000)


def test_sorting_happens_in_sql(qtbot, window):
    store = window.ops.store
    now = datetime.now(UTC)
    for i, minutes in enumerate((30, 10, 20)):
        _add(store, services=["eid"], duration_min=minutes, started_at=now - timedelta(hours=i))
    lst = _show_list(qtbot, window, 3)
    qtbot.waitUntil(lambda: fetch_row(lst.model, 0) is not None, timeout=10000)
    assert fetch_row(lst.model, 0).duration_min == 30  # newest first
    lst.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # duration
    qtbot.waitUntil(lambda: getattr(fetch_row(lst.model, 0), "duration_min", 0) == 10,
                    timeout=10000)
    durations = []
    for row in range(3):
        qtbot.waitUntil(lambda r=row: fetch_row(lst.model, r) is not None, timeout=10000)
        durations.append(fetch_row(lst.model, row).duration_min)
    assert durations == [10, 20, 30]


def test_model_passes_qtmodeltester_and_loads_lazily(qtbot, qtmodeltester, window):
    store = window.ops.store
    base = datetime.now(UTC)
    for i in range(BATCH + 5):
        _add(store, services=["eid" if i % 2 else "email"], started_at=base - timedelta(minutes=i))
    lst = _show_list(qtbot, window, BATCH + 5)
    model = lst.model
    assert model.session_row(BATCH + 4) is None  # not fetched until shown
    qtbot.waitUntil(lambda: fetch_row(model, BATCH + 4) is not None, timeout=10000)
    assert model.session_id(BATCH + 4) == sessions.session_ids(store, SessionFilter())[BATCH + 4]
    qtbot.waitUntil(lambda: fetch_row(model, 0) is not None, timeout=10000)
    wait_idle(qtbot, window)
    assert "/" in model.data(model.index(0, COL_DATE))  # dd/mm/yyyy
    assert model.data(model.index(0, COL_OUTCOME)) == "Samen opgelost"
    qtmodeltester.check(model, force_py=True)


def test_period_ranges():
    from datetime import date

    today = date(2026, 3, 18)  # a Wednesday
    assert period_range("today", today) == (today, today)
    assert period_range("week", today) == (date(2026, 3, 16), date(2026, 3, 22))
    assert period_range("month", today) == (date(2026, 3, 1), date(2026, 3, 31))
    assert period_range("last_month", today) == (date(2026, 2, 1), date(2026, 2, 28))
    assert period_range("year", today) == (date(2026, 1, 1), date(2026, 12, 31))
    assert period_range("all", today) == (None, None)
