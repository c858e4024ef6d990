"""Scoring the leaves: indicators by a scorer and their measurement, activities by status."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ..exceptions import GoalchainError, PeriodError, ProgressionError, RollupError
from ..models import Activity, Indicator, Measurement, Period
from ._registry import LeafScore
from ._result import NodeResult, reason_fields
from ._scale import StatusScale

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = [
    "activity_score",
    "check_score",
    "measurement_for",
    "measurements",
    "previous_value",
    "score_activity",
    "score_indicator",
]

_TOLERANCE = 1e-12


def check_score(value: Any, *, what: str, name: str, node: str) -> float | None:
    """*value* as a score in [0, 1] or None; a :class:`RollupError` for anything else."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RollupError(
            f"{what} {name!r} returned {value!r} for {node!r}; expected a score in [0, 1] or None",
            element=node,
            strategy=name,
        )
    score = float(value)
    if math.isnan(score) or not (-_TOLERANCE <= score <= 1.0 + _TOLERANCE):
        raise RollupError(
            f"{what} {name!r} returned the score {score!r} for {node!r}; scores lie in [0, 1]",
            element=node,
            strategy=name,
        )
    return min(1.0, max(0.0, score))


def measurements(chain: GoalChain, period: Period) -> dict[str, Measurement]:
    """The total (gender ``T``) measurement of every indicator for *period*."""
    return {m.indicator: m for m in chain.measurements(gender="T") if m.period == period}


def measurement_for(chain: GoalChain, indicator_id: str, period: Period) -> Measurement | None:
    """The total (gender ``T``) measurement of one indicator for *period*."""
    return chain._measurements.get(indicator_id, {}).get((period, "T"))


def _leaf(
    element: Any, name: str, score: float | None, scale: StatusScale, **kw: Any
) -> NodeResult:
    return NodeResult(
        id=element.id,
        kind=element.kind,
        score=score,
        status=scale.status(score),
        coverage=0.0 if score is None else 1.0,
        strategy=name,
        **kw,
    )


def _missing_reason(indicator: Indicator, period: Period) -> tuple[str, dict[str, Any]]:
    if period.kind != "year" and indicator.frequency == "yearly":
        return "yearly", {"period": str(period)}
    if indicator.lag > 0:
        args = {
            "lag": indicator.lag,
            "year": period.year,
            "ready": period.year + indicator.lag,
            "period": str(period),
        }
        return "lag", args
    return "no_measurement", {"period": str(period)}


def _has_change_target(indicator: Indicator) -> bool:
    target = indicator.target
    if target is not None and target.is_change:
        return True
    return any(t.is_change for t in indicator.annual_targets)


def previous_value(
    chain: GoalChain, indicator_id: str, period: Period, gender: str = "T"
) -> float | None:
    """The value of the latest measured year before *period*'s year (None without one)."""
    best: tuple[int, float] | None = None
    for (when, sex), m in chain._measurements.get(indicator_id, {}).items():
        later = best is None or when.year > best[0]
        if sex == gender and when.is_year and when.year < period.year and later:
            best = (when.year, m.value)
    return None if best is None else best[1]


def score_indicator(
    indicator: Indicator,
    measurement: Measurement | None,
    period: Period,
    scorer: Any,
    name: str,
    scale: StatusScale,
    chain: GoalChain | None = None,
) -> NodeResult:
    """An indicator's result: *scorer* on its measurement, or not assessed with the reason.

    Scorers that want it (``wants_previous``) are also given the value of the
    latest measured year before *period* in *chain*, where the indicator has a
    target written as a change (``"öka"``), which is judged against it.
    """
    if measurement is None:
        code, args = _missing_reason(indicator, period)
        return _leaf(indicator, name, None, scale, **reason_fields(None, code, args))
    try:
        if getattr(scorer, "wants_previous", False):
            previous = None
            if chain is not None and _has_change_target(indicator):
                previous = previous_value(chain, indicator.id, period, measurement.gender)
            raw = scorer(indicator, measurement.value, period, previous=previous)
        else:
            raw = scorer(indicator, measurement.value, period)
    except (ProgressionError, PeriodError) as err:
        return _leaf(indicator, name, None, scale, measurement=measurement, reason=str(err))
    except GoalchainError:
        raise
    except Exception as err:
        raise RollupError(
            f"leaf scorer {name!r} failed on {indicator.id!r}: {type(err).__name__}: {err}",
            element=indicator.id,
            strategy=name,
        ) from err
    if not isinstance(raw, LeafScore):
        raw = LeafScore(score=raw)
    score = check_score(raw.score, what="leaf scorer", name=name, node=indicator.id)
    why: dict[str, Any] = reason_fields(raw.reason)
    if raw.reason is None and measurement.preliminary:
        why = reason_fields(None, "preliminary")
    return _leaf(
        indicator, name, score, scale, measurement=measurement, expected=raw.expected, **why
    )


def activity_score(activity: Activity) -> float | None:
    """The score :func:`score_activity` gives, without building its result."""
    status = activity.status
    if status == "done":
        return 1.0
    if status == "not_started":
        return 0.0
    if status == "in_progress":
        return activity.progress
    return None


def score_activity(activity: Activity, scale: StatusScale) -> NodeResult:
    """An activity's result: done 1, in progress its progress, not started 0, cancelled none."""
    status = activity.status
    score = activity_score(activity)
    args: dict[str, Any] = {}
    code: str = status
    if status == "in_progress":
        if score is None:
            code = "no_progress"
        else:
            args = {"share": score}  # written as a percentage in each language
    return _leaf(activity, "activity", score, scale, **reason_fields(None, code, args))
