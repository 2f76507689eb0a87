"""Fixtures for the Qt client: a real main window on a fresh temporary data dir (real store, real
migrations; nothing of ours is mocked)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from digipunt_app.ui import i18n
from digipunt_app.ui.app import build_window
from digipunt_app.ui.main_window import MainWindow


def wait_idle(qtbot, window: MainWindow) -> None:
    """Wait until every background operation has been answered."""
    qtbot.waitUntil(lambda: window.ops.busy == 0, timeout=15000)


def fetch_row(model, row: int):
    """The ``SessionRow`` shown at ``row``, asking the lazy model to fetch it (None until then)."""
    if row >= model.rowCount():
        return None
    model.data(model.index(row, 0))
    return model.session_row(row)


def listed(model) -> int:
    """How many sessions the list shows once a reload is complete (-1 while loading)."""
    return -1 if model.is_loading() else model.rowCount()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def make_window(qtbot, data_dir: Path):
    windows: list[MainWindow] = []

    def _make(lang: str | None = None, **open_options) -> MainWindow:
        app = QApplication.instance()
        window = build_window(app, data_dir, lang, **open_options)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(window.is_ready, timeout=20000)
        window.activateWindow()
        window.raise_()
        windows.append(window)
        return window

    yield _make
    app = QApplication.instance()
    for window in windows:
        window.ops.shutdown()
    i18n.set_language(app, "nl")
    i18n.set_font_scale(app, 100)


@pytest.fixture
def window(make_window) -> Iterator[MainWindow]:
    yield make_window()
