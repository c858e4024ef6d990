"""Plain-text tables for terminals."""

from __future__ import annotations

from collections.abc import Sequence

from .._safe_text import one_line

__all__ = ["text_table"]


def text_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, align: str | None = None
) -> str:
    """Lay out rows under headers in aligned columns.

    *align* holds one letter per column, ``l`` or ``r`` (default: all left).
    Each cell is shown on one line with its control characters visible
    (:func:`~goalchain._safe_text.one_line`: a newline as ``␤``, ESC as ``␛``),
    so a text from a chain cannot break the table or drive the terminal.

    Examples
    --------
    >>> from goalchain.report import text_table
    >>> print(text_table(["År", "Mål"], [["2022", "78"], ["2023", "81"]], align="lr"))
    År    Mål
    ----  ---
    2022   78
    2023   81
    """
    columns = len(headers)
    align = align or "l" * columns
    headers = [one_line(str(h)) for h in headers]
    rows = [[one_line(str(c)) for c in row] for row in rows]
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(columns)]

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            text = str(cell)
            out.append(text.rjust(widths[i]) if align[i] == "r" else text.ljust(widths[i]))
        return "  ".join(out).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])
