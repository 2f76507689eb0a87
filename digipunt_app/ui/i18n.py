"""UI language and font size, switched while the app runs (no restart).

``set_language(app, "fr")`` swaps the installed ``QTranslator`` (our ``digipunt_fr.qm`` plus Qt's
own ``qtbase_fr.qm`` for standard dialogs) and the default ``QLocale``; Qt then sends
``QEvent.LanguageChange`` to every widget, whose ``changeEvent`` calls its ``retranslate()``.
``set_font_scale(app, 150)`` scales the application font from the system size it started with,
and the boxes of check boxes and radio buttons with it.

The widgets built before the window's first paint (main window, entry form, tiles) listen to
``changes()`` instead (``languageChanged``, ``fontScaleChanged``, emitted once the change is
applied): a ``changeEvent`` override would make PySide6 build ``QEvent`` and its ~190-member
``Type`` enum before that paint (see ``first_paint``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

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
_styles: list[Any] = []  # the proxy style that scales check and radio boxes, once installed


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
    # The round and square boxes of radio buttons and check boxes do not follow the font (13 px
    # in Fusion): grown with the text, or they are hard to see and hit at 200%. A proxy style
    # scales them (a style sheet would stop the font from reaching the widgets); none is
    # installed while the text stays at 100% (nothing to change before the first paint).
    if percent != 100 or _styles:
        _styles[:] = [_indicator_style(percent / 100)]
        app.setStyle(_styles[0])
    app.setFont(font)
    if _changes:
        # From the event loop, after Qt has handed the new font to every widget.
        from PySide6.QtCore import QTimer

        changes_ = _changes[0]
        QTimer.singleShot(0, changes_, lambda: changes_.fontScaleChanged.emit(percent))


def _indicator_style(scale: float) -> Any:
    """The app's style with the boxes of check boxes and radio buttons ``scale`` times their
    size (Fusion draws them in whatever square it is given)."""
    from PySide6.QtWidgets import QProxyStyle, QStyle

    metric = QStyle.PixelMetric
    scaled = {metric.PM_IndicatorWidth, metric.PM_IndicatorHeight,
              metric.PM_ExclusiveIndicatorWidth, metric.PM_ExclusiveIndicatorHeight}

    class IndicatorStyle(QProxyStyle):
        def pixelMetric(self, which: Any, option: Any = None, widget: Any = None) -> int:  # noqa: N802
            value = super().pixelMetric(which, option, widget)
            return round(value * scale) if which in scaled else value

    return IndicatorStyle()
