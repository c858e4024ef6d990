"""Every indicator for a follow-up: baseline, the year's annual target, actual, gap, forecast.

The row of a year holds that year's annual target, and the latest actual up to
that year with the year it is from; the gap and the on-track category are those
of that actual, against the annual target of *its* year, never of another. The
forecast is kept exact; :attr:`IndicatorRow.forecast_shown` is the forecast
limited to what the unit makes possible (a share between 0 and 100 %, a count
not below 0), for display.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from .._i18n import check_lang
from ..exceptions import GoalchainError
from ..units import display_decimals as units_display_decimals
from ..units import possible_range as units_possible_range

if TYPE_CHECKING:
    from ..models import GoalChain, Indicator, Measurement, Target, YearValue
    from ..rollup import FollowUpRow

__all__ = [
    "IndicatorRow",
    "display_decimals",
    "fetched_date",
    "indicator_rows",
    "kolada_kpi",
    "possible_range",
]

_FETCHED_KEYS = ("fetched_at", "fetched", "hämtad")


def display_decimals(unit: str) -> int | None:
    """How many decimals a report table writes for *unit* (None: the default).

    The rule of :func:`goalchain.units.display_decimals`: counts and
    inhabitants are whole numbers, percentages and percentage points have
    one decimal; other units keep :func:`format_value`'s default. The values
    themselves are never rounded, only their text.

    Examples
    --------
    >>> from goalchain.report._indicators import display_decimals
    >>> display_decimals("st"), display_decimals("%"), display_decimals("dagar")
    (0, 1, None)
    """
    return units_display_decimals(unit)


def possible_range(unit: str, values: Iterable[float] = ()) -> tuple[float | None, float | None]:
    """The lowest and highest value *unit* makes possible (None: no bound).

    :func:`goalchain.units.possible_range`: the bounds of
    :func:`goalchain.units.possible_bounds`, less those one of the
    indicator's own *values* already lies beyond.

    Examples
    --------
    >>> from goalchain.report._indicators import possible_range
    >>> possible_range("percent"), possible_range("st"), possible_range("mnkr")
    ((0.0, 100.0), (0.0, None), (None, None))
    >>> possible_range("percent", [1.1, -0.4])
    (None, 100.0)
    """
    return units_possible_range(unit, values)


@attrs.frozen(kw_only=True)
class IndicatorRow:
    """One indicator in a follow-up, values in its unit (None where there is none).

    Attributes
    ----------
    year
        The year of the follow-up.
    expected
        The level the target of *actual_year* asks for (of *year* when there
        is no actual): :attr:`FollowUpRow.expected`; None without a target.
    actual, actual_year
        The latest actual up to *year*, and the year it is from (*year*
        itself when the year has a value, an earlier year otherwise).
    gap
        *actual* minus the annual target of *actual_year* (not of *year*),
        in percentage points for a percent indicator (``gap_unit``); None
        where that annual target is not known.
    category, label
        The on-track assessment of *actual* (Eurostat's CAGR-ratio method, see
        :func:`goalchain.progression.assess`); None without a trajectory.
    forecast
        The least-squares forecast for the target year, exact (it may lie
        beyond what is possible: see :attr:`forecast_shown`).
    measurement
        The measurement behind *actual*; ``source`` and ``fetched`` come from it.
    actuals, annual_targets
        Every actual and every annual target, year -> value.
    """

    indicator: Indicator
    baseline: YearValue | None
    target: Target | None
    year: int | None
    expected: float | None
    actual: float | None
    gap: float | None
    gap_unit: str
    category: str | None
    label: str | None
    forecast: float | None
    measurement: Measurement | None
    actuals: dict[int, float]
    annual_targets: dict[int, float]
    actual_year: int | None = None
    follow_up: FollowUpRow | None = None

    @property
    def forecast_range(self) -> tuple[float | None, float | None]:
        """The lowest and highest forecast the unit makes possible (see :func:`possible_range`)."""
        known = [*self.actuals.values()]
        for pair in (self.baseline, self.target):
            if pair is not None and pair.value is not None:
                known.append(pair.value)
        return possible_range(self.indicator.unit, known)

    @property
    def forecast_shown(self) -> float | None:
        """The forecast limited to :attr:`forecast_range`, for display (the follow-up's)."""
        return None if self.follow_up is None else self.follow_up.forecast

    @property
    def forecast_clamped(self) -> bool:
        """Whether :attr:`forecast_shown` differs from the exact forecast."""
        return self.follow_up is not None and self.follow_up.forecast_limited

    @property
    def gap_shown(self) -> float | None:
        """The gap as shown: the shown actual minus the shown target level."""
        return None if self.follow_up is None else self.follow_up.gap_shown

    @property
    def source(self) -> str | None:
        """Where the value came from (``Kolada``...), as recorded with the measurement."""
        return self.measurement.source if self.measurement is not None else None

    @property
    def fetched(self) -> str | None:
        """When the value was fetched, where the measurement records it (Kolada)."""
        return None if self.measurement is None else fetched_date(self.measurement)


def fetched_date(measurement: Measurement) -> str | None:
    """When a measurement's value was fetched (``2025-03-01``), where it is recorded.

    Where ``goalchain kolada fetch`` records it (``extra["kolada"]["fetched_at"]``),
    else ``extra["fetched_at"]``, ``"fetched"`` or ``"hämtad"`` as recorded by
    hand or from a spreadsheet (the first ten characters of either); None
    where nothing is recorded.
    """
    from ..io.kolada import fetched_at

    kolada = fetched_at(measurement)
    if kolada:
        return kolada[:10]
    for key in _FETCHED_KEYS:
        value = measurement.extra.get(key)
        if value:
            return str(value)[:10]
    return None


def kolada_kpi(indicator: Indicator, measurement: Measurement | None = None) -> str | None:
    """The Kolada KPI id of an indicator (``N15436``), or of the fetch behind *measurement*."""
    if indicator.kolada:
        return indicator.kolada
    if measurement is not None:
        kolada = measurement.extra.get("kolada")
        if isinstance(kolada, Mapping) and kolada.get("kpi"):
            return str(kolada["kpi"])
    return None


def indicator_rows(
    chain: GoalChain, *, year: int | None = None, lang: str = "sv"
) -> list[IndicatorRow]:
    """One :class:`IndicatorRow` per indicator of *chain*, for *year* (default: the latest).

    Read from :meth:`GoalChain.follow_up` (the one computation every output
    shows): the latest actual up to *year* with its year, the target of that
    year as written and the level it asks for, the gap between them, the
    category and the forecast. Indicators without a baseline or a target
    still get a row with their latest actual; what cannot be computed is
    None, never a guess.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.report import indicator_rows
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_indicator("i1", "Behöriga", unit="percent",
    ...                         baseline=(2022, 78.0), target=(2026, 90.0))
    >>> _ = chain.record("i1", 2024, 82.9)
    >>> row = indicator_rows(chain, year=2024)[0]
    >>> row.expected, row.actual, row.actual_year, round(row.gap, 1), row.category
    (84.0, 82.9, 2024, -1.1, 'acceleration_needed')

    A year without a value of its own: the latest actual, and its own year's
    annual target and gap.

    >>> row = indicator_rows(chain, year=2025)[0]
    >>> row.expected, row.actual, row.actual_year, round(row.gap, 1)
    (84.0, 82.9, 2024, -1.1)
    """
    from ..units import canonical_unit

    check_lang(lang)
    indicators = chain.indicators()
    yearly = {
        i.id: {p.year: v for p, v in chain.series(i.id).items() if p.is_year} for i in indicators
    }
    measured = [y for series in yearly.values() for y in series]
    wanted = year if year is not None else (max(measured) if measured else None)
    follow = chain.follow_up(wanted) if wanted is not None else None
    rows = []
    for indicator in indicators:
        series = yearly[indicator.id]
        gap_unit = (
            "percentage_point" if canonical_unit(indicator.unit) == "percent" else indicator.unit
        )
        fu = follow[indicator.id] if follow is not None else None
        targets: dict[int, float] = {}
        if indicator.baseline is not None and indicator.target is not None:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    targets = dict(indicator.trajectory().magnitudes)
            except GoalchainError:
                pass  # an indicator whose targets cannot be derived: nothing is guessed
        rows.append(
            IndicatorRow(
                indicator=indicator,
                baseline=indicator.baseline,
                target=indicator.target,
                year=wanted,
                expected=None if fu is None else fu.expected,
                actual=None if fu is None else fu.actual,
                actual_year=None if fu is None else fu.actual_year,
                gap=None if fu is None else fu.gap,
                gap_unit=gap_unit,
                category=None if fu is None else fu.category,
                label=None if fu is None else fu.label(lang),
                forecast=None if fu is None else fu.forecast_exact,
                measurement=None if fu is None else fu.measurement,
                actuals=series,
                annual_targets=targets,
                follow_up=fu,
            )
        )
    return rows
