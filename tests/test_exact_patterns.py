"""Names, ids and codes are matched whole: a trailing line break is not a valid end
(``re.match`` with ``$`` accepts ``"a\\n"``; issue 14, found by the outputs probes)."""

from __future__ import annotations

import pytest

import goalchain as gc
from goalchain.models import Level
from goalchain.rollup import strategies


@pytest.mark.parametrize("bad", ["a\n", "kf1\n", "vision\r\n"])
def test_an_id_with_a_trailing_line_break_is_refused(bad: str) -> None:
    chain = gc.GoalChain(name="Exempel")
    with pytest.raises(gc.InvalidValueError, match="id"):
        chain.add_goal(bad, "Mål", level="vision")
    assert len(chain) == 0


def test_a_kolada_id_with_a_trailing_line_break_is_refused() -> None:
    chain = gc.GoalChain(name="Exempel")
    with pytest.raises(gc.InvalidValueError, match="kolada"):
        chain.add_indicator("i1", "Andel", unit="percent", kolada="N15436\n")
    chain.add_indicator("i1", "Andel", unit="percent", kolada="N15436")
    assert chain["i1"].kolada == "N15436"


def test_a_level_key_with_a_trailing_line_break_is_refused() -> None:
    with pytest.raises(gc.InvalidValueError, match="level key"):
        Level(key="council\n", label_sv="Fullmäktigemål", label_en="Council goal")


def test_a_registered_name_with_a_trailing_line_break_is_refused() -> None:
    with pytest.raises(gc.exceptions.RegistrationError):
        strategies.register("mine\n", lambda node, children: 0.0)
    assert "mine\n" not in strategies
