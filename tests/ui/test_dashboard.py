"""The "Rapporten" tab in a real main window on a real store: lazy, correct numbers, refresh
after a save, export with progress; the regional view against the live server."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from digipunt_app.core.records import SessionDraft
from digipunt_app.core.sessions import save_session
from digipunt_app.ui.dashboard import ReportsTab
from digipunt_app.ui.dashboard_view import ReportExporter
from sync.protocol import luhn32_check_symbol

from .conftest import wait_idle

BXL = ZoneInfo("Europe/Brussels")
CODE = "AAAA-1111-" + luhn32_check_symbol("AAAA1111")


def install_reports(window: Any) -> ReportsTab:
    """The "Rapporten" tab the app's window hook added (``digipunt_app.ui.app.WINDOW_HOOKS``)."""
    tabs = [window.tabs.widget(i) for i in range(window.tabs.count())]
    (tab,) = [t for t in tabs if isinstance(t, ReportsTab)]
    return tab


def add(window: Any, qtbot: Any, drafts: list[SessionDraft]) -> None:
    def work(store: Any) -> None:
        for draft in drafts:
            save_session(store, draft)

    window.ops.db(work, changes={"sessions"})
    wait_idle(qtbot, window)


def january(day: int, **kw: Any) -> SessionDraft:
    kw.setdefault("services", ["eid"])
    return SessionDraft(started_at=datetime(2026, 1, day, 10, tzinfo=BXL), **kw)


@pytest.fixture
def reports(window: Any, qtbot: Any) -> ReportsTab:
    tab = install_reports(window)
    add(
        window,
        qtbot,
        [
            january(5, visitor_code=CODE, first_visit="yes", age_band="65_74"),
            january(6, visitor_code=CODE, first_visit="no", age_band="65_74", duration_min=45),
            january(7, first_visit="yes", outcome="not_solved", age_band="35_54"),
            january(8, first_visit="no", channel="phone", services=["eid", "itsme"]),
        ],
    )
    return tab


def show_january(window: Any, tab: ReportsTab, qtbot: Any) -> Any:
    window.tabs.setCurrentWidget(tab)
    tab.setCurrentWidget(tab.dashboard)
    dash = tab.dashboard
    qtbot.waitUntil(lambda: dash.report is not None, timeout=20000)
    with qtbot.waitSignal(dash.reportShown, timeout=20000) as shown:
        dash.period.set_custom(date(2026, 1, 1), date(2026, 1, 31))
    return shown.args[0]


def table(panel: Any) -> dict[str, list[str]]:
    t = panel.table
    return {
        t.item(r, 0).text(): [t.item(r, c).text() for c in range(1, t.columnCount())]
        for r in range(t.rowCount())
    }


def test_tab_loads_nothing_until_shown(window: Any, qtbot: Any) -> None:
    tab = install_reports(window)
    window.ops.notify({"sessions"})  # a change while hidden: remembered, not computed
    wait_idle(qtbot, window)
    assert not tab.dashboard.built and tab.dashboard.loads == 0
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.dashboard.report is not None, timeout=20000)
    assert tab.dashboard.built and tab.dashboard.loads == 1
    assert not tab.regional.built  # the coordinator's sub-tab is built only when opened


def test_app_start_does_not_import_the_pdf_writer(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from digipunt_app.ui.app import build_window, make_app\n"
        "from digipunt_app.ui.dashboard import ReportsTab\n"
        "app = make_app(['x'])\n"
        f"w = build_window(app, __import__('pathlib').Path({str(tmp_path)!r}), 'nl')\n"
        "w.show()\n"
        "while not w.is_ready():\n"
        "    app.processEvents()\n"
        "tabs = [w.tabs.widget(i) for i in range(w.tabs.count())]\n"
        "assert any(isinstance(t, ReportsTab) for t in tabs)\n"
        "print('matplotlib' in sys.modules or 'digipunt_app.ui.report_pdf' in sys.modules)\n"
        "w.ops.shutdown()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr


def test_dashboard_shows_the_numbers_beside_the_charts(
    window: Any, reports: ReportsTab, qtbot: Any, tmp_path: Path
) -> None:
    report = show_january(window, reports, qtbot)
    assert report.sessions == 4
    view = reports.dashboard.view
    assert view.figure_values["sessions"].text() == "4"
    # adults: code once (two visits) + one first visit without code (estimated)
    assert view.figure_values["adults"].text() == "2"
    assert "1 met bezoekerscode" in view.reach_text.text()
    assert "1 geschat" in view.reach_text.text()
    assert "Nog 998 tot de drempel van 1.000" in view.reach_text.text()
    outcomes = table(view.panels["outcomes"])
    assert outcomes["Samen opgelost"] == ["3", "75,0"]
    assert outcomes["Niet opgelost"] == ["1", "25,0"]
    assert table(view.panels["services"])["eID & kaartlezer"][0] == "4"
    assert table(view.panels["channels"])["Telefonisch"][0] == "1"
    chart = view.panels["outcomes"].chart
    assert chart.isVisible() and chart.accessibleName() == "Uitkomst"
    pixels = chart.grab().toImage()
    blue = sum(
        pixels.pixelColor(x, y).name() == "#0072b2"
        for x in range(0, pixels.width(), 4)
        for y in range(0, pixels.height(), 4)
    )
    assert blue > 20  # the bars are painted in the palette's blue
    # looked at during development: tmp_path / "dashboard.png"
    window.resize(1280, 900)
    assert reports.dashboard.grab().save(str(tmp_path / "dashboard.png"))


def test_a_save_refreshes_the_visible_dashboard(
    window: Any, reports: ReportsTab, qtbot: Any
) -> None:
    show_january(window, reports, qtbot)
    with qtbot.waitSignal(reports.dashboard.reportShown, timeout=20000) as shown:
        add(window, qtbot, [january(20, outcome="not_solved")])
    assert shown.args[0].sessions == 5
    assert table(reports.dashboard.view.panels["outcomes"])["Niet opgelost"][0] == "2"


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_export_pdf_from_the_dashboard(
    window: Any, reports: ReportsTab, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    show_january(window, reports, qtbot)
    target = tmp_path / "januari"
    monkeypatch.setattr(ReportExporter, "ask_path", classmethod(lambda cls, p, f, s: target))
    with qtbot.waitSignal(reports.dashboard.exporter.finished, timeout=60000) as done:
        reports.dashboard.export("pdf")
    written = done.args[0]
    assert written == tmp_path / "januari.pdf" and written.exists()
    text = subprocess.run(
        ["pdftotext", str(written), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Periode: januari 2026" in text and "Samen opgelost" in text
    assert "januari.pdf" in reports.dashboard.status.text()


def test_regional_view_fetches_from_the_server(window: Any, qtbot: Any, live_server: Any) -> None:
    import uuid
    from datetime import UTC

    from sync.client import SyncClient
    from sync.protocol import PushRequest, Record

    srv = live_server()
    bank = srv.add_digibank("Digibank Leie")
    device = srv.enrolled(srv.add_digipunt(bank, "Bib Gent", municipality="Gent"))
    started = datetime(2026, 1, 9, 10, tzinfo=BXL)
    payload = {
        "digipunt_id": device.digipunt_id,
        "started_at": started.isoformat(),
        "local_date": "2026-01-09",
        "duration_min": 30,
        "channel": "walk_in",
        "services": ["eid"],
        "outcome": "solved_together",
        "age_band": "65_74",
        "adult_confirmed": True,
        "language": "nl",
        "first_visit": "yes",
        "created_at": started.isoformat(),
    }
    with SyncClient(srv.url, device.token) as client:
        client.push(
            PushRequest(
                batch_id="b1",
                client_time=datetime.now(UTC),
                records=[
                    Record(
                        type="help_session",
                        id=str(uuid.uuid4()),
                        rev=1,
                        base_rev=0,
                        updated_at=datetime.now(UTC),
                        payload=payload,
                    )
                ],
            )
        )
    tab = install_reports(window)
    window.tabs.setCurrentWidget(tab)
    tab.setCurrentWidget(tab.regional)
    regional = tab.regional
    assert regional.built
    regional.period.set_custom(date(2026, 1, 1), date(2026, 1, 31))
    regional.server.setText(srv.url)
    regional.token.setText("not-a-token")
    with qtbot.waitSignal(regional.failed, timeout=20000) as failed:
        regional.fetch()
    assert failed.args[0]  # a plain message, not a crash
    regional.token.setText(srv.add_coordinator("regio"))
    with qtbot.waitSignal(regional.reportShown, timeout=20000) as shown:
        regional.fetch()
    assert shown.args[0].sessions == 1
    assert table(regional.view.panels["per_digipunt"])["Bib Gent"][0] == "1"
    assert "Digibank Leie: 1 unieke volwassenen" in regional.view.reach_text.text()


def test_cancel_keeps_the_report_on_screen(window: Any, reports: ReportsTab, qtbot: Any) -> None:
    shown = show_january(window, reports, qtbot)
    dash = reports.dashboard
    dash.period.set_choice("this_year")  # starts computing the year ...
    assert dash.cancel_button.isVisible()
    dash.cancel()  # ... and the volunteer cancels
    wait_idle(qtbot, window)
    assert dash.report is shown  # January still shown, nothing half-updated
    assert not dash.cancel_button.isVisible()
    assert "Bezig" not in dash.status.text()


def test_dashboard_follows_the_language(window: Any, reports: ReportsTab, qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from digipunt_app.ui import i18n, labels

    show_january(window, reports, qtbot)
    dash = reports.dashboard
    with qtbot.waitSignal(dash.reportShown, timeout=20000):
        i18n.set_language(QApplication.instance(), "fr")
    view = dash.view
    assert view.panels["outcomes"].title() == "Résultat"
    solved = labels.outcome_labels()["solved_together"]
    assert solved != "Samen opgelost" and solved in table(view.panels["outcomes"])
    assert "eID & lecteur de carte" in table(view.panels["services"])  # from the catalog
    assert "semaine 2 (2026)" in table(view.panels["per_week"])
    assert view.figure_names["sessions"].text() == "Sessions"


def test_key_figures_stay_bigger_than_their_labels_at_200_percent(
    window: Any, reports: ReportsTab, qtbot: Any
) -> None:
    show_january(window, reports, qtbot)
    view = reports.dashboard.view
    label_size = view.figure_names["sessions"].font().pointSizeF()
    window.settings_page.choose_font_scale(200)
    try:
        qtbot.waitUntil(
            lambda: view.figure_names["sessions"].font().pointSizeF() >= 1.9 * label_size,
            timeout=5000,
        )
        label = view.figure_names["sessions"].font().pointSizeF()
        assert view.figure_values["sessions"].font().pointSizeF() >= 1.9 * label
        assert view.heading.font().pointSizeF() > label
    finally:
        window.settings_page.choose_font_scale(100)
