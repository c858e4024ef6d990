"""On-track assessment of an indicator against its trajectory.

The category follows the method Eurostat uses in its SDG monitoring reports
for indicators with a quantified target, as implemented by Statistics Canada
and Open SDG: the ratio of the observed compound annual growth rate since the
baseline to the rate required to reach the target on time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import attrs

from ..models import Period, check_year
from ..units import convert, parse_quantity
from ._trajectory import Trajectory

__all__ = ["CATEGORIES", "CATEGORY_LABELS", "ProgressAssessment", "assess"]

CATEGORIES = (
    "achieved",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "deterioration",
    "not_assessable",
)

CATEGORY_LABELS: dict[str, dict[str, str]] = {
    "achieved": {"sv": "målvärdet nått", "en": "target achieved"},
    "on_track": {"sv": "i fas", "en": "on track"},
    "acceleration_needed": {
        "sv": "framsteg, men takten behöver öka",
        "en": "progress made, acceleration needed",
    },
    "limited_progress": {"sv": "begränsade framsteg", "en": "limited progress"},
    "deterioration": {"sv": "försämring", "en": "deterioration"},
    "not_assessable": {"sv": "kan inte bedömas", "en": "not assessable"},
}


@attrs.frozen(kw_only=True)
class ProgressAssessment:
    """Where an indicator stands against its trajectory.

    Attributes
    ----------
    category
        One of :data:`CATEGORIES`.
    ratio
        Observed growth / required growth (None when not computed).
    growth_method
        ``"geometric"`` (compound annual growth rates) or ``"linear"`` (average
        yearly changes, used where compound growth is undefined: a zero value or
        a change of sign).
    year, actual
        The latest actual used and its value.
    expected
        That year's annual target.
    gap
        ``actual - expected``, in the trajectory's unit.
    forecast
        The value expected in the target year by extrapolating the actuals,
        by :attr:`forecast_method`; :attr:`forecasts` holds every method's.
    required_rate
        The absolute yearly change needed from the latest actual to reach the
        target; :attr:`required_growth` the relative one (a fraction).
    reason
        Why the category is ``not_assessable``, or a note on the method.
    """

    category: str
    ratio: float | None = None
    growth_method: str | None = None
    year: int | None = None
    actual: float | None = None
    expected: float | None = None
    gap: float | None = None
    forecast: float | None = None
    forecast_method: str | None = None
    forecasts: Mapping[str, float | None] = attrs.field(factory=dict)
    required_rate: float | None = None
    required_growth: float | None = None
    unit: str | None = None
    reason: str = ""

    def label(self, lang: str = "sv") -> str:
        """The category in Swedish or English."""
        return CATEGORY_LABELS[self.category]["en" if lang == "en" else "sv"]


def _cagr(start: float, end: float, years: int) -> float | None:
    """Compound annual growth rate; None where undefined (a zero or a change of sign)."""
    if years <= 0 or start * end <= 0:
        return None
    return float((end / start) ** (1.0 / years) - 1.0)


def _category(ratio: float, on_track: float, acceleration: float) -> str:
    if ratio >= on_track:
        return "on_track"
    if ratio >= acceleration:
        return "acceleration_needed"
    if ratio >= 0:
        return "limited_progress"
    return "deterioration"


def _least_squares(points: list[tuple[int, float]], year: int) -> float:
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    slope = sxy / sxx if sxx else 0.0
    return mean_y + slope * (year - mean_x)


def assess(
    trajectory: Trajectory,
    actuals: Mapping[Any, Any],
    *,
    year: int | None = None,
    on_track: float = 0.95,
    acceleration: float = 0.60,
) -> ProgressAssessment:
    """Assess actual values against a trajectory: category, gap, forecast, required rate.

    The category is the CAGR-ratio method of Eurostat's SDG monitoring:
    ``ratio = CAGR(actual since baseline) / CAGR(required, baseline to target)``;
    ``ratio >= on_track`` (95 %) is *on track*, ``>= acceleration`` (60 %)
    *acceleration needed*, ``>= 0`` *limited progress*, ``< 0`` *deterioration*.
    A latest actual that already meets the target is *achieved*. It is
    direction-aware: for a lower-is-better indicator both rates are negative
    and a fall is progress. Where compound growth is undefined (a zero or a
    change of sign) the linear equivalent, average yearly change over required
    yearly change, is used and :attr:`ProgressAssessment.growth_method` says so.

    Parameters
    ----------
    trajectory
        The annual targets.
    actuals
        Year -> value (floats in the trajectory's unit, quantities or strings).
        Years after *year* are ignored.
    year
        Assess as of this year; by default the latest actual's.
    on_track, acceleration
        The ratio thresholds.

    Returns
    -------
    ProgressAssessment
        ``not_assessable`` with a reason when there are fewer than two points
        (the baseline and one actual after it); never raises for that.

    Examples
    --------
    >>> from goalchain.progression import annual_targets, assess
    >>> t = annual_targets(baseline=(2022, 78.0), target=(2026, 90.0), unit="percent")
    >>> a = assess(t, {2023: 80.5, 2024: 83.5})
    >>> a.category, round(a.ratio, 2), round(a.gap, 2), a.label()
    ('on_track', 0.95, -0.5, 'i fas')
    >>> assess(t, {}).category
    'not_assessable'
    """
    unit = trajectory.unit
    values: dict[int, float] = {}
    for key, raw in actuals.items():
        y = check_year(key, field="actuals") if isinstance(key, int) else Period.parse(key).year
        number = (
            convert(raw, unit, field="actuals") if unit else float(parse_quantity(raw).magnitude)
        )
        values[y] = number
    if year is not None:
        values = {y: v for y, v in values.items() if y <= year}
    base, goal = trajectory.baseline, trajectory.target
    later = sorted(y for y in values if y > base.year)
    if not later:
        return ProgressAssessment(
            category="not_assessable",
            unit=unit,
            reason=f"needs at least one actual after the baseline year {base.year}",
        )
    latest = later[-1]
    actual = values[latest]
    expected = trajectory.expected(latest)
    points = [(base.year, base.value)] + [(y, values[y]) for y in later]
    forecasts: dict[str, float | None] = {"least_squares": _least_squares(points, goal.year)}
    observed = _cagr(base.value, actual, latest - base.year)
    forecasts["compound"] = (
        actual * (1 + observed) ** (goal.year - latest)
        if observed is not None and actual > 0
        else None
    )
    remaining = goal.year - latest
    required_rate = (goal.value - actual) / remaining if remaining > 0 else None
    required_growth = _cagr(actual, goal.value, remaining) if remaining > 0 else None
    common: dict[str, Any] = dict(
        year=latest,
        actual=actual,
        expected=expected,
        gap=actual - expected,
        forecast=forecasts["least_squares"],
        forecast_method="least_squares",
        forecasts=forecasts,
        required_rate=required_rate,
        required_growth=required_growth,
        unit=unit,
    )
    direction = trajectory.direction
    if direction == "maintain" or goal.value == base.value:
        holds = actual <= base.value if direction == "decrease" else actual >= base.value
        return ProgressAssessment(
            category="achieved" if holds else "deterioration",
            reason="maintain: the baseline is to be held",
            **common,
        )
    met = actual >= goal.value if direction == "increase" else actual <= goal.value
    if met:
        return ProgressAssessment(category="achieved", **common)
    required = _cagr(base.value, goal.value, goal.year - base.year)
    if observed is not None and required:
        ratio, method, note = observed / required, "geometric", ""
    else:
        linear_required = (goal.value - base.value) / (goal.year - base.year)
        if linear_required == 0:
            return ProgressAssessment(
                category="not_assessable", reason="the target equals the baseline", **common
            )
        ratio = ((actual - base.value) / (latest - base.year)) / linear_required
        method = "linear"
        note = (
            "compound growth is undefined for a zero value or a change of sign; "
            "the linear equivalent (average yearly change over required yearly change) "
            "is used"
        )
    if not math.isfinite(ratio):
        return ProgressAssessment(
            category="not_assessable", reason="the ratio is undefined", **common
        )
    return ProgressAssessment(
        category=_category(ratio, on_track, acceleration),
        ratio=ratio,
        growth_method=method,
        reason=note,
        **common,
    )
