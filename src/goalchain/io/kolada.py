"""Kolada, the Swedish municipalities' key figures: a v3 API client and :func:`fetch_into`.

See the Kolada guide for fetching, the cache, offline mode and provenance.
The implementation lives in private modules, one concept each: the API client
and what it relies on about the API (``goalchain.io._kolada_client``), the
transport under it (``_kolada_http``), the KPI metadata and units
(``_kolada_kpi``), filling a chain (``_kolada_fill``) and the local SQLite store of
whole years, groups and municipalities (``_kolada_store``).

Examples
--------
>>> from goalchain.io.kolada import KoladaClient, parse_years
>>> parse_years("2022-2024")
(2022, 2023, 2024)
>>> KoladaClient().kpi_urls(["N15436"])
['https://api.kolada.se/v3/kpi/N15436']
"""

from ..exceptions import KoladaError
from ._kolada_client import (
    DEFAULT_BASE_URL,
    MAX_IDS,
    KoladaClient,
    KoladaValue,
    Municipality,
    ValuesPage,
    parse_years,
)
from ._kolada_compare import (
    BANDS,
    COMPARISON_KEYS,
    Comparison,
    Comparisons,
    compare_chain,
    find_group,
)
from ._kolada_fill import FetchReport, MissingValue, ValueWarning, fetch_into, fetched_at
from ._kolada_http import (
    MAX_JSON_DEPTH,
    MAX_NUMBER_CHARS,
    MAX_REQUEST_SECONDS,
    MAX_RESPONSE_BYTES,
    parse_json,
)
from ._kolada_kpi import KpiInfo, UnitNote, title_unit, title_unit_text
from ._kolada_store import FetchRecord, KoladaStore, StoreFetch
from ._kolada_values import RIKET, KoladaValues, MunicipalityGroup

__all__ = [
    "BANDS",
    "COMPARISON_KEYS",
    "DEFAULT_BASE_URL",
    "MAX_IDS",
    "MAX_JSON_DEPTH",
    "MAX_NUMBER_CHARS",
    "MAX_REQUEST_SECONDS",
    "MAX_RESPONSE_BYTES",
    "RIKET",
    "Comparison",
    "Comparisons",
    "FetchRecord",
    "FetchReport",
    "KoladaClient",
    "KoladaError",
    "KoladaStore",
    "KoladaValue",
    "KoladaValues",
    "KpiInfo",
    "MissingValue",
    "Municipality",
    "MunicipalityGroup",
    "StoreFetch",
    "UnitNote",
    "ValueWarning",
    "ValuesPage",
    "compare_chain",
    "fetch_into",
    "fetched_at",
    "find_group",
    "parse_json",
    "parse_years",
    "title_unit",
    "title_unit_text",
]
