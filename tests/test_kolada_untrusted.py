"""Kolada answers as untrusted input (issue 14): origins, deadlines, sizes and hostile JSON.

Every test talks to local servers only (``127.0.0.1``), with small caps and
deadlines passed per call so that the tests stay fast. The probes of the issue
are here: a redirect or ``next_url`` to another origin, a server that drips
its answer, an answer of hundreds of MB, JSON nested 100,000 deep and a value
of 401 digits; each ends in a :class:`~goalchain.exceptions.KoladaError`.
"""

from __future__ import annotations

import io
import json
import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import goalchain as gc
from _bounds import run_bounded
from goalchain import cli
from goalchain.exceptions import InvalidValueError, KoladaError
from goalchain.io._kolada_http import (
    MAX_JSON_DEPTH,
    MAX_NUMBER_CHARS,
    MAX_REQUEST_SECONDS,
    MAX_RESPONSE_BYTES,
    Cache,
    default_opener,
    origin,
    parse_json,
)
from goalchain.io.kolada import KoladaClient, fetch_into

KPI = "N15436"
DATA = f"/v3/data/kpi/{KPI}/municipality/1231/year/2023"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse to resolve any host but 127.0.0.1, so nothing can reach Kolada."""
    real = socket.getaddrinfo

    def local_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in ("127.0.0.1", b"127.0.0.1"):
            raise OSError(f"test_kolada_untrusted: network access to {host!r} refused")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)


Handler = Callable[[BaseHTTPRequestHandler], None]


class Server:
    """A local server whose routes are functions of the request handler."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[str] = []
        server = self

        class Handle(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.requests.append(self.path)
                route = server.routes.get(self.path)
                try:
                    if route is None:
                        send(self, 404, b'{"error": "not found"}')
                    else:
                        route(self)
                except OSError:  # the client gave up
                    pass

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handle)
        self.httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.base = self.origin + "/v3"
        threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        ).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    headers: dict[str, str] | None = None,
    *,
    length: bool = True,
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json; charset=utf-8")
    if length:
        handler.send_header("Content-Length", str(len(body)))
    else:
        handler.send_header("Connection", "close")
        handler.close_connection = True
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.end_headers()
    handler.wfile.write(body)


def answer(body: bytes | str, **kwargs: Any) -> Handler:
    data = body.encode() if isinstance(body, str) else body
    return lambda h: send(h, 200, data, **kwargs)


def page(value: Any = 78.0, *, next_url: str | None = None, period: Any = 2023) -> str:
    row = {
        "kpi": KPI,
        "municipality": "1231",
        "period": period,
        "values": [{"gender": "T", "count": 1, "status": "", "value": value}],
    }
    return json.dumps({"count": 1, "next_url": next_url, "values": [row]})


@pytest.fixture
def kolada() -> Iterator[Server]:
    srv = Server()
    yield srv
    srv.close()


@pytest.fixture
def other() -> Iterator[Server]:
    """A second server: another origin (another port)."""
    srv = Server()
    yield srv
    srv.close()


def metadata(server: Server) -> None:
    server.routes[f"/v3/kpi/{KPI}"] = answer(
        json.dumps({"values": [{"id": KPI, "title": "Behöriga, andel (%)"}]})
    )


def client(server: Server, **kwargs: Any) -> KoladaClient:
    options: dict[str, Any] = {
        "opener": default_opener(proxies={}),
        "sleep": lambda _s: None,
        "timeout": 2.0,
        "retries": 0,
    }
    options.update(kwargs)
    return KoladaClient(server.base, **options)


def values(server: Server, **kwargs: Any) -> list[Any]:
    return client(server, **kwargs).values(KPI, "1231", 2023)


# ------------------------------------------------------------------ origins
def test_origin() -> None:
    assert origin("https://api.kolada.se/v3") == origin("https://API.kolada.se:443/x")
    assert origin("http://api.kolada.se/v3") != origin("https://api.kolada.se/v3")
    assert origin("http://127.0.0.1:8000/") != origin("http://127.0.0.1:8001/")


def test_redirect_to_another_origin_is_refused_and_not_followed(
    kolada: Server, other: Server
) -> None:
    other.routes[DATA] = answer(page(99.0))
    kolada.routes[DATA] = lambda h: send(h, 302, b"", {"Location": other.origin + DATA})
    with pytest.raises(KoladaError) as caught:
        values(kolada)
    assert "another origin" in str(caught.value) and other.origin in str(caught.value)
    assert caught.value.url == kolada.origin + DATA
    assert other.requests == []  # nothing was asked of the other origin


def test_redirect_with_an_opener_of_your_own_is_refused_once_it_answers(
    kolada: Server, other: Server
) -> None:
    """With an opener that follows every redirect, the answer of another origin is not used."""
    other.routes[DATA] = answer(page(99.0))
    kolada.routes[DATA] = lambda h: send(h, 301, b"", {"Location": other.origin + DATA})
    own = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with pytest.raises(KoladaError, match="another origin"):
        values(kolada, opener=own)


def test_redirect_within_the_origin_is_followed(kolada: Server) -> None:
    kolada.routes[DATA] = lambda h: send(h, 302, b"", {"Location": "/v3/moved"})
    kolada.routes["/v3/moved"] = answer(page(81.5))
    assert [v.value for v in values(kolada)] == [81.5]


def test_next_url_to_another_origin_is_refused(kolada: Server, other: Server) -> None:
    other.routes["/v3/page2"] = answer(page(99.0))
    kolada.routes[DATA] = answer(page(78.0, next_url=other.base + "/page2"))
    metadata(kolada)
    chain = gc.GoalChain(name="K", municipality="1231")
    chain.add_indicator("i1", "Behöriga", unit="percent", kolada=KPI)
    with pytest.raises(KoladaError, match="another origin") as caught:
        fetch_into(chain, 2023, client=client(kolada))
    assert caught.value.field == "next_url"
    assert other.requests == []
    assert chain.measurements() == []  # nothing recorded


def test_next_url_within_the_origin_is_followed(kolada: Server) -> None:
    kolada.routes[DATA] = answer(page(78.0, next_url=kolada.base + "/page2"))
    kolada.routes["/v3/page2"] = answer(page(79.0, period=2022))
    assert [v.value for v in values(kolada)] == [78.0, 79.0]


# ------------------------------------------------------------------ deadline
def drip(body: bytes, every: float) -> Handler:
    """Send the headers, then the body one byte every *every* seconds."""

    def handle(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        for byte in body:
            h.wfile.write(bytes([byte]))
            h.wfile.flush()
            time.sleep(every)

    return handle


def drip_headers(every: float) -> Handler:
    """Send the status line and headers one byte every *every* seconds."""

    def handle(h: BaseHTTPRequestHandler) -> None:
        head = b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 200 + b"\r\n\r\n"
        for byte in head:
            h.wfile.write(bytes([byte]))
            h.wfile.flush()
            time.sleep(every)

    return handle


@pytest.mark.parametrize("slow", [drip(page().encode(), 0.05), drip_headers(0.05)])
def test_a_dripping_server_is_cut_at_the_deadline(kolada: Server, slow: Handler) -> None:
    """Each byte comes well within the timeout (2 s), yet the answer takes ~10 s: cut at 0.5 s."""
    kolada.routes[DATA] = slow
    start = time.monotonic()
    with pytest.raises(KoladaError, match=r"no complete answer within 0\.5 s") as caught:
        values(kolada, deadline=0.5)
    assert time.monotonic() - start < 2.0
    assert caught.value.url == kolada.origin + DATA


def test_deadline_with_an_opener_of_your_own_is_checked_between_reads(kolada: Server) -> None:
    kolada.routes[DATA] = drip(page().encode(), 0.05)
    own = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    start = time.monotonic()
    with pytest.raises(KoladaError, match=r"no complete answer within 0\.5 s"):
        values(kolada, deadline=0.5, opener=own)
    assert time.monotonic() - start < 2.0


def test_a_missed_deadline_is_retried_like_a_timeout(kolada: Server) -> None:
    calls = iter([drip(page().encode(), 0.05), answer(page(80.0))])
    kolada.routes[DATA] = lambda h: next(calls)(h)
    assert [v.value for v in values(kolada, deadline=0.3, retries=1)] == [80.0]


def test_limits_are_checked() -> None:
    for bad in ({"deadline": 0}, {"deadline": float("inf")}, {"max_bytes": 0}):
        with pytest.raises(InvalidValueError):
            KoladaClient(**bad)  # type: ignore[arg-type]
    assert MAX_REQUEST_SECONDS == 60 and MAX_RESPONSE_BYTES == 16 * 1024 * 1024


# ------------------------------------------------------------------ size
@pytest.mark.parametrize("length", [True, False])
def test_an_answer_above_the_cap_is_refused(kolada: Server, length: bool) -> None:
    """With a Content-Length it is refused before reading; without, while reading."""
    body = page().encode() + b" " * 5000
    kolada.routes[DATA] = answer(body, length=length)
    with pytest.raises(KoladaError, match="larger than 2,000 bytes"):
        values(kolada, max_bytes=2000)
    assert values(kolada, max_bytes=len(body))[0].value == 78.0


def test_a_400_mb_answer_is_refused_within_little_memory() -> None:
    """The probe: a server streams 400 MB, no Content-Length (read whole, 1.3 GB, before)."""
    run = run_bounded(
        """
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        from goalchain.exceptions import KoladaError
        from goalchain.io.kolada import KoladaClient
        import urllib.request

        class H(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    self.wfile.write(b'{"values": [], "pad": "')
                    block = b"x" * (1 << 20)
                    for _ in range(400):
                        self.wfile.write(block)
                    self.wfile.write(b'"}')
                except OSError:
                    pass
            def log_message(self, *a):
                pass

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}/v3"
        client = KoladaClient(base, retries=0, sleep=lambda s: None,
                              opener=urllib.request.build_opener(urllib.request.ProxyHandler({})))
        try:
            client.values("N15436", "1231", 2023)
        except KoladaError as err:
            print("refused:", err)
        """,
        seconds=30,
        megabytes=700,
    )
    assert "refused:" in run.stdout and "larger than 16,777,216 bytes" in run.stdout, run.stderr


# ------------------------------------------------------------------ hostile JSON
def test_json_nested_100000_deep_is_a_kolada_error(kolada: Server) -> None:
    kolada.routes[DATA] = answer("[" * 100_000 + "]" * 100_000)
    with pytest.raises(KoladaError, match="nests lists and objects deeper than 64"):
        values(kolada)


def test_json_nested_below_the_recursion_limit_but_above_the_cap(kolada: Server) -> None:
    kolada.routes[DATA] = answer('{"values": ' + "[" * 100 + "]" * 100 + "}")
    with pytest.raises(KoladaError, match=f"deeper than {MAX_JSON_DEPTH}"):
        values(kolada)


def test_a_401_digit_value_names_the_kpi_and_field(kolada: Server) -> None:
    kolada.routes[DATA] = answer(page(78.0).replace("78.0", "9" * 401))
    with pytest.raises(KoladaError) as caught:
        values(kolada)
    err = caught.value
    assert err.field == "values[0].values[0].value"
    assert f"KPI {KPI}" in str(err) and "does not fit a float" in str(err)
    assert isinstance(err, gc.GoalchainError)


@pytest.mark.parametrize(
    ("literal", "message"),
    [
        ("1e400", "expected a finite number or null, got inf"),
        ("-1e400", "expected a finite number or null, got -inf"),
        ("NaN", "NaN is not a number JSON allows"),
        ("Infinity", "Infinity is not a number JSON allows"),
        ("-Infinity", "-Infinity is not a number JSON allows"),
        ("1" * (MAX_NUMBER_CHARS + 1), "a number of 1,001 characters"),
        ("0." + "1" * MAX_NUMBER_CHARS, "a number of 1,002 characters"),
        ("1" * 5000, "a number of 5,000 characters"),
    ],
)
def test_non_finite_and_oversized_numbers_are_refused(
    kolada: Server, literal: str, message: str
) -> None:
    kolada.routes[DATA] = answer(page(78.0).replace("78.0", literal))
    with pytest.raises(KoladaError, match=message):
        values(kolada)


@pytest.mark.parametrize("period", ["²⁰²⁴", "٢٠٢٤", "1" * 5000, "20245"])
def test_a_period_that_is_no_year_is_refused(kolada: Server, period: str) -> None:
    kolada.routes[DATA] = answer(page(period=period))
    with pytest.raises(KoladaError, match="expected a year such as 2024") as caught:
        values(kolada)
    assert caught.value.field == "values[0].period"


def test_parse_json() -> None:
    assert parse_json(b'{"a": [1, 2.5, null]}', url="u") == {"a": [1, 2.5, None]}
    with pytest.raises(KoladaError, match="not UTF-8"):
        parse_json(b"\xff", url="u")
    with pytest.raises(KoladaError, match="not valid JSON"):
        parse_json(b"{", url="u")
    assert parse_json(b"[" * 64 + b"]" * 64, url="u") == parse_json("[" * 64 + "]" * 64)
    with pytest.raises(KoladaError, match="deeper than 64"):
        parse_json(b"[" * 65 + b"]" * 65, url="u")


def test_a_hostile_cache_file_is_no_answer(tmp_path: Path) -> None:
    """A cache file nested 100,000 deep is treated as missing, not a RecursionError."""
    cache = Cache(tmp_path)
    url = "https://api.kolada.se/v3/kpi/N15436"
    cache.path(url).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert cache.get(url) is None


# ------------------------------------------------------------------ the command line
def _fetch_args(path: Path, base: str) -> list[str]:
    return ["kolada", "fetch", str(path), "--years", "2023", "--base-url", base, "--no-progress"]


@pytest.mark.parametrize(
    "body",
    ["[" * 100_000 + "]" * 100_000, page(78.0).replace("78.0", "9" * 401)],
    ids=["nested", "401-digits"],
)
def test_cli_prints_one_line_and_exits_2(
    kolada: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str
) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    chain = gc.GoalChain(name="K", municipality="1231")
    chain.add_indicator("i1", "Behöriga", unit="percent", kolada=KPI)
    path = tmp_path / "k.yaml"
    gc.dump(chain, path)
    before = path.read_bytes()
    metadata(kolada)
    kolada.routes[DATA] = answer(body)
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(_fetch_args(path, kolada.base), out=out, err=err) == 2
    lines = err.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith("goalchain: Kolada http://127.0.0.1")
    assert "Traceback" not in err.getvalue()
    assert path.read_bytes() == before
