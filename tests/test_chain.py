"""GoalChain: building, querying and refusing bad input without changing anything."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import goalchain as gc
from goalchain.models import Goal, Indicator, Period
from goalchain.testing import goal_chains
from goalchain.units import get_registry

NBSP = "\u00a0"


def refused(
    chain: gc.GoalChain,
    action: Callable[[], object],
    exc: type[Exception],
    builtin: type[Exception],
    *fragments: str,
) -> BaseException:
    """Run *action*; check it raises *exc* (a GoalchainError and *builtin*), that the
    message contains every fragment, and that the chain is exactly as before."""
    before = chain.copy()
    versions = (chain.structure_version, chain.data_version)
    with pytest.raises(exc) as info:
        action()
    err = info.value
    assert isinstance(err, gc.GoalchainError)
    assert isinstance(err, builtin)
    for fragment in fragments:
        assert fragment in str(err), (fragment, str(err))
    assert chain == before
    assert (chain.structure_version, chain.data_version) == versions
    return err


# ------------------------------------------------------------------ construction
def test_new_chain() -> None:
    chain = gc.GoalChain(
        name="Lerums kommun",
        model="lerum",
        municipality="1441",
        metadata={"kommunkod": "1441", "år": [2023, 2024]},
    )
    assert (chain.name, chain.model.name, chain.municipality) == ("Lerums kommun", "lerum", "1441")
    assert chain.metadata == {"kommunkod": "1441", "år": (2023, 2024)}
    assert len(chain) == 0
    assert list(chain) == []
    assert chain.roots() == []
    assert gc.GoalChain().name == ""
    assert gc.GoalChain().model is gc.PRESETS["classic"]


def test_a_chain_takes_a_custom_model() -> None:
    model = gc.GovernanceModel(
        name="egen",
        levels=[
            gc.Level(key="focus", label_sv="Fokusområde", label_en="Focus", children=("kpi",)),
            gc.Level(key="kpi", label_sv="Nyckeltal", label_en="KPI", kind="indicator"),
        ],
    )
    chain = gc.GoalChain(name="Egen", model=model)
    chain.add_goal("f1", "Trygghet", level="focus")
    chain.add_indicator("k1", "Andel trygga", parents=["f1"], unit="%")
    assert chain["k1"].level == "kpi"
    assert chain.model is model


def test_unknown_model_lists_presets() -> None:
    with pytest.raises(gc.UnknownModelError) as info:
        gc.GoalChain(name="X", model="malmo")
    assert isinstance(info.value, LookupError)
    assert "'malmo'" in str(info.value)
    assert "classic" in str(info.value)
    assert "lerum" in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"municipality": 192}, "'0192'"),
        ({"name": 5}, "'name'"),
    ],
)
def test_chain_arguments_are_checked(kwargs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(gc.InvalidValueError, match=fragment):
        gc.GoalChain(**kwargs)


def test_metadata_is_never_shared_with_the_caller() -> None:
    metadata: dict[str, Any] = {"nested": {"lista": [1]}}
    chain = gc.GoalChain(name="X", metadata=metadata)
    metadata["nested"]["lista"].append(2)
    metadata["ny"] = 1
    assert chain.metadata == {"nested": {"lista": (1,)}}
    with pytest.raises(TypeError):
        chain.metadata["ny"] = 1  # type: ignore[index]


# ------------------------------------------------------------------ reading
def test_getitem_contains_len_iter(chain: gc.GoalChain) -> None:
    assert isinstance(chain["kf1"], Goal)
    assert isinstance(chain["i1"], Indicator)
    assert "kf1" in chain
    assert "nope" not in chain
    assert ["unhashable"] not in chain
    assert len(chain) == 6
    assert list(chain) == ["vision", "kf1", "kf2", "bun1", "i1", "a1"]
    assert chain.get("kf1") is chain["kf1"]
    assert chain.get("nope") is None
    assert chain.get("nope", 5) == 5


def test_unknown_element_lists_known_ids(chain: gc.GoalChain) -> None:
    with pytest.raises(gc.UnknownElementError) as info:
        chain["kf9"]
    err = info.value
    assert isinstance(err, KeyError)
    assert isinstance(err, LookupError)
    assert err.element == "kf9"
    text = str(err)
    assert text.startswith("no element with id 'kf9'")  # no KeyError quoting
    assert "'kf1'" in text
    assert "'vision'" in text


def test_unknown_element_lists_only_ten_ids() -> None:
    chain = gc.GoalChain()
    for n in range(12):
        chain.add_goal(f"v{n:02d}", "Vision", level="vision")
    with pytest.raises(gc.UnknownElementError, match="and 2 more"):
        chain["x"]


def test_elements_by_kind_and_level(chain: gc.GoalChain) -> None:
    assert [e.id for e in chain.elements()] == list(chain)
    assert [g.id for g in chain.goals()] == ["vision", "kf1", "kf2", "bun1"]
    assert [g.id for g in chain.goals(level="council")] == ["kf1", "kf2"]
    assert [e.id for e in chain.elements("goal", level="committee")] == ["bun1"]
    assert [i.id for i in chain.indicators()] == ["i1"]
    assert [a.id for a in chain.activities()] == ["a1"]


def test_links_and_weights(chain: gc.GoalChain) -> None:
    assert set(chain.links()) == {
        ("vision", "kf1", 1.0),
        ("vision", "kf2", 1.0),
        ("kf1", "bun1", 2.0),
        ("kf2", "bun1", 0.5),
        ("bun1", "i1", 1.0),
        ("bun1", "a1", 1.0),
    }
    assert chain.weight("kf1", "bun1") == 2.0
    assert chain.graph.edges["kf2", "bun1"]["weight"] == 0.5
    with pytest.raises(gc.UnknownLinkError):
        chain.weight("vision", "bun1")


def test_graph_is_a_read_only_view(chain: gc.GoalChain) -> None:
    graph = chain.graph
    assert isinstance(graph, nx.DiGraph)
    assert set(graph.nodes) == set(chain)
    assert graph.nodes["kf1"]["element"] is chain["kf1"]
    assert graph.nodes["kf1"]["kind"] == "goal"
    assert graph.nodes["kf1"]["level"] == "council"
    assert graph.nodes["i1"]["title"] == "Andel behöriga till yrkesprogram"
    with pytest.raises(nx.NetworkXError):
        graph.add_edge("i1", "vision")
    with pytest.raises(nx.NetworkXError):
        graph.remove_node("kf1")
    assert nx.is_directed_acyclic_graph(graph)
    assert nx.descendants(graph, "vision") == set(chain) - {"vision"}


def test_repr(chain: gc.GoalChain) -> None:
    text = repr(chain)
    assert "'Burlövs kommun'" in text
    assert "classic" in text
    assert "4 goals, 1 indicators, 1 activities, 1 measurements, 1 assessments" in text


# ------------------------------------------------------------------ queries
def test_children_and_parents(chain: gc.GoalChain) -> None:
    assert chain.children("vision") == ["kf1", "kf2"]
    assert chain.children("bun1") == ["i1", "a1"]
    assert chain.children("i1") == []
    assert chain.parents("bun1") == ["kf1", "kf2"]
    assert chain.parents("vision") == []
    with pytest.raises(gc.UnknownElementError):
        chain.children("x")
    with pytest.raises(gc.UnknownElementError):
        chain.parents("x")


def test_ancestors_and_descendants(chain: gc.GoalChain) -> None:
    assert chain.ancestors("i1") == {"bun1", "kf1", "kf2", "vision"}
    assert chain.ancestors("vision") == set()
    assert chain.descendants("kf2") == {"bun1", "i1", "a1"}
    assert chain.descendants("a1") == set()
    with pytest.raises(gc.UnknownElementError):
        chain.ancestors("x")
    with pytest.raises(gc.UnknownElementError):
        chain.descendants("x")


def test_paths_to_root(chain: gc.GoalChain) -> None:
    assert sorted(chain.paths_to_root("i1")) == [
        ["i1", "bun1", "kf1", "vision"],
        ["i1", "bun1", "kf2", "vision"],
    ]
    assert chain.paths_to_root("vision") == [["vision"]]
    assert chain.paths_to_vision("kf1") == [["kf1", "vision"]]
    with pytest.raises(gc.UnknownElementError):
        chain.paths_to_root("x")


def test_roots_and_orphans(chain: gc.GoalChain) -> None:
    assert chain.roots() == ["vision"]
    assert chain.orphans() == []
    chain.add_goal("bun2", "Ett mål utan KF-mål", level="committee")
    chain.add_goal("vision2", "En andra vision", level="vision")
    assert chain.roots() == ["vision", "bun2", "vision2"]
    assert chain.orphans() == ["bun2"]


def test_council_levels_and_unanchored_goals(chain: gc.GoalChain) -> None:
    assert chain.council_levels() == ("council",)
    assert chain.unanchored_goals() == []
    chain.add_goal("bun2", "Mål utan koppling", level="committee")
    assert chain.unanchored_goals() == ["bun2"]
    assert chain.unanchored_goals(to_levels=["vision"]) == ["bun2"]
    assert chain.unanchored_goals(to_levels=["committee"]) == ["kf1", "kf2"]
    grastorp = gc.GoalChain(model="grastorp")
    assert grastorp.council_levels() == ("goal",)


def test_cross_cutting_goals_and_the_committees_that_lack_them() -> None:
    chain = gc.GoalChain(name="Nynäshamn", model="nynashamn")
    chain.add_goal("vision", "Nynäshamn 2040", level="vision")
    chain.add_goal("kf1", "Attraktiv arbetsgivare", level="council", parents=["vision"])
    for committee in ("Socialnämnden", "Barn- och utbildningsnämnden", "Kulturnämnden"):
        chain.add_goal(
            f"{committee[:3]}-egen",
            "Ett eget mål",
            level="committee",
            parents=["kf1"],
            owner=committee,
        )
    for committee in ("Socialnämnden", "Barn- och utbildningsnämnden"):
        chain.add_goal(
            f"{committee[:3]}-arb",
            "Attraktiv  arbetsgivare",
            level="committee",
            parents=["kf1"],
            owner=committee,
            cross_cutting=True,
        )
    assert [g.id for g in chain.cross_cutting_goals()] == ["Soc-arb", "Bar-arb"]
    assert chain.committees() == ["Socialnämnden", "Barn- och utbildningsnämnden", "Kulturnämnden"]
    assert chain.missing_cross_cutting() == {"Attraktiv  arbetsgivare": ["Kulturnämnden"]}
    # the same goal: titles match regardless of case and spacing
    chain.add_goal(
        "Kul-arb",
        "attraktiv arbetsgivare",
        level="committee",
        parents=["kf1"],
        owner="Kulturnämnden",
    )
    assert chain.missing_cross_cutting() == {"Attraktiv  arbetsgivare": ["Kulturnämnden"]}
    chain.update("Kul-arb", cross_cutting=True)
    assert chain.missing_cross_cutting() == {}


def test_committees_without_cross_cutting_goals() -> None:
    chain = gc.GoalChain(model="classic")
    chain.add_goal("v", "Vision", level="vision")
    chain.add_goal("k", "KF", level="council", parents=["v"], owner="Kommunfullmäktige")
    chain.add_goal("n1", "N", level="committee", parents=["k"], owner="Socialnämnden")
    chain.add_goal("n2", "N", level="committee", parents=["k"], owner="Socialnämnden")
    chain.add_goal("n3", "N", level="committee", parents=["k"])
    assert chain.committees() == ["Socialnämnden"]
    assert chain.missing_cross_cutting() == {}


# ------------------------------------------------------------------ building
def test_add_goal_returns_the_goal(chain: gc.GoalChain) -> None:
    goal = chain.add_goal(
        "kf3",
        "Minskad klimatpåverkan",
        level="council",
        parents={"vision": 0.0},
        owner="Kommunfullmäktige",
        description="Fossilfritt 2030",
        cross_cutting=True,
        decision={"body": "Kommunfullmäktige", "date": "2022-11-28"},
        tags=["klimat"],
        rollup="worst_case",
        extra={"färg": "grön"},
    )
    assert chain["kf3"] == goal
    assert goal.decision is not None
    assert goal.decision.date == dt.date(2022, 11, 28)
    assert chain.weight("vision", "kf3") == 0.0


def test_add_indicator_with_default_level_and_swedish_values(chain: gc.GoalChain) -> None:
    ind = chain.add_indicator(
        "i2",
        "Nettokostnad per invånare",
        parents=["bun1"],
        unit="kr/invånare",
        direction="decrease",
        baseline=(2022, f"12{NBSP}345 kr/invånare"),
        target=(2026, "12 tkr/invånare"),
        annual_targets={2024: 12_200},
        frequency="yearly",
        lag=1,
    )
    assert ind.level == "indicator"
    assert ind.baseline == (2022, 12345.0)
    assert ind.target == (2026, 12000.0)


def test_add_activity_with_default_level(chain: gc.GoalChain) -> None:
    act = chain.add_activity(
        "a2",
        "Mentorsprogram",
        parents=["kf1"],
        owner="BUN",
        start="2024-01-01",
        due="2024-06-30",
        status="done",
        progress=1.0,
    )
    assert act.level == "activity"
    assert act.due == dt.date(2024, 6, 30)
    assert chain.parents("a2") == ["kf1"]


def test_add_element_objects_and_one_parent_as_a_string(chain: gc.GoalChain) -> None:
    goal = Goal(id="bun2", title="Läsförståelse", level="committee")
    assert chain.add(goal, parents="kf1") is goal
    assert chain.parents("bun2") == ["kf1"]


def test_a_node_may_have_several_parents(chain: gc.GoalChain) -> None:
    chain.add_goal("bun2", "Gemensamt mål", level="committee", parents=["kf1", "kf2"])
    assert chain.parents("bun2") == ["kf1", "kf2"]


def test_link_unlink_and_weights(chain: gc.GoalChain) -> None:
    version = chain.structure_version
    chain.link("kf1", "a1", weight=3)
    assert chain.weight("kf1", "a1") == 3.0
    assert chain.structure_version > version
    chain.link("kf1", "a1", weight=0.5)  # linking again sets the weight
    assert chain.weight("kf1", "a1") == 0.5
    assert chain.links().count(("kf1", "a1", 0.5)) == 1
    chain.unlink("kf1", "a1")
    assert "a1" not in chain.children("kf1")
    assert chain.parents("a1") == ["bun1"]


def test_remove_takes_links_measurements_and_assessments(chain: gc.GoalChain) -> None:
    chain.assess("i1", 2024, status="achieved")
    removed = chain.remove("i1")
    assert removed.id == "i1"
    assert "i1" not in chain
    assert chain.measurements() == []
    assert [a.element for a in chain.assessments()] == ["kf1"]
    assert ("bun1", "i1", 1.0) not in chain.links()
    chain.remove("kf1")
    assert chain.assessments() == []
    assert chain.parents("bun1") == ["kf2"]  # children stay


def test_update(chain: gc.GoalChain) -> None:
    new = chain.update("kf1", title="Alla elever ska nå gymnasiebehörighet", owner="KF")
    assert chain["kf1"] == new
    assert chain["kf1"].title == "Alla elever ska nå gymnasiebehörighet"
    assert chain.graph.nodes["kf1"]["title"] == new.title


def test_update_unit_converts_values_and_measurements() -> None:
    chain = gc.GoalChain()
    chain.add_goal("v", "Vision", level="vision")
    chain.add_goal("k", "Budget i balans", level="council", parents=["v"])
    chain.add_indicator(
        "i",
        "Resultat",
        parents=["k"],
        unit="tkr",
        baseline=(2022, 1500),
        target=(2026, 2500),
        annual_targets={2024: 2000},
    )
    chain.record("i", 2023, 1800)
    new = chain.update("i", unit="mnkr")
    assert isinstance(new, Indicator)
    assert new.baseline == (2022, 1.5)
    assert new.target == (2026, 2.5)
    assert new.annual_targets == ((2024, 2.0),)
    assert chain.series("i") == {Period.parse(2023): 1.8}
    assert chain.measurements("i")[0].unit == "mnkr"


# ------------------------------------------------------------------ bad input: structure
def test_link_that_closes_a_cycle(chain: gc.GoalChain) -> None:
    err = refused(
        chain,
        lambda: chain.link("bun1", "vision"),
        gc.CycleError,
        ValueError,
        "'bun1' -> 'vision'",
        "would close the cycle",
    )
    assert isinstance(err, gc.CycleError)
    # the cycle is a real path: the new link plus the way back down
    cycle = err.cycle
    assert cycle[0] == cycle[-1] == "bun1"
    assert cycle[1] == "vision"
    assert " -> ".join(cycle) in str(err)
    for parent, child in itertools.pairwise(cycle[1:]):
        assert chain.graph.has_edge(parent, child)


def test_link_to_itself_is_a_cycle(chain: gc.GoalChain) -> None:
    err = refused(chain, lambda: chain.link("kf1", "kf1"), gc.CycleError, ValueError, "kf1 -> kf1")
    assert err.cycle == ("kf1", "kf1")  # type: ignore[attr-defined]


def test_long_cycle_shows_the_whole_path(chain: gc.GoalChain) -> None:
    refused(
        chain,
        lambda: chain.link("i1", "vision"),
        gc.CycleError,
        ValueError,
        "i1 -> vision -> kf",
        " -> bun1 -> i1",
    )


@pytest.mark.parametrize(
    ("action", "fragment"),
    [
        (lambda c: c.link("kf9", "bun1"), "'kf9'"),
        (lambda c: c.link("kf1", "bun9"), "'bun9'"),
        (
            lambda c: c.add_goal("bun2", "Mål", level="committee", parents=["kf9"]),
            "named as parent of 'bun2'",
        ),
        (lambda c: c.add_indicator("i2", "Ind", parents={"bun9": 1.0}, unit="%"), "'bun9'"),
        (lambda c: c.remove("kf9"), "'kf9'"),
        (lambda c: c.update("kf9", title="X"), "'kf9'"),
        (lambda c: c.record("i9", 2024, 1.0), "'i9'"),
        (lambda c: c.assess("kf9", 2024, status="achieved"), "'kf9'"),
        (lambda c: c.measurements("i9"), "'i9'"),
        (lambda c: c.assessments("i9"), "'i9'"),
    ],
)
def test_unknown_parent_or_element(
    chain: gc.GoalChain, action: Callable[[gc.GoalChain], Any], fragment: str
) -> None:
    err = refused(
        chain, lambda: action(chain), gc.UnknownElementError, KeyError, fragment, "known ids: "
    )
    assert "'kf1'" in str(err)  # lists what would be valid


def test_unlink_of_a_missing_link(chain: gc.GoalChain) -> None:
    refused(
        chain,
        lambda: chain.unlink("vision", "bun1"),
        gc.UnknownLinkError,
        KeyError,
        "'vision' -> 'bun1'",
    )
    refused(chain, lambda: chain.unlink("x", "y"), gc.UnknownLinkError, LookupError, "'x'")


def test_duplicate_id(chain: gc.GoalChain) -> None:
    refused(
        chain,
        lambda: chain.add_goal("kf1", "Ett annat mål", level="council", parents=["vision"]),
        gc.DuplicateError,
        ValueError,
        "'kf1'",
        "already used by goal",
        "'Fler elever ska nå gymnasiebehörighet'",
        "unique",
    )
    refused(
        chain,
        lambda: chain.add_indicator("kf1", "Ind", parents=["bun1"], unit="%"),
        gc.DuplicateError,
        ValueError,
        "'kf1'",
    )


def test_duplicate_parent(chain: gc.GoalChain) -> None:
    refused(
        chain,
        lambda: chain.add_goal("bun2", "Mål", level="committee", parents=["kf1", "kf1"]),
        gc.DuplicateError,
        ValueError,
        "'kf1' is named twice",
        "'bun2'",
    )


def test_indicator_with_children(chain: gc.GoalChain) -> None:
    refused(
        chain,
        lambda: chain.add_activity("a2", "Akt", parents=["i1"]),
        gc.LevelError,
        ValueError,
        "'a2'",
        "'i1' (indicator)",
        "nothing may sit below it",
    )
    refused(
        chain,
        lambda: chain.link("i1", "a1"),
        gc.LevelError,
        ValueError,
        "'a1' (activity) cannot sit below 'i1' (indicator)",
    )


def test_committee_goal_above_a_council_goal(chain: gc.GoalChain) -> None:
    chain.add_goal("bun2", "Fristående nämndmål", level="committee")
    chain.add_goal("kf3", "Fristående KF-mål", level="council")
    err = refused(
        chain,
        lambda: chain.link("bun2", "kf3"),
        gc.LevelError,
        ValueError,
        "'kf3' (council) cannot sit below 'bun2' (committee)",
        "'classic'",
        "only indicator, activity may sit below it",
    )
    assert err.element == "kf3"  # type: ignore[attr-defined]
    refused(
        chain,
        lambda: chain.add_goal("kf4", "KF-mål", level="council", parents=["bun1"]),
        gc.LevelError,
        ValueError,
        "'kf4' (council) cannot sit below 'bun1' (committee)",
    )


def test_vision_directly_above_a_committee_goal(chain: gc.GoalChain) -> None:
    refused(
        chain,
        lambda: chain.add_goal("bun2", "Mål", level="committee", parents=["vision"]),
        gc.LevelError,
        ValueError,
        "only council may sit below it",
    )


def test_level_of_the_wrong_kind(chain: gc.GoalChain) -> None:
    refused(
        chain,
        lambda: chain.add_goal("g", "Mål", level="indicator"),
        gc.LevelError,
        ValueError,
        "'g'",
        "level 'indicator' is for indicators, not goals",
        "goal levels in model 'classic': vision, council, committee",
    )
    refused(
        chain,
        lambda: chain.add_indicator("i2", "Ind", parents=["bun1"], unit="%", level="committee"),
        gc.LevelError,
        ValueError,
        "is for goals, not indicators",
        "indicator levels",
    )
    refused(
        chain,
        lambda: chain.add_activity("a2", "Akt", level="indicator"),
        gc.LevelError,
        ValueError,
        "activity levels in model 'classic': activity",
    )
    refused(
        chain,
        lambda: chain.update("kf1", level="committee"),
        gc.LevelError,
        ValueError,
        "'kf1' (committee) cannot sit below 'vision' (vision)",
    )
    refused(
        chain,
        lambda: chain.update("kf1", level="indicator"),
        gc.LevelError,
        ValueError,
        "is for indicators, not goals",
    )


def test_default_level_missing_in_the_model() -> None:
    model = gc.GovernanceModel(
        name="bara_mal", levels=[gc.Level(key="goal", label_sv="Mål", label_en="Goal")]
    )
    chain = gc.GoalChain(model=model)
    refused(
        chain,
        lambda: chain.add_indicator("i", "Ind", unit="%"),
        gc.LevelError,
        ValueError,
        "'bara_mal' has no level for indicators",
        "its levels: goal",
    )


def test_unknown_level(chain: gc.GoalChain) -> None:
    err = refused(
        chain,
        lambda: chain.add_goal("kf3", "Mål", level="kommunfullmäktige", parents=["vision"]),
        gc.UnknownLevelError,
        LookupError,
        "'kf3'",
        "'kommunfullmäktige'",
        "'classic'",
        "valid levels: vision, council, committee, indicator, activity",
    )
    assert isinstance(err, ValueError)  # also a LevelError, a ValueError


@pytest.mark.parametrize("weight", [-1, -0.5, float("nan"), float("inf"), "1", True, None])
def test_bad_weight(chain: gc.GoalChain, weight: object) -> None:
    refused(
        chain,
        lambda: chain.link("kf1", "a1", weight=weight),  # type: ignore[arg-type]
        gc.InvalidValueError,
        ValueError,
        "'kf1' -> 'a1'",
        ">= 0",
        "'weight'",
    )
    refused(
        chain,
        lambda: chain.add_goal(
            "bun2", "Mål", level="committee", parents={"kf1": 1.0, "kf2": weight}
        ),
        gc.InvalidValueError,
        ValueError,
        "'kf2' -> 'bun2'",
        ">= 0",
    )


def test_bad_weight_keeps_an_existing_weight(chain: gc.GoalChain) -> None:
    refused(chain, lambda: chain.link("kf1", "bun1", weight=-2), gc.InvalidValueError, ValueError)
    assert chain.weight("kf1", "bun1") == 2.0


def test_add_refuses_what_is_not_an_element(chain: gc.GoalChain) -> None:
    refused(
        chain,
        lambda: chain.add("kf3"),
        gc.InvalidValueError,
        ValueError,  # type: ignore[arg-type]
        "Goal, Indicator or Activity",
        "str",
    )


def test_invalid_fields_change_nothing(chain: gc.GoalChain) -> None:
    refused(
        chain,
        lambda: chain.add_goal("kf3", "", level="council", parents=["vision"]),
        gc.InvalidValueError,
        ValueError,
        "'kf3'",
        "'title'",
    )
    refused(
        chain,
        lambda: chain.add_goal(" kf3", "Mål", level="council"),
        gc.InvalidValueError,
        ValueError,
        "' kf3'",
    )
    refused(
        chain,
        lambda: chain.update("kf1", id="kf9"),
        gc.InvalidValueError,
        ValueError,
        "'kf1'",
        "cannot be changed",
    )
    refused(
        chain,
        lambda: chain.update("kf1", colour="röd"),
        gc.InvalidValueError,
        ValueError,
        "'kf1'",
        "'colour'",
        "fields: id, title",
    )
    refused(
        chain,
        lambda: chain.update("i1", unit="count"),
        gc.UnitMismatchError,
        ValueError,
        "'i1'",
        "'percent'",
        "'count'",
    )
    refused(
        chain,
        lambda: chain.update("i1", unit="furlongz"),
        gc.UnknownUnitError,
        ValueError,
        "'i1'",
        "'furlongz'",
    )


# ------------------------------------------------------------------ bad input: indicators
def test_unknown_unit(chain: gc.GoalChain) -> None:
    refused(
        chain,
        lambda: chain.add_indicator("i2", "Ind", parents=["bun1"], unit="furlongz"),
        gc.UnknownUnitError,
        ValueError,
        "'i2'",
        "'unit'",
        "'furlongz'",
        "'percent' ('%')",
    )
    refused(
        chain,
        lambda: chain.record("i1", 2024, "5 furlongz"),
        gc.UnknownUnitError,
        ValueError,
        "'i1'",
        "'furlongz'",
    )
    refused(
        chain,
        lambda: chain.record("i1", 2024, 5, unit="furlongz"),
        gc.UnknownUnitError,
        ValueError,
        "'i1'",
        "'unit'",
        "'furlongz'",
    )


@pytest.mark.parametrize(
    ("value", "unit", "got"),
    [
        ("5 kr", None, "SEK"),
        ("5 procentenheter", None, "percentage_point"),
        ("12 st", None, "count"),
        (5, "tkr", "tkr"),
        ("5", "tkr", "tkr"),
        (get_registry().Quantity(3, "day"), None, "day"),
    ],
)
def test_unit_that_does_not_fit(
    chain: gc.GoalChain, value: object, unit: str | None, got: str
) -> None:
    err = refused(
        chain,
        lambda: chain.record("i1", 2024, value, unit=unit),
        gc.UnitMismatchError,
        ValueError,
        "indicator 'i1'",
        f"'{got}'",
        "'percent'",
    )
    assert (err.expected, err.got, err.element) == ("percent", got, "i1")  # type: ignore[attr-defined]


def test_unit_that_does_not_fit_the_baseline(chain: gc.GoalChain) -> None:
    refused(
        chain,
        lambda: chain.add_indicator(
            "i2", "Ind", parents=["bun1"], unit="percent", baseline=(2022, "5 tkr")
        ),
        gc.UnitMismatchError,
        ValueError,
        "'i2'",
        "'baseline'",
        "'tkr'",
        "'percent'",
    )


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf"), "1e999"])
def test_nan_and_infinite_values(chain: gc.GoalChain, bad: object) -> None:
    refused(
        chain,
        lambda: chain.record("i1", 2024, bad),
        gc.InvalidValueError,
        ValueError,
        "'i1'",
        "'value'",
        "finite",
    )
    refused(
        chain,
        lambda: chain.add_indicator("i2", "Ind", parents=["bun1"], unit="%", target=(2026, bad)),
        gc.InvalidValueError,
        ValueError,
        "'i2'",
        "'target'",
    )
    refused(
        chain,
        lambda: chain.assess("kf1", 2025, status="partly", score=bad),  # type: ignore[arg-type]
        gc.InvalidValueError,
        ValueError,
        "'kf1'",
        "'score'",
    )


def test_nan_quantity(chain: gc.GoalChain) -> None:
    refused(
        chain,
        lambda: chain.record("i1", 2024, get_registry().Quantity(float("nan"), "%")),
        gc.InvalidValueError,
        ValueError,
        "'i1'",
        "finite",
    )


@pytest.mark.parametrize(
    ("period", "fragment"),
    [
        (1800, "1800"),
        (2201, "2201"),
        ("2024-T4", "tertial index 4"),
        ("förra året", "'2024-T1'"),
    ],
)
def test_year_or_period_out_of_range(chain: gc.GoalChain, period: object, fragment: str) -> None:
    refused(
        chain,
        lambda: chain.record("i1", period, 1.0),
        gc.PeriodError,
        ValueError,
        "'i1'",
        "'period'",
        fragment,
    )
    refused(
        chain,
        lambda: chain.assess("kf1", period, status="achieved"),
        gc.PeriodError,
        ValueError,
        "'kf1'",
        "'period'",
        fragment,
    )
    refused(
        chain,
        lambda: chain.add_indicator("i2", "Ind", parents=["bun1"], unit="%", baseline=(1800, 1.0)),
        gc.PeriodError,
        ValueError,
        "'i2'",
        "'baseline'",
        "1900-2200",
    )


def test_record_on_a_goal(chain: gc.GoalChain) -> None:
    refused(
        chain,
        lambda: chain.record("kf1", 2024, 1.0),
        gc.InvalidValueError,
        ValueError,
        "'kf1'",
        "is a goal",
        "assess()",
    )


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"gender": "X"}, "T, K, M"),
        ({"preliminary": "ja"}, "true or false"),
        ({"source": 5}, "'source'"),
    ],
)
def test_record_checks_its_fields(
    chain: gc.GoalChain, kwargs: dict[str, Any], fragment: str
) -> None:
    refused(
        chain,
        lambda: chain.record("i1", 2024, 1.0, **kwargs),
        gc.InvalidValueError,
        ValueError,
        "'i1'",
        fragment,
    )


def test_assess_checks_its_fields(chain: gc.GoalChain) -> None:
    refused(
        chain,
        lambda: chain.assess("kf1", 2025, status="bra"),
        gc.InvalidValueError,
        ValueError,
        "'kf1'",
        "'status'",
        "achieved, partly, not_achieved, not_assessed",
    )
    refused(
        chain,
        lambda: chain.assess("kf1", 2025, status="achieved", score=2),
        gc.InvalidValueError,
        ValueError,
        "between 0 and 1",
    )


# ------------------------------------------------------------------ data
def test_record_and_series(chain: gc.GoalChain) -> None:
    version = chain.data_version
    m = chain.record(
        "i1",
        "2024-T1",
        "12,5 %",
        gender="K",
        preliminary=True,
        source="Kolada",
        extra={"kommentar": "prel."},
    )
    assert chain.data_version > version
    assert (m.value, m.unit, m.gender, m.preliminary) == (12.5, "percent", "K", True)
    chain.record("i1", 2024, 0.5, unit="dimensionless")  # a share: 0.5 is 50 %
    chain.record("i1", "2024-delår", get_registry().Quantity(0.81))
    chain.record("i1", 2022, "79")
    assert chain.series("i1") == {
        Period.parse(2022): 79.0,
        Period.parse(2023): 80.5,
        Period.parse("2024-delår"): 81.0,
        Period.parse(2024): 50.0,
    }
    assert list(chain.series("i1")) == sorted(chain.series("i1"))
    assert chain.series("i1", gender="K") == {Period.parse("2024-T1"): 12.5}
    assert [x.gender for x in chain.measurements(gender="K")] == ["K"]
    assert len(chain.measurements()) == 5
    assert len(chain.measurements("i1")) == 5


def test_record_converts_to_the_indicators_unit() -> None:
    chain = gc.GoalChain()
    chain.add_goal("v", "Vision", level="vision")
    chain.add_indicator("kost", "Nettokostnad", parents=[], unit="tkr", level="indicator")
    assert chain.record("kost", 2023, "1 234,5 kr").value == 1.2345
    assert chain.record("kost", 2024, f"2{NBSP}500 tkr").value == 2500.0
    assert chain.record("kost", 2025, 3, unit="mnkr").value == 3000.0
    assert chain.record("kost", 2026, "4", unit="mnkr").value == 4000.0
    chain.add_indicator("rate", "Anmälda brott", unit="per 1000 invånare")
    assert chain.record("rate", 2023, "4,2 per 1000 invånare").value == 4.2
    chain.add_indicator("pp", "Skillnad flickor-pojkar", unit="procentenheter")
    assert chain.record("pp", 2023, "-3,5 procentenheter").value == -3.5
    with pytest.raises(gc.UnitMismatchError):
        chain.record("pp", 2024, "3,5 %")


def test_record_the_same_value_again_is_fine_a_different_one_needs_replace(
    chain: gc.GoalChain,
) -> None:
    chain.record("i1", 2023, 80.5)
    refused(
        chain,
        lambda: chain.record("i1", 2023, 81.0),
        gc.DuplicateError,
        ValueError,
        "'i1'",
        "80.5",
        "2023",
        "replace=True",
    )
    chain.record("i1", 2023, 81.0, replace=True)
    assert chain.series("i1") == {Period.parse(2023): 81.0}
    with pytest.raises(gc.DuplicateError) as total:
        chain.record("i1", 2023, 82.0)
    assert "gender" not in str(total.value)  # the total is the plain case
    chain.record("i1", 2023, 40.0, gender="K")
    with pytest.raises(gc.DuplicateError, match="already has 40 for 2023 for women; got 41"):
        chain.record("i1", 2023, 41.0, gender="K")


def test_add_measurement_converts(chain: gc.GoalChain) -> None:
    m = gc.Measurement(indicator="i1", period=2025, value=0.9, unit="dimensionless")
    stored = chain.add_measurement(m)
    assert stored.value == 90.0
    assert stored.unit == "percent"


def test_assess_and_assessments(chain: gc.GoalChain) -> None:
    a = chain.assess(
        "kf1",
        "2024-delår",
        status="ej uppfyllt",
        rationale="Kompetensbrist",
        participants=["Ordförande", "Förvaltningschef"],
        score=0.2,
        date="2024-09-30",
        method="dialogue",
        extra={"protokoll": "§ 12"},
    )
    assert a.status == "not_achieved"
    assert chain.assessment("kf1", "2024-delår") == a
    assert chain.assessment("kf1", 2030) is None
    assert [x.period for x in chain.assessments("kf1")] == [
        Period.parse("2024-delår"),
        Period.parse(2024),
    ]
    assert chain.assessments(period=2024)[0].status == "partly"
    assert chain.assessments("kf2") == []
    refused(
        chain,
        lambda: chain.assess("kf1", 2024, status="achieved"),
        gc.DuplicateError,
        ValueError,
        "'kf1'",
        "2024",
        "replace=True",
    )
    chain.assess("kf1", 2024, status="achieved", replace=True)
    assert chain.assessment("kf1", 2024).status == "achieved"  # type: ignore[union-attr]


def test_add_assessment_of_an_unknown_element(chain: gc.GoalChain) -> None:
    refused(
        chain,
        lambda: chain.add_assessment(gc.Assessment(element="x", period=2024, status="achieved")),
        gc.UnknownElementError,
        KeyError,
        "'x'",
    )


# ------------------------------------------------------------------ equality and copies
def test_copy_is_equal_and_independent(chain: gc.GoalChain) -> None:
    other = chain.copy()
    assert other == chain
    assert other is not chain
    assert copy.copy(chain) == chain
    assert copy.deepcopy(chain) == chain
    other.link("kf1", "a1")
    other.record("i1", 2024, 1.0)
    other.assess("kf2", 2024, status="achieved")
    other.remove("kf2")
    assert other != chain
    assert "kf2" in chain
    assert ("kf1", "a1", 1.0) not in chain.links()
    assert len(chain.measurements()) == 1
    assert chain.weight("kf2", "bun1") == 0.5


def test_equality_looks_at_everything(chain: gc.GoalChain) -> None:
    variants: list[Callable[[gc.GoalChain], object]] = [
        lambda c: c.update("kf1", title="Nytt"),
        lambda c: c.link("kf1", "bun1", weight=3.0),
        lambda c: c.record("i1", 2024, 1.0),
        lambda c: c.assess("kf2", 2024, status="achieved"),
        lambda c: c.unlink("kf2", "bun1"),
    ]
    for change in variants:
        other = chain.copy()
        change(other)
        assert other != chain
    assert chain != gc.GoalChain(name="Burlövs kommun")
    assert chain.__eq__(5) is NotImplemented
    renamed = gc.GoalChain(name="Annan", model="classic", municipality="1231")
    assert renamed != gc.GoalChain(name="Burlövs kommun", model="classic", municipality="1231")
    assert gc.GoalChain(model="burlov") != gc.GoalChain(model="classic")
    assert gc.GoalChain(municipality="0192") != gc.GoalChain(municipality="192")
    assert gc.GoalChain(metadata={"a": 1}) != gc.GoalChain()


def test_equality_ignores_insertion_order() -> None:
    def build(order: list[str]) -> gc.GoalChain:
        chain = gc.GoalChain()
        chain.add_goal("v", "Vision", level="vision")
        for k in order:
            chain.add_goal(k, k, level="council", parents=["v"])
        return chain

    assert build(["a", "b"]) == build(["b", "a"])


def test_chains_are_not_hashable(chain: gc.GoalChain) -> None:
    with pytest.raises(TypeError):
        hash(chain)


# ------------------------------------------------------------------ from_graph
def test_from_graph_of_a_chains_graph(chain: gc.GoalChain) -> None:
    rebuilt = gc.GoalChain.from_graph(
        chain.graph, name=chain.name, model=chain.model, municipality=chain.municipality
    )
    assert {e.id: e for e in rebuilt.elements()} == {e.id: e for e in chain.elements()}
    assert set(rebuilt.links()) == set(chain.links())
    assert rebuilt.measurements() == []


def test_from_graph_builds_elements_from_attributes() -> None:
    graph = nx.DiGraph()
    graph.add_node("v", title="Vision", level="vision", extra={"färg": "blå"}, kommunkod="0192")
    graph.add_node("k", title="KF-mål", level="council", owner="KF", id="k")
    graph.add_node("i", kind="indicator", title="Andel", unit="%", baseline=(2022, 1.0))
    graph.add_edge("v", "k", weight=2.0)
    graph.add_edge("k", "i")
    before = nx.node_link_data(graph, edges="links")
    chain = gc.GoalChain.from_graph(graph, name="Från graf", model="classic")
    assert nx.node_link_data(graph, edges="links") == before  # the graph is not changed
    assert chain["v"].extra == {"färg": "blå", "kommunkod": "0192"}
    assert chain["k"].owner == "KF"
    assert isinstance(chain["i"], Indicator)
    assert chain["i"].level == "indicator"
    assert set(chain.links()) == {("v", "k", 2.0), ("k", "i", 1.0)}


def test_from_graph_refuses_cycles_and_bad_graphs() -> None:
    graph = nx.DiGraph()
    graph.add_node("a", title="A", level="vision")
    graph.add_node("b", title="B", level="council")
    graph.add_edges_from([("a", "b"), ("b", "a")])
    with pytest.raises(gc.CycleError) as info:
        gc.GoalChain.from_graph(graph)
    assert info.value.cycle[0] == info.value.cycle[-1]
    assert set(info.value.cycle) == {"a", "b"}
    with pytest.raises(gc.InvalidValueError, match="DiGraph"):
        gc.GoalChain.from_graph(nx.Graph())
    with pytest.raises(gc.InvalidValueError, match="DiGraph"):
        gc.GoalChain.from_graph(nx.MultiDiGraph())
    bad_kind = nx.DiGraph()
    bad_kind.add_node("x", kind="mål", title="X", level="vision")
    with pytest.raises(gc.InvalidValueError, match="kind 'mål'"):
        gc.GoalChain.from_graph(bad_kind)
    wrong_id = nx.DiGraph()
    wrong_id.add_node("x", element=Goal(id="y", title="Y", level="vision"))
    with pytest.raises(gc.InvalidValueError, match="'y'"):
        gc.GoalChain.from_graph(wrong_id)
    other_id = nx.DiGraph()
    other_id.add_node("x", id="y", title="Y", level="vision")
    with pytest.raises(gc.InvalidValueError, match="'id'"):
        gc.GoalChain.from_graph(other_id)
    level_rule = nx.DiGraph()
    level_rule.add_node("i", kind="indicator", title="I", unit="%")
    level_rule.add_node("g", title="G", level="committee")
    level_rule.add_edge("i", "g")
    with pytest.raises(gc.LevelError):
        gc.GoalChain.from_graph(level_rule)


@given(goal_chains(max_elements=16), st.booleans())
def test_unanchored_goals_are_those_with_no_path_up_to_an_anchor(
    chain: gc.GoalChain, relinked: bool
) -> None:
    links = chain.links()
    if relinked and links:  # a link made again: the link log is stale, the graph is walked
        parent, child, weight = links[-1]
        chain.unlink(parent, child)
        chain.link(parent, child, weight)
    anchors = set(chain.council_levels())
    top = set(chain.model.roots())
    expected = [
        goal.id
        for goal in chain.goals()
        if goal.level not in anchors
        and goal.level not in top
        and not any(chain[a].level in anchors for a in nx.ancestors(chain.graph, goal.id))
    ]
    assert chain.unanchored_goals() == expected
