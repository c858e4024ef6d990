"""goalchain.units: the registry, municipal units and Swedish number input."""

from __future__ import annotations

import math
import subprocess
import sys

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

import goalchain as gc
from goalchain.exceptions import UnknownUnitError
from goalchain.units import (
    canonical_unit,
    convert,
    get_registry,
    is_quantity,
    magnitude_in,
    parse_number,
    parse_quantity,
    parse_unit,
    possible_bounds,
)

NBSP = "\u00a0"
NNBSP = "\u202f"


# ------------------------------------------------------------------ the registry
def test_get_registry_returns_one_registry() -> None:
    assert get_registry() is get_registry()
    assert isinstance(get_registry(), pint.UnitRegistry)


def test_registry_is_not_created_at_import() -> None:
    code = (
        "import goalchain, goalchain.units as u, goalchain.models\n"
        "print(u.get_registry.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_quantities_of_the_registry_convert_municipal_units() -> None:
    ureg = get_registry()
    assert ureg.Quantity(5, "tkr").to("SEK").magnitude == 5000
    assert ureg.Quantity(2, "mnkr").to("tkr").magnitude == 2000


# ------------------------------------------------------------------ parse_unit
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("percent", "percent"),
        ("%", "percent"),
        ("procent", "percent"),
        ("procentenheter", "percentage_point"),
        ("procentenhet", "percentage_point"),
        ("pp", "percentage_point"),
        ("p.e.", "percentage_point"),
        ("kr", "SEK"),
        ("kronor", "SEK"),
        ("Kronor", "SEK"),
        ("sek", "SEK"),
        ("SEK", "SEK"),
        ("tkr", "tkr"),
        ("mnkr", "mnkr"),
        ("inv", "inhabitant"),
        ("invånare", "inhabitant"),
        ("per 1000 invånare", "per_1000_inhabitants"),
        ("per 1 000 invånare", "per_1000_inhabitants"),
        (f"per{NBSP}1000{NBSP}invånare", "per_1000_inhabitants"),
        ("per 1000 inv", "per_1000_inhabitants"),
        ("per_1000_inhabitants", "per_1000_inhabitants"),
        ("st", "count"),
        ("antal", "count"),
        ("dagar", "day"),
        ("dag", "day"),
        ("timmar", "hour"),
        ("timme", "hour"),
        ("kr/invånare", "SEK / inhabitant"),
        ("tkr/inv", "tkr / inhabitant"),
    ],
)
def test_parse_unit_reads_swedish_and_registry_names(text: str, name: str) -> None:
    assert str(parse_unit(text)) == name
    assert canonical_unit(text) == name


@pytest.mark.parametrize("text", ["furlongz", "kr/", "", "   ", "KR", "/invånare"])
def test_parse_unit_refuses_unknown_units(text: str) -> None:
    with pytest.raises(gc.UnknownUnitError) as info:
        parse_unit(text)
    err = info.value
    assert isinstance(err, ValueError)
    assert isinstance(err, gc.UnitError)
    assert repr(text) in str(err)
    # says what would be valid
    assert "'percent'" in str(err)
    assert "'SEK'" in str(err)


def test_percent_and_percentage_points_are_distinct_units() -> None:
    assert parse_unit("%") != parse_unit("procentenheter")
    assert canonical_unit("procent") != canonical_unit("procentenheter")


def test_per_1000_inhabitants_is_a_named_unit_not_a_tiny_number() -> None:
    q = parse_quantity("12,3 per 1000 invånare")
    assert q.magnitude == 12.3
    assert str(q.units) == "per_1000_inhabitants"
    # it is still the rate it means: 12.3 per 1000 is 0.0123 per inhabitant
    assert math.isclose(q.to("1/inhabitant").magnitude, 0.0123)


# ------------------------------------------------------------------ parse_number
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,5", 1234.5),
        (f"1{NBSP}234,5", 1234.5),
        (f"1{NNBSP}234,5", 1234.5),
        ("12 345 678", 12345678.0),
        ("1234,5", 1234.5),
        ("1234.5", 1234.5),
        ("-3,25", -3.25),
        ("\u22123,25", -3.25),
        ("- 5", -5.0),
        ("+7", 7.0),
        (",5", 0.5),
        ("0", 0.0),
        ("1,5e3", 1500.0),
        ("  42  ", 42.0),
    ],
)
def test_parse_number_reads_swedish_numbers(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "nan", "inf", "1e400", "12 kr", "1,2,3", "--5"])
def test_parse_number_refuses_what_is_not_a_finite_plain_number(text: str) -> None:
    with pytest.raises(gc.InvalidValueError) as info:
        parse_number(text)
    assert isinstance(info.value, ValueError)
    assert repr(text) in str(info.value)


# ------------------------------------------------------------------ parse_quantity
def test_twelve_and_a_half_percent_is_not_125() -> None:
    q = parse_quantity("12,5 %")
    assert q.magnitude == 12.5
    assert str(q.units) == "percent"
    assert math.isclose(q.to("dimensionless").magnitude, 0.125)


@pytest.mark.parametrize("space", [" ", NBSP, NNBSP])
def test_kronor_with_thousands_separator(space: str) -> None:
    q = parse_quantity(f"1{space}234,5 kr")
    assert q.magnitude == 1234.5
    assert str(q.units) == "SEK"
    assert math.isclose(q.to("tkr").magnitude, 1.2345)


def test_rate_per_1000_inhabitants() -> None:
    q = parse_quantity("4,2 per 1000 invånare")
    assert (q.magnitude, str(q.units)) == (4.2, "per_1000_inhabitants")


def test_percentage_points() -> None:
    q = parse_quantity("+5 procentenheter")
    assert (q.magnitude, str(q.units)) == (5.0, "percentage_point")


def test_parse_quantity_of_numbers_and_unitless_strings() -> None:
    assert parse_quantity(78, unit="percent") == get_registry().Quantity(78.0, "percent")
    assert parse_quantity("78", unit="%").units == parse_unit("percent")
    assert parse_quantity(3).unitless
    assert parse_quantity("3").magnitude == 3.0


def test_parse_quantity_moves_quantities_of_another_registry_into_goalchains() -> None:
    other = pint.UnitRegistry()
    q = parse_quantity(other.Quantity(5, "meter"))
    assert q.magnitude == 5.0
    assert q.units == get_registry().Unit("meter")
    # of goalchain's registry: it converts to goalchain's units
    assert q._REGISTRY is get_registry()


@pytest.mark.parametrize(
    "value", [float("nan"), float("inf"), -float("inf"), True, None, [1], "nan %", "abc"]
)
def test_parse_quantity_refuses_non_finite_and_non_numbers(value: object) -> None:
    with pytest.raises(gc.InvalidValueError) as info:
        parse_quantity(value)
    assert isinstance(info.value, ValueError)


def test_parse_quantity_refuses_non_finite_quantities() -> None:
    with pytest.raises(gc.InvalidValueError, match="not a finite number"):
        parse_quantity(get_registry().Quantity(float("nan"), "percent"))


def test_parse_quantity_refuses_unknown_unit_in_text() -> None:
    with pytest.raises(gc.UnknownUnitError, match="'furlongz'"):
        parse_quantity("5 furlongz")


# ------------------------------------------------------------------ convert
@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (78, "percent", 78.0),
        ("78", "percent", 78.0),
        ("12,5 %", "percent", 12.5),
        ("12,5 %", "%", 12.5),
        ("2,5 mnkr", "tkr", 2500.0),
        ("1 234,5 kr", "tkr", 1.2345),
        (f"1{NBSP}234,5 kr", "SEK", 1234.5),
        ("4,2 per 1000 invånare", "per_1000_inhabitants", 4.2),
        ("0,0042 1/invånare", "per 1000 invånare", 4.2),
        ("5 procentenheter", "percentage_point", 5.0),
        ("5 pp", "procentenheter", 5.0),
        ("3 dagar", "hour", 72.0),
        ("12 st", "count", 12.0),
    ],
)
def test_convert(value: object, unit: str, expected: float) -> None:
    assert math.isclose(convert(value, unit), expected)


def test_convert_a_dimensionless_quantity_to_percent() -> None:
    assert math.isclose(convert(get_registry().Quantity(0.9), "percent"), 90.0)


@pytest.mark.parametrize(
    ("value", "unit", "got"),
    [
        ("5 kr", "percent", "SEK"),
        ("5 procentenheter", "percent", "percentage_point"),
        ("12,5 %", "percentage_point", "percent"),
        ("12,5 %", "count", "percent"),
        ("12 st", "percent", "count"),
        ("3 dagar", "tkr", "day"),
        ("4,2 per 1000 invånare", "inhabitant", "per_1000_inhabitants"),
    ],
)
def test_convert_refuses_units_that_do_not_fit(value: str, unit: str, got: str) -> None:
    with pytest.raises(gc.UnitMismatchError) as info:
        convert(value, unit, element="i1", field="value")
    err = info.value
    assert isinstance(err, ValueError)
    assert (err.element, err.expected, err.got, err.field) == ("i1", unit, got, "value")
    text = str(err)
    assert "'i1'" in text
    assert repr(unit) in text
    assert repr(got) in text


def test_convert_names_the_element_for_an_unknown_unit() -> None:
    with pytest.raises(gc.UnknownUnitError) as info:
        convert("5 furlongz", "percent", element="i1", field="baseline")
    assert (info.value.element, info.value.field, info.value.unit) == ("i1", "baseline", "furlongz")
    assert "'i1'" in str(info.value)
    assert "'baseline'" in str(info.value)


def test_convert_names_the_element_for_an_unknown_target_unit() -> None:
    with pytest.raises(gc.UnknownUnitError, match="'i1'"):
        convert(5, "furlongz", element="i1")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "1e400 kr", "abc"])
def test_convert_refuses_non_finite_values_and_names_the_element(value: object) -> None:
    with pytest.raises(gc.InvalidValueError) as info:
        convert(value, "SEK", element="i1", field="value")
    assert (info.value.element, info.value.field) == ("i1", "value")
    assert "'i1'" in str(info.value)


# ------------------------------------------------------------------ small helpers
def test_is_quantity() -> None:
    assert is_quantity(get_registry().Quantity(1, "kr"))
    assert is_quantity(pint.UnitRegistry().Quantity(1, "m"))
    assert not is_quantity(1.0)
    assert not is_quantity("1 kr")


def test_magnitude_in() -> None:
    assert magnitude_in(parse_quantity("2 mnkr"), "tkr") == 2000.0
    with pytest.raises(gc.UnitMismatchError):
        magnitude_in(parse_quantity("5 procentenheter"), "percent")
    with pytest.raises(gc.UnitMismatchError):
        magnitude_in(parse_quantity("5 kr"), "day")


@given(st.floats(-1e6, 1e6, allow_nan=False), st.sampled_from(["kr", "tkr", "mnkr"]))
def test_convert_between_kronor_units_is_linear(value: float, unit: str) -> None:
    factor = {"kr": 1.0, "tkr": 1000.0, "mnkr": 1_000_000.0}[unit]
    assert math.isclose(
        convert(f"{value!r} {unit}", "SEK"), value * factor, rel_tol=1e-12, abs_tol=1e-9
    )


def test_points_and_index_are_units_of_their_own() -> None:
    from goalchain.exceptions import UnitMismatchError
    from goalchain.units import convert, parse_quantity

    assert parse_quantity("228,5 poäng").magnitude == 228.5
    assert str(parse_quantity("228,5 poäng").units) == "score"
    assert str(parse_quantity("104 index").units) == "index_point"
    with pytest.raises(UnitMismatchError):
        convert("228 poäng", "percent", element="merit")
    with pytest.raises(UnitMismatchError):
        convert("5 st", "score", element="merit")


@pytest.mark.parametrize(
    ("unit", "bounds"),
    [
        ("%", (0.0, 100.0)),
        ("procent", (0.0, 100.0)),
        ("st", (0.0, None)),
        ("inv.", (0.0, None)),
        ("dagar", (0.0, None)),
        ("år", (0.0, None)),
        ("per 1000 inv", (0.0, None)),
        ("procentenheter", (None, None)),
        ("mnkr", (None, None)),
    ],
)
def test_possible_bounds_of_municipal_units(
    unit: str, bounds: tuple[float | None, float | None]
) -> None:
    assert possible_bounds(unit) == bounds


def test_possible_bounds_of_an_unknown_unit_names_it() -> None:
    with pytest.raises(UnknownUnitError, match="glädjeenheter"):
        possible_bounds("glädjeenheter")


# ------------------------------------------------------------- units a Swedish controller means
def test_ton_is_the_metric_tonne_not_pints_short_ton() -> None:
    # issue 12: recording "1000 kg" for an indicator in ton stored 1.10 (US short tons)
    assert convert("1000 kg", "ton") == 1.0
    assert convert("2,5 ton", "kg") == 2500.0
    assert canonical_unit("ton") == canonical_unit("t") == canonical_unit("tonne") == "metric_ton"
    chain = gc.GoalChain(name="Utsläpp")
    chain.add_goal("g", "Minskade utsläpp", level="council")
    chain.add_indicator("i1", "Avfall", parents=["g"], unit="ton", direction="decrease")
    assert chain.record("i1", 2023, "1000 kg").value == 1.0
    assert chain.record("i1", 2024, "3 t").value == 3.0


def test_mil_is_the_swedish_mil_of_ten_kilometres() -> None:
    assert convert("3 mil", "km") == 30.0
    assert convert("15 km", "mil") == 1.5
    assert math.isclose(convert("1 mil/inv", "km/inhabitant"), 10.0)


def test_a_quantity_keeps_pints_meaning() -> None:
    """Only text is read the Swedish way: a pint Quantity in 'ton' is a US short ton."""
    short = get_registry().Quantity(1, "ton")
    assert math.isclose(convert(short, "ton"), 0.90718474)
    assert math.isclose(convert(pint.UnitRegistry().Quantity(2, "ton"), "kg"), 1814.36948)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("mkr", "mnkr"),
        ("Mkr", "mnkr"),
        ("MSEK", "mnkr"),
        ("msek", "mnkr"),
        ("miljoner kronor", "mnkr"),
        ("TSEK", "tkr"),
        ("Tkr", "tkr"),
        ("tusen kronor", "tkr"),
        ("m2", "meter ** 2"),
        ("kvm", "meter ** 2"),
        ("km2", "kilometer ** 2"),
        ("m3", "meter ** 3"),
        ("kbm", "meter ** 3"),
        ("hektar", "hectare"),
        ("ha", "hectare"),
        ("dygn", "day"),
        ("veckor", "week"),
        ("månader", "month"),
        ("minuter", "minute"),
        ("kr/kvm", "SEK / meter ** 2"),
        ("kWh/kvm", "kilowatt_hour / meter ** 2"),
        ("short_ton", "ton"),  # pint's name of the short ton, written so on purpose
        ("long_ton", "long_ton"),
        ("imperial_gallon", "imperial_gallon"),
        ("international_mile", "mile"),
        ("knots", "knot"),
    ],
)
def test_swedish_and_explicit_units_are_read_as_meant(text: str, name: str) -> None:
    assert canonical_unit(text) == name


def test_million_kronor_is_not_milli_kronor() -> None:
    assert convert("3 mkr", "tkr") == 3000.0
    assert convert("2 Tkr", "SEK") == 2000.0


@pytest.mark.parametrize(
    ("text", "use"),
    [
        ("mile", "'mil' (Swedish mil, 10 km)"),
        ("miles", "'international_mile'"),
        ("mi", "'km'"),
        ("mils", "'milliradian'"),
        ("tons", "'short_ton'"),
        ("kiloton", "'kilotonne'"),
        ("gallon", "'imperial_gallon'"),
        ("gal", "'US_liquid_gallon'"),
        ("pint", "'imperial_pint'"),
        ("pt", "'liter'"),
        ("quart", "'imperial_quart'"),
        ("cup", "'dl'"),
        ("floz", "'imperial_fluid_ounce'"),
        ("ounce", "'troy_ounce'"),
        ("oz", "'gram'"),
        ("pound", "'avoirdupois_pound'"),
        ("lb", "'kg'"),
        ("barrel", "'oil_barrel'"),
        ("cwt", "'UK_hundredweight'"),
        ("points", "'percentage_point' ('procentenheter')"),
        ("kt", "'kilotonne'"),
        ("kg/mile", "'km'"),
    ],
)
def test_units_read_differently_in_sweden_are_refused(text: str, use: str) -> None:
    with pytest.raises(gc.AmbiguousUnitError) as info:
        parse_unit(text)
    err = info.value
    assert isinstance(err, gc.UnknownUnitError) and isinstance(err, ValueError)
    assert err.unit in text and use in err.use
    assert f"ambiguous unit {err.unit!r}" in str(err) and use in str(err)


def test_an_ambiguous_unit_names_the_element_and_field() -> None:
    with pytest.raises(gc.AmbiguousUnitError) as info:
        convert("5 miles", "km", element="i1", field="value")
    assert (info.value.element, info.value.field, info.value.unit) == ("i1", "value", "miles")
    assert str(info.value).startswith("'i1', field 'value': ambiguous unit 'miles'")
    chain = gc.GoalChain(name="Mått")
    chain.add_goal("g", "Mål", level="council")
    with pytest.raises(gc.AmbiguousUnitError, match="'i2', field 'unit': ambiguous unit 'gallon'"):
        chain.add_indicator("i2", "Bränsle", parents=["g"], unit="gallon")
    chain.add_indicator("i3", "Bränsle", parents=["g"], unit="liter")
    with pytest.raises(gc.AmbiguousUnitError, match="'i3', field 'unit'"):
        chain.record("i3", 2023, 5, unit="pints")


@pytest.mark.parametrize(
    "text",
    [
        "per 100 000 invånare",
        "per 100000 invånare",
        "per 100 000 inv",
        "per 100000 inv",
        "/100 000 inv",
        "/100000 inv",
        f"per{NBSP}100{NBSP}000{NBSP}invånare",
        "per 100000 inhabitants",
        "per_100000_inhabitants",
    ],
)
def test_per_100000_inhabitants(text: str) -> None:
    assert canonical_unit(text) == "per_100000_inhabitants"
    q = parse_quantity(f"12,5 {text}")
    assert (q.magnitude, str(q.units)) == (12.5, "per_100000_inhabitants")
    assert math.isclose(convert(q, "per 1000 invånare"), 0.125)
    assert possible_bounds(text) == (0.0, None)


def test_per_10000_inhabitants_and_per_1000_by_slash() -> None:
    assert canonical_unit("per 10 000 invånare") == "per_10000_inhabitants"
    assert canonical_unit("/1000 inv") == "per_1000_inhabitants"
    assert math.isclose(convert("3 per 10 000 inv", "per_100000_inhabitants"), 30.0)


@pytest.mark.parametrize("text", ["rank", "placering", "Placering", "plats"])
def test_rank_is_a_unit_of_its_own_not_below_one(text: str) -> None:
    assert canonical_unit(text) == "rank"
    assert possible_bounds(text) == (1.0, None)
    assert convert("3 placering", "rank") == 3.0
    with pytest.raises(gc.UnitMismatchError):
        convert("3 st", "rank")
    with pytest.raises(gc.UnitMismatchError):
        convert("3 placering", "percent")


@given(st.sampled_from(["ton", "t", "tonne"]), st.floats(0, 1e9, allow_nan=False))
def test_every_name_of_the_tonne_is_1000_kg(name: str, tonnes: float) -> None:
    assert math.isclose(convert(f"{tonnes!r} {name}", "kg"), tonnes * 1000, rel_tol=1e-12)
