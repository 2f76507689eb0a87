"""The Qt client's sync against the real server: enrol dialog, status always visible, a save is
pushed at once, revoked device, conflict dialog. Real window, real store, real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from digipunt_app.core.sync_engine_types import ConflictInfo
from digipunt_app.ui import i18n
from digipunt_app.ui.app import build_window
from digipunt_app.ui.enrol_dialog import EnrolDialog
from digipunt_app.ui.main_window import MainWindow
from digipunt_app.ui.sync_conflicts import ConflictDialog
from tests.e2e.harness import server_versions


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    app = QApplication.instance()
    win = build_window(app, tmp_path / "data", "nl")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.is_ready, timeout=20000)
    qtbot.waitUntil(lambda: getattr(win, "sync_ui", None) is not None, timeout=5000)
    yield win
    win.sync_ui.controller.stop()
    win.ops.shutdown()
    i18n.set_language(app, "nl")


def _enrol(qtbot, win: MainWindow, url: str, code: str) -> EnrolDialog:
    ui = win.sync_ui
    dialog = EnrolDialog(ui.controller.submit_net, ui.controller.enrol_call, win)
    dialog.enrolled.connect(ui.controller.on_enrolled)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_values(url, code)
    dialog.start()
    assert dialog.busy.isVisible() and not dialog.code.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy.isVisible(), timeout=15000)
    return dialog


def test_enrol_then_status_and_save_is_pushed_at_once(qtbot, window, live_server) -> None:
    srv = live_server()
    punt = srv.add_digipunt(srv.add_digibank("Digibank Leie"), "Bib Gent")
    ui = window.sync_ui
    # The first status may be "even geduld" while the controller reads the store; wait for the
    # settled one.
    qtbot.waitUntil(lambda: "Niet ingeschreven" in ui.status.connection.text(), timeout=15000)
    assert not ui.sync_action.isEnabled()

    wrong = _enrol(qtbot, window, srv.url, "FOUT-CODE")
    assert wrong.result_state is None and wrong.error.isVisible()
    assert "al gebruikt, verlopen" in wrong.error.text()

    right = _enrol(qtbot, window, srv.url, srv.enrol_code(punt))
    assert right.result_state is not None and right.result_state.digipunt_name == "Bib Gent"
    qtbot.waitUntil(lambda: "Online" in ui.status.connection.text(), timeout=15000)
    assert ui.status.pending.text() == "0 wachtend"
    assert "Laatste synchronisatie" in ui.status.last_sync.text()
    assert ui.sync_action.isEnabled()

    # Record a session (tile 1, save): it reaches the server by itself, right after the save.
    wrong.close()
    assert window.form.tiles.toggle_number(1)
    with qtbot.waitSignal(window.form.saved, timeout=10000):
        window.form.save()
    qtbot.waitUntil(lambda: len(server_versions(srv.db, punt)) == 1, timeout=15000)
    qtbot.waitUntil(lambda: ui.status.pending.text() == "0 wachtend", timeout=15000)


def test_offline_and_revoked_are_shown(qtbot, window, live_server) -> None:
    srv = live_server()
    punt = srv.add_digipunt(srv.add_digibank("Digibank Leie"), "Bib Gent")
    ui = window.sync_ui
    _enrol(qtbot, window, srv.url, srv.enrol_code(punt))
    qtbot.waitUntil(lambda: "Online" in ui.status.connection.text(), timeout=15000)
    device_id = ui.controller.status.state.device_id

    srv.revoke_device(device_id)
    ui.sync_now()
    qtbot.waitUntil(lambda: "ingetrokken" in ui.status.connection.text(), timeout=15000)
    assert "ingetrokken" in window.info_label.text()  # the manual sync says why

    srv.stop()
    ui.sync_now()
    qtbot.waitUntil(lambda: not ui.controller.running, timeout=15000)
    # Still revoked as far as anyone knows; the network failure does not hide that.
    assert "ingetrokken" in ui.status.connection.text()


def test_conflict_dialog_shows_both_versions_and_choice(qtbot) -> None:
    from datetime import UTC, datetime

    local = {"duration_min": 90, "notes": "versie van pc b", "services": ["eid"], "deleted": False}
    server = {"duration_min": 30, "notes": "versie van pc a", "services": ["eid"], "deleted": False}
    dialog = ConflictDialog(ConflictInfo(1, "s1", local, server, datetime.now(UTC)))
    qtbot.addWidget(dialog)
    assert set(dialog.differing_fields()) == {"duration_min", "notes"}
    labels = [dialog.table.verticalHeaderItem(r).text() for r in range(dialog.table.rowCount())]
    assert "≠ Notities" in labels and "Diensten" in labels  # marked by text, not colour only
    row = labels.index("≠ Notities")
    assert dialog.table.item(row, 0).text() == "versie van pc b"
    assert dialog.table.item(row, 1).text() == "versie van pc a"
    dialog.keep_local.click()
    assert dialog.choice == "local"
