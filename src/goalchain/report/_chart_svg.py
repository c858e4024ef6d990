"""The trajectory chart: an inline SVG of annual targets, actuals, forecast and target.

Dependency-free (no matplotlib): the follow-up report and notebooks
(``Trajectory._repr_html_``) show it. Everything a user wrote is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._i18n import check_lang, gettext, pgettext
from .._safe_text import html_text as escape
from ._format import format_number, format_value, unit_symbol

__all__ = ["trajectory_html", "trajectory_svg"]


def _num(value: float | None, lang: str, decimals: int | None = None) -> str:
    return "–" if value is None else format_number(value, lang=lang, decimals=decimals)


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
) -> str:
    """An inline SVG line chart of annual targets and actuals, with a legend.

    The annual targets are a dashed line, the actuals a solid line with dots,
    the forecast (when given) a dotted line from the latest actual to an open
    circle, and the target value a diamond. A legend under the chart names each
    with a line sample and a text label (never colour alone). Values on the
    axis are written as in the report's tables (:func:`format_value`:
    ``12,5 %``, ``12.5%``). The chart has a title and a description that lists
    every value, for screen readers; everything is escaped.

    Parameters
    ----------
    targets
        Year -> annual target.
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

    Returns
    -------
    str
        The ``<svg>`` element, or ``""`` without any value.

    Examples
    --------
    >>> from goalchain.report import trajectory_svg
    >>> svg = trajectory_svg({2022: 78.0, 2026: 90.0}, actuals={2023: 80.5}, unit="percent",
    ...                      forecast=(2026, 87.8), lang="en")
    >>> svg.startswith("<svg") and "<title>" in svg and "2026" in svg
    True
    >>> [word in svg for word in ("Annual target", "Actual", "Forecast", "Target", "90.0%")]
    [True, True, True, True, True]
    """
    from ._indicators import display_decimals

    check_lang(lang)
    actuals = dict(actuals or {})
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

    low = min(v for _, v in points)
    high = max(v for _, v in points)
    labels = [text(low), text(high)]
    if high == low:
        high, low = high + 1, low - 1
    pad = 0.08 * (high - low)
    top_value, bottom_value = high - pad, low + pad  # the values labelled on the axis
    low, high = low - pad, high + pad
    legend_height = 20
    left = max(40, 10 + round(6.4 * max(len(label) for label in labels)))
    right, top, bottom = 14, 12, 28 + legend_height
    years = sorted({y for y, _ in points})
    first, last_year = years[0], years[-1]
    span = max(last_year - first, 1)
    plot_width = width - left - right

    def x(year: int) -> float:
        return left + plot_width * (year - first) / span

    def y(value: float) -> float:
        return top + (height - top - bottom) * (high - value) / (high - low)

    def path(series: Mapping[int, float]) -> str:
        return " ".join(f"{x(k):.1f},{y(v):.1f}" for k, v in sorted(series.items()))

    def listed(series: Mapping[int, float]) -> str:
        return ", ".join(f"{k}: {text(v)}" for k, v in sorted(series.items()))

    words = {
        "annual_target": pgettext("chart", "Annual target", lang),
        "actual": pgettext("chart", "Actual", lang),
        "forecast": pgettext("chart", "Forecast", lang),
        "target": pgettext("chart", "Target", lang),
    }
    if actuals:
        what = gettext("Annual targets from baseline to target and actuals", lang)
    else:
        what = gettext("Annual targets from baseline to target", lang)
    described = [f"{words['annual_target']}: {listed(targets)}"]
    if actuals:
        described.append(f"{words['actual']}: {listed(actuals)}")
    if forecast is not None:
        described.append(f"{words['forecast']} {forecast[0]}: {text(forecast[1])}")
    if target is not None:
        described.append(f"{words['target']} {target[0]}: {text(target[1])}")
    axis_y = height - bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" font-size="11">',
        f"<title>{escape(what)}</title>",
        f"<desc>{escape('; '.join(described))}</desc>",
        f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="#555"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{axis_y}" stroke="#555"/>',
    ]
    for value, label in ((bottom_value, labels[0]), (top_value, labels[1])):
        parts.append(
            f'<text x="{left - 4}" y="{y(value) + 4:.1f}" text-anchor="end">{escape(label)}</text>'
        )
    step = max(1, -(-len(years) * 34 // max(plot_width, 1)))  # ~34 px a year label
    for k, year in enumerate(years):
        if k % step == 0 or year == last_year:
            parts.append(
                f'<text x="{x(year):.1f}" y="{axis_y + 16}" text-anchor="middle">{year}</text>'
            )
    target_style = 'fill="none" stroke="#1f4e79" stroke-width="2" stroke-dasharray="6 4"'
    actual_style = 'fill="none" stroke="#b33c00" stroke-width="2"'
    forecast_style = 'fill="none" stroke="#5b2a86" stroke-width="2" stroke-dasharray="2 3"'
    if targets:
        parts.append(f'<polyline points="{path(targets)}" {target_style}/>')
    if forecast is not None:
        start = max(actuals) if actuals else None
        if start is not None and start < forecast[0]:
            line = {start: actuals[start], forecast[0]: forecast[1]}
            parts.append(f'<polyline points="{path(line)}" {forecast_style}/>')
        parts.append(_ring(x(forecast[0]), y(forecast[1]), "#5b2a86"))
    if actuals:
        parts.append(f'<polyline points="{path(actuals)}" {actual_style}/>')
        for k, v in sorted(actuals.items()):
            parts.append(f'<circle cx="{x(k):.1f}" cy="{y(v):.1f}" r="3.5" fill="#b33c00"/>')
    if target is not None:
        parts.append(_diamond(x(target[0]), y(target[1])))
    # the legend: a sample of each line or marker beside its name
    entries: list[tuple[str, str]] = []
    if targets:
        entries.append((f'<line x1="0" y1="0" x2="18" y2="0" {target_style}/>', "annual_target"))
    if actuals:
        entries.append(
            (
                f'<line x1="0" y1="0" x2="18" y2="0" {actual_style}/>'
                '<path d="M6 0a3 3 0 1 0 6 0a3 3 0 1 0-6 0" fill="#b33c00"/>',
                "actual",
            )
        )
    if forecast is not None:
        entries.append(
            (
                f'<line x1="0" y1="0" x2="18" y2="0" {forecast_style}/>' + _ring(9, 0, "#5b2a86"),
                "forecast",
            )
        )
    if target is not None:
        entries.append((_diamond(9, 0), "target"))
    at, row = 4.0, height - 8
    for sample, key in entries:
        parts.append(
            f'<g transform="translate({at:.1f},{row - 4})">{sample}</g>'
            f'<text x="{at + 22:.1f}" y="{row}">{escape(words[key])}</text>'
        )
        at += 22 + 6.4 * len(words[key]) + 14
    parts.append("</svg>")
    return "".join(parts)


def _ring(cx: float, cy: float, colour: str) -> str:
    return (
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="#ffffff" stroke="{colour}" '
        'stroke-width="2"/>'
    )


def _diamond(cx: float, cy: float) -> str:
    return (
        f'<path d="M{cx:.1f} {cy - 6:.1f}L{cx + 6:.1f} {cy:.1f}L{cx:.1f} {cy + 6:.1f}'
        f'L{cx - 6:.1f} {cy:.1f}Z" fill="#1f4e79" stroke="#ffffff" stroke-width="1"/>'
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
