"""Optional dependencies, imported when first needed, with a clear error when missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from .exceptions import N_, Message, MissingDependencyError

__all__ = ["require"]

_PURPOSES = (N_("DataFrames"), N_("plots"))
"""What goalchain's optional dependencies are needed for, in the catalogs (another
*purpose* is named as its caller wrote it)."""


def require(module: str, *, extra: str, purpose: str) -> ModuleType:
    """Import *module*, or raise :class:`MissingDependencyError` naming the extra to install.

    Examples
    --------
    >>> from goalchain._optional import require
    >>> require("json", extra="none", purpose="reading JSON").__name__
    'json'
    >>> try:
    ...     require("no_such_module_here", extra="plot", purpose="plots")
    ... except ImportError as err:
    ...     print(type(err).__name__, str(err).split("; ")[1])
    MissingDependencyError install it with: pip install "malkedja[plot]"
    """
    try:
        return importlib.import_module(module)
    except ImportError as err:
        top = module.split(".")[0]
        raise MissingDependencyError(
            N_(
                "{purpose} need the package {package}, which is not installed; "
                'install it with: pip install "malkedja[{extra}]"'
            ),
            params={"purpose": Message(purpose), "package": top, "extra": extra},
        ) from err
