"""The errors and warnings of spreadsheet imports, worded in any language goalchain speaks.

Every error of a spreadsheet import (:mod:`goalchain.io._sheet_import`) keeps
its parts (file, row, column, a code and the values) and words itself on
request: :meth:`SpreadsheetError.render` in a language, with the library's
keyword arguments or the command line's options as hints. The messages are
catalog entries looked up by code; the names of fields and element kinds in
them are catalog words too, and numbers follow the language's CLDR
conventions. ``str(error)`` is the English text.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from .._i18n import N_, check_lang, format_number, gettext, pgettext
from .._i18n._numbers import NBSP, conventions, localised_digits
from ..exceptions import (
    DuplicateError,
    FileFormatError,
    InvalidValueError,
    Message,
    Plural,
    UnitMismatchError,
    UnknownElementError,
)

__all__ = [
    "MAX_SHOWN",
    "OptionHint",
    "SpreadsheetDuplicateError",
    "SpreadsheetError",
    "SpreadsheetLimitError",
    "SpreadsheetUnitError",
    "SpreadsheetUnknownIndicatorError",
    "SpreadsheetValueError",
    "SpreadsheetWarning",
    "column_letter",
]

# ------------------------------------------------------------------ messages

MAX_SHOWN = 20
"""How many errors one message lists; the rest are counted (``... and 5 more``)."""


@attrs.frozen(eq=False)
class OptionHint:
    """An option a message suggests, worded by each front end.

    The library's messages name the keyword (``on_conflict='replace'``), the
    command line's the option (``--on-conflict replace``).

    Attributes
    ----------
    name
        The keyword of :func:`import_measurements` (``"on_conflict"``); the
        command line's option is the same with dashes (``--on-conflict``).
    value
        The value suggested (``"replace"``; for *mapping* a dict such as
        ``{"Mått": "indicator"}``), or None for the option itself.

    Examples
    --------
    >>> from goalchain.io._spreadsheet_errors import OptionHint
    >>> hint = OptionHint("on_conflict", "replace")
    >>> hint.python(), hint.cli()
    ("on_conflict='replace'", '--on-conflict replace')
    >>> print(OptionHint("mapping", {"Mått": "indicator"}).cli())
    --mapping 'Mått=indicator'
    """

    name: str
    value: Any = None

    def python(self) -> str:
        """The keyword argument: ``on_conflict='replace'``, ``mapping=`` without a value."""
        if self.value is None:
            return f"{self.name}="
        return f"{self.name}={self.value!r}"

    def cli(self) -> str:
        """The command-line option: ``--on-conflict replace``, ``--mapping 'Mått=indicator'``."""
        flag = "--" + self.name.replace("_", "-")
        if self.value is None:
            return flag
        if isinstance(self.value, Mapping):
            items = [
                f"{column}={'ignore' if field is None else field}"
                for column, field in self.value.items()
            ]
            return " ".join(f"{flag} {shlex.quote(item)}" for item in items)
        return f"{flag} {shlex.quote(str(self.value))}"


class _Num:
    """A number in a message, all its digits as written (``1234.5``; no thousands
    separator, so that it reads as the cell did), with the language's decimal
    sign and minus sign from CLDR (``1234,5`` and ``−3`` in Swedish)."""

    __slots__ = ("value",)

    def __init__(self, value: float):
        self.value = value

    def render(self, lang: str) -> str:
        return localised_digits(format(self.value, ".10g"), conventions(lang).digits)


class _Int:
    """A whole number in a message, grouped by thousands the language's way
    (:func:`~goalchain._i18n.format_number`): ``1,048,576`` in English,
    ``1 048 576`` in Swedish (with a plain space where CLDR has a no-break one)."""

    __slots__ = ("value",)

    def __init__(self, value: int):
        self.value = value

    def render(self, lang: str) -> str:
        return format_number(self.value, lang=lang, decimals=0).replace(NBSP, " ")


class _Word:
    """A word of a message looked up in the catalog in the language it is worded in
    (a field's or an element kind's name): *look* is the lookup, ``pgettext``
    with the word as a literal, so that extraction finds it."""

    __slots__ = ("look",)

    def __init__(self, look: Callable[[str], str]):
        self.look = look

    def render(self, lang: str) -> str:
        return self.look(lang)


class _Join:
    """Parts of a message joined by *sep*, each worded in the language rendered."""

    __slots__ = ("parts", "sep")

    def __init__(self, parts: Sequence[Any], sep: str = ", "):
        self.parts = tuple(parts)
        self.sep = sep

    def render(self, lang: str, *, cli: bool = False) -> str:
        return self.sep.join(str(_render(part, lang, cli)) for part in self.parts)


class _Text:
    """A message by code and parameters, worded in English or Swedish on demand.

    Parameters may be text, :class:`OptionHint` (worded for Python or the
    command line), numbers (:class:`_Num`) or other ``_Text`` (a hint).
    """

    __slots__ = ("code", "literal", "params")

    def __init__(self, code: str, /, **params: Any):
        self.code: str | None = code
        self.literal: str | None = None
        self.params = params

    @classmethod
    def plain(cls, text: str) -> _Text:
        """A text that reads the same in every language (a message from elsewhere)."""
        out = cls("")
        out.code = None
        out.literal = text
        return out

    def render(self, lang: str, *, cli: bool = False) -> str:
        if self.code is None:
            return self.literal or ""
        values = {name: _render(value, lang, cli) for name, value in self.params.items()}
        return _template(self.code, lang).format(**values)

    def options(self) -> list[OptionHint]:
        """The options suggested, in this text and its hints."""
        out: list[OptionHint] = []
        for value in self.params.values():
            if isinstance(value, OptionHint):
                out.append(value)
            elif isinstance(value, _Text):
                out.extend(value.options())
        return out


def _template(code: str, lang: str) -> str:
    """The message of *code* in *lang*, its fields not yet filled in."""
    # English words these two with the parser's own reason; other languages in full
    if code == "bad_period":
        return pgettext("unreadable period", "{reason}", lang)
    if code == "unknown_unit_column":
        return pgettext("unknown unit in the unit column", "{reason}", lang)
    message = _TEXTS[code]
    return gettext(message, lang) if message else ""


def _render(value: Any, lang: str, cli: bool) -> Any:
    if isinstance(value, _Text | _Join):
        return value.render(lang, cli=cli)
    if isinstance(value, OptionHint):
        return value.cli() if cli else value.python()
    if isinstance(value, _Num | _Int | _Word | Message):
        return value.render(lang)
    return value


def _param(value: Any) -> Any:
    """A part of a message as :attr:`SpreadsheetError.params` shows it: a number as
    itself, a count with its noun (``Plural("{n} cell", ...)``) as the count, words
    in English."""
    if isinstance(value, _Num | _Int):
        return value.value
    if isinstance(value, Plural) and value.template.startswith("{n} "):
        return value.n
    if isinstance(value, _Text | _Word | _Join | Message):
        return _render(value, "en", False)  # a hint, a field's name: in English
    return value


_FIELD_NAMES: Mapping[str, Callable[[str], str]] = MappingProxyType(
    {  # a field (column) of a measurement file, as a list of headers names it
        "indicator": lambda lang: pgettext("spreadsheet field", "indicator", lang),
        "period": lambda lang: pgettext("spreadsheet field", "period", lang),
        "value": lambda lang: pgettext("spreadsheet field", "value", lang),
        "unit": lambda lang: pgettext("spreadsheet field", "unit", lang),
        "gender": lambda lang: pgettext("spreadsheet field", "gender", lang),
        "preliminary": lambda lang: pgettext("spreadsheet field", "preliminary", lang),
        "source": lambda lang: pgettext("spreadsheet field", "source", lang),
        "title": lambda lang: pgettext("spreadsheet field", "title", lang),
    }
)
_THE_FIELDS: Mapping[str, Callable[[str], str]] = MappingProxyType(
    {  # the same in a sentence: "both hold the period"
        "indicator": lambda lang: pgettext("spreadsheet field", "the indicator", lang),
        "period": lambda lang: pgettext("spreadsheet field", "the period", lang),
        "value": lambda lang: pgettext("spreadsheet field", "the value", lang),
        "unit": lambda lang: pgettext("spreadsheet field", "the unit", lang),
        "gender": lambda lang: pgettext("spreadsheet field", "the gender", lang),
        "preliminary": lambda lang: pgettext("spreadsheet field", "the preliminary flag", lang),
        "source": lambda lang: pgettext("spreadsheet field", "the source", lang),
        "title": lambda lang: pgettext("spreadsheet field", "the title", lang),
    }
)
_A_KIND: Mapping[str, Callable[[str], str]] = MappingProxyType(
    {  # "'kf1' is a goal"
        "goal": lambda lang: pgettext("element kind with its article", "a goal", lang),
        "activity": lambda lang: pgettext("element kind with its article", "an activity", lang),
        "element": lambda lang: pgettext("element kind with its article", "an element", lang),
    }
)


def field_name(field: str) -> _Word:
    """A field of a measurement file by its name: ``indicator``, ``indikator`` in Swedish."""
    return _Word(_FIELD_NAMES[field])


def the_field(field: str) -> _Word:
    """A field of a measurement file in a sentence: ``the indicator``, ``indikatorn``."""
    return _Word(_THE_FIELDS[field])


def a_kind(kind: str) -> _Word:
    """An element's kind with its article: ``a goal``, ``ett mål`` in Swedish."""
    look = _A_KIND.get(kind)
    return _Word(look if look is not None else lambda lang: kind)


# code -> its English message (str.format template over the error's parameters),
# looked up in the catalog when rendered; see _template for the two with a context
_TEXTS: dict[str, str] = {
    "excel_error": N_(
        "the cell holds the Excel error {code}; correct the formula or type the value"
    ),
    "formula_no_value": N_(
        "the formula {formula} has no saved value (the file was not saved by a program "
        "that computes formulas); open it in Excel or LibreOffice and save it, or type the "
        "value"
    ),
    "indicator_empty": N_("the indicator is empty; write the id of one of the chain's indicators"),
    "not_an_indicator": N_(
        "{id!r} is {kind}, not an indicator; measurements are recorded for indicators"
    ),
    "unknown_indicator": N_("no indicator with id {id!r} in the chain{hint}"),
    "hint_close": N_("; did you mean {close}?"),
    "hint_ids": N_("; the chain's indicators: {shown}{more}"),
    "hint_no_ids": N_("; the chain has no indicators"),
    "hint_kolada": N_("; Kolada id {id!r} is carried by {ids}"),
    "more": N_(" and {n} more"),
    "period_empty": N_(
        "the period is empty; write a year such as 2024, or '2024-T2', '2024-Q3', '2024-delår'"
    ),
    "date_not_period": N_(
        "the date {date} is not a period; write a year such as {year}, or '{year}-T2', "
        "'{year}-Q3', '{year}-delår'"
    ),
    "value_empty": N_(
        "the value of {id!r} is empty; write the value, '..' if it is missing (the row is "
        "then skipped and reported), or pass {skip} to skip empty cells"
    ),
    "nothing_filled": N_(
        "no value is filled in: {empty}; fill in the values (write '..' for one that is "
        "missing), or pass {skip} to skip empty cells"
    ),
    "not_a_number_type": N_(
        "expected a number, got {raw}; write for example '12,5', '12,5 %' or '1 234'"
    ),
    "mixed_marks": N_(
        "{raw} mixes a decimal comma and a decimal point; write 1 234,5 or 1234.5 (spaces "
        "between thousands, never a comma or point)"
    ),
    "unit_column_disagrees": N_(
        "the value {raw} is in {got!r} but the unit column says {unit!r}; make them agree"
    ),
    "unit_mismatch": N_(
        "the value {raw} is in {got!r}, which does not fit the unit of {id!r}, {unit!r}; "
        "give the value in {unit!r} or a unit convertible to it"
    ),
    "unknown_unit_value": N_(
        "cannot read the unit of {raw}: unknown unit {unit!r}; write for example '12,5 %', "
        "'1 234 kr', '3,2 tkr' or a plain number in {iunit!r}"
    ),
    "not_a_number": N_(
        "cannot read a number from {raw}; write for example '12,5', '12,5 %', '1 234' or "
        "'78.0' (a decimal comma or point, spaces between thousands), or '..' for a "
        "missing value"
    ),
    "bad_gender": N_("{text!r} is not a gender; write {genders} (totalt, kvinnor, män)"),
    "bad_flag": N_(
        "{value!r} is not yes or no; write ja/nej (yes/no, x, 1/0), or leave it empty for "
        "a final figure"
    ),
    "too_many_cells": N_(
        "the row has {n} cells but the header row has {width} ({headers}); {extra}{hint}"
    ),
    "hint_decimal_comma": N_(
        '; a decimal comma in a comma-separated file must be quoted ("{joined}"), or the '
        "file saved with ';' as separator"
    ),
    "too_few_cells": N_(
        "the row has only {cells}, so it lacks the column {letter} {header!r} (the header "
        "has {width}); check the row for a missing separator ({sep})"
    ),
    "duplicate_in_file": N_(
        "{id!r} {period}{gender} is {value} here but {other} in {there}; a measurement may "
        "appear once, or several times with the same value"
    ),
    "there_row": N_("row {row}"),
    "there_col": N_("row {row}, column {letter}"),
    "conflict": N_(
        "the chain already has {old}{prelim} for {id!r} {period}{gender}; the file has "
        "{value}. Pass {replace} to take the file's values or {keep} to keep the chain's"
    ),
    "prelim": N_(" (preliminary)"),
    "for_T": "",  # nothing said for the total
    "for_K": N_(" for women"),
    "for_M": N_(" for men"),
    "duplicate_columns": N_(
        "columns {a} {ta!r} and {b} {tb!r} both hold {field}; remove one, or leave one out "
        "with {ignore}"
    ),
    "empty_file": N_(
        "the file is empty; it needs a header row with columns for the indicator, the "
        "period and the value ({accepted})"
    ),
    "empty_sheet": N_(
        "the sheet is empty; it needs a header row with columns for the indicator, the "
        "period and the value ({accepted})"
    ),
    "no_header": N_(
        "no header row with columns for {lacking}; found {found}. Accepted headers: "
        "{accepted}{hint}"
    ),
    "hint_mapping": N_("; or name your own headers, for example with {mapping}"),
    "no_sheet_header": N_(
        "no sheet has a header row with columns for the indicator, the period and the "
        "value; sheets: {sheets}. Pass {sheet} and {mapping} to say where the values are"
    ),
    "mapping_column_missing": N_(
        "{mapping} names the column {header!r}, which the header row does not have; its "
        "columns: {columns}"
    ),
    "not_utf8": N_(
        "the file is not UTF-8 text; save it as 'CSV UTF-8' (Excel: Spara som > CSV "
        "UTF-8), or pass {encoding} for Excel's older 'CSV (semikolonavgränsad)' (byte "
        "{byte} at column {col})"
    ),
    "not_encoding": N_("the file is not {encoding} text (byte {byte} at column {col})"),
    "bad_csv": N_('the row cannot be read as CSV ({reason}); check the quotes (") in it'),
    "bad_workbook": N_("the file cannot be read as an Excel workbook (.xlsx): {reason}"),
    "no_sheet": N_("no sheet {sheet!r}; the sheets are {names}{hint}"),
    "hint_sheet": N_("; did you mean {name!r}?"),
    "file_too_large": N_(
        "the file has {size} bytes, more than the {limit} read; a file of measurements is "
        "far smaller (to read it all the same, pass {more})"
    ),
    "too_many_parts": N_(
        "the workbook is a zip archive of {n} parts, more than the {limit} read; a "
        "workbook has a few dozen (to read it all the same, pass {more})"
    ),
    "part_too_large": N_(
        "the part {part} of the workbook inflates to {size} bytes, more than the {limit} "
        "read; the file is damaged or built to exhaust memory (to read it all the same, "
        "pass {more})"
    ),
    "bad_part": N_("the part {part} of the workbook cannot be read: {reason}"),
    "too_many_rows": N_(
        "more than {limit} rows (Excel's own limit is 1,048,576); split the file, or pass {more}"
    ),
    "too_many_columns": N_(
        "the row has {n} cells, more than the {limit} columns read (Excel's own limit is "
        "16,384, column XFD); pass {more} to read it"
    ),
    "cells_over_limit": N_(
        "more than {limit} cells up to this row (empty cells before a row's last one "
        "included); split the file, or pass {more}"
    ),
    "cell_too_long": N_(
        "the cell holds more than {limit} characters ({n}; Excel's own limit is 32,767); "
        "pass {more} to read it"
    ),
    "bytes": N_("{n} bytes"),
    "limits_hint": N_("limits=SpreadsheetLimits({field}={value}) in Python"),
    "field_over_csv_limit": N_(
        "the cell holds more than {n} characters, the most Python's csv module reads here "
        "(goalchain reads at most {limit}; Excel's own limit is 32,767); is a quote (\") "
        "left open? ({more} does not raise the csv module's limit)"
    ),
    "line_too_long": N_(
        "the line has more than {limit} characters ({n}); is this a CSV file of "
        "measurements? (pass {more} to read it)"
    ),
    "and_more": N_("... and {n} more"),
    "percent_range": N_(
        "{value} % for {id!r} {period} lies outside 0-100 %; check the decimal mark and "
        "the thousands (recorded anyway)"
    ),
    "scale_small": N_(
        "{value} for {id!r} {period} is {factor} times smaller than its other values "
        "(about {reference}); a share written as a fraction (0,85 for 85 %) or a misplaced "
        "decimal mark? (recorded anyway)"
    ),
    "scale_large": N_(
        "{value} for {id!r} {period} is {factor} times larger than its other values (about "
        "{reference}); a misplaced decimal mark or thousands separator? (recorded anyway)"
    ),
}


def _place(
    row: int | None, col: int | None, header: str | None, sheet: str | None, lang: str
) -> str:
    """Where in a sheet: ``row 7, column C 'värde'``, ``cell Blad1!C7 'värde'``."""
    if row is not None and col is not None:
        label = f" {header!r}" if header else ""
        if sheet is not None:
            where = gettext("cell {cell}", lang)
            return where.format(cell=f"{sheet}!{column_letter(col)}{row}") + label
        where = gettext("row {row}, column {letter}", lang)
        return where.format(row=row, letter=column_letter(col)) + label
    if row is not None:
        if sheet is None:
            return gettext("row {row}", lang).format(row=row)
        return gettext("sheet {sheet!r}, row {row}", lang).format(sheet=sheet, row=row)
    if sheet is not None:
        return gettext("sheet {sheet!r}", lang).format(sheet=sheet)
    return ""


# ------------------------------------------------------------------ errors


class SpreadsheetError(FileFormatError):
    """A problem in a cell, row or header of a measurement file.

    ``str(error)`` starts with ``file:row:column:`` and then names the place the
    way a spreadsheet shows it: ``row 7, column C 'värde'`` for CSV, ``cell
    Blad1!C7 'värde'`` for Excel. When several rows are wrong, one error is
    raised for them all: it is the first row's error, :attr:`errors` holds
    every one, and the message lists them (at most :data:`MAX_SHOWN`, then how
    many more), one a line.

    ``str(error)`` is English with hints in Python syntax; :meth:`render`
    words it in a language (``lang="sv"``) or for the command line (``cli=True``).

    Parameters
    ----------
    message
        With *params*: the code of the message (``"unknown_indicator"``), whose
        English template the catalogs translate. Without: a text from
        elsewhere, the same in every language.
    params
        The fields of the message: text, numbers, :class:`OptionHint` or other
        messages (hints), each worded in the language rendered.
    file, row, col, header, sheet
        Where the problem lies (see the attributes).

    Attributes
    ----------
    file
        The file.
    row
        The 1-based row (for CSV the line where the row starts; the header is row 1).
    col
        The 1-based column number, or None for a whole row.
    cell
        The cell as a spreadsheet names it (``"C7"``, ``"Blad1!C7"``), or None.
    header
        The column's header, when known.
    sheet
        The Excel sheet, or None for CSV.
    reason
        The English message without the place.
    message
        The English message of this error alone: the place and the reason.
    code
        What is wrong, for programs: ``"unknown_indicator"``, ``"not_a_number"``,
        ``"unit_mismatch"``, ``"conflict"``, ``"too_many_cells"``... (None for a
        message from elsewhere).
    params
        The parts of the message (the raw cell text, the indicator id...).
    options
        The options the message suggests, as :class:`OptionHint`.
    errors
        Every error found in the file, this one first; ``(self,)`` when it is the only one.
    """

    def __init__(
        self,
        message: str | _Text,
        *,
        file: str | None,
        row: int | None = None,
        col: int | None = None,
        header: str | None = None,
        sheet: str | None = None,
        params: Mapping[str, Any] | None = None,
    ):
        if params is not None:
            message = _Text(str(message), **params)
        text = message if isinstance(message, _Text) else _Text.plain(message)
        self._reason = text
        self.code = text.code
        self.params: Mapping[str, Any] = MappingProxyType(
            {k: _param(v) for k, v in text.params.items()}
        )
        self.options: tuple[OptionHint, ...] = tuple(text.options())
        self.reason = text.render("en")
        self.field = header
        self.row = row
        self.col = col
        self.header = header
        self.sheet = sheet
        self.cell: str | None = None
        if row is not None and col is not None:
            self.cell = f"{column_letter(col)}{row}"
            if sheet is not None:
                self.cell = f"{sheet}!{self.cell}"
        self.errors: tuple[SpreadsheetError, ...] = (self,)
        self.message = self.describe()
        Exception.__init__(self, self.message)
        self.locate(file=file, line=row, column=col)

    def describe(self, lang: str = "en", *, cli: bool = False) -> str:
        """This error alone, without the file: ``row 7, column C 'värde': ...``."""
        place = _place(self.row, self.col, self.header, self.sheet, check_lang(lang))
        reason = self._reason.render(lang, cli=cli)
        return f"{place}: {reason}" if place else reason

    def render(self, lang: str = "en", *, cli: bool = False) -> str:
        """The whole message in *lang*, with hints for Python or the command line.

        One line per error (``file:row:column: place: what is wrong``), at most
        :data:`MAX_SHOWN`; after several, how many there are in all.

        Examples
        --------
        >>> from goalchain.io import SpreadsheetValueError
        >>> err = SpreadsheetValueError("x", file="d.csv", row=3, col=2, header="år")
        >>> err.render("sv")
        "d.csv:3:2: rad 3, kolumn B 'år': x"
        >>> err = SpreadsheetValueError(
        ...     "bad_gender", params={"text": "kvinna", "genders": "T, K, M"}, file="d.csv", row=3
        ... )
        >>> print(err.render("sv"))
        d.csv:3: rad 3: 'kvinna' är inget kön; skriv T, K, M (totalt, kvinnor, män)
        """
        lines = []
        for error in self.errors[:MAX_SHOWN]:
            where = error.location()
            text = error.describe(lang, cli=cli)
            lines.append(f"{where}: {text}" if where else text)
        if len(self.errors) > MAX_SHOWN:
            lines.append(_Text("and_more", n=len(self.errors) - MAX_SHOWN).render(lang))
        if len(self.errors) > 1:
            count = Plural(
                "{n} error in all; nothing was recorded",
                "{n} errors in all; nothing was recorded",
                len(self.errors),
            )
            lines.append(count.render(lang))
        return "\n".join(lines)

    def _text(self) -> str:
        return self.describe()

    def __str__(self) -> str:
        return self.render()


class SpreadsheetValueError(SpreadsheetError, InvalidValueError):
    """A cell that cannot be read: a value, period, gender or flag that does not parse.

    Also a row with more cells than the header (``code == "too_many_cells"``)
    or, in a CSV file, fewer than the columns it must fill (``"too_few_cells"``).
    """

    def __init__(self, message: str | _Text, *, element: str | None = None, **where: Any):
        super().__init__(message, **where)
        self.element = element


class SpreadsheetLimitError(SpreadsheetError):
    """A spreadsheet beyond a limit of :class:`~goalchain.io.SpreadsheetLimits`.

    A file too large, an ``.xlsx`` part that inflates too far (a zip bomb), too
    many rows, columns or cells, a cell or line too long. The message names
    the file, the sheet and row where known, and the limit.

    Attributes
    ----------
    limit
        The field of :class:`~goalchain.io.SpreadsheetLimits` that was exceeded
        (``"rows"``, ``"part_bytes"``...).
    maximum
        Its value.
    """

    def __init__(self, message: str | _Text, *, limit: str, maximum: int, **where: Any):
        super().__init__(message, **where)
        self.limit = limit
        self.maximum = maximum


class SpreadsheetUnitError(SpreadsheetError, UnitMismatchError):
    """A value whose unit does not fit the indicator's; names both units."""

    def __init__(
        self, message: str | _Text, *, element: str, expected: str, got: str, **where: Any
    ):
        super().__init__(message, **where)
        self.element = element
        self.expected = expected
        self.got = got


class SpreadsheetUnknownIndicatorError(SpreadsheetError, UnknownElementError):
    """A row for an indicator the chain does not have; lists close ids."""

    def __init__(self, message: str | _Text, *, element: str, **where: Any):
        super().__init__(message, **where)
        self.element = element


class SpreadsheetDuplicateError(SpreadsheetError, DuplicateError):
    """Two rows, or a row and the chain, with different values for one measurement."""

    def __init__(self, message: str | _Text, *, element: str | None = None, **where: Any):
        super().__init__(message, **where)
        self.element = element


def _gather(errors: Sequence[SpreadsheetError]) -> SpreadsheetError:
    """One error for them all: the first, holding every one in ``errors``."""
    first = errors[0]
    first.errors = tuple(errors)
    return first


@attrs.frozen(kw_only=True)
class SpreadsheetWarning:
    """A value that was imported but looks wrong (returned, not raised or issued).

    A percentage outside 0-100, or a value more than 50 times larger or smaller
    than the indicator's other values (its baseline, target and measurements):
    likely a share written as a fraction (``0,85`` for 85 %) or a misplaced
    decimal mark. The value is recorded all the same; the file is the user's.

    Attributes
    ----------
    file, row, col, header, sheet
        Where the value stands, as for :class:`SpreadsheetError`.
    element
        The indicator.
    period
        The period, as text.
    value
        The value recorded, in the indicator's unit.
    code
        ``"percent_range"``, ``"scale_small"`` or ``"scale_large"``.
    reference
        The typical value of the indicator's other values (for the scale
        warnings), or None.
    """

    file: str
    row: int
    col: int
    header: str | None = None
    sheet: str | None = None
    element: str
    period: str
    value: float
    code: str
    reference: float | None = None

    def location(self) -> str:
        """``file:row:column``."""
        return f"{self.file}:{self.row}:{self.col}"

    def render(self, lang: str = "en") -> str:
        """One line: ``file:row:column: place: what looks wrong``, in *lang*."""
        place = _place(self.row, self.col, self.header, self.sheet, check_lang(lang))
        params: dict[str, Any] = {"value": _Num(self.value), "id": self.element}
        params["period"] = self.period
        if self.reference is not None:
            factor, reference = times_off(self.value, self.reference)
            params["factor"] = _Num(factor)
            params["reference"] = _Num(reference)
        text = _Text(self.code, **params).render(lang)
        return f"{self.location()}: {place}: {text}"

    def __str__(self) -> str:
        return self.render()


def times_off(value: float, reference: float) -> tuple[int, float]:
    """How many times larger or smaller *value* is than the indicator's typical
    *reference* (a whole number), and the reference to three significant digits:
    what a scale warning says.

    Examples
    --------
    >>> times_off(5120.0, 60.0), times_off(0.85, 85.0)
    ((85, 60.0), (100, 85.0))
    """
    ratio = value / reference
    factor = ratio if abs(ratio) >= 1 else 1 / ratio
    return round(abs(factor)), float(f"{reference:.3g}")


def column_letter(number: int) -> str:
    """``1`` -> ``"A"``, ``27`` -> ``"AA"``: a column as a spreadsheet names it."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
