"""goalchain.exceptions: the hierarchy, and errors that say where and what is valid."""

from __future__ import annotations

import pytest

import goalchain as gc
from goalchain import exceptions

BUILTINS = {
    "AmbiguousUnitError": ValueError,
    "CycleError": ValueError,
    "DuplicateError": ValueError,
    "FileFormatError": ValueError,
    "FormatVersionError": ValueError,
    "InvalidValueError": ValueError,
    "LevelError": ValueError,
    "PeriodError": ValueError,
    "UnitError": ValueError,
    "UnitMismatchError": ValueError,
    "UnknownElementError": KeyError,
    "UnknownLevelError": LookupError,
    "UnknownLinkError": KeyError,
    "UnknownModelError": LookupError,
    "UnknownUnitError": ValueError,
}


def test_every_error_is_a_goalchain_error_and_its_builtin() -> None:
    assert sorted(exceptions.__all__) == exceptions.__all__
    assert set(BUILTINS) <= set(exceptions.__all__)
    for name in exceptions.__all__:
        cls = getattr(exceptions, name)
        if not isinstance(cls, type) or cls is gc.GoalchainError:
            continue  # shown(), a function for messages
        if not issubclass(cls, Exception) or issubclass(cls, Warning):
            continue
        assert issubclass(cls, gc.GoalchainError), name
        # and a builtin more specific than Exception, so `except ValueError` works
        builtins = {b for b in cls.__mro__ if b.__module__ == "builtins"}
        assert builtins - {Exception, BaseException, object}, name
    for name, builtin in BUILTINS.items():
        cls = getattr(gc, name)
        assert cls is getattr(exceptions, name)
        assert issubclass(cls, gc.GoalchainError)
        assert issubclass(cls, builtin), name


def test_specific_subclasses() -> None:
    assert issubclass(gc.PeriodError, gc.InvalidValueError)
    assert issubclass(gc.UnknownLevelError, gc.LevelError)
    assert issubclass(gc.UnitMismatchError, gc.UnitError)
    assert issubclass(gc.UnknownUnitError, gc.UnitError)
    assert issubclass(gc.AmbiguousUnitError, gc.UnknownUnitError)
    assert issubclass(gc.FormatVersionError, gc.FileFormatError)


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"element": "i1", "field": "value"}, "'i1', field 'value': fel"),
        ({"element": "i1"}, "'i1': fel"),
        ({"field": "value"}, "field 'value': fel"),
        ({}, "fel"),
    ],
)
def test_invalid_value_error_says_where(kwargs: dict[str, str], text: str) -> None:
    err = gc.InvalidValueError("fel", **kwargs)
    assert str(err) == text
    assert (err.element, err.field) == (kwargs.get("element"), kwargs.get("field"))


def test_locate_and_location() -> None:
    err = gc.InvalidValueError("fel", element="kf1")
    assert err.location() == ""
    assert err.locate(file="burlov.yaml", line=12, column=5) is err
    assert err.location() == "burlov.yaml:12:5"
    assert str(err) == "burlov.yaml:12:5: 'kf1': fel"
    # what is known first is kept
    err.locate(file="annan.yaml", line=1, column=1)
    assert err.location() == "burlov.yaml:12:5"
    assert gc.InvalidValueError("x").locate(line=3).location() == "<input>:3"
    assert gc.InvalidValueError("x").locate(file="a.json").location() == "a.json"


def test_key_errors_are_not_quoted() -> None:
    err = gc.UnknownElementError("kf9", known=["kf1", "kf2"], context="named as parent of 'x'")
    assert str(err) == (
        "no element with id 'kf9' in the chain (named as parent of 'x'); known ids: 'kf1', 'kf2'"
    )
    assert str(gc.UnknownLinkError("a", "b")) == "there is no link 'a' -> 'b' in the chain"


def test_cycle_error() -> None:
    err = gc.CycleError(["i1", "vision", "kf1", "i1"])
    assert err.cycle == ("i1", "vision", "kf1", "i1")
    assert str(err).startswith(
        "linking 'i1' -> 'vision' would close the cycle i1 -> vision -> kf1 -> i1"
    )


def test_unknown_level_and_model_list_what_is_valid() -> None:
    err = gc.UnknownLevelError("kf", model="classic", known=["vision", "council"], element="g")
    assert (err.level, err.known, err.element) == ("kf", ("vision", "council"), "g")
    assert str(err) == (
        "'g': unknown level 'kf' in governance model 'classic'; valid levels: vision, council"
    )
    model_err = gc.UnknownModelError("malmo", known=["lerum", "burlov"])
    assert model_err.known == ("burlov", "lerum")
    assert "presets: burlov, lerum" in str(model_err)


def test_unit_errors_name_the_units() -> None:
    err = gc.UnitMismatchError(element=None, expected="percent", got="SEK")
    assert str(err).startswith("value: unit 'SEK' does not fit 'percent'")
    unknown = gc.UnknownUnitError("furlongz", element="i1", field="unit")
    assert str(unknown).startswith("'i1', field 'unit': unknown unit 'furlongz'")


def test_file_format_error() -> None:
    err = gc.FileFormatError(
        "expected a list", file="kommun.yaml", line=4, column=3, field="elements"
    )
    assert (err.file, err.line, err.column, err.field) == ("kommun.yaml", 4, 3, "elements")
    assert err.reason == "expected a list"
    assert str(err) == "kommun.yaml:4:3: elements: expected a list"
