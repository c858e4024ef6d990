"""The report layer speaks any language it has a catalog for (issue 15).

A test-only Finnish catalog with a few of the report's words: the report shows
them for ``lang="fi"`` and writes every word the catalog lacks in English, the
language of the code, with no change to the code.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

import goalchain as gc
from _catalogs import catalog_of
from goalchain.progression import annual_targets
from goalchain.report import (
    chain_html,
    html,
    markdown,
    render_tree,
    trajectory_html,
    trajectory_svg,
)
from goalchain.report._followup import period_warning

Messages = Mapping[tuple[str | None, str], str]
"""(context, English message) -> Finnish."""


@pytest.fixture
def finnish(tmp_path: Path) -> Iterator[Callable[[Messages], None]]:
    """Install a Finnish catalog of the messages given; goalchain's state is restored after."""
    with contextlib.ExitStack() as stack:

        def install(messages: Messages) -> None:
            stack.enter_context(catalog_of(tmp_path, messages))

        yield install


def _chain() -> gc.GoalChain:
    chain = gc.GoalChain(name="Testkunta")
    chain.add_goal("kf1", "Turvallinen koulu", level="council")
    chain.add_goal("n1", "Enemmän pätevyyttä", level="committee", parents={"kf1": 2})
    chain.add_indicator(
        "i1",
        "Pätevät",
        parents=["n1"],
        unit="percent",
        baseline=(2022, 78.0),
        target=(2026, 90.0),
    )
    chain.record("i1", 2023, 80.5)
    chain.record("i1", 2024, 82.9)
    return chain


def test_the_report_pieces_speak_a_third_language(
    finnish: Callable[[Messages], None],
) -> None:
    with pytest.raises(gc.InvalidValueError, match="unknown language 'fi'"):
        render_tree(_chain(), lang="fi")
    finnish(
        {
            ("chart", "Annual target"): "Vuositavoite",
            ("column", "Annual target"): "Vuositavoite",
            (None, "weight {weight}"): "paino {weight}",
        }
    )
    svg = trajectory_svg({2022: 78.0, 2026: 90.0}, actuals={2023: 80.5}, unit="percent", lang="fi")
    assert ">Vuositavoite</text>" in svg and ">Annual target</text>" not in svg
    assert ">Actual</text>" in svg and "Utfall" not in svg  # not in the catalog: English
    assert "80,5" in svg  # Finnish numbers (CLDR), not "80.5"
    trajectory = annual_targets(baseline=(2022, 78.0), target=(2026, 90.0), unit="percent")
    page = trajectory_html(trajectory, actuals={2023: 80.5}, lang="fi", css=False)
    assert "<th>Vuositavoite</th>" in page and "<th>Year</th>" in page
    tree = render_tree(_chain(), lang="fi", show_data=False)
    assert "(paino 2)" in tree and "(vikt 2)" not in tree
    assert "paino 2" in chain_html(_chain(), lang="fi", css=False)


def test_the_follow_up_report_speaks_a_third_language(
    finnish: Callable[[Messages], None],
) -> None:
    finnish({("heading", "Indicators"): "Indikaattorit"})
    text = markdown(_chain(), 2024, lang="fi")
    assert "## Indikaattorit" in text
    assert "## Goal fulfilment" in text and "Måluppfyllelse" not in text  # English elsewhere
    page = html(_chain(), 2024, lang="fi")
    assert '<html lang="fi">' in page and "<h2>Indikaattorit</h2>" in page
    assert "<h2>Goal fulfilment</h2>" in page


def test_the_period_warning_names_the_valid_genders() -> None:
    chain = _chain()
    with pytest.raises(gc.InvalidValueError, match="unknown gender 'X'; valid: T"):
        period_warning(chain, 2024, gender="X")
    with pytest.raises(gc.InvalidValueError, match="unknown language 'de'"):
        period_warning(chain, 2024, lang="de")
    assert "women" in str(period_warning(chain, 2024, lang="en", gender="K"))
    assert "män" in str(period_warning(chain, 2024, gender="M"))
