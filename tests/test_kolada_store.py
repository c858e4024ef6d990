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


def client(answers: dict[str, Any]) -> tuple[KoladaClient, FakeOpener]:
    opener = FakeOpener(answers)
    return KoladaClient(BASE, opener=opener, retries=0, sleep=lambda s: None), opener


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
