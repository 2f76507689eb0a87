"""A minimal asyncio HTTP/1.1 keep-alive client for the server load bench.

200 ``requests`` sessions on 200 threads spend more CPU than the server they measure on a 2-core
box; one event loop writing raw requests spends a few tens of microseconds per request. It speaks
just what ``digipunt-server`` answers: ``Content-Length`` or chunked bodies, no redirects, no gzip
(it does not send ``Accept-Encoding``).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def server_ms(self) -> float | None:
        """``Server-Timing: app;dur=X`` (time spent inside the app), when the server sends it."""
        value = self.headers.get("server-timing", "")
        for part in value.split(";"):
            if part.strip().startswith("dur="):
                return float(part.strip()[4:])
        return None


@dataclass
class Connection:
    """One keep-alive connection (one device); reconnects when the server closed it."""

    base: str
    token: str
    _reader: asyncio.StreamReader | None = field(default=None, repr=False)
    _writer: asyncio.StreamWriter | None = field(default=None, repr=False)

    async def _connect(self) -> None:
        parts = urlsplit(self.base)
        self._reader, self._writer = await asyncio.open_connection(parts.hostname, parts.port)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            try:
                await self._writer.wait_closed()
            except OSError:
                pass
        self._reader = self._writer = None

    async def request(
        self, method: str, path: str, *, params: dict[str, Any] | None = None,
        body: Any = None,
    ) -> Reply:
        if params:
            path = f"{path}?{urlencode(params)}"
        data = b"" if body is None else json.dumps(body, separators=(",", ":")).encode()
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: Bearer {self.token}\r\nContent-Length: {len(data)}\r\n"
            + ("Content-Type: application/json\r\n" if body is not None else "")
            + "\r\n"
        ).encode()
        for attempt in (1, 2):
            if self._writer is None:
                await self._connect()
            assert self._reader is not None and self._writer is not None
            try:
                self._writer.write(head + data)
                await self._writer.drain()
                return await self._read(self._reader)
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    @staticmethod
    async def _read(reader: asyncio.StreamReader) -> Reply:
        status_line = await reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while True:
            line = await reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await reader.readexactly(size + 2)
                if size == 0:
                    break
                chunks.append(chunk[:-2])
            body = b"".join(chunks)
        else:
            body = await reader.read()
        return Reply(status, headers, body)
