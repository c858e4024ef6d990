"""``goalchain kolada compare``: where the chain's municipality stands among others.

Registered by :mod:`goalchain._cli_kolada` (:func:`add_parser`, :func:`run`).
For every indicator with a Kolada id, the municipality's value for a year
against a Kolada group's or every municipality's
(:func:`goalchain.io.kolada.compare_chain`), as a table in ``--lang`` or as
JSON keyed by indicator id. The values are read from Kolada's local store
(``--store``); a KPI's metadata, to check its unit against the indicator's,
from the Kolada API unless ``--offline``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ._i18n import N_, gettext, languages

if TYPE_CHECKING:
    from .io.kolada import Comparison, Comparisons, KoladaValues, KpiInfo
    from .models import GoalChain

__all__ = ["add_parser", "comparison_table", "run"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``compare`` to the sub-parsers of ``goalchain kolada``."""
    compare: argparse.ArgumentParser = sub.add_parser(
        "compare",
        help="where the municipality stands among others, per indicator",
        description="For every indicator with a Kolada id: the municipality's value for "
        "--year, its rank among a Kolada group (--group, the group's id or its title as "
        "Kolada writes it) or every municipality (--all, the default; not the regions nor "
        "Riket), the group's median, quartiles, best and worst, Riket's value and the band "
        "(best quarter, middle half, worst quarter). The values are read from Kolada's "
        "local store (--store). Exit 0 on success, 2 on an error.",
    )
    compare.add_argument("file", type=Path, help="a .yaml, .yml or .json chain file")
    compare.add_argument("--year", required=True, type=int, help="the year, such as 2024")
    which = compare.add_mutually_exclusive_group()
    which.add_argument(
        "--group", metavar="ID", help="a Kolada group's id (G35889) or title as Kolada writes it"
    )
    which.add_argument("--all", action="store_true", help="every municipality (the default)")
    compare.add_argument(
        "--municipality", help="municipality code such as 1231 (default: the chain's own)"
    )
    compare.add_argument("--store", type=Path, metavar="PATH", help="Kolada's local store")
    compare.add_argument(
        "--base-url",
        default=None,
        metavar="URL",
        help="the Kolada API (default https://api.kolada.se/v3), e.g. a mirror",
    )
    compare.add_argument(
        "--offline",
        action="store_true",
        help="read only the store; the KPIs' units are then not checked",
    )
    compare.add_argument(
        "--format", choices=("table", "json"), default="table", help="table (default) or json"
    )
    compare.add_argument(
        "--lang",
        choices=languages(),
        default="sv",
        help="language of the table and messages (default sv)",
    )
    return compare


def open_store(path: Path | None, *, lang: str) -> KoladaValues:
    """The source of values for ``--store PATH``: the local store that ``goalchain
    kolada fetch --store PATH`` filled (a file that is not there is not created)."""
    from ._cli_import import IS_DIR, CommandError
    from .io.kolada import KoladaStore

    if path is None:
        raise CommandError(
            N_("the comparison reads Kolada's local store; give it with --store PATH"),
            params={},
            lang=lang,
        )
    if path.is_dir():
        raise CommandError(IS_DIR, params={"path": str(path)}, lang=lang)
    if not path.exists():
        raise CommandError(
            N_(
                "there is no Kolada store at {path}; fill one first with "
                "goalchain kolada fetch FILE --years YEARS --store {path}"
            ),
            params={"path": str(path)},
            lang=lang,
        )
    return KoladaStore(path)


def kpi_metadata(
    args: argparse.Namespace, ids: Sequence[str], source: object = None
) -> Mapping[str, KpiInfo] | None:
    """The KPIs' metadata, to check their units: from the store where it keeps them
    (``--offline``: only there), else from the Kolada API; None when there is none."""
    from .io.kolada import KoladaStore

    if not ids:
        return None
    if isinstance(source, KoladaStore):
        kept = {info.id: info for info in source.kpis(ids)}
        if args.offline or len(kept) == len(ids):
            return kept or None
    if args.offline:
        return None
    from .io.kolada import DEFAULT_BASE_URL, KoladaClient

    client = KoladaClient(args.base_url or DEFAULT_BASE_URL)
    return {info.id: info for info in client.kpi(ids)}


def _number(value: float | None, unit: str, lang: str) -> str:
    from ._unit_text import format_value

    return "–" if value is None else format_value(value, unit, lang=lang)


_BANDS = {
    "best_quarter": N_("best quarter"),
    "middle_half": N_("middle half"),
    "worst_quarter": N_("worst quarter"),
}


def _heading(comparisons: Comparisons, chain: GoalChain, lang: str) -> str:
    group = comparisons.group
    own = comparisons.municipality
    if own == chain.municipality and chain.name:
        own = f"{chain.name} ({own})"
    if group is None:
        return gettext("{municipality} among every municipality, {year}", lang).format(
            municipality=own, year=comparisons.year
        )
    return gettext("{municipality} in {group} ({id}), {year}", lang).format(
        municipality=own, group=group.title, id=group.id, year=comparisons.year
    )


def comparison_table(comparisons: Comparisons, chain: GoalChain, *, lang: str = "sv") -> str:
    """The comparisons as a text table in *lang*, then a line per KPI without values or refused.

    Numbers are written the language's way, with the indicator's unit
    (``81 %``); a figure that does not exist is ``–``.
    """
    from .report import text_table

    headers = [
        gettext("Indicator", lang),
        "KPI",
        gettext("Value", lang),
        gettext("Rank", lang),
        gettext("Median", lang),
        gettext("Q1", lang),
        gettext("Q3", lang),
        gettext("Best", lang),
        gettext("Worst", lang),
        gettext("Sweden", lang),
        gettext("Band", lang),
    ]
    rows: list[list[str]] = []
    lines: list[str] = []
    for indicator_id, c in comparisons.items():
        unit = chain[indicator_id].unit  # type: ignore[attr-defined]
        if c.of == 0:
            lines.append(_no_values(indicator_id, c, comparisons, lang))
            continue
        rank = (
            "–" if c.rank is None else gettext("{rank} of {of}", lang).format(rank=c.rank, of=c.of)
        )
        rows.append(
            [
                indicator_id,
                c.kpi,
                _number(c.value, unit, lang),
                rank,
                *(_number(x, unit, lang) for x in (c.median, c.q1, c.q3, c.best, c.worst)),
                _number(c.riket, unit, lang),
                "–" if c.band is None else gettext(_BANDS[c.band], lang),
            ]
        )
    parts = [_heading(comparisons, chain, lang)]
    if rows:
        parts.append(text_table(headers, rows, align="llrrrrrrrrl"))
    parts.extend(lines)
    parts.extend(note.message(lang) for note in comparisons.refused)
    return "\n".join(parts)


def _no_values(indicator_id: str, c: Comparison, comparisons: Comparisons, lang: str) -> str:
    if comparisons.group is None:
        text = gettext("{id}: Kolada has no values of {kpi} for any municipality in {year}", lang)
        return text.format(id=indicator_id, kpi=c.kpi, year=c.year)
    text = gettext("{id}: Kolada has no values of {kpi} for {group} in {year}", lang)
    return text.format(id=indicator_id, kpi=c.kpi, group=comparisons.group.id, year=c.year)


def run(
    args: argparse.Namespace,
    out: TextIO,
    err: TextIO,
    *,
    source: KoladaValues | None = None,
) -> int:
    """Run ``goalchain kolada compare``; returns the exit code (0).

    *source* gives the values instead of ``--store`` (tests, programs).
    ``--format json`` writes an object keyed by indicator id (the keys of
    :data:`goalchain.io.kolada.COMPARISON_KEYS`, null where a figure does not
    exist) on *out*, and a line per KPI without values or refused on *err*.
    """
    from ._cli_import import IS_DIR, NO_SUCH_FILE, CommandError
    from ._cli_kolada import _option_error
    from .exceptions import InvalidValueError
    from .io import load
    from .io.kolada import compare_chain

    lang = args.lang
    file: Path = args.file
    if not file.exists():
        raise CommandError(NO_SUCH_FILE, params={"path": str(file)}, lang=lang)
    if file.is_dir():
        raise CommandError(IS_DIR, params={"path": str(file)}, lang=lang)
    chain = load(file)
    if source is None:
        source = open_store(args.store, lang=lang)
    ids = sorted({i.kolada for i in chain.indicators() if i.kolada is not None})
    kpis = kpi_metadata(args, ids, source)
    try:
        comparisons = compare_chain(
            chain,
            args.year,
            source=source,
            group=None if args.all else args.group,
            municipality=args.municipality,
            kpis=kpis,
        )
    except InvalidValueError as error:
        raise _option_error(error, args, lang) from error
    if args.format == "json":
        data = {key: c.as_dict() for key, c in comparisons.items()}
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        for key, c in comparisons.items():
            if c.of == 0:
                err.write(_no_values(key, c, comparisons, lang) + "\n")
        for note in comparisons.refused:
            err.write(note.message(lang) + "\n")
        return 0
    out.write(comparison_table(comparisons, chain, lang=lang) + "\n")
    if not comparisons and not comparisons.refused:
        out.write(gettext("no indicator of the chain has a Kolada id", lang) + "\n")
    return 0
