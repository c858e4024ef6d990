"""The progression layer's words come from the message catalogs (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from _catalogs import catalog_of
from goalchain.exceptions import ProgressionError
from goalchain.progression import (
    CATEGORIES,
    CATEGORY_LABELS,
    TREND_LABELS,
    ProgressAssessment,
    annual_targets,
    assess,
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
