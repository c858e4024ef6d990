"""The text tree of a chain."""

from __future__ import annotations

import goalchain as gc
from goalchain.report import render_tree


def _chain() -> gc.GoalChain:
    chain = gc.GoalChain(name="Testkommun", model="classic")
    chain.add_goal("v", "En god kommun", level="vision")
    chain.add_goal("k1", "Trygg uppväxt", level="council", parents=["v"], owner="KF")
    chain.add_goal("k2", "Fler i arbete", level="council", parents=["v"], owner="KF")
    chain.add_goal(
        "n1", "Fler klarar skolan", level="committee", parents={"k1": 2, "k2": 1}, owner="BUN"
    )
    chain.add_indicator(
        "i1", "Behöriga", parents=["n1"], unit="percent", baseline=(2022, 78.0), target=(2026, 90.0)
    )
    chain.add_activity(
        "a1",
        "Läxhjälp",
        parents=["n1"],
        owner="Skolförv.",
        due="2024-12-31",
        status="in_progress",
        progress=0.4,
    )
    chain.record("i1", 2023, 80.5)
    chain.record("i1", 2024, 91.0, preliminary=True)
    chain.assess("k1", 2024, status="partly", rationale="Går åt rätt håll")
    return chain


def test_tree_shows_levels_owners_weights_and_data() -> None:
    text = render_tree(_chain())
    lines = text.splitlines()
    assert lines[0] == "Testkommun (Klassisk målkedja)"
    assert "└── [Vision] v: En god kommun" in lines[1]
    assert any(
        "[KF-mål] k1: Trygg uppväxt — KF" in line and "delvis uppfyllt helår 2024 (dialog)" in line
        for line in lines
    )
    assert any("[Nämndmål] n1: Fler klarar skolan — BUN (vikt 2)" in line for line in lines)
    indicator = next(line for line in lines if "i1: Behöriga" in line)
    assert "78\u00a0% (2022) → 90\u00a0% (2026)" in indicator
    assert "senast 91\u00a0% (helår 2024) prel., målvärdet nått" in indicator
    activity = next(line for line in lines if "a1: Läxhjälp" in line)
    assert "pågår 40\u00a0%" in activity and "slutdatum 2024-12-31" in activity


def test_multi_parent_element_is_expanded_once() -> None:
    text = render_tree(_chain())
    assert text.count("n1: Fler klarar skolan") == 2
    assert text.count("i1: Behöriga") == 1
    assert "(se ovan)" in text


def test_tree_in_english_and_up_to_a_period() -> None:
    text = render_tree(_chain(), lang="en", period=2023)
    assert "Testkommun (Classic goal chain)" in text
    assert "latest 80.5% (full year 2023)" in text
    assert "partly achieved" not in text  # the assessment is for 2024
    assert "partly achieved full year 2024 (dialogue)" in render_tree(_chain(), lang="en")


def test_activity_progress_and_due_date_in_each_language() -> None:
    """The due date in CLDR's short style (ISO in Swedish), the progress as a percentage."""
    sv = next(line for line in render_tree(_chain()).splitlines() if "a1:" in line)
    en = next(line for line in render_tree(_chain(), lang="en").splitlines() if "a1:" in line)
    assert sv.endswith("(pågår 40\u00a0%; slutdatum 2024-12-31)")
    assert en.endswith("(in progress 40%; due 31/12/2024)")


def test_orphans_are_listed_apart() -> None:
    chain = _chain()
    chain.add_goal("lost", "Ensamt mål", level="committee")
    text = render_tree(chain, show_data=False)
    assert "Utan koppling uppåt:" in text
    assert text.rstrip().endswith("[Nämndmål] lost: Ensamt mål")


def test_assessment_method_and_period_are_written_in_the_language() -> None:
    chain = gc.GoalChain(name="Testkommun", model="classic")
    chain.add_goal("v", "En god kommun", level="vision")
    chain.add_goal("k1", "Trygg uppväxt", level="council", parents=["v"])
    chain.add_indicator(
        "i1", "Behöriga", parents=["k1"], unit="percent", baseline=(2022, 78.0), target=(2026, 90.0)
    )
    chain.record("i1", "2024-delår", 80.5)
    chain.assess("k1", "2024-delår", status="partly", method="report_back")
    sv = render_tree(chain)
    en = render_tree(chain, lang="en")
    assert "delvis uppfyllt delår 2024 (återrapportering)" in sv  # the period named, not its key
    assert "(delår 2024)" in sv and "2024-delår" not in sv
    assert "partly achieved interim 2024 (report-back)" in en
    assert "(interim 2024)" in en
    assert "delår" not in en and "report_back" not in en + sv
    chain.assess("k1", 2024, status="achieved", method="medarbetarsamtal")
    assert "uppfyllt helår 2024 (medarbetarsamtal)" in render_tree(chain)  # a method of one's own


def test_unknown_language_is_refused() -> None:
    import pytest

    with pytest.raises(gc.InvalidValueError, match="valid: sv, en"):
        render_tree(_chain(), lang="de")


def test_unnamed_chain_in_english() -> None:
    chain = gc.GoalChain(name="")
    assert render_tree(chain, lang="en").startswith("(unnamed)")
    assert render_tree(chain).startswith("(namnlös)")
