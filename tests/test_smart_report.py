"""SmartReport (filters, summaries, text, Markdown, dict) and the structural checks."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path

import attrs
import pytest

import goalchain as gc
from goalchain.smart import SmartFinding, SmartReport, check
from goalchain.smart._finding import _FIELDS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="module")
def lerum() -> SmartReport:
    return check(gc.load(ROOT / "examples/lerum.yaml"))


def codes(report: SmartReport, criterion: str = "structure") -> list[tuple[str, str, str]]:
    return [(f.element, f.code, f.verdict) for f in report.filter(criterion=criterion)]


# ------------------------------------------------------------------ structure
def structured() -> gc.GoalChain:
    chain = gc.GoalChain(name="Struktur")
    chain.add_goal("v", "Vision", level="vision")
    chain.add_goal("kf1", "Fler elever ska klara skolan", level="council", parents=["v"])
    chain.add_goal("kf2", "Fler äldre ska vara nöjda", level="council", parents=["v"])
    chain.add_goal("bun", "Alla elever ska läsa", level="committee", parents=["kf1"], owner="BUN")
    chain.add_goal("lost", "Ett mål utan koppling", level="committee", owner="SN")
    chain.add_indicator("i1", "Läser", parents=["bun"], unit="percent")
    chain.add_activity("a1", "Läxhjälp", parents=["bun"])
    chain.add_activity("a2", "Klar", parents=["bun"], owner="Skolan", status="done")
    return chain


def test_structural_checks() -> None:
    report = check(structured(), criteria=["structure"], strict=True)
    assert codes(report) == [
        ("lost", "orphan", "fail"),  # from goalchain.validate()
        ("kf2", "no_committee_goal", "warn"),
        ("i1", "no_measurements", "warn"),
        ("a1", "activity_no_owner", "warn"),
        ("a1", "activity_no_due", "warn"),
    ]
    no_measurements = report.filter(code="no_measurements")[0]
    assert no_measurements.owner == "BUN"  # the owner of the goal it measures
    assert no_measurements.level == "indicator"
    assert no_measurements.hint


def test_validate_findings_are_taken_over_not_duplicated() -> None:
    report = check(gc.load(ROOT / "examples/nynashamn.yaml"), criteria=["structure"])
    assert codes(report) == [("Socialnämnden", "cross_cutting_missing", "warn")]
    finding = report[0]
    assert finding.owner == "Socialnämnden"
    assert finding.evidence == "Verksamheten ska minska sin klimat- och miljöpåverkan"
    lerum = gc.GoalChain(name="L", model="lerum")
    lerum.add_goal("v", "Vision", level="vision", owner="KF")
    lerum.add_goal("k", "Mål", level="council", parents=["v"], owner="KS")
    lerum.add_goal("b", "Uppdrag", level="board", parents=["k"], owner="KD")
    lerum.add_activity("u", "Uppdrag", parents=["b"], due="2024-12-31")
    found = codes(check(lerum, criteria=["structure"]))
    assert ("u", "owner_missing", "warn") in found  # validate's error, advisory
    assert ("u", "activity_no_owner", "warn") not in found


def test_no_committee_goal_only_when_the_chain_has_committee_goals() -> None:
    burlov = check(gc.load(ROOT / "examples/burlov.yaml"), criteria=["structure"])
    assert not burlov.filter(code="no_committee_goal")  # Burlöv sets council goals only
    grastorp = check(gc.load(ROOT / "examples/grastorp.yaml"), criteria=["structure"])
    assert [f.element for f in grastorp.filter(code="no_committee_goal")] == [
        "g_boende",
        "g_naringsliv",
        "g_trivsel",
        "g_kompetens",
    ]


# --------------------------------------------------------------------- report
def test_sequence_and_filters(lerum: SmartReport) -> None:
    assert len(lerum) == len(list(lerum)) == len(lerum.findings)
    assert isinstance(lerum[0], SmartFinding)
    assert list(lerum[:2]) == list(lerum.findings[:2])
    assert lerum.elements()[0] == "vision"
    sector = lerum.filter(owner="Verksamhetschef grundskola")
    assert {f.element for f in sector} == {"sc_grundskola"}
    both = lerum.filter(criterion=["specific", "measurable"], verdict="warn")
    assert {f.criterion for f in both} == {"specific", "measurable"}
    assert all(f.problem for f in lerum.problems)
    assert lerum.filter(code="vague_verb").criteria == lerum.criteria
    assert "SmartReport 'Lerums kommun'" in repr(lerum)


def test_summary_and_by_owner(lerum: SmartReport) -> None:
    summary = lerum.summary()
    assert list(summary) == list(lerum.criteria)
    assert sum(summary["responsible"].values()) == 25
    owners = lerum.by_owner()
    first = next(iter(owners.values()))
    assert first["to_fix"] == max(c["to_fix"] for c in owners.values())
    assert next(iter(owners)) == "Kommundirektören"
    assert sum(c["to_fix"] for c in owners.values()) == len(lerum.problems)


def test_to_dict_is_json_safe(lerum: SmartReport) -> None:
    data = json.loads(json.dumps(lerum.to_dict()))
    assert data["mandate_period"] == [2011, 2014]
    assert data["strict"] is False and data["failed"] is False
    assert data["findings"][0]["element"] == "vision"
    assert set(data["findings"][0]) == {
        "element",
        "criterion",
        "code",
        "verdict",
        "strict_verdict",
        "message",
        "hint",
        "evidence",
        "owner",
        "level",
    }


def test_text_table(lerum: SmartReport) -> None:
    text = str(lerum)
    assert text == lerum.to_table()
    assert text.startswith("SMART-kontroll: Lerums kommun · mandatperiod 2011–2014")
    assert "ks_barn" in text and "Utveckla" in text
    assert "* underkänt i strikt läge" in text
    assert "Sammanfattning per kriterium" in text
    assert "godkänt" not in text.split("Sammanfattning")[0].split("\n", 3)[3]
    everything = lerum.to_table(include_passed=True)
    assert "ej tillämpligt" in everything.split("Sammanfattning")[0]
    english = lerum.in_lang("en").to_table()
    assert english.startswith("SMART check: Lerums kommun · mandate period 2011–2014")
    assert "vague verb" in english


def test_markdown(lerum: SmartReport) -> None:
    md = lerum.in_lang("en").to_markdown()
    assert md.startswith("# SMART check: Lerums kommun")
    assert "| Element | Criterion | Verdict | Evidence | Finding | How to fix |" in md
    assert "## Summary per criterion" in md and "## To fix per owner" in md
    assert md.endswith("\n")


def test_a_report_without_problems() -> None:
    report = check(gc.load(ROOT / "examples/burlov.yaml"))
    assert not report.problems
    assert "inga iakttagelser att åtgärda" in report.to_table()
    assert "no findings to fix" in report.in_lang("en").to_markdown()


def test_strict_and_advisory_reports() -> None:
    chain = gc.load(ROOT / "examples/lerum.yaml")
    advisory, strict = check(chain), check(chain, strict=True)
    assert [f.strict_verdict for f in advisory] == [f.verdict for f in strict]
    assert not advisory.failed and strict.failed
    assert all(f.verdict != "fail" for f in advisory)
    assert any(f.advisory for f in advisory) and not any(f.advisory for f in strict)
    assert "strikt läge" in strict.to_table().split("\n")[0]


def test_equality_and_languages() -> None:
    chain = gc.load(ROOT / "examples/trelleborg.yaml")
    assert check(chain) == check(chain)
    assert check(chain) != check(chain, lang="en")
    assert check(chain).in_lang("en") == check(chain, lang="en")
    assert check(chain).__eq__(3) is NotImplemented
    with pytest.raises(gc.InvalidValueError):
        check(chain).in_lang("fi")


def test_finding_str_and_dict() -> None:
    chain = gc.GoalChain(name="x")
    chain.add_goal("g", "Mål", level="council")
    finding = check(chain, criteria=["responsible"], lang="en")[0]
    assert str(finding) == "g: responsible: warn: the goal has no owner"
    assert finding.to_dict()["strict_verdict"] == "fail"


def test_a_finding_is_a_read_only_record() -> None:
    chain = gc.load(ROOT / "examples/lerum.yaml")
    findings = list(check(chain))
    finding = next(f for f in findings if f.problem)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        finding.verdict = "pass"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del finding.message  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(findings)) == findings
    assert copy.copy(finding) == finding and copy.deepcopy(finding) == finding
    assert len(set(findings)) == len({json.dumps(f.to_dict()) for f in findings})
    assert repr(finding).startswith(f"SmartFinding(element={finding.element!r}, criterion=")
    # the fields, as given to the constructor
    made = SmartFinding(**{name: getattr(finding, name) for name in _FIELDS})
    assert made == finding and hash(made) == hash(finding)
    assert made.in_lang("en") == finding.in_lang("en")
    with pytest.raises(gc.InvalidValueError, match="unknown verdict 'ok'"):
        SmartFinding(
            element="g", criterion="x", code="c", verdict="ok", strict_verdict="pass", message="m"
        )  # type: ignore[arg-type]


def test_a_criterion_that_answers_no_judgement_is_named() -> None:
    def broken(goal: gc.Goal, context: gc.smart.SmartContext) -> list[str]:
        return ["not a judgement"]

    gc.smart.register("broken", broken)
    try:
        chain = gc.GoalChain(name="x")
        chain.add_goal("g", "Mål", level="council")
        with pytest.raises(gc.InvalidValueError, match="criterion 'broken' answered"):
            check(chain, criteria="broken")
    finally:
        gc.smart.criteria.unregister("broken")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_example_in_both_languages(path: Path, lang: str) -> None:
    report = check(gc.load(path), lang=lang)
    goals = gc.load(path).goals()
    for criterion in gc.smart.BUILTIN:
        judged = {f.element for f in report.filter(criterion=criterion)}
        assert judged == {g.id for g in goals}
    for finding in report:
        assert finding.message
        assert finding.lang == lang
        if finding.problem:
            assert finding.hint, finding
    json.dumps(report.to_dict())
    assert report.to_table() and report.to_markdown()
