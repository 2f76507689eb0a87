"""``digipunt enrol`` and ``digipunt sync`` (DESIGN.md §8), plus the sync lines of ``status``.

Registered in ``digipunt_app.cli.REGISTRARS``. One clear line per message; exit 0 ok, 1 failure.
"""

from __future__ import annotations

import argparse
from typing import Any

from digipunt_app.core.cli_support import err as _err
from digipunt_app.core.cli_support import open_store as _open
from digipunt_app.core.cli_support import say as _say

EXIT_OK, EXIT_FAILURE = 0, 1


def _cmd_enrol(args: argparse.Namespace) -> int:
    from digipunt_app.core.sync_engine import SyncEngine
    from sync.client import SyncError

    store = _open(args)
    try:
        state = SyncEngine(store).enrol(args.server, args.code, args.name)
    except SyncError as exc:
        _err(str(exc))
        return EXIT_FAILURE
    finally:
        store.close()
    _say(
        f"Ingeschreven bij {state.server_url} voor {state.digipunt_name} "
        f"({state.digibank_name}); apparaat {state.device_id}."
    )
    return EXIT_OK


def _cmd_sync(args: argparse.Namespace) -> int:
    from digipunt_app.core.sync_engine import SyncEngine

    store = _open(args)
    try:
        result = SyncEngine(store).sync_once()
    finally:
        store.close()
    if result.clock_warning and result.clock_skew_seconds is not None:
        _err(clock_warning_text(result.clock_skew_seconds))
    for detail in result.rejected_details:
        _err(f"geweigerd door de server: {detail}")
    if not result.ok:
        _err(result.summary())
        return EXIT_FAILURE
    _say(result.summary())
    return EXIT_OK


def clock_warning_text(skew_seconds: float) -> str:
    minutes = round(abs(skew_seconds) / 60)
    way = "achter" if skew_seconds > 0 else "voor"
    return (
        f"Let op: de klok van deze pc loopt {minutes} minuten {way} op de server. "
        "Zet datum en uur juist."
    )


def status_lines(store: Any) -> dict[str, Any]:
    """Sync facts for ``digipunt status`` (keys for ``--json``; ``lines`` for people)."""
    from digipunt_app.core.sync_engine_store import sync_status

    info = sync_status(store)
    state = info.state
    lines = []
    if state.enrolled:
        lines.append(f"Server: {state.server_url}")
    if state.revoked:
        lines.append("Toegang ingetrokken: vraag de coördinator om een nieuwe code en schrijf "
                     "opnieuw in. Alles blijft op deze pc bewaard.")
    elif state.last_error:
        lines.append(f"Laatste poging mislukt: {state.last_error}")
    if state.clock_warning and state.clock_skew_seconds is not None:
        lines.append(clock_warning_text(state.clock_skew_seconds))
    if info.open_conflicts:
        lines.append(f"Conflicten te bekijken: {info.open_conflicts}")
    if info.rejected:
        lines.append(f"Geweigerd door de server (wachten op een aanpassing): {info.rejected}")
    return {
        "server": state.server_url,
        "revoked": state.revoked,
        "last_error": state.last_error,
        "clock_warning": state.clock_warning,
        "conflicts": info.open_conflicts,
        "rejected": info.rejected,
        "lines": lines,
    }


def register_enrol(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "enrol",
        parents=[common],
        help="deze pc inschrijven bij de server",
        description="Schrijf deze pc in bij de server met een eenmalige code van de "
        "coördinator. Sessies die al op deze pc staan, blijven bewaard en worden mee verstuurd.",
    )
    p.add_argument("--server", required=True, metavar="URL", help="adres van de server")
    p.add_argument("--code", required=True, metavar="CODE", help="eenmalige inschrijvingscode")
    p.add_argument("--name", default=None, metavar="NAAM",
                   help="naam van deze pc (standaard: de computernaam)")
    p.set_defaults(handler=_cmd_enrol)


def register_sync(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "sync",
        parents=[common],
        help="nu synchroniseren met de server",
        description="Verstuur wat wacht en haal op wat nieuw is. Exitcode 1 als het niet lukte "
        "(alles blijft dan bewaard voor een volgende keer).",
    )
    p.set_defaults(handler=_cmd_sync)
