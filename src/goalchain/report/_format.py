"""Formatting for people, as the report layer offers it.

Numbers, dates and labels are written by the ground floor of language
(:mod:`goalchain._i18n`), values with units by the units layer
(:mod:`goalchain._unit_text`); both are re-exported here, where users have
always found them (``goalchain.report.format_number``), and so is
:func:`period_label` (the models layer's). What is the report layer's own: a
target as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._i18n import (
    STATUS_LABELS,
    assessment_method_label,
    check_lang,
    computed_note,
    direction_word,
    element_kind_label,
    format_date,
    format_number,
    provenance_label,
    rule_label,
    scorer_label,
    status_label,
    strategy_label,
)
from .._unit_text import format_value, format_value_sv_en, unit_symbol
from ..models._period_text import period_label
from ..models._target import COMPARISON_SYMBOLS

if TYPE_CHECKING:
    from ..models import Target

__all__ = [
    "STATUS_LABELS",
    "assessment_method_label",
    "computed_note",
    "element_kind_label",
    "format_date",
    "format_number",
    "format_target",
    "format_value",
    "format_value_sv_en",
    "period_label",
    "provenance_label",
    "rule_label",
    "scorer_label",
    "status_label",
    "strategy_label",
    "target_text",
    "unit_symbol",
]


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
    if comparison in ("increase", "decrease", "maintain"):
        return direction_word(comparison).render(lang)
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
