"""Language analysis behind the SMART criterion *specific* (Swedish and English).

:func:`analyse` reads one goal formulation and returns the language issues that
make it less than specific; ``()`` when it reads as specific. It never raises on
a string and gives the same answer for the same input.

Issue codes, and which are *serious* (the criterion fails, when strict) or only
warn:

``too_short`` (serious)
    Fewer than :data:`MIN_WORDS` words (numbers count as words).
``no_object`` (serious)
    No object or target group: after the pronouns, auxiliaries, the organisation
    itself ("kommunen", "vi"), comparatives ("bättre") and the vague verbs and
    fillers, no word is left ("Vi ska bli bättre", "Öka.", "Improve").
``vague_verb`` (warns)
    A verb that promises an effort, not a result ("verka för", "sträva efter",
    "främja", "arbeta för", "bidra till", "promote", "work towards"), always; or a
    verb of change ("öka", "minska", "förbättra", "utveckla", "stärka",
    "increase", "improve") when its sentence gives no quantity. A quantity is a
    number that is not a year, an age or a name ("12,5 %", "90 procent",
    "från 78 till 90", "med 5 procentenheter", "1 000 bostäder"), a percent or
    currency word, or a number word ("hälften", "halveras", "three").
``filler`` (warns)
    A hedge or filler ("i möjligaste mån", "på sikt", "aktivt", "fortsätta att",
    "as far as possible", "in the long term").
``several_goals`` (warns)
    Two goal clauses joined in one sentence ("Fler elever ska klara skolan och
    kostnaderna ska minska"; "Öka X, minska Y"); a joined target group ("barn
    och unga") is one goal.
``too_long`` (warns)
    More than :data:`MAX_WORDS` words or more than :data:`MAX_SENTENCES`
    sentences.

Matching is on whole word forms from explicit inflection tables (see
``_lexicon``), never on substrings: "främjar", "förbättrade", "ökning" match;
"arbetsförmedling", "utvecklingssamtal", "förbättringsområde" and "Öland" do not.
Compounds are not analysed, and there is no part-of-speech tagging: the checks
are heuristics meant to prompt a second look, which is why only the two crude
cases are serious.

Examples
--------
>>> issues = analyse("Kommunen ska verka för ökad trygghet")
>>> [(issue.code, issue.evidence, issue.serious) for issue in issues]
[('vague_verb', 'verka för', False), ('vague_verb', 'ökad', False)]
>>> message, hint = MESSAGES["vague_verb"]["sv"]
>>> message.format(evidence=issues[0].evidence)
'”verka för” är ett vagt verb: det lovar en insats, inte ett resultat'
>>> analyse("Tryggheten ska öka till 85 procent 2026")
()
"""

from __future__ import annotations

import itertools
import operator
import re
import unicodedata
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

import attrs

from ._lexicon import LEXICONS, Lexicon

__all__ = [
    "CODES",
    "MAX_SENTENCES",
    "MAX_WORDS",
    "MESSAGES",
    "MIN_WORDS",
    "SERIOUS",
    "TextIssue",
    "analyse",
    "detect_language",
]

MIN_WORDS = 3
"""A formulation with fewer words than this is ``too_short``."""
MAX_WORDS = 40
"""A formulation with more words than this is ``too_long``."""
MAX_SENTENCES = 2
"""A formulation with more sentences than this is ``too_long`` (a goal and one
sentence that makes it measurable is fine)."""

CODES = ("vague_verb", "filler", "several_goals", "no_object", "too_short", "too_long")
"""Every issue code :func:`analyse` can return."""
SERIOUS = frozenset({"too_short", "no_object"})
"""The codes that make the criterion fail; the others warn."""

_EXAMPLE_SV = (
    "”Andelen elever som är behöriga till yrkesprogram ska öka från 78 till 90 procent till 2026”"
)
_EXAMPLE_EN = (
    '"The share of pupils eligible for vocational programmes is to rise from 78 to 90 per cent '
    'by 2026"'
)

_MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "vague_verb": {
        "sv": (
            "”{evidence}” är ett vagt verb: det lovar en insats, inte ett resultat",
            "Skriv vad som ska uppnås och för vem, med ett mätbart värde och år, t.ex. "
            + _EXAMPLE_SV,
        ),
        "en": (
            '"{evidence}" is a vague verb: it promises an effort, not a result',
            "Say what is to be achieved and for whom, with a measurable value and year, e.g. "
            + _EXAMPLE_EN,
        ),
    },
    "filler": {
        "sv": (
            "”{evidence}” är en utfyllnad eller reservation som gör målet otydligt",
            "Stryk ”{evidence}” och skriv vad som ska vara uppnått och när, t.ex. "
            "”… ska vara minst 85 procent senast 2026”",
        ),
        "en": (
            '"{evidence}" is a filler or hedge that makes the goal unclear',
            'Delete "{evidence}" and say what is to be achieved and when, e.g. '
            '"... is to be at least 85 per cent by 2026"',
        ),
    },
    "several_goals": {
        "sv": (
            "formuleringen rymmer flera mål i en mening (”{evidence}”)",
            "Dela upp i ett mål per mening, vart och ett med eget mätbart värde och år",
        ),
        "en": (
            'the formulation holds several goals in one sentence ("{evidence}")',
            "Split it into one goal per sentence, each with its own measurable value and year",
        ),
    },
    "no_object": {
        "sv": (
            "målet säger inte vad som ska uppnås eller för vem (”{evidence}”)",
            "Skriv vad som ska förändras och för vilken målgrupp, t.ex. ”Andelen äldre som "
            "känner sig trygga i sitt boende ska vara minst 85 procent 2026”",
        ),
        "en": (
            'the goal does not say what is to be achieved or for whom ("{evidence}")',
            'Say what is to change and for which group, e.g. "The share of older people who '
            'feel safe in their home is to be at least 85 per cent in 2026"',
        ),
    },
    "too_short": {
        "sv": (
            "formuleringen är för kort för att gå att följa upp (”{evidence}”)",
            f"Skriv en hel mening på minst {MIN_WORDS} ord: vad, för vem, hur mycket och när, "
            "t.ex. " + _EXAMPLE_SV,
        ),
        "en": (
            'the formulation is too short to be followed up ("{evidence}")',
            f"Write a whole sentence of at least {MIN_WORDS} words: what, for whom, how much "
            "and when, e.g. " + _EXAMPLE_EN,
        ),
    },
    "too_long": {
        "sv": (
            f"formuleringen är för lång för ett mål (mer än {MAX_WORDS} ord eller "
            f"{MAX_SENTENCES} meningar), från ”{{evidence}}”",
            "Korta till en mening med målet och ett mätbart värde; flytta bakgrund och "
            "aktiviteter till andra delar av planen",
        ),
        "en": (
            f"the formulation is too long for a goal (more than {MAX_WORDS} words or "
            f'{MAX_SENTENCES} sentences), from "{{evidence}}"',
            "Shorten it to one sentence with the goal and a measurable value; move background "
            "and activities to other parts of the plan",
        ),
    },
}

MESSAGES: Mapping[str, Mapping[str, tuple[str, str]]] = MappingProxyType(
    {code: MappingProxyType(texts) for code, texts in _MESSAGES.items()}
)
"""Per code and language (``"sv"``, ``"en"``): ``(message, hint)``.

Both are templates that may use ``{evidence}``; the hint says how to fix it.

"""


@attrs.frozen(kw_only=True)
class TextIssue:
    """One language issue of a goal formulation.

    Attributes
    ----------
    code
        One of :data:`CODES`: ``"vague_verb"``, ``"filler"``,
        ``"several_goals"``, ``"no_object"``, ``"too_short"``, ``"too_long"``.
    evidence
        The words that decided it, as they appear in the text (runs of
        whitespace shown as one space): ``"främjar"``, ``"och att"``.
    serious
        True when the criterion fails (when strict); False when it warns.
    """

    code: str
    evidence: str
    serious: bool


class _Token(NamedTuple):
    kind: str  # "w" word, "n" number, "p" punctuation
    text: str
    norm: str
    start: int
    end: int


_TOKEN = re.compile(
    r"(?P<n>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?![\d.,]?\d)|\d+(?:[.,]\d+)?)"
    r"|(?P<w>[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*)"
    r"|(?P<p>[^\w\s])"
)
_TOKEN_TEXTS = re.compile(r"[\s_]*(?:" + re.sub(r"\(\?P<\w>", "(", _TOKEN.pattern) + ")")
""":data:`_TOKEN` with plain groups, after the characters that start no token (for findall)."""
_BOUNDARY = re.compile(r"[.!?]+(?=\s|$)|\n[ \t]*\n|\n(?=[ \t]*[-•*–][ \t])")
_ABBREVIATION_TEXT = (
    "t.ex. bl.a. m.m. dvs. d.v.s. osv. ca. s.k. t.o.m. fr.o.m. inkl. exkl. resp. enl. jfr. "
    "kl. nr. st. e.g. i.e. etc. vs. approx. no. incl. cf."
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_NEXT_CHARACTER = re.compile(r"\s*(\S)")
_BOUNDARY_CHARACTERS = frozenset(".!?\n")  # every sentence boundary has one of them
_DIGIT_GROUP_SPACE = re.compile(r"[ \u00a0\u202f]")
_FOUR_DIGITS = re.compile(r"\d{4}")
_RANGE = frozenset({"-", "–", "—"})


class _Scan(NamedTuple):
    """A text's tokens, and what :func:`analyse` reads from all of them."""

    tokens: list[_Token]
    words: list[_Token]
    """The word tokens."""
    counted: list[_Token]
    """The word and number tokens."""
    norms: list[str]
    """The folded text of every token."""
    sv: int
    """The words that count for Swedish in :func:`detect_language`."""
    en: int
    """The words that count for English."""


def _tokenize(text: str) -> list[_Token]:
    return _scan(text).tokens


def _scan(text: str) -> _Scan:
    """Tokenize *text*, and in the same pass sort the tokens and count language words."""
    folded = text.casefold()
    scores = _LANGUAGE_SCORES
    tokens: list[_Token] = []
    words: list[_Token] = []
    counted: list[_Token] = []
    norms: list[str] = []
    sv = en = 0
    if len(folded) != len(text):  # "ß" -> "ss": fold word by word
        for match in _TOKEN.finditer(text):
            word = match.group()
            kind = match.lastgroup or "p"
            token = _Token(kind, word, word.casefold(), match.start(), match.end())
            tokens.append(token)
            norms.append(token.norm)
            if token.kind != "p":
                counted.append(token)
                if token.kind == "w":
                    words.append(token)
                    score = scores.get(token.norm) or _language_score(token.norm)
                    sv += score[0]
                    en += score[1]
        return _Scan(tokens, words, counted, norms, sv, en)
    # Case folding is per character, so slices of the folded text are the folded words;
    # tuple.__new__ skips the keyword handling of the NamedTuple constructor. findall gives
    # the texts without match objects; between two tokens are only whitespace and "_", which
    # start no token, so each token is the first occurrence of its text after the one before.
    new = tuple.__new__
    find = text.find
    end = 0
    for number, word, mark in _TOKEN_TEXTS.findall(text):
        piece = word or number or mark
        start = find(piece, end)
        end = start + len(piece)
        norm = folded[start:end]
        kind = "w" if word else "n" if number else "p"
        token = new(_Token, (kind, piece, norm, start, end))
        tokens.append(token)
        norms.append(norm)
        if kind != "p":
            counted.append(token)
            if kind == "w":
                words.append(token)
                score = scores.get(norm) or _language_score(norm)
                sv += score[0]
                en += score[1]
    return _Scan(tokens, words, counted, norms, sv, en)


_LANGUAGE_SCORES: dict[str, tuple[int, int]] = {}
"""Folded word -> what it counts for Swedish and for English (filled as words are met)."""
_LANGUAGE_SCORES_MAX = 50_000


def _language_score(norm: str) -> tuple[int, int]:
    """What one folded word counts for Swedish and English in :func:`detect_language`."""
    sv = (norm in _LANGUAGE_WORDS["sv"]) + ("å" in norm or "ä" in norm or "ö" in norm)
    score = (sv, int(norm in _LANGUAGE_WORDS["en"]))
    if len(_LANGUAGE_SCORES) >= _LANGUAGE_SCORES_MAX:  # bounded over many texts
        _LANGUAGE_SCORES.clear()
    _LANGUAGE_SCORES[norm] = score
    return score


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of *text* (boundaries kept in the sentence before).

    Only space after the last boundary is no sentence: ``"Mål 2026. "`` is one.
    """
    if _BOUNDARY_CHARACTERS.isdisjoint(text):
        return [(0, len(text))]
    spans = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group().startswith("."):
            before = text[max(0, match.start() - 12) : match.end()].split()
            if before and before[-1].casefold() in _ABBREVIATIONS:
                continue
            after = _NEXT_CHARACTER.match(text, match.end())
            if after is not None and after.group(1).islower():
                continue
        spans.append((start, match.end()))
        start = match.end()
    if not spans or text[start:].strip():
        spans.append((start, len(text)))  # not after the last boundary when only space follows
    return spans


def _normalise_lang(lang: str | None, text: str) -> str:
    if lang is None:
        return detect_language(text)
    return "en" if lang.casefold().startswith("en") else "sv"


def detect_language(text: str) -> str:
    """Whether *text* is Swedish (``"sv"``) or English (``"en"``).

    Counts frequent words and the lexicons' word forms of each language, and
    words with å, ä or ö; Swedish wins ties (and empty text).

    Parameters
    ----------
    text
        Any string.

    Returns
    -------
    str
        ``"sv"`` or ``"en"``.

    Examples
    --------
    >>> detect_language("Fler elever ska nå gymnasiebehörighet")
    'sv'
    >>> detect_language("More pupils will be eligible for upper secondary school")
    'en'
    >>> detect_language("")
    'sv'
    """
    scan = _scan(unicodedata.normalize("NFC", text))
    return "en" if scan.en > scan.sv else "sv"


def _index(lexicon: Lexicon) -> dict[str, tuple[int, ...]]:
    """Word form -> indices of the vague verbs whose head it is."""
    index: dict[str, tuple[int, ...]] = {}
    for number, verb in enumerate(lexicon.vague):
        for form in verb.forms:
            index[form] = (*index.get(form, ()), number)
    return index


_Phrase = tuple[frozenset[str], ...]


class _Fillers(NamedTuple):
    """The fillers of a lexicon, indexed by their first words."""

    heads: frozenset[str]
    """Every form a filler can start with."""
    single: frozenset[str]
    """The one-word fillers."""
    pairs: dict[tuple[str, str], tuple[_Phrase, ...]]
    """First and second word form -> the longer fillers they start, longest first."""


def _fillers(phrases: Sequence[_Phrase]) -> _Fillers:
    """Index filler phrases, so that a token is tried only against the phrases it can start."""
    pairs: dict[tuple[str, str], list[_Phrase]] = {}
    for phrase in phrases:
        if len(phrase) > 1:
            for first in phrase[0]:
                for second in phrase[1]:
                    pairs.setdefault((first, second), []).append(phrase)
    return _Fillers(
        heads=frozenset(form for phrase in phrases for form in phrase[0]),
        single=frozenset(form for phrase in phrases if len(phrase) == 1 for form in phrase[0]),
        pairs={key: tuple(sorted(found, key=len, reverse=True)) for key, found in pairs.items()},
    )


def _conjunctions(lexicon: Lexicon) -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> the conjunctions it starts, in lexicon order."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for conjunction in lexicon.conjunctions:
        index.setdefault(conjunction[0], []).append(conjunction)
    return {first: tuple(found) for first, found in index.items()}


_VAGUE_INDEX = {lang: _index(lexicon) for lang, lexicon in LEXICONS.items()}
_FILLER_INDEX = {lang: _fillers(lexicon.fillers) for lang, lexicon in LEXICONS.items()}
_CONJUNCTION_INDEX = {lang: _conjunctions(lexicon) for lang, lexicon in LEXICONS.items()}
_LANGUAGE_WORDS = {
    lang: lexicon.markers.union(_VAGUE_INDEX[lang]) for lang, lexicon in LEXICONS.items()
}
"""Per language, the words that count for it in :func:`detect_language`."""


def _number_value(token: _Token) -> float | None:
    digits = _DIGIT_GROUP_SPACE.sub("", token.text).replace(",", ".")
    try:
        return float(digits)
    except ValueError:  # pragma: no cover - the pattern only matches numbers
        return None


def _is_year(
    token: _Token,
    value: float | None,
    before: _Token | None,
    after: _Token | None,
    lexicon: Lexicon,
) -> bool:
    if value is None or not _FOUR_DIGITS.fullmatch(token.text) or not 1900 <= value <= 2100:
        return False
    if before is not None and before.norm in lexicon.count_before:
        return False
    return not (
        after is not None
        and (
            after.text == "%"
            or after.norm in lexicon.percent_words
            or after.norm in lexicon.count_after
        )
    )


def _number_is_quantity(tokens: Sequence[_Token], i: int, lexicon: Lexicon) -> bool:
    """Whether the number at *i* is a quantity (not a year, an age or a name)."""
    token = tokens[i]
    value = _number_value(token)
    before = tokens[i - 1] if i > 0 else None
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if _is_year(token, value, before, after, lexicon):
        return False
    if before is not None and before.norm in lexicon.label_words:
        return False
    if before is not None and before.norm in {"år", "year"} and value is not None and value < 100:
        return False
    # An age: "16-24 år", "65 år och äldre", "65+", unless "med 2 år".
    j = i
    while (
        j + 2 < len(tokens)
        and tokens[j + 1].norm in _RANGE | {"till", "to", "och", "and"}
        and tokens[j + 2].kind == "n"
    ):
        j += 2
    follow = tokens[j + 1] if j + 1 < len(tokens) else None
    if follow is not None and (follow.norm in lexicon.age_words or follow.text == "+"):
        return before is not None and before.norm in lexicon.quantity_prepositions
    return True


def _has_quantity(tokens: Sequence[_Token], lexicon: Lexicon) -> bool:
    """Whether a sentence gives a quantity: a percent or quantity word, or a number
    that is a quantity (see :func:`_number_is_quantity`)."""
    norms = {token.norm for token in tokens}
    if (
        "%" in norms
        or not lexicon.percent_words.isdisjoint(norms)
        or not lexicon.quantity_words.isdisjoint(norms)
    ):
        return True
    return any(
        _number_is_quantity(tokens, i, lexicon)
        for i, token in enumerate(tokens)
        if token.kind == "n"
    )


class _Hit(NamedTuple):
    start: int
    code: str
    evidence: str
    first: int  # token indices (of the sentence) the hit covers
    last: int


_HIT_ORDER = operator.itemgetter(0, 1, 2)
"""Hits by position in the text, then code, then evidence."""


def _evidence(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def _vague_hits(text: str, tokens: Sequence[_Token], lang: str) -> tuple[list[_Hit], set[int]]:
    """Vague verbs in one sentence, and the token indices of every match
    (including those a quantity excuses, which still are no object)."""
    lexicon = LEXICONS[lang]
    index = _VAGUE_INDEX[lang]
    hits: list[_Hit] = []
    covered: set[int] = set()
    quantified: bool | None = None
    # only the tokens a vague verb can start with (every form in the index is a word)
    for i in [k for k, token in enumerate(tokens) if token.norm in index]:
        token = tokens[i]
        best: tuple[int, bool] | None = None  # (last index, quantifiable)
        for number in index[token.norm]:
            verb = lexicon.vague[number]
            last = _match_particles(tokens, i, verb.particles, lexicon)
            if last is None:
                if verb.particle_required:
                    continue
                last = i
            elif last + 1 < len(tokens) and tokens[last + 1].norm in lexicon.not_after_particle:
                continue
            if best is None or last > best[0]:
                best = (last, verb.quantifiable)
        if best is None:
            continue
        last, quantifiable = best
        covered.update(range(i, last + 1))
        if quantifiable:
            if quantified is None:  # read the sentence for a quantity once, when it matters
                quantified = _has_quantity(tokens, lexicon)
            if quantified:
                continue
        hits.append(
            _Hit(token.start, "vague_verb", _evidence(text, token.start, tokens[last].end), i, last)
        )
    return hits, covered


def _match_particles(
    tokens: Sequence[_Token], i: int, particles: Sequence[frozenset[str]], lexicon: Lexicon
) -> int | None:
    if not particles:
        return None
    j = i
    for forms in particles:
        j += 1
        if j < len(tokens) and tokens[j].norm in lexicon.gap and tokens[j].norm not in forms:
            j += 1
        if j >= len(tokens) or tokens[j].kind != "w" or tokens[j].norm not in forms:
            return None
    return j


def _may_have_filler(folded: Sequence[str], lang: str) -> bool:
    """False when no filler can start in a sentence of these folded tokens: no
    one-word filler among them, and no two in a row that start a longer one."""
    fillers = _FILLER_INDEX[lang]
    if not fillers.single.isdisjoint(folded):
        return True
    return not fillers.pairs.keys().isdisjoint(itertools.pairwise(folded))


def _filler_hits(text: str, tokens: Sequence[_Token], lang: str) -> list[_Hit]:
    """Fillers in one sentence: leftmost, then longest, never overlapping."""
    lexicon = LEXICONS[lang]
    heads, single, pairs = _FILLER_INDEX[lang]
    hits: list[_Hit] = []
    count = len(tokens)
    after = 0  # the first token not covered by a filler found
    # only the tokens a filler can start with (every first form is a word)
    for i in [k for k, token in enumerate(tokens) if token.norm in heads]:
        if i < after:
            continue
        longest = -1
        token = tokens[i]
        if i + 1 < count:
            # the fillers of two words or more that start with these two, longest first
            for phrase in pairs.get((token.norm, tokens[i + 1].norm), ()):
                end = i + len(phrase)
                if end <= count and all(
                    tokens[k].kind == "w" and tokens[k].norm in forms
                    for k, forms in enumerate(phrase[1:], i + 1)
                ):
                    longest = end - 1
                    break
        if longest < 0 and token.norm in single:
            longest = i
        if longest == i and i > 0 and tokens[i - 1].norm in lexicon.determiners:
            longest = -1  # "ett aktivt liv": an adjective, not the adverb
        if longest >= 0:
            hits.append(
                _Hit(
                    token.start,
                    "filler",
                    _evidence(text, token.start, tokens[longest].end),
                    i,
                    longest,
                )
            )
            after = longest + 1
    return hits


def _is_content(token: _Token, lexicon: Lexicon) -> bool:
    return (
        token.kind == "w"
        and len(token.norm) > 1
        and token.norm not in lexicon.stop
        and token.norm not in lexicon.percent_words
        and token.norm not in lexicon.quantity_words
    )


_NOT_CONTENT = {
    lang: lexicon.stop | lexicon.percent_words | lexicon.quantity_words
    for lang, lexicon in LEXICONS.items()
}
"""Per language, the words that are no content (see :func:`_is_content`)."""


def _is_goal_clause(part: Sequence[_Token], lexicon: Lexicon) -> bool:
    words = [t for t in part if t.kind in "wn"]
    if not words or words[0].norm in lexicon.subordinators:
        return False
    for k, token in enumerate(words):
        # "Kommunen ska, i samverkan med ..., öka": the modal alone is no clause.
        if token.norm in lexicon.modals and any(t.kind == "w" for t in words[k + 1 :]):
            return True
        if (
            token.norm in lexicon.goal_infinitives
            and (k == 0 or words[k - 1].norm in lexicon.infinitive_markers)
            and any(_is_content(t, lexicon) for t in words[k + 1 :])
        ):
            return True
        # "Fler elever når målen", but not "... om verksamheten utvecklas".
        if (
            token.norm in lexicon.finite_goal_forms
            and any(_is_content(t, lexicon) for t in words[:k])
            and not any(t.norm in lexicon.subordinators for t in words[:k])
        ):
            return True
    return False


def _several_goals(text: str, tokens: Sequence[_Token], lang: str) -> _Hit | None:
    """The join before the second goal clause of one sentence, if there is one."""
    lexicon = LEXICONS[lang]
    found = _joins(tokens, lang)
    # (first, last + 1) token of each part, and of the join before it
    joins: list[tuple[int, int]] = [(0, 0), *found]
    parts = [(before[1], join[0]) for before, join in itertools.pairwise(joins)]
    parts.append((joins[-1][1], len(tokens)))
    clauses = 0
    for (first, end), (join_first, join_end) in zip(parts, joins, strict=True):
        if not _is_goal_clause(tokens[first:end], lexicon):
            continue
        clauses += 1
        if clauses == 2:
            last = join_end - 1
            punctuation = all(t.kind == "p" for t in tokens[join_first:join_end])
            if punctuation and join_end < end:
                last = join_end  # ", minska": show the word after the comma
            if join_end < end and tokens[join_end].norm in lexicon.infinitive_markers:
                last = join_end  # "och att"
            return _Hit(
                tokens[join_first].start,
                "several_goals",
                _evidence(text, tokens[join_first].start, tokens[last].end),
                join_first,
                last,
            )
    return None


def _joins(tokens: Sequence[_Token], lang: str) -> list[tuple[int, int]]:
    """The joins of two clauses in a sentence, left to right: (first, last + 1) token."""
    conjunctions = _CONJUNCTION_INDEX[lang]
    joins: list[tuple[int, int]] = []
    start = 0
    # only the tokens a conjunction can start with
    for i in [k for k, token in enumerate(tokens) if token.norm in conjunctions]:
        if i < start:  # inside the join before
            continue
        width = _join_width(tokens, i, conjunctions)
        if width:
            joins.append((i, i + width))
            start = i + width
    return joins


def _join_width(
    tokens: Sequence[_Token], i: int, conjunctions: Mapping[str, tuple[tuple[str, ...], ...]]
) -> int:
    """How many tokens from *i* join two clauses (0 when none do)."""
    for conjunction in conjunctions.get(tokens[i].norm, ()):
        width = len(conjunction)
        if width > 1 and tuple(t.norm for t in tokens[i : i + width]) != conjunction:
            continue
        if tokens[i].kind == "w" and i > 0 and tokens[i - 1].text in _RANGE:
            return 0  # "Barn- och utbildningsnämnden"
        if tokens[i].kind == "p" and i + 1 < len(tokens) and tokens[i + 1].kind == "w":
            return width + _join_width(tokens, i + 1, conjunctions)  # ", och"
        return width
    return 0


def _too_long(
    text: str, counted: Sequence[_Token], sentences: Sequence[Sequence[_Token]]
) -> _Hit | None:
    """*counted* are the words and numbers of the text."""
    if len(sentences) <= MAX_SENTENCES and len(counted) <= MAX_WORDS:
        return None  # short enough, however many of the sentences have words
    spoken = [s for s in sentences if any(t.kind in "wn" for t in s)]
    words: Sequence[_Token]
    if len(spoken) > MAX_SENTENCES:
        words = [t for t in spoken[MAX_SENTENCES] if t.kind in "wn"]
    elif len(counted) > MAX_WORDS:
        words = counted[MAX_WORDS:]
    else:
        return None
    shown = words[:4]
    return _Hit(shown[0].start, "too_long", _evidence(text, shown[0].start, shown[-1].end), 0, 0)


def analyse(text: str, *, lang: str | None = None) -> tuple[TextIssue, ...]:
    """Language issues of one goal formulation; ``()`` when it reads as specific.

    Never raises on any ``str``; the same input gives the same output, ordered
    by position in the text, then code.

    Parameters
    ----------
    text
        The goal formulation.
    lang
        ``"sv"`` or ``"en"`` (anything starting with ``"en"`` is English,
        anything else Swedish); ``None`` detects it with
        :func:`detect_language`.

    Returns
    -------
    tuple of TextIssue
        See the module documentation for the codes and which are serious.

    Examples
    --------
    >>> analyse("Andelen behöriga elever ska öka från 78 till 90 procent till 2026.")
    ()
    >>> [(i.code, i.evidence) for i in analyse("Kommunen ska i möjligaste mån främja tryggheten")]
    [('filler', 'i möjligaste mån'), ('vague_verb', 'främja')]
    >>> [(i.code, i.serious) for i in analyse("Vi ska bli bättre")]
    [('no_object', True)]
    >>> [i.evidence for i in analyse("Fler elever ska klara skolan och kostnaderna ska minska")]
    ['och', 'minska']
    >>> [i.code for i in analyse("Improve", lang="en")]
    ['no_object', 'too_short', 'vague_verb']
    """
    text = unicodedata.normalize("NFC", text)
    tokens, words, counted, norms, sv, en = _scan(text)
    lang = ("en" if en > sv else "sv") if lang is None else _normalise_lang(lang, text)
    spans = _sentence_spans(text)
    sentences: list[list[_Token]]
    if len(spans) == 1:
        sentences = [tokens]
    else:
        sentences = [[] for _ in spans]
        number = 0
        for token in tokens:
            while token.start >= spans[number][1] and number + 1 < len(spans):
                number += 1
            sentences[number].append(token)

    hits: list[_Hit] = []
    if len(counted) < MIN_WORDS:
        stripped = text.strip()
        hits.append(
            _Hit(
                text.find(stripped[:1]) if stripped else 0,
                "too_short",
                _evidence(text, 0, len(text)),
                0,
                0,
            )
        )
    long_hit = _too_long(text, counted, sentences)
    if long_hit is not None:
        hits.append(long_hit)

    # Each search below finds nothing in a sentence without one of the words it starts
    # from (a vague verb's head, a filler's first word, a conjunction): those sentences
    # are skipped, which a set comparison tells at once.
    vague_heads = _VAGUE_INDEX[lang].keys()
    filler_heads = _FILLER_INDEX[lang].heads
    conjunctions = _CONJUNCTION_INDEX[lang].keys()
    not_content: set[int] = set()  # positions of tokens in vague verbs and fillers
    for sentence in sentences:
        found = set(norms) if sentence is tokens else {t.norm for t in sentence}
        if not vague_heads.isdisjoint(found):
            vague, covered = _vague_hits(text, sentence, lang)
            hits.extend(vague)
            not_content.update(sentence[k].start for k in covered)
        if not filler_heads.isdisjoint(found) and _may_have_filler(
            norms if sentence is tokens else [t.norm for t in sentence], lang
        ):
            fillers = _filler_hits(text, sentence, lang)
            hits.extend(fillers)
            for hit in fillers:
                not_content.update(sentence[k].start for k in range(hit.first, hit.last + 1))
        if not conjunctions.isdisjoint(found):
            several = _several_goals(text, sentence, lang)
            if several is not None:
                hits.append(several)

    not_words = _NOT_CONTENT[lang]
    if words and not any(
        len(t.norm) > 1 and t.norm not in not_words and t.start not in not_content for t in words
    ):
        hits.append(
            _Hit(words[0].start, "no_object", _evidence(text, words[0].start, words[-1].end), 0, 0)
        )

    if not hits:
        return ()
    hits.sort(key=_HIT_ORDER)
    return tuple(
        TextIssue(code=hit.code, evidence=hit.evidence, serious=hit.code in SERIOUS) for hit in hits
    )
