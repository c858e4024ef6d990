"""A chain says how it is judged, per gender, and gives no verdict without data (issue 12,
items 5 and 6): roll-up settings in files and code, status scales per level and goal,
roll-up per gender, coverage of measured leaves, activities' periods, the CLI and report."""

from __future__ import annotations

import io
import json
from pathlib import Path

import attrs
import jsonschema
import pytest
import yaml

import goalchain as gc
from goalchain import io as gio
from goalchain import rollup as ru
from goalchain.cli import main
from goalchain.exceptions import UnknownScorerError, UnknownStrategyError
from goalchain.report import markdown
from goalchain.rollup import rollup

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ENGINES = ("plain", "fast")

VARGARDA = """\
goalchain: 1
name: Vårgårda
rollup:
  strategy: worst_case
  scorer: target_met
elements:
  - {id: kf1, level: council, title: Attraktiv kommun}
  - {id: n1, level: committee, title: Fler i arbete, parents: [kf1]}
  - {id: i1, kind: indicator, title: Sysselsättning, parents: [n1], unit: percent,
     baseline: {year: 2022, value: 70}, target: {year: 2024, value: 74}}
  - {id: i2, kind: indicator, title: Nöjdhet, parents: [n1], unit: percent,
     baseline: {year: 2022, value: 50}, target: {year: 2024, value: 60}}
measurements:
  - {indicator: i1, period: 2023, value: 73}
  - {indicator: i2, period: 2023, value: 53}
  - {indicator: i1, period: 2023, value: 71, gender: K}
  - {indicator: i1, period: 2023, value: 75, gender: M}
  - {indicator: i2, period: 2023, value: 58, gender: M}
"""


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


# ------------------------------------------------------------------ settings
def test_a_file_names_its_strategy_and_scorer_and_they_round_trip() -> None:
    chain = gc.loads(VARGARDA)
    settings = chain.rollup_settings
    assert (settings.strategy, settings.scorer) == ("worst_case", "target_met")
    result = chain.rollup(2023)
    assert (result.strategy, result.scorer) == ("worst_case", "target_met")
    # i1 73 >= 72 (the 2023 annual target): met; i2 53 < 55: not met; worst case decides
    assert result["i1"].score == 1.0 and result["i2"].score == 0.0
    assert result["n1"].status == "not_achieved"
    again = gc.loads(gc.dumps(chain))
    assert again == chain and again.rollup_settings == settings
    assert gc.io.to_data(chain)["rollup"] == {"strategy": "worst_case", "scorer": "target_met"}
    assert list(gc.io.to_data(chain))[:5] == ["goalchain", "name", "model", "rollup", "elements"]


@pytest.mark.parametrize("engine", ENGINES)
def test_explicit_arguments_win_over_the_chain_then_the_defaults(engine: str) -> None:
    chain = gc.loads(VARGARDA)
    result = rollup(chain, 2023, strategy="weighted", scorer="progress", engine=engine)
    assert (result.strategy, result.scorer) == ("weighted", "progress")
    assert result["i2"].score == pytest.approx(3 / 5)  # (53 - 50) / (55 - 50)
    plain = gc.GoalChain(name="Utan inställningar")
    plain.add_goal("kf1", "Mål", level="council")
    assert (plain.rollup(2023).strategy, plain.rollup(2023).scorer) == ("weighted", "progress")
    assert not plain.rollup_settings


def test_settings_in_code_are_a_frozen_value() -> None:
    chain = gc.GoalChain(name="Vårgårda", rollup={"scorer": "target_met"})
    settings = chain.rollup_settings
    assert isinstance(settings, ru.RollupSettings) and settings.strategy is None
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        settings.scorer = "progress"  # type: ignore[misc]
    assert chain.copy().rollup_settings == settings
    chain.add_goal("kf1", "Mål", level="council")
    chain.add_indicator(
        "i1", "Ind", parents=["kf1"], unit="percent", baseline=(2022, 0.0), target=(2024, 10.0)
    )
    chain.record("i1", 2023, 4.0)  # the 2023 target is 5: not met
    assert chain.rollup(2023)["i1"].score == 0.0
    same = gc.GoalChain(name="Vårgårda", rollup=ru.RollupSettings(scorer="target_met"))
    assert same.rollup_settings == settings


@pytest.mark.parametrize("engine", ENGINES)
def test_scorer_parameters_make_the_registered_scorer(engine: str) -> None:
    text = VARGARDA.replace("scorer: target_met", "scorer: {name: target_met, tolerance: 2.5}")
    chain = gc.loads(text)
    assert dict(chain.rollup_settings.scorer_params) == {"tolerance": 2.5}
    result = rollup(chain, 2023, engine=engine)
    assert result["i2"].score == 1.0  # 53 is within 2.5 of 55
    assert result.scorer == "target_met" and result.scorer_params == {"tolerance": 2.5}
    assert gc.loads(gc.dumps(chain)).rollup_settings == chain.rollup_settings
    _, scorer, params = ru._settings.resolve_scorer({"name": "target_met", "tolerance": 1})
    assert scorer == ru.TargetMet(tolerance=1) and params == {"tolerance": 1}
    # made once: the compiled engine's recent results are found again
    assert rollup(chain, 2023) is rollup(chain, 2023)


def test_a_registered_instance_keeps_its_settings_under_new_parameters() -> None:
    ru.register_scorer("target_met_1", ru.TargetMet(tolerance=1.0))
    try:

        @ru.register_scorer("halfway")
        def halfway(indicator, actual, period):  # type: ignore[no-untyped-def]
            return 0.5

        with pytest.raises(gc.InvalidValueError, match="is a function and takes no param") as info:
            gc.GoalChain(rollup={"scorer": {"name": "halfway", "k": 1}})
        assert info.value.field == "rollup.scorer.k"
        name, made, _ = ru._settings.resolve_scorer({"name": "target_met_1", "tolerance": 2})
        assert made == ru.TargetMet(tolerance=2.0) and name == "target_met_1"
    finally:
        ru.scorers.unregister("target_met_1")
        ru.scorers.unregister("halfway")


@pytest.mark.parametrize(
    ("bad", "error", "field", "text"),
    [
        (
            "  scorer: nope",
            UnknownScorerError,
            "rollup.scorer",
            "registered: progress, ratio, target_met",
        ),
        ("  strategy: best", UnknownStrategyError, "rollup.strategy", "dialogue, mean, threshold"),
        (
            "  scorer: {name: target_met, tol: 1}",
            gc.InvalidValueError,
            "rollup.scorer.tol",
            "its parameters: tolerance",
        ),
        (
            "  scorer: {name: target_met, tolerance: -1}",
            gc.InvalidValueError,
            "rollup.scorer.tolerance",
            "expected a number >= 0",
        ),
        ("  scorer: {tolerance: 1}", gc.InvalidValueError, "rollup.scorer.name", "'name'"),
        ("  scorer: [progress]", gc.InvalidValueError, "rollup.scorer", "expected the name"),
        ("  strategy: 3", gc.InvalidValueError, "rollup.strategy", "expected the name"),
        ("  weights: 1", gc.InvalidValueError, "rollup.weights", "valid: strategy, scorer"),
        ("  levels: [committee]", gc.InvalidValueError, "rollup.levels", "a mapping of level"),
        (
            "  levels: {nämnd: {status_scale: {achieved: 0.9}}}",
            gc.UnknownLevelError,
            "rollup.levels.nämnd",
            "valid levels: vision, council, committee",
        ),
        (
            "  levels: {committee: {status_scale: {achieved: 1.5}}}",
            gc.InvalidValueError,
            "rollup.levels.committee.status_scale.achieved",
            "expected a number in [0, 1]",
        ),
        (
            "  levels: {committee: {strategy: mean}}",
            gc.InvalidValueError,
            "rollup.levels.committee.strategy",
            "valid: status_scale",
        ),
    ],
)
def test_bad_settings_in_a_file_say_where(
    bad: str, error: type[Exception], field: str, text: str
) -> None:
    source = f"goalchain: 1\nname: Fel\nrollup:\n{bad}\nelements: []\n"
    with pytest.raises(error) as info:
        gc.loads(source, source="fel.yaml")
    err = info.value
    assert err.field == field and err.file == "fel.yaml" and err.line == 4, str(err)  # type: ignore[attr-defined]
    assert text in str(err)
    with pytest.raises(error) as info:  # the same checks in code
        gc.GoalChain(rollup=yaml.safe_load(source)["rollup"])
    assert info.value.field == field  # type: ignore[attr-defined]


def test_the_schema_describes_the_settings() -> None:
    validator = jsonschema.Draft202012Validator(gio.schema())
    good = gc.io.to_data(gc.loads(VARGARDA.replace("elements:", LEVELS + "elements:")))
    good["elements"][1]["status_scale"] = {"achieved": 0.9}
    assert not list(validator.iter_errors(json.loads(json.dumps(good, default=str))))
    for bad in (
        {"strategy": 1},
        {"scorer": {"tolerance": 1}},
        {"levels": {"committee": {"status_scale": {"achieved": 2}}}},
        {"weights": 1},
    ):
        assert list(validator.iter_errors({"goalchain": 1, "rollup": bad})), bad


# ------------------------------------------------------------------ status scales
LEVELS = """\
  levels:
    committee: {status_scale: {achieved: 0.5, labels: {achieved: {sv: godkänt}}}}
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_a_level_and_a_goal_may_override_the_status_scale(engine: str) -> None:
    text = VARGARDA.replace("  scorer: target_met\n", "  scorer: progress\n" + LEVELS)
    text = text.replace("strategy: worst_case", "strategy: weighted")
    chain = gc.loads(text)
    result = rollup(chain, 2023, engine=engine)
    # n1 = (1 + 0.6) / 2 = 0.8: achieved on the committee level's scale, partly above it
    assert result["n1"].score == pytest.approx(0.8) and result["n1"].status == "achieved"
    assert result["kf1"].status == "partly"
    assert result.scale_of("n1").achieved == 0.5 and result.scale_of("kf1") == result.scale
    assert "godkänt" in result.explain("kf1")
    assert "n1" in result.scales and "kf1" not in result.scales
    own = chain.copy()
    own.update("kf1", extra={"status_scale": {"achieved": 0.75}})
    assert rollup(own, 2023, engine=engine)["kf1"].status == "achieved"
    assert gc.loads(gc.dumps(own))["kf1"].extra["status_scale"] == {"achieved": 0.75}


@pytest.mark.parametrize("engine", ENGINES)
def test_worst_case_takes_the_worst_status_under_another_scale(engine: str) -> None:
    chain = gc.GoalChain(name="Skalor")
    chain.add_goal("kf1", "Mål", level="council", rollup="worst_case")
    chain.add_goal("n1", "Nämndmål", level="committee", parents=["kf1"], rollup="worst_case",
                   status_scale={"achieved": 0.8})  # fmt: skip
    chain.add_activity("a1", "Insats", parents=["n1"], status="in_progress", progress=0.85)
    result = rollup(chain, 2024, engine=engine)
    # a1 is partly (default scale); n1's status is its worst child's, whatever its scale
    assert result["a1"].status == "partly" and result["n1"].status == "partly"
    assert result["kf1"].status == "partly" and result["n1"].score == 0.85
    chain.update("n1", rollup="weighted")
    again = rollup(chain, 2024, engine=engine)
    assert again["n1"].status == "achieved" and again["kf1"].status == "achieved"


def test_a_goal_scale_that_is_not_a_scale_is_refused() -> None:
    chain = gc.GoalChain(name="Fel")
    with pytest.raises(gc.InvalidValueError) as info:
        chain.add_goal("kf1", "Mål", level="council", status_scale={"achieved": "hög"})
    assert info.value.element == "kf1" and info.value.field == "status_scale.achieved"
    assert "kf1" not in chain
    text = "goalchain: 1\nelements:\n  - id: kf1\n    level: council\n    title: Mål\n"
    with pytest.raises(gc.InvalidValueError) as info:
        gc.loads(text + "    status_scale: {partly: 2}\n", source="fel.yaml")
    assert info.value.field == "status_scale.partly" and info.value.line == 6
    chain.add_goal("kf1", "Mål", level="council", extra={"status_scale": {"partly": 2}})
    with pytest.raises(gc.InvalidValueError, match=r"'kf1', field 'status_scale\.partly'"):
        chain.rollup(2024)


# ------------------------------------------------------------------ gender
@pytest.mark.parametrize("engine", ENGINES)
def test_roll_up_per_gender(engine: str) -> None:
    chain = gc.loads(VARGARDA)
    women = rollup(chain, 2023, gender="K", scorer="progress", engine=engine)
    assert women.gender == "K"
    assert women["i1"].score == pytest.approx(0.5)  # (71 - 70) / (72 - 70)
    assert women["i2"].score is None and women["i2"].status == "not_assessed"
    assert women["i2"].reason_in("en") == "no value for women in 2023"
    assert women["i2"].reason_in("sv") == "inget mätvärde för kvinnor för 2023"
    assert women["n1"].coverage == 0.5 and women["n1"].score == pytest.approx(0.5)
    men = rollup(chain, 2023, gender="M", engine=engine)
    assert men["i2"].score == 1.0 and men["n1"].status == "achieved"
    assert rollup(chain, 2023, engine=engine)["n1"].status == "not_achieved"
    assert chain.rollup(2023, gender="K")["i2"].reason_in("en") == "no value for women in 2023"
    with pytest.raises(gc.InvalidValueError, match="T \\(total\\), K \\(women\\) or M"):
        chain.rollup(2023, gender="W")


# ------------------------------------------------------------------ no verdict without data
def test_lerum_2024_gives_no_verdict_on_activities_finished_in_2013() -> None:
    """Today: kf_omsorg 'uppfyllt, täckning 100 %' in 2024, on one activity done in 2013."""
    chain = gc.load(EXAMPLES / "lerum.yaml")
    for engine in ENGINES:
        result = rollup(chain, 2024, engine=engine)
        for goal in chain.goals():
            node = result[goal.id]
            assert node.status == "not_assessed" and node.coverage == 0.0, goal.id
        assert result["u_platser"].reason_in("sv") == (
            "skulle vara klar 2013-03-31: räknas bara till och med 2013"
        )
        assert result["u_platser"].reason_in("en") == (
            "due 2013-03-31: counts in the periods up to 2013 only"
        )
        assert result["kf_omsorg"].reason_in("en") == (
            "no indicator or activity below it has a result for 2024"
        )
    in_2013 = chain.rollup(2013)
    assert in_2013["u_platser"].score == 1.0 and in_2013["sc_aldreboende"].score is not None


@pytest.mark.parametrize("engine", ENGINES)
def test_an_activity_counts_from_its_start_year_to_its_due_year(engine: str) -> None:
    chain = gc.GoalChain(name="Perioder")
    chain.add_goal("kf1", "Mål", level="council")
    chain.add_activity(
        "a1", "Insats", parents=["kf1"], status="done", start="2023-03-01", due="2024-06-30"
    )
    chain.add_activity("a2", "Utan datum", parents=["kf1"], status="not_started")
    scores = {y: rollup(chain, y, engine=engine)["a1"].score for y in (2022, 2023, 2024, 2025)}
    assert scores == {2022: None, 2023: 1.0, 2024: 1.0, 2025: None}
    before = rollup(chain, 2022, engine=engine)
    assert before["a1"].reason_in("en") == "starts 2023-03-01: does not count before 2023"
    assert before["a1"].reason_in("sv") == "startar 2023-03-01: räknas inte före 2023"
    assert before["a2"].score == 0.0 and before["kf1"].coverage == 0.5  # no dates: always
    assert rollup(chain, "2024-T1", engine=engine)["a1"].score == 1.0


@pytest.mark.parametrize("engine", ENGINES)
def test_coverage_is_the_weighted_share_of_measured_leaves_not_of_children(engine: str) -> None:
    chain = gc.GoalChain(name="Täckning")
    chain.add_goal("kf1", "Mål", level="council")
    chain.add_goal("n1", "Nämndmål", level="committee", parents={"kf1": 3.0})
    chain.add_goal("n2", "Nämndmål 2", level="committee", parents={"kf1": 1.0})
    chain.add_activity("a1", "Klar", parents={"n1": 1.0}, status="done")
    for k in range(3):  # three of n1's four leaves are not measured
        chain.add_indicator(f"i{k}", "Ind", parents={"n1": 1.0}, unit="percent")
    chain.add_activity("a2", "Klar", parents=["n2"], status="done")
    result = rollup(chain, 2024, engine=engine)
    assert result["n1"].coverage == 0.25 and result["n2"].coverage == 1.0
    # both children are assessed (coverage of children: 100 %), but of the weight of the
    # leaves below only 3/4 x 1/4 + 1/4 x 1 is measured
    assert result["kf1"].coverage == pytest.approx(3 / 4 * 1 / 4 + 1 / 4)


class Hopeful:
    """A custom strategy that gives a score whatever its children are."""

    def combine(self, node, children, context):  # type: ignore[no-untyped-def]
        return 0.9


@pytest.mark.parametrize("engine", ENGINES)
def test_a_goal_with_nothing_assessed_below_is_not_assessed(engine: str) -> None:
    ru.register("hopeful", Hopeful(), replace=True)
    try:
        chain = gc.GoalChain(name="Hopp")
        chain.add_goal("kf1", "Mål", level="council", rollup="hopeful")
        chain.add_goal("kf2", "Mål 2", level="council", rollup="hopeful")
        chain.add_indicator("i1", "Ind", parents=["kf1"], unit="percent")
        chain.add_activity("a1", "Klar", parents=["kf2"], status="done")
        result = rollup(chain, 2024, engine=engine)
        assert result["kf1"].score is None and result["kf1"].status == "not_assessed"
        assert result["kf1"].reason_in("sv") == (
            "ingen indikator eller aktivitet under målet har ett utfall för 2024"
        )
        assert result["kf2"].score == 0.9
        chain.assess("kf1", 2024, status="achieved")
        chain.update("kf1", rollup="dialogue")  # a recorded dialogue still decides
        assert rollup(chain, 2024, engine=engine)["kf1"].status == "achieved"
    finally:
        ru.strategies.unregister("hopeful")


# ------------------------------------------------------------------ command line and report
def test_goalchain_rollup_uses_the_files_settings(tmp_path: Path) -> None:
    path = tmp_path / "vargarda.yaml"
    path.write_text(VARGARDA, encoding="utf-8")
    code, out, _ = run("rollup", str(path), "--period", "2023", "--format", "json")
    data = json.loads(out)
    assert code == 0 and (data["strategy"], data["scorer"]) == ("worst_case", "target_met")
    assert data["elements"]["n1"]["status"] == "not_achieved" and data["warnings"] == []
    assert data["gender"] == "T"
    code, out, _ = run(
        "rollup", str(path), "--period", "2023", "--format", "json", "--strategy", "weighted"
    )
    data = json.loads(out)
    assert (data["strategy"], data["scorer"]) == ("weighted", "target_met")
    assert data["elements"]["n1"]["score"] == 0.5
    code, out, _ = run("rollup", str(path), "--period", "2023", "--gender", "K", "--all")
    assert code == 0 and "ej bedömt" in out
    code, out, _ = run("rollup", str(path), "--period", "2023", "--format", "json", "--gender", "K")
    assert json.loads(out)["elements"]["i2"]["reason"] == "inget mätvärde för kvinnor för 2023"
    text = VARGARDA.replace("scorer: target_met", "scorer: {name: target_met, tolerance: 2.5}")
    path.write_text(text, encoding="utf-8")
    code, out, _ = run("rollup", str(path), "--period", "2023", "--format", "json")
    assert json.loads(out)["scorer_params"] == {"tolerance": 2.5}


def test_goalchain_rollup_warns_when_the_period_has_no_measurements() -> None:
    lerum = str(EXAMPLES / "lerum.yaml")
    code, out, _ = run("rollup", lerum, "--period", "2024")
    assert code == 0 and out.startswith("Obs: kedjan har inga mätvärden för helår 2024")
    code, out, _ = run("rollup", lerum, "--period", "2024", "--format", "json", "--lang", "en")
    assert json.loads(out)["warnings"] == [
        "Note: the chain has no measurements for full year 2024, so the goal fulfilment below does "
        "not rest on the period's actuals."
    ]
    code, out, _ = run("rollup", lerum, "--period", "2013", "--format", "json")
    assert json.loads(out)["warnings"] == []
    code, out, _ = run("rollup", lerum, "--period", "2013", "--gender", "K", "--lang", "en")
    assert out.startswith("Note: the chain has no measurements for women for full year 2013")


def test_the_report_uses_the_files_settings() -> None:
    chain = gc.loads(VARGARDA)
    text = markdown(chain, 2023, smart=False)
    assert "Sammanvägning: sämsta utfall; indikatorer: årsmålet nått eller inte" in text
    assert "Sammanvägning: viktad" in markdown(chain, 2023, strategy="weighted", smart=False)


def test_empty_settings_are_no_settings() -> None:
    chain = gc.GoalChain(name="Tom", rollup={})
    assert chain == gc.GoalChain(name="Tom") and not chain.rollup_settings
    assert "rollup" not in gc.io.to_data(chain)
    assert gc.loads(gc.dumps(chain)) == chain


def test_the_settings_stay_with_the_structure_when_data_is_split() -> None:
    structure, data = gc.io._codec.split_data(gc.io.to_data(gc.loads(VARGARDA)), "data.yaml")
    assert structure["rollup"] == {"strategy": "worst_case", "scorer": "target_met"}
    assert "rollup" not in data
