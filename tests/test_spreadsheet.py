"""Measurements from CSV and Excel files: dialects, errors naming file/row/column,
all-or-nothing imports, conflicts, the template and the import/template commands."""

from __future__ import annotations

import argparse
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import goalchain as gc
from _catalogs import check_words
from goalchain import _cli_import
from goalchain.exceptions import (
    DuplicateError,
    FileFormatError,
    InvalidValueError,
    UnitMismatchError,
    UnknownElementError,
)
from goalchain.io import (
    ImportReport,
    SpreadsheetDuplicateError,
    SpreadsheetError,
    SpreadsheetUnitError,
    SpreadsheetUnknownIndicatorError,
    SpreadsheetValueError,
    import_measurements,
    read_measurements,
    write_template,
)
from goalchain.models import Period

try:
    import openpyxl
except ImportError:  # pragma: no cover - the test extra installs it
    openpyxl = None

needs_excel = pytest.mark.skipif(
    openpyxl is None, reason="the excel extra (openpyxl, defusedxml) is not installed"
)

P = Period.parse


def make_chain() -> gc.GoalChain:
    chain = gc.GoalChain(name="Nynäshamns kommun", model="classic", municipality="0192")
    chain.add_goal("vision", "Vision 2040", level="vision")
    chain.add_goal("kf1", "Fler i arbete", level="council", parents=["vision"])
    chain.add_indicator(
        "i1",
        "Andel behöriga till yrkesprogram",
        parents=["kf1"],
        unit="percent",
        baseline=(2022, 78.0),
        target=(2026, 90.0),
        kolada="N15436",
    )
    chain.add_indicator("kost", "Kostnad per elev", parents=["kf1"], unit="tkr")
    chain.add_indicator("antal", "Antal invånare", parents=["kf1"], unit="count")
    chain.record("i1", 2022, 78.0)
    return chain


@pytest.fixture
def chain() -> gc.GoalChain:
    return make_chain()


def write(path: Path, text: str, *, bom: bool = False) -> Path:
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def values(chain: gc.GoalChain) -> dict[tuple[str, str, str], float]:
    return {(m.indicator, str(m.period), m.gender): m.value for m in chain.measurements()}


# ------------------------------------------------------------------ CSV dialects


@pytest.mark.parametrize("bom", [False, True])
def test_swedish_csv_semicolon_decimal_comma_nbsp_thousands(tmp_path: Path, chain, bom) -> None:
    path = write(
        tmp_path / "utfall.csv",
        "Indikator;År;Värde;Enhet\r\n"
        "i1;2023;80,5;%\r\n"
        "i1;2024;81,5 %;\r\n"
        "kost;2024;1\u00a0234,5 kr;\r\n"
        "kost;2023;98\u2009765;kr\r\n"
        "antal;2024;12\u202f345;\r\n"
        '"antal";"2023";"12 000";""\r\n',
        bom=bom,
    )
    got = read_measurements(path, chain)
    assert [(m.indicator, str(m.period), m.value) for m in got] == [
        ("i1", "2023", 80.5),
        ("i1", "2024", 81.5),
        ("kost", "2024", pytest.approx(1.2345)),
        ("kost", "2023", pytest.approx(98.765)),
        ("antal", "2024", 12345.0),
        ("antal", "2023", 12000.0),
    ]
    assert all(m.source == "utfall.csv" for m in got)
    assert got[0].unit == "percent" and got[2].unit == "tkr"
    assert len(chain.measurements()) == 1  # reading never changes the chain


def test_english_csv_comma_separated_quoted_fields(tmp_path: Path, chain) -> None:
    path = write(
        tmp_path / "values.csv",
        "indicator,year,value,gender,preliminary,source,comment\n"
        'i1,2024,81.5,K,yes,Kolada,"women, preliminary"\n'
        'i1,2024-T2,"80,5",T,,,"a ""quoted"" note\nover two lines"\n'
        "N15436,2025,82,M,no,,\n",
    )
    got = read_measurements(path, chain)
    assert [(m.indicator, str(m.period), m.gender, m.value, m.preliminary) for m in got] == [
        ("i1", "2024", "K", 81.5, True),
        ("i1", "2024-T2", "T", 80.5, False),
        ("i1", "2025", "M", 82.0, False),  # found by its Kolada id
    ]
    assert got[0].source == "Kolada" and got[1].source == "values.csv"
    assert got[0].extra == {"comment": "women, preliminary"}
    assert got[1].extra == {"comment": 'a "quoted" note\nover two lines'}


def test_tab_separated_and_sep_line(tmp_path: Path, chain) -> None:
    tab = write(tmp_path / "a.tsv", "indikator\tår\tvärde\ni1\t2024\t81,5\n")
    assert read_measurements(tab, chain)[0].value == 81.5
    sep = write(tmp_path / "b.csv", 'sep=,\nindikator,år,värde\ni1,2024,"81,5"\n')
    assert read_measurements(sep, chain)[0].value == 81.5


def test_cp1252_needs_encoding(tmp_path: Path, chain) -> None:
    path = tmp_path / "ansi.csv"
    path.write_bytes("indikator;år;värde\ni1;2024;81,5\n".encode("cp1252"))
    with pytest.raises(SpreadsheetError, match=r"ansi\.csv:1: row 1: .*not UTF-8.*cp1252"):
        read_measurements(path, chain)
    assert read_measurements(path, chain, encoding="cp1252")[0].value == 81.5


def test_codes_stay_strings(tmp_path: Path, chain) -> None:
    path = write(tmp_path / "k.csv", "kommun;indikator;år;värde\n0192;i1;2024;81,5\n")
    (m,) = read_measurements(path, chain)
    assert m.extra == {"kommun": "0192"}


def test_mapping_of_own_headers(tmp_path: Path, chain) -> None:
    path = write(
        tmp_path / "egen.csv",
        "Mått;Tidpunkt;Utfall 2024;Anteckning\ni1;2024;81,5;intern\n",
    )
    with pytest.raises(
        SpreadsheetError, match="no header row with columns for indicator, period, value"
    ):
        read_measurements(path, chain)
    got = read_measurements(
        path,
        chain,
        mapping={
            "Mått": "indicator",
            "tidpunkt": "period",
            "Utfall 2024": "value",
            "Anteckning": None,
        },
    )
    assert [(m.indicator, m.value, dict(m.extra)) for m in got] == [("i1", 81.5, {})]
    with pytest.raises(
        SpreadsheetError, match=r"egen\.csv:1: row 1: mapping= names the column 'Källa'"
    ):
        read_measurements(
            path,
            chain,
            mapping={
                "Mått": "indicator",
                "Tidpunkt": "period",
                "Utfall 2024": "value",
                "Källa": "source",
            },
        )
    with pytest.raises(InvalidValueError, match="unknown field; valid fields"):
        read_measurements(path, chain, mapping={"Mått": "indikator"})


def test_missing_markers_and_empty_cells(tmp_path: Path, chain) -> None:
    path = write(tmp_path / "m.csv", "indikator;år;värde\ni1;2023;..\ni1;2024;\ni1;2025;83\n")
    with pytest.raises(SpreadsheetValueError) as info:
        import_measurements(chain, path)
    err = info.value
    assert (err.file, err.line, err.column, err.cell) == (str(path), 3, 3, "C3")
    assert "m.csv:3:3: row 3, column C 'värde': the value of 'i1' is empty" in str(err)
    assert "'..'" in str(err)
    report = import_measurements(chain, path, missing="skip")
    assert report.added == 1
    # the cell marked missing is listed; the empty one is counted
    assert (report.missing, report.empty) == ((f"{path}:2:3",), 1)
    assert values(chain)[("i1", "2025", "T")] == 83.0


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("text", "cls", "builtin", "where", "message"),
    [
        (
            "indikator;år;värde\ni1;2024;80\nil;2024;81\n",
            SpreadsheetUnknownIndicatorError,
            UnknownElementError,
            ":3:1: row 3, column A 'indikator'",
            "no indicator with id 'il' in the chain; did you mean 'i1'",
        ),
        (
            "indikator;år;värde\ni1;2024;åttio\n",
            SpreadsheetValueError,
            InvalidValueError,
            ":2:3: row 2, column C 'värde'",
            "cannot read a number from 'åttio'; write for example '12,5'",
        ),
        (
            "indikator;år;värde\ni1;2024;1 234 kr\n",
            SpreadsheetUnitError,
            UnitMismatchError,
            ":2:3: row 2, column C 'värde'",
            "is in 'SEK', which does not fit the unit of 'i1', 'percent'",
        ),
        (
            "indikator;år;värde\ni1;2024;5 procentenheter\n",
            SpreadsheetUnitError,
            UnitMismatchError,
            ":2:3: row 2, column C 'värde'",
            "is in 'percentage_point', which does not fit the unit of 'i1', 'percent'",
        ),
        (
            "indikator;år;värde\nantal;2024;12,5 %\n",
            SpreadsheetUnitError,
            UnitMismatchError,
            ":2:3:",
            "is in 'percent', which does not fit the unit of 'antal', 'count'",
        ),
        (
            "indikator;år;värde\nantal;2024;1,234.5\n",
            SpreadsheetValueError,
            InvalidValueError,
            ":2:3:",
            "'1,234.5' mixes a decimal comma and a decimal point",
        ),
        (
            "indikator;år;värde;enhet\nkost;2024;12;procent\n",
            SpreadsheetUnitError,
            UnitMismatchError,
            ":2:3: row 2, column C 'värde'",
            "is in 'percent', which does not fit the unit of 'kost', 'tkr'",
        ),
        (
            "indikator;år;värde;enhet\ni1;2024;12 kr;%\n",
            SpreadsheetUnitError,
            UnitMismatchError,
            ":2:3:",
            "is in 'SEK' but the unit column says '%'",
        ),
        (
            "indikator;år;värde;enhet\ni1;2024;12;äpplen\n",
            SpreadsheetValueError,
            InvalidValueError,
            ":2:4: row 2, column D 'enhet'",
            "unknown unit 'äpplen'",
        ),
        (
            "indikator;år;värde\ni1;2024;80\ni1;2024;81\n",
            SpreadsheetDuplicateError,
            DuplicateError,
            ":3:3: row 3, column C 'värde'",
            "'i1' 2024 is 81 here but 80 in row 2",
        ),
        (
            "indikator;år;värde\ni1;tjugo;80\n",
            SpreadsheetValueError,
            InvalidValueError,
            ":2:2: row 2, column B 'år'",
            "cannot read period 'tjugo'",
        ),
        (
            "indikator;år;värde\nkf1;2024;80\n",
            SpreadsheetValueError,
            InvalidValueError,
            ":2:1:",
            "'kf1' is a goal, not an indicator",
        ),
        (
            "indikator;år;värde;kön\ni1;2024;80;X\n",
            SpreadsheetValueError,
            InvalidValueError,
            ":2:4: row 2, column D 'kön'",
            "'X' is not a gender; write T, K, M",
        ),
        (
            "indikator;år;värde;preliminär\ni1;2024;80;kanske\n",
            SpreadsheetValueError,
            InvalidValueError,
            ":2:4:",
            "'kanske' is not yes or no",
        ),
        (
            "indikator;år;värde\ni1;2024-06-30;80\n",
            SpreadsheetValueError,
            InvalidValueError,
            ":2:2:",
            "the date 2024-06-30 is not a period",
        ),
        (
            'indikator;år;värde\ni1;2024;"80\n',
            SpreadsheetError,
            FileFormatError,
            ":2: row 2:",
            "cannot be read as CSV",
        ),
        (
            "indikator;år;år;värde\ni1;2024;2024;80\n",
            SpreadsheetError,
            FileFormatError,
            ":1:3: row 1, column C 'år'",
            "both hold the period",
        ),
        ("", SpreadsheetError, FileFormatError, "", "the file is empty"),
    ],
)
def test_bad_input_names_file_row_and_column(
    tmp_path: Path, chain, text, cls, builtin, where, message
) -> None:
    path = write(tmp_path / "data.csv", text)
    before = chain.copy()
    version = chain.data_version
    with pytest.raises(cls) as info:
        import_measurements(chain, path)
    err = info.value
    assert isinstance(err, FileFormatError) and isinstance(err, builtin)
    assert isinstance(err, gc.GoalchainError)
    assert str(err).startswith(str(path))
    assert where in str(err)
    assert message in str(err)
    assert chain == before and chain.data_version == version


def test_unknown_indicator_lists_ids_when_nothing_is_close(tmp_path: Path, chain) -> None:
    path = write(tmp_path / "d.csv", "indikator;år;värde\nzzzzzz;2024;1\n")
    with pytest.raises(KeyError, match=r"the chain's indicators: 'i1', 'kost', 'antal'"):
        read_measurements(path, chain)


def test_missing_required_columns_lists_accepted_headers(tmp_path: Path, chain) -> None:
    path = write(tmp_path / "d.csv", "Mått;år;Resultat\ni1;2024;1\n")
    with pytest.raises(SpreadsheetError) as info:
        read_measurements(path, chain)
    text = str(info.value)
    assert text.startswith(f"{path}:1: row 1: no header row with columns for indicator, value")
    assert "'indikator'" in text and "'värde'" in text and "mapping=" in text


def test_all_or_nothing_when_a_late_row_fails(tmp_path: Path, chain) -> None:
    rows = "".join(f"i1;{year};{year - 1940}\n" for year in range(2000, 2030))
    path = write(tmp_path / "d.csv", "indikator;år;värde\n" + rows + "i1;2031;x\n")
    before = chain.copy()
    with pytest.raises(SpreadsheetValueError, match=":32:3:"):
        chain.import_measurements(path)
    assert chain == before


# ------------------------------------------------------------------ conflicts


def test_conflicts_error_keep_replace(tmp_path: Path, chain) -> None:
    path = write(tmp_path / "d.csv", "indikator;år;värde\ni1;2022;79\ni1;2023;80,5\ni1;2022;79\n")
    before = chain.copy()
    with pytest.raises(SpreadsheetDuplicateError) as info:
        import_measurements(chain, path)
    assert "d.csv:2:3: row 2, column C 'värde': the chain already has 78 for 'i1' 2022" in str(
        info.value
    )
    assert "on_conflict='replace'" in str(info.value)
    assert chain == before

    kept = import_measurements(chain, path, on_conflict="keep")
    assert (kept.added, kept.kept, kept.replaced, kept.unchanged) == (1, 1, 0, 0)
    assert values(chain)[("i1", "2022", "T")] == 78.0

    replaced = import_measurements(chain, path, on_conflict="replace")
    assert (replaced.added, replaced.replaced, replaced.unchanged) == (0, 1, 1)
    assert values(chain)[("i1", "2022", "T")] == 79.0
    assert replaced.by_indicator == {"i1": {"added": 0, "unchanged": 1, "replaced": 1, "kept": 0}}
    assert "1 ersatt," in str(replaced) and "1 replaced" in replaced.summary(lang="en")
    with pytest.raises(InvalidValueError, match="on_conflict='newest' is invalid"):
        import_measurements(chain, path, on_conflict="newest")  # type: ignore[arg-type]


def test_same_value_from_another_source_is_unchanged(tmp_path: Path, chain) -> None:
    path = write(tmp_path / "d.csv", "indikator;år;värde\ni1;2022;78,0\n")
    report = import_measurements(chain, path)
    assert (report.unchanged, report.changed) == (1, False)
    assert chain.measurements("i1")[0].source is None  # the chain's record is kept


# ------------------------------------------------------------------ Excel


def _workbook(path: Path, rows: list[list[Any]], *, title: str = "Blad1") -> Any:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    return book


def _cache_formula(path: Path, formula: str, cached: str) -> None:
    """Give a formula a saved value, as Excel does when it saves (openpyxl cannot)."""
    with zipfile.ZipFile(path) as src:
        items = {name: src.read(name) for name in src.namelist()}
    name = "xl/worksheets/sheet1.xml"
    old = f"<f>{formula}</f><v />".encode()
    assert old in items[name]
    items[name] = items[name].replace(old, f"<f>{formula}</f><v>{cached}</v>".encode())
    with zipfile.ZipFile(path, "w") as dst:
        for item, data in items.items():
            dst.writestr(item, data)


@needs_excel
def test_xlsx_numbers_text_percent_and_cached_formula(tmp_path: Path, chain) -> None:
    path = tmp_path / "utfall.xlsx"
    book = _workbook(
        path,
        [
            ["Uppföljning 2024"],
            [],
            ["indikator", "år", "värde", "enhet", "kommun"],
            ["i1", 2023, 80.5, None, "0192"],
            ["i1", "2024", "81,5 %", None, 192],
            ["i1", 2025.0, 0.825, None, None],
            ["kost", 2024, "=1000+234", "kr", None],
            ["antal", 2024, 12000, None, None],
        ],
    )
    book.active["C6"].number_format = "0.0%"
    book.active["E5"].number_format = "0000"
    book.save(path)
    _cache_formula(path, "1000+234", "1234")
    got = read_measurements(path, chain)
    assert [(m.indicator, str(m.period), m.value) for m in got] == [
        ("i1", "2023", 80.5),
        ("i1", "2024", 81.5),
        ("i1", "2025", 82.5),
        ("kost", "2024", pytest.approx(1.234)),
        ("antal", "2024", 12000.0),
    ]
    assert got[0].extra == {"kommun": "0192"} and got[1].extra == {"kommun": "0192"}


@needs_excel
def test_xlsx_formula_without_saved_value_is_reported(tmp_path: Path, chain) -> None:
    path = tmp_path / "utfall.xlsx"
    _workbook(
        path,
        [["indikator", "år", "värde"], ["i1", 2023, 80.5], ["i1", 2024, "=C2+1"]],
        title="Blad1",
    ).save(path)
    before = chain.copy()
    with pytest.raises(SpreadsheetValueError) as info:
        import_measurements(chain, path)
    err = info.value
    assert err.cell == "Blad1!C3" and (err.line, err.column) == (3, 3)
    assert str(err).startswith(f"{path}:3:3: cell Blad1!C3 'värde': the formula =C2+1 has no")
    assert chain == before


@needs_excel
def test_xlsx_error_value_and_sheet_choice(tmp_path: Path, chain) -> None:
    path = tmp_path / "bok.xlsx"
    book = _workbook(path, [["Instruktioner: fyll i bladet Data"]], title="Info")
    data = book.create_sheet("Data")
    data.append(["indikator", "år", "värde"])
    data.append(["i1", 2024, 81.5])
    book.save(path)
    assert read_measurements(path, chain)[0].value == 81.5  # the first sheet with a header
    assert read_measurements(path, chain, sheet="Data")[0].value == 81.5
    with pytest.raises(SpreadsheetError, match="no sheet 'data'; the sheets are 'Info', 'Data'"):
        read_measurements(path, chain, sheet="data")
    with pytest.raises(SpreadsheetError, match=r"sheet 'Info', row 1: no header row"):
        read_measurements(path, chain, sheet="Info")


@needs_excel
def test_xlsx_garbage_file(tmp_path: Path, chain) -> None:
    path = tmp_path / "trasig.xlsx"
    path.write_bytes(b"not a zip file")
    with pytest.raises(SpreadsheetError, match="cannot be read as an Excel workbook"):
        read_measurements(path, chain)


@needs_excel
def test_xlsx_cached_excel_error(tmp_path: Path, chain) -> None:
    path = tmp_path / "fel.xlsx"
    _workbook(path, [["indikator", "år", "värde"], ["i1", 2024, "=1/0"]]).save(path)
    with zipfile.ZipFile(path) as src:
        items = {name: src.read(name) for name in src.namelist()}
    name = "xl/worksheets/sheet1.xml"
    items[name] = items[name].replace(
        b'<c r="C2"><f>1/0</f><v /></c>', b'<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
    )
    with zipfile.ZipFile(path, "w") as dst:
        for item, payload in items.items():
            dst.writestr(item, payload)
    with pytest.raises(SpreadsheetValueError, match=r"cell Blad1!C2 'värde': .*#DIV/0!"):
        read_measurements(path, chain)


# ------------------------------------------------------------------ template


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_template_round_trip(tmp_path: Path, chain, suffix, lang) -> None:
    if suffix == ".xlsx" and openpyxl is None:  # pragma: no cover
        pytest.skip("the excel extra (openpyxl, defusedxml) is not installed")
    path = tmp_path / f"mall{suffix}"
    write_template(chain, path, years="2023-2024", lang=lang)
    if suffix == ".csv":
        data = path.read_bytes()
        assert data.startswith("\ufeff".encode())
        lines = data.decode("utf-8-sig").split("\r\n")
        header = (
            "indikator;titel;år;värde;enhet"
            if lang == "sv"
            else ("indicator;title;year;value;unit")
        )
        assert lines[0] == header
        assert lines[1] == "i1;Andel behöriga till yrkesprogram;2023;;%"
        filled = "\r\n".join(
            [lines[0]] + [line.replace(";;", ";12,5;") for line in lines[1:] if line]
        )
        path.write_bytes(b"\xef\xbb\xbf" + filled.encode())
    else:
        book = openpyxl.load_workbook(path)
        sheet = book.worksheets[0]
        assert sheet.title == ("Mätvärden" if lang == "sv" else "Measurements")
        assert [c.value for c in sheet[2]] == [
            "i1",
            "Andel behöriga till yrkesprogram",
            2023,
            None,
            "%",
        ]
        for row in sheet.iter_rows(min_row=2):
            row[3].value = 12.5
        book.save(path)
    report = chain.import_measurements(path)
    assert (report.added, report.unchanged) == (6, 0)
    assert values(chain)[("kost", "2024", "T")] == 12.5
    assert values(chain)[("i1", "2023", "T")] == 12.5


def test_a_template_skips_the_cells_left_empty_and_says_how_many(tmp_path: Path, chain) -> None:
    """Issue 16: a template with a few values filled in was refused, one error per empty cell."""
    path = tmp_path / "mall.csv"
    write_template(chain, path, years=[2024, 2025])
    cells = 2 * len(chain.indicators())
    text = path.read_text(encoding="utf-8-sig").splitlines()
    first = text[1].split(";")
    first[3] = "12"
    path.write_text("\n".join([text[0], ";".join(first), *text[2:]]) + "\n", encoding="utf-8")
    report = chain.import_measurements(path)
    assert (report.added, report.empty, report.missing) == (1, cells - 1, ())
    assert report.summary().endswith(
        f"1 tillagt, 0 oförändrade, 0 ersatta, 0 behållna, {cells - 1} tomma (hoppades över)"
    )
    assert report.summary(lang="en").endswith(f"{cells - 1} empty (skipped)")
    assert values(chain)[("i1", "2024", "T")] == 12.0
    # an empty template changes nothing and says so; --missing error still refuses it
    write_template(chain, path, years=[2030])
    report = chain.import_measurements(path)
    assert (report.added, report.empty, report.changed) == (0, len(chain.indicators()), False)
    with pytest.raises(SpreadsheetValueError) as raised:
        chain.import_measurements(path, missing="error")
    err = raised.value
    assert (err.code, err.params["n"]) == ("nothing_filled", len(chain.indicators()))
    assert "inget värde är ifyllt" in err.render("sv", cli=True)


def test_a_file_that_is_not_a_template_still_refuses_empty_cells(tmp_path: Path, chain) -> None:
    path = write(tmp_path / "m.csv", "indikator;år;värde;enhet\ni1;2024;;%\ni1;2025;81;%\n")
    with pytest.raises(SpreadsheetValueError, match="the value of 'i1' is empty"):
        import_measurements(chain, path)
    assert import_measurements(chain, path, missing="skip").empty == 1


def test_a_template_of_one_empty_cell_is_not_all_1_cells(tmp_path: Path) -> None:
    chain = gc.GoalChain(name="En")
    chain.add_indicator("i1", "Andel", unit="percent")
    path = tmp_path / "mall.csv"
    write_template(chain, path, years=[2024])
    assert chain.import_measurements(path).summary().endswith("1 tomt (hoppades över)")
    with pytest.raises(SpreadsheetValueError) as raised:
        chain.import_measurements(path, missing="error")
    err = raised.value
    assert err.params["n"] == 1
    assert "no value is filled in: the only value cell is empty; fill in" in str(err)
    assert "inget värde är ifyllt: den enda värdecellen är tom; fyll i" in err.render("sv")


def test_template_default_years_and_bad_arguments(tmp_path: Path, chain) -> None:
    path = tmp_path / "mall.csv"
    write_template(chain, path)
    text = path.read_text(encoding="utf-8-sig")
    assert ";2023;" in text and ";2026;" in text and ";2022;" not in text
    with pytest.raises(FileFormatError, match=r"a template is a \.csv or an \.xlsx file"):
        write_template(chain, tmp_path / "mall.ods")
    with pytest.raises(InvalidValueError, match="write a year"):
        write_template(chain, path, years="nästa år")


# ------------------------------------------------------------------ properties


@st.composite
def swedish_numbers(draw: Any) -> tuple[str, float]:
    """A number written the Swedish way, and its value."""
    integer = draw(st.integers(min_value=0, max_value=10**9))
    decimals = draw(st.text(alphabet="0123456789", max_size=4))
    negative = draw(st.booleans())
    space = draw(st.sampled_from([" ", "\u00a0", "\u2009", "\u202f", ""]))
    groups = f"{integer:,}".replace(",", space)
    text = groups + ("," + decimals if decimals else "")
    plain = str(integer) + ("." + decimals if decimals else "")
    sign = draw(st.sampled_from(["-", "\u2212"])) if negative else ""
    return sign + text, float(("-" if negative else "") + plain)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    numbers=st.lists(swedish_numbers(), min_size=1, max_size=6),
    bom=st.booleans(),
    quote=st.booleans(),
)
def test_swedish_numbers_round_trip_through_csv(tmp_path: Path, numbers, bom, quote) -> None:
    chain = make_chain()
    lines = ["indikator;år;värde"]
    for i, (text, _) in enumerate(numbers):
        cell = f'"{text}"' if quote else text
        lines.append(f"antal;{2000 + i};{cell}")
    path = write(tmp_path / "tal.csv", "\n".join(lines) + "\n", bom=bom)
    got = [m.value for m in read_measurements(path, chain)]
    assert got == [value for _, value in numbers]


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.dictionaries(
        st.tuples(st.sampled_from(["i1", "kost", "antal"]), st.integers(2015, 2030)),
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda v: round(v, 3)),
        min_size=1,
        max_size=8,
    ),
    delimiter=st.sampled_from([";", ","]),
)
def test_importing_twice_changes_nothing_the_second_time(tmp_path: Path, rows, delimiter) -> None:
    chain = make_chain()
    sep = delimiter
    text = [sep.join(["indicator", "year", "value"])]
    for (indicator, year), value in rows.items():
        number = repr(value).replace(".", ",") if sep == ";" else repr(value)
        text.append(sep.join([indicator, str(year), f'"{number}"']))
    path = write(tmp_path / "d.csv", "\n".join(text) + "\n")
    first = import_measurements(chain, path, on_conflict="replace")
    after_first = chain.copy()
    version = chain.data_version
    second = import_measurements(chain, path)
    assert (second.added, second.replaced, second.kept) == (0, 0, 0)
    assert second.unchanged == first.added + first.replaced + first.unchanged
    assert chain == after_first and chain.data_version == version


# ------------------------------------------------------------------ command line


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="goalchain")
    commands = parser.add_subparsers(dest="command")
    _cli_import.add_parsers(commands)
    return parser.parse_args(argv)


@needs_excel
def test_cli_import_and_template(tmp_path: Path, chain) -> None:
    source = tmp_path / "kedja.yaml"
    gc.dump(chain, source)
    template = tmp_path / "mall.xlsx"
    out = io.StringIO()
    args = _parse(["template", str(source), "-o", str(template), "--years", "2024"])
    assert _cli_import.run_template(args, out) == 0
    assert "mall.xlsx: skriven (3 indikatorer)" in out.getvalue()
    book = openpyxl.load_workbook(template)
    for row in book.worksheets[0].iter_rows(min_row=2):
        row[3].value = "1 234,5" if row[0].value == "kost" else 42
    book.save(template)

    target = tmp_path / "ny.yaml"
    out = io.StringIO()
    args = _parse(["import", str(source), str(template), "-o", str(target)])
    assert _cli_import.run_import(args, out) == 0
    assert "3 tillagda" in out.getvalue()
    loaded = gc.load(target)
    assert loaded.series("kost") == {P(2024): 1234.5}
    assert gc.load(source) == chain  # the input file is untouched


def test_cli_import_refuses_to_overwrite_and_writes_nothing_on_error(tmp_path: Path, chain) -> None:
    from goalchain._cli_import import CommandError as _UserError

    source = tmp_path / "kedja.yaml"
    gc.dump(chain, source)
    original = source.read_bytes()
    data = write(tmp_path / "d.csv", "Mått;år;värde\ni1;2024;81,5\ni1;2023;x\n")
    with pytest.raises(_UserError, match="--in-place"):
        _cli_import.run_import(_parse(["import", str(source), str(data)]), io.StringIO())
    args = _parse(["import", str(source), str(data), "--in-place", "--mapping", "Mått=indicator"])
    with pytest.raises(_UserError, match=r"d\.csv:3:3: rad 3, kolumn C") as info:
        _cli_import.run_import(args, io.StringIO())
    assert isinstance(info.value.__cause__, SpreadsheetValueError)
    assert source.read_bytes() == original
    data.write_text("Mått;år;värde\ni1;2024;81,5\n", encoding="utf-8")
    out = io.StringIO()
    assert _cli_import.run_import(args, out) == 0
    assert gc.load(source).series("i1")[P(2024)] == 81.5
    with pytest.raises(_UserError, match="KOLUMN=FÄLT"):
        _cli_import.run_import(
            _parse(["import", str(source), str(data), "--in-place", "--mapping", "Mått"]),
            io.StringIO(),
        )


def test_import_report_is_frozen() -> None:
    report = ImportReport(file="x.csv", added=1)
    with pytest.raises(AttributeError):
        report.added = 2  # type: ignore[misc]
    assert report.changed and "1 tillagt," in report.summary()  # not "1 tillagda"


@needs_excel
def test_excel_extra_missing_says_how_to_install(
    tmp_path: Path, chain, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from goalchain.io._xlsx import ExcelMissingError

    path = tmp_path / "utfall.xlsx"
    _workbook(path, [["indikator", "år", "värde"], ["i1", 2024, 1]]).save(path)
    monkeypatch.setitem(sys.modules, "defusedxml", None)
    with pytest.raises(ExcelMissingError, match=r"pip install 'malkedja\[excel\]'") as info:
        read_measurements(path, chain)
    assert isinstance(info.value, ImportError) and isinstance(info.value, gc.GoalchainError)
    with pytest.raises(ExcelMissingError):
        write_template(chain, tmp_path / "mall.xlsx")


@needs_excel
def test_workbooks_are_parsed_with_defusedxml() -> None:
    from goalchain.io._xlsx import openpyxl as load_openpyxl

    assert load_openpyxl().DEFUSEDXML is True


def test_other_formats_and_options_are_refused(tmp_path: Path, chain) -> None:
    with pytest.raises(FileFormatError, match=r"cannot read \.ods files; save the sheet as \.xlsx"):
        read_measurements(tmp_path / "gammal.ods", chain)
    path = write(tmp_path / "d.csv", "indikator;år;värde\ni1;2024;1\n")
    with pytest.raises(InvalidValueError, match="sheet='Blad1' is for Excel files"):
        read_measurements(path, chain, sheet="Blad1")
    with pytest.raises(InvalidValueError, match="missing='drop' is invalid"):
        read_measurements(path, chain, missing="drop")  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        read_measurements(tmp_path / "saknas.csv", chain)
    with pytest.raises(FileNotFoundError):
        read_measurements(tmp_path / "saknas.xlsx", chain)


def test_wide_layout_one_column_per_period(tmp_path: Path, chain) -> None:
    path = write(
        tmp_path / "bred.csv",
        "Indikator;Titel;Enhet;2023;2024;2024-T2;Kommentar\n"
        "i1;Andel behöriga;%;80,5;81,5;..;ok\n"
        "kost;Kostnad;kr;98 000;101 500;50 000;\n",
    )
    got = read_measurements(path, chain)
    assert [(m.indicator, str(m.period), m.value, dict(m.extra)) for m in got] == [
        ("i1", "2023", 80.5, {"Kommentar": "ok"}),
        ("i1", "2024", 81.5, {"Kommentar": "ok"}),
        ("kost", "2023", 98.0, {}),
        ("kost", "2024", 101.5, {}),
        ("kost", "2024-T2", 50.0, {}),
    ]
    report = import_measurements(chain, path)
    assert report.added == 5 and report.missing == (f"{path}:2:6",)


@needs_excel
def test_wide_layout_in_excel_with_numeric_headers(tmp_path: Path, chain) -> None:
    path = tmp_path / "bred.xlsx"
    _workbook(
        path,
        [["indikator", 2023, 2024.0, 2025], ["i1", 80.5, "81,5", None], ["antal", 1, 2, 3]],
    ).save(path)
    before = chain.copy()
    with pytest.raises(SpreadsheetValueError, match=r"cell Blad1!D2 '2025': the value of 'i1'"):
        import_measurements(chain, path)
    assert chain == before
    report = import_measurements(chain, path, missing="skip")
    assert (report.added, report.missing, report.empty) == (5, (), 1)
    assert chain.series("antal") == {P(2023): 1.0, P(2024): 2.0, P(2025): 3.0}


# ------------------------------------------------------------------ rows that do not fit the header


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("indicator,year,value\ni1,2025,85,4\n", 'must be quoted ("85,4")'),
        ("indicator;year;value\ni1;2025;85;4\n", "remove it, or give it a header"),
        ("indicator,year,value\ni1,2025,85,4,x\n", "remove them, or give them a header"),
    ],
)
def test_csv_row_with_more_cells_than_the_header_is_an_error(
    tmp_path: Path, chain, text, hint
) -> None:
    path = write(tmp_path / "amb.csv", text)
    before = chain.copy()
    with pytest.raises(SpreadsheetValueError) as info:
        import_measurements(chain, path)
    err = info.value
    assert err.code == "too_many_cells" and (err.row, err.col) == (2, 4)
    cells = len(text.splitlines()[1].split(text[9]))
    assert str(err).startswith(f"{path}:2:4: row 2, column D: the row has {cells} cells but ")
    assert "the header row has 3 (indicator, year, value)" in str(err)
    assert hint in str(err)
    assert "rubrikraden har 3" in err.render("sv")
    assert chain == before


@pytest.mark.parametrize(
    ("line", "swedish"),
    [
        ("i1;2025;85;4", "cellen D '4' utanför sista kolumnen skulle gå förlorad; ta bort den"),
        ("i1;2025;85;4;x", "cellerna D '4', E 'x' utanför sista kolumnen skulle gå förlorade; ta"),
    ],
)
def test_the_cells_beyond_the_header_agree_with_their_count_in_swedish(
    tmp_path: Path, chain, line: str, swedish: str
) -> None:
    path = write(tmp_path / "amb.csv", f"indicator;year;value\n{line}\n")
    with pytest.raises(SpreadsheetValueError) as info:
        import_measurements(chain, path)
    assert swedish in info.value.render("sv")


def test_trailing_empty_cells_beyond_the_header_are_harmless(tmp_path: Path, chain) -> None:
    path = write(tmp_path / "d.csv", "indikator;år;värde;;\ni1;2024;81,5;;\ni1;2025;82;\n")
    assert [m.value for m in read_measurements(path, chain)] == [81.5, 82.0]


@pytest.mark.parametrize("missing", ["error", "skip"])
def test_csv_row_with_fewer_cells_than_the_columns_is_an_error(
    tmp_path: Path, chain, missing
) -> None:
    path = write(tmp_path / "few.csv", "indicator,year,value\ni1,2025\n")
    with pytest.raises(SpreadsheetValueError) as info:
        import_measurements(chain, path, missing=missing)
    err = info.value
    assert err.code == "too_few_cells" and err.cell == "C2"
    assert "few.csv:2:3: row 2, column C 'value': the row has only 2 cells" in str(err)
    assert "missing separator (',')" in str(err)
    assert len(chain.measurements()) == 1


def test_csv_row_may_leave_out_trailing_optional_cells(tmp_path: Path, chain) -> None:
    path = write(tmp_path / "d.csv", "indikator;år;värde;enhet;källa\ni1;2024;81,5\n")
    (m,) = read_measurements(path, chain)
    assert (m.value, m.source) == (81.5, "d.csv")


def test_csv_wide_layout_row_that_stops_short_is_an_error(tmp_path: Path, chain) -> None:
    path = write(tmp_path / "bred.csv", "indikator;2023;2024\ni1;80,5\n")
    with pytest.raises(SpreadsheetValueError, match=r":2:3: row 2, column C '2024': the row has"):
        read_measurements(path, chain, missing="skip")


@needs_excel
def test_xlsx_values_beyond_the_header_are_an_error(tmp_path: Path, chain) -> None:
    path = tmp_path / "utfall.xlsx"
    rows = [["indikator", "år", "värde"], ["i1", 2024, 81.5, None, "obs"], ["i1", 2025, 82]]
    _workbook(path, rows).save(path)
    with pytest.raises(SpreadsheetValueError) as info:
        import_measurements(chain, path)
    err = info.value
    assert err.code == "too_many_cells" and err.cell == "Blad1!E2"
    assert "cell Blad1!E2: the row has 5 cells but the header row has 3" in str(err)
    assert "'obs'" in str(err) and "quoted" not in str(err)
    # a row shorter than the header is an empty cell in Excel, not a shape error
    _workbook(path, [["indikator", "år", "värde", "enhet"], ["i1", 2024, 81.5]]).save(path)
    assert read_measurements(path, chain)[0].value == 81.5


# ------------------------------------------------------------------ every error at once


def test_all_row_errors_are_reported_together(tmp_path: Path, chain) -> None:
    path = write(
        tmp_path / "d.csv",
        "indikator;år;värde\nil;2024;80\ni1;2024;x\ni1;2025;81\nkost;tjugo;1 kr x\n",
    )
    before = chain.copy()
    with pytest.raises(SpreadsheetUnknownIndicatorError) as info:
        import_measurements(chain, path)
    err = info.value
    assert [(e.row, e.col, type(e).__name__) for e in err.errors] == [
        (2, 1, "SpreadsheetUnknownIndicatorError"),
        (3, 3, "SpreadsheetValueError"),
        (5, 2, "SpreadsheetValueError"),
        (5, 3, "SpreadsheetValueError"),
    ]
    lines = str(err).splitlines()
    assert lines[0].startswith(f"{path}:2:1: row 2, column A 'indikator': no indicator")
    assert lines[1].startswith(f"{path}:3:3: row 3, column C 'värde': cannot read a number")
    assert lines[-1] == "4 errors in all; nothing was recorded"
    assert err.render("sv").splitlines()[-1] == "4 fel sammanlagt; inget registrerades"
    assert chain == before


def test_many_row_errors_are_capped_in_the_message(tmp_path: Path, chain) -> None:
    rows = "".join(f"i1;{year};x\n" for year in range(2000, 2030))
    path = write(tmp_path / "d.csv", "indikator;år;värde\n" + rows)
    with pytest.raises(SpreadsheetValueError) as info:
        read_measurements(path, chain)
    err = info.value
    assert len(err.errors) == 30 and err.errors[0] is err
    lines = str(err).splitlines()
    assert len(lines) == 22
    assert lines[19].startswith(f"{path}:21:3:")
    assert lines[20:] == ["... and 10 more", "30 errors in all; nothing was recorded"]


def test_duplicates_and_conflicts_are_all_reported(tmp_path: Path, chain) -> None:
    path = write(
        tmp_path / "d.csv", "indikator;år;värde\ni1;2023;80\ni1;2023;81\ni1;2024;82\ni1;2024;83\n"
    )
    with pytest.raises(SpreadsheetDuplicateError) as info:
        read_measurements(path, chain)
    assert [(e.row, e.code) for e in info.value.errors] == [
        (3, "duplicate_in_file"),
        (5, "duplicate_in_file"),
    ]
    chain.record("i1", 2023, 70.0)
    chain.record("i1", 2024, 71.0)
    before = chain.copy()
    path = write(tmp_path / "e.csv", "indikator;år;värde\ni1;2023;80\ni1;2024;82\ni1;2025;84\n")
    with pytest.raises(SpreadsheetDuplicateError) as info:
        import_measurements(chain, path)
    assert [e.row for e in info.value.errors] == [2, 3]
    assert "2 errors in all" in str(info.value)
    assert chain == before


# ------------------------------------------------------------------ hints for each front end


def _error(tmp_path: Path, chain: gc.GoalChain, text: str | bytes, **kwargs: Any) -> Any:
    path = tmp_path / "d.csv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        write(path, text)
    with pytest.raises(SpreadsheetError) as info:
        import_measurements(chain, path, **kwargs)
    return info.value


@pytest.mark.parametrize(
    ("text", "python", "cli"),
    [
        (
            "indikator;år;värde\ni1;2022;79\n",
            "on_conflict='replace' to take the file's values or on_conflict='keep'",
            "--on-conflict replace to take the file's values or --on-conflict keep",
        ),
        ("indikator;år;värde\ni1;2022;\n", "missing='skip'", "--missing skip"),
        (
            "indikator;år;värde\ni1;2024;81,5 å\n".encode("cp1252"),
            "encoding='cp1252'",
            "--encoding cp1252",
        ),
        (
            "Mått;år;värde\ni1;2024;1\n",
            "mapping={'Mått': 'indicator'}",
            "--mapping 'Mått=indicator'",
        ),
        (
            "indikator;år;period;värde\ni1;2024;2024;1\n",
            "mapping={'period': None}",
            "--mapping period=ignore",
        ),
    ],
)
def test_hints_are_python_in_the_library_and_options_on_the_command_line(
    tmp_path: Path, chain, text, python, cli
) -> None:
    err = _error(tmp_path, chain, text)
    assert python in str(err) and "--" not in str(err)
    assert cli in err.render("en", cli=True) and python not in err.render("en", cli=True)
    assert err.options and all(isinstance(o.name, str) for o in err.options)


def test_cli_error_is_worded_in_the_chosen_language_with_cli_options(tmp_path: Path, chain) -> None:
    from goalchain._cli_import import CommandError

    source = tmp_path / "kedja.yaml"
    gc.dump(chain, source)
    data = write(tmp_path / "d.csv", "indikator;år;värde\ni1;2022;79\n")
    target = str(tmp_path / "ny.yaml")
    for lang, expected in [
        ("sv", "kedjan har redan 78 för 'i1' 2022; filen har 79. Ange --on-conflict"),
        ("en", "the chain already has 78 for 'i1' 2022; the file has 79. Pass --on"),
    ]:
        args = _parse(["import", str(source), str(data), "-o", target, "--lang", lang])
        with pytest.raises(CommandError) as info:
            _cli_import.run_import(args, io.StringIO(), io.StringIO())
        assert expected in str(info.value) and "on_conflict=" not in str(info.value)
    assert not (tmp_path / "ny.yaml").exists()


def test_cli_has_encoding_mapping_and_delimiter_options(tmp_path: Path, chain) -> None:
    source = tmp_path / "kedja.yaml"
    gc.dump(chain, source)
    data = tmp_path / "d.csv"
    data.write_bytes("Mått|år|värde|anm\ni1|2024|81,5|å\n".encode("cp1252"))
    out = io.StringIO()
    argv = ["import", str(source), str(data), "--in-place", "--encoding", "cp1252"]
    argv += ["--delimiter", "|", "--mapping", "Mått=indicator", "--mapping", "anm=ignore"]
    assert _cli_import.run_import(_parse(argv), out, io.StringIO()) == 0
    assert gc.load(source).series("i1")[P(2024)] == 81.5
    from goalchain._cli_import import CommandError

    with pytest.raises(CommandError, match="okänt fält 'indikator'; fält: indicator, period"):
        _cli_import.run_import(
            _parse(["import", str(source), str(data), "--in-place", "--mapping", "Mått=indikator"]),
            io.StringIO(),
        )
    with pytest.raises(CommandError, match="--delimiter ';;'"):
        _cli_import.run_import(
            _parse(["import", str(source), str(data), "--in-place", "--delimiter", ";;"]),
            io.StringIO(),
        )


# ------------------------------------------------------------------ Swedish and English


@pytest.mark.parametrize(
    ("text", "code", "english", "swedish"),
    [
        (
            "indikator;år;värde\nil;2024;80\n",
            "unknown_indicator",
            "row 2, column A 'indikator': no indicator with id 'il' in the chain; did you mean",
            "rad 2, kolumn A 'indikator': ingen indikator med id 'il' i kedjan; menade du",
        ),
        (
            "indikator;år;värde\ni1;2024;åttio\n",
            "not_a_number",
            "cannot read a number from 'åttio'",
            "kan inte läsa ett tal ur 'åttio'",
        ),
        (
            "indikator;år;värde\ni1;2024;1 234 kr\n",
            "unit_mismatch",
            "is in 'SEK', which does not fit the unit of 'i1', 'percent'",
            "är i 'SEK', som inte passar enheten för 'i1', 'percent'",
        ),
        (
            "indikator;år;värde\ni1;2024;80,5\ni1;2024;81\n",
            "duplicate_in_file",
            "'i1' 2024 is 81 here but 80.5 in row 2, column C",
            "'i1' 2024 är 81 här men 80,5 på rad 2, kolumn C",
        ),
        (
            "indikator;år;kön;värde\ni1;2024;K;80,5\ni1;2024;K;81\n",
            "duplicate_in_file",
            "'i1' 2024 for women is 81 here but 80.5 in row 2, column D",
            "'i1' 2024 för kvinnor är 81 här men 80,5 på rad 2, kolumn D",
        ),
        (
            "indikator;år;värde\ni1;2022;79,5\n",
            "conflict",
            "the chain already has 78 for 'i1' 2022; the file has 79.5",
            "kedjan har redan 78 för 'i1' 2022; filen har 79,5",
        ),
        (
            "indikator;år;värde\ni1;2024;80;1\n",
            "too_many_cells",
            "the row has 4 cells but the header row has 3",
            "raden har 4 celler men rubrikraden har 3",
        ),
        (
            "indikator;år;värde\ni1;2024\n",
            "too_few_cells",
            "the row has only 2 cells",
            "raden har bara 2 celler",
        ),
        (
            "indikator;år;resultat\ni1;2024;1\n",
            "no_header",
            "no header row with columns for value; found 'indikator', 'år', 'resultat'",
            "ingen rubrikrad med kolumner för värde; hittade 'indikator', 'år', 'resultat'",
        ),
        (
            "indikator;år;värde\ni1;tjugo;1\n",
            "bad_period",
            "cannot read period 'tjugo'",
            "perioden 'tjugo' går inte att läsa",
        ),
    ],
)
def test_errors_in_english_and_swedish(tmp_path: Path, chain, text, code, english, swedish) -> None:
    err = _error(tmp_path, chain, text)
    assert err.code == code
    assert english in str(err) and english in err.render("en")
    assert swedish in err.render("sv")
    assert err.render("sv").startswith(str(tmp_path / "d.csv"))
    with pytest.raises(InvalidValueError, match="unknown language 'de'"):
        err.render("de")


@needs_excel
def test_formula_without_saved_value_in_swedish(tmp_path: Path, chain) -> None:
    path = tmp_path / "utfall.xlsx"
    _workbook(path, [["indikator", "år", "värde"], ["i1", 2024, "=1+1"]]).save(path)
    with pytest.raises(SpreadsheetValueError) as info:
        read_measurements(path, chain)
    assert info.value.code == "formula_no_value"
    assert "cell Blad1!C2 'värde': formeln =1+1 har inget sparat värde" in info.value.render("sv")


# ------------------------------------------------------------------ warnings


def test_implausible_values_are_recorded_with_warnings(tmp_path: Path, chain) -> None:
    chain.record("i1", 2023, 84.0)
    path = write(
        tmp_path / "d.csv",
        "indikator;år;värde\n"
        "i1;2024;1 234,5\n"  # a percentage beyond 100
        "i1;2025;0,85\n"  # a share written as a fraction: ~1/100 of 78-90
        "i1;2026;88\n"  # fine
        "antal;2024;100\nantal;2025;110\nantal;2026;9\n"  # no values in the chain: fine
        "kost;2024;10\nkost;2025;11\nkost;2026;0,1\n",  # ~1/100 of the file's others
    )
    report = import_measurements(chain, path)
    assert report.added == 9 and chain.series("i1")[P(2024)] == 1234.5  # recorded all the same
    got = [(w.row, w.col, w.element, w.code) for w in report.warnings]
    assert got == [
        (2, 3, "i1", "percent_range"),
        (3, 3, "i1", "scale_small"),
        (10, 3, "kost", "scale_small"),
    ]
    first, second, _ = report.warnings
    assert str(first) == (
        f"{path}:2:3: row 2, column C 'värde': 1234.5 % for 'i1' 2024 lies outside 0-100 %; "
        "check the decimal mark and the thousands (recorded anyway)"
    )
    assert second.render("sv").startswith(
        f"{path}:3:3: rad 3, kolumn C 'värde': 0,85 för 'i1' 2025 är 95 gånger mindre än "
        "indikatorns övriga värden (omkring 81)"
    )
    assert "3 att kontrollera (varningar)" in report.summary()
    # importing the same file again records nothing new and warns of nothing
    again = import_measurements(chain, path)
    assert (again.unchanged, again.warnings) == (9, ())


def test_large_values_are_warned_and_kept_values_are_not(tmp_path: Path, chain) -> None:
    chain.record("kost", 2023, 98.0)
    path = write(tmp_path / "d.csv", "indikator;år;värde\nkost;2024;98 500\ni1;2022;8\n")
    report = import_measurements(chain, path, on_conflict="keep")
    assert [(w.element, w.code, w.reference) for w in report.warnings] == [
        ("kost", "scale_large", 98.0)
    ]
    assert "1005 times larger" in str(report.warnings[0])


def test_cli_prints_warnings_on_stderr(tmp_path: Path, chain) -> None:
    source = tmp_path / "kedja.yaml"
    gc.dump(chain, source)
    data = write(tmp_path / "d.csv", "indikator;år;värde\ni1;2024;0,8\ni1;2025;120\n")
    out, err = io.StringIO(), io.StringIO()
    args = _parse(["import", str(source), str(data), "--in-place"])
    assert _cli_import.run_import(args, out, err) == 0
    lines = err.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"varning: {data}:2:3: rad 2, kolumn C 'värde': 0,8 för 'i1'")
    assert lines[1].startswith(f"varning: {data}:3:3: rad 3, kolumn C 'värde': 120 % för 'i1'")
    assert "2 att kontrollera" in out.getvalue()


# ------------------------------------------------------------------ writing only what changed


def test_cli_import_that_changes_nothing_does_not_rewrite(tmp_path: Path, chain) -> None:
    source = tmp_path / "kedja.yaml"
    source.write_text("# Kedjan för 2024\n" + gc.dumps(chain), encoding="utf-8")
    original = source.read_bytes()
    data = write(tmp_path / "same.csv", "indikator;år;värde\ni1;2022;78,0\n")
    for lang, said in [("sv", "inget ändrat; filen skrevs inte"), ("en", "nothing changed")]:
        out, err = io.StringIO(), io.StringIO()
        args = _parse(["import", str(source), str(data), "--in-place", "--lang", lang])
        assert _cli_import.run_import(args, out, err) == 0
        assert f"{source}: {said}" in out.getvalue() and err.getvalue() == ""
        assert source.read_bytes() == original
    # -o another file is written all the same: it was asked for
    other = tmp_path / "ny.yaml"
    args = _parse(["import", str(source), str(data), "-o", str(other)])
    assert _cli_import.run_import(args, io.StringIO(), io.StringIO()) == 0
    assert gc.load(other) == chain


def test_cli_import_in_place_keeps_the_comments(tmp_path: Path, chain) -> None:
    """Comments are kept now (issue 16), so there is no note that they are lost; a file
    written whole still gets it (tests/test_yearly_round.py)."""
    source = tmp_path / "kedja.yaml"
    source.write_text("# Kedjan för 2024\n" + gc.dumps(chain), encoding="utf-8")
    data = write(tmp_path / "d.csv", "indikator;år;värde\ni1;2024;81\n")
    out, err = io.StringIO(), io.StringIO()
    assert (
        _cli_import.run_import(_parse(["import", str(source), str(data), "--in-place"]), out, err)
        == 0
    )
    assert err.getvalue() == ""
    assert f"{source}: skriven" in out.getvalue()
    assert source.read_text(encoding="utf-8").startswith("# Kedjan för 2024\n")
    assert gc.load(source).series("i1")[P(2024)] == 81.0


def test_has_comments() -> None:
    from goalchain._cli_import import has_comments

    assert not has_comments(Path("no-such-file.yaml"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("# a\nx: 1\n", True), ("x: 1  # a\n", True), ("x: 'a#b'\n", False), ("x: 1\n", False)],
)
def test_has_comments_looks_at_yaml_text(tmp_path: Path, text, expected) -> None:
    from goalchain._cli_import import has_comments

    path = tmp_path / "k.yaml"
    path.write_text(text, encoding="utf-8")
    assert has_comments(path) is expected
    json_path = tmp_path / "k.json"
    json_path.write_text(text, encoding="utf-8")
    assert has_comments(json_path) is False


def test_cli_import_into_a_missing_directory_names_it(tmp_path: Path, chain) -> None:
    from goalchain.cli import main

    source = tmp_path / "kedja.yaml"
    gc.dump(chain, source)
    data = write(tmp_path / "d.csv", "indikator;år;värde\ni1;2024;81\n")
    target = tmp_path / "saknas" / "ny.yaml"
    for lang, expected in [
        ("sv", f"kan inte skriva filen: mappen {tmp_path / 'saknas'} finns inte"),
        ("en", f"cannot write the file: no directory {tmp_path / 'saknas'}; create it first"),
    ]:
        out, err = io.StringIO(), io.StringIO()
        argv = ["import", str(source), str(data), "-o", str(target), "--lang", lang]
        assert main(argv, out=out, err=err) == 2
        assert expected in err.getvalue() and err.getvalue().count("\n") == 1
        assert out.getvalue() == ""  # no summary for an import that was not written
    assert not target.parent.exists()


# ------------------------------------------------------------------ the guide's commands


def test_guide_commands_run_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``goalchain`` command in the guide's text blocks runs (on a copy of an example)."""
    import re
    import shlex
    import shutil

    from goalchain.cli import main

    root = Path(__file__).resolve().parent.parent
    text = (root / "docs" / "spreadsheets.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:text|console|sh)?\n(.*?)```", text, re.S)
    commands = [
        line.split("#")[0].strip()
        for block in blocks
        for line in block.splitlines()
        if line.startswith("goalchain ") and "FILE" not in line
    ]
    assert len(commands) >= 2
    shutil.copy(root / "examples" / "burlov.yaml", tmp_path / "kedja.yaml")
    monkeypatch.chdir(tmp_path)
    for command in commands:
        argv = shlex.split(command)[1:]
        if argv[0] == "import":  # fill in the template the previous command wrote
            book = openpyxl.load_workbook(tmp_path / argv[2]) if openpyxl else None
            if book is None:
                pytest.skip("the excel extra is not installed")
            chain = gc.load(tmp_path / argv[1])
            for row in book.worksheets[0].iter_rows(min_row=2):
                known = chain.series(row[0].value).get(P(row[2].value))
                row[3].value = 50 if known is None else known
            book.save(tmp_path / argv[2])
        out, err = io.StringIO(), io.StringIO()
        assert main(argv, out=out, err=err) == 0, (command, err.getvalue())


def test_a_spreadsheet_error_renders_in_a_third_language(tmp_path: Path) -> None:
    """The errors' words are in the catalogs (issue 15): a language with a catalog
    words them with no code change, and what it lacks is English."""
    from _catalogs import catalog_of
    from goalchain.io._spreadsheet_errors import SpreadsheetValueError, _Text

    err = SpreadsheetValueError(_Text("indicator_empty"), file="m.csv", row=3, col=1)
    messages = {
        "row {row}, column {letter}": "rivi {row}, sarake {letter}",
        "the indicator is empty; write the id of one of the chain's indicators": (
            "indikaattori puuttuu; kirjoita ketjun indikaattorin tunnus"
        ),
    }
    with catalog_of(tmp_path, messages):
        assert err.render("fi") == (
            "m.csv:3:1: rivi 3, sarake A: "
            "indikaattori puuttuu; kirjoita ketjun indikaattorin tunnus"
        )
        again = SpreadsheetValueError(_Text("period_empty"), file="m.csv", row=4)
        assert again.render("fi") == again.render("en")  # "row {row}" not in it: English
    assert err.render("sv") == (
        "m.csv:3:1: rad 3, kolumn A: indikatorn är tom; skriv id:t för en av kedjans indikatorer"
    )


def test_a_spreadsheet_errors_words_and_numbers_come_from_a_third_languages_catalog(
    tmp_path: Path, chain: gc.GoalChain
) -> None:
    """The names of fields and element kinds, counts and numbers in a spreadsheet
    error are the language's own (issue 15): its catalog and CLDR locale, no code."""
    from _catalogs import catalog_of

    chain.add_activity("a1", "Läxhjälp", parents=["kf1"])
    kind = write(tmp_path / "kind.csv", "indikator;år;värde\na1;2024;80\n")
    header = write(tmp_path / "header.csv", "Mått;år\ni1;2024\n")
    conflict = write(tmp_path / "conflict.csv", "indikator;år;värde\ni1;2022;-79,5\n")
    errors = []
    for path in (kind, header, conflict):
        with pytest.raises(gc.GoalchainError) as info:
            import_measurements(chain, path)
        errors.append(info.value)
    messages = {
        "{id!r} is {kind}, not an indicator; measurements are recorded for indicators": (
            "{id!r} on {kind}, ei indikaattori"
        ),
        ("element kind with its article", "an activity"): "toimenpide",
        "no header row with columns for {lacking}; found {found}. Accepted headers: "
        "{accepted}{hint}": "ei otsikkoriviä sarakkeille {lacking}",
        ("spreadsheet field", "indicator"): "indikaattori",
        ("spreadsheet field", "value"): "arvo",
        "the chain already has {old}{prelim} for {id!r} {period}{gender}; the file has "
        "{value}. Pass {replace} to take the file's values or {keep} to keep the chain's": (
            "ketjussa on jo {old}, tiedostossa {value}"
        ),
    }
    with catalog_of(tmp_path / "locale", messages):
        finnish = [error.render("fi") for error in errors]
    assert finnish[0].endswith("'a1' on toimenpide, ei indikaattori")
    assert finnish[1].endswith("ei otsikkoriviä sarakkeille indikaattori, arvo")
    assert finnish[2].endswith("ketjussa on jo 78, tiedostossa \u221279,5")  # CLDR fi
    # English and Swedish as before; the English article agrees with the kind
    assert str(errors[0]).endswith(
        "'a1' is an activity, not an indicator; measurements are recorded for indicators"
    )
    assert "'a1' är en aktivitet, inte en indikator" in errors[0].render("sv")
    assert "no header row with columns for indicator, value;" in str(errors[1])
    assert "ingen rubrikrad med kolumner för indikator, värde;" in errors[1].render("sv")
    assert "the file has -79.5." in str(errors[2])
    assert "filen har \u221279,5." in errors[2].render("sv")  # CLDR's minus sign


@needs_excel
@pytest.mark.parametrize(
    ("lang", "sheets", "first", "last"),
    [
        (
            "sv",
            ["Mätvärden", "Instruktioner"],
            "Fyll i kolumnen värde på bladet Mätvärden, ett värde per indikator och period. "
            "De värden som kedjan redan har är ifyllda; celler som lämnas tomma hoppas över.",
            "Ändra inte kolumnerna indikator och år, och inte rubrikerna. Läs in filen med "
            "goalchain import KEDJA.yaml FIL.xlsx -o KEDJA.yaml",
        ),
        (
            "en",
            ["Measurements", "Instructions"],
            "Fill in the value column of the Measurements sheet, one value per indicator and "
            "period. The values the chain already has are filled in; the cells left empty are "
            "skipped.",
            "Do not change the indicator and year columns, nor the headers. Read the file with "
            "goalchain import CHAIN.yaml FILE.xlsx -o CHAIN.yaml",
        ),
    ],
)
def test_the_xlsx_templates_help_sheet_in_each_language(
    tmp_path: Path, lang: str, sheets: list[str], first: str, last: str
) -> None:
    from goalchain.io._xlsx import write_xlsx_template

    path = tmp_path / "mall.xlsx"
    write_xlsx_template(path, [["indikator", "titel", "år", "värde"]], lang=lang)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == sheets
    lines = [row[0] for row in book[sheets[1]].iter_rows(values_only=True)]
    assert len(lines) == 4 and lines[0] == first and lines[-1] == last


@needs_excel
def test_the_xlsx_template_in_a_third_language(tmp_path: Path) -> None:
    """The template's sheet names and help are catalog messages (issue 15)."""
    from _catalogs import catalog_of
    from goalchain.io._xlsx import write_xlsx_template

    path = tmp_path / "mall.xlsx"
    with catalog_of(tmp_path / "locale", {("sheet", "Instructions"): "Ohjeet"}):
        write_xlsx_template(path, [["indikator", "titel", "år", "värde"]], lang="fi")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Measurements", "Ohjeet"]  # what the catalog lacks: English
    with pytest.raises(gc.InvalidValueError, match="unknown language 'xx'"):
        write_xlsx_template(path, [], lang="xx")


def test_a_control_character_in_an_xlsx_id_is_said_in_swedish_too() -> None:
    from goalchain.io._xlsx import _text_cell

    with pytest.raises(gc.InvalidValueError) as info:
        _text_cell("a\x01b", ["a\x01b"], 0)
    assert "control character" in str(info.value)
    assert "styrtecken" in info.value.render("sv")


@pytest.mark.parametrize(
    ("line", "english", "swedish"),
    [("i1", "has only 1 cell,", "har bara 1 cell och"), ("i1,2025", "only 2 cells", "2 celler")],
)
def test_a_short_rows_count_of_cells_agrees_in_each_language(
    tmp_path: Path, chain, line: str, english: str, swedish: str
) -> None:
    path = write(tmp_path / "few.csv", f"indicator,year,value\n{line}\n")
    with pytest.raises(SpreadsheetValueError) as info:
        import_measurements(chain, path)
    assert info.value.params["cells"] == len(line.split(","))
    assert english in str(info.value) and swedish in info.value.render("sv")


def _template_to(path: Path, **options: Any) -> None:
    write_template(make_chain(), path, **options)


@pytest.mark.parametrize(
    ("act", "english", "swedish"),
    [
        (  # _sheet_cells
            lambda tmp: read_measurements(tmp / "d.csv", make_chain(), mapping={"Mått": "id"}),
            "mapping 'Mått' -> 'id': unknown field; valid fields: indicator, period,",
            "okänt fält; giltiga fält: indicator, period,",
        ),
        (  # _sheet_import
            lambda tmp: import_measurements(make_chain(), tmp / "d.csv", on_conflict="skip"),
            "field 'on_conflict': on_conflict='skip' is invalid; valid: 'error', 'keep', 'replace'",
            "fältet 'on_conflict': on_conflict='skip' är ogiltigt; giltiga:",
        ),
        (
            lambda tmp: read_measurements(tmp / "d.csv", make_chain(), sheet="Blad1"),
            "sheet='Blad1' is for Excel files; d.csv is read as CSV",
            "sheet='Blad1' gäller Excel-filer; d.csv läses som CSV",
        ),
        (
            lambda tmp: read_measurements(tmp / "d.ods", make_chain()),
            "cannot read .ods files; save the sheet as .xlsx (Excel) or as CSV UTF-8",
            "kan inte läsa .ods-filer; spara bladet som .xlsx (Excel) eller som CSV UTF-8",
        ),
        (  # _sheet_template
            lambda tmp: _template_to(tmp / "mall.csv", years="2026-2024"),
            "years '2026-2024': the range ends before it starts",
            "years '2026-2024': intervallet slutar innan det börjar",
        ),
        (
            lambda tmp: _template_to(tmp / "mall"),
            "cannot tell what to write from the extension '(none)'; a template is a .csv or",
            "kan inte avgöra vad som ska skrivas av filändelsen '(ingen)'; en mall är",
        ),
        (  # _csv
            lambda tmp: read_measurements(tmp / "d.csv", make_chain(), encoding="klingon"),
            "unknown encoding 'klingon'; for example 'utf-8' or 'cp1252'",
            "okänd teckenkodning 'klingon'; till exempel 'utf-8' eller 'cp1252'",
        ),
        (
            lambda tmp: read_measurements(tmp / "d.csv", make_chain(), delimiter=";;"),
            "delimiter must be one character such as ';' or ',', got ';;'",
            "avgränsaren måste vara ett tecken som ';' eller ',', fick ';;'",
        ),
        pytest.param(  # _xlsx
            lambda tmp: read_measurements(tmp / "d.xlsx", make_chain()),
            "the file cannot be read as an Excel workbook (.xlsx):",
            "filen går inte att läsa som en Excel-arbetsbok (.xlsx):",
            marks=needs_excel,
        ),
        (  # _sheet_limits
            lambda tmp: gc.io.SpreadsheetLimits(cells=0),
            "field 'limits.cells': expected a whole number >= 1, got 0",
            "fältet 'limits.cells': väntade ett heltal >= 1, fick 0",
        ),
    ],
)
def test_the_spreadsheet_imports_argument_errors_speak_swedish_too(
    tmp_path: Path, act: Any, english: str, swedish: str
) -> None:
    """Errors that were English only keep their English and have Swedish words (issue 15)."""
    write(tmp_path / "d.csv", "indikator;år;värde\ni1;2024;80\n")
    write(tmp_path / "d.ods", "")
    write(tmp_path / "d.xlsx", "not a zip archive")
    with pytest.raises(gc.GoalchainError) as info:
        act(tmp_path)
    check_words(info.value, english, swedish)
