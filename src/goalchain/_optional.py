"""Optional dependencies, imported when first needed, with a clear error when missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from .exceptions import MissingDependencyError

__all__ = ["require"]


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
            f"{purpose} need the package {top}, which is not installed; "
            f'install it with: pip install "malkedja[{extra}]"'
        ) from err
