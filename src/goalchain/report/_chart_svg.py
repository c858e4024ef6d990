"""The trajectory chart: an inline SVG of annual targets, actuals, forecast and target.

Dependency-free (no matplotlib): the follow-up report and notebooks
(``Trajectory._repr_html_``) show it. Everything a user wrote is escaped.

The value axis has gridlines at round values (steps of 1, 2 or 5 times a
power of ten over the data, the target and the forecast), each labelled as the
report writes numbers (``80 %``, ``1 234``); every mark sits exactly on the
value it means, and the target carries its value and year. Each chart names
itself (``<title>``: the indicator and its unit) and says in words what it
shows (``aria-label`` and ``<desc>``: baseline, latest actual, target). Several
charts are laid out as small multiples by :data:`CHART_CSS`: a
``<div class="gc-charts">`` of ``<figure class="gc-chart">``.
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from .._i18n import N_, check_lang, gettext, pgettext
from .._safe_text import html_text as escape
from ..exceptions import InvalidValueError
from ..units import canonical_unit, display_decimals
from ._format import format_number, format_value, unit_symbol

__all__ = ["CHART_CSS", "trajectory_html", "trajectory_svg"]

CHART_CSS = """
.gc-charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,18em),1fr));
  gap:1.2em 1.5em;margin:1em 0}
.gc-chart{margin:0;min-width:0;display:flex;flex-direction:column;break-inside:avoid;
  page-break-inside:avoid}
.gc-chart figcaption{margin-bottom:.3em;break-after:avoid;page-break-after:avoid}
.gc-chart svg{display:block;width:100%;height:auto;max-width:min(100%,30rem);margin-top:auto}
@media print{.gc-charts{grid-template-columns:repeat(2,minmax(0,1fr))}}
""".strip()
"""The layout of charts as small multiples, for a page's ``<style>``.

A ``<div class="gc-charts">`` holds ``<figure class="gc-chart">`` elements
(a caption and a :func:`trajectory_svg`): as many per row as fit at about 18em
each (three on a wide screen, one on a phone), two per row on paper, the charts
of a row level with each other however long their captions, none wider than
30rem (a lone chart on a tablet is not blown up), and a figure is never split
between two pages nor its caption left at a page's end.
"""

_FONT = 11  # px, the charts' text
_CHAR = 6.4  # px, a generous average width of a character at that size
_TARGET_COLOUR = "#1f4e79"
_ACTUAL_COLOUR = "#b33c00"
_FORECAST_COLOUR = "#5b2a86"
_TARGET_STYLE = f'fill="none" stroke="{_TARGET_COLOUR}" stroke-width="2" stroke-dasharray="6 4"'
_ACTUAL_STYLE = f'fill="none" stroke="{_ACTUAL_COLOUR}" stroke-width="2"'
_FORECAST_STYLE = f'fill="none" stroke="{_FORECAST_COLOUR}" stroke-width="2" stroke-dasharray="2 3"'


def _num(value: float | None, lang: str, decimals: int | None = None) -> str:
    return "–" if value is None else format_number(value, lang=lang, decimals=decimals)


def _nice_step(span: float, count: int) -> float:
    """The smallest step of 1, 2 or 5 times a power of ten that cuts *span* in at most *count*."""
    raw = span / count
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw * (1 - 1e-9):
            return factor * power
    return 10 * power  # pragma: no cover - the loop ends at 10


def _nice_ticks(low: float, high: float, *, count: int = 4) -> tuple[list[float], int]:
    """Round values from at most *low* to at least *high*, and the decimals they need.

    The step is 1, 2 or 5 times a power of ten, chosen so that *low* to *high*
    takes at most *count* steps; the first tick is the largest multiple of the
    step not above *low*, the last the smallest not below *high* (so at most
    ``count + 2`` intervals). Equal ends (or as good as equal) are widened by a
    tenth of their value each way.

    Examples
    --------
    >>> from goalchain.report._chart_svg import _nice_ticks
    >>> _nice_ticks(78.0, 90.0)
    ([75.0, 80.0, 85.0, 90.0], 0)
    >>> _nice_ticks(5701, 5950)
    ([5700.0, 5800.0, 5900.0, 6000.0], 0)
    >>> _nice_ticks(6.1, 7.9)
    ([6.0, 6.5, 7.0, 7.5, 8.0], 1)
    >>> _nice_ticks(5.0, 5.0)
    ([4.5, 5.0, 5.5], 1)
    """
    # trajectory_svg refuses values that are not finite numbers
    assert math.isfinite(low) and math.isfinite(high) and low <= high, (low, high)
    if high - low <= 1e-9 * max(abs(low), abs(high), 1.0):  # one value, or as good as one
        middle = (low + high) / 2
        half = max(abs(middle) * 0.1 if abs(middle) > 1e-9 else 1.0, high - low)
        low, high = middle - half, middle + half
    step = _nice_step(high - low, count)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    ticks = [round(k * step, decimals) for k in range(first, last + 1)]
    return ticks, decimals


def _axis_text(value: float, unit: str, lang: str, decimals: int) -> str:
    """A tick's label: a percentage with its sign (``80 %``), anything else the number alone."""
    if unit and canonical_unit(unit) == "percent":
        return format_value(value, unit, lang=lang, decimals=decimals)
    return format_number(value, lang=lang, decimals=decimals)


def _legend_rows(
    entries: Sequence[tuple[str, str]], width: float
) -> list[list[tuple[str, str, float]]]:
    """The legend's (key, label) entries in rows that fit *width*, each with its x."""
    rows: list[list[tuple[str, str, float]]] = [[]]
    at = 4.0
    for key, label in entries:
        size = 22 + _CHAR * len(label)
        if rows[-1] and at + size > width - 4:
            rows.append([])
            at = 4.0
        rows[-1].append((key, label, at))
        at += size + 14
    return rows


def _crowding(box: tuple[float, float, float, float], points: Iterable[tuple[float, float]]) -> int:
    """How many of *points* lie in *box* (left, top, right, bottom) or 3 px around it."""
    x0, y0, x1, y1 = box
    return sum(1 for px, py in points if x0 - 3 <= px <= x1 + 3 and y0 - 3 <= py <= y1 + 3)


def _traced(line: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Points every 3 px along a polyline, for keeping a label off it."""
    traced = list(line[:1])
    for (xa, ya), (xb, yb) in itertools.pairwise(line):
        steps = max(1, int(math.hypot(xb - xa, yb - ya) / 3))
        traced += [
            (xa + (xb - xa) * k / steps, ya + (yb - ya) * k / steps) for k in range(1, steps + 1)
        ]
    return traced


def _distinct_titles(charts: Sequence[tuple[str, str, str | None]]) -> list[str]:
    """Titles for charts of (id, title, owner) that tell every chart apart.

    A title several charts share is followed by the owner (when the owners
    differ) or else by the id: ``Sjukfrånvaro – Socialnämnden``.

    Examples
    --------
    >>> from goalchain.report._chart_svg import _distinct_titles
    >>> _distinct_titles([("a", "Sjukfrånvaro", "BUN"), ("b", "Sjukfrånvaro", "SN"),
    ...                   ("c", "Elever", None)])
    ['Sjukfrånvaro – BUN', 'Sjukfrånvaro – SN', 'Elever']
    >>> _distinct_titles([("a", "Sjukfrånvaro", "SN"), ("b", "Sjukfrånvaro", "SN")])
    ['Sjukfrånvaro – a', 'Sjukfrånvaro – b']
    """
    shared: dict[str, list[tuple[str, str | None]]] = {}
    for node, title, owner in charts:
        shared.setdefault(title, []).append((node, owner))
    titles = []
    for node, title, owner in charts:
        others = shared[title]
        if len(others) == 1:
            titles.append(title)
        elif owner and len({o for _, o in others}) == len(others):
            titles.append(f"{title} – {owner}")
        else:
            titles.append(f"{title} – {node}")
    return titles


def _title_text(title: str | None, unit: str, lang: str, *, actuals: bool) -> str:
    if title is None:
        if actuals:
            title = gettext("Annual targets from baseline to target and actuals", lang)
        else:
            title = gettext("Annual targets from baseline to target", lang)
    symbol = unit_symbol(unit, lang=lang) if unit else ""
    if symbol and f"({symbol})" not in title:
        title = f"{title} ({symbol})"
    return title


def trajectory_svg(
    targets: Mapping[int, float],
    *,
    actuals: Mapping[int, float] | None = None,
    unit: str = "",
    lang: str = "sv",
    width: int = 480,
    height: int = 240,
    target: tuple[int, float] | None = None,
    forecast: tuple[int, float] | None = None,
    title: str | None = None,
) -> str:
    """An inline SVG line chart of annual targets and actuals, with a legend.

    The annual targets are a dashed line, the actuals a solid line with dots,
    the forecast (when given) a dotted line from the latest actual to an open
    circle, and the target value a diamond labelled with its value and year.
    Light gridlines at round values (steps of 1, 2 or 5 times a power of ten,
    over the data, the target and the forecast) carry labels written as in
    the report (``80 %``, ``1 234``; ``80%``, ``1,234`` in English); every
    mark sits on the value it means. A legend under the chart names each line
    with a sample and a text label (never colour alone).

    The chart names itself in a ``<title>`` (*title* and the unit) and says
    what it shows in words in its ``aria-label`` (baseline, latest actual,
    target, forecast), repeated with every value in its ``<desc>``, for
    screen readers; everything is escaped.

    Parameters
    ----------
    targets
        Year -> annual target; the first is the baseline.
    actuals
        Year -> actual.
    unit
        The unit of the values (``"percent"``); ``""`` for plain numbers.
    lang
        ``"sv"``, ``"en"`` or another language goalchain has a catalog for.
    width, height
        The size of the chart in pixels (it shrinks to fit narrower pages).
    target
        The target (year, value), marked; by default the last annual target.
    forecast
        The forecast (year, value), drawn when given.
    title
        What the chart shows, usually the indicator's name; by default a
        description of the lines ("Annual targets from baseline to target").

    Returns
    -------
    str
        The ``<svg>`` element, or ``""`` without any value.

    Raises
    ------
    InvalidValueError
        For a value that is not a finite number (NaN, an infinity), naming
        the field and the year; for a language goalchain does not speak.

    Examples
    --------
    >>> from goalchain.report import trajectory_svg
    >>> svg = trajectory_svg({2022: 78.0, 2026: 90.0}, actuals={2023: 80.5}, unit="percent",
    ...                      forecast=(2026, 87.8), lang="en", title="Pupils passing")
    >>> svg.startswith("<svg") and "<title>Pupils passing (%)</title>" in svg
    True
    >>> [word in svg for word in ("Annual target", "Actual", "Forecast", "Target", "90.0%")]
    [True, True, True, True, True]
    >>> [f">{tick}%</text>" in svg for tick in (75, 80, 85, 90)]
    [True, True, True, True]
    >>> for part in svg.split('aria-label="')[1].split('"')[0].split(", "):
    ...     print(part)
    Pupils passing (%): baseline 78.0% in 2022
    latest actual 80.5% in 2023
    target 90.0% in 2026
    forecast 87.8% in 2026.
    """
    check_lang(lang)
    actuals = dict(actuals or {})
    _check_points("targets", targets.items())
    _check_points("actuals", actuals.items())
    _check_points("target", [target] if target is not None else [])
    _check_points("forecast", [forecast] if forecast is not None else [])
    if target is None and targets:
        last = max(targets)
        target = (last, targets[last])
    points: list[tuple[int, float]] = [*targets.items(), *actuals.items()]
    points += [p for p in (target, forecast) if p is not None]
    if not points:
        return ""
    decimals = display_decimals(unit)

    def text(value: float) -> str:
        if unit:
            return format_value(value, unit, lang=lang, decimals=decimals)
        return _num(value, lang, decimals)

    ticks, tick_decimals = _nice_ticks(min(v for _, v in points), max(v for _, v in points))
    tick_labels = [_axis_text(tick, unit, lang, tick_decimals) for tick in ticks]
    words = {
        "annual_target": pgettext("chart", "Annual target", lang),
        "actual": pgettext("chart", "Actual", lang),
        "forecast": pgettext("chart", "Forecast", lang),
        "target": pgettext("chart", "Target", lang),
    }
    keys = [
        key
        for key, shown in (
            ("annual_target", bool(targets)),
            ("actual", bool(actuals)),
            ("forecast", forecast is not None),
            ("target", target is not None),
        )
        if shown
    ]
    legend = _legend_rows([(key, words[key]) for key in keys], width)
    left = 12 + round(_CHAR * max(len(label) for label in tick_labels))
    right, top, bottom = 18, 10, 27 + 16 * len(legend)
    axis_y = height - bottom
    low, high = ticks[0], ticks[-1]
    first = min(y for y, _ in points)
    last_year = max(y for y, _ in points)
    years = range(first, last_year + 1)
    plot_width = width - left - right

    def x(year: int) -> float:
        if last_year == first:
            return left + plot_width / 2
        return left + plot_width * (year - first) / (last_year - first)

    def y(value: float) -> float:
        return top + (axis_y - top) * (high - value) / (high - low)

    def path(series: Mapping[int, float]) -> str:
        return " ".join(f"{x(k):.1f},{y(v):.1f}" for k, v in sorted(series.items()))

    shown_title = _title_text(title, unit, lang, actuals=bool(actuals))
    summary = _summary(targets, actuals, target, forecast, text, lang)
    described = [summary]
    for key, series in (("annual_target", targets), ("actual", actuals)):
        if series:
            listed = ", ".join(f"{k}: {text(v)}" for k, v in sorted(series.items()))
            described.append(f"{words[key]}: {listed}")
    if forecast is not None:
        described.append(f"{words['forecast']} {forecast[0]}: {text(forecast[1])}")
    if target is not None:
        described.append(f"{words['target']} {target[0]}: {text(target[1])}")
    label = f"{shown_title}: {summary}" if summary else shown_title
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}" '
        f'font-size="{_FONT}" class="gc-trajectory">',
        f"<title>{escape(shown_title)}</title>",
        f"<desc>{escape('; '.join(described))}</desc>",
    ]
    # gridlines at round values, each labelled at its height
    for tick, tick_label in zip(ticks, tick_labels, strict=True):
        at = y(tick)
        stroke = "#555" if tick == low else "#e2e2e2"
        parts.append(
            f'<line x1="{left}" y1="{at:.1f}" x2="{width - right}" y2="{at:.1f}" '
            f'stroke="{stroke}"/>'
            f'<text x="{left - 6}" y="{at:.1f}" dy="0.32em" text-anchor="end">'
            f"{escape(tick_label)}</text>"
        )
    step = max(1, -(-len(years) * 34 // max(plot_width, 1)))  # ~34 px a year label
    for k, year in enumerate(years):
        if year == last_year or (k % step == 0 and x(last_year) - x(year) >= 34):
            parts.append(
                f'<line x1="{x(year):.1f}" y1="{axis_y}" x2="{x(year):.1f}" y2="{axis_y + 4}" '
                f'stroke="#555"/><text x="{x(year):.1f}" y="{axis_y + 19}" '
                f'text-anchor="middle">{year}</text>'
            )
    lines: list[list[tuple[float, float]]] = []
    if targets:
        parts.append(f'<polyline points="{path(targets)}" {_TARGET_STYLE}/>')
        lines.append([(x(k), y(v)) for k, v in sorted(targets.items())])
    if forecast is not None:
        start = max(actuals) if actuals else None
        if start is not None and start < forecast[0]:
            line = {start: actuals[start], forecast[0]: forecast[1]}
            parts.append(f'<polyline points="{path(line)}" {_FORECAST_STYLE}/>')
            lines.append([(x(k), y(v)) for k, v in sorted(line.items())])
        parts.append(_ring(x(forecast[0]), y(forecast[1]), _FORECAST_COLOUR))
        lines.append([(x(forecast[0]), y(forecast[1]))])
    if actuals:
        parts.append(f'<polyline points="{path(actuals)}" {_ACTUAL_STYLE}/>')
        for k, v in sorted(actuals.items()):
            parts.append(
                f'<circle cx="{x(k):.1f}" cy="{y(v):.1f}" r="3.5" fill="{_ACTUAL_COLOUR}"/>'
            )
        lines.append([(x(k), y(v)) for k, v in sorted(actuals.items())])
    if target is not None:
        tx, ty = x(target[0]), y(target[1])
        parts.append(_diamond(tx, ty))
        traced = [point for line in lines for point in _traced(line)]
        parts.append(
            _target_label(
                f"{text(target[1])} ({target[0]})", tx, ty, traced, (left, top, width, axis_y)
            )
        )
    # the legend: a sample of each line or marker beside its name
    samples = {
        "annual_target": f'<line x1="0" y1="0" x2="18" y2="0" {_TARGET_STYLE}/>',
        "actual": f'<line x1="0" y1="0" x2="18" y2="0" {_ACTUAL_STYLE}/>'
        f'<path d="M6 0a3 3 0 1 0 6 0a3 3 0 1 0-6 0" fill="{_ACTUAL_COLOUR}"/>',
        "forecast": f'<line x1="0" y1="0" x2="18" y2="0" {_FORECAST_STYLE}/>'
        + _ring(9, 0, _FORECAST_COLOUR),
        "target": _diamond(9, 0),
    }
    for r, row in enumerate(legend):
        baseline = axis_y + 35 + 16 * r
        for key, name, at in row:
            parts.append(
                f'<g transform="translate({at:.1f},{baseline - 4})">{samples[key]}</g>'
                f'<text x="{at + 22:.1f}" y="{baseline}">{escape(name)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _check_points(field: str, points: Iterable[tuple[int, float]]) -> None:
    """Refuse a value a chart cannot place: NaN, an infinity, not a number."""
    for year, value in points:
        number = isinstance(value, numbers.Real) and not isinstance(value, bool)
        if not number or not math.isfinite(value):
            raise InvalidValueError(
                N_("a chart needs a finite number for {year}, got {value!r}"),
                field=field,
                params={"year": year, "value": value},
            )


def _summary(
    targets: Mapping[int, float],
    actuals: Mapping[int, float],
    target: tuple[int, float] | None,
    forecast: tuple[int, float] | None,
    text: Callable[[float], str],
    lang: str,
) -> str:
    """What the chart shows, in one sentence: baseline, latest actual, target, forecast."""
    clauses = []
    if targets:
        year = min(targets)
        clauses.append(
            pgettext("chart", "baseline {value} in {year}", lang).format(
                value=text(targets[year]), year=year
            )
        )
    if actuals:
        year = max(actuals)
        clauses.append(
            pgettext("chart", "latest actual {value} in {year}", lang).format(
                value=text(actuals[year]), year=year
            )
        )
    if target is not None:
        clauses.append(
            pgettext("chart", "target {value} in {year}", lang).format(
                value=text(target[1]), year=target[0]
            )
        )
    if forecast is not None:
        clauses.append(
            pgettext("chart", "forecast {value} in {year}", lang).format(
                value=text(forecast[1]), year=forecast[0]
            )
        )
    return ", ".join(clauses) + "." if clauses else ""


def _target_label(
    label: str,
    cx: float,
    cy: float,
    marks: Sequence[tuple[float, float]],
    plot: tuple[float, float, float, float],
) -> str:
    """The target's value and year beside its diamond, where it covers the fewest marks.

    Tried: above and below the diamond (then further away, 12 px at a time, up to
    36 px), to its left and to its right; a line crossed costs more than the
    distance. A place that leaves the plot (*plot*: left, top, right edge of
    the chart, x axis) is taken only when there is no other.
    """
    left, top, right, axis_y = plot
    size = _CHAR * len(label)
    best: tuple[float, str, float, float] | None = None
    for shift in (0, 12, 24, 36):  # further from the diamond only when nearer is crowded
        for anchor, x0 in (("end", cx - 8 - size), ("start", cx + 8)):
            for base in (cy - 9 - shift, cy + 17 + shift):  # the text's baseline: above, below
                box = (x0, base - _FONT + 1, x0 + size, base + 3)
                outside = (
                    box[0] < left + 2 or box[2] > right - 2 or box[1] < top or box[3] > axis_y - 2
                )
                cost = 1000 * outside + 10 * _crowding(box, marks) + shift / 3
                if best is None or cost < best[0]:
                    best = (cost, anchor, cx - 8 if anchor == "end" else cx + 8, base)
    assert best is not None
    _, anchor, at, base = best
    return (
        f'<text x="{at:.1f}" y="{base:.1f}" text-anchor="{anchor}" fill="{_TARGET_COLOUR}" '
        f'font-weight="600" stroke="#ffffff" stroke-width="3" paint-order="stroke" '
        f'class="gc-target-label">{escape(label)}</text>'
    )


def _ring(cx: float, cy: float, colour: str) -> str:
    return (
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="#ffffff" stroke="{colour}" '
        'stroke-width="2"/>'
    )


def _diamond(cx: float, cy: float) -> str:
    return (
        f'<path d="M{cx:.1f} {cy - 6:.1f}L{cx + 6:.1f} {cy:.1f}L{cx:.1f} {cy + 6:.1f}'
        f'L{cx - 6:.1f} {cy:.1f}Z" fill="{_TARGET_COLOUR}" stroke="#ffffff" stroke-width="1"/>'
    )


def trajectory_html(
    trajectory: Any,
    *,
    actuals: Mapping[int, float] | None = None,
    lang: str = "sv",
    css: bool = True,
) -> str:
    """A trajectory as a table of annual targets (and actuals) beside its chart."""
    check_lang(lang)
    unit = getattr(trajectory, "unit", "") or ""
    targets: Mapping[int, float] = trajectory.magnitudes
    years: Sequence[int] = sorted({*targets, *(actuals or {})})
    symbol = escape(unit_symbol(unit, lang=lang)) if unit else ""
    columns = [pgettext("column", "Year", lang), pgettext("column", "Annual target", lang)]
    if actuals:
        columns.append(pgettext("column", "Actual", lang))
    head = "".join(f"<th>{escape(column)}</th>" for column in columns)
    rows = []
    for year in years:
        cells = f'<td>{year}</td><td class="gc-num">{_num(targets.get(year), lang)} {symbol}</td>'
        if actuals:
            cells += f'<td class="gc-num">{_num(actuals.get(year), lang)} {symbol}</td>'
        rows.append(f"<tr>{cells}</tr>")
    from ._html import _wrap  # _html re-exports this module

    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    chart = trajectory_svg(targets, actuals=actuals, unit=unit, lang=lang)
    return _wrap(table + chart, css=css)
