"""Annual target trajectories: from a baseline year to the council's target year."""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .._i18n import N_, check_lang, direction_word
from ..exceptions import (
    GoalchainWarning,
    InvalidValueError,
    Message,
    Number,
    PeriodError,
    Plural,
    ProgressionError,
)
from ..models import Period, YearValue
from ..models._frozen import FrozenMapping
from ..models._values import finite_float, meets, steps_against, year_value
from ..units import convert, get_registry, is_quantity, parse_quantity, parse_unit
from ._methods import methods
from ._words import Said

__all__ = ["ProgressionWarning", "Trajectory", "annual_targets"]


class ProgressionWarning(GoalchainWarning):
    """An annual target that steps against the indicator's direction."""


def _direction(direction: str | None, baseline: float, target: float) -> str:
    if direction is not None:
        if direction not in ("increase", "decrease", "maintain"):
            raise ProgressionError(
                N_("direction {direction!r} is invalid; use increase, decrease or maintain"),
                field="direction",
                params={"direction": direction},
            )
        return direction
    if target > baseline:
        return "increase"
    if target < baseline:
        return "decrease"
    return "maintain"


class Trajectory(Mapping[int, Any]):
    """Annual targets: a read-only mapping year -> value from baseline to target year.

    Values are pint Quantities when the unit is known, floats otherwise; the
    floats are in :attr:`magnitudes`. Built by :func:`annual_targets` or
    :meth:`goalchain.Indicator.trajectory`.

    Attributes
    ----------
    baseline, target
        ``(year, value)`` pairs, values in :attr:`unit`.
    method
        The progression method's name; :attr:`params` its parameters.
    unit
        The unit of the values, or None.
    direction
        ``increase``, ``decrease`` or ``maintain``.
    reaches
        The first year whose value meets the target (for ``rate``, possibly
        after the target year), or None when it never does.
    warnings
        Messages about steps against the direction, in English (as Python's
        warnings are); :meth:`warnings_in` words them in another language.
    """

    def __init__(
        self,
        *,
        values: Mapping[int, float],
        baseline: YearValue,
        target: YearValue,
        method: str,
        params: Mapping[str, Any],
        unit: str | None,
        direction: str,
        reaches: int | None,
        warnings: Sequence[str] = (),
    ):
        self._values = dict(values)
        self.baseline = baseline
        self.target = target
        self.method = method
        self.params = FrozenMapping(params)
        self.unit = unit
        self.direction = direction
        self.reaches = reaches
        self.warnings = tuple(warnings)

    def warnings_in(self, lang: str = "sv") -> tuple[str, ...]:
        """:attr:`warnings` in *lang* (any language goalchain speaks); a warning
        given as plain text is kept as written.

        Examples
        --------
        >>> import warnings
        >>> from goalchain.progression import annual_targets
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     t = annual_targets(baseline=(2022, 78.0), target=(2025, 90.0),
        ...                        method="steps", steps={2023: 80.5, 2024: 79.5})
        >>> t.warnings_in("sv")
        ('årsmålet för 2024 (79,5) går emot riktningen öka från 2023 (80,5)',)
        >>> t.warnings_in("en") == t.warnings
        True
        """
        lang = check_lang(lang)
        return tuple(w.render(lang) if isinstance(w, Said) else w for w in self.warnings)

    @property
    def magnitudes(self) -> dict[int, float]:
        """The annual targets as floats in :attr:`unit` (the mapping's values are Quantities)."""
        return dict(self._values)

    def __getitem__(self, year: int) -> Any:
        value = self._values[year]
        if self.unit is None:
            return value
        return get_registry().Quantity(value, parse_unit(self.unit))

    def __iter__(self) -> Iterator[int]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Trajectory):
            return NotImplemented
        return (
            self._values == other._values
            and self.unit == other.unit
            and self.method == other.method
            and self.params == other.params
        )

    __hash__ = None  # type: ignore[assignment]

    def expected(self, year: int | Period | str) -> float:
        """The annual target of *year* as a float; after the target year, the target.

        Raises
        ------
        PeriodError
            For a year before the baseline year.
        """
        y = Period.parse(year).year if not isinstance(year, int) else year
        if y < self.baseline.year:
            raise PeriodError(
                N_(
                    "{year} lies before the baseline year {baseline}; annual targets "
                    "run {baseline}-{target}"
                ),
                field="year",
                params={"year": y, "baseline": self.baseline.year, "target": self.target.year},
            )
        if y > self.target.year:
            return self._values[self.target.year]
        return self._values[y]

    def to(self, unit: str) -> Trajectory:
        """The same trajectory in another unit (``"tkr"`` -> ``"SEK"``)."""
        if self.unit is None:
            raise ProgressionError(
                N_("this trajectory has no unit to convert from"), field="unit", params={}
            )

        def conv(value: float) -> float:
            return convert(parse_quantity(value, self.unit), unit, field="unit")

        def conv_change(change: float) -> float:
            return conv(change) - conv(0.0)

        params = dict(self.params)
        if isinstance(params.get("steps"), Mapping):
            params["steps"] = {y: conv(v) for y, v in params["steps"].items()}
        elif params.get("steps") is not None:
            params["steps"] = [conv_change(v) for v in params["steps"]]
        if params.get("rate") is not None and not params.get("relative", False):
            params["rate"] = conv_change(params["rate"])
        return Trajectory(
            values={y: conv(v) for y, v in self._values.items()},
            baseline=YearValue(self.baseline.year, conv(self.baseline.value)),
            target=YearValue(self.target.year, conv(self.target.value)),
            method=self.method,
            params=params,
            unit=unit,
            direction=self.direction,
            reaches=self.reaches,
            warnings=self.warnings,
        )

    def as_table(self) -> list[dict[str, Any]]:
        """Rows ``{"year", "value", "change"}``: each year's target and its yearly step."""
        rows: list[dict[str, Any]] = []
        previous: float | None = None
        for year, value in self._values.items():
            rows.append(
                {
                    "year": year,
                    "value": value,
                    "change": None if previous is None else value - previous,
                }
            )
            previous = value
        return rows

    def to_dataframe(self) -> Any:
        """The annual targets as a pandas DataFrame: index ``year``.

        Columns annual_target, change (from the year before) and unit. Needs
        pandas (the ``pandas`` extra).

        Examples
        --------
        >>> from goalchain.progression import annual_targets
        >>> frame = annual_targets(baseline=(2022, 78.0), target=(2024, 84.0)).to_dataframe()
        >>> frame["annual_target"].tolist()
        [78.0, 81.0, 84.0]
        """
        from ..report._frames import trajectory_frame

        return trajectory_frame(self)

    def _repr_html_(self) -> str:
        from ..report._chart_svg import trajectory_html

        return trajectory_html(self)

    def __repr__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        body = ", ".join(f"{y}: {v:g}" for y, v in self._values.items())
        return f"<Trajectory {self.method}{unit} {{{body}}}>"


def _read_point(value: Any, name: str, unit: str | None) -> tuple[int, Any]:
    if isinstance(value, Mapping):
        return int(value["year"]), value["value"]
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return value[0], value[1]
    raise ProgressionError(
        N_("{name} must be a (year, value) pair, got {value!r}"),
        field=name,
        params={"name": name, "value": value},
    )


def _unit_of(value: Any) -> str | None:
    if is_quantity(value):
        return str(value.units)
    if isinstance(value, str):
        quantity = parse_quantity(value)
        return str(quantity.units) if str(quantity.units) != "dimensionless" else None
    return None


def _no_unit(quantity: Any) -> bool:
    """No unit at all: ``"2"``, not ``"2 %"`` or ``"2 st"`` (which pint calls unitless too)."""
    return str(quantity.units) == "dimensionless"


def _absolute(value: Any, unit: str | None, field: str) -> float:
    """A change in *unit*; percentage points count 1:1 as an absolute change of percent.

    A string or Quantity without a unit (``"2"``) is the number it says, in
    *unit*, as the number 2 is (not 2 of pint's dimensionless, 200 %).
    """
    if unit is not None and (is_quantity(value) or isinstance(value, str)):
        quantity = parse_quantity(value)
        if _no_unit(quantity):
            return finite_float(float(quantity.magnitude), field=field, element=None)
        if str(quantity.units) == "percentage_point" and str(parse_unit(unit)) == "percent":
            return float(quantity.magnitude)
        return convert(quantity, unit, field=field)
    if unit:
        return convert(value, unit, field=field)
    if isinstance(value, str) or is_quantity(value):
        return finite_float(float(parse_quantity(value).magnitude), field=field, element=None)
    return finite_float(value, field=field, element=None)


def annual_targets(
    *,
    baseline: Any,
    target: Any,
    method: str = "linear",
    steps: Any = None,
    rate: Any = None,
    unit: str | None = None,
    decimals: int | None = None,
    direction: str | None = None,
) -> Trajectory:
    """Annual targets from a baseline to a target year (Burlöv's *progressionstakt*).

    Parameters
    ----------
    baseline, target
        ``(year, value)`` pairs; a value may be a float, a pint Quantity or a
        Swedish number string (``"78,0 %"``).
    method
        ``"linear"``, ``"geometric"``, ``"steps"``, ``"rate"``, ``"maintain"`` or a
        registered method.
    steps
        For ``steps``: yearly increments (a list) or yearly values (a mapping).
        Increments may be given in percentage points for a percent indicator.
    rate
        For ``rate``: the change per year. A number, or a number as text
        (``2``, ``"2"``, ``"+2"``, ``"-1,5"``), is a change in the unit per year;
        ``"2 %"`` (or a Quantity in percent) is relative growth of 2 % a year,
        compounded, for any indicator; a value with another unit is a change
        in that unit per year (``"2 procentenheter"``, ``"+2 st"``, ``"0,5 mnkr"``).
    unit
        The unit of the values; taken from the baseline when it carries one.
    decimals
        Round the years between to this many decimals; both endpoints stay exact.
    direction
        ``increase``, ``decrease`` or ``maintain``; by default from the sign of
        target - baseline. ``maintain`` holds at least (``increase``) or at most
        (``decrease``) the baseline.

    Raises
    ------
    PeriodError
        When the target year does not come after the baseline year.
    UnitMismatchError
        When baseline and target units do not fit.
    ProgressionError
        When the method cannot derive the targets (steps that miss, geometric
        across zero...).
    UnknownMethodError
        Listing the registered methods.

    Examples
    --------
    >>> from goalchain.progression import annual_targets
    >>> t = annual_targets(baseline=(2022, "78 %"), target=(2026, "90 %"))
    >>> t.magnitudes
    {2022: 78.0, 2023: 81.0, 2024: 84.0, 2025: 87.0, 2026: 90.0}
    >>> t[2024]
    <Quantity(84.0, 'percent')>
    >>> annual_targets(baseline=(2022, 100.0), target=(2024, 121.0), method="geometric").magnitudes
    {2022: 100.0, 2023: 110.00000000000001, 2024: 121.0}
    >>> annual_targets(baseline=(2022, 10.0), target=(2026, 20.0), method="rate", rate=4).reaches
    2025
    >>> rate = dict(baseline=(2022, "78 %"), target=(2026, "90 %"), method="rate")
    >>> annual_targets(**rate, rate="2").magnitudes == annual_targets(**rate, rate=2).magnitudes
    True
    >>> annual_targets(**rate, rate="2").magnitudes
    {2022: 78.0, 2023: 80.0, 2024: 82.0, 2025: 84.0, 2026: 86.0}
    """
    function = methods[method]
    b_year, b_raw = _read_point(baseline, "baseline", unit)
    t_year, t_raw = _read_point(target, "target", unit)
    unit = unit or _unit_of(b_raw) or _unit_of(t_raw)
    if unit is None:  # plain number strings such as "78,5"
        b_raw = parse_quantity(b_raw).magnitude if isinstance(b_raw, str) else b_raw
        t_raw = parse_quantity(t_raw).magnitude if isinstance(t_raw, str) else t_raw
    base = year_value((b_year, b_raw), unit, field="baseline", element=None)
    goal = year_value((t_year, t_raw), unit, field="target", element=None)
    if goal.year <= base.year:
        raise PeriodError(
            N_("the target year {target} must come after the baseline year {baseline}"),
            field="target",
            params={"target": goal.year, "baseline": base.year},
        )
    direction = _direction(direction, base.value, goal.value)
    years = list(range(base.year, goal.year + 1))
    params: dict[str, Any] = {}
    if steps is not None:
        if isinstance(steps, Mapping):
            params["steps"] = {int(y): _absolute(v, unit, "steps") for y, v in steps.items()}
        else:
            params["steps"] = [_absolute(v, unit, "steps") for v in steps]
    if rate is not None:
        params.update(_rate(rate, unit))
    raw = list(function(years=years, baseline=base.value, target=goal.value, **params))
    if len(raw) != len(years):
        raise ProgressionError(
            N_("progression method {method!r} returned {values} for {years}"),
            field="method",
            params={
                "method": method,
                "values": Plural("{n} value", "{n} values", len(raw)),
                "years": Plural("{n} year", "{n} years", len(years)),
            },
        )
    for year, value in zip(years, raw, strict=True):
        if not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ProgressionError(
                N_("progression method {method!r} gave {value!r} for {year}"),
                field="method",
                params={"method": method, "value": value, "year": year},
            )
    values = [float(v) for v in raw]
    if decimals is not None:
        values = [
            values[0],
            *(_round_within(v, decimals, base.value, goal.value) for v in values[1:-1]),
            values[-1],
        ]
        if method not in ("rate",):
            values[-1] = goal.value
    messages = _against_direction(years, values, direction)
    for message in messages:
        warnings.warn(message, ProgressionWarning, stacklevel=2)
    return Trajectory(
        values=dict(zip(years, values, strict=True)),
        baseline=base,
        target=goal,
        method=method,
        params={k: v for k, v in params.items()}
        | ({"decimals": decimals} if decimals is not None else {}),
        unit=unit,
        direction=direction,
        reaches=_reaches(years, values, base, goal, direction, params),
        warnings=messages,
    )


def _round_within(value: float, decimals: int, baseline: float, target: float) -> float:
    """Round *value*; one that lay between baseline and target stays between them.

    Without this, rounding 0.72 of a trajectory from 0 to 0.96 to no decimals
    gives 1, above the target, and a step against the direction after it.
    """
    low, high = min(baseline, target), max(baseline, target)
    noise = 1e-9 * max(1.0, abs(low), abs(high))  # steps that sum to just past an end
    rounded = round(value, decimals)
    if low - noise <= value <= high + noise:
        return min(max(rounded, low), high)
    return rounded


# The forms a yearly rate may take (method "rate"): a change per year in the indicator's
# unit (a number as text is that number); relative growth, 2 % of the previous year's
# value, compounded; a change per year in percentage points; a change per year in a
# unit, converted to the indicator's. The CLI's --help of --rate explains them too.
_RATE_FORMS = ("2, +2, -1,5", "2 %", "2 procentenheter, 2 p.e., 2 pp", "+2 st, 500 kr, 0,5 mnkr")


def _rate(rate: Any, unit: str | None) -> dict[str, Any]:
    """What a rate means: a number (or a number as text) is a change per year in *unit*;
    ``"2 %"`` is relative growth; a unit says what the change is in."""
    if is_quantity(rate) or isinstance(rate, str):
        try:
            quantity = parse_quantity(rate)
        except InvalidValueError as err:
            forms = "; ".join(f"{form!r}" for form in _RATE_FORMS)
            raise ProgressionError(
                N_("cannot read the rate {rate!r}; write it as one of {forms}"),
                field="rate",
                params={"rate": rate, "forms": forms},
            ) from err
        if _no_unit(quantity):  # "2" means 2, as the number 2 does
            return {"rate": _finite_rate(float(quantity.magnitude), rate), "relative": False}
        if str(quantity.units) == "percent":
            return {"rate": float(quantity.magnitude) / 100.0, "relative": True}
        return {"rate": _absolute(rate, unit, "rate"), "relative": False}
    if isinstance(rate, bool) or not isinstance(rate, (int, float)):
        raise ProgressionError(
            N_(
                "rate {rate!r} is not a number or a string such as '2', '2 %' or '2 procentenheter'"
            ),
            field="rate",
            params={"rate": rate},
        )
    return {"rate": _finite_rate(float(rate), rate), "relative": False}


def _finite_rate(number: float, rate: Any) -> float:
    if not math.isfinite(number):
        raise ProgressionError(
            N_("rate {rate!r} is not a finite number"), field="rate", params={"rate": rate}
        )
    return number


def _reaches(
    years: Sequence[int],
    values: Sequence[float],
    base: YearValue,
    goal: YearValue,
    direction: str,
    params: Mapping[str, Any],
) -> int | None:
    for year, value in zip(years, values, strict=True):
        if year > base.year and meets(
            value, base.value if direction == "maintain" else goal.value, direction
        ):
            return year
    if "rate" not in params:
        return None
    rate, relative = params["rate"], params.get("relative", False)
    if direction == "maintain":
        return None
    gap = goal.value - base.value
    if relative:
        if base.value == 0 or goal.value / base.value <= 0 or rate == 0:
            return None
        needed = math.log(goal.value / base.value) / math.log1p(rate)
    else:
        if rate == 0:
            return None
        needed = gap / rate
    if needed <= 0:
        return None
    return base.year + math.ceil(needed - 1e-9)


_AGAINST = N_(
    "the annual target for {year} ({value}) steps against the direction {direction} "
    "from {previous_year} ({previous})"
)


def _against_direction(years: Sequence[int], values: Sequence[float], direction: str) -> list[str]:
    return [
        Said(
            Message(
                _AGAINST,
                year=current.year,
                value=Number(current.value),
                direction=direction_word(direction),
                previous_year=previous.year,
                previous=Number(previous.value),
            )
        )
        for previous, current in steps_against(list(zip(years, values, strict=True)), direction)
    ]
