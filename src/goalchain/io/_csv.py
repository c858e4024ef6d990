"""CSV files of measurements: reading (dialect sniffed) and writing the template."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._safe_text import csv_cell, csv_uncell
from ..exceptions import InvalidValueError
from ._files import atomic_write
from ._spreadsheet import Table
from ._spreadsheet_errors import OptionHint, SpreadsheetError, _Text

__all__ = ["read_csv", "sniff_delimiter", "write_csv_template"]

_DELIMITERS = (";", "\t", ",")
_SEP_LINE = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)


def _decode(data: bytes, *, file: str, encoding: str | None) -> str:
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InvalidValueError(
                f"unknown encoding {encoding!r}; for example 'utf-8' or 'cp1252'",
                field="encoding",
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
        _Text(code, byte=f"{data[err.start]:#04x}", col=column, **params),
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


def read_csv(path: Path, *, encoding: str | None = None, delimiter: str | None = None) -> Table:
    """Read a CSV file into a :class:`Table` of text cells.

    Rows are numbered by the line where they start (the header is row 1).
    """
    file = str(path)
    text = _decode(path.read_bytes(), file=file, encoding=encoding)
    lines = text.splitlines()
    skip = 0
    if lines and (match := _SEP_LINE.match(lines[0])):  # Excel's "sep=;" hint line
        delimiter = delimiter or match[1]
        skip = 1
    if delimiter is None:
        first = next((line for line in lines[skip:] if line.strip()), "")
        delimiter = sniff_delimiter(first)
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise InvalidValueError(
            f"delimiter must be one character such as ';' or ',', got {delimiter!r}",
            field="delimiter",
        )
    stream = io.StringIO(text, newline="")
    for _ in range(skip):
        stream.readline()
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    rows: list[tuple[int, Sequence[Any]]] = []
    end = skip
    while True:
        start = end + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            raise SpreadsheetError(
                _Text("bad_csv", reason=str(err)),
                file=file,
                row=skip + reader.line_num,
            ) from err
        end = skip + reader.line_num
        if record:
            # the quote the template writer put before a text such as "=..." (csv_cell)
            rows.append((start, [csv_uncell(cell) for cell in record]))
    return Table(file, None, rows, delimiter=delimiter)


def write_csv_template(path: Path, rows: Sequence[Sequence[Any]]) -> None:
    """Write template rows as CSV: ``;``, CRLF, UTF-8 with BOM (Excel reads it right).

    A text that a spreadsheet program would read as a formula (``=``, ``+``,
    ``-``, ``@``, tab, CR first) is written with a single quote in front
    (:func:`~goalchain._safe_text.csv_cell`), which :func:`read_csv` removes;
    numbers are written as numbers.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else csv_cell(v) for v in row])
    atomic_write(path, "\ufeff" + buffer.getvalue())
