"""Values kept per chain, as long as the chain lives, without storing them on it."""

from __future__ import annotations

import weakref
from typing import Any, Generic, TypeVar

__all__ = ["PerChain"]

T = TypeVar("T")


class PerChain(Generic[T]):
    """A value per live object, keyed by identity, dropped when the object goes away.

    :class:`~goalchain.GoalChain` is unhashable (it defines ``__eq__``), so a
    ``WeakKeyDictionary`` cannot hold it; the weak reference here also tells a
    live chain from a new one that reuses a freed id.

    Examples
    --------
    >>> from goalchain.rollup._per_chain import PerChain
    >>> class Chain: ...
    >>> kept = PerChain()
    >>> a = Chain()
    >>> kept.get(a) is None
    True
    >>> kept.set(a, "plan")
    >>> kept.get(a), len(kept)
    ('plan', 1)
    >>> del a
    >>> len(kept)
    0
    """

    def __init__(self) -> None:
        self._entries: dict[int, tuple[weakref.ref[Any], T]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, owner: Any) -> T | None:
        entry = self._entries.get(id(owner))
        if entry is not None and entry[0]() is owner:
            return entry[1]
        return None

    def set(self, owner: Any, value: T) -> None:
        key = id(owner)
        entries = self._entries

        def forget(ref: weakref.ref[Any], key: int = key) -> None:
            current = entries.get(key)
            if current is not None and current[0] is ref:
                del entries[key]

        entries[key] = (weakref.ref(owner, forget), value)
