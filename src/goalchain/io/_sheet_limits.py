"""Limits on what a spreadsheet of measurements may hold, so that one bad file cannot
take a worker's memory or time.

A spreadsheet comes from someone else: an ``.xlsx`` file is a zip archive whose
parts may inflate a thousandfold (1.5 MB to 1.5 GB), and a sheet or CSV file
may hold millions of rows. The readers check these limits before and while
they read, and a file beyond them is a
:class:`~goalchain.io.SpreadsheetLimitError` naming the file, the sheet, the
row and the limit. The defaults are Excel's own limits where Excel has one
(1 048 576 rows, 32 767 characters in a cell), and far above any real file
of measurements elsewhere; pass ``limits=SpreadsheetLimits(...)`` to
:func:`~goalchain.io.read_measurements` or
:func:`~goalchain.io.import_measurements` for more (or less).
"""

from __future__ import annotations

from typing import Any

import attrs

from .._i18n import N_
from ..exceptions import InvalidValueError
from ._spreadsheet_errors import SpreadsheetLimitError, _Int, _Text

__all__ = [
    "MAX_CELLS",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_CSV_BYTES",
    "MAX_LINE_CHARS",
    "MAX_ROWS",
    "MAX_XLSX_PARTS",
    "MAX_XLSX_PART_BYTES",
    "SpreadsheetLimits",
    "limit_error",
]

MAX_ROWS = 1_048_576
"""Most rows of a sheet or CSV file: Excel's own limit, so any sheet Excel saves is read."""

MAX_COLUMNS = 16_384
"""Most columns of a row (Excel's own limit, column XFD)."""

MAX_CELLS = 5_000_000
"""Most cells of a sheet or CSV file, empty cells before a row's last one included
(a million rows of the template's five columns)."""

MAX_CELL_CHARS = 32_767
"""Most characters of one cell: Excel's own limit."""

MAX_XLSX_PART_BYTES = 256 * 1024 * 1024
"""Most bytes one part of an ``.xlsx`` archive (a sheet, the shared strings) may
inflate to, and most bytes of the ``.xlsx`` file itself (256 MiB). A sheet of a
million rows of five cells is about 200 MB of XML."""

MAX_XLSX_PARTS = 10_000
"""Most parts (files) in an ``.xlsx`` archive; a workbook has a few dozen."""

MAX_CSV_BYTES = 128 * 1024 * 1024
"""Most bytes of a CSV file (128 MiB); a million rows of measurements is about 40 MB."""

MAX_LINE_CHARS = 1024 * 1024
"""Most characters of one line of a CSV file."""


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InvalidValueError(
            N_("expected a whole number >= 1, got {value!r}"),
            field=f"limits.{attribute.name}",
            params={"value": value},
        )


@attrs.frozen(kw_only=True)
class SpreadsheetLimits:
    """How much a spreadsheet of measurements may hold; the defaults are the module's constants.

    Parameters
    ----------
    rows
        Most rows of a sheet or CSV file (:data:`MAX_ROWS`).
    columns
        Most columns of a row (:data:`MAX_COLUMNS`).
    cells
        Most cells of a sheet or CSV file (:data:`MAX_CELLS`).
    cell_chars
        Most characters of a cell (:data:`MAX_CELL_CHARS`).
    part_bytes
        Most bytes an ``.xlsx`` part inflates to, and of the ``.xlsx`` file
        (:data:`MAX_XLSX_PART_BYTES`).
    parts
        Most parts of an ``.xlsx`` archive (:data:`MAX_XLSX_PARTS`).
    csv_bytes
        Most bytes of a CSV file (:data:`MAX_CSV_BYTES`).
    line_chars
        Most characters of a CSV line (:data:`MAX_LINE_CHARS`).

    Examples
    --------
    >>> from goalchain.io import SpreadsheetLimits
    >>> SpreadsheetLimits().rows
    1048576
    >>> SpreadsheetLimits(rows=2_000_000).rows
    2000000
    >>> SpreadsheetLimits(rows=0)
    Traceback (most recent call last):
    ...
    goalchain.exceptions.InvalidValueError: field 'limits.rows': expected a whole number >= 1, got 0
    """

    rows: int = attrs.field(default=MAX_ROWS, validator=_positive)
    columns: int = attrs.field(default=MAX_COLUMNS, validator=_positive)
    cells: int = attrs.field(default=MAX_CELLS, validator=_positive)
    cell_chars: int = attrs.field(default=MAX_CELL_CHARS, validator=_positive)
    part_bytes: int = attrs.field(default=MAX_XLSX_PART_BYTES, validator=_positive)
    parts: int = attrs.field(default=MAX_XLSX_PARTS, validator=_positive)
    csv_bytes: int = attrs.field(default=MAX_CSV_BYTES, validator=_positive)
    line_chars: int = attrs.field(default=MAX_LINE_CHARS, validator=_positive)


def limit_error(
    code: str, limits: SpreadsheetLimits, field: str, *, file: str, **params: Any
) -> SpreadsheetLimitError:
    """The error for a file beyond ``limits.<field>``; *params* fill the message *code*.

    Where the message is (``row``, ``col``, ``sheet``) is taken from *params*;
    numbers are worded each language's way.
    """
    maximum: int = getattr(limits, field)
    where = {key: params.pop(key) for key in ("row", "col", "sheet") if key in params}
    words = {
        k: _Int(v) if isinstance(v, int) and not isinstance(v, bool) else v
        for k, v in params.items()
    }
    more = _Text("limits_hint", field=field, value=max(2 * maximum, maximum + 1))
    return SpreadsheetLimitError(
        code,
        params={"limit": _Int(maximum), "more": more, **words},
        limit=field,
        maximum=maximum,
        file=file,
        **where,
    )
