"""The languages goalchain writes in: re-exports of :mod:`goalchain._i18n`.

Kept for the modules that import ``check_lang`` from here; new code imports
from :mod:`goalchain._i18n`, whose catalogs decide which languages there are.
"""

from __future__ import annotations

from ._i18n import check_lang, ngettext

__all__ = ["LANGUAGES", "check_lang", "counted"]

LANGUAGES: tuple[str, ...] = ("sv", "en")
"""The languages goalchain ships: Swedish, then English (every language with a
catalog is spoken: :func:`goalchain._i18n.languages`)."""


def counted(n: int, one: str, many: str) -> str:
    """*n* with the noun that agrees with it: ``1 varning``, ``2 varningar``.

    Deprecated: write the whole phrase as a message with
    ``ngettext("{n} warning", "{n} warnings", n, lang)``, which the catalogs
    translate with each language's own plural rule; kept only until the last
    caller (``io/_spreadsheet.py``) is converted.

    Examples
    --------
    >>> from goalchain._lang import counted
    >>> counted(1, "varning", "varningar"), counted(0, "fel", "fel"), counted(2, "cell", "celler")
    ('1 varning', '0 fel', '2 celler')
    """
    # English's plural rule (one for 1, else many), as the source language's ngettext
    return f"{n} {ngettext(one, many, n, 'en')}"
