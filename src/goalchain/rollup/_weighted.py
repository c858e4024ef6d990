"""The ``weighted`` strategy: the weighted mean of the children that can be assessed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._i18n import N_
from ..exceptions import RollupError
from ._combine import coverage_of
from ._registry import register
from ._result import ChildResult, StrategyResult

__all__ = ["Weighted"]


@register("weighted")
class Weighted:
    r"""Sum of weight x score over the assessable children, divided by their weight.

    Children that cannot be assessed do not count as zero: they are left out
    and lower the ``coverage`` (the weighted share of the measured leaves below).
    Weights summing to zero raise :class:`~goalchain.RollupError`.

    Examples
    --------
    >>> from goalchain.rollup import ChildResult, Weighted
    >>> kids = [ChildResult("a", 1.0, "achieved", 2.0), ChildResult("b", 0.4, "not_achieved", 1.0),
    ...         ChildResult("c", None, "not_assessed", 1.0)]
    >>> result = Weighted().combine(None, kids, None)
    >>> round(result.score, 6), result.coverage
    (0.8, 0.75)
    """

    def combine(
        self, node: Any, children: Sequence[ChildResult], context: Any
    ) -> StrategyResult | None:
        if not children:
            return StrategyResult(score=None, coverage=0.0, reason_code="no_children")
        total = sum(c.weight for c in children)
        if total <= 0:
            node_id = getattr(node, "id", None)
            raise RollupError(
                N_(
                    "{node!r}: the weights of its children sum to zero; give at least one link "
                    "a weight above zero"
                ),
                element=node_id,
                strategy="weighted",
                params={"node": node_id},
            )
        assessed = [c for c in children if c.score is not None]
        weight = sum(c.weight for c in assessed)
        if weight <= 0:
            return StrategyResult(
                score=None, coverage=coverage_of(children), reason_code="no_weighted_child_assessed"
            )
        pairs = [(c.weight, c.score) for c in assessed if c.score is not None and c.weight > 0]
        score = sum(w * s for w, s in pairs) / weight
        low, high = min(s for _, s in pairs), max(s for _, s in pairs)
        return StrategyResult(score=max(low, min(high, score)), coverage=coverage_of(children))
