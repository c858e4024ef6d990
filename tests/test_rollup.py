"""Roll-up (issue 4): strategies, scorers, periods, results and errors on hand-built chains."""

from __future__ import annotations

import math
from importlib import metadata
from pathlib import Path

import pytest

import goalchain as gc
from goalchain import rollup as ru
from goalchain.exceptions import UnknownNameError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BUILTINS = ("weighted", "worst_case", "mean", "threshold", "dialogue")


def make_chain(rollup: str | None = None, extra: dict | None = None) -> gc.GoalChain:
    """vision -> kf1 -> i1 (w 3, 0.5), i2 (w 1, 1.0), i3 (w 2, no value), a1 (w 1, 0.2)."""
    chain = gc.GoalChain(name="Test")
    chain.add_goal("vision", "Vision", level="vision")
    chain.add_goal(
        "kf1", "Fler i arbete", level="council", parents=["vision"], rollup=rollup, extra=extra
    )
    chain.add_indicator(
        "i1",
        "Sysselsättning",
        parents={"kf1": 3.0},
        unit="percent",
        baseline=(2022, 70.0),
        target=(2024, 74.0),
    )
    chain.add_indicator(
        "i2",
        "Arbetslöshet",
        parents={"kf1": 1.0},
        unit="percent",
        direction="decrease",
        baseline=(2022, 8.0),
        target=(2024, 6.0),
    )
    chain.add_indicator(
        "i3",
        "Nöjdhet",
        parents={"kf1": 2.0},
        unit="percent",
        baseline=(2022, 50.0),
        target=(2024, 60.0),
    )
    chain.add_activity("a1", "Insats", parents={"kf1": 1.0}, status="in_progress", progress=0.2)
    chain.record("i1", 2023, 71.0)  # expected 72: (71-70)/(72-70) = 0.5
    chain.record("i2", 2023, 6.5)  # expected 7, decreasing: 1.5 clamped to 1.0
    return chain


# ---------------------------------------------------------------- leaves
def test_leaf_scores() -> None:
    result = make_chain().rollup(2023)
    assert result["i1"].score == pytest.approx(0.5)
    assert result["i1"].expected == pytest.approx(72.0)
    assert result["i2"].score == 1.0
    assert result["i3"].score is None
    assert result["i3"].status == "not_assessed"
    assert result["i3"].reason == "no measurement for 2023"
    assert result["a1"].score == pytest.approx(0.2)


@pytest.mark.parametrize(
    ("status", "progress", "score"),
    [
        ("done", None, 1.0),
        ("in_progress", 0.4, 0.4),
        ("not_started", None, 0.0),
        ("cancelled", None, None),
        ("in_progress", None, None),
    ],
)
def test_activities(status: str, progress: float | None, score: float | None) -> None:
    chain = gc.GoalChain()
    chain.add_goal("kf1", "Mål", level="council")
    chain.add_activity("a1", "Insats", parents=["kf1"], status=status, progress=progress)
    node = chain.rollup(2024)["a1"]
    assert node.score == score
    if score is None:
        assert node.status == "not_assessed"
        assert chain.rollup(2024)["kf1"].score is None


@pytest.mark.parametrize(
    ("direction", "actual", "score"),
    [
        ("increase", 91.0, 1.0),
        ("increase", 90.0, 1.0),
        ("increase", 89.0, 0.0),
        ("maintain", 90.5, 1.0),
        ("maintain", 89.5, 1.0),  # within 1 % of the level: held (issue 12)
        ("maintain", 88.0, 0.0),  # "maintain" is not "at least": 92 does not hold 90 either
        ("maintain", 92.0, 0.0),
        ("decrease", 89.0, 1.0),
        ("decrease", 91.0, 0.0),
    ],
)
def test_progress_when_expected_equals_baseline(
    direction: str, actual: float, score: float
) -> None:
    chain = gc.GoalChain()
    chain.add_goal("kf1", "Mål", level="council")
    chain.add_indicator(
        "i1",
        "Värde",
        parents=["kf1"],
        unit="percent",
        direction=direction,
        baseline=(2022, 90.0),
        target=(2024, 90.0),
    )
    chain.record("i1", 2023, actual)
    assert chain.rollup(2023)["i1"].score == score


def test_progress_beyond_target_year_uses_target() -> None:
    chain = make_chain()
    chain.record("i1", 2026, 72.0)  # target 74: (72-70)/(74-70)
    assert chain.rollup(2026)["i1"].score == pytest.approx(0.5)


def test_before_baseline_is_not_assessed() -> None:
    chain = make_chain()
    chain.record("i1", 2021, 72.0)
    node = chain.rollup(2021)["i1"]
    assert node.score is None and "baseline" in (node.reason or "")


def test_no_target_is_not_assessed() -> None:
    chain = gc.GoalChain()
    chain.add_goal("kf1", "Mål", level="council")
    chain.add_indicator("i1", "Värde", parents=["kf1"], unit="percent")
    chain.record("i1", 2023, 5.0)
    node = chain.rollup(2023)["i1"]
    assert node.score is None and node.measurement is not None and node.reason


def test_target_met_and_tolerance() -> None:
    chain = make_chain()
    assert chain.rollup(2023, scorer="target_met")["i1"].score == 0.0
    assert chain.rollup(2023, scorer="target_met")["i2"].score == 1.0
    lenient = ru.TargetMet(tolerance=1.0)
    assert chain.rollup(2023, scorer=lenient)["i1"].score == 1.0
    with pytest.raises(gc.InvalidValueError):
        ru.TargetMet(tolerance=-1.0)


def test_sub_year_period_of_yearly_indicator() -> None:
    node = make_chain().rollup("2023-T2")["i1"]
    assert node.score is None
    assert "yearly" in (node.reason or "")


def test_lag_reason_and_preliminary() -> None:
    chain = make_chain()
    chain.update("i3", lag=1)
    node = chain.rollup(2023)["i3"]
    assert node.score is None and "lag" in (node.reason or "")
    chain.record("i3", 2023, 52.5, preliminary=True)
    node = chain.rollup(2023)["i3"]
    assert node.score == pytest.approx(0.5) and node.preliminary


# ------------------------------------------------------------- strategies
def test_weighted() -> None:
    result = make_chain().rollup(2023)
    kf1 = result["kf1"]
    assert kf1.score == pytest.approx((3 * 0.5 + 1 * 1.0 + 1 * 0.2) / 5)
    assert kf1.coverage == pytest.approx(5 / 7)
    assert kf1.status == "partly"
    assert kf1.strategy == "weighted" and kf1.provenance == "computed"
    assert ("i3", 2.0, None) in kf1.children
    assert result["vision"].score == pytest.approx(kf1.score)  # a single child passes


def test_worst_case() -> None:
    kf1 = make_chain().rollup(2023, strategy="worst_case")["kf1"]
    assert kf1.score == pytest.approx(0.2)
    assert kf1.status == "not_achieved"


def test_mean() -> None:
    kf1 = make_chain().rollup(2023, strategy="mean")["kf1"]
    assert kf1.score == pytest.approx((0.5 + 1.0 + 0.2) / 3)
    # coverage is the weighted share of the measured leaves under every strategy: i3 (w 2) of 7
    assert kf1.coverage == pytest.approx(5 / 7)


@pytest.mark.parametrize(
    ("params", "score"), [({"k": 1}, 1.0), ({"share": 0.5}, 0.5), (None, 1 / 3), ({"k": 4}, 0.25)]
)
def test_threshold(params: dict | None, score: float) -> None:
    extra = {"rollup_params": params} if params is not None else None
    kf1 = make_chain(extra=extra).rollup(2023, strategy="threshold")["kf1"]
    assert kf1.score == pytest.approx(score)


@pytest.mark.parametrize("params", [{"k": 0}, {"share": 1.5}, {"k": 1, "share": 0.5}, 3])
def test_threshold_bad_params(params: object) -> None:
    chain = make_chain(extra={"rollup_params": params})
    with pytest.raises(gc.RollupError, match="kf1"):
        chain.rollup(2023, strategy="threshold")


def test_goal_field_chooses_strategy() -> None:
    result = make_chain(rollup="worst_case").rollup(2023, strategy="weighted")
    assert result["kf1"].strategy == "worst_case"
    assert result["kf1"].score == pytest.approx(0.2)
    assert result["vision"].strategy == "weighted"


def test_dialogue() -> None:
    chain = make_chain(rollup="dialogue")
    computed = (3 * 0.5 + 1 * 1.0 + 1 * 0.2) / 5
    waiting = chain.rollup(2023)["kf1"]
    assert waiting.provenance == "fallback" and waiting.awaiting_dialogue
    assert waiting.score == pytest.approx(computed)
    chain.assess("kf1", 2023, status="uppfyllt", rationale="Dialogen visar framsteg")
    node = chain.rollup(2023)["kf1"]
    assert (node.score, node.status, node.provenance) == (1.0, "achieved", "dialogue")
    assert node.computed == pytest.approx(computed)
    assert node.deviation == pytest.approx(1.0 - computed)
    assert chain.rollup(2023)["vision"].score == 1.0
    chain.assess("kf1", 2023, status="partly", score=0.7, replace=True)
    assert chain.rollup(2023)["kf1"].score == pytest.approx(0.7)
    assert chain.rollup(2023)["kf1"].status == "partly"
    text = chain.rollup(2023).explain("kf1", lang="sv")
    assert "dialog" in text and "delvis uppfyllt" in text


def test_dialogue_changes_only_the_goal_and_above() -> None:
    chain = make_chain(rollup="dialogue")
    before = chain.rollup(2023)
    chain.assess("kf1", 2023, status="not_achieved")
    after = chain.rollup(2023)
    changed = {k for k in before if before[k].score != after[k].score}
    assert changed == {"kf1", "vision"}


def test_zero_weights_raise() -> None:
    chain = gc.GoalChain()
    chain.add_goal("kf1", "Mål", level="council")
    chain.add_activity("a1", "Insats", parents={"kf1": 0.0}, status="done")
    with pytest.raises(gc.RollupError, match="kf1") as info:
        chain.rollup(2024)
    assert isinstance(info.value, RuntimeError)
    assert chain.rollup(2024, strategy="mean")["kf1"].score is None  # weight 0 never counts


# --------------------------------------------------------------- registry
def test_register_function_and_use_by_name() -> None:
    @ru.register("best_case")
    def best_case(node, children, context):  # type: ignore[no-untyped-def]
        scores = [c.score for c in children if c.score is not None]
        return max(scores) if scores else None

    try:
        assert ru.strategies["best_case"] is best_case
        assert make_chain().rollup(2023, strategy="best_case")["kf1"].score == 1.0
        with pytest.raises(gc.exceptions.RegistrationError):
            ru.register("best_case", best_case)
        ru.register("best_case", ru.Mean(), replace=True)
        assert isinstance(ru.strategies["best_case"], ru.Mean)
    finally:
        ru.strategies.unregister("best_case")


def test_register_class_is_instantiated_and_lazy_string() -> None:
    @ru.register("always_half")
    class Half:
        def combine(self, node, children, context):  # type: ignore[no-untyped-def]
            return ru.StrategyResult(score=0.5, reason="half")

    ru.register("lazy_mean", "goalchain.rollup._mean:Mean")
    try:
        assert isinstance(ru.strategies["always_half"], Half)
        assert isinstance(ru.strategies["always_half"], ru.RollupStrategy)
        assert make_chain().rollup(2023, strategy="always_half")["kf1"].reason == "half"
        assert isinstance(ru.strategies["lazy_mean"], ru.Mean)
    finally:
        ru.strategies.unregister("always_half")
        ru.strategies.unregister("lazy_mean")


def test_strategies_mapping_is_read_only() -> None:
    assert set(BUILTINS) <= set(ru.strategies)
    assert {"progress", "target_met"} <= set(ru.scorers)
    with pytest.raises(TypeError):
        ru.strategies["x"] = ru.Mean()  # type: ignore[index]


def test_unknown_names() -> None:
    with pytest.raises(gc.UnknownStrategyError, match="weighted") as info:
        make_chain().rollup(2023, strategy="nope")
    assert isinstance(info.value, UnknownNameError)
    with pytest.raises(gc.UnknownStrategyError):
        make_chain(rollup="nope").rollup(2023)
    with pytest.raises(gc.UnknownScorerError, match="progress"):
        make_chain().rollup(2023, scorer="nope")


def test_entry_point_found_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    ep = metadata.EntryPoint(
        name="plugin_mean", value="goalchain.rollup._mean:Mean", group="goalchain.rollup"
    )

    def entry_points(*, group: str):  # type: ignore[no-untyped-def]
        return [ep] if group == "goalchain.rollup" else []

    monkeypatch.setattr(metadata, "entry_points", entry_points)
    monkeypatch.setattr(ru.strategies, "_entry_points_loaded", False)
    try:
        assert make_chain().rollup(2023, strategy="plugin_mean")["kf1"].score == pytest.approx(
            (0.5 + 1.0 + 0.2) / 3
        )
    finally:
        ru.strategies.unregister("plugin_mean")


def test_a_strategy_published_by_an_installed_package_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real distribution on sys.path (dist-info with entry_points.txt), nothing mocked."""
    (tmp_path / "kommun_strategier.py").write_text(
        "def best_case(node, children, context):\n"
        "    scores = [c.score for c in children if c.score is not None]\n"
        "    return max(scores) if scores else None\n",
        encoding="utf-8",
    )
    info = tmp_path / "kommun_strategier-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: kommun-strategier\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[goalchain.rollup]\nbest_case = kommun_strategier:best_case\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(ru.strategies, "_entry_points_loaded", False)
    try:
        assert "best_case" in ru.strategies
        assert make_chain().rollup(2023, strategy="best_case")["kf1"].score == 1.0
    finally:
        ru.strategies.unregister("best_case")


@pytest.mark.parametrize("bad", [1.5, -0.1, math.nan, "high"])
def test_custom_strategy_bad_score(bad: object) -> None:
    with pytest.raises(gc.RollupError, match=r"'bad'.*'kf1'") as info:
        make_chain().rollup(2023, strategy=_Named("bad", lambda n, c, x: bad))
    assert info.value.element == "kf1" and info.value.strategy == "bad"


def test_custom_strategy_raising_is_chained() -> None:
    def boom(node, children, context):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("oops")

    ru.register("boom", boom)
    try:
        with pytest.raises(gc.RollupError, match=r"boom.*kf1") as info:
            make_chain().rollup(2023, strategy="boom")
        assert isinstance(info.value.__cause__, ZeroDivisionError)
    finally:
        ru.strategies.unregister("boom")


class _Named:
    def __init__(self, name: str, func):  # type: ignore[no-untyped-def]
        self.name = name
        self.combine = func


# ------------------------------------------------------------ scale, explain
def test_scale() -> None:
    chain = make_chain()
    assert chain.rollup(2023, scale=ru.StatusScale(achieved=0.5, partly=0.2))["kf1"].status == (
        "achieved"
    )
    assert chain.rollup(2023, scale={"partly": 0.6})["kf1"].status == "not_achieved"
    scale = ru.StatusScale(labels={"achieved": {"sv": "klart"}}, colours={"partly": "#ff0"})
    assert scale.label("achieved") == "klart" and scale.label("achieved", lang="en") == "achieved"
    assert scale.colour("partly") == "#ff0"
    with pytest.raises(gc.InvalidValueError):
        ru.StatusScale(achieved=0.4, partly=0.6)
    with pytest.raises(gc.InvalidValueError):
        ru.StatusScale(labels={"great": {"sv": "x"}})


def test_scale_from_chain_metadata() -> None:
    chain = gc.GoalChain(metadata={"status_scale": {"achieved": 0.5}})
    chain.add_goal("kf1", "Mål", level="council")
    chain.add_activity("a1", "Insats", parents=["kf1"], status="in_progress", progress=0.6)
    assert chain.rollup(2024)["kf1"].status == "achieved"


SCALED = """\
goalchain: 1
name: Skalad
status_scale:
  achieved: 0.9
  labels:
    partly: {sv: på väg, en: on the way}
  colours: {achieved: "#1b5e20"}
elements:
  - {id: kf1, level: council, title: Mål}
  - {id: a1, kind: activity, level: activity, title: Insats, parents: [kf1],
     status: in_progress, progress: 0.6}
"""


def test_status_scale_from_a_file_round_trips() -> None:
    chain = gc.loads(SCALED)
    result = chain.rollup(2024)
    assert result.scale.achieved == 0.9 and result.scale.colour("achieved") == "#1b5e20"
    assert result["kf1"].status == "partly"
    assert result.scale.label("partly") == "på väg"
    assert result.scale.label("partly", lang="en") == "on the way"
    again = gc.loads(gc.dumps(chain))
    assert again.rollup(2024).scale == result.scale


@pytest.mark.parametrize(
    ("bad", "field", "line"),
    [
        ("  achieved: 1.5", "achieved", 4),
        ("  colours: {partly: red}", "colours.partly", 4),
        ("  labels:\n    partly: {de: teilweise}", "labels.partly.de", 5),
        ("  labels: {great: {sv: toppen}}", "labels.great", 4),
        ("  threshold: 0.9", "threshold", 4),
    ],
)
def test_a_bad_status_scale_in_a_file_says_where(bad: str, field: str, line: int) -> None:
    text = f"goalchain: 1\nname: Fel\nstatus_scale:\n{bad}\nelements: []\n"
    with pytest.raises(gc.InvalidValueError) as info:
        gc.loads(text, source="fel.yaml")
    err = info.value
    assert err.field == field and err.file == "fel.yaml" and err.line == line, str(err)


def test_explain() -> None:
    result = make_chain().rollup(2023)
    sv = result["vision"].explain()
    assert sv.splitlines()[0].startswith("vision Vision")
    assert "i1 Sysselsättning (vikt 3)" in sv and "uppmätt för 2023" in sv
    assert "ej bedömt" in sv and "inget mätvärde för 2023" in sv and "pågår, 20\u00a0% klart" in sv
    en = result.explain("kf1", lang="en")
    assert "coverage 71%" in en and "täckning 71\u00a0%" in sv and "partly achieved" in en
    assert (
        len(result) == 6
        and "kf1" in repr(result.scores())
        and result.statuses()["i3"] == ("not_assessed")
    )


# ----------------------------------------------------------------- examples
@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("strategy", BUILTINS)
def test_examples_roll_up(path: Path, year: int, strategy: str) -> None:
    chain = gc.load(path)
    result = chain.rollup(year, strategy=strategy)
    assert set(result) == set(chain)
    for node in result.values():
        assert node.score is None or 0.0 <= node.score <= 1.0
        assert node.status in ru.STATUSES
    for root in chain.roots():
        assert result.explain(root, lang="en")


def test_reasons_in_both_languages() -> None:
    chain = make_chain()
    chain.update("i3", lag=1)
    node = chain.rollup(2023)["i3"]
    assert node.reason_code == "lag" and node.reason == node.reason_in("en")
    assert "2024" in (node.reason_in("sv") or "") and "eftersläpning" in (
        node.reason_in("sv") or ""
    )
    assert "no measurement for 2023" in chain.rollup(2023).explain("kf1", lang="en")


def test_multi_parent_contributes_to_every_parent() -> None:
    chain = gc.GoalChain()
    chain.add_goal("kf1", "Mål 1", level="council")
    chain.add_goal("kf2", "Mål 2", level="council")
    chain.add_activity("a1", "Gemensam insats", parents={"kf1": 1.0, "kf2": 3.0}, status="done")
    chain.add_activity("a2", "Egen insats", parents=["kf2"], status="not_started")
    result = chain.rollup(2024)
    assert result["kf1"].score == 1.0
    assert result["kf2"].score == pytest.approx(0.75)
    assert ("a1", 3.0, 1.0) in result["kf2"].children


def test_register_scorer_and_use_by_name() -> None:
    ru.register_scorer("target_met_1", ru.TargetMet(tolerance=1.0))
    try:
        assert make_chain().rollup(2023, scorer="target_met_1")["i1"].score == 1.0
        with pytest.raises(gc.exceptions.RegistrationError):
            ru.register_scorer("target_met_1", ru.TargetMet())
    finally:
        ru.scorers.unregister("target_met_1")


def test_scorer_returning_bad_score() -> None:
    with pytest.raises(gc.RollupError, match=r"leaf scorer '<lambda>' .* for 'i\d'"):
        make_chain().rollup(2023, scorer=lambda ind, actual, period: 2.0)


def test_strategy_reasons_read_in_both_languages() -> None:
    chain = make_chain("threshold", extra={"rollup_params": {"k": 3}})
    node = chain.rollup(2023)["kf1"]
    assert node.reason == "1 of 3 needed children achieved" == node.reason_in("en")
    assert node.reason_in("sv") == "1 av 3 nödvändiga underliggande delar uppfyllda"
    assert "1 av 3" in node.explain("sv") and "1 of 3" in node.explain("en")
    empty = gc.GoalChain(name="Tom")
    empty.add_goal("kf1", "Mål", level="council")
    for strategy, en, sv in (
        ("weighted", "no children", "saknar underliggande delar"),
        ("worst_case", "no child can be assessed", "ingen underliggande del kan bedömas"),
    ):
        alone = empty.rollup(2023, strategy=strategy)["kf1"]
        assert (alone.reason, alone.reason_in("sv")) == (en, sv)


def test_a_custom_strategy_may_give_its_reason_in_both_languages() -> None:
    @ru.register("bilingual")
    def bilingual(node, children, context):  # type: ignore[no-untyped-def]
        return ru.StrategyResult(score=0.5, reason={"sv": "hälften", "en": "half"})

    @ru.register("bad_code")
    def bad_code(node, children, context):  # type: ignore[no-untyped-def]
        return ru.StrategyResult(score=0.5, reason_code="no_such_reason")

    try:
        for engine in ("auto", "plain"):
            node = ru.rollup(make_chain(), 2023, strategy="bilingual", engine=engine)["kf1"]
            assert (node.reason, node.reason_in("sv"), node.reason_in("en")) == (
                "half",
                "hälften",
                "half",
            )
            with pytest.raises(gc.RollupError, match="no_such_reason") as info:
                ru.rollup(make_chain(), 2023, strategy="bad_code", engine=engine)
            assert info.value.element == "kf1"
    finally:
        ru.strategies.unregister("bilingual")
        ru.strategies.unregister("bad_code")
