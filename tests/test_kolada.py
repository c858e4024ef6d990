"""The Kolada client and fetch_into, against recorded responses on a local HTTP server.

The responses under ``tests/fixtures/kolada/`` are shaped like the v3 API's
(their ``next_url`` point at ``https://api.kolada.se/v3``; the server rewrites
that to its own address). No test touches the network: name resolution is
refused for every host but 127.0.0.1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import doctest
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
from goalchain import _cli_kolada
from goalchain.exceptions import DuplicateError, InvalidValueError, KoladaError
from goalchain.io.kolada import (
    DEFAULT_BASE_URL,
    KoladaClient,
    fetch_into,
    parse_years,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "kolada"
REAL = "https://api.kolada.se/v3"
KPIS = "N15436,N15419,U23401,N01951"
DATA = f"/data/kpi/{KPIS}/municipality/1231/year/2021,2022,2023"
T0 = dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC)


# --------------------------------------------------------------------- no network
@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse to resolve any host but 127.0.0.1, so nothing can reach Kolada."""
    real = socket.getaddrinfo

    def local_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in ("127.0.0.1", b"127.0.0.1"):
            raise OSError(f"test_kolada: network access to {host!r} refused")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)


# --------------------------------------------------------------------- the server
Response = tuple[int, bytes, dict[str, str], float]


class KoladaServer:
    """Serves fixture files by path; a route may give a sequence of responses."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Response]] = {}
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                queue = server.routes.get(self.path)
                missing: Response = (404, b'{"error": "not found"}', {}, 0.0)
                if not queue:
                    status, body, headers, delay = missing
                else:
                    status, body, headers, delay = queue.pop(0) if len(queue) > 1 else queue[0]
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up (a timeout test)
                    pass

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/v3"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self.thread.start()

    def body(self, name: str) -> bytes:
        return (FIXTURES / name).read_bytes().replace(REAL.encode(), self.base.encode())

    def route(self, path: str, *responses: str | Response) -> None:
        """Serve *responses* in turn at *path* (the last repeats); a str names a fixture."""
        queue = [(200, self.body(r), {}, 0.0) if isinstance(r, str) else r for r in responses]
        self.routes["/v3" + path] = queue

    def standard(self) -> None:
        """The KPI metadata and the three data pages of the test chain."""
        self.route(f"/kpi/{KPIS}", "kpi.json")
        self.route(DATA, "data_page1.json")
        self.route(DATA + "?page=2&per_page=3", "data_page2.json")
        self.route(DATA + "?page=3&per_page=3", "data_page3.json")

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[KoladaServer]:
    srv = KoladaServer()
    yield srv
    srv.close()


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def make_client(server: KoladaServer, sleeps: list[float]) -> Callable[..., KoladaClient]:
    def make(**kwargs: Any) -> KoladaClient:
        options: dict[str, Any] = {
            "opener": urllib.request.build_opener(urllib.request.ProxyHandler({})),
            "sleep": sleeps.append,
            "clock": Clock(),
            "timeout": 2.0,
            "retries": 2,
            "backoff": 0.01,
        }
        options.update(kwargs)
        return KoladaClient(server.base, **options)

    return make


def chain(municipality: str | None = "1231") -> gc.GoalChain:
    c = gc.GoalChain(name="Burlövs kommun", model="classic", municipality=municipality)
    c.add_goal("vision", "Burlöv", level="vision")
    c.add_goal("kf1", "Fler elever ska nå gymnasiebehörighet", level="council", parents=["vision"])
    c.add_indicator(
        "i1",
        "Behöriga till yrkesprogram",
        parents=["kf1"],
        unit="percent",
        direction="increase",
        kolada="N15436",
    )
    c.add_indicator(
        "i2",
        "Kunskapskraven i alla ämnen",
        parents=["kf1"],
        unit="percent",
        direction="increase",
        kolada="N15419",
    )
    c.add_indicator(
        "i6",
        "Väntetid särskilt boende",
        parents=["kf1"],
        unit="day",
        direction="decrease",
        kolada="U23401",
    )
    c.add_indicator(
        "i9",
        "Invånare (fel enhet)",
        parents=["kf1"],
        unit="percent",
        direction="increase",
        kolada="N01951",
    )
    c.add_indicator("i10", "Egen enkät", parents=["kf1"], unit="percent", direction="increase")
    return c


# --------------------------------------------------------------------- requests
def test_more_than_25_ids_are_split(server: KoladaServer, make_client: Any) -> None:
    kpis = [f"N{i:05d}" for i in range(30)]
    first, second = ",".join(kpis[:25]), ",".join(kpis[25:])
    empty: Response = (200, b'{"count": 0, "values": [], "next_url": null}', {}, 0.0)
    server.route(f"/data/kpi/{first}/municipality/1231/year/2023", empty)
    server.route(f"/data/kpi/{second}/municipality/1231/year/2023", empty)
    client = make_client()
    assert client.values(kpis, ["1231"], [2023]) == []
    assert [p.count(",") + 1 for p in (r.split("/")[4] for r in server.requests)] == [25, 5]
    assert len(client.data_urls(["N1"], [f"{i:04d}" for i in range(60)], "2000-2030")) == 3 * 2


def test_pagination_follows_next_url(server: KoladaServer, make_client: Any) -> None:
    server.standard()
    values = make_client().values(KPIS.split(","), "1231", "2021-2023", gender="TKM")
    assert len(server.requests) == 3
    assert len(values) == 9 + 9 + 5
    assert sorted({v.url.removeprefix(server.base) for v in values}) == [
        DATA,
        DATA + "?page=2&per_page=3",
        DATA + "?page=3&per_page=3",
    ]
    assert all(v.fetched_at == "2025-03-01T09:30:00Z" for v in values)


def test_next_url_loop_raises(server: KoladaServer, make_client: Any) -> None:
    looping = json.loads(server.body("data_page1.json"))
    looping["next_url"] = server.base + DATA  # back to the first page
    server.route(DATA, (200, json.dumps(looping).encode(), {}, 0.0))
    with pytest.raises(KoladaError, match="loops"):
        make_client().values(KPIS.split(","), "1231", "2021-2023")


def test_too_many_pages_raise(server: KoladaServer, make_client: Any) -> None:
    server.standard()
    with pytest.raises(KoladaError, match="more than 2 pages"):
        make_client(max_pages=2).values(KPIS.split(","), "1231", "2021-2023")


def test_retries_then_success(server: KoladaServer, make_client: Any, sleeps: list[float]) -> None:
    error: Response = (503, b'{"error": "busy"}', {}, 0.0)
    failure: Response = (500, b"oops", {}, 0.0)
    server.route(f"/kpi/{KPIS}", error, failure, (200, server.body("kpi.json"), {}, 0.0))
    infos = make_client().kpi(KPIS.split(","))
    assert [i.id for i in infos] == ["N15436", "N15419", "U23401", "N01951"]
    assert infos[0].is_percent and infos[0].is_divided_by_gender and not infos[3].is_percent
    assert infos[0].auspice == "E" and infos[0].data["perspective"] == "Resultat"
    assert sleeps == [0.01, 0.02]
    assert len(server.requests) == 3


def test_retries_exhausted_raise_and_leave_the_chain(
    server: KoladaServer, make_client: Any, sleeps: list[float]
) -> None:
    server.route(f"/kpi/{KPIS}", "kpi.json")
    server.route(DATA, (500, b"Internal Server Error", {}, 0.0))
    c = chain()
    c.record("i1", 2020, 70.0)
    before = c.copy()
    with pytest.raises(KoladaError) as info:
        fetch_into(c, "2021-2023", client=make_client())
    assert info.value.status == 500 and info.value.url == server.base + DATA
    assert "HTTP 500" in str(info.value) and "3 attempt(s)" in str(info.value)
    assert isinstance(info.value, ConnectionError) and isinstance(info.value, gc.GoalchainError)
    assert sleeps == [0.01, 0.02]
    assert c == before and c.measurements() == before.measurements()


def test_404_fails_at_once(server: KoladaServer, make_client: Any, sleeps: list[float]) -> None:
    with pytest.raises(KoladaError, match="HTTP 404") as info:
        make_client().kpi("N99999")
    assert info.value.status == 404
    assert len(server.requests) == 1 and sleeps == []


def test_retry_after_is_respected(
    server: KoladaServer, make_client: Any, sleeps: list[float]
) -> None:
    limited = (429, b'{"error": "too many requests"}', {"Retry-After": "7"}, 0.0)
    server.route(f"/kpi/{KPIS}", limited, "kpi.json")
    assert len(make_client().kpi(KPIS.split(","))) == 4
    assert sleeps == [7.0]


def test_retry_after_as_http_date(
    server: KoladaServer, make_client: Any, sleeps: list[float]
) -> None:
    when = "Sat, 01 Mar 2025 09:30:05 GMT"  # five seconds after the test clock's now
    server.route(f"/kpi/{KPIS}", (503, b"", {"Retry-After": when}, 0.0), "kpi.json")
    make_client().kpi(KPIS.split(","))
    assert sleeps == [5.0]


def test_timeouts_are_retried_then_raise(
    server: KoladaServer, make_client: Any, sleeps: list[float]
) -> None:
    server.route(f"/kpi/{KPIS}", (200, server.body("kpi.json"), {}, 0.4))
    started = time.monotonic()
    with pytest.raises(KoladaError, match="timed out") as info:
        make_client(timeout=0.05, retries=1).kpi(KPIS.split(","))
    assert time.monotonic() - started < 0.4
    assert info.value.status is None and sleeps == [0.01]


def test_malformed_json_names_the_url(server: KoladaServer, make_client: Any) -> None:
    server.route(f"/kpi/{KPIS}", "kpi.json")
    server.route(DATA, "data_truncated.json")
    c = chain()
    with pytest.raises(KoladaError, match="not valid JSON") as info:
        fetch_into(c, "2021-2023", client=make_client())
    assert info.value.url == server.base + DATA
    assert c.measurements() == []


def test_missing_key_names_url_and_field(server: KoladaServer, make_client: Any) -> None:
    server.route(f"/kpi/{KPIS}", "kpi.json")
    server.route(DATA, "data_malformed.json")
    c = chain()
    with pytest.raises(KoladaError) as info:
        fetch_into(c, "2021-2023", client=make_client())
    assert info.value.field == "values[1].period"
    assert server.base + DATA in str(info.value) and "values[1].period" in str(info.value)
    assert c.measurements() == []  # the good first row was not recorded either


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"count": 0}, "values"),
        (
            {"values": [{"kpi": "N1", "municipality": 1231, "period": 2022, "values": []}]},
            "values[0].municipality",
        ),
        (
            {
                "values": [
                    {
                        "kpi": "N1",
                        "municipality": "1231",
                        "period": 2022,
                        "values": [{"gender": "X", "value": 1}],
                    }
                ]
            },
            "values[0].values[0].gender",
        ),
        (
            {
                "values": [
                    {
                        "kpi": "N1",
                        "municipality": "1231",
                        "period": 2022,
                        "values": [{"gender": "T", "value": "78"}],
                    }
                ]
            },
            "values[0].values[0].value",
        ),
        (
            {
                "values": [
                    {
                        "kpi": "N1",
                        "municipality": "1231",
                        "period": 2022,
                        "values": [{"gender": "T"}],
                    }
                ]
            },
            "values[0].values[0].value",
        ),
        ({"values": [], "next_url": 7}, "next_url"),
    ],
)
def test_malformed_fields(
    server: KoladaServer, make_client: Any, body: dict[str, Any], field: str
) -> None:
    server.route(
        "/data/kpi/N1/municipality/1231/year/2022", (200, json.dumps(body).encode(), {}, 0.0)
    )
    if field == "next_url":  # an empty page ends the pagination; make it non-empty
        body["values"] = [{"kpi": "N1", "municipality": "1231", "period": 2022, "values": []}]
        server.route(
            "/data/kpi/N1/municipality/1231/year/2022", (200, json.dumps(body).encode(), {}, 0.0)
        )
    with pytest.raises(KoladaError) as info:
        make_client().values("N1", "1231", 2022)
    assert info.value.field == field


# --------------------------------------------------------------------- fetch_into
def test_fetch_into_records_with_provenance(server: KoladaServer, make_client: Any) -> None:
    server.standard()
    c = chain()
    progress: list[tuple[int, int]] = []
    report = fetch_into(
        c, "2021-2023", client=make_client(), progress=lambda d, t: progress.append((d, t))
    )
    assert progress == [(1, 2), (2, 2)]
    assert c.series("i2") == {
        gc.Period.parse(y): v for y, v in [(2021, 62.4), (2022, 64.1), (2023, 66.1)]
    }
    assert c.series("i6") == {gc.Period.parse(2022): 71.0, gc.Period.parse(2023): 64.0}
    m = c.measurements("i1")[0]
    assert m.source == "Kolada" and m.gender == "T" and m.unit == "percent"
    assert m.extra["kolada"]["kpi"] == "N15436"
    assert m.extra["kolada"]["municipality"] == "1231"
    assert m.extra["kolada"]["url"] == server.base + DATA + "?page=2&per_page=3"
    assert m.extra["kolada"]["fetched_at"] == "2025-03-01T09:30:00Z"
    assert len(report.recorded) == 2 + 3 + 2 and report.requests == 4
    assert "i10" not in {r.indicator for r in report.recorded}
    text = report.summary()
    assert "7 measurement(s) recorded" in text and "status Missing" in text


def test_nulls_stay_missing(server: KoladaServer, make_client: Any) -> None:
    server.standard()
    c = chain()
    report = fetch_into(c, "2021-2023", client=make_client())
    assert gc.Period.parse(2023) not in c.series("i1")  # null, not 0
    assert ("i1", 2023, "T", "Kolada's value of N15436 is null (status Missing)") in report.missing
    assert ("i6", 2021, "T", "Kolada has no value of U23401") in report.missing
    values = make_client().values(KPIS.split(","), "1231", "2021-2023")
    assert [v.value for v in values if v.kpi == "N15436"] == [77.3, 78.0, None]


def test_genders(server: KoladaServer, make_client: Any) -> None:
    server.standard()
    c = chain()
    fetch_into(c, "2021-2023", client=make_client(), gender="TKM")
    assert c.series("i2", gender="K")[gc.Period.parse(2021)] == 66.2
    assert c.series("i2", gender="M")[gc.Period.parse(2021)] == 58.9
    assert c.series("i2", gender="T")[gc.Period.parse(2021)] == 62.4
    d = chain()
    fetch_into(d, "2021-2023", client=make_client())
    assert {m.gender for m in d.measurements()} == {"T"}
    with pytest.raises(InvalidValueError, match="gender"):
        fetch_into(d, 2022, client=make_client(), gender="X")


def test_unit_that_does_not_fit_is_reported(server: KoladaServer, make_client: Any) -> None:
    server.standard()
    c = chain()
    report = fetch_into(c, "2021-2023", client=make_client())
    assert c.measurements("i9") == []
    assert any(n.startswith("i9:") and "not a share in percent" in n for n in report.unit_notes)


def test_permille_indicator_is_converted(server: KoladaServer, make_client: Any) -> None:
    server.standard()
    c = chain()
    c.update("i2", unit="permille")
    fetch_into(c, "2021-2023", client=make_client())
    assert c.series("i2")[gc.Period.parse(2021)] == pytest.approx(624.0)


def test_conflicts_are_listed_unless_replace(server: KoladaServer, make_client: Any) -> None:
    server.standard()
    c = chain()
    c.record("i2", 2021, 60.0, source="egen")
    c.record("i2", 2022, 64.1)  # the same as Kolada's: not a conflict
    before = c.copy()
    with pytest.raises(DuplicateError) as info:
        fetch_into(c, "2021-2023", client=make_client())
    assert "i2 2021 (T): the chain has 60 from egen, Kolada 62.4" in str(info.value)
    assert c.measurements() == before.measurements()
    report = fetch_into(c, "2021-2023", client=make_client(), replace=True)
    assert c.series("i2")[gc.Period.parse(2021)] == 62.4
    assert report.unchanged == 1
    again = fetch_into(c, "2021-2023", client=make_client())  # nothing new
    assert again.recorded == () and again.unchanged == 7


def test_provenance_survives_dump_and_load(server: KoladaServer, make_client: Any) -> None:
    server.standard()
    c = chain()
    fetch_into(c, "2021-2023", client=make_client(), gender="TK")
    for fmt in ("yaml", "json"):
        back = gc.loads(gc.dumps(c, format=fmt), format=fmt)
        assert back == c
        assert back.measurements() == c.measurements()
        m = back.measurements("i2", gender="K")[0]
        assert m.source == "Kolada" and m.extra["kolada"]["fetched_at"].endswith("Z")


def test_municipality_codes_stay_strings(server: KoladaServer, make_client: Any) -> None:
    server.route("/kpi/N15436,N15419,U23401,N01951", "kpi.json")
    server.route(f"/data/kpi/{KPIS}/municipality/0192/year/2022,2023", "data_0192.json")
    c = chain(municipality="0192")
    report = fetch_into(c, [2022, 2023], client=make_client())
    assert report.municipality == "0192"
    assert c.measurements("i2")[0].extra["kolada"]["municipality"] == "0192"
    assert "0192" in gc.dumps(c)
    assert gc.loads(gc.dumps(c)).measurements("i2")[0].extra["kolada"]["municipality"] == "0192"
    with pytest.raises(InvalidValueError, match="'0192'"):
        fetch_into(c, 2022, client=make_client(), municipality=192)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="municipality"):
        fetch_into(chain(municipality=None), 2022, client=make_client())


def test_chain_without_kolada_indicators(make_client: Any, server: KoladaServer) -> None:
    c = gc.GoalChain(name="x", model="classic", municipality="1231")
    report = fetch_into(c, 2024, client=make_client())
    assert report.recorded == () and server.requests == []


# --------------------------------------------------------------------- the cache
def test_cache_hit_miss_and_offline(server: KoladaServer, make_client: Any, tmp_path: Path) -> None:
    server.standard()
    cache = tmp_path / "cache"
    fetch_into(chain(), "2021-2023", client=make_client(cache_dir=cache))
    assert len(server.requests) == 4 and len(list(cache.glob("*.json"))) == 4
    entry = json.loads(next(cache.glob("*.json")).read_text(encoding="utf-8"))
    assert entry["fetched_at"] == "2025-03-01T09:30:00Z" and "values" in entry["data"]

    # a hit: nothing asked of the server
    c = chain()
    fetch_into(c, "2021-2023", client=make_client(cache_dir=cache))
    assert len(server.requests) == 4
    assert c.measurements("i1")[0].extra["kolada"]["fetched_at"] == "2025-03-01T09:30:00Z"

    # offline: the cache only, also when the entries are old
    server.close()
    clock = Clock()
    clock.now = T0 + dt.timedelta(days=400)
    offline = make_client(cache_dir=cache, offline=True, clock=clock, max_age=60)
    d = chain()
    fetch_into(d, "2021-2023", client=offline)
    assert d.measurements() == c.measurements()
    with pytest.raises(KoladaError, match="not in the cache") as info:
        offline.values("N15436", "1231", 2019)
    assert info.value.url is not None and info.value.url.endswith("/year/2019")


def test_cache_max_age(server: KoladaServer, make_client: Any, tmp_path: Path) -> None:
    server.route(f"/kpi/{KPIS}", "kpi.json")
    clock = Clock()
    client = make_client(cache_dir=tmp_path, clock=clock, max_age=3600)
    client.kpi(KPIS.split(","))
    clock.now = T0 + dt.timedelta(minutes=30)
    client.kpi(KPIS.split(","))
    assert len(server.requests) == 1  # fresh: from the cache
    clock.now = T0 + dt.timedelta(hours=2)
    client.kpi(KPIS.split(","))
    assert len(server.requests) == 2  # stale: fetched again


def test_offline_needs_a_cache() -> None:
    with pytest.raises(InvalidValueError, match="cache"):
        KoladaClient(offline=True)


def test_default_client_never_reaches_the_network() -> None:
    assert DEFAULT_BASE_URL == "https://api.kolada.se/v3"
    sleeps: list[float] = []
    with pytest.raises(KoladaError, match="refused"):
        KoladaClient(retries=1, sleep=sleeps.append).kpi("N15436")
    assert sleeps == [0.5]


def test_parse_years() -> None:
    assert parse_years("2019-2021,2024") == (2019, 2020, 2021, 2024)
    assert parse_years(range(2020, 2022)) == (2020, 2021)
    for bad in ("20x", "", "1800", True):
        with pytest.raises(InvalidValueError):
            parse_years(bad)


# --------------------------------------------------------------------- the command
def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="goalchain")
    _cli_kolada.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_cli_fetch_writes_the_chain(
    server: KoladaServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    server.standard()
    source = tmp_path / "burlov.yaml"
    gc.dump(chain(), source)
    before = source.read_text(encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    common = ["--base-url", server.base, "--cache", str(tmp_path / "c")]
    out_file = str(tmp_path / "o.yaml")
    args = _parse(["kolada", "fetch", str(source), "--years", "2021-2023", "-o", out_file, *common])
    assert _cli_kolada.run(args, out, err) == 0
    assert source.read_text(encoding="utf-8") == before  # -o: FILE untouched
    written = gc.load(tmp_path / "o.yaml")
    assert written.series("i2")[gc.Period.parse(2022)] == 64.1
    assert "7 measurement(s) recorded" in out.getvalue()
    assert "Kolada [" in err.getvalue() and err.getvalue().endswith("2/2\n")

    # offline from the cache, written back to FILE
    server.close()
    offline = ["--offline", "--no-progress", *common]
    args = _parse(["kolada", "fetch", str(source), "--years", "2021-2023", *offline])
    assert _cli_kolada.run(args, io.StringIO(), io.StringIO()) == 0
    assert gc.load(source).measurements() == written.measurements()


def test_cli_user_errors(tmp_path: Path) -> None:
    def run(*argv: str) -> int:
        return _cli_kolada.run(_parse(["kolada", *argv]), io.StringIO(), io.StringIO())

    with pytest.raises(InvalidValueError, match="no such file"):
        run("fetch", str(tmp_path / "x.yaml"), "--years", "2024")
    gc.dump(chain(), tmp_path / "c.yaml")
    with pytest.raises(InvalidValueError, match="--cache"):
        run("fetch", str(tmp_path / "c.yaml"), "--years", "2024", "--offline")
    with pytest.raises(InvalidValueError, match="years"):
        run("fetch", str(tmp_path / "c.yaml"), "--years", "soon", "--cache", str(tmp_path))
    with pytest.raises(KoladaError, match="not in the cache"):
        run(
            "fetch",
            str(tmp_path / "c.yaml"),
            "--years",
            "2024",
            "--offline",
            "--cache",
            str(tmp_path / "empty"),
            "--no-progress",
        )
    with pytest.raises(InvalidValueError, match="sub-command"):
        run()


# --------------------------------------------------------------------- the guide
def test_guide_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(ROOT / "docs" / "kolada.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.attempted > 0
    assert result.failed == 0


def test_the_command_is_wired_into_goalchain(tmp_path: Path) -> None:
    """``goalchain kolada fetch`` through the real entry point: offline without a cache."""
    import io

    from goalchain.cli import main

    path = tmp_path / "kedja.yaml"
    gc.dump(gc.io.load_demo(), path)
    err = io.StringIO()
    code = main(
        ["kolada", "fetch", str(path), "--years", "2023", "--offline", "--cache", str(tmp_path)],
        err=err,
    )
    assert code == 2 and "offline" in err.getvalue() and err.getvalue().count("\n") == 1
    assert gc.load(path) == gc.io.load_demo()  # nothing written


# --------------------------------------------------------------------- writing only what changed
def test_cli_fetch_that_changes_nothing_does_not_rewrite(
    server: KoladaServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    server.standard()
    source = tmp_path / "burlov.yaml"
    source.write_text("# Burlövs kedja\n" + gc.dumps(chain()), encoding="utf-8")
    common = ["--base-url", server.base, "--cache", str(tmp_path / "c"), "--no-progress"]
    argv = ["kolada", "fetch", str(source), "--years", "2021-2023", *common]

    out, err = io.StringIO(), io.StringIO()
    assert _cli_kolada.run(_parse(argv), out, err) == 0  # changes: written, comments gone
    assert f"written to {source}" in out.getvalue()
    assert err.getvalue() == (
        f"note: {source} had comments; they are not kept when the file is rewritten\n"
    )
    fetched = gc.load(source)

    source.write_text("# Burlövs kedja\n" + gc.dumps(fetched), encoding="utf-8")
    before = source.read_bytes()
    out, err = io.StringIO(), io.StringIO()
    assert _cli_kolada.run(_parse([*argv, "--offline"]), out, err) == 0
    assert "0 measurement(s) recorded" in out.getvalue()
    assert f"nothing changed; {source} was not written" in out.getvalue()
    assert err.getvalue() == "" and source.read_bytes() == before

    # -o another file is written even when nothing changed
    other = tmp_path / "ny.yaml"
    assert _cli_kolada.run(_parse([*argv, "--offline", "-o", str(other)]), out, err) == 0
    assert gc.load(other) == fetched


def test_guide_commands_parse() -> None:
    """The guide's commands are valid (running them needs the network)."""
    import re
    import shlex

    text = (ROOT / "docs" / "kolada.md").read_text(encoding="utf-8")
    commands = re.findall(r"^goalchain (kolada .*)$", text, re.M)
    assert len(commands) >= 3
    for command in commands:
        args = _parse(shlex.split(command))
        assert args.kolada_command == "fetch" and args.years
