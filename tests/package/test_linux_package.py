"""The Linux tarball: program, menu entry and icon, and an install.sh that puts them in place."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "packaging" / "linux"))

import make_tar  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Linux packaging")


@pytest.fixture
def fake_bundle(tmp_path: Path) -> Path:
    """A stand-in for dist/digipunt: an executable, _internal/ and a symlink like PyInstaller's."""
    bundle = tmp_path / "dist" / "digipunt"
    (bundle / "_internal" / "lib").mkdir(parents=True)
    (bundle / "_internal" / "lib" / "libfoo.so.1").write_text("lib")
    (bundle / "_internal" / "libfoo.so.1").symlink_to("lib/libfoo.so.1")
    exe = bundle / "digipunt"
    exe.write_text('#!/bin/sh\n[ "$1" = --version ] && echo "digipunt 9.9.9"\nexit 0\n')
    exe.chmod(0o755)
    return bundle


def _desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_is_valid() -> None:
    desktop = REPO / "packaging" / "linux" / "digipunt.desktop"
    entry = _desktop_entry(desktop)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Digipunt"
    assert entry["Exec"] == "digipunt" and entry["Icon"] == "digipunt"
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    assert {"Comment[nl]", "Comment[fr]", "Comment[en]"} <= set(entry)
    validator = shutil.which("desktop-file-validate")
    if validator:
        done = subprocess.run([validator, str(desktop)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_tarball_holds_program_menu_entry_and_icons(fake_bundle: Path, tmp_path: Path) -> None:
    out = make_tar.make_tar(fake_bundle, tmp_path, "9.9.9", machine="x86_64")
    assert out.name == "digipunt-9.9.9-linux-x86_64.tar.gz"
    with tarfile.open(out) as tar:
        members = {m.name: m for m in tar.getmembers()}
    top = "digipunt-9.9.9"
    for name in (
        "digipunt",
        "_internal/lib/libfoo.so.1",
        "install.sh",
        "share/applications/digipunt.desktop",
        "share/icons/hicolor/scalable/apps/digipunt.svg",
        "share/icons/hicolor/256x256/apps/digipunt.png",
    ):
        assert f"{top}/{name}" in members, name
    assert members[f"{top}/digipunt"].mode & 0o111
    assert members[f"{top}/install.sh"].mode & 0o111
    assert members[f"{top}/_internal/libfoo.so.1"].issym()  # symlinks stay symlinks
    assert all(m.uid == 0 and m.uname == "root" for m in members.values())


def test_make_tar_refuses_a_missing_bundle(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make package"):
        make_tar.make_tar(tmp_path / "nothing", tmp_path, "1.0")


def test_user_install_and_uninstall(fake_bundle: Path, tmp_path: Path) -> None:
    out = make_tar.make_tar(fake_bundle, tmp_path, "9.9.9")
    unpack = tmp_path / "unpack"
    with tarfile.open(out) as tar:
        tar.extractall(unpack, filter="tar")
    folder = unpack / "digipunt-9.9.9"
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}

    done = subprocess.run(
        [str(folder / "install.sh"), "--user"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Digipunt 9.9.9 installed" in done.stdout
    target = home / ".local" / "lib" / "digipunt"
    launcher = home / ".local" / "bin" / "digipunt"
    assert launcher.resolve() == (target / "digipunt").resolve()
    version = subprocess.run([str(launcher), "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == "digipunt 9.9.9"
    entry = _desktop_entry(home / ".local" / "share" / "applications" / "digipunt.desktop")
    assert entry["Exec"] == str(target / "digipunt")
    icons = home / ".local" / "share" / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "digipunt.svg").is_file()
    assert (icons / "256x256" / "apps" / "digipunt.png").is_file()

    data = home / ".local" / "share" / "Digipunt"
    data.mkdir(parents=True)
    (data / "digipunt.sqlite3").write_text("volunteers' sessions")
    done = subprocess.run(
        [str(folder / "install.sh"), "--user", "--uninstall"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert not target.exists() and not launcher.exists()
    assert (data / "digipunt.sqlite3").is_file()  # uninstalling never deletes data


def test_install_script_rejects_unknown_options(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(REPO / "packaging" / "linux" / "install.sh"), "--bogus"],
        capture_output=True,
        text=True,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 2
    assert "unknown option" in done.stderr
