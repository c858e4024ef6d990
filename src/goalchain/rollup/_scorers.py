"""Leaf scorers: from an indicator's measured value to a score in [0, 1]."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import attrs

from ..exceptions import InvalidValueError
from ..models._values import meets
from ._registry import LeafScore, register_scorer

if TYPE_CHECKING:
    from ..models import Indicator, Period

__all__ = ["Progress", "TargetMet"]


@functools.lru_cache(maxsize=65536)
def _expected(indicator: Indicator, year: int) -> float:
    """The indicator's annual target for *year*.

    Indicators are frozen and hashable, so the trajectory (about 70 us to derive)
    is computed once per indicator and year, not on every roll-up.
    """
    return indicator.expected(year)


@register_scorer("progress")
class Progress:
    r"""Progress from baseline towards the year's target, clamped to [0, 1].

    :math:`\mathrm{clamp}((a - b) / (e - b), 0, 1)` with *a* the measured value,
    *b* the baseline and *e* the annual target of the period's year (from
    :meth:`Indicator.trajectory`; the final target after the target year). The
    same formula serves decreasing indicators (both differences are negative).
    Where *e* equals *b* (maintain) the score is 1 when *a* is on the right side
    of it (not below for increase and maintain, not above for decrease), else 0.

    Examples
    --------
    >>> from goalchain import Indicator, Period
    >>> from goalchain.rollup import Progress
    >>> ind = Indicator(id="i1", title="Väntetid", level="indicator", unit="day",
    ...                 direction="decrease", baseline=(2022, 30.0), target=(2024, 20.0))
    >>> Progress()(ind, 27.5, Period.parse(2023)).score
    0.5
    """

    def __call__(self, indicator: Indicator, actual: float, period: Period) -> LeafScore:
        expected = _expected(indicator, period.year)
        assert indicator.baseline is not None  # trajectory() raised otherwise
        baseline = float(indicator.baseline.value)
        if expected == baseline:
            score = 1.0 if meets(actual, expected, indicator.direction) else 0.0
        else:
            score = min(1.0, max(0.0, (actual - baseline) / (expected - baseline)))
        return LeafScore(score=score, expected=expected)


@register_scorer("target_met")
@attrs.frozen
class TargetMet:
    """1 when the year's annual target is met, else 0.

    Parameters
    ----------
    tolerance
        How far (in the indicator's unit) the value may fall short and still
        count as met; 0 by default. Register your own instance for another
        tolerance: ``register_scorer("target_met_1", TargetMet(tolerance=1.0))``.

    Examples
    --------
    >>> from goalchain import Indicator, Period
    >>> from goalchain.rollup import TargetMet
    >>> ind = Indicator(id="i1", title="Behöriga", level="indicator", unit="percent",
    ...                 baseline=(2022, 78.0), target=(2024, 82.0))
    >>> TargetMet()(ind, 79.5, Period.parse(2023)).score
    0.0
    >>> TargetMet(tolerance=0.5)(ind, 79.5, Period.parse(2023)).score
    1.0
    """

    tolerance: float = 0.0

    def __attrs_post_init__(self) -> None:
        if isinstance(self.tolerance, bool) or not isinstance(self.tolerance, (int, float)):
            raise InvalidValueError(
                f"expected a number >= 0, got {self.tolerance!r}", field="tolerance"
            )
        if not self.tolerance >= 0:
            raise InvalidValueError(
                f"expected a number >= 0, got {self.tolerance!r}", field="tolerance"
            )

    def __call__(self, indicator: Indicator, actual: float, period: Period) -> LeafScore:
        expected = _expected(indicator, period.year)
        met = meets(actual, expected, indicator.direction, tolerance=self.tolerance)
        return LeafScore(score=1.0 if met else 0.0, expected=expected)
