"""The array path gives the scalar functions' results, element-wise."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goalchain.exceptions import PeriodError, ProgressionError, UnknownMethodError
from goalchain.progression import annual_targets, annual_targets_many, assess, assess_many

values = st.floats(min_value=-500, max_value=500, allow_nan=False).map(lambda x: round(x, 1))
positive = st.floats(min_value=0.5, max_value=500, allow_nan=False).map(lambda x: round(x, 1))


@st.composite
def rows(draw: st.DrawFn, *, value_strategy: st.SearchStrategy[float] = values) -> dict:
    n = draw(st.integers(1, 6))
    baseline_years = draw(st.lists(st.integers(2015, 2024), min_size=n, max_size=n))
    spans = draw(st.lists(st.integers(1, 6), min_size=n, max_size=n))
    return {
        "baseline_years": baseline_years,
        "baseline_values": draw(st.lists(value_strategy, min_size=n, max_size=n)),
        "target_years": [b + s for b, s in zip(baseline_years, spans, strict=True)],
        "target_values": draw(st.lists(value_strategy, min_size=n, max_size=n)),
    }


@given(rows(), st.integers(2014, 2032))
def test_annual_targets_many_equals_scalar(data: dict, year: int) -> None:
    result = annual_targets_many(**data, years=year)
    for row in range(len(data["baseline_years"])):
        t = annual_targets(
            baseline=(data["baseline_years"][row], data["baseline_values"][row]),
            target=(data["target_years"][row], data["target_values"][row]),
        )
        if year < t.baseline.year:
            assert np.ma.is_masked(result[row])
        else:
            assert result[row] == pytest.approx(t.expected(year), rel=1e-12, abs=1e-9)


@given(rows(value_strategy=positive), st.integers(2014, 2032))
def test_geometric_many_equals_scalar(data: dict, year: int) -> None:
    result = annual_targets_many(**data, years=[year], method="geometric")
    for row in range(len(data["baseline_years"])):
        t = annual_targets(
            baseline=(data["baseline_years"][row], data["baseline_values"][row]),
            target=(data["target_years"][row], data["target_values"][row]),
            method="geometric",
        )
        if year >= t.baseline.year:
            assert result[row, 0] == pytest.approx(t.expected(year), rel=1e-12)


@given(
    rows(),
    st.lists(st.one_of(st.none(), values), min_size=4, max_size=4),
    st.one_of(st.none(), st.integers(2016, 2030)),
)
def test_assess_many_equals_assess(data: dict, actual_row: list, year: int | None) -> None:
    n = len(data["baseline_years"])
    columns = [2020, 2022, 2024, 2026]
    matrix = [[math.nan if v is None else v + i for v in actual_row] for i in range(n)]
    many = assess_many(**data, actual_years=columns, actual_values=matrix, year=year)
    for row in range(n):
        t = annual_targets(
            baseline=(data["baseline_years"][row], data["baseline_values"][row]),
            target=(data["target_years"][row], data["target_values"][row]),
        )
        actuals = {c: v for c, v in zip(columns, matrix[row], strict=True) if not math.isnan(v)}
        one = assess(t, actuals, year=year)
        assert many.category[row] == one.category
        for name in ("ratio", "actual", "expected", "gap", "forecast", "required_rate"):
            scalar = getattr(one, name)
            array = getattr(many, name)
            if scalar is None:
                assert array.mask[row], name
            else:
                assert not np.ma.is_masked(array[row]), name
                assert array[row] == pytest.approx(scalar, rel=1e-9, abs=1e-9), name
        assert (many.growth_method[row] or None) == one.growth_method


def test_results_hold_no_nan() -> None:
    result = assess_many(
        baseline_years=[2022, 2022],
        baseline_values=[78.0, 0.0],
        target_years=[2026, 2026],
        target_values=[90.0, 10.0],
        actual_years=[2023, 2024],
        actual_values=[[math.nan, math.nan], [2.0, 4.0]],
    )
    # row 2: 2 a year since 2022 against 2.5 a year required -> ratio 0.8
    assert result.category.tolist() == ["not_assessable", "acceleration_needed"]
    assert result.ratio[1] == pytest.approx(0.8)
    assert result.growth_method.tolist() == ["", "linear"]
    for name in ("ratio", "actual", "expected", "gap", "forecast", "required_rate"):
        array = getattr(result, name)
        assert not np.isnan(array.filled(0.0)).any()


def test_bad_input() -> None:
    base = {
        "baseline_years": [2022],
        "baseline_values": [1.0],
        "target_years": [2026],
        "target_values": [2.0],
    }
    with pytest.raises(PeriodError, match="must come after"):
        annual_targets_many(**{**base, "target_years": [2022]}, years=2024)
    with pytest.raises(UnknownMethodError, match="linear"):
        annual_targets_many(**base, years=2024, method="nope")
    with pytest.raises(ProgressionError, match="same sign"):
        annual_targets_many(**{**base, "baseline_values": [-1.0]}, years=2024, method="geometric")
    with pytest.raises(ProgressionError, match="NaN"):
        annual_targets_many(**{**base, "baseline_values": [math.nan]}, years=2024)
