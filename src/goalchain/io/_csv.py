"""CSV files of measurements: reading (dialect sniffed) and writing the template.

A CSV file is untrusted input: :func:`read_csv` reads it within
:class:`~goalchain.io.SpreadsheetLimits` (the bytes of the file, the length of
a line, the rows, columns and cells, the characters of a cell), checking each
as it reads, and a file beyond them is a
:class:`~goalchain.io.SpreadsheetLimitError` naming the file and row. The
csv module's own field limit (process-global) is left as it is.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._i18n import N_
from .._safe_text import csv_cell, csv_uncell
from ..exceptions import InvalidValueError, Number
from ._files import atomic_write
from ._sheet_cells import Table
from ._sheet_limits import SpreadsheetLimits, limit_error
from ._spreadsheet_errors import OptionHint, SpreadsheetError

__all__ = ["read_csv", "sniff_delimiter", "write_csv_template"]

_DELIMITERS = (";", "\t", ",")
_SEP_LINE = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)


def _decode(data: bytes, *, file: str, encoding: str | None) -> str:
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InvalidValueError(
                N_("unknown encoding {encoding!r}; for example 'utf-8' or 'cp1252'"),
                field="encoding",
                params={"encoding": encoding},
            ) from None
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError as err:
            raise _bad_bytes(data, err, file, "not_encoding", encoding=encoding) from err
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
        try:
            return data.decode("utf-16").removeprefix("\ufeff")
        except UnicodeDecodeError as err:
            raise _bad_bytes(data, err, file, "not_encoding", encoding="UTF-16") from err
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _bad_bytes(
            data, err, file, "not_utf8", encoding=OptionHint("encoding", "cp1252")
        ) from err


def _bad_bytes(
    data: bytes, err: UnicodeDecodeError, file: str, code: str, **params: Any
) -> SpreadsheetError:
    line = data.count(b"\n", 0, err.start) + 1
    column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
    return SpreadsheetError(
        code,
        params={"byte": f"{data[err.start]:#04x}", "col": column, **params},
        file=file,
        row=line,
    )


def sniff_delimiter(header_line: str) -> str:
    """The separator of a CSV file from its header line: ``;``, tab or ``,``.

    Swedish files use ``;`` (the comma is the decimal mark), so a ``;`` in the
    header wins; then a tab; else ``,``.

    Examples
    --------
    >>> from goalchain.io._csv import sniff_delimiter
    >>> sniff_delimiter("indikator;år;värde"), sniff_delimiter("indicator,year,value")
    (';', ',')
    """
    for delimiter in _DELIMITERS:
        fields = next(csv.reader([header_line], delimiter=delimiter), [])
        if len(fields) > 1:
            return delimiter
    return ","


def _read_bytes(path: Path, file: str, limits: SpreadsheetLimits) -> bytes:
    """The bytes of *path*, at most ``limits.csv_bytes`` of them (else an error)."""
    size = path.stat().st_size
    if size > limits.csv_bytes:
        raise limit_error("file_too_large", limits, "csv_bytes", file=file, size=size)
    chunks: list[bytes] = []
    read = 0
    with path.open("rb") as stream:  # in chunks: read(n) would allocate n bytes at once
        while chunk := stream.read(1 << 20):
            read += len(chunk)
            if read > limits.csv_bytes:  # the file grew, or is no regular file
                raise limit_error("file_too_large", limits, "csv_bytes", file=file, size=read)
            chunks.append(chunk)
    return b"".join(chunks)


def _line_break(text: str, start: int, end: int, *, last: bool) -> int:
    """The last (or first) line break in ``text[start:end]``; -1 when there is none."""
    if last:
        return max(text.rfind("\n", start, end), text.rfind("\r", start, end))
    found = [i for i in (text.find("\n", start, end), text.find("\r", start, end)) if i >= 0]
    return min(found, default=-1)


def _check_lines(text: str, file: str, limits: SpreadsheetLimits) -> None:
    """Refuse a line longer than ``limits.line_chars``.

    A line longer than *n* characters covers a multiple of ``n // 2``, so only
    the lines at those positions are looked at, each within *n* characters
    either side: a few thousand short searches for a file at the limit.
    """
    n = limits.line_chars
    for at in range(0, len(text), max(n // 2, 1)):
        low, high = max(0, at - n - 1), min(len(text), at + n + 1)
        before = _line_break(text, low, at, last=True)
        after = _line_break(text, at, high, last=False)
        if (before < 0 and low > 0) or (after < 0 and high < len(text)):
            long = True  # no break within n characters on one side
        else:
            start = before + 1 if before >= 0 else 0
            end = after if after >= 0 else len(text)
            long = end - start > n
        if long:
            start = _line_break(text, 0, at, last=True) + 1
            end = _line_break(text, at, len(text), last=False)
            length = (len(text) if end < 0 else end) - start
            before_text = text[:start]
            row = len(before_text.splitlines()) + 1 if before_text else 1
            raise limit_error("line_too_long", limits, "line_chars", file=file, row=row, n=length)


def _count_records(
    text: str, skip: int, delimiter: str, file: str, limits: SpreadsheetLimits
) -> None:
    """Refuse more than ``limits.rows`` records before any is kept (a quick first pass)."""
    stream = io.StringIO(text, newline="")
    for _ in range(skip):
        stream.readline()
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    count = 0
    end = skip
    try:
        for record in reader:
            start, end = end + 1, skip + reader.line_num
            count += bool(record)
            if count > limits.rows:
                raise limit_error("too_many_rows", limits, "rows", file=file, row=start)
    except csv.Error:
        return  # the reading proper reports it, at its row


def _check_record(
    record: Sequence[str], start: int, count: int, cells: int, file: str, limits: SpreadsheetLimits
) -> None:
    if count > limits.rows:
        raise limit_error("too_many_rows", limits, "rows", file=file, row=start)
    if len(record) > limits.columns:
        raise limit_error(
            "too_many_columns", limits, "columns", file=file, row=start, n=len(record)
        )
    if cells > limits.cells:
        raise limit_error("cells_over_limit", limits, "cells", file=file, row=start)
    for col, field in enumerate(record, start=1):
        if len(field) > limits.cell_chars:
            raise limit_error(
                "cell_too_long", limits, "cell_chars", file=file, row=start, col=col, n=len(field)
            )


def read_csv(
    path: Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    limits: SpreadsheetLimits | None = None,
) -> Table:
    """Read a CSV file into a :class:`Table` of text cells, within *limits*.

    Rows are numbered by the line where they start (the header is row 1).
    """
    file = str(path)
    limits = limits or SpreadsheetLimits()
    text = _decode(_read_bytes(path, file, limits), file=file, encoding=encoding)
    _check_lines(text, file, limits)
    lines = io.StringIO(text, newline=None)  # read lazily: a file may have a million lines
    skip = 0
    if (match := _SEP_LINE.match(lines.readline().rstrip("\n"))) is not None:  # "sep=;"
        delimiter = delimiter or match[1]
        skip = 1
    if delimiter is None:
        if not skip:
            lines.seek(0)
        first = next((line.rstrip("\n") for line in lines if line.strip()), "")
        delimiter = sniff_delimiter(first)
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise InvalidValueError(
            N_("delimiter must be one character such as ';' or ',', got {delimiter!r}"),
            field="delimiter",
            params={"delimiter": delimiter},
        )
    if text.count("\n") + text.count("\r") >= limits.rows:  # perhaps too many records
        _count_records(text, skip, delimiter, file, limits)
    stream = io.StringIO(text, newline="")
    for _ in range(skip):
        stream.readline()
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    rows: list[tuple[int, Sequence[Any]]] = []
    end = skip
    cells = 0
    while True:
        start = end + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            if "field limit" in str(err):  # the csv module's own limit, lower than ours
                raise limit_error(
                    "field_over_csv_limit",
                    limits,
                    "cell_chars",
                    file=file,
                    row=start,
                    n=Number(csv.field_size_limit(), ","),
                ) from None
            raise SpreadsheetError(
                "bad_csv",
                params={"reason": str(err)},
                file=file,
                row=skip + reader.line_num,
            ) from err
        end = skip + reader.line_num
        if record:
            cells += len(record)
            _check_record(record, start, len(rows) + 1, cells, file, limits)
            # the quote the template writer put before a text such as "=..." (csv_cell)
            rows.append((start, [csv_uncell(cell) for cell in record]))
    return Table(file, None, rows, delimiter=delimiter)


def _number(value: Any, decimal: str) -> Any:
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
        return text.replace(".", decimal)
    return value


def write_csv_template(path: Path, rows: Sequence[Sequence[Any]], *, decimal: str = ".") -> None:
    """Write template rows as CSV: ``;``, CRLF, UTF-8 with BOM (Excel reads it right).

    A float is written with *decimal* as its decimal mark (``","`` for a
    Swedish template, as Swedish Excel writes it), without thousands
    separators, and a whole float as a whole number (``41200``, not ``41200.0``).

    A text that a spreadsheet program would read as a formula (``=``, ``+``,
    ``-``, ``@``, tab, CR first) is written with a single quote in front
    (:func:`~goalchain._safe_text.csv_cell`), which :func:`read_csv` removes;
    numbers are written as numbers.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else _number(csv_cell(v), decimal) for v in row])
    atomic_write(path, "\ufeff" + buffer.getvalue())
