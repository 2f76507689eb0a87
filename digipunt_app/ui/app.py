"""Start of the desktop app: ``run(args)`` is called by ``digipunt_app.cli`` with the parsed
arguments (``data_dir``, ``lang``).

The window shows at once; the store (SQLAlchemy, Alembic, quick check, backup) is opened on the DB
worker and the pages fill in when it is ready. Nothing heavy is imported here.

Environment: ``DIGIPUNT_EXIT_AFTER_START=1`` quits as soon as the window is ready (store open,
first data shown): used by the frozen smoke test and the start-up benchmark. It prints
``digipunt: usable`` when the window shows ready for input and ``digipunt: ready`` before quitting.
``DIGIPUNT_EXIT_AFTER_START=checked`` waits for the start-up check of the file too (and the daily
backup after it), printing ``digipunt: checked`` then.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def _skip_stdlib_source_scan() -> None:
    """PySide6 (6.x) reads the whole source of each module imported after it, the first time an
    ``import`` statement names it, to learn whether the module uses PySide (for its
    ``__feature__`` switches): ~3 ms before the first paint for the standard library modules
    the UI modules import (``typing``, ``logging``, ``threading``, ``pathlib``, ...). A standard
    library module never does, so its answer (-1: not a PySide module) is entered up front in
    PySide's table; our own modules are still read. Nothing happens when a PySide version keeps
    no such table."""
    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return
    stdlib = sys.stdlib_module_names
    for name in [*sys.modules, *stdlib]:
        if name.partition(".")[0] in stdlib:
            table.setdefault(name, -1)


_skip_stdlib_source_scan()  # before the UI modules' imports (DESIGN.md §10, start to usable window)

if TYPE_CHECKING:
    from digipunt_app.ui.main_window import MainWindow


def _install_about(window: MainWindow) -> None:
    from digipunt_app.ui.about import install_about  # imported when the window shows, not before

    install_about(window)


def _install_reports(window: MainWindow) -> None:
    from digipunt_app.ui.dashboard import install_reports  # the tab builds itself when first shown

    install_reports(window)


# Hooks run on every new main window (other parts add their tab / status widget / menu here, e.g.
# ``WINDOW_HOOKS.append(install_sync)``). They run once the store is open, just before
# ``window.ready`` (so their imports never delay the first paint); import heavy modules inside the
# hook, not at the top of app.py.
WINDOW_HOOKS: list[Any] = [_install_about, _install_reports]  # Help > Over; "Rapporten" tab


def _install_sync(window: MainWindow) -> None:
    from digipunt_app.ui.sync_install import install_sync  # status widget, menu, timer

    install_sync(window)


WINDOW_HOOKS.append(_install_sync)


def make_app(argv: list[str] | None = None) -> QApplication:
    # Qt's raster engine hands every fill of 96 or more lines (the window's and the scroll
    # area's backgrounds, 760 lines) to its GUI thread pool in 64-line pieces and waits: on
    # the first paint that starts two threads and waits for them to be scheduled, on a busy
    # 2-core PC often longer than the fill itself. Qt's own switch keeps fills on the
    # painting thread (read once, before the first fill; an environment that sets it wins).
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Digipunt")
    app.setOrganizationName("Digipunt")
    app.setApplicationDisplayName("Digipunt")
    return app


def build_window(
    app: QApplication, data_dir: Path | None, lang: str | None, **open_options: Any
) -> MainWindow:
    """Window + operations, store opening started (it runs once the window is painted); the
    caller shows it. With ``data_dir=None`` the caller calls ``window.start(data_dir)`` later."""
    # Imported here, not at the top: nothing of the window is needed until the app is made.
    from digipunt_app.ui import i18n
    from digipunt_app.ui.main_window import MainWindow
    from digipunt_app.ui.operations import Operations

    i18n.set_language(app, lang or "nl")
    ops = Operations(app)
    window = MainWindow(ops, language_override=lang)
    # Once the store is open, just before ``ready``: the hooks' imports never delay the first
    # paint, and they never race the DB worker's first imports of the core (two threads
    # importing pydantic at once under shiboken's import hook fails with a circular import).
    window.before_ready.append(lambda: _run_hooks(window))
    window.open_failed.connect(lambda _msg: _run_hooks(window))  # Help menu even then
    if data_dir is not None:
        window.start(data_dir, **open_options)
    return window


def _run_hooks(window: MainWindow) -> None:
    if getattr(window, "_hooks_done", False):
        return
    window._hooks_done = True  # type: ignore[attr-defined]
    for hook in WINDOW_HOOKS:
        hook(window)


def _after_first_paint(window: MainWindow, args: Any) -> None:
    """What ``digipunt_app.cli`` leaves until the window is painted (DESIGN.md §10):

    - the log file (``core.logging_setup``: its handlers, sockets and masks are not needed to
      paint; a failure before this point is still logged, by ``cli._run_gui``);
    - the data folder (``core.config``, platformdirs), and with it the store, opened on the DB
      worker;
    - the cyclic garbage collector, off while Qt and the window were built: the objects made
      so far (nearly all kept for the whole run) are moved out of its way and it is on again.
    """
    import gc

    gc.freeze()
    gc.enable()
    from digipunt_app.core import config

    data_dir = getattr(args, "data_dir", None)
    try:
        from digipunt_app.core.logging_setup import setup_logging

        setup_logging(config.log_dir(data_dir))
    except Exception:  # logging must never stop the app
        pass
    window.start(config.data_dir(data_dir))


def run(args: Any) -> int:
    app = make_app()
    window = build_window(app, None, getattr(args, "lang", None))
    exit_after = os.environ.get("DIGIPUNT_EXIT_AFTER_START")
    if exit_after in ("1", "checked"):

        def _quit() -> None:
            QTimer.singleShot(0, app.quit)

        window.usable.connect(lambda: print("digipunt: usable", flush=True))
        window.ready.connect(lambda: print("digipunt: ready", flush=True))
        window.store_checked.connect(lambda: print("digipunt: checked", flush=True))
        (window.store_checked if exit_after == "checked" else window.ready).connect(_quit)
        window.open_failed.connect(lambda _msg: app.exit(1))
    window.usable.connect(lambda: _after_first_paint(window, args))
    window.show()
    code = app.exec()
    window.ops.shutdown()
    return int(code)
