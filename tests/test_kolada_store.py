"""Kolada's values for whole years and its groups, and the local SQLite store (issue 17)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from goalchain.exceptions import KoladaError
from goalchain.io._kolada_client import KoladaClient, Municipality
from goalchain.io._kolada_values import MunicipalityGroup

FIXTURES = Path(__file__).parent / "fixtures" / "kolada_v3"
BASE = "https://kolada.test/v3"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class _Response(io.BytesIO):
    def __init__(self, url: str, body: bytes):
        super().__init__(body)
        self.url = url
        self.headers: dict[str, str] = {}

    def geturl(self) -> str:
        return self.url


class FakeOpener:
    """Answers from a mapping URL -> JSON (or a callable raising); records the URLs asked."""

    def __init__(self, answers: dict[str, Any | Callable[[], Any]]):
        self.answers = answers
        self.asked: list[str] = []

    def open(self, request: Any, data: None = None, timeout: float = 0) -> _Response:
        url = request.full_url
        self.asked.append(url)
        answer = self.answers.get(url)
        if answer is None:
            raise OSError(f"no answer for {url}")
        if callable(answer):
            answer = answer()
        return _Response(url, json.dumps(answer).encode("utf-8"))


def client(answers: dict[str, Any], clock: Any = None) -> tuple[KoladaClient, FakeOpener]:
    opener = FakeOpener(answers)
    kc = KoladaClient(BASE, opener=opener, retries=0, sleep=lambda s: None, clock=clock)
    return kc, opener


def rows(kpi: str, year: int, values: dict[str, float | None], **extra: Any) -> list[Any]:
    return [
        {
            "kpi": kpi,
            "municipality": m,
            "period": year,
            "values": [
                {
                    "count": 1,
                    "gender": "T",
                    "status": "" if v is not None else "Saknas",
                    "value": v,
                    **extra,
                }
            ],
        }
        for m, v in values.items()
    ]


def paged(url: str, pages: list[list[Any]], *, count: int | None = None) -> dict[str, Any]:
    """The answers of *url* split over pages linked by next_url (v3's shape)."""
    out: dict[str, Any] = {}
    for i, page in enumerate(pages):
        here = url if i == 0 else f"{url}?page={i + 1}"
        body: dict[str, Any] = {"values": page}
        if count is not None:
            body["count"] = count
        if i + 1 < len(pages):
            body["next_url"] = f"{url}?page={i + 2}"
        out[here] = body
    return out


# ------------------------------------------------------------------ the client
def test_year_urls_ask_for_every_municipality() -> None:
    kc = KoladaClient(BASE)
    assert kc.year_urls("N00945", "2019-2020") == [f"{BASE}/data/kpi/N00945/year/2019,2020"]
    assert len(kc.year_urls("N00945", "1990-2030")) == 2  # at most 25 years a request


def test_year_values_read_recorded_v3_rows() -> None:
    data = fixture("data_n00945.json")
    url = f"{BASE}/data/kpi/N00945/year/2019,2020"
    kc, opener = client({url: data})
    values = kc.year_values("N00945", [2019, 2020])
    assert opener.asked == [url]
    assert len(values) == len(data["values"])
    first = data["values"][0]
    assert (values[0].municipality, values[0].year) == (first["municipality"], first["period"])
    assert values[0].value == pytest.approx(first["values"][0]["value"])
    assert all(isinstance(v.municipality, str) for v in values)


def test_year_pages_follow_next_url_page_by_page() -> None:
    url = f"{BASE}/data/kpi/N1/year/2023"
    answers = paged(url, [rows("N1", 2023, {"0180": 1.0}), rows("N1", 2023, {"1231": 2.0}), []])
    kc, _ = client(answers)
    pages = list(kc.year_pages("N1", 2023))
    assert [p.number for p in pages] == [1, 2, 3]
    assert [p.last for p in pages] == [False, False, True]
    assert [v.municipality for p in pages for v in p.values] == ["0180", "1231"]


def test_a_lost_page_is_said_with_what_is_missing() -> None:
    url = f"{BASE}/data/kpi/N1/year/2023"
    answers = paged(
        url, [rows("N1", 2023, {"0180": 1.0, "1231": 2.0}), rows("N1", 2023, {"1280": 3.0})]
    )
    del answers[f"{url}?page=2"]
    kc, _ = client(answers)
    with pytest.raises(KoladaError, match=r"incomplete: page 2 failed .*2 rows") as info:
        kc.year_values("N1", 2023)
    assert "sidan 2" in info.value.render("sv")
    assert info.value.render("en") == str(info.value)


def test_a_count_beyond_the_rows_is_said() -> None:
    url = f"{BASE}/data/kpi/N1/year/2023"
    answers = paged(url, [rows("N1", 2023, {"0180": 1.0, "1231": 2.0})], count=5)
    kc, _ = client(answers)
    with pytest.raises(
        KoladaError, match="count is 5 rows but its 1 page held 2; 3 rows are missing"
    ):
        kc.year_values("N1", 2023)


def test_municipality_groups_as_v3_serves_them() -> None:
    data = fixture("municipality_groups.json")
    kc, _ = client({f"{BASE}/municipality_groups": data})
    groups = kc.municipality_groups()
    assert len(groups) == len(data["values"])
    assert groups[0] == MunicipalityGroup(
        id=data["values"][0]["id"],
        title=data["values"][0]["title"],
        members=[m["id"] for m in data["values"][0]["members"]],
    )
    assert any(g.title.startswith("Liknande kommuner") for g in groups)


def test_municipalities_as_v3_serves_them() -> None:
    data = fixture("municipality.json")
    kc, _ = client({f"{BASE}/municipality": data})
    found = kc.municipalities()
    assert Municipality(id="0000", title="Riket", type="L") in found
    assert {m.type for m in found} == {"K", "L"}


def test_a_group_without_members_names_the_field() -> None:
    kc, _ = client({f"{BASE}/municipality_groups": {"values": [{"id": "G1", "title": "x"}]}})
    with pytest.raises(KoladaError, match=r"values\[0\]\.members"):
        kc.municipality_groups()


# ------------------------------------------------------------------ the store
import datetime as dt  # noqa: E402
import sqlite3  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from goalchain.exceptions import (  # noqa: E402
    DirectoryNotFoundError,
    FileFormatError,
    FormatVersionError,
    InvalidValueError,
)
from goalchain.io._kolada_store import (  # noqa: E402
    APPLICATION_ID,
    FORMAT_VERSION,
    KoladaStore,
)
from goalchain.io._kolada_values import RIKET, KoladaValues  # noqa: E402


class Clock:
    def __init__(self, now: str = "2026-03-01T10:00:00"):
        self.now = dt.datetime.fromisoformat(now).replace(tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def store_at(tmp_path: Path, clock: Clock | None = None) -> KoladaStore:
    return KoladaStore(tmp_path / "kolada.sqlite", clock=clock or Clock())


def year_answers(kpi: str, year: int, pages: list[dict[str, float | None]]) -> dict[str, Any]:
    url = f"{BASE}/data/kpi/{kpi}/year/{year}"
    return paged(url, [rows(kpi, year, page) for page in pages])


def test_a_store_keeps_a_national_year_and_reads_it_back(tmp_path: Path) -> None:
    answers = year_answers("N1", 2023, [{"0180": 80.0, RIKET: 75.5}, {"1231": 70.0, "1280": None}])
    kc, _ = client(answers)
    with store_at(tmp_path) as store:
        assert isinstance(store, KoladaValues)
        report = store.fetch(kc, "N1", 2023, publication_dates={"N1": None})
        assert (report[0].asked, report[0].pages, report[0].rows) == ((2023,), 2, 4)
        got = store.values("N1", 2023)
        assert dict(got) == {"0180": 80.0, RIKET: 75.5, "1231": 70.0}
        assert "1280" not in got  # missing, never 0
        assert dict(store.values("N1", 2023, gender="K")) == {}
        assert dict(store.values("N1", 2022)) == {}
    with KoladaStore(tmp_path / "kolada.sqlite") as again:  # kept on disk, read offline
        assert dict(again.values("N1", 2023))["1231"] == 70.0


def test_a_saknas_status_is_missing_even_with_a_number(tmp_path: Path) -> None:
    url = f"{BASE}/data/kpi/N1/year/2023"
    body = {"values": rows("N1", 2023, {"0180": 5.0}, status="Saknas")}
    kc, _ = client({url: body})
    with store_at(tmp_path) as store:
        store.fetch(kc, "N1", 2023, publication_dates={})
        assert dict(store.values("N1", 2023)) == {}


def test_a_refetch_asks_only_for_what_is_missing_or_older_than_publication(
    tmp_path: Path,
) -> None:
    answers = {
        **year_answers("N1", 2022, [{"0180": 1.0}]),
        **year_answers("N1", 2023, [{"0180": 2.0}]),
        f"{BASE}/data/kpi/N1/year/2022,2023": {
            "values": rows("N1", 2022, {"0180": 1.0}) + rows("N1", 2023, {"0180": 2.0})
        },
    }
    clock = Clock("2026-03-01T10:00:00")
    kc, opener = client(answers, clock)
    with store_at(tmp_path, clock) as store:
        store.fetch(kc, "N1", 2022, publication_dates={"N1": "2026-04-01"})
        assert len(opener.asked) == 1
        report = store.fetch(kc, "N1", "2022-2023", publication_dates={"N1": "2026-04-01"})
        assert (report[0].asked, report[0].kept) == ((2023,), (2022,))
        assert opener.asked[-1] == f"{BASE}/data/kpi/N1/year/2023"
        report = store.fetch(kc, "N1", "2022-2023", publication_dates={"N1": "2026-04-01"})
        assert report[0].asked == () and len(opener.asked) == 2
        clock.now = dt.datetime(2026, 4, 2, tzinfo=dt.UTC)  # Kolada published since
        report = store.fetch(kc, "N1", "2022-2023", publication_dates={"N1": "2026-04-01"})
        assert report[0].asked == (2022, 2023)
        assert opener.asked[-1] == f"{BASE}/data/kpi/N1/year/2022,2023"


def test_publication_dates_are_asked_of_kolada_by_default(tmp_path: Path) -> None:
    kpis = fixture("kpi.json")
    answers = {f"{BASE}/kpi/N00945": {"values": [k for k in kpis["values"] if k["id"] == "N00945"]}}
    answers.update(year_answers("N00945", 2020, [{"0180": 30.0}]))
    kc, opener = client(answers)
    with store_at(tmp_path) as store:
        store.fetch(kc, "N00945", 2020)
        assert opener.asked[0] == f"{BASE}/kpi/N00945"
        assert dict(store.values("N00945", 2020)) == {"0180": 30.0}


def test_an_interrupted_fetch_keeps_its_pages_and_never_mixes_two_fetches(
    tmp_path: Path,
) -> None:
    first = year_answers("N1", 2023, [{"0180": 1.0}, {"1231": 1.0}, {"1280": 1.0}])
    clock = Clock("2026-03-01T10:00:00")
    kc, _ = client(first, clock)
    with store_at(tmp_path, clock) as store:
        store.fetch(kc, "N1", 2023, publication_dates={})
        before = dict(store.values("N1", 2023))
        second = year_answers("N1", 2023, [{"0180": 2.0}, {"1231": 2.0}, {"1280": 2.0}])
        del second[f"{BASE}/data/kpi/N1/year/2023?page=3"]  # the transport fails on page 3
        kc2, _ = client(second, clock)
        clock.now = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
        with pytest.raises(KoladaError, match="page 3 failed"):
            store.fetch(kc2, "N1", 2023, publication_dates={"N1": "2026-04-01"})
        assert dict(store.values("N1", 2023)) == before == {"0180": 1.0, "1231": 1.0, "1280": 1.0}
        log = store.fetch_log("N1")
        assert [(r.complete, r.pages, r.rows) for r in log] == [(True, 3, 3), (False, 2, 2)]
    with KoladaStore(tmp_path / "kolada.sqlite", clock=clock) as again:  # survives, still whole
        assert dict(again.values("N1", 2023)) == before
        answers = year_answers("N1", 2023, [{"0180": 3.0}, {"1231": 3.0}, {"1280": 3.0}])
        clock.now = dt.datetime(2026, 5, 2, tzinfo=dt.UTC)
        kc3, _ = client(answers, clock)
        again.fetch(kc3, "N1", 2023, publication_dates={"N1": "2026-04-01"})
        assert dict(again.values("N1", 2023)) == {"0180": 3.0, "1231": 3.0, "1280": 3.0}
        assert [(r.complete, r.pages) for r in again.fetch_log("N1")] == [(True, 3)]


def test_groups_and_municipalities_are_kept(tmp_path: Path) -> None:
    kc, _ = client(
        {
            f"{BASE}/municipality_groups": fixture("municipality_groups.json"),
            f"{BASE}/municipality": fixture("municipality.json"),
        }
    )
    with store_at(tmp_path) as store:
        assert store.fetch_groups(kc) == len(fixture("municipality_groups.json")["values"])
        assert store.fetch_municipalities(kc) == len(fixture("municipality.json")["values"])
        assert list(store.groups()) == kc.municipality_groups()
        assert list(store.municipalities()) == kc.municipalities()


def test_a_bad_gender_is_refused(tmp_path: Path) -> None:
    with store_at(tmp_path) as store, pytest.raises(InvalidValueError, match="'X'"):
        store.values("N1", 2023, gender="X")


def _newer(path: Path) -> None:
    KoladaStore(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {FORMAT_VERSION + 1}")
    db.commit()
    db.close()


def _foreign(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()


def _damaged(path: Path) -> None:
    store = KoladaStore(path)
    kc, _ = client(year_answers("N1", 2023, [{f"{i:04d}": float(i) for i in range(400)}]))
    store.fetch(kc, "N1", 2023, publication_dates={})
    store.close()
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 2000] = b"\xff" * 2000
    path.write_bytes(bytes(data))


def _not_sqlite(path: Path) -> None:
    path.write_text("elements: []\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "error", "words", "swedish"),
    [
        (_newer, FormatVersionError, "format 2, newer than the format 1", "nyare"),
        (_foreign, FileFormatError, "not a goalchain Kolada store", "inte ett"),
        (_damaged, FileFormatError, "damaged", "skadat"),
        (_not_sqlite, FileFormatError, "damaged or not an SQLite file", "ingen SQLite-fil"),
    ],
)
def test_a_file_that_is_no_store_of_this_format_is_refused_and_left_as_it_is(
    tmp_path: Path, make: Callable[[Path], None], error: type[Exception], words: str, swedish: str
) -> None:
    path = tmp_path / "kolada.sqlite"
    make(path)
    before = path.read_bytes()
    with pytest.raises(error, match=words) as info:
        KoladaStore(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kolada.sqlite"]
    rendered = info.value.render("sv")  # type: ignore[attr-defined]
    assert swedish in rendered and str(path) in rendered
    assert info.value.render("en") == str(info.value)  # type: ignore[attr-defined]


def test_a_store_in_a_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DirectoryNotFoundError):
        KoladaStore(tmp_path / "nowhere" / "kolada.sqlite")
    assert not (tmp_path / "nowhere").exists()


def test_the_file_carries_its_format(tmp_path: Path) -> None:
    store_at(tmp_path).close()
    db = sqlite3.connect(tmp_path / "kolada.sqlite")
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] == FORMAT_VERSION
    db.close()


_values = st.dictionaries(
    st.sampled_from(["0000", "0180", "1231", "1280", "1262"]),
    st.one_of(st.none(), st.floats(-1e9, 1e9, allow_nan=False)),
    min_size=1,
)


@settings(max_examples=25, deadline=None)
@given(pages=st.lists(_values, min_size=1, max_size=4))
def test_what_is_read_back_is_what_kolada_sent_without_the_missing(
    tmp_path_factory: pytest.TempPathFactory, pages: list[dict[str, float | None]]
) -> None:
    path = tmp_path_factory.mktemp("store") / "kolada.sqlite"
    kc, _ = client(year_answers("N1", 2023, pages))
    with KoladaStore(path) as store:
        store.fetch(kc, "N1", 2023, publication_dates={})
        expected: dict[str, float] = {}
        for page in pages:
            for m, v in page.items():
                if v is None:
                    expected.pop(m, None)
                else:
                    expected[m] = v
        assert dict(store.values("N1", 2023)) == expected
        assert 0.0 not in store.values("N1", 2023).values() or 0.0 in expected.values()


# ------------------------------------------------------------------ goalchain kolada fetch --store
import argparse  # noqa: E402

import goalchain as gc  # noqa: E402
from goalchain import _cli_kolada  # noqa: E402
from goalchain.io import kolada as kolada_module  # noqa: E402
from goalchain.io._kolada_store import StoreClient  # noqa: E402


def _chain() -> gc.GoalChain:
    c = gc.GoalChain(name="Burlövs kommun", model="classic", municipality="1231")
    c.add_goal("vision", "Burlöv", level="vision")
    c.add_goal("kf1", "Fler elever ska nå gymnasiebehörighet", level="council", parents=["vision"])
    c.add_indicator(
        "i1", "Behöriga", parents=["kf1"], unit="percent", direction="increase", kolada="N15436"
    )
    return c


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="goalchain")
    _cli_kolada.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def _national(opener_answers: dict[str, Any]) -> None:
    opener_answers[f"{BASE}/kpi/N15436"] = {
        "values": [
            {"id": "N15436", "title": "Behöriga, andel (%)", "publication_date": "2026-04-01"}
        ]
    }
    opener_answers.update(
        year_answers("N15436", 2022, [{"1231": 70.0, "0180": 80.0}, {RIKET: 75.0, "1280": None}])
    )


def _kolada_answering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[FakeOpener, dict[str, Any], Path, Path]:
    """Kolada answering a national year of N15436, the groups and the municipalities
    (through a fake opener), Burlöv's chain in a file, and where its store goes."""
    answers: dict[str, Any] = {
        f"{BASE}/municipality_groups": fixture("municipality_groups.json"),
        f"{BASE}/municipality": fixture("municipality.json"),
    }
    _national(answers)
    opener = FakeOpener(answers)

    class Offline(KoladaClient):
        def __init__(self, base_url: str = BASE, **kwargs: Any):
            super().__init__(base_url, opener=opener, retries=0, **kwargs)

    monkeypatch.setattr(kolada_module, "KoladaClient", Offline)
    source = tmp_path / "burlov.yaml"
    gc.dump(_chain(), source)
    store_file = tmp_path / "kolada.sqlite"
    return opener, answers, source, store_file


def test_cli_fetch_keeps_the_values_in_the_store_and_reads_it_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opener, answers, source, store_file = _kolada_answering(tmp_path, monkeypatch)
    argv = ["kolada", "fetch", str(source), "--years", "2022", "--no-progress"]
    argv += ["--base-url", BASE, "--store", str(store_file), "--lang", "en"]
    assert _cli_kolada.run(_parse(argv), io.StringIO(), io.StringIO()) == 0
    assert gc.load(source).series("i1")[gc.Period.parse(2022)] == 70.0
    with KoladaStore(store_file) as store:  # every municipality, not only the chain's
        assert dict(store.values("N15436", 2022)) == {"1231": 70.0, "0180": 80.0, RIKET: 75.0}
        assert len(store.groups()) == len(answers[f"{BASE}/municipality_groups"]["values"])
        assert len(store.municipalities()) == len(answers[f"{BASE}/municipality"]["values"])
    asked = len(opener.asked)

    # again: the store has it all, Kolada is asked only for the KPI's metadata
    assert _cli_kolada.run(_parse(argv), io.StringIO(), io.StringIO()) == 0
    assert opener.asked[asked:] == [f"{BASE}/kpi/N15436"]

    # offline: the store alone answers
    opener.answers.clear()
    gc.dump(_chain(), source)
    assert _cli_kolada.run(_parse([*argv, "--offline"]), io.StringIO(), io.StringIO()) == 0
    assert gc.load(source).series("i1")[gc.Period.parse(2022)] == 70.0
    with pytest.raises(KoladaError, match="2023 not in the store") as info:
        _cli_kolada.run(
            _parse([*argv[:4], "2022-2023", *argv[5:], "--offline"]), io.StringIO(), io.StringIO()
        )
    assert "finns inte i lagret" in info.value.render("sv")


def test_store_client_fills_a_chain_with_provenance(tmp_path: Path) -> None:
    answers: dict[str, Any] = {}
    _national(answers)
    kc, _ = client(answers)
    chain = _chain()
    with store_at(tmp_path) as store:
        report = kolada_module.fetch_into(chain, 2022, client=StoreClient(store, kc))
    assert chain.series("i1")[gc.Period.parse(2022)] == 70.0
    assert report.recorded
    assert any("Kolada" in str(m.source) for m in chain.measurements())


def test_offline_needs_a_cache_or_a_store(tmp_path: Path) -> None:
    source = tmp_path / "burlov.yaml"
    gc.dump(_chain(), source)
    argv = ["kolada", "fetch", str(source), "--years", "2022", "--offline"]
    with pytest.raises(gc.GoalchainError, match="give --cache DIR or --store PATH"):
        _cli_kolada.run(_parse([*argv, "--lang", "en"]), io.StringIO(), io.StringIO())


def test_cli_compare_reads_the_store_that_fetch_filled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole way (issue 17): fetch a national year into the store, then compare offline."""
    opener, _, source, store_file = _kolada_answering(tmp_path, monkeypatch)
    fetch = ["kolada", "fetch", str(source), "--years", "2022", "--no-progress"]
    fetch += ["--base-url", BASE, "--store", str(store_file)]
    assert _cli_kolada.run(_parse(fetch), io.StringIO(), io.StringIO()) == 0
    opener.answers.clear()  # from here on, the store alone answers
    compare = ["kolada", "compare", str(source), "--year", "2022", "--all"]
    compare += ["--store", str(store_file), "--offline", "--format", "json"]
    out = io.StringIO()
    assert _cli_kolada.run(_parse(compare), out, io.StringIO()) == 0
    figures = json.loads(out.getvalue())["i1"]
    assert (figures["value"], figures["rank"], figures["of"]) == (70.0, 2, 2)
    assert (figures["best"], figures["worst"], figures["riket"]) == (80.0, 70.0, 75.0)
    out = io.StringIO()
    table = [*compare[:-2], "--lang", "sv"]
    assert _cli_kolada.run(_parse(table), out, io.StringIO()) == 0
    assert "70\u00a0%" in out.getvalue() and "2 av 2" in out.getvalue()


def test_cli_compare_without_a_store_file_says_how_to_fill_one(tmp_path: Path) -> None:
    source = tmp_path / "burlov.yaml"
    gc.dump(_chain(), source)
    missing = tmp_path / "none.sqlite"
    argv = ["kolada", "compare", str(source), "--year", "2022", "--store", str(missing)]
    with pytest.raises(gc.GoalchainError) as info:
        _cli_kolada.run(_parse([*argv, "--offline"]), io.StringIO(), io.StringIO())
    assert "goalchain kolada fetch" in info.value.render("sv") and not missing.exists()
