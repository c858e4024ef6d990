"""The errors of the units, roll-up and report layers and of ``goalchain import`` keep a
template and render in the user's language (issue 15): a sample, one or more per module."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from _catalogs import catalog_of
from goalchain.exceptions import GoalchainError
from goalchain.units import convert, parse_number, parse_quantity, parse_unit


def _raised(raise_it: Callable[[], object]) -> GoalchainError:
    with pytest.raises(GoalchainError) as info:
        raise_it()
    error = info.value
    assert error.template is not None, str(error)
    assert error.render("en") == str(error)
    return error


UNITS = [
    (lambda: parse_number("12 kr"), "väntade ett tal utan enhet, fick '12 kr'"),
    (lambda: parse_number("x" * 600), "'xxxxxxxxxxxx"),
    (lambda: parse_number("x" * 600), "... (600 tecken) är 600 tecken lång"),
    (lambda: parse_number("1٣"), "'1٣': tecknet '٣' (ARABIC-INDIC DIGIT THREE) är ingen siffra"),
    (lambda: parse_number("²"), "tecknet '²' (SUPERSCRIPT TWO) är ingen siffra 0-9"),
    (lambda: parse_number("tolv"), "kan inte läsa ett tal ur 'tolv'; skriv till exempel"),
    (lambda: parse_number("10²"), "efter talet är ingen siffra 0-9"),
    (lambda: parse_number("1" * 41), "har 41 siffror; ett tal har högst 40 siffror"),
    (lambda: parse_number("1" * 320), "siffror och är för stort för ett ändligt tal"),
    (lambda: parse_number("1e400"), "'1e400' är för stort för ett ändligt tal"),
    (lambda: parse_number("1e-400"), "'1e-400' är för litet för att skiljas från 0"),
    (lambda: parse_quantity([1]), "väntade ett tal, en text som '12,5 %'"),
    (lambda: parse_quantity(10**400), "ett heltal med omkring 401 siffror är för stort"),
    (lambda: parse_quantity(float("nan")), "nan är inget ändligt tal"),
    (lambda: convert("1e400 kr", "kr", element="i1"), "'i1': '1e400 kr' är för stort"),
    (lambda: convert("ett", "kr", element="i1", field="value"), "'i1', fältet 'value': kan"),
    (lambda: parse_unit("k" * 101), ": den är 101 tecken lång; en enhet har högst 100"),
    (lambda: parse_unit("miles"), "en engelsk mile är 1,609 km, en svensk mil 10 km; skriv"),
    (lambda: parse_unit("miles"), "'mil' (svensk mil, 10 km), 'km', 'international_mile'"),
    (lambda: parse_unit("ton**-1 * kiloton"), "'ton' eller 't' (1000 kg)"),
]


@pytest.mark.parametrize(("raise_it", "swedish"), UNITS)
def test_the_errors_of_units_render_in_swedish(
    raise_it: Callable[[], object], swedish: str
) -> None:
    assert swedish in _raised(raise_it).render("sv")


def test_an_ambiguous_unit_keeps_its_words_when_located() -> None:
    error = _raised(lambda: convert("5 miles", "km", element="i1", field="value"))
    assert error.render("sv").startswith("'i1', fältet 'value': tvetydig enhet 'miles': en")
    assert "'mil' (Swedish mil, 10 km)" in error.use  # type: ignore[attr-defined]


def test_a_pint_quantity_with_a_unit_goalchain_lacks_is_worded() -> None:
    import pint

    other = pint.UnitRegistry()
    other.define("smoot = 1.7018 * meter")
    error = _raised(lambda: parse_quantity(other.Quantity(1, "smoot")))
    assert "'smoot' är ingen enhet som goalchain känner till" in error.render("sv")


def test_a_character_is_described_in_a_third_language(tmp_path: Path) -> None:
    with catalog_of(tmp_path, {"{char!r} ({name})": "merkki {char!r} ({name})"}):
        error = _raised(lambda: parse_number("1٣"))
        assert "merkki '٣' (ARABIC-INDIC DIGIT THREE)" in error.render("fi")
