"""Usable with longer translations: the main screens with every string ~40% longer (a stretched
pseudo-locale made from the Dutch .ts at test time), at 100% and 200% text size, cut no text off
and leave nothing out of reach (issue 2: usable at 200%, French and English are longer). The same
for every dialog (visitor card, enrolment, conflict, about), which must also fit a 1366 x 768
screen; ``DIGIPUNT_DIALOG_SHOTS=<folder>`` saves each dialog as a PNG to look at."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from digipunt_app.ui import i18n
from digipunt_app.ui.screenshots import _reports_tab
from tests.ui.conftest import wait_idle
from tests.ui.long_texts import (
    build_stretched_qm,
    cut_cells,
    cut_tab_titles,
    cut_texts,
    stretch,
)


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
    assert problems == [], "\n".join(problems)


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


# ---------------------------------------------------------------------------------- dialogs
SCREEN = (1366, 728)  # the smallest screen of a digipunt PC (1366 x 768), less a taskbar


def _too_big(dialog: QWidget) -> list[str]:
    """A dialog that cannot be made small enough for a 1366 x 768 screen, or that opens bigger
    than the screen it is on when it could be smaller (the test screen is 800 x 800)."""
    problems = []
    need = dialog.minimumSizeHint()
    if need.width() > SCREEN[0] or need.height() > SCREEN[1]:
        problems.append(f"needs {need.toTuple()} px, more than a {SCREEN} screen")
    screen = dialog.screen().availableGeometry()
    for size, least, room in ((dialog.width(), need.width(), screen.width()),
                              (dialog.height(), need.height(), screen.height())):
        if size > max(least, room):
            problems.append(f"opens at {dialog.size().toTuple()} px on a "
                            f"{screen.size().toTuple()} screen")
    return problems


def _open_dialogs(qtbot, window) -> dict[str, QWidget]:
    """Every dialog the app shows, opened the way the app opens it (with a card code, a
    conflict pair, an enrolment error...), shown without blocking (``show()``, not ``exec()``)."""
    from datetime import UTC, datetime

    from digipunt_app.core.sync_engine_types import ConflictInfo
    from digipunt_app.ui.about import AboutDialog
    from digipunt_app.ui.enrol_dialog import EnrolDialog
    from digipunt_app.ui.sync_conflicts import ConflictDialog
    from digipunt_app.ui.visitor_card import VisitorCardDialog

    card = VisitorCardDialog("7K3M-Q9XD-4", window)
    card._printed("failed")  # the longest result line it can show
    enrol = EnrolDialog(window.sync_ui.controller.submit_net, window.sync_ui.controller.enrol_call,
                        window, server_url="https://digipunt.voorbeeld.be")
    enrol._show_error(stretch("De server is niet bereikbaar. Kijk of de pc online is en probeer "
                              "het later opnieuw."), enrol.server)
    local = {"started_at": "2026-11-23T09:30:00+00:00", "duration_min": 90,
             "services": ["eid", "itsme"], "outcome": "solved_together", "channel": "walk_in",
             "age_band": "65_74", "adult_confirmed": True, "first_visit": "yes",
             "language": "nl", "visitor_code": "7K3M-Q9XD-4", "postcode": "9000",
             "notes": "Hulp bij het installeren van itsme op een nieuwe smartphone, en daarna "
                      "samen ingelogd op MyMinfin om de belastingaangifte na te kijken.",
             "deleted": False, "referrals": ["ocmw"]}
    server = dict(local, duration_min=30, notes="Kort: itsme.", outcome="not_solved")
    conflict = ConflictDialog(ConflictInfo(1, "s1", local, server, datetime.now(UTC)), window,
                              window.form.tiles.labels())
    about = AboutDialog(data_dir=window.data_dir, log_dir=window.data_dir / "logs", parent=window)
    # "Nu synchroniseren" opens the progress dialog; shown here at its longest line (a sync of a
    # PC that is not enrolled ends at once and hides it)
    sync = window.sync_ui
    sync.sync_now()
    qtbot.waitUntil(lambda: not sync.controller.running, timeout=10000)
    sync._manual = True
    sync._progress("push", 120, 500)
    sync.progress.show()  # as it shows itself when a sync takes longer than 0.4 s
    dialogs = {"visitor card": card, "enrolment": enrol, "conflict": conflict, "about": about,
               "sync progress": sync.progress}
    for dialog in dialogs.values():
        dialog.show()
    return dialogs


@pytest.mark.parametrize("scale", [100, 200])
def test_dialogs_cut_no_text_with_longer_translations(qtbot, window, stretched, scale):
    app = QApplication.instance()
    app.installTranslator(stretched)
    i18n.changes().languageChanged.emit("nl")
    if scale != 100:
        window.settings_page.choose_font_scale(scale)
    # the volunteer opens a dialog after the language and text size changed
    qtbot.waitUntil(lambda: "Registrerenreg" in window.tabs.tabText(0), timeout=5000)
    wait_idle(qtbot, window)
    dialogs = _open_dialogs(qtbot, window)
    problems: list[str] = []
    for name, dialog in dialogs.items():
        qtbot.waitUntil(dialog.isVisible, timeout=5000)
        problems += [f"{name}: {p}" for p in _settled(qtbot, lambda d=dialog: cut_texts(d, d))]
        problems += [f"{name}: {p}" for p in _settled(qtbot, lambda d=dialog: cut_cells(d))]
        problems += [f"{name}: {p}" for p in _too_big(dialog)]
        shots = os.environ.get("DIGIPUNT_DIALOG_SHOTS")  # a folder: save each dialog as PNG
        if shots:
            dialog.grab().save(str(Path(shots) / f"{name.replace(' ', '_')}_{scale}.png"))
        dialog.close()
    titles = [dialogs["conflict"].table.verticalHeaderItem(row).text() for row in range(3)]
    assert titles[0] == stretch("Begin"), titles  # the row titles are translated too
    assert problems == [], "\n".join(problems)


def test_visitor_card_keeps_longer_texts_on_the_card(qtbot, stretched):
    """With a longer translation the card's lines get a smaller font instead of being cut off at
    the edge of the card's text area (the printed card read "Digipuntdigi - uwu bezoekerscod")."""
    from PySide6.QtGui import QColor

    from digipunt_app.ui.visitor_card import card_pixmap

    QApplication.instance().installTranslator(stretched)
    image = card_pixmap("7K3M-Q9XD-4", 216).toImage()
    pad = round(image.height() * 0.08)  # the text area starts this far inside the card
    edges = [*range(pad, pad + 3), *range(image.width() - pad - 3, image.width() - pad)]
    ink = [(x, y) for y in range(pad, image.height() - pad) for x in edges
           if QColor(image.pixel(x, y)).lightness() < 200]
    assert ink == []
