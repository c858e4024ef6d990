"""HTML pieces: the chain as a tree, a roll-up, a trajectory with an inline SVG chart.

The chart itself lives in :mod:`._chart_svg`; it is re-exported here.

Everything a user wrote (titles, owners, rationales) is escaped: a goal title
from Excel may contain ``<script>``; a text with right-to-left characters or
bidi controls is isolated so that it cannot reorder the page around it
(:func:`~goalchain._safe_text.html_text`). Statuses are shown as a text label on
their colour (never colour alone), with text in black or white, whichever
contrasts more (WCAG 2.1 AA). No network, no JavaScript: the pieces are used
by notebooks (``_repr_html_``) and by the follow-up report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._i18n import check_lang, gettext, pgettext
from .._safe_text import html_text as escape
from ._chart_svg import CHART_CSS, trajectory_html, trajectory_svg
from ._format import format_number, format_value, provenance_label
from ._graph import text_colour

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = [
    "CHART_CSS",
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
