"""Filling a chain from Kolada: values into measurements, conflicts, and the fetch summary.

:func:`fetch_into` asks the client (``_kolada_client``) for the metadata and the
values of every KPI the chain's indicators carry, matches each KPI to its
indicators (``_kolada_kpi``), and records the values as measurements with their
provenance, all or nothing: a conflict with a value already in the chain is a
:class:`~goalchain.exceptions.KoladaConflictError` unless told to replace.
:class:`FetchReport` says what was done, with :class:`MissingValue` and
:class:`ValueWarning` for the values that are missing or look implausible.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from .._i18n import N_, check_lang, format_number, gettext, npgettext
from .._unit_text import format_value
from ..exceptions import (
    InvalidValueError,
    KoladaConflict,
    KoladaConflictError,
    UnitMismatchError,
)
from ..models import GoalChain, Indicator, Measurement, Period
from ._kolada_client import KoladaClient, KoladaValue, Progress, _genders, _ids, parse_years
from ._kolada_kpi import UnitNote, _in_unit, _unit_problem
from ._sheet_import import implausible_values
from ._spreadsheet_errors import times_off

__all__ = [
    "FetchReport",
    "MissingValue",
    "ValueWarning",
    "fetch_into",
    "fetched_at",
]

# key -> the English words of the notes on values, looked up in the catalog
_TEXTS: dict[str, str] = {
    "absent": N_("Kolada has no value of {kpi}"),
    "null": N_("Kolada's value of {kpi} is null"),
    "null_status": N_("Kolada's value of {kpi} is null (status {status})"),
    "percent_range": N_(
        "{value} for {id} {year} ({gender}) from {kpi} lies outside 0–100 %; is the KPI a "
        "share? (recorded anyway)"
    ),
    "scale_small": N_(
        "{value} for {id} {year} ({gender}) from {kpi} is {factor} times smaller than the "
        "indicator's other values (about {reference}); does the KPI measure the same thing "
        "in the same unit? (recorded anyway)"
    ),
    "scale_large": N_(
        "{value} for {id} {year} ({gender}) from {kpi} is {factor} times larger than the "
        "indicator's other values (about {reference}); does the KPI measure the same thing "
        "in the same unit? (recorded anyway)"
    ),
}


@attrs.frozen(kw_only=True)
class MissingValue:
    """A value :func:`fetch_into` asked Kolada for and did not get; it stays missing.

    Attributes
    ----------
    indicator, year, gender
        Which value (``"i1"``, ``2024``, ``"T"``).
    kpi
        The Kolada KPI asked for.
    code
        ``"absent"``: Kolada sent no value for the year; ``"null"``: Kolada
        sent ``null`` (never recorded as 0).
    status
        Kolada's status of a ``null`` value (``"Missing"``), or None.

    Examples
    --------
    >>> from goalchain.io.kolada import MissingValue
    >>> gap = MissingValue(indicator="i1", year=2023, gender="T", kpi="N15436", code="null",
    ...                    status="Missing")
    >>> gap.reason()
    'Koladas värde för N15436 är tomt (null, status Missing)'
    >>> gap.reason("en")
    "Kolada's value of N15436 is null (status Missing)"
    >>> gap.as_tuple()
    ('i1', 2023, 'T', "Kolada's value of N15436 is null (status Missing)")
    """

    indicator: str
    year: int
    gender: str
    kpi: str
    code: str = attrs.field(validator=attrs.validators.in_(("absent", "null")))
    status: str | None = None

    def reason(self, lang: str = "sv") -> str:
        """Why the value is missing, in Swedish (``"sv"``) or English (``"en"``).

        Raises
        ------
        InvalidValueError
            For another language, naming the valid ones.
        """
        lang = check_lang(lang)
        if self.code == "null" and self.status:
            return gettext(_TEXTS["null_status"], lang).format(kpi=self.kpi, status=self.status)
        return gettext(_TEXTS[self.code], lang).format(kpi=self.kpi)

    def as_tuple(self) -> tuple[str, int, str, str]:
        """``(indicator, year, gender, reason)`` with the reason in English, as in
        :attr:`FetchReport.missing`."""
        return (self.indicator, self.year, self.gender, self.reason("en"))


@attrs.frozen(kw_only=True)
class ValueWarning:
    """A value :func:`fetch_into` recorded that looks implausible for the indicator.

    The rule is the one ``goalchain import`` applies to a spreadsheet's values
    (:func:`goalchain.io.import_measurements`): for an indicator in percent a
    value outside 0-100, otherwise a value more than 50 times larger or
    smaller than the indicator's other values (baseline, target, annual targets
    and measurements already in the chain). A KPI that counts while the
    indicator is a share, or the same KPI in another unit, shows this way. The
    value is recorded all the same.

    Attributes
    ----------
    indicator, year, gender
        Which value.
    kpi
        The KPI it came from.
    value
        The value recorded, in *unit*.
    unit
        The indicator's unit.
    code
        ``"percent_range"``, ``"scale_small"`` or ``"scale_large"``.
    reference
        The median of the indicator's other values (for the scale warnings),
        or None.

    Examples
    --------
    >>> from goalchain.io.kolada import ValueWarning
    >>> w = ValueWarning(indicator="i1", year=2023, gender="T", kpi="N15436", value=1234.0,
    ...                  unit="percent", code="percent_range")
    >>> print(w.message().replace("\u00a0", " "))  # no-break spaces shown as spaces
    1 234 % för i1 2023 (T) från N15436 ligger utanför 0–100 %; är nyckeltalet en andel? \
(registrerat ändå)
    >>> print(w.message("en"))
    1,234% for i1 2023 (T) from N15436 lies outside 0–100 %; is the KPI a share? \
(recorded anyway)
    """

    indicator: str
    year: int
    gender: str
    kpi: str
    value: float
    unit: str
    code: str = attrs.field(
        validator=attrs.validators.in_(("percent_range", "scale_small", "scale_large"))
    )
    reference: float | None = None

    def message(self, lang: str = "sv") -> str:
        """The warning in Swedish (``"sv"``) or English (``"en"``), numbers in its way.

        Raises
        ------
        InvalidValueError
            For another language, naming the valid ones.
        """
        lang = check_lang(lang)
        params: dict[str, Any] = {
            "value": format_value(self.value, self.unit, lang=lang),
            "id": self.indicator,
            "year": self.year,
            "gender": self.gender,
            "kpi": self.kpi,
        }
        if self.reference is not None:
            factor, reference = times_off(self.value, self.reference)
            params["factor"] = format_number(factor, lang=lang, decimals=0)
            params["reference"] = format_value(reference, self.unit, lang=lang)
        return gettext(_TEXTS[self.code], lang).format(**params)


def _english_missing(report: FetchReport) -> tuple[tuple[str, int, str, str], ...]:
    return tuple(gap.as_tuple() for gap in report.missing_values)


def _english_notes(report: FetchReport) -> tuple[str, ...]:
    return tuple(note.message("en") for note in report.unit_problems)


@attrs.frozen(kw_only=True)
class FetchReport:
    """What :func:`fetch_into` did.

    Attributes
    ----------
    municipality
        The municipality code fetched.
    years
        The years asked for.
    recorded
        The measurements recorded (new or replaced).
    unchanged
        How many values were already in the chain with the same value.
    missing_values
        Every value Kolada does not have (:class:`MissingValue`, with a code
        for the reason); these stay missing in the chain.
    missing
        The same as ``(indicator, year, gender, reason)`` tuples, the reason
        in English (derived from *missing_values* unless given).
    unit_problems
        Indicators not filled because their unit does not fit the KPI's
        values (:class:`UnitNote`).
    unit_notes
        The same as English text, one per indicator (derived from
        *unit_problems* unless given).
    warnings
        Values recorded that look implausible for their indicator
        (:class:`ValueWarning`): the rule ``goalchain import`` warns by.
    requests
        How many pages were read (from the server or the cache).

    Examples
    --------
    >>> from goalchain.io.kolada import FetchReport, MissingValue
    >>> gap = MissingValue(indicator="i1", year=2024, gender="T", kpi="N15436", code="absent")
    >>> report = FetchReport(municipality="1231", years=(2023, 2024), unchanged=1,
    ...                      missing_values=(gap,))
    >>> print(report.summary())
    Kolada, kommun 1231, 2023-2024: 0 mätvärden registrerade, 1 oförändrat, 1 saknas
      saknas: i1 2024 (T): Kolada har inget värde för N15436
    >>> print(report.summary(lang="en"))
    Kolada, municipality 1231, 2023-2024: 0 measurements recorded, 1 unchanged, 1 missing
      missing: i1 2024 (T): Kolada has no value of N15436
    >>> report.missing
    (('i1', 2024, 'T', 'Kolada has no value of N15436'),)
    """

    municipality: str
    years: tuple[int, ...]
    recorded: tuple[Measurement, ...] = ()
    unchanged: int = 0
    missing_values: tuple[MissingValue, ...] = ()
    missing: tuple[tuple[str, int, str, str], ...] = attrs.field(
        default=attrs.Factory(_english_missing, takes_self=True)
    )
    unit_problems: tuple[UnitNote, ...] = ()
    unit_notes: tuple[str, ...] = attrs.field(
        default=attrs.Factory(_english_notes, takes_self=True)
    )
    warnings: tuple[ValueWarning, ...] = ()
    requests: int = 0

    def summary(self, lang: str = "sv") -> str:
        """A few lines for a person: what was recorded, what is missing and why, what to check.

        Parameters
        ----------
        lang
            ``"sv"`` (the default) or ``"en"``; counts and values are written
            the language's way (``1 234`` in Swedish, ``1,234`` in English).

        Raises
        ------
        InvalidValueError
            For another language, naming the valid ones.
        """
        lang = check_lang(lang)

        def count(n: int) -> str:
            return format_number(n, lang=lang, decimals=0)

        recorded, unchanged, missing = len(self.recorded), self.unchanged, len(self.missing)
        line = gettext(
            "Kolada, municipality {municipality}, {years}: {recorded}, {unchanged}, {missing}",
            lang,
        ).format(
            municipality=self.municipality,
            years=_years_text(self.years),
            recorded=npgettext(
                "Kolada summary",
                "{n} measurement recorded",
                "{n} measurements recorded",
                recorded,
                lang,
            ).format(n=count(recorded)),
            unchanged=npgettext(
                "Kolada summary", "{n} unchanged", "{n} unchanged", unchanged, lang
            ).format(n=count(unchanged)),
            missing=npgettext("Kolada summary", "{n} missing", "{n} missing", missing, lang).format(
                n=count(missing)
            ),
        )
        if self.warnings:
            n = len(self.warnings)
            line += npgettext(
                "Kolada summary",
                ", {n} to check (warnings)",
                ", {n} to check (warnings)",
                n,
                lang,
            ).format(n=count(n))
        lines = [line]
        if self.missing_values:
            gaps = [
                (f"{m.indicator} {m.year} ({m.gender})", m.reason(lang))
                for m in self.missing_values
            ]
        else:  # a report made with English tuples only
            gaps = [(f"{i} {y} ({g})", reason) for i, y, g, reason in self.missing]
        for where, reason in gaps:
            lines.append(
                gettext("  missing: {where}: {reason}", lang).format(where=where, reason=reason)
            )
        notes = (
            [note.message(lang) for note in self.unit_problems]
            if self.unit_problems
            else list(self.unit_notes)
        )
        for note in notes:
            lines.append(gettext("  not filled: {note}", lang).format(note=note))
        for warning in self.warnings:
            lines.append(
                gettext("  warning: {warning}", lang).format(warning=warning.message(lang))
            )
        return "\n".join(lines)


def _years_text(years: Sequence[int]) -> str:
    """``2019-2024`` for a run of years, ``2019, 2021`` otherwise, ``-`` for none."""
    if not years:
        return "-"
    if list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    return ", ".join(str(y) for y in years)


# ------------------------------------------------------------------ filling a chain
def fetched_at(measurement: Measurement) -> str | None:
    """When a measurement's value was fetched from Kolada (ISO 8601), or None.

    Reads the provenance :func:`fetch_into` stores under ``extra["kolada"]``.

    Examples
    --------
    >>> from goalchain import Measurement
    >>> from goalchain.io.kolada import fetched_at
    >>> m = Measurement(indicator="i1", period=2024, value=82.9, unit="percent",
    ...                 source="Kolada", extra={"kolada": {"fetched_at": "2025-03-01T10:00:00Z"}})
    >>> fetched_at(m), fetched_at(Measurement(indicator="i1", period=2024, value=1.0, unit="count"))
    ('2025-03-01T10:00:00Z', None)
    """
    kolada = measurement.extra.get("kolada")
    if isinstance(kolada, Mapping):
        value = kolada.get("fetched_at")
        if value:
            return str(value)
    return None


def _provenance(value: KoladaValue) -> dict[str, Any]:
    kolada: dict[str, Any] = {
        "kpi": value.kpi,
        "municipality": value.municipality,
        "url": value.url,
        "fetched_at": value.fetched_at,
    }
    if value.status:
        kolada["status"] = value.status
    return {"kolada": kolada}


def fetch_into(
    chain: GoalChain,
    years: int | str | Iterable[int | str],
    *,
    municipality: str | None = None,
    client: KoladaClient | None = None,
    gender: str | Iterable[str] = "T",
    replace: bool = False,
    progress: Progress | None = None,
) -> FetchReport:
    """Fill the indicators that carry a Kolada id with Kolada's values for *years*.

    Everything is fetched and checked first; only then is anything recorded, so
    a failed request, a malformed response or a conflict leaves *chain* exactly
    as it was.

    Parameters
    ----------
    chain
        The chain; changed in place (its measurements).
    years
        ``2024``, ``"2019-2024"``, ``[2022, 2023]``...
    municipality
        The municipality code (a string such as ``"0192"``); the chain's own
        ``municipality`` by default.
    client
        The :class:`KoladaClient` to use (cache, offline...); a default one otherwise.
    gender
        ``"T"`` (total) by default; ``"TKM"`` also records women (K) and men (M)
        as measurements of their own gender.
    replace
        Overwrite a measurement that differs from Kolada's value. Without it a
        difference is an error that lists every conflict.
    progress
        Called with ``(done, total)`` requests.

    Returns
    -------
    FetchReport
        What was recorded, unchanged and missing (with the reason), unit
        problems, and warnings for values that look implausible;
        :meth:`FetchReport.summary` words it in Swedish or English.

    Raises
    ------
    KoladaError
        When a request fails or a response is malformed (nothing is recorded).
    KoladaConflictError
        When Kolada's values differ from ones already in the chain and
        *replace* is False (nothing is recorded); a :class:`DuplicateError`
        that lists every difference and words it in Swedish or English.
    InvalidValueError
        When no municipality is known, or *years* or *gender* cannot be read.

    Notes
    -----
    Every measurement gets ``source="Kolada"`` and, under ``extra["kolada"]``,
    the KPI id, the municipality, the URL and the fetch time (ISO 8601 UTC), so
    the provenance is saved with the chain. Kolada's ``null`` values are
    reported as missing, never recorded as 0. Kolada publishes plain numbers
    in the unit the last part of the KPI's title says (:attr:`KpiInfo.unit`):
    they are converted to the indicator's unit (percent to permille, kr/inv
    to tkr/inv). A KPI whose unit does not convert to the indicator's (a
    percent for an indicator in ``count``, ``kr/inv`` for one in ``kr``) is
    not filled and named in :attr:`FetchReport.unit_problems`, nor is an
    indicator in percent fed by a KPI whose title does not say its unit; a
    KPI whose title does not say its unit fills any other indicator as a
    plain number in the indicator's unit.

    The values recorded are checked by the rule ``goalchain import`` uses
    (:func:`~goalchain.io.import_measurements`): a value of an indicator in
    percent outside 0-100, or one more than 50 times larger or smaller than
    the indicator's baseline, target and other measurements, is recorded and
    listed in :attr:`FetchReport.warnings`.
    """
    if not isinstance(chain, GoalChain):
        raise TypeError(f"expected a GoalChain, got {type(chain).__name__}")
    code = municipality if municipality is not None else chain.municipality
    if code is None:
        raise InvalidValueError(
            N_("the chain has no municipality code; give one, e.g. municipality='1231'"),
            field="municipality",
            params={},
        )
    code = _ids([code], "municipality")[0]
    wanted_years = parse_years(years)
    genders = _genders(gender)
    client = client or KoladaClient()

    by_kpi: dict[str, list[Indicator]] = {}
    for indicator in chain.indicators():
        if indicator.kolada:
            by_kpi.setdefault(indicator.kolada, []).append(indicator)
    pages_before = client.pages_read
    if not by_kpi:
        return FetchReport(municipality=code, years=wanted_years)

    kpi_ids = list(by_kpi)
    n_meta = len(client.kpi_urls(kpi_ids))
    n_data = len(client.data_urls(kpi_ids, [code], wanted_years))
    total = n_meta + n_data

    def meta_progress(done: int, _total: int) -> None:
        if progress is not None:
            progress(done, total)

    def data_progress(done: int, _total: int) -> None:
        if progress is not None:
            progress(n_meta + done, total)

    infos = {info.id: info for info in client.kpi(kpi_ids, progress=meta_progress)}
    values = client.values(kpi_ids, [code], wanted_years, gender=genders, progress=data_progress)

    # ---- plan: nothing is recorded before every check has passed
    found: dict[tuple[str, int, str], KoladaValue] = {}
    for value in values:
        if value.municipality == code and value.kpi in by_kpi and value.year in wanted_years:
            found[(value.kpi, value.year, value.gender)] = value
    unit_notes: list[UnitNote] = []
    planned: list[tuple[Indicator, KoladaValue, float]] = []
    missing: list[MissingValue] = []
    for kpi_id, indicators in by_kpi.items():
        info = infos.get(kpi_id)
        for indicator in indicators:
            problem = _unit_problem(indicator, info)
            if problem is not None:
                unit_notes.append(problem)
                continue
            for year in wanted_years:
                for g in genders:
                    got = found.get((kpi_id, year, g))
                    if got is None or got.value is None:
                        missing.append(
                            MissingValue(
                                indicator=indicator.id,
                                year=year,
                                gender=g,
                                kpi=kpi_id,
                                code="absent" if got is None else "null",
                                status=None if got is None else got.status,
                            )
                        )
                    else:
                        try:
                            number = _in_unit(got.value, indicator, info)
                        except UnitMismatchError as err:  # pragma: no cover - checked above
                            unit_notes.append(
                                UnitNote(
                                    indicator=indicator.id,
                                    kpi=kpi_id,
                                    code="conversion",
                                    unit=indicator.unit,
                                    detail=str(err),
                                )
                            )
                            break
                        planned.append((indicator, got, number))

    existing = {(m.indicator, m.period, m.gender): m for m in chain.measurements()}
    to_record: list[tuple[Indicator, KoladaValue, float]] = []
    conflicts: list[KoladaConflict] = []
    unchanged = 0
    for indicator, value, number in planned:
        old = existing.get((indicator.id, Period.parse(value.year), value.gender))
        if old is not None and old.value == number:
            unchanged += 1
            continue
        if old is not None and not replace:
            conflicts.append(
                KoladaConflict(
                    indicator.id, value.year, value.gender, old.value, old.source, number
                )
            )
            continue
        to_record.append((indicator, value, number))
    if conflicts:
        raise KoladaConflictError(conflicts)

    def record(target: GoalChain) -> list[Measurement]:
        return [
            target.record(
                indicator.id,
                value.year,
                number,
                gender=value.gender,
                source="Kolada",
                extra=_provenance(value),
                replace=replace,
            )
            for indicator, value, number in to_record
        ]

    rehearsed = record(chain.copy())  # a rehearsal: an error here leaves the chain untouched
    warnings: list[ValueWarning] = []
    for index, looks_wrong, reference in implausible_values(chain, rehearsed):
        indicator, value, _ = to_record[index]
        warnings.append(
            ValueWarning(
                indicator=indicator.id,
                year=value.year,
                gender=value.gender,
                kpi=value.kpi,
                value=rehearsed[index].value,
                unit=indicator.unit,
                code=looks_wrong,
                reference=reference,
            )
        )
    recorded = record(chain)
    return FetchReport(
        municipality=code,
        years=wanted_years,
        recorded=tuple(recorded),
        unchanged=unchanged,
        missing_values=tuple(missing),
        unit_problems=tuple(unit_notes),
        warnings=tuple(warnings),
        requests=client.pages_read - pages_before,
    )
