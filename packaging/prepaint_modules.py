"""The Python modules the app imports before its window's first paint, for ``build.spec``.

The bundle keeps most modules in PyInstaller's module archive (PYZ), where each one is read with
Python code and zlib-decompressed before it is unmarshalled. The few dozen modules that run before
the first paint are collected as plain ``.pyc`` files beside it instead (PyInstaller's
``module_collection_mode`` 'pyc'): the frozen start then loads them like an installed app does,
without the decompression (BENCHMARKS.md, section bundle).

The list is measured, not kept by hand: :func:`modules_before_first_paint` starts the app from
source, offscreen, and records ``sys.modules`` when it prints ``digipunt: usable``. A module that a
later change imports before the paint is picked up at the next build.

    python packaging/prepaint_modules.py     # print the list
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import pkgutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 120

# Runs the app like ``python -m digipunt_app`` and writes the module names at its "usable" line.
_PROBE = """
import builtins, os, runpy, sys
out, data_dir = sys.argv[1], sys.argv[2]
real_print = builtins.print
def probe_print(*args, **kwargs):
    if args and args[0] == "digipunt: usable":
        with open(out, "w", encoding="utf-8") as fh:
            fh.write("\\n".join(sorted(sys.modules)))
        os._exit(0)
    real_print(*args, **kwargs)
builtins.print = probe_print
sys.argv = ["digipunt", "--data-dir", data_dir]
runpy.run_module("digipunt_app", run_name="__main__", alter_sys=True)
"""


def modules_before_first_paint(python: str = sys.executable) -> set[str]:
    """Names in ``sys.modules`` when the app (from source) has painted its window."""
    with tempfile.TemporaryDirectory(prefix="digipunt-prepaint-") as tmp:
        out = Path(tmp) / "modules.txt"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DIGIPUNT_EXIT_AFTER_START="1")
        subprocess.run(
            [python, "-c", _PROBE, str(out), str(Path(tmp) / "data")],
            cwd=ROOT, env=env, check=True, timeout=TIMEOUT_S, capture_output=True,
        )
        return set(out.read_text(encoding="utf-8").split())


def collection_modes(prepaint: set[str], bootstrap: Iterable[str] = ()) -> dict[str, str]:
    """``module_collection_mode`` for Analysis: 'pyc' for the pre-paint modules, 'pyz' for the
    other submodules of pre-paint packages (a mode given for a package applies to everything
    below it unless a submodule has its own). Modules of the ``bootstrap`` packages (PyInstaller's
    ``PY3_BASE_MODULES``: encodings, codecs, io, os, ...) get no mode: they stay in
    ``base_library.zip``, where the interpreter finds them before PyInstaller's importer runs."""
    prepaint = {name for name in prepaint if name.split(".")[0] not in set(bootstrap)}
    modes = dict.fromkeys(prepaint, "pyc")
    for name in sorted(prepaint):
        for sub in _submodules(name):
            if sub not in prepaint:
                modes[sub] = "pyz"
    return modes


def _submodules(package: str) -> list[str]:
    """Every module below ``package`` found on disk (nothing imported); [] for a plain module."""
    spec = _nested_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return []
    found = []
    for info in pkgutil.iter_modules(list(spec.submodule_search_locations), prefix=package + "."):
        found.append(info.name)
        if info.ispkg:
            found.extend(_submodules(info.name))
    return found


def _nested_spec(name: str) -> importlib.machinery.ModuleSpec | None:
    """The spec of ``a.b.c`` found through its parents' folders, without importing them."""
    top, *rest = name.split(".")
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return None
    for part in rest:
        if spec is None or not spec.submodule_search_locations:
            return None
        finder = importlib.machinery.FileFinder(
            spec.submodule_search_locations[0],
            (importlib.machinery.ExtensionFileLoader, importlib.machinery.EXTENSION_SUFFIXES),
            (importlib.machinery.SourceFileLoader, importlib.machinery.SOURCE_SUFFIXES),
            (importlib.machinery.SourcelessFileLoader, importlib.machinery.BYTECODE_SUFFIXES),
        )
        spec = finder.find_spec(f"{spec.name}.{part}")
    return spec


if __name__ == "__main__":
    print("\n".join(sorted(modules_before_first_paint())))
