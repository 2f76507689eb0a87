"""Usable with longer translations: the main screens with every string ~40% longer (a stretched
pseudo-locale made from the Dutch .ts at test time), at 100% and 200% text size, cut no text off
and leave nothing out of reach (issue 2: usable at 200%, French and English are longer)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from digipunt_app.ui import i18n
from digipunt_app.ui.screenshots import _reports_tab
from tests.ui.conftest import wait_idle
from tests.ui.long_texts import build_stretched_qm, cut_tab_titles, cut_texts, stretch


def test_stretch_keeps_placeholders_and_mnemonics() -> None:
    assert stretch("Opslaan & &nieuw") == "Opslaanops & &nieuwni"
    assert stretch("{n} sessies van %1") == "{n} sessiesses vanva %1"
    assert len(stretch("Kies minstens één dienst")) >= 1.3 * len("Kies minstens één dienst")


@pytest.fixture
def stretched(tmp_path: Path):
    app = QApplication.instance()
    translator = QTranslator(app)
    assert translator.load(str(build_stretched_qm(tmp_path)))
    yield translator
    app.removeTranslator(translator)


@pytest.mark.parametrize("scale", [100, 200])
def test_main_screens_cut_no_text_with_longer_translations(qtbot, window, stretched, scale):
    app = QApplication.instance()
    app.installTranslator(stretched)
    i18n.changes().languageChanged.emit("nl")  # the widgets that follow i18n.changes()
    window.show_info("ℹ " + stretch("Het gegevensbestand was beschadigd en is opzijgezet."))
    if scale != 100:
        window.settings_page.choose_font_scale(scale)
    qtbot.waitUntil(lambda: window.tabs.tabText(0).startswith("&Registrerenreg")
                    or "Registrerenreg" in window.tabs.tabText(0), timeout=5000)
    reports = _reports_tab(window)
    pages = [window.form, window.session_list, window.helpers_page, window.settings_page, reports]
    size = window.size()
    problems: list[str] = []
    for page in pages:
        window.tabs.setCurrentWidget(page)
        wait_idle(qtbot, window)
        if page is reports:
            qtbot.waitUntil(lambda: reports.dashboard.report is not None, timeout=15000)
        problems += [f"{type(page).__name__}: {p}"
                     for p in _settled(qtbot, lambda page=page: cut_texts(window, page))]
    problems += _settled(qtbot, lambda: _code_field(window.form))
    problems += _settled(qtbot, lambda: cut_texts(window, window.info_bar))
    problems += _settled(qtbot, lambda: cut_tab_titles(window.tabs))
    # nothing made the window grow past its size (1100 x 760 fits a 1366 x 768 screen): Qt
    # widens a window whose content needs it, even for a moment, and never narrows it again
    if window.size() != size:
        problems.append(f"the window grew from {size.toTuple()} to {window.size().toTuple()}")
    assert problems == []


def _settled(qtbot, problems: Callable[[], list[str]]) -> list[str]:
    """The problems once the layout has settled (Qt relayouts in queued steps after a language
    or text-size change): waits until there are none, else reports those left after 3 s."""
    with contextlib.suppress(qtbot.TimeoutError):
        qtbot.waitUntil(lambda: not problems(), timeout=3000)
    return problems()


def _code_field(form) -> list[str]:
    """The visitor-code field shows a whole code (it was squeezed to "bvb. ..." at 200%)."""
    field = form.code
    need = field.fontMetrics().horizontalAdvance("7K3M-Q9XD-4")
    if field.width() < need:
        return [f"visitor code field: {field.width()} px, a code needs {need}"]
    return []


def test_check_and_radio_boxes_grow_with_the_text(qtbot, window):
    """At 200% the round and square boxes are twice as big too (13 px boxes next to 200% text
    are hard to see and to hit)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    def box_side(widget) -> int:
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        element = (QStyle.SubElement.SE_RadioButtonIndicator
                   if widget is radio else QStyle.SubElement.SE_CheckBoxIndicator)
        return widget.style().subElementRect(element, option, widget).width()

    radio = window.form.outcome_buttons["solved_together"]
    check = window.form.adult
    before = box_side(radio), box_side(check)
    window.settings_page.choose_font_scale(200)
    qtbot.waitUntil(lambda: box_side(radio) >= 2 * before[0] - 1, timeout=5000)
    assert box_side(check) >= 2 * before[1] - 1
    window.settings_page.choose_font_scale(100)
    qtbot.waitUntil(lambda: (box_side(radio), box_side(check)) == before, timeout=5000)
