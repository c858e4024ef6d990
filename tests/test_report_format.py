"""Swedish and English formatting of numbers, units and statuses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goalchain.report import format_number, format_value, status_label, unit_symbol
from goalchain.units import parse_number


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (12.5, "sv", "12,5"),
        (12.5, "en", "12.5"),
        (1234.5, "sv", "1\u00a0234,5"),
        (1234.5, "en", "1,234.5"),
        (-3.25, "sv", "\u22123,25"),
        (80.0, "sv", "80"),
        (1_000_000.0, "sv", "1\u00a0000\u00a0000"),
    ],
)
def test_format_number(value: float, lang: str, expected: str) -> None:
    assert format_number(value, lang=lang) == expected


def test_format_number_fixed_decimals() -> None:
    assert format_number(2.0, decimals=1) == "2,0"
    assert format_number(2.0, lang="en", decimals=2) == "2.00"


def test_non_finite_is_a_dash_not_nan() -> None:
    assert format_number(float("nan")) == "–"


@pytest.mark.parametrize(
    ("unit", "lang", "expected"),
    [
        ("percent", "sv", "12,5\u00a0%"),
        ("%", "en", "12.5%"),
        ("SEK", "sv", "12,5\u00a0kr"),
        ("kr", "en", "12.5\u00a0SEK"),
        ("per_1000_inhabitants", "sv", "12,5\u00a0per 1 000 inv."),
        ("dimensionless", "sv", "12,5"),
    ],
)
def test_format_value(unit: str, lang: str, expected: str) -> None:
    assert format_value(12.5, unit, lang=lang) == expected


def test_unit_symbol_falls_back_to_pints_short_form() -> None:
    assert unit_symbol("kilometer") == "km"
    assert unit_symbol("kilowatt_hour / meter ** 2") == "kWh/m²"
    assert unit_symbol("poäng") == "poäng"
    assert unit_symbol("poäng", lang="en") == "points"


@pytest.mark.parametrize(
    ("status", "sv", "en"),
    [
        ("achieved", "uppfyllt", "achieved"),
        ("partly", "delvis uppfyllt", "partly achieved"),
        ("not_achieved", "ej uppfyllt", "not achieved"),
        ("not_assessed", "ej bedömt", "not assessed"),
    ],
)
def test_status_labels(status: str, sv: str, en: str) -> None:
    assert status_label(status) == sv
    assert status_label(status, lang="en") == en


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda x: round(x, 3)))
def test_swedish_formatting_reads_back(value: float) -> None:
    text = format_number(value, decimals=3)
    assert parse_number(text) == pytest.approx(value, abs=1e-9)
