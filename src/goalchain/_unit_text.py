"""Values with their units, written for people in a language goalchain speaks.

The units layer's part of formatting: a unit string is read here
(:func:`goalchain.units.canonical_unit`), and the number is written by the
ground floor (:mod:`goalchain._i18n`). The symbols and the wording of units
("1 dag", "3 dagar", "per 1 000 inv.") are messages in the catalogs: English
in the code, Swedish in ``sv/LC_MESSAGES/goalchain.po``. A unit the catalogs
do not name is shown by pint's short form (``kWh/m²``).
"""

from __future__ import annotations

import functools
import math

from ._i18n import check_lang, npgettext, pgettext
from ._i18n._numbers import (
    CURRENCY_UNITS,
    NBSP,
    Conventions,
    conventions,
    localised_digits,
    money_symbol,
    python_digits,
)
from .units import canonical_unit, parse_unit

__all__ = ["format_value", "format_value_sv_en", "unit_symbol"]


def _symbol_of_key(key: str, lang: str) -> str | None:
    """The symbol of a canonical unit *key* named in the catalogs (None: not named)."""
    # Each message is written out, so that `pybabel extract` finds it.
    if key == "percent":
        return pgettext("unit symbol", "%", lang)
    if key == "percentage_point":
        return pgettext("unit symbol", "pp", lang)
    if key in CURRENCY_UNITS and key != "SEK":  # tkr, mnkr: the same symbols as in amounts
        return money_symbol(key, lang)
    if key == "per_1000_inhabitants":
        return pgettext("unit symbol", "per 1,000 inhabitants", lang)
    if key == "per_10000_inhabitants":
        return pgettext("unit symbol", "per 10,000 inhabitants", lang)
    if key == "per_100000_inhabitants":
        return pgettext("unit symbol", "per 100,000 inhabitants", lang)
    if key == "metric_ton":
        return pgettext("unit symbol", "t", lang)
    if key == "scandinavian_mile":
        return pgettext("unit symbol", "Swedish miles", lang)
    if key == "hectare":
        return pgettext("unit symbol", "ha", lang)
    if key == "SEK / inhabitant":
        return pgettext("unit symbol", "SEK per inhabitant", lang)
    if key in ("rank", "dimensionless", "index_point"):
        return ""  # a place, a ratio, an index: a bare number
    return None


def _counted_pattern(key: str, n: int, lang: str) -> str | None:
    """The pattern ``{number} …`` of a unit that is a counted word (None: not one).

    *n* is 1 for the number one and 2 for any other, so that the catalog's
    plural rule picks the form ("1 dag", "3 dagar", "1,5 dagar").
    """
    if key == "count":
        return npgettext("count", "{number}", "{number}", n, lang)
    if key == "day":
        return npgettext("unit", "{number} day", "{number} days", n, lang)
    if key == "hour":
        return npgettext("unit", "{number} hour", "{number} hours", n, lang)
    if key == "score":
        return npgettext("unit", "{number} point", "{number} points", n, lang)
    if key == "inhabitant":
        return npgettext("unit", "{number} inhabitant", "{number} inhabitants", n, lang)
    return None


@functools.lru_cache(maxsize=512)
def _symbol(unit: str, lang: str) -> str:
    key = canonical_unit(unit)
    if key == "SEK":
        return conventions(lang).krona
    symbol = _symbol_of_key(key, lang)
    if symbol is not None:
        return symbol
    pattern = _counted_pattern(key, 2, lang)
    if pattern is not None:
        return pattern.replace("{number}", "").strip()
    return f"{parse_unit(unit):~P}"  # pint's short form: kWh/m²


def unit_symbol(unit: str, *, lang: str = "sv") -> str:
    """The short symbol of a unit for display (``percent`` -> ``%``, ``SEK`` -> ``kr``).

    The krona's symbol is CLDR's (``kr`` in Swedish, ``SEK`` in English); the
    other municipal units have goalchain's own (``tkr``/``kSEK``, ``p.e.``/``pp``,
    ``inv.``), from the message catalogs; any other unit pint's short form.

    Parameters
    ----------
    unit
        A unit that :func:`goalchain.units.parse_unit` reads (``"%"``, ``"kr"``...).
    lang
        ``"sv"``, ``"en"`` or another language goalchain has a catalog for.

    Raises
    ------
    UnknownUnitError
        For a unit the registry does not know.
    InvalidValueError
        For a language goalchain does not speak.

    Examples
    --------
    >>> from goalchain.report import unit_symbol
    >>> unit_symbol("kronor"), unit_symbol("SEK", lang="en"), unit_symbol("procentenheter")
    ('kr', 'SEK', 'p.e.')
    >>> unit_symbol("kilowatt_hour / meter ** 2")
    'kWh/m²'
    """
    check_lang(lang)
    return _symbol(unit, lang)


def format_value(value: float, unit: str, *, lang: str = "sv", decimals: int | None = None) -> str:
    """A number with its unit: ``12,5 %``, ``1 234 kr``; ``12.5%``, ``SEK 1,234``.

    Percentages and amounts of money follow the CLDR patterns of the language:
    Swedish ``12,5 %`` (with a no-break space), ``1 234 kr``, ``12,5 mnkr``;
    English ``12.5%``, ``SEK 1,234``, ``MSEK 12.5``, ``kSEK 1,234`` (the
    symbol before the number, a no-break space between, the minus sign before
    both: ``-SEK 500``). Other units follow the number after a no-break space
    (``−1,1 p.e.``, ``4,2 per 1 000 inv.``); a unit that is a counted word
    agrees with the number (``1 dag``, ``3 dagar``).

    Parameters
    ----------
    value
        The number, in *unit*. NaN and infinities are written ``–`` alone.
    unit
        A unit that :func:`goalchain.units.parse_unit` reads.
    lang
        ``"sv"``, ``"en"`` or another language goalchain has a catalog for.
    decimals
        As for :func:`~goalchain.report.format_number`, except for kronor
        (``SEK``): by default whole kronor without decimals (``1 234 kr``),
        other amounts with the krona's two (``1 234,50 kr``).

    Returns
    -------
    str
        The value with its unit as text.

    Raises
    ------
    UnknownUnitError
        For a unit the registry does not know.
    InvalidValueError
        For a language goalchain does not speak.

    Examples
    --------
    >>> from goalchain.report import format_value
    >>> format_value(12.5, "percent")
    '12,5\u00a0%'
    >>> format_value(12.5, "percent", lang="en")
    '12.5%'
    >>> format_value(1234, "SEK"), format_value(1234, "kr", lang="en")
    ('1\u00a0234\u00a0kr', 'SEK\u00a01,234')
    >>> format_value(-12.5, "mnkr"), format_value(-12.5, "mnkr", lang="en")
    ('\u221212,5\u00a0mnkr', '-MSEK\u00a012.5')
    >>> format_value(-1.1, "procentenheter")
    '\u22121,1\u00a0p.e.'
    >>> format_value(1, "day"), format_value(3, "day"), format_value(1, "day", lang="en")
    ('1\u00a0dag', '3\u00a0dagar', '1\u00a0day')
    """
    found = conventions(lang)
    if not math.isfinite(value):
        return "–"
    key = canonical_unit(unit)
    text = _plain_digits(value, key, decimals, found.krona_digits)
    return _localise(text, key, unit, lang, found)


def format_value_sv_en(value: float, unit: str, *, decimals: int | None = None) -> tuple[str, str]:
    """:func:`format_value` in Swedish and in English, the number rounded once.

    For texts kept in both languages (the SMART check's messages).

    Examples
    --------
    >>> from goalchain._unit_text import format_value_sv_en
    >>> format_value_sv_en(1234, "SEK")
    ('1\u00a0234\u00a0kr', 'SEK\u00a01,234')
    """
    if not math.isfinite(value):
        return "–", "–"
    sv, en = conventions("sv"), conventions("en")
    key = canonical_unit(unit)
    text = _plain_digits(value, key, decimals, sv.krona_digits)  # the currency's, in any language
    return _localise(text, key, unit, "sv", sv), _localise(text, key, unit, "en", en)


def _plain_digits(value: float, key: str, decimals: int | None, krona_digits: int) -> str:
    """The number as Python writes it (``-1,234.5``), rounded for the unit *key*."""
    if key == "SEK" and decimals is None:
        text = f"{value:,.{krona_digits}f}"
        whole, _, fraction = text.partition(".")
        return whole if not fraction.strip("0") else text
    return python_digits(value, decimals)


def _localise(text: str, key: str, unit: str, lang: str, found: Conventions) -> str:
    """Python's *text* of a number in *lang*, with the unit's symbol."""
    digits = found.digits
    affixes = found.affixes.get(key)
    if affixes is None:
        pattern = _counted_pattern(key, 1 if text in ("1", "-1") else 2, lang)
        text = localised_digits(text, digits)
        if pattern is not None:
            # the no-break space between the number and its word
            return pattern.replace("{number} ", "{number}" + NBSP).format(number=text)
        symbol = _symbol(unit, lang)
        return f"{text}{NBSP}{symbol}" if symbol else text
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    text = localised_digits(text, digits)
    prefix, suffix = affixes[negative]
    return prefix + text + suffix
