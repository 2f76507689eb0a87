"""``digipunt`` without a subcommand opens the window; its arguments are parsed without building
every subcommand's parser (start-up time, DESIGN.md §10), to exactly what the full parser gives."""

from __future__ import annotations

import pytest

from digipunt_app.cli import _plain_start_args, build_parser

PLAIN = [
    [],
    ["--data-dir", "x"],
    ["--data-dir=x", "--lang", "fr"],
    ["--lang=en"],
    ["--data-dir", ""],
    ["--data-dir=-odd"],
    ["--lang", "nl", "--lang", "fr"],
]
OTHER = [
    ["status"],
    ["--data-dir", "x", "status"],
    ["--help"],
    ["--version"],
    ["--data", "x"],  # an abbreviation: the full parser knows them
    ["--lang", "de"],
    ["--data-dir"],
    ["--data-dir", "--lang", "fr"],
    ["-h"],
]


@pytest.mark.parametrize("argv", PLAIN)
def test_plain_start_gives_what_the_full_parser_gives(argv: list[str]) -> None:
    fast = _plain_start_args(argv)
    assert fast is not None
    full = build_parser().parse_args(argv)
    assert vars(fast) == vars(full)
    assert getattr(full, "handler", None) is None  # both open the window


@pytest.mark.parametrize("argv", OTHER)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert _plain_start_args(argv) is None
