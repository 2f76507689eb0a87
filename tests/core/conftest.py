"""Core tests: every test gets a fresh store in its own temporary data dir."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digipunt_app.core.config import DATA_FILE_NAME
from digipunt_app.core.records import SessionDraft
from digipunt_app.core.store import Store


@pytest.fixture(scope="session")
def migrated_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store migrated to head per test run; each test gets its own copy (fast)."""
    folder = tmp_path_factory.mktemp("template")
    Store.open(folder, backup=False).close()
    return folder / DATA_FILE_NAME


@pytest.fixture
def store(tmp_path: Path, migrated_file: Path) -> Iterator[Store]:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(migrated_file, data / DATA_FILE_NAME)
    s = Store.open(data)
    yield s
    s.close()


def draft(**kw: object) -> SessionDraft:
    """A valid new session; override any field."""
    base: dict[str, object] = {
        "started_at": datetime(2026, 3, 10, 9, 30, tzinfo=UTC),
        "services": ["eid"],
    }
    base.update(kw)
    return SessionDraft(**base)  # type: ignore[arg-type]
