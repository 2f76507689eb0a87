"""Who is calling: device tokens for sync, scoped coordinator tokens for reports and export.

- no/garbled ``Authorization`` header or an unknown token: 401;
- a revoked device: 401 (its PC keeps its local queue and says so);
- a valid token of the wrong kind (a device on reports, a coordinator on sync): 403.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import bindparam, select

from sync.server.db import Database
from sync.server.models import CoordinatorToken, Device
from sync.server.problems import ApiProblem
from sync.server.rawsql import Sql
from sync.server.tokens import hash_secret

bearer = HTTPBearer(
    auto_error=False,
    description="Device token (from /v1/enrol) for sync; coordinator token for reports/export.",
)


@dataclass(frozen=True)
class DeviceCaller:
    id: str
    digipunt_id: str
    name: str


@dataclass(frozen=True)
class CoordinatorCaller:
    id: str
    name: str
    #: None = the whole region
    digibank_id: str | None


def _token(creds: HTTPAuthorizationCredentials | None) -> str:
    if creds is None or not creds.credentials:
        raise ApiProblem(401, "Authorization: Bearer <token> is missing.")
    return creds.credentials


_DEV = Device.__table__
# Built once: every sync request runs it (no ORM objects, just the four columns).
DEVICE_BY_TOKEN = select(_DEV.c.id, _DEV.c.digipunt_id, _DEV.c.name, _DEV.c.revoked).where(
    _DEV.c.token_hash == bindparam("digest")
)


def authenticate_device(db: Database, creds: HTTPAuthorizationCredentials | None) -> DeviceCaller:
    digest = hash_secret(_token(creds))
    with db.engine.connect() as conn:
        row = conn.execute(DEVICE_BY_TOKEN, {"digest": digest}).first()
    if row is None:
        with db.session() as s:
            if s.scalar(select(CoordinatorToken.id).where(CoordinatorToken.token_hash == digest)):
                raise ApiProblem(403, "A coordinator token cannot sync; use a device token.")
        raise ApiProblem(401, "This token is not known to the server.")
    id_, punt, name, revoked = row
    if revoked:
        raise ApiProblem(401, "This device has been revoked; enrol it again with a new code.")
    return DeviceCaller(id_, punt, name)


def authenticate_coordinator(
    db: Database, creds: HTTPAuthorizationCredentials | None
) -> CoordinatorCaller:
    digest = hash_secret(_token(creds))
    with db.session() as s:
        tok = s.scalar(select(CoordinatorToken).where(CoordinatorToken.token_hash == digest))
        if tok is None:
            if s.scalar(select(Device.id).where(Device.token_hash == digest)):
                raise ApiProblem(
                    403, "A device token cannot read reports; use a coordinator token."
                )
            raise ApiProblem(401, "This token is not known to the server.")
        if tok.revoked:
            raise ApiProblem(401, "This coordinator token has been revoked.")
        return CoordinatorCaller(tok.id, tok.name, tok.digibank_id)


class RateLimiter:
    """At most ``attempts`` calls per key within ``window_s`` seconds (sliding window)."""

    def __init__(self, attempts: int, window_s: float) -> None:
        self.attempts = attempts
        self.window_s = window_s
        self._seen: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def check(self, key: str) -> float | None:
        """Record an attempt; None when allowed, else seconds until the next one is."""
        now = time.monotonic()
        with self._lock:
            seen = self._seen[key]
            while seen and now - seen[0] >= self.window_s:
                seen.popleft()
            if len(seen) >= self.attempts:
                return self.window_s - (now - seen[0])
            seen.append(now)
            return None


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


# --- the sync hot path (``fastpath.py``): plain DBAPI, no FastAPI dependency ----------------
_DEVICE_BY_DIGEST = "SELECT id, digipunt_id, name, revoked FROM device WHERE token_hash = ?"


def bearer_token(authorization: str | None) -> str | None:
    """The token of ``Authorization: Bearer <token>`` as ``HTTPBearer`` reads it, else None."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if not scheme or not token or scheme.lower() != "bearer":
        return None
    return token


def active_device(cursor: Any, sql: Sql, digest: str) -> DeviceCaller | None:
    """The device holding this token hash; None when unknown or revoked (FastAPI says which)."""
    cursor.execute(sql.q(_DEVICE_BY_DIGEST), (digest,))
    row = cursor.fetchone()
    if row is None or row[3]:
        return None
    return DeviceCaller(row[0], row[1], row[2])
