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
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark *message* for the catalogs (``pybabel extract``); the ground floor's own
    ``goalchain._i18n.N_``, which imports this module."""
    return message


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
    "Message",
    "MissingDependencyError",
    "Number",
    "PeriodError",
    "Plural",
    "ProgressionError",
    "RegistrationError",
    "RollupError",
    "UnitError",
    "UnitMismatchError",
    "UnknownAssessmentMethodError",
    "UnknownCriterionError",
    "UnknownElementError",
    "UnknownGroupError",
    "UnknownLevelError",
    "UnknownLinkError",
    "UnknownMethodError",
    "UnknownModelError",
    "UnknownNameError",
    "UnknownScorerError",
    "UnknownStrategyError",
    "UnknownUnitError",
    "shown",
]


class GoalchainWarning(UserWarning):
    """Base class of warnings goalchain issues (a step against the direction...)."""


def _rendered(value: object, lang: str) -> object:
    """A field of a message in *lang*: a :class:`Message` is worded, anything else kept."""
    return value.render(lang) if isinstance(value, Message) else value


class Message:
    """A message in English with the fields to fill in, worded in a language on request.

    The *template* is English with ``str.format`` fields (``{element!r}``),
    marked for the message catalogs with ``N_``; a field may itself be a
    :class:`Message` (a reason, a kind of name), worded in the same language.
    ``str(message)`` is the English text.

    Examples
    --------
    >>> from goalchain.exceptions import Message
    >>> message = Message("{missing} does not exist", missing="/srv/mål")
    >>> str(message), message.render("en")
    ('/srv/mål does not exist', '/srv/mål does not exist')
    >>> message.render("sv")
    '/srv/mål finns inte'
    """

    __slots__ = ("params", "template")

    def __init__(self, template: str, /, **params: object):
        self.template = template
        self.params = params

    def render(self, lang: str = "en") -> str:
        """The message in *lang* (any language with a catalog), its fields filled in."""
        from ._i18n import check_lang, gettext

        words = gettext(self.template, check_lang(lang))
        return words.format(**{k: _rendered(v, lang) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.template.format(**{k: _rendered(v, "en") for k, v in self.params.items()})

    def __repr__(self) -> str:
        return f"Message({self.template!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return (self.template, self.params) == (other.template, other.params)

    def __hash__(self) -> int:
        return hash(self.template)


class Plural(Message):
    """A message whose words agree with a count, worded in a language on request.

    *singular* and *plural* are English templates (extracted for the catalogs
    as one plural entry: ``pybabel extract -k Plural:1,2``); the language's own
    plural rule picks the form for *n*, which fills the ``{n}`` field. Use it
    as a field of an error's template where a count has a noun.

    Examples
    --------
    >>> from goalchain.exceptions import Plural
    >>> [str(Plural("{n} cell", "{n} cells", n)) for n in (1, 2)]
    ['1 cell', '2 cells']
    >>> Plural("{n} cell", "{n} cells", 2).render("sv")
    '2 celler'
    """

    __slots__ = ("n", "plural")

    def __init__(self, singular: str, plural: str, n: int, /, **params: object):
        super().__init__(singular, **params)
        self.plural = plural
        self.n = n

    def render(self, lang: str = "en") -> str:
        from ._i18n import check_lang, ngettext

        words = ngettext(self.template, self.plural, self.n, check_lang(lang))
        fields = {k: _rendered(v, lang) for k, v in self.params.items()}
        return words.format(n=self.n, **fields)

    def __str__(self) -> str:
        chosen = self.template if self.n == 1 else self.plural
        return chosen.format(n=self.n, **{k: _rendered(v, "en") for k, v in self.params.items()})

    def __repr__(self) -> str:
        return f"Plural({self.template!r}, {self.plural!r}, {self.n!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Plural):
            return NotImplemented
        return (self.template, self.plural, self.n, self.params) == (
            other.template,
            other.plural,
            other.n,
            other.params,
        )

    def __hash__(self) -> int:
        return hash((self.template, self.n))


class Number(Message):
    """A number inside a message: in English as Python's ``format(value, spec)``
    writes it, in another language with the same digits and the language's own
    decimal sign, group separator and minus sign (CLDR, from the ground floor's
    conventions).

    The one way goalchain writes a number into a message: ``spec`` says how many
    digits (``"g"``, ``".10g"`` for a cell's value as written, ``"+g"`` for a gap,
    ``","`` for a count grouped by thousands, ``".0%"`` for a share).

    Examples
    --------
    >>> from goalchain.exceptions import Number
    >>> str(Number(-1234.5)), Number(-1234.5).render("sv")
    ('-1234.5', '−1234,5')
    >>> str(Number(1048576, ",")), Number(1048576, ",").render("sv")
    ('1,048,576', '1 048 576')
    """

    __slots__ = ("spec", "value")

    def __init__(self, value: float, spec: str = "g"):
        super().__init__("{value}")
        self.value = value
        self.spec = spec

    def render(self, lang: str = "en") -> str:
        """The number in *lang* (any language with a catalog)."""
        from ._i18n import check_lang
        from ._i18n._numbers import conventions, localised_digits

        return localised_digits(str(self), conventions(check_lang(lang)).digits)

    def __str__(self) -> str:
        return format(self.value, self.spec)

    def __repr__(self) -> str:
        return f"Number({self.value!r}, {self.spec!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Number):
            return NotImplemented
        return (self.value, self.spec) == (other.value, other.spec)

    def __hash__(self) -> int:
        return hash((self.value, self.spec))


def shown(value: object) -> Message | str:
    """*value* as a message names it: its ``repr``, cut to its start when long (a
    message names a value, never repeats a page of it), and a huge integer by its
    size (Python refuses to write an int of more than 4,300 digits).

    The one way goalchain shows a value a user gave inside a message.

    Examples
    --------
    >>> from goalchain.exceptions import shown
    >>> shown("2024-T9"), shown(12.5)
    ("'2024-T9'", '12.5')
    >>> long = shown("x" * 100)
    >>> str(long)[-22:], long.render("sv")[-18:]
    ("x'... (100 characters)", "x'... (100 tecken)")
    >>> str(shown(10**100))
    '<an integer of about 101 digits>'
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        digits = int(value.bit_length() * 0.30103) + 1
        return Message(N_("<an integer of about {digits} digits>"), digits=digits)
    if isinstance(value, str):
        if len(value) <= 80:
            return repr(value)
        return Message(N_("{start}... ({n} characters)"), start=repr(value[:60]), n=len(value))
    try:
        text = repr(value)
    except ValueError:  # a container holding a huge int
        return Message(N_("<a {kind} too large to show>"), kind=type(value).__name__)
    if len(text) <= 80:
        return text
    return Message(N_("{start}... ({n} characters)"), start=text[:60], n=len(text))


class GoalchainError(Exception):
    """Base class of every error goalchain raises on purpose.

    An error raised with a message *template* and its fields
    (``GoalchainError(N_("unknown level {level!r}"), params={"level": "kf"})``)
    keeps both beside its English ``str()``, and :meth:`render` words it in any
    language goalchain speaks; an error raised with a plain English message
    renders as that message in every language.

    Attributes
    ----------
    file, line, column
        Where in a file the problem lies, when it came from a file (line and
        column are 1-based). ``str(error)`` starts with ``file:line:column:``.
    template
        The English message with its ``str.format`` fields, or None when the
        error was raised with a plain message.
    params
        The fields of *template* (element, file, field, valid values...).

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Exempel")
    >>> try:
    ...     chain.add_goal("vision", "Vision", level="vision", parents={"vision": 1})
    ... except gc.GoalchainError as err:
    ...     error = err
    >>> print(error)
    no element with id 'vision' in the chain (named as parent of 'vision')
    >>> print(error.render("sv"))
    inget element med id 'vision' i kedjan (angivet som förälder till 'vision')
    >>> error.template
    'no element with id {element!r} in the chain{where}{hint}'
    >>> from goalchain.exceptions import InvalidValueError
    >>> error = InvalidValueError(
    ...     "an element's id cannot be changed; add a new element",
    ...     element="kf1",
    ...     field="id",
    ...     params={},
    ... )
    >>> print(error.render("sv"))
    'kf1', fältet 'id': ett elements id kan inte ändras; lägg till ett nytt element
    """

    file: str | None = None
    line: int | None = None
    column: int | None = None
    template: str | None = None
    params: Mapping[str, Any] = MappingProxyType({})

    def __init__(self, *args: object, params: Mapping[str, object] | None = None):
        if params is not None and args and isinstance(args[0], str):
            self.template = args[0]
            self.params = dict(params)
            args = (str(Message(args[0], **self.params)), *args[1:])
        super().__init__(*args)

    def _words(self, template: str, **params: object) -> str:
        """Keep *template* and *params* as this error's message; returns the English text."""
        self.template = template
        self.params = params
        return str(Message(template, **params))

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

    def _text_in(self, lang: str) -> str:
        """The message without its location, in *lang* (English when it has no template)."""
        if self.template is None:
            return self._text()
        return Message(self.template, **self.params).render(lang)

    def render(self, lang: str = "en") -> str:
        """The message in *lang* (any language goalchain speaks), starting with its location.

        ``render("en")`` is ``str(error)``. An error raised with a plain English
        message (no template) is that message in every language.
        """
        from ._i18n import check_lang

        text = self._text_in(check_lang(lang))
        where = self.location()
        return f"{where}: {text}" if where else text

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self._text()}" if where else self._text()


_FIELD = N_("field {field!r}: ")
_ELEMENT_FIELD = N_("{element!r}, field {field!r}: ")


def _prefix(element: str | None, field: str | None, lang: str) -> str:
    """The standard start of a message about an element's field, in *lang*."""
    if element is not None and field is not None:
        return Message(_ELEMENT_FIELD, element=element, field=field).render(lang)
    if element is not None:
        return f"{element!r}: "
    if field is not None:
        return Message(_FIELD, field=field).render(lang)
    return ""


class InvalidValueError(GoalchainError, ValueError):
    """A value that cannot be accepted: NaN, infinite, negative weight, bad choice.

    Parameters
    ----------
    message
        What is wrong and what would be valid (a template with *params*).
    element
        The id of the element the value belongs to, when known.
    field
        The name of the field, when known.
    params
        The fields of *message* when it is a template (see :class:`GoalchainError`).
    """

    def __init__(
        self,
        message: str,
        *,
        element: str | None = None,
        field: str | None = None,
        params: Mapping[str, object] | None = None,
    ):
        self.element = element
        self.field = field
        if params is not None:
            message = self._words(message, **params)
        self.reason = message
        super().__init__(_prefix(element, field, "en") + message)

    def _text_in(self, lang: str) -> str:
        if self.template is None:
            return self._text()
        body = Message(self.template, **self.params).render(lang)
        return _prefix(self.element, self.field, lang) + body


class PeriodError(InvalidValueError):
    """A period or year that cannot be parsed or lies out of range."""


class DuplicateError(GoalchainError, ValueError):
    """An id (or measurement) that already exists."""

    def __init__(
        self,
        message: str,
        *,
        element: str | None = None,
        params: Mapping[str, object] | None = None,
    ):
        self.element = element
        super().__init__(message, params=params)


def _known_hint(known: Sequence[str]) -> Message | str:
    if not known:
        return ""
    shown = ", ".join(repr(k) for k in known[:10])
    if len(known) > 10:
        return Message(
            N_("; known ids: {shown} and {more} more"), shown=shown, more=len(known) - 10
        )
    return Message(N_("; known ids: {shown}"), shown=shown)


class UnknownElementError(GoalchainError, KeyError):
    """An id that names no element of the chain."""

    def __init__(self, element: str, *, known: Iterable[str] = (), context: str | Message = ""):
        self.element = element
        hint = _known_hint(sorted(known))
        where: Message | str = Message(" ({context})", context=context) if context else ""
        self.message = self._words(
            N_("no element with id {element!r} in the chain{where}{hint}"),
            element=element,
            where=where,
            hint=hint,
        )
        super().__init__(self.message)

    def _text(self) -> str:  # KeyError would repr() the message
        return self.message


class UnknownLinkError(GoalchainError, KeyError):
    """A link (edge) that does not exist between two elements."""

    def __init__(self, parent: str, child: str):
        self.parent = parent
        self.child = child
        self.message = self._words(
            N_("there is no link {parent!r} -> {child!r} in the chain"), parent=parent, child=child
        )
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
        super().__init__(
            self._words(
                N_(
                    "linking {parent!r} -> {child!r} would close the cycle {path}; "
                    "a goal chain must not loop back on itself"
                ),
                parent=self.cycle[0],
                child=self.cycle[1],
                path=" -> ".join(self.cycle),
            )
        )


class LevelError(GoalchainError, ValueError):
    """A link or element that breaks the governance model's level rules."""

    def __init__(
        self,
        message: str,
        *,
        element: str | None = None,
        params: Mapping[str, object] | None = None,
    ):
        self.element = element
        super().__init__(message, params=params)


class UnknownLevelError(LevelError, LookupError):
    """A level key that the governance model does not have."""

    def __init__(self, level: str, *, model: str, known: Iterable[str], element: str | None = None):
        self.level = level
        self.known = tuple(known)
        where = f"{element!r}: " if element is not None else ""
        super().__init__(
            N_(
                "{where}unknown level {level!r} in governance model {model!r}; "
                "valid levels: {valid}"
            ),
            element=element,
            params={"where": where, "level": level, "model": model, "valid": ", ".join(self.known)},
        )


class UnknownModelError(GoalchainError, LookupError):
    """A governance model name that is not a preset."""

    def __init__(self, name: str, *, known: Iterable[str]):
        self.name = name
        self.known = tuple(sorted(known))
        super().__init__(
            self._words(
                N_(
                    "unknown governance model {name!r}; presets: {valid} "
                    "(or pass a GovernanceModel)"
                ),
                name=name,
                valid=", ".join(self.known),
            )
        )


_NAME_KINDS = (
    N_("progression method"),
    N_("assessment method"),
    N_("roll-up strategy"),
    N_("leaf scorer"),
    N_("SMART criterion"),
)
"""The kinds of registered names goalchain's registries hold, in the catalogs (a
registry of another kind is named as its code names it)."""

_NONE = N_("none")
"""What :class:`UnknownNameError` says when nothing is registered."""


class UnknownNameError(GoalchainError, LookupError):
    """A name that no registry entry has (a progression method, a roll-up strategy...).

    Attributes
    ----------
    kind
        What was looked up (``"progression method"``); worded in a language
        when the catalogs have it.
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
        super().__init__(
            self._words(
                N_("{where}unknown {kind} {name!r}; registered: {valid}"),
                where=Message(_FIELD, field=field) if field is not None else "",
                kind=Message(kind),
                name=name,
                valid=", ".join(self.known) or Message(_NONE),
            )
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

    def __init__(
        self,
        message: str,
        *,
        element: str | None = None,
        strategy: str | None = None,
        params: Mapping[str, object] | None = None,
    ):
        self.element = element
        self.strategy = strategy
        super().__init__(message, params=params)


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
            why: Message = (
                Message(N_("it is a file"))
                if missing == directory
                else Message(N_("{missing} is a file"), missing=missing)
            )
        elif missing != directory:
            why = Message(N_("{missing} does not exist"), missing=missing)
        else:
            why = Message(N_("it does not exist"))
        self.message = self._words(
            N_(
                "cannot write the file: no directory {directory} ({why}); create the "
                "directory first, or write the file elsewhere"
            ),
            directory=directory,
            why=why,
        )

    def _text(self) -> str:
        return self.message


_WRITE_REASONS: dict[tuple[int, ...], str] = {
    (errno.EACCES, errno.EPERM): N_("no permission to write in {directory}"),
    (errno.EROFS,): N_("the file system of {directory} is read-only"),
    (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)): N_("the disk is full"),
    (errno.EISDIR,): N_("it is a directory"),
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
        More about what was left behind, a :class:`Message` worded in the
        error's language, or None (a data file written beside a structure file
        that could not be switched to it).

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
        detail: Message | None = None,
    ):
        super().__init__(errno_, strerror or "cannot write", path)
        self.directory = os.path.dirname(os.path.abspath(path))
        self.detail = detail
        self.locate(file=path)
        reason: Message | str = self.strerror or ""
        for codes, template in _WRITE_REASONS.items():
            if self.errno in codes:
                reason = Message(template, directory=self.directory)
                break
        tail = Message(N_("the file is unchanged")) if detail is None else detail
        self.message = self._words(
            N_("cannot write the file: {reason}; {tail}"), reason=reason, tail=tail
        )

    def _text(self) -> str:
        return self.message


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
        What in it cannot be read (a word, a power, a number), a text or a
        :class:`Message` worded in the error's language, or None when the whole
        text is no unit.
    """

    def __init__(
        self,
        unit: str,
        *,
        element: str | None = None,
        field: str | None = None,
        reason: str | Message | None = None,
    ):
        self.unit = unit
        self.element = element
        self.field = field
        self.reason = reason
        shown: Message | str = repr(unit)
        if len(unit) > 80:
            shown = Message(N_("{start}... ({n} characters)"), start=repr(unit[:60]), n=len(unit))
        super().__init__(
            self._words(
                N_(
                    "{where}unknown unit {shown}{why}; use a pint unit or a municipal one such "
                    "as 'percent' ('%'), 'percentage_point' ('procentenheter'), 'SEK' ('kr'), "
                    "'tkr', 'mnkr', 'inhabitant', 'per_1000_inhabitants', 'count', 'day', 'hour'"
                ),
                where=_where(element, field),
                shown=shown,
                why=Message(": {reason}", reason=reason) if reason else "",
            )
        )

    def located(self, *, element: str | None = None, field: str | None = None) -> UnknownUnitError:
        """The same error, saying which element and field the unit belongs to."""
        return UnknownUnitError(self.unit, element=element, field=field, reason=self.reason)


def _joined(items: Sequence[str | Message]) -> Message:
    """*items* joined by commas, each worded in the message's language."""
    template = ", ".join(f"{{item{i}}}" for i in range(len(items)))
    return Message(template, **{f"item{i}": item for i, item in enumerate(items)})


def _where(element: str | None, field: str | None) -> Message | str:
    if element is None:
        return ""
    if field:
        return Message(_ELEMENT_FIELD, element=element, field=field)
    return f"{element!r}: "


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
        What the word can mean (English; the error renders it in its language).
    use
        Unambiguous names to write instead (English).

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
        meanings: str | Message,
        use: Iterable[str | Message],
        element: str | None = None,
        field: str | None = None,
    ):
        self._meanings = meanings
        self._use = tuple(use)
        self.meanings = str(meanings)
        self.use = tuple(str(name) for name in self._use)
        super().__init__(unit, element=element, field=field)
        GoalchainError.__init__(
            self,
            self._words(
                N_("{where}ambiguous unit {unit!r}: {meanings}; write one of {use}"),
                where=_where(element, field),
                unit=unit,
                meanings=meanings,
                use=_joined(self._use),
            ),
        )

    def located(
        self, *, element: str | None = None, field: str | None = None
    ) -> AmbiguousUnitError:
        """The same error, saying which element and field the unit belongs to."""
        return AmbiguousUnitError(
            self.unit, meanings=self._meanings, use=self._use, element=element, field=field
        )


class UnitMismatchError(UnitError):
    """A quantity whose unit cannot be converted to the unit it must have."""

    def __init__(self, *, element: str | None, expected: str, got: str, field: str | None = None):
        self.element = element
        self.expected = expected
        self.got = got
        self.field = field
        if element is not None and field:
            where = Message(
                N_("indicator {element!r}, field {field!r}"), element=element, field=field
            )
        elif element is not None:
            where = Message(N_("indicator {element!r}"), element=element)
        elif field:
            where = Message(N_("value, field {field!r}"), field=field)
        else:
            where = Message(N_("value"))
        super().__init__(
            self._words(
                N_(
                    "{where}: unit {got!r} does not fit {expected!r}; give the value in "
                    "{expected!r} or a unit convertible to it"
                ),
                where=where,
                got=got,
                expected=expected,
            )
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
        params: Mapping[str, object] | None = None,
    ):
        self.field = field
        if params is not None:
            message = self._words(message, **params)
        self.reason = message
        super().__init__(f"{field}: {message}" if field else message)
        self.locate(file=file, line=line, column=column)

    def _text_in(self, lang: str) -> str:
        text = super()._text_in(lang)
        if self.template is not None and self.field:
            return f"{self.field}: {text}"
        return text


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
        params: Mapping[str, object] | None = None,
    ):
        self.url = url
        self.status = status
        self.field = field
        if params is not None:
            message = self._words(message, **params)
        self.reason = message
        super().__init__(self._source("en") + message)

    def _source(self, lang: str) -> str:
        source = f"Kolada {self.url}: " if self.url else "Kolada: "
        return source + _prefix(None, self.field or None, lang)

    def _text_in(self, lang: str) -> str:
        if self.template is None:
            return self._text()
        return self._source(lang) + Message(self.template, **self.params).render(lang)


class UnknownGroupError(GoalchainError, LookupError):
    """A Kolada municipality group asked for by an id or a title that no group has.

    Attributes
    ----------
    group
        The id or title asked for.
    close
        The ids and titles of the groups closest to it (at most five), maybe none.
    """

    def __init__(self, group: str, *, close: Iterable[str] = ()):
        self.group = group
        self.close = tuple(close)
        if self.close:
            words = self._words(
                N_("no Kolada municipality group has the id or title {group!r}; close: {close}"),
                group=group,
                close="; ".join(self.close),
            )
        else:
            words = self._words(
                N_(
                    "no Kolada municipality group has the id or title {group!r}, nor one close "
                    "to it; give a group id such as 'G35889' or a title as Kolada writes it"
                ),
                group=group,
            )
        super().__init__(words)


class KoladaConflict(NamedTuple):
    """A value Kolada gives that differs from a measurement already in the chain."""

    indicator: str
    year: int
    gender: str
    chain_value: float
    chain_source: str | None
    kolada_value: float


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
        """The message in *lang* (any language goalchain speaks), the hint for Python
        (``replace=True``) or the command line (``--replace``)."""
        from ._i18n import check_lang, format_number, gettext, ngettext

        lang = check_lang(lang)
        items = [
            gettext(N_("{where}: the chain has {old}{source}, Kolada {new}"), lang).format(
                where=f"{c.indicator} {c.year} ({c.gender})",
                old=format_number(c.chain_value, lang=lang),
                source=(
                    gettext(N_(" from {source}"), lang).format(source=c.chain_source)
                    if c.chain_source
                    else ""
                ),
                new=format_number(c.kolada_value, lang=lang),
            )
            for c in self.conflicts
        ]
        n = len(self.conflicts)
        head = ngettext(
            "Kolada's values differ from {n} measurement already in the chain (nothing was "
            "recorded); pass {replace} to overwrite them: ",
            "Kolada's values differ from {n} measurements already in the chain (nothing was "
            "recorded); pass {replace} to overwrite them: ",
            n,
            lang,
        )
        hint = "--replace" if cli else "replace=True"
        return head.format(n=n, replace=hint) + "; ".join(items)

    def _text_in(self, lang: str) -> str:
        return self.render(lang)
