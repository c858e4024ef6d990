"""The languages goalchain writes in: Swedish first, English too.

One check of a ``lang`` argument for every module that words something, so that
each rejects an unknown language with the same error.
"""

from __future__ import annotations

from .exceptions import InvalidValueError

__all__ = ["LANGUAGES", "check_lang"]

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
