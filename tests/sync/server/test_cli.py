"""``digipunt-server`` admin CLI: what a coordinator types, what scripts capture."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import requests

from sync.server.cli import main
from tests.sync.server.records import batch, record, session_payload

REPO = Path(__file__).resolve().parents[3]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def test_set_up_a_region_enrol_and_revoke(capsys, server_db_url, live_server) -> None:
    db = ["--db", server_db_url]
    assert run(capsys, "init", *db)[0] == 0
    code, bank, _ = run(capsys, "add-digibank", "Digibank Leie", "--reach-target", "1500", *db)
    assert code == 0 and len(bank) == 36
    code, punt, _ = run(capsys, "add-digipunt", "--digibank", "Digibank Leie",
                        "--municipality", "Gent", "--type", "library", "Bib Gent", *db)
    assert code == 0
    code, enrol_code, err = run(capsys, "enrol-code", "Bib Gent", "--valid-hours", "2", *db)
    assert code == 0 and len(enrol_code) == 14 and "2 hours" in err
    code, token, _ = run(capsys, "add-coordinator", "Ann", "--digibank", bank, *db)
    assert code == 0 and token.startswith("dpc_")

    srv = live_server(server_db_url)
    answer = requests.post(srv.url + "/v1/enrol",
                           json={"code": enrol_code, "device_name": "balie-1"}, timeout=30)
    assert answer.status_code == 200
    device_id = answer.json()["device_id"]
    code, listing, _ = run(capsys, "devices", *db)
    assert device_id in listing and "balie-1" in listing and "active" in listing

    assert run(capsys, "revoke-device", device_id, *db)[0] == 0
    assert "revoked" in run(capsys, "devices", *db)[1]
    code, _, err = run(capsys, "revoke-device", device_id, *db)
    assert code == 1 and err == f"error: device {device_id} is already revoked"
    code, log, _ = run(capsys, "audit", *db)
    actions = [line.split("\t")[2] for line in log.splitlines()]
    assert actions[-3:] == ["add_coordinator", "enrol", "revoke"]


def test_errors_are_one_line_with_exit_codes(capsys, tmp_path) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 's.db'}"]
    assert run(capsys, "init", *db)[0] == 0
    code, _, err = run(capsys, "enrol-code", "Nergens", *db)
    assert code == 1 and err == "error: no digipunt with id or name 'Nergens'"
    code, _, err = run(capsys, "add-coordinator", "x", *db)  # no scope given
    assert code == 2 and "--digibank" in err
    code, _, err = run(capsys, "bogus")
    assert code == 2
    code, _, err = run(capsys, "catalog-load", str(tmp_path / "missing.json"), *db)
    assert code == 1 and err.startswith("error: cannot read") and "\n" not in err


def test_default_database_is_a_file_in_the_current_directory(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sync.server.cli", "init"], cwd=tmp_path,
        capture_output=True, text=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "digipunt-server.db").is_file()
    assert result.stderr.count("\n") == 1 and "catalog version 1" in result.stderr


def test_catalog_load_reaches_devices_by_pull(capsys, live_server, tmp_path) -> None:
    srv = live_server()
    dev = srv.enrolled()
    headers = {"Authorization": f"Bearer {dev.token}"}
    cursor = requests.get(srv.url + "/v1/sync/pull", params={"cursor": 0}, headers=headers,
                          timeout=30).json()["next_cursor"]
    new = json.loads((REPO / "resources" / "catalog.json").read_text())
    new["services"].append({"code": "e_id_kids", "group": "identity", "active": True,
                            "labels": {"nl": "Kids-ID aanvragen", "fr": "x", "en": "x"}})
    path = tmp_path / "catalog-v2.json"
    path.write_text(json.dumps(new))
    code, _, err = run(capsys, "catalog-load", str(path), "--db", srv.db_url)
    assert code == 0 and "version 2" in err
    page = requests.get(srv.url + "/v1/sync/pull", params={"cursor": cursor}, headers=headers,
                        timeout=30).json()
    assert [(c["type"], c["rev"]) for c in page["changes"]] == [("catalog", 2)]
    assert "e_id_kids" in {s["code"] for s in page["changes"][0]["payload"]["services"]}
    # and the new service is accepted in pushes from now on
    body = batch(record(session_payload(dev.digipunt_id, services=["e_id_kids"])))
    res = requests.post(srv.url + "/v1/sync/push", json=body, headers=headers, timeout=30)
    assert res.json()["results"][0]["status"] == "accepted"


def test_purge_removes_sessions_past_retention(capsys, live_server, server_db_url) -> None:
    srv = live_server(server_db_url)
    dev = srv.enrolled()
    old = record(session_payload(dev.digipunt_id, local_date=date(2020, 1, 1)))
    recent = record(session_payload(dev.digipunt_id, local_date=date.today()))
    requests.post(srv.url + "/v1/sync/push", json=batch(old, recent),
                  headers={"Authorization": f"Bearer {dev.token}"}, timeout=30)
    code, _, err = run(capsys, "purge", "--older-than", "24", "--db", srv.db_url)
    assert code == 0 and err.startswith("1 sessions")
    other = srv.enrolled(digipunt=dev.digipunt_id)
    changes = requests.get(srv.url + "/v1/sync/pull", params={"cursor": 0},
                           headers={"Authorization": f"Bearer {other.token}"},
                           timeout=30).json()["changes"]
    assert [c["id"] for c in changes if c["type"] == "help_session"] == [recent["id"]]


@pytest.mark.slow
def test_server_process_survives_kill_9_mid_batch(server_process) -> None:
    """Killed while pushes are in flight, restarted: every version is there once, none twice."""
    import threading

    proc = server_process()
    dev = proc.admin.enrolled()
    headers = {"Authorization": f"Bearer {dev.token}"}
    batches = [batch(*[record(session_payload(dev.digipunt_id)) for _ in range(200)])
               for _ in range(6)]
    landed: list[int] = []

    def push_all() -> None:
        for body in batches:
            try:
                requests.post(proc.url + "/v1/sync/push", json=body, headers=headers, timeout=30)
                landed.append(1)
            except requests.RequestException:
                return

    pusher = threading.Thread(target=push_all)
    pusher.start()
    while not landed:  # kill once the first batch is in and the next are on their way
        pusher.join(0.01)
    proc.kill()
    pusher.join()
    proc.start()
    for body in batches:  # the client resends everything not acknowledged
        r = requests.post(proc.url + "/v1/sync/push", json=body, headers=headers, timeout=60)
        assert {x["status"] for x in r.json()["results"]} <= {"accepted", "duplicate"}
    other = proc.admin.enrolled(digipunt=dev.digipunt_id)
    ids, cursor = [], 0
    while True:
        page = requests.get(proc.url + "/v1/sync/pull", params={"cursor": cursor, "limit": 1000},
                            headers={"Authorization": f"Bearer {other.token}"}, timeout=30).json()
        ids += [c["id"] for c in page["changes"] if c["type"] == "help_session"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert sorted(ids) == sorted(r["id"] for b in batches for r in b["records"])
