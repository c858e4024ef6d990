"""The ``dialogue`` strategy: a recorded dialogue assessment decides (Grästorp)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._combine import call_strategy
from ._registry import register, strategies
from ._result import ChildResult, RollupContext, StrategyResult

__all__ = ["Dialogue"]

_STATUS_SCORES = {"achieved": 1.0, "partly": 0.5, "not_achieved": 0.0}


@register("dialogue")
class Dialogue:
    """A recorded assessment for the goal and period decides; a fallback is kept beside it.

    The assessment (``chain.assess(...)``) gives the score when it has one,
    otherwise achieved 1.0, partly 0.5, not achieved 0.0; its status is the
    status. The *fallback* strategy's score is kept as ``computed`` with the
    deviation. Without an assessment the fallback's result is used, with
    provenance ``fallback`` and flagged as awaiting dialogue.

    Parameters
    ----------
    fallback
        The name of the strategy computed beside the dialogue (``"weighted"``).

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Grästorp", model="grastorp")
    >>> _ = chain.add_goal("m1", "Trygg uppväxt", level="goal", rollup="dialogue")
    >>> _ = chain.add_activity("a1", "Läxhjälp", parents=["m1"], status="done")
    >>> _ = chain.assess("m1", 2024, status="delvis uppfyllt", rationale="Läxhjälpen når få")
    >>> node = chain.rollup(2024)["m1"]
    >>> node.score, node.status, node.provenance, node.computed, node.deviation
    (0.5, 'partly', 'dialogue', 1.0, -0.5)
    """

    def __init__(self, fallback: str = "weighted"):
        self.fallback = fallback

    def combine(
        self, node: Any, children: Sequence[ChildResult], context: RollupContext
    ) -> StrategyResult:
        fallback = call_strategy(strategies[self.fallback], self.fallback, node, children, context)
        assessment = context.chain.assessment(node.id, context.period)
        if assessment is None:
            return StrategyResult(
                score=fallback.score,
                status=fallback.status,
                coverage=fallback.coverage,
                reason=fallback.reason,
                reason_code=fallback.reason_code,
                reason_args=fallback.reason_args,
                provenance="fallback",
                computed=fallback.score,
                awaiting_dialogue=True,
            )
        score = assessment.score
        if score is None:
            score = _STATUS_SCORES.get(assessment.status)
        status = assessment.status if score is not None else "not_assessed"
        return StrategyResult(
            score=score,
            status=status,
            coverage=fallback.coverage,
            provenance="dialogue",
            computed=fallback.score,
            assessment=assessment,
        )
