"""Annual targets and on-track assessments for whole registers at once (numpy).

A national comparison runs 290 municipalities x 300 indicators; these
functions take arrays, compute with numpy and give the same results as
:func:`annual_targets` and :func:`assess` element-wise (the assessment
methods ``annual_target``, ``cagr_ratio`` and ``trend``). Entries that cannot be
computed are *masked* (``numpy.ma``), never NaN.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from .._i18n import N_
from ..exceptions import PeriodError, ProgressionError
from ._assessment import MAINTAIN_TOLERANCE
from ._assessment_methods import ZERO_REPLACEMENT, assessment_methods, limit_coefficient
from ._methods import methods

__all__ = ["ProgressArrays", "annual_targets_many", "assess_many"]

_VECTORISED = ("linear", "geometric", "maintain")


def _floats(values: Any, name: str) -> npt.NDArray[np.float64]:
    array = np.asarray(values, dtype=float)
    if array.ndim != 1:
        raise ProgressionError(
            N_("{name} must be one-dimensional"), field=name, params={"name": name}
        )
    if not np.all(np.isfinite(array)):
        raise ProgressionError(
            N_("{name} holds NaN or infinite values"), field=name, params={"name": name}
        )
    return array


def _ints(values: Any, name: str) -> npt.NDArray[np.int64]:
    array = np.asarray(values)
    if array.ndim != 1 or not np.issubdtype(array.dtype, np.integer):
        raise ProgressionError(
            N_("{name} must be a one-dimensional array of years"),
            field=name,
            params={"name": name},
        )
    return array.astype(np.int64)


def _check(b_years: Any, b_values: Any, t_years: Any, t_values: Any) -> tuple[Any, Any, Any, Any]:
    by, bv = _ints(b_years, "baseline_years"), _floats(b_values, "baseline_values")
    ty, tv = _ints(t_years, "target_years"), _floats(t_values, "target_values")
    if not len(by) == len(bv) == len(ty) == len(tv):
        raise ProgressionError(
            N_("baseline and target arrays must have the same length"),
            field="baseline_years",
            params={},
        )
    if np.any(ty <= by):
        row = int(np.argmax(ty <= by))
        raise PeriodError(
            N_("row {row}: the target year {target} must come after the baseline year {baseline}"),
            field="target_years",
            params={"row": row, "target": int(ty[row]), "baseline": int(by[row])},
        )
    return by, bv, ty, tv


def annual_targets_many(
    *,
    baseline_years: Any,
    baseline_values: Any,
    target_years: Any,
    target_values: Any,
    years: Any,
    method: str = "linear",
) -> np.ma.MaskedArray[Any, Any]:
    """The annual target of every row for *years*, as :func:`annual_targets` gives it.

    Parameters
    ----------
    baseline_years, baseline_values, target_years, target_values
        One entry per row (indicator x municipality), values in each row's unit.
    years
        A year, or an array of years.
    method
        ``linear``, ``geometric`` and ``maintain`` are computed with numpy; any
        other registered method row by row.

    Returns
    -------
    numpy.ma.MaskedArray
        Shape ``(rows,)`` for one year, ``(rows, len(years))`` for several. Years
        before a row's baseline are masked; after its target year the value is
        the target, as :meth:`Trajectory.expected` gives it.

    Examples
    --------
    >>> from goalchain.progression import annual_targets_many
    >>> annual_targets_many(baseline_years=[2022, 2020], baseline_values=[78.0, 10.0],
    ...                     target_years=[2026, 2030], target_values=[90.0, 20.0],
    ...                     years=2024).tolist()
    [84.0, 14.0]
    """
    by, bv, ty, tv = _check(baseline_years, baseline_values, target_years, target_values)
    function = methods[method]  # unknown names fail here, listing the registered ones
    scalar_year = np.ndim(years) == 0
    grid = np.atleast_1d(np.asarray(years, dtype=np.int64))[None, :]
    clipped = np.minimum(grid, ty[:, None])
    fraction = (clipped - by[:, None]) / (ty - by)[:, None]
    if method == "linear":
        values = bv[:, None] + (tv - bv)[:, None] * fraction
    elif method == "geometric":
        bad = (bv == 0) | (tv == 0) | ((bv > 0) != (tv > 0))
        if np.any(bad):
            row = int(np.argmax(bad))
            raise ProgressionError(
                N_(
                    "row {row}: geometric progression needs a baseline and a target that are "
                    "non-zero and of the same sign; use method='linear'"
                ),
                field="method",
                params={"row": row},
            )
        values = bv[:, None] * (tv / bv)[:, None] ** fraction
    elif method == "maintain":
        if not np.allclose(bv, tv, rtol=1e-12, atol=1e-12):
            raise ProgressionError(
                N_("method 'maintain' needs target values equal to the baselines"),
                field="target_values",
                params={},
            )
        values = np.repeat(bv[:, None], grid.shape[1], axis=1)
    else:
        values = np.empty((len(by), grid.shape[1]))
        for row in range(len(by)):
            span = list(range(int(by[row]), int(ty[row]) + 1))
            path = list(function(years=span, baseline=float(bv[row]), target=float(tv[row])))
            lookup = dict(zip(span, path, strict=True))
            values[row] = [lookup.get(int(y), path[-1]) for y in np.clip(grid[0], by[row], None)]
    values = np.where(clipped == ty[:, None], tv[:, None], values)  # endpoints exact
    values = np.where(clipped == by[:, None], bv[:, None], values)
    result = np.ma.masked_array(values, mask=grid < by[:, None])
    return result[:, 0] if scalar_year else result


@attrs.frozen(kw_only=True)
class ProgressArrays:
    """The results of :func:`assess_many`, one entry per row.

    ``category`` and ``growth_method`` are arrays of strings (``""`` where no
    growth was computed); the numeric fields are masked where the scalar
    :class:`ProgressAssessment` has None. ``method`` is the assessment method.
    """

    method: str
    category: npt.NDArray[np.str_]
    ratio: np.ma.MaskedArray[Any, Any]
    growth: np.ma.MaskedArray[Any, Any]
    score: np.ma.MaskedArray[Any, Any]
    share: np.ma.MaskedArray[Any, Any]
    progress: np.ma.MaskedArray[Any, Any]
    growth_method: npt.NDArray[np.str_]
    year: np.ma.MaskedArray[Any, Any]
    actual: np.ma.MaskedArray[Any, Any]
    expected: np.ma.MaskedArray[Any, Any]
    gap: np.ma.MaskedArray[Any, Any]
    forecast: np.ma.MaskedArray[Any, Any]
    required_rate: np.ma.MaskedArray[Any, Any]


_VECTORISED_ASSESSMENTS = ("annual_target", "cagr_ratio", "trend")
_BELOW_ONE = np.nextafter(1.0, 0.0)


def _isclose(a: Any, b: Any) -> Any:
    """math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12), element-wise."""
    return np.abs(a - b) <= np.maximum(1e-9 * np.maximum(np.abs(a), np.abs(b)), 1e-12)


def _met(actual: Any, goal: Any, direction: Any, tolerance: float) -> Any:
    """_target_met element-wise: at least, at most, or within *tolerance* of the level."""
    directed = np.where(direction == "decrease", actual <= goal, actual >= goal)
    within = np.abs(actual - goal) <= tolerance * np.abs(goal)
    return _isclose(actual, goal) | np.where(direction == "maintain", within, directed)


def _cagr(start: Any, end: Any, years: Any) -> Any:
    """Compound annual growth where start is not 0, end is not of the other sign and
    years > 0 (an end of 0 is a fall of 100 %), else 0."""
    ok = (years > 0) & (start != 0) & (start * end >= 0)
    with np.errstate(all="ignore"):
        return np.where(
            ok,
            (end / np.where(ok, start, 1.0)) ** (1.0 / np.where(years > 0, years, 1)) - 1.0,
            0.0,
        )


def _growth_ratio_score(ratio: Any, acceleration: float) -> Any:
    return np.where(
        ratio >= acceleration,
        np.minimum(7.1429 * ratio - 4.2857, 5.0),
        np.maximum(4.1667 * ratio - 2.5, -5.0),
    )


def _bands(value: Any, high: Any, med: Any, low: float = 0.0) -> Any:
    return np.select(
        [value >= high, value >= med, value >= low],
        ["on_track", "acceleration_needed", "limited_progress"],
        default="deterioration",
    )


def assess_many(
    *,
    baseline_years: Any,
    baseline_values: Any,
    target_years: Any,
    target_values: Any,
    actual_years: Any,
    actual_values: Any,
    directions: Any = None,
    year: int | None = None,
    method: str = "linear",
    assessment: str = "annual_target",
    limits: Any = None,
    tolerance: float = MAINTAIN_TOLERANCE,
    on_track: float | None = None,
    acceleration: float | None = None,
) -> ProgressArrays:
    """:func:`assess` for many rows at once.

    Parameters
    ----------
    actual_years
        The years of the actual columns, shape ``(k,)``.
    actual_values
        Shape ``(rows, k)``; NaN marks a missing value (it never reaches a result).
    directions
        ``"increase"``, ``"decrease"`` or ``"maintain"`` per row (or one for all);
        by default from the sign of target - baseline, as :func:`annual_targets`.
    year
        Assess as of this year (later columns are ignored).
    method
        The progression method of the annual targets (for ``expected`` and ``gap``).
    assessment
        The assessment method: ``annual_target`` (default), ``cagr_ratio`` or
        ``trend`` (which ignores the targets).
    limits
        ``trend``: the natural limit of each row (or one for all); NaN for none.
    tolerance
        How far from its level a ``maintain`` row may lie, as a share of it.
    on_track, acceleration
        The method's thresholds; by default the method's own (see :func:`assess`).

    Examples
    --------
    >>> import numpy as np
    >>> from goalchain.progression import assess_many
    >>> r = assess_many(baseline_years=[2022, 2022], baseline_values=[78.0, 40.0],
    ...                 target_years=[2026, 2026], target_values=[90.0, 20.0],
    ...                 actual_years=[2023, 2024],
    ...                 actual_values=[[80.5, 82.9], [45.0, np.nan]])
    >>> r.category.tolist()
    ['acceleration_needed', 'deterioration']
    >>> assess_many(baseline_years=[2022], baseline_values=[78.0], target_years=[2026],
    ...             target_values=[90.0], actual_years=[2024], actual_values=[[83.5]],
    ...             assessment="cagr_ratio").category.tolist()
    ['on_track']
    """
    assessment_methods[assessment]  # unknown names fail here, listing the registered ones
    if assessment not in _VECTORISED_ASSESSMENTS:
        raise ProgressionError(
            N_("assess_many computes {valid}; assess {assessment!r} row by row with assess()"),
            field="assessment",
            params={"valid": ", ".join(_VECTORISED_ASSESSMENTS), "assessment": assessment},
        )
    if assessment == "annual_target" and on_track is not None:
        raise ProgressionError(
            N_("assessment method {name!r} takes no parameter {parameter!r}; it takes: {valid}"),
            field="on_track",
            params={"name": "annual_target", "parameter": "on_track", "valid": "acceleration"},
        )
    by, bv, ty, tv = _check(baseline_years, baseline_values, target_years, target_values)
    n = len(by)
    columns = _ints(actual_years, "actual_years")
    values = np.asarray(actual_values, dtype=float).reshape(n, len(columns))
    if directions is None:
        direction = np.where(tv > bv, "increase", np.where(tv < bv, "decrease", "maintain"))
    else:
        direction = np.broadcast_to(np.asarray(directions, dtype=str), (n,))
        bad = ~np.isin(direction, ["increase", "decrease", "maintain"])
        if np.any(bad):
            row = int(np.argmax(bad))
            raise ProgressionError(
                N_(
                    "row {row}: direction {direction!r} is invalid; use increase, decrease or "
                    "maintain"
                ),
                field="directions",
                params={"row": row, "direction": str(direction[row])},
            )
    usable = np.isfinite(values) & (columns[None, :] > by[:, None])
    if year is not None:
        usable &= columns[None, :] <= year
    if len(np.unique(columns)) != len(columns):
        raise ProgressionError(
            N_("actual_years must not repeat a year"), field="actual_years", params={}
        )
    assessable = usable.any(axis=1)
    usable_years = np.where(usable, columns[None, :], np.iinfo(np.int64).min)
    safe_col = np.where(assessable, usable_years.argmax(axis=1), 0)
    latest = np.where(assessable, columns[safe_col], by)
    actual = np.where(assessable, values[np.arange(n), safe_col], bv)
    expected = annual_targets_many(
        baseline_years=by,
        baseline_values=bv,
        target_years=ty,
        target_values=tv,
        years=np.unique(latest),
        method=method,
    )
    expected_latest = expected.data[np.arange(n), np.searchsorted(np.unique(latest), latest)]
    # least squares over the baseline and the usable actuals
    xs = np.concatenate([by[:, None], np.broadcast_to(columns, (n, len(columns)))], axis=1)
    ys = np.concatenate([bv[:, None], np.where(usable, values, 0.0)], axis=1)
    weights = np.concatenate([np.ones((n, 1)), usable.astype(float)], axis=1)
    count = weights.sum(axis=1)
    mean_x = (weights * xs).sum(axis=1) / count
    mean_y = (weights * ys).sum(axis=1) / count
    sxx = (weights * (xs - mean_x[:, None]) ** 2).sum(axis=1)
    sxy = (weights * (xs - mean_x[:, None]) * (ys - mean_y[:, None])).sum(axis=1)
    slope = np.divide(sxy, sxx, out=np.zeros(n), where=sxx > 0)
    forecast = mean_y + slope * (ty - mean_x)
    remaining = ty - latest
    required_rate = np.divide(tv - actual, remaining, out=np.zeros(n), where=remaining > 0)
    gap = np.where(_isclose(actual, expected_latest), 0.0, actual - expected_latest)

    d = np.where(direction == "decrease", -1.0, 1.0)
    maintain = direction == "maintain"
    elapsed = latest - by
    sign = np.where(bv < 0, -1.0, 1.0)
    base = np.where(bv == 0, ZERO_REPLACEMENT, bv)
    different = ((base > 0) & (actual < 0)) | ((base < 0) & (actual > 0))
    nothing = np.full(n, True)
    ratio, growth, score, share, progress = (np.zeros(n) for _ in range(5))
    ratio_mask = growth_mask = score_mask = share_mask = progress_mask = nothing
    if assessment == "annual_target":
        limit = 0.60 if acceleration is None else acceleration
        final_met = _met(actual, tv, direction, tolerance)
        year_met = _met(actual, expected_latest, direction, tolerance)
        way = np.abs(expected_latest - bv)
        share_mask = maintain | (way == 0) | ~assessable
        with np.errstate(all="ignore"):
            share = np.where(share_mask, 0.0, d * (actual - bv) / np.where(way == 0, 1.0, way))
        progress = np.where(
            year_met, 1.0, np.where(share_mask, 0.0, np.clip(share, 0.0, _BELOW_ONE))
        )
        progress_mask = ~assessable
        category = np.select(
            [
                final_met,
                year_met,
                share_mask,
                (share >= limit) | _isclose(share, limit),
                share >= 0,
            ],
            ["achieved", "on_track", "deterioration", "acceleration_needed", "limited_progress"],
            default="deterioration",
        )
    elif assessment == "cagr_ratio":
        high = 0.95 if on_track is None else on_track
        med = 0.60 if acceleration is None else acceleration
        achieved = _met(actual, tv, direction, tolerance)
        target = np.where(tv == 0, ZERO_REPLACEMENT, tv)
        with np.errstate(all="ignore"):
            unassessable = different | (target / base < 0) | (target == base)
        computed = ~maintain & ~unassessable
        observed = sign * d * _cagr(base, actual, elapsed)
        required = np.abs(_cagr(base, target, ty - by))
        with np.errstate(all="ignore"):
            ratio = np.where(computed, observed / np.where(computed, required, 1.0), 0.0)
        growth = observed
        ratio_mask = growth_mask = ~computed | ~assessable
        score = np.where(achieved, 5.0, _growth_ratio_score(ratio, med))
        score_mask = ~assessable | (~achieved & ~computed)
        category = np.select(
            [
                achieved,
                maintain,
                unassessable & (target == base),
                unassessable,
            ],
            ["achieved", "deterioration", "deterioration", "not_assessable"],
            default=_bands(ratio, high, med),
        )
    else:  # trend
        high0 = 0.015 if on_track is None else on_track
        med0 = 0.005 if acceleration is None else acceleration
        if limits is None:
            limit_values = np.full(n, np.nan)
        else:
            limit_values = np.broadcast_to(np.asarray(limits, dtype=float), (n,))
        has_limit = np.isfinite(limit_values)
        coefficient = np.ones(n)
        for i in np.flatnonzero(has_limit & assessable):
            coefficient[i] = limit_coefficient(float(bv[i]), float(limit_values[i]))
        scaled_high, scaled_med = high0 * coefficient, med0 * coefficient
        computed = ~maintain & ~different
        growth = sign * d * _cagr(base, actual, elapsed)
        growth_mask = score_mask = ~computed | ~assessable
        with np.errstate(all="ignore"):
            safe = np.where(coefficient == 0, 1.0, coefficient)
            score = np.select(
                [growth < 0, coefficient == 0, growth >= scaled_high, growth >= scaled_med],
                [
                    np.maximum(125 * growth - 2.5, -5.0),
                    5.0,
                    np.minimum(500 * growth / safe - 5, 5.0),
                    250 * growth / safe - 1.25,
                ],
                default=500 * growth / safe - 2.5,
            )
        holds = _isclose(actual, bv) | (np.abs(actual - bv) <= tolerance * np.abs(bv))
        category = np.select(
            [maintain & holds, maintain, different],
            ["on_track", "deterioration", "not_assessable"],
            default=_bands(growth, scaled_high, scaled_med),
        )
    category = np.where(assessable, category, "not_assessable").astype(str)
    has_growth = ~growth_mask
    growth_method = np.where(has_growth, "geometric", "").astype(str)
    missing = ~assessable

    def masked(array: Any, mask: Any = missing) -> np.ma.MaskedArray[Any, Any]:
        return np.ma.masked_array(array, mask=mask)

    return ProgressArrays(
        method=assessment,
        category=category,
        ratio=masked(ratio, ratio_mask | missing),
        growth=masked(growth, growth_mask | missing),
        score=masked(score, score_mask | missing),
        share=masked(share, share_mask | missing),
        progress=masked(progress, progress_mask | missing),
        growth_method=growth_method,
        year=masked(latest),
        actual=masked(actual),
        expected=masked(expected_latest),
        gap=masked(gap),
        forecast=masked(forecast),
        required_rate=masked(required_rate, missing | (remaining <= 0)),
    )
