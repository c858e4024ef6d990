"""The cagr_ratio assessment method: hand-worked examples of every category, both directions.

The expected ratios are computed here from the CAGR formula,
``CAGR(a, b, n) = (b / a) ** (1 / n) - 1``, not read from the implementation.
These examples were written when the growth ratio was assess()'s only method;
since issue 12 the default is ``annual_target`` (tests/test_assess_methods.py),
so :func:`assess` below asks for ``cagr_ratio`` unless a test says otherwise.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

import goalchain as gc
from goalchain.exceptions import GoalchainError, PeriodError
from goalchain.progression import (
    CATEGORIES,
    CATEGORY_LABELS,
    ProgressAssessment,
    Trajectory,
    annual_targets,
)
from goalchain.progression import assess as assess_by


def assess(*args: Any, **kwargs: Any) -> ProgressAssessment:
    """:func:`goalchain.progression.assess` by the ``cagr_ratio`` method unless told otherwise."""
    kwargs.setdefault("method", "cagr_ratio")
    return assess_by(*args, **kwargs)


def cagr(start: float, end: float, years: int) -> float:
    return (end / start) ** (1 / years) - 1


def band(ratio: float) -> str:
    """The Eurostat bands with the default thresholds, for checking the hand-worked numbers."""
    if ratio >= 0.95:
        return "on_track"
    if ratio >= 0.60:
        return "acceleration_needed"
    if ratio >= 0:
        return "limited_progress"
    return "deterioration"


@pytest.fixture
def up() -> Trajectory:
    """Higher is better: 100 in 2022 to 200 in 2026 (linear annual targets, 25 a year)."""
    return annual_targets(baseline=(2022, 100.0), target=(2026, 200.0), unit="count")


@pytest.fixture
def down() -> Trajectory:
    """Lower is better: 40 days in 2022 to 20 days in 2026."""
    return annual_targets(
        baseline=(2022, 40.0), target=(2026, 20.0), unit="day", direction="decrease"
    )


# --- categories, increasing ------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "category"),
    [
        (141.0, "on_track"),  # CAGR 18.74 % of the required 18.92 %: ratio 0.99
        (125.0, "acceleration_needed"),  # 11.80 % / 18.92 %: 0.62
        (110.0, "limited_progress"),  # 4.88 % / 18.92 %: 0.26
        (95.0, "deterioration"),  # -2.53 % / 18.92 %: -0.13
    ],
)
def test_categories_increasing(up: Trajectory, actual: float, category: str) -> None:
    required = cagr(100.0, 200.0, 4)
    observed = cagr(100.0, actual, 2)
    ratio = observed / required
    assert band(ratio) == category  # the hand-worked number is in the intended band
    a = assess(up, {2023: 110.0, 2024: actual})
    assert a.category == category
    assert a.ratio == pytest.approx(ratio, rel=1e-12)
    assert a.growth_method == "geometric"
    assert (a.year, a.actual) == (2024, actual)


@pytest.mark.parametrize("actual", [200.0, 205.0])
def test_achieved_increasing(up: Trajectory, actual: float) -> None:
    a = assess(up, {2024: actual})
    assert a.category == "achieved"


# --- categories, decreasing ------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "category"),
    [
        (28.5, "on_track"),  # CAGR -15.59 % of the required -15.91 %: ratio 0.98
        (32.0, "acceleration_needed"),  # -10.56 % / -15.91 %: 0.66
        (38.0, "limited_progress"),  # -2.53 % / -15.91 %: 0.16
        (44.0, "deterioration"),  # +4.88 % / -15.91 %: -0.31
    ],
)
def test_categories_decreasing(down: Trajectory, actual: float, category: str) -> None:
    required = cagr(40.0, 20.0, 4)
    observed = cagr(40.0, actual, 2)
    assert required < 0
    ratio = observed / required
    assert band(ratio) == category
    a = assess(down, {2024: actual})
    assert a.category == category
    assert a.ratio == pytest.approx(ratio, rel=1e-12)
    assert a.growth_method == "geometric"


@pytest.mark.parametrize("actual", [20.0, 19.0])
def test_achieved_decreasing(down: Trajectory, actual: float) -> None:
    assert assess(down, {2024: actual}).category == "achieved"


def test_direction_is_inferred_from_the_trajectory() -> None:
    """A falling value of a lower-is-better indicator is progress without saying so."""
    t = annual_targets(baseline=(2022, 12.0), target=(2026, 8.0))
    assert t.direction == "decrease"
    a = assess(t, {2024: 10.0})
    assert a.ratio == pytest.approx(cagr(12.0, 10.0, 2) / cagr(12.0, 8.0, 4))
    assert a.ratio > 0


# --- maintain --------------------------------------------------------------------------


def test_maintain_achieved_and_deterioration() -> None:
    """Holding a level means within a tolerance on both sides (issue 12: before, 'maintain'
    meant 'at least', and 5.2 against a level of 5 was achieved; it is 4 % off)."""
    t = annual_targets(baseline=(2022, 5.0), target=(2026, 5.0), method="maintain")
    assert assess(t, {2024: 5.05}).category == "achieved"  # 1 % off: within ±2 %
    assert assess(t, {2024: 4.95}).category == "achieved"
    assert assess(t, {2024: 5.2}).category == "deterioration"
    assert assess(t, {2024: 4.8}).category == "deterioration"
    assert assess(t, {2024: 5.2}, tolerance=0.05).category == "achieved"
    low = annual_targets(
        baseline=(2022, 5.0), target=(2026, 5.0), method="maintain", direction="decrease"
    )
    assert assess(low, {2024: 4.8}).category == "achieved"  # lower is better: at most
    assert assess(low, {2024: 5.2}).category == "deterioration"


# --- Open SDG's zero and sign rules ----------------------------------------------------
# Before issue 12 a change of sign or a zero fell back to average yearly changes (a
# linear ratio, goalchain's own invention); cagr_ratio now computes as sdg-build 2.4.0
# does, and these tests say what that gives.


def test_a_change_of_sign_is_not_assessable() -> None:
    """A budget result from -10 mnkr to +2 mnkr: compound growth is undefined."""
    t = annual_targets(baseline=(2022, -10.0), target=(2026, 10.0), unit="mnkr")
    a = assess(t, {2024: 2.0})
    assert a.category == "not_assessable"
    assert "same sign" in a.reason
    assert a.ratio is None


def test_a_zero_baseline_is_replaced_by_0_001() -> None:
    t = annual_targets(baseline=(2022, 0.0), target=(2026, 8.0), unit="count")
    a = assess(t, {2024: 2.0})
    assert a.ratio == pytest.approx(cagr(0.001, 2.0, 2) / cagr(0.001, 8.0, 4))  # 1.38
    assert a.growth_method == "geometric"
    assert "0.001" in a.reason
    assert a.category == "on_track"


def test_a_zero_actual_is_a_fall_of_100_percent() -> None:
    t = annual_targets(baseline=(2022, 10.0), target=(2026, 20.0), unit="count")
    a = assess(t, {2024: 0.0})
    assert a.ratio == pytest.approx(-1.0 / cagr(10.0, 20.0, 4))
    assert a.category == "deterioration"


# --- gap, forecasts, required rates ----------------------------------------------------


def test_gap_forecasts_and_required_rates(up: Trajectory) -> None:
    a = assess(up, {2023: 118.0, 2024: 141.0})
    assert a.expected == 150.0  # 100 + 2 * 25
    assert a.gap == pytest.approx(141.0 - 150.0)
    assert a.unit == "count"
    # least squares over (2022, 100), (2023, 118), (2024, 141): x mean 2023,
    # y mean 119.67, Sxx = 2, Sxy = -1 * (100 - 119.67) + 1 * (141 - 119.67) = 41
    mean_y = (100.0 + 118.0 + 141.0) / 3
    slope = 41.0 / 2.0
    assert a.forecasts["least_squares"] == pytest.approx(mean_y + slope * (2026 - 2023))
    assert a.forecast == pytest.approx(181.1666667)
    assert a.forecast_method == "least_squares"
    # compound: 141 growing by (141 / 100) ** (1 / 2) a year for two more years
    assert a.forecasts["compound"] == pytest.approx(141.0 * 1.41)
    assert a.required_rate == pytest.approx((200.0 - 141.0) / 2)
    assert a.required_growth == pytest.approx(math.sqrt(200.0 / 141.0) - 1)


def test_least_squares_with_uneven_years() -> None:
    t = annual_targets(baseline=(2020, 10.0), target=(2030, 30.0))
    a = assess(t, {2021: 12.0, 2024: 15.0})
    xs, ys = [2020, 2021, 2024], [10.0, 12.0, 15.0]
    mx, my = sum(xs) / 3, sum(ys) / 3
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    assert a.forecast == pytest.approx(my + slope * (2030 - mx))


def test_decreasing_gap_is_actual_minus_expected(down: Trajectory) -> None:
    a = assess(down, {2024: 32.0})
    assert a.expected == 30.0
    assert a.gap == pytest.approx(2.0)  # two days above the annual target
    assert a.required_rate == pytest.approx((20.0 - 32.0) / 2)


def test_after_the_target_year(up: Trajectory) -> None:
    a = assess(up, {2027: 190.0})
    assert a.expected == 200.0
    assert a.required_rate is None and a.required_growth is None
    assert a.category == "acceleration_needed"  # cagr(100,190,5)/cagr(100,200,4) = 0.71
    assert a.ratio == pytest.approx(cagr(100.0, 190.0, 5) / cagr(100.0, 200.0, 4))


# --- parameters ------------------------------------------------------------------------


def test_thresholds_are_parameters(up: Trajectory) -> None:
    assert assess(up, {2024: 141.0}).category == "on_track"
    assert assess(up, {2024: 141.0}, on_track=0.995).category == "acceleration_needed"
    assert assess(up, {2024: 110.0}).category == "limited_progress"
    assert assess(up, {2024: 110.0}, acceleration=0.2).category == "acceleration_needed"


def test_year_ignores_later_actuals(up: Trajectory) -> None:
    a = assess(up, {2023: 118.0, 2024: 141.0, 2025: 90.0}, year=2024)
    assert (a.year, a.actual, a.category) == (2024, 141.0, "on_track")


def test_actuals_as_quantities_and_strings() -> None:
    t = annual_targets(baseline=(2022, "1000 tkr"), target=(2026, "2000 tkr"))
    a = assess(t, {"2024": "1,41 mnkr"})
    assert a.actual == pytest.approx(1410.0)
    assert a.category == "on_track"


def test_label(up: Trajectory) -> None:
    a = assess(up, {2024: 141.0})
    assert a.label() == "i fas"
    assert a.label("en") == "on track"
    assert set(CATEGORY_LABELS) == set(CATEGORIES)


# --- not assessable --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actuals", "year"),
    [
        ({}, None),
        ({2022: 100.0}, None),  # the baseline year only
        ({2023: 110.0, 2024: 120.0}, 2022),  # nothing up to the year asked for
    ],
)
def test_fewer_than_two_points_is_not_assessable(
    up: Trajectory, actuals: dict[int, float], year: int | None
) -> None:
    a = assess(up, actuals, year=year)
    assert isinstance(a, ProgressAssessment)
    assert a.category == "not_assessable"
    assert "2022" in a.reason
    assert a.ratio is None
    assert a.label("en") == "not assessable"


# --- bad actuals -----------------------------------------------------------------------


@pytest.mark.parametrize("year", [1066, 3000])
def test_actuals_outside_any_sensible_range(up: Trajectory, year: int) -> None:
    with pytest.raises(PeriodError, match="valid years"):
        assess(up, {year: 150.0})


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_nan_actuals(up: Trajectory, bad: float) -> None:
    with pytest.raises(GoalchainError, match="finite"):
        assess(up, {2024: bad})


def test_actuals_in_the_wrong_unit() -> None:
    t = annual_targets(baseline=(2022, "78 %"), target=(2026, "90 %"))
    with pytest.raises(gc.exceptions.UnitMismatchError):
        assess(t, {2024: "5 tkr"})


# --- the Burlöv example ----------------------------------------------------------------


def test_burlov_indicators_are_assessable() -> None:
    chain = gc.load("examples/burlov.yaml")
    for indicator in chain.indicators():
        series = {p.year: v for p, v in chain.series(indicator.id).items()}
        a = assess(indicator.trajectory(), series)
        assert a.category in CATEGORIES[:-1], (indicator.id, a)
        assert a.year == 2024
        assert a.gap is not None and a.forecast is not None
