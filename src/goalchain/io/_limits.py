"""Limits on the YAML and JSON documents goalchain reads.

A chain file may come from anyone: a colleague, another municipal system, a
download. The readers refuse a document that would take unbounded time or
memory (a "billion laughs" of YAML aliases, a list nested 100 000 deep, a
number with 5 000 digits) with a :class:`~goalchain.exceptions.DocumentLimitError`
naming the file, the line and the limit, before building anything from it.

The defaults are generous for real chains: a national chain of 10^6 elements
(about 400 MB of JSON) loads within them. Who needs more passes a
:class:`Limits` with the values raised, as ``limits=`` to :func:`goalchain.load`,
:func:`goalchain.loads` or :func:`goalchain.io.load_model`.
"""

from __future__ import annotations

from typing import Any

import attrs

from .._i18n import N_
from ..exceptions import InvalidValueError

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_ALIAS_CHARACTERS",
    "MAX_ALIAS_VALUES",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NUMBER_DIGITS",
    "MAX_STRING_LENGTH",
    "Limits",
]

MAX_FILE_BYTES = 1 << 30
"""Most bytes in one file (1 GiB; a chain of 10^6 elements is about 400 MB as JSON).

For text given to :func:`goalchain.loads`, the characters of the text."""

MAX_DEPTH = 100
"""Most levels of lists and mappings inside one another (a chain file needs about 6)."""

MAX_ALIAS_VALUES = 100_000
"""Most values YAML aliases may expand to in one document, counted over all aliases.

An alias of a text counts 1, an alias of a list of 10 texts counts 11, so this is
also the most aliases a document may hold."""

MAX_ALIAS_CHARACTERS = 10_000_000
"""Most characters of text YAML aliases may repeat in one document, counted over all
aliases: what an alias adds to the document when written out (and when saved)."""

MAX_STRING_LENGTH = 1_000_000
"""Most characters in one text value or key (a rationale of a few pages is 10 000)."""

MAX_NUMBER_DIGITS = 100
"""Most digits in one number as written (a float has 17 significant digits)."""


def _positive(instance: Any, attribute: attrs.Attribute[int], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidValueError(
            N_("a limit must be a whole number of at least 1, got {value!r}"),
            field=attribute.name,
            params={"value": value},
        )


@attrs.frozen(kw_only=True)
class Limits:
    """Limits on the size and shape of a YAML or JSON document goalchain reads.

    Each limit guards against a file that would take unbounded time or memory;
    a document beyond one is refused with a
    :class:`~goalchain.exceptions.DocumentLimitError` (a ``FileFormatError``)
    that names the file, the line and the limit. The defaults
    (the module constants ``MAX_...``) are generous for real chains; raise a limit
    for one call by passing ``limits=Limits(...)`` (or
    ``attrs.evolve(DEFAULT_LIMITS, ...)``) to the load functions.

    Attributes
    ----------
    max_file_bytes
        Most bytes in one file; checked before the file is read. For text given
        to :func:`goalchain.loads`, most characters.
    max_depth
        Most levels of lists and mappings inside one another.
    max_alias_values
        Most values YAML aliases may expand to in one document (an alias of a
        list of 10 counts 11); so also the most aliases.
    max_alias_characters
        Most characters of text YAML aliases may repeat in one document.
    max_string_length
        Most characters in one text value or mapping key.
    max_number_digits
        Most digits in one number as written.

    Raises
    ------
    InvalidValueError
        For a limit that is not a whole number of at least 1, naming it.

    Examples
    --------
    >>> import goalchain as gc
    >>> gc.Limits().max_depth
    100
    >>> text = "goalchain: 1\\nnotes: " + "[" * 30 + "]" * 30 + "\\n"
    >>> gc.loads(text, limits=gc.Limits(max_depth=20))
    Traceback (most recent call last):
    ...
    goalchain.exceptions.DocumentLimitError: <input>:2:28: the lists and mappings are nested
    more than 20 deep, the limit max_depth; to read the file all the same, raise it:
    limits=goalchain.Limits(max_depth=...)
    >>> len(gc.loads(text, limits=gc.Limits(max_depth=40)).metadata["notes"])
    1
    >>> gc.Limits(max_depth=0)
    Traceback (most recent call last):
    ...
    goalchain.exceptions.InvalidValueError: field 'max_depth': a limit must be a whole number
    of at least 1, got 0
    """

    max_file_bytes: int = attrs.field(default=MAX_FILE_BYTES, validator=_positive)
    max_depth: int = attrs.field(default=MAX_DEPTH, validator=_positive)
    max_alias_values: int = attrs.field(default=MAX_ALIAS_VALUES, validator=_positive)
    max_alias_characters: int = attrs.field(default=MAX_ALIAS_CHARACTERS, validator=_positive)
    max_string_length: int = attrs.field(default=MAX_STRING_LENGTH, validator=_positive)
    max_number_digits: int = attrs.field(default=MAX_NUMBER_DIGITS, validator=_positive)


DEFAULT_LIMITS = Limits()
"""The limits used when no ``limits=`` is given."""


def check_limits(limits: Limits | None) -> Limits:
    """*limits*, or the defaults for None; a TypeError for anything else."""
    if limits is None:
        return DEFAULT_LIMITS
    if not isinstance(limits, Limits):
        raise TypeError(f"limits must be a goalchain.Limits, got {type(limits).__name__}")
    return limits
