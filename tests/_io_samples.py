"""Hand-built chains for the file tests (tests/test_io*.py)."""

from __future__ import annotations

import datetime as dt

import goalchain as gc


def rich_chain(*, json_safe: bool = False) -> gc.GoalChain:
    """A chain that uses every field the file format has, plus unknown fields.

    With *json_safe*, the unknown fields hold no dates: JSON writes dates as
    ISO strings, and goalchain never turns strings in unknown fields into dates.
    """
    chain = gc.GoalChain(
        name="Nynäshamns kommun",
        model="nynashamn",
        municipality="0192",
        metadata={
            "kontakt": {"namn": "Åsa Öberg", "telefon": "08-520 680 00", "aktiv": True},
            "mandatperiod": [2023, 2026],
            "antagen": "2022-11-28" if json_safe else dt.date(2022, 11, 28),
            "budget_mnkr": 2345.5,
            "anteckning": None,
            "nästlad": {"lista": [{"a": 1}, {"b": [1.5, "två", None]}]},
        },
    )
    chain.add_goal(
        "vision",
        "Vision 2040: Nynäshamn – en hållbar skärgårdskommun",
        level="vision",
        owner="Kommunfullmäktige",
        description="Visionen antogs 2019.\nDen gäller till 2040.\n",
        decision={
            "body": "Kommunfullmäktige",
            "date": "2019-06-13",
            "reference": "KS/2019/0101",
            "paragraf": "§ 112",
        },
        tags=["vision", "hållbarhet"],
    )
    chain.add_goal(
        "kf1",
        "Fler invånare ska ha arbete",
        level="council",
        parents=["vision"],
        owner="Kommunfullmäktige",
        extra={"färg": "grön", "prioritet": 1},
    )
    chain.add_goal(
        "kf2",
        "Attraktiv arbetsgivare",
        level="council",
        parents={"vision": 2.0},
        owner="Kommunfullmäktige",
        rollup="worst_case",
    )
    chain.add_goal(
        "bun1",
        "Alla elever ska nå kunskapsmålen",
        level="committee",
        parents={"kf1": 1.0, "kf2": 0.5},
        owner="Barn- och utbildningsnämnden",
        decision={"body": "Barn- och utbildningsnämnden", "date": dt.date(2023, 2, 14)},
    )
    chain.add_goal(
        "bun2",
        "Medarbetarna trivs",
        level="committee",
        parents=["kf2"],
        owner="Barn- och utbildningsnämnden",
        cross_cutting=True,
    )
    chain.add_goal(
        "sn2",
        "Medarbetarna trivs",
        level="committee",
        parents=["kf2"],
        owner="Socialnämnden",
        cross_cutting=True,
        description="",
    )
    chain.add_indicator(
        "i1",
        "Andel behöriga till yrkesprogram",
        parents=["bun1"],
        unit="percent",
        direction="increase",
        baseline=(2022, 78.0),
        target=(2026, 90.0),
        annual_targets={2023: 81.0, 2024: 84.0, 2025: 87.0},
        kolada="N15436",
        frequency="tertial",
        lag=1,
        progression="linear",
        owner="Skolförvaltningen",
        tags=["Kolada"],
        extra={"källa": "SCB", "detaljer": {"url": "https://kolada.se"}},
    )
    chain.add_indicator(
        "i2",
        "Sjukfrånvaro",
        parents=["bun2", "sn2"],
        unit="%",
        direction="decrease",
        baseline=(2022, 7.5),
        target=(2026, 6.0),
    )
    chain.add_indicator(
        "i3",
        "Kostnad per elev",
        parents=["bun1"],
        unit="tkr",
        direction="maintain",
        frequency="quarterly",
    )
    chain.add_indicator(
        "i4",
        "Anmälda brott",
        parents=["kf1"],
        unit="per_1000_inhabitants",
        direction="decrease",
        baseline=(2021, 1.0e20),
        target=(2030, 1.5e-7),
    )
    chain.add_activity(
        "a1",
        "Läxhjälp på alla skolor",
        parents=["bun1"],
        owner="Skolförvaltningen",
        start="2024-01-08",
        due="2024-12-31",
        status="in_progress",
        progress=0.4,
        extra={"budget_tkr": 350},
    )
    chain.add_activity("a2", "Medarbetarenkät", parents={"bun2": 3.0}, status="done")
    # Measurements of every period kind and gender.
    chain.record("i1", 2023, 80.5, source="Kolada")
    chain.record("i1", "2024-T1", "81,2 %", preliminary=True)
    chain.record("i1", "2024-T2", 81.9)
    chain.record("i1", "2024-T3", 82.4)
    chain.record("i1", "2024-delår", 82.0)
    chain.record("i1", 2024, 83.0, gender="K", extra={"kommentar": "Flickor"})
    chain.record("i1", 2024, 81.0, gender="M")
    for quarter, value in zip(("Q1", "Q2", "Q3", "Q4"), (51.0, 52.5, 53.25, 54.0), strict=True):
        chain.record("i3", f"2024-{quarter}", value)
    chain.record("i3", 2023, "2,5 mnkr")  # stored as 2500 tkr
    chain.record("i2", 2024, 7.1)
    # Assessments, with and without dialogue details.
    chain.assess(
        "kf1",
        2024,
        status="delvis uppfyllt",
        rationale="Ökningen går långsammare än progressionstakten.",
        participants=["Kommunstyrelsens ordförande", "Skolchef"],
        date="2024-11-20",
        score=0.5,
        extra={"protokoll": "KS 2024-11-20 § 4"},
    )
    chain.assess("kf2", "2024-delår", status="achieved", method="self-assessment")
    chain.assess("a1", "2024-T2", status="not_assessed")
    return chain


def custom_model() -> gc.GovernanceModel:
    """A user-defined model as in the file-format reference."""
    return gc.GovernanceModel(
        name="min_modell",
        label_sv="Vår styrmodell",
        label_en="Our governance model",
        description="Tre nivåer.",
        levels=[
            gc.Level(key="vision", label_sv="Vision", label_en="Vision", children=("goal",)),
            gc.Level(
                key="goal",
                label_sv="Inriktningsmål",
                label_en="Direction goal",
                children=("indicator", "task"),
                owner_required=True,
                description="Sätts av KF.",
            ),
            gc.Level(
                key="indicator", label_sv="Nyckeltal", label_en="Key figure", kind="indicator"
            ),
            gc.Level(
                key="task",
                label_sv="Uppdrag",
                label_en="Assignment",
                kind="activity",
                description="",
            ),
        ],
    )


def custom_chain() -> gc.GoalChain:
    """A chain on a custom model, with a measurement and an assessment."""
    chain = gc.GoalChain(name="Min kommun", model=custom_model())
    chain.add_goal("v", "Visionen", level="vision")
    chain.add_goal("g", "Målet", level="goal", parents=["v"], owner="KS")
    chain.add_indicator("n", "Nyckeltalet", parents=["g"], unit="count")
    chain.add_activity(
        "t", "Uppdraget", parents=["g"], owner="Kommundirektören", due=dt.date(2025, 6, 30)
    )
    chain.record("n", 2024, 12)
    chain.assess("g", 2024, status="achieved")
    return chain
