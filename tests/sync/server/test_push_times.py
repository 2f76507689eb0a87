"""The push path prints stored and hashed times itself (faster than ``isoformat``); it must
print exactly what ``isoformat`` did, or stored rows would sort wrongly and a resent version's
content hash would change (``conflict`` instead of ``duplicate``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from pydantic import AwareDatetime, TypeAdapter

from sync.server.push import _utc_iso
from sync.server.rawsql import _SQLITE

WIRE = TypeAdapter(AwareDatetime)  # the tzinfo pydantic gives a parsed time
TIMES = [
    datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
    datetime(2026, 11, 23, 10, 0, 0, 1, tzinfo=UTC),
    datetime(2026, 11, 23, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=2))),
    datetime(2026, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1))),
    datetime(2026, 12, 31, 23, 30, 5, 250000, tzinfo=timezone(timedelta(hours=-5))),
    datetime(1999, 3, 4, 5, 6, 7, tzinfo=timezone(timedelta(0))),
    WIRE.validate_python("2026-11-23T10:00:00Z"),
    WIRE.validate_python("2026-11-23T10:00:00.123456Z"),
    WIRE.validate_python("2026-11-23T10:00:00.25+01:00"),
    WIRE.validate_python("2026-03-29T02:30:00-00:00"),
    WIRE.validate_python(1763890200),
    WIRE.validate_python("0001-01-01T00:00:00.000001Z"),  # printed without isoformat: 4 digits
    WIRE.validate_python("9999-12-31T23:59:59.999999+00:00"),
]


def test_hashed_time_is_isoformat_in_utc() -> None:
    for value in TIMES:
        assert _utc_iso(value) == value.astimezone(UTC).isoformat(), value


def test_stored_time_is_sqlalchemys_sqlite_format_in_utc() -> None:
    for value in TIMES:
        expected = value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
        assert _SQLITE.dt(value) == expected, value
