"""A real fault-injecting HTTP proxy on 127.0.0.1, between the app and the real server.

The app talks to ``proxy.url`` instead of the server. Every request goes over its own upstream TCP
connection (``Connection: close``), so each one can be treated on its own. What happens to the next
requests is decided by the test:

    proxy.inject("lose_response", count=2, path="/v1/sync/push")
    proxy.set_random(random.Random(7), rate=0.3)     # random faults on every request
    proxy.clear()                                     # back to a clean line

Fault kinds (``FAULTS``):

- ``drop``: the connection is closed before anything reaches the server.
- ``delay``: the request is held ``delay`` seconds, then forwarded (beyond the client's read
  timeout this is "server commits after the client gave up").
- ``cut_request``: half of the request body reaches the server, then both sides are closed.
- ``cut_response``: the server answers in full; the client gets half of the answer, then EOF.
- ``bad_gateway``: the proxy answers ``502 Bad Gateway`` itself; the server sees nothing.
- ``duplicate``: the request is sent to the server twice (one after the other); the client gets
  the second answer.
- ``lose_response``: the server gets the request and commits; the client's connection is closed
  without an answer.

``proxy.log`` lists ``(method, path, fault)`` per request; ``proxy.bytes_up``/``bytes_down`` count
the bytes that crossed the proxy (headers included).
"""

from __future__ import annotations

import random
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

FAULTS = (
    "drop", "delay", "cut_request", "cut_response", "bad_gateway", "duplicate", "lose_response",
)

def _bad_gateway() -> bytes:
    body = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    head = (
        "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


@dataclass
class _Planned:
    kind: str
    count: int
    path: str | None


@dataclass
class FaultProxy:
    upstream: str  # "http://127.0.0.1:PORT"
    delay: float = 0.2
    log: list[tuple[str, str, str]] = field(default_factory=list)
    bytes_up: int = 0
    bytes_down: int = 0

    def __post_init__(self) -> None:
        parts = urlsplit(self.upstream)
        self._up_addr = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._lock = threading.Lock()
        self._planned: deque[_Planned] = deque()
        self._rule: Callable[[str, str], str | None] | None = None
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._accept_loop, name="faultproxy", daemon=True)
        self._thread.start()

    # --- control -----------------------------------------------------------------------------
    def inject(self, kind: str, count: int = 1, path: str | None = None) -> None:
        """Apply ``kind`` to the next ``count`` requests (whose path starts with ``path``)."""
        if kind not in FAULTS:
            raise ValueError(kind)
        with self._lock:
            self._planned.append(_Planned(kind, count, path))

    def set_rule(self, rule: Callable[[str, str], str | None] | None) -> None:
        """``rule(method, path)`` returns a fault kind or None for each request without a plan."""
        with self._lock:
            self._rule = rule

    def set_random(
        self, rng: random.Random, rate: float, kinds: tuple[str, ...] = FAULTS
    ) -> None:
        """Every request gets a random fault with probability ``rate``."""
        lock = threading.Lock()

        def rule(_method: str, _path: str) -> str | None:
            with lock:
                return rng.choice(kinds) if rng.random() < rate else None

        self.set_rule(rule)

    def clear(self) -> None:
        with self._lock:
            self._planned.clear()
            self._rule = None

    def faults_seen(self) -> set[str]:
        with self._lock:
            return {fault for _m, _p, fault in self.log if fault != "pass"}

    def close(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        self._listener.close()

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing ----------------------------------------------------------------------------
    def _choose(self, method: str, path: str) -> str:
        with self._lock:
            for plan in self._planned:
                if plan.path is None or path.startswith(plan.path):
                    plan.count -= 1
                    if plan.count <= 0:
                        self._planned.remove(plan)
                    return plan.kind
            rule = self._rule
        return (rule(method, path) if rule else None) or "pass"

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        client.settimeout(30)
        try:
            request = _read_request(client)
            if request is None:
                return
            head, body = request
            request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
            method, path = (request_line.split(" ") + ["", ""])[:2]
            fault = self._choose(method, path)
            with self._lock:
                self.log.append((method, path, fault))
                self.bytes_up += len(head) + len(body)
            raw = _with_connection_close(head) + body
            if fault == "drop":
                return
            if fault == "bad_gateway":
                client.sendall(_bad_gateway())
                return
            if fault == "delay":
                time.sleep(self.delay)
            if fault == "cut_request":
                self._cut_upstream(raw, len(raw) - max(1, len(body) // 2))
                return
            response = self._forward(raw)
            if fault == "duplicate":
                response = self._forward(raw)
            if fault == "lose_response":
                return
            if fault == "cut_response":
                response = response[: max(1, len(response) // 2)]
            with self._lock:
                self.bytes_down += len(response)
            client.sendall(response)
        except OSError:
            pass
        finally:
            try:
                client.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            client.close()

    def _forward(self, raw: bytes) -> bytes:
        with socket.create_connection(self._up_addr, timeout=60) as up:
            up.sendall(raw)
            chunks = []
            while True:
                chunk = up.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        return b"".join(chunks)

    def _cut_upstream(self, raw: bytes, keep: int) -> None:
        with socket.create_connection(self._up_addr, timeout=60) as up:
            up.sendall(raw[:keep])
            up.shutdown(socket.SHUT_RDWR)


def _read_request(sock: socket.socket) -> tuple[bytes, bytes] | None:
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    head += b"\r\n\r\n"
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        rest += chunk
    return head, rest[:length]


def _with_connection_close(head: bytes) -> bytes:
    lines = [
        line for line in head[:-4].split(b"\r\n")
        if not line.lower().startswith((b"connection:", b"keep-alive:"))
    ]
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n"
