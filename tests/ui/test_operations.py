"""The background-operation helper: work off the GUI thread, answers on it, change sets."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject
from shiboken6 import isValid

from digipunt_app.ui.operations import Operations


def test_db_work_runs_off_the_gui_thread_and_answers_on_it(qtbot, tmp_path):
    ops = Operations()
    opened = []
    ops.open_store(tmp_path / "d", on_success=opened.append)
    seen: dict[str, object] = {}
    changes: list[frozenset[str]] = []
    ops.changed.connect(changes.append)
    gui = threading.get_ident()

    def work(store):
        seen["worker"] = threading.get_ident()
        return 42

    def done(value):
        seen["callback"] = threading.get_ident()
        seen["value"] = value

    ops.db(work, on_success=done, changes={"sessions"})
    qtbot.waitUntil(lambda: "value" in seen, timeout=10000)
    assert opened and seen["worker"] != gui and seen["callback"] == gui
    assert seen["value"] == 42 and changes == [frozenset({"sessions"})]
    ops.shutdown()


def test_failures_reach_the_callback_or_the_failed_signal(qtbot, tmp_path):
    ops = Operations()
    ops.open_store(tmp_path / "d")
    errors: list[BaseException] = []
    ops.db(lambda s: 1 / 0, on_failure=errors.append, changes={"sessions"})
    with qtbot.waitSignal(ops.failed, timeout=10000) as failed:
        ops.net(lambda: int("x"))
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert isinstance(errors[0], ZeroDivisionError)
    assert isinstance(failed.args[0], ValueError)
    ops.shutdown()


def test_no_callback_for_a_deleted_owner_or_a_cancelled_operation(qtbot, tmp_path):
    ops = Operations()
    ops.open_store(tmp_path / "d")
    owner = QObject()
    called: list[int] = []
    gate = threading.Event()
    ops.db(lambda s: gate.wait(5), on_success=lambda _r: called.append(1), owner=owner)
    handle = ops.db(lambda s: 2, on_success=lambda _r: called.append(2))
    handle.cancel()
    owner.deleteLater()
    qtbot.waitUntil(lambda: not isValid(owner), timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: ops.busy == 0, timeout=10000)
    assert called == []
    ops.shutdown()


def test_db_operation_before_open_waits_for_the_store(qtbot, tmp_path):
    ops = Operations()
    got = []
    ops.db(lambda store: store.data_dir, on_success=got.append)
    ops.open_store(tmp_path / "d")
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    assert got[0] == tmp_path / "d"
    ops.shutdown()
