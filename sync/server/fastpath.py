"""A lean ASGI path for ``POST /v1/sync/push`` and ``GET /v1/sync/pull`` in front of FastAPI.

Every PC syncs through these two endpoints, so they carry the load; FastAPI's per-request work
(middleware stack, dependency resolution, thread-pool hop, response validation) cost more than
the database work. ``SyncFastPath`` answers the ordinary request itself:

- push: the body is read (size limit, gzip) and validated in one pydantic pass on the event loop;
  the device lookup and the database work run as one job of the group-commit writer
  (``writer.py``); the answer is sent after the commit;
- pull: the device lookup and the page are read on a small pool of reader threads, each with its
  own DBAPI connection, and written straight to JSON (``pull.pull_json``).

Anything else goes to the FastAPI app untouched, with the body replayed: another method, a query
parameter the endpoint does not take or out of range, a missing/unknown/revoked token, a body
that is no valid ``PushRequest``, a body over the limits, an unknown encoding or content type, a
batch over ``max_batch_records``. FastAPI then gives the same 4xx problem answers as ever; the
routes stay in the OpenAPI document. Answers of the fast path carry the same headers as
FastAPI's (``content-type``, ``server-timing``, gzip when asked for and 1 KiB or more); under
uvicorn an answer's status line, headers and body leave in one socket write (``_HeldWrites``).
"""

from __future__ import annotations

import asyncio
import gc
import gzip
import json
import logging
import threading
import time
import zlib
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

from sqlalchemy.engine import Connection

from sync.protocol import PushResponse
from sync.server.auth import DeviceCaller, active_device, bearer_token
from sync.server.db import Database
from sync.server.problems import PROBLEM_JSON, ApiProblem, problem_body
from sync.server.pull import pull_json, pull_json_pg
from sync.server.push import ParsedPush, Pusher, parse_push, touch_caller, write_feed
from sync.server.rawsql import raw
from sync.server.settings import Settings
from sync.server.tokens import hash_secret

log = logging.getLogger("digipunt.server")

PUSH_PATH = "/v1/sync/push"
PULL_PATH = "/v1/sync/pull"
PATHS = frozenset((PUSH_PATH, PULL_PATH))
GZIP_MIN_BYTES = 1024
#: a push answer is ids and statuses: level 1 takes 0.5 instead of 1.2 ms for 500 results and
#: sends ~1 byte more per session (7.9 instead of 7.3 KB)
PUSH_GZIP_LEVEL = 1

ASGIApp = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


#: the cyclic garbage collector's thresholds in a serving process (``tune_gc``)
GC_THRESHOLDS = (100_000, 50, 1000)


def tune_gc() -> None:
    """Let a serving process run the cyclic garbage collector far less often.

    A push of 500 sessions allocates some 10,000 tracked objects (models, rows, tuples), nearly
    all freed by reference counting; with Python's thresholds (700, 10, 10) that is ~13 young
    collections per push and a full one every ~10 pushes, which walks every object of the
    process (~110,000 once FastAPI, SQLAlchemy and pydantic are loaded: 40-120 ms each here).
    perf put 10-13% of the server's CPU during a first push in the collector (BENCHMARKS.md
    ``sync``). So: what exists once the app is built is frozen out of the collections, and the
    collector runs far less often. Called by ``digipunt-server serve`` for its app, not by
    ``create_app`` (tests build apps in one process with everything else)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


class _Fallback(Exception):
    """Let FastAPI answer this request (it gives the problem answer, or the same result)."""


class _PushJob:
    """One push as a job of the group writer: find the device, land the batch, its feed rows."""

    def __init__(self, db: Database, digest: str, parsed: ParsedPush,
                 services: Callable[[set[str]], set[str]]) -> None:
        self.db = db
        self.digest = digest
        self.parsed = parsed
        self.services = services
        self.device: DeviceCaller | None = None
        self.results: list[Any] = []
        self.accepted: list[Any] = []

    def land(self, conn: Connection) -> bool:
        cur = raw(conn).cursor()
        try:
            self.device = touch_caller(cur, self.db.sql, self.digest, self.parsed.client_time)
        finally:
            cur.close()
        if self.device is None:
            return False
        codes = self.services(self.parsed.wanted_services)
        pusher = Pusher(self.db, self.device, codes, self.parsed.client_time)
        self.results, self.accepted = pusher.land(conn, self.parsed, touched=True)
        return bool(self.accepted)

    def feed(self, cur: Any) -> None:
        assert self.device is not None
        write_feed(cur, self.db.sql, self.device, self.accepted)


class _Readers:
    """A few threads, each with its own DBAPI connection, for the pull reads."""

    def __init__(self, db: Database, threads: int) -> None:
        self.db = db
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="digipunt-read")
        self.local = threading.local()
        self.opened: list[Any] = []

    def connection(self) -> Any:
        dbapi = getattr(self.local, "dbapi", None)
        if dbapi is None:
            dbapi = self.db.engine.raw_connection()
            self.local.dbapi = dbapi
            self.opened.append(dbapi)
        return dbapi

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        for dbapi in self.opened:
            try:
                dbapi.close()
            except Exception:
                pass
        self.opened.clear()

    def forget(self) -> None:
        dbapi = getattr(self.local, "dbapi", None)
        self.local.dbapi = None
        if dbapi is not None:
            try:
                dbapi.invalidate()
            except Exception:
                pass


class SyncFastPath:
    def __init__(self, db: Database, settings: Settings,
                 services: Callable[[set[str]], set[str]]) -> None:
        self.db = db
        self.settings = settings
        self.services = services
        self._readers: _Readers | None = None
        self._readers_lock = threading.Lock()

    def readers(self) -> _Readers:
        if self._readers is None:
            with self._readers_lock:
                if self._readers is None:
                    self._readers = _Readers(self.db, 1 if self.db.is_sqlite else 4)
        return self._readers

    def close(self) -> None:
        if self._readers is not None:
            self._readers.close()
            self._readers = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any,
                       app: ASGIApp) -> None:
        started = time.perf_counter()
        headers: dict[bytes, bytes] = {}
        for key, value in scope["headers"]:
            headers[key.lower()] = value
        body = _Body()
        try:
            if scope["path"] == PUSH_PATH:
                answer = await self._push(headers, scope, receive, body)
            else:
                answer = await self._pull(headers, scope)
        except _Fallback:
            await app(scope, body.replay(receive), send)
            return
        except ApiProblem as problem:
            await _send_problem(send, problem, started)
            return
        except Exception as err:  # a bug: answered as FastAPI would (500, logged)
            log.exception("unexpected error", exc_info=err)
            await _send_problem(send, ApiProblem(500, "Internal server error; it has been "
                                                 "logged."), started)
            return
        await _send_json(send, answer, b"gzip" in headers.get(b"accept-encoding", b""),
                         started, level=PUSH_GZIP_LEVEL if scope["path"] == PUSH_PATH else 6)

    # --- push ---------------------------------------------------------------------------------
    async def _read_body(self, headers: dict[bytes, bytes], receive: Any, got: _Body) -> bytes:
        limit = self.settings.max_body_bytes
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            raise _Fallback()
        size = 0
        while not got.complete:
            message = await receive()
            if message["type"] != "http.request":
                raise _Fallback()  # gone: FastAPI's stack sees the same disconnect
            chunk = message.get("body", b"")
            got.chunks.append(chunk)
            got.complete = not message.get("more_body", False)
            size += len(chunk)
            if size > limit:
                raise _Fallback()
        body = b"".join(got.chunks)
        encoding = headers.get(b"content-encoding", b"identity").strip().lower()
        if encoding == b"gzip" and body:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                body = inflater.decompress(body, limit + 1)
            except zlib.error:
                raise _Fallback() from None
            if len(body) > limit or inflater.unconsumed_tail:
                raise _Fallback()
        elif encoding not in (b"identity", b""):
            raise _Fallback()
        return body

    async def _push(self, headers: dict[bytes, bytes], scope: dict[str, Any], receive: Any,
                    got: _Body) -> bytes:
        if scope["method"] != "POST" or scope.get("query_string"):
            raise _Fallback()
        content_type = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        if content_type != b"application/json":
            raise _Fallback()
        token = bearer_token(headers.get(b"authorization", b"").decode("latin-1"))
        if token is None:
            raise _Fallback()
        body = await self._read_body(headers, receive, got)
        if not body:
            raise _Fallback()
        parsed = parse_push(body)
        if parsed is None or len(parsed.records) > self.settings.max_batch_records:
            raise _Fallback()
        job = _PushJob(self.db, hash_secret(token), parsed, self.services)
        await self.db.writer.run(job)
        if job.device is None:
            raise _Fallback()
        return PushResponse(results=job.results, server_time=datetime.now(UTC)) \
            .model_dump_json().encode()

    # --- pull ---------------------------------------------------------------------------------
    async def _pull(self, headers: dict[bytes, bytes], scope: dict[str, Any]) -> bytes:
        if scope["method"] != "GET":
            raise _Fallback()
        cursor, limit = self._pull_query(scope.get("query_string", b""))
        token = bearer_token(headers.get(b"authorization", b"").decode("latin-1"))
        if token is None:
            raise _Fallback()
        readers = self.readers()
        if self.db.is_sqlite:  # a read of microseconds: a thread hand-off would cost more
            answer = self._pull_read(readers, hash_secret(token), cursor, limit)
        else:
            loop = asyncio.get_running_loop()
            answer = await loop.run_in_executor(
                readers.pool, self._pull_read, readers, hash_secret(token), cursor, limit
            )
        if answer is None:
            raise _Fallback()
        return answer

    def _pull_query(self, query: bytes) -> tuple[int, int]:
        cursor, limit = 0, self.settings.pull_default_limit
        seen: set[str] = set()
        for key, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
            if key in seen or key not in ("cursor", "limit") or not value.isdigit():
                raise _Fallback()
            seen.add(key)
            number = int(value)
            if key == "cursor":
                if number > 2**62:
                    raise _Fallback()
                cursor = number
            else:
                if not 1 <= number <= self.settings.pull_max_limit:
                    raise _Fallback()
                limit = number
        return cursor, limit

    def _pull_read(self, readers: _Readers, digest: str, cursor: int,
                   limit: int) -> bytes | None:
        dbapi = readers.connection()
        try:
            if not self.db.is_sqlite:  # one statement, one round trip (pull.pull_json_pg)
                return pull_json_pg(self.db, dbapi, digest, cursor, limit, datetime.now(UTC))
            cur = dbapi.cursor()
            try:
                device = active_device(cur, self.db.sql, digest)
            finally:
                cur.close()
                dbapi.rollback()
            if device is None:
                return None
            return pull_json(self.db, dbapi, device, cursor, limit, datetime.now(UTC))
        except Exception:
            readers.forget()  # a broken connection is not used again
            raise


class _Body:
    """The request body chunks read so far, to replay to FastAPI on a fallback."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.complete = False

    def replay(self, receive: Any) -> Any:
        if not self.chunks:
            return receive
        pending = list(self.chunks)
        complete = self.complete

        async def replay() -> dict[str, Any]:
            if pending:
                chunk = pending.pop(0)
                more = bool(pending) or not complete
                return {"type": "http.request", "body": chunk, "more_body": more}
            return await receive()

        return replay


async def _send_json(send: Any, body: bytes, gzip_ok: bool, started: float,
                     content_type: bytes = b"application/json", status: int = 200,
                     extra: list[tuple[bytes, bytes]] | None = None, level: int = 6) -> None:
    headers = [(b"content-type", content_type)]
    if extra:
        headers.extend(extra)
    if gzip_ok and len(body) >= GZIP_MIN_BYTES:
        body = gzip.compress(body, compresslevel=level, mtime=0)
        headers += [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")]
    headers.append((b"content-length", str(len(body)).encode()))
    ms = (time.perf_counter() - started) * 1000.0
    headers.append((b"server-timing", f"app;dur={ms:.1f}".encode()))
    cycle = getattr(send, "__self__", None)  # uvicorn's request-response cycle
    transport = getattr(cycle, "transport", None)
    uvicorn_cycle = type(cycle).__module__.startswith("uvicorn.protocols.http.")
    held = _HeldWrites(transport) if uvicorn_cycle and hasattr(transport, "write") else None
    if held is not None:
        cycle.transport = held  # type: ignore[union-attr]
    try:
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
    finally:
        if held is not None:
            cycle.transport = transport  # type: ignore[union-attr]
            held.flush()


class _HeldWrites:
    """Stands in for uvicorn's transport while an answer is sent, so its status line, headers
    and body leave in one socket write: uvicorn writes the headers at ``http.response.start``
    and the body at ``http.response.body``, two ``send`` calls and two packets the client wakes
    for (py-spy: the two writes held the GIL for ~14% of the server's time under the load
    bench). A close asked for meanwhile (no keep-alive) follows the write."""

    def __init__(self, transport: Any) -> None:
        self._transport = transport
        self._parts: list[bytes] = []
        self._close = False

    def write(self, data: bytes) -> None:
        self._parts.append(data)

    def writelines(self, data: Any) -> None:  # kept in order with write(), should uvicorn use it
        self._parts.extend(data)

    def close(self) -> None:
        self._close = True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)

    def flush(self) -> None:
        if self._parts:
            self._transport.write(b"".join(self._parts))
        if self._close:
            self._transport.close()


async def _send_problem(send: Any, problem: ApiProblem, started: float) -> None:
    body = json.dumps(problem_body(problem.status, problem.detail, **problem.extra),
                      ensure_ascii=False, separators=(",", ":")).encode()
    extra = [(b"www-authenticate", b"Bearer")] if problem.status == 401 else None
    await _send_json(send, body, False, started, PROBLEM_JSON.encode(), problem.status, extra)
