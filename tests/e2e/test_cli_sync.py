"""``digipunt enrol``, ``digipunt sync`` and the sync lines of ``digipunt status`` against the real
server: one clear Dutch line per message, exit 0 ok and 1 on failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from digipunt_app.cli import main
from digipunt_app.core.store import Store
from digipunt_app.core.sync_engine import SyncEngine
from digipunt_app.core.sync_engine_lock import SyncLock


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_enrol_sync_status(live_server, tmp_path: Path, capsys) -> None:
    srv = live_server()
    bank = srv.add_digibank("Digibank Leie")
    punt = srv.add_digipunt(bank, "Bib Gent")
    data = str(tmp_path / "pc")

    code, _out, err = _run(capsys, "--data-dir", data, "enrol", "--server", srv.url,
                           "--code", "NOPE-NOPE")
    assert code == 1 and "niet geldig" in err and len(err.strip().splitlines()) == 1

    code, out, err = _run(capsys, "--data-dir", data, "enrol", "--server", srv.url,
                          "--code", srv.enrol_code(punt), "--name", "pc-balie")
    assert code == 0, err
    assert "Bib Gent" in out and "Digibank Leie" in out

    code, out, _err = _run(capsys, "--data-dir", data, "sync")
    assert code == 0 and out.startswith("Gesynchroniseerd")

    code, out, _err = _run(capsys, "--data-dir", data, "status", "--json")
    facts = json.loads(out)
    assert code == 0 and facts["server"] == srv.url and facts["enrolled"]
    assert facts["last_sync"] and facts["revoked"] is False

    srv.stop()  # the server is gone: sync fails, says why, keeps everything
    code, out, err = _run(capsys, "--data-dir", data, "sync")
    assert code == 1 and "niet bereikbaar" in err
    code, out, _err = _run(capsys, "--data-dir", data, "status")
    assert "Laatste poging mislukt" in out and f"Server: {srv.url}" in out


def test_sync_before_enrolment_fails_clearly(tmp_path: Path, capsys) -> None:
    code, _out, err = _run(capsys, "--data-dir", str(tmp_path), "sync")
    assert code == 1 and "nog niet ingeschreven" in err


def test_one_sync_at_a_time_per_data_folder(live_server, tmp_path: Path) -> None:
    srv = live_server()
    punt = srv.add_digipunt(srv.add_digibank("B"), "Bib Gent")
    store = Store.open(tmp_path, backup=False)
    try:
        engine = SyncEngine(store)
        engine.enrol(srv.url, srv.enrol_code(punt))
        with SyncLock(tmp_path) as other:
            assert other.acquire()
            busy = engine.sync_once()
        assert busy.busy and not busy.ok and "al een synchronisatie" in (busy.error or "")
        assert engine.sync_once().ok
    finally:
        store.close()
