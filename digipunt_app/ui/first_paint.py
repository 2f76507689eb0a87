"""The window's first paint: what may wait until after it, and how to know it happened
(DESIGN.md §10: start to usable window ≤ 1.5x a bare ``QMainWindow`` start).

PySide6 builds the Python enum classes of a Qt type the first time the type is looked up: the
``Qt`` namespace alone is 93 enum classes (~40 ms), ``QEvent`` brings the ~190 members of
``QEvent.Type``. A bare ``QMainWindow`` never looks them up, so the code that runs before the first
paint (the main window, the entry form, its tiles and flow layouts) does not either:

- no ``Qt`` or ``QEvent`` lookups while the window is built: key sequences are made from text,
  the shortcut context is set through its Qt property by name, the message label becomes
  selectable when it first shows a text, the tool bar is made when something is added to it;
- no Python event handler that Qt calls before the paint (``showEvent``, ``changeEvent``): each
  call would wrap a ``QEvent``. The main window overrides ``setVisible`` instead, and these
  widgets follow language and text-size changes through ``i18n.changes()``;
- nothing else that the first paint does not show: the other tabs are built when first shown,
  the store is opened (on the DB worker) only after the paint, and the cyclic garbage collector
  is off until then (``digipunt_app.cli``/``ui.app``).

:func:`call_when_painted` runs a callback once the window has been exposed (and so painted: Qt
paints a widget window synchronously when it is exposed).

Qt's font database (fontconfig on Linux: ~5 ms) fills on the GUI thread at the first text
the form measures. Not on a thread of its own: PySide holds the GIL through
``QFontDatabase.families()``, so the GUI thread waited for such a thread (``Thread.start`` and every
import after it) instead of going on: ~5 ms later *usable* (A/B, 21 starts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from collections.abc import Callable

MAX_TURNS = 200  # event-loop turns to wait for the exposure (a window that is never exposed,
# e.g. started minimised, must still go on: then the callback runs after these turns)


def call_when_painted(window: QWidget, callback: Callable[[], None], _turn: int = 0) -> None:
    """Call ``callback`` on the event loop as soon as ``window`` (shown) has been exposed."""
    handle = window.windowHandle()
    if _turn >= MAX_TURNS or (handle is not None and handle.isExposed()):
        callback()
        return
    # A few turns with a zero timer (the exposure is usually the next window-system event),
    # then 5 ms apart so a window that stays hidden does not keep a core busy.
    QTimer.singleShot(  # with ``window`` as context: never called once it is deleted
        0 if _turn < 20 else 5, window, lambda: call_when_painted(window, callback, _turn + 1)
    )
