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
from typing import Any, NoReturn

from .._i18n import N_
from ..exceptions import FileFormatError, Message
from ._document import (
    TOO_LARGE,
    TOO_SMALL,
    Document,
    FieldPath,
    LineIndex,
    format_path,
    limit_error,
    line_column,
    thousands,
    too_long,
    too_many_digits,
)
from ._limits import Limits, check_limits

__all__ = ["dump_json", "read_json"]

_Scan = Callable[[str, int], tuple[Any, int]]
_FLOAT_MAX_INT = 1 << 1024  # the smallest whole number a float cannot hold


class _DuplicateKeyError(Exception):
    def __init__(self, key: str, index: int):
        super().__init__(key)
        self.key = key
        self.index = index


class _TooDeepError(Exception):
    def __init__(self, index: int):
        super().__init__(index)
        self.index = index


class _Refused:
    """Stands for a number the decoder met but goalchain refuses; reported with its
    position by the walk after decoding, which knows where each value lies."""

    __slots__ = ("text", "why")

    def __init__(self, why: str, text: str):
        self.why = why
        self.text = text


def _digits(text: str) -> int:
    return sum(char.isdigit() for char in text.partition("e")[0].partition("E")[0])


class _Tracker:
    """Records where each object and array, and each of their values, begins."""

    def __init__(self, limits: Limits) -> None:
        # id(container) -> (index of its first character, indexes of its values in order)
        self.spans: dict[int, tuple[int, list[int]]] = {}
        self.keep: list[Any] = []  # keeps containers alive so that their ids stay unique
        self.stack: list[list[int]] = []
        self.limits = limits
        self.depth = 0

    def enter(self, index: int) -> None:
        self.depth += 1
        if self.depth > self.limits.max_depth:
            raise _TooDeepError(index)

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

        self.enter(s_and_end[1] - 1)
        self.stack.append(children)
        try:
            obj, end = json.decoder.JSONObject(  # type: ignore[attr-defined]
                s_and_end, strict, scan, object_hook, object_pairs_hook, memo
            )
        finally:
            self.stack.pop()
            self.depth -= 1
        self.spans[id(obj)] = (s_and_end[1] - 1, children)
        self.keep.append(obj)
        return obj, end

    def parse_array(self, s_and_end: tuple[str, int], scan_once: _Scan) -> Any:
        children: list[int] = []

        def scan(string: str, index: int) -> tuple[Any, int]:
            children.append(index)
            return scan_once(string, index)

        self.enter(s_and_end[1] - 1)
        try:
            values, end = json.decoder.JSONArray(s_and_end, scan)  # type: ignore[attr-defined]
        finally:
            self.depth -= 1
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

    def parse_int(self, text: str) -> Any:
        if _digits(text) > self.limits.max_number_digits:
            return _Refused("digits", text)
        try:
            value = int(text)
        except ValueError:  # beyond Python's own limit on digits (when the limit is raised)
            return _Refused("digits", text)
        if abs(value) >= _FLOAT_MAX_INT:
            return _Refused("overflow", text)
        return value

    def parse_float(self, text: str) -> Any:
        if _digits(text) > self.limits.max_number_digits:
            return _Refused("digits", text)
        value = float(text)
        if math.isinf(value):
            return _Refused("overflow", text)
        if value == 0.0 and any(
            char in "123456789" for char in text.partition("e")[0].partition("E")[0]
        ):
            return _Refused("underflow", text)
        return value

    def parse_constant(self, name: str) -> Any:
        return _Refused("constant", name)


def _decoder(tracker: _Tracker) -> json.JSONDecoder:
    decoder = json.JSONDecoder(
        object_pairs_hook=tracker.pairs,
        parse_int=tracker.parse_int,
        parse_float=tracker.parse_float,
        parse_constant=tracker.parse_constant,
    )
    decoder.parse_object = tracker.parse_object  # type: ignore[attr-defined]
    decoder.parse_array = tracker.parse_array  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder


def _refusal(refused: _Refused, limits: Limits) -> tuple[Message, str | None]:
    """The message about a refused number, and the limit it broke (or None)."""
    if refused.why == "constant":
        return (
            Message(
                N_(
                    "{text} is not a number JSON allows, and goalchain files hold only "
                    "finite numbers; write a number, or leave the field out"
                ),
                text=refused.text,
            ),
            None,
        )
    if refused.why == "overflow":
        return Message(TOO_LARGE, text=refused.text), None
    if refused.why == "underflow":
        return Message(TOO_SMALL, text=refused.text), None
    return (
        too_many_digits(_shorten(refused.text), _digits(refused.text), limits.max_number_digits),
        "max_number_digits",
    )


def _shorten(text: str, keep: int = 20) -> str:
    return text if len(text) <= 2 * keep + 3 else f"{text[:keep]}...{text[-keep:]}"


def read_json(text: str, *, source: str | None = None, limits: Limits | None = None) -> Document:
    """Parse JSON text into a :class:`Document`, within *limits*.

    Raises
    ------
    FileFormatError
        For malformed JSON (with line and column), duplicate keys, and numbers
        goalchain cannot hold: ``NaN``, ``Infinity``, ``-Infinity`` and numbers
        that overflow or underflow a float (``1e400``, ``1e-400``); with line,
        column and field.
    DocumentLimitError
        For a document beyond *limits*: nested too deeply, a text too long,
        a number with too many digits.
    """
    limits = check_limits(limits)
    tracker = _Tracker(limits)
    try:
        data = _decoder(tracker).decode(text)
    except json.JSONDecodeError as err:
        raise FileFormatError(
            N_("malformed JSON: {reason}"),
            file=source,
            line=err.lineno,
            column=err.colno,
            params={"reason": err.msg},
        ) from err
    except _DuplicateKeyError as err:
        line, column = line_column(text, err.index) if err.index >= 0 else (None, None)
        raise FileFormatError(
            N_("duplicate key {key!r}; each key may appear once in an object"),
            file=source,
            line=line,
            column=column,
            params={"key": err.key},
        ) from None
    except _TooDeepError as err:
        line, column = line_column(text, err.index)
        raise limit_error(
            Message(
                N_("the arrays and objects are nested more than {most} deep"),
                most=thousands(limits.max_depth),
            ),
            "max_depth",
            limits,
            file=source,
            line=line,
            column=column,
        ) from None
    except RecursionError as err:  # a max_depth raised beyond what Python's stack holds
        raise limit_error(
            Message(N_("the JSON is nested too deeply for Python to read")),
            "max_depth",
            limits,
            file=source,
        ) from err
    offsets: dict[FieldPath, int] = {}
    raw: dict[FieldPath, str] = {}
    lines: LineIndex | None = None

    def fail(message: Message, limit: str | None, path: FieldPath, index: int) -> NoReturn:
        nonlocal lines
        if lines is None:
            lines = LineIndex(text)
        line, column = lines.line_column(index)
        field = format_path(path) if path else None
        if limit is None:
            raise FileFormatError(
                message.template,
                file=source,
                line=line,
                column=column,
                field=field,
                params=message.params,
            )
        raise limit_error(
            message, limit, limits, file=source, line=line, column=column, field=field
        )

    longest = limits.max_string_length
    start = len(text) - len(text.lstrip(" \t\n\r"))
    stack: list[tuple[Any, FieldPath, int]] = [(data, (), start)]
    while stack:
        value, path, index = stack.pop()
        offsets[path] = index
        if isinstance(value, (dict, list)):
            _, children = tracker.spans.get(id(value), (index, []))
            if isinstance(value, dict):
                keys: Any = list(value)
                for key in keys:
                    if len(key) > longest:
                        fail(
                            too_long(len(key), longest, key=True),
                            "max_string_length",
                            path,
                            index,
                        )
            else:
                keys = range(len(value))
            for key, child_index in zip(keys, children, strict=False):
                stack.append((value[key], (*path, key), child_index))
        elif isinstance(value, str):
            if len(value) > longest:
                fail(
                    too_long(len(value), longest),
                    "max_string_length",
                    path,
                    index,
                )
        elif isinstance(value, _Refused):
            fail(*_refusal(value, limits), path, index)
        elif isinstance(value, bool):
            raw[path] = "true" if value else "false"
        elif isinstance(value, (int, float)):
            match = json.scanner.NUMBER_RE.match(text, index)
            raw[path] = match.group(0) if match else repr(value)
    return Document(data, source, raw=raw, offsets=offsets, text=text)


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
            N_("JSON cannot hold NaN or infinity; remove the value or write the file as YAML"),
            field=format_path(path) if path is not None else None,
            params={},
        ) from err
