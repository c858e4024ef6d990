"""The findings of validate() are worded from the message catalogs (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

import goalchain as gc
from _catalogs import catalog_of


def _orphan() -> gc.GoalChain:
    chain = gc.GoalChain(name="T")
    chain.add_goal("v", "Vision", level="vision")
    chain.add_goal("k", "KF-mål", level="council")
    return chain


def test_findings_in_swedish_and_english() -> None:
    (finding,) = [f for f in _orphan().validate() if f.code == "orphan"]
    assert finding.message("sv").endswith(
        "saknar överordnat mål; koppla den till ett mål på nivån ovanför"
    )
    assert finding.message("en").endswith("has no parent; link it to a goal on the level above")
    with pytest.raises(gc.InvalidValueError, match="unknown language 'de'"):
        finding.message("de")


def test_findings_in_a_third_language(tmp_path: Path) -> None:
    finnish = {
        "{level} has no parent; link it to a goal on the level above": (
            "{level}: ei yläkohtaa; liitä se ylemmän tason tavoitteeseen"
        )
    }
    with catalog_of(tmp_path, finnish):
        (finding,) = [f for f in _orphan().validate(lang="fi") if f.code == "orphan"]
        assert finding.message("fi").endswith(
            ": ei yläkohtaa; liitä se ylemmän tason tavoitteeseen"
        )
