"""Fuzzers of the readers of untrusted input: Kolada answers, CSV and XLSX files (issue 14).

Each fuzzer feeds a reader random bytes, valid inputs mutated, or valid
shapes with random contents, and asserts that it gives a valid result or a
:class:`~goalchain.exceptions.GoalchainError`, within the time and memory
bound of ``_bounds.bounded``; and that a chain is left exactly as it was when
an import into it (a spreadsheet, a Kolada fetch) fails. ``make test`` runs
them with the ``ci`` profile's few examples, ``make fuzz`` with many.
"""

from __future__ import annotations

import csv
import io
import json
import math
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import given

import goalchain as gc
from _bounds import bounded
from _sheets import cells_xml, workbook
from goalchain.exceptions import KoladaError
from goalchain.io import SpreadsheetError, import_measurements, read_measurements
from goalchain.io._kolada_client import _parse_data
from goalchain.io._kolada_http import Fetched, parse_json
from goalchain.io.kolada import KoladaClient, KoladaValue, fetch_into

pytestmark = pytest.mark.fuzz

KPI = "N15436"
BASE = "https://api.kolada.se/v3"
URL = f"{BASE}/data/kpi/{KPI}/municipality/1231/year/2023"

# ------------------------------------------------------------------ strategies
json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def mutated(draw: st.DrawFn, data: bytes, *, edits: int = 8) -> bytes:
    """*data* with a few random edits: bytes replaced, inserted or deleted, a cut, a repeat."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, edits))):
        kind = draw(st.sampled_from(["set", "insert", "delete", "cut", "repeat"]))
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        if kind == "set" and out:
            out[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=8) | st.sampled_from(_TOKENS))
        elif kind == "delete":
            del out[at : at + draw(st.integers(1, 16))]
        elif kind == "cut":
            del out[at:]
        elif kind == "repeat" and out:
            end = min(len(out), at + draw(st.integers(1, 32)))
            out[at:at] = out[at:end] * draw(st.integers(1, 4))
    return bytes(out)


# what makes readers stumble: quotes, separators, brackets, huge numbers, entities
_TOKENS = [
    b'"',
    b";",
    b",",
    b"\n",
    b"\r",
    b"[",
    b"{",
    b"}",
    b"]",
    b"null",
    b"NaN",
    b"1e400",
    b"9" * 400,
    b"-",
    b"&amp;",
    b"<",
    b">",
    b"</c>",
    b'<c r="XFD9">',
    b'<row r="1048577">',
    b"\xc3\xa5",
    b"\xff",
    b"\x00",
]


def page(values: list[dict[str, Any]], next_url: Any = None) -> dict[str, Any]:
    return {"count": len(values), "next_url": next_url, "values": values}


def row(value: Any = 78.0, period: Any = 2023, gender: Any = "T") -> dict[str, Any]:
    return {
        "kpi": KPI,
        "municipality": "1231",
        "period": period,
        "values": [{"gender": gender, "count": 1, "status": "", "value": value}],
    }


VALID_PAGE = json.dumps(page([row(), row(64.1, 2022)])).encode()


@st.composite
def kolada_pages(draw: st.DrawFn) -> dict[str, Any]:
    """A page shaped like Kolada's with random values in its fields."""
    rows = draw(
        st.lists(
            st.builds(
                row,
                value=st.none() | st.floats() | st.integers() | json_values,
                period=st.integers(1800, 2300) | st.text(max_size=6) | json_values,
                gender=st.sampled_from(["T", "K", "M"]) | json_values,
            ),
            max_size=5,
        )
    )
    return page(rows, draw(st.none() | st.just("") | json_values))


def check_values(values: list[KoladaValue]) -> None:
    for v in values:
        assert v.value is None or math.isfinite(v.value)
        assert v.gender in ("T", "K", "M") and v.kpi and isinstance(v.year, int)


def parse(body: bytes) -> list[KoladaValue]:
    data = parse_json(body, url=URL)
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        raise KoladaError("not a page", url=URL)
    return _parse_data(Fetched(url=URL, data=data, fetched_at="2025-03-01T09:30:00Z"))


def outcome(call: Callable[[], Any]) -> Any:
    """What *call* gave within the bounds; the GoalchainError it raised, or its value."""
    result = bounded(call)
    return result.error if result.error is not None else result.value


# ------------------------------------------------------------------ Kolada
@given(st.binary(max_size=300))
def test_kolada_random_bytes(body: bytes) -> None:
    got = outcome(lambda: parse(body))
    if not isinstance(got, gc.GoalchainError):
        check_values(got)


@given(mutated(VALID_PAGE))
def test_kolada_mutated_answers(body: bytes) -> None:
    got = outcome(lambda: parse(body))
    if not isinstance(got, gc.GoalchainError):
        check_values(got)


@given(json_values | kolada_pages())
def test_kolada_random_json(data: Any) -> None:
    body = json.dumps(data).encode()  # NaN and Infinity too: json.dumps writes them
    got = outcome(lambda: parse(body))
    if not isinstance(got, gc.GoalchainError):
        check_values(got)


class _Response:
    def __init__(self, url: str, body: bytes):
        self.url = url
        self.body = io.BytesIO(body)
        self.headers: dict[str, str] = {}

    def read1(self, n: int) -> bytes:
        return self.body.read(n)

    def geturl(self) -> str:
        return self.url

    def __enter__(self) -> _Response:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class _Opener:
    """Answers the metadata URL with a valid page and any other URL with *bodies* in turn."""

    def __init__(self, bodies: list[bytes]):
        self.bodies = bodies

    def open(self, request: Any, data: None = None, timeout: float = 0) -> _Response:
        url = request.full_url
        if "/kpi/" in url and "/data/" not in url:
            meta = {"values": [{"id": KPI, "title": "Behöriga, andel (%)"}]}
            return _Response(url, json.dumps(meta).encode())
        return _Response(url, self.bodies.pop(0) if self.bodies else b'{"values": []}')


def kolada_chain() -> gc.GoalChain:
    chain = gc.GoalChain(name="K", municipality="1231")
    chain.add_indicator("i1", "Behöriga", unit="percent", kolada=KPI)
    chain.record("i1", 2022, 60.0)
    return chain


pages = (
    st.binary(max_size=200)
    | mutated(VALID_PAGE)
    | (json_values | kolada_pages()).map(lambda d: json.dumps(d).encode())
)


@given(st.lists(pages, min_size=1, max_size=3), st.booleans())
def test_kolada_fetch_all_or_nothing(bodies: list[bytes], replace: bool) -> None:
    """fetch_into gives a report or a GoalchainError, and an error leaves the chain as it was."""
    chain = kolada_chain()
    before = gc.dumps(chain)
    client = KoladaClient(BASE, opener=_Opener(list(bodies)), retries=0, sleep=lambda s: None)
    got = outcome(lambda: fetch_into(chain, "2022-2023", client=client, replace=replace))
    if isinstance(got, gc.GoalchainError):
        assert gc.dumps(chain) == before
    else:
        gc.loads(gc.dumps(chain))  # what was recorded can be saved and read back


# ------------------------------------------------------------------ spreadsheets
@contextmanager
def a_file(data: bytes, suffix: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"m{suffix}"
        path.write_bytes(data)
        yield path


def sheet_chain() -> gc.GoalChain:
    chain = gc.GoalChain(name="Kedja")
    chain.add_indicator("i1", "Andel behöriga", unit="percent")
    chain.add_indicator("i2", "Kostnad", unit="SEK")
    chain.record("i1", 2022, 80.0)
    return chain


def read_and_import(path: Path, on_conflict: str = "error") -> None:
    """import_measurements records measurements that can be saved, or raises a
    GoalchainError and leaves the chain exactly as it was (it reads the file with
    read_measurements first)."""
    chain = sheet_chain()
    before = gc.dumps(chain)
    done = outcome(lambda: import_measurements(chain, path, on_conflict=on_conflict))  # type: ignore[arg-type]
    if isinstance(done, gc.GoalchainError):
        assert gc.dumps(chain) == before
    else:
        assert all(math.isfinite(m.value) for m in chain.measurements())
        assert gc.loads(gc.dumps(chain)) == chain


on_conflicts = st.sampled_from(["error", "keep", "replace"])


def csv_text(rows: list[list[str]], delimiter: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


VALID_CSV = "indikator;år;värde;enhet\ni1;2023;81,5;%\ni2;2023;1 234;kr\ni1;2024;..;\n".encode()

cells = (
    st.sampled_from(["i1", "i2", "x", "2023", "2024-T2", "81,5", "1 234", "..", "%", "kr", ""])
    | st.text(max_size=12)
    | st.floats().map(str)
    | st.integers().map(str)
)


@given(st.binary(max_size=400))
def test_csv_random_bytes(data: bytes) -> None:
    with a_file(data, ".csv") as path:
        got = outcome(lambda: read_measurements(path, sheet_chain()))
        if not isinstance(got, gc.GoalchainError):
            assert all(isinstance(m, gc.Measurement) and math.isfinite(m.value) for m in got)


@given(mutated(VALID_CSV), on_conflicts)
def test_csv_mutated(data: bytes, on_conflict: str) -> None:
    with a_file(data, ".csv") as path:
        read_and_import(path, on_conflict)


@given(
    st.lists(st.lists(cells, max_size=6), max_size=6),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(
        [["indikator", "år", "värde"], ["indicator", "period", "value", "unit", "gender"]]
    ),
    on_conflicts,
)
def test_csv_random_cells(
    rows: list[list[str]], delimiter: str, header: list[str], on_conflict: str
) -> None:
    with a_file(csv_text([header, *rows], delimiter), ".csv") as path:
        read_and_import(path, on_conflict)


VALID_XLSX = workbook(rows=[["indikator", "år", "värde"], ["i1", 2023, 81.5], ["i2", 2023, 1234]])
SHEET_XML = cells_xml(
    [["indikator", "år", "värde"], ["i1", 2023, 81.5], ["i2", "2024", "1 234 kr"]]
)

xlsx_cells = (
    cells
    | st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
)


@given(st.binary(max_size=400))
def test_xlsx_random_bytes(data: bytes) -> None:
    with a_file(data, ".xlsx") as path:
        got = outcome(lambda: read_measurements(path, sheet_chain()))
        assert isinstance(got, SpreadsheetError)


@given(mutated(VALID_XLSX, edits=3), on_conflicts)
def test_xlsx_mutated_archive(data: bytes, on_conflict: str) -> None:
    with a_file(data, ".xlsx") as path:
        read_and_import(path, on_conflict)


@given(mutated(SHEET_XML.encode(), edits=4), on_conflicts)
def test_xlsx_mutated_sheet_xml(sheet: bytes, on_conflict: str) -> None:
    """The archive is sound, the sheet's XML is not: openpyxl's errors become ours."""
    with a_file(workbook(sheet.decode("utf-8", "replace")), ".xlsx") as path:
        read_and_import(path, on_conflict)


@given(
    st.lists(st.lists(xlsx_cells, max_size=5), max_size=5),
    st.sampled_from([["indikator", "år", "värde"], ["indicator", "period", "value", "unit"]]),
    on_conflicts,
)
def test_xlsx_random_cells(rows: list[list[Any]], header: list[str], on_conflict: str) -> None:
    with a_file(workbook(rows=[header, *rows]), ".xlsx") as path:
        read_and_import(path, on_conflict)
