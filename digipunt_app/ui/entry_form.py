"""The entry form: the hot path of the app (DESIGN.md §7).

The most common session (one service, solved together, adult, walk-in, now, last helper) is two
key presses: a number key picks the service tile, Enter saves ("Opslaan & nieuw": the helper is
kept, everything else goes back to its default). The form never talks to the store itself: it
asks ``Operations`` to save, and keeps everything typed when the save fails.

The form is built before the window's first paint, so it follows the rules of ``first_paint``.
"""

from __future__ import annotations

import contextlib
import time
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QLocale, QSize, QTimeZone, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from digipunt_app.ui import i18n, labels, service_usage
from digipunt_app.ui.flow_layout import FlowLayout
from digipunt_app.ui.operations import Operations
from digipunt_app.ui.service_tiles import ServiceTiles

if TYPE_CHECKING:
    from digipunt_app.core.records import SessionDraft, SessionRow

MAX_NOTES = 500
# A new session as ``core.records.SessionDraft`` makes it (a test keeps the two equal): the form's
# first fill happens before the window's first paint, without building the core's dataclasses.
NEW_SESSION = {
    "duration_min": 15,
    "channel": "walk_in",
    "services": (),
    "outcome": "solved_together",
    "referrals": (),
    "age_band": "unknown",
    "adult_confirmed": True,
    "target_groups": (),
    "language": "nl",
    "interpreter": False,
    "first_visit": "unknown",
    "helper_id": None,
    "visitor_code": None,
    "postcode": None,
    "notes": "",
}
# Keys of the form's shortcuts, as text (``QKeySequence("Num+1")`` is keypad 1): no ``Qt.Key``
# lookup before the first paint.
NUMBER_KEYS = tuple((str(n), f"Num+{n}") for n in range(1, 10))
SAVE_KEYS = ("Return", "Enter", "Ctrl+S")
CLEAR_KEYS = ("Esc",)


class _CodeEdit(QLineEdit):
    """The visitor-code field: never squeezed narrower than a whole code in the current font
    (at 200% text size with a long label the form then puts the field under its label)."""

    SAMPLE = "MMMM-MMMM-M"

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        hint = super().minimumSizeHint()
        fm = self.fontMetrics()
        chrome = super().sizeHint().width() - fm.horizontalAdvance("x") * 17  # Qt's own hint
        hint.setWidth(max(hint.width(), fm.horizontalAdvance(self.SAMPLE) + chrome))
        return hint


def _checks_box(parent: QWidget, codes: list[str]) -> tuple[QGroupBox, dict[str, QCheckBox]]:
    box = QGroupBox(parent)
    flow = FlowLayout(box, spacing=12)
    flow.setContentsMargins(8, 8, 8, 8)
    checks = {}
    for code in codes:
        check = QCheckBox(box)
        flow.addWidget(check)
        checks[code] = check
    return box, checks


class EntryForm(QWidget):
    """Record a new session or edit one opened from the list."""

    saved = Signal(object)  # SessionRow
    editClosed = Signal()  # an edit was saved or cancelled: the caller may go back to the list

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self._editing: SessionDraft | None = None
        self._time_touched = False
        self._last_saved: str | None = None
        self._saving = False
        self._catalog_services: list[tuple[str, dict[str, str]]] = []  # (code, labels by lang)
        self._shown = (0, 0)  # the field's wall-clock seconds and the moment they show
        self._build()
        self._shortcuts()
        self.retranslate()
        i18n.changes().languageChanged.connect(self._language_changed)
        self.reset(keep_helper=False)

    # --- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self.scroll)
        self.scroll.setWidget(body)
        col = QVBoxLayout(body)

        self.services_box = QGroupBox(body)
        sb = QVBoxLayout(self.services_box)
        self.tiles = ServiceTiles(self.services_box)
        sb.addWidget(self.tiles)
        col.addWidget(self.services_box)

        self.outcome_box = QGroupBox(body)
        of = FlowLayout(self.outcome_box, spacing=16)
        of.setContentsMargins(8, 8, 8, 8)
        self.outcome_buttons: dict[str, QRadioButton] = {}
        for code in labels.outcome_labels():
            button = QRadioButton(self.outcome_box)  # one choice: radios of one box exclude
            of.addWidget(button)
            self.outcome_buttons[code] = button
        col.addWidget(self.outcome_box)

        self.details_box = QGroupBox(body)
        form = QFormLayout(self.details_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form
        self.helper = QComboBox(self.details_box)
        # The field keeps UTC and shows the local wall-clock time (``_show_time``/``_shown_time``):
        # a local-time QDateTimeEdit converts its range (years 100 to 9999) with the C library's
        # mktime when it is made, ~2 ms before the first paint.
        self._utc = QTimeZone.utc()
        self.started = QDateTimeEdit(QDateTime.fromSecsSinceEpoch(0, self._utc), self.details_box)
        self.started.setTimeZone(self._utc)
        self.started.setCalendarPopup(True)
        self.started.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.started.dateTimeChanged.connect(self._time_edited)
        self.duration = QSpinBox(self.details_box)
        self.duration.setRange(1, 480)
        self.duration.setSingleStep(5)
        self.channel = QComboBox(self.details_box)
        self.age_band = QComboBox(self.details_box)
        self.adult = QCheckBox(self.details_box)
        self.age_band.currentIndexChanged.connect(self._age_changed)
        age_row = QHBoxLayout()
        age_row.addWidget(self.age_band, 1)
        age_row.addWidget(self.adult)
        self.first_visit = QComboBox(self.details_box)
        self.language = QComboBox(self.details_box)
        self.interpreter = QCheckBox(self.details_box)
        lang_row = QHBoxLayout()
        lang_row.addWidget(self.language, 1)
        lang_row.addWidget(self.interpreter)
        self.code = _CodeEdit(self.details_box)
        self.code.setMaxLength(14)
        self.new_code = QPushButton(self.details_box)
        self.new_code.setAutoDefault(False)
        self.new_code.clicked.connect(self._make_code)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.new_code)
        self.postcode = QLineEdit(self.details_box)
        self.postcode.setMaxLength(4)  # digits only: after_first_paint (the store checks it too)
        self.row_labels: dict[str, QLabel] = {}
        for key, field in (
            ("helper", self.helper),
            ("started_at", self.started),
            ("duration_min", self.duration),
            ("channel", self.channel),
            ("age_band", age_row),
            ("first_visit", self.first_visit),
            ("language", lang_row),
            ("visitor_code", code_row),
            ("postcode", self.postcode),
        ):
            label = QLabel(self.details_box)
            self.row_labels[key] = label
            form.addRow(label, field)
        self.row_labels["helper"].setBuddy(self.helper)
        self.row_labels["started_at"].setBuddy(self.started)
        self.row_labels["duration_min"].setBuddy(self.duration)
        self.row_labels["channel"].setBuddy(self.channel)
        self.row_labels["age_band"].setBuddy(self.age_band)
        self.row_labels["first_visit"].setBuddy(self.first_visit)
        self.row_labels["language"].setBuddy(self.language)
        self.row_labels["visitor_code"].setBuddy(self.code)
        self.row_labels["postcode"].setBuddy(self.postcode)
        col.addWidget(self.details_box)

        self.target_box, self.target_checks = _checks_box(body, list(labels.target_group_labels()))
        col.addWidget(self.target_box)
        self.referral_box, self.referral_checks = _checks_box(body, list(labels.referral_labels()))
        col.addWidget(self.referral_box)

        self.notes_box = QGroupBox(body)
        nb = QVBoxLayout(self.notes_box)
        self.notes_label = QLabel(self.notes_box)
        self.notes_label.setWordWrap(True)
        self.notes = QPlainTextEdit(self.notes_box)
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(self.notes.fontMetrics().lineSpacing() * 4)
        self.notes.textChanged.connect(self._notes_changed)
        self.notes_label.setBuddy(self.notes)
        self.privacy = QLabel(self.notes_box)
        self.privacy.setWordWrap(True)
        self.privacy.setStyleSheet("color: #8a1c1c; font-weight: bold;")
        self.privacy.hide()
        nb.addWidget(self.notes_label)
        nb.addWidget(self.notes)
        nb.addWidget(self.privacy)
        col.addWidget(self.notes_box)
        col.addStretch(1)

        # Outside the scroll area: always visible, whatever the font size.
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self._message_selectable = False  # made selectable when it first shows a text
        self.message.hide()
        bar = QHBoxLayout()
        self.save_button = QPushButton(self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self)
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self._clear_clicked)
        bar.addWidget(self.clear_button)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        outer.addWidget(self.scroll, 1)
        outer.addWidget(self.message)
        outer.addLayout(bar)

        self.setTabOrder(self.tiles.more, self.outcome_buttons["solved_by_visitor"])

    def after_first_paint(self) -> None:
        """What the first paint does not need (the main window calls it then): the postcode's
        digits-only validator (QRegularExpression's types, ~1 ms; a postcode saved before it
        is there is still checked by the store)."""
        from PySide6.QtGui import QRegularExpressionValidator

        self.postcode.setValidator(QRegularExpressionValidator(r"[0-9]{0,4}", self.postcode))

    def _shortcuts(self) -> None:
        """Number keys (top row and keypad) pick tiles, Enter saves, Esc clears: only while the
        focus is in the form (a line edit that takes digits keeps them)."""

        def add(keys: str, slot: Any) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            # Qt.ShortcutContext.WidgetWithChildrenShortcut, set by its name (see first_paint).
            shortcut.setProperty("context", "WidgetWithChildrenShortcut")
            shortcut.activated.connect(slot)

        for number, keys in enumerate(NUMBER_KEYS, start=1):
            for key in keys:
                add(key, lambda n=number: self._number_key(n))
        for key in SAVE_KEYS:
            add(key, self.save)
        for key in CLEAR_KEYS:
            add(key, self._clear_clicked)

    # --- data from the window ----------------------------------------------------------------
    def set_catalog(self, services: list[tuple[str, dict[str, str]]], usage: list[str]) -> None:
        """Active services as ``(code, {lang: label})``; ``usage``: codes most used first."""
        rank = {code: i for i, code in enumerate(usage)}
        order = {code: i for i, (code, _) in enumerate(services)}
        self._catalog_services = sorted(
            services, key=lambda s: (rank.get(s[0], len(rank)), order[s[0]])
        )
        self._apply_service_labels()

    def _apply_service_labels(self) -> None:
        lang = QLocale().name()[:2]
        self.tiles.set_services(
            [(code, lbl.get(lang) or lbl.get("nl") or code) for code, lbl in self._catalog_services]
        )

    def set_helpers(self, helpers: list[Any], last_helper_id: str | None = None) -> None:
        """Active helpers (``HelperRow``); keeps the current choice, else ``last_helper_id``."""
        self._combos_follow_contents()
        current = self.helper.currentData() if self.helper.count() else last_helper_id
        if current is None:
            current = last_helper_id
        self.helper.clear()
        self.helper.addItem(self.tr("(niet ingevuld)"), None)
        for row in helpers:
            if row.active or row.id == current:
                self.helper.addItem(row.display_name, row.id)
        self._select_data(self.helper, current)

    # --- editing -----------------------------------------------------------------------------
    def edit(self, draft: SessionDraft) -> None:
        """Show an existing session for correction."""
        self._editing = draft
        self._fill(draft)
        self._time_touched = True
        self._show_message("")
        self.retranslate_buttons()
        self.tiles.keyboard_focus_target().setFocus()

    def is_editing(self) -> bool:
        return self._editing is not None

    def reset(self, keep_helper: bool = True) -> None:
        """Back to a new session with the defaults; the helper stays when ``keep_helper``."""
        helper = self.helper.currentData() if keep_helper else None
        self._editing = None
        self._fill(SimpleNamespace(started_at=None, **NEW_SESSION))  # None: now
        if keep_helper:
            self._select_data(self.helper, helper)
        self._time_touched = False
        self.retranslate_buttons()

    def _fill(self, d: SessionDraft | SimpleNamespace) -> None:
        self.tiles.set_selected(list(d.services))
        self.outcome_buttons.get(d.outcome, self.outcome_buttons["solved_together"]).setChecked(
            True
        )
        self.started.blockSignals(True)
        # no datetime module before the first paint (~1 ms of imports): a new session is now
        self._show_time(int(time.time() if d.started_at is None else d.started_at.timestamp()))
        self.started.blockSignals(False)
        self.duration.setValue(d.duration_min)
        self._select_data(self.channel, d.channel)
        self._select_data(self.age_band, d.age_band)
        self.adult.setChecked(d.adult_confirmed)
        self._select_data(self.first_visit, d.first_visit)
        self._select_data(self.language, d.language)
        self.interpreter.setChecked(d.interpreter)
        if d.helper_id is not None or self._editing is not None:
            self._select_data(self.helper, d.helper_id)
        self.code.setText(d.visitor_code or "")
        self.postcode.setText(d.postcode or "")
        for code, check in self.target_checks.items():
            check.setChecked(code in d.target_groups)
        for code, check in self.referral_checks.items():
            check.setChecked(code in d.referrals)
        self.notes.setPlainText(d.notes)

    def _show_time(self, secs: int) -> None:
        """Show the moment ``secs`` (since the epoch) as local wall-clock time. The local offset
        comes from Python's clock, not from QTimeZone.systemTimeZone() (which reads the zone
        database: ~8 ms the first time, before the first paint)."""
        wall = secs + time.localtime(secs).tm_gmtoff
        self._shown = (wall, secs)  # the hour that repeats when summer time ends stays as it was
        self.started.setDateTime(QDateTime.fromSecsSinceEpoch(wall, self._utc))

    def _shown_time(self) -> int:
        """The moment (seconds since the epoch) of the local wall-clock time in the field."""
        shown = self.started.dateTime().toSecsSinceEpoch()
        if shown == self._shown[0]:
            return self._shown[1]
        try:  # Windows: gmtime and mktime raise before 1970 (and after 3000)
            wall = time.gmtime(shown)
            return int(time.mktime((*wall[:8], -1)))  # -1: the local rules say if DST applies
        except (OverflowError, ValueError, OSError):  # a year the platform cannot convert:
            return shown  # the store refuses it anyway (before 2000 or in the future)

    def draft(self) -> SessionDraft:
        """What the form holds now, as a ``SessionDraft``."""
        from datetime import UTC, datetime

        from digipunt_app.core.records import SessionDraft

        if self._time_touched:
            started = datetime.fromtimestamp(self._shown_time(), UTC)
        else:
            started = datetime.now(UTC)
        outcome = next(c for c, b in self.outcome_buttons.items() if b.isChecked())
        d = SessionDraft(
            started_at=started,
            duration_min=self.duration.value(),
            channel=self.channel.currentData(),
            services=self.tiles.selected(),
            outcome=outcome,
            referrals=[c for c, b in self.referral_checks.items() if b.isChecked()],
            age_band=self.age_band.currentData(),
            adult_confirmed=self.adult.isChecked(),
            target_groups=[c for c, b in self.target_checks.items() if b.isChecked()],
            language=self.language.currentData(),
            interpreter=self.interpreter.isChecked(),
            first_visit=self.first_visit.currentData(),
            helper_id=self.helper.currentData(),
            visitor_code=self.code.text().strip() or None,
            postcode=self.postcode.text().strip() or None,
            notes=self.notes.toPlainText().strip(),
        )
        if self._editing is not None:
            d.id = self._editing.id
            d.rev = self._editing.rev
        return d

    # --- saving ------------------------------------------------------------------------------
    def save(self) -> None:
        """Enter / "Opslaan & nieuw": save in the background; the form stays as typed until the
        store confirms."""
        if self._saving:
            return
        draft = self.draft()
        if not draft.services:
            self._field_error(
                self.tr("Kies minstens één dienst (toets 1 tot 9 of klik op een tegel)."),
                "services",
            )
            return
        self._saving = True
        self.save_button.setEnabled(False)
        from digipunt_app.core import sessions

        def _count_use(db: Any, _saved: Any) -> None:  # same transaction: one commit per save
            with contextlib.suppress(ValueError, TypeError):  # only the tile order
                service_usage.bump_usage_in(db, draft.services)

        def _save(store: Any) -> SessionRow:
            count = _count_use if draft.id is None else None
            return sessions.save_session(store, draft, also=count)

        self.ops.db(
            _save,
            on_success=self._saved,
            on_failure=self._save_failed,
            changes={"sessions"},
            owner=self,
        )
        check = getattr(self.ops, "check", None)
        if self.ops.store is None or (check is not None and not check.settled.is_set()):
            # the save waits for the store to open and its start-up check (seconds with a
            # large file): say so, or the button seems to do nothing
            self._show_message(
                self.tr("Bewaren... even geduld, het gegevensbestand wordt nog nagekeken."),
                ok=True,
            )

    def _saved(self, row: SessionRow) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        was_edit = self._editing is not None
        names = ", ".join(self.tiles.labels().get(c, c) for c in row.services)
        when = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(row.started_at.timestamp())),
                                  "HH:mm")
        if was_edit:
            text = self.tr("✔ Wijziging bewaard: {services}").format(services=names)
        else:
            text = self.tr("✔ Bewaard: {services} ({time})").format(services=names, time=when)
        self._last_saved = row.id
        self.reset(keep_helper=True)
        self._show_message(text, ok=True)
        self.tiles.keyboard_focus_target().setFocus()
        self.saved.emit(row)
        if was_edit:
            self.editClosed.emit()

    def _save_failed(self, err: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        from digipunt_app.core.records import StorageError, ValidationError

        if isinstance(err, ValidationError):
            self._field_error(str(err), err.field)
        elif isinstance(err, StorageError):
            self._show_message(
                self.tr("⚠ Niet bewaard: {reason} Wat u invulde, staat er nog.").format(
                    reason=str(err)
                )
            )
        else:
            self._show_message(
                self.tr("⚠ Niet bewaard door een onverwachte fout ({error}). "
                        "Wat u invulde, staat er nog.").format(error=str(err) or type(err).__name__)
            )

    def field_widget(self, field: str | None) -> QWidget | None:
        return {
            "services": self.tiles.keyboard_focus_target(),
            "outcome": self.outcome_buttons["solved_together"],
            "started_at": self.started,
            "duration_min": self.duration,
            "channel": self.channel,
            "age_band": self.age_band,
            "adult_confirmed": self.adult,
            "first_visit": self.first_visit,
            "language": self.language,
            "helper_id": self.helper,
            "visitor_code": self.code,
            "postcode": self.postcode,
            "notes": self.notes,
            "referrals": self.referral_box,
            "target_groups": self.target_box,
        }.get(field or "")

    def _field_error(self, text: str, field: str | None) -> None:
        self._show_message("⚠ " + text)
        widget = self.field_widget(field)
        if widget is not None:
            self.scroll.ensureWidgetVisible(widget)
            widget.setFocus()

    def _show_message(self, text: str, ok: bool = False) -> None:
        if text and not self._message_selectable:
            from PySide6.QtCore import Qt

            self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._message_selectable = True
        self.message.setText(text)
        self.message.setVisible(bool(text))
        style = "color: #14532d; font-weight: bold;" if ok else "color: #8a1c1c; font-weight: bold;"
        if self.message.styleSheet() != style:
            self.message.setStyleSheet(style)
        self.message.setAccessibleName(text)

    def message_text(self) -> str:
        return self.message.text() if self.message.isVisible() else ""

    # --- reactions ---------------------------------------------------------------------------
    def _number_key(self, number: int) -> None:
        self.tiles.toggle_number(number)
        if self._last_saved and not self.is_editing():
            self._show_message("")

    def _time_edited(self, _value: QDateTime) -> None:
        self._time_touched = True

    def _age_changed(self, _index: int) -> None:
        minor = self.age_band.currentData() == "under_18"
        if minor:
            self.adult.setChecked(False)
        self.adult.setEnabled(not minor)

    def _notes_changed(self) -> None:
        text = self.notes.toPlainText()
        reasons: list[str] = []
        if text:
            from digipunt_app.core import privacy

            reasons = list(privacy.check_notes(text))
        if len(text) > MAX_NOTES:
            reasons.append(
                self.tr("De notitie is {n} tekens lang; maximaal {max}.").format(
                    n=len(text), max=MAX_NOTES
                )
            )
        if reasons:
            self.privacy.setText(
                self.tr("⚠ Zo kan dit niet bewaard worden:") + "\n• " + "\n• ".join(reasons)
            )
            self.privacy.setAccessibleName(self.privacy.text())
        self.privacy.setVisible(bool(reasons))

    def privacy_text(self) -> str:
        return self.privacy.text() if self.privacy.isVisible() else ""

    def _clear_clicked(self) -> None:
        editing = self._editing is not None
        self.reset(keep_helper=True)
        self._show_message("")
        self.tiles.keyboard_focus_target().setFocus()
        if editing:
            self.editClosed.emit()

    def _make_code(self) -> None:
        from digipunt_app.core import visitor_code
        from digipunt_app.ui.visitor_card import VisitorCardDialog

        code = visitor_code.generate()
        self.code.setText(code)
        VisitorCardDialog.ask(self, code)

    @staticmethod
    def _select_data(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(index if index >= 0 else 0)

    # --- language (i18n.changes(), not changeEvent: see first_paint) --------------------------
    def _language_changed(self, _lang: str) -> None:
        self._combos_follow_contents()
        self.retranslate()

    def _combos_follow_contents(self) -> None:
        """The combo boxes take the width of their longest item again whenever their items
        change (a longer translation, a long volunteer name) and never shrink below it; Qt's
        default measures them only when first shown and lets a layout squeeze them, cutting a
        longer text off. Set once the store's data or another language arrives, after the first
        paint (the enum lookups are not needed before it)."""
        if getattr(self, "_combos_adjusted", False):
            return
        self._combos_adjusted = True
        from PySide6.QtWidgets import QSizePolicy

        policy = QComboBox.SizeAdjustPolicy.AdjustToContents
        for combo in (self.helper, self.channel, self.age_band, self.first_visit, self.language):
            combo.setSizeAdjustPolicy(policy)
            # never narrower than the longest item: the form puts the field under its label
            # (WrapLongRows) or scrolls instead of cutting the chosen text off
            sizing = combo.sizePolicy()
            sizing.setHorizontalPolicy(QSizePolicy.Policy.Minimum)
            combo.setSizePolicy(sizing)

    def _fill_combo(self, combo: QComboBox, items: dict[str, str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for code, text in items.items():
            combo.addItem(text, code)
        combo.blockSignals(False)
        if current is not None:
            self._select_data(combo, current)

    def retranslate(self) -> None:
        self.services_box.setTitle(self.tr("Waarmee werd geholpen? (toets 1 tot 9)"))
        self.outcome_box.setTitle(self.tr("Resultaat"))
        for code, text in labels.outcome_labels().items():
            self.outcome_buttons[code].setText(text)
            self.outcome_buttons[code].setAccessibleName(self.tr("Resultaat: {x}").format(x=text))
        self.details_box.setTitle(self.tr("Gegevens"))
        row_texts = {
            "helper": self.tr("&Vrijwilliger:"),
            "started_at": self.tr("&Datum en uur:"),
            "duration_min": self.tr("D&uur (minuten):"),
            "channel": self.tr("Hoe &kwam de vraag binnen:"),
            "age_band": self.tr("&Leeftijd:"),
            "first_visit": self.tr("&Eerste bezoek:"),
            "language": self.tr("&Taal van het gesprek:"),
            "visitor_code": self.tr("&Bezoekerscode (niet verplicht):"),
            "postcode": self.tr("&Postcode woonplaats (niet verplicht):"),
        }
        for key, text in row_texts.items():
            self.row_labels[key].setText(text)
        names = {
            self.helper: self.tr("Vrijwilliger"),
            self.started: self.tr("Datum en uur"),
            self.duration: self.tr("Duur in minuten"),
            self.channel: self.tr("Hoe kwam de vraag binnen"),
            self.age_band: self.tr("Leeftijd"),
            self.adult: self.tr("Bezoeker is 18 jaar of ouder"),
            self.first_visit: self.tr("Eerste bezoek"),
            self.language: self.tr("Taal van het gesprek"),
            self.interpreter: self.tr("Met tolk"),
            self.code: self.tr("Bezoekerscode"),
            self.new_code: self.tr("Nieuwe bezoekerscode maken en kaart afdrukken"),
            self.postcode: self.tr("Postcode woonplaats"),
            self.notes: self.tr("Notities"),
        }
        for widget, name in names.items():
            widget.setAccessibleName(name)
        self.adult.setText(self.tr("Bezoeker is &18 jaar of ouder"))
        self.interpreter.setText(self.tr("Met tolk"))
        self.new_code.setText(self.tr("Nieu&we code..."))
        self.code.setPlaceholderText(self.tr("bv. 7K3M-Q9XD-4"))
        self.postcode.setPlaceholderText(self.tr("bv. 9000"))
        self._fill_combo(self.channel, labels.channel_labels())
        self._fill_combo(self.age_band, labels.age_band_labels())
        self._fill_combo(self.first_visit, labels.first_visit_labels())
        self._fill_combo(self.language, labels.language_labels())
        if self.helper.count():
            self.helper.setItemText(0, self.tr("(niet ingevuld)"))
        self.target_box.setTitle(self.tr("Doelgroep (niet verplicht)"))
        for code, text in labels.target_group_labels().items():
            self.target_checks[code].setText(text)
            self.target_checks[code].setAccessibleName(self.tr("Doelgroep: {x}").format(x=text))
        self.referral_box.setTitle(self.tr("Doorverwezen naar (niet verplicht)"))
        for code, text in labels.referral_labels().items():
            self.referral_checks[code].setText(text)
            self.referral_checks[code].setAccessibleName(
                self.tr("Doorverwezen naar: {x}").format(x=text)
            )
        self.notes_box.setTitle(self.tr("Notities"))
        self.notes_label.setText(
            self.tr("&Notitie (geen namen, rijksregisternummers, e-mail, telefoon- of "
                    "rekeningnummers):")
        )
        self.clear_button.setText(self.tr("Leeg&maken (Esc)"))
        self.clear_button.setAccessibleName(self.tr("Formulier leegmaken"))
        self.tiles.setAccessibleName(self.tr("Diensten"))
        self._apply_service_labels()
        self.retranslate_buttons()
        if self.privacy.isVisible():
            self._notes_changed()

    def retranslate_buttons(self) -> None:
        if self._editing is not None:
            self.save_button.setText(self.tr("Wijziging &opslaan (Enter)"))
            self.clear_button.setText(self.tr("&Annuleren (Esc)"))
        else:
            self.save_button.setText(self.tr("&Opslaan && nieuw (Enter)"))
            self.clear_button.setText(self.tr("Leeg&maken (Esc)"))
        self.save_button.setAccessibleName(self.save_button.text().replace("&&", "+").replace(
            "&", ""))
        self.clear_button.setAccessibleName(self.clear_button.text().replace("&", ""))

