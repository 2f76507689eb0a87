"""Data folder resolution (override, portable, platformdirs) and UUIDv7 ids."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest

from digipunt_app.core import config
from digipunt_app.core.ids import new_id


def test_data_dir_override_wins(tmp_path: Path) -> None:
    (tmp_path / "portable.txt").touch()
    paths = config.resolve_paths(tmp_path / "mine", base=tmp_path)
    assert paths.data_dir == (tmp_path / "mine").resolve()
    assert paths.data_file.name == "digipunt.sqlite3" and not paths.portable


def test_portable_mode_keeps_data_beside_the_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe_dir = tmp_path / "Digipunt"
    exe_dir.mkdir()
    (exe_dir / "portable.txt").write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe_dir / "digipunt.exe"))
    paths = config.resolve_paths()
    assert paths.portable
    assert paths.data_dir == exe_dir / "data"
    assert paths.log_dir == exe_dir / "data" / "logs"


def test_default_is_the_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "digipunt.exe"))  # no portable.txt
    paths = config.resolve_paths()
    assert not paths.portable
    assert "Digipunt" in str(paths.data_dir) and "Digipunt" in str(paths.log_dir)


def test_ids_are_uuid7_and_increase() -> None:
    ids = [new_id() for _ in range(5000)]
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)
    parsed = uuid.UUID(ids[0])
    assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
