"""``digipunt-server serve`` runs its app with the cyclic garbage collector tuned for pushes
(``fastpath.tune_gc``): the objects of the built app frozen out of full collections and far
higher thresholds. The app is served by the real command with uvicorn's run stubbed out."""

from __future__ import annotations

import gc

import pytest
import uvicorn

from sync.server import cli
from sync.server.fastpath import GC_THRESHOLDS


def test_serve_tunes_the_garbage_collector_before_serving(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict = {}

    def run(app, **options) -> None:  # what uvicorn would serve, and the GC state then
        seen.update(app=app, threshold=gc.get_threshold(), frozen=gc.get_freeze_count())

    monkeypatch.setattr(uvicorn, "run", run)
    before = gc.get_threshold()
    try:
        assert cli.main(["serve", "--db", f"sqlite:///{tmp_path / 's.db'}", "--port", "0"]) == 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
        if "app" in seen:
            seen["app"].state.db.dispose()
    assert seen["threshold"] == GC_THRESHOLDS != before
    assert seen["frozen"] > 10_000  # the modules and the app built before serving
