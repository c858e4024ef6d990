"""Structural checks of the chain, reported beside the SMART criteria (criterion ``structure``).

:func:`goalchain.validate` already finds orphans, goals that reach no council
goal, missing owners where the model requires them, cross-cutting goals missing
in a committee and targets against the direction; its findings are taken over
as they are (an error fails, a warning warns). Added here: council goals with
no committee goal below them (when the chain has committee goals at all),
indicators with no measurements, and activities without owner or due date.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._i18n import N_, gettext, languages
from ..models import Activity, Goal, Indicator
from ..models._validate import Problem, message_text, problems
from ._finding import Judgement, Table, Texts, from_table, translated

if TYPE_CHECKING:
    from ..models import GoalChain
    from ._context import SmartContext

__all__ = ["structure", "structure_labels"]

_LABEL = N_("Structure")


def structure_labels() -> dict[str, str]:
    """The structural checks' name in reports, in every language.

    Examples
    --------
    >>> from goalchain.smart._structure import structure_labels
    >>> structure_labels()["sv"]
    'Struktur'
    """
    return {lang: gettext(_LABEL, lang) for lang in languages()}


# Hints for the findings of goalchain.validate(), whose messages are reused.
_HINTS: dict[str, str] = {
    "orphan": N_("link the element to a goal on the level above"),
    "unanchored": N_("link the goal to the council goal or goals it contributes to"),
    "owner_missing": N_("name the recipient: the committee or manager responsible"),
    "cross_cutting_missing": N_(
        "add the cross-cutting goal to the committee's goals, or explain the exception"
    ),
    "target_against_direction": N_("correct the direction or the target"),
    "comparison_against_direction": N_("correct the direction or the target"),
    "rank_increase": N_(
        "let the indicator aim downwards (a lower rank is better), or give it another "
        "unit if the value is not a rank"
    ),
    "step_against_direction": N_(
        "correct the annual targets so that they go in the indicator's direction"
    ),
}

_TEXT: Table = {
    "no_committee_goal": (
        N_("the council goal has no committee goal below it"),
        N_(
            "have the responsible committee break the goal down into a goal of its own, or "
            "link an existing committee goal to it"
        ),
    ),
    "no_measurements": (
        N_("the indicator has no measurements"),
        N_(
            "record its values (from Kolada, for example), or drop the indicator if it cannot "
            "be measured"
        ),
    ),
    "activity_no_owner": (
        N_("the activity has no owner"),
        N_("name who is responsible for the activity"),
    ),
    "activity_no_due": (
        N_("the activity has no due date"),
        N_("say when the activity is to be done (a due date)"),
    ),
}


def _evidence(code: str, params: Mapping[str, Any]) -> str:
    if code == "target_against_direction":
        return f"{params.get('baseline')} → {params.get('target')}"
    if code == "comparison_against_direction":
        return f"{params.get('year')}: {params.get('target')}"
    if code == "step_against_direction":
        return f"{params.get('year')}: {params.get('value')}"
    if code == "cross_cutting_missing":
        return str(params.get("title", ""))
    if code == "owner_missing":
        return "owner"
    if code == "rank_increase":
        return str(params.get("unit"))
    return ""


def _from_validate(problem: Problem) -> Judgement:
    """The judgement of what :func:`goalchain.validate` found, its message in both languages."""
    element, code, severity, params, translations = problem
    hint = _HINTS.get(code)

    def message_in(lang: str) -> str:
        return message_text(code, lang, params, translations)

    return Judgement(
        verdict="fail" if severity == "error" else "warn",
        code=code,
        message=Texts(message_in("sv"), message_in("en"), message_in),
        hint=translated(hint) if hint is not None else "",
        evidence=_evidence(code, params),
        element=element,
    )


def structure(chain: GoalChain, context: SmartContext) -> list[tuple[Judgement, str | None]]:
    """The structural findings of *chain*, each with the owner it concerns."""
    out: list[tuple[Judgement, str | None]] = []
    elements = context.elements or tuple(chain.elements())
    # validate()'s findings as the tuples they are made of: no Finding objects
    found = problems(chain, elements=elements)
    nodes = chain.graph._node  # the owners of the few elements concerned, by id
    covered: set[tuple[str, str]] = set()
    for problem in found:
        element_id, code = problem.element, problem.code
        data = nodes.get(element_id)
        if data is not None:
            owner = data["element"].owner
        else:  # a committee lacking a cross-cutting goal
            owner = element_id if code == "cross_cutting_missing" else None
        out.append((_from_validate(problem), owner))
        covered.add((element_id, code))
    roles = context.roles
    committee = set(roles.committee)
    council = set(roles.council)
    has_committee_goals = False
    council_goals: list[Goal] = []
    rest: list[tuple[Judgement, str | None]] = []  # of indicators and activities, in order
    measured = chain._measured_indicators()
    for element in elements:
        if isinstance(element, Goal):
            if element.level in council:
                council_goals.append(element)
            if element.level in committee:
                has_committee_goals = True
        elif isinstance(element, Indicator):
            if element.id not in measured:
                rest.append(
                    (
                        from_table(_TEXT, "warn", "no_measurements", element=element.id, once=True),
                        element.owner or _parent_owner(element.id, context),
                    )
                )
        elif isinstance(element, Activity):
            rest.extend(_activity(element, context, covered))
    if has_committee_goals:
        for goal in council_goals:
            if not any(
                isinstance(c, Goal) and c.level in committee for c in context.children(goal.id)
            ):
                out.append(
                    (
                        from_table(_TEXT, "warn", "no_committee_goal", element=goal.id, once=True),
                        goal.owner,
                    )
                )
    out.extend(rest)
    return out


def _activity(
    activity: Activity, context: SmartContext, covered: set[tuple[str, str]]
) -> list[tuple[Judgement, str | None]]:
    """An activity's missing owner (unless validate reported it) and missing due date."""
    out: list[tuple[Judgement, str | None]] = []
    parent_owner = activity.owner or _parent_owner(activity.id, context)
    if not activity.owner and (activity.id, "owner_missing") not in covered:
        out.append(
            (
                from_table(
                    _TEXT,
                    "warn",
                    "activity_no_owner",
                    element=activity.id,
                    evidence="owner",
                    once=True,
                ),
                parent_owner,
            )
        )
    if activity.due is None and activity.status not in ("done", "cancelled"):
        out.append(
            (
                from_table(
                    _TEXT,
                    "warn",
                    "activity_no_due",
                    element=activity.id,
                    evidence="due",
                    once=True,
                ),
                parent_owner,
            )
        )
    return out


def _parent_owner(element_id: str, context: SmartContext) -> str | None:
    for parent in context.parents(element_id):
        if parent.owner:
            return parent.owner
    return None
