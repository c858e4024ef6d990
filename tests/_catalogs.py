"""A test-only catalog of a third language, installed for one test (issue 15).

``with catalog_of(tmp_path, {...}):`` writes the messages given into
``<tmp_path>/fi/LC_MESSAGES/goalchain.mo``, makes goalchain search that directory
(``use_catalog_dir``), and on leaving forgets it again (``forget_catalog_dir``), so
that no other test sees the language.

Messages: ``"English"`` or ``("context", "English")`` -> the translation; a plural
message as ``("context" or None, ("singular", "plural"))`` -> ``("one", "many")``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from goalchain import _i18n, _unit_text
from goalchain.smart import _finding


@contextlib.contextmanager
def catalog_of(directory: Path, messages: Mapping[Any, Any], *, lang: str = "fi") -> Iterator[Path]:
    """Install a catalog of *messages* in *lang* under *directory* for the block."""
    catalog = Catalog(locale=lang, domain=_i18n.DOMAIN)
    for key, translation in messages.items():
        context, message = key if isinstance(key, tuple) else (None, key)
        catalog.add(message, translation, context=context)
    target = directory / lang / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    with (target / f"{_i18n.DOMAIN}.mo").open("wb") as stream:
        write_mo(stream, catalog)
    _i18n.use_catalog_dir(directory)
    try:
        yield directory
    finally:
        _i18n.forget_catalog_dir(directory)
        _unit_text._symbol.cache_clear()
        _finding.refresh()


def check_words(error: BaseException, english: str, swedish: str) -> None:
    """*error* is a goalchain error that keeps its message (a template, or a
    spreadsheet error's code): its English ``str()`` holds *english* and is what
    ``render("en")`` gives, and its Swedish holds *swedish*."""
    from goalchain.exceptions import GoalchainError

    assert isinstance(error, GoalchainError), repr(error)
    assert error.template is not None or getattr(error, "code", None), str(error)
    assert english in str(error)
    assert error.render("en") == str(error)
    assert swedish in error.render("sv"), error.render("sv")
