"""goalchain.io: every bad input raises a specific, located error."""

from __future__ import annotations

import json
import os
import textwrap

import pytest

import goalchain as gc
from goalchain import io as gio


def fails(
    text: str,
    exc: type[Exception],
    where: str | None,
    *words: str,
    fmt: str = "yaml",
    source: str = "c.yaml",
) -> gc.GoalchainError:
    """Load *text*; check the exact error class, where it says it is, and its words."""
    with pytest.raises(exc) as info:
        gc.loads(textwrap.dedent(text).lstrip("\n"), format=fmt, source=source)
    err = info.value
    assert type(err) is exc, f"{type(err).__name__}: {err}"
    message = str(err)
    if where is not None:
        assert message.startswith(where + ": "), message
    for word in words:
        assert word in message, message
    return err  # type: ignore[return-value]


# ----------------------------------------------------------- syntax and tags


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("goalchain: 1\nname: !!python/object/apply:os.system ['echo pwned']\n", "c.yaml:2:7"),
        ("goalchain: 1\nname: !!python/name:os.system\n", "c.yaml:2:7"),
        ("goalchain: 1\nelements:\n  - !!python/object:goalchain.Goal {id: a}\n", "c.yaml:3:5"),
        ("goalchain: 1\nx: !custom 12\n", "c.yaml:2:4"),
        ("goalchain: 1\nx: !custom {a: 1}\n", "c.yaml:2:4"),
        ("goalchain: 1\nx: !<tag:example.com,2000:app/foo> bar\n", "c.yaml:2:4"),
        ("goalchain: 1\nx: !!binary aGVsbG8=\n", "c.yaml:2:4"),
        ("goalchain: 1\nx: !!set {a, b}\n", "c.yaml:2:4"),
        ("goalchain: 1\nx: !!omap [{a: 1}]\n", "c.yaml:2:4"),
        ("goalchain: 1\n!custom k: v\n", "c.yaml:2:1"),
    ],
)
def test_tags_that_could_build_objects_are_refused(text, where, monkeypatch):
    calls = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args))
    err = fails(text, gc.FileFormatError, where, "tag", "refused")
    assert isinstance(err, ValueError)
    assert calls == []


def test_standard_tags_are_accepted():
    chain = gc.loads(
        "goalchain: !!int 1\nmunicipality: !!str 0192\nname: !!str Kommun\n"
        "x: !!float 1\ny: !!bool true\nz: !!null ''\nm: !!map {a: !!seq [1]}\n"
        "d: !!timestamp 2024-01-02\n"
    )
    assert chain.municipality == "0192"
    assert chain.metadata == {
        "x": 1.0,
        "y": True,
        "z": None,
        "m": {"a": (1,)},
        "d": __import__("datetime").date(2024, 1, 2),
    }


@pytest.mark.parametrize(
    ("text", "where", "key"),
    [
        ("goalchain: 1\nname: a\nname: b\n", "c.yaml:3:1", "'name'"),
        (
            "goalchain: 1\nelements:\n  - id: a\n    level: vision\n    title: A\n    id: b\n",
            "c.yaml:6:5",
            "'id'",
        ),
        (
            "goalchain: 1\n"
            "elements:\n  - {id: k, level: council, title: K, parents: {v: 1, v: 2}}\n",
            "c.yaml:3:55",
            "'v'",
        ),
        ("goalchain: 1\nx: {2024: a, '2024': b}\n", "c.yaml:2:14", "'2024'"),
    ],
)
def test_duplicate_keys_are_refused(text, where, key):
    fails(text, gc.FileFormatError, where, "duplicate key", key, "(first at line")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"goalchain": 1,\n "name": "a",\n "name": "b"}', "c.json:3:10"),
        (
            '{"goalchain": 1, "elements": [\n  {"id": "a", "level": "vision",\n'
            '   "title": "A", "title": "B"}]}',
            "c.json:3:27",
        ),
    ],
)
def test_duplicate_keys_are_refused_in_json(text, where):
    fails(text, gc.FileFormatError, where, "duplicate key", fmt="json", source="c.json")


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("goalchain: 1\nelements: [\n  {id: a\n", "c.yaml:4:1", ["malformed YAML", "line 3"]),
        ("goalchain: 1\nname: a\n  b: 2\n", "c.yaml:3:4", ["malformed YAML", "not allowed"]),
        ("goalchain: 1\nname: 'unclosed\n", "c.yaml:3:1", ["malformed YAML", "quoted"]),
        ("goalchain: 1\n\tname: a\n", "c.yaml:2:1", ["malformed YAML"]),
        ("goalchain: 1\nname: *nope\n", "c.yaml:2:7", ["malformed YAML", "nope"]),
        ("goalchain: 1\n---\ngoalchain: 1\n", "c.yaml:2:1", ["malformed YAML", "single document"]),
        ("goalchain: 1\nname: a\x07b\n", "c.yaml:2:8", ["malformed YAML", "special characters"]),
        ("goalchain: 1\n? [a, b]\n: c\n", "c.yaml:2:3", ["keys must be text"]),
        ("goalchain: 1\nx: &a [*a]\n", "c.yaml:2:4", ["recursive"]),
    ],
)
def test_malformed_yaml(text, where, words):
    fails(text, gc.FileFormatError, where, *words)


def test_alias_bombs_are_refused_quickly():
    rows = ["goalchain: 1", "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for name, prev in zip("bcdefgh", "abcdefg", strict=True):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    fails(
        "\n".join(rows) + "\n",
        gc.DocumentLimitError,
        None,
        "aliases",
        "100 000",
        "max_alias_values",
    )


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ('{"goalchain": 1,\n "name": }', "c.json:2:10", ["malformed JSON", "Expecting value"]),
        ('{"goalchain": 1,\n "name": "a",\n}', "c.json:3:1", ["malformed JSON"]),
        ('{"goalchain": 1} {"goalchain": 1}', "c.json:1:18", ["malformed JSON", "Extra data"]),
        ("", "c.json:1:1", ["malformed JSON"]),
    ],
)
def test_malformed_json(text, where, words):
    fails(text, gc.FileFormatError, where, *words, fmt="json", source="c.json")


# ------------------------------------------------------------ format version


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        (
            "name: Kommun\n",
            "c.yaml:1:1",
            ["goalchain: the format version is missing", "goalchain: 1"],
        ),
        ("goalchain: '1'\n", "c.yaml:1:12", ["whole number", "text '1'"]),
        ("goalchain: 1.0\n", "c.yaml:1:12", ["whole number"]),
        ("goalchain: true\n", "c.yaml:1:12", ["whole number"]),
        ("", None, ["goalchain: 1", "nothing"]),
        ("- goalchain: 1\n", "c.yaml:1:1", ["mapping", "got a list"]),
    ],
)
def test_missing_or_malformed_format_version(text, where, words):
    fails(text, gc.FileFormatError, where, *words)


@pytest.mark.parametrize("version", [2, 0, 99])
def test_unsupported_format_version(version):
    err = fails(
        f"goalchain: {version}\n",
        gc.FormatVersionError,
        "c.yaml:1:12",
        f"format version {version} is not supported",
        "reads format version 1",
    )
    assert isinstance(err, gc.FileFormatError) and isinstance(err, ValueError)
    assert err.field == "goalchain"


def test_unsupported_format_version_in_json():
    fails(
        '{"goalchain": 2}',
        gc.FormatVersionError,
        "c.json:1:15",
        "version 2",
        fmt="json",
        source="c.json",
    )


# ------------------------------------------- numbers where text is required


@pytest.mark.parametrize(
    ("text", "where", "field", "quoted"),
    [
        ("goalchain: 1\nmunicipality: 0192\n", "c.yaml:2:15", "municipality", '"0192"'),
        ("goalchain: 1\nname: 2024\n", "c.yaml:2:7", "name", '"2024"'),
        (
            "goalchain: 1\nelements:\n  - {id: 0192, level: vision, title: V}\n",
            "c.yaml:3:10",
            "elements[0].id",
            '"0192"',
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: 2030}\n",
            "c.yaml:3:35",
            "elements[0].title",
            '"2030"',
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V, owner: 1e3}\n",
            "c.yaml:3:45",
            "elements[0].owner",
            '"1e3"',
        ),
        (
            "goalchain: 1\nelements:\n  - {id: 2024-01-01, level: vision, title: V}\n",
            "c.yaml:3:10",
            "elements[0].id",
            '"2024-01-01"',
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: true}\n",
            "c.yaml:3:35",
            "elements[0].title",
            '"true"',
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V}\n"
            "  - {id: k, level: council, title: K, parents: [0192]}\n",
            "c.yaml:4:49",
            "elements[1].parents[0]",
            '"0192"',
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V}\n"
            "  - {id: k, level: council, title: K, parents: {0192: 2}}\n",
            "c.yaml:4:49",
            "elements[1].parents",
            '"0192"',
        ),
        (
            "goalchain: 1\n"
            "elements:\n  - {id: i, kind: indicator, title: I, unit: '%', kolada: 15436}\n",
            "c.yaml:3:59",
            "elements[0].kolada",
            '"15436"',
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V, tags: [2024, ok]}\n",
            "c.yaml:3:45",
            "elements[0].tags[0]",
            '"2024"',
        ),
        (
            "goalchain: 1\nelements:\n  - id: v\n    level: vision\n    title: V\n"
            "    decision: {body: KF, reference: 412}\n",
            "c.yaml:6:37",
            "elements[0].decision.reference",
            '"412"',
        ),
        (
            "goalchain: 1\nelements:\n  - {id: '1', kind: indicator, title: I, unit: '%'}\n"
            "measurements:\n  - {indicator: 1, period: 2024, value: 3}\n",
            "c.yaml:5:17",
            "measurements[0].indicator",
            '"1"',
        ),
        (
            "goalchain: 1\nelements:\n  - {id: '1', level: vision, title: V}\n"
            "assessments:\n  - {element: 1, period: 2024, status: achieved}\n",
            "c.yaml:5:15",
            "assessments[0].element",
            '"1"',
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V}\n"
            "assessments:\n"
            "  - {element: v, period: 2024, status: achieved, participants: [0192]}\n",
            "c.yaml:5:65",
            "assessments[0].participants[0]",
            '"0192"',
        ),
    ],
)
def test_numbers_where_text_is_required_are_refused_not_converted(text, where, field, quoted):
    err = fails(text, gc.FileFormatError, where, "write it in quotes: " + quoted, "never converted")
    assert err.field == field
    assert str(err).startswith(f"{where}: {field}: ")


def test_numbers_where_text_is_required_in_json_and_plain_data():
    fails(
        '{"goalchain": 1,\n "municipality": 192}',
        gc.FileFormatError,
        "c.json:2:18",
        "municipality",
        'quotes: "192"',
        fmt="json",
        source="c.json",
    )
    with pytest.raises(gc.FileFormatError, match=r"elements\[0\]\.id"):
        gio.from_data({"goalchain": 1, "elements": [{"id": 7, "level": "vision", "title": "V"}]})


def test_quoted_municipality_code_stays_text(tmp_path):
    chain = gc.loads('goalchain: 1\nmunicipality: "0192"\n')
    assert chain.municipality == "0192"
    path = tmp_path / "c.yaml"
    gc.dump(chain, path)
    assert 'municipality: "0192"' in path.read_text(encoding="utf-8")
    assert gc.load(path).municipality == "0192"


# ------------------------------------------------ wrong types and shapes


@pytest.mark.parametrize(
    ("text", "where", "field", "words"),
    [
        ("goalchain: 1\nelements: {id: v}\n", "c.yaml:2:11", "elements", ["list of elements"]),
        (
            "goalchain: 1\nelements:\n  - just text\n",
            "c.yaml:3:5",
            "elements[0]",
            ["an element", "mapping"],
        ),
        (
            "goalchain: 1\nelements:\n  - {level: vision, title: V}\n",
            "c.yaml:3:5",
            "elements[0].id",
            ["'id' is missing"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision}\n",
            "c.yaml:3:5",
            "elements[0].title",
            ["'title' is missing", "every goal"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: }\n",
            "c.yaml:3:34",
            "elements[0].title",
            ["'title' is empty"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, title: V}\n",
            "c.yaml:3:5",
            "elements[0].level",
            ["'level' is missing", "every goal"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: i, kind: indicator, title: I}\n",
            "c.yaml:3:5",
            "elements[0].unit",
            ["'unit' is missing", "every indicator"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, kind: mål, level: vision, title: V}\n",
            "c.yaml:3:19",
            "elements[0].kind",
            ["unknown kind 'mål'", "goal, indicator, activity"],
        ),
        (
            "goalchain: 1\nelements:\n  - id: i\n    kind: indicator\n    title: I\n    unit: '%'\n"
            "    baseline: [2022, 78, 80]\n",
            "c.yaml:7:15",
            "elements[0].baseline",
            ["year and a value", "got a list"],
        ),
        (
            "goalchain: 1\nelements:\n  - id: i\n    kind: indicator\n    title: I\n    unit: '%'\n"
            "    baseline: {year: 2022}\n",
            "c.yaml:7:15",
            "elements[0].baseline.value",
            ["'value' is missing"],
        ),
        (
            "goalchain: 1\nelements:\n  - id: i\n    kind: indicator\n    title: I\n    unit: '%'\n"
            "    target: {year: 2026, value: 90, note: x}\n",
            "c.yaml:7:43",
            "elements[0].target.note",
            ["unknown key 'note'"],
        ),
        (
            "goalchain: 1\nelements:\n  - id: i\n    kind: indicator\n    title: I\n    unit: '%'\n"
            "    annual_targets: 81.0\n",
            "c.yaml:7:21",
            "elements[0].annual_targets",
            ["mapping of year to value"],
        ),
        (
            "goalchain: 1\nelements:\n  - id: i\n    kind: indicator\n    title: I\n    unit: '%'\n"
            "    annual_targets: {2024: [1, 2]}\n",
            "c.yaml:7:28",
            "elements[0].annual_targets.2024",
            ["single value"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V, parents: 3}\n",
            "c.yaml:3:47",
            "elements[0].parents",
            ["list of parent ids"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V}\n"
            "  - {id: k, level: council, title: K, parents: {v: heavy}}\n",
            "c.yaml:4:52",
            "elements[1].parents.v",
            ["weight", "number"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V, tags: {a: b}}\n",
            "c.yaml:3:44",
            "elements[0].tags",
            ["list of texts"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V, decision: KF 2022}\n",
            "c.yaml:3:48",
            "elements[0].decision",
            ["a decision"],
        ),
        (
            "goalchain: 1\n"
            "elements:\n  - {id: v, level: vision, title: V, decision: {date: 2022-01-01}}\n",
            "c.yaml:3:48",
            "elements[0].decision.body",
            ["'body' is missing"],
        ),
        (
            "goalchain: 1\nmeasurements: {a: 1}\n",
            "c.yaml:2:15",
            "measurements",
            ["list of measurements"],
        ),
        (
            "goalchain: 1\nmeasurements:\n  - [i, 2024, 3]\n",
            "c.yaml:3:5",
            "measurements[0]",
            ["a measurement"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: i, kind: indicator, title: I, unit: '%'}\n"
            "measurements:\n  - {indicator: i, period: 2024}\n",
            "c.yaml:5:5",
            "measurements[0].value",
            ["'value' is missing"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: i, kind: indicator, title: I, unit: '%'}\n"
            "measurements:\n  - {indicator: i, value: 3}\n",
            "c.yaml:5:5",
            "measurements[0].period",
            ["'period' is missing"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: i, kind: indicator, title: I, unit: '%'}\n"
            "measurements:\n  - {indicator: i, period: 2024, value: [3]}\n",
            "c.yaml:5:41",
            "measurements[0].value",
            ["single value"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: i, kind: indicator, title: I, unit: '%'}\n"
            "measurements:\n  - {indicator: i, period: 2024, value: true}\n",
            "c.yaml:5:41",
            "measurements[0].value",
            ["a number"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V}\n"
            "assessments:\n  - {element: v, period: 2024}\n",
            "c.yaml:5:5",
            "assessments[0].status",
            ["'status' is missing"],
        ),
        ("goalchain: 1\nmodel: 7\n", "c.yaml:2:8", "model", ['quotes: "7"']),
        ("goalchain: 1\ndata: {a: b}\n", "c.yaml:2:7", "data", ["list of paths"]),
        ("goalchain: 1\ndata: data.csv\n", "c.yaml:2:7", "data", [".yaml, .yml or .json"]),
    ],
)
def test_wrong_types_and_shapes(text, where, field, words):
    err = fails(text, gc.FileFormatError, where, *words)
    assert err.field == field
    assert f": {field}: " in str(err)


def test_wrong_shapes_in_json_name_the_field_and_line():
    text = json.dumps(
        {
            "goalchain": 1,
            "elements": [
                {"id": "v", "level": "vision", "title": "V"},
                {"id": "i", "kind": "indicator", "title": "I", "unit": "%", "baseline": "78"},
            ],
        },
        indent=1,
    )
    err = fails(
        text, gc.FileFormatError, "c.json:14:16", "year and a value", fmt="json", source="c.json"
    )
    assert err.field == "elements[1].baseline"


def test_wrong_shapes_in_plain_data_name_the_field():
    with pytest.raises(gc.FileFormatError) as info:
        gio.from_data({"goalchain": 1, "elements": [{}, {"id": "a", "title": "A"}]})
    assert info.value.field == "elements[0].id"
    assert info.value.line is None
    assert str(info.value).startswith("elements[0].id: 'id' is missing")


# ------------------------------------------------- the chain's own errors


@pytest.mark.parametrize(
    ("text", "exc", "where", "words"),
    [
        # unknown parent, located at the parent's name
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V}\n"
            "  - {id: k, level: council, title: K, parents: [v, nope]}\n",
            gc.UnknownElementError,
            "c.yaml:4:52",
            ["'nope'", "parent of 'k'", "known ids: 'k', 'v'"],
        ),
        # duplicate id, located at the second id
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V}\n"
            "  - {id: v, level: vision, title: W}\n",
            gc.DuplicateError,
            "c.yaml:4:10",
            ["'v'", "already used", "unique"],
        ),
        # the same parent twice
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V}\n"
            "  - {id: k, level: council, title: K, parents: [v, v]}\n",
            gc.DuplicateError,
            "c.yaml:4:52",
            ["named twice"],
        ),
        # a goal as its own parent
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V, parents: [v]}\n",
            gc.CycleError,
            "c.yaml:3:48",
            ["v -> v"],
        ),
        # level rule: a committee goal above a council goal
        (
            "goalchain: 1\nelements:\n  - {id: n, level: committee, title: N}\n"
            "  - {id: k, level: council, title: K, parents: [n]}\n",
            gc.LevelError,
            "c.yaml:4:49",
            ["'k' (council) cannot sit below 'n' (committee)"],
        ),
        # level rule: an indicator with children
        (
            "goalchain: 1\nelements:\n  - {id: i, kind: indicator, title: I, unit: '%'}\n"
            "  - {id: a, kind: activity, title: A, parents: [i]}\n",
            gc.LevelError,
            "c.yaml:4:49",
            ["cannot sit below 'i' (indicator)", "nothing may sit below it"],
        ),
        # a level for another kind
        (
            "goalchain: 1\nelements:\n  - {id: v, level: indicator, title: V}\n",
            gc.LevelError,
            "c.yaml:3:20",
            ["for indicators, not goals"],
        ),
        # unknown level
        (
            "goalchain: 1\nelements:\n  - {id: v, level: visionen, title: V}\n",
            gc.UnknownLevelError,
            "c.yaml:3:20",
            ["unknown level 'visionen'", "valid levels: vision"],
        ),
        # unknown unit
        (
            "goalchain: 1\nelements:\n  - id: i\n    kind: indicator\n    title: I\n"
            "    unit: furlong_per_fortnight_x\n",
            gc.UnknownUnitError,
            "c.yaml:6:11",
            ["unknown unit 'furlong_per_fortnight_x'"],
        ),
        # unit mismatch in a baseline
        (
            "goalchain: 1\n"
            "elements:\n  - id: i\n    kind: indicator\n    title: I\n    unit: percent\n"
            "    baseline: {year: 2022, value: 78 kr}\n",
            gc.UnitMismatchError,
            "c.yaml:7:15",
            ["'SEK' does not fit 'percent'"],
        ),
        # unit mismatch in a measurement
        (
            "goalchain: 1\nelements:\n  - {id: i, kind: indicator, title: I, unit: tkr}\n"
            "measurements:\n  - {indicator: i, period: 2024, value: 5, unit: '%'}\n",
            gc.UnitMismatchError,
            "c.yaml:5:41",
            ["'percent' does not fit 'tkr'"],
        ),
        # NaN and infinity
        (
            "goalchain: 1\nelements:\n  - {id: i, kind: indicator, title: I, unit: tkr}\n"
            "measurements:\n  - {indicator: i, period: 2024, value: .nan}\n",
            gc.FileFormatError,  # refused by the reader, before the chain sees it (issue 14)
            "c.yaml:5:41",
            ["not a finite number"],
        ),
        (
            "goalchain: 1\nelements:\n  - id: i\n    kind: indicator\n    title: I\n    unit: tkr\n"
            "    target: [2026, .inf]\n",
            gc.FileFormatError,
            "c.yaml:7:20",
            ["not a finite number"],
        ),
        # a negative weight
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V}\n"
            "  - {id: k, level: council, title: K, parents: {v: -1}}\n",
            gc.InvalidValueError,
            "c.yaml:4:52",
            ["finite number >= 0", "-1"],
        ),
        # years out of range
        (
            "goalchain: 1\nelements:\n  - id: i\n    kind: indicator\n    title: I\n    unit: '%'\n"
            "    baseline: {year: 1800, value: 3}\n",
            gc.PeriodError,
            "c.yaml:7:15",
            ["year 1800 is out of range", "1900-2200"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: i, kind: indicator, title: I, unit: '%'}\n"
            "measurements:\n  - {indicator: i, period: 3024, value: 1}\n",
            gc.PeriodError,
            "c.yaml:5:28",
            ["3024"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: i, kind: indicator, title: I, unit: '%'}\n"
            "measurements:\n  - {indicator: i, period: 2024-T4, value: 1}\n",
            gc.PeriodError,
            "c.yaml:5:28",
            ["tertial index 4"],
        ),
        # target before baseline
        (
            "goalchain: 1\nelements:\n  - id: i\n    kind: indicator\n    title: I\n    unit: '%'\n"
            "    baseline: [2026, 1]\n    target: [2022, 2]\n",
            gc.PeriodError,
            "c.yaml:8:13",
            ["must come after"],
        ),
        # bad choices
        (
            "goalchain: 1\n"
            "elements:\n  - {id: i, kind: indicator, title: I, unit: '%', direction: up}\n",
            gc.InvalidValueError,
            "c.yaml:3:62",
            ["'up' is not valid", "increase, decrease, maintain"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V}\n"
            "assessments:\n  - {element: v, period: 2024, status: bra}\n",
            gc.InvalidValueError,
            "c.yaml:5:40",
            ["'bra' is not valid"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V, cross_cutting: ja}\n",
            gc.InvalidValueError,
            "c.yaml:3:53",
            ["true or false"],
        ),
        # measurements and assessments of unknown or wrong elements
        (
            "goalchain: 1\nmeasurements:\n  - {indicator: i9, period: 2024, value: 1}\n",
            gc.UnknownElementError,
            "c.yaml:3:17",
            ["'i9'", "measurement"],
        ),
        (
            "goalchain: 1\nassessments:\n  - {element: g9, period: 2024, status: achieved}\n",
            gc.UnknownElementError,
            "c.yaml:3:15",
            ["'g9'", "assessment"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: v, level: vision, title: V}\n"
            "measurements:\n  - {indicator: v, period: 2024, value: 1}\n",
            gc.InvalidValueError,
            "c.yaml:5:5",
            ["recorded for indicators"],
        ),
        (
            "goalchain: 1\nelements:\n  - {id: i, kind: indicator, title: I, unit: '%'}\n"
            "measurements:\n  - {indicator: i, period: 2024, value: 1}\n"
            "  - {indicator: i, period: 2024, value: 2}\n",
            gc.DuplicateError,
            "c.yaml:6:5",
            ["already has 1"],
        ),
        # unknown preset
        (
            "goalchain: 1\nmodel: stockholm\n",
            gc.UnknownModelError,
            "c.yaml:2:8",
            ["'stockholm'", "burlov, classic"],
        ),
        # an id with surrounding space
        (
            "goalchain: 1\nelements:\n  - {id: ' v', level: vision, title: V}\n",
            gc.InvalidValueError,
            "c.yaml:3:10",
            ["id ' v' is invalid"],
        ),
    ],
)
def test_the_chains_errors_keep_their_class_and_are_located(text, exc, where, words):
    err = fails(text, exc, where, *words)
    assert err.file == "c.yaml"
    assert err.line == int(where.split(":")[1])


def test_cycle_among_the_files_links_shows_the_cycle():
    text = """
    goalchain: 1
    model:
      name: loop
      levels:
        - {key: goal, label_sv: Mål, label_en: Goal, children: [goal]}
    elements:
      - {id: a, level: goal, title: A, parents: [c]}
      - {id: b, level: goal, title: B, parents: [a]}
      - {id: c, level: goal, title: C, parents: [b]}
    """
    err = fails(text, gc.CycleError, "c.yaml:9:46", "b -> c -> a -> b")
    assert err.cycle == ("b", "c", "a", "b")
    assert isinstance(err, ValueError)


def test_cycle_in_json_is_located():
    data = {
        "goalchain": 1,
        "model": {
            "name": "loop",
            "levels": [
                {"key": "goal", "label_sv": "Mål", "label_en": "Goal", "children": ["goal"]}
            ],
        },
        "elements": [
            {"id": "a", "level": "goal", "title": "A", "parents": ["b"]},
            {"id": "b", "level": "goal", "title": "B", "parents": {"a": 2}},
        ],
    }
    text = json.dumps(data, indent=2)
    err = fails(text, gc.CycleError, None, "a -> b -> a", fmt="json", source="c.json")
    line = text.splitlines()[err.line - 1]
    assert err.file == "c.json" and '"a": 2' in line


def test_semantic_errors_in_plain_data_name_the_element_and_field():
    with pytest.raises(gc.PeriodError) as info:
        gio.from_data(
            {
                "goalchain": 1,
                "elements": [
                    {
                        "id": "i",
                        "kind": "indicator",
                        "title": "I",
                        "unit": "%",
                        "baseline": {"year": 1800, "value": 1},
                    }
                ],
            },
            source="x",
        )
    assert str(info.value).startswith("x: 'i', field 'baseline': year 1800")


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        (
            "goalchain: 1\nmodel:\n  name: m\n  colour: red\n  levels: []\n",
            "c.yaml:4:11",
            ["unknown key 'colour'", "not kept"],
        ),
        (
            "goalchain: 1\n"
            "model:\n  name: m\n  levels:\n    - {key: v, label_sv: V, label_en: V, x: 1}\n",
            "c.yaml:5:45",
            ["unknown key 'x' in a level"],
        ),
        ("goalchain: 1\nmodel:\n  levels: []\n", "c.yaml:3:3", ["'name' is missing"]),
        ("goalchain: 1\nmodel:\n  name: m\n", "c.yaml:3:3", ["'levels' is missing"]),
        (
            "goalchain: 1\nmodel:\n  name: m\n  levels:\n    - {key: v, label_sv: V}\n",
            "c.yaml:5:7",
            ["'label_en' is missing"],
        ),
        (
            "goalchain: 1\nmodel:\n  name: m\n  levels:\n"
            "    - {key: v, label_sv: V, label_en: V, children: g}\n",
            "c.yaml:5:52",
            ["list of level keys"],
        ),
        (
            "goalchain: 1\nmodel:\n  name: m\n  levels:\n"
            "    - {key: v, label_sv: V, label_en: V, owner_required: ja}\n",
            "c.yaml:5:58",
            ["true or false"],
        ),
        (
            "goalchain: 1\n"
            "model:\n  name: m\n  levels:\n    - {key: v, label_sv: 1, label_en: V}\n",
            "c.yaml:5:26",
            ['quotes: "1"'],
        ),
    ],
)
def test_inline_model_errors(text, where, words):
    fails(text, gc.FileFormatError, where, *words)


@pytest.mark.parametrize(
    ("text", "exc", "where", "words"),
    [
        (
            "goalchain: 1\n"
            "model:\n  name: m\n  levels:\n    - {key: Vision, label_sv: V, label_en: V}\n",
            gc.InvalidValueError,
            "c.yaml:5:13",
            ["level key 'Vision'"],
        ),
        (
            "goalchain: 1\nmodel:\n  name: m\n  levels:\n"
            "    - {key: v, label_sv: V, label_en: V, children: [nope]}\n",
            gc.UnknownLevelError,
            "c.yaml:3:3",
            ["unknown level 'nope'"],
        ),
        (
            "goalchain: 1\nmodel:\n  name: m\n  levels: []\n",
            gc.InvalidValueError,
            "c.yaml:4:11",
            ["at least one level"],
        ),
    ],
)
def test_inline_model_values_keep_the_models_errors(text, exc, where, words):
    fails(text, exc, where, *words)


def test_the_chain_is_not_returned_half_built():
    # A failing load raises; nothing is returned, so there is nothing half-built to use.
    with pytest.raises(gc.UnknownElementError):
        gc.loads("goalchain: 1\nelements:\n  - {id: k, level: council, title: K, parents: [x]}\n")


def test_unknown_fields_that_would_change_on_reading_are_refused() -> None:
    # an int key would be read back as text, a set as a list: refuse, never change;
    # refused when set (issue 14), so that a chain never holds what it cannot save
    chain = gc.GoalChain(name="x")
    with pytest.raises(gc.InvalidValueError, match="not text"):
        chain.add_goal("v", "V", level="vision", extra={1: "a"})
    with pytest.raises(gc.InvalidValueError, match=r"note\.nested.*not text"):
        chain.add_goal("v", "V", level="vision", extra={"note": {"nested": {2: "b"}}})
    with pytest.raises(gc.InvalidValueError, match="tags2 holds an object of type frozenset"):
        chain.add_goal("v", "V", level="vision", extra={"tags2": {"a", "b"}})
    assert len(chain) == 0
