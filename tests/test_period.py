"""Period: years, tertials, quarters and the interim period; parsing, ordering, containment."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

import goalchain as gc
from goalchain.models import MAX_YEAR, MIN_YEAR, Period, check_year

# What the municipalities' follow-up calendar says: T1 is January-April, the
# interim report (delårsrapport) covers January-August.
MONTHS = {
    "2024": (1, 12),
    "2024-T1": (1, 4),
    "2024-T2": (5, 8),
    "2024-T3": (9, 12),
    "2024-Q1": (1, 3),
    "2024-Q2": (4, 6),
    "2024-Q3": (7, 9),
    "2024-Q4": (10, 12),
    "2024-delår": (1, 8),
}


@pytest.mark.parametrize(
    ("value", "kind", "index"),
    [
        (2024, "year", 0),
        ("2024", "year", 0),
        (" 2024 ", "year", 0),
        ("2024-helår", "year", 0),
        ("2024-T1", "tertial", 1),
        ("2024-t3", "tertial", 3),
        ("2024 T2", "tertial", 2),
        ("2024/T2", "tertial", 2),
        ("2024-Q3", "quarter", 3),
        ("2024-q4", "quarter", 4),
        ("2024-K3", "quarter", 3),
        ("2024-delår", "interim", 0),
        ("2024-delar", "interim", 0),
        ("2024-interim", "interim", 0),
    ],
)
def test_parse(value: object, kind: str, index: int) -> None:
    period = Period.parse(value)
    assert (period.year, period.kind, period.index) == (2024, kind, index)


def test_parse_returns_a_period_unchanged() -> None:
    period = Period(year=2024, kind="quarter", index=2)
    assert Period.parse(period) is period


@pytest.mark.parametrize(("text", "months"), sorted(MONTHS.items()))
def test_months_and_format(text: str, months: tuple[int, int]) -> None:
    period = Period.parse(text)
    assert period.months == months
    assert str(period) == text
    assert repr(period) == f"Period({text!r})"
    assert period.is_year == (text == "2024")


def test_to_data_is_an_int_for_a_year_and_text_otherwise() -> None:
    assert Period.parse("2024").to_data() == 2024
    assert Period.parse("2024-T2").to_data() == "2024-T2"
    assert Period.parse("2024-delår").to_data() == "2024-delår"


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2024-T4", "tertial index 4"),
        ("2024-Q5", "cannot read period"),
        ("2024-X1", "cannot read period"),
        ("24", "cannot read period"),
        ("", "cannot read period"),
        ("1899", "out of range"),
        ("2201-T1", "out of range"),
        (1800, "out of range"),
        (2024.5, "expected a period"),
        (None, "expected a period"),
        (True, "expected a period"),
    ],
)
def test_parse_refuses_bad_periods(value: object, fragment: str) -> None:
    with pytest.raises(gc.PeriodError) as info:
        Period.parse(value)
    err = info.value
    assert isinstance(err, ValueError)
    assert isinstance(err, gc.InvalidValueError)
    assert fragment in str(err)
    assert "period" in str(err)


def test_bad_period_errors_say_what_is_valid() -> None:
    with pytest.raises(gc.PeriodError) as info:
        Period.parse("2024-X1")
    for example in ("'2024'", "'2024-T1'", "'2024-Q3'", "'2024-delår'"):
        assert example in str(info.value)
    with pytest.raises(gc.PeriodError, match=f"{MIN_YEAR}-{MAX_YEAR}"):
        Period.parse(str(MAX_YEAR + 1))


@pytest.mark.parametrize(
    ("kind", "index", "fragment"),
    [
        ("month", 1, "valid kinds: year, tertial, quarter, interim"),
        ("tertial", 0, "valid: 1, 2, 3"),
        ("quarter", 5, "valid: 1, 2, 3, 4"),
        ("year", 1, "valid: 0"),
    ],
)
def test_constructor_refuses_bad_kind_and_index(kind: str, index: int, fragment: str) -> None:
    with pytest.raises(gc.PeriodError, match=fragment):
        Period(year=2024, kind=kind, index=index)  # type: ignore[arg-type]


def test_contains() -> None:
    year = Period.parse(2024)
    for text in MONTHS:
        assert Period.parse(text) in year
    interim = Period.parse("2024-delår")
    assert {t for t in MONTHS if Period.parse(t) in interim} == {
        "2024-T1",
        "2024-T2",
        "2024-Q1",
        "2024-Q2",
        "2024-delår",
    }
    assert "2024-T1" in year  # strings and ints are parsed
    assert year.contains(2024)
    assert Period.parse("2023-T1") not in year
    assert year not in Period.parse("2024-T1")


def test_ordering_examples() -> None:
    texts = ["2024", "2023-Q4", "2024-T3", "2024-T1", "2024-delår", "2024-T2", "2024-Q4"]
    ordered = [str(p) for p in sorted(Period.parse(t) for t in texts)]
    # by end month; a period after the periods it contains; the annual figure last
    assert ordered == ["2023-Q4", "2024-T1", "2024-T2", "2024-delår", "2024-Q4", "2024-T3", "2024"]


def test_comparing_with_other_types_is_a_type_error() -> None:
    period = Period.parse(2024)
    with pytest.raises(TypeError):
        _ = period < 2025  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = period >= "2024"  # type: ignore[operator]
    assert period != 2024


def test_periods_are_hashable_values() -> None:
    assert {
        Period.parse("2024-T1"),
        Period.parse("2024-t1"),
        Period(year=2024, kind="tertial", index=1),
    } == {Period.parse("2024-T1")}


# ------------------------------------------------------------------ check_year
@pytest.mark.parametrize(
    ("value", "year"),
    [
        (2026, 2026),
        ("2026", 2026),
        (" 2026 ", 2026),
        (2026.0, 2026),
        (MIN_YEAR, MIN_YEAR),
        (MAX_YEAR, MAX_YEAR),
    ],
)
def test_check_year(value: object, year: int) -> None:
    assert check_year(value) == year


@pytest.mark.parametrize("value", [MIN_YEAR - 1, MAX_YEAR + 1, True, 2026.5, "tjugo", None])
def test_check_year_refuses(value: object) -> None:
    with pytest.raises(gc.PeriodError) as info:
        check_year(value, element="i1", field="baseline")
    assert "'i1'" in str(info.value)
    assert "'baseline'" in str(info.value)


# ------------------------------------------------------------------ properties
# (round trip, total order, containment: see test_properties.py)
def test_every_pair_of_periods_in_a_year_is_ordered_by_end_then_containment() -> None:
    all_periods = [Period.parse(t) for t in MONTHS]
    for a, b in itertools.permutations(all_periods, 2):
        if a.months[1] != b.months[1]:
            assert (a < b) == (a.months[1] < b.months[1])
        else:  # same end: one contains the other
            assert (a in b) != (b in a)
            assert (a < b) == (a in b)


@given(st.integers(MIN_YEAR, MAX_YEAR))
def test_every_valid_year_is_a_period(year: int) -> None:
    assert Period.parse(year).year == year
    assert Period.parse(f"{year}-Q2").months == (4, 6)
