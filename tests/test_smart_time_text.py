"""The time_bound criterion reads the goal's own words (issue 13, item 2).

Years, dates, ranges, periods and yearly recurrence in a goal's text make it
time-bound; years to compare with, years in names and quantities do not. Annual
targets that were not decided, and a target year after the mandate period, are
notes, not failures of time-boundness. The reader never raises and runs in time
linear in its input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
import yaml
from hypothesis import given

import goalchain as gc
from _bounds import best_seconds
from goalchain.exceptions import InvalidValueError
from goalchain.smart import check, years_in_text
from goalchain.smart._time_text import (
    MAX_CHARS,
    TIMING,
    TimeMention,
    _Reader,
    deadline_years,
    read_time,
)

KINDS = TIMING | {"reference", "name"}


def kinds(text: str) -> list[tuple[str, str, int | None]]:
    return [(m.kind, m.words, m.year) for m in read_time(text)]


# ------------------------------------------------------------------ the reader
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # years, as a deadline
        ("Klimatneutralitet 2030", [("year", "2030", 2030)]),
        ("Andelen ska öka till 90 procent till 2026", [("year", "till 2026", 2026)]),
        ("Senast 2025 ska andelen nöjda öka", [("year", "Senast 2025", 2025)]),
        ("Sjukfrånvaron ska vara högst 6 procent år 2026", [("year", "år 2026", 2026)]),
        ("En klimatplan ska antas under 2025", [("year", "under 2025", 2025)]),
        ("Halve emissions by the end of 2030", [("year", "by the end of 2030", 2030)]),
        ("inte senare än 2027", [("year", "inte senare än 2027", 2027)]),
        ("Från och med 2025 ska alla fordon vara fossilfria", [("year", "2025", 2025)]),
        # dates and ranges
        ("Planen ska vara antagen senast 31 december 2025", [("date", "31 december 2025", 2025)]),
        ("klart 2025-06-30", [("date", "2025-06-30", 2025)]),
        ("done by December 31, 2026", [("date", "December 31, 2026", 2026)]),
        ("Mål för 2023–2026", [("range", "2023–2026", 2026)]),
        ("mål för 2023-26", [("range", "2023-26", 2026)]),
        ("mellan 2023 och 2026", [("range", "mellan 2023 och 2026", 2026)]),
        ("Fossilfritt under 2030-talet", [("period", "2030-talet", 2039)]),
        # periods
        (
            "Utbildningsnivån ska öka under mandatperioden.",
            [("period", "under mandatperioden", None)],
        ),
        ("Under planperioden ska tre förskolor byggas", [("period", "Under planperioden", None)]),
        ("ska minska under innevarande år", [("period", "under innevarande år", None)]),
        ("ska vara klart under året", [("period", "under året", None)]),
        ("ska införas inom två år", [("period", "inom två år", None)]),
        ("to be reached during the term", [("period", "during the term", None)]),
        ("within a year", [("period", "within a year", None)]),
        # every year
        ("Minst 250 nya bostäder ska färdigställas varje år", [("recurring", "varje år", None)]),
        ("Antalet ska öka årligen", [("recurring", "årligen", None)]),
        ("250 bostäder per år", [("recurring", "per år", None)]),
        ("två gånger om året", [("recurring", "om året", None)]),
        ("uppföljning vart tredje år", [("recurring", "vart tredje år", None)]),
        ("kg avfall per invånare och år", [("recurring", "per invånare och år", None)]),
        ("Every year, 250 new homes", [("recurring", "Every year", None)]),
        ("to rise annually", [("recurring", "annually", None)]),
        # not a time for the goal
        ("Bidra till Agenda 2030", [("name", "Agenda 2030", None)]),
        ("Vision 2040", [("name", "Vision 2040", None)]),
        ("enligt Mål och budget 2024–2026", [("name", "budget 2024–2026", None)]),
        ("minska med 25 % jämfört med 2019", [("reference", "jämfört med 2019", None)]),
        ("halveras från 2019 års nivå", [("reference", "2019 års", None)]),
        ("lower than in 1990", [("reference", "than in 1990", None)]),
        ("lägre än 2019", [("reference", "än 2019", None)]),
        ("compared with 1990", [("reference", "compared with 1990", None)]),
        ("fler än under förra mandatperioden", [("reference", "förra mandatperioden", None)]),
        ("Minst 2000 nya bostäder", []),
        ("2500 invånare fler", []),
        # no time at all
        ("Fler ska delta i en fritidsaktivitet varje vecka", []),
        ("Långsiktigt stark ekonomi på sikt", []),
        ("Elever i år 9 ska ha godkända betyg", []),
        ("Mål 13:", []),
        ("", []),
    ],
)
def test_read_time(text: str, expected: list[tuple[str, str, int | None]]) -> None:
    assert kinds(text) == expected


def test_read_time_several_in_one_text() -> None:
    text = (
        "Under programperioden ska utsläppen minska med 25% jämfört med 2019, "
        "fossilfritt senast år 2030 och klimatneutralt senast år 2025"
    )
    assert kinds(text) == [
        ("period", "Under programperioden", None),
        ("reference", "jämfört med 2019", None),
        ("year", "senast år 2030", 2030),
        ("year", "senast år 2025", 2025),
    ]
    assert deadline_years(read_time(text)) == [2030, 2025]
    assert deadline_years(read_time("2026, 2026 och till 2026")) == [2026]


def test_years_in_text() -> None:
    assert years_in_text("Minst 250 bostäder per år senast 2025") == [2025]
    assert years_in_text("Halve emissions by 2030") == [2030]
    assert years_in_text("Klimatneutralitet 2030") == [2030]  # no preposition: was []
    assert years_in_text("Utsläppen ska halveras till 2030 jämfört med 1990") == [2030]
    assert years_in_text("Vision 2040 ska nås 2040") == [2040]
    assert years_in_text(None) == []
    assert years_in_text("") == []


def test_only_the_first_characters_are_read() -> None:
    head = "x" * (MAX_CHARS - 5)
    assert years_in_text(head + " till 2026") == []
    assert years_in_text(head[:-5] + " till 2026") == [2026]


# ---------------------------------------------------------------- properties
PIECES = [
    " ",
    "  ",
    "2030",
    "2023",
    "26",
    "31",
    "9",
    "-",
    "–",
    ",",
    ".",
    ":",
    "%",
    "år",
    "året",
    "års",
    "till",
    "senast",
    "under",
    "varje",
    "vart",
    "tredje",
    "per",
    "och",
    "mellan",
    "från",
    "jämfört",
    "med",
    "än",
    "inom",
    "två",
    "december",
    "may",
    "mandatperioden",
    "perioden",
    "förra",
    "Agenda",
    "talet",
    "by",
    "the",
    "end",
    "of",
    "every",
    "year",
    "ÅR",
    "é",
    "\n",
    "\u00a0",
]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_read_time_never_raises_on_time_words(text: str) -> None:
    check_mentions(text, read_time(text))


@given(st.text(max_size=200))
def test_read_time_never_raises_on_any_text(text: str) -> None:
    check_mentions(text, read_time(text))


def check_mentions(text: str, mentions: tuple[TimeMention, ...]) -> None:
    for mention in mentions:
        assert mention.kind in KINDS
        assert mention.words.endswith("…") or mention.words in text
        assert len(mention.words) <= 60
        if mention.year is not None:
            assert mention.kind in TIMING
            assert 1900 <= mention.year <= 2100 + 9
    assert set(deadline_years(mentions)) == {
        m.year for m in mentions if m.kind in TIMING and m.year is not None
    }


ADVERSARIAL = [
    "9",  # one run of digits
    " ",  # only spaces
    "2030 ",  # years, each a mention
    "2030-",  # ranges that never close
    "-",
    "år ",
    "varje ",
    "senast år ",
    "jämfört med ",
    "31 december ",
    "under mandatperioden ",
    "ä9 -",
]


@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_the_reader_runs_in_linear_time(unit: str) -> None:
    """100 times the input takes at most ~100 times as long (x 10 for a loaded
    machine: quadratic time would take ~10,000 times as long), in this run."""
    short = unit * (1_000 // len(unit) + 1)
    long = short * 100

    def read(text: str) -> None:
        _Reader(text).read()  # the whole text: no cut at MAX_CHARS

    read(short)  # warm up
    small = best_seconds(lambda: read(short), repeat=5)
    large = best_seconds(lambda: read(long))
    assert large <= 1_000 * small + 0.1, (unit, small, large)


@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_read_time_is_bounded_on_long_texts(unit: str) -> None:
    """A text of 10^5 characters costs no more than one of MAX_CHARS (only those are read)."""
    bounded = (unit * (MAX_CHARS // len(unit) + 1))[:MAX_CHARS]
    long = unit * (100_000 // len(unit) + 1)
    read_time(bounded)
    small = best_seconds(lambda: read_time(bounded), repeat=5)
    large = best_seconds(lambda: read_time(long), repeat=5)
    assert large <= 5 * small + 0.05, (unit, small, large)
    assert read_time(long) == read_time(long[:MAX_CHARS])


# ----------------------------------------------------------- the criterion
def chain_of(
    title: str,
    *,
    description: str | None = None,
    indicator: dict[str, Any] | None = None,
    mandate: str = "2023-2026",
) -> gc.GoalChain:
    chain = gc.GoalChain(name="Tid", metadata={"mandate_period": mandate})
    chain.add_goal("g", title, level="council", owner="KS", description=description)
    if indicator is not None:
        chain.add_indicator("i", "Andel", parents=["g"], unit="percent", **indicator)
    return chain


def time_bound(chain: gc.GoalChain, **options: Any) -> list[tuple[str, str, str]]:
    report = check(chain, criteria=["time_bound"], strict=True, options={"time_bound": options})
    return [(f.verdict, f.code, f.evidence) for f in report.filter(element="g")]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Klimatneutralitet 2026", ("pass", "target_year", "2026")),
        ("Befolkningen ska öka under mandatperioden", ("pass", "period", "under mandatperioden")),
        ("Minst 250 nya bostäder ska färdigställas varje år", ("pass", "recurring", "varje år")),
        ("Antalet besökare ska öka årligen", ("pass", "recurring", "årligen")),
        ("Mål för 2023–2026: fler elever ska klara skolan", ("pass", "target_year", "2026")),
        ("Every year 250 new homes are to be completed", ("pass", "recurring", "Every year")),
        ("Emissions are to halve by 2026", ("pass", "target_year", "2026")),
    ],
)
def test_a_time_in_the_text_makes_the_goal_time_bound(
    title: str, expected: tuple[str, str, str]
) -> None:
    # each of these failed before issue 13 (no_target_year): only "år/till/senast 2026" was read
    assert time_bound(chain_of(title)) == [expected]


def test_the_description_is_read_too() -> None:
    chain = chain_of("Fler elever ska klara skolan", description="Målet ska nås senast 2026.")
    assert time_bound(chain) == [("pass", "target_year", "2026")]


def test_a_year_after_the_mandate_is_a_note() -> None:
    chain = chain_of("Klimatneutralitet 2030")
    assert time_bound(chain) == [("pass", "after_mandate", "2030")]
    assert time_bound(chain, after_mandate="warn") == [("warn", "after_mandate", "2030")]
    assert time_bound(chain, after_mandate="fail") == [("fail", "after_mandate", "2030")]
    finding = check(chain, criteria=["time_bound"], lang="en")[0]
    assert finding.message == "the target year 2030 lies after the mandate period 2023–2026"
    assert "intermediate target" in finding.hint and "2026" in finding.hint


def test_a_year_before_the_mandate_warns_with_the_words() -> None:
    chain = chain_of("Fossilfritt senast år 2020")
    assert time_bound(chain) == [("warn", "before_mandate", "2020")]
    finding = check(chain, criteria=["time_bound"])[0]
    assert finding.message == (
        "målåret 2020 ('senast år 2020') ligger före mandatperioden 2023–2026"
    )


@pytest.mark.parametrize("value", ["info", "", None, 1, True])
def test_the_after_mandate_option_is_checked(value: object) -> None:
    with pytest.raises(InvalidValueError, match="after_mandate") as err:
        time_bound(chain_of("Klimatneutralitet 2030"), after_mandate=value)
    assert err.value.field == "options.time_bound.after_mandate"


def test_a_year_that_is_no_time_is_named_in_the_finding() -> None:
    chain = chain_of("Bidra till att uppnå de globala målen i Agenda 2030")
    report = check(chain, criteria=["time_bound"], strict=True)
    assert [(f.verdict, f.code) for f in report] == [("fail", "no_target_year")]
    assert report[0].message.endswith("('Agenda 2030' är ett namn, inte en tidpunkt för målet)")
    en = report.in_lang("en")[0]
    assert en.message.endswith("('Agenda 2030' is a name, not a time for the goal)")
    compared = check(chain_of("Utsläppen ska minska jämfört med 2019"), criteria=["time_bound"])
    assert "'jämfört med 2019' anger en tid att jämföra med" in compared[0].message


def test_undecided_annual_targets_are_a_note_not_a_warning() -> None:
    # before issue 13 this warned "årsmål saknas" although the target year 2026 is plain
    chain = chain_of(
        "Andelen behöriga ska öka", indicator={"baseline": (2022, 78.0), "target": (2026, 90.0)}
    )
    assert time_bound(chain) == [
        ("pass", "target_year", "2026"),
        ("pass", "no_annual_targets", "i"),
    ]
    report = check(chain, criteria=["time_bound"])
    assert report.verdict("g", "time_bound") == "pass"
    assert not report.problems
    note = report[1]
    assert note.message.startswith(
        "inga årsmål är beslutade för indikatorn i: den linjära standardtakten används"
    )
    assert "annual_targets" not in note.hint and "progression" not in note.hint
    assert report.in_lang("en")[1].message.startswith(
        "no annual targets are decided for indicator i: the linear default is used"
    )


def test_the_note_names_several_indicators_in_the_plural() -> None:
    chain = chain_of("Fler elever ska klara skolan")
    chain.add_indicator(
        "j", "Andel", parents=["g"], unit="percent", baseline=(2022, 1.0), target=(2026, 2.0)
    )
    chain.add_indicator(
        "k", "Andel", parents=["g"], unit="percent", baseline=(2022, 1.0), target=(2026, 2.0)
    )
    report = check(chain, criteria=["time_bound"])
    assert report[1].message.startswith("inga årsmål är beslutade för indikatorerna j, k:")
    assert report.in_lang("en")[1].message.startswith(
        "no annual targets are decided for indicators j, k:"
    )


def test_a_named_method_or_decided_steps_give_no_note() -> None:
    for fields in (
        {"progression": "linear"},
        {"annual_targets": {2023: 81.0, 2024: 84.0, 2025: 87.0}},
    ):
        chain = chain_of(
            "Andelen behöriga ska öka",
            indicator={"baseline": (2022, 78.0), "target": (2026, 90.0), **fields},
        )
        assert time_bound(chain) == [("pass", "target_year", "2026")]


@pytest.mark.parametrize(
    "title",
    [
        "x" * 100_000,
        "2030 " * 20_000,
        "9" * 100_000,
        "Mål 13:",
        "2030",
        "1234567890",
        "Ökad trivsel",
        "Die Zahl der Besucher soll bis 2026 steigen",
    ],
)
def test_bad_input_gives_a_finding_never_an_exception(title: str) -> None:
    report = check(chain_of(title), criteria=["time_bound"], strict=True)
    assert len(report.filter(element="g")) >= 1
    assert all(f.message for f in report)


# ------------------------------------------------------ the corpus (tuning part)
CORPUS = Path(__file__).resolve().parent / "fixtures" / "smart_real" / "goals.yaml"


def test_time_bound_agrees_with_the_readers_of_the_tuning_goals() -> None:
    """The lead's benchmark setup (a committee goal each, decided 2024) on the tuning goals."""
    goals = [g for g in yaml.safe_load(CORPUS.read_text(encoding="utf-8")) if not g["held_out"]]
    chain = gc.GoalChain(name="Verkliga mål", model="classic")
    chain.add_goal("kf", "Kommunfullmäktiges mål", level="council", owner="Kommunfullmäktige")
    decision = {"body": "Kommunfullmäktige", "date": "2024-11-25", "reference": "KS 1"}
    for goal in goals:
        chain.add_goal(
            goal["id"],
            goal["text"],
            level="committee",
            parents=["kf"],
            owner="Nämnden",
            decision=decision,
        )
    report = check(chain, criteria=["time_bound"], strict=True)
    flagged = {f.element for f in report if f.verdict in ("warn", "fail")}
    right = [g for g in goals if (g["id"] not in flagged) == (g["time_bound"] == "yes")]
    yes = [g for g in goals if g["time_bound"] == "yes"]
    assert len(right) >= 0.95 * len(goals)
    assert sum(g["id"] not in flagged for g in yes) >= 0.85 * len(yes)
