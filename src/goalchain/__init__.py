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

from typing import TYPE_CHECKING

from . import exceptions
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

if TYPE_CHECKING:
    from . import io, models, progression, report, rollup, smart, units
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

# The modules below are imported when a name from them is first used (PEP 562), so
# that ``import goalchain`` and ``goalchain --version`` do not pay for pint, networkx
# and numpy up front (issue 16); ``gc.GoalChain`` imports the models as before.
_SUBMODULES = frozenset({"io", "models", "progression", "report", "rollup", "smart", "units"})
_FROM = {
    **dict.fromkeys(("Limits", "dump", "dumps", "load", "loads"), "io"),
    **dict.fromkeys(
        (
            "PRESETS",
            "Activity",
            "Assessment",
            "Decision",
            "Finding",
            "Goal",
            "GoalChain",
            "GovernanceModel",
            "Indicator",
            "Level",
            "Measurement",
            "Period",
            "Target",
            "YearValue",
            "validate",
        ),
        "models",
    ),
}


def __getattr__(name: str) -> object:
    import importlib

    if name in _SUBMODULES:
        value: object = importlib.import_module(f"{__name__}.{name}")
    elif name in _FROM:
        value = getattr(importlib.import_module(f"{__name__}.{_FROM[name]}"), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later uses find it without coming here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


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
