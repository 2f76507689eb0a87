"""The server counts marked report buckets in the background once pushes go quiet, so a
coordinator's first report after a day of syncing finds nothing left to count."""

from __future__ import annotations

import random

from sqlalchemy import text

from sync.server.report_refresher import ReportRefresher
from sync.server.settings import Settings
from tests.fixtures.server import _wait_until
from tests.sync.server.test_report_aggregates import Region, _check


def _marks(srv) -> int:
    with srv.db.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM report_dirty")).scalar_one())


def test_pushed_months_are_counted_without_a_report_and_answers_stay_right(
    live_server, server_db_url
) -> None:
    srv = live_server(server_db_url, settings=Settings(report_refresh_s=0.1))
    rng = random.Random(21)
    region = Region(srv, rng)
    region.round()
    region.round()
    _wait_until(lambda: _marks(srv) == 0, 60, "the background count of the pushed months")
    _check(region, rng)  # every report equals a recount from the pushed sessions


def test_no_count_while_marks_keep_coming_until_the_wait_is_over(
    live_server, server_db_url
) -> None:
    srv = live_server(server_db_url)  # no background thread: ticks are driven by the test
    region = Region(srv, random.Random(4))
    refresher = ReportRefresher(srv.db.engine, interval_s=1, max_wait_ticks=2)
    assert refresher.tick() == 0  # nothing marked
    region.round()
    assert _marks(srv) > 0
    assert refresher.tick() == 0  # new marks since the last look: pushes are still going on
    region.round()
    assert refresher.tick() == 0  # still new marks (second tick of waiting)
    region.round()
    assert refresher.tick() > 0  # marks keep coming, but the wait is over: counted anyway
    assert _marks(srv) == 0
    region.round()
    assert refresher.tick() == 0 and refresher.tick() > 0  # quiet for one look: counted
    assert _marks(srv) == 0
    _check(region, random.Random(5))
