"""Benchmark: the compiled, vectorised roll-up engine against a pure-Python baseline.

Synthetic layered chains (fan-out 3-8, 10 % extra cross links from a shallower
goal to a deeper element, link weights 1-4, ids and insertion order shuffled;
goals inside, activities as leaves with random progress, 10 % cancelled so not
assessed). For each size the plan's results are checked equal (to 1e-12) to a
pure-Python baseline -- memoised scores over networkx, topological order
computed once outside the timing -- before anything is timed.

Sizes up to ``--chain-max`` (default 10^6) are built end to end through
``GoalChain.add_*`` (a minute at 10^6) and the plan compiled from the chain;
``chain.rollup`` is timed too (compile included; again with nothing changed;
and ``chain.record`` of a new value followed by ``chain.rollup``, which
recomputes only the ancestors), and checked equal to the plain engine up to
10^5 elements. Larger sizes build the plan directly from arrays
(``Plan(ids, is_goal, indptr, indices, weights)``); the output says which.
Evaluation times are the best of ``--repeat`` runs; an incremental update is
the mean of 300 updates of random leaves, each checked or timed from the same
full evaluation.

Targets (issue 4, at 10^6 nodes): weighted <= 10 ms and worst_case <= 15 ms per
roll-up after compile, each >= 200x the baseline; compile <= 2 s; at 10^4 nodes
a whole ``chain.rollup`` call, compile included, <= 50 ms.

Run: ``.venv/bin/python benchmarks/rollup.py [--sizes 1000 10000 100000 1000000]``.
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np

import goalchain as gc
from goalchain._gc import frozen_objects
from goalchain.models import GovernanceModel, Level
from goalchain.rollup import Mean, StatusScale, Weighted, WorstCase
from goalchain.rollup._compiled import CompiledNodes, Strategies, propagate
from goalchain.rollup._plan import BUILTIN_CODES, Plan, compile_plan, evaluate

UPDATES = 300  # incremental updates timed per size and strategy
PLAIN_MAX = 10**5  # chain.rollup is checked against the plain engine up to this size

DEPTH = 16


def structure(n: int, seed: int) -> dict[str, Any]:
    """A layered DAG on *n* nodes in BFS numbering (parents before children)."""
    rng = np.random.default_rng(seed)
    ks = rng.integers(3, 9, n)
    ends = 1 + np.cumsum(ks)
    parent = np.full(n, -1, dtype=np.int64)
    parent[1:] = np.searchsorted(ends, np.arange(1, n), side="right")
    layer = np.zeros(n, dtype=np.int64)
    for _ in range(DEPTH + 2):
        layer[1:] = layer[parent[1:]] + 1
    is_goal = np.zeros(n, dtype=bool)
    is_goal[parent[1:]] = True
    first_of_layer = np.searchsorted(layer, layer)  # layers are contiguous in BFS order
    # 10 % extra cross links: from a goal in a shallower layer to a deeper element
    m = (n - 1) // 10
    child = rng.integers(1, n, m) if n > 1 else np.zeros(0, dtype=np.int64)
    goals_before = np.searchsorted(np.flatnonzero(is_goal), first_of_layer[child])
    keep = goals_before > 0
    child, goals_before = child[keep], goals_before[keep]
    cross_parent = np.flatnonzero(is_goal)[(rng.random(child.size) * goals_before).astype(np.int64)]
    keep = cross_parent != parent[child]
    edges_p = np.concatenate((parent[1:], cross_parent[keep]))
    edges_c = np.concatenate((np.arange(1, n), child[keep]))
    _, first = np.unique(edges_p * n + edges_c, return_index=True)
    first.sort()
    edges_p, edges_c = edges_p[first], edges_c[first]
    shuffle = rng.permutation(edges_p.size)  # link order within a parent is random
    edges_p, edges_c = edges_p[shuffle], edges_c[shuffle]
    weights = rng.integers(1, 5, edges_p.size).astype(np.float64)
    progress = np.round(rng.random(n), 3)
    cancelled = rng.random(n) < 0.1
    names = rng.permutation(n)  # shuffled ids
    ids = [f"e{k:07d}" for k in names.tolist()]
    return {
        "n": n,
        "layer": layer,
        "is_goal": is_goal,
        "edges": (edges_p, edges_c, weights),
        "progress": progress,
        "assessed": ~cancelled & ~is_goal,
        "indicator": ~cancelled & ~is_goal & (rng.random(n) < 0.1),
        "ids": ids,
        "rng": rng,
    }


def model() -> GovernanceModel:
    keys = [f"l{i}" for i in range(DEPTH)]
    levels = [
        Level(key=k, label_sv=k, label_en=k, children=(*keys[i + 1 :], "activity", "indicator"))
        for i, k in enumerate(keys)
    ]
    levels.append(Level(key="activity", label_sv="Aktivitet", label_en="Activity", kind="activity"))
    levels.append(
        Level(key="indicator", label_sv="Indikator", label_en="Indicator", kind="indicator")
    )
    return GovernanceModel(name="bench", label_sv="Bench", label_en="Bench", levels=levels)


def build_chain(s: dict[str, Any]) -> gc.GoalChain:
    """Through GoalChain.add_*: insertion order is a shuffled topological order.

    A tenth of the assessed leaves are indicators (baseline 0 in 2023, target 100
    in 2024) with a 2024 measurement of 100 x the leaf's score, so that the
    ``progress`` scorer gives the same score an activity would.
    """
    n, ids, rng = s["n"], s["ids"], s["rng"]
    edges_p, edges_c, weights = s["edges"]
    parents: list[dict[str, float]] = [{} for _ in range(n)]
    for p, c, w in zip(edges_p.tolist(), edges_c.tolist(), weights.tolist(), strict=True):
        parents[c][ids[p]] = w
    order = np.lexsort((rng.random(n), s["layer"]))  # shuffled within each layer
    chain = gc.GoalChain(name="bench", model=model())
    for i in order.tolist():
        if s["is_goal"][i]:
            chain.add_goal(ids[i], ids[i], level=f"l{s['layer'][i]}", parents=parents[i])
        elif s["indicator"][i]:
            chain.add_indicator(
                ids[i],
                ids[i],
                parents=parents[i],
                unit="percent",
                baseline=(2023, 0.0),
                target=(2024, 100.0),
            )
            chain.record(ids[i], 2024, 100.0 * float(s["progress"][i]))
        elif s["assessed"][i]:
            chain.add_activity(
                ids[i],
                ids[i],
                parents=parents[i],
                status="in_progress",
                progress=float(s["progress"][i]),
            )
        else:
            chain.add_activity(ids[i], ids[i], parents=parents[i], status="cancelled")
    return chain


def plan_from_arrays(s: dict[str, Any]) -> tuple[Plan, np.ndarray]:
    """The plan straight from arrays, nodes numbered in a shuffled order."""
    n, rng = s["n"], s["rng"]
    edges_p, edges_c, weights = s["edges"]
    number = rng.permutation(n)  # old node -> plan number
    p, c = number[edges_p], number[edges_c]
    order = np.argsort(p, kind="stable")
    indptr = np.concatenate(([0], np.cumsum(np.bincount(p, minlength=n))))
    ids = np.empty(n, dtype=object)
    ids[number] = s["ids"]
    is_goal = np.zeros(n, dtype=bool)
    is_goal[number] = s["is_goal"]
    return Plan(ids.tolist(), is_goal, indptr, c[order], weights[order]), number


def graph_of(s: dict[str, Any]) -> nx.DiGraph:
    ids = s["ids"]
    edges_p, edges_c, weights = s["edges"]
    graph = nx.DiGraph()
    graph.add_nodes_from(ids)
    graph.add_weighted_edges_from(
        zip(
            [ids[i] for i in edges_p.tolist()],
            [ids[i] for i in edges_c.tolist()],
            weights.tolist(),
            strict=True,
        )
    )
    return graph


def baseline(
    graph: nx.DiGraph, order: list[str], leaves: dict[str, float | None], strategy: str
) -> dict[str, float | None]:
    """Pure Python: memoised scores in a cached (reversed) topological order."""
    score: dict[str, float | None] = {}
    succ = graph.succ
    for v in order:
        kids = succ[v]
        if not kids:
            score[v] = leaves[v]
            continue
        if strategy == "weighted":
            num = den = 0.0
            for c, d in kids.items():
                sc = score[c]
                if sc is not None:
                    w = d["weight"]
                    num += w * sc
                    den += w
            score[v] = num / den if den > 0 else None
        else:
            low = None
            for c in kids:
                sc = score[c]
                if sc is not None and (low is None or sc < low):
                    low = sc
            score[v] = low
    return score


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def check(plan: Plan, out: Any, expected: dict[str, float | None]) -> None:
    for i, key in enumerate(plan.ids):
        want = expected[key]
        if want is None:
            assert not out.assessed[i], key
        else:
            assert out.assessed[i] and math.isclose(out.score[i], want, abs_tol=1e-12), key


def incremental(
    plan: Plan, leaf_score: np.ndarray, leaf_assessed: np.ndarray, strategy: str, seed: int
) -> tuple[float, float, float]:
    """Mean and worst time of one update (a leaf's new score, its ancestors recomputed).

    Each update starts from the same full evaluation, as a new measurement
    after a roll-up does; the first ones are checked against a full evaluation
    with the changed leaf before anything is timed. Returns the mean, the 99th
    percentile and the mean number of goals whose value changed.
    """
    rng = np.random.default_rng(seed)
    kind = {"weighted": Weighted, "worst_case": WorstCase, "mean": Mean}[strategy]()
    codes = np.full(len(plan), BUILTIN_CODES[strategy], dtype=np.int8)
    used = Strategies(strategy, kind, codes, {})
    full = evaluate(plan, leaf_score, leaf_assessed, strategy)
    nodes = CompiledNodes(plan, full, {}, used, StatusScale())
    leaves = np.flatnonzero(plan.is_leaf)
    picks = rng.choice(leaves, size=UPDATES).tolist()
    values = np.round(rng.random(UPDATES), 3).tolist()
    for leaf, value in zip(picks[:5], values[:5], strict=True):  # checked equal first
        after = nodes.successor()
        propagate(after, {leaf: (value, True, 1.0)})
        scores = leaf_score.copy()
        assessed = leaf_assessed.copy()
        scores[leaf], assessed[leaf] = value, True
        want = evaluate(plan, scores, assessed, strategy)
        changed = np.flatnonzero(
            (want.score != full.score) | (want.assessed != full.assessed)
        ).tolist()
        for i in {*changed, *after.overlay}:
            got = after.score(i)
            expect = float(want.score[i]) if want.assessed[i] else None
            assert (got is None) == (expect is None), plan.ids[i]
            assert got is None or expect is None or abs(got - expect) <= 1e-12, plan.ids[i]
    times, touched = [], 0
    with frozen_objects():  # as chain.rollup does: no full collection over the chain
        for leaf, value in zip(picks, values, strict=True):
            t = time.perf_counter()
            after = nodes.successor()
            propagate(after, {leaf: (value, True, 1.0)})
            times.append(time.perf_counter() - t)
            touched += len(after.overlay) - 1
    return float(np.mean(times)), float(np.percentile(times, 99)), touched / UPDATES


def chain_incremental(chain: gc.GoalChain, seed: int) -> tuple[float, float, float]:
    """``chain.record`` of a new value then ``chain.rollup``.

    Returns the first update's roll-up (it builds the plan's id index and
    parent arrays, once per plan), then the mean of the others: record and
    roll-up together, and the roll-up alone.
    """
    rng = np.random.default_rng(seed)
    indicators = [i.id for i in chain.indicators()]
    chain.rollup(2024)
    both, alone = [], []
    for _ in range(UPDATES // 3):
        which = indicators[int(rng.integers(len(indicators)))]
        value = float(np.round(rng.random() * 100, 1))
        t = time.perf_counter()
        chain.record(which, 2024, value, replace=True)
        t1 = time.perf_counter()
        chain.rollup(2024)
        t2 = time.perf_counter()
        both.append(t2 - t)
        alone.append(t2 - t1)
    if len(chain) <= PLAIN_MAX:
        from goalchain.rollup import rollup

        fresh, plain = chain.rollup(2024), rollup(chain, 2024, engine="plain")
        for key, node in plain.items():  # checked equal after the updates
            got = fresh[key]
            assert (got.score is None) == (node.score is None), key
            assert got.score is None or abs(got.score - node.score) <= 1e-12, key
    return alone[0], float(np.mean(both[1:])), float(np.mean(alone[1:]))


def run(n: int, chain_max: int, repeat: int, base_repeat: int) -> dict[str, float]:
    s = structure(n, seed=n)
    row: dict[str, float] = {"n": n, "from_chain": float(n <= chain_max)}
    t = time.perf_counter()
    if n <= chain_max:
        chain = build_chain(s)
        row["build"] = time.perf_counter() - t
        t = time.perf_counter()
        plan = compile_plan(chain)
        row["compile"] = time.perf_counter() - t
        how = "end to end: GoalChain.add_*, plan compiled from the chain"
        graph = chain.graph
    else:
        graph = graph_of(s)
        row["build"] = time.perf_counter() - t
        t = time.perf_counter()
        plan, _ = plan_from_arrays(s)
        row["compile"] = time.perf_counter() - t
        how = "plan built directly from arrays (no GoalChain); build = networkx graph"
    by_id = dict(zip(s["ids"], range(n), strict=True))
    old = np.array([by_id[k] for k in plan.ids])
    leaf_score = s["progress"][old]
    leaf_assessed = s["assessed"][old]
    leaves = {k: (float(s["progress"][i]) if s["assessed"][i] else None) for k, i in by_id.items()}
    order = list(reversed(list(nx.topological_sort(graph))))
    edges = plan.n_edges
    print(f"\n{n:>9,} nodes, {edges:,} links, height {len(plan.levels)} -- {how}")
    for strategy in ("weighted", "worst_case"):
        tb, expected = best(lambda st=strategy: baseline(graph, order, leaves, st), base_repeat)
        out = evaluate(plan, leaf_score, leaf_assessed, strategy)
        check(plan, out, expected)  # equal before timing
        te, _ = best(lambda st=strategy: evaluate(plan, leaf_score, leaf_assessed, st), repeat)
        row[strategy] = te
        row[f"{strategy}_base"] = tb
        print(
            f"  {strategy:<10} evaluate {te * 1e3:9.3f} ms   baseline {tb * 1e3:10.1f} ms   "
            f"ratio {tb / te:7.1f}x   {te * 1e9 / max(edges, 1):6.1f} ns/link   (checked equal)"
        )
        mean, p99, touched = incremental(plan, leaf_score, leaf_assessed, strategy, seed=n)
        row[f"{strategy}_update"] = mean
        print(
            f"  {strategy:<10} one incremental update {mean * 1e6:7.1f} us "
            f"(99th percentile {p99 * 1e6:.1f} us), {touched:.1f} goals changed on average "
            "(checked equal)"
        )
    print(f"  build {row['build']:.3f} s   compile {row['compile'] * 1e3:.1f} ms")
    if n <= chain_max:
        from goalchain.rollup import rollup

        chain = build_chain(structure(n, seed=n))  # a fresh chain: nothing compiled yet
        t = time.perf_counter()
        result = chain.rollup(2024)
        row["chain_rollup_cold"] = time.perf_counter() - t
        warm, _ = best(lambda: chain.rollup(2024), repeat=3)
        plain_text = "plain engine not run above 10^5 elements"
        if n <= PLAIN_MAX:
            plain, ref = best(lambda: rollup(chain, 2024, engine="plain"), repeat=1)
            for key, node in ref.items():
                got = result[key]
                assert (got.score is None) == (node.score is None), key
                assert got.score is None or abs(got.score - node.score) <= 1e-12, key
            plain_text = f"plain engine {plain * 1e3:.1f} ms (checked equal)"
        print(
            f"  chain.rollup(2024): {row['chain_rollup_cold'] * 1e3:.1f} ms with compile, "
            f"{warm * 1e6:.1f} us again with nothing changed; {plain_text}"
        )
        first, both, alone = chain_incremental(chain, seed=n)
        checked = "checked equal to the plain engine after" if n <= PLAIN_MAX else "after"
        print(
            f"  chain.record + chain.rollup(2024) after a new measurement: {both * 1e6:.1f} us "
            f"(the roll-up {alone * 1e6:.1f} us; the first one {first * 1e3:.1f} ms, as it "
            f"builds the plan's id index and parent arrays; {checked} {UPDATES // 3} updates)"
        )
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10**3, 10**4, 10**5, 10**6])
    parser.add_argument("--chain-max", type=int, default=10**6)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--baseline-repeat", type=int, default=2)
    args = parser.parse_args()
    rows = [run(n, args.chain_max, args.repeat, args.baseline_repeat) for n in args.sizes]
    print("\nTargets")
    for row in rows:
        if row["n"] == 10**6:
            w, wc = row["weighted"], row["worst_case"]
            rw, rwc = row["weighted_base"] / w, row["worst_case_base"] / wc
            for what, ok in (
                (f"weighted {w * 1e3:.2f} ms <= 10 ms", w <= 0.010),
                (f"worst_case {wc * 1e3:.2f} ms <= 15 ms", wc <= 0.015),
                (f"weighted {rw:.0f}x >= 200x the baseline", rw >= 200),
                (f"worst_case {rwc:.0f}x >= 200x the baseline", rwc >= 200),
                (
                    f"compile {row['compile']:.2f} s <= 2 s "
                    f"({'from a GoalChain' if row['from_chain'] else 'from arrays'})",
                    row["compile"] <= 2.0,
                ),
                (
                    f"incremental update {row['weighted_update'] * 1e6:.0f} us (weighted), "
                    f"{row['worst_case_update'] * 1e6:.0f} us (worst_case) <= 100 us",
                    max(row["weighted_update"], row["worst_case_update"]) <= 100e-6,
                ),
            ):
                print(f"  10^6: {what}: {'MET' if ok else 'NOT MET'}")
        if row["n"] == 10**4 and "chain_rollup_cold" in row:
            c = row["chain_rollup_cold"]
            print(
                f"  10^4: chain.rollup with compile {c * 1e3:.1f} ms <= 50 ms: "
                f"{'MET' if c <= 0.050 else 'NOT MET'}"
            )
    if not any(row["n"] == 10**6 for row in rows):
        print("  10^6 not run: the 10^6 targets are not checked")


if __name__ == "__main__":
    main()
