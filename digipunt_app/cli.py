"""The ``digipunt`` command (DESIGN.md §8).

``digipunt [--data-dir DIR] [--lang nl|fr|en]`` opens the app; subcommands work headless, for IT
staff and scripts. Exit codes: 0 ok, 1 failure, 2 usage. Every message is one clear line (Dutch).

Extension points (for other parts of the app):
- a subcommand: write ``register(subparsers, common)`` that calls
  ``subparsers.add_parser(name, parents=[common], ...)`` and sets ``handler=fn`` with
  ``fn(args) -> int``, then add it to ``REGISTRARS`` (e.g. ``enrol`` and ``sync``);
- an export format: add ``name -> writer`` to ``EXPORT_WRITERS`` with
  ``writer(store, path, date_from, date_to) -> int`` (number of sessions written).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digipunt_app.core.cli_support import err as _err
from digipunt_app.core.cli_support import open_store as _open_store
from digipunt_app.core.cli_support import say as _say

if TYPE_CHECKING:  # annotations only: a plain window start imports neither datetime nor json
    from datetime import date

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

Registrar = Callable[[Any, argparse.ArgumentParser], None]
ExportWriter = Callable[[Any, Path, "date | None", "date | None"], int]


class _VersionAction(argparse.Action):
    """``--version``, looked up only when asked (importlib.metadata slows every start)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS,
                 default: Any = argparse.SUPPRESS, help: str | None = None) -> None:  # noqa: A002
        super().__init__(option_strings, dest, nargs=0, default=default,
                         help=help or "toon het versienummer en stop")

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any) -> None:
        print(f"digipunt {_version()}")
        parser.exit()


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("digipunt")
    except Exception:  # not installed (frozen without metadata)
        from digipunt_app import __version__

        return str(__version__)


def _date_arg(text: str) -> date:
    from digipunt_app.core.importer import parse_date
    from digipunt_app.core.records import ValidationError

    try:
        return parse_date(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


IMPORT_HELP = """\
kopregel (Engelse of Nederlandse namen; onbekende kolommen worden genegeerd):
  date / datum           dd/mm/jjjj of jjjj-mm-dd (verplicht)
  time / tijd            uu:mm (leeg: 12:00)
  duration_min / duur    minuten, 1 tot 480 (leeg: 15)
  services / diensten    codes of Nederlandse namen, gescheiden door ; (verplicht)
  outcome / resultaat    code of naam, bv. "Samen opgelost"
  age_band / leeftijd    bv. 65-74, 75+, "Jonger dan 18"
  adult / volwassen      ja/nee (leeg: ja bij een volwassen leeftijdsgroep)
  first_visit, channel, helper (naam van de vrijwilliger), visitor_code, postcode, notes,
  referrals, target_groups, language, interpreter
CSV met ; of , (UTF-8, met of zonder BOM); XLSX: het eerste werkblad."""


# --- import --------------------------------------------------------------------------------------
def _cmd_import(args: argparse.Namespace) -> int:
    from digipunt_app.core.importer import import_file

    store = _open_store(args)
    try:
        result = import_file(store, Path(args.file))
    finally:
        store.close()
    for problem in result.problems:
        _err(str(problem))
    _say(
        f"{result.added} sessies ingelezen, {result.already_present} waren er al, "
        f"{len(result.problems)} regels met fouten (van {result.total})."
    )
    if result.helpers_added:
        _say("Nieuwe vrijwilligers: " + ", ".join(result.helpers_added) + ".")
    return EXIT_FAILURE if result.problems else EXIT_OK


def _register_import(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="sessies inlezen uit een .csv- of .xlsx-bestand",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Lees sessies in uit een spreadsheet. Slechte regels worden gemeld met hun "
        "regelnummer; de rest wordt ingelezen. Een bestand twee keer inlezen voegt niets toe. "
        "Exitcode 1 als er regels fout waren.",
        epilog=IMPORT_HELP,
    )
    p.add_argument("file", metavar="BESTAND")
    p.set_defaults(handler=_cmd_import)


# --- export --------------------------------------------------------------------------------------
def _export_csv(store: Any, path: Path, date_from: date | None, date_to: date | None) -> int:
    from digipunt_app.core.exporter import export_file

    return export_file(store, path, "csv", date_from, date_to)


def _export_xlsx(store: Any, path: Path, date_from: date | None, date_to: date | None) -> int:
    from digipunt_app.core.exporter import export_file

    return export_file(store, path, "xlsx", date_from, date_to)


EXPORT_WRITERS: dict[str, ExportWriter] = {"csv": _export_csv, "xlsx": _export_xlsx}


def _export_report(fmt: str) -> ExportWriter:
    """The report (core/reports_cli.py): ``--format pdf``, or ``--report`` with csv/xlsx."""

    def writer(store: Any, path: Path, date_from: date | None, date_to: date | None) -> int:
        from digipunt_app.core.reports_cli import write_report

        return write_report(store, path, fmt, date_from, date_to)

    return writer


EXPORT_WRITERS["pdf"] = _export_report("pdf")


def _cmd_export(args: argparse.Namespace) -> int:
    if args.date_from and args.date_to and args.date_from > args.date_to:
        _err("--from ligt na --to.")
        return EXIT_USAGE
    store = _open_store(args)
    try:
        report = args.report or args.format == "pdf"
        writer = _export_report(args.format) if report else EXPORT_WRITERS[args.format]
        count = writer(store, Path(args.file), args.date_from, args.date_to)
    finally:
        store.close()
    _say(f"{'Rapport over ' if report else ''}{count} sessies geschreven naar {args.file}.")
    return EXIT_OK


def _register_export(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "export",
        parents=[common],
        help="sessies wegschrijven naar een bestand",
        description="Schrijf de sessies (van een periode) weg in het importformaat.",
    )
    p.add_argument("--format", required=True, choices=sorted(EXPORT_WRITERS))
    p.add_argument("--from", dest="date_from", type=_date_arg, metavar="DATUM",
                   help="eerste dag (dd/mm/jjjj of jjjj-mm-dd)")
    p.add_argument("--to", dest="date_to", type=_date_arg, metavar="DATUM",
                   help="laatste dag (inbegrepen)")
    p.add_argument("--report", action="store_true",
                   help="het rapport (tabellen per onderdeel, bereik) in plaats van de sessies; "
                   "pdf is altijd het rapport, standaard over vorige maand")
    p.add_argument("file", metavar="BESTAND")
    p.set_defaults(handler=_cmd_export)


# --- status --------------------------------------------------------------------------------------
def _cmd_status(args: argparse.Namespace) -> int:
    from digipunt_app.core.status import store_status
    from digipunt_app.core.sync_engine_cli import status_lines

    store = _open_store(args)
    try:
        st = store_status(store)
        sync_facts = status_lines(store)
    finally:
        store.close()
    if args.json:
        data = {
            "data_file": st.data_file,
            "sessions": st.sessions,
            "pending": st.pending,
            "enrolled": st.enrolled,
            "digipunt": st.digipunt_name,
            "last_sync": st.last_sync.isoformat() if st.last_sync else None,
            "clock_skew_seconds": st.clock_skew_seconds,
        }
        data.update({k: v for k, v in sync_facts.items() if k != "lines"})
        import json

        _say(json.dumps(data, ensure_ascii=False))
        return EXIT_OK
    _say(f"Gegevensbestand: {st.data_file}")
    _say(f"Sessies: {st.sessions}")
    _say(f"Wachtend op synchronisatie: {st.pending}")
    _say(f"Digipunt: {st.digipunt_name if st.enrolled else 'nog niet ingeschreven'}")
    if st.last_sync is None:
        _say("Laatste synchronisatie: nog nooit")
    else:
        from zoneinfo import ZoneInfo

        when = st.last_sync.astimezone(ZoneInfo("Europe/Brussels"))
        _say(f"Laatste synchronisatie: {when:%d/%m/%Y %H:%M}")
    if st.clock_skew_seconds is not None:
        skew = round(st.clock_skew_seconds)  # an int, so never "-0 s"
        _say(f"Klokverschil met de server: {f'{skew:+d} s' if skew else 'geen'}")
    for line in sync_facts["lines"]:
        _say(line)
    return EXIT_OK


def _register_status(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "status", parents=[common], help="toon sessies, wachtrij, laatste synchronisatie"
    )
    p.add_argument("--json", action="store_true", help="als één regel JSON (voor scripts)")
    p.set_defaults(handler=_cmd_status)


# Subcommands, in help order. Other parts of the app append their registrar here.
REGISTRARS: list[Registrar] = [_register_import, _register_export, _register_status]


def _register_sync_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    from digipunt_app.core.sync_engine_cli import register_enrol, register_sync

    register_enrol(sub, common)
    register_sync(sub, common)


REGISTRARS.append(_register_sync_commands)  # enrol, sync (core/sync_engine_cli.py)


# --- main ----------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    # --data-dir is accepted before or after the subcommand.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="MAP", default=argparse.SUPPRESS,
                        help="map met de gegevens (standaard: de gebruikersmap van Digipunt)")
    parser = argparse.ArgumentParser(
        prog="digipunt",
        description="Digipunt: sessies van de digitale hulp registreren. Zonder opdracht opent "
        "het venster.",
    )
    parser.add_argument("--data-dir", metavar="MAP", default=None,
                        help="map met de gegevens (standaard: de gebruikersmap van Digipunt)")
    parser.add_argument("--lang", choices=("nl", "fr", "en"), default=None,
                        help="taal van het venster")
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    for register in REGISTRARS:
        register(sub, common)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    import gc

    # No cyclic garbage collection while Qt and the window are built (they make hundreds of
    # thousands of long-lived objects; every collection would walk them): ui.app turns it back
    # on right after the first paint (DESIGN.md §10, start to usable window).
    gc.disable()
    try:
        from digipunt_app.ui.app import run  # imported lazily: Qt only when a window is wanted

        return int(run(args) or 0)
    except BaseException:
        _setup_logging(args)  # the window sets it up after its first paint; its excepthook
        raise  # logs this failure too
    finally:
        gc.enable()


def _setup_logging(args: argparse.Namespace) -> None:
    try:
        from digipunt_app.core.config import log_dir
        from digipunt_app.core.logging_setup import setup_logging

        setup_logging(log_dir(getattr(args, "data_dir", None)))
    except Exception:  # logging must never stop the app
        pass


def _plain_start_args(argv: list[str]) -> argparse.Namespace | None:
    """``digipunt [--data-dir DIR] [--lang nl|fr|en]`` (open the window) parsed without building
    every subcommand's parser (~20 ms of a ~0.3 s start, DESIGN.md §10), to the same namespace
    as ``build_parser()`` gives; None for anything else (subcommands, --help, --version,
    abbreviations, mistakes), which the full parser handles as before."""
    values: dict[str, str | None] = {"data_dir": None, "lang": None}
    rest = list(argv)
    while rest:
        name, eq, value = rest.pop(0).partition("=")
        if name not in ("--data-dir", "--lang"):
            return None
        if not eq:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        if name == "--lang" and value not in ("nl", "fr", "en"):
            return None
        values[name[2:].replace("-", "_")] = value
    return argparse.Namespace(data_dir=values["data_dir"], lang=values["lang"], command=None)


def main(argv: list[str] | None = None) -> int:
    args = _plain_start_args(sys.argv[1:] if argv is None else list(argv))
    if args is None:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version (0) or a usage error (2)
            return int(exc.code or 0)
    handler = getattr(args, "handler", None)
    if handler is None:
        return _run_gui(args)  # logging is set up by the window, right after its first paint
    _setup_logging(args)
    from digipunt_app.core.records import StoreError

    try:
        return int(handler(args))
    except StoreError as exc:
        _err(str(exc))
        return EXIT_FAILURE
    except KeyboardInterrupt:
        _err("onderbroken.")
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
