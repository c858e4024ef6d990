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
import shlex
import statistics
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ..exceptions import (
    DuplicateError,
    FileFormatError,
    InvalidValueError,
    PeriodError,
    UnitMismatchError,
    UnknownElementError,
    UnknownUnitError,
)
from ..models import GENDERS, Indicator, Measurement, Period
from ..units import convert, get_registry, parse_quantity, parse_unit

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
    >>> from goalchain.io._spreadsheet import OptionHint
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
    """A number in a message: ``1234.5`` in English, ``1234,5`` in Swedish."""

    __slots__ = ("value",)

    def __init__(self, value: float):
        self.value = value

    def render(self, lang: str) -> str:
        text = format(self.value, ".10g")
        return text.replace(".", ",") if lang == "sv" else text


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
        en, sv = _TEXTS[self.code]
        values = {name: _render(value, lang, cli) for name, value in self.params.items()}
        return (sv if lang == "sv" else en).format(**values)

    def options(self) -> list[OptionHint]:
        """The options suggested, in this text and its hints."""
        out: list[OptionHint] = []
        for value in self.params.values():
            if isinstance(value, OptionHint):
                out.append(value)
            elif isinstance(value, _Text):
                out.extend(value.options())
        return out


def _render(value: Any, lang: str, cli: bool) -> Any:
    if isinstance(value, _Text):
        return value.render(lang, cli=cli)
    if isinstance(value, OptionHint):
        return value.cli() if cli else value.python()
    if isinstance(value, _Num):
        return value.render(lang)
    return value


def _check_lang(lang: str) -> str:
    if lang not in ("sv", "en"):
        raise InvalidValueError(f"lang={lang!r} is invalid; valid: sv, en", field="lang")
    return lang


_FIELD_SV = {
    "indicator": "indikator",
    "period": "period",
    "value": "värde",
    "unit": "enhet",
    "gender": "kön",
    "preliminary": "preliminär",
    "source": "källa",
    "title": "titel",
}
_FIELD_THE = {  # "both hold the period"
    "indicator": ("the indicator", "indikatorn"),
    "period": ("the period", "perioden"),
    "value": ("the value", "värdet"),
    "unit": ("the unit", "enheten"),
    "gender": ("the gender", "könet"),
    "preliminary": ("the preliminary flag", "preliminärflaggan"),
    "source": ("the source", "källan"),
    "title": ("the title", "titeln"),
}
_KIND_SV = {"goal": "mål", "activity": "aktivitet", "element": "element"}

_PERIOD_FORMS = "'2024-T2', '2024-Q3', '2024-delår'"

# code -> (English, Swedish); str.format templates over the error's parameters
_TEXTS: dict[str, tuple[str, str]] = {
    # ---- rows and cells
    "excel_error": (
        "the cell holds the Excel error {code}; correct the formula or type the value",
        "cellen innehåller Excel-felet {code}; rätta formeln eller skriv in värdet",
    ),
    "formula_no_value": (
        "the formula {formula} has no saved value (the file was not saved by a program that "
        "computes formulas); open it in Excel or LibreOffice and save it, or type the value",
        "formeln {formula} har inget sparat värde (filen sparades inte av ett program som "
        "räknar ut formler); öppna den i Excel eller LibreOffice och spara den, eller skriv "
        "in värdet",
    ),
    "indicator_empty": (
        "the indicator is empty; write the id of one of the chain's indicators",
        "indikatorn är tom; skriv id:t för en av kedjans indikatorer",
    ),
    "not_an_indicator": (
        "{id!r} is a {kind}, not an indicator; measurements are recorded for indicators",
        "{id!r} är ett {kind_sv}, inte en indikator; mätvärden registreras för indikatorer",
    ),
    "unknown_indicator": (
        "no indicator with id {id!r} in the chain{hint}",
        "ingen indikator med id {id!r} i kedjan{hint}",
    ),
    "hint_close": ("; did you mean {close}?", "; menade du {close}?"),
    "hint_ids": ("; the chain's indicators: {shown}{more}", "; kedjans indikatorer: {shown}{more}"),
    "hint_no_ids": ("; the chain has no indicators", "; kedjan har inga indikatorer"),
    "hint_kolada": (
        "; Kolada id {id!r} is carried by {ids}",
        "; Kolada-id {id!r} används av {ids}",
    ),
    "more": (" and {n} more", " och {n} till"),
    "period_empty": (
        f"the period is empty; write a year such as 2024, or {_PERIOD_FORMS}",
        f"perioden är tom; skriv ett år som 2024, eller {_PERIOD_FORMS}",
    ),
    "date_not_period": (
        "the date {date} is not a period; write a year such as {year}, or '{year}-T2', "
        "'{year}-Q3', '{year}-delår'",
        "datumet {date} är ingen period; skriv ett år som {year}, eller '{year}-T2', "
        "'{year}-Q3', '{year}-delår'",
    ),
    "bad_period": (
        "{reason}",
        "perioden {value!r} går inte att läsa; skriv ett år som 2024 (1900–2200), eller "
        "'2024-T1' (T1–T3), '2024-Q3' (Q1–Q4), '2024-delår'",
    ),
    "value_empty": (
        "the value of {id!r} is empty; write the value, '..' if it is missing (the row is "
        "then skipped and reported), or pass {skip} to skip empty cells",
        "värdet för {id!r} är tomt; skriv värdet, '..' om det saknas (raden hoppas då över "
        "och redovisas), eller ange {skip} för att hoppa över tomma celler",
    ),
    "not_a_number_type": (
        "expected a number, got {raw}; write for example '12,5', '12,5 %' or '1 234'",
        "väntade ett tal, fick {raw}; skriv till exempel '12,5', '12,5 %' eller '1 234'",
    ),
    "unknown_unit_column": (
        "{reason}",
        "okänd enhet {unit!r}; skriv till exempel '%', 'procentenheter', 'kr', 'tkr', "
        "'mnkr', 'st', 'dagar' eller lämna cellen tom för indikatorns enhet",
    ),
    "mixed_marks": (
        "{raw} mixes a decimal comma and a decimal point; write 1 234,5 or 1234.5 (spaces "
        "between thousands, never a comma or point)",
        "{raw} blandar decimalkomma och decimalpunkt; skriv 1 234,5 eller 1234.5 (mellanslag "
        "mellan tusental, aldrig komma eller punkt)",
    ),
    "unit_column_disagrees": (
        "the value {raw} is in {got!r} but the unit column says {unit!r}; make them agree",
        "värdet {raw} är i {got!r} men enhetskolumnen säger {unit!r}; gör dem lika",
    ),
    "unit_mismatch": (
        "the value {raw} is in {got!r}, which does not fit the unit of {id!r}, {unit!r}; "
        "give the value in {unit!r} or a unit convertible to it",
        "värdet {raw} är i {got!r}, som inte passar enheten för {id!r}, {unit!r}; ange "
        "värdet i {unit!r} eller i en enhet som kan räknas om till den",
    ),
    "unknown_unit_value": (
        "cannot read the unit of {raw}: unknown unit {unit!r}; write for example '12,5 %', "
        "'1 234 kr', '3,2 tkr' or a plain number in {iunit!r}",
        "kan inte läsa enheten i {raw}: okänd enhet {unit!r}; skriv till exempel '12,5 %', "
        "'1 234 kr', '3,2 tkr' eller ett tal i {iunit!r}",
    ),
    "not_a_number": (
        "cannot read a number from {raw}; write for example '12,5', '12,5 %', '1 234' or "
        "'78.0' (a decimal comma or point, spaces between thousands), or '..' for a missing "
        "value",
        "kan inte läsa ett tal ur {raw}; skriv till exempel '12,5', '12,5 %', '1 234' eller "
        "'78.0' (decimalkomma eller decimalpunkt, mellanslag mellan tusental), eller '..' "
        "för ett värde som saknas",
    ),
    "bad_gender": (
        "{text!r} is not a gender; write {genders} (totalt, kvinnor, män)",
        "{text!r} är inget kön; skriv {genders} (totalt, kvinnor, män)",
    ),
    "bad_flag": (
        "{value!r} is not yes or no; write ja/nej (yes/no, x, 1/0), or leave it empty for a "
        "final figure",
        "{value!r} är varken ja eller nej; skriv ja/nej (x, 1/0), eller lämna cellen tom för "
        "ett slutligt värde",
    ),
    "too_many_cells": (
        "the row has {n} cells but the header row has {width} ({headers}); {extra} beyond "
        "the last column would be lost{hint}",
        "raden har {n} celler men rubrikraden har {width} ({headers}); {extra_sv} utanför sista "
        "kolumnen skulle gå förlorade{hint}",
    ),
    "hint_decimal_comma": (
        '; a decimal comma in a comma-separated file must be quoted ("{joined}"), or the '
        "file saved with ';' as separator",
        "; ett decimalkomma i en kommaseparerad fil måste stå inom citattecken "
        "(\"{joined}\"), eller filen sparas med ';' som avgränsare",
    ),
    "hint_extra_cells": (
        "; remove them, or give them a header to keep them",
        "; ta bort dem, eller ge dem en rubrik för att behålla dem",
    ),
    "hint_extra_cell": (
        "; remove it, or give it a header to keep it",
        "; ta bort den, eller ge den en rubrik för att behålla den",
    ),
    "too_few_cells": (
        "the row has only {n} cell(s), so it lacks the column {letter} {header!r} (the header "
        "has {width}); check the row for a missing separator ({sep})",
        "raden har bara {n} cell(er) och saknar alltså kolumnen {letter} {header!r} "
        "(rubrikraden har {width}); se efter om en avgränsare ({sep}) fattas i raden",
    ),
    "duplicate_in_file": (
        "{id!r} {period}{gender} is {value} here but {other} in {there}; a "
        "measurement may appear once, or several times with the same value",
        "{id!r} {period}{gender} är {value} här men {other} på {there}; ett mätvärde "
        "får stå en gång, eller flera gånger med samma värde",
    ),
    "there_row": ("row {row}", "rad {row}"),
    "there_col": ("row {row}, column {letter}", "rad {row}, kolumn {letter}"),
    "conflict": (
        "the chain already has {old}{prelim} for {id!r} {period}{gender}; the file "
        "has {value}. Pass {replace} to take the file's values or {keep} to keep the chain's",
        "kedjan har redan {old}{prelim} för {id!r} {period}{gender}; filen har "
        "{value}. Ange {replace} för att ta filens värden eller {keep} för att behålla kedjans",
    ),
    "prelim": (" (preliminary)", " (preliminärt)"),
    # whose value: nothing for the total (Kolada's T), women (K), men (M)
    "for_T": ("", ""),
    "for_K": (" for women", " för kvinnor"),
    "for_M": (" for men", " för män"),
    # ---- headers, sheets and files
    "duplicate_columns": (
        "columns {a} {ta!r} and {b} {tb!r} both hold {field}; remove one, or leave one out "
        "with {ignore}",
        "kolumnerna {a} {ta!r} och {b} {tb!r} innehåller båda {field_sv}; ta bort en, eller "
        "hoppa över en med {ignore}",
    ),
    "empty_file": (
        "the file is empty; it needs a header row with columns for the indicator, the period "
        "and the value ({accepted})",
        "filen är tom; den behöver en rubrikrad med kolumner för indikator, period och värde "
        "({accepted_sv})",
    ),
    "empty_sheet": (
        "the sheet is empty; it needs a header row with columns for the indicator, the "
        "period and the value ({accepted})",
        "bladet är tomt; det behöver en rubrikrad med kolumner för indikator, period och "
        "värde ({accepted_sv})",
    ),
    "no_header": (
        "no header row with columns for {lacking}; found {found}. Accepted headers: "
        "{accepted}{hint}",
        "ingen rubrikrad med kolumner för {lacking_sv}; hittade {found}. Godtagna rubriker: "
        "{accepted_sv}{hint}",
    ),
    "hint_mapping": (
        "; or name your own headers, for example with {mapping}",
        "; eller ange egna rubriker, till exempel med {mapping}",
    ),
    "no_sheet_header": (
        "no sheet has a header row with columns for the indicator, the period and the value; "
        "sheets: {sheets}. Pass {sheet} and {mapping} to say where the values are",
        "inget blad har en rubrikrad med kolumner för indikator, period och värde; blad: "
        "{sheets}. Ange {sheet} och {mapping} för att säga var värdena står",
    ),
    "mapping_column_missing": (
        "{mapping} names the column {header!r}, which the header row does not have; its "
        "columns: {columns}",
        "{mapping} anger kolumnen {header!r}, som rubrikraden inte har; dess kolumner: {columns}",
    ),
    "not_utf8": (
        "the file is not UTF-8 text; save it as 'CSV UTF-8' (Excel: Spara som > CSV UTF-8), "
        "or pass {encoding} for Excel's older 'CSV (semikolonavgränsad)' (byte {byte} at "
        "column {col})",
        "filen är inte UTF-8-text; spara den som 'CSV UTF-8' (Excel: Spara som > CSV UTF-8), "
        "eller ange {encoding} för Excels äldre 'CSV (semikolonavgränsad)' (byte {byte} i "
        "kolumn {col})",
    ),
    "not_encoding": (
        "the file is not {encoding} text (byte {byte} at column {col})",
        "filen är inte {encoding}-text (byte {byte} i kolumn {col})",
    ),
    "bad_csv": (
        'the row cannot be read as CSV ({reason}); check the quotes (") in it',
        'raden går inte att läsa som CSV ({reason}); kontrollera citattecknen (") i den',
    ),
    "bad_workbook": (
        "the file cannot be read as an Excel workbook (.xlsx): {reason}",
        "filen går inte att läsa som en Excel-arbetsbok (.xlsx): {reason}",
    ),
    "no_sheet": (
        "no sheet {sheet!r}; the sheets are {names}{hint}",
        "inget blad {sheet!r}; bladen är {names}{hint}",
    ),
    "hint_sheet": ("; did you mean {name!r}?", "; menade du {name!r}?"),
    # ---- lists of errors
    "and_more": ("... and {n} more", "... och {n} till"),
    "in_all": (
        "{n} errors in all; nothing was recorded",
        "{n} fel sammanlagt; inget registrerades",
    ),
    # ---- warnings
    "percent_range": (
        "{value} % for {id!r} {period} lies outside 0-100 %; check the decimal mark and the "
        "thousands (recorded anyway)",
        "{value} % för {id!r} {period} ligger utanför 0-100 %; kontrollera decimaltecknet och "
        "tusentalen (registrerat ändå)",
    ),
    "scale_small": (
        "{value} for {id!r} {period} is {factor} times smaller than its other values (about "
        "{reference}); a share written as a fraction (0,85 for 85 %) or a misplaced decimal "
        "mark? (recorded anyway)",
        "{value} för {id!r} {period} är {factor} gånger mindre än indikatorns övriga värden "
        "(omkring {reference}); en andel skriven som bråktal (0,85 för 85 %) eller ett "
        "felplacerat decimaltecken? (registrerat ändå)",
    ),
    "scale_large": (
        "{value} for {id!r} {period} is {factor} times larger than its other values (about "
        "{reference}); a misplaced decimal mark or thousands separator? (recorded anyway)",
        "{value} för {id!r} {period} är {factor} gånger större än indikatorns övriga värden "
        "(omkring {reference}); ett felplacerat decimaltecken eller tusental? "
        "(registrerat ändå)",
    ),
}


def _place(
    row: int | None, col: int | None, header: str | None, sheet: str | None, lang: str
) -> str:
    """Where in a sheet: ``row 7, column C 'värde'``, ``cell Blad1!C7 'värde'``."""
    sv = lang == "sv"
    if row is not None and col is not None:
        label = f" {header!r}" if header else ""
        if sheet is not None:
            return f"cell {sheet}!{column_letter(col)}{row}{label}"
        return f"{'rad' if sv else 'row'} {row}, {'kolumn' if sv else 'column'} " + (
            f"{column_letter(col)}{label}"
        )
    if row is not None:
        if sheet is None:
            return f"{'rad' if sv else 'row'} {row}"
        return f"{'blad' if sv else 'sheet'} {sheet!r}, {'rad' if sv else 'row'} {row}"
    if sheet is not None:
        return f"{'blad' if sv else 'sheet'} {sheet!r}"
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
    words it in Swedish (``lang="sv"``) or for the command line (``cli=True``).

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
    ):
        text = message if isinstance(message, _Text) else _Text.plain(message)
        self._reason = text
        self.code = text.code
        self.params: Mapping[str, Any] = MappingProxyType(
            {k: v.value if isinstance(v, _Num) else v for k, v in text.params.items()}
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
        place = _place(self.row, self.col, self.header, self.sheet, _check_lang(lang))
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
        """
        lines = []
        for error in self.errors[:MAX_SHOWN]:
            where = error.location()
            text = error.describe(lang, cli=cli)
            lines.append(f"{where}: {text}" if where else text)
        if len(self.errors) > MAX_SHOWN:
            lines.append(_Text("and_more", n=len(self.errors) - MAX_SHOWN).render(lang))
        if len(self.errors) > 1:
            lines.append(_Text("in_all", n=len(self.errors)).render(lang))
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
        place = _place(self.row, self.col, self.header, self.sheet, _check_lang(lang))
        params: dict[str, Any] = {"value": _Num(self.value), "id": self.element}
        params["period"] = self.period
        if self.reference is not None:
            ratio = self.value / self.reference if self.reference else math.inf
            factor = ratio if abs(ratio) >= 1 else 1 / ratio
            params["factor"] = _Num(round(abs(factor)))
            params["reference"] = _Num(float(f"{self.reference:.3g}"))
        text = _Text(self.code, **params).render(lang)
        return f"{self.location()}: {place}: {text}"

    def __str__(self) -> str:
        return self.render()


def column_letter(number: int) -> str:
    """``1`` -> ``"A"``, ``27`` -> ``"AA"``: a column as a spreadsheet names it."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


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
                        n=len(values),
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
    path: Path, *, sheet: str | None, encoding: str | None, delimiter: str | None
) -> list[Table]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        if encoding is not None or delimiter is not None:
            raise InvalidValueError(
                "encoding= and delimiter= are for CSV files, not Excel files", field="encoding"
            )
        from ._xlsx import read_xlsx

        return read_xlsx(path, sheet=sheet)
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

    return [read_csv(path, encoding=encoding, delimiter=delimiter)]


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
) -> _Reading:
    if missing not in ("error", "skip"):
        raise InvalidValueError(
            f"missing={missing!r} is invalid; valid: 'error', 'skip'", field="missing"
        )
    if source is not None and not isinstance(source, str):
        raise InvalidValueError(f"source must be text, got {source!r}", field="source")
    file = Path(path)
    names = _mapping(mapping)
    tables = _load_tables(file, sheet=sheet, encoding=encoding, delimiter=delimiter)
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
        raise _gather(errors)
    return _Reading(rows, skipped, str(file), reader)


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
        ``SpreadsheetDuplicateError`` for one measurement with two values).
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
) -> ImportReport:
    """Record the measurements of a CSV or Excel file in *chain*, all or none.

    The whole file is read and checked first (see :func:`read_measurements`),
    then compared with what the chain holds; only when nothing is wrong are the
    measurements recorded. A failure leaves the chain exactly as it was.

    Parameters
    ----------
    chain
        The chain to record in.
    path, mapping, sheet, source, missing, encoding, delimiter
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


def _warnings(chain: GoalChain, items: Sequence[_Row]) -> list[SpreadsheetWarning]:
    """Warnings for values about to be recorded that look wrong; the chain is read only."""
    percent = parse_unit("percent")
    by_indicator: dict[str, list[_Row]] = {}
    for item in items:
        by_indicator.setdefault(item.measurement.indicator, []).append(item)
    out: list[SpreadsheetWarning] = []
    for indicator_id, rows in by_indicator.items():
        indicator = chain[indicator_id]
        assert isinstance(indicator, Indicator)
        is_percent = parse_unit(indicator.unit) == percent
        known = [
            pair.value
            for pair in (indicator.baseline, indicator.target, *indicator.annual_targets)
            if pair is not None
        ]
        file_keys = {item.measurement.key for item in rows}
        known += [m.value for m in chain.measurements(indicator_id) if m.key not in file_keys]
        known = [abs(v) for v in known if v]
        for item in rows:
            m = item.measurement
            reference: float | None = None
            if is_percent and not 0 <= m.value <= 100:
                code = "percent_range"
            else:
                others = known
                if not others:  # nothing in the chain: the file's other values, if several
                    others = [abs(o.measurement.value) for o in rows if o is not item]
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
            out.append(
                SpreadsheetWarning(
                    file=str(item.where["file"]),
                    row=item.row,
                    col=int(item.where["col"]),
                    header=item.where.get("header"),
                    sheet=item.where.get("sheet"),
                    element=indicator_id,
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
    from ..report import unit_symbol

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
