"""Examples in the documentation pages run as written."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "docs/progression.md",
    "docs/rollup.md",
    "docs/smart.md",
    "docs/reports.md",
    "docs/spreadsheets.md",
]


@pytest.mark.parametrize("page", PAGES)
def test_page_examples_run(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(ROOT / page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.attempted > 0
    assert result.failed == 0
