"""Stored content hashes must not drift between server versions: a client resending a version it
pushed before an upgrade must get ``duplicate``, not ``conflict``. These values were computed by
the server before the push fast-path tuning (commit 9de9b44); the hashing code may get faster,
never different."""

from __future__ import annotations

import json

from sync.server.push import _Checked, parse_push
from tests.sync.server.records import batch, record, session_payload

PINNED = [
    "2:f5765220c154c4f49c903441f5818a5d4be0497423abfa270b8284559d6a97",
    "2:0dc198026a4b5c2d2f3b31147129667ded318baf6674eebf23aae67b23c3aa",
    "2:0e7ab2e8a2584685c9a9e5a38216e47642098a6e2c2c8f4fa9b9988e99c7cd",
]


def test_content_hashes_match_what_earlier_servers_stored() -> None:
    body = json.dumps(batch(
        record(session_payload("p-1", visitor_code=None), id="s-1"),
        # an offset other than UTC, fractional seconds: normalised the same way as before
        record({**session_payload("p-1"), "started_at": "2026-11-23T10:30:00.25+01:00"},
               id="s-2"),
        record({"digipunt_id": "p-1", "display_name": "Mieke"}, id="h-1", type="helper"),
    ))
    parsed = parse_push(body)
    assert parsed is not None
    items = parsed.items
    assert all(isinstance(it, _Checked) for it in items)
    assert [it.content_hash for it in items if isinstance(it, _Checked)] == PINNED
