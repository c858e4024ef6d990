"""Properties of the roll-up on chains drawn from ``goalchain.testing.goal_chains``."""

from __future__ import annotations

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, assume, given, settings

import goalchain as gc
from _strategies import chains_and_periods
from goalchain.rollup import ChildResult, Mean, StatusScale, Threshold, Weighted, WorstCase

EPS = 1e-12
SCALE = StatusScale()
MONOTONE = ("weighted", "worst_case", "mean")


def raw(indicator: gc.Indicator, actual: float, period: gc.Period) -> float:
    """A scorer that rises with the measured value, so every measured leaf is assessed."""
    return min(1.0, max(0.0, actual / 100.0))


def children_of(result, node_id: str) -> list[ChildResult]:  # type: ignore[no-untyped-def]
    return [ChildResult(c, s, result[c].status, w) for c, w, s in result[node_id].children]


@given(chains_and_periods())
def test_weighted_lies_between_lowest_and_highest_child(case) -> None:  # type: ignore[no-untyped-def]
    chain, period = case
    result = chain.rollup(period, scorer=raw)
    for goal in chain.goals():
        node = result[goal.id]
        scores = [s for _, w, s in node.children if s is not None and w > 0]
        if node.score is None:
            assert not scores
            continue
        assert min(scores) - EPS <= node.score <= max(scores) + EPS


@given(chains_and_periods())
def test_worst_case_below_weighted_below_highest(case) -> None:  # type: ignore[no-untyped-def]
    chain, period = case
    weighted = chain.rollup(period, scorer=raw)
    worst = chain.rollup(period, scorer=raw, strategy="worst_case")
    for goal in chain.goals():
        w, wc = weighted[goal.id].score, worst[goal.id].score
        assert (w is None) == (wc is None)
        if w is not None and wc is not None:
            assert wc <= w + EPS
            assert w <= max(s for _, _, s in weighted[goal.id].children if s is not None) + EPS


children_lists = st.lists(
    st.builds(
        lambda i, s, w: ChildResult(f"c{i}", s, SCALE.status(s), w),
        st.integers(0, 10**6),
        st.none() | st.floats(0.0, 1.0),
        st.floats(0.01, 10.0),
    ),
    min_size=1,
    max_size=8,
)
STRATEGIES = [Weighted(), WorstCase(), Mean(), Threshold()]


@pytest.mark.parametrize("strategy", STRATEGIES, ids=lambda s: type(s).__name__)
@given(children=children_lists, data=st.data(), factor=st.floats(0.01, 100.0))
def test_permuting_and_scaling_change_nothing(strategy, children, data, factor) -> None:  # type: ignore[no-untyped-def]
    goal = gc.Goal(id="g", title="Mål", level="council")
    base = strategy.combine(goal, children, None)
    shuffled = data.draw(st.permutations(children))
    scaled = [ChildResult(c.id, c.score, c.status, c.weight * factor) for c in shuffled]
    other = strategy.combine(goal, scaled, None)
    if base.score is None:
        assert other.score is None
    else:
        assert other.score == pytest.approx(base.score, abs=1e-12)


@pytest.mark.parametrize("strategy", STRATEGIES[:3], ids=lambda s: type(s).__name__)
@given(score=st.floats(0.0, 1.0), weight=st.floats(0.01, 10.0))
def test_single_child_passes_through(strategy, score: float, weight: float) -> None:  # type: ignore[no-untyped-def]
    goal = gc.Goal(id="g", title="Mål", level="council")
    child = ChildResult("c", score, SCALE.status(score), weight)
    assert strategy.combine(goal, [child], None).score == score


@pytest.mark.parametrize("strategy", MONOTONE)
@given(case=chains_and_periods(), data=st.data(), delta=st.floats(0.001, 100.0))
# About 60 % of generated chains have no indicator and are discarded; now and then the
# first examples are mostly such chains, and the health check stopped the test.
@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
def test_raising_a_measurement_never_lowers_an_ancestor(strategy, case, data, delta) -> None:  # type: ignore[no-untyped-def]
    chain, period = case
    indicators = [i.id for i in chain.indicators()]
    assume(indicators)
    indicator = data.draw(st.sampled_from(indicators))
    series = chain.series(indicator)
    if period not in series:
        chain.record(indicator, period, data.draw(st.floats(-10.0, 110.0)))
    value = chain.series(indicator)[period]
    before = chain.rollup(period, scorer=raw, strategy=strategy)
    chain.record(indicator, period, value + delta, replace=True)
    after = chain.rollup(period, scorer=raw, strategy=strategy)
    for node_id in chain.ancestors(indicator) | {indicator}:
        old, new = before[node_id].score, after[node_id].score
        assert (old is None) == (new is None)
        if old is not None and new is not None:
            assert new >= old - EPS


@given(case=chains_and_periods(), data=st.data())
def test_dialogue_changes_only_the_assessed_goal_and_above(case, data) -> None:  # type: ignore[no-untyped-def]
    chain, period = case
    free = [g.id for g in chain.goals() if chain.assessment(g.id, period) is None]
    assume(free)
    goal = data.draw(st.sampled_from(free))
    status = data.draw(st.sampled_from(["achieved", "partly", "not_achieved"]))
    before = chain.rollup(period, scorer=raw, strategy="dialogue")
    chain.assess(goal, period, status=status)
    after = chain.rollup(period, scorer=raw, strategy="dialogue")
    assert after[goal].provenance == "dialogue"
    assert after[goal].status == status
    assert after[goal].computed == before[goal].score
    above = chain.ancestors(goal) | {goal}
    for node_id in chain:
        if node_id not in above:
            assert after[node_id] == before[node_id]
