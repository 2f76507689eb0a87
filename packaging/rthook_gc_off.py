"""PyInstaller runtime hook of the Digipunt bundle (``build.spec``): the cyclic garbage collector
is off from the first line of Python the bundle runs.

Custom runtime hooks run before PyInstaller's own, so this one runs before ``pyi_rth_pyside6``
imports PySide6.QtCore (with shiboken's signature loader) and ``pyi_rth_inspect`` imports inspect
and zipfile. Started from source, the app imports PySide6 only after ``digipunt_app.cli`` turned
the collector off; frozen, those imports came first and every allocation-heavy import ran ~35
collections over a growing heap (~15-25 ms before the first paint; BENCHMARKS.md, section bundle).

``packaging/digipunt_entry.py`` turns the collector back on before the command line runs; the
window start turns it off again until its first paint (``digipunt_app.cli``/``ui.app``).
"""

import gc

gc.disable()
