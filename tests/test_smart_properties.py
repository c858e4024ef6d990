"""Properties of goalchain.smart.check on generated chains."""

from __future__ import annotations

import hypothesis.strategies as st
from hypothesis import assume, given

import goalchain as gc
from goalchain.smart import BUILTIN, check
from goalchain.smart._finding import _RANK
from goalchain.testing import goal_chains, years

CRITERIA = [*BUILTIN]


def strict_verdicts(report: gc.smart.SmartReport, criterion: str) -> dict[str, int]:
    """Per goal, the rank of the worst strict verdict of *criterion* (higher is worse)."""
    out: dict[str, int] = {}
    for finding in report.filter(criterion=criterion):
        rank = _RANK[finding.strict_verdict]
        out[finding.element] = max(out.get(finding.element, 0), rank)
    return out


@given(goal_chains(max_elements=14), st.sampled_from(["sv", "en"]), st.booleans())
def test_check_never_raises_and_covers_every_goal(
    chain: gc.GoalChain, lang: str, strict: bool
) -> None:
    report = check(chain, lang=lang, strict=strict)
    goals = {g.id for g in chain.goals()}
    for criterion in CRITERIA:
        assert {f.element for f in report.filter(criterion=criterion)} == goals
    for finding in report:
        assert finding.lang == lang
        assert strict or finding.verdict != "fail"
    assert report.failed == (strict and any(f.strict_verdict == "fail" for f in report))
    report.to_dict()
    report.to_table(include_passed=True)
    report.to_markdown()


@given(goal_chains(max_elements=10), st.sampled_from(["sv", "en"]))
def test_the_same_input_gives_the_same_report(chain: gc.GoalChain, lang: str) -> None:
    first = check(chain, lang=lang)
    again = check(chain.copy(), lang=lang)
    assert first == again
    assert first.to_table() == again.to_table()


@given(goal_chains(max_elements=10), st.data())
def test_an_indicator_with_baseline_and_target_never_makes_measurable_worse(
    chain: gc.GoalChain, data: st.DataObject
) -> None:
    model = chain.model
    targets = [
        g
        for g in chain.goals()
        if any(model.level(c).kind == "indicator" for c in model.level(g.level).children)
    ]
    assume(targets)
    goal = data.draw(st.sampled_from(targets))
    level = next(c for c in model.level(goal.level).children if model.level(c).kind == "indicator")
    start = data.draw(years(min_year=2000, max_year=2030))
    before = strict_verdicts(check(chain, criteria=["measurable"]), "measurable")
    after_chain = chain.copy()
    after_chain.add_indicator(
        "new_indicator_x",
        "Andel nöjda",
        parents=[goal.id],
        level=level,
        unit="percent",
        baseline=(start, data.draw(st.floats(0, 100))),
        target=(start + data.draw(st.integers(1, 8)), data.draw(st.floats(0, 100))),
    )
    after = strict_verdicts(check(after_chain, criteria=["measurable"]), "measurable")
    for goal_id, rank in before.items():
        assert after[goal_id] <= rank or before[goal_id] == _RANK["not_applicable"], goal_id


@given(goal_chains(max_elements=10), st.data())
def test_a_decision_never_makes_accepted_worse(chain: gc.GoalChain, data: st.DataObject) -> None:
    goals = chain.goals()
    assume(goals)
    goal = data.draw(st.sampled_from(goals))
    body = data.draw(
        st.sampled_from(["Kommunfullmäktige", "KF", goal.owner or "Kommunstyrelsen", "Nämnden"])
    )
    decision = data.draw(
        st.fixed_dictionaries(
            {"body": st.just(body)},
            optional={"date": st.just("2023-01-24"), "reference": st.just("KS 2023/1")},
        )
    )
    before = strict_verdicts(check(chain, criteria=["accepted"]), "accepted")
    if goal.decision is not None:
        assume(False)  # adding a decision, not replacing one
    after_chain = chain.copy()
    after_chain.update(goal.id, decision=decision)
    after = strict_verdicts(check(after_chain, criteria=["accepted"]), "accepted")
    assert after[goal.id] <= before[goal.id]
    assert {k: v for k, v in after.items() if k != goal.id} == {
        k: v for k, v in before.items() if k != goal.id
    }


def test_the_order_links_were_made_in_does_not_matter() -> None:
    def chain(parents: list[str]) -> gc.GoalChain:
        c = gc.GoalChain(name="Ordning")
        c.add_goal("k1", "Fler elever ska klara skolan", level="council", owner="KS")
        c.add_goal("k2", "Fler äldre ska vara nöjda", level="council", owner="SN")
        c.add_goal("n1", "Alla elever ska läsa", level="committee", parents=parents, owner="BUN")
        return c

    assert check(chain(["k1", "k2"])) == check(chain(["k2", "k1"]))
    hint = check(chain(["k2", "k1"]), criteria=["accepted"]).filter(element="n1")[0].hint
    assert "BUN / KS / SN" in hint
