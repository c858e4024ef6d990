"""Targets as municipalities write them: a number, a comparison or a change.

Published follow-ups give a target as a plain number (``90``), a comparison
(``"≥ 30"``, ``"minst 90 %"``, ``"< 10"``, ``"högst 12"``) or a change against
the previous measured year (``"Ska öka"``, ``"minska"``, ``"bibehålla"``).
:class:`Target` keeps the target as written and says, in one place
(:meth:`Target.met_by`), whether a value meets it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from .._i18n import N_, check_lang, gettext
from ..exceptions import InvalidValueError, Message, ProgressionError
from ..units import convert
from ._period import check_year
from ._values import finite_float, year_and_value

__all__ = [
    "CHANGES",
    "COMPARISONS",
    "COMPARISON_SYMBOLS",
    "MAINTAIN_TOLERANCE",
    "Target",
    "holds_level",
    "number_text",
    "parse_target",
    "progress_score",
    "read_target",
    "share_covered",
    "target_forms",
]

COMPARISONS = (">=", ">", "<=", "<")
"""The comparisons a target may be written with (``≥``, ``>``, ``≤``, ``<``)."""

CHANGES = ("increase", "decrease", "maintain")
"""The changes against the previous measured year a target may ask for."""

MAINTAIN_TOLERANCE = 0.02
"""How far a value may lie from the level to be held and still hold it: 2 % of the level.

Used for the direction ``maintain`` and the targets ``"bibehålla"``; a
scorer's own ``tolerance`` (in the unit) widens it.
"""

# Words (lower case) that open a comparison, longest first within each form so that
# ">=" is read before ">". Each maps to the comparison it means.
_OPERATORS: tuple[tuple[str, str], ...] = (
    ("≥", ">="),
    (">=", ">="),
    ("=>", ">="),
    ("minst", ">="),
    ("lägst", ">="),
    ("at least", ">="),
    ("≤", "<="),
    ("<=", "<="),
    ("=<", "<="),
    ("högst", "<="),
    ("max", "<="),
    ("at most", "<="),
    (">", ">"),
    ("över", ">"),
    ("mer än", ">"),
    ("fler än", ">"),
    ("more than", ">"),
    ("above", ">"),
    ("<", "<"),
    ("under", "<"),
    ("mindre än", "<"),
    ("färre än", "<"),
    ("less than", "<"),
    ("below", "<"),
)

_CHANGE_WORDS: Mapping[str, str] = {
    "öka": "increase",
    "ökning": "increase",
    "ska öka": "increase",
    "increase": "increase",
    "minska": "decrease",
    "minskning": "decrease",
    "ska minska": "decrease",
    "decrease": "decrease",
    "bibehålla": "maintain",
    "behålla": "maintain",
    "ska bibehållas": "maintain",
    "bibehållen nivå": "maintain",
    "maintain": "maintain",
}

COMPARISON_SYMBOLS: Mapping[str, str] = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}
"""How each comparison is written with a symbol."""
_MAX_TEXT = 200


_FORMS = N_(
    'a number (90, "90 %"), a comparison ("≥ 30", ">= 30", "minst 30", "> 30", '
    '"över 30", "≤ 12", "högst 12", "< 10", "under 10", with or without a unit) or '
    'a change against the previous measured year ("öka"/"increase", '
    '"minska"/"decrease", "bibehålla"/"maintain")'
)


def target_forms(lang: str = "sv") -> str:
    """The ways a target may be written, for error messages and ``--help``.

    Examples
    --------
    >>> from goalchain.models._target import target_forms
    >>> print(target_forms("en"))  # doctest: +NORMALIZE_WHITESPACE
    a number (90, "90 %"), a comparison ("≥ 30", ">= 30", "minst 30", "> 30", "över 30",
    "≤ 12", "högst 12", "< 10", "under 10", with or without a unit) or a change against
    the previous measured year ("öka"/"increase", "minska"/"decrease",
    "bibehålla"/"maintain")
    """
    return gettext(_FORMS, check_lang(lang))


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def holds_level(
    value: float, level: float, *, tolerance: float = 0.0, share: float = MAINTAIN_TOLERANCE
) -> bool:
    """True when *value* holds *level*: within *share* of it (:data:`MAINTAIN_TOLERANCE`),
    or within *tolerance* in the unit, whichever is wider.

    The one rule for ``maintain`` and ``"bibehålla"``: on both sides, not "at
    least". A cost to be held at 38 kr that rose to 41 kr does not hold it.

    Examples
    --------
    >>> from goalchain.models._target import holds_level
    >>> holds_level(38.6, 38.0), holds_level(41.0, 38.0), holds_level(37.0, 38.0)
    (True, False, False)
    >>> holds_level(37.0, 38.0, tolerance=1.0)
    True
    """
    allowed = max(tolerance, share * abs(level))
    return _close(value, level) or abs(value - level) <= allowed + 1e-12 * max(1.0, abs(level))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Target:
    """A target for a year, as written: a number, a comparison or a change.

    Iterates and indexes like the pair ``(year, value)`` and, when it is a
    plain number, compares equal to it, so code written for ``(2026, 90.0)``
    keeps working.

    Attributes
    ----------
    year
        The year the target is for.
    value
        The number in the indicator's unit; None for a change target.
    comparison
        ``None`` for a plain number (met in the indicator's direction), one of
        :data:`COMPARISONS` (``">="``, ``">"``, ``"<="``, ``"<"``) or of
        :data:`CHANGES` (against the previous measured year).
    written
        The target as written (``"minst 90 %"``); None when given as a number.

    Examples
    --------
    >>> from goalchain.models import Target
    >>> t = Target.parse(2023, "≥30", "percent")
    >>> t.year, t.value, t.comparison, str(t)
    (2023, 30.0, '>=', '≥30')
    >>> t.met_by(30.0, direction="increase"), Target.parse(2023, "< 10", "st").met_by(10.0)
    (True, False)
    >>> year, value = Target.parse(2026, 90, "percent")
    >>> Target.parse(2026, 90, "percent") == (2026, 90.0)
    True
    """

    year: int
    value: float | None
    comparison: str | None = None
    written: str | None = None

    @classmethod
    def parse(
        cls,
        year: Any,
        value: Any,
        unit: str | None,
        *,
        element: str | None = None,
        field: str | None = "target",
    ) -> Target:
        """Read a target for *year* from a number, a Quantity, a string or a :class:`Target`.

        Raises
        ------
        InvalidValueError
            For a string that is not one of the forms (the error lists them),
            naming *element* and *field*.
        """
        return parse_target(year, value, unit, element=element, field=field)

    # -- the pair (year, value)
    def __iter__(self) -> Iterator[Any]:
        return iter((self.year, self.value))

    def __len__(self) -> int:
        return 2

    def __getitem__(self, index: int) -> Any:
        return (self.year, self.value)[index]

    def _key(self) -> tuple[Any, ...]:
        return (self.year, self.value, self.comparison, self.written)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Target):
            return self._key() == other._key()
        if isinstance(other, tuple) and len(other) == 2 and self.is_plain:
            return (self.year, self.value) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.year, self.value))

    def __lt__(self, other: Target) -> bool:
        return (self.year, self.value or 0.0, str(self)) < (
            other.year,
            other.value or 0.0,
            str(other),
        )

    def __repr__(self) -> str:
        if self.written is None and self.comparison is None:
            return f"Target(year={self.year}, value={self.value!r})"
        if self.written is None:
            return f"Target(year={self.year}, value={self.value!r}, comparison={self.comparison!r})"
        return f"Target(year={self.year}, value={self.value!r}, written={self.written!r})"

    def __str__(self) -> str:
        if self.written is not None:
            return self.written
        if self.comparison in CHANGES:
            return str(self.comparison)
        number = f"{self.value:g}"
        if self.comparison is None:
            return number
        return f"{COMPARISON_SYMBOLS[self.comparison]} {number}"

    @property
    def as_written(self) -> float | str:
        """What a file stores: the text as written, else the number (or the comparison).

        Examples
        --------
        >>> from goalchain.models import Target
        >>> Target.parse(2026, "minst 90 %", "percent").as_written
        'minst 90 %'
        >>> Target(year=2026, value=90.0).as_written
        90.0
        >>> Target(year=2026, value=9.0, comparison="<").as_written
        '< 9'
        """
        if self.written is not None:
            return self.written
        if self.comparison is None and self.value is not None:
            return self.value
        return str(self)

    # -- what it means
    @property
    def is_plain(self) -> bool:
        """True for a plain number, met in the indicator's direction."""
        return self.comparison is None

    @property
    def is_change(self) -> bool:
        """True for a change against the previous measured year (``"öka"``)."""
        return self.comparison in CHANGES

    @property
    def number(self) -> float:
        """The target's number; a :class:`ProgressionError` for a change target.

        A change target (``"öka"``) has no number of its own: it is judged
        against the previous measured year's value.
        """
        if self.value is None:
            raise ProgressionError(
                N_(
                    "the target {target!r} for {year} is a change against the previous "
                    "measured year and has no number of its own"
                ),
                field="target",
                params={"target": str(self), "year": self.year},
            )
        return self.value

    def met_by(
        self,
        value: float,
        *,
        direction: str = "increase",
        previous: float | None = None,
        tolerance: float = 0.0,
        share: float = MAINTAIN_TOLERANCE,
    ) -> bool | None:
        """Whether *value* meets the target; None when it cannot be told.

        A plain number is met in the indicator's *direction* (not below for
        ``increase``, not above for ``decrease``, held within
        :data:`MAINTAIN_TOLERANCE` for ``maintain``); a comparison as written,
        strict ones strictly (10 does not meet ``"< 10"``); a change against
        *previous*, the previous measured year's value (None without one).
        *tolerance* (in the unit) is how far a value may miss and still count;
        *share* how far, as a share of the level, a level to be held may be missed.
        Float noise (relative 1e-9) never decides.

        Examples
        --------
        >>> from goalchain.models import Target
        >>> Target.parse(2024, "öka", None).met_by(81.0, previous=80.0)
        True
        >>> Target.parse(2024, "öka", None).met_by(81.0) is None
        True
        >>> Target.parse(2024, 38, "kr").met_by(41.0, direction="maintain")
        False
        """
        comparison = self.comparison
        if comparison in CHANGES:
            if previous is None:
                return None
            if comparison == "maintain":
                return holds_level(value, previous, tolerance=tolerance, share=share)
            if comparison == "increase":
                return value > previous - tolerance and not _close(value, previous)
            return value < previous + tolerance and not _close(value, previous)
        goal = self.number
        if comparison is None:
            if direction == "maintain":
                return holds_level(value, goal, tolerance=tolerance, share=share)
            comparison = "<=" if direction == "decrease" else ">="
        if comparison == ">=":
            return _close(value, goal) or value >= goal - tolerance
        if comparison == "<=":
            return _close(value, goal) or value <= goal + tolerance
        if comparison == ">":
            return not _close(value, goal) and value > goal - tolerance
        return not _close(value, goal) and value < goal + tolerance

    def better_direction(self, direction: str) -> str:
        """The direction the target asks for: its comparison's, else *direction*.

        ``">="``/``">"`` and ``"increase"`` ask for higher values, ``"<="``/
        ``"<"`` and ``"decrease"`` for lower, ``"maintain"`` for the same.
        """
        if self.comparison in (">=", ">", "increase"):
            return "increase"
        if self.comparison in ("<=", "<", "decrease"):
            return "decrease"
        if self.comparison == "maintain":
            return "maintain"
        return direction


def share_covered(actual: float, baseline: float, level: float, direction: str) -> float | None:
    """The share of the way from *baseline* to *level* that *actual* has covered.

    ``d * (actual - baseline) / |level - baseline|``, d = +1 when higher is
    better and -1 when lower is better: negative on the wrong side of the
    baseline, above 1 beyond the level. None for ``maintain`` and where the
    level equals the baseline (no way to go). The one formula behind the
    ``progress`` score and the ``annual_target`` assessment.

    Examples
    --------
    >>> from goalchain.models._target import share_covered
    >>> share_covered(82.5, 78.0, 84.0, "increase"), share_covered(0.0, 3.0, 2.0, "increase")
    (0.75, -3.0)
    """
    if direction == "maintain":
        return None
    way = abs(level - baseline)
    if way == 0 or math.isclose(level, baseline, rel_tol=1e-9, abs_tol=1e-12):
        return None
    return (-1.0 if direction == "decrease" else 1.0) * (actual - baseline) / way


_BELOW_ONE = math.nextafter(1.0, 0.0)


def progress_score(share: float | None, met: bool) -> float:
    """The ``progress`` score of a :func:`share_covered`: 1 exactly when the target is met,
    else the share clamped to [0, 1) (never 1 short of the target; 0 with no share).

    Examples
    --------
    >>> from goalchain.models._target import progress_score
    >>> progress_score(0.75, False), progress_score(1.2, True), progress_score(None, False)
    (0.75, 1.0, 0.0)
    >>> progress_score(1.0, False) < 1.0
    True
    """
    if met:
        return 1.0
    if share is None:
        return 0.0
    return min(max(share, 0.0), _BELOW_ONE)


def _invalid(value: Any, element: str | None, field: str | None) -> InvalidValueError:
    shown = value if not isinstance(value, str) or len(value) <= 60 else value[:57] + "..."
    return InvalidValueError(
        N_("{value!r} is not a target goalchain can read; write {forms}"),
        element=element,
        field=field,
        params={"value": shown, "forms": Message(_FORMS)},
    )


def read_target(value: Any, unit: str | None, *, field: str, element: str | None) -> Target:
    """Read a target from a :class:`Target`, ``(year, value)`` or ``{year: .., value: ..}``."""
    if isinstance(value, Target):
        return value
    year, raw = year_and_value(
        value, field=field, element=element, example='(2026, 90.0) or (2026, "≥ 90")'
    )
    return parse_target(year, raw, unit, element=element, field=field)


def parse_target(
    year: Any,
    value: Any,
    unit: str | None,
    *,
    element: str | None = None,
    field: str | None = "target",
) -> Target:
    """Read a :class:`Target` (see :meth:`Target.parse`).

    Examples
    --------
    >>> from goalchain.models._target import parse_target
    >>> parse_target(2023, "minst 90 %", "percent")
    Target(year=2023, value=90.0, written='minst 90 %')
    >>> parse_target(2024, "Ska öka", None).comparison
    'increase'
    >>> parse_target(2024, "ungefär 30", "st")
    Traceback (most recent call last):
    ...
    goalchain.exceptions.InvalidValueError: ...'ungefär 30' is not a target goalchain can read...
    """
    year = check_year(year, element=element, field=field)
    if isinstance(value, Target):
        if value.year == year:
            return value
        return attrs.evolve(value, year=year)
    if isinstance(value, str):
        return _parse_text(year, value, unit, element=element, field=field)
    if isinstance(value, bool):
        raise _invalid(value, element, field)
    if isinstance(value, (int, float)) or unit is None:
        number = finite_float(value, field=field or "target", element=element)
        return Target(year=year, value=number)
    return Target(year=year, value=convert(value, unit, element=element, field=field))


def number_text(text: str) -> str:
    """The number (with its unit) of a comparison as written: ``"minst 90 %"`` -> ``"90 %"``.

    A text that is not a comparison is given back as it is.

    Examples
    --------
    >>> from goalchain.models._target import number_text
    >>> number_text("≥ 90 %"), number_text("Minst 90%"), number_text("78 %")
    ('90 %', '90%', '78 %')
    """
    written = " ".join(text.split())
    folded = written.lower()
    if len(folded) != len(written):
        return text
    comparison, rest = _operator(written, folded)
    return text if comparison is None else rest


def _operator(written: str, folded: str) -> tuple[str | None, str]:
    """The comparison a text opens with and what follows it, or ``(None, written)``.

    *folded* is *written* in lower case, of the same length.
    """
    for word, meaning in _OPERATORS:
        if not folded.startswith(word):
            continue
        rest = written[len(word) :]
        # a word must end where a space follows ("under 10", not "undertal")
        if word[-1].isalpha() and not rest.startswith(" "):
            continue
        return meaning, rest.strip()
    return None, written


def _parse_text(
    year: int, text: str, unit: str | None, *, element: str | None, field: str | None
) -> Target:
    if len(text) > _MAX_TEXT:
        raise _invalid(text, element, field)
    written = " ".join(text.split())
    folded = written.lower()
    if not written or len(folded) != len(written):
        raise _invalid(text, element, field)
    change = _CHANGE_WORDS.get(folded.rstrip("."))
    if change is not None:
        return Target(year=year, value=None, comparison=change, written=written)
    comparison, rest = _operator(written, folded)
    number = _number(rest, unit, text, element=element, field=field)
    return Target(year=year, value=number, comparison=comparison, written=written)


def _number(
    part: str, unit: str | None, text: str, *, element: str | None, field: str | None
) -> float:
    """The number of a target's text, in *unit*; an error naming the whole *text*."""
    from ..exceptions import GoalchainError
    from ..units import parse_quantity

    if not part or not (part[0].isdigit() or part[0] in "+-−."):
        raise _invalid(text, element, field)
    try:
        if unit is None:
            number = float(parse_quantity(part).magnitude)
        else:
            number = convert(part, unit, element=element, field=field)
    except InvalidValueError as err:
        raise _invalid(text, element, field) from err
    except GoalchainError:
        raise
    if not math.isfinite(number):
        raise _invalid(text, element, field)
    return number
