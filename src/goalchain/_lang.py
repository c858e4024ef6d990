"""The languages goalchain writes in: Swedish first, English too.

One check of a ``lang`` argument for every module that words something, so that
each rejects an unknown language with the same error.
"""

from __future__ import annotations

from .exceptions import InvalidValueError

__all__ = ["LANGUAGES", "check_lang", "counted"]

LANGUAGES: tuple[str, ...] = ("sv", "en")
"""The languages of labels, messages and number formats: Swedish, then English."""


def check_lang(lang: object) -> str:
    """Return *lang* when goalchain writes in it (``"sv"`` or ``"en"``).

    Raises
    ------
    InvalidValueError
        For anything else, naming the valid languages.

    Examples
    --------
    >>> from goalchain._lang import check_lang
    >>> check_lang("en")
    'en'
    >>> check_lang("de")
    Traceback (most recent call last):
    ...
    goalchain.exceptions.InvalidValueError: field 'lang': unknown language 'de'; valid: sv, en
    """
    if not isinstance(lang, str) or lang not in LANGUAGES:
        raise InvalidValueError(
            f"unknown language {lang!r}; valid: {', '.join(LANGUAGES)}", field="lang"
        )
    return lang


def counted(n: int, one: str, many: str) -> str:
    """*n* with the noun that agrees with it: ``1 varning``, ``2 varningar``.

    The one rule of singular and plural for counts in every message, instead
    of ``varning(ar)``.

    Examples
    --------
    >>> from goalchain._lang import counted
    >>> counted(1, "varning", "varningar"), counted(0, "fel", "fel"), counted(2, "cell", "celler")
    ('1 varning', '0 fel', '2 celler')
    """
    return f"{n} {one if n == 1 else many}"
