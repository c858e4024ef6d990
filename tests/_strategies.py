"""Hypothesis strategies shared by the project's own tests."""

from __future__ import annotations

import hypothesis.strategies as st

import goalchain as gc
from goalchain.testing import goal_chains


@st.composite
def chains_and_periods(
    draw: st.DrawFn, *, max_elements: int | None = None
) -> tuple[gc.GoalChain, gc.Period]:
    """A generated chain that rolls up under the default strategy, and a period it has
    measurements for (mostly): goals use the call's strategy, and no goal's link weights
    sum to zero (that error is tested in test_rollup.py)."""
    chain = draw(
        goal_chains(with_data=True)
        if max_elements is None
        else goal_chains(max_elements=max_elements)
    )
    for goal in chain.goals():
        if goal.rollup is not None:
            chain.update(goal.id, rollup=None)
    for goal in chain.goals():
        children = chain.children(goal.id)
        if children and sum(chain.weight(goal.id, c) for c in children) == 0:
            chain.unlink(goal.id, children[0])
            chain.link(goal.id, children[0], 1.0)
    periods = sorted({m.period for m in chain.measurements(gender="T")})
    period = draw(st.sampled_from(periods)) if periods else gc.Period.parse(2024)
    return chain, period
