"""Properties that hold for every generated chain, period and Swedish number."""

from __future__ import annotations

import itertools
from collections import deque
from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import goalchain as gc
from goalchain.models import Period
from goalchain.testing import goal_chains, periods, swedish_numbers, weights
from goalchain.units import parse_number, parse_quantity

HAS_IO = hasattr(gc, "dumps") and hasattr(gc, "loads")


def independent_graph(chain: gc.GoalChain) -> nx.DiGraph:
    """A fresh DiGraph built from the chain's public links, not from chain.graph."""
    graph = nx.DiGraph()
    graph.add_nodes_from(chain)
    graph.add_edges_from((parent, child) for parent, child, _ in chain.links())
    return graph


def walk(start: str, step: Any) -> set[str]:
    """Everything reachable from *start* by repeatedly taking *step* (breadth first)."""
    seen: set[str] = set()
    queue = deque(step(start))
    while queue:
        node = queue.popleft()
        if node not in seen:
            seen.add(node)
            queue.extend(step(node))
    return seen


def fingerprint(chain: gc.GoalChain) -> tuple[Any, ...]:
    """The chain's content as immutable values, independent of the chain object."""
    return (
        chain.name,
        chain.model,
        chain.municipality,
        dict(chain.metadata),
        frozenset((e.id, e) for e in chain.elements()),
        frozenset(chain.links()),
        tuple(chain.measurements()),
        tuple(chain.assessments()),
    )


# ------------------------------------------------------------------ structure
@given(goal_chains())
def test_a_generated_chain_is_a_dag_that_obeys_the_level_rules(chain: gc.GoalChain) -> None:
    assert nx.is_directed_acyclic_graph(independent_graph(chain))
    model = chain.model
    for element in chain.elements():
        assert model.level(element.level).kind == element.kind
    for parent, child, weight in chain.links():
        assert model.allows(chain[parent].level, chain[child].level)
        assert weight >= 0
    for m in chain.measurements():
        assert isinstance(chain[m.indicator], gc.Indicator)
    assert len(chain) == chain.graph.number_of_nodes()


@given(goal_chains(with_data=False))
def test_ancestors_and_descendants_agree_with_networkx(chain: gc.GoalChain) -> None:
    graph = independent_graph(chain)
    for element_id in chain:
        assert chain.ancestors(element_id) == nx.ancestors(graph, element_id)
        assert chain.descendants(element_id) == nx.descendants(graph, element_id)
        # and with a plain walk over parents and children
        assert chain.ancestors(element_id) == walk(element_id, chain.parents)
        assert chain.descendants(element_id) == walk(element_id, chain.children)
        assert set(chain.parents(element_id)) == set(graph.predecessors(element_id))
        assert set(chain.children(element_id)) == set(graph.successors(element_id))


@given(goal_chains(with_data=False))
def test_paths_to_root_all_end_at_a_root(chain: gc.GoalChain) -> None:
    graph = independent_graph(chain)
    roots = {n for n in graph if graph.in_degree(n) == 0}
    assert set(chain.roots()) == roots
    for element_id in chain:
        paths = chain.paths_to_root(element_id)
        assert paths
        for path in paths:
            assert path[0] == element_id
            assert path[-1] in roots
            for child, parent in itertools.pairwise(path):
                assert graph.has_edge(parent, child)
        # exactly the upward paths networkx finds, each once
        expected = (
            {(element_id,)}
            if element_id in roots
            else {
                tuple(reversed(p))
                for root in roots
                for p in nx.all_simple_paths(graph, root, element_id)
            }
        )
        assert len(paths) == len(expected)
        assert {tuple(p) for p in paths} == expected
        assert {n for p in paths for n in p} == chain.ancestors(element_id) | {element_id}


def _pick_cycle_closing_link(data: st.DataObject, chain: gc.GoalChain) -> tuple[str, str]:
    """(parent, child) such that child already reaches parent: linking them loops."""
    top = data.draw(st.sampled_from(sorted(chain)), label="child")
    below = sorted(walk(top, chain.children) | {top})
    bottom = data.draw(st.sampled_from(below), label="parent")
    return bottom, top


@given(goal_chains(min_elements=1), weights(), st.data())
def test_a_link_that_would_close_a_cycle_always_raises_and_changes_nothing(
    chain: gc.GoalChain, weight: float, data: st.DataObject
) -> None:
    parent, child = _pick_cycle_closing_link(data, chain)
    before = chain.copy()
    content = fingerprint(chain)
    version = chain.structure_version
    with pytest.raises(gc.CycleError) as info:
        chain.link(parent, child, weight=weight)
    cycle = info.value.cycle
    assert cycle[0] == cycle[-1] == parent
    assert cycle[1] == child
    for a, b in itertools.pairwise(cycle[1:]):  # the way back is real
        assert chain.graph.has_edge(a, b)
    assert " -> ".join(cycle) in str(info.value)
    assert chain == before
    assert fingerprint(chain) == content
    assert chain.structure_version == version


@given(goal_chains(min_elements=2, with_data=False), weights(), st.data())
def test_a_link_that_closes_no_cycle_never_raises_cycle_error(
    chain: gc.GoalChain, weight: float, data: st.DataObject
) -> None:
    ids = sorted(chain)
    parent = data.draw(st.sampled_from(ids), label="parent")
    # not the parent itself and nothing above it
    others = [n for n in ids if n != parent and n not in chain.ancestors(parent)]
    if not others:
        return
    child = data.draw(st.sampled_from(others), label="child")
    before = chain.copy()
    try:
        chain.link(parent, child, weight=weight)
    except gc.LevelError:
        assert not chain.model.allows(chain[parent].level, chain[child].level)
        assert chain == before
    else:
        assert chain.weight(parent, child) == weight
        assert nx.is_directed_acyclic_graph(independent_graph(chain))


# ------------------------------------------------------------------ copies
@given(goal_chains(min_elements=1), st.data())
def test_copy_is_equal_and_mutating_it_leaves_the_original(
    chain: gc.GoalChain, data: st.DataObject
) -> None:
    content = fingerprint(chain)
    other = chain.copy()
    assert other == chain
    assert fingerprint(other) == content
    victim = data.draw(st.sampled_from(sorted(chain)), label="removed")
    other.remove(victim)
    for indicator in other.indicators()[:1]:
        other.record(indicator.id, 2199, 1.0, gender="M", replace=True)
    for element_id in list(other)[:1]:
        other.assess(element_id, 2199, status="achieved", replace=True)
        other.update(element_id, title="Ändrad titel")
    assert other != chain
    assert victim in chain
    assert fingerprint(chain) == content


@given(goal_chains(with_data=False))
def test_from_graph_rebuilds_the_structure(chain: gc.GoalChain) -> None:
    rebuilt = gc.GoalChain.from_graph(
        chain.graph, name=chain.name, model=chain.model, municipality=chain.municipality
    )
    assert {e.id: e for e in rebuilt.elements()} == {e.id: e for e in chain.elements()}
    assert set(rebuilt.links()) == set(chain.links())


# ------------------------------------------------------------------ Swedish numbers
@given(swedish_numbers())
def test_swedish_number_strings_parse_to_the_right_value(pair: tuple[str, float]) -> None:
    text, expected = pair
    assert parse_number(text) == expected
    quantity = parse_quantity(f"{text} kr")
    assert quantity.magnitude == expected
    assert str(quantity.units) == "SEK"
    percent = parse_quantity(f"{text} %")
    assert (percent.magnitude, str(percent.units)) == (expected, "percent")


@given(swedish_numbers(min_value=-(10**6), max_value=10**6))
def test_swedish_number_strings_are_recorded_as_their_value(pair: tuple[str, float]) -> None:
    text, expected = pair
    chain = gc.GoalChain()
    chain.add_indicator("kost", "Nettokostnad", unit="tkr")
    assert chain.record("kost", 2024, text).value == expected
    assert chain.record("kost", 2025, f"{text} tkr").value == expected
    assert chain.record("kost", 2026, f"{text} mnkr").value == pytest.approx(expected * 1000)


# ------------------------------------------------------------------ periods
@given(periods())
def test_period_format_and_parse_round_trip(period: Period) -> None:
    assert Period.parse(str(period)) == period
    assert Period.parse(period.to_data()) == period
    assert repr(period) == f"Period({str(period)!r})"


@given(periods(), periods())
def test_period_ordering_is_total_and_consistent_with_equality(a: Period, b: Period) -> None:
    assert sum([a < b, a == b, a > b]) == 1
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (a > b or a == b)
    assert (a < b) == (b > a)
    assert (a == b) == (hash(a) == hash(b) and str(a) == str(b))


@given(periods(), periods(), periods())
def test_period_ordering_is_transitive(a: Period, b: Period, c: Period) -> None:
    if a <= b and b <= c:
        assert a <= c
    if a < b and b < c:
        assert a < c


@given(periods(min_year=2023, max_year=2025), periods(min_year=2023, max_year=2025))
def test_period_ordering_is_consistent_with_containment(a: Period, b: Period) -> None:
    if b in a:
        assert b <= a
        assert a.year == b.year
        assert a.months[0] <= b.months[0] <= b.months[1] <= a.months[1]
    if a in b and b in a:
        assert a == b
    if a.year == b.year and a.months[1] < b.months[1]:
        assert a < b
    if a.year < b.year:
        assert a < b


# ------------------------------------------------------------------ files
@pytest.mark.skipif(not HAS_IO, reason="goalchain.dumps/loads (goalchain.io) not available yet")
@pytest.mark.parametrize("fmt", ["yaml", "json"])
@given(chain=goal_chains())
def test_loads_of_dumps_gives_back_the_chain(fmt: str, chain: gc.GoalChain) -> None:
    text = gc.dumps(chain, format=fmt)
    assert gc.loads(text, format=fmt) == chain
    assert gc.dumps(gc.loads(text, format=fmt), format=fmt) == text  # deterministic
