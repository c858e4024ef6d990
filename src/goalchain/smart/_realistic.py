"""*Realistiskt*: a target within reach of the indicator's own history, and possible at all."""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Mapping
from typing import Any

from .._i18n import N_, format_number, gettext, ngettext
from .._unit_text import format_value, format_value_sv_en
from ..exceptions import InvalidValueError
from ..models import Goal, Indicator
from ..units import canonical_unit, possible_bounds
from ._context import LevelRoles, SmartContext
from ._finding import Judgement, Table, Texts, _made, from_table
from ._measurable import complete
from ._registry import LabelIn, register

__all__ = ["Realistic", "best_yearly_change"]


_TEXT: Table = {
    "realistic": (
        N_("the targets are within reach: {evidence}"),
        "",
    ),
    "no_history": (
        lambda n, lang: ngettext(
            "the target is possible, but indicator {indicator} has no measurements to compare "
            "the pace with",
            "the targets are possible, but indicators {indicator} have no measurements to "
            "compare the pace with",
            n,
            lang,
        ),
        "",
    ),
    "judged_below": (
        N_("the goal's indicators belong to the goals below it and are judged there"),
        "",
    ),
    "nothing_to_judge": (
        N_("there is no baseline and target to judge"),
        N_("give the goal's indicator a baseline and a target"),
    ),
    "out_of_range": (
        N_("the target {evidence} of {indicator} lies outside what is possible ({range})"),
        N_("set a target the unit allows"),
    ),
    "unambitious": (
        N_("the target of {indicator} is already met at the baseline: {evidence}"),
        N_("raise the ambition, or say that the indicator is to hold its level if that is meant"),
    ),
    "too_fast": (
        N_(
            "{indicator} needs to change by {evidence} a year until {year}, more than "
            "{factor} times its best recorded yearly change ({best})"
        ),
        N_(
            "consider whether the target or its year is realistic, or say what will break the trend"
        ),
    ),
    "never_moved": (
        N_(
            "{indicator} needs to change by {evidence} a year until {year} but has never "
            "moved in the right direction in the years measured"
        ),
        N_("consider whether the target is realistic, or say what will turn the trend"),
    ),
}


def best_yearly_change(points: Mapping[int, float], direction: str) -> float | None:
    """The best yearly change in the indicator's direction between recorded years.

    *points* maps years to values (the baseline and the measurements). Between
    years further apart the change is divided by the years. None with fewer
    than two points.

    Examples
    --------
    >>> from goalchain.smart import best_yearly_change
    >>> best_yearly_change({2022: 78.0, 2023: 80.5, 2024: 81.0}, "increase")
    2.5
    >>> best_yearly_change({2022: 75.0, 2024: 65.0}, "decrease")
    5.0
    """
    years = sorted(points)
    if len(years) < 2:
        return None
    sign = -1.0 if direction == "decrease" else 1.0
    return max(sign * (points[b] - points[a]) / (b - a) for a, b in itertools.pairwise(years))


@functools.lru_cache(maxsize=256)
def _range(unit: str) -> tuple[float, float] | None:
    """The bounds of :func:`goalchain.units.possible_bounds`, ``inf`` for no upper one."""
    low, high = possible_bounds(unit)
    if low is None and high is None:
        return None
    return (-math.inf if low is None else low), (math.inf if high is None else high)


_Formats = dict[tuple[float, str], Texts]
"""Values written so far in one check: (value, unit) -> the texts."""


def _fmt(value: float, unit: str, formats: _Formats) -> Texts:
    """:func:`goalchain.report.format_value` in Swedish and English, kept in *formats*.

    Indicators share values (targets, yearly changes), so one check writes each
    once. A zero is not kept: ``0.0`` and ``-0.0`` are the same key but are
    written differently.
    """
    key = (value, unit)
    found = formats.get(key)
    if found is None:
        found = _made(*format_value_sv_en(value, unit), (_value_in, value, unit))
        if value:
            formats[key] = found
    return found


def _value_in(value: float, unit: str, lang: str) -> str:
    """*value* in *unit*, written in *lang* (for :class:`Texts` in a third language)."""
    return format_value(value, unit, lang=lang)


def _number_in(value: float, lang: str) -> str:
    return format_number(value, lang=lang)


def _range_in(bounds: tuple[float, float], unit: str, lang: str) -> str:
    """The values a unit can take (``0 %–100 %``, ``at least 0 kr``), in *lang*."""
    if math.isfinite(bounds[1]):
        return (
            f"{format_value(bounds[0], unit, lang=lang)}–{format_value(bounds[1], unit, lang=lang)}"
        )
    return gettext("at least {value}", lang).format(value=format_value(bounds[0], unit, lang=lang))


def _change_in(was: Texts, base: int, wanted: Texts, target: int, lang: str) -> str:
    """``12 % (2022) → 10 % (2026)``, in *lang*."""
    return f"{was[lang]} ({base}) → {wanted[lang]} ({target})"


def _joined(paces: list[Texts], lang: str) -> str:
    return "; ".join(p[lang] for p in paces)


_PACE = N_("{indicator} {needed}/year (best recorded {best})")
"""The pace an indicator needs beside the best it has shown (the evidence of a pass)."""


def _pace_in(indicator: str, needed: Texts, best: Texts, lang: str) -> str:
    return gettext(_PACE, lang).format(indicator=indicator, needed=needed[lang], best=best[lang])


def _change_unit(unit: str) -> str:
    # a difference of shares is in percentage points
    return "percentage_point" if unit == "percent" else unit


def _check_factor(options: Mapping[str, Any]) -> float:
    factor = options.get("factor", 2.0)
    if isinstance(factor, bool) or not isinstance(factor, (int, float)) or not factor > 0:
        raise InvalidValueError(
            N_("the realistic criterion's factor must be a number > 0, got {factor!r}"),
            field="options.realistic.factor",
            params={"factor": factor},
        )
    return float(factor)


@register("realistic")
class Realistic:
    """The target is possible, ambitious, and not far beyond the indicator's own history.

    For each of the goal's own indicators with baseline and target (those of the
    goals below it are judged there):

    - a target outside what the unit allows (a share below 0 or above 100 %, a
      count, number of days or inhabitants below 0) fails;
    - a target already met at the baseline warns as unambitious (use the
      direction ``maintain`` for a level to be kept);
    - the yearly change the target still needs -- from the latest recorded
      value before the target year (or the baseline) to the target -- is
      compared with the best yearly change between the indicator's recorded
      values (its baseline and measurements): more than ``factor`` times the
      best (default 2), or any change when it never moved the right way, warns.

    Notes
    -----
    Option ``factor`` (default 2.0): how many times the best recorded yearly
    change the needed change may be, e.g.
    ``check(chain, options={"realistic": {"factor": 1.5}})``.

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("kf1", "Alla ska vara nöjda", level="council")
    >>> _ = chain.add_indicator("i1", "Nöjda", parents=["kf1"], unit="percent",
    ...                         baseline=(2022, 90.0), target=(2026, 110.0))
    >>> f = gc.smart.check(chain, criteria=["realistic"], strict=True)[0]
    >>> f.verdict, f.code
    ('fail', 'out_of_range')
    """

    label = N_("Realistic")
    label_sv = LabelIn("sv")
    label_en = LabelIn("en")
    defaults: Mapping[str, Any] = {"factor": 2.0}

    def default_levels(self, roles: LevelRoles) -> tuple[str, ...]:
        """Every goal level below the top."""
        return roles.below_top

    def check(self, goal: Goal, context: SmartContext) -> list[Judgement]:
        """Judge one goal."""
        options = context.options
        checked = context.cache.get("realistic.factor")
        if checked is None or checked[0] is not options:  # checked and written once per check
            given = _check_factor(options)
            shown = Texts(
                format_number(given, lang="sv"),
                format_number(given, lang="en"),
                functools.partial(_number_in, given),
            )
            # the pace's words, looked up once per check (the hot path of a pass)
            pace_words = (gettext(_PACE, "sv"), _PACE)
            checked = context.cache["realistic.factor"] = (options, given, shown, pace_words)
        factor: float = checked[1]
        formats: _Formats = context.cache.setdefault("realistic.formats", {})
        indicators = [
            i
            for i in context.indicators(goal.id)
            if i.baseline is not None and i.target is not None
        ]  # complete() inlined: the hot path of the check
        if not indicators:
            below = any(complete(i) for i in context.indicators_below(goal.id))
            return [
                from_table(_TEXT, "not_applicable", "judged_below" if below else "nothing_to_judge")
            ]
        problems: list[Judgement] = []
        paces: list[Texts] = []
        unknown: list[str] = []
        for indicator in indicators:
            found, pace = self._indicator(indicator, context, factor, checked, formats)
            problems.extend(found)
            if pace is None:
                unknown.append(indicator.id)
            else:
                paces.append(pace)
        if problems:
            return problems
        if not paces:
            return [
                from_table(
                    _TEXT,
                    "pass",
                    "no_history",
                    indicator=", ".join(unknown),
                    count=len(unknown),
                    once=True,
                )
            ]
        if len(paces) == 1:
            evidence = paces[0]
        else:
            evidence = Texts(
                "; ".join(p.sv for p in paces),
                "; ".join(p.en for p in paces),
                functools.partial(_joined, paces),
            )
        return [from_table(_TEXT, "pass", "realistic", evidence=evidence)]

    def _indicator(
        self,
        indicator: Indicator,
        context: SmartContext,
        factor: float,
        checked: tuple[Any, ...],
        formats: _Formats,
    ) -> tuple[list[Judgement], Texts | None]:
        assert indicator.baseline is not None and indicator.target is not None
        base, target = indicator.baseline, indicator.target
        if target.value is None:  # a change target ("öka"): no level to be realistic about
            return [], None
        unit = canonical_unit(indicator.unit)
        name = indicator.id
        bounds = _range(unit)
        if bounds is not None and not bounds[0] <= target.value <= bounds[1]:
            within = functools.partial(_range_in, bounds, unit)
            shown = Texts(within("sv"), within("en"), within)
            return [
                from_table(
                    _TEXT,
                    "fail",
                    "out_of_range",
                    evidence=_fmt(target.value, unit, formats),
                    indicator=name,
                    range=shown,
                )
            ], None
        direction = indicator.direction
        if direction != "maintain" and (
            (direction == "increase" and target.value <= base.value)
            or (direction == "decrease" and target.value >= base.value)
        ):
            was, wanted = _fmt(base.value, unit, formats), _fmt(target.value, unit, formats)
            change_in = functools.partial(_change_in, was, base.year, wanted, target.year)
            evidence = Texts(change_in("sv"), change_in("en"), change_in)
            return [
                from_table(_TEXT, "warn", "unambitious", evidence=evidence, indicator=name)
            ], None
        if direction == "maintain":
            return [], None
        points = {base.year: base.value, **context.series(indicator.id)}
        # what is still needed: from the latest value before the target year (or the baseline)
        start = base.year
        for year in points:
            if start < year < target.year:
                start = year
        sign = -1.0 if direction == "decrease" else 1.0
        needed = max(0.0, sign * (target.value - points[start]) / (target.year - start))
        if needed == 0.0:
            return [], None
        best = best_yearly_change(points, direction)
        if best is None:
            return [], None
        change = _change_unit(unit)
        needed_text = _fmt(needed, change, formats)
        if best <= 0:
            return [
                from_table(
                    _TEXT,
                    "warn",
                    "never_moved",
                    evidence=needed_text,
                    indicator=name,
                    year=target.year,
                )
            ], None
        if needed > factor * best * (1 + 1e-9):
            return [
                from_table(
                    _TEXT,
                    "warn",
                    "too_fast",
                    evidence=needed_text,
                    indicator=name,
                    year=target.year,
                    best=_fmt(best, change, formats),
                    factor=checked[2],
                )
            ], None
        best_text = _fmt(best, change, formats)
        sv_pace, en_pace = checked[3]
        pace = _made(
            sv_pace.format(indicator=name, needed=needed_text.sv, best=best_text.sv),
            en_pace.format(indicator=name, needed=needed_text.en, best=best_text.en),
            (_pace_in, name, needed_text, best_text),
        )
        return [], pace
