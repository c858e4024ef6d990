"""The languages goalchain writes in: re-exports of :mod:`goalchain._i18n`.

Kept for the modules that import ``check_lang`` from here; new code imports
from :mod:`goalchain._i18n`, whose catalogs decide which languages there are.
"""

from __future__ import annotations

from ._i18n import check_lang

__all__ = ["LANGUAGES", "check_lang"]

LANGUAGES: tuple[str, ...] = ("sv", "en")
"""The languages goalchain ships: Swedish, then English (every language with a
catalog is spoken: :func:`goalchain._i18n.languages`)."""
