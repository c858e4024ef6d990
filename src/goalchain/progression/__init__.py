"""Annual target progression: trajectories from a baseline to a target year.

Burlöv's council adopts a target value for 2026; each committee breaks it into
a yearly progression from its baseline. :func:`annual_targets` derives the
yearly targets by a registered method (``linear``, ``geometric``, ``steps``,
``rate``, ``maintain``, or your own via :func:`register`).
"""

from ._assess import CATEGORIES, CATEGORY_LABELS, ProgressAssessment, assess
from ._many import ProgressArrays, annual_targets_many, assess_many
from ._methods import ProgressionMethod, methods, register
from ._trajectory import ProgressionWarning, Trajectory, annual_targets

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "ProgressArrays",
    "ProgressAssessment",
    "ProgressionMethod",
    "ProgressionWarning",
    "Trajectory",
    "annual_targets",
    "annual_targets_many",
    "assess",
    "assess_many",
    "methods",
    "register",
]
