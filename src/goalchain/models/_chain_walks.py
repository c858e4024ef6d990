"""Walking a goal chain's graph: what lies above and below an element.

:class:`ChainWalks` is the part of :class:`~goalchain.models.GoalChain` that
answers questions about the structure without changing it: parents and children,
ancestors and descendants, paths up to the vision, orphans, goals that reach no
council goal, and cross-cutting goals missing from a committee. Where the chain's
link log is up to date, the whole-chain walks run over its arrays (numpy) instead
of the graph's dicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import networkx as nx

from ._elements import Element, Goal

if TYPE_CHECKING:
    from ._governance import GovernanceModel
    from ._links import LinkLog

__all__ = ["ChainWalks"]


def _reached(starts: list[int], parents: Any, children: Any, count: int) -> list[bool]:
    """Which of *count* elements the links (numbered *parents* -> *children*) lead
    to from the *starts*, one level of links at a time over the arrays."""
    import numpy as np

    above = np.frombuffer(parents, dtype=np.int64)
    below = np.frombuffer(children, dtype=np.int64)
    reached = np.zeros(count, dtype=bool)
    frontier = np.zeros(count, dtype=bool)
    frontier[starts] = True
    while True:
        found = below[frontier[above]]
        found = found[~reached[found]]
        if not found.size:
            return reached.tolist()
        reached[found] = True
        frontier = np.zeros(count, dtype=bool)
        frontier[found] = True


def _never(numbers: Any, count: int) -> list[int]:
    """Which of *count* element numbers *numbers* (an array of them) never holds, in order."""
    import numpy as np

    counts = np.bincount(np.frombuffer(numbers, dtype=np.int64), minlength=count)
    return np.flatnonzero(counts == 0).tolist()


class ChainWalks:
    """Read-only walks over a chain's graph; a mixin of :class:`~goalchain.models.GoalChain`."""

    _graph: nx.DiGraph
    _model: GovernanceModel
    _links: LinkLog

    if TYPE_CHECKING:

        def __getitem__(self, element_id: str) -> Element: ...

        def elements(
            self, kind: str | None = None, *, level: str | None = None
        ) -> list[Element]: ...

        def goals(self, *, level: str | None = None) -> list[Goal]: ...

    def children(self, element_id: str) -> list[str]:
        """Ids directly below an element."""
        self[element_id]
        return list(self._graph.successors(element_id))

    def parents(self, element_id: str) -> list[str]:
        """Ids directly above an element."""
        self[element_id]
        return list(self._graph.predecessors(element_id))

    def ancestors(self, element_id: str) -> set[str]:
        """Every id above an element (what it contributes to)."""
        self[element_id]
        return set(nx.ancestors(self._graph, element_id))

    def descendants(self, element_id: str) -> set[str]:
        """Every id below an element (what it breaks down into)."""
        self[element_id]
        return set(nx.descendants(self._graph, element_id))

    def roots(self) -> list[str]:
        """Elements with no parents (the vision, or perspectives, or orphans)."""
        return [n for n in self._graph.nodes if self._graph.in_degree(n) == 0]

    def paths_to_root(self, element_id: str) -> list[list[str]]:
        """Every path from an element up to an element without parents (the vision).

        Each path starts with *element_id*; a multi-parent element has several.
        """
        self[element_id]
        paths: list[list[str]] = []
        stack: list[list[str]] = [[element_id]]
        while stack:
            path = stack.pop()
            ups = list(self._graph.predecessors(path[-1]))
            if not ups:
                paths.append(path)
            for up in reversed(ups):
                stack.append([*path, up])
        return paths

    paths_to_vision = paths_to_root

    def orphans(self) -> list[str]:
        """Elements without parents whose level is not a top level of the model."""
        top = set(self._model.roots())
        # roots() and self[n] without the per-node views: the graph's own dicts
        nodes = self._graph._node
        log = self._links
        parentless: Iterable[str]
        if log.covers(len(nodes)):  # its numbers are the positions
            ids = list(nodes)
            parentless = [ids[number] for number in _never(log.children, len(nodes))]
        else:
            pred = self._graph._pred
            parentless = [n for n in nodes if not pred[n]]
        return [n for n in parentless if nodes[n]["element"].level not in top]

    def council_levels(self) -> tuple[str, ...]:
        """The goal levels directly below the model's top levels (council goals, priorities...)."""
        out: list[str] = []
        for root in self._model.roots():
            for child in self._model.level(root).children:
                if self._model.level(child).kind == "goal" and child not in out:
                    out.append(child)
        return tuple(out)

    def unanchored_goals(self, *, to_levels: Iterable[str] | None = None) -> list[str]:
        """Goals below the council levels that reach no council-level goal.

        In the classic model: committee goals with no path up to any council goal.
        *to_levels* overrides which levels count as the anchor.
        """
        anchors = set(to_levels) if to_levels is not None else set(self.council_levels())
        return self._unanchored_goals(self.elements(), anchors)

    def _unanchored_goals(self, elements: Sequence[Element], anchors: set[str]) -> list[str]:
        """:meth:`unanchored_goals` with *anchors* as the anchor levels; *elements* are
        every element of the chain in its order (when the caller has them).

        One walk down from the anchors marks what they reach (O(elements + links),
        not a search upwards from every goal): over the link log's arrays when it
        is up to date, else through the graph.
        """
        top = set(self._model.roots())
        log = self._links
        reached: list[bool]
        if log.covers(len(elements)):  # its numbers are the positions
            starts = [number for number, e in enumerate(elements) if e.level in anchors]
            reached = _reached(starts, log.parents, log.children, len(elements))
        else:
            succ = self._graph._succ
            stack = [e.id for e in elements if e.level in anchors]
            anchored: set[str] = set()
            while stack:
                for child in succ[stack.pop()]:
                    if child not in anchored:
                        anchored.add(child)
                        stack.append(child)
            reached = [e.id in anchored for e in elements]
        return [
            e.id
            for e, up in zip(elements, reached, strict=True)
            if not up and e.kind == "goal" and e.level not in anchors and e.level not in top
        ]

    def cross_cutting_goals(self) -> list[Goal]:
        """Goals marked as cross-cutting (tvärsektoriella mål)."""
        return [g for g in self.goals() if g.cross_cutting]

    def committees(self) -> list[str]:
        """Owners of the goals at levels where cross-cutting goals are set, in order."""
        levels = {g.level for g in self.cross_cutting_goals()} or set(self._committee_levels())
        owners: list[str] = []
        for goal in self.goals():
            if goal.level in levels and goal.owner and goal.owner not in owners:
                owners.append(goal.owner)
        return owners

    def _committee_levels(self) -> tuple[str, ...]:
        out: list[str] = []
        for council in self.council_levels():
            for child in self._model.level(council).children:
                if self._model.level(child).kind == "goal" and child not in out:
                    out.append(child)
        return tuple(out)

    def missing_cross_cutting(self) -> dict[str, list[str]]:
        """For each cross-cutting goal (by title), the committees that lack it.

        A cross-cutting goal is the same goal adopted by every committee; each
        committee's copy is a goal marked ``cross_cutting`` with the same title.
        """
        return self._missing_cross_cutting(self.elements())

    def _missing_cross_cutting(self, elements: Iterable[Element]) -> dict[str, list[str]]:
        """:meth:`missing_cross_cutting` of the chain's *elements* (when the caller has them)."""
        # cross_cutting_goals() without the list of every goal first
        cross_cutting = [e for e in elements if isinstance(e, Goal) and e.cross_cutting]
        if not cross_cutting:  # nothing can be missing: skip finding the committees
            return {}
        owners = self.committees()
        having: dict[str, set[str]] = {}
        titles: dict[str, str] = {}
        for goal in cross_cutting:
            key = " ".join(goal.title.lower().split())
            titles.setdefault(key, goal.title)
            if goal.owner:
                having.setdefault(key, set()).add(goal.owner)
        return {
            titles[key]: [o for o in owners if o not in having.get(key, set())]
            for key in titles
            if any(o not in having.get(key, set()) for o in owners)
        }
