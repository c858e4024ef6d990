"""The follow-up report (tertial, interim or annual report) as Markdown or one HTML file."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from ..exceptions import InvalidValueError
from ._format import computed_note, format_date, format_number, format_value
from ._html import CSS, chain_html, status_badge, trajectory_svg
from ._indicators import IndicatorRow, indicator_rows

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = ["html", "markdown"]

_T = {
    "title": {"sv": "Uppföljning {period}", "en": "Follow-up {period}"},
    "fulfilment": {"sv": "Måluppfyllelse", "en": "Goal fulfilment"},
    "method": {
        "sv": "Sammanvägning: {strategy}; indikatorer: {scorer}. Status visas som text och färg.",
        "en": "Roll-up: {strategy}; indicators: {scorer}. Statuses are shown as text and colour.",
    },
    "dialogues": {"sv": "Dialogens bedömningar", "en": "Dialogue assessments"},
    "indicators": {"sv": "Indikatorer", "en": "Indicators"},
    "smart": {"sv": "SMART-granskning", "en": "SMART review"},
    "smart_none": {"sv": "Inga anmärkningar.", "en": "Nothing to remark."},
    "sources": {"sv": "Källor", "en": "Sources"},
    "goal": {"sv": "Mål", "en": "Goal"},
    "level": {"sv": "Nivå", "en": "Level"},
    "status": {"sv": "Status", "en": "Status"},
    "score": {"sv": "Poäng", "en": "Score"},
    "coverage": {"sv": "Täckning", "en": "Coverage"},
    "strategy": {"sv": "Strategi", "en": "Strategy"},
    "rationale": {"sv": "Motivering", "en": "Rationale"},
    "participants": {"sv": "Deltagare", "en": "Participants"},
    "indicator": {"sv": "Indikator", "en": "Indicator"},
    "baseline": {"sv": "Utgångsvärde", "en": "Baseline"},
    "annual": {"sv": "Årsmål {year}", "en": "Annual target {year}"},
    "actual": {"sv": "Utfall", "en": "Actual"},
    "gap": {"sv": "Avvikelse", "en": "Gap"},
    "category": {"sv": "Bedömning", "en": "On track"},
    "forecast": {"sv": "Prognos", "en": "Forecast"},
    "criterion": {"sv": "Kriterium", "en": "Criterion"},
    "to_fix": {"sv": "Att åtgärda", "en": "To fix"},
    "passed": {"sv": "Godkända", "en": "Passed"},
    "most": {"sv": "Flest att åtgärda", "en": "Most to fix"},
    "source_of": {"sv": "Källa: {source}", "en": "Source: {source}"},
    "fetched": {"sv": "hämtad {date}", "en": "fetched {date}"},
    "no_source": {"sv": "ingen källa angiven", "en": "no source given"},
    "generated": {
        "sv": "Skapad med goalchain {version} från {name}.",
        "en": "Made with goalchain {version} from {name}.",
    },
}


def _t(key: str, lang: str, **args: Any) -> str:
    return _T[key]["en" if lang == "en" else "sv"].format(**args)


class _Report:
    """What both formats show, computed once."""

    def __init__(
        self, chain: GoalChain, period: Any, strategy: Any, scorer: Any, lang: str, smart: bool
    ):
        from ..models import Period

        self.chain = chain
        self.lang = lang
        self.period = Period.parse(period)
        self.result = chain.rollup(self.period, strategy=strategy, scorer=scorer)
        self.strategy = self.result.strategy
        self.scorer = self.result.scorer
        self.rows = indicator_rows(chain, year=self.period.year, lang=lang)
        self.findings = None
        if smart:
            from ..smart import check

            self.findings = check(chain, lang=lang)

    def num(self, value: float | None, decimals: int | None = None) -> str:
        return "–" if value is None else format_number(value, lang=self.lang, decimals=decimals)

    def value(self, value: float | None, unit: str) -> str:
        return "–" if value is None else format_value(value, unit, lang=self.lang)

    def date(self, text: str) -> str:
        """A date recorded as ISO text, written out (``1 mars 2025``); other text as it is."""
        try:
            return format_date(text, lang=self.lang, style="long")
        except InvalidValueError:
            return text

    def goals(self) -> list[tuple[str, int]]:
        """The goals in tree order with their depth (an element with two parents once)."""
        out: list[tuple[str, int]] = []
        seen: set[str] = set()

        def walk(node: str, depth: int) -> None:
            if node in seen or self.chain[node].kind != "goal":
                return
            seen.add(node)
            out.append((node, depth))
            for child in self.chain.children(node):
                walk(child, depth + 1)

        for root in self.chain.roots():
            walk(root, 0)
        return out

    def goal_cells(self, node: str) -> list[str]:
        item = self.result[node]
        element = self.chain[node]
        strategy = item.strategy
        if item.provenance == "dialogue" and item.computed is not None:
            strategy += f" ({computed_note(item.computed, lang=self.lang)})"
        return [
            self.chain.model.level(element.level).label(self.lang),
            self.result.scale.label(item.status, lang=self.lang),
            self.num(item.score, 2),
            format_value(100 * item.coverage, "percent", lang=self.lang, decimals=0),
            strategy,
        ]

    def dialogues(self) -> list[Any]:
        return [
            a
            for a in self.chain.assessments(period=self.period)
            if self.chain[a.element].kind == "goal"
        ]

    def indicator_cells(self, row: IndicatorRow) -> list[str]:
        unit = row.indicator.unit
        baseline = (
            "–"
            if row.baseline is None
            else f"{self.value(row.baseline.value, unit)} ({row.baseline.year})"
        )
        gap = "–"
        if row.gap is not None:
            gap = ("+" if row.gap > 0 else "") + self.value(row.gap, row.gap_unit)
        forecast = "–"
        if row.forecast is not None and row.target is not None:
            forecast = f"{self.value(row.forecast, unit)} ({row.target.year})"
        return [
            baseline,
            self.value(row.expected, unit),
            self.value(row.actual, unit),
            gap,
            row.label or "–",
            forecast,
        ]

    def indicator_headers(self) -> list[str]:
        lang = self.lang
        return [
            _t("indicator", lang),
            _t("baseline", lang),
            _t("annual", lang, year=self.period.year),
            _t("actual", lang),
            _t("gap", lang),
            _t("category", lang),
            _t("forecast", lang),
        ]

    def sources(self) -> list[str]:
        seen: dict[str, set[str]] = {}
        for row in self.rows:
            if row.measurement is None:
                continue
            source = row.source or _t("no_source", self.lang)
            seen.setdefault(source, set())
            if row.fetched:
                seen[source].add(row.fetched)
        out = []
        for source in sorted(seen):
            text = _t("source_of", self.lang, source=source)
            if seen[source]:
                dates = ", ".join(self.date(day) for day in sorted(seen[source]))
                text += ", " + _t("fetched", self.lang, date=dates)
            out.append(text)
        return out

    def smart_rows(self) -> list[list[str]]:
        if self.findings is None:
            return []
        labels = (
            self.findings.criterion_labels() if hasattr(self.findings, "criterion_labels") else {}
        )
        rows = []
        for criterion, counts in self.findings.summary().items():
            to_fix = counts.get("warn", 0) + counts.get("fail", 0)
            rows.append(
                [str(labels.get(criterion, criterion)), str(to_fix), str(counts.get("pass", 0))]
            )
        return rows

    def most_to_fix(self) -> list[tuple[str, int]]:
        if self.findings is None:
            return []
        out = []
        for owner, counts in self.findings.by_owner().items():
            if owner and counts.get("to_fix", 0):
                out.append((owner, counts["to_fix"]))
        return out[:5]


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(_md_cell(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown(
    chain: GoalChain,
    period: Any,
    *,
    strategy: Any = "weighted",
    scorer: Any = "progress",
    lang: str = "sv",
    smart: bool = True,
) -> str:
    """The follow-up report for *period* as Markdown.

    Goal fulfilment in tree order (status, score, coverage, strategy), the
    dialogue assessments with their rationales, every indicator against its
    annual target (baseline, annual target, actual, gap, on-track category,
    forecast), a SMART summary, and the sources of the values.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.report import markdown
    >>> text = markdown(gc.io.load_demo(), 2024)
    >>> text.splitlines()[0]
    '# Uppföljning 2024 – Burlövs kommun'
    >>> "## Indikatorer" in text and "Källa: Kolada" in text
    True
    """
    r = _Report(chain, period, strategy, scorer, lang, smart)
    out = [f"# {_t('title', lang, period=r.period)} – {chain.name}".rstrip(" –"), ""]
    out += [f"## {_t('fulfilment', lang)}", ""]
    out += [_t("method", lang, strategy=r.strategy, scorer=r.scorer), ""]
    headers = [_t(k, lang) for k in ("goal", "level", "status", "score", "coverage", "strategy")]
    rows = [
        ["\u00a0\u00a0" * depth + chain[node].title, *r.goal_cells(node)]
        for node, depth in r.goals()
    ]
    out += [_md_table(headers, rows), ""]
    dialogues = r.dialogues()
    if dialogues:
        out += [f"## {_t('dialogues', lang)}", ""]
        for a in dialogues:
            label = r.result.scale.label(a.status, lang=lang)
            line = f"- **{chain[a.element].title}** ({a.element}): {label}"
            if a.rationale:
                line += f" — {a.rationale}"
            if a.participants:
                line += f" ({_t('participants', lang)}: {', '.join(a.participants)})"
            out.append(line)
        out.append("")
    out += [f"## {_t('indicators', lang)}", ""]
    rows = [
        [f"{row.indicator.title} ({row.indicator.id})", *r.indicator_cells(row)] for row in r.rows
    ]
    out += [_md_table(r.indicator_headers(), rows), ""]
    if r.findings is not None:
        out += [f"## {_t('smart', lang)}", ""]
        out += [
            _md_table(
                [_t("criterion", lang), _t("to_fix", lang), _t("passed", lang)], r.smart_rows()
            ),
            "",
        ]
        most = r.most_to_fix()
        if most:
            out += [f"{_t('most', lang)}: " + ", ".join(f"{o} ({n})" for o, n in most), ""]
    sources = r.sources()
    if sources:
        out += [f"## {_t('sources', lang)}", ""] + [f"- {s}" for s in sources] + [""]
    return "\n".join(out)


def html(
    chain: GoalChain,
    period: Any,
    *,
    strategy: Any = "weighted",
    scorer: Any = "progress",
    lang: str = "sv",
    smart: bool = True,
) -> str:
    """The follow-up report for *period* as one self-contained HTML file.

    The same contents as :func:`markdown`, with the chain as a tree of
    statuses (a text label on its colour, never colour alone) and a chart of
    each indicator's annual targets and actuals as inline SVG. Inline CSS, no
    scripts, no network; every text from the chain is escaped.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.report import html
    >>> page = html(gc.io.load_demo(), 2024, lang="en")
    >>> page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    True
    >>> "<script" in page
    False
    """
    from .. import __version__

    r = _Report(chain, period, strategy, scorer, lang, smart)
    e = escape
    title = f"{_t('title', lang, period=r.period)} – {chain.name}".rstrip(" –")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "sv"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>{CSS}\nbody{{max-width:72em;margin:1.5em auto;padding:0 1em}}"
        "\n.gc-wide{overflow-x:auto}</style></head>",
        f'<body class="gc"><h1>{e(title)}</h1>',
        f"<h2>{_t('fulfilment', lang)}</h2>",
        f'<p class="gc-note">{e(_t("method", lang, strategy=r.strategy, scorer=r.scorer))}</p>',
        chain_html(chain, result=r.result, lang=lang, css=False),
    ]
    headers = [_t(k, lang) for k in ("goal", "level", "status", "score", "coverage", "strategy")]
    body = []
    for node, depth in r.goals():
        cells = r.goal_cells(node)
        badge = status_badge(r.result[node].status, r.result.scale, lang=lang)
        body.append(
            f'<tr><td style="padding-left:{0.6 + 1.2 * depth:.1f}em">{e(chain[node].title)}</td>'
            f"<td>{e(cells[0])}</td><td>{badge}</td>"
            f'<td class="gc-num">{e(cells[2])}</td><td class="gc-num">{e(cells[3])}</td>'
            f"<td>{e(cells[4])}</td></tr>"
        )
    parts.append(_html_table(headers, body))
    dialogues = r.dialogues()
    if dialogues:
        parts.append(f"<h2>{_t('dialogues', lang)}</h2><ul>")
        for a in dialogues:
            badge = status_badge(a.status, r.result.scale, lang=lang)
            item = f"<li><strong>{e(chain[a.element].title)}</strong> {badge}"
            if a.rationale:
                item += f" — {e(a.rationale)}"
            if a.participants:
                item += (
                    f' <span class="gc-note">({_t("participants", lang)}: '
                    f"{e(', '.join(a.participants))})</span>"
                )
            parts.append(item + "</li>")
        parts.append("</ul>")
    parts.append(f"<h2>{_t('indicators', lang)}</h2>")
    body = []
    for row in r.rows:
        numbers = "".join(f'<td class="gc-num">{e(c)}</td>' for c in r.indicator_cells(row))
        body.append(
            f"<tr><td>{e(row.indicator.title)} "
            f'<span class="gc-id">{e(row.indicator.id)}</span></td>{numbers}</tr>'
        )
    parts.append(_html_table(r.indicator_headers(), body))
    for row in r.rows:
        if row.annual_targets:
            parts.append(
                f"<figure><figcaption>{e(row.indicator.title)}</figcaption>"
                + trajectory_svg(
                    row.annual_targets, actuals=row.actuals, unit=row.indicator.unit, lang=lang
                )
                + "</figure>"
            )
    if r.findings is not None:
        parts.append(f"<h2>{_t('smart', lang)}</h2>")
        body = [
            "<tr>" + "".join(f"<td>{e(c)}</td>" for c in cells) + "</tr>"
            for cells in r.smart_rows()
        ]
        parts.append(
            _html_table([_t("criterion", lang), _t("to_fix", lang), _t("passed", lang)], body)
        )
        most = r.most_to_fix()
        if most:
            parts.append(
                f"<p>{_t('most', lang)}: " + e(", ".join(f"{o} ({n})" for o, n in most)) + "</p>"
            )
    sources = r.sources()
    if sources:
        parts.append(f"<h2>{_t('sources', lang)}</h2><ul>")
        parts += [f"<li>{e(s)}</li>" for s in sources]
        parts.append("</ul>")
    parts.append(
        f'<p class="gc-note">{e(_t("generated", lang, version=__version__, name=chain.name))}</p>'
    )
    parts.append("</body></html>")
    return "\n".join(parts)


def _html_table(headers: list[str], body: list[str]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return (
        f'<div class="gc-wide"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )
