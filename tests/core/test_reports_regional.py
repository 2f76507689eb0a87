"""The coordinator's regional report from the real server's reports API (over HTTP), checked
against hand-computed numbers, and exported to PDF/XLSX like the local one."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from digipunt_app.core.report_export import export_report
from digipunt_app.core.reports_regional import regional_report
from sync.client import SyncClient
from sync.protocol import PushRequest, Record, luhn32_check_symbol

BXL = ZoneInfo("Europe/Brussels")


def code(body: str) -> str:
    return f"{body[:4]}-{body[4:]}-{luhn32_check_symbol(body)}"


A, B = code("AAAA1111"), code("BBBB2222")


def record(
    digipunt: str, day: int, rev: int = 1, deleted: bool = False, sid: str | None = None, **kw: Any
) -> Record:
    started = datetime(2026, 1, day, 10, tzinfo=BXL)
    payload: dict[str, Any] = {
        "digipunt_id": digipunt,
        "started_at": started.astimezone(UTC).isoformat(),
        "local_date": started.date().isoformat(),
        "duration_min": 30,
        "channel": "walk_in",
        "services": ["eid"],
        "outcome": "solved_together",
        "referrals": [],
        "age_band": "65_74",
        "adult_confirmed": True,
        "target_groups": [],
        "language": "nl",
        "first_visit": "no",
        "visitor_code": None,
        "created_at": started.astimezone(UTC).isoformat(),
    }
    payload.update(kw)
    return Record(
        type="help_session",
        id=sid or str(uuid.uuid4()),
        rev=rev,
        base_rev=rev - 1,
        deleted=deleted,
        updated_at=datetime(2026, 2, 1, tzinfo=UTC),
        payload=payload,
    )


def push(srv: Any, device: Any, records: list[Record]) -> None:
    with SyncClient(srv.url, device.token) as client:
        answer = client.push(
            PushRequest(batch_id=str(uuid.uuid4()), client_time=datetime.now(UTC), records=records)
        )
    assert {r.status for r in answer.results} == {"accepted"}, answer


@pytest.fixture
def region(live_server: Any) -> tuple[Any, str, str]:
    srv = live_server()
    leie = srv.add_digibank("Digibank Leie")
    dender = srv.add_digibank("Digibank Dender")
    gent = srv.enrolled(srv.add_digipunt(leie, "Bib Gent", municipality="Gent"))
    deinze = srv.enrolled(srv.add_digipunt(leie, "OCMW Deinze", municipality="Deinze"))
    aalst = srv.enrolled(srv.add_digipunt(dender, "Bib Aalst", municipality="Aalst"))
    edited = str(uuid.uuid4())
    push(
        srv,
        gent,
        [
            record(
                gent.digipunt_id, 5, visitor_code=A, first_visit="yes", services=["eid", "itsme"]
            ),
            record(gent.digipunt_id, 6, first_visit="yes"),  # estimated
            record(
                gent.digipunt_id, 7, first_visit="yes", adult_confirmed=False, age_band="under_18"
            ),  # minor: no reach
            record(gent.digipunt_id, 8, sid=edited, outcome="not_solved", referrals=["ocmw"]),
        ],
    )
    push(
        srv,
        gent,
        [
            record(
                gent.digipunt_id,
                8,
                rev=2,
                sid=edited,
                outcome="partly_followup",
                referrals=["ocmw"],
            )
        ],
    )  # edit: v2 counts
    push(
        srv,
        deinze,
        [
            record(deinze.digipunt_id, 12, visitor_code=A, services=["taxonweb"]),  # A again, Leie
            record(
                deinze.digipunt_id,
                13,
                visitor_code=B,
                first_visit="yes",
                referrals=["fod_finance", "ocmw"],
                duration_min=60,
            ),
        ],
    )
    gone = record(aalst.digipunt_id, 21, visitor_code=B)
    push(
        srv,
        aalst,
        [
            record(aalst.digipunt_id, 20, visitor_code=A, services=["itsme"]),  # A in Dender too
            gone,
            record(aalst.digipunt_id, 31, visitor_code=B, first_visit="yes"),  # B in Dender
        ],
    )
    push(
        srv,
        aalst,
        [record(aalst.digipunt_id, 21, rev=2, deleted=True, sid=gone.id, visitor_code=B)],
    )  # deleted
    return srv, srv.add_coordinator("regio"), srv.add_coordinator("leie", digibank=leie)


def test_region_numbers_match_the_hand_computed_answers(region: tuple[Any, str, str]) -> None:
    srv, token, _ = region
    steps: list[int] = []
    with SyncClient(srv.url, token) as client:
        report = regional_report(
            client, date(2026, 1, 1), date(2026, 1, 31), progress=lambda d, t, w: steps.append(d)
        )
    assert steps == sorted(steps) and steps[-1] == 7
    assert report.scope_kind == "region" and report.title == "Regio (alle digibanken)"
    # live: Gent 4 (one edited), Deinze 2, Aalst 2 (one deleted) = 8
    assert report.sessions == 8
    assert report.minutes == 8 * 30 + 30  # Deinze's 60-minute session
    punten = {line.label: line.value for line in report.breakdown("per_digipunt").lines}
    assert punten == {"Bib Gent": 4, "OCMW Deinze": 2, "Bib Aalst": 2}
    banks = {line.label: line.value for line in report.breakdown("per_digibank").lines}
    assert banks == {"Digibank Leie": 6, "Digibank Dender": 2}
    towns = {line.label: line.value for line in report.breakdown("per_municipality").lines}
    assert towns == {"Gent": 4, "Deinze": 2, "Aalst": 2}
    outcomes = {line.code: line.value for line in report.breakdown("outcomes").lines}
    assert outcomes == {"solved_together": 7, "partly_followup": 1}  # the edit's v2
    referrals = {line.code: line.value for line in report.breakdown("referrals").lines}
    assert referrals == {"ocmw": 2, "fod_finance": 1}
    services = {line.code: line.value for line in report.breakdown("services").lines}
    assert services == {"eid": 6, "itsme": 2, "taxonweb": 1}
    assert {line.code: line.value for line in report.breakdown("per_month").lines} == {"2026-01": 8}
    reach = {r.label: (r.with_code, r.estimated) for r in report.reach}
    # Leie: codes A (Gent + Deinze: once), B (Deinze) -> 2; estimated: Gent's day-6 adult -> 1
    # Dender: codes A, B (the deleted B session does not matter, B came again on the 31st) -> 2
    assert reach == {"Digibank Leie": (2, 1), "Digibank Dender": (2, 0)}
    assert any("Hele regio: 3 unieke volwassenen" in note for note in report.notes)  # A, B + 1
    assert report.unique_adults == 3  # not 2 + 3: A and B came to both digibanken


def test_digibank_coordinator_sees_only_its_digibank(region: tuple[Any, str, str]) -> None:
    srv, _, leie_token = region
    with SyncClient(srv.url, leie_token) as client:
        report = regional_report(client, date(2026, 1, 1), date(2026, 1, 31))
    assert report.scope_kind == "digibank" and report.title == "Digibank Leie"
    assert report.sessions == 6
    assert [r.label for r in report.reach] == ["Digibank Leie"]
    assert report.reach[0].total == 3 and report.reach[0].to_go == 997


def test_region_report_exports(region: tuple[Any, str, str], tmp_path: Path) -> None:
    srv, token, _ = region
    with SyncClient(srv.url, token) as client:
        report = regional_report(client, date(2026, 1, 1), date(2026, 1, 31))
    book = load_workbook(export_report(report, tmp_path / "regio.xlsx", "xlsx"))
    assert "Sessies per digipunt" in book.sheetnames
    overview = {row[0]: row[1:] for row in book["Overzicht"].iter_rows(values_only=True) if row[0]}
    assert overview["Digibank Leie"][:3] == (2, 1, 3)
    assert overview["Unieke volwassenen"][0] == 3  # the region, each visitor once
    if shutil.which("pdftotext"):
        pdf = export_report(report, tmp_path / "regio.pdf", "pdf")
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Regio (alle digibanken)" in text and "Niveau: regio" in text
        assert "Digibank Leie: 3 unieke volwassenen" in text
        assert "OCMW Deinze" in text and "Hele regio: 3 unieke volwassenen" in text
