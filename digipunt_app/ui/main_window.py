"""The main window: tabs for recording, the list, volunteers and settings; a menu; a status bar.

It holds no logic of its own beyond wiring: the pages do their work through ``Operations``.

Extension points (one line each, for the other parts of the app):

- a tab:            ``window.add_tab(DashboardTab(window.ops), lambda: window.tr("Rapporten"))``
  (the title callable is called again after a language change; put ``&`` in it for a mnemonic);
- a status widget:  ``window.add_status_widget(SyncStatusWidget())`` (right side of the status bar);
- a menu action:    ``window.add_action("sync", action)`` for the "Synchronisatie" menu
  (``"file"``, ``"sync"`` and ``"help"`` exist; ``toolbar=True`` also puts it, text beside icon,
  on the toolbar).
- ``window.usable`` is emitted once the window shows with the entry form ready for input (tiles
  from the shipped catalog; a save asked for now runs as soon as the store is open);
  ``window.ready`` once the store is open and its data is shown;
  ``window.store_opened`` carries the ``Store`` when it is open (for controllers that need it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from digipunt_app.ui import i18n, service_usage
from digipunt_app.ui.entry_form import EntryForm
from digipunt_app.ui.helpers_page import HelpersPage
from digipunt_app.ui.operations import Operations
from digipunt_app.ui.session_list import SessionList
from digipunt_app.ui.settings_page import SettingsPage


def catalog_services(catalog: Any) -> list[tuple[str, dict[str, str]]]:
    """Active services of a core ``Catalog`` as ``(code, {lang: label})`` in catalog order."""
    services = getattr(catalog, "services", None)
    if services is None and isinstance(catalog, dict):
        services = catalog.get("services", [])
    out = []
    for s in services or []:
        get = s.get if isinstance(s, dict) else lambda k, d=None, s=s: getattr(s, k, d)
        if get("active", True):
            out.append((get("code"), dict(get("labels") or {})))
    return out


def shipped_catalog() -> list[tuple[str, dict[str, str]]]:
    """The catalog shipped in ``resources/catalog.json``, read without the store, so the tiles
    are there the moment the window shows (the store's catalog replaces it once open)."""
    import json
    import sys

    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    try:
        with open(base / "resources" / "catalog.json", encoding="utf-8") as fh:
            return catalog_services(json.load(fh))
    except (OSError, ValueError):
        return []


def _initial_data(store: Any) -> dict[str, Any]:
    """Everything the window shows at start, read in one DB operation."""
    from digipunt_app.core import catalog, helpers, sessions, settings

    return {
        "language": settings.get_setting(store, "language", None),
        "font_scale": settings.get_setting(store, "font_scale", None),
        "catalog": catalog_services(catalog.load_catalog(store)),
        "usage": service_usage.most_used(store),
        "helpers": helpers.list_helpers(store, include_inactive=True),
        "last_helper": sessions.last_helper_id(store),
    }


class MainWindow(QMainWindow):
    usable = Signal()  # shown, entry form filled from the shipped catalog, accepting input
    ready = Signal()  # the store is open and its data shown
    store_opened = Signal(object)
    open_failed = Signal(str)

    def __init__(self, ops: Operations, language_override: str | None = None) -> None:
        super().__init__()
        self.ops = ops
        self._language_override = language_override
        self._tabs: list[tuple[QWidget, Callable[[], str]]] = []
        self._catalog: list[tuple[str, dict[str, str]]] = []
        self._last_helper: str | None = None
        self._is_ready = False
        self.before_ready: list[Callable[[], None]] = []  # run just before ``ready`` is emitted
        self.data_dir: Path | None = None

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        self.info_bar = QFrame(central)
        self.info_bar.setFrameShape(QFrame.Shape.StyledPanel)
        ib = QHBoxLayout(self.info_bar)
        self.info_label = QLabel(self.info_bar)
        self.info_label.setWordWrap(True)
        self.info_close = QPushButton(self.info_bar)
        self.info_close.clicked.connect(self.info_bar.hide)
        ib.addWidget(self.info_label, 1)
        ib.addWidget(self.info_close)
        self.info_bar.hide()
        layout.addWidget(self.info_bar)
        self.tabs = QTabWidget(central)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.form = EntryForm(ops, self)
        self.session_list = SessionList(ops, self)
        self.helpers_page = HelpersPage(ops, self)
        self.settings_page = SettingsPage(ops, self)
        self._catalog = shipped_catalog()
        self.form.set_catalog(self._catalog, [])
        self._shown_once = False
        self.add_tab(self.form, lambda: self.tr("&Registreren"))
        self.add_tab(self.session_list, lambda: self.tr("Over&zicht"))
        self.add_tab(self.helpers_page, lambda: self.tr("Vrijwilli&gers"))
        self.add_tab(self.settings_page, lambda: self.tr("In&stellingen"))

        self.session_list.editRequested.connect(self.edit_session)
        self.form.editClosed.connect(lambda: self.tabs.setCurrentWidget(self.session_list))
        self.helpers_page.helpersLoaded.connect(self._helpers_loaded)
        self.settings_page.languageChosen.connect(self.set_language)
        self.settings_page.fontScaleChosen.connect(self.set_font_scale)
        self.ops.failed.connect(self._operation_failed)

        self._menus: dict[str, QMenu] = {}
        bar = self.menuBar()
        for key in ("file", "sync", "help"):
            self._menus[key] = bar.addMenu("")
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setMovable(False)
        self.toolbar.hide()  # shown as soon as something is added
        self.addToolBar(self.toolbar)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.add_action("file", self.quit_action)
        self._menus["sync"].menuAction().setVisible(False)  # until the sync part adds actions
        self._menus["help"].menuAction().setVisible(False)  # until the about dialog is added

        self.status_text = QLabel(self)
        self.statusBar().addWidget(self.status_text, 1)
        self.resize(1100, 760)
        self.retranslate()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.form.tiles.keyboard_focus_target().setFocus()
            QTimer.singleShot(0, self.usable.emit)  # after the first paint is queued

    # --- extension points --------------------------------------------------------------------
    def add_tab(self, widget: QWidget, title: Callable[[], str]) -> int:
        self._tabs.append((widget, title))
        return self.tabs.addTab(widget, title())

    def add_status_widget(self, widget: QWidget) -> None:
        self.statusBar().addPermanentWidget(widget)

    def add_action(self, menu: str, action: QAction, toolbar: bool = False) -> None:
        self._menus[menu].addAction(action)
        self._menus[menu].menuAction().setVisible(True)
        if toolbar:
            self.toolbar.addAction(action)
            self.toolbar.show()

    def menu(self, key: str) -> QMenu:
        return self._menus[key]

    # --- start-up ----------------------------------------------------------------------------
    def start(self, data_dir: Path, **open_options: Any) -> None:
        """Open the store on the DB worker, then load what the pages show."""
        self.data_dir = data_dir
        self.status_text.setText(self.tr("De gegevens worden geopend..."))
        self.ops.open_store(
            data_dir, on_success=self._store_opened, on_failure=self._open_failed, **open_options
        )

    def _store_opened(self, store: Any) -> None:
        message = getattr(store, "recovery_message", None)
        if message:
            self.show_info("ℹ " + message)
        self.store_opened.emit(store)
        self.ops.db(_initial_data, on_success=self._initial_loaded, on_failure=self._open_failed)

    def _open_failed(self, err: BaseException) -> None:
        self.status_text.setText("")
        self.show_info(
            self.tr("⚠ De gegevens konden niet geopend worden: {reason}").format(reason=str(err))
        )
        self.form.setEnabled(False)
        self.open_failed.emit(str(err))

    def _initial_loaded(self, data: dict[str, Any]) -> None:
        app = QApplication.instance()
        lang = self._language_override or data["language"] or i18n.current_language()
        if lang != i18n.current_language() and isinstance(app, QApplication):
            i18n.set_language(app, lang)
        scale = int(data["font_scale"] or 100)
        if scale != 100 and isinstance(app, QApplication):
            i18n.set_font_scale(app, scale)
        self.settings_page.show_values(lang, scale)
        self._catalog = data["catalog"]
        self.form.set_catalog(self._catalog, data["usage"])
        self._last_helper = data["last_helper"]
        self._helpers_loaded(data["helpers"])
        self._apply_service_labels()
        self.status_text.setText("")
        self.form.tiles.keyboard_focus_target().setFocus()
        for callback in self.before_ready:
            callback()
        self._is_ready = True
        self.ready.emit()

    def is_ready(self) -> bool:
        return self._is_ready

    # --- reactions ---------------------------------------------------------------------------
    def _helpers_loaded(self, helpers: list[Any]) -> None:
        self.helpers_page.helpers = sorted(
            helpers, key=lambda h: (not h.active, h.display_name.casefold())
        )
        self.form.set_helpers(helpers, self._last_helper)
        self.session_list.set_helpers(helpers)
        if self.helpers_page.list.count() != len(helpers):
            self.helpers_page._loaded(list(helpers))

    def _apply_service_labels(self) -> None:
        lang = QLocale().name()[:2]
        self.session_list.set_services(
            [(c, lbl.get(lang) or lbl.get("nl") or c) for c, lbl in self._catalog]
        )

    def edit_session(self, session_id: str) -> None:
        from digipunt_app.core import sessions

        self.ops.db(
            lambda store: sessions.get_session(store, session_id),
            on_success=self._edit_loaded,
            owner=self,
        )

    def _edit_loaded(self, draft: Any) -> None:
        self.tabs.setCurrentWidget(self.form)
        self.form.edit(draft)

    def set_language(self, lang: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            i18n.set_language(app, lang)

    def set_font_scale(self, percent: int) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            i18n.set_font_scale(app, percent)

    def show_info(self, text: str) -> None:
        self.info_label.setText(text)
        self.info_label.setAccessibleName(text)
        self.info_bar.show()

    def _operation_failed(self, err: BaseException) -> None:
        self.show_info("⚠ " + (str(err) or type(err).__name__))

    # --- language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self.menuBar().updateGeometry()
            self.menuBar().adjustSize()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Digipunt - hulpsessies registreren"))
        for widget, title in self._tabs:
            index = self.tabs.indexOf(widget)
            if index >= 0:
                self.tabs.setTabText(index, title())
                widget.setAccessibleName(title().replace("&", ""))
        self.tabs.setAccessibleName(self.tr("Onderdelen"))
        self._menus["file"].setTitle(self.tr("Best&and"))
        self._menus["sync"].setTitle(self.tr("S&ynchronisatie"))
        self._menus["help"].setTitle(self.tr("&Help"))
        self.quit_action.setText(self.tr("&Afsluiten"))
        self.toolbar.setWindowTitle(self.tr("Werkbalk"))
        self.info_close.setText(self.tr("Sluiten"))
        self.info_close.setAccessibleName(self.tr("Melding sluiten"))
        self.info_label.setAccessibleName(self.info_label.text())
        self.statusBar().setAccessibleName(self.tr("Statusbalk"))
        if self._catalog:
            self._apply_service_labels()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        super().closeEvent(event)
