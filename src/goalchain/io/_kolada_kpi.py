"""Kolada's KPI metadata: what a KPI is, the unit its title says, and whether it fits an indicator.

A KPI's unit is not a field of Kolada's answer: it is the last comma-separated part
of the title (``"…, andel (%)"``, ``"…, kr/inv"``), read here into a unit
goalchain knows (:func:`title_unit`), or None when the title does not say.
:class:`KpiInfo` holds a KPI's metadata; matching a KPI to an indicator decides
whether its plain numbers can be recorded in the indicator's unit, and converts
them (``_unit_problem``, ``_in_unit``); :class:`UnitNote` says, in the reader's
language, why an indicator was not filled.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

import attrs

from .._i18n import N_, check_lang, gettext
from ..exceptions import UnitMismatchError
from ..models import Indicator

__all__ = [
    "KpiInfo",
    "UnitNote",
    "title_unit",
    "title_unit_text",
]

_SHARE_UNITS = frozenset({"percent", "permille"})
# What a KPI in "antal" may count besides things: "Invånare totalt, antal" in inhabitants.
_COUNTED = frozenset({"count", "inhabitant"})


# ------------------------------------------------------------------ the unit of a KPI
# A KPI's unit is the last comma-separated part of its title ("…, andel (%)",
# "…, kr/inv", "…, antal/100 000 inv"); commas inside parentheses ("(Ja=1, Nej=0)")
# do not split it. Words elsewhere in the title ("andelar", "dagligvaruhandel")
# say nothing about the unit. What cannot be read is unknown, never guessed.

# Plain measures, the whole part (lower case, parentheses and validity marks removed).
_KOLADA_MEASURES: dict[str, str] = {
    "antal": "count",
    "totalt antal": "count",
    "antal dagar": "day",
    "dagar": "day",
    "antal vårddagar": "day",
    "antal timmar": "hour",
    "timmar": "hour",
    "år": "year",
    "procent": "percent",
    "procentenheter": "percentage_point",
    "kr": "SEK",
    "kronor": "SEK",
    "tkr": "tkr",
    "1000 kr": "tkr",
    "mkr": "mnkr",
    "miljoner kronor": "mnkr",
    "index": "index_point",
    "poäng": "score",
    "total poäng": "score",
    "meritvärdespoäng": "score",
    "kg": "kilogram",
    "gram": "gram",
    "ton": "metric_ton",
    "mwh": "megawatt_hour",
    "kwh": "kilowatt_hour",
    "mw": "megawatt",
    "installerad effekt (mw)": "megawatt",
    "meter": "meter",
    "km": "kilometer",
    "mil": "scandinavian_mile",
    "kvm": "meter ** 2",
    "kvm bra": "meter ** 2",
    "kbm": "meter ** 3",
    "liter": "liter",
    "hektar": "hectare",
    "antal hektar": "hectare",
    "kvadratkilometer": "kilometer ** 2",
    "mbit/s": "megabit / second",
    "minuter": "minute",
    "mediantid i minuter": "minute",
    "mediantid i månader": "month",
    "vecka": "week",
    "inv": "inhabitant",
}
# What is weighed, said after a mass ("ton CO2e", "kg CO2-ekv"): not part of the unit.
_SUBSTANCES = ("co2e", "co2-ekv", "nmvoc")
# "inv", "invånare", "vuxna invånare", with an age group or a date ("inv 65+",
# "inv 7-20 år", "inv 1 nov fg år"): per inhabitant (of that group).
_INHABITANTS = re.compile(
    r"^(?:vuxna\s+)?(?:inv|invånare)"
    r"(?:\s+(?:\d+\s*[-–]\s*\d+(?:\s*år)?|\d+\s*\+(?:\s*år)?|\d+\s*år\+?|1 nov fg år))?$"
)
# "antal/1000 inv", "antal vårdtillfällen/100 000 inv", "antal per 1000 invånare"
_PER_N = re.compile(
    r"^antal\b[^/]*?\s*(?:/|\bper\b)\s*(?P<n>1\s?000|10\s?000|100\s?000)\s*(?P<who>.+)$"
)
# "(-2023)", "(- 2024)": published until. Neither pattern starts with \s*: matched at every
# position of a run of spaces, that would take time quadratic in the run (issue 19); the
# spaces before are stripped by the caller.
_VALIDITY = re.compile(r"\(\s*-\s*\d{4}\s*\)\s*$")
_SOURCE = re.compile(r"källa:.*$", re.IGNORECASE)  # "Källa: SCB."
_PARENTHESES = re.compile(r"\([^()]*\)")


def title_unit_text(title: str) -> str:
    """The last comma-separated part of a KPI title, where Kolada says its unit.

    Commas inside parentheses do not count (``"… (Ja=1, Nej=0)"``).

    Examples
    --------
    >>> from goalchain.io.kolada import title_unit_text
    >>> title_unit_text("Elever i åk 9 som är behöriga till yrkesprogram, andel (%)")
    'andel (%)'
    >>> title_unit_text("Trafikolyckor, antal/100 000 inv")
    'antal/100 000 inv'
    """
    depth, last = 0, 0
    for index, char in enumerate(title):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif char == "," and not depth:
            last = index + 1
    return " ".join(title[last:].split())


@functools.lru_cache(maxsize=8192)
def title_unit(title: str) -> str | None:
    """The unit of a KPI as its title's last part says it, as goalchain names it; None if unknown.

    The last comma-separated part of the title (:func:`title_unit_text`) is
    read, and only it: ``"andel (%)"`` and any part with ``%`` is ``percent``,
    ``"antal"`` ``count``, ``"kr/inv"`` ``SEK / inhabitant``,
    ``"antal/100 000 inv"`` ``per_100000_inhabitants``, ``"procentenheter"``
    ``percentage_point``, ``"mkr"`` ``mnkr``, ``"index"`` ``index_point``
    (the full list is in the Kolada guide). A note of the years a KPI was
    published (``"(-2023)"``), a source (``"Källa: SCB."``) and other
    remarks in parentheses are left out. A part that says no unit
    (``"medelvärde"``, ``"kr/elev"``, ``"(Ja=1, Nej=0)"``) gives None.

    Examples
    --------
    >>> from goalchain.io.kolada import title_unit
    >>> title_unit("Invånare 0-19 år, andel (%)")
    'percent'
    >>> title_unit("Anmälda misshandelsbrott, antal/100 000 inv")
    'per_100000_inhabitants'
    >>> title_unit("Försäljning i dagligvaruhandeln, kr/inv")
    'SEK / inhabitant'
    >>> title_unit("Väntetid till särskilt boende, medelvärde") is None
    True
    """
    text = title_unit_text(title)
    for pattern in (_SOURCE, _VALIDITY, _VALIDITY):  # "andel (%). (-2023)", "(%). Källa: SCB."
        text = pattern.sub("", text).rstrip(" .")  # with the spaces before the match
    if "%" in text or text.lower() == "procent":
        return "percent"
    unit = _measure(text)
    if unit is None and re.search(r"\s[-–]\s", text):  # "Livskvalitet - Kommunindex"
        unit = _measure(re.split(r"\s[-–]\s", text)[-1])
    return unit


def _measure(text: str) -> str | None:
    lowered = " ".join(text.lower().replace("(", " (").split())
    if lowered in _KOLADA_MEASURES:  # before parentheses go: "installerad effekt (mw)"
        return _KOLADA_MEASURES[lowered]
    lowered = " ".join(_PARENTHESES.sub(" ", lowered).split())
    if not lowered:
        return None
    if lowered in _KOLADA_MEASURES:
        return _KOLADA_MEASURES[lowered]
    if lowered.startswith("promille"):  # "promille av total verksamhetskostnad"
        return "permille"
    if re.fullmatch(r"index\b.*|\w*index(?: kvinnor| män)?", lowered):
        return "index_point"  # "index för påståendet …", "Kommunindex", "Totalindex"
    per = _PER_N.match(lowered)
    if per is not None:
        if _INHABITANTS.match(per["who"].strip()) is None:
            return None  # "antal/1000 sysselsatta", "antal/100 000 kvinnor"
        return f"per_{per['n'].replace(' ', '')}_inhabitants"
    if "/" not in lowered and " per " not in f" {lowered} ":
        if re.fullmatch(r"(?:totalt\s+)?antal(?:\s+[^/]*)?", lowered):
            return "count"  # "antal svar", "antal personer totalt", "antal i ABO"
        return _mass(lowered)
    numerator, _, denominator = lowered.replace(" per ", "/").partition("/")
    top = _KOLADA_MEASURES.get(numerator.strip()) or _mass(numerator.strip())
    bottom = _denominator(denominator.strip())
    if top is None or bottom is None:
        return None  # "kr/elev", "gram/ätande", "antal/patient"
    return f"{top} / {bottom}" if " " not in bottom else f"{top} / ({bottom})"


def _mass(text: str) -> str | None:
    """``"ton CO2e"``, ``"kg co2-ekv"``: the mass, whatever is weighed."""
    words = text.split()
    if len(words) == 2 and words[1] in _SUBSTANCES and words[0] in ("ton", "kg"):
        return _KOLADA_MEASURES[words[0]]
    return None


def _denominator(text: str) -> str | None:
    if _INHABITANTS.match(text):
        return "inhabitant"
    if text in ("kvm", "kvm bra"):
        return "meter ** 2"
    if text in ("meter", "vecka", "inv"):
        return {"meter": "meter", "vecka": "week", "inv": "inhabitant"}[text]
    return None


@attrs.frozen(kw_only=True)
class KpiInfo:
    """Metadata of one Kolada KPI (nyckeltal).

    Attributes
    ----------
    id, title, description
        As Kolada gives them (``"N15436"``, ``"Elever i åk 9 ... andel (%)"``).
    operating_area, municipality_type, auspice, publication_date
        As Kolada gives them, or None.
    is_divided_by_gender
        True when Kolada publishes values for women (K) and men (M) too.
    data
        The whole object as Kolada sent it (read-only).
    """

    id: str
    title: str
    description: str = ""
    operating_area: str | None = None
    is_divided_by_gender: bool = False
    municipality_type: str | None = None
    auspice: str | None = None
    publication_date: str | None = None
    data: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def unit_text(self) -> str:
        """The last comma-separated part of the title, where Kolada says the unit.

        Examples
        --------
        >>> KpiInfo(id="N07403", title="Bostadsbyggande, antal/1000 inv").unit_text
        'antal/1000 inv'
        """
        return title_unit_text(self.title)

    @property
    def unit(self) -> str | None:
        """The KPI's unit as goalchain names it, read from the title's last part; None if unknown.

        See :func:`title_unit`: only the last part counts, and what it does
        not say is unknown, never guessed.

        Examples
        --------
        >>> KpiInfo(id="N00945", title="Invånare totalt, antal").unit
        'count'
        >>> KpiInfo(id="N00003", title="Personalkostnader, kr/inv").unit
        'SEK / inhabitant'
        >>> KpiInfo(id="U23401", title="Väntetid i antal dagar, medelvärde").unit is None
        True
        """
        return title_unit(self.title)

    @property
    def is_percent(self) -> bool:
        """True when the title's last part says the values are percent (``"andel (%)"``).

        A word elsewhere in the title says nothing: *andelar*,
        *dagligvaruhandel* and *misshandelsbrott* contain "andel" but are not
        shares.

        Examples
        --------
        >>> KpiInfo(id="N15436", title="Behöriga till yrkesprogram, andel (%)").is_percent
        True
        >>> KpiInfo(id="N00945", title="Invånare totalt, antal").is_percent
        False
        >>> KpiInfo(id="N07550", title="Anmälda misshandelsbrott, antal/100 000 inv").is_percent
        False
        """
        return self.unit == "percent"

    def fits(self, unit: str) -> bool | None:
        """Whether the KPI's values can be recorded in *unit*; None when its unit is unknown.

        True when the title's unit converts to *unit* (percent to permille,
        kr to tkr; goalchain keeps percent, percentage points and counts
        apart), or when the KPI is a number of something (``antal``) and
        *unit* names what is counted (``inhabitant``); False otherwise.

        Examples
        --------
        >>> info = KpiInfo(id="N00003", title="Personalkostnader, kr/inv")
        >>> info.fits("tkr/inv"), info.fits("percent")
        (True, False)
        >>> KpiInfo(id="U23401", title="Väntetid, medelvärde").fits("dagar") is None
        True
        """
        from ..units import convert, get_registry, parse_unit

        own = self.unit
        if own is None:
            return None
        if own == "count" and str(parse_unit(unit)) in _COUNTED:
            return True
        try:
            convert(get_registry().Quantity(1.0, parse_unit(own)), unit)
        except UnitMismatchError:
            return False
        return True


# key -> the English words of UnitNote's messages, looked up in the catalog
_NOTES: dict[str, str] = {
    "no_metadata": N_(
        "{id}: Kolada has no metadata for {kpi}, so it is not known whether its values are "
        "percent; the indicator is in {unit!r}"
    ),
    "percent_kpi": N_(
        "{id}: {kpi} ({title}) is in percent, but the indicator is in {unit!r}; give the "
        "indicator unit 'percent' to fill it from Kolada"
    ),
    "not_share": N_(
        "{id}: the indicator is in {unit!r}, but {kpi} ({title}) is not a share in percent"
    ),
    "unknown_unit": N_(
        "{id}: the title of {kpi} ({title}) does not say its unit, so it is not known "
        "whether its values are percent; the indicator is in {unit!r}"
    ),
    "other_unit": N_(
        "{id}: {kpi} ({title}) is in {detail}, which does not fit the indicator's "
        "{unit!r}; give the indicator a unit its values can be converted to"
    ),
}


@attrs.frozen(kw_only=True)
class UnitNote:
    """An indicator :func:`fetch_into` did not fill: its unit does not fit the KPI's values.

    Attributes
    ----------
    indicator
        The indicator's id.
    kpi
        Its Kolada KPI.
    code
        ``"no_metadata"``: Kolada has no metadata for the KPI, so whether its
        values are percent is unknown (the indicator is a share);
        ``"percent_kpi"``: the KPI is in percent, the indicator is not a share;
        ``"not_share"``: the indicator is a share, the KPI is not in percent;
        ``"unknown_unit"``: the indicator is a share, and the KPI's title
        does not say its unit (:attr:`KpiInfo.unit` is None);
        ``"other_unit"``: the KPI's unit (in *detail*) does not convert to
        the indicator's (kr/inv for an indicator in kr);
        ``"conversion"``: the KPI's percent cannot be written in the
        indicator's unit (*detail* says why).
    unit
        The indicator's unit as written in the chain.
    title
        The KPI's title, when Kolada has it.
    detail
        For ``"conversion"``: the error's text; for ``"other_unit"``: the KPI's unit.

    Examples
    --------
    >>> from goalchain.io.kolada import UnitNote
    >>> note = UnitNote(indicator="i9", kpi="N01951", code="not_share", unit="percent",
    ...                 title="Invånare totalt, antal")
    >>> note.message()
    "i9: indikatorn är i 'percent', men N01951 (Invånare totalt, antal) är ingen andel i procent"
    >>> note.message("en")
    "i9: the indicator is in 'percent', but N01951 (Invånare totalt, antal) is not a share in \
percent"
    """

    indicator: str
    kpi: str
    code: str = attrs.field(
        validator=attrs.validators.in_(
            ("no_metadata", "percent_kpi", "not_share", "unknown_unit", "other_unit", "conversion")
        )
    )
    unit: str
    title: str | None = None
    detail: str = ""

    def message(self, lang: str = "sv") -> str:
        """The note in Swedish (``"sv"``) or English (``"en"``), starting with the indicator's id.

        Raises
        ------
        InvalidValueError
            For another language, naming the valid ones.
        """
        lang = check_lang(lang)
        if self.code == "conversion":  # the conversion's own words
            return f"{self.indicator}: {self.detail}"
        return gettext(_NOTES[self.code], lang).format(
            id=self.indicator,
            kpi=self.kpi,
            unit=self.unit,
            title=self.title,
            detail=self.detail,
        )


def _unit_problem(indicator: Indicator, info: KpiInfo | None) -> UnitNote | None:
    """Why Kolada's plain numbers cannot be recorded in the indicator's unit, or None."""
    from ..units import canonical_unit

    unit = canonical_unit(indicator.unit)
    is_share = unit in _SHARE_UNITS
    kpi = indicator.kolada or ""
    if info is None:
        if not is_share:
            return None
        return UnitNote(indicator=indicator.id, kpi=kpi, code="no_metadata", unit=indicator.unit)
    fits = info.fits(indicator.unit)
    detail = ""
    if fits is None:  # the title does not say: a share needs to know, other units take it
        if not is_share:
            return None
        code = "unknown_unit"
    elif fits:
        return None
    elif info.is_percent:
        code = "percent_kpi"
    elif is_share:
        code = "not_share"
    else:
        code, detail = "other_unit", repr(info.unit)
    return UnitNote(
        indicator=indicator.id,
        kpi=info.id,
        code=code,
        unit=indicator.unit,
        title=info.title,
        detail=detail,
    )


def _in_unit(number: float, indicator: Indicator, info: KpiInfo | None) -> float:
    """Kolada's number, in the KPI's unit when its title says it, in the indicator's unit."""
    from ..units import convert, get_registry, parse_unit

    own = None if info is None else info.unit
    if own == "count" and str(parse_unit(indicator.unit)) in _COUNTED:
        return number  # "antal" of what the indicator counts (inhabitants)
    if own is not None:
        return convert(
            get_registry().Quantity(number, parse_unit(own)),
            indicator.unit,
            element=indicator.id,
            field="value",
        )
    return number
