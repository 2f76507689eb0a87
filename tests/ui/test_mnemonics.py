"""Alt+letter reaches every tab and menu of the main window: no two share a letter, in any
language."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication

from digipunt_app.ui import i18n


def _mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match.group(1).casefold() if match else None


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_tabs_and_menus_have_distinct_mnemonics(make_window, lang: str) -> None:
    window = make_window()
    i18n.set_language(QApplication.instance(), lang)
    texts = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    texts += [a.text() for a in window.menuBar().actions() if a.isVisible()]
    assert window.tabs.count() >= 5  # the four pages and the reports tab
    letters = [_mnemonic(t) for t in texts]
    assert None not in letters, texts
    assert len(set(letters)) == len(letters), texts
