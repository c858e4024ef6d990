"""Reports of a goal chain: text trees, Mermaid and DOT graphs, Swedish/English formatting."""

from ._chart_svg import CHART_CSS, trajectory_html, trajectory_svg
from ._followup import html, markdown
from ._format import (
    STATUS_LABELS,
    assessment_method_label,
    computed_note,
    element_kind_label,
    format_date,
    format_number,
    format_target,
    format_value,
    period_label,
    provenance_label,
    scorer_label,
    status_label,
    strategy_label,
    unit_symbol,
)
from ._frames import comparison_frame, indicators_frame, measurements_frame, spreadsheet_safe
from ._graph import text_colour, to_dot, to_mermaid
from ._html import (
    CSS,
    chain_html,
    html_table,
    rollup_html,
    status_badge,
)
from ._indicators import IndicatorRow, indicator_rows
from ._plots import plot_status_overview, plot_trajectory, save_figure
from ._table import text_table
from ._tree import render_tree

__all__ = [
    "CHART_CSS",
    "CSS",
    "STATUS_LABELS",
    "IndicatorRow",
    "assessment_method_label",
    "chain_html",
    "comparison_frame",
    "computed_note",
    "element_kind_label",
    "format_date",
    "format_number",
    "format_target",
    "format_value",
    "html",
    "html_table",
    "indicator_rows",
    "indicators_frame",
    "markdown",
    "measurements_frame",
    "period_label",
    "plot_status_overview",
    "plot_trajectory",
    "provenance_label",
    "render_tree",
    "rollup_html",
    "save_figure",
    "scorer_label",
    "spreadsheet_safe",
    "status_badge",
    "status_label",
    "strategy_label",
    "text_colour",
    "text_table",
    "to_dot",
    "to_mermaid",
    "trajectory_html",
    "trajectory_svg",
    "unit_symbol",
]
