"""Errors raised by goalchain.

Every error is a subclass of :class:`GoalchainError` and also of the builtin
that matches it, so ``except ValueError`` or ``except KeyError`` in existing
code keeps working. Each error says *where* (element, field, file, line) and
*what would be valid*.

Checks that judge quality (SMART, structural findings) return findings and
never raise; these errors are for input that cannot be accepted at all.

Examples
--------
>>> import goalchain as gc
>>> chain = gc.GoalChain(name="Exempel")
>>> try:
...     chain.add_goal("kf1", "Mål", level="no-such-level")
... except gc.UnknownLevelError as err:
...     print(type(err).__mro__[1].__name__, isinstance(err, LookupError))
LevelError True
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Sequence
from typing import NamedTuple

__all__ = [
    "AmbiguousUnitError",
    "CycleError",
    "DirectoryNotFoundError",
    "DocumentLimitError",
    "DuplicateError",
    "FileFormatError",
    "FileWriteError",
    "FormatVersionError",
    "GoalchainError",
    "GoalchainWarning",
    "InvalidValueError",
    "KoladaConflict",
    "KoladaConflictError",
    "KoladaError",
    "LevelError",
    "MissingDependencyError",
    "PeriodError",
    "ProgressionError",
    "RegistrationError",
    "RollupError",
    "UnitError",
    "UnitMismatchError",
    "UnknownAssessmentMethodError",
    "UnknownCriterionError",
    "UnknownElementError",
    "UnknownLevelError",
    "UnknownLinkError",
    "UnknownMethodError",
    "UnknownModelError",
    "UnknownNameError",
    "UnknownScorerError",
    "UnknownStrategyError",
    "UnknownUnitError",
]


class GoalchainWarning(UserWarning):
    """Base class of warnings goalchain issues (a step against the direction...)."""


class GoalchainError(Exception):
    """Base class of every error goalchain raises on purpose.

    Attributes
    ----------
    file, line, column
        Where in a file the problem lies, when it came from a file (line and
        column are 1-based). ``str(error)`` starts with ``file:line:column:``.
    """

    file: str | None = None
    line: int | None = None
    column: int | None = None

    def locate(
        self, *, file: str | None = None, line: int | None = None, column: int | None = None
    ) -> GoalchainError:
        """Record where in a file the error lies (kept if already known); returns self."""
        if self.file is None and file is not None:
            self.file = file
        if self.line is None and line is not None:
            self.line = line
            self.column = column
        return self

    def location(self) -> str:
        """``file:line:column`` as far as known, or an empty string."""
        if self.file is None and self.line is None:
            return ""
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def _text(self) -> str:
        return super().__str__()

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self._text()}" if where else self._text()


class InvalidValueError(GoalchainError, ValueError):
    """A value that cannot be accepted: NaN, infinite, negative weight, bad choice.

    Parameters
    ----------
    message
        What is wrong and what would be valid.
    element
        The id of the element the value belongs to, when known.
    field
        The name of the field, when known.
    """

    def __init__(self, message: str, *, element: str | None = None, field: str | None = None):
        self.element = element
        self.field = field
        self.reason = message
        prefix = ""
        if element is not None and field is not None:
            prefix = f"{element!r}, field {field!r}: "
        elif element is not None:
            prefix = f"{element!r}: "
        elif field is not None:
            prefix = f"field {field!r}: "
        super().__init__(prefix + message)


class PeriodError(InvalidValueError):
    """A period or year that cannot be parsed or lies out of range."""


class DuplicateError(GoalchainError, ValueError):
    """An id (or measurement) that already exists."""

    def __init__(self, message: str, *, element: str | None = None):
        self.element = element
        super().__init__(message)


class UnknownElementError(GoalchainError, KeyError):
    """An id that names no element of the chain."""

    def __init__(self, element: str, *, known: Iterable[str] = (), context: str = ""):
        self.element = element
        known = sorted(known)
        hint = ""
        if known:
            shown = ", ".join(repr(k) for k in known[:10])
            more = f" and {len(known) - 10} more" if len(known) > 10 else ""
            hint = f"; known ids: {shown}{more}"
        where = f" ({context})" if context else ""
        self.message = f"no element with id {element!r} in the chain{where}{hint}"
        super().__init__(self.message)

    def _text(self) -> str:  # KeyError would repr() the message
        return self.message


class UnknownLinkError(GoalchainError, KeyError):
    """A link (edge) that does not exist between two elements."""

    def __init__(self, parent: str, child: str):
        self.parent = parent
        self.child = child
        self.message = f"there is no link {parent!r} -> {child!r} in the chain"
        super().__init__(self.message)

    def _text(self) -> str:  # KeyError would repr() the message
        return self.message


class CycleError(GoalchainError, ValueError):
    """A link that would close a cycle; a goal chain is a DAG.

    Attributes
    ----------
    cycle
        The ids along the cycle, first and last equal.
    """

    def __init__(self, cycle: Sequence[str]):
        self.cycle = tuple(cycle)
        path = " -> ".join(self.cycle)
        super().__init__(
            f"linking {self.cycle[0]!r} -> {self.cycle[1]!r} would close the cycle {path}; "
            "a goal chain must not loop back on itself"
        )


class LevelError(GoalchainError, ValueError):
    """A link or element that breaks the governance model's level rules."""

    def __init__(self, message: str, *, element: str | None = None):
        self.element = element
        super().__init__(message)


class UnknownLevelError(LevelError, LookupError):
    """A level key that the governance model does not have."""

    def __init__(self, level: str, *, model: str, known: Iterable[str], element: str | None = None):
        self.level = level
        self.known = tuple(known)
        where = f"{element!r}: " if element is not None else ""
        super().__init__(
            f"{where}unknown level {level!r} in governance model {model!r}; "
            f"valid levels: {', '.join(self.known)}",
            element=element,
        )


class UnknownModelError(GoalchainError, LookupError):
    """A governance model name that is not a preset."""

    def __init__(self, name: str, *, known: Iterable[str]):
        self.name = name
        self.known = tuple(sorted(known))
        super().__init__(
            f"unknown governance model {name!r}; presets: {', '.join(self.known)} "
            "(or pass a GovernanceModel)"
        )


class UnknownNameError(GoalchainError, LookupError):
    """A name that no registry entry has (a progression method, a roll-up strategy...).

    Attributes
    ----------
    kind
        What was looked up (``"progression method"``).
    name
        The name asked for.
    known
        The registered names.
    field
        The field that named it (``rollup.scorer``), when it came from settings.
    """

    def __init__(self, name: str, *, kind: str, known: Iterable[str], field: str | None = None):
        self.name = name
        self.kind = kind
        self.known = tuple(sorted(known))
        self.field = field
        where = f"field {field!r}: " if field is not None else ""
        super().__init__(
            f"{where}unknown {kind} {name!r}; registered: {', '.join(self.known) or 'none'}"
        )


class UnknownMethodError(UnknownNameError):
    """A progression method name that is not registered."""


class UnknownAssessmentMethodError(UnknownNameError):
    """An assessment method name (``annual_target``, ``cagr_ratio``...) that is not registered."""


class UnknownStrategyError(UnknownNameError):
    """A roll-up strategy name that is not registered."""


class UnknownScorerError(UnknownNameError):
    """A leaf scorer name that is not registered."""


class UnknownCriterionError(UnknownNameError):
    """A SMART criterion name that is not registered."""


class RollupError(GoalchainError, RuntimeError):
    """A roll-up that cannot be computed: a strategy that fails, weights summing to zero.

    Attributes
    ----------
    element
        The id of the node being rolled up.
    strategy
        The name of the strategy (or scorer) that failed.
    """

    def __init__(self, message: str, *, element: str | None = None, strategy: str | None = None):
        self.element = element
        self.strategy = strategy
        super().__init__(message)


class DirectoryNotFoundError(GoalchainError, FileNotFoundError):
    """The directory a file is to be written in does not exist (or is not a directory).

    Also a :class:`FileNotFoundError` (``errno`` ``ENOENT``, ``filename`` the
    directory), so ``except FileNotFoundError`` and ``except OSError`` catch it.

    Attributes
    ----------
    directory
        The directory the file was to be written in.
    missing
        The first part of its path that does not exist (the directory itself,
        or one above it), or a file standing where a directory should be.
    """

    def __init__(self, path: str, directory: str, missing: str):
        super().__init__(errno.ENOENT, "No such directory", directory)
        self.directory = directory
        self.missing = missing
        self.locate(file=path)
        if os.path.exists(missing):
            why = "it is a file" if missing == directory else f"{missing} is a file"
        elif missing != directory:
            why = f"{missing} does not exist"
        else:
            why = "it does not exist"
        self.message = (
            f"cannot write the file: no directory {directory} ({why}); create the "
            "directory first, or write the file elsewhere"
        )

    def _text(self) -> str:
        return self.message


_WRITE_REASONS: dict[tuple[int, ...], tuple[str, str]] = {
    (errno.EACCES, errno.EPERM): (
        "no permission to write in {directory}",
        "behörighet saknas för att skriva i {directory}",
    ),
    (errno.EROFS,): (
        "the file system of {directory} is read-only",
        "filsystemet för {directory} är skrivskyddat",
    ),
    (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)): (
        "the disk is full",
        "disken är full",
    ),
    (errno.EISDIR,): ("it is a directory", "det är en mapp"),
}


class FileWriteError(GoalchainError, OSError):
    """A file that could not be written: no permission, a read-only or full disk...

    The message names the file the caller asked for (never goalchain's temporary
    file beside it) and says that an existing file is unchanged. Also an
    :class:`OSError` with the system's ``errno`` and ``strerror``, and
    ``filename`` the file asked for, so ``except OSError`` catches it.
    :meth:`render` words it in Swedish or English.

    Attributes
    ----------
    directory
        The directory the file was to be written in.
    detail
        More about what was left behind, or None (a data file written beside a
        structure file that could not be switched to it).

    Examples
    --------
    >>> import errno
    >>> from goalchain.exceptions import FileWriteError
    >>> error = FileWriteError("/srv/mål/kedja.yaml", errno.EACCES, "Permission denied")
    >>> print(error)
    /srv/mål/kedja.yaml: cannot write the file: no permission to write in /srv/mål; \
the file is unchanged
    >>> print(error.render("sv"))
    /srv/mål/kedja.yaml: kan inte skriva filen: behörighet saknas för att skriva i /srv/mål; \
filen är oförändrad
    >>> error.errno == errno.EACCES, error.filename
    (True, '/srv/mål/kedja.yaml')
    """

    def __init__(
        self,
        path: str,
        errno_: int | None,
        strerror: str | None,
        *,
        detail: tuple[str, str] | None = None,
    ):
        super().__init__(errno_, strerror or "cannot write", path)
        self.directory = os.path.dirname(os.path.abspath(path))
        self.detail = detail
        self.locate(file=path)

    def render(self, lang: str = "en") -> str:
        """The message in English (``"en"``) or Swedish (``"sv"``), starting with the file."""
        sv = lang == "sv"
        reason = self.strerror or ""
        for codes, texts in _WRITE_REASONS.items():
            if self.errno in codes:
                reason = texts[sv].format(directory=self.directory)
                break
        if self.detail is not None:
            tail = self.detail[sv]
        else:
            tail = "filen är oförändrad" if sv else "the file is unchanged"
        head = "kan inte skriva filen" if sv else "cannot write the file"
        return f"{self.location()}: {head}: {reason}; {tail}"

    def _text(self) -> str:
        return self.render("en").removeprefix(f"{self.location()}: ")


class MissingDependencyError(GoalchainError, ImportError):
    """An optional dependency (pandas, matplotlib, openpyxl...) is not installed.

    The message names the extra that installs it (``pip install "malkedja[plot]"``).
    """


class RegistrationError(GoalchainError, ValueError):
    """A registration that is refused: a taken name, an invalid name or object."""


class ProgressionError(InvalidValueError):
    """Annual targets that cannot be derived: steps that miss the target, signs for geometric."""


class UnitError(GoalchainError, ValueError):
    """Base class of unit problems."""


class UnknownUnitError(UnitError):
    """A unit string that the registry cannot read.

    Attributes
    ----------
    unit
        The unit as written.
    reason
        What in it cannot be read (a word, a power, a number), or None when the
        whole text is no unit.
    """

    def __init__(
        self,
        unit: str,
        *,
        element: str | None = None,
        field: str | None = None,
        reason: str | None = None,
    ):
        self.unit = unit
        self.element = element
        self.field = field
        self.reason = reason
        shown = repr(unit) if len(unit) <= 80 else f"{unit[:60]!r}... ({len(unit)} characters)"
        why = f": {reason}" if reason else ""
        super().__init__(
            f"{_where(element, field)}unknown unit {shown}{why}; use a pint unit or a municipal "
            "one such as 'percent' ('%'), 'percentage_point' ('procentenheter'), 'SEK' ('kr'), "
            "'tkr', 'mnkr', 'inhabitant', 'per_1000_inhabitants', 'count', 'day', 'hour'"
        )

    def located(self, *, element: str | None = None, field: str | None = None) -> UnknownUnitError:
        """The same error, saying which element and field the unit belongs to."""
        return UnknownUnitError(self.unit, element=element, field=field, reason=self.reason)


def _where(element: str | None, field: str | None) -> str:
    if element is None:
        return ""
    return f"{element!r}" + (f", field {field!r}" if field else "") + ": "


class AmbiguousUnitError(UnknownUnitError):
    """A unit that means one thing in Sweden and another to pint, refused rather than guessed.

    ``mile`` is 1.609 km in English while a Swedish *mil* is 10 km; a
    ``gallon``, ``pint`` or ``ounce`` is a US or an imperial measure;
    ``points`` may be percentage points, scores or printer's points. An
    :class:`UnknownUnitError` (and a :class:`ValueError`), so code that
    handles units goalchain cannot read handles these too.

    Attributes
    ----------
    unit
        The unit as written (``"5 miles"`` gives ``"miles"``).
    meanings
        What the word can mean (English).
    use
        Unambiguous names to write instead.

    Examples
    --------
    >>> from goalchain.units import parse_unit
    >>> parse_unit("miles")
    Traceback (most recent call last):
    ...
    goalchain.exceptions.AmbiguousUnitError: ambiguous unit 'miles': a mile is 1.609 km in \
English, a Swedish mil 10 km; write one of 'mil' (Swedish mil, 10 km), 'km', 'international_mile'
    """

    def __init__(
        self,
        unit: str,
        *,
        meanings: str,
        use: Iterable[str],
        element: str | None = None,
        field: str | None = None,
    ):
        self.meanings = meanings
        self.use = tuple(use)
        super().__init__(unit, element=element, field=field)
        GoalchainError.__init__(
            self,
            f"{_where(element, field)}ambiguous unit {unit!r}: {meanings}; write one of "
            + ", ".join(self.use),
        )

    def located(
        self, *, element: str | None = None, field: str | None = None
    ) -> AmbiguousUnitError:
        """The same error, saying which element and field the unit belongs to."""
        return AmbiguousUnitError(
            self.unit, meanings=self.meanings, use=self.use, element=element, field=field
        )


class UnitMismatchError(UnitError):
    """A quantity whose unit cannot be converted to the unit it must have."""

    def __init__(self, *, element: str | None, expected: str, got: str, field: str | None = None):
        self.element = element
        self.expected = expected
        self.got = got
        self.field = field
        where = f"indicator {element!r}" if element is not None else "value"
        if field:
            where += f", field {field!r}"
        super().__init__(
            f"{where}: unit {got!r} does not fit {expected!r}; give the value in {expected!r} "
            "or a unit convertible to it"
        )


class FileFormatError(GoalchainError, ValueError):
    """A file that cannot be read as a goal chain: syntax, structure or a field.

    Attributes
    ----------
    file, line, column
        Where the problem is; ``line`` and ``column`` are 1-based and may be None.
    field
        The field (a path such as ``elements[3].baseline``), when known.
    reason
        The message without the location.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ):
        self.field = field
        self.reason = message
        super().__init__(f"{field}: {message}" if field else message)
        self.locate(file=file, line=line, column=column)


class DocumentLimitError(FileFormatError):
    """A YAML or JSON document beyond one of the limits on what goalchain reads.

    See :class:`goalchain.Limits`: the file's size, nesting depth, what YAML
    aliases expand to, the length of a text or the digits of a number. The
    message names the file, the line, the limit and how to raise it.

    Attributes
    ----------
    limit
        The name of the limit (an attribute of :class:`goalchain.Limits`,
        such as ``"max_depth"``).
    maximum
        The limit's value in force.
    """

    def __init__(
        self,
        message: str,
        *,
        limit: str,
        maximum: int,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ):
        self.limit = limit
        self.maximum = maximum
        super().__init__(message, file=file, line=line, column=column, field=field)


class FormatVersionError(FileFormatError):
    """A file written in a format version this goalchain cannot read."""


class KoladaError(GoalchainError, ConnectionError):
    """A Kolada request that failed or a response that cannot be used.

    Raised for an HTTP error, a timeout or lost connection after the retries,
    a response that is not JSON or lacks a field, a ``next_url`` loop, and a
    value missing from the offline cache. Nothing is recorded into a chain
    when it is raised.

    Attributes
    ----------
    url
        The URL requested (or the first one of a paginated request).
    status
        The HTTP status code, when the server answered with one.
    field
        The field of the response that is missing or malformed (a path such as
        ``values[3].period``), when that is the problem.
    reason
        The message without the URL.
    """

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        status: int | None = None,
        field: str | None = None,
    ):
        self.url = url
        self.status = status
        self.field = field
        self.reason = message
        where = f"field {field!r}: " if field else ""
        source = f"Kolada {url}: " if url else "Kolada: "
        super().__init__(source + where + message)


class KoladaConflict(NamedTuple):
    """A value Kolada gives that differs from a measurement already in the chain."""

    indicator: str
    year: int
    gender: str
    chain_value: float
    chain_source: str | None
    kolada_value: float


_CONFLICT_TEXTS = {
    "en": (
        "Kolada's values differ from {n_measurements} already in the chain (nothing was "
        "recorded); pass {replace} to overwrite them: ",
        "{where}: the chain has {old}{source}, Kolada {new}",
        " from {source}",
    ),
    "sv": (
        "Koladas värden skiljer sig från {n_measurements} som redan finns i kedjan (inget "
        "registrerades); ange {replace} för att skriva över dem: ",
        "{where}: kedjan har {old}{source}, Kolada {new}",
        " från {source}",
    ),
}


class KoladaConflictError(DuplicateError):
    """Kolada's values differ from measurements already in the chain; nothing was recorded.

    ``str(error)`` is English with the hint in Python syntax; :meth:`render`
    words it in Swedish (``lang="sv"``) or for the command line (``cli=True``).

    Attributes
    ----------
    conflicts
        Every difference, as :class:`KoladaConflict` (indicator, year, gender,
        the chain's value and its source, Kolada's value).

    Examples
    --------
    >>> from goalchain.exceptions import KoladaConflict, KoladaConflictError
    >>> error = KoladaConflictError([KoladaConflict("i2", 2021, "T", 60.0, "egen", 62.4)])
    >>> print(error)
    Kolada's values differ from 1 measurement already in the chain (nothing was \
recorded); pass replace=True to overwrite them: i2 2021 (T): the chain has 60 from egen, Kolada 62.4
    >>> print(error.render("sv", cli=True))
    Koladas värden skiljer sig från 1 mätvärde som redan finns i kedjan (inget \
registrerades); ange --replace för att skriva över dem: i2 2021 (T): kedjan har 60 från egen, \
Kolada 62,4
    """

    def __init__(self, conflicts: Iterable[KoladaConflict]):
        self.conflicts = tuple(conflicts)
        first = self.conflicts[0].indicator if self.conflicts else None
        super().__init__(self.render("en"), element=first)

    def render(self, lang: str = "en", *, cli: bool = False) -> str:
        """The message in Swedish (``"sv"``) or English (``"en"``), the hint for Python
        (``replace=True``) or the command line (``--replace``)."""
        from ._lang import check_lang, counted
        from .report._format import format_number

        lang = check_lang(lang)
        head, line, source = _CONFLICT_TEXTS[lang]
        items = [
            line.format(
                where=f"{c.indicator} {c.year} ({c.gender})",
                old=format_number(c.chain_value, lang=lang),
                source=source.format(source=c.chain_source) if c.chain_source else "",
                new=format_number(c.kolada_value, lang=lang),
            )
            for c in self.conflicts
        ]
        hint = "--replace" if cli else "replace=True"
        n = len(self.conflicts)
        if lang == "sv":
            n_measurements = counted(n, "mätvärde", "mätvärden")
        else:
            n_measurements = counted(n, "measurement", "measurements")
        return head.format(n_measurements=n_measurements, replace=hint) + "; ".join(items)
