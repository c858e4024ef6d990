"""``goalchain kolada fetch``: fill a chain's Kolada indicators from the Kolada API.

Wired into :mod:`goalchain.cli` with :func:`add_parser` (the sub-command) and
:func:`run` (what it does). The Kolada client is imported only when the
command runs, so ``goalchain --help`` stays fast. Every message is written in
the language of ``--lang`` (Swedish by default): the summary by
:meth:`goalchain.io.kolada.FetchReport.summary`, the command's own lines and
user errors (a :class:`~goalchain._cli_import.CommandError`) from the message catalogs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import _cli_kolada_compare
from ._i18n import N_, gettext, languages
from .exceptions import Message

if TYPE_CHECKING:
    from .exceptions import InvalidValueError, KoladaConflictError

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
        "is an error unless --replace. Values that look implausible for the indicator (a "
        "share outside 0-100 %, a value 50 times off the indicator's others) are recorded "
        "and warned about, as by 'goalchain import'. Exit 0 on success, 2 on an error.",
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
    fetch.add_argument(
        "--store",
        type=Path,
        metavar="PATH",
        help="keep the KPIs' values for every municipality of the years, and Kolada's "
        "municipality groups, in the SQLite file PATH (created if absent); a refetch asks only "
        "for what it lacks or what Kolada has published since",
    )
    fetch.add_argument(
        "--offline",
        action="store_true",
        help="read only the cache (--cache) or the store (--store)",
    )
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
    fetch.add_argument(
        "--lang",
        choices=languages(),
        default="sv",
        help="language of the summary and messages (default sv)",
    )
    _cli_kolada_compare.add_parser(sub)
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


_OPTION_ERRORS = {
    "years": N_(
        "--years {value!r}: give a year, a range or a list, such as 2024, 2019-2024 or "
        "2019,2021 (years from 1900 to 2200, the first year of a range before the last)"
    ),
    "gender": N_("--gender {value!r}: give T (total), K (women), M (men) or several, such as TKM"),
    "municipality": N_(
        "--municipality {value!r}: give one municipality code, such as 1231 or 0192"
    ),
}


def _option_error(
    error: InvalidValueError, args: argparse.Namespace, lang: str
) -> InvalidValueError:
    """*error* of ``fetch_into`` about an option, worded in *lang* with the option's name.

    Errors about anything else are returned as they are.

    Examples
    --------
    >>> import argparse
    >>> from goalchain.exceptions import InvalidValueError
    >>> args = argparse.Namespace(years="soon", gender="T", municipality=None)
    >>> print(_option_error(InvalidValueError("bad", field="years"), args, "sv"))
    --years 'soon': ange ett år, ett intervall eller en lista, som 2024, 2019-2024 eller \
2019,2021 (år från 1900 till 2200, ett intervalls första år före det sista)
    """
    from ._cli_import import CommandError

    field = getattr(error, "field", None)
    if field == "municipality" and args.municipality is None:
        return CommandError(
            N_(
                "the chain has no municipality code; give one with --municipality, e.g. "
                "--municipality 1231"
            ),
            params={},
            lang=lang,
        )
    if field in _OPTION_ERRORS:
        return CommandError(
            _OPTION_ERRORS[field], params={"value": getattr(args, field)}, lang=lang
        )
    return error


class _Conflicts(Message):
    """The conflicts of a :class:`~goalchain.exceptions.KoladaConflictError`, in the words of
    the command line (``--replace``), in the language asked for: the whole message of the
    command's error (its template, ``"{conflicts}"``, has nothing to translate)."""

    __slots__ = ("error",)

    def __init__(self, error: KoladaConflictError):
        super().__init__("{conflicts}")
        self.error = error

    def render(self, lang: str = "en") -> str:
        return self.error.render(lang, cli=True)

    def __str__(self) -> str:
        return self.render("en")


def run(args: argparse.Namespace, out: TextIO, err: TextIO | None = None) -> int:
    """Run ``goalchain kolada ...``; returns the exit code.

    Errors (a missing file, a failed request, a conflict) are raised as
    :class:`~goalchain.exceptions.GoalchainError`; :func:`goalchain.cli.main`
    prints them as one line and exits 2. The summary, the command's own
    messages and its user errors (a bad ``--years``, ``--gender`` or
    ``--municipality`` included) are in ``args.lang`` (Swedish unless
    ``"en"``), the list of conflicts with the chain too, and so are the errors
    of the Kolada client (a failed request, a malformed response), which
    :func:`goalchain.cli.main` renders in ``--lang``. When the fetch changes
    nothing in place, the file is not rewritten (its comments are kept); when
    it is rewritten and had comments, a note on *err* says they are gone.
    """
    from ._cli_import import IS_DIR, NO_SUCH_FILE, CommandError, note_comments, write_plan
    from .exceptions import InvalidValueError, KoladaConflictError
    from .io import dump, load
    from .io.kolada import DEFAULT_BASE_URL, KoladaClient, fetch_into

    lang = getattr(args, "lang", "sv")
    if getattr(args, "kolada_command", None) == "compare":
        return _cli_kolada_compare.run(args, out, err or sys.stderr)
    if getattr(args, "kolada_command", None) != "fetch":
        raise CommandError(
            N_("give a sub-command: goalchain kolada fetch FILE --years 2019-2024"),
            params={},
            lang=lang,
        )
    err = err or sys.stderr
    file: Path = args.file
    if not file.exists():
        raise CommandError(NO_SUCH_FILE, params={"path": str(file)}, lang=lang)
    if file.is_dir():
        raise CommandError(IS_DIR, params={"path": str(file)}, lang=lang)
    store_path: Path | None = getattr(args, "store", None)
    if args.offline and args.cache is None and store_path is None:
        raise CommandError(
            N_("--offline reads the cache or the store; give --cache DIR or --store PATH"),
            params={},
            lang=lang,
        )
    chain = load(file)
    client: KoladaClient
    store = None
    online: KoladaClient | None = None
    if store_path is not None:
        from .io._kolada_store import KoladaStore, StoreClient

        store = KoladaStore(store_path)
        if not args.offline:
            online = KoladaClient(
                args.base_url or DEFAULT_BASE_URL, cache_dir=args.cache, max_age=args.max_age
            )
        client = StoreClient(store, online)
    else:
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
        if store is not None and online is not None:  # what comparisons need beside values
            if not store.groups():
                store.fetch_groups(online)
            if not store.municipalities():
                store.fetch_municipalities(online)
    except InvalidValueError as error:
        raise _option_error(error, args, lang) from error
    except KoladaConflictError as error:  # Kolada's values differ from the chain's
        raise CommandError(
            "{conflicts}", params={"conflicts": _Conflicts(error)}, lang=lang
        ) from error
    finally:
        if bar is not None:
            bar.close()
        if store is not None:
            store.close()
    target = args.output or file
    write, comments = write_plan(file, target, chain.data_version != version)
    if not write:
        out.write(report.summary(lang=lang) + "\n")
        out.write(
            gettext("nothing changed; {path} was not written", lang).format(path=target) + "\n"
        )
        return 0
    dump(chain, target)
    out.write(report.summary(lang=lang) + "\n")
    out.write(gettext("written to {path}", lang).format(path=target) + "\n")
    if comments:
        note_comments(err, target, lang)
    return 0
