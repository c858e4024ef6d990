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

What a unit may be
------------------
Unit text comes from files other people wrote, so it is read, never evaluated:
neither by ``eval`` nor by pint's expression parser (which computes ``kr**9**9**9``
until the process is killed). A unit is names (goalchain's and pint's, as above)
joined by ``*``, ``·``, ``/`` or ``per`` or written side by side (``kr inv``), each
with at most one whole power from -4 to 4 (``m**2``, ``m^2``, ``m²``, ``m⁻¹``,
``square meter``), in at most :data:`MAX_UNIT_NESTING` levels of parentheses, in at
most :data:`MAX_UNIT_LENGTH` characters. A number in a unit is 1 (``1/inv``), or
1000, 10 000 or 100 000 before inhabitants (``per 1000 invånare``,
``kr/1000 inv``), or 1000 or 1 000 000 before kronor (``1000 kr`` is ``tkr``).
Anything else is an :class:`~goalchain.exceptions.UnknownUnitError` that says
what in the text cannot be read (``kr/0``, ``kr**1e400``, ``kr**0.5``).

A value with its unit (``"12,5 %"``) is at most :data:`MAX_VALUE_LENGTH`
characters, its number at most :data:`MAX_NUMBER_DIGITS` digits 0-9 (``٣`` and
``²`` are refused, not read as 3 or 2) and a finite float.

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
from pint.util import UnitsContainer

from ._i18n._numbers import size_decimals
from ._unit_grammar import (
    MAX_UNIT_DIGITS,
    MAX_UNIT_LENGTH,
    MAX_UNIT_NESTING,
    MAX_UNIT_POWER,
    Powers,
    describe_char,
    parse_unit_text,
)
from .exceptions import (
    N_,
    AmbiguousUnitError,
    InvalidValueError,
    Message,
    UnitMismatchError,
    UnknownUnitError,
)

__all__ = [
    "MAX_NUMBER_DIGITS",
    "MAX_UNIT_DIGITS",
    "MAX_UNIT_LENGTH",
    "MAX_UNIT_NESTING",
    "MAX_UNIT_POWER",
    "MAX_VALUE_LENGTH",
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

# pint's names of units a Swede and pint read differently: (what it may mean,
# the names to write instead). A word pint reads as one of these (an alias, a
# plural, a prefixed form) is refused, unless it is one of _UNAMBIGUOUS.
_AMBIGUOUS: dict[str, tuple[str, tuple[str, ...]]] = {
    "ton": (
        N_("to pint a ton is a US short ton (907 kg), in Sweden a tonne (1000 kg)"),
        (N_("'ton' or 't' (1000 kg)"), "'kilotonne'", "'short_ton'", "'long_ton'"),
    ),
    "mile": (
        N_("a mile is 1.609 km in English, a Swedish mil 10 km"),
        (N_("'mil' (Swedish mil, 10 km)"), "'km'", "'international_mile'"),
    ),
    "mil": (
        N_("to pint mils are an angle, in Sweden a mil is 10 km"),
        (N_("'mil' (Swedish mil, 10 km)"), "'milliradian'", "'thou'"),
    ),
    "gallon": (
        N_("a US gallon is 3.785 l, an imperial gallon 4.546 l"),
        ("'liter'", "'US_liquid_gallon'", "'imperial_gallon'"),
    ),
    "pint": (
        N_("a US pint is 0.473 l, an imperial pint 0.568 l"),
        ("'liter'", "'US_pint'", "'imperial_pint'"),
    ),
    "quart": (
        N_("a US quart is 0.946 l, an imperial quart 1.137 l"),
        ("'liter'", "'US_liquid_quart'", "'imperial_quart'"),
    ),
    "cup": (
        N_("a US cup is 2.37 dl, an imperial cup 2.84 dl"),
        ("'dl'", "'US_liquid_cup'", "'imperial_cup'"),
    ),
    "fluid_ounce": (
        N_("a US fluid ounce is 29.6 ml, an imperial one 28.4 ml"),
        ("'ml'", "'US_fluid_ounce'", "'imperial_fluid_ounce'"),
    ),
    "ounce": (
        N_("an ounce is 28.35 g (avoirdupois) or 31.1 g (troy), or a fluid ounce"),
        ("'gram'", "'avoirdupois_ounce'", "'troy_ounce'", "'US_fluid_ounce'"),
    ),
    "pound": (
        N_("a pound is 454 g (avoirdupois), 373 g (troy) or a currency"),
        ("'kg'", "'avoirdupois_pound'", "'troy_pound'"),
    ),
    "barrel": (
        N_("a barrel is 119 l (US), 159 l (oil) or 164 l (imperial)"),
        ("'liter'", "'oil_barrel'", "'imperial_barrel'"),
    ),
    "hundredweight": (
        N_("a hundredweight is 45.4 kg (US) or 50.8 kg (British)"),
        ("'kg'", "'US_hundredweight'", "'UK_hundredweight'"),
    ),
    "point": (
        N_("points may be percentage points, scores or printer's points"),
        ("'percentage_point' ('procentenheter')", "'score' ('poäng')", "'printers_point'"),
    ),
    "knot": (
        N_("kt is a knot to pint, a kilotonne in emission figures"),
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

MAX_VALUE_LENGTH = 500
"""Most characters in a value with its unit (``"1 234,5 kr/inv"``); longer text is refused
before it is read."""
MAX_NUMBER_DIGITS = 40
"""Most digits in a number written as text (a float keeps 17); more is refused, not rounded."""

# The number at the start of a value, matched from its first character (no ``$``, no
# pattern for the rest, which is the unit): each part is tried once, so the time is
# linear in the text. Digits are ASCII only; "٣" is refused, not read as 3.
_NUMBER = re.compile(
    r"""(?P<sign>[+\-\u2212]?)[ \t\u00a0\u202f\u2009]*
    (?P<number>
        [0-9]{1,3}(?:[\u00a0\u202f\u2009\ ][0-9]{3})+(?:[.,][0-9]+)?   # 1 234 567,5
      | [0-9]+(?:[.,][0-9]+)?                                         # 1234,5 or 1234.5
      | [.,][0-9]+                                                    # ,5
    )
    (?:[eE](?P<exp>[+\-]?[0-9]+))?""",
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


_TO_SPACE = str.maketrans({space: " " for space in _SPACES})


def _lookup(word: str) -> Powers:
    """The registry's names and powers of one unit name (``"kvm"`` -> ``{"meter": 2}``)."""
    return dict(_name_powers(word))


@functools.lru_cache(maxsize=1024)
def _name_powers(word: str) -> tuple[tuple[str, int], ...]:
    if word in _PREFIXED_KRONOR:
        return ((_PREFIXED_KRONOR[word], 1),)
    name = word
    mapped = _SWEDISH_UNITS.get(word.lower())
    if mapped is None and word.endswith("."):  # an abbreviation: "inv.", "st."
        name = word[:-1]
        if name in _PREFIXED_KRONOR:
            return ((_PREFIXED_KRONOR[name], 1),)
        mapped = _SWEDISH_UNITS.get(name.lower())
    if mapped is not None:  # the registry's names, read by the same grammar
        return tuple(parse_unit_text(mapped, _lookup).items())
    name = name.replace("°", "degree")  # "°C", "Δ°C", as pint reads them
    registry = get_registry()
    _refuse_ambiguous(name, registry)
    try:
        canonical = registry.get_name(name)
    except (pint.errors.UndefinedUnitError, AttributeError, TypeError, ValueError) as err:
        raise UnknownUnitError(word) from err
    return ((canonical, 1),) if canonical else ()


@functools.lru_cache(maxsize=256)
def _is_offset(name: str) -> bool:
    """True for a unit that is not a plain multiple (``degree_Celsius``, ``decibel``): pint
    reads it multiplied, divided or powered as a difference (``delta_``), and so does this."""
    definition = getattr(get_registry(), "_units", {}).get(name)
    return definition is not None and not getattr(definition, "is_multiplicative", True)


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
            raise AmbiguousUnitError(
                word, meanings=Message(meanings), use=[Message(words) for words in use]
            )


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
    >>> parse_unit("kr/invånare"), parse_unit("kWh/m²"), parse_unit("kr/1000 inv")
    (<Unit('SEK / inhabitant')>, <Unit('kilowatt_hour / meter ** 2')>, \
<Unit('SEK * per_1000_inhabitants')>)
    >>> parse_unit("kr/0")
    Traceback (most recent call last):
    ...
    goalchain.exceptions.UnknownUnitError: unknown unit 'kr/0': the number 0: a number in a \
unit is 1 ('1/inv'), or 1000, 10 000 or 100 000 before inhabitants ('per 1000 invånare') or \
1000 or 1 000 000 before kronor ('1000 kr' is 'tkr'); use a pint unit or a municipal one \
such as 'percent' ('%'), 'percentage_point' ('procentenheter'), 'SEK' ('kr'), 'tkr', 'mnkr', \
'inhabitant', 'per_1000_inhabitants', 'count', 'day', 'hour'
    """
    if not isinstance(text, str) or not text.strip():
        written = str(text)  # no unit at all: the error words it whole
        raise UnknownUnitError(written)
    if len(text) > MAX_UNIT_LENGTH:  # before any other work
        raise UnknownUnitError(
            text,
            reason=Message(
                N_("it is {n} characters long; a unit has at most {most}"),
                n=len(text),
                most=MAX_UNIT_LENGTH,
            ),
        )
    cleaned = " ".join(text.translate(_TO_SPACE).split())
    whole = _SWEDISH_UNITS.get(cleaned.lower())
    try:
        powers = parse_unit_text(whole or cleaned, _lookup)
    except AmbiguousUnitError:
        raise
    except UnknownUnitError as err:
        raise UnknownUnitError(text, reason=err.reason) from err
    if len(powers) > 1 or any(power != 1 for power in powers.values()):
        # as pint: a temperature multiplied, divided or powered is a difference
        powers = {
            (f"delta_{name}" if _is_offset(name) else name): power for name, power in powers.items()
        }
    return get_registry().Unit(UnitsContainer(powers))


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
        raise InvalidValueError(N_("expected a plain number, got {text!r}"), params={"text": text})
    return value


def _split_number(text: str) -> tuple[float, str]:
    """The number at the start of *text* and the unit text after it, in linear time."""
    if len(text) > MAX_VALUE_LENGTH:  # before any other work: a 128 KB cell is refused at once
        raise InvalidValueError(
            N_("{shown} is {n} characters long; a number with its unit has at most {most}"),
            params={"shown": _shown(text), "n": len(text), "most": MAX_VALUE_LENGTH},
        )
    stripped = text.strip()
    for char in stripped:
        if char.isdecimal() and not char.isascii():
            raise InvalidValueError(
                _NOT_A_DIGIT, params={"text": text, "char": describe_char(char)}
            )
    match = _NUMBER.match(stripped)
    if match is None:
        rest = stripped.lstrip("+-\u2212 \t\u00a0\u202f\u2009")
        if rest and rest[0].isnumeric():  # "²⁰²⁴", "½"
            raise InvalidValueError(
                _NOT_A_DIGIT, params={"text": text, "char": describe_char(rest[0])}
            )
        raise InvalidValueError(
            N_(
                "cannot read a number from {text!r}; write for example '12,5 %', '1 234 kr' "
                "or '78.0'"
            ),
            params={"text": text},
        )
    after = stripped[match.end() : match.end() + 1]
    if after.isnumeric():  # "10²": a superscript straight after the digits
        raise InvalidValueError(
            N_(
                "{text!r}: {char} after the number is not a digit 0-9; write numbers with the "
                "digits 0-9 (and a power of a unit after the unit: 'm²')"
            ),
            params={"text": text, "char": describe_char(after)},
        )
    digits = match["number"]
    for space in _SPACES:
        digits = digits.replace(space, "")
    digits = digits.replace(",", ".")
    count = sum(char.isdigit() for char in digits) + len(match["exp"] or "")
    if count > MAX_NUMBER_DIGITS:
        whole = len(digits.partition(".")[0].lstrip("0"))
        raise InvalidValueError(
            N_(
                "{shown} has {count} digits and is too large for a finite number (at most "
                "±1.8e308); a number has at most {most} digits (a float keeps 17)"
            )
            if whole > 308
            else N_(
                "{shown} has {count} digits; a number has at most {most} digits (a float keeps 17)"
            ),
            params={"shown": _shown(text), "count": count, "most": MAX_NUMBER_DIGITS},
        )
    sign = "-" if match["sign"] in "-\u2212" and match["sign"] else ""
    exponent = f"e{match['exp']}" if match["exp"] else ""
    value = float(sign + digits + exponent)
    if not math.isfinite(value):
        raise InvalidValueError(
            N_("{text!r} is too large for a finite number (at most ±1.8e308)"),
            params={"text": text},
        )
    if value == 0 and digits.strip("0.") != "":
        raise InvalidValueError(
            N_("{text!r} is too small to tell from 0; numbers are 0 or at least 2.2e-308 in size"),
            params={"text": text},
        )
    return value, stripped[match.end() :].strip()


_NOT_A_DIGIT = N_("{text!r}: {char} is not a digit 0-9; write numbers with the digits 0-9")


def _shown(text: str) -> Message | str:
    """*text* in quotes, cut to its start when long (a message names it, never repeats it)."""
    if len(text) <= 80:
        return repr(text)
    return Message(N_("{start}... ({n} characters)"), start=repr(text[:60]), n=len(text))


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
        if not isinstance(magnitude, (int, float)) or isinstance(magnitude, bool):
            raise InvalidValueError(
                N_("expected a scalar quantity, got {value!r}"), params={"value": value}
            )
        number = _as_float(magnitude)
        # a Quantity's unit is pint's, not a Swedish word: its 'ton' is a short ton
        return registry.Quantity(number, _pint_unit(value.units))
    if isinstance(value, str):
        number, unit_text = _split_number(value)
        if unit_text:
            return registry.Quantity(number, parse_unit(unit_text))
        return registry.Quantity(number, parse_unit(unit) if unit else "")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidValueError(
            N_("expected a number, a string such as '12,5 %' or a pint Quantity, got {value!r}"),
            params={"value": value},
        )
    return registry.Quantity(_as_float(value), parse_unit(unit) if unit else "")


def _as_float(value: int | float) -> float:
    """*value* as a finite float; an int beyond a float (400 digits) is an InvalidValueError."""
    try:
        number = float(value)
    except OverflowError:
        digits = int(value.bit_length() * 0.30103) + 1 if isinstance(value, int) else 0
        raise InvalidValueError(
            N_(
                "an integer of about {digits} digits is too large for a finite number (at most "
                "±1.8e308)"
            ),
            params={"digits": digits},
        ) from None
    _check_finite(number, value)
    return number


def _pint_unit(unit: Any) -> Any:
    """A Quantity's unit (of any registry) in goalchain's, name by name as pint names
    them: its names are looked up, its text never parsed."""
    registry = get_registry()
    written = str(unit)
    powers: dict[str, float] = {}
    for name, power in dict(getattr(unit, "_units", {})).items():
        if not (isinstance(power, (int, float)) and math.isfinite(power)):
            raise UnknownUnitError(
                written,
                reason=Message(N_("{name!r} has the power {power!r}"), name=name, power=power),
            )
        try:
            canonical = registry.get_name(name)
        except (pint.errors.UndefinedUnitError, AttributeError, TypeError, ValueError) as err:
            raise UnknownUnitError(
                written, reason=Message(N_("{name!r} is no unit goalchain knows"), name=name)
            ) from err
        if canonical:
            powers[canonical] = powers.get(canonical, 0) + power
    return registry.Unit(UnitsContainer({k: v for k, v in powers.items() if v}))


def _check_finite(number: float, original: Any) -> None:
    if not math.isfinite(number):
        raise InvalidValueError(
            N_("{original!r} is not a finite number (NaN and infinity are refused)"),
            params={"original": original},
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
        if err.template is None:  # pragma: no cover - goalchain's own errors have templates
            raise InvalidValueError(err.reason, element=element, field=field) from err
        raise InvalidValueError(
            err.template, element=element, field=field, params=err.params
        ) from err
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
