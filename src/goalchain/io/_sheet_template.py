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
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .._i18n import N_
from ..exceptions import FileFormatError, InvalidValueError, Message, UnknownUnitError
from ..units import parse_unit

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = ["TEMPLATE_HEADERS", "template_rows", "write_template"]

StrPath = str | os.PathLike[str]

TEMPLATE_HEADERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "sv": ("indikator", "titel", "år", "värde", "enhet"),
        "en": ("indicator", "title", "year", "value", "unit"),
    }
)

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


def template_rows(chain: GoalChain, *, years: Any = None, lang: str = "sv") -> list[list[Any]]:
    """The template as rows: the header, then one row per indicator and year."""
    if lang not in TEMPLATE_HEADERS:
        raise InvalidValueError(
            N_("lang={lang!r} is invalid; valid: {valid}"),
            field="lang",
            params={"lang": lang, "valid": ", ".join(TEMPLATE_HEADERS)},
        )
    rows: list[list[Any]] = [list(TEMPLATE_HEADERS[lang])]
    wanted = _years(years, chain)
    for indicator in chain.indicators():
        unit = _unit_text(indicator.unit, lang)
        for year in wanted:
            rows.append([indicator.id, indicator.title, year, None, unit])
    return rows


def write_template(chain: GoalChain, path: StrPath, *, years: Any = None, lang: str = "sv") -> None:
    """Write a file to fill in: one row per indicator and year, the value empty.

    The columns are ``indikator; titel; år; värde; enhet`` (``indicator, title,
    year, value, unit`` with ``lang="en"``). A ``.csv`` file is written with
    ``;`` and a UTF-8 BOM, so Excel opens it right; an ``.xlsx`` file (needs the
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
        A year, a range ``"2023-2026"``, or a list of years. By default the
        chain's target period: from the year after the earliest baseline to
        the latest target year (this year when no indicator has either).
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

    write_csv_template(file, rows)
