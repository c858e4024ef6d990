"""A parsed file: plain data plus where each value stood in the text.

Both readers (YAML and JSON) produce a :class:`Document`: the data as plain
Python values (dict, list, str, int, float, bool, None, ``datetime.date``) and a
table from each value's *path* (``("elements", 3, "baseline")``) to its line
and column, so that errors found later, while building the chain, can say
where they lie.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..exceptions import FileFormatError

__all__ = [
    "FORMATS",
    "Document",
    "FieldPath",
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
    """

    __slots__ = ("data", "positions", "raw", "source")

    def __init__(
        self,
        data: Any,
        source: str | None = None,
        positions: Mapping[FieldPath, tuple[int, int]] | None = None,
        raw: Mapping[FieldPath, str] | None = None,
    ):
        self.data = data
        self.source = source
        self.positions = dict(positions or {})
        self.raw = dict(raw or {})

    def where(self, path: FieldPath) -> tuple[int | None, int | None]:
        """Line and column of *path*, or of the nearest enclosing value that has one."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found is not None:
                return found
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
    ) -> FileFormatError:
        """A :class:`FileFormatError` about *path*, located at *at* (default *path*)."""
        line, column = self.where(path if at is None else at)
        return cls(
            message,
            file=self.source,
            line=line,
            column=column,
            field=format_path(path) if path else None,
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
        raise FileFormatError(
            f"cannot tell the format of {str(path)!r} from its extension {suffix or '(none)'!r}; "
            "goal chain files end in .yaml, .yml or .json",
            file=source,
        ) from None


def check_format(format: str) -> str:
    """Normalise a ``format=`` argument (``"yaml"``, ``"yml"``, ``"json"``)."""
    from ..exceptions import InvalidValueError

    name = format.lower() if isinstance(format, str) else format
    if name == "yml":
        name = "yaml"
    if name not in FORMATS:
        raise InvalidValueError(
            f"unknown format {format!r}; valid formats: {', '.join(FORMATS)}", field="format"
        )
    return str(name)


def parse_text(text: str, format: str, *, source: str | None = None) -> Document:
    """Parse YAML or JSON text into a :class:`Document`."""
    if not isinstance(text, str):
        raise TypeError(f"expected the text of a file as str, got {type(text).__name__}")
    text = text.removeprefix("\ufeff")
    if check_format(format) == "json":
        from ._json import read_json

        return read_json(text, source=source)
    from ._yaml import read_yaml

    return read_yaml(text, source=source)


def read_document(path: Path, *, format: str | None = None) -> Document:
    """Read a YAML or JSON file (UTF-8) into a :class:`Document`."""
    source = str(path)
    fmt = check_format(format) if format is not None else format_of(path, source=source)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise FileFormatError(
            f"the file is not UTF-8 text (byte {data[err.start]:#04x}); save it as UTF-8",
            file=source,
            line=line,
            column=column,
        ) from err
    return parse_text(text, fmt, source=source)


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index in *text*."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def describe(value: Any) -> str:
    """A short name of a value's type for messages ("a list", "the number 192")."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    return f"a {type(value).__name__}"
