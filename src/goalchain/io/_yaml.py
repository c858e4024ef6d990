"""YAML: safe reading with line and column, and deterministic, readable writing.

Reading composes the text into ruamel.yaml's node graph (which constructs
nothing) and converts the nodes to plain Python values here, so no input can
run code or build objects. Only the standard tags of plain data are accepted;
every other tag (``!!python/...``, ``!custom``) is refused with its line and
column, and so are duplicate keys. The document is read as YAML 1.2; a
``%YAML`` line naming another version is refused. While composing, the depth
of nesting and what each alias expands to are counted against the
:class:`~goalchain.io.Limits` (so an alias bomb is refused before it is
expanded); while converting, the length of each text and the digits of each
number. Numbers a float cannot hold (``.inf``, ``.nan``, ``1e400``) are refused.

Writing emits YAML 1.2 that YAML 1.1 readers read the same way too: text that
a 1.1 or 1.2 reader would take for something else (``yes``, ``0192``, ``1:20``,
``2024-01-01``) is quoted, and floats always carry a decimal point. Text with line
breaks becomes a literal block; long text is folded at about 100 characters,
except double-quoted text, which stays on one line.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NoReturn

from .._i18n import N_
from ..exceptions import FileFormatError, Message
from ._document import (
    TOO_LARGE,
    TOO_SMALL,
    Document,
    FieldPath,
    format_path,
    limit_error,
    line_column,
    thousands,
    too_long,
    too_many_digits,
)
from ._limits import Limits, check_limits

if TYPE_CHECKING:
    from ruamel.yaml.nodes import Node

__all__ = ["dump_yaml", "read_yaml"]

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_MAP_TAG = f"{_CORE}map"
_SEQ_TAG = f"{_CORE}seq"
_MERGE_TAG = f"{_CORE}merge"

_TIMESTAMP = re.compile(
    r"""^(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})
    (?:(?:[Tt]|[ \t]+)(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})
       (?:\.(?P<fraction>[0-9]*))?
       (?:[ \t]*(?P<tz>Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?$""",
    re.VERBOSE,
)
_DIGITS = re.compile(r"^[0-9]+$")
_DIRECTIVE = re.compile(r"%YAML(?:[ \t]+(\S*))?")
_DIRECTIVES_MAY_FOLLOW = re.compile(r"\s*[%#]")
_TOO_DEEP_FOR_PYTHON = Message(N_("the YAML is nested too deeply for Python to read"))


def _nested(most: int) -> Message:
    return Message(
        N_("the lists and mappings are nested more than {most} deep"), most=thousands(most)
    )


def _expand_values(most: int) -> Message:
    return Message(
        N_("the aliases in the document expand to more than {most} values"), most=thousands(most)
    )


_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_FLOAT_MAX_INT = 1 << 1024  # the smallest whole number a float cannot hold
_STACK_DEPTH = 1000  # nesting that no Python stack composes, whatever max_depth says
_TRAILING_SPACES = re.compile(r" +\n")
_SPACE_AT_LINE_END = re.compile(r" (?:\n|$)")


def _tag_of(node: Node) -> str:
    tag = node.tag
    if not isinstance(tag, str):  # some ruamel.yaml versions wrap it in a Tag object
        tag = getattr(tag, "value", None) or str(tag)
    return str(tag)


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


class _Converter:
    """Turns a composed node graph into plain values, recording positions."""

    def __init__(self, source: str | None, limits: Limits):
        self.source = source
        self.limits = limits
        self.positions: dict[FieldPath, tuple[int, int]] = {}
        self.raw: dict[FieldPath, str] = {}
        self.seen: set[int] = set()
        self.expanded = 0  # values produced by repeating an anchored node through an alias
        self.alias_depth = 0
        self.active: set[int] = set()

    def fail(
        self, message: str, node: Node, path: FieldPath | None = None, **params: object
    ) -> NoReturn:
        """Raise the error about *node*: *message* a template (``N_``), *params* its fields."""
        raise FileFormatError(
            message,
            file=self.source,
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
            field=format_path(path) if path else None,
            params=params,
        )

    def beyond(self, message: Message, limit: str, node: Node, path: FieldPath | None) -> NoReturn:
        raise limit_error(
            message,
            limit,
            self.limits,
            file=self.source,
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
            field=format_path(path) if path else None,
        )

    def convert(self, node: Node, path: FieldPath) -> Any:
        repeated = id(node) in self.seen
        self.seen.add(id(node))
        if repeated or self.alias_depth:
            # Counted while composing already; this guards what that count cannot see.
            self.expanded += 1
            if self.expanded > self.limits.max_alias_values:  # pragma: no cover
                self.beyond(
                    _expand_values(self.limits.max_alias_values),
                    "max_alias_values",
                    node,
                    path,
                )
        if repeated:
            self.alias_depth += 1
        try:
            return self.convert_node(node, path)
        finally:
            if repeated:
                self.alias_depth -= 1

    def convert_node(self, node: Node, path: FieldPath) -> Any:
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        tag = _tag_of(node)
        if isinstance(node, ScalarNode):
            return self.scalar(node, tag, path)
        if id(node) in self.active:
            self.fail(
                N_("an alias refers to a value that contains it; recursive data is refused"),
                node,
                path,
            )
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                self.check_tag(tag, _SEQ_TAG, node, path)
                return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
            if isinstance(node, MappingNode):
                self.check_tag(tag, _MAP_TAG, node, path)
                return self.mapping(node, path)
        finally:
            self.active.discard(id(node))
        self.fail(  # pragma: no cover
            N_("unexpected YAML node {kind}"), node, path, kind=type(node).__name__
        )

    def check_tag(self, tag: str, expected: str, node: Node, path: FieldPath) -> None:
        if tag != expected:
            self.refuse_tag(tag, node, path)

    def refuse_tag(self, tag: str, node: Node, path: FieldPath | None) -> NoReturn:
        self.fail(
            N_(
                "the tag {tag} is refused: goalchain files hold plain data (text, "
                "numbers, booleans, dates, lists and mappings) and no tag may construct objects; "
                "remove the tag, or quote the value if it is text"
            ),
            node,
            path,
            tag=_shown_tag(tag),
        )

    def mapping(self, node: Node, path: FieldPath) -> dict[str, Any]:
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        merges: list[Node] = []
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and _tag_of(key_node) == _MERGE_TAG:
                merges.append(value_node)
                continue
            key = self.key(key_node, path)
            if key in first_line:
                self.fail(
                    N_(
                        "duplicate key {key!r} (first at line {first}); "
                        "each key may appear once in a mapping"
                    ),
                    key_node,
                    (*path, key),
                    key=key,
                    first=first_line[key],
                )
            first_line[key] = key_node.start_mark.line + 1
            out[key] = self.convert(value_node, (*path, key))
        for merge in merges:  # "<<: *defaults": explicit keys win, earlier sources first
            sources = merge.value if isinstance(merge, SequenceNode) else [merge]
            for source in sources:
                if not isinstance(source, MappingNode):
                    self.fail(
                        N_("a merge key (<<) needs a mapping or a list of mappings"), source, path
                    )
                self.check_tag(_tag_of(source), _MAP_TAG, source, path)
                self.active.add(id(source))
                try:
                    merged = self.mapping(source, path)
                finally:
                    self.active.discard(id(source))
                for key, value in merged.items():
                    out.setdefault(key, value)
        return out

    def key(self, node: Node, path: FieldPath) -> str:
        from ruamel.yaml.nodes import ScalarNode

        if not isinstance(node, ScalarNode):
            self.fail(
                N_("mapping keys must be text or whole numbers, not lists or mappings"), node, path
            )
        value = self.scalar(node, _tag_of(node), None)
        if isinstance(value, str):
            return value
        text = node.value
        if isinstance(value, int) and not isinstance(value, bool) and text.strip() == str(value):
            return str(value)  # 2023: 81.0 -> "2023"
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.fail(
                N_(
                    "the key {text} is read as the number {value!r}, but keys are text and "
                    'are never converted; write it in quotes: "{text}"'
                ),
                node,
                path,
                text=text,
                value=value,
            )
        self.fail(
            N_("mapping keys must be text or whole numbers; write the key {text!r} in quotes"),
            node,
            path,
            text=text,
        )

    def scalar(self, node: Node, tag: str, path: FieldPath | None) -> Any:
        text: str = node.value
        if getattr(node, "style", None) == ">":
            # ruamel marks the fold points of a folded block scalar with BEL ("\a")
            # for its own round-tripping; they are not part of the text.
            text = text.replace("\a", "")
        value: Any
        if tag not in _SCALAR_TAGS:
            self.refuse_tag(tag, node, path)
        if len(text) > self.limits.max_string_length:
            self.beyond(
                too_long(len(text), self.limits.max_string_length, key=path is None),
                "max_string_length",
                node,
                path,
            )
        kind = tag[len(_CORE) :]
        if kind == "str":
            return text
        if kind == "null":
            if text not in ("", "~", "null", "Null", "NULL"):
                self.fail(N_("cannot read {text!r} as null"), node, path, text=text)
            value = None
        elif kind == "bool":
            lowered = text.lower()
            if lowered in ("true", "yes", "on", "y"):
                value = True
            elif lowered in ("false", "no", "off", "n"):
                value = False
            else:
                self.fail(N_("cannot read {text!r} as true or false"), node, path, text=text)
        elif kind == "int":
            self.check_digits(text, node, path)
            value = _read_int(text)
            if value is None:
                self.fail(N_("cannot read {text!r} as a whole number"), node, path, text=text)
            if abs(value) >= _FLOAT_MAX_INT:
                self.fail(TOO_LARGE, node, path, text=text)
        elif kind == "float":
            self.check_digits(text, node, path)
            value = _read_float(text)
            if value is None:
                self.fail(N_("cannot read {text!r} as a number"), node, path, text=text)
            self.check_finite(text, value, node, path)
        else:  # timestamp
            value = _read_timestamp(text)
            if value is None:
                self.fail(
                    N_("{text!r} is not a valid date (YYYY-MM-DD) or date and time"),
                    node,
                    path,
                    text=text,
                )
        if path is not None:
            self.raw[path] = text
        return value

    def check_digits(self, text: str, node: Node, path: FieldPath | None) -> None:
        body = text.replace("_", "").strip().lstrip("+-")
        if body[:2].lower() in ("0x", "0o", "0b"):
            digits = len(body) - 2
        else:
            digits = sum(char.isdigit() for char in body)
        if digits > self.limits.max_number_digits:
            shown = text if len(text) <= 43 else f"{text[:20]}...{text[-20:]}"
            self.beyond(
                too_many_digits(shown, digits, self.limits.max_number_digits),
                "max_number_digits",
                node,
                path,
            )

    def check_finite(self, text: str, value: float, node: Node, path: FieldPath | None) -> None:
        if math.isnan(value) or (math.isinf(value) and "inf" in text.lower()):
            self.fail(
                N_(
                    "{text} is not a finite number; goalchain files hold only finite numbers "
                    "(NaN and infinity are refused); write a number, or leave the field out"
                ),
                node,
                path,
                text=text,
            )
        if math.isinf(value):
            self.fail(TOO_LARGE, node, path, text=text)
        mantissa = text.lower().partition("e")[0]
        if value == 0.0 and any(char in "123456789" for char in mantissa):
            self.fail(TOO_SMALL, node, path, text=text)


class _Guard:
    """Counts, while ruamel.yaml composes, the depth and what aliases expand to.

    An alias is the anchored node itself, met again; its expansion is that
    node's values and characters, counted once per node (aliases inside
    aliases multiply, as they would when expanded, without being expanded).
    """

    def __init__(self, source: str | None, limits: Limits):
        self.source = source
        self.limits = limits
        self.depth = 0
        self.values = 0
        self.characters = 0
        self.sizes: dict[int, tuple[int, int]] = {}

    def refuse(self, message: Message, limit: str, mark: Any) -> NoReturn:
        raise limit_error(
            message,
            limit,
            self.limits,
            file=self.source,
            line=mark.line + 1 if mark is not None else None,
            column=mark.column + 1 if mark is not None else None,
        )

    def enter(self, mark: Any) -> None:
        self.depth += 1
        if self.depth > self.limits.max_depth:
            self.refuse(_nested(self.limits.max_depth), "max_depth", mark)

    def alias(self, node: Node, mark: Any) -> None:
        values, characters = self.size(node)
        self.values += values
        self.characters += characters
        limits = self.limits
        if self.values > limits.max_alias_values:
            self.refuse(_expand_values(limits.max_alias_values), "max_alias_values", mark)
        if self.characters > limits.max_alias_characters:
            self.refuse(
                Message(
                    N_("the aliases in the document expand to more than {most} characters of text"),
                    most=thousands(limits.max_alias_characters),
                ),
                "max_alias_characters",
                mark,
            )

    def size(self, root: Node) -> tuple[int, int]:
        """(values, characters) of *root* expanded; each node is walked once."""
        from ruamel.yaml.nodes import MappingNode, ScalarNode

        sizes = self.sizes
        found = sizes.get(id(root))
        if found is not None:
            return found
        open_nodes: set[int] = set()
        stack: list[tuple[Node, bool]] = [(root, False)]
        while stack:
            node, done = stack.pop()
            key = id(node)
            if key in sizes:
                continue
            if isinstance(node, ScalarNode):
                sizes[key] = (1, len(node.value))
                continue
            children: list[Node] = (
                [part for pair in node.value for part in pair]
                if isinstance(node, MappingNode)
                else list(node.value)
            )
            if done:
                open_nodes.discard(key)
                values, characters = 1, 0
                for child in children:
                    child_values, child_characters = sizes.get(id(child), (0, 0))
                    values += child_values
                    characters += child_characters
                sizes[key] = (values, characters)
                continue
            if key in open_nodes:  # a node that contains itself: refused when converted
                continue
            open_nodes.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
        return sizes[id(root)]


@functools.cache
def _scanner(base: type) -> type:
    class _Scanner(base):  # type: ignore[misc]
        """ruamel.yaml's scanner, refusing flow collections nested beyond the depth limit.

        The scanner looks ahead up to 1 024 characters for each ``[`` or ``{`` that
        may start a key, over every one still open: 3 000 ``[`` in a row took half a
        minute before the composer, which counts the depth, saw the first of them.
        """

        def fetch_flow_collection_start(self, token_class: Any, to_push: Any) -> None:
            guard: _Guard = self.loader.goalchain_guard
            if len(self.flow_context) >= guard.limits.max_depth:
                guard.refuse(_nested(guard.limits.max_depth), "max_depth", self.reader.get_mark())
            if len(self.flow_context) >= _STACK_DEPTH:  # a max_depth raised beyond it
                guard.refuse(_TOO_DEEP_FOR_PYTHON, "max_depth", self.reader.get_mark())
            super().fetch_flow_collection_start(token_class, to_push)

    return _Scanner


@functools.cache
def _composer() -> type:
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.events import AliasEvent, ScalarEvent

    class _Composer(Composer):
        """ruamel.yaml's composer, with the depth and the aliases counted as it goes."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            guard: _Guard = self.loader.goalchain_guard
            event = self.parser.peek_event()
            if isinstance(event, AliasEvent):
                node = self.anchors.get(event.anchor)
                if node is not None:  # an unknown alias is ruamel's error
                    guard.alias(node, event.start_mark)
                return super().compose_node(parent, index)
            if isinstance(event, ScalarEvent):  # depth counts lists and mappings only
                return super().compose_node(parent, index)
            guard.enter(event.start_mark)
            try:
                return super().compose_node(parent, index)
            finally:
                guard.depth -= 1

    return _Composer


def _read_int(text: str) -> int | None:
    digits = text.replace("_", "").strip()
    sign = 1
    if digits[:1] in "+-" and digits:
        sign = -1 if digits[0] == "-" else 1
        digits = digits[1:]
    prefix = digits[:2].lower()
    try:
        if prefix == "0x":
            return sign * int(digits[2:], 16)
        if prefix == "0o":
            return sign * int(digits[2:], 8)
        if prefix == "0b":
            return sign * int(digits[2:], 2)
        if _DIGITS.match(digits):
            return sign * int(digits, 10)
    except ValueError:
        return None
    return None


def _read_float(text: str) -> float | None:
    cleaned = text.replace("_", "").strip()
    lowered = cleaned.lower()
    if lowered in (".inf", "+.inf"):
        return math.inf
    if lowered == "-.inf":
        return -math.inf
    if lowered == ".nan":
        return math.nan
    try:
        return float(cleaned)
    except ValueError:
        return None


def _read_timestamp(text: str) -> dt.date | None:
    match = _TIMESTAMP.match(text.strip())
    if match is None:
        return None
    try:
        date = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        if match["hour"] is None:
            return date
        micro = int((match["fraction"] or "0")[:6].ljust(6, "0"))
        tzinfo: dt.tzinfo | None = None
        tz = match["tz"]
        if tz == "Z":
            tzinfo = dt.UTC
        elif tz:
            sign = -1 if tz[0] == "-" else 1
            body = tz[1:]
            if ":" in body:
                hours, minutes = body.split(":")
            elif len(body) > 2:
                hours, minutes = body[:-2], body[-2:]
            else:
                hours, minutes = body, "0"
            tzinfo = dt.timezone(sign * dt.timedelta(hours=int(hours), minutes=int(minutes)))
        return dt.datetime(
            date.year,
            date.month,
            date.day,
            int(match["hour"]),
            int(match["minute"]),
            int(match["second"]),
            micro,
            tzinfo=tzinfo,
        )
    except ValueError:
        return None


def read_yaml(text: str, *, source: str | None = None, limits: Limits | None = None) -> Document:
    """Parse YAML text into a :class:`Document` of plain values, within *limits*.

    Raises
    ------
    FileFormatError
        For malformed YAML, a refused tag, a duplicate key, more than one
        document, a ``%YAML`` line other than ``%YAML 1.2``, or a number that
        a float cannot hold; with line and column.
    DocumentLimitError
        For a document beyond *limits*: nested too deeply, aliases expanding
        to too much, a text too long, a number with too many digits.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    limits = check_limits(limits)
    if _DIRECTIVES_MAY_FOLLOW.match(text):
        _check_directives(text, source)
    yaml = YAML(typ="rt")
    yaml.Composer = _composer()  # type: ignore[assignment]
    yaml.Scanner = _scanner(yaml.Scanner)
    guard = _Guard(source, limits)
    yaml.goalchain_guard = guard  # type: ignore[attr-defined]
    try:
        node = yaml.compose(text)
    except RecursionError as err:  # a max_depth raised beyond what Python's stack holds
        raise limit_error(_TOO_DEEP_FOR_PYTHON, "max_depth", limits, file=source) from err
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        # the parser's own words (ruamel.yaml's, in English) are the reason and its context
        reason: str | Message = err.problem or err.context or Message(N_("cannot parse"))
        template = N_("malformed YAML: {reason}")
        params: dict[str, object] = {"reason": reason}
        if err.problem and err.context:
            params["context"] = err.context
            if err.context_mark is not None:
                template = N_("malformed YAML: {reason} ({context} that began at line {line})")
                params["line"] = err.context_mark.line + 1
            else:
                template = N_("malformed YAML: {reason} ({context})")
        raise FileFormatError(
            template,
            file=source,
            line=mark.line + 1 if mark is not None else None,
            column=mark.column + 1 if mark is not None else None,
            params=params,
        ) from err
    except YAMLError as err:  # ReaderError: a character YAML does not allow
        position = getattr(err, "position", None)
        line = column = None
        if isinstance(position, int):
            line, column = line_column(text, position)
        reason = getattr(err, "reason", None) or str(err).split("\n")[0]
        raise FileFormatError(
            N_("malformed YAML: {reason}"),
            file=source,
            line=line,
            column=column,
            params={"reason": reason},
        ) from err
    _check_version(yaml.version, text, source)
    if node is None:
        return Document(None, source)
    converter = _Converter(source, limits)
    try:
        data = converter.convert(node, ())
    except RecursionError as err:  # pragma: no cover - the composer counted the depth
        raise limit_error(_TOO_DEEP_FOR_PYTHON, "max_depth", limits, file=source) from err
    return Document(data, source, converter.positions, converter.raw)


def _check_directives(text: str, source: str | None) -> None:
    """Refuse a ``%YAML`` line for any version but 1.2, before ruamel.yaml reads it.

    Directives stand at the start of a document, before ``---``, among comments
    and blank lines; only those lines are looked at.
    """
    line = 0
    for found in _LINE.finditer(text):  # lazily: stops at the first line of content
        line += 1
        raw = found.group(0).rstrip("\r\n")
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not raw.startswith("%"):
            return
        match = _DIRECTIVE.match(raw)
        if match is not None and match.group(1) != "1.2":
            _refuse_version(match.group(1) or None, line, source)


def _refuse_version(shown: str | None, line: int | None, source: str | None) -> NoReturn:
    """Refuse a ``%YAML`` line of version *shown* (None: the line names no version)."""
    raise FileFormatError(
        N_(
            "the file declares YAML {shown} (%YAML {shown}), but goalchain reads YAML 1.2 "
            "only, where yes, no, on and off are text and 0192 is not octal; delete the "
            "%YAML line (and write true or false where a boolean is meant), or write %YAML 1.2"
        ),
        file=source,
        line=line,
        column=1 if line is not None else None,
        params={"shown": shown if shown is not None else Message(N_("(none)"))},
    )


def _check_version(version: Any, text: str, source: str | None) -> None:
    """Refuse a document ruamel.yaml read as another YAML version than 1.2.

    A file that declares YAML 1.1 means ``no`` to be false and ``0192`` to be
    octal; goalchain reads YAML 1.2 only, so rather than read such a file
    otherwise than its author declared, it is refused (the fix: delete the line).
    :func:`_check_directives` finds such lines first; this is the backstop.
    """
    if version is None or tuple(version) == (1, 2):
        return
    shown = ".".join(str(part) for part in version)  # pragma: no cover
    _refuse_version(shown, None, source)  # pragma: no cover


# ----------------------------------------------------------------- writing

_WIDTH = 100
"""Lines are kept to about this many characters; longer text is folded."""
# Paths whose mappings and lists are always written in block style.
_BLOCK_PATHS: tuple[tuple[str, ...], ...] = (
    (),
    ("elements",),
    ("elements", "*"),
    ("assessments",),
    ("assessments", "*"),
    ("measurements",),
    ("model",),
    ("model", "levels"),
    ("model", "levels", "*"),
    ("levels",),
    ("levels", "*"),  # a model file
)


_ASCII_NEEDS_QUOTES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _needs_double_quotes(text: str) -> bool:
    if text.isascii():  # the common case, at the speed of a regular expression
        return _ASCII_NEEDS_QUOTES.search(text) is not None
    for char in text:
        if char in "\n\t":
            continue
        if char in "\r\x85\u2028\u2029\ufeff":
            return True
        if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn"):
            return True
    return False


def _float_text(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    mantissa, _, exponent = text.partition("e")
    if "." not in mantissa:  # 1e+20 is text to a YAML 1.1 reader; 1.0e+20 is a float to both
        mantissa += ".0"
    return mantissa + ("e" + exponent if exponent else "")


@functools.cache
def _representer() -> type:
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.representer import RoundTripRepresenter
    from ruamel.yaml.resolver import VersionedResolver

    resolvers = (VersionedResolver(version=(1, 2)), VersionedResolver(version=(1, 1)))

    class _Representer(RoundTripRepresenter):
        """Plain scalars that read back as the same value in YAML 1.1 and 1.2."""

    def represent_str(representer: Any, data: str) -> Any:
        style: str | None = None
        if _needs_double_quotes(data) or data[:1] in ("?", ":"):
            style = '"'  # "?q" in a flow list would be read back as a mapping key
        elif "\n" in data and not _SPACE_AT_LINE_END.search(data):
            style = "|"  # the emitter falls back to quotes where a block cannot hold it
        elif any(
            resolver.resolve(ScalarNode, data, (True, False)) != f"{_CORE}str"
            for resolver in resolvers
        ):
            style = '"'  # "0192", "yes", "2024-01-01": text that looks like something else
        return representer.represent_scalar(f"{_CORE}str", data, style=style)

    def represent_float(representer: Any, data: float) -> Any:
        return representer.represent_scalar(f"{_CORE}float", _float_text(data))

    def represent_none(representer: Any, data: None) -> Any:
        return representer.represent_scalar(f"{_CORE}null", "null")

    _Representer.add_representer(str, represent_str)
    _Representer.add_representer(type(None), represent_none)
    _Representer.add_representer(float, represent_float)
    return _Representer


@functools.cache
def _emitter() -> type:
    from ruamel.yaml.emitter import Emitter

    class _Emitter(Emitter):
        """Long double-quoted text stays on one line.

        ruamel.yaml can fold a double-quoted scalar where the text has no space,
        which reads back with a space added; plain and single-quoted text fold safely.
        """

        def write_double_quoted(self, text: Any, split: Any = True) -> None:
            super().write_double_quoted(text, split=False)

    return _Emitter


def _flow_width(value: Any) -> int | None:
    """Width of *value* written on one line, or None when it cannot be."""
    if isinstance(value, Mapping):
        pairs: list[tuple[str, Any]] = [(f"{key}: ", item) for key, item in value.items()]
    elif isinstance(value, (list, tuple)):
        if any(isinstance(item, Mapping) for item in value):
            return None  # [a: 1] is valid YAML, but a list of mappings reads better in block
        pairs = [("", item) for item in value]
    elif isinstance(value, float):
        return len(_float_text(value))
    elif isinstance(value, str):
        if "\n" in value or _needs_double_quotes(value):
            return None
        return len(value) + 2
    else:
        return len(str(value))
    width = 2
    for prefix, item in pairs:
        item_width = _flow_width(item)
        if item_width is None:
            return None
        width += len(prefix) + item_width + 2
    return width


def _fits_flow(value: Any, path: tuple[str, ...]) -> bool:
    """Small collections are written on one line: ``{year: 2022, value: 78.0}``."""
    width = _flow_width(value)
    # What the line holds before the collection: indentation and the key.
    prefix = 2 * len(path) + (len(path[-1]) + 2 if path else 0)
    return width is not None and prefix + width <= _WIDTH - 4


def _styled(value: Any, path: tuple[str, ...]) -> Any:
    """Plain data -> ruamel commented containers with block or flow style set."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(value, (Mapping, list, tuple)):
        return value
    out: Any
    if isinstance(value, Mapping):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _styled(item, (*path, str(key)))
    else:
        out = CommentedSeq()
        for item in value:
            out.append(_styled(item, (*path, "*")))
    if path not in _BLOCK_PATHS and (not value or _fits_flow(value, path)):
        out.fa.set_flow_style()
    else:
        out.fa.set_block_style()
    return out


def dump_yaml(data: Any) -> str:
    """Write plain data as YAML 1.2 text, deterministically and readably."""
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.Representer = _representer()
    yaml.Emitter = _emitter()
    yaml.width = _WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump(_styled(data, ()), buffer)
    # Where ruamel.yaml folds a long plain or single-quoted text it leaves the space
    # before the line break; reading drops it anyway, so it goes. Literal blocks are
    # only used for text with no line that ends in a space, and double-quoted text
    # stays on one line, so no space that is part of a value is removed.
    return _TRAILING_SPACES.sub("\n", buffer.getvalue())
