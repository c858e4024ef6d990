"""The SMART check speaks through the catalogs (issue 15): any language with a
catalog, plurals that agree, English messages looked up once per table and language."""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
from babel.messages.pofile import read_po
from hypothesis import given

import goalchain as gc
from _catalogs import catalog_of, check_words
from goalchain import _i18n
from goalchain.smart._finding import Texts, from_table, translated
from goalchain.smart._language import MESSAGES, issue_texts
from goalchain.smart._registry import criteria

FINNISH = {
    "the goal has no owner": "tavoitteella ei ole omistajaa",
    "the goal is addressed to {evidence}": "tavoite on osoitettu: {evidence}",
    "Responsible": "Vastuu",
    "Structure": "Rakenne",
    "SMART check": "SMART-tarkistus",
    'the formulation is too short to be followed up ("{evidence}")': (
        "muotoilu on liian lyhyt seurattavaksi ({evidence})"
    ),
}
FINNISH_PLURAL = {
    "the goal is measured by indicator {evidence} (unit, direction, baseline and target)": (
        "the goal is measured by indicators {evidence} (unit, direction, baseline and target)",
        "tavoitetta mitataan indikaattorilla {evidence}",
        "tavoitetta mitataan indikaattoreilla {evidence}",
    ),
}


@pytest.fixture
def finnish(tmp_path: Path) -> Iterator[None]:
    """A test-only Finnish catalog of a few SMART messages, added with use_catalog_dir."""
    messages: dict[object, object] = dict(FINNISH)
    for singular, (plural, one, many) in FINNISH_PLURAL.items():
        messages[(None, (singular, plural))] = (one, many)
    messages[("SMART verdict", "fail")] = "hylätty"
    with catalog_of(tmp_path, messages):
        yield


def _chain() -> gc.GoalChain:
    chain = gc.GoalChain(name="Kieli")
    chain.add_goal("kf1", "Fler elever ska klara skolan", level="council")
    chain.add_goal("kf2", "Bra", level="council", owner="Socialnämnden")
    for i in ("i1", "i2"):
        chain.add_indicator(
            i, "Behöriga", parents=["kf1"], unit="percent", baseline=(2022, 78.0), target=(2026, 90)
        )
    return chain


def test_a_third_language_is_a_catalog_for_the_smart_check(finnish: None) -> None:
    report = gc.smart.check(_chain(), lang="fi", criteria=["responsible", "measurable", "specific"])
    by = {(f.element, f.code): f for f in report}
    assert by["kf1", "no_owner"].message == "tavoitteella ei ole omistajaa"
    assert by["kf2", "owner"].message == "tavoite on osoitettu: Socialnämnden"
    assert by["kf1", "indicator"].message == "tavoitetta mitataan indikaattoreilla i1, i2"
    assert by["kf2", "too_short"].message == "muotoilu on liian lyhyt seurattavaksi (Bra)"
    # what the Finnish catalog lacks is written in English, the code's language
    assert by["kf1", "no_owner"].hint.startswith("address the goal to a named recipient")
    assert report.label("responsible") == "Vastuu"
    assert report.label("specific") == "Specific"
    assert str(by["kf1", "no_owner"]).startswith("kf1: responsible: warn: tavoitteella")
    assert gc.smart.verdict_label("fail", "fi") == "hylätty"
    assert report.to_table().startswith("SMART-tarkistus")
    # the same report in Swedish, and back: Texts are made in Finnish when asked for
    swedish = report.in_lang("sv")
    assert {f.message for f in swedish if f.code == "no_owner"} == {"målet saknar ägare"}
    assert swedish.in_lang("fi") == report


def test_findings_of_a_report_turn_to_a_third_language(finnish: None) -> None:
    report = gc.smart.check(_chain(), criteria=["responsible", "measurable"])
    finnish_report = report.in_lang("fi")
    found = {f.code: f.message for f in finnish_report}
    assert found["no_owner"] == "tavoitteella ei ole omistajaa"
    assert found["indicator"] == "tavoitetta mitataan indikaattoreilla i1, i2"
    assert pickle.loads(pickle.dumps(list(finnish_report))) == list(finnish_report)


def test_texts_in_a_third_language(finnish: None) -> None:
    given_ = Texts("sv", "en", {"fi": "fi"})
    assert dict(given_) == {"sv": "sv", "en": "en", "fi": "fi"}
    assert Texts("sv", "en")["fi"] == "en"  # no Finnish: English
    made = Texts("sv", "en", lambda lang: lang.upper())
    assert made["fi"] == "FI"
    assert pickle.loads(pickle.dumps(made)) == Texts("sv", "en", {"fi": "FI"})
    assert translated("the goal has no owner")["fi"] == "tavoitteella ei ole omistajaa"
    assert MESSAGES["too_short"]["fi"][0] == "muotoilu on liian lyhyt seurattavaksi ({evidence})"
    assert issue_texts("too_short", "Bra", lang="fi")[0].endswith("(Bra)")
    judgement = gc.smart.Judgement(verdict="warn", code="x", message={"sv": "a", "fi": "b"})
    assert dict(judgement.message) == {"sv": "a", "en": "a", "fi": "b"}


def test_texts_in_an_unknown_language_are_refused() -> None:
    with pytest.raises(KeyError):
        Texts("sv", "en")["fi"]
    with pytest.raises(gc.InvalidValueError, match="unknown language 'fi'"):
        gc.smart.Judgement(verdict="warn", code="x", message={"sv": "a", "fi": "b"})
    with pytest.raises(gc.InvalidValueError, match="unknown language 'fi'"):
        gc.smart.check(_chain(), lang="fi")
    with pytest.raises(gc.InvalidValueError, match="unknown language 'fi'"):
        gc.smart.SmartReport([], lang="fi")


def test_the_report_in_english_and_swedish_is_unchanged() -> None:
    report = gc.smart.check(_chain(), criteria=["responsible"])
    assert (
        report.to_table().splitlines()[0]
        == "SMART-kontroll: Kieli · mandatperiod 2023–2026 · rådgivande läge"
    )
    assert "| Element | Kriterium | Bedömning | Belägg | Iakttagelse | Åtgärd |" in (
        report.to_markdown()
    )
    english = report.in_lang("en").to_table()
    assert (
        english.splitlines()[0] == "SMART check: Kieli · mandate period 2023–2026 · advisory mode"
    )
    assert "Summary per criterion (number of findings):" in english


def test_plurals_agree_with_the_count() -> None:
    """'indikatorn i' but 'indikatorerna i1, i2' wherever indicators are counted."""
    chain = gc.GoalChain(name="Plural")
    chain.add_goal("kf", "Andelen behöriga ska öka till 90 procent år 2026", level="council")
    for i in ("i1", "i2"):
        chain.add_indicator(
            i, "Behöriga", parents=["kf"], unit="percent", baseline=(2022, 78.0), target=(2026, 90)
        )
    chain.add_goal("kf2", "Andelen nöjda ska öka till 90 procent år 2026", level="council")
    chain.add_indicator(
        "j", "Nöjda", parents=["kf2"], unit="percent", baseline=(2022, 78.0), target=(2026, 90)
    )
    report = gc.smart.check(chain, criteria=["realistic", "time_bound"], strict=True)
    found = {(f.element, f.code): f for f in report}
    assert "indikatorerna i1, i2 har inga mätvärden" in found["kf", "no_history"].message
    assert found["kf", "no_history"].message.startswith("målvärdena är möjliga")
    assert "indikatorn j har inga mätvärden" in found["kf2", "no_history"].message
    assert "för indikatorerna i1, i2:" in found["kf", "no_annual_targets"].message
    assert "för indikatorn j:" in found["kf2", "no_annual_targets"].message
    english = {(f.element, f.code): f for f in report.in_lang("en")}
    assert "but indicators i1, i2 have no" in english["kf", "no_history"].message
    assert "but indicator j has no" in english["kf2", "no_history"].message
    assert "for indicators i1, i2:" in english["kf", "no_annual_targets"].message


def test_one_incomplete_indicator_lacks_data_in_english() -> None:
    chain = gc.GoalChain(name="Plural")
    chain.add_goal("kf", "Fler elever ska klara skolan", level="council")
    chain.add_indicator("i", "Behöriga", parents=["kf"], unit="percent", baseline=(2022, 78.0))
    finding = gc.smart.check(chain, criteria=["measurable"], lang="en")[0]
    assert finding.message == "the goal's indicator lacks data: i: target"
    assert finding.hint.startswith("give the indicator a baseline")


def test_built_in_labels_come_from_the_catalog() -> None:
    labels = {name: (type(c).label_sv, c.label_en) for name, c in criteria.items()}
    assert labels["time_bound"] == ("Tidsatt", "Time-bound")
    assert labels["responsible"] == ("Ansvar", "Responsible")
    report = gc.smart.check(_chain())
    assert report.labels["structure"] == {"sv": "Struktur", "en": "Structure"}


_TABLE = {
    "plain": ("the goal has no owner", ""),
    "field": ("the goal is addressed to {evidence}", "say {other}"),
    "counted": (
        lambda n, lang: _i18n.ngettext(
            "the goal is measured by indicator {evidence} (unit, direction, baseline and target)",
            "the goal is measured by indicators {evidence} (unit, direction, baseline and target)",
            n,
            lang,
        ),
        "",
    ),
}


@given(st.text(max_size=12), st.text(max_size=12), st.integers(0, 5))
def test_a_table_entry_is_its_message_in_each_language(
    evidence: str, other: str, count: int
) -> None:
    """from_table gives what gettext (or ngettext) and str.format give, memo or not."""
    for once in (False, True):
        field = from_table(_TABLE, "warn", "field", evidence=evidence, other=other, once=once)
        for lang in ("sv", "en"):
            message = _i18n.gettext("the goal is addressed to {evidence}", lang)
            assert field.message[lang] == message.format(evidence=evidence)
            assert field.hint[lang] == _i18n.gettext("say {other}", lang).format(other=other)
        counted = from_table(_TABLE, "pass", "counted", evidence=evidence, count=count, once=once)
        for lang in ("sv", "en"):
            assert counted.message[lang] == _TABLE["counted"][0](count, lang).format(  # type: ignore[operator]
                evidence=evidence
            )
    plain = from_table(_TABLE, "fail", "plain")
    assert (plain.message.sv, plain.message.en) == ("målet saknar ägare", "the goal has no owner")
    assert plain.hint == Texts("", "")


def test_a_counted_message_needs_its_count() -> None:
    with pytest.raises(TypeError, match="count"):
        from_table(_TABLE, "pass", "counted", evidence="i", once=True)


def _answers_nonsense(goal: object, context: object) -> object:
    return 42


@pytest.mark.parametrize(
    ("raise_it", "english", "swedish"),
    [
        # _check
        (
            lambda c: gc.smart.check(c, options={"realistic": {"speed": 2}}),
            "criterion 'realistic' has no option 'speed'; its options: factor",
            "fältet 'options.realistic': kriteriet 'realistic' har inget alternativ 'speed'",
        ),
        (
            lambda c: gc.smart.check(c, levels={"structure": ["council"]}),
            "the structural checks concern the whole chain and take no levels",
            "strukturkontrollerna gäller hela kedjan och tar inga nivåer",
        ),
        (
            lambda c: gc.smart.check(c, strict="yes"),
            "strict must be True or False, got 'yes'",
            "strict måste vara True eller False, fick 'yes'",
        ),
        # _finding
        (
            lambda c: gc.smart.Judgement(verdict="ok", code="x", message="m"),
            "unknown verdict 'ok'; valid: pass, warn, fail, not_applicable",
            "fältet 'verdict': okänd bedömning 'ok'; giltiga: pass, warn, fail, not_applicable",
        ),
        (
            lambda c: gc.smart.Judgement(verdict="warn", code="x", message={"sv": 1}),
            "expected text per language {'sv': ..., 'en': ...}, got {'sv': 1}",
            "väntade en text per språk {'sv': ..., 'en': ...}, fick {'sv': 1}",
        ),
        (
            lambda c: gc.smart.Judgement(verdict="warn", code="x", message={"de": "Ziel"}),
            "text in unknown language 'de'; valid: sv, en",
            "text på okänt språk 'de'; giltiga: sv, en",
        ),
        # _time_bound, _realistic
        (
            lambda c: gc.smart.check(c, options={"time_bound": {"after_mandate": "x"}}),
            "the time_bound criterion's option after_mandate must be one of",
            "alternativet after_mandate för kriteriet time_bound måste vara ett av",
        ),
        (
            lambda c: gc.smart.check(c, options={"realistic": {"factor": -1}}),
            "the realistic criterion's factor must be a number > 0, got -1",
            "faktorn för kriteriet realistic måste vara ett tal > 0, fick -1",
        ),
    ],
)
def test_smart_errors_render_in_swedish(
    raise_it: Callable[[gc.GoalChain], object], english: str, swedish: str
) -> None:
    with pytest.raises(gc.GoalchainError) as info:
        raise_it(_chain())
    check_words(info.value, english, swedish)


def test_a_criterion_answering_nonsense_is_named_in_swedish() -> None:
    gc.smart.register("nonsense", _answers_nonsense)
    try:
        with pytest.raises(gc.InvalidValueError) as info:
            gc.smart.check(_chain(), criteria=["nonsense"])
    finally:
        criteria.unregister("nonsense")
    assert "criterion 'nonsense' answered 42 about 'kf1'" in str(info.value)
    assert "kriteriet 'nonsense' svarade 42 om 'kf1'" in info.value.render("sv")


def _swedish_messages() -> dict[Any, Any]:
    """Goalchain's Swedish catalog as messages for :func:`catalog_of`."""
    path = Path(_i18n.__file__).parent / "locale" / "sv" / "LC_MESSAGES" / "goalchain.po"
    with path.open("rb") as stream:
        catalog = read_po(stream)
    return {(m.context, m.id): m.string for m in catalog if m.id}


def test_every_built_in_smart_text_comes_from_the_catalog(tmp_path: Path) -> None:
    """A third language whose catalog holds the Swedish words gives the Swedish
    report: no built-in message, hint, evidence or label is worded beside the catalog
    (the levels' names are the governance model's own, in English there)."""
    chains = [_chain(), *(gc.load(f"examples/{n}.yaml") for n in ("trelleborg", "lerum", "burlov"))]
    swedish = [gc.smart.check(chain, strict=True) for chain in chains]
    with catalog_of(tmp_path, _swedish_messages()):
        other = [gc.smart.check(chain, lang="fi", strict=True) for chain in chains]
        turned = [report.in_lang("fi") for report in swedish]
        for report, own in zip(other, swedish, strict=True):
            assert report.labels == {n: {**ls, "fi": ls["sv"]} for n, ls in own.labels.items()}
    compared: set[str] = set()
    for sv, fi, made in zip(
        itertools.chain(*swedish), itertools.chain(*other), itertools.chain(*turned), strict=True
    ):
        assert fi.lang == made.lang == "fi"
        if sv.code == "level":  # "... på nivån {level}": the model's label_sv / label_en
            continue
        compared.add(sv.code)
        for texts in (fi, made):
            assert (texts.message, texts.hint, texts.evidence) == (
                sv.message,
                sv.hint,
                sv.evidence,
            ), sv
    assert len(compared) >= 18, compared
