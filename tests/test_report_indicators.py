"""The indicator rows of a follow-up: which year each value is from, and what is possible."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import goalchain as gc
from goalchain.report import indicator_rows, markdown
from goalchain.report._indicators import display_decimals, possible_range
from goalchain.testing import goal_chains


def share_chain() -> gc.GoalChain:
    chain = gc.GoalChain(name="Exempel")
    chain.add_goal("kf1", "Nöjda brukare", level="council", owner="KF")
    chain.add_indicator(
        "i1",
        "Nöjda brukare",
        parents=["kf1"],
        unit="percent",
        baseline=(2022, 70.0),
        target=(2026, 90.0),
    )
    for year, value in ((2023, 76.0), (2024, 95.0)):
        chain.record("i1", year, value, source="Kolada")
    return chain


def test_the_row_of_a_year_without_a_value_keeps_each_value_with_its_year() -> None:
    chain = share_chain()
    (row,) = indicator_rows(chain, year=2025)
    # the target shown is the actual's year's (issue 12: the row adds up as printed)
    assert row.year == 2025 and row.expected == 80.0  # 2024's annual target, not 2025's 85
    assert (row.actual, row.actual_year) == (95.0, 2024)
    assert row.gap == 95.0 - 80.0  # against 2024's annual target, not 2025's
    assert row.measurement is not None and row.measurement.period.year == 2024


def test_a_forecast_beyond_a_share_is_limited_for_display_only() -> None:
    (row,) = indicator_rows(share_chain(), year=2024)
    assert row.forecast is not None and row.forecast > 100  # the data stays exact
    assert row.forecast_range == (0.0, 100.0)
    assert row.forecast_shown == 100.0 and row.forecast_clamped
    (earlier,) = indicator_rows(share_chain(), year=2023)
    assert earlier.forecast is not None and not earlier.forecast_clamped
    assert earlier.forecast_shown == earlier.forecast


def test_a_count_forecast_does_not_fall_below_zero() -> None:
    chain = gc.GoalChain(name="Exempel")
    chain.add_indicator(
        "i1", "Anmälningar", unit="st", baseline=(2022, 10), target=(2026, 2), direction="decrease"
    )
    chain.record("i1", 2023, 4)
    chain.record("i1", 2024, 1)
    (row,) = indicator_rows(chain, year=2024)
    assert row.forecast is not None and row.forecast < 0
    assert row.forecast_shown == 0.0 and row.forecast_clamped
    assert "| 0\u00a0st (2026)\\* |" in markdown(chain, 2024, smart=False)  # "*" escaped


def test_the_possible_range_of_units() -> None:
    assert possible_range("%") == (0.0, 100.0)
    assert possible_range("inv.") == (0.0, None)
    assert possible_range("dagar") == (0.0, None)
    assert possible_range("kr") == (None, None)
    assert possible_range("") == (None, None)
    # an indicator whose own values lie beyond a bound does not have that bound
    assert possible_range("percent", [-0.5, 1.8]) == (None, 100.0)
    assert possible_range("percent", [98.0, 104.0]) == (0.0, None)


def test_display_decimals() -> None:
    assert [display_decimals(u) for u in ("count", "st", "inhabitant", "inv.")] == [0, 0, 0, 0]
    assert [display_decimals(u) for u in ("percent", "%", "procentenheter")] == [1, 1, 1]
    assert [display_decimals(u) for u in ("day", "mnkr", "", "kWh/m²")] == [None] * 4


@given(chain=goal_chains(max_elements=8), year=st.integers(2015, 2032))
def test_every_row_is_consistent(chain: gc.GoalChain, year: int) -> None:
    for row in indicator_rows(chain, year=year):
        assert row.year == year
        if row.actual_year is None:
            assert row.actual is None and row.gap is None and row.measurement is None
        else:
            assert row.actual_year <= year and row.actual == row.actuals[row.actual_year]
            assert all(y > year for y in row.actuals if y > row.actual_year)
        if row.gap is not None:  # the gap is against the target shown: the row adds up
            assert row.actual is not None and row.expected is not None
            tolerance = 1e-9 * max(1.0, abs(row.expected))
            assert abs(row.gap - (row.actual - row.expected)) <= tolerance
        if row.expected is not None and row.annual_targets:
            # the target shown is that of the actual's year (the final one after it)
            when = min(row.actual_year or year, max(row.annual_targets))
            if when in row.annual_targets:
                wanted = row.annual_targets[when]
                assert abs(row.expected - wanted) <= 1e-9 * max(1.0, abs(wanted))
        low, high = row.forecast_range
        shown = row.forecast_shown
        if shown is not None:
            assert low is None or shown >= low
            assert high is None or shown <= high
            assert row.forecast_clamped == (shown != row.forecast)


def test_an_unknown_language_is_refused() -> None:
    chain = gc.GoalChain(name="Exempel")
    chain.add_indicator("i1", "Behöriga", unit="percent")
    with pytest.raises(gc.InvalidValueError, match="unknown language 'de'"):
        indicator_rows(chain, lang="de")
