"""``goalchain kolada fetch``: fill a chain's Kolada indicators from the Kolada API.

Wired into :mod:`goalchain.cli` with :func:`add_parser` (the sub-command) and
:func:`run` (what it does). The Kolada client is imported only when the
command runs, so ``goalchain --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

__all__ = ["ProgressBar", "add_parser", "run"]


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """Add ``kolada`` (with its ``fetch`` sub-command) to the CLI's sub-parsers."""
    kolada: argparse.ArgumentParser = commands.add_parser(
        "kolada",
        help="fetch indicator values from Kolada",
        description="Kolada (kolada.se) publishes the municipalities' key figures. "
        "'goalchain kolada fetch FILE --years 2019-2024' fills every indicator that has a "
        "Kolada id with the values of the chain's municipality.",
    )
    sub = kolada.add_subparsers(
        dest="kolada_command", metavar="SUBCOMMAND", parser_class=type(kolada)
    )
    fetch = sub.add_parser(
        "fetch",
        help="fill the indicators that have a Kolada id",
        description="Fetch the values of every indicator with a Kolada id for the chain's "
        "municipality and record them with their source (URL and fetch time). Nothing is "
        "written when a request fails. A value that differs from one already in the chain "
        "is an error unless --replace. Exit 0 on success, 2 on an error.",
    )
    fetch.add_argument("file", type=Path, help="a .yaml, .yml or .json chain file")
    fetch.add_argument(
        "--years", required=True, help="years to fetch: 2024, 2019-2024 or 2019,2021"
    )
    fetch.add_argument(
        "--municipality", help="municipality code such as 1231 (default: the chain's own)"
    )
    fetch.add_argument(
        "--gender",
        default="T",
        help="T (total, default), K (women), M (men) or several, e.g. TKM",
    )
    fetch.add_argument("--cache", type=Path, metavar="DIR", help="keep responses in DIR")
    fetch.add_argument(
        "--max-age",
        type=float,
        metavar="SECONDS",
        help="fetch again when a cached response is older than this",
    )
    fetch.add_argument("--offline", action="store_true", help="read only the cache (needs --cache)")
    fetch.add_argument(
        "--base-url",
        default=None,
        metavar="URL",
        help="the Kolada API (default https://api.kolada.se/v3), e.g. a mirror",
    )
    fetch.add_argument("-o", "--output", type=Path, metavar="OUT", help="write here, not to FILE")
    fetch.add_argument(
        "--replace", action="store_true", help="overwrite values that differ from Kolada's"
    )
    fetch.add_argument(
        "--no-progress", action="store_true", help="do not draw the progress bar on stderr"
    )
    return kolada


class ProgressBar:
    """A text progress bar on a stream: ``Kolada [#########-----------] 3/7``.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> bar = ProgressBar(out, width=10)
    >>> bar(1, 4); bar(4, 4); bar.close()
    >>> out.getvalue().split("\\r")[-1]
    'Kolada [##########] 4/4\\n'
    """

    def __init__(self, stream: TextIO, *, width: int = 30, label: str = "Kolada"):
        self.stream = stream
        self.width = width
        self.label = label
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        filled = self.width if total <= 0 else min(self.width, self.width * done // total)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """End the line the bar is drawn on."""
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False


def run(args: argparse.Namespace, out: TextIO, err: TextIO | None = None) -> int:
    """Run ``goalchain kolada ...``; returns the exit code.

    Errors (a missing file, a failed request, a conflict) are raised as
    :class:`~goalchain.exceptions.GoalchainError`; :func:`goalchain.cli.main`
    prints them as one line and exits 2. When the fetch changes nothing in
    place, the file is not rewritten (its comments are kept); when it is
    rewritten and had comments, a note on *err* says they are gone.
    """
    from ._cli_import import write_plan
    from .exceptions import InvalidValueError
    from .io import dump, load
    from .io.kolada import DEFAULT_BASE_URL, KoladaClient, fetch_into

    if getattr(args, "kolada_command", None) != "fetch":
        raise InvalidValueError("give a sub-command: goalchain kolada fetch FILE --years 2019-2024")
    err = err or sys.stderr
    file: Path = args.file
    if not file.exists():
        raise InvalidValueError(f"no such file: {file}")
    if file.is_dir():
        raise InvalidValueError(f"{file} is a directory; give a .yaml, .yml or .json file")
    if args.offline and args.cache is None:
        raise InvalidValueError("--offline reads the cache; give --cache DIR")
    chain = load(file)
    client = KoladaClient(
        args.base_url or DEFAULT_BASE_URL,
        cache_dir=args.cache,
        offline=args.offline,
        max_age=args.max_age,
    )
    bar = None if args.no_progress else ProgressBar(err)
    version = chain.data_version
    try:
        report = fetch_into(
            chain,
            args.years,
            municipality=args.municipality,
            client=client,
            gender=args.gender,
            replace=args.replace,
            progress=bar,
        )
    finally:
        if bar is not None:
            bar.close()
    target = args.output or file
    write, comments = write_plan(file, target, chain.data_version != version)
    if not write:
        out.write(report.summary() + "\n")
        out.write(f"nothing changed; {target} was not written\n")
        return 0
    dump(chain, target)
    out.write(report.summary() + "\n")
    out.write(f"written to {target}\n")
    if comments:
        err.write(f"note: {target} had comments; they are not kept when the file is rewritten\n")
    return 0
