"""Measurements from spreadsheets into a chain: reading a file, matching, conflicts, warnings.

Controllers keep indicator values in Excel. :func:`read_measurements` reads a
CSV or ``.xlsx`` file into measurements, checking every row against a chain
without changing it (the cells are read by :mod:`goalchain.io._sheet_cells`);
:func:`import_measurements` compares them with what the chain holds (a value
equal to the chain's is unchanged; a different one is a conflict, kept,
replaced or reported as *on_conflict* says) and records them all or none,
returning an :class:`ImportReport`. Values imported that look wrong (a
percentage outside 0-100, a value 50 times off the indicator's others) are
returned as warnings (:func:`implausible_values`, also used for Kolada's values).

Every error names the file, the row and the column (for Excel the cell, such
as ``Blad1!C7``) and says what would be valid; every wrong cell of a file is
reported at once, and :meth:`SpreadsheetError.render` words the message in
Swedish or for the command line. The errors subclass both
:class:`~goalchain.exceptions.FileFormatError` and the chain's own error for the
problem (:class:`~goalchain.exceptions.UnitMismatchError`,
:class:`~goalchain.exceptions.UnknownElementError`,
:class:`~goalchain.exceptions.DuplicateError`,
:class:`~goalchain.exceptions.InvalidValueError`), so either ``except`` works.
"""

from __future__ import annotations

import math
import os
import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

import attrs

from .._i18n import N_, check_lang, format_number, npgettext
from ..exceptions import FileFormatError, InvalidValueError, Number, Plural
from ..models import Indicator, Measurement, Period
from ..units import parse_unit
from ._paths import not_a_regular_file
from ._sheet_cells import (
    Missing,
    Table,
    _Columns,
    _columns,
    _is_blank,
    _mapping,
    _no_header_error,
    _norm,
    _Reader,
    _Row,
)
from ._sheet_limits import SpreadsheetLimits
from ._sheet_template import is_template_header
from ._spreadsheet_errors import (
    OptionHint,
    SpreadsheetDuplicateError,
    SpreadsheetError,
    SpreadsheetValueError,
    SpreadsheetWarning,
    _gather,
    _Text,
    column_letter,
)

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = [
    "SCALE_FACTOR",
    "ImportReport",
    "implausible_values",
    "import_measurements",
    "read_measurements",
]

StrPath = str | os.PathLike[str]
OnConflict = Literal["error", "keep", "replace"]

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
        raise FileFormatError(
            N_("cannot read the file: {why}"), file=str(path), params={"why": why}
        )
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        if encoding is not None or delimiter is not None:
            raise InvalidValueError(
                N_("encoding= and delimiter= are for CSV files, not Excel files"),
                field="encoding",
                params={},
            )
        from ._xlsx import read_xlsx

        return read_xlsx(path, sheet=sheet, limits=limits)
    if suffix in (".xls", ".ods", ".numbers"):
        raise FileFormatError(
            N_("cannot read {suffix} files; save the sheet as .xlsx (Excel) or as CSV UTF-8"),
            file=str(path),
            params={"suffix": suffix},
        )
    if sheet is not None:
        raise InvalidValueError(
            N_("sheet={sheet!r} is for Excel files; {name} is read as CSV"),
            field="sheet",
            params={"sheet": sheet, "name": path.name},
        )
    from ._csv import read_csv

    return [read_csv(path, encoding=encoding, delimiter=delimiter, limits=limits)]


@attrs.frozen
class _Reading:
    rows: list[_Row]
    missing: list[str]
    file: str
    reader: _Reader
    empty: int = 0


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
    if missing not in ("auto", "error", "skip"):
        raise InvalidValueError(
            N_("missing={missing!r} is invalid; valid: 'auto', 'error', 'skip'"),
            field="missing",
            params={"missing": missing},
        )
    if source is not None and not isinstance(source, str):
        raise InvalidValueError(
            N_("source must be text, got {source!r}"), field="source", params={"source": source}
        )
    file = Path(path)
    names = _mapping(mapping)
    if limits is not None and not isinstance(limits, SpreadsheetLimits):
        raise InvalidValueError(
            N_("limits must be a SpreadsheetLimits, got {limits!r}"),
            field="limits",
            params={"limits": limits},
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
            "no_sheet_header",
            params={
                "sheets": ", ".join(repr(t.sheet) for t in tables),
                "sheet": OptionHint("sheet"),
                "mapping": OptionHint("mapping"),
            },
            file=str(file),
        )
    table, columns = found
    present = {_norm(text) for text in columns.headers.values()}
    for header in mapping or {}:
        if _norm(header) not in present:
            raise SpreadsheetError(
                "mapping_column_missing",
                params={
                    "mapping": OptionHint("mapping"),
                    "header": header,
                    "columns": ", ".join(repr(t) for t in columns.headers.values()),
                },
                file=table.file,
                row=columns.header_row,
                sheet=table.sheet,
            )
    if missing == "auto":  # a template's empty cells are the ones not filled in yet
        headers = [columns.headers[i] for i in sorted(columns.headers)]
        missing = "skip" if is_template_header(headers) else "error"
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
    return _Reading(rows, skipped, str(file), reader, reader.empty)


def _nothing_filled(empty: Sequence[SpreadsheetError]) -> SpreadsheetValueError:
    """One error for a file whose every value is empty (a template not filled in yet),
    placed at the first empty cell, instead of one error per cell."""
    first = empty[0]
    return SpreadsheetValueError(
        "nothing_filled",
        params={
            "n": len(empty),
            "empty": Plural(
                "the only value cell is empty",
                "all {n} value cells are empty, this the first",
                len(empty),
            ),
            "skip": OptionHint("missing", "skip"),
        },
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
        "duplicate_in_file",
        params={
            "id": m.indicator,
            "period": str(m.period),
            "gender": _Text(f"for_{m.gender}"),
            "value": Number(m.value, ".10g"),
            "other": Number(earlier.measurement.value, ".10g"),
            "there": there,
        },
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
    missing: Missing = "auto",
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
        ``"auto"`` (the default): the empty value cells of a template (a file
        with :func:`write_template`'s header) are skipped, those of another
        file are errors. ``"error"``: an empty value cell is an error.
        ``"skip"``: empty value cells are skipped. Cells marked missing
        (:data:`MISSING_MARKERS`, such as ``..``) are always skipped.
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
        Where a value was marked missing (``..``), as ``file:row:column``;
        these rows were skipped.
    empty
        How many empty value cells were skipped: the cells of a template not
        filled in (or any, with ``missing="skip"``).
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
    empty: int = 0

    @property
    def changed(self) -> bool:
        """True when the import changed the chain."""
        return bool(self.added or self.replaced)

    def summary(self, *, lang: str = "sv") -> str:
        """One line: ``utfall.csv: 3 tillagda, 1 oförändrat, ...``, in *lang*.

        The counts agree with their words by the language's plural rule and are
        written the language's way (``1 234`` in Swedish, ``1,234`` in English).

        Raises
        ------
        InvalidValueError
            For a language goalchain does not speak, naming the valid ones.

        Examples
        --------
        >>> from goalchain.io import ImportReport
        >>> report = ImportReport(file="utfall.csv", added=3, unchanged=1)
        >>> report.summary()
        'utfall.csv: 3 tillagda, 1 oförändrat, 0 ersatta, 0 behållna'
        >>> report.summary(lang="en")
        'utfall.csv: 3 added, 1 unchanged, 0 replaced, 0 kept'
        >>> ImportReport(file="mall.csv", added=1, empty=30).summary()
        'mall.csv: 1 tillagt, 0 oförändrade, 0 ersatta, 0 behållna, 30 tomma (hoppades över)'
        """
        lang = check_lang(lang)

        def count(n: int) -> str:
            return format_number(n, lang=lang, decimals=0)

        parts = [
            npgettext("spreadsheet import summary", "{n} added", "{n} added", self.added, lang),
            npgettext(
                "spreadsheet import summary", "{n} unchanged", "{n} unchanged", self.unchanged, lang
            ),
            npgettext(
                "spreadsheet import summary", "{n} replaced", "{n} replaced", self.replaced, lang
            ),
            npgettext("spreadsheet import summary", "{n} kept", "{n} kept", self.kept, lang),
        ]
        counts = [self.added, self.unchanged, self.replaced, self.kept]
        if self.missing:
            n = len(self.missing)
            parts.append(
                npgettext(
                    "spreadsheet import summary",
                    "{n} missing (skipped)",
                    "{n} missing (skipped)",
                    n,
                    lang,
                )
            )
            counts.append(n)
        if self.empty:
            parts.append(
                npgettext(
                    "spreadsheet import summary",
                    "{n} empty (skipped)",
                    "{n} empty (skipped)",
                    self.empty,
                    lang,
                )
            )
            counts.append(self.empty)
        if self.warnings:
            n = len(self.warnings)
            parts.append(
                npgettext(
                    "spreadsheet import summary",
                    "{n} to check (warning)",
                    "{n} to check (warnings)",
                    n,
                    lang,
                )
            )
            counts.append(n)
        parts = [part.format(n=count(n)) for part, n in zip(parts, counts, strict=True)]
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
    missing: Missing = "auto",
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
            N_("on_conflict={on_conflict!r} is invalid; valid: 'error', 'keep', 'replace'"),
            field="on_conflict",
            params={"on_conflict": on_conflict},
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
        empty=reading.empty,
        **totals,
    )


def _conflict(item: _Row, old: Measurement) -> SpreadsheetDuplicateError:
    m = item.measurement
    return SpreadsheetDuplicateError(
        "conflict",
        params={
            "old": Number(old.value, ".10g"),
            "prelim": _Text("prelim") if old.preliminary else "",
            "id": m.indicator,
            "period": str(m.period),
            "gender": _Text(f"for_{m.gender}"),
            "value": Number(m.value, ".10g"),
            "replace": OptionHint("on_conflict", "replace"),
            "keep": OptionHint("on_conflict", "keep"),
        },
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
    >>> from goalchain.io._sheet_import import implausible_values
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
