"""Fuzzers of the string readers: units, numbers with units, periods and years (issue 14, item 5).

Each fuzzer feeds text from adversarial alphabets (digits, ``*``, ``/``,
parentheses, spaces, superscripts, non-ASCII digits, unit names) and from all of
Unicode to one reader, within :func:`bounded` time and memory, and asserts that
it returns a valid result or raises a :class:`~goalchain.GoalchainError`.

The linear-time properties (issue 19) time a parse of a long adversarial input
against the same parse of a short one in the same test, never against a clock:
the long one may take at most 50 times as long (per character, where the input
is read whole; in all, where a length cap refuses it first).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pint
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goalchain as gc
from _bounds import best_seconds, bounded
from goalchain._unit_grammar import MAX_UNIT_POWER, _Parser, _tokens
from goalchain.models import MAX_YEAR, MIN_YEAR, Period, check_year
from goalchain.units import (
    _NUMBER,
    convert,
    get_registry,
    parse_number,
    parse_quantity,
    parse_unit,
)

pytestmark = pytest.mark.fuzz


@pytest.fixture(autouse=True, scope="module")
def _registry_made() -> None:
    """The registry is made once, on first use (a second or more): not what is bounded."""
    get_registry()


UNIT_WORDS = [
    "kr", "tkr", "mnkr", "Mkr", "SEK", "%", "‰", "procent", "procentenheter", "inv", "inv.",
    "invånare", "per", "m", "m2", "kvm", "km", "kWh", "år", "dagar", "st", "ton", "mil",
    "miles", "gallon", "square", "sq", "squared", "cubic", "cubed", "°C", "degC", "µg",
    "dimensionless", "1", "0", "1000", "10 000", "100 000", "1 000 000", "e400", "9", "tim",
]  # fmt: skip
UNIT_MARKS = ["*", "/", "**", "^", "(", ")", " ", "·", "²", "³", "⁻", "-", "+", ".", ",", "٣"]
UNIT_CHARS = "0123456789*/()^·-+ .,²³⁻⁰¹٣½_%‰°eEkrmv"

units_text = st.one_of(
    st.text(alphabet=UNIT_CHARS, max_size=60),
    st.lists(
        st.one_of(
            st.sampled_from(UNIT_WORDS),
            st.sampled_from(UNIT_MARKS),
            st.integers(-20, 20).map(str),
        ),
        max_size=30,
    ).map("".join),
    st.text(max_size=40),
)
numbers_text = st.one_of(
    st.floats().map(repr),
    st.integers(-(10**500), 10**500).map(str),
    st.text(alphabet="0123456789 \u00a0,.-+eE\u2212٣²¹", max_size=40),
    st.from_regex(r"[+\-]?[0-9]{1,3}(?: [0-9]{3}){0,6}(?:,[0-9]{1,4})?", fullmatch=True),
)
values_text = st.one_of(
    st.tuples(numbers_text, st.sampled_from(["", " ", "\u00a0", "  "]), units_text).map("".join),
    st.text(max_size=60),
)
PERIOD_CHARS = "0123456789٢٠²⁰¹ -/TtQqKk1234delårinterimhyea\u00a0"
periods_text = st.one_of(
    st.text(alphabet=PERIOD_CHARS, max_size=30),
    st.tuples(
        st.sampled_from(["2024", "1899", "2201", "²⁰²⁴", "٢٠٢٤", "20245", " 2024", "0000"]),
        st.sampled_from(["", " ", "-", " - ", "/", "--", "   "]),
        st.sampled_from(
            [
                "",
                "T1",
                "t3",
                "T4",
                "Q2",
                "K3",
                "delår",
                "delar",
                "interim",
                "helår",
                "year",
                "Delår",
                "x",
                "T¹",
            ]
        ),
        st.sampled_from(["", " ", "x", "\n"]),
    ).map("".join),
    st.text(max_size=30),
)


def _unit_of(text: str) -> Any:
    unit = parse_unit(text)
    assert isinstance(unit, pint.Unit)
    # what goalchain writes of a unit reads back as the same unit
    assert parse_unit(str(unit)) == unit
    assert all(abs(power) <= MAX_UNIT_POWER for power in dict(unit._units).values())
    return unit


# ------------------------------------------------------------------ fuzzers
@given(units_text)
def test_fuzz_unit_strings(text: str) -> None:
    outcome = bounded(lambda: _unit_of(text), seconds=2.0, megabytes=16)
    if outcome.error is not None:
        assert isinstance(outcome.error, gc.UnitError), outcome.error


@given(values_text)
def test_fuzz_values_with_units(text: str) -> None:
    outcome = bounded(lambda: parse_quantity(text), seconds=2.0, megabytes=16)
    if outcome.error is None:
        assert math.isfinite(outcome.value.magnitude)
    else:
        assert isinstance(outcome.error, (gc.InvalidValueError, gc.UnitError)), outcome.error


@given(values_text, st.sampled_from(["kr", "percent", "per 1000 invånare", "m²"]))
def test_fuzz_values_converted_for_an_indicator(text: str, unit: str) -> None:
    outcome = bounded(
        lambda: convert(text, unit, element="i1", field="value"), seconds=2.0, megabytes=16
    )
    if outcome.error is None:
        assert isinstance(outcome.value, float) and math.isfinite(outcome.value)
    else:
        assert "'i1'" in str(outcome.error) and "'value'" in str(outcome.error)


@given(numbers_text)
def test_fuzz_plain_numbers(text: str) -> None:
    outcome = bounded(lambda: parse_number(text), seconds=2.0, megabytes=16)
    if outcome.error is None:
        assert math.isfinite(outcome.value)
    else:
        assert isinstance(outcome.error, gc.InvalidValueError)


@given(periods_text)
def test_fuzz_period_strings(text: str) -> None:
    outcome = bounded(lambda: Period.parse(text), seconds=2.0, megabytes=16)
    if outcome.error is None:
        assert MIN_YEAR <= outcome.value.year <= MAX_YEAR
        assert Period.parse(str(outcome.value)) == outcome.value
    else:
        assert isinstance(outcome.error, gc.PeriodError)


@given(st.one_of(periods_text, st.integers(), st.floats(), st.integers(-(10**5000), 10**5000)))
def test_fuzz_years(value: object) -> None:
    outcome = bounded(lambda: check_year(value, element="i1", field="baseline"))
    if outcome.error is None:
        assert MIN_YEAR <= outcome.value <= MAX_YEAR
    else:
        assert isinstance(outcome.error, gc.PeriodError)
        assert str(outcome.error).startswith("'i1', field 'baseline': ")
        assert len(str(outcome.error)) < 400


# ------------------------------------------------------------------ linear time
ADVERSARIAL = st.one_of(
    st.sampled_from([" ", "1", "1 ", "2024 ", "(", "*", "/", "kr ", "kr*", "- ", "1 000 ", "²"]),
    st.text(alphabet=" 0123456789*/()^-,.²kr", min_size=1, max_size=4),
)


@settings(max_examples=30)
@given(
    st.sampled_from(["", "5 x", "2024", "kr"]), ADVERSARIAL, st.sampled_from(["", "x", "٣", ")"])
)
def test_public_readers_take_no_longer_on_long_input(start: str, piece: str, end: str) -> None:
    """10^5 characters of a repeated piece cost at most 50 times what 40 of them cost
    (``"5 x" + spaces + "y"`` took 15 s at 32,000 spaces before, ``"2024"`` + spaces 55 s)."""
    long = start + piece * (100_000 // len(piece)) + end
    short = start + piece * max(1, 40 // len(piece)) + end
    for read in (
        parse_unit,
        parse_quantity,
        parse_number,
        Period.parse,
        lambda text: check_year(text),
        lambda text: convert(f"5 {text}", "kr", element="i1"),
    ):
        read_long = best_seconds(lambda: read(long))  # noqa: B023 - called at once
        read_short = best_seconds(lambda: read(short))  # noqa: B023
        assert read_long <= 50 * max(read_short, 2e-5), (piece, end, read_long, read_short)


@settings(max_examples=20)
@given(ADVERSARIAL)
def test_the_unit_grammar_is_linear_below_its_length_cap(piece: str) -> None:
    """The tokenizer and the parser, without the length cap: per character, 10^4 characters
    cost at most 50 times what 10^3 cost (a quadratic reader would cost 10 times more)."""
    long = piece * (10_000 // len(piece))
    short = piece * (1_000 // len(piece))
    lookup = {"kr": {"SEK": 1}}.__getitem__

    def parse(text: str) -> Callable[[], object]:
        def run() -> object:
            try:
                return _Parser(text, lookup).parse()
            except KeyError:
                return None

        return run

    for make in (lambda text: lambda: _tokens(text), parse):
        per_long = best_seconds(make(long)) / len(long)
        per_short = best_seconds(make(short)) / len(short)
        assert per_long <= 50 * max(per_short, 1e-8), (piece, per_long, per_short)


@settings(max_examples=20)
@given(st.sampled_from(["0", " 000", "00", "0 ", ",0", "0e", " "]), st.sampled_from(["", "x"]))
def test_the_number_pattern_is_linear_without_the_cap(piece: str, end: str) -> None:
    """The number at the start of a value, matched on 10^5 against 10^3 characters."""
    long = "5" + piece * (100_000 // len(piece)) + end
    short = "5" + piece * (1_000 // len(piece)) + end
    per_long = best_seconds(lambda: _NUMBER.match(long)) / len(long)
    per_short = best_seconds(lambda: _NUMBER.match(short)) / len(short)
    assert per_long <= 50 * max(per_short, 1e-9), (piece, per_long, per_short)
