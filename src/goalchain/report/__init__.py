"""Reports of a goal chain: text trees, Mermaid and DOT graphs, Swedish/English formatting."""

from ._format import STATUS_LABELS, format_number, format_value, status_label, unit_symbol
from ._graph import text_colour, to_dot, to_mermaid
from ._table import text_table
from ._tree import render_tree

__all__ = [
    "STATUS_LABELS",
    "format_number",
    "format_value",
    "render_tree",
    "status_label",
    "text_colour",
    "text_table",
    "to_dot",
    "to_mermaid",
    "unit_symbol",
]
