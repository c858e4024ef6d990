"""Numbers, units and statuses written the Swedish or the English way."""

from __future__ import annotations

import math

__all__ = [
    "STATUS_LABELS",
    "computed_note",
    "format_number",
    "format_value",
    "provenance_label",
    "status_label",
    "unit_symbol",
]

STATUS_LABELS: dict[str, dict[str, str]] = {
    "achieved": {"sv": "uppfyllt", "en": "achieved"},
    "partly": {"sv": "delvis uppfyllt", "en": "partly achieved"},
    "not_achieved": {"sv": "ej uppfyllt", "en": "not achieved"},
    "not_assessed": {"sv": "ej bedömt", "en": "not assessed"},
}

_UNIT_SYMBOLS: dict[str, dict[str, str]] = {
    "percent": {"sv": "%", "en": "%"},
    "percentage_point": {"sv": "p.e.", "en": "pp"},
    "SEK": {"sv": "kr", "en": "SEK"},
    "tkr": {"sv": "tkr", "en": "kSEK"},
    "mnkr": {"sv": "mnkr", "en": "MSEK"},
    "per_1000_inhabitants": {"sv": "per 1 000 inv.", "en": "per 1,000 inhabitants"},
    "inhabitant": {"sv": "inv.", "en": "inhabitants"},
    "count": {"sv": "st", "en": ""},
    "day": {"sv": "dagar", "en": "days"},
    "hour": {"sv": "timmar", "en": "hours"},
    "dimensionless": {"sv": "", "en": ""},
    "SEK / inhabitant": {"sv": "kr/inv.", "en": "SEK per inhabitant"},
    "score": {"sv": "poäng", "en": "points"},
    "index_point": {"sv": "", "en": ""},
}


def format_number(value: float, *, lang: str = "sv", decimals: int | None = None) -> str:
    """Write a number with a decimal comma and narrow spaces (sv) or the English way.

    Examples
    --------
    >>> from goalchain.report import format_number
    >>> format_number(1234.5)
    '1\u00a0234,5'
    >>> format_number(1234.5, lang="en")
    '1,234.5'
    >>> format_number(12.0)
    '12'
    """
    if not math.isfinite(value):
        return "–"
    places = _decimals(value) if decimals is None else decimals
    text = f"{value:,.{places}f}"
    if "." in text and decimals is None:
        text = text.rstrip("0").rstrip(".")
    if lang == "en":
        return text
    return text.replace(",", "\u00a0").replace(".", ",").replace("-", "\u2212")


def _decimals(value: float) -> int:
    magnitude = abs(value)
    if magnitude >= 100:
        return 1
    if magnitude >= 1:
        return 2
    return 3


def unit_symbol(unit: str, *, lang: str = "sv") -> str:
    """The short symbol of a unit for display (``percent`` -> ``%``, ``SEK`` -> ``kr``)."""
    from ..units import parse_unit

    parsed = parse_unit(unit)
    entry = _UNIT_SYMBOLS.get(str(parsed))
    if entry is None:
        return f"{parsed:~P}"  # pint's short form: kWh/m²
    return entry["en" if lang == "en" else "sv"]


def format_value(value: float, unit: str, *, lang: str = "sv", decimals: int | None = None) -> str:
    """A number with its unit symbol: ``12,5 %``, ``1 234 kr``.

    Examples
    --------
    >>> from goalchain.report import format_value
    >>> format_value(12.5, "percent")
    '12,5\u00a0%'
    >>> format_value(12.5, "percent", lang="en")
    '12.5%'
    """
    number = format_number(value, lang=lang, decimals=decimals)
    symbol = unit_symbol(unit, lang=lang)
    if not symbol:
        return number
    if lang == "en" and symbol == "%":
        return number + symbol
    return f"{number}\u00a0{symbol}"


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
