"""Calling a strategy on one goal and turning what it returns into a :class:`NodeResult`."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import attrs

from .._i18n import N_
from ..exceptions import Message, RollupError
from ._leaves import check_score
from ._result import (
    REASONS,
    ChildResult,
    NodeResult,
    RollupContext,
    StrategyResult,
    reason_fields,
)
from ._scale import STATUSES, StatusScale

__all__ = ["call_strategy", "child_coverage", "combine_node", "coverage_of"]

_STRATEGY = Message(N_("roll-up strategy"))


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
            N_("roll-up strategy {name!r} failed on {node!r}: {error}"),
            element=node_id,
            strategy=name,
            params={"name": name, "node": node_id, "error": f"{type(err).__name__}: {err}"},
        ) from err
    if not isinstance(raw, StrategyResult):
        score = check_score(raw, what=_STRATEGY, name=name, node=node_id)
        return StrategyResult(score=score, status=context.scale.status(score))
    score = check_score(raw.score, what=_STRATEGY, name=name, node=node_id)
    status = raw.status
    if status is not None and status not in STATUSES:
        raise RollupError(
            N_(
                "roll-up strategy {name!r} returned the status {status!r} for {node!r}; "
                "statuses: {statuses}"
            ),
            element=node_id,
            strategy=name,
            params={
                "name": name,
                "status": status,
                "node": node_id,
                "statuses": ", ".join(STATUSES),
            },
        )
    if score is None:
        status = "not_assessed"
    elif status is None or status == "not_assessed":
        status = context.scale.status(score)
    coverage = raw.coverage
    if coverage is not None:
        coverage = check_score(coverage, what=_STRATEGY, name=name, node=node_id)
    if raw.reason_code is not None and raw.reason_code not in REASONS:
        raise RollupError(
            N_(
                "roll-up strategy {name!r} on {node!r}: unknown reason code {code!r}; "
                "codes: {codes}"
            ),
            element=node_id,
            strategy=name,
            params={
                "name": name,
                "node": node_id,
                "code": raw.reason_code,
                "codes": ", ".join(sorted(REASONS)),
            },
        )
    try:
        reason_fields(raw.reason, raw.reason_code, raw.reason_args)
    except ValueError as err:  # a reason's fields that do not fit its words
        raise RollupError(
            N_("roll-up strategy {name!r} on {node!r}: {error}"),
            element=node_id,
            strategy=name,
            params={"name": name, "node": node_id, "error": str(err)},
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


def child_coverage(child: ChildResult) -> float:
    """A child's coverage: as given, else 1 when it is assessed and 0 when not."""
    if child.coverage is not None:
        return child.coverage
    return 0.0 if child.score is None else 1.0


def coverage_of(children: Sequence[ChildResult]) -> float:
    r"""The weighted share of the measured leaves below a goal with these *children*.

    :math:`\sum_c w_c \, k_c / \sum_c w_c` over the children *c* with link
    weight :math:`w_c` and coverage :math:`k_c` (a leaf's is 1 when it is
    assessed, else 0), so a goal's coverage is the share of the weight of its
    leaves, along every path down, that is measured. 0 when the children's
    links weigh nothing in all, or there are no children.

    Examples
    --------
    >>> from goalchain.rollup import ChildResult
    >>> from goalchain.rollup._combine import coverage_of
    >>> coverage_of([ChildResult("g", 0.8, "partly", 3.0, coverage=0.5),
    ...              ChildResult("i", None, "not_assessed", 1.0)])
    0.375
    """
    total = math.fsum(c.weight for c in children)
    if not total > 0:
        return 0.0
    # each child's share of the weight first: weight x coverage underflows for a
    # weight near the smallest float (5e-324 x 0.5 is 0)
    covered = math.fsum(c.weight / total * child_coverage(c) for c in children)
    return min(covered, 1.0)


_NOT_ASSESSED_CODES = (None, "no_child_assessed", "no_weighted_child_assessed")


def combine_node(
    element: Any,
    name: str,
    strategy: Any,
    children: Sequence[ChildResult],
    context: RollupContext,
    scale: StatusScale | None = None,
) -> NodeResult:
    """The :class:`NodeResult` of goal *element*: *strategy* on its *children*.

    *scale* is the goal's own status scale when it has one (its ``status_scale``
    or its level's), else the context's. No verdict without data: a goal none of
    whose children is assessed is not assessed, whatever the strategy returns,
    unless a recorded dialogue assessment decides.
    """
    if scale is not None and scale is not context.scale:
        context = attrs.evolve(context, scale=scale)
    out = call_strategy(strategy, name, element, children, context)
    coverage = out.coverage
    if coverage is None:
        coverage = coverage_of(children)
    if (
        children
        and out.provenance != "dialogue"
        and all(c.score is None for c in children)
        and (
            out.score is not None or (out.reason is None and out.reason_code in _NOT_ASSESSED_CODES)
        )
    ):
        out = attrs.evolve(
            out,
            score=None,
            status="not_assessed",
            coverage=coverage,
            reason=None,
            reason_code="no_measured_leaf",
            reason_args={"period": str(context.period)},
        )
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
