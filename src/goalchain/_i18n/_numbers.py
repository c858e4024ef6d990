"""Numbers and dates written the Swedish or the English way (or a catalog's language).

The conventions come from the Unicode CLDR through Babel: the locale ``sv_SE``
for ``lang="sv"`` and ``en_GB`` for ``lang="en"`` (en_GB rather than en_US:
day-month-year dates, ``28 November 2022`` and ``28/11/2022``, as a European
reader of a Swedish municipality's English report expects; the numbers are the
same in both); any other language goalchain has a catalog for, its own CLDR
locale. The number symbols (decimal sign, group separator, minus sign, percent
sign), the percent and currency patterns and the symbol of the krona are read
from Babel once per language, the first time the language is used; the digits
are then written by Python's own formatting, so that :func:`format_number`
stays as fast as a few string replacements (checks format thousands of
numbers). Dates are formatted by Babel.

The ground floor: imports nothing of goalchain above :mod:`goalchain.exceptions`.
Units are known here only by their canonical keys (``percent``, ``SEK``,
``tkr``, ``mnkr``); reading a unit is the units layer's (:mod:`goalchain._unit_text`).
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

from ..exceptions import InvalidValueError
from ._catalog import N_, check_lang, pgettext

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "CURRENCY_UNITS",
    "NBSP",
    "Conventions",
    "conventions",
    "forget_conventions",
    "format_date",
    "format_number",
    "localised_digits",
    "money_symbol",
    "python_digits",
    "size_decimals",
]

# The CLDR locale behind each language goalchain writes; another language's is its own.
_LOCALES = {"sv": "sv_SE", "en": "en_GB"}
_DATE_STYLES = ("short", "medium", "long")
NBSP = "\u00a0"
"""The no-break space between a number and its unit, and between thousands in Swedish."""

CURRENCY_UNITS = ("SEK", "tkr", "mnkr")
"""Amounts of money (canonical unit keys), written with the locale's currency pattern."""


def size_decimals(value: float) -> int:
    """How many decimals a number of this size is written with where its unit fixes none.

    One from 100 up, two from 1 up, three below: the default of every number
    goalchain writes, and the rounding of a follow-up row in such a unit (taken
    from the row's largest value, so that its values and their gap round alike).

    Examples
    --------
    >>> from goalchain.units import size_decimals
    >>> size_decimals(1234.5), size_decimals(-7.25), size_decimals(0.125)
    (1, 2, 3)
    """
    magnitude = abs(value)
    if magnitude >= 100:
        return 1
    if magnitude >= 1:
        return 2
    return 3


_Affixes = tuple[tuple[str, str], tuple[str, str]]  # (prefix, suffix) if positive, if negative
_Replacements = dict[int, str]
"""A ``str.translate`` table from Python's ``,`` ``.`` ``-`` to a language's symbols."""


class Conventions(NamedTuple):
    """What one language's CLDR locale says about writing numbers, read once."""

    locale: Locale
    # what replaces "," "." "-" in Python's "-1,234.5" (a str.translate table);
    # None: they are the locale's own
    digits: _Replacements | None
    # unit key ("percent", "SEK", "tkr", "mnkr") -> the affixes of its pattern
    affixes: dict[str, _Affixes]
    krona: str  # CLDR's symbol of SEK: "kr" in Swedish, "SEK" in English
    krona_digits: int  # CLDR's decimals of SEK (2)


_LOADED: dict[str, Conventions] = {}
_DIGITS: dict[str, _Replacements | None] = {}  # _LOADED[lang].digits, for format_number


def conventions(lang: str) -> Conventions:
    """The conventions of *lang*, read from Babel the first time."""
    found = _LOADED.get(lang)
    if found is None:
        found = _load(lang)
        _DIGITS[lang] = found.digits
        _LOADED[lang] = found
    return found


def forget_conventions() -> None:
    """Forget the conventions read so far (when the languages spoken change)."""
    _LOADED.clear()
    _DIGITS.clear()


def _load(lang: str) -> Conventions:
    check_lang(lang)
    from babel import Locale
    from babel.numbers import get_currency_precision, get_currency_symbol

    locale = Locale.parse(_LOCALES.get(lang, lang))
    symbols = locale.number_symbols["latn"]  # goalchain writes the digits 0-9
    group, decimal, minus = symbols["group"], symbols["decimal"], symbols["minusSign"]
    for pattern in (locale.decimal_formats[None], locale.percent_formats[None]):
        if pattern.grouping != (3, 3):  # Python's "," groups by three
            raise InvalidValueError(
                N_(
                    "language {lang!r}: CLDR groups its numbers by {grouping}, "
                    "goalchain only by three digits"
                ),
                field="lang",
                params={"lang": lang, "grouping": pattern.grouping},
            )
    digits = (
        None
        if (group, decimal, minus) == (",", ".", "-")
        else str.maketrans({",": group, ".": decimal, "-": minus})
    )

    def affixes(pattern: str, symbol: str = "") -> _Affixes:
        parsed = {
            "percent": locale.percent_formats[None],
            "currency": locale.currency_formats["standard"],
        }[pattern]
        out = []
        for prefix, suffix in zip(parsed.prefix, parsed.suffix, strict=True):
            # CLDR: "-" in a pattern is the locale's minus sign, "%" its percent sign
            prefix, suffix = (
                a.replace("-", minus).replace("%", symbols["percentSign"]) for a in (prefix, suffix)
            )
            out.append((_currency(prefix, symbol, True), _currency(suffix, symbol, False)))
        return (out[0], out[1])

    krona = get_currency_symbol("SEK", locale=locale)
    table = {"percent": affixes("percent")}
    for unit in CURRENCY_UNITS:
        table[unit] = affixes("currency", krona if unit == "SEK" else money_symbol(unit, lang))
    return Conventions(
        locale=locale,
        digits=digits,
        affixes=table,
        krona=krona,
        krona_digits=get_currency_precision("SEK"),
    )


def _currency(affix: str, symbol: str, before: bool) -> str:
    """Put *symbol* for ``¤`` in a prefix (*before* the number) or a suffix.

    CLDR's currency spacing (root locale, which Babel does not apply): a
    no-break space goes between the digits and a symbol whose character next
    to them is neither a symbol nor a space (``SEK 12`` but ``$12``).
    """
    if "¤" not in affix:
        return affix
    edge = symbol[-1] if before else symbol[0]
    if unicodedata.category(edge)[0] not in "SZ":
        if before and affix.endswith("¤"):
            symbol += NBSP
        elif not before and affix.startswith("¤"):
            symbol = NBSP + symbol
    return affix.replace("¤", symbol)


def money_symbol(unit: str, lang: str) -> str:
    """The symbol of thousands or millions of kronor in *lang* (``tkr``/``kSEK``,
    ``mnkr``/``MSEK``); the krona's own is CLDR's (:attr:`Conventions.krona`)."""
    if unit == "tkr":
        return pgettext("unit symbol", "kSEK", lang)
    return pgettext("unit symbol", "MSEK", lang)


def format_number(value: float, *, lang: str = "sv", decimals: int | None = None) -> str:
    """Write a number the Swedish or the English way (CLDR ``sv_SE``, ``en_GB``).

    Swedish has a decimal comma, a no-break space between thousands and the
    minus sign U+2212 (``−1 234,5``); English ``-1,234.5``.

    Parameters
    ----------
    value
        The number. NaN and infinities are written ``–`` (an en dash), as a
        missing value in a table.
    lang
        ``"sv"``, ``"en"`` or another language of :func:`languages`.
    decimals
        How many decimals to write, trailing zeros kept. None (the default):
        three below 1, two from 1, one from 100, trailing zeros dropped
        (``80`` rather than ``80,0``).

    Returns
    -------
    str
        The number as text.

    Raises
    ------
    InvalidValueError
        For a language goalchain does not speak (see :func:`languages`).

    Notes
    -----
    The digits are rounded half to even from the float's exact binary value,
    by Python's formatting (``2.675`` is stored as 2.67499... and gives
    ``2,67``); Babel's ``format_decimal`` gives the same digits when passed
    ``decimal.Decimal(value)``. Babel writes a hyphen for negative numbers
    where CLDR's Swedish minus sign is U+2212; goalchain follows CLDR.

    Examples
    --------
    >>> from goalchain.report import format_number
    >>> format_number(1234.5)
    '1\u00a0234,5'
    >>> format_number(1234.5, lang="en")
    '1,234.5'
    >>> format_number(-0.125), format_number(12.0), format_number(2, decimals=2)
    ('\u22120,125', '12', '2,00')
    >>> format_number(float("nan"))
    '–'
    """
    try:
        digits = _DIGITS[lang]
    except KeyError:
        digits = conventions(lang).digits
    if not math.isfinite(value):
        return "–"
    return localised_digits(python_digits(value, decimals), digits)


def python_digits(value: float, decimals: int | None) -> str:
    """The number as Python writes it (``-1,234.5``): *decimals* places, or by
    default :func:`~goalchain.units.size_decimals` of them with trailing zeros dropped."""
    places = size_decimals(value) if decimals is None else decimals
    text = f"{value:,.{places}f}"
    if "." in text and decimals is None:
        text = text.rstrip("0").rstrip(".")
    return text


def localised_digits(text: str, digits: _Replacements | None) -> str:
    """Python's ``,`` ``.`` ``-`` in *text* replaced by the language's (None: kept)."""
    if digits is None:
        return text
    return text.translate(digits)


def _day(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise InvalidValueError(
        N_("expected a date or an ISO 8601 date text such as '2022-11-28', got {value!r}"),
        field="date",
        params={"value": value},
    )


def format_date(value: dt.date | str, *, lang: str = "sv", style: str = "short") -> str:
    """A date for people to read, written by Babel in CLDR's style for the language.

    | style  | ``lang="sv"``    | ``lang="en"``    |
    |--------|------------------|------------------|
    | short  | 2022-11-28       | 28/11/2022       |
    | medium | 28 nov. 2022     | 28 Nov 2022      |
    | long   | 28 november 2022 | 28 November 2022 |

    goalchain's reports write ``short`` where a date sits in a table or a
    note (in Swedish it is ISO 8601, as controllers write it) and ``long`` in
    running text. Files and machine outputs (YAML, JSON, CSV, DataFrames) keep
    ISO 8601 whatever the language.

    Parameters
    ----------
    value
        A ``datetime.date``, a ``datetime.datetime`` (its own date, in its own
        time zone) or an ISO 8601 text (``"2022-11-28"``, ``"2025-03-01T10:00:00Z"``).
    lang
        ``"sv"``, ``"en"`` or another language of :func:`languages`.
    style
        ``"short"``, ``"medium"`` or ``"long"``.

    Returns
    -------
    str
        The date as text.

    Raises
    ------
    InvalidValueError
        For a value that is not a date, a language other than ``"sv"`` and
        ``"en"``, or an unknown style.

    Examples
    --------
    >>> import datetime as dt
    >>> from goalchain.report import format_date
    >>> day = dt.date(2022, 11, 28)
    >>> format_date(day), format_date(day, style="long"), format_date(day, lang="en", style="long")
    ('2022-11-28', '28 november 2022', '28 November 2022')
    >>> format_date("2025-03-01T10:00:00Z", lang="en")
    '01/03/2025'
    """
    conventions_ = conventions(lang)
    if style not in _DATE_STYLES:
        raise InvalidValueError(
            N_("unknown date style {style!r}; valid: {valid}"),
            field="style",
            params={"style": style, "valid": ", ".join(_DATE_STYLES)},
        )
    from babel.dates import format_date as babel_format_date

    return babel_format_date(_day(value), format=style, locale=conventions_.locale)
