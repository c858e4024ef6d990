"""Where comparison values come from: the interface between Kolada's local store and
the comparison of a municipality with others (issue 17).

A source of values answers two questions: the values of a KPI for a year, per
municipality (and Riket, ``"0000"``), and the municipality groups it knows (Kolada's
own, such as "Liknande kommuner ..."). The SQLite store
(:mod:`goalchain.io._kolada_store`) is one; a mapping in memory, as tests build it,
is another. The comparison (:mod:`goalchain.io._kolada_compare`) reads only this.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

import attrs

__all__ = ["RIKET", "KoladaValues", "MunicipalityGroup"]

RIKET = "0000"
"""Kolada's id of the whole country (Riket)."""


@attrs.frozen
class MunicipalityGroup:
    """A group of municipalities as Kolada keeps it (``/municipality_groups``).

    Attributes
    ----------
    id
        Kolada's id of the group (``"G124026"``).
    title
        Its title, as Kolada writes it (``"Liknande kommuner grundskola, Burlöv, 2023"``).
    members
        The ids of its member municipalities (``"1231"``), in Kolada's order.
    """

    id: str
    title: str
    members: tuple[str, ...] = attrs.field(converter=tuple)


@runtime_checkable
class KoladaValues(Protocol):
    """A source of Kolada values for comparisons (the local store, or values in memory)."""

    def values(self, kpi: str, year: int, *, gender: str = "T") -> Mapping[str, float]:
        """The values of *kpi* for *year* and *gender* (``T``, ``K``, ``M``), by
        municipality id; Riket under :data:`RIKET` where the source has it. A
        municipality without a value is absent, never 0."""
        ...

    def groups(self) -> Sequence[MunicipalityGroup]:
        """The municipality groups the source knows."""
        ...
