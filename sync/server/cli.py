"""``digipunt-server``: the coordinator's admin command line (DESIGN.md §6).

Every subcommand takes ``--db URL`` (default: ``digipunt-server.db`` in the current directory,
or ``$DIGIPUNT_SERVER_DB``). Exit codes: 0 ok, 1 failure, 2 usage. One clear line per message;
secrets (enrolment codes, tokens) are printed alone on stdout so scripts can capture them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from sync.server import admin
from sync.server.db import Database, default_db_url
from sync.server.settings import Settings

ENV_DB = "DIGIPUNT_SERVER_DB"


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="database URL (sqlite:///FILE or postgresql+psycopg://...)")
    p = argparse.ArgumentParser(
        prog="digipunt-server", description="The regional Digipunt sync server and its admin."
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    c = sub.add_parser("init", parents=[common], help="create/upgrade the database, load catalog")
    c.add_argument("--catalog", type=Path, help="catalog JSON (default resources/catalog.json)")

    c = sub.add_parser("add-digibank", parents=[common], help="add a digibank")
    c.add_argument("name")
    c.add_argument("--reach-target", type=int, default=None)

    c = sub.add_parser("add-digipunt", parents=[common], help="add a digipunt to a digibank")
    c.add_argument("--digibank", required=True, help="digibank id or name")
    c.add_argument("--municipality", required=True)
    c.add_argument("--type", dest="organisation_type", default="other",
                   help="organisation type (library, ocmw, service_centre, ...)")
    c.add_argument("name")

    c = sub.add_parser("enrol-code", parents=[common], help="print a one-time enrolment code")
    c.add_argument("digipunt", help="digipunt id or name")
    c.add_argument("--valid-hours", type=float, default=72.0)

    c = sub.add_parser("add-coordinator", parents=[common], help="print a coordinator token")
    c.add_argument("name")
    scope = c.add_mutually_exclusive_group(required=True)
    scope.add_argument("--digibank", help="digibank id or name this token sees")
    scope.add_argument("--region", action="store_true", help="the token sees the whole region")

    c = sub.add_parser("revoke-device", parents=[common], help="revoke a device's token")
    c.add_argument("device_id")

    sub.add_parser("devices", parents=[common], help="list enrolled devices")

    c = sub.add_parser("purge", parents=[common], help="delete sessions past retention")
    c.add_argument("--older-than", type=int, default=Settings().retention_months,
                   metavar="MONTHS", help="retention in months (default 24)")

    c = sub.add_parser("audit", parents=[common], help="list the audit log")
    c.add_argument("--limit", type=int, default=100)
    c.add_argument("--action", help="only this action (enrol, revoke, conflict, export, ...)")

    c = sub.add_parser("catalog-load", parents=[common], help="add a new catalog version")
    c.add_argument("file", type=Path)

    c = sub.add_parser("serve", parents=[common], help="run the HTTP server")
    c.add_argument("--host", default="127.0.0.1")
    c.add_argument("--port", type=int, default=8000)
    c.add_argument("--proxy-headers", action="store_true",
                   help="trust X-Forwarded-For from --forwarded-allow-ips (behind a proxy)")
    c.add_argument("--forwarded-allow-ips", default="127.0.0.1")
    c.add_argument("--keep-alive", type=float, default=30.0, metavar="SECONDS",
                   help="how long an idle HTTP connection is kept open (default 30)")
    c.add_argument("--workers", type=int, default=1,
                   help="worker processes (PostgreSQL: about one per core; SQLite: keep 1)")
    c.add_argument("--report-refresh", type=float, default=10.0, metavar="SECONDS",
                   help="count the regional report figures in the background once no push "
                   "came for this long, so reports answer at once (default 10; 0 = only when "
                   "a report asks)")
    c.add_argument("--access-log", action="store_true",
                   help="log every request (off by default: the reverse proxy logs them, and "
                   "a line per sync costs the server more than the sync)")
    return p


def _fmt_time(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value is not None else "-"  # type: ignore[attr-defined]


def run(args: argparse.Namespace) -> int:
    url = args.db or os.environ.get(ENV_DB) or default_db_url()
    if args.command == "serve":
        return _serve(url, args)
    db = Database(url)
    try:
        if args.command == "init":
            loaded = admin.init(db, args.catalog)
            extra = f"; catalog version {loaded} loaded" if loaded else ""
            print(f"database ready: {_safe(url)}{extra}", file=sys.stderr)
            return 0
        db.migrate()
        if args.command == "add-digibank":
            print(admin.add_digibank(db, args.name, args.reach_target))
        elif args.command == "add-digipunt":
            print(admin.add_digipunt(db, args.digibank, args.name, args.municipality,
                                     args.organisation_type))
        elif args.command == "enrol-code":
            code = admin.make_enrol_code(db, args.digipunt, args.valid_hours)
            print(code)
            print(f"valid for {args.valid_hours:g} hours, for one PC", file=sys.stderr)
        elif args.command == "add-coordinator":
            print(admin.add_coordinator(db, args.name, None if args.region else args.digibank))
            print("store this token now: the server keeps only its hash", file=sys.stderr)
        elif args.command == "revoke-device":
            admin.revoke_device(db, args.device_id)
            print(f"device {args.device_id} revoked", file=sys.stderr)
        elif args.command == "devices":
            for d in admin.list_devices(db):
                skew = "-" if d.clock_skew_s is None else f"{d.clock_skew_s:+.0f}s"
                state = "revoked" if d.revoked else "active"
                print("\t".join([d.id, d.name, d.digipunt_name, state,
                                 f"last seen {_fmt_time(d.last_seen_at)}", f"skew {skew}"]))
        elif args.command == "purge":
            removed = admin.purge(db, args.older_than)
            print(f"{removed} sessions older than {args.older_than} months removed",
                  file=sys.stderr)
        elif args.command == "audit":
            for e in admin.audit_entries(db, args.limit, args.action):
                print("\t".join([_fmt_time(e.at), e.actor, e.action, e.detail]))
        elif args.command == "catalog-load":
            version = admin.catalog_load(db, args.file)
            print(f"catalog version {version} loaded; devices get it at their next sync",
                  file=sys.stderr)
        return 0
    finally:
        db.dispose()


def _safe(url: str) -> str:
    """The URL without a password."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}@{host}"
    return url


def _fast_io() -> dict[str, str]:
    """uvloop and httptools when installed (extra ``server``; without them uvicorn's defaults)."""
    options = {}
    for module, key, value in (("uvloop", "loop", "uvloop"), ("httptools", "http", "httptools")):
        try:
            __import__(module)
        except ImportError:
            continue
        options[key] = value
    return options


def _serve(url: str, args: argparse.Namespace) -> int:
    import uvicorn

    from sync.server.app import ENV_REPORT_REFRESH, create_app
    from sync.server.fastpath import tune_gc
    from sync.server.settings import Settings

    options = {
        "host": args.host, "port": args.port, "log_level": "info",
        "proxy_headers": args.proxy_headers, "forwarded_allow_ips": args.forwarded_allow_ips,
        "timeout_keep_alive": args.keep_alive, "backlog": 4096,
        "access_log": args.access_log, **_fast_io(),
    }
    create_app(url).state.db.dispose()  # migrate once, and fail here on a bad URL
    if args.workers > 1:
        os.environ[ENV_DB] = url
        os.environ[ENV_REPORT_REFRESH] = str(args.report_refresh)
        uvicorn.run("sync.server.app:app_from_env", factory=True, workers=args.workers,
                    **options)
    else:
        app = create_app(url, settings=Settings(report_refresh_s=args.report_refresh))
        tune_gc()
        uvicorn.run(app, **options)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return run(args)
    except admin.AdminError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except SQLAlchemyError as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        print(f"error: database problem: {first}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 1


if __name__ == "__main__":
    sys.exit(main())
