"""How a chain is judged: the settings of :mod:`goalchain.models._rollup_settings`.

The settings are data the chain carries and live in the models layer; this
module gives them the roll-up's :class:`~goalchain.rollup.StatusScale` and keeps
their names importable where they always were.
"""

from __future__ import annotations

from ..models._rollup_settings import (
    RollupSettings,
    element_scale,
    goal_scale,
    resolve_scorer,
    resolve_strategy,
    settings_of,
    use_status_scale,
)
from ._scale import StatusScale

__all__ = [
    "RollupSettings",
    "element_scale",
    "goal_scale",
    "resolve_scorer",
    "resolve_strategy",
    "settings_of",
]

use_status_scale(StatusScale)
