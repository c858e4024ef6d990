"""Leaf scorers: from an indicator's measured value to a score in [0, 1].

Every scorer asks the indicator which target applies in the period's year
(:meth:`Indicator.target_for`: the adopted annual target, the target as
written, or the year's value on the trajectory) and whether the value meets
it (:meth:`Target.met_by`), so "met" means the same in every scorer, the
follow-up and every report.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .._i18n import N_, gettext, languages
from ..exceptions import InvalidValueError
from ..models._target import progress_score, share_covered
from ._registry import LeafScore, register_scorer

if TYPE_CHECKING:
    from ..models import Indicator, Period, Target

__all__ = ["Progress", "Ratio", "TargetMet", "leaf_reason"]

_REASONS: Mapping[str, str] = {
    "before_baseline": N_("{year} lies before the baseline year {baseline}"),
    "no_target": N_("no target for {year}"),
    "no_previous": N_(
        "the target {target!r} is judged against the previous measured year, which has no value"
    ),
    "no_baseline": N_(
        "the progress score measures the way from the baseline and the indicator has "
        "none; use target_met or ratio, or give a baseline"
    ),
    "ratio_change": N_("the ratio score needs a target level; the target {target!r} is a change"),
    "ratio_sign": N_(
        "the ratio score needs a target level and an actual above 0; the target is {target}"
    ),
}


def leaf_reason(code: str, **args: Any) -> dict[str, str]:
    """A scorer's reason *code* written in every language goalchain speaks
    (``{"sv": .., "en": ..}``, from the message catalogs).

    Examples
    --------
    >>> from goalchain.rollup import leaf_reason
    >>> leaf_reason("no_target", year=2024)["sv"]
    'ingen målnivå för 2024'
    """
    template = _REASONS[code]
    return {lang: gettext(template, lang).format(**args) for lang in languages()}


@functools.lru_cache(maxsize=65536)
def _target_for(indicator: Indicator, year: int) -> Target | None:
    """The target that applies to *indicator* in *year*.

    Indicators are frozen and hashable, so the trajectory (about 70 us to derive)
    is computed once per indicator and year, not on every roll-up.
    """
    return indicator.target_for(year)


def _applicable(
    indicator: Indicator, period: Period, previous: float | None
) -> tuple[Target | None, float | None, LeafScore | None]:
    """The target of the period's year, the level it asks for, or why there is none."""
    target = _target_for(indicator, period.year)
    if target is None:
        base = indicator.baseline
        if base is not None and period.year < base.year:
            why = leaf_reason("before_baseline", year=period.year, baseline=base.year)
        else:
            why = leaf_reason("no_target", year=period.year)
        return None, None, LeafScore(score=None, reason=why)
    if target.is_change:
        if previous is None:
            why = leaf_reason("no_previous", target=str(target))
            return target, None, LeafScore(score=None, reason=why)
        return target, previous, None
    return target, target.value, None


def _written(target: Target) -> str | None:
    """The target as written, where it says more than its number."""
    return None if target.is_plain and target.written is None else str(target)


def _direction(indicator: Indicator, target: Target) -> str:
    return target.better_direction(indicator.direction)


def _check_amount(value: Any, field: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        raise InvalidValueError(
            N_("expected a number >= 0, got {value!r}"), field=field, params={"value": value}
        )
    if not math.isfinite(value):
        raise InvalidValueError(
            N_("expected a finite number >= 0, got {value!r}"), field=field, params={"value": value}
        )


def _partly(value: Any) -> float | str | None:
    """``partly_within``: a number in the unit, or a share of the target such as ``"10 %"``."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        if text.endswith("%"):
            try:
                share = float(text[:-1].strip())
            except ValueError:
                share = -1.0
            if math.isfinite(share) and share >= 0:
                return text
        raise InvalidValueError(
            N_(
                "partly_within {value!r} is invalid; give a number in the indicator's unit "
                "(2.5) or a share of the target level ('10 %')"
            ),
            field="partly_within",
            params={"value": value},
        )
    _check_amount(value, "partly_within")
    return float(value)


@register_scorer("progress")
@attrs.frozen
class Progress:
    r"""The share of the way from the baseline to the year's target, clamped to [0, 1].

    :math:`\mathrm{clamp}(d (a - b) / |e - b|, 0, 1)` with *a* the measured
    value, *b* the baseline, *e* the level the year's target asks for (see
    :meth:`Indicator.target_for`) and *d* = +1 when higher is better, -1 when
    lower is better; exactly 1 when the year's target is met
    (:meth:`Target.met_by`), so a value on the wrong side of the baseline
    scores 0 whatever side the target lies on. An indicator without a
    baseline is not assessed, with the reason.

    Examples
    --------
    >>> from goalchain import Indicator, Period
    >>> from goalchain.rollup import Progress
    >>> ind = Indicator(id="i1", title="Väntetid", level="indicator", unit="day",
    ...                 direction="decrease", baseline=(2022, 30.0), target=(2024, 20.0))
    >>> Progress()(ind, 27.5, Period.parse(2023)).score
    0.5
    >>> up = Indicator(id="i2", title="Platser", level="indicator", unit="st",
    ...                baseline=(2022, 3.0), target=(2024, "minst 2"))
    >>> Progress()(up, 0.0, Period.parse(2024)).score
    0.0
    """

    tolerance: float = attrs.field(default=0.0)
    wants_previous = True

    def __attrs_post_init__(self) -> None:
        _check_amount(self.tolerance, "tolerance")

    def __call__(
        self, indicator: Indicator, actual: float, period: Period, *, previous: float | None = None
    ) -> LeafScore:
        if indicator.baseline is None:
            return LeafScore(score=None, reason=leaf_reason("no_baseline"))
        target, level, why = _applicable(indicator, period, previous)
        if why is not None or target is None or level is None:
            return why or LeafScore(score=None)
        direction = _direction(indicator, target)
        met = target.met_by(
            actual, direction=indicator.direction, previous=previous, tolerance=self.tolerance
        )
        share = share_covered(actual, float(indicator.baseline.value), level, direction)
        # short of a met target never 1 (a strict "< 10" missed by 10 scores below 1)
        score = progress_score(share, bool(met))
        return LeafScore(score=score, expected=level, target=_written(target))


@register_scorer("target_met")
@attrs.frozen
class TargetMet:
    """1 when the year's target is met, else 0; 0.5 (*delvis*) within ``partly_within`` of it.

    Needs no baseline: an indicator with only a target (a *målvärde*) is
    judged against it in every year up to the target year, unless an annual
    target applies (:meth:`Indicator.target_for`). A target written as a
    comparison is met as written (10 does not meet ``"< 10"``), a change
    (``"öka"``) against the previous measured year.

    Parameters
    ----------
    tolerance
        How far (in the indicator's unit) the value may miss and still count
        as met; 0 by default.
    partly_within
        How far from the target a value that does not meet it still counts
        as partly met (score 0.5, *delvis uppfyllt* on the default scale): a
        number in the indicator's unit (``2.0``: two percentage points for a
        share) or a share of the target level (``"10 %"``). None: met or not.

    Examples
    --------
    >>> from goalchain import Indicator, Period
    >>> from goalchain.rollup import TargetMet
    >>> ind = Indicator(id="i1", title="Ekologiska livsmedel", level="indicator",
    ...                 unit="percent", target=(2023, "≥30"))
    >>> TargetMet()(ind, 29.5, Period.parse(2023)).score
    0.0
    >>> TargetMet(partly_within=1.0)(ind, 29.5, Period.parse(2023)).score
    0.5
    >>> TargetMet(tolerance=0.5)(ind, 29.5, Period.parse(2023)).score
    1.0
    """

    tolerance: float = attrs.field(default=0.0)
    partly_within: float | str | None = attrs.field(default=None, converter=_partly)
    wants_previous = True

    def __attrs_post_init__(self) -> None:
        _check_amount(self.tolerance, "tolerance")

    def __call__(
        self, indicator: Indicator, actual: float, period: Period, *, previous: float | None = None
    ) -> LeafScore:
        target, level, why = _applicable(indicator, period, previous)
        if why is not None or target is None or level is None:
            return why or LeafScore(score=None)
        met = target.met_by(
            actual, direction=indicator.direction, previous=previous, tolerance=self.tolerance
        )
        if met:
            return LeafScore(score=1.0, expected=level, target=_written(target))
        within = self.partly_within
        if within is not None:
            allowed = (
                float(within[:-1].strip()) / 100.0 * abs(level)
                if isinstance(within, str)
                else within
            )
            if abs(actual - level) <= allowed + 1e-12 * max(1.0, abs(level)):
                return LeafScore(score=0.5, expected=level, target=_written(target))
        return LeafScore(score=0.0, expected=level, target=_written(target))


@register_scorer("ratio")
@attrs.frozen
class Ratio:
    """The actual as a share of the target level, capped at 1; inverted when lower is better.

    ``actual / target`` when higher is better, ``target / actual`` when lower
    is better (a waiting time of 40 days against a target of 30 scores 0.75);
    1 whenever the target is met. Needs a target level above 0 and, when
    lower is better, an actual above 0 (else not assessed, with the reason);
    a change target (``"öka"``) has no level and is not assessed.

    Examples
    --------
    >>> from goalchain import Indicator, Period
    >>> from goalchain.rollup import Ratio
    >>> ind = Indicator(id="i1", title="Väntetid", level="indicator", unit="day",
    ...                 direction="decrease", target=(2024, 30.0))
    >>> Ratio()(ind, 40.0, Period.parse(2024)).score
    0.75
    """

    wants_previous = True

    def __call__(
        self, indicator: Indicator, actual: float, period: Period, *, previous: float | None = None
    ) -> LeafScore:
        target, level, why = _applicable(indicator, period, previous)
        if why is not None or target is None or level is None:
            return why or LeafScore(score=None)
        if target.is_change:
            return LeafScore(score=None, reason=leaf_reason("ratio_change", target=str(target)))
        if target.met_by(actual, direction=indicator.direction, previous=previous):
            return LeafScore(score=1.0, expected=level, target=_written(target))
        direction = _direction(indicator, target)
        if level <= 0 or (direction == "decrease" and actual <= 0):
            return LeafScore(
                score=None, reason=leaf_reason("ratio_sign", target=f"{level:g}"), expected=level
            )
        if direction == "decrease":
            share = level / actual
        elif direction == "maintain":
            share = 1.0 - abs(actual - level) / level
        else:
            share = actual / level
        # not met (that returned above): below 1
        score = progress_score(share, False)
        return LeafScore(score=score, expected=level, target=_written(target))
