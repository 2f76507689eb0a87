"""RFC 9457 problem responses, request-body limits and gzip, and the OpenAPI tidy-up.

Every error leaves the server as ``application/problem+json`` with a clear ``detail``: our own
``ApiProblem``, Starlette's 404/405, FastAPI's validation errors (422), over-limit bodies (413). An
unexpected exception is a bug: it is logged and answered 500 in the same shape.
"""

from __future__ import annotations

import json
import logging
import zlib
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("digipunt.server")


class ApiProblem(Exception):
    """Raise to answer ``status`` with ``detail`` (and optional extension members)."""

    def __init__(self, status: int, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.extra = extra


def problem_body(status: int, detail: str, **extra: Any) -> dict[str, Any]:
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    return {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}


def problem_response(
    status: int, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return JSONResponse(
        problem_body(status, detail, **extra),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(part) for part in loc)


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiProblem)
    async def _api(_: Request, exc: ApiProblem) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return problem_response(exc.status, exc.detail, headers=headers, **exc.extra)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = "There is no such endpoint; see /openapi.json for protocol v1."
        if exc.status_code == 405:
            detail = "This endpoint does not accept this HTTP method."
        return problem_response(exc.status_code, detail, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": _location(e.get("loc", ())), "msg": str(e.get("msg", ""))}
            for e in exc.errors()[:20]
        ]
        first = errors[0] if errors else {"loc": "request", "msg": "invalid"}
        detail = f"Invalid request: {first['loc']}: {first['msg']}"
        if len(errors) > 1:
            detail += f" (and {len(exc.errors()) - 1} more)"
        return problem_response(422, detail, errors=errors)

    @app.exception_handler(Exception)
    async def _bug(_: Request, exc: Exception) -> JSONResponse:  # pragma: no cover - a bug
        log.exception("unexpected error", exc_info=exc)
        return problem_response(500, "Internal server error; it has been logged.")


class BodyLimitMiddleware:
    """Reads request bodies up to ``max_bytes`` and inflates ``Content-Encoding: gzip``.

    Over-limit bodies (by Content-Length, by bytes received, or once decompressed) get 413
    before any handler runs; broken gzip gets 400. The handler sees a plain body.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        limit = self.max_bytes
        too_big = f"The request body is larger than this server accepts ({limit} bytes)."
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await problem_response(413, too_big)(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await problem_response(413, too_big)(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        encoding = headers.get("content-encoding", "identity").strip().lower()
        if encoding == "gzip" and body:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                body = inflater.decompress(body, limit + 1)
            except zlib.error:
                await problem_response(400, "The body is not valid gzip.")(scope, receive, send)
                return
            if len(body) > limit or inflater.unconsumed_tail:
                detail = f"Once unzipped, the request body is over the limit ({limit} bytes)."
                await problem_response(413, detail)(scope, receive, send)
                return
        elif encoding not in ("identity", "", "gzip"):
            detail = f"Content-Encoding {encoding!r} is not supported; use gzip or none."
            await problem_response(415, detail)(scope, receive, send)
            return
        new_headers = [
            (k, v) for k, v in scope["headers"]
            if k.lower() not in (b"content-encoding", b"content-length")
        ]
        new_headers.append((b"content-length", str(len(body)).encode()))
        scope = {**scope, "headers": new_headers}
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def problem_openapi(app: FastAPI) -> None:
    """Make the OpenAPI document say what the server does: every 4xx/5xx is problem+json."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        ref = {"$ref": "#/components/schemas/Problem"}
        for path in schema.get("paths", {}).values():
            for op in path.values():
                for code, response in op.get("responses", {}).items():
                    if code[0] in "45":
                        response["content"] = {PROBLEM_JSON: {"schema": ref}}
                        response.setdefault("description", HTTPStatus(int(code)).phrase)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
