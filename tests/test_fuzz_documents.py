"""Fuzzers of the YAML and JSON document readers (issue 14, item 5).

Whatever the text, :func:`goalchain.loads` returns a chain or raises a
:class:`~goalchain.GoalchainError`, within a bound on time and Python memory
(``_bounds.bounded``); a failed load changes nothing it was given and no chain
loaded before. The inputs: valid chain files mutated (bytes replaced, inserted
and deleted, hostile tokens spliced in), random plain structures in every
place of a chain document, deep nesting, anchors and aliases, and numbers of
every size and spelling.

Marked ``fuzz``: ``make test`` runs them with the ``ci`` profile (60 examples),
``make fuzz`` with thousands.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import goalchain as gc
from _bounds import bounded
from goalchain.io import Limits

pytestmark = pytest.mark.fuzz

SAMPLE = gc.GoalChain(name="Fuzzkommun", model="classic", municipality="0192")
SAMPLE.add_goal("v", "Vision 2030", level="vision")
SAMPLE.add_goal("k", "Trygg kommun", level="council", parents=["v"], extra={"färg": "grön"})
SAMPLE.add_indicator(
    "i",
    "Andel nöjda",
    parents=["k"],
    unit="percent",
    direction="increase",
    baseline=(2022, 70.0),
    target=(2026, 80.0),
)
SAMPLE.add_activity("a", "Trygghetsvandringar", parents=["k"], due="2024-12-31")
SAMPLE.record("i", 2023, 72.5)
SAMPLE.assess("k", 2024, status="partly", rationale="Går åt rätt håll.")
TEXTS = {fmt: gc.dumps(SAMPLE, format=fmt) for fmt in ("yaml", "json")}

TOKENS = [
    "&a ",
    "*a",
    "<<: *a\n",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "? ",
    "\n",
    "\t",
    "  ",
    "#",
    '"',
    "'",
    "|",
    ">",
    "%YAML 1.1\n---\n",
    "---\n",
    "!!python/object:os.system ",
    "!custom ",
    "!!binary ",
    "1e400",
    "-1e400",
    "1e-400",
    ".inf",
    ".nan",
    "NaN",
    "Infinity",
    "9" * 500,
    "0x" + "f" * 300,
    "0o777",
    "0001-01-01",
    "9999-12-31",
    "٢٠٢٤",
    "²⁰²⁴",
    "\ufeff",
    "\x00",
    "\x85",
    "\ud800",
    "yes",
    "null",
    "~",
    '"\\u0000"',
    "\\",
]

# Small documents take milliseconds; the bound only catches hangs and blow-ups.
SECONDS = 5.0
MEGABYTES = 64.0


def load_bounded(text: str, fmt: str, limits: Limits | None = None) -> gc.GoalChain | None:
    """Load *text*: a chain or a GoalchainError (None), within the bounds."""
    outcome = bounded(
        lambda: gc.loads(text, format=fmt, source=f"fuzz.{fmt}", limits=limits),
        seconds=SECONDS,
        megabytes=MEGABYTES,
    )
    if outcome.error is not None:
        message = str(outcome.error)
        assert message.strip(), "an error with no message"
        assert "Traceback" not in message
        return None
    assert isinstance(outcome.value, gc.GoalChain)
    return outcome.value  # type: ignore[no-any-return]


def saved_and_read_back(chain: gc.GoalChain, fmt: str) -> None:
    """A chain that loaded saves (or refuses to, with a GoalchainError) and reads back equal."""
    outcome = bounded(lambda: gc.dumps(chain, format=fmt), seconds=SECONDS, megabytes=MEGABYTES)
    if outcome.error is None:
        assert gc.loads(outcome.value, format=fmt) == chain


@st.composite
def mutated(draw: st.DrawFn, fmt: str) -> str:
    text = TEXTS[fmt]
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "replace", "delete", "byte", "duplicate"]))
        if action == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif action == "replace":
            end = min(len(text), at + draw(st.integers(1, 12)))
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[end:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif action == "byte":
            text = text[:at] + draw(st.characters(codec="utf-8")) + text[at + 1 :]
        else:
            end = min(len(text), at + draw(st.integers(1, 80)))
            text = text[:at] + text[at:end] * draw(st.integers(2, 5)) + text[at:]
    return text


@given(st.sampled_from(["yaml", "json"]).flatmap(lambda fmt: st.tuples(st.just(fmt), mutated(fmt))))
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_chain_files_load_or_fail_cleanly(case: tuple[str, str]) -> None:
    fmt, text = case
    before = gc.loads(TEXTS["json"], format="json")
    chain = load_bounded(text, fmt)
    if chain is not None:
        saved_and_read_back(chain, fmt)
    assert before == SAMPLE  # a load, failed or not, changes no other chain
    assert gc.loads(TEXTS["json"], format="json") == SAMPLE


# ------------------------------------------------------------------ random structures

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["2024", "2024-T1", "٢٠٢٤", "percent", "kr/0", "v", "k", "i", "a", "0192"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
PLACES = [
    ("top", None),
    ("element", "v"),
    ("element", "i"),
    ("element", "a"),
    ("measurement", 0),
    ("assessment", 0),
]
KEYS = [
    "goalchain",
    "name",
    "model",
    "elements",
    "id",
    "level",
    "title",
    "parents",
    "kind",
    "unit",
    "baseline",
    "target",
    "annual_targets",
    "due",
    "start",
    "decision",
    "period",
    "value",
    "status",
    "date",
    "score",
    "weight",
    "x_okänd",
]


def place(data: dict[str, Any], where: tuple[str, Any], key: str, value: Any) -> None:
    kind, which = where
    if kind == "top":
        data[key] = value
    elif kind == "element":
        for element in data["elements"]:
            if element["id"] == which:
                element[key] = value
    else:
        data[kind + "s"][which][key] = value


def as_text(data: Any, fmt: str) -> str | None:
    """*data* as YAML or JSON text, written by the standard writers (no goalchain checks)."""
    try:
        if fmt == "json":
            return json.dumps(data, ensure_ascii=False, default=str)
        import io

        from ruamel.yaml import YAML

        out = io.StringIO()
        YAML(typ="safe", pure=True).dump(data, out)
        return out.getvalue()
    except (ValueError, TypeError, UnicodeEncodeError, RecursionError):
        return None
    except Exception as err:  # ruamel.yaml's own errors for what it cannot represent
        if type(err).__module__.startswith("ruamel"):
            return None
        raise


@given(
    fmt=st.sampled_from(["yaml", "json"]),
    where=st.sampled_from(PLACES),
    key=st.sampled_from(KEYS),
    value=VALUES,
)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_values_in_every_place_of_a_chain(
    fmt: str, where: tuple[str, Any], key: str, value: Any
) -> None:
    data = json.loads(TEXTS["json"])
    place(data, where, key, value)
    text = as_text(data, fmt)
    if text is None:
        return
    chain = load_bounded(text, fmt)
    if chain is not None:
        saved_and_read_back(chain, fmt)


@given(value=VALUES, where=st.sampled_from(PLACES), key=st.sampled_from(KEYS))
@settings(deadline=None)
def test_from_data_never_changes_what_it_is_given(
    value: Any, where: tuple[str, Any], key: str
) -> None:
    data = json.loads(TEXTS["json"])
    place(data, where, key, value)
    kept = copy.deepcopy(data)
    bounded(lambda: gc.io.from_data(data), seconds=SECONDS, megabytes=MEGABYTES)
    assert repr(data) == repr(kept)  # repr: NaN != NaN


# ------------------------------------------------------------------ nesting and aliases


@given(
    fmt=st.sampled_from(["yaml", "json", "block"]),
    depth=st.integers(1, 3000),
    shape=st.sampled_from(["list", "map"]),
)
@settings(deadline=None)
def test_deep_nesting_loads_or_is_a_limit_error(fmt: str, depth: int, shape: str) -> None:
    if fmt == "json":
        opening, closing = ("[", "]") if shape == "list" else ('{"a": ', "}")
        text = '{"goalchain": 1, "x": ' + opening * depth + "1" + closing * depth + "}"
    elif fmt == "yaml":
        opening, closing = ("[", "]") if shape == "list" else ("{a: ", "}")
        text = "goalchain: 1\nx: " + opening * depth + "1" + closing * depth + "\n"
    else:
        text = "goalchain: 1\nx:\n" + ("- " if shape == "list" else "? ") * depth + "1\n"
    outcome = bounded(
        lambda: gc.loads(text, format="json" if fmt == "json" else "yaml"),
        seconds=SECONDS,
        megabytes=MEGABYTES,
    )
    if fmt == "block" and shape == "map":  # "? ? ? 1": how deep depends on the parser
        return
    if depth + 1 > Limits().max_depth:  # the top-level mapping is a level too
        assert isinstance(outcome.error, gc.DocumentLimitError), outcome
        assert outcome.error.limit == "max_depth"
    else:
        assert outcome.error is None or not isinstance(outcome.error, gc.DocumentLimitError)


@given(
    width=st.integers(1, 12),
    levels=st.integers(1, 8),
    scalar=st.integers(0, 5000),
    limits=st.builds(
        Limits,
        max_alias_values=st.integers(1, 20_000),  # small: what loads is expanded, traced
        max_alias_characters=st.integers(1, 200_000),
    ),
)
@settings(deadline=None)
def test_alias_towers_are_counted_before_they_are_expanded(
    width: int, levels: int, scalar: int, limits: Limits
) -> None:
    rows = ["goalchain: 1", f"l0: &l0 {'s' * scalar or 'x'}"]
    for level in range(1, levels + 1):
        rows.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    text = "\n".join(rows) + "\n"
    values = sum(width**k for k in range(1, levels + 1)) + sum(
        width**k for k in range(1, levels)
    )  # each alias and, through it, everything below it
    outcome = bounded(lambda: gc.loads(text, limits=limits), seconds=SECONDS, megabytes=MEGABYTES)
    if outcome.error is None:
        assert values <= limits.max_alias_values * 2  # loosely: the count let it through
        saved = bounded(lambda: gc.dumps(outcome.value, format="json"), seconds=SECONDS)
        # JSON adds per value at most its indentation, a comma and a line break
        per_value = 2 * (levels + 2) + 4
        allowed = limits.max_alias_characters + per_value * (2 * values + levels * width) + 200
        assert len(saved.value) <= len(text) + allowed
    else:
        assert isinstance(outcome.error, gc.DocumentLimitError)
        assert outcome.error.limit in ("max_alias_values", "max_alias_characters")


# ------------------------------------------------------------------ numbers


NUMBERS = st.one_of(
    st.integers().map(str),
    st.floats().map(repr),
    st.builds(
        lambda sign, digits, fraction, exponent: f"{sign}{digits}{fraction}{exponent}",
        st.sampled_from(["", "-", "+"]),
        st.text("0123456789", min_size=1, max_size=700),
        st.sampled_from(["", ".", ".5", "." + "3" * 300]),
        st.sampled_from(["", "e10", "e400", "e-400", "E+308", "e-324", "e" + "9" * 30]),
    ),
    st.sampled_from(
        ["nan", "NaN", "inf", "Infinity", "-Infinity", ".inf", "-.inf", ".nan", "0x1F"]
    ),
)


@given(
    fmt=st.sampled_from(["yaml", "json"]),
    number=NUMBERS,
    where=st.sampled_from(["value", "weight", "unknown", "baseline", "score", "year"]),
)
@settings(deadline=None)
def test_numbers_of_every_size_and_spelling(fmt: str, number: str, where: str) -> None:
    data = json.loads(TEXTS["json"])
    marker = "12345.678901"
    if where == "value":
        data["measurements"][0]["value"] = float(marker)
    elif where == "weight":
        data["elements"][1]["parents"] = {"v": float(marker)}
    elif where == "unknown":
        data["x_tal"] = [1, {"y": float(marker)}]
    elif where == "baseline":
        data["elements"][2]["baseline"]["value"] = float(marker)
    elif where == "score":
        data["assessments"][0]["score"] = float(marker)
    else:
        data["measurements"][0]["period"] = float(marker)
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False)
    else:
        text = gc.dumps(gc.io.from_data(json.loads(TEXTS["json"])))  # a valid start
        text = as_text(data, "yaml") or text
    text = text.replace(marker, number, 1)
    chain = load_bounded(text, fmt)
    if chain is not None:
        saved_and_read_back(chain, fmt)
