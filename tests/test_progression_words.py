"""The progression layer's words come from the message catalogs (issue 15)."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

import goalchain as gc
from _catalogs import catalog_of, check_words
from goalchain.exceptions import GoalchainError, Number, ProgressionError
from goalchain.progression import (
    CATEGORIES,
    CATEGORY_LABELS,
    TREND_LABELS,
    ProgressAssessment,
    ProgressionWarning,
    Trajectory,
    annual_targets,
    annual_targets_many,
    assess,
    assess_many,
    methods,
)


def test_the_labels_are_read_only_tables_in_every_language() -> None:
    assert CATEGORY_LABELS["on_track"] == {"sv": "i fas", "en": "on track"}
    assert TREND_LABELS["on_track"]["sv"] == "betydande framsteg"
    assert list(CATEGORY_LABELS) == list(CATEGORIES)
    with pytest.raises(TypeError):
        CATEGORY_LABELS["on_track"] = {}  # type: ignore[index]


def test_a_third_language_labels_a_category(tmp_path: Path) -> None:
    with catalog_of(tmp_path, {"on track": "aikataulussa"}):
        assert ProgressAssessment(category="on_track").label("fi") == "aikataulussa"
        assert CATEGORY_LABELS["on_track"]["fi"] == "aikataulussa"
        assert TREND_LABELS["on_track"]["fi"] == "substantial progress"


def test_assessment_errors_render_in_swedish() -> None:
    trajectory = annual_targets(baseline=(2020, 50), target=(2024, 70))
    with pytest.raises(ProgressionError) as info:
        assess(trajectory, {2021: 55}, tolerance=-1)
    assert str(info.value).startswith("field 'tolerance': tolerance must be a share")
    assert info.value.render("sv").startswith("fältet 'tolerance': toleransen måste vara")
    with pytest.raises(ProgressionError) as info:
        assess(None, {2021: 55}, method="trend", baseline=(2020, 50), direction="sideways")
    assert info.value.render("sv").startswith("fältet 'direction': riktningen 'sideways' är")


def _broken(**params: object) -> list[float]:
    return [1.0]


@pytest.mark.parametrize(
    ("raise_it", "english", "swedish"),
    [
        # _methods
        (
            lambda: annual_targets(baseline=(2022, 2.5), target=(2026, 1.5), method="maintain"),
            "method 'maintain' holds the baseline 2.5; the target 1.5 differs",
            "metoden 'maintain' håller utgångsvärdet 2,5; målvärdet 1,5 skiljer sig",
        ),
        (
            lambda: annual_targets(
                baseline=(2022, 0), target=(2025, 3), method="steps", steps=[1, 1, 0.5]
            ),
            "the steps add up to 2.5 but the target needs 3 (gap +0.5 in 2025)",
            "stegen summerar till 2,5 men målvärdet kräver 3 (skillnad +0,5 år 2025)",
        ),
        (
            lambda: annual_targets(baseline=(2022, -1), target=(2026, 3), method="geometric"),
            "(got -1 and 3)",
            "(fick \u22121 och 3)",
        ),
        (
            lambda: annual_targets(baseline=(2022, 1), target=(2026, 3), method="steps"),
            "method 'steps' needs steps=[...] or steps={year: value}",
            "metoden 'steps' behöver steps=[...] eller steps={år: värde}",
        ),
        # _trajectory
        (
            lambda: annual_targets(baseline=(2022, 1), target=(2020, 3)),
            "the target year 2020 must come after the baseline year 2022",
            "fältet 'target': målåret 2020 måste komma efter utgångsåret 2022",
        ),
        (
            lambda: annual_targets(baseline=(2022, 1), target=(2026, 3)).expected(2020),
            "2020 lies before the baseline year 2022; annual targets run 2022-2026",
            "2020 ligger före utgångsåret 2022; årsmålen gäller 2022–2026",
        ),
        (
            lambda: annual_targets(baseline=(2022, 1), target=(2026, 3), method="rate", rate=[]),
            "rate [] is not a number",
            "takten [] är varken ett tal eller en text",
        ),
        # _many
        (
            lambda: annual_targets_many(
                baseline_years=[2022, 2022],
                baseline_values=[1.0, 2.0],
                target_years=[2026, 2020],
                target_values=[2.0, 3.0],
                years=2024,
            ),
            "row 1: the target year 2020 must come after the baseline year 2022",
            "rad 1: målåret 2020 måste komma efter utgångsåret 2022",
        ),
        (
            lambda: annual_targets_many(
                baseline_years=[2022],
                baseline_values=[float("nan")],
                target_years=[2026],
                target_values=[2.0],
                years=2024,
            ),
            "baseline_values holds NaN or infinite values",
            "fältet 'baseline_values': baseline_values innehåller NaN eller oändliga värden",
        ),
        (
            lambda: assess_many(
                baseline_years=[2022],
                baseline_values=[1.0],
                target_years=[2026],
                target_values=[2.0],
                actual_years=[2024],
                actual_values=[[1.5]],
                on_track=0.9,
            ),
            "assessment method 'annual_target' takes no parameter 'on_track'; it takes: "
            "acceleration",
            "bedömningsmetoden 'annual_target' tar ingen parameter 'on_track'",
        ),
    ],
)
def test_progression_errors_render_in_swedish(
    raise_it: Callable[[], object], english: str, swedish: str
) -> None:
    with pytest.raises(GoalchainError) as info:
        raise_it()
    check_words(info.value, english, swedish)


def test_a_method_that_returns_too_few_values_says_so_in_good_english() -> None:
    """It said "returned 1 values for 3 years"; the count now agrees with its noun."""
    methods.register("broken_words", _broken)
    try:
        with pytest.raises(ProgressionError) as info:
            annual_targets(baseline=(2022, 0.0), target=(2024, 1.0), method="broken_words")
    finally:
        methods.unregister("broken_words")
    assert "returned 1 value for 3 years" in str(info.value)
    assert "gav 1 värde för 3 år" in info.value.render("sv")


def test_a_figure_keeps_pythons_digits_in_english_and_the_languages_signs_elsewhere(
    tmp_path: Path,
) -> None:
    figure = Number(-1234.5)
    assert str(figure) == figure.render("en") == "-1234.5"
    assert figure.render("sv") == "\u22121234,5"
    assert Number(-1.5, "%").render("sv") == "\u2212150,000000%"
    with catalog_of(tmp_path, {"this trajectory has no unit to convert from": "ei yksikköä"}):
        assert Number(2.5).render("fi") == "2,5"  # Finnish CLDR: a decimal comma
        with pytest.raises(ProgressionError) as info:
            annual_targets(baseline=(2022, 1), target=(2026, 3)).to("kr")
        assert info.value.render("fi") == "field 'unit': ei yksikköä"


def test_steps_against_the_direction_are_worded_in_a_language() -> None:
    with pytest.warns(ProgressionWarning) as caught:
        trajectory = annual_targets(
            baseline=(2022, 1000.0),
            target=(2025, 1200.0),
            method="steps",
            steps={2023: 1100.5, 2024: 1050.25},
        )
    english = (
        "the annual target for 2024 (1050.25) steps against the direction increase "
        "from 2023 (1100.5)"
    )
    assert trajectory.warnings == (english,)
    assert str(caught[0].message) == english
    assert trajectory.warnings_in("en") == (english,)
    assert trajectory.warnings_in("sv") == (
        "årsmålet för 2024 (1050,25) går emot riktningen öka från 2023 (1100,5)",
    )
    # kept through a change of unit and a pickle; plain text is kept as written
    assert pickle.loads(pickle.dumps(trajectory.warnings))[0].render("sv").startswith("årsmålet")
    assert Trajectory(**{**_fields(trajectory), "warnings": ["egen"]}).warnings_in("sv") == (
        "egen",
    )
    with pytest.raises(gc.InvalidValueError, match="unknown language"):
        trajectory.warnings_in("xx")


def _fields(trajectory: Trajectory) -> dict[str, object]:
    return {
        "values": trajectory.magnitudes,
        "baseline": trajectory.baseline,
        "target": trajectory.target,
        "method": trajectory.method,
        "params": trajectory.params,
        "unit": trajectory.unit,
        "direction": trajectory.direction,
        "reaches": trajectory.reaches,
    }


@pytest.mark.parametrize(
    ("assess_it", "english", "swedish"),
    [
        (  # _assess
            lambda: assess(annual_targets(baseline=(2022, 78.0), target=(2026, 90.0)), {}),
            "needs at least one actual after the baseline year 2022",
            "behöver minst ett utfall efter utgångsåret 2022",
        ),
        (
            lambda: assess(None, {2021: 5.0}, method="trend", baseline=2022, direction="increase"),
            "no actual in or after the baseline year 2022",
            "inget utfall under eller efter utgångsåret 2022",
        ),
        (  # annual_target
            lambda: assess(annual_targets(baseline=(2022, 7.5), target=(2026, 7.5)), {2024: 9.0}),
            "the level 7.5 is to be held within ±2%",
            "nivån 7,5 ska hållas inom ±2%",
        ),
        (  # cagr_ratio, two parts
            lambda: assess(
                annual_targets(baseline=(2022, 0.0), target=(2026, -8.0)),
                {2024: 2.0},
                method="cagr_ratio",
            ),
            "compound growth needs a baseline (0) and a target (-8) of the same sign; "
            "the baseline 0 is replaced by 0.001 in the growth rates",
            "årlig tillväxttakt kräver ett utgångsvärde (0) och ett målvärde (\u22128) med "
            "samma tecken; utgångsvärdet 0 ersätts med 0,001 i tillväxttakterna",
        ),
        (
            lambda: assess(
                annual_targets(baseline=(2022, 8.0), target=(2026, 0.0)),
                {2024: 4.0},
                method="cagr_ratio",
            ),
            "the target 0 is replaced by 0.001 in the growth rates",
            "målvärdet 0 ersätts med 0,001 i tillväxttakterna",
        ),
        (  # trend
            lambda: assess(
                None, {2024: -2.5}, method="trend", baseline=(2022, 1.5), direction="maintain"
            ),
            "maintain: the baseline 1.5 is to be held within ±2%",
            "maintain: utgångsvärdet 1,5 ska hållas inom ±2%",
        ),
    ],
)
def test_an_assessments_reason_is_worded_in_a_language(
    assess_it: Callable[[], ProgressAssessment], english: str, swedish: str
) -> None:
    assessment = assess_it()
    assert assessment.reason == english
    assert assessment.reason_in("en") == english
    assert assessment.reason_in("sv") == swedish
    again = pickle.loads(pickle.dumps(assessment))
    assert again == assessment and again.reason_in("sv") == swedish


def test_a_reason_given_as_plain_text_is_kept() -> None:
    assert ProgressAssessment(category="on_track", reason="egen").reason_in("sv") == "egen"
    assert ProgressAssessment(category="on_track").reason_in("en") == ""
