"""Calling a strategy on one goal and turning what it returns into a :class:`NodeResult`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..exceptions import RollupError
from ._leaves import check_score
from ._result import ChildResult, NodeResult, RollupContext, StrategyResult, reason_fields
from ._scale import STATUSES

__all__ = ["call_strategy", "combine_node", "coverage_of"]


def call_strategy(
    strategy: Any,
    name: str,
    node: Any,
    children: Sequence[ChildResult],
    context: RollupContext,
) -> StrategyResult:
    """Call *strategy* on one node and check what it returns.

    Returns a :class:`StrategyResult` whose score lies in [0, 1] (or is None) and
    whose status is set.

    Raises
    ------
    RollupError
        When the strategy raises, or returns something other than a score in
        [0, 1], None or a :class:`StrategyResult`; names the strategy and the node.
    """
    node_id = node.id
    combine = getattr(strategy, "combine", strategy)
    try:
        raw = combine(node, children, context)
    except RollupError:
        raise
    except Exception as err:
        raise RollupError(
            f"roll-up strategy {name!r} failed on {node_id!r}: {type(err).__name__}: {err}",
            element=node_id,
            strategy=name,
        ) from err
    if not isinstance(raw, StrategyResult):
        score = check_score(raw, what="roll-up strategy", name=name, node=node_id)
        return StrategyResult(score=score, status=context.scale.status(score))
    score = check_score(raw.score, what="roll-up strategy", name=name, node=node_id)
    status = raw.status
    if status is not None and status not in STATUSES:
        raise RollupError(
            f"roll-up strategy {name!r} returned the status {status!r} for {node_id!r}; "
            f"statuses: {', '.join(STATUSES)}",
            element=node_id,
            strategy=name,
        )
    if score is None:
        status = "not_assessed"
    elif status is None or status == "not_assessed":
        status = context.scale.status(score)
    coverage = raw.coverage
    if coverage is not None:
        coverage = check_score(coverage, what="roll-up strategy", name=name, node=node_id)
    try:
        reason_fields(raw.reason, raw.reason_code, raw.reason_args)
    except ValueError as err:
        raise RollupError(
            f"roll-up strategy {name!r} on {node_id!r}: {err}", element=node_id, strategy=name
        ) from None
    return StrategyResult(
        score=score,
        status=status,
        coverage=coverage,
        reason=raw.reason,
        reason_code=raw.reason_code,
        reason_args=raw.reason_args,
        provenance=raw.provenance,
        computed=raw.computed,
        assessment=raw.assessment,
        awaiting_dialogue=raw.awaiting_dialogue,
    )


def coverage_of(children: Sequence[ChildResult]) -> float:
    """The share of the children's weight (or, with no weight, of their count) assessed."""
    if not children:
        return 0.0
    total = sum(c.weight for c in children)
    if total > 0:
        return sum(c.weight for c in children if c.score is not None) / total
    return sum(1 for c in children if c.score is not None) / len(children)


def combine_node(
    element: Any,
    name: str,
    strategy: Any,
    children: Sequence[ChildResult],
    context: RollupContext,
) -> NodeResult:
    """The :class:`NodeResult` of goal *element*: *strategy* on its *children*."""
    out = call_strategy(strategy, name, element, children, context)
    coverage = out.coverage
    if coverage is None:
        coverage = coverage_of(children)
    deviation = None
    if out.provenance == "dialogue" and out.score is not None and out.computed is not None:
        deviation = out.score - out.computed
    return NodeResult(
        id=element.id,
        kind=element.kind,
        score=out.score,
        status=out.status or context.scale.status(out.score),
        coverage=coverage,
        strategy=name,
        provenance=out.provenance,
        children=tuple((c.id, c.weight, c.score) for c in children),
        computed=out.computed,
        deviation=deviation,
        assessment=out.assessment,
        awaiting_dialogue=out.awaiting_dialogue,
        **reason_fields(out.reason, out.reason_code, out.reason_args),
    )
