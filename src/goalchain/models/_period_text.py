"""A follow-up period for people to read, in a language goalchain speaks."""

from __future__ import annotations

import functools
from typing import Any

from .._i18n import N_, check_lang, gettext, pgettext
from ..exceptions import InvalidValueError
from ._period import Period

__all__ = ["period_label"]


def period_label(period: Any, *, lang: str = "sv", style: str = "short") -> str:
    """A follow-up period for people to read, in Swedish or English.

    With ``style="long"`` every period is named in words, as a report's title
    and text name it:

    | period        | ``lang="sv"``  | ``lang="en"``   |
    |---------------|----------------|-----------------|
    | year          | helår 2024     | full year 2024  |
    | tertial       | tertial 2 2024 | tertial 2 2024  |
    | quarter       | kvartal 3 2024 | quarter 3 2024  |
    | interim       | delår 2024     | interim 2024    |

    The default, ``style="short"``:

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
    style
        ``"short"`` (the notation of files, English naming the interim period)
        or ``"long"`` (every period in words).

    Returns
    -------
    str
        The period as text.

    Raises
    ------
    PeriodError
        For a value that is not a period.
    InvalidValueError
        For a language other than ``"sv"`` and ``"en"``, or a style other than
        ``"short"`` and ``"long"``.

    Examples
    --------
    >>> from goalchain.report import period_label
    >>> period_label("2024-delår"), period_label("2024-delår", lang="en")
    ('2024-delår', 'interim 2024')
    >>> period_label(2024, lang="en"), period_label("2024-T2", lang="en")
    ('2024', '2024-T2')
    >>> period_label(2024, style="long"), period_label("2024-T2", style="long")
    ('helår 2024', 'tertial 2 2024')
    >>> period_label("2024-delår", style="long"), period_label("2024-Q3", lang="en", style="long")
    ('delår 2024', 'quarter 3 2024')
    """
    check_lang(lang)
    if style not in ("short", "long"):
        raise InvalidValueError(
            N_("unknown period style {style!r}; valid: short, long"),
            field="style",
            params={"style": style},
        )
    if isinstance(period, (str, int)):  # what files and reasons hold, read once
        return _period_text(period, lang, style)
    return _period_label(period, lang, style)


@functools.lru_cache(maxsize=1024, typed=True)
def _period_text(period: str | int, lang: str, style: str) -> str:
    return _period_label(period, lang, style)


def _period_label(period: Any, lang: str, style: str = "short") -> str:
    parsed = Period.parse(period)
    if style == "long":
        if parsed.kind == "year":
            return pgettext("period", "full year {year}", lang).format(year=parsed.year)
        if parsed.kind == "tertial":
            text = pgettext("period", "tertial {index} {year}", lang)
            return text.format(index=parsed.index, year=parsed.year)
        if parsed.kind == "quarter":
            text = pgettext("period", "quarter {index} {year}", lang)
            return text.format(index=parsed.index, year=parsed.year)
        return pgettext("period", "interim {year}", lang).format(year=parsed.year)
    if parsed.kind == "interim":
        # Swedish keeps the notation of files ("2024-delår"); English names it
        return gettext("interim {year}", lang).format(year=parsed.year)
    return str(parsed)
