"""A PC whose data file is lost and restored from an older backup gets every session back from the
server, its own included, even when that full pull spans several pages (issue 4, issue 3).

Real store (its own backup/restore path), real sync engine, real server on 127.0.0.1.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from digipunt_app.core.sync_engine import PULL_LIMIT
from tests.e2e.harness import Desk, server_conflicts, server_versions


def _corrupt(path: Path) -> None:
    """Overwrite the header and first pages with garbage, as a torn write or bad disk would."""
    with open(path, "r+b") as fh:
        fh.write(b"this is not a database file at all" * 200)


@pytest.mark.slow
def test_restored_pc_gets_all_its_own_sessions_back(
    live_server, server_db_url, tmp_path: Path
) -> None:
    srv = live_server(server_db_url)
    bank = srv.add_digibank("Digibank Leie")
    punt = srv.add_digipunt(bank, "Bib Gent")
    desk = Desk(tmp_path / "pc")
    try:
        desk.enrol(srv.url, srv.enrol_code(punt))
        rng = random.Random(11)
        early = desk.bulk_record(50, rng)
        assert desk.sync().ok
        # the backup the PC will fall back to: enrolled, 50 sessions, nothing after it
        backup = desk.store.backup_dir / "digipunt-2026-10-01.sqlite3"
        desk.store.backup_to(backup)

        # after the backup: more than a pull page of new sessions, and edits of old ones
        later = desk.bulk_record(PULL_LIMIT + 200, rng)
        desk.edit(early[0], duration_min=77)
        desk.delete(early[1])
        result = desk.sync()
        assert result.ok, result.error
        before_loss = desk.versions()
        assert len(before_loss) == 50 + PULL_LIMIT + 200
        assert before_loss == server_versions(srv.db, punt)
    finally:
        desk.close()

    _corrupt(tmp_path / "pc" / "digipunt.sqlite3")
    restored = Desk(tmp_path / "pc")
    try:
        assert restored.store.restored_backup == backup
        assert set(restored.versions()) == set(early)  # only what the backup held
        result = restored.sync()
        assert result.ok, result.error
        assert restored.pending() == 0
        assert restored.conflicts() == []
        got = restored.versions()
        assert set(got) == set(early) | set(later)
        assert got == server_versions(srv.db, punt)
        assert got[early[0]][0] == 2 and got[early[0]][2]["duration_min"] == 77
        assert got[early[1]][1] is True  # the deletion came back too
        assert server_conflicts(srv.db) == 0

        # and afterwards the PC's own new pushes are not sent back to it again
        restored.record()
        again = restored.sync()
        assert again.ok and again.accepted == 1 and again.pulled == 0
    finally:
        restored.close()
