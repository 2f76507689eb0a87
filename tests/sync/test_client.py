"""sync.client against small real HTTP servers on 127.0.0.1: every failure a volunteer can meet
becomes a typed error with a plain Dutch message. (The real Digipunt server: tests/e2e/.)"""

from __future__ import annotations

import gzip
import json
import socket
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sync import client as sc
from sync.protocol import PushRequest, Record

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC).isoformat()

Handler = Callable[[BaseHTTPRequestHandler, bytes], tuple[int, str, bytes]]


class _Stub:
    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.seen: list[tuple[str, str, dict[str, str], bytes]] = []
        stub = self

        class H(BaseHTTPRequestHandler):
            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                stub.seen.append((self.command, self.path, dict(self.headers), body))
                status, ctype, out = stub.handler(self, body)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            do_GET = do_POST = _any

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, args=(0.02,), daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stub() -> Iterator[Callable[[Handler], _Stub]]:
    made: list[_Stub] = []

    def make(handler: Handler) -> _Stub:
        made.append(_Stub(handler))
        return made[-1]

    yield make
    for s in made:
        s.close()


def _json(status: int, body: object, ctype: str = "application/json") -> tuple[int, str, bytes]:
    return status, ctype, json.dumps(body).encode()


def _problem(status: int, detail: str) -> tuple[int, str, bytes]:
    return _json(status, {"title": "x", "status": status, "detail": detail},
                 "application/problem+json")


def _health_then(other: Callable[[str, bytes], tuple[int, str, bytes]]) -> Handler:
    def handler(req: BaseHTTPRequestHandler, body: bytes) -> tuple[int, str, bytes]:
        if req.path == "/v1/health":
            return _json(200, {"status": "ok", "server_time": NOW})
        return other(req.path, body)

    return handler


def test_enrol_happy_path_sends_agent_and_no_token(stub) -> None:
    answer = {
        "device_id": "d1", "token": "secret", "server_time": NOW,
        "digipunt": {"id": "p1", "name": "Bib Gent", "municipality": "Gent",
                     "organisation_type": "library", "digibank_id": "b1",
                     "digibank_name": "Digibank Gent"},
    }
    s = stub(_health_then(lambda path, body: _json(200, answer)))
    result = sc.SyncClient(s.url).enrol(" ABCD-1234 ", "pc-balie")
    assert result.token == "secret" and result.digipunt.name == "Bib Gent"
    method, path, headers, body = s.seen[-1]
    assert (method, path) == ("POST", "/v1/enrol")
    assert json.loads(body) == {"code": "ABCD-1234", "device_name": "pc-balie"}
    assert headers["User-Agent"].startswith("Digipunt/")
    assert "Authorization" not in headers


def test_not_a_digipunt_server_is_wrong_address(stub) -> None:
    s = stub(lambda req, body: (200, "text/html", b"<html>Welkom op onze website</html>"))
    with pytest.raises(sc.WrongAddress) as err:
        sc.SyncClient(s.url).enrol("X", "pc")
    assert "geen Digipunt-server" in str(err.value)


def test_html_404_is_wrong_address(stub) -> None:
    s = stub(lambda req, body: (404, "text/html", b"<h1>Not Found</h1>"))
    with pytest.raises(sc.WrongAddress):
        sc.SyncClient(s.url).health()


@pytest.mark.parametrize("status", [400, 404, 409, 410, 422])
def test_used_or_expired_code(stub, status: int) -> None:
    s = stub(_health_then(lambda path, body: _problem(status, "code already used")))
    with pytest.raises(sc.EnrolCodeInvalid) as err:
        sc.SyncClient(s.url).enrol("ABCD", "pc")
    assert "al gebruikt, verlopen" in str(err.value)
    assert err.value.detail == "code already used"


def test_no_network() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(sc.NoNetwork) as err:
        sc.SyncClient(f"http://127.0.0.1:{port}").health()
    assert "niet bereikbaar" in str(err.value)
    assert err.value.retryable


def test_certificate_problem(stub) -> None:
    # TLS spoken to a plain-HTTP port fails the handshake like a bad certificate does.
    s = stub(lambda req, body: _json(200, {}))
    url = s.url.replace("http://", "https://")
    with pytest.raises(sc.CertificateProblem) as err:
        sc.SyncClient(url).health()
    assert "certificaat" in str(err.value)


@pytest.mark.parametrize(
    ("status", "error", "words"),
    [
        (401, sc.DeviceRevoked, "ingetrokken"),
        (403, sc.Forbidden, "geen toegang"),
        (413, sc.TooLarge, "te groot"),
        (429, sc.RateLimited, "Te veel"),
        (500, sc.ServerError, "fout"),
        (502, sc.NoNetwork, "niet bereikbaar"),
        (400, sc.RequestRejected, "weigert"),
    ],
)
def test_problem_statuses_become_typed_errors(stub, status, error, words) -> None:
    s = stub(lambda req, body: _problem(status, "why"))
    client = sc.SyncClient(s.url, token="tok")
    with pytest.raises(error) as err:
        client.config()
    assert words in str(err.value)
    assert err.value.status == status


def test_push_is_gzipped_with_bearer_and_counted(stub) -> None:
    def answer(path: str, body: bytes) -> tuple[int, str, bytes]:
        records = json.loads(gzip.decompress(body))["records"]
        results = [{"id": r["id"], "rev": r["rev"], "status": "accepted"} for r in records]
        return _json(200, {"results": results, "server_time": NOW})

    s = stub(_health_then(answer))
    client = sc.SyncClient(s.url, token="tok")
    records = [
        Record(type="helper", id=f"h{i}", rev=1, base_rev=0, updated_at=NOW,
               payload={"digipunt_id": "p", "display_name": f"Helper {i}"})
        for i in range(50)
    ]
    response = client.push(PushRequest(batch_id="b1", client_time=NOW, records=records))
    assert [r.status for r in response.results] == ["accepted"] * 50
    _m, _p, headers, body = s.seen[-1]
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Authorization"] == "Bearer tok"
    assert client.stats.requests == 1 and client.stats.bytes_sent == len(body)


def test_malformed_answer_is_server_error(stub) -> None:
    s = stub(lambda req, body: _json(200, {"changes": "nope"}))
    with pytest.raises(sc.ServerError):
        sc.SyncClient(s.url, token="t").pull(0)


def test_not_enrolled_has_no_token() -> None:
    with pytest.raises(sc.DeviceRevoked) as err:
        sc.SyncClient("http://127.0.0.1:9", token=None).config()
    assert "nog niet ingeschreven" in str(err.value)


@pytest.mark.parametrize("text", ["", "   ", "ftp://x", "http://", "a b"])
def test_bad_addresses(text: str) -> None:
    with pytest.raises(sc.WrongAddress):
        sc.normalise_server_url(text)


def test_address_gets_https_and_loses_slash() -> None:
    assert sc.normalise_server_url(" digipunt.gent.be/ ") == "https://digipunt.gent.be"
    assert sc.normalise_server_url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"


def test_export_streams_csv(stub) -> None:
    csv = b"id;date\n" + b"".join(b"%d;2026-01-01\n" % i for i in range(5000))
    s = stub(lambda req, body: (200, "text/csv", csv))
    client = sc.SyncClient(s.url, token="coord")
    from datetime import date

    got = b"".join(client.export_sessions_csv(date(2026, 1, 1), date(2026, 12, 31)))
    assert got == csv
    assert "from=2026-01-01" in s.seen[-1][1]


def test_push_answers_as_dicts_are_checked_like_the_model() -> None:
    results = [{"id": "a", "rev": 2, "status": "accepted"},
               {"id": "b", "rev": 1, "status": "rejected", "detail": "te lang"}]
    raw = json.dumps({"results": results, "server_time": NOW}).encode()
    answer = sc.SyncClient.parse_push_answer(raw, 200)
    model = sc.SyncClient.parse_push(raw, 200)
    assert answer["results"] == results
    assert answer["server_time"] == model.server_time
    bad_status = json.dumps({"results": [{"id": "a", "rev": 1, "status": "ok"}],
                             "server_time": NOW}).encode()
    no_time = json.dumps({"results": results}).encode()
    for wrong in (bad_status, no_time):
        for parse in (sc.SyncClient.parse_push, sc.SyncClient.parse_push_answer):
            with pytest.raises(sc.ServerError):
                parse(wrong, 200)
    with pytest.raises(sc.WrongAddress):
        sc.SyncClient.parse_push_answer(b"<html>proxy login</html>", 200)


def test_a_proxy_from_the_environment_is_used(stub, monkeypatch) -> None:
    """Library PCs may reach the internet only through a proxy set in the environment."""
    proxy = stub(lambda req, body: _json(200, {"protocol": 1, "max_batch_records": 500,
                                               "max_body_bytes": 5_000_000,
                                               "server_time": NOW}))
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    client = sc.SyncClient("http://digipunt.invalid", token="tok")
    for _ in range(2):
        assert client.config().max_batch_records == 500
    assert [path for _m, path, _h, _b in proxy.seen] == [
        "http://digipunt.invalid/v1/sync/config"] * 2
