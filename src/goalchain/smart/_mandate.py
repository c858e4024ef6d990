"""The mandate period (mandatperiod) a chain's goals are set for.

Swedish general elections are held in September every fourth year (2018, 2022,
2026, ...) and the new council takes office on 15 October, so the mandate years
are 2019-2022, 2023-2026, 2027-2030, ... A chain's period is, in this order:

1. ``chain.metadata["mandate_period"]`` when given (``"2023-2026"``,
   ``[2023, 2026]`` or ``{"start": 2023, "end": 2026}``);
2. the period of the dated decisions of the council-level goals (the most common
   one), then of any goal's dated decision; a decision taken after 15 October of
   an election year belongs to the new period;
3. the period that follows the indicators' baseline years (the most common
   one; a baseline is usually the last year before the period, 2022 for
   2023-2026);
4. the period of today's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..models import Goal, Indicator

if TYPE_CHECKING:
    from ..models import Element, GoalChain

__all__ = ["chain_mandate", "mandate_period", "parse_mandate"]

_FIRST = 2023  # the first year of a mandate period; every fourth year from it starts one
_RANGE = re.compile(r"^\s*(\d{4})\s*[-–—/]\s*(\d{4})\s*$")


def mandate_period(when: int | dt.date) -> tuple[int, int]:
    """The mandate period (first and last year) that a year or a decision date belongs to.

    A date after 15 October of an election year belongs to the next period,
    since the new council has then taken office.

    Examples
    --------
    >>> import datetime as dt
    >>> from goalchain.smart import mandate_period
    >>> mandate_period(2024)
    (2023, 2026)
    >>> mandate_period(dt.date(2022, 6, 20)), mandate_period(dt.date(2022, 11, 28))
    ((2019, 2022), (2023, 2026))
    """
    if isinstance(when, dt.date):
        year = when.year
        if (year - _FIRST) % 4 == 3 and when >= dt.date(year, 10, 15):
            year += 1
    else:
        year = int(when)
    start = year - (year - _FIRST) % 4
    return start, start + 3


def parse_mandate(value: Any) -> tuple[int, int] | None:
    """Read a mandate period written ``"2023-2026"``, ``[2023, 2026]`` or as a mapping.

    Returns None for anything else (the check then derives the period).

    Examples
    --------
    >>> from goalchain.smart._mandate import parse_mandate
    >>> parse_mandate("2023–2026"), parse_mandate([2019, 2022]), parse_mandate("soon")
    ((2023, 2026), (2019, 2022), None)
    """
    pair: Any = None
    if isinstance(value, str):
        match = _RANGE.match(value)
        if match:
            pair = (int(match.group(1)), int(match.group(2)))
    elif isinstance(value, Mapping):
        pair = (value.get("start"), value.get("end"))
    elif isinstance(value, (list, tuple)) and len(value) == 2:
        pair = tuple(value)
    if pair is None:
        return None
    start, end = pair
    if not all(isinstance(y, int) and not isinstance(y, bool) for y in (start, end)):
        return None
    if not 1900 <= start <= end <= 2200:
        return None
    return start, end


def _most_common(periods: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    counts = Counter(periods)
    if not counts:
        return None
    # most common; ties go to the latest period
    return max(counts, key=lambda p: (counts[p], p))


def chain_mandate(
    chain: GoalChain,
    council_levels: Iterable[str],
    *,
    today: dt.date | None = None,
    elements: Sequence[Element] | None = None,
    decided: Sequence[Goal] | None = None,
) -> tuple[tuple[int, int], str]:
    """The chain's mandate period and where it came from.

    The source is ``"metadata"``, ``"decisions"``, ``"baselines"`` or ``"today"``.
    *elements* are the chain's elements, and *decided* its goals with a decision
    (in the chain's order), when the caller has them already.
    """
    given = parse_mandate(chain.metadata.get("mandate_period"))
    if given is not None:
        return given, "metadata"
    if elements is None:
        elements = chain.elements()
    if decided is None:
        decided = [e for e in elements if isinstance(e, Goal) and e.decision is not None]
    councils = set(council_levels)
    dated = [
        (goal.level in councils, goal.decision.date)
        for goal in decided
        if goal.decision and goal.decision.date
    ]
    periods = {d: mandate_period(d) for _, d in dated}  # many goals share a decision date
    for wanted in (True, False):
        found = _most_common(periods[d] for council, d in dated if council or not wanted)
        if found is not None:
            return found, "decisions"
    baselines = _most_common(
        mandate_period(e.baseline.year + 1)
        for e in elements
        if isinstance(e, Indicator) and e.baseline is not None
    )
    if baselines is not None:
        return baselines, "baselines"
    return mandate_period(today or dt.date.today()), "today"
