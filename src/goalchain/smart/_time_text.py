"""Time in a goal's own words: years, dates, periods and yearly recurrence.

A goal is time-bound when its text says when: a year (*till 2026*, *senast
2025*, *år 2030*, *Klimatneutralitet 2030*, *by 2030*), a date (*31 december
2025*, *2025-12-31*), a range of years (*2023–2026*), a period (*under
mandatperioden*, *under planperioden*, *under året*, *inom två år*, *during the
term*) or a yearly recurrence (*varje år*, *årligen*, *per år*, *every year*,
*annually*). A year that is not a time for the goal is told apart: a year to
compare with (*jämfört med 2019*, *2019 års nivå*, *since 1990*), a year in a
name (*Agenda 2030*, *Vision 2040*, *Mål och budget 2024*) and a number that is
a quantity (*minst 2000 bostäder*).

The text is cut into tokens (runs of letters, runs of digits, single signs) by
one regular expression without nested repetition, and the tokens are read once,
each rule looking at a fixed number of tokens around one: the time is linear in
the length of the text, which is moreover read only up to :data:`MAX_CHARS`
characters (a goal is a sentence or two; the tail of a longer text is not read).
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["MAX_CHARS", "TIMING", "TimeMention", "deadline_years", "read_time"]

MAX_CHARS = 5_000
"""Characters of a text that are read (a goal is a sentence or two)."""


class TimeMention(NamedTuple):
    """One time expression in a goal's text.

    Attributes
    ----------
    kind
        ``"year"``, ``"date"``, ``"range"`` (of years), ``"period"`` (*under
        mandatperioden*, *inom två år*, *2030-talet*) or ``"recurring"`` (*varje
        år*) -- the kinds in :data:`TIMING`, which make a goal time-bound -- or
        ``"reference"`` (a year to compare with) or ``"name"`` (a year that is
        part of a name), which do not.
    words
        The words as written (at most 60 characters).
    year
        The year by which the goal is to be reached: the year, the date's year,
        the range's last year, a decade's last year; None otherwise.
    """

    kind: str
    words: str
    year: int | None


TIMING = frozenset({"year", "date", "range", "period", "recurring"})
"""The kinds of :class:`TimeMention` that say when the goal is to be reached."""

# Runs of letters, runs of digits, or one other sign (dashes included); spaces are
# skipped. No nested repetition, so matching never backtracks.
_TOKEN = re.compile(r"[0-9]+|[^\W0-9_]+|[^\w\s]")
# A cheap first look: a text without a digit or any of these has no time words.
_MAYBE = re.compile(r"[0-9]|år|period|mandattid|year|annu|term")


def _set(words: str) -> frozenset[str]:
    """The words of a space-separated list."""
    return frozenset(words.split())


_DASHES = frozenset("-‐‑‒–—")
_FIRST_YEAR, _LAST_YEAR = 1900, 2100

_MONTHS = _set(
    "januari februari mars april maj juni juli augusti september oktober november december "
    "january february march may june july august october"
)
# Words before a year that make it a deadline (kept in the evidence: "senast år 2030").
_LEAD = _set(
    "till senast år året före innan under inom fram i slutet av utgången vid inte senare än "
    "by in until before end the of during no later than"
)
# A year right after one of these is a quantity ("minst 2000 bostäder").
_QUANTITY = _set(
    "minst högst max maximalt minimum cirka ca runt omkring drygt knappt "
    "least most about approximately around nearly almost"
)
_COMPARATIVE = _set("fler färre mer mindre över more fewer less over")
# A number followed by one of these is a quantity ("2000 kronor", "2500 invånare").
_UNITS = _set(
    "% procent kr kronor tkr mkr miljoner miljarder st stycken personer invånare medborgare "
    "bostäder lägenheter hushåll platser besök besökare elever barn ungdomar deltagare "
    "medarbetare anställda ton kg kwh mwh gwh timmar dagar veckor kvadratmeter kvm m km "
    "kilometer meter hektar ha träd arbetstillfällen jobb företag nya "
    "people persons homes households residents inhabitants visitors pupils children jobs "
    "tonnes tons hours days percent sek euro new"
)
# A year right after a word ending in one of these is part of a name ("Agenda 2030").
_NAME_HEADS = (
    "agenda",
    "vision",
    "visionen",
    "strategi",
    "strategin",
    "strategy",
    "program",
    "programmet",
    "programme",
    "plan",
    "planen",
    "budget",
    "budgeten",
    "redovisning",
    "redovisningen",
    "report",
)
# A year after one of these is a year to compare with, not a deadline.
_REFERENCE = _set(
    "sedan since jämfört jämförelse jämförelseår jämförelseåret basår basåret "
    "utgångsår utgångsåret utgångsläget relativt compared relative baseline"
)
_REFERENCE_PAIRS = frozenset(
    {
        ("jämfört", "med"),
        ("jämfört", "mot"),
        ("jämförelse", "med"),
        ("förhållande", "till"),
        ("relation", "till"),
        ("compared", "to"),
        ("compared", "with"),
        ("relative", "to"),
    }
)
# A year followed by one of these is a year to compare with ("2019 års nivå").
_REFERENCE_AFTER = _set("års level levels nivå nivåer baseline")
# Skipped between a preposition and its year ("jämfört med år 2019", "than in 1990").
_YEAR_WORDS = frozenset({"år", "året", "i", "year", "the", "in"})

# "varje år", "per år", "om året", "every year"; the unit is a year (a week or a day
# is the frequency of the thing measured, not the time of the goal).
_EVERY = _set("varje vart per om every each a")
_YEAR_UNITS = _set(
    "år året läsår läsåret budgetår budgetåret kalenderår kalenderåret verksamhetsår "
    "verksamhetsåret year annum"
)
_YEARLY = _set(
    "årligen årlig årliga årligt årsvis vartannat varannat annually yearly annual biannually "
    "biennially"
)
_ORDINALS = _set(
    "annat andra tredje fjärde femte other second third fourth fifth two three four five"
)
_NUMBER_WORDS = _set(
    "ett en två tre fyra fem sex sju åtta nio tio a one two three four five six seven eight "
    "nine ten"
)
# "mandatperioden", "planperioden", "programperioden", "budgetperioden"...
_PERIOD = re.compile(
    r"(?:mandat|plan|program|budget|verksamhets|strategi|avtals|val)period(?:en|ens)?|"
    r"mandattid(?:en)?"
)
_BARE_PERIOD = frozenset({"period", "perioden", "term"})
_PERIOD_LEAD = _set(
    "under inom denna innevarande nuvarande during within this current the mandate plan "
    "planning programme program budget electoral"
)
_EARLIER = _set("förra föregående tidigare previous last former")


def _digits(word: str) -> bool:
    """Whether a token is a number (ASCII digits: other digits are read as letters)."""
    return word.isascii() and word.isdigit()


def _year(word: str) -> int | None:
    """The year a token names (four digits, 1900-2100), or None."""
    if len(word) == 4 and _digits(word):
        year = int(word)
        if _FIRST_YEAR <= year <= _LAST_YEAR:
            return year
    return None


class _Reader:
    """Reads the tokens of one text once, left to right."""

    __slots__ = ("found", "spans", "text", "words")

    def __init__(self, text: str):
        self.text = text
        self.words: list[str] = []
        self.spans: list[tuple[int, int]] = []
        for match in _TOKEN.finditer(text):
            self.words.append(match.group().lower())
            self.spans.append(match.span())
        self.found: list[TimeMention] = []

    def word(self, i: int) -> str:
        """The token at *i*, or "" outside the text."""
        return self.words[i] if 0 <= i < len(self.words) else ""

    def add(self, kind: str, first: int, last: int, year: int | None) -> int:
        """Note a mention over the tokens *first*..*last*; the index after it."""
        words = self.text[self.spans[first][0] : self.spans[last][1]]
        if len(words) > 60:
            words = words[:59] + "…"
        self.found.append(TimeMention(kind, words, year))
        return last + 1

    def read(self) -> list[TimeMention]:
        i, n = 0, len(self.words)
        while i < n:
            word = self.words[i]
            if _digits(word):
                i = self.number(i)
            elif word in _MONTHS:
                i = self.month(i)
            else:
                i = self.phrase(i)
        return self.found

    # -- numbers --------------------------------------------------------------
    def number(self, i: int) -> int:
        word = self.words[i]
        year = _year(word)
        if year is None:
            if len(word) <= 2 and 1 <= int(word) <= 31 and self.word(i + 1) in _MONTHS:
                return self.day(i)
            return i + 1
        return self.year(i, year)

    def day(self, i: int) -> int:
        """A day and a month ("31 december"), perhaps a year."""
        year = _year(self.word(i + 2))
        if year is not None:
            return self.add("date", i, i + 2, year)
        return self.add("date", i, i + 1, None)

    def month(self, i: int) -> int:
        """A month and a year ("december 2025"), or "December 31, 2025"."""
        year = _year(self.word(i + 1))
        if year is not None:
            return self.add("date", i, i + 1, year)
        day = self.word(i + 1)
        if _digits(day) and len(day) <= 2 and 1 <= int(day) <= 31:
            after = i + 3 if self.word(i + 2) == "," else i + 2
            year = _year(self.word(after))
            if year is not None:
                return self.add("date", i, after, year)
            return self.add("date", i, i + 1, None)
        return i + 1

    def year(self, i: int, year: int) -> int:
        words = self.word
        after = words(i + 1)
        before = words(i - 1)
        if before.endswith(_NAME_HEADS) and before not in _LEAD:  # "Agenda 2030"
            last = i + 2 if after in _DASHES and _digits(words(i + 2)) else i
            return self.add("name", i - 1, last, None)
        if after and after in _DASHES:
            second = words(i + 2)
            if _digits(second):
                if len(second) == 2 and words(i + 3) in _DASHES and _digits(words(i + 4)):
                    return self.add("date", i, i + 4, year)  # 2025-12-31
                end = _year(second)
                if end is None and len(second) == 2:
                    end = year - year % 100 + int(second)  # 2023-26
                    if not 0 < end - year <= 20:
                        return self.add("date", i, i + 2, year)  # 2025-06
                if end is not None and 0 < end - year <= 50:
                    return self.add("range", i, i + 2, end)
            elif second in ("talet", "tal") and year % 10 == 0:
                return self.add("period", i, i + 2, year + 9)  # 2030-talet
        if before in _QUANTITY or after in _UNITS:
            return i + 1
        if before in ("än", "than") and words(i - 2) in _COMPARATIVE:
            return i + 1
        if before == "och" and _digits(words(i - 2)) and words(i - 3) == "mellan":
            return i + 1  # read with the first year
        if self.reference(i):
            return i + 1
        if after == "och" and before == "mellan":
            end = _year(words(i + 2))
            if end is not None and end > year:
                return self.add("range", i - 1, i + 2, end)
        first = i
        while first > 0 and first > i - 4 and words(first - 1) in _LEAD:
            first -= 1
        return self.add("year", first, i, year)

    def reference(self, i: int) -> bool:
        """Whether the year at *i* is one to compare with (noted if so)."""
        words = self.word
        if words(i + 1) in _REFERENCE_AFTER:
            self.add("reference", i, i + 1, None)
            return True
        j = i - 1
        if words(j) in _YEAR_WORDS:
            j -= 1
        before = words(j)
        if (words(j - 1), before) in _REFERENCE_PAIRS:
            self.add("reference", j - 1, i, None)
            return True
        if before in _REFERENCE:
            self.add("reference", j, i, None)
            return True
        if before in ("än", "than") and words(j - 1) not in ("senare", "later"):
            self.add("reference", j, i, None)
            return True
        if before == "från" or (before == "from" and words(i + 1) not in ("onwards", "on")):
            self.add("reference", j, i, None)
            return True
        return False

    # -- words ----------------------------------------------------------------
    def phrase(self, i: int) -> int:
        words = self.word
        word = self.words[i]
        after = words(i + 1)
        if word in _YEARLY:
            if word in ("vartannat", "varannat"):  # "vartannat år"
                return self.add("recurring", i, i + 1, None) if after in _YEAR_UNITS else i + 1
            return self.add("recurring", i, i, None)
        if word in _EVERY:
            if after in _YEAR_UNITS:  # "varje år", "per år", "om året", "every year"
                return self.add("recurring", i, i + 1, None)
            following = words(i + 2)
            if (
                word in ("vart", "every")
                and after in _ORDINALS
                and (following in _YEAR_UNITS or following == "years")
            ):  # "vart tredje år"
                return self.add("recurring", i, i + 2, None)
        if word == "år" and words(i - 1) == "och" and words(i - 3) == "per":
            return self.add("recurring", i - 3, i, None)  # "per invånare och år"
        if word in ("inom", "om", "within", "in"):  # "inom två år", "within a year"
            count = after
            if (count in _NUMBER_WORDS or (_digits(count) and len(count) <= 2)) and words(
                i + 2
            ) in ("år", "åren", "year", "years"):
                return self.add("period", i, i + 2, None)
            return i + 1
        if (word == "under" and after == "året") or (word == "this" and after == "year"):
            return self.add("period", i, i + 1, None)
        if word == "during" and after == "the" and words(i + 2) == "year":
            return self.add("period", i, i + 2, None)
        if word == "innevarande" and after in ("år", "året"):
            return self.add("period", i - 1 if words(i - 1) == "under" else i, i + 1, None)
        if _PERIOD.fullmatch(word) is not None or (
            word in _BARE_PERIOD and words(i - 1) in _PERIOD_LEAD
        ):
            if words(i - 1) in _EARLIER:  # "förra mandatperioden": a time to compare with
                return self.add("reference", i - 1, i, None)
            first = i
            while first > i - 3 and words(first - 1) in _PERIOD_LEAD:
                first -= 1  # "under denna mandatperiod", "during the term"
            return self.add("period", first, i, None)
        return i + 1


def read_time(text: str | None) -> tuple[TimeMention, ...]:
    """The time expressions of a goal's text, in the order written.

    Never raises: an empty text, or one of only numbers, gives what is there.
    Only the first :data:`MAX_CHARS` characters are read.

    Examples
    --------
    >>> from goalchain.smart._time_text import read_time
    >>> [(m.kind, m.words, m.year) for m in read_time("Klimatneutralitet senast år 2030")]
    [('year', 'senast år 2030', 2030)]
    >>> [(m.kind, m.words) for m in read_time("Utsläppen ska minska varje år jämfört med 2019")]
    [('recurring', 'varje år'), ('reference', 'jämfört med 2019')]
    >>> [(m.kind, m.words) for m in read_time("Bidra till Agenda 2030 under mandatperioden")]
    [('name', 'Agenda 2030'), ('period', 'under mandatperioden')]
    """
    if not text:
        return ()
    text = text[:MAX_CHARS]
    if _MAYBE.search(text.lower()) is None:
        return ()
    return tuple(_Reader(text).read())


def deadline_years(mentions: tuple[TimeMention, ...]) -> list[int]:
    """The years by which the goal is to be reached, in the order written (no repeats)."""
    out: list[int] = []
    for mention in mentions:
        if mention.year is not None and mention.kind in TIMING and mention.year not in out:
            out.append(mention.year)
    return out
