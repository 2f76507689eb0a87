"""The data is shown first and the file is checked right after; a file found damaged then is
moved aside and the newest good backup restored while the window stays open, with nothing typed
lost (DESIGN.md §4; issue 2)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from digipunt_app.core import helpers, sessions
from digipunt_app.core.store import Store, backup_files
from digipunt_app.ui import i18n
from digipunt_app.ui.app import build_window
from digipunt_app.ui.main_window import MainWindow
from tests.core.conftest import draft
from tests.core.test_recovery import damage_table
from tests.ui.conftest import fetch_row, listed

BACKUP_DAY = date(2026, 3, 1)


@pytest.fixture
def filled(data_dir: Path) -> dict[str, str]:
    """A store with a backup of 01/03/2026 holding one session and a volunteer, and a session
    saved after that backup (lost when the backup comes back)."""
    store = Store.open(data_dir, backup=False)
    try:
        anna = helpers.add_helper(store, "Anna")
        kept = sessions.save_session(store, draft(duration_min=11, helper_id=anna.id))
        store.daily_backup(BACKUP_DAY)
        later = sessions.save_session(store, draft(duration_min=22))
    finally:
        store.close()
    return {"anna": anna.id, "kept": kept.id, "later": later.id}


@pytest.fixture
def open_window(qtbot, data_dir: Path) -> Iterator[Callable[..., MainWindow]]:
    """Build the window with ``on_ready`` connected before it can be ready (the check starts
    right after ``ready``), show it and wait until its data is shown."""
    windows: list[MainWindow] = []

    def _open(on_ready: Callable[[MainWindow], None] | None = None) -> MainWindow:
        app = QApplication.instance()
        window = build_window(app, None, None)
        windows.append(window)
        qtbot.addWidget(window)
        if on_ready is not None:
            window.ready.connect(lambda: on_ready(window))
        window.start(data_dir)
        window.show()
        qtbot.waitUntil(window.is_ready, timeout=20000)
        return window

    yield _open
    for window in windows:
        window.ops.shutdown()
    i18n.set_language(QApplication.instance(), "nl")


def _listed_ids(qtbot, window: MainWindow, expected: int) -> set[str]:
    window.tabs.setCurrentWidget(window.session_list)
    model = window.session_list.model
    qtbot.waitUntil(lambda: listed(model) == expected, timeout=15000)
    ids = set()
    for row in range(expected):
        qtbot.waitUntil(lambda row=row: fetch_row(model, row) is not None, timeout=15000)
        ids.add(model.session_id(row))
    return ids


def test_data_is_shown_before_the_check_and_the_backup_follows_it(
    qtbot, open_window, data_dir: Path, filled: dict[str, str]
) -> None:
    at_ready: dict[str, object] = {}

    def seen(window: MainWindow) -> None:
        at_ready["checked"] = window.is_checked()
        at_ready["backups"] = [p.name for p in backup_files(data_dir / "backups")]
        at_ready["helper"] = window.form.helper.findData(filled["anna"]) >= 0

    window = open_window(seen)
    assert at_ready == {"checked": False, "backups": ["digipunt-2026-03-01.sqlite3"],
                        "helper": True}
    qtbot.waitUntil(window.is_checked, timeout=20000)
    qtbot.waitUntil(lambda: len(backup_files(data_dir / "backups")) == 2, timeout=20000)
    assert not window.info_bar.isVisible()
    assert _listed_ids(qtbot, window, 2) == {filled["kept"], filled["later"]}


def test_damage_found_after_the_data_is_shown_restores_the_backup_and_keeps_the_form(
    qtbot, open_window, data_dir: Path, filled: dict[str, str]
) -> None:
    def damage(window: MainWindow) -> None:
        # the disk goes bad under the open store, and the volunteer starts typing
        damage_table(data_dir / "digipunt.sqlite3", "help_session")
        window.form.tiles.toggle_number(2)
        window.form.notes.setPlainText("Hulp bij itsme op de nieuwe telefoon")

    window = open_window(damage)
    qtbot.waitUntil(window.is_checked, timeout=20000)
    qtbot.waitUntil(lambda: "teruggezet" in window.info_label.text(), timeout=20000)
    text = window.info_label.text()
    assert "beschadigd" in text and "01/03/2026" in text and "niet verloren" in text
    assert window.info_bar.isVisible()
    assert [p for p in data_dir.iterdir() if ".corrupt-" in p.name], "damaged file kept aside"
    # what was typed is still there
    form = window.form
    assert len(form.tiles.selected()) == 1
    assert form.notes.toPlainText() == "Hulp bij itsme op de nieuwe telefoon"
    # the restored data is shown: the session after the backup is gone, Anna is still there
    assert _listed_ids(qtbot, window, 1) == {filled["kept"]}
    assert form.helper.findData(filled["anna"]) >= 0
    # and the app keeps working: the typed session is saved into the restored store
    window.tabs.setCurrentWidget(form)
    with qtbot.waitSignal(form.saved, timeout=15000) as saved:
        form.save()
    assert saved.args[0].notes == "Hulp bij itsme op de nieuwe telefoon"
    assert _listed_ids(qtbot, window, 2) == {filled["kept"], saved.args[0].id}


def test_a_save_during_the_check_lands_in_the_restored_store(
    qtbot, open_window, data_dir: Path, filled: dict[str, str]
) -> None:
    saved: list[Any] = []

    def damage_and_save(window: MainWindow) -> None:
        damage_table(data_dir / "digipunt.sqlite3", "help_session")
        window.form.saved.connect(saved.append)  # it may come before open_window returns
        window.form.tiles.toggle_number(1)
        window.form.notes.setPlainText("Bewaard tijdens de controle")
        window.form.save()  # before the check has even started: the write waits for it

    window = open_window(damage_and_save)
    qtbot.waitUntil(lambda: bool(saved), timeout=20000)
    qtbot.waitUntil(window.is_checked, timeout=20000)
    qtbot.waitUntil(lambda: "teruggezet" in window.info_label.text(), timeout=20000)
    assert "Bewaard" in window.form.message_text()
    assert _listed_ids(qtbot, window, 2) == {filled["kept"], saved[0].id}
    assert sessions.get_session(window.ops.store, saved[0].id).notes == (
        "Bewaard tijdens de controle"
    )


def test_a_file_too_damaged_to_read_is_restored_and_then_shown(
    qtbot, open_window, data_dir: Path, filled: dict[str, str]
) -> None:
    """The damage is there before the start, under the tables the window reads first."""
    damage_table(data_dir / "digipunt.sqlite3", "helper")
    window = open_window()
    qtbot.waitUntil(window.is_checked, timeout=20000)
    assert "teruggezet" in window.info_label.text()
    assert window.form.isEnabled()
    assert window.form.helper.findData(filled["anna"]) >= 0
    assert _listed_ids(qtbot, window, 1) == {filled["kept"]}


def test_app_process_shows_the_data_then_checks_and_backs_up(tmp_path: Path) -> None:
    """``DIGIPUNT_EXIT_AFTER_START=checked`` (the start-up benchmark): the lines come in the
    order usable, ready (data shown), checked (file checked, today's backup made)."""
    import os
    import subprocess
    import sys

    data = tmp_path / "d"
    Store.open(data, backup=False).close()  # an existing file: its check comes after the data
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DIGIPUNT_EXIT_AFTER_START="checked")
    result = subprocess.run(
        [sys.executable, "-m", "digipunt_app", "--data-dir", str(data)],
        capture_output=True, text=True, env=env, cwd=Path(__file__).resolve().parents[2],
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith("digipunt: ")]
    assert lines == ["digipunt: usable", "digipunt: ready", "digipunt: checked"]
    assert len(backup_files(data / "backups")) == 1


@pytest.mark.parametrize("damaged", [True, False])
def test_a_save_before_the_data_is_shown_waits_for_the_check(
    qtbot, data_dir: Path, filled: dict[str, str], damaged: bool
) -> None:
    """A volunteer who presses Enter before the store is even open: the save waits for the
    check (which it starts); a damaged file is restored first; then the data is shown, and the
    window says "checked" once, after "ready"."""
    app = QApplication.instance()
    if damaged:
        damage_table(data_dir / "digipunt.sqlite3", "help_session")
    window = build_window(app, None, None)
    qtbot.addWidget(window)
    checked: list[bool] = []
    window.store_checked.connect(lambda: checked.append(window.is_ready()))
    try:
        window.show()
        qtbot.waitUntil(lambda: window._painted, timeout=20000)
        window.form.tiles.toggle_number(1)
        window.form.notes.setPlainText("Heel vroeg bewaard")
        window.form.save()  # the store is not open yet
        window.start(data_dir)
        with qtbot.waitSignal(window.form.saved, timeout=20000) as saved:
            pass
        qtbot.waitUntil(lambda: window.is_ready() and window.is_checked(), timeout=20000)
        assert checked == [True]  # store_checked once, after ready
        if damaged:
            assert "teruggezet" in window.info_label.text()
            expected = {filled["kept"], saved.args[0].id}
        else:
            assert not window.info_bar.isVisible()
            expected = {filled["kept"], filled["later"], saved.args[0].id}
        assert _listed_ids(qtbot, window, len(expected)) == expected
    finally:
        window.ops.shutdown()


def test_a_damaged_file_that_cannot_be_moved_aside_refuses_saves_and_keeps_the_form(
    qtbot, open_window, data_dir: Path, filled: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holds the damaged file (Windows): the window says so, and every save
    is refused with that message, the form kept, instead of going into the damaged file that
    the next start moves aside."""
    import digipunt_app.core.store as store_module

    def refuse(_src: object, _dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    def damage(window: MainWindow) -> None:
        damage_table(data_dir / "digipunt.sqlite3", "help_session")
        monkeypatch.setattr(store_module.os, "replace", refuse)

    window = open_window(damage)
    qtbot.waitUntil(window.is_checked, timeout=20000)
    assert "opzijgezet" in window.info_label.text()
    form = window.form
    form.tiles.toggle_number(1)
    for attempt in range(2):
        form.notes.setPlainText(f"Poging {attempt}")
        form.save()
        qtbot.waitUntil(lambda: "Niet bewaard" in form.message_text(), timeout=20000)
        assert "opzijgezet" in form.message_text()
        assert form.notes.toPlainText() == f"Poging {attempt}"  # what was typed stays
        form._show_message("")  # the next attempt's answer is a new one
    monkeypatch.undo()
    assert not [p for p in data_dir.iterdir() if ".corrupt-" in p.name]


def test_a_save_that_waits_for_the_check_says_so_until_it_is_saved(
    qtbot, open_window, data_dir: Path, filled: dict[str, str]
) -> None:
    """A save during the check waits seconds with a large file: the volunteer is told, the
    button does not just seem dead."""
    at_save: list[str] = []
    saved: list[object] = []

    def save_now(window: MainWindow) -> None:
        window.form.saved.connect(saved.append)  # it may come before open_window returns
        window.form.tiles.toggle_number(1)
        window.form.save()  # the check has not even started
        at_save.append(window.form.message_text())

    window = open_window(save_now)
    assert at_save and "nagekeken" in at_save[0]
    qtbot.waitUntil(lambda: bool(saved), timeout=20000)
    assert "Bewaard" in window.form.message_text()
    window.form.tiles.toggle_number(1)
    with qtbot.waitSignal(window.form.saved, timeout=20000):
        window.form.save()  # after the check: no waiting message
        assert "nagekeken" not in window.form.message_text()
