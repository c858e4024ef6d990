"""The array path gives the scalar functions' results, element-wise."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goalchain.exceptions import (
    PeriodError,
    ProgressionError,
    UnknownAssessmentMethodError,
    UnknownMethodError,
)
from goalchain.progression import (
    annual_targets,
    annual_targets_many,
    assess,
    assess_many,
    assessment_methods,
    register_assessment,
)

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


FIELDS = (
    "ratio",
    "growth",
    "score",
    "share",
    "progress",
    "actual",
    "expected",
    "gap",
    "forecast",
    "required_rate",
)


@given(
    rows(),
    st.lists(st.one_of(st.none(), values), min_size=4, max_size=4),
    st.one_of(st.none(), st.integers(2016, 2030)),
    st.sampled_from(["annual_target", "cagr_ratio", "trend"]),
    st.one_of(st.none(), st.sampled_from(["increase", "decrease", "maintain"])),
    st.one_of(st.none(), st.sampled_from([100.0, 0.0, 50.0])),
)
def test_assess_many_equals_assess(
    data: dict,
    actual_row: list,
    year: int | None,
    assessment: str,
    direction: str | None,
    limit: float | None,
) -> None:
    n = len(data["baseline_years"])
    columns = [2020, 2022, 2024, 2026]
    matrix = [[math.nan if v is None else v + i for v in actual_row] for i in range(n)]
    with warnings.catch_warnings():  # a direction against the target steps back
        warnings.simplefilter("ignore")
        many = assess_many(
            **data,
            actual_years=columns,
            actual_values=matrix,
            year=year,
            assessment=assessment,
            directions=direction,
            limits=limit,
        )
    assert many.method == assessment
    for row in range(n):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t = annual_targets(
                baseline=(data["baseline_years"][row], data["baseline_values"][row]),
                target=(data["target_years"][row], data["target_values"][row]),
                direction=direction,
            )
        actuals = {c: v for c, v in zip(columns, matrix[row], strict=True) if not math.isnan(v)}
        extra = {"limit": limit} if assessment == "trend" else {}
        one = assess(t, actuals, year=year, method=assessment, **extra)
        assert many.category[row] == one.category
        for name in FIELDS:
            scalar = getattr(one, name)
            array = getattr(many, name)
            if scalar is None:
                assert array.mask[row], name
            else:
                assert not np.ma.is_masked(array[row]), name
                assert array[row] == pytest.approx(scalar, rel=1e-9, abs=1e-9), name
        assert (many.growth_method[row] or None) == one.growth_method


def test_results_hold_no_nan() -> None:
    """Before issue 12 row 2 (a zero baseline) fell back to a linear growth ratio (0.8);
    annual_target gives the share of the way to 2024's target of 5, and cagr_ratio
    replaces the zero by 0.001, as Open SDG does."""
    kwargs = dict(
        baseline_years=[2022, 2022],
        baseline_values=[78.0, 0.0],
        target_years=[2026, 2026],
        target_values=[90.0, 10.0],
        actual_years=[2023, 2024],
        actual_values=[[math.nan, math.nan], [2.0, 4.0]],
    )
    result = assess_many(**kwargs)
    assert result.category.tolist() == ["not_assessable", "acceleration_needed"]
    assert result.share[1] == pytest.approx(0.8)
    assert result.growth_method.tolist() == ["", ""]
    ratio = assess_many(**kwargs, assessment="cagr_ratio")
    assert ratio.growth_method.tolist() == ["", "geometric"]
    assert ratio.ratio[1] == pytest.approx(
        ((4.0 / 0.001) ** 0.5 - 1) / ((10.0 / 0.001) ** 0.25 - 1)
    )
    for each in (result, ratio, assess_many(**kwargs, assessment="trend")):
        for name in FIELDS:
            array = getattr(each, name)
            assert not np.isnan(array.filled(0.0)).any()


def test_assessments_assess_many_does_not_compute() -> None:
    base = dict(
        baseline_years=[2022],
        baseline_values=[1.0],
        target_years=[2026],
        target_values=[2.0],
        actual_years=[2024],
        actual_values=[[1.5]],
    )
    with pytest.raises(UnknownAssessmentMethodError, match="annual_target, cagr_ratio"):
        assess_many(**base, assessment="nope")
    register_assessment("own", lambda data, /: None)
    try:
        with pytest.raises(ProgressionError, match="row by row"):
            assess_many(**base, assessment="own")
    finally:
        assessment_methods.unregister("own")
    with pytest.raises(ProgressionError, match="no parameter 'on_track'"):
        assess_many(**base, on_track=0.9)
    with pytest.raises(ProgressionError, match="direction 'up' is invalid"):
        assess_many(**base, directions="up")


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
