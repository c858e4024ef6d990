"""A follow-up period for people to read, in a language goalchain speaks."""

from __future__ import annotations

import functools
from typing import Any

from .._i18n import check_lang, gettext
from ._period import Period

__all__ = ["period_label"]


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
    parsed = Period.parse(period)
    if parsed.kind == "interim":
        # Swedish keeps the notation of files ("2024-delår"); English names it
        return gettext("interim {year}", lang).format(year=parsed.year)
    return str(parsed)
