"""Data that arrives every follow-up: measurements and (dialogue) assessments."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import attrs

from .._i18n import N_
from ..exceptions import InvalidValueError, Message
from ..units import parse_unit
from ._elements import _extra
from ._frozen import FrozenMapping
from ._period import Period
from ._values import (
    check_choice,
    check_extra,
    check_id,
    check_text,
    finite_float,
    to_date,
    to_tags,
    unit_interval,
)

__all__ = ["ASSESSMENT_STATUSES", "GENDERS", "Assessment", "Measurement", "normalise_status"]

GENDERS = ("T", "K", "M")

_FOR_WHOM = {"K": N_("for women"), "M": N_("for men")}


def for_whom(gender: str) -> str | Message:
    """How an error message says whose value it is (a field of its message, worded in
    its language): nothing for the total (Kolada's ``T``), ``" for women"`` (``K``),
    ``" for men"`` (``M``).

    Examples
    --------
    >>> from goalchain.models._data import for_whom
    >>> "2024" + str(for_whom("T")), "2024" + str(for_whom("K"))
    ('2024', '2024 for women')
    >>> for_whom("K").render("sv")
    ' för kvinnor'
    """
    if gender == "T":
        return ""
    if gender in _FOR_WHOM:
        return Message(" {whom}", whom=Message(_FOR_WHOM[gender]))
    return Message(" ({whom})", whom=Message(N_("gender {gender}"), gender=gender))


ASSESSMENT_STATUSES = ("achieved", "partly", "not_achieved", "not_assessed")

# Swedish labels (and common variants) accepted in files and code.
_STATUS_ALIASES = {
    "uppfyllt": "achieved",
    "uppfylld": "achieved",
    "delvis uppfyllt": "partly",
    "delvis uppfylld": "partly",
    "delvis": "partly",
    "ej uppfyllt": "not_achieved",
    "ej uppfylld": "not_achieved",
    "inte uppfyllt": "not_achieved",
    "ej bedömt": "not_assessed",
    "ej bedömd": "not_assessed",
    "inte bedömt": "not_assessed",
    "partly achieved": "partly",
    "not achieved": "not_achieved",
    "not assessed": "not_assessed",
}

AssessmentStatus = Literal["achieved", "partly", "not_achieved", "not_assessed"]


def normalise_status(value: Any, *, element: str | None = None) -> str:
    """Return the status key for a key or a Swedish or English label.

    Examples
    --------
    >>> from goalchain.models import normalise_status
    >>> normalise_status("delvis uppfyllt"), normalise_status("achieved")
    ('partly', 'achieved')
    """
    if isinstance(value, str):
        key = " ".join(value.strip().lower().split())
        key = _STATUS_ALIASES.get(key, key.replace(" ", "_"))
        if key in ASSESSMENT_STATUSES:
            return key
    return check_choice(value, ASSESSMENT_STATUSES, field="status", element=element)


def _to_period(value: Any) -> Period:
    return Period.parse(value)


@attrs.frozen(kw_only=True)
class Measurement:
    """One measured value of an indicator for a period.

    Parameters
    ----------
    indicator
        Id of the indicator.
    period
        A :class:`Period` or what :meth:`Period.parse` reads (``2024``, ``"2024-T2"``).
    value
        A finite float in *unit*.
    unit
        The unit of *value*; :meth:`GoalChain.record` converts to the indicator's unit.
    gender
        ``"T"`` (total), ``"K"`` (women, kvinnor) or ``"M"`` (men, män), as in Kolada.
    preliminary
        True for preliminary figures.
    source
        Where the value comes from (``"Kolada"``, a file name...).

    Examples
    --------
    >>> from goalchain.models import Measurement
    >>> m = Measurement(indicator="i1", period="2024-T2", value=81.5, unit="percent")
    >>> m.period, m.value, m.gender, m.key
    (Period('2024-T2'), 81.5, 'T', ('i1', Period('2024-T2'), 'T'))
    """

    indicator: str = attrs.field()
    period: Period = attrs.field(converter=_to_period)
    value: float = attrs.field()
    unit: str = attrs.field()
    gender: str = attrs.field(default="T")
    preliminary: bool = attrs.field(default=False)
    source: str | None = attrs.field(default=None)
    extra: FrozenMapping = attrs.field(factory=FrozenMapping, converter=_extra)

    def __attrs_post_init__(self) -> None:
        eid = check_id(self.indicator, field="indicator")
        object.__setattr__(self, "value", finite_float(self.value, field="value", element=eid))
        check_text(self.unit, field="unit", element=eid)
        parse_unit(self.unit)
        check_choice(self.gender, GENDERS, field="gender", element=eid)
        if not isinstance(self.preliminary, bool):
            raise InvalidValueError(
                N_("expected true or false, got {value!r}"),
                element=eid,
                field="preliminary",
                params={"value": self.preliminary},
            )
        check_text(self.source, field="source", element=eid, optional=True)
        check_extra(self.extra, element=eid)

    @property
    def key(self) -> tuple[str, Period, str]:
        """(indicator, period, gender): what identifies a measurement in a chain."""
        return (self.indicator, self.period, self.gender)


@attrs.frozen(kw_only=True)
class Assessment:
    """A judged fulfilment of an element for a period, e.g. from a dialogue.

    Grästorp judges goal fulfilment in a dialogue between officials and
    politicians; the assessment records the outcome with its rationale, the
    participants and the date.

    Parameters
    ----------
    element
        Id of the assessed goal, indicator or activity.
    period
        The follow-up period.
    status
        ``"achieved"``, ``"partly"``, ``"not_achieved"`` or ``"not_assessed"``;
        the Swedish labels (``"delvis uppfyllt"``...) are accepted too.
    score
        Optional score 0..1.
    rationale
        Why (the dialogue's conclusion).
    participants
        Who took part.
    date
        When the assessment was made.
    method
        How it was made; ``"dialogue"`` by default.

    Examples
    --------
    >>> from goalchain.models import Assessment
    >>> a = Assessment(element="g1", period=2024, status="delvis uppfyllt",
    ...                rationale="Fler sökande men kompetensbrist kvarstår.")
    >>> a.status, a.method
    ('partly', 'dialogue')
    """

    element: str = attrs.field()
    period: Period = attrs.field(converter=_to_period)
    status: AssessmentStatus = attrs.field()
    score: float | None = attrs.field(default=None)
    rationale: str = attrs.field(default="")
    participants: tuple[str, ...] = attrs.field(default=())
    date: dt.date | None = attrs.field(default=None)
    method: str = attrs.field(default="dialogue")
    extra: FrozenMapping = attrs.field(factory=FrozenMapping, converter=_extra)

    def __attrs_post_init__(self) -> None:
        eid = check_id(self.element, field="element")
        set_ = object.__setattr__
        set_(self, "status", normalise_status(self.status, element=eid))
        if self.score is not None:
            set_(self, "score", unit_interval(self.score, field="score", element=eid))
        if self.rationale is None:
            set_(self, "rationale", "")
        check_text(self.rationale, field="rationale", element=eid, optional=True)
        set_(self, "participants", to_tags(self.participants, field="participants", element=eid))
        set_(self, "date", to_date(self.date, field="date", element=eid))
        check_text(self.method, field="method", element=eid)
        check_extra(self.extra, element=eid)

    @property
    def key(self) -> tuple[str, Period]:
        """(element, period): what identifies an assessment in a chain."""
        return (self.element, self.period)
