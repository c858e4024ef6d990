"""Reading the cells of a measurement sheet: headers, rows, values, periods and units.

A :class:`Table` is a sheet as :mod:`goalchain.io._csv` or
:mod:`goalchain.io._xlsx` read it (raw cell values with where they stand).
This module finds its header row (:data:`COLUMN_NAMES`, or the caller's
*mapping*; the wide layout with a column per period too) and reads each row's
cells into a :class:`~goalchain.models.Measurement` checked against a chain:
the indicator (by id or Kolada id), the period, the value with its unit
(converted to the indicator's), the gender and the preliminary flag. Every
cell that cannot be read becomes a :class:`SpreadsheetError` naming the cell;
the chain is only read. Importing the rows is :mod:`goalchain.io._sheet_import`'s.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .._i18n import N_, pgettext
from ..exceptions import (
    InvalidValueError,
    PeriodError,
    Plural,
    UnitMismatchError,
    UnknownUnitError,
)
from ..models import GENDERS, Indicator, Measurement, Period
from ..units import convert, get_registry, parse_quantity, parse_unit
from ._spreadsheet_errors import (
    OptionHint,
    SpreadsheetError,
    SpreadsheetUnitError,
    SpreadsheetUnknownIndicatorError,
    SpreadsheetValueError,
    _Join,
    _Text,
    _Word,
    a_kind,
    column_letter,
    field_name,
    the_field,
)

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = [
    "COLUMN_NAMES",
    "FIELDS",
    "MISSING_MARKERS",
    "REQUIRED",
    "CellError",
    "Missing",
    "Table",
]

Missing = Literal["auto", "error", "skip"]

FIELDS = ("indicator", "period", "value", "unit", "gender", "preliminary", "source", "title")
REQUIRED = ("indicator", "period", "value")

COLUMN_NAMES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "indicator": (
            "indikator",
            "indikator-id",
            "indikatorid",
            "id",
            "nyckeltal",
            "kpi",
            "indicator",
            "indicator id",
            "indicator_id",
        ),
        "period": ("period", "år", "year", "tid", "time"),
        "value": ("värde", "utfall", "value", "actual"),
        "unit": ("enhet", "unit"),
        "gender": ("kön", "gender", "sex"),
        "preliminary": ("preliminär", "preliminärt", "prel", "preliminary"),
        "source": ("källa", "source"),
        "title": ("titel", "benämning", "namn", "indikatornamn", "title", "name"),
    }
)
"""The column headers read by default, per field (case and spaces do not matter).

``title`` is read for the reader's benefit and otherwise ignored (the chain has
the indicator's title). Columns with other headers are kept in each
measurement's ``extra``, unless *mapping* says to ignore them.
"""

MISSING_MARKERS: frozenset[str] = frozenset(
    {"..", "…", "saknas", "uppgift saknas", "missing", "n/a", "na"}
)
"""Value cells that mark a value as missing on purpose (``..`` as in Kolada and SCB).

Such rows are skipped and listed in :attr:`ImportReport.missing`. An *empty*
value cell is skipped in a template (a file with :func:`write_template`'s
header) and with ``missing="skip"``, and counted in :attr:`ImportReport.empty`;
elsewhere it is an error.
"""

_GENDER_ALIASES = {
    "t": "T",
    "totalt": "T",
    "total": "T",
    "alla": "T",
    "all": "T",
    "k": "K",
    "kvinnor": "K",
    "kvinna": "K",
    "women": "K",
    "female": "K",
    "f": "K",
    "m": "M",
    "män": "M",
    "man": "M",
    "men": "M",
    "male": "M",
}
_TRUE = frozenset({"ja", "j", "x", "sant", "yes", "y", "true", "1", "prel", "preliminär"})
_FALSE = frozenset({"nej", "n", "falskt", "no", "false", "0", "", "definitiv", "final"})
# ------------------------------------------------------------------ tables


class CellError:
    """An Excel error value in a cell (``#DIV/0!``, ``#N/A``...)."""

    __slots__ = ("code",)

    def __init__(self, code: str):
        self.code = code


class Table:
    """A sheet read from a file: rows of raw cell values, with where they stand.

    Parameters
    ----------
    file
        The file name shown in errors.
    sheet
        The Excel sheet's name, or None for CSV.
    rows
        ``(row number, values)`` pairs; values are text for CSV, and text,
        numbers, booleans, dates, None or :class:`CellError` for Excel.
    formats
        ``(row, column) -> number format`` of Excel cells whose format is not General.
    formulas
        ``(row, column) -> formula`` of Excel cells with a formula but no saved value.
    delimiter
        The CSV separator the file was read with, or None for Excel. A CSV
        row has every cell up to its last separator, so one that stops short
        of a column lacks a separator; an Excel row ends at its last filled cell.
    """

    __slots__ = ("delimiter", "file", "formats", "formulas", "rows", "sheet")

    def __init__(
        self,
        file: str,
        sheet: str | None,
        rows: list[tuple[int, Sequence[Any]]],
        formats: Mapping[tuple[int, int], str] | None = None,
        formulas: Mapping[tuple[int, int], str] | None = None,
        delimiter: str | None = None,
    ):
        self.file = file
        self.sheet = sheet
        self.rows = rows
        self.formats = dict(formats or {})
        self.formulas = dict(formulas or {})
        self.delimiter = delimiter


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _norm(header: str) -> str:
    return " ".join(header.replace("\u00a0", " ").strip().lower().split())


@attrs.frozen
class _Columns:
    header_row: int
    fields: dict[str, int]  # field -> 0-based column index
    headers: dict[int, str]  # 0-based column index -> header text
    extra: dict[int, str]  # 0-based column index -> header of a column kept in extra
    periods: dict[int, Period] = attrs.field(factory=dict)  # wide layout: a column per period


def _mapping(mapping: Mapping[str, str | None] | None) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for header, field in (mapping or {}).items():
        if not isinstance(header, str) or not header.strip():
            raise InvalidValueError(
                N_("mapping keys are column headers, got {header!r}"),
                field="mapping",
                params={"header": header},
            )
        if field is not None and field != "ignore" and field not in FIELDS:
            raise InvalidValueError(
                N_(
                    "mapping {header!r} -> {to!r}: unknown field; valid fields: {fields}, "
                    "or None / 'ignore' to skip the column"
                ),
                field="mapping",
                params={"header": header, "to": field, "fields": ", ".join(FIELDS)},
            )
        out[_norm(header)] = None if field in (None, "ignore") else field
    return out


def _columns(table: Table, mapping: dict[str, str | None]) -> _Columns | None:
    """The header row and what each column holds, or None when no row looks like one."""
    defaults = {_norm(name): field for field, names in COLUMN_NAMES.items() for name in names}
    for row, values in table.rows[:20]:
        texts = {i: _header_text(v) for i, v in enumerate(values) if not _is_blank(v)}
        if not texts:
            continue
        fields: dict[str, int] = {}
        extra: dict[int, str] = {}
        duplicate: tuple[str, int, int] | None = None
        for i, text in texts.items():
            key = _norm(text)
            if key in mapping:
                field = mapping[key]
                if field is None:
                    continue
            elif key in defaults:
                field = defaults[key]
            else:
                extra[i] = text
                continue
            if field in fields and duplicate is None:
                duplicate = (field, fields[field], i)
            fields.setdefault(field, i)
        periods: dict[int, Period] = {}
        if "indicator" in fields and "period" not in fields and "value" not in fields:
            for i in list(extra):  # the wide layout: Indikator | 2023 | 2024 | ...
                period = _header_period(values[i])
                if period is not None:
                    periods[i] = period
                    del extra[i]
        if all(f in fields for f in REQUIRED) or periods:
            if duplicate is not None:
                field, first, second = duplicate
                raise SpreadsheetError(
                    "duplicate_columns",
                    params={
                        "a": column_letter(first + 1),
                        "ta": texts[first],
                        "b": column_letter(second + 1),
                        "tb": texts[second],
                        "field": the_field(field),
                        "ignore": OptionHint("mapping", {texts[second]: None}),
                    },
                    file=table.file,
                    row=row,
                    col=second + 1,
                    header=texts[second],
                    sheet=table.sheet,
                )
            return _Columns(row, fields, texts, extra, periods)
    return None


def _header_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header_period(value: Any) -> Period | None:
    """The period a column header names (``2024``, ``"2024-T2"``), or None."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}(?:[-\s/].*)?", text):
        return None
    try:
        return Period.parse(text)
    except PeriodError:
        return None


def _no_header_error(table: Table, mapping: dict[str, str | None]) -> SpreadsheetError:
    first = next(
        ((row, values) for row, values in table.rows if any(not _is_blank(v) for v in values)),
        None,
    )
    accepted = _Join(
        [
            _Join([field_name(field), ", ".join(repr(n) for n in COLUMN_NAMES[field])], ": ")
            for field in REQUIRED
        ],
        "; ",
    )
    if first is None:
        return SpreadsheetError(
            "empty_sheet" if table.sheet else "empty_file",
            params={"accepted": accepted},
            file=table.file,
            sheet=table.sheet,
        )
    row, values = first
    found = [_header_text(v) for v in values if not _is_blank(v)]
    defaults = {_norm(name): field for field, names in COLUMN_NAMES.items() for name in names}
    have = {mapping.get(_norm(h), defaults.get(_norm(h))) for h in found}
    lacking = [f for f in REQUIRED if f not in have]
    unknown = [h for h in found if _norm(h) not in defaults and _norm(h) not in mapping]
    hint: _Text | str = ""
    if unknown and lacking:
        hint = _Text("hint_mapping", mapping=OptionHint("mapping", {unknown[0]: lacking[0]}))
    return SpreadsheetError(
        "no_header",
        params={
            "lacking": _Join([field_name(f) for f in lacking]),
            "found": ", ".join(repr(h) for h in found),
            "accepted": accepted,
            "hint": hint,
        },
        file=table.file,
        row=row,
        sheet=table.sheet,
    )


# ------------------------------------------------------------------ reading cells


@attrs.frozen
class _Row:
    measurement: Measurement
    row: int
    where: Mapping[str, Any]  # the value cell, as SpreadsheetError's keywords


class _Reader:
    def __init__(
        self,
        chain: GoalChain,
        table: Table,
        columns: _Columns,
        *,
        source: str | None,
        missing: Missing,
    ):
        self.chain = chain
        self.table = table
        self.columns = columns
        self.source = source
        self.missing = missing
        self.empty = 0  # empty value cells skipped
        self.kolada: dict[str, list[str]] = {}
        self.indicator_ids: list[str] = []
        for indicator in chain.indicators():
            self.indicator_ids.append(indicator.id)
            if indicator.kolada:
                self.kolada.setdefault(indicator.kolada, []).append(indicator.id)
        # the header's width: up to its last named column
        self.width = max(columns.headers) + 1 if columns.headers else 0
        if columns.periods:
            self.required = [columns.fields["indicator"], *columns.periods]
        else:
            self.required = [columns.fields[f] for f in REQUIRED]

    def where(self, row: int, index: int) -> dict[str, Any]:
        return {
            "file": self.table.file,
            "row": row,
            "col": index + 1,
            "header": self.columns.headers.get(index),
            "sheet": self.table.sheet,
        }

    def cell(self, values: Sequence[Any], row: int, field: str) -> Any:
        index = self.columns.fields.get(field)
        if index is None:
            return None
        return self.cell_at(values, row, index)

    def cell_at(self, values: Sequence[Any], row: int, index: int) -> Any:
        value = values[index] if index < len(values) else None
        if isinstance(value, CellError):
            raise SpreadsheetValueError(
                "excel_error", params={"code": value.code}, **self.where(row, index)
            )
        if value is None and (row, index + 1) in self.table.formulas:
            raise SpreadsheetValueError(
                "formula_no_value",
                params={"formula": self.table.formulas[row, index + 1]},
                **self.where(row, index),
            )
        return value

    def text(self, values: Sequence[Any], row: int, field: str) -> str | None:
        value = self.cell(values, row, field)
        if _is_blank(value):
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int):
            index = self.columns.fields[field]
            fmt = self.table.formats.get((row, index + 1), "")
            return _code(value, fmt) if _is_code(fmt) else str(value)
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        return str(value).strip()

    def shape(self, values: Sequence[Any], row: int) -> SpreadsheetError | None:
        """A row with values beyond the header, or (CSV) too few cells for its columns."""
        filled = [i for i, v in enumerate(values) if not _is_blank(v)]
        last = filled[-1] + 1 if filled else 0
        headers = ", ".join(self.columns.headers[i] for i in sorted(self.columns.headers))
        if last > self.width:
            beyond = [i for i in filled if i >= self.width]
            shown = ", ".join(
                f"{column_letter(i + 1)} {_show(_cell_text(values[i]))}" for i in beyond[:5]
            )
            if len(beyond) > 5:
                shown += ", ..."
            hint: Plural | _Text = Plural(
                "; remove it, or give it a header to keep it",
                "; remove them, or give them a header to keep them",
                len(beyond),
            )
            joined = self.decimal_comma(values, last - self.width)
            if joined is not None:
                hint = _Text("hint_decimal_comma", joined=joined)
            return SpreadsheetValueError(
                "too_many_cells",
                params={
                    "n": last,
                    "width": self.width,
                    "headers": headers,
                    "extra": Plural(
                        "the cell {shown} beyond the last column would be lost",
                        "the cells {shown} beyond the last column would be lost",
                        len(beyond),
                        shown=shown,
                    ),
                    "hint": hint,
                },
                file=self.table.file,
                row=row,
                col=beyond[0] + 1,
                sheet=self.table.sheet,
            )
        if self.table.delimiter is not None:
            lacking = [i for i in self.required if i >= len(values)]
            if lacking:
                index = min(lacking)
                sep: _Word | str = repr(self.table.delimiter)
                if self.table.delimiter == "\t":
                    sep = _Word(lambda lang: pgettext("CSV separator", "tab", lang))
                return SpreadsheetValueError(
                    "too_few_cells",
                    params={
                        "cells": Plural("{n} cell", "{n} cells", len(values)),
                        "letter": column_letter(index + 1),
                        "header": self.columns.headers.get(index, ""),
                        "width": self.width,
                        "sep": sep,
                    },
                    **self.where(row, index),
                )
        return None

    def decimal_comma(self, values: Sequence[Any], extra: int) -> str | None:
        """``"85,4"`` when numbers split at a decimal comma explain the *extra* cells.

        Only for a comma-separated file: a cell from a value column on that
        reads as a whole number, followed by one of digits, is a candidate.
        """
        if self.table.delimiter != ",":
            return None
        columns = [*self.columns.periods]
        if "value" in self.columns.fields:
            columns.append(self.columns.fields["value"])
        start = min(columns)
        splits = [
            f"{str(values[i]).strip()},{str(values[i + 1]).strip()}"
            for i in range(start, len(values) - 1)
            if _WHOLE.fullmatch(str(values[i]).strip()) and str(values[i + 1]).strip().isdigit()
        ]
        return splits[0] if splits and len(splits) >= extra else None

    def measurements(
        self, values: Sequence[Any], row: int
    ) -> tuple[list[tuple[_Row | None, int]], list[SpreadsheetError]]:
        """The row's measurements and every error in it, in column order.

        Each measurement comes with its value column; a value marked missing
        is None. A row with errors has no measurements.
        """
        errors: list[SpreadsheetError] = []
        shape = self.shape(values, row)
        if shape is not None:
            return [], [shape]

        def attempt(read: Any, *args: Any) -> Any:
            try:
                return read(values, row, *args)
            except SpreadsheetError as err:
                errors.append(err)
                return _FAILED

        indicator = attempt(self.indicator)
        period = _FAILED if self.columns.periods else attempt(self.period)
        gender = attempt(self.gender)
        preliminary = attempt(self.preliminary)
        source = attempt(self.text, "source")
        if isinstance(indicator, Indicator):
            if self.columns.periods:
                cells = list(self.columns.periods.items())
            else:
                cells = [(self.columns.fields["value"], period)]
            read = [
                (index, cell_period, attempt(self.value, indicator, index))
                for index, cell_period in cells
            ]
        else:
            read = []
        out: list[tuple[_Row | None, int]] = []
        if not errors:
            extra = self.extra(values, row)
            for index, cell_period, value in read:
                if value is _EMPTY:
                    continue
                if value is None:
                    out.append((None, index))
                    continue
                measurement = Measurement(
                    indicator=indicator.id,
                    period=cell_period,
                    value=value,
                    unit=indicator.unit,
                    gender=gender,
                    preliminary=preliminary,
                    source=source or self.source,
                    extra=dict(extra),
                )
                out.append((_Row(measurement, row, self.where(row, index)), index))
        errors.sort(key=lambda err: err.col or 0)
        return out, errors

    def extra(self, values: Sequence[Any], row: int) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        for index, header in self.columns.extra.items():
            cell = values[index] if index < len(values) else None
            if _is_blank(cell) or isinstance(cell, CellError):
                continue
            fmt = self.table.formats.get((row, index + 1), "")
            if isinstance(cell, (int, float)) and not isinstance(cell, bool) and _is_code(fmt):
                extra[header] = _code(cell, fmt)
            else:
                extra[header] = _plain(cell)
        return extra

    def indicator(self, values: Sequence[Any], row: int) -> Indicator:
        index = self.columns.fields["indicator"]
        text = self.text(values, row, "indicator")
        if text is None:
            raise SpreadsheetValueError("indicator_empty", params={}, **self.where(row, index))
        if text in self.chain:
            element = self.chain[text]
            if not isinstance(element, Indicator):
                raise SpreadsheetValueError(
                    "not_an_indicator",
                    params={"id": text, "kind": a_kind(element.kind)},
                    element=text,
                    **self.where(row, index),
                )
            return element
        by_kolada = self.kolada.get(text.upper(), [])
        if len(by_kolada) == 1:
            found = self.chain[by_kolada[0]]
            assert isinstance(found, Indicator)
            return found
        lowered = {i.lower(): i for i in self.indicator_ids}
        close = [
            lowered[c]
            for c in difflib.get_close_matches(text.lower(), list(lowered), n=3, cutoff=0.5)
        ]
        hint: _Text
        if len(by_kolada) > 1:
            hint = _Text("hint_kolada", id=text, ids=", ".join(map(repr, by_kolada)))
        elif close:
            hint = _Text("hint_close", close=", ".join(repr(c) for c in close))
        elif self.indicator_ids:
            more: _Text | str = ""
            if len(self.indicator_ids) > 10:
                more = _Text("more", n=len(self.indicator_ids) - 10)
            shown = ", ".join(repr(i) for i in self.indicator_ids[:10])
            hint = _Text("hint_ids", shown=shown, more=more)
        else:
            hint = _Text("hint_no_ids")
        raise SpreadsheetUnknownIndicatorError(
            "unknown_indicator",
            params={"id": text, "hint": hint},
            element=text,
            **self.where(row, index),
        )

    def period(self, values: Sequence[Any], row: int) -> Period:
        index = self.columns.fields["period"]
        value = self.cell(values, row, "period")
        where = self.where(row, index)
        if _is_blank(value):
            raise SpreadsheetValueError("period_empty", params={}, **where)
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
            with contextlib.suppress(ValueError):
                value = dt.date.fromisoformat(value.strip())
        if isinstance(value, dt.date):
            if (value.month, value.day) in ((1, 1), (12, 31)):
                value = value.year
            else:
                raise SpreadsheetValueError(
                    "date_not_period",
                    params={"date": value.isoformat(), "year": value.year},
                    **where,
                )
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        try:
            return Period.parse(value)
        except PeriodError as err:
            raise SpreadsheetValueError(
                "bad_period", params={"reason": err.reason, "value": _plain(value)}, **where
            ) from err

    def value(
        self, values: Sequence[Any], row: int, indicator: Indicator, index: int
    ) -> float | _Empty | None:
        raw = self.cell_at(values, row, index)
        where = self.where(row, index)
        if _is_blank(raw):
            if self.missing == "skip":
                self.empty += 1
                return _EMPTY
            raise SpreadsheetValueError(
                "value_empty",
                params={"id": indicator.id, "skip": OptionHint("missing", "skip")},
                element=indicator.id,
                **where,
            )
        if isinstance(raw, str) and _norm(raw) in MISSING_MARKERS:
            return None
        if isinstance(raw, (bool, dt.date, dt.datetime)):
            raise SpreadsheetValueError(
                "not_a_number_type", params={"raw": repr(raw)}, element=indicator.id, **where
            )
        unit_index = self.columns.fields.get("unit")
        unit_text = self.text(values, row, "unit")
        quantity: Any
        try:
            if unit_text is not None:
                try:
                    parse_unit(unit_text)
                except UnknownUnitError as err:
                    assert unit_index is not None
                    raise SpreadsheetValueError(
                        "unknown_unit_column",
                        params={"reason": str(err), "unit": unit_text},
                        element=indicator.id,
                        **self.where(row, unit_index),
                    ) from err
            if isinstance(raw, (int, float)):
                fmt = self.table.formats.get((row, index + 1), "")
                if "%" in fmt:  # Excel keeps 12,5 % as 0.125
                    quantity = get_registry().Quantity(
                        float(Decimal(repr(float(raw))) * 100), "percent"
                    )
                else:
                    quantity = float(raw)
            else:
                if _MIXED_MARKS.search(str(raw)):
                    raise SpreadsheetValueError(
                        "mixed_marks", params={"raw": _show(raw)}, element=indicator.id, **where
                    )
                quantity = parse_quantity(str(raw))
            if isinstance(quantity, float):
                number: float = quantity
                if unit_text is None:
                    return convert(number, indicator.unit, element=indicator.id, field="value")
                quantity = parse_quantity(number, unit=unit_text)
            elif not dict(quantity.units._units):  # a plain number, written as text
                quantity = parse_quantity(
                    float(quantity.magnitude), unit=unit_text or indicator.unit
                )
            elif unit_text is not None and parse_unit(unit_text) != quantity.units:
                raise SpreadsheetUnitError(
                    "unit_column_disagrees",
                    params={"raw": repr(raw), "got": str(quantity.units), "unit": unit_text},
                    element=indicator.id,
                    expected=unit_text,
                    got=str(quantity.units),
                    **where,
                )
            return convert(quantity, indicator.unit, element=indicator.id, field="value")
        except UnitMismatchError as err:
            if isinstance(err, SpreadsheetError):
                raise
            raise SpreadsheetUnitError(
                "unit_mismatch",
                params={
                    "raw": _show(raw),
                    "got": err.got,
                    "id": indicator.id,
                    "unit": indicator.unit,
                },
                element=indicator.id,
                expected=indicator.unit,
                got=err.got,
                **where,
            ) from err
        except UnknownUnitError as err:
            raise SpreadsheetValueError(
                "unknown_unit_value",
                params={"raw": _show(raw), "unit": err.unit, "iunit": indicator.unit},
                element=indicator.id,
                **where,
            ) from err
        except InvalidValueError as err:
            if isinstance(err, SpreadsheetError):
                raise
            raise SpreadsheetValueError(
                "not_a_number", params={"raw": _show(raw)}, element=indicator.id, **where
            ) from err

    def gender(self, values: Sequence[Any], row: int) -> str:
        text = self.text(values, row, "gender")
        if text is None:
            return "T"
        gender = _GENDER_ALIASES.get(_norm(text))
        if gender is None:
            raise SpreadsheetValueError(
                "bad_gender",
                params={"text": text, "genders": ", ".join(GENDERS)},
                **self.where(row, self.columns.fields["gender"]),
            )
        return gender

    def preliminary(self, values: Sequence[Any], row: int) -> bool:
        index = self.columns.fields.get("preliminary")
        if index is None:
            return False
        value = self.cell(values, row, "preliminary")
        if isinstance(value, bool):
            return value
        text = "" if _is_blank(value) else _norm(str(value))
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise SpreadsheetValueError("bad_flag", params={"value": value}, **self.where(row, index))


_FAILED: Any = object()  # a cell whose error is already recorded


class _Empty:
    """An empty value cell, skipped."""


_EMPTY = _Empty()
_WHOLE = re.compile(r"[-\u2212]?\d[\d \u00a0\u2009\u202f]*")


def _is_code(fmt: str) -> bool:
    """A number format that shows leading zeros: ``0000`` (a municipality code)."""
    return bool(fmt) and set(fmt) == {"0"}


def _code(value: float, fmt: str) -> str:
    number = int(value) if float(value).is_integer() else value
    return str(number).zfill(len(fmt))


_MIXED_MARKS = re.compile(r"\d[.,]\d+[.,]\d")


def _show(raw: Any) -> str:
    return repr(raw) if isinstance(raw, str) else str(raw)


def _cell_text(value: Any) -> Any:
    """A cell as an error message shows it."""
    return value.code if isinstance(value, CellError) else _plain(value)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value
