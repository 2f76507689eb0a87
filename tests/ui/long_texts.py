"""A stretched pseudo-locale for layout tests: every Dutch string about 40% longer (as French or
a long Dutch word often is), built from ``digipunt_nl.ts`` and compiled with ``pyside6-lrelease``
at test time; and the checks that no text on screen is cut off."""

from __future__ import annotations

import math
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from digipunt_app.ui import i18n, i18n_build

# Words outside placeholders ({name}, %1), tags (<b>) and entities (&amp;).
_TOKEN = re.compile(r"\{[^}]*\}|%\d+|<[^>]*>|&[a-z]+;|([A-Za-zÀ-ÿ]+)")


def stretch(text: str, factor: float = 0.4) -> str:
    """``text`` with every word about ``factor`` longer (its start repeated, in lower case), so
    lines still break between words; placeholders and the ``&`` of a mnemonic stay."""

    def longer(match: re.Match[str]) -> str:
        word = match.group(1)
        if word is None:
            return match.group(0)
        extra = math.ceil(len(word) * factor)
        return word + (word.lower() * 3)[:extra]

    return _TOKEN.sub(longer, text)


def build_stretched_qm(folder: Path) -> Path:
    """``digipunt_stretched.qm`` in ``folder``: the Dutch .ts with stretched translations."""
    tree = ET.parse(i18n.translations_dir() / "digipunt_nl.ts")
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            for form in translation.findall("numerusform"):
                form.text = stretch(form.text or source)
        else:
            translation.text = stretch(source)
    ts = folder / "digipunt_stretched.ts"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    qm = folder / "digipunt_stretched.qm"
    subprocess.run([i18n_build._tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
                   check=True)
    return qm


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text()
    if isinstance(widget, QGroupBox):
        return widget.title()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def combo_width_for(combo: QComboBox, text: str) -> int:
    """The width ``combo`` needs to show ``text`` whole (what its own size hint would be for
    that one item; its cached hint may date from before a language change)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    contents = QSize(combo.fontMetrics().horizontalAdvance(text), combo.fontMetrics().height())
    return combo.style().sizeFromContents(
        QStyle.ContentsType.CT_ComboBox, option, contents, combo
    ).width()


def _inside_scroll_area(widget: QWidget, root: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def cut_texts(window: QWidget, page: QWidget) -> list[str]:
    """Every visible text on ``page`` that does not fit: a label, button, check box, radio
    button, group box title or combo box narrower (or lower) than its text needs, or a widget
    that lies (partly) outside the window without a scroll area to reach it."""
    problems: list[str] = []
    kinds = (QLabel, QPushButton, QCheckBox, QRadioButton, QGroupBox, QComboBox)
    for widget in [page, *page.findChildren(QWidget)]:
        if not isinstance(widget, kinds) or not widget.isVisibleTo(window):
            continue
        if widget.objectName().startswith("qt_") or not widget.isVisible():
            continue
        text = _text_of(widget).replace("&", "")
        if isinstance(widget, QLabel) and (not text.strip() or widget.pixmap() is not None
                                           and not widget.pixmap().isNull()):
            continue
        if not text.strip():
            continue
        name = f"{type(widget).__name__} {text[:50]!r}"
        size = widget.size()
        if isinstance(widget, QLabel) and widget.wordWrap():
            need_h = widget.heightForWidth(size.width())
            words = max((widget.fontMetrics().horizontalAdvance(w) for w in text.split()),
                        default=0)
            if size.height() + 1 < need_h:
                problems.append(f"{name}: {size.height()} px high, needs {need_h}")
            if size.width() + 1 < min(words, widget.sizeHint().width()):
                problems.append(f"{name}: {size.width()} px wide, a word needs {words}")
        elif isinstance(widget, QGroupBox):
            need = widget.fontMetrics().horizontalAdvance(text)
            if size.width() < need:
                problems.append(f"{name}: title {need} px in {size.width()} px")
        elif isinstance(widget, QComboBox):
            need = combo_width_for(widget, text)
            if size.width() + 1 < need:
                problems.append(f"{name}: {size.width()} px wide, its text needs {need}")
        else:
            hint = widget.minimumSizeHint() if isinstance(widget, QLabel) else widget.sizeHint()
            if size.width() + 1 < hint.width() or size.height() + 1 < hint.height():
                problems.append(f"{name}: {size.width()}x{size.height()} px, needs "
                                f"{hint.width()}x{hint.height()}")
        area = _inside_scroll_area(widget, window)
        box = widget.rect().translated(widget.mapTo(window, widget.rect().topLeft()))
        if area is None and not window.rect().contains(box):
            problems.append(f"{name}: outside the window ({box.getCoords()} in "
                            f"{window.width()}x{window.height()}) without a scroll area")
    return problems


def cut_tab_titles(tabs: QTabWidget) -> list[str]:
    bar = tabs.tabBar()
    problems = []
    for index in range(bar.count()):
        text = bar.tabText(index).replace("&", "")
        need = bar.fontMetrics().horizontalAdvance(text)
        rect = bar.tabRect(index)
        if rect.width() < need or not tabs.rect().contains(
            rect.translated(bar.mapTo(tabs, rect.topLeft()) - rect.topLeft())
        ):
            problems.append(f"tab {text!r}: {rect.width()} px, text needs {need}")
    return problems


def cut_cells(root: QWidget) -> list[str]:
    """Every table cell and header under ``root`` whose text does not fit: a row label wider
    than the row header, a column title wider than its column, a cell whose (wrapped) text is
    higher than its row."""
    problems: list[str] = []
    for table in root.findChildren(QTableWidget):
        if not table.isVisible():
            continue
        metrics = table.fontMetrics()
        rows = table.verticalHeader()
        for row in range(table.rowCount()):
            label = table.verticalHeaderItem(row)
            if label is not None and rows.width() < metrics.horizontalAdvance(label.text()):
                problems.append(f"row title {label.text()!r}: {rows.width()} px, needs "
                                f"{metrics.horizontalAdvance(label.text())}")
            for column in range(table.columnCount()):
                item = table.item(row, column)
                if item is None or not item.text():
                    continue
                width = table.columnWidth(column) - 8  # the cell's margins
                flags = Qt.TextFlag.TextWordWrap if table.wordWrap() else 0
                need = QFontMetrics(item.font()).boundingRect(
                    QRect(0, 0, max(1, width), 100_000), int(flags), item.text()
                )
                if need.height() > table.rowHeight(row) or need.width() > width:
                    problems.append(f"cell {item.text()[:40]!r}: {width}x{table.rowHeight(row)}"
                                    f" px, needs {need.width()}x{need.height()}")
        columns = table.horizontalHeader()
        for column in range(table.columnCount()):
            title = table.horizontalHeaderItem(column)
            if title is None:
                continue
            width = columns.sectionSize(column) - 8  # the section's margins
            wraps = bool(columns.defaultAlignment() & Qt.TextFlag.TextWordWrap)
            wrap = Qt.TextFlag.TextWordWrap if wraps else 0
            need = columns.fontMetrics().boundingRect(
                QRect(0, 0, max(1, width), 100_000), int(wrap), title.text()
            )
            if need.width() > width or need.height() > columns.height():
                problems.append(f"column title {title.text()!r}: {width}x{columns.height()} px,"
                                f" needs {need.width()}x{need.height()}")
    return problems
