"""cagr_ratio and trend reproduce the progress Statistics Canada's SDG platform published.

tests/fixtures/open_sdg/gif_indicator_calculation_components.yml is the file
Statistics Canada's Global Indicator Framework platform publishes (repository
sdg-data-canada-odd-donnees/sdg-data-donnees-odd, commit f89e601d), computed by
open-sdg/sdg-build 2.4.0 (sdg/ProgressMeasure.py, class SeriesProgress). Open
licence data of the Government of Canada. Every series is run through the
matching method: a target -> ``cagr_ratio``, none -> ``trend`` (Open SDG's
methodology 1), and its recorded status, progress value and score are
reproduced.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml

from goalchain.progression import ProgressAssessment, annual_targets, assess

FIXTURE = (
    Path(__file__).parent / "fixtures" / "open_sdg" / "gif_indicator_calculation_components.yml"
)

STATUS = {
    "target_achieved": "achieved",
    "substantial_progress": "on_track",
    "moderate_progress": "acceleration_needed",
    "limited_progress": "limited_progress",
    "deterioration": "deterioration",
    "not_available": "not_assessable",
}


def _series() -> list[tuple[str, dict[str, Any]]]:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    return [
        (name, series)
        for indicator in data.values()
        for name, series in indicator.items()
        if isinstance(series, dict)
    ]


SERIES = _series()


def _run(series: dict[str, Any]) -> tuple[ProgressAssessment, float | None]:
    """The series through goalchain: its base and current points, as the peer recorded them."""
    direction = "increase" if series["direction"] == 1 else "decrease"
    if series["base_value"] is None:
        # No data at all (the peer records neither a base nor a current value). In goalchain
        # that is an indicator without actuals; the base year is all that is known, and
        # Open SDG's rule (the first actual in or after it) finds none.
        base: Any = int(series["base_year"])
        actuals: dict[int, float] = {}
    else:
        base = (int(series["base_year"]), series["base_value"])
        actuals = {int(series["current_year"]): series["current_value"]}
    if series["target"] is None or series["base_value"] is None:
        a = assess(
            None, actuals, method="trend", baseline=base, direction=direction, limit=series["limit"]
        )
        return a, a.growth
    with warnings.catch_warnings():  # a target across the baseline steps against the direction
        warnings.simplefilter("ignore")
        t = annual_targets(
            baseline=base,
            target=(int(series["target_year"]), series["target"]),
            direction=direction,
        )
    a = assess(t, actuals, method="cagr_ratio")
    return a, a.ratio


def _agrees(series: dict[str, Any]) -> bool:
    a, value = _run(series)
    if a.category != STATUS[series["status"]]:
        return False
    for recorded, ours in ((series["progress_value"], value), (series["score"], a.score)):
        if recorded is not None and (
            ours is None or not math.isclose(ours, recorded, rel_tol=1e-9, abs_tol=1e-12)
        ):
            return False
        if recorded is None and ours is not None and series["status"] == "not_available":
            return False
    return True


def test_the_fixture_holds_every_kind_of_series() -> None:
    assert len(SERIES) == 247
    statuses = {s["status"] for _, s in SERIES}
    assert statuses == set(STATUS)
    assert any(s["target"] is None and s["limit"] is not None for _, s in SERIES)
    # the direction rule matters: targets met at the baseline, both directions
    assert sum(s["direction"] == -1 for _, s in SERIES) > 20


@pytest.mark.parametrize(("name", "series"), SERIES, ids=[name for name, _ in SERIES])
def test_series_reproduced(name: str, series: dict[str, Any]) -> None:
    a, value = _run(series)
    assert a.category == STATUS[series["status"]], (a.category, a.reason)
    if series["progress_value"] is not None:
        assert value == pytest.approx(series["progress_value"], rel=1e-9, abs=1e-12)
    if series["score"] is not None:
        assert a.score == pytest.approx(series["score"], rel=1e-9, abs=1e-12)
    assert _agrees(series)


def test_all_series_agree() -> None:
    """The figure reported for issue 12: N of N series agree."""
    agree = sum(_agrees(series) for _, series in SERIES)
    assert agree == len(SERIES) == 247
