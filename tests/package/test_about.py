"""The "Over" dialog tells the version and where data and logs are."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from digipunt_app import __version__
from digipunt_app.ui.about import AboutDialog


def _texts(dialog: AboutDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_shows_version_and_folders(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = AboutDialog(data_dir=tmp_path / "data", log_dir=tmp_path / "logs")
    qtbot.addWidget(dialog)
    dialog.show()
    text = _texts(dialog)
    assert __version__ in text
    assert str(tmp_path / "data") in text
    assert str(tmp_path / "logs") in text
    assert "EUPL-1.2" in text
    assert "Normaal" in text
    assert dialog.windowTitle() == "Over Digipunt"


def test_portable_mode_is_said(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = AboutDialog(data_dir=tmp_path, log_dir=tmp_path / "logs", portable=True)
    qtbot.addWidget(dialog)
    assert "Draagbaar" in _texts(dialog)


def test_every_control_has_an_accessible_name(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = AboutDialog(data_dir=tmp_path, log_dir=tmp_path)
    qtbot.addWidget(dialog)
    for button in dialog.findChildren(QPushButton):
        assert button.accessibleName() or button.text()


def test_copy_details_for_the_helpdesk(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = AboutDialog(data_dir=tmp_path / "d", log_dir=tmp_path / "l")
    qtbot.addWidget(dialog)
    dialog.copy_details()
    copied = QGuiApplication.clipboard().text()
    assert f"Digipunt {__version__}" in copied
    assert str(tmp_path / "d") in copied and str(tmp_path / "l") in copied
    assert "Qt " in copied


def _about_actions(window) -> list:  # noqa: ANN001
    return [
        a
        for a in window.menu("help").actions()
        if a.text().replace("&", "") in ("Over Digipunt", "À propos de Digipunt", "About Digipunt")
    ]


def test_help_menu_opens_the_dialog_with_this_windows_folders(
    qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QApplication

    from digipunt_app.ui import i18n
    from digipunt_app.ui.app import build_window

    data_dir = tmp_path / "data"
    window = build_window(QApplication.instance(), data_dir, None)
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitUntil(window.is_ready, timeout=20000)
        actions = _about_actions(window)
        assert len(actions) == 1
        assert window.menu("help").menuAction().isVisible()

        asked: list[dict] = []
        monkeypatch.setattr(
            AboutDialog, "ask", classmethod(lambda cls, parent, **kw: asked.append(kw))
        )
        actions[0].trigger()
        assert asked == [
            {
                "data_dir": data_dir.resolve(),
                "log_dir": data_dir.resolve() / "logs",
                "portable": False,
            }
        ]

        i18n.set_language(QApplication.instance(), "fr")
        qtbot.waitUntil(lambda: "propos" in actions[0].text())
    finally:
        i18n.set_language(QApplication.instance(), "nl")
        window.ops.shutdown()
