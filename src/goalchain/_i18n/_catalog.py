"""Message catalogs: every word a person reads, looked up by language.

Messages are written in English in the code, marked for extraction with one of
the functions below, and translated in gettext catalogs (``.po`` files, which
translators edit with standard tools) under ``goalchain/_i18n/locale``: the
Swedish one ships with goalchain; a catalog found for another language makes it
a language goalchain speaks, with no change to the code (:func:`languages`).
English needs no catalog: the messages in the code are English.

``make catalogs`` extracts the messages (``pybabel extract``, configured in
``babel.cfg``), updates the catalogs and compiles them to ``.mo`` files, which
are committed so that an installed wheel works without a build step;
``tests/test_catalogs.py`` fails when the code and the catalogs disagree.

Marking functions (the keywords ``pybabel extract`` looks for):

``gettext(message, lang)``
    The message in *lang*.
``ngettext(singular, plural, n, lang)``
    The form that agrees with *n* ("1 varning", "2 varningar").
``pgettext(context, message, lang)``
    A message whose translation depends on where it stands (a column heading
    and a verdict may be the same English word).
``npgettext(context, singular, plural, n, lang)``
    Both: a form agreeing with *n*, translated as it reads in *context*.
``N_(message)``
    Marks a message kept in a table and looked up later with :func:`gettext`.

Messages with fields use ``str.format`` fields, filled in after the lookup:
``gettext("unknown language {lang!r}", lang).format(lang=...)``.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import os
from collections.abc import Iterable
from pathlib import Path

from ..exceptions import InvalidValueError

__all__ = [
    "DOMAIN",
    "N_",
    "SOURCE_LANGUAGE",
    "catalog_dirs",
    "check_lang",
    "gettext",
    "languages",
    "ngettext",
    "npgettext",
    "pgettext",
    "use_catalog_dir",
]

DOMAIN = "goalchain"
"""The gettext domain: catalogs are ``<dir>/<lang>/LC_MESSAGES/goalchain.mo``."""

SOURCE_LANGUAGE = "en"
"""The language of the messages in the code (needs no catalog)."""

_BUILTIN_DIR = Path(__file__).with_name("locale")
_extra_dirs: list[Path] = []


def catalog_dirs() -> tuple[Path, ...]:
    """The directories searched for catalogs: those added by :func:`use_catalog_dir`
    (newest first), then goalchain's own."""
    return (*reversed(_extra_dirs), _BUILTIN_DIR)


def use_catalog_dir(path: str | os.PathLike[str]) -> None:
    """Search *path* for catalogs too (``<path>/<lang>/LC_MESSAGES/goalchain.mo``),
    before goalchain's own: a way to add a language, or to correct a translation,
    without changing goalchain.

    Raises
    ------
    InvalidValueError
        When *path* is not a directory.
    """
    directory = Path(path)
    if not directory.is_dir():
        raise InvalidValueError(
            N_("catalog directory {directory!r} is not a directory"),
            field="path",
            params={"directory": str(directory)},
        )
    _extra_dirs.append(directory)
    _translations.cache_clear()
    _languages.cache_clear()


def forget_catalog_dir(path: str | os.PathLike[str]) -> None:
    """Stop searching *path* for catalogs (undoes :func:`use_catalog_dir`; a
    directory never added is ignored). Its languages are no longer spoken."""
    directory = Path(path)
    if directory in _extra_dirs:
        _extra_dirs.remove(directory)
    _translations.cache_clear()
    _languages.cache_clear()
    from ._numbers import forget_conventions  # the same floor: numbers per language

    forget_conventions()


def _found_languages(directories: Iterable[Path]) -> list[str]:
    found: list[str] = []
    for directory in directories:
        if not directory.is_dir():
            continue
        for entry in sorted(directory.iterdir()):
            if (entry / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file() and entry.name not in found:
                found.append(entry.name)
    return found


@functools.cache
def _languages() -> tuple[str, ...]:
    found = _found_languages(catalog_dirs())
    # Swedish first, English second, then any other catalog in name order
    rest = sorted(lang for lang in found if lang not in ("sv", SOURCE_LANGUAGE))
    return ("sv", SOURCE_LANGUAGE, *rest)


def languages() -> tuple[str, ...]:
    """The languages goalchain speaks: Swedish, English, and every language a
    catalog was found for.

    Examples
    --------
    >>> from goalchain._i18n import languages
    >>> languages()[:2]
    ('sv', 'en')
    """
    return _languages()


def check_lang(lang: object) -> str:
    """Return *lang* when goalchain speaks it (see :func:`languages`).

    Raises
    ------
    InvalidValueError
        For anything else, naming the valid languages.

    Examples
    --------
    >>> from goalchain._i18n import check_lang
    >>> check_lang("en")
    'en'
    >>> check_lang("de")
    Traceback (most recent call last):
    ...
    goalchain.exceptions.InvalidValueError: field 'lang': unknown language 'de'; valid: sv, en
    """
    known = _languages()
    if not isinstance(lang, str) or lang not in known:
        raise InvalidValueError(
            N_("unknown language {lang!r}; valid: {valid}"),
            field="lang",
            params={"lang": lang, "valid": ", ".join(known)},
        )
    return lang


@functools.cache
def _translations(lang: str) -> _gettext.NullTranslations:
    if lang == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    for directory in catalog_dirs():
        path = directory / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if path.is_file():
            with path.open("rb") as stream:
                return _gettext.GNUTranslations(stream)
    check_lang(lang)  # raises for an unknown language
    return _gettext.NullTranslations()  # pragma: no cover - a known language has a catalog


def gettext(message: str, lang: str) -> str:
    """*message* (English, as written in the code) in *lang*.

    Examples
    --------
    >>> from goalchain._i18n import gettext
    >>> gettext("partly achieved", "sv"), gettext("partly achieved", "en")
    ('delvis uppfyllt', 'partly achieved')
    """
    return _translations(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str) -> str:
    """The form of a message that agrees with *n*, in *lang*, by the language's
    own plural rule (from its catalog).

    Examples
    --------
    >>> from goalchain._i18n import ngettext
    >>> [ngettext("{n} day", "{n} days", n, "en").format(n=n) for n in (0, 1, 2)]
    ['0 days', '1 day', '2 days']
    """
    return _translations(lang).ngettext(singular, plural, n)


def pgettext(context: str, message: str, lang: str) -> str:
    """*message* in *lang*, translated as it reads in *context*.

    Examples
    --------
    >>> from goalchain._i18n import pgettext
    >>> pgettext("unit symbol", "pp", "sv")
    'p.e.'
    """
    return _translations(lang).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int, lang: str) -> str:
    """The form of a message that agrees with *n*, in *lang*, translated as it
    reads in *context*.

    Examples
    --------
    >>> from goalchain._i18n import npgettext
    >>> [npgettext("unit", "{number} day", "{number} days", n, "sv") for n in (1, 2)]
    ['{number} dag', '{number} dagar']
    """
    return _translations(lang).npgettext(context, singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark *message* for extraction without translating it (for tables of
    messages looked up later with :func:`gettext`)."""
    return message
