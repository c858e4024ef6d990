"""A state machine that builds, edits, saves and reloads chains.

Next to the chain it keeps a shadow model (plain dicts of levels, links,
values and statuses) that predicts what each step must do: succeed and change
the chain in a known way, or raise a specific error and change nothing.
"""

from __future__ import annotations

from collections import deque
from typing import Any

import networkx as nx
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

import goalchain as gc
from goalchain.models import ASSESSMENT_STATUSES, GENDERS, Period
from goalchain.testing import (
    activities,
    element_ids,
    goals,
    governance_models,
    indicators,
    municipality_codes,
    periods,
    swedish_numbers,
    weights,
)

HAS_IO = hasattr(gc, "dumps") and hasattr(gc, "loads")
# A few years only, so that measurements and assessments meet old ones.
PERIODS = periods(min_year=2022, max_year=2024, kinds=["year", "tertial"])
VALUES = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: (v, v)),
    swedish_numbers(min_value=-(10**6), max_value=10**6),  # (text, value)
)


class GoalChainMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.chain = gc.GoalChain()
        self.levels: dict[str, str] = {}  # id -> level key
        self.edges: dict[tuple[str, str], float] = {}  # (parent, child) -> weight
        self.values: dict[tuple[str, Period, str], float] = {}  # (indicator, period, gender)
        self.statuses: dict[tuple[str, Period], str] = {}  # (element, period) -> status
        self.counter = 0

    # -------------------------------------------------------------- helpers
    @property
    def model(self) -> gc.GovernanceModel:
        return self.chain.model

    def ids(self) -> list[str]:
        return sorted(self.levels)

    def of_kind(self, kind: str) -> list[str]:
        return [i for i in self.ids() if self.model.level(self.levels[i]).kind == kind]

    def has_kind(self, kind: str) -> bool:
        return any(level.kind == kind for level in self.model.levels)

    def below(self, element_id: str) -> set[str]:
        """Everything reachable downwards from *element_id*, by the shadow links."""
        seen: set[str] = set()
        queue = deque([element_id])
        while queue:
            node = queue.popleft()
            for parent, child in self.edges:
                if parent == node and child not in seen:
                    seen.add(child)
                    queue.append(child)
        return seen

    def refused(self, exc: type[Exception], action: Any) -> None:
        before = self.chain.copy()
        with pytest.raises(exc):
            action()
        assert self.chain == before

    # -------------------------------------------------------------- rules
    @initialize(
        model=governance_models(),
        name=st.sampled_from(["Burlövs kommun", "Grästorps kommun", ""]),
        municipality=st.none() | municipality_codes(),
        data=st.data(),
    )
    def start(
        self, model: gc.GovernanceModel, name: str, municipality: str | None, data: st.DataObject
    ) -> None:
        self.chain = gc.GoalChain(name=name, model=model, municipality=municipality)
        # Begin with the top of the chain, so that most rules can run from the start.
        top = model.level(model.roots()[0])
        self.chain.add(data.draw(goals(model=model, level=top.key, id="top"), label="top"))
        self.levels["top"] = top.key

    def _add(self, data: st.DataObject, kind: str) -> None:
        level = data.draw(
            st.sampled_from([lv for lv in self.model.levels if lv.kind == kind]), label="level"
        )
        self.counter += 1
        choices = [st.just(f"e{self.counter}"), element_ids()]
        if self.levels:
            choices.append(st.sampled_from(self.ids()))  # sometimes a duplicate
        element_id = data.draw(st.one_of(choices), label="id")
        factory = {"goal": goals, "indicator": indicators, "activity": activities}[kind]
        element = data.draw(
            factory(model=self.model, level=level.key, id=element_id), label="element"
        )
        parents = data.draw(
            st.lists(st.sampled_from(self.ids()), unique=True, max_size=3)
            if self.levels
            else st.just([]),
            label="parents",
        )
        weighted = {p: data.draw(weights(), label="weight") for p in parents}
        if element_id in self.levels:
            self.refused(gc.DuplicateError, lambda: self.chain.add(element, parents=weighted))
        elif any(not self.model.allows(self.levels[p], level.key) for p in parents):
            self.refused(gc.LevelError, lambda: self.chain.add(element, parents=weighted))
        else:
            assert self.chain.add(element, parents=weighted) is element
            self.levels[element_id] = level.key
            self.edges.update({(p, element_id): w for p, w in weighted.items()})

    @precondition(lambda self: self.has_kind("goal"))
    @rule(data=st.data())
    def add_goal(self, data: st.DataObject) -> None:
        self._add(data, "goal")

    @precondition(lambda self: self.has_kind("indicator"))
    @rule(data=st.data())
    def add_indicator(self, data: st.DataObject) -> None:
        self._add(data, "indicator")

    @precondition(lambda self: self.has_kind("activity"))
    @rule(data=st.data())
    def add_activity(self, data: st.DataObject) -> None:
        self._add(data, "activity")

    @precondition(lambda self: bool(self.levels))
    @rule(data=st.data(), weight=st.one_of(weights(), st.just(-1.0)))
    def link(self, data: st.DataObject, weight: float) -> None:
        parent = data.draw(st.sampled_from(self.ids()), label="parent")
        child = data.draw(st.sampled_from(self.ids()), label="child")
        action = lambda: self.chain.link(parent, child, weight=weight)  # noqa: E731
        if weight < 0:
            self.refused(gc.InvalidValueError, action)
        elif parent == child or parent in self.below(child):
            self.refused(gc.CycleError, action)
        elif not self.model.allows(self.levels[parent], self.levels[child]):
            self.refused(gc.LevelError, action)
        else:
            action()
            self.edges[parent, child] = weight

    @precondition(lambda self: bool(self.levels))
    @rule(data=st.data(), weight=weights())
    def link_closing_a_cycle(self, data: st.DataObject, weight: float) -> None:
        child = data.draw(st.sampled_from(self.ids()), label="child")
        parent = data.draw(st.sampled_from(sorted(self.below(child) | {child})), label="parent")
        before = self.chain.copy()
        with pytest.raises(gc.CycleError) as info:
            self.chain.link(parent, child, weight=weight)
        assert info.value.cycle[:2] == (parent, child)
        assert info.value.cycle[-1] == parent
        assert self.chain == before

    @precondition(lambda self: bool(self.edges))
    @rule(data=st.data())
    def unlink(self, data: st.DataObject) -> None:
        parent, child = data.draw(st.sampled_from(sorted(self.edges)), label="link")
        self.chain.unlink(parent, child)
        del self.edges[parent, child]

    @precondition(lambda self: bool(self.levels))
    @rule(data=st.data())
    def unlink_a_missing_link(self, data: st.DataObject) -> None:
        parent = data.draw(st.sampled_from(self.ids()), label="parent")
        child = data.draw(st.sampled_from(self.ids()), label="child")
        if (parent, child) not in self.edges:
            self.refused(gc.UnknownLinkError, lambda: self.chain.unlink(parent, child))

    @precondition(lambda self: bool(self.levels))
    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        element_id = data.draw(st.sampled_from(self.ids()), label="removed")
        assert self.chain.remove(element_id).id == element_id
        del self.levels[element_id]
        self.edges = {k: w for k, w in self.edges.items() if element_id not in k}
        self.values = {k: v for k, v in self.values.items() if k[0] != element_id}
        self.statuses = {k: v for k, v in self.statuses.items() if k[0] != element_id}

    @rule(data=st.data())
    def remove_an_unknown_element(self, data: st.DataObject) -> None:
        element_id = data.draw(element_ids(), label="id")
        if element_id not in self.levels:
            self.refused(gc.UnknownElementError, lambda: self.chain.remove(element_id))

    @precondition(lambda self: bool(self.of_kind("indicator")))
    @rule(
        data=st.data(),
        period=PERIODS,
        gender=st.sampled_from(GENDERS),
        value=VALUES,
        replace=st.booleans(),
    )
    def record(
        self,
        data: st.DataObject,
        period: Period,
        gender: str,
        value: tuple[float | str, float],
        replace: bool,
        indicator: str | None = None,
    ) -> None:
        if indicator is None:
            indicator = data.draw(st.sampled_from(self.of_kind("indicator")), label="indicator")
        given, expected = value
        key = (indicator, period, gender)
        old = self.values.get(key)

        def action() -> object:
            return self.chain.record(indicator, period, given, gender=gender, replace=replace)

        if old is not None and old != expected and not replace:
            self.refused(gc.DuplicateError, action)
        else:
            assert action().value == expected
            self.values[key] = expected

    @precondition(lambda self: bool(self.values))
    @rule(data=st.data(), value=VALUES, replace=st.booleans())
    def record_again(
        self, data: st.DataObject, value: tuple[float | str, float], replace: bool
    ) -> None:
        """A value for an indicator, period and gender that already has one."""
        indicator, period, gender = data.draw(st.sampled_from(sorted(self.values)), label="key")
        self.record(data, period, gender, value, replace, indicator=indicator)

    @precondition(lambda self: bool(self.levels))
    @rule(data=st.data(), period=PERIODS, value=st.sampled_from([float("nan"), float("inf")]))
    def record_a_non_finite_value(self, data: st.DataObject, period: Period, value: float) -> None:
        element_id = data.draw(st.sampled_from(self.ids()), label="element")
        self.refused(gc.InvalidValueError, lambda: self.chain.record(element_id, period, value))

    @precondition(lambda self: bool(self.levels))
    @rule(
        data=st.data(),
        period=PERIODS,
        status=st.sampled_from(ASSESSMENT_STATUSES),
        replace=st.booleans(),
    )
    def assess(
        self,
        data: st.DataObject,
        period: Period,
        status: str,
        replace: bool,
        element_id: str | None = None,
    ) -> None:
        if element_id is None:
            element_id = data.draw(st.sampled_from(self.ids()), label="element")
        key = (element_id, period)
        old = self.statuses.get(key)

        def action() -> object:
            return self.chain.assess(element_id, period, status=status, replace=replace)

        if old is not None and old != status and not replace:
            self.refused(gc.DuplicateError, action)
        else:
            assert action().status == status
            self.statuses[key] = status

    @precondition(lambda self: bool(self.statuses))
    @rule(data=st.data(), status=st.sampled_from(ASSESSMENT_STATUSES), replace=st.booleans())
    def assess_again(self, data: st.DataObject, status: str, replace: bool) -> None:
        """An assessment of an element and period that already has one."""
        element_id, period = data.draw(st.sampled_from(sorted(self.statuses)), label="key")
        self.assess(data, period, status, replace, element_id=element_id)

    if HAS_IO:

        @rule(fmt=st.sampled_from(["yaml", "json"]))
        def save_and_reload(self, fmt: str) -> None:
            text = gc.dumps(self.chain, format=fmt)
            reloaded = gc.loads(text, format=fmt)
            assert reloaded == self.chain
            self.chain = reloaded  # go on with the reloaded chain

    # -------------------------------------------------------------- invariants
    @invariant()
    def is_a_dag_that_obeys_the_level_rules(self) -> None:
        graph = self.chain.graph
        assert nx.is_directed_acyclic_graph(graph)
        for element in self.chain.elements():
            assert self.model.level(element.level).kind == element.kind
        for parent, child in graph.edges:
            assert self.model.allows(self.chain[parent].level, self.chain[child].level)

    @invariant()
    def every_measurement_belongs_to_an_existing_indicator(self) -> None:
        for m in self.chain.measurements():
            assert isinstance(self.chain[m.indicator], gc.Indicator)
        for a in self.chain.assessments():
            assert a.element in self.chain

    @invariant()
    def length_is_the_number_of_nodes(self) -> None:
        assert len(self.chain) == self.chain.graph.number_of_nodes() == len(self.levels)

    @invariant()
    def agrees_with_the_shadow_model(self) -> None:
        assert {e.id: e.level for e in self.chain.elements()} == self.levels
        assert {(p, c): w for p, c, w in self.chain.links()} == self.edges
        assert {m.key: m.value for m in self.chain.measurements()} == self.values
        assert {a.key: a.status for a in self.chain.assessments()} == self.statuses


GoalChainMachine.TestCase.settings = settings(
    settings.default, stateful_step_count=25, deadline=None
)
TestGoalChainMachine = GoalChainMachine.TestCase
