"""The one-pass parse of a push (``QuickSessionPayload``: ``HelpSessionPayload``'s Python
validators as pydantic-core checks) must decide every record exactly as the protocol model does:
the same records accepted with the same stored JSON and content hash, the same rejections with
the same reasons. Tricky values (offsets, naive times, numbers for times, repeated or malformed
service codes, visitor codes with a wrong check symbol or a trailing newline, ...) are mixed into
otherwise valid payloads at random."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.protocol import PushRequest
from sync.server.push import (
    QuickSessionPayload,
    _Checked,
    _TypedPush,
    parse_push,
    parse_request,
)
from tests.sync.server.records import batch, record, session_payload, visitor_code

GOOD_CODE = visitor_code("abc")
BAD_CHECK = GOOD_CODE[:-1] + ("0" if GOOD_CODE[-1] != "0" else "1")
#: codes of other symbols, and each with one symbol swapped for its neighbour (a typo the check
#: symbol catches): the quick path's unrolled check must agree with the protocol's
MORE_CODES = [visitor_code(seed) for seed in ("x", "Zq", "m3k", "0")]
TYPOS = [code[:i] + ("1" if code[i] != "1" else "2") + code[i + 1:]
         for code in MORE_CODES for i in (0, 1, 2, 3, 5, 6, 7, 8)]

TRICKY: dict[str, list[Any]] = {
    "started_at": [
        "2026-11-23T09:30:00Z", "2026-11-23T09:30:00+00:00", "2026-11-23T10:30:00.25+01:00",
        "2026-11-23T09:30:00", "2026-11-23", 1763890200, "2026-02-30T09:30:00Z", None,
        "2026-11-23T09:30:00.000000Z", "2026-11-23T09:30:00-00:00",
    ],
    "created_at": ["2026-11-23T10:00:00Z", "2026-11-23T10:00:00", 0, "yesterday"],
    "services": [
        ["eid"], ["eid", "itsme"], ["eid", "eid"], [], ["Eid"], ["e" * 40], ["e" * 41],
        ["eid\n"], ["1eid"], ["e_1"], ["eid", "itsme", "eid"], "eid", [1], ["a"] * 21,
    ],
    "visitor_code": [
        None, GOOD_CODE, BAD_CHECK, GOOD_CODE.lower(), GOOD_CODE + "\n", GOOD_CODE[:-2],
        "ILOU-ILOU-0", 12345, "", *MORE_CODES, *TYPOS,
    ],
    "duration_min": [20, 0, 481, "20", 20.0, 20.5],
    "postcode": [None, "9000", "0900", "90000", "9000\n"],
    "referrals": [[], ["ocmw"], ["ocmw", "ocmw"], ["nope"]],
    "notes": ["", "x" * 500, "x" * 501],
    "extra_field": ["there"],
}


def _decisions(body: str) -> list[Any]:
    parsed = parse_push(body)
    assert parsed is not None
    return [(it.payload_json, it.content_hash) if isinstance(it, _Checked) else it
            for it in parsed.items]


def _protocol_decisions(body: str) -> list[Any]:
    parsed = parse_request(PushRequest.model_validate_json(body))
    return [(it.payload_json, it.content_hash) if isinstance(it, _Checked) else it
            for it in parsed.items]


@st.composite
def payloads(draw: st.DrawFn) -> dict[str, Any]:
    payload = session_payload("p-1")
    for name in draw(st.lists(st.sampled_from(sorted(TRICKY)), max_size=3, unique=True)):
        payload[name] = draw(st.sampled_from(TRICKY[name]))
    if draw(st.booleans()):
        payload.pop(draw(st.sampled_from(sorted(payload))))
    return payload


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(payloads(), min_size=1, max_size=4))
def test_one_pass_parse_decides_as_the_protocol_model(batch_payloads: list[dict]) -> None:
    body = json.dumps(batch(*(record(p) for p in batch_payloads)))
    assert _decisions(body) == _protocol_decisions(body)


def test_each_tricky_value_alone_is_decided_as_the_protocol_model() -> None:
    for name, values in TRICKY.items():
        for value in values:
            body = json.dumps(batch(record(session_payload("p-1", **{name: value}))))
            assert _decisions(body) == _protocol_decisions(body), (name, value)


def test_valid_batch_takes_the_one_pass_model_and_stores_the_protocol_json() -> None:
    payload = session_payload("p-1", visitor_code=GOOD_CODE, services=["eid", "itsme"])
    body = json.dumps(batch(record(payload)))
    typed = _TypedPush.model_validate_json(body)
    assert isinstance(typed.records[0].payload, QuickSessionPayload)
    assert _decisions(body) == _protocol_decisions(body)


def test_rejection_reasons_are_the_protocol_models() -> None:
    bad = [
        session_payload("p-1", services=["eid", "eid"]),
        session_payload("p-1", visitor_code=BAD_CHECK),
        session_payload("p-1", started_at="2026-11-23T09:30:00"),
        session_payload("p-1", services=["Eid"]),
    ]
    reasons = _decisions(json.dumps(batch(*(record(p) for p in bad))))
    assert reasons == [
        "invalid payload: services: Value error, services must not repeat",
        "invalid payload: visitor_code: Value error, visitor_code is not a valid XXXX-XXXX-C "
        "code",
        "invalid payload: started_at: Value error, datetime must carry a UTC offset",
        "invalid payload: services: Value error, service code 'Eid' is not a catalog code",
    ]
