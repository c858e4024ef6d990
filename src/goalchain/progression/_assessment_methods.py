"""Assessment methods: how an indicator's actuals are judged, registered by name.

A method is any callable ``method(data, **params)`` taking an
:class:`AssessmentData` and returning a :class:`ProgressAssessment`. Three are
built in:

``annual_target``
    Against the adopted annual target of the latest measured year (Burlöv's
    *progressionstakt*, Stockholm's *årsmål*).
``cagr_ratio``
    Eurostat's and Open SDG's ratio of observed to required compound growth,
    as sdg-build 2.4.0 computes it.
``trend``
    Without a target, by the observed compound growth (Open SDG's
    methodology 1), with thresholds scaled down near a natural limit.

Register your own with :func:`register_assessment`; other packages publish
theirs under the entry-point group ``goalchain.progression.assessment``.
"""

from __future__ import annotations

import math
from typing import Any, Protocol

from .._i18n import N_
from .._registry import Registry
from ..exceptions import Number, UnknownAssessmentMethodError
from ..models._target import holds_level, progress_score
from ._assessment import (
    AssessmentData,
    ProgressAssessment,
    _share,
    _sign,
)
from ._words import joined, said

__all__ = [
    "AssessmentMethod",
    "assessment_methods",
    "limit_coefficient",
    "register_assessment",
]


class AssessmentMethod(Protocol):
    """What an assessment method is: a callable judging one indicator's data."""

    def __call__(self, data: AssessmentData, /, **params: Any) -> ProgressAssessment: ...


assessment_methods: Registry[AssessmentMethod] = Registry(
    "assessment method",
    group="goalchain.progression.assessment",
    error=UnknownAssessmentMethodError,
)
"""Read-only mapping of the registered assessment methods by name."""

register_assessment = assessment_methods.register
"""Register an assessment method: ``@register_assessment("name")`` or
``register_assessment("name", func)``."""

NEEDS_TRAJECTORY = frozenset({"annual_target", "cagr_ratio"})
"""The built-in methods that judge against a target (a trajectory)."""

ZERO_REPLACEMENT = 0.001
"""Open SDG's stand-in for a baseline or target of 0 in a compound growth rate."""


def _category(value: float, on_track: float, acceleration: float, low: float = 0.0) -> str:
    if value >= on_track:
        return "on_track"
    if value >= acceleration:
        return "acceleration_needed"
    if value >= low:
        return "limited_progress"
    return "deterioration"


def _cagr(start: float, end: float, years: int) -> float:
    return float((end / start) ** (1.0 / years) - 1.0)


def _different_signs(base: float, actual: float) -> bool:
    return (base > 0 and actual < 0) or (base < 0 and actual > 0)


@register_assessment("annual_target")
def annual_target(data: AssessmentData, /, *, acceleration: float = 0.60) -> ProgressAssessment:
    r"""Judge the latest actual against that year's adopted annual target.

    ``achieved`` when the final target is met; ``on_track`` when the year's
    annual target is met in the indicator's direction; otherwise by the share
    of the way covered, :math:`s = d\,(a - b) / |e - b|` (d = +1 when higher is
    better, -1 when lower is better): ``acceleration_needed`` for
    :math:`s \ge` *acceleration* (0.6), ``limited_progress`` for
    :math:`s \ge 0`, ``deterioration`` below. A ``maintain`` indicator is
    ``achieved`` while it holds its level within the tolerance, otherwise
    ``deterioration``.
    """
    trajectory = data.trajectory
    if trajectory is None:  # assess() refuses this before calling
        raise AssertionError("annual_target needs a trajectory")
    year_met = data.target_met(data.year)
    share = _share(trajectory, data.year, data.actual)
    fields: dict[str, Any] = dict(share=share, progress=progress_score(share, year_met))
    if data.target_met():
        return ProgressAssessment(category="achieved", **fields, **data.common)
    if year_met:
        return ProgressAssessment(category="on_track", **fields, **data.common)
    if trajectory.direction == "maintain":
        return ProgressAssessment(
            category="deterioration",
            reason=said(
                N_("the level {level} is to be held within ±{tolerance}"),
                level=Number(trajectory.target.value),
                tolerance=Number(data.tolerance, ".0%"),
            ),
            **fields,
            **data.common,
        )
    if share is None:  # the year's target equals the baseline, and it is not met
        return ProgressAssessment(
            category="deterioration",
            reason=said(
                N_(
                    "the year's annual target equals the baseline and the actual is "
                    "on the wrong side of it"
                )
            ),
            **fields,
            **data.common,
        )
    # float noise never decides: 60 % of the way is 0.6, not 0.5999999999999991
    if share >= acceleration or math.isclose(share, acceleration, rel_tol=1e-9, abs_tol=1e-12):
        category = "acceleration_needed"
    else:
        category = "limited_progress" if share >= 0 else "deterioration"
    return ProgressAssessment(category=category, **fields, **data.common)


def _signs_differ(baseline: float, actual: float) -> str:
    return said(
        N_(
            "compound growth needs a baseline ({baseline}) and an actual ({actual}) of the "
            "same sign"
        ),
        baseline=Number(baseline),
        actual=Number(actual),
    )


def _cagr_ratio_score(ratio: float, acceleration: float) -> float:
    """sdg-build 2.4.0's score for a quantitative target (hard-coded for its thresholds)."""
    if ratio >= acceleration:
        return min(7.1429 * ratio - 4.2857, 5.0)
    return max(4.1667 * ratio - 2.5, -5.0)


@register_assessment("cagr_ratio")
def cagr_ratio(
    data: AssessmentData,
    /,
    *,
    on_track: float = 0.95,
    acceleration: float = 0.60,
) -> ProgressAssessment:
    r"""Eurostat's and Open SDG's growth ratio, as sdg-build 2.4.0 computes it.

    :math:`R = \operatorname{sign}(b)\, d\, \mathrm{CAGR}_o / |\mathrm{CAGR}_r|`
    with :math:`\mathrm{CAGR}_o = (a / b)^{1/(t - t_0)} - 1` observed since the
    baseline, :math:`\mathrm{CAGR}_r = (T / b)^{1/(t_T - t_0)} - 1` required,
    d = +1 when higher is better and -1 when lower is better. A baseline or
    target of 0 is replaced by 0.001 in the growth rates. ``achieved`` when
    the target is met (score 5); otherwise ``on_track`` for R >= *on_track*
    (0.95), ``acceleration_needed`` for R >= *acceleration* (0.6),
    ``limited_progress`` for R >= 0 and ``deterioration`` below. Where the
    baseline already met the target and the actual has moved away from it,
    the direction rule makes R negative: ``deterioration``.
    ``not_assessable`` when the baseline and the actual have different signs.
    """
    trajectory = data.trajectory
    if trajectory is None:  # assess() refuses this before calling
        raise AssertionError("cagr_ratio needs a trajectory")
    common = data.common
    achieved = data.target_met()
    if trajectory.direction == "maintain":
        return ProgressAssessment(
            category="achieved" if achieved else "deterioration",
            score=5.0 if achieved else None,
            reason=said(
                N_(
                    "maintain: growth ratios need a direction; the level is to be held "
                    "within ±{tolerance}"
                ),
                tolerance=Number(data.tolerance, ".0%"),
            ),
            **common,
        )
    d = _sign(trajectory.direction)
    raw_base = trajectory.baseline.value
    sign = -1.0 if raw_base < 0 else 1.0
    base = raw_base or ZERO_REPLACEMENT
    target = trajectory.target.value or ZERO_REPLACEMENT
    notes: list[str] = []
    if raw_base == 0:
        notes.append(
            said(
                N_("the baseline 0 is replaced by {value} in the growth rates"),
                value=Number(ZERO_REPLACEMENT),
            )
        )
    if trajectory.target.value == 0:
        notes.append(
            said(
                N_("the target 0 is replaced by {value} in the growth rates"),
                value=Number(ZERO_REPLACEMENT),
            )
        )
    unassessable = ""
    if _different_signs(base, data.actual):
        unassessable = _signs_differ(raw_base, data.actual)
    elif target / base < 0:
        unassessable = said(
            N_(
                "compound growth needs a baseline ({baseline}) and a target ({target}) of the "
                "same sign"
            ),
            baseline=Number(raw_base),
            target=Number(trajectory.target.value),
        )
    elif target == base:
        unassessable = said(N_("the target equals the baseline: no growth is required"))
    if unassessable:
        why = joined([unassessable, *notes])
        if achieved:
            return ProgressAssessment(category="achieved", score=5.0, reason=why, **common)
        if target == base:  # the baseline met the target and the actual has left it
            return ProgressAssessment(category="deterioration", reason=why, **common)
        return ProgressAssessment(category="not_assessable", reason=why, **common)
    growth = sign * d * _cagr(base, data.actual, data.year - trajectory.baseline.year)
    required = _cagr(base, target, trajectory.target.year - trajectory.baseline.year)
    ratio = growth / abs(required)
    return ProgressAssessment(
        category="achieved" if achieved else _category(ratio, on_track, acceleration),
        ratio=ratio,
        growth=growth,
        score=5.0 if achieved else _cagr_ratio_score(ratio, acceleration),
        growth_method="geometric",
        reason=joined(notes),
        **common,
    )


LIMIT_EXPONENT = 4.44
"""The exponent of Open SDG's scaling factor near a natural limit."""


def limit_coefficient(base: float, limit: float) -> float:
    r"""Open SDG's factor C (0 to 1) scaling the trend thresholds near a natural limit.

    With :math:`b = |y_0|` and :math:`L = |y_{lim}|`: :math:`C = 1 - (b / L)^{4.44}`
    for :math:`b \le L`, :math:`1 - ((2L - b) / L)^{4.44}` for :math:`L < b < 2L`
    and 1 from :math:`2L` on.

    Examples
    --------
    >>> from goalchain.progression import limit_coefficient
    >>> round(limit_coefficient(90.0, 100.0), 4), limit_coefficient(100.0, 100.0)
    (0.3736, 0.0)
    """
    b, lim = abs(base), abs(limit)
    if b >= 2 * lim:
        return 1.0
    if b <= lim:
        return float(1.0 - (b / lim) ** LIMIT_EXPONENT)
    return float(1.0 - ((2 * lim - b) / lim) ** LIMIT_EXPONENT)


def _trend_score(value: float, high: float, med: float, low: float, coefficient: float) -> float:
    """sdg-build 2.4.0's score without a target (thresholds already scaled by C)."""
    if value < low:
        return max(125 * value - 2.5, -5.0)
    if coefficient == 0:
        return 5.0
    if value >= high:
        return min(500 * value / coefficient - 5, 5.0)
    if value >= med:
        return 250 * value / coefficient - 1.25
    return 500 * value / coefficient - 2.5


@register_assessment("trend")
def trend(
    data: AssessmentData,
    /,
    *,
    on_track: float = 0.015,
    acceleration: float = 0.005,
) -> ProgressAssessment:
    r"""Judge an indicator without a target by its trend (Open SDG's methodology 1).

    The observed compound growth since the baseline, signed so that progress
    is positive, :math:`g = \operatorname{sign}(b)\, d\, ((a/b)^{1/(t - t_0)} - 1)`
    (a baseline of 0 replaced by 0.001): *substantial progress*
    (``on_track``) for g >= 1.5 % C, *moderate progress*
    (``acceleration_needed``) for g >= 0.5 % C, ``limited_progress`` for
    g >= 0, ``deterioration`` below. C is 1, or :func:`limit_coefficient` when
    the indicator has a natural *limit*. A ``maintain`` indicator holding its
    level within the tolerance is ``on_track``, otherwise ``deterioration``.
    """
    common = data.common
    base_year, raw_base = data.baseline.year, data.baseline.value
    if data.direction == "maintain":
        holds = holds_level(data.actual, raw_base, share=data.tolerance)
        return ProgressAssessment(
            category="on_track" if holds else "deterioration",
            reason=said(
                N_("maintain: the baseline {baseline} is to be held within ±{tolerance}"),
                baseline=Number(raw_base),
                tolerance=Number(data.tolerance, ".0%"),
            ),
            **common,
        )
    coefficient = None if data.limit is None else limit_coefficient(raw_base, data.limit)
    scale = 1.0 if coefficient is None else coefficient
    high, med, low = on_track * scale, acceleration * scale, 0.0
    base = raw_base or ZERO_REPLACEMENT
    note = (
        said(N_("the baseline 0 is replaced by {value}"), value=Number(ZERO_REPLACEMENT))
        if raw_base == 0
        else ""
    )
    if _different_signs(base, data.actual):
        return ProgressAssessment(
            category="not_assessable",
            coefficient=coefficient,
            reason=_signs_differ(raw_base, data.actual),
            **common,
        )
    sign = -1.0 if raw_base < 0 else 1.0
    growth = sign * _sign(data.direction) * _cagr(base, data.actual, data.year - base_year)
    return ProgressAssessment(
        category=_category(growth, high, med, low),
        growth=growth,
        score=_trend_score(growth, high, med, low, scale),
        coefficient=coefficient,
        growth_method="geometric",
        reason=note,
        **common,
    )
