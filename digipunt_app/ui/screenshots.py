"""Render the main screens offscreen into PNG files, to look at them as a volunteer would:
``python -m digipunt_app.ui.screenshots OUTDIR`` (``make screenshots``).

A throw-away data dir gets a few volunteers and sessions; then every tab is grabbed at 100% and
200% font size (``<tab>_<scale>.png``), plus the French entry form and the visitor card.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SAMPLE = [
    # services, outcome, minutes ago, duration, notes, code
    (["itsme"], "solved_together", 5, 20, "itsme opnieuw geactiveerd na nieuwe gsm", None),
    (["taxonweb", "eid"], "partly_followup", 50, 45, "Aangifte begonnen, verder op dinsdag", None),
    (["smartphone"], "solved_by_visitor", 120, 15, "", None),
    (["phishing"], "solved_together", 200, 30, "Verdachte sms besproken", None),
    (["mypension"], "not_solved", 1500, 25, "Kaartlezer werkte niet", None),
    (["email", "photos"], "solved_together", 3000, 40, "", None),
]


def _seed(data_dir: Path) -> None:
    from digipunt_app.core import helpers, sessions
    from digipunt_app.core.records import SessionDraft
    from digipunt_app.core.store import Store

    store = Store.open(data_dir)
    try:
        names = [helpers.add_helper(store, n) for n in ("Marleen", "Jef", "Rita")]
        now = datetime.now(UTC)
        for i, (services, outcome, ago, minutes, notes, code) in enumerate(SAMPLE):
            sessions.save_session(
                store,
                SessionDraft(
                    started_at=now - timedelta(minutes=ago),
                    duration_min=minutes,
                    services=services,
                    outcome=outcome,
                    helper_id=names[i % len(names)].id,
                    notes=notes,
                    visitor_code=code,
                    age_band=("65_74", "75_plus", "35_54")[i % 3],
                ),
            )
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m digipunt_app.ui.screenshots")
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from digipunt_app.ui import i18n
    from digipunt_app.ui.app import build_window, make_app
    from digipunt_app.ui.visitor_card import card_pixmap

    app = make_app(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        _seed(data_dir)
        window = build_window(app, data_dir, "nl")
        window.resize(1100, 760)
        window.show()
        _wait(app, window.is_ready)

        def grab(name: str) -> None:
            _wait(app, lambda: window.ops.busy == 0)
            for _ in range(3):  # the queued language / text-size follow-ups and their relayout
                app.processEvents()
            path = args.outdir / f"{name}.png"
            window.grab().save(str(path))
            print(path)

        pages = [
            ("entry", window.form),
            ("list", window.session_list),
            ("helpers", window.helpers_page),
            ("settings", window.settings_page),
        ]
        for scale in (100, 200):
            window.settings_page.choose_font_scale(scale)
            for name, page in pages:
                window.tabs.setCurrentWidget(page)
                if page is window.form:
                    window.form.tiles.toggle_number(1)
                    window.form.notes.setPlainText("Bel me op 0475 12 34 56")
                if page is window.session_list:
                    _wait(app, lambda: window.session_list.model.rowCount() > 0)
                    for row in range(window.session_list.model.rowCount()):
                        window.session_list.model.data(window.session_list.model.index(row, 0))
                grab(f"{name}_{scale}")
                if page is window.form:
                    window.form.reset()
                    window.form.notes.clear()
            reports = _reports_tab(window)
            if reports is not None:  # the "Rapporten" tab, computed on its first show
                shown: list[object] = []
                reports.dashboard.reportShown.connect(shown.append)
                window.tabs.setCurrentWidget(reports)
                if scale == 100:
                    _wait(app, lambda shown=shown: bool(shown))
                grab(f"reports_{scale}")
        window.settings_page.choose_font_scale(100)
        window.tabs.setCurrentWidget(window.form)
        i18n.set_language(app, "fr")
        grab("entry_fr_100")
        i18n.set_language(app, "nl")
        card_pixmap("7K3M-Q9XD-4", 324).save(str(args.outdir / "visitor_card.png"))
        window.ops.shutdown()
        window.close()
    QApplication.processEvents()
    return 0


def _reports_tab(window: object) -> object | None:
    from digipunt_app.ui.dashboard import ReportsTab

    tabs = window.tabs  # type: ignore[attr-defined]
    for index in range(tabs.count()):
        if isinstance(tabs.widget(index), ReportsTab):
            return tabs.widget(index)
    return None


def _wait(app: object, condition: object, timeout_s: float = 30.0) -> None:
    import time

    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout_s
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit("screenshots: the window did not get ready in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


if __name__ == "__main__":
    raise SystemExit(main())
