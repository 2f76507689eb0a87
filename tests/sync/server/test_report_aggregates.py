"""The aggregate-backed reports equal a recount from the raw sessions, on SQLite and PostgreSQL.

Random pushes, edits, deletes and purges (seeded, so a failure repeats) against the real server;
after each round every report is asked for random periods (whole months, partial months at the
edges, one day, periods over the 2030-01 span boundary of ``reach_month``) for the region and
for each digibank, and compared with the same numbers counted in Python from what was pushed.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import pytest
import requests
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from sync.protocol import CROCKFORD, luhn32_check_symbol
from sync.server import admin
from sync.server import report_aggregates as agg
from sync.server.db import MIGRATIONS, Database
from tests.sync.server.records import batch, record, session_payload

FIRST, LAST = date(2029, 10, 1), date(2030, 3, 31)
SERVICES = ["eid", "itsme", "taxonweb", "email", "banking", "smartphone"]
REFERRALS = ["ocmw", "bank", "vdab"]
OUTCOMES = ["solved_by_visitor", "solved_together", "partly_followup", "not_solved"]
GROUPS = ("digipunt", "service", "month", "municipality", "outcome", "referral")


def _code(rng: random.Random) -> str:
    body = "".join(rng.choice(CROCKFORD) for _ in range(8))
    return f"{body[:4]}-{body[4:]}-{luhn32_check_symbol(body)}"


class Region:
    """Two digibanken, three digipunten with an enrolled device each, and a Python model of
    the current version of every pushed session."""

    def __init__(self, srv: Any, rng: random.Random) -> None:
        self.srv, self.rng = srv, rng
        bank_a, bank_b = srv.add_digibank("A"), srv.add_digibank("B")
        self.banks = [bank_a, bank_b]
        self.devices = [
            srv.enrolled(digipunt=srv.add_digipunt(bank, name, municipality=town))
            for bank, name, town in ((bank_a, "A1", "Gent"), (bank_a, "A2", "Gent"),
                                     (bank_b, "B1", "Aalst"))
        ]
        self.town = {"A1": "Gent", "A2": "Gent", "B1": "Aalst"}
        self.codes = [_code(rng) for _ in range(10)]
        self.sessions: dict[str, dict[str, Any]] = {}  # id -> record (latest pushed)
        self.tokens = {None: srv.add_coordinator("regio")}

    def _payload(self, punt: str) -> dict[str, Any]:
        rng = self.rng
        adult = rng.random() < 0.8
        return session_payload(
            punt,
            local_date=FIRST + timedelta(days=rng.randrange((LAST - FIRST).days + 1)),
            duration_min=rng.randint(1, 90),
            services=rng.sample(SERVICES, rng.randint(1, 3)),
            referrals=rng.sample(REFERRALS, rng.randint(0, 2)),
            outcome=rng.choice(OUTCOMES),
            adult_confirmed=adult,
            age_band="35_54" if adult else "under_18",
            first_visit=rng.choice(["yes", "no", "unknown"]),
            visitor_code=rng.choice(self.codes) if rng.random() < 0.6 else None,
        )

    def _push(self, dev: Any, records: list[dict[str, Any]]) -> None:
        r = requests.post(self.srv.url + "/v1/sync/push", json=batch(*records),
                          headers={"Authorization": f"Bearer {dev.token}"}, timeout=60)
        assert r.status_code == 200, r.text
        assert {x["status"] for x in r.json()["results"]} == {"accepted"}, r.text
        for rec in records:
            self.sessions[rec["id"]] = rec

    def round(self, purge: bool = False) -> None:
        rng = self.rng
        for dev in self.devices:
            new = [record(self._payload(dev.digipunt_id)) for _ in range(rng.randint(0, 12))]
            mine = [s for s in self.sessions.values()
                    if s["payload"]["digipunt_id"] == dev.digipunt_id]
            changed = []
            for old in rng.sample(mine, min(len(mine), rng.randint(0, 6))):
                payload = dict(old["payload"])
                if rng.random() < 0.7:
                    fresh = self._payload(dev.digipunt_id)
                    for field in rng.sample(sorted(fresh), 4):
                        if field not in ("created_at", "started_at"):
                            payload[field] = fresh[field]
                    if not payload["adult_confirmed"]:
                        payload["age_band"] = "under_18"
                changed.append(record(payload, id=old["id"], rev=old["rev"] + 1,
                                      base_rev=old["rev"], deleted=rng.random() < 0.3))
            if new or changed:
                self._push(dev, new + changed)
        if purge or rng.random() < 0.3:
            today = rng.choice([date(2030, 1, 20), date(2030, 3, 5), date(2030, 2, 1)])
            months = rng.choice([2, 3, 4])
            cutoff = admin.months_before(today, months)
            admin.purge(self.srv.db, older_than_months=months, today=today)
            self.sessions = {k: s for k, s in self.sessions.items()
                             if date.fromisoformat(s["payload"]["local_date"]) >= cutoff}

    # --- the oracle -----------------------------------------------------------------------
    def live(self, d_from: date, d_to: date, bank: str | None) -> list[dict[str, Any]]:
        punts = {d.digipunt_id for d in self.devices if bank in (None, d.digibank_id)}
        return [
            s["payload"] for s in self.sessions.values()
            if not s["deleted"] and s["payload"]["digipunt_id"] in punts
            and d_from <= date.fromisoformat(s["payload"]["local_date"]) <= d_to
        ]

    def expected_summary(self, group_by: str, d_from: date, d_to: date, bank: str | None,
                         names: dict[str, str]) -> tuple[dict[str, tuple[int, int]], int, int]:
        rows: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        live = self.live(d_from, d_to, bank)
        for p in live:
            if group_by == "service":
                keys = p["services"]
            elif group_by == "referral":
                keys = sorted(set(p["referrals"]))
            elif group_by == "month":
                keys = [p["local_date"][:7]]
            elif group_by == "outcome":
                keys = [p["outcome"]]
            elif group_by == "municipality":
                keys = [self.town[names[p["digipunt_id"]]]]
            else:
                keys = [p["digipunt_id"]]
            for k in keys:
                rows[k][0] += 1
                rows[k][1] += p["duration_min"]
        total = len(live), sum(p["duration_min"] for p in live)
        return {k: (n, m) for k, (n, m) in rows.items()}, *total

    def expected_reach(self, d_from: date, d_to: date, bank: str | None) -> dict[str, Any]:
        codes: dict[str, set[str]] = defaultdict(set)
        estimated: dict[str, int] = defaultdict(int)
        bank_of = {d.digipunt_id: d.digibank_id for d in self.devices}
        for p in self.live(d_from, d_to, bank):
            if not p["adult_confirmed"]:
                continue
            punt = p["digipunt_id"]
            if p["visitor_code"]:
                for key in (punt, bank_of[punt], "region"):
                    codes[key].add(p["visitor_code"])
            elif p["first_visit"] == "yes":
                for key in (punt, bank_of[punt], "region"):
                    estimated[key] += 1
        keys = [d.digipunt_id for d in self.devices if bank in (None, d.digibank_id)]
        keys += [b for b in self.banks if bank in (None, b)] + ([] if bank else ["region"])
        return {k: (len(codes[k]), estimated[k]) for k in keys}


def _get(srv: Any, token: str, path: str, **params: Any) -> dict[str, Any]:
    r = requests.get(srv.url + path, params=params,
                     headers={"Authorization": f"Bearer {token}"}, timeout=60)
    assert r.status_code == 200, r.text
    return r.json()


def _periods(rng: random.Random) -> list[tuple[date, date]]:
    def day() -> date:
        return FIRST + timedelta(days=rng.randrange((LAST - FIRST).days + 1))

    pairs = [tuple(sorted((day(), day()))) for _ in range(3)]
    one = day()
    return [
        (FIRST, LAST),                          # whole months over two spans
        (date(2029, 10, 1), date(2029, 12, 31)),  # whole months, one span
        (date(2030, 1, 1), date(2030, 3, 31)),
        (date(2030, 1, 10), date(2030, 3, 20)),   # partial edges around a whole month
        (date(2030, 1, 5), date(2030, 2, 25)),    # two partial months, nothing between
        (date(2029, 11, 3), date(2029, 11, 17)),  # inside one month
        (one, one), *pairs,  # type: ignore[list-item]
    ]


def _check(region: Region, rng: random.Random,
           periods: list[tuple[date, date]] | None = None) -> None:
    srv = region.srv
    names = {d.digipunt_id: n for d, n in zip(region.devices, ("A1", "A2", "B1"), strict=True)}
    for d_from, d_to in periods or _periods(rng):
        period = {"from": d_from.isoformat(), "to": d_to.isoformat()}
        for bank in (None, *region.banks):
            token = region.tokens[None]
            scope = {} if bank is None else {"digibank": bank}
            group_by = rng.choice(GROUPS)
            got = _get(srv, token, "/v1/reports/summary", group_by=group_by, **period, **scope)
            rows, total_n, total_min = region.expected_summary(group_by, d_from, d_to, bank,
                                                               names)
            label = f"{group_by} {d_from}..{d_to} {bank}"
            assert {r["key"]: (r["sessions"], r["duration_min"]) for r in got["rows"]} == rows, \
                label
            assert (got["total_sessions"], got["total_duration_min"]) == (total_n, total_min), \
                label
            reach = _get(srv, token, "/v1/reports/reach", **period, **scope)
            seen = {}
            for b in reach["digibanken"]:
                seen[b["digibank_id"]] = (b["counted_by_code"], b["estimated_without_code"])
                for p in b["digipunten"]:
                    seen[p["digipunt_id"]] = (p["counted_by_code"], p["estimated_without_code"])
            if reach["region"] is not None:
                seen["region"] = (reach["region"]["counted_by_code"],
                                  reach["region"]["estimated_without_code"])
            assert seen == region.expected_reach(d_from, d_to, bank), f"reach {label}"


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_aggregate_reports_equal_a_raw_recount(live_server, server_db_url, seed) -> None:
    srv = live_server(server_db_url)
    rng = random.Random(seed)
    region = Region(srv, rng)
    for i in range(5):
        region.round(purge=i == 3)
        _check(region, rng)
    # the aggregates the reports read are exactly a rebuild from the raw rows
    with srv.db.engine.connect() as conn:
        before = _aggregate_tables(conn)
    agg.rebuild(srv.db.engine)
    with srv.db.engine.connect() as conn:
        assert _aggregate_tables(conn) == before


def _aggregate_tables(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
    dirty = {str(m)[:10] for (m,) in conn.execute(text("SELECT month FROM report_dirty"))}
    out = {}
    for table, cols in (("report_month", "month, digipunt_id, dim, key, sessions, minutes"),
                        ("reach_month", "span, month_bit, level, key, code, days, months"),
                        ("reach_mask", "span, level, key, months, codes")):
        rows = conn.execute(text(f"SELECT {cols} FROM {table}")).all()
        if table == "report_month":  # months never asked for whole may be stale: leave them
            rows = [r for r in rows if str(r[0])[:10] not in dirty]
        out[table] = sorted(tuple(str(v) for v in r) for r in rows)
    return out


def test_code_key_is_the_40_bit_value_of_the_code(server_db_url) -> None:
    db = Database(server_db_url)
    admin.init(db)
    postgres = db.engine.dialect.name == "postgresql"
    codes = ["0000-0000-0", "ZZZZ-ZZZZ-" + luhn32_check_symbol("ZZZZZZZZ")]
    codes += [_code(random.Random(i)) for i in range(20)]
    with db.engine.connect() as conn:
        for code in codes:
            got = conn.execute(text(f"SELECT {agg.code_key_sql(':c', postgres)}"),
                               {"c": code}).scalar()
            assert got == agg.code_key(code)
    assert agg.code_key(codes[1]) == 2**40 - 1 and len({agg.code_key(c) for c in codes}) == 22
    db.dispose()


def test_migration_builds_the_aggregates_from_existing_sessions(live_server, server_db_url):
    srv = live_server(server_db_url)
    rng = random.Random(5)
    region = Region(srv, rng)
    region.round()
    region.round()
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with srv.db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    with srv.db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with srv.db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM report_dirty")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM reach_mask")).scalar() > 0
    _check(region, rng)


def test_a_mark_committed_during_a_refresh_stays_for_the_next_report(live_server, pg_db_url):
    """PostgreSQL, where writers do not wait for a refresh: a push that commits after the
    refresh read the marks is counted by the next report, not lost."""
    srv = live_server(pg_db_url)
    region = Region(srv, random.Random(9))
    dev = region.devices[0]
    rec = record(session_payload(dev.digipunt_id, local_date=date(2029, 11, 5),
                                 duration_min=30))
    region._push(dev, [rec])
    token = region.tokens[None]
    period = {"from": "2029-11-01", "to": "2029-11-30"}
    assert _get(srv, token, "/v1/reports/summary", group_by="month",
                **period)["total_duration_min"] == 30
    db = Database(pg_db_url)
    with db.engine.begin() as conn:  # some other change of that month, committed
        conn.execute(text("INSERT INTO report_dirty (digipunt_id, month) "
                          "VALUES (:p, DATE '2029-11-01')"), {"p": dev.digipunt_id})
    with db.engine.connect() as writer:
        writer.begin()
        writer.execute(text("UPDATE help_session SET duration_min = 45 WHERE id = :id"),
                       {"id": rec["id"]})
        # a report refreshes while the writer's mark is not committed yet
        assert agg.refresh(db.engine, (date(2029, 11, 1), date(2029, 11, 1))) == 1
        writer.commit()
    assert _get(srv, token, "/v1/reports/summary", group_by="month",
                **period)["total_duration_min"] == 45
    db.dispose()


def test_periods_far_apart_and_at_the_ends_of_the_calendar(live_server, server_db_url) -> None:
    srv = live_server(server_db_url)
    rng = random.Random(11)
    region = Region(srv, rng)
    region.round()
    dev = region.devices[0]
    region._push(dev, [record(session_payload(dev.digipunt_id, local_date=day,
                                              visitor_code=region.codes[0]))
                       for day in (date(1, 1, 1), date(1999, 12, 31), date(9999, 12, 31))])
    _check(region, rng, [
        (date(1, 1, 1), date(9999, 12, 31)), (date(1916, 1, 1), date(2000, 1, 1)),
        (date(9999, 12, 1), date(9999, 12, 31)), (date(1, 1, 1), date(1, 1, 31)),
        (date(1999, 12, 15), date(2030, 1, 15)),
    ])
