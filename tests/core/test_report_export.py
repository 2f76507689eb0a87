"""Report exports: the PDF rendered and read back as text, the XLSX and CSV read back, cancel."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from digipunt_app.core import reports as r
from digipunt_app.core.report_export import export_report
from digipunt_app.core.reports_labels import (
    AGE_BANDS_NL,
    CHANNELS_NL,
    OUTCOMES_NL,
    REFERRALS_NL,
    TARGET_GROUPS_NL,
)
from digipunt_app.core.reports_model import Reach, Report, ReportCancelled
from digipunt_app.ui.chart_painter import render_png

POPPLER = shutil.which("pdftotext") and shutil.which("pdftoppm")
needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="poppler-utils (pdftotext, pdftoppm) not installed"
)


def sample_report(services: int = 31) -> Report:
    """A January report with known numbers (plain data; the SQL side is tested elsewhere)."""
    days = [(date(2026, 1, d), d % 7) for d in range(1, 32)]  # 0..6 per day
    sessions = sum(n for _, n in days)
    service_counts = {f"svc_{i:02d}": 40 - i for i in range(services)}
    service_labels = {code: f"Dienst {code[-2:]}" for code in service_counts}
    breakdowns = (
        r.per_week_breakdown(days, date(2026, 1, 1), date(2026, 1, 31)),
        r.per_month_breakdown(days, date(2026, 1, 1), date(2026, 1, 31)),
        r.category_breakdown("services", "Diensten", service_counts, service_labels, sessions),
        r.vocabulary_breakdown(
            "outcomes", "Uitkomst", {"solved_together": 60, "not_solved": 33}, OUTCOMES_NL, sessions
        ),
        r.vocabulary_breakdown(
            "referrals", "Doorverwijzingen", {"ocmw": 4}, REFERRALS_NL, sessions, keep_zero=False
        ),
        r.vocabulary_breakdown("channels", "Kanaal", {"walk_in": 93}, CHANNELS_NL, sessions),
        r.vocabulary_breakdown(
            "age_bands", "Leeftijd", {"75_plus": 93}, AGE_BANDS_NL, sessions, ordered=True
        ),
        r.vocabulary_breakdown(
            "target_groups", "Doelgroepen", {}, TARGET_GROUPS_NL, sessions, keep_zero=False
        ),
        r.helper_hours_breakdown([("h1", 600, "Marie Peeters"), (None, 45, None)]),
    )
    return Report(
        title="Digipunt Bib Aalst",
        scope_kind="digipunt",
        date_from=date(2026, 1, 1),
        date_to=date(2026, 1, 31),
        sessions=sessions,
        minutes=645,
        breakdowns=breakdowns,
        reach=(Reach("Digipunt Bib Aalst", with_code=1180, estimated=95),),
        generated_at=datetime(2026, 2, 1, 9, 15, tzinfo=UTC),
    )


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    )
    return out.stdout


@needs_poppler
def test_pdf_is_a_dutch_monthly_report_a_coordinator_can_read(tmp_path: Path) -> None:
    report = sample_report()
    pages_seen: list[tuple[int, int, str]] = []
    path = export_report(
        report,
        tmp_path / "rapport.pdf",
        "pdf",
        progress=lambda d, t, w: pages_seen.append((d, t, w)),
    )
    text = pdf_text(path)
    # period, scope, key figures and the reach against the tiers, with the estimated part stated
    assert "Rapport digitale hulp" in text
    assert "Digipunt Bib Aalst" in text
    assert "Periode: januari 2026" in text
    assert "1.275 unieke volwassenen" in text  # 1180 + 95
    assert "1.180 met bezoekerscode" in text
    assert "95 geschat" in text
    assert "Drempel 1.000 gehaald; nog 225 tot de volgende drempel (1.500)" in text
    # every breakdown with its table: titles and a few exact rows
    for title in (
        "Sessies per week",
        "Diensten",
        "Uitkomst",
        "Doorverwijzingen",
        "Kanaal",
        "Leeftijd",
        "Doelgroepen",
        "Uren per helper",
    ):
        assert title in text
    assert "Marie Peeters" in text and "10,0" in text
    assert "Geen helper ingevuld" in text
    assert "OCMW / sociaal huis" in text
    assert "Dienst 30" in text  # the smallest of 31 services is in the table, not cut off
    assert "Geen gegevens in deze periode" in text  # target groups: none this month
    # progress went from 0 to the total
    assert pages_seen[0][0] == 0 and pages_seen[-1][0] == pages_seen[-1][1]

    # rendered: every page becomes a non-blank PNG (looked at during development)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == pages_seen[-1][1]
    for png in pngs:
        assert len(colours(png)) > 20, f"{png.name} looks blank"
    # the charts are on the pages: the bars' blue and the reach's hatched orange on page 1
    assert (0, 114, 178) in colours(pngs[0]) and (230, 159, 0) in colours(pngs[0])
    assert (0, 114, 178) in colours(pngs[1])


def test_xlsx_has_one_sheet_per_breakdown_with_the_numbers(tmp_path: Path) -> None:
    report = sample_report()
    path = export_report(report, tmp_path / "rapport.xlsx", "xlsx")
    book = load_workbook(path)
    assert book.sheetnames == [
        "Overzicht",
        "Sessies per week",
        "Sessies per maand",
        "Diensten",
        "Uitkomst",
        "Doorverwijzingen",
        "Kanaal",
        "Leeftijd",
        "Doelgroepen",
        "Uren per helper",
    ]
    overview = {row[0]: row[1:] for row in book["Overzicht"].iter_rows(values_only=True) if row[0]}
    assert overview["Sessies"][0] == report.sessions
    assert overview["Digipunt Bib Aalst"][:6] == (1180, 95, 1275, 1000, 1500, 225)
    outcomes = list(book["Uitkomst"].iter_rows(values_only=True))
    assert outcomes[0] == ("Code", "Omschrijving", "Sessies", "% van de sessies")
    assert outcomes[1][:3] == ("solved_together", "Samen opgelost", 60)
    assert report.sessions == 90
    assert outcomes[1][3] == pytest.approx(60 / 90, abs=1e-4)
    assert ("not_solved", "Niet opgelost", 33) in [row[:3] for row in outcomes]
    # zero rows of a fixed vocabulary are listed (a funder sees "0", not a gap)
    assert ("solved_by_visitor", "Bezoeker loste het zelf op", 0) in [row[:3] for row in outcomes]
    hours = list(book["Uren per helper"].iter_rows(values_only=True))
    assert hours[1][:3] == ("h1", "Marie Peeters", 10.0)
    services = list(book["Diensten"].iter_rows(values_only=True))
    assert len([row for row in services[1:] if row[0] and row[0].startswith("svc_")]) == 31


def test_csv_reads_back_in_excel_dialect_for_belgium(tmp_path: Path) -> None:
    report = sample_report()
    path = export_report(report, tmp_path / "rapport.csv", "csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["rapport", "Digipunt Bib Aalst"]
    assert rows[1] == ["periode", "2026-01-01", "2026-01-31"]
    header = rows.index(["onderdeel", "code", "omschrijving", "waarde", "aandeel_pct"])
    body = rows[header + 1 :]
    assert ["bereik", "total", "Digipunt Bib Aalst: unieke volwassenen", "1275", ""] in body
    assert ["bereik", "estimated", "Digipunt Bib Aalst: geschat", "95", ""] in body
    assert ["helper_hours", "h1", "Marie Peeters", "10", ""] in body
    assert ["overzicht", "hours", "Uren hulp", "10,8", ""] in body  # decimal comma
    assert ["overzicht", "unique_adults", "Unieke volwassenen", "1275", ""] in body
    outcome = next(row for row in body if row[:2] == ["outcomes", "solved_together"])
    assert outcome[3:] == ["60", "66,7"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_cancelled_export_leaves_no_file(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"rapport.{fmt}"
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 1  # cancel after the first step

    if fmt == "csv":  # one step only: cancel before it starts
        calls["n"] = 1
    with pytest.raises(ReportCancelled):
        export_report(sample_report(), target, fmt, cancelled=cancelled)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left either


def colours(png: Path) -> set[tuple[int, int, int]]:
    """The colours of a PNG (read with Qt; no imaging library needed)."""
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert not image.isNull(), png
    seen = set()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            seen.add((c.red(), c.green(), c.blue()))
    return seen


def test_charts_render_offscreen_to_png(tmp_path: Path) -> None:
    """Looked at during development at 100 % and 200 % (tmp_path / *.png)."""
    from PySide6.QtGui import QImage

    report = sample_report()
    for item in report.breakdowns:
        png = render_png(tmp_path / f"{item.key}.png", item)
        assert QImage(str(png)).size().toTuple() == (800, 450)
        if item.total:
            assert (0, 114, 178) in colours(png), item.key  # the bars, in the palette's blue
        else:
            assert (0, 114, 178) not in colours(png), item.key  # "no data", not an empty axis
        big = render_png(tmp_path / f"{item.key}@2x.png", item, width=1600, height=900, dpi=200)
        assert QImage(str(big)).size().toTuple() == (1600, 900)
    reach = render_png(tmp_path / "reach.png", reaches=report.reach)
    assert (0, 114, 178) in colours(reach) and (230, 159, 0) in colours(reach)
    assert (122, 82, 0) in colours(reach)  # the hatching: not colour alone


def test_reach_tiers() -> None:
    assert Reach("x", 0, 0).next_tier == 1000 and Reach("x", 0, 0).to_go == 1000
    assert Reach("x", 999, 1).reached_tier == 1000 and Reach("x", 999, 1).to_go == 500
    top = Reach("x", 1700, 50)
    assert top.reached_tier == 1750 and top.next_tier is None and top.to_go == 0
    assert "Alle drempels gehaald" in top.tier_sentence()


@needs_poppler
def test_pdf_is_written_headless_without_a_display(tmp_path: Path) -> None:
    """What an IT script does: no display, no Qt platform set, no application made beforehand."""
    import os
    import sys

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    target = tmp_path / "headless.pdf"
    code = (
        "import sys\n"
        "from tests.core.test_report_export import sample_report\n"
        "from digipunt_app.core.report_export import export_report\n"
        f"export_report(sample_report(), {str(target)!r}, 'pdf')\n"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=root, timeout=120)
    text = pdf_text(target)
    assert "Periode: januari 2026" in text and "Pagina 1 van" in text
    assert "1.000" in text and "1.500" in text and "1.750" in text  # the tiers on the chart
