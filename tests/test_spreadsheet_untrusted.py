"""Spreadsheets as untrusted input (issue 14): zip bombs, millions of rows, huge cells.

The ``.xlsx`` files are built by hand in the test (``_sheets``), a few kB on
disk however far they inflate. The probes of the issue run in a fresh process
with a memory limit (``run_bounded``): a 1.5 MB workbook whose shared string
inflates to 1.5 GB, and a sheet of 2,000,000 rows; before, the first took
5.8 GB and died, the second loaded for minutes. Smaller cases pass small
limits per call (``SpreadsheetLimits``) so the tests stay fast.
"""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import given

import goalchain as gc
from _bounds import bounded, run_bounded
from _sheets import (
    NS,
    bomb_stream,
    deflated,
    rows_bomb,
    shared_string_bomb,
    workbook,
    zip_archive,
)
from goalchain.exceptions import FileFormatError, InvalidValueError
from goalchain.io import (
    SpreadsheetError,
    SpreadsheetLimitError,
    SpreadsheetLimits,
    import_measurements,
    read_measurements,
)
from goalchain.io._csv import _check_lines, read_csv
from goalchain.io._sheet_limits import MAX_CELL_CHARS, MAX_ROWS, MAX_XLSX_PART_BYTES
from goalchain.io._xlsx import check_workbook, read_xlsx

pytest.importorskip("openpyxl")

HEADER = ["indikator", "år", "värde"]
ROW = b'<row><c t="inlineStr"><is><t>i1</t></is></c><c><v>2023</v></c><c><v>81.5</v></c></row>'


def chain() -> gc.GoalChain:
    c = gc.GoalChain(name="Kedja")
    c.add_indicator("i1", "Andel behöriga", unit="percent")
    c.record("i1", 2022, 80.0)
    return c


def refused(call: Callable[[], Any], *, seconds: float, megabytes: float) -> SpreadsheetLimitError:
    """The SpreadsheetLimitError *call* raised within the bounds."""
    out = bounded(call, seconds=seconds, megabytes=megabytes)
    assert isinstance(out.error, SpreadsheetLimitError), out
    return out.error


def write(tmp_path: Path, data: bytes, name: str = "bomb.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------ the probes
_PROBE = """
import time
import goalchain as gc
from goalchain.io import SpreadsheetLimitError, import_measurements
chain = gc.GoalChain(name="K")
chain.add_indicator("i1", "A", unit="percent")
start = time.process_time()
try:
    import_measurements(chain, {path!r})
    print("loaded", chain.measurements() != [])
except SpreadsheetLimitError as err:
    print("refused", err.limit, round(time.process_time() - start, 2))
    print(err)
"""


def test_shared_string_bomb_is_refused_fast_in_little_memory(tmp_path: Path) -> None:
    """1.5 MB inflating to 1.5 GB: 5.8 GB and dead before; refused from its declared size."""
    data = shared_string_bomb(1500)
    assert len(data) < 1_700_000
    path = write(tmp_path, data)
    run = run_bounded(_PROBE.format(path=str(path)), seconds=30, megabytes=600)
    assert run.stdout.startswith("refused part_bytes"), run.stdout + run.stderr
    assert "xl/sharedStrings.xml" in run.stdout and "1,572,864,1" in run.stdout


def test_two_million_rows_are_refused_fast_in_little_memory(tmp_path: Path) -> None:
    """2,000,000 rows (172 MB of XML from 600 kB): minutes and 820 MB before; refused at
    the 1,048,577th row by the scan, before openpyxl reads a row."""
    path = write(tmp_path, rows_bomb(2_000_000, ROW))
    run = run_bounded(_PROBE.format(path=str(path)), seconds=30, megabytes=600)
    assert run.stdout.startswith("refused rows"), run.stdout + run.stderr
    assert f"sheet 'Blad1', row {MAX_ROWS + 1}" in run.stdout
    seconds = float(run.stdout.split()[2])
    assert seconds < 10


def test_a_290_mb_sheet_is_refused_from_its_declared_size(tmp_path: Path) -> None:
    row = ROW.replace(b"<row>", b'<row spans="1:3" x14ac:dyDescent="0.25">' + b" " * 26)
    path = write(tmp_path, rows_bomb(2_000_000, row))
    err = refused(lambda: read_xlsx(path), seconds=2, megabytes=16)
    assert err.limit == "part_bytes" and err.maximum == MAX_XLSX_PART_BYTES
    assert "xl/worksheets/sheet1.xml" in str(err)


def test_a_declared_size_that_lies_does_not_inflate_further(tmp_path: Path) -> None:
    """The archive says 1,000 bytes; the part inflates to 1.5 GB: zipfile stops at the
    declared size, and the part is then a bad checksum, found fast."""
    path = write(tmp_path, shared_string_bomb(1500, declared=1000))
    out = bounded(lambda: read_xlsx(path), seconds=2, megabytes=16)
    assert isinstance(out.error, SpreadsheetError)
    assert "xl/sharedStrings.xml" in str(out.error)


def test_inflated_bytes_are_counted_whatever_is_declared(tmp_path: Path) -> None:
    small = SpreadsheetLimits(part_bytes=1_000_000)
    path = write(tmp_path, shared_string_bomb(3, declared=900_000))  # 3 MB, says 0.9 MB
    out = bounded(lambda: check_workbook(path, small), seconds=2, megabytes=16)
    assert isinstance(out.error, SpreadsheetError)  # stopped at 900,000: a bad checksum
    path = write(tmp_path, shared_string_bomb(3))
    with pytest.raises(SpreadsheetLimitError, match="inflates to 3,145,"):
        check_workbook(path, small)


# ------------------------------------------------------------------ limits, one by one
def test_an_ordinary_workbook_reads(tmp_path: Path) -> None:
    path = write(tmp_path, workbook(rows=[HEADER, ["i1", 2023, 81.5]]), "ok.xlsx")
    [m] = read_measurements(path, chain())
    assert (m.indicator, str(m.period), m.value) == ("i1", "2023", 81.5)


def test_the_file_and_the_number_of_parts(tmp_path: Path) -> None:
    path = write(tmp_path, workbook(rows=[HEADER]), "ok.xlsx")
    size = path.stat().st_size
    with pytest.raises(SpreadsheetLimitError, match="the file has") as caught:
        read_xlsx(path, limits=SpreadsheetLimits(part_bytes=size - 1))
    assert caught.value.limit == "part_bytes"
    with pytest.raises(SpreadsheetLimitError, match="zip archive of 5 parts"):
        read_xlsx(path, limits=SpreadsheetLimits(parts=4))
    many = zip_archive([deflated(f"x{i}.bin", b"") for i in range(70_000)])
    path = write(tmp_path, many, "many.xlsx")
    out = bounded(lambda: read_xlsx(path), seconds=2, megabytes=16)
    assert isinstance(out.error, SpreadsheetLimitError)
    assert "65,535 parts" in str(out.error)  # from the end record, before zipfile reads them


def test_rows_beyond_the_limit(tmp_path: Path) -> None:
    rows = [HEADER] + [["i1", 2000 + i, 80.0 + i] for i in range(5)]
    path = write(tmp_path, workbook(rows=rows))
    with pytest.raises(SpreadsheetLimitError) as caught:
        read_xlsx(path, limits=SpreadsheetLimits(rows=4))
    err = caught.value
    assert (err.limit, err.row, err.sheet) == ("rows", 5, "Blad1")
    assert "sheet 'Blad1', row 5: more than 4 rows" in str(err)
    assert "fler än 4 rader" in err.render("sv")
    assert len(read_xlsx(path, limits=SpreadsheetLimits(rows=6))[0].rows) == 6


def test_a_row_far_down_is_refused_without_yielding_the_empty_rows(tmp_path: Path) -> None:
    """openpyxl yields every empty row before row 99,999,999; the row count stops it."""
    sheet = (
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
        '<row r="99999999"><c r="A99999999"><v>1</v></c></row></sheetData>'
    )
    path = write(tmp_path, workbook(sheet))
    err = refused(lambda: read_xlsx(path), seconds=2, megabytes=16)
    assert (err.limit, err.row) == ("rows", 99_999_999)  # found by the scan


def test_a_cell_far_right_counts_its_empty_cells(tmp_path: Path) -> None:
    """A cell in column XFD makes openpyxl pad its row to 16,384 cells; 400 such rows are
    6.5 million cells."""
    rows = "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(1, 401))
    path = write(tmp_path, workbook(f"<sheetData>{rows}</sheetData>"))
    start = time.process_time()
    with pytest.raises(SpreadsheetLimitError) as caught:
        read_xlsx(path)  # not under tracemalloc, which makes openpyxl ten times slower
    assert time.process_time() - start < 5
    assert caught.value.limit == "cells"
    assert caught.value.row == 306  # 306 * 16,384 > 5,000,000


def test_a_row_of_a_million_cells_is_refused_before_openpyxl_builds_it(tmp_path: Path) -> None:
    head = f'<worksheet xmlns="{NS}"><sheetData><row r="1">'.encode()
    part = bomb_stream(
        "xl/worksheets/sheet1.xml", head, b"<c/>" * 1000, 1000, b"</row></sheetData></worksheet>"
    )
    path = write(tmp_path, workbook(part))
    err = refused(lambda: read_xlsx(path), seconds=2, megabytes=16)
    assert err.limit == "columns" and err.row == 1
    assert "more than the 16,384 columns read" in str(err)


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_cells_of_one_row_are_counted_across_chunks(tmp_path: Path, prefix: str) -> None:
    head = f'<{prefix}worksheet xmlns{":x" if prefix else ""}="{NS}"><{prefix}sheetData>'
    head += f'<{prefix}row r="1">'
    cell = f"<{prefix}c/>".encode()
    tail = f"</{prefix}row></{prefix}sheetData></{prefix}worksheet>".encode()
    part = bomb_stream("xl/worksheets/sheet1.xml", head.encode(), cell * 100, 200, tail)
    path = write(tmp_path, workbook(part))
    with pytest.raises(SpreadsheetLimitError, match="the row has") as caught:
        check_workbook(path, SpreadsheetLimits(columns=10_000))
    assert caught.value.row == 1
    check_workbook(path, SpreadsheetLimits(columns=20_000))


def test_a_long_cell_is_refused(tmp_path: Path) -> None:
    long = "å" * (MAX_CELL_CHARS + 1)
    path = write(tmp_path, workbook(rows=[HEADER, ["i1", 2023, long]]))
    with pytest.raises(SpreadsheetLimitError) as caught:
        read_xlsx(path)
    err = caught.value
    assert (err.limit, err.sheet, err.row) == ("cell_chars", "Blad1", 2)
    assert "more than 32,767 characters (32,768;" in str(err)
    assert "fler än 32\u00a0767 tecken (32\u00a0768;" in err.render("sv")  # no-break spaces
    exact = write(tmp_path, workbook(rows=[HEADER, ["i1", 2023, long[1:]]]), "exact.xlsx")
    assert read_xlsx(exact)[0].rows[1][1][2] == long[1:]


def test_entities_count_as_the_characters_they_stand_for(tmp_path: Path) -> None:
    text = "&" * 10_000  # 50,000 bytes as &amp;
    path = write(tmp_path, workbook(rows=[HEADER, ["i1", 2023, text]]))
    assert read_xlsx(path)[0].rows[1][1][2] == text
    with pytest.raises(SpreadsheetLimitError):
        read_xlsx(path, limits=SpreadsheetLimits(cell_chars=9_999))


def test_a_long_shared_string_and_many_shared_strings(tmp_path: Path) -> None:
    sheet = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>'
    path = write(tmp_path, workbook(sheet, shared=["x" * 5000]))
    with pytest.raises(SpreadsheetLimitError) as caught:
        read_xlsx(path, limits=SpreadsheetLimits(cell_chars=4000))
    assert caught.value.sheet == "xl/sharedStrings.xml"  # no sheet of its own: the part
    path = write(tmp_path, workbook(sheet, shared=["a"] * 50), "many.xlsx")
    with pytest.raises(SpreadsheetLimitError, match="more than 40 cells"):
        read_xlsx(path, limits=SpreadsheetLimits(cells=40))


def test_an_import_beyond_a_limit_leaves_the_chain_unchanged(tmp_path: Path) -> None:
    c = chain()
    before = c.measurements()
    rows = [HEADER] + [["i1", 2000 + i, 80.0] for i in range(10)]
    path = write(tmp_path, workbook(rows=rows))
    with pytest.raises(SpreadsheetLimitError):
        import_measurements(c, path, limits=SpreadsheetLimits(rows=5))
    assert c.measurements() == before
    report = import_measurements(c, path, limits=SpreadsheetLimits(rows=11))
    assert report.added == 10


def test_limits_are_checked() -> None:
    with pytest.raises(InvalidValueError, match=r"limits\.rows"):
        SpreadsheetLimits(rows=0)
    with pytest.raises(InvalidValueError, match=r"limits\.cells"):
        SpreadsheetLimits(cells=True)
    with pytest.raises(InvalidValueError, match="limits must be a SpreadsheetLimits"):
        read_measurements("x.csv", chain(), limits={"rows": 5})  # type: ignore[arg-type]


def test_limit_errors_are_file_format_errors(tmp_path: Path) -> None:
    path = write(tmp_path, workbook(rows=[HEADER, ["i1", 2023, 81.5]]))
    with pytest.raises(FileFormatError) as caught:
        read_xlsx(path, limits=SpreadsheetLimits(rows=1))
    assert isinstance(caught.value, gc.GoalchainError)
    assert caught.value.file == str(path)


# ------------------------------------------------------------------ CSV
def csv_file(tmp_path: Path, text: str, name: str = "m.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_file_size(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "indikator;år;värde\n" + "i1;2023;1\n" * 100)
    size = len(path.read_bytes())
    with pytest.raises(SpreadsheetLimitError, match=f"the file has {size:,} bytes") as caught:
        read_csv(path, limits=SpreadsheetLimits(csv_bytes=1000))
    assert caught.value.limit == "csv_bytes"
    assert len(read_csv(path, limits=SpreadsheetLimits(csv_bytes=size)).rows) == 101


def test_csv_rows(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "indikator;år;värde\n" + "i1;2023;1\n\n" * 10)
    with pytest.raises(SpreadsheetLimitError) as caught:
        read_csv(path, limits=SpreadsheetLimits(rows=5))
    assert (caught.value.limit, caught.value.row) == ("rows", 10)  # blank lines are no rows
    assert caught.value.sheet is None


def test_csv_line_length(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "indikator;år;värde\ni1;2023;" + "1" * 200 + "\n")
    with pytest.raises(SpreadsheetLimitError, match="more than 100 characters") as caught:
        read_csv(path, limits=SpreadsheetLimits(line_chars=100))
    assert (caught.value.limit, caught.value.row) == ("line_chars", 2)


def test_csv_cell_length_columns_and_cells(tmp_path: Path) -> None:
    path = csv_file(tmp_path, 'indikator;år;värde\ni1;2023;"' + "x" * 50 + '"\n')
    with pytest.raises(SpreadsheetLimitError) as caught:
        read_csv(path, limits=SpreadsheetLimits(cell_chars=40))
    assert (caught.value.limit, caught.value.row, caught.value.col) == ("cell_chars", 2, 3)
    path = csv_file(tmp_path, "a;b;c;d;e\n", "wide.csv")
    with pytest.raises(SpreadsheetLimitError, match="the row has 5 cells"):
        read_csv(path, limits=SpreadsheetLimits(columns=4))
    path = csv_file(tmp_path, "a;b;c\n1;2;3\n4;5;6\n", "cells.csv")
    with pytest.raises(SpreadsheetLimitError, match="more than 8 cells") as caught:
        read_csv(path, limits=SpreadsheetLimits(cells=8))
    assert caught.value.row == 3


def test_a_csv_field_above_the_csv_modules_own_limit(tmp_path: Path) -> None:
    """A quote left open swallows the file: the csv module's limit (process-global,
    left as it is) stops it, and the error says so."""
    import csv

    before = csv.field_size_limit()
    path = csv_file(tmp_path, 'indikator;år;värde\ni1;2023;"' + "1;2\n" * 40_000)
    with pytest.raises(SpreadsheetLimitError) as caught:
        read_csv(path)
    assert caught.value.limit == "cell_chars" and caught.value.row == 2
    assert "csv module" in str(caught.value) and "csv-modul" in caught.value.render("sv")
    assert csv.field_size_limit() == before


def test_a_csv_of_two_million_rows_is_refused_in_little_memory(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "indikator;år;värde\n" + "i1;2023;81,5\n" * 2_000_000)
    run = run_bounded(_PROBE.format(path=str(path)), seconds=30, megabytes=800)
    assert run.stdout.startswith("refused rows"), run.stdout + run.stderr


def test_the_csv_module_limit_is_not_changed(tmp_path: Path) -> None:
    import csv

    before = csv.field_size_limit()
    read_csv(csv_file(tmp_path, "a;b\n1;2\n"))
    assert csv.field_size_limit() == before


@given(
    st.text(alphabet=st.sampled_from("ab;\n\r"), max_size=60)
    | st.lists(st.integers(0, 30), max_size=6).map(lambda ns: "\n".join("x" * n for n in ns)),
    st.integers(1, 12),
)
def test_csv_line_check_agrees_with_the_lines(text: str, n: int) -> None:
    """The sampled check refuses exactly the texts with a line longer than *n*."""
    lines = re.split(r"\r\n|\r|\n", text)
    limits = SpreadsheetLimits(line_chars=n)
    long = [(row, len(line)) for row, line in enumerate(lines, 1) if len(line) > n]
    if long:
        with pytest.raises(SpreadsheetLimitError) as caught:
            _check_lines(text, "f.csv", limits)
        assert (caught.value.row, caught.value.params["n"]) == long[0]  # the first one
    else:
        _check_lines(text, "f.csv", limits)


@given(st.integers(0, 12), st.integers(1, 12), st.integers(1, 6))
def test_xlsx_scan_counts_rows_and_cells(rows: int, limit: int, width: int) -> None:
    """The scan refuses exactly the sheets with more rows, or longer rows, than allowed."""
    data = workbook(rows=[["x"] * width] * rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.xlsx"
        path.write_bytes(data)
        limits = SpreadsheetLimits(rows=limit, columns=limit)
        if rows > limit or (rows and width > limit):
            with pytest.raises(SpreadsheetLimitError) as caught:
                check_workbook(path, limits)
            assert caught.value.limit == ("rows" if rows > limit else "columns")
        else:
            check_workbook(path, limits)
