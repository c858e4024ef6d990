"""Language analysis behind the SMART criterion *specific* (Swedish and English).

:func:`analyse` reads one goal formulation and returns the language issues that
make it less than specific; ``()`` when it reads as specific. It never raises on
a string and gives the same answer for the same input.

First it asks the question a controller asks: **does the text name a result that
can be verified?** A *result* is

- a measure: a word that names one ("andel", "antal", "kostnad", "nöjda",
  "placering", "utsläpp", "sjukfrånvaro", "meritvärde", "befolkning", "share",
  "number", "emissions"), a compound ending in one ("växthusgas*utsläppen*",
  "utbildnings*nivån*", "barn*fattigdomen*"), a survey's measure of a perceived
  state ("invånarna *upplever*", "den *upplevda* tryggheten"), an outcome that
  happened or not ("examen", "godkända betyg"), a ratio ("vuxna *per* barn"), a
  level zero ("fossil*fri*", "klimat*neutral*") or a title won or not ("Sveriges
  Kvalitetskommun");
- a quantity: a number that is not a year, an age or a name ("12,5 %", "90
  procent", "från 78 till 90", "1 000 bostäder"), a percent or currency word, or a
  number word ("hälften", "halveras", "three");
- a deliverable: a thing built, adopted or introduced ("byggas", "antas", "tas
  fram", "Inför ..." opening a sentence), a document or facility that is to exist
  ("rutiner ... ska finnas"), a service offered ("erbjuda hemtjänst på kvällar");
- a number said to change ("*Fler* elever ska ...", opening a sentence), or a
  promise to everyone ("*Alla* som har hemtjänst ska ha en fast omsorgskontakt").

A service offered or a promise to everyone is no result when words of values say
what it is to be like ("erbjuder en service som är effektiv"), nor a promise to
everyone when a vague verb carries it. A direction on a named measure ("Andelen
hushåll med försörjningsstöd ska minska") is specific: its missing level and
year belong to *measurable* and *time_bound*.

Issue codes, and which are *serious* (the criterion fails, when strict) or only
warn:

``no_result`` (warns)
    The text names no result, and no vague verb says why: the evidence is its
    words of values and ambitions ("attraktiv", "hållbar", "god", "hög",
    "kvalitet", "ledande", "attractive", "sustainable"), up to three, or, when it
    has none, the text itself.
``vague_verb`` (warns)
    The text names no result, and carries its goal on a verb that promises an
    effort ("verka för", "sträva efter", "främja", "arbeta för", "bidra till",
    "bekämpa", "säkerställa", "promote", "work towards", "combat") or on a verb of
    change with nothing to measure ("öka integrationen", "utveckla", "stärka",
    "improve"). A text that names a result has no vague verb: "Nämnden ska verka
    för att andelen behöriga ökar" says what is to be reached.
``too_short`` (serious)
    Fewer than :data:`MIN_WORDS` words (numbers count as words), unless two
    words name a result ("Klimatneutralitet 2030", "Nöjda medborgare").
``no_object`` (serious)
    No object or target group: after the pronouns, auxiliaries, the organisation
    itself ("kommunen", "vi"), comparatives ("bättre") and the vague verbs and
    fillers, no word is left ("Vi ska bli bättre", "Öka.", "Improve", "12 34").
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
Compounds are read only for the endings that name a measure, a document or a
value (at least three letters before them: "nivå" alone and "i hög grad" name no
measure), and there is no part-of-speech tagging: the checks are heuristics meant
to prompt a second look, which is why only the two crude cases are serious.

Examples
--------
>>> issues = analyse("Kommunen ska verka för ökad trygghet")
>>> [(issue.code, issue.evidence, issue.serious) for issue in issues]
[('vague_verb', 'verka för', False), ('vague_verb', 'ökad', False)]
>>> message, hint = MESSAGES["vague_verb"]["sv"]
>>> message.format(evidence=issues[0].evidence)
'nämner inget mätbart resultat; ”verka för” är ett vagt verb: det lovar en insats, inte ett
resultat'
>>> analyse("Tryggheten ska öka till 85 procent 2026")
()
>>> analyse("Andelen hushåll med försörjningsstöd ska minska.")
()
>>> [(issue.code, issue.evidence) for issue in analyse("Verksamhet av god kvalité")]
[('no_result', 'god, kvalité')]
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

import attrs

from .._i18n import N_, gettext, languages, ngettext, pgettext
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

CODES = (
    "no_result",
    "vague_verb",
    "filler",
    "several_goals",
    "no_object",
    "too_short",
    "too_long",
)
"""Every issue code :func:`analyse` can return."""
SERIOUS = frozenset({"too_short", "no_object"})
"""The codes that make the criterion fail; the others warn."""

_EXAMPLE = N_(
    '"The share of pupils eligible for vocational programmes is to rise from 78 to 90 per cent '
    'by 2026"'
)
"""A goal written to be followed up, quoted in hints."""

_MESSAGES: dict[str, tuple[str, str]] = {
    "no_result": (
        N_('names no measurable result; "{evidence}" is a value'),
        N_(
            'Say which measure is to show "{evidence}": a share, a number, a time, a cost, '
            "a satisfaction rate or a ranking, ideally with a level and a year "
            '("The share of ... is to be at least ... per cent by ...")'
        ),
    ),
    "vague_verb": (
        N_(
            'names no measurable result; "{evidence}" is a vague verb: it promises an effort, '
            "not a result"
        ),
        N_('Say which result "{evidence}" is to bring and how it is measured, e.g. {example}'),
    ),
    "filler": (
        N_('"{evidence}" is a filler or hedge that makes the goal unclear'),
        N_(
            'Delete "{evidence}" and say what is to be achieved and when, e.g. '
            '"... is to be at least 85 per cent by 2026"'
        ),
    ),
    "several_goals": (
        N_('the formulation holds several goals in one sentence ("{evidence}")'),
        N_("Split it into one goal per sentence, each with its own measurable value and year"),
    ),
    "no_object": (
        N_('the goal does not say what is to be achieved or for whom ("{evidence}")'),
        N_(
            'Say what is to change and for which group, e.g. "The share of older people who '
            'feel safe in their home is to be at least 85 per cent in 2026"'
        ),
    ),
    "too_short": (
        N_('the formulation is too short to be followed up ("{evidence}")'),
        N_(
            "Write a whole sentence of at least {min_words} words: what, for whom, how much "
            "and when, e.g. {example}"
        ),
    ),
    "too_long": (
        N_(
            "the formulation is too long for a goal (more than {max_words} words or "
            '{max_sentences} sentences), from "{evidence}"'
        ),
        N_(
            "Shorten it to one sentence with the goal and a measurable value; move background "
            "and activities to other parts of the plan"
        ),
    ),
}
"""Per code: ``(message, hint)`` in English, translated in the catalogs; fields
``{evidence}`` and the constants of :func:`_template`."""


def _template(message: str, lang: str) -> str:
    """*message* in *lang*, its constants (example, word limits) filled in and
    ``{evidence}`` left as a field."""
    return gettext(message, lang).format(
        evidence="{evidence}",
        example=gettext(_EXAMPLE, lang),
        min_words=MIN_WORDS,
        max_words=MAX_WORDS,
        max_sentences=MAX_SENTENCES,
    )


class _Messages(Mapping[str, Mapping[str, tuple[str, str]]]):
    """:data:`MESSAGES`: the plain forms per code and language, from the catalogs."""

    def __getitem__(self, code: str) -> Mapping[str, tuple[str, str]]:
        message, hint = _MESSAGES[code]
        return MappingProxyType(
            {lang: (_template(message, lang), _template(hint, lang)) for lang in languages()}
        )

    def __iter__(self) -> Iterator[str]:
        return iter(_MESSAGES)

    def __len__(self) -> int:
        return len(_MESSAGES)


MESSAGES: Mapping[str, Mapping[str, tuple[str, str]]] = _Messages()
"""Per code and language (every language of :func:`goalchain._i18n.languages`):
``(message, hint)``, from the catalogs.

Both are templates that may use ``{evidence}``; the hint says how to fix it.
These are the plain forms; a finding's own texts come from :func:`issue_texts`,
which also says which kind of vague word it is, in the plural when there are
several, and builds the advice from the goal's own words.

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
    """One token, as a record (the analysis itself reads :class:`_Tokens`' columns)."""

    kind: str  # "w" word, "n" number, "p" punctuation
    text: str
    norm: str
    start: int
    end: int


_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?![\d.,]?\d)|\d+(?:[.,]\d+)?"
"""A number: ``12``, ``12,5``, ``1 000`` (digit groups joined by a space)."""
_WORD = r"[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*"
"""A word: letters and digits, not starting with a digit; ``Barn-och``, ``don't``."""
_MARK = r"[^\w\s]"
"""A punctuation mark or symbol, one character."""
_TOKEN = re.compile(f"(?P<n>{_NUMBER})|(?P<w>{_WORD})|(?P<p>{_MARK})")
_SPLIT = re.compile(f"({_WORD}|{_NUMBER}|{_MARK})")
"""The tokens, for ``split``: the text between them (whitespace and ``_``) and the tokens."""
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


class _Tokens(NamedTuple):
    """The tokens of a text, or of one sentence of it, column by column.

    Columns, not one record per token: the analysis looks words up by their
    folded form, and reads positions only for what it reports.
    """

    norms: list[str]
    """The folded text of each token."""
    kinds: str
    """One character per token: ``w`` word, ``n`` number, ``p`` punctuation."""
    starts: list[int]
    """Where each token starts in the text."""
    ends: list[int]
    """Where each token ends."""

    def part(self, first: int, end: int) -> _Tokens:
        """The tokens from *first* up to *end* (not included)."""
        return _Tokens(
            self.norms[first:end],
            self.kinds[first:end],
            self.starts[first:end],
            self.ends[first:end],
        )


class _Scan(NamedTuple):
    """A text's tokens, and what :func:`analyse` reads from all of them."""

    tokens: _Tokens
    words: list[str]
    """The folded words (the tokens of kind ``w``)."""
    counted: int
    """How many tokens are words or numbers."""
    english: int
    """How much more the words count for English than for Swedish in :func:`detect_language`."""


def _tokenize(text: str) -> list[_Token]:
    """The tokens of *text* as records."""
    norms, kinds, starts, ends = _scan(text).tokens
    return [
        _Token(kind, text[start:end], norm, start, end)
        for norm, kind, start, end in zip(norms, kinds, starts, ends, strict=True)
    ]


def _scan(text: str) -> _Scan:
    """Tokenize *text*: its tokens' columns, its words, and their language score.

    ``split`` gives the tokens and the text between them in one call; their
    lengths give every position, and the tokens are case-folded all at once,
    joined by a newline, which no token holds.
    """
    parts = _SPLIT.split(text)
    texts = parts[1::2]
    norms = "\n".join(texts).casefold().split("\n") if texts else []
    kinds = "".join(map(_FIRST, texts)).translate(_KIND_OF)  # each token's first character's
    offsets = list(itertools.accumulate(map(len, parts)))
    words = list(itertools.compress(norms, map("w".__eq__, kinds)))
    english = sum(map(_LANGUAGE_SCORES.__getitem__, words))
    return _Scan(
        _Tokens(norms, kinds, offsets[0:-1:2], offsets[1::2]),
        words,
        len(kinds) - kinds.count("p"),
        english,
    )


_FIRST = operator.itemgetter(0)


class _KindOf(dict[int, str]):
    """Code point -> the kind of token a character starts, for ``str.translate``:
    ``n`` for ``\\d``, ``w`` for the rest of ``\\w`` (``_`` starts no token), ``p``
    for the marks; filled as characters are first met (bounded over many texts)."""

    limit = 10_000

    def __missing__(self, code: int) -> str:
        character = chr(code)
        kind = "n" if character.isdecimal() else "w" if character.isalnum() else "p"
        if len(self) >= self.limit:
            self.clear()
        self[code] = kind
        return kind


_KIND_OF = _KindOf()


class _LanguageScores(dict[str, int]):
    """Folded word -> how much more it counts for English than for Swedish in
    :func:`detect_language`, computed as words are first met (bounded over many texts)."""

    limit = 50_000

    def __missing__(self, norm: str) -> int:
        score = _language_score(norm)
        if len(self) >= self.limit:
            self.clear()
        self[norm] = score
        return score


_LANGUAGE_SCORES = _LanguageScores()


def _language_score(norm: str) -> int:
    """What one folded word counts for English, less what it counts for Swedish: a
    word of a language's lexicon or frequent words counts 1, as does å, ä or ö."""
    sv = (norm in _LANGUAGE_WORDS["sv"]) + ("å" in norm or "ä" in norm or "ö" in norm)
    return (norm in _LANGUAGE_WORDS["en"]) - sv


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
    return "en" if scan.english > 0 else "sv"


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


def _number_value(number: str) -> float | None:
    digits = _DIGIT_GROUP_SPACE.sub("", number).replace(",", ".")
    try:
        return float(digits)
    except ValueError:  # pragma: no cover - the pattern only matches numbers
        return None


def _is_year(
    number: str, value: float | None, before: str | None, after: str | None, lexicon: Lexicon
) -> bool:
    """Whether *number* (with the folded tokens *before* and *after* it) is a year."""
    if value is None or not _FOUR_DIGITS.fullmatch(number) or not 1900 <= value <= 2100:
        return False
    if before is not None and before in lexicon.count_before:
        return False
    return not (
        after is not None
        and (after == "%" or after in lexicon.percent_words or after in lexicon.count_after)
    )


_AGE_RANGE = _RANGE | {"till", "to", "och", "and"}
"""What joins the numbers of an age range: "16-24 år", "16 till 24 år"."""


def _number_is_quantity(tokens: _Tokens, i: int, lexicon: Lexicon) -> bool:
    """Whether the number at *i* is a quantity (not a year, an age or a name)."""
    norms, kinds = tokens.norms, tokens.kinds
    count = len(norms)
    number = norms[i]  # a number has no case: its folded text is its text
    value = _number_value(number)
    before = norms[i - 1] if i > 0 else None
    after = norms[i + 1] if i + 1 < count else None
    if _is_year(number, value, before, after, lexicon):
        return False
    if before is not None and before in lexicon.label_words:
        return False
    if before in {"år", "year"} and value is not None and value < 100:
        return False
    # An age: "16-24 år", "65 år och äldre", "65+", unless "med 2 år".
    j = i
    while j + 2 < count and norms[j + 1] in _AGE_RANGE and kinds[j + 2] == "n":
        j += 2
    follow = norms[j + 1] if j + 1 < count else None
    if follow is not None and (follow in lexicon.age_words or follow == "+"):
        return before is not None and before in lexicon.quantity_prepositions
    return True


def _has_quantity(tokens: _Tokens, lexicon: Lexicon) -> bool:
    """Whether a sentence gives a quantity: a percent or quantity word, or a number
    that is a quantity (see :func:`_number_is_quantity`)."""
    norms = set(tokens.norms)
    if (
        "%" in norms
        or not lexicon.percent_words.isdisjoint(norms)
        or not lexicon.quantity_words.isdisjoint(norms)
    ):
        return True
    kinds = tokens.kinds
    return any(
        _number_is_quantity(tokens, i, lexicon) for i, kind in enumerate(kinds) if kind == "n"
    )


class _Hit(NamedTuple):
    start: int
    code: str
    evidence: str
    first: int  # token indices (of the sentence) the hit covers
    last: int
    kind: str = ""  # see issue_texts
    subject: str = ""


_HIT_ORDER = operator.itemgetter(0, 1, 2)
"""Hits by position in the text, then code, then evidence."""


def _evidence(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def _vague_hits(text: str, tokens: _Tokens, lang: str, result: bool) -> tuple[list[_Hit], set[int]]:
    """Vague verbs in one sentence, and the token indices of every match
    (including those a quantity or a *result* named in the text excuses, which
    still are no object)."""
    lexicon = LEXICONS[lang]
    index = _VAGUE_INDEX[lang]
    norms, starts, ends = tokens.norms, tokens.starts, tokens.ends
    hits: list[_Hit] = []
    covered: set[int] = set()
    # only the tokens a vague verb can start with (every form in the index is a word)
    for i in [k for k, norm in enumerate(norms) if norm in index]:
        best: tuple[int, bool] | None = None  # (last index, quantifiable)
        for number in index[norms[i]]:
            verb = lexicon.vague[number]
            last = _match_particles(tokens, i, verb.particles, lexicon)
            if last is None:
                if verb.particle_required:
                    continue
                last = i
            elif last + 1 < len(norms) and norms[last + 1] in lexicon.not_after_particle:
                continue
            if best is None or last > best[0]:
                best = (last, verb.quantifiable)
        if best is None:
            continue
        last, quantifiable = best
        covered.update(range(i, last + 1))
        if result:
            continue  # the text names what is to be reached: the verb only says how
        # A text that names no result has no quantity (a quantity is a result): the
        # verb of change is vague too.
        hits.append(
            _Hit(
                starts[i],
                "vague_verb",
                _evidence(text, starts[i], ends[last]),
                i,
                last,
                "change" if quantifiable else "effort",
                _subject(text, tokens, i, last, lang),
            )
        )
    return hits, covered


def _match_particles(
    tokens: _Tokens, i: int, particles: Sequence[frozenset[str]], lexicon: Lexicon
) -> int | None:
    if not particles:
        return None
    norms, kinds = tokens.norms, tokens.kinds
    count = len(norms)
    j = i
    for forms in particles:
        j += 1
        if j < count and norms[j] in lexicon.gap and norms[j] not in forms:
            j += 1
        if j >= count or kinds[j] != "w" or norms[j] not in forms:
            return None
    return j


def _may_have_filler(folded: Sequence[str], lang: str) -> bool:
    """False when no filler can start in a sentence of these folded tokens: no
    one-word filler among them, and no two in a row that start a longer one."""
    fillers = _FILLER_INDEX[lang]
    if not fillers.single.isdisjoint(folded):
        return True
    return not fillers.pairs.keys().isdisjoint(itertools.pairwise(folded))


def _filler_hits(text: str, tokens: _Tokens, lang: str) -> list[_Hit]:
    """Fillers in one sentence: leftmost, then longest, never overlapping."""
    lexicon = LEXICONS[lang]
    heads, single, pairs = _FILLER_INDEX[lang]
    norms, kinds, starts, ends = tokens
    hits: list[_Hit] = []
    count = len(norms)
    after = 0  # the first token not covered by a filler found
    # only the tokens a filler can start with (every first form is a word)
    for i in [k for k, norm in enumerate(norms) if norm in heads]:
        if i < after:
            continue
        longest = -1
        if i + 1 < count:
            # the fillers of two words or more that start with these two, longest first
            for phrase in pairs.get((norms[i], norms[i + 1]), ()):
                end = i + len(phrase)
                if end <= count and all(
                    kinds[k] == "w" and norms[k] in forms
                    for k, forms in enumerate(phrase[1:], i + 1)
                ):
                    longest = end - 1
                    break
        if longest < 0 and norms[i] in single:
            longest = i
        if longest == i and i > 0 and norms[i - 1] in lexicon.determiners:
            longest = -1  # "ett aktivt liv": an adjective, not the adverb
        if longest >= 0:
            hits.append(
                _Hit(starts[i], "filler", _evidence(text, starts[i], ends[longest]), i, longest)
            )
            after = longest + 1
    return hits


_NOT_CONTENT = {
    lang: lexicon.stop | lexicon.percent_words | lexicon.quantity_words
    for lang, lexicon in LEXICONS.items()
}
"""Per language, the words that are no content: stop words, percent and quantity words."""


def _is_content(norm: str, kind: str, lang: str) -> bool:
    """Whether a token tells what a goal is about: a word of two letters or more
    that is not in :data:`_NOT_CONTENT`."""
    return kind == "w" and len(norm) > 1 and norm not in _NOT_CONTENT[lang]


def _is_goal_clause(part: _Tokens, lang: str) -> bool:
    lexicon = LEXICONS[lang]
    # the words and numbers, with their kinds
    spoken = [
        (norm, kind) for norm, kind in zip(part.norms, part.kinds, strict=True) if kind != "p"
    ]
    if not spoken or spoken[0][0] in lexicon.subordinators:
        return False
    for k, (norm, _) in enumerate(spoken):
        # "Kommunen ska, i samverkan med ..., öka": the modal alone is no clause.
        if norm in lexicon.modals and any(kind == "w" for _, kind in spoken[k + 1 :]):
            return True
        if (
            norm in lexicon.goal_infinitives
            and (k == 0 or spoken[k - 1][0] in lexicon.infinitive_markers)
            and any(_is_content(n, kind, lang) for n, kind in spoken[k + 1 :])
        ):
            return True
        # "Fler elever når målen", but not "... om verksamheten utvecklas".
        if (
            norm in lexicon.finite_goal_forms
            and any(_is_content(n, kind, lang) for n, kind in spoken[:k])
            and not any(n in lexicon.subordinators for n, _ in spoken[:k])
        ):
            return True
    return False


def _several_goals(text: str, tokens: _Tokens, lang: str) -> _Hit | None:
    """The join before the second goal clause of one sentence, if there is one."""
    lexicon = LEXICONS[lang]
    norms, kinds, starts, ends = tokens
    found = _joins(tokens, lang)
    # (first, last + 1) token of each part, and of the join before it
    joins: list[tuple[int, int]] = [(0, 0), *found]
    parts = [(before[1], join[0]) for before, join in itertools.pairwise(joins)]
    parts.append((joins[-1][1], len(norms)))
    clauses = 0
    for (first, end), (join_first, join_end) in zip(parts, joins, strict=True):
        if not _is_goal_clause(tokens.part(first, end), lang):
            continue
        clauses += 1
        if clauses == 2:
            last = join_end - 1
            punctuation = kinds[join_first:join_end].strip("p") == ""
            if punctuation and join_end < end:
                last = join_end  # ", minska": show the word after the comma
            if join_end < end and norms[join_end] in lexicon.infinitive_markers:
                last = join_end  # "och att"
            return _Hit(
                starts[join_first],
                "several_goals",
                _evidence(text, starts[join_first], ends[last]),
                join_first,
                last,
            )
    return None


def _joins(tokens: _Tokens, lang: str) -> list[tuple[int, int]]:
    """The joins of two clauses in a sentence, left to right: (first, last + 1) token."""
    conjunctions = _CONJUNCTION_INDEX[lang]
    joins: list[tuple[int, int]] = []
    start = 0
    # only the tokens a conjunction can start with
    for i in [k for k, norm in enumerate(tokens.norms) if norm in conjunctions]:
        if i < start:  # inside the join before
            continue
        width = _join_width(tokens, i, conjunctions)
        if width:
            joins.append((i, i + width))
            start = i + width
    return joins


def _join_width(
    tokens: _Tokens, i: int, conjunctions: Mapping[str, tuple[tuple[str, ...], ...]]
) -> int:
    """How many tokens from *i* join two clauses (0 when none do)."""
    norms, kinds = tokens.norms, tokens.kinds
    for conjunction in conjunctions.get(norms[i], ()):
        width = len(conjunction)
        if width > 1 and tuple(norms[i : i + width]) != conjunction:
            continue
        if kinds[i] == "w" and i > 0 and norms[i - 1] in _RANGE:
            return 0  # "Barn- och utbildningsnämnden"
        if kinds[i] == "p" and i + 1 < len(norms) and kinds[i + 1] == "w":
            return width + _join_width(tokens, i + 1, conjunctions)  # ", och"
        return width
    return 0


def _too_long(text: str, scan: _Scan, sentences: Sequence[tuple[int, int]]) -> _Hit | None:
    """*sentences* are the (first, last + 1) tokens of each sentence."""
    kinds, starts, ends = scan.tokens.kinds, scan.tokens.starts, scan.tokens.ends
    if len(sentences) <= MAX_SENTENCES and scan.counted <= MAX_WORDS:
        return None  # short enough, however many of the sentences have words
    # the words and numbers of the sentences with any
    spoken = [
        found
        for found in ([k for k in range(first, end) if kinds[k] != "p"] for first, end in sentences)
        if found
    ]
    shown: list[int]
    if len(spoken) > MAX_SENTENCES:
        shown = spoken[MAX_SENTENCES][:4]
    elif scan.counted > MAX_WORDS:
        shown = [k for k, kind in enumerate(kinds) if kind != "p"][MAX_WORDS : MAX_WORDS + 4]
    else:
        return None
    return _Hit(
        starts[shown[0]], "too_long", _evidence(text, starts[shown[0]], ends[shown[-1]]), 0, 0
    )


def _sentence_tokens(text: str, starts: Sequence[int]) -> list[tuple[int, int]]:
    """The (first, last + 1) token of each sentence of *text*, whose tokens start at *starts*.

    A sentence without tokens after the last one with tokens may be left out
    (``"Mål?\\n\\n"`` is one sentence here, two spans in :func:`_sentence_spans`):
    no check finds anything in it.
    """
    if _BOUNDARY_CHARACTERS.isdisjoint(text.rstrip().rstrip(".!?")):
        return [(0, len(starts))]  # no boundary, or only at the end: one sentence
    spans = _sentence_spans(text)
    if len(spans) == 1:
        return [(0, len(starts))]
    # a token belongs to the sentence it starts in (one after the last goes to the last)
    cuts = [bisect.bisect_left(starts, end) for _, end in spans[:-1]]
    return list(zip([0, *cuts], [*cuts, len(starts)], strict=True))


# --- Does the text name a result? -------------------------------------------------------


def _heads_pattern(heads: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern finding, in folded words joined by newlines, a word that ends with one
    of *heads* after at least three letters (a compound: "växthusgasutsläppen")."""
    if not heads:
        return None
    alternatives = "|".join(sorted(map(re.escape, heads), key=len, reverse=True))
    # fixed width before the head: linear, however long a word is
    return re.compile(rf"[^\W\d_]{{3}}(?:{alternatives})$", re.MULTILINE)


class _ResultIndex(NamedTuple):
    """A lexicon's words that name a result, indexed for :func:`_names_result`."""

    words: frozenset[str]
    """Measures and deliverables: one of them names a result."""
    heads: re.Pattern[str] | None
    documents: re.Pattern[str] | None
    phrases: dict[str, tuple[_Phrase, ...]]
    """First word form -> the result phrases it starts."""


def _result_index(lexicon: Lexicon) -> _ResultIndex:
    phrases: dict[str, list[_Phrase]] = {}
    for phrase in lexicon.result_phrases:
        for first in phrase[0]:
            phrases.setdefault(first, []).append(phrase)
    return _ResultIndex(
        words=lexicon.measures | lexicon.deliverables,
        heads=_heads_pattern(lexicon.measure_heads),
        documents=_heads_pattern(lexicon.document_heads),
        phrases={first: tuple(found) for first, found in phrases.items()},
    )


_RESULT_INDEX = {lang: _result_index(lexicon) for lang, lexicon in LEXICONS.items()}


def _names_result(text: str, scan: _Scan, lang: str, found: set[str]) -> bool:
    """Whether the text names something verifiable: a measure, a quantity, a
    deliverable, a level zero ("fossilfri"), a ratio or a title won or not.

    A text of numbers alone names nothing: a result needs a word. *found* is the
    set of the text's folded tokens.
    """
    words = scan.words
    if not words:
        return False
    lexicon = LEXICONS[lang]
    index = _RESULT_INDEX[lang]
    if not index.words.isdisjoint(found):
        return True
    joined = "\n".join(words)
    if index.heads is not None and index.heads.search(joined):
        return True
    tokens = scan.tokens
    norms, kinds = tokens.norms, tokens.kinds
    count = len(norms)
    if not lexicon.existence.isdisjoint(found) and (
        not lexicon.documents.isdisjoint(found)
        or (index.documents is not None and index.documents.search(joined) is not None)
    ):
        return True  # "Gemensamma rutiner ... ska finnas på varje förskola"
    if not index.phrases.keys().isdisjoint(found):
        for i in [k for k, norm in enumerate(norms) if norm in index.phrases]:
            for phrase in index.phrases[norms[i]]:
                end = i + len(phrase)
                if end <= count and all(
                    norms[k] in forms for k, forms in enumerate(phrase[1:], i + 1)
                ):
                    return True
    if not lexicon.ratio_words.isdisjoint(found):
        # "fler vuxna per barn", "kostnad per invånare"
        for i in [k for k, norm in enumerate(norms) if norm in lexicon.ratio_words]:
            if 0 < i < count - 1 and kinds[i + 1] == "w" and kinds[i - 1] in "wn":
                return True
    if not lexicon.title_genitives.isdisjoint(found):
        # "Sveriges Kvalitetskommun": a named title or award, won or not
        for i in [k for k, norm in enumerate(norms) if norm in lexicon.title_genitives]:
            if i + 1 < count and kinds[i + 1] == "w" and text[tokens.starts[i + 1]].isupper():
                return True
    if _has_quantity(tokens, lexicon):
        return True
    # The first word of each sentence: "Inför insamling ...", "Fler elever ska ..."
    for i in [0, *(k + 1 for k in range(count - 1) if norms[k] in _SENTENCE_ENDS)]:
        if kinds[i] != "w":
            continue
        if norms[i] in lexicon.imperatives:
            return True
        if norms[i] in lexicon.more and i + 1 < count and kinds[i + 1] == "w":
            return True
    # Promises kept or not: a service offered ("erbjuda hemtjänst på kvällar"), a
    # promise to everyone ("Alla som har hemtjänst ska ha en fast omsorgskontakt"),
    # unless values say what it is to be like ("en service som är effektiv").
    if lexicon.offers.isdisjoint(found) and lexicon.universals.isdisjoint(found):
        return False
    if _value_words(text, scan, lang):
        return False
    return not (
        lexicon.offers.isdisjoint(found) and not _VAGUE_INDEX[lang].keys().isdisjoint(found)
    )


_SENTENCE_ENDS = frozenset(".!?;:")
_KNOWN_WORDS = frozenset().union(
    *(
        lexicon.stop
        | lexicon.markers
        | lexicon.values
        | lexicon.measures
        | _VAGUE_INDEX[lang].keys()
        for lang, lexicon in LEXICONS.items()
    )
)
"""Every word the lexicons know, in either language: a text with none of them is
neither Swedish nor English to the analysis."""


def _value_words(text: str, scan: _Scan, lang: str) -> list[tuple[int, str]]:
    """The words of values and ambitions in the text (token index, as written), each once."""
    lexicon = LEXICONS[lang]
    norms, kinds, starts, ends = scan.tokens
    heads = tuple(lexicon.value_heads)
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    for i, (norm, kind) in enumerate(zip(norms, kinds, strict=True)):
        if kind != "w" or norm in seen:
            continue
        if norm in lexicon.values or (heads and norm.endswith(heads) and len(norm) > 8):
            if i + 1 < len(norms) and norms[i + 1] in {"till", "to"}:
                continue  # "leder till", "leads to"
            seen.add(norm)
            found.append((i, text[starts[i] : ends[i]]))
    return found


_SUBJECT_WORDS = 3
"""At most this many words of content after the vague word are quoted in the advice."""


def _subject(text: str, tokens: _Tokens, first: int, last: int, lang: str) -> str:
    """The words from token *first* to *last*, and the words after them that belong to
    the same phrase (up to punctuation, a number, a modal, a conjunction or a
    subordinate clause, at most :data:`_SUBJECT_WORDS` words of content): "attraktiv
    arbetsgivare", "verka för fler arbetstillfällen", "ekologiskt hållbar stad"."""
    lexicon = LEXICONS[lang]
    norms, kinds, starts, ends = tokens
    stops = (
        lexicon.modals
        | lexicon.subordinators
        | lexicon.infinitive_markers
        | {c[0] for c in lexicon.conjunctions}
        | lexicon.age_words
    )
    if first > 0 and kinds[first - 1] == "w" and norms[first - 1].endswith(_ADVERB_ENDINGS):
        first -= 1  # "ekologiskt hållbar", "socially sustainable"
    end = last
    content = 0
    k = last + 1
    while k < len(norms) and content < _SUBJECT_WORDS:
        if kinds[k] != "w" or norms[k] in stops:
            break
        if norms[k] not in _NOT_CONTENT[lang]:
            content += 1
            end = k  # never end on a word without content ("in the")
        k += 1
    return _evidence(text, starts[first], ends[end])


_ADVERB_ENDINGS = ("iskt", "ically", "ally")


_SHOWN = 80
"""At most this many characters of a text are shown as the evidence of a finding."""


def _shown(text: str) -> str:
    """*text* with runs of whitespace as one space, cut after a word to at most
    :data:`_SHOWN` characters (evidence is always words of the text, as written)."""
    flat = " ".join(text[: _SHOWN * 4].split())
    if len(flat) <= _SHOWN:
        return flat
    cut = flat.rfind(" ", 0, _SHOWN + 1)
    return flat[: cut if cut > 0 else _SHOWN]


def issue_texts(
    code: str, evidence: str, *, lang: str, kind: str = "", subject: str = ""
) -> tuple[str, str]:
    """The message and hint of one issue, in *lang* (any language of
    :func:`goalchain._i18n.languages`).

    Parameters
    ----------
    code, evidence
        The issue's code and evidence, as :func:`analyse` gives them.
    lang
        The language of the texts.
    kind
        For ``vague_verb``: ``"effort"`` (a verb that promises an effort) or
        ``"change"`` (a verb of change without a measure); for ``no_result``:
        ``"values"`` (the evidence lists words of values), ``"unknown"`` (no word
        of the text is Swedish or English to the lexicons) or ``"none"``.
    subject
        The goal's own words the advice is built on ("attraktiv arbetsgivare");
        the evidence when empty.

    Examples
    --------
    >>> issue_texts("no_result", "attraktiv, trygg", lang="sv", kind="values")[0]
    'nämner inget mätbart resultat; ”attraktiv” och ”trygg” är värderingar'
    >>> issue_texts("vague_verb", "verka för", lang="sv", kind="effort",
    ...             subject="verka för fler arbetstillfällen")[1]
    'skriv vilket resultat ”verka för fler arbetstillfällen” ska ge och hur det mäts: en andel,
    ett antal, en tid, en kostnad eller något som ska vara byggt eller beslutat, med nivå och
    år, t.ex. ”Antalet arbetstillfällen ska öka till … år …”'
    """
    message, hint = _issue_texts(code, evidence, lang=lang, kind=kind, subject=subject)
    return message, _lower_first(hint)


def _lower_first(text: str) -> str:
    """*text* with a lower-case first letter, as every finding's message and hint start
    (an abbreviation such as ``SFI`` is kept)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _issue_texts(
    code: str, evidence: str, *, lang: str, kind: str = "", subject: str = ""
) -> tuple[str, str]:
    """:func:`issue_texts`, the hint as written in the tables."""
    if lang not in languages():  # "en-GB" reads as English, anything else as Swedish
        lang = "en" if lang.startswith("en") else "sv"
    subject = subject or evidence
    if code == "no_result":
        return _no_result_texts(evidence, lang=lang, kind=kind, subject=subject)
    if code == "vague_verb":
        return _vague_verb_texts(evidence, lang=lang, kind=kind, subject=subject)
    if code == "too_short" and not evidence.strip():
        return (
            gettext("the formulation is empty", lang),
            gettext("Write the goal as a whole sentence: what, for whom, when", lang),
        )
    texts = _MESSAGES.get(code)
    if texts is None:
        return f"{code}: {evidence}", ""
    message, hint = texts
    return (
        _template(message, lang).format(evidence=evidence),
        _template(hint, lang).format(evidence=evidence),
    )


def _quoted(words: Sequence[str], lang: str) -> str:
    """”a”, ”b” och ”c” (sv) or "a", "b" and "c" (en)."""
    marks = [pgettext("quoted word", '"{word}"', lang).format(word=word) for word in words]
    if len(marks) == 1:
        return marks[0]
    return pgettext("list", "{items} and {last}", lang).format(
        items=", ".join(marks[:-1]), last=marks[-1]
    )


def _no_result_texts(evidence: str, *, lang: str, kind: str, subject: str) -> tuple[str, str]:
    if kind == "values" and evidence:
        words = evidence.split(", ")
        message = ngettext(
            "names no measurable result; {words} is a value",
            "names no measurable result; {words} are values",
            len(words),
            lang,
        ).format(words=_quoted(words, lang))
        return message, _template(_MESSAGES["no_result"][1], lang).format(evidence=subject)
    if kind == "unknown":
        return (
            gettext(
                "names no measurable result that can be read: the text looks neither Swedish "
                'nor English ("{evidence}")',
                lang,
            ).format(evidence=evidence),
            gettext(
                "Write the goal in Swedish (or English): what is to be achieved, for whom, "
                "measured how and by when",
                lang,
            ),
        )
    return (
        gettext(
            "names no measurable result: no measure (share, number, time, cost, satisfaction, "
            'ranking), no level and no deliverable in "{evidence}"',
            lang,
        ).format(evidence=evidence),
        gettext(
            'Say which measure or deliverable shows that "{subject}" is achieved: a share, a '
            "number, a time, a cost or something to be built or adopted, ideally with a level "
            "and a year",
            lang,
        ).format(subject=subject),
    )


_MORE = frozenset({"fler", "färre", "more", "fewer"})


def _vague_verb_texts(evidence: str, *, lang: str, kind: str, subject: str) -> tuple[str, str]:
    if kind == "change":
        return (
            gettext(
                'names no measurable result; "{evidence}" is a vague verb here: it gives a '
                "direction but no measure",
                lang,
            ).format(evidence=evidence),
            gettext(
                'Say what is to be measured for "{subject}" and how far it is to go: a share, '
                'a number, a time or a cost, e.g. "The share of ... is to be ... per cent by ..."',
                lang,
            ).format(subject=subject),
        )
    message = _template(_MESSAGES["vague_verb"][0], lang).format(evidence=evidence)
    hint = gettext(
        'Say which result "{subject}" is to bring and how it is measured: a share, a '
        "number, a time, a cost or something to be built or adopted, with a level and a year",
        lang,
    ).format(subject=subject)
    # "verka för fler arbetstillfällen": the number the effort is to change
    words = subject.split()
    for k, word in enumerate(words[:-1]):
        if word.casefold() in _MORE:
            thing = " ".join(words[k + 1 :])
            if word.casefold() in {"fler", "more"}:
                example = gettext(
                    ', e.g. "The number of {thing} is to increase to ... by ..."', lang
                )
            else:
                example = gettext(
                    ', e.g. "The number of {thing} is to decrease to ... by ..."', lang
                )
            hint += example.format(thing=thing)
            break
    return message, hint


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
    ['och']
    >>> [(i.code, i.evidence) for i in analyse("Hållbara städer och samhällen")]
    [('no_result', 'Hållbara')]
    >>> [i.code for i in analyse("Improve", lang="en")]
    ['no_object', 'too_short', 'vague_verb']
    """
    return tuple(
        TextIssue(code=code, evidence=evidence, serious=serious)
        for code, evidence, serious in issue_tuples(text, lang=lang)
    )


def issue_tuples(text: str, *, lang: str | None = None) -> tuple[tuple[str, str, bool], ...]:
    """:func:`analyse` as plain ``(code, evidence, serious)`` tuples."""
    return tuple(issue[:3] for issue in issue_details(text, lang=lang))


IssueDetail = tuple[str, str, bool, str, str]
"""``(code, evidence, serious, kind, subject)``: see :func:`issue_texts`."""


def issue_details(text: str, *, lang: str | None = None) -> tuple[IssueDetail, ...]:
    """:func:`analyse` as ``(code, evidence, serious, kind, subject)`` tuples: what
    :func:`issue_texts` needs to word each issue (the check shares one judgement per
    tuple and needs no :class:`TextIssue` objects)."""
    text = unicodedata.normalize("NFC", text)
    scan = _scan(text)
    tokens = scan.tokens
    norms, kinds, starts, ends = tokens
    lang = ("en" if scan.english > 0 else "sv") if lang is None else _normalise_lang(lang, text)
    sentences = _sentence_tokens(text, starts)
    folded = set(norms)
    result = _names_result(text, scan, lang, folded)

    hits: list[_Hit] = []
    # A short text that names a result ("Klimatneutralitet 2030", "Nöjda medborgare")
    # can be followed up; one word cannot.
    serious = scan.counted < MIN_WORDS and not (result and scan.counted > 1)
    if serious:
        stripped = text.strip()
        hits.append(
            _Hit(
                text.find(stripped[:1]) if stripped else 0,
                "too_short",
                _shown(text),
                0,
                0,
            )
        )
    long_hit = _too_long(text, scan, sentences)
    if long_hit is not None:
        hits.append(long_hit)

    # Each search below finds nothing in a sentence without one of the words it starts
    # from (a vague verb's head, a filler's first word, a conjunction): those sentences
    # are skipped, which a set comparison tells at once.
    vague_heads = _VAGUE_INDEX[lang].keys()
    filler_heads = _FILLER_INDEX[lang].heads
    conjunctions = _CONJUNCTION_INDEX[lang].keys()
    not_content: set[int] = set()  # the tokens in vague verbs and fillers
    whole = len(sentences) == 1
    verbs = 0
    for first, end in sentences:
        sentence = tokens if whole else tokens.part(first, end)
        found = folded if whole else set(sentence.norms)
        if not vague_heads.isdisjoint(found):
            vague, covered = _vague_hits(text, sentence, lang, result)
            hits.extend(vague)
            verbs += len(vague)
            not_content.update(first + k for k in covered)
        if not filler_heads.isdisjoint(found) and _may_have_filler(sentence.norms, lang):
            fillers = _filler_hits(text, sentence, lang)
            hits.extend(fillers)
            for hit in fillers:
                not_content.update(range(first + hit.first, first + hit.last + 1))
        if not conjunctions.isdisjoint(found):
            several = _several_goals(text, sentence, lang)
            if several is not None:
                hits.append(several)

    words = scan.words
    not_words = _NOT_CONTENT[lang]
    if scan.counted and not any(
        # _is_content, inline: this runs for every text
        kind == "w" and len(norm) > 1 and norm not in not_words and k not in not_content
        for k, (norm, kind) in enumerate(zip(norms, kinds, strict=True))
    ):
        serious = True
        if words:
            first_word, last_word = kinds.index("w"), kinds.rindex("w")
        else:  # numbers only: "12 34 56"
            first_word = last_word = 0
            last_word = len(kinds) - 1
        hits.append(
            _Hit(
                starts[first_word],
                "no_object",
                _shown(text[starts[first_word] : ends[last_word]]),
                0,
                0,
            )
        )
    if not result and not verbs and not serious:
        values = _value_words(text, scan, lang)
        if values:
            k, _ = values[0]
            hits.append(
                _Hit(
                    starts[k],
                    "no_result",
                    ", ".join(word for _, word in values[:3]),
                    0,
                    0,
                    "values",
                    _subject(text, tokens, k, k, lang),
                )
            )
        else:
            known = _KNOWN_WORDS.intersection(words)
            kind = "none" if known or len(words) < MIN_WORDS else "unknown"
            hits.append(_Hit(starts[0] if starts else 0, "no_result", _shown(text), 0, 0, kind))

    if not hits:
        return ()
    hits.sort(key=_HIT_ORDER)
    return tuple(
        (hit.code, hit.evidence, hit.code in SERIOUS, hit.kind, hit.subject) for hit in hits
    )
