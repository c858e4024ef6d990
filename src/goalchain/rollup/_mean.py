"""The ``mean`` strategy: the unweighted mean of the assessable children."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._registry import register
from ._result import ChildResult, StrategyResult

__all__ = ["Mean"]


@register("mean")
class Mean:
    """The unweighted mean of the assessable children's scores; weights are ignored.

    Coverage is the share of children (by count) that could be assessed.
    Children linked with weight 0 do not count (as under ``weighted``).

    Examples
    --------
    >>> from goalchain.rollup import ChildResult, Mean
    >>> kids = [ChildResult("a", 1.0, "achieved", 5.0), ChildResult("b", 0.5, "partly", 1.0),
    ...         ChildResult("c", None, "not_assessed", 1.0)]
    >>> result = Mean().combine(None, kids, None)
    >>> result.score, round(result.coverage, 3)
    (0.75, 0.667)
    """

    def combine(
        self, node: Any, children: Sequence[ChildResult], context: Any
    ) -> StrategyResult | None:
        counted = [c for c in children if c.weight > 0]
        scores = [c.score for c in counted if c.score is not None]
        if not scores:
            return StrategyResult(score=None, coverage=0.0, reason_code="no_child_assessed")
        score = sum(scores) / len(scores)
        return StrategyResult(
            score=max(min(scores), min(max(scores), score)),
            coverage=len(scores) / len(counted),
        )
