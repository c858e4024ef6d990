"""The ``mean`` strategy: the unweighted mean of the assessable children."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._combine import coverage_of
from ._registry import register
from ._result import ChildResult, StrategyResult

__all__ = ["Mean"]


@register("mean")
class Mean:
    """The unweighted mean of the assessable children's scores; weights are ignored.

    Children linked with weight 0 do not count (as under ``weighted``). Coverage
    is, as under every strategy, the weighted share of the measured leaves below.

    Examples
    --------
    >>> from goalchain.rollup import ChildResult, Mean
    >>> kids = [ChildResult("a", 1.0, "achieved", 5.0), ChildResult("b", 0.5, "partly", 1.0),
    ...         ChildResult("c", None, "not_assessed", 1.0)]
    >>> result = Mean().combine(None, kids, None)
    >>> result.score, round(result.coverage, 3)
    (0.75, 0.857)
    """

    def combine(
        self, node: Any, children: Sequence[ChildResult], context: Any
    ) -> StrategyResult | None:
        counted = [c for c in children if c.weight > 0]
        scores = [c.score for c in counted if c.score is not None]
        if not scores:
            return StrategyResult(
                score=None, coverage=coverage_of(children), reason_code="no_child_assessed"
            )
        score = sum(scores) / len(scores)
        return StrategyResult(
            score=max(min(scores), min(max(scores), score)), coverage=coverage_of(children)
        )
