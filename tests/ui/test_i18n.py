"""Languages: switched at run time without a restart; every string translated in nl/fr/en."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt, QTranslator

from digipunt_app.core.catalog import default_catalog
from digipunt_app.ui import i18n_build, labels
from digipunt_app.ui.i18n import translations_dir
from sync import protocol


def test_language_switch_without_restart(qtbot, window):
    form = window.form
    assert window.tabs.tabText(0).replace("&", "") == "Registreren"
    dutch_tile = form.tiles.labels()["eid"]
    window.settings_page.choose_language("fr")
    qtbot.waitUntil(lambda: window.tabs.tabText(0).replace("&", "") == "Enregistrer",
                    timeout=5000)
    assert form.outcome_buttons["solved_together"].text() == "Résolu ensemble"
    assert form.tiles.labels()["eid"] == "eID & lecteur de carte" != dutch_tile
    assert "nouveau" in form.save_button.text().replace("&", "")
    assert form.channel.currentText() == "Sans rendez-vous"
    assert window.session_list.model.headerData(0, Qt.Orientation.Horizontal) == "Date"
    window.settings_page.choose_language("en")
    qtbot.waitUntil(lambda: window.tabs.tabText(0).replace("&", "") == "Record", timeout=5000)
    window.settings_page.choose_language("nl")
    qtbot.waitUntil(lambda: window.tabs.tabText(0).replace("&", "") == "Registreren",
                    timeout=5000)
    assert form.tiles.labels()["eid"] == dutch_tile
    # The choice is saved and used at the next start.
    from digipunt_app.core import settings

    qtbot.waitUntil(lambda: window.ops.busy == 0, timeout=5000)
    assert settings.get_setting(window.ops.store, "language") == "nl"


def test_saved_language_is_used_at_start(qtbot, make_window):
    from digipunt_app.core import settings

    first = make_window()
    settings.set_setting(first.ops.store, "language", "fr")
    first.ops.shutdown()
    second = make_window()
    qtbot.waitUntil(lambda: second.tabs.tabText(0).replace("&", "") == "Enregistrer",
                    timeout=5000)
    assert second.settings_page.language.currentData() == "fr"


@pytest.mark.parametrize("lang", i18n_build.LANGS)
def test_no_unfinished_translation(lang):
    assert i18n_build.unfinished(lang) == []
    root = ET.parse(i18n_build.ts_path(lang)).getroot()
    assert len(list(root.iter("message"))) > 150
    assert (translations_dir() / f"digipunt_{lang}.qm").stat().st_size > 1000


def test_ts_files_cover_every_string_in_the_sources():
    """Running lupdate again would add nothing: every tr() string in ui/ is in the .ts files."""
    import re

    sources = set()
    for path in i18n_build.sources():
        text = path.read_text(encoding="utf-8")
        sources |= set(re.findall(r'self\.tr\(\s*"([^"\\]*)"\s*\)', text))
    in_ts = {m.findtext("source") for m in ET.parse(i18n_build.ts_path("fr")).getroot()
             .iter("message")}
    assert sources - in_ts == set()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_vocabulary_labels_translated(qapp, lang):
    translator = QTranslator()
    assert translator.load(str(translations_dir() / f"digipunt_{lang}.qm"))
    vocab = labels.all_vocabularies()
    for name, mapping in vocab.items():
        assert tuple(mapping) == getattr(protocol, name), name
        for code, dutch in mapping.items():
            translated = translator.translate("labels", dutch)
            assert translated, (lang, code)


def test_catalog_labels_complete():
    catalog = default_catalog()
    for service in catalog.services:
        for lang in ("nl", "fr", "en"):
            assert service.labels.get(lang, "").strip(), (service.code, lang)
    for group in catalog.groups:
        for lang in ("nl", "fr", "en"):
            assert group.labels.get(lang, "").strip(), (group.code, lang)



def _ui_literals() -> set[str]:
    """Every string literal in the UI sources, without mnemonics: what could reach the screen."""
    import ast
    from pathlib import Path

    import digipunt_app.ui

    found = set()
    for path in Path(digipunt_app.ui.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value.replace("&", ""))
    return found


def _same_in(lang: str) -> set[str]:
    """Translations of ``lang`` (and sources that read the same in it), without mnemonics."""
    root = ET.parse(i18n_build.ts_path(lang)).getroot()
    same = set()
    for message in root.iter("message"):
        source = (message.findtext("source") or "").replace("&", "")
        translation = (message.findtext("translation") or "").replace("&", "")
        same.add(translation)
        if source == translation:
            same.add(source)
    return same


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_dutch_left_on_screen_after_switch(qtbot, window, lang):
    """Menus, toolbar, tabs, buttons and labels of the whole window (sync, reports and about
    included) speak the chosen language: a Dutch string from the sources that lupdate never saw
    (so it is missing from the .ts files) would stay on screen and is caught here."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu

    window.settings_page.choose_language(lang)
    qtbot.waitUntil(lambda: window.tabs.tabText(0).replace("&", "") != "Registreren",
                    timeout=5000)
    texts = {window.tabs.tabText(i) for i in range(window.tabs.count())}
    texts |= {a.text() for a in window.findChildren(QAction)}
    texts |= {m.title() for m in window.findChildren(QMenu)}
    texts |= {b.text() for b in window.findChildren(QAbstractButton)}
    texts |= {label.text() for label in window.findChildren(QLabel)}
    texts = {t.replace("&", "") for t in texts if t.strip()}
    left = sorted((texts & _ui_literals()) - _same_in(lang))
    assert left == []
