"""*Ansvar*: the goal is addressed to a named owner that is a known body of the chain."""

from __future__ import annotations

import difflib

from .._i18n import N_
from ..models import Goal
from ._bodies import body_key, same_body
from ._context import LevelRoles, SmartContext
from ._finding import Judgement, Table, from_table
from ._registry import LabelIn, register

__all__ = ["VAGUE_OWNERS", "Responsible"]

VAGUE_OWNERS: frozenset[str] = frozenset(
    {
        "alla",
        "alla nämnder",
        "samtliga",
        "samtliga nämnder",
        "samtliga förvaltningar",
        "alla förvaltningar",
        "kommunen",
        "hela kommunen",
        "förvaltningen",
        "verksamheten",
        "verksamheterna",
        "ingen",
        "okänd",
        "?",
        "-",
        "all",
        "everyone",
        "all committees",
        "the municipality",
        "unknown",
        "n/a",
    }
)
"""Owners that name nobody in particular (compared in lower case)."""

_TEXT: Table = {
    "owner": (
        N_("the goal is addressed to {evidence}"),
        "",
    ),
    "no_owner": (
        N_("the goal has no owner"),
        N_("address the goal to a named recipient: the committee or manager responsible for it"),
    ),
    "vague_owner": (
        N_("the owner {evidence} names no recipient"),
        N_(
            "address the goal to a named committee or manager; a shared goal is adopted by "
            "each committee on its own (a cross-cutting goal)"
        ),
    ),
    "unknown_owner": (
        N_("the owner {evidence} is not among the chain's bodies"),
        N_("choose one of the bodies the chain lists, or add it to the list"),
    ),
    "owner_spelling": (
        N_("the owner {evidence} is spelled differently from {other} elsewhere in the chain"),
        N_("write the body's name the same way everywhere, or its goals count as another body's"),
    ),
}


@register("responsible")
class Responsible:
    """A named owner (recipient) that is a known body of the chain.

    No owner fails. An owner that names nobody in particular ("alla nämnder",
    "kommunen") warns. When the chain lists its bodies
    (``metadata["bodies"]``, a list of names), the owner must be one of them;
    otherwise the known bodies are the owners and deciding bodies used in the
    chain, and an owner spelled almost like another of them (a likely typo) warns.

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Exempel", metadata={"bodies": ["Socialnämnden"]})
    >>> _ = chain.add_goal("kf1", "Äldre ska känna sig trygga", level="council", owner="SN")
    >>> _ = chain.add_goal("kf2", "Fler ska må bra", level="council", owner="Alla nämnder")
    >>> [(f.element, f.code) for f in gc.smart.check(chain, criteria=["responsible"])]
    [('kf1', 'owner'), ('kf2', 'vague_owner')]
    """

    label = N_("Responsible")
    label_sv = LabelIn("sv")
    label_en = LabelIn("en")

    def default_levels(self, roles: LevelRoles) -> tuple[str, ...]:
        """Every goal level: even a vision has an owner."""
        return roles.goal

    def check(self, goal: Goal, context: SmartContext) -> Judgement:
        """Judge one goal."""
        owner = goal.owner
        if not owner or not owner.strip():
            return from_table(_TEXT, "fail", "no_owner")
        if " ".join(owner.casefold().split()) in VAGUE_OWNERS:
            return from_table(_TEXT, "warn", "vague_owner", evidence=owner)
        if context.listed_bodies:
            if not any(same_body(owner, body) for body in context.listed_bodies):
                return from_table(_TEXT, "warn", "unknown_owner", evidence=owner)
        else:
            other = self._near(owner, context)
            if other is not None:
                return from_table(_TEXT, "warn", "owner_spelling", evidence=owner, other=other)
        return from_table(_TEXT, "pass", "owner", evidence=owner)

    def _near(self, owner: str, context: SmartContext) -> str | None:
        """A body used at least as often, spelled almost like *owner* (cached)."""
        known = context.known_bodies
        uses = context.body_uses
        cache: dict[str, str | None] = context.cache.setdefault("responsible.near", {})
        if owner in cache:
            return cache[owner]
        found = None
        key = body_key(owner)
        for body in known:
            if body == owner or uses.get(body, 0) < uses.get(owner, 0) or same_body(owner, body):
                continue
            other = body_key(body)
            if len(key) >= 6 and difflib.SequenceMatcher(None, key, other).ratio() >= 0.9:
                found = body
                break
        cache[owner] = found
        return found
