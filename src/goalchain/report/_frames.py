"""pandas DataFrames of roll-ups, SMART findings, trajectories, measurements and indicators.

pandas is an optional dependency (``pip install "malkedja[pandas]"``) and is
imported only when a frame is built, never when goalchain is imported.

Every column has a nullable pandas dtype, so that a missing value is ``<NA>``
and never NaN: texts and ids are ``string`` (ids such as ``"0192"`` stay
texts), numbers ``Float64``, years ``Int64`` (``int64`` where a year is
always known: a measurement's, a trajectory's) and flags ``boolean``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._i18n import N_, check_lang
from .._optional import require
from .._safe_text import csv_cell

if TYPE_CHECKING:
    from ..io._kolada_compare import Comparisons
    from ..models import GoalChain
    from ..progression import Trajectory
    from ..rollup import RollupResult
    from ..smart import SmartReport

__all__ = [
    "COMPARISON_COLUMNS",
    "INDICATOR_COLUMNS",
    "MEASUREMENT_COLUMNS",
    "ROLLUP_COLUMNS",
    "SMART_COLUMNS",
    "TRAJECTORY_COLUMNS",
    "comparison_frame",
    "findings_frame",
    "indicators_frame",
    "measurements_frame",
    "rollup_frame",
    "spreadsheet_safe",
    "trajectory_frame",
]

_TEXT = "string"
_FLOAT = "Float64"
_INT = "Int64"
_BOOL = "boolean"
_YEAR = "int64"  # a year that is always there; Int64 where it may be missing

ROLLUP_COLUMNS: Mapping[str, str] = {
    "title": _TEXT,
    "kind": _TEXT,
    "score": _FLOAT,
    "status": _TEXT,
    "status_label": _TEXT,
    "coverage": _FLOAT,
    "strategy": _TEXT,
    "provenance": _TEXT,
    "computed": _FLOAT,
    "deviation": _FLOAT,
    "reason": _TEXT,
    "awaiting_dialogue": _BOOL,
}
"""Columns and dtypes of :meth:`RollupResult.to_dataframe` (index ``id``, ``string``)."""

SMART_COLUMNS: Mapping[str, str] = {
    "element": _TEXT,
    "criterion": _TEXT,
    "code": _TEXT,
    "verdict": _TEXT,
    "strict_verdict": _TEXT,
    "message": _TEXT,
    "hint": _TEXT,
    "evidence": _TEXT,
    "owner": _TEXT,
    "level": _TEXT,
}
"""Columns and dtypes of :meth:`SmartReport.to_dataframe` (one row per finding)."""

TRAJECTORY_COLUMNS: Mapping[str, str] = {
    "annual_target": _FLOAT,
    "change": _FLOAT,
    "unit": _TEXT,
}
"""Columns and dtypes of :meth:`Trajectory.to_dataframe` (index ``year``, ``int64``)."""

MEASUREMENT_COLUMNS: Mapping[str, str] = {
    "indicator": _TEXT,
    "period": _TEXT,
    "year": _YEAR,
    "value": _FLOAT,
    "unit": _TEXT,
    "gender": _TEXT,
    "preliminary": _BOOL,
    "source": _TEXT,
}
"""Columns and dtypes of :func:`measurements_frame` (one row per measurement)."""

INDICATOR_COLUMNS: Mapping[str, str] = {
    "title": _TEXT,
    "unit": _TEXT,
    "year": _INT,
    "baseline": _FLOAT,
    "baseline_year": _INT,
    "annual_target": _FLOAT,
    "actual": _FLOAT,
    "actual_year": _INT,
    "gap": _FLOAT,
    "gap_unit": _TEXT,
    "category": _TEXT,
    "category_label": _TEXT,
    "forecast": _FLOAT,
    "forecast_clamped": _BOOL,
    "target": _FLOAT,
    "target_year": _INT,
    "source": _TEXT,
    "fetched": _TEXT,
    "annual_target_written": _TEXT,
    "method": _TEXT,
    "score": _FLOAT,
    "status": _TEXT,
    "forecast_shown": _FLOAT,
}
"""Columns and dtypes of :func:`indicators_frame` (index ``id``, ``string``)."""


COMPARISON_COLUMNS: Mapping[str, str] = {
    "kpi": _TEXT,
    "year": _YEAR,
    "value": _FLOAT,
    "rank": _INT,
    "of": _YEAR,
    "median": _FLOAT,
    "q1": _FLOAT,
    "q3": _FLOAT,
    "best": _FLOAT,
    "worst": _FLOAT,
    "riket": _FLOAT,
    "band": _TEXT,
}
"""Columns and dtypes of :func:`comparison_frame` (index ``id``, ``string``)."""


def _pandas() -> Any:
    return require("pandas", extra="pandas", purpose="DataFrames")


def _frame(
    columns: Mapping[str, str],
    rows: Sequence[Sequence[Any]],
    *,
    index: Sequence[Any] | None = None,
    index_name: str | None = None,
    index_dtype: str = _TEXT,
) -> Any:
    """A frame of *rows* (values in the order of *columns*) with the columns' dtypes."""
    pd = _pandas()
    names = list(columns)
    values: list[list[Any]] = [[] for _ in names]
    for row in rows:
        for cells, value in zip(values, row, strict=True):
            cells.append(value)
    data = {
        name: pd.array(cells, dtype=columns[name])
        for name, cells in zip(names, values, strict=True)
    }
    frame_index = None
    if index is not None:
        frame_index = pd.Index(pd.array(list(index), dtype=index_dtype), name=index_name)
    return pd.DataFrame(data, index=frame_index, columns=names)


def rollup_frame(result: RollupResult, *, lang: str = "sv") -> Any:
    """A roll-up as a DataFrame: one row per element, in the result's order.

    Parameters
    ----------
    result
        What :meth:`goalchain.GoalChain.rollup` returned.
    lang
        The language of ``status_label`` and ``reason``: ``"sv"``, ``"en"`` or
        another language goalchain has a catalog for.

    Returns
    -------
    pandas.DataFrame
        Index ``id``; the columns of :data:`ROLLUP_COLUMNS`: title, kind,
        score, status, status_label, coverage, strategy, provenance, computed,
        deviation, reason, awaiting_dialogue. A score that could not be
        computed is ``<NA>``.

    Raises
    ------
    MissingDependencyError
        When pandas is not installed.
    InvalidValueError
        For a language goalchain does not speak.

    Examples
    --------
    >>> import goalchain as gc
    >>> result = gc.io.load_demo().rollup(2024)
    >>> frame = result.to_dataframe()
    >>> frame.loc["kf1", ["status", "status_label", "strategy"]].tolist()
    ['partly', 'delvis uppfyllt', 'weighted']
    >>> round(float(frame.loc["kf1", "score"]), 3), frame.loc["kf1", "computed"]
    (0.896, <NA>)
    >>> result.to_dataframe(lang="en").loc["a1", "reason"]
    'in progress, 80% done'
    """
    lang = check_lang(lang)
    rows = [
        (
            result.title(node_id),
            node.kind,
            node.score,
            node.status,
            result.scale_of(node_id).label(node.status, lang=lang),
            node.coverage,
            node.strategy,
            node.provenance,
            node.computed,
            node.deviation,
            node.reason_in(lang),
            node.awaiting_dialogue,
        )
        for node_id, node in result.items()
    ]
    frame = _frame(ROLLUP_COLUMNS, rows, index=list(result), index_name="id")
    frame.attrs.update(period=str(result.period), strategy=result.strategy, scorer=result.scorer)
    return frame


def findings_frame(report: SmartReport) -> Any:
    """The findings of a SMART check as a DataFrame: one row per finding, in order.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`SMART_COLUMNS` (the fields of
        :meth:`SmartFinding.to_dict <goalchain.smart.SmartFinding.to_dict>`);
        message, hint and evidence in the report's language. A missing owner
        or level is ``<NA>``.

    Examples
    --------
    >>> import goalchain as gc
    >>> report = gc.smart.check(gc.io.load_demo())
    >>> frame = report.to_dataframe()
    >>> len(frame) == len(report)
    True
    >>> frame.groupby("verdict").size().to_dict()
    {'not_applicable': 5, 'pass': 43}
    """
    rows = [
        (
            f.element,
            f.criterion,
            f.code,
            f.verdict,
            f.strict_verdict,
            f.message,
            f.hint,
            f.evidence,
            f.owner,
            f.level,
        )
        for f in report
    ]
    frame = _frame(SMART_COLUMNS, rows)
    frame.attrs.update(name=report.name, lang=report.lang, strict=report.strict)
    return frame


def trajectory_frame(trajectory: Trajectory) -> Any:
    """Annual targets as a DataFrame: one row per year.

    Returns
    -------
    pandas.DataFrame
        Index ``year`` (``int64``); columns ``annual_target`` (in the
        trajectory's unit), ``change`` (the step from the year before,
        ``<NA>`` for the baseline year) and ``unit`` (``<NA>`` when the
        trajectory has none). ``frame.attrs`` holds ``unit`` and ``method``.

    Examples
    --------
    >>> from goalchain.progression import annual_targets
    >>> trajectory = annual_targets(baseline=(2022, "78 %"), target=(2026, "90 %"))
    >>> frame = trajectory.to_dataframe()
    >>> frame["annual_target"].to_dict()
    {2022: 78.0, 2023: 81.0, 2024: 84.0, 2025: 87.0, 2026: 90.0}
    >>> frame["change"].tolist()[:2], frame.attrs["unit"]
    ([<NA>, 3.0], 'percent')
    """
    rows = [
        (row["year"], row["value"], row["change"], trajectory.unit) for row in trajectory.as_table()
    ]
    frame = _frame(
        TRAJECTORY_COLUMNS,
        [row[1:] for row in rows],
        index=[row[0] for row in rows],
        index_name="year",
        index_dtype=_YEAR,
    )
    frame.attrs.update(unit=trajectory.unit, method=trajectory.method)
    return frame


def measurements_frame(
    chain: GoalChain, indicator: str | None = None, *, gender: str | None = None
) -> Any:
    """A chain's measurements as a DataFrame: one row per measurement.

    Parameters
    ----------
    chain
        The goal chain.
    indicator
        Only the measurements of this indicator.
    gender
        Only this gender (``"T"``, ``"K"`` or ``"M"``).

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`MEASUREMENT_COLUMNS`, in the order of
        :meth:`GoalChain.measurements <goalchain.GoalChain.measurements>`:
        indicator, period (``"2024"``, ``"2024-T2"``...), year, value (in the
        indicator's unit), unit, gender, preliminary and source (``<NA>``
        when not recorded).

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.report import measurements_frame
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_indicator("i1", "Behöriga", unit="percent")
    >>> _ = chain.record("i1", 2023, 80.5, source="Kolada")
    >>> _ = chain.record("i1", "2024-T1", 81.0, preliminary=True)
    >>> frame = measurements_frame(chain)
    >>> frame[["indicator", "period", "year", "value"]].values.tolist()
    [['i1', '2023', 2023, 80.5], ['i1', '2024-T1', 2024, 81.0]]
    >>> frame["source"].tolist()
    ['Kolada', <NA>]
    """
    rows = [
        (
            m.indicator,
            str(m.period),
            m.period.year,
            m.value,
            m.unit,
            m.gender,
            m.preliminary,
            m.source,
        )
        for m in chain.measurements(indicator, gender=gender)
    ]
    return _frame(MEASUREMENT_COLUMNS, rows)


def indicators_frame(chain: GoalChain, year: int | None = None, *, lang: str = "sv") -> Any:
    """Every indicator of a follow-up as a DataFrame, from :func:`indicator_rows`.

    Parameters
    ----------
    chain
        The goal chain.
    year
        The follow-up year; by default each indicator's latest measured year.
    lang
        The language of ``category_label``: ``"sv"``, ``"en"`` or another
        language goalchain has a catalog for.

    Returns
    -------
    pandas.DataFrame
        Index ``id``; the columns of :data:`INDICATOR_COLUMNS`: title, unit,
        year, baseline, baseline_year, annual_target (the year's), actual and
        actual_year (the latest value up to the year, and its year, which may
        be earlier), gap (against that year's annual target, in ``gap_unit``:
        percentage points for a percent indicator), category and
        category_label (the on-track assessment), forecast (for the target
        year, exact) and forecast_clamped (True when it lies outside what the
        unit allows, which reports show limited), target, target_year, source
        and fetched (the date a Kolada value was fetched); then, from
        :meth:`GoalChain.follow_up`, annual_target_written (the target of
        actual_year as written, ``"≥30"``), method (of the category), score
        and status (the roll-up's, for the year) and forecast_shown (limited
        to what the unit allows). annual_target is the level the target of
        actual_year asks for. What cannot be computed is ``<NA>``.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.report import indicators_frame
    >>> frame = indicators_frame(gc.io.load_demo(), 2024)
    >>> frame.loc["i1", ["baseline", "annual_target", "actual", "target"]].tolist()
    [78.0, 84.0, 82.9, 90.0]
    >>> frame.loc["i1", "category_label"], frame.loc["i1", "gap_unit"]
    ('framsteg, men takten behöver öka', 'percentage_point')
    """
    from ._indicators import indicator_rows

    lang = check_lang(lang)
    found = indicator_rows(chain, year=year, lang=lang)
    rows = [
        (
            row.indicator.title,
            row.indicator.unit,
            row.year,
            None if row.baseline is None else row.baseline.value,
            None if row.baseline is None else row.baseline.year,
            row.expected,
            row.actual,
            row.actual_year,
            row.gap,
            row.gap_unit,
            row.category,
            row.label,
            row.forecast,
            row.forecast_clamped if row.forecast is not None else None,
            None if row.target is None else row.target.value,
            None if row.target is None else row.target.year,
            row.source,
            row.fetched,
            None if fu is None or fu.target is None else str(fu.target),
            None if fu is None else fu.method,
            None if fu is None else fu.score,
            None if fu is None or fu.actual is None else fu.status,
            row.forecast_shown,
        )
        for row in found
        for fu in (row.follow_up,)
    ]
    index = [row.indicator.id for row in found]
    return _frame(INDICATOR_COLUMNS, rows, index=index, index_name="id")


def spreadsheet_safe(frame: Any) -> Any:
    """A copy of *frame* whose texts no spreadsheet program reads as a formula.

    goalchain's frames hold the chain's texts as they are (they are data). A
    title such as ``=HYPERLINK(...)`` becomes a live formula when the frame is
    written with ``frame.to_excel(...)`` or opened from ``frame.to_csv(...)``
    in Excel (CWE-1236). This copy has a single quote in front of every text
    cell, index label and column name that starts with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return (OWASP's advice), as goalchain's CSV
    template does; numbers (also negative ones) and missing values are left
    as they are, and so are the dtypes. *frame* is not changed. For CSV,
    write with ``lineterminator="\\r\\n"`` (or ``quoting=csv.QUOTE_ALL``), so
    that a text holding a carriage return is quoted and cannot start a row.

    Parameters
    ----------
    frame
        A pandas DataFrame.

    Returns
    -------
    pandas.DataFrame
        The escaped copy.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.report import indicators_frame, spreadsheet_safe
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_indicator("i1", '=HYPERLINK("http://x/")', unit="percent")
    >>> print(spreadsheet_safe(indicators_frame(chain)).loc["i1", "title"])
    '=HYPERLINK("http://x/")
    """
    pd = _pandas()
    if not isinstance(frame, pd.DataFrame):
        from ..exceptions import InvalidValueError

        raise InvalidValueError(
            N_("expected a pandas DataFrame, got {type}"),
            field="frame",
            params={"type": type(frame).__name__},
        )

    def safe(value: Any) -> Any:
        return csv_cell(value) if isinstance(value, str) else value

    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            out[column] = series.map(safe, na_action="ignore").astype(series.dtype)
    if out.index.dtype == object or pd.api.types.is_string_dtype(out.index.dtype):
        out.index = out.index.map(safe).astype(out.index.dtype)
    out.columns = [safe(c) for c in out.columns]
    return out


def comparison_frame(comparisons: Comparisons) -> Any:
    """Where a municipality stands among others, one row per indicator, as a DataFrame.

    Parameters
    ----------
    comparisons
        From :meth:`GoalChain.compare` (:func:`goalchain.io.kolada.compare_chain`).

    Returns
    -------
    pandas.DataFrame
        Index ``id`` (the indicator's); the columns of :data:`COMPARISON_COLUMNS`,
        the keys of ``goalchain kolada compare --format json``. A figure that
        does not exist is ``<NA>``, never 0. ``frame.attrs`` holds ``year``,
        ``municipality`` and ``group`` (the group's id, None for every municipality).

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.io.kolada import MunicipalityGroup
    >>> chain = gc.GoalChain(name="Burlöv", municipality="1231")
    >>> _ = chain.add_indicator("i1", "Behöriga", unit="percent", kolada="N15436")
    >>> class Values:
    ...     def values(self, kpi, year, *, gender="T"):
    ...         return {"1231": 80.0, "1260": 70.0}
    ...     def groups(self):
    ...         return [MunicipalityGroup("G1", "Liknande", ["1260"])]
    >>> frame = chain.compare(2024, source=Values(), group="G1").to_dataframe()
    >>> frame["value"].tolist(), frame["rank"].tolist(), frame["band"].tolist()
    ([80.0], [1], ['best_quarter'])
    >>> frame["riket"].tolist(), str(frame["of"].dtype)
    ([<NA>], 'int64')
    """
    from ..io._kolada_compare import COMPARISON_KEYS

    rows = [
        tuple(comparison.as_dict()[key] for key in COMPARISON_KEYS)
        for comparison in comparisons.values()
    ]
    frame = _frame(COMPARISON_COLUMNS, rows, index=list(comparisons), index_name="id")
    group = comparisons.group
    frame.attrs.update(
        year=comparisons.year,
        municipality=comparisons.municipality,
        group=None if group is None else group.id,
    )
    return frame
