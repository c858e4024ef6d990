"""The JSON Schema of the file format, shipped in the package."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

__all__ = ["SCHEMA_RESOURCE", "schema"]

SCHEMA_RESOURCE = "schema/goalchain-1.schema.json"
"""Where the schema lies inside the ``goalchain.io`` package."""


@functools.cache
def _schema_text() -> str:
    return resources.files("goalchain.io").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of goalchain files, format version 1.

    Every document :func:`goalchain.io.dumps` writes is valid against it. YAML
    files are checked in their JSON form (dates as ``"YYYY-MM-DD"`` strings).
    Editors can use the file itself, ``goalchain/io/schema/goalchain-1.schema.json``.
    Each call returns a new dict, which the caller may change.

    Examples
    --------
    >>> import goalchain as gc
    >>> s = gc.io.schema()
    >>> s["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> s["properties"]["goalchain"]
    {'description': 'Format version: the integer 1.', 'const': 1}
    """
    result: dict[str, Any] = json.loads(_schema_text())
    return result
