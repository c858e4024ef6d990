"""Measurements from spreadsheets: CSV and Excel files, and a template to fill in.

Controllers keep indicator values in Excel. :func:`read_measurements` reads a
CSV or ``.xlsx`` file into measurements, checking every row against a chain
without changing it; :func:`import_measurements` records them all or none;
:func:`write_template` writes a file with one row per indicator and year, ready
to fill in.

Every error names the file, the row and the column (for Excel the cell, such
as ``Blad1!C7``) and says what would be valid; every wrong cell of a file is
reported at once, and :meth:`SpreadsheetError.render` words the message in
Swedish or for the command line. Values imported that look wrong (a
percentage outside 0-100, a value 50 times off the indicator's others) are
returned as warnings. The errors subclass both
:class:`~goalchain.exceptions.FileFormatError` and the chain's own error for the
problem (:class:`~goalchain.exceptions.UnitMismatchError`,
:class:`~goalchain.exceptions.UnknownElementError`,
:class:`~goalchain.exceptions.DuplicateError`,
:class:`~goalchain.exceptions.InvalidValueError`), so either ``except`` works.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import math
import os
import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ..exceptions import (
    FileFormatError,
    InvalidValueError,
    PeriodError,
    UnitMismatchError,
    UnknownUnitError,
)
from ..models import GENDERS, Indicator, Measurement, Period
from ..units import convert, get_registry, parse_quantity, parse_unit
from ._paths import not_a_regular_file
from ._sheet_limits import SpreadsheetLimits
from ._spreadsheet_errors import (
    _FIELD_SV,
    _FIELD_THE,
    _KIND_SV,
    MAX_SHOWN,
    OptionHint,
    SpreadsheetDuplicateError,
    SpreadsheetError,
    SpreadsheetLimitError,
    SpreadsheetUnitError,
    SpreadsheetUnknownIndicatorError,
    SpreadsheetValueError,
    SpreadsheetWarning,
    _Cells,
    _gather,
    _Num,
    _Text,
    column_letter,
)

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = [
    "COLUMN_NAMES",
    "MAX_SHOWN",
    "MISSING_MARKERS",
    "ImportReport",
    "OptionHint",
    "SpreadsheetDuplicateError",
    "SpreadsheetError",
    "SpreadsheetLimitError",
    "SpreadsheetLimits",
    "SpreadsheetUnitError",
    "SpreadsheetUnknownIndicatorError",
    "SpreadsheetValueError",
    "SpreadsheetWarning",
    "import_measurements",
    "read_measurements",
    "write_template",
]

StrPath = str | os.PathLike[str]
OnConflict = Literal["error", "keep", "replace"]
Missing = Literal["error", "skip"]

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
value cell is an error unless ``missing="skip"`` is passed.
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

TEMPLATE_HEADERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "sv": ("indikator", "titel", "år", "värde", "enhet"),
        "en": ("indicator", "title", "year", "value", "unit"),
    }
)


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
                f"mapping keys are column headers, got {header!r}", field="mapping"
            )
        if field is not None and field != "ignore" and field not in FIELDS:
            raise InvalidValueError(
                f"mapping {header!r} -> {field!r}: unknown field; valid fields: "
                f"{', '.join(FIELDS)}, or None / 'ignore' to skip the column",
                field="mapping",
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
                    _Text(
                        "duplicate_columns",
                        a=column_letter(first + 1),
                        ta=texts[first],
                        b=column_letter(second + 1),
                        tb=texts[second],
                        field=_FIELD_THE[field][0],
                        field_sv=_FIELD_THE[field][1],
                        ignore=OptionHint("mapping", {texts[second]: None}),
                    ),
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
    accepted = "; ".join(
        f"{field}: {', '.join(repr(n) for n in COLUMN_NAMES[field])}" for field in REQUIRED
    )
    accepted_sv = "; ".join(
        f"{_FIELD_SV[field]}: {', '.join(repr(n) for n in COLUMN_NAMES[field])}"
        for field in REQUIRED
    )
    if first is None:
        return SpreadsheetError(
            _Text(
                "empty_sheet" if table.sheet else "empty_file",
                accepted=accepted,
                accepted_sv=accepted_sv,
            ),
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
        _Text(
            "no_header",
            lacking=", ".join(lacking),
            lacking_sv=", ".join(_FIELD_SV[f] for f in lacking),
            found=", ".join(repr(h) for h in found),
            accepted=accepted,
            accepted_sv=accepted_sv,
            hint=hint,
        ),
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
                _Text("excel_error", code=value.code), **self.where(row, index)
            )
        if value is None and (row, index + 1) in self.table.formulas:
            raise SpreadsheetValueError(
                _Text("formula_no_value", formula=self.table.formulas[row, index + 1]),
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
            hint = _Text("hint_extra_cell" if len(beyond) == 1 else "hint_extra_cells")
            joined = self.decimal_comma(values, last - self.width)
            if joined is not None:
                hint = _Text("hint_decimal_comma", joined=joined)
            return SpreadsheetValueError(
                _Text(
                    "too_many_cells",
                    n=last,
                    width=self.width,
                    headers=headers,
                    extra=f"the cell {shown}" if len(beyond) == 1 else f"the cells {shown}",
                    extra_sv=f"cellen {shown}" if len(beyond) == 1 else f"cellerna {shown}",
                    hint=hint,
                ),
                file=self.table.file,
                row=row,
                col=beyond[0] + 1,
                sheet=self.table.sheet,
            )
        if self.table.delimiter is not None:
            lacking = [i for i in self.required if i >= len(values)]
            if lacking:
                index = min(lacking)
                sep = "tab" if self.table.delimiter == "\t" else repr(self.table.delimiter)
                return SpreadsheetValueError(
                    _Text(
                        "too_few_cells",
                        cells=_Cells(len(values)),
                        letter=column_letter(index + 1),
                        header=self.columns.headers.get(index, ""),
                        width=self.width,
                        sep=sep,
                    ),
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
            raise SpreadsheetValueError(_Text("indicator_empty"), **self.where(row, index))
        if text in self.chain:
            element = self.chain[text]
            if not isinstance(element, Indicator):
                raise SpreadsheetValueError(
                    _Text(
                        "not_an_indicator",
                        id=text,
                        kind=element.kind,
                        kind_sv=_KIND_SV.get(element.kind, element.kind),
                    ),
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
            _Text("unknown_indicator", id=text, hint=hint),
            element=text,
            **self.where(row, index),
        )

    def period(self, values: Sequence[Any], row: int) -> Period:
        index = self.columns.fields["period"]
        value = self.cell(values, row, "period")
        where = self.where(row, index)
        if _is_blank(value):
            raise SpreadsheetValueError(_Text("period_empty"), **where)
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
                    _Text("date_not_period", date=value.isoformat(), year=value.year), **where
                )
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        try:
            return Period.parse(value)
        except PeriodError as err:
            raise SpreadsheetValueError(
                _Text("bad_period", reason=err.reason, value=_plain(value)), **where
            ) from err

    def value(
        self, values: Sequence[Any], row: int, indicator: Indicator, index: int
    ) -> float | None:
        raw = self.cell_at(values, row, index)
        where = self.where(row, index)
        if _is_blank(raw):
            if self.missing == "skip":
                return None
            raise SpreadsheetValueError(
                _Text("value_empty", id=indicator.id, skip=OptionHint("missing", "skip")),
                element=indicator.id,
                **where,
            )
        if isinstance(raw, str) and _norm(raw) in MISSING_MARKERS:
            return None
        if isinstance(raw, (bool, dt.date, dt.datetime)):
            raise SpreadsheetValueError(
                _Text("not_a_number_type", raw=repr(raw)), element=indicator.id, **where
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
                        _Text("unknown_unit_column", reason=str(err), unit=unit_text),
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
                        _Text("mixed_marks", raw=_show(raw)), element=indicator.id, **where
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
                    _Text(
                        "unit_column_disagrees",
                        raw=repr(raw),
                        got=str(quantity.units),
                        unit=unit_text,
                    ),
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
                _Text(
                    "unit_mismatch",
                    raw=_show(raw),
                    got=err.got,
                    id=indicator.id,
                    unit=indicator.unit,
                ),
                element=indicator.id,
                expected=indicator.unit,
                got=err.got,
                **where,
            ) from err
        except UnknownUnitError as err:
            raise SpreadsheetValueError(
                _Text("unknown_unit_value", raw=_show(raw), unit=err.unit, iunit=indicator.unit),
                element=indicator.id,
                **where,
            ) from err
        except InvalidValueError as err:
            if isinstance(err, SpreadsheetError):
                raise
            raise SpreadsheetValueError(
                _Text("not_a_number", raw=_show(raw)), element=indicator.id, **where
            ) from err

    def gender(self, values: Sequence[Any], row: int) -> str:
        text = self.text(values, row, "gender")
        if text is None:
            return "T"
        gender = _GENDER_ALIASES.get(_norm(text))
        if gender is None:
            raise SpreadsheetValueError(
                _Text("bad_gender", text=text, genders=", ".join(GENDERS)),
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
        raise SpreadsheetValueError(_Text("bad_flag", value=value), **self.where(row, index))


_FAILED: Any = object()  # a cell whose error is already recorded
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


# ------------------------------------------------------------------ files


def _load_tables(
    path: Path,
    *,
    sheet: str | None,
    encoding: str | None,
    delimiter: str | None,
    limits: SpreadsheetLimits | None = None,
) -> list[Table]:
    why = not_a_regular_file(path)
    if why is not None:  # a FIFO would block the reading for ever
        raise FileFormatError(f"cannot read the file: {why}", file=str(path))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        if encoding is not None or delimiter is not None:
            raise InvalidValueError(
                "encoding= and delimiter= are for CSV files, not Excel files", field="encoding"
            )
        from ._xlsx import read_xlsx

        return read_xlsx(path, sheet=sheet, limits=limits)
    if suffix in (".xls", ".ods", ".numbers"):
        raise FileFormatError(
            f"cannot read {suffix} files; save the sheet as .xlsx (Excel) or as CSV UTF-8",
            file=str(path),
        )
    if sheet is not None:
        raise InvalidValueError(
            f"sheet={sheet!r} is for Excel files; {path.name} is read as CSV", field="sheet"
        )
    from ._csv import read_csv

    return [read_csv(path, encoding=encoding, delimiter=delimiter, limits=limits)]


@attrs.frozen
class _Reading:
    rows: list[_Row]
    missing: list[str]
    file: str
    reader: _Reader


def _read(
    path: StrPath,
    chain: GoalChain,
    *,
    mapping: Mapping[str, str | None] | None,
    sheet: str | None,
    source: str | None,
    missing: Missing,
    encoding: str | None,
    delimiter: str | None,
    limits: SpreadsheetLimits | None = None,
) -> _Reading:
    if missing not in ("error", "skip"):
        raise InvalidValueError(
            f"missing={missing!r} is invalid; valid: 'error', 'skip'", field="missing"
        )
    if source is not None and not isinstance(source, str):
        raise InvalidValueError(f"source must be text, got {source!r}", field="source")
    file = Path(path)
    names = _mapping(mapping)
    if limits is not None and not isinstance(limits, SpreadsheetLimits):
        raise InvalidValueError(
            f"limits must be a SpreadsheetLimits, got {limits!r}", field="limits"
        )
    tables = _load_tables(file, sheet=sheet, encoding=encoding, delimiter=delimiter, limits=limits)
    found: tuple[Table, _Columns] | None = None
    for table in tables:
        columns = _columns(table, names)
        if columns is not None:
            found = (table, columns)
            break
    if found is None:
        if len(tables) == 1:
            raise _no_header_error(tables[0], names)
        raise SpreadsheetError(
            _Text(
                "no_sheet_header",
                sheets=", ".join(repr(t.sheet) for t in tables),
                sheet=OptionHint("sheet"),
                mapping=OptionHint("mapping"),
            ),
            file=str(file),
        )
    table, columns = found
    present = {_norm(text) for text in columns.headers.values()}
    for header in mapping or {}:
        if _norm(header) not in present:
            raise SpreadsheetError(
                _Text(
                    "mapping_column_missing",
                    mapping=OptionHint("mapping"),
                    header=header,
                    columns=", ".join(repr(t) for t in columns.headers.values()),
                ),
                file=table.file,
                row=columns.header_row,
                sheet=table.sheet,
            )
    reader = _Reader(
        chain,
        table,
        columns,
        source=(source or None) if source is not None else file.name,
        missing=missing,
    )
    rows: list[_Row] = []
    skipped: list[str] = []
    errors: list[SpreadsheetError] = []
    seen: dict[tuple[str, Period, str], _Row] = {}
    for row, values in table.rows:
        if row <= columns.header_row or all(_is_blank(v) for v in values):
            continue
        items, problems = reader.measurements(values, row)
        errors.extend(problems)
        for item, index in items:
            if item is None:
                col = index + 1
                cell = f"{column_letter(col)}{row}"
                skipped.append(
                    f"{file}:{row}:{col} ({table.sheet}!{cell})"
                    if table.sheet is not None
                    else f"{file}:{row}:{col}"
                )
            else:
                duplicate = _add(item, seen, rows)
                if duplicate is not None:
                    errors.append(duplicate)
    if errors:
        if not rows and not skipped and all(e.code == "value_empty" for e in errors):
            raise _nothing_filled(errors)
        raise _gather(errors)
    return _Reading(rows, skipped, str(file), reader)


def _nothing_filled(empty: Sequence[SpreadsheetError]) -> SpreadsheetValueError:
    """One error for a file whose every value is empty (a template not filled in yet),
    placed at the first empty cell, instead of one error per cell."""
    first = empty[0]
    return SpreadsheetValueError(
        _Text("nothing_filled", n=len(empty), skip=OptionHint("missing", "skip")),
        file=first.file,
        row=first.row,
        col=first.col,
        header=first.header,
        sheet=first.sheet,
    )


def _add(
    item: _Row, seen: dict[tuple[str, Period, str], _Row], rows: list[_Row]
) -> SpreadsheetDuplicateError | None:
    """Keep a row's measurement once; the same measurement with another value is an error."""
    key = item.measurement.key
    earlier = seen.get(key)
    if earlier is None:
        seen[key] = item
        rows.append(item)
        return None
    if _same(earlier.measurement, item.measurement):
        return None
    m = item.measurement
    cell = earlier.where.get("col")
    there = (
        _Text("there_row", row=earlier.row)
        if cell is None
        else _Text("there_col", row=earlier.row, letter=column_letter(cell))
    )
    return SpreadsheetDuplicateError(
        _Text(
            "duplicate_in_file",
            id=m.indicator,
            period=str(m.period),
            gender=_Text(f"for_{m.gender}"),
            value=_Num(m.value),
            other=_Num(earlier.measurement.value),
            there=there,
        ),
        element=m.indicator,
        **item.where,
    )


def _same(a: Measurement, b: Measurement) -> bool:
    """The same figure: equal value (up to float noise), unit and preliminary flag."""
    return (
        a.unit == b.unit
        and a.preliminary == b.preliminary
        and math.isclose(a.value, b.value, rel_tol=1e-12, abs_tol=1e-12)
    )


def read_measurements(
    path: StrPath,
    chain: GoalChain,
    *,
    mapping: Mapping[str, str | None] | None = None,
    sheet: str | None = None,
    source: str | None = None,
    missing: Missing = "error",
    encoding: str | None = None,
    delimiter: str | None = None,
    limits: SpreadsheetLimits | None = None,
) -> list[Measurement]:
    """Read measurements from a CSV or Excel file, checked against *chain*.

    Every row is read and checked (indicator, period, value and unit); the
    chain is not changed. Values are converted to each indicator's unit.

    The header row (the first row, among the first 20, with columns for the
    indicator, the period and the value) says what each column holds. In the
    wide layout (an indicator column and one column per period: ``indikator;
    2023; 2024``) each period column holds that period's values.

    Parameters
    ----------
    path
        A ``.csv`` (or ``.txt``/``.tsv``) file, UTF-8 with or without BOM,
        separated by ``;``, ``,`` or tabs; or an ``.xlsx`` file (needs the
        ``excel`` extra).
    chain
        The chain whose indicators the rows name.
    mapping
        Your own column headers: ``{"Mått": "indicator", "Utfall 2024": "value"}``.
        Fields: ``indicator``, ``period``, ``value``, ``unit``, ``gender``,
        ``preliminary``, ``source``, ``title``; ``None`` ignores a column.
        Without it the Swedish and English headers of :data:`COLUMN_NAMES` are read.
    sheet
        The Excel sheet; by default the first sheet with a recognised header row.
    source
        Stored as each measurement's ``source`` unless the row has a ``källa``
        column; by default the file's name. ``""`` stores none.
    missing
        ``"error"`` (the default): an empty value cell is an error.
        ``"skip"``: rows with an empty value are skipped. Cells marked
        missing (:data:`MISSING_MARKERS`, such as ``..``) are always skipped.
    encoding
        The CSV file's encoding, when not UTF-8 (``"cp1252"``).
    delimiter
        The CSV separator, when it should not be sniffed from the header row.
    limits
        How much the file may hold (:class:`SpreadsheetLimits`: rows, cells,
        characters of a cell, bytes of the file and of each part of an
        ``.xlsx`` archive); by default Excel's own limits and generous ones
        elsewhere. A file beyond them is a :class:`SpreadsheetLimitError`,
        raised before it is read whole.

    Returns
    -------
    list of Measurement
        In file order, one per measurement; rows repeating a measurement with
        the same value are read once.

    Raises
    ------
    SpreadsheetError
        A subclass of :class:`~goalchain.exceptions.FileFormatError` naming the file,
        row and column (``SpreadsheetUnknownIndicatorError``,
        ``SpreadsheetValueError``, ``SpreadsheetUnitError``,
        ``SpreadsheetDuplicateError`` for one measurement with two values,
        ``SpreadsheetLimitError`` for a file beyond *limits*).
        A row with a value beyond the header's last column, or a CSV row that
        stops before the indicator, period or value column, is an error too.
        Every wrong cell of the file is reported at once: the error raised is
        the first one, and its ``errors`` holds them all.
    FileNotFoundError
        When the file does not exist.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import goalchain as gc
    >>> from goalchain.io import read_measurements
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_indicator("i1", "Andel behöriga", unit="percent")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "utfall.csv"
    ...     _ = path.write_text("indikator;år;värde\\ni1;2024;81,5 %\\n", encoding="utf-8")
    ...     [(m.indicator, str(m.period), m.value) for m in read_measurements(path, chain)]
    [('i1', '2024', 81.5)]
    """
    reading = _read(
        path,
        chain,
        mapping=mapping,
        sheet=sheet,
        source=source,
        missing=missing,
        encoding=encoding,
        delimiter=delimiter,
        limits=limits,
    )
    return [row.measurement for row in reading.rows]


# ------------------------------------------------------------------ importing


_COUNTS = ("added", "unchanged", "replaced", "kept")


@attrs.frozen(kw_only=True)
class ImportReport:
    """What :func:`import_measurements` did.

    Attributes
    ----------
    file
        The file read.
    added, unchanged, replaced, kept
        Measurements new to the chain; equal to one already there; that
        replaced a different value (``on_conflict="replace"``); and rows whose
        different value was not taken, the chain's being kept (``on_conflict="keep"``).
    by_indicator
        The same counts per indicator id: ``{"i1": {"added": 2, ...}}``.
    missing
        Where a value was marked missing (or empty, with ``missing="skip"``),
        as ``file:row:column``; these rows were skipped.
    warnings
        Values recorded that look wrong (:class:`SpreadsheetWarning`): a
        percentage outside 0-100, or a value more than 50 times larger or
        smaller than the indicator's other values.
    """

    file: str
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    kept: int = 0
    by_indicator: Mapping[str, Mapping[str, int]] = attrs.field(factory=dict)
    missing: tuple[str, ...] = ()
    warnings: tuple[SpreadsheetWarning, ...] = ()

    @property
    def changed(self) -> bool:
        """True when the import changed the chain."""
        return bool(self.added or self.replaced)

    def summary(self, *, lang: str = "sv") -> str:
        """One line: ``utfall.csv: 3 tillagda, 1 oförändrad, ...``."""
        if lang == "en":
            parts = [
                f"{self.added} added",
                f"{self.unchanged} unchanged",
                f"{self.replaced} replaced",
                f"{self.kept} kept",
            ]
            if self.missing:
                parts.append(f"{len(self.missing)} missing (skipped)")
            if self.warnings:
                parts.append(f"{len(self.warnings)} to check (warnings)")
        else:
            parts = [
                f"{self.added} tillagda",
                f"{self.unchanged} oförändrade",
                f"{self.replaced} ersatta",
                f"{self.kept} behållna",
            ]
            if self.missing:
                parts.append(f"{len(self.missing)} saknade (hoppades över)")
            if self.warnings:
                parts.append(f"{len(self.warnings)} att kontrollera (varningar)")
        return f"{self.file}: {', '.join(parts)}"

    def __str__(self) -> str:
        return self.summary()


def import_measurements(
    chain: GoalChain,
    path: StrPath,
    *,
    mapping: Mapping[str, str | None] | None = None,
    sheet: str | None = None,
    source: str | None = None,
    on_conflict: OnConflict = "error",
    missing: Missing = "error",
    encoding: str | None = None,
    delimiter: str | None = None,
    limits: SpreadsheetLimits | None = None,
) -> ImportReport:
    """Record the measurements of a CSV or Excel file in *chain*, all or none.

    The whole file is read and checked first (see :func:`read_measurements`),
    then compared with what the chain holds; only when nothing is wrong are the
    measurements recorded. A failure leaves the chain exactly as it was.

    Parameters
    ----------
    chain
        The chain to record in.
    path, mapping, sheet, source, missing, encoding, delimiter, limits
        As for :func:`read_measurements`.
    on_conflict
        What to do when the chain already has a *different* value for an
        indicator, period and gender: ``"error"`` (the default) raises
        :class:`SpreadsheetDuplicateError` naming the row; ``"keep"`` keeps the
        chain's value; ``"replace"`` takes the file's. A value equal to the
        chain's (the same number, unit and preliminary flag) is left as it is,
        whatever its source.

    Returns
    -------
    ImportReport
        Counts of added, unchanged, replaced and kept measurements, in all and
        per indicator; the rows marked missing; and warnings for values
        recorded that look wrong (a percentage outside 0-100, a value more than
        50 times larger or smaller than the indicator's baseline, target and
        other measurements).

    Raises
    ------
    SpreadsheetError
        As for :func:`read_measurements`, and ``SpreadsheetDuplicateError`` for
        a conflict with the chain when *on_conflict* is ``"error"`` (one error
        for every conflict, as for bad rows).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import goalchain as gc
    >>> from goalchain.io import import_measurements
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_indicator("i1", "Andel behöriga", unit="percent")
    >>> _ = chain.record("i1", 2023, 80.5)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "utfall.csv"
    ...     _ = path.write_text("indikator;år;värde\\ni1;2023;80,5\\ni1;2024;81,5\\n",
    ...                         encoding="utf-8")
    ...     report = import_measurements(chain, path)
    >>> report.added, report.unchanged, chain.series("i1")[gc.Period.parse(2024)]
    (1, 1, 81.5)
    """
    if on_conflict not in ("error", "keep", "replace"):
        raise InvalidValueError(
            f"on_conflict={on_conflict!r} is invalid; valid: 'error', 'keep', 'replace'",
            field="on_conflict",
        )
    reading = _read(
        path,
        chain,
        mapping=mapping,
        sheet=sheet,
        source=source,
        missing=missing,
        encoding=encoding,
        delimiter=delimiter,
        limits=limits,
    )
    existing = {m.key: m for m in chain.measurements()}
    counts: dict[str, dict[str, int]] = {}
    store: list[Measurement] = []
    conflicts: list[tuple[_Row, Measurement]] = []
    for item in reading.rows:
        m = item.measurement
        per = counts.setdefault(m.indicator, dict.fromkeys(_COUNTS, 0))
        old = existing.get(m.key)
        if old is None:
            per["added"] += 1
            store.append(m)
        elif _same(old, m):
            per["unchanged"] += 1
        elif on_conflict == "keep":
            per["kept"] += 1
        elif on_conflict == "replace":
            per["replaced"] += 1
            store.append(m)
        else:
            conflicts.append((item, old))
    if conflicts:
        raise _gather([_conflict(item, old) for item, old in conflicts])
    stored = {id(m) for m in store}
    warnings = _warnings(chain, [item for item in reading.rows if id(item.measurement) in stored])
    # Every value is checked and converted to its indicator's unit: storing cannot
    # fail, so the chain changes all at once or not at all.
    for m in store:
        chain._store_measurement(m, replace=True)
    totals = {name: sum(per[name] for per in counts.values()) for name in _COUNTS}
    return ImportReport(
        file=reading.file,
        by_indicator=MappingProxyType({k: MappingProxyType(v) for k, v in counts.items()}),
        missing=tuple(reading.missing),
        warnings=tuple(warnings),
        **totals,
    )


def _conflict(item: _Row, old: Measurement) -> SpreadsheetDuplicateError:
    m = item.measurement
    return SpreadsheetDuplicateError(
        _Text(
            "conflict",
            old=_Num(old.value),
            prelim=_Text("prelim") if old.preliminary else "",
            id=m.indicator,
            period=str(m.period),
            gender=_Text(f"for_{m.gender}"),
            value=_Num(m.value),
            replace=OptionHint("on_conflict", "replace"),
            keep=OptionHint("on_conflict", "keep"),
        ),
        element=m.indicator,
        **item.where,
    )


SCALE_FACTOR = 50.0
"""A value this many times larger or smaller than an indicator's others is warned about."""


def implausible_values(
    chain: GoalChain, measurements: Sequence[Measurement]
) -> list[tuple[int, str, float | None]]:
    """Which of *measurements*, about to be recorded in *chain*, look wrong.

    The rule of :func:`import_measurements` (and of ``fetch_into`` for Kolada's
    values): a value of an indicator in ``percent`` outside 0-100, or a value
    more than :data:`SCALE_FACTOR` times larger or smaller than the median of
    the indicator's other values (its baseline, target, annual targets and the
    chain's measurements other than those being recorded; when the chain has
    none, the other values of *measurements*, if there are at least two).
    Zeros are never compared. The chain is only read.

    Parameters
    ----------
    chain
        The chain the values are for; every measurement's indicator is in it.
    measurements
        The values about to be recorded, in the indicators' units.

    Returns
    -------
    list of (int, str, float or None)
        ``(index, code, reference)`` per value that looks wrong: its index in
        *measurements*; ``"percent_range"``, ``"scale_small"`` or
        ``"scale_large"``; and the median it was compared with (None for
        ``"percent_range"``). Grouped by indicator in order of first
        appearance, then in the order given.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.io._spreadsheet import implausible_values
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_indicator("i1", "Andel behöriga", unit="percent")
    >>> _ = chain.record("i1", 2022, 80.0)
    >>> new = [gc.Measurement(indicator="i1", period=y, value=v, unit="percent")
    ...        for y, v in [(2023, 81.0), (2024, 0.82), (2025, 182.0)]]
    >>> implausible_values(chain, new)
    [(1, 'scale_small', 80.0), (2, 'percent_range', None)]
    """
    percent = parse_unit("percent")
    by_indicator: dict[str, list[int]] = {}
    for index, m in enumerate(measurements):
        by_indicator.setdefault(m.indicator, []).append(index)
    out: list[tuple[int, str, float | None]] = []
    for indicator_id, indices in by_indicator.items():
        indicator = chain[indicator_id]
        assert isinstance(indicator, Indicator)
        is_percent = parse_unit(indicator.unit) == percent
        known = [
            pair.value
            for pair in (indicator.baseline, indicator.target, *indicator.annual_targets)
            if pair is not None and pair.value is not None
        ]
        new_keys = {measurements[i].key for i in indices}
        known += [m.value for m in chain.measurements(indicator_id) if m.key not in new_keys]
        known = [abs(v) for v in known if v]
        for index in indices:
            m = measurements[index]
            reference: float | None = None
            if is_percent and not 0 <= m.value <= 100:
                code = "percent_range"
            else:
                others = known
                if not others:  # nothing in the chain: the batch's other values, if several
                    others = [abs(measurements[i].value) for i in indices if i != index]
                    others = [v for v in others if v] if len(others) >= 2 else []
                if not others or not m.value:
                    continue
                reference = statistics.median(others)
                ratio = abs(m.value) / reference
                if ratio * SCALE_FACTOR < 1:
                    code = "scale_small"
                elif ratio > SCALE_FACTOR:
                    code = "scale_large"
                else:
                    continue
            out.append((index, code, reference))
    return out


def _warnings(chain: GoalChain, items: Sequence[_Row]) -> list[SpreadsheetWarning]:
    """Warnings for values about to be recorded that look wrong; the chain is read only."""
    out: list[SpreadsheetWarning] = []
    for index, code, reference in implausible_values(chain, [i.measurement for i in items]):
        item = items[index]
        m = item.measurement
        out.append(
            SpreadsheetWarning(
                file=str(item.where["file"]),
                row=item.row,
                col=int(item.where["col"]),
                header=item.where.get("header"),
                sheet=item.where.get("sheet"),
                element=m.indicator,
                period=str(m.period),
                value=m.value,
                code=code,
                reference=reference,
            )
        )
    out.sort(key=lambda w: (w.row, w.col))
    return out


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
                f"years {years!r}: write a year (2024) or a range (2023-2026)", field="years"
            )
        start = int(match[1])
        end = int(match[2] or match[1])
        if end < start:
            raise InvalidValueError(
                f"years {years!r}: the range ends before it starts", field="years"
            )
        return list(range(start, end + 1))
    if isinstance(years, int) and not isinstance(years, bool):
        return [years]
    if isinstance(years, Iterable):
        out = []
        for year in years:
            if isinstance(year, bool) or not isinstance(year, int):
                raise InvalidValueError(f"expected years as integers, got {year!r}", field="years")
            out.append(year)
        return sorted(set(out))
    raise InvalidValueError(
        f"years must be a year, a range such as '2023-2026' or a list of years, got {years!r}",
        field="years",
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
        raise InvalidValueError(f"lang={lang!r} is invalid; valid: sv, en", field="lang")
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
        raise FileFormatError(
            f"cannot tell what to write from the extension {suffix or '(none)'!r}; "
            "a template is a .csv or an .xlsx file",
            file=str(file),
        )
    rows = template_rows(chain, years=years, lang=lang)
    if suffix == ".xlsx":
        from ._xlsx import write_xlsx_template

        write_xlsx_template(file, rows, lang=lang)
        return
    from ._csv import write_csv_template

    write_csv_template(file, rows)
