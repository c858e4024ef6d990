"""Roll-up of goal fulfilment: is each goal fulfilled, and why?

:func:`rollup` (or :meth:`GoalChain.rollup`) scores the leaves -- indicators by
a registered scorer (``progress``, ``target_met``), activities by their status
-- and combines children into goals by a registered strategy (``weighted``,
``worst_case``, ``mean``, ``threshold``, ``dialogue``, or your own via
:func:`register`). A goal's own ``rollup`` field chooses its strategy; the
chain's :class:`RollupSettings` (``GoalChain(rollup=...)``, ``rollup:`` in a
file) its default strategy and scorer and a status scale per level.

Examples
--------
>>> from goalchain.rollup import register, strategies
>>> @register("best_case")
... def best_case(node, children, context):
...     scores = [c.score for c in children if c.score is not None]
...     return max(scores) if scores else None
>>> "best_case" in strategies
True
>>> strategies.unregister("best_case")
"""

from ._dialogue import Dialogue
from ._engine import rollup
from ._followup import FollowUp, FollowUpRow, follow_up
from ._mean import Mean
from ._registry import (
    LeafScore,
    RollupStrategy,
    Scorer,
    register,
    register_scorer,
    scorers,
    strategies,
)
from ._result import ChildResult, NodeResult, RollupContext, RollupResult, StrategyResult
from ._scale import STATUSES, StatusScale
from ._scorers import Progress, Ratio, TargetMet, leaf_reason
from ._settings import RollupSettings
from ._threshold import Threshold
from ._weighted import Weighted
from ._worst_case import WorstCase

__all__ = [
    "STATUSES",
    "ChildResult",
    "Dialogue",
    "FollowUp",
    "FollowUpRow",
    "LeafScore",
    "Mean",
    "NodeResult",
    "Progress",
    "Ratio",
    "RollupContext",
    "RollupResult",
    "RollupSettings",
    "RollupStrategy",
    "Scorer",
    "StatusScale",
    "StrategyResult",
    "TargetMet",
    "Threshold",
    "Weighted",
    "WorstCase",
    "follow_up",
    "leaf_reason",
    "register",
    "register_scorer",
    "rollup",
    "scorers",
    "strategies",
]
