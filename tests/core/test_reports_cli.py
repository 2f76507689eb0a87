"""Headless reports: ``digipunt export --format pdf`` and ``--report`` with csv/xlsx."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from digipunt_app.core.records import SessionDraft
from digipunt_app.core.reports_cli import report_period
from digipunt_app.core.sessions import save_session
from digipunt_app.core.store import Store

BXL = ZoneInfo("Europe/Brussels")


def test_report_period_defaults_to_last_month() -> None:
    today = date(2026, 3, 15)
    assert report_period(None, None, today) == (date(2026, 2, 1), date(2026, 2, 28))
    assert report_period(date(2026, 1, 10), None, today) == (date(2026, 1, 10), date(2026, 1, 31))
    assert report_period(None, date(2026, 1, 10), today) == (date(2026, 1, 1), date(2026, 1, 10))
    assert report_period(date(2026, 1, 2), date(2026, 1, 3), today) == (
        date(2026, 1, 2),
        date(2026, 1, 3),
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    with Store.open(data) as store:
        for day in (5, 6, 31):
            save_session(
                store,
                SessionDraft(
                    started_at=datetime(2026, 1, day, 23, 30, tzinfo=BXL),
                    services=["eid"],
                    first_visit="yes",
                ),
            )
    return data


def run_cli(*args: str) -> int:
    from digipunt_app.cli import main

    return main(list(args))


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_export_pdf_headless(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    target = tmp_path / "januari.pdf"
    code = run_cli(
        "export",
        "--data-dir",
        str(data_dir),
        "--format",
        "pdf",
        "--from",
        "01/01/2026",
        "--to",
        "31/01/2026",
        str(target),
    )
    assert code == 0, capsys.readouterr()
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Periode: januari 2026" in text
    assert "3 unieke volwassenen" in text  # three adult first visits without a code (estimated)
    assert "januari.pdf" in capsys.readouterr().out


def test_export_report_xlsx_vs_sessions_xlsx(data_dir: Path, tmp_path: Path) -> None:
    report = tmp_path / "rapport.xlsx"
    sessions = tmp_path / "sessies.xlsx"
    common = ("--data-dir", str(data_dir), "--from", "2026-01-01", "--to", "2026-01-31")
    assert run_cli("export", *common, "--format", "xlsx", "--report", str(report)) == 0
    assert run_cli("export", *common, "--format", "xlsx", str(sessions)) == 0
    assert load_workbook(report).sheetnames[0] == "Overzicht"
    assert "Overzicht" not in load_workbook(sessions).sheetnames  # the sessions, as before
