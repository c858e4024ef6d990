"""Assess an indicator's actuals by a named method: :func:`assess`.

Three methods answer three questions (see :mod:`._assessment_methods`):
``annual_target`` (are we where this year's adopted annual target says?),
``cagr_ratio`` (at the growth rate observed so far, will the target be reached
on time? Eurostat's and Open SDG's method) and ``trend`` (without a target:
is the indicator moving the right way, and how fast?).
"""

from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Mapping
from typing import Any

import attrs

from .._i18n import N_
from ..exceptions import Message, ProgressionError
from ..models import Period, Target, YearValue, check_year
from ..models._values import finite_float, year_value
from ..units import convert, parse_quantity
from ._assessment import MAINTAIN_TOLERANCE, AssessmentData, ProgressAssessment
from ._assessment_methods import NEEDS_TRAJECTORY, assessment_methods
from ._trajectory import Trajectory
from ._words import said

__all__ = ["assess"]


def _growth(start: float, end: float, years: int) -> float | None:
    """Compound annual growth rate; None where undefined (a zero or a change of sign)."""
    if years <= 0 or start * end <= 0:
        return None
    return float((end / start) ** (1.0 / years) - 1.0)


def _least_squares(points: list[tuple[int, float]], year: int) -> float:
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    slope = sxy / sxx if sxx else 0.0
    return mean_y + slope * (year - mean_x)


_DIRECTIONS = ("increase", "decrease", "maintain")


@functools.lru_cache(maxsize=64)
def _parameters(function: Any) -> tuple[frozenset[str], bool]:
    """The keyword parameters *function* takes, and whether it takes any (``**params``)."""
    names, anything = set(), False
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            anything = True
        elif parameter.kind in (
            inspect.Parameter.KEYWORD_ONLY,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
        ):
            names.add(parameter.name)
    return frozenset(names), anything


def _check_params(name: str, function: Any, params: Mapping[str, Any]) -> None:
    names, anything = _parameters(function)
    unknown = sorted(set(params) - names)
    if unknown and not anything:
        raise ProgressionError(
            N_("assessment method {name!r} takes no parameter {parameter!r}; it takes: {valid}"),
            field=unknown[0],
            params={
                "name": name,
                "parameter": unknown[0],
                "valid": ", ".join(sorted(names)) or Message(N_("none")),
            },
        )


def _read_actuals(actuals: Mapping[Any, Any], unit: str | None) -> dict[int, float]:
    values: dict[int, float] = {}
    for key, raw in actuals.items():
        y = check_year(key, field="actuals") if isinstance(key, int) else Period.parse(key).year
        values[y] = (
            convert(raw, unit, field="actuals") if unit else float(parse_quantity(raw).magnitude)
        )
    return values


def _check_direction(direction: Any) -> str:
    if direction not in _DIRECTIONS:
        raise ProgressionError(
            N_("direction {direction!r} is invalid; use {valid}"),
            field="direction",
            params={"direction": direction, "valid": ", ".join(_DIRECTIONS)},
        )
    return str(direction)


def _baseline(baseline: Any, unit: str | None, values: Mapping[int, float]) -> YearValue | None:
    """``(year, value)`` as given; for a year, the first actual in or after it (Open SDG's
    rule for a base year without data), None when there is none."""
    if isinstance(baseline, int) and not isinstance(baseline, bool):
        year = check_year(baseline, field="baseline")
        found = [y for y in values if y >= year]
        return YearValue(min(found), values[min(found)]) if found else None
    return year_value(baseline, unit, field="baseline", element=None)


def _context(
    trajectory: Trajectory | None,
    method: str,
    values: Mapping[int, float],
    *,
    baseline: Any,
    direction: Any,
    unit: str | None,
) -> tuple[YearValue | None, str]:
    """The baseline and direction: the trajectory's, checked against any given."""
    if trajectory is None:
        if method in NEEDS_TRAJECTORY:
            raise ProgressionError(
                N_(
                    "assessment method {method!r} judges against a target and needs a "
                    "trajectory (annual_targets(...)); for an indicator without a target use "
                    "method='trend'"
                ),
                field="trajectory",
                params={"method": method},
            )
        if baseline is None:
            raise ProgressionError(
                N_(
                    "assessment method {method!r} without a trajectory needs baseline=(year, value)"
                ),
                field="baseline",
                params={"method": method},
            )
        if direction is None:
            raise ProgressionError(
                N_("assessment method {method!r} without a trajectory needs direction= ({valid})"),
                field="direction",
                params={"method": method, "valid": ", ".join(_DIRECTIONS)},
            )
        return _baseline(baseline, unit, values), _check_direction(direction)
    if direction is not None and _check_direction(direction) != trajectory.direction:
        raise ProgressionError(
            N_(
                "direction {direction!r} differs from the trajectory's {trajectory!r}; "
                "leave it out or build the trajectory with it"
            ),
            field="direction",
            params={"direction": direction, "trajectory": trajectory.direction},
        )
    if baseline is not None:
        given = _baseline(baseline, unit, values)
        if given is not None and given != trajectory.baseline:
            raise ProgressionError(
                N_(
                    "baseline {given} differs from the trajectory's {trajectory}; leave it out "
                    "or build the trajectory from it"
                ),
                field="baseline",
                params={
                    "given": f"({given.year}, {given.value:g})",
                    "trajectory": f"({trajectory.baseline.year}, {trajectory.baseline.value:g})",
                },
            )
    return trajectory.baseline, trajectory.direction


def _common(
    trajectory: Trajectory | None,
    baseline: YearValue,
    values: Mapping[int, float],
    later: list[int],
    unit: str | None,
) -> dict[str, Any]:
    """The fields every method reports alike: the actual, the year's target, the forecasts."""
    latest = later[-1]
    actual = values[latest]
    common: dict[str, Any] = dict(year=latest, actual=actual, unit=unit)
    if trajectory is None:
        return common
    goal = trajectory.target
    expected = trajectory.expected(latest)
    points = [(baseline.year, baseline.value)] + [(y, values[y]) for y in later]
    forecasts: dict[str, float | None] = {"least_squares": _least_squares(points, goal.year)}
    observed = _growth(baseline.value, actual, latest - baseline.year)
    forecasts["compound"] = _compound(actual, observed, goal.year - latest)
    remaining = goal.year - latest
    noise = math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-12)
    common.update(
        expected=expected,
        gap=0.0 if noise else actual - expected,
        forecast=forecasts["least_squares"],
        forecast_method="least_squares",
        forecasts=forecasts,
        required_rate=(goal.value - actual) / remaining if remaining > 0 else None,
        required_growth=_growth(actual, goal.value, remaining) if remaining > 0 else None,
    )
    return common


def _compound(actual: float, growth: float | None, years: int) -> float | None:
    """*actual* grown by *growth* a year for *years*; None where undefined or beyond a float."""
    if growth is None or actual <= 0:
        return None
    try:
        value = actual * (1 + growth) ** years
    except (OverflowError, ZeroDivisionError):  # growth of about -100 % or from 1e-308
        return None
    return value if math.isfinite(value) else None


def assess(
    trajectory: Trajectory | None,
    actuals: Mapping[Any, Any],
    *,
    method: str = "annual_target",
    year: int | None = None,
    baseline: Any = None,
    direction: str | None = None,
    limit: Any = None,
    unit: str | None = None,
    tolerance: float = MAINTAIN_TOLERANCE,
    targets: Mapping[int, Target] | None = None,
    previous: float | None = None,
    **params: Any,
) -> ProgressAssessment:
    """Assess an indicator's actuals by a registered method: category, gap, forecast.

    The latest actual after the baseline year (up to *year*) is judged.
    ``annual_target`` (the default) compares it with that year's adopted
    annual target, ``cagr_ratio`` with the compound growth needed to reach the
    target on time (Eurostat, Open SDG), ``trend`` with fixed growth rates,
    without a target (Open SDG's methodology 1). Every method reports the
    same gap (``actual - expected``), forecasts and required rates; the
    formulas are in docs/progression.md.

    Parameters
    ----------
    trajectory
        The annual targets; None for an indicator without a target (``trend``).
    actuals
        Year -> value (floats in the trajectory's unit, quantities or strings).
        Years after *year* are ignored.
    method
        A name in :data:`assessment_methods`.
    year
        Assess as of this year; by default the latest actual's.
    baseline
        Without a trajectory: ``(year, value)``, or a year: the first actual in
        or after it is the baseline (Open SDG's rule). With a trajectory, it
        may be left out (a different one is refused).
    direction
        ``increase`` (higher is better), ``decrease`` or ``maintain``; needed
        without a trajectory, otherwise the trajectory's (a different one is
        refused).
    limit
        A natural bound the value cannot pass (100 for a share): ``trend``
        scales its thresholds down near it.
    unit
        The unit of the values without a trajectory.
    tolerance
        How far from its level a ``maintain`` indicator may lie and still hold
        it, as a share of the level (default :data:`MAINTAIN_TOLERANCE`, 2 %).
    targets
        The targets as written, by year (:class:`~goalchain.models.Target`:
        ``"≥ 30"``, ``"< 10"``, ``"öka"``), where they say more than the
        trajectory's numbers: a year's target is then met as written.
        :meth:`GoalChain.follow_up` passes an indicator's.
    previous
        The value of the measured year before the latest actual, which a
        change target (``"öka"``) is judged against.
    **params
        The method's own parameters: ``acceleration`` (``annual_target``,
        0.6), ``on_track`` and ``acceleration`` (``cagr_ratio``, 0.95 and 0.6;
        ``trend``, 0.015 and 0.005).

    Returns
    -------
    ProgressAssessment
        ``not_assessable`` with a reason when there is no actual after the
        baseline year; never raises for that.

    Raises
    ------
    UnknownAssessmentMethodError
        For a method that is not registered (the message lists those that are).
    ProgressionError
        For ``annual_target`` or ``cagr_ratio`` without a trajectory, a
        missing or conflicting baseline or direction, or a parameter the
        method does not take.

    Examples
    --------
    >>> from goalchain.progression import annual_targets, assess
    >>> t = annual_targets(baseline=(2022, 78.0), target=(2026, 90.0), unit="percent")
    >>> a = assess(t, {2023: 80.5, 2024: 83.5})
    >>> a.category, round(a.share, 3), round(a.gap, 2), a.label()
    ('acceleration_needed', 0.917, -0.5, 'framsteg, men takten behöver öka')
    >>> b = assess(t, {2023: 80.5, 2024: 83.5}, method="cagr_ratio")
    >>> b.category, round(b.ratio, 2)
    ('on_track', 0.95)
    >>> c = assess(None, {2021: 93.2}, method="trend", baseline=(2015, 90.0),
    ...            direction="increase", limit=100)
    >>> c.category, c.label("en"), round(c.growth, 4)
    ('on_track', 'substantial progress', 0.0058)
    >>> assess(t, {}).category
    'not_assessable'
    """
    function = assessment_methods[method]  # unknown names fail here, listing the registered
    _check_params(method, function, params)
    if trajectory is not None:
        if unit is not None and unit != trajectory.unit:
            raise ProgressionError(
                N_("unit {unit!r} differs from the trajectory's {trajectory!r}; leave it out"),
                field="unit",
                params={"unit": unit, "trajectory": trajectory.unit},
            )
        unit = trajectory.unit
    if (
        isinstance(tolerance, bool)
        or not isinstance(tolerance, (int, float))
        or not (math.isfinite(tolerance) and tolerance >= 0)
    ):
        raise ProgressionError(
            N_(
                "tolerance must be a share of the level, a number >= 0 (0.02 for ±2 %), "
                "got {tolerance!r}"
            ),
            field="tolerance",
            params={"tolerance": tolerance},
        )
    values = _read_actuals(actuals, unit)
    base, way = _context(
        trajectory, method, values, baseline=baseline, direction=direction, unit=unit
    )
    bound = None
    if limit is not None:
        bound = (
            finite_float(limit, field="limit", element=None)
            if isinstance(limit, (int, float)) or unit is None
            else convert(limit, unit, field="limit")
        )
    if year is not None:
        values = {y: v for y, v in values.items() if y <= year}
    if base is None:
        return ProgressAssessment(
            category="not_assessable",
            method=method,
            unit=unit,
            reason=said(N_("no actual in or after the baseline year {year}"), year=baseline),
        )
    later = sorted(y for y in values if y > base.year)
    if not later:
        return ProgressAssessment(
            category="not_assessable",
            method=method,
            unit=unit,
            reason=said(
                N_("needs at least one actual after the baseline year {year}"), year=base.year
            ),
        )
    data = AssessmentData(
        trajectory=trajectory,
        values=values,
        baseline=base,
        direction=way,
        limit=bound,
        unit=unit,
        year=later[-1],
        actual=values[later[-1]],
        tolerance=float(tolerance),
        targets=dict(targets or {}),
        previous=previous,
        common=_common(trajectory, base, values, later, unit),
    )
    result = function(data, **params)
    return result if result.method == method else attrs.evolve(result, method=method)
