"""The FastAPI app of digipunt-server: exactly the endpoints of DESIGN.md §5.

``create_app(db_url, settings=...)`` migrates the database and returns the ASGI app. Handlers are
plain ``def`` (FastAPI runs them on its thread pool) and each does one short database operation.
Push and pull, the endpoints every PC calls, are answered by ``fastpath.SyncFastPath`` in front of
FastAPI (``DigipuntApp.__call__``); it hands anything out of the ordinary to the routes below, which
stay the reference (and the OpenAPI document) for both.
"""


import csv
import io
import os
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy import func, select, update

from sync.protocol import (
    PROTOCOL_VERSION,
    DigipuntInfo,
    EnrolRequest,
    EnrolResponse,
    Health,
    Problem,
    PullResponse,
    PushRequest,
    PushResponse,
    ReachReport,
    SummaryReport,
    SyncConfig,
)
from sync.server import tokens
from sync.server.auth import (
    CoordinatorCaller,
    DeviceCaller,
    RateLimiter,
    authenticate_coordinator,
    authenticate_device,
    bearer,
    client_ip,
)
from sync.server.catalog import service_codes
from sync.server.db import Database
from sync.server.fastpath import PATHS as FAST_PATHS
from sync.server.fastpath import SyncFastPath, tune_gc
from sync.server.feed import audit
from sync.server.models import CatalogVersion, Device, Digibank, Digipunt, EnrolCode, utcnow
from sync.server.problems import (
    ApiProblem,
    BodyLimitMiddleware,
    install_handlers,
    problem_openapi,
)
from sync.server.pull import pull as pull_changes
from sync.server.push import Pusher, note_clock, parse_request
from sync.server.report_refresher import ReportRefresher
from sync.server.reports import EXPORT_COLUMNS, export_rows, reach, summary
from sync.server.settings import Settings
from sync.server.timing import ServerTimingMiddleware


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": Problem} for code in codes}


USED_CODE = "This enrolment code has already been used; ask for a new one."


_ALLOWED_QUERY: dict[int, frozenset[str]] = {}


def _query_names(dependant: Any) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def strict_query(request: Request) -> None:
    """422 for a query parameter the endpoint does not take (a typo must not pass silently)."""
    route = request.scope.get("route")
    if route is None or not request.query_params:
        return
    allowed = _ALLOWED_QUERY.get(id(route))
    if allowed is None:
        allowed = frozenset(_query_names(route.dependant))
        _ALLOWED_QUERY[id(route)] = allowed
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        takes = ", ".join(sorted(allowed)) or "none"
        raise ApiProblem(
            422, f"Unknown query parameter {unknown[0]!r}; this endpoint takes: {takes}."
        )


class _Catalog:
    """Service codes of every catalog version, reloaded when a new version appears.

    The newest version number is looked up at most every ``ttl_s`` seconds (``catalog-load``
    runs in another process).
    """

    def __init__(self, db: Database, ttl_s: float = 2.0) -> None:
        self.db = db
        self.ttl_s = ttl_s
        self._version = -1
        self._checked = float("-inf")
        self._codes: set[str] = set()
        self._lock = threading.Lock()

    def codes(self, wanted: set[str] | None = None) -> set[str]:
        """The known codes; looked up afresh when ``wanted`` holds a code not (yet) known."""
        fresh = wanted is None or wanted <= self._codes
        if fresh and time.monotonic() - self._checked < self.ttl_s:
            return self._codes
        self._checked = time.monotonic()
        with self.db.session() as s:
            latest = s.scalar(select(func.max(CatalogVersion.version))) or 0
            if latest == self._version:
                return self._codes
            codes: set[str] = set()
            for body in s.scalars(select(CatalogVersion.body)):
                codes |= service_codes(body)
        with self._lock:
            self._codes, self._version = codes, latest
        return codes


ENV_DB = "DIGIPUNT_SERVER_DB"
ENV_REPORT_REFRESH = "DIGIPUNT_SERVER_REPORT_REFRESH"  # seconds, for the worker processes


class DigipuntApp(FastAPI):
    """FastAPI with ``fastpath.SyncFastPath`` in front of push and pull (the sync hot path)."""

    sync_fast_path: SyncFastPath | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        fast = self.sync_fast_path
        if fast is not None and scope["type"] == "http" and scope["path"] in FAST_PATHS:
            await fast(scope, receive, send, super().__call__)
            return
        await super().__call__(scope, receive, send)


def app_from_env() -> DigipuntApp:
    """App factory for ``uvicorn --factory`` (several workers): the database from the env."""
    refresh = float(os.environ.get(ENV_REPORT_REFRESH, "0"))
    app = create_app(os.environ[ENV_DB], settings=Settings(report_refresh_s=refresh))
    tune_gc()  # a worker process of ``serve --workers N``
    return app


def create_app(db_url: str, *, settings: Settings | None = None) -> DigipuntApp:
    settings = settings or Settings()
    db = Database(db_url)
    db.migrate()
    catalog = _Catalog(db)
    enrol_limiter = RateLimiter(settings.enrol_attempts, settings.enrol_window_s)

    app = DigipuntApp(
        title="Digipunt sync server",
        version=f"{PROTOCOL_VERSION}.0",
        description="Sync protocol v1 of Digipunt (DESIGN.md §5). Errors are RFC 9457 problems.",
        dependencies=[Depends(strict_query)],
    )
    app.state.db = db
    app.state.settings = settings
    install_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    # Push results and pull pages are large and repetitive: gzip them for clients that ask
    # (Accept-Encoding), as the requests are (sync helper, DESIGN.md §10 bytes per session).
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    app.add_middleware(ServerTimingMiddleware)  # outermost: the load bench reads it
    problem_openapi(app)
    fast = SyncFastPath(db, settings, catalog.codes)
    app.sync_fast_path = fast
    db.on_dispose(fast.close)
    if settings.report_refresh_s > 0:
        refresher = ReportRefresher(db.engine, settings.report_refresh_s)
        refresher.start()
        db.on_dispose(refresher.stop)

    Creds = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]

    def device(creds: Creds) -> DeviceCaller:
        return authenticate_device(db, creds)

    def coordinator(creds: Creds) -> CoordinatorCaller:
        return authenticate_coordinator(db, creds)

    DeviceDep = Annotated[DeviceCaller, Depends(device)]
    CoordDep = Annotated[CoordinatorCaller, Depends(coordinator)]

    def now() -> datetime:
        return datetime.now(UTC)

    @app.get("/v1/health", response_model=Health, tags=["sync"])
    def health() -> Health:
        return Health(status="ok", server_time=now())

    @app.post(
        "/v1/enrol", response_model=EnrolResponse, tags=["sync"],
        responses=_errors(400, 403, 413, 415, 422, 429),
    )
    def enrol(body: EnrolRequest, request: Request) -> EnrolResponse:
        wait = enrol_limiter.check(client_ip(request))
        if wait is not None:
            raise ApiProblem(
                429, f"Too many enrolment attempts from this address; try again in "
                f"{int(wait) + 1} seconds.",
            )
        code_hash = tokens.hash_enrol_code(body.code)
        token = tokens.new_device_token()
        device_id = str(uuid.uuid4())
        with db.write() as s:
            code = s.scalar(select(EnrolCode).where(EnrolCode.code_hash == code_hash))
            if code is None:
                raise ApiProblem(403, "This enrolment code is not known; check for typing errors.")
            if code.used_at is not None:
                raise ApiProblem(403, USED_CODE)
            if code.expires_at <= utcnow():
                raise ApiProblem(403, "This enrolment code has expired; ask for a new one.")
            claimed = s.execute(
                update(EnrolCode)
                .where(EnrolCode.id == code.id, EnrolCode.used_at.is_(None))
                .values(used_at=utcnow(), device_id=device_id)
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:
                raise ApiProblem(403, USED_CODE)
            punt = s.get(Digipunt, code.digipunt_id)
            assert punt is not None
            bank = s.get(Digibank, punt.digibank_id)
            assert bank is not None
            s.add(Device(
                id=device_id, digipunt_id=punt.id, name=body.device_name,
                token_hash=tokens.hash_secret(token),
            ))
            audit(s, f"ip:{client_ip(request)}", "enrol",
                  f"device {device_id} {body.device_name!r} at {punt.id} {punt.name}")
            info = DigipuntInfo(
                id=punt.id, name=punt.name, municipality=punt.municipality,
                organisation_type=punt.organisation_type, digibank_id=bank.id,
                digibank_name=bank.name,
            )
        return EnrolResponse(device_id=device_id, token=token, digipunt=info, server_time=now())

    @app.get(
        "/v1/sync/config", response_model=SyncConfig, tags=["sync"], responses=_errors(401, 403)
    )
    def sync_config(caller: DeviceDep) -> SyncConfig:
        note_clock(db, caller, None)
        return SyncConfig(
            protocol=PROTOCOL_VERSION, max_batch_records=settings.max_batch_records,
            max_body_bytes=settings.max_body_bytes, server_time=now(),
        )

    @app.post(
        "/v1/sync/push", response_model=PushResponse, tags=["sync"],
        responses=_errors(400, 401, 403, 409, 413, 415, 422),
    )
    def push(body: PushRequest, caller: DeviceDep) -> PushResponse:
        if len(body.records) > settings.max_batch_records:
            raise ApiProblem(
                413, f"The batch holds {len(body.records)} records; this server takes at most "
                f"{settings.max_batch_records} per push.",
            )
        parsed = parse_request(body)
        services = catalog.codes(parsed.wanted_services)
        results = Pusher(db, caller, services, body.client_time).run(parsed)
        return PushResponse(results=results, server_time=now())

    @app.get(
        "/v1/sync/pull", response_model=PullResponse, tags=["sync"],
        responses=_errors(401, 403, 422),
    )
    def pull(
        caller: DeviceDep,
        cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int | None, Query(ge=1, le=settings.pull_max_limit)] = None,
    ) -> PullResponse:
        return pull_changes(db, caller, cursor, limit or settings.pull_default_limit, now())

    # --- coordinator -------------------------------------------------------------------------
    def scope_of(caller: CoordinatorCaller, digibank: str | None) -> tuple[str | None, str]:
        """The digibank to report on (None = region) and its name; 403 when out of scope."""
        if digibank is not None and caller.digibank_id not in (None, digibank):
            raise ApiProblem(403, "This coordinator token only sees its own digibank.")
        wanted = digibank or caller.digibank_id
        if wanted is None:
            return None, "regio"
        with db.session() as s:
            bank = s.get(Digibank, wanted)
            if bank is None:
                raise ApiProblem(404, f"There is no digibank with id {wanted!r}.")
            return bank.id, bank.name

    def period(d_from: date, d_to: date) -> None:
        if d_from > d_to:
            raise ApiProblem(422, "'from' must not be after 'to'.")

    From = Annotated[date, Query(alias="from", description="first local date, inclusive")]
    To = Annotated[date, Query(alias="to", description="last local date, inclusive")]
    Bank = Annotated[
        str | None,
        Query(max_length=64, description="one digibank id (a region token may pick any)"),
    ]
    report_errors = _errors(401, 403, 404, 422)

    @app.get(
        "/v1/reports/summary", response_model=SummaryReport, tags=["reports"],
        responses=report_errors,
    )
    def report_summary(
        caller: CoordDep,
        d_from: From,
        d_to: To,
        group_by: Literal["digipunt", "service", "month", "municipality", "outcome", "referral"],
        digibank: Bank = None,
    ) -> SummaryReport:
        period(d_from, d_to)
        bank_id, name = scope_of(caller, digibank)
        with db.session() as s:
            return summary(s, group_by, d_from, d_to, bank_id, name)

    @app.get(
        "/v1/reports/reach", response_model=ReachReport, tags=["reports"],
        responses=report_errors,
    )
    def report_reach(
        caller: CoordDep, d_from: From, d_to: To, digibank: Bank = None
    ) -> ReachReport:
        period(d_from, d_to)
        bank_id, _ = scope_of(caller, digibank)
        with db.session() as s:
            return reach(s, d_from, d_to, bank_id)

    @app.get(
        "/v1/export/sessions.csv", tags=["reports"], response_class=StreamingResponse,
        responses={
            200: {"content": {"text/csv": {"schema": {"type": "string"}}},
                  "description": "help sessions, one per line, streamed"},
            **report_errors,
        },
    )
    def export_sessions(
        caller: CoordDep, d_from: From, d_to: To, digibank: Bank = None
    ) -> StreamingResponse:
        period(d_from, d_to)
        bank_id, name = scope_of(caller, digibank)
        with db.write() as s:
            audit(s, f"coordinator:{caller.id}", "export",
                  f"sessions {d_from}..{d_to} scope {bank_id or 'region'} ({caller.name})")

        def lines() -> Iterator[bytes]:
            buf = io.StringIO()
            out = csv.writer(buf, lineterminator="\r\n")
            out.writerow(EXPORT_COLUMNS)
            with db.session() as s:
                for n, row in enumerate(export_rows(s, d_from, d_to, bank_id), start=1):
                    out.writerow(row)
                    if n % 500 == 0:
                        yield buf.getvalue().encode()
                        buf.seek(0)
                        buf.truncate()
            yield buf.getvalue().encode()

        filename = f"digipunt-sessies-{d_from}-{d_to}.csv"
        return StreamingResponse(
            lines(), media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    return app
