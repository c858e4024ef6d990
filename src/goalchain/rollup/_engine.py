"""The roll-up: :func:`rollup`, and the plain per-element engine it is checked against."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import networkx as nx

from .._i18n import N_
from ..exceptions import InvalidValueError
from ..models import Activity, Indicator, Period
from ..models._data import GENDERS
from ._combine import combine_node
from ._compiled import rollup_compiled
from ._leaves import measurements, score_activity, score_indicator
from ._per_chain import PerChain
from ._plan import plan_for
from ._registry import strategies
from ._result import ChildResult, NodeResult, RollupContext, RollupResult
from ._scale import StatusScale
from ._settings import RollupSettings, goal_scale, resolve_scorer, resolve_strategy, settings_of

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = ["element_scales", "resolve", "rollup"]


_SCALES: PerChain[tuple[int, RollupSettings, dict[str, StatusScale]]] = PerChain()


def _scale_of(chain: GoalChain, scale: StatusScale | Mapping[str, Any] | None) -> StatusScale:
    if isinstance(scale, StatusScale):
        return scale
    if scale is not None:
        return StatusScale.from_mapping(scale)
    configured = chain.metadata.get("status_scale")
    if isinstance(configured, Mapping):
        return StatusScale.from_mapping(configured)
    return StatusScale()


def element_scales(chain: GoalChain) -> dict[str, StatusScale]:
    """The elements judged on a scale of their own: a goal's ``status_scale``, else its
    level's from the chain's roll-up settings (kept until the structure changes).

    Raises
    ------
    InvalidValueError
        For a goal whose ``status_scale`` is not a scale, naming the goal and field.
    """
    settings = settings_of(chain)
    kept = _SCALES.get(chain)
    if kept is not None and kept[0] == chain.structure_version and kept[1] is settings:
        return kept[2]
    levels = settings.levels
    out: dict[str, StatusScale] = {}
    for node_id, data in chain._graph._node.items():
        element = data["element"]
        own = goal_scale(element) if data["kind"] == "goal" and element.extra else None
        if own is not None:
            out[node_id] = own
        elif levels and element.level in levels:
            out[node_id] = levels[element.level]
    _SCALES.set(chain, (chain.structure_version, settings, out))
    return out


def _check_gender(gender: Any) -> str:
    if gender not in GENDERS:
        raise InvalidValueError(
            N_("expected T (total), K (women) or M (men), got {gender!r}"),
            field="gender",
            params={"gender": gender},
        )
    return str(gender)


def resolve(
    chain: GoalChain, strategy: Any = None, scorer: Any = None
) -> tuple[str, Any, str, Any, dict[str, Any]]:
    """The strategy and scorer a roll-up of *chain* uses: as given, else the chain's
    settings, else ``weighted`` and ``progress``.

    Returns the strategy's name and object, the scorer's name and object, and the
    parameters the scorer was made with.
    """
    settings = settings_of(chain)
    if strategy is None:
        strategy = settings.strategy or "weighted"
    name, obj = resolve_strategy(strategy)
    if scorer is None and settings.scorer is not None:
        scorer_name, scorer_obj = settings.scorer_object()
        return name, obj, scorer_name, scorer_obj, dict(settings.scorer_params)
    scorer_name, scorer_obj, params = resolve_scorer("progress" if scorer is None else scorer)
    return name, obj, scorer_name, scorer_obj, params


def rollup(
    chain: GoalChain,
    period: Any,
    *,
    strategy: Any = None,
    scorer: Any = None,
    scale: StatusScale | Mapping[str, Any] | None = None,
    engine: str = "auto",
    gender: str = "T",
) -> RollupResult:
    """Roll goal fulfilment up the chain for *period*, from the leaves to the vision.

    Indicators are scored by *scorer* from their measurement for the period;
    activities by their status (done 1, in progress its progress, not started 0,
    cancelled not assessed) in the years from their start to their due date;
    goals by their own ``rollup`` strategy, or *strategy* when they name none.
    An element that cannot be assessed is left out of its parents' scores,
    never counted as zero, and a goal with no assessed element below it is
    not assessed (unless a dialogue assessment decides). A goal's coverage is
    the weighted share of the measured leaves below it.

    Parameters
    ----------
    chain
        The :class:`~goalchain.GoalChain`.
    period
        A year or a sub-year period (``2024``, ``"2024-T2"``).
    strategy
        The name of a registered strategy (see :data:`strategies`) or a strategy
        object; by default the chain's (``GoalChain(rollup={"strategy": ...})``,
        ``rollup: {strategy: ...}`` in a file), else ``"weighted"``.
    scorer
        The name of a registered leaf scorer (see :data:`scorers`), a mapping
        with its name and keyword parameters (``{"name": "target_met",
        "tolerance": 0.5}``) or a scorer object; by default the chain's, else
        ``"progress"``.
    scale
        A :class:`StatusScale` or a mapping for one; by default the chain's
        ``status_scale`` metadata, else the default scale. Goals with a
        ``status_scale`` of their own, and elements of a level the chain's
        roll-up settings give a scale, are judged on theirs.
    engine
        ``"auto"`` (default) or ``"fast"``: the compiled engine -- the chain's
        plan is evaluated level by level, the built-in ``weighted``,
        ``worst_case`` and ``mean`` with numpy, other strategies goal by goal;
        when only measurements or assessments have changed since a roll-up
        with the same arguments, just the changed elements and their
        ancestors are recomputed. ``"plain"``: a straightforward evaluation of
        every element in topological order, the reference the compiled engine
        is tested against. Both give the same results.
    gender
        ``"T"`` (total, the default), ``"K"`` (women) or ``"M"`` (men): the
        measurements the indicators are scored from. An indicator without a
        value for that gender in the period is not assessed, with the reason.

    Returns
    -------
    RollupResult

    Raises
    ------
    UnknownStrategyError, UnknownScorerError
        For a name that is not registered.
    InvalidValueError
        For a gender other than T, K and M, scorer parameters the scorer does
        not take, or a goal's ``status_scale`` that is not a scale.
    RollupError
        When a strategy or scorer fails or returns a score outside [0, 1], or
        the weights of a goal's children sum to zero under ``weighted``.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.rollup import rollup
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("kf1", "Fler i arbete", level="council")
    >>> _ = chain.add_indicator("i1", "Sysselsättning", parents={"kf1": 3.0}, unit="percent",
    ...                         baseline=(2022, 70.0), target=(2024, 74.0))
    >>> _ = chain.add_indicator("i2", "Arbetslöshet", parents={"kf1": 1.0}, unit="percent",
    ...                         direction="decrease", baseline=(2022, 8.0), target=(2024, 6.0))
    >>> _ = chain.record("i1", 2023, 71.0)
    >>> _ = chain.record("i2", 2023, 7.0)
    >>> result = rollup(chain, 2023)
    >>> result["i1"].score, result["i2"].score, result["kf1"].score
    (0.5, 1.0, 0.625)
    >>> rollup(chain, 2023, strategy="worst_case")["kf1"].status
    'partly'
    >>> rollup(chain, 2024)["kf1"].status, rollup(chain, 2024)["i1"].reason
    ('not_assessed', 'no measurement for 2024')
    >>> _ = chain.record("i1", 2023, 72.0, gender="K")
    >>> women = rollup(chain, 2023, gender="K")
    >>> women["i1"].score, women["i2"].reason_in("en"), women["kf1"].coverage
    (1.0, 'no value for women in 2023', 0.75)
    """
    if engine not in ("auto", "plain", "fast"):
        raise InvalidValueError(
            N_("engine must be 'auto', 'plain' or 'fast', got {engine!r}"),
            params={"engine": engine},
        )
    wanted = Period.parse(period)
    gender = _check_gender(gender)
    the_scale = _scale_of(chain, scale)
    default_name, default_strategy, scorer_name, scorer_obj, params = resolve(
        chain, strategy, scorer
    )
    scales = element_scales(chain)
    if engine != "plain":
        return rollup_compiled(
            chain,
            plan_for(chain),
            wanted,
            the_scale,
            default_name,
            default_strategy,
            scorer_obj,
            scorer_name,
            gender=gender,
            scales=scales,
            scorer_params=params,
        )
    return _plain(
        chain,
        wanted,
        the_scale,
        default_name,
        default_strategy,
        scorer_obj,
        scorer_name,
        gender=gender,
        scales=scales,
        scorer_params=params,
    )


def _plain(
    chain: GoalChain,
    period: Period,
    scale: StatusScale,
    default_name: str,
    default_strategy: Any,
    scorer: Any,
    scorer_name: str,
    *,
    gender: str = "T",
    scales: Mapping[str, StatusScale] | None = None,
    scorer_params: Mapping[str, Any] | None = None,
) -> RollupResult:
    """Every element in reversed topological order, one at a time."""
    graph = chain.graph
    own = scales or {}
    results: dict[str, NodeResult] = {}
    context = RollupContext(
        chain=chain,
        period=period,
        scale=scale,
        strategy=default_name,
        results=MappingProxyType(results),
    )
    measured = measurements(chain, period, gender)
    for node_id in reversed(list(nx.topological_sort(graph))):
        element = chain[node_id]
        here = own.get(node_id, scale)
        if isinstance(element, Indicator):
            results[node_id] = score_indicator(
                element,
                measured.get(node_id),
                period,
                scorer,
                scorer_name,
                here,
                gender,
                chain=chain,
            )
        elif isinstance(element, Activity):
            results[node_id] = score_activity(element, here, period)
        else:
            name_of = getattr(element, "rollup", None)
            name, obj = (
                (name_of, strategies[name_of]) if name_of else (default_name, default_strategy)
            )
            children = [
                ChildResult(c, r.score, r.status, float(w), r.coverage)
                for c, w in graph.succ[node_id].items()
                for w, r in [(w.get("weight", 1.0), results[c])]
            ]
            results[node_id] = combine_node(element, name, obj, children, context, here)
    return RollupResult(
        {k: results[k] for k in chain._graph},  # in the order the elements were added
        period=period,
        strategy=default_name,
        scorer=scorer_name,
        scale=scale,
        titles={n: chain[n].title for n in results},
        units={i.id: i.unit for i in chain.indicators()},
        gender=gender,
        scales=own,
        scorer_params=scorer_params,
    )
