"""Hypothesis strategies for goalchain's value objects and goal chains.

Use them to property-test code built on goalchain: roll-up strategies,
reports, importers, anything that takes a :class:`~goalchain.GoalChain`.
Every strategy produces *valid* objects (they construct without error), and
:func:`goal_chains` produces chains that are DAGs by construction, obey their
governance model's level rules and shrink towards small, simple chains.

This module needs hypothesis, which is not a runtime dependency of goalchain:
install the test extra, ``pip install "malkedja[test]"``. Import it only from
tests.

The factories follow hypothesis's own conventions: arguments are keyword-only
and checked when the strategy is built (a bad argument raises
:class:`hypothesis.errors.InvalidArgument` at once, not at the first draw), and
strategies are composed from the smaller ones below, so they shrink well.

Examples
--------
>>> import networkx as nx
>>> from hypothesis import given
>>> from goalchain.testing import goal_chains
>>> @given(goal_chains(model="burlov", max_elements=8))
... def test_every_chain_is_a_dag(chain):
...     assert nx.is_directed_acyclic_graph(chain.graph)
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import warnings
from collections.abc import Sequence
from typing import Any

import hypothesis.strategies as st
from hypothesis.errors import InvalidArgument

from .exceptions import GoalchainError
from .models import (
    ACTIVITY_STATUSES,
    ASSESSMENT_STATUSES,
    DIRECTIONS,
    FREQUENCIES,
    GENDERS,
    MAX_YEAR,
    MIN_YEAR,
    PRESETS,
    Activity,
    Assessment,
    Decision,
    Element,
    Goal,
    GoalChain,
    GovernanceModel,
    Indicator,
    Level,
    Measurement,
    Period,
    YearValue,
    get_model,
)
from .models._governance import ElementKind

__all__ = [
    "UNITS",
    "activities",
    "assessments",
    "decisions",
    "element_ids",
    "extra_fields",
    "goal_chains",
    "goals",
    "governance_models",
    "indicators",
    "kolada_ids",
    "measurements",
    "municipality_codes",
    "periods",
    "swedish_numbers",
    "swedish_texts",
    "trajectories",
    "weights",
    "years",
]

UNITS: tuple[str, ...] = (
    "percent",
    "count",
    "SEK",
    "tkr",
    "mnkr",
    "%",
    "kr",
    "st",
    "percentage_point",
    "per_1000_inhabitants",
    "inhabitant",
    "kr/invånare",
    "day",
    "hour",
)
"""Unit strings that :func:`indicators` draws from: registry names and Swedish aliases."""

_PERIOD_INDICES: dict[str, tuple[int, ...]] = {
    "year": (0,),
    "tertial": (1, 2, 3),
    "quarter": (1, 2, 3, 4),
    "interim": (0,),
}

# Letters of Swedish text, with the characters that trip up YAML and JSON writers.
_SWEDISH_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzåäöABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖé0123456789 ,.-–:;!?%&/()'\"#\u00a0"
)
_PHRASES = (
    "Vision",
    "Fler elever ska nå gymnasiebehörighet",
    "Trelleborg ska vara en framgångskommun",
    "Nynäshamn 2040 – en hållbar skärgårdskommun",
    "Attraktiv arbetsgivare",
    "God ekonomisk hushållning",
    "Minskad klimatpåverkan",
    "Samhällsutveckling",
    "Välfärdsutveckling",
    "Andel behöriga till yrkesprogram, %",
    "Nettokostnadsavvikelse äldreomsorg",
    "Läxhjälp på alla skolor",
    "Tryggare offentliga miljöer",
)
_OWNERS = (
    "Kommunfullmäktige",
    "Kommunstyrelsen",
    "Barn- och utbildningsnämnden",
    "Socialnämnden",
    "Kultur- och fritidsnämnden",
    "Samhällsbyggnadsnämnden",
    "Kommundirektören",
    "Sektor utbildning",
    "Skolförvaltningen",
)
_PARTICIPANTS = ("Anna Andersson", "Erik Öberg", "Förvaltningschef", "Ordförande", "Åsa Ek")
_TAGS = ("skola", "klimat", "ekonomi", "trygghet", "jämställdhet", "tvärsektoriellt")
_SOURCES = ("Kolada", "SCB", "Egen mätning", "Medarbetarenkät", "utfall_2024.xlsx")
_ROLLUPS = ("weighted", "worst_case", "dialogue", "mean")
_PROGRESSIONS = ("linear", "geometric", "maintain")
_METHODS = ("dialogue", "indicators", "self_assessment")
_REFERENCES = ("KS 2022/412", "KF § 123", "Dnr 2023.0456", "BUN 2024/17")
# Keys of extra fields: never the name of a field goalchain knows.
_EXTRA_KEYS = (
    "kommunkod",
    "kommentar",
    "ansvarig_enhet",
    "färg",
    "budget_tkr",
    "x_källa",
    "uppföljning",
)
# Strings that a careless YAML or JSON round trip turns into something else.
_TRICKY_STRINGS = (
    "0192",
    "0114",
    "1e3",
    "12,5",
    "2024-12-31",
    "yes",
    "no",
    "on",
    "off",
    "null",
    "~",
    "true",
    "False",
    "-",
    "",
    " inledande mellanslag",
    "a: b",
    "#kommentar",
    "rad ett\nrad två",
    "'citat'",
    '"citat"',
)
_MAX_EXAMPLE_SIZE = 60


# --------------------------------------------------------------------------- checks
def _check_int(
    name: str, value: Any, *, min_value: int | None = None, max_value: int | None = None
) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{name}={value!r} must be an integer")
    if min_value is not None and value < min_value:
        raise InvalidArgument(f"{name}={value!r} must be at least {min_value}")
    if max_value is not None and value > max_value:
        raise InvalidArgument(f"{name}={value!r} must be at most {max_value}")
    return value


def _check_year_range(min_year: Any, max_year: Any) -> tuple[int, int]:
    _check_int("min_year", min_year, min_value=MIN_YEAR, max_value=MAX_YEAR)
    _check_int("max_year", max_year, min_value=MIN_YEAR, max_value=MAX_YEAR)
    if min_year > max_year:
        raise InvalidArgument(f"min_year={min_year!r} must not exceed max_year={max_year!r}")
    return min_year, max_year


def _check_choices(name: str, value: Any, valid: Sequence[str]) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence) or not value:
        raise InvalidArgument(
            f"{name}={value!r} must be a non-empty sequence drawn from {', '.join(valid)}"
        )
    for item in value:
        if item not in valid:
            raise InvalidArgument(f"{name} contains {item!r}; valid: {', '.join(valid)}")
    return tuple(dict.fromkeys(value))


def _resolve_model(model: Any) -> GovernanceModel:
    try:
        return get_model(model)
    except GoalchainError as err:
        raise InvalidArgument(f"model={model!r}: {err}") from None


def _model_strategy(model: Any) -> st.SearchStrategy[GovernanceModel]:
    if model is None:
        return governance_models()
    if isinstance(model, st.SearchStrategy):
        return model
    return st.just(_resolve_model(model))


def _check_level(model: GovernanceModel, level: Any, kind: str) -> Level | None:
    if level is None:
        if not any(lv.kind == kind for lv in model.levels):
            raise InvalidArgument(f"governance model {model.name!r} has no {kind} level")
        return None
    if level not in model.keys:
        raise InvalidArgument(
            f"level={level!r} is not a level of model {model.name!r}; "
            f"valid: {', '.join(model.keys)}"
        )
    found = model.level(level)
    if found.kind != kind:
        valid = [lv.key for lv in model.levels if lv.kind == kind]
        raise InvalidArgument(
            f"level={level!r} is for {found.kind}s; {kind} levels of model "
            f"{model.name!r}: {', '.join(valid) or 'none'}"
        )
    return found


def _check_id(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise InvalidArgument(
            f"{name}={value!r} must be a non-empty string without surrounding spaces"
        )
    return value


# ------------------------------------------------------------------ small strategies
def years(*, min_year: int = MIN_YEAR, max_year: int = MAX_YEAR) -> st.SearchStrategy[int]:
    """Years that goalchain accepts, shrinking towards *min_year*.

    Parameters
    ----------
    min_year, max_year
        Inclusive bounds, within ``MIN_YEAR``-``MAX_YEAR`` (1900-2200).

    Raises
    ------
    hypothesis.errors.InvalidArgument
        For bounds that are not integers, outside the valid range or reversed.

    Examples
    --------
    >>> from goalchain.testing import years
    >>> strategy = years(min_year=2019, max_year=2026)
    >>> years(min_year=1800)
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: min_year=1800 must be at least 1900
    """
    low, high = _check_year_range(min_year, max_year)
    return st.integers(low, high)


def periods(
    *,
    min_year: int = MIN_YEAR,
    max_year: int = MAX_YEAR,
    kinds: Sequence[str] = ("year", "tertial", "quarter", "interim"),
) -> st.SearchStrategy[Period]:
    """Follow-up periods: years, tertials, quarters and interim periods.

    Shrinks towards whole years and towards *min_year*.

    Parameters
    ----------
    min_year, max_year
        Inclusive bounds of the year.
    kinds
        Which kinds of period to draw: ``"year"``, ``"tertial"``,
        ``"quarter"``, ``"interim"``.

    Examples
    --------
    >>> from goalchain.testing import periods
    >>> strategy = periods(min_year=2023, max_year=2025, kinds=["tertial", "interim"])
    """
    low, high = _check_year_range(min_year, max_year)
    return _periods(low, high, _check_choices("kinds", kinds, tuple(_PERIOD_INDICES)))


@functools.cache
def _periods(low: int, high: int, kinds: tuple[str, ...]) -> st.SearchStrategy[Period]:
    parts = st.sampled_from([(kind, index) for kind in kinds for index in _PERIOD_INDICES[kind]])
    return st.builds(
        lambda year, part: Period(year=year, kind=part[0], index=part[1]),
        st.integers(low, high),
        parts,
    )


def swedish_texts(*, min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Swedish text: goal wordings, names and free text with å, ä, ö and punctuation.

    Shrinks towards realistic phrases. Every text has a non-space character
    (so it is a valid title).

    Examples
    --------
    >>> from goalchain.testing import swedish_texts
    >>> strategy = swedish_texts(max_size=20)
    """
    _check_int("min_size", min_size, min_value=1)
    _check_int("max_size", max_size, min_value=min_size)
    return _texts(min_size, max_size)


@functools.cache
@functools.cache
def element_ids() -> st.SearchStrategy[str]:
    """Element ids: ``"kf1"``, ``"bun-2"``, Swedish words and municipality-like ``"0192"``.

    Ids are strings without surrounding spaces; some look like numbers, to
    test that they stay strings.

    Examples
    --------
    >>> from goalchain.testing import element_ids
    >>> strategy = element_ids()
    """
    prefixes = st.sampled_from(("g", "kf", "bun", "sn", "i", "a", "mål", "uppdrag-", "N"))
    return st.one_of(
        st.builds(lambda p, n: f"{p}{n}", prefixes, st.integers(0, 999)),
        municipality_codes(),
        st.from_regex(r"[a-zåäöA-Z0-9][a-zåäöA-Z0-9 ._:/-]{0,10}[a-zåäö0-9]", fullmatch=True),
    )


@functools.cache
def municipality_codes() -> st.SearchStrategy[str]:
    """Four-digit municipality codes such as ``"0192"`` (always strings).

    The first two digits are the county (01-25), so many codes start with 0.

    Examples
    --------
    >>> from goalchain.testing import municipality_codes
    >>> strategy = municipality_codes()
    """
    return st.builds(
        lambda county, number: f"{county:02d}{number:02d}", st.integers(1, 25), st.integers(0, 99)
    )


@functools.cache
def kolada_ids() -> st.SearchStrategy[str]:
    """Kolada KPI ids: a capital letter and five digits, such as ``"N15436"``.

    Examples
    --------
    >>> from goalchain.testing import kolada_ids
    >>> strategy = kolada_ids()
    """
    letters = st.sampled_from("NUABCDEFGHIJKLMOPQRSTVWXYZ")
    return st.builds(
        lambda letter, number: f"{letter}{number:05d}", letters, st.integers(0, 99_999)
    )


def weights(*, max_value: float = 10.0) -> st.SearchStrategy[float]:
    """Link weights: finite floats ``>= 0``, shrinking towards the default 1.0.

    Examples
    --------
    >>> from goalchain.testing import weights
    >>> strategy = weights(max_value=3.0)
    """
    if (
        isinstance(max_value, bool)
        or not isinstance(max_value, (int, float))
        or not (math.isfinite(max_value) and max_value >= 0)
    ):
        raise InvalidArgument(f"max_value={max_value!r} must be a finite number >= 0")
    return _weights(float(max_value))


@functools.cache
def _weights(max_value: float) -> st.SearchStrategy[float]:
    return st.one_of(
        st.just(1.0),
        st.sampled_from([w for w in (0.0, 0.5, 2.0) if w <= max_value]),
        st.floats(0.0, max_value, allow_nan=False, allow_infinity=False),
    )


@functools.cache
def _values() -> st.SearchStrategy[float]:
    return st.one_of(
        st.integers(0, 100).map(float),
        st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False),
    )


@functools.cache
def _texts(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    phrases = [p for p in _PHRASES if min_size <= len(p) <= max_size]
    free = st.text(_SWEDISH_ALPHABET, min_size=min_size, max_size=max_size).filter(str.strip)
    return st.one_of(st.sampled_from(phrases), free) if phrases else free


def extra_fields(*, max_size: int = 3, max_depth: int = 2) -> st.SearchStrategy[dict[str, Any]]:
    """Extra fields (what goalchain does not know but must keep): nested dicts and lists.

    Keys never clash with a field goalchain knows. Values include numbers,
    booleans, None, Swedish text, municipality codes such as ``"0192"`` and
    strings a careless YAML writer would change (``"yes"``, ``"1e3"``,
    ``"2024-12-31"``).

    Parameters
    ----------
    max_size
        Most keys per mapping (and items per list).
    max_depth
        How deeply mappings and lists nest (0: only scalar values).

    Examples
    --------
    >>> from goalchain.testing import extra_fields
    >>> strategy = extra_fields(max_size=2, max_depth=1)
    """
    _check_int("max_size", max_size, min_value=0)
    _check_int("max_depth", max_depth, min_value=0)
    return _extra(max_size, max_depth)


@functools.cache
def _extra(max_size: int, max_depth: int) -> st.SearchStrategy[dict[str, Any]]:
    keys = st.one_of(
        st.sampled_from(_EXTRA_KEYS), st.from_regex(r"x_[a-zåäö]{1,8}", fullmatch=True)
    )
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**9), 10**9),
        st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False),
        municipality_codes(),
        st.sampled_from(_TRICKY_STRINGS),
        _texts(1, 20),
    )
    values: st.SearchStrategy[Any] = scalars
    for _ in range(max_depth):
        values = st.one_of(
            scalars,
            st.lists(values, max_size=max_size),
            st.dictionaries(keys, values, max_size=max_size),
        )
    return st.dictionaries(keys, values, max_size=max_size)


def _maybe_extra(max_size: int = 3, max_depth: int = 2) -> st.SearchStrategy[dict[str, Any]]:
    return st.just({}) | _extra(max_size, max_depth)


@functools.cache
def decisions() -> st.SearchStrategy[Decision]:
    """Decisions that adopted a goal: body, optional date and reference (diarienummer).

    Examples
    --------
    >>> from goalchain.testing import decisions
    >>> strategy = decisions()
    """
    return st.builds(
        Decision,
        body=st.sampled_from(("Kommunfullmäktige", "Kommunstyrelsen", "Socialnämnden")),
        date=st.none() | _dates(),
        reference=st.none() | st.sampled_from(_REFERENCES),
        extra=_maybe_extra(2, 0),
    )


@functools.cache
def _dates() -> st.SearchStrategy[dt.date]:
    return st.dates(dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31))


@functools.cache
def _owners(required: bool) -> st.SearchStrategy[str | None]:
    named = st.one_of(st.sampled_from(_OWNERS), _texts(1, 30))
    return named if required else st.none() | named


def _merge(parts: tuple[dict[str, Any], dict[str, Any]]) -> dict[str, Any]:
    return {**parts[0], **parts[1]}


@functools.cache
def _common(
    kind: str,
    model: GovernanceModel,
    level: str | None,
) -> st.SearchStrategy[dict[str, Any]]:
    """The fields (except id) every element has, at *level* or at any level of *kind*."""
    levels = (
        [model.level(level)]
        if level is not None
        else [lv for lv in model.levels if lv.kind == kind]
    )
    return st.one_of(
        [
            st.fixed_dictionaries(
                {
                    "title": _texts(1, 40),
                    "level": st.just(lv.key),
                    "owner": _owners(lv.owner_required),
                    "description": st.none() | _texts(1, 60),
                    "tags": st.lists(st.sampled_from(_TAGS), max_size=3, unique=True).map(tuple),
                    "extra": _maybe_extra(2, 1),
                }
            )
            for lv in levels
        ]
    )


@functools.cache
def _goal_fields(model: GovernanceModel, level: str | None) -> st.SearchStrategy[dict[str, Any]]:
    own = st.fixed_dictionaries(
        {
            "decision": st.none() | decisions(),
            "cross_cutting": st.booleans(),
            "rollup": st.none() | st.sampled_from(_ROLLUPS),
        }
    )
    return st.tuples(_common("goal", model, level), own).map(_merge)


@functools.cache
def _indicator_fields(
    model: GovernanceModel, level: str | None, units: tuple[str, ...], low: int, high: int
) -> st.SearchStrategy[dict[str, Any]]:
    @st.composite
    def span(draw: st.DrawFn) -> dict[str, Any]:
        baseline = target = None
        annual: tuple[YearValue, ...] = ()
        if low < high and draw(st.booleans()):
            base_year = draw(st.integers(low, high - 1))
            target_year = draw(st.integers(base_year + 1, min(base_year + 10, high)))
            baseline = YearValue(base_year, draw(_values()))
            target = YearValue(target_year, draw(_values()))
            targets = draw(
                st.dictionaries(st.integers(base_year, target_year), _values(), max_size=4)
            )
            annual = tuple(YearValue(year, value) for year, value in targets.items())
        elif draw(st.booleans()):
            baseline = YearValue(draw(st.integers(low, high)), draw(_values()))
        return {"baseline": baseline, "target": target, "annual_targets": annual}

    own = st.fixed_dictionaries(
        {
            "unit": st.sampled_from(units),
            "direction": st.sampled_from(DIRECTIONS),
            "progression": st.none() | st.sampled_from(_PROGRESSIONS),
            "kolada": st.none() | kolada_ids(),
            "frequency": st.sampled_from(FREQUENCIES),
            "lag": st.integers(0, 10),
        }
    )
    return st.tuples(st.tuples(_common("indicator", model, level), own).map(_merge), span()).map(
        _merge
    )


@functools.cache
def _activity_fields(
    model: GovernanceModel,
    level: str | None,
) -> st.SearchStrategy[dict[str, Any]]:
    @st.composite
    def dates(draw: st.DrawFn) -> dict[str, Any]:
        start = draw(st.none() | _dates())
        if start is not None:
            due = draw(st.none() | st.dates(start, dt.date(MAX_YEAR, 12, 31)))
        else:
            due = draw(st.none() | _dates())
        return {"start": start, "due": due}

    own = st.fixed_dictionaries(
        {
            "status": st.sampled_from(ACTIVITY_STATUSES),
            "progress": st.none() | st.floats(0.0, 1.0),
        }
    )
    return st.tuples(st.tuples(_common("activity", model, level), own).map(_merge), dates()).map(
        _merge
    )


@functools.cache
def _plain_fields(
    kind: str, model: GovernanceModel, level: str | None, units: tuple[str, ...] = UNITS
) -> st.SearchStrategy[dict[str, Any]]:
    """A title and what the level requires, nothing else: cheap to draw and to shrink."""
    levels = (
        [model.level(level)]
        if level is not None
        else [lv for lv in model.levels if lv.kind == kind]
    )
    options = [
        st.fixed_dictionaries(
            {
                "title": st.sampled_from(_PHRASES),
                "level": st.just(lv.key),
                "owner": st.sampled_from(_OWNERS) if lv.owner_required else st.none(),
                **({"unit": st.sampled_from(units)} if kind == "indicator" else {}),
            }
        )
        for lv in levels
    ]
    return options[0] if len(options) == 1 else st.one_of(options)


def _bare_fields(level: Level) -> dict[str, Any]:
    """The fields of an element in a chain without details: no choices at all."""
    fields: dict[str, Any] = {"title": level.label_sv, "level": level.key}
    if level.owner_required:
        fields["owner"] = _OWNERS[0]
    if level.kind == "indicator":
        fields["unit"] = UNITS[0]
    return fields


def _with_id(
    cls: type[Any], ids: st.SearchStrategy[str], fields: st.SearchStrategy[dict[str, Any]]
) -> st.SearchStrategy[Any]:
    return st.builds(lambda element_id, kwargs: cls(id=element_id, **kwargs), ids, fields)


def goals(
    *, model: str | GovernanceModel = "classic", level: str | None = None, id: str | None = None
) -> st.SearchStrategy[Goal]:
    """Goals at a goal level of *model*, with owner, decision, tags and extra fields.

    At levels where the model requires a named owner (Lerum), every goal has one.
    Shrinks towards a plain goal: a title and what the level requires.

    Parameters
    ----------
    model
        A :class:`~goalchain.GovernanceModel` or a preset's name.
    level
        A goal level of *model*; drawn from its goal levels when None.
    id
        A fixed id; drawn from :func:`element_ids` when None.

    Raises
    ------
    hypothesis.errors.InvalidArgument
        For an unknown model, or a level that is not a goal level of it.

    Examples
    --------
    >>> from goalchain.testing import goals
    >>> strategy = goals(model="grastorp", level="perspective")
    >>> goals(model="classic", level="indicator")
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: level='indicator' is for indicators; goal levels ...
    """
    resolved = _resolve_model(model)
    _check_level(resolved, level, "goal")
    return _with_id(
        Goal, _ids(id), _plain_fields("goal", resolved, level) | _goal_fields(resolved, level)
    )


def indicators(
    *,
    model: str | GovernanceModel = "classic",
    level: str | None = None,
    id: str | None = None,
    units: Sequence[str] = UNITS,
    min_year: int = MIN_YEAR,
    max_year: int = MAX_YEAR,
) -> st.SearchStrategy[Indicator]:
    """Indicators with unit, direction, baseline, target and annual targets.

    The target year always comes after the baseline year; annual targets lie
    in the span between them (inclusive); Kolada ids look like ``"N15436"``.

    Parameters
    ----------
    model, level, id
        As for :func:`goals`, for indicator levels.
    units
        Unit strings to draw from (each must be one the registry reads).
    min_year, max_year
        Bounds of the baseline and target years.

    Examples
    --------
    >>> from goalchain.testing import indicators
    >>> strategy = indicators(units=["percent", "kr"], min_year=2019, max_year=2030)
    """
    resolved = _resolve_model(model)
    _check_level(resolved, level, "indicator")
    low, high = _check_year_range(min_year, max_year)
    if isinstance(units, str) or not isinstance(units, Sequence) or not units:
        raise InvalidArgument(f"units={units!r} must be a non-empty sequence of unit strings")
    for unit in units:
        _check_unit("units", unit)
    return _with_id(
        Indicator,
        _ids(id),
        _plain_fields("indicator", resolved, level, tuple(units))
        | _indicator_fields(resolved, level, tuple(units), low, high),
    )


def activities(
    *, model: str | GovernanceModel = "classic", level: str | None = None, id: str | None = None
) -> st.SearchStrategy[Activity]:
    """Activities (åtaganden, uppdrag): owner, start and due dates, status and progress.

    The due date never precedes the start date.

    Parameters
    ----------
    model, level, id
        As for :func:`goals`, for activity levels.

    Examples
    --------
    >>> from goalchain.testing import activities
    >>> strategy = activities(model="lerum")
    """
    resolved = _resolve_model(model)
    _check_level(resolved, level, "activity")
    return _with_id(
        Activity,
        _ids(id),
        _plain_fields("activity", resolved, level) | _activity_fields(resolved, level),
    )


def _ids(fixed: str | None, name: str = "id") -> st.SearchStrategy[str]:
    if fixed is None:
        return element_ids()
    _check_id(name, fixed)
    return st.just(fixed)


def _check_unit(name: str, unit: Any) -> None:
    from .units import parse_unit

    try:
        parse_unit(unit)
    except (GoalchainError, TypeError) as err:
        raise InvalidArgument(f"{name} contains {unit!r}, which is not a unit: {err}") from None


def measurements(
    *,
    indicator: str | None = None,
    unit: str = "percent",
    min_year: int = MIN_YEAR,
    max_year: int = MAX_YEAR,
) -> st.SearchStrategy[Measurement]:
    """Measurements of an indicator: period, value, gender T/K/M, preliminary flag, source.

    Parameters
    ----------
    indicator
        The indicator id; drawn from :func:`element_ids` when None.
    unit
        The unit of the values.
    min_year, max_year
        Bounds of the periods' years.

    Examples
    --------
    >>> from goalchain.testing import measurements
    >>> strategy = measurements(indicator="i1", unit="kr", min_year=2020, max_year=2024)
    """
    ids = _ids(indicator, "indicator")
    low, high = _check_year_range(min_year, max_year)
    _check_unit("unit", unit)
    return st.builds(
        Measurement,
        indicator=ids,
        period=periods(min_year=low, max_year=high),
        value=_values(),
        unit=st.just(unit),
        gender=st.sampled_from(GENDERS),
        preliminary=st.booleans(),
        source=st.none() | st.sampled_from(_SOURCES),
        extra=_maybe_extra(2, 1),
    )


_STATUS_LABELS = ("uppfyllt", "delvis uppfyllt", "ej uppfyllt", "ej bedömt")


@functools.cache
def _assessment_fields() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "status": st.sampled_from(ASSESSMENT_STATUSES + _STATUS_LABELS),
            "score": st.none() | st.floats(0.0, 1.0),
            "rationale": st.just("") | _texts(1, 80),
            "participants": st.lists(st.sampled_from(_PARTICIPANTS), max_size=3, unique=True).map(
                tuple
            ),
            "date": st.none() | _dates(),
            "method": st.sampled_from(_METHODS),
            "extra": _maybe_extra(2, 1),
        }
    )


def assessments(
    *,
    element: str | None = None,
    min_year: int = MIN_YEAR,
    max_year: int = MAX_YEAR,
) -> st.SearchStrategy[Assessment]:
    """Assessments of goal fulfilment, as from a dialogue (Grästorp).

    Statuses are drawn from the keys and the Swedish labels
    (``"delvis uppfyllt"``...), which the :class:`~goalchain.Assessment` normalises.

    Parameters
    ----------
    element
        The assessed element's id; drawn from :func:`element_ids` when None.
    min_year, max_year
        Bounds of the periods' years.

    Examples
    --------
    >>> from goalchain.testing import assessments
    >>> strategy = assessments(element="kf1", min_year=2023, max_year=2026)
    """
    ids = _ids(element, "element")
    low, high = _check_year_range(min_year, max_year)
    return st.builds(
        lambda element_id, period, kwargs: Assessment(element=element_id, period=period, **kwargs),
        ids,
        periods(min_year=low, max_year=high),
        _assessment_fields(),
    )


def swedish_numbers(
    *, min_value: int = -(10**9), max_value: int = 10**9, max_decimals: int = 3
) -> st.SearchStrategy[tuple[str, float]]:
    """Pairs of a number written the Swedish way and the float it means.

    ``("1 234,5", 1234.5)``, ``("−3,25", -3.25)``, ``("1\u00a0000", 1000.0)``:
    thousands separated by a space, a no-break space or a narrow no-break
    space (or not at all), a decimal comma (sometimes a point), and a
    hyphen-minus or Unicode minus sign. The expected float is computed from
    the digits, not by goalchain's parser.

    Parameters
    ----------
    min_value, max_value
        Bounds of the integer part.
    max_decimals
        Most digits after the decimal comma.

    Examples
    --------
    >>> from goalchain.testing import swedish_numbers
    >>> strategy = swedish_numbers(min_value=0, max_value=10_000, max_decimals=2)
    """
    _check_int("min_value", min_value)
    _check_int("max_value", max_value, min_value=min_value)
    _check_int("max_decimals", max_decimals, min_value=0, max_value=15)

    @st.composite
    def build(draw: st.DrawFn) -> tuple[str, float]:
        whole = draw(st.integers(min_value, max_value))
        decimals = draw(st.text("0123456789", max_size=max_decimals))
        negative = whole < 0 or (whole == 0 and min_value < 0 and draw(st.booleans()))
        separator = draw(st.sampled_from(("", " ", "\u00a0", "\u202f")))
        digits = str(abs(whole))
        if separator:
            groups = []
            while digits:
                groups.append(digits[-3:])
                digits = digits[:-3]
            digits = separator.join(reversed(groups))
        text = digits
        if decimals:
            text += draw(st.sampled_from((",", "."))) + decimals
        if negative:
            text = draw(st.sampled_from(("-", "\u2212"))) + text
        expected = float(f"{'-' if negative else ''}{abs(whole)}.{decimals or '0'}")
        return text, expected

    return build()


def governance_models(
    *, presets: bool = True, custom: bool = True, max_goal_levels: int = 4
) -> st.SearchStrategy[GovernanceModel]:
    """Governance models: the presets, and generated valid custom models.

    A custom model has 1 to *max_goal_levels* goal levels, top first, each of
    which allows only levels further down (goal levels below it, and the
    indicator and activity levels), plus at most one indicator and one
    activity level. Custom names start with ``"egen_"``, so they never clash
    with a preset's name. Shrinks towards the ``classic`` preset.

    Parameters
    ----------
    presets, custom
        Whether to draw the presets, generated models, or both.
    max_goal_levels
        Most goal levels of a generated model (1-8).

    Examples
    --------
    >>> from goalchain.testing import governance_models
    >>> strategy = governance_models(presets=False, max_goal_levels=3)
    """
    if not isinstance(presets, bool) or not isinstance(custom, bool):
        raise InvalidArgument("presets and custom must be True or False")
    if not (presets or custom):
        raise InvalidArgument("at least one of presets and custom must be True")
    _check_int("max_goal_levels", max_goal_levels, min_value=1, max_value=8)
    options: list[st.SearchStrategy[GovernanceModel]] = []
    if presets:
        names = ["classic", *sorted(n for n in PRESETS if n != "classic")]
        options.append(st.sampled_from([PRESETS[n] for n in names]))
    if custom:
        options.append(_custom_models(max_goal_levels))
    return st.one_of(*options)


def _custom_models(max_goal_levels: int) -> st.SearchStrategy[GovernanceModel]:
    @st.composite
    def build(draw: st.DrawFn) -> GovernanceModel:
        n_goal = draw(st.integers(1, max_goal_levels))
        with_indicator = draw(st.booleans())
        with_activity = draw(st.booleans())
        keys = draw(
            st.lists(
                st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True),
                min_size=n_goal + 2,
                max_size=n_goal + 2,
                unique=True,
            )
        )
        goal_keys = keys[:n_goal]
        leaves: list[tuple[str, ElementKind]] = []
        if with_indicator:
            leaves.append((keys[n_goal], "indicator"))
        if with_activity:
            leaves.append((keys[n_goal + 1], "activity"))
        leaf_keys = [key for key, _ in leaves]
        levels = []
        for i, key in enumerate(goal_keys):
            below = goal_keys[i + 1 :] + leaf_keys
            children = draw(st.lists(st.sampled_from(below), unique=True)) if below else []
            levels.append(
                Level(
                    key=key,
                    label_sv=draw(_texts(1, 30)),
                    label_en=draw(st.sampled_from(("Goal", "Council goal", "Assignment", "Focus"))),
                    children=tuple(children),
                    owner_required=draw(st.booleans()),
                )
            )
        for key, kind in leaves:
            levels.append(
                Level(key=key, label_sv=draw(_texts(1, 30)), label_en=kind.title(), kind=kind)
            )
        return GovernanceModel(
            name=draw(st.from_regex(r"egen_[a-z0-9_]{1,10}", fullmatch=True)),
            levels=levels,
            label_sv=draw(st.none() | _texts(1, 30)),
            description=draw(st.none() | _texts(1, 60)),
        )

    return build()


# --------------------------------------------------------------------------- chains
def goal_chains(
    *,
    model: str | GovernanceModel | st.SearchStrategy[GovernanceModel] | None = None,
    min_elements: int = 0,
    max_elements: int = 12,
    with_data: bool = True,
    details: bool | None = None,
    max_parents: int = 3,
    min_year: int = MIN_YEAR,
    max_year: int = MAX_YEAR,
) -> st.SearchStrategy[GoalChain]:
    """Valid goal chains: DAGs by construction that obey their model's level rules.

    Elements are added one at a time, each at a level whose parents are
    already in the chain (or at a top level of the model), and linked to one
    to *max_parents* of those parents with weights ``>= 0``; every link goes
    from an older element to a newer one, so the chain cannot have a cycle.
    Every element below the top levels has a parent, and every element at a
    level that requires an owner has one, so :func:`goalchain.validate` finds
    no errors (warnings are possible). With data, indicators have
    measurements (periods of every kind, genders T/K/M, values sometimes given
    as Swedish strings such as ``"1 234,5"``) and elements have assessments.
    With details, elements carry every field (owners, decisions, tags,
    baselines, targets, dates...), ids such as ``"0192"`` or ``"mål 3"`` and
    extra fields with nested mappings; chains carry a municipality code and
    metadata; measurements and assessments every optional field. Without
    details, elements have generated ids (``"vis0"``, ``"cou1"``...), their
    level's name as title and what the model requires, which is much cheaper
    to generate and to shrink.

    Shrinks towards a small chain in the ``classic`` model, without details
    and without data: a failing property about structure sheds the details in
    one step.

    Parameters
    ----------
    model
        A :class:`~goalchain.GovernanceModel`, a preset's name, a strategy of
        models, or None for :func:`governance_models`.
    min_elements, max_elements
        Bounds of the number of elements.
    with_data
        Whether to record measurements and assessments.
    details
        True for every field, False for the bare structure, None (the
        default) to draw one or the other for each chain.
    max_parents
        Most parents of one element (1 or more).
    min_year, max_year
        Bounds of the years of baselines, targets and periods.

    Raises
    ------
    hypothesis.errors.InvalidArgument
        For an unknown model or bounds that are not integers or are reversed.

    Examples
    --------
    >>> import networkx as nx
    >>> from hypothesis import given
    >>> from goalchain.testing import goal_chains
    >>> @given(goal_chains(model="nynashamn", max_elements=10, with_data=False))
    ... def test_ancestors_reach_a_root(chain):
    ...     for element_id in chain:
    ...         assert all(path[-1] in chain.roots() for path in chain.paths_to_root(element_id))
    >>> goal_chains(min_elements=5, max_elements=2)
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: min_elements=5 must not exceed max_elements=2
    """
    models = _model_strategy(model)
    _check_int("min_elements", min_elements, min_value=0)
    _check_int("max_elements", max_elements, min_value=0, max_value=_MAX_EXAMPLE_SIZE)
    if min_elements > max_elements:
        raise InvalidArgument(
            f"min_elements={min_elements!r} must not exceed max_elements={max_elements!r}"
        )
    if not isinstance(with_data, bool):
        raise InvalidArgument(f"with_data={with_data!r} must be True or False")
    if details is not None and not isinstance(details, bool):
        raise InvalidArgument(f"details={details!r} must be True, False or None")
    rich_st = st.booleans() if details is None else st.just(details)
    _check_int("max_parents", max_parents, min_value=1)
    low, high = _check_year_range(min_year, max_year)

    @st.composite
    def build(draw: st.DrawFn) -> GoalChain:
        model = draw(models)
        rich = draw(rich_st)
        # 1. The structure: levels and links. Like st.lists, each element is a
        # short run of choices that the shrinker can delete whole.
        shape: list[tuple[Level, dict[int, float]]] = []
        while len(shape) < max_elements and draw(
            _element_shape(
                model,
                shape,
                max_parents,
                required=len(shape) < min_elements,
            )
        ):
            pass
        # 2. The chain and its elements' fields. Drawn after the structure, so
        # that dropping the details (rich -> plain) leaves the structure as it was.
        if rich:
            chain = GoalChain(
                name=draw(st.just("") | _texts(1, 30)),
                model=model,
                municipality=draw(st.none() | municipality_codes()),
                metadata=draw(_maybe_extra()),
            )
        else:
            chain = GoalChain(model=model)
        ids: list[str] = []
        for number, (level, parents) in enumerate(shape):
            element = _element(draw, chain, number, level, rich, low, high)
            chain.add(element, parents={ids[i]: weight for i, weight in parents.items()})
            ids.append(element.id)
        # 3. The data.
        if with_data:
            for element in chain.elements():
                _add_data(draw, chain, element, low, high, rich)
        return chain

    return build()


# Whether to add another element: 0 (where shrinking goes) stops, so a chain
# has about seven elements on average before max_elements cuts it off.
_MORE = st.integers(0, 7)
_PICK = st.integers(0, 255)


@st.composite
def _element_shape(
    draw: st.DrawFn,
    model: GovernanceModel,
    shape: list[tuple[Level, dict[int, float]]],
    max_parents: int,
    *,
    required: bool,
) -> bool:
    """Maybe append one element's level and parents (by index) to *shape*."""
    if not required and draw(_MORE) == 0:
        return False
    tops = set(model.roots())
    present = {level.key for level, _ in shape}
    # A level may be used when it is a top level, or when an element at a level
    # that allows it is already in the chain (so the new element gets a parent).
    usable = (
        tuple(
            level.key
            for level in model.levels
            if level.key in tops or any(model.allows(p, level.key) for p in present)
        )
        or model.keys
    )  # a model with no top level: the first elements are orphans
    # Choices are integers taken modulo the options, so that each draw has the
    # same shape whatever came before: deleting an earlier element then keeps
    # the meaning of the later choices.
    level = model.level(usable[draw(_PICK) % len(usable)])
    # Newest first: index 0 is the most recent element the level may sit below.
    candidates = [
        i for i in reversed(range(len(shape))) if model.allows(shape[i][0].key, level.key)
    ]
    picks = draw(st.lists(_PICK, min_size=0 if level.key in tops else 1, max_size=max_parents))
    parents: dict[int, float] = {}
    for pick in picks:
        weight = draw(_weights(10.0))
        if candidates:
            parents.setdefault(candidates[pick % len(candidates)], weight)
    shape.append((level, parents))
    return True


def _element(
    draw: st.DrawFn, chain: GoalChain, number: int, level: Level, rich: bool, low: int, high: int
) -> Element:
    model = chain.model
    cls = {"goal": Goal, "indicator": Indicator, "activity": Activity}[level.kind]
    if not rich:
        return cls(id=f"{level.key[:3]}{number}", **_bare_fields(level))  # type: ignore[no-any-return]
    element_id = draw(element_ids())
    while element_id in chain:  # keep ids unique without rejecting the example
        element_id += "_"
    if level.kind == "goal":
        fields = draw(_goal_fields(model, level.key))
    elif level.kind == "indicator":
        fields = draw(_indicator_fields(model, level.key, UNITS, low, high))
    else:
        fields = draw(_activity_fields(model, level.key))
    return cls(id=element_id, **fields)  # type: ignore[no-any-return]


@functools.cache
def _record_options() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "preliminary": st.booleans(),
            "source": st.none() | st.sampled_from(_SOURCES),
            "extra": _maybe_extra(2, 1),
        }
    )


def _add_data(
    draw: st.DrawFn, chain: GoalChain, element: Element, low: int, high: int, rich: bool
) -> None:
    """Measurements of a new indicator and assessments of a new element."""
    every_kind = tuple(_PERIOD_INDICES)
    if isinstance(element, Indicator):
        keys = draw(
            st.lists(
                st.tuples(_periods(low, high, every_kind), st.sampled_from(GENDERS)),
                max_size=3,
                unique=True,
            )
        )
        for period, gender in keys:
            number = draw(_values())
            if not rich:
                chain.record(element.id, period, number, gender=gender)
                continue
            # Sometimes the same number written the Swedish way, as it comes from a file.
            value: Any = _swedish(number) if draw(st.booleans()) else number
            chain.record(element.id, period, value, gender=gender, **draw(_record_options()))
    for period in draw(st.lists(_periods(low, high, every_kind), max_size=2, unique=True)):
        if rich:
            fields = draw(_assessment_fields())
        else:
            fields = {"status": draw(st.sampled_from(ASSESSMENT_STATUSES))}
        chain.add_assessment(Assessment(element=element.id, period=period, **fields))


def _swedish(number: float) -> str:
    """*number* with a decimal comma and no-break spaces between thousands."""
    text = repr(float(number))
    if "e" in text:
        return text.replace(".", ",")
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = digits.partition(".")
    groups = []
    while whole:
        groups.append(whole[-3:])
        whole = whole[:-3]
    out = sign + "\u00a0".join(reversed(groups))
    if fraction and fraction != "0":
        out += "," + fraction
    return out


# ------------------------------------------------------------------- trajectories
TRAJECTORY_METHODS = ("linear", "geometric", "steps", "maintain")
"""The built-in progression methods :func:`trajectories` draws from by default."""

TRAJECTORY_UNITS = ("tkr", "SEK", "percent", "count", "day")
"""The units :func:`trajectories` draws from by default."""


def trajectories(
    *,
    methods: Sequence[str] = TRAJECTORY_METHODS,
    units: Sequence[str | None] = TRAJECTORY_UNITS,
    min_year: int = 2000,
    max_year: int = 2040,
    max_span: int = 8,
    max_value: float = 1e6,
    decimals: bool = True,
    monotone_steps: bool = False,
) -> st.SearchStrategy[Any]:
    """Trajectories (:class:`goalchain.progression.Trajectory`) as ``annual_targets`` builds them.

    Baseline and target values have at most two decimals and lie within
    ``±max_value``; ``geometric`` draws non-zero values of one sign,
    ``maintain`` a target equal to the baseline, and ``steps`` increments that
    add up to the gap (so they land on the target).

    Parameters
    ----------
    methods
        Built-in method names to draw from: ``linear``, ``geometric``,
        ``steps``, ``maintain``.
    units
        Units to draw from; ``None`` in the sequence draws unit-less trajectories.
    min_year, max_year
        Bounds of the baseline and target years.
    max_span
        The most years from baseline to target (at least 1).
    max_value
        Bound of the absolute baseline and target values.
    decimals
        Whether some trajectories are rounded (``decimals=0..3``).
    monotone_steps
        Draw ``steps`` increments that all go in the direction of the target
        (the annual targets then never step back).

    Examples
    --------
    >>> from hypothesis import given
    >>> from goalchain.testing import trajectories
    >>> @given(trajectories(methods=["linear"], units=["tkr"]))
    ... def test_ends_on_target(t):
    ...     assert t.magnitudes[t.target.year] == t.target.value
    >>> test_ends_on_target()
    """
    chosen = _check_choices("methods", methods, TRAJECTORY_METHODS)
    if isinstance(units, str) or not isinstance(units, Sequence) or not units:
        raise InvalidArgument(f"units={units!r} must be a non-empty sequence of unit strings")
    for unit in units:
        if unit is not None:
            _check_unit("units", unit)
    low, high = _check_year_range(min_year, max_year)
    _check_int("max_span", max_span, min_value=1)
    if high - low < 1:
        raise InvalidArgument(f"min_year={low} and max_year={high} leave no span of a year")
    if (
        isinstance(max_value, bool)
        or not isinstance(max_value, (int, float))
        or not math.isfinite(max_value)
        or max_value < 1
    ):
        raise InvalidArgument(f"max_value={max_value!r} must be a finite number >= 1")
    if not isinstance(decimals, bool) or not isinstance(monotone_steps, bool):
        raise InvalidArgument("decimals and monotone_steps must be True or False")
    return _trajectories(
        chosen, tuple(units), low, high, max_span, float(max_value), decimals, monotone_steps
    )


@functools.cache
def _trajectory_spans(low: int, high: int, max_span: int) -> st.SearchStrategy[tuple[int, int]]:
    """(baseline year, target year) with the target year 1..max_span years later."""
    return st.integers(low, high - 1).flatmap(
        lambda start: st.integers(start + 1, min(high, start + max_span)).map(
            lambda end: (start, end)
        )
    )


@functools.cache
def _trajectory_values(max_value: float, non_zero: bool) -> st.SearchStrategy[float]:
    """Values with at most two decimals (they shrink towards 0, or 1 when non-zero)."""
    bound = int(max_value * 100)
    if non_zero:
        return st.integers(1, bound).map(lambda n: n / 100)
    return st.integers(-bound, bound).map(lambda n: n / 100)


@functools.cache
def _trajectory_decimals(rounded: bool) -> st.SearchStrategy[int | None]:
    if not rounded:
        return st.none()
    return st.none() | st.integers(0, 3)


@st.composite
def _increments(draw: st.DrawFn, gap: float, count: int, monotone: bool) -> list[float]:
    """*count* yearly increments that add up to *gap* (the last one closes it)."""
    if monotone:
        weights = draw(st.lists(st.integers(0, 10), min_size=count, max_size=count))
        total = sum(weights)
        if total == 0:
            weights, total = [1] * count, count
        return [gap * w / total for w in weights]
    free = draw(
        st.lists(
            st.integers(-(10**6), 10**6).map(lambda n: n / 100),
            min_size=count - 1,
            max_size=count - 1,
        )
    )
    return [*free, gap - math.fsum(free)]


@functools.cache
def _trajectories(
    methods: tuple[str, ...],
    units: tuple[str | None, ...],
    low: int,
    high: int,
    max_span: int,
    max_value: float,
    rounded: bool,
    monotone: bool,
) -> st.SearchStrategy[Any]:
    return st.sampled_from(methods).flatmap(
        lambda method: _trajectory(method, units, low, high, max_span, max_value, rounded, monotone)
    )


@st.composite
def _trajectory(
    draw: st.DrawFn,
    method: str,
    units: tuple[str | None, ...],
    low: int,
    high: int,
    max_span: int,
    max_value: float,
    rounded: bool,
    monotone: bool,
) -> Any:
    from .progression import ProgressionWarning, annual_targets

    start, end = draw(_trajectory_spans(low, high, max_span))
    unit = draw(st.sampled_from(units))
    params: dict[str, Any] = {}
    if method == "geometric":
        sign = draw(st.sampled_from((1.0, -1.0)))
        baseline = sign * draw(_trajectory_values(max_value, True))
        target = sign * draw(_trajectory_values(max_value, True))
    else:
        baseline = draw(_trajectory_values(max_value, False))
        target = baseline if method == "maintain" else draw(_trajectory_values(max_value, False))
    if method == "steps":
        params["steps"] = draw(_increments(target - baseline, end - start, monotone))
    decimals = draw(_trajectory_decimals(rounded))
    with warnings.catch_warnings():  # steps against the direction stay in .warnings
        warnings.simplefilter("ignore", ProgressionWarning)
        return annual_targets(
            baseline=(start, baseline),
            target=(end, target),
            method=method,
            unit=unit,
            decimals=decimals,
            **params,
        )
