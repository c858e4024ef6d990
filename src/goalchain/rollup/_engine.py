"""The roll-up engine: evaluate every element, leaves first, in plain Python."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs
import networkx as nx
import numpy as np

from ..exceptions import GoalchainError, PeriodError, ProgressionError, RollupError
from ..models import Activity, Indicator, Measurement, Period
from ._mean import Mean
from ._plan import BUILTIN_CODES, Evaluation, Plan, evaluate, plan_for, strategy_codes
from ._registry import LeafScore, scorers, strategies
from ._result import (
    ChildResult,
    LazyNodes,
    NodeResult,
    RollupContext,
    RollupResult,
    StrategyResult,
    reason_text,
)
from ._scale import STATUSES, StatusScale
from ._weighted import Weighted
from ._worst_case import WorstCase

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = ["call_strategy", "rollup"]

_TOLERANCE = 1e-12


def _name_of(obj: Any) -> str:
    return str(getattr(obj, "name", None) or getattr(obj, "__name__", type(obj).__name__))


def _check_score(value: Any, *, what: str, name: str, node: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RollupError(
            f"{what} {name!r} returned {value!r} for {node!r}; expected a score in [0, 1] or None",
            element=node,
            strategy=name,
        )
    score = float(value)
    if math.isnan(score) or not (-_TOLERANCE <= score <= 1.0 + _TOLERANCE):
        raise RollupError(
            f"{what} {name!r} returned the score {score!r} for {node!r}; scores lie in [0, 1]",
            element=node,
            strategy=name,
        )
    return min(1.0, max(0.0, score))


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
    if isinstance(raw, StrategyResult):
        score = _check_score(raw.score, what="roll-up strategy", name=name, node=node_id)
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
            coverage = _check_score(coverage, what="roll-up strategy", name=name, node=node_id)
        return StrategyResult(
            score=score,
            status=status,
            coverage=coverage,
            reason=raw.reason,
            provenance=raw.provenance,
            computed=raw.computed,
            assessment=raw.assessment,
            awaiting_dialogue=raw.awaiting_dialogue,
        )
    score = _check_score(raw, what="roll-up strategy", name=name, node=node_id)
    return StrategyResult(score=score, status=context.scale.status(score))


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
        ``"auto"`` (default): the compiled, vectorised engine when every goal's
        strategy is the built-in ``weighted``, ``worst_case`` or ``mean``, else
        the plain per-node engine; ``"plain"`` or ``"fast"`` force one
        (``"fast"`` raises ``ValueError`` when a goal needs another strategy).
        Both give the same results.

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
        plan = plan_for(chain)
        codes = _fast_codes(plan, default_name, default_strategy)
        if codes is None and engine == "fast":
            raise ValueError(
                "the fast engine evaluates only the built-in weighted, worst_case and mean "
                "strategies; a goal here needs another one"
            )
        if codes is not None and not bool(np.any(plan.zero_total & (codes == 0))):
            return _fast(
                chain, plan, codes, wanted, the_scale, default_name, scorer_obj, scorer_name
            )
        # weights summing to zero under weighted: the plain engine raises the error
    graph = chain.graph
    results: dict[str, NodeResult] = {}
    context = RollupContext(
        chain=chain,
        period=wanted,
        scale=the_scale,
        strategy=default_name,
        results=MappingProxyType(results),
    )
    measured = _measurements(chain, wanted)
    for node_id in reversed(list(nx.topological_sort(graph))):
        element = chain[node_id]
        if isinstance(element, Indicator):
            results[node_id] = _score_indicator(
                element, measured.get(node_id), wanted, scorer_obj, scorer_name, the_scale
            )
        elif isinstance(element, Activity):
            results[node_id] = _score_activity(element, the_scale)
        else:
            results[node_id] = _combine(
                element, graph, results, context, default_name, default_strategy
            )
    return RollupResult(
        results,
        period=wanted,
        strategy=default_name,
        scorer=scorer_name,
        scale=the_scale,
        titles={n: chain[n].title for n in results},
        units={i.id: i.unit for i in chain.indicators()},
    )


_BUILTIN_TYPES = {"weighted": Weighted, "worst_case": WorstCase, "mean": Mean}


def _is_builtin(name: str, obj: Any) -> bool:
    kind = _BUILTIN_TYPES.get(name)
    return kind is not None and type(obj) is kind


def _fast_codes(plan: Plan, default_name: str, default_strategy: Any) -> Any:
    """The strategy code per node, or None when the plain engine must run."""
    if not _is_builtin(default_name, default_strategy):
        if not bool(plan.is_goal.any()):
            return np.full(len(plan), BUILTIN_CODES["weighted"], dtype=np.int8)
        if plan.has_own and bool(np.all((plan.own != -1) | ~plan.is_goal)):
            default_name = "weighted"  # every goal names its own strategy
        else:
            return None
    for name in {n for n in plan.own_names if n is not None}:
        if name not in BUILTIN_CODES or not _is_builtin(name, strategies[name]):
            return None
    return strategy_codes(plan, default_name)


def _fast(
    chain: GoalChain,
    plan: Plan,
    codes: Any,
    period: Period,
    scale: StatusScale,
    default_name: str,
    scorer_obj: Any,
    scorer_name: str,
) -> RollupResult:
    measured = _measurements(chain, period)
    n = len(plan)
    leaf_score = np.zeros(n)
    leaf_assessed = np.zeros(n, dtype=bool)
    leaves: dict[str, Any] = {}  # a NodeResult (indicators), or the element (activities)
    nodes = chain._graph.nodes  # read only here
    for i in np.flatnonzero(plan.is_leaf).tolist():
        element = nodes[plan.ids[i]]["element"]
        score: float | None
        if isinstance(element, Indicator):
            node = _score_indicator(
                element, measured.get(element.id), period, scorer_obj, scorer_name, scale
            )
            leaves[element.id] = node
            score = node.score
        elif isinstance(element, Activity):
            leaves[element.id] = element  # its NodeResult is built when asked for
            score = _activity_score(element)
        else:  # pragma: no cover - every element is a goal, indicator or activity
            raise TypeError(f"unexpected element {element!r}")
        if score is not None:
            leaf_score[i] = score
            leaf_assessed[i] = True
    result = evaluate(plan, leaf_score, leaf_assessed, codes)
    views = _FastNodes(plan, result, leaves, default_name, scale)
    return RollupResult(
        views,
        period=period,
        strategy=default_name,
        scorer=scorer_name,
        scale=scale,
        titles=dict(nodes(data="title")),
        units={i.id: i.unit for i in chain.indicators()},
    )


def _activity_score(activity: Activity) -> float | None:
    """The score :func:`_score_activity` gives, without building its result."""
    status = activity.status
    if status == "done":
        return 1.0
    if status == "not_started":
        return 0.0
    if status == "in_progress":
        return activity.progress
    return None


_CODE_NAMES = {v: k for k, v in BUILTIN_CODES.items()}
_NO_CHILDREN = {0: "no children", 1: "no child can be assessed", 2: "no child can be assessed"}
_UNASSESSED = {
    0: "no child with weight can be assessed",
    1: "no child can be assessed",
    2: "no child can be assessed",
}


class _FastNodes(LazyNodes):
    """Array-backed node results: a goal's :class:`NodeResult` is built when asked for."""

    def __init__(
        self,
        plan: Plan,
        result: Evaluation,
        leaves: dict[str, Any],
        default_name: str,
        scale: StatusScale,
    ):
        self._plan = plan
        self._result = result
        self._built = leaves
        self._default = default_name
        self._scale = scale
        self._owner: RollupResult | None = None

    def bind(self, owner: RollupResult) -> None:
        self._owner = owner

    def __len__(self) -> int:
        return len(self._plan)

    def __iter__(self) -> Any:
        return iter(self._plan.given_ids)

    def __contains__(self, key: object) -> bool:
        return key in self._plan.index

    def _score(self, i: int) -> float | None:
        return float(self._result.score[i]) if self._result.assessed[i] else None

    def __getitem__(self, key: str) -> NodeResult:
        built = self._built.get(key)
        if isinstance(built, NodeResult):
            if built._owner is not self._owner:
                built = attrs.evolve(built, owner=self._owner)
                self._built[key] = built
            return built
        if built is not None:  # an activity
            node = attrs.evolve(_score_activity(built, self._scale), owner=self._owner)
            self._built[key] = node
            return node
        plan, i = self._plan, self._plan.index[key]
        codes = self._result.codes
        code = int(codes if isinstance(codes, int) else codes[i])
        score = self._score(i)
        kids, weights = plan.children(i)
        children = tuple(
            (plan.ids[c], w, self._score(c))
            for c, w in zip(kids.tolist(), weights.tolist(), strict=True)
        )
        reason = None
        if score is None:
            reason = _UNASSESSED[code] if children else _NO_CHILDREN[code]
        node = NodeResult(
            id=key,
            kind="goal",
            score=score,
            status=self._scale.status(score),
            coverage=float(self._result.coverage[i]),
            strategy=plan.own_names[i] or self._default,
            children=children,
            reason=reason,
            owner=self._owner,
        )
        self._built[key] = node
        return node


def _measurements(chain: GoalChain, period: Period) -> dict[str, Measurement]:
    return {m.indicator: m for m in chain.measurements(gender="T") if m.period == period}


def _combine(
    element: Any,
    graph: nx.DiGraph,
    results: Mapping[str, NodeResult],
    context: RollupContext,
    default_name: str,
    default_strategy: Any,
) -> NodeResult:
    node_id = element.id
    own = getattr(element, "rollup", None)
    if own:
        name, obj = own, strategies[own]
    else:
        name, obj = default_name, default_strategy
    children = [
        ChildResult(c, results[c].score, results[c].status, float(w))
        for c, w in graph.succ[node_id].items()
        for w in [w.get("weight", 1.0)]
    ]
    out = call_strategy(obj, name, element, children, context)
    coverage = out.coverage
    if coverage is None:
        coverage = _coverage(children)
    deviation = None
    if out.provenance == "dialogue" and out.score is not None and out.computed is not None:
        deviation = out.score - out.computed
    return NodeResult(
        id=node_id,
        kind=element.kind,
        score=out.score,
        status=out.status or context.scale.status(out.score),
        coverage=coverage,
        strategy=name,
        provenance=out.provenance,
        children=tuple((c.id, c.weight, c.score) for c in children),
        reason=out.reason,
        computed=out.computed,
        deviation=deviation,
        assessment=out.assessment,
        awaiting_dialogue=out.awaiting_dialogue,
    )


def _coverage(children: Sequence[ChildResult]) -> float:
    if not children:
        return 0.0
    total = sum(c.weight for c in children)
    if total > 0:
        return sum(c.weight for c in children if c.score is not None) / total
    return sum(1 for c in children if c.score is not None) / len(children)


def _leaf(
    element: Any, name: str, score: float | None, scale: StatusScale, **kw: Any
) -> NodeResult:
    return NodeResult(
        id=element.id,
        kind=element.kind,
        score=score,
        status=scale.status(score),
        coverage=0.0 if score is None else 1.0,
        strategy=name,
        **kw,
    )


def _missing_reason(indicator: Indicator, period: Period) -> tuple[str, dict[str, Any]]:
    if period.kind != "year" and indicator.frequency == "yearly":
        return "yearly", {"period": str(period)}
    if indicator.lag > 0:
        args = {
            "lag": indicator.lag,
            "year": period.year,
            "ready": period.year + indicator.lag,
            "period": str(period),
        }
        return "lag", args
    return "no_measurement", {"period": str(period)}


def _coded(code: str, args: Mapping[str, Any] | None = None) -> dict[str, Any]:
    args = dict(args or {})
    return {
        "reason": reason_text(code, args),
        "reason_code": code,
        "reason_args": tuple(sorted(args.items())),
    }


def _score_indicator(
    indicator: Indicator,
    measurement: Measurement | None,
    period: Period,
    scorer: Any,
    name: str,
    scale: StatusScale,
) -> NodeResult:
    if measurement is None:
        code, args = _missing_reason(indicator, period)
        return _leaf(indicator, name, None, scale, **_coded(code, args))
    try:
        raw = scorer(indicator, measurement.value, period)
    except (ProgressionError, PeriodError) as err:
        return _leaf(indicator, name, None, scale, measurement=measurement, reason=str(err))
    except GoalchainError:
        raise
    except Exception as err:
        raise RollupError(
            f"leaf scorer {name!r} failed on {indicator.id!r}: {type(err).__name__}: {err}",
            element=indicator.id,
            strategy=name,
        ) from err
    if not isinstance(raw, LeafScore):
        raw = LeafScore(score=raw)
    score = _check_score(raw.score, what="leaf scorer", name=name, node=indicator.id)
    why: dict[str, Any] = {"reason": raw.reason}
    if raw.reason is None and measurement.preliminary:
        why = _coded("preliminary")
    return _leaf(
        indicator, name, score, scale, measurement=measurement, expected=raw.expected, **why
    )


def _score_activity(activity: Activity, scale: StatusScale) -> NodeResult:
    status = activity.status
    score: float | None
    args: dict[str, Any] = {}
    code: str = status
    if status == "done":
        score = 1.0
    elif status == "not_started":
        score = 0.0
    elif status == "in_progress":
        score = activity.progress
        if score is None:
            code = "no_progress"
        else:
            args = {"share": f"{score:.0%}"}
    else:
        score = None
    return _leaf(activity, "activity", score, scale, **_coded(code, args))
