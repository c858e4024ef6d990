"""*Tidsatt*: a target year within the mandate period, and annual targets on the way."""

from __future__ import annotations

import re
import warnings

from ..exceptions import GoalchainError, ProgressionError
from ..models import Goal, Indicator
from ._context import LevelRoles, SmartContext
from ._finding import Judgement, Table, from_table
from ._measurable import goal_target
from ._registry import register

__all__ = ["TimeBound", "years_in_text"]

# "år 2026", "till 2026", "senast 2026", "by 2026", "in 2026", "2026"; not "Vision 2040"
_YEAR = re.compile(
    r"\b(?:år|året|till|senast|innan|före|under|by|in|until|before|end of)\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)

_TEXT: Table = {
    "target_year": {
        "sv": ("målåret {evidence} ligger inom mandatperioden {mandate}", ""),
        "en": ("the target year {evidence} lies within the mandate period {mandate}", ""),
    },
    "no_target_year": {
        "sv": (
            "målet har inget målår",
            "ange när målet ska vara nått: ett målvärde med år för indikatorn, gärna "
            "mandatperiodens sista år ({end})",
        ),
        "en": (
            "the goal has no target year",
            "say when the goal is to be reached: a target with a year for its indicator, "
            "preferably the last year of the mandate period ({end})",
        ),
    },
    "after_mandate": {
        "sv": (
            "målåret {evidence} ligger efter mandatperioden {mandate}",
            "sätt ett målvärde för mandatperiodens sista år ({end}), så att den fullmäktige "
            "som antog målet också kan följa upp det",
        ),
        "en": (
            "the target year {evidence} lies after the mandate period {mandate}",
            "set a target for the last year of the mandate period ({end}), so that the "
            "council that adopted the goal can also follow it up",
        ),
    },
    "before_mandate": {
        "sv": (
            "målåret {evidence} ligger före mandatperioden {mandate}",
            "sätt ett nytt målår inom mandatperioden",
        ),
        "en": (
            "the target year {evidence} lies before the mandate period {mandate}",
            "set a new target year within the mandate period",
        ),
    },
    "no_annual_targets": {
        "sv": (
            "årsmål saknas mellan utgångsåret och målåret för {evidence}",
            "besluta en årsvis progressionstakt (annual_targets) eller ange en metod "
            "(progression: linear)",
        ),
        "en": (
            "there are no annual targets between the baseline and the target year for {evidence}",
            "decide an annual progression (annual_targets) or name a method (progression: linear)",
        ),
    },
    "annual_targets_invalid": {
        "sv": (
            "årsmålen för indikatorn {evidence} går inte att läsa ut: {reason}",
            "ange ett årsmål för varje år mellan utgångsåret och målåret",
        ),
        "en": (
            "the annual targets of indicator {evidence} cannot be derived: {reason}",
            "give an annual target for every year between the baseline and the target year",
        ),
    },
}


_MISSING = Judgement(verdict="warn", code="no_annual_targets", message="")
"""What :meth:`TimeBound._annual` answers for an indicator without annual targets (the
check then names all such indicators of the goal in one judgement)."""


def _derivable(indicator: Indicator) -> bool:
    """Annual targets that surely derive (so the trajectory need not be computed)."""
    assert indicator.baseline is not None and indicator.target is not None
    if indicator.annual_targets:
        given = {p.year: p.value for p in indicator.annual_targets}
        inner = range(indicator.baseline.year + 1, indicator.target.year)
        last = given.get(indicator.target.year, indicator.target.value)
        return all(year in given for year in inner) and last == indicator.target.value
    return indicator.progression == "linear"


def years_in_text(text: str | None) -> list[int]:
    """Years a goal's wording names as a deadline (``"år 2026"``, ``"senast 2025"``, ``"by 2030"``).

    Examples
    --------
    >>> from goalchain.smart import years_in_text
    >>> years_in_text("Hälften av hushållsavfallet ska gå till materialåtervinning år 2026")
    [2026]
    >>> years_in_text("Vision 2040")
    []
    """
    if not text:
        return []
    return [int(m.group(1)) for m in _YEAR.finditer(text)]


@register("time_bound")
class TimeBound:
    """A target year within or at the end of the mandate period, and annual targets.

    The target years are those of the goal's indicators (or, without any, of
    the indicators of the goals below it), the year of the goal's own target, or
    a year the goal's title or description names as a deadline ("år 2026",
    "senast 2025"). None fails; a year after or before the mandate period warns.
    Each of the goal's own indicators that spans more than a year needs annual
    targets: explicit ones (the committee's *progressionstakt*) or a named
    progression method; without them it warns.

    The mandate period is ``chain.metadata["mandate_period"]`` or else derived
    from the decisions, the baselines or today's date
    (see :func:`~goalchain.smart.mandate_period`).

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Exempel", metadata={"mandate_period": "2023-2026"})
    >>> _ = chain.add_goal("kf1", "Fler elever ska klara skolan", level="council")
    >>> _ = chain.add_indicator("i1", "Behöriga", parents=["kf1"], unit="percent",
    ...                         baseline=(2022, 78.0), target=(2028, 90.0))
    >>> [(f.code, f.evidence) for f in gc.smart.check(chain, criteria=["time_bound"])]
    [('after_mandate', '2028'), ('no_annual_targets', 'i1')]
    """

    label_sv = "Tidsatt"
    label_en = "Time-bound"

    def default_levels(self, roles: LevelRoles) -> tuple[str, ...]:
        """Goal levels below the top, except the direction levels (not held to a year)."""
        return tuple(key for key in roles.below_top if key not in roles.direction)

    def check(self, goal: Goal, context: SmartContext) -> list[Judgement]:
        """Judge one goal."""
        start, end = context.mandate
        mandate = f"{start}–{end}"
        own = context.indicators(goal.id)
        measured = [i for i in own if i.target is not None] or [
            i for i in context.indicators_below(goal.id) if i.target is not None
        ]
        years = {i.target.year for i in measured if i.target is not None}
        target = goal_target(goal)
        if target is not None and target[0] is not None:
            years.add(target[0])
        if not years:
            years.update(years_in_text(goal.title))
            years.update(years_in_text(goal.description))
        if not years:
            return [from_table(_TEXT, "fail", "no_target_year", end=str(end))]
        out: list[Judgement] = []
        ordered = sorted(years)
        for year in ordered:
            if year > end:
                out.append(
                    from_table(
                        _TEXT, "warn", "after_mandate", evidence=str(year), mandate=mandate, end=end
                    )
                )
            elif year < start:
                out.append(
                    from_table(_TEXT, "warn", "before_mandate", evidence=str(year), mandate=mandate)
                )
        missing: list[str] = []
        for indicator in own:
            found = self._annual(indicator)
            if found is _MISSING:
                missing.append(indicator.id)
            elif found is not None:
                out.append(found)
        if missing:
            out.append(
                from_table(
                    _TEXT, "warn", "no_annual_targets", evidence=", ".join(missing), once=True
                )
            )
        if out:
            return out
        shown = ", ".join(map(str, ordered))
        return [from_table(_TEXT, "pass", "target_year", evidence=shown, mandate=mandate)]

    def _annual(self, indicator: Indicator) -> Judgement | None:
        """None when the annual targets are fine, :data:`_MISSING` when there are none."""
        base, target = indicator.baseline, indicator.target
        if base is None or target is None or target.year - base.year <= 1:
            return None
        if indicator.annual_targets or indicator.progression:
            if _derivable(indicator):
                return None
            try:
                with warnings.catch_warnings():  # steps against the direction: validate() says so
                    warnings.simplefilter("ignore")
                    indicator.trajectory()
            except GoalchainError as err:
                reason = err.reason if isinstance(err, ProgressionError) else str(err)
                return from_table(
                    _TEXT,
                    "warn",
                    "annual_targets_invalid",
                    evidence=indicator.id,
                    reason=reason,
                )
            return None
        return _MISSING
