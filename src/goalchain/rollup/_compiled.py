"""The compiled roll-up: a chain's plan evaluated with numpy, and updated incrementally.

Built-in strategies (``weighted``, ``worst_case``, ``mean``) are evaluated
level by level with numpy (:func:`~goalchain.rollup._plan.evaluate`); any other
strategy -- ``threshold``, ``dialogue``, a custom one -- is called per goal in
the plan's order, leaves first, from the array-held results of its children.
Results stay in arrays: a goal's :class:`NodeResult` is built when asked for.

A result remembers the chain's data version it was computed for. When only
data has changed since (new measurements, new dialogue assessments), the next
roll-up with the same arguments starts from it and recomputes just the changed
elements and their ancestors, stopping where a value does not change; the
earlier result is not modified (the new one keeps its changes beside the
shared arrays).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from .._gc import frozen_objects
from ..models import Activity, Indicator, Period
from ._combine import combine_node
from ._leaves import activity_score, measurement_for, measurements, score_activity, score_indicator
from ._mean import Mean
from ._per_chain import PerChain
from ._plan import (
    BUILTIN_CODES,
    DEFAULT,
    OTHER,
    TINY_WEIGHT,
    BoolArray,
    Evaluation,
    IntArray,
    Plan,
    evaluate,
)
from ._registry import strategies
from ._result import ChildResult, LazyNodes, NodeResult, RollupContext, RollupResult, reason_fields
from ._scale import StatusScale
from ._weighted import Weighted
from ._worst_case import WorstCase

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = ["CompiledNodes", "Strategies", "propagate", "rollup_compiled"]

_BUILTIN_TYPES = {"weighted": Weighted, "worst_case": WorstCase, "mean": Mean}
_NO_CHILDREN = {0: "no_children", 1: "no_child_assessed", 2: "no_child_assessed"}
_UNASSESSED = {0: "no_weighted_child_assessed", 1: "no_child_assessed", 2: "no_child_assessed"}
_RECENT_PER_CHAIN = 2  # results kept per chain to start the next roll-up from
_FROM_ARRAYS = object()  # in CompiledNodes.changed: built from the arrays again, not kept


def _is_builtin(name: str, obj: Any) -> bool:
    kind = _BUILTIN_TYPES.get(name)
    return kind is not None and type(obj) is kind


@attrs.frozen
class Strategies:
    """Which strategy each goal of a plan uses: codes for the built-ins, objects for the rest.

    Built once per roll-up from the default strategy and the goals' own
    ``rollup`` fields; a registered name is looked up once, not per goal.
    """

    default_name: str
    default: Any
    codes: Any  # per node: a BUILTIN_CODES value, or OTHER
    objects: Mapping[str, Any]  # every strategy name used by a goal -> the object

    @classmethod
    def resolve(cls, plan: Plan, default_name: str, default: Any) -> Strategies:
        """Look up every strategy the goals of *plan* name (an unknown name raises).

        Kept with the plan, and looked up again when a name has been registered anew.
        """
        kept = plan._strategies.get(default_name)
        if isinstance(kept, Strategies) and kept.default is default and kept.still_current():
            return kept
        plan._strategies[default_name] = used = cls._resolve(plan, default_name, default)
        return used

    @classmethod
    def _resolve(cls, plan: Plan, default_name: str, default: Any) -> Strategies:
        default_code = BUILTIN_CODES[default_name] if _is_builtin(default_name, default) else OTHER
        objects: dict[str, Any] = {default_name: default}
        remap = np.array([OTHER, OTHER, OTHER, OTHER], dtype=np.int8)  # by own code 0..3
        for name in sorted({n for n in plan.own_names if n is not None}):
            objects[name] = obj = strategies[name]
            if name in BUILTIN_CODES and _is_builtin(name, obj):
                remap[BUILTIN_CODES[name]] = BUILTIN_CODES[name]
        codes = np.where(plan.own == DEFAULT, np.int8(default_code), remap[plan.own])
        return cls(default_name, default, codes.astype(np.int8), objects)

    def still_current(self) -> bool:
        """True when every name still means the same registered object."""
        return all(
            name == self.default_name or strategies.get(name) is obj
            for name, obj in self.objects.items()
        )

    def for_goal(self, plan: Plan, node: int) -> tuple[str, Any]:
        name = plan.own_names[node]
        if name is None:
            return self.default_name, self.default
        return name, self.objects[name]


class CompiledNodes(LazyNodes):
    """Array-backed node results; a goal's :class:`NodeResult` is built when asked for.

    ``base`` holds the arrays of a full evaluation; ``overlay`` the node values
    changed by incremental updates since (node -> ``(score, assessed,
    coverage)``), and ``statuses`` the nodes whose status is not the one the
    scale gives their score. ``eager`` holds the results built during
    evaluation (indicators, and goals evaluated one by one), ``changed`` those
    rebuilt by updates.
    """

    def __init__(
        self,
        plan: Plan,
        base: Evaluation,
        eager: Mapping[str, Any],
        used: Strategies,
        scale: StatusScale,
        *,
        overlay: dict[int, tuple[float, bool, float]] | None = None,
        statuses: dict[int, str] | None = None,
        changed: dict[str, Any] | None = None,
        period: Period | None = None,
        scales: Mapping[int, StatusScale] | None = None,
    ):
        self.plan = plan
        self.base = base
        self.eager = eager
        self.used = used
        self.scale = scale
        self.period = period
        self.scales: Mapping[int, StatusScale] = scales if scales is not None else {}
        self.overlay = overlay if overlay is not None else {}
        self.statuses = statuses if statuses is not None else {}
        self.changed = changed if changed is not None else {}
        self._cache: dict[str, NodeResult] = {}
        self._owner: RollupResult | None = None
        self._score_view = base.score.data
        self._assessed_view = base.assessed.data
        self._coverage_view = base.coverage.data

    def bind(self, owner: RollupResult) -> None:
        self._owner = owner

    def successor(self) -> CompiledNodes:
        """A copy to update: shares the arrays, copies what updates have changed."""
        return CompiledNodes(
            self.plan,
            self.base,
            self.eager,
            self.used,
            self.scale,
            overlay=dict(self.overlay),
            statuses=dict(self.statuses),
            changed=dict(self.changed),
            period=self.period,
            scales=self.scales,
        )

    def rebase(self, base: Evaluation) -> None:
        """Read the values from *base* (during an evaluation: the arrays being filled)."""
        self.base = base
        self._score_view = base.score.data
        self._assessed_view = base.assessed.data
        self._coverage_view = base.coverage.data

    def __len__(self) -> int:
        return len(self.plan)

    def __iter__(self) -> Iterator[str]:
        return iter(self.plan.given_ids)

    def __contains__(self, key: object) -> bool:
        return key in self.plan.index

    def value(self, i: int) -> tuple[float, bool]:
        """Score (0.0 when not assessed) and assessed flag of node *i*."""
        entry = self.overlay.get(i)
        if entry is not None:
            return entry[0], entry[1]
        return self._score_view[i], self._assessed_view[i]  # type: ignore[return-value]

    def score(self, i: int) -> float | None:
        s, ok = self.value(i)
        return s if ok else None

    def coverage(self, i: int) -> float:
        entry = self.overlay.get(i)
        return entry[2] if entry is not None else float(self.base.coverage[i])

    def scale_at(self, i: int) -> StatusScale:
        """The status scale node *i* is judged on (its own, or the roll-up's)."""
        return self.scales.get(i, self.scale) if self.scales else self.scale

    def status(self, i: int) -> str:
        custom = self.statuses.get(i)
        return custom if custom is not None else self.scale_at(i).status(self.score(i))

    def marked(self, i: int) -> bool:
        """True when node *i*'s status may differ from what the roll-up's scale gives."""
        return i in self.statuses or i in self.scales

    def built(self, key: str) -> Any:
        """A result built during evaluation or an update (or the activity), else None."""
        found = self.changed.get(key)
        if found is _FROM_ARRAYS:
            return None
        return found if found is not None else self.eager.get(key)

    def __getitem__(self, key: str) -> NodeResult:
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        built = self.built(key)
        if isinstance(built, NodeResult):
            node = attrs.evolve(built, owner=self._owner)
        elif built is not None:  # an activity
            scale = self.scale_at(self.plan.index[key])
            node = attrs.evolve(score_activity(built, scale, self.period), owner=self._owner)
        else:
            node = self._goal(key)
        self._cache[key] = node
        return node

    def _goal(self, key: str) -> NodeResult:
        plan, i = self.plan, self.plan.index[key]
        codes = self.base.codes
        code = int(codes if isinstance(codes, int) else codes[i])
        score = self.score(i)
        kids, weights = plan.children(i)
        children = tuple(
            (plan.ids[c], w, self.score(c))
            for c, w in zip(kids.tolist(), weights.tolist(), strict=True)
        )
        why: dict[str, Any] = {}
        if score is None:
            if not children:
                why = reason_fields(None, _NO_CHILDREN[code])
            elif all(c[2] is None for c in children):
                why = reason_fields(None, "no_measured_leaf", {"period": str(self.period)})
            else:
                why = reason_fields(None, _UNASSESSED[code])
        return NodeResult(
            id=key,
            kind="goal",
            score=score,
            status=self.scale_at(i).status(score),
            coverage=self.coverage(i),
            strategy=plan.own_names[i] or self.used.default_name,
            children=children,
            owner=self._owner,
            **why,
        )


class _ByHand:
    """Evaluates, one goal at a time, the goals the vectorised kernels cannot."""

    def __init__(self, chain: GoalChain, nodes: CompiledNodes, context: RollupContext):
        self.chain = chain
        self.nodes = nodes
        self.context = context
        self.flagged: BoolArray | None = None

    def children(self, i: int) -> list[ChildResult]:
        plan, nodes = self.nodes.plan, self.nodes
        kids, weights = plan.children(i)
        return [
            ChildResult(plan.ids[c], nodes.score(c), nodes.status(c), w, nodes.coverage(c))
            for c, w in zip(kids.tolist(), weights.tolist(), strict=True)
        ]

    def node(self, i: int) -> NodeResult:
        nodes = self.nodes
        plan = nodes.plan
        element = self.chain._graph.nodes[plan.ids[i]]["element"]
        name, obj = nodes.used.for_goal(plan, i)
        return combine_node(element, name, obj, self.children(i), self.context, nodes.scale_at(i))

    def __call__(self, which: IntArray, evaluation: Evaluation) -> None:
        nodes = self.nodes
        if nodes.base is not evaluation:  # read the children from the arrays being filled
            nodes.rebase(evaluation)
        for i in which.tolist():
            result = self.node(i)
            nodes.changed[result.id] = result
            evaluation.score[i] = 0.0 if result.score is None else result.score
            evaluation.assessed[i] = result.score is not None
            evaluation.coverage[i] = result.coverage
            if result.status != nodes.scale_at(i).status(result.score):
                if self.flagged is None:
                    self.flagged = np.zeros(len(nodes.plan), dtype=bool)
                self.flagged[i] = True
                nodes.statuses[i] = result.status


def _labels(chain: GoalChain, plan: Plan) -> tuple[dict[str, str], dict[str, str]]:
    """Titles and units by id, kept with the plan (a change to either recompiles it)."""
    if plan._labels is None:
        data = chain._graph.nodes
        titles = dict(data(data="title"))
        units = {i.id: i.unit for i in chain.indicators()}
        plan._labels = (titles, units)
    return plan._labels


def _result(
    chain: GoalChain,
    nodes: CompiledNodes,
    period: Period,
    scorer_name: str,
    settings: _Settings,
) -> RollupResult:
    titles, units = _labels(chain, nodes.plan)
    return RollupResult(
        nodes,
        period=period,
        strategy=nodes.used.default_name,
        scorer=scorer_name,
        scale=nodes.scale,
        titles=titles,
        units=units,
        copy_labels=False,
        gender=settings.gender,
        scales=settings.scales,
        scorer_params=settings.scorer_params,
    )


def _context(
    chain: GoalChain, period: Period, scale: StatusScale, name: str, nodes: CompiledNodes
) -> RollupContext:
    return RollupContext(chain=chain, period=period, scale=scale, strategy=name, results=nodes)


def _evaluate(
    chain: GoalChain,
    plan: Plan,
    used: Strategies,
    period: Period,
    scale: StatusScale,
    scorer: Any,
    scorer_name: str,
    settings: _Settings,
) -> CompiledNodes:
    """A full evaluation of the plan."""
    gender, own = settings.gender, settings.by_node
    measured = measurements(chain, period, gender)
    n = len(plan)
    leaf_score = np.zeros(n)
    leaf_assessed = np.zeros(n, dtype=bool)
    eager: dict[str, Any] = {}  # a NodeResult (indicators), or the element (activities)
    data, ids = chain._graph._node, plan.ids
    for i in np.flatnonzero(plan.is_leaf).tolist():
        element = data[ids[i]]["element"]
        score: float | None
        if type(element) is Activity:
            eager[element.id] = element  # its NodeResult is built when asked for
            score = activity_score(element, period)
        elif isinstance(element, Indicator):
            here = own.get(i, scale) if own else scale
            node = score_indicator(
                element,
                measured.get(element.id),
                period,
                scorer,
                scorer_name,
                here,
                gender,
                chain=chain,
            )
            eager[element.id] = node
            score = node.score
        elif isinstance(element, Activity):
            eager[element.id] = element  # its NodeResult is built when asked for
            score = activity_score(element, period)
        else:  # pragma: no cover - every element is a goal, indicator or activity
            raise TypeError(f"unexpected element {element!r}")
        if score is not None:
            leaf_score[i] = score
            leaf_assessed[i] = True
    empty = Evaluation(np.zeros(n), np.zeros(n, dtype=bool), np.zeros(n), used.codes)
    nodes = CompiledNodes(plan, empty, eager, used, scale, period=period, scales=own)
    by_hand = _ByHand(chain, nodes, _context(chain, period, scale, used.default_name, nodes))
    if own:  # a worst_case parent takes the status of a child judged on another scale
        by_hand.flagged = np.zeros(n, dtype=bool)
        by_hand.flagged[list(own)] = True
    codes = used.codes if bool(plan.is_goal.any()) else "weighted"
    evaluation = evaluate(plan, leaf_score, leaf_assessed, codes, custom=by_hand)
    return CompiledNodes(
        plan,
        evaluation,
        {**eager, **nodes.changed},
        used,
        scale,
        statuses=nodes.statuses,
        period=period,
        scales=own,
    )


# ------------------------------------------------------------------ incremental


def _combine_builtin(nodes: CompiledNodes, i: int, code: int) -> tuple[float, bool, float]:
    """Node *i* under a built-in strategy, as the vectorised kernels compute it."""
    indptr, indices, weights = nodes.plan.views()
    lo, hi = indptr[i], indptr[i + 1]
    overlay, scores, assessed = nodes.overlay, nodes._score_view, nodes._assessed_view
    coverages = nodes._coverage_view
    # the children's (score, assessed, weight), read through the overlay; a hot loop
    children: list[tuple[float, bool, float]] = []
    total = covered = 0.0
    for c, link in zip(indices[lo:hi], weights[lo:hi], strict=True):
        entry = overlay.get(c)
        if entry is None:  # memoryviews give Python floats and bools
            children.append((scores[c], assessed[c], link))  # type: ignore[arg-type]
            covered += link * coverages[c]
        else:
            children.append((entry[0], entry[1], link))
            covered += link * entry[2]
        total += link
    coverage = covered / total if total > 0 else 0.0
    if code == 0:  # weighted
        weight = num = 0.0
        least, most = 2.0, -1.0
        for s, ok, w in children:
            if ok:
                weight += w
                num += w * s
                if w > 0:
                    least, most = min(least, s), max(most, s)
        if weight <= 0:
            return 0.0, False, coverage
        mean = min(num / weight, 1.0)
        if weight < TINY_WEIGHT:  # weight x score may have underflowed
            mean = min(max(mean, least), most)
        return mean, True, coverage
    if code == 1:  # worst_case
        least = 2.0
        for s, ok, w in children:
            if ok and w > 0 and s < least:
                least = s
        return (least, True, coverage) if least <= 1.0 else (0.0, False, coverage)
    # mean
    n = 0
    acc = 0.0
    for s, ok, w in children:
        if w > 0 and ok:
            n += 1
            acc += s
    return (min(acc / n, 1.0), True, coverage) if n > 0 else (0.0, False, coverage)


def _updated(
    chain: GoalChain,
    previous: CompiledNodes,
    changed_ids: set[str],
    period: Period,
    scorer: Any,
    scorer_name: str,
    gender: str = "T",
) -> CompiledNodes:
    """*previous* with the elements in *changed_ids* and their ancestors recomputed."""
    plan, scale = previous.plan, previous.scale
    nodes = previous.successor()
    leaves: dict[int, tuple[float, bool, float]] = {}
    goals: list[int] = []
    data = chain._graph.nodes
    for element_id in changed_ids:
        i = plan.index.get(element_id)
        if i is None:
            continue
        if plan.is_goal[i]:  # a new assessment: the goal itself is evaluated again
            goals.append(i)
            continue
        element = data[element_id]["element"]
        if not isinstance(element, Indicator):
            continue  # activities change with the structure, never as data
        measurement = measurement_for(chain, element_id, period, gender)
        leaf = score_indicator(
            element,
            measurement,
            period,
            scorer,
            scorer_name,
            nodes.scale_at(i),
            gender,
            chain=chain,
        )
        nodes.changed[element_id] = leaf
        leaves[i] = (0.0, False, 0.0) if leaf.score is None else (leaf.score, True, 1.0)
    context = _context(chain, period, scale, nodes.used.default_name, nodes)
    propagate(nodes, leaves, goals, _ByHand(chain, nodes, context))
    if len(nodes.overlay) > max(256, len(plan) // 8):
        return _flattened(nodes)
    return nodes


def propagate(
    nodes: CompiledNodes,
    leaves: Mapping[int, tuple[float, bool, float]],
    goals: Iterable[int] = (),
    by_hand: _ByHand | None = None,
) -> None:
    """Set the leaves' new ``(score, assessed, coverage)`` and recompute what lies above.

    *nodes* is a fresh :meth:`CompiledNodes.successor`; *goals* are goals to
    evaluate again although no child changed (a new dialogue assessment).
    Goals are recomputed lowest first, each once; a goal whose value and
    status come out unchanged does not make its parents recompute. *by_hand*
    evaluates the goals the built-in kernels cannot (none needed when every
    goal uses ``weighted``, ``worst_case`` or ``mean``).
    """
    plan = nodes.plan
    pptr, parents = plan.parent_views()
    height = plan.height_view()
    codes = nodes.used.codes
    queue: list[tuple[int, int]] = []
    queued: set[int] = set()

    def enqueue(i: int) -> None:
        if i not in queued:
            queued.add(i)
            heapq.heappush(queue, (height[i], i))

    def store(i: int, entry: tuple[float, bool, float], status: str | None) -> None:
        old_status = nodes.statuses.get(i)
        if entry[:2] != nodes.value(i) or entry[2] != nodes.coverage(i) or status != old_status:
            nodes.overlay[i] = entry
            if status is None:
                nodes.statuses.pop(i, None)
            else:
                nodes.statuses[i] = status
            for k in range(pptr[i], pptr[i + 1]):
                enqueue(parents[k])

    for i, entry in leaves.items():
        store(i, entry, None)
    for i in goals:
        enqueue(i)
    while queue:
        _, i = heapq.heappop(queue)
        code = int(codes[i])
        if code != OTHER and not (code == 1 and _has_flagged_child(nodes, i)):
            if nodes.built(plan.ids[i]) is not None:  # was evaluated by hand before
                nodes.changed[plan.ids[i]] = _FROM_ARRAYS
            store(i, _combine_builtin(nodes, i, code), None)
            continue
        if by_hand is None:
            raise ValueError(f"{plan.ids[i]!r} needs its strategy called: give `by_hand`")
        result = by_hand.node(i)
        nodes.changed[result.id] = result
        ok = result.score is not None
        own = result.status if result.status != nodes.scale_at(i).status(result.score) else None
        store(i, (result.score if ok else 0.0, ok, result.coverage), own)  # type: ignore[arg-type]


def _has_flagged_child(nodes: CompiledNodes, i: int) -> bool:
    if not nodes.statuses and not nodes.scales:
        return False
    indptr, indices, _ = nodes.plan.views()
    return any(nodes.marked(indices[k]) for k in range(indptr[i], indptr[i + 1]))


def _flattened(nodes: CompiledNodes) -> CompiledNodes:
    """The same results with the overlay written into new arrays."""
    base = nodes.base
    score, assessed, coverage = base.score.copy(), base.assessed.copy(), base.coverage.copy()
    for i, (s, ok, c) in nodes.overlay.items():
        score[i], assessed[i], coverage[i] = s, ok, c
    evaluation = Evaluation(score, assessed, coverage, base.codes)
    eager = {**nodes.eager, **nodes.changed}
    for key in [k for k, v in nodes.changed.items() if v is _FROM_ARRAYS]:
        del eager[key]
    return CompiledNodes(
        nodes.plan,
        evaluation,
        eager,
        nodes.used,
        nodes.scale,
        statuses=nodes.statuses,
        period=nodes.period,
        scales=nodes.scales,
    )


# ------------------------------------------------------------------ the recent results


@attrs.frozen(eq=False)
class _Settings:
    """What a roll-up reads beside the strategy and scorer: the gender of the
    measurements, the elements judged on a scale of their own (by id, and by node
    number) and the scorer's parameters."""

    gender: str
    scales: Mapping[str, StatusScale]
    by_node: dict[int, StatusScale]
    scorer_params: Mapping[str, Any]

    @classmethod
    def make(
        cls,
        plan: Plan,
        gender: str,
        scales: Mapping[str, StatusScale] | None,
        scorer_params: Mapping[str, Any] | None,
    ) -> _Settings:
        by_node: dict[int, StatusScale] = {}
        if scales:
            index = plan.index
            by_node = {index[k]: v for k, v in scales.items() if k in index}
        return cls(gender, scales or {}, by_node, scorer_params or {})


@attrs.frozen(eq=False)
class _Recent:
    period: Period
    scorer_name: str
    scorer: Any
    data_version: int
    result: RollupResult
    nodes: CompiledNodes
    settings: _Settings

    def matches(
        self,
        plan: Plan,
        period: Period,
        used: Strategies,
        scorer: Any,
        scale: StatusScale,
        settings: _Settings,
    ) -> bool:
        mine = self.nodes.used
        return (
            self.nodes.plan is plan
            and self.period == period
            and self.settings.gender == settings.gender
            and (
                self.settings.scales is settings.scales
                or not (self.settings.scales or settings.scales)
            )
            and self.scorer is scorer
            and mine.default_name == used.default_name
            and mine.default is used.default
            and mine.objects.keys() == used.objects.keys()
            and all(mine.objects[k] is v for k, v in used.objects.items())
            and self.nodes.scale == scale
        )


_RECENT: PerChain[list[_Recent]] = PerChain()  # recent results, as long as their chain lives


def _recent_of(chain: GoalChain) -> list[_Recent]:
    recent = _RECENT.get(chain)
    if recent is None:
        recent = []
        _RECENT.set(chain, recent)
    return recent


def rollup_compiled(
    chain: GoalChain,
    plan: Plan,
    period: Period,
    scale: StatusScale,
    default_name: str,
    default: Any,
    scorer: Any,
    scorer_name: str,
    *,
    gender: str = "T",
    scales: Mapping[str, StatusScale] | None = None,
    scorer_params: Mapping[str, Any] | None = None,
) -> RollupResult:
    """Roll up with the compiled engine, starting from a recent result where one fits.

    *gender* chooses the measurements; *scales* are the elements judged on a
    status scale of their own (by id). The objects that exist before the call
    are frozen for the garbage collector meanwhile (see
    :func:`goalchain._gc.frozen_objects`): a full collection over a large chain
    would otherwise cost more than the roll-up.
    """
    with frozen_objects():
        settings = _Settings.make(plan, gender, scales, scorer_params)
        return _rollup_compiled(
            chain, plan, period, scale, default_name, default, scorer, scorer_name, settings
        )


def _rollup_compiled(
    chain: GoalChain,
    plan: Plan,
    period: Period,
    scale: StatusScale,
    default_name: str,
    default: Any,
    scorer: Any,
    scorer_name: str,
    settings: _Settings,
) -> RollupResult:
    used = Strategies.resolve(plan, default_name, default)
    if settings.by_node:
        used = _by_hand_under_own_scales(used, settings.by_node)
    recent = _recent_of(chain)
    for k, last in enumerate(recent):
        if not last.matches(plan, period, used, scorer, scale, settings):
            continue
        del recent[k]
        if last.data_version == chain.data_version:
            recent.insert(0, last)
            return last.result
        changed = chain._changed_since(last.data_version)
        if changed is not None:
            nodes = _updated(
                chain, last.nodes, changed, period, scorer, scorer_name, settings.gender
            )
            return _remember(recent, chain, period, scorer, scorer_name, nodes, last.settings)
        break
    nodes = _evaluate(chain, plan, used, period, scale, scorer, scorer_name, settings)
    return _remember(recent, chain, period, scorer, scorer_name, nodes, settings)


def _by_hand_under_own_scales(used: Strategies, own: Mapping[int, StatusScale]) -> Strategies:
    """*used* with the ``worst_case`` goals judged on a scale of their own called one by
    one: their status is their worst child's, which their scale need not give."""
    codes = used.codes
    at = np.fromiter(own, dtype=np.int64, count=len(own))
    mine = at[codes[at] == BUILTIN_CODES["worst_case"]]
    if not mine.size:
        return used
    codes = codes.copy()
    codes[mine] = OTHER
    return attrs.evolve(used, codes=codes)


def _remember(
    recent: list[_Recent],
    chain: GoalChain,
    period: Period,
    scorer: Any,
    scorer_name: str,
    nodes: CompiledNodes,
    settings: _Settings,
) -> RollupResult:
    result = _result(chain, nodes, period, scorer_name, settings)
    _keep(recent, _Recent(period, scorer_name, scorer, chain.data_version, result, nodes, settings))
    return result


def _keep(recent: list[_Recent], entry: _Recent) -> None:
    recent.insert(0, entry)
    del recent[_RECENT_PER_CHAIN:]
