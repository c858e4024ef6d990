"""The ``threshold`` strategy: achieved when at least k children (or a share) are achieved."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from .._i18n import N_
from ..exceptions import Message, RollupError
from ._combine import coverage_of
from ._registry import register
from ._result import ChildResult, StrategyResult

__all__ = ["Threshold"]


@register("threshold")
class Threshold:
    """Achieved when at least *k* assessable children, or a *share* of them, are achieved.

    The parameters are set per goal in its ``extra`` field, under
    ``rollup_params``: ``{"k": 2}`` or ``{"share": 0.5}`` (of the assessable
    children, rounded up). Without them every assessable child must be achieved
    (``share: 1.0``). In a file::

        - id: kf1
          rollup: threshold
          rollup_params: {k: 2}

    Children linked with weight 0 do not count (as under ``weighted``).
    The score is 1.0 when the threshold is reached, otherwise the achieved
    children's count divided by the number needed, so the status reads partly
    when at least half of what is needed is achieved.

    Examples
    --------
    >>> from goalchain import Goal
    >>> from goalchain.rollup import ChildResult, Threshold
    >>> goal = Goal(id="kf1", title="Mål", level="council", rollup="threshold",
    ...             extra={"rollup_params": {"k": 2}})
    >>> kids = [ChildResult("a", 1.0, "achieved", 1.0), ChildResult("b", 0.2, "not_achieved", 1.0),
    ...         ChildResult("c", 1.0, "achieved", 1.0)]
    >>> Threshold().combine(goal, kids, None).score
    1.0
    >>> Threshold().combine(goal, kids[:2], None).score
    0.5
    """

    def combine(
        self, node: Any, children: Sequence[ChildResult], context: Any
    ) -> StrategyResult | None:
        counted = [c for c in children if c.weight > 0]
        assessed = [c for c in counted if c.score is not None]
        if not assessed:
            return StrategyResult(
                score=None, coverage=coverage_of(children), reason_code="no_child_assessed"
            )
        needed = _needed(node, len(assessed))
        achieved = sum(1 for c in assessed if c.status == "achieved")
        score = 1.0 if achieved >= needed else achieved / needed
        return StrategyResult(
            score=score,
            coverage=coverage_of(children),
            reason_code="threshold",
            reason_args={"achieved": achieved, "needed": needed},
        )


def _needed(node: Any, n_assessed: int) -> int:
    node_id = getattr(node, "id", None)
    extra = getattr(node, "extra", None) or {}
    params = extra.get("rollup_params", {}) if isinstance(extra, Mapping) else {}

    def fail(message: str, **fields: object) -> RollupError:
        return RollupError(
            N_("{node!r}, field 'rollup_params': {reason}"),
            element=node_id,
            strategy="threshold",
            params={"node": node_id, "reason": Message(message, **fields)},
        )

    if not isinstance(params, Mapping):
        raise fail(
            N_("expected a mapping such as {{k: 2}} or {{share: 0.5}}, got {params!r}"),
            params=params,
        )
    unknown = set(params) - {"k", "share"}
    if unknown or ("k" in params and "share" in params):
        raise fail(
            N_("give either 'k' or 'share', got {names}"),
            names=", ".join(sorted(map(str, params))),
        )
    if "k" in params:
        k = params["k"]
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise fail(N_("'k' must be a whole number >= 1, got {k!r}"), k=k)
        return k
    share = params.get("share", 1.0)
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
        raise fail(N_("'share' must be a number in (0, 1], got {share!r}"), share=share)
    return max(1, math.ceil(share * n_assessed - 1e-9))
