"""A Kolada KPI's unit, read from the last part of its title, checked on all 6,099 real KPIs.

``fixtures/kolada/kpi_titles.json`` holds the id and title of every KPI that
Kolada's v3 API served in March 2026 (copied from ``../shared/kolada/kpi.json``,
recorded by rKolada; source: Kolada, RKA, CC BY 4.0), so the tests need no
network and nothing outside the repository.
"""

from __future__ import annotations

import collections
import functools
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goalchain.io.kolada import KpiInfo, title_unit, title_unit_text
from goalchain.units import parse_unit

TITLES = Path(__file__).parent / "fixtures" / "kolada" / "kpi_titles.json"


@functools.cache
def kpis() -> dict[str, str]:
    """Every KPI's title by id."""
    data = json.loads(TITLES.read_text(encoding="utf-8"))
    assert data["count"] == len(data["values"]) == 6099
    return {kpi["id"]: kpi["title"] for kpi in data["values"]}


# The figures over all 6,099 titles: how many are read to each unit, and how many
# are unknown (their last part names no unit goalchain knows: "genomsnitt",
# "kr/elev", "(Ja=1, Nej=0)", "medelvärde"...). A change in the reading shows here.
READ = {
    "percent": 2940,
    "count": 779,
    "SEK / inhabitant": 680,
    "index_point": 355,
    "per_1000_inhabitants": 127,
    "per_100000_inhabitants": 81,
    "per_10000_inhabitants": 64,
    "kilogram / inhabitant": 36,
    "day": 34,
    "count / inhabitant": 31,
    "kilogram": 30,
    "SEK / (meter ** 2)": 29,
    "SEK": 25,
    "tkr": 24,
    "metric_ton / inhabitant": 19,
    "metric_ton": 18,
    "megawatt_hour": 16,
    "megawatt_hour / inhabitant": 15,
    "mnkr": 12,
    "meter / inhabitant": 9,
    "meter": 9,
    "kilowatt_hour / (meter ** 2)": 9,
    "year": 7,
    "SEK / meter": 7,
    "hectare": 6,
    "liter / inhabitant": 6,
    "megawatt": 6,
    "meter ** 3 / inhabitant": 5,
    "percentage_point": 5,
    "hour / week": 4,
    "score": 4,
    "megabit / second": 4,
    "minute": 4,
    "tkr / inhabitant": 3,
    "meter ** 2 / inhabitant": 3,
    "meter ** 2": 3,
    "permille": 2,
    "month": 2,
    "inhabitant / (meter ** 2)": 1,
    "kilometer ** 2": 1,
    "meter ** 3": 1,
    "hour": 1,
    "day / inhabitant": 1,
    "kilometer": 1,
    "scandinavian_mile / inhabitant": 1,
    "meter ** 3 / (meter ** 2)": 1,
}
UNKNOWN = 678


def test_every_title_is_read_to_a_known_unit_or_reported_unknown() -> None:
    read: collections.Counter[str] = collections.Counter()
    unknown: collections.Counter[str] = collections.Counter()
    for kpi_id, title in kpis().items():
        unit = title_unit(title)
        info = KpiInfo(id=kpi_id, title=title)
        assert info.unit == unit
        if unit is None:
            unknown[title_unit_text(title)] += 1
            assert info.fits("percent") is None and not info.is_percent
            continue
        parse_unit(unit)  # a unit goalchain knows
        read[unit] += 1
    assert dict(read) == READ
    assert sum(unknown.values()) == UNKNOWN
    assert sum(READ.values()) + UNKNOWN == 6099
    # what is left unknown says no unit
    for text in ("genomsnitt", "medelvärde", "kr/elev", "kr/DRG-poäng", "(Ja=1, Nej=0)"):
        assert unknown[text] > 0


def _last(title: str) -> str:
    return title_unit_text(title).lower()


def test_each_reading_rests_on_the_last_part_alone() -> None:
    """Never a word elsewhere in the title: the evidence for each unit is in the last part."""
    evidence = {
        "percent": r"%|^procent$",
        "count": r"(^|[-–] )(totalt )?antal\b",
        "day": r"dagar",
        "per_1000_inhabitants": r"/ ?1 ?000 ?(vuxna )?inv|per 1000 invånare",
        "per_10000_inhabitants": r"/ ?10 000 (vuxna )?inv",
        "per_100000_inhabitants": r"/ ?100 000 inv",
        "index_point": r"index",
        "percentage_point": r"^procentenheter",
        "mnkr": r"^(mkr|miljoner kronor)$",
        "tkr": r"^tkr$",
        "SEK": r"^(kr|kronor)\b",
        "SEK / inhabitant": r"^kr/(inv|invånare|vuxna invånare)\b",
        "metric_ton": r"^ton\b",
    }
    for title in kpis().values():
        unit = title_unit(title)
        if unit in evidence:
            assert re.search(evidence[unit], _last(title)), (title, unit)
        if "%" in title_unit_text(title):
            assert unit == "percent", title


@pytest.mark.parametrize(
    ("kpi_id", "unit"),
    [
        # issue 12: these read as percent because "andel" stood somewhere in the title
        ("N03116", "SEK / inhabitant"),  # Aktier, andelar samt bostadsrätter …, kr/inv
        ("N52001", "mnkr"),  # Försäljning i dagligvaruhandel, mkr
        ("N52002", "index_point"),  # Försäljningsindex dagligvaruhandel, index
        ("N07549", "per_100000_inhabitants"),  # Anmälda misshandelsbrott …, antal/100 000 inv
        ("N00227", "count"),  # Deltidsanställda (1-99 %) månadsavlönade, kommun, antal
        ("N01958", "percent"),  # Befolkningsförändring … femårsperioden, procent
        ("N15436", "percent"),  # … behöriga till yrkesprogram, kommunala skolor, andel (%)
        ("N01951", "count"),  # Invånare totalt, antal
        ("N00003", "SEK / inhabitant"),  # Personalkostnader, kr/inv
        ("U23401", None),  # Väntetid i antal dagar …, medelvärde: days are not the unit said
    ],
)
def test_real_titles(kpi_id: str, unit: str | None) -> None:
    info = KpiInfo(id=kpi_id, title=kpis()[kpi_id])
    assert info.unit == unit
    assert info.is_percent == (unit == "percent")


def test_the_old_rule_misread_36_titles() -> None:
    """'%', 'andel' or 'procent' anywhere in the title: 36 titles that are not shares."""

    def old(title: str) -> bool:
        lowered = title.lower()
        return "%" in lowered or "andel" in lowered or "procent" in lowered

    misread = [t for t in kpis().values() if old(t) and title_unit(t) != "percent"]
    assert len(misread) == 36
    assert not [t for t in kpis().values() if title_unit(t) == "percent" and not old(t)]


@pytest.mark.parametrize(
    ("title", "text", "unit"),
    [
        ("Elever, andel (%)", "andel (%)", "percent"),
        ("X, andel (%) (-2023)", "andel (%) (-2023)", "percent"),
        ("X, andel (%). Källa: SCB.", "andel (%). Källa: SCB.", "percent"),
        ("X (Ja=1, Nej=0)", "X (Ja=1, Nej=0)", None),
        ("X, (Ja=1, Nej=0)", "(Ja=1, Nej=0)", None),
        ("X, kr/inv 65+", "kr/inv 65+", "SEK / inhabitant"),
        ("X, kr/inv 1 nov fg år.", "kr/inv 1 nov fg år.", "SEK / inhabitant"),
        ("X, antal/100 000 invånare", "antal/100 000 invånare", "per_100000_inhabitants"),
        ("X, antal/100 000 kvinnor", "antal/100 000 kvinnor", None),
        ("X, antal/1000 sysselsatta", "antal/1000 sysselsatta", None),
        ("X, ton CO2e/inv", "ton CO2e/inv", "metric_ton / inhabitant"),
        ("X, mil/inv", "mil/inv", "scandinavian_mile / inhabitant"),
        ("X, kWh/kvm BRA", "kWh/kvm BRA", "kilowatt_hour / (meter ** 2)"),
        ("HME, Livskvalitet - Kommunindex", "Livskvalitet - Kommunindex", "index_point"),
        ("X, andel (%) - Målnivå ≥ 80", "andel (%) - Målnivå ≥ 80", "percent"),
        ("X, antal dagar (median)", "antal dagar (median)", "day"),
        ("X, medelvärde", "medelvärde", None),
        ("Kvalitetsindex förskola", "Kvalitetsindex förskola", None),
        ("", "", None),
    ],
)
def test_the_last_part_and_its_unit(title: str, text: str, unit: str | None) -> None:
    assert title_unit_text(title) == text
    assert title_unit(title) == unit


@given(st.text(max_size=80))
def test_any_title_is_read_or_unknown_never_an_error(title: str) -> None:
    unit = title_unit(title)
    if unit is not None:
        parse_unit(unit)
    text, depth = title_unit_text(title), 0
    for char in text:  # no comma outside parentheses is left in the last part
        depth += {"(": 1, ")": -1}.get(char, 0) if depth or char != ")" else 0
        assert char != "," or depth > 0


@pytest.mark.parametrize(
    ("title", "unit", "fits"),
    [
        ("Personalkostnader, kr/inv", "tkr/inv", True),
        ("Personalkostnader, kr/inv", "kr", False),
        ("Personalkostnader, kr/inv", "percent", False),
        ("Invånare totalt, antal", "invånare", True),
        ("Invånare totalt, antal", "st", True),
        ("Invånare totalt, antal", "percent", False),
        ("Behöriga, andel (%)", "permille", True),
        ("Behöriga, andel (%)", "procentenheter", False),
        ("Brott, antal/100 000 inv", "per 1000 invånare", True),
        ("Väntetid, medelvärde", "dagar", None),
    ],
)
def test_fits(title: str, unit: str, fits: bool | None) -> None:
    assert KpiInfo(id="X", title=title).fits(unit) is fits
