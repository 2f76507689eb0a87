"""Qt widgets only. Talks to ``digipunt_app.core`` through operations run off the GUI thread.

PySide6-Essentials 6.12.0 is excluded in ``pyproject.toml``: on Python 3.11 its bindings drop a
reference to ``None``/``True``/``False`` on many calls, so an app running all day aborts with
"none_dealloc: deallocating None". 6.11.3 does not; ``tests/ui/test_pages.py`` runs a long
session of such calls in a fresh process to catch a version that does.
"""
