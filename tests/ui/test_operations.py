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


def test_closing_while_the_store_opens_never_hangs_on_the_start_up_check(
    qtbot, tmp_path, monkeypatch
):
    """The window is closed while the store is still opening, with a save already asked for
    (it waits for the start-up check): closing must not wait forever for a check that will
    never run."""
    from digipunt_app.core.store import Store

    Store.open(tmp_path / "d", backup=False).close()  # an existing file: the check is deferred
    real_open = Store.open.__func__
    ops = Operations()

    def open_until_closing(cls, *args, **kwargs):  # the open finishes just after shutdown began
        store = real_open(cls, *args, **kwargs)
        # wait on a condition: shutdown() has looked at ops.check and now waits for the worker
        while not getattr(ops._pools.get("db"), "_shutdown", False):
            threading.Event().wait(0.001)
        return store

    monkeypatch.setattr(Store, "open", classmethod(open_until_closing))
    saved: list[int] = []
    ops.db(lambda store: saved.append(1), changes={"sessions"})  # a save before the data shows
    ops.open_store(tmp_path / "d", defer_check=True, backup=False)
    closing = threading.Thread(target=ops.shutdown)
    closing.start()
    closing.join(timeout=30)  # a guard against a hang, not a timing assertion
    try:
        assert not closing.is_alive(), "closing the window hung on the start-up check"
        assert saved == [1]  # the save asked for still ran
    finally:
        if ops.check is not None:
            ops.check.cancel()  # release the worker (before the fix) so the test run can end
        closing.join()
