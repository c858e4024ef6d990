"""The roll-up: :func:`rollup`, and the plain per-element engine it is checked against."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..models import Activity, Indicator, Period
from ._combine import combine_node
from ._compiled import rollup_compiled
from ._leaves import measurements, score_activity, score_indicator
from ._plan import plan_for
from ._registry import scorers, strategies
from ._result import ChildResult, NodeResult, RollupContext, RollupResult
from ._scale import StatusScale

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = ["rollup"]


def _name_of(obj: Any) -> str:
    return str(getattr(obj, "name", None) or getattr(obj, "__name__", type(obj).__name__))


def _resolve(value: Any, registry: Any) -> tuple[str, Any]:
    if isinstance(value, str):
        return value, registry[value]
    return _name_of(value), value


def _scale_of(chain: GoalChain, scale: StatusScale | Mapping[str, Any] | None) -> StatusScale:
    if isinstance(scale, StatusScale):
        return scale
    if scale is not None:
        return StatusScale.from_mapping(scale)
    configured = chain.metadata.get("status_scale")
    if isinstance(configured, Mapping):
        return StatusScale.from_mapping(configured)
    return StatusScale()


def rollup(
    chain: GoalChain,
    period: Any,
    *,
    strategy: Any = "weighted",
    scorer: Any = "progress",
    scale: StatusScale | Mapping[str, Any] | None = None,
    engine: str = "auto",
) -> RollupResult:
    """Roll goal fulfilment up the chain for *period*, from the leaves to the vision.

    Indicators are scored by *scorer* from their measurement for the period;
    activities by their status (done 1, in progress its progress, not started 0,
    cancelled not assessed); goals by their own ``rollup`` strategy, or
    *strategy* when they name none. An element that cannot be assessed is
    left out of its parents' scores, never counted as zero.

    Parameters
    ----------
    chain
        The :class:`~goalchain.GoalChain`.
    period
        A year or a sub-year period (``2024``, ``"2024-T2"``).
    strategy
        The name of a registered strategy (see :data:`strategies`) or a strategy object.
    scorer
        The name of a registered leaf scorer (see :data:`scorers`) or a scorer object.
    scale
        A :class:`StatusScale` or a mapping for one; by default the chain's
        ``status_scale`` metadata, else the default scale.
    engine
        ``"auto"`` (default) or ``"fast"``: the compiled engine -- the chain's
        plan is evaluated level by level, the built-in ``weighted``,
        ``worst_case`` and ``mean`` with numpy, other strategies goal by goal;
        when only measurements or assessments have changed since a roll-up
        with the same arguments, just the changed elements and their
        ancestors are recomputed. ``"plain"``: a straightforward evaluation of
        every element in topological order, the reference the compiled engine
        is tested against. Both give the same results.

    Returns
    -------
    RollupResult

    Raises
    ------
    UnknownStrategyError, UnknownScorerError
        For a name that is not registered.
    RollupError
        When a strategy or scorer fails or returns a score outside [0, 1], or
        the weights of a goal's children sum to zero under ``weighted``.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.rollup import rollup
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("kf1", "Fler i arbete", level="council")
    >>> _ = chain.add_indicator("i1", "Sysselsättning", parents={"kf1": 3.0}, unit="percent",
    ...                         baseline=(2022, 70.0), target=(2024, 74.0))
    >>> _ = chain.add_indicator("i2", "Arbetslöshet", parents={"kf1": 1.0}, unit="percent",
    ...                         direction="decrease", baseline=(2022, 8.0), target=(2024, 6.0))
    >>> _ = chain.record("i1", 2023, 71.0)
    >>> _ = chain.record("i2", 2023, 7.0)
    >>> result = rollup(chain, 2023)
    >>> result["i1"].score, result["i2"].score, result["kf1"].score
    (0.5, 1.0, 0.625)
    >>> rollup(chain, 2023, strategy="worst_case")["kf1"].status
    'partly'
    >>> rollup(chain, 2024)["kf1"].status, rollup(chain, 2024)["i1"].reason
    ('not_assessed', 'no measurement for 2024')
    """
    if engine not in ("auto", "plain", "fast"):
        raise ValueError(f"engine must be 'auto', 'plain' or 'fast', got {engine!r}")
    wanted = Period.parse(period)
    the_scale = _scale_of(chain, scale)
    default_name, default_strategy = _resolve(strategy, strategies)
    scorer_name, scorer_obj = _resolve(scorer, scorers)
    if engine != "plain":
        return rollup_compiled(
            chain,
            plan_for(chain),
            wanted,
            the_scale,
            default_name,
            default_strategy,
            scorer_obj,
            scorer_name,
        )
    return _plain(chain, wanted, the_scale, default_name, default_strategy, scorer_obj, scorer_name)


def _plain(
    chain: GoalChain,
    period: Period,
    scale: StatusScale,
    default_name: str,
    default_strategy: Any,
    scorer: Any,
    scorer_name: str,
) -> RollupResult:
    """Every element in reversed topological order, one at a time."""
    graph = chain.graph
    results: dict[str, NodeResult] = {}
    context = RollupContext(
        chain=chain,
        period=period,
        scale=scale,
        strategy=default_name,
        results=MappingProxyType(results),
    )
    measured = measurements(chain, period)
    for node_id in reversed(list(nx.topological_sort(graph))):
        element = chain[node_id]
        if isinstance(element, Indicator):
            results[node_id] = score_indicator(
                element, measured.get(node_id), period, scorer, scorer_name, scale, chain=chain
            )
        elif isinstance(element, Activity):
            results[node_id] = score_activity(element, scale)
        else:
            own = getattr(element, "rollup", None)
            name, obj = (own, strategies[own]) if own else (default_name, default_strategy)
            children = [
                ChildResult(c, results[c].score, results[c].status, float(w))
                for c, w in graph.succ[node_id].items()
                for w in [w.get("weight", 1.0)]
            ]
            results[node_id] = combine_node(element, name, obj, children, context)
    return RollupResult(
        {k: results[k] for k in chain._graph},  # in the order the elements were added
        period=period,
        strategy=default_name,
        scorer=scorer_name,
        scale=scale,
        titles={n: chain[n].title for n in results},
        units={i.id: i.unit for i in chain.indicators()},
    )
