"""The follow-up of every indicator: one row per indicator, the one answer every output reads.

A row holds the target that applies in the year of the actual (as written),
the level it asks for, the actual and its period, the gap between them, the
score the roll-up gives the indicator, the assessment category and its
method, and the forecast for the target year limited to what the unit makes
possible. The command line (``progression``, ``rollup``, ``show``), the
reports, the DataFrames and ``explain()`` all read these rows; none computes
a target, gap, score or category of its own.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .._i18n import check_lang
from ..exceptions import GoalchainError
from ..models import Period
from ..units import display_decimals, possible_range, size_decimals

if TYPE_CHECKING:
    from ..models import GoalChain, Indicator, Measurement, Target
    from ..progression import ProgressAssessment

__all__ = ["FollowUp", "FollowUpRow", "follow_up"]


def _round(value: float | None, decimals: int) -> float | None:
    if value is None:
        return None
    rounded = round(value, decimals)
    return 0.0 if rounded == 0 else rounded  # no "-0"


@attrs.frozen(kw_only=True)
class FollowUpRow:
    """One indicator in a follow-up; values in the indicator's unit, None where there is none.

    Attributes
    ----------
    indicator
        The indicator.
    period
        The period followed up.
    actual, actual_period
        The latest yearly actual up to the period's year and its period (the
        period's own year when it has a value, an earlier one otherwise). For
        a sub-year period (``2024-T1``, ``2024-delår``) with a value of its
        own, that value, standing for its year in the assessment.
    measurement
        The measurement behind *actual*.
    target
        The target that applies in the actual's year (the period's year when
        there is no actual), as written: the adopted annual target, the target
        itself, or the year's value on the trajectory (:meth:`Indicator.target_for`).
    expected
        The level *target* asks for, as a number: its value, or for a change
        target (``"öka"``) the previous measured year's value.
    previous, previous_period
        The latest actual before *actual_period*, which a change target is
        judged against.
    gap
        ``actual - expected``, exact (:attr:`gap_shown` reconciles with the
        rounded values).
    score, status, reason
        What the roll-up gives the indicator for *period* (its leaf score, on
        the chain's status scale), with the scorer's name in :attr:`scorer`.
        None when the period has no measurement of its own.
    category, method, assessment
        The assessment of the latest actual by the named method
        (:func:`goalchain.progression.assess`): ``annual_target`` for an
        indicator with a target, ``trend`` for one with a direction and no
        target.
    forecast, forecast_exact, forecast_year
        The least-squares forecast for the target year, limited to what the
        unit makes possible (a share between 0 and 100 %, a count not below 0);
        the exact one; the target year.
    decimals
        How many decimals the row's values are rounded to where shown (one
        rule per unit: :func:`goalchain.units.display_decimals`; for units
        without a fixed number, by the size of the row's largest value). The
        ``*_shown`` values are rounded so; written with trailing zeros dropped
        where the unit has no fixed number of decimals.
    """

    indicator: Indicator
    period: Period
    actual: float | None = None
    actual_period: Period | None = None
    measurement: Measurement | None = None
    target: Target | None = None
    expected: float | None = None
    previous: float | None = None
    previous_period: Period | None = None
    gap: float | None = None
    score: float | None = None
    status: str = "not_assessed"
    reason: str | None = None
    scorer: str = "progress"
    category: str | None = None
    method: str | None = None
    assessment: ProgressAssessment | None = attrs.field(default=None, repr=False, eq=False)
    forecast: float | None = None
    forecast_exact: float | None = None
    forecast_year: int | None = None
    decimals: int = 2

    @property
    def id(self) -> str:
        """The indicator's id."""
        return self.indicator.id

    @property
    def actual_year(self) -> int | None:
        """The year of :attr:`actual`."""
        return None if self.actual_period is None else self.actual_period.year

    @property
    def expected_shown(self) -> float | None:
        """:attr:`expected` rounded as every output shows it."""
        return _round(self.expected, self.decimals)

    @property
    def actual_shown(self) -> float | None:
        """:attr:`actual` rounded as every output shows it."""
        return _round(self.actual, self.decimals)

    @property
    def forecast_shown(self) -> float | None:
        """:attr:`forecast` (limited to what the unit allows) rounded as every output shows it."""
        return _round(self.forecast, self.decimals)

    @property
    def gap_shown(self) -> float | None:
        """The shown actual minus the shown target level: the row adds up as printed."""
        actual, expected = self.actual_shown, self.expected_shown
        if actual is None or expected is None:
            return None
        return _round(actual - expected, self.decimals)

    @property
    def forecast_limited(self) -> bool:
        """Whether :attr:`forecast` was limited to what the unit makes possible."""
        return self.forecast is not None and self.forecast != self.forecast_exact

    def label(self, lang: str = "sv") -> str | None:
        """The category in *lang*, as the method words it; None without one."""
        check_lang(lang)
        if self.assessment is None:
            return None
        return self.assessment.label(lang)


class FollowUp(Mapping[str, FollowUpRow]):
    """The follow-up of a chain for a period: indicator id -> :class:`FollowUpRow`.

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_indicator("i1", "Behöriga", unit="percent",
    ...                         baseline=(2022, 78.0), target=(2026, "minst 90 %"))
    >>> _ = chain.record("i1", 2024, 84.5)
    >>> row = chain.follow_up(2024)["i1"]
    >>> row.expected, row.actual, row.gap, row.score, row.category
    (84.0, 84.5, 0.5, 1.0, 'on_track')
    """

    def __init__(self, period: Period, rows: Mapping[str, FollowUpRow]) -> None:
        self.period = period
        self._rows = dict(rows)

    def __getitem__(self, key: str) -> FollowUpRow:
        return self._rows[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __repr__(self) -> str:
        return f"<FollowUp {self.period} of {len(self)} indicators>"


def _yearly(chain: GoalChain, indicator_id: str, gender: str) -> dict[int, Measurement]:
    out: dict[int, Measurement] = {}
    for m in chain.measurements(indicator_id, gender=gender):
        if m.period.is_year:
            out[m.period.year] = m
    return out


def _limited(value: float | None, limits: tuple[float | None, float | None]) -> float | None:
    if value is None:
        return None
    low, high = limits
    if low is not None and value < low:
        return low
    if high is not None and value > high:
        return high
    return value


def _assess(
    indicator: Indicator,
    values: Mapping[int, float],
    year: int,
    method: str | None,
    previous: float | None,
) -> ProgressAssessment | None:
    """The assessment of the latest actual: by *method*, else ``annual_target`` where the
    indicator has a target and ``trend`` where it has only a direction."""
    from ..progression import assess

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            if indicator.target is None:
                if indicator.direction == "maintain" or len(values) < 2:
                    return None
                first = min(values)
                baseline = indicator.baseline or (first, values[first])
                return assess(
                    None,
                    values,
                    method=method or "trend",
                    year=year,
                    baseline=baseline,
                    direction=indicator.direction,
                    limit=indicator.limit,
                    unit=indicator.unit,
                )
            if indicator.baseline is None:
                return _without_baseline(indicator, values, previous)
            trajectory = indicator.trajectory()
            targets: dict[int, Target] = {}
            for when in (max(values), indicator.target.year):
                rule = indicator.target_for(when)
                if rule is not None and not rule.is_plain:
                    targets[when] = rule
            return assess(
                trajectory,
                values,
                method=method or "annual_target",
                year=year,
                targets=targets,
                previous=previous,
                limit=indicator.limit,
            )
        except GoalchainError:
            return None


def _without_baseline(
    indicator: Indicator, values: Mapping[int, float], previous: float | None
) -> ProgressAssessment:
    """A target without a baseline: *achieved* when the latest actual meets the target as
    it stands (a *målvärde*; *on_track* when it meets an adopted annual target), else not
    assessable, for progress is measured from a baseline."""
    from ..progression import ProgressAssessment

    latest = max(values)
    actual = values[latest]
    rule = indicator.target_for(latest)
    if rule is not None and rule.met_by(actual, direction=indicator.direction, previous=previous):
        annual = any(t.year == latest for t in indicator.annual_targets)
        return ProgressAssessment(
            category="on_track" if annual else "achieved",
            method="annual_target",
            year=latest,
            actual=actual,
        )
    return ProgressAssessment(
        category="not_assessable",
        method="annual_target",
        year=latest,
        actual=actual,
        reason="progress is measured from a baseline, and the indicator has none",
    )


def follow_up_row(
    chain: GoalChain,
    indicator: Indicator,
    period: Period,
    *,
    method: str | None = None,
    leaf: Any = None,
    scorer_name: str = "progress",
    gender: str = "T",
) -> FollowUpRow:
    """The follow-up of one indicator for *period* (see :class:`FollowUpRow`)."""
    year = period.year
    yearly = _yearly(chain, indicator.id, gender)
    # a sub-year period (a tertial, the interim report) with a value of its own: that value
    # stands for its year, the years before it for the history
    own = (
        None if period.is_year else chain._measurements.get(indicator.id, {}).get((period, gender))
    )
    if own is not None:
        yearly = {y: m for y, m in yearly.items() if y < year}
        yearly[year] = own
    years = sorted(y for y in yearly if y <= year)
    actual_year = years[-1] if years else None
    previous_year = years[-2] if len(years) > 1 else None
    measurement = yearly[actual_year] if actual_year is not None else None
    actual = measurement.value if measurement is not None else None
    previous = yearly[previous_year].value if previous_year is not None else None
    target = indicator.target_for(actual_year if actual_year is not None else year)
    expected: float | None = None
    if target is not None:
        expected = previous if target.is_change else target.value
    gap = None if actual is None or expected is None else actual - expected
    decimals = display_decimals(indicator.unit)
    if decimals is None:
        # the places reports write by default, taken from the row's largest value so that
        # its values and their difference are rounded alike and the row adds up as printed
        decimals = size_decimals(max(abs(v) for v in (actual, expected, 0.0) if v is not None))
    fields: dict[str, Any] = {}
    if leaf is not None:
        fields = {
            "score": leaf.score,
            "status": leaf.status,
            "reason": leaf.reason,
            "scorer": scorer_name,
        }
    values = {y: yearly[y].value for y in years}
    assessment = _assess(indicator, values, year, method, previous) if values else None
    forecast_exact: float | None = None
    forecast_year: int | None = None
    if assessment is not None:
        fields["category"] = assessment.category
        fields["method"] = assessment.method
        forecast_exact = assessment.forecast
        if indicator.target is not None:
            forecast_year = indicator.target.year
    known = list(values.values())
    for pair in (indicator.baseline, indicator.target):
        if pair is not None and pair.value is not None:
            known.append(pair.value)
    limits = possible_range(indicator.unit, known)
    return FollowUpRow(
        indicator=indicator,
        period=period,
        actual=actual,
        actual_period=None if measurement is None else measurement.period,
        measurement=measurement,
        target=target,
        expected=expected,
        previous=previous,
        previous_period=None if previous_year is None else Period.parse(previous_year),
        gap=gap,
        assessment=assessment,
        forecast=_limited(forecast_exact, limits),
        forecast_exact=forecast_exact,
        forecast_year=forecast_year,
        decimals=decimals,
        **fields,
    )


def follow_up(
    chain: GoalChain,
    period: Any,
    *,
    method: str | None = None,
    scorer: Any = None,
    gender: str = "T",
) -> FollowUp:
    """Every indicator of *chain* followed up for *period*: a :class:`FollowUp` by id.

    The score and status are the roll-up's (``chain.rollup(period,
    scorer=scorer)``), read from the same leaf results; the category is
    :func:`goalchain.progression.assess` by *method* (``annual_target`` by
    default for an indicator with a target).

    Raises
    ------
    UnknownAssessmentMethodError
        For a *method* that is not registered; the error lists those that are.
    UnknownScorerError
        For a *scorer* that is not registered.

    Parameters
    ----------
    chain
        The chain.
    period
        The period (a year, or a sub-year period whose year is followed up).
    method
        The assessment method's name; None: ``annual_target`` where there is
        a target.
    gender
        ``T`` (total, the default), ``K`` (women) or ``M`` (men): the values
        followed up.
    scorer
        The roll-up's leaf scorer (None: the chain's default); the score and
        status are those :meth:`GoalChain.rollup` gives the indicator with it,
        computed by the same function on the same measurement.
    """
    from ..progression import assessment_methods
    from ._engine import _check_gender, _scale_of, element_scales, resolve
    from ._leaves import measurement_for, score_indicator

    wanted = Period.parse(period)
    gender = _check_gender(gender)
    if method is not None:
        assessment_methods[method]  # an unknown name: the error lists the registered ones
    _, _, name, scorer_obj, _ = resolve(chain, None, scorer)
    scale = _scale_of(chain, None)
    scales = element_scales(chain)
    rows: dict[str, FollowUpRow] = {}
    for indicator in chain.indicators():
        # the roll-up's own leaf result: the same function on the same measurement and scale
        leaf = score_indicator(
            indicator,
            measurement_for(chain, indicator.id, wanted, gender),
            wanted,
            scorer_obj,
            name,
            scales.get(indicator.id, scale),
            gender,
            chain=chain,
        )
        rows[indicator.id] = follow_up_row(
            chain, indicator, wanted, method=method, leaf=leaf, scorer_name=name, gender=gender
        )
    return FollowUp(wanted, rows)
