"""What a criterion sees: the chain, the level roles, the mandate period, its options."""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from ..models import Element, Goal, GoalChain, GovernanceModel, Indicator, get_model
from ._mandate import chain_mandate, mandate_period

__all__ = ["LevelRoles", "SmartContext"]

_AREA_KEYS = frozenset({"priority", "perspective", "focus_area", "area"})


@attrs.frozen(kw_only=True)
class LevelRoles:
    """What each goal level of a governance model is, for choosing where criteria apply.

    Attributes
    ----------
    top
        The model's top levels (vision, perspectives): a direction, not a goal
        to make SMART.
    council
        The goal levels directly below the top (council goals, political
        priorities, Grästorp's goals): set by the council.
    committee
        The goal levels directly below the council levels (committee goals,
        effect goals, Lerum's executive board assignments): set by a committee.
    goal
        Every goal level, top first.
    direction
        Council levels whose indicators only need to show the direction
        (Nynäshamn's *riktningsvisande indikatorer*): measured by an indicator
        with unit and direction, not necessarily with baseline and target; not
        held to a target year.
    areas
        Council levels that name an area by a heading rather than state a goal
        (Trelleborg's *politiska prioriteringar*, levels keyed ``priority``,
        ``perspective`` or ``focus_area``): their wording is not judged as a
        goal formulation.
    """

    top: tuple[str, ...]
    council: tuple[str, ...]
    committee: tuple[str, ...]
    goal: tuple[str, ...]
    direction: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()

    @classmethod
    def of(cls, model: GovernanceModel) -> LevelRoles:
        """The roles of a model's levels.

        Examples
        --------
        >>> from goalchain.models import get_model
        >>> from goalchain.smart import LevelRoles
        >>> roles = LevelRoles.of(get_model("lerum"))
        >>> roles.top, roles.council, roles.committee
        (('vision',), ('council',), ('board',))
        >>> LevelRoles.of(get_model("nynashamn")).direction
        ('council',)
        >>> LevelRoles.of(get_model("trelleborg")).areas
        ('priority',)
        """
        goal = tuple(level.key for level in model.levels if level.kind == "goal")
        top = tuple(key for key in model.roots() if key in goal)

        def below(keys: tuple[str, ...]) -> tuple[str, ...]:
            out: list[str] = []
            for key in keys:
                for child in model.level(key).children:
                    if child in goal and child not in out and child not in keys:
                        out.append(child)
            return tuple(out)

        council = below(top)
        committee = tuple(k for k in below(council) if k not in top)
        direction = council if model.name == "nynashamn" else ()
        areas = tuple(key for key in council if key in _AREA_KEYS)
        return cls(
            top=top,
            council=council,
            committee=committee,
            goal=goal,
            direction=direction,
            areas=areas,
        )

    @property
    def below_top(self) -> tuple[str, ...]:
        """Goal levels that are not top levels."""
        return tuple(key for key in self.goal if key not in self.top)


def _grouped(
    keys: array[int], values: array[int], elements: Sequence[Element]
) -> list[list[Element]]:
    """For each element number k, the elements numbered *values[i]* where *keys[i]* is k,
    in number order.

    *keys* and *values* are the link log's arrays of element numbers (parents and
    children, or children and parents). One stable sort of the pairs by key, then
    by value, in numpy; each element's list is then a slice of one list.
    """
    import numpy as np

    key = np.frombuffer(keys, dtype=np.int64)
    value = np.frombuffer(values, dtype=np.int64)
    by_key = value[np.lexsort((value, key))].tolist()
    flat = [elements[number] for number in by_key]
    ends: list[int] = np.bincount(key, minlength=len(elements)).cumsum().tolist()
    return [flat[start:end] for start, end in zip([0, *ends], ends, strict=False)]


def _neighbours(
    chain: GoalChain, found: Mapping[str, Element], elements: Sequence[Element]
) -> tuple[dict[str, list[Element]], dict[str, list[Element]]]:
    """Each element's children and parents, every list in the chain's order.

    From the chain's link log (its links as arrays of element numbers, which
    are the positions in the chain's order) when it is up to date: the pairs
    sorted in numpy (:func:`_grouped`), no walk through networkx's dictionary
    per element. Else from the graph: walking the elements in order and
    appending each to the lists of its neighbours leaves every list in that order.
    """
    log = chain._links
    if log.covers(len(elements)):
        kids = _grouped(log.parents, log.children, elements)
        folks = _grouped(log.children, log.parents, elements)
    else:
        kids = [[] for _ in elements]
        folks = [[] for _ in elements]
        graph = chain.graph
        preds, succs = graph._pred, graph._succ  # the public views cost a wrapper per element
        number = {node: k for k, node in enumerate(found)}
        for node, element in found.items():
            for parent in preds[node]:
                kids[number[parent]].append(element)
            for child in succs[node]:
                folks[number[child]].append(element)
    return dict(zip(found, kids, strict=True)), dict(zip(found, folks, strict=True))


def _bodies_and_decisions(elements: Sequence[Element]) -> tuple[dict[str, int], list[Goal]]:
    """How many times each owner or deciding body is used (in the order of first use),
    and the goals with a decision: one pass over the elements for both."""
    bodies: dict[str, int] = {}
    decided: list[Goal] = []
    for element in elements:
        if element.owner:
            bodies[element.owner] = bodies.get(element.owner, 0) + 1
        if isinstance(element, Goal) and element.decision is not None:
            decided.append(element)
            body = element.decision.body
            bodies[body] = bodies.get(body, 0) + 1
    return bodies, decided


class SmartContext:
    """What a criterion sees when it judges a goal.

    Attributes
    ----------
    chain
        The :class:`~goalchain.GoalChain`, or None when a single goal is checked.
    roles
        The :class:`LevelRoles` of the chain's governance model.
    mandate
        The mandate period, ``(first year, last year)``.
    mandate_source
        Where the period came from: ``"metadata"``, ``"decisions"``,
        ``"baselines"`` or ``"today"``.
    options
        The criterion's options (its ``defaults`` updated with the caller's).
    lang
        The language of the report (criteria give both languages anyway).
    known_bodies
        The bodies of the chain: those listed in ``metadata["bodies"]``, then
        the owners and deciding bodies used in the chain.
    listed_bodies
        The bodies listed in ``metadata["bodies"]`` (empty when not given).
    body_uses
        How many times each owner or deciding body is used in the chain.
    cache
        A dict criteria may keep results in for the length of one check.
    elements
        Every element of the chain, in the chain's order (empty without a chain).

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.smart import SmartContext
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("kf1", "Fler elever ska klara skolan", level="council",
    ...                    owner="BUN", decision={"body": "KF", "date": "2022-11-28"})
    >>> _ = chain.add_indicator("i1", "Behöriga", parents=["kf1"], unit="percent")
    >>> context = SmartContext(chain)
    >>> context.mandate, context.mandate_source
    ((2023, 2026), 'decisions')
    >>> [i.id for i in context.indicators("kf1")], context.known_bodies
    (['i1'], ('BUN', 'KF'))
    """

    def __init__(
        self,
        chain: GoalChain | None,
        *,
        lang: str = "sv",
        goal: Goal | None = None,
        today: dt.date | None = None,
    ):
        self.chain = chain
        self.lang = lang
        self.options: Mapping[str, Any] = MappingProxyType({})
        self._children: dict[str, list[Element]] = {}
        self._parents: dict[str, list[Element]] = {}
        self._indicators: dict[str, list[Indicator]] = {}
        self._below: dict[str, list[Indicator]] = {}
        self._shared: dict[str, Any] = {}  # chain-wide data read when first needed
        self.cache: dict[str, Any] = {}
        self.elements: tuple[Element, ...] = ()
        if chain is not None:
            # One pass over the graph: the elements, and each one's children and parents.
            graph = chain.graph
            # (networkx's node dicts: the public view costs a generator step per element)
            found = {node: data["element"] for node, data in graph._node.items()}
            self.elements = tuple(found.values())
            self.roles = LevelRoles.of(chain.model)
            bodies, with_decision = _bodies_and_decisions(self.elements)
            self.mandate, self.mandate_source = chain_mandate(
                chain,
                self.roles.council,
                today=today,
                elements=self.elements,
                decided=with_decision,
            )
            self._children, self._parents = _neighbours(chain, found, self.elements)
            self.body_uses: Mapping[str, int] = bodies
            listed = chain.metadata.get("bodies")
            self.listed_bodies: tuple[str, ...] = (
                tuple(b for b in listed if isinstance(b, str) and b.strip())
                if isinstance(listed, (list, tuple))
                else ()
            )
            self.known_bodies: tuple[str, ...] = tuple(
                dict.fromkeys([*self.listed_bodies, *bodies])
            )
        else:
            classic = get_model("classic")
            self.roles = LevelRoles.of(classic)
            if goal is not None and goal.level not in classic:
                # a level the classic model does not have: judged as a goal below the top
                self.roles = attrs.evolve(self.roles, goal=(*self.roles.goal, goal.level))
            decided = goal.decision.date if goal is not None and goal.decision else None
            self.mandate = mandate_period(decided or today or dt.date.today())
            self.mandate_source = "decisions" if decided else "today"
            self.listed_bodies = ()
            self.known_bodies = ()
            self.body_uses = {}

    def with_options(self, options: Mapping[str, Any]) -> SmartContext:
        """A context sharing everything with this one but the criterion's *options*."""
        other = object.__new__(SmartContext)
        other.__dict__.update(self.__dict__)
        other.options = MappingProxyType(dict(options))
        return other

    def option(self, name: str) -> Any:
        """The value of one of the criterion's options."""
        return self.options[name]

    def children(self, element_id: str) -> list[Element]:
        """The elements directly below an element, in the chain's order (empty without a chain)."""
        return self._children.get(element_id, [])

    def parents(self, element_id: str) -> list[Element]:
        """The elements directly above an element, in the chain's order (empty without a chain)."""
        return self._parents.get(element_id, [])

    def indicators(self, goal_id: str) -> list[Indicator]:
        """The indicators directly below a goal, in the chain's order (do not change the list)."""
        found = self._indicators.get(goal_id)
        if found is None:
            found = [e for e in self.children(goal_id) if isinstance(e, Indicator)]
            if self.chain is not None:
                self._indicators[goal_id] = found
        return found

    def indicators_below(self, goal_id: str) -> list[Indicator]:
        """The indicators of the goals below a goal (not its own), each once, in order."""
        if goal_id in self._below:
            return self._below[goal_id]
        seen: dict[str, Indicator] = {}
        children = self._children
        stack = [e for e in reversed(children.get(goal_id, ())) if isinstance(e, Goal)]
        visited: set[str] = set()
        while stack:
            goal = stack.pop()
            if goal.id in visited:
                continue
            visited.add(goal.id)
            goals: list[Goal] = []  # one pass over the children: indicators and goals
            for child in children.get(goal.id, ()):
                if isinstance(child, Indicator):
                    seen.setdefault(child.id, child)
                elif isinstance(child, Goal):
                    goals.append(child)
            goals.reverse()
            stack.extend(goals)
        self._below[goal_id] = list(seen.values())
        return self._below[goal_id]

    def series(self, indicator_id: str) -> dict[int, float]:
        """An indicator's yearly values (total, not by gender), year -> value."""
        if self.chain is None:
            return {}
        series: dict[str, dict[int, float]] | None = self._shared.get("series")
        if series is None:
            # every indicator's series at once: one pass over the measurements
            series = self._shared["series"] = self.chain._yearly_values("T")
        known = series.get(indicator_id)
        if known is not None:  # measured, so in the chain
            return known
        if indicator_id not in self.chain:
            return {}
        return series.setdefault(indicator_id, {})

    def is_council_level(self, level: str) -> bool:
        """True for the top and council levels, whose goals the council adopts."""
        return level in self.roles.council or level in self.roles.top
