"""The roll-up extension points: strategies combine children, scorers score leaves."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import attrs

from .._registry import Registry
from ..exceptions import UnknownScorerError, UnknownStrategyError

if TYPE_CHECKING:
    from ..models import Goal, Indicator, Period
    from ._result import ChildResult, RollupContext, StrategyResult

__all__ = [
    "LeafScore",
    "RollupStrategy",
    "Scorer",
    "register",
    "register_scorer",
    "scorers",
    "strategies",
]


@runtime_checkable
class RollupStrategy(Protocol):
    """What a roll-up strategy is: an object with ``combine(node, children, context)``.

    ``node`` is the :class:`~goalchain.Goal`; ``children`` a sequence of
    :class:`ChildResult` (``id``, ``score`` -- None when not assessed --,
    ``status``, ``weight``); ``context`` a :class:`RollupContext`. Return a
    score in [0, 1], None for "cannot be assessed", or a :class:`StrategyResult`.
    A plain function ``combine(node, children, context)`` works too.
    """

    def combine(
        self, node: Goal, children: Sequence[ChildResult], context: RollupContext
    ) -> float | StrategyResult | None: ...


@attrs.frozen(kw_only=True)
class LeafScore:
    """A scorer's answer: a score (None: not assessed), the expected value and why.

    *reason* is a text, or the same text by language (``{"sv": .., "en": ..}``),
    which reports show in theirs; *target* the year's target as written where it
    is not a plain number (``"≥30"``), which ``explain()`` shows.
    """

    score: float | None
    expected: float | None = None
    reason: str | Mapping[str, str] | None = None
    target: str | None = None


class Scorer(Protocol):
    """What a leaf scorer is: ``scorer(indicator, actual, period)`` -> score, None or LeafScore.

    *actual* is the measured value (a float in the indicator's unit) for *period*.
    A scorer with a true attribute ``wants_previous`` is also given
    ``previous=``, the value of the latest measured year before the period's
    (None without one), which targets written as changes (``"öka"``) need.
    """

    def __call__(
        self, indicator: Indicator, actual: float, period: Period
    ) -> float | LeafScore | None: ...


strategies: Registry[Any] = Registry(
    "roll-up strategy", group="goalchain.rollup", error=UnknownStrategyError, instantiate=True
)
"""Read-only mapping of the registered roll-up strategies by name."""

register = strategies.register
"""Register a roll-up strategy: ``@register("name")`` on a class or function, or a call."""

scorers: Registry[Any] = Registry(
    "leaf scorer", group="goalchain.rollup.scorers", error=UnknownScorerError, instantiate=True
)
"""Read-only mapping of the registered leaf scorers by name."""

register_scorer = scorers.register
"""Register a leaf scorer: ``@register_scorer("name")`` or ``register_scorer("name", obj)``."""
