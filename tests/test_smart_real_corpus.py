"""The corpus of real goal texts (tests/fixtures/smart_real/goals.yaml) is well formed.

The corpus holds goal formulations published by Swedish municipalities and
regions, quoted exactly and labelled by the rubric beside it (RUBRIC.md). These
tests check its form only: every field present and of the allowed kind, ids
and texts unique, at least 150 goals from at least 25 municipalities or
regions, none from the five seed municipalities, and every third goal held
out. They do not run the SMART check; the benchmark measures that.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

HERE = Path(__file__).resolve().parent / "fixtures" / "smart_real"
CORPUS = HERE / "goals.yaml"
RUBRIC = HERE / "RUBRIC.md"

ENTRIES: list[dict[str, Any]] = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))

MIN_GOALS = 150
MIN_MUNICIPALITIES = 25
REQUIRED = {
    "id",
    "text",
    "source",
    "specific",
    "specific_reason",
    "time_bound",
    "time_bound_reason",
    "held_out",
}
OPTIONAL = {"notes"}
SOURCE_KEYS = {"url", "municipality", "year", "level"}
SPECIFIC = {"concrete", "vague", "unclear"}
TIME_BOUND = {"yes", "no"}
# The five municipalities whose texts seed the project's own examples.
SEEDS = (
    "trelleborg",
    "nynäshamn",
    "nynashamn",
    "burlöv",
    "burlov",
    "grästorp",
    "grastorp",
    "lerum",
)


def _nonempty(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def test_the_rubric_is_beside_the_corpus() -> None:
    text = RUBRIC.read_text(encoding="utf-8")
    for word in ("concrete", "vague", "unclear", "time_bound", "held_out"):
        assert word in text


def test_the_corpus_is_a_list_of_mappings() -> None:
    assert isinstance(ENTRIES, list)
    assert all(isinstance(e, dict) for e in ENTRIES)


def test_the_corpus_is_large_enough() -> None:
    assert len(ENTRIES) >= MIN_GOALS


def test_the_corpus_spans_enough_municipalities_and_regions() -> None:
    places = {e["source"]["municipality"] for e in ENTRIES}
    assert len(places) >= MIN_MUNICIPALITIES, sorted(places)


def test_no_seed_municipality() -> None:
    for e in ENTRIES:
        where = (e["source"]["municipality"] + " " + e["source"]["url"]).lower()
        assert not any(seed in where for seed in SEEDS), e["id"]


def test_ids_are_unique_and_in_collection_order() -> None:
    ids = [e["id"] for e in ENTRIES]
    assert ids == [f"g{i:03d}" for i in range(1, len(ENTRIES) + 1)]


def test_texts_are_unique() -> None:
    texts = [e["text"] for e in ENTRIES]
    assert len(set(texts)) == len(texts)


def test_every_third_goal_is_held_out() -> None:
    for position, e in enumerate(ENTRIES, start=1):
        assert e["held_out"] is (position % 3 == 0), e["id"]


def test_every_label_is_used() -> None:
    assert {e["specific"] for e in ENTRIES} == SPECIFIC
    assert {e["time_bound"] for e in ENTRIES} == TIME_BOUND


@pytest.mark.parametrize("entry", ENTRIES, ids=[str(e.get("id")) for e in ENTRIES])
def test_entry_form(entry: dict[str, Any]) -> None:
    keys = set(entry)
    assert keys >= REQUIRED, REQUIRED - keys
    assert keys <= REQUIRED | OPTIONAL, keys - REQUIRED - OPTIONAL
    assert re.fullmatch(r"g\d{3}", entry["id"])
    text = entry["text"]
    assert _nonempty(text)
    assert text == text.strip()
    assert entry["specific"] in SPECIFIC
    assert entry["time_bound"] in TIME_BOUND
    assert _nonempty(entry["specific_reason"])
    assert _nonempty(entry["time_bound_reason"])
    assert isinstance(entry["held_out"], bool)
    if "notes" in entry:
        assert _nonempty(entry["notes"])

    source = entry["source"]
    assert isinstance(source, dict)
    assert set(source) == SOURCE_KEYS
    assert re.match(r"https?://\S+$", source["url"])
    assert _nonempty(source["municipality"])
    assert _nonempty(source["level"])
    year = source["year"]
    if year is None:
        # A document without a printed or evident year says so in a note.
        assert _nonempty(entry.get("notes"))
    else:
        assert isinstance(year, int) and not isinstance(year, bool)
        assert 1990 <= year <= 2030
