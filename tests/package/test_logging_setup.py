"""The rotating log: written where IT staff look, rotated, and free of personal data."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from digipunt_app import __version__
from digipunt_app.core import logging_setup
from digipunt_app.core.logging_setup import redact, setup_logging


@pytest.fixture
def clean_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    before = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in before[0]:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(before[1])


def test_log_file_is_created_in_the_given_folder(tmp_path: Path, clean_root_logger: None) -> None:
    log_dir = tmp_path / "data" / "logs"
    path = setup_logging(log_dir)
    logging.getLogger("digipunt.test").info("app gestart")
    assert path == log_dir / "digipunt.log"
    text = path.read_text(encoding="utf-8")
    assert "app gestart" in text
    assert f"Digipunt {__version__} start (source" in text


def test_personal_data_never_reaches_the_file(tmp_path: Path, clean_root_logger: None) -> None:
    path = setup_logging(tmp_path)
    log = logging.getLogger("digipunt.test")
    log.warning("notitie %s", "mail jan.peeters@telenet.be of bel 0470 12 34 56")
    log.warning("rekening BE71 0961 2345 6769, rijksregister 85.07.30-033.28")
    log.warning("bezoeker %s", "7K3M-9QZ2-X")
    try:
        raise ValueError("kon niet opslaan voor an@example.org")
    except ValueError:
        log.exception("opslaan mislukt")
    text = path.read_text(encoding="utf-8")
    for secret in ("jan.peeters", "0470", "BE71", "85.07.30", "7K3M-9QZ2-X", "an@example.org"):
        assert secret not in text
    assert "[e-mail]" in text and "[telefoon]" in text and "[iban]" in text
    assert "ValueError" in text  # the traceback itself stays useful


def test_ordinary_figures_stay_readable() -> None:
    line = "12000 sessies in 1234 ms op 01/12/2025 om 12:33:03, poort 8000, versie 0.1.0"
    assert redact(line) == line
    assert redact("Authorization: Bearer abc.DEF-123") == "Authorization: Bearer [token]"


def test_logs_rotate_instead_of_growing(
    tmp_path: Path, clean_root_logger: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logging_setup, "MAX_BYTES", 2_000)
    setup_logging(tmp_path)
    log = logging.getLogger("digipunt.test")
    for i in range(400):
        log.info("regel %05d %s", i, "x" * 40)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert "digipunt.log.1" in files
    assert len(files) <= 1 + logging_setup.BACKUP_COUNT
    assert all(p.stat().st_size <= 2_200 for p in tmp_path.iterdir())


def test_setting_up_twice_keeps_one_file_handler(tmp_path: Path, clean_root_logger: None) -> None:
    setup_logging(tmp_path / "a")
    setup_logging(tmp_path / "b")
    logging.getLogger("digipunt.test").info("een keer")
    assert "een keer" not in (tmp_path / "a" / "digipunt.log").read_text(encoding="utf-8")
    assert (tmp_path / "b" / "digipunt.log").read_text(encoding="utf-8").count("een keer") == 1


def test_unwritable_folder_does_not_stop_the_app(tmp_path: Path, clean_root_logger: None) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert setup_logging(blocker / "logs") is None
    logging.getLogger("digipunt.test").warning("nog steeds bruikbaar")
