"""The ``goalchain import`` and ``goalchain template`` commands.

``goalchain import FILE DATA -o OUT``
    Read the measurements of a CSV or Excel file (*DATA*) into the chain in
    *FILE* and write the chain to *OUT*, atomically; all or nothing. Without
    ``-o`` the command refuses to overwrite *FILE* unless ``--in-place``.
``goalchain template FILE -o OUT.csv|OUT.xlsx``
    Write a file to fill in: one row per indicator and year.

A user error prints one line on stderr and exits 2: the functions here raise a
:class:`~goalchain.exceptions.GoalchainError` (a :class:`CommandError` for a bad
option), which :func:`goalchain.cli.main` prints.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from .exceptions import GoalchainError

__all__ = ["CommandError", "add_parsers", "run_import", "run_template"]

_SHOWN = 10  # rows marked missing listed by name


def add_parsers(commands: Any) -> None:
    """Add the ``import`` and ``template`` commands to *commands* (``add_subparsers()``)."""
    imp = commands.add_parser(
        "import",
        help="read measurements from a CSV or Excel file into a chain",
        description="Read the measurements of DATA (.csv or .xlsx) into the chain in FILE "
        "and write the chain to OUT. Every row is checked first; on any error nothing is "
        "written (exit 2) and the message names the file, row and column.",
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
        choices=("error", "skip"),
        default="error",
        help="empty value cells: error (default) or skip them ('..' always marks a missing value)",
    )
    imp.add_argument("--encoding", help="the CSV file's encoding when not UTF-8, e.g. cp1252")
    imp.add_argument("--lang", choices=("sv", "en"), default="sv", help="language (default sv)")

    template = commands.add_parser(
        "template",
        help="write a CSV or Excel file to fill in with measurements",
        description="Write a file with one row per indicator and year, and an empty value "
        "column, ready to fill in and read back with 'goalchain import'.",
    )
    template.add_argument("file", type=Path, help="a .yaml, .yml or .json chain file")
    template.add_argument(
        "-o", "--output", type=Path, required=True, help="the template: OUT.csv or OUT.xlsx"
    )
    template.add_argument(
        "--years", help="a year or a range, e.g. 2024 or 2023-2026 (default: the target period)"
    )
    template.add_argument(
        "--lang", choices=("sv", "en"), default="sv", help="language of the headers (default sv)"
    )


class CommandError(GoalchainError, ValueError):
    """A user error in the command line (a missing option, a file that does not exist)."""


def _user_error(message: str) -> CommandError:
    return CommandError(message)


def _load(path: Path) -> Any:
    from .io import load

    if not path.exists():
        raise _user_error(f"no such file: {path}")
    if path.is_dir():
        raise _user_error(f"{path} is a directory; give a .yaml, .yml or .json file")
    return load(path)


def _mapping(items: list[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for item in items:
        column, sep, field = item.rpartition("=")
        if not sep or not column.strip() or not field.strip():
            raise _user_error(
                f"--mapping {item!r}: write COLUMN=FIELD, e.g. --mapping 'Mått=indicator'"
            )
        name = field.strip()
        out[column.strip()] = None if name in ("ignore", "none", "-") else name
    return out


def run_import(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``goalchain import``; returns the exit code (0), raises on a user error."""
    from .io import dump, import_measurements

    if args.output is None and not args.in_place:
        raise _user_error(
            f"give -o OUT for the updated chain, or --in-place to overwrite {args.file}"
        )
    if args.output is not None and args.in_place:
        raise _user_error("give either -o OUT or --in-place, not both")
    target = args.file if args.output is None else args.output
    if target.suffix.lower() not in (".yaml", ".yml", ".json"):
        raise _user_error(f"{target}: a chain is written as .yaml, .yml or .json")
    if not args.data.exists():
        raise _user_error(f"no such file: {args.data}")
    chain = _load(args.file)
    report = import_measurements(
        chain,
        args.data,
        mapping=_mapping(args.mapping),
        sheet=args.sheet,
        on_conflict=args.on_conflict,
        missing=args.missing,
        encoding=args.encoding,
    )
    dump(chain, target)
    out.write(report.summary(lang=args.lang) + "\n")
    for where in report.missing[:_SHOWN]:
        out.write(f"  {where}: {'missing (skipped)' if args.lang == 'en' else 'saknas'}\n")
    if len(report.missing) > _SHOWN:
        more = len(report.missing) - _SHOWN
        out.write(f"  ... {more} {'more' if args.lang == 'en' else 'till'}\n")
    written = "written" if args.lang == "en" else "skriven"
    out.write(f"{target}: {written}\n")
    return 0


def run_template(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``goalchain template``; returns the exit code (0), raises on a user error."""
    from .io import write_template

    if args.output.suffix.lower() not in (".csv", ".xlsx"):
        raise _user_error(f"{args.output}: a template is a .csv or an .xlsx file")
    chain = _load(args.file)
    write_template(chain, args.output, years=args.years, lang=args.lang)
    rows = len(chain.indicators())
    written = "written" if args.lang == "en" else "skriven"
    what = "indicators" if args.lang == "en" else "indikatorer"
    out.write(f"{args.output}: {written} ({rows} {what})\n")
    return 0
