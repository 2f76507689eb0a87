"""Core tests: every test gets a fresh store in its own temporary data dir."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digipunt_app.core.records import SessionDraft
from digipunt_app.core.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "data")
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
