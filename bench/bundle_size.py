"""Benchmark: the one-folder bundle (DESIGN.md §10: ≤ 120 MB; start ≤ 1.5× a bare PySide6 window).

In one run:

- size of ``dist/digipunt`` (regular files; PyInstaller's symlinks count 0) with a breakdown by
  component, and the Linux tarball's size when ``make package-tar`` made one;
- start to usable window of the FROZEN app, the SOURCE app (``python -m digipunt_app``) and a bare
  PySide6 ``QMainWindow``, both as a script run by the venv's Python (compared with the source
  app) and frozen by the same PyInstaller into a one-folder bundle of its own (compared with the
  frozen app: both then pay the bootloader and the PYZ archive), all offscreen, timed from process
  spawn to their "usable"/"ready" line (``DIGIPUNT_EXIT_AFTER_START=1``), alternating, median of
  ``--starts``; both apps open the same store filled with ``--sessions`` sessions.

Prints markdown and writes it into the ``bundle`` section of BENCHMARKS.md.

    make package
    .venv/bin/python -m bench.bundle_size [--bundle dist/digipunt] [--sessions 200000]
                                          [--starts 5] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench.ui_start import BARE, time_to_lines  # the same bare window, timed the same way

ROOT = Path(__file__).resolve().parents[1]
SECTION = "bundle"
BAR_MB = 120
MB = 1_000_000


# (label, test on the path relative to _internal/), first match wins.
GROUPS: list[tuple[str, str]] = [
    ("Qt ICU data + libs (trimmed to nl/fr/en)", "PySide6/Qt/lib/libicu"),
    ("Qt libraries (Core, Gui, Widgets, PrintSupport, Svg, DBus, XCB, Wayland)", "PySide6/Qt/lib/"),
    ("Qt plugins and nl/fr/en Qt translations", "PySide6/Qt/"),
    ("PySide6 bindings + shiboken", "PySide6/|shiboken6/"),
    # should stay 0: charts and the PDF are drawn with QtGui (build.spec excludes these)
    ("numpy + OpenBLAS (must be absent)", "numpy/|numpy.libs/"),
    (
        "matplotlib + fontTools, kiwisolver, contourpy (must be absent)",
        "matplotlib/|fontTools/|kiwisolver/|contourpy/",
    ),
    ("Pillow (must be absent)", "PIL/|pillow.libs/"),
    ("pydantic-core (sync protocol)", "pydantic_core/"),
    ("SQLAlchemy", "sqlalchemy/"),
    ("Python: libpython, stdlib extensions", "libpython|python3|base_library.zip"),
    ("system libraries (X11/xcb, fontconfig, glib, CUPS, OpenSSL, SQLite, ...)", "*.so"),
]


def sizes(bundle: Path) -> tuple[int, dict[str, int], int]:
    """Total bytes, bytes per group, and the executable(s) (which carry the app's PYZ)."""
    internal = bundle / "_internal"
    per_group: dict[str, int] = defaultdict(int)
    total = exe = 0
    for folder, _dirs, files in os.walk(bundle):
        for name in files:
            path = Path(folder) / name
            if path.is_symlink():
                continue
            size = path.stat().st_size
            total += size
            if path.parent == bundle:
                exe += size
                continue
            rel = path.relative_to(internal).as_posix()
            per_group[_group(rel)] += size
    return total, dict(per_group), exe


def _group(rel: str) -> str:
    for label, rule in GROUPS:
        for part in rule.split("|"):
            if part == "*.so":
                if "/" not in rel and ".so" in rel:
                    return label
            elif rel.startswith(part):
                return label
    return "other Python packages (alembic, openpyxl, requests, ...) and data"


def bare_frozen() -> Path:
    """The bare window frozen by the venv's PyInstaller (one folder, defaults), built once."""
    work = ROOT / "build" / "bench-bare"
    script = work / "bare.py"
    exe = work / "dist" / "bare" / "bare"
    if exe.is_file() and script.is_file() and script.read_text() == BARE:
        return exe
    work.mkdir(parents=True, exist_ok=True)
    script.write_text(BARE)
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--onedir", "--log-level", "WARN",
         "--name", "bare", "--distpath", str(work / "dist"), "--workpath", str(work / "work"),
         "--specpath", str(work), str(script)],
        check=True,
    )
    return exe


def starts(bundle: Path, data_dir: Path, runs: int) -> dict[str, dict[str, float]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DIGIPUNT_EXIT_AFTER_START="1")
    # The source starts run from bytecode, as an installed app does (bench/ui_start.py does the
    # same): with PYTHONDONTWRITEBYTECODE set (as in this sandbox) every source start compiled
    # ~60 modules (~60 ms the bare script never pays). The warm-up start below fills the cache.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(data_dir.parent / "pycache")
    commands = {
        "bare": [sys.executable, "-c", BARE],
        "bare_frozen": [str(bare_frozen())],
        "source": [sys.executable, "-m", "digipunt_app", "--data-dir", str(data_dir)],
        "frozen": [str(bundle / "digipunt"), "--data-dir", str(data_dir)],
    }
    for cmd in commands.values():  # warm the file cache; the first app start makes the backup
        time_to_lines(cmd, env)
    samples: dict[str, dict[str, list[float]]] = {k: defaultdict(list) for k in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            cpu: dict[str, float] = {}
            for mark, seconds in time_to_lines(cmd, env, cpu).items():
                samples[name][mark].append(seconds)
            for mark, seconds in cpu.items():  # CPU used by then (all threads): "cpu_usable"...
                samples[name][f"cpu_{mark}"].append(seconds)
    return {
        name: {mark: statistics.median(values) for mark, values in marks.items()}
        for name, marks in samples.items()
    }


def report(bundle: Path, sessions: int, runs: int) -> str:
    total, groups, exe = sizes(bundle)
    tarballs = sorted(bundle.parent.glob("digipunt-*-linux-*.tar.gz"))
    shown = bundle.relative_to(ROOT) if bundle.is_relative_to(ROOT) else bundle
    lines = [
        "## One-folder bundle (`make package`, `bench/bundle_size.py`)",
        "",
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}, "
        f"PyInstaller one-folder `{shown}`.",
        "",
        "| what | MB | bar |",
        "|---|---:|---|",
        f"| **bundle on disk** | **{total / MB:.1f}** | ≤ {BAR_MB} MB: "
        f"{'met' if total <= BAR_MB * MB else 'NOT met'} |",
    ]
    for tarball in tarballs[-1:]:
        lines.append(f"| `{tarball.name}` (download) | {tarball.stat().st_size / MB:.1f} | |")
    lines += ["", "| component | MB |", "|---|---:|"]
    for label, size in sorted(groups.items(), key=lambda kv: -kv[1]):
        lines.append(f"| {label} | {size / MB:.1f} |")
    lines.append(f"| executable (bootloader + the app's Python code, PYZ) | {exe / MB:.1f} |")

    with tempfile.TemporaryDirectory(prefix="digipunt-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        fill_s = _fill(data_dir, sessions)
        timings = starts(bundle, data_dir, runs)
    bare = timings["bare"]["painted"]
    bare_frozen_s = timings["bare_frozen"]["painted"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines += [
        "",
        f"Start, offscreen, store with {sessions:,} sessions (filled in {fill_s:.0f} s), "
        f"median of {runs} alternating starts each, from process spawn; load average "
        f"{load:.1f} on {os.cpu_count()} CPUs when the starts ended:",
        "",
        "| start | window usable (s) | data shown (s) | usable ÷ bare | shown ÷ bare "
        "| usable ÷ bare's line before its paint |",
        "|---|---:|---:|---:|---:|---:|",
        f"| bare PySide6 `QMainWindow`, script | {bare:.2f} | {bare:.2f} | 1.00 | 1.00 | |",
        f"| bare PySide6 `QMainWindow`, frozen | {bare_frozen_s:.2f} | {bare_frozen_s:.2f} "
        "| 1.00 | 1.00 | |",
    ]
    for name, label, bare_name in (
        ("source", "source (`python -m digipunt_app`) ÷ bare script", "bare"),
        ("frozen", "frozen (`dist/digipunt/digipunt`) ÷ bare frozen", "bare_frozen"),
    ):
        base = timings[bare_name]["painted"]
        usable = timings[name].get("usable", timings[name]["ready"])
        ready = timings[name]["ready"]
        lines.append(
            f"| {label} | {usable:.2f} | {ready:.2f} | {usable / base:.2f} | {ready / base:.2f} "
            f"| {usable / timings[bare_name]['ready']:.2f} |"
        )
    lines += [
        "",
        "CPU time used from spawn to the same line (all threads, median; Linux `/proc`): what the",
        "start costs the machine, much less sensitive to other load than the wall times above.",
        "",
        "| start | CPU to usable (ms) | ÷ bare |",
        "|---|---:|---:|",
    ]
    for name, label, bare_name in (
        ("bare", "bare PySide6 `QMainWindow`, script", "bare"),
        ("bare_frozen", "bare PySide6 `QMainWindow`, frozen", "bare_frozen"),
        ("source", "source ÷ bare script", "bare"),
        ("frozen", "frozen ÷ bare frozen", "bare_frozen"),
    ):
        mark = "cpu_usable" if "cpu_usable" in timings[name] else "cpu_painted"
        used = timings[name].get(mark, float("nan"))
        base = timings[bare_name].get("cpu_painted", float("nan"))
        lines.append(f"| {label} | {used * 1000:.0f} | {used / base:.2f} |")
    lines += [
        "",
        '"usable": the main window is painted with the entry form ready for input (the bare',
        'windows are timed to their first paint the same way: exposed, the test of',
        '`ui/first_paint.py`; the last column uses their "ready" line from a zero timer after',
        '`show()`, before the paint, which earlier runs compared with); "data shown": the store',
        "is open and its helpers, catalog and settings are on screen (DESIGN.md §10 bar: usable",
        "≤ 1.5× bare, source and frozen). The source app is compared with the bare script run by",
        "the same Python, the frozen app with the bare window frozen by the same PyInstaller",
        "(defaults, one folder): both frozen starts pay the bootloader and the module archive.",
    ]
    return "\n".join(lines)


def _fill(data_dir: Path, sessions: int) -> float:
    if sessions <= 0:
        return 0.0
    from bench.reports_dashboard import fill
    from digipunt_app.core.store import Store

    t0 = time.perf_counter()
    store = Store.open(data_dir)
    try:
        fill(store, sessions)
    finally:
        store.close()
    return time.perf_counter() - t0


def _stale(bundle: Path) -> str:
    """Why the frozen app and the source app would not open the same store, if they would not."""
    versions = Path("digipunt_app") / "core" / "migrations" / "versions"
    source = {p.name for p in (ROOT / versions).glob("*.py")}
    frozen = {p.name for p in (bundle / "_internal" / versions).glob("*.py")}
    missing = sorted(source - frozen)
    return f"migrations missing from the bundle: {', '.join(missing)}" if missing else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "digipunt")
    parser.add_argument("--sessions", type=int, default=200_000)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    bundle = args.bundle.resolve()
    if not (bundle / "digipunt").is_file():
        print(f"no bundle in {bundle}: run 'make package' first", file=sys.stderr)
        return 1
    stale = _stale(bundle)
    if stale:
        print(
            f"the bundle is older than the source tree ({stale}): run 'make package' first",
            file=sys.stderr,
        )
        return 1
    text = report(bundle, args.sessions, args.starts)
    print(text)
    if not args.no_write:
        from bench.benchmarks_md import write_section

        write_section(ROOT / "BENCHMARKS.md", SECTION, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
