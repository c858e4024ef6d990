"""Every indicator for a follow-up: baseline, the year's annual target, actual, gap, forecast."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import attrs

from ..exceptions import GoalchainError

if TYPE_CHECKING:
    from ..models import GoalChain, Indicator, Measurement, YearValue

__all__ = ["IndicatorRow", "indicator_rows"]

_FETCHED_KEYS = ("fetched_at", "fetched", "hämtad")


@attrs.frozen(kw_only=True)
class IndicatorRow:
    """One indicator in a follow-up, values in its unit (None where there is none).

    ``category`` and ``label`` are the on-track assessment (Eurostat's
    CAGR-ratio method, see :func:`goalchain.progression.assess`); ``gap`` is
    actual minus annual target (in percentage points for a percent indicator:
    ``gap_unit``); ``source`` and ``fetched`` come from the measurement.
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

    @property
    def source(self) -> str | None:
        """Where the value came from (``Kolada``...), as recorded with the measurement."""
        return self.measurement.source if self.measurement is not None else None

    @property
    def fetched(self) -> str | None:
        """When the value was fetched, where the measurement records it (Kolada)."""
        if self.measurement is None:
            return None
        from ..io.kolada import fetched_at

        kolada = fetched_at(self.measurement)  # where goalchain kolada fetch records it
        if kolada:
            return kolada[:10]
        for key in _FETCHED_KEYS:  # a fetch date recorded by hand or from a spreadsheet
            value = self.measurement.extra.get(key)
            if value:
                return str(value)[:10]
        return None


def indicator_rows(
    chain: GoalChain, *, year: int | None = None, lang: str = "sv"
) -> list[IndicatorRow]:
    """One :class:`IndicatorRow` per indicator of *chain*, for *year* (default: the latest).

    Indicators without a baseline or a target still get a row with their
    latest actual; what cannot be computed is None, never a guess.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.report import indicator_rows
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_indicator("i1", "Behöriga", unit="percent",
    ...                         baseline=(2022, 78.0), target=(2026, 90.0))
    >>> _ = chain.record("i1", 2024, 82.9)
    >>> row = indicator_rows(chain, year=2024)[0]
    >>> row.expected, row.actual, round(row.gap, 1), row.label
    (84.0, 82.9, -1.1, 'framsteg, men takten behöver öka')
    """
    from ..progression import assess
    from ..units import canonical_unit

    rows = []
    for indicator in chain.indicators():
        series = {p.year: v for p, v in chain.series(indicator.id).items() if p.is_year}
        wanted = year if year is not None else (max(series) if series else None)
        actual = series.get(wanted) if wanted is not None else None
        measurement = None
        if wanted is not None:
            found = [
                m
                for m in chain.measurements(indicator.id, gender="T")
                if m.period.is_year and m.period.year == wanted
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
                values = {
                    "expected": result.expected,
                    "gap": result.gap,
                    "category": result.category,
                    "label": result.label(lang),
                    "forecast": result.forecast,
                    "annual_targets": dict(trajectory.magnitudes),
                }
        rows.append(
            IndicatorRow(
                indicator=indicator,
                baseline=indicator.baseline,
                target=indicator.target,
                year=wanted,
                actual=actual,
                gap_unit=gap_unit,
                measurement=measurement,
                actuals=series,
                **values,
            )
        )
    return rows
