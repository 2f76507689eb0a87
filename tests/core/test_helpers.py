"""Volunteers: add, rename, deactivate; each change is queued for sync."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from digipunt_app.core import helpers
from digipunt_app.core.models import Helper, Outbox
from digipunt_app.core.records import ValidationError
from digipunt_app.core.store import Store


def test_add_rename_deactivate(store: Store) -> None:
    marc = helpers.add_helper(store, "  Marc   V. ")
    assert marc.display_name == "Marc V." and marc.active
    helpers.add_helper(store, "anna")
    assert [h.display_name for h in helpers.list_helpers(store)] == ["anna", "Marc V."]
    helpers.rename_helper(store, marc.id, "Marc")
    helpers.set_helper_active(store, marc.id, False)
    assert [h.display_name for h in helpers.list_helpers(store)] == ["anna"]
    everyone = helpers.list_helpers(store, include_inactive=True)
    assert [(h.display_name, h.active) for h in everyone] == [("anna", True), ("Marc", False)]
    with store.session() as db:
        row = db.get(Helper, marc.id)
        assert row is not None and row.rev == 3 and row.synced_rev == 0
        queued = {o.record_id: (o.record_type, o.rev) for o in db.scalars(select(Outbox))}
    assert queued[marc.id] == ("helper", 3)


@pytest.mark.parametrize("name", ["", "   ", "x" * 81, "ANNA"])
def test_bad_names(store: Store, name: str) -> None:
    helpers.add_helper(store, "Anna")
    with pytest.raises(ValidationError) as err:
        helpers.add_helper(store, name)
    assert err.value.field == "display_name"


def test_rename_to_own_name_in_other_case_is_fine(store: Store) -> None:
    anna = helpers.add_helper(store, "anna")
    assert helpers.rename_helper(store, anna.id, "Anna").display_name == "Anna"
