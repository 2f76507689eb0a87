"""The entry form, driven like a volunteer would: keyboard first, against a real store."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from digipunt_app.core import sessions
from digipunt_app.core.config import DATA_FILE_NAME
from digipunt_app.core.records import SessionDraft, SessionFilter
from digipunt_app.ui.visitor_card import VisitorCardDialog, write_card_pdf
from sync.protocol import visitor_code_is_valid
from tests.ui.conftest import fetch_row, listed, wait_idle


def _press(qtbot, actions: list[str], key: Qt.Key) -> None:
    actions.append(str(key))
    target = QApplication.focusWidget()
    assert target is not None, "something in the window must have the keyboard focus"
    qtbot.keyClick(target, key)


def _count(window) -> int:
    return sessions.count_sessions(window.ops.store, SessionFilter())


def test_common_session_by_keyboard_in_two_actions_then_found_in_list(qtbot, window):
    form = window.form
    first_label = form.tiles.labels()[form.tiles.numbered_codes()[0]]
    actions: list[str] = []
    _press(qtbot, actions, Qt.Key.Key_1)
    assert form.tiles.selected() == [form.tiles.numbered_codes()[0]]
    with qtbot.waitSignal(form.saved, timeout=10000) as saved:
        _press(qtbot, actions, Qt.Key.Key_Return)
    assert len(actions) <= 5
    row = saved.args[0]
    assert row.outcome == "solved_together" and row.channel == "walk_in"
    assert row.adult_confirmed is True
    # "Opslaan & nieuw": the form is empty again and says what was saved.
    assert form.tiles.selected() == []
    assert first_label in form.message_text()

    window.tabs.setCurrentWidget(window.session_list)
    model = window.session_list.model
    qtbot.waitUntil(lambda: fetch_row(model, 0) is not None, timeout=10000)
    assert first_label in model.data(model.index(0, 1))
    assert model.session_id(0) == row.id


def test_save_and_new_keeps_the_helper_and_clears_the_rest(qtbot, window):
    from digipunt_app.core import helpers

    anna = helpers.add_helper(window.ops.store, "Anna")
    window.ops.notify({"helpers"})
    form = window.form
    qtbot.waitUntil(lambda: form.helper.findData(anna.id) >= 0, timeout=10000)
    form.helper.setCurrentIndex(form.helper.findData(anna.id))
    form.tiles.toggle_number(2)
    form.outcome_buttons["not_solved"].setChecked(True)
    form.postcode.setText("9000")
    form.notes.setPlainText("Wachtwoord vergeten")
    with qtbot.waitSignal(form.saved, timeout=10000) as saved:
        form.save()
    assert saved.args[0].helper_id == anna.id
    assert form.helper.currentData() == anna.id
    assert form.postcode.text() == "" and form.notes.toPlainText() == ""
    assert form.outcome_buttons["solved_together"].isChecked()
    stored = sessions.get_session(window.ops.store, saved.args[0].id)
    assert stored.outcome == "not_solved" and stored.postcode == "9000"


def test_nothing_chosen_is_refused_with_a_pointer_to_the_tiles(qtbot, window):
    window.form.save()
    assert "dienst" in window.form.message_text()
    wait_idle(qtbot, window)
    assert _count(window) == 0


def test_edit_from_the_list(qtbot, window):
    form = window.form
    form.tiles.toggle_number(1)
    with qtbot.waitSignal(form.saved, timeout=10000) as saved:
        form.save()
    sid = saved.args[0].id
    window.tabs.setCurrentWidget(window.session_list)
    lst = window.session_list
    qtbot.waitUntil(lambda: listed(lst.model) == 1, timeout=10000)
    assert lst.select_id(sid)
    lst.open_selected()
    qtbot.waitUntil(form.is_editing, timeout=10000)
    assert window.tabs.currentWidget() is form
    assert form.tiles.selected() == list(saved.args[0].services)
    form.outcome_buttons["partly_followup"].setChecked(True)
    form.duration.setValue(45)
    with qtbot.waitSignal(form.editClosed, timeout=10000):
        form.save()
    stored = sessions.get_session(window.ops.store, sid)
    assert stored.outcome == "partly_followup" and stored.duration_min == 45
    assert stored.rev == 2
    assert window.tabs.currentWidget() is lst
    qtbot.waitUntil(lambda: getattr(fetch_row(lst.model, 0), "duration_min", 0) == 45,
                    timeout=10000)
    assert not form.is_editing()


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="switches the time zone with time.tzset")
def test_date_and_time_are_shown_and_saved_in_local_time(qtbot, window, monkeypatch):
    """The field shows a session's Belgian wall-clock time (summer and winter time, and both
    times of the hour that repeats when summer time ends), saves it unchanged, and a day
    stepped with the arrow key is saved as that local time."""
    monkeypatch.setenv("TZ", "Europe/Brussels")
    time.tzset()
    try:
        form = window.form
        for utc_text, shown in (
            ("2026-07-01 10:15", "01/07/2026 12:15"),
            ("2026-12-07 09:30", "07/12/2026 10:30"),
            ("2026-10-25 00:30", "25/10/2026 02:30"),
            ("2026-10-25 01:30", "25/10/2026 02:30"),
        ):
            started = datetime.fromisoformat(utc_text).replace(tzinfo=UTC)
            form.edit(SessionDraft(started_at=started, services=["eid"]))
            assert form.started.text() == shown
            assert form.draft().started_at == started
        form.edit(SessionDraft(started_at=datetime(2026, 7, 1, 10, 15, tzinfo=UTC)))
        form.started.setFocus()
        qtbot.keyClick(form.started, Qt.Key.Key_Up)  # the day, the first part of the field
        assert form.started.text() == "02/07/2026 12:15"
        assert form.draft().started_at == datetime(2026, 7, 2, 10, 15, tzinfo=UTC)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_date_before_1970_on_windows_is_refused_with_the_stores_message(
    qtbot, window, monkeypatch
):
    """Windows' C library converts no time before 1970 (``time.gmtime`` and ``mktime`` raise
    OSError there): a session date typed that far back is refused by the store with its message,
    not lost in an exception while the form is read."""
    real_gmtime = time.gmtime

    def windows_gmtime(secs=None):
        if secs is not None and secs < 0:
            raise OSError(22, "Invalid argument")
        return real_gmtime(secs)

    monkeypatch.setattr(time, "gmtime", windows_gmtime)
    form = window.form
    form.tiles.toggle_number(1)
    form.started.setDateTime(form.started.dateTime().addYears(-60))  # 1966 or so
    assert form.draft().started_at.year < 1970
    form.save()
    qtbot.waitUntil(lambda: bool(form.message_text()), timeout=10000)
    assert "verleden" in form.message_text()
    assert _count(window) == 0


def test_privacy_guard_is_shown_inline_and_blocks_saving(qtbot, window):
    form = window.form
    form.tiles.toggle_number(1)
    form.notes.setPlainText("Mail naar jan.peeters@example.com gestuurd")
    assert form.privacy.isVisible()
    assert "e-mail" in form.privacy_text().lower()
    form.save()
    qtbot.waitUntil(lambda: bool(form.message_text()), timeout=10000)
    wait_idle(qtbot, window)
    assert _count(window) == 0
    assert QApplication.focusWidget() is form.notes
    assert "jan.peeters@example.com" in form.notes.toPlainText()  # kept, to correct
    form.notes.setPlainText("Mail naar de gemeente gestuurd")
    assert not form.privacy.isVisible()
    with qtbot.waitSignal(form.saved, timeout=10000):
        form.save()


def test_wrong_visitor_code_points_at_the_field(qtbot, window):
    form = window.form
    form.tiles.toggle_number(1)
    form.code.setText("7K3M-Q9XD-5")
    form.save()
    qtbot.waitUntil(lambda: bool(form.message_text()), timeout=10000)
    assert QApplication.focusWidget() is form.code
    assert form.code.text() == "7K3M-Q9XD-5"
    assert _count(window) == 0


def test_failed_write_keeps_everything_typed(qtbot, make_window, data_dir):
    window = make_window(busy_timeout_ms=100)
    form = window.form
    form.tiles.toggle_number(3)
    form.outcome_buttons["not_solved"].setChecked(True)
    form.postcode.setText("2000")
    form.notes.setPlainText("Nieuwe smartphone ingesteld")
    other = sqlite3.connect(data_dir / DATA_FILE_NAME, timeout=0.1)
    other.execute("BEGIN EXCLUSIVE")
    try:
        form.save()
        qtbot.waitUntil(lambda: bool(form.message_text()), timeout=15000)
        assert "Niet bewaard" in form.message_text()
        assert form.tiles.selected() and form.postcode.text() == "2000"
        assert form.notes.toPlainText() == "Nieuwe smartphone ingesteld"
        assert form.outcome_buttons["not_solved"].isChecked()
    finally:
        other.rollback()
        other.close()
    with qtbot.waitSignal(form.saved, timeout=10000) as saved:
        form.save()
    assert sessions.get_session(window.ops.store, saved.args[0].id).postcode == "2000"
    assert _count(window) == 1


def test_new_code_fills_the_field_and_offers_the_card(qtbot, window, monkeypatch, tmp_path):
    shown: list[str] = []
    monkeypatch.setattr(VisitorCardDialog, "ask", classmethod(lambda cls, p, c: shown.append(c)))
    window.form.new_code.click()
    assert shown and window.form.code.text() == shown[0]
    assert visitor_code_is_valid(shown[0])
    pdf = write_card_pdf(tmp_path / "kaart.pdf", shown[0])
    assert pdf.read_bytes().startswith(b"%PDF")


def test_card_dialog_shows_the_code(qtbot):
    dialog = VisitorCardDialog("7K3M-Q9XD-4")
    qtbot.addWidget(dialog)
    assert "7K3M-Q9XD-4" in dialog.intro.text()
    assert not dialog.preview.pixmap().isNull()


def test_under_18_cannot_be_confirmed_adult(qtbot, window):
    form = window.form
    assert form.adult.isChecked()
    form.age_band.setCurrentIndex(form.age_band.findData("under_18"))
    assert not form.adult.isChecked() and not form.adult.isEnabled()
    form.age_band.setCurrentIndex(form.age_band.findData("65_74"))
    assert form.adult.isEnabled()


def _pdf_printer(path):
    from PySide6.QtPrintSupport import QPrinter

    from digipunt_app.ui.visitor_card import card_printer

    printer = card_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _open_print_dialog(qtbot, out):
    """The card dialog with a printer writing ``out``, "Afdrukken" clicked: the system print
    dialog is open (not blocking)."""
    dialog = VisitorCardDialog("7K3M-Q9XD-4", printer=_pdf_printer(out))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.print_button.click()
    printing = dialog.print_dialog
    assert printing is not None
    qtbot.waitUntil(printing.isVisible, timeout=5000)
    return dialog, printing


def test_card_print_dialog_accepted_prints_the_card(qtbot, tmp_path):
    """"Afdrukken": the system print dialog opens (not blocking), the volunteer accepts it and
    the card goes to the printer, here one that writes a PDF file."""
    from tests.ui.pdf_text import page_size_mm, text_runs

    out = tmp_path / "printer.pdf"
    dialog, printing = _open_print_dialog(qtbot, out)
    assert not out.exists()  # nothing printed while the dialog is open
    printing.accept()
    qtbot.waitUntil(lambda: dialog.print_dialog is None, timeout=5000)
    assert "printer" in dialog.result_label.text()
    assert out.read_bytes().startswith(b"%PDF")
    width, height = page_size_mm(out)
    assert width >= 84 and height >= 53  # card paper, or the sheet the dialog chose
    runs = text_runs(out)
    assert any("7K3M-Q9XD-4" in run for run in runs)
    assert any("bezoekerscode" in run for run in runs)


def test_card_print_dialog_cancelled_prints_nothing(qtbot, tmp_path):
    out = tmp_path / "printer.pdf"
    dialog, printing = _open_print_dialog(qtbot, out)
    printing.reject()
    qtbot.waitUntil(lambda: dialog.print_dialog is None, timeout=5000)
    assert not out.exists()
    assert dialog.result_label.text() == ""
    # and a second try can still print
    dialog.print_button.click()
    qtbot.waitUntil(dialog.print_dialog.isVisible, timeout=5000)
    dialog.print_dialog.accept()
    qtbot.waitUntil(out.exists, timeout=5000)


def test_card_that_cannot_be_printed_or_saved_says_so(qtbot, tmp_path, monkeypatch):
    """A printer that cannot start (here: its output folder is missing) and a PDF that cannot be
    written (a folder without rights) must not be reported as printed or saved."""
    from PySide6.QtWidgets import QFileDialog

    nowhere = tmp_path / "missing-folder" / "kaart.pdf"
    dialog = VisitorCardDialog("7K3M-Q9XD-4", printer=_pdf_printer(nowhere))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.print_button.click()
    qtbot.waitUntil(dialog.print_dialog.isVisible, timeout=5000)
    dialog.print_dialog.accept()
    qtbot.waitUntil(lambda: dialog.print_dialog is None, timeout=5000)
    assert "niet afgedrukt" in dialog.result_label.text()
    assert "printer gestuurd" not in dialog.result_label.text()

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(nowhere), "")))
    dialog.pdf_button.click()
    assert "niet bewaard" in dialog.result_label.text()
    assert not nowhere.exists()


def test_card_keeps_its_real_size_on_a4_paper_and_fits_card_paper(qtbot):
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize

    from digipunt_app.ui.visitor_card import card_printer, card_rect_on_page

    printer = card_printer()
    per_mm = printer.resolution() / 25.4
    rect = card_rect_on_page(printer)  # card-size paper: the whole page
    assert abs(rect.width() / per_mm - 85) < 0.5 and abs(rect.height() / per_mm - 54) < 0.5
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
    rect = card_rect_on_page(printer)  # A4: real size, not stretched over the sheet
    assert abs(rect.width() / per_mm - 85) < 0.5 and abs(rect.height() / per_mm - 54) < 0.5
