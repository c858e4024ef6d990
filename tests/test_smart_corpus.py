"""The corpus of goal formulations through check(): the ``specific`` verdict of each.

The corpus (tests/smart_corpus.yaml) gives each formulation its expected
verdict; here each is the title of the one goal of a chain, checked strictly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import goalchain as gc
from goalchain.smart import check

CORPUS = Path(__file__).resolve().parent / "smart_corpus.yaml"
ENTRIES: list[dict[str, Any]] = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


def test_the_corpus_is_large_and_varied() -> None:
    assert len(ENTRIES) >= 60
    assert {e["lang"] for e in ENTRIES} == {"sv", "en"}
    assert {e["verdict"] for e in ENTRIES} == {"pass", "warn", "fail"}


@pytest.mark.parametrize(
    "entry", ENTRIES, ids=[f"{i:03d}-{e['lang']}-{e['verdict']}" for i, e in enumerate(ENTRIES)]
)
def test_specific_verdict(entry: dict[str, Any]) -> None:
    chain = gc.GoalChain(name="Korpus")
    chain.add_goal("g", entry["text"], level="council", owner="Kommunfullmäktige")
    report = check(chain, criteria=["specific"], strict=True, lang=entry["lang"])
    assert report.verdict("g", "specific") == entry["verdict"]
    found = {f.code for f in report} - {"specific"}
    assert found == set(entry["codes"])
    advisory = check(chain, criteria=["specific"])
    expected = "warn" if entry["verdict"] == "fail" else entry["verdict"]
    assert advisory.verdict("g", "specific") == expected
