"""Words of the progression layer a person reads beside its errors: a number in a
message, and a text kept as its English string that words itself in another language
(a trajectory's warnings, an assessment's reason)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._i18n import check_lang
from ..exceptions import Message

__all__ = ["Said", "joined", "said"]


class Said(str):
    """A message's English text -- a ``str``, as :attr:`Trajectory.warnings`,
    :attr:`ProgressAssessment.reason` and Python's warnings hold it -- that words
    itself in another language on request.

    Examples
    --------
    >>> from goalchain.exceptions import Number
    >>> from goalchain.progression._words import said
    >>> text = said("the baseline 0 is replaced by {value}", value=Number(0.001))
    >>> text, text.render("sv")
    ('the baseline 0 is replaced by 0.001', 'utgångsvärdet 0 ersätts med 0,001')
    """

    message: Message

    def __new__(cls, message: Message) -> Said:
        text = super().__new__(cls, str(message))
        text.message = message
        return text

    def render(self, lang: str = "en") -> str:
        """The message in *lang* (any language goalchain speaks)."""
        return self.message.render(lang)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Said, (self.message,))


def said(template: str, /, **params: object) -> Said:
    """*template* (English, marked with ``N_``) filled in with *params*, as a :class:`Said`."""
    return Said(Message(template, **params))


class _Joined(Message):
    """Texts joined by ``"; "``, each worded in the language asked for."""

    __slots__ = ("parts",)

    def __init__(self, parts: Sequence[str]):
        super().__init__("")
        self.parts = tuple(parts)

    def render(self, lang: str = "en") -> str:
        check_lang(lang)
        return "; ".join(p.render(lang) if isinstance(p, Said) else p for p in self.parts)

    def __str__(self) -> str:
        return "; ".join(self.parts)

    def __repr__(self) -> str:
        return f"_Joined({self.parts!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Joined):
            return NotImplemented
        return self.parts == other.parts

    def __hash__(self) -> int:
        return hash(self.parts)


def joined(parts: Sequence[str]) -> str:
    """*parts* joined by ``"; "`` as ``"; ".join`` would, worded part by part in
    another language (a plain text part is kept as written); ``""`` for none."""
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return Said(_Joined(parts))
