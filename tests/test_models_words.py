"""The models layer's errors keep their template and render in Swedish (issue 15).

One or more errors of each module of ``goalchain.models`` (and of the roll-up
settings and plan, and an indicator's trajectory): English stays what it was,
Swedish comes from the catalog, and ``render("en") == str(error)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest

import goalchain as gc
from _catalogs import check_words
from goalchain.exceptions import GoalchainError
from goalchain.models import GovernanceModel, Level
from goalchain.models._data import for_whom
from goalchain.models._values import check_extra, to_date
from goalchain.rollup import RollupSettings


def _chain() -> gc.GoalChain:
    chain = gc.GoalChain(name="Exempel")
    chain.add_goal("kf1", "Mål", level="council")
    chain.add_indicator("i1", "Behöriga", unit="percent", parents=["kf1"])
    return chain


def _recorded_twice() -> None:
    chain = _chain()
    chain.record("i1", 2024, 80.5, gender="K")
    chain.record("i1", 2024, 1234.5, gender="K")


def _from_graph_kind() -> None:
    graph = nx.DiGraph()
    graph.add_node("x", kind="mål", title="X")
    gc.GoalChain.from_graph(graph)


def _weights_zero() -> None:
    chain = gc.GoalChain(name="Exempel")
    chain.add_goal("kf1", "Mål", level="council")
    chain.add_activity("a1", "Insats", parents={"kf1": 0.0}, status="done")
    chain.rollup(2024)


def _no_activity_level() -> None:
    model = GovernanceModel(
        name="bara_mal",
        levels=(Level(key="goal", label_sv="Mål", label_en="Goal", kind="goal", children=()),),
    )
    model.default_level("activity")


def _trajectory_without_baseline() -> None:
    chain = _chain()
    chain["i1"].trajectory()  # type: ignore[attr-defined]


CASES: list[tuple[str, Callable[[], Any], str, str]] = [
    # (module, raise it, an English phrase, a Swedish phrase)
    (
        "_chain",
        lambda: gc.GoalChain(municipality=192),  # type: ignore[arg-type]
        "municipality codes are strings",
        "kommunkoder är texter som '0192', fick 192",
    ),
    ("_chain", _from_graph_kind, "kind 'mål' is invalid", "typen 'mål' är ogiltig"),
    (
        "_chain",
        lambda: _chain().link("kf1", "i1", weight=10**400),
        "a number too large to hold",
        "ett tal för stort för att rymmas",
    ),
    (
        "_chain_data",
        _recorded_twice,
        "already has 80.5 for 2024 for women; got 1234.5",
        "har redan 80,5 för 2024 för kvinnor; fick 1234,5",
    ),
    (
        "_data",
        lambda: gc.Measurement(
            indicator="i1", period=2024, value=1.0, unit="percent", preliminary="ja"
        ),  # type: ignore[arg-type]
        "expected true or false, got 'ja'",
        "väntade sant eller falskt (true eller false), fick 'ja'",
    ),
    (
        "_elements",
        lambda: gc.Indicator(id="i1", title="X", level="indicator", unit="percent", kolada="N1"),
        "is not a Kolada KPI id",
        "är inget id för ett nyckeltal i Kolada",
    ),
    (
        "_elements",
        lambda: gc.Activity(
            id="a1", title="X", level="activity", start="2024-06-01", due="2024-01-01"
        ),
        "due date 2024-01-01 comes before start date 2024-06-01",
        "slutdatumet 2024-01-01 infaller före startdatumet 2024-06-01",
    ),
    (
        "_governance",
        lambda: Level(key="Nämnd", label_sv="Nämnd", label_en="Committee", kind="goal"),
        "must be lower-case letters",
        "får bara ha gemena bokstäver",
    ),
    (
        "_governance",
        _no_activity_level,
        "has no level for activities",
        "ingen nivå för aktiviteter",
    ),
    (
        "_values",
        lambda: check_extra({"x": {1, 2}}, element="g1"),
        "holds an object of type set",
        "innehåller ett objekt av typen set",
    ),
    (
        "_values",
        lambda: to_date("31/12/2024", field="due", element="a1"),
        "expected a date written YYYY-MM-DD",
        "väntade ett datum skrivet ÅÅÅÅ-MM-DD",
    ),
    (
        "_target",
        lambda: (
            gc.Indicator(
                id="i1", title="X", level="indicator", unit="percent", target=(2026, "öka")
            ).target.number
        ),  # type: ignore[union-attr]
        "is a change against the previous measured year",
        "är en förändring mot det senast uppmätta året",
    ),
    (
        "_rollup_settings",
        lambda: RollupSettings.from_mapping({"scorer": {"tolerance": 1}}),
        "'name' is missing",
        "'name' saknas",
    ),
    (
        "_rollup_settings",
        lambda: RollupSettings.from_mapping({"strategi": "weighted"}),
        "unknown field 'strategi'",
        "okänt fält 'strategi'",
    ),
    (
        "_rollup_settings",
        lambda: gc.GoalChain(rollup={"levels": {"committee": "hög"}}),
        "field 'rollup.levels.committee': expected a mapping such as",
        "fältet 'rollup.levels.committee': väntade en mappning som {status_scale:",
    ),
    ("rollup._plan", _weights_zero, "sum to zero", "summeras till noll"),
    (
        "progression._indicator",
        _trajectory_without_baseline,
        "the indicator has no baseline",
        "indikatorn har inget utgångsvärde",
    ),
]


@pytest.mark.parametrize(
    ("raise_it", "english", "swedish"),
    [case[1:] for case in CASES],
    ids=[f"{case[0]}-{i}" for i, case in enumerate(CASES)],
)
def test_the_models_errors_render_in_swedish(
    raise_it: Callable[[], Any], english: str, swedish: str
) -> None:
    with pytest.raises(GoalchainError) as caught:
        raise_it()
    check_words(caught.value, english, swedish)


def test_every_module_is_sampled() -> None:
    sampled = {case[0] for case in CASES}
    assert sampled >= {
        "_chain",
        "_chain_data",
        "_data",
        "_elements",
        "_governance",
        "_values",
        "_target",
        "_rollup_settings",
        "rollup._plan",
        "progression._indicator",
    }


@pytest.mark.parametrize(("gender", "sv"), [("T", ""), ("K", " för kvinnor"), ("M", " för män")])
def test_whose_value_is_worded_in_the_language(gender: str, sv: str) -> None:
    whom = for_whom(gender)
    assert (whom if isinstance(whom, str) else whom.render("sv")) == sv


def test_an_unknown_gender_is_named() -> None:
    whom = for_whom("X")
    assert not isinstance(whom, str)
    assert str(whom) == " (gender X)"
    assert whom.render("sv") == " (kön X)"


def test_a_date_in_range_still_reads() -> None:
    assert to_date("2024-12-31", field="due", element="a1") == dt.date(2024, 12, 31)
