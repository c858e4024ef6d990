"""Validators and converters shared by the value objects."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from .._i18n import N_, format_number
from ..exceptions import InvalidValueError, Message, PeriodError
from ..units import convert
from ._period import MAX_YEAR, MIN_YEAR, _shown, check_year

__all__ = [
    "Number",
    "YearValue",
    "check_choice",
    "check_extra",
    "check_id",
    "check_text",
    "finite_float",
    "meets",
    "steps_against",
    "to_date",
    "to_tags",
    "unit_interval",
    "year_and_value",
    "year_value",
]

_ID = re.compile(r"^[^\s\n\r\t](?:[^\n\r\t]*[^\s\n\r\t])?$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_FLOAT_MAX_INT = 1 << 1024  # the smallest whole number a float cannot hold


class YearValue(NamedTuple):
    """A value for a year, such as a baseline ``(2022, 78.0)`` or a target ``(2026, 90.0)``.

    A plain tuple: it unpacks and compares equal to ``(year, value)``.

    Examples
    --------
    >>> from goalchain.models import YearValue
    >>> year, value = YearValue(2026, 90.0)
    >>> YearValue(2026, 90.0) == (2026, 90.0)
    True
    """

    year: int
    value: float


def meets(value: float, goal: float, direction: str, *, tolerance: float = 0.0) -> bool:
    """True when *value* has reached *goal* in the indicator's *direction*.

    Lower is better for ``decrease``; higher is better otherwise (``maintain``
    holds at least the level). *tolerance* (in the unit) may be missing; float
    noise (relative 1e-9) never decides. The one rule behind the scorers, the
    text tree and :attr:`Trajectory.reaches`.

    Examples
    --------
    >>> from goalchain.models._values import meets
    >>> meets(6.0, 6.5, "decrease"), meets(89.5, 90.0, "increase", tolerance=0.5)
    (True, True)
    >>> meets(0.1 + 0.2, 0.3, "increase"), meets(77.9, 78.0, "maintain")
    (True, False)
    """
    if math.isclose(value, goal, rel_tol=1e-9, abs_tol=1e-12):
        return True
    if direction == "decrease":
        return value <= goal + tolerance
    return value >= goal - tolerance


def steps_against(
    points: Sequence[tuple[int, float]], direction: str
) -> list[tuple[YearValue, YearValue]]:
    """Consecutive ``(year, value)`` points whose step goes against *direction*.

    Returns ``(previous, current)`` pairs. ``maintain`` has no direction to go
    against. Differences within float noise are not steps back: relative 1e-9 of
    the largest value of the series, since values summed from steps carry the
    rounding of the largest (increments summing to 0.010000000000000002 before a
    target of 0.01 are fine, and so are -0.01 and -0.00999999999 after 167 772).

    Examples
    --------
    >>> from goalchain.models._values import steps_against
    >>> steps_against([(2022, 78.0), (2023, 95.0), (2024, 60.0), (2025, 90.0)], "increase")
    [(YearValue(year=2023, value=95.0), YearValue(year=2024, value=60.0))]
    """
    if direction == "maintain":
        return []
    sign = 1.0 if direction == "increase" else -1.0
    noise = 1e-9 * max((abs(v) for _, v in points), default=0.0) + 1e-12
    out = []
    for (year_before, before), (year, value) in itertools.pairwise(points):
        if sign * (value - before) < -noise:
            out.append(
                (YearValue(int(year_before), float(before)), YearValue(int(year), float(value)))
            )
    return out


def check_id(value: Any, *, field: str = "id", element: str | None = None) -> str:
    """Return *value* if it is a usable id: a non-empty string without surrounding space."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise InvalidValueError(
            N_(
                "id {value} is invalid; ids are non-empty strings without leading or trailing "
                'spaces or line breaks (numbers such as municipality codes must be quoted: "0192")'
            ),
            element=element,
            field=field,
            params={"value": _shown(value)},
        )
    _check_unicode(value, field=field, element=element)
    return value


def _check_unicode(value: str, *, field: str, element: str | None) -> None:
    """Refuse a lone surrogate (half of a character), which no file can hold."""
    if value.isascii():
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        raise InvalidValueError(
            N_(
                "the text has a lone surrogate {char!r} at character {position}, "
                "which no file can hold (a broken character, often from text decoded with the "
                "wrong encoding); write the character again"
            ),
            params={"char": value[err.start], "position": err.start},
            element=element,
            field=field,
        ) from None


def check_text(value: Any, *, field: str, element: str | None, optional: bool = False) -> Any:
    """Check that *value* is a string (non-empty unless optional, where None is also fine)."""
    if value is None and optional:
        return None
    if not isinstance(value, str) or (not optional and not value.strip()):
        raise InvalidValueError(
            N_("expected a string or nothing, got {value}")
            if optional
            else N_("expected a non-empty string, got {value}"),
            element=element,
            field=field,
            params={"value": _shown(value)},
        )
    if value is not None:
        _check_unicode(value, field=field, element=element)
    return value


def check_choice(value: Any, choices: Iterable[str], *, field: str, element: str | None) -> str:
    """Check that *value* is one of *choices*; the error lists them."""
    options = tuple(choices)
    if value not in options:
        raise InvalidValueError(
            N_("{value} is not valid; choose one of: {valid}"),
            element=element,
            field=field,
            params={"value": _shown(value), "valid": ", ".join(options)},
        )
    return str(value)


def finite_float(value: Any, *, field: str, element: str | None) -> float:
    """Return *value* as a finite float; NaN, infinity, booleans and text are refused,
    and so are whole numbers too large for a float (``10**400``)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidValueError(
            N_("expected a number, got {value}"),
            element=element,
            field=field,
            params={"value": _shown(value)},
        )
    try:
        number = float(value)
    except OverflowError:  # an int of more than 309 digits
        raise InvalidValueError(
            N_("{value} is too large for a finite number (at most ±1.8e308)"),
            element=element,
            field=field,
            params={"value": _shown(value)},
        ) from None
    if not math.isfinite(number):
        raise InvalidValueError(
            N_("{value!r} is not a finite number (NaN and infinity are refused)"),
            element=element,
            field=field,
            params={"value": value},
        )
    return number


def unit_interval(value: Any, *, field: str, element: str | None) -> float:
    """Return *value* as a finite float between 0 and 1 (a score, a share done)."""
    number = finite_float(value, field=field, element=element)
    if not 0.0 <= number <= 1.0:
        raise InvalidValueError(
            N_("{field} {number} must lie between 0 and 1"),
            element=element,
            field=field,
            params={"field": field, "number": number},
        )
    return number


class Number(Message):
    """A number inside a message: in English as ``format(value, spec)`` writes it
    (``80.5``, ``1234``), in another language with the same digits the way that
    language writes numbers (``80,5``, ``1 234``).

    Examples
    --------
    >>> from goalchain.models._values import Number
    >>> number = Number(1234.5)
    >>> str(number), number.render("en"), number.render("sv")
    ('1234.5', '1234.5', '1\u00a0234,5')
    """

    __slots__ = ("spec", "value")

    def __init__(self, value: float, spec: str = "g"):
        super().__init__("{value}")
        self.value = value
        self.spec = spec

    def __str__(self) -> str:
        return format(self.value, self.spec)

    def render(self, lang: str = "en") -> str:
        """The number in *lang*: English as ``str()``, else by ``format_number``."""
        text = str(self)
        if lang == "en" or not math.isfinite(self.value) or "e" in text:
            return text  # the source language as written; no digits to localise in 1e+20
        return format_number(self.value, lang=lang, decimals=len(text.partition(".")[2]))

    def __repr__(self) -> str:
        return f"Number({self.value!r}, {self.spec!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Number):
            return NotImplemented
        return (self.value, self.spec) == (other.value, other.spec)

    def __hash__(self) -> int:
        return hash(self.value)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 43 else f"{text[:20]}...{text[-20:]}"


def to_date(value: Any, *, field: str, element: str | None) -> dt.date | None:
    """Read a date from a ``datetime.date`` or an ISO string ``"2024-12-31"``.

    Dates lie in the years ``MIN_YEAR``-``MAX_YEAR`` (1900-2200), as periods do.

    Examples
    --------
    >>> from goalchain.models._values import to_date
    >>> to_date("2024-12-31", field="due", element="a1")
    datetime.date(2024, 12, 31)
    >>> to_date("9999-12-31", field="due", element="a1")
    Traceback (most recent call last):
    ...
    goalchain.exceptions.PeriodError: 'a1', field 'due': the date 9999-12-31 is out of range;
    valid dates lie in the years 1900-2200
    """
    if value is None:
        return None
    date: dt.date | None = None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):
            date = dt.date.fromisoformat(value.strip())
    if date is None:
        raise PeriodError(
            N_("expected a date written YYYY-MM-DD, got {value}"),
            element=element,
            field=field,
            params={"value": _short(value)},
        )
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        raise PeriodError(
            N_("the date {date} is out of range; valid dates lie in the years {low}-{high}"),
            element=element,
            field=field,
            params={"date": date.isoformat(), "low": MIN_YEAR, "high": MAX_YEAR},
        )
    return date


def _plain_problem(value: Any) -> Message | None:
    """Why a file cannot hold *value* (not looking inside lists and mappings), or None."""
    if value is None or isinstance(value, (bool, dt.date)):
        return None
    if isinstance(value, str):
        if not value.isascii() and _SURROGATE.search(value):
            return Message(N_("text with a lone surrogate character, which UTF-8 cannot encode"))
        return None
    if isinstance(value, int):
        if abs(value) >= _FLOAT_MAX_INT:
            return Message(N_("the number {number}, too large to hold"), number=_short(value))
        return None
    if isinstance(value, float):
        if math.isfinite(value):
            return None
        return Message(N_("the number {number!r}, which is not finite"), number=value)
    if isinstance(value, (Mapping, list, tuple)):
        return None
    return Message(N_("an object of type {type}"), type=type(value).__name__)


def check_extra(extra: Mapping[Any, Any], *, element: str | None, field: str = "extra") -> None:
    """Check that *extra* holds only what a goalchain file can hold, and say where not.

    Fields goalchain does not know are kept and written back; so they may hold
    text, finite numbers, booleans, null, dates, and lists and mappings (with
    text keys) of these, nothing else: not objects, sets, NaN or infinity.

    Raises
    ------
    InvalidValueError
        Naming the element, the key (a path such as ``budget[2].x``) and what
        the value is.

    Examples
    --------
    >>> from goalchain.models._values import check_extra
    >>> check_extra({"kommunkod": "0192", "budget": [1, 2.5, {"år": 2024}]}, element="g1")
    >>> check_extra({"budget": [1, {"x": object()}]}, element="g1")
    Traceback (most recent call last):
    ...
    goalchain.exceptions.InvalidValueError: 'g1', field 'extra': budget[1].x holds an object
    of type object; fields goalchain does not know hold only what a file can: text, finite
    numbers, booleans, null, dates, and lists and mappings with text keys
    """
    stack: list[tuple[str, Any]] = [
        (key, value) if isinstance(key, str) else (repr(key), _KeyProblem(key))
        for key, value in reversed(list(extra.items()))
    ]
    while stack:
        where, value = stack.pop()
        problem: Message | None
        if isinstance(value, _KeyProblem):
            problem = Message(N_("the key {key!r}, which is not text"), key=value.key)
        else:
            problem = _plain_problem(value)
        if problem is not None:
            raise InvalidValueError(
                N_(
                    "{where} holds {problem}; fields goalchain does not know hold only what a "
                    "file can: text, finite numbers, booleans, null, dates, and lists and "
                    "mappings with text keys"
                ),
                element=element,
                field=field,
                params={"where": where, "problem": problem},
            )
        if isinstance(value, Mapping):
            stack.extend(
                (f"{where}.{key}", item) if isinstance(key, str) else (where, _KeyProblem(key))
                for key, item in reversed(list(value.items()))
            )
        elif isinstance(value, (list, tuple)):
            stack.extend((f"{where}[{i}]", item) for i, item in reversed(list(enumerate(value))))


class _KeyProblem:
    __slots__ = ("key",)

    def __init__(self, key: Any):
        self.key = key


def to_tags(value: Any, *, field: str = "tags", element: str | None = None) -> tuple[str, ...]:
    """Return a tuple of strings from a list of strings (one string is one tag)."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Mapping) or not isinstance(value, Iterable):
        raise InvalidValueError(
            N_("expected a list of strings, got {value}"),
            element=element,
            field=field,
            params={"value": _shown(value)},
        )
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise InvalidValueError(
                N_("expected a list of strings, found {value}"),
                element=element,
                field=field,
                params={"value": _shown(item)},
            )
    return items


def year_and_value(
    value: Any, *, field: str, element: str | None, example: str = "(2026, 90.0)"
) -> tuple[Any, Any]:
    """The year and the value, unread, of ``(year, value)``, ``[year, value]`` or
    ``{"year": .., "value": ..}``; an error naming *element* and *field* otherwise."""
    if isinstance(value, Mapping):
        if set(value) - {"year", "value"} or "year" not in value or "value" not in value:
            raise InvalidValueError(
                N_("expected {{year: ..., value: ...}}, got {value}"),
                element=element,
                field=field,
                params={"value": _shown(dict(value))},
            )
        return value["year"], value["value"]
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return value[0], value[1]
    raise InvalidValueError(
        N_("expected a (year, value) pair such as {example}, got {value}"),
        element=element,
        field=field,
        params={"example": example, "value": _shown(value)},
    )


def year_value(value: Any, unit: str | None, *, field: str, element: str | None) -> YearValue:
    """Read ``(year, value)``, ``[year, value]`` or ``{"year": .., "value": ..}``.

    The value may be a number, a pint Quantity or a string such as ``"12,5 %"``;
    it is converted to *unit*.
    """
    year, raw = year_and_value(value, field=field, element=element)
    year = check_year(year, element=element, field=field)
    if (isinstance(raw, (int, float)) and not isinstance(raw, bool)) or unit is None:
        number = finite_float(raw, field=field, element=element)
    else:
        number = convert(raw, unit, element=element, field=field)
    return YearValue(year, number)
