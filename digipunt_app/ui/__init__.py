"""Qt widgets only. Talks to ``digipunt_app.core`` through operations run off the GUI thread.

Importing this package applies ``keep_none_alive()`` (see there): on Python 3.11, PySide6 6.12.0's
bindings drop one reference to ``None`` on many calls that return nothing (``setText``,
``processEvents``, ...) and to ``True``/``False`` on some that return a bool, so an app that runs
all day would crash with "none_dealloc: deallocating None" (6.11.3 does not do this). Python 3.12+
makes these objects immortal and needs nothing.
"""

from __future__ import annotations

import ctypes
import sys

_NONE_HEADROOM = 1 << 40  # a trillion spare references: far more than a process ever loses


def keep_none_alive() -> None:
    """Give ``None``, ``True`` and ``False`` a huge reference count so a binding that drops
    references never frees them.

    ``ob_refcnt`` is the first field of every CPython object; ``id(obj)`` is its address. This
    mirrors what CPython 3.12 does itself (PEP 683, immortal objects)."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(singleton))
        if refcnt.value < _NONE_HEADROOM:
            refcnt.value += _NONE_HEADROOM


keep_none_alive()
