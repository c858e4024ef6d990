"""The Kolada v3 API client: its URLs, its pages, and reading its answers.

Kolada (https://www.kolada.se, run by RKA) publishes some 5 000 key figures
(KPIs) for every Swedish municipality and region. Indicators that carry a
Kolada id (``kolada: N15436``) can be filled from it with
:func:`~goalchain.io.kolada.fetch_into` (``_kolada_fill``). This module builds the
requests (:class:`KoladaClient`), follows the pages and reads the answers into
:class:`~goalchain.io._kolada_kpi.KpiInfo` and :class:`KoladaValue`, checking every
field; the transport under it (retries, cache, limits) is ``_kolada_http``.

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
import math
import re
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from .._i18n import N_
from ..exceptions import InvalidValueError, KoladaError, Message, Plural
from ._kolada_http import (
    MAX_REQUEST_SECONDS,
    MAX_RESPONSE_BYTES,
    Cache,
    Fetched,
    Opener,
    Transport,
    origin,
)
from ._kolada_kpi import KpiInfo
from ._kolada_values import MunicipalityGroup

__all__ = [
    "DEFAULT_BASE_URL",
    "GENDERS",
    "MAX_IDS",
    "MAX_PAGES",
    "KoladaClient",
    "KoladaValue",
    "Municipality",
    "Progress",
    "ValuesPage",
    "parse_years",
]

DEFAULT_BASE_URL = "https://api.kolada.se/v3"
#: Most ids Kolada accepts in one comma-separated list.
MAX_IDS = 25
#: Most pages followed through ``next_url`` for one request.
MAX_PAGES = 200

GENDERS = ("T", "K", "M")

Progress = Callable[[int, int], None]


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


@attrs.frozen(kw_only=True)
class Municipality:
    """A municipality, a region or Riket as Kolada lists it (``/municipality``).

    Attributes
    ----------
    id
        Kolada's code, a string of four digits (``"1231"``; ``"0000"`` is Riket).
    title
        Its name (``"Burlöv"``, ``"Region Skåne"``, ``"Riket"``).
    type
        ``"K"`` for a municipality, ``"L"`` for a region (and Riket).
    """

    id: str
    title: str
    type: str


@attrs.frozen(kw_only=True)
class ValuesPage:
    """One page of a national answer (``/data/kpi/{kpi}/year/{years}``), read.

    Attributes
    ----------
    url
        The URL the page came from.
    number
        Its place in the answer, 1 for the first page.
    values
        Its values, every gender, in Kolada's order.
    fetched_at
        When it was fetched, ISO 8601 UTC.
    last
        True for the answer's last page.
    """

    url: str
    number: int
    values: tuple[KoladaValue, ...]
    fetched_at: str
    last: bool


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
            raise InvalidValueError(
                N_("expected a year, got {item!r}"), field="years", params={"item": item}
            )
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
                        N_(
                            "a range of years runs from the first year to the last, "
                            "e.g. 2019-2024; got {text!r}"
                        ),
                        field="years",
                        params={"text": text},
                    )
                years.update(_year(y) for y in range(first, last + 1))
            elif text.isdigit():
                years.add(_year(int(text)))
            else:
                raise InvalidValueError(
                    N_("expected a year or a range such as 2019-2024, got {text!r}"),
                    field="years",
                    params={"text": text},
                )
    if not years:
        raise InvalidValueError(N_("give at least one year"), field="years", params={})
    return tuple(sorted(years))


def _year(year: int) -> int:
    if not 1900 <= year <= 2200:
        raise InvalidValueError(
            N_("{year} is not a plausible year"), field="years", params={"year": year}
        )
    return year


_NOT_IDS = {
    "kpi": N_("expected kpi ids as strings, got {item!r}"),
    "municipality": N_(
        "expected municipality ids as strings, got {item!r} (codes are strings such as '0192')"
    ),
}
_NO_IDS = {
    "kpi": N_("give at least one kpi id"),
    "municipality": N_("give at least one municipality id"),
}


def _ids(values: str | Iterable[str], what: str) -> list[str]:
    """Unique ids in order; strings only (a municipality code such as '0192' is not a number)."""
    items = [values] if isinstance(values, str) else list(values)
    out: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip() or "," in item or "/" in item:
            raise InvalidValueError(_NOT_IDS[what], field=what, params={"item": item})
        if item.strip() not in out:
            out.append(item.strip())
    if not out:
        raise InvalidValueError(_NO_IDS[what], field=what, params={})
    return out


def _genders(gender: str | Iterable[str]) -> tuple[str, ...]:
    items = list(gender) if isinstance(gender, str) else [g for g in gender]
    out = []
    for g in items:
        if g not in GENDERS:
            raise InvalidValueError(
                N_(
                    "gender is 'T' (total), 'K' (women) or 'M' (men), or several such as 'TKM'; "
                    "got {gender!r}"
                ),
                field="gender",
                params={"gender": gender},
            )
        if g not in out:
            out.append(g)
    if not out:
        raise InvalidValueError(
            N_("give at least one gender: 'T', 'K' or 'M'"), field="gender", params={}
        )
    return tuple(out)


def _chunks(items: Sequence[Any], size: int = MAX_IDS) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _quote(ids: Iterable[Any]) -> str:
    return ",".join(urllib.parse.quote(str(i), safe="") for i in ids)


def _need(obj: Any, key: str, kinds: type | tuple[type, ...], url: str, path: str) -> Any:
    if not isinstance(obj, dict):
        raise KoladaError(
            N_("expected an object, got {kind}"),
            url=url,
            field=path,
            params={"kind": type(obj).__name__},
        )
    if key not in obj:
        raise KoladaError(
            N_("missing from the response"), url=url, field=f"{path}.{key}".lstrip("."), params={}
        )
    value = obj[key]
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in _tuple(kinds)):
        raise KoladaError(
            N_("expected {kinds}, got {value!r}"),
            url=url,
            field=f"{path}.{key}".lstrip("."),
            params={"kinds": _kind_names(kinds), "value": value},
        )
    return value


def _tuple(kinds: type | tuple[type, ...]) -> tuple[type, ...]:
    return kinds if isinstance(kinds, tuple) else (kinds,)


# what a JSON value of a Python type is called in a message
_KIND_NAMES: dict[type, str] = {
    str: N_("a string"),
    int: N_("a number"),
    float: N_("a number"),
    list: N_("a list"),
    bool: N_("true or false"),
    type(None): N_("null"),
    dict: N_("an object"),
}


def _kind_names(kinds: type | tuple[type, ...]) -> Message:
    """``a number or null``: the kinds of value expected, worded in the reader's language."""
    names = [Message(name) for name in dict.fromkeys(_KIND_NAMES[k] for k in _tuple(kinds))]
    words = names[-1]
    for name in reversed(names[:-1]):
        words = Message(N_("{first} or {second}"), first=name, second=words)
    return words


def _optional_text(obj: dict[str, Any], key: str, url: str, path: str) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise KoladaError(
            N_("expected a string or null, got {value!r}"),
            url=url,
            field=f"{path}.{key}",
            params={"value": value},
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
                N_("expected an http(s) URL such as {default}, got {base_url!r}"),
                field="base_url",
                params={"default": DEFAULT_BASE_URL, "base_url": base_url},
            )
        self.base_url = base_url.rstrip("/")
        self.max_pages = max_pages
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
        return [page for page, _ in self._iter_pages(url)]

    def _iter_pages(self, url: str) -> Iterator[tuple[Fetched, bool]]:
        """The pages of *url* one by one, each with whether it is the last."""
        pages: list[Fetched] = []
        seen: set[str] = set()
        next_url: str | None = url
        while next_url is not None:
            if next_url in seen:
                raise KoladaError(
                    N_(
                        "next_url leads back to {next_url}, a page already read; "
                        "the pagination loops"
                    ),
                    url=url,
                    params={"next_url": next_url},
                )
            if len(pages) >= self.max_pages:
                raise KoladaError(
                    N_("{pages}; stopped following next_url"),
                    url=url,
                    params={
                        "pages": Plural("more than {n} page", "more than {n} pages", self.max_pages)
                    },
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
                    N_("expected a URL or null, got {following!r}"),
                    url=page.url,
                    field="next_url",
                    params={"following": following},
                )
            else:
                next_url = urllib.parse.urljoin(page.url, following)
                if urllib.parse.urlsplit(next_url).scheme not in ("http", "https"):
                    raise KoladaError(
                        N_("expected an http(s) URL, got {following!r}"),
                        url=page.url,
                        field="next_url",
                        params={"following": following},
                    )
                if origin(next_url) != origin(self.base_url):
                    raise KoladaError(
                        N_(
                            "{following!r} leads to another origin than the base URL "
                            "{base_url}; goalchain follows next_url only within {origin}"
                        ),
                        url=page.url,
                        field="next_url",
                        params={
                            "following": following,
                            "base_url": self.base_url,
                            "origin": "://".join(urllib.parse.urlsplit(self.base_url)[:2]),
                        },
                    )
            yield page, next_url is None

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

    # -------------------------------------------------------------- whole years
    def year_urls(self, kpi: str, years: int | str | Iterable[int | str]) -> list[str]:
        """The URLs of *kpi*'s values for every municipality, region and Riket in *years*.

        Examples
        --------
        >>> KoladaClient().year_urls("N15436", "2022-2023")
        ['https://api.kolada.se/v3/data/kpi/N15436/year/2022,2023']
        """
        kpi_id = _ids(kpi, "kpi")[0] if isinstance(kpi, str) else _ids([kpi], "kpi")[0]
        return [
            f"{self.base_url}/data/kpi/{_quote([kpi_id])}/year/{_quote(y)}"
            for y in _chunks(parse_years(years))
        ]

    def year_pages(self, kpi: str, years: int | str | Iterable[int | str]) -> Iterator[ValuesPage]:
        """*kpi*'s values for every municipality, region and Riket in *years*, page by page.

        Each page is read and checked before it is handed on, so that a store can
        keep it (one transaction per page) before the next one is asked for.

        Raises
        ------
        KoladaError
            When a page fails or is malformed; once a page has arrived, the error
            says which page failed and how many rows arrived before it. When the
            answer's ``count`` promises more rows than its pages hold, the last
            page raises with how many are missing.
        """
        for url in self.year_urls(kpi, years):
            number = 0
            rows = 0
            promised = 0
            pages = self._iter_pages(url)
            while True:
                try:
                    item = next(pages, None)
                except KoladaError as err:
                    if number == 0:
                        raise
                    raise KoladaError(
                        N_(
                            "the answer is incomplete: page {page} failed ({problem}); "
                            "{rows} arrived on the pages before it, the rest is missing"
                        ),
                        url=url,
                        status=err.status,
                        params={
                            "page": number + 1,
                            "problem": (
                                Message(err.template, **err.params)
                                if err.template is not None
                                else err.reason
                            ),
                            "rows": Plural("{n} row", "{n} rows", rows),
                        },
                    ) from err
                if item is None:
                    break
                page, last = item
                number += 1
                values = _parse_data(page)
                rows += len(page.data["values"])
                count = page.data.get("count")
                if isinstance(count, int) and not isinstance(count, bool):
                    promised = max(promised, count)
                if last and promised > rows:
                    raise KoladaError(
                        N_(
                            "the answer is incomplete: its count is {promised} rows but "
                            "its {pages} held {rows}; {missing} missing (a page was lost)"
                        ),
                        url=url,
                        field="count",
                        params={
                            "promised": promised,
                            "pages": Plural("{n} page", "{n} pages", number),
                            "rows": rows,
                            "missing": Plural("{n} row is", "{n} rows are", promised - rows),
                        },
                    )
                yield ValuesPage(
                    url=page.url,
                    number=number,
                    values=tuple(values),
                    fetched_at=page.fetched_at,
                    last=last,
                )

    def year_values(
        self,
        kpi: str,
        years: int | str | Iterable[int | str],
        *,
        gender: str | Iterable[str] = "TKM",
    ) -> list[KoladaValue]:
        """*kpi*'s values for every municipality, region and Riket (``"0000"``) in *years*.

        Parameters
        ----------
        kpi
            One KPI id.
        years
            Years as :func:`parse_years` reads them.
        gender
            The genders kept, all three by default.

        Raises
        ------
        KoladaError
            As :meth:`year_pages`; nothing partial is returned.
        """
        wanted = _genders(gender)
        return [
            value
            for page in self.year_pages(kpi, years)
            for value in page.values
            if value.gender in wanted
        ]

    def municipality_groups(self) -> list[MunicipalityGroup]:
        """Kolada's municipality groups (``/municipality_groups``), in Kolada's order.

        Raises
        ------
        KoladaError
            When a request fails or a group lacks ``id``, ``title`` or ``members``.
        """
        out: list[MunicipalityGroup] = []
        for page in self._pages(f"{self.base_url}/municipality_groups"):
            for i, row in enumerate(page.data["values"]):
                path = f"values[{i}]"
                members = _need(row, "members", list, page.url, path)
                out.append(
                    MunicipalityGroup(
                        id=_need(row, "id", str, page.url, path),
                        title=_need(row, "title", str, page.url, path),
                        members=[
                            _need(member, "id", str, page.url, f"{path}.members[{j}]")
                            for j, member in enumerate(members)
                        ],
                    )
                )
        return out

    def municipalities(self) -> list[Municipality]:
        """The municipalities, regions and Riket (``/municipality``), in Kolada's order.

        Raises
        ------
        KoladaError
            When a request fails or an entry lacks ``id``, ``title`` or ``type``.
        """
        out: list[Municipality] = []
        for page in self._pages(f"{self.base_url}/municipality"):
            for i, row in enumerate(page.data["values"]):
                path = f"values[{i}]"
                out.append(
                    Municipality(
                        id=_need(row, "id", str, page.url, path),
                        title=_need(row, "title", str, page.url, path),
                        type=_need(row, "type", str, page.url, path),
                    )
                )
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
                    N_("KPI {kpi}: expected a year such as 2024, got {period!r}"),
                    url=url,
                    field=f"{path}.period",
                    params={"kpi": kpi, "period": period},
                )
            period = int(text)
        entries = _need(row, "values", list, url, path)
        for j, entry in enumerate(entries):
            where = f"{path}.values[{j}]"
            gender = _need(entry, "gender", str, url, where)
            if gender not in GENDERS:
                raise KoladaError(
                    N_("expected 'T', 'K' or 'M', got {gender!r}"),
                    url=url,
                    field=f"{where}.gender",
                    params={"gender": gender},
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
                    N_("expected a number or null, got {count!r}"),
                    url=url,
                    field=f"{where}.count",
                    params={"count": count},
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
            N_("KPI {kpi}: expected a number or null, got {value!r}"),
            url=url,
            field=field,
            params={"kpi": kpi, "value": value},
        )
    try:
        number = float(value)
    except OverflowError:  # an integer of hundreds of digits
        raise KoladaError(
            N_(
                "KPI {kpi}: an integer of about {digits} digits does not fit a float "
                "(at most about 1.8e308); expected a number or null"
            ),
            url=url,
            field=field,
            params={"kpi": kpi, "digits": int(value.bit_length() * 0.30103) + 1},
        ) from None
    if not math.isfinite(number):
        raise KoladaError(
            N_("KPI {kpi}: expected a finite number or null, got {value!r}"),
            url=url,
            field=field,
            params={"kpi": kpi, "value": value},
        )
    return number
