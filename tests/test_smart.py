"""goalchain.smart.check: each criterion's pass, warn, fail and not-applicable cases."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import pytest

import goalchain as gc
from goalchain.smart import (
    BUILTIN,
    Judgement,
    LevelRoles,
    SmartReport,
    best_yearly_change,
    check,
    goal_target,
    mandate_period,
    same_body,
    verdict_label,
    worst,
    years_in_text,
)
from goalchain.smart._bodies import abbreviations, body_key, is_council
from goalchain.smart._mandate import chain_mandate, parse_mandate

GOOD = "Andelen elever som är behöriga till yrkesprogram ska öka från 78 till 90 procent till 2026."
KF = {"body": "Kommunfullmäktige", "date": "2022-11-28", "reference": "KS 2022/412"}


def chain_with(
    *,
    title: str = GOOD,
    owner: str | None = "Barn- och utbildningsnämnden",
    decision: object = KF,
    level: str = "council",
    model: str = "classic",
    indicator: dict[str, object] | None = None,
    metadata: dict[str, object] | None = None,
) -> gc.GoalChain:
    """A vision and one goal, with an indicator unless *indicator* is {}."""
    chain = gc.GoalChain(name="Test", model=model, metadata=metadata)
    chain.add_goal("vision", "En bra kommun", level="vision", owner="Kommunfullmäktige")
    chain.add_goal("g", title, level=level, parents=["vision"], owner=owner, decision=decision)
    fields: dict[str, object] = {
        "unit": "percent",
        "baseline": (2022, 78.0),
        "target": (2026, 90.0),
        "annual_targets": {2023: 81.0, 2024: 84.0, 2025: 87.0},
    }
    if indicator is not None:
        fields.update(indicator)
    if indicator != {}:
        chain.add_indicator("i", "Andel behöriga", parents=["g"], **fields)  # type: ignore[arg-type]
    return chain


def one(report: SmartReport, criterion: str, element: str = "g") -> list[tuple[str, str, str]]:
    return [
        (f.verdict, f.code, f.evidence) for f in report.filter(criterion=criterion, element=element)
    ]


def strict(chain: gc.GoalChain | gc.Goal, criterion: str, **kwargs: object) -> SmartReport:
    return check(chain, criteria=[criterion], strict=True, **kwargs)  # type: ignore[arg-type]


# ----------------------------------------------------------------- the good goal
def test_a_good_goal_passes_every_criterion() -> None:
    chain = chain_with()
    chain.record("i", 2023, 81.0)
    report = check(chain, strict=True)
    verdicts = {c: report.verdict("g", c) for c in BUILTIN}
    assert verdicts == dict.fromkeys(BUILTIN, "pass")
    assert not report.failed
    assert report.criteria == (*BUILTIN, "structure")
    assert report.mandate == (2023, 2026)


def test_the_vision_gets_only_responsible() -> None:
    report = check(chain_with())
    vision = {f.criterion: f.verdict for f in report.filter(element="vision")}
    assert vision.pop("responsible") == "pass"
    assert set(vision.values()) == {"not_applicable"}
    assert report.filter(element="vision", criterion="specific")[0].code == "level"


# ------------------------------------------------------------------- specific
def test_specific_warns_on_a_vague_verb_and_fails_on_no_object() -> None:
    vague = strict(chain_with(title="Kommunen ska främja tryggheten i centrum"), "specific")
    assert ("warn", "vague_verb", "främja") in one(vague, "specific")
    short = strict(chain_with(title="Bli bättre"), "specific")
    assert short.verdict("g", "specific") == "fail"
    assert short.failed
    advisory = check(chain_with(title="Bli bättre"), criteria=["specific"])
    assert advisory.verdict("g", "specific") == "warn"
    assert not advisory.failed
    assert all(f.strict_verdict == "fail" for f in advisory.filter(code="too_short"))


def test_specific_messages_in_both_languages() -> None:
    report = check(chain_with(title="Kommunen ska främja tryggheten i centrum"), lang="en")
    finding = report.filter(criterion="specific", code="vague_verb")[0]
    assert "vague verb" in finding.message
    assert "vagt verb" in finding.in_lang("sv").message
    assert finding.hint


def test_specific_skips_area_headings() -> None:
    chain = gc.GoalChain(name="T", model="trelleborg")
    chain.add_goal("p", "Attraktiv boendeort", level="priority")
    report = check(chain, criteria=["specific"], strict=True)
    assert one(report, "specific", "p") == [("not_applicable", "level", "priority")]
    assert LevelRoles.of(chain.model).areas == ("priority",)


# ----------------------------------------------------------------- measurable
def test_measurable_cases() -> None:
    assert one(strict(chain_with(), "measurable"), "measurable") == [("pass", "indicator", "i")]
    no_target = strict(chain_with(indicator={"target": None, "annual_targets": None}), "measurable")
    # the evidence names the missing field in words, not by its file key (issue 13 item 4)
    assert one(no_target, "measurable") == [("warn", "indicator_incomplete", "i: målvärde")]
    none = strict(chain_with(indicator={}), "measurable")
    assert one(none, "measurable") == [("fail", "no_indicator", "")]
    own = chain_with(indicator={})
    goal = gc.Goal(
        id="g2",
        title=GOOD,
        level="council",
        owner="KS",
        extra={"target": {"year": 2026, "value": 90}},
    )
    own.add(goal, parents=["vision"])
    assert one(strict(own, "measurable"), "measurable", "g2") == [
        ("pass", "goal_target", "90 (2026)")
    ]


def test_measurable_through_the_goals_below() -> None:
    chain = chain_with(indicator={})
    chain.add_goal("c", GOOD, level="committee", parents=["g"], owner="BUN")
    chain.add_indicator(
        "ci", "X", parents=["c"], unit="percent", baseline=(2022, 1), target=(2026, 2)
    )
    assert one(strict(chain, "measurable"), "measurable") == [("pass", "indicator_below", "ci")]


def test_measurable_direction_levels() -> None:
    chain = chain_with(
        model="nynashamn", indicator={"baseline": None, "target": None, "annual_targets": None}
    )
    assert one(strict(chain, "measurable"), "measurable")[0][:2] == ("pass", "direction_indicator")
    off = strict(chain, "measurable", options={"measurable": {"direction_levels": []}})
    assert one(off, "measurable")[0][:2] == ("warn", "indicator_incomplete")


def test_goal_target_reads_pairs_and_ignores_junk() -> None:
    def goal(value: object) -> gc.Goal:
        return gc.Goal(id="g", title="x", level="council", extra={"target": value})

    assert goal_target(goal([2026, 5])) == (2026, 5.0)
    assert goal_target(goal(7)) == (None, 7.0)
    assert goal_target(goal("many")) is None
    assert goal_target(goal({"year": "soon", "value": 3})) == (None, 3.0)


# ------------------------------------------------------------------- accepted
def test_accepted_cases() -> None:
    assert one(strict(chain_with(), "accepted"), "accepted")[0][:2] == ("pass", "decided")
    assert one(strict(chain_with(decision=None), "accepted"), "accepted") == [
        ("fail", "no_decision", "")
    ]
    by_ks = {"body": "Kommunstyrelsen", "date": "2022-11-28", "reference": "KS 1"}
    assert one(strict(chain_with(decision=by_ks), "accepted"), "accepted") == [
        ("warn", "wrong_body", "Kommunstyrelsen")
    ]
    undated = one(strict(chain_with(decision={"body": "KF"}), "accepted"), "accepted")
    assert undated == [("warn", "decision_incomplete", "decision.date, decision.reference")]


def test_accepted_committee_goals_by_their_committee_or_giver() -> None:
    chain = chain_with()
    decided = {"date": "2023-01-24", "reference": "BUN 2023/12"}
    chain.add_goal(
        "c1",
        GOOD,
        level="committee",
        parents=["g"],
        owner="Barn- och utbildningsnämnden",
        decision={"body": "BUN", **decided},
    )
    chain.add_goal(
        "c2",
        GOOD,
        level="committee",
        parents=["g"],
        owner="Socialnämnden",
        decision={"body": "Barn- och utbildningsnämnden", **decided},
    )
    chain.add_goal(
        "c3",
        GOOD,
        level="committee",
        parents=["g"],
        owner="Socialnämnden",
        decision={"body": "Tekniska nämnden", **decided},
    )
    chain.add_goal(
        "c4",
        GOOD,
        level="committee",
        parents=["g"],
        owner="Socialnämnden",
        decision={"body": "kommunfullmäktige", **decided},
    )
    report = strict(chain, "accepted")
    assert report.verdict("c1", "accepted") == "pass"  # its own committee, abbreviated
    assert report.verdict("c2", "accepted") == "pass"  # the giver: the parent's owner
    assert report.verdict("c3", "accepted") == "warn"
    assert report.verdict("c4", "accepted") == "pass"  # the council may adopt anything


def test_accepted_lerum_assignments_by_the_giver() -> None:
    report = check(gc.load("examples/lerum.yaml"), criteria=["accepted"], strict=True)
    assert report.verdict("ks_miljo", "accepted") == "pass"  # KS decides, KD receives
    assert report.verdict("kd_larande", "accepted") == "not_applicable"  # official's assignment


# ------------------------------------------------------------------ realistic
def test_realistic_out_of_range_fails() -> None:
    chain = chain_with(indicator={"target": (2026, 120.0), "annual_targets": None})
    assert one(strict(chain, "realistic"), "realistic") == [("fail", "out_of_range", "120\u00a0%")]
    counts = chain_with(
        indicator={
            "unit": "count",
            "baseline": (2022, 5),
            "target": (2026, -1),
            "direction": "decrease",
            "annual_targets": None,
        }
    )
    assert one(strict(counts, "realistic"), "realistic")[0][:2] == ("fail", "out_of_range")


def test_realistic_unambitious_warns() -> None:
    chain = chain_with(indicator={"target": (2026, 78.0), "annual_targets": None})
    verdict, code, evidence = one(strict(chain, "realistic"), "realistic")[0]
    assert (verdict, code) == ("warn", "unambitious")
    assert evidence == "78\u00a0% (2022) → 78\u00a0% (2026)"
    maintain = chain_with(
        indicator={"target": (2026, 78.0), "annual_targets": None, "direction": "maintain"}
    )
    assert one(strict(maintain, "realistic"), "realistic")[0][0] == "pass"


def test_realistic_compares_with_the_history() -> None:
    chain = chain_with(indicator={"annual_targets": None})
    chain.record("i", 2023, 78.5)  # best yearly change 0.5; 11.5 left over 3 years
    verdict, code, evidence = one(strict(chain, "realistic"), "realistic")[0]
    assert (verdict, code, evidence) == ("warn", "too_fast", "3,83\u00a0p.e.")
    relaxed = strict(chain, "realistic", options={"realistic": {"factor": 10}})
    assert one(relaxed, "realistic")[0][:2] == ("pass", "realistic")
    falling = chain_with(indicator={"annual_targets": None})
    falling.record("i", 2023, 77.0)
    assert one(strict(falling, "realistic"), "realistic")[0][:2] == ("warn", "never_moved")
    no_history = chain_with()
    assert one(strict(no_history, "realistic"), "realistic")[0][:2] == ("pass", "no_history")


def test_realistic_not_applicable_without_targets() -> None:
    report = strict(chain_with(indicator={}), "realistic")
    assert one(report, "realistic")[0][:2] == ("not_applicable", "nothing_to_judge")


def test_best_yearly_change() -> None:
    assert best_yearly_change({2022: 1.0}, "increase") is None
    assert best_yearly_change({2020: 10.0, 2022: 14.0, 2023: 13.0}, "increase") == 2.0
    assert best_yearly_change({2020: 10.0, 2021: 12.0}, "decrease") == -2.0


# ----------------------------------------------------------------- time_bound
def test_time_bound_cases() -> None:
    assert one(strict(chain_with(), "time_bound"), "time_bound") == [
        ("pass", "target_year", "2026")
    ]
    late = chain_with(
        indicator={"target": (2028, 95.0), "annual_targets": None, "progression": "linear"}
    )
    # issue 13: a year after the mandate period is still a time; the finding is a note
    # (its verdict the option after_mandate), not a failure of time-boundness
    assert one(strict(late, "time_bound"), "time_bound") == [("pass", "after_mandate", "2028")]
    warned = check(late, criteria=["time_bound"], options={"time_bound": {"after_mandate": "warn"}})
    assert one(warned, "time_bound") == [("warn", "after_mandate", "2028")]
    early = chain_with(
        indicator={
            "baseline": (2018, 70.0),
            "target": (2021, 80.0),
            "annual_targets": None,
            "progression": "linear",
        }
    )
    assert one(strict(early, "time_bound"), "time_bound") == [("warn", "before_mandate", "2021")]
    no_steps = chain_with(indicator={"annual_targets": None})
    # issue 13: annual targets not decided are a note (the linear default), not a warning
    assert one(strict(no_steps, "time_bound"), "time_bound") == [
        ("pass", "target_year", "2026"),
        ("pass", "no_annual_targets", "i"),
    ]
    nothing = chain_with(indicator={}, title="Fler elever ska klara skolan")
    assert one(strict(nothing, "time_bound"), "time_bound") == [("fail", "no_target_year", "")]
    in_text = chain_with(indicator={}, title="Hälften av avfallet ska återvinnas år 2026")
    assert one(strict(in_text, "time_bound"), "time_bound") == [("pass", "target_year", "2026")]


def test_time_bound_annual_targets_that_leave_a_year_out() -> None:
    chain = chain_with(indicator={"annual_targets": {2023: 80.0}})
    verdict, code, evidence = one(strict(chain, "time_bound"), "time_bound")[0]
    assert (verdict, code, evidence) == ("warn", "annual_targets_invalid", "i")


def test_time_bound_uses_the_mandate_in_metadata() -> None:
    chain = chain_with(metadata={"mandate_period": "2027-2030"})
    report = strict(chain, "time_bound")
    assert report.mandate == (2027, 2030)
    assert one(report, "time_bound")[0][:2] == ("warn", "before_mandate")


def test_years_in_text() -> None:
    assert years_in_text("Minst 250 bostäder per år senast 2025") == [2025]
    assert years_in_text("Halve emissions by 2030") == [2030]
    assert years_in_text(None) == []


# ---------------------------------------------------------------- responsible
def test_responsible_cases() -> None:
    assert one(strict(chain_with(), "responsible"), "responsible")[0][:2] == ("pass", "owner")
    assert one(strict(chain_with(owner=None), "responsible"), "responsible") == [
        ("fail", "no_owner", "")
    ]
    assert one(strict(chain_with(owner="Alla nämnder"), "responsible"), "responsible") == [
        ("warn", "vague_owner", "Alla nämnder")
    ]
    listed = chain_with(metadata={"bodies": ["Kommunfullmäktige", "Socialnämnden"]})
    assert one(strict(listed, "responsible"), "responsible") == [
        ("warn", "unknown_owner", "Barn- och utbildningsnämnden")
    ]
    abbreviated = chain_with(owner="SN", metadata={"bodies": ["Socialnämnden"]})
    assert one(strict(abbreviated, "responsible"), "responsible")[0][0] == "pass"


def test_responsible_flags_a_misspelt_owner() -> None:
    chain = chain_with()
    for n in range(2):
        chain.add_goal(
            f"c{n}", GOOD, level="committee", parents=["g"], owner="Barn- och utbildningsnämnden"
        )
    chain.add_goal(
        "typo", GOOD, level="committee", parents=["g"], owner="Barn- och utbildningsnämden"
    )
    report = strict(chain, "responsible")
    assert one(report, "responsible", "typo") == [
        ("warn", "owner_spelling", "Barn- och utbildningsnämden")
    ]
    assert report.verdict("c0", "responsible") == "pass"


# ------------------------------------------------------------------- a lone goal
def test_a_single_goal_is_judged_alone() -> None:
    goal = gc.Goal(
        id="kf1",
        title="Kommunen ska främja tryggheten",
        level="council",
        owner="Kommunstyrelsen",
        decision=KF,
    )
    report = check(goal, strict=True)
    verdicts = {c: report.verdict("kf1", c) for c in BUILTIN}
    assert verdicts == {
        "specific": "warn",
        "measurable": "not_applicable",
        "accepted": "pass",
        "realistic": "not_applicable",
        "time_bound": "fail",
        "responsible": "pass",
    }
    assert report.mandate == (2023, 2026)  # from the decision date
    assert "structure" in report.criteria and not report.filter(criterion="structure")
    odd = gc.Goal(
        id="x", title=GOOD, level="effect_goal", decision=KF, extra={"target": [2026, 90]}
    )
    assert check(odd, strict=True).verdict("x", "time_bound") == "pass"


# --------------------------------------------------------------------- levels
def test_levels_choose_where_criteria_apply() -> None:
    chain = chain_with(indicator={})
    report = check(chain, criteria=["measurable"], levels={"measurable": ["vision"]})
    assert report.verdict("g", "measurable") == "not_applicable"
    assert report.verdict("vision", "measurable") == "warn"
    one_level = check(chain, criteria=["measurable"], levels={"measurable": "council"})
    assert one_level.verdict("g", "measurable") == "warn"


def test_bad_arguments_raise_specific_errors() -> None:
    chain = chain_with()
    with pytest.raises(gc.UnknownCriterionError, match="registered: accepted, measurable"):
        check(chain, criteria=["smart"])
    with pytest.raises(gc.UnknownCriterionError):
        check(chain, levels={"timely": ["council"]})
    with pytest.raises(gc.UnknownCriterionError):
        check(chain, options={"timely": {}})
    with pytest.raises(gc.UnknownLevelError, match="valid levels: vision, council"):
        check(chain, levels={"measurable": ["nämnd"]})
    with pytest.raises(gc.InvalidValueError, match="valid: sv, en"):
        check(chain, lang="de")
    with pytest.raises(gc.InvalidValueError, match="its options: factor"):
        check(chain, options={"realistic": {"speed": 2}})
    with pytest.raises(gc.InvalidValueError, match="factor must be a number"):
        check(chain, options={"realistic": {"factor": -1}})
    with pytest.raises(gc.InvalidValueError, match="take no levels"):
        check(chain, levels={"structure": ["council"]})
    with pytest.raises(gc.InvalidValueError, match="GoalChain or a Goal"):
        check("examples/burlov.yaml")  # type: ignore[arg-type]
    with pytest.raises(gc.InvalidValueError, match="strict"):
        check(chain, strict="yes")  # type: ignore[arg-type]
    with pytest.raises(gc.InvalidValueError, match="must be a mapping"):
        check(chain, options={"realistic": 2})  # type: ignore[dict-item]
    assert issubclass(gc.UnknownCriterionError, LookupError)


# ---------------------------------------------------------- custom criteria
def test_a_custom_criterion_registers_by_name() -> None:
    @gc.smart.register("kolada_linked")
    class KoladaLinked:
        label_sv = "Kolada"
        defaults: ClassVar[dict[str, bool]] = {"required": True}

        def default_levels(self, roles: LevelRoles) -> tuple[str, ...]:
            return roles.council

        def check(self, goal: gc.Goal, context: gc.smart.SmartContext) -> Judgement | None:
            linked = [i.id for i in context.indicators(goal.id) if i.kolada]
            if linked:
                return Judgement(verdict="pass", code="kolada", message="ok", evidence=linked[0])
            if not context.option("required"):
                return None
            return Judgement(
                verdict="fail",
                code="no_kolada",
                message={"sv": "inget Kolada-id", "en": "no Kolada id"},
            )

    try:
        chain = chain_with()
        report = check(chain, strict=True)
        assert "kolada_linked" in report.criteria
        assert report.criteria.index("kolada_linked") == len(BUILTIN)
        assert one(report, "kolada_linked") == [("fail", "no_kolada", "")]
        assert report.label("kolada_linked") == "Kolada"
        assert report.in_lang("en").label("kolada_linked") == "Kolada"
        relaxed = check(
            chain, criteria=["kolada_linked"], options={"kolada_linked": {"required": False}}
        )
        assert one(relaxed, "kolada_linked")[0][:2] == ("not_applicable", "nothing")
        assert one(relaxed, "kolada_linked", "vision")[0][:2] == ("not_applicable", "level")
        with pytest.raises(gc.exceptions.RegistrationError):
            gc.smart.register("kolada_linked", KoladaLinked)
    finally:
        gc.smart.criteria.unregister("kolada_linked")
    assert "kolada_linked" not in gc.smart.criteria


def test_a_plain_function_criterion() -> None:
    def always(goal: gc.Goal, context: gc.smart.SmartContext) -> list[Judgement]:
        return [Judgement(verdict="warn", code="x", message="m", hint={"sv": "h"})]

    gc.smart.register("always", always)
    try:
        report = check(chain_with(), criteria="always")
        assert [(f.element, f.hint) for f in report.problems] == [("g", "h")]
        assert report.verdict("vision", "always") == "not_applicable"  # below-top default
        assert report.labels["always"] == {"sv": "always", "en": "always"}
    finally:
        gc.smart.criteria.unregister("always")


def test_judgement_validates() -> None:
    with pytest.raises(gc.InvalidValueError, match="unknown verdict"):
        Judgement(verdict="ok", code="x", message="m")  # type: ignore[arg-type]
    with pytest.raises(gc.InvalidValueError):
        Judgement(verdict="pass", code="x", message=3)  # type: ignore[arg-type]
    with pytest.raises(gc.InvalidValueError):
        Judgement(verdict="pass", code="x", message={})
    assert Judgement(verdict="pass", code="x", message={"en": "m"}).message["sv"] == "m"


# ----------------------------------------------------------- small helpers
def test_mandate_period() -> None:
    assert mandate_period(2026) == (2023, 2026)
    assert mandate_period(2027) == (2027, 2030)
    assert mandate_period(dt.date(2026, 10, 14)) == (2023, 2026)
    assert mandate_period(dt.date(2026, 10, 15)) == (2027, 2030)
    assert mandate_period(2011) == (2011, 2014)
    assert parse_mandate({"start": 2023, "end": 2026}) == (2023, 2026)
    assert parse_mandate([2026, 2023]) is None
    assert parse_mandate(["a", "b"]) is None
    assert parse_mandate(None) is None


def test_chain_mandate_sources() -> None:
    assert chain_mandate(chain_with(), ["council"])[1] == "decisions"
    undecided = chain_with(decision=None)
    assert chain_mandate(undecided, ["council"]) == ((2023, 2026), "baselines")
    empty = gc.GoalChain(name="x")
    assert chain_mandate(empty, [], today=dt.date(2025, 1, 1)) == ((2023, 2026), "today")
    bad = chain_with(metadata={"mandate_period": "soon"})
    assert chain_mandate(bad, ["council"])[1] == "decisions"


def test_bodies() -> None:
    assert body_key("Kultur- och fritidsnämnden") == "kultur fritidsnämnd"
    assert abbreviations("Kultur- och fritidsnämnden") == {"kfn"}
    assert abbreviations("Samhällsbyggnadsnämnden") == {"sbn"}
    assert abbreviations("Tekniska nämnden") == {"tn"}
    assert same_body("SBN", "Samhällsbyggnadsnämnden")
    assert not same_body("SN", "Samhällsbyggnadsnämnden")
    assert same_body("the council", "KF")
    assert not same_body(None, "KF") and not same_body("-", "KF")
    assert is_council("Fullmäktige") and not is_council(None)


def test_worst_and_labels() -> None:
    assert worst(["fail", "pass"]) == "fail"
    assert verdict_label("fail") == "underkänt"
    assert verdict_label("pass", "en") == "pass"


def test_findings_agree_in_number_with_their_indicators() -> None:
    """'indikatorn i1' but 'indikatorerna i1, i2' (issue 13, item 4)."""
    chain = gc.GoalChain(name="Plural")
    chain.add_goal("kf", "Fler elever ska klara skolan", level="council")
    for i in ("i1", "i2"):
        chain.add_indicator(
            i, "Behöriga", parents=["kf"], unit="percent", baseline=(2022, 78.0), target=(2026, 90)
        )
    chain.add_goal("kf2", "Fler ska ha arbete", level="council")
    chain.add_indicator(
        "j1", "Arbete", parents=["kf2"], unit="percent", baseline=(2022, 78.0), target=(2026, 90)
    )
    chain.add_goal("kf3", "Färre ska vara sjuka", level="council")
    chain.add_indicator("k1", "Sjuka", parents=["kf3"], unit="percent", baseline=(2022, 8.0))
    chain.add_indicator("k2", "Sjuka", parents=["kf3"], unit="percent", baseline=(2022, 8.0))
    report = gc.smart.check(chain, criteria=["measurable"])
    by_goal = {f.element: f for f in report}
    assert "med indikatorerna i1, i2" in by_goal["kf"].message
    assert "med indikatorn j1" in by_goal["kf2"].message
    assert by_goal["kf3"].message.startswith("målets indikatorer saknar")
    assert "för indikatorerna" in by_goal["kf3"].hint
    english = gc.smart.check(chain, criteria=["measurable"], lang="en")
    assert "by indicators i1, i2" in {f.element: f for f in english}["kf"].message
