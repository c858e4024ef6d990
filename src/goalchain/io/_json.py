"""JSON through the standard library, with duplicate keys refused and positions kept.

The decoder runs the standard library's pure-Python scanner with the object
and array parsers wrapped, so that each value's position in the text is
known: errors found later (an unknown level, a cycle) then name the line and
column in a JSON file just as in a YAML file.
"""

from __future__ import annotations

import datetime as dt
import json
import json.decoder
import json.scanner
import math
from collections.abc import Callable, Mapping
from typing import Any

from ..exceptions import FileFormatError
from ._document import Document, FieldPath, format_path, line_column

__all__ = ["dump_json", "read_json"]

_Scan = Callable[[str, int], tuple[Any, int]]


class _DuplicateKeyError(Exception):
    def __init__(self, key: str, index: int):
        super().__init__(key)
        self.key = key
        self.index = index


class _Tracker:
    """Records where each object and array, and each of their values, begins."""

    def __init__(self) -> None:
        # id(container) -> (index of its first character, indexes of its values in order)
        self.spans: dict[int, tuple[int, list[int]]] = {}
        self.keep: list[Any] = []  # keeps containers alive so that their ids stay unique
        self.stack: list[list[int]] = []

    def parse_object(
        self,
        s_and_end: tuple[str, int],
        strict: bool,
        scan_once: _Scan,
        object_hook: Any,
        object_pairs_hook: Any,
        memo: Any = None,
    ) -> Any:
        children: list[int] = []

        def scan(string: str, index: int) -> tuple[Any, int]:
            children.append(index)
            return scan_once(string, index)

        self.stack.append(children)
        try:
            obj, end = json.decoder.JSONObject(  # type: ignore[attr-defined]
                s_and_end, strict, scan, object_hook, object_pairs_hook, memo
            )
        finally:
            self.stack.pop()
        self.spans[id(obj)] = (s_and_end[1] - 1, children)
        self.keep.append(obj)
        return obj, end

    def parse_array(self, s_and_end: tuple[str, int], scan_once: _Scan) -> Any:
        children: list[int] = []

        def scan(string: str, index: int) -> tuple[Any, int]:
            children.append(index)
            return scan_once(string, index)

        values, end = json.decoder.JSONArray(s_and_end, scan)  # type: ignore[attr-defined]
        self.spans[id(values)] = (s_and_end[1] - 1, children)
        self.keep.append(values)
        return values, end

    def pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for i, (key, value) in enumerate(pairs):
            if key in out:
                children = self.stack[-1] if self.stack else []
                raise _DuplicateKeyError(key, children[i] if i < len(children) else -1)
            out[key] = value
        return out


def _decoder(tracker: _Tracker) -> json.JSONDecoder:
    decoder = json.JSONDecoder(object_pairs_hook=tracker.pairs)
    decoder.parse_object = tracker.parse_object  # type: ignore[attr-defined]
    decoder.parse_array = tracker.parse_array  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder


def read_json(text: str, *, source: str | None = None) -> Document:
    """Parse JSON text into a :class:`Document`.

    Raises
    ------
    FileFormatError
        For malformed JSON (with line and column) and duplicate keys.
    """
    tracker = _Tracker()
    try:
        data = _decoder(tracker).decode(text)
    except json.JSONDecodeError as err:
        raise FileFormatError(
            f"malformed JSON: {err.msg}", file=source, line=err.lineno, column=err.colno
        ) from err
    except _DuplicateKeyError as err:
        line, column = line_column(text, err.index) if err.index >= 0 else (None, None)
        raise FileFormatError(
            f"duplicate key {err.key!r}; each key may appear once in an object",
            file=source,
            line=line,
            column=column,
        ) from None
    except RecursionError as err:
        raise FileFormatError("the JSON is nested too deeply to read", file=source) from err
    positions: dict[FieldPath, tuple[int, int]] = {}
    raw: dict[FieldPath, str] = {}
    start = len(text) - len(text.lstrip(" \t\n\r"))
    stack: list[tuple[Any, FieldPath, int]] = [(data, (), start)]
    while stack:
        value, path, index = stack.pop()
        positions[path] = line_column(text, index)
        if isinstance(value, (dict, list)):
            _, children = tracker.spans.get(id(value), (index, []))
            keys = list(value) if isinstance(value, dict) else range(len(value))
            for key, child_index in zip(keys, children, strict=False):
                stack.append((value[key], (*path, key), child_index))
        elif isinstance(value, bool):
            raw[path] = "true" if value else "false"
        elif isinstance(value, (int, float)):
            match = json.scanner.NUMBER_RE.match(text, index)
            raw[path] = match.group(0) if match else repr(value)
    return Document(data, source, positions, raw)


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


def _non_finite(value: Any, path: FieldPath) -> FieldPath | None:
    if isinstance(value, float) and not math.isfinite(value):
        return path
    if isinstance(value, Mapping):
        for key, item in value.items():
            found = _non_finite(item, (*path, str(key)))
            if found is not None:
                return found
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            found = _non_finite(item, (*path, i))
            if found is not None:
                return found
    return None


def dump_json(data: Any) -> str:
    """Write plain data as JSON text: indented, Unicode unescaped, dates as ISO strings.

    Raises
    ------
    FileFormatError
        For NaN or infinity, which JSON cannot hold.
    """
    try:
        return (
            json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False, default=_default) + "\n"
        )
    except ValueError as err:
        path = _non_finite(data, ())
        raise FileFormatError(
            "JSON cannot hold NaN or infinity; remove the value or write the file as YAML",
            field=format_path(path) if path is not None else None,
        ) from err
