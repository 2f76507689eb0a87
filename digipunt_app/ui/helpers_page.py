"""Volunteers ("vrijwilligers"): add, rename, deactivate and reactivate. Names are pseudonyms or
first names chosen by the volunteers themselves; a deactivated volunteer stays in old sessions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from digipunt_app.core.records import HelperRow
from digipunt_app.ui.operations import Operations


class HelpersPage(QWidget):
    helpersLoaded = Signal(object)  # list[HelperRow], all of them (active and not)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.helpers: list[HelperRow] = []
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.list_label = QLabel(self)
        self.list = QListWidget(self)
        self.list.setSpacing(4)
        self.list_label.setBuddy(self.list)
        self.list.currentItemChanged.connect(self._current_changed)
        layout.addWidget(self.list_label)
        layout.addWidget(self.list, 1)

        self.name_label = QLabel(self)
        self.name = QLineEdit(self)
        self.name.setMaxLength(80)
        self.name_label.setBuddy(self.name)
        self.name.returnPressed.connect(self.add)
        row = QHBoxLayout()
        row.addWidget(self.name_label)
        row.addWidget(self.name, 1)
        layout.addLayout(row)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add)
        self.rename_button = QPushButton(self)
        self.rename_button.clicked.connect(self.rename)
        self.active_button = QPushButton(self)
        self.active_button.clicked.connect(self.toggle_active)
        for button in (self.add_button, self.rename_button, self.active_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.retranslate()
        ops.changed.connect(self._on_changed)

    # --- loading -----------------------------------------------------------------------------
    def load(self) -> None:
        from digipunt_app.core import helpers

        self.ops.db(
            lambda store: helpers.list_helpers(store, include_inactive=True),
            on_success=self._loaded,
            owner=self,
        )

    def _on_changed(self, changes: frozenset[str]) -> None:
        if "helpers" in changes:
            self.load()

    def _loaded(self, rows: list[HelperRow]) -> None:
        current = self.current_id()
        self.helpers = sorted(rows, key=lambda h: (not h.active, h.display_name.casefold()))
        self.list.clear()
        for helper in self.helpers:
            item = QListWidgetItem(self._item_text(helper))
            item.setData(Qt.ItemDataRole.UserRole, helper.id)
            self.list.addItem(item)
            if helper.id == current:
                self.list.setCurrentItem(item)
        self._current_changed()
        self.helpersLoaded.emit(list(self.helpers))

    def _item_text(self, helper: HelperRow) -> str:
        if helper.active:
            return helper.display_name
        return self.tr("{name} (niet meer actief)").format(name=helper.display_name)

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def current_helper(self) -> HelperRow | None:
        hid = self.current_id()
        return next((h for h in self.helpers if h.id == hid), None)

    def select_name(self, name: str) -> bool:
        for i in range(self.list.count()):
            if self.list.item(i).text() == name:
                self.list.setCurrentRow(i)
                return True
        return False

    # --- actions -----------------------------------------------------------------------------
    def _run(self, fn: Any, done_text: str) -> None:
        self.ops.db(
            fn,
            on_success=lambda _r: self._done(done_text),
            on_failure=lambda err: self._say("⚠ " + str(err)),
            changes={"helpers"},
            owner=self,
        )

    def _done(self, text: str) -> None:
        self.name.clear()
        self._say("✔ " + text)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)

    def add(self) -> None:
        from digipunt_app.core import helpers

        name = self.name.text().strip()
        if not name:
            self._say("⚠ " + self.tr("Typ eerst een naam."))
            self.name.setFocus()
            return
        self._run(lambda store: helpers.add_helper(store, name),
                  self.tr("{name} is toegevoegd.").format(name=name))

    def rename(self) -> None:
        from digipunt_app.core import helpers

        helper = self.current_helper()
        name = self.name.text().strip()
        if helper is None or not name:
            self._say("⚠ " + self.tr("Kies een vrijwilliger in de lijst en typ de nieuwe naam."))
            return
        self._run(lambda store: helpers.rename_helper(store, helper.id, name),
                  self.tr("{old} heet nu {new}.").format(old=helper.display_name, new=name))

    def toggle_active(self) -> None:
        from digipunt_app.core import helpers

        helper = self.current_helper()
        if helper is None:
            self._say("⚠ " + self.tr("Kies eerst een vrijwilliger in de lijst."))
            return
        active = not helper.active
        text = (self.tr("{name} is weer actief.") if active
                else self.tr("{name} is niet meer actief.")).format(name=helper.display_name)
        self._run(lambda store: helpers.set_helper_active(store, helper.id, active), text)

    def _current_changed(self, *_args: object) -> None:
        helper = self.current_helper()
        self.rename_button.setEnabled(helper is not None)
        self.active_button.setEnabled(helper is not None)
        if helper is not None and not helper.active:
            self.active_button.setText(self.tr("Weer a&ctief maken"))
        else:
            self.active_button.setText(self.tr("Niet meer a&ctief"))
        self.active_button.setAccessibleName(self.active_button.text().replace("&", ""))

    # --- language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr("Vrijwilligers worden met een voornaam of bijnaam bewaard. Wie niet meer "
                    "meehelpt, zet u op \"niet meer actief\": de oude sessies blijven bewaard.")
        )
        self.list_label.setText(self.tr("&Vrijwilligers:"))
        self.list.setAccessibleName(self.tr("Lijst van vrijwilligers"))
        self.name_label.setText(self.tr("&Naam:"))
        self.name.setAccessibleName(self.tr("Naam van de vrijwilliger"))
        self.name.setPlaceholderText(self.tr("voornaam of bijnaam"))
        self.add_button.setText(self.tr("&Toevoegen"))
        self.rename_button.setText(self.tr("Naam &wijzigen"))
        for button in (self.add_button, self.rename_button):
            button.setAccessibleName(button.text().replace("&", ""))
        self.message.setAccessibleName(self.tr("Melding"))
        for i, helper in enumerate(self.helpers):
            if i < self.list.count():
                self.list.item(i).setText(self._item_text(helper))
        self._current_changed()
