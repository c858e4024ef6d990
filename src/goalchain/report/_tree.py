"""The chain as an indented text tree, for terminals and plain-text reports."""

from __future__ import annotations

from .._i18n import check_lang, gettext, pgettext
from .._safe_text import one_line
from ..models import Activity, GoalChain, Indicator, Period
from ..models._elements import Element
from ._format import (
    assessment_method_label,
    format_date,
    format_number,
    format_target,
    format_value,
    period_label,
    status_label,
)

__all__ = ["render_tree"]


def _activity_status(status: str, lang: str) -> str:
    """An activity's status in words (each message written out for extraction)."""
    if status == "not_started":
        return pgettext("activity status", "not started", lang)
    if status == "in_progress":
        return pgettext("activity status", "in progress", lang)
    if status == "done":
        return pgettext("activity status", "done", lang)
    return pgettext("activity status", "cancelled", lang)


def render_tree(
    chain: GoalChain,
    *,
    lang: str = "sv",
    period: object = None,
    show_weights: bool = True,
    show_data: bool = True,
) -> str:
    """Render the chain as an indented tree with levels, owners and weights.

    An element with several parents is shown in full under its first parent
    and as a reference (``se ovan``) under the others. With *show_data*,
    indicators show baseline, target and the latest value, activities their
    status, and goals the assessment recorded for *period* (or the latest one).
    Each element is one line: newlines and other control characters in its
    texts are shown (``␤``, ``␛``; :func:`~goalchain._safe_text.one_line`),
    never passed to the terminal.
    Statuses, periods and assessment methods are written in *lang*
    (:func:`~goalchain.report.period_label`,
    :func:`~goalchain.report.assessment_method_label`).

    Parameters
    ----------
    chain
        The goal chain.
    lang
        ``"sv"``, ``"en"`` or another language goalchain has a catalog for.
    period
        Show measurements and assessments up to this period; None: the latest.
    show_weights
        Show link weights other than 1.
    show_data
        Show baselines, targets, latest values, activity statuses and assessments.

    Returns
    -------
    str
        The tree, one element a line.

    Raises
    ------
    InvalidValueError
        For a language goalchain does not speak.

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("v", "En god kommun att leva i", level="vision")
    >>> _ = chain.add_goal("k1", "Fler i arbete", level="council", parents=["v"],
    ...                    owner="Kommunfullmäktige")
    >>> print(render_tree(chain))
    Exempel (Klassisk målkedja)
    └── [Vision] v: En god kommun att leva i
        └── [KF-mål] k1: Fler i arbete — Kommunfullmäktige
    """
    check_lang(lang)
    model = chain.model
    title = model.label_en if lang == "en" else model.label_sv
    name = chain.name or gettext("(unnamed)", lang)
    lines = [one_line(f"{name} ({title or model.name})")]
    shown: set[str] = set()
    top = set(model.roots())

    def walk(node: str, parent: str | None, prefix: str, last: bool) -> None:
        element = chain[node]
        branch = "└── " if last else "├── "
        text = one_line(_describe(chain, element, parent, lang, period, show_weights, show_data))
        if node in shown:
            lines.append(f"{prefix}{branch}{text} " + gettext("(see above)", lang))
            return
        shown.add(node)
        lines.append(f"{prefix}{branch}{text}")
        children = chain.children(node)
        for i, child in enumerate(children):
            walk(child, node, prefix + ("    " if last else "│   "), i == len(children) - 1)

    roots = [r for r in chain.roots() if chain[r].level in top]
    orphans = chain.orphans()
    for i, root in enumerate(roots):
        walk(root, None, "", i == len(roots) - 1 and not orphans)
    if orphans:
        lines.append("└── " + gettext("Not linked upwards:", lang))
        for i, orphan in enumerate(orphans):
            walk(orphan, None, "    ", i == len(orphans) - 1)
    return "\n".join(lines)


def _describe(
    chain: GoalChain,
    element: Element,
    parent: str | None,
    lang: str,
    period: object,
    show_weights: bool,
    show_data: bool,
) -> str:
    level = chain.model.level(element.level).label(lang)
    text = f"[{level}] {element.id}: {element.title}"
    if element.owner:
        text += f" — {element.owner}"
    notes: list[str] = []
    if parent is not None and show_weights:
        weight = chain.weight(parent, element.id)
        if weight != 1.0:
            shown = format_number(weight, lang=lang)
            notes.append(gettext("weight {weight}", lang).format(weight=shown))
    if getattr(element, "cross_cutting", False):
        notes.append(gettext("cross-cutting", lang))
    if show_data:
        notes.extend(_data_notes(chain, element, lang, period))
    if notes:
        text += " (" + "; ".join(notes) + ")"
    return text


def _target_reached(chain: GoalChain, indicator: Indicator, period: Period) -> bool:
    """Whether the follow-up of *period*'s year calls the indicator's target reached."""
    from ..rollup._followup import follow_up_row

    row = follow_up_row(chain, indicator, Period.parse(period.year))
    return row.category == "achieved"


def _data_notes(chain: GoalChain, element: Element, lang: str, period: object) -> list[str]:
    notes: list[str] = []
    if isinstance(element, Indicator):
        unit = element.unit
        if element.baseline is not None and element.target is not None:
            notes.append(
                f"{format_value(element.baseline.value, unit, lang=lang)} ({element.baseline.year})"
                f" → {format_target(element.target, unit, lang=lang)} ({element.target.year})"
            )
        measurements = chain.measurements(element.id, gender="T")
        if period is not None:
            wanted = Period.parse(period)
            measurements = [m for m in measurements if m.period <= wanted]
        if measurements:
            latest = measurements[-1]
            note = gettext("latest {value} ({period})", lang).format(
                value=format_value(latest.value, unit, lang=lang),
                period=period_label(latest.period, lang=lang, style="long"),
            )
            if latest.preliminary:
                note += " " + gettext("prelim.", lang)
            if element.target is not None and _target_reached(chain, element, latest.period):
                note += ", " + gettext("target reached", lang)
            notes.append(note)
        else:
            notes.append(gettext("no measurements", lang))
    elif isinstance(element, Activity):
        status = _activity_status(element.status, lang)
        if element.status == "in_progress" and element.progress is not None:
            status += " " + format_value(element.progress * 100, "percent", lang=lang, decimals=0)
        notes.append(status)
        if element.due is not None:
            due = format_date(element.due, lang=lang)
            notes.append(gettext("due {date}", lang).format(date=due))
    assessments = chain.assessments(element.id)
    if period is not None:
        wanted = Period.parse(period)
        assessments = [a for a in assessments if a.period <= wanted]
    if assessments:
        latest_assessment = assessments[-1]
        method = assessment_method_label(latest_assessment.method, lang=lang)
        notes.append(
            f"{status_label(latest_assessment.status, lang=lang)} "
            f"{period_label(latest_assessment.period, lang=lang, style='long')} ({method})"
        )
    return notes
