"""Names of municipal bodies: the same body written in full, inflected or abbreviated.

``"Kommunfullmäktige"``, ``"kommunfullmäktige"``, ``"fullmäktige"`` and ``"KF"``
name the same body; so do ``"Barn- och utbildningsnämnden"``, ``"barn- och
utbildningsnämnd"`` and ``"BUN"``. Names are compared by a key: lower case,
hyphens and the word *och* dropped, the definite ending taken off the last word
(*nämnden* -> *nämnd*, *styrelsen* -> *styrelse*). Abbreviations are compared
with the initials of each part, where a compound ending in *nämnd*, *styrelse*
or *fullmäktige* gives two letters (*utbildningsnämnd* -> UN, *kommunstyrelse*
-> KS), and with a table of common abbreviations that initials cannot give
(SBN, AMN, MBN...).
"""

from __future__ import annotations

import functools
import re

__all__ = ["COUNCIL_NAMES", "abbreviations", "body_key", "is_council", "same_body"]

COUNCIL_NAMES: tuple[str, ...] = (
    "kommunfullmäktige",
    "fullmäktige",
    "kf",
    "regionfullmäktige",
    "rf",
    "landstingsfullmäktige",
    "council",
    "municipal council",
)
"""Names that mean the council (kommunfullmäktige), compared by :func:`body_key`."""

# Abbreviations that the initials of the written name do not give.
_KNOWN: dict[str, str] = {
    "kf": "kommunfullmäktige",
    "ks": "kommunstyrelse",
    "sbn": "samhällsbyggnadsnämnd",
    "amn": "arbetsmarknadsnämnd",
    "mbn": "miljö byggnämnd",
    "bmn": "bygg miljönämnd",
    "ifn": "individ familjeomsorgsnämnd",
    "ofn": "överförmyndarnämnd",
    "öfn": "överförmyndarnämnd",
    "vn": "valnämnd",
    "rf": "regionfullmäktige",
    "rs": "regionstyrelse",
}
_ENDINGS = (("nämnden", "nämnd"), ("styrelsen", "styrelse"), ("förvaltningen", "förvaltning"))
_SUFFIX_LETTERS = (("fullmäktige", "f"), ("styrelse", "s"), ("nämnd", "n"))
_SPLIT = re.compile(r"[\s\-–/,.]+")


@functools.lru_cache(maxsize=4096)
def body_key(name: str) -> str:
    """The comparison key of a body's name.

    Examples
    --------
    >>> from goalchain.smart._bodies import body_key
    >>> body_key("Barn- och utbildningsnämnden")
    'barn utbildningsnämnd'
    >>> body_key("KF") == body_key("Kommunfullmäktige") == body_key("fullmäktige")
    True
    """
    words = [w for w in _SPLIT.split(name.casefold()) if w and w not in ("och", "and", "&")]
    if words[:1] == ["the"]:
        words = words[1:]
    if not words:
        return ""
    last = words[-1]
    for ending, base in _ENDINGS:
        if last.endswith(ending):
            words[-1] = last[: -len(ending)] + base
            break
    key = " ".join(words)
    if key in _KNOWN:
        return _KNOWN[key]
    if key in ("fullmäktige", "council", "municipal council"):
        return "kommunfullmäktige"
    return key


@functools.lru_cache(maxsize=4096)
def abbreviations(name: str) -> frozenset[str]:
    """The abbreviations a body's name may be written as (lower case).

    Examples
    --------
    >>> from goalchain.smart._bodies import abbreviations
    >>> sorted(abbreviations("Barn- och utbildningsnämnden"))
    ['bun']
    >>> sorted(abbreviations("Kommunstyrelsen"))
    ['ks']
    """
    key = body_key(name)
    known = frozenset(abbr for abbr, full in _KNOWN.items() if full == key)
    if known:
        return known
    letters = []
    for word in key.split():
        for suffix, letter in _SUFFIX_LETTERS:
            if word.endswith(suffix) and word != suffix:
                letters.append(word[0] + letter)
                break
        else:
            letters.append(word[0])
    joined = "".join(letters)
    return frozenset({joined}) if len(joined) > 1 else frozenset()


def same_body(a: str | None, b: str | None) -> bool:
    """Tell whether two names name the same body (case, inflection, abbreviation).

    Examples
    --------
    >>> from goalchain.smart import same_body
    >>> same_body("KS", "Kommunstyrelsen"), same_body("bun", "Barn- och utbildningsnämnden")
    (True, True)
    >>> same_body("Socialnämnden", "Kommunstyrelsen")
    False
    """
    if not a or not b:
        return False
    key_a, key_b = body_key(a), body_key(b)
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    if " " not in key_a and key_a in abbreviations(b):
        return True
    return " " not in key_b and key_b in abbreviations(a)


def is_council(name: str | None) -> bool:
    """Tell whether *name* names the council (kommunfullmäktige, KF, fullmäktige...).

    Examples
    --------
    >>> from goalchain.smart._bodies import is_council
    >>> is_council("KF"), is_council("Kommunfullmäktige"), is_council("Kommunstyrelsen")
    (True, True, False)
    """
    if not name:
        return False
    key = body_key(name)
    return key in ("kommunfullmäktige", "regionfullmäktige", "landstingsfullmäktige")
