"""Annual targets and on-track assessments for whole registers at once (numpy).

A national comparison runs 290 municipalities x 300 indicators; these
functions take arrays, compute with numpy and give the same results as
:func:`annual_targets` and :func:`assess` element-wise. Entries that cannot be
computed are *masked* (``numpy.ma``), never NaN.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from ..exceptions import PeriodError, ProgressionError
from ._methods import methods

__all__ = ["ProgressArrays", "annual_targets_many", "assess_many"]

_VECTORISED = ("linear", "geometric", "maintain")


def _floats(values: Any, name: str) -> npt.NDArray[np.float64]:
    array = np.asarray(values, dtype=float)
    if array.ndim != 1:
        raise ProgressionError(f"{name} must be one-dimensional", field=name)
    if not np.all(np.isfinite(array)):
        raise ProgressionError(f"{name} holds NaN or infinite values", field=name)
    return array


def _ints(values: Any, name: str) -> npt.NDArray[np.int64]:
    array = np.asarray(values)
    if array.ndim != 1 or not np.issubdtype(array.dtype, np.integer):
        raise ProgressionError(f"{name} must be a one-dimensional array of years", field=name)
    return array.astype(np.int64)


def _check(b_years: Any, b_values: Any, t_years: Any, t_values: Any) -> tuple[Any, Any, Any, Any]:
    by, bv = _ints(b_years, "baseline_years"), _floats(b_values, "baseline_values")
    ty, tv = _ints(t_years, "target_years"), _floats(t_values, "target_values")
    if not len(by) == len(bv) == len(ty) == len(tv):
        raise ProgressionError(
            "baseline and target arrays must have the same length", field="baseline_years"
        )
    if np.any(ty <= by):
        row = int(np.argmax(ty <= by))
        raise PeriodError(
            f"row {row}: the target year {ty[row]} must come after the baseline year {by[row]}",
            field="target_years",
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
                f"row {row}: geometric progression needs a baseline and a target that are "
                "non-zero and of the same sign; use method='linear'",
                field="method",
            )
        values = bv[:, None] * (tv / bv)[:, None] ** fraction
    elif method == "maintain":
        if not np.allclose(bv, tv, rtol=1e-12, atol=1e-12):
            raise ProgressionError(
                "method 'maintain' needs target values equal to the baselines",
                field="target_values",
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
    :class:`ProgressAssessment` has None.
    """

    category: npt.NDArray[np.str_]
    ratio: np.ma.MaskedArray[Any, Any]
    growth_method: npt.NDArray[np.str_]
    year: np.ma.MaskedArray[Any, Any]
    actual: np.ma.MaskedArray[Any, Any]
    expected: np.ma.MaskedArray[Any, Any]
    gap: np.ma.MaskedArray[Any, Any]
    forecast: np.ma.MaskedArray[Any, Any]
    required_rate: np.ma.MaskedArray[Any, Any]


def _cagr(start: Any, end: Any, years: Any) -> tuple[Any, Any]:
    defined = (years > 0) & (start * end > 0)
    with np.errstate(all="ignore"):
        rate = np.where(
            defined,
            (end / np.where(defined, start, 1.0)) ** (1.0 / np.where(years > 0, years, 1)) - 1.0,
            0.0,
        )
    return rate, defined


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
    on_track: float = 0.95,
    acceleration: float = 0.60,
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
    """
    by, bv, ty, tv = _check(baseline_years, baseline_values, target_years, target_values)
    n = len(by)
    columns = _ints(actual_years, "actual_years")
    values = np.asarray(actual_values, dtype=float).reshape(n, len(columns))
    if directions is None:
        direction = np.where(tv > bv, "increase", np.where(tv < bv, "decrease", "maintain"))
    else:
        direction = np.broadcast_to(np.asarray(directions, dtype=str), (n,))
    usable = np.isfinite(values) & (columns[None, :] > by[:, None])
    if year is not None:
        usable &= columns[None, :] <= year
    if len(np.unique(columns)) != len(columns):
        raise ProgressionError("actual_years must not repeat a year", field="actual_years")
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

    elapsed = latest - by
    observed, observed_ok = _cagr(bv, actual, elapsed)
    required, required_ok = _cagr(bv, tv, ty - by)
    geometric = observed_ok & required_ok & (required != 0)
    linear_required = (tv - bv) / (ty - by)
    with np.errstate(all="ignore"):
        linear_ratio = np.where(
            (elapsed > 0) & (linear_required != 0),
            ((actual - bv) / np.where(elapsed > 0, elapsed, 1))
            / np.where(linear_required != 0, linear_required, 1.0),
            0.0,
        )
        ratio = np.where(geometric, observed / np.where(geometric, required, 1.0), linear_ratio)
    maintain = (direction == "maintain") | (tv == bv)
    holds = np.where(direction == "decrease", actual <= bv, actual >= bv)
    met = np.where(direction == "decrease", actual <= tv, actual >= tv)
    category = np.select(
        [
            ~assessable,
            maintain & holds,
            maintain,
            met,
            ~geometric & (linear_required == 0),
            ratio >= on_track,
            ratio >= acceleration,
            ratio >= 0,
        ],
        [
            "not_assessable",
            "achieved",
            "deterioration",
            "achieved",
            "not_assessable",
            "on_track",
            "acceleration_needed",
            "limited_progress",
        ],
        default="deterioration",
    ).astype(str)
    has_ratio = assessable & ~maintain & ~met & (geometric | (linear_required != 0))
    growth = np.where(has_ratio, np.where(geometric, "geometric", "linear"), "").astype(str)
    missing = ~assessable

    def masked(array: Any, mask: Any = missing) -> np.ma.MaskedArray[Any, Any]:
        return np.ma.masked_array(array, mask=mask)

    return ProgressArrays(
        category=category,
        ratio=masked(ratio, ~has_ratio),
        growth_method=growth,
        year=masked(latest),
        actual=masked(actual),
        expected=masked(expected_latest),
        gap=masked(actual - expected_latest),
        forecast=masked(forecast),
        required_rate=masked(required_rate, missing | (remaining <= 0)),
    )
