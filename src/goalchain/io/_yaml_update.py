"""Rewriting a YAML chain file with new measurements, its comments, order and formatting kept.

:func:`dump` writes a chain from scratch: keys in a fixed order, text folded its
own way, comments gone. When a chain read from a YAML file only gains or
changes measurements (``goalchain import``), :func:`update_measurements`
writes the file's own text instead, with only those measurements added or
changed. ruamel.yaml's round-trip reader composes the original text into nodes
that know where they stand; each new measurement is written, in the style of
the file's other measurements (one line ``{indicator: i1, period: 2025, value:
86.1}`` or a block), after the last one of its indicator, and a changed one in
place of the old. ruamel.yaml's round-trip *dump* is not used for the whole
file: it folds multi-line text again (45 lines of ``examples/burlov.yaml``
change), so the text between the measurements is kept as it was, byte for byte.

The text made is read back and compared with the chain; when it does not give
the same chain (a file whose measurements are in another file, a flow list,
fields the splice cannot write), nothing is spliced and the caller writes the
file whole, as :func:`dump` does.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..models import Measurement, Period
from ._codec import _measurement_to_data
from ._yaml import dump_yaml

if TYPE_CHECKING:
    from ruamel.yaml.nodes import Node

    from ..models import GoalChain

__all__ = ["spliced_text", "update_measurements"]

StrPath = str | os.PathLike[str]
Key = tuple[str, Period, str]

_FLOW_UNSAFE = re.compile(r"[,\[\]{}#]|: |^[\s'\"&*!|>%@`?-]|\s$")


def _scalar(value: Any, *, flow: bool) -> str | None:
    """*value* as a YAML scalar, as :func:`dump` writes it; None for a collection."""
    if isinstance(value, (Mapping, list, tuple)):
        return None
    text = dump_yaml({"k": value})
    if not text.startswith("k: ") or text.count("\n") != 1:
        return None  # a block scalar or folded text: left to a whole rewrite
    shown = text[3:-1]
    if flow and isinstance(value, str) and _FLOW_UNSAFE.search(shown):
        shown = json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted
    return shown


def _item_text(data: Mapping[str, Any], *, flow: bool, indent: str) -> str | None:
    """One measurement as an item of the list, without the ``- `` before it."""
    pairs = []
    for key, value in data.items():
        shown = _scalar(value, flow=flow)
        if shown is None:
            return None
        pairs.append(f"{key}: {shown}")
    if flow:
        return "{" + ", ".join(pairs) + "}"
    return ("\n" + indent).join(pairs)


def _node_text(node: Node) -> str | None:
    from ruamel.yaml.nodes import ScalarNode

    return str(node.value) if isinstance(node, ScalarNode) else None


def _key_of(item: Node) -> Key | None:
    """The (indicator, period, gender) of a measurement item, or None when unreadable."""
    from ruamel.yaml.nodes import MappingNode

    if not isinstance(item, MappingNode):
        return None
    fields = {_node_text(k): _node_text(v) for k, v in item.value}
    indicator, period = fields.get("indicator"), fields.get("period")
    if indicator is None or period is None:
        return None
    try:
        return (indicator, Period.parse(period), fields.get("gender") or "T")
    except Exception:  # an unreadable item: the whole file is rewritten
        return None


def _end(node: Node) -> int:
    """Where a node's text ends: a block collection's at its last scalar or flow
    collection (ruamel.yaml ends it at the next token, after comments and blank
    lines, even inside the next item)."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        return _end(node.value[-1][1])
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return _end(node.value[-1])
    return int(node.end_mark.index)


def spliced_text(text: str, chain: GoalChain, before: Mapping[Key, Measurement]) -> str | None:
    """*text*, a YAML chain that held the measurements *before*, with *chain*'s new
    and changed measurements written into it; None when they cannot be spliced in.

    Parameters
    ----------
    text
        The chain file's text as read (without a byte order mark).
    chain
        The chain, read from *text*, after measurements were added or changed.
    before
        Its measurements as read from *text*, by key.

    Returns
    -------
    str or None
        The new text: *text* unchanged but for the new measurements, each
        after the last of its indicator (at the end of the list when its
        indicator has none), and the changed ones written in their place. None
        when a measurement was removed, the document is not a mapping, has
        its measurements elsewhere (``data:``), in a flow list, or a
        measurement cannot be written on its own.

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.io._yaml_update import spliced_text
    >>> text = '''goalchain: 1
    ... elements:
    ...   - {id: i1, kind: indicator, title: Andel, unit: percent}
    ... measurements:
    ...   # utfall från Kolada
    ...   - {indicator: i1, period: 2023, value: 80.5}   # prel.
    ... '''
    >>> chain = gc.loads(text)
    >>> before = {m.key: m for m in chain.measurements()}
    >>> _ = chain.record("i1", 2024, 82.9)
    >>> print(spliced_text(text, chain, before), end="")
    goalchain: 1
    elements:
      - {id: i1, kind: indicator, title: Andel, unit: percent}
    measurements:
      # utfall från Kolada
      - {indicator: i1, period: 2023, value: 80.5}   # prel.
      - {indicator: i1, period: 2024, value: 82.9}
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    now = {m.key: m for m in chain.measurements()}
    if any(key not in now for key in before):
        return None
    added = [m for key, m in now.items() if key not in before]
    changed = [m for key, m in now.items() if key in before and before[key] != m]
    if not added and not changed:
        return text
    try:
        root = YAML(typ="rt").compose(text)
    except Exception:  # read once already; anything odd: a whole rewrite
        return None
    if not isinstance(root, MappingNode):
        return None
    top = {_node_text(k): (k, v) for k, v in root.value}
    if "data" in top:
        return None
    units = {indicator.id: indicator.unit for indicator in chain.indicators()}
    edits: list[tuple[int, int, str]] = []  # (start, end, new text), applied from the end
    if "measurements" not in top:
        lines = []
        for m in added:
            item = _item_text(_measurement_to_data(m, units[m.indicator], ()), flow=True, indent="")
            if item is None:
                return None
            lines.append(f"  - {item}\n")
        start = len(text)
        glue = "" if not text or text.endswith("\n") else "\n"
        edits.append((start, start, glue + "measurements:\n" + "".join(lines)))
    else:
        seq = top["measurements"][1]
        if not isinstance(seq, SequenceNode) or seq.flow_style or not seq.value:
            return None
        items = seq.value
        keys = [_key_of(item) for item in items]
        if any(key is None for key in keys):
            return None
        first = items[0]
        line_start = text.rfind("\n", 0, first.start_mark.index) + 1
        prefix = text[line_start : first.start_mark.index]
        if not re.fullmatch(r"[ ]*-[ ]+", prefix):
            return None
        flow = bool(getattr(items[-1], "flow_style", False))
        indent = " " * len(prefix)
        last_of: dict[str, int] = {}
        for index, key in enumerate(keys):
            assert key is not None
            last_of[key[0]] = index
        for m in changed:
            if m.key not in keys:  # written another way ("kvinnor" for K): a whole rewrite
                return None
            index = keys.index(m.key)
            item = items[index]
            item_flow = bool(getattr(item, "flow_style", False))
            data = _measurement_to_data(m, units[m.indicator], ())
            shown = _item_text(data, flow=item_flow, indent=indent)
            if shown is None:
                return None
            edits.append((item.start_mark.index, _end(item), shown))
        inserts: dict[int, list[str]] = {}
        for m in added:
            index = last_of.get(m.indicator, len(items) - 1)
            end = _end(items[index])
            newline = text.find("\n", end)
            at = len(text) if newline < 0 else newline + 1
            shown = _item_text(
                _measurement_to_data(m, units[m.indicator], ()), flow=flow, indent=indent
            )
            if shown is None:
                return None
            glue = "\n" if newline < 0 and not inserts.get(at) else ""
            inserts.setdefault(at, []).append(f"{glue}{prefix}{shown}\n")
        edits.extend((at, at, "".join(parts)) for at, parts in inserts.items())
    out = text
    for start, end, new in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
        out = out[:start] + new + out[end:]
    return out


def update_measurements(
    chain: GoalChain,
    source: StrPath,
    target: StrPath,
    before: Mapping[Key, Measurement],
) -> bool:
    """Write *chain* to *target* as the YAML file *source* with only its new and
    changed measurements written in, when that gives back *chain*; atomically.

    Parameters
    ----------
    chain
        The chain read from *source*, its measurements since added or changed.
    source
        The ``.yaml`` or ``.yml`` file *chain* was read from.
    target
        Where to write (*source* itself to update it in place).
    before
        The measurements as read from *source*, by key.

    Returns
    -------
    bool
        True when written; False when *source* is not a YAML file, or its text
        with the measurements spliced in does not read back as *chain*
        (:func:`spliced_text`): then nothing is written, and the caller writes
        the chain whole (:func:`~goalchain.io.dump`).
    """
    from ._files import atomic_write, loads

    file, out = Path(source), Path(target)
    if file.suffix.lower() not in (".yaml", ".yml") or out.suffix.lower() not in (
        ".yaml",
        ".yml",
    ):
        return False
    try:
        raw = file.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    new = spliced_text(text, chain, before)
    if new is None:
        return False
    try:
        # read where it will stand: a model file named relative to FILE must be there too
        again = loads(new, source=str(out), base_dir=out.parent)
    except Exception:  # a splice that does not read back: a whole rewrite
        return False
    if again != chain:
        return False
    atomic_write(out, ("\ufeff" if bom else "") + new)
    return True
