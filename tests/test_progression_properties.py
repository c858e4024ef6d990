"""Properties of annual target trajectories, drawn from ``goalchain.testing.trajectories``."""

from __future__ import annotations

import itertools
import math
import warnings

import attrs
import hypothesis.strategies as st
import pytest
from hypothesis import given
from hypothesis.errors import InvalidArgument

from goalchain import GoalchainError, Indicator
from goalchain.progression import ProgressionWarning, Trajectory, annual_targets
from goalchain.testing import indicators, trajectories

# drawn steps may go against the direction; that is tested in test_progression.py
pytestmark = pytest.mark.filterwarnings("ignore::goalchain.progression.ProgressionWarning")


def _tolerance(t: Trajectory) -> float:
    """Float noise allowed around values of this trajectory's size."""
    return 1e-9 * max(1.0, abs(t.baseline.value), abs(t.target.value))


def _rounding(t: Trajectory) -> float:
    decimals = t.params.get("decimals")
    return 0.0 if decimals is None else 0.5 * 10.0**-decimals


@given(trajectories())
def test_both_endpoints_are_exact(t: Trajectory) -> None:
    values = t.magnitudes
    assert list(values) == list(range(t.baseline.year, t.target.year + 1))
    assert values[t.baseline.year] == t.baseline.value
    assert values[t.target.year] == t.target.value


@given(trajectories(decimals=False), st.integers(0, 3))
def test_both_endpoints_are_exact_after_rounding(t: Trajectory, decimals: int) -> None:
    rounded = annual_targets(
        baseline=t.baseline,
        target=t.target,
        method=t.method,
        unit=t.unit,
        decimals=decimals,
        steps=t.params.get("steps"),
    )
    values = rounded.magnitudes
    assert values[t.baseline.year] == t.baseline.value
    assert values[t.target.year] == t.target.value
    for year, value in list(values.items())[1:-1]:
        # rounded, or held at an endpoint when rounding would overshoot it
        assert value == round(value, decimals) or value in (t.baseline.value, t.target.value)
        assert abs(value - t.magnitudes[year]) <= 0.5 * 10.0**-decimals + _tolerance(t)


@given(trajectories(methods=["linear"], decimals=False))
def test_linear_steps_are_equal(t: Trajectory) -> None:
    values = list(t.magnitudes.values())
    step = (t.target.value - t.baseline.value) / (len(values) - 1)
    for before, after in itertools.pairwise(values):
        assert after - before == pytest.approx(step, abs=_tolerance(t))


@given(trajectories(methods=["geometric"], decimals=False))
def test_geometric_ratios_are_equal(t: Trajectory) -> None:
    values = list(t.magnitudes.values())
    ratio = (t.target.value / t.baseline.value) ** (1 / (len(values) - 1))
    for before, after in itertools.pairwise(values):
        assert after / before == pytest.approx(ratio, rel=1e-9)


@given(trajectories(methods=["linear", "geometric", "steps", "maintain"], monotone_steps=True))
def test_every_value_lies_between_baseline_and_target(t: Trajectory) -> None:
    low = min(t.baseline.value, t.target.value) - _tolerance(t)
    high = max(t.baseline.value, t.target.value) + _tolerance(t)
    for value in t.magnitudes.values():
        assert low <= value <= high


@given(trajectories(methods=["linear", "geometric", "steps"], monotone_steps=True))
def test_monotone_trajectories_do_not_warn(t: Trajectory) -> None:
    assert t.warnings == ()


@given(trajectories(methods=["linear", "geometric", "steps"]))
def test_swapping_the_direction_mirrors_the_trajectory(t: Trajectory) -> None:
    steps = t.params.get("steps")
    mirrored = annual_targets(
        baseline=(t.baseline.year, -t.baseline.value),
        target=(t.target.year, -t.target.value),
        method=t.method,
        unit=t.unit,
        decimals=t.params.get("decimals"),
        steps=None if steps is None else [-s for s in steps],
    )
    for year, value in t.magnitudes.items():
        assert mirrored.magnitudes[year] == pytest.approx(-value, rel=1e-12, abs=_tolerance(t))
    flip = {"increase": "decrease", "decrease": "increase", "maintain": "maintain"}
    assert mirrored.direction == flip[t.direction]
    assert len(mirrored.warnings) == len(t.warnings)


@given(trajectories(units=["tkr"], decimals=False))
def test_converting_before_or_after_gives_the_same_trajectory(t: Trajectory) -> None:
    steps = t.params.get("steps")
    in_sek = annual_targets(
        baseline=(t.baseline.year, f"{t.baseline.value!r} tkr"),
        target=(t.target.year, f"{t.target.value!r} tkr"),
        method=t.method,
        unit="SEK",
        steps=None if steps is None else [s * 1000 for s in steps],
    )
    after = t.to("SEK")
    assert in_sek.unit == after.unit == "SEK"
    assert list(in_sek) == list(after)
    for year in after:
        assert in_sek.magnitudes[year] == pytest.approx(
            after.magnitudes[year], rel=1e-9, abs=1e-9 * 1000 * _tolerance(t)
        )
        assert in_sek[year].to("tkr").magnitude == pytest.approx(
            t.magnitudes[year], rel=1e-9, abs=_tolerance(t)
        )


@given(
    st.integers(2000, 2030),
    st.integers(-(10**6), 10**6),
    st.data(),
)
def test_steps_that_sum_to_the_gap_land_on_the_target(
    start: int, base: int, data: st.DataObject
) -> None:
    years = data.draw(st.integers(1, 8), label="years")
    increments = data.draw(
        st.lists(
            st.integers(-(10**5), 10**5).map(lambda n: n / 100), min_size=years, max_size=years
        ),
        label="increments",
    )
    baseline = base / 100
    target = baseline + math.fsum(increments)
    t = annual_targets(
        baseline=(start, baseline), target=(start + years, target), method="steps", steps=increments
    )
    assert t.magnitudes[start + years] == target
    running = baseline
    for year, increment in zip(range(start + 1, start + years), increments, strict=False):
        running += increment
        assert t.magnitudes[year] == pytest.approx(running, abs=1e-6)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"methods": ["rate"]},
        {"methods": "linear"},
        {"methods": []},
        {"units": ["furlong_per_fortnight_x"]},
        {"units": "tkr"},
        {"min_year": 2030, "max_year": 2020},
        {"min_year": 2030, "max_year": 2030},
        {"max_span": 0},
        {"max_value": math.inf},
        {"decimals": 1},
    ],
)
def test_trajectories_checks_its_arguments_eagerly(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidArgument):
        trajectories(**kwargs)  # type: ignore[arg-type]


@given(indicators(), st.integers(-5, 40), st.booleans())
def test_indicator_expected_equals_its_trajectory(
    indicator: Indicator, offset: int, straight: bool
) -> None:
    """The straight-line shortcut of Indicator.expected gives the trajectory's value."""
    if straight:
        indicator = attrs.evolve(indicator, annual_targets=(), progression=None)
    year = (indicator.baseline.year if indicator.baseline else 2022) + offset
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProgressionWarning)
        try:
            want = indicator.trajectory().expected(year)
        except GoalchainError as err:
            with pytest.raises(type(err)):
                indicator.expected(year)
            return
        assert indicator.expected(year) == want


def test_steps_summed_from_a_large_baseline_are_not_steps_back() -> None:
    """Found in CI: steps from 167 772 tkr down to -0.01 left -0.01 and -0.01 - 1e-11,
    which was taken for a step against the direction (noise relative to 0.01, not to
    the 167 772 the rounding came from)."""
    from goalchain.models._values import steps_against

    points = [(2000, 167772.0), (2001, 111848.0), (2002, -0.01), (2003, -0.01 + 1.5e-11)]
    assert steps_against(points, "decrease") == []
    assert steps_against([(2000, 5.0), (2001, 6.0)], "decrease") != []
