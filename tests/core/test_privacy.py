"""The notes guard on real-format examples: personal data refused, ordinary notes left alone."""

from __future__ import annotations

import pytest

from digipunt_app.core.privacy import (
    REASON_EMAIL,
    REASON_IBAN,
    REASON_NRN,
    REASON_PHONE,
    check_notes,
    iban_is_valid,
    nrn_is_valid,
)


def nrn(first9: str, born_2000: bool = False) -> str:
    base = int(("2" if born_2000 else "") + first9)
    return f"{first9}{97 - base % 97:02d}"


def dotted(n: str) -> str:
    """The way it is printed on an eID: YY.MM.DD-XXX.CC"""
    return f"{n[:2]}.{n[2:4]}.{n[4:6]}-{n[6:9]}.{n[9:]}"


VALID_NRN = nrn("850730033")  # born 30/07/1985
VALID_NRN_2000 = nrn("010203123", born_2000=True)  # born 03/02/2001


def test_nrn_checksum_helpers() -> None:
    assert nrn_is_valid(VALID_NRN)
    assert nrn_is_valid(VALID_NRN_2000)
    bad = VALID_NRN[:9] + f"{(int(VALID_NRN[9:]) % 97) + 1:02d}"
    assert not nrn_is_valid(bad)
    # the post-2000 number is not valid under the pre-2000 rule, and vice versa
    assert 97 - int(VALID_NRN_2000[:9]) % 97 != int(VALID_NRN_2000[9:])


@pytest.mark.parametrize(
    "text",
    [
        f"RRN {VALID_NRN}",
        f"rijksregister {dotted(VALID_NRN)}",
        f"nr {VALID_NRN[:6]} {VALID_NRN[6:9]} {VALID_NRN[9:]}",
        f"kind: {VALID_NRN_2000}",
    ],
)
def test_valid_national_register_number_is_refused(text: str) -> None:
    assert REASON_NRN in check_notes(text)


def test_nrn_with_wrong_checksum_is_not_flagged() -> None:
    wrong = VALID_NRN[:9] + f"{(int(VALID_NRN[9:]) + 1) % 100:02d}"
    assert not nrn_is_valid(wrong)
    assert check_notes(f"nummer {dotted(wrong)}") == []


@pytest.mark.parametrize(
    "iban",
    [
        "BE68 5390 0754 7034",
        "BE68539007547034",
        "be68 5390 0754 7034",
        "NL91 ABNA 0417 1643 00",
        "FR14 2004 1010 0505 0001 3M02 606",
        "DE89 3704 0044 0532 0130 00",
        "LU28 0019 4006 4475 0000",
    ],
)
def test_valid_iban_is_refused(iban: str) -> None:
    assert iban_is_valid(iban)
    assert check_notes(f"rekening {iban} voor de huur") == [REASON_IBAN]


@pytest.mark.parametrize(
    "iban", ["BE68 5390 0754 7035", "NL91 ABNA 0417 1643 01", "BE68 5390 0754 703"]
)
def test_invalid_iban_is_not_flagged(iban: str) -> None:
    assert not iban_is_valid(iban)
    assert REASON_IBAN not in check_notes(f"rekening {iban}")


def test_iban_followed_by_more_digits_is_still_found() -> None:
    assert REASON_IBAN in check_notes("BE68 5390 0754 7034 2024 betaald")


@pytest.mark.parametrize(
    "text",
    ["mail naar jan.peeters@telenet.be", "Marie.Dubois+post@gmail.com", "info (at) gent.be"],
)
def test_email_is_refused(text: str) -> None:
    assert check_notes(text) == [REASON_EMAIL]


@pytest.mark.parametrize(
    "phone",
    [
        "0475 12 34 56",
        "0475/12.34.56",
        "0475123456",
        "02 123 45 67",
        "09/123.45.67",
        "050 12 34 56",
        "+32 475 12 34 56",
        "+32 (0)475 12 34 56",
        "0032 2 123 45 67",
        "+32 50 12 34 56",
        "+31 6 12345678",
    ],
)
def test_phone_numbers_are_refused(phone: str) -> None:
    assert check_notes(f"bel terug op {phone} morgen") == [REASON_PHONE]


@pytest.mark.parametrize(
    "text",
    [
        "Afspraak op 04/06/2024 om 14:30, 45 min.",
        "op 04.06.2024 14u opnieuw",
        "sessie van 2024-03-12 tot 2024-03-19",
        "woont in 9000 Gent, verhuist naar 2000 Antwerpen",
        "factuur van € 1.234,56 betaald, nog 12,50 euro",
        "3 x 15 minuten, 2 diensten, itsme versie 4.12.1",
        "code van de brief 12345 en dossier 2024/123",
        "rekening van 1.250 EUR, vervaldag 30/09/2025",
        "kaartnummer 592-1234567-89 niet nodig",
        "kaart geblokkeerd via Card Stop 078 170 170",
        "gratis nummer 0800 12 345 van de FOD",
        "",
    ],
)
def test_ordinary_notes_pass(text: str) -> None:
    assert check_notes(text) == []


def test_each_problem_gets_its_own_reason() -> None:
    text = f"{VALID_NRN}, BE68 5390 0754 7034, a@b.be, 0475 12 34 56"
    assert check_notes(text) == [REASON_NRN, REASON_IBAN, REASON_EMAIL, REASON_PHONE]
    for reason in check_notes(text):
        assert "Verwijder" in reason
