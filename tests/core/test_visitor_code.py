"""Visitor codes: every generated code validates, every single-symbol typo is caught."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digipunt_app.core import visitor_code
from digipunt_app.core.records import ValidationError
from sync.protocol import CROCKFORD, luhn32_check_symbol, visitor_code_is_valid

bodies = st.text(alphabet=CROCKFORD, min_size=8, max_size=8)


def canonical(body: str) -> str:
    return visitor_code.format(body + luhn32_check_symbol(body))


def test_generated_codes_validate_and_differ() -> None:
    codes = {visitor_code.generate() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert visitor_code_is_valid(code)
        assert visitor_code.normalise(code) == code


@given(bodies, st.sampled_from(["\n", " ", "-", "0"]))
def test_a_code_with_anything_after_it_is_not_valid(body: str, tail: str) -> None:
    """The server checks pushed codes with this: a code ending in a newline would be stored and
    counted as another visitor in the reach report."""
    assert visitor_code_is_valid(canonical(body))
    assert not visitor_code_is_valid(canonical(body) + tail)


@given(bodies)
def test_every_code_round_trips_through_normalise(body: str) -> None:
    code = canonical(body)
    assert visitor_code.normalise(code) == code
    assert visitor_code.normalise(code.lower().replace("-", " ")) == code


@given(bodies, st.integers(0, 8), st.sampled_from(CROCKFORD))
def test_every_single_symbol_change_is_caught(body: str, pos: int, new: str) -> None:
    symbols = body + luhn32_check_symbol(body)
    if symbols[pos] == new:
        return
    typo = symbols[:pos] + new + symbols[pos + 1:]
    with pytest.raises(ValidationError, match="tikfout") as err:
        visitor_code.normalise(typo)
    assert err.value.field == "visitor_code"


@given(bodies)
def test_look_alike_letters_are_read_as_digits(body: str) -> None:
    code = canonical(body)
    typed = code.replace("0", "O").replace("1", "l").lower()
    assert visitor_code.normalise(typed) == code


@pytest.mark.parametrize(
    ("typed", "needle"),
    [
        ("ABCD-EFGH", "9 tekens"),
        ("ABCD-EFGH-JK", "9 tekens"),
        ("ABCD-EFGU-J", "'U'"),
        ("AB*D-EFGH-J", "'*'"),
        ("   ", "Vul een bezoekerscode in"),
    ],
)
def test_clear_messages(typed: str, needle: str) -> None:
    with pytest.raises(ValidationError, match=needle.replace("*", r"\*")):
        visitor_code.normalise(typed)


def test_empty_optional_code_is_none() -> None:
    assert visitor_code.normalise_optional("") is None
    assert visitor_code.normalise_optional(" - ") is None
    assert visitor_code.normalise_optional(None) is None
