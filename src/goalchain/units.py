"""Units of municipal indicators, and Swedish number input.

goalchain keeps **one** pint registry for the whole process, created the first
time it is needed (never at import). It knows the units that municipal
indicators use besides pint's own:

===========================  ===============================================
unit                         aliases
===========================  ===============================================
``SEK``                      ``kr``, ``kronor``, ``sek``
``tkr``                      thousand kronor; ``TSEK``, ``tusen kronor``
``mnkr``                     million kronor; ``mkr``, ``MSEK``, ``miljoner kronor``
``percent``                  ``%``, ``procent`` (pint's own)
``percentage_point``         ``pp``, ``procentenheter``, ``procentenhet``
``inhabitant``               ``inv``, ``invånare``
``per_1000_inhabitants``     ``per 1000 invånare``, ``per 1 000 inv``, ``/1000 inv``
``per_10000_inhabitants``    ``per 10 000 invånare``, ``per 10000 inv``, ``/10 000 inv``
``per_100000_inhabitants``   ``per 100 000 invånare``, ``per 100000 inv``, ``/100 000 inv``
``count``                    ``st``, ``antal``
``rank``                     ``placering``, ``plats``: a position, 1 the best
``metric_ton``               ``ton``, ``t``, ``tonne``: 1000 kg
``scandinavian_mile``        ``mil``: the Swedish mil, 10 km
``day``, ``hour``, ...       ``dagar``, ``dag``, ``dygn``, ``timmar``, ``timme``,
                             ``veckor``, ``månader``, ``minuter``
``meter ** 2``, ...          ``m2``, ``kvm``, ``km2``, ``m3``, ``kbm``, ``hektar``
===========================  ===============================================

``per_1000_inhabitants`` and its siblings are named units so that a rate such
as 12.3 per 1000 inhabitants stays 12.3 and is not silently turned into 0.0123.

Percent and percentage points are distinct: ``percentage_point`` expresses an
absolute difference between two percentages ("+5 procentenheter"), while a
relative change is given in ``percent``.

Units a Swedish controller means
--------------------------------
Some unit words mean one thing in Sweden and another to pint, whose units are
American and British. goalchain reads every unit *text* (an indicator's unit,
a value such as ``"1000 kg"``, a file, a spreadsheet) the Swedish way, and
refuses a word that a Swede and pint would read differently when no single
meaning can be assumed, with an :class:`~goalchain.exceptions.AmbiguousUnitError`
that names the unambiguous units to write:

==============================  ====================  ===================================
written                         pint alone reads      goalchain
==============================  ====================  ===================================
``ton``                         US short ton, 907 kg  the tonne, 1000 kg (``metric_ton``)
``t``, ``tonne``                tonne                 the tonne
``tons``, ``kiloton``           US short tons         refused: ``ton``, ``kilotonne``,
                                                      ``short_ton``, ``long_ton``
``short_ton``, ``US_ton``...    as named              as pint (the name says which)
``mil``                         an angle              the Swedish mil, 10 km
``mils``                        angles                refused: ``mil``, ``milliradian``
``mile``, ``miles``, ``mi``     1.609 km              refused: ``mil``, ``km``,
                                                      ``international_mile``
``gallon``, ``pint``, ``pt``,   US liquid measures    refused: ``liter``, ``US_pint``,
``quart``, ``cup``, ``floz``                          ``imperial_pint``...
``ounce``, ``oz``, ``pound``,   avoirdupois           refused: ``gram``, ``kg``,
``lb``                                                ``troy_ounce``, ``avoirdupois_pound``
``barrel``, ``cwt``             US measures           refused, the same way
``point``, ``points``           printer's point       refused: ``percentage_point``,
                                                      ``score`` (``poäng``)
``kt``                          knot or kilotonne     refused: ``knot``, ``kilotonne``
``mkr``, ``msek``               milli-kronor          million kronor (``mnkr``)
``Mkr``, ``MSEK``               mega-kronor           ``mnkr`` (the same amount)
``Tkr``, ``TSEK``               tera-kronor           thousand kronor (``tkr``)
``kr``                          (not a pint unit)     the Swedish krona (``SEK``)
``ha``, ``hektar``              hectare               hectare
``m2``, ``kvm``, ``km2``,       (not read)            m², m², km², m³, m³
``m3``, ``kbm``
==============================  ====================  ===================================

Only unit text is read this way; a pint ``Quantity`` keeps pint's meaning
(``get_registry().Quantity(1, "ton")`` is a US short ton, and recording it in
an indicator in ``ton`` stores 0.907).

Examples
--------
>>> from goalchain.units import convert, parse_quantity
>>> parse_quantity("12,5 %")
<Quantity(12.5, 'percent')>
>>> parse_quantity("1 234,5 kr").to("tkr").magnitude
1.2345
>>> parse_quantity("4,2 per 1000 invånare")
<Quantity(4.2, 'per_1000_inhabitants')>
>>> convert("1000 kg", "ton"), convert("3 mil", "km")
(1.0, 30.0)
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from typing import Any

import pint

from ._i18n._numbers import size_decimals
from .exceptions import (
    AmbiguousUnitError,
    InvalidValueError,
    UnitMismatchError,
    UnknownUnitError,
)

__all__ = [
    "canonical_unit",
    "convert",
    "display_decimals",
    "get_registry",
    "is_quantity",
    "magnitude_in",
    "parse_number",
    "parse_quantity",
    "parse_unit",
    "possible_bounds",
    "possible_range",
    "size_decimals",
]

_DEFINITIONS = (
    "SEK = [currency] = kr = kronor = sek",
    "tkr = 1000 * SEK",
    "mnkr = 1000000 * SEK",
    "percentage_point = 0.01 = pp = procentenhet",
    "inhabitant = [population] = inv",
    "per_1000_inhabitants = 1 / (1000 * inhabitant)",
    "per_10000_inhabitants = 1 / (10000 * inhabitant)",
    "per_100000_inhabitants = 1 / (100000 * inhabitant)",
    "score = [] = poang",
    "index_point = [] = index",
    "rank = [] = _ = placering",
    "scandinavian_mile = 10 * kilometer = _ = swedish_mile",
)

# Swedish words and phrases pint cannot read (non-ASCII or multi-word), mapped to
# the registry's names; a whole unit text is looked up first, then each word of it.
# Matched case-insensitively.
_SWEDISH_UNITS = {
    "%": "percent",
    "procent": "percent",
    "procentenheter": "percentage_point",
    "procentenhet": "percentage_point",
    "p.e.": "percentage_point",
    "per 1000 inhabitants": "per_1000_inhabitants",
    "‰ inv": "per_1000_inhabitants",
    "invånare": "inhabitant",
    "kronor": "SEK",
    "tusen kronor": "tkr",
    "miljoner kronor": "mnkr",
    "st": "count",
    "antal": "count",
    "dagar": "day",
    "dag": "day",
    "dygn": "day",
    "timmar": "hour",
    "timme": "hour",
    "minuter": "minute",
    "minut": "minute",
    "veckor": "week",
    "vecka": "week",
    "månader": "month",
    "månad": "month",
    "år": "year",
    "poäng": "score",
    "meritpoäng": "score",
    "indexvärde": "index_point",
    "plats": "rank",
    "placering": "rank",
    "ton": "metric_ton",
    "mil": "scandinavian_mile",
    "mkr": "mnkr",
    "msek": "mnkr",
    "tsek": "tkr",
    "m2": "meter ** 2",
    "kvm": "meter ** 2",
    "kvadratmeter": "meter ** 2",
    "km2": "kilometer ** 2",
    "kvadratkilometer": "kilometer ** 2",
    "m3": "meter ** 3",
    "kbm": "meter ** 3",
    "kubikmeter": "meter ** 3",
    "hektar": "hectare",
}

# Case-sensitive words pint would read with an SI prefix no Swede means.
_PREFIXED_KRONOR = {"Mkr": "mnkr", "MSEK": "mnkr", "Tkr": "tkr", "TSEK": "tkr"}

# "per 100 000 invånare", "/1000 inv", "per 10000 inhabitants"
_PER_INHABITANTS = re.compile(
    r"^(?:per\s*|/\s*)(?P<n>1 ?000|10 ?000|100 ?000)\s*(?:invånare|inv\.?|inhabitants)$",
    re.IGNORECASE,
)

# pint's names of units a Swede and pint read differently: (what it may mean,
# the names to write instead). A word pint reads as one of these (an alias, a
# plural, a prefixed form) is refused, unless it is one of _UNAMBIGUOUS.
_AMBIGUOUS: dict[str, tuple[str, tuple[str, ...]]] = {
    "ton": (
        "to pint a ton is a US short ton (907 kg), in Sweden a tonne (1000 kg)",
        ("'ton' or 't' (1000 kg)", "'kilotonne'", "'short_ton'", "'long_ton'"),
    ),
    "mile": (
        "a mile is 1.609 km in English, a Swedish mil 10 km",
        ("'mil' (Swedish mil, 10 km)", "'km'", "'international_mile'"),
    ),
    "mil": (
        "to pint mils are an angle, in Sweden a mil is 10 km",
        ("'mil' (Swedish mil, 10 km)", "'milliradian'", "'thou'"),
    ),
    "gallon": (
        "a US gallon is 3.785 l, an imperial gallon 4.546 l",
        ("'liter'", "'US_liquid_gallon'", "'imperial_gallon'"),
    ),
    "pint": (
        "a US pint is 0.473 l, an imperial pint 0.568 l",
        ("'liter'", "'US_pint'", "'imperial_pint'"),
    ),
    "quart": (
        "a US quart is 0.946 l, an imperial quart 1.137 l",
        ("'liter'", "'US_liquid_quart'", "'imperial_quart'"),
    ),
    "cup": (
        "a US cup is 2.37 dl, an imperial cup 2.84 dl",
        ("'dl'", "'US_liquid_cup'", "'imperial_cup'"),
    ),
    "fluid_ounce": (
        "a US fluid ounce is 29.6 ml, an imperial one 28.4 ml",
        ("'ml'", "'US_fluid_ounce'", "'imperial_fluid_ounce'"),
    ),
    "ounce": (
        "an ounce is 28.35 g (avoirdupois) or 31.1 g (troy), or a fluid ounce",
        ("'gram'", "'avoirdupois_ounce'", "'troy_ounce'", "'US_fluid_ounce'"),
    ),
    "pound": (
        "a pound is 454 g (avoirdupois), 373 g (troy) or a currency",
        ("'kg'", "'avoirdupois_pound'", "'troy_pound'"),
    ),
    "barrel": (
        "a barrel is 119 l (US), 159 l (oil) or 164 l (imperial)",
        ("'liter'", "'oil_barrel'", "'imperial_barrel'"),
    ),
    "hundredweight": (
        "a hundredweight is 45.4 kg (US) or 50.8 kg (British)",
        ("'kg'", "'US_hundredweight'", "'UK_hundredweight'"),
    ),
    "point": (
        "points may be percentage points, scores or printer's points",
        ("'percentage_point' ('procentenheter')", "'score' ('poäng')", "'printers_point'"),
    ),
    "knot": (
        "kt is a knot to pint, a kilotonne in emission figures",
        ("'knot'", "'kilotonne'"),
    ),
}

# Names that say which of the meanings they mean (and their plurals).
_UNAMBIGUOUS = frozenset(
    {
        "short_ton",
        "US_ton",
        "international_mile",
        "US_pint",
        "liquid_pint",
        "US_liquid_gallon",
        "liquid_gallon",
        "US_liquid_quart",
        "liquid_quart",
        "US_liquid_cup",
        "liquid_cup",
        "US_fluid_ounce",
        "US_liquid_ounce",
        "avoirdupois_ounce",
        "avdp_ounce",
        "avoirdupois_pound",
        "avdp_pound",
        "printers_point",
        "short_hundredweight",
        "US_hundredweight",
        "knot",
        "knots",
        "knot_international",
        "international_knot",
        "kn",
    }
)

_SPACES = "\u00a0\u202f\u2009 "  # no-break, narrow no-break, thin, plain space
_NUMBER = re.compile(
    r"""^\s*
    (?P<sign>[+\-\u2212]?)\s*
    (?P<number>
        \d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?:[.,]\d+)?   # 1 234 567,5
      | \d+(?:[.,]\d+)?                                      # 1234,5 or 1234.5
      | [.,]\d+                                              # ,5
    )
    (?:[eE](?P<exp>[+\-]?\d+))?
    \s*(?P<unit>.*?)\s*$""",
    re.VERBOSE,
)


@functools.cache
def get_registry() -> pint.UnitRegistry:  # type: ignore[type-arg]
    """Return goalchain's pint registry, creating it on first use.

    The same registry is returned on every call; goalchain never creates one per
    call. Use it to build quantities that goalchain reads without conversion.

    Examples
    --------
    >>> from goalchain.units import get_registry
    >>> ureg = get_registry()
    >>> ureg.Quantity(5, "tkr").to("SEK")
    <Quantity(5000, 'SEK')>
    >>> get_registry() is ureg
    True
    """
    registry: pint.UnitRegistry = pint.UnitRegistry(  # type: ignore[type-arg]
        autoconvert_offset_to_baseunit=True
    )
    for definition in _DEFINITIONS:
        registry.define(definition)
    return registry


_WORD = re.compile(r"[^\W\d]\w*")


def _swedish_unit_text(text: str) -> str:
    """The unit text with Swedish words replaced by the registry's names.

    Raises AmbiguousUnitError for a word that pint and a Swede read differently.
    """
    cleaned = " ".join(text.translate(_TO_SPACE).split())
    lowered = cleaned.lower()
    if lowered in _SWEDISH_UNITS:
        return _SWEDISH_UNITS[lowered]
    per = _PER_INHABITANTS.match(cleaned)
    if per is not None:
        return f"per_{per['n'].replace(' ', '')}_inhabitants"
    registry = get_registry()

    def word(match: re.Match[str]) -> str:
        found = match.group()
        if found in _PREFIXED_KRONOR:
            return _PREFIXED_KRONOR[found]
        name = _SWEDISH_UNITS.get(found.lower())
        if name is not None:
            return name
        _refuse_ambiguous(found, registry)
        return found

    return _WORD.sub(word, cleaned.replace("%", " percent ")).strip()


_TO_SPACE = str.maketrans({space: " " for space in _SPACES})


def _refuse_ambiguous(word: str, registry: pint.UnitRegistry) -> None:  # type: ignore[type-arg]
    if word in _UNAMBIGUOUS or (word.endswith("s") and word[:-1] in _UNAMBIGUOUS):
        return
    try:
        candidates = registry.parse_unit_name(word)
    except (AttributeError, ValueError, TypeError):  # pragma: no cover - pint reads any word
        return
    for _prefix, name, _suffix in candidates:
        if name in _AMBIGUOUS:
            meanings, use = _AMBIGUOUS[name]
            raise AmbiguousUnitError(word, meanings=meanings, use=use)


@functools.lru_cache(maxsize=512)
def parse_unit(text: str) -> pint.Unit:
    """Parse a unit string, Swedish or pint, into a pint unit.

    Parameters
    ----------
    text
        For example ``"percent"``, ``"%"``, ``"kr"``, ``"tkr"``,
        ``"kr/invånare"``, ``"per 1000 invånare"``, ``"dagar"``.

    Raises
    ------
    UnknownUnitError
        When the registry cannot read the unit.
    AmbiguousUnitError
        For a word a Swede and pint read differently (``"mile"``, ``"gallon"``,
        ``"points"``...; see the table above), naming the units to write instead.

    Examples
    --------
    >>> from goalchain.units import parse_unit
    >>> parse_unit("ton"), parse_unit("per 100 000 invånare")
    (<Unit('metric_ton')>, <Unit('per_100000_inhabitants')>)
    >>> parse_unit("%")
    <Unit('percent')>
    >>> parse_unit("kr/invånare")
    <Unit('SEK / inhabitant')>
    """
    if not isinstance(text, str) or not text.strip():
        raise UnknownUnitError(str(text))
    registry = get_registry()
    names = _swedish_unit_text(text.strip())  # an AmbiguousUnitError as it is
    try:
        unit = registry.parse_units(names)
    except (
        pint.errors.UndefinedUnitError,
        pint.errors.DefinitionSyntaxError,
        AttributeError,
        TypeError,
        ValueError,
        AssertionError,
    ) as err:
        raise UnknownUnitError(text) from err
    return unit


@functools.lru_cache(maxsize=512)
def canonical_unit(text: str) -> str:
    """Return the registry's name of a unit string (``"%"`` -> ``"percent"``).

    Kept for the last 512 texts (a unit is named on every indicator, and writing
    a pint unit's name is not free), so callers need no cache of their own.

    Examples
    --------
    >>> from goalchain.units import canonical_unit
    >>> canonical_unit("procentenheter")
    'percentage_point'
    """
    return str(parse_unit(text))


# Units no value can be below 0 of: counts, people, durations (a share has its own bounds)
_NOT_NEGATIVE = frozenset(
    {
        "count",
        "inhabitant",
        "day",
        "hour",
        "year",
        "per_1000_inhabitants",
        "per_10000_inhabitants",
        "per_100000_inhabitants",
    }
)


_WHOLE_UNITS = ("count", "inhabitant")
_ONE_DECIMAL_UNITS = ("percent", "percentage_point")


def display_decimals(unit: str) -> int | None:
    """How many decimals a follow-up shows for *unit* (None: no fixed number).

    Counts and inhabitants are whole numbers, percentages and percentage
    points have one decimal. The one rule every output rounds by; the values
    themselves are never rounded, only what is shown.

    Examples
    --------
    >>> from goalchain.units import display_decimals
    >>> display_decimals("st"), display_decimals("%"), display_decimals("dagar")
    (0, 1, None)
    """
    try:
        key = canonical_unit(unit)
    except UnknownUnitError:
        return None
    if key in _WHOLE_UNITS:
        return 0
    if key in _ONE_DECIMAL_UNITS:
        return 1
    return None


def possible_range(unit: str, values: Iterable[float] = ()) -> tuple[float | None, float | None]:
    """The bounds of :func:`possible_bounds` for an indicator with these *values*.

    A bound is dropped where one of the indicator's own *values* (baseline,
    target, actuals) already lies beyond it: a result in percent of tax
    revenue can be negative. An unknown unit has no bounds. The one rule by
    which every output limits a forecast.

    Examples
    --------
    >>> from goalchain.units import possible_range
    >>> possible_range("percent"), possible_range("percent", [1.1, -0.4])
    ((0.0, 100.0), (None, 100.0))
    """
    try:
        low, high = possible_bounds(canonical_unit(unit))
    except UnknownUnitError:
        return None, None
    known = list(values)
    if low is not None and any(v < low for v in known):
        low = None
    if high is not None and any(v > high for v in known):
        high = None
    return low, high


def possible_bounds(unit: str) -> tuple[float | None, float | None]:
    """The lowest and highest value a unit makes possible (None: no bound).

    A share (``percent``) lies between 0 and 100; a count, a number of
    inhabitants, days, hours or years, or a rate per 1,000, 10,000 or
    100,000 inhabitants is not below 0; a ``rank`` (*placering*) is not
    below 1, the best place; other units (kronor, percentage points,
    indexes) have no bounds. The SMART check fails a target outside them,
    and the follow-up report limits a forecast to them.

    Raises
    ------
    UnknownUnitError
        For a unit the registry does not know.

    Examples
    --------
    >>> from goalchain.units import possible_bounds
    >>> possible_bounds("%"), possible_bounds("st"), possible_bounds("mnkr")
    ((0.0, 100.0), (0.0, None), (None, None))
    >>> possible_bounds("placering")
    (1.0, None)
    """
    key = canonical_unit(unit)
    if key == "percent":
        return 0.0, 100.0
    if key == "rank":
        return 1.0, None
    if key in _NOT_NEGATIVE:
        return 0.0, None
    return None, None


def parse_number(text: str) -> float:
    """Parse a number written the Swedish or the English way.

    A decimal comma or point, spaces or no-break spaces as thousands
    separators, and a Unicode minus sign are accepted.

    Raises
    ------
    InvalidValueError
        When the text is not a number, or is NaN or infinite.

    Examples
    --------
    >>> from goalchain.units import parse_number
    >>> parse_number("1 234,5")
    1234.5
    >>> parse_number("\u22123,25")
    -3.25
    """
    value, unit = _split_number(text)
    if unit:
        raise InvalidValueError(f"expected a plain number, got {text!r}")
    return value


def _split_number(text: str) -> tuple[float, str]:
    match = _NUMBER.match(text)
    if match is None:
        raise InvalidValueError(
            f"cannot read a number from {text!r}; write for example '12,5 %', '1 234 kr' or '78.0'"
        )
    digits = match["number"]
    for space in _SPACES:
        digits = digits.replace(space, "")
    digits = digits.replace(",", ".")
    sign = "-" if match["sign"] in "-\u2212" and match["sign"] else ""
    exponent = f"e{match['exp']}" if match["exp"] else ""
    value = float(sign + digits + exponent)
    if not math.isfinite(value):
        raise InvalidValueError(f"{text!r} is not a finite number")
    return value, match["unit"]


def is_quantity(value: Any) -> bool:
    """Tell whether *value* is a pint Quantity (of any registry)."""
    return isinstance(value, pint.Quantity)


def parse_quantity(value: Any, unit: str | None = None) -> pint.Quantity[Any]:
    """Turn a number, a string or a pint Quantity into a Quantity of goalchain's registry.

    Parameters
    ----------
    value
        A number, a string such as ``"12,5 %"`` or ``"1 234 kr"``, or a Quantity
        (from any pint registry).
    unit
        The unit of a plain number, or of a string without a unit.

    Raises
    ------
    InvalidValueError
        When the value is not a finite number.
    UnknownUnitError
        When a unit cannot be read.

    Examples
    --------
    >>> from goalchain.units import parse_quantity
    >>> parse_quantity("78", unit="percent")
    <Quantity(78.0, 'percent')>
    >>> parse_quantity("+5 procentenheter")
    <Quantity(5.0, 'percentage_point')>
    """
    registry = get_registry()
    if is_quantity(value):
        magnitude = value.magnitude
        unit_text = str(value.units)
        if not isinstance(magnitude, (int, float)) or isinstance(magnitude, bool):
            raise InvalidValueError(f"expected a scalar quantity, got {value!r}")
        _check_finite(float(magnitude), value)
        # a Quantity's unit is pint's, not a Swedish word: its 'ton' is a short ton
        return registry.Quantity(float(magnitude), _pint_unit(unit_text) if unit_text else "")
    if isinstance(value, str):
        number, unit_text = _split_number(value)
        if unit_text:
            return registry.Quantity(number, parse_unit(unit_text))
        return registry.Quantity(number, parse_unit(unit) if unit else "")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidValueError(
            f"expected a number, a string such as '12,5 %' or a pint Quantity, got {value!r}"
        )
    _check_finite(float(value), value)
    return registry.Quantity(float(value), parse_unit(unit) if unit else "")


def _pint_unit(text: str) -> Any:
    try:
        return get_registry().parse_units(text)
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError) as err:
        raise UnknownUnitError(text) from err


def _check_finite(number: float, original: Any) -> None:
    if not math.isfinite(number):
        raise InvalidValueError(
            f"{original!r} is not a finite number (NaN and infinity are refused)"
        )


def convert(
    value: Any, unit: str, *, element: str | None = None, field: str | None = None
) -> float:
    """Return *value* as a float in *unit*.

    A plain number is taken to be in *unit* already; a string or Quantity with
    a unit is converted.

    Dimensionless units of different kinds are not interchangeable, even though
    pint would convert them: a share in ``percent``, a difference in
    ``percentage_point`` and a number of things in ``count`` are three
    different quantities (``"5 procentenheter"`` is not 5 %, ``"12 st"`` is
    not 1200 %). A bare dimensionless Quantity fits any of them.

    Raises
    ------
    UnitMismatchError
        When the value's unit cannot be converted to *unit*; names both units.
    UnknownUnitError
        When the value's unit or *unit* cannot be read; names *element* and *field*.
    InvalidValueError
        When the value is not a finite number.

    Examples
    --------
    >>> from goalchain.units import convert
    >>> convert("2,5 mnkr", "tkr")
    2500.0
    >>> convert(78, "percent")
    78.0
    >>> convert("5 procentenheter", "percent", element="i1")
    Traceback (most recent call last):
    ...
    goalchain.exceptions.UnitMismatchError: indicator 'i1': unit 'percentage_point' does not \
fit 'percent'; give the value in 'percent' or a unit convertible to it
    """
    try:
        quantity = parse_quantity(value, unit=None)
        target = parse_unit(unit)
    except UnknownUnitError as err:
        raise err.located(element=element, field=field) from err
    except InvalidValueError as err:
        raise InvalidValueError(str(err).split(": ", 1)[-1], element=element, field=field) from err
    if quantity.unitless and not is_quantity(value) and not _has_unit_text(value):
        return float(quantity.magnitude)
    return _to(quantity, target, expected=unit, element=element, field=field, original=value)


def _to(
    quantity: pint.Quantity[Any],
    target: Any,
    *,
    expected: str,
    element: str | None,
    field: str | None,
    original: Any,
) -> float:
    mismatch = UnitMismatchError(
        element=element, expected=expected, got=str(quantity.units) or "dimensionless", field=field
    )
    if not _same_dimensionless_kind(quantity.units, target):
        raise mismatch
    try:
        result = float(quantity.to(target).magnitude)
    except pint.errors.DimensionalityError as err:
        raise mismatch from err
    _check_finite(result, original)
    return result


# Named dimensionless units grouped by what they measure; pint converts freely
# between all of them, goalchain only within a group.
_SHARE_UNITS = frozenset({"percent", "permille", "ppm", "ppb"})


def _dimensionless_kinds(unit: Any) -> frozenset[str]:
    names = dict(getattr(unit, "_units", {}))
    return frozenset(
        "share" if name in _SHARE_UNITS else name for name, power in names.items() if power
    )


def _same_dimensionless_kind(source: Any, target: Any) -> bool:
    if not (source.dimensionless and target.dimensionless):
        return True
    kinds, wanted = _dimensionless_kinds(source), _dimensionless_kinds(target)
    return not kinds or not wanted or kinds == wanted


def _has_unit_text(value: Any) -> bool:
    return isinstance(value, str) and bool(_split_number(value)[1])


def magnitude_in(quantity: pint.Quantity[Any], unit: str) -> float:
    """Return a Quantity's magnitude in *unit* as a float.

    Raises
    ------
    UnitMismatchError
        When the Quantity's unit cannot be converted to *unit* (see :func:`convert`).

    Examples
    --------
    >>> from goalchain.units import magnitude_in, parse_quantity
    >>> magnitude_in(parse_quantity("1 234,5 kr"), "tkr")
    1.2345
    """
    quantity = parse_quantity(quantity)
    return _to(
        quantity, parse_unit(unit), expected=unit, element=None, field=None, original=quantity
    )
