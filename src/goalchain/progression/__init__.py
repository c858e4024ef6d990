"""Annual target progression: trajectories from a baseline to a target year, and
assessments of the actuals.

Burlöv's council adopts a target value for 2026; each committee breaks it into
a yearly progression from its baseline. :func:`annual_targets` derives the
yearly targets by a registered method (``linear``, ``geometric``, ``steps``,
``rate``, ``maintain``, or your own via :func:`register`). :func:`assess`
judges the actuals by a registered assessment method (``annual_target``,
``cagr_ratio``, ``trend``, or your own via :func:`register_assessment`).
"""

from ._assess import assess
from ._assessment import (
    CATEGORIES,
    CATEGORY_LABELS,
    MAINTAIN_TOLERANCE,
    TREND_LABELS,
    AssessmentData,
    ProgressAssessment,
    progress_share,
)
from ._assessment_methods import (
    AssessmentMethod,
    assessment_methods,
    limit_coefficient,
    register_assessment,
)
from ._many import ProgressArrays, annual_targets_many, assess_many
from ._methods import ProgressionMethod, methods, register
from ._trajectory import ProgressionWarning, Trajectory, annual_targets

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "MAINTAIN_TOLERANCE",
    "TREND_LABELS",
    "AssessmentData",
    "AssessmentMethod",
    "ProgressArrays",
    "ProgressAssessment",
    "ProgressionMethod",
    "ProgressionWarning",
    "Trajectory",
    "annual_targets",
    "annual_targets_many",
    "assess",
    "assess_many",
    "assessment_methods",
    "limit_coefficient",
    "methods",
    "progress_share",
    "register",
    "register_assessment",
]
