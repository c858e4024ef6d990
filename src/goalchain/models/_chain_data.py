"""The stored data of a goal chain: measurements and assessments, per period.

:class:`ChainData` is the half of :class:`~goalchain.models.GoalChain` that keeps
what each follow-up records beside the structure: measurements of indicators
(stored as floats in the indicator's unit, one per period and gender) and
assessments of elements (one per period), with the data version and the journal
of changes that lets a roll-up recompute only what a change affects. The graph
half (elements, links, walks) is :mod:`goalchain.models._chain` and
:mod:`goalchain.models._chain_walks`; the chain composes the three.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .._i18n import N_
from ..exceptions import (
    DuplicateError,
    InvalidValueError,
    Message,
    PeriodError,
    UnknownUnitError,
)
from ..units import convert, is_quantity, parse_quantity
from ._data import Assessment, Measurement, for_whom
from ._elements import Indicator
from ._period import Period
from ._values import Number

if TYPE_CHECKING:
    import networkx as nx

    from ._elements import Element

__all__ = ["ChainData"]


def _period(value: Any, element: str) -> Period:
    """Read a period, naming the element in the error."""
    try:
        return Period.parse(value)
    except PeriodError as err:
        if err.template is not None:
            raise PeriodError(
                err.template, element=element, field="period", params=err.params
            ) from err
        raise PeriodError(err.reason, element=element, field="period") from err


def _measurement_order(measurement: Measurement) -> tuple[tuple[int, int, int], str]:
    """Measurements of an indicator by period (see :meth:`Period.sort_key`), then gender."""
    return measurement.period.sort_key(), measurement.gender


class ChainData:
    """Measurements and assessments of a chain's elements, and the journal of their changes.

    A mixin of :class:`~goalchain.models.GoalChain`: it reads the chain's graph
    (to find an element and the chain's order) and changes nothing of it.
    """

    _graph: nx.DiGraph
    _measurements: dict[str, dict[tuple[Period, str], Measurement]]
    _assessments: dict[tuple[str, Period], Assessment]
    _data_version: int
    # (data version after the change, element id) of recent data changes, so that a
    # roll-up can recompute only what a new measurement or assessment affects
    _changes: list[tuple[int, str]]
    _changes_from: int  # the journal covers every change after this version

    if TYPE_CHECKING:

        def __getitem__(self, element_id: str) -> Element: ...

    def _start_data(self) -> None:
        """Empty stores, at data version 0."""
        self._measurements = {}
        self._assessments = {}
        self._data_version = 0
        self._changes = []
        self._changes_from = 0

    def _copy_data_to(self, new: ChainData) -> None:
        """Give *new* (a fresh chain) copies of the stores, at this data version."""
        new._measurements = {k: dict(v) for k, v in self._measurements.items()}
        new._assessments = dict(self._assessments)
        new._data_version = new._changes_from = self._data_version

    def _measurement_set(self) -> dict[tuple[str, Period, str], Measurement]:
        return {m.key: m for per in self._measurements.values() for m in per.values()}

    def record(
        self,
        indicator_id: str,
        period: Any,
        value: Any,
        *,
        unit: str | None = None,
        gender: str = "T",
        preliminary: bool = False,
        source: str | None = None,
        extra: Mapping[str, Any] | None = None,
        replace: bool = False,
    ) -> Measurement:
        """Record a measured value of an indicator for a period.

        Parameters
        ----------
        indicator_id
            The indicator.
        period
            A year (``2024``) or a period (``"2024-T2"``, ``"2024-delår"``).
        value
            A number (in *unit*, or the indicator's unit), a pint Quantity or a
            string such as ``"12,5 %"``; stored as a float in the indicator's unit.
        unit
            The unit of a plain number when it differs from the indicator's.
        gender
            ``"T"`` total, ``"K"`` women, ``"M"`` men.
        preliminary
            True for preliminary figures.
        source
            Where the value comes from.
        replace
            Allow a different value for an indicator, period and gender that
            already has one. The same value again is accepted without it.

        Raises
        ------
        UnknownElementError, InvalidValueError, UnitMismatchError, DuplicateError
        """
        element = self[indicator_id]
        if not isinstance(element, Indicator):
            raise InvalidValueError(
                N_(
                    "measurements are recorded for indicators, and {element!r} is a {kind}; "
                    "use assess() to judge goals and activities"
                ),
                element=indicator_id,
                params={"element": indicator_id, "kind": Message(element.kind)},
            )
        period = _period(period, indicator_id)
        quantity: Any = value
        if unit is not None and not is_quantity(value):
            try:
                quantity = parse_quantity(value, unit=unit)
            except UnknownUnitError as err:
                raise err.located(element=indicator_id, field="unit") from err
            except InvalidValueError as err:
                if err.template is not None and err.field is None and err.element is None:
                    raise InvalidValueError(
                        err.template, element=indicator_id, field="value", params=err.params
                    ) from err
                as_written = str(err)  # the units layer's own words, as they stand
                raise InvalidValueError(as_written, element=indicator_id, field="value") from err
        number = convert(quantity, element.unit, element=indicator_id, field="value")
        measurement = Measurement(
            indicator=indicator_id,
            period=period,
            value=number,
            unit=element.unit,
            gender=gender,
            preliminary=preliminary,
            source=source,
            extra=extra,
        )
        self._store_measurement(measurement, replace=replace)
        return measurement

    def add_measurement(self, measurement: Measurement, *, replace: bool = False) -> Measurement:
        """Add a :class:`Measurement` object (converted to the indicator's unit)."""
        return self.record(
            measurement.indicator,
            measurement.period,
            measurement.value,
            unit=measurement.unit,
            gender=measurement.gender,
            preliminary=measurement.preliminary,
            source=measurement.source,
            extra=measurement.extra,
            replace=replace,
        )

    def _store_measurement(self, measurement: Measurement, *, replace: bool) -> None:
        per = self._measurements.setdefault(measurement.indicator, {})
        key = (measurement.period, measurement.gender)
        old = per.get(key)
        if old is not None and old != measurement and not replace:
            raise DuplicateError(
                N_(
                    "indicator {indicator!r} already has {old} for {period}{whom}; got {new}. "
                    "Pass replace=True to overwrite"
                ),
                element=measurement.indicator,
                params={
                    "indicator": measurement.indicator,
                    "old": Number(old.value),
                    "period": str(measurement.period),
                    "whom": for_whom(measurement.gender),
                    "new": Number(measurement.value),
                },
            )
        per[key] = measurement
        self._data_changed(measurement.indicator)

    def assess(
        self,
        id: str,
        period: Any,
        *,
        status: str,
        rationale: str = "",
        participants: Iterable[str] = (),
        score: float | None = None,
        date: Any = None,
        method: str = "dialogue",
        extra: Mapping[str, Any] | None = None,
        replace: bool = False,
    ) -> Assessment:
        """Record an assessment (e.g. a dialogue's conclusion) of an element for a period.

        Raises
        ------
        UnknownElementError
            When no element has the id.
        DuplicateError
            When a different assessment exists for the element and period and
            *replace* is False.
        """
        self[id]
        assessment = Assessment(
            element=id,
            period=_period(period, id),
            status=status,  # type: ignore[arg-type]
            score=score,
            rationale=rationale,
            participants=tuple(participants),
            date=date,
            method=method,
            extra=extra,
        )
        return self.add_assessment(assessment, replace=replace)

    def add_assessment(self, assessment: Assessment, *, replace: bool = False) -> Assessment:
        """Add an :class:`Assessment` object."""
        self[assessment.element]
        old = self._assessments.get(assessment.key)
        if old is not None and old != assessment and not replace:
            raise DuplicateError(
                N_(
                    "{element!r} already has an assessment for {period} ({status}); "
                    "pass replace=True to overwrite"
                ),
                element=assessment.element,
                params={
                    "element": assessment.element,
                    "period": str(assessment.period),
                    "status": old.status,
                },
            )
        self._assessments[assessment.key] = assessment
        self._data_changed(assessment.element)
        return assessment

    _JOURNAL_MAX = 4096

    def _data_changed(self, element_id: str) -> None:
        self._data_version += 1
        self._changes.append((self._data_version, element_id))
        if len(self._changes) > self._JOURNAL_MAX:
            half = len(self._changes) // 2
            self._changes_from = self._changes[half - 1][0]
            del self._changes[:half]

    def _changed_since(self, version: int) -> set[str] | None:
        """The ids whose data changed after *version*, or None when the journal is too short."""
        if version < self._changes_from or version > self._data_version:
            return None
        changed: set[str] = set()
        for at, element_id in reversed(self._changes):
            if at <= version:
                break
            changed.add(element_id)
        return changed

    def measurements(
        self, indicator_id: str | None = None, *, gender: str | None = None, ordered: bool = True
    ) -> list[Measurement]:
        """Measurements sorted by indicator order and period; of one indicator or gender.

        With *ordered* False, each indicator's measurements come in the order
        they were recorded, which spares sorting them (for a whole-chain pass
        that does not care about the order, such as collecting values by year).

        Examples
        --------
        >>> import goalchain as gc
        >>> chain = gc.GoalChain(name="Exempel")
        >>> _ = chain.add_indicator("i1", "Behöriga", unit="percent")
        >>> _ = chain.record("i1", 2024, 82.9)
        >>> _ = chain.record("i1", 2023, 80.5)
        >>> [str(m.period) for m in chain.measurements()]
        ['2023', '2024']
        >>> [str(m.period) for m in chain.measurements(ordered=False)]
        ['2024', '2023']
        """
        if indicator_id is not None:
            self[indicator_id]
            ids: Iterable[str] = [indicator_id]
        else:
            ids = [i for i in self._graph.nodes if i in self._measurements]
        out: list[Measurement] = []
        for i in ids:
            found: Iterable[Measurement] = self._measurements.get(i, {}).values()
            if ordered:
                found = sorted(found, key=_measurement_order)
            if gender is None:
                out.extend(found)
            else:
                out.extend(m for m in found if m.gender == gender)
        return out

    def _measured_indicators(self) -> set[str]:
        """The ids of the indicators with at least one measurement: the indicators of
        :meth:`measurements`, without listing the measurements."""
        nodes = self._graph._node
        return {i for i, found in self._measurements.items() if found and i in nodes}

    def _yearly_values(self, gender: str = "T") -> dict[str, dict[int, float]]:
        """Every measured indicator's values of whole years, indicator -> year -> value,
        each in the order recorded; indicators without any such value are left out.

        One pass over the stored measurements, without listing them first.
        """
        nodes = self._graph._node
        out: dict[str, dict[int, float]] = {}
        for indicator_id, found in self._measurements.items():
            if indicator_id in nodes:
                values = {
                    m.period.year: m.value
                    for m in found.values()
                    if m.gender == gender and m.period.kind == "year"
                }
                if values:
                    out[indicator_id] = values
        return out

    def series(self, indicator_id: str, *, gender: str = "T") -> dict[Period, float]:
        """An indicator's values as an ordered mapping period -> value."""
        return {m.period: m.value for m in self.measurements(indicator_id, gender=gender)}

    def assessments(self, element_id: str | None = None, *, period: Any = None) -> list[Assessment]:
        """Assessments, optionally of one element or period, sorted by period."""
        wanted = Period.parse(period) if period is not None else None
        if element_id is not None:
            self[element_id]
        out = [
            a
            for a in self._assessments.values()
            if (element_id is None or a.element == element_id)
            and (wanted is None or a.period == wanted)
        ]
        order = {n: i for i, n in enumerate(self._graph.nodes)}
        return sorted(out, key=lambda a: (order[a.element], a.period.sort_key()))

    def assessment(self, element_id: str, period: Any) -> Assessment | None:
        """The assessment of an element for a period, or None."""
        return self._assessments.get((element_id, Period.parse(period)))
