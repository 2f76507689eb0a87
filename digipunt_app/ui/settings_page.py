"""Settings: the language of the app (nl, fr, en; applied at once, no restart) and the text size
(100% to 200%). Both are saved in the local store (``settings`` keys ``language`` and
``font_scale``) and applied again at the next start."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from digipunt_app.ui import i18n
from digipunt_app.ui.operations import Operations

LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English"}  # each in its own tongue


class SettingsPage(QWidget):
    languageChosen = Signal(str)
    fontScaleChosen = Signal(int)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.language_label = QLabel(self)
        self.language = QComboBox(self)
        for code in i18n.LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language_label.setBuddy(self.language)
        self.font_label = QLabel(self)
        self.font_scale = QComboBox(self)
        for percent in i18n.FONT_SCALES:
            self.font_scale.addItem(f"{percent}%", percent)
        self.font_label.setBuddy(self.font_scale)
        form.addRow(self.language_label, self.language)
        form.addRow(self.font_label, self.font_scale)
        layout.addLayout(form)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.language.activated.connect(self._language_activated)
        self.font_scale.activated.connect(self._font_activated)
        self.retranslate()

    def show_values(self, language: str, font_scale: int) -> None:
        """Show the saved values (no signals)."""
        for combo, value in ((self.language, language), (self.font_scale, font_scale)):
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)

    def choose_language(self, code: str) -> None:
        self.show_values(code, self.font_scale.currentData())
        self._language_activated(self.language.currentIndex())

    def choose_font_scale(self, percent: int) -> None:
        self.show_values(self.language.currentData(), percent)
        self._font_activated(self.font_scale.currentIndex())

    def _language_activated(self, index: int) -> None:
        code = self.language.itemData(index)
        self._save("language", code)
        self.languageChosen.emit(code)

    def _font_activated(self, index: int) -> None:
        percent = int(self.font_scale.itemData(index))
        self._save("font_scale", percent)
        self.fontScaleChosen.emit(percent)

    def _save(self, key: str, value: object) -> None:
        from digipunt_app.core import settings

        self.ops.db(lambda store: settings.set_setting(store, key, value),
                    changes={"settings"}, owner=self)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.language_label.setText(self.tr("&Taal / Langue / Language:"))
        self.language.setAccessibleName(self.tr("Taal van het programma"))
        self.font_label.setText(self.tr("Te&kstgrootte:"))
        self.font_scale.setAccessibleName(self.tr("Tekstgrootte"))
        self.hint.setText(
            self.tr("Wijzigingen gelden meteen en blijven bewaard. Vindt u de letters te klein? "
                    "Kies 150% of 200%.")
        )
