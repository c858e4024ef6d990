"""*Tidsatt*: a target year, a date or a period, from the indicators or the goal's own words."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Mapping
from typing import Any

from .._i18n import N_, gettext, ngettext
from ..exceptions import GoalchainError, InvalidValueError, ProgressionError
from ..models import Goal, Indicator
from ._context import LevelRoles, SmartContext
from ._finding import Judgement, Table, Texts, from_table
from ._measurable import goal_target
from ._registry import LabelIn, register
from ._time_text import TIMING, TimeMention, deadline_years, read_time

__all__ = ["TimeBound", "years_in_text"]

_TEXT: Table = {
    "target_year": (
        N_("the target year {evidence}{said} lies within the mandate period {mandate}"),
        "",
    ),
    "period": (
        N_("the goal's text names a period: '{evidence}'"),
        "",
    ),
    "recurring": (
        N_("the goal applies every year: '{evidence}'"),
        "",
    ),
    "no_target_year": (
        N_(
            "the goal names no time: no year, date or period in its text and no target year "
            "on any indicator{seen}"
        ),
        N_(
            "say when the goal is to be reached: a year in the goal's text ('by {end}') or a "
            "target with a year for its indicator, preferably the last year of the mandate "
            "period ({end})"
        ),
    ),
    "after_mandate": (
        N_("the target year {evidence}{said} lies after the mandate period {mandate}"),
        N_(
            "set an intermediate target for the last year of the mandate period ({end}) as "
            "well, so that the council that adopted the goal can follow it up"
        ),
    ),
    "before_mandate": (
        N_("the target year {evidence}{said} lies before the mandate period {mandate}"),
        N_("set a new target year within the mandate period"),
    ),
    "no_annual_targets": (
        lambda n, lang: ngettext(
            "no annual targets are decided for indicator {evidence}: the linear default is "
            "used, equal steps each year from the baseline to the target",
            "no annual targets are decided for indicators {evidence}: the linear default is "
            "used, equal steps each year from the baseline to the target",
            n,
            lang,
        ),
        N_(
            "decide a target for each year up to the target year, or decide that the linear "
            "pace applies"
        ),
    ),
    "annual_targets_invalid": (
        N_("the annual targets of indicator {evidence} cannot be derived: {reason}"),
        N_("give an annual target for every year between the baseline and the target year"),
    ),
}

_MISSING = Judgement(verdict="pass", code="no_annual_targets", message="")
"""What :meth:`TimeBound._annual` answers for an indicator without decided annual
targets (the check then names all such indicators of the goal in one note)."""

_AFTER_MANDATE = ("pass", "warn", "fail")
"""The verdicts the option ``after_mandate`` can give."""

# What the no_target_year message adds about the years it saw that are not a time.
_SEEN = {
    "name": N_("'{words}' is a name, not a time for the goal"),
    "reference": N_("'{words}' gives a time to compare with, not when the goal is to be reached"),
}


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
    """Years a goal's wording names as the time to reach it (``"senast 2025"``, ``"by 2030"``).

    A year to compare with (``"jämfört med 2019"``), a year in a name
    (``"Agenda 2030"``) and a quantity (``"minst 2000 bostäder"``) are not
    counted; a range gives its last year (``"2023–2026"``: 2026). Never raises;
    only the first 5,000 characters are read.

    Examples
    --------
    >>> from goalchain.smart import years_in_text
    >>> years_in_text("Hälften av hushållsavfallet ska gå till materialåtervinning år 2026")
    [2026]
    >>> years_in_text("Klimatneutralitet 2030"), years_in_text("Vision 2040")
    ([2030], [])
    >>> years_in_text("Utsläppen ska minska med 25 % till 2030 jämfört med 2019")
    [2030]
    """
    return deadline_years(read_time(text))


def _quoted(mentions: list[TimeMention], year: int) -> str:
    """`` ('senast år 2030')``: the words that named *year*, when they say more than it."""
    for mention in mentions:
        if mention.year == year:
            return "" if mention.words == str(year) else f" ('{mention.words}')"
    return ""


def _seen(mentions: list[TimeMention]) -> str | Texts:
    """What the text named that is not a time for the goal, for the no_target_year message."""
    said = [m for m in mentions if m.kind in _SEEN][:3]
    if not said:
        return ""
    seen = functools.partial(_seen_in, said)
    return Texts(seen("sv"), seen("en"), seen)


def _seen_in(said: list[TimeMention], lang: str) -> str:
    """:func:`_seen` in *lang*."""
    parts = [gettext(_SEEN[m.kind], lang).format(words=m.words) for m in said]
    return f" ({'; '.join(parts)})"


class _State:
    """What one check shares between goals: the mandate, the option, judgements of years."""

    __slots__ = ("after", "end", "mandate", "options", "start", "years")

    def __init__(self, context: SmartContext):
        self.options = context.options
        self.start, end = context.mandate
        self.end = str(end)
        self.mandate = f"{self.start}–{end}"
        after = self.options.get("after_mandate", "pass")
        if not isinstance(after, str) or after not in _AFTER_MANDATE:
            raise InvalidValueError(
                N_(
                    "the time_bound criterion's option after_mandate must be one of {valid}, "
                    "got {after!r}"
                ),
                field="options.time_bound.after_mandate",
                params={"valid": ", ".join(_AFTER_MANDATE), "after": after},
            )
        self.after: Any = after
        self.years: dict[tuple[Any, ...], Judgement | None] = {}

    def placed(self, year: int, said: str) -> Judgement | None:
        """None for a year within the mandate, else the judgement of a year before or after."""
        key = (year, said)
        if key in self.years:
            return self.years[key]
        found: Judgement | None = None
        if year > int(self.end):
            found = from_table(
                _TEXT,
                self.after,
                "after_mandate",
                evidence=str(year),
                said=said,
                mandate=self.mandate,
                end=self.end,
            )
        elif year < self.start:
            found = from_table(
                _TEXT,
                "warn",
                "before_mandate",
                evidence=str(year),
                said=said,
                mandate=self.mandate,
            )
        self.years[key] = found
        return found

    def within(self, shown: str, said: str) -> Judgement:
        """The pass for target years within the mandate period."""
        key = (shown, said, None)
        found = self.years.get(key)
        if found is None:
            found = self.years[key] = from_table(
                _TEXT, "pass", "target_year", evidence=shown, said=said, mandate=self.mandate
            )
        return found


def _state(context: SmartContext) -> _State:
    """The state of this check (made, and the option checked, once per check)."""
    state = context.cache.get("time_bound")
    if state is None or state.options is not context.options:
        state = context.cache["time_bound"] = _State(context)
    return state


@register("time_bound")
class TimeBound:
    """A target year, a date or a period, from the goal's indicators or its own text.

    A goal is time-bound when a target year is given on its indicators (or,
    without any, on the indicators of the goals below it) or on the goal's own
    target, or when its title or description names a time: a year (*till
    2026*, *senast 2025*, *Klimatneutralitet 2030*, *by 2030*), a date, a range
    of years (*2023–2026*), a period (*under mandatperioden*, *under året*,
    *inom två år*) or a yearly recurrence (*varje år*, *årligen*, *per år*,
    *every year*). Otherwise it fails (``no_target_year``); a year in a name
    (*Agenda 2030*) or to compare with (*jämfört med 2019*) is not a time for
    the goal, and the finding says so.

    A target year before the mandate period warns (``before_mandate``: the time
    has passed). A target year after it is time-bound still; the finding
    (``after_mandate``) advises an intermediate target for the period's last
    year, and its verdict is the option ``after_mandate``: ``"pass"`` (a note,
    the default), ``"warn"`` or ``"fail"`` where the goals must be reached
    within the period.

    Annual targets on the way are a note, not a matter of time-boundness: an
    indicator of the goal's own whose annual targets are neither given nor
    derived by a named method gets the linear default, and the note
    (``no_annual_targets``, verdict ``pass``) says so; annual targets that
    cannot be derived warn (``annual_targets_invalid``).

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
    >>> [(f.verdict, f.code, f.evidence)
    ...  for f in gc.smart.check(chain, criteria=["time_bound"], lang="en")]
    [('pass', 'after_mandate', '2028'), ('pass', 'no_annual_targets', 'i1')]
    >>> _ = chain.add_goal("kf2", "Minst 250 nya bostäder ska färdigställas varje år",
    ...                    level="council")
    >>> gc.smart.check(chain, criteria=["time_bound"], lang="en").filter(element="kf2")[0].message
    "the goal applies every year: 'varje år'"
    """

    label = N_("Time-bound")
    label_sv = LabelIn("sv")
    label_en = LabelIn("en")
    defaults: Mapping[str, Any] = {"after_mandate": "pass"}

    def default_levels(self, roles: LevelRoles) -> tuple[str, ...]:
        """Goal levels below the top, except the direction levels (not held to a year)."""
        return tuple(key for key in roles.below_top if key not in roles.direction)

    def check(self, goal: Goal, context: SmartContext) -> list[Judgement]:
        """Judge one goal."""
        state = _state(context)
        own = context.indicators(goal.id)
        measured = [i for i in own if i.target is not None] or [
            i for i in context.indicators_below(goal.id) if i.target is not None
        ]
        years = {i.target.year for i in measured if i.target is not None}
        target = goal_target(goal)
        if target is not None and target[0] is not None:
            years.add(target[0])
        mentions: list[TimeMention] = []
        timed: list[TimeMention] = []  # periods and recurrences the text names
        if not years:  # the goal's own words, when its indicators give no year
            mentions = [*read_time(goal.title), *read_time(goal.description)]
            years.update(deadline_years(tuple(mentions)))
            timed = [m for m in mentions if m.kind in TIMING and m.year is None]
            if not years and not timed:
                return [
                    from_table(_TEXT, "fail", "no_target_year", end=state.end, seen=_seen(mentions))
                ]
        out: list[Judgement] = []
        within: list[int] = []
        problem = False
        for year in years if len(years) == 1 else sorted(years):
            placed = state.placed(year, _quoted(mentions, year) if mentions else "")
            if placed is None:
                within.append(year)
            else:
                out.append(placed)
                problem = problem or placed.verdict != "pass"
        missing: list[str] = []
        for indicator in own:
            found = self._annual(indicator)
            if found is _MISSING:
                missing.append(indicator.id)
            elif found is not None:
                out.append(found)
                problem = True
        if missing:
            out.append(
                from_table(
                    _TEXT,
                    "pass",
                    "no_annual_targets",
                    evidence=", ".join(missing),
                    count=len(missing),
                    once=True,
                )
            )
        if problem:
            return out
        if within:
            said = _quoted(mentions, within[0]) if mentions and len(within) == 1 else ""
            out.insert(0, state.within(", ".join(map(str, within)), said))
        elif timed and not years:
            kind = "recurring" if all(m.kind == "recurring" for m in timed) else "period"
            words = "', '".join(dict.fromkeys(m.words for m in timed if m.kind == kind))
            out.insert(0, from_table(_TEXT, "pass", kind, evidence=words))
        return out

    def _annual(self, indicator: Indicator) -> Judgement | None:
        """None when the annual targets are fine, :data:`_MISSING` when none are decided."""
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
