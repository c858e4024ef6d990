"""The elements of a goal chain: goals, indicators and activities, and decisions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import attrs

from .._i18n import N_
from .._registry import registry_of
from ..exceptions import InvalidValueError, PeriodError
from ..units import convert, parse_unit
from ._frozen import FrozenMapping
from ._target import Target, read_target
from ._values import (
    YearValue,
    check_choice,
    check_extra,
    check_id,
    check_text,
    finite_float,
    to_date,
    to_tags,
    unit_interval,
    year_value,
)

if TYPE_CHECKING:
    from ..progression import Trajectory

__all__ = [
    "ACTIVITY_STATUSES",
    "DIRECTIONS",
    "FREQUENCIES",
    "Activity",
    "Decision",
    "Element",
    "Goal",
    "Indicator",
]

DIRECTIONS = ("increase", "decrease", "maintain")
FREQUENCIES = ("yearly", "tertial", "quarterly")
ACTIVITY_STATUSES = ("not_started", "in_progress", "done", "cancelled")
_KOLADA = re.compile(r"^[A-Z]\d{5}$")

Direction = Literal["increase", "decrease", "maintain"]
Frequency = Literal["yearly", "tertial", "quarterly"]
ActivityStatus = Literal["not_started", "in_progress", "done", "cancelled"]


def _extra(value: Any) -> FrozenMapping:
    if value is None:
        return FrozenMapping()
    if not isinstance(value, Mapping):
        raise InvalidValueError(
            N_("expected a mapping of extra fields, got {value!r}"),
            field="extra",
            params={"value": value},
        )
    return FrozenMapping(value)


@attrs.frozen(kw_only=True)
class Decision:
    """The decision that adopted a goal: body, date and reference (diarienummer).

    Examples
    --------
    >>> from goalchain.models import Decision
    >>> d = Decision(body="Kommunfullmäktige", date="2022-11-28", reference="KS 2022/412")
    >>> d.date
    datetime.date(2022, 11, 28)
    """

    body: str = attrs.field()
    date: dt.date | None = attrs.field(default=None)
    reference: str | None = attrs.field(default=None)
    extra: FrozenMapping = attrs.field(factory=FrozenMapping, converter=_extra)

    def __attrs_post_init__(self) -> None:
        check_text(self.body, field="decision.body", element=None)
        object.__setattr__(self, "date", to_date(self.date, field="decision.date", element=None))
        check_text(self.reference, field="decision.reference", element=None, optional=True)
        check_extra(self.extra, element=None, field="decision.extra")


def _decision(value: Any) -> Decision | None:
    if value is None or isinstance(value, Decision):
        return value
    if isinstance(value, Mapping):
        known = {k: value[k] for k in ("body", "date", "reference") if k in value}
        extra = {k: v for k, v in value.items() if k not in known}
        if "body" not in known:
            raise InvalidValueError(
                N_("a decision needs a 'body', got {value!r}"),
                field="decision",
                params={"value": dict(value)},
            )
        return Decision(**known, extra=extra)
    raise InvalidValueError(
        N_("expected a decision {{body, date, reference}}, got {value!r}"),
        field="decision",
        params={"value": value},
    )


@attrs.frozen(kw_only=True)
class Element:
    """Fields every element of a chain has.

    Attributes
    ----------
    id
        Unique within the chain; a string.
    title
        The goal's wording, the indicator's name or the activity's description.
    level
        Key of the governance model level the element sits at.
    owner
        The body or person responsible (nämnd, förvaltning, named recipient).
    description
        Free text.
    tags
        Free labels.
    extra
        Fields goalchain does not know; kept as they were and written back.
    """

    kind: ClassVar[str] = "element"

    id: str = attrs.field()
    title: str = attrs.field()
    level: str = attrs.field()
    owner: str | None = attrs.field(default=None)
    description: str | None = attrs.field(default=None)
    tags: tuple[str, ...] = attrs.field(default=())
    extra: FrozenMapping = attrs.field(factory=FrozenMapping, converter=_extra)

    def __attrs_post_init__(self) -> None:
        check_id(self.id)
        eid = self.id
        check_text(self.title, field="title", element=eid)
        check_text(self.level, field="level", element=eid)
        check_text(self.owner, field="owner", element=eid, optional=True)
        check_text(self.description, field="description", element=eid, optional=True)
        object.__setattr__(self, "tags", to_tags(self.tags, element=eid))
        check_extra(self.extra, element=eid)
        self._validate()

    def _validate(self) -> None:
        """Subclasses check their own fields here."""


@attrs.frozen(kw_only=True)
class Goal(Element):
    """A goal at any goal level: vision, council goal, committee goal, perspective...

    Parameters
    ----------
    decision
        The decision that adopted the goal (:class:`Decision` or a mapping).
    cross_cutting
        True for *tvärsektoriella mål*: the same goal adopted by every committee.
    rollup
        Name of the roll-up strategy for this goal; None uses the call's strategy.

    Examples
    --------
    >>> from goalchain.models import Goal
    >>> goal = Goal(id="kf1", title="Fler elever ska nå gymnasiebehörighet", level="council",
    ...             owner="Kommunfullmäktige")
    >>> goal.kind, goal.cross_cutting
    ('goal', False)
    """

    kind: ClassVar[str] = "goal"

    decision: Decision | None = attrs.field(default=None, converter=_decision)
    cross_cutting: bool = attrs.field(default=False)
    rollup: str | None = attrs.field(default=None)

    def _validate(self) -> None:
        if not isinstance(self.cross_cutting, bool):
            raise InvalidValueError(
                N_("expected true or false, got {value!r}"),
                element=self.id,
                field="cross_cutting",
                params={"value": self.cross_cutting},
            )
        check_text(self.rollup, field="rollup", element=self.id, optional=True)


@attrs.frozen(kw_only=True)
class Indicator(Element):
    """A measured quantity: unit, direction, baseline, target and annual targets.

    Parameters
    ----------
    unit
        A unit string the registry reads (``"percent"``, ``"%"``, ``"kr"``,
        ``"per_1000_inhabitants"``...). Values are kept as floats in this unit.
    direction
        ``"increase"`` (higher is better), ``"decrease"`` or ``"maintain"``.
    baseline
        A ``(year, value)`` pair; the value may be a number in *unit*, a pint
        Quantity or a string such as ``"78 %"``, converted to *unit*.
    target
        A ``(year, target)`` pair; the target as municipalities write it: a
        number (met in the indicator's direction), a comparison (``"≥ 30"``,
        ``"minst 90 %"``, ``"< 10"``) or a change against the previous measured
        year (``"öka"``, ``"minska"``, ``"bibehålla"``); kept as a
        :class:`~goalchain.models.Target`, as written.
    annual_targets
        Explicit yearly targets (the committee's *progressionstakt*), a mapping
        year -> target or a list of pairs, written like *target*.
    progression
        Name of the method that derives annual targets when none are given.
    kolada
        Kolada KPI id such as ``"N15436"``.
    frequency
        ``"yearly"``, ``"tertial"`` or ``"quarterly"``.
    lag
        Statistical lag in years (0: the value for a year is known that year).
    limit
        A bound the value cannot pass (100 for a share, 0 for a count that is
        to fall), in *unit*; the ``trend`` assessment shrinks its thresholds
        near it, as Open SDG's does. None: no such bound.

    Examples
    --------
    >>> from goalchain.models import Indicator
    >>> ind = Indicator(id="i1", title="Andel behöriga till yrkesprogram", level="indicator",
    ...                 unit="percent", direction="increase",
    ...                 baseline=(2022, "78,0 %"), target=(2026, 0.9), kolada="N15436")
    >>> ind.baseline, ind.target
    (YearValue(year=2022, value=78.0), Target(year=2026, value=0.9))
    """

    kind: ClassVar[str] = "indicator"

    unit: str = attrs.field(default="count")
    direction: Direction = attrs.field(default="increase")
    baseline: YearValue | None = attrs.field(default=None)
    target: Target | None = attrs.field(default=None)
    annual_targets: tuple[Target, ...] = attrs.field(default=())
    progression: str | None = attrs.field(default=None)
    kolada: str | None = attrs.field(default=None)
    frequency: Frequency = attrs.field(default="yearly")
    lag: int = attrs.field(default=0)
    limit: float | None = attrs.field(default=None)

    def _validate(self) -> None:
        eid = self.id
        check_text(self.unit, field="unit", element=eid)
        from ..exceptions import UnknownUnitError

        try:
            parse_unit(self.unit)
        except UnknownUnitError as err:
            raise err.located(element=eid, field="unit") from err
        check_choice(self.direction, DIRECTIONS, field="direction", element=eid)
        check_choice(self.frequency, FREQUENCIES, field="frequency", element=eid)
        set_ = object.__setattr__
        if self.baseline is not None:
            set_(
                self,
                "baseline",
                year_value(self.baseline, self.unit, field="baseline", element=eid),
            )
        if self.target is not None:
            set_(self, "target", read_target(self.target, self.unit, field="target", element=eid))
        if (
            self.baseline is not None
            and self.target is not None
            and (self.target.year <= self.baseline.year)
        ):
            raise PeriodError(
                N_("target year {target} must come after baseline year {baseline}"),
                element=eid,
                field="target",
                params={"target": self.target.year, "baseline": self.baseline.year},
            )
        set_(self, "annual_targets", self._read_annual_targets(self.annual_targets))
        check_text(self.progression, field="progression", element=eid, optional=True)
        if self.kolada is not None and (
            not isinstance(self.kolada, str) or not _KOLADA.fullmatch(self.kolada)
        ):
            raise InvalidValueError(
                N_("{kolada!r} is not a Kolada KPI id; they look like 'N15436' or 'U23471'"),
                element=eid,
                field="kolada",
                params={"kolada": self.kolada},
            )
        if isinstance(self.lag, bool) or not isinstance(self.lag, int) or not 0 <= self.lag <= 10:
            raise InvalidValueError(
                N_("lag must be a whole number of years 0-10, got {lag!r}"),
                element=eid,
                field="lag",
                params={"lag": self.lag},
            )
        if self.limit is not None:
            if isinstance(self.limit, (int, float)) and not isinstance(self.limit, bool):
                limit = finite_float(self.limit, field="limit", element=eid)
            else:
                limit = convert(self.limit, self.unit, element=eid, field="limit")
            object.__setattr__(self, "limit", limit)

    def _read_annual_targets(self, value: Any) -> tuple[Target, ...]:
        if value is None:
            return ()
        pairs = value.items() if isinstance(value, Mapping) else value
        if isinstance(pairs, (str, bytes)):
            raise InvalidValueError(
                N_("expected year -> value pairs, got {value!r}"),
                element=self.id,
                field="annual_targets",
                params={"value": value},
            )
        out = [
            read_target(pair, self.unit, field="annual_targets", element=self.id) for pair in pairs
        ]
        years = [p.year for p in out]
        if len(set(years)) != len(years):
            raise InvalidValueError(
                N_("a year appears twice in {years}"),
                element=self.id,
                field="annual_targets",
                params={"years": str(years)},
            )
        low = self.baseline.year if self.baseline else None
        high = self.target.year if self.target else None
        for year in years:
            if (low is not None and year < low) or (high is not None and year > high):
                raise PeriodError(
                    N_(
                        "annual target for {year} lies outside the baseline-target span "
                        "{low}-{high}"
                    ),
                    element=self.id,
                    field="annual_targets",
                    params={"year": year, "low": low, "high": high},
                )
        return tuple(sorted(out, key=lambda t: t.year))

    @property
    def unit_label(self) -> str:
        """The unit as the registry names it."""
        return str(parse_unit(self.unit))

    def expected(self, year: int) -> float:
        """The annual target of *year* (after the target year, the target), as a float.

        The same value as ``self.trajectory().expected(year)``; a straight
        line from baseline to target (the default ``linear`` progression, no
        explicit annual targets) is computed without building the trajectory.

        Raises
        ------
        ProgressionError
            When the indicator has no baseline or target, or its method fails.
        PeriodError
            For a year before the baseline year.

        Examples
        --------
        >>> from goalchain import Indicator
        >>> ind = Indicator(id="i1", title="Behöriga", level="indicator", unit="percent",
        ...                 baseline=(2022, 78.0), target=(2026, 90.0))
        >>> ind.expected(2024), ind.expected(2030)
        (84.0, 90.0)
        """
        base, goal = self.baseline, self.target
        if (
            base is not None
            and goal is not None
            and goal.value is not None
            and not self.annual_targets
            and self.progression in (None, "linear")
            and base.year <= year
            and base.year < goal.year
            and _straight_line_is_builtin()
            and (
                (self.direction == "increase" and goal.value >= base.value)
                or (self.direction == "decrease" and goal.value <= base.value)
            )
        ):
            if year >= goal.year:
                return float(goal.value)
            b, t = float(base.value), float(goal.value)
            return b + (t - b) * (year - base.year) / (goal.year - base.year)
        return self.trajectory().expected(year)

    def trajectory(self, *, decimals: int | None = None) -> Trajectory:
        """The indicator's annual targets from baseline to target year.

        Explicit ``annual_targets`` (the committee's progression) are used when
        given; the years without one must not be left out. Otherwise the
        targets are derived by the indicator's ``progression`` method
        (``linear`` when none is named).

        Raises
        ------
        ProgressionError
            When the indicator has no baseline or no target, or the explicit
            annual targets leave a year out.

        Examples
        --------
        >>> from goalchain.models import Indicator
        >>> ind = Indicator(id="i1", title="Behöriga", level="indicator", unit="percent",
        ...                 baseline=(2022, 78.0), target=(2026, 90.0),
        ...                 annual_targets={2023: 80.0, 2024: 83.0, 2025: 86.5})
        >>> ind.trajectory().magnitudes
        {2022: 78.0, 2023: 80.0, 2024: 83.0, 2025: 86.5, 2026: 90.0}
        """
        from ..progression._indicator import trajectory_of

        return trajectory_of(self, decimals=decimals)

    def target_for(self, year: int) -> Target | None:
        """The target that applies in *year*, as written where it was written.

        The explicit annual target of *year* when there is one; from the
        target year on, the target itself; before it, the year's value on the
        trajectory from baseline to target (a plain number, met in the
        indicator's direction), or, without a baseline, the target itself
        (a *målvärde* is judged as it stands). None when the indicator has no
        target, for a year before its baseline, and where the trajectory
        cannot be derived (a change target, or annual targets written as
        changes, leave the years between them without one).

        Examples
        --------
        >>> from goalchain import Indicator
        >>> ind = Indicator(id="i1", title="Behöriga", level="indicator", unit="percent",
        ...                 baseline=(2022, 78.0), target=(2026, "minst 90 %"))
        >>> ind.target_for(2024), ind.target_for(2026)
        (Target(year=2024, value=84.0), Target(year=2026, value=90.0, written='minst 90 %'))
        >>> ind.target_for(2021) is None
        True
        """
        from ..exceptions import GoalchainError

        for annual in self.annual_targets:
            if annual.year == year:
                return annual
        target = self.target
        if target is None:
            return None
        if year >= target.year:
            return target if year == target.year else attrs.evolve(target, year=year)
        if self.baseline is None:
            return attrs.evolve(target, year=year)
        if year < self.baseline.year:
            return None
        try:
            return Target(year=year, value=self.expected(year))
        except GoalchainError:
            return None


def _straight_line_is_builtin() -> bool:
    """True while the progression method ``linear`` is goalchain's own.

    Asked of the registry of progression methods found through the ground floor
    (the models layer does not import the progression layer): goalchain's own
    line is the function ``linear`` of ``goalchain.progression._methods``; one
    registered in its place (``register("linear", ..., replace=True)``) is not.
    """
    methods = registry_of("goalchain.progression")
    if methods is None or "linear" not in methods:
        return False
    line = methods["linear"]
    return (
        getattr(line, "__module__", None) == "goalchain.progression._methods"
        and getattr(line, "__qualname__", None) == "linear"
    )


@attrs.frozen(kw_only=True)
class Activity(Element):
    """An activity, commitment (åtagande) or assignment (uppdrag).

    Parameters
    ----------
    start, due
        Dates (``datetime.date`` or ``"YYYY-MM-DD"``); due must not precede start.
    status
        ``"not_started"``, ``"in_progress"``, ``"done"`` or ``"cancelled"``.
    progress
        Share done, 0..1, or None when not reported.

    Examples
    --------
    >>> from goalchain.models import Activity
    >>> act = Activity(id="a1", title="Läxhjälp på alla skolor", level="activity",
    ...                owner="Skolförvaltningen", due="2024-12-31", status="in_progress",
    ...                progress=0.4)
    >>> act.due
    datetime.date(2024, 12, 31)
    """

    kind: ClassVar[str] = "activity"

    start: dt.date | None = attrs.field(default=None)
    due: dt.date | None = attrs.field(default=None)
    status: ActivityStatus = attrs.field(default="not_started")
    progress: float | None = attrs.field(default=None)

    def _validate(self) -> None:
        eid = self.id
        set_ = object.__setattr__
        set_(self, "start", to_date(self.start, field="start", element=eid))
        set_(self, "due", to_date(self.due, field="due", element=eid))
        if self.start and self.due and self.due < self.start:
            raise PeriodError(
                N_("due date {due} comes before start date {start}"),
                element=eid,
                field="due",
                params={"due": str(self.due), "start": str(self.start)},
            )
        check_choice(self.status, ACTIVITY_STATUSES, field="status", element=eid)
        if self.progress is not None:
            set_(self, "progress", unit_interval(self.progress, field="progress", element=eid))
