"""Issue 13, item 1: the *specific* criterion judges the result a goal names.

A goal text is specific when it names something verifiable (a measure, a
quantity, a deliverable), vague when it offers only values and ambitions or
effort without a result. The examples from the issue fail on the old check,
which only read verbs; the figures on the corpus of real goal texts are checked
on the tuning goals only (``held_out: false``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import goalchain as gc
from goalchain.smart import analyse, check
from goalchain.smart._language import issue_texts

CORPUS = Path(__file__).resolve().parent / "fixtures" / "smart_real" / "goals.yaml"


def _chain(*texts: str) -> gc.GoalChain:
    """Each text a committee goal below one council goal (as the benchmark builds them)."""
    chain = gc.GoalChain(name="Test", model="classic")
    chain.add_goal("kf", "Kommunfullmäktiges mål", level="council", owner="Kommunfullmäktige")
    for number, text in enumerate(texts):
        chain.add_goal(
            f"g{number}",
            text,
            level="committee",
            parents=["kf"],
            owner="Barn- och utbildningsnämnden",
            decision={"body": "BUN", "date": "2023-01-30", "reference": "BUN 2023/1"},
        )
    return chain


def _vague(text: str) -> bool:
    report = check(_chain(text), criteria=["specific"])
    return any(f.verdict != "pass" for f in report.filter(element="g0"))


# --- the issue's examples ---------------------------------------------------------------

VAGUE = [
    "Vansbro kommun är en attraktiv arbetsgivare där medarbetarna känner engagemang och "
    "arbetsglädje",
    "Göteborg ska vara en ekologiskt hållbar stad år 2030",
    "Hög måluppfyllelse i skolan",
    "Verksamhet av god kvalité",
    "Uppsala ska leda klimatomställningen",
    "Hållbara städer och samhällen",
    "Kommunen ska verka för fler arbetstillfällen",
    "Bekämpa klimatförändringarna inom kommunens verksamheter",
    "The council will be an attractive employer",
    "A sustainable town with good quality of life for everyone",
]

SPECIFIC = [
    "Andelen hushåll med försörjningsstöd ska minska.",
    # The rubric: a named award (a placement) that either is won or not; "Utveckla"
    # says how, the title names the result.
    "Utveckla Luleå till Sveriges Kvalitetskommun 2017",
    "Nöjd medborgarindex ska öka.",
    "En ny simhall ska vara byggd 2027.",
    "En klimatplan ska antas under 2025.",
    "Sjukfrånvaron ska vara högst 6 procent 2026.",
    "Klimatneutralitet 2030",
    "Fler elever ska nå gymnasiebehörighet",
    "Inför insamling av matavfall i hela kommunen",
    "Alla som har hemtjänst ska ha en fast omsorgskontakt",
    "Arbeta för att andelen elever med godkända betyg ska öka",
    "The share of households receiving social assistance will decrease.",
    "Waiting times for building permits will be shortened",
]


@pytest.mark.parametrize("text", VAGUE)
def test_values_and_effort_without_a_result_are_vague(text: str) -> None:
    assert _vague(text)


@pytest.mark.parametrize("text", SPECIFIC)
def test_a_named_measure_or_deliverable_is_specific(text: str) -> None:
    assert not _vague(text)


def test_the_finding_names_the_evidence_both_ways() -> None:
    report = check(_chain(VAGUE[0], VAGUE[1], VAGUE[6]), criteria=["specific"])
    [vansbro] = report.filter(element="g0")
    assert vansbro.code == "no_result"
    assert vansbro.message == (
        "nämner inget mätbart resultat; ”attraktiv”, ”engagemang” och ”arbetsglädje” är värderingar"
    )
    assert vansbro.evidence == "attraktiv, engagemang, arbetsglädje"
    assert vansbro.in_lang("en").message == (
        'names no measurable result; "attraktiv", "engagemang" and "arbetsglädje" are values'
    )
    [goteborg] = report.filter(element="g1")
    assert goteborg.message == "nämner inget mätbart resultat; ”hållbar” är en värdering"
    assert goteborg.in_lang("en").message == 'names no measurable result; "hållbar" is a value'
    [effort] = report.filter(element="g2")
    assert (effort.code, effort.evidence) == ("vague_verb", "verka för")
    assert effort.message.startswith("nämner inget mätbart resultat; ”verka för”")
    assert "lovar en insats" in effort.message
    assert "promises an effort" in effort.in_lang("en").message


def test_the_advice_is_built_from_the_goal_s_own_words() -> None:
    report = check(_chain(VAGUE[0], VAGUE[1], VAGUE[6], VAGUE[3]), criteria=["specific"])
    hints = [report.filter(element=f"g{n}")[0].hint for n in range(4)]
    assert "”attraktiv arbetsgivare”" in hints[0]
    assert "”ekologiskt hållbar stad”" in hints[1]
    assert "”verka för fler arbetstillfällen”" in hints[2]
    assert "”Antalet arbetstillfällen ska öka till … år …”" in hints[2]
    assert "”god kvalité”" in hints[3]
    assert len(set(hints)) == 4  # not one canned example
    english = report.filter(element="g2")[0].in_lang("en").hint
    assert '"The number of arbetstillfällen is to increase to ... by ..."' in english


def test_an_english_goal_is_read_with_the_english_lexicon() -> None:
    report = check(_chain("The council will be an attractive employer"), criteria=["specific"])
    [finding] = report.filter(element="g0")
    assert (finding.code, finding.evidence) == ("no_result", "attractive")
    assert '"attractive employer"' in finding.in_lang("en").hint
    assert [(i.code, i.evidence) for i in analyse("Promote cycling in the city centre")] == [
        ("vague_verb", "Promote")
    ]


def test_the_old_language_issues_stay() -> None:
    assert {i.code for i in analyse("Fler elever ska klara skolan och kostnaderna ska minska")} == {
        "several_goals"
    }
    assert [i.code for i in analyse("Vi ska bli bättre")] == ["no_object"]
    assert [i.code for i in analyse("Trygghet")] == ["too_short"]
    long = "Andelen elever som klarar målen ska öka. " * 3
    assert [i.code for i in analyse(long)] == ["too_long"]
    # Two words that name a measure can be followed up; one word cannot.
    assert analyse("Nöjda medborgare") == ()
    assert [i.code for i in analyse("Andelen")] == ["too_short"]


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "shown"),
    [
        ("", "too_short", "formuleringen är tom"),
        ("   \n\t ", "too_short", "formuleringen är tom"),
        ("Mål 13:", "too_short", "”Mål 13:”"),
        ("123 456 789", "no_object", "”123 456 789”"),
        ("12 34 56 78", "no_object", "”12 34 56 78”"),
        (
            "Kunta edistää asukkaiden hyvinvointia ja turvallisuutta",
            "no_result",
            "varken ut att vara svenska eller engelska",
        ),
        ("a" * 100_000, "too_short", "”" + "a" * 80 + "”"),
        ("Andelen nöjda ska öka. " * 5_000, "too_long", "från ”Andelen nöjda ska öka”"),
    ],
)
def test_bad_input_gives_a_finding_that_says_what_it_saw(text: str, code: str, shown: str) -> None:
    details = [issue for issue in analyse(text) if issue.code == code]
    assert details, analyse(text)
    evidence = details[0].evidence
    assert len(evidence) <= 80
    texts = [issue_texts(code, evidence, lang="sv", kind=kind) for kind in ("unknown", "none")]
    assert any(shown in message for message, _ in texts)


def test_bad_input_through_the_check_never_raises() -> None:
    texts = ["Mål 13:", "123 456 789", "x" * 100_000, "Kunta edistää hyvinvointia ja turvaa"]
    report = check(_chain(*texts), criteria=["specific"])
    for number, text in enumerate(texts):
        findings = report.filter(element=f"g{number}")
        assert findings and all(f.verdict == "warn" for f in findings), text
        assert all(len(f.evidence) <= 80 and f.message and f.hint for f in findings)


# --- properties ------------------------------------------------------------------------

_MEASURES = ["Andelen", "Antalet", "Kostnaden", "Väntetiden", "Sjukfrånvaron", "Nöjdheten"]
_GROUPS = ["elever", "invånare", "hushåll med försörjningsstöd", "äldre i särskilt boende"]
_DIRECTIONS = ["ska öka", "ska minska", "ska förbättras", "ska sänkas", "ökar", "minskar"]
_VALUES = ["attraktiv", "hållbar", "god", "trygg", "modern", "innovativ", "ledande"]
_THINGS = ["stad", "arbetsgivare", "skola", "omsorg", "ekonomi", "miljö"]


@given(
    st.sampled_from(_MEASURES),
    st.sampled_from(_GROUPS),
    st.sampled_from(_DIRECTIONS),
    st.booleans(),
)
def test_a_direction_on_a_named_measure_is_always_specific(
    measure: str, group: str, direction: str, stop: bool
) -> None:
    text = f"{measure} {'bland' if measure != 'Andelen' else ''} {group} {direction}"
    assert analyse(" ".join(text.split()) + ("." if stop else "")) == ()


@given(st.lists(st.sampled_from(_VALUES), min_size=1, max_size=3), st.sampled_from(_THINGS))
def test_values_alone_never_make_a_goal_specific(values: list[str], thing: str) -> None:
    text = f"Kommunen ska ha en {' och '.join(values)} {thing}"
    issues = analyse(text)
    [found] = [issue for issue in issues if issue.code == "no_result"]
    assert found.evidence.split(", ") == list(dict.fromkeys(values))


# --- the corpus of real goal texts (tuning goals only) ---------------------------------


def test_figures_on_the_tuning_goals_of_the_real_corpus() -> None:
    entries: list[dict[str, Any]] = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    tuning = [e for e in entries if not e["held_out"] and e["specific"] != "unclear"]
    report = check(_chain(*(e["text"] for e in tuning)), criteria=["specific"])
    flagged = {f.element for f in report if f.verdict != "pass" and f.element != "kf"}
    vague = [f"g{n}" for n, e in enumerate(tuning) if e["specific"] == "vague"]
    concrete = [f"g{n}" for n, e in enumerate(tuning) if e["specific"] == "concrete"]
    recall = sum(g in flagged for g in vague) / len(vague)
    false_alarms = sum(g in flagged for g in concrete) / len(concrete)
    assert recall >= 0.85
    assert false_alarms <= 0.10
