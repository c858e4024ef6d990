"""*Mätbart*: the goal has an indicator with unit, direction, baseline and target."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .._i18n import N_, ngettext, pgettext
from ..models import Goal, Indicator
from ._context import LevelRoles, SmartContext
from ._finding import Judgement, Table, Texts, from_table
from ._registry import LabelIn, register

__all__ = ["Measurable", "goal_target"]

# The indicator fields a goal's indicators may lack, as a person names them.
_FIELDS: Mapping[str, Callable[[str], str]] = {
    "baseline": lambda lang: pgettext("indicator field", "baseline", lang),
    "target": lambda lang: pgettext("indicator field", "target", lang),
}


_TEXT: Table = {
    "indicator": (
        lambda n, lang: ngettext(
            "the goal is measured by indicator {evidence} (unit, direction, baseline and target)",
            "the goal is measured by indicators {evidence} (unit, direction, baseline and target)",
            n,
            lang,
        ),
        "",
    ),
    "indicator_below": (
        N_("the goal is measured through the indicators of the goals below it: {evidence}"),
        "",
    ),
    "direction_indicator": (
        lambda n, lang: ngettext(
            "the goal is followed by an indicator that shows the direction: {evidence}",
            "the goal is followed by indicators that show the direction: {evidence}",
            n,
            lang,
        ),
        "",
    ),
    "goal_target": (N_("the goal has its own target value: {evidence}"), ""),
    "indicator_incomplete": (
        lambda n, lang: ngettext(
            "the goal's indicator lacks data: {evidence}",
            "the goal's indicators lack data: {evidence}",
            n,
            lang,
        ),
        lambda n, lang: ngettext(
            "give the indicator a baseline (year and value) and a target (year and value)",
            "give the indicators a baseline (year and value) and a target (year and value)",
            n,
            lang,
        ),
    ),
    "no_indicator": (
        N_("the goal has no indicator and no target value"),
        N_(
            "link an indicator with unit, direction, baseline and target (a Kolada KPI "
            "where one fits), or give the goal a target value"
        ),
    ),
    "no_chain": (
        N_("the goal's indicators are only seen in its chain"),
        N_("check the goal within its chain"),
    ),
}


def _missing(indicators: Sequence[Indicator], lang: str) -> str:
    """The fields each of *indicators* lacks, named in *lang* (``i1: målvärde``)."""
    parts = []
    for indicator in indicators:
        fields = [f for f in ("baseline", "target") if getattr(indicator, f) is None]
        parts.append(f"{indicator.id}: {', '.join(_FIELDS[f](lang) for f in fields)}")
    return "; ".join(parts)


def goal_target(goal: Goal) -> tuple[int | None, float] | None:
    """A target value on the goal itself: ``extra["target"]`` as ``{year, value}`` or a pair.

    Examples
    --------
    >>> from goalchain.models import Goal
    >>> from goalchain.smart import goal_target
    >>> goal = Goal(id="kf5", title="Lägre sjukfrånvaro", level="council",
    ...             extra={"target": {"year": 2026, "value": 6.5}})
    >>> goal_target(goal)
    (2026, 6.5)
    """
    # most goals have no extra fields: skip the lookup (Mapping.get raises inside when missing)
    value: Any = goal.extra.get("target") if goal.extra else None
    if value is None:
        return None
    year: Any = None
    if isinstance(value, Mapping):
        year, value = value.get("year"), value.get("value")
    elif isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
        year, value = value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        year = None
    return year, float(value)


def complete(indicator: Indicator) -> bool:
    """An indicator with baseline and target (unit and direction it always has)."""
    return indicator.baseline is not None and indicator.target is not None


def _ids(indicators: list[Indicator]) -> str:
    shown = ", ".join(i.id for i in indicators[:5])
    return shown + (f" (+{len(indicators) - 5})" if len(indicators) > 5 else "")


@register("measurable")
class Measurable:
    """At least one indicator with unit, direction, baseline and target, or a target on the goal.

    An indicator directly below the goal counts; a goal without one of its own
    is measured through the indicators of the goals below it (a council goal
    followed up through the committee goals). At *direction levels*
    (Nynäshamn's council goals, by default) an indicator that shows the
    direction is enough. A target value on the goal itself is the ``target``
    field of a goal in a file (``target: {year: 2026, value: 6.5}``).

    Notes
    -----
    Option ``direction_levels``: the level keys where an indicator with unit and
    direction suffices; None (default) takes the model's
    (:attr:`LevelRoles.direction`).

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("kf1", "Fler elever ska klara skolan", level="council")
    >>> _ = chain.add_indicator("i1", "Behöriga", parents=["kf1"], unit="percent",
    ...                         baseline=(2022, 78.0))
    >>> f = gc.smart.check(chain, criteria=["measurable"], strict=True)[0]
    >>> f.verdict, f.code, f.evidence
    ('warn', 'indicator_incomplete', 'i1: målvärde')
    """

    label = N_("Measurable")
    label_sv = LabelIn("sv")
    label_en = LabelIn("en")
    defaults: Mapping[str, Any] = {"direction_levels": None}

    def default_levels(self, roles: LevelRoles) -> tuple[str, ...]:
        """Every goal level below the top (a vision is not measured)."""
        return roles.below_top

    def check(self, goal: Goal, context: SmartContext) -> Judgement:
        """Judge one goal."""
        own = goal_target(goal)
        if own is not None:
            year, value = own
            shown = f"{value:g}" + (f" ({year})" if year is not None else "")
            return from_table(_TEXT, "pass", "goal_target", evidence=shown)
        if context.chain is None:
            return from_table(_TEXT, "not_applicable", "no_chain")
        indicators = context.indicators(goal.id)
        direction_levels = context.options.get("direction_levels")
        if direction_levels is None:
            direction_levels = context.roles.direction
        if indicators and goal.level in direction_levels:
            return from_table(
                _TEXT,
                "pass",
                "direction_indicator",
                evidence=_ids(indicators),
                count=len(indicators),
            )
        good = [i for i in indicators if complete(i)]
        if good:
            return from_table(
                _TEXT, "pass", "indicator", evidence=_ids(good), count=len(good), once=True
            )
        below = [i for i in context.indicators_below(goal.id) if complete(i)]
        if below:
            return from_table(_TEXT, "pass", "indicator_below", evidence=_ids(below))
        if indicators:
            missing = functools.partial(_missing, indicators)
            return from_table(
                _TEXT,
                "warn",
                "indicator_incomplete",
                evidence=Texts(missing("sv"), missing("en"), missing),
                count=len(indicators),
            )
        return from_table(_TEXT, "fail", "no_indicator")
