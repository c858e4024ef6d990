"""Governance models (styrmodeller): the ordered levels of a goal chain.

Municipalities name the levels of their chain differently (politiska
prioriteringar, inriktningsmål, perspektiv, effektmål, nämndmål, uppdrag...),
so a governance model is data: an ordered list of levels, each with a key,
Swedish and English labels, its kind (goal, indicator or activity) and the
levels allowed directly below it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, Literal

import attrs

from .._i18n import N_
from ..exceptions import (
    InvalidValueError,
    LevelError,
    Message,
    UnknownLevelError,
    UnknownModelError,
)

__all__ = ["PRESETS", "ElementKind", "GovernanceModel", "Level", "get_model"]

ElementKind = Literal["goal", "indicator", "activity"]
_KINDS = ("goal", "indicator", "activity")
KIND_PLURALS = {"goal": N_("goals"), "indicator": N_("indicators"), "activity": N_("activities")}
"""Each kind of element in the plural, for messages."""
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def _check_key(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not _KEY.fullmatch(value):
        raise InvalidValueError(
            N_(
                "level key {key!r} must be lower-case letters, digits and '_', "
                "starting with a letter"
            ),
            field=attribute.name,
            params={"key": value},
        )


def _check_kind(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if value not in _KINDS:
        raise InvalidValueError(
            N_("level kind {kind!r} is invalid; valid kinds: {valid}"),
            field=attribute.name,
            params={"kind": value, "valid": ", ".join(_KINDS)},
        )


def _to_children(value: Any) -> tuple[str, ...]:
    # One key given as a string is one child, not a tuple of its letters.
    if isinstance(value, str):
        return (value,)
    if value is None:
        return ()
    return tuple(value)


@attrs.frozen(kw_only=True)
class Level:
    """One level of a governance model.

    Parameters
    ----------
    key
        Identifier used in code and files (``"council"``).
    label_sv, label_en
        What the municipality calls the level, in Swedish and English.
    kind
        ``"goal"`` (the default), ``"indicator"`` or ``"activity"``.
    children
        Keys of the levels allowed directly below this one.
    owner_required
        True where every element at this level must be addressed to a named
        owner (Lerum: *mål och uppdrag ska alltid riktas till en utpekad mottagare*).
    description
        Free text.

    Examples
    --------
    >>> from goalchain.models import Level
    >>> level = Level(key="council", label_sv="KF-mål", label_en="Council goal",
    ...               children=("committee",))
    >>> level.kind, level.children, level.label("en")
    ('goal', ('committee',), 'Council goal')
    """

    key: str = attrs.field(validator=_check_key)
    label_sv: str = attrs.field(validator=attrs.validators.instance_of(str))
    label_en: str = attrs.field(validator=attrs.validators.instance_of(str))
    kind: ElementKind = attrs.field(default="goal", validator=_check_kind)
    children: tuple[str, ...] = attrs.field(default=(), converter=_to_children)
    owner_required: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    description: str | None = attrs.field(default=None)

    def label(self, lang: str = "sv") -> str:
        """The label in ``"sv"`` or ``"en"``."""
        return self.label_en if lang == "en" else self.label_sv

    def to_data(self) -> dict[str, Any]:
        """A plain dict as written to files."""
        data: dict[str, Any] = {
            "key": self.key,
            "label_sv": self.label_sv,
            "label_en": self.label_en,
        }
        if self.kind != "goal":
            data["kind"] = self.kind
        data["children"] = list(self.children)
        if self.owner_required:
            data["owner_required"] = True
        if self.description is not None:
            data["description"] = self.description
        return data


def _check_levels(instance: GovernanceModel, attribute: Any, levels: tuple[Level, ...]) -> None:
    if not levels:
        raise InvalidValueError(
            N_("a governance model needs at least one level"), field="levels", params={}
        )
    keys = [level.key for level in levels]
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise InvalidValueError(
                N_("level {key!r} appears twice in model {model!r}"),
                field="levels",
                params={"key": key, "model": instance.name},
            )
        seen.add(key)
    for level in levels:
        for child in level.children:
            if child not in seen:
                raise UnknownLevelError(child, model=instance.name, known=keys)
        if level.kind != "goal" and level.children:
            raise LevelError(
                N_(
                    "level {key!r} of kind {kind!r} cannot have levels below it; "
                    "only goal levels break down further"
                ),
                params={"key": level.key, "kind": level.kind},
            )
    kinds = {level.kind for level in levels}
    if "goal" not in kinds:
        raise InvalidValueError(
            N_("model {model!r} needs at least one goal level"),
            field="levels",
            params={"model": instance.name},
        )


def _to_levels(value: Iterable[Level]) -> tuple[Level, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class GovernanceModel:
    """The ordered levels of a municipality's goal chain.

    Parameters
    ----------
    name
        Identifier of the model (``"classic"``, ``"burlov"``, or your own).
    levels
        The levels, top first.
    label_sv, label_en
        Human-readable names of the model.
    description
        Free text: where the model comes from.

    Examples
    --------
    >>> from goalchain.models import GovernanceModel
    >>> model = GovernanceModel.preset("grastorp")
    >>> [level.label_sv for level in model.levels][:2]
    ['Perspektiv', 'Mål']
    >>> model.allows("perspective", "goal")
    True
    >>> model.allows("goal", "perspective")
    False
    """

    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    levels: tuple[Level, ...] = attrs.field(converter=_to_levels, validator=_check_levels)
    label_sv: str | None = attrs.field(default=None)
    label_en: str | None = attrs.field(default=None)
    description: str | None = attrs.field(default=None)

    @classmethod
    def preset(cls, name: str) -> GovernanceModel:
        """Return a preset.

        ``classic``, ``trelleborg``, ``nynashamn``, ``burlov``, ``grastorp`` or ``lerum``.
        """
        return get_model(name)

    @property
    def keys(self) -> tuple[str, ...]:
        """The level keys, top first."""
        return tuple(level.key for level in self.levels)

    def __iter__(self) -> Iterator[Level]:
        return iter(self.levels)

    def __contains__(self, key: object) -> bool:
        return key in self.keys

    def level(self, key: str, *, element: str | None = None) -> Level:
        """Return the level with *key*.

        Raises
        ------
        UnknownLevelError
            Listing the model's level keys.
        """
        for level in self.levels:
            if level.key == key:
                return level
        missing = str(key)
        raise UnknownLevelError(missing, model=self.name, known=self.keys, element=element)

    def rank(self, key: str) -> int:
        """Position of a level, 0 at the top."""
        return self.keys.index(self.level(key).key)

    def allows(self, parent_level: str, child_level: str) -> bool:
        """Tell whether *child_level* may sit directly below *parent_level*."""
        return child_level in self.level(parent_level).children

    def default_level(self, kind: ElementKind) -> str:
        """The first level of *kind* (used when an indicator or activity names no level)."""
        for level in self.levels:
            if level.kind == kind:
                return level.key
        kinds = Message(KIND_PLURALS.get(kind, kind))  # "activities", no longer "activitys"
        raise LevelError(
            N_("governance model {model!r} has no level for {kinds}; its levels: {levels}"),
            params={"model": self.name, "kinds": kinds, "levels": ", ".join(self.keys)},
        )

    def roots(self) -> tuple[str, ...]:
        """Levels that no other level lists below it (the top of the chain)."""
        below = {child for level in self.levels for child in level.children}
        return tuple(key for key in self.keys if key not in below)

    def to_data(self) -> dict[str, Any]:
        """A plain dict as written to files."""
        data: dict[str, Any] = {"name": self.name}
        for key in ("label_sv", "label_en", "description"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        data["levels"] = [level.to_data() for level in self.levels]
        return data

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> GovernanceModel:
        """Build a model from the dict form of :meth:`to_data`."""
        levels = [Level(**dict(level)) for level in data["levels"]]
        extra = {k: v for k, v in data.items() if k != "levels"}
        return cls(levels=levels, **extra)


def _levels(*specs: tuple[Any, ...], owner_required: bool = False) -> list[Level]:
    out = []
    for key, sv, en, kind, children in specs:
        out.append(
            Level(
                key=key,
                label_sv=sv,
                label_en=en,
                kind=kind,
                children=children,
                owner_required=owner_required and kind != "indicator",
            )
        )
    return out


_LEAVES = ("indicator", "activity")
_INDICATOR = ("indicator", "Indikator", "Indicator", "indicator", ())
_ACTIVITY = ("activity", "Aktivitet", "Activity", "activity", ())

_PRESET_MODELS: dict[str, GovernanceModel] = {
    model.name: model
    for model in (
        GovernanceModel(
            name="classic",
            label_sv="Klassisk målkedja",
            label_en="Classic goal chain",
            description="Vision -> council goals -> committee goals -> indicators and activities.",
            levels=_levels(
                ("vision", "Vision", "Vision", "goal", ("council",)),
                ("council", "KF-mål", "Council goal", "goal", ("committee", *_LEAVES)),
                ("committee", "Nämndmål", "Committee goal", "goal", _LEAVES),
                _INDICATOR,
                _ACTIVITY,
            ),
        ),
        GovernanceModel(
            name="trelleborg",
            label_sv="Trelleborgs ledningssystem",
            label_en="Trelleborg's management system",
            description=(
                "Kommunfullmäktige anger en vision och politiska prioriteringar; nämnderna "
                "anger effektmål som knyter an till en eller flera prioriteringar."
            ),
            levels=_levels(
                ("vision", "Vision", "Vision", "goal", ("priority",)),
                (
                    "priority",
                    "Politisk prioritering",
                    "Political priority",
                    "goal",
                    ("effect_goal", "indicator"),
                ),
                ("effect_goal", "Effektmål", "Effect goal", "goal", _LEAVES),
                _INDICATOR,
                _ACTIVITY,
            ),
        ),
        GovernanceModel(
            name="nynashamn",
            label_sv="Nynäshamns styrmodell",
            label_en="Nynäshamn's governance model",
            description=(
                "Vision 2040, kommunfullmäktiges mål med riktningsvisande indikatorer, "
                "nämndmål (varav tvärsektoriella mål lika för alla nämnder), "
                "resultatindikatorer och aktiviteter."
            ),
            levels=_levels(
                ("vision", "Vision", "Vision", "goal", ("council",)),
                (
                    "council",
                    "Kommunfullmäktiges mål",
                    "Council goal",
                    "goal",
                    ("committee", "indicator"),
                ),
                ("committee", "Nämndmål", "Committee goal", "goal", _LEAVES),
                ("indicator", "Indikator", "Indicator", "indicator", ()),
                ("activity", "Aktivitet", "Activity", "activity", ()),
            ),
        ),
        GovernanceModel(
            name="burlov",
            label_sv="Burlövs ledningssystem",
            label_en="Burlöv's management system",
            description=(
                "Mål- och resultatstyrning: nämnderna föreslår SMART-mål, kommunfullmäktige "
                "antar dem med målvärde för 2026 och nämnderna bryter ner målnivån i en "
                "årsvis progressionstakt."
            ),
            levels=_levels(
                ("vision", "Vision", "Vision", "goal", ("council",)),
                (
                    "council",
                    "Kommunfullmäktiges mål",
                    "Council goal",
                    "goal",
                    ("committee", *_LEAVES),
                ),
                ("committee", "Nämndmål", "Committee goal", "goal", _LEAVES),
                _INDICATOR,
                _ACTIVITY,
            ),
        ),
        GovernanceModel(
            name="grastorp",
            label_sv="Grästorps styr- och ledningsmodell",
            label_en="Grästorp's trust-based governance model",
            description=(
                "Tillitsbaserad styrning: uppdraget delas in i tre perspektiv "
                "(samhällsutveckling, välfärdsutveckling, attraktiv arbetsplats); "
                "måluppfyllelsen följs upp i dialog mellan tjänstepersoner och förtroendevalda."
            ),
            levels=_levels(
                ("perspective", "Perspektiv", "Perspective", "goal", ("goal",)),
                ("goal", "Mål", "Goal", "goal", ("committee", *_LEAVES)),
                ("committee", "Nämndmål", "Committee goal", "goal", _LEAVES),
                ("indicator", "Verksamhetsmått", "Performance measure", "indicator", ()),
                _ACTIVITY,
            ),
        ),
        GovernanceModel(
            name="lerum",
            label_sv="Så styr vi Lerum",
            label_en="How Lerum is governed",
            description=(
                "Målstyrning genom tydliga uppdrag, alltid riktade till en utpekad mottagare: "
                "VAD-sidan (uppdragsgivaren) formulerar målet, HUR-sidan (mottagaren) ansvarar "
                "för genomförande och återrapportering. Kommunfullmäktige -> kommunstyrelse -> "
                "kommundirektör -> sektorschef."
            ),
            levels=_levels(
                ("vision", "Vision", "Vision", "goal", ("council",)),
                (
                    "council",
                    "Kommunfullmäktiges mål och inriktning",
                    "Council goal and direction",
                    "goal",
                    ("board", "indicator"),
                ),
                (
                    "board",
                    "Kommunstyrelsens uppdrag",
                    "Executive board assignment",
                    "goal",
                    ("director", *_LEAVES),
                ),
                (
                    "director",
                    "Kommundirektörens uppdrag",
                    "Municipal director assignment",
                    "goal",
                    ("sector", *_LEAVES),
                ),
                ("sector", "Sektorschefens uppdrag", "Sector head assignment", "goal", _LEAVES),
                ("indicator", "Kvalitetsmått", "Quality measure", "indicator", ()),
                ("activity", "Uppdrag", "Assignment", "activity", ()),
                owner_required=True,
            ),
        ),
    )
}

PRESETS: Mapping[str, GovernanceModel] = MappingProxyType(_PRESET_MODELS)
"""Read-only mapping of the preset governance models by name."""


def get_model(model: str | GovernanceModel) -> GovernanceModel:
    """Return *model* itself, or the preset with that name.

    Raises
    ------
    UnknownModelError
        When no preset has that name; lists the presets.

    Examples
    --------
    >>> from goalchain.models import get_model
    >>> get_model("lerum").keys
    ('vision', 'council', 'board', 'director', 'sector', 'indicator', 'activity')
    """
    if isinstance(model, GovernanceModel):
        return model
    try:
        return _PRESET_MODELS[model]
    except (KeyError, TypeError):
        missing = str(model)
        raise UnknownModelError(missing, known=_PRESET_MODELS) from None


def presets() -> Iterable[str]:
    """Names of the preset models."""
    return tuple(_PRESET_MODELS)
