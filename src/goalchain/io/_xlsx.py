"""Excel ``.xlsx`` files of measurements, with openpyxl and defusedxml (the ``excel`` extra).

Both are imported only when an Excel file is read or written. openpyxl parses
the XML inside the file with defusedxml, which refuses entity expansion and
external entities (a workbook is untrusted input).
"""

from __future__ import annotations

import difflib
import importlib
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from .._safe_text import formula_like, one_line
from ..exceptions import InvalidValueError, MissingDependencyError
from ._files import atomic_write
from ._spreadsheet import CellError, Table
from ._spreadsheet_errors import SpreadsheetError, _Text

__all__ = ["ExcelMissingError", "read_xlsx", "write_xlsx_template"]

_INSTALL = (
    "reading and writing .xlsx files needs openpyxl and defusedxml; install them with "
    "pip install 'malkedja[excel]' (or pip install openpyxl defusedxml), or save the "
    "sheet as CSV UTF-8"
)


class ExcelMissingError(MissingDependencyError):
    """openpyxl or defusedxml is not installed; the message says how to install them."""


def openpyxl() -> ModuleType:
    """Import openpyxl, making sure it parses with defusedxml."""
    try:
        importlib.import_module("defusedxml")
        module = importlib.import_module("openpyxl")
    except ImportError as err:
        raise ExcelMissingError(_INSTALL) from err
    if not getattr(module, "DEFUSEDXML", False):
        raise ExcelMissingError(
            "openpyxl does not use defusedxml (is OPENPYXL_DEFUSEDXML set to False?); "
            "goalchain reads .xlsx files only with defusedxml"
        )
    return module


def _open(path: Path, *, data_only: bool) -> Any:
    xl = openpyxl()
    try:
        return xl.load_workbook(path, read_only=True, data_only=data_only)
    except FileNotFoundError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as err:
        raise SpreadsheetError(_Text("bad_workbook", reason=str(err)), file=str(path)) from err
    except Exception as err:  # openpyxl's InvalidFileException, defusedxml's refusals
        raise SpreadsheetError(
            _Text("bad_workbook", reason=f"{type(err).__name__}: {err}"), file=str(path)
        ) from err


def _sheet_rows(sheet: Any) -> Any:
    sheet.reset_dimensions()  # a wrong <dimension> in the file must not cut rows off
    return enumerate(sheet.iter_rows(), start=1)


def read_xlsx(path: Path, *, sheet: str | None = None) -> list[Table]:
    """Read the worksheets of an ``.xlsx`` file (or only *sheet*) into tables.

    The file is opened twice: once for the values Excel saved and once for the
    formulas, so that a formula without a saved value is reported and not read
    as an empty cell.
    """
    file = str(path)
    if not path.exists():
        raise FileNotFoundError(2, "No such file or directory", file)
    values_book = _open(path, data_only=True)
    formula_book = _open(path, data_only=False)
    try:
        names = [ws.title for ws in values_book.worksheets]
        if sheet is not None:
            if sheet not in names:
                close = difflib.get_close_matches(sheet, names, n=1, cutoff=0.5)
                hint = _Text("hint_sheet", name=close[0]) if close else ""
                raise SpreadsheetError(
                    _Text("no_sheet", sheet=sheet, names=", ".join(map(repr, names)), hint=hint),
                    file=file,
                )
            names = [sheet]
        return [_table(file, values_book[name], formula_book[name]) for name in names]
    finally:
        values_book.close()
        formula_book.close()


def _table(file: str, values: Any, formulas: Any) -> Table:
    pending: dict[tuple[int, int], str] = {}
    for row, cells in _sheet_rows(formulas):
        for col, cell in enumerate(cells, start=1):
            if getattr(cell, "data_type", None) == "f":
                pending[row, col] = str(cell.value)
    rows: list[tuple[int, Sequence[Any]]] = []
    formats: dict[tuple[int, int], str] = {}
    uncached: dict[tuple[int, int], str] = {}
    for row, cells in _sheet_rows(values):
        out: list[Any] = []
        for col, cell in enumerate(cells, start=1):
            value = cell.value
            kind = getattr(cell, "data_type", None)
            if kind == "e" and value is not None:
                value = CellError(str(value))
            elif value is None and (row, col) in pending:
                uncached[row, col] = pending[row, col]
            fmt = getattr(cell, "number_format", None)
            if fmt and fmt != "General" and value is not None:
                formats[row, col] = str(fmt)
            out.append(value)
        if out:
            rows.append((row, out))
    return Table(file, str(values.title), rows, formats=formats, formulas=uncached)


# what XML 1.0 (and so an .xlsx file) cannot hold: C0 controls but tab, LF and CR
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text_cell(value: str, row: Sequence[Any], column: int) -> str:
    """*value* as an .xlsx cell can hold it.

    The first column (the indicator id, read back by the importer) must be
    written exactly, so a control character there is an error; in the other
    columns (the title, for the reader) it is shown as its control picture.
    """
    if _NOT_XML.search(value) is None:
        return value
    if column == 0:
        raise InvalidValueError(
            f"the id {value!r} has a control character that an .xlsx file cannot hold; "
            "rename the indicator, or write the template as .csv",
            element=value,
            field="id",
        )
    return _NOT_XML.sub(lambda m: one_line(m[0]), value)


def write_xlsx_template(path: Path, rows: Sequence[Sequence[Any]], *, lang: str = "sv") -> None:
    """Write template rows to an ``.xlsx`` file, atomically.

    Every text is written as a text cell (an inline string), never as a
    formula or an error value, whatever it starts with (``=``, ``+``, ``-``,
    ``@``, ``#DIV/0!``); a text that would be read as a formula when typed
    also gets Excel's quote prefix, so that editing the cell keeps it text.
    Numbers stay numbers.
    """
    xl = openpyxl()
    styles = importlib.import_module("openpyxl.styles")
    book = xl.Workbook()
    sheet = book.active
    sheet.title = "Measurements" if lang == "en" else "Mätvärden"
    for number, row in enumerate(rows, start=1):
        values = [
            _text_cell(value, row, column) if isinstance(value, str) else value
            for column, value in enumerate(row)
        ]
        sheet.append(values)
        for cell, value in zip(sheet[number], values, strict=False):
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl makes "=..." a formula, "#N/A" an error
                if formula_like(value):
                    cell.quotePrefix = True
    bold = styles.Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for (cell,) in sheet.iter_rows(min_row=2, max_col=1):
        cell.number_format = "@"  # ids are text: "0192" keeps its zero
    for letter, width in zip("ABCDE", (16, 48, 8, 12, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    help_sheet = book.create_sheet("Instructions" if lang == "en" else "Instruktioner")
    for line in _HELP["en" if lang == "en" else "sv"]:
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write(path, buffer.getvalue())


_HELP = {
    "sv": (
        "Fyll i kolumnen värde på bladet Mätvärden, ett värde per indikator och år.",
        "Skriv talet i indikatorns enhet (kolumnen enhet), t.ex. 81,5 eller 1 234.",
        "Saknas ett värde: skriv .. (två punkter); raden hoppas då över och redovisas.",
        "Ändra inte kolumnerna indikator och år. Läs in filen med "
        "goalchain import KEDJA.yaml FIL.xlsx -o KEDJA.yaml",
    ),
    "en": (
        "Fill in the value column of the Measurements sheet, one value per indicator and year.",
        "Write the number in the indicator's unit (the unit column), e.g. 81.5 or 1234.",
        "When a value is missing, write .. (two dots); the row is skipped and reported.",
        "Do not change the indicator and year columns. Read the file with "
        "goalchain import CHAIN.yaml FILE.xlsx -o CHAIN.yaml",
    ),
}
