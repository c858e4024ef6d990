"""DataFrames of roll-ups, SMART findings, trajectories, measurements and indicators.

Every frame is checked against the objects it came from, for every example
chain: one row per object, the documented columns and nullable dtypes, missing
values as ``<NA>`` and never NaN, ids kept as texts.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given

import goalchain as gc
from _strategies import chains_and_periods
from goalchain.exceptions import InvalidValueError, MissingDependencyError
from goalchain.report import indicator_rows, indicators_frame, measurements_frame
from goalchain.report._frames import (
    INDICATOR_COLUMNS,
    MEASUREMENT_COLUMNS,
    ROLLUP_COLUMNS,
    SMART_COLUMNS,
    TRAJECTORY_COLUMNS,
)
from goalchain.testing import goal_chains

pd = pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
NAMES = [p.stem for p in EXAMPLES]


@pytest.fixture(scope="module", params=EXAMPLES, ids=NAMES)
def chain(request: pytest.FixtureRequest) -> gc.GoalChain:
    return gc.load(request.param)


def cell(value: Any) -> Any:
    """What a frame holds for *value*: ``pd.NA`` for None."""
    return pd.NA if value is None else value


def same(a: Any, b: Any) -> bool:
    """Equal values, where ``<NA>`` equals only ``<NA>``."""
    if a is pd.NA or b is pd.NA:
        return a is pd.NA and b is pd.NA
    return bool(a == b)


def assert_clean(frame: Any, columns: dict[str, str] | Any) -> None:
    """The documented columns and dtypes; missing values are <NA>, never NaN."""
    assert list(frame.columns) == list(columns)
    for name, dtype in columns.items():
        column = frame[name]
        assert column.dtype == pd.api.types.pandas_dtype(dtype), name
        if dtype == "string":
            assert column.dtype.na_value is pd.NA
            assert all(v is pd.NA or isinstance(v, str) for v in column), name
        if dtype == "Float64":
            # <NA> put aside, what is left must be a number: a NaN is not missing, it is wrong
            numbers = column.to_numpy(dtype="float64", na_value=0.0)
            assert not np.isnan(numbers).any(), name
            assert column.isna().tolist() == [v is pd.NA for v in column], name
    # NaN nowhere, not even as an object
    for name in frame.columns:
        assert not any(isinstance(v, float) and v != v for v in frame[name].tolist()), name


def assert_rows(frame: Any, expected: list[tuple[Any, ...]]) -> None:
    got = [tuple(row) for row in frame.itertuples(index=False, name=None)]
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        assert all(same(a, cell(b)) for a, b in zip(g, e, strict=True)), (g, e)


def assert_string_index(frame: Any, ids: list[str], name: str = "id") -> None:
    assert frame.index.name == name
    assert isinstance(frame.index.dtype, pd.StringDtype)
    assert list(frame.index) == ids
    assert all(type(i) is str for i in frame.index)


# ----------------------------------------------------------------- roll-up
@pytest.mark.parametrize("year", [2023, 2024])
def test_rollup_frame_matches_the_result(chain: gc.GoalChain, year: int) -> None:
    result = chain.rollup(year)
    frame = result.to_dataframe()
    assert frame.shape == (len(result), len(ROLLUP_COLUMNS))
    assert_clean(frame, ROLLUP_COLUMNS)
    assert_string_index(frame, list(result))
    assert_rows(
        frame,
        [
            (
                result.title(i),
                n.kind,
                n.score,
                n.status,
                result.scale.label(n.status, lang="sv"),
                n.coverage,
                n.strategy,
                n.provenance,
                n.computed,
                n.deviation,
                n.reason_in("sv"),
                n.awaiting_dialogue,
            )
            for i, n in result.items()
        ],
    )
    assert frame["score"].isna().tolist() == [n.score is None for n in result.values()]
    assert frame.attrs["period"] == str(year)


def test_rollup_frame_has_missing_scores_as_na() -> None:
    result = gc.load(ROOT / "examples" / "lerum.yaml").rollup(2024)
    frame = result.to_dataframe()
    missing = [i for i, n in result.items() if n.score is None]
    assert missing  # Lerum has elements that cannot be assessed
    assert all(frame.loc[i, "score"] is pd.NA for i in missing)
    assert (frame.loc[missing, "status"] == "not_assessed").all()
    assert (frame.loc[missing, "status_label"] == "ej bedömt").all()


def test_rollup_frame_of_a_dialogue() -> None:
    chain = gc.load(ROOT / "examples" / "grastorp.yaml")
    result = chain.rollup(2024)
    frame = result.to_dataframe()
    decided = frame[frame["provenance"] == "dialogue"]
    assert len(decided) > 0
    for element in decided.index:
        node = result[element]
        assert decided.loc[element, "computed"] == pytest.approx(node.computed)
        assert same(decided.loc[element, "deviation"], cell(node.deviation))
    awaiting = gc.load(ROOT / "examples" / "burlov.yaml").rollup(2025, strategy="dialogue")
    flags = awaiting.to_dataframe()["awaiting_dialogue"]
    assert flags.tolist() == [n.awaiting_dialogue for n in awaiting.values()]
    assert flags.any()


def test_rollup_frame_in_english() -> None:
    result = gc.load(ROOT / "examples" / "burlov.yaml").rollup(2024)
    sv, en = result.to_dataframe(), result.to_dataframe(lang="en")
    assert sv.loc["kf1", "status_label"] == "delvis uppfyllt"
    assert en.loc["kf1", "status_label"] == "partly achieved"
    assert sv.loc["a1", "reason"] == "pågår, 80\u00a0% klart"
    assert en.loc["a1", "reason"] == "in progress, 80% done"
    assert en["reason"].tolist() == [cell(n.reason_in("en")) for n in result.values()]
    assert (sv["status"] == en["status"]).all()
    with pytest.raises(InvalidValueError, match="sv, en"):
        result.to_dataframe(lang="de")


def test_ids_stay_texts() -> None:
    chain = gc.GoalChain(name="Nynäshamns kommun", municipality="0192")
    chain.add_goal("0192", "Kommunens mål", level="council")
    chain.add_indicator(
        "007",
        "Andel",
        parents=["0192"],
        unit="percent",
        baseline=(2022, 10.0),
        target=(2026, 20.0),
    )
    chain.record("007", 2024, 15.0)
    frame = chain.rollup(2024).to_dataframe()
    assert_string_index(frame, ["0192", "007"])
    assert frame.loc["0192", "kind"] == "goal"
    measured = measurements_frame(chain)
    assert measured["indicator"].tolist() == ["007"]
    assert isinstance(measured["indicator"].dtype, pd.StringDtype)
    assert_string_index(indicators_frame(chain), ["007"])


# ----------------------------------------------------------------- SMART
def test_findings_frame_matches_the_report(chain: gc.GoalChain) -> None:
    report = gc.smart.check(chain)
    frame = report.to_dataframe()
    assert frame.shape == (len(report), len(SMART_COLUMNS))
    assert_clean(frame, SMART_COLUMNS)
    assert_rows(frame, [tuple(f.to_dict().values()) for f in report])
    assert list(frame.index) == list(range(len(report)))


def test_findings_frame_in_english_and_with_problems() -> None:
    chain = gc.GoalChain(name="Exempel")
    chain.add_goal("kf1", "Vi ska verka för en bättre skola", level="council")
    report = gc.smart.check(chain, lang="en")
    frame = report.to_dataframe()
    assert frame.attrs["lang"] == "en"
    assert "the goal has no owner" in frame["message"].tolist()
    assert frame["owner"].isna().all()  # no owner: <NA>, not None or NaN
    assert_clean(frame, SMART_COLUMNS)


# ----------------------------------------------------------------- trajectories
def test_trajectory_frames_match(chain: gc.GoalChain) -> None:
    checked = 0
    for indicator in chain.indicators():
        if indicator.baseline is None or indicator.target is None:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            trajectory = indicator.trajectory()
        frame = trajectory.to_dataframe()
        assert_clean(frame, TRAJECTORY_COLUMNS)
        assert frame.index.name == "year"
        assert frame.index.dtype == np.dtype("int64")
        assert frame["annual_target"].to_dict() == trajectory.magnitudes
        assert frame["unit"].tolist() == [cell(trajectory.unit)] * len(trajectory)
        assert frame["change"].iloc[0] is pd.NA
        steps = [row["change"] for row in trajectory.as_table()][1:]
        assert frame["change"].iloc[1:].tolist() == steps
        assert frame.attrs["method"] == trajectory.method
        checked += 1
    assert checked > 0


def test_trajectory_frame_without_a_unit() -> None:
    trajectory = gc.progression.annual_targets(baseline=(2022, 1.0), target=(2024, 3.0))
    frame = trajectory.to_dataframe()
    assert frame["unit"].isna().all()
    assert frame.attrs["unit"] is None


# ----------------------------------------------------------------- measurements
def test_measurements_frame_matches(chain: gc.GoalChain) -> None:
    frame = measurements_frame(chain)
    found = chain.measurements()
    assert frame.shape == (len(found), len(MEASUREMENT_COLUMNS))
    assert_clean(frame, MEASUREMENT_COLUMNS)
    assert_rows(
        frame,
        [
            (
                m.indicator,
                str(m.period),
                m.period.year,
                m.value,
                m.unit,
                m.gender,
                m.preliminary,
                m.source,
            )
            for m in found
        ],
    )
    some = found[0].indicator
    one = measurements_frame(chain, some, gender="T")
    assert len(one) == len(chain.measurements(some, gender="T"))
    assert set(one["indicator"]) == {some}


def test_measurements_frame_periods_are_texts() -> None:
    chain = gc.GoalChain(name="Exempel")
    chain.add_indicator("i1", "Sjukfrånvaro", unit="percent", frequency="tertial")
    chain.record("i1", "2024-T2", 6.1, preliminary=True)
    chain.record("i1", 2023, 6.5, gender="K")
    frame = measurements_frame(chain)
    assert frame["period"].tolist() == ["2023", "2024-T2"]
    assert frame["year"].tolist() == [2023, 2024]
    assert frame["preliminary"].tolist() == [False, True]
    assert frame["gender"].tolist() == ["K", "T"]
    assert frame["source"].isna().all()
    assert_clean(frame, MEASUREMENT_COLUMNS)


# ----------------------------------------------------------------- indicators
def test_indicators_frame_shows_the_year_of_an_earlier_actual_and_a_limited_forecast() -> None:
    frame = indicators_frame(gc.load(ROOT / "examples" / "trelleborg.yaml"), 2024)
    assert frame.loc["pi_valdeltagande", ["actual", "actual_year"]].tolist() == [78.9, 2022]
    grastorp = indicators_frame(gc.load(ROOT / "examples" / "grastorp.yaml"), 2024)
    assert grastorp["forecast_clamped"].any()
    assert (grastorp.loc[grastorp["forecast_clamped"].fillna(False), "forecast"] > 100).all()


@pytest.mark.parametrize("year", [None, 2024])
def test_indicators_frame_matches(chain: gc.GoalChain, year: int | None) -> None:
    frame = indicators_frame(chain, year)
    rows = indicator_rows(chain, year=year)
    assert frame.shape == (len(rows), len(INDICATOR_COLUMNS))
    assert_clean(frame, INDICATOR_COLUMNS)
    assert_string_index(frame, [r.indicator.id for r in rows])
    assert_rows(
        frame,
        [
            (
                r.indicator.title,
                r.indicator.unit,
                r.year,
                r.baseline.value if r.baseline else None,
                r.baseline.year if r.baseline else None,
                r.expected,
                r.actual,
                r.actual_year,
                r.gap,
                r.gap_unit,
                r.category,
                r.label,
                r.forecast,
                r.forecast_clamped if r.forecast is not None else None,
                r.target.value if r.target else None,
                r.target.year if r.target else None,
                r.source,
                r.fetched,
                str(r.follow_up.target) if r.follow_up and r.follow_up.target else None,
                r.follow_up.method if r.follow_up else None,
                r.follow_up.score if r.follow_up else None,
                r.follow_up.status if r.follow_up and r.follow_up.actual is not None else None,
                r.forecast_shown,
            )
            for r in rows
        ],
    )
    # the frame's numbers are the follow-up's, the one answer every output reads
    if year is not None:
        follow = chain.follow_up(year)
        for r in rows:
            assert same(frame.loc[r.indicator.id, "gap"], cell(follow[r.indicator.id].gap))


def test_indicators_frame_languages_and_missing_values() -> None:
    chain = gc.load(ROOT / "examples" / "burlov.yaml")
    sv, en = indicators_frame(chain, 2024), indicators_frame(chain, 2024, lang="en")
    assert sv.loc["i1", "category_label"] == "framsteg, men takten behöver öka"
    assert en.loc["i1", "category_label"] != sv.loc["i1", "category_label"]
    assert (sv["category"] == en["category"]).all()
    # a year without measurements: no actual, no gap, no category
    early = indicators_frame(chain, 2019)
    assert early["actual"].isna().all()
    assert early["gap"].isna().all()
    assert_clean(early, INDICATOR_COLUMNS)
    with pytest.raises(InvalidValueError):
        indicators_frame(chain, lang="fi")


def test_empty_chain_gives_empty_frames_with_dtypes() -> None:
    chain = gc.GoalChain(name="Tom")
    assert_clean(measurements_frame(chain), MEASUREMENT_COLUMNS)
    assert_clean(indicators_frame(chain), INDICATOR_COLUMNS)
    assert_clean(chain.rollup(2024).to_dataframe(), ROLLUP_COLUMNS)
    assert_clean(gc.smart.check(chain).to_dataframe(), SMART_COLUMNS)
    assert len(measurements_frame(chain)) == 0


# ----------------------------------------------------------------- pandas is optional
def test_importing_goalchain_does_not_import_pandas() -> None:
    code = (
        "import sys, goalchain, goalchain.report, goalchain.rollup, goalchain.smart, "
        "goalchain.progression\n"
        "chain = goalchain.io.load_demo()\n"
        "chain.rollup(2024); goalchain.smart.check(chain)\n"
        "assert 'pandas' not in sys.modules, 'pandas was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas -> ImportError
    result = gc.io.load_demo().rollup(2024)
    with pytest.raises(MissingDependencyError, match=r"malkedja\[pandas\]"):
        result.to_dataframe()


# ----------------------------------------------------------------- properties
@given(chains_and_periods(max_elements=10))
def test_generated_rollup_frames_have_a_row_per_element(
    case: tuple[gc.GoalChain, gc.Period],
) -> None:
    chain, period = case
    result = chain.rollup(period)
    frame = result.to_dataframe()
    assert len(frame) == len(result) == len(chain.graph)
    assert list(frame.index) == list(result)
    assert frame["score"].tolist() == [cell(n.score) for n in result.values()]
    assert frame["status"].tolist() == [n.status for n in result.values()]
    assert_clean(frame, ROLLUP_COLUMNS)


@given(chain=goal_chains(max_elements=8))
def test_generated_measurement_frames(chain: gc.GoalChain) -> None:
    frame = measurements_frame(chain)
    assert len(frame) == len(chain.measurements())
    assert frame["value"].tolist() == [m.value for m in chain.measurements()]
    assert_clean(frame, MEASUREMENT_COLUMNS)
