"""The chain's structure as flat arrays, kept up to date as elements and links are added.

A roll-up compiles the chain into arrays (see ``goalchain.rollup``). Reading
a million links back out of networkx's dictionaries costs seconds; the
:class:`LinkLog` records every element and link as it is added instead, so that
compiling is a few array operations. Changes it cannot follow cheaply (a link
removed, an element removed, a weight set again) mark it stale; the next
compile reads the graph once and starts the log afresh.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

__all__ = ["LinkLog"]


class LinkLog:
    """Elements numbered in the order they were added, and links as they were made.

    Examples
    --------
    >>> from goalchain.models._links import LinkLog
    >>> log = LinkLog()
    >>> log.add_element("kf1", goal=True), log.add_element("i1", goal=False)
    (0, 1)
    >>> log.add_link("kf1", "i1", 2.0)
    >>> log.valid, list(log.parents), list(log.children), list(log.weights)
    (True, [0], [1], [2.0])
    >>> log.covers(2), log.covers(3)
    (True, False)
    >>> log.invalidate()
    >>> log.valid
    False
    """

    __slots__ = ("children", "is_goal", "numbers", "parents", "valid", "weights")

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.is_goal = bytearray()
        self.parents = array("q")
        self.children = array("q")
        self.weights = array("d")
        self.valid = True

    def add_element(self, element_id: str, *, goal: bool) -> int:
        """Number a new element (the next number); returns it."""
        number = len(self.is_goal)
        if self.valid:
            self.numbers[element_id] = number
            self.is_goal.append(goal)
        return number

    def add_link(self, parent: str, child: str, weight: float) -> None:
        """Record a new link (not one whose weight is set again: :meth:`invalidate` then)."""
        if self.valid:
            self.parents.append(self.numbers[parent])
            self.children.append(self.numbers[child])
            self.weights.append(weight)

    def covers(self, count: int) -> bool:
        """Whether the log is up to date for a chain of *count* elements, so that an
        element's number is its position in the chain's order."""
        return self.valid and len(self.is_goal) == count

    def invalidate(self) -> None:
        """The structure changed in a way the log does not follow; forget it."""
        if self.valid:
            self.valid = False
            self.numbers.clear()
            self.is_goal = bytearray()
            self.parents, self.children, self.weights = array("q"), array("q"), array("d")

    def reset(
        self,
        ids: Iterable[str],
        is_goal: Iterable[bool],
        links: tuple[Iterable[int], Iterable[int], Iterable[float]],
    ) -> None:
        """Start afresh from a structure read from the graph (elements in graph order)."""
        self.numbers = {k: i for i, k in enumerate(ids)}
        self.is_goal = bytearray(is_goal)
        parents, children, weights = links
        self.parents, self.children = array("q", parents), array("q", children)
        self.weights = array("d", weights)
        self.valid = True

    def copy(self) -> LinkLog:
        """An independent copy."""
        new = LinkLog()
        new.numbers = dict(self.numbers)
        new.is_goal = bytearray(self.is_goal)
        new.parents, new.children = array("q", self.parents), array("q", self.children)
        new.weights = array("d", self.weights)
        new.valid = self.valid
        return new
