"""What an assessment says, and the one rule that decides whether a target is met.

:class:`ProgressAssessment` is the result every assessment method gives;
:class:`AssessmentData` is what a method is given. :func:`_target_met` is the
single place where "is this target met?" is decided, for every method and for
:func:`progress_share`, the score the roll-up uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .._i18n import N_, check_lang, gettext
from .._i18n._labels import _LabelTable
from ..models import Target, YearValue
from ..models._target import MAINTAIN_TOLERANCE, progress_score, share_covered
from ._trajectory import Trajectory
from ._words import Said

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "MAINTAIN_TOLERANCE",
    "TREND_LABELS",
    "AssessmentData",
    "ProgressAssessment",
    "progress_share",
]

CATEGORIES = (
    "achieved",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "deterioration",
    "not_assessable",
)

_CATEGORY_WORDS = {
    "achieved": N_("target achieved"),
    "on_track": N_("on track"),
    "acceleration_needed": N_("progress made, acceleration needed"),
    "limited_progress": N_("limited progress"),
    "deterioration": N_("deterioration"),
    "not_assessable": N_("not assessable"),
}

_TREND_WORDS = {
    **_CATEGORY_WORDS,
    "on_track": N_("substantial progress"),
    "acceleration_needed": N_("moderate progress"),
}

CATEGORY_LABELS: Mapping[str, Mapping[str, str]] = _LabelTable(_CATEGORY_WORDS)
"""The categories in every language goalchain speaks (category -> language -> label,
from the message catalogs; read-only), as said of an indicator with a target."""

TREND_LABELS: Mapping[str, Mapping[str, str]] = _LabelTable(_TREND_WORDS)
"""The categories as said of an indicator judged by its trend, without a target.

The keys are those of :data:`CATEGORY_LABELS` (a trend of *substantial
progress* is ``on_track``); the words say what they mean without a target,
as Open SDG's do.
"""


@attrs.frozen(kw_only=True)
class ProgressAssessment:
    """Where an indicator stands: the category, by the method named in :attr:`method`.

    Attributes
    ----------
    category
        One of :data:`CATEGORIES`.
    method
        The assessment method's registered name (``annual_target``,
        ``cagr_ratio``, ``trend`` or your own).
    ratio
        ``cagr_ratio``: Open SDG's R, observed over required growth with the
        direction rule (None when not computed).
    growth
        ``cagr_ratio`` and ``trend``: the observed compound annual growth
        since the baseline, signed so that a positive value is progress
        (``sign(baseline) * d * CAGR``); the progress value of ``trend``.
    score
        ``cagr_ratio`` and ``trend``: Open SDG's score from -5 to 5 (5 when the
        target is achieved).
    coefficient
        ``trend`` with a ``limit``: the factor C (0 to 1) its thresholds are
        scaled by.
    share
        ``annual_target``: the share of the way to the year's annual target
        covered since the baseline, ``d * (actual - baseline) / |expected -
        baseline|`` (None for ``maintain`` or where the year's target equals the
        baseline).
    progress
        ``annual_target``: the score the roll-up uses, :func:`progress_share`:
        the share clamped to [0, 1], exactly 1 when the year's target is met.
    growth_method
        ``"geometric"`` where a compound growth rate was computed.
    year, actual
        The latest actual used and its value.
    expected
        That year's annual target (None without a trajectory).
    gap
        ``actual - expected``, in the trajectory's unit; 0 where the actual
        equals the annual target within float noise.
    forecast
        The value expected in the target year by extrapolating the actuals,
        by :attr:`forecast_method`; :attr:`forecasts` holds every method's.
    required_rate
        The absolute yearly change needed from the latest actual to reach the
        target; :attr:`required_growth` the relative one (a fraction).
    reason
        Why the category is ``not_assessable``, or a note on the method, in
        English; :meth:`reason_in` words it in another language.
    """

    category: str
    method: str = "annual_target"
    ratio: float | None = None
    growth: float | None = None
    score: float | None = None
    coefficient: float | None = None
    share: float | None = None
    progress: float | None = None
    growth_method: str | None = None
    year: int | None = None
    actual: float | None = None
    expected: float | None = None
    gap: float | None = None
    forecast: float | None = None
    forecast_method: str | None = None
    forecasts: Mapping[str, float | None] = attrs.field(factory=dict)
    required_rate: float | None = None
    required_growth: float | None = None
    unit: str | None = None
    reason: str = ""

    def label(self, lang: str = "sv") -> str:
        """The category in *lang* (any language goalchain speaks), worded for the method.

        Examples
        --------
        >>> from goalchain.progression import ProgressAssessment
        >>> ProgressAssessment(category="on_track").label()
        'i fas'
        >>> ProgressAssessment(category="on_track", method="trend").label("en")
        'substantial progress'
        """
        words = _TREND_WORDS if self.method == "trend" else _CATEGORY_WORDS
        return gettext(words[self.category], check_lang(lang))

    def reason_in(self, lang: str = "sv") -> str:
        """:attr:`reason` in *lang* (any language goalchain speaks); a reason a
        custom method gave as plain text is kept as written.

        Examples
        --------
        >>> from goalchain.progression import annual_targets, assess
        >>> t = annual_targets(baseline=(2022, 78.0), target=(2026, 90.0))
        >>> a = assess(t, {2021: 70.0})
        >>> a.reason
        'needs at least one actual after the baseline year 2022'
        >>> a.reason_in("sv")
        'behöver minst ett utfall efter utgångsåret 2022'
        """
        lang = check_lang(lang)
        reason = self.reason
        return reason.render(lang) if isinstance(reason, Said) else reason


@attrs.frozen(kw_only=True)
class AssessmentData:
    """What an assessment method is given: the indicator's data, read and checked.

    Attributes
    ----------
    trajectory
        The annual targets, or None (an indicator without a target).
    values
        Year -> actual as floats in :attr:`unit`, the years up to the
        assessment year only.
    baseline
        The baseline ``(year, value)``.
    direction
        ``increase`` (higher is better), ``decrease`` or ``maintain``.
    limit
        A natural bound the value cannot pass (100 for a share), or None.
    unit
        The unit of the values, or None.
    year, actual
        The latest actual after the baseline year and its value.
    tolerance
        For ``maintain``: how far from the level still holds it, as a share of
        the level (:data:`MAINTAIN_TOLERANCE`).
    targets, previous
        The targets as written by year (``"≥ 30"``, ``"öka"``), where they say
        more than the trajectory's numbers, and the value of the year before
        the latest actual, which a change target is judged against.
    common
        The fields every method reports alike (year, actual, expected, gap,
        forecasts, required rates, unit), to pass on to
        :class:`ProgressAssessment`.
    """

    trajectory: Trajectory | None
    values: Mapping[int, float]
    baseline: YearValue
    direction: str
    limit: float | None
    unit: str | None
    year: int
    actual: float
    tolerance: float
    common: Mapping[str, Any]
    targets: Mapping[int, Target] = attrs.field(factory=dict)
    previous: float | None = None

    def target_met(self, year: int | None = None) -> bool:
        """Whether the latest actual meets the annual target of *year* (default: the
        target year's, the final target); False without a trajectory.

        A target of *year* among :attr:`targets` (as written: ``"≥ 30"``,
        ``"öka"``) is met as written; :attr:`previous` is the value a change
        target is judged against.
        """
        if self.trajectory is None:
            return False
        when = self.trajectory.target.year if year is None else year
        return _target_met(
            self.trajectory,
            when,
            self.actual,
            tolerance=self.tolerance,
            rule=self.targets.get(when),
            previous=self.previous,
        )


def _target_met(
    trajectory: Trajectory,
    year: int,
    actual: float,
    *,
    tolerance: float = MAINTAIN_TOLERANCE,
    rule: Target | None = None,
    previous: float | None = None,
) -> bool:
    """Whether *actual* meets the annual target of *year* in the indicator's direction.

    The one place that decides it, for every assessment method and for
    :func:`progress_share`, by :meth:`Target.met_by`: the target as written
    (*rule*: a comparison as written, a change against *previous*), else the
    year's annual target met in the direction (``increase`` at least the
    target, ``decrease`` at most it, ``maintain`` within *tolerance*, a share
    of the level, on either side). Float noise never decides.
    """
    if rule is None:
        rule = Target(year=year, value=trajectory.expected(year))
    met = rule.met_by(actual, direction=trajectory.direction, previous=previous, share=tolerance)
    return bool(met)


def _sign(direction: str) -> float:
    return -1.0 if direction == "decrease" else 1.0


def _share(trajectory: Trajectory, year: int, actual: float) -> float | None:
    """``d * (actual - baseline) / |expected - baseline|``; None for maintain or no way to go."""
    return share_covered(
        actual, trajectory.baseline.value, trajectory.expected(year), trajectory.direction
    )


def progress_share(
    trajectory: Trajectory,
    year: int,
    actual: float,
    *,
    tolerance: float = MAINTAIN_TOLERANCE,
) -> float:
    """The share of the way to *year*'s annual target covered, clamped to [0, 1].

    ``d * (actual - baseline) / |expected - baseline|`` with d = +1 when higher
    is better and -1 when lower is better; exactly 1 when the year's target is
    met, and below 1 whenever it is not, so an indicator scored 1 is never
    behind its annual target. 0 when the actual lies on the wrong side of the
    baseline, and for a ``maintain`` indicator off its level (beyond
    *tolerance*, a share of the level).

    Parameters
    ----------
    trajectory
        The annual targets.
    year
        The actual's year (its annual target is the one compared).
    actual
        The value, in the trajectory's unit.
    tolerance
        For ``maintain``: how far from the level still holds it (a share).

    Returns
    -------
    float
        From 0 to 1.

    Raises
    ------
    PeriodError
        For a year before the baseline year.

    Examples
    --------
    >>> from goalchain.progression import annual_targets, progress_share
    >>> t = annual_targets(baseline=(2022, 78.0), target=(2026, 90.0))
    >>> progress_share(t, 2024, 82.5), progress_share(t, 2024, 84.5)
    (0.75, 1.0)
    >>> progress_share(t, 2024, 75.0)
    0.0
    """
    met = _target_met(trajectory, year, actual, tolerance=tolerance)
    return progress_score(_share(trajectory, year, actual), met)
