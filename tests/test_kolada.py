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
from hypothesis import given
from hypothesis import strategies as st

import goalchain as gc
from goalchain import _cli_kolada
from goalchain._cli_import import CommandError
from goalchain.exceptions import DuplicateError, InvalidValueError, KoladaConflictError, KoladaError
from goalchain.io import import_measurements
from goalchain.io.kolada import (
    DEFAULT_BASE_URL,
    FetchReport,
    KoladaClient,
    KoladaValue,
    KpiInfo,
    MissingValue,
    UnitNote,
    ValueWarning,
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
    assert "HTTP 500" in str(info.value) and "3 attempts" in str(info.value)
    assert isinstance(info.value, ConnectionError) and isinstance(info.value, gc.GoalchainError)
    assert sleeps == [0.01, 0.02]
    assert c == before and c.measurements() == before.measurements()


def test_the_attempts_and_pages_agree_in_number(
    server: KoladaServer, make_client: Any, sleeps: list[float]
) -> None:
    """Issue 15: "gave up after 1 attempt(s)" faked a plural; one attempt is one attempt."""
    server.route(f"/kpi/{KPIS}", (500, b"Internal Server Error", {}, 0.0))
    with pytest.raises(KoladaError) as info:
        make_client(retries=0).kpi(KPIS.split(","))
    assert str(info.value).endswith("HTTP 500 Internal Server Error; gave up after 1 attempt")
    assert info.value.render("sv").endswith(
        "HTTP 500 Internal Server Error; gav upp efter 1 försök"
    )
    server.standard()
    with pytest.raises(KoladaError) as info:
        make_client(max_pages=1).values(KPIS.split(","), "1231", "2021-2023")
    assert "more than 1 page; stopped following next_url" in str(info.value)
    assert "fler än 1 sida; slutade följa next_url" in info.value.render("sv")


def test_a_kolada_error_is_worded_in_the_language_of_the_command_line(tmp_path: Path) -> None:
    from goalchain.cli import main

    path = tmp_path / "kedja.yaml"
    gc.dump(chain(), path)
    argv = ["kolada", "fetch", str(path), "--years", "2023", "--offline", "--cache", str(tmp_path)]
    said = {}
    for lang in ("sv", "en"):
        err = io.StringIO()
        assert main([*argv, "--lang", lang], err=err) == 2
        said[lang] = err.getvalue()
    assert "finns inte i cachen" in said["sv"] and "offlineläget är på" in said["sv"]
    assert "not in the cache" in said["en"] and "offline mode is on" in said["en"]


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
    text = report.summary(lang="en")
    assert "7 measurements recorded" in text and "status Missing" in text
    text = report.summary()
    assert "7 mätvärden registrerade" in text and "status Missing" in text


def test_nulls_stay_missing(server: KoladaServer, make_client: Any) -> None:
    server.standard()
    c = chain()
    report = fetch_into(c, "2021-2023", client=make_client())
    assert gc.Period.parse(2023) not in c.series("i1")  # null, not 0
    assert ("i1", 2023, "T", "Kolada's value of N15436 is null (status Missing)") in report.missing
    assert ("i6", 2021, "T", "Kolada has no value of U23401") in report.missing
    assert report.missing == tuple(gap.as_tuple() for gap in report.missing_values)
    gap = next(g for g in report.missing_values if (g.indicator, g.year) == ("i1", 2023))
    assert (gap.code, gap.kpi, gap.status) == ("null", "N15436", "Missing")
    assert gap.reason() == "Koladas värde för N15436 är tomt (null, status Missing)"
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
    (note,) = report.unit_problems
    assert (note.indicator, note.kpi, note.code, note.unit) == (
        "i9",
        "N01951",
        "not_share",
        "percent",
    )
    assert note.message("en") == report.unit_notes[0]
    assert "  inte ifylld: i9: indikatorn är i 'percent', men N01951" in report.summary()


@pytest.mark.parametrize(
    "title",
    [
        "Aktier, andelar samt bostadsrätter i kommunens koncernföretag, kr/inv",
        "Försäljning i dagligvaruhandel, mkr",
        "Anmälda misshandelsbrott mot kvinna, inomhus, bekant med offret, antal/100 000 inv",
        "Deltidsanställda (1-99 %) månadsavlönade, kommun, antal",
    ],
)
def test_a_word_in_the_title_does_not_make_a_share(title: str) -> None:
    """issue 12: "andelar", "dagligvaruhandel", "misshandelsbrott" were read as percent."""
    assert not KpiInfo(id="N03116", title=title).is_percent


def test_the_kpis_unit_decides_what_is_filled(server: KoladaServer, make_client: Any) -> None:
    """N01951 (Invånare totalt, antal) fills a count of inhabitants, never an amount in tkr;
    U23401 (…, medelvärde) says no unit, so it fills days but not a share."""
    server.standard()
    c = chain()
    c.update("i9", unit="tkr")
    c.update("i6", unit="percent")
    report = fetch_into(c, "2021-2023", client=make_client())
    notes = {note.indicator: note for note in report.unit_problems}
    assert c.measurements("i9") == [] and c.measurements("i6") == []
    assert (notes["i9"].code, notes["i9"].detail) == ("other_unit", "'count'")
    assert notes["i9"].message("en") == (
        "i9: N01951 (Invånare totalt, antal) is in 'count', which does not fit the "
        "indicator's 'tkr'; give the indicator a unit its values can be converted to"
    )
    assert notes["i9"].message().startswith("i9: N01951 (Invånare totalt, antal) är i 'count'")
    assert notes["i6"].code == "unknown_unit"
    assert "does not say its unit" in notes["i6"].message("en")
    assert "säger inte dess enhet" in notes["i6"].message("sv")

    c = chain()
    c.update("i9", unit="invånare")
    report = fetch_into(c, "2021-2023", client=make_client())
    assert not report.unit_problems and c.measurements("i6") and c.measurements("i9")


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


def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the tests' local server be reached directly, whatever proxy the machine names."""
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


def test_cli_fetch_writes_the_chain(
    server: KoladaServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_proxy(monkeypatch)
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
    assert "7 mätvärden registrerade" in out.getvalue()
    assert f"skriven till {out_file}" in out.getvalue()
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

    with pytest.raises(InvalidValueError, match="filen finns inte"):
        run("fetch", str(tmp_path / "x.yaml"), "--years", "2024")
    with pytest.raises(InvalidValueError, match="no such file"):
        run("fetch", str(tmp_path / "x.yaml"), "--years", "2024", "--lang", "en")
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
    with pytest.raises(InvalidValueError, match="underkommando"):
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
    _no_proxy(monkeypatch)
    server.standard()
    source = tmp_path / "burlov.yaml"
    source.write_text("# Burlövs kedja\n" + gc.dumps(chain()), encoding="utf-8")
    common = ["--base-url", server.base, "--cache", str(tmp_path / "c"), "--no-progress"]
    argv = ["kolada", "fetch", str(source), "--years", "2021-2023", *common]

    out, err = io.StringIO(), io.StringIO()
    assert _cli_kolada.run(_parse([*argv, "--lang", "en"]), out, err) == 0  # written
    assert f"written to {source}" in out.getvalue()
    assert err.getvalue() == (
        f"note: {source} had comments; they are not kept when the file is rewritten\n"
    )
    fetched = gc.load(source)

    source.write_text("# Burlövs kedja\n" + gc.dumps(fetched), encoding="utf-8")
    before = source.read_bytes()
    out, err = io.StringIO(), io.StringIO()
    assert _cli_kolada.run(_parse([*argv, "--offline"]), out, err) == 0
    assert "0 mätvärden registrerade, 7 oförändrade" in out.getvalue()
    assert f"inget ändrat; {source} skrevs inte" in out.getvalue()
    assert err.getvalue() == "" and source.read_bytes() == before
    out = io.StringIO()
    assert _cli_kolada.run(_parse([*argv, "--offline", "--lang", "en"]), out, err) == 0
    assert "0 measurements recorded, 7 unchanged" in out.getvalue()
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
        if args.kolada_command == "compare":
            assert args.year and args.store
            continue
        assert args.kolada_command == "fetch" and args.years


# --------------------------------------------------------------------- Swedish and English
NBSP = "\u00a0"


def _report() -> FetchReport:
    """A report with one of everything and counts beyond a thousand."""
    return FetchReport(
        municipality="0192",
        years=(2019, 2020, 2021, 2022, 2023, 2024),
        unchanged=1234,
        missing_values=(
            MissingValue(indicator="i1", year=2024, gender="T", kpi="N15436", code="absent"),
            MissingValue(
                indicator="i1", year=2023, gender="K", kpi="N15436", code="null", status="Missing"
            ),
            MissingValue(indicator="i2", year=2023, gender="T", kpi="N15419", code="null"),
        ),
        unit_problems=(
            UnitNote(
                indicator="i9",
                kpi="N01951",
                code="not_share",
                unit="percent",
                title="Invånare totalt, antal",
            ),
            UnitNote(indicator="i7", kpi="N00001", code="no_metadata", unit="percent"),
            UnitNote(
                indicator="i8", kpi="N15436", code="percent_kpi", unit="day", title="Andel (%)"
            ),
        ),
        warnings=(
            ValueWarning(
                indicator="i1",
                year=2022,
                gender="T",
                kpi="N15436",
                value=1234.5,
                unit="percent",
                code="percent_range",
            ),
            ValueWarning(
                indicator="i6",
                year=2021,
                gender="T",
                kpi="U23401",
                value=0.5,
                unit="day",
                code="scale_small",
                reference=71.0,
            ),
        ),
    )


def test_summary_in_swedish_by_default() -> None:
    assert _report().summary().replace(NBSP, " ") == (
        "Kolada, kommun 0192, 2019-2024: 0 mätvärden registrerade, 1 234 oförändrade, 3 saknas, "
        "2 att kontrollera (varningar)\n"
        "  saknas: i1 2024 (T): Kolada har inget värde för N15436\n"
        "  saknas: i1 2023 (K): Koladas värde för N15436 är tomt (null, status Missing)\n"
        "  saknas: i2 2023 (T): Koladas värde för N15419 är tomt (null)\n"
        "  inte ifylld: i9: indikatorn är i 'percent', men N01951 (Invånare totalt, antal) är "
        "ingen andel i procent\n"
        "  inte ifylld: i7: Kolada har inga uppgifter om N00001, så det är okänt om dess värden "
        "är procent; indikatorn är i 'percent'\n"
        "  inte ifylld: i8: N15436 (Andel (%)) är i procent, men indikatorn är i 'day'; ge "
        "indikatorn enheten 'percent' för att fylla den från Kolada\n"
        "  varning: 1 234,5 % för i1 2022 (T) från N15436 ligger utanför 0–100 %; är "
        "nyckeltalet en andel? (registrerat ändå)\n"
        "  varning: 0,5 dagar för i6 2021 (T) från U23401 är 142 gånger mindre än indikatorns "
        "övriga värden (omkring 71 dagar); mäter nyckeltalet samma sak i samma enhet? "
        "(registrerat ändå)"
    )
    assert f"1{NBSP}234 oförändrade" in _report().summary()  # a no-break space, as CLDR sv


def test_summary_in_english() -> None:
    assert _report().summary(lang="en").replace(NBSP, " ") == (
        "Kolada, municipality 0192, 2019-2024: 0 measurements recorded, 1,234 unchanged, "
        "3 missing, 2 to check (warnings)\n"
        "  missing: i1 2024 (T): Kolada has no value of N15436\n"
        "  missing: i1 2023 (K): Kolada's value of N15436 is null (status Missing)\n"
        "  missing: i2 2023 (T): Kolada's value of N15419 is null\n"
        "  not filled: i9: the indicator is in 'percent', but N01951 (Invånare totalt, antal) "
        "is not a share in percent\n"
        "  not filled: i7: Kolada has no metadata for N00001, so it is not known whether its "
        "values are percent; the indicator is in 'percent'\n"
        "  not filled: i8: N15436 (Andel (%)) is in percent, but the indicator is in 'day'; "
        "give the indicator unit 'percent' to fill it from Kolada\n"
        "  warning: 1,234.5% for i1 2022 (T) from N15436 lies outside 0–100 %; is the KPI a "
        "share? (recorded anyway)\n"
        "  warning: 0.5 days for i6 2021 (T) from U23401 is 142 times smaller than the "
        "indicator's other values (about 71 days); does the KPI measure the same thing in the "
        "same unit? (recorded anyway)"
    )


def test_summary_singular_and_years() -> None:
    report = FetchReport(municipality="1231", years=(2024,), unchanged=1)
    assert report.summary() == (
        "Kolada, kommun 1231, 2024: 0 mätvärden registrerade, 1 oförändrat, 0 saknas"
    )
    report = FetchReport(municipality="1231", years=(2019, 2021), unchanged=2)
    assert report.summary(lang="en").startswith("Kolada, municipality 1231, 2019, 2021: ")
    assert (
        FetchReport(municipality="1231", years=()).summary().startswith("Kolada, kommun 1231, -:")
    )


def test_english_fields_are_derived_from_the_codes() -> None:
    report = _report()
    assert report.missing == (
        ("i1", 2024, "T", "Kolada has no value of N15436"),
        ("i1", 2023, "K", "Kolada's value of N15436 is null (status Missing)"),
        ("i2", 2023, "T", "Kolada's value of N15419 is null"),
    )
    assert report.unit_notes[0] == (
        "i9: the indicator is in 'percent', but N01951 (Invånare totalt, antal) is not a share "
        "in percent"
    )
    # a report made the old way, with English tuples only, still says what it holds
    old = FetchReport(
        municipality="1231",
        years=(2024,),
        missing=(("i1", 2024, "T", "Kolada has no value of N15436"),),
        unit_notes=("i9: not a share",),
    )
    assert "  saknas: i1 2024 (T): Kolada has no value of N15436" in old.summary()
    assert "  not filled: i9: not a share" in old.summary(lang="en")
    assert old.missing_values == () and ", 1 saknas" in old.summary()


@pytest.mark.parametrize("lang", ["de", "SV", "", None])
def test_unknown_language_is_refused(lang: Any) -> None:
    with pytest.raises(InvalidValueError, match="valid: sv, en") as info:
        _report().summary(lang=lang)
    assert info.value.field == "lang"
    with pytest.raises(InvalidValueError, match="valid: sv, en"):
        _report().missing_values[0].reason(lang)
    with pytest.raises(InvalidValueError, match="valid: sv, en"):
        _report().unit_problems[0].message(lang)
    with pytest.raises(InvalidValueError, match="valid: sv, en"):
        _report().warnings[0].message(lang)


def test_codes_are_checked() -> None:
    with pytest.raises(ValueError, match="code"):
        MissingValue(indicator="i1", year=2024, gender="T", kpi="N1", code="gone")
    with pytest.raises(ValueError, match="code"):
        ValueWarning(
            indicator="i1", year=2024, gender="T", kpi="N1", value=1.0, unit="day", code="odd"
        )


_SV = """\
Kolada, kommun 1231, 2021-2023: 7 mätvärden registrerade, 0 oförändrade, 2 saknas
  saknas: i1 2023 (T): Koladas värde för N15436 är tomt (null, status Missing)
  saknas: i6 2021 (T): Kolada har inget värde för U23401
  inte ifylld: i9: indikatorn är i 'percent', men N01951 (Invånare totalt, antal) är ingen \
andel i procent
skriven till {path}
"""
_EN = """\
Kolada, municipality 1231, 2021-2023: 7 measurements recorded, 0 unchanged, 2 missing
  missing: i1 2023 (T): Kolada's value of N15436 is null (status Missing)
  missing: i6 2021 (T): Kolada has no value of U23401
  not filled: i9: the indicator is in 'percent', but N01951 (Invånare totalt, antal) is not \
a share in percent
written to {path}
"""


@pytest.mark.parametrize(("lang", "expected"), [(None, _SV), ("sv", _SV), ("en", _EN)])
def test_cli_speaks_the_language(
    server: KoladaServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str | None,
    expected: str,
) -> None:
    _no_proxy(monkeypatch)
    server.standard()
    source = tmp_path / "burlov.yaml"
    source.write_text("# Burlövs kedja\n" + gc.dumps(chain()), encoding="utf-8")
    argv = ["kolada", "fetch", str(source), "--years", "2021-2023", "--base-url", server.base]
    argv += ["--no-progress", *(["--lang", lang] if lang else [])]
    out, err = io.StringIO(), io.StringIO()
    assert _cli_kolada.run(_parse(argv), out, err) == 0
    assert out.getvalue() == expected.format(path=source)
    note = {
        "en": f"note: {source} had comments; they are not kept when the file is rewritten\n",
        "sv": f"obs: {source} hade kommentarer; de behålls inte när filen skrivs om\n",
    }
    assert err.getvalue() == note[lang or "sv"]


@pytest.mark.parametrize(
    ("argv", "sv", "en"),
    [
        (["--years", "2024-2019"], "--years '2024-2019': ange ett år", "--years '2024-2019': give"),
        (["--years", "2024", "--gender", "X"], "--gender 'X': ange T (totalt)", "give T (total)"),
        (
            ["--years", "2024", "--municipality", "1,2"],
            "--municipality '1,2': ange en kommunkod",
            "--municipality '1,2': give one municipality code",
        ),
        (["--years", "2024", "--offline"], "--offline läser cachen", "--offline reads the cache"),
    ],
)
def test_cli_user_errors_in_both_languages(
    tmp_path: Path, argv: list[str], sv: str, en: str
) -> None:
    path = tmp_path / "c.yaml"
    gc.dump(chain(), path)
    base = ["kolada", "fetch", str(path), *argv, "--no-progress"]
    if "--offline" not in argv:
        base += ["--offline", "--cache", str(tmp_path / "empty")]
    for lang, text in (("sv", sv), ("en", en)):
        with pytest.raises(InvalidValueError) as info:
            _cli_kolada.run(_parse([*base, "--lang", lang]), io.StringIO(), io.StringIO())
        assert text in str(info.value), (lang, str(info.value))
        assert "field" not in str(info.value)
    assert gc.load(path) == chain()


def test_cli_without_a_municipality_code(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    gc.dump(chain(municipality=None), path)
    argv = ["kolada", "fetch", str(path), "--years", "2024", "--offline", "--cache", str(tmp_path)]
    with pytest.raises(InvalidValueError, match="kedjan har ingen kommunkod; ange en med"):
        _cli_kolada.run(_parse(argv), io.StringIO(), io.StringIO())
    with pytest.raises(InvalidValueError, match="the chain has no municipality code; give"):
        _cli_kolada.run(_parse([*argv, "--lang", "en"]), io.StringIO(), io.StringIO())
    with pytest.raises(KoladaError, match="not in the cache"):  # the library's, in English
        _cli_kolada.run(_parse([*argv, "--municipality", "1231"]), io.StringIO(), io.StringIO())


# --------------------------------------------------------------------- implausible values
class FakeClient(KoladaClient):
    """Answers from memory: KPI metadata and values, no requests."""

    def __init__(self, infos: list[KpiInfo], values: list[KoladaValue]):
        super().__init__()
        self.infos = infos
        self.rows = values

    def kpi(self, ids: Any, *, progress: Any = None) -> list[KpiInfo]:
        return [i for i in self.infos if i.id in set(ids)]

    def values(
        self, kpis: Any, municipalities: Any, years: Any, **kwargs: Any
    ) -> list[KoladaValue]:
        return list(self.rows)


PERCENT_KPI = KpiInfo(id="N15436", title="Behöriga till yrkesprogram, andel (%)")
DAYS_KPI = KpiInfo(id="U23401", title="Väntetid i antal dagar, medelvärde")


def _kolada_values(kpi: str, values: dict[int, float | None]) -> list[KoladaValue]:
    return [
        KoladaValue(kpi=kpi, municipality="1231", year=year, gender="T", value=value)
        for year, value in values.items()
    ]


def test_implausible_values_are_recorded_and_warned(server: KoladaServer, make_client: Any) -> None:
    server.standard()
    c = chain()
    c.update("i6", baseline=(2019, 7000.0))  # Kolada's 71 and 64 days are ~100 times less
    report = fetch_into(c, "2021-2023", client=make_client())
    assert c.series("i6")[gc.Period.parse(2022)] == 71.0  # recorded all the same
    assert [(w.indicator, w.year, w.code, w.reference) for w in report.warnings] == [
        ("i6", 2022, "scale_small", 7000.0),
        ("i6", 2023, "scale_small", 7000.0),
    ]
    assert "2 att kontrollera (varningar)" in report.summary()
    assert (
        "  warning: 71 days for i6 2022 (T) from U23401 is 99 times smaller than the "
        "indicator's other values (about 7,000 days)"
    ) in report.summary(lang="en").replace(NBSP, " ")
    again = fetch_into(c, "2021-2023", client=make_client())  # unchanged: not warned again
    assert again.warnings == () and again.unchanged == 7


def test_a_share_beyond_100_is_warned() -> None:
    c = chain()
    c.record("i1", 2021, 77.3)
    client = FakeClient([PERCENT_KPI], _kolada_values("N15436", {2022: 78.0, 2023: 1234.0}))
    report = fetch_into(c, "2022-2023", client=client)
    (warning,) = report.warnings
    assert (warning.indicator, warning.year, warning.value, warning.code) == (
        "i1",
        2023,
        1234.0,
        "percent_range",
    )
    assert c.series("i1")[gc.Period.parse(2023)] == 1234.0
    assert f"varning: 1{NBSP}234{NBSP}% för i1 2023 (T) från N15436 ligger utanför" in (
        report.summary()
    )


def test_fetch_warns_as_import_does(tmp_path: Path) -> None:
    """The same values, fetched or imported from a file, are warned about alike."""
    values = {2020: 0.9, 2021: 80.0, 2022: 150.0, 2023: 82.0, 2024: 0.0}
    fetched, imported = chain(), chain()
    for c in (fetched, imported):
        c.update("i1", baseline=(2019, 79.0))
    client = FakeClient([PERCENT_KPI], _kolada_values("N15436", values))
    report = fetch_into(fetched, "2020-2024", client=client)
    csv = tmp_path / "v.csv"
    rows = "".join(f"i1;{year};{value}\n" for year, value in values.items())
    csv.write_text("indicator;period;value\n" + rows, encoding="utf-8")
    by_import = import_measurements(imported, csv)
    assert [(w.year, w.code, w.reference) for w in report.warnings] == [
        (int(w.period), w.code, w.reference) for w in by_import.warnings
    ]
    assert [w.code for w in report.warnings] == ["scale_small", "percent_range"]


@given(
    baseline=st.floats(min_value=2.5, max_value=100.0),  # 100 % is then < 49 times it
    factors=st.lists(
        st.one_of(st.just(0.0), st.floats(min_value=1 / 49.0, max_value=49.0)),
        min_size=1,
        max_size=4,
    ),
)
def test_values_in_range_are_never_warned(baseline: float, factors: list[float]) -> None:
    """A share within 0-100 % and within 50 times the indicator's others is not warned about."""
    c = chain()
    c.update("i1", baseline=(2019, baseline))
    shares = [min(100.0, baseline * f) for f in factors]
    values: dict[int, float | None] = dict(enumerate(shares, 2020))
    report = fetch_into(
        c,
        f"2020-{2019 + len(shares)}",
        client=FakeClient([PERCENT_KPI], _kolada_values("N15436", values)),
    )
    assert report.warnings == ()
    assert len(report.recorded) == len(shares)


@given(
    baseline=st.floats(min_value=1.0, max_value=1000.0),
    factor=st.floats(min_value=50.5, max_value=1e4),
    larger=st.booleans(),
)
def test_values_fifty_times_off_are_always_warned(
    baseline: float, factor: float, larger: bool
) -> None:
    c = chain()
    c.update("i6", baseline=(2019, baseline))
    value = baseline * factor if larger else baseline / factor
    client = FakeClient([DAYS_KPI], _kolada_values("U23401", {2022: value}))
    report = fetch_into(c, 2022, client=client)
    assert [w.code for w in report.warnings] == ["scale_large" if larger else "scale_small"]
    assert report.warnings[0].reference == baseline


def test_a_conflict_lists_every_difference_in_either_language(
    server: KoladaServer, make_client: Any
) -> None:
    server.standard()
    c = chain()
    c.record("i2", 2021, 1234.5, source="egen")
    c.record("i2", 2023, 70.0)
    with pytest.raises(KoladaConflictError) as info:
        fetch_into(c, "2021-2023", client=make_client())
    error = info.value
    assert isinstance(error, DuplicateError) and error.element == "i2"
    assert [(k.indicator, k.year, k.chain_value, k.chain_source) for k in error.conflicts] == [
        ("i2", 2021, 1234.5, "egen"),
        ("i2", 2023, 70.0, None),
    ]
    assert str(error) == error.render("en")
    assert "pass replace=True to overwrite them" in str(error)
    assert "i2 2021 (T): the chain has 1,234.5 from egen, Kolada 62.4" in str(error)
    swedish = error.render("sv", cli=True)
    assert swedish.startswith("Koladas värden skiljer sig från 2 mätvärden")
    assert "ange --replace för att skriva över dem" in swedish
    assert "i2 2021 (T): kedjan har 1\u00a0234,5 från egen, Kolada 62,4" in swedish
    assert "i2 2023 (T): kedjan har 70, Kolada" in swedish
    with pytest.raises(InvalidValueError, match="unknown language 'de'"):
        error.render("de")


@pytest.mark.parametrize(
    ("lang", "text"), [("sv", "Koladas värden skiljer sig"), ("en", "Kolada's values differ")]
)
def test_cli_words_a_conflict_in_its_language(
    server: KoladaServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, text: str
) -> None:
    _no_proxy(monkeypatch)
    server.standard()
    c = chain()
    c.record("i2", 2021, 60.0, source="egen")
    source = tmp_path / "burlov.yaml"
    gc.dump(c, source)
    argv = ["kolada", "fetch", str(source), "--years", "2021-2023", "--base-url", server.base]
    with pytest.raises(CommandError) as info:
        _cli_kolada.run(_parse([*argv, "--no-progress", "--lang", lang]), io.StringIO())
    assert str(info.value).startswith(text)
    assert "--replace" in str(info.value) and "replace=True" not in str(info.value)
    assert isinstance(info.value.__cause__, KoladaConflictError)
    assert gc.load(source) == c  # nothing written


def test_summary_in_a_third_language(tmp_path: Path) -> None:
    """The summary's words are in the catalogs (issue 15): a language with a catalog
    words it by its own plural rule, and what the catalog lacks is English."""
    from _catalogs import catalog_of

    report = FetchReport(municipality="1231", years=(2024,), unchanged=1)
    summary = "Kolada, municipality {municipality}, {years}: {recorded}, {unchanged}, {missing}"
    messages = {
        summary: "Kolada, kunta {municipality}, {years}: {recorded}, {unchanged}, {missing}",
        ("Kolada summary", ("{n} unchanged", "{n} unchanged")): (
            "{n} muuttumaton",
            "{n} muuttumatonta",
        ),
    }
    with catalog_of(tmp_path, messages):
        assert report.summary(lang="fi") == (
            "Kolada, kunta 1231, 2024: 0 measurements recorded, 1 muuttumaton, 0 missing"
        )
    assert report.summary(lang="en") == (
        "Kolada, municipality 1231, 2024: 0 measurements recorded, 1 unchanged, 0 missing"
    )
