"""The ``goalchain import`` and ``goalchain template`` commands.

``goalchain import FILE DATA -o OUT``
    Read the measurements of a CSV or Excel file (*DATA*) into the chain in
    *FILE* and write the chain to *OUT*, atomically; all or nothing. Without
    ``-o`` the command refuses to overwrite *FILE* unless ``--in-place``. When
    the import changes nothing, *FILE* is not rewritten. A YAML *FILE* is
    written with its comments, key order and formatting kept, only the new and
    changed measurements written in (:mod:`goalchain.io._yaml_update`); a JSON
    one, or a YAML one whose measurements cannot be spliced in, is written whole.
``goalchain template FILE -o OUT.csv|OUT.xlsx``
    Write a file to fill in: one row per indicator and period, the chain's
    values filled in.

A user error prints its message on stderr and exits 2: the functions here raise a
:class:`~goalchain.exceptions.GoalchainError` (a :class:`CommandError` for a bad
option, or for bad data worded in the chosen language with the command's own
options as hints), which :func:`goalchain.cli.main` prints. Warnings about
values that look wrong go to stderr, one line each, and do not stop the import.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from ._i18n import N_, gettext, languages, ngettext
from .exceptions import GoalchainError, InvalidValueError, Message

__all__ = [
    "IS_DIR",
    "NO_SUCH_FILE",
    "CommandError",
    "add_parsers",
    "has_comments",
    "note_comments",
    "run_import",
    "run_template",
    "same_file",
    "warning_label",
    "write_plan",
]

_SHOWN = 10  # rows marked missing listed by name


def add_parsers(commands: Any) -> None:
    """Add the ``import`` and ``template`` commands to *commands* (``add_subparsers()``)."""
    imp = commands.add_parser(
        "import",
        help="read measurements from a CSV or Excel file into a chain",
        description="Read the measurements of DATA (.csv or .xlsx) into the chain in FILE "
        "and write the chain to OUT. Every row is checked first; on any error nothing is "
        "written (exit 2) and the message lists every wrong cell by file, row and column. "
        "Values that look wrong (a percentage outside 0-100, a value 50 times off the "
        "indicator's others) are imported and warned about on stderr. When nothing "
        "changes, FILE is not rewritten. A YAML chain keeps its comments, key order and "
        "formatting: only the new and changed measurements are written in.",
    )
    imp.add_argument("file", type=Path, help="a .yaml, .yml or .json chain file")
    imp.add_argument("data", type=Path, help="a .csv or .xlsx file of measurements")
    imp.add_argument("-o", "--output", type=Path, help="where to write the updated chain")
    imp.add_argument("--in-place", action="store_true", help="overwrite FILE (when no -o is given)")
    imp.add_argument(
        "--mapping",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="read your own header as a field, e.g. --mapping 'Mått=indicator' "
        "(fields: indicator, period, value, unit, gender, preliminary, source, title, ignore)",
    )
    imp.add_argument("--sheet", help="the Excel sheet (default: the first with a header row)")
    imp.add_argument(
        "--on-conflict",
        choices=("error", "keep", "replace"),
        default="error",
        help="when the chain has another value: error (default), keep the chain's, "
        "replace with the file's",
    )
    imp.add_argument(
        "--missing",
        choices=("auto", "error", "skip"),
        default="auto",
        help="empty value cells: auto (default: skipped in a template from 'goalchain "
        "template', an error in another file), error, or skip them ('..' always marks a "
        "missing value)",
    )
    imp.add_argument("--encoding", help="the CSV file's encoding when not UTF-8, e.g. cp1252")
    imp.add_argument(
        "--delimiter",
        metavar="SEP",
        help="the CSV separator when it should not be taken from the header row: ';', ',' or tab",
    )
    imp.add_argument("--lang", choices=languages(), default="sv", help="language (default sv)")

    template = commands.add_parser(
        "template",
        help="write a CSV or Excel file to fill in with measurements",
        description="Write a file with one row per indicator and period, from its baseline "
        "to its target year in its own frequency (years, tertials, quarters, delår), with "
        "the values the chain already has filled in, ready to fill in and read back with "
        "'goalchain import' (which skips the value cells left empty).",
    )
    template.add_argument("file", type=Path, help="a .yaml, .yml or .json chain file")
    template.add_argument(
        "-o", "--output", type=Path, required=True, help="the template: OUT.csv or OUT.xlsx"
    )
    template.add_argument(
        "--years",
        help="a year or a range for every indicator, e.g. 2024 or 2023-2026 (default: each "
        "indicator's own, from the year after its baseline to its target year)",
    )
    template.add_argument(
        "--lang", choices=languages(), default="sv", help="language of the headers (default sv)"
    )


class CommandError(InvalidValueError):
    """A user error on the command line: a bad option, a file that does not exist, bad data.

    The one error class of goalchain's commands (``goalchain validate``,
    ``import``, ``kolada fetch``...): :func:`goalchain.cli.main` prints it as one
    line and exits 2. Raised with a message template and its fields, it is
    worded in *lang* (``str(error)``) and renders in any language
    (:meth:`~goalchain.exceptions.GoalchainError.render`). Bad data in
    ``goalchain import`` is raised as a ``CommandError`` worded in the chosen
    language, from the library's :class:`~goalchain.io.SpreadsheetError` (its
    ``__cause__``).

    Examples
    --------
    >>> from goalchain._cli_import import CommandError
    >>> error = CommandError("no such file: {path}", params={"path": "k.yaml"}, lang="sv")
    >>> str(error), error.render("en")
    ('filen finns inte: k.yaml', 'no such file: k.yaml')
    """

    def __init__(
        self,
        message: str,
        *,
        params: Mapping[str, object] | None = None,
        lang: str = "en",
        field: str | None = None,
    ):
        super().__init__(message, params=params, field=field)
        if self.template is not None and lang != "en":
            self.reason = self.render(lang)
            self.args = (self.reason,)


def _user_error(message: str, lang: str, **params: object) -> CommandError:
    return CommandError(message, params=params, lang=lang)


class _ErrorText(Message):
    """A library error as the field of a message, worded in the message's language
    (for the command line, its hints in option names, with *cli*)."""

    __slots__ = ("cli", "error")

    def __init__(self, error: GoalchainError, *, cli: bool = False):
        super().__init__("{error}")
        self.error = error
        self.cli = cli

    def render(self, lang: str = "en") -> str:
        if self.cli:
            return str(self.error.render(lang, cli=True))  # type: ignore[call-arg]
        return self.error.render(lang)

    def __str__(self) -> str:
        return self.render("en")


def _from_library(error: GoalchainError, lang: str, *, cli: bool = False) -> CommandError:
    """*error* as the command's error, worded in *lang* and renderable in any language."""
    return CommandError("{error}", params={"error": _ErrorText(error, cli=cli)}, lang=lang)


NO_SUCH_FILE = N_("no such file: {path}")
IS_DIR = N_("{path} is a directory; give a .yaml, .yml or .json file")


def warning_label(lang: str) -> str:
    """The word that starts a warning's line on the command line, in *lang*."""
    return gettext("warning", lang)


def note_comments(err: TextIO, path: Path, lang: str) -> None:
    """Say on *err* that the comments of *path*, rewritten, are gone."""
    err.write(
        gettext(
            "note: {path} had comments; they are not kept when the file is rewritten", lang
        ).format(path=path)
        + "\n"
    )


def same_file(a: Path, b: Path) -> bool:
    """True when *a* and *b* name the same file (following links); False if either is missing."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def write_plan(source: Path, target: Path, changed: bool) -> tuple[bool, bool]:
    """Whether a command that read the chain from *source* writes it to *target*, and
    whether comments are lost by it.

    Written unless *target* is *source* and nothing *changed* (a file rewritten
    for nothing loses its comments); comments are lost when *source* is
    rewritten and had any.
    """
    in_place = same_file(target, source)
    write = not in_place or changed
    return write, write and in_place and has_comments(source)


_COMMENT = re.compile(r"(?:^|\s)#")


def has_comments(path: Path) -> bool:
    """True when the YAML file *path* has a ``#`` comment (a quick look at the text).

    A ``#`` at the start of a line or after a space counts, even inside a quoted
    string: the check only decides whether to say that comments are not kept.
    JSON files have no comments.
    """
    if path.suffix.lower() not in (".yaml", ".yml"):
        return False
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    return _COMMENT.search(text) is not None


def _load(path: Path, lang: str = "en") -> Any:
    from .io import load

    if not path.exists():
        raise _user_error(NO_SUCH_FILE, lang, path=str(path))
    if path.is_dir():
        raise _user_error(IS_DIR, lang, path=str(path))
    return load(path)


def _mapping(items: list[str], lang: str = "en") -> dict[str, str | None]:
    from .io._sheet_cells import FIELDS

    out: dict[str, str | None] = {}
    for item in items:
        column, sep, field = item.rpartition("=")
        if not sep or not column.strip() or not field.strip():
            raise _user_error(
                N_("--mapping {item!r}: write COLUMN=FIELD, e.g. --mapping 'Mått=indicator'"),
                lang,
                item=item,
            )
        name = field.strip()
        if name in ("ignore", "none", "-"):
            out[column.strip()] = None
        elif name in FIELDS:
            out[column.strip()] = name
        else:
            raise _user_error(
                N_(
                    "--mapping {item!r}: unknown field {field!r}; fields: {fields}, or ignore "
                    "to leave the column out"
                ),
                lang,
                item=item,
                field=name,
                fields=", ".join(FIELDS),
            )
    return out


def _delimiter(value: str | None, lang: str) -> str | None:
    if value is None:
        return None
    if value.lower() in ("tab", "\\t", "\t"):
        return "\t"
    if len(value) != 1:
        raise _user_error(
            N_("--delimiter {value!r}: give one character such as ';' or ',', or tab"),
            lang,
            value=value,
        )
    return value


def _dump(chain: Any, target: Path, lang: str) -> None:
    from .exceptions import DirectoryNotFoundError, FileWriteError
    from .io import dump

    try:
        dump(chain, target)
    except DirectoryNotFoundError as error:
        raise _user_error(
            N_(
                "{path}: cannot write the file: no directory {directory}; create it first, "
                "or give another -o"
            ),
            lang,
            path=str(target),
            directory=error.directory,
        ) from error
    except FileWriteError as error:
        raise _from_library(error, lang) from error


def _update(chain: Any, source: Path, target: Path, before: Any, lang: str) -> bool:
    """Write the YAML file *source* to *target* with only the new and changed
    measurements added, comments, order and formatting kept; False when it cannot be."""
    from .exceptions import DirectoryNotFoundError, FileWriteError
    from .io._yaml_update import update_measurements

    try:
        return update_measurements(chain, source, target, before)
    except (DirectoryNotFoundError, FileWriteError):
        return False  # the whole rewrite says what is wrong, in the user's language


def run_import(args: argparse.Namespace, out: TextIO, err: TextIO | None = None) -> int:
    """Run ``goalchain import``; returns the exit code (0), raises on a user error.

    Bad data raises a :class:`CommandError` in ``args.lang`` whose hints are
    this command's options. Warnings go to *err* (by default stderr).
    """
    from .io import import_measurements
    from .io._spreadsheet_errors import SpreadsheetError

    err = err or sys.stderr
    lang = args.lang
    if args.output is None and not args.in_place:
        raise _user_error(
            N_("give -o OUT for the updated chain, or --in-place to overwrite {file}"),
            lang,
            file=str(args.file),
        )
    if args.output is not None and args.in_place:
        raise _user_error(N_("give either -o OUT or --in-place, not both"), lang)
    target = args.file if args.output is None else args.output
    if target.suffix.lower() not in (".yaml", ".yml", ".json"):
        raise _user_error(
            N_("{path}: a chain is written as .yaml, .yml or .json"), lang, path=str(target)
        )
    if not args.data.exists():
        raise _user_error(NO_SUCH_FILE, lang, path=str(args.data))
    mapping = _mapping(args.mapping, lang)
    delimiter = _delimiter(getattr(args, "delimiter", None), lang)
    chain = _load(args.file, lang)
    before = {m.key: m for m in chain.measurements()}
    try:
        report = import_measurements(
            chain,
            args.data,
            mapping=mapping,
            sheet=args.sheet,
            on_conflict=args.on_conflict,
            missing=args.missing,
            encoding=args.encoding,
            delimiter=delimiter,
        )
    except SpreadsheetError as error:
        raise _from_library(error, lang, cli=True) from error
    write, comments = write_plan(args.file, target, report.changed)
    if write:  # first: a failure prints only the error
        if _update(chain, args.file, target, before, lang):
            comments = False  # the file's own text, comments and all, with the new values
        else:
            _dump(chain, target, lang)
    out.write(report.summary(lang=lang) + "\n")
    skipped = gettext("missing (skipped)", lang)
    for where in report.missing[:_SHOWN]:
        out.write(f"  {where}: {skipped}\n")
    if len(report.missing) > _SHOWN:
        more = len(report.missing) - _SHOWN
        out.write("  ... " + ngettext("{n} more", "{n} more", more, lang).format(n=more) + "\n")
    for warning in report.warnings:
        err.write(f"{warning_label(lang)}: {warning.render(lang)}\n")
    if write:
        out.write(gettext("{path}: written", lang).format(path=target) + "\n")
    else:
        out.write(
            gettext("{path}: nothing changed; the file was not written", lang).format(path=target)
            + "\n"
        )
    if comments:
        note_comments(err, target, lang)
    return 0


def run_template(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``goalchain template``; returns the exit code (0), raises on a user error."""
    from .io import write_template

    if args.output.suffix.lower() not in (".csv", ".xlsx"):
        raise _user_error(
            N_("{path}: a template is a .csv or an .xlsx file"), args.lang, path=str(args.output)
        )
    chain = _load(args.file, args.lang)
    write_template(chain, args.output, years=args.years, lang=args.lang)
    rows = len(chain.indicators())
    written = ngettext(
        "{path}: written ({n} indicator)", "{path}: written ({n} indicators)", rows, args.lang
    )
    out.write(written.format(path=args.output, n=rows) + "\n")
    return 0
