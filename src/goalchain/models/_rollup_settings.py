"""How a chain is judged: its default strategy and scorer, and status scales per level.

A chain file names them at the top level, beside ``status_scale``::

    rollup:
      strategy: weighted
      scorer: {name: target_met, tolerance: 0.5}
      levels:
        committee: {status_scale: {achieved: 0.9}}

and a goal may carry its own ``status_scale``. :class:`RollupSettings` holds
the ``rollup`` mapping checked; :func:`resolve_scorer` and
:func:`resolve_strategy` turn a name (with parameters) into the registered object.

The settings are data the chain carries, so they live in the models layer,
which imports nothing above it: names are checked against the registries of
strategies and scorers found through the ground floor
(:func:`goalchain._registry.registry_of`), and the status scale of a level is
made by the type ``goalchain.rollup`` gives :func:`use_status_scale` when it is
imported (which asking for its registry does, the first time). ``goalchain.rollup`` re-exports
:class:`RollupSettings` and the functions from ``goalchain.rollup._settings``.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .._i18n import N_
from .._registry import Registry, registry_of
from ..exceptions import (
    GoalchainError,
    InvalidValueError,
    Message,
    UnknownLevelError,
    UnknownScorerError,
    UnknownStrategyError,
)
from ._frozen import FrozenMapping, thaw

if TYPE_CHECKING:
    from ..rollup import StatusScale
    from ._chain import GoalChain
    from ._governance import GovernanceModel

__all__ = [
    "RollupSettings",
    "element_scale",
    "goal_scale",
    "resolve_scorer",
    "resolve_strategy",
    "settings_of",
    "use_status_scale",
]

_STRATEGIES = "goalchain.rollup"
_SCORERS = "goalchain.rollup.scorers"
_SCALE: list[type[StatusScale]] = []
"""The status scale type, given by goalchain.rollup (see :func:`use_status_scale`)."""


def use_status_scale(kind: type[StatusScale]) -> None:
    """Make the status scales of settings with *kind* (``goalchain.rollup`` gives its
    :class:`~goalchain.rollup.StatusScale` when it is imported)."""
    _SCALE[:] = [kind]


def _scale_type() -> type[StatusScale]:
    if not _SCALE:
        _registry(_STRATEGIES)  # imports goalchain.rollup, which gives its StatusScale
    return _SCALE[0]


def _registry(group: str) -> Registry[Any]:
    found = registry_of(group)
    if found is None:  # pragma: no cover - goalchain's own groups are always made
        raise RuntimeError(f"the registry {group!r} is not made")
    return found


_KEYS = ("strategy", "scorer", "levels")
_LEVEL_KEYS = ("status_scale",)


def _unknown(keys: Any, valid: tuple[str, ...], field: str) -> InvalidValueError:
    name = sorted(map(str, keys))[0]
    return InvalidValueError(
        N_("unknown field {name!r}; valid: {valid}"),
        field=f"{field}.{name}" if field else name,
        params={"name": name, "valid": ", ".join(valid)},
    )


def _again(
    err: InvalidValueError, *, field: str | None, element: str | None = None
) -> InvalidValueError:
    """*err*'s message (its template and fields when it has them) at another field."""
    if err.template is not None:
        return InvalidValueError(err.template, element=element, field=field, params=err.params)
    reason = err.reason  # a message of another layer still worded in English only
    return InvalidValueError(reason, element=element, field=field)


def _name_of(obj: Any) -> str:
    return str(getattr(obj, "name", None) or getattr(obj, "__name__", type(obj).__name__))


def resolve_strategy(value: Any, *, field: str | None = None) -> tuple[str, Any]:
    """The name and object of a strategy given by name (looked up) or as an object.

    Raises
    ------
    UnknownStrategyError
        Listing the registered names; its ``field`` is *field*.
    """
    if not isinstance(value, str):
        return _name_of(value), value
    try:
        return value, _registry(_STRATEGIES)[value]
    except UnknownStrategyError as err:
        raise UnknownStrategyError(
            value, kind="roll-up strategy", known=err.known, field=field
        ) from None


def _parametrised(name: str, entry: Any, params: Mapping[str, Any], field: str) -> Any:
    """The registered scorer *entry* made with the keyword *params*."""
    if not params:
        return entry
    if attrs.has(type(entry)):  # a registered instance: its own settings kept, params over them
        make: Any = lambda: attrs.evolve(entry, **params)  # noqa: E731
    elif isinstance(entry, type):
        make = lambda: entry(**params)  # noqa: E731
    elif inspect.isroutine(entry):
        raise InvalidValueError(
            N_("the scorer {name!r} is a function and takes no parameters; got {params}"),
            field=f"{field}.{sorted(map(str, params))[0]}",
            params={"name": name, "params": ", ".join(map(str, params))},
        )
    else:
        make = lambda: type(entry)(**params)  # noqa: E731
    try:
        return make()
    except InvalidValueError as err:
        inner = f"{field}.{err.field}" if err.field else field
        reason: Any = err.reason if err.template is None else Message(err.template, **err.params)
        raise InvalidValueError(
            N_("scorer {name!r}: {reason}"), field=inner, params={"name": name, "reason": reason}
        ) from None
    except GoalchainError:
        raise
    except (TypeError, ValueError) as err:
        kind = entry if isinstance(entry, type) else type(entry)
        wrong: list[str] = []
        if attrs.has(kind):
            accepted = [a.alias or a.name for a in attrs.fields(kind) if a.init]
            wrong = sorted(k for k in map(str, params) if k not in accepted)
        if attrs.has(kind) and wrong:
            raise InvalidValueError(
                N_("the scorer {name!r} has no parameter {wrong!r}; its parameters: {accepted}"),
                field=f"{field}.{wrong[0]}",
                params={
                    "name": name,
                    "wrong": wrong[0],
                    "accepted": ", ".join(accepted) or Message(N_("none")),
                },
            ) from None
        raise InvalidValueError(
            N_("the scorer {name!r} cannot be made with {params}: {error}"),
            field=f"{field}.{sorted(map(str, params))[0]}",
            params={"name": name, "params": ", ".join(map(str, params)), "error": str(err)},
        ) from None


def _scorer_spec(value: Any, field: str) -> tuple[str, dict[str, Any]]:
    """``"name"`` or ``{name: ..., param: value...}`` as (name, params)."""
    if isinstance(value, str):
        return value, {}
    if isinstance(value, Mapping):
        if "name" not in value:
            raise InvalidValueError(
                N_(
                    "a scorer with parameters is a mapping with its name, such as "
                    "{{name: target_met, tolerance: 0.5}}; 'name' is missing"
                ),
                field=f"{field}.name",
                params={},
            )
        name = value["name"]
        if not isinstance(name, str):
            raise InvalidValueError(
                N_("expected the name of a registered scorer, got {name!r}"),
                field=f"{field}.name",
                params={"name": name},
            )
        params = {str(k): thaw(v) for k, v in value.items() if k != "name"}
        return name, params
    raise InvalidValueError(
        N_(
            "expected the name of a registered scorer (progress, target_met...) or a mapping "
            "such as {{name: target_met, tolerance: 0.5}}, got {value!r}"
        ),
        field=field,
        params={"value": value},
    )


def resolve_scorer(value: Any, *, field: str = "scorer") -> tuple[str, Any, dict[str, Any]]:
    """The name, object and parameters of a scorer.

    *value* is a registered name (``"target_met"``), a mapping with the name and
    keyword parameters for the registered scorer (``{"name": "target_met",
    "tolerance": 0.5}``), or a scorer object.

    Raises
    ------
    UnknownScorerError
        For a name that is not registered, listing the names; its ``field`` is *field*.
    InvalidValueError
        For parameters the scorer does not take, or values it refuses, naming
        the field (``scorer.tolerance``).

    Examples
    --------
    >>> from goalchain.rollup._settings import resolve_scorer
    >>> name, scorer, params = resolve_scorer({"name": "target_met", "tolerance": 0.5})
    >>> name, scorer.tolerance, params
    ('target_met', 0.5, {'tolerance': 0.5})
    """
    if not isinstance(value, (str, Mapping)):
        return _name_of(value), value, {}
    name, params = _scorer_spec(value, field)
    try:
        entry = _registry(_SCORERS)[name]
    except UnknownScorerError as err:
        raise UnknownScorerError(
            name, kind="leaf scorer", known=err.known, field=f"{field}.name" if params else field
        ) from None
    return name, _parametrised(name, entry, params, field), params


def _scale(value: Any, field: str) -> StatusScale:
    try:
        return _scale_type().from_mapping(value)
    except InvalidValueError as err:
        inner = err.field if err.field not in (None, "status_scale") else None
        raise _again(err, field=f"{field}.{inner}" if inner else field) from None


def element_scale(value: Any, *, element: str | None) -> StatusScale:
    """The status scale an element's ``status_scale`` field gives.

    Raises
    ------
    InvalidValueError
        Naming the element and the field (``status_scale.achieved``).
    """
    try:
        return _scale(thaw(value) if isinstance(value, Mapping) else value, "status_scale")
    except InvalidValueError as err:
        raise _again(err, element=element, field=err.field) from None


def goal_scale(goal: Any) -> StatusScale | None:
    """A goal's own status scale (its ``status_scale`` field, kept in ``extra``), or None.

    Raises
    ------
    InvalidValueError
        Naming the goal and the field (``status_scale.achieved``).
    """
    extra = getattr(goal, "extra", None)
    if not extra or "status_scale" not in extra:
        return None
    return element_scale(extra["status_scale"], element=goal.id)


@attrs.frozen(kw_only=True)
class RollupSettings:
    """How a chain is judged when a roll-up names no strategy or scorer.

    Parameters
    ----------
    strategy
        The default roll-up strategy (a registered name), or None for ``weighted``.
    scorer
        The default leaf scorer (a registered name), or None for ``progress``.
    scorer_params
        Keyword parameters the scorer is made with (``{"tolerance": 0.5}``).
    levels
        A :class:`StatusScale` per level key: the elements of that level are
        judged on it instead of the chain's scale (a goal's own
        ``status_scale`` wins over its level's).

    Examples
    --------
    >>> from goalchain.rollup import RollupSettings
    >>> settings = RollupSettings.from_mapping(
    ...     {"scorer": {"name": "target_met", "tolerance": 1}, "levels":
    ...      {"committee": {"status_scale": {"achieved": 0.9}}}})
    >>> settings.scorer, dict(settings.scorer_params), settings.levels["committee"].achieved
    ('target_met', {'tolerance': 1}, 0.9)
    >>> settings.to_data()
    {'scorer': {'name': 'target_met', 'tolerance': 1}, 'levels': {'committee': {'status_scale': {'achieved': 0.9}}}}
    >>> RollupSettings.from_mapping({"scorer": "best"})
    Traceback (most recent call last):
    ...
    goalchain.exceptions.UnknownScorerError: field 'rollup.scorer': unknown leaf scorer 'best'; registered: progress, ratio, target_met
    """  # noqa: E501

    strategy: str | None = None
    scorer: str | None = None
    scorer_params: Mapping[str, Any] = attrs.field(factory=FrozenMapping, converter=FrozenMapping)
    levels: Mapping[str, StatusScale] = attrs.field(factory=dict)
    _made: list[tuple[Any, Any]] = attrs.field(factory=list, eq=False, repr=False, alias="made")

    def __attrs_post_init__(self) -> None:
        if self.strategy is not None:
            resolve_strategy(self.strategy, field="rollup.strategy")
        if self.scorer is not None:
            self.scorer_object()
        elif self.scorer_params:
            raise InvalidValueError(
                N_("scorer parameters need the scorer's name"),
                field="rollup.scorer.name",
                params={},
            )
        for key, scale in self.levels.items():
            if not isinstance(scale, _scale_type()):
                raise InvalidValueError(
                    N_("expected a StatusScale, got {scale!r}"),
                    field=f"rollup.levels.{key}.status_scale",
                    params={"scale": scale},
                )
        object.__setattr__(self, "levels", FrozenMapping(self.levels))

    @classmethod
    def from_mapping(cls, data: Any, *, model: GovernanceModel | None = None) -> RollupSettings:
        """Settings from a file's ``rollup`` mapping; with *model*, the level keys are checked.

        Raises
        ------
        InvalidValueError
            For an unknown field or a bad value, naming it (``rollup.levels.committee``).
        UnknownStrategyError, UnknownScorerError
            For a name that is not registered, listing the names.
        UnknownLevelError
            For a level the model does not have.
        """
        if isinstance(data, RollupSettings):
            data.check_levels(model)
            return data
        if not isinstance(data, Mapping):
            raise InvalidValueError(
                N_(
                    "expected a mapping such as {{strategy: weighted, scorer: target_met}}, "
                    "got {data!r}"
                ),
                field="rollup",
                params={"data": data},
            )
        unknown = set(data) - set(_KEYS)
        if unknown:
            raise _unknown(unknown, _KEYS, "rollup")
        fields: dict[str, Any] = {}
        strategy = data.get("strategy")
        if strategy is not None:
            if not isinstance(strategy, str):
                raise InvalidValueError(
                    N_("expected the name of a registered strategy, got {strategy!r}"),
                    field="rollup.strategy",
                    params={"strategy": strategy},
                )
            fields["strategy"] = strategy
        if data.get("scorer") is not None:
            name, params = _scorer_spec(data["scorer"], "rollup.scorer")
            fields["scorer"], fields["scorer_params"] = name, params
        levels = data.get("levels")
        if levels is not None:
            if not isinstance(levels, Mapping):
                raise InvalidValueError(
                    N_(
                        "expected a mapping of level key to its settings, such as "
                        "{{committee: {{status_scale: {{achieved: 0.9}}}}}}, got {levels!r}"
                    ),
                    field="rollup.levels",
                    params={"levels": levels},
                )
            scales: dict[str, StatusScale] = {}
            for key, entry in levels.items():
                where = f"rollup.levels.{key}"
                if not isinstance(entry, Mapping):
                    raise InvalidValueError(
                        N_(
                            "expected a mapping such as {{status_scale: {{achieved: 0.9}}}}, "
                            "got {entry!r}"
                        ),
                        field=where,
                        params={"entry": entry},
                    )
                if set(entry) - set(_LEVEL_KEYS):
                    raise _unknown(set(entry) - set(_LEVEL_KEYS), _LEVEL_KEYS, where)
                if entry.get("status_scale") is not None:
                    scales[str(key)] = _scale(entry["status_scale"], f"{where}.status_scale")
            fields["levels"] = scales
        settings = cls(**fields)
        settings.check_levels(model)
        return settings

    def check_levels(self, model: GovernanceModel | None) -> None:
        """Check that every level key is a level of *model* (nothing when None)."""
        if model is None:
            return
        keys = [lv.key for lv in model.levels]
        for key in self.levels:
            if key not in keys:
                err = UnknownLevelError(key, model=model.name, known=keys)
                err.field = f"rollup.levels.{key}"  # type: ignore[attr-defined]
                raise err

    def scorer_object(self) -> tuple[str, Any]:
        """The scorer's name and the object made with :attr:`scorer_params` (made once).

        Raises
        ------
        UnknownScorerError, InvalidValueError
            As :func:`resolve_scorer`.
        """
        assert self.scorer is not None
        # not .get(): a failed lookup raises UnknownScorerError, a LookupError but no KeyError
        scorers = _registry(_SCORERS)
        entry = scorers[self.scorer] if self.scorer in scorers else None  # noqa: SIM401
        for seen, made in self._made:
            if seen is entry:
                return self.scorer, made
        spec: Any = {"name": self.scorer, **self.scorer_params} if self.scorer_params else None
        name, made, _ = resolve_scorer(spec or self.scorer, field="rollup.scorer")
        self._made[:] = [(entry, made)]
        return name, made

    def to_data(self) -> dict[str, Any]:
        """The mapping :meth:`from_mapping` reads (what files hold under ``rollup``)."""
        out: dict[str, Any] = {}
        if self.strategy is not None:
            out["strategy"] = self.strategy
        if self.scorer is not None:
            params = thaw(self.scorer_params)
            out["scorer"] = {"name": self.scorer, **params} if params else self.scorer
        if self.levels:
            out["levels"] = {
                key: {"status_scale": scale.to_data()} for key, scale in self.levels.items()
            }
        return out

    def __bool__(self) -> bool:
        return bool(self.strategy or self.scorer or self.levels)


def settings_of(chain: GoalChain) -> RollupSettings:
    """The chain's settings (empty when it has none)."""
    found = getattr(chain, "_rollup_settings", None)
    return found if isinstance(found, RollupSettings) else _EMPTY


_EMPTY = RollupSettings()
