"""HTTP transport of sync protocol v1 (DESIGN.md §5), used by the app's sync engine and reports.

One ``SyncClient`` wraps one ``requests.Session``: connect/read timeouts, a ``Digipunt/<version>``
User-Agent, the device (or coordinator) bearer token, gzip request bodies, and RFC 9457 problem
responses turned into typed exceptions whose ``str()`` is a plain Dutch sentence a volunteer can act
on. The client knows nothing about the local store: it takes and returns the pydantic models of
``sync.protocol`` (a push answer also as plain dicts, ``parse_push_answer``: the sync engine's
path).

It also counts what it sent and received (``stats``), so benchmarks and tests can see the number of
requests and the bytes on the wire.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, NotRequired
from urllib.parse import urlsplit

import requests
from pydantic import BaseModel, TypeAdapter, ValidationError
from typing_extensions import TypedDict  # pydantic wants this one before Python 3.12

from sync.protocol import (
    EnrolRequest,
    EnrolResponse,
    Health,
    PullResponse,
    PushRequest,
    PushResponse,
    SyncConfig,
)

DEFAULT_TIMEOUT = (5.0, 60.0)  # (connect, read) seconds
GZIP_MIN_BYTES = 1024  # smaller bodies are sent as they are
#: zlib level of request bodies: 1 is ~3x faster than 6 for ~25% more bytes (a push of 10,000
#: sessions: ~45 instead of ~36 bytes per session in the body; bench/sync_push.py)
GZIP_LEVEL = 1


def gzip_body(data: bytes) -> tuple[bytes, str | None]:
    """``(body, Content-Encoding)`` as the client sends ``data``: gzipped from
    ``GZIP_MIN_BYTES`` on. Callers may compress ahead of time (the sync engine does it while the
    previous push is on the wire) and hand the result to ``push_body``."""
    if len(data) < GZIP_MIN_BYTES:
        return data, None
    return gzip.compress(data, compresslevel=GZIP_LEVEL), "gzip"


class PushResultItem(TypedDict):
    """One of ``PushResponse.results`` (``sync.protocol.PushResult``) as a plain dict."""

    id: str
    rev: int
    status: Literal["accepted", "duplicate", "conflict", "rejected"]
    detail: NotRequired[str | None]


class PushAnswer(TypedDict):
    """``sync.protocol.PushResponse`` as plain dicts: its strings and numbers only, which the
    cyclic garbage collector does not track."""

    results: list[PushResultItem]
    server_time: datetime


_PUSH_ANSWER = TypeAdapter(PushAnswer)


def _validated(validate: Any, raw: bytes, status: int) -> Any:
    """``validate(raw)``; an answer that is not the expected JSON becomes a typed error."""
    try:
        return validate(raw)
    except ValidationError as err:
        if any(e.get("type") == "json_invalid" for e in err.errors()):
            raise WrongAddress(status=status, detail="no JSON in the answer") from err
        raise ServerError(status=status, detail=str(err)) from err


def _user_agent() -> str:
    try:
        from importlib.metadata import version

        return f"Digipunt/{version('digipunt')}"
    except Exception:  # not installed (frozen bundle): still identify ourselves
        return "Digipunt/0"


# --- errors ----------------------------------------------------------------------------------
class SyncError(Exception):
    """Base of every transport error; ``str(err)`` is a plain Dutch message for the volunteer.

    ``status`` is the HTTP status when the server answered, ``detail`` the server's own words.
    ``retryable`` says whether trying again later can help without anyone doing anything.
    """

    retryable = True
    default_message = "Synchroniseren is niet gelukt."

    def __init__(
        self, message: str | None = None, *, status: int | None = None, detail: str | None = None
    ) -> None:
        super().__init__(message or self.default_message)
        self.status = status
        self.detail = detail


class WrongAddress(SyncError):
    """The address is malformed, or what answers there is not a Digipunt server."""

    retryable = False
    default_message = (
        "Op dit adres staat geen Digipunt-server. Controleer het serveradres "
        "(bijvoorbeeld https://digipunt.voorbeeld.be)."
    )


class NoNetwork(SyncError):
    """The server could not be reached (no network, DNS, refused, timed out, cut off)."""

    default_message = (
        "De server is niet bereikbaar. Controleer de internetverbinding; "
        "alles blijft bewaard en wordt later verstuurd."
    )


class CertificateProblem(SyncError):
    """TLS verification failed (wrong clock, self-signed or expired certificate, wrong host)."""

    retryable = False
    default_message = (
        "Het beveiligingscertificaat van de server klopt niet. Controleer het adres en de "
        "klok van deze pc, of vraag hulp aan de IT-dienst."
    )


class EnrolCodeInvalid(SyncError):
    """The one-time enrolment code is unknown, already used or expired."""

    retryable = False
    default_message = (
        "Deze inschrijvingscode is niet geldig: ze is al gebruikt, verlopen of verkeerd "
        "getypt. Vraag een nieuwe code aan de coördinator."
    )


class DeviceRevoked(SyncError):
    """401: the device token is no longer accepted. The local queue is kept."""

    retryable = False
    default_message = (
        "Deze pc is niet langer ingeschreven bij de server (toegang ingetrokken). "
        "Alles blijft op deze pc bewaard. Vraag de coördinator om een nieuwe inschrijvingscode."
    )


class Forbidden(SyncError):
    """403: the token is valid but may not do this (other digipunt, out of scope)."""

    retryable = False
    default_message = "De server weigert dit: deze pc of account heeft daar geen toegang toe."


class TooLarge(SyncError):
    """413: the request body is over the server's limit."""

    retryable = False
    default_message = "De server weigert het pakket omdat het te groot is."


class RateLimited(SyncError):
    """429: too many attempts; wait and try again."""

    default_message = "Te veel pogingen na elkaar. Wacht even en probeer opnieuw."


class ServerError(SyncError):
    """5xx, or an answer that does not follow the protocol: a fault at the server's side."""

    default_message = (
        "De server heeft een fout gemaakt. Er gaat niets verloren; we proberen later opnieuw."
    )


class RequestRejected(SyncError):
    """Any other 4xx: the server says the request is wrong (``detail`` says why)."""

    retryable = False
    default_message = "De server weigert het verzoek."


# --- the client ------------------------------------------------------------------------------
@dataclass
class TransferStats:
    """What went over the wire through this client (bodies; headers not counted)."""

    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    seconds: float = 0.0  # waiting for answers (the server's work plus the network)


def normalise_server_url(url: str) -> str:
    """``digipunt.example.be`` -> ``https://digipunt.example.be``; no trailing slash.

    Raises ``WrongAddress`` for something that cannot be a server address.
    """
    text = (url or "").strip()
    if not text:
        raise WrongAddress("Vul het adres van de server in.")
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in text:
        raise WrongAddress()
    return text.rstrip("/")


class SyncClient:
    """The one HTTP wrapper of the app. Not thread-safe: one client per worker thread."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        verify: bool | str = True,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = normalise_server_url(base_url)
        self.token = token
        self.timeout = timeout
        self.stats = TransferStats()
        self._http = session or requests.Session()
        self._http.verify = verify
        self._http.headers["User-Agent"] = _user_agent()
        self._http.headers["Accept"] = "application/json"
        self._env: dict[str, Any] | None = None  # see _environment

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- endpoints ---------------------------------------------------------------------------
    def health(self) -> Health:
        """``GET /v1/health``. Raises ``WrongAddress`` when no Digipunt server answers."""
        try:
            return self._call("GET", "/v1/health", model=Health, auth=False)
        except (ServerError, RequestRejected, Forbidden, DeviceRevoked) as err:
            raise WrongAddress(status=err.status, detail=err.detail) from err

    def enrol(self, code: str, device_name: str) -> EnrolResponse:
        """Check the address (health), then ``POST /v1/enrol`` with the one-time code."""
        self.health()
        body = EnrolRequest(code=code.strip(), device_name=device_name[:120] or "pc")
        try:
            return self._call("POST", "/v1/enrol", model=EnrolResponse, body=body, auth=False)
        except (RequestRejected, Forbidden, DeviceRevoked) as err:
            raise EnrolCodeInvalid(status=err.status, detail=err.detail) from err

    def config(self) -> SyncConfig:
        return self._call("GET", "/v1/sync/config", model=SyncConfig)

    def push(self, request: PushRequest | dict[str, Any]) -> PushResponse:
        """``POST /v1/sync/push``. A dict must already be the JSON shape of ``PushRequest``
        (the sync engine builds records as dicts: validating 500 models per batch costs more
        than sending them)."""
        return self._call("POST", "/v1/sync/push", model=PushResponse, body=request)

    def push_body(self, body: bytes, content_encoding: str | None = None) -> PushResponse:
        """``POST /v1/sync/push`` with a body already serialised as ``PushRequest`` JSON (the
        sync engine serialises each record once, when it leases it). Gzipped here, unless
        ``content_encoding`` says it already is (``gzip_body``)."""
        return self.parse_push(*self.push_raw(body, content_encoding))

    def push_raw(self, body: bytes, content_encoding: str | None = None) -> tuple[bytes, int]:
        """``push_body`` without parsing the answer: ``(answer body, HTTP status)`` for
        ``parse_push`` or ``parse_push_answer``. The sync engine's wire thread uses this, so the
        next request goes out the moment an answer is read; the answer is parsed on the sync
        thread."""
        response = self._send(
            "POST", "/v1/sync/push", data=body, content_encoding=content_encoding
        )
        raw = response.content
        self.stats.bytes_received += int(response.headers.get("Content-Length") or len(raw))
        return raw, response.status_code

    @staticmethod
    def parse_push(raw: bytes, status: int) -> PushResponse:
        """The ``PushResponse`` in an answer of ``push_raw``; a typed error if it is none."""
        return _validated(PushResponse.model_validate_json, raw, status)

    @staticmethod
    def parse_push_answer(raw: bytes, status: int) -> PushAnswer:
        """``parse_push`` as plain dicts (``PushAnswer``): the same checks and errors, without
        three objects per record for the garbage collector to walk (the sync engine's path)."""
        return _validated(_PUSH_ANSWER.validate_json, raw, status)

    def pull(self, cursor: int, limit: int | None = None) -> PullResponse:
        params: dict[str, Any] = {"cursor": cursor}
        if limit is not None:
            params["limit"] = limit
        return self._call("GET", "/v1/sync/pull", model=PullResponse, params=params)

    def report_summary(self, date_from: date, date_to: date, group_by: str) -> dict[str, Any]:
        """``GET /v1/reports/summary`` (coordinator token); the JSON body as a dict."""
        params = {"from": date_from.isoformat(), "to": date_to.isoformat(), "group_by": group_by}
        return self._call("GET", "/v1/reports/summary", params=params)

    def report_reach(self, date_from: date, date_to: date) -> dict[str, Any]:
        """``GET /v1/reports/reach`` (coordinator token); the JSON body as a dict."""
        params = {"from": date_from.isoformat(), "to": date_to.isoformat()}
        return self._call("GET", "/v1/reports/reach", params=params)

    def export_sessions_csv(
        self, date_from: date, date_to: date, *, chunk_size: int = 64 * 1024
    ) -> Iterator[bytes]:
        """``GET /v1/export/sessions.csv``: yields the CSV in chunks as it streams in."""
        params = {"from": date_from.isoformat(), "to": date_to.isoformat()}
        response = self._send("GET", "/v1/export/sessions.csv", params=params, stream=True)
        try:
            for chunk in response.iter_content(chunk_size=chunk_size):
                self.stats.bytes_received += len(chunk)
                yield chunk
        except requests.RequestException as err:
            raise NoNetwork(detail=str(err)) from err
        finally:
            response.close()

    # --- plumbing ----------------------------------------------------------------------------
    def _call(
        self,
        method: str,
        path: str,
        *,
        model: type[BaseModel] | None = None,
        body: BaseModel | dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        auth: bool = True,
    ) -> Any:
        data: bytes | None = None
        if isinstance(body, dict):
            data = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
        elif body is not None:
            data = body.model_dump_json(exclude_none=False).encode()
        response = self._send(method, path, data=data, params=params, auth=auth)
        raw = response.content
        self.stats.bytes_received += int(response.headers.get("Content-Length") or len(raw))
        try:
            parsed = json.loads(raw)
        except ValueError as err:
            raise WrongAddress(status=response.status_code, detail="no JSON in the answer") from err
        if model is None:
            return parsed
        try:
            return model.model_validate(parsed)
        except ValidationError as err:
            raise ServerError(status=response.status_code, detail=str(err)) from err

    def _environment(self) -> dict[str, Any]:
        """The proxies and CA bundle requests takes from the environment for this server (what
        ``Session.request`` looks up on every request: ~0.4 ms of CPU, ``os.environ`` walked
        twice), looked up once per client, i.e. once per sync."""
        if self._env is None:
            merged = self._http.merge_environment_settings(self.base_url, {}, None, None, None)
            self._env = {key: value for key, value in merged.items() if key != "stream"}
        return self._env

    def _send(
        self,
        method: str,
        path: str,
        *,
        data: bytes | None = None,
        params: dict[str, Any] | None = None,
        auth: bool = True,
        stream: bool = False,
        content_encoding: str | None = None,
    ) -> requests.Response:
        headers: dict[str, str] = {}
        if auth:
            if not self.token:
                raise DeviceRevoked("Deze pc is nog niet ingeschreven bij een server.")
            headers["Authorization"] = f"Bearer {self.token}"
        if data is not None:
            headers["Content-Type"] = "application/json"
            if content_encoding is None:
                data, content_encoding = gzip_body(data)
            if content_encoding:
                headers["Content-Encoding"] = content_encoding
        self.stats.requests += 1
        self.stats.bytes_sent += len(data or b"")
        started = time.perf_counter()
        try:
            # What ``requests.Session.request`` does, with the environment's settings looked up
            # once per client (``_environment``).
            prepared = self._http.prepare_request(requests.Request(
                method, self.base_url + path, data=data, params=params, headers=headers
            ))
            response = self._http.send(
                prepared, timeout=self.timeout, stream=stream, **self._environment()
            )
        except requests.exceptions.SSLError as err:
            raise CertificateProblem(detail=str(err)) from err
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema) as err:
            raise WrongAddress(detail=str(err)) from err
        except requests.RequestException as err:
            # ConnectionError, Timeout, ChunkedEncodingError, ContentDecodingError ...
            raise NoNetwork(detail=str(err)) from err
        finally:
            self.stats.seconds += time.perf_counter() - started
        if response.status_code >= 400:
            try:
                raise _error_for(response)
            finally:
                response.close()
        return response


def _problem_detail(response: requests.Response) -> str | None:
    try:
        body = response.json()
    except (ValueError, requests.RequestException):
        return None
    if isinstance(body, dict):
        detail = body.get("detail") or body.get("title")
        return detail if isinstance(detail, str) else json.dumps(detail)[:500]
    return None


def _error_for(response: requests.Response) -> SyncError:
    status = response.status_code
    detail = _problem_detail(response)
    is_problem = "json" in response.headers.get("Content-Type", "")
    if status == 401:
        return DeviceRevoked(status=status, detail=detail)
    if status == 403:
        return Forbidden(status=status, detail=detail)
    if status == 413:
        return TooLarge(status=status, detail=detail)
    if status == 429:
        return RateLimited(status=status, detail=detail)
    if status in (502, 503, 504):
        # A proxy or load balancer in between: the server itself may be fine.
        return NoNetwork(status=status, detail=detail)
    if status >= 500:
        return ServerError(status=status, detail=detail)
    if status in (404, 405) and not is_problem:
        return WrongAddress(status=status, detail=detail)
    message = RequestRejected.default_message
    if detail:
        message = f"{message} ({detail})"
    return RequestRejected(message, status=status, detail=detail)
