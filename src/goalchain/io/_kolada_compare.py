"""Where a municipality stands among others: a KPI's value against a group's (issue 17).

For an indicator with a Kolada id and a year, the values of a group of
municipalities (Kolada's own groups, such as "Liknande kommuner grundskola,
Burlöv, 2024", or every municipality) come from a source of values
(:class:`~goalchain.io._kolada_values.KoladaValues`: the local store, or values
in memory). :func:`compare_values` computes the figures a controller uses
(:class:`Comparison`): the municipality's value, its rank, the group's median,
quartiles, best and worst, Riket's value and the band. :func:`compare_chain`
does it for every indicator of a chain that has a Kolada id.

The municipality itself counts among the group, whether or not Kolada lists
it as a member (Kolada's "Liknande kommuner …, Burlöv" groups list the similar
municipalities, not Burlöv): its rank is among the group and itself, and the
median, quartiles, best and worst are of them all. Only municipalities with a
value count; a missing value is missing, never 0.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .._i18n import N_
from ..exceptions import InvalidValueError, UnknownGroupError
from ._kolada_kpi import KpiInfo, UnitNote, _in_unit, _unit_problem
from ._kolada_values import RIKET, KoladaValues, MunicipalityGroup

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = [
    "BANDS",
    "COMPARISON_KEYS",
    "Comparison",
    "Comparisons",
    "compare_chain",
    "compare_values",
    "find_group",
    "is_municipality",
    "percentile",
]

BANDS = ("best_quarter", "middle_half", "worst_quarter")
"""The bands, KKiK's way: the best quarter, the middle half, the worst quarter."""

COMPARISON_KEYS = (
    "kpi",
    "year",
    "value",
    "rank",
    "of",
    "median",
    "q1",
    "q3",
    "best",
    "worst",
    "riket",
    "band",
)
"""The keys of a comparison as JSON (``goalchain kolada compare --format json``)."""


@attrs.frozen(kw_only=True)
class Comparison:
    """Where a municipality's value of a KPI stands among a group's, for one year.

    A figure that does not exist is None: no value of the municipality (then no
    rank nor band), no value in the group (then no median either), a direction
    ``maintain`` (no better or worse: no rank, best, worst nor band).

    Attributes
    ----------
    kpi, year
        The Kolada KPI and the year.
    value
        The municipality's value.
    rank
        Its rank among the group and itself, 1 the best by the indicator's
        direction; equal values share a rank (1, 2, 2, 4).
    of
        How many of them have a value.
    median, q1, q3
        The median and the quartiles of those values (numpy's default
        percentile: linear between the closest ranks).
    best, worst
        The best and the worst value by the indicator's direction.
    riket
        The value of the whole country (Riket, ``"0000"``).
    band
        ``"best_quarter"`` (beyond the quartile on the better side),
        ``"worst_quarter"`` (beyond the one on the worse side) or
        ``"middle_half"`` (between them, or on one).

    Examples
    --------
    >>> c = compare_values({"1231": 80.0, "1260": 70.0, "1442": 90.0, "0000": 84.0},
    ...                    ["1260", "1442"], "1231", kpi="N15436", year=2024,
    ...                    direction="increase")
    >>> c.rank, c.of, c.median, c.best, c.worst, c.riket, c.band
    (2, 3, 80.0, 90.0, 70.0, 84.0, 'middle_half')
    >>> list(c.as_dict())[:5]
    ['kpi', 'year', 'value', 'rank', 'of']
    """

    kpi: str
    year: int
    value: float | None = None
    rank: int | None = None
    of: int = 0
    median: float | None = None
    q1: float | None = None
    q3: float | None = None
    best: float | None = None
    worst: float | None = None
    riket: float | None = None
    band: str | None = None

    def as_dict(self) -> dict[str, object]:
        """The figures with the keys of :data:`COMPARISON_KEYS`; None where one is missing."""
        return {key: getattr(self, key) for key in COMPARISON_KEYS}


def percentile(values: Sequence[float], q: float) -> float:
    """The *q*-th percentile of *values* as numpy's default (``method="linear"``) computes it.

    Examples
    --------
    >>> percentile([1.0, 2.0, 3.0, 4.0], 25), percentile([1.0, 2.0, 3.0, 4.0], 50)
    (1.75, 2.5)
    """
    ordered = sorted(values)
    if not ordered:
        raise InvalidValueError(N_("a percentile needs at least one value"), params={})
    h = (len(ordered) - 1) * q / 100.0
    low = math.floor(h)
    high = min(low + 1, len(ordered) - 1)
    a, b, t = ordered[low], ordered[high], h - low
    # numpy's _lerp: from the nearer end, so that a percentile never leaves [a, b]
    return b - (b - a) * (1 - t) if t >= 0.5 else a + (b - a) * t


def is_municipality(code: str) -> bool:
    """Whether a Kolada id is a municipality's (type K): four digits, not ``00..``.

    Kolada's regions are ``"0001"`` to ``"0025"`` and Riket ``"0000"``; a
    municipality's code starts with its county's (``"0114"``, ``"1231"``).

    Examples
    --------
    >>> is_municipality("1231"), is_municipality("0012"), is_municipality(RIKET)
    (True, False, False)
    """
    return len(code) == 4 and code.isdigit() and not code.startswith("00")


def compare_values(
    values: Mapping[str, float],
    members: Iterable[str],
    municipality: str | None,
    *,
    kpi: str,
    year: int,
    direction: str = "increase",
) -> Comparison:
    """Where *municipality*'s value stands among *members*' (itself included).

    Parameters
    ----------
    values
        A KPI's values for one year by municipality id (Riket under ``"0000"``);
        one without a value is absent.
    members
        The group's member ids; the municipality counts among them either way.
    municipality
        The municipality whose position is asked for, or None (then no value,
        rank nor band).
    kpi, year
        Said in the result.
    direction
        The indicator's: ``"increase"`` (higher is better), ``"decrease"``,
        or ``"maintain"`` (no better side: no rank, best, worst nor band).

    Returns
    -------
    Comparison
    """
    ids = set(members) - {RIKET}
    if municipality is not None:
        ids.add(municipality)
    pool = [values[i] for i in ids if i in values and math.isfinite(values[i])]
    riket = values.get(RIKET)
    value = values.get(municipality) if municipality is not None else None
    if value is not None and not math.isfinite(value):
        value = None
    if not pool:
        return Comparison(kpi=kpi, year=year, value=value, riket=riket)
    q1, median, q3 = (percentile(pool, q) for q in (25, 50, 75))
    if direction not in ("increase", "decrease"):
        return Comparison(
            kpi=kpi, year=year, value=value, of=len(pool), median=median, q1=q1, q3=q3, riket=riket
        )
    sign = 1.0 if direction == "increase" else -1.0
    rank = band = None
    if value is not None:
        rank = 1 + sum(1 for other in pool if sign * other > sign * value)
        better, worse = (q3, q1) if sign > 0 else (q1, q3)
        if sign * value > sign * better:
            band = "best_quarter"
        elif sign * value < sign * worse:
            band = "worst_quarter"
        else:
            band = "middle_half"
    return Comparison(
        kpi=kpi,
        year=year,
        value=value,
        rank=rank,
        of=len(pool),
        median=median,
        q1=q1,
        q3=q3,
        best=max(pool) if sign > 0 else min(pool),
        worst=min(pool) if sign > 0 else max(pool),
        riket=riket,
        band=band,
    )


def find_group(groups: Iterable[MunicipalityGroup], name: str) -> MunicipalityGroup:
    """The group whose Kolada id is *name*, or else whose title is *name* as Kolada writes it.

    Raises
    ------
    UnknownGroupError
        When no group has that id or title, listing the closest ids and titles.

    Examples
    --------
    >>> groups = [MunicipalityGroup("G35889", "Liknande kommuner grundskola, Burlöv, 2024",
    ...                             ["1260"])]
    >>> find_group(groups, "Liknande kommuner grundskola, Burlöv, 2024").id
    'G35889'
    >>> find_group(groups, "Liknande kommuner grundskola, Burlöv 2024")
    Traceback (most recent call last):
    ...
    goalchain.exceptions.UnknownGroupError: no Kolada municipality group has the id or title \
'Liknande kommuner grundskola, Burlöv 2024'; close: Liknande kommuner grundskola, Burlöv, 2024
    """
    known = list(groups)
    for group in known:
        if group.id == name:
            return group
    for group in known:
        if group.title == name:
            return group
    names = [group.id for group in known] + [group.title for group in known]
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.6)
    raise UnknownGroupError(name, close=close)


class Comparisons(Mapping[str, Comparison]):
    """A chain's comparisons: indicator id -> :class:`Comparison`, in the chain's order.

    Attributes
    ----------
    year
        The year compared.
    municipality
        The municipality whose position is shown.
    group
        The group compared with; None for every municipality.
    refused
        The indicators left out because the KPI's unit does not fit theirs
        (:class:`~goalchain.io.kolada.UnitNote`, saying both units).
    """

    def __init__(
        self,
        items: Mapping[str, Comparison],
        *,
        year: int,
        municipality: str,
        group: MunicipalityGroup | None,
        refused: Sequence[UnitNote] = (),
    ):
        self._items = dict(items)
        self.year = year
        self.municipality = municipality
        self.group = group
        self.refused = tuple(refused)

    def __getitem__(self, key: str) -> Comparison:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        group = "all" if self.group is None else self.group.id
        return f"<Comparisons {self.year} {self.municipality} vs {group}: {len(self)} indicators>"

    def to_dataframe(self) -> Any:
        """The comparisons as a pandas DataFrame; see :func:`goalchain.report.comparison_frame`."""
        from ..report._frames import comparison_frame

        return comparison_frame(self)


def compare_chain(
    chain: GoalChain,
    year: int,
    *,
    source: KoladaValues,
    group: str | MunicipalityGroup | None = None,
    municipality: str | None = None,
    gender: str = "T",
    kpis: Mapping[str, KpiInfo] | None = None,
) -> Comparisons:
    """Where the chain's municipality stands, for every indicator with a Kolada id.

    Parameters
    ----------
    chain
        The goal chain; its indicators' ``kolada`` ids are compared.
    year
        The year.
    source
        Where the values come from (the local store, or values in memory).
    group
        A Kolada group's id or title (see :func:`find_group`), a
        :class:`MunicipalityGroup`, or None for every municipality (not the
        regions nor Riket).
    municipality
        The municipality whose position is shown; the chain's own by default.
    gender
        ``"T"`` (total, the default), ``"K"`` or ``"M"``.
    kpis
        The KPIs' metadata (:class:`~goalchain.io.kolada.KpiInfo` by id), when
        known: then a KPI whose unit does not fit the indicator's is refused
        (in :attr:`Comparisons.refused`, with both units, as ``fetch`` does),
        and values are converted to the indicator's unit (percent to permille).

    Raises
    ------
    InvalidValueError
        When neither *municipality* nor the chain gives a municipality code, or
        it is not one (four digits, not a region's ``00..``), the year is not a
        whole number or the gender not ``T``, ``K`` or ``M``.
    UnknownGroupError
        When *group* names no group of *source*.

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Burlöv", municipality="1231")
    >>> _ = chain.add_indicator("i1", "Behöriga", unit="percent", kolada="N15436")
    >>> class Values:
    ...     def values(self, kpi, year, *, gender="T"):
    ...         return {"1231": 80.0, "1260": 70.0, "1442": 90.0}
    ...     def groups(self):
    ...         return [MunicipalityGroup("G1", "Liknande", ["1260", "1442"])]
    >>> result = compare_chain(chain, 2024, source=Values(), group="G1")
    >>> result["i1"].rank, result["i1"].of, result["i1"].band
    (2, 3, 'middle_half')
    """
    own = municipality if municipality is not None else chain.municipality
    if own is None:
        raise InvalidValueError(
            N_("the chain has no municipality code; give one, such as '1231'"),
            field="municipality",
            params={},
        )
    if not is_municipality(own):
        raise InvalidValueError(
            N_("{municipality!r} is not a municipality code; give one such as '1231' or '0192'"),
            field="municipality",
            params={"municipality": own},
        )
    if isinstance(year, bool) or not isinstance(year, int):
        raise InvalidValueError(
            N_("the year is a whole number such as 2024, got {year!r}"),
            field="year",
            params={"year": year},
        )
    if gender not in ("T", "K", "M"):
        raise InvalidValueError(
            N_("{gender!r}: give T (total), K (women) or M (men)"),
            field="gender",
            params={"gender": gender},
        )
    found = group if isinstance(group, MunicipalityGroup) or group is None else None
    if isinstance(group, str):
        found = find_group(source.groups(), group)
    items: dict[str, Comparison] = {}
    refused: list[UnitNote] = []
    for indicator in chain.indicators():
        kpi = indicator.kolada
        if kpi is None:
            continue
        info = None
        if kpis is not None:
            info = kpis.get(kpi)
            problem = _unit_problem(indicator, info)
            if problem is not None:
                refused.append(problem)
                continue
        raw = source.values(kpi, year, gender=gender)
        values = {code: _in_unit(number, indicator, info) for code, number in raw.items()}
        members = (
            [code for code in values if is_municipality(code)] if found is None else found.members
        )
        items[indicator.id] = compare_values(
            values, members, own, kpi=kpi, year=year, direction=indicator.direction
        )
    return Comparisons(items, year=year, municipality=own, group=found, refused=refused)
