"""Excel ``.xlsx`` files of measurements, with openpyxl and defusedxml (the ``excel`` extra).

Both are imported only when an Excel file is read or written. openpyxl parses
the XML inside the file with defusedxml, which refuses entity expansion and
external entities (a workbook is untrusted input).

Before openpyxl sees a file, :func:`check_workbook` bounds it by
:class:`~goalchain.io.SpreadsheetLimits`: the size of the file and the number
of its parts; the size every part declares and the bytes it really inflates
to, counted while inflating (a zip bomb is refused after at most the limit,
whatever it declares); and, read as a stream of XML events without building
anything, the rows, columns and cells of each sheet, the shared strings and
the length of every text. openpyxl, which loads all shared strings and builds
each row whole, is then given only a file it can read within bounds; rows,
cells and text are counted again as they are read.
"""

from __future__ import annotations

import difflib
import html
import importlib
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import IO, Any

from .._i18n import N_, check_lang, gettext, pgettext
from .._safe_text import formula_like, one_line
from ..exceptions import InvalidValueError, MissingDependencyError, Number
from ._files import atomic_write
from ._sheet_cells import CellError, Table
from ._sheet_limits import SpreadsheetLimits, limit_error
from ._spreadsheet_errors import SpreadsheetError, _Text

__all__ = ["ExcelMissingError", "check_workbook", "read_xlsx", "write_xlsx_template"]

_INSTALL = N_(
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
        raise ExcelMissingError(_INSTALL, params={}) from err
    if not getattr(module, "DEFUSEDXML", False):
        raise ExcelMissingError(
            N_(
                "openpyxl does not use defusedxml (is OPENPYXL_DEFUSEDXML set to False?); "
                "goalchain reads .xlsx files only with defusedxml"
            ),
            params={},
        )
    return module


def _open(path: Path, *, data_only: bool) -> Any:
    xl = openpyxl()
    try:
        return xl.load_workbook(path, read_only=True, data_only=data_only)
    except FileNotFoundError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as err:
        raise SpreadsheetError("bad_workbook", params={"reason": str(err)}, file=str(path)) from err
    except Exception as err:  # openpyxl's InvalidFileException, defusedxml's refusals
        raise SpreadsheetError(
            "bad_workbook", params={"reason": f"{type(err).__name__}: {err}"}, file=str(path)
        ) from err


# ------------------------------------------------------------------ bounds


_CHUNK = 1 << 20
_EOCD = b"PK\x05\x06"


def _declared_parts(fp: IO[bytes]) -> int | None:
    """The number of parts a zip archive's end record declares, before zipfile reads them.

    None when there is no end record (zipfile then says the file is no zip).
    A ZIP64 archive (65 535 parts or more) gives 65 535.
    """
    fp.seek(0, 2)
    size = fp.tell()
    fp.seek(max(0, size - 22 - 65_535))
    tail = fp.read()
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        return None
    (entries,) = struct.unpack("<H", tail[at + 10 : at + 12])
    return int(entries)


_NAME = rb"<(?:[A-Za-z_][\w.-]*:)?"  # a tag's start, with or without a namespace prefix
_ROW = re.compile(_NAME + rb"row[\s/>]")
_CELL = re.compile(_NAME + rb"c[\s/>]")
_STRING = re.compile(_NAME + rb"si[\s/>]")
_MIN_CELL_BYTES = 4  # <c/>


def _cells(data: bytes) -> int:
    """How many cells start in *data* (counted by C loops, not a list of matches)."""
    if b":c" in data:  # a namespace prefix: the slower exact count
        return len(_CELL.findall(data))
    return sum(data.count(b"<c" + end) for end in (b" ", b">", b"/", b"\t", b"\n", b"\r"))


class _Scan:
    """Counts rows, cells per row, shared strings and text lengths of one XML part as it
    streams past, at the speed of :mod:`re` (a bound, not a parse).

    In XML a ``<`` always starts markup, so the bytes between two ``<`` are a
    tag and the text after it: a run longer than a cell may be is looked at
    closely (entities decoded); rows, cells and shared strings are counted by
    their start tags. Nothing is built, and the bytes held at once are a chunk
    and the run that crosses its end. Whether the XML is well-formed is left to
    openpyxl, which reads it with defusedxml.
    """

    def __init__(self, part: str, file: str, sheet: str | None, limits: SpreadsheetLimits):
        self.part = part
        self.file = file
        self.sheet = sheet
        self.limits = limits
        self.rows = 0  # <row> start tags so far
        self.row_cells = 0  # cells of the row open at the end of the last chunk
        self.strings = 0  # <si> start tags (shared strings)
        self.carry = b""
        self.long = re.compile(rb"<[^<]{%d}" % (limits.cell_chars + 1))
        # the most bytes a text of cell_chars characters can take (&#1114111; is 10)
        self.max_run = 10 * limits.cell_chars + 1024
        # a row of more bytes than this may have more cells than a row may
        self.row_bytes = _MIN_CELL_BYTES * limits.columns
        # rows numbered with as many digits as the limit or more: checked one by one
        self.far = re.compile(
            _NAME + rb"row\s[^>]*?\br\s*=\s*[\"']0*(\d{%d,})" % len(str(limits.rows))
        )

    def where(self, row: int | None = None) -> dict[str, Any]:
        where: dict[str, Any] = {"sheet": self.sheet or self.part}
        if row or self.rows:
            where["row"] = row or self.rows
        return where

    def feed(self, chunk: bytes, *, final: bool = False) -> None:
        buffer = self.carry + chunk
        cut = len(buffer) if final else buffer.rfind(b"<")
        if cut <= 0:  # no markup starts after the first byte: one run, carried on
            if len(buffer) > self.max_run:
                raise self.too_long(_Text("bytes", n=Number(len(buffer), ",")))
            self.carry = buffer
            return
        body, self.carry = buffer[:cut], buffer[cut:]
        self.texts(body)
        self.count(body)

    def texts(self, body: bytes) -> None:
        start = 0
        while found := self.long.search(body, start):
            end = body.find(b"<", found.start() + 1)
            end = len(body) if end < 0 else end
            chars = self.chars(body[found.start() + 1 : end])
            if chars is not None:
                row = self.rows + len(self.row_starts(body[: found.start()])) - 1
                raise self.too_long(chars, row=row)
            start = end

    def chars(self, run: bytes) -> int | _Text | None:
        """How many characters a run between two ``<`` (a tag and its text) holds, when
        more than a cell may; None when within."""
        if len(run) > self.max_run:
            return _Text("bytes", n=Number(len(run), ","))
        tag, _, text = run.partition(b">")
        chars = max(
            len(tag.decode("utf-8", "replace")),
            len(html.unescape(text.decode("utf-8", "replace"))),
        )
        return chars if chars > self.limits.cell_chars else None

    @staticmethod
    def row_starts(body: bytes) -> list[bytes]:
        """*body* split at each row's start tag (the plain split may also split at
        ``<rowBreaks`` and the like, which counts a row or two too many, never too few)."""
        return _ROW.split(body) if b":row" in body else body.split(b"<row")

    def numbers(self, body: bytes) -> None:
        """Refuse a row numbered beyond the limit (openpyxl yields every empty row before it)."""
        for found in self.far.finditer(body):
            if int(found[1]) > self.limits.rows:
                row = int(found[1]) if len(found[1]) < 20 else self.limits.rows + 1
                raise limit_error(
                    "too_many_rows", self.limits, "rows", file=self.file, **self.where(row)
                )

    def count(self, body: bytes) -> None:
        limits = self.limits
        if b":si" in body:  # a namespace prefix: the slower exact count
            self.strings += len(_STRING.findall(body))
        else:
            self.strings += body.count(b"<si>") + body.count(b"<si ")
        if self.strings > limits.cells:
            raise limit_error("cells_over_limit", limits, "cells", file=self.file, **self.where())
        self.numbers(body)
        rows = self.row_starts(body)
        # rows[0] continues the row open before; each other one is a row's rest
        self.row_cells += _cells(rows[0])
        self.check_row()
        if len(rows) == 1:
            return
        if self.rows + len(rows) - 1 > limits.rows:
            self.rows = limits.rows + 1
            raise limit_error("too_many_rows", limits, "rows", file=self.file, **self.where())
        # a row of few bytes cannot have too many cells: count only long ones
        if max(map(len, rows[1:-1]), default=0) > self.row_bytes:
            for i, row in enumerate(rows[1:-1], start=1):
                if len(row) > self.row_bytes:
                    self.row_cells = _cells(row)
                    self.check_row(self.rows + i)
        self.rows += len(rows) - 1
        self.row_cells = _cells(rows[-1])  # open at the end of the body
        self.check_row()

    def check_row(self, row: int | None = None) -> None:
        if self.row_cells > self.limits.columns:
            raise limit_error(
                "too_many_columns",
                self.limits,
                "columns",
                file=self.file,
                n=self.row_cells,
                **self.where(row),
            )

    def too_long(self, n: int | _Text, *, row: int | None = None) -> SpreadsheetError:
        return limit_error(
            "cell_too_long", self.limits, "cell_chars", file=self.file, n=n, **self.where(row)
        )


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """``part -> sheet name`` from the workbook and its relations; empty when unreadable.

    Only for naming sheets in errors: read from small parts with defusedxml.
    """
    try:
        etree = importlib.import_module("defusedxml.ElementTree")
        rels_name = "xl/_rels/workbook.xml.rels"
        infos = {info.filename: info for info in archive.infolist()}
        if any(infos[n].file_size > 4 << 20 for n in ("xl/workbook.xml", rels_name)):
            return {}
        rels = etree.fromstring(archive.read(rels_name))
        targets = {
            r.get("Id"): str(PurePosixPath("xl", r.get("Target", "")))
            if not r.get("Target", "").startswith("/")
            else r.get("Target", "").lstrip("/")
            for r in rels
        }
        book = etree.fromstring(archive.read("xl/workbook.xml"))
        out = {}
        for element in book.iter():
            if element.tag.rpartition("}")[2] == "sheet":
                rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
                if rid in targets:
                    out[targets[rid]] = element.get("name", "")
        return out
    except Exception:  # names are a courtesy; the checks go on without them
        return {}


def check_workbook(path: Path, limits: SpreadsheetLimits | None = None) -> None:
    """Check that an ``.xlsx`` file lies within *limits*, before it is read.

    Raises
    ------
    SpreadsheetLimitError
        When the file, a part, the rows, columns or cells of a sheet, or a
        text exceed the limits; names the file, the part or sheet and the row.
    SpreadsheetError
        When the file is not a zip archive, a part cannot be inflated (a bad
        checksum, a size that does not match) or is not well-formed XML.
    """
    limits = limits or SpreadsheetLimits()
    file = str(path)
    size = path.stat().st_size
    if size > limits.part_bytes:
        raise limit_error("file_too_large", limits, "part_bytes", file=file, size=size)
    with path.open("rb") as fp:
        declared = _declared_parts(fp)
    if declared is not None and declared > limits.parts:
        raise limit_error("too_many_parts", limits, "parts", file=file, n=declared)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as err:
        raise SpreadsheetError("bad_workbook", params={"reason": str(err)}, file=file) from err
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.parts:
            raise limit_error("too_many_parts", limits, "parts", file=file, n=len(infos))
        for info in infos:  # what each part declares, before anything is inflated
            if info.file_size > limits.part_bytes:
                raise limit_error(
                    "part_too_large",
                    limits,
                    "part_bytes",
                    file=file,
                    part=info.filename,
                    size=info.file_size,
                )
        sheets = _sheet_parts(archive)
        for info in infos:
            _check_part(archive, info, file, sheets.get(info.filename), limits)


def _check_part(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    file: str,
    sheet: str | None,
    limits: SpreadsheetLimits,
) -> None:
    """Inflate one part, counting its bytes, and scan it when it is XML."""
    part = info.filename
    xml = part.lower().endswith((".xml", ".rels"))
    scan = _Scan(part, file, sheet, limits) if xml else None
    inflated = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                inflated += len(chunk)
                if inflated > limits.part_bytes:  # more than declared: zipfile stops at that
                    raise limit_error(
                        "part_too_large",
                        limits,
                        "part_bytes",
                        file=file,
                        part=part,
                        size=inflated,
                    )
                if scan is not None:
                    scan.feed(chunk)
            if scan is not None:
                scan.feed(b"", final=True)
    except SpreadsheetError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        RuntimeError,
        NotImplementedError,
        ValueError,
    ) as err:
        raise SpreadsheetError(
            "bad_part", params={"part": part, "reason": str(err)}, file=file
        ) from None


# ------------------------------------------------------------------ reading


def _sheet_rows(sheet: Any) -> Any:
    sheet.reset_dimensions()  # a wrong <dimension> in the file must not cut rows off
    return enumerate(sheet.iter_rows(), start=1)


class _Counter:
    """Rows, cells and text counted again as openpyxl yields them (the scan's second line)."""

    def __init__(self, file: str, sheet: str, limits: SpreadsheetLimits):
        self.file = file
        self.sheet = sheet
        self.limits = limits
        self.cells = 0

    def row(self, row: int, cells: Sequence[Any]) -> None:
        limits = self.limits
        if row > limits.rows:
            raise limit_error(
                "too_many_rows", limits, "rows", file=self.file, sheet=self.sheet, row=row
            )
        self.cells += len(cells)
        if self.cells > limits.cells:
            raise limit_error(
                "cells_over_limit", limits, "cells", file=self.file, sheet=self.sheet, row=row
            )
        for col, cell in enumerate(cells, start=1):
            value = getattr(cell, "value", None)
            if isinstance(value, str) and len(value) > limits.cell_chars:
                raise limit_error(
                    "cell_too_long",
                    limits,
                    "cell_chars",
                    file=self.file,
                    sheet=self.sheet,
                    row=row,
                    col=col,
                    n=len(value),
                )


def read_xlsx(
    path: Path, *, sheet: str | None = None, limits: SpreadsheetLimits | None = None
) -> list[Table]:
    """Read the worksheets of an ``.xlsx`` file (or only *sheet*) into tables.

    The file is checked against *limits* first (:func:`check_workbook`). It is
    then opened twice: once for the values Excel saved and once for the
    formulas, so that a formula without a saved value is reported and not read
    as an empty cell.
    """
    file = str(path)
    if not path.exists():
        raise FileNotFoundError(2, "No such file or directory", file)
    limits = limits or SpreadsheetLimits()
    openpyxl()  # a missing extra is reported before the file is looked into
    check_workbook(path, limits)
    values_book = _open(path, data_only=True)
    formula_book = _open(path, data_only=False)
    try:
        names = [ws.title for ws in values_book.worksheets]
        if sheet is not None:
            if sheet not in names:
                close = difflib.get_close_matches(sheet, names, n=1, cutoff=0.5)
                hint = _Text("hint_sheet", name=close[0]) if close else ""
                raise SpreadsheetError(
                    "no_sheet",
                    params={"sheet": sheet, "names": ", ".join(map(repr, names)), "hint": hint},
                    file=file,
                )
            names = [sheet]
        return [_read_sheet(file, values_book, formula_book, name, limits) for name in names]
    finally:
        values_book.close()
        formula_book.close()


# What openpyxl raises reading a damaged sheet: it parses a sheet only when its rows
# are asked for (read-only mode), so these come from the rows, not from opening.
_DAMAGED = (
    ValueError,  # a bad number, date or cell reference; defusedxml's refusals
    KeyError,  # a shared string or style that does not exist
    IndexError,
    TypeError,
    AttributeError,
    SyntaxError,  # xml.etree's ParseError: XML that is not well-formed
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    OverflowError,
)


def _read_sheet(
    file: str, values_book: Any, formula_book: Any, name: str, limits: SpreadsheetLimits
) -> Table:
    try:
        return _table(file, values_book[name], formula_book[name], limits)
    except SpreadsheetError:
        raise
    except _DAMAGED as err:
        reason = f"{type(err).__name__}: {err}"
        raise SpreadsheetError(
            "bad_workbook", params={"reason": reason}, file=file, sheet=name
        ) from err


def _table(file: str, values: Any, formulas: Any, limits: SpreadsheetLimits) -> Table:
    pending: dict[tuple[int, int], str] = {}
    counter = _Counter(file, str(values.title), limits)
    for row, cells in _sheet_rows(formulas):
        counter.row(row, cells)
        for col, cell in enumerate(cells, start=1):
            if getattr(cell, "data_type", None) == "f":
                pending[row, col] = str(cell.value)
    rows: list[tuple[int, Sequence[Any]]] = []
    formats: dict[tuple[int, int], str] = {}
    uncached: dict[tuple[int, int], str] = {}
    counter = _Counter(file, str(values.title), limits)
    for row, cells in _sheet_rows(values):
        counter.row(row, cells)
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
            N_(
                "the id {id!r} has a control character that an .xlsx file cannot hold; "
                "rename the indicator, or write the template as .csv"
            ),
            element=value,
            field="id",
            params={"id": value},
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
    lang = check_lang(lang)
    xl = openpyxl()
    styles = importlib.import_module("openpyxl.styles")
    book = xl.Workbook()
    sheet = book.active
    sheet.title = pgettext("sheet", "Measurements", lang)
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
    help_sheet = book.create_sheet(pgettext("sheet", "Instructions", lang))
    for line in (
        gettext(
            "Fill in the value column of the Measurements sheet, one value per indicator and "
            "period. The values the chain already has are filled in; the cells left empty are "
            "skipped.",
            lang,
        ),
        gettext(
            "Write the number in the indicator's unit (the unit column), e.g. 81.5 or 1234.",
            lang,
        ),
        gettext(
            "When a value is missing, write .. (two dots); the row is skipped and reported.",
            lang,
        ),
        gettext(
            "Do not change the indicator and year columns, nor the headers. Read the file with "
            "goalchain import CHAIN.yaml FILE.xlsx -o CHAIN.yaml",
            lang,
        ),
    ):
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write(path, buffer.getvalue())
