"""Progression methods: how annual targets are derived from a baseline and a target.

A method is any callable ``method(*, years, baseline, target, **params)`` that
returns one value per year in *years* (baseline year first, target year last),
as floats in the trajectory's unit. Register your own with :func:`register`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from .._i18n import N_
from .._registry import Registry
from ..exceptions import Number, ProgressionError, UnknownMethodError

__all__ = ["ProgressionMethod", "methods", "register"]


class ProgressionMethod(Protocol):
    """What a progression method is: a callable returning one value per year."""

    def __call__(
        self, *, years: Sequence[int], baseline: float, target: float, **params: Any
    ) -> Sequence[float]: ...


methods: Registry[ProgressionMethod] = Registry(
    "progression method", group="goalchain.progression", error=UnknownMethodError
)
"""Read-only mapping of the registered progression methods by name."""

register = methods.register
"""Register a progression method: ``@register("name")`` or ``register("name", func)``."""


@register("linear")
def linear(*, years: Sequence[int], baseline: float, target: float, **params: Any) -> list[float]:
    r"""Equal absolute steps: :math:`v_t = b + (T - b)\,\frac{t - t_0}{t_T - t_0}`."""
    t0, span = years[0], years[-1] - years[0]
    values = [baseline + (target - baseline) * (year - t0) / span for year in years]
    values[-1] = target
    return values


@register("geometric")
def geometric(
    *, years: Sequence[int], baseline: float, target: float, **params: Any
) -> list[float]:
    r"""A constant relative rate: :math:`v_t = b\,(T / b)^{(t - t_0)/(t_T - t_0)}`.

    The compound annual growth rate is :math:`(T/b)^{1/(t_T - t_0)} - 1`. Needs a
    baseline and a target that are non-zero and of the same sign.
    """
    if baseline == 0 or target == 0 or (baseline > 0) != (target > 0):
        raise ProgressionError(
            N_(
                "geometric progression needs a baseline and a target that are non-zero and of "
                "the same sign (got {baseline} and {target}); use method='linear'"
            ),
            field="method",
            params={"baseline": Number(baseline), "target": Number(target)},
        )
    t0, span = years[0], years[-1] - years[0]
    ratio = target / baseline
    values = [baseline * ratio ** ((year - t0) / span) for year in years]
    values[-1] = target
    return values


@register("steps")
def steps(
    *,
    years: Sequence[int],
    baseline: float,
    target: float,
    steps: Sequence[float] | Mapping[int, float] | None = None,
    **params: Any,
) -> list[float]:
    r"""The committee's own progression (*progressionstakt*).

    *steps* is either a list of yearly increments (one per year after the
    baseline year: :math:`v_t = b + \sum_{k \le t} s_k`) or a mapping year ->
    value for the years between baseline and target. Either must land on the
    target; the error names the gap.
    """
    if steps is None:
        raise ProgressionError(
            N_("method 'steps' needs steps=[...] or steps={{year: value}}"),
            field="steps",
            params={},
        )
    inner = list(years[1:])
    if isinstance(steps, Mapping):
        given = {int(year): float(value) for year, value in steps.items()}
        outside = sorted(set(given) - set(inner))
        if outside:
            raise ProgressionError(
                N_("steps name years {outside} outside {first}-{last}"),
                field="steps",
                params={"outside": outside, "first": inner[0], "last": inner[-1]},
            )
        missing = [year for year in inner[:-1] if year not in given]
        if missing:
            raise ProgressionError(
                N_("steps lack a value for {missing}"), field="steps", params={"missing": missing}
            )
        last = given.get(years[-1], target)
        if not math.isclose(last, target, rel_tol=1e-12, abs_tol=1e-12):
            raise ProgressionError(
                N_("steps end at {last} in {year}, not at the target {target} (gap {gap})"),
                field="steps",
                params={
                    "last": Number(last),
                    "year": years[-1],
                    "target": Number(target),
                    "gap": Number(target - last, "+g"),
                },
            )
        return [baseline, *(given[year] for year in inner[:-1]), target]
    increments = [float(step) for step in steps]
    if len(increments) != len(inner):
        raise ProgressionError(
            N_("steps needs one increment for each year {first}-{last} ({needed}), got {got}"),
            field="steps",
            params={
                "first": inner[0],
                "last": inner[-1],
                "needed": len(inner),
                "got": len(increments),
            },
        )
    values = [baseline]
    for increment in increments:
        values.append(values[-1] + increment)
    gap = target - values[-1]
    if not math.isclose(values[-1], target, rel_tol=1e-9, abs_tol=1e-9):
        raise ProgressionError(
            N_("the steps add up to {total} but the target needs {needed} (gap {gap} in {year})"),
            field="steps",
            params={
                "total": Number(sum(increments)),
                "needed": Number(target - baseline),
                "gap": Number(gap, "+g"),
                "year": years[-1],
            },
        )
    values[-1] = target
    return values


@register("rate")
def rate(
    *,
    years: Sequence[int],
    baseline: float,
    target: float,
    rate: float | None = None,
    relative: bool = False,
    **params: Any,
) -> list[float]:
    r"""A given yearly change from the baseline.

    Absolute: :math:`v_t = b + r\,(t - t_0)`; relative (*relative=True*, *rate*
    as a fraction, 0.05 for 5 % a year): :math:`v_t = b\,(1 + r)^{t - t_0}`.
    The values do not necessarily land on the target; the trajectory reports
    the year the target is reached, if ever.
    """
    if rate is None:
        raise ProgressionError(N_("method 'rate' needs rate=..."), field="rate", params={})
    t0 = years[0]
    if relative:
        if rate <= -1:
            raise ProgressionError(
                N_("a relative rate must be above -100 %, got {rate}"),
                field="rate",
                params={"rate": Number(rate, "%")},
            )
        return [baseline * (1 + rate) ** (year - t0) for year in years]
    return [baseline + rate * (year - t0) for year in years]


@register("maintain")
def maintain(*, years: Sequence[int], baseline: float, target: float, **params: Any) -> list[float]:
    """Hold the baseline: at least it (higher is better) or at most it (lower is better)."""
    if not math.isclose(target, baseline, rel_tol=1e-12, abs_tol=1e-12):
        raise ProgressionError(
            N_(
                "method 'maintain' holds the baseline {baseline}; the target {target} differs "
                "(use method='linear' to move towards it)"
            ),
            field="target",
            params={"baseline": Number(baseline), "target": Number(target)},
        )
    return [baseline for _ in years]
