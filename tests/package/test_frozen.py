"""Smoke test of the frozen one-folder bundle: what IT staff do first on a freshly installed PC.

Skipped unless ``DIGIPUNT_FROZEN_SMOKE=1`` (``.ci/run`` sets it after ``make package``). Uses the
bundle in ``$DIGIPUNT_BUNDLE`` or ``dist/digipunt``; builds it with PyInstaller when missing.
Everything runs the real ``digipunt`` executable headless (Qt offscreen), never the source tree.

    make package
    DIGIPUNT_FROZEN_SMOKE=1 .venv/bin/python -m pytest -q tests/package/test_frozen.py
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("DIGIPUNT_FROZEN_SMOKE") != "1",
        reason="frozen bundle smoke test: set DIGIPUNT_FROZEN_SMOKE=1 (after make package)",
    ),
]
EXE_NAME = "digipunt.exe" if sys.platform == "win32" else "digipunt"
RUN_TIMEOUT_S = 180

SPREADSHEET = (
    "date;time;duration_min;services;outcome;age_band;adult;first_visit;channel;helper;postcode;"
    "notes\n"
    """03/02/2025;10:15;20;eID & kaartlezer;solved_together;65_74;ja;yes;walk_in;Rita;9000;
03/02/2025;11:00;35;itsme;partly_followup;75_plus;ja;no;appointment;Rita;9050;komt terug
2025-02-04;14:30;15;email;solved_by_visitor;35_54;ja;unknown;phone;Marc;;
"""
)


def _version() -> str:
    with open(REPO / "pyproject.toml", "rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


@pytest.fixture(scope="module")
def bundle() -> Path:
    folder = Path(os.environ.get("DIGIPUNT_BUNDLE", REPO / "dist" / "digipunt"))
    if not (folder / EXE_NAME).is_file():
        pyinstaller = Path(sys.executable).parent / "pyinstaller"
        subprocess.run(
            [str(pyinstaller), "--noconfirm", "--clean", "build.spec"],
            cwd=REPO,
            check=True,
            timeout=1800,
        )
        folder = REPO / "dist" / "digipunt"
    assert (folder / EXE_NAME).is_file(), f"no frozen executable in {folder}"
    return folder


Runner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A fresh user profile, so nothing lands in (or is read from) the real one."""
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def run(bundle: Path, home: Path) -> Runner:
    def _run(
        *args: str, exe: Path | None = None, env: dict[str, str] | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        full_env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PYTHON", "VIRTUAL_ENV", "DIGIPUNT_"))
        }
        full_env.update(
            {
                "HOME": str(home),
                "XDG_DATA_HOME": str(home / ".local" / "share"),
                "XDG_STATE_HOME": str(home / ".local" / "state"),
                "XDG_CONFIG_HOME": str(home / ".config"),
                "XDG_CACHE_HOME": str(home / ".cache"),
                "QT_QPA_PLATFORM": "offscreen",
                "LC_ALL": "C.UTF-8",
            }
        )
        full_env.update(env or {})
        done = subprocess.run(
            [str(exe or bundle / EXE_NAME), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=full_env,
            timeout=RUN_TIMEOUT_S,
            cwd=home,
        )
        if check:
            assert done.returncode == 0, (
                f"digipunt {' '.join(args)} -> {done.returncode}\n"
                f"stdout: {done.stdout}\nstderr: {done.stderr}"
            )
        return done

    return _run


def test_version_is_the_project_version(run: Runner) -> None:
    done = run("--version")
    assert done.stdout.strip() == f"digipunt {_version()}"


def test_gui_starts_offscreen_and_exits_cleanly(run: Runner, tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = run("--data-dir", str(data), env={"DIGIPUNT_EXIT_AFTER_START": "1"})
    assert "digipunt: ready" in done.stdout
    assert "Traceback" not in done.stderr
    assert (data / "digipunt.sqlite3").is_file()  # the store was opened and migrated
    assert (data / "logs" / "digipunt.log").is_file()


def test_start_layout_of_the_bundle(bundle: Path) -> None:
    """build.spec's frozen start (BENCHMARKS.md, section bundle): our runtime hook (GC off) runs
    before PyInstaller's, and the modules imported before the first paint are plain .pyc files
    while the rest stays in the compressed archive."""
    from PyInstaller.archive.readers import CArchiveReader

    toc = CArchiveReader(str(bundle / EXE_NAME)).toc
    scripts = [name for name, entry in toc.items() if entry[-1] == "s"]
    assert scripts[:2] == ["pyiboot01_bootstrap", "rthook_gc_off"], scripts
    assert scripts[-1] == "digipunt_entry"
    internal = bundle / "_internal"
    for name in ("digipunt_app/cli", "digipunt_app/ui/main_window", "digipunt_app/ui/entry_form"):
        assert (internal / f"{name}.pyc").is_file(), name
    assert not (internal / "digipunt_app" / "core" / "store.pyc").exists()  # after the paint
    # what the interpreter imports before PyInstaller's importer stays in base_library.zip
    assert not (internal / "encodings").exists() and not (internal / "os.pyc").exists()


def test_import_export_round_trip_and_status(run: Runner, tmp_path: Path) -> None:
    data = tmp_path / "data"
    sheet = tmp_path / "sessies.csv"
    sheet.write_text(SPREADSHEET, encoding="utf-8")

    done = run("--data-dir", str(data), "import", str(sheet))
    assert done.stdout.startswith("3 sessies ingelezen"), done.stdout
    again = run("--data-dir", str(data), "import", str(sheet))
    assert again.stdout.startswith("0 sessies ingelezen"), again.stdout  # nothing doubled

    status = json.loads(run("--data-dir", str(data), "status", "--json").stdout)
    assert status["sessions"] == 3
    assert status["pending"] >= 3  # never synced: all waiting (helpers may wait too)
    assert status["enrolled"] is False

    exported = tmp_path / "uit.csv"
    done = run("--data-dir", str(data), "export", "--format", "csv", str(exported))
    assert done.stdout.startswith("3 sessies"), done.stdout
    text = exported.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines(), dialect=csv.Sniffer().sniff(text[:2048])))
    assert len(rows) == 3
    assert sorted(r["duration_min"] for r in rows) == ["15", "20", "35"]

    # The export reads back into a new PC's store: same sessions, and only once.
    other = tmp_path / "other"
    assert run("--data-dir", str(other), "import", str(exported)).stdout.startswith("3 sessies")
    assert run("--data-dir", str(other), "import", str(exported)).stdout.startswith("0 sessies")

    xlsx = tmp_path / "uit.xlsx"
    run("--data-dir", str(data), "export", "--format", "xlsx", "--from", "04/02/2025", str(xlsx))
    third = tmp_path / "third"
    assert run("--data-dir", str(third), "import", str(xlsx)).stdout.startswith("1 sessies")


def test_bad_usage_exits_with_2(run: Runner) -> None:
    done = run("export", "--format", "doc", "x", check=False)
    assert done.returncode == 2


def test_portable_mode_keeps_data_beside_the_program(
    run: Runner, bundle: Path, tmp_path: Path, home: Path
) -> None:
    stick = tmp_path / "usb" / "digipunt"
    try:  # hard links: a full copy of the bundle without the disk space
        shutil.copytree(bundle, stick, symlinks=True, copy_function=os.link)
    except OSError:
        shutil.copytree(bundle, stick, symlinks=True)
    (stick / "portable.txt").write_text("", encoding="utf-8")
    exe = stick / EXE_NAME

    sheet = tmp_path / "sessies.csv"
    sheet.write_text(SPREADSHEET, encoding="utf-8")
    run("import", str(sheet), exe=exe)
    status = json.loads(run("status", "--json", exe=exe).stdout)
    assert Path(status["data_file"]).resolve() == (stick / "data" / "digipunt.sqlite3").resolve()
    assert status["sessions"] == 3
    assert (stick / "data" / "logs" / "digipunt.log").is_file()
    assert not any(home.rglob("*.sqlite3")), "portable mode wrote into the user profile"

    # The same program without the marker uses the profile instead.
    (stick / "portable.txt").unlink()
    status = json.loads(run("status", "--json", exe=exe).stdout)
    assert status["sessions"] == 0
    assert Path(status["data_file"]).resolve().is_relative_to(home.resolve())


def test_logs_hold_no_personal_data(run: Runner, tmp_path: Path) -> None:
    data = tmp_path / "data"
    sheet = tmp_path / "fout.csv"
    sheet.write_text(
        SPREADSHEET + "05/02/2025;09:00;10;email;solved_together;35_54;ja;yes;walk_in;Rita;;"
        "mail naar jan.peeters@telenet.be of bel 0470 12 34 56\n",
        encoding="utf-8",
    )
    run("--data-dir", str(data), "import", str(sheet), check=False)  # the bad row is refused
    log = (data / "logs" / "digipunt.log").read_text(encoding="utf-8")
    assert f"Digipunt {_version()} start (bundle" in log
    assert "jan.peeters" not in log and "0470 12 34 56" not in log


def _has_subcommand(run: Runner, name: str) -> bool:
    return name in run("--help").stdout


def test_pdf_report_renders_in_the_bundle(run: Runner, tmp_path: Path) -> None:
    """QtGui's QPdfWriter renders the PDF report headless in the bundle (offscreen platform)."""
    if "pdf" not in run("export", "--help").stdout:
        pytest.skip("no PDF export in this version")
    data = tmp_path / "data"
    sheet = tmp_path / "sessies.csv"
    sheet.write_text(SPREADSHEET, encoding="utf-8")
    run("--data-dir", str(data), "import", str(sheet))
    pdf = tmp_path / "rapport.pdf"
    run(
        "--data-dir",
        str(data),
        "export",
        "--format",
        "pdf",
        "--from",
        "01/02/2025",
        "--to",
        "28/02/2025",
        str(pdf),
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 2_000


def test_scripted_enrolment_and_sync(run: Runner, tmp_path: Path, live_server) -> None:  # noqa: ANN001
    """What the installer's /SERVER= /CODE= does: enrol by script, then sync the sessions."""
    if not _has_subcommand(run, "enrol"):
        pytest.skip("no enrol subcommand in this version")
    server = live_server()
    bank = server.add_digibank("Digibank Leie")
    punt = server.add_digipunt(bank, "Bib Gent")
    data = tmp_path / "data"
    sheet = tmp_path / "sessies.csv"
    sheet.write_text(SPREADSHEET, encoding="utf-8")
    run("--data-dir", str(data), "import", str(sheet))

    run("--data-dir", str(data), "enrol", "--server", server.url, "--code", server.enrol_code(punt))
    run("--data-dir", str(data), "sync")
    status = json.loads(run("--data-dir", str(data), "status", "--json").stdout)
    assert status["enrolled"] is True
    assert status["pending"] == 0
    assert status["last_sync"] is not None

    import requests

    token = server.add_coordinator("regio")
    answer = requests.get(
        f"{server.url}/v1/export/sessions.csv",
        params={"from": date(2025, 2, 1).isoformat(), "to": date(2025, 2, 28).isoformat()},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    assert len([line for line in answer.text.splitlines()[1:] if line.strip()]) == 3


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux tarball")
def test_linux_tarball_installs_and_runs(
    run: Runner, bundle: Path, tmp_path: Path, home: Path
) -> None:
    """``make package-tar`` -> unpack -> ``install.sh --user`` -> the launcher on PATH works."""
    import tarfile

    sys.path.insert(0, str(REPO / "packaging" / "linux"))
    import make_tar

    tarball = make_tar.make_tar(bundle, tmp_path, _version(), compresslevel=1)
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path / "unpack", filter="tar")
    folder = tmp_path / "unpack" / f"digipunt-{_version()}"
    done = subprocess.run(
        [str(folder / "install.sh"), "--user"],
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
    )
    assert done.returncode == 0, done.stderr
    assert f"Digipunt {_version()} installed" in done.stdout
    launcher = home / ".local" / "bin" / "digipunt"
    assert launcher.is_symlink()
    assert run("--version", exe=launcher).stdout.strip() == f"digipunt {_version()}"
    status = json.loads(run("status", "--json", exe=launcher).stdout)
    assert status["sessions"] == 0
    entry = (home / ".local" / "share" / "applications" / "digipunt.desktop").read_text()
    assert f"Exec={home}/.local/lib/digipunt/digipunt" in entry
