"""Plots with matplotlib: an indicator's trajectory and a status overview per council goal.

matplotlib is an optional dependency (the ``plot`` extra), imported when a plot
is drawn, never when goalchain is imported. The figures are built as
:class:`matplotlib.figure.Figure` objects directly, without pyplot, so they
draw headless and in threads and leave pyplot's current figure alone; no
global setting (``rcParams``, the locale) is changed. Numbers on the axes are
written the Swedish way (decimal comma) by :func:`~goalchain.report.format_number`.
"""

from __future__ import annotations

import io
import os
import textwrap
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._i18n import N_, check_lang, gettext, pgettext
from ..exceptions import (
    FileFormatError,
    InvalidValueError,
    Message,
    ProgressionError,
    UnknownElementError,
)
from ..io._files import atomic_write
from ._format import format_number, format_value, period_label, unit_symbol
from ._graph import text_colour

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..models import GoalChain, Indicator
    from ..rollup import RollupResult

__all__ = ["plot_status_overview", "plot_trajectory", "save_figure"]

_SCOPES = ("children", "descendants")
_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
# rc_context changes matplotlib's global settings while a figure is saved: one save at a time
_SAVE_LOCK = threading.Lock()

# colours of the trajectory's lines: dark enough on white for WCAG 2.1 AA (>= 4.5:1)
_TARGET_COLOUR = "#1f4e79"
_ACTUAL_COLOUR = "#b33c00"
_FORECAST_COLOUR = "#6a3d9a"
_GOAL_COLOUR = "#1b5e20"
_GRID_COLOUR = "#d9d9d9"


def _literal(text: str) -> str:
    """A text from the chain as matplotlib shows it: as written, never as mathtext.

    matplotlib reads text between two ``$`` as a formula (``"$\\frac$"`` fails
    when the figure is drawn); an escaped ``\\$`` is a dollar sign.
    """
    return text.replace("$", "\\$")


def _require_matplotlib() -> None:
    """Import matplotlib or raise :class:`MissingDependencyError` naming the ``plot`` extra."""
    from .._optional import require

    require("matplotlib", extra="plot", purpose="plots")


def _root_figure(ax: Axes) -> Figure:
    from matplotlib.figure import Figure, SubFigure

    figure = ax.figure
    while isinstance(figure, SubFigure):
        figure = figure.figure
    if not isinstance(figure, Figure):  # pragma: no cover - an axes always has a figure
        raise InvalidValueError(N_("the axes belong to no figure"), field="ax", params={})
    return figure


def _axis_label(unit: str, lang: str) -> str:
    from ..units import canonical_unit

    canonical = canonical_unit(unit)
    if canonical == "percent":
        word = pgettext("chart", "Share", lang)
    elif canonical == "count":
        word = pgettext("chart", "Number", lang)
    else:
        word = pgettext("chart", "Value", lang)
    symbol = unit_symbol(unit, lang=lang)
    return f"{word} ({symbol})" if symbol else word


_NO_TRAJECTORY = {
    ("baseline", "target"): N_(
        "a trajectory plot needs a baseline and a target; the indicator has no baseline and no "
        "target"
    ),
    ("baseline",): N_(
        "a trajectory plot needs a baseline and a target; the indicator has no baseline"
    ),
    ("target",): N_("a trajectory plot needs a baseline and a target; the indicator has no target"),
}


def _indicator(chain: GoalChain, indicator_id: str) -> Indicator:
    from ..models import Indicator

    element = chain[indicator_id]  # UnknownElementError listing the known ids
    if not isinstance(element, Indicator):
        raise InvalidValueError(
            N_("a trajectory is drawn for an indicator, and {element!r} is a {kind}"),
            element=indicator_id,
            params={"element": indicator_id, "kind": Message(element.kind)},
        )
    if element.baseline is None or element.target is None:
        missing = [name for name in ("baseline", "target") if getattr(element, name) is None]
        raise ProgressionError(
            _NO_TRAJECTORY[tuple(missing)], element=indicator_id, field=missing[0], params={}
        )
    return element


def plot_trajectory(
    chain: GoalChain,
    indicator_id: str,
    *,
    year: int | None = None,
    lang: str = "sv",
    ax: Axes | None = None,
) -> Figure:
    """Draw an indicator's annual targets, actuals, forecast and target.

    The chart shows the annual targets from the baseline to the target year
    (dashed, with markers), the actuals (solid, with dots), the forecast from
    the latest actual to the target year (dotted; the least-squares forecast of
    :meth:`GoalChain.follow_up`, limited to what the unit makes possible), the
    baseline and the target (a star
    at the target year, annotated with its value). The title is the
    indicator's title; the legend's title is the on-track assessment.

    Parameters
    ----------
    chain
        The goal chain.
    indicator_id
        The id of an indicator with a baseline and a target.
    year
        Draw the follow-up as of this year: later actuals are left out and the
        forecast uses the actuals up to it. By default the latest actual's year.
    lang
        ``"sv"`` (default: Swedish labels, decimal comma), ``"en"`` or another
        language goalchain has a catalog for.
    ax
        Draw into these axes; by default into a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure *ax* belongs to. Save it with
        :func:`save_figure`.

    Raises
    ------
    UnknownElementError
        For an id that is not in the chain (the message lists the known ids).
    InvalidValueError
        For an id of a goal or activity, or an unknown *lang*.
    ProgressionError
        For an indicator without a baseline or a target, or whose annual
        targets cannot be derived.
    MissingDependencyError
        When matplotlib is not installed (``pip install "malkedja[plot]"``).

    See Also
    --------
    goalchain.report.trajectory_svg : the dependency-free chart of the HTML report.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.report import plot_trajectory
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_indicator("i1", "Andel behöriga", unit="percent",
    ...                         baseline=(2022, 78.0), target=(2026, 90.0))
    >>> _ = chain.record("i1", 2023, 80.5)
    >>> fig = plot_trajectory(chain, "i1")
    >>> ax = fig.axes[0]
    >>> ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()
    ('Andel behöriga', 'År', 'Andel (%)')
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['Årsmål', 'Utfall', 'Prognos', 'Målvärde', 'Utgångsvärde']
    """
    from ..models import Period
    from ..rollup._followup import follow_up_row

    lang = check_lang(lang)
    indicator = _indicator(chain, indicator_id)
    _require_matplotlib()
    from matplotlib import ticker
    from matplotlib.figure import Figure

    trajectory = indicator.trajectory()
    targets = trajectory.magnitudes
    base, goal = trajectory.baseline, trajectory.target
    actuals = {
        period.year: value
        for period, value in chain.series(indicator.id).items()
        if period.is_year and (year is None or period.year <= year)
    }
    # the follow-up's answer, as every other output shows it (targets as written, the
    # forecast limited to what the unit makes possible)
    as_of = year if year is not None else (max(actuals) if actuals else None)
    row = None if as_of is None else follow_up_row(chain, indicator, Period.parse(as_of))
    assessment = None if row is None else row.assessment

    if ax is None:
        figure = Figure(figsize=(7.0, 4.2), layout="constrained")
        ax = figure.add_subplot()
    else:
        figure = _root_figure(ax)

    years = sorted(targets)
    ax.plot(
        years,
        [targets[y] for y in years],
        linestyle="--",
        marker="o",
        markersize=5,
        markerfacecolor="white",
        color=_TARGET_COLOUR,
        linewidth=1.8,
        label=pgettext("chart", "Annual target", lang),
        zorder=2,
    )
    if actuals:
        shown = sorted(actuals)
        ax.plot(
            shown,
            [actuals[y] for y in shown],
            linestyle="-",
            marker="o",
            markersize=6,
            color=_ACTUAL_COLOUR,
            linewidth=2.2,
            label=pgettext("chart", "Actual", lang),
            zorder=4,
        )
    forecast = None if row is None else row.forecast
    start = None if assessment is None else assessment.year
    last = None if assessment is None else assessment.actual
    if forecast is not None and start is not None and last is not None and start < goal.year:
        ax.plot(
            [start, goal.year],
            [last, forecast],
            linestyle=":",
            marker="D",
            markevery=[1],
            markersize=5,
            color=_FORECAST_COLOUR,
            linewidth=2.0,
            label=pgettext("chart", "Forecast", lang),
            zorder=3,
        )
    else:
        forecast = None
    ax.plot(
        [goal.year],
        [goal.value],
        linestyle="none",
        marker="*",
        markersize=15,
        color=_GOAL_COLOUR,
        label=pgettext("chart", "Target", lang),
        zorder=5,
    )
    ax.plot(
        [base.year],
        [base.value],
        linestyle="none",
        marker="s",
        markersize=7,
        color=_TARGET_COLOUR,
        label=pgettext("chart", "Baseline", lang),
        zorder=5,
    )
    # the target's value above its star (below when the forecast lies higher), the
    # forecast's to the right of its diamond: the two annotations never overlap
    target_above = forecast is None or goal.value >= forecast
    ax.annotate(
        format_value(goal.value, indicator.unit, lang=lang),
        (goal.year, goal.value),
        xytext=(0, 11 if target_above else -11),
        textcoords="offset points",
        ha="center",
        va="bottom" if target_above else "top",
        color=_GOAL_COLOUR,
        fontweight="bold",
        fontsize=9,
    )
    if forecast is not None:
        ax.annotate(
            format_value(forecast, indicator.unit, lang=lang),
            (goal.year, forecast),
            xytext=(9, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            color=_FORECAST_COLOUR,
            fontsize=9,
        )
    ax.axvline(goal.year, color=_GRID_COLOUR, linewidth=1, zorder=0)

    first = min([base.year, *actuals])
    ax.set_xlim(first - 0.5, goal.year + (0.9 if forecast is not None else 0.5))
    ax.margins(y=0.15)
    ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda value, _pos: f"{round(value):d}"))
    ax.yaxis.set_major_formatter(
        ticker.FuncFormatter(lambda value, _pos: format_number(_clean(value), lang=lang))
    )
    ax.grid(axis="y", color=_GRID_COLOUR, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel(pgettext("chart", "Year", lang))
    ax.set_ylabel(_axis_label(indicator.unit, lang))
    ax.set_title(_literal(textwrap.fill(indicator.title, 60)), loc="left", fontsize=11)
    legend_title = None
    if (
        assessment is not None
        and assessment.category != "not_assessable"
        and assessment.year is not None
    ):
        legend_title = gettext("Assessment {year}: {label}", lang).format(
            year=assessment.year, label=assessment.label(lang)
        )
    ax.legend(title=legend_title, fontsize=8, title_fontsize=8, loc="best", framealpha=0.9)
    return figure


def _clean(value: float) -> float:
    """A tick value without float noise (0.30000000000000004 -> 0.3)."""
    return float(f"{value:.10g}")


def _council_goals(chain: GoalChain) -> list[Any]:
    goals = [goal for level in chain.council_levels() for goal in chain.goals(level=level)]
    if not goals:
        levels: str | Message = ", ".join(chain.council_levels()) or Message(
            N_("(none in the governance model)")
        )
        raise InvalidValueError(
            N_("the chain has no goal at the council levels {levels}: there is nothing to show"),
            field="level",
            params={"levels": levels},
        )
    order = {element_id: k for k, element_id in enumerate(chain)}
    return sorted(goals, key=lambda goal: order[goal.id])


def plot_status_overview(
    chain: GoalChain,
    result: RollupResult,
    *,
    lang: str = "sv",
    scope: str = "children",
    ax: Axes | None = None,
) -> Figure:
    """Draw one bar per council goal: how its parts are distributed over the statuses.

    Each council-level goal (the levels just below the governance model's
    top levels: :meth:`GoalChain.council_levels`) gets a horizontal bar split
    into the share of its parts that is achieved, partly achieved, not
    achieved and not assessed, in the roll-up scale's colours. Each segment
    carries its count in black or white, whichever contrasts more with the
    colour, and the goal's own status is written as a label at the end of its
    bar: the plot never relies on colour alone. A legend names the statuses.

    By default the parts are the goal's **direct children** (goals,
    indicators and activities alike): exactly what the roll-up combined into
    the goal's status, so the bar explains the label beside it. With
    ``scope="descendants"`` every element below the goal is counted, each
    once, however many paths lead to it.

    Parameters
    ----------
    chain
        The goal chain.
    result
        A roll-up of *chain* (``chain.rollup(2024)``); its scale gives the
        labels and colours.
    lang
        ``"sv"`` (default), ``"en"`` or another language goalchain has a catalog for.
    scope
        ``"children"`` (default) or ``"descendants"``.
    ax
        Draw into these axes; by default into a new figure sized to the goals.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure *ax* belongs to.

    Raises
    ------
    InvalidValueError
        For an unknown *lang* or *scope*, or a chain without council goals.
    UnknownElementError
        When *result* lacks an element of *chain* (a roll-up of another chain).
    MissingDependencyError
        When matplotlib is not installed.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.report import plot_status_overview
    >>> chain = gc.io.load_demo()
    >>> fig = plot_status_overview(chain, chain.rollup(2024))
    >>> ax = fig.axes[0]
    >>> ax.get_title(loc="left")
    'Måluppfyllelse 2024'
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['uppfyllt', 'delvis uppfyllt', 'ej uppfyllt', 'ej bedömt']
    """
    from ..rollup._scale import STATUSES

    lang = check_lang(lang)
    if scope not in _SCOPES:
        raise InvalidValueError(
            N_("{scope!r} is not valid; choose one of: {valid}"),
            field="scope",
            params={"scope": scope, "valid": ", ".join(_SCOPES)},
        )
    goals = _council_goals(chain)
    rows: list[tuple[str, str, dict[str, int]]] = []
    for goal in goals:
        parts = chain.children(goal.id) if scope == "children" else chain.descendants(goal.id)
        counts = dict.fromkeys(STATUSES, 0)
        for part in (goal.id, *parts):
            if part not in result:
                raise UnknownElementError(
                    part,
                    context=Message(
                        N_("not in the roll-up result: was it made for another chain?")
                    ),
                )
        for part in parts:
            counts[result[part].status] += 1
        rows.append((_literal(textwrap.fill(goal.title, 34)), result[goal.id].status, counts))

    _require_matplotlib()
    from matplotlib import ticker, transforms
    from matplotlib.figure import Figure

    if ax is None:
        lines = sum(max(title.count("\n") + 1, 2) for title, _, _ in rows)
        figure = Figure(figsize=(9.0, 1.9 + 0.26 * lines), layout="constrained")
        ax = figure.add_subplot()
    else:
        figure = _root_figure(ax)

    scale = result.scale
    positions = list(range(len(rows)))
    for status in STATUSES:
        colour = scale.colour(status)
        lefts, widths, numbers = [], [], []
        for _title, _, counts in rows:
            total = sum(counts.values())
            done = sum(counts[s] for s in STATUSES[: STATUSES.index(status)])
            lefts.append(100 * done / total if total else 0.0)
            widths.append(100 * counts[status] / total if total else 0.0)
            numbers.append(counts[status])
        bars = ax.barh(
            positions,
            widths,
            left=lefts,
            height=0.62,
            color=colour,
            edgecolor="white",
            linewidth=1,
            label=_literal(scale.label(status, lang=lang)),
        )
        ax.bar_label(
            bars,
            labels=[str(n) if n else "" for n in numbers],
            label_type="center",
            color=text_colour(colour),
            fontsize=9,
            fontweight="bold",
        )
    for position, (_, status, counts) in zip(positions, rows, strict=True):
        colour = scale.colour(status)
        ax.text(
            102,
            position,
            scale.label(status, lang=lang),
            va="center",
            ha="left",
            fontsize=9,
            color=text_colour(colour),
            bbox={"boxstyle": "round,pad=0.3", "facecolor": colour, "edgecolor": "none"},
            clip_on=False,
        )
        if not sum(counts.values()):
            nothing = gettext("nothing below", lang)
            ax.text(1, position, nothing, va="center", fontsize=8, color="#555555")
    ax.set_yticks(positions, [title for title, _, _ in rows], fontsize=9)
    ax.set_ylim(len(rows) - 0.5, -0.5)  # the first goal at the top
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_locator(ticker.MultipleLocator(25))
    ax.xaxis.set_major_formatter(
        ticker.FuncFormatter(lambda value, _pos: format_number(_clean(value), lang=lang))
    )
    if scope == "children":
        ax.set_xlabel(gettext("Share of the elements directly below (%)", lang))
    else:
        ax.set_xlabel(gettext("Share of all elements below (%)", lang))
    ax.tick_params(axis="y", length=0)
    ax.spines[["top", "right", "left"]].set_visible(False)
    period = period_label(result.period, lang=lang)
    title = gettext("Goal fulfilment {period}", lang).format(period=period)
    ax.set_title(title, loc="left", fontsize=11)
    levels = [_literal(chain.model.level(level).label(lang)) for level in chain.council_levels()]
    ax.set_ylabel(" / ".join(dict.fromkeys(levels)))
    # the legend below the axis label, at a distance in points whatever the figure's height
    below = transforms.offset_copy(ax.transAxes, fig=figure, y=-36, units="points")
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=below,
        ncols=len(STATUSES),
        fontsize=9,
        frameon=False,
    )
    return figure


def save_figure(figure: Figure, path: str | os.PathLike[str], *, dpi: float = 150) -> Path:
    """Save *figure* as PNG, SVG or PDF, chosen by the file's suffix, atomically.

    The image is rendered in memory, written to a temporary file in the same
    folder and moved over *path*, so a failed save never leaves half a file
    (an existing file is replaced whole or kept as it was). In SVG the text
    stays text (searchable, selectable, read by screen readers): matplotlib's
    ``svg.fonttype`` is set to ``none`` for this save only (``rcParams`` are
    as before afterwards), and the file carries no date and no random ids, so
    the same plot drawn and saved again gives the same bytes. A PDF (for print
    and for attaching to a committee's papers) embeds its fonts as TrueType, so
    its text can be searched and copied, and carries no creation date either.
    An SVG or PDF is named after the figure's title (the indicator's name):
    an SVG in its ``<title>``, for screen readers, a PDF in its metadata.

    Saves through this function are serialised by a lock, because
    :func:`matplotlib.rc_context` changes the process-wide settings for its
    duration: two threads saving at once would otherwise undo each other's.

    Parameters
    ----------
    figure
        A matplotlib figure (from :func:`plot_trajectory` or
        :func:`plot_status_overview`, or any other).
    path
        Where to write; ``.png``, ``.svg`` or ``.pdf`` (any case).
    dpi
        Resolution of a PNG (dots per inch).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    FileFormatError
        For a suffix other than ``.png``, ``.svg`` or ``.pdf``.
    InvalidValueError
        For a *dpi* that is not a positive number.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import goalchain as gc
    >>> from goalchain.report import plot_trajectory, save_figure
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_indicator("i1", "Andel behöriga", unit="percent",
    ...                         baseline=(2022, 78.0), target=(2026, 90.0))
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> svg = save_figure(plot_trajectory(chain, "i1"), folder / "i1.svg")
    >>> "Årsmål" in svg.read_text(encoding="utf-8")
    True
    """
    target = Path(os.fspath(path))
    fmt = _FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise FileFormatError(
            N_("cannot save a figure as {suffix!r}; use one of: {valid}")
            if target.suffix
            else N_("cannot save a figure as 'a file without a suffix'; use one of: {valid}"),
            file=str(target),
            params={"suffix": target.suffix, "valid": ", ".join(_FORMATS)},
        )
    if isinstance(dpi, bool) or not isinstance(dpi, (int, float)) or not 0 < dpi <= 2400:
        raise InvalidValueError(
            N_("expected a resolution in (0, 2400] dots per inch, got {dpi!r}"),
            params={"dpi": dpi},
        )
    from .._optional import require

    matplotlib = require("matplotlib", extra="plot", purpose="plots")
    buffer = io.BytesIO()
    settings = {"svg.fonttype": "none", "svg.hashsalt": "goalchain", "pdf.fonttype": 42}
    name = _figure_name(figure)
    metadata: dict[str, str | None] | None = None
    if fmt in ("svg", "pdf"):
        metadata = {"Date": None} if fmt == "svg" else {"CreationDate": None}
    if metadata is not None and name:
        metadata["Title"] = name
    with _SAVE_LOCK, matplotlib.rc_context(settings):
        figure.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    data = buffer.getvalue()
    if fmt == "svg" and name:
        data = _with_svg_title(data, name)
    atomic_write(target, data)
    return target


def _figure_name(figure: Figure) -> str | None:
    """The title of the figure's first titled axes, on one line, as written in the chain."""
    for ax in figure.get_axes():
        for loc in ("left", "center", "right"):
            title = " ".join(ax.get_title(loc=loc).split())
            if title:
                return title.replace("\\$", "$")
    return None


def _with_svg_title(svg: bytes, name: str) -> bytes:
    r"""*svg* with ``<title>`` *name* as the first child of its root, for screen readers.

    Examples
    --------
    >>> _with_svg_title(b'<?xml version="1.0"?>\n<svg a="1">\n<g/></svg>', "A & B")
    b'<?xml version="1.0"?>\n<svg a="1"><title>A &amp; B</title>\n<g/></svg>'
    """
    from html import escape

    start = svg.index(b"<svg ")
    end = svg.index(b">", start) + 1
    title = f"<title>{escape(name, quote=False)}</title>".encode()
    return svg[:end] + title + svg[end:]
