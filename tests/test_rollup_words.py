"""The roll-up's words come from the message catalogs (issue 15)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import goalchain as gc
from _catalogs import catalog_of
from goalchain.rollup import StatusScale, leaf_reason
from goalchain.rollup._result import GENDER_WORDS, REASONS, reason_text


@pytest.fixture
def finnish(tmp_path: Path) -> Iterator[None]:
    """A test-only Finnish catalog with a few of the roll-up's words."""
    messages = {
        "no target for {year}": "ei tavoitetta vuodelle {year}",
        "partly achieved": "osittain saavutettu",
        ("gender", "women"): "naiset",
    }
    with catalog_of(tmp_path, messages):
        yield


def test_the_lag_reason_agrees_with_its_number() -> None:
    args = {"year": 2024, "ready": 2025, "period": "2024"}
    assert "a lag of 1 year:" in reason_text("lag", {**args, "lag": 1})  # was "1 year(s)"
    assert "a lag of 2 years:" in reason_text("lag", {**args, "lag": 2})
    assert "med 1 års eftersläpning" in reason_text("lag", {**args, "lag": 1}, "sv")


def test_every_reason_reads_in_swedish() -> None:
    args = {
        "period": "2024",
        "lag": 1,
        "year": 2024,
        "ready": 2025,
        "share": 0.5,
        "gender": "K",
        "due": "2024-06-30",
        "start": "2025-01-01",
        "achieved": 1,
        "needed": 2,
    }
    for code in REASONS:
        english, swedish = reason_text(code, args, "en"), reason_text(code, args, "sv")
        assert english and swedish and english != swedish, code
    assert reason_text("no_gender_value", args, "sv") == "inget mätvärde för kvinnor för 2024"


def test_leaf_reasons_and_labels_in_a_third_language(finnish: None) -> None:
    assert leaf_reason("no_target", year=2024) == {
        "sv": "ingen målnivå för 2024",
        "en": "no target for 2024",
        "fi": "ei tavoitetta vuodelle 2024",
    }
    scale = StatusScale()
    assert scale.label("partly", lang="fi") == "osittain saavutettu"
    assert scale.label("achieved", lang="fi") == "achieved"  # not in the catalog: English
    assert GENDER_WORDS["K"]["fi"] == "naiset"
    own = StatusScale.from_mapping({"labels": {"partly": {"fi": "puoliksi"}}})
    assert own.label("partly", lang="fi") == "puoliksi"
    assert own.label("partly", lang="sv") == "delvis uppfyllt"


def test_scale_labels_are_refused_for_a_language_goalchain_does_not_speak() -> None:
    with pytest.raises(gc.InvalidValueError, match=r"labels\.partly\.de") as info:
        StatusScale.from_mapping({"labels": {"partly": {"de": "teilweise"}}})
    assert "sv, en" in str(info.value)
    assert "för ett språk som goalchain talar (sv, en)" in info.value.render("sv")


def test_an_unknown_language_reads_english() -> None:
    assert reason_text("no_children", {}, "de") == "no children"
    with pytest.raises(gc.InvalidValueError, match="unknown language"):
        StatusScale().label("partly", lang="de")
