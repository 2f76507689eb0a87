"""Enrolment re-homes the records made before it; status shows the digipunt."""

from __future__ import annotations

from sqlalchemy import select

from digipunt_app.core import helpers, sessions
from digipunt_app.core.local_info import set_local_digipunt
from digipunt_app.core.models import Helper, HelpSession
from digipunt_app.core.status import store_status
from digipunt_app.core.store import Store
from tests.core.conftest import draft

INFO = {
    "id": "dp-1", "name": "Bib Aalst", "municipality": "Aalst", "organisation_type": "library",
    "digibank_id": "db-1", "digibank_name": "Digibank Denderstreek",
}


def test_enrolment_rehomes_local_records_without_rev_bump(store: Store) -> None:
    an = helpers.add_helper(store, "An")
    row = sessions.save_session(store, draft(helper_id=an.id))
    assert not store_status(store).enrolled
    moved = set_local_digipunt(store, INFO, device_id="dev-9")
    assert moved == 2
    with store.session() as db:
        hs = db.get(HelpSession, row.id)
        helper = db.get(Helper, an.id)
        assert hs is not None and helper is not None
        assert (hs.digipunt_id, hs.device_id, hs.rev) == ("dp-1", "dev-9", 1)
        assert (helper.digipunt_id, helper.rev) == ("dp-1", 1)
    # what is recorded after enrolment belongs to the digipunt straight away
    after = sessions.save_session(store, draft())
    with store.session() as db:
        homes = set(db.scalars(select(HelpSession.digipunt_id)))
        assert homes == {"dp-1"}
        assert db.get(HelpSession, after.id).device_id == "dev-9"  # type: ignore[union-attr]
    status = store_status(store)
    assert status.enrolled and status.digipunt_name == "Bib Aalst" and status.pending == 3
