"""Name -> object registries for goalchain's extension points.

Progression methods, roll-up strategies, scorers and SMART criteria are each
looked up by name in a :class:`Registry`: register by decorator or call, by
object or by a lazy ``"package.module:name"`` string; duplicates are refused
unless ``replace=True``; other packages publish entries under an entry-point
group, loaded on the first lookup that misses.

Every registry is also found by its group with :func:`registry_of`: a lower
layer checks a name against a higher layer's registry (the models layer, the
strategy a chain names) without importing that layer.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator, Mapping
from importlib import metadata
from types import MappingProxyType
from typing import Any, Generic, TypeVar, overload

from .exceptions import N_, Message, RegistrationError, UnknownNameError

__all__ = ["Registry", "registry_of"]

T = TypeVar("T")
U = TypeVar("U")
F = TypeVar("F", bound=Callable[..., Any])
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_BY_GROUP: dict[str, Registry[Any]] = {}


class Registry(Mapping[str, T], Generic[T]):
    """A read-only mapping of named entries, with :meth:`register` to add to it.

    Parameters
    ----------
    kind
        What the entries are, for messages (``"progression method"``).
    group
        The entry-point group other packages publish entries under.
    error
        The :class:`UnknownNameError` subclass raised by a failed lookup.
    instantiate
        When True, a class registered by decorator is instantiated without
        arguments (strategies); when False it is kept as it is.

    Examples
    --------
    >>> from goalchain._registry import Registry
    >>> colours = Registry("colour", group="example.colours")
    >>> colours.register("red", (204, 0, 0))
    (204, 0, 0)
    >>> @colours.register("grey")
    ... def grey(level):
    ...     return (level, level, level)
    >>> colours["red"], colours["grey"](9), sorted(colours)
    ((204, 0, 0), (9, 9, 9), ['grey', 'red'])
    >>> colours.register("sqrt", "math:sqrt")  # imported on first lookup
    'math:sqrt'
    >>> colours["sqrt"](16.0)
    4.0
    >>> colours["blue"]
    Traceback (most recent call last):
    ...
    goalchain.exceptions.UnknownNameError: unknown colour 'blue'; registered: grey, red, sqrt
    """

    def __init__(
        self,
        kind: str,
        *,
        group: str,
        error: type[UnknownNameError] = UnknownNameError,
        instantiate: bool = False,
    ):
        self._kind = kind
        self._group = group
        self._error = error
        self._instantiate = instantiate
        self._entries: dict[str, Any] = {}
        self._entry_points_loaded = False
        _BY_GROUP[group] = self

    @property
    def view(self) -> Mapping[str, Any]:
        """A read-only live view of the raw entries (lazy strings unresolved)."""
        return MappingProxyType(self._entries)

    @overload
    def register(
        self, name: str, obj: None = None, *, replace: bool = False
    ) -> Callable[[F], F]: ...

    @overload
    def register(self, name: str, obj: U, *, replace: bool = False) -> U: ...

    def register(self, name: str, obj: Any = None, *, replace: bool = False) -> Any:
        """Register *obj* under *name*, or return a decorator that does.

        *obj* may be the object itself or a lazy ``"package.module:attribute"``
        string, imported on first lookup.

        Raises
        ------
        RegistrationError
            When *name* is taken (and *replace* is False) or is not a lower-case
            identifier.
        """
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise RegistrationError(
                N_(
                    "{kind} name {name!r} must be lower-case letters, digits and '_', "
                    "starting with a letter"
                ),
                params={"kind": Message(self._kind), "name": name},
            )
        if obj is None:

            def decorator(target: Any) -> Any:
                entry = target() if self._instantiate and isinstance(target, type) else target
                self._add(name, entry, replace)
                return target

            return decorator
        self._add(name, obj, replace)
        return obj

    def unregister(self, name: str) -> None:
        """Remove an entry (for tests and plug-in reloading)."""
        if name not in self._entries:
            raise self._error(name, kind=self._kind, known=self._entries)
        del self._entries[name]

    def _add(self, name: str, obj: Any, replace: bool) -> None:
        if name in self._entries and not replace:
            raise RegistrationError(
                N_(
                    "a {kind} named {name!r} is already registered; pass replace=True to replace it"
                ),
                params={"kind": Message(self._kind), "name": name},
            )
        if isinstance(obj, str) and ":" not in obj:
            raise RegistrationError(
                N_("lazy {kind} {obj!r} must be written 'package.module:attribute'"),
                params={"kind": Message(self._kind), "obj": obj},
            )
        self._entries[name] = obj

    def __getitem__(self, name: str) -> T:
        if name not in self._entries and not self._entry_points_loaded:
            self._load_entry_points()
        try:
            entry = self._entries[name]
        except (KeyError, TypeError):
            raise self._error(str(name), kind=self._kind, known=self._entries) from None
        if isinstance(entry, str):
            entry = self._resolve(name, entry)
            self._entries[name] = entry
        return entry  # type: ignore[no-any-return]

    def _resolve(self, name: str, path: str) -> Any:
        module_name, _, attribute = path.partition(":")
        try:
            target: Any = importlib.import_module(module_name)
            for part in attribute.split("."):
                target = getattr(target, part)
        except (ImportError, AttributeError) as err:
            raise RegistrationError(
                N_("{kind} {name!r} points to {path!r}, which cannot be imported: {err}"),
                params={"kind": Message(self._kind), "name": name, "path": path, "err": str(err)},
            ) from err
        if self._instantiate and isinstance(target, type):
            target = target()
        return target

    def _load_entry_points(self) -> None:
        self._entry_points_loaded = True
        for entry_point in metadata.entry_points(group=self._group):
            if entry_point.name not in self._entries:
                self._entries[entry_point.name] = entry_point.value

    def __iter__(self) -> Iterator[str]:
        if not self._entry_points_loaded:
            self._load_entry_points()
        return iter(list(self._entries))

    def __len__(self) -> int:
        if not self._entry_points_loaded:
            self._load_entry_points()
        return len(self._entries)

    def __contains__(self, name: object) -> bool:
        if name not in self._entries and not self._entry_points_loaded:
            self._load_entry_points()
        return name in self._entries

    def __repr__(self) -> str:
        return f"<Registry of {self._kind}s: {', '.join(self._entries)}>"


_MADE_BY = {
    "goalchain.progression": "goalchain.progression",
    "goalchain.progression.assessment": "goalchain.progression",
    "goalchain.rollup": "goalchain.rollup",
    "goalchain.rollup.scorers": "goalchain.rollup",
    "goalchain.smart": "goalchain.smart",
}
"""The package that makes each of goalchain's own registries, with its built-in entries."""


def registry_of(group: str) -> Registry[Any] | None:
    """The registry of the entry-point *group*, or None when nothing makes one.

    The registries of goalchain are made when their package is imported:
    ``"goalchain.progression"`` (progression methods) and
    ``"goalchain.progression.assessment"``, ``"goalchain.rollup"`` (roll-up
    strategies), ``"goalchain.rollup.scorers"`` (leaf scorers),
    ``"goalchain.smart"`` (SMART criteria). ``import goalchain`` imports them
    when first used, so a lower layer that asks for one here (the models check a
    chain's roll-up settings) gets that package imported by name, as a plugin
    is, without importing it in its code.

    Examples
    --------
    >>> import goalchain
    >>> from goalchain._registry import registry_of
    >>> "worst_case" in registry_of("goalchain.rollup")
    True
    >>> registry_of("example.nothing") is None
    True
    """
    if group not in _BY_GROUP and group in _MADE_BY:
        importlib.import_module(_MADE_BY[group])
    return _BY_GROUP.get(group)
