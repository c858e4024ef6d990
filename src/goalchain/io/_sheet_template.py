"""The template of a measurement file: one row per indicator and year, the value to fill in.

:func:`write_template` writes a ``.csv`` (``;`` and a UTF-8 BOM, so Excel
opens it right) or an ``.xlsx`` file (by :mod:`goalchain.io._xlsx`) with the
columns ``indikator; titel; år; värde; enhet`` (English headers with
``lang="en"``), one row per indicator of a chain and year of its target
period, the unit written as a short symbol that reads back the same. Filled
in, the file is read back by :func:`~goalchain.io.read_measurements` and
:func:`~goalchain.io.import_measurements`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .._i18n import N_
from ..exceptions import FileFormatError, InvalidValueError, Message, UnknownUnitError
from ..models import Indicator, Period
from ..models._period import MAX_YEAR, PeriodKind
from ..units import parse_unit

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = [
    "PRELIMINARY_HEADER",
    "TEMPLATE_HEADERS",
    "indicator_periods",
    "is_template_header",
    "template_rows",
    "write_template",
]

StrPath = str | os.PathLike[str]

TEMPLATE_HEADERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "sv": ("indikator", "titel", "år", "värde", "enhet"),
        "en": ("indicator", "title", "year", "value", "unit"),
    }
)
PRELIMINARY_HEADER: Mapping[str, str] = MappingProxyType({"sv": "preliminär", "en": "preliminary"})
"""The header of the column a template has when a value filled in is preliminary."""

_YES = {"sv": "ja", "en": "yes"}


def is_template_header(headers: Sequence[str]) -> bool:
    """True when *headers* (a row's texts, in order) are a template's from :func:`write_template`.

    A file with this header is a template: its empty value cells are the ones
    not filled in yet, which the import skips.

    Examples
    --------
    >>> from goalchain.io._sheet_template import is_template_header
    >>> is_template_header(["Indikator", "titel", "år", "värde", "enhet"])
    True
    >>> is_template_header(["indikator", "år", "värde"])
    False
    """
    texts = [" ".join(str(h).strip().lower().split()) for h in headers]
    for lang, names in TEMPLATE_HEADERS.items():
        if texts in (list(names), [*names, PRELIMINARY_HEADER[lang]]):
            return True
    return False


# ------------------------------------------------------------------ template


def _years(years: Any, chain: GoalChain) -> list[int]:
    if years is None:
        first: list[int] = []
        last: list[int] = []
        for indicator in chain.indicators():
            if indicator.baseline is not None:
                first.append(indicator.baseline.year + 1)
            if indicator.target is not None:
                last.append(indicator.target.year)
            for pair in indicator.annual_targets:
                first.append(pair.year)
                last.append(pair.year)
        if first and last and min(first) <= max(last):
            return list(range(min(first), max(last) + 1))
        if last:
            return [max(last)]
        return [dt.date.today().year]
    if isinstance(years, str):
        match = re.fullmatch(r"\s*(\d{4})\s*(?:[-–]\s*(\d{4})\s*)?", years)
        if match is None:
            raise InvalidValueError(
                N_("years {years!r}: write a year (2024) or a range (2023-2026)"),
                field="years",
                params={"years": years},
            )
        start = int(match[1])
        end = int(match[2] or match[1])
        if end < start:
            raise InvalidValueError(
                N_("years {years!r}: the range ends before it starts"),
                field="years",
                params={"years": years},
            )
        return list(range(start, end + 1))
    if isinstance(years, int) and not isinstance(years, bool):
        return [years]
    if isinstance(years, Iterable):
        out = []
        for year in years:
            if isinstance(year, bool) or not isinstance(year, int):
                raise InvalidValueError(
                    N_("expected years as integers, got {year!r}"),
                    field="years",
                    params={"year": year},
                )
            out.append(year)
        return sorted(set(out))
    raise InvalidValueError(
        N_("years must be a year, a range such as '2023-2026' or a list of years, got {years!r}"),
        field="years",
        params={"years": years},
    )


def _unit_text(unit: str, lang: str) -> str:
    """The unit as written in the template: a short symbol that reads back the same."""
    from .._unit_text import unit_symbol

    symbol = unit_symbol(unit, lang=lang)
    try:
        if symbol and parse_unit(symbol) == parse_unit(unit):
            return symbol
    except UnknownUnitError:
        pass
    return unit


# The periods of a year an indicator is followed up in when its measurements
# show none: each sub-period but the last, then the year, whose annual report
# stands for the last one (Trelleborg's quarterly indicators: Q1, Q2, Q3, year).
_DEFAULT_PARTS: Mapping[str, tuple[tuple[PeriodKind, int], ...]] = MappingProxyType(
    {
        "yearly": (),
        "tertial": (("tertial", 1), ("tertial", 2)),
        "quarterly": (("quarter", 1), ("quarter", 2), ("quarter", 3)),
    }
)


def _span(indicator: Indicator, measured: Sequence[Period], default: list[int]) -> list[int]:
    """The years of *indicator*'s rows: from its baseline (the year after it) or
    first measurement to its target year, else the chain's *default* years."""
    if indicator.baseline is not None:
        first = indicator.baseline.year + 1
    elif measured:
        first = measured[0].year
    elif indicator.annual_targets:
        first = min(pair.year for pair in indicator.annual_targets)
    elif indicator.target is not None:
        first = indicator.target.year
    else:
        first = default[0]
    if indicator.target is not None:
        last = indicator.target.year
    elif indicator.annual_targets:
        last = max(pair.year for pair in indicator.annual_targets)
    else:
        last = max(default[-1], measured[-1].year if measured else first)
    first = min(first, MAX_YEAR)  # a baseline in the last year a period can have
    return list(range(first, min(max(first, last), MAX_YEAR) + 1))


def indicator_periods(
    indicator: Indicator,
    measured: Sequence[Period],
    *,
    years: Sequence[int] | None = None,
    default: Sequence[int] | None = None,
) -> list[Period]:
    """The periods of *indicator*'s template rows, in order.

    Each year of *years* in the indicator's own frequency, as the chain writes
    its periods: the kinds of period its measurements have (``2024-T1``,
    ``2024-delår``, ``2024-Q3``...), and those its ``frequency`` calls for
    that no such period already ends with: each tertial or quarter but the
    last (the year's annual report stands for the last), so ``delår`` stands
    for ``T2``. Then the year. The periods already measured within the years
    are listed too.

    Parameters
    ----------
    indicator
        The indicator.
    measured
        The periods the chain has values for, sorted.
    years
        The years to list; by default from the year after the baseline (or the
        first measurement) to the target year.
    default
        The years an indicator with neither baseline, measurements nor targets
        gets (and the last year of one without targets); by default this year.

    Examples
    --------
    >>> from goalchain.models import Indicator, Period
    >>> from goalchain.io._sheet_template import indicator_periods
    >>> ind = Indicator(id="q", title="Hushåll", level="indicator", frequency="quarterly",
    ...                 baseline=(2023, 750), target=(2025, 700))
    >>> [str(p) for p in indicator_periods(ind, [Period.parse("2024-Q1")], years=[2024])]
    ['2024-Q1', '2024-Q2', '2024-Q3', '2024']
    >>> tertial = Indicator(id="t", title="Svar", level="indicator", frequency="tertial")
    >>> delar = [Period.parse("2024-T1"), Period.parse("2024-delår")]
    >>> [str(p) for p in indicator_periods(tertial, delar, years=[2025])]
    ['2025-T1', '2025-delår', '2025']
    """
    parts = {(p.kind, p.index) for p in measured if not p.is_year}
    ends = {Period(year=2000, kind=kind, index=index).months[1] for kind, index in parts}
    for kind, index in _DEFAULT_PARTS[indicator.frequency]:
        if Period(year=2000, kind=kind, index=index).months[1] not in ends:
            parts.add((kind, index))  # Q2 when only Q1 is measured yet; not T2 beside delår
    if years is None:
        wanted = _span(indicator, measured, list(default or [dt.date.today().year]))
    else:
        wanted = list(years)
    out = {Period(year=year, kind=kind, index=index) for year in wanted for kind, index in parts}
    out.update(Period(year=year) for year in wanted)
    out.update(p for p in measured if p.year in wanted)
    return sorted(out)


def template_rows(chain: GoalChain, *, years: Any = None, lang: str = "sv") -> list[list[Any]]:
    """The template as rows: the header, then one row per indicator and period.

    The value column holds what the chain already has (its total, not its
    values by gender), empty where it has nothing. When any of those values is
    preliminary a column ``preliminär`` (``preliminary``) says which, so that
    the file read back agrees with the chain.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.io._sheet_template import template_rows
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_indicator("i1", "Andel behöriga", unit="percent",
    ...                         baseline=(2022, 78.0), target=(2024, 84.0))
    >>> _ = chain.record("i1", 2023, 80.5)
    >>> for row in template_rows(chain):
    ...     print(row)
    ['indikator', 'titel', 'år', 'värde', 'enhet']
    ['i1', 'Andel behöriga', 2023, 80.5, '%']
    ['i1', 'Andel behöriga', 2024, None, '%']
    """
    if lang not in TEMPLATE_HEADERS:
        raise InvalidValueError(
            N_("lang={lang!r} is invalid; valid: {valid}"),
            field="lang",
            params={"lang": lang, "valid": ", ".join(TEMPLATE_HEADERS)},
        )
    default = _years(None, chain)
    wanted = None if years is None else _years(years, chain)
    rows: list[list[Any]] = []
    preliminary = False
    for indicator in chain.indicators():
        unit = _unit_text(indicator.unit, lang)
        values = {m.period: m for m in chain.measurements(indicator.id, gender="T")}
        for period in indicator_periods(indicator, sorted(values), years=wanted, default=default):
            m = values.get(period)
            preliminary = preliminary or (m is not None and m.preliminary)
            rows.append(
                [
                    indicator.id,
                    indicator.title,
                    period.to_data(),
                    None if m is None else m.value,
                    unit,
                    m is not None and m.preliminary,
                ]
            )
    header = list(TEMPLATE_HEADERS[lang])
    if preliminary:
        header.append(PRELIMINARY_HEADER[lang])
        for row in rows:
            row[-1] = _YES[lang] if row[-1] else None
    else:
        for row in rows:
            del row[-1]
    return [header, *rows]


def write_template(chain: GoalChain, path: StrPath, *, years: Any = None, lang: str = "sv") -> None:
    """Write a file to fill in: one row per indicator and period, with the chain's values.

    The columns are ``indikator; titel; år; värde; enhet`` (``indicator, title,
    year, value, unit`` with ``lang="en"``), and ``preliminär`` when a value
    filled in is preliminary. Each indicator gets the periods from its
    baseline to its target year in its own frequency, as the chain writes its
    periods (``2024-T1``, ``2024-delår``, ``2024-Q3``, ``2024``: see
    :func:`indicator_periods`), with the values the chain already has filled
    in; the other value cells are empty, and the import skips those left
    empty. A ``.csv`` file is written with ``;``, a UTF-8 BOM and numbers
    with a decimal comma in Swedish, so Excel opens it right; an ``.xlsx`` file (needs the
    ``excel`` extra) has the values on a sheet *Mätvärden* and help on a sheet
    *Instruktioner*. The file is written atomically. Filled in, it is read back
    by :func:`read_measurements` and :func:`import_measurements`.

    Parameters
    ----------
    chain
        The chain whose indicators get rows.
    path
        A ``.csv`` or ``.xlsx`` file.
    years
        A year, a range ``"2023-2026"``, or a list of years, for every
        indicator. By default each indicator's own: from the year after its
        baseline (or its first measurement) to its target year; an indicator
        with neither gets the chain's target period (from the year after the
        earliest baseline to the latest target year; this year when no
        indicator has either).
    lang
        ``"sv"`` (the default) or ``"en"`` headers.

    Raises
    ------
    FileFormatError
        For another extension than ``.csv`` or ``.xlsx``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import goalchain as gc
    >>> from goalchain.io import write_template
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_indicator("i1", "Andel behöriga", unit="percent")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "mall.csv"
    ...     write_template(chain, path, years="2024-2025")
    ...     print(path.read_text(encoding="utf-8-sig"), end="")
    indikator;titel;år;värde;enhet
    i1;Andel behöriga;2024;;%
    i1;Andel behöriga;2025;;%
    """
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        extension: Message | str = repr(suffix)
        if not suffix:
            extension = Message(N_("'(none)'"))
        raise FileFormatError(
            N_(
                "cannot tell what to write from the extension {extension}; "
                "a template is a .csv or an .xlsx file"
            ),
            file=str(file),
            params={"extension": extension},
        )
    rows = template_rows(chain, years=years, lang=lang)
    if suffix == ".xlsx":
        from ._xlsx import write_xlsx_template

        write_xlsx_template(file, rows, lang=lang)
        return
    from ._csv import write_csv_template

    write_csv_template(file, rows, decimal="," if lang == "sv" else ".")
