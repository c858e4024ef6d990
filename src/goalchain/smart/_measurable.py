"""*Mätbart*: the goal has an indicator with unit, direction, baseline and target."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..models import Goal, Indicator
from ._context import LevelRoles, SmartContext
from ._finding import Judgement, Table, from_table
from ._registry import register

__all__ = ["Measurable", "goal_target"]

# Words that agree with how many indicators there are: (one, several), per language.
_WORDS: Mapping[str, tuple[Mapping[str, str], Mapping[str, str]]] = {
    "indicator": (
        {"sv": "indikatorn", "en": "indicator"},
        {"sv": "indikatorerna", "en": "indicators"},
    ),
    "direction": (
        {"sv": "en riktningsvisande indikator", "en": "an indicator that shows the direction"},
        {"sv": "riktningsvisande indikatorer", "en": "indicators that show the direction"},
    ),
    "subject": (
        {"sv": "målets indikator", "en": "the goal's indicator"},
        {"sv": "målets indikatorer", "en": "the goal's indicators"},
    ),
    "the_indicator": (
        {"sv": "indikatorn", "en": "the indicator"},
        {"sv": "indikatorerna", "en": "the indicators"},
    ),
}
# The indicator fields a goal's indicators may lack, as a person names them.
_FIELDS: Mapping[str, Mapping[str, str]] = {
    "baseline": {"sv": "utgångsvärde", "en": "baseline"},
    "target": {"sv": "målvärde", "en": "target"},
}


# The codes whose words agree with the number of indicators, and the word each uses.
_AGREEING = {"indicator": "indicator", "direction_indicator": "direction"}


def _agreeing(table: Table, many: bool) -> Table:
    """*table* with each code's ``{noun}``/``{subject}`` filled in for one or several
    indicators, so that its judgements stay plain (and shared) values."""
    out: dict[str, Any] = dict(table)
    which = 1 if many else 0
    for code, texts in table.items():
        if code not in _AGREEING and code != "indicator_incomplete":
            continue
        filled = {}
        for lang, (message, hint) in texts.items():
            noun = _WORDS[_AGREEING.get(code, "the_indicator")][which][lang]
            subject = _WORDS["subject"][which][lang]
            filled[lang] = (
                message.replace("{noun}", noun).replace("{subject}", subject),
                hint.replace("{noun}", noun).replace("{subject}", subject),
            )
        out[code] = filled
    return out


_TEXT: Table = {
    "indicator": {
        "sv": (
            "målet mäts med {noun} {evidence} (enhet, riktning, utgångsvärde och målvärde)",
            "",
        ),
        "en": (
            "the goal is measured by {noun} {evidence} (unit, direction, baseline and target)",
            "",
        ),
    },
    "indicator_below": {
        "sv": ("målet mäts genom indikatorerna för målen under det: {evidence}", ""),
        "en": ("the goal is measured through the indicators of the goals below it: {evidence}", ""),
    },
    "direction_indicator": {
        "sv": ("målet följs med {noun}: {evidence}", ""),
        "en": ("the goal is followed by {noun}: {evidence}", ""),
    },
    "goal_target": {
        "sv": ("målet har ett eget målvärde: {evidence}", ""),
        "en": ("the goal has its own target value: {evidence}", ""),
    },
    "indicator_incomplete": {
        "sv": (
            "{subject} saknar uppgifter: {evidence}",
            "ange utgångsvärde (år och värde) och målvärde (år och värde) för {noun}",
        ),
        "en": (
            "{subject} lack data: {evidence}",
            "give {noun} a baseline (year and value) and a target (year and value)",
        ),
    },
    "no_indicator": {
        "sv": (
            "målet har ingen indikator och inget målvärde",
            "koppla en indikator med enhet, riktning, utgångsvärde och målvärde "
            "(gärna ett nyckeltal i Kolada), eller ange ett målvärde för målet",
        ),
        "en": (
            "the goal has no indicator and no target value",
            "link an indicator with unit, direction, baseline and target (a Kolada KPI "
            "where one fits), or give the goal a target value",
        ),
    },
    "no_chain": {
        "sv": (
            "målets indikatorer syns bara i målkedjan",
            "kontrollera målet i sin målkedja",
        ),
        "en": (
            "the goal's indicators are only seen in its chain",
            "check the goal within its chain",
        ),
    },
}

_TEXT_ONE = _agreeing(_TEXT, many=False)
_TEXT_MANY = _agreeing(_TEXT, many=True)


def _text(count: int) -> Table:
    """The table whose words agree with *count* indicators."""
    return _TEXT_ONE if count == 1 else _TEXT_MANY


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

    label_sv = "Mätbart"
    label_en = "Measurable"
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
                _text(len(indicators)), "pass", "direction_indicator", evidence=_ids(indicators)
            )
        good = [i for i in indicators if complete(i)]
        if good:
            return from_table(_text(len(good)), "pass", "indicator", evidence=_ids(good), once=True)
        below = [i for i in context.indicators_below(goal.id) if complete(i)]
        if below:
            return from_table(_TEXT, "pass", "indicator_below", evidence=_ids(below))
        if indicators:
            missing: dict[str, list[str]] = {"sv": [], "en": []}
            for indicator in indicators:
                fields = [f for f in ("baseline", "target") if getattr(indicator, f) is None]
                for lang, parts in missing.items():
                    named = ", ".join(_FIELDS[f][lang] for f in fields)
                    parts.append(f"{indicator.id}: {named}")
            return from_table(
                _text(len(indicators)),
                "warn",
                "indicator_incomplete",
                evidence={lang: "; ".join(parts) for lang, parts in missing.items()},
            )
        return from_table(_TEXT, "fail", "no_indicator")
