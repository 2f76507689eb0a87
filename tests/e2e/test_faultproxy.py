"""The fault proxy does what the e2e tests rely on: each fault kind, seen from both ends."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from tests.e2e.faultproxy import FaultProxy


class _Counter:
    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        self.lock = threading.Lock()
        counter = self

        class H(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if len(body) < length:
                    return
                with counter.lock:
                    counter.bodies.append(body)
                out = b"x" * 1000
                self.send_response(200)
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()


@pytest.fixture
def upstream() -> Iterator[_Counter]:
    counter = _Counter()
    yield counter
    counter.server.shutdown()
    counter.server.server_close()


@pytest.fixture
def proxy(upstream: _Counter) -> Iterator[FaultProxy]:
    with FaultProxy(upstream.url, delay=0.01) as p:
        yield p


def _post(proxy: FaultProxy) -> requests.Response:
    return requests.post(proxy.url + "/v1/sync/push", data=b"b" * 400, timeout=5)


def test_pass_through(proxy: FaultProxy, upstream: _Counter) -> None:
    assert _post(proxy).content == b"x" * 1000
    assert len(upstream.bodies) == 1
    assert proxy.bytes_up > 400 and proxy.bytes_down > 1000


@pytest.mark.parametrize("kind", ["drop", "cut_request"])
def test_request_never_complete(proxy: FaultProxy, upstream: _Counter, kind: str) -> None:
    proxy.inject(kind)
    with pytest.raises(requests.ConnectionError):
        _post(proxy)
    assert upstream.bodies == []
    assert _post(proxy).status_code == 200  # next one passes


def test_bad_gateway(proxy: FaultProxy, upstream: _Counter) -> None:
    proxy.inject("bad_gateway")
    assert _post(proxy).status_code == 502
    assert upstream.bodies == []


def test_lose_response_after_server_got_it(proxy: FaultProxy, upstream: _Counter) -> None:
    proxy.inject("lose_response")
    with pytest.raises(requests.ConnectionError):
        _post(proxy)
    assert len(upstream.bodies) == 1


def test_cut_response(proxy: FaultProxy, upstream: _Counter) -> None:
    proxy.inject("cut_response")
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        _post(proxy).content  # noqa: B018
    assert len(upstream.bodies) == 1


def test_duplicate(proxy: FaultProxy, upstream: _Counter) -> None:
    proxy.inject("duplicate")
    assert _post(proxy).status_code == 200
    assert len(upstream.bodies) == 2


def test_delay_then_pass_and_path_filter(proxy: FaultProxy, upstream: _Counter) -> None:
    proxy.inject("drop", path="/v1/sync/pull")
    proxy.inject("delay")
    assert _post(proxy).status_code == 200
    assert [f for _m, _p, f in proxy.log] == ["delay"]
    assert proxy.faults_seen() == {"delay"}
