"""The fast paths of goalchain.smart give what the plain ways of computing the same do.

``check()`` was made fast (benchmarks/smart.py) by indexing the lexicons by first
words, by reading chain-wide data once per check, and by keeping the garbage
collector's full passes off old objects. Each is compared here with the plain
computation it replaced.
"""

from __future__ import annotations

import gc
import string
from collections.abc import Sequence

import hypothesis.strategies as st
import pytest
from hypothesis import given

import goalchain as gc_
from goalchain import _i18n
from goalchain._gc import frozen_objects
from goalchain.models import Goal, Indicator
from goalchain.report._format import format_value_sv_en
from goalchain.smart import (
    SmartContext,
    _accepted,
    _measurable,
    _realistic,
    _responsible,
    _structure,
    _time_bound,
    analyse,
    check,
    detect_language,
)
from goalchain.smart._finding import Texts, _fill
from goalchain.smart._language import (
    _CONJUNCTION_INDEX,
    _KIND_OF,
    _LANGUAGE_SCORES,
    _LANGUAGE_WORDS,
    _TOKEN,
    LEXICONS,
    _filler_hits,
    _has_quantity,
    _join_width,
    _joins,
    _KindOf,
    _LanguageScores,
    _may_have_filler,
    _number_is_quantity,
    _scan,
    _sentence_spans,
    _sentence_tokens,
    _Token,
    _tokenize,
    _Tokens,
    issue_tuples,
)
from goalchain.testing import goal_chains

# --------------------------------------------------------------- lexicon indexes


def _plain_tokenize(text: str) -> list[_Token]:
    return [
        _Token(m.lastgroup or "p", m.group(), m.group().casefold(), m.start(), m.end())
        for m in _TOKEN.finditer(text)
    ]


def _columns(tokens: Sequence[_Token]) -> _Tokens:
    """Token records as the analysis's columns."""
    return _Tokens(
        [t.norm for t in tokens],
        "".join(t.kind for t in tokens),
        [t.start for t in tokens],
        [t.end for t in tokens],
    )


def _plain_fillers(tokens: Sequence[_Token], lang: str) -> list[tuple[int, int]]:
    """Every filler phrase tried at every token: leftmost, then longest."""
    lexicon = LEXICONS[lang]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        longest = -1
        for phrase in lexicon.fillers:
            end = i + len(phrase)
            if end > len(tokens) or end - 1 <= longest:
                continue
            if all(
                tokens[i + k].kind == "w" and tokens[i + k].norm in forms
                for k, forms in enumerate(phrase)
            ):
                longest = end - 1
        if longest == i and i > 0 and tokens[i - 1].norm in lexicon.determiners:
            longest = -1
        if longest >= 0:
            out.append((i, longest))
            i = longest + 1
        else:
            i += 1
    return out


def _plain_join_width(tokens: Sequence[_Token], i: int, lang: str) -> int:
    for conjunction in LEXICONS[lang].conjunctions:
        width = len(conjunction)
        if tuple(t.norm for t in tokens[i : i + width]) != conjunction:
            continue
        if tokens[i].kind == "w" and i > 0 and tokens[i - 1].text in {"-", "–", "—"}:
            return 0
        if tokens[i].kind == "p" and i + 1 < len(tokens) and tokens[i + 1].kind == "w":
            return width + _plain_join_width(tokens, i + 1, lang)
        return width
    return 0


def _lexicon_words(lang: str) -> list[str]:
    lexicon = LEXICONS[lang]
    words = {form for phrase in lexicon.fillers for forms in phrase for form in forms}
    words |= {word for conjunction in lexicon.conjunctions for word in conjunction}
    words |= lexicon.determiners
    return sorted(words)


def _sentences(lang: str) -> st.SearchStrategy[str]:
    word = st.sampled_from([*_lexicon_words(lang), "mål", "goal", "Barn-", "90", "-", ","])
    return st.lists(word, max_size=14).map(" ".join)


@given(
    st.sampled_from(["sv", "en"]).flatmap(lambda lang: st.tuples(st.just(lang), _sentences(lang)))
)
def test_fillers_are_found_as_by_trying_every_phrase(case: tuple[str, str]) -> None:
    lang, text = case
    found = [(hit.first, hit.last) for hit in _filler_hits(text, _scan(text).tokens, lang)]
    assert found == _plain_fillers(_tokenize(text), lang)


@given(
    st.sampled_from(["sv", "en"]).flatmap(lambda lang: st.tuples(st.just(lang), _sentences(lang)))
)
def test_a_sentence_passed_over_for_fillers_has_none(case: tuple[str, str]) -> None:
    lang, text = case
    tokens = _tokenize(text)
    if not _may_have_filler([t.norm for t in tokens], lang):
        assert _plain_fillers(tokens, lang) == []


def _plain_has_quantity(tokens: Sequence[_Token], lang: str) -> bool:
    lexicon = LEXICONS[lang]
    columns = _columns(tokens)
    for i, token in enumerate(tokens):
        if token.kind == "n" and _number_is_quantity(columns, i, lexicon):
            return True
        if token.text == "%" or token.norm in lexicon.percent_words | lexicon.quantity_words:
            return True
    return False


def _quantity_sentences(lang: str) -> st.SearchStrategy[str]:
    lexicon = LEXICONS[lang]
    words = sorted(lexicon.percent_words | lexicon.quantity_words | lexicon.age_words)
    word = st.sampled_from([*words, "år", "year", "med", "2026", "16", "1 000", "%", "+", "-", "x"])
    return st.lists(word, max_size=10).map(" ".join)


@given(
    st.sampled_from(["sv", "en"]).flatmap(
        lambda lang: st.tuples(st.just(lang), _quantity_sentences(lang))
    )
)
def test_a_quantity_is_found_as_by_reading_every_token(case: tuple[str, str]) -> None:
    lang, text = case
    assert _has_quantity(_scan(text).tokens, LEXICONS[lang]) == _plain_has_quantity(
        _tokenize(text), lang
    )


def _plain_join_parts(tokens: Sequence[_Token], lang: str) -> list[tuple[int, int]]:
    """The joins of a sentence, found by trying every token in turn."""
    joins = []
    i = 0
    columns = _columns(tokens)
    while i < len(tokens):
        width = _join_width(columns, i, _CONJUNCTION_INDEX[lang])
        if width:
            joins.append((i, i + width))
            i += width
        else:
            i += 1
    return joins


@given(
    st.sampled_from(["sv", "en"]).flatmap(lambda lang: st.tuples(st.just(lang), _sentences(lang)))
)
def test_joins_are_found_as_by_trying_every_token(case: tuple[str, str]) -> None:
    lang, text = case
    assert _joins(_scan(text).tokens, lang) == _plain_join_parts(_tokenize(text), lang)


@given(st.text(max_size=60))
def test_one_scan_sorts_and_counts_as_separate_passes_do(text: str) -> None:
    scan = _scan(text)
    tokens = _plain_tokenize(text)
    assert scan.tokens == _columns(tokens)
    assert _tokenize(text) == tokens
    assert scan.words == [t.norm for t in tokens if t.kind == "w"]
    assert scan.counted == len([t for t in tokens if t.kind in "wn"])
    # what detect_language counted, word by word, before the counts were kept per word
    sv_words, en_words = _LANGUAGE_WORDS["sv"], _LANGUAGE_WORDS["en"]
    sv = sum(
        (t.norm in sv_words) + any(c in t.norm for c in "åäö") for t in tokens if t.kind == "w"
    )
    en = sum(t.norm in en_words for t in tokens if t.kind == "w")
    assert scan.english == en - sv


@given(st.text(alphabet=st.sampled_from("ab .!?\n-•t.ex"), max_size=40))
def test_tokens_go_to_the_sentence_they_start_in(text: str) -> None:
    tokens = _plain_tokenize(text)
    spans = _sentence_spans(text)
    plain: list[list[_Token]] = [[] for _ in spans]
    number = 0
    for token in tokens:
        while token.start >= spans[number][1] and number + 1 < len(spans):
            number += 1
        plain[number].append(token)
    found = [tokens[first:end] for first, end in _sentence_tokens(text, _scan(text).tokens.starts)]
    # the same, but that sentences without tokens at the end may be left out
    while len(plain) > len(found) and not plain[-1]:
        plain.pop()
    assert found == plain


@given(
    st.sampled_from(["sv", "en"]).flatmap(lambda lang: st.tuples(st.just(lang), _sentences(lang)))
)
def test_joins_are_found_as_by_trying_every_conjunction(case: tuple[str, str]) -> None:
    lang, text = case
    tokens = _tokenize(text)
    columns = _scan(text).tokens
    conjunctions = _CONJUNCTION_INDEX[lang]
    for i in range(len(tokens)):
        assert _join_width(columns, i, conjunctions) == _plain_join_width(tokens, i, lang)


@given(st.text(alphabet=st.sampled_from("aåÄöß İΣς-,.1 2Öland\u00a0\u0345"), max_size=30))
def test_tokens_are_folded_word_by_word(text: str) -> None:
    # "ß" and "İ" fold to two characters, "\u0345" (a mark) to "ι" (a letter): each token
    # is found in the text and folded on its own
    assert _tokenize(text) == _plain_tokenize(text)


def test_words_that_fold_longer_are_matched() -> None:
    assert [i.code for i in analyse("Straße ska främja tryggheten")] == ["vague_verb"]
    assert [i.evidence for i in analyse("GROSSE STRAßE SKA I MÖJLIGASTE MÅN ÖKA")] == [
        "I MÖJLIGASTE MÅN",
        "ÖKA",
    ]


def test_a_sentence_without_any_lexicon_word_is_still_judged() -> None:
    assert [i.code for i in analyse("Trygghet")] == ["too_short"]
    assert analyse("Andelen nöjda brukare ska vara minst 92 procent 2026") == ()


# --------------------------------------------------------------- chain-wide data


@given(goal_chains(max_elements=14), st.booleans())
def test_the_context_reads_the_chain_as_its_methods_do(
    chain: gc_.GoalChain, relinked: bool
) -> None:
    links = chain.links()
    if relinked and links:  # a link made again last: the chain's link log is stale
        parent, child, weight = links[0]
        chain.unlink(parent, child)
        chain.link(parent, child, weight)
        assert not chain._links.valid
    context = SmartContext(chain)
    assert [e.id for e in context.elements] == [e.id for e in chain.elements()]
    order = {element_id: i for i, element_id in enumerate(chain)}
    for element in chain.elements():
        children = sorted(chain.children(element.id), key=order.__getitem__)
        parents = sorted(chain.parents(element.id), key=order.__getitem__)
        assert [e.id for e in context.children(element.id)] == children
        assert [e.id for e in context.parents(element.id)] == parents
        if isinstance(element, Goal):
            own = [i for i in children if isinstance(chain[i], Indicator)]
            assert [i.id for i in context.indicators(element.id)] == own
        if isinstance(element, Indicator):
            expected = {
                period.year: value
                for period, value in chain.series(element.id).items()
                if period.is_year
            }
            assert context.series(element.id) == expected
    assert context.series("no such indicator") == {}


# --------------------------------------------------------------- garbage collection


def test_check_leaves_the_collector_as_it_found_it() -> None:
    chain = gc_.GoalChain(name="Exempel")
    chain.add_goal("kf1", "Fler elever ska klara skolan", level="council")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    check(chain)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_frozen_objects_freezes_for_the_block_only() -> None:
    with frozen_objects() as freeze:
        assert gc.get_freeze_count() > 0
        kept = [object() for _ in range(10)]
        freeze()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
    del kept


def test_frozen_objects_leaves_a_disabled_collector_alone() -> None:
    gc.disable()
    try:
        with frozen_objects() as freeze:
            freeze()
            assert gc.get_freeze_count() == 0
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_frozen_objects_leaves_the_programs_own_freeze_alone() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with frozen_objects() as freeze:
            garbage = [[] for _ in range(1000)]  # new objects, which freeze() must not take
            freeze()
            assert gc.get_freeze_count() <= frozen
        del garbage
        # nothing unfrozen (frozen objects that die in between leave the count: a few)
        assert frozen * 0.99 <= gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


def test_an_exception_in_the_block_still_unfreezes() -> None:
    try:
        with frozen_objects():
            raise ValueError("in the block")
    except ValueError:
        pass
    assert gc.get_freeze_count() == 0


# --------------------------------------------------------------- table templates

_TEMPLATE_PIECES = st.sampled_from(
    ["målet ", "{evidence}", "{indicator}", " (", ")", "{{", "}}", "{year:d}", "{evidence!r}", "å"]
)


@given(st.lists(_TEMPLATE_PIECES, max_size=6).map("".join), st.text(max_size=5), st.integers())
def test_a_template_is_filled_in_as_format_map_does(template: str, text: str, year: int) -> None:
    values = {"evidence": text, "indicator": text + "x", "year": year}
    assert _fill(template)(values) == template.format_map(values)


def test_every_table_template_is_filled_in_as_format_map_does() -> None:
    tables = [
        module._TEXT
        for module in (_accepted, _measurable, _realistic, _responsible, _structure, _time_bound)
    ]
    templates = [
        template(n, lang) if callable(template) else _i18n.gettext(template, lang)
        for table in tables
        for pair in table.values()
        for template in pair
        if template
        for lang in _i18n.languages()
        for n in (1, 2)
    ]
    names = {name for template in templates for _, name, _, _ in string.Formatter().parse(template)}
    values = {name: f"<{name}>" for name in names if name}
    assert {"evidence", "indicator", "mandate"} <= values.keys()
    for template in templates:
        assert _fill(template)(values) == template.format_map(values), template


_UNITS = ["percent", "percentage_point", "count", "days", "SEK", "kr/invånare"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from([0.0, -0.0, 2, 2.0, 12.5, -12.5]) | st.floats(-1e6, 1e6, width=32),
            st.sampled_from(_UNITS),
        ),
        max_size=30,
    )
)
def test_values_written_once_per_check_read_as_written_alone(
    values: list[tuple[float, str]],
) -> None:
    formats: dict[tuple[float, str], Texts] = {}
    for value, unit in values:
        written = _realistic._fmt(value, unit, formats)
        assert (written.sv, written.en) == format_value_sv_en(value, unit)


@given(st.text(max_size=80), st.sampled_from([None, "sv", "en"]))
def test_the_issue_tuples_are_the_issues_of_analyse(text: str, lang: str | None) -> None:
    assert issue_tuples(text, lang=lang) == tuple(
        (issue.code, issue.evidence, issue.serious) for issue in analyse(text, lang=lang)
    )


def test_the_tokenizer_s_tables_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # what the tables learn of characters and words is kept to a limit, and a table
    # emptied on the way still gives the same tokens and language
    monkeypatch.setattr(_KindOf, "limit", 5)
    monkeypatch.setattr(_LanguageScores, "limit", 5)
    for code in range(0x400, 0x440):  # Cyrillic letters, each a new first character and word
        text = f"{chr(code)}x 12 ska öka, främja {chr(code + 1)}"
        assert _scan(text).tokens == _columns(_plain_tokenize(text))
        assert len(_KIND_OF) <= 5 and len(_LANGUAGE_SCORES) <= 5
    assert detect_language("Fler elever ska nå gymnasiebehörighet") == "sv"
