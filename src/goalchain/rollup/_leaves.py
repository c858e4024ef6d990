"""Scoring the leaves: indicators by a scorer and their measurement, activities by status."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .._i18n import N_, languages
from ..exceptions import GoalchainError, Message, PeriodError, ProgressionError, RollupError
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
    "out_of_period",
    "previous_value",
    "score_activity",
    "score_indicator",
]

_TOLERANCE = 1e-12
_SCORER = Message(N_("leaf scorer"))


def check_score(value: Any, *, what: Message, name: str, node: str) -> float | None:
    """*value* as a score in [0, 1] or None; a :class:`RollupError` for anything else.

    *what* names the caller in a message (``Message(N_("leaf scorer"))``)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RollupError(
            N_(
                "{what} {name!r} returned {value!r} for {node!r}; expected a score in [0, 1] "
                "or None"
            ),
            element=node,
            strategy=name,
            params={"what": what, "name": name, "value": value, "node": node},
        )
    score = float(value)
    if math.isnan(score) or not (-_TOLERANCE <= score <= 1.0 + _TOLERANCE):
        raise RollupError(
            N_("{what} {name!r} returned the score {score!r} for {node!r}; scores lie in [0, 1]"),
            element=node,
            strategy=name,
            params={"what": what, "name": name, "score": score, "node": node},
        )
    return min(1.0, max(0.0, score))


def measurements(chain: GoalChain, period: Period, gender: str = "T") -> dict[str, Measurement]:
    """The measurement of every indicator for *period* and *gender* (``T`` total)."""
    return {
        m.indicator: m
        for m in chain.measurements(gender=gender, ordered=False)
        if m.period == period
    }


def measurement_for(
    chain: GoalChain, indicator_id: str, period: Period, gender: str = "T"
) -> Measurement | None:
    """The measurement of one indicator for *period* and *gender* (``T`` total)."""
    return chain._measurements.get(indicator_id, {}).get((period, gender))


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


def _missing_reason(
    indicator: Indicator, period: Period, gender: str = "T"
) -> tuple[str, dict[str, Any]]:
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
    if gender != "T":
        return "no_gender_value", {"gender": gender, "period": str(period)}
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
    gender: str = "T",
    *,
    chain: GoalChain | None = None,
) -> NodeResult:
    """An indicator's result: *scorer* on its measurement, or not assessed with the reason.

    *measurement* is the one for *period* and *gender*; without it the reason
    says why there is none (measured yearly, published with a lag, no value
    for women or men, no measurement). Scorers that want it
    (``wants_previous``) are also given the value of the latest measured year
    before *period* in *chain* (for *gender*), where the indicator has a
    target written as a change (``"öka"``), which is judged against it.
    """
    if measurement is None:
        code, args = _missing_reason(indicator, period, gender)
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
        # the error as the reason, in every language goalchain speaks (English is str(err))
        texts = {lang: err.render(lang) for lang in languages()}
        return _leaf(indicator, name, None, scale, measurement=measurement, **reason_fields(texts))
    except GoalchainError:
        raise
    except Exception as err:
        raise RollupError(
            N_("leaf scorer {name!r} failed on {node!r}: {error}"),
            element=indicator.id,
            strategy=name,
            params={"name": name, "node": indicator.id, "error": f"{type(err).__name__}: {err}"},
        ) from err
    if not isinstance(raw, LeafScore):
        raw = LeafScore(score=raw)
    score = check_score(raw.score, what=_SCORER, name=name, node=indicator.id)
    why: dict[str, Any] = reason_fields(raw.reason)
    if raw.reason is None and measurement.preliminary:
        why = reason_fields(None, "preliminary")
    return _leaf(
        indicator,
        name,
        score,
        scale,
        measurement=measurement,
        expected=raw.expected,
        target=raw.target,
        **why,
    )


def out_of_period(activity: Activity, period: Period | None) -> tuple[str, dict[str, Any]] | None:
    """Why *activity* does not count in *period*, or None when it does.

    An activity counts in the periods of the years from the one it starts in
    up to the one it was due (its status says how it went then); before its
    start and after its due year it is not assessed. Without dates it counts
    in every period.
    """
    if period is None:
        return None
    year = period.year
    due, start = activity.due, activity.start
    if due is not None and year > due.year:
        return "after_due", {"due": due.isoformat(), "year": due.year}
    if start is not None and year < start.year:
        return "before_start", {"start": start.isoformat(), "year": start.year}
    return None


def activity_score(activity: Activity, period: Period | None = None) -> float | None:
    """The score :func:`score_activity` gives, without building its result."""
    if (
        period is not None
        and (activity.due is not None or activity.start is not None)
        and out_of_period(activity, period) is not None
    ):
        return None
    status = activity.status
    if status == "done":
        return 1.0
    if status == "not_started":
        return 0.0
    if status == "in_progress":
        return activity.progress
    return None


def score_activity(
    activity: Activity, scale: StatusScale, period: Period | None = None
) -> NodeResult:
    """An activity's result: done 1, in progress its progress, not started 0, cancelled none.

    With *period*, an activity counts only from the year it starts up to the
    year it was due (see :func:`out_of_period`); outside them it is not assessed.
    """
    outside = out_of_period(activity, period)
    if outside is not None:
        return _leaf(activity, "activity", None, scale, **reason_fields(None, *outside))
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
