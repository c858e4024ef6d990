"""Published follow-ups of real municipalities, checked against goalchain (issue 12, item 9).

``tests/fixtures/published/`` holds follow-ups transcribed by the rules in its
``RUBRIC.md``: for each document a transcription (``<municipality>_<year>.yaml``,
with source, the municipality's stated rule and every printed target, outcome and
verdict) and the same content as a goalchain chain file (``*.chain.yaml``) whose
``assessments`` (``method: published``) are the municipality's own verdicts.

Three kinds of test:

- the fixtures are well formed, and each chain file says what its transcription
  says (targets, outcomes, verdicts, held-out flags);
- the municipality's verdicts follow its own stated rule, applied by hand here,
  except the contradictions the transcription lists (a finding in itself);
- goalchain, judging each chain by the rule its file states (``rollup:`` and
  ``status_scale:``, issue 12 item 5: Vårgårda and Jönköping ``target_met``,
  Vansbro ``ratio`` with *delvis* from 80 %), reaches the municipality's verdict
  for each indicator, the targets read as printed (``≥ 130``, ``< 10``, ``minska``).

Agreement at the time of writing: 15 of the 16 printed indicator verdicts, 4 of 4
among those held out from the tuning (every third indicator, chosen before
goalchain was run). The one difference is listed in NOT_JUDGEABLE: the
municipality compares with a value its page does not print, so goalchain says
*ej bedömt* with the reason instead of guessing. Vårgårda's one printed verdict
that contradicts its own målvärde (CONTRADICTIONS) is judged by the rule.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

import goalchain as gc

HERE = Path(__file__).resolve().parent / "fixtures" / "published"
DOCUMENTS = ("vargarda_2023", "vansbro_2021", "jonkoping_2023")
STATUSES = {"achieved", "partly", "not_achieved", "not_assessed"}

# Verdicts the municipality reached from values its document does not print: goalchain
# cannot judge them from what is printed and says so (not assessed, with the reason).
NOT_JUDGEABLE = {
    # "Utvecklingen går åt rätt håll sedan 2005": only 2022's value (24 dagar) is printed.
    "hv_ohalsotal": "not_assessed",
}

# Verdicts the municipality printed although its own rule gives another one:
# indicator id -> the verdict its rule gives. Each is explained in the fixture's notes.
CONTRADICTIONS = {
    # 😊 for 0,7 against Målvärde 2023 2,0: judged on a three-year average instead.
    "ie_d1_i": "not_achieved",
}


@functools.cache
def _read(name: str) -> Any:
    return YAML(typ="safe", pure=True).load((HERE / name).read_text(encoding="utf-8"))


def _transcription(doc: str) -> dict[str, Any]:
    data: dict[str, Any] = _read(f"{doc}.yaml")
    return data


def _chain_document(doc: str) -> dict[str, Any]:
    data: dict[str, Any] = _read(f"{doc}.chain.yaml")
    return data


def _indicators(doc: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(goal, indicator) pairs of a transcription, in document order."""
    pairs = [
        (goal, indicator)
        for goal in _transcription(doc)["goals"]
        for indicator in goal.get("indicators", [])
    ]
    return sorted(pairs, key=lambda pair: int(pair[1]["order"]))


def _number(printed: str | int | float) -> float:
    """A value as printed ("12,8", "2,7 %", "116") as a float."""
    if isinstance(printed, (int, float)):
        return float(printed)
    text = printed.replace("\u00a0", " ").replace("%", "").replace(" ", "").replace(",", ".")
    return float(text)


def _rule_verdict(
    target: str | float, direction: str, actual: float, previous: float | None
) -> str:
    """The verdict by the plain rule every document here states or implies.

    Met when the outcome satisfies the target: a comparison as written, "öka" or
    "minska" against the previous printed value, a plain number in the indicator's
    direction. This is
    the test's own reading of the documents, not goalchain's code.
    """
    if target in ("öka", "minska"):
        if previous is None:
            return "not_assessed"
        improved = actual > previous if target == "öka" else actual < previous
        return "achieved" if improved else "not_achieved"
    if isinstance(target, str):
        match = re.fullmatch(r"\s*(≥|≤|>|<)?\s*([\d\s,.]+)\s*(%?)\s*", target)
        assert match, f"unreadable target {target!r}"
        sign, value = match.group(1), _number(match.group(2))
    else:
        sign, value = None, float(target)
    if sign is None:
        sign = "≤" if direction == "decrease" else "≥"
    met = {
        "≥": actual >= value,
        ">": actual > value,
        "≤": actual <= value,
        "<": actual < value,
    }[sign]
    return "achieved" if met else "not_achieved"


def _verdict_year(doc: str, element: dict[str, Any]) -> int:
    """The year a printed verdict refers to: the element's own, else the document's."""
    return int(element.get("verdict_year", _transcription(doc)["source"]["year"]))


def _previous(outcomes: dict[int, float], year: int) -> float | None:
    """The latest printed outcome before ``year`` (the previous measured value)."""
    earlier = [period for period in outcomes if period < year]
    return outcomes[max(earlier)] if earlier else None


def _cases() -> list[Any]:
    cases = []
    for doc in DOCUMENTS:
        for _goal, indicator in _indicators(doc):
            if indicator.get("verdict") is None:
                continue
            split = "held_out" if indicator["held_out"] else "tuning"
            cases.append(pytest.param(doc, indicator["id"], id=f"{doc}-{indicator['id']}-{split}"))
    return cases


# --- the fixtures ------------------------------------------------------------------


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_transcription_names_its_source_and_rule(doc: str) -> None:
    data = _transcription(doc)
    source = data["source"]
    for key in ("url", "title", "municipality", "year", "retrieved"):
        assert source[key], key
    assert source["url"].startswith("https://")
    assert str(source["retrieved"]) == "2026-12-07"
    assert source["municipality"] not in {
        "Trelleborgs kommun",
        "Nynäshamns kommun",
        "Burlövs kommun",
        "Grästorps kommun",
        "Lerums kommun",
    }
    assert data["rule"]["paraphrase"].strip()
    assert data["notes"]


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_every_indicator_is_complete(doc: str) -> None:
    for goal, indicator in _indicators(doc):
        assert goal["verdict"] in STATUSES | {None}
        for key in ("id", "title", "unit", "direction", "target_printed", "target", "target_year"):
            assert indicator.get(key) not in (None, ""), (indicator["id"], key)
        assert indicator["direction"] in {"increase", "decrease"}
        assert indicator["outcomes"], indicator["id"]
        for year, value in indicator["outcomes"].items():
            assert isinstance(year, int)
            assert isinstance(value, str), "outcomes are kept as printed"
            _number(value)
        assert indicator["verdict"] in STATUSES | {None}
        if indicator["verdict"] is None:
            assert indicator["notes"], "an indicator without a verdict says why"


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_held_out_is_every_third_indicator_in_document_order(doc: str) -> None:
    indicators = [indicator for _goal, indicator in _indicators(doc)]
    assert [indicator["order"] for indicator in indicators] == list(range(1, len(indicators) + 1))
    for indicator in indicators:
        assert indicator["held_out"] is (indicator["order"] % 3 == 0), indicator["id"]


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_chain_file_says_what_the_transcription_says(doc: str) -> None:
    chain = _chain_document(doc)
    elements = {element["id"]: element for element in chain["elements"]}
    measured: dict[tuple[str, int, str], float] = {
        (m["indicator"], int(m["period"]), m.get("gender", "T")): _number(m["value"])
        for m in chain["measurements"]
    }
    assessed = {(a["element"], int(a["period"])): a["status"] for a in chain["assessments"]}
    for goal, indicator in _indicators(doc):
        element = elements[indicator["id"]]
        assert element["kind"] == "indicator"
        assert goal["id"] in element["parents"]
        assert element["target"] == {"year": indicator["target_year"], "value": indicator["target"]}
        assert element["target_printed"] == indicator["target_printed"]
        assert element["held_out"] is indicator["held_out"]
        assert element["unit"] == indicator["unit"]
        assert element["direction"] == indicator["direction"]
        for period, value in indicator["outcomes"].items():
            assert measured[(indicator["id"], period, "T")] == _number(value)
        for gender, values in (indicator.get("outcomes_by_gender") or {}).items():
            for period, value in values.items():
                assert measured[(indicator["id"], period, gender)] == _number(value)
        verdict_year = _verdict_year(doc, indicator)
        assert assessed.get((indicator["id"], verdict_year)) == indicator["verdict"]
        if goal.get("verdict"):
            assert assessed[(goal["id"], _verdict_year(doc, goal))] == goal["verdict"]


# --- the municipalities against their own rules ------------------------------------


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_printed_verdicts_follow_the_stated_rule_except_the_listed_contradictions(doc: str) -> None:
    for _goal, indicator in _indicators(doc):
        if indicator["verdict"] is None:
            continue
        if indicator.get("rule_checkable") is False:
            assert indicator["notes"], "an indicator that cannot be checked says why"
            continue
        year = _verdict_year(doc, indicator)
        outcomes = {period: _number(value) for period, value in indicator["outcomes"].items()}
        by_rule = _rule_verdict(
            indicator["target"], indicator["direction"], outcomes[year], _previous(outcomes, year)
        )
        if indicator["id"] in CONTRADICTIONS:
            assert by_rule == CONTRADICTIONS[indicator["id"]] != indicator["verdict"]
        else:
            assert by_rule == indicator["verdict"], indicator["id"]


# --- goalchain against the municipalities ------------------------------------------


def _chain_without_verdicts(doc: str) -> gc.GoalChain:
    """The chain file with the municipality's verdicts taken out, for goalchain to judge."""
    data = dict(_chain_document(doc))
    data["assessments"] = [a for a in data["assessments"] if a.get("method") != "published"]
    return gc.loads(json.dumps(data, ensure_ascii=False), format="json", source=f"{doc}.chain.yaml")


@pytest.mark.parametrize(("doc", "indicator_id"), _cases())
def test_goalchain_reaches_the_municipalitys_verdict(doc: str, indicator_id: str) -> None:
    indicator = {ind["id"]: ind for _g, ind in _indicators(doc)}[indicator_id]
    year = _verdict_year(doc, indicator)
    verdict = indicator["verdict"]
    expected = NOT_JUDGEABLE.get(indicator_id) or CONTRADICTIONS.get(indicator_id, verdict)
    chain = _chain_without_verdicts(doc)
    result = chain.rollup(year)  # by the rule the chain file states
    assert result[indicator_id].status == expected
    # the follow-up shows the same score, and its target as printed
    row = chain.follow_up(year)[indicator_id]
    assert row.score == result[indicator_id].score
    printed = indicator["target"]
    assert row.target is not None
    if isinstance(printed, str):
        assert str(row.target) == printed.strip()
    else:
        assert row.target.value == float(printed)


def test_agreement_with_the_municipalities() -> None:
    """The figure the docstring reports: how many printed verdicts goalchain reaches."""
    agree = total = held_agree = held_total = 0
    for case in _cases():
        doc, indicator_id = case.values
        indicator = {ind["id"]: ind for _g, ind in _indicators(doc)}[indicator_id]
        year = _verdict_year(doc, indicator)
        status = _chain_without_verdicts(doc).rollup(year)[indicator_id].status
        wanted = CONTRADICTIONS.get(indicator_id, indicator["verdict"])
        total += 1
        agree += status == wanted
        if indicator["held_out"]:
            held_total += 1
            held_agree += status == wanted
    assert (agree, total) == (15, 16)
    assert (held_agree, held_total) == (4, 4)
