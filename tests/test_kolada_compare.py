"""Where a municipality stands among others: figures, groups, chain.compare, the frame.

Values come from an in-memory :class:`KoladaValues` (``tests/_kolada_memory.py``)
with values the tests generate; groups and municipalities are real (recorded v3).
No test reaches the network.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import goalchain as gc
from _kolada_memory import MemoryValues, real_groups, real_municipalities
from goalchain import _cli_kolada_compare
from goalchain.cli import main
from goalchain.exceptions import InvalidValueError, UnknownGroupError
from goalchain.io._kolada_compare import compare_values, is_municipality, percentile
from goalchain.io.kolada import (
    BANDS,
    COMPARISON_KEYS,
    RIKET,
    Comparison,
    Comparisons,
    KoladaValues,
    KpiInfo,
    MunicipalityGroup,
    find_group,
)

ROOT = Path(__file__).resolve().parent.parent
BURLOV = "1231"
GRUNDSKOLA = "G35889"  # Liknande kommuner grundskola, Burlöv, 2024
MUNICIPALITIES = [row["id"] for row in real_municipalities() if row["type"] == "K"]

values_st = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
direction_st = st.sampled_from(["increase", "decrease"])


@st.composite
def groups_st(draw: st.DrawFn) -> tuple[dict[str, float], list[str], str]:
    """Values of a group of real municipality ids (some without a value), and one of them."""
    members = draw(st.lists(st.sampled_from(MUNICIPALITIES), min_size=1, max_size=25, unique=True))
    # few distinct values, so that ties are common
    pool = draw(st.lists(values_st, min_size=1, max_size=4))
    values = {
        m: draw(st.sampled_from(pool)) for m in members if draw(st.booleans()) or m == members[0]
    }
    return values, members, members[0]


def _compare(
    values: dict[str, float], members: list[str], own: str | None, direction: str
) -> Comparison:
    return compare_values(values, members, own, kpi="N15436", year=2024, direction=direction)


# --------------------------------------------------------------------------- figures
def test_figures_of_a_small_group() -> None:
    values = {"1231": 80.0, "1260": 70.0, "1442": 90.0, "1881": 85.0, RIKET: 84.0}
    c = _compare(values, ["1260", "1442", "1881", "0684"], BURLOV, "increase")
    assert c.as_dict() == {
        "kpi": "N15436",
        "year": 2024,
        "value": 80.0,
        "rank": 3,
        "of": 4,  # 0684 has no value; Burlöv counts with the group
        "median": float(np.percentile([70, 80, 85, 90], 50)),
        "q1": float(np.percentile([70, 80, 85, 90], 25)),
        "q3": float(np.percentile([70, 80, 85, 90], 75)),
        "best": 90.0,
        "worst": 70.0,
        "riket": 84.0,
        "band": "middle_half",
    }
    assert tuple(c.as_dict()) == COMPARISON_KEYS


def test_decrease_turns_best_and_worst() -> None:
    values = {"1231": 20.0, "1260": 40.0, "1442": 30.0, "1881": 35.0}
    c = _compare(values, ["1260", "1442", "1881"], BURLOV, "decrease")
    assert (c.rank, c.best, c.worst, c.band) == (1, 20.0, 40.0, "best_quarter")
    c = _compare(values, ["1231", "1442", "1881"], "1260", "decrease")
    assert (c.rank, c.of, c.band) == (4, 4, "worst_quarter")


def test_ties_share_a_rank() -> None:
    values = {"1231": 5.0, "1260": 5.0, "1442": 9.0, "1881": 1.0}
    ranks = {m: _compare(values, list(values), m, "increase").rank for m in values}
    assert ranks == {"1442": 1, "1231": 2, "1260": 2, "1881": 4}


def test_missing_values_are_missing_never_zero() -> None:
    # no value of the municipality: figures of the group, no rank nor band
    c = _compare({"1260": 70.0, "1442": 90.0}, ["1260", "1442"], BURLOV, "increase")
    assert (c.value, c.rank, c.band, c.of, c.median) == (None, None, None, 2, 80.0)
    # no value in the group for the year: every figure is None, of is 0
    c = _compare({RIKET: 84.0}, ["1260", "1442"], BURLOV, "increase")
    assert c.as_dict() == {key: None for key in COMPARISON_KEYS} | {
        "kpi": "N15436",
        "year": 2024,
        "of": 0,
        "riket": 84.0,
    }
    # Riket is never a member
    c = _compare({RIKET: 1000.0, "1231": 1.0}, [RIKET], BURLOV, "increase")
    assert (c.of, c.best, c.rank, c.riket) == (1, 1.0, 1, 1000.0)


def test_maintain_has_no_better_side() -> None:
    c = _compare({"1231": 5.0, "1260": 7.0}, ["1260"], BURLOV, "maintain")
    assert (c.value, c.of, c.median) == (5.0, 2, 6.0)
    assert (c.rank, c.best, c.worst, c.band) == (None, None, None, None)


def test_one_value_is_the_middle_half() -> None:
    c = _compare({"1231": 5.0}, [], BURLOV, "increase")
    assert (c.rank, c.of, c.q1, c.median, c.q3, c.band) == (1, 1, 5.0, 5.0, 5.0, "middle_half")


@given(st.lists(values_st, min_size=1, max_size=40), st.sampled_from([0, 10, 25, 50, 75, 99, 100]))
def test_percentile_is_numpys_default(values: list[float], q: int) -> None:
    assert percentile(values, q) == pytest.approx(
        float(np.percentile(values, q)), rel=1e-12, abs=1e-9
    )


def test_percentile_needs_a_value() -> None:
    with pytest.raises(InvalidValueError):
        percentile([], 50)


@given(groups_st(), direction_st)
def test_properties_of_a_comparison(
    group: tuple[dict[str, float], list[str], str], direction: str
) -> None:
    values, members, own = group
    c = _compare(values, members, own, direction)
    pool = [values[m] for m in members if m in values]
    assert c.of == len(pool)
    assert c.rank is not None and 1 <= c.rank <= c.of
    # best and worst are the extremes by the direction
    better = max if direction == "increase" else min
    worse = min if direction == "increase" else max
    assert (c.best, c.worst) == (better(pool), worse(pool))
    # median and quartiles as numpy computes them
    assert c.median == pytest.approx(float(np.median(pool)), rel=1e-12, abs=1e-9)
    assert c.q1 is not None and c.q3 is not None and c.q1 <= c.median <= c.q3
    # the band agrees with the quartiles in the indicator's direction
    sign = 1 if direction == "increase" else -1
    top, bottom = (c.q3, c.q1) if sign > 0 else (c.q1, c.q3)
    expected = (
        "best_quarter"
        if sign * values[own] > sign * top
        else "worst_quarter"
        if sign * values[own] < sign * bottom
        else "middle_half"
    )
    assert c.band == expected and c.band in BANDS
    # equal values share a rank
    for other in members:
        if other in values and values[other] == values[own]:
            assert _compare(values, members, other, direction).rank == c.rank


@given(groups_st(), direction_st, st.randoms(use_true_random=False))
def test_the_order_of_members_does_not_matter(
    group: tuple[dict[str, float], list[str], str], direction: str, rnd: random.Random
) -> None:
    values, members, own = group
    shuffled = list(members)
    rnd.shuffle(shuffled)
    reordered = dict(sorted(values.items(), key=lambda _: rnd.random()))
    assert _compare(reordered, shuffled, own, direction) == _compare(
        values, members, own, direction
    )


@given(groups_st(), direction_st, st.floats(min_value=0, max_value=1e6))
def test_a_better_value_never_worsens_the_rank(
    group: tuple[dict[str, float], list[str], str], direction: str, step: float
) -> None:
    values, members, own = group
    before = _compare(values, members, own, direction)
    improved = dict(values)
    improved[own] = values[own] + (step if direction == "increase" else -step)
    after = _compare(improved, members, own, direction)
    assert after.rank is not None and before.rank is not None
    assert after.rank <= before.rank


def test_municipalities_are_kolada_type_k() -> None:
    rows = real_municipalities()
    assert len(rows) == 312
    assert {row["id"] for row in rows if is_municipality(row["id"])} == {
        row["id"] for row in rows if row["type"] == "K"
    }
    assert not is_municipality(RIKET) and not is_municipality("12")


# ---------------------------------------------------------------------------- groups
def test_a_group_by_id_or_by_title() -> None:
    groups = real_groups()
    assert find_group(groups, GRUNDSKOLA).title == "Liknande kommuner grundskola, Burlöv, 2024"
    group = find_group(groups, "Liknande kommuner grundskola, Burlöv, 2024")
    assert group.id == GRUNDSKOLA and BURLOV not in group.members and len(group.members) == 7


def test_an_unknown_group_lists_close_names() -> None:
    with pytest.raises(UnknownGroupError) as caught:
        find_group(real_groups(), "Liknande kommuner grundskola Burlöv 2024")
    error = caught.value
    assert "Liknande kommuner grundskola, Burlöv, 2024" in error.close
    assert str(error).startswith(
        "no Kolada municipality group has the id or title "
        "'Liknande kommuner grundskola Burlöv 2024'; close: "
    )
    assert error.render("en") == str(error)
    assert "ingen av Koladas kommungrupper" in error.render("sv")
    assert isinstance(error, LookupError)


def test_an_unknown_group_with_nothing_close() -> None:
    with pytest.raises(UnknownGroupError) as caught:
        find_group(real_groups(), "G1")
    assert caught.value.close == ()
    assert "'G35889'" in str(caught.value)
    assert "'G35889'" in caught.value.render("sv")


# ----------------------------------------------------------------- a chain's indicators
def _burlov_values() -> MemoryValues:
    """Values for Burlöv's example: N15436 for its group and more, U23401 for some, Riket."""
    group = find_group(real_groups(), GRUNDSKOLA)
    shares = {m: 70.0 + 2 * i for i, m in enumerate(group.members)}  # 70 .. 82
    shares |= {BURLOV: 81.0, RIKET: 84.5, "0012": 79.0, "0180": 95.0}  # a region, Stockholm
    days = {BURLOV: 30.0, "1260": 25.0, "1881": 45.0}
    return MemoryValues(
        {("N15436", 2023, "T"): shares, ("U23401", 2023, "T"): days},
        groups=real_groups(),
    )


def test_compare_a_chain_with_a_group() -> None:
    chain = gc.io.load(ROOT / "examples" / "burlov.yaml")
    source = _burlov_values()
    assert isinstance(source, KoladaValues)
    result = chain.compare(2023, source=source, group=GRUNDSKOLA)
    assert isinstance(result, Comparisons)
    assert list(result) == [i.id for i in chain.indicators() if i.kolada]
    i1 = result["i1"]
    assert (i1.kpi, i1.value, i1.rank, i1.of, i1.best, i1.worst, i1.riket) == (
        "N15436",
        81.0,
        2,
        8,
        82.0,
        70.0,
        84.5,
    )
    assert i1.band == "best_quarter"
    i6 = result["i6"]  # days, decrease: only two members have a value
    assert (i6.rank, i6.of, i6.best, i6.worst) == (2, 3, 25.0, 45.0)
    assert result["i2"].of == 0 and result["i2"].median is None  # no values that year
    assert (result.year, result.municipality, result.group) == (
        2023,
        BURLOV,
        find_group(real_groups(), GRUNDSKOLA),
    )
    assert ("N15436", 2023, "T") in source.asked


def test_compare_with_every_municipality() -> None:
    chain = gc.io.load(ROOT / "examples" / "burlov.yaml")
    i1 = chain.compare(2023, source=_burlov_values())["i1"]
    # the group's 7, Burlöv and Stockholm; not the region 0012 nor Riket
    assert (i1.of, i1.rank, i1.best, i1.riket) == (9, 3, 95.0, 84.5)


def test_compare_by_title_and_another_municipality() -> None:
    chain = gc.io.load(ROOT / "examples" / "burlov.yaml")
    result = chain.compare(
        2023,
        source=_burlov_values(),
        group="Liknande kommuner grundskola, Burlöv, 2024",
        municipality="1260",
    )
    # 1260 is a member; Burlöv is not, and does not count
    assert (result["i1"].value, result["i1"].rank, result["i1"].of) == (78.0, 3, 7)
    assert result.municipality == "1260"


def test_compare_needs_a_municipality() -> None:
    chain = gc.GoalChain(name="Utan kod")
    chain.add_indicator("i1", "Behöriga", unit="percent", kolada="N15436")
    with pytest.raises(InvalidValueError) as caught:
        chain.compare(2023, source=MemoryValues())
    assert caught.value.field == "municipality"
    assert "kommunkod" in caught.value.render("sv")


def test_compare_an_unknown_group() -> None:
    chain = gc.io.load(ROOT / "examples" / "burlov.yaml")
    with pytest.raises(UnknownGroupError):
        chain.compare(2023, source=_burlov_values(), group="Liknande kommuner, Burlöv")


def test_a_kpi_in_another_unit_is_refused_with_both_units() -> None:
    chain = gc.io.load(ROOT / "examples" / "burlov.yaml")
    kpis = {
        "N15436": KpiInfo(id="N15436", title="Elever i åk 9 behöriga, andel (%)"),
        "U23401": KpiInfo(id="U23401", title="Väntetid, kr/inv"),
    }
    result = chain.compare(2023, source=_burlov_values(), group=GRUNDSKOLA, kpis=kpis)
    assert "i1" in result and "i6" not in result
    refused = {note.indicator: note for note in result.refused}
    assert refused["i6"].code == "other_unit"
    text = refused["i6"].message("en")
    assert "'SEK / inhabitant'" in text and "'day'" in text
    # shares without metadata are refused as fetch refuses them
    assert refused["i2"].code == "no_metadata"


def test_values_are_converted_to_the_indicators_unit() -> None:
    chain = gc.GoalChain(name="Burlöv", municipality=BURLOV)
    chain.add_indicator("i1", "Behöriga", unit="permille", kolada="N15436")
    kpis = {"N15436": KpiInfo(id="N15436", title="Behöriga, andel (%)")}
    result = chain.compare(2023, source=_burlov_values(), group=GRUNDSKOLA, kpis=kpis)
    assert (result["i1"].value, result["i1"].riket, result["i1"].best) == (810.0, 845.0, 820.0)


def test_comparisons_as_a_dataframe() -> None:
    pytest.importorskip("pandas")
    chain = gc.io.load(ROOT / "examples" / "burlov.yaml")
    result = chain.compare(2023, source=_burlov_values(), group=GRUNDSKOLA)
    frame = result.to_dataframe()
    assert list(frame.columns) == list(COMPARISON_KEYS)
    assert list(frame.index) == list(result)
    assert frame.loc["i1", "rank"] == 2 and frame.loc["i1", "band"] == "best_quarter"
    assert frame["median"].isna().tolist() == [c.median is None for c in result.values()]
    assert str(frame["rank"].dtype) == "Int64" and str(frame["value"].dtype) == "Float64"
    assert frame.attrs == {"year": 2023, "municipality": BURLOV, "group": GRUNDSKOLA}
    assert not any(isinstance(v, float) and math.isnan(v) for v in frame["median"].tolist())
    assert gc.report.comparison_frame(result).equals(frame)


def test_a_group_in_memory_is_a_municipality_group() -> None:
    group = MunicipalityGroup("G1", "Egen", ["1231", "1260"])
    assert group.members == ("1231", "1260")


# ------------------------------------------------------------------ the command line
@pytest.fixture
def cli_source(monkeypatch: pytest.MonkeyPatch) -> MemoryValues:
    """``goalchain kolada compare`` reading values in memory, and no KPI metadata."""
    source = _burlov_values()
    monkeypatch.setattr(_cli_kolada_compare, "open_store", lambda path, *, lang: source)
    monkeypatch.setattr(_cli_kolada_compare, "kpi_metadata", lambda args, ids, source=None: None)
    return source


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["kolada", "compare", str(ROOT / "examples" / "burlov.yaml"), *argv], out=out, err=err
    )
    return code, out.getvalue(), err.getvalue()


def test_cli_table_in_swedish(cli_source: MemoryValues) -> None:
    code, out, err = _run("--year", "2023", "--group", GRUNDSKOLA)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == (
        "Burlövs kommun (1231) i Liknande kommuner grundskola, Burlöv, 2024 (G35889), 2023"
    )
    assert lines[1].split() == [
        "Indikator", "KPI", "Värde", "Placering", "Median", "Kvartil", "1", "Kvartil", "3",
        "Bäst", "Sämst", "Riket", "Läge",
    ]  # fmt: skip
    i1 = next(line for line in lines if line.startswith("i1 "))
    assert "81\u00a0%" in i1 and "2 av 8" in i1 and "84,5\u00a0%" in i1
    assert i1.endswith("bästa fjärdedelen")
    assert "i2: Kolada har inga värden för N15419 i G35889 år 2023" in lines
    assert not any(line.startswith("i2 ") for line in lines)


def test_cli_table_in_english_with_every_municipality(cli_source: MemoryValues) -> None:
    code, out, _ = _run("--year", "2023", "--all", "--lang", "en")
    assert code == 0
    assert out.splitlines()[0] == "Burlövs kommun (1231) among every municipality, 2023"
    i1 = next(line for line in out.splitlines() if line.startswith("i1 "))
    assert "81%" in i1 and "3 of 9" in i1 and "84.5%" in i1 and i1.endswith("middle half")
    assert "i2: Kolada has no values of N15419 for any municipality in 2023" in out


def test_cli_json(cli_source: MemoryValues, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run("--year", "2023", "--group", GRUNDSKOLA, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["i1", "i2", "i5", "i6", "i9"]
    assert all(tuple(entry) == COMPARISON_KEYS for entry in data.values())
    assert data["i1"] | {"median": None, "q1": None, "q3": None} == {
        "kpi": "N15436", "year": 2023, "value": 81.0, "rank": 2, "of": 8,
        "median": None, "q1": None, "q3": None, "best": 82.0, "worst": 70.0,
        "riket": 84.5, "band": "best_quarter",
    }  # fmt: skip
    assert data["i1"]["median"] == float(np.median([70, 72, 74, 76, 78, 80, 81, 82]))
    assert data["i2"]["of"] == 0 and data["i2"]["median"] is None and data["i2"]["rank"] is None
    notes = capsys.readouterr().err  # the commands' notes go to stderr
    assert "i2: Kolada har inga värden för N15419 i G35889 år 2023" in notes


def test_cli_an_unknown_group_lists_close_names(cli_source: MemoryValues) -> None:
    code, out, err = _run("--year", "2023", "--group", "Liknande kommuner grundskola Burlöv 2024")
    assert code == 2 and out == ""
    assert "ingen av Koladas kommungrupper" in err
    assert "Liknande kommuner grundskola, Burlöv, 2024" in err


def test_cli_a_kpi_in_another_unit_is_refused(
    cli_source: MemoryValues, monkeypatch: pytest.MonkeyPatch
) -> None:
    kpis = {
        "N15436": KpiInfo(id="N15436", title="Behöriga, andel (%)"),
        "N15419": KpiInfo(id="N15419", title="Meritvärde, andel (%)"),
        "U21468": KpiInfo(id="U21468", title="Nöjdhet, andel (%)"),
        "U23401": KpiInfo(id="U23401", title="Väntetid, kr/inv"),
        "U07414": KpiInfo(id="U07414", title="Andel, andel (%)"),
    }
    monkeypatch.setattr(_cli_kolada_compare, "kpi_metadata", lambda args, ids, source=None: kpis)
    code, out, _ = _run("--year", "2023", "--group", GRUNDSKOLA, "--lang", "en")
    assert code == 0
    refused = [line for line in out.splitlines() if line.startswith("i6")]
    assert len(refused) == 1
    assert "'SEK / inhabitant'" in refused[0] and "'day'" in refused[0]


def test_cli_needs_a_store_until_it_is_connected() -> None:
    code, _, err = _run("--year", "2023")
    assert code == 2 and "--store" in err
    code, _, err = _run("--year", "2023", "--store", "kolada.sqlite", "--lang", "en")
    assert code == 2 and "kolada.sqlite" in err


def test_cli_group_and_all_exclude_each_other(cli_source: MemoryValues) -> None:
    code, out, err = _run("--year", "2023", "--group", GRUNDSKOLA, "--all")
    assert code == 2 and out == "" and "--all" in err


def test_cli_a_chain_without_a_municipality(
    cli_source: MemoryValues, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chain = gc.GoalChain(name="Utan kod")
    chain.add_indicator("i1", "Behöriga", unit="percent", kolada="N15436")
    path = tmp_path / "kedja.yaml"
    gc.io.dump(chain, path)
    out, err = io.StringIO(), io.StringIO()
    assert main(["kolada", "compare", str(path), "--year", "2023"], out=out, err=err) == 2
    assert "--municipality" in err.getvalue()
    out = io.StringIO()
    argv = ["kolada", "compare", str(path), "--year", "2023", "--municipality", "1231"]
    assert main(argv, out=out, err=err) == 0
    assert "1231 bland alla kommuner, 2023" in out.getvalue()


def test_kpi_metadata_offline_and_online(monkeypatch: pytest.MonkeyPatch) -> None:
    args = argparse.Namespace(offline=True, base_url=None)
    assert _cli_kolada_compare.kpi_metadata(args, ["N15436"]) is None
    asked: list[object] = []

    def kpi(self: object, ids: list[str]) -> list[KpiInfo]:
        asked.append(ids)
        return [KpiInfo(id=i, title="X, andel (%)") for i in ids]

    monkeypatch.setattr("goalchain.io.kolada.KoladaClient.kpi", kpi)
    args = argparse.Namespace(offline=False, base_url="http://127.0.0.1:9/v3")
    found = _cli_kolada_compare.kpi_metadata(args, ["N15436"])
    assert found is not None and list(found) == ["N15436"] and asked == [["N15436"]]


@pytest.mark.parametrize(
    ("keywords", "field", "swedish"),
    [
        ({"municipality": "123"}, "municipality", "är ingen kommunkod"),
        ({"municipality": "0012"}, "municipality", "är ingen kommunkod"),  # a region
        ({"year": "2023"}, "year", "heltal"),
        ({"gender": "X"}, "gender", "kvinnor"),
    ],
)
def test_compare_refuses_bad_input(keywords: dict[str, object], field: str, swedish: str) -> None:
    chain = gc.io.load(ROOT / "examples" / "burlov.yaml")
    arguments: dict[str, object] = {"year": 2023} | keywords
    year = arguments.pop("year")
    with pytest.raises(InvalidValueError) as caught:
        chain.compare(year, source=_burlov_values(), **arguments)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert swedish in caught.value.render("sv")
    assert caught.value.render("en") == str(caught.value)


def test_compare_asks_for_the_gender() -> None:
    chain = gc.io.load(ROOT / "examples" / "burlov.yaml")
    source = MemoryValues({("N15436", 2023, "K"): {BURLOV: 85.0, "1260": 80.0}}, real_groups())
    result = chain.compare(2023, source=source, group=GRUNDSKOLA, gender="K")
    assert (result["i1"].value, result["i1"].rank, result["i1"].of) == (85.0, 1, 2)
    assert ("N15436", 2023, "K") in source.asked


def test_cli_a_bad_municipality(cli_source: MemoryValues) -> None:
    code, _, err = _run("--year", "2023", "--municipality", "123")
    assert code == 2 and "--municipality '123'" in err


def test_a_comparison_has_exactly_the_keys_of_the_json() -> None:
    import attrs

    assert tuple(field.name for field in attrs.fields(Comparison)) == COMPARISON_KEYS
