"""Counting the report buckets that pushes marked, in the background, once pushes go quiet.

A report recounts the (digipunt, month) buckets marked since the last count before it reads
(``report_aggregates.refresh``). After a day of syncing that is the current month at every
digipunt: at 1M sessions the coordinator's first report of the morning would wait over a second
for it. The refresher does that count in the server instead, in its own short transaction,
when no new mark has appeared for one interval (so it never competes with a burst of pushes;
after ``max_wait_ticks`` intervals of non-stop pushes it counts anyway: 6, about a minute with
``serve``'s 10 s, so that on a busy day, when pushes never stop for 10 s, a report still finds
at most a minute of marks, a few digipunt-months, not every digipunt's: BENCHMARKS.md has ~18 ms
per digipunt-month at 1M sessions, ~1 s for one month at all 56). Correctness does not
depend on it: a report still counts whatever is marked when it runs, and a mark committed
during a count stays for the next one (``report_aggregates`` module doc).

One thread per server process (``serve --workers N`` runs N; the refresh lock in
``report_aggregates`` lets one count at a time, the others then find nothing marked).
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import text
from sqlalchemy.engine import Engine

from sync.server import report_aggregates

log = logging.getLogger(__name__)

_MARKS = text("SELECT max(id), min(month), max(month) FROM report_dirty")


class ReportRefresher:
    def __init__(self, engine: Engine, interval_s: float, max_wait_ticks: int = 6) -> None:
        self.engine = engine
        self.interval_s = interval_s
        self.max_wait_ticks = max_wait_ticks
        self._last_mark: int | None = None
        self._waited = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def tick(self) -> int:
        """One look at the marks: count them when none came since the previous look (or the
        wait is over). Returns how many buckets were counted."""
        with self.engine.connect() as conn:
            last, lo, hi = conn.execute(_MARKS).one()
            conn.rollback()
        if last is None:
            self._last_mark, self._waited = None, 0
            return 0
        if last != self._last_mark and self._waited < self.max_wait_ticks:
            self._last_mark = last
            self._waited += 1
            return 0
        self._last_mark, self._waited = None, 0
        months = (report_aggregates.month_value(lo), report_aggregates.month_value(hi))
        return report_aggregates.refresh(self.engine, months)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="report-refresher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                counted = self.tick()
            except Exception:  # noqa: BLE001 - a failed count is retried; reports count anyway
                log.warning("background count of the report aggregates failed", exc_info=True)
                continue
            if counted:
                log.info("report aggregates: %d digipunt-months counted", counted)
