"""Deeply frozen, hashable containers for the free-form fields of value objects."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["FrozenMapping", "freeze", "thaw"]


class FrozenMapping(Mapping[str, Any]):
    """An immutable, hashable mapping that keeps insertion order.

    Used for ``extra`` fields (what a file holds that goalchain does not know),
    so that value objects stay frozen and hashable.

    Examples
    --------
    >>> from goalchain.models import FrozenMapping
    >>> m = FrozenMapping({"kommunkod": "0192", "budget": [1, 2]})
    >>> m["kommunkod"], m["budget"]
    ('0192', (1, 2))
    >>> m == {"kommunkod": "0192", "budget": (1, 2)}
    True
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[str, Any] | None = None):
        items = {} if data is None else data
        self._data: dict[str, Any] = {k: freeze(v) for k, v in items.items()}
        self._hash: int | None = None

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMapping):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMapping({self._data!r})"


_ATOMS = frozenset({str, int, float, bool, type(None)})
"""Types that are immutable and hold nothing to freeze (exact types: not subclasses)."""


def freeze(value: Any) -> Any:
    """Return a hashable, immutable copy of nested dicts, lists and sets."""
    if type(value) in _ATOMS:  # the common case, before the checks against the ABCs
        return value
    if isinstance(value, FrozenMapping):
        return value
    if isinstance(value, Mapping):
        return FrozenMapping(value)
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """Return plain dicts and lists for what :func:`freeze` made (for writing files)."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [thaw(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((thaw(v) for v in value), key=repr)
    return value
