"""goalchain: the goal chains (målkedjor) of Swedish municipalities.

Model a municipality's chain from vision to council goals, committee goals,
indicators and activities as a validated networkx DAG; record measurements and
dialogue assessments; load and save it as YAML or JSON.

Examples
--------
>>> import goalchain as gc
>>> chain = gc.GoalChain(name="Burlövs kommun", model="burlov")
>>> _ = chain.add_goal("vision", "Burlöv - en plats att växa i", level="vision")
>>> len(chain)
1
"""

from . import exceptions, io, models, progression, report, rollup, smart, units
from ._version import __version__
from .exceptions import (
    AmbiguousUnitError,
    CycleError,
    DirectoryNotFoundError,
    DocumentLimitError,
    DuplicateError,
    FileFormatError,
    FileWriteError,
    FormatVersionError,
    GoalchainError,
    InvalidValueError,
    KoladaError,
    LevelError,
    PeriodError,
    RollupError,
    UnitError,
    UnitMismatchError,
    UnknownCriterionError,
    UnknownElementError,
    UnknownLevelError,
    UnknownLinkError,
    UnknownModelError,
    UnknownScorerError,
    UnknownStrategyError,
    UnknownUnitError,
)
from .io import Limits, dump, dumps, load, loads
from .models import (
    PRESETS,
    Activity,
    Assessment,
    Decision,
    Finding,
    Goal,
    GoalChain,
    GovernanceModel,
    Indicator,
    Level,
    Measurement,
    Period,
    Target,
    YearValue,
    validate,
)

__all__ = [
    "PRESETS",
    "Activity",
    "AmbiguousUnitError",
    "Assessment",
    "CycleError",
    "Decision",
    "DirectoryNotFoundError",
    "DocumentLimitError",
    "DuplicateError",
    "FileFormatError",
    "FileWriteError",
    "Finding",
    "FormatVersionError",
    "Goal",
    "GoalChain",
    "GoalchainError",
    "GovernanceModel",
    "Indicator",
    "InvalidValueError",
    "KoladaError",
    "Level",
    "LevelError",
    "Limits",
    "Measurement",
    "Period",
    "PeriodError",
    "RollupError",
    "Target",
    "UnitError",
    "UnitMismatchError",
    "UnknownCriterionError",
    "UnknownElementError",
    "UnknownLevelError",
    "UnknownLinkError",
    "UnknownModelError",
    "UnknownScorerError",
    "UnknownStrategyError",
    "UnknownUnitError",
    "YearValue",
    "__version__",
    "dump",
    "dumps",
    "exceptions",
    "io",
    "load",
    "loads",
    "models",
    "progression",
    "report",
    "rollup",
    "smart",
    "units",
    "validate",
]
