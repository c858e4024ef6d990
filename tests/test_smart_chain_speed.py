"""The chain-wide fast paths of the SMART check give what the plain computations do.

``check()`` reads the chain once for what the context, ``validate`` and the
structural criterion need: the elements are listed once, the link log's arrays
give each element's neighbours and what the council goals reach, and the
structural criterion takes validate's findings as the tuples they are made of
(:func:`goalchain.models._validate.problems`) instead of as Finding objects.
Each is compared here with the plain computation it replaced, on generated
chains that are also broken on purpose (orphans, goals below them, missing
owners, a removed element, a link made again: a stale link log).
"""

from __future__ import annotations

import datetime as dt
from array import array
from typing import Any

import hypothesis.strategies as st
import networkx as nx
import pytest
from hypothesis import given

import goalchain as gc
from goalchain._i18n import gettext
from goalchain.models import Activity, Element, Finding, Goal, Indicator, get_model
from goalchain.models._validate import _MESSAGES, _WORDED, message_text, problems
from goalchain.smart import SmartContext
from goalchain.smart._context import _grouped
from goalchain.smart._finding import Judgement, Texts, from_table, translated
from goalchain.smart._mandate import chain_mandate
from goalchain.smart._structure import _HINTS, _TEXT, _evidence, structure
from goalchain.testing import goal_chains, governance_models


@st.composite
def _elements(draw: st.DrawFn, kind: str, element_id: str, level: str) -> Element:
    """An element without owner; an indicator with values that may go against its direction."""
    if kind == "goal":
        return Goal(id=element_id, title="Mål", level=level)
    if kind == "indicator":
        values = draw(st.lists(st.integers(0, 9), min_size=2, max_size=6))
        return Indicator(
            id=element_id,
            title="Mått",
            level=level,
            unit="count",
            direction=draw(st.sampled_from(["increase", "decrease", "maintain"])),
            baseline=(2020, values[0]),
            target=(2030, values[-1]) if draw(st.booleans()) else None,
            annual_targets={2021 + k: v for k, v in enumerate(values[1:-1])},
        )
    return Activity(id=element_id, title="Insats", level=level)


@st.composite
def broken_chains(draw: st.DrawFn) -> gc.GoalChain:
    """Generated chains, then elements without parents (and without owners) added
    at any level, some with a child below them; an element removed or a link made
    again (both leave the link log stale)."""
    chain = draw(
        goal_chains(
            model=st.one_of(governance_models(), st.just(get_model("lerum"))), max_elements=12
        )
    )
    model = chain.model
    # levels with goal levels below them: a goal there reaches no anchor through its parent
    above_goals = [
        level.key
        for level in model.levels
        if any(model.level(child).kind == "goal" for child in level.children)
    ]
    for n in range(draw(st.integers(0, 3))):
        keys = above_goals if above_goals and draw(st.booleans()) else model.keys
        level = model.level(draw(st.sampled_from(keys)))
        parent = chain.add(draw(_elements(level.kind, f"lös{n}", level.key)))
        if level.children and draw(st.booleans()):
            child = model.level(draw(st.sampled_from(level.children)))
            chain.add(draw(_elements(child.kind, f"under{n}", child.key)), parents=[parent.id])
    change = draw(st.sampled_from(["none", "remove", "relink"]))
    if change == "remove" and len(chain):
        chain.remove(draw(st.sampled_from(list(chain))))
    links = chain.links()
    if change == "relink" and links:
        parent_id, child_id, weight = draw(st.sampled_from(links))
        chain.unlink(parent_id, child_id)
        chain.link(parent_id, child_id, weight)
    return chain


# --------------------------------------------------------------- validate


def _plain_orphans(chain: gc.GoalChain) -> list[str]:
    top = chain.model.roots()
    return [n for n in chain if not chain.parents(n) and chain[n].level not in top]


def _plain_unanchored(chain: gc.GoalChain, anchors: set[str]) -> list[str]:
    top = chain.model.roots()
    return [
        goal.id
        for goal in chain.goals()
        if goal.level not in anchors
        and goal.level not in top
        and not any(chain[a].level in anchors for a in nx.ancestors(chain.graph, goal.id))
    ]


@given(broken_chains(), st.sampled_from(["sv", "en"]))
def test_validate_finds_what_the_plain_searches_find(chain: gc.GoalChain, lang: str) -> None:
    anchors = set(chain.council_levels())
    assert chain.orphans() == _plain_orphans(chain)
    assert chain.unanchored_goals() == _plain_unanchored(chain, anchors)
    elements = SmartContext(chain).elements
    assert chain._unanchored_goals(elements, anchors) == _plain_unanchored(chain, anchors)
    assert chain._missing_cross_cutting(elements) == chain.missing_cross_cutting()
    found = validate_plainly(chain, lang)
    assert chain.validate(lang=lang) == found
    assert [Finding(**p._asdict()) for p in problems(chain, lang=lang, elements=elements)] == found


def validate_plainly(chain: gc.GoalChain, lang: str) -> list[Finding]:
    """validate() as it was written before it was made of :func:`problems`."""
    model = chain.model
    label = "en" if lang == "en" else "sv"
    findings: list[Finding] = []

    def both(key: str, labels: Any) -> dict[str, Any]:
        return {
            "params": {key: labels(label)},
            "translations": {code: {key: labels(code)} for code in ("sv", "en")},
        }

    orphans = _plain_orphans(chain)
    for element_id in orphans:
        level = model.level(chain[element_id].level)
        findings.append(
            Finding(
                element=element_id, code="orphan", severity="error", **both("level", level.label)
            )
        )
    anchors = chain.council_levels()

    def anchor_label(lang: str) -> str:
        return " / ".join(model.level(a).label(lang) for a in anchors)

    for goal_id in _plain_unanchored(chain, set(anchors)):
        if goal_id not in orphans:
            findings.append(
                Finding(
                    element=goal_id,
                    code="unanchored",
                    severity="warning",
                    **both("anchor", anchor_label),
                )
            )
    for element in chain.elements():
        level = model.level(element.level)
        if level.owner_required and not element.owner:
            findings.append(
                Finding(
                    element=element.id,
                    code="owner_missing",
                    severity="error",
                    **both("level", level.label),
                )
            )
        if isinstance(element, Indicator):
            findings.extend(_plain_indicator_findings(element))
    for title, owners in chain.missing_cross_cutting().items():
        for owner in owners:
            findings.append(
                Finding(
                    element=owner,
                    code="cross_cutting_missing",
                    severity="warning",
                    params={"title": title, "owner": owner},
                )
            )
    return sorted(findings, key=lambda f: f.severity != "error")


def _plain_indicator_findings(indicator: Indicator) -> list[Finding]:
    from goalchain.models._values import steps_against

    out = []
    base, target, direction = indicator.baseline, indicator.target, indicator.direction
    if (
        base is not None
        and target is not None
        and (
            (direction == "increase" and target.value < base.value)
            or (direction == "decrease" and target.value > base.value)
        )
    ):
        params = {
            "target": f"{target.value:g}",
            "baseline": f"{base.value:g}",
            "direction": direction,
        }
        out.append(
            Finding(
                element=indicator.id,
                code="target_against_direction",
                severity="warning",
                params=params,
            )
        )
    if direction != "maintain" and indicator.annual_targets:
        points = list(indicator.annual_targets)
        if base is not None:
            points.insert(0, base)
        if target is not None and target.year not in {p.year for p in points}:
            points.append(target)
        for previous, current in steps_against(points, direction):
            params = {
                "year": current.year,
                "value": f"{current.value:g}",
                "previous": f"{previous.value:g}",
                "direction": direction,
            }
            out.append(
                Finding(
                    element=indicator.id,
                    code="step_against_direction",
                    severity="warning",
                    params=params,
                )
            )
    return out


@given(broken_chains(), st.sampled_from(["sv", "en"]))
def test_a_message_is_the_template_filled_in_per_language(chain: gc.GoalChain, asked: str) -> None:
    for finding in chain.validate(lang=asked):
        for lang in ("sv", "en"):
            own = finding.translations.get(lang, {})
            values = {**finding.params, **own}
            if lang != "en":  # numbers and directions in the language's words (80,5; öka)
                values = {
                    k: _WORDED[k](v).render(lang) if k in _WORDED and k not in own else v
                    for k, v in values.items()
                }
            plain = gettext(_MESSAGES[finding.code], lang).format(**values)
            assert finding.message(lang) == plain
            assert message_text(finding.code, lang, finding.params, finding.translations) == plain
        with pytest.raises(gc.InvalidValueError, match="unknown language 'de'"):
            finding.message("de")  # refused, as every lang= is (it read Swedish before)


# --------------------------------------------------------------- the structural criterion


def _plain_structure(chain: gc.GoalChain, context: SmartContext) -> list[tuple[Judgement, Any]]:
    """The structural criterion as it was written before: from validate()'s Findings."""
    out: list[tuple[Judgement, Any]] = []
    elements = chain.elements()
    owners = {e.id: e.owner for e in elements}
    covered = set()
    for finding in chain.validate():
        hint = _HINTS.get(finding.code)
        judgement = Judgement(
            verdict="fail" if finding.severity == "error" else "warn",
            code=finding.code,
            message=Texts(finding.message("sv"), finding.message("en")),
            hint=translated(hint) if hint is not None else "",
            evidence=_evidence(finding.code, finding.params),
            element=finding.element,
        )
        owner = finding.element if finding.code == "cross_cutting_missing" else None
        out.append((judgement, owners.get(finding.element, owner)))
        covered.add((finding.element, finding.code))
    committee = set(context.roles.committee)
    goals = [e for e in elements if isinstance(e, Goal)]
    if committee and any(g.level in committee for g in goals):
        for goal in goals:
            if goal.level in context.roles.council and not any(
                isinstance(c, Goal) and c.level in committee for c in context.children(goal.id)
            ):
                judgement = from_table(
                    _TEXT, "warn", "no_committee_goal", element=goal.id, once=True
                )
                out.append((judgement, goal.owner))
    measured = {m.indicator for m in chain.measurements()}

    def parent_owner(element_id: str) -> str | None:
        return next((p.owner for p in context.parents(element_id) if p.owner), None)

    for element in elements:
        if isinstance(element, Indicator) and element.id not in measured:
            judgement = from_table(_TEXT, "warn", "no_measurements", element=element.id, once=True)
            out.append((judgement, element.owner or parent_owner(element.id)))
        elif isinstance(element, Activity):
            owner = element.owner or parent_owner(element.id)
            if not element.owner and (element.id, "owner_missing") not in covered:
                judgement = from_table(
                    _TEXT,
                    "warn",
                    "activity_no_owner",
                    element=element.id,
                    evidence="owner",
                    once=True,
                )
                out.append((judgement, owner))
            if element.due is None and element.status not in ("done", "cancelled"):
                judgement = from_table(
                    _TEXT, "warn", "activity_no_due", element=element.id, evidence="due", once=True
                )
                out.append((judgement, owner))
    return out


@given(broken_chains())
def test_the_structural_criterion_judges_as_from_the_findings_of_validate(
    chain: gc.GoalChain,
) -> None:
    context = SmartContext(chain)
    assert structure(chain, context) == _plain_structure(chain, context)


def test_a_committee_missing_a_cross_cutting_goal_is_its_own_owner() -> None:
    chain = gc.GoalChain(name="Tvärsektoriellt")
    chain.add_goal("v", "Vision", level="vision")
    chain.add_goal("k", "Mål", level="council", parents=["v"])
    chain.add_goal("a", "Trygghet", level="committee", parents=["k"], owner="BUN")
    chain.add_goal(
        "b", "Trygghet", level="committee", parents=["k"], owner="SN", cross_cutting=True
    )
    context = SmartContext(chain)
    found = [(j.code, j.element, owner) for j, owner in structure(chain, context)]
    assert ("cross_cutting_missing", "BUN", "BUN") in found
    assert structure(chain, context) == _plain_structure(chain, context)


# --------------------------------------------------------------- chain-wide data


@given(broken_chains())
def test_the_measured_indicators_are_those_with_measurements(chain: gc.GoalChain) -> None:
    assert chain._measured_indicators() == {m.indicator for m in chain.measurements()}


@given(broken_chains(), st.sampled_from(["T", "K", "M"]))
def test_the_yearly_values_are_the_measurements_of_whole_years(
    chain: gc.GoalChain, gender: str
) -> None:
    plain: dict[str, dict[int, float]] = {}
    for m in chain.measurements(gender=gender, ordered=False):
        if m.period.is_year:
            plain.setdefault(m.indicator, {})[m.period.year] = m.value
    found = chain._yearly_values(gender)
    # each indicator's values in the order recorded
    assert {i: list(v.items()) for i, v in found.items()} == {
        i: list(v.items()) for i, v in plain.items()
    }


@given(broken_chains())
def test_every_element_is_listed_as_the_graph_holds_them(chain: gc.GoalChain) -> None:
    plain = [data["element"] for _, data in chain.graph.nodes(data=True)]
    assert chain.elements() == plain
    assert chain.elements("goal") == [e for e in plain if e.kind == "goal"]


@given(broken_chains(), st.sampled_from([None, dt.date(2021, 3, 1)]))
def test_the_mandate_from_the_goals_with_a_decision_is_the_chains(
    chain: gc.GoalChain, today: dt.date | None
) -> None:
    context = SmartContext(chain)
    council = context.roles.council
    assert (context.mandate, context.mandate_source) == chain_mandate(chain, council)
    plain = chain_mandate(chain, council, today=today)
    decided = [g for g in chain.goals() if g.decision is not None]
    assert chain_mandate(chain, council, today=today, decided=decided) == plain
    used: dict[str, int] = {}
    for element in chain.elements():
        names = [element.owner] if element.owner else []
        if isinstance(element, Goal) and element.decision is not None:
            names.append(element.decision.body)
        for name in names:
            used[name] = used.get(name, 0) + 1
    assert dict(context.body_uses) == used
    assert list(context.body_uses) == list(used)


@given(
    st.integers(0, 12).flatmap(
        lambda count: st.tuples(
            st.just(count),
            st.lists(
                st.tuples(st.integers(0, max(count - 1, 0)), st.integers(0, max(count - 1, 0))),
                max_size=30 if count else 0,
                unique=True,
            ),
        )
    )
)
def test_grouping_the_links_sorts_them_as_sorting_the_pairs_does(
    case: tuple[int, list[tuple[int, int]]],
) -> None:
    count, pairs = case
    elements = tuple(Goal(id=f"g{k}", title="Mål", level="council") for k in range(count))
    keys, values = array("q", [k for k, _ in pairs]), array("q", [v for _, v in pairs])
    plain: list[list[Element]] = [[] for _ in elements]
    for value, key in sorted((v, k) for k, v in pairs):
        plain[key].append(elements[value])
    assert _grouped(keys, values, elements) == plain


def test_goals_below_an_orphan_are_unanchored_with_a_fresh_or_stale_link_log() -> None:
    chain = gc.GoalChain(model="lerum")
    chain.add_goal("v", "Vision", level="vision", owner="KF")
    chain.add_goal("kf", "KF-mål", level="council", parents=["v"], owner="KF")
    chain.add_goal("ks", "KS-uppdrag", level="board", parents=["kf"], owner="KS")
    chain.add_goal("kd", "KD-uppdrag", level="director", owner="KD")
    chain.add_goal("sc", "Sektorsuppdrag", level="sector", parents=["kd"], owner="SC")
    chain.add_goal("sd", "Sektorsuppdrag", level="sector", parents=["kd"])
    for stale in (False, True):
        if stale:
            chain.unlink("kf", "ks")
            chain.link("kf", "ks")
        assert chain._links.covers(len(chain)) is not stale
        assert chain.unanchored_goals() == ["kd", "sc", "sd"]
        assert chain.unanchored_goals() == _plain_unanchored(chain, {"council"})
        assert chain.orphans() == ["kd"] == _plain_orphans(chain)
        assert chain.validate() == validate_plainly(chain, "sv")
        context = SmartContext(chain)
        assert structure(chain, context) == _plain_structure(chain, context)
