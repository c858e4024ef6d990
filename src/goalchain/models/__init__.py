"""Value objects of a goal chain and the :class:`GoalChain` graph."""

from ._chain import GoalChain, Parents
from ._data import ASSESSMENT_STATUSES, GENDERS, Assessment, Measurement, normalise_status
from ._elements import (
    ACTIVITY_STATUSES,
    DIRECTIONS,
    FREQUENCIES,
    Activity,
    Decision,
    Element,
    Goal,
    Indicator,
)
from ._frozen import FrozenMapping
from ._governance import PRESETS, GovernanceModel, Level, get_model
from ._period import MAX_PERIOD_LENGTH, MAX_YEAR, MIN_YEAR, Period, check_year
from ._target import Target
from ._validate import Finding, validate
from ._values import YearValue

__all__ = [
    "ACTIVITY_STATUSES",
    "ASSESSMENT_STATUSES",
    "DIRECTIONS",
    "FREQUENCIES",
    "GENDERS",
    "MAX_PERIOD_LENGTH",
    "MAX_YEAR",
    "MIN_YEAR",
    "PRESETS",
    "Activity",
    "Assessment",
    "Decision",
    "Element",
    "Finding",
    "FrozenMapping",
    "Goal",
    "GoalChain",
    "GovernanceModel",
    "Indicator",
    "Level",
    "Measurement",
    "Parents",
    "Period",
    "Target",
    "YearValue",
    "check_year",
    "get_model",
    "normalise_status",
    "validate",
]
