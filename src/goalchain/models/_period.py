"""Follow-up periods: a year, its tertials, its quarters and the interim period."""

from __future__ import annotations

import re
from typing import Any, ClassVar, Literal

import attrs

from .._i18n import N_
from .._unit_grammar import describe_char
from ..exceptions import Message, PeriodError

__all__ = ["MAX_PERIOD_LENGTH", "MAX_YEAR", "MIN_YEAR", "Period", "PeriodKind", "check_year"]

MIN_YEAR = 1900
MAX_YEAR = 2200
MAX_PERIOD_LENGTH = 40
"""Most characters in a period or year written as text (``"2024-delår"`` has 10);
longer text is refused before it is read."""

PeriodKind = Literal["year", "tertial", "quarter", "interim"]

# kind -> index -> (first month, last month)
_MONTHS: dict[str, dict[int, tuple[int, int]]] = {
    "year": {0: (1, 12)},
    "tertial": {1: (1, 4), 2: (5, 8), 3: (9, 12)},
    "quarter": {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)},
    "interim": {0: (1, 8)},
}

# The part after the year ("T1", "Q3", "K3", "delår"): matched whole, on at most
# MAX_PERIOD_LENGTH characters; the year and the separator are read by hand, so
# reading a period takes time linear in its length (a pattern with \s* on both
# sides of the separator took quadratic time on "2024" + spaces + "x").
_PART = re.compile(r"[TtQqKk][1-4]|del[åa]r|interim|helår|year")
_PERIOD_HINT = Message(N_("write '2024', '2024-T1' (T1-T3), '2024-Q3' (Q1-Q4) or '2024-delår'"))


def check_year(year: Any, *, element: str | None = None, field: str | None = None) -> int:
    """Return *year* as an int after checking it lies in a sensible range.

    Raises
    ------
    PeriodError
        When *year* is not an integer between ``MIN_YEAR`` and ``MAX_YEAR``, or is
        written with digits other than 0-9 (``"²⁰²⁴"``, ``"٢٠٢٤"``).

    Examples
    --------
    >>> from goalchain.models import check_year
    >>> check_year("2026")
    2026
    """
    if isinstance(year, bool):
        raise PeriodError(
            N_("expected a year, got {year!r}"), element=element, field=field, params={"year": year}
        )
    if isinstance(year, str):
        text = year.strip()
        foreign = _foreign_digit(text[:MAX_PERIOD_LENGTH])
        if foreign is not None:
            raise PeriodError(
                N_(
                    "{year}: {foreign} is not a digit 0-9; write the year with the "
                    "digits 0-9, such as 2026"
                ),
                element=element,
                field=field,
                params={"year": _shown(year), "foreign": foreign},
            )
        if len(text) <= MAX_PERIOD_LENGTH and text.isascii() and text.isdigit():
            year = int(text)
    if isinstance(year, float) and year.is_integer():
        year = int(year)
    if not isinstance(year, int):
        raise PeriodError(
            N_("expected a year such as 2026, got {year}"),
            element=element,
            field=field,
            params={"year": _shown(year)},
        )
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(
            N_("year {year} is out of range; valid years are {low}-{high}"),
            element=element,
            field=field,
            params={"year": _shown(year), "low": MIN_YEAR, "high": MAX_YEAR},
        )
    return year


def _foreign_digit(text: str) -> Message | None:
    """The first digit in *text* that is not 0-9 (``٣``, ``²``), described, or None."""
    for char in text:
        if char.isnumeric() and not char.isascii():
            return describe_char(char)
    return None


def _shown(value: Any) -> str:
    """*value* for a message: its repr, cut when long; never the digits of a huge int
    (Python refuses to write an int of more than 4300 digits)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"<an integer of about {int(value.bit_length() * 0.30103) + 1} digits>"
    try:
        text = repr(value)
    except ValueError:  # a container holding such an int
        return f"<a {type(value).__name__} too large to show>"
    return text if len(text) <= 80 else f"{text[:60]}... ({len(text)} characters)"


def _check_period_year(year: Any) -> int:
    return check_year(year, field="period")


def _split_period(value: str) -> tuple[int, str]:
    """The year and the lower-case part (``""`` for a year) of a period string."""
    if len(value) > MAX_PERIOD_LENGTH:
        raise PeriodError(
            N_(
                "cannot read period {value}: it is {n} characters long, a period at most "
                "{most}; {hint}"
            ),
            field="period",
            params={
                "value": _shown(value),
                "n": len(value),
                "most": MAX_PERIOD_LENGTH,
                "hint": _PERIOD_HINT,
            },
        )
    text = value.strip()
    foreign = _foreign_digit(text)
    if foreign is not None:
        raise PeriodError(
            N_("cannot read period {value!r}: {foreign} is not a digit 0-9; {hint}"),
            field="period",
            params={"value": value, "foreign": foreign, "hint": _PERIOD_HINT},
        )
    year, rest = text[:4], text[4:]
    part = rest.lstrip()
    if part[:1] in ("-", "/"):
        part = part[1:].lstrip()
    elif part and len(part) == len(rest):  # "20245", "2024T1": no separator
        part = "?"
    if not (len(year) == 4 and year.isascii() and year.isdigit()) or (
        rest.strip() and not _PART.fullmatch(part)
    ):
        raise PeriodError(
            N_("cannot read period {value!r}; {hint}"),
            field="period",
            params={"value": value, "hint": _PERIOD_HINT},
        )
    return int(year), part.lower()


@attrs.frozen(kw_only=True, order=False)
class Period:
    """A follow-up period: a year, a tertial, a quarter or the interim period.

    Swedish municipalities follow up in tertials (T1 = Jan-Apr), an interim
    report (*delårsrapport*, Jan-Aug) and the annual report; some indicators
    are quarterly.

    Parameters
    ----------
    year
        The calendar year, 1900-2200.
    kind
        ``"year"``, ``"tertial"``, ``"quarter"`` or ``"interim"``.
    index
        1-3 for tertials, 1-4 for quarters, 0 for a year or the interim period.

    Examples
    --------
    >>> from goalchain.models import Period
    >>> p = Period.parse("2024-T1")
    >>> p, str(p), p.months
    (Period('2024-T1'), '2024-T1', (1, 4))
    >>> Period.parse("2024-delår") in Period.parse(2024)
    True
    >>> sorted(Period.parse(s) for s in ["2024", "2024-T3", "2024-T1", "2023-Q4"])
    [Period('2023-Q4'), Period('2024-T1'), Period('2024-T3'), Period('2024')]
    """

    year: int = attrs.field(converter=_check_period_year)
    kind: PeriodKind = attrs.field(default="year")
    index: int = attrs.field(default=0)

    _LABELS: ClassVar[dict[str, str]] = {"tertial": "T", "quarter": "Q"}

    def __attrs_post_init__(self) -> None:
        if self.kind not in _MONTHS:
            raise PeriodError(
                N_("unknown period kind {kind!r}; valid kinds: {valid}"),
                field="period",
                params={"kind": self.kind, "valid": ", ".join(_MONTHS)},
            )
        if self.index not in _MONTHS[self.kind]:
            valid = ", ".join(str(i) for i in _MONTHS[self.kind])
            raise PeriodError(
                N_("{kind} index {index!r} is invalid; valid: {valid}"),
                field="period",
                params={"kind": self.kind, "index": self.index, "valid": valid},
            )

    @classmethod
    def parse(cls, value: Any) -> Period:
        """Read a period: ``2024``, ``"2024"``, ``"2024-T1"``, ``"2024-Q3"``, ``"2024-delår"``.

        ``"K3"`` (kvartal) is read as ``Q3``; ``"interim"`` as ``delår``.

        Raises
        ------
        PeriodError
            When the value is none of the forms above, the year is out of range, the
            text is longer than ``MAX_PERIOD_LENGTH`` (40) characters or has digits
            other than 0-9 (``"²⁰²⁴"``). Read in time linear in its length.

        Examples
        --------
        >>> Period.parse(" 2024 - K3 ")
        Period('2024-Q3')
        >>> Period.parse("²⁰²⁴")
        Traceback (most recent call last):
        ...
        goalchain.exceptions.PeriodError: field 'period': cannot read period '²⁰²⁴': '²' \
(SUPERSCRIPT TWO) is not a digit 0-9; write '2024', '2024-T1' (T1-T3), '2024-Q3' (Q1-Q4) or \
'2024-delår'
        """
        if isinstance(value, Period):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(year=value)
        if not isinstance(value, str):
            raise PeriodError(
                N_(
                    "expected a period such as 2024, '2024-T1', '2024-Q3' or '2024-delår', "
                    "got {value}"
                ),
                field="period",
                params={"value": _shown(value)},
            )
        year, part = _split_period(value)
        if part in ("", "helår", "year"):
            return cls(year=year)
        if part in ("delår", "delar", "interim"):
            return cls(year=year, kind="interim")
        kind: PeriodKind = "tertial" if part[0] == "t" else "quarter"
        return cls(year=year, kind=kind, index=int(part[1]))

    @property
    def months(self) -> tuple[int, int]:
        """The first and last month of the period (1-12)."""
        return _MONTHS[self.kind][self.index]

    @property
    def is_year(self) -> bool:
        """True for a whole calendar year."""
        return self.kind == "year"

    def contains(self, other: Period | Any) -> bool:
        """Tell whether *other* lies wholly within this period."""
        other = Period.parse(other)
        first, last = self.months
        o_first, o_last = other.months
        return self.year == other.year and first <= o_first and o_last <= last

    def __contains__(self, other: object) -> bool:
        return self.contains(other)

    def sort_key(self) -> tuple[int, int, int]:
        """Periods order by their end, then by their length (longer last).

        So a period sorts after every period it contains: ``2024-T3`` and
        ``2024-Q4`` before ``2024``, ``2024-T2`` before ``2024-delår``; the
        annual figure is the last of its year.
        """
        first, last = self.months
        return (self.year, last, -first)

    def __lt__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() >= other.sort_key()

    def __str__(self) -> str:
        if self.kind == "year":
            return str(self.year)
        if self.kind == "interim":
            return f"{self.year}-delår"
        return f"{self.year}-{self._LABELS[self.kind]}{self.index}"

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"

    def to_data(self) -> int | str:
        """The form written to files: an int for a year, else the string."""
        return self.year if self.is_year else str(self)
