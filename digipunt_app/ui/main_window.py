"""The main window: tabs for recording, the list, volunteers and settings; a menu; a status bar.

It holds no logic of its own beyond wiring: the pages do their work through ``Operations``.

Extension points (one line each, for the other parts of the app):

- a tab:            ``window.add_tab(DashboardTab(window.ops), lambda: window.tr("Rapporten"))``
  (the title callable is called again after a language change; put ``&`` in it for a mnemonic);
- a status widget:  ``window.add_status_widget(SyncStatusWidget())`` (right side of the status bar);
- a menu action:    ``window.add_action("sync", action)`` for the "Synchronisatie" menu
  (``"file"``, ``"sync"`` and ``"help"`` exist; ``toolbar=True`` also puts it, text beside icon,
  on the toolbar).
- a tab built only when first shown: ``window.add_lazy_tab(key, factory, title)``; the page is
  ``window.page(key)`` (built on the spot when asked for);
- ``window.usable`` is emitted once the window shows with the entry form ready for input (tiles
  from the shipped catalog; a save asked for now runs as soon as the store is open);
  ``window.ready`` once the store is open and its data is shown;
  ``window.store_opened`` carries the ``Store`` when it is open (for controllers that need it);
  ``window.store_checked`` once the start-up check of the file has answered (after ``ready``;
  a damaged file has then been recovered, its message shown and the pages reloaded).

Start-up order (DESIGN.md §10, start to usable window; the rules are in ``first_paint``): only
the entry form is built before the first paint; ``usable`` is emitted once the window is exposed
and painted, and then the store is opened on the DB worker. The list, volunteers and settings
tabs are built when first shown (or when ``window.session_list`` etc. is first used), in their
place in the tab order. The file's ``PRAGMA quick_check`` runs after the data is shown, on a
thread of its own (``Operations``, ``core/store_check``): writes wait for it, and a damaged file is
moved aside and the newest good backup restored while the window stays open, with what was typed
kept in the form.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from digipunt_app.ui import first_paint, i18n, service_usage
from digipunt_app.ui.entry_form import EntryForm
from digipunt_app.ui.operations import Operations

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent
    from PySide6.QtWidgets import QToolBar

    from digipunt_app.ui.helpers_page import HelpersPage
    from digipunt_app.ui.session_list import SessionList
    from digipunt_app.ui.settings_page import SettingsPage


MENUS = ("file", "sync", "help")  # in the menu bar in this order


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
    are there the moment the window shows (the store's catalog replaces it once open). Parsed
    by Qt (``QJsonDocument``; a damaged file gives no services): Python's ``json`` is ~2 ms of
    imports before the first paint."""
    import sys

    from PySide6.QtCore import QJsonDocument

    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    try:
        data = (base / "resources" / "catalog.json").read_bytes()
    except OSError:
        return []
    return catalog_services(QJsonDocument.fromJson(data).toVariant())


def _initial_data(store: Any) -> dict[str, Any]:
    """Everything the window shows at start, read in one DB operation."""
    # no core.sessions here: it brings sync.protocol (pydantic), not needed to show the data
    from digipunt_app.core import catalog, helpers, settings

    return {
        "language": settings.get_setting(store, "language", None),
        "font_scale": settings.get_setting(store, "font_scale", None),
        "catalog": catalog_services(catalog.load_catalog(store)),
        "usage": service_usage.most_used(store),
        "helpers": helpers.list_helpers(store, include_inactive=True),
        "last_helper": helpers.last_helper_id(store),
    }


class MainWindow(QMainWindow):
    usable = Signal()  # shown, entry form filled from the shipped catalog, accepting input
    ready = Signal()  # the store is open and its data shown
    store_opened = Signal(object)
    store_checked = Signal()  # the start-up check answered (and a damaged file was recovered)
    open_failed = Signal(str)

    def __init__(self, ops: Operations, language_override: str | None = None) -> None:
        super().__init__()
        self.ops = ops
        self._language_override = language_override
        self._tabs: list[tuple[QWidget, Callable[[], str]]] = []
        self._catalog: list[tuple[str, dict[str, str]]] = []
        self._last_helper: str | None = None
        self._helpers: list[Any] | None = None  # every volunteer (HelperRow), once loaded
        self._font_scale = 100
        self._is_ready = False
        self._is_checked = False
        self._initial_error: BaseException | None = None  # initial read failed: check first
        self._painted = False
        self.before_ready: list[Callable[[], None]] = []  # run just before ``ready`` is emitted
        self.data_dir: Path | None = None
        self._open_options: dict[str, Any] | None = None  # set by ``start``
        self._pages: dict[str, QWidget] = {}  # lazy tabs built so far
        self._lazy: dict[str, tuple[QWidget, Callable[[], QWidget]]] = {}  # key -> placeholder
        self._toolbar: QToolBar | None = None

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
        # The final size first: adding the form to the tabs lays it out once, at this size.
        self.resize(1100, 760)

        self.form = EntryForm(ops, self)
        self._catalog = shipped_catalog()
        self.form.set_catalog(self._catalog, [])
        self._shown_once = False
        self.add_tab(self.form, lambda: self.tr("&Registreren"))
        self.add_lazy_tab("session_list", self._make_session_list, lambda: self.tr("Over&zicht"))
        self.add_lazy_tab("helpers_page", self._make_helpers_page,
                          lambda: self.tr("Vrijwilli&gers"))
        self.add_lazy_tab("settings_page", self._make_settings_page,
                          lambda: self.tr("In&stellingen"))
        self.tabs.currentChanged.connect(self._tab_changed)

        self.form.editClosed.connect(lambda: self.tabs.setCurrentWidget(self.session_list))
        self.ops.failed.connect(self._operation_failed)
        self.ops.changed.connect(self._on_changed)
        i18n.changes().languageChanged.connect(self._language_changed)
        i18n.changes().fontScaleChanged.connect(self._font_scale_changed)

        # The menu bar shows "Bestand" at the first paint; the other menus join it when they get
        # their first action, and "Afsluiten" is added right after the paint (no QAction or
        # QKeySequence.StandardKey before it: see first_paint).
        self._menus: dict[str, QMenu] = {"file": self.menuBar().addMenu("")}
        for key in MENUS[1:]:
            self._menus[key] = QMenu(self)
        self.quit_action: QAction | None = None

        self.status_text = QLabel(self)
        self.statusBar().addWidget(self.status_text, 1)
        self.retranslate()

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt naming; not showEvent: see first_paint)
        super().setVisible(visible)
        if visible and not self._shown_once:
            self._shown_once = True
            self.form.tiles.keyboard_focus_target().setFocus()
            QTimer.singleShot(0, self, self._wait_for_paint)

    def _wait_for_paint(self) -> None:
        first_paint.call_when_painted(self, self._painted_once)

    def _painted_once(self) -> None:
        self._painted = True
        self.usable.emit()
        self._add_quit_action()
        self.form.after_first_paint()
        if self._open_options is not None:
            self._open_store()

    # --- extension points --------------------------------------------------------------------
    def add_tab(self, widget: QWidget, title: Callable[[], str]) -> int:
        self._tabs.append((widget, title))
        return self.tabs.addTab(widget, title())

    def add_lazy_tab(self, key: str, factory: Callable[[], QWidget],
                     title: Callable[[], str]) -> int:
        """A tab whose page ``factory()`` builds when the tab is first shown or ``page(key)`` is
        first asked for; until then an empty placeholder holds its place (and its place in the
        focus chain)."""
        placeholder = QWidget(self)
        self._lazy[key] = (placeholder, factory)
        return self.add_tab(placeholder, title)

    def page(self, key: str) -> QWidget:
        """The page of a lazy tab, built now if it was not yet."""
        page = self._pages.get(key)
        if page is None:
            placeholder, factory = self._lazy.pop(key)
            page = self._pages[key] = factory()
            self._swap_in(placeholder, page)
        return page

    def _swap_in(self, placeholder: QWidget, page: QWidget) -> None:
        """Put ``page`` in the tab of ``placeholder`` (same place, title, focus order)."""
        index = self.tabs.indexOf(placeholder)
        title = next(t for w, t in self._tabs if w is placeholder)
        self._tabs = [(page if w is placeholder else w, t) for w, t in self._tabs]
        QWidget.setTabOrder(placeholder, page)  # where the page would have been if built at once
        was_current = self.tabs.currentIndex() == index
        self.tabs.insertTab(index, page, title())
        page.setAccessibleName(title().replace("&", ""))
        if was_current:
            self.tabs.setCurrentIndex(index)
        self.tabs.removeTab(index + 1)
        placeholder.deleteLater()

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        for key, (placeholder, _factory) in list(self._lazy.items()):
            if placeholder is widget:
                self.page(key)
                return

    # --- the lazy pages ----------------------------------------------------------------------
    @property
    def session_list(self) -> SessionList:
        return self.page("session_list")  # type: ignore[return-value]

    @property
    def helpers_page(self) -> HelpersPage:
        return self.page("helpers_page")  # type: ignore[return-value]

    @property
    def settings_page(self) -> SettingsPage:
        return self.page("settings_page")  # type: ignore[return-value]

    def _make_session_list(self) -> QWidget:
        from digipunt_app.ui.session_list import SessionList

        page = SessionList(self.ops, self)
        page.editRequested.connect(self.edit_session)
        if self._helpers is not None:
            page.set_helpers(self._helpers)
        if self._catalog:
            page.set_services(self._service_labels())
        return page

    def _make_helpers_page(self) -> QWidget:
        from digipunt_app.ui.helpers_page import HelpersPage

        page = HelpersPage(self.ops, self)
        if self._helpers is not None:
            page._loaded(list(self._helpers))
        page.helpersLoaded.connect(self._helpers_loaded)
        return page

    def _make_settings_page(self) -> QWidget:
        from digipunt_app.ui.settings_page import SettingsPage

        page = SettingsPage(self.ops, self)
        page.show_values(i18n.current_language(), self._font_scale)
        page.languageChosen.connect(self.set_language)
        page.fontScaleChosen.connect(self.set_font_scale)
        return page

    @property
    def toolbar(self) -> QToolBar:
        """The tool bar (text beside icons), made when first asked for; hidden while empty."""
        if self._toolbar is None:
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QToolBar  # ~0.5 ms of PySide type, not before the paint

            self._toolbar = QToolBar(self)
            self._toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self._toolbar.setMovable(False)
            self._toolbar.hide()  # shown as soon as something is added
            self._toolbar.setWindowTitle(self.tr("Werkbalk"))
            self.addToolBar(self._toolbar)
        return self._toolbar

    def add_status_widget(self, widget: QWidget) -> None:
        self.statusBar().addPermanentWidget(widget)

    def add_action(self, menu: str, action: QAction, toolbar: bool = False) -> None:
        self._menus[menu].addAction(action)
        self._place_menu(menu)
        if toolbar:
            self.toolbar.addAction(action)
            self.toolbar.show()

    def menu(self, key: str) -> QMenu:
        return self._menus[key]

    def _place_menu(self, key: str) -> None:
        """Put menu ``key`` in the menu bar (once), in the order of ``MENUS``."""
        menu = self._menus[key]
        bar = self.menuBar()
        if menu.menuAction() in bar.actions():
            return
        later = [self._menus[k].menuAction() for k in MENUS[MENUS.index(key) + 1:]]
        before = next((a for a in bar.actions() if a in later), None)
        if before is None:
            bar.addMenu(menu)
        else:
            bar.insertMenu(before, menu)

    def _add_quit_action(self) -> None:
        """File > Afsluiten (Ctrl+Q and the platform's other quit keys)."""
        from PySide6.QtGui import QAction, QKeySequence

        self.quit_action = QAction(self.tr("&Afsluiten"), self)
        # setShortcuts(StandardKey): every platform binding, and no Qt.Key overload lookup.
        self.quit_action.setShortcuts(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.add_action("file", self.quit_action)

    # --- start-up ----------------------------------------------------------------------------
    def start(self, data_dir: Path, **open_options: Any) -> None:
        """Open the store on the DB worker (once the window is first painted, so its imports and
        checks never slow the first paint), then load what the pages show."""
        self.data_dir = data_dir
        self._open_options = dict(open_options)
        self.status_text.setText(self.tr("De gegevens worden geopend..."))
        if self._painted:
            self._open_store()

    def _open_store(self) -> None:
        assert self.data_dir is not None and self._open_options is not None
        options, self._open_options = self._open_options, None
        options.setdefault("defer_check", True)  # data first, the check right after
        self.ops.open_store(
            self.data_dir, on_success=self._store_opened, on_failure=self._open_failed,
            on_checked=self._checked, **options
        )

    def _store_opened(self, store: Any) -> None:
        message = getattr(store, "recovery_message", None)
        if message:
            self.show_info("ℹ " + message)
        self.store_opened.emit(store)
        if self.ops.check is None:
            self._is_checked = True  # checked while opening
        self.ops.db(_initial_data, on_success=self._initial_loaded, on_failure=self._initial_failed)

    def _initial_failed(self, err: BaseException) -> None:
        """The data could not be read: when the file is still to be checked, check it now (a
        damaged file is then recovered and the data read again), else say so."""
        if self._is_checked:
            self._open_failed(err)
            return
        self._initial_error = err
        self.status_text.setText(self.tr("Het gegevensbestand wordt nagekeken..."))
        self.ops.data_shown()

    def _checked(self, check: Any) -> None:
        """The start-up check answered (``Operations``): after a recovery, say so and show the
        restored data; the form keeps what was typed (a save asked for during the check was
        written into the restored store)."""
        self._is_checked = True
        failed, self._initial_error = self._initial_error, None
        if check.message:
            self.show_info(
                "ℹ " + check.message + " "
                + self.tr("Wat u sinds het opstarten invulde of bewaarde, is niet verloren.")
            )
            self.ops.notify({"sessions", "helpers", "catalog", "settings", "sync"})
        if failed is None and not self._is_ready:
            return  # a save before the data was shown started the check: the first read,
            # queued behind that save (and so after any recovery), emits ready, then checked
        if failed is not None and check.message:  # read again; ready, then store_checked
            self.ops.db(_initial_data, on_success=self._initial_loaded,
                        on_failure=self._open_failed)
            return
        if failed is not None:
            self._open_failed(failed)
        elif check.message:
            self.ops.db(_initial_data, on_success=self._apply_data, owner=self)
        self.store_checked.emit()

    def is_checked(self) -> bool:
        return self._is_checked

    def _open_failed(self, err: BaseException) -> None:
        self.status_text.setText("")
        self.show_info(
            self.tr("⚠ De gegevens konden niet geopend worden: {reason}").format(reason=str(err))
        )
        self.form.setEnabled(False)
        self.open_failed.emit(str(err))

    def _initial_loaded(self, data: dict[str, Any]) -> None:
        self._apply_data(data)
        self.status_text.setText("")
        self.form.tiles.keyboard_focus_target().setFocus()
        for callback in self.before_ready:
            callback()
        self._is_ready = True
        self.ready.emit()
        if self._is_checked:  # checked while opening (a new file, a migration, a recovery)
            self.store_checked.emit()
        else:
            self.ops.data_shown()  # the start-up check of the file may run now

    def _apply_data(self, data: dict[str, Any]) -> None:
        """Show what ``_initial_data`` read (at start, and again after a recovery)."""
        app = QApplication.instance()
        lang = self._language_override or data["language"] or i18n.current_language()
        if lang != i18n.current_language() and isinstance(app, QApplication):
            i18n.set_language(app, lang)
        scale = int(data["font_scale"] or 100)
        if scale != 100 and isinstance(app, QApplication):
            i18n.set_font_scale(app, scale)
        self._font_scale = scale
        if "settings_page" in self._pages:
            self.settings_page.show_values(lang, scale)
        self._catalog = data["catalog"]
        self.form.set_catalog(self._catalog, data["usage"])
        self._last_helper = data["last_helper"]
        self._helpers_loaded(data["helpers"])
        self._apply_service_labels()

    def is_ready(self) -> bool:
        return self._is_ready

    # --- reactions ---------------------------------------------------------------------------
    def _helpers_loaded(self, helpers: list[Any]) -> None:
        self._helpers = list(helpers)
        self.form.set_helpers(helpers, self._last_helper)
        if "session_list" in self._pages:
            self.session_list.set_helpers(helpers)
        if "helpers_page" in self._pages:
            page = self.helpers_page
            page.helpers = sorted(helpers, key=lambda h: (not h.active, h.display_name.casefold()))
            if page.list.count() != len(helpers):
                page._loaded(list(helpers))

    def _on_changed(self, changes: frozenset[str]) -> None:
        """Volunteers changed elsewhere (e.g. by a sync): the volunteers page reloads them and
        tells the window; until that page is built, the window reloads them itself."""
        if "helpers" in changes and "helpers_page" not in self._pages and self._is_ready:
            from digipunt_app.core import helpers

            self.ops.db(
                lambda store: helpers.list_helpers(store, include_inactive=True),
                on_success=self._helpers_loaded,
                owner=self,
            )

    def _service_labels(self) -> list[tuple[str, str]]:
        lang = QLocale().name()[:2]
        return [(c, lbl.get(lang) or lbl.get("nl") or c) for c, lbl in self._catalog]

    def _apply_service_labels(self) -> None:
        if "session_list" in self._pages:
            self.session_list.set_services(self._service_labels())

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
        self._font_scale = percent
        app = QApplication.instance()
        if isinstance(app, QApplication):
            i18n.set_font_scale(app, percent)

    def show_info(self, text: str) -> None:
        self.info_label.setText(text)
        self.info_label.setAccessibleName(text)
        self.info_bar.show()

    def _operation_failed(self, err: BaseException) -> None:
        self.show_info("⚠ " + (str(err) or type(err).__name__))

    # --- language and text size (i18n.changes(), not changeEvent: see first_paint) -----------
    def _language_changed(self, _lang: str) -> None:
        self.retranslate()

    def _font_scale_changed(self, _percent: int) -> None:
        self.menuBar().updateGeometry()
        self.menuBar().adjustSize()

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
        if self.quit_action is not None:
            self.quit_action.setText(self.tr("&Afsluiten"))
        if self._toolbar is not None:
            self._toolbar.setWindowTitle(self.tr("Werkbalk"))
        self.info_close.setText(self.tr("Sluiten"))
        self.info_close.setAccessibleName(self.tr("Melding sluiten"))
        self.info_label.setAccessibleName(self.info_label.text())
        self.statusBar().setAccessibleName(self.tr("Statusbalk"))
        if self._catalog:
            self._apply_service_labels()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        super().closeEvent(event)
