"""An indicator's trajectory: its annual targets from baseline to target year.

What :meth:`goalchain.models.Indicator.trajectory` forwards to: the models layer
knows nothing of the progression methods, which this layer holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._i18n import N_
from ..exceptions import ProgressionError
from ._trajectory import annual_targets

if TYPE_CHECKING:
    from ..models import Indicator
    from ._trajectory import Trajectory

__all__ = ["trajectory_of"]


def trajectory_of(indicator: Indicator, *, decimals: int | None = None) -> Trajectory:
    """The annual targets of *indicator*; see :meth:`goalchain.models.Indicator.trajectory`.

    Raises
    ------
    ProgressionError
        When the indicator has no baseline or no target, or the explicit
        annual targets leave a year out, naming the indicator and the field.
    """
    if indicator.baseline is None or indicator.target is None:
        raise ProgressionError(
            N_("annual targets need a baseline and a target; the indicator has no baseline")
            if indicator.baseline is None
            else N_("annual targets need a baseline and a target; the indicator has no target"),
            element=indicator.id,
            field="baseline" if indicator.baseline is None else "target",
            params={},
        )
    direction = indicator.direction
    try:
        target = (indicator.target.year, indicator.target.number)
        if indicator.annual_targets:
            return annual_targets(
                baseline=indicator.baseline,
                target=target,
                method="steps",
                steps={p.year: p.number for p in indicator.annual_targets},
                unit=indicator.unit,
                decimals=decimals,
                direction=direction,
            )
        return annual_targets(
            baseline=indicator.baseline,
            target=target,
            method=indicator.progression or "linear",
            unit=indicator.unit,
            decimals=decimals,
            direction=direction,
        )
    except ProgressionError as err:
        if indicator.target.is_change:
            field = "target"
        elif indicator.annual_targets:
            field = "annual_targets"
        else:
            field = err.field or "progression"
        if err.template is not None:
            raise ProgressionError(
                err.template, element=indicator.id, field=field, params=err.params
            ) from err
        raise ProgressionError(err.reason, element=indicator.id, field=field) from err
