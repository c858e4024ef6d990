"""The ``goalchain`` command.

``goalchain validate FILE``
    Load and check a chain file; exit 0 when valid, 1 with the findings listed
    per element.
``goalchain show FILE``
    Print the chain as an indented tree with levels, owners and weights.
``goalchain progression``
    Annual targets from a baseline to a target, or for every indicator of a
    file: annual target, latest actual, gap, on-track category and forecast.
``goalchain rollup FILE --period P``
    Goal fulfilment for a period, goal by goal.
``goalchain smart FILE``
    SMART(A) checks of every goal and structural checks of the chain, as a
    table, JSON or Markdown; exit 1 with ``--strict`` when a finding fails.
``goalchain report FILE --period P [--format html|md] [-o OUT]``
    The follow-up report: goal fulfilment, dialogues, indicators with charts,
    a SMART summary and the sources; HTML is one self-contained file.
``goalchain import FILE DATA -o OUT``, ``goalchain template FILE -o OUT``
    Read measurements from a CSV or Excel file into a chain (all or nothing),
    and write a template to fill in.
``goalchain kolada fetch FILE --years 2019-2024``
    Fill the indicators that carry a Kolada id with values from Kolada's API,
    with provenance (URL and fetch time) stored with every value.
``goalchain demo``
    The whole job on the example chain bundled in the package (Burlöv).

A user error (missing file, unreadable file, bad option) prints one line and
exits 2; there are no tracebacks for user errors. Any other exception is an
internal error: one line saying so and where to report it, exit 70 (``EX_SOFTWARE``);
the traceback only with ``--debug`` or the environment variable ``GOALCHAIN_DEBUG=1``.
Everything written to the terminal passes :func:`~goalchain._safe_text.terminal_text`:
control characters from a chain file are shown, never acted on.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import json
import os
import sys
import traceback
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from . import _cli_import, _cli_kolada
from ._cli_import import CommandError
from ._i18n import N_, gettext, languages, ngettext, pgettext
from ._safe_text import json_text, one_line, terminal_text
from ._version import __version__
from .exceptions import FileFormatError, GoalchainError

if TYPE_CHECKING:
    from .models import GoalChain

__all__ = ["DEBUG_VARIABLE", "main", "report_url"]

_SEVERITIES = {"error": N_("error"), "warning": N_("warning")}
"""The severities of a finding, for the start of its line."""


def _severity(severity: str, lang: str) -> str:
    return gettext(_SEVERITIES[severity], lang)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        command = self.prog.removeprefix("goalchain").strip()
        raise CommandError(
            N_("{command}: {message} (see --help)") if command else N_("{message} (see --help)"),
            params={"command": command, "message": message},
        )


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="goalchain",
        description="Goal chains (målkedjor) of Swedish municipalities: check, show, roll up, "
        "judge and report them; bring in values from spreadsheets and Kolada.",
    )
    parser.add_argument("--version", action="version", version=f"goalchain {__version__}")
    parser.add_argument(
        "--debug",
        action="store_true",
        help=f"on an internal error, print the traceback (also {DEBUG_VARIABLE}=1)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def lang_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--lang",
            choices=languages(),
            default="sv",
            help="language of labels and messages (default sv)",
        )

    validate = commands.add_parser(
        "validate",
        help="check a chain file; exit 1 on findings",
        description="Load a chain file and check its structure. "
        "Exit 0 when valid, 1 when it has errors (or warnings with "
        "--strict), 2 on a user error: a file that is missing or cannot be read as a "
        "chain (the reason on stderr, with its line).",
    )
    validate.add_argument("file", type=Path, help="a .yaml, .yml or .json chain file")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.add_argument("--strict", action="store_true", help="warnings also fail")
    lang_option(validate)

    show = commands.add_parser(
        "show",
        help="print the chain as a tree",
        description="Print the chain as an indented tree with levels, "
        "owners, weights and the latest data.",
    )
    show.add_argument("file", type=Path, help="a .yaml, .yml or .json chain file")
    show.add_argument("--period", help="show data up to this period, e.g. 2024 or 2024-T2")
    show.add_argument("--no-data", action="store_true", help="structure only")
    lang_option(show)

    progression = commands.add_parser(
        "progression",
        help="annual targets, and where each indicator stands",
        description="Without FILE: print the annual targets from --baseline to --target. "
        "With FILE: for every indicator with a target (or a direction only, judged by its "
        "trend), print the target of the latest actual's year as written, the actual, the "
        "gap, the category and the forecast, as chain.follow_up computes them.",
    )
    progression.add_argument("file", type=Path, nargs="?", help="a chain file")
    progression.add_argument("--baseline", help="YEAR=VALUE, e.g. 2022=78%%")
    progression.add_argument(
        "--target",
        help="YEAR=VALUE, e.g. 2026=90%%; a comparison is read as its number "
        "('2026=minst 90%%', '2026=>=90%%')",
    )
    progression.add_argument(
        "--method",
        help="linear (default), geometric, steps, rate, maintain or a registered method "
        "(steps by default when --steps is given)",
    )
    progression.add_argument(
        "--steps",
        nargs="+",
        metavar="STEP",
        help="the committee's own steps for --method steps: either the increment of each "
        "year after the baseline (--steps 3 3 2 4, in the unit of --baseline; '2 p.e.' for "
        "percentage points), or the value of each year before the target "
        "(--steps 2023=81 2024=83 2025=86)",
    )
    progression.add_argument(
        "--rate",
        help="the change per year for --method rate: 2, +2 or -1,5 (in the unit of "
        "--baseline, per year: 78, 80, 82 ... from 78); '2 %%' (relative growth, 2 %% of "
        "the year before, compounded); '2 procentenheter', '2 p.e.' or '2 pp' (percentage "
        "points); '+2 st', '500 kr' (a change in that unit)",
    )
    progression.add_argument("--decimals", type=int, help="round the years between")
    progression.add_argument("--year", type=int, help="assess as of this year (default: latest)")
    progression.add_argument(
        "--assessment",
        help="with FILE: how each indicator is judged: annual_target (the default where there "
        "is a target), cagr_ratio, trend (the default without a target) or a registered method",
    )
    lang_option(progression)

    rollup = commands.add_parser(
        "rollup",
        help="goal fulfilment for a period, goal by goal",
        description="Roll goal fulfilment up the chain for a period: each goal's status, "
        "score, coverage, strategy and where the value came from (computed, dialogue, "
        "fallback).",
    )
    rollup.add_argument("file", type=Path, help="a chain file")
    rollup.add_argument("--period", required=True, help="2024, 2024-T1, 2024-delår...")
    rollup.add_argument(
        "--strategy",
        help="weighted, worst_case, mean, threshold, dialogue... (default: the file's "
        "rollup.strategy, else weighted)",
    )
    rollup.add_argument(
        "--scorer",
        help="progress, target_met... (default: the file's rollup.scorer, else progress)",
    )
    rollup.add_argument(
        "--gender",
        choices=("T", "K", "M"),
        default="T",
        help="roll up the values for everyone (T, default), women (K) or men (M)",
    )
    rollup.add_argument("--format", choices=("table", "json"), default="table")
    rollup.add_argument(
        "--all", action="store_true", help="also list indicators and activities, not only goals"
    )
    lang_option(rollup)

    smart = commands.add_parser(
        "smart",
        help="SMART(A) checks of every goal, and structural checks",
        description="Judge every goal as specific, measurable, accepted, realistic, "
        "time-bound and with a responsible owner, and check the chain's structure. "
        "The checks advise: a fail is shown as a warning unless --strict. "
        "Exit 1 with --strict when a finding fails, else 0; 2 on a user error.",
    )
    smart.add_argument("file", type=Path, help="a .yaml, .yml or .json chain file")
    smart.add_argument("--format", choices=("table", "json", "md"), default="table")
    smart.add_argument("--strict", action="store_true", help="fails stay fails (exit 1)")
    smart.add_argument(
        "--all", action="store_true", help="also list passes and what does not apply"
    )
    lang_option(smart)

    report = commands.add_parser(
        "report",
        help="the follow-up report for a period, as HTML or Markdown",
        description="Write the follow-up report for a period: goal fulfilment as a tree of "
        "statuses, dialogue assessments, every indicator against its annual target with a "
        "chart, a SMART summary and the sources. HTML is one self-contained file.",
    )
    report.add_argument("file", type=Path, help="a chain file")
    report.add_argument("--period", required=True, help="2024, 2024-T2...")
    report.add_argument(
        "--format",
        choices=("html", "md"),
        help="html or md (default: by the suffix of -o, else html)",
    )
    report.add_argument(
        "-o",
        "--output",
        type=Path,
        help="write here; - prints it (default: print, except HTML to a terminal)",
    )
    report.add_argument(
        "--strategy",
        help="weighted, worst_case... (default: the file's rollup.strategy, else weighted)",
    )
    report.add_argument(
        "--scorer",
        help="progress, target_met... (default: the file's rollup.scorer, else progress)",
    )
    report.add_argument("--no-smart", action="store_true", help="leave out the SMART summary")
    lang_option(report)

    demo = commands.add_parser(
        "demo",
        help="run goalchain on the bundled example chain",
        description="Load, validate and show the example chain bundled in the package.",
    )
    lang_option(demo)
    _cli_kolada.add_parser(commands)
    _cli_import.add_parsers(commands)
    return parser


def _load(path: Path, lang: str = "sv") -> GoalChain:
    from .io import load

    if not path.exists():
        raise CommandError(_cli_import.NO_SUCH_FILE, params={"path": str(path)}, lang=lang)
    if path.is_dir():
        raise CommandError(_cli_import.IS_DIR, params={"path": str(path)}, lang=lang)
    return load(path)


def _json(data: object, out: TextIO) -> None:
    """*data* as indented JSON on *out*, with no raw control character (:func:`json_text`)."""
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data):
        out.write(json_text(chunk))
    out.write("\n")


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    lang = args.lang
    chain = _load(args.file, lang)  # a file that cannot be read: a user error, exit 2
    findings = chain.validate(lang=lang)
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity == "warning"]
    failed = bool(errors) or (args.strict and bool(warnings))
    if args.format == "json":
        _json(
            {
                "file": str(args.file),
                "valid": not failed,
                "findings": [f.to_dict(lang) for f in findings],
            },
            out,
        )
        return 1 if failed else 0
    by_element: dict[str, list[str]] = {}
    for finding in findings:
        by_element.setdefault(finding.element, []).append(
            one_line(
                f"{_severity(finding.severity, lang)}: {finding.message(lang)} [{finding.code}]"
            )
        )
    for element, messages in by_element.items():
        out.write(f"{one_line(element)}\n")
        for message in messages:
            out.write(f"  {message}\n")
    n_w = len(warnings)
    w = ngettext("{n} warning", "{n} warnings", n_w, lang).format(n=n_w)
    if errors:
        e = ngettext("{n} error", "{n} errors", len(errors), lang).format(n=len(errors))
        out.write(f"{args.file}: {e}, {w}\n")
    elif warnings:
        out.write(gettext("{file}: valid with {warnings}", lang).format(file=args.file, warnings=w))
        out.write("\n")
    else:
        valid = ngettext(
            "{file}: valid ({n} element)", "{file}: valid ({n} elements)", len(chain), lang
        )
        out.write(valid.format(file=args.file, n=len(chain)) + "\n")
    return 1 if failed else 0


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    from .report import render_tree

    chain = _load(args.file, args.lang)
    out.write(
        render_tree(chain, lang=args.lang, period=args.period, show_data=not args.no_data) + "\n"
    )
    return 0


def bundled_chain() -> GoalChain:
    """The example chain bundled in the package (Burlöv), as used by ``goalchain demo``."""
    from .io import loads

    text = resources.files("goalchain").joinpath("data/burlov.yaml").read_text(encoding="utf-8")
    return loads(text, format="yaml", source="goalchain/data/burlov.yaml")


def _cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from .report import render_tree

    lang = args.lang
    chain = bundled_chain()
    title = gettext(
        "goalchain {version} — example: {name}, the goal chain bundled in the package", lang
    )
    out.write(title.format(version=__version__, name=chain.name) + "\n\n")
    out.write(render_tree(chain, lang=lang) + "\n\n")
    findings = chain.validate(lang=lang)
    out.write(gettext("Check of the chain", lang) + ": ")
    if not findings:
        out.write(gettext("no errors or warnings", lang) + "\n")
    else:
        out.write("\n")
        for finding in findings:
            out.write(
                f"  {finding.element}: {_severity(finding.severity, lang)}: "
                f"{finding.message(lang)}\n"
            )
    year = max((m.period.year for m in chain.measurements()), default=None)
    if year is not None:
        rollup = gettext(
            "Goal fulfilment {year}: weighted roll-up, computed from the indicators' progress "
            "towards their annual targets and the activities' status. A recorded assessment (in "
            "the tree above) decides only for goals with the dialogue strategy.",
            lang,
        )
        out.write("\n" + rollup.format(year=year) + "\n")
        out.write(rollup_table(chain, chain.rollup(year), lang=lang) + "\n")
    out.write(
        "\n" + gettext("The indicators against their annual targets — latest actuals:", lang) + "\n"
    )
    out.write(progression_table(chain, lang=lang) + "\n\n")
    n_measurements = len(chain.measurements())
    n_indicators = len(chain.indicators())
    n_assessments = len(chain.assessments())
    data = gettext("{measurements} of {indicators}, {assessments}", lang).format(
        measurements=ngettext("{n} measurement", "{n} measurements", n_measurements, lang).format(
            n=n_measurements
        ),
        indicators=ngettext("{n} indicator", "{n} indicators", n_indicators, lang).format(
            n=n_indicators
        ),
        assessments=ngettext("{n} assessment", "{n} assessments", n_assessments, lang).format(
            n=n_assessments
        ),
    )
    out.write(data + "\n\n")
    out.write(
        gettext(
            "Try: goalchain show examples/burlov.yaml  ·  goalchain smart "
            "examples/lerum.yaml --lang en  ·  goalchain report examples/grastorp.yaml "
            "--period 2024 --lang en -o report.html",
            lang,
        )
        + "\n"
    )
    return 0


def _year_value(text: str | None, option: str, lang: str = "en") -> tuple[int, str]:
    if not text or "=" not in text:
        raise CommandError(
            N_("{option} must be YEAR=VALUE, for example {option} 2022=78%"),
            params={"option": option},
            lang=lang,
        )
    year, _, value = text.partition("=")
    if not year.strip().isdigit():
        raise CommandError(
            N_("{option}: {year!r} is not a year"),
            params={"option": option, "year": year},
            lang=lang,
        )
    return int(year), value.strip()


def _cmd_progression(args: argparse.Namespace, out: TextIO) -> int:
    from .models._target import number_text, parse_target
    from .progression import annual_targets
    from .report import format_number, text_table

    lang = args.lang
    if args.file is not None:
        return _progression_of_file(args, out)
    target_year, target_text = _year_value(args.target, "--target", lang)
    written = parse_target(target_year, target_text, None, field="--target")
    if written.is_change:
        raise CommandError(
            N_(
                "--target {target!r} is a change against the previous year: it has no "
                "number to draw annual targets towards; give the target value"
            ),
            params={"target": target_text},
            lang=lang,
        )
    method = args.method or ("steps" if args.steps else "linear")
    trajectory = annual_targets(
        baseline=_year_value(args.baseline, "--baseline", lang),
        target=(target_year, number_text(target_text)),
        method=method,
        steps=_steps(args.steps, method, lang),
        rate=args.rate,
        decimals=args.decimals,
    )
    unit = f" ({_unit(trajectory.unit, lang)})" if trajectory.unit else ""
    headers = [
        pgettext("column", "Year", lang),
        pgettext("column", "Target", lang) + unit,
        pgettext("column", "Change", lang),
    ]
    rows = [
        [
            str(row["year"]),
            format_number(row["value"], lang=lang, decimals=args.decimals),
            ""
            if row["change"] is None
            else ("+" if row["change"] >= 0 else "")
            + format_number(row["change"], lang=lang, decimals=args.decimals),
        ]
        for row in trajectory.as_table()
    ]
    out.write(text_table(headers, rows, align="lrr") + "\n")
    if trajectory.method == "rate":
        reached = trajectory.reaches
        if reached:
            note = gettext("reaches the target in {year}", lang).format(year=reached)
        else:
            note = gettext("never reaches the target", lang)
        out.write(note + "\n")
    for message in trajectory.warnings_in(lang):
        out.write(f"{_cli_import.warning_label(lang)}: {message}\n")
    return 0


def _steps(items: list[str] | None, method: str, lang: str) -> list[str] | dict[int, str] | None:
    """The ``--steps`` of the command line: increments (``3 3 2 4``) or the values of
    years (``2023=81 2024=83``), read further (numbers, units) by ``annual_targets``."""
    if method == "steps" and not items:
        raise CommandError(
            N_(
                "--method steps needs --steps: the increment of each year after the "
                "baseline (--steps 3 3 2 4) or the value of each year before the target "
                "(--steps 2023=81 2024=83 2025=86)"
            ),
            params={},
            lang=lang,
        )
    if not items:
        return None
    if method != "steps":
        raise CommandError(
            N_("--steps is for --method steps, not --method {method}"),
            params={"method": method},
            lang=lang,
        )
    if not any("=" in item for item in items):
        return list(items)
    values: dict[int, str] = {}
    for item in items:
        if "=" not in item:
            raise CommandError(
                N_(
                    "--steps {item!r}: give every step as YEAR=VALUE (2024=83) or none "
                    "of them (increments: 3 3 2 4)"
                ),
                params={"item": item},
                lang=lang,
            )
        year, value = _year_value(item, "--steps", lang)
        if year in values:
            raise CommandError(N_("--steps names {year} twice"), params={"year": year}, lang=lang)
        values[year] = value
    return values


def _unit(unit: str | None, lang: str) -> str:
    from .report import unit_symbol

    return unit_symbol(unit, lang=lang) if unit else ""


def _progression_of_file(args: argparse.Namespace, out: TextIO) -> int:
    table = progression_table(
        _load(args.file, args.lang), year=args.year, lang=args.lang, method=args.assessment
    )
    out.write(table + "\n")
    return 0


def progression_table(
    chain: GoalChain, *, year: int | None = None, lang: str = "sv", method: str | None = None
) -> str:
    """Every indicator with a target or a direction: the target of the actual's year, actual,
    gap, category (by *method*; by default ``annual_target``, ``trend`` without a target).

    Read from :meth:`GoalChain.follow_up`, as the report is: each row adds up
    as printed (the gap is the shown actual minus the shown target level) and
    the forecast is limited to what the unit makes possible (marked ``*``).
    """
    from .report import format_target, format_value, text_table
    from .report._format import target_text
    from .units import canonical_unit, display_decimals

    headers = [
        pgettext("column", "Indicator", lang),
        pgettext("column", "Year", lang),
        pgettext("column", "Target", lang),
        pgettext("column", "Actual", lang),
        pgettext("column", "Gap", lang),
        pgettext("column", "Category", lang),
        pgettext("column", "Forecast (target year)", lang),
    ]
    if year is None:
        years = [p.year for i in chain.indicators() for p in chain.series(i.id) if p.is_year]
        year = max(years) if years else None
    rows = []
    follow = chain.follow_up(year, method=method) if year is not None else None
    # an indicator with a target, or one judged by its trend
    indicators = [
        i
        for i in chain.indicators()
        if i.target is not None or (follow is not None and follow[i.id].category is not None)
    ]
    limited = False
    for indicator in indicators:
        unit = indicator.unit
        row = None if follow is None else follow[indicator.id]
        decimals = display_decimals(unit)

        def fmt(value: float | None, unit: str = unit, decimals: int | None = decimals) -> str:
            return "–" if value is None else format_value(value, unit, lang=lang, decimals=decimals)

        if row is None or row.actual is None:
            target = indicator.target
            shown = "–" if target is None else format_target(target, unit, lang=lang)
            rows.append([indicator.id, "–", shown, "–", "–", "–", "–"])
            continue
        # a difference of shares is in percentage points, not percent
        gap_unit = "percentage_point" if canonical_unit(unit) == "percent" else unit
        gap_value = row.gap_shown
        gap = (
            "–" if gap_value is None else ("+" if gap_value > 0 else "") + fmt(gap_value, gap_unit)
        )
        shown_target = target_text(row.target, fmt(row.expected_shown), unit, lang=lang)
        forecast = "–"
        if row.forecast is not None and row.forecast_year is not None:
            forecast = f"{fmt(row.forecast_shown)} ({row.forecast_year})"
            if row.forecast_limited:
                forecast += "*"
                limited = True
        rows.append(
            [
                indicator.id,
                str(row.actual_year),
                shown_target,
                fmt(row.actual_shown),
                gap,
                row.label(lang) or "–",
                forecast,
            ]
        )
    table = text_table(headers, rows, align="lrrrrlr")
    if limited:
        table += "\n" + gettext("* limited to what the unit makes possible", lang)
    return table


def rollup_table(
    chain: GoalChain, result: Any, *, lang: str = "sv", goals_only: bool = True
) -> str:
    """A roll-up as a table in tree order: status, score, coverage, strategy, source.

    Levels, statuses, strategies (scorers for indicators and activities) and
    sources are written in *lang*; ``--format json`` keeps the keys.
    """
    from .report import format_number, format_value, provenance_label, text_table
    from .report._format import rule_label

    headers = [
        pgettext("column", "Element", lang),
        pgettext("column", "Level", lang),
        pgettext("column", "Status", lang),
        pgettext("column", "Score", lang),
        pgettext("column", "Coverage", lang),
        pgettext("column", "Strategy", lang),
        pgettext("column", "Source", lang),
    ]
    rows: list[list[str]] = []
    seen: set[str] = set()

    def walk(node: str, depth: int) -> None:
        element = chain[node]
        if goals_only and element.kind != "goal":
            return
        item = result[node]
        again = node in seen
        seen.add(node)
        rows.append(
            [
                "  " * depth + node + (" ↑" if again else ""),
                chain.model.level(element.level).label(lang),
                result.scale_of(node).label(item.status, lang=lang),
                "–" if item.score is None else format_number(item.score, lang=lang, decimals=2),
                format_value(item.coverage * 100, "percent", lang=lang, decimals=0),
                rule_label(item.kind, item.strategy, lang=lang),
                provenance_label(item.provenance, item.computed, lang=lang),
            ]
        )
        if not again:
            for child in chain.children(node):
                walk(child, depth + 1)

    for root in chain.roots():
        walk(root, 0)
    return text_table(headers, rows, align="lllrrll")


def _cmd_rollup(args: argparse.Namespace, out: TextIO) -> int:
    from .report._followup import period_warning

    chain = _load(args.file, args.lang)
    result = chain.rollup(
        args.period, strategy=args.strategy, scorer=args.scorer, gender=args.gender
    )
    warning = period_warning(chain, result.period, lang=args.lang, gender=args.gender)
    if args.format == "json":
        nodes = {
            node_id: {
                "kind": item.kind,
                "score": item.score,
                "status": item.status,
                "coverage": item.coverage,
                "strategy": item.strategy,
                "provenance": item.provenance,
                "reason": item.reason_in(args.lang),
                "children": [{"id": c, "weight": w, "score": sc} for c, w, sc in item.children],
            }
            for node_id, item in result.items()
        }
        _json(
            {
                "file": str(args.file),
                "period": str(result.period),
                "gender": result.gender,
                "strategy": result.strategy,
                "scorer": result.scorer,
                **({"scorer_params": result.scorer_params} if result.scorer_params else {}),
                "warnings": [warning] if warning else [],
                "elements": nodes,
            },
            out,
        )
        return 0
    if warning:
        out.write(warning + "\n\n")
    out.write(rollup_table(chain, result, lang=args.lang, goals_only=not args.all) + "\n")
    return 0


def _cmd_smart(args: argparse.Namespace, out: TextIO) -> int:
    from .smart import check

    chain = _load(args.file, args.lang)
    report = check(chain, lang=args.lang, strict=args.strict)
    if args.format == "json":
        _json({"file": str(args.file), **report.to_dict()}, out)
    elif args.format == "md":
        out.write(report.to_markdown(include_passed=args.all))
    else:
        out.write(report.to_table(include_passed=args.all) + "\n")
    return 1 if args.strict and report.failed else 0


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from .io._files import atomic_write
    from .report import html, markdown

    to_stdout = args.output is None or str(args.output) == "-"
    report_format = _report_format(args.format, None if to_stdout else args.output)
    if args.output is None and report_format == "html" and out.isatty():
        raise CommandError(
            N_(
                "the HTML report is a file to open in a browser, not to read on the "
                "terminal: give -o report.html (or -o - to print it here anyway, or "
                "--format md for text)"
            ),
            params={},
            lang=args.lang,
        )
    chain = _load(args.file, args.lang)
    write = html if report_format == "html" else markdown
    text = write(
        chain,
        args.period,
        strategy=args.strategy,
        scorer=args.scorer,
        lang=args.lang,
        smart=not args.no_smart,
    )
    if to_stdout:
        out.write(text if text.endswith("\n") else text + "\n")
    else:
        atomic_write(args.output, text)
    return 0


_REPORT_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


def _report_format(given: str | None, output: Path | None) -> str:
    """The report's format: as given, else by the output's suffix, else HTML.

    A suffix of the other format, or of a format goalchain does not write
    (``.pdf``), is refused rather than a file written whose name misleads.
    """
    suffix = output.suffix.lower() if output is not None else ""
    by_suffix = _REPORT_SUFFIXES.get(suffix)
    if suffix and by_suffix is None:
        raise CommandError(
            N_(
                "cannot write a report as {suffix!r} ({output}); use .html or .md "
                "(for PDF, open the HTML report in a browser and print it to PDF)"
            ),
            params={"suffix": suffix, "output": str(output)},
        )
    if given is not None and by_suffix is not None and given != by_suffix:
        raise CommandError(
            N_("--format {given} does not fit the file name {output}; use .{given}"),
            params={"given": given, "output": str(output)},
        )
    return given or by_suffix or "html"


_COMMANDS = {
    "import": _cli_import.run_import,
    "template": _cli_import.run_template,
    "kolada": _cli_kolada.run,
    "report": _cmd_report,
    "rollup": _cmd_rollup,
    "validate": _cmd_validate,
    "show": _cmd_show,
    "progression": _cmd_progression,
    "smart": _cmd_smart,
    "demo": _cmd_demo,
}


class _Terminal(io.TextIOBase):
    """A text stream that shows control characters instead of passing them on.

    Wraps the output and error streams of :func:`main`: whatever a command
    writes (titles, owners, ids, messages that quote them) goes through
    :func:`~goalchain._safe_text.terminal_text`, keeping only the newlines.
    """

    def __init__(self, raw: TextIO):
        self._raw = raw

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._raw.write(terminal_text(text))
        return len(text)

    def flush(self) -> None:
        self._raw.flush()

    def isatty(self) -> bool:
        """Whether the wrapped stream is a terminal (a person reads it)."""
        isatty = getattr(self._raw, "isatty", None)
        return bool(isatty()) if callable(isatty) else False


_EXIT_USER = 2
"""The exit code of a user error: a missing or unreadable file, a bad option, bad data."""

_EXIT_INTERNAL = 70
"""The exit code of an internal error, a bug in goalchain (``EX_SOFTWARE`` of sysexits.h)."""

DEBUG_VARIABLE = "GOALCHAIN_DEBUG"
"""The environment variable that, set to anything but ``""`` or ``0``, prints the traceback
of an internal error (as the ``--debug`` option does)."""

_ISSUES_FALLBACK = "https://pypi.org/project/malkedja/"

_ERRNO = {
    errno.ENOENT: N_("no such file or directory"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("operation not permitted"),
    errno.EISDIR: N_("is a directory, not a file"),
    errno.ENOTDIR: N_("a part of the path is not a directory"),
    errno.ENOSPC: N_("no space left on the device"),
    errno.EROFS: N_("the file system is read-only"),
    errno.ENAMETOOLONG: N_("the file name is too long"),
    errno.ELOOP: N_("too many symbolic links"),
    errno.EEXIST: N_("the file exists already"),
}
"""The operating system's errors a user meets, worded for people (``strerror`` otherwise)."""


def _lang_of(argv: Sequence[str] | None, args: argparse.Namespace | None) -> str:
    """The language of the command's messages: its ``--lang``, even when parsing failed."""
    lang = getattr(args, "lang", None)
    if lang is None:
        words = list(sys.argv[1:] if argv is None else argv)
        for k, word in enumerate(words):
            if word == "--lang" and k + 1 < len(words):
                lang = words[k + 1]
            elif word.startswith("--lang="):
                lang = word.partition("=")[2]
    return lang if isinstance(lang, str) and lang in languages() else "sv"


def _user_file(args: argparse.Namespace | None, *, output: bool = False) -> str:
    """The file a command was given (its output with *output*), for a message that names it."""
    names = ("output", "file") if output else ("data", "file")
    for name in names:
        value = getattr(args, name, None)
        if value is not None:
            return str(value)
    return "-"


def _user_message(error: GoalchainError, lang: str) -> str:
    """A user error as one line, in *lang* (:meth:`GoalchainError.render`). A file's
    problem that the library words only in English says first, in *lang*, that the file
    is at fault (``fel i filen``)."""
    from .io._spreadsheet_errors import SpreadsheetError

    if (
        lang != "en"
        and isinstance(error, FileFormatError)
        and not isinstance(error, SpreadsheetError)  # words itself in the command's language
        and error.template is None
        and error.location()
    ):
        return gettext("{where}: error in the file: {reason}", lang).format(
            where=error.location(), reason=error._text()
        )
    return error.render(lang)


def _os_message(error: OSError, lang: str) -> str:
    """An operating-system error as one line: the file, then what is wrong, in *lang*."""
    words = _ERRNO.get(error.errno or 0)
    reason = gettext(words, lang) if words else error.strerror or str(error)
    if error.filename is None:
        return str(reason)
    name = os.fsdecode(error.filename)
    if error.filename2 is not None:
        name += " -> " + os.fsdecode(error.filename2)
    return f"{name}: {reason}"


def _unicode_message(error: UnicodeError, args: argparse.Namespace | None, lang: str) -> str:
    if isinstance(error, UnicodeEncodeError):
        bad = error.object[error.start : error.end]
        reason = ", ".join(f"U+{ord(c):04X}" for c in bad[:3])
        return gettext("{file}: text that cannot be written as UTF-8 ({reason})", lang).format(
            file=_user_file(args, output=True), reason=reason
        )
    if isinstance(error, UnicodeDecodeError):
        bad_bytes = bytes(error.object[error.start : error.end][:3])
        reason = f"byte {bad_bytes.hex(' ')}, position {error.start}"
    else:
        reason = one_line(str(error))
    return gettext("{file}: is not UTF-8 text ({reason}); save it as UTF-8", lang).format(
        file=_user_file(args), reason=reason
    )


def report_url() -> str:
    """Where to report a bug in goalchain: the package's issue tracker, else its home page.

    Read from the installed distribution's ``Project-URL`` entries
    (``[project.urls]`` in ``pyproject.toml``): the one named like an issue or
    bug tracker first, then any; the package's page on PyPI when none is given.

    Examples
    --------
    >>> from goalchain.cli import report_url
    >>> report_url().startswith("https://")
    True
    """
    from importlib import metadata

    try:
        entries = metadata.metadata("malkedja").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        entries = []
    urls = [entry.partition(",") for entry in entries]
    ranked = sorted(
        urls, key=lambda u: not any(w in u[0].lower() for w in ("issue", "bug", "tracker"))
    )
    for _, _, url in ranked:
        if str(url).strip().startswith("https://"):
            return str(url).strip()
    return _ISSUES_FALLBACK


def _debugging(argv: Sequence[str] | None, args: argparse.Namespace | None) -> bool:
    if getattr(args, "debug", False):
        return True
    if args is None and "--debug" in (sys.argv[1:] if argv is None else argv):
        return True
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def _internal(
    error: BaseException,
    err: TextIO,
    argv: Sequence[str] | None,
    args: argparse.Namespace | None,
    lang: str,
) -> int:
    """Report an internal error: the traceback when debugging, then one line; exit 70."""
    if _debugging(argv, args):
        traceback.print_exception(error, file=err)
    text = one_line(str(error))
    text = text if len(text) <= 200 else text[:199] + "…"
    what = f"{type(error).__name__}: {text}" if text else type(error).__name__
    url = report_url()
    text = gettext(
        "internal error ({error}); this is a bug in goalchain {version}, not in your input. "
        "Please report it at {url} with the command and, if you can, the file; run again "
        "with --debug (or {variable}=1) to see where it happened",
        lang,
    )
    err.write(
        "goalchain: "
        + text.format(error=what, version=__version__, url=url, variable=DEBUG_VARIABLE)
        + "\n"
    )
    return _EXIT_INTERNAL


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code.

    0 on success; 1 when ``validate`` or ``smart --strict`` finds errors;
    2 on a user error (one line on *err* naming the file and what is wrong, in
    the command's ``--lang``); 70 on an internal error (one line saying so and
    where to report it; the traceback with ``--debug`` or ``GOALCHAIN_DEBUG=1``);
    130 when interrupted; 141 when the reader of the output went away.
    Control characters in what is written are shown, not acted on.

    Examples
    --------
    >>> from goalchain.cli import main
    >>> main(["--version"])
    goalchain ...
    0
    """
    out = cast(TextIO, _Terminal(out or sys.stdout))
    err = cast(TextIO, _Terminal(err or sys.stderr))
    args: argparse.Namespace | None = None
    try:
        parser = _build_parser()
        try:
            with contextlib.redirect_stdout(out):
                args = parser.parse_args(argv)
        except SystemExit as exit_:  # --help and --version
            return int(exit_.code or 0)
        if args.command is None:
            parser.print_help(out)
            return _EXIT_USER
        if args.command == "import":  # its warnings quote the spreadsheet's cells
            code = _cli_import.run_import(args, out, err)
        else:
            code = int(_COMMANDS[args.command](args, out))
        out.flush()  # a closed pipe is found here, not when Python exits
        return code
    except GoalchainError as error:
        err.write(f"goalchain: {_user_message(error, _lang_of(argv, args))}\n")
        return _EXIT_USER
    except BrokenPipeError:  # the reader went away (`goalchain show ... | head`): not an error
        return _BROKEN_PIPE
    except OSError as error:
        err.write(f"goalchain: {_os_message(error, _lang_of(argv, args))}\n")
        return _EXIT_USER
    except UnicodeError as error:
        err.write(f"goalchain: {_unicode_message(error, args, _lang_of(argv, args))}\n")
        return _EXIT_USER
    except KeyboardInterrupt:
        err.write("goalchain: " + gettext("interrupted", _lang_of(argv, args)) + "\n")
        return 130
    except Exception as error:  # a bug: say so, and where to report it
        return _internal(error, err, argv, args, _lang_of(argv, args))


_BROKEN_PIPE = 141
"""The exit code of a command whose output pipe closed early (128 + SIGPIPE, as the shell's)."""


def run() -> None:
    """Entry point of the console script."""
    code = main()
    if code == _BROKEN_PIPE:
        # Python flushes stdout again at exit, which would report the closed pipe:
        # point stdout at /dev/null first (as the Python documentation advises).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
