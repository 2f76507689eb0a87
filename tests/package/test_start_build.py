"""What ``build.spec`` does for the frozen start (DESIGN.md §10, BENCHMARKS.md section bundle):
the pre-paint modules measured from a real start and collected as .pyc, and the garbage collector
off from the bundle's first line of Python until the entry script (source tree only; the frozen
bundle itself is checked in ``test_frozen.py``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "packaging"))

from prepaint_modules import collection_modes, modules_before_first_paint  # noqa: E402


@pytest.fixture(scope="module")
def prepaint() -> set[str]:
    return modules_before_first_paint()


def test_the_window_modules_load_before_the_paint_and_the_store_after(prepaint: set[str]) -> None:
    # what the first paint needs...
    assert {"digipunt_app.cli", "digipunt_app.ui.main_window", "digipunt_app.ui.entry_form",
            "PySide6.QtWidgets"} <= prepaint
    # ...and what ui/first_paint.py says waits until after it (store, SQLAlchemy, logging setup)
    assert not {"digipunt_app.core.store", "sqlalchemy", "alembic", "digipunt_app.core.config",
                "digipunt_app.core.logging_setup", "digipunt_app.ui.session_list"} & prepaint


def test_collection_modes_keep_the_rest_of_a_prepaint_package_in_the_archive(
    prepaint: set[str],
) -> None:
    modes = collection_modes(prepaint)
    assert modes["digipunt_app"] == "pyc" and modes["digipunt_app.ui.entry_form"] == "pyc"
    # a package's mode would otherwise apply to everything below it
    assert modes["digipunt_app.core.store"] == "pyz"
    assert modes["digipunt_app.ui.dashboard"] == "pyz"
    assert modes["logging"] == "pyc" and modes["logging.handlers"] == "pyz"
    assert {name for name, mode in modes.items() if mode == "pyc"} == prepaint


def test_bootstrap_modules_stay_in_the_base_library(prepaint: set[str]) -> None:
    from PyInstaller.compat import PY3_BASE_MODULES

    assert {"encodings", "io", "os", "collections.abc"} <= prepaint
    modes = collection_modes(prepaint, bootstrap=PY3_BASE_MODULES)
    assert not {"encodings", "encodings.utf_8", "io", "os", "collections", "collections.abc",
                "re", "re._parser"} & set(modes)
    assert modes["typing"] == "pyc" and modes["digipunt_app.cli"] == "pyc"


def test_collection_modes_of_nested_and_unknown_names() -> None:
    modes = collection_modes({"digipunt_app.ui", "no_such_module_here"})
    assert modes["digipunt_app.ui"] == "pyc"
    assert modes["digipunt_app.ui.first_paint"] == "pyz"
    assert modes["no_such_module_here"] == "pyc"  # harmless: PyInstaller never asks for it
    assert not any(name.startswith("digipunt_app.core") for name in modes)


def test_runtime_hook_turns_gc_off_and_the_entry_script_turns_it_back_on(tmp_path: Path) -> None:
    """As frozen: the hook runs first; the command line (here --version) runs with GC on."""
    script = f"""
import gc, runpy, sys
runpy.run_path({str(REPO / "packaging" / "rthook_gc_off.py")!r})
print("after hook:", gc.isenabled())
sys.argv = ["digipunt", "--version"]
entry = runpy.run_path({str(REPO / "packaging" / "digipunt_entry.py")!r})
code = entry["main"]()
print("after command:", gc.isenabled(), code)
print("frozen objects:", gc.get_freeze_count() > 1000)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=60,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 0, done.stderr
    assert "after hook: False" in done.stdout
    assert "after command: True 0" in done.stdout
    # what was made while it was off is out of the collector's way (else the first collection
    # after enable() walks the whole heap)
    assert "frozen objects: True" in done.stdout
