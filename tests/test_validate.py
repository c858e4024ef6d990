"""Structural validation: findings, never exceptions."""

from __future__ import annotations

import pytest
from hypothesis import given

import goalchain as gc
from goalchain.models import Finding, validate
from goalchain.testing import goal_chains


def codes(chain: gc.GoalChain) -> list[tuple[str, str, str]]:
    return [(f.element, f.code, f.severity) for f in validate(chain)]


def test_a_complete_chain_has_no_findings(chain: gc.GoalChain) -> None:
    assert validate(chain) == []
    assert chain.validate() == []


def test_orphans_are_errors() -> None:
    chain = gc.GoalChain()
    chain.add_goal("v", "Vision", level="vision")
    chain.add_goal("bun1", "Nämndmål", level="committee")
    chain.add_indicator("i1", "Ind", unit="%")
    assert codes(chain) == [("bun1", "orphan", "error"), ("i1", "orphan", "error")]
    finding = validate(chain)[0]
    assert finding.message("sv") == (
        "Nämndmål saknar överordnat mål; koppla den till ett mål på nivån ovanför"
    )
    assert finding.message("en") == (
        "Committee goal has no parent; link it to a goal on the level above"
    )
    assert validate(chain, lang="en")[0].params == {"level": "Committee goal"}
    # never a mix of languages, whichever language validate was asked for
    assert str(finding) == (
        "bun1: Committee goal has no parent; link it to a goal on the level above"
    )
    assert validate(chain, lang="en")[0].message("sv").startswith("Nämndmål saknar")


def test_unanchored_goals_are_warnings() -> None:
    chain = gc.GoalChain()
    chain.add_goal("v", "Vision", level="vision")
    chain.add_goal("kf", "KF-mål", level="council", parents=["v"])
    chain.add_goal("bun1", "Nämndmål", level="committee", parents=["kf"])
    chain.add_goal("bun2", "Fristående", level="committee")
    chain.remove("kf")
    found = codes(chain)
    # bun1 lost its council goal: an orphan now (error), reported once
    assert ("bun1", "orphan", "error") in found
    assert ("bun2", "orphan", "error") in found
    assert [c for c in found if c[1] == "unanchored"] == []


def test_unanchored_in_a_deeper_model() -> None:
    chain = gc.GoalChain(model="lerum")
    chain.add_goal("v", "Vision", level="vision", owner="KF")
    chain.add_goal("kf", "KF-mål", level="council", parents=["v"], owner="KF")
    chain.add_goal("ks", "KS-uppdrag", level="board", parents=["kf"], owner="KS")
    chain.add_goal("kd", "KD-uppdrag", level="director", owner="Kommundirektören")
    chain.add_goal("sc", "Sektorsuppdrag", level="sector", parents=["kd"], owner="Sektorschef")
    found = codes(chain)
    assert ("kd", "orphan", "error") in found
    assert ("sc", "unanchored", "warning") in found
    assert ("ks", "unanchored", "warning") not in found
    sc = next(f for f in validate(chain, lang="en") if f.element == "sc")
    assert "Council goal and direction" in sc.message("en")


def test_missing_owner_where_the_model_requires_one() -> None:
    chain = gc.GoalChain(model="lerum")
    chain.add_goal("v", "Vision", level="vision", owner="Kommunfullmäktige")
    chain.add_goal("kf", "KF-mål", level="council", parents=["v"])
    chain.add_indicator("i", "Kvalitetsmått", parents=["kf"], unit="%")
    assert codes(chain) == [("kf", "owner_missing", "error")]
    assert "mottagare" in validate(chain)[0].message("sv")
    classic = gc.GoalChain()
    classic.add_goal("v", "Vision", level="vision")
    assert codes(classic) == []


def test_cross_cutting_goal_missing_in_a_committee() -> None:
    chain = gc.GoalChain(model="nynashamn")
    chain.add_goal("v", "Vision 2040", level="vision")
    chain.add_goal("kf", "KF-mål", level="council", parents=["v"])
    chain.add_goal(
        "sn",
        "Attraktiv arbetsgivare",
        level="committee",
        parents=["kf"],
        owner="Socialnämnden",
        cross_cutting=True,
    )
    chain.add_goal("bun", "Egen", level="committee", parents=["kf"], owner="BUN")
    found = validate(chain, lang="en")
    assert [(f.element, f.code, f.severity) for f in found] == [
        ("BUN", "cross_cutting_missing", "warning")
    ]
    assert found[0].message("en") == (
        "the cross-cutting goal 'Attraktiv arbetsgivare' is missing for BUN"
    )


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "flagged"),
    [
        ("increase", 78.0, 90.0, False),
        ("increase", 78.0, 70.0, True),
        ("decrease", 78.0, 70.0, False),
        ("decrease", 78.0, 90.0, True),
        ("maintain", 78.0, 70.0, False),
        ("increase", 78.0, 78.0, False),
    ],
)
def test_target_against_direction(
    direction: str, baseline: float, target: float, flagged: bool
) -> None:
    chain = gc.GoalChain()
    chain.add_goal("v", "Vision", level="vision")
    chain.add_goal("kf", "KF-mål", level="council", parents=["v"])
    chain.add_indicator(
        "i",
        "Ind",
        parents=["kf"],
        unit="%",
        direction=direction,
        baseline=(2022, baseline),
        target=(2026, target),
    )
    assert (codes(chain) == [("i", "target_against_direction", "warning")]) == flagged
    if flagged:
        text = validate(chain, lang="en")[0].message("en")
        assert f"{target:g}" in text
        assert direction in text


@pytest.mark.parametrize(
    ("unit", "direction", "flagged"),
    [
        ("rank", "increase", True),
        ("placering", "increase", True),
        ("plats", "increase", True),
        ("rank", "decrease", False),
        ("rank", "maintain", False),
        ("%", "increase", False),
    ],
)
def test_a_rank_to_increase_is_warned_about(unit: str, direction: str, flagged: bool) -> None:
    """A rank (placering) is better the lower it is: 'increase' is most likely a mistake."""
    chain = gc.GoalChain()
    chain.add_goal("v", "Vision", level="vision")
    chain.add_goal("kf", "KF-mål", level="council", parents=["v"])
    chain.add_indicator(
        "i",
        "Placering i Svenskt Näringslivs ranking",
        parents=["kf"],
        unit=unit,
        direction=direction,
    )
    assert (codes(chain) == [("i", "rank_increase", "warning")]) == flagged
    if flagged:
        finding = validate(chain)[0]
        assert finding.message("sv") == (
            f"indikatorn är en placering ({unit}), där 1 är bäst och lägre är bättre, men "
            "riktningen är öka"
        )
        assert "lower is better" in finding.message("en")
        report = gc.smart.check(chain)
        judged = [f for f in report.filter(criterion="structure") if f.code == "rank_increase"]
        assert len(judged) == 1 and judged[0].verdict == "warn"
        # advice in words, not the file's direction key (issue 13, item 4)
        assert "nedåt" in judged[0].hint and "lägre placering" in judged[0].hint
        assert "decrease" not in judged[0].hint and judged[0].evidence == unit
        assert "lower rank" in judged[0].in_lang("en").hint


def test_errors_come_first() -> None:
    chain = gc.GoalChain()
    chain.add_goal("v", "Vision", level="vision")
    chain.add_goal("kf", "KF-mål", level="council", parents=["v"])
    chain.add_indicator(
        "i",
        "Ind",
        parents=["kf"],
        unit="%",
        direction="increase",
        baseline=(2022, 5.0),
        target=(2026, 1.0),
    )
    chain.add_goal("bun", "Nämndmål", level="committee")
    assert [f.severity for f in validate(chain)] == ["error", "warning"]


def test_finding_helpers() -> None:
    finding = Finding(element="bun1", code="orphan", severity="error", params={"level": "Nämndmål"})
    assert str(finding) == "bun1: Nämndmål has no parent; link it to a goal on the level above"
    assert finding.to_dict() == {
        "element": "bun1",
        "code": "orphan",
        "severity": "error",
        "message": "Nämndmål saknar överordnat mål; koppla den till ett mål på nivån ovanför",
    }
    assert finding.to_dict("en")["message"].startswith("Nämndmål has no parent")
    assert finding == Finding(
        element="bun1", code="orphan", severity="error", params={"level": "Nämndmål"}
    )


def test_validate_never_raises_on_a_broken_chain() -> None:
    chain = gc.GoalChain(model="lerum")
    for n in range(3):
        chain.add_goal(f"s{n}", "Uppdrag", level="sector")
    found = validate(chain)
    assert {f.code for f in found} == {"orphan", "owner_missing"}
    assert all(f.severity == "error" for f in found)


@given(goal_chains(with_data=False))
def test_generated_chains_have_no_errors(chain: gc.GoalChain) -> None:
    assert [f for f in validate(chain) if f.severity == "error"] == []


def test_annual_targets_that_step_against_the_direction_are_warned() -> None:
    chain = gc.GoalChain(name="Steg")
    chain.add_goal("v", "Vision", level="vision")
    chain.add_goal("k", "Mål", level="council", parents=["v"])
    chain.add_indicator(
        "up",
        "Andel",
        parents=["k"],
        unit="percent",
        direction="increase",
        baseline=(2022, 78.0),
        target=(2026, 90.0),
        annual_targets={2023: 95.0, 2024: 60.0, 2025: 87.0},
    )
    chain.add_indicator(
        "down",
        "Väntetid",
        parents=["k"],
        unit="day",
        direction="decrease",
        baseline=(2022, 40.0),
        target=(2026, 20.0),
        annual_targets={2023: 35.0, 2024: 30.0, 2025: 25.0},
    )
    steps = [f for f in chain.validate() if f.code == "step_against_direction"]
    assert [(f.element, f.params["year"]) for f in steps] == [("up", 2024)]
    assert all(f.severity == "warning" for f in steps)
    assert "2024" in steps[0].message("en") and "95" in steps[0].message("en")
