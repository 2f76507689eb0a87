"""Reports against a fixture with hand-computed answers, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import random
from datetime import date

import requests

from sync.protocol import CROCKFORD, luhn32_check_symbol
from sync.server import admin
from tests.sync.server.records import batch, record, session_payload, visitor_code

C1, C2, C3, C4 = (visitor_code(s) for s in "1234")
PERIOD = {"from": "2026-01-01", "to": "2026-03-31"}


def _push(srv, dev, *records) -> None:
    r = requests.post(srv.url + "/v1/sync/push", json=batch(*records),
                      headers={"Authorization": f"Bearer {dev.token}"}, timeout=60)
    assert r.status_code == 200, r.text
    assert {x["status"] for x in r.json()["results"]} == {"accepted"}, r.text


def _get(srv, token, path, **params):
    r = requests.get(srv.url + path, params=PERIOD | params,
                     headers={"Authorization": f"Bearer {token}"}, timeout=60)
    assert r.status_code == 200, r.text
    return r


def _build(srv):
    bank_a = srv.add_digibank("Digibank A", reach_target=1000)
    bank_b = srv.add_digibank("Digibank B")
    a1 = srv.enrolled(digipunt=srv.add_digipunt(bank_a, "A1", municipality="Gent"))
    a2 = srv.enrolled(digipunt=srv.add_digipunt(bank_a, "A2", municipality="Melle"))
    b1 = srv.enrolled(digipunt=srv.add_digipunt(bank_b, "B1", municipality="Lokeren"))

    def s(dev, day, **over):
        return record(session_payload(dev.digipunt_id, local_date=date(2026, *day), **over))

    s14 = s(a1, (1, 30), visitor_code=C3)
    s12 = s(a1, (2, 10), visitor_code=C4)
    _push(srv, a1,
          s(a1, (1, 10), visitor_code=C1, services=["eid", "itsme"], referrals=["ocmw"]),
          s(a1, (2, 2), visitor_code=C1, duration_min=30, outcome="not_solved"),
          s(a1, (1, 20), first_visit="yes", services=["smartphone"], duration_min=25),
          s(a1, (1, 21), first_visit="no"),
          s12, s14,
          record(session_payload(a1.digipunt_id, local_date=date(2025, 12, 31),
                                 visitor_code=C2)))
    _push(srv, a1, {**s12, "rev": 2, "base_rev": 1, "deleted": True},
          {**s14, "rev": 2, "base_rev": 1,
           "payload": s14["payload"] | {"adult_confirmed": False, "age_band": "under_18"}})
    _push(srv, a2,
          s(a2, (2, 15), visitor_code=C1, services=["taxonweb"], duration_min=10,
            referrals=["ocmw", "bank"]),
          s(a2, (3, 1), visitor_code=C2, services=["email"], duration_min=15),
          s(a2, (3, 10), first_visit="yes", adult_confirmed=False, age_band="under_18"),
          s(a2, (3, 11), visitor_code=C3, adult_confirmed=False, age_band="under_18"))
    _push(srv, b1,
          s(b1, (1, 5), visitor_code=C1),
          s(b1, (1, 6), visitor_code=C4, first_visit="yes", services=["banking"]),
          s(b1, (2, 1), first_visit="yes"))
    return bank_a, bank_b, a1, a2, b1


def _rows(report) -> dict[str, int]:
    return {row["key"]: row["sessions"] for row in report["rows"]}


def test_reach_and_summary_match_hand_computed_answers(live_server, server_db_url) -> None:
    srv = live_server(server_db_url)
    bank_a, bank_b, a1, a2, b1 = _build(srv)
    region = srv.add_coordinator("regio")

    reach = _get(srv, region, "/v1/reports/reach").json()
    banks = {b["name"]: b for b in reach["digibanken"]}
    # C1 at A1 (twice) and A2: once for A; C1 also in B: once there too.
    assert (banks["Digibank A"]["counted_by_code"], banks["Digibank A"]["estimated_without_code"],
            banks["Digibank A"]["unique_adults"]) == (2, 1, 3)
    assert (banks["Digibank B"]["counted_by_code"], banks["Digibank B"]["estimated_without_code"],
            banks["Digibank B"]["unique_adults"]) == (2, 1, 3)
    punten = {p["name"]: p["unique_adults"] for b in banks.values() for p in b["digipunten"]}
    assert punten == {"A1": 2, "A2": 2, "B1": 3}
    assert reach["region"] == {"unique_adults": 5, "counted_by_code": 3,
                               "estimated_without_code": 2}
    assert banks["Digibank A"]["tier_reached"] is None
    assert banks["Digibank A"]["next_tier"] == 1000 and reach["tiers"] == [1000, 1500, 1750]
    assert "estimate" in reach["estimated_note"]

    def summary(group_by, token=region):
        return _get(srv, token, "/v1/reports/summary", group_by=group_by).json()

    by_punt = summary("digipunt")
    assert by_punt["total_sessions"] == 12 and by_punt["total_duration_min"] == 240
    assert {r["label"]: r["sessions"] for r in by_punt["rows"]} == {"A1": 5, "A2": 4, "B1": 3}
    assert _rows(summary("month")) == {"2026-01": 6, "2026-02": 3, "2026-03": 3}
    assert [r["key"] for r in summary("month")["rows"]] == ["2026-01", "2026-02", "2026-03"]
    services = summary("service")
    assert _rows(services) == {"eid": 8, "itsme": 1, "taxonweb": 1, "email": 1,
                               "smartphone": 1, "banking": 1}
    assert {r["key"]: r["label"] for r in services["rows"]}["eid"] == "eID & kaartlezer"
    assert _rows(summary("referral")) == {"ocmw": 2, "bank": 1}
    assert _rows(summary("outcome")) == {"solved_together": 11, "not_solved": 1}
    assert _rows(summary("municipality")) == {"Gent": 5, "Melle": 4, "Lokeren": 3}

    # a digibank coordinator gets the same numbers for its own digibank only
    coord_a = srv.add_coordinator("A", digibank=bank_a)
    only_a = summary("digipunt", coord_a)
    assert only_a["total_sessions"] == 9 and only_a["scope_name"] == "Digibank A"
    reach_a = _get(srv, coord_a, "/v1/reports/reach").json()
    assert [b["unique_adults"] for b in reach_a["digibanken"]] == [3]

    # the export streams the same sessions, and is audited
    r = _get(srv, coord_a, "/v1/export/sessions.csv")
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 9 and {row["digibank"] for row in rows} == {"Digibank A"}
    assert sorted(row["local_date"] for row in rows)[0] == "2026-01-10"
    assert "notes" not in rows[0]
    exports = admin.audit_entries(srv.db, action="export")
    assert len(exports) == 1 and "2026-01-01..2026-03-31" in exports[0].detail


def _random_code(rng: random.Random) -> str:
    body = "".join(rng.choice(CROCKFORD) for _ in range(8))
    return f"{body[:4]}-{body[4:]}-{luhn32_check_symbol(body)}"


def test_funding_tiers(live_server) -> None:
    srv = live_server()
    dev = srv.enrolled()
    rng = random.Random(3)
    codes = set()
    while len(codes) < 1499:
        codes.add(_random_code(rng))
    sessions = [
        record(session_payload(dev.digipunt_id, local_date=date(2026, 2, 1), visitor_code=c))
        for c in sorted(codes)
    ]
    for start in range(0, len(sessions), 500):
        _push(srv, dev, *sessions[start:start + 500])
    token = srv.add_coordinator("regio")
    bank = _get(srv, token, "/v1/reports/reach").json()["digibanken"][0]
    assert (bank["unique_adults"], bank["tier_reached"], bank["next_tier"]) == (1499, 1000, 1500)
    _push(srv, dev, record(session_payload(dev.digipunt_id, local_date=date(2026, 2, 2),
                                           first_visit="yes")))
    bank = _get(srv, token, "/v1/reports/reach").json()["digibanken"][0]
    assert (bank["unique_adults"], bank["estimated_without_code"]) == (1500, 1)
    assert (bank["tier_reached"], bank["next_tier"]) == (1500, 1750)
