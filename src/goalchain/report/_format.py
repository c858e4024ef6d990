"""Numbers, units, dates and statuses written the Swedish or the English way.

The conventions come from the Unicode CLDR through Babel: the locale ``sv_SE``
for ``lang="sv"`` and ``en_GB`` for ``lang="en"`` (en_GB rather than en_US:
day-month-year dates, ``28 November 2022`` and ``28/11/2022``, as a European
reader of a Swedish municipality's English report expects; the numbers are the
same in both). The number symbols (decimal sign, group separator, minus sign,
percent sign), the percent and currency patterns and the symbol of the krona
are read from Babel once per language, the first time the language is used;
the digits are then written by Python's own formatting, so that
:func:`format_number` stays as fast as a few string replacements (checks
format thousands of numbers). Dates are formatted by Babel.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from .._lang import check_lang
from ..exceptions import InvalidValueError
from ..models._target import COMPARISON_SYMBOLS
from ..units import canonical_unit, size_decimals

if TYPE_CHECKING:
    from babel import Locale

    from ..models import Target

__all__ = [
    "STATUS_LABELS",
    "assessment_method_label",
    "computed_note",
    "element_kind_label",
    "format_date",
    "format_number",
    "format_value",
    "period_label",
    "provenance_label",
    "scorer_label",
    "status_label",
    "strategy_label",
    "unit_symbol",
]

STATUS_LABELS: dict[str, dict[str, str]] = {
    "achieved": {"sv": "uppfyllt", "en": "achieved"},
    "partly": {"sv": "delvis uppfyllt", "en": "partly achieved"},
    "not_achieved": {"sv": "ej uppfyllt", "en": "not achieved"},
    "not_assessed": {"sv": "ej bedömt", "en": "not assessed"},
}

# The CLDR locale behind each language goalchain writes.
_LOCALES = {"sv": "sv_SE", "en": "en_GB"}
_DATE_STYLES = ("short", "medium", "long")
_NBSP = "\u00a0"

_UNIT_SYMBOLS: dict[str, dict[str, str]] = {
    "percent": {"sv": "%", "en": "%"},
    "percentage_point": {"sv": "p.e.", "en": "pp"},
    # "SEK" is CLDR's symbol of the krona in the language ("kr", "SEK")
    "tkr": {"sv": "tkr", "en": "kSEK"},
    "mnkr": {"sv": "mnkr", "en": "MSEK"},
    "per_1000_inhabitants": {"sv": "per 1 000 inv.", "en": "per 1,000 inhabitants"},
    "per_10000_inhabitants": {"sv": "per 10 000 inv.", "en": "per 10,000 inhabitants"},
    "per_100000_inhabitants": {"sv": "per 100 000 inv.", "en": "per 100,000 inhabitants"},
    "metric_ton": {"sv": "ton", "en": "t"},
    "scandinavian_mile": {"sv": "mil", "en": "Swedish miles"},
    "rank": {"sv": "", "en": ""},  # a place is a bare number: "Placering …: 3"
    "hectare": {"sv": "ha", "en": "ha"},
    "inhabitant": {"sv": "inv.", "en": "inhabitants"},
    "count": {"sv": "st", "en": ""},
    "day": {"sv": "dagar", "en": "days"},
    "hour": {"sv": "timmar", "en": "hours"},
    "dimensionless": {"sv": "", "en": ""},
    "SEK / inhabitant": {"sv": "kr/inv.", "en": "SEK per inhabitant"},
    "score": {"sv": "poäng", "en": "points"},
    "index_point": {"sv": "", "en": ""},
}

# Units whose symbol is a word with a singular, for exactly one (of a whole number).
_SINGULAR: dict[str, dict[str, str]] = {
    "day": {"sv": "dag", "en": "day"},
    "hour": {"sv": "timme", "en": "hour"},
    "score": {"sv": "poäng", "en": "point"},
    "inhabitant": {"sv": "inv.", "en": "inhabitant"},
}

# Amounts of money, written with the locale's currency pattern.
_CURRENCY_UNITS = ("SEK", "tkr", "mnkr")

_Affixes = tuple[tuple[str, str], tuple[str, str]]  # (prefix, suffix) if positive, if negative
_Replacements = tuple[str, str, str]


class _Conventions(NamedTuple):
    """What one language's CLDR locale says about writing numbers, read once."""

    locale: Locale
    # what replaces "," "." "-" in Python's "-1,234.5"; None: they are the locale's
    digits: _Replacements | None
    # unit key ("percent", "SEK", "tkr", "mnkr") -> the affixes of its pattern
    affixes: dict[str, _Affixes]
    krona: str  # CLDR's symbol of SEK: "kr" in Swedish, "SEK" in English
    krona_digits: int  # CLDR's decimals of SEK (2)


_LOADED: dict[str, _Conventions] = {}
_DIGITS: dict[str, _Replacements | None] = {}  # _LOADED[lang].digits, for format_number


def _conventions(lang: str) -> _Conventions:
    """The conventions of *lang*, read from Babel the first time."""
    found = _LOADED.get(lang)
    if found is None:
        found = _load(lang)
        _DIGITS[lang] = found.digits
        _LOADED[lang] = found
    return found


def _load(lang: str) -> _Conventions:
    check_lang(lang)
    from babel import Locale
    from babel.numbers import get_currency_precision, get_currency_symbol

    locale = Locale.parse(_LOCALES[lang])
    symbols = locale.number_symbols["latn"]  # goalchain writes the digits 0-9
    group, decimal, minus = symbols["group"], symbols["decimal"], symbols["minusSign"]
    for pattern in (locale.decimal_formats[None], locale.percent_formats[None]):
        if pattern.grouping != (3, 3):  # Python's "," groups by three
            raise NotImplementedError(f"{locale}: grouping {pattern.grouping} is not supported")
    if "." in group or "-" in group or "-" in decimal:  # replaced again (group "." in de)
        raise NotImplementedError(f"{locale}: symbols {group!r} {decimal!r} {minus!r}")
    digits = None if (group, decimal, minus) == (",", ".", "-") else (group, decimal, minus)

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
    for unit in _CURRENCY_UNITS:
        table[unit] = affixes("currency", krona if unit == "SEK" else _UNIT_SYMBOLS[unit][lang])
    return _Conventions(
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
            symbol += _NBSP
        elif not before and affix.startswith("¤"):
            symbol = _NBSP + symbol
    return affix.replace("¤", symbol)


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
        ``"sv"`` or ``"en"``.
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
        For a language other than ``"sv"`` and ``"en"``.

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
        digits = _conventions(lang).digits
    if not math.isfinite(value):
        return "–"
    return _localised_digits(_python_digits(value, decimals), digits)


def _python_digits(value: float, decimals: int | None) -> str:
    """The number as Python writes it (``-1,234.5``): *decimals* places, or by
    default :func:`~goalchain.units.size_decimals` of them with trailing zeros dropped."""
    places = size_decimals(value) if decimals is None else decimals
    text = f"{value:,.{places}f}"
    if "." in text and decimals is None:
        text = text.rstrip("0").rstrip(".")
    return text


def _localised_digits(text: str, digits: _Replacements | None) -> str:
    """Python's ``,`` ``.`` ``-`` in *text* replaced by the language's (None: kept)."""
    if digits is None:
        return text
    return text.replace(",", digits[0]).replace(".", digits[1]).replace("-", digits[2])


@functools.lru_cache(maxsize=512)
def _symbol(unit: str, lang: str) -> str:
    key = canonical_unit(unit)
    if key == "SEK":
        return _conventions(lang).krona
    entry = _UNIT_SYMBOLS.get(key)
    if entry is None:
        from ..units import parse_unit

        return f"{parse_unit(unit):~P}"  # pint's short form: kWh/m²
    return entry[lang]


def unit_symbol(unit: str, *, lang: str = "sv") -> str:
    """The short symbol of a unit for display (``percent`` -> ``%``, ``SEK`` -> ``kr``).

    The krona's symbol is CLDR's (``kr`` in Swedish, ``SEK`` in English); the
    other municipal units have goalchain's own (``tkr``/``kSEK``, ``p.e.``/``pp``,
    ``inv.``); any other unit pint's short form.

    Parameters
    ----------
    unit
        A unit that :func:`goalchain.units.parse_unit` reads (``"%"``, ``"kr"``...).
    lang
        ``"sv"`` or ``"en"``.

    Raises
    ------
    UnknownUnitError
        For a unit the registry does not know.
    InvalidValueError
        For a language other than ``"sv"`` and ``"en"``.

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
    (``−1,1 p.e.``, ``4,2 per 1 000 inv.``).

    Parameters
    ----------
    value
        The number, in *unit*. NaN and infinities are written ``–`` alone.
    unit
        A unit that :func:`goalchain.units.parse_unit` reads.
    lang
        ``"sv"`` or ``"en"``.
    decimals
        As for :func:`format_number`, except for kronor (``SEK``): by default
        whole kronor without decimals (``1 234 kr``), other amounts with the
        krona's two (``1 234,50 kr``).

    Returns
    -------
    str
        The value with its unit as text.

    Raises
    ------
    UnknownUnitError
        For a unit the registry does not know.
    InvalidValueError
        For a language other than ``"sv"`` and ``"en"``.

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
    conventions = _LOADED.get(lang) or _conventions(lang)
    if not math.isfinite(value):
        return "–"
    key = canonical_unit(unit)
    text = _plain_digits(value, key, decimals, conventions.krona_digits)
    return _localise(text, key, unit, lang, conventions)


_CHANGE_WORDS = {
    "increase": {"sv": "öka", "en": "increase"},
    "decrease": {"sv": "minska", "en": "decrease"},
    "maintain": {"sv": "bibehålla", "en": "maintain"},
}


def format_target(
    target: Target, unit: str, *, lang: str = "sv", decimals: int | None = None
) -> str:
    """A target as the municipality wrote it, or, when given as a number, formatted.

    A target written as text (``"minst 90 %"``, ``"Ska öka"``) is shown as
    written, in either language: it is the adopted wording. A number is
    written as :func:`format_value` writes it, a comparison or change made in
    code with its symbol or word.

    Examples
    --------
    >>> from goalchain.models import Target
    >>> from goalchain.report import format_target
    >>> format_target(Target.parse(2026, 90.0, "percent"), "percent")
    '90\xa0%'
    >>> format_target(Target.parse(2026, "≥30", "percent"), "percent")
    '≥30'
    >>> format_target(Target(year=2026, value=None, comparison="increase"), "st", lang="en")
    'increase'
    """
    check_lang(lang)
    if target.written is not None:
        return target.written
    comparison = target.comparison
    if comparison in _CHANGE_WORDS:
        return _CHANGE_WORDS[comparison][lang]
    shown = format_value(target.number, unit, lang=lang, decimals=decimals)
    if comparison is None:
        return shown
    return f"{COMPARISON_SYMBOLS[comparison]}\xa0{shown}"


def target_text(target: Target | None, level: str, unit: str, *, lang: str = "sv") -> str:
    """The target of a follow-up row as a person reads it, beside the *level* shown.

    A target written as text (or a comparison made in code) as :func:`format_target`
    writes it, a change with the level it asks for in brackets (``öka (92,0 %)``);
    a plain number, or no target, as its *level* (already formatted).

    Examples
    --------
    >>> from goalchain.models import Target
    >>> target_text(Target.parse(2024, "Ska öka", None), "92,0 %", "percent")
    'Ska öka (92,0 %)'
    >>> target_text(Target.parse(2024, 84.0, "percent"), "84,0 %", "percent")
    '84,0 %'
    """
    if target is None or (target.written is None and target.comparison is None):
        return level
    written = format_target(target, unit, lang=lang)
    return f"{written} ({level})" if target.is_change else written


def format_value_sv_en(value: float, unit: str, *, decimals: int | None = None) -> tuple[str, str]:
    """:func:`format_value` in Swedish and in English, the number rounded once.

    For texts kept in both languages (the SMART check's messages).

    Examples
    --------
    >>> from goalchain.report._format import format_value_sv_en
    >>> format_value_sv_en(1234, "SEK")
    ('1\u00a0234\u00a0kr', 'SEK\u00a01,234')
    """
    if not math.isfinite(value):
        return "–", "–"
    sv, en = _LOADED.get("sv") or _conventions("sv"), _LOADED.get("en") or _conventions("en")
    key = canonical_unit(unit)
    text = _plain_digits(value, key, decimals, sv.krona_digits)  # the currency's, in any language
    return _localise(text, key, unit, "sv", sv), _localise(text, key, unit, "en", en)


def _plain_digits(value: float, key: str, decimals: int | None, krona_digits: int) -> str:
    """The number as Python writes it (``-1,234.5``), rounded for the unit *key*."""
    if key == "SEK" and decimals is None:
        text = f"{value:,.{krona_digits}f}"
        whole, _, fraction = text.partition(".")
        return whole if not fraction.strip("0") else text
    return _python_digits(value, decimals)


def _localise(text: str, key: str, unit: str, lang: str, conventions: _Conventions) -> str:
    """Python's *text* of a number in *lang*, with the unit's symbol."""
    digits = conventions.digits
    affixes = conventions.affixes.get(key)
    if affixes is None:
        singular = key in _SINGULAR and text in ("1", "-1")  # "1 dag", not "1 dagar"
        text = _localised_digits(text, digits)
        symbol = _SINGULAR[key][lang] if singular else _symbol(unit, lang)
        return f"{text}{_NBSP}{symbol}" if symbol else text
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    if digits is not None:
        text = text.replace(",", digits[0]).replace(".", digits[1])
    prefix, suffix = affixes[negative]
    return prefix + text + suffix


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
        f"expected a date or an ISO 8601 date text such as '2022-11-28', got {value!r}",
        field="date",
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
        ``"sv"`` or ``"en"``.
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
    conventions = _conventions(lang)
    if style not in _DATE_STYLES:
        raise InvalidValueError(
            f"unknown date style {style!r}; valid: {', '.join(_DATE_STYLES)}", field="style"
        )
    from babel.dates import format_date as babel_format_date

    return babel_format_date(_day(value), format=style, locale=conventions.locale)


_PROVENANCE = {
    "computed": {"sv": "beräknad", "en": "computed"},
    "dialogue": {"sv": "dialog", "en": "dialogue"},
    "fallback": {"sv": "inväntar dialog", "en": "awaiting dialogue"},
}


def computed_note(value: float, *, lang: str = "sv") -> str:
    """The value a strategy computed beside a dialogue's (``beräknat 0,27``)."""
    word = "computed" if lang == "en" else "beräknat"
    return f"{word} {format_number(value, lang=lang, decimals=2)}"


def provenance_label(provenance: str, computed: float | None, *, lang: str = "sv") -> str:
    """Where a roll-up value came from, with the computed value beside a dialogue's.

    Examples
    --------
    >>> from goalchain.report import provenance_label
    >>> provenance_label("dialogue", 0.2667), provenance_label("fallback", 0.5, lang="en")
    ('dialog (beräknat 0,27)', 'awaiting dialogue')
    """
    label = _PROVENANCE.get(provenance, {}).get("en" if lang == "en" else "sv", provenance)
    if provenance == "dialogue" and computed is not None:
        label += f" ({computed_note(computed, lang=lang)})"
    return label


def status_label(status: str, *, lang: str = "sv") -> str:
    """The label of a status key in Swedish or English (``partly`` -> ``delvis uppfyllt``)."""
    return STATUS_LABELS[status]["en" if lang == "en" else "sv"]


# Names that goalchain keeps as keys in files and machine outputs (JSON, DataFrames,
# to_dict), written for people. A name missing here (a user's own strategy,
# scorer or assessment method) is shown as it is.
_STRATEGY_LABELS: dict[str, dict[str, str]] = {
    "weighted": {"sv": "viktad", "en": "weighted"},
    "worst_case": {"sv": "sämsta utfall", "en": "worst case"},
    "mean": {"sv": "medelvärde", "en": "mean"},
    "threshold": {"sv": "tröskel", "en": "threshold"},
    "dialogue": {"sv": "dialog", "en": "dialogue"},
}

_SCORER_LABELS: dict[str, dict[str, str]] = {
    "progress": {"sv": "framsteg mot årsmålet", "en": "progress towards the annual target"},
    "target_met": {"sv": "årsmålet nått eller inte", "en": "annual target met or not"},
    "ratio": {"sv": "utfall i förhållande till målet", "en": "actual relative to the target"},
    # how an activity is scored (a NodeResult's strategy for an activity)
    "activity": {"sv": "aktivitetens status", "en": "activity status"},
}

_KIND_LABELS: dict[str, dict[str, str]] = {
    "goal": {"sv": "mål", "en": "goal"},
    "indicator": {"sv": "indikator", "en": "indicator"},
    "activity": {"sv": "aktivitet", "en": "activity"},
}

_METHOD_LABELS: dict[str, dict[str, str]] = {
    "dialogue": {"sv": "dialog", "en": "dialogue"},
    "analysis": {"sv": "analys", "en": "analysis"},
    "report_back": {"sv": "återrapportering", "en": "report-back"},
    "follow_up": {"sv": "uppföljning", "en": "follow-up"},
    "self_assessment": {"sv": "självskattning", "en": "self-assessment"},
    "indicators": {"sv": "indikatorer", "en": "indicators"},
}


def _label(table: Mapping[str, Mapping[str, str]], name: str, lang: str) -> str:
    check_lang(lang)
    entry = table.get(name)
    return name if entry is None else entry[lang]


def strategy_label(name: str, *, lang: str = "sv") -> str:
    """The name of a roll-up strategy for people to read (``weighted`` -> ``viktad``).

    | name         | ``lang="sv"``   | ``lang="en"`` |
    |--------------|-----------------|---------------|
    | weighted     | viktad          | weighted      |
    | worst_case   | sämsta utfall   | worst case    |
    | mean         | medelvärde      | mean          |
    | threshold    | tröskel         | threshold     |
    | dialogue     | dialog          | dialogue      |

    Files and machine outputs (JSON, DataFrames, ``to_dict``) keep the names.

    Parameters
    ----------
    name
        The name the strategy is registered under.
    lang
        ``"sv"`` or ``"en"``.

    Returns
    -------
    str
        The label; the name itself for a strategy of your own.

    Raises
    ------
    InvalidValueError
        For a language other than ``"sv"`` and ``"en"``.

    See Also
    --------
    scorer_label : the same for the scorers of indicators.

    Examples
    --------
    >>> from goalchain.report import strategy_label
    >>> strategy_label("weighted"), strategy_label("worst_case", lang="en")
    ('viktad', 'worst case')
    >>> strategy_label("best_case")
    'best_case'
    """
    return _label(_STRATEGY_LABELS, name, lang)


def scorer_label(name: str, *, lang: str = "sv") -> str:
    """What an indicator's scorer measures, for people to read.

    ``progress`` scores the share of the way from the baseline to the year's
    annual target (*framsteg mot årsmålet*); ``target_met`` scores 1 when the
    annual target is met and 0 otherwise (*årsmålet nått eller inte*).
    ``activity``, the name a roll-up gives an activity's scoring (done 1, in
    progress its progress), reads *aktivitetens status*.

    Parameters
    ----------
    name
        The name the scorer is registered under, or ``"activity"``.
    lang
        ``"sv"`` or ``"en"``.

    Returns
    -------
    str
        The label; the name itself for a scorer of your own.

    Raises
    ------
    InvalidValueError
        For a language other than ``"sv"`` and ``"en"``.

    See Also
    --------
    strategy_label : the same for the roll-up strategies of goals.

    Examples
    --------
    >>> from goalchain.report import scorer_label
    >>> scorer_label("progress"), scorer_label("progress", lang="en")
    ('framsteg mot årsmålet', 'progress towards the annual target')
    >>> scorer_label("target_met"), scorer_label("target_met_1")
    ('årsmålet nått eller inte', 'target_met_1')
    """
    return _label(_SCORER_LABELS, name, lang)


def element_kind_label(kind: str, *, lang: str = "sv") -> str:
    """The kind of an element in words: ``goal``, ``indicator``, ``activity`` -> ``mål``...

    Parameters
    ----------
    kind
        ``"goal"``, ``"indicator"`` or ``"activity"`` (an element's ``kind``).
    lang
        ``"sv"`` or ``"en"``.

    Returns
    -------
    str
        The label; any other text is returned as it is.

    Raises
    ------
    InvalidValueError
        For a language other than ``"sv"`` and ``"en"``.

    Examples
    --------
    >>> from goalchain.report import element_kind_label
    >>> [element_kind_label(k) for k in ("goal", "indicator", "activity")]
    ['mål', 'indikator', 'aktivitet']
    >>> element_kind_label("activity", lang="en")
    'activity'
    """
    return _label(_KIND_LABELS, kind, lang)


def assessment_method_label(method: str, *, lang: str = "sv") -> str:
    """How an assessment was made, in words (``report_back`` -> ``återrapportering``).

    An :class:`~goalchain.models.Assessment`'s ``method`` is free text;
    goalchain knows ``dialogue`` (*dialog*, the default), ``analysis``
    (*analys*), ``report_back`` (*återrapportering*, Lerum), ``follow_up``
    (*uppföljning*), ``self_assessment`` (*självskattning*) and ``indicators``
    (*indikatorer*), written with an underscore, a hyphen or a space
    (``self-assessment``).

    Parameters
    ----------
    method
        The assessment's ``method``.
    lang
        ``"sv"`` or ``"en"``.

    Returns
    -------
    str
        The label; a method goalchain does not know is returned as it is.

    Raises
    ------
    InvalidValueError
        For a language other than ``"sv"`` and ``"en"``.

    Examples
    --------
    >>> from goalchain.report import assessment_method_label
    >>> assessment_method_label("report_back"), assessment_method_label("report_back", lang="en")
    ('återrapportering', 'report-back')
    >>> assessment_method_label("analysis"), assessment_method_label("medarbetarsamtal")
    ('analys', 'medarbetarsamtal')
    """
    check_lang(lang)
    entry = _METHOD_LABELS.get(method.strip().lower().replace("-", "_").replace(" ", "_"))
    return method if entry is None else entry[lang]


def period_label(period: Any, *, lang: str = "sv") -> str:
    """A follow-up period for people to read, in Swedish or English.

    | period        | ``lang="sv"`` | ``lang="en"``  |
    |---------------|---------------|----------------|
    | year          | 2024          | 2024           |
    | tertial       | 2024-T1       | 2024-T1        |
    | quarter       | 2024-Q3       | 2024-Q3        |
    | interim       | 2024-delår    | interim 2024   |

    Swedish keeps the notation of files and of ``--period`` (``str(period)``);
    English names the interim period (*delårsrapport*, January-August) in
    English. Files and machine outputs keep ``str(period)``.

    Parameters
    ----------
    period
        A :class:`~goalchain.models.Period` or anything
        :meth:`Period.parse <goalchain.models.Period.parse>` reads (``2024``,
        ``"2024-delår"``).
    lang
        ``"sv"`` or ``"en"``.

    Returns
    -------
    str
        The period as text.

    Raises
    ------
    PeriodError
        For a value that is not a period.
    InvalidValueError
        For a language other than ``"sv"`` and ``"en"``.

    Examples
    --------
    >>> from goalchain.report import period_label
    >>> period_label("2024-delår"), period_label("2024-delår", lang="en")
    ('2024-delår', 'interim 2024')
    >>> period_label(2024, lang="en"), period_label("2024-T2", lang="en")
    ('2024', '2024-T2')
    """
    check_lang(lang)
    if isinstance(period, (str, int)):  # what files and reasons hold, read once
        return _period_text(period, lang)
    return _period_label(period, lang)


@functools.lru_cache(maxsize=1024, typed=True)
def _period_text(period: str | int, lang: str) -> str:
    return _period_label(period, lang)


def _period_label(period: Any, lang: str) -> str:
    from ..models import Period

    parsed = Period.parse(period)
    if lang == "en" and parsed.kind == "interim":
        return f"interim {parsed.year}"
    return str(parsed)


def rule_label(kind: str, name: str, *, lang: str = "sv") -> str:
    """How a roll-up scored an element, in words: its strategy or its scorer.

    A roll-up's :attr:`NodeResult.strategy <goalchain.rollup.NodeResult.strategy>`
    is the strategy for a goal and the scorer (or ``"activity"``) for an
    indicator or an activity.

    Examples
    --------
    >>> from goalchain.report._format import rule_label
    >>> rule_label("goal", "weighted"), rule_label("indicator", "progress", lang="en")
    ('viktad', 'progress towards the annual target')
    """
    if kind == "goal":
        return strategy_label(name, lang=lang)
    return scorer_label(name, lang=lang)
