"""UI language and font size, switched while the app runs (no restart).

``set_language(app, "fr")`` swaps the installed ``QTranslator`` (our ``digipunt_fr.qm`` plus Qt's
own ``qtbase_fr.qm`` for standard dialogs) and the default ``QLocale``; Qt then sends
``QEvent.LanguageChange`` to every widget, whose ``changeEvent`` calls its ``retranslate()``.
``set_font_scale(app, 150)`` scales the application font from the system size it started with.

The widgets built before the window's first paint (main window, entry form, tiles) listen to
``changes()`` instead (``languageChanged``, ``fontScaleChanged``, emitted once the change is
applied): a ``changeEvent`` override would make PySide6 build ``QEvent`` and its ~190-member
``Type`` enum before that paint (see ``first_paint``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

LANGUAGES = ("nl", "fr", "en")
FONT_SCALES = (100, 125, 150, 175, 200)
_LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_BE"}


def translations_dir() -> Path:
    """``resources/translations`` in the source tree or the frozen bundle."""
    import sys

    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "translations"


_installed: list[QTranslator] = []
_current = {"lang": "nl"}
_base_point_size: list[float] = []


class Changes(QObject):
    languageChanged = Signal(str)  # the new language, its translators installed (queued)
    fontScaleChanged = Signal(int)  # the new percentage, the application font set (queued)


_changes: list[Changes] = []


def changes() -> Changes:
    """The one ``Changes`` object of the process (see the module docstring)."""
    if not _changes:
        _changes.append(Changes())
    return _changes[0]


def current_language() -> str:
    return _current["lang"]


def set_language(app: QApplication, lang: str) -> None:
    """Install the translators for ``lang`` (nl, fr or en); widgets retranslate themselves."""
    if lang not in LANGUAGES:
        lang = "nl"
    locale = QLocale(_LOCALES[lang])
    QLocale.setDefault(locale)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    ours = QTranslator(app)
    if ours.load(str(translations_dir() / f"digipunt_{lang}.qm")):
        _installed.append(ours)
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang != "en" and qt_own.load(locale, "qtbase", "_", qt_dir):
        _installed.append(qt_own)
    _current["lang"] = lang
    for translator in _installed:
        app.installTranslator(translator)
    # With no translator change (nl -> nl) Qt sends no event; widgets are already right.
    if _changes:
        # Qt posts its LanguageChange events; emitting from the event loop too keeps every
        # widget (changeEvent or ``changes()``) switching in the same turn.
        from PySide6.QtCore import QTimer

        changes_ = _changes[0]
        QTimer.singleShot(0, changes_, lambda: changes_.languageChanged.emit(lang))


def set_font_scale(app: QApplication, percent: int) -> None:
    """Scale the application font to ``percent`` of the system font size (100..200)."""
    from PySide6.QtGui import QFont

    percent = max(100, min(200, int(percent)))
    font = QFont(app.font())
    if not _base_point_size:
        size = font.pointSizeF()
        _base_point_size.append(size if size > 0 else 10.0)
    font.setPointSizeF(_base_point_size[0] * percent / 100)
    app.setFont(font)
    if _changes:
        # From the event loop, after Qt has handed the new font to every widget.
        from PySide6.QtCore import QTimer

        changes_ = _changes[0]
        QTimer.singleShot(0, changes_, lambda: changes_.fontScaleChanged.emit(percent))
