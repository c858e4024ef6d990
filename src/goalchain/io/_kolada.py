"""A client for the Kolada v3 API, and filling a chain's indicators from it.

Kolada (https://www.kolada.se, run by RKA) publishes some 5 000 key figures
(KPIs) for every Swedish municipality and region. Indicators that carry a
Kolada id (``kolada: N15436``) can be filled from it with :func:`fetch_into`.

What this module relies on, and where it was checked
-----------------------------------------------------
- Base URL ``https://api.kolada.se/v3`` (v2 is retired): the v3 URL composers
  and tests of rKolada (``LCHansson/rKolada``, ``tests/testthat/test-query-composers.R``),
  and scripts that fetch from v3 (``hamta_kolada.py``: "API:t (v3; v2 är avvecklat)").
- KPI metadata ``/kpi/{id,id,...}`` (ids comma separated, in the path); objects
  with ``id``, ``title``, ``description``, ``operating_area``,
  ``is_divided_by_gender``, ``municipality_type``, ``auspice``,
  ``publication_date`` (rKolada's recorded v3 responses, ``test-api-mocked.R``).
- Values ``/data/kpi/{kpis}/municipality/{municipalities}/year/{years}``, each
  part a comma-separated list (rKolada ``compose_data_query``; the v2 README of
  ``Hypergene/kolada``, whose data routes v3 keeps).
- At most 25 ids per list: rKolada splits more than 25 KPIs or ids into
  separate requests ("chunks >25 KPIs into separate requests"), and a v3
  fetcher notes "the API refuses longer year lists" than 25.
- Response ``{"values": [{"kpi": "N15436", "municipality": "1231", "period": 2022,
  "values": [{"gender": "T", "count": 1, "status": "", "value": 78.0}]}],
  "count": ..., "next_url": "..."}``: ``period`` is a number, ``gender`` is
  ``T``, ``K`` or ``M``, ``value`` is ``null`` when missing (with a status such
  as ``"Missing"``), ``count`` differs from 1 only for groups of municipalities
  (rKolada's v3 fixtures; ``Hypergene/kolada`` README; ``hamta_kolada.py``).
- Pagination: ``next_url`` is the full URL of the next page (v2 called it
  ``next_page``, which is accepted too); pages hold at most 5 000 rows. A v3
  client stops when a page is empty, as this module does.
- Municipality codes are strings of four digits with leading zeros (``"0192"``,
  ``"0000"`` for the whole country); they are never turned into numbers here.

Terms of use: data from Kolada is free to use and should be credited
("Källa: Kolada"); every measurement recorded keeps ``source="Kolada"``.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import time
import urllib.parse
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from .._i18n import N_, check_lang, format_number, gettext, npgettext
from .._unit_text import format_value
from ..exceptions import (
    InvalidValueError,
    KoladaConflict,
    KoladaConflictError,
    KoladaError,
    UnitMismatchError,
)
from ..models import GoalChain, Indicator, Measurement, Period
from ._kolada_http import (
    MAX_REQUEST_SECONDS,
    MAX_RESPONSE_BYTES,
    Cache,
    Fetched,
    Opener,
    Transport,
    origin,
)
from ._sheet_import import implausible_values
from ._spreadsheet_errors import times_off

__all__ = [
    "DEFAULT_BASE_URL",
    "MAX_IDS",
    "FetchReport",
    "KoladaClient",
    "KoladaValue",
    "KpiInfo",
    "MissingValue",
    "UnitNote",
    "ValueWarning",
    "fetch_into",
    "fetched_at",
    "parse_years",
    "title_unit",
    "title_unit_text",
]

DEFAULT_BASE_URL = "https://api.kolada.se/v3"
#: Most ids Kolada accepts in one comma-separated list.
MAX_IDS = 25
#: Most pages followed through ``next_url`` for one request.
MAX_PAGES = 200

GENDERS = ("T", "K", "M")
_SHARE_UNITS = frozenset({"percent", "permille"})
# What a KPI in "antal" may count besides things: "Invånare totalt, antal" in inhabitants.
_COUNTED = frozenset({"count", "inhabitant"})

Progress = Callable[[int, int], None]


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


# ------------------------------------------------------------------ values
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


@attrs.frozen(kw_only=True)
class KoladaValue:
    """One value from Kolada: a KPI for a municipality, year and gender.

    Attributes
    ----------
    kpi
        The KPI id (``"N15436"``).
    municipality
        The municipality code, a string (``"0192"``).
    year
        The year (Kolada's ``period``).
    gender
        ``"T"`` (total), ``"K"`` (women) or ``"M"`` (men).
    value
        The number, or None when Kolada has none (never 0 in its place).
    status
        Kolada's status text (``"Missing"``...), or None when empty.
    count
        How many municipalities the value is based on (1 unless a group).
    url
        The URL of the page the value came from.
    fetched_at
        When that page was fetched, ISO 8601 UTC (``"2025-03-01T09:30:00Z"``).
    """

    kpi: str
    municipality: str
    year: int
    gender: str
    value: float | None
    status: str | None = None
    count: int | None = None
    url: str = ""
    fetched_at: str = ""


# key -> the English words of FetchReport's notes, looked up in the catalog
_TEXTS: dict[str, str] = {
    "absent": N_("Kolada has no value of {kpi}"),
    "null": N_("Kolada's value of {kpi} is null"),
    "null_status": N_("Kolada's value of {kpi} is null (status {status})"),
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
    "percent_range": N_(
        "{value} for {id} {year} ({gender}) from {kpi} lies outside 0–100 %; is the KPI a "
        "share? (recorded anyway)"
    ),
    "scale_small": N_(
        "{value} for {id} {year} ({gender}) from {kpi} is {factor} times smaller than the "
        "indicator's other values (about {reference}); does the KPI measure the same thing "
        "in the same unit? (recorded anyway)"
    ),
    "scale_large": N_(
        "{value} for {id} {year} ({gender}) from {kpi} is {factor} times larger than the "
        "indicator's other values (about {reference}); does the KPI measure the same thing "
        "in the same unit? (recorded anyway)"
    ),
}


@attrs.frozen(kw_only=True)
class MissingValue:
    """A value :func:`fetch_into` asked Kolada for and did not get; it stays missing.

    Attributes
    ----------
    indicator, year, gender
        Which value (``"i1"``, ``2024``, ``"T"``).
    kpi
        The Kolada KPI asked for.
    code
        ``"absent"``: Kolada sent no value for the year; ``"null"``: Kolada
        sent ``null`` (never recorded as 0).
    status
        Kolada's status of a ``null`` value (``"Missing"``), or None.

    Examples
    --------
    >>> from goalchain.io.kolada import MissingValue
    >>> gap = MissingValue(indicator="i1", year=2023, gender="T", kpi="N15436", code="null",
    ...                    status="Missing")
    >>> gap.reason()
    'Koladas värde för N15436 är tomt (null, status Missing)'
    >>> gap.reason("en")
    "Kolada's value of N15436 is null (status Missing)"
    >>> gap.as_tuple()
    ('i1', 2023, 'T', "Kolada's value of N15436 is null (status Missing)")
    """

    indicator: str
    year: int
    gender: str
    kpi: str
    code: str = attrs.field(validator=attrs.validators.in_(("absent", "null")))
    status: str | None = None

    def reason(self, lang: str = "sv") -> str:
        """Why the value is missing, in Swedish (``"sv"``) or English (``"en"``).

        Raises
        ------
        InvalidValueError
            For another language, naming the valid ones.
        """
        lang = check_lang(lang)
        if self.code == "null" and self.status:
            return gettext(_TEXTS["null_status"], lang).format(kpi=self.kpi, status=self.status)
        return gettext(_TEXTS[self.code], lang).format(kpi=self.kpi)

    def as_tuple(self) -> tuple[str, int, str, str]:
        """``(indicator, year, gender, reason)`` with the reason in English, as in
        :attr:`FetchReport.missing`."""
        return (self.indicator, self.year, self.gender, self.reason("en"))


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
        return gettext(_TEXTS[self.code], lang).format(
            id=self.indicator,
            kpi=self.kpi,
            unit=self.unit,
            title=self.title,
            detail=self.detail,
        )


@attrs.frozen(kw_only=True)
class ValueWarning:
    """A value :func:`fetch_into` recorded that looks implausible for the indicator.

    The rule is the one ``goalchain import`` applies to a spreadsheet's values
    (:func:`goalchain.io.import_measurements`): for an indicator in percent a
    value outside 0-100, otherwise a value more than 50 times larger or
    smaller than the indicator's other values (baseline, target, annual targets
    and measurements already in the chain). A KPI that counts while the
    indicator is a share, or the same KPI in another unit, shows this way. The
    value is recorded all the same.

    Attributes
    ----------
    indicator, year, gender
        Which value.
    kpi
        The KPI it came from.
    value
        The value recorded, in *unit*.
    unit
        The indicator's unit.
    code
        ``"percent_range"``, ``"scale_small"`` or ``"scale_large"``.
    reference
        The median of the indicator's other values (for the scale warnings),
        or None.

    Examples
    --------
    >>> from goalchain.io.kolada import ValueWarning
    >>> w = ValueWarning(indicator="i1", year=2023, gender="T", kpi="N15436", value=1234.0,
    ...                  unit="percent", code="percent_range")
    >>> print(w.message().replace("\u00a0", " "))  # no-break spaces shown as spaces
    1 234 % för i1 2023 (T) från N15436 ligger utanför 0–100 %; är nyckeltalet en andel? \
(registrerat ändå)
    >>> print(w.message("en"))
    1,234% for i1 2023 (T) from N15436 lies outside 0–100 %; is the KPI a share? \
(recorded anyway)
    """

    indicator: str
    year: int
    gender: str
    kpi: str
    value: float
    unit: str
    code: str = attrs.field(
        validator=attrs.validators.in_(("percent_range", "scale_small", "scale_large"))
    )
    reference: float | None = None

    def message(self, lang: str = "sv") -> str:
        """The warning in Swedish (``"sv"``) or English (``"en"``), numbers in its way.

        Raises
        ------
        InvalidValueError
            For another language, naming the valid ones.
        """
        lang = check_lang(lang)
        params: dict[str, Any] = {
            "value": format_value(self.value, self.unit, lang=lang),
            "id": self.indicator,
            "year": self.year,
            "gender": self.gender,
            "kpi": self.kpi,
        }
        if self.reference is not None:
            factor, reference = times_off(self.value, self.reference)
            params["factor"] = format_number(factor, lang=lang, decimals=0)
            params["reference"] = format_value(reference, self.unit, lang=lang)
        return gettext(_TEXTS[self.code], lang).format(**params)


def _english_missing(report: FetchReport) -> tuple[tuple[str, int, str, str], ...]:
    return tuple(gap.as_tuple() for gap in report.missing_values)


def _english_notes(report: FetchReport) -> tuple[str, ...]:
    return tuple(note.message("en") for note in report.unit_problems)


@attrs.frozen(kw_only=True)
class FetchReport:
    """What :func:`fetch_into` did.

    Attributes
    ----------
    municipality
        The municipality code fetched.
    years
        The years asked for.
    recorded
        The measurements recorded (new or replaced).
    unchanged
        How many values were already in the chain with the same value.
    missing_values
        Every value Kolada does not have (:class:`MissingValue`, with a code
        for the reason); these stay missing in the chain.
    missing
        The same as ``(indicator, year, gender, reason)`` tuples, the reason
        in English (derived from *missing_values* unless given).
    unit_problems
        Indicators not filled because their unit does not fit the KPI's
        values (:class:`UnitNote`).
    unit_notes
        The same as English text, one per indicator (derived from
        *unit_problems* unless given).
    warnings
        Values recorded that look implausible for their indicator
        (:class:`ValueWarning`): the rule ``goalchain import`` warns by.
    requests
        How many pages were read (from the server or the cache).

    Examples
    --------
    >>> from goalchain.io.kolada import FetchReport, MissingValue
    >>> gap = MissingValue(indicator="i1", year=2024, gender="T", kpi="N15436", code="absent")
    >>> report = FetchReport(municipality="1231", years=(2023, 2024), unchanged=1,
    ...                      missing_values=(gap,))
    >>> print(report.summary())
    Kolada, kommun 1231, 2023-2024: 0 mätvärden registrerade, 1 oförändrat, 1 saknas
      saknas: i1 2024 (T): Kolada har inget värde för N15436
    >>> print(report.summary(lang="en"))
    Kolada, municipality 1231, 2023-2024: 0 measurements recorded, 1 unchanged, 1 missing
      missing: i1 2024 (T): Kolada has no value of N15436
    >>> report.missing
    (('i1', 2024, 'T', 'Kolada has no value of N15436'),)
    """

    municipality: str
    years: tuple[int, ...]
    recorded: tuple[Measurement, ...] = ()
    unchanged: int = 0
    missing_values: tuple[MissingValue, ...] = ()
    missing: tuple[tuple[str, int, str, str], ...] = attrs.field(
        default=attrs.Factory(_english_missing, takes_self=True)
    )
    unit_problems: tuple[UnitNote, ...] = ()
    unit_notes: tuple[str, ...] = attrs.field(
        default=attrs.Factory(_english_notes, takes_self=True)
    )
    warnings: tuple[ValueWarning, ...] = ()
    requests: int = 0

    def summary(self, lang: str = "sv") -> str:
        """A few lines for a person: what was recorded, what is missing and why, what to check.

        Parameters
        ----------
        lang
            ``"sv"`` (the default) or ``"en"``; counts and values are written
            the language's way (``1 234`` in Swedish, ``1,234`` in English).

        Raises
        ------
        InvalidValueError
            For another language, naming the valid ones.
        """
        lang = check_lang(lang)

        def count(n: int) -> str:
            return format_number(n, lang=lang, decimals=0)

        recorded, unchanged, missing = len(self.recorded), self.unchanged, len(self.missing)
        line = gettext(
            "Kolada, municipality {municipality}, {years}: {recorded}, {unchanged}, {missing}",
            lang,
        ).format(
            municipality=self.municipality,
            years=_years_text(self.years),
            recorded=npgettext(
                "Kolada summary",
                "{n} measurement recorded",
                "{n} measurements recorded",
                recorded,
                lang,
            ).format(n=count(recorded)),
            unchanged=npgettext(
                "Kolada summary", "{n} unchanged", "{n} unchanged", unchanged, lang
            ).format(n=count(unchanged)),
            missing=npgettext("Kolada summary", "{n} missing", "{n} missing", missing, lang).format(
                n=count(missing)
            ),
        )
        if self.warnings:
            n = len(self.warnings)
            line += npgettext(
                "Kolada summary",
                ", {n} to check (warnings)",
                ", {n} to check (warnings)",
                n,
                lang,
            ).format(n=count(n))
        lines = [line]
        if self.missing_values:
            gaps = [
                (f"{m.indicator} {m.year} ({m.gender})", m.reason(lang))
                for m in self.missing_values
            ]
        else:  # a report made with English tuples only
            gaps = [(f"{i} {y} ({g})", reason) for i, y, g, reason in self.missing]
        for where, reason in gaps:
            lines.append(
                gettext("  missing: {where}: {reason}", lang).format(where=where, reason=reason)
            )
        notes = (
            [note.message(lang) for note in self.unit_problems]
            if self.unit_problems
            else list(self.unit_notes)
        )
        for note in notes:
            lines.append(gettext("  not filled: {note}", lang).format(note=note))
        for warning in self.warnings:
            lines.append(
                gettext("  warning: {warning}", lang).format(warning=warning.message(lang))
            )
        return "\n".join(lines)


def _years_text(years: Sequence[int]) -> str:
    """``2019-2024`` for a run of years, ``2019, 2021`` otherwise, ``-`` for none."""
    if not years:
        return "-"
    if list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    return ", ".join(str(y) for y in years)


# ------------------------------------------------------------------ parsing helpers
def parse_years(spec: int | str | Iterable[int | str]) -> tuple[int, ...]:
    """Years from ``2024``, ``"2019-2024"``, ``"2019,2021"`` or a list; sorted, no repeats.

    Examples
    --------
    >>> parse_years("2019-2022")
    (2019, 2020, 2021, 2022)
    >>> parse_years("2024, 2022")
    (2022, 2024)
    >>> parse_years([2023, 2023])
    (2023,)
    >>> parse_years("2024-2019")
    Traceback (most recent call last):
    ...
    goalchain.exceptions.InvalidValueError: field 'years': a range of years runs from the \
first year to the last, e.g. 2019-2024; got '2024-2019'
    """
    items: list[int | str]
    items = [spec] if isinstance(spec, (int, str)) else list(spec)
    years: set[int] = set()
    for item in items:
        if isinstance(item, bool):
            raise InvalidValueError(f"expected a year, got {item!r}", field="years")
        parts = [item] if isinstance(item, int) else [p for p in str(item).split(",") if p.strip()]
        for part in parts:
            if isinstance(part, int):
                years.add(_year(part))
                continue
            text = part.strip()
            match = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", text)
            if match:
                first, last = int(match[1]), int(match[2])
                if first > last:
                    raise InvalidValueError(
                        "a range of years runs from the first year to the last, "
                        f"e.g. 2019-2024; got {text!r}",
                        field="years",
                    )
                years.update(_year(y) for y in range(first, last + 1))
            elif text.isdigit():
                years.add(_year(int(text)))
            else:
                raise InvalidValueError(
                    f"expected a year or a range such as 2019-2024, got {text!r}", field="years"
                )
    if not years:
        raise InvalidValueError("give at least one year", field="years")
    return tuple(sorted(years))


def _year(year: int) -> int:
    if not 1900 <= year <= 2200:
        raise InvalidValueError(f"{year} is not a plausible year", field="years")
    return year


def _ids(values: str | Iterable[str], what: str) -> list[str]:
    """Unique ids in order; strings only (a municipality code such as '0192' is not a number)."""
    items = [values] if isinstance(values, str) else list(values)
    out: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip() or "," in item or "/" in item:
            hint = " (codes are strings such as '0192')" if what == "municipality" else ""
            raise InvalidValueError(
                f"expected {what} ids as strings, got {item!r}{hint}", field=what
            )
        if item.strip() not in out:
            out.append(item.strip())
    if not out:
        raise InvalidValueError(f"give at least one {what} id", field=what)
    return out


def _genders(gender: str | Iterable[str]) -> tuple[str, ...]:
    items = list(gender) if isinstance(gender, str) else [g for g in gender]
    out = []
    for g in items:
        if g not in GENDERS:
            raise InvalidValueError(
                f"gender is 'T' (total), 'K' (women) or 'M' (men), or several such as 'TKM'; "
                f"got {gender!r}",
                field="gender",
            )
        if g not in out:
            out.append(g)
    if not out:
        raise InvalidValueError("give at least one gender: 'T', 'K' or 'M'", field="gender")
    return tuple(out)


def _chunks(items: Sequence[Any], size: int = MAX_IDS) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _quote(ids: Iterable[Any]) -> str:
    return ",".join(urllib.parse.quote(str(i), safe="") for i in ids)


def _need(obj: Any, key: str, kinds: type | tuple[type, ...], url: str, path: str) -> Any:
    if not isinstance(obj, dict):
        raise KoladaError(f"expected an object, got {type(obj).__name__}", url=url, field=path)
    if key not in obj:
        raise KoladaError("missing from the response", url=url, field=f"{path}.{key}".lstrip("."))
    value = obj[key]
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in _tuple(kinds)):
        raise KoladaError(
            f"expected {_kind_names(kinds)}, got {value!r}",
            url=url,
            field=f"{path}.{key}".lstrip("."),
        )
    return value


def _tuple(kinds: type | tuple[type, ...]) -> tuple[type, ...]:
    return kinds if isinstance(kinds, tuple) else (kinds,)


def _kind_names(kinds: type | tuple[type, ...]) -> str:
    names = {
        str: "a string",
        int: "a number",
        float: "a number",
        list: "a list",
        bool: "true or false",
        type(None): "null",
        dict: "an object",
    }
    return " or ".join(dict.fromkeys(names.get(k, k.__name__) for k in _tuple(kinds)))


def _optional_text(obj: dict[str, Any], key: str, url: str, path: str) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise KoladaError(
            f"expected a string or null, got {value!r}", url=url, field=f"{path}.{key}"
        )
    return value


# ------------------------------------------------------------------ the client
class KoladaClient:
    """A client for the Kolada v3 API.

    Parameters
    ----------
    base_url
        The API's root, ``https://api.kolada.se/v3`` by default.
    cache_dir
        A directory where responses are kept as JSON files; read before asking
        the server (see *max_age*), written after every successful fetch.
    timeout
        Seconds to wait for the server.
    retries
        How many times a request is tried again after a 5xx, a 429, a timeout
        or a lost connection; other HTTP errors fail at once.
    backoff
        The first wait between attempts in seconds; doubled every time.
        A 429 or 503 with ``Retry-After`` waits as told (at most 120 s).
    opener
        An :class:`urllib.request.OpenerDirector` to send requests with.
    clock
        Returns the current time (aware, UTC); for tests.
    sleep
        Waits a number of seconds; for tests.
    max_age
        Seconds a cached response stays fresh; None: forever.
    offline
        Read only the cache; raise :class:`KoladaError` for anything missing.
    max_pages
        Most pages followed through ``next_url`` for one request.
    deadline
        Most seconds one HTTP request may take in all, connecting and reading
        included (:data:`~goalchain.io.kolada.MAX_REQUEST_SECONDS`, 60);
        *timeout* bounds each wait within it.
    max_bytes
        Most bytes of one answer
        (:data:`~goalchain.io.kolada.MAX_RESPONSE_BYTES`, 16 MiB).

    Notes
    -----
    Answers are untrusted: a redirect or a ``next_url`` is followed only
    within the origin (scheme, host and port) of *base_url*; JSON nested
    deeper than 64 levels, a number that does not fit a float, ``NaN`` and
    ``Infinity`` are a :class:`~goalchain.exceptions.KoladaError` naming the
    URL (and the KPI and field, where it is a value).

    Examples
    --------
    Building the URLs needs no network:

    >>> client = KoladaClient()
    >>> client.data_urls(["N15436", "N15419"], ["1231"], [2022, 2023])
    ['https://api.kolada.se/v3/data/kpi/N15436,N15419/municipality/1231/year/2022,2023']
    >>> len(client.data_urls([f"N{i:05d}" for i in range(30)], ["0192"], [2024]))
    2
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        cache_dir: str | Path | None = None,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
        opener: Opener | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_age: float | None = None,
        offline: bool = False,
        max_pages: int = MAX_PAGES,
        deadline: float = MAX_REQUEST_SECONDS,
        max_bytes: int = MAX_RESPONSE_BYTES,
    ):
        parsed = urllib.parse.urlsplit(base_url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise InvalidValueError(
                f"expected an http(s) URL such as {DEFAULT_BASE_URL}, got {base_url!r}",
                field="base_url",
            )
        self.base_url = base_url.rstrip("/")
        self.max_pages = max_pages
        try:
            self._http = Transport(
                timeout=timeout,
                retries=retries,
                backoff=backoff,
                opener=opener,
                cache=Cache(cache_dir) if cache_dir is not None else None,
                max_age=max_age,
                offline=offline,
                clock=clock,
                sleep=sleep,
                deadline=deadline,
                max_bytes=max_bytes,
            )
        except ValueError as err:
            raise InvalidValueError(str(err)) from err
        self.pages_read = 0

    def __repr__(self) -> str:
        cache = self._http.cache.directory if self._http.cache else None
        return f"KoladaClient({self.base_url!r}, cache_dir={cache!r}, offline={self._http.offline})"

    # -------------------------------------------------------------- URLs
    def kpi_urls(self, ids: str | Iterable[str]) -> list[str]:
        """The metadata URLs for *ids*, at most 25 ids each."""
        return [f"{self.base_url}/kpi/{_quote(chunk)}" for chunk in _chunks(_ids(ids, "kpi"))]

    def data_urls(
        self,
        kpis: str | Iterable[str],
        municipalities: str | Iterable[str],
        years: int | str | Iterable[int | str],
    ) -> list[str]:
        """The data URLs, at most 25 KPIs, 25 municipalities and 25 years each."""
        kpi_ids = _ids(kpis, "kpi")
        codes = _ids(municipalities, "municipality")
        wanted = parse_years(years)
        return [
            f"{self.base_url}/data/kpi/{_quote(k)}/municipality/{_quote(m)}/year/{_quote(y)}"
            for k in _chunks(kpi_ids)
            for m in _chunks(codes)
            for y in _chunks(wanted)
        ]

    # -------------------------------------------------------------- requests
    def _pages(self, url: str) -> list[Fetched]:
        """Every page of *url*, following ``next_url``; a loop or too many pages raise."""
        pages: list[Fetched] = []
        seen: set[str] = set()
        next_url: str | None = url
        while next_url is not None:
            if next_url in seen:
                raise KoladaError(
                    f"next_url leads back to {next_url}, a page already read; the pagination loops",
                    url=url,
                )
            if len(pages) >= self.max_pages:
                raise KoladaError(
                    f"more than {self.max_pages} pages; stopped following next_url", url=url
                )
            seen.add(next_url)
            page = self._http.get(next_url)
            self.pages_read += 1
            rows = _need(page.data, "values", list, page.url, "")
            pages.append(page)
            following = page.data.get("next_url", page.data.get("next_page"))
            if following in (None, "") or not rows:
                next_url = None
            elif not isinstance(following, str):
                raise KoladaError(
                    f"expected a URL or null, got {following!r}", url=page.url, field="next_url"
                )
            else:
                next_url = urllib.parse.urljoin(page.url, following)
                if urllib.parse.urlsplit(next_url).scheme not in ("http", "https"):
                    raise KoladaError(
                        f"expected an http(s) URL, got {following!r}",
                        url=page.url,
                        field="next_url",
                    )
                if origin(next_url) != origin(self.base_url):
                    raise KoladaError(
                        f"{following!r} leads to another origin than the base URL "
                        f"{self.base_url}; goalchain follows next_url only within "
                        f"{'://'.join(urllib.parse.urlsplit(self.base_url)[:2])}",
                        url=page.url,
                        field="next_url",
                    )
        return pages

    def kpi(self, ids: str | Iterable[str], *, progress: Progress | None = None) -> list[KpiInfo]:
        """Metadata of the KPIs *ids*, in Kolada's order; ids Kolada does not know are left out.

        Raises
        ------
        KoladaError
            When a request fails or a response lacks ``id`` or ``title``.
        """
        out: list[KpiInfo] = []
        urls = self.kpi_urls(ids)
        for done, url in enumerate(urls, 1):
            for page in self._pages(url):
                for i, row in enumerate(page.data["values"]):
                    path = f"values[{i}]"
                    kpi_id = _need(row, "id", str, page.url, path)
                    title = _need(row, "title", str, page.url, path)
                    divided = row.get("is_divided_by_gender")
                    out.append(
                        KpiInfo(
                            id=kpi_id,
                            title=title,
                            description=_optional_text(row, "description", page.url, path) or "",
                            operating_area=_optional_text(row, "operating_area", page.url, path),
                            is_divided_by_gender=bool(divided) if divided is not None else False,
                            municipality_type=_optional_text(
                                row, "municipality_type", page.url, path
                            ),
                            auspice=_optional_text(row, "auspice", page.url, path)
                            or _optional_text(row, "auspices", page.url, path),
                            publication_date=_optional_text(
                                row, "publication_date", page.url, path
                            ),
                            data=MappingProxyType(dict(row)),
                        )
                    )
            if progress is not None:
                progress(done, len(urls))
        return out

    def values(
        self,
        kpis: str | Iterable[str],
        municipalities: str | Iterable[str],
        years: int | str | Iterable[int | str],
        *,
        gender: str | Iterable[str] = "T",
        progress: Progress | None = None,
    ) -> list[KoladaValue]:
        """Values of *kpis* for *municipalities* and *years*, of the genders asked for.

        Parameters
        ----------
        kpis, municipalities
            Ids (strings); more than 25 are split over several requests.
        years
            Years as :func:`parse_years` reads them (``"2019-2024"``, ``[2023, 2024]``).
        gender
            ``"T"`` (total, the default), ``"K"``, ``"M"`` or several (``"TKM"``).
        progress
            Called with ``(done, total)`` requests after each request.

        Returns
        -------
        list of KoladaValue
            In Kolada's order. A value Kolada has as ``null`` stays None.

        Raises
        ------
        KoladaError
            When any request fails or any response is malformed; nothing
            partial is returned.
        """
        wanted = _genders(gender)
        urls = self.data_urls(kpis, municipalities, years)
        out: list[KoladaValue] = []
        for done, url in enumerate(urls, 1):
            for page in self._pages(url):
                out.extend(v for v in _parse_data(page) if v.gender in wanted)
            if progress is not None:
                progress(done, len(urls))
        return out


def _parse_data(page: Fetched) -> list[KoladaValue]:
    url = page.url
    out = []
    for i, row in enumerate(page.data["values"]):
        path = f"values[{i}]"
        kpi = _need(row, "kpi", str, url, path)
        municipality = _need(row, "municipality", str, url, path)
        period = _need(row, "period", (int, str), url, path)
        if isinstance(period, str):
            text = period.strip()
            if not (text.isascii() and text.isdigit() and len(text) <= 4):
                raise KoladaError(
                    f"KPI {kpi}: expected a year such as 2024, got {period!r}",
                    url=url,
                    field=f"{path}.period",
                )
            period = int(text)
        entries = _need(row, "values", list, url, path)
        for j, entry in enumerate(entries):
            where = f"{path}.values[{j}]"
            gender = _need(entry, "gender", str, url, where)
            if gender not in GENDERS:
                raise KoladaError(
                    f"expected 'T', 'K' or 'M', got {gender!r}", url=url, field=f"{where}.gender"
                )
            value = _number(
                _need(entry, "value", (int, float, type(None)), url, where),
                url,
                f"{where}.value",
                kpi,
            )
            count = entry.get("count")
            if count is not None and (not isinstance(count, int) or isinstance(count, bool)):
                raise KoladaError(
                    f"expected a number or null, got {count!r}", url=url, field=f"{where}.count"
                )
            out.append(
                KoladaValue(
                    kpi=kpi,
                    municipality=municipality,
                    year=period,
                    gender=gender,
                    value=value,
                    status=_optional_text(entry, "status", url, where),
                    count=count,
                    url=url,
                    fetched_at=page.fetched_at,
                )
            )
    return out


def _number(value: Any, url: str, field: str, kpi: str) -> float | None:
    """*value* as a finite float (None stays None); anything else names the KPI and field."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise KoladaError(
            f"KPI {kpi}: expected a number or null, got {value!r}", url=url, field=field
        )
    try:
        number = float(value)
    except OverflowError:  # an integer of hundreds of digits
        raise KoladaError(
            f"KPI {kpi}: an integer of about {int(value.bit_length() * 0.30103) + 1} digits "
            "does not fit a float (at most about 1.8e308); expected a number or null",
            url=url,
            field=field,
        ) from None
    if not math.isfinite(number):
        raise KoladaError(
            f"KPI {kpi}: expected a finite number or null, got {value!r}",
            url=url,
            field=field,
        )
    return number


# ------------------------------------------------------------------ filling a chain
def fetched_at(measurement: Measurement) -> str | None:
    """When a measurement's value was fetched from Kolada (ISO 8601), or None.

    Reads the provenance :func:`fetch_into` stores under ``extra["kolada"]``.

    Examples
    --------
    >>> from goalchain import Measurement
    >>> from goalchain.io.kolada import fetched_at
    >>> m = Measurement(indicator="i1", period=2024, value=82.9, unit="percent",
    ...                 source="Kolada", extra={"kolada": {"fetched_at": "2025-03-01T10:00:00Z"}})
    >>> fetched_at(m), fetched_at(Measurement(indicator="i1", period=2024, value=1.0, unit="count"))
    ('2025-03-01T10:00:00Z', None)
    """
    kolada = measurement.extra.get("kolada")
    if isinstance(kolada, Mapping):
        value = kolada.get("fetched_at")
        if value:
            return str(value)
    return None


def _provenance(value: KoladaValue) -> dict[str, Any]:
    kolada: dict[str, Any] = {
        "kpi": value.kpi,
        "municipality": value.municipality,
        "url": value.url,
        "fetched_at": value.fetched_at,
    }
    if value.status:
        kolada["status"] = value.status
    return {"kolada": kolada}


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


def fetch_into(
    chain: GoalChain,
    years: int | str | Iterable[int | str],
    *,
    municipality: str | None = None,
    client: KoladaClient | None = None,
    gender: str | Iterable[str] = "T",
    replace: bool = False,
    progress: Progress | None = None,
) -> FetchReport:
    """Fill the indicators that carry a Kolada id with Kolada's values for *years*.

    Everything is fetched and checked first; only then is anything recorded, so
    a failed request, a malformed response or a conflict leaves *chain* exactly
    as it was.

    Parameters
    ----------
    chain
        The chain; changed in place (its measurements).
    years
        ``2024``, ``"2019-2024"``, ``[2022, 2023]``...
    municipality
        The municipality code (a string such as ``"0192"``); the chain's own
        ``municipality`` by default.
    client
        The :class:`KoladaClient` to use (cache, offline...); a default one otherwise.
    gender
        ``"T"`` (total) by default; ``"TKM"`` also records women (K) and men (M)
        as measurements of their own gender.
    replace
        Overwrite a measurement that differs from Kolada's value. Without it a
        difference is an error that lists every conflict.
    progress
        Called with ``(done, total)`` requests.

    Returns
    -------
    FetchReport
        What was recorded, unchanged and missing (with the reason), unit
        problems, and warnings for values that look implausible;
        :meth:`FetchReport.summary` words it in Swedish or English.

    Raises
    ------
    KoladaError
        When a request fails or a response is malformed (nothing is recorded).
    KoladaConflictError
        When Kolada's values differ from ones already in the chain and
        *replace* is False (nothing is recorded); a :class:`DuplicateError`
        that lists every difference and words it in Swedish or English.
    InvalidValueError
        When no municipality is known, or *years* or *gender* cannot be read.

    Notes
    -----
    Every measurement gets ``source="Kolada"`` and, under ``extra["kolada"]``,
    the KPI id, the municipality, the URL and the fetch time (ISO 8601 UTC), so
    the provenance is saved with the chain. Kolada's ``null`` values are
    reported as missing, never recorded as 0. Kolada publishes plain numbers
    in the unit the last part of the KPI's title says (:attr:`KpiInfo.unit`):
    they are converted to the indicator's unit (percent to permille, kr/inv
    to tkr/inv). A KPI whose unit does not convert to the indicator's (a
    percent for an indicator in ``count``, ``kr/inv`` for one in ``kr``) is
    not filled and named in :attr:`FetchReport.unit_problems`, nor is an
    indicator in percent fed by a KPI whose title does not say its unit; a
    KPI whose title does not say its unit fills any other indicator as a
    plain number in the indicator's unit.

    The values recorded are checked by the rule ``goalchain import`` uses
    (:func:`~goalchain.io.import_measurements`): a value of an indicator in
    percent outside 0-100, or one more than 50 times larger or smaller than
    the indicator's baseline, target and other measurements, is recorded and
    listed in :attr:`FetchReport.warnings`.
    """
    if not isinstance(chain, GoalChain):
        raise TypeError(f"expected a GoalChain, got {type(chain).__name__}")
    code = municipality if municipality is not None else chain.municipality
    if code is None:
        raise InvalidValueError(
            "the chain has no municipality code; give one, e.g. municipality='1231'",
            field="municipality",
        )
    code = _ids([code], "municipality")[0]
    wanted_years = parse_years(years)
    genders = _genders(gender)
    client = client or KoladaClient()

    by_kpi: dict[str, list[Indicator]] = {}
    for indicator in chain.indicators():
        if indicator.kolada:
            by_kpi.setdefault(indicator.kolada, []).append(indicator)
    pages_before = client.pages_read
    if not by_kpi:
        return FetchReport(municipality=code, years=wanted_years)

    kpi_ids = list(by_kpi)
    n_meta = len(client.kpi_urls(kpi_ids))
    n_data = len(client.data_urls(kpi_ids, [code], wanted_years))
    total = n_meta + n_data

    def meta_progress(done: int, _total: int) -> None:
        if progress is not None:
            progress(done, total)

    def data_progress(done: int, _total: int) -> None:
        if progress is not None:
            progress(n_meta + done, total)

    infos = {info.id: info for info in client.kpi(kpi_ids, progress=meta_progress)}
    values = client.values(kpi_ids, [code], wanted_years, gender=genders, progress=data_progress)

    # ---- plan: nothing is recorded before every check has passed
    found: dict[tuple[str, int, str], KoladaValue] = {}
    for value in values:
        if value.municipality == code and value.kpi in by_kpi and value.year in wanted_years:
            found[(value.kpi, value.year, value.gender)] = value
    unit_notes: list[UnitNote] = []
    planned: list[tuple[Indicator, KoladaValue, float]] = []
    missing: list[MissingValue] = []
    for kpi_id, indicators in by_kpi.items():
        info = infos.get(kpi_id)
        for indicator in indicators:
            problem = _unit_problem(indicator, info)
            if problem is not None:
                unit_notes.append(problem)
                continue
            for year in wanted_years:
                for g in genders:
                    got = found.get((kpi_id, year, g))
                    if got is None or got.value is None:
                        missing.append(
                            MissingValue(
                                indicator=indicator.id,
                                year=year,
                                gender=g,
                                kpi=kpi_id,
                                code="absent" if got is None else "null",
                                status=None if got is None else got.status,
                            )
                        )
                    else:
                        try:
                            number = _in_unit(got.value, indicator, info)
                        except UnitMismatchError as err:  # pragma: no cover - checked above
                            unit_notes.append(
                                UnitNote(
                                    indicator=indicator.id,
                                    kpi=kpi_id,
                                    code="conversion",
                                    unit=indicator.unit,
                                    detail=str(err),
                                )
                            )
                            break
                        planned.append((indicator, got, number))

    existing = {(m.indicator, m.period, m.gender): m for m in chain.measurements()}
    to_record: list[tuple[Indicator, KoladaValue, float]] = []
    conflicts: list[KoladaConflict] = []
    unchanged = 0
    for indicator, value, number in planned:
        old = existing.get((indicator.id, Period.parse(value.year), value.gender))
        if old is not None and old.value == number:
            unchanged += 1
            continue
        if old is not None and not replace:
            conflicts.append(
                KoladaConflict(
                    indicator.id, value.year, value.gender, old.value, old.source, number
                )
            )
            continue
        to_record.append((indicator, value, number))
    if conflicts:
        raise KoladaConflictError(conflicts)

    def record(target: GoalChain) -> list[Measurement]:
        return [
            target.record(
                indicator.id,
                value.year,
                number,
                gender=value.gender,
                source="Kolada",
                extra=_provenance(value),
                replace=replace,
            )
            for indicator, value, number in to_record
        ]

    rehearsed = record(chain.copy())  # a rehearsal: an error here leaves the chain untouched
    warnings: list[ValueWarning] = []
    for index, looks_wrong, reference in implausible_values(chain, rehearsed):
        indicator, value, _ = to_record[index]
        warnings.append(
            ValueWarning(
                indicator=indicator.id,
                year=value.year,
                gender=value.gender,
                kpi=value.kpi,
                value=rehearsed[index].value,
                unit=indicator.unit,
                code=looks_wrong,
                reference=reference,
            )
        )
    recorded = record(chain)
    return FetchReport(
        municipality=code,
        years=wanted_years,
        recorded=tuple(recorded),
        unchanged=unchanged,
        missing_values=tuple(missing),
        unit_problems=tuple(unit_notes),
        warnings=tuple(warnings),
        requests=client.pages_read - pages_before,
    )
