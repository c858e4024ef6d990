"""The goal chain: elements in a validated networkx DAG, plus their data.

:class:`GoalChain` is composed of three parts, each a module: the graph itself
(here: adding, updating, linking and removing elements, with the governance
model's level rules), walks over it (:mod:`._chain_walks`: parents, ancestors,
paths to the vision, orphans, unanchored goals) and the stored measurements and
assessments (:mod:`._chain_data`). The methods that forward to a higher layer
(:meth:`GoalChain.rollup`, :meth:`GoalChain.to_mermaid`, ...) import it inside
the method, and nowhere else.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import networkx as nx

from .._i18n import N_
from ..exceptions import (
    CycleError,
    DuplicateError,
    InvalidValueError,
    LevelError,
    Message,
    UnknownElementError,
    UnknownLinkError,
)
from ..units import convert, parse_quantity
from ._chain_data import ChainData
from ._chain_walks import ChainWalks
from ._data import Measurement
from ._elements import Activity, Element, Goal, Indicator
from ._frozen import FrozenMapping, freeze
from ._governance import KIND_PLURALS, GovernanceModel, get_model
from ._links import LinkLog
from ._period import Period
from ._rollup_settings import RollupSettings, element_scale, settings_of
from ._values import check_extra, check_text

if TYPE_CHECKING:
    from ..io import ImportReport
    from ..io._kolada_compare import Comparisons
    from ..io._kolada_values import KoladaValues, MunicipalityGroup
    from ..rollup import FollowUp, RollupResult
    from ._validate import Finding

__all__ = ["GoalChain", "Parents"]

Parents = Iterable[str] | Mapping[str, float]
"""Parents of a new element: ids, or a mapping id -> weight."""

_KINDS = KIND_PLURALS

_ELEMENT_TYPES: dict[str, type[Element]] = {
    "goal": Goal,
    "indicator": Indicator,
    "activity": Activity,
}


def _check_weight(weight: Any, parent: str, child: str) -> float:
    if isinstance(weight, bool) or not isinstance(weight, (int, float)):
        raise InvalidValueError(
            N_("weight of link {parent!r} -> {child!r} must be a number >= 0, got {weight!r}"),
            field="weight",
            params={"parent": parent, "child": child, "weight": weight},
        )
    try:
        value = float(weight)
    except OverflowError:  # a whole number beyond what a float holds (10**400)
        value = math.inf
    if not math.isfinite(value) or value < 0:
        shown: str | Message = (
            repr(weight) if value != math.inf else Message(N_("a number too large to hold"))
        )
        raise InvalidValueError(
            N_("weight of link {parent!r} -> {child!r} must be a finite number >= 0, got {weight}"),
            field="weight",
            params={"parent": parent, "child": child, "weight": shown},
        )
    return value


class GoalChain(ChainWalks, ChainData):
    """A municipality's goal chain (*målkedja*) as a validated DAG.

    Elements (goals, indicators, activities) are nodes of a
    :class:`networkx.DiGraph`; edges point from a goal to what it breaks down
    into and carry a ``weight`` (default 1.0). A node may have several parents:
    one committee goal may contribute to several council goals. Measurements
    and assessments (the data of each follow-up) are kept beside the structure.

    Every change goes through a method that validates first and changes
    nothing when it raises.

    Parameters
    ----------
    name
        The chain's name, usually the municipality's (``"Burlövs kommun"``).
    model
        A :class:`GovernanceModel` or the name of a preset (``"classic"``,
        ``"trelleborg"``, ``"nynashamn"``, ``"burlov"``, ``"grastorp"``, ``"lerum"``).
    municipality
        The municipality code, a string such as ``"1231"`` or ``"0192"``.
    metadata
        Further fields (for example from a file) kept and written back as they are.
    rollup
        How the chain is judged when a roll-up names no strategy or scorer: a
        :class:`~goalchain.rollup.RollupSettings` or a mapping for one, such as
        ``{"strategy": "worst_case", "scorer": "target_met"}``, with status
        scales per level under ``levels``; read back as :attr:`rollup_settings`.

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Burlövs kommun", model="classic")
    >>> _ = chain.add_goal("vision", "Burlöv - en plats att växa i", level="vision")
    >>> _ = chain.add_goal("kf1", "Fler elever ska nå gymnasiebehörighet", level="council",
    ...                    parents=["vision"], owner="Kommunfullmäktige")
    >>> _ = chain.add_goal("bun1", "Alla elever ska nå målen i svenska", level="committee",
    ...                    parents={"kf1": 2.0}, owner="Barn- och utbildningsnämnden")
    >>> _ = chain.add_indicator("i1", "Andel behöriga till yrkesprogram", parents=["bun1"],
    ...                         unit="percent", direction="increase",
    ...                         baseline=(2022, 78.0), target=(2026, 90.0), kolada="N15436")
    >>> _ = chain.record("i1", 2023, "80,5 %")
    >>> chain.series("i1")
    {Period('2023'): 80.5}
    >>> chain.paths_to_root("i1")
    [['i1', 'bun1', 'kf1', 'vision']]
    >>> chain.graph.edges["kf1", "bun1"]["weight"]
    2.0
    >>> chain.link("i1", "vision")
    Traceback (most recent call last):
    ...
    goalchain.exceptions.CycleError: linking 'i1' -> 'vision' would close the cycle
    i1 -> vision -> kf1 -> bun1 -> i1; a goal chain must not loop back on itself
    """

    def __init__(
        self,
        name: str = "",
        model: str | GovernanceModel = "classic",
        *,
        municipality: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        rollup: Any = None,
    ):
        check_text(name, field="name", element=None, optional=True)
        if municipality is not None and not isinstance(municipality, str):
            raise InvalidValueError(
                N_("municipality codes are strings such as '0192', got {municipality!r}"),
                field="municipality",
                params={"municipality": municipality},
            )
        self._name = name or ""
        self._model = get_model(model)
        self._rollup_settings: RollupSettings | None = None
        if rollup is not None:
            settings = RollupSettings.from_mapping(rollup, model=self._model)
            self._rollup_settings = settings if settings else None  # empty: as none at all
        self._municipality = municipality
        if metadata is not None and not isinstance(metadata, Mapping):
            raise InvalidValueError(
                N_("expected a mapping of fields, got {type}"),
                field="metadata",
                params={"type": type(metadata).__name__},
            )
        check_extra(metadata or {}, element=None, field="metadata")
        self._metadata: dict[str, Any] = {k: freeze(v) for k, v in (metadata or {}).items()}
        self._graph: nx.DiGraph = nx.DiGraph()
        self._start_data()
        self._structure_version = 0
        self._links = LinkLog()  # the structure as arrays, for compiling roll-ups

    # ------------------------------------------------------------------ basics
    @property
    def name(self) -> str:
        """The chain's name."""
        return self._name

    @property
    def model(self) -> GovernanceModel:
        """The governance model whose levels the chain follows."""
        return self._model

    @property
    def municipality(self) -> str | None:
        """The municipality code (a string, ``"0192"``), if given."""
        return self._municipality

    @property
    def rollup_settings(self) -> RollupSettings:
        """How the chain is judged when a roll-up names no strategy or scorer.

        A :class:`~goalchain.rollup.RollupSettings` (empty when the chain names
        none): the default strategy and scorer, and status scales per level.
        :meth:`rollup` with no ``strategy`` or ``scorer`` uses them, then
        ``weighted`` and ``progress``.

        Examples
        --------
        >>> import goalchain as gc
        >>> chain = gc.GoalChain(name="Vårgårda", rollup={"scorer": "target_met"})
        >>> chain.rollup_settings.scorer, chain.rollup_settings.strategy
        ('target_met', None)
        """
        return settings_of(self)

    @property
    def metadata(self) -> Mapping[str, Any]:
        """Further top-level fields, read-only."""
        return FrozenMapping(self._metadata)

    @property
    def graph(self) -> nx.DiGraph:
        """A read-only view of the DAG.

        Nodes carry ``element`` (the value object), ``kind``, ``level`` and
        ``title``; edges carry ``weight``. Run any networkx algorithm on it;
        change the chain through the chain's methods.
        """
        return self._graph.copy(as_view=True)

    @property
    def structure_version(self) -> int:
        """A counter that changes whenever elements or links change (for caches)."""
        return self._structure_version

    @property
    def data_version(self) -> int:
        """A counter that changes whenever measurements or assessments change."""
        return self._data_version

    def __getitem__(self, element_id: str) -> Element:
        try:
            return self._graph.nodes[element_id]["element"]  # type: ignore[no-any-return]
        except (KeyError, TypeError):
            missing = str(element_id)
            raise UnknownElementError(missing, known=self._graph.nodes) from None

    def get(self, element_id: str, default: Any = None) -> Element | Any:
        """The element with *element_id*, or *default*."""
        if element_id in self:
            return self[element_id]
        return default

    def __contains__(self, element_id: object) -> bool:
        try:
            return element_id in self._graph
        except TypeError:
            return False

    def __len__(self) -> int:
        return int(self._graph.number_of_nodes())

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._graph.nodes))

    def elements(self, kind: str | None = None, *, level: str | None = None) -> list[Element]:
        """Elements in insertion order, optionally of one kind or level."""
        if kind is None and level is None:  # every element: no test per element
            return [data["element"] for data in self._graph._node.values()]
        out = []
        for _, data in self._graph.nodes(data=True):
            element = data["element"]
            if (kind is None or element.kind == kind) and (level is None or element.level == level):
                out.append(element)
        return out

    def goals(self, *, level: str | None = None) -> list[Goal]:
        """Goals in insertion order, optionally of one level."""
        return self.elements("goal", level=level)  # type: ignore[return-value]

    def indicators(self) -> list[Indicator]:
        """Indicators in insertion order."""
        return self.elements("indicator")  # type: ignore[return-value]

    def activities(self) -> list[Activity]:
        """Activities in insertion order."""
        return self.elements("activity")  # type: ignore[return-value]

    def links(self) -> list[tuple[str, str, float]]:
        """Every link as ``(parent, child, weight)``."""
        return [(u, v, w) for u, v, w in self._graph.edges(data="weight")]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GoalChain):
            return NotImplemented
        return (
            self._name == other._name
            and self._model == other._model
            and self._municipality == other._municipality
            and self._metadata == other._metadata
            and self._rollup_settings == other._rollup_settings
            and self._elements_dict() == other._elements_dict()
            and set(self.links()) == set(other.links())
            and self._measurement_set() == other._measurement_set()
            and self._assessments == other._assessments
        )

    __hash__ = None  # type: ignore[assignment]

    def _elements_dict(self) -> dict[str, Element]:
        return {n: d["element"] for n, d in self._graph.nodes(data=True)}

    def __repr__(self) -> str:
        counts = {kind: 0 for kind in _ELEMENT_TYPES}
        for _, data in self._graph.nodes(data=True):
            counts[data["kind"]] += 1
        n_meas = sum(len(v) for v in self._measurements.values())
        return (
            f"<GoalChain {self._name!r} ({self._model.name}): {counts['goal']} goals, "
            f"{counts['indicator']} indicators, {counts['activity']} activities, "
            f"{n_meas} measurements, {len(self._assessments)} assessments>"
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Notebook display: the tree as HTML, the graph as Mermaid, and the repr."""
        from ..report._html import chain_html

        return {
            "text/plain": repr(self),
            "text/html": chain_html(self),
            "text/vnd.mermaid": self.to_mermaid(),
        }

    def _repr_html_(self) -> str:
        """Notebook display where only HTML is asked for: the tree, as in the mime bundle."""
        from ..report._html import chain_html

        return chain_html(self)

    def copy(self) -> GoalChain:
        """An independent copy; changing one never changes the other."""
        new = GoalChain(
            self._name, self._model, municipality=self._municipality, metadata=self._metadata
        )
        new._rollup_settings = self._rollup_settings
        new._graph = self._graph.copy()
        for node in new._graph.nodes:  # node attribute dicts must not be shared
            new._graph.nodes[node].update(dict(self._graph.nodes[node]))
        self._copy_data_to(new)
        new._links = self._links.copy()
        return new

    __copy__ = copy

    def __deepcopy__(self, memo: dict[int, Any]) -> GoalChain:
        return self.copy()

    # ------------------------------------------------------------ structure
    def add(self, element: Element, *, parents: Parents = ()) -> Element:
        """Add an element object (a :class:`Goal`, :class:`Indicator` or :class:`Activity`).

        Raises
        ------
        DuplicateError
            When the id is taken.
        UnknownElementError
            When a parent does not exist.
        UnknownLevelError, LevelError
            When the element's level is unknown, is for another kind of element,
            or may not sit below a parent's level.
        InvalidValueError
            For a negative or non-finite weight.
        """
        if not isinstance(element, Element):
            raise InvalidValueError(
                N_("expected a Goal, Indicator or Activity, got {type}"),
                params={"type": type(element).__name__},
            )
        if element.id in self._graph:
            existing = self[element.id]
            raise DuplicateError(
                N_(
                    "id {element!r} is already used by {kind} {title!r}; ids must be unique "
                    "within a chain"
                ),
                element=element.id,
                params={
                    "element": element.id,
                    "kind": Message(existing.kind),
                    "title": existing.title,
                },
            )
        self._check_level_kind(element)
        edges = self._parent_edges(element, parents)
        # Everything is checked; now change. A new node has no edges out, so no cycle.
        self._graph.add_node(element.id, **self._node_attrs(element))
        self._links.add_element(element.id, goal=element.kind == "goal")
        for parent, weight in edges:
            self._graph.add_edge(parent, element.id, weight=weight)
            self._links.add_link(parent, element.id, weight)
        self._structure_version += 1
        return element

    def add_goal(
        self,
        id: str,
        title: str,
        *,
        level: str,
        parents: Parents = (),
        owner: str | None = None,
        description: str | None = None,
        decision: Any = None,
        cross_cutting: bool = False,
        tags: Iterable[str] = (),
        rollup: str | None = None,
        extra: Mapping[str, Any] | None = None,
        status_scale: Mapping[str, Any] | None = None,
    ) -> Goal:
        """Add a goal at *level* below *parents* (ids, or a mapping id -> weight).

        *status_scale* (``{"achieved": 0.9}``) judges this goal on a status scale
        of its own (kept in its ``extra``, as the ``status_scale`` field of a
        file). Returns the new :class:`Goal`. See :meth:`add` for the errors.

        Raises
        ------
        InvalidValueError
            Also for a *status_scale* that is not a scale, naming the field.
        """
        if status_scale is not None:
            element_scale(status_scale, element=id)
            extra = {**(extra or {}), "status_scale": status_scale}
        goal = Goal(
            id=id,
            title=title,
            level=level,
            owner=owner,
            description=description,
            decision=decision,
            cross_cutting=cross_cutting,
            tags=tuple(tags),
            rollup=rollup,
            extra=extra,
        )
        return self.add(goal, parents=parents)  # type: ignore[return-value]

    def add_indicator(
        self,
        id: str,
        title: str,
        *,
        parents: Parents = (),
        unit: str,
        direction: str = "increase",
        baseline: Any = None,
        target: Any = None,
        annual_targets: Any = None,
        progression: str | None = None,
        kolada: str | None = None,
        frequency: str = "yearly",
        lag: int = 0,
        limit: Any = None,
        level: str | None = None,
        owner: str | None = None,
        description: str | None = None,
        tags: Iterable[str] = (),
        extra: Mapping[str, Any] | None = None,
    ) -> Indicator:
        """Add an indicator below *parents*.

        *baseline* and *target* are ``(year, value)`` pairs; values may be
        numbers in *unit*, pint Quantities or strings such as ``"78 %"``; a
        target may be written as municipalities write it (``"≥30"``, ``"minst
        90 %"``, ``"< 10"``, ``"öka"``). *limit* is a bound the value cannot
        pass (100 for a share), which the ``trend`` assessment takes into
        account. *level* defaults to the model's first indicator level.
        """
        indicator = Indicator(
            id=id,
            title=title,
            level=level or self._model.default_level("indicator"),
            owner=owner,
            description=description,
            tags=tuple(tags),
            extra=extra,
            unit=unit,
            direction=direction,  # type: ignore[arg-type]
            baseline=baseline,
            target=target,
            annual_targets=annual_targets or (),
            progression=progression,
            kolada=kolada,
            frequency=frequency,  # type: ignore[arg-type]
            lag=lag,
            limit=limit,
        )
        return self.add(indicator, parents=parents)  # type: ignore[return-value]

    def add_activity(
        self,
        id: str,
        title: str,
        *,
        parents: Parents = (),
        owner: str | None = None,
        due: Any = None,
        start: Any = None,
        status: str = "not_started",
        progress: float | None = None,
        level: str | None = None,
        description: str | None = None,
        tags: Iterable[str] = (),
        extra: Mapping[str, Any] | None = None,
    ) -> Activity:
        """Add an activity (åtagande, uppdrag) below *parents*, with owner and due date."""
        activity = Activity(
            id=id,
            title=title,
            level=level or self._model.default_level("activity"),
            owner=owner,
            description=description,
            tags=tuple(tags),
            extra=extra,
            start=start,
            due=due,
            status=status,  # type: ignore[arg-type]
            progress=progress,
        )
        return self.add(activity, parents=parents)  # type: ignore[return-value]

    def update(self, element_id: str, **changes: Any) -> Element:
        """Replace fields of an element (``attrs.evolve``) after validating them.

        Changing ``level`` is checked against the links; changing an
        indicator's ``unit`` converts its recorded measurements.
        """
        old = self[element_id]
        if "id" in changes and changes["id"] != element_id:
            raise InvalidValueError(
                N_("an element's id cannot be changed; add a new element"),
                element=element_id,
                field="id",
                params={},
            )
        fields = [a.name for a in attrs.fields(type(old))]
        unknown = sorted(set(changes) - set(fields))
        if unknown:
            raise InvalidValueError(
                N_("{kind} has no field {unknown}; fields: {fields}"),
                element=element_id,
                field=unknown[0],
                params={
                    "kind": Message(old.kind),
                    "unknown": ", ".join(map(repr, unknown)),
                    "fields": ", ".join(fields),
                },
            )
        if isinstance(old, Indicator) and changes.get("unit", old.unit) != old.unit:
            # Values are floats in the old unit: give them with it, so they convert.
            def in_old_unit(pair: Any) -> tuple[int, Any]:
                return (pair.year, parse_quantity(pair.value, old.unit))

            for name in ("baseline", "target"):
                if name not in changes and getattr(old, name) is not None:
                    changes[name] = in_old_unit(getattr(old, name))
            if "annual_targets" not in changes:
                changes["annual_targets"] = [in_old_unit(p) for p in old.annual_targets]
        new = attrs.evolve(old, **changes)
        if new.level != old.level:
            self._check_level_kind(new)
            for parent in self._graph.predecessors(element_id):
                self._check_level_rule(self[parent], new)
            for child in self._graph.successors(element_id):
                self._check_level_rule(new, self[child])
        converted: dict[tuple[Period, str], Measurement] | None = None
        if isinstance(new, Indicator) and isinstance(old, Indicator) and new.unit != old.unit:
            converted = {
                key: attrs.evolve(
                    m,
                    value=convert(
                        parse_quantity(m.value, m.unit), new.unit, element=element_id, field="unit"
                    ),
                    unit=new.unit,
                )
                for key, m in self._measurements.get(element_id, {}).items()
            }
        self._graph.nodes[element_id].update(self._node_attrs(new))
        if converted is not None and element_id in self._measurements:
            self._measurements[element_id] = converted
            self._data_changed(element_id)
        self._structure_version += 1
        return new

    def link(self, parent: str, child: str, weight: float = 1.0) -> None:
        """Link *parent* to *child* (parent breaks down into child), or set the weight.

        Raises
        ------
        UnknownElementError
            When either id does not exist.
        CycleError
            When *parent* is reachable from *child*; the message shows the cycle.
        LevelError
            When the model does not allow the child's level below the parent's.
        InvalidValueError
            For a negative or non-finite weight.
        """
        parent_el, child_el = self[parent], self[child]
        value = _check_weight(weight, parent, child)
        if parent == child or nx.has_path(self._graph, child, parent):
            path = [parent] if parent == child else nx.shortest_path(self._graph, child, parent)
            raise CycleError([parent, *path])
        self._check_level_rule(parent_el, child_el)
        if self._graph.has_edge(parent, child):
            self._links.invalidate()  # a weight set again
        else:
            self._links.add_link(parent, child, value)
        self._graph.add_edge(parent, child, weight=value)
        self._structure_version += 1

    def unlink(self, parent: str, child: str) -> None:
        """Remove the link *parent* -> *child*.

        Raises
        ------
        UnknownLinkError
            When there is no such link.
        """
        if not self._graph.has_edge(parent, child):
            raise UnknownLinkError(parent, child)
        self._graph.remove_edge(parent, child)
        self._links.invalidate()
        self._structure_version += 1

    def remove(self, element_id: str) -> Element:
        """Remove an element, its links, and its measurements and assessments.

        Its children stay in the chain (they may become orphans, which
        :meth:`validate` reports). Returns the removed element.
        """
        element = self[element_id]
        self._graph.remove_node(element_id)
        self._links.invalidate()
        if self._measurements.pop(element_id, None) is not None:
            self._data_changed(element_id)
        for key in [k for k in self._assessments if k[0] == element_id]:
            del self._assessments[key]
            self._data_changed(element_id)
        self._structure_version += 1
        return element

    def weight(self, parent: str, child: str) -> float:
        """The weight of the link *parent* -> *child*."""
        if not self._graph.has_edge(parent, child):
            raise UnknownLinkError(parent, child)
        return float(self._graph.edges[parent, child]["weight"])

    @classmethod
    def from_graph(
        cls,
        graph: nx.DiGraph,
        *,
        name: str = "",
        model: str | GovernanceModel = "classic",
        municipality: str | None = None,
    ) -> GoalChain:
        """Build a validated chain from a networkx DiGraph.

        Each node needs either an ``element`` attribute (a Goal, Indicator or
        Activity whose id equals the node) or the attributes to build one:
        ``kind`` (``"goal"`` when missing), ``title``, ``level`` and the fields of
        that kind. Edges may carry ``weight`` (default 1.0). The graph is not
        changed.

        Raises
        ------
        CycleError
            When the graph has a cycle.
        """
        if not isinstance(graph, nx.DiGraph) or graph.is_multigraph():
            raise InvalidValueError(N_("from_graph needs a networkx.DiGraph"), params={})
        try:
            cycle = nx.find_cycle(graph)
        except nx.NetworkXNoCycle:
            cycle = None
        if cycle:
            around = [str(u) for u, _ in cycle]
            raise CycleError([*around, around[0]])
        chain = cls(name, model, municipality=municipality)
        for node in nx.topological_sort(graph):
            data = dict(graph.nodes[node])
            element = data.get("element")
            if element is None:
                kind = data.pop("kind", "goal")
                if kind not in _ELEMENT_TYPES:
                    raise InvalidValueError(
                        N_("node {node!r}: kind {kind!r} is invalid; valid: {valid}"),
                        field="kind",
                        params={"node": node, "kind": kind, "valid": ", ".join(_ELEMENT_TYPES)},
                    )
                if kind != "goal" and "level" not in data:
                    data["level"] = chain._model.default_level(kind)
                fields = {a.name for a in attrs.fields(_ELEMENT_TYPES[kind])}
                if data.pop("id", node) != node:
                    raise InvalidValueError(
                        N_("node {node!r} has the attribute id={id!r}; the node itself is the id"),
                        element=str(node),
                        field="id",
                        params={"node": node, "id": graph.nodes[node]["id"]},
                    )
                given_extra = data.pop("extra", None) or {}
                unknown = set(data) - fields
                extra = {k: data.pop(k) for k in sorted(unknown, key=str)}
                element = _ELEMENT_TYPES[kind](id=node, **data, extra={**extra, **given_extra})
            elif element.id != node:
                raise InvalidValueError(
                    N_("node {node!r} carries element with id {id!r}"),
                    element=str(node),
                    params={"node": node, "id": element.id},
                )
            parents = {p: graph.edges[p, node].get("weight", 1.0) for p in graph.predecessors(node)}
            chain.add(element, parents=parents)
        return chain

    def _node_attrs(self, element: Element) -> dict[str, Any]:
        return {
            "element": element,
            "kind": element.kind,
            "level": element.level,
            "title": element.title,
        }

    def _check_level_kind(self, element: Element) -> None:
        level = self._model.level(element.level, element=element.id)
        if level.kind != element.kind:
            valid = [lv.key for lv in self._model.levels if lv.kind == element.kind]
            raise LevelError(
                N_(
                    "{element!r}: level {level!r} is for {kinds}, not {other_kinds}; "
                    "{kind} levels in model {model!r}: {valid}"
                ),
                element=element.id,
                params={
                    "element": element.id,
                    "level": level.key,
                    "kinds": Message(_KINDS[level.kind]),
                    "other_kinds": Message(_KINDS[element.kind]),
                    "kind": element.kind,
                    "model": self._model.name,
                    "valid": ", ".join(valid) or Message(N_("none")),
                },
            )

    def _check_level_rule(self, parent: Element, child: Element) -> None:
        if not self._model.allows(parent.level, child.level):
            allowed = self._model.level(parent.level).children
            what = (
                Message(N_("only {allowed} may sit below it"), allowed=", ".join(allowed))
                if allowed
                else Message(N_("nothing may sit below it"))
            )
            raise LevelError(
                N_(
                    "{child!r} ({child_level}) cannot sit below {parent!r} ({parent_level}) "
                    "in model {model!r}: {what}"
                ),
                element=child.id,
                params={
                    "child": child.id,
                    "child_level": child.level,
                    "parent": parent.id,
                    "parent_level": parent.level,
                    "model": self._model.name,
                    "what": what,
                },
            )

    def _parent_edges(self, element: Element, parents: Parents) -> list[tuple[str, float]]:
        if isinstance(parents, str):
            parents = [parents]
        if isinstance(parents, Mapping):
            pairs = list(parents.items())
        else:
            pairs = [(p, 1.0) for p in parents]
        seen: set[str] = set()
        edges = []
        for parent, weight in pairs:
            if parent not in self._graph:
                missing = str(parent)
                raise UnknownElementError(
                    missing,
                    known=self._graph.nodes,
                    context=Message(N_("named as parent of {element!r}"), element=element.id),
                )
            if parent in seen:
                raise DuplicateError(
                    N_("{parent!r} is named twice as parent of {element!r}"),
                    element=element.id,
                    params={"parent": parent, "element": element.id},
                )
            seen.add(parent)
            if parent == element.id:
                raise CycleError([parent, element.id])
            self._check_level_rule(self[parent], element)
            edges.append((parent, _check_weight(weight, parent, element.id)))
        return edges

    # ----------------------------------------------------------------- data
    # ----------------------------------------------------- forwarders
    def rollup(
        self,
        period: Any,
        *,
        strategy: Any = None,
        scorer: Any = None,
        scale: Any = None,
        gender: str = "T",
    ) -> RollupResult:
        """Roll goal fulfilment up the chain for *period*.

        A thin wrapper around :func:`goalchain.rollup.rollup`; see there. With no
        *strategy* or *scorer*, the chain's :attr:`rollup_settings` decide, then
        ``weighted`` and ``progress``; *gender* (``"K"``, ``"M"``) rolls up the
        values for women or men.

        Examples
        --------
        >>> import goalchain as gc
        >>> chain = gc.GoalChain(name="Exempel", rollup={"strategy": "worst_case"})
        >>> _ = chain.add_goal("kf1", "Mål", level="council")
        >>> _ = chain.add_activity("a1", "Insats", parents=["kf1"], status="done")
        >>> _ = chain.add_activity("a2", "Insats", parents=["kf1"], status="not_started")
        >>> chain.rollup(2024)["kf1"].status, chain.rollup(2024, strategy="weighted")["kf1"].status
        ('not_achieved', 'partly')
        """
        from ..rollup import rollup

        return rollup(self, period, strategy=strategy, scorer=scorer, scale=scale, gender=gender)

    def follow_up(
        self,
        period: Any,
        *,
        method: str | None = None,
        scorer: Any = None,
        gender: str = "T",
    ) -> FollowUp:
        """Every indicator followed up for *period*: target as written and as a number,
        actual, gap, score, category and forecast, the one answer every output shows.

        A thin wrapper around :func:`goalchain.rollup.follow_up`; see there.

        Examples
        --------
        >>> import goalchain as gc
        >>> chain = gc.GoalChain(name="Exempel")
        >>> _ = chain.add_indicator("i1", "Väntetid", unit="dagar", direction="decrease",
        ...                         baseline=(2022, 30.0), target=(2026, "högst 20"))
        >>> _ = chain.record("i1", 2024, 26.0)
        >>> row = chain.follow_up(2024)["i1"]
        >>> str(row.target), row.expected, row.gap, row.score
        ('25', 25.0, 1.0, 0.8)
        """
        from ..rollup import follow_up

        return follow_up(self, period, method=method, scorer=scorer, gender=gender)

    def to_mermaid(self, *, result: Any = None, lang: str = "sv", direction: str = "TD") -> str:
        """The chain as a Mermaid flowchart; see :func:`goalchain.report.to_mermaid`."""
        from ..report import to_mermaid

        return to_mermaid(self, result=result, lang=lang, direction=direction)

    def to_dot(self, *, result: Any = None, lang: str = "sv") -> str:
        """The chain as Graphviz DOT text; see :func:`goalchain.report.to_dot`."""
        from ..report import to_dot

        return to_dot(self, result=result, lang=lang)

    def validate(self, *, lang: str = "sv") -> list[Finding]:
        """Structural findings (orphans, unanchored goals, missing owners...).

        See :func:`goalchain.validate`.
        """
        from ._validate import validate

        return validate(self, lang=lang)

    def import_measurements(self, path: Any, **kwargs: Any) -> ImportReport:
        """Record the measurements of a CSV or Excel file, all or none.

        A thin wrapper around :func:`goalchain.io.import_measurements`; see there
        for the columns read, *mapping*, *sheet*, *on_conflict* and *missing*.

        Parameters
        ----------
        path
            A ``.csv`` or ``.xlsx`` file with columns for the indicator, the
            period and the value (``indikator; år; värde``).
        **kwargs
            Passed on: ``mapping``, ``sheet``, ``source``, ``on_conflict``
            (``"error"``, ``"keep"``, ``"replace"``), ``missing``, ``encoding``,
            ``delimiter``, ``limits`` (a :class:`~goalchain.io.SpreadsheetLimits`).

        Returns
        -------
        ImportReport
            Counts of added, unchanged, replaced and kept measurements.

        Raises
        ------
        SpreadsheetError
            Naming the file, row and column; the chain is then unchanged.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> import goalchain as gc
        >>> chain = gc.GoalChain(name="Exempel")
        >>> _ = chain.add_indicator("i1", "Andel behöriga", unit="percent")
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = pathlib.Path(tmp) / "utfall.csv"
        ...     _ = path.write_text("indikator;år;värde\\ni1;2024;81,5 %\\n", encoding="utf-8")
        ...     report = chain.import_measurements(path)
        >>> report.added, chain.series("i1")
        (1, {Period('2024'): 81.5})
        """
        from ..io import import_measurements

        return import_measurements(self, path, **kwargs)

    def compare(
        self,
        year: int,
        *,
        source: KoladaValues,
        group: str | MunicipalityGroup | None = None,
        municipality: str | None = None,
        gender: str = "T",
        kpis: Mapping[str, Any] | None = None,
    ) -> Comparisons:
        """Where the municipality stands among a group, for every indicator with a Kolada id.

        A thin wrapper around :func:`goalchain.io.kolada.compare_chain`; see there.
        Returns a mapping indicator id -> :class:`~goalchain.io.kolada.Comparison`
        (value, rank, of, median, q1, q3, best, worst, riket, band).

        Examples
        --------
        >>> import goalchain as gc
        >>> from goalchain.io.kolada import MunicipalityGroup
        >>> chain = gc.GoalChain(name="Burlöv", municipality="1231")
        >>> _ = chain.add_indicator("i1", "Väntetid", unit="dagar", direction="decrease",
        ...                         kolada="U23401")
        >>> class Values:
        ...     def values(self, kpi, year, *, gender="T"):
        ...         return {"1231": 30.0, "1260": 40.0, "1442": 20.0, "0000": 35.0}
        ...     def groups(self):
        ...         return [MunicipalityGroup("G1", "Liknande", ["1260", "1442"])]
        >>> c = chain.compare(2024, source=Values(), group="G1")["i1"]
        >>> c.rank, c.best, c.worst, c.riket
        (2, 20.0, 40.0, 35.0)
        """
        from ..io._kolada_compare import compare_chain

        return compare_chain(
            self,
            year,
            source=source,
            group=group,
            municipality=municipality,
            gender=gender,
            kpis=kpis,
        )
