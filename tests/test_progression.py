"""Annual target trajectories: every method, the Trajectory API and every bad input."""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import goalchain as gc
from goalchain.exceptions import (
    GoalchainError,
    PeriodError,
    ProgressionError,
    UnitMismatchError,
    UnknownMethodError,
)
from goalchain.models import Indicator
from goalchain.progression import (
    ProgressionWarning,
    Trajectory,
    annual_targets,
    methods,
    register,
)
from goalchain.units import get_registry

EXAMPLES = ["burlov", "grastorp", "lerum", "nynashamn", "trelleborg"]


def approx(values: dict[int, float]) -> Any:
    return pytest.approx(values, rel=1e-12, abs=1e-12)


# --- methods ---------------------------------------------------------------------------


def test_linear_takes_equal_steps() -> None:
    t = annual_targets(baseline=(2022, 78.0), target=(2026, 90.0), method="linear")
    assert t.magnitudes == {2022: 78.0, 2023: 81.0, 2024: 84.0, 2025: 87.0, 2026: 90.0}
    assert t.method == "linear"
    assert t.direction == "increase"
    assert t.reaches == 2026
    assert t.warnings == ()


def test_linear_is_the_default_and_handles_a_decrease() -> None:
    t = annual_targets(baseline=(2022, 12.0), target=(2025, 6.0))
    assert t.method == "linear"
    assert t.direction == "decrease"
    assert t.magnitudes == {2022: 12.0, 2023: 10.0, 2024: 8.0, 2025: 6.0}


def test_geometric_has_a_constant_rate() -> None:
    t = annual_targets(baseline=(2022, 100.0), target=(2025, 133.1), method="geometric")
    assert t.magnitudes == approx({2022: 100.0, 2023: 110.0, 2024: 121.0, 2025: 133.1})
    assert t.magnitudes[2025] == 133.1  # exact, not merely close


def test_geometric_for_a_negative_series() -> None:
    t = annual_targets(baseline=(2022, -100.0), target=(2024, -25.0), method="geometric")
    assert t.magnitudes == approx({2022: -100.0, 2023: -50.0, 2024: -25.0})


def test_steps_as_increments() -> None:
    t = annual_targets(
        baseline=(2022, 78.0), target=(2026, 90.0), method="steps", steps=[2.0, 3.0, 3.0, 4.0]
    )
    assert t.magnitudes == {2022: 78.0, 2023: 80.0, 2024: 83.0, 2025: 86.0, 2026: 90.0}
    assert tuple(t.params["steps"]) == (2.0, 3.0, 3.0, 4.0)


def test_steps_as_yearly_values() -> None:
    t = annual_targets(
        baseline=(2022, 78.0),
        target=(2026, 90.0),
        method="steps",
        steps={2023: 80.0, 2024: 83.0, 2025: 86.0},
    )
    assert t.magnitudes == {2022: 78.0, 2023: 80.0, 2024: 83.0, 2025: 86.0, 2026: 90.0}


def test_steps_as_yearly_values_may_name_the_target_year() -> None:
    t = annual_targets(
        baseline=(2022, 78.0), target=(2024, 90.0), method="steps", steps={2023: 80.0, 2024: 90.0}
    )
    assert t.magnitudes == {2022: 78.0, 2023: 80.0, 2024: 90.0}


def test_steps_in_percentage_points_for_a_percent_indicator() -> None:
    t = annual_targets(
        baseline=(2022, "78 %"),
        target=(2026, "90 %"),
        method="steps",
        steps=[f"{s} procentenheter" for s in (2, 3, 3, 4)],
    )
    assert t.unit == "percent"
    assert t.magnitudes == {2022: 78.0, 2023: 80.0, 2024: 83.0, 2025: 86.0, 2026: 90.0}


def test_rate_absolute() -> None:
    t = annual_targets(baseline=(2022, 10.0), target=(2026, 20.0), method="rate", rate=2.5)
    assert t.magnitudes == {2022: 10.0, 2023: 12.5, 2024: 15.0, 2025: 17.5, 2026: 20.0}
    assert t.params["relative"] is False


def test_rate_relative_compounds() -> None:
    t = annual_targets(baseline=(2022, 100.0), target=(2026, 150.0), method="rate", rate="5 %")
    assert t.params["relative"] is True
    assert t.magnitudes == approx(
        {2022: 100.0, 2023: 105.0, 2024: 110.25, 2025: 115.7625, 2026: 121.550625}
    )


@pytest.mark.parametrize("text", ["2", "+2", "2,0", " 2 ", "2.0"])
@pytest.mark.parametrize("baseline", [78.0, "78 %", "78 st", "78 kr"])
def test_a_rate_as_text_is_the_same_rate_as_the_number(text: str, baseline: object) -> None:
    """issue 12: rate="2" was read as 2 of pint's dimensionless, 200 % (78, 278, 478 ...)."""
    unit = None if isinstance(baseline, float) else str(baseline).split()[1]
    target = 90.0 if unit is None else f"90 {unit}"
    args = {"baseline": (2022, baseline), "target": (2026, target), "method": "rate"}
    as_text = annual_targets(**args, rate=text)
    assert as_text.magnitudes == annual_targets(**args, rate=2).magnitudes
    assert as_text.magnitudes == {2022: 78.0, 2023: 80.0, 2024: 82.0, 2025: 84.0, 2026: 86.0}
    assert as_text.params == {"rate": 2.0, "relative": False}
    assert annual_targets(**args, rate=get_registry().Quantity(2)).magnitudes == as_text.magnitudes


@given(st.floats(0, 50, allow_nan=False).map(lambda x: round(x, 3)))
def test_every_number_as_text_is_that_number(rate: float) -> None:
    args = {"baseline": (2022, "78 %"), "target": (2026, "90 %"), "method": "rate"}
    text = f"{rate!r}".replace(".", ",")
    assert annual_targets(**args, rate=text).magnitudes == approx(
        annual_targets(**args, rate=rate).magnitudes
    )


@pytest.mark.parametrize(
    ("rate", "unit", "second"),
    [
        ("2 %", "percent", 78 * 1.02),  # relative growth, for a share too
        ("2 %", "count", 78 * 1.02),
        ("2 procentenheter", "percent", 80.0),
        ("2 p.e.", "percent", 80.0),
        ("+2 st", "count", 80.0),
        ("500 kr", "tkr", 78.5),
    ],
)
def test_a_rate_with_a_unit_means_what_it_says(rate: str, unit: str, second: float) -> None:
    t = annual_targets(
        baseline=(2022, 78.0), target=(2026, 90.0), method="rate", rate=rate, unit=unit
    )
    assert t.magnitudes[2023] == approx(second)


def test_steps_as_text_are_the_numbers_they_say() -> None:
    args = {"baseline": (2022, "78 %"), "target": (2024, "84 %"), "method": "steps"}
    assert annual_targets(**args, steps=["3", "3"]).magnitudes == {
        2022: 78.0,
        2023: 81.0,
        2024: 84.0,
    }


@pytest.mark.parametrize("bad", ["två", "2 furlongz", "", True, [2]])
def test_a_rate_that_cannot_be_read_lists_the_forms(bad: object) -> None:
    with pytest.raises((ProgressionError, gc.UnknownUnitError)) as info:
        annual_targets(baseline=(2022, 78.0), target=(2026, 90.0), method="rate", rate=bad)
    assert isinstance(info.value, ValueError)
    if isinstance(info.value, ProgressionError):
        assert info.value.field == "rate" and "'2 %'" in str(info.value)


def test_rate_percentage_points_differ_from_percent() -> None:
    """+3 percentage points a year adds 3 to a share; +5 % a year multiplies it by 1.05."""
    points = annual_targets(
        baseline=(2022, "78 %"), target=(2026, "90 %"), method="rate", rate="3 procentenheter"
    )
    assert points.magnitudes == {2022: 78.0, 2023: 81.0, 2024: 84.0, 2025: 87.0, 2026: 90.0}
    assert points.params["relative"] is False
    percent = annual_targets(
        baseline=(2022, "78 %"), target=(2026, "90 %"), method="rate", rate="5 %"
    )
    assert percent.params["relative"] is True
    assert percent.magnitudes == approx({y: 78.0 * 1.05 ** (y - 2022) for y in range(2022, 2027)})


@pytest.mark.parametrize(
    ("rate", "reaches"),
    [
        (2.5, 2026),  # exactly on time
        (4.0, 2025),  # early
        (2.0, 2027),  # late: 10 + 2 * 5 = 20 in 2027
        (0.0, None),  # never
    ],
)
def test_rate_reaches(rate: float, reaches: int | None) -> None:
    t = annual_targets(baseline=(2022, 10.0), target=(2026, 20.0), method="rate", rate=rate)
    assert t.reaches == reaches


def test_rate_against_the_direction_never_reaches_and_warns() -> None:
    with pytest.warns(ProgressionWarning):
        t = annual_targets(baseline=(2022, 10.0), target=(2026, 20.0), method="rate", rate=-1)
    assert t.reaches is None
    assert len(t.warnings) == 4


def test_relative_rate_reaches_late() -> None:
    # 100 * 1.05**n >= 150  <=>  n >= ln 1.5 / ln 1.05 = 8.31, so the 9th year
    t = annual_targets(baseline=(2022, 100.0), target=(2026, 150.0), method="rate", rate="5 %")
    assert math.log(1.5) / math.log(1.05) == pytest.approx(8.31, abs=0.01)
    assert t.reaches == 2031


def test_rate_for_a_decrease_reaches() -> None:
    t = annual_targets(baseline=(2022, 40.0), target=(2026, 30.0), method="rate", rate=-3)
    assert t.direction == "decrease"
    assert t.reaches == 2026  # 40, 37, 34, 31, 28


def test_maintain_holds_the_baseline() -> None:
    t = annual_targets(baseline=(2022, 5.0), target=(2026, 5.0), method="maintain")
    assert set(t.magnitudes.values()) == {5.0}
    assert t.direction == "maintain"


def test_maintain_with_a_direction() -> None:
    t = annual_targets(
        baseline=(2022, 5.0), target=(2026, 5.0), method="maintain", direction="decrease"
    )
    assert t.direction == "decrease"
    assert t.magnitudes[2026] == 5.0


def test_maintain_refuses_a_different_target() -> None:
    with pytest.raises(ProgressionError, match="linear"):
        annual_targets(baseline=(2022, 5.0), target=(2026, 6.0), method="maintain")


# --- rounding --------------------------------------------------------------------------


def test_decimals_round_the_years_between_and_keep_both_endpoints() -> None:
    t = annual_targets(baseline=(2022, 78.04), target=(2025, 80.01), decimals=1)
    assert t.magnitudes == {2022: 78.04, 2023: 78.7, 2024: 79.4, 2025: 80.01}
    assert t.params["decimals"] == 1


def test_decimals_zero_on_a_geometric_trajectory() -> None:
    t = annual_targets(
        baseline=(2022, 1000.0), target=(2025, 1331.5), method="geometric", decimals=0
    )
    assert t.magnitudes[2022] == 1000.0
    assert t.magnitudes[2025] == 1331.5
    assert all(v == round(v) for y, v in t.magnitudes.items() if 2022 < y < 2025)


# --- the Trajectory API ----------------------------------------------------------------


@pytest.fixture
def tkr() -> Trajectory:
    return annual_targets(baseline=(2022, "100 tkr"), target=(2026, "140 tkr"))


def test_trajectory_is_a_read_only_mapping_of_quantities(tkr: Trajectory) -> None:
    assert list(tkr) == [2022, 2023, 2024, 2025, 2026]
    assert len(tkr) == 5
    assert 2024 in tkr and 2027 not in tkr
    q = get_registry().Quantity(120.0, "tkr")
    assert tkr[2024] == q
    assert tkr.unit == "tkr"
    with pytest.raises(TypeError):
        tkr[2024] = 1.0  # type: ignore[index]
    with pytest.raises(KeyError):
        tkr[2021]


def test_values_are_floats_without_a_unit() -> None:
    t = annual_targets(baseline=(2022, 1.0), target=(2024, 3.0))
    assert t.unit is None
    assert t[2023] == 2.0 and isinstance(t[2023], float)


def test_magnitudes_are_floats_and_a_copy(tkr: Trajectory) -> None:
    magnitudes = tkr.magnitudes
    assert magnitudes == {2022: 100.0, 2023: 110.0, 2024: 120.0, 2025: 130.0, 2026: 140.0}
    assert all(type(v) is float for v in magnitudes.values())
    magnitudes[2024] = -1.0
    assert tkr.magnitudes[2024] == 120.0


def test_mapping_values_are_quantities(tkr: Trajectory) -> None:
    values = list(tkr.values())
    assert [v.magnitude for v in values] == [100.0, 110.0, 120.0, 130.0, 140.0]
    assert {str(v.units) for v in values} == {"tkr"}
    assert dict(tkr.items())[2026] == get_registry().Quantity(140.0, "tkr")


def test_baseline_and_target_are_kept(tkr: Trajectory) -> None:
    assert (tkr.baseline.year, tkr.baseline.value) == (2022, 100.0)
    assert (tkr.target.year, tkr.target.value) == (2026, 140.0)


def test_expected_before_inside_and_after_the_span(tkr: Trajectory) -> None:
    assert tkr.expected(2022) == 100.0
    assert tkr.expected(2024) == 120.0
    assert tkr.expected("2024") == 120.0
    assert tkr.expected(2030) == 140.0  # after the target year: the target
    with pytest.raises(PeriodError, match="2022-2026"):
        tkr.expected(2021)


def test_to_converts_tkr_to_sek(tkr: Trajectory) -> None:
    sek = tkr.to("SEK")
    assert sek.unit == "SEK"
    assert sek.magnitudes == approx({2022: 1e5, 2023: 1.1e5, 2024: 1.2e5, 2025: 1.3e5, 2026: 1.4e5})
    assert sek.baseline.value == pytest.approx(1e5)
    assert sek.target.value == pytest.approx(1.4e5)
    assert sek.method == tkr.method
    assert tkr.unit == "tkr"  # the original is untouched


def test_to_converts_the_parameters_too() -> None:
    t = annual_targets(
        baseline=(2022, "100 tkr"), target=(2024, "140 tkr"), method="steps", steps=[15, 25]
    )
    assert t.to("SEK").params["steps"] == pytest.approx([15000.0, 25000.0])
    r = annual_targets(baseline=(2022, "100 tkr"), target=(2024, "140 tkr"), method="rate", rate=20)
    assert r.to("SEK").params["rate"] == pytest.approx(20000.0)


def test_to_needs_a_unit() -> None:
    with pytest.raises(ProgressionError):
        annual_targets(baseline=(2022, 1.0), target=(2024, 3.0)).to("SEK")


def test_to_an_incompatible_unit(tkr: Trajectory) -> None:
    with pytest.raises(UnitMismatchError):
        tkr.to("percent")


def test_as_table(tkr: Trajectory) -> None:
    rows = tkr.as_table()
    assert rows[0] == {"year": 2022, "value": 100.0, "change": None}
    assert rows[1] == {"year": 2023, "value": 110.0, "change": 10.0}
    assert [r["year"] for r in rows] == list(range(2022, 2027))
    assert all(r["change"] == 10.0 for r in rows[1:])


def test_equality_and_repr(tkr: Trajectory) -> None:
    again = annual_targets(baseline=(2022, 100.0), target=(2026, 140.0), unit="tkr")
    assert tkr == again
    assert tkr != tkr.to("SEK")
    assert "linear" in repr(tkr) and "tkr" in repr(tkr)


def test_swedish_number_strings() -> None:
    t = annual_targets(baseline=(2022, "78,5"), target=(2024, "80,5"))
    assert t.magnitudes == {2022: 78.5, 2023: 79.5, 2024: 80.5}


def test_mapping_pairs() -> None:
    t = annual_targets(baseline={"year": 2022, "value": 1.0}, target={"year": 2024, "value": 3.0})
    assert t.magnitudes == {2022: 1.0, 2023: 2.0, 2024: 3.0}


def test_units_are_converted_to_the_baseline_unit() -> None:
    t = annual_targets(baseline=(2022, "500 tkr"), target=(2024, "1,5 mnkr"))
    assert t.unit == "tkr"
    assert t.magnitudes == {2022: 500.0, 2023: 1000.0, 2024: 1500.0}


# --- steps against the direction -------------------------------------------------------


def test_a_step_against_the_direction_warns() -> None:
    with pytest.warns(ProgressionWarning, match="2024") as record:
        t = annual_targets(
            baseline=(2022, 78.0), target=(2026, 90.0), method="steps", steps=[5.0, -1.0, 4.0, 4.0]
        )
    assert len(record) == 1
    assert len(t.warnings) == 1
    assert "2024" in t.warnings[0] and "increase" in t.warnings[0]


def test_a_step_up_for_a_decreasing_indicator_warns() -> None:
    with pytest.warns(ProgressionWarning):
        t = annual_targets(
            baseline=(2022, 10.0), target=(2024, 6.0), method="steps", steps={2023: 11.0}
        )
    assert t.direction == "decrease"
    assert t.warnings


def test_steps_with_the_direction_do_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t = annual_targets(
            baseline=(2022, 78.0), target=(2026, 90.0), method="steps", steps=[0.0, 6.0, 3.0, 3.0]
        )
    assert t.warnings == ()


def test_progression_warning_is_a_goalchain_warning() -> None:
    assert issubclass(ProgressionWarning, gc.exceptions.GoalchainWarning)
    assert issubclass(ProgressionWarning, UserWarning)


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("target_year", [2022, 2021])
def test_target_year_must_come_after_the_baseline_year(target_year: int) -> None:
    with pytest.raises(PeriodError, match="after the baseline year 2022"):
        annual_targets(baseline=(2022, 1.0), target=(target_year, 2.0))


def test_unknown_method_lists_the_known_ones() -> None:
    with pytest.raises(UnknownMethodError) as info:
        annual_targets(baseline=(2022, 1.0), target=(2024, 2.0), method="exponential")
    message = str(info.value)
    for name in ("geometric", "linear", "maintain", "rate", "steps"):
        assert name in message
    assert isinstance(info.value, LookupError)
    assert set(info.value.known) >= {"geometric", "linear", "maintain", "rate", "steps"}


@pytest.mark.parametrize(
    ("baseline", "target"),
    [(0.0, 10.0), (10.0, 0.0), (-5.0, 10.0), (5.0, -10.0)],
)
def test_geometric_needs_non_zero_values_of_one_sign(baseline: float, target: float) -> None:
    with pytest.raises(ProgressionError, match="linear") as info:
        annual_targets(baseline=(2022, baseline), target=(2025, target), method="geometric")
    assert isinstance(info.value, ValueError)


def test_steps_that_miss_the_target_name_the_gap() -> None:
    with pytest.raises(ProgressionError, match=r"gap \+1"):
        annual_targets(
            baseline=(2022, 78.0), target=(2026, 90.0), method="steps", steps=[2.0, 3.0, 3.0, 3.0]
        )


def test_yearly_values_that_miss_the_target_name_the_gap() -> None:
    with pytest.raises(ProgressionError, match=r"gap -1"):
        annual_targets(
            baseline=(2022, 78.0),
            target=(2026, 90.0),
            method="steps",
            steps={2023: 80.0, 2024: 83.0, 2025: 86.0, 2026: 91.0},
        )


@pytest.mark.parametrize(
    ("steps", "match"),
    [
        (None, "needs steps"),
        ([4.0, 4.0, 4.0], "one increment for each year"),
        ({2023: 80.0, 2025: 86.0}, r"lack a value for \[2024\]"),
        ({2021: 70.0, 2023: 80.0, 2024: 83.0, 2025: 86.0}, "outside"),
    ],
)
def test_steps_bad_shapes(steps: Any, match: str) -> None:
    with pytest.raises(ProgressionError, match=match):
        annual_targets(baseline=(2022, 78.0), target=(2026, 90.0), method="steps", steps=steps)


def test_rate_needs_a_rate() -> None:
    with pytest.raises(ProgressionError, match="rate="):
        annual_targets(baseline=(2022, 1.0), target=(2024, 2.0), method="rate")


def test_relative_rate_must_stay_above_minus_100_percent() -> None:
    with pytest.raises(ProgressionError, match="-100"):
        annual_targets(baseline=(2022, 1.0), target=(2024, 2.0), method="rate", rate="-100 %")


def test_incompatible_units_between_baseline_and_target() -> None:
    with pytest.raises(UnitMismatchError) as info:
        annual_targets(baseline=(2022, "78 %"), target=(2026, "5 tkr"))
    assert "tkr" in str(info.value) and "percent" in str(info.value)


def test_percentage_points_are_not_percent_for_a_value() -> None:
    with pytest.raises(UnitMismatchError):
        annual_targets(baseline=(2022, "78 %"), target=(2026, "90 procentenheter"))


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("where", ["baseline", "target"])
def test_nan_and_inf_values(bad: float, where: str) -> None:
    points = {"baseline": (2022, 1.0), "target": (2026, 2.0)}
    points[where] = (points[where][0], bad)
    with pytest.raises(GoalchainError, match="finite") as info:
        annual_targets(**points)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_nan_and_inf_parameters(bad: float) -> None:
    with pytest.raises(GoalchainError, match="finite"):
        annual_targets(baseline=(2022, 1.0), target=(2024, 2.0), method="rate", rate=bad)
    with pytest.raises(GoalchainError, match="finite"):
        annual_targets(baseline=(2022, 1.0), target=(2024, 2.0), method="steps", steps=[0.5, bad])


def test_not_a_pair() -> None:
    with pytest.raises(ProgressionError, match="pair"):
        annual_targets(baseline=2022, target=(2024, 2.0))


def test_bad_direction() -> None:
    with pytest.raises(ProgressionError, match="increase, decrease or maintain"):
        annual_targets(baseline=(2022, 1.0), target=(2024, 2.0), direction="up")


# --- custom methods --------------------------------------------------------------------


@pytest.fixture
def front_loaded() -> Iterator[str]:
    """A custom method: half the change in the first year, the rest spread evenly."""
    name = "front_loaded"

    @register(name)
    def method(
        *, years: Sequence[int], baseline: float, target: float, **params: Any
    ) -> list[float]:
        half = baseline + (target - baseline) / 2
        rest = len(years) - 2
        return [baseline, half, *(half + (target - half) * k / rest for k in range(1, rest + 1))]

    try:
        yield name
    finally:
        methods.unregister(name)


def test_a_registered_method_is_used_by_name(front_loaded: str) -> None:
    assert front_loaded in methods
    t = annual_targets(baseline=(2022, 0.0), target=(2025, 12.0), method=front_loaded)
    assert t.magnitudes == {2022: 0.0, 2023: 6.0, 2024: 9.0, 2025: 12.0}
    assert t.method == front_loaded


def test_unregistering_removes_the_method(front_loaded: str) -> None:
    methods.unregister(front_loaded)
    try:
        with pytest.raises(UnknownMethodError):
            annual_targets(baseline=(2022, 0.0), target=(2025, 12.0), method=front_loaded)
    finally:
        register(front_loaded, lambda **kw: [0.0] * len(kw["years"]))


def test_a_duplicate_name_is_refused() -> None:
    with pytest.raises(gc.exceptions.RegistrationError, match="replace=True"):
        register("linear", lambda **kw: [])


def test_the_registry_is_read_only() -> None:
    with pytest.raises(TypeError):
        methods["x"] = lambda **kw: []  # type: ignore[index]


@pytest.fixture
def broken() -> Iterator[str]:
    register("broken_short", lambda **kw: [kw["baseline"]])
    register("broken_nan", lambda **kw: [math.nan] * len(kw["years"]))
    try:
        yield "broken"
    finally:
        methods.unregister("broken_short")
        methods.unregister("broken_nan")


def test_a_custom_method_that_misbehaves_is_caught(broken: str) -> None:
    with pytest.raises(ProgressionError, match="returned 1 value for 3 years"):
        annual_targets(baseline=(2022, 0.0), target=(2024, 1.0), method="broken_short")
    with pytest.raises(ProgressionError, match="nan"):
        annual_targets(baseline=(2022, 0.0), target=(2024, 1.0), method="broken_nan")


# --- Indicator.trajectory() ------------------------------------------------------------


def _indicator(**fields: Any) -> Indicator:
    base: dict[str, Any] = dict(
        id="i1",
        title="Andel behöriga",
        level="indicator",
        unit="percent",
        baseline=(2022, 78.0),
        target=(2026, 90.0),
    )
    return Indicator(**(base | fields))


def test_indicator_with_explicit_annual_targets() -> None:
    t = _indicator(annual_targets={2023: 80.0, 2024: 83.0, 2025: 86.5}).trajectory()
    assert t.magnitudes == {2022: 78.0, 2023: 80.0, 2024: 83.0, 2025: 86.5, 2026: 90.0}
    assert t.method == "steps"
    assert t.unit == "percent"


def test_indicator_derived_linear_by_default() -> None:
    t = _indicator().trajectory()
    assert t.method == "linear"
    assert t.magnitudes == {2022: 78.0, 2023: 81.0, 2024: 84.0, 2025: 87.0, 2026: 90.0}


def test_indicator_derived_by_its_progression_method() -> None:
    t = _indicator(progression="geometric").trajectory(decimals=2)
    assert t.method == "geometric"
    assert t.magnitudes[2023] == round(78.0 * (90.0 / 78.0) ** 0.25, 2)
    assert (t.magnitudes[2022], t.magnitudes[2026]) == (78.0, 90.0)


def test_indicator_direction_is_used() -> None:
    t = _indicator(
        unit="day", baseline=(2022, 80.0), target=(2026, 60.0), direction="decrease"
    ).trajectory()
    assert t.direction == "decrease"


def test_indicator_annual_targets_leaving_a_year_out() -> None:
    with pytest.raises(ProgressionError, match="2024") as info:
        _indicator(annual_targets={2023: 80.0, 2025: 86.5}).trajectory()
    assert "i1" in str(info.value)


def test_indicator_annual_targets_missing_the_target() -> None:
    with pytest.raises(ProgressionError, match="gap"):
        _indicator(annual_targets={2023: 80.0, 2024: 83.0, 2025: 86.5, 2026: 91.0}).trajectory()


def test_indicator_without_a_target() -> None:
    with pytest.raises(ProgressionError, match="target"):
        _indicator(target=None).trajectory()


def test_indicator_annual_target_against_its_direction_warns() -> None:
    with pytest.warns(ProgressionWarning):
        _indicator(
            direction="increase", annual_targets={2023: 77.0, 2024: 83.0, 2025: 86.5}
        ).trajectory()


def test_burlov_every_indicator_has_a_trajectory_2022_2026() -> None:
    chain = gc.load("examples/burlov.yaml")
    indicators = chain.indicators()
    assert indicators
    for indicator in indicators:
        t = indicator.trajectory()
        assert list(t) == [2022, 2023, 2024, 2025, 2026], indicator.id
        assert t.magnitudes[2022] == indicator.baseline.value
        assert t.magnitudes[2026] == indicator.target.value


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_indicator_has_a_trajectory(name: str) -> None:
    chain = gc.load(f"examples/{name}.yaml")
    for indicator in chain.indicators():
        with warnings.catch_warnings():
            warnings.simplefilter("error", ProgressionWarning)
            t = indicator.trajectory()
        assert list(t) == list(range(indicator.baseline.year, indicator.target.year + 1))
        assert t.magnitudes[indicator.baseline.year] == indicator.baseline.value
        assert t.magnitudes[indicator.target.year] == indicator.target.value
        assert t.unit == indicator.unit
