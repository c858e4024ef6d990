"""Reports of a goal chain: text trees, and Swedish/English formatting."""

from ._format import STATUS_LABELS, format_number, format_value, status_label, unit_symbol
from ._table import text_table
from ._tree import render_tree

__all__ = [
    "STATUS_LABELS",
    "format_number",
    "format_value",
    "render_tree",
    "status_label",
    "text_table",
    "unit_symbol",
]
