# ruff: noqa: E501 (spreadsheet rows are kept on one line each)
"""Spreadsheet import/export (DESIGN.md §8): labels or codes, bad rows by line, no doubles."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from digipunt_app.core import helpers, sessions
from digipunt_app.core.exporter import export_file
from digipunt_app.core.importer import ImportFileError, import_file
from digipunt_app.core.records import SessionFilter
from digipunt_app.core.store import Store
from tests.core.conftest import draft

CSV_NL = """\ufeffdatum;tijd;duur;diensten;resultaat;leeftijd;volwassen;eerste_bezoek;kanaal;vrijwilliger;bezoekerscode;postcode;notities;extra kolom
10/03/2026;09:30;20;eID & kaartlezer;Samen opgelost;65-74;ja;ja;Binnengelopen;Marc;;9000;;x
11/03/2026;10:00;30;"itsme; Mijn Burgerprofiel";niet opgelost;75+;;nee;op afspraak;An;0000-0000-0;;"twee
regels";y
2026-03-12;;15;foo;;;;;;;;;;
13/03/2026;14:15;45;taxonweb;;;;;;;;;bel 0475 12 34 56;
14/03/2026;25:00;45;email;;;;;;;;;;
15/03/2026;11:00;999;email;;;;;;;;;;
16/03/2026;11:00;10;email;;under_18;ja;;;;;;;
17/03/2026;11:00;10;email;;;;;;;ABCD-EFGH-Z;;;
18/03/2026;11:00;10;Smartphone;Deels opgelost, opvolging nodig;;;;Telefonisch;marc;;1000;;
18/03/2026;11:00;10;Smartphone;Deels opgelost, opvolging nodig;;;;Telefonisch;marc;;1000;;
"""


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding, newline="")
    return path


def test_csv_with_dutch_labels_reports_bad_rows_by_line(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "oud.csv", CSV_NL)
    seen: list[tuple[int, int]] = []
    result = import_file(store, path, progress=lambda d, t: seen.append((d, t)))
    assert result.added == 4  # lines 2, 3, 11 and 12 (two identical sessions are both kept)
    problems = {p.line: p.message for p in result.problems}
    assert sorted(problems) == [5, 6, 7, 8, 9, 10]  # line 3-4 is one row with a 2-line note
    assert "foo" in problems[5]
    assert "telefoonnummer" in problems[6]
    assert "uur" in problems[7]
    assert "480" in problems[8]
    assert "18" in problems[9]
    assert "tikfout" in problems[10]
    assert seen[-1] == (10, 10)
    assert sorted(result.helpers_added) == ["An", "Marc"]  # "marc" is the same volunteer
    rows = sessions.session_rows(store, sessions.session_ids(store, None, "started_at", False))
    first, second = rows[0], rows[1]
    assert first.services == ("eid",) and first.age_band == "65_74" and first.adult_confirmed
    assert first.started_at == datetime(2026, 3, 10, 8, 30, tzinfo=UTC)  # 09:30 Brussels
    assert second.services == ("itsme", "burgerprofiel") and second.outcome == "not_solved"
    assert second.adult_confirmed  # empty "volwassen" with an adult age band
    assert second.notes == "twee\nregels" and second.visitor_code == "0000-0000-0"
    assert rows[2].helper_name == "Marc" and rows[2].outcome == "partly_followup"


def test_reimport_adds_nothing(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "oud.csv", CSV_NL)
    import_file(store, path)
    before = sessions.count_sessions(store)
    again = import_file(store, path)
    assert again.added == 0 and again.already_present == 4
    assert sessions.count_sessions(store) == before
    assert len(helpers.list_helpers(store)) == 2


def test_comma_csv_in_windows_1252_with_codes(store: Store, tmp_path: Path) -> None:
    text = (
        "date,time,duration_min,services,outcome,age_band,adult,first_visit,channel,notes\n"
        "2026-03-10,9:05,20,eid;itsme,solved_by_visitor,35_54,yes,no,phone,geholpen met één app\n"
    )
    path = write(tmp_path / "codes.csv", text, encoding="cp1252")
    result = import_file(store, path)
    assert result.added == 1 and not result.problems
    row = sessions.session_rows(store, sessions.session_ids(store))[0]
    assert row.notes == "geholpen met één app" and row.channel == "phone"


def test_xlsx_with_real_dates(store: Store, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Datum", "Tijd", "Duur", "Diensten", "Postcode"])
    sheet.append([datetime(2026, 3, 10), "14:00", 30, "E-mail", 2000])
    sheet.append([date(2026, 3, 11), None, 15, "Onbekend ding", None])
    path = tmp_path / "oud.xlsx"
    book.save(path)
    result = import_file(store, path)
    assert result.added == 1
    assert [(p.line, "Onbekend ding" in p.message) for p in result.problems] == [(3, True)]
    draft_back = sessions.get_session(store, sessions.session_ids(store)[0])
    assert draft_back.postcode == "2000" and draft_back.services == ["email"]


def test_missing_required_column(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="services"):
        import_file(store, write(tmp_path / "x.csv", "datum;duur\n10/03/2026;5\n"))
    with pytest.raises(ImportFileError, match="csv"):
        import_file(store, write(tmp_path / "x.ods", "whatever"))


def test_cancel_keeps_what_was_done_and_reimport_finishes(store: Store, tmp_path: Path) -> None:
    lines = ["datum;tijd;diensten"] + [
        f"{day:02d}/03/2026;{hour:02d}:00;email" for day in range(1, 29) for hour in range(8, 18)
    ] * 3
    path = write(tmp_path / "groot.csv", "\n".join(lines) + "\n")
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 1  # stop after the first batch

    first = import_file(store, path, cancel=cancel)
    assert first.cancelled and 0 < first.added < 840
    rest = import_file(store, path)
    assert rest.added == 840 - first.added and rest.already_present == first.added
    assert sessions.count_sessions(store) == 840


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_import_round_trip(tmp_path: Path, fmt: str) -> None:
    source = Store.open(tmp_path / "a")
    target = Store.open(tmp_path / "b")
    try:
        marc = helpers.add_helper(source, "Marc")
        made = [
            sessions.save_session(source, draft(
                started_at=datetime(2026, 3, 9, 13, 45, tzinfo=UTC), duration_min=35,
                services=["itsme", "eid"], outcome="partly_followup", referrals=["ocmw", "bank"],
                age_band="75_plus", target_groups=["senior", "lives_alone"], language="fr",
                interpreter=True, first_visit="yes", helper_id=marc.id,
                visitor_code="0000-0000-0", postcode="9000", notes="lees; \"brief\"\nvan FOD",
            )),
            sessions.save_session(source, draft(
                started_at=datetime(2026, 3, 20, 8, 0, tzinfo=UTC), age_band="under_18",
                adult_confirmed=False,
            )),
            sessions.save_session(source, draft(started_at=datetime(2026, 4, 2, 8, 0, tzinfo=UTC))),
        ]
        sessions.delete_session(source, made[1].id)
        path = tmp_path / f"export.{fmt}"
        # April is outside the period; the deleted one is not exported
        assert export_file(source, path, fmt, date(2026, 3, 1), date(2026, 3, 31)) == 1
        result = import_file(target, path)
        assert result.added == 1 and not result.problems
        got = sessions.get_session(target, sessions.session_ids(target)[0])
        want = sessions.get_session(source, made[0].id)
        for key in ("started_at", "duration_min", "services", "outcome", "referrals", "age_band",
                    "adult_confirmed", "target_groups", "language", "interpreter", "first_visit",
                    "visitor_code", "postcode", "notes", "channel"):
            assert getattr(got, key) == getattr(want, key), key
        assert [h.display_name for h in helpers.list_helpers(target)] == ["Marc"]
        # the export of a store, imported back into that same store, adds nothing
        again = import_file(source, path)
        assert again.added == 0 and sessions.count_sessions(source, SessionFilter()) == 2
    finally:
        source.close()
        target.close()


def test_cancelled_export_leaves_no_file(store: Store, tmp_path: Path) -> None:
    from digipunt_app.core.exporter import ExportCancelled

    sessions.save_session(store, draft())
    path = tmp_path / "out.csv"
    with pytest.raises(ExportCancelled):
        export_file(store, path, "csv", cancel=lambda: True)
    assert list(tmp_path.glob("*out.csv*")) == []
