"""Every parser of text from outside runs in time linear in its input (issue 19).

The parsers of periods, years, numbers and values with units have their own
properties (tests/test_fuzz_strings.py). Here the rest: ids, Kolada ids, gender
codes, dates, the texts of Kolada titles, and command-line arguments. Each is
timed on a long adversarial input (repeated spaces, digits, separators) against
the same parse of a short one in the same run: a linear parser costs about 100
times more for 100 times the input, a quadratic one 10,000 times; the bound
(1,000 times, plus a few milliseconds) leaves room for a loaded machine.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goalchain as gc
from _bounds import best_seconds
from goalchain import cli
from goalchain.cli import main
from goalchain.io.kolada import title_unit
from goalchain.models._data import GENDERS
from goalchain.models._values import check_choice, check_id, to_date

PIECES = st.sampled_from(
    [" ", "\t", "1", "1 ", "2024 ", "-", "- ", "(", "( -", "(-2023) ", "a ", ", ", "källa: ", "x"]
)
ENDS = st.sampled_from(["", "x", "\n", ")", "(-2024)"])


def _linear(read: Callable[[str], object], start: str, piece: str, end: str) -> None:
    short = start + piece * max(1, 100 // len(piece)) + end
    long = start + piece * (10_000 // len(piece)) + end
    best_seconds(lambda: read(short), repeat=1)  # warm up caches
    small = best_seconds(lambda: read(short))
    large = best_seconds(lambda: read(long))
    assert large <= 1_000 * small + 0.005, (piece, end, small, large)


def _new_chain() -> gc.GoalChain:
    return gc.GoalChain(name="Exempel")


READERS: dict[str, Callable[[str], object]] = {
    "id": lambda text: check_id(text),
    "element id": lambda text: _new_chain().add_goal(text, "Mål", level="vision"),
    "kolada id": lambda text: _new_chain().add_indicator("i1", "Andel", unit="%", kolada=text),
    "gender": lambda text: check_choice(text, GENDERS, field="gender", element="i1"),
    "date": lambda text: to_date(text, field="date", element="a1"),
    "kolada title": lambda text: title_unit(text),
}


@pytest.mark.fuzz
@settings(max_examples=15)
@given(
    st.sampled_from(sorted(READERS)), st.sampled_from(["", "a", "2024-01-01", "N"]), PIECES, ENDS
)
def test_readers_of_outside_text_are_linear(reader: str, start: str, piece: str, end: str) -> None:
    _linear(READERS[reader], start, piece, end)


EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "burlov.yaml"


@functools.cache
def _example() -> gc.GoalChain:
    return gc.load(EXAMPLE)


def _cli(*argv: str) -> None:
    main(list(argv), out=io.StringIO(), err=io.StringIO())


@pytest.mark.fuzz
@settings(max_examples=10)
@given(PIECES, ENDS)
def test_command_line_periods_are_linear(piece: str, end: str) -> None:
    """The command's handling of --period, the chain loaded once (loading the file,
    the same for every period, took nine tenths of the time)."""
    with mock.patch.object(cli, "_load", lambda path, lang="sv": _example()):
        _linear(lambda text: _cli("rollup", str(EXAMPLE), "--period", text), "2024", piece, end)


@pytest.mark.parametrize("pattern", ["_VALIDITY", "_SOURCE"])
def test_the_kolada_title_patterns_are_linear(pattern: str) -> None:
    """The probe: 40,000 spaces before the end took 7.6 s (validity) and 29 s (source)
    when the patterns began with \\s*, matched again at every space."""
    from goalchain.io import _kolada_kpi

    compiled = getattr(_kolada_kpi, pattern)
    assert best_seconds(lambda: compiled.sub("", " " * 40_000 + "x"), repeat=1) < 1.0
    assert compiled.sub(
        "", "andel (%) (-2023)" if pattern == "_VALIDITY" else "kr. Källa: SCB."
    ) in (
        "andel (%) ",
        "kr. ",
    )
