"""Kolada values in memory for comparison tests: a :class:`KoladaValues` over dicts.

Groups and municipalities are real, recorded from Kolada's v3 API
(``tests/fixtures/kolada_v3/compare_*.json``, subsets of ``/municipality_groups`` and
``/municipality``); the values are what each test generates.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from goalchain.io.kolada import MunicipalityGroup

FIXTURES = Path(__file__).parent / "fixtures" / "kolada_v3"


class MemoryValues:
    """Values by (kpi, year, gender), then municipality id; groups as given."""

    def __init__(
        self,
        values: Mapping[tuple[str, int, str], Mapping[str, float]] | None = None,
        groups: Iterable[MunicipalityGroup] = (),
    ) -> None:
        self._values = {key: dict(found) for key, found in (values or {}).items()}
        self._groups = tuple(groups)
        self.asked: list[tuple[str, int, str]] = []

    def values(self, kpi: str, year: int, *, gender: str = "T") -> Mapping[str, float]:
        self.asked.append((kpi, year, gender))
        return dict(self._values.get((kpi, year, gender), {}))

    def groups(self) -> Sequence[MunicipalityGroup]:
        return self._groups


def real_groups() -> list[MunicipalityGroup]:
    """Kolada's groups of Burlöv (and a few others), as v3 served them."""
    rows = json.loads((FIXTURES / "compare_groups.json").read_text(encoding="utf-8"))
    return [
        MunicipalityGroup(row["id"], row["title"], [member["id"] for member in row["members"]])
        for row in rows
    ]


def real_municipalities() -> list[dict[str, str]]:
    """Kolada's 312 municipalities and regions (``id``, ``title``, ``type`` K or L)."""
    rows: list[dict[str, str]] = json.loads(
        (FIXTURES / "compare_municipalities.json").read_text(encoding="utf-8")
    )
    return rows
