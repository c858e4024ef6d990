"""Kolada, the Swedish municipalities' key figures: a v3 API client and :func:`fetch_into`.

See the Kolada guide for fetching, the cache, offline mode and provenance.
The implementation and what it relies on about the API are documented in
``goalchain.io._kolada``.

Examples
--------
>>> from goalchain.io.kolada import KoladaClient, parse_years
>>> parse_years("2022-2024")
(2022, 2023, 2024)
>>> KoladaClient().kpi_urls(["N15436"])
['https://api.kolada.se/v3/kpi/N15436']
"""

from ..exceptions import KoladaError
from ._kolada import (
    DEFAULT_BASE_URL,
    MAX_IDS,
    FetchReport,
    KoladaClient,
    KoladaValue,
    KpiInfo,
    MissingValue,
    UnitNote,
    ValueWarning,
    fetch_into,
    fetched_at,
    parse_years,
    title_unit,
    title_unit_text,
)
from ._kolada_http import (
    MAX_JSON_DEPTH,
    MAX_NUMBER_CHARS,
    MAX_REQUEST_SECONDS,
    MAX_RESPONSE_BYTES,
    parse_json,
)

__all__ = [
    "DEFAULT_BASE_URL",
    "MAX_IDS",
    "MAX_JSON_DEPTH",
    "MAX_NUMBER_CHARS",
    "MAX_REQUEST_SECONDS",
    "MAX_RESPONSE_BYTES",
    "FetchReport",
    "KoladaClient",
    "KoladaError",
    "KoladaValue",
    "KpiInfo",
    "MissingValue",
    "UnitNote",
    "ValueWarning",
    "fetch_into",
    "fetched_at",
    "parse_json",
    "parse_years",
    "title_unit",
    "title_unit_text",
]
