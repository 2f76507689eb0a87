"""schemathesis over ``/openapi.json``: no 5xx, and every answer matches the published schema.

Property-based requests against the real app (in-process ASGI), with valid tokens so the
generated data reaches the handlers; ``max_examples`` stays small to keep this about a minute.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from sync.server import admin
from sync.server.app import create_app
from sync.server.settings import Settings

EXAMPLES = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture
def world(tmp_path: Path) -> dict:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    app = create_app(url, settings=Settings(enrol_attempts=1000))
    db = app.state.db
    admin.init(db)
    bank = admin.add_digibank(db, "Digibank")
    punt = admin.add_digipunt(db, bank, "Bib", "Gent")
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        code = admin.make_enrol_code(db, punt)
        device = client.post("/v1/enrol", json={"code": code, "device_name": "pc"}).json()
    return {
        "schema": schemathesis.openapi.from_asgi("/openapi.json", app),
        "device": device["token"],
        "coordinator": admin.add_coordinator(db, "regio"),
    }


def _operations() -> list[str]:
    app = create_app("sqlite://")
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return sorted(op.ok().label for op in schema.get_all_operations())


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("label", _operations())
def test_openapi_contract_holds(world: dict, label: str, mode: GenerationMode) -> None:
    if label == "GET /v1/health" and mode is GenerationMode.NEGATIVE:
        pytest.skip("health takes no input, so there is no invalid input to send")
    operation = world["schema"].find_operation_by_label(label)
    assert operation is not None
    coordinator = operation.path.startswith(("/v1/reports", "/v1/export"))
    token = world["coordinator" if coordinator else "device"]
    # negative_data_rejection only holds for negative data (its premise)
    checks = CHECKS if mode is GenerationMode.NEGATIVE else CHECKS[:-1]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case) -> None:
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=checks)

    check()
