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
from typing import TYPE_CHECKING, Any

import attrs

from ..exceptions import GoalchainError
from ..units import possible_bounds

if TYPE_CHECKING:
    from ..models import GoalChain, Indicator, Measurement, YearValue

__all__ = [
    "IndicatorRow",
    "display_decimals",
    "fetched_date",
    "indicator_rows",
    "kolada_kpi",
    "possible_range",
]

_FETCHED_KEYS = ("fetched_at", "fetched", "hämtad")

# Units whose values cannot fall below 0 (a count, a number of days...).
# Units a report writes as whole numbers: one cannot have 19.5 dwellings.
_WHOLE = ("count", "inhabitant")
# Units a report writes with one decimal: shares and their differences.
_ONE_DECIMAL = ("percent", "percentage_point")


def _key(unit: str) -> str | None:
    from ..exceptions import UnknownUnitError
    from ..units import canonical_unit

    if not unit:
        return None
    try:
        return canonical_unit(unit)
    except UnknownUnitError:
        return None


def display_decimals(unit: str) -> int | None:
    """How many decimals a report table writes for *unit* (None: the default).

    Counts and inhabitants are whole numbers, percentages and percentage
    points have one decimal; other units keep :func:`format_value`'s default.
    The values themselves are never rounded, only their text.

    Examples
    --------
    >>> from goalchain.report._indicators import display_decimals
    >>> display_decimals("st"), display_decimals("%"), display_decimals("dagar")
    (0, 1, None)
    """
    key = _key(unit)
    if key in _WHOLE:
        return 0
    if key in _ONE_DECIMAL:
        return 1
    return None


def possible_range(unit: str, values: Iterable[float] = ()) -> tuple[float | None, float | None]:
    """The lowest and highest value *unit* makes possible (None: no bound).

    The bounds of :func:`goalchain.units.possible_bounds` (a share between 0
    and 100, a count, inhabitants or days not below 0). A bound is dropped where one of the
    indicator's own *values* (baseline, target, actuals) already lies beyond
    it: a result in percent of tax revenue can be negative.

    Examples
    --------
    >>> from goalchain.report._indicators import possible_range
    >>> possible_range("percent"), possible_range("st"), possible_range("mnkr")
    ((0.0, 100.0), (0.0, None), (None, None))
    >>> possible_range("percent", [1.1, -0.4])
    (None, 100.0)
    """
    key = _key(unit)
    low, high = (None, None) if key is None else possible_bounds(key)
    known = list(values)
    if low is not None and any(v < low for v in known):
        low = None
    if high is not None and any(v > high for v in known):
        high = None
    return low, high


@attrs.frozen(kw_only=True)
class IndicatorRow:
    """One indicator in a follow-up, values in its unit (None where there is none).

    Attributes
    ----------
    year
        The year of the follow-up.
    expected
        The annual target of *year*; None when *year* lies outside the
        indicator's baseline year .. target year (or it has no targets).
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
    target: YearValue | None
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

    @property
    def forecast_range(self) -> tuple[float | None, float | None]:
        """The lowest and highest forecast the unit makes possible (see :func:`possible_range`)."""
        known = [*self.actuals.values()]
        known += [v.value for v in (self.baseline, self.target) if v is not None]
        return possible_range(self.indicator.unit, known)

    @property
    def forecast_shown(self) -> float | None:
        """The forecast limited to :attr:`forecast_range`, for display."""
        if self.forecast is None:
            return None
        low, high = self.forecast_range
        value = self.forecast
        if low is not None and value < low:
            value = low
        if high is not None and value > high:
            value = high
        return value

    @property
    def forecast_clamped(self) -> bool:
        """Whether :attr:`forecast_shown` differs from the exact forecast."""
        return self.forecast is not None and self.forecast_shown != self.forecast

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

    Each row holds the annual target of *year* and the latest actual up to
    *year* with its year; the gap and the category are those of that actual
    against its own year's annual target. Indicators without a baseline or a
    target still get a row with their latest actual; what cannot be computed
    is None, never a guess.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.report import indicator_rows
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_indicator("i1", "Behöriga", unit="percent",
    ...                         baseline=(2022, 78.0), target=(2026, 90.0))
    >>> _ = chain.record("i1", 2024, 82.9)
    >>> row = indicator_rows(chain, year=2024)[0]
    >>> row.expected, row.actual, row.actual_year, round(row.gap, 1), row.label
    (84.0, 82.9, 2024, -1.1, 'framsteg, men takten behöver öka')

    A year without a value of its own: its annual target, and the latest
    actual with the gap against *that* year's annual target.

    >>> row = indicator_rows(chain, year=2025)[0]
    >>> row.expected, row.actual, row.actual_year, round(row.gap, 1)
    (87.0, 82.9, 2024, -1.1)
    """
    from ..progression import assess
    from ..units import canonical_unit

    rows = []
    for indicator in chain.indicators():
        series = {p.year: v for p, v in chain.series(indicator.id).items() if p.is_year}
        wanted = year if year is not None else (max(series) if series else None)
        earlier = [y for y in series if wanted is not None and y <= wanted]
        actual_year = max(earlier) if earlier else None
        actual = series[actual_year] if actual_year is not None else None
        measurement = None
        if actual_year is not None:
            found = [
                m
                for m in chain.measurements(indicator.id, gender="T")
                if m.period.is_year and m.period.year == actual_year
            ]
            measurement = found[0] if found else None
        gap_unit = (
            "percentage_point" if canonical_unit(indicator.unit) == "percent" else indicator.unit
        )
        values: dict[str, Any] = {
            "expected": None,
            "gap": None,
            "category": None,
            "label": None,
            "forecast": None,
            "annual_targets": {},
        }
        if indicator.baseline is not None and indicator.target is not None:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    trajectory = indicator.trajectory()
                    result = assess(trajectory, series, year=wanted)
            except GoalchainError:
                pass  # an indicator whose targets cannot be derived: nothing is guessed
            else:
                targets = dict(trajectory.magnitudes)
                inside = wanted is not None and (
                    trajectory.baseline.year <= wanted <= trajectory.target.year
                )
                values = {
                    "expected": trajectory.expected(wanted)
                    if inside and wanted is not None
                    else None,
                    # the assessment's latest actual is the row's, unless that is not
                    # after the baseline year (then nothing is assessed)
                    "gap": result.gap if result.year == actual_year else None,
                    "category": result.category,
                    "label": result.label(lang),
                    "forecast": result.forecast,
                    "annual_targets": targets,
                }
        rows.append(
            IndicatorRow(
                indicator=indicator,
                baseline=indicator.baseline,
                target=indicator.target,
                year=wanted,
                actual=actual,
                actual_year=actual_year,
                gap_unit=gap_unit,
                measurement=measurement,
                actuals=series,
                **values,
            )
        )
    return rows
