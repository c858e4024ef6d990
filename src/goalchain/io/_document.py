"""A parsed file: plain data plus where each value stood in the text.

Both readers (YAML and JSON) produce a :class:`Document`: the data as plain
Python values (dict, list, str, int, float, bool, None, ``datetime.date``) and a
table from each value's *path* (``("elements", 3, "baseline")``) to its line
and column, so that errors found later, while building the chain, can say
where they lie.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._i18n import N_
from ..exceptions import DocumentLimitError, FileFormatError, Message
from ._limits import Limits, check_limits

__all__ = [
    "FORMATS",
    "Document",
    "FieldPath",
    "LineIndex",
    "format_of",
    "format_path",
    "parse_text",
    "read_document",
]

FieldPath = tuple[str | int, ...]
"""Where a value lies in a document: keys and list indexes from the top."""

FORMATS = ("yaml", "json")
_EXTENSIONS = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def format_path(path: FieldPath) -> str:
    """Write a path the way error messages show it: ``elements[3].baseline``.

    Examples
    --------
    >>> from goalchain.io._document import format_path
    >>> format_path(("elements", 3, "baseline"))
    'elements[3].baseline'
    >>> format_path(())
    '<top level>'
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "<top level>"


class Document:
    """Plain data read from a file, with the line and column of each value.

    Parameters
    ----------
    data
        The plain data.
    source
        The file name shown in errors, or None.
    positions
        Path -> (line, column), both 1-based, of the values that have one.
    raw
        Path -> the text as written, for scalars that were read as something
        other than text (``0192`` read as the number 192).
    offsets
        Path -> index of the value's first character in *text*, for readers
        that know indexes rather than lines (JSON): turned into a line and
        column only when asked, from a :class:`LineIndex` built once.
    text
        The text *offsets* point into.
    """

    __slots__ = ("_lines", "data", "offsets", "positions", "raw", "source", "text")

    def __init__(
        self,
        data: Any,
        source: str | None = None,
        positions: Mapping[FieldPath, tuple[int, int]] | None = None,
        raw: Mapping[FieldPath, str] | None = None,
        *,
        offsets: Mapping[FieldPath, int] | None = None,
        text: str | None = None,
    ):
        self.data = data
        self.source = source
        self.positions = dict(positions or {})
        self.raw = dict(raw or {})
        self.offsets = dict(offsets or {}) if text is not None else {}
        self.text = text
        self._lines: LineIndex | None = None

    def where(self, path: FieldPath) -> tuple[int | None, int | None]:
        """Line and column of *path*, or of the nearest enclosing value that has one."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found is not None:
                return found
            offset = self.offsets.get(path[:end])
            if offset is not None and self.text is not None:
                if self._lines is None:
                    self._lines = LineIndex(self.text)
                return self._lines.line_column(offset)
        return None, None

    def raw_text(self, path: FieldPath) -> str | None:
        """The text of a scalar as written in the file, when known."""
        return self.raw.get(path)

    def error(
        self,
        message: str,
        path: FieldPath,
        *,
        cls: type[FileFormatError] = FileFormatError,
        at: FieldPath | None = None,
        params: Mapping[str, object] | None = None,
    ) -> FileFormatError:
        """A :class:`FileFormatError` about *path*, located at *at* (default *path*).

        *message* is a template with the fields *params* (see
        :class:`~goalchain.exceptions.GoalchainError`), worded in any language.
        """
        line, column = self.where(path if at is None else at)
        return cls(
            message,
            file=self.source,
            line=line,
            column=column,
            field=format_path(path) if path else None,
            params=params,
        )


def format_of(path: str | Path, *, source: str | None = None) -> str:
    """``"yaml"`` or ``"json"`` from a file name's extension.

    Raises
    ------
    FileFormatError
        For any other extension.
    """
    suffix = Path(path).suffix.lower()
    try:
        return _EXTENSIONS[suffix]
    except KeyError:
        template = (
            N_(
                "cannot tell the format of {path!r} from its extension {suffix!r}; "
                "goal chain files end in .yaml, .yml or .json"
            )
            if suffix
            else N_(
                "cannot tell the format of {path!r} from its extension '(none)'; "
                "goal chain files end in .yaml, .yml or .json"
            )
        )
        raise FileFormatError(
            template, file=source, params={"path": str(path), "suffix": suffix}
        ) from None


def check_format(format: str) -> str:
    """Normalise a ``format=`` argument (``"yaml"``, ``"yml"``, ``"json"``)."""
    from ..exceptions import InvalidValueError

    name = format.lower() if isinstance(format, str) else format
    if name == "yml":
        name = "yaml"
    if name not in FORMATS:
        raise InvalidValueError(
            N_("unknown format {format!r}; valid formats: {formats}"),
            field="format",
            params={"format": format, "formats": ", ".join(FORMATS)},
        )
    return str(name)


def thousands(n: int) -> str:
    """*n* with a space between thousands, as Swedish and the SI write it: ``100 000``."""
    return f"{n:,}".replace(",", " ")


#: A number beyond what a float holds, or one a float would read as 0 (``{text}`` as written).
TOO_LARGE = N_(
    "the number {text} is too large for a number goalchain can hold (the largest is about "
    "1.8e308); write a smaller number, or text in quotes"
)
TOO_SMALL = N_(
    "the number {text} is too small to hold: it would be read as 0 (the smallest is about "
    "5e-324); write 0, or text in quotes"
)


def too_long(length: int, most: int, *, key: bool = False) -> Message:
    """A text (or a key) of *length* characters, more than *most*."""
    template = (
        N_("a key is {length} characters long, more than {most}")
        if key
        else N_("the text is {length} characters long, more than {most}")
    )
    return Message(template, length=thousands(length), most=thousands(most))


def too_many_digits(shown: str, digits: int, most: int) -> Message:
    """The number *shown* has *digits* digits, more than *most*."""
    return Message(
        N_("the number {shown} has {digits} digits, more than {most}"),
        shown=shown,
        digits=thousands(digits),
        most=thousands(most),
    )


def limit_error(
    what: Message,
    limit: str,
    limits: Limits,
    *,
    file: str | None,
    line: int | None = None,
    column: int | None = None,
    field: str | None = None,
) -> DocumentLimitError:
    """A :class:`DocumentLimitError`: *what* the document does, and how to raise the limit."""
    maximum: int = getattr(limits, limit)
    template = N_(
        "{what}, the limit {limit}; to read the file all the same, raise it: "
        "limits=goalchain.Limits({limit}=...)"
    )
    error = DocumentLimitError(
        str(Message(template, what=what, limit=limit)),
        limit=limit,
        maximum=maximum,
        file=file,
        line=line,
        column=column,
        field=field,
    )
    # DocumentLimitError takes no params= (yet): the template and fields are kept after
    # the fact, so that render() words the message in any language
    error._words(template, what=what, limit=limit)
    return error


def parse_text(
    text: str, format: str, *, source: str | None = None, limits: Limits | None = None
) -> Document:
    """Parse YAML or JSON text into a :class:`Document`, within *limits*.

    Raises
    ------
    DocumentLimitError
        When the text is longer than ``limits.max_file_bytes`` characters, or
        beyond another limit while read.
    FileFormatError
        For malformed YAML or JSON.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected the text of a file as str, got {type(text).__name__}")
    limits = check_limits(limits)
    if len(text) > limits.max_file_bytes:
        raise limit_error(
            too_long(len(text), limits.max_file_bytes), "max_file_bytes", limits, file=source
        )
    text = text.removeprefix("\ufeff")
    if check_format(format) == "json":
        from ._json import read_json

        return read_json(text, source=source, limits=limits)
    from ._yaml import read_yaml

    return read_yaml(text, source=source, limits=limits)


def _read_bytes(path: Path, limits: Limits) -> bytes:
    """The bytes of *path*, refused before reading when more than the limit allows."""
    source = str(path)

    def too_big(size: int | None) -> DocumentLimitError:
        """The file has *size* bytes (None: more than the limit, how many unknown)."""
        most = thousands(limits.max_file_bytes)
        what = (
            Message(
                N_("the file is {size} bytes, more than {most}"), size=thousands(size), most=most
            )
            if size is not None
            else Message(N_("the file is more than {most} bytes, more than {most}"), most=most)
        )
        return limit_error(what, "max_file_bytes", limits, file=source)

    chunks: list[bytes] = []
    total = 0
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISREG(info.st_mode):
            if info.st_size > limits.max_file_bytes:
                raise too_big(info.st_size)
            # read() of the limit would reserve the whole limit in memory at once
            chunks.append(handle.read(info.st_size + 1))
            total = len(chunks[0])
            if total <= info.st_size:  # the whole file
                return chunks[0]
        while total <= limits.max_file_bytes:  # a pipe, or a file that grew meanwhile
            chunk = handle.read(min(1 << 20, limits.max_file_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        data = b"".join(chunks)
    if len(data) > limits.max_file_bytes:  # grew meanwhile, or not a regular file
        raise too_big(None)
    return data


def read_document(
    path: Path, *, format: str | None = None, limits: Limits | None = None
) -> Document:
    """Read a YAML or JSON file (UTF-8) into a :class:`Document`, within *limits*.

    The file's size is checked before it is read.
    """
    source = str(path)
    fmt = check_format(format) if format is not None else format_of(path, source=source)
    limits = check_limits(limits)
    data = _read_bytes(path, limits)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise FileFormatError(
            N_("the file is not UTF-8 text (byte {byte:#04x}); save it as UTF-8"),
            file=source,
            line=line,
            column=column,
            params={"byte": data[err.start]},
        ) from err
    return parse_text(text, fmt, source=source, limits=limits)


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index in *text* (for one position;
    for many in the same text, use a :class:`LineIndex`)."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


class LineIndex:
    """Line and column of any character index in a text, from the line starts found once.

    Building it takes one pass over the text; each lookup a binary search, so
    locating many values costs time linear in the text, not quadratic.

    Examples
    --------
    >>> from goalchain.io._document import LineIndex
    >>> index = LineIndex("ab\\ncd\\n\\nef")
    >>> index.line_column(0), index.line_column(4), index.line_column(7)
    ((1, 1), (2, 2), (4, 1))
    """

    __slots__ = ("_starts",)

    def __init__(self, text: str):
        starts = [0]
        find = text.find
        at = find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = find("\n", at + 1)
        self._starts = starts

    def line_column(self, index: int) -> tuple[int, int]:
        """1-based line and column of the character at *index*."""
        line = bisect.bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1


def describe(value: Any) -> Message:
    """A short name of a value's type for messages ("a list", "the number 192").

    A :class:`~goalchain.exceptions.Message`, worded in the language of the
    message it is a field of; ``str()`` is the English.

    Examples
    --------
    >>> from goalchain.io._document import describe
    >>> str(describe(192)), describe([1]).render("sv")
    ('the number 192', 'en lista')
    """
    if value is None:
        return Message(N_("nothing (null)"))
    if isinstance(value, bool):
        return Message(N_("the boolean {value}"), value=str(value).lower())
    if isinstance(value, (int, float)):
        return Message(N_("the number {value!r}"), value=value)
    if isinstance(value, dt.datetime):
        return Message(N_("the date and time {value}"), value=value.isoformat())
    if isinstance(value, dt.date):
        return Message(N_("the date {value}"), value=value.isoformat())
    if isinstance(value, str):
        return Message(N_("the text {value!r}"), value=value)
    if isinstance(value, Mapping):
        return Message(N_("a mapping"))
    if isinstance(value, (list, tuple)):
        return Message(N_("a list"))
    return Message(N_("a {type}"), type=type(value).__name__)
