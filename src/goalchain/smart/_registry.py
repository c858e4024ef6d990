"""The SMART extension point: criteria registered by name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from .._i18n import gettext
from .._registry import Registry
from ..exceptions import UnknownCriterionError

if TYPE_CHECKING:
    from ..models import Goal
    from ._context import SmartContext
    from ._finding import Judgement

__all__ = ["BUILTIN", "Criterion", "LabelIn", "criteria", "register"]

BUILTIN: tuple[str, ...] = (
    "specific",
    "measurable",
    "accepted",
    "realistic",
    "time_bound",
    "responsible",
)
"""The built-in criteria, in SMART(A) order."""


@runtime_checkable
class Criterion(Protocol):
    """What a SMART criterion is: an object with ``check(goal, context)``.

    ``goal`` is the :class:`~goalchain.Goal`; ``context`` a
    :class:`~goalchain.smart.SmartContext` (the chain, the mandate period, the
    known bodies, the criterion's options). Return a :class:`Judgement`, several,
    or None (nothing to say: not applicable). A plain function
    ``check(goal, context)`` works too.

    A criterion may also have ``label`` (its name in reports, in English, looked
    up in the catalogs) or ``label_sv`` and ``label_en`` (its name in Swedish and
    English), ``defaults`` (a mapping of its options and their default values;
    other option names are refused) and ``default_levels(roles)`` (the level keys
    it applies to unless the caller says otherwise; without it: every goal level
    below the top).
    """

    def check(
        self, goal: Goal, context: SmartContext
    ) -> Judgement | Iterable[Judgement] | None: ...


criteria: Registry[Any] = Registry(
    "SMART criterion", group="goalchain.smart", error=UnknownCriterionError, instantiate=True
)
"""Read-only mapping of the registered SMART criteria by name."""

register = criteria.register
"""Register a SMART criterion: ``@register("name")`` on a class or function, or a call."""


class LabelIn:
    """A criterion's ``label`` (English, in the catalogs) in one language: the
    ``label_sv`` and ``label_en`` of the built-in criteria.

    Examples
    --------
    >>> from goalchain.smart import Specific
    >>> Specific.label_sv, Specific().label_en
    ('Specifikt', 'Specific')
    """

    def __init__(self, lang: str):
        self.lang = lang

    def __get__(self, instance: object, owner: type) -> str:
        return gettext(owner.label, self.lang)  # type: ignore[attr-defined]
