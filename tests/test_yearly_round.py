"""The yearly round (issue 16, item 2): a template per indicator's own periods with the
chain's values filled in, an import that skips the cells left empty, and a chain file
rewritten with its comments, order and formatting kept."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import goalchain as gc
from goalchain.io import write_template
from goalchain.io._sheet_template import indicator_periods, template_rows
from goalchain.models import Period
from goalchain.testing import goal_chains

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
P = Period.parse


def _rows(chain: gc.GoalChain, **options: object) -> dict[str, list[tuple[str, object]]]:
    out: dict[str, list[tuple[str, object]]] = {}
    for row in template_rows(chain, **options)[1:]:  # type: ignore[arg-type]
        out.setdefault(row[0], []).append((str(row[2]), row[3]))
    return out


# ------------------------------------------------------------------ the template


def test_each_indicator_gets_its_own_years_from_its_baseline_to_its_target() -> None:
    chain = gc.GoalChain(name="Exempel")
    chain.add_indicator(
        "tidig", "Tidig", unit="percent", baseline=(2018, 50.0), target=(2020, 60.0)
    )
    chain.add_indicator("sen", "Sen", unit="percent", baseline=(2024, 50.0), target=(2026, 60.0))
    chain.record("sen", 2025, 55.5)
    rows = _rows(chain)
    assert rows["tidig"] == [("2019", None), ("2020", None)]
    assert rows["sen"] == [("2025", 55.5), ("2026", None)]


def test_quarterly_and_tertial_indicators_get_their_periods_as_the_chain_writes_them() -> None:
    rows = _rows(gc.load(ROOT / "examples" / "trelleborg.yaml"))
    quarterly = [period for period, _ in rows["i_hushall_bistand"] if period.startswith("2025")]
    assert quarterly == ["2025-Q1", "2025-Q2", "2025-Q3", "2025"]
    assert ("2024-Q2", 731.0) in rows["i_hushall_bistand"]
    rows = _rows(gc.load(ROOT / "examples" / "nynashamn.yaml"))
    tertial = [period for period, _ in rows["ri_foretag_svar"] if period.startswith("2025")]
    assert tertial == ["2025-T1", "2025-delår", "2025"]
    assert ("2024-delår", 84.0) in rows["ri_foretag_svar"]


def test_a_frequency_without_measurements_gives_its_default_periods() -> None:
    chain = gc.GoalChain(name="Exempel")
    chain.add_indicator(
        "t", "T", unit="count", frequency="tertial", baseline=(2023, 1), target=(2024, 2)
    )
    assert [str(p) for p in indicator_periods(chain["t"], [])] == ["2024-T1", "2024-T2", "2024"]
    assert [str(p) for p in indicator_periods(chain["t"], [], years=[2030])] == [
        "2030-T1",
        "2030-T2",
        "2030",
    ]


def test_preliminary_values_get_a_column_that_reads_back_the_same(tmp_path: Path) -> None:
    chain = gc.load(ROOT / "examples" / "trelleborg.yaml")
    rows = template_rows(chain)
    assert rows[0] == ["indikator", "titel", "år", "värde", "enhet", "preliminär"]
    q1 = next(r for r in rows if r[0] == "i_hushall_bistand" and r[2] == "2024-Q1")
    assert (q1[3], q1[5]) == (745.0, "ja")
    assert template_rows(chain, lang="en")[0][-1] == "preliminary"
    assert len(template_rows(gc.load(ROOT / "examples" / "burlov.yaml"))[0]) == 5


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_examples_template_imports_unchanged(tmp_path: Path, example: Path, suffix: str) -> None:
    """Issue 16: the template had no values, and importing it as written was refused."""
    pytest.importorskip("openpyxl") if suffix == ".xlsx" else None
    chain = gc.load(example)
    path = tmp_path / f"mall{suffix}"
    write_template(chain, path)
    before = chain.copy()
    report = chain.import_measurements(path)
    assert (report.added, report.replaced, report.kept) == (0, 0, 0)
    totals = [m for m in chain.measurements() if m.gender == "T"]
    assert report.unchanged == len([m for m in totals if _listed(chain, m)])
    assert report.empty > 0 and chain == before


def _listed(chain: gc.GoalChain, m: gc.Measurement) -> bool:
    return any(r[0] == m.indicator and str(r[2]) == str(m.period) for r in template_rows(chain))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    values=st.dictionaries(
        st.tuples(st.integers(2023, 2026), st.sampled_from(["", "-T1", "-delår", "-Q2"])),
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda v: round(v, 4)),
        max_size=6,
    ),
    lang=st.sampled_from(["sv", "en"]),
)
def test_a_template_lists_every_value_in_range_and_reads_it_back_the_same(
    tmp_path: Path, values: dict[tuple[int, str], float], lang: str
) -> None:
    chain = gc.GoalChain(name="Egenskap")
    chain.add_indicator("i1", "Ett mått", unit="count", baseline=(2022, 1.0), target=(2026, 2.0))
    for (year, part), value in values.items():
        chain.record("i1", f"{year}{part}", value)
    path = tmp_path / "mall.csv"
    write_template(chain, path, lang=lang)
    listed = {r[2] for r in template_rows(chain, lang=lang)[1:]}
    assert {m.period.to_data() for m in chain.measurements()} <= listed
    before = chain.copy()
    report = chain.import_measurements(path)
    assert (report.added, report.unchanged) == (0, len(values))
    assert chain == before


# ------------------------------------------------------------------ importing


def test_a_filled_template_adds_only_the_new_values(tmp_path: Path) -> None:
    chain = gc.load(ROOT / "examples" / "burlov.yaml")
    path = tmp_path / "mall.csv"
    write_template(chain, path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    for row in rows:
        if row[0] == "i1" and row[2] == "2025":
            row[3] = "86,1"
        if row[0] == "i6" and row[2] == "2024":
            row[3] = "58"  # was 57: a conflict, as before
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    with pytest.raises(gc.io.SpreadsheetDuplicateError, match="i6"):
        chain.import_measurements(path)
    report = chain.import_measurements(path, on_conflict="replace")
    assert (report.added, report.replaced, report.unchanged) == (1, 1, 19)
    assert chain.series("i1")[P(2025)] == 86.1 and chain.series("i6")[P(2024)] == 58.0


# ------------------------------------------------------------------ the chain file kept


UNUSUAL = """\
# Kedjan för uppföljningen, med kommentarer som ska stå kvar.
model: classic   # modellen först
goalchain: 1
measurements:
  # Utfall, i blockform
  - period: 2023
    indicator: i1
    value: 80.5   # preliminärt
    source: Kolada

  - value: 39.2
    indicator: i2
    period: 2023
# inga fler utfall ännu
name: 'Exempelkommun'
elements:
  - title: Vision
    id: vision
    level: vision
  - {id: kf1, level: council, title: Fler ska nå målen, parents: [vision]}
  - id: i1
    kind: indicator
    title: Andel behöriga
    parents: [kf1]
    description:
      "En lång beskrivning som är
      uppdelad på flera rader."
    unit: percent
    target: {year: 2026, value: 90.0}
    baseline: {year: 2022, value: 78.0}
  - {id: i2, kind: indicator, title: Andel legitimerade, parents: [kf1], unit: percent,
     baseline: {year: 2022, value: 38.0}, target: {year: 2026, value: 45.0}}
"""


def _only_inserted(old: str, new: str) -> list[str]:
    """The lines *new* adds to *old*; fails when any line of *old* changed or went."""
    import difflib

    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), (tag, a[i1:i2], b[j1:j2])
        if tag == "insert":
            added.extend(b[j1:j2])
    return added


def _import(tmp_path: Path, chain_file: Path, rows: list[list[str]], *extra: str) -> str:
    from goalchain import cli

    data = tmp_path / "utfall.csv"
    data.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["import", str(chain_file), str(data), "--in-place", *extra], out=out, err=err)
    assert code == 0, err.getvalue()
    return err.getvalue()


def test_import_keeps_the_files_comments_order_and_formatting(tmp_path: Path) -> None:
    """Issue 16: the import dropped every comment and reordered the keys."""
    path = tmp_path / "kedja.yaml"
    path.write_text(UNUSUAL, encoding="utf-8")
    err = _import(
        tmp_path,
        path,
        [
            ["indikator", "år", "värde"],
            ["i1", "2024", "82,9"],
            ["i2", "2024", "41"],
            ["i1", "2023", "80,5"],
        ],
    )
    new = path.read_text(encoding="utf-8")
    added = _only_inserted(UNUSUAL, new)
    assert added == [
        "  - indicator: i1\n",
        "    period: 2024\n",
        "    value: 82.9\n",
        "    source: utfall.csv\n",
        "  - indicator: i2\n",
        "    period: 2024\n",
        "    value: 41.0\n",
        "    source: utfall.csv\n",
    ]
    assert "comments" not in err  # nothing to warn about: they are kept
    chain = gc.load(path)
    assert chain.series("i1") == {P(2023): 80.5, P(2024): 82.9}


def test_a_replaced_value_changes_only_its_own_item(tmp_path: Path) -> None:
    source = (ROOT / "examples" / "trelleborg.yaml").read_text(encoding="utf-8")
    path = tmp_path / "trelleborg.yaml"
    path.write_text(source, encoding="utf-8")
    _import(
        tmp_path,
        path,
        [
            ["indikator", "år", "värde"],
            ["i_hushall_bistand", "2024-Q2", "733"],
            ["i_hushall_bistand", "2024-Q4", "720"],
        ],
        "--on-conflict",
        "replace",
    )
    import difflib

    new = path.read_text(encoding="utf-8")
    diff = [
        line
        for line in difflib.unified_diff(source.splitlines(), new.splitlines(), n=0, lineterm="")
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert diff == [
        "-  - {indicator: i_hushall_bistand, period: 2024-Q2, value: 731, preliminary: true}",
        "+  - {indicator: i_hushall_bistand, period: 2024-Q2, value: 733.0, source: utfall.csv}",
        "+  - {indicator: i_hushall_bistand, period: 2024-Q4, value: 720.0, source: utfall.csv}",
    ]


def test_a_json_chain_is_rewritten_as_before(tmp_path: Path) -> None:
    chain = gc.load(ROOT / "examples" / "burlov.yaml")
    path = tmp_path / "kedja.json"
    gc.dump(chain, path)
    _import(tmp_path, path, [["indikator", "år", "värde"], ["i1", "2025", "86"]])
    chain.record("i1", 2025, 86.0, source="utfall.csv")
    assert path.read_text(encoding="utf-8") == gc.dumps(chain, format="json")


def test_a_chain_with_its_data_in_another_file_is_written_whole(tmp_path: Path) -> None:
    chain = gc.load(ROOT / "examples" / "burlov.yaml")
    path = tmp_path / "kedja.yaml"
    gc.dump(chain, path, data_path=tmp_path / "data.yaml")
    text = "# en kommentar\n" + path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    err = _import(tmp_path, path, [["indikator", "år", "värde"], ["i1", "2025", "86"]])
    assert "kommentarer" in err  # said, as before, when the file is written whole
    assert gc.load(path).series("i1")[P(2025)] == 86.0


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    new=st.dictionaries(
        st.tuples(
            st.sampled_from(["i1", "i2", "i6", "i10"]),
            st.sampled_from(["2025", "2026", "2025-T1", "2026-delår"]),
        ),
        st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda v: round(v, 2)),
        min_size=1,
        max_size=6,
    ),
    source=st.sampled_from([None, "Kolada", "Egen mätning, 2025", "x: y", "#1"]),
)
def test_spliced_measurements_read_back_as_the_chain(
    new: dict[tuple[str, str], float], source: str | None
) -> None:
    from goalchain.io._yaml_update import spliced_text

    text = (ROOT / "examples" / "burlov.yaml").read_text(encoding="utf-8")
    chain = gc.loads(text)
    before = {m.key: m for m in chain.measurements()}
    for (indicator, period), value in new.items():
        chain.record(indicator, period, value, source=source)
    out = spliced_text(text, chain, before)
    assert out is not None
    assert len(_only_inserted(text, out)) == len(new)
    assert gc.loads(out) == chain


# ------------------------------------------------------------------ the README's round


def _readme_round() -> tuple[list[str], str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The yearly round", 1)[1].split("\n## ", 1)[0]
    commands = section.split("```sh", 1)[1].split("```", 1)[0].strip().splitlines()
    printed = section.split("```text", 1)[1].split("```", 1)[0]
    return commands, printed


def _fill_in(path: Path, year: str) -> int:
    """Fill in the empty value cells of *year*, as a controller would in Excel."""
    filled = 0
    if path.suffix == ".xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.load_workbook(path)
        for row in book.worksheets[0].iter_rows(min_row=2):
            if str(row[2].value) == year and row[3].value is None:
                row[3].value = 50 + filled
                filled += 1
        book.save(path)
        return filled
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    for row in rows[1:]:
        if row[2] == year and not row[3]:
            row[3] = f"{50 + filled},5"
            filled += 1
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    return filled


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_readmes_yearly_round_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """The README's commands, in order, on a copy of the examples (issue 16)."""
    import shlex
    import shutil

    from goalchain import cli

    commands, printed = _readme_round()
    assert [c.split()[0] for c in commands] == ["cp", "goalchain", "#", "goalchain", "goalchain"]
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    outputs = []
    for line in commands:
        line = line.replace("utfall.csv", f"utfall{suffix}")
        argv = shlex.split(line, comments=True)
        if not argv:  # the step a person does: fill in the values of 2025
            assert _fill_in(tmp_path / f"utfall{suffix}", "2025") == 10
        elif argv[0] == "cp":
            shutil.copy(argv[1], argv[2])
        else:
            out, err = io.StringIO(), io.StringIO()
            assert cli.main(argv[1:], out=out, err=err) == 0, err.getvalue()
            assert err.getvalue() == ""
            outputs.append(out.getvalue())
    assert "".join(outputs).replace(f"utfall{suffix}", "utfall.csv") == printed.lstrip("\n")
    # the chain file: the example's text with ten measurements of 2025 written in
    added = _only_inserted(
        (ROOT / "examples" / "burlov.yaml").read_text(encoding="utf-8"),
        (tmp_path / "burlov.yaml").read_text(encoding="utf-8"),
    )
    assert len(added) == 10 and all("period: 2025" in line for line in added)
    report = (tmp_path / "rapport-2025.html").read_text(encoding="utf-8")
    assert "2025" in report and "Burlövs kommun" in report


def test_a_swedish_csv_template_writes_numbers_with_a_decimal_comma(tmp_path: Path) -> None:
    chain = gc.load(ROOT / "examples" / "nynashamn.yaml")
    write_template(chain, tmp_path / "mall.csv")
    write_template(chain, tmp_path / "en.csv", lang="en")
    sv = (tmp_path / "mall.csv").read_text(encoding="utf-8-sig")
    en = (tmp_path / "en.csv").read_text(encoding="utf-8-sig")
    assert ";2024-delår;-1,8;" in sv and ";2024-delår;-1.8;" in en  # a number, not '-1,8
    assert ";2023;79;" in sv  # a whole number without ",0"


def test_a_new_value_follows_an_item_that_ends_in_a_nested_block() -> None:
    """ruamel.yaml ends a block mapping at the next token, inside the next item."""
    from goalchain.io._yaml_update import spliced_text

    text = (
        "goalchain: 1\n"
        "model: classic\n"
        "elements:\n"
        "  - {id: kf1, level: council, title: Mål}\n"
        "  - {id: i1, kind: indicator, title: Andel, unit: percent, parents: [kf1]}\n"
        "  - {id: i2, kind: indicator, title: Antal, unit: count, parents: [kf1]}\n"
        "measurements:\n"
        "  - indicator: i1\n"
        "    period: 2023\n"
        "    value: 80.5\n"
        "    anteckning:\n"
        "      av: Controller\n"
        "      lista:\n"
        "        - ett\n"
        "  - indicator: i2\n"
        "    period: 2023\n"
        "    value: 12.0\n"
    )
    chain = gc.loads(text)
    before = {m.key: m for m in chain.measurements()}
    chain.record("i1", 2024, 82.9)
    out = spliced_text(text, chain, before)
    assert out is not None and gc.loads(out) == chain
    assert _only_inserted(text, out) == [
        "  - indicator: i1\n",
        "    period: 2024\n",
        "    value: 82.9\n",
    ]


def test_a_baseline_in_the_last_possible_year_gives_that_year() -> None:
    chain = gc.GoalChain(name="Sent")
    chain.add_indicator("i1", "Sent", unit="count", baseline=(2200, 1.0))
    assert [row[2] for row in template_rows(chain)[1:]] == [2200]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(chain=goal_chains(min_elements=3), data=st.data())
def test_any_chains_template_rows_and_spliced_measurements(
    chain: gc.GoalChain, data: st.DataObject
) -> None:
    """Over chains from goalchain.testing: the template can be made, and measurements
    spliced into the chain's file read back as the chain (or are not spliced)."""
    from goalchain.io._yaml_update import spliced_text

    text = gc.dumps(chain)
    chain = gc.loads(text)
    template_rows(chain)
    indicators = chain.indicators()
    if not indicators:
        return
    before = {m.key: m for m in chain.measurements()}
    for _ in range(data.draw(st.integers(1, 4))):
        indicator = data.draw(st.sampled_from(indicators))
        period = data.draw(st.sampled_from(["2025", "2025-T1", "2031-delår", "1999-Q4"]))
        value = data.draw(st.floats(-1e6, 1e6, allow_nan=False))
        source = data.draw(st.sampled_from([None, "a, b", "x: y", "'q'", "ö"]))
        chain.record(indicator.id, period, value, replace=True, source=source)
    if before:
        key = data.draw(st.sampled_from(sorted(before, key=str)))
        chain.record(key[0], key[1], 12345.5, gender=key[2], replace=True)
    out = spliced_text(text, chain, before)
    if out is not None:
        assert gc.loads(out) == chain
