"""HTML pieces: the chain as a tree, a roll-up, a trajectory with an inline SVG chart.

Everything a user wrote (titles, owners, rationales) is escaped: a goal title
from Excel may contain ``<script>``; a text with right-to-left characters or
bidi controls is isolated so that it cannot reorder the page around it
(:func:`~goalchain._safe_text.html_text`). Statuses are shown as a text label on
their colour (never colour alone), with text in black or white, whichever
contrasts more (WCAG 2.1 AA). No network, no JavaScript: the pieces are used
by notebooks (``_repr_html_``) and by the follow-up report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._i18n import check_lang, gettext, pgettext
from .._safe_text import html_text as escape
from ._format import format_number, format_value, provenance_label, unit_symbol
from ._graph import text_colour

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = [
    "CSS",
    "chain_html",
    "html_table",
    "rollup_html",
    "status_badge",
    "trajectory_html",
    "trajectory_svg",
]

CSS = """
.gc{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;line-height:1.4;color:#1a1a1a}
.gc ul.gc-tree{list-style:none;padding-left:1.2em;margin:0;border-left:1px solid #d0d0d0}
.gc ul.gc-tree.gc-root{border-left:none;padding-left:0}
.gc li{margin:.25em 0}
.gc .gc-level{color:#555;font-size:.85em}
.gc .gc-id{color:#555;font-family:ui-monospace,monospace;font-size:.85em}
.gc .gc-status{display:inline-block;padding:0 .45em;border-radius:.3em;font-size:.85em;
  font-weight:600;white-space:nowrap}
.gc table{border-collapse:collapse;margin:.5em 0}
.gc th,.gc td{border-bottom:1px solid #d0d0d0;padding:.2em .6em;text-align:left;
  vertical-align:top}
.gc td.gc-num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.gc .gc-note{color:#555;font-size:.85em}
.gc svg{max-width:100%;height:auto}
""".strip()


def _num(value: float | None, lang: str, decimals: int | None = None) -> str:
    return "–" if value is None else format_number(value, lang=lang, decimals=decimals)


def status_badge(status: str, scale: Any, *, lang: str = "sv") -> str:
    """A status as its label on its colour.

    Examples
    --------
    >>> from goalchain.report import status_badge
    >>> from goalchain.rollup import StatusScale
    >>> print(status_badge("achieved", StatusScale()))
    <span class="gc-status gc-achieved" style="background:#2e7d32;color:#ffffff">uppfyllt</span>
    """
    check_lang(lang)
    fill = scale.colour(status)
    label = escape(scale.label(status, lang=lang))
    return (
        f'<span class="gc-status gc-{escape(status)}" '
        f'style="background:{escape(fill)};color:{text_colour(fill)}">{label}</span>'
    )


def _wrap(body: str, *, css: bool) -> str:
    style = f"<style>{CSS}</style>" if css else ""
    return f'<div class="gc">{style}{body}</div>'


def html_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    align: str = "",
    caption: str | None = None,
    css: bool = True,
) -> str:
    """A table of plain texts as HTML, every cell escaped; ``align`` as in ``text_table``.

    Examples
    --------
    >>> from goalchain.report import html_table
    >>> html = html_table(["Mål", "Poäng"], [["<b>A</b>", "0,5"]], align="lr", css=False)
    >>> "<td>&lt;b&gt;A&lt;/b&gt;</td>" in html, '<td class="gc-num">0,5</td>' in html
    (True, True)
    """
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = []
        for k, cell in enumerate(row):
            numeric = k < len(align) and align[k] == "r"
            klass = ' class="gc-num"' if numeric else ""
            cells.append(f"<td{klass}>{escape(cell)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    title = f"<caption>{escape(caption)}</caption>" if caption else ""
    table = f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    return _wrap(table, css=css)


def chain_html(chain: GoalChain, *, result: Any = None, lang: str = "sv", css: bool = True) -> str:
    """The chain as a nested list, from its roots; with a roll-up, each element's status.

    An element with several parents is shown in full under its first parent and
    as a reference under the others.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.report import chain_html
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("kf1", "<b>Trygg</b> skola", level="council", owner="KF")
    >>> html = chain_html(chain, css=False)
    >>> "&lt;b&gt;Trygg&lt;/b&gt; skola" in html, "<b>" in html
    (True, False)
    """
    check_lang(lang)
    seen: set[str] = set()

    def item(node: str, weight: float | None) -> str:
        element = chain[node]
        level = chain.model.level(element.level).label(lang)
        # the level before the name ("Vision: Burlöv – ..."), the id small after it:
        # the level and an id such as "vision" never stand side by side
        parts = [f'<span class="gc-level">{escape(level)}:</span>']
        parts.append(f"<strong>{escape(element.title)}</strong>")
        parts.append(f'<span class="gc-id">{escape(node)}</span>')
        if weight is not None and weight != 1:
            shown = gettext("weight {weight}", lang).format(weight=_num(weight, lang))
            parts.append(f'<span class="gc-note">{escape(shown)}</span>')
        if element.owner:
            parts.append(f'<span class="gc-note">{escape(element.owner)}</span>')
        if result is not None and node in result:
            res = result[node]
            parts.append(status_badge(res.status, result.scale_of(node), lang=lang))
            if res.score is not None:
                parts.append(f'<span class="gc-note">{_num(res.score, lang, 2)}</span>')
        if node in seen:
            again = escape(gettext("(see above)", lang))
            parts.append(f'<span class="gc-note">{again}</span>')
            return f"<li>{' '.join(parts)}</li>"
        seen.add(node)
        children = chain.children(node)
        inner = ""
        if children:
            items = "".join(item(c, chain.weight(node, c)) for c in children)
            inner = f'<ul class="gc-tree">{items}</ul>'
        return f"<li>{' '.join(parts)}{inner}</li>"

    roots = "".join(item(r, None) for r in chain.roots())
    return _wrap(f'<ul class="gc-tree gc-root">{roots}</ul>', css=css)


def rollup_html(result: Any, *, lang: str = "sv", css: bool = True) -> str:
    """A roll-up as a table in tree order: status (label and colour), score, coverage.

    The strategy column names each goal's strategy and each indicator's or
    activity's scorer in *lang* (:func:`strategy_label`, :func:`scorer_label`),
    the source column where the value came from (:func:`provenance_label`).

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.report import rollup_html
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("kf1", "Trygg skola", level="council")
    >>> _ = chain.add_activity("a1", "Läxhjälp", parents=["kf1"], status="done")
    >>> table = rollup_html(chain.rollup(2024), css=False)
    >>> "uppfyllt</span>" in table, "<td>viktad</td>" in table, "weighted" in table
    (True, True, False)
    """
    from ._format import rule_label

    check_lang(lang)
    child_ids = {c for node in result.values() for c, _, _ in node.children}
    roots = [k for k in result if k not in child_ids]
    rows: list[str] = []
    seen: set[str] = set()

    def walk(node_id: str, depth: int) -> None:
        node = result[node_id]
        again = node_id in seen
        seen.add(node_id)
        title = escape(result.title(node_id))
        indent = f'style="padding-left:{0.6 + 1.2 * depth:.1f}em"'
        source = provenance_label(node.provenance, node.computed, lang=lang)
        coverage = format_value(100 * node.coverage, "percent", lang=lang, decimals=0)
        rows.append(
            f'<tr><td {indent}>{title} <span class="gc-id">{escape(node_id)}</span>'
            f"{' ↑' if again else ''}</td>"
            f"<td>{status_badge(node.status, result.scale_of(node_id), lang=lang)}</td>"
            f'<td class="gc-num">{_num(node.score, lang, 2)}</td>'
            f'<td class="gc-num">{coverage}</td>'
            f"<td>{escape(rule_label(node.kind, node.strategy, lang=lang))}</td>"
            f"<td>{escape(source)}</td></tr>"
        )
        if not again:
            for child, _, _ in node.children:
                walk(child, depth + 1)

    for root in roots:
        walk(root, 0)
    head = "".join(
        f"<th>{escape(h)}</th>"
        for h in (
            pgettext("column", "Element", lang),
            pgettext("column", "Status", lang),
            pgettext("column", "Score", lang),
            pgettext("column", "Coverage", lang),
            pgettext("column", "Strategy", lang),
            pgettext("column", "Source", lang),
        )
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return _wrap(table, css=css)


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
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    chart = trajectory_svg(targets, actuals=actuals, unit=unit, lang=lang)
    return _wrap(table + chart, css=css)
