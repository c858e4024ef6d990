"""The follow-up report (tertial, interim or annual report) as Markdown or one HTML file."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .._i18n import N_, check_lang, gettext, npgettext, pgettext
from .._safe_text import html_text as escape
from .._safe_text import markdown_text
from ..exceptions import InvalidValueError
from ._chart_svg import _distinct_titles
from ._format import (
    computed_note,
    format_date,
    format_number,
    format_value,
    period_label,
    rule_label,
    scorer_label,
    strategy_label,
    target_text,
)
from ._html import CHART_CSS, CSS, status_badge, trajectory_svg
from ._indicators import (
    IndicatorRow,
    display_decimals,
    fetched_date,
    indicator_rows,
    kolada_kpi,
)

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = ["html", "markdown"]


def period_warning(
    chain: GoalChain, period: Any, *, lang: str = "sv", gender: str = "T"
) -> str | None:
    """One sentence when *period* has no measurements, or lies before every baseline.

    What the report and ``goalchain rollup`` say above a roll-up that does not
    rest on the period's actuals; None when it does (or the chain has no
    indicators). With *gender* ``"K"`` or ``"M"``, the measurements of that gender.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.report._followup import period_warning
    >>> chain = gc.io.load_demo()
    >>> period_warning(chain, 2024) is None
    True
    >>> print(period_warning(chain, 2031, lang="en"))
    Note: the chain has no measurements for full year 2031, so the goal fulfilment below does not rest on the period's actuals.
    """  # noqa: E501
    from ..models import Period

    check_lang(lang)
    if gender not in ("T", "K", "M"):
        raise InvalidValueError(
            N_("unknown gender {gender!r}; valid: T (everyone), K (women), M (men)"),
            field="gender",
            params={"gender": gender},
        )
    wanted = Period.parse(period)
    indicators = chain.indicators()
    if not indicators:
        return None
    text = period_label(wanted, lang=lang, style="long")
    year = wanted.year
    baselines = [i.baseline.year for i in indicators if i.baseline is not None]
    if baselines and year < min(baselines):
        return gettext(
            "Note: {period} lies before every indicator's baseline year (the earliest is "
            "{year}), so the goal fulfilment below does not rest on the period's actuals.",
            lang,
        ).format(period=text, year=min(baselines))
    if not any(m.period.year == year for m in chain.measurements(ordered=False)):
        return gettext(
            "Note: the chain has no measurements for {period}, so the goal fulfilment "
            "below does not rest on the period's actuals.",
            lang,
        ).format(period=text)
    if gender != "T" and not any(
        m.period.year == year for m in chain.measurements(gender=gender, ordered=False)
    ):
        if gender == "K":
            message = gettext(
                "Note: the chain has no measurements for women for {period}, so the goal "
                "fulfilment below does not rest on the period's actuals.",
                lang,
            )
        else:
            message = gettext(
                "Note: the chain has no measurements for men for {period}, so the goal "
                "fulfilment below does not rest on the period's actuals.",
                lang,
            )
        return message.format(period=text)
    return None


class _Report:
    """What both formats show, computed once."""

    def __init__(
        self, chain: GoalChain, period: Any, strategy: Any, scorer: Any, lang: str, smart: bool
    ):
        from ..models import Period

        self.chain = chain
        self.lang = check_lang(lang)
        self.period = Period.parse(period)
        self.result = chain.rollup(self.period, strategy=strategy, scorer=scorer)
        self.strategy = self.result.strategy
        self.scorer = self.result.scorer
        # what people read: "viktad", "interim 2024" (the keys stay in the data)
        self.strategy_text = strategy_label(self.strategy, lang=lang)
        self.scorer_text = scorer_label(self.scorer, lang=lang)
        self.period_text = period_label(self.period, lang=lang, style="long")
        self.rows = indicator_rows(chain, year=self.period.year, lang=lang)
        self.findings = None
        if smart:
            from ..smart import check

            self.findings = check(chain, lang=lang)

    def num(self, value: float | None, decimals: int | None = None) -> str:
        return "–" if value is None else format_number(value, lang=self.lang, decimals=decimals)

    def value(self, value: float | None, unit: str, *, signed: bool = False) -> str:
        """A value as a table shows it: whole counts, shares with one decimal."""
        if value is None:
            return "–"
        decimals = display_decimals(unit)
        if decimals is not None:
            value = round(value, decimals) + 0.0  # + 0.0: no "−0,0"
        text = format_value(value, unit, lang=self.lang, decimals=decimals)
        return "+" + text if signed and value > 0 else text

    def date(self, text: str) -> str:
        """A date recorded as ISO text, written out (``1 mars 2025``); other text as it is."""
        try:
            return format_date(text, lang=self.lang, style="long")
        except InvalidValueError:
            return text

    def warning(self) -> str | None:
        """One sentence when the period has no measurements or lies before every baseline."""
        return period_warning(self.chain, self.period, lang=self.lang)

    def goals(self) -> list[tuple[str, int]]:
        """The goals and activities in tree order with their depth (each once).

        The one full view of the chain in the report: the goal table, indented as
        the tree; indicators have a table of their own.
        """
        out: list[tuple[str, int]] = []
        seen: set[str] = set()

        def walk(node: str, depth: int) -> None:
            kind = self.chain[node].kind
            if node in seen or kind not in ("goal", "activity"):
                return
            seen.add(node)
            out.append((node, depth))
            if kind == "goal":
                for child in self.chain.children(node):
                    walk(child, depth + 1)

        for root in self.chain.roots():
            walk(root, 0)
        return out

    def has_activities(self) -> bool:
        return any(self.chain[node].kind == "activity" for node, _ in self.goals())

    def goal_headers(self) -> list[str]:
        lang = self.lang
        if self.has_activities():
            first = pgettext("column", "Goal or activity", lang)
        else:
            first = pgettext("column", "Goal", lang)
        return [
            first,
            pgettext("column", "Level", lang),
            pgettext("column", "Owner", lang),
            pgettext("column", "Status", lang),
            pgettext("column", "Score", lang),
            pgettext("column", "Coverage", lang),
            pgettext("column", "Strategy", lang),
        ]

    def goal_cells(self, node: str) -> list[str]:
        """Level, owner, status, score, coverage and strategy (or scorer) of a goal."""
        item = self.result[node]
        element = self.chain[node]
        strategy = rule_label(element.kind, item.strategy, lang=self.lang)
        if item.provenance == "dialogue" and item.computed is not None:
            strategy += f" ({computed_note(item.computed, lang=self.lang)})"
        return [
            self.chain.model.level(element.level).label(self.lang),
            element.owner or "–",
            self.result.scale_of(node).label(item.status, lang=self.lang),
            self.num(item.score, 2),
            format_value(100 * item.coverage, "percent", lang=self.lang, decimals=0),
            strategy,
        ]

    def summary(self, today: dt.date) -> str:
        """One paragraph: per level of goals, how many have each status; the report's date.

        ``Kommunfullmäktiges mål: 1 av 7 uppfyllt, 6 delvis uppfyllda.`` Each level
        is named as the chain names it, in tree order; a status no goal of the
        level has is left out, except the achieved ("0 av 7 uppfyllda").
        """
        lang = self.lang
        counts: dict[str, dict[str, int]] = {}  # level -> status -> count, in tree order
        for node, _ in self.goals():
            element = self.chain[node]
            if element.kind == "goal":
                by_status = counts.setdefault(element.level, {})
                status = self.result[node].status
                by_status[status] = by_status.get(status, 0) + 1
        sentences = []
        for level, by_status in counts.items():
            total = sum(by_status.values())
            achieved = by_status.get("achieved", 0)
            parts = [
                npgettext(
                    "summary",
                    "{count} of {total} achieved",
                    "{count} of {total} achieved",
                    achieved,
                    lang,
                ).format(count=achieved, total=total)
            ]
            for status in ("partly", "not_achieved", "not_assessed"):
                if by_status.get(status):
                    parts.append(_status_count(status, by_status[status], lang))
            label = self.chain.model.level(level).label(lang)
            sentences.append(
                gettext("{level}: {counts}.", lang).format(level=label, counts=", ".join(parts))
            )
        made = gettext("Report made on {date}.", lang).format(
            date=format_date(today, lang=lang, style="long")
        )
        return " ".join([*sentences, made])

    def dialogues(self) -> list[Any]:
        return [
            a
            for a in self.chain.assessments(period=self.period)
            if self.chain[a.element].kind == "goal"
        ]

    def dialogue_note(self, assessment: Any) -> str | None:
        """Whether the roll-up uses a dialogue assessment, where that matters (one clause)."""
        if assessment.element not in self.result:
            return None
        item = self.result[assessment.element]
        if item.provenance == "dialogue" and item.assessment == assessment:
            return gettext(
                "This assessment decides the status in the roll-up ({strategy}).", self.lang
            ).format(strategy=strategy_label(item.strategy, lang=self.lang))
        if item.status != assessment.status:
            status = self.result.scale_of(assessment.element).label(item.status, lang=self.lang)
            return gettext(
                "The roll-up ({strategy}) gives {status}; this assessment is not used by it.",
                self.lang,
            ).format(strategy=strategy_label(item.strategy, lang=self.lang), status=status)
        return None

    def earlier(self, row: IndicatorRow) -> bool:
        """Whether the row's actual is from a year before the period's."""
        return row.actual_year is not None and row.actual_year != self.period.year

    def indicator_cells(self, row: IndicatorRow) -> list[str]:
        """Baseline, annual target, actual, gap, category and forecast of an indicator."""
        unit = row.indicator.unit
        baseline = (
            "–"
            if row.baseline is None
            else f"{self.value(row.baseline.value, unit)} ({row.baseline.year})"
        )
        when = f" ({row.actual_year})" if self.earlier(row) else ""
        actual = "–" if row.actual is None else self.value(row.actual, unit) + when
        gap_shown = row.gap_shown
        gap = "–" if gap_shown is None else self.value(gap_shown, row.gap_unit, signed=True) + when
        label = (row.label or "–") if row.actual is not None else "–"
        forecast = "–"
        shown = row.forecast_shown
        if shown is not None and row.target is not None and row.actual is not None:
            forecast = f"{self.value(shown, unit)} ({row.target.year})"
            if row.forecast_clamped:
                forecast += "*"
        return [baseline, self.target_cell(row) + when, actual, gap, label, forecast]

    def target_cell(self, row: IndicatorRow) -> str:
        """The target of the actual's year: as written when written, else its level."""
        target = None if row.follow_up is None else row.follow_up.target
        unit = row.indicator.unit
        return target_text(target, self.value(row.expected, unit), unit, lang=self.lang)

    def indicator_headers(self) -> list[str]:
        lang = self.lang
        return [
            pgettext("column", "Indicator", lang),
            pgettext("column", "Baseline", lang),
            pgettext("column", "Annual target {year}", lang).format(year=self.period.year),
            pgettext("column", "Actual", lang),
            pgettext("column", "Gap", lang),
            pgettext("column", "On track", lang),
            pgettext("column", "Forecast", lang),
        ]

    def indicator_notes(self) -> list[str]:
        """What the marks in the indicator table mean, those that are used."""
        year, lang = self.period.year, self.lang
        notes = []
        if any(self.earlier(row) for row in self.rows):
            notes.append(
                gettext(
                    "A year in brackets after an actual and a gap: the indicator has no actual "
                    "for {year}; the latest actual is shown, and the gap and the assessment are "
                    "against the annual target of its year.",
                    lang,
                ).format(year=year)
            )
        if any(row.annual_targets and row.expected is None for row in self.rows):
            notes.append(
                gettext(
                    "Annual target –: {year} lies outside the indicator's years from baseline "
                    "to target.",
                    lang,
                ).format(year=year)
            )
        if any(row.forecast_clamped and row.actual is not None for row in self.rows):
            notes.append(
                gettext(
                    "* Forecast limited to the possible range (a share 0–100%, a count at "
                    "least 0).",
                    lang,
                )
            )
        return notes

    def chart_actuals(self, row: IndicatorRow) -> dict[int, float]:
        """The actuals a chart shows: those up to the period, as the table and the forecast."""
        return {k: v for k, v in row.actuals.items() if k <= self.period.year}

    def sources(self) -> list[str]:
        """Per source, its fetch dates and the indicators whose shown values it gave, by name."""
        dates: dict[str, set[str]] = {}
        covered: dict[str, list[str]] = {}
        for row in self.rows:
            indicator = row.indicator
            for m in self.chain.measurements(indicator.id, gender="T"):
                if not m.period.is_year or m.period.year > self.period.year:
                    continue  # not in the table or the chart
                source = m.source or gettext("no source given", self.lang)
                dates.setdefault(source, set())
                fetched = fetched_date(m)
                if fetched:
                    dates[source].add(fetched)
                kpi = kolada_kpi(indicator, m)
                name = f"{indicator.title} (Kolada {kpi})" if kpi else indicator.title
                if name not in covered.setdefault(source, []):
                    covered[source].append(name)
        out = []
        for source in sorted(dates):
            text = gettext("Source: {source}", self.lang).format(source=source)
            if dates[source]:
                written = ", ".join(self.date(day) for day in sorted(dates[source]))
                text += ", " + gettext("fetched {date}", self.lang).format(date=written)
            names = "; ".join(covered[source])
            text += ". " + gettext("Indicators: {names}.", self.lang).format(names=names)
            out.append(text)
        return out

    def smart_rows(self) -> list[list[str]]:
        if self.findings is None:
            return []
        rows = []
        for criterion, counts in self.findings.summary().items():
            to_fix = counts.get("warn", 0) + counts.get("fail", 0)
            label = self.findings.label(criterion)  # in the report's language: "Tidsatt"
            rows.append([label, str(to_fix), str(counts.get("pass", 0))])
        return rows

    def most_to_fix(self) -> list[tuple[str, int]]:
        if self.findings is None:
            return []
        out = []
        for owner, counts in self.findings.by_owner().items():
            if owner and counts.get("to_fix", 0):
                out.append((owner, counts["to_fix"]))
        return out[:5]


def _status_count(status: str, count: int, lang: str) -> str:
    """*count* goals of a status other than achieved, the words agreeing with the count."""
    if status == "partly":
        text = npgettext(
            "summary", "{count} partly achieved", "{count} partly achieved", count, lang
        )
    elif status == "not_achieved":
        text = npgettext("summary", "{count} not achieved", "{count} not achieved", count, lang)
    else:
        text = npgettext("summary", "{count} not assessed", "{count} not assessed", count, lang)
    return text.format(count=count)


def _title(r: _Report) -> str:
    return gettext("Follow-up {period}", r.lang).format(period=r.period_text)


def _method(r: _Report) -> str:
    """How the goal fulfilment was computed, in one sentence."""
    return gettext(
        "Roll-up: {strategy}; indicators: {scorer}. Statuses are shown as text and colour.",
        r.lang,
    ).format(strategy=r.strategy_text, scorer=r.scorer_text)


def _participants(participants: Iterable[str], lang: str) -> str:
    return gettext("Participants: {names}", lang).format(names=", ".join(participants))


def _smart_headers(lang: str) -> list[str]:
    return [
        pgettext("column", "Criterion", lang),
        pgettext("column", "To fix", lang),
        pgettext("column", "Passed", lang),
    ]


def _most_to_fix(most: Iterable[tuple[str, int]], lang: str) -> str:
    """The owners with most findings to fix, with their counts."""
    owners = ", ".join(f"{owner} ({n})" for owner, n in most)
    return gettext("Most to fix: {owners}", lang).format(owners=owners)


def _tree_prefix(depth: int) -> str:
    """What marks a row's depth in the Markdown goal table: ``↳`` under its parent,
    one ``·`` more for each level further down (``· · ↳``).

    Visible characters, not indentation: Markdown renderers strip the spaces
    at the start of a table cell.

    Examples
    --------
    >>> from goalchain.report._followup import _tree_prefix
    >>> [_tree_prefix(depth) for depth in range(4)]
    ['', '↳ ', '· ↳ ', '· · ↳ ']
    """
    return "" if depth == 0 else "· " * (depth - 1) + "↳ "


def _md_table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(markdown_text(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines += ["| " + " | ".join(markdown_text(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown(
    chain: GoalChain,
    period: Any,
    *,
    strategy: Any = None,
    scorer: Any = None,
    lang: str = "sv",
    smart: bool = True,
    today: dt.date | None = None,
) -> str:
    """The follow-up report for *period* as Markdown.

    A summary first (per level of goals, how many are achieved, partly
    achieved, not achieved or not assessed, and the date the report was made:
    *today*, by default today's date), then goal fulfilment in tree order
    (status, score, coverage, strategy; by *strategy* and *scorer*, else the
    chain's roll-up settings, else ``weighted`` and ``progress``), the
    dialogue assessments with their rationales, every indicator against its
    annual target (baseline, annual target, actual, gap, on-track category,
    forecast), a SMART summary, and the sources of the values.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.report import markdown
    >>> import datetime as dt
    >>> text = markdown(gc.io.load_demo(), 2024, today=dt.date(2025, 3, 14))
    >>> text.splitlines()[0]
    '# Uppföljning helår 2024 – Burlövs kommun'
    >>> print(text.splitlines()[2])
    Vision: 0 av 1 uppfyllda, 1 delvis uppfyllt. Kommunfullmäktiges mål: 1 av 7 uppfyllt, 6 delvis uppfyllda. Rapporten gjordes 14 mars 2025.
    >>> "## Indikatorer" in text and "Källa: Kolada" in text
    True
    """  # noqa: E501
    r = _Report(chain, period, strategy, scorer, lang, smart)
    m = markdown_text  # every text in the report, from the chain or not, is written through it
    out = [f"# {m(_title(r))} – {m(chain.name)}".rstrip(" –"), ""]
    out += [m(r.summary(today or dt.date.today())), ""]
    warning = r.warning()
    if warning:
        out += [f"> {m(warning)}", ""]
    out += ["## " + m(gettext("Goal fulfilment", lang)), ""]
    out += [m(_method(r)), ""]
    headers = r.goal_headers()
    rows = [
        [_tree_prefix(depth) + f"{chain[node].title} ({node})", *r.goal_cells(node)]
        for node, depth in r.goals()
    ]
    out += [_md_table(headers, rows), ""]
    dialogues = r.dialogues()
    if dialogues:
        out += ["## " + m(gettext("Dialogue assessments", lang)), ""]
        for a in dialogues:
            label = r.result.scale.label(a.status, lang=lang)
            line = f"- **{m(chain[a.element].title)}**: {m(label)}"
            if a.rationale:
                line += f" — {m(a.rationale)}"
            if a.participants:
                line += f" ({m(_participants(a.participants, lang))})"
            note = r.dialogue_note(a)
            if note:
                line += f" {m(note)}"
            out.append(line)
        out.append("")
    out += ["## " + m(pgettext("heading", "Indicators", lang)), ""]
    rows = [
        [f"{row.indicator.title} ({row.indicator.id})", *r.indicator_cells(row)] for row in r.rows
    ]
    out += [_md_table(r.indicator_headers(), rows), ""]
    notes = r.indicator_notes()
    if notes:
        out += [m(" ".join(notes)), ""]
    if r.findings is not None:
        out += ["## " + m(gettext("SMART review", lang)), ""]
        out += [_md_table(_smart_headers(lang), r.smart_rows()), ""]
        most = r.most_to_fix()
        if most:
            out += [m(_most_to_fix(most, lang)), ""]
    sources = r.sources()
    if sources:
        out += ["## " + m(gettext("Sources", lang)), ""] + [f"- {m(s)}" for s in sources] + [""]
    return "\n".join(out)


def html(
    chain: GoalChain,
    period: Any,
    *,
    strategy: Any = None,
    scorer: Any = None,
    lang: str = "sv",
    smart: bool = True,
    today: dt.date | None = None,
) -> str:
    """The follow-up report for *period* as one self-contained HTML file.

    The same contents as :func:`markdown`: statuses as a text label on their
    colour (never colour alone), and a chart of each indicator's annual
    targets and actuals as inline SVG. Inline CSS (:func:`page_css`: on a
    phone the tables become cards, on paper A4 with numbered pages), no
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
    from .._version import __version__

    r = _Report(chain, period, strategy, scorer, lang, smart)
    e = escape
    title = f"{_title(r)} – {chain.name}".rstrip(" –")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(r.lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>{CSS}\n{page_css(lang)}\n{CHART_CSS}</style></head>",
        f'<body class="gc"><h1>{e(title)}</h1>',
        f'<p class="gc-summary">{e(r.summary(today or dt.date.today()))}</p>',
    ]
    warning = r.warning()
    if warning:
        parts.append(f'<p class="gc-alert" role="note">{e(warning)}</p>')
    parts += [
        "<h2>" + e(gettext("Goal fulfilment", lang)) + "</h2>",
        '<p class="gc-note">' + e(_method(r)) + "</p>",
    ]
    rows = []
    for node, depth in r.goals():
        level, owner, _, score, coverage, strategy_cell = r.goal_cells(node)
        badge = status_badge(r.result[node].status, r.result.scale_of(node), lang=lang)
        name = f'{e(chain[node].title)} <span class="gc-id">{e(node)}</span>'
        rows.append(
            [
                (name, f"gc-depth gc-depth-{min(depth, 6)}"),
                (e(level), ""),
                (e(owner), ""),
                (badge, ""),
                (e(score), "gc-num"),
                (e(coverage), "gc-num"),
                (e(strategy_cell), ""),
            ]
        )
    parts.append(_html_table(r.goal_headers(), rows, numbers=(4, 5)))
    dialogues = r.dialogues()
    if dialogues:
        parts.append("<h2>" + e(gettext("Dialogue assessments", lang)) + "</h2><ul>")
        for a in dialogues:
            badge = status_badge(a.status, r.result.scale, lang=lang)
            item = f"<li><strong>{e(chain[a.element].title)}</strong> {badge}"
            if a.rationale:
                item += f" — {e(a.rationale)}"
            if a.participants:
                participants = e(_participants(a.participants, lang))
                item += f' <span class="gc-note">({participants})</span>'
            note = r.dialogue_note(a)
            if note:
                item += f" <em>{e(note)}</em>"
            parts.append(item + "</li>")
        parts.append("</ul>")
    parts.append("<h2>" + e(pgettext("heading", "Indicators", lang)) + "</h2>")
    rows = []
    for row in r.rows:
        cells = r.indicator_cells(row)
        # numbers right-aligned, the category (text) left-aligned
        name = f'{e(row.indicator.title)} <span class="gc-id">{e(row.indicator.id)}</span>'
        rows.append(
            [(name, "")] + [(e(c), "" if k == _CATEGORY else "gc-num") for k, c in enumerate(cells)]
        )
    numbers = [k + 1 for k in range(len(r.indicator_headers()) - 1) if k != _CATEGORY]
    parts.append(_html_table(r.indicator_headers(), rows, numbers=numbers))
    notes = r.indicator_notes()
    if notes:
        parts.append(f'<p class="gc-note">{e(" ".join(notes))}</p>')
    charts = []
    charted = [row for row in r.rows if row.annual_targets]
    titles = _distinct_titles(
        [(w.indicator.id, w.indicator.title, w.indicator.owner) for w in charted]
    )
    for row, chart_title in zip(charted, titles, strict=True):
        if row.annual_targets:
            forecast = None
            if row.forecast_shown is not None and row.target is not None:
                forecast = (row.target.year, row.forecast_shown)
            target = (
                None
                if row.target is None or row.target.value is None
                else (row.target.year, row.target.value)
            )
            charts.append(
                f'<figure class="gc-chart"><figcaption>{e(row.indicator.title)} '
                f'<span class="gc-id">{e(row.indicator.id)}</span></figcaption>'
                + trajectory_svg(
                    row.annual_targets,
                    actuals=r.chart_actuals(row),
                    unit=row.indicator.unit,
                    lang=lang,
                    width=360,
                    height=230,
                    target=target,
                    forecast=forecast,
                    title=chart_title,
                )
                + "</figure>"
            )
    if charts:  # small multiples: CHART_CSS lays them out
        parts.append(f'<div class="gc-charts">{"".join(charts)}</div>')
    if r.findings is not None:
        # a short table: on paper with its heading, never split
        parts.append('<section class="gc-keep"><h2>' + e(gettext("SMART review", lang)) + "</h2>")
        rows = [[(e(c), "") for c in cells] for cells in r.smart_rows()]
        parts.append(_html_table(_smart_headers(lang), rows))
        most = r.most_to_fix()
        if most:
            parts.append("<p>" + e(_most_to_fix(most, lang)) + "</p>")
        parts.append("</section>")
    sources = r.sources()
    if sources:
        # the heading and the list in one block: the heading never ends a printed page
        parts.append('<section class="gc-keep"><h2>' + e(gettext("Sources", lang)) + "</h2><ul>")
        parts += [f"<li>{e(s)}</li>" for s in sources]
        parts.append("</ul></section>")
    parts.append(
        '<p class="gc-note">'
        + e(
            gettext("Made with goalchain {version} from {name}.", lang).format(
                version=__version__, name=chain.name
            )
        )
        + "</p>"
    )
    parts.append("</body></html>")
    return "\n".join(parts)


_CATEGORY = 4  # the index of the on-track category among the indicator cells


def _html_table(
    headers: list[str], rows: list[list[tuple[str, str]]], numbers: Iterable[int] = ()
) -> str:
    """A table of cells already written as HTML, each ``(html, class)``.

    The headers of the columns *numbers* are right-aligned. Each cell carries its
    column's name (``data-label``), which a narrow screen shows beside the cell
    when the table is laid out as one card per row.
    """
    right = set(numbers)
    head = "".join(
        f'<th class="gc-num">{escape(h)}</th>' if k in right else f"<th>{escape(h)}</th>"
        for k, h in enumerate(headers)
    )
    body = []
    for row in rows:
        cells = []
        for (text, klass), header in zip(row, headers, strict=True):
            attribute = f' class="{klass}"' if klass else ""
            cells.append(f'<td{attribute} data-label="{escape(header)}">{text}</td>')
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<div class="gc-wide"><table class="gc-cards"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _css_string(text: str) -> str:
    """*text* as a CSS string literal (quotes, backslashes and line ends escaped)."""
    out = []
    for char in text:
        if char in '"\\<' or ord(char) < 32 or char == "\x7f":
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def page_css(lang: str = "sv") -> str:
    """The report page's own CSS: screen, narrow screen (cards) and paper (A4).

    On a screen narrower than 40 em (a phone) each table row is a card, each
    cell under its column's name (its ``data-label``), so that no table
    scrolls sideways; the goal table's cards are indented by depth.
    On paper: A4 with margins and the page number in the bottom margin
    (``sida 2 av 5``), tables as wide as the page with their columns wrapping
    in smaller type, rows, figures and the sources never split, headings kept
    with what follows, nothing in a scrolling box.

    Examples
    --------
    >>> from goalchain.report._followup import page_css
    >>> css = page_css("en")
    >>> '"page " counter(page) " of " counter(pages)' in css, "@media print" in css
    (True, True)
    """
    check_lang(lang)
    pieces = []
    for piece in re.split(r"(\{page\}|\{pages\})", gettext("page {page} of {pages}", lang)):
        if piece == "{page}":
            pieces.append("counter(page)")
        elif piece == "{pages}":
            pieces.append("counter(pages)")
        elif piece:
            pieces.append(_css_string(piece))
    numbers = " ".join(pieces)
    return f"""
body{{max-width:72em;margin:1.5em auto;padding:0 1em}}
.gc-wide{{overflow-x:auto}}
.gc-alert{{border-left:4px solid #b33c00;background:#fff4e5;padding:.4em .8em}}
figure{{margin:1em 0}}
.gc th.gc-num{{text-align:right}}
.gc td.gc-depth-1{{padding-left:1.8em}}.gc td.gc-depth-2{{padding-left:3em}}
.gc td.gc-depth-3{{padding-left:4.2em}}.gc td.gc-depth-4{{padding-left:5.4em}}
.gc td.gc-depth-5{{padding-left:6.6em}}.gc td.gc-depth-6{{padding-left:7.8em}}
@media screen and (max-width:40em){{
  body{{margin:.8em auto;padding:0 .6em}}
  h1{{font-size:1.5em}}
  .gc-wide{{overflow:visible}}
  .gc table.gc-cards,.gc-cards thead,.gc-cards tbody,.gc-cards tr,.gc-cards td{{display:block}}
  .gc-cards thead{{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}}
  .gc-cards tr{{border:1px solid #d0d0d0;border-radius:.4em;margin:.5em 0;padding:.3em .6em}}
  .gc-cards tr:has(>td.gc-depth-1){{margin-left:.6em}}
  .gc-cards tr:has(>td.gc-depth-2){{margin-left:1.2em}}
  .gc-cards tr:has(>td.gc-depth-3),.gc-cards tr:has(>td.gc-depth-4),
  .gc-cards tr:has(>td.gc-depth-5),.gc-cards tr:has(>td.gc-depth-6){{margin-left:1.8em}}
  .gc .gc-cards td{{display:grid;grid-template-columns:minmax(6em,38%) 1fr;gap:.6em;
    border:none;padding:.1em 0;text-align:left;align-items:baseline;white-space:normal;
    overflow-wrap:anywhere}}
  .gc-cards td::before{{content:attr(data-label);color:#555;font-size:.85em}}
  .gc-cards td>.gc-status{{justify-self:start}}
  .gc .gc-cards td:first-child{{display:block;font-weight:600;padding:0 0 .2em}}
  .gc-cards td:first-child::before{{content:none}}
}}
@page{{size:A4;margin:16mm 14mm 18mm 14mm;
  @bottom-right{{content:{numbers};font:8pt system-ui,sans-serif;color:#555}}}}
@media print{{
  body{{max-width:none;margin:0;padding:0;font-size:9.5pt}}
  .gc-wide{{overflow:visible}}
  .gc table{{width:100%;font-size:8pt;margin:.3em 0}}
  .gc table.gc-cards th:first-child{{width:30%}}
  .gc th,.gc td{{padding:.15em .3em;overflow-wrap:break-word}}
  .gc td.gc-num{{white-space:normal}}
  .gc .gc-status{{white-space:normal;-webkit-print-color-adjust:exact;print-color-adjust:exact}}
  .gc thead{{display:table-header-group}}
  .gc tr,.gc-keep,.gc-keep li,figure,.gc-alert{{break-inside:avoid}}
  figure:not(.gc-chart){{display:inline-block;width:49%;margin:.3em 0;vertical-align:top}}
  h1,h2,h3,figcaption{{break-after:avoid}}
  .gc svg{{max-width:100%}}
}}
""".strip()
