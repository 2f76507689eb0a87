"""The service catalog: shipped default, pulled updates, inactive services."""

from __future__ import annotations

import pytest

from digipunt_app.core import catalog, sessions
from digipunt_app.core.records import ValidationError
from digipunt_app.core.store import Store
from tests.core.conftest import draft


def test_default_catalog_has_every_label_in_three_languages() -> None:
    cat = catalog.default_catalog()
    assert len(cat.services) >= 30
    for item in (*cat.services, *cat.groups):
        assert set(item.labels) >= {"nl", "fr", "en"}
        assert all(item.labels[lang].strip() for lang in ("nl", "fr", "en"))
    assert {s.group for s in cat.services} <= {g.code for g in cat.groups}


def test_pulled_catalog_adds_and_retires_services(store: Store) -> None:
    row = sessions.save_session(store, draft(services=["kids_id"]))
    payload = catalog.default_catalog().to_payload()
    payload["version"] = 2
    for service in payload["services"]:
        if service["code"] == "kids_id":
            service["active"] = False
    payload["services"].append({
        "code": "mycareer", "group": "work", "active": True,
        "labels": {"nl": "Mijn Loopbaan", "fr": "Ma carrière", "en": "My career"},
    })
    updated = catalog.apply_catalog(store, payload)
    assert updated.version == 2 and catalog.load_catalog(store).version == 2
    assert sessions.save_session(store, draft(services=["mycareer"])).services == ("mycareer",)
    with pytest.raises(ValidationError, match="niet meer gebruikt"):
        sessions.save_session(store, draft(services=["kids_id"]))
    # an existing session keeps its retired service when edited
    edit = sessions.get_session(store, row.id)
    edit.duration_min = 25
    assert sessions.save_session(store, edit).services == ("kids_id",)
    # an older version arriving late does not replace the newer one
    old = catalog.default_catalog().to_payload()
    catalog.apply_catalog(store, old)
    assert catalog.load_catalog(store).version == 2


def test_broken_catalog_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError):
        catalog.apply_catalog(store, {"version": 3, "services": []})
    assert catalog.load_catalog(store).version == 1
