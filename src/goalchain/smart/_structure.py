"""Structural checks of the chain, reported beside the SMART criteria (criterion ``structure``).

:func:`goalchain.validate` already finds orphans, goals that reach no council
goal, missing owners where the model requires them, cross-cutting goals missing
in a committee and targets against the direction; its findings are taken over
as they are (an error fails, a warning warns). Added here: council goals with
no committee goal below them (when the chain has committee goals at all),
indicators with no measurements, and activities without owner or due date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Activity, Finding, Goal, Indicator
from ._finding import Judgement, Table, Texts, from_table

if TYPE_CHECKING:
    from ..models import GoalChain
    from ._context import SmartContext

__all__ = ["LABELS", "structure"]

LABELS = {"sv": "Struktur", "en": "Structure"}

# Hints for the findings of goalchain.validate(), whose messages are reused.
_HINTS: dict[str, dict[str, str]] = {
    "orphan": {
        "sv": "koppla elementet till ett mål på nivån ovanför",
        "en": "link the element to a goal on the level above",
    },
    "unanchored": {
        "sv": "koppla målet till det eller de fullmäktigemål det bidrar till",
        "en": "link the goal to the council goal or goals it contributes to",
    },
    "owner_missing": {
        "sv": "ange mottagaren (owner)",
        "en": "name the recipient (owner)",
    },
    "cross_cutting_missing": {
        "sv": "lägg till det tvärsektoriella målet i nämndens mål, eller motivera undantaget",
        "en": "add the cross-cutting goal to the committee's goals, or explain the exception",
    },
    "target_against_direction": {
        "sv": "rätta riktningen eller målvärdet",
        "en": "correct the direction or the target",
    },
    "step_against_direction": {
        "sv": "rätta årsmålen så att de går i indikatorns riktning",
        "en": "correct the annual targets so that they go in the indicator's direction",
    },
}

_HINT_TEXTS = {code: Texts(hint["sv"], hint["en"]) for code, hint in _HINTS.items()}

_TEXT: Table = {
    "no_committee_goal": {
        "sv": (
            "fullmäktigemålet har inget nämndmål under sig",
            "låt den ansvariga nämnden bryta ner målet i ett eget mål, eller koppla ett "
            "befintligt nämndmål hit",
        ),
        "en": (
            "the council goal has no committee goal below it",
            "have the responsible committee break the goal down into a goal of its own, or "
            "link an existing committee goal to it",
        ),
    },
    "no_measurements": {
        "sv": (
            "indikatorn har inga mätvärden",
            "registrera utfallen (till exempel från Kolada), eller ta bort indikatorn om den "
            "inte går att mäta",
        ),
        "en": (
            "the indicator has no measurements",
            "record its values (from Kolada, for example), or drop the indicator if it cannot "
            "be measured",
        ),
    },
    "activity_no_owner": {
        "sv": ("aktiviteten saknar ansvarig", "ange vem som ansvarar för aktiviteten (owner)"),
        "en": ("the activity has no owner", "name who is responsible for the activity (owner)"),
    },
    "activity_no_due": {
        "sv": ("aktiviteten saknar slutdatum", "ange när aktiviteten ska vara klar (due)"),
        "en": ("the activity has no due date", "say when the activity is to be done (due)"),
    },
}


def _evidence(finding: Finding) -> str:
    params = finding.params
    if finding.code == "target_against_direction":
        return f"{params.get('baseline')} → {params.get('target')}"
    if finding.code == "step_against_direction":
        return f"{params.get('year')}: {params.get('value')}"
    if finding.code == "cross_cutting_missing":
        return str(params.get("title", ""))
    if finding.code == "owner_missing":
        return "owner"
    return ""


def _from_validate(finding: Finding) -> Judgement:
    hint = _HINT_TEXTS.get(finding.code)
    return Judgement(
        verdict="fail" if finding.severity == "error" else "warn",
        code=finding.code,
        message=Texts(finding.message("sv"), finding.message("en")),
        hint=hint if hint is not None else "",
        evidence=_evidence(finding),
        element=finding.element,
    )


def structure(chain: GoalChain, context: SmartContext) -> list[tuple[Judgement, str | None]]:
    """The structural findings of *chain*, each with the owner it concerns."""
    out: list[tuple[Judgement, str | None]] = []
    elements = context.elements or tuple(chain.elements())
    owners: dict[str, str | None] = {e.id: e.owner for e in elements}
    covered: set[tuple[str, str]] = set()
    for finding in chain.validate():
        judgement = _from_validate(finding)
        owner = finding.element if finding.code == "cross_cutting_missing" else None
        out.append((judgement, owners.get(finding.element, owner)))
        covered.add((finding.element, finding.code))
    roles = context.roles
    committee = set(roles.committee)
    goals = [e for e in elements if isinstance(e, Goal)]
    if committee and any(g.level in committee for g in goals):
        for goal in goals:
            if goal.level in roles.council and not any(
                isinstance(c, Goal) and c.level in committee for c in context.children(goal.id)
            ):
                out.append(
                    (
                        from_table(_TEXT, "warn", "no_committee_goal", element=goal.id, once=True),
                        goal.owner,
                    )
                )
    measured = {m.indicator for m in chain.measurements(ordered=False)}
    for element in elements:
        if isinstance(element, Indicator) and element.id not in measured:
            out.append(
                (
                    from_table(_TEXT, "warn", "no_measurements", element=element.id, once=True),
                    element.owner or _parent_owner(element.id, context),
                )
            )
        elif isinstance(element, Activity):
            parent_owner = element.owner or _parent_owner(element.id, context)
            if not element.owner and (element.id, "owner_missing") not in covered:
                out.append(
                    (
                        from_table(
                            _TEXT,
                            "warn",
                            "activity_no_owner",
                            element=element.id,
                            evidence="owner",
                            once=True,
                        ),
                        parent_owner,
                    )
                )
            if element.due is None and element.status not in ("done", "cancelled"):
                out.append(
                    (
                        from_table(
                            _TEXT,
                            "warn",
                            "activity_no_due",
                            element=element.id,
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
