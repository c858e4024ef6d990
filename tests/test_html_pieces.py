"""HTML pieces for notebooks and reports: well formed, escaped, statuses as text."""

from __future__ import annotations

from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import given

import goalchain as gc
from _html_check import check
from goalchain.progression import annual_targets
from goalchain.report import chain_html, rollup_html, trajectory_html, trajectory_svg
from goalchain.testing import goal_chains

HOSTILE = '<script>alert("x")</script> & </li></ul> <img src=x onerror=alert(1)>'


def hostile_chain() -> gc.GoalChain:
    chain = gc.GoalChain(name="Fientlig")
    chain.add_goal("kf1", HOSTILE, level="council", owner=HOSTILE)
    chain.add_goal("n1", "Nämndmål", level="committee", parents=["kf1"])
    chain.add_activity("a1", "Insats", parents=["n1", "kf1"], status="done")
    return chain


def test_user_text_is_escaped_everywhere() -> None:
    chain = hostile_chain()
    result = chain.rollup(2024)
    for html in (chain_html(chain, result=result), rollup_html(result)):
        parsed = check(html)
        assert "script" not in parsed.tags and "img" not in parsed.tags
        assert HOSTILE in "".join(parsed.text)


def test_statuses_are_labels_not_only_colours() -> None:
    chain = hostile_chain()
    result = chain.rollup(2024)
    text = "".join(check(rollup_html(result, lang="en")).text)
    assert "achieved" in text
    sv = "".join(check(chain_html(chain, result=result)).text)
    assert "uppfyllt" in sv and "se ovan" in sv  # a1 has two parents


def test_rollup_html_writes_coverage_as_a_percentage_of_the_language() -> None:
    result = hostile_chain().rollup(2024)
    assert '<td class="gc-num">100\u00a0%</td>' in rollup_html(result)
    assert '<td class="gc-num">100%</td>' in rollup_html(result, lang="en")


@given(goal_chains(with_data=True), st.sampled_from(["sv", "en"]))
def test_pieces_are_well_formed_for_any_chain(chain: gc.GoalChain, lang: str) -> None:
    try:
        result = chain.rollup(2024)
    except gc.RollupError:  # weights summing to zero
        result = None
    text = "".join(check(chain_html(chain, result=result, lang=lang)).text)
    for element in chain.elements():
        assert " ".join(element.title.split()) in " ".join(text.split())
    if result is not None:
        check(rollup_html(result, lang=lang))


def test_notebook_reprs() -> None:
    chain = hostile_chain()
    bundle = chain._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html", "text/vnd.mermaid"}
    assert bundle["text/vnd.mermaid"].startswith("flowchart TD")
    check(bundle["text/html"])
    check(chain.rollup(2024)._repr_html_())
    trajectory = annual_targets(baseline=(2022, 78.0), target=(2026, 90.0), unit="percent")
    html = trajectory._repr_html_()
    parsed = check(html)
    assert "svg" in parsed.tags and "84" in "".join(parsed.text)


def test_trajectory_chart_has_axes_title_and_both_series() -> None:
    trajectory = annual_targets(baseline=(2022, 78.0), target=(2026, 90.0), unit="percent")
    html = trajectory_html(trajectory, actuals={2023: 80.5, 2024: 82.9}, lang="en")
    parsed = check(html)
    assert parsed.tags.count("polyline") == 2 and parsed.tags.count("circle") == 2
    assert "Annual targets from baseline to target and actuals" in "".join(parsed.text)
    assert trajectory_svg({}) == ""
    flat = check(trajectory_svg({2022: 5.0, 2023: 5.0}))
    assert flat.tags.count("polyline") == 1


def test_smart_report_displays_in_a_notebook() -> None:
    chain = hostile_chain()
    html = gc.smart.check(chain, lang="en")._repr_html_()
    parsed = check(html)
    assert "script" not in parsed.tags and parsed.tags.count("table") == 2
    text = "".join(parsed.text)
    assert "kf1" in text and "Specific" in text


def test_rollup_html_names_strategies_and_scorers_in_the_language() -> None:
    chain = gc.load(Path(__file__).resolve().parent.parent / "examples" / "grastorp.yaml")
    result = chain.rollup(2024)
    sv = rollup_html(result)
    sv_text = " ".join(check(sv).text)
    for key in ("weighted", "dialogue", "progress", "activity"):
        assert key not in sv_text
    assert "<td>viktad</td>" in sv and "<td>dialog</td>" in sv
    assert "<td>framsteg mot årsmålet</td>" in sv and "<td>aktivitetens status</td>" in sv
    en = rollup_html(result, lang="en")
    assert "<td>weighted</td>" in en and "<td>dialogue</td>" in en
    assert "<td>progress towards the annual target</td>" in en
    assert "viktad" not in en and "beräkn" not in en
    assert result._repr_html_() == sv  # the notebook display is Swedish


def test_rollup_html_shows_a_strategy_of_ones_own_by_its_name() -> None:
    from goalchain.rollup import register, strategies

    @register("best_case_test")
    def best(node: object, children: list[object], context: object) -> float:
        return 1.0

    try:
        chain = gc.GoalChain(name="Egen")
        chain.add_goal("kf1", "Mål", level="council")
        chain.add_activity("a1", "Insats", parents=["kf1"], status="done")
        assert "<td>best_case_test</td>" in rollup_html(
            chain.rollup(2024, strategy="best_case_test")
        )
    finally:
        strategies.unregister("best_case_test")


def test_an_unknown_language_is_refused_by_every_piece() -> None:
    # each piece wrote Swedish for any language but "en"
    from goalchain.report import status_badge
    from goalchain.rollup import StatusScale

    chain = gc.GoalChain(name="Exempel")
    chain.add_goal("kf1", "Trygg skola", level="council")
    chain.add_indicator(
        "i1",
        "Behöriga",
        parents=["kf1"],
        unit="percent",
        baseline=(2022, 78.0),
        target=(2026, 90.0),
    )
    trajectory = annual_targets(baseline=(2022, 78.0), target=(2026, 90.0), unit="percent")
    pieces = [
        lambda: chain_html(chain, lang="de"),
        lambda: rollup_html(chain.rollup(2024), lang="de"),
        lambda: trajectory_svg({2022: 78.0, 2026: 90.0}, lang="de"),
        lambda: trajectory_html(trajectory, lang="de"),
        lambda: status_badge("achieved", StatusScale(), lang="de"),
    ]
    for piece in pieces:
        with pytest.raises(gc.InvalidValueError, match="unknown language 'de'"):
            piece()
