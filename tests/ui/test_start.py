"""Start-up of the window (DESIGN.md §10: start to usable window): what is there at the first
paint, what waits, and that the tabs built later behave as if they were built at once."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from digipunt_app.core.records import SessionDraft
from digipunt_app.ui import entry_form, i18n
from tests.ui.conftest import wait_idle

AT_USABLE = """
import json, sys
from pathlib import Path
from PySide6 import QtCore
from digipunt_app.ui.app import build_window, make_app
app = make_app(["x"])
w = build_window(app, Path(sys.argv[1]), "nl")
seen = {}
LATER = ("sqlalchemy", "digipunt_app.core.store", "digipunt_app.core.records",
         "digipunt_app.ui.session_list", "digipunt_app.ui.helpers_page",
         "digipunt_app.ui.settings_page", "digipunt_app.ui.visitor_card")
def at_usable():
    seen["qt_namespace"] = "Qt" in vars(QtCore)
    seen["qevent"] = "QEvent" in vars(QtCore)
    seen["imported"] = [m for m in LATER if m in sys.modules]
    seen["exposed"] = w.windowHandle().isExposed()
    seen["tiles"] = len(w.form.tiles.numbered_codes())
    seen["store_open"] = w.ops.store is not None
w.usable.connect(at_usable)
w.show()
while not w.is_ready():
    app.processEvents()
seen["ready_store_open"] = w.ops.store is not None
print(json.dumps(seen))
w.ops.shutdown()
"""


def test_usable_window_is_painted_before_the_rest_is_loaded(tmp_path: Path) -> None:
    """At ``usable`` the window is painted with the tiles of the shipped catalog, and nothing
    the first paint does not show has been built or imported yet: no Qt namespace or QEvent
    enums (~40 ms), no store (SQLAlchemy), no other tabs. The store opens right after."""
    out = subprocess.run(
        [sys.executable, "-c", AT_USABLE, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {
        "qt_namespace": False,
        "qevent": False,
        "imported": [],
        "exposed": True,
        "tiles": 9,
        "store_open": False,
        "ready_store_open": True,
    }


def test_new_session_defaults_are_those_of_session_draft() -> None:
    """The form's first fill (before the core is imported) is exactly a new ``SessionDraft``."""
    draft_defaults = {}
    for field in dataclasses.fields(SessionDraft):
        if field.name in ("started_at", "id", "rev"):
            continue
        if field.default_factory is not dataclasses.MISSING:
            draft_defaults[field.name] = field.default_factory()
        else:
            draft_defaults[field.name] = field.default
    form_defaults = {
        k: list(v) if isinstance(v, tuple) else v for k, v in entry_form.NEW_SESSION.items()
    }
    assert form_defaults == draft_defaults


def test_other_tabs_are_built_when_first_shown_in_their_place(qtbot, window) -> None:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    placeholder = window.tabs.widget(2)
    assert type(placeholder) is QWidget  # the volunteers page is not built yet
    window.tabs.setCurrentIndex(2)  # as a click on the tab does
    page = window.tabs.widget(2)
    assert page is window.helpers_page and type(page).__name__ == "HelpersPage"
    assert window.tabs.currentWidget() is page and page.isVisible()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == titles
    assert page.accessibleName() == titles[2].replace("&", "")
    # Keyboard: from the tab bar, Tab goes into the page just built.
    window.tabs.tabBar().setFocus()
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not None and page.isAncestorOf(focus)


def test_tabs_built_later_speak_the_language_chosen_before(qtbot, window) -> None:
    app = QApplication.instance()
    i18n.set_language(app, "fr")
    qtbot.waitUntil(lambda: window.tabs.tabText(0).replace("&", "") == "Enregistrer",
                    timeout=5000)
    try:
        settings = window.settings_page  # built now, in French
        assert settings.language.currentData() == "fr"
        assert "Langue" in settings.language_label.text()
        lst = window.session_list
        assert lst.filter_labels["period"].text().replace("&", "").startswith("Période")
        services = [lst.service.itemText(i) for i in range(lst.service.count())]
        assert services[0] != "Alle diensten" and len(services) > 9
    finally:
        i18n.set_language(app, "nl")


def test_volunteers_changed_elsewhere_reach_the_form_before_that_tab_is_built(
    qtbot, window
) -> None:
    """A sync (or any other change) that adds a volunteer updates the entry form's list, even
    while the volunteers tab was never opened."""
    from digipunt_app.core import helpers

    assert "helpers_page" not in window._pages
    window.ops.db(lambda store: helpers.add_helper(store, "Mieke"), changes={"helpers"})
    combo: QComboBox = window.form.helper
    qtbot.waitUntil(
        lambda: "Mieke" in [combo.itemText(i) for i in range(combo.count())], timeout=5000
    )
    wait_idle(qtbot, window)
    assert "helpers_page" not in window._pages
    assert "Mieke" in [window.helpers_page.list.item(i).text()
                       for i in range(window.helpers_page.list.count())]


def test_tab_mnemonic_opens_a_tab_not_built_yet(qtbot, window) -> None:
    """Alt+Z ("Over&zicht") from the entry form builds the list and shows it."""
    assert type(window.tabs.widget(1)) is QWidget
    window.activateWindow()
    qtbot.keyClick(window.form.tiles.keyboard_focus_target(), Qt.Key.Key_Z,
                   Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 1, timeout=3000)
    assert type(window.tabs.widget(1)).__name__ == "SessionList"
    assert window.tabs.currentWidget() is window.session_list
