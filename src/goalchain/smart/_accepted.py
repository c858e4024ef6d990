"""*Accepterat*: a recorded decision by the body that owns the goal's level."""

from __future__ import annotations

from .._i18n import N_
from ..models import Goal
from ._bodies import is_council, same_body
from ._context import LevelRoles, SmartContext
from ._finding import Judgement, Table, Texts, from_table, translated
from ._registry import LabelIn, register

__all__ = ["Accepted", "deciding_bodies"]

_COUNCIL = N_("the council (kommunfullmäktige)")

_TEXT: Table = {
    "decided": (
        N_("the goal was adopted by {body} ({evidence})"),
        "",
    ),
    "no_decision": (
        N_("no decision on the goal is recorded"),
        N_("record the decision: the body that adopted the goal ({expected}), date and reference"),
    ),
    "wrong_body": (
        N_("the goal was adopted by {evidence}, but goals at this level are adopted by {expected}"),
        N_("have {expected} adopt the goal, or correct the body in the decision"),
    ),
    "decision_incomplete": (
        N_("the decision has no {evidence}"),
        N_("complete the decision with its date and reference, so that it can be traced"),
    ),
}


def deciding_bodies(goal: Goal, context: SmartContext) -> tuple[bool, list[str]]:
    """Whether the council owns the goal's level, and the other bodies whose decision counts.

    Council and top levels are adopted by the council. Other levels by the
    goal's owner (the committee), by the owner of a goal it breaks down (the
    giver of an assignment, Lerum's *uppdragsgivare*), or by the body named in
    the goal's ``given_by`` field; a decision of the council counts everywhere.
    """
    if context.is_council_level(goal.level):
        return True, []
    bodies: list[str] = []
    if goal.owner:
        bodies.append(goal.owner)
    given_by = goal.extra.get("given_by") if goal.extra else None  # skip empty extras
    if isinstance(given_by, str) and given_by.strip():
        bodies.append(given_by)
    for parent in context.parents(goal.id):
        if isinstance(parent, Goal) and parent.owner and parent.owner not in bodies:
            bodies.append(parent.owner)
    return False, bodies


@register("accepted")
class Accepted:
    """A recorded decision (body, date, reference) by the body that owns the level.

    Council goals are adopted by the council (*kommunfullmäktige*, *KF*,
    *fullmäktige*), committee goals by that committee (the goal's owner) or by
    whoever gave the assignment (the owner of the goal above it, or the goal's
    ``given_by``). Names match whatever their case, definite form or common
    abbreviation (``KS`` = *Kommunstyrelsen*, ``BUN`` = *Barn- och
    utbildningsnämnden*). No decision fails; a decision by another body, or
    without date or reference, warns.

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("kf1", "Fler elever ska klara skolan", level="council",
    ...                    decision={"body": "Kommunstyrelsen", "date": "2023-02-01"})
    >>> [(f.code, f.evidence) for f in gc.smart.check(chain, criteria=["accepted"])]
    [('wrong_body', 'Kommunstyrelsen'), ('decision_incomplete', 'decision.reference')]
    """

    label = N_("Accepted")
    label_sv = LabelIn("sv")
    label_en = LabelIn("en")

    def default_levels(self, roles: LevelRoles) -> tuple[str, ...]:
        """Council and committee levels: the goals politicians adopt."""
        return (*roles.council, *roles.committee)

    def check(self, goal: Goal, context: SmartContext) -> list[Judgement]:
        """Judge one goal."""
        council_only, bodies = deciding_bodies(goal, context)
        expected: Texts | str = (
            " / ".join(bodies) if bodies and not council_only else translated(_COUNCIL)
        )
        decision = goal.decision
        if decision is None:
            return [from_table(_TEXT, "fail", "no_decision", expected=expected)]
        out: list[Judgement] = []
        by_council = is_council(decision.body)
        if not by_council and (
            council_only or not any(same_body(decision.body, b) for b in bodies)
        ):
            out.append(
                from_table(_TEXT, "warn", "wrong_body", evidence=decision.body, expected=expected)
            )
        if decision.date is None or decision.reference is None:
            missing = [
                name
                for name, value in (
                    ("decision.date", decision.date),
                    ("decision.reference", decision.reference),
                )
                if value is None
            ]
            out.append(
                from_table(_TEXT, "warn", "decision_incomplete", evidence=", ".join(missing))
            )
        if out:
            return out
        return [
            from_table(
                _TEXT,
                "pass",
                "decided",
                body=decision.body,
                evidence=f"{decision.reference}, {decision.date}",
                once=True,
            )
        ]
