"""Shared test configuration: hypothesis profiles and small fixtures.

Profiles (choose with the environment variable ``HYPOTHESIS_PROFILE``):

``dev`` (default)
    Few examples, for quick runs while editing.
``ci``
    What ``make test`` runs: enough examples to find bugs, no deadline (the
    machine is shared), and the failing example printed as a reproduction blob.
``thorough``
    Many examples, for a nightly or pre-release run.
``fuzz``
    What ``make fuzz`` runs: the fuzzers of the readers of untrusted input
    (tests marked ``fuzz``) with many examples.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

import goalchain as gc

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=False,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev",
    max_examples=20,
    deadline=None,
    print_blob=True,
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    max_examples=3000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def chain() -> gc.GoalChain:
    """A small classic chain: vision, two council goals, a committee goal under
    both, an indicator with a measurement and an activity."""
    c = gc.GoalChain(name="Burlövs kommun", model="classic", municipality="1231")
    c.add_goal("vision", "Burlöv – en plats att växa i", level="vision")
    c.add_goal(
        "kf1",
        "Fler elever ska nå gymnasiebehörighet",
        level="council",
        parents=["vision"],
        owner="Kommunfullmäktige",
    )
    c.add_goal(
        "kf2",
        "God ekonomisk hushållning",
        level="council",
        parents=["vision"],
        owner="Kommunfullmäktige",
    )
    c.add_goal(
        "bun1",
        "Alla elever ska nå målen i svenska",
        level="committee",
        parents={"kf1": 2.0, "kf2": 0.5},
        owner="Barn- och utbildningsnämnden",
    )
    c.add_indicator(
        "i1",
        "Andel behöriga till yrkesprogram",
        parents=["bun1"],
        unit="percent",
        direction="increase",
        baseline=(2022, 78.0),
        target=(2026, 90.0),
        kolada="N15436",
    )
    c.add_activity(
        "a1",
        "Läxhjälp på alla skolor",
        parents=["bun1"],
        owner="Skolförvaltningen",
        due="2024-12-31",
    )
    c.record("i1", 2023, 80.5)
    c.assess("kf1", 2024, status="partly", rationale="Fler behöriga, men inte alla.")
    return c
