"""The headless ``digipunt`` command: import, export, status; exit codes 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from digipunt_app.cli import main

CSV = (
    "datum;tijd;duur;diensten;resultaat\n"
    "10/03/2026;09:30;20;eID & kaartlezer;Samen opgelost\n"
    "11/03/2026;10:00;30;itsme;niet opgelost\n"
)


def run(*argv: str) -> int:
    return main(list(argv))


def test_import_export_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    src = tmp_path / "in.csv"
    src.write_text(CSV, encoding="utf-8")
    assert run("--data-dir", data, "import", str(src)) == 0
    assert "2 sessies ingelezen, 0 waren er al" in capsys.readouterr().out
    assert run("import", str(src), "--data-dir", data) == 0  # --data-dir after the command too
    assert "0 sessies ingelezen, 2 waren er al" in capsys.readouterr().out

    out = tmp_path / "uit.csv"
    assert run("--data-dir", data, "export", "--format", "csv", "--from", "11/03/2026",
               "--to", "2026-03-31", str(out)) == 0
    assert "1 sessies geschreven" in capsys.readouterr().out
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("date;time;duration_min;services") and len(lines) == 2
    assert lines[1].startswith("11/03/2026;10:00;30;itsme;not_solved")

    assert run("--data-dir", data, "status", "--json") == 0
    status = json.loads(capsys.readouterr().out)
    assert status["sessions"] == 2 and status["pending"] == 2 and status["enrolled"] is False
    assert run("status", "--data-dir", data) == 0
    text = capsys.readouterr().out
    assert "Sessies: 2" in text and "Wachtend op synchronisatie: 2" in text


def test_bad_rows_exit_1_with_line_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.csv"
    src.write_text(CSV + "12/03/2026;10:00;30;geen dienst;\n", encoding="utf-8")
    assert run("--data-dir", str(tmp_path), "import", str(src)) == 1
    captured = capsys.readouterr()
    assert "regel 4: Onbekende dienst 'geen dienst'." in captured.err
    assert "2 sessies ingelezen" in captured.out


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "x.csv"],  # --format missing
        ["export", "--format", "doc", "x.csv"],
        ["export", "--format", "csv", "--from", "31/02/2026", "x.csv"],
        ["nonsense"],
        ["--lang", "de"],
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, argv: list[str]) -> None:
    assert run("--data-dir", str(tmp_path), *argv) == 2


def test_from_after_to_is_usage_error(tmp_path: Path) -> None:
    assert run("--data-dir", str(tmp_path), "export", "--format", "csv", "--from", "2026-03-05",
               "--to", "2026-03-01", str(tmp_path / "x.csv")) == 2


def test_failures_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--data-dir", str(tmp_path), "import", str(tmp_path / "missing.csv")) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bestaat niet" in err[0]


def test_version_and_help_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--version") == 0
    assert capsys.readouterr().out.startswith("digipunt ")
    assert run("--help") == 0


def test_console_entry_point_runs_headless(tmp_path: Path) -> None:
    """``python -m digipunt_app status`` as IT scripts call it, in a fresh process."""
    proc = subprocess.run(
        [sys.executable, "-m", "digipunt_app", "status", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Sessies: 0" in proc.stdout
