"""The ``worst_case`` strategy: the weakest child decides."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._combine import coverage_of
from ._registry import register
from ._result import ChildResult, StrategyResult
from ._scale import STATUSES

__all__ = ["WorstCase"]


@register("worst_case")
class WorstCase:
    """The lowest score of the assessable children; the status is the worst status.

    Children linked with weight 0 do not count (as under ``weighted``).

    Examples
    --------
    >>> from goalchain.rollup import ChildResult, WorstCase
    >>> kids = [ChildResult("a", 1.0, "achieved", 2.0), ChildResult("b", 0.6, "partly", 1.0),
    ...         ChildResult("c", None, "not_assessed", 1.0)]
    >>> result = WorstCase().combine(None, kids, None)
    >>> result.score, result.status
    (0.6, 'partly')
    """

    def combine(
        self, node: Any, children: Sequence[ChildResult], context: Any
    ) -> StrategyResult | None:
        assessed = [c for c in children if c.score is not None and c.weight > 0]
        if not assessed:
            return StrategyResult(
                score=None, coverage=coverage_of(children), reason_code="no_child_assessed"
            )
        score = min(c.score for c in assessed if c.score is not None)
        status = max((c.status for c in assessed), key=STATUSES.index)
        return StrategyResult(score=score, status=status, coverage=coverage_of(children))
