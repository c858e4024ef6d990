"""A chain compiled into an evaluation plan, and the vectorised built-in strategies.

The plan numbers the elements, groups the goals by height (leaves and goals
without children have height 0) and keeps every goal's children as CSR arrays
(``indptr``, ``indices``, ``weights``). It is compiled once per chain and
reused until :attr:`GoalChain.structure_version` changes. :func:`evaluate`
rolls ``weighted``, ``worst_case`` and ``mean`` up level by level with numpy.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

from .._i18n import N_
from ..exceptions import RollupError
from ._per_chain import PerChain

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = [
    "BUILTIN_CODES",
    "OTHER",
    "CustomNodes",
    "Evaluation",
    "Plan",
    "compile_plan",
    "evaluate",
    "first_in_given_order",
    "plan_for",
]

BUILTIN_CODES = {"weighted": 0, "worst_case": 1, "mean": 2}
"""The strategies the vectorised engine evaluates, by code."""
OTHER = 3  # a goal whose own strategy is not one of the built-ins above
DEFAULT = -1  # a goal that names no strategy of its own

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


TINY_WEIGHT = 1e-250  # below this, weight x score may underflow; such goals are clamped
_ABSENT = 2.0  # worst_case's key where not assessed: above every score in [0, 1]
_BUCKET_MIN = 256  # levels with fewer goals use reduceat
_BUCKET_MAX = 16  # goals with more children use reduceat


def _reduce(lv: _Level, x: FloatArray, ufunc: np.ufunc) -> FloatArray:
    """Per goal of *lv*: *ufunc* (np.add or np.minimum) over its slice of *x*."""
    if not lv.buckets:
        return ufunc.reduceat(x, lv.starts)
    out = np.empty(lv.hi - lv.lo)
    for a, b, ea, eb, d in lv.buckets:
        block = x[ea:eb].reshape(b - a, d)
        acc = out[a:b]
        np.copyto(acc, block[:, 0])
        for j in range(1, d):
            ufunc(acc, block[:, j], out=acc)
    if lv.tail < out.size:
        out[lv.tail :] = ufunc.reduceat(x, lv.starts[lv.tail :])
    return out


class _Level:
    """The goals of one height (a slice of node numbers) and their children, concatenated."""

    __slots__ = (
        "buckets",
        "child",
        "count",
        "hi",
        "leaves_only",
        "lo",
        "safe_total",
        "share",
        "starts",
        "tail",
        "total",
        "w",
        "wpos",
    )

    def __init__(
        self,
        lo: int,
        hi: int,
        indptr: IntArray,
        indices: IntArray,
        weights: FloatArray,
        is_leaf: BoolArray,
    ):
        self.lo, self.hi = lo, hi
        self.count = np.diff(indptr[lo : hi + 1])
        self.starts = indptr[lo:hi] - indptr[lo]
        # Goals of a level are numbered by number of children: the goals with d children
        # form a block whose child arrays reshape to (goals, d); summing the d columns
        # left to right is much cheaper than reduceat over many short segments.
        self.buckets: list[tuple[int, int, int, int, int]] = []
        self.tail = 0  # goals from here on (many children) are reduced with reduceat
        m = hi - lo
        if m >= _BUCKET_MIN and bool(np.all(np.diff(self.count) >= 0)):
            degrees, first = np.unique(self.count, return_index=True)
            ends = [*first[1:].tolist(), m]
            self.tail = m
            for d, a, b in zip(degrees.tolist(), first.tolist(), ends, strict=True):
                if d > _BUCKET_MAX:
                    self.tail = a
                    break
                self.buckets.append(
                    (a, b, int(self.starts[a]), int(self.starts[a]) + d * (b - a), d)
                )
        self.child: IntArray = indices[indptr[lo] : indptr[hi]]
        self.w: FloatArray = weights[indptr[lo] : indptr[hi]]
        positive = self.w > 0
        self.wpos: FloatArray | None = None if positive.all() else positive.astype(np.float64)
        self.total: FloatArray = np.add.reduceat(self.w, self.starts)
        positive_total = self.total > 0
        self.safe_total: FloatArray = np.where(positive_total, self.total, 1.0)
        # each link's share of its parent's weight: a coverage weighted by the shares
        # cannot underflow as weight x coverage does for a weight near 5e-324
        self.share: FloatArray = self.w / np.repeat(self.safe_total, self.count)
        # every child a leaf, whose coverage is whether it is assessed: a goal's coverage
        # is then its assessed weight over its total, with no gather of the children's
        self.leaves_only = bool(is_leaf[self.child].all())


class Plan:
    """A chain's structure compiled for evaluation.

    Nodes are numbered again by height, highest first, and within a height in
    the order their parents link to them, so that every level is a slice and
    reading the children of a level walks memory mostly forwards. Arrays given
    to and returned by :func:`evaluate` use these numbers (:attr:`ids`,
    :attr:`index`).

    Attributes
    ----------
    ids
        The element ids; an element's position is its node number.
    given
        The node numbers in the order the ids were given (for a chain: the
        order its elements were added, which is the order of a roll-up's results).
    index
        id -> node number (built on first use).
    is_goal
        True for goals (combined from their children); indicators and
        activities are leaves.
    own
        Per node: the code of the goal's own built-in strategy
        (:data:`BUILTIN_CODES`), -1 when it names none, 3 for any other.
    own_names
        Per node: the goal's own strategy name, or None.
    height
        0 for leaves and goals without children, else 1 + the highest child.
    indptr, indices, weights
        The children of every goal (rows of leaves are empty), in link order.
    levels
        The goals of height 1, 2, ... with their children concatenated.
    zero_total
        Goals with children whose weights sum to zero.
    structure_version
        The chain's structure version the plan was compiled from.
    """

    def __init__(
        self,
        ids: Sequence[str],
        is_goal: BoolArray,
        indptr: IntArray,
        indices: IntArray,
        weights: FloatArray,
        *,
        own: npt.NDArray[np.int8] | None = None,
        own_names: Sequence[str | None] | None = None,
        structure_version: int = -1,
    ):
        n = len(ids)
        indptr = np.asarray(indptr, dtype=np.int64)
        indices = np.asarray(indices, dtype=np.int64)
        weights = np.asarray(weights, dtype=np.float64)
        height = _heights(n, indptr, indices)
        new = _numbering(n, height, indptr, indices)  # old number -> new number
        old = np.empty(n, dtype=np.int64)
        old[new] = np.arange(n)
        count = np.diff(indptr)[old]
        self.indptr: IntArray = np.concatenate(([0], np.cumsum(count))).astype(np.int64)
        pos = np.repeat(indptr[old] - self.indptr[:-1], count) + np.arange(int(count.sum()))
        self.indices: IntArray = new[indices[pos]]
        self.weights: FloatArray = weights[pos]
        self.count = count
        given = tuple(ids)
        self.ids: tuple[str, ...] = _pick(given, old)
        self.given: IntArray = new
        self.given_ids = given
        self._index: dict[str, int] | None = None
        self._scratch: list[FloatArray] = []
        self._work: list[tuple[FloatArray, FloatArray]] = []
        self._parents: tuple[IntArray, IntArray] | None = None
        self._labels: tuple[dict[str, str], dict[str, str]] | None = None
        self._memoryviews: dict[str, memoryview] = {}
        self._strategies: dict[str, Any] = {}  # kept by the compiled engine
        self.is_goal: BoolArray = np.asarray(is_goal, dtype=bool)[old]
        self.is_leaf: BoolArray = ~self.is_goal
        self.own: npt.NDArray[np.int8] = (
            np.full(n, DEFAULT, dtype=np.int8) if own is None else np.asarray(own)[old]
        )
        self.own_names: tuple[str | None, ...] = (
            (None,) * n if own_names is None else _pick(tuple(own_names), old)
        )
        self.has_own = bool((self.own != DEFAULT).any())
        self.structure_version = structure_version
        self.height: IntArray = height[old]
        totals = np.add.reduceat(np.append(self.weights, 0.0), self.indptr[:-1]) if n else None
        self.zero_total: BoolArray = (
            (self.count > 0) & (totals <= 0) if totals is not None else np.zeros(0, dtype=bool)
        )
        self.any_zero_total = bool(self.zero_total.any())
        self.childless_goals: IntArray = np.flatnonzero(self.is_goal & (self.count == 0))
        # heights descend along the numbering: level h is the slice [bounds[h], bounds[h + 1])
        top = int(self.height.max(initial=0))
        rank = top - self.height
        edges = np.searchsorted(rank, np.arange(top + 2))
        self.levels = [
            _Level(
                int(edges[top - h]),
                int(edges[top - h + 1]),
                self.indptr,
                self.indices,
                self.weights,
                self.is_leaf,
            )
            for h in range(1, top + 1)
        ]
        self.n_edges = int(self.indices.size)
        self.n_nodes_edges = (n, self.n_edges)

    def take_scratch(self) -> FloatArray:
        """A work buffer as long as the longest level (reused; safe across threads)."""
        try:
            return self._scratch.pop()
        except IndexError:
            return np.empty(max((lv.child.size for lv in self.levels), default=0))

    def take_work(self) -> tuple[FloatArray, FloatArray]:
        """Two work arrays as long as the plan (reused; safe across threads)."""
        try:
            return self._work.pop()
        except IndexError:
            return np.empty(len(self)), np.empty(len(self))

    def give_work(self, work: tuple[FloatArray, FloatArray]) -> None:
        """Return the arrays from :meth:`take_work` for the next evaluation."""
        if not self._work:
            self._work.append(work)

    def give_scratch(self, buf: FloatArray) -> None:
        """Return a buffer from :meth:`take_scratch` for the next evaluation."""
        if not self._scratch:
            self._scratch.append(buf)

    @property
    def index(self) -> dict[str, int]:
        """id -> node number (built on first use)."""
        if self._index is None:
            self._index = dict(zip(self.given_ids, self.given.tolist(), strict=True))
        return self._index

    def __len__(self) -> int:
        return len(self.ids)

    def parents(self) -> tuple[IntArray, IntArray]:
        """The parents of every node as CSR arrays ``(indptr, indices)`` (built on first use)."""
        if self._parents is None:
            n = len(self)
            parent_of_edge = np.repeat(np.arange(n, dtype=np.int64), self.count)
            order = np.argsort(self.indices, kind="stable")
            ptr = np.concatenate(([0], np.cumsum(np.bincount(self.indices, minlength=n))))
            self._parents = (ptr.astype(np.int64), parent_of_edge[order])
        return self._parents

    def _view(self, name: str, array: Any) -> memoryview:
        view = self._memoryviews.get(name)
        if view is None:
            view = self._memoryviews[name] = np.ascontiguousarray(array).data
        return view

    def views(self) -> tuple[memoryview, memoryview, memoryview]:
        """``indptr``, ``indices`` and ``weights`` as memoryviews (Python numbers per item)."""
        return (
            self._view("indptr", self.indptr),
            self._view("indices", self.indices),
            self._view("weights", self.weights),
        )

    def parent_views(self) -> tuple[memoryview, memoryview]:
        """:meth:`parents` as memoryviews."""
        ptr, idx = self.parents()
        return self._view("pptr", ptr), self._view("parents", idx)

    def height_view(self) -> memoryview:
        """:attr:`height` as a memoryview."""
        return self._view("height", self.height)

    def children(self, node: int) -> tuple[IntArray, FloatArray]:
        """The child numbers and link weights of *node*."""
        lo, hi = self.indptr[node], self.indptr[node + 1]
        return self.indices[lo:hi], self.weights[lo:hi]


def _pick(values: tuple[Any, ...], at: IntArray) -> tuple[Any, ...]:
    if len(at) == 0:
        return ()
    if len(at) == 1:
        return (values[int(at[0])],)
    return tuple(operator.itemgetter(*at.tolist())(values))


def _numbering(n: int, height: IntArray, indptr: IntArray, indices: IntArray) -> IntArray:
    """New node numbers: by height, highest first; within a height by first parent link."""
    new = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return new
    top = int(height.max())
    parent_of_edge = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    edge_rank = np.arange(indices.size, dtype=np.int64) - indptr[parent_of_edge]
    big = np.int64(indices.size + 1)
    child_height = height[indices]
    degree = np.diff(indptr)
    key = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)  # no parent: last
    start = 0
    for h in range(top, -1, -1):
        nodes = np.flatnonzero(height == h)
        if h < top:
            # key: (new number of the first parent, position in its row)
            here = np.flatnonzero(child_height == h)
            np.minimum.at(key, indices[here], new[parent_of_edge[here]] * big + edge_rank[here])
            nodes = nodes[np.argsort(key[nodes], kind="stable")]
        if h > 0:  # goals with the same number of children side by side (see _Level)
            nodes = nodes[np.argsort(degree[nodes], kind="stable")]
        new[nodes] = np.arange(start, start + nodes.size)
        start += nodes.size
    return new


def _heights(n: int, indptr: IntArray, indices: IntArray) -> IntArray:
    """Longest path down to a leaf, level-synchronously with numpy (O(edges) in all)."""
    height = np.zeros(n, dtype=np.int64)
    if n == 0:
        return height
    count = np.diff(indptr)
    parent_of_edge = np.repeat(np.arange(n, dtype=np.int64), count)
    rev = np.argsort(indices, kind="stable")
    rev_parent = parent_of_edge[rev]
    rev_ptr = np.concatenate(([0], np.cumsum(np.bincount(indices, minlength=n))))
    remaining = count.copy()
    frontier = np.flatnonzero(remaining == 0)
    level = 0
    done = 0
    while frontier.size:
        height[frontier] = level
        done += frontier.size
        lo, hi = rev_ptr[frontier], rev_ptr[frontier + 1]
        k = hi - lo
        total = int(k.sum())
        if total == 0:
            break
        starts = np.concatenate(([0], np.cumsum(k)[:-1]))
        parents = rev_parent[np.repeat(lo - starts, k) + np.arange(total)]
        remaining -= np.bincount(parents, minlength=n)
        touched = np.unique(parents)
        frontier = touched[remaining[touched] == 0]
        level += 1
    if done != n:
        raise ValueError("the plan's children form a cycle")
    return height


def _read_graph(
    chain: GoalChain, ids: list[str]
) -> tuple[BoolArray, IntArray, IntArray, FloatArray]:
    """Kinds, child counts, children and weights read out of the graph's dictionaries."""
    node_data, succ = chain._graph._node, chain._graph._succ
    n = len(ids)
    index = dict(zip(ids, range(n), strict=True))
    # C-level iteration (map, chain.from_iterable): this runs once per link of a large chain
    is_goal = np.fromiter(
        map("goal".__eq__, map(operator.itemgetter("kind"), node_data.values())), bool, count=n
    )
    rows = list(map(succ.__getitem__, ids))
    counts = np.fromiter(map(len, rows), dtype=np.int64, count=n)
    m = int(counts.sum())
    indices = np.fromiter(
        map(index.__getitem__, itertools.chain.from_iterable(rows)), dtype=np.int64, count=m
    )
    weights = np.fromiter(
        map(
            operator.itemgetter("weight"),
            itertools.chain.from_iterable(map(dict.values, rows)),
        ),
        dtype=np.float64,
        count=m,
    )
    return is_goal, counts, indices, weights


def compile_plan(chain: GoalChain) -> Plan:
    """Compile *chain*'s structure (:attr:`Plan.given_ids`: the order elements were added).

    The chain records its elements and links as arrays while they are added
    (its link log); when a removal made that record stale, the structure is
    read from the graph once and the record starts afresh.
    """
    graph = chain._graph  # read only here
    node_data = graph._node
    ids = list(node_data)
    n = len(ids)
    log = chain._links
    if log.covers(n):
        is_goal = np.frombuffer(bytes(log.is_goal), dtype=bool)
        parents = np.array(log.parents, dtype=np.int64)
        order = np.argsort(parents, kind="stable")  # link order within a parent is kept
        counts = np.bincount(parents, minlength=n)
        indices = np.array(log.children, dtype=np.int64)[order]
        weights = np.array(log.weights, dtype=np.float64)[order]
    else:
        is_goal, counts, indices, weights = _read_graph(chain, ids)
        parents = np.repeat(np.arange(n, dtype=np.int64), counts)
        log.reset(ids, is_goal.tolist(), (parents.tolist(), indices.tolist(), weights.tolist()))
    m = int(counts.sum())
    own = np.full(n, DEFAULT, dtype=np.int8)
    own_names: list[str | None] = [None] * n
    for i in np.flatnonzero(is_goal).tolist():
        name = getattr(node_data[ids[i]]["element"], "rollup", None) or None
        if name is not None:
            own_names[i] = name
            own[i] = BUILTIN_CODES.get(name, OTHER)
    plan = Plan(
        ids,
        is_goal,
        np.concatenate(([0], np.cumsum(counts))),
        indices,
        weights,
        own=own,
        own_names=own_names,
        structure_version=chain.structure_version,
    )
    plan.n_nodes_edges = (n, m)
    return plan


_PLANS: PerChain[Plan] = PerChain()  # compiled plans, as long as their chain lives


def plan_for(chain: GoalChain) -> Plan:
    """The compiled plan of *chain*, compiled again only when its structure has changed."""
    plan = _PLANS.get(chain)
    if (
        plan is not None
        and plan.structure_version == chain.structure_version
        and plan.n_nodes_edges[0] == len(chain._graph)  # a cheap check beside the version
    ):
        return plan
    plan = compile_plan(chain)
    _PLANS.set(chain, plan)
    return plan


class Evaluation:
    """Scores, an assessed mask and coverage per node (scores are 0.0 where not assessed).

    ``codes`` is the strategy code of every node (an int when one code serves all).
    """

    __slots__ = ("assessed", "codes", "coverage", "score")

    def __init__(
        self, score: FloatArray, assessed: BoolArray, coverage: FloatArray, codes: Any
    ) -> None:
        self.score = score
        self.assessed = assessed
        self.coverage = coverage
        self.codes = codes


class CustomNodes(Protocol):
    """Evaluates the goals the vectorised kernels cannot (strategy code ``OTHER``).

    Called with node numbers whose children are all evaluated; writes each
    node's score (0.0 when not assessed), assessed flag and coverage into the
    :class:`Evaluation`, and sets :attr:`flagged` where the node's status is
    not the one the scale gives its score (``worst_case`` parents of such a
    node are then handed over too, since their status is the worst status).
    """

    flagged: BoolArray | None

    def __call__(self, which: IntArray, evaluation: Evaluation) -> None: ...


def first_in_given_order(plan: Plan, nodes: IntArray) -> int:
    """Of *nodes*, the one that comes first in the order the ids were given."""
    position = np.empty(len(plan), dtype=np.int64)
    position[plan.given] = np.arange(len(plan))
    return int(nodes[int(np.argmin(position[nodes]))])


def evaluate(
    plan: Plan,
    leaf_score: FloatArray,
    leaf_assessed: BoolArray,
    strategy: str | npt.NDArray[np.int8] = "weighted",
    custom: CustomNodes | None = None,
) -> Evaluation:
    """Roll *leaf_score* (where *leaf_assessed*) up *plan* level by level.

    The arrays are indexed by the plan's node numbers (:attr:`Plan.index`).
    *strategy* is a built-in name applied to every goal, or an array of codes
    per node (:data:`BUILTIN_CODES`, or ``OTHER`` for goals that *custom*
    evaluates one by one). Goal entries of the leaf arrays are ignored;
    assessed leaf scores lie in [0, 1], the others may be anything (NaN too).
    Never produces NaN: scores are 0.0 where not assessed.

    Raises
    ------
    RollupError
        When a goal under ``weighted`` has children whose weights sum to zero.
    ValueError
        When a goal has the code ``OTHER`` and no *custom* is given.
    """
    uniform: int | None
    if isinstance(strategy, str):
        if strategy not in BUILTIN_CODES:
            raise ValueError(f"the vectorised engine evaluates {', '.join(BUILTIN_CODES)} only")
        uniform = BUILTIN_CODES[strategy]
        codes: Any = uniform
        present = {uniform}
    else:
        codes = strategy
        present = {int(k) for k in np.unique(codes[plan.is_goal])}
        uniform = next(iter(present)) if len(present) == 1 else None
    if OTHER in present and custom is None:
        raise ValueError("goals with another strategy than the built-in ones need `custom`")
    weighted_zero = plan.zero_total & (codes == 0) if plan.any_zero_total else None
    if weighted_zero is not None and bool(np.any(weighted_zero)):
        bad = plan.ids[first_in_given_order(plan, np.flatnonzero(weighted_zero))]
        raise RollupError(
            N_(
                "{element!r}: the weights of its children sum to zero; "
                "give at least one link a weight above zero"
            ),
            params={"element": bad},
            element=bad,
            strategy="weighted",
        )
    leaves = np.asarray(leaf_assessed, dtype=bool) & plan.is_leaf
    work = plan.take_work()  # af and low are not returned: reused buffers, already paged in
    af = work[0]
    np.copyto(af, leaves)  # 1.0 where assessed
    with np.errstate(invalid="ignore", over="ignore"):  # NaN or inf where not assessed
        score = np.multiply(np.asarray(leaf_score, dtype=np.float64), af)
    np.fmax(score, 0.0, out=score)  # branch-free: NaN (not assessed) -> 0.0
    low = None
    if 1 in present:  # for worst_case: the score, or _ABSENT where not assessed
        low = np.multiply(af, -_ABSENT, out=work[1])
        low += _ABSENT
        low += score
    coverage = af.copy()  # a leaf's coverage: 1.0 where assessed; goals without children: 0
    out = Evaluation(score, leaves, coverage, codes)  # `leaves` becomes every assessed node
    if custom is not None and OTHER in present:
        alone = plan.childless_goals
        if uniform is None:
            alone = alone[codes[alone] == OTHER]
        if alone.size:
            custom(alone, out)
            af[alone] = leaves[alone]
            if low is not None:
                low[alone] = np.where(leaves[alone], score[alone], _ABSENT)
    scratch = plan.take_scratch()
    flagged = None if custom is None else custom.flagged
    if uniform == 1 and flagged is not None and bool(flagged.any()):
        # worst_case goals above flagged children are handed to `custom`, level by level
        if isinstance(codes, int):
            codes = np.full(len(plan), codes, dtype=np.int8)
        uniform = None
    for lv in plan.levels:
        if uniform is not None and uniform != OTHER:
            s, ok, c = _KERNELS[uniform](lv, score, af, low, coverage, scratch)
            score[lv.lo : lv.hi] = s
            leaves[lv.lo : lv.hi] = ok
            coverage[lv.lo : lv.hi] = c
        else:
            _mixed_level(lv, codes, present, out, af, low, scratch, custom)
        af[lv.lo : lv.hi] = leaves[lv.lo : lv.hi]
        if low is not None:
            low[lv.lo : lv.hi] = np.where(leaves[lv.lo : lv.hi], score[lv.lo : lv.hi], _ABSENT)
    plan.give_scratch(scratch)
    plan.give_work(work)
    return out


def _mixed_level(
    lv: _Level,
    codes: Any,
    present: set[int],
    out: Evaluation,
    af: FloatArray,
    low: FloatArray | None,
    scratch: FloatArray,
    custom: CustomNodes | None,
) -> None:
    """One level whose goals use different strategies, some perhaps evaluated one by one."""
    m = lv.hi - lv.lo
    here = np.full(m, OTHER, dtype=np.int8) if isinstance(codes, int) else codes[lv.lo : lv.hi]
    by_hand = here == OTHER
    flagged = None if custom is None else custom.flagged
    if flagged is not None and 1 in present and bool(flagged.any()):
        # a worst_case goal's status is its worst child's status, which the scale may not give
        marks = flagged.astype(np.float64)
        child_flagged = _reduce(lv, np.take(marks, lv.child, out=scratch[: lv.child.size]), np.add)
        by_hand |= (here == 1) & (child_flagged > 0)
    for k in np.unique(here[~by_hand]).tolist():
        s, ok, c = _KERNELS[k](lv, out.score, af, low, out.coverage, scratch)
        sel = (here == k) & ~by_hand
        out.score[lv.lo : lv.hi][sel] = s[sel]
        out.assessed[lv.lo : lv.hi][sel] = ok[sel]
        out.coverage[lv.lo : lv.hi][sel] = c[sel]
    if bool(by_hand.any()):
        assert custom is not None
        custom(lv.lo + np.flatnonzero(by_hand), out)


_Out = tuple[FloatArray, BoolArray, FloatArray]


def _gather(source: FloatArray, lv: _Level, out: FloatArray) -> FloatArray:
    return np.take(source, lv.child, out=out[: lv.child.size], mode="clip")


def _coverage(lv: _Level, cov: FloatArray, buf: FloatArray) -> FloatArray:
    """Per goal: its children's coverage weighted by their links' shares (0 where they
    weigh nothing)."""
    g = np.multiply(_gather(cov, lv, buf), lv.share, out=buf[: lv.child.size])
    return np.minimum(_reduce(lv, g, np.add), 1.0)


def _weighted(
    lv: _Level,
    score: FloatArray,
    af: FloatArray,
    low: FloatArray | None,
    cov: FloatArray,
    buf: FloatArray,
) -> _Out:
    g = np.multiply(_gather(af, lv, buf), lv.w, out=buf[: lv.child.size])
    weight = _reduce(lv, g, np.add)
    g = np.multiply(_gather(score, lv, buf), lv.w, out=g)  # scores are 0 where not assessed
    num = _reduce(lv, g, np.add)
    ok = weight > 0
    # no child assessed with weight: num is 0 too, so the score stays 0
    value = np.minimum(num / np.where(ok, weight, 1.0), 1.0)
    coverage = weight / lv.safe_total if lv.leaves_only else None
    tiny = np.flatnonzero(ok & (weight < TINY_WEIGHT))
    for j in tiny.tolist():  # weight x score may have underflowed: as Weighted.combine does it
        lo, hi = int(lv.starts[j]), int(lv.starts[j] + lv.count[j])
        kids, w = lv.child[lo:hi], lv.w[lo:hi]
        sel = (af[kids] > 0) & (w > 0)
        value[j] = min(max(float(value[j]), float(score[kids][sel].min())), 1.0)
        value[j] = min(float(value[j]), float(score[kids][sel].max()))
    return value, ok, _coverage(lv, cov, buf) if coverage is None else coverage


def _worst_case(
    lv: _Level,
    score: FloatArray,
    af: FloatArray,
    low: FloatArray | None,
    cov: FloatArray,
    buf: FloatArray,
) -> _Out:
    assert low is not None
    keyed = _gather(low, lv, buf)
    if lv.wpos is not None:  # links of weight 0 do not count
        np.add(keyed, (1.0 - lv.wpos) * _ABSENT, out=keyed)
    least = _reduce(lv, keyed, np.minimum)
    ok = least <= 1.0
    if lv.leaves_only:  # a leaf is assessed where its key is a score (<= 1)
        covered = np.multiply(lv.w, keyed <= 1.0, out=keyed)
        coverage = _reduce(lv, covered, np.add) / lv.safe_total
    else:
        coverage = _coverage(lv, cov, buf)
    return np.where(ok, least, 0.0), ok, coverage


def _mean(
    lv: _Level,
    score: FloatArray,
    af: FloatArray,
    low: FloatArray | None,
    cov: FloatArray,
    buf: FloatArray,
) -> _Out:
    a = _gather(af, lv, buf)
    if lv.wpos is not None:
        np.multiply(a, lv.wpos, out=a)
    n = _reduce(lv, a, np.add)
    s = _gather(score, lv, buf)
    if lv.wpos is not None:
        np.multiply(s, lv.wpos, out=s)
    total = _reduce(lv, s, np.add)  # scores are 0 where not assessed
    ok = n > 0
    value = np.minimum(total / np.where(ok, n, 1.0), 1.0)
    return value, ok, _coverage(lv, cov, buf)


_KERNELS = {0: _weighted, 1: _worst_case, 2: _mean}
