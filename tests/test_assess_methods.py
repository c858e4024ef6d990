"""The named assessment methods (issue 12, item 2): annual_target, cagr_ratio, trend.

Hand-worked examples of each, the defects the issue lists (each fails on the code
before it), the registry, and properties of annual_target and progress_share.
Open SDG's published results are reproduced in tests/test_assess_open_sdg.py.
"""

from __future__ import annotations

import math
import warnings
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from goalchain.exceptions import (
    ProgressionError,
    RegistrationError,
    UnknownAssessmentMethodError,
    UnknownNameError,
)
from goalchain.progression import (
    CATEGORIES,
    MAINTAIN_TOLERANCE,
    TREND_LABELS,
    AssessmentData,
    ProgressAssessment,
    Trajectory,
    annual_targets,
    assess,
    assessment_methods,
    limit_coefficient,
    progress_share,
    register_assessment,
)
from goalchain.testing import trajectories

pytestmark = pytest.mark.filterwarnings("ignore::goalchain.progression.ProgressionWarning")


def cagr(start: float, end: float, years: int) -> float:
    return (end / start) ** (1 / years) - 1


@pytest.fixture
def burlov() -> Trajectory:
    """78 % in 2022 to 90 % in 2026: annual targets 81, 84, 87, 90."""
    return annual_targets(baseline=(2022, 78.0), target=(2026, 90.0), unit="percent")


@pytest.fixture
def down() -> Trajectory:
    """Lower is better: 40 days in 2022 to 20 in 2026 (annual targets 35, 30, 25, 20)."""
    return annual_targets(
        baseline=(2022, 40.0), target=(2026, 20.0), unit="day", direction="decrease"
    )


# --- annual_target ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "category", "share"),
    [
        (90.0, "achieved", 2.0),  # the final target met in 2024
        (84.0, "on_track", 1.0),  # the 2024 annual target, 84, met exactly
        (85.5, "on_track", 1.25),
        (82.9, "acceleration_needed", 4.9 / 6),  # 0.817 of the way to 84
        (81.6, "acceleration_needed", 0.6),  # exactly 0.6
        (80.0, "limited_progress", 2 / 6),
        (78.0, "limited_progress", 0.0),
        (77.0, "deterioration", -1 / 6),
    ],
)
def test_annual_target_categories_increasing(
    burlov: Trajectory, actual: float, category: str, share: float
) -> None:
    a = assess(burlov, {2023: 80.0, 2024: actual})
    assert a.method == "annual_target"
    assert (a.category, a.year, a.expected) == (category, 2024, 84.0)
    assert a.share == pytest.approx(share, rel=1e-12)
    assert a.progress == pytest.approx(min(max(share, 0.0), 1.0), rel=1e-12)
    assert a.gap == pytest.approx(actual - 84.0)


@pytest.mark.parametrize(
    ("actual", "category", "share"),
    [
        (20.0, "achieved", 2.0),
        (30.0, "on_track", 1.0),
        (33.0, "acceleration_needed", 0.7),  # 7 of the 10 days to 30
        (38.0, "limited_progress", 0.2),
        (41.0, "deterioration", -0.1),
    ],
)
def test_annual_target_categories_decreasing(
    down: Trajectory, actual: float, category: str, share: float
) -> None:
    a = assess(down, {2024: actual})
    assert (a.category, a.expected) == (category, 30.0)
    assert a.share == pytest.approx(share, rel=1e-12)


def test_annual_target_is_the_default_and_the_row_reconciles(burlov: Trajectory) -> None:
    """Issue 12: one row read "-5,5 p.e." and "i fas"; on_track now means the annual
    target is met, so the gap beside it is never against the direction."""
    a = assess(burlov, {2023: 80.5, 2024: 83.5})
    assert a.category == "acceleration_needed"  # cagr_ratio calls this on_track (R 0.95)
    assert assess(burlov, {2023: 80.5, 2024: 83.5}, method="cagr_ratio").category == "on_track"
    assert a.gap == pytest.approx(-0.5)
    assert a.label() == "framsteg, men takten behöver öka"


def test_annual_target_threshold_is_a_parameter(burlov: Trajectory) -> None:
    assert assess(burlov, {2024: 80.0}).category == "limited_progress"
    assert assess(burlov, {2024: 80.0}, acceleration=0.3).category == "acceleration_needed"


def test_annual_target_uses_the_latest_measured_year(burlov: Trajectory) -> None:
    a = assess(burlov, {2023: 81.0, 2024: 82.0, 2025: 95.0}, year=2024)
    assert (a.year, a.expected, a.category) == (2024, 84.0, "acceleration_needed")
    a = assess(burlov, {2023: 81.0}, year=2025)  # nothing measured in 2025: 2023's target
    assert (a.year, a.expected, a.category) == (2023, 81.0, "on_track")


def test_annual_target_after_the_target_year(burlov: Trajectory) -> None:
    a = assess(burlov, {2028: 89.0})
    assert (a.expected, a.category) == (90.0, "acceleration_needed")
    assert a.share == pytest.approx(11 / 12)


def test_annual_target_with_the_year_target_equal_to_the_baseline() -> None:
    """Steps that start with a pause: the 2023 target is the baseline itself."""
    t = annual_targets(baseline=(2022, 10.0), target=(2025, 16.0), method="steps", steps=[0, 3, 3])
    assert assess(t, {2023: 10.5}).category == "on_track"
    a = assess(t, {2023: 9.5})
    assert (a.category, a.share, a.progress) == ("deterioration", None, 0.0)
    assert "baseline" in a.reason


# --- the defects of issue 12 (each failed before) --------------------------------------


def test_cagr_ratio_baseline_met_then_moved_away_is_deterioration() -> None:
    """Lower is better, the target at most 10, the baseline 8 already met it and the
    latest value, 12, has moved away. Before: observed / required growth, both
    positive, gave ratio 1.9 and on_track; Open SDG's direction rule gives R < 0."""
    t = annual_targets(baseline=(2015, 8.0), target=(2030, 10.0), direction="decrease")
    a = assess(t, {2020: 12.0}, method="cagr_ratio")
    required = cagr(8.0, 10.0, 15)
    assert a.ratio == pytest.approx(-1 * cagr(8.0, 12.0, 5) / abs(required))
    assert a.ratio < 0
    assert a.category == "deterioration"
    assert assess(t, {2020: 9.0}, method="cagr_ratio").category == "achieved"
    assert assess(t, {2020: 12.0}).category == "deterioration"  # annual_target agrees


def test_progress_share_with_the_target_across_the_baseline() -> None:
    """Issue 12: from 3 to 0 against "at least 2" (higher is better) scored 1.0."""
    t = annual_targets(baseline=(2022, 3.0), target=(2024, 2.0), direction="increase")
    assert progress_share(t, 2024, 0.0) == 0.0
    a = assess(t, {2024: 0.0})
    assert (a.category, a.progress) == ("deterioration", 0.0)
    assert progress_share(t, 2024, 2.5) == 1.0  # at least 2: met
    assert assess(t, {2024: 2.5}).category == "achieved"


def test_maintain_is_held_within_a_tolerance_on_both_sides() -> None:
    """Issue 12: a cost to be held at 38 kr that rose to 41 kr was 'målvärdet nått'."""
    t = annual_targets(baseline=(2022, 38.0), target=(2026, 38.0), unit="SEK", method="maintain")
    assert t.direction == "maintain"
    for method in ("annual_target", "cagr_ratio"):
        assert assess(t, {2024: 41.0}, method=method).category == "deterioration"
        assert assess(t, {2024: 35.0}, method=method).category == "deterioration"
        assert assess(t, {2024: 38.5}, method=method).category == "achieved"  # 1.3 % off
    assert progress_share(t, 2024, 41.0) == 0.0
    assert progress_share(t, 2024, 38.5) == 1.0
    assert MAINTAIN_TOLERANCE == 0.02
    assert assess(t, {2024: 41.0}, tolerance=0.1).category == "achieved"


# --- cagr_ratio ------------------------------------------------------------------------


def test_cagr_ratio_zero_target_and_score() -> None:
    """A target of 0 is 0.001 in the growth rates (Open SDG); met as written."""
    t = annual_targets(baseline=(2015, 8.0), target=(2030, 0.0), direction="decrease")
    a = assess(t, {2020: 4.0}, method="cagr_ratio")
    ratio = -1 * cagr(8.0, 4.0, 5) / abs(cagr(8.0, 0.001, 15))
    assert a.ratio == pytest.approx(ratio)
    assert a.score == pytest.approx(max(4.1667 * ratio - 2.5, -5))
    assert "0.001" in a.reason
    assert assess(t, {2020: 0.0}, method="cagr_ratio").score == 5.0


def test_cagr_ratio_negative_values_flip_the_direction() -> None:
    """Both values negative: sign(b) = -1 (a result of -10 mnkr to be lifted to -2)."""
    t = annual_targets(baseline=(2020, -10.0), target=(2030, -2.0), direction="increase")
    a = assess(t, {2025: -5.0}, method="cagr_ratio")
    assert a.ratio == pytest.approx(-1 * cagr(-10.0, -5.0, 5) / abs(cagr(-10.0, -2.0, 10)))
    assert a.ratio > 0


def test_cagr_ratio_target_equal_to_the_baseline_with_a_direction() -> None:
    t = annual_targets(baseline=(2020, 5.0), target=(2024, 5.0), direction="increase")
    assert assess(t, {2022: 5.5}, method="cagr_ratio").category == "achieved"
    a = assess(t, {2022: 4.5}, method="cagr_ratio")
    assert (a.category, a.ratio) == ("deterioration", None)
    assert "equals the baseline" in a.reason


# --- trend -----------------------------------------------------------------------------


def test_trend_without_a_target() -> None:
    """The issue's example, Statistics Canada's 1.3.1 series (limit 100)."""
    a = assess(None, {2021: 93.2}, method="trend", baseline=(2015, 90.0), direction="increase")
    assert a.growth == pytest.approx(cagr(90.0, 93.2, 6))  # 0.58 %: below 1.5 %
    assert (a.category, a.coefficient, a.expected, a.gap) == (
        "acceleration_needed",
        None,
        None,
        None,
    )
    assert a.label() == "måttliga framsteg"
    near = assess(
        None, {2021: 93.2}, method="trend", baseline=(2015, 90.0), direction="increase", limit=100
    )
    c = limit_coefficient(90.0, 100.0)
    assert near.coefficient == pytest.approx(1 - 0.9**4.44)
    assert near.growth >= 0.015 * c  # the thresholds shrink near 100 %
    assert (near.category, near.label("en")) == ("on_track", "substantial progress")
    assert near.score == pytest.approx(min(500 * near.growth / c - 5, 5))


@pytest.mark.parametrize(
    ("latest", "category"),
    [(80.0, "on_track"), (96.0, "acceleration_needed"), (99.5, "limited_progress")],
)
def test_trend_decreasing(latest: float, category: str) -> None:
    a = assess(None, {2018: latest}, method="trend", baseline=(2015, 100.0), direction="decrease")
    assert a.growth == pytest.approx(-cagr(100.0, latest, 3))
    assert a.category == category
    rising = assess(
        None, {2018: 101.0}, method="trend", baseline=(2015, 100.0), direction="decrease"
    )
    assert rising.category == "deterioration"
    assert rising.score == pytest.approx(max(125 * rising.growth - 2.5, -5))


def test_trend_with_a_trajectory_ignores_the_target(burlov: Trajectory) -> None:
    a = assess(burlov, {2024: 80.0}, method="trend")
    assert a.growth == pytest.approx(cagr(78.0, 80.0, 2))
    assert a.category == "acceleration_needed"  # 1.27 % a year: moderate progress
    assert a.expected == 84.0 and a.gap == pytest.approx(-4.0)


def test_trend_baseline_as_a_year_takes_the_first_actual_in_or_after_it() -> None:
    a = assess(None, {2016: 50.0, 2020: 55.0}, method="trend", baseline=2015, direction="increase")
    assert a.growth == pytest.approx(cagr(50.0, 55.0, 4))
    none = assess(None, {}, method="trend", baseline=2015, direction="increase")
    assert none.category == "not_assessable" and "2015" in none.reason


def test_trend_at_the_limit_holds_as_substantial() -> None:
    """Open SDG: a baseline at the limit makes C = 0; holding it is substantial progress."""
    a = assess(
        None, {2020: 100.0}, method="trend", baseline=(2015, 100.0), direction="increase", limit=100
    )
    assert (a.coefficient, a.category, a.score) == (0.0, "on_track", 5.0)


def test_trend_maintain_and_sign_change() -> None:
    kwargs: dict[str, Any] = {"method": "trend", "baseline": (2015, 50.0)}
    assert assess(None, {2020: 50.5}, direction="maintain", **kwargs).category == "on_track"
    assert assess(None, {2020: 55.0}, direction="maintain", **kwargs).category == "deterioration"
    a = assess(None, {2020: -1.0}, direction="increase", **kwargs)
    assert a.category == "not_assessable" and "same sign" in a.reason


@pytest.mark.parametrize(
    ("base", "limit", "coefficient"),
    [
        (0.0, 100.0, 1.0),
        (50.0, 100.0, 1 - 0.5**4.44),
        (150.0, 100.0, 1 - 0.5**4.44),
        (200.0, 100.0, 1.0),
        (5.0, 0.0, 1.0),
    ],
)
def test_limit_coefficient(base: float, limit: float, coefficient: float) -> None:
    assert limit_coefficient(base, limit) == pytest.approx(coefficient)


# --- the registry ----------------------------------------------------------------------


def test_registry_lists_the_methods_and_is_read_only() -> None:
    assert {"annual_target", "cagr_ratio", "trend"} <= set(assessment_methods)
    assert not hasattr(assessment_methods, "__setitem__")
    assert isinstance(assessment_methods.view, MappingProxyType)


def test_unknown_method_lists_the_known_names(burlov: Trajectory) -> None:
    with pytest.raises(UnknownAssessmentMethodError, match="annual_target, cagr_ratio") as err:
        assess(burlov, {2024: 80.0}, method="eurostat")
    assert isinstance(err.value, UnknownNameError) and isinstance(err.value, LookupError)
    assert "annual_target" in err.value.known


def test_register_your_own(burlov: Trajectory) -> None:
    @register_assessment("halfway")
    def halfway(data: AssessmentData, /, *, at: float = 0.5) -> ProgressAssessment:
        """On track once the actual is past *at* of the way to the final target."""
        assert data.trajectory is not None
        base, goal = data.baseline.value, data.trajectory.target.value
        done = (data.actual - base) / (goal - base)
        return ProgressAssessment(
            category="on_track" if done >= at else "limited_progress", **data.common
        )

    try:
        a = assess(burlov, {2024: 85.0}, method="halfway")
        assert (a.method, a.category, a.gap) == ("halfway", "on_track", 1.0)
        assert assess(burlov, {2024: 85.0}, method="halfway", at=0.9).category == (
            "limited_progress"
        )
        with pytest.raises(ProgressionError, match="takes no parameter 'on_track'; it takes: at"):
            assess(burlov, {2024: 85.0}, method="halfway", on_track=0.9)
        with pytest.raises(RegistrationError, match="already registered"):
            register_assessment("halfway", halfway)
    finally:
        assessment_methods.unregister("halfway")


def test_entry_point_group() -> None:
    assert assessment_methods._group == "goalchain.progression.assessment"


# --- bad input -------------------------------------------------------------------------


def test_bad_input(burlov: Trajectory) -> None:
    with pytest.raises(ProgressionError, match="needs a trajectory") as err:
        assess(None, {2024: 80.0}, method="annual_target", baseline=(2022, 78.0))
    assert err.value.field == "trajectory"
    with pytest.raises(ProgressionError, match="needs baseline"):
        assess(None, {2024: 80.0}, method="trend", direction="increase")
    with pytest.raises(ProgressionError, match="needs direction"):
        assess(None, {2024: 80.0}, method="trend", baseline=(2022, 78.0))
    with pytest.raises(ProgressionError, match="direction 'up' is invalid"):
        assess(None, {2024: 80.0}, method="trend", baseline=(2022, 78.0), direction="up")
    with pytest.raises(ProgressionError, match="differs from the trajectory's"):
        assess(burlov, {2024: 80.0}, direction="decrease")
    with pytest.raises(ProgressionError, match="differs from the trajectory's"):
        assess(burlov, {2024: 80.0}, baseline=(2021, 78.0))
    assert assess(burlov, {2024: 80.0}, baseline=(2022, 78.0), direction="increase").share
    with pytest.raises(ProgressionError, match="takes no parameter 'on_track'"):
        assess(burlov, {2024: 80.0}, on_track=0.9)
    for bad in (-0.1, math.nan, True, "2 %"):
        with pytest.raises(ProgressionError, match="tolerance"):
            assess(burlov, {2024: 80.0}, tolerance=bad)


# --- properties ------------------------------------------------------------------------

values = st.floats(-1000, 1000, allow_nan=False).map(lambda x: round(x, 2))


@st.composite
def trajectories_any_direction(draw: st.DrawFn) -> Trajectory:
    """Trajectories from goalchain.testing, and linear ones whose direction may run against
    the target (a target across the baseline, as in issue 12)."""
    if draw(st.booleans()):
        return draw(trajectories(methods=("linear", "geometric", "steps", "maintain")))
    base_year = draw(st.integers(2015, 2024))
    span = draw(st.integers(1, 8))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return annual_targets(
            baseline=(base_year, draw(values)),
            target=(base_year + span, draw(values)),
            direction=draw(st.sampled_from(["increase", "decrease", "maintain"])),
        )


def _d(t: Trajectory) -> float:
    return -1.0 if t.direction == "decrease" else 1.0


@given(trajectories_any_direction(), st.integers(0, 10), values)
def test_progress_share_one_is_never_behind(t: Trajectory, offset: int, actual: float) -> None:
    """A score of 1 means the year's target is met: the category is on_track or achieved
    and the gap is not against the direction; below 1 the target is not met."""
    year = t.baseline.year + 1 + offset
    score = progress_share(t, year, actual)
    assert 0.0 <= score <= 1.0
    a = assess(t, {year: actual})
    assert a.progress == score
    if score == 1.0:
        assert a.category in ("achieved", "on_track")
        if t.direction != "maintain":
            assert _d(t) * a.gap >= 0
    else:
        assert a.category not in ("on_track",)


@given(trajectories_any_direction(), st.integers(0, 10), values)
def test_on_track_is_never_shown_with_a_gap_against_the_direction(
    t: Trajectory, offset: int, actual: float
) -> None:
    year = t.baseline.year + 1 + offset
    a = assess(t, {year: actual})
    assert a.category in CATEGORIES
    if a.category == "on_track" and t.direction != "maintain":
        assert _d(t) * a.gap >= 0
    if a.category in ("on_track", "achieved"):
        assert a.progress == 1.0 or a.category == "achieved"
    if a.category in ("acceleration_needed", "limited_progress"):
        assert a.share is not None and 0.0 <= a.share < 1.0
        assert a.progress == a.share
    if a.category == "deterioration":
        assert a.progress == 0.0


@given(trajectories_any_direction(), st.integers(0, 10), values)
def test_every_method_reports_the_same_gap(t: Trajectory, offset: int, actual: float) -> None:
    year = t.baseline.year + 1 + offset
    results = [
        assess(t, {year: actual}, method=m) for m in ("annual_target", "cagr_ratio", "trend")
    ]
    assume(all(r.gap is not None for r in results))
    assert len({(r.expected, r.gap, r.forecast) for r in results}) == 1
    assert {r.method for r in results} == {"annual_target", "cagr_ratio", "trend"}


def test_trend_labels_keep_the_keys() -> None:
    assert set(TREND_LABELS) == set(CATEGORIES)
    assert all(set(labels) == {"sv", "en"} for labels in TREND_LABELS.values())
