"""The chain as a graph description: Mermaid and Graphviz DOT text (no Graphviz needed)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .._i18n import N_, check_lang
from .._safe_text import isolate_bidi
from ..exceptions import InvalidValueError
from ._format import format_number

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = ["text_colour", "to_dot", "to_mermaid"]

_DIRECTIONS = ("TD", "TB", "BT", "LR", "RL")
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
# Mermaid reads "#code;" as a character: these would otherwise end a label or start markup
_MERMAID_ESCAPES = {"#": "#35;", '"': "#34;", "<": "#60;", ">": "#62;", "&": "#38;"}


def text_colour(background: str) -> str:
    """Black or white, whichever contrasts more with *background* (a ``#rrggbb`` colour).

    Uses the WCAG 2.1 relative luminance, so text on a status colour stays readable.

    Raises
    ------
    InvalidValueError
        When *background* is not exactly ``#rgb`` or ``#rrggbb`` (nothing before or after).

    Examples
    --------
    >>> from goalchain.report import text_colour
    >>> text_colour("#2e7d32"), text_colour("#f9a825")
    ('#ffffff', '#000000')
    """
    if not isinstance(background, str) or _HEX.fullmatch(background) is None:
        raise InvalidValueError(
            N_("expected a CSS hex colour such as '#2e7d32', got {colour!r}"),
            field="colour",
            params={"colour": background},
        )
    hex_ = background[1:]
    if len(hex_) == 3:
        hex_ = "".join(c * 2 for c in hex_)
    channels = [int(hex_[k : k + 2], 16) / 255 for k in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    # contrast with white (1.05 / (L + 0.05)) against contrast with black ((L + 0.05) / 0.05)
    return "#ffffff" if 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 else "#000000"


def _mermaid_text(text: str) -> str:
    out = "".join(_MERMAID_ESCAPES.get(ch, ch) for ch in isolate_bidi(text))
    return " ".join(out.split())  # a newline would end the statement


def _dot_text(text: str) -> str:
    text = isolate_bidi(text)
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")


def _label_lines(chain: GoalChain, element_id: str, result: Any, lang: str) -> list[str]:
    element = chain[element_id]
    level = chain.model.level(element.level).label(lang)
    lines = [element.title, f"{level} · {element_id}"]
    if result is not None and element_id in result:
        node = result[element_id]
        status = result.scale_of(element_id).label(node.status, lang=lang)
        if node.score is not None:
            status += f" ({format_number(node.score, lang=lang, decimals=2)})"
        lines.append(status)
    return lines


def to_mermaid(
    chain: GoalChain, *, result: Any = None, lang: str = "sv", direction: str = "TD"
) -> str:
    """A Mermaid flowchart of the chain, top-down from the vision.

    Parameters
    ----------
    chain
        The :class:`~goalchain.GoalChain`.
    result
        A :class:`~goalchain.rollup.RollupResult`: each element then shows its
        status as text and is filled with the status colour (text in black or
        white, whichever reads better).
    lang
        The language of level and status labels: ``"sv"``, ``"en"`` or another
        language goalchain has a catalog for (InvalidValueError otherwise).
    direction
        ``TD`` (top-down, default), ``LR``, ``BT`` or ``RL``.

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("kf1", 'Trygg "skola" för alla', level="council")
    >>> _ = chain.add_activity("a1", "Läxhjälp", parents={"kf1": 2}, status="done")
    >>> print(chain.to_mermaid())
    flowchart TD
      n0["Trygg #34;skola#34; för alla<br/>KF-mål · kf1"]
      n1["Läxhjälp<br/>Aktivitet · a1"]
      n0 -->|"2"| n1
    """
    check_lang(lang)
    if direction not in _DIRECTIONS:
        raise InvalidValueError(
            N_("direction must be one of {valid}, got {direction!r}"),
            params={"valid": ", ".join(_DIRECTIONS), "direction": direction},
        )
    numbers = {element_id: f"n{k}" for k, element_id in enumerate(chain)}
    lines = [f"flowchart {direction}"]
    for element_id, node in numbers.items():
        label = "<br/>".join(
            _mermaid_text(line) for line in _label_lines(chain, element_id, result, lang)
        )
        lines.append(f'  {node}["{label}"]')
    for parent, child, weight in chain.links():
        shown = "" if weight == 1 else f'|"{format_number(weight, lang=lang)}"|'
        lines.append(f"  {numbers[parent]} -->{shown} {numbers[child]}")
    if result is not None:
        for status in ("achieved", "partly", "not_achieved", "not_assessed"):
            fill = result.scale.colour(status)
            lines.append(
                f"  classDef {status} fill:{fill},color:{text_colour(fill)},stroke:#333333"
            )
        for element_id, node in numbers.items():
            if element_id in result:
                lines.append(f"  class {node} {result[element_id].status}")
    return "\n".join(lines)


def to_dot(chain: GoalChain, *, result: Any = None, lang: str = "sv") -> str:
    """The chain as Graphviz DOT text (render it with any Graphviz tool, or read it back).

    Parameters
    ----------
    chain
        The :class:`~goalchain.GoalChain`.
    result
        A :class:`~goalchain.rollup.RollupResult` to show statuses as text and colour.
    lang
        The language of level and status labels: ``"sv"``, ``"en"`` or another
        language goalchain has a catalog for (InvalidValueError otherwise).

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("kf1", "Trygg skola", level="council")
    >>> _ = chain.add_activity("a1", "Läxhjälp", parents={"kf1": 2}, status="done")
    >>> print(chain.to_dot())
    digraph "Exempel" {
      rankdir=TB;
      node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="sans-serif"];
      "kf1" [label="Trygg skola\\nKF-mål · kf1"];
      "a1" [label="Läxhjälp\\nAktivitet · a1"];
      "kf1" -> "a1" [label="2"];
    }
    """
    check_lang(lang)
    lines = [
        f'digraph "{_dot_text(chain.name)}" {{',
        "  rankdir=TB;",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="sans-serif"];',
    ]
    for element_id in chain:
        label = "\\n".join(_dot_text(t) for t in _label_lines(chain, element_id, result, lang))
        attrs = f'label="{label}"'
        if result is not None and element_id in result:
            fill = result.scale_of(element_id).colour(result[element_id].status)
            attrs += f', fillcolor="{fill}", fontcolor="{text_colour(fill)}"'
        lines.append(f'  "{_dot_text(element_id)}" [{attrs}];')
    for parent, child, weight in chain.links():
        label = "" if weight == 1 else f' [label="{format_number(weight, lang=lang)}"]'
        lines.append(f'  "{_dot_text(parent)}" -> "{_dot_text(child)}"{label};')
    lines.append("}")
    return "\n".join(lines)
