"""The public names DESIGN.md promises, reachable as written there."""

from __future__ import annotations

import goalchain as gc


def test_design_contract_names() -> None:
    chain = gc.GoalChain(name="Burlövs kommun", model="classic")
    chain.add_goal("vision", "Burlöv", level="vision")
    chain.add_goal(
        "kf1",
        "Fler elever ska nå gymnasiebehörighet",
        level="council",
        parents=["vision"],
        owner="Kommunfullmäktige",
    )
    chain.add_indicator(
        "i1",
        "Andel behöriga till yrkesprogram",
        parents=["kf1"],
        unit="percent",
        direction="increase",
        baseline=(2022, 78.0),
        target=(2026, 90.0),
        kolada="N15436",
    )
    chain.record("i1", 2023, 80.5)
    t = gc.progression.annual_targets(baseline=(2022, 78.0), target=(2026, 90.0), method="linear")
    assert t.expected(2024) == 84.0
    assert chain["i1"].trajectory().magnitudes == t.magnitudes
    assert callable(gc.load) and callable(gc.dump)

    # sorted the isort way (ruff RUF022): CONSTANTS, then Classes, then functions and modules
    def key(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert sorted(gc.__all__, key=key) == gc.__all__
    assert len(set(gc.__all__)) == len(gc.__all__)


def test_import_creates_no_unit_registry() -> None:
    import subprocess
    import sys

    code = "import goalchain, goalchain.units as u; print(u.get_registry.cache_info().currsize)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "0"
