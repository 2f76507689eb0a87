"""Saving, editing, deleting and undoing help sessions; the outbox goes with every change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from digipunt_app.core import helpers, sessions
from digipunt_app.core.models import HelpSession, Outbox
from digipunt_app.core.records import SessionFilter, ValidationError
from digipunt_app.core.store import Store
from tests.core.conftest import draft


def outbox_rows(store: Store) -> dict[str, int]:
    with store.session() as db:
        return {o.record_id: o.rev for o in db.scalars(select(Outbox))}


def test_create_sets_rev_local_date_and_queues(store: Store) -> None:
    # 23:30 UTC on 31 March is already 1 April in Brussels (summer time, UTC+2).
    row = sessions.save_session(
        store, draft(started_at=datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    )
    assert row.rev == 1 and row.pending_sync and not row.deleted
    assert row.local_date.isoformat() == "2026-04-01"
    assert outbox_rows(store) == {row.id: 1}
    with store.session() as db:
        hs = db.get(HelpSession, row.id)
        assert hs is not None and hs.synced_rev == 0 and hs.digipunt_id == "local"


def test_edit_bumps_rev_and_coalesces_outbox(store: Store) -> None:
    row = sessions.save_session(store, draft())
    d = sessions.get_session(store, row.id)
    d.duration_min = 45
    d.services = ["eid", "itsme"]
    edited = sessions.save_session(store, d)
    assert edited.rev == 2 and edited.duration_min == 45
    assert edited.services == ("eid", "itsme")
    assert outbox_rows(store) == {row.id: 2}  # one row per record, newest rev
    # saving again without a change is not a new version
    same = sessions.save_session(store, sessions.get_session(store, row.id))
    assert same.rev == 2


def test_stale_edit_is_refused(store: Store) -> None:
    row = sessions.save_session(store, draft())
    first = sessions.get_session(store, row.id)
    second = sessions.get_session(store, row.id)
    first.duration_min = 20
    sessions.save_session(store, first)
    second.duration_min = 30
    with pytest.raises(ValidationError, match="intussen gewijzigd"):
        sessions.save_session(store, second)
    assert sessions.get_session(store, row.id).duration_min == 20


def test_delete_and_undo_are_tombstones_that_sync(store: Store) -> None:
    row = sessions.save_session(store, draft())
    gone = sessions.delete_session(store, row.id)
    assert gone.deleted and gone.rev == 2
    assert sessions.count_sessions(store, SessionFilter()) == 0
    assert sessions.count_sessions(store, SessionFilter(include_deleted=True)) == 1
    assert outbox_rows(store) == {row.id: 2}
    back = sessions.undelete_session(store, row.id)
    assert not back.deleted and back.rev == 3
    assert sessions.session_ids(store, SessionFilter()) == [row.id]
    assert outbox_rows(store) == {row.id: 3}


def test_deleted_session_cannot_be_edited(store: Store) -> None:
    row = sessions.save_session(store, draft())
    d = sessions.get_session(store, row.id)
    sessions.delete_session(store, row.id)
    d.rev = 0
    with pytest.raises(ValidationError, match="verwijderd"):
        sessions.save_session(store, d)


def test_failed_validation_writes_nothing(store: Store) -> None:
    with pytest.raises(ValidationError) as err:
        sessions.save_session(store, draft(duration_min=0))
    assert err.value.field == "duration_min"
    assert sessions.count_sessions(store) == 0
    assert outbox_rows(store) == {}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"services": []}, "services"),
        ({"services": ["no_such_service"]}, "services"),
        ({"duration_min": 481}, "duration_min"),
        ({"channel": "fax"}, "channel"),
        ({"outcome": "maybe"}, "outcome"),
        ({"referrals": ["ocmw", "nasa"]}, "referrals"),
        ({"age_band": "under_18", "adult_confirmed": True}, "adult_confirmed"),
        ({"target_groups": ["ethnicity"]}, "target_groups"),
        ({"language": "de"}, "language"),
        ({"first_visit": "maybe"}, "first_visit"),
        ({"postcode": "0999"}, "postcode"),
        ({"postcode": "90000"}, "postcode"),
        ({"notes": "x" * 501}, "notes"),
        ({"notes": "mail hem op jan.peeters@telenet.be"}, "notes"),
        ({"visitor_code": "ABCD-EFGH-Z"}, "visitor_code"),
        ({"started_at": datetime(2026, 3, 10, 9, 30)}, "started_at"),
        ({"started_at": datetime.now(UTC) + timedelta(days=3)}, "started_at"),
        ({"helper_id": "nobody"}, "helper_id"),
    ],
)
def test_each_rule_names_its_field(store: Store, change: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        sessions.save_session(store, draft(**change))
    assert err.value.field == field
    assert str(err.value)  # a message for the volunteer


def test_visitor_code_and_postcode_are_normalised(store: Store) -> None:
    row = sessions.save_session(
        store, draft(visitor_code=" 0000 000o 0 ", postcode=" 9000 ", notes="  ok  ")
    )
    got = sessions.get_session(store, row.id)
    assert got.visitor_code == "0000-0000-0" and got.postcode == "9000" and got.notes == "ok"


def test_under_18_without_adult_is_fine(store: Store) -> None:
    row = sessions.save_session(store, draft(age_band="under_18", adult_confirmed=False))
    assert not row.adult_confirmed


def test_last_helper(store: Store) -> None:
    assert helpers.last_helper_id(store) is None
    an = helpers.add_helper(store, "An")
    sessions.save_session(store, draft(helper_id=an.id))
    assert helpers.last_helper_id(store) == an.id
    helpers.set_helper_active(store, an.id, False)
    assert helpers.last_helper_id(store) is None  # an inactive helper is not proposed
