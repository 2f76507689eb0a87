"""Service tiles of the entry form: the nine most-used services as big numbered toggle buttons
(keys 1-9 toggle them), plus a list to pick any other active service of the catalog.

A chosen tile shows a check mark and the word "gekozen" is in its accessible name, so colour is
never the only sign of what is selected.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from digipunt_app.ui import i18n
from digipunt_app.ui.flow_layout import FlowLayout

NUMBERED = 9


class ServiceTiles(QWidget):
    """``set_services([(code, label), ...])`` in tile order; ``selected()`` in the order chosen."""

    selectionChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services: list[tuple[str, str]] = []
        self._selected: list[str] = []
        self._tiles: dict[str, QPushButton] = {}
        self._bold: set[str] = set()  # codes whose tile has a bold font (asking Qt costs more)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._grid_host = QWidget(self)
        self._flow = FlowLayout(self._grid_host, spacing=8)
        outer.addWidget(self._grid_host)
        more_row = QHBoxLayout()
        self.more_label = QLabel(self)
        self.more = QComboBox(self)
        self.more.setMinimumContentsLength(24)
        self.more.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.more.activated.connect(self._more_chosen)
        self.more_label.setBuddy(self.more)
        more_row.addWidget(self.more_label)
        more_row.addWidget(self.more, 1)
        outer.addLayout(more_row)
        self.retranslate()
        i18n.changes().languageChanged.connect(self._language_changed)
        i18n.changes().fontScaleChanged.connect(self._font_scale_changed)

    # --- data --------------------------------------------------------------------------------
    def set_services(self, services: list[tuple[str, str]]) -> None:
        """All active services, most used first; the first nine get a tile with a number."""
        keep = [c for c in self._selected if any(c == s for s, _ in services)]
        self._services = list(services)
        self._selected = keep
        self._tiles_force_refresh()

    def _tiles_force_refresh(self) -> None:
        self._rebuild()
        self._fill_more()

    def labels(self) -> dict[str, str]:
        return dict(self._services)

    def numbered_codes(self) -> list[str]:
        return [code for code, _ in self._services[:NUMBERED]]

    def selected(self) -> list[str]:
        return list(self._selected)

    def set_selected(self, codes: list[str]) -> None:
        self._selected = list(dict.fromkeys(codes))
        self._rebuild()
        self.selectionChanged.emit()

    def clear(self) -> None:
        self.set_selected([])

    def toggle(self, code: str) -> None:
        if code in self._selected:
            self._selected.remove(code)
        else:
            self._selected.append(code)
        self._rebuild()
        self.selectionChanged.emit()

    def toggle_number(self, number: int) -> bool:
        """Toggle tile ``number`` (1-9); False when there is no such tile."""
        codes = self.numbered_codes()
        if not 1 <= number <= len(codes):
            return False
        self.toggle(codes[number - 1])
        return True

    def first_tile(self) -> QPushButton | None:
        codes = self.numbered_codes()
        return self._tiles.get(codes[0]) if codes else None

    # --- widgets -----------------------------------------------------------------------------
    def _tile_codes(self) -> list[str]:
        numbered = self.numbered_codes()
        extra = [c for c in self._selected if c not in numbered]
        return numbered + extra

    def _rebuild(self) -> None:
        """Make the tiles match the services and the selection; tiles are reused, so a key
        press only changes a check mark (and focus stays where it was)."""
        wanted = self._tile_codes()
        if list(self._tiles) != wanted:
            focus_code = next((c for c, t in self._tiles.items() if t.hasFocus()), None)
            while self._flow.count():
                item = self._flow.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.setParent(None)
                    widget.deleteLater()
            self._tiles.clear()
            self._bold.clear()
            for code in wanted:
                tile = QPushButton(self._grid_host)
                tile.setCheckable(True)
                tile.setAutoDefault(False)
                tile.setProperty("serviceCode", code)
                tile.clicked.connect(lambda _=False, c=code: self.toggle(c))
                self._flow.addWidget(tile)
                self._tiles[code] = tile
                tile.show()
            self._fill_more()
            if focus_code in self._tiles:
                self._tiles[focus_code].setFocus()
        labels = dict(self._services)
        numbered = self.numbered_codes()
        for code, tile in self._tiles.items():
            tile.setChecked(code in self._selected)
            number = numbered.index(code) + 1 if code in numbered else None
            self._label_tile(code, tile, labels.get(code, code), number)
        self._flow.invalidate()
        self._grid_host.updateGeometry()

    def _label_tile(self, code: str, tile: QPushButton, label: str, number: int | None) -> None:
        """Text, names and size of a tile; only what changed is set (each change relayouts)."""
        chosen = tile.isChecked()
        mark = "✔ " if chosen else ""
        text = f"{mark}{number}  {label}" if number else f"{mark}{label}"
        text = text.replace("&", "&&")
        if tile.text() != text:
            tile.setText(text)
        state = self.tr("gekozen") if chosen else self.tr("niet gekozen")
        if number:
            name = self.tr("Dienst {n}: {label}").format(n=number, label=label)
            tip = self.tr("Toets {n} kiest of schrapt deze dienst").format(n=number)
        else:
            name, tip = self.tr("Dienst: {label}").format(label=label), ""
        if tile.accessibleName() != name:
            tile.setAccessibleName(name)
            tile.setToolTip(tip)
        if tile.accessibleDescription() != state:
            tile.setAccessibleDescription(state)
        if (code in self._bold) != chosen:
            font = tile.font()
            font.setBold(chosen)
            tile.setFont(font)
            if chosen:
                self._bold.add(code)
            else:
                self._bold.discard(code)
        height = int(tile.fontMetrics().height() * 2.6)
        if tile.minimumHeight() != height:
            tile.setMinimumHeight(height)

    def _fill_more(self) -> None:
        self.more.blockSignals(True)
        self.more.clear()
        self.more.addItem(self.tr("Kies een andere dienst..."), None)
        numbered = set(self.numbered_codes())
        for code, label in sorted(self._services, key=lambda s: s[1].casefold()):
            if code not in numbered:
                self.more.addItem(label, code)
        self.more.setCurrentIndex(0)
        self.more.blockSignals(False)

    def _more_chosen(self, index: int) -> None:
        code = self.more.itemData(index)
        if code and code not in self._selected:
            self.toggle(code)
            tile = self._tiles.get(code)
            if tile is not None:
                tile.setFocus()
        self.more.setCurrentIndex(0)

    # --- language ----------------------------------------------------------------------------
    # (i18n.changes(), not changeEvent: the tiles are built before the first paint, see
    # first_paint)
    def _language_changed(self, _lang: str) -> None:
        self.retranslate()

    def _font_scale_changed(self, _percent: int) -> None:
        self._rebuild()  # tile heights follow the text size

    def retranslate(self) -> None:
        self.more_label.setText(self.tr("Andere d&ienst:"))
        self.more.setAccessibleName(self.tr("Andere dienst kiezen"))
        self.setAccessibleName(self.tr("Diensten"))
        self._tiles_force_refresh()

    def keyboard_focus_target(self) -> QWidget:
        tile = self.first_tile()
        return tile if tile is not None else self.more

