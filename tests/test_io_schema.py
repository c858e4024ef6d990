"""goalchain.io: the JSON Schema accepts what goalchain writes and what the docs show."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

import goalchain as gc
from _io_samples import custom_chain, rich_chain
from goalchain import io as gio
from goalchain.io._document import read_document

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.y*ml")) + sorted(
    (ROOT / "src" / "goalchain" / "data").glob("*.y*ml")
)


def as_json(data: Any) -> Any:
    """The JSON form of plain data: dates become ISO strings, keys text."""

    def default(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        raise TypeError(type(value))

    return json.loads(json.dumps(data, default=default))


def validator(ref: str | None = None) -> Any:
    schema = gio.schema()
    if ref is not None:
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": ref}
    return jsonschema.Draft202012Validator(schema)


def check(data: Any, ref: str | None = None) -> None:
    errors = sorted(validator(ref).iter_errors(as_json(data)), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_schema_is_a_valid_draft_2020_12_schema():
    schema = gio.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["goalchain"]["const"] == gio.FORMAT_VERSION


def test_schema_ships_in_the_package_and_is_a_fresh_copy():
    from importlib import resources

    text = (
        resources.files("goalchain.io")
        .joinpath("schema/goalchain-1.schema.json")
        .read_text(encoding="utf-8")
    )
    assert json.loads(text) == gio.schema()
    first = gio.schema()
    first["title"] = "changed"
    assert gio.schema()["title"] != "changed"


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize("build", [rich_chain, custom_chain, gc.GoalChain])
def test_dumped_chains_are_valid(fmt, build):
    text = gc.dumps(build(), format=fmt)
    data = json.loads(text) if fmt == "json" else read_document_text(text)
    check(data)


def read_document_text(text: str) -> Any:
    from goalchain.io._document import parse_text

    return parse_text(text, "yaml").data


def test_split_structure_and_data_files_are_valid(tmp_path):
    gc.dump(rich_chain(), tmp_path / "s.yaml", data_path=tmp_path / "d.json")
    check(read_document(tmp_path / "s.yaml").data)
    check(read_document(tmp_path / "d.json").data)


def test_model_files_are_valid(tmp_path):
    for model in [*gc.PRESETS.values(), custom_chain().model]:
        gio.dump_model(model, tmp_path / "m.yaml")
        check(read_document(tmp_path / "m.yaml").data, "#/$defs/model")


def doc_blocks() -> list[str]:
    text = (ROOT / "docs" / "file-format.md").read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.S)


def test_the_documented_examples_are_valid_and_load(tmp_path):
    blocks = doc_blocks()
    chain_block = blocks[0]
    model_block = next(b for b in blocks if b.lstrip().startswith("name:") and "levels:" in b)
    for block in blocks:  # every whole chain file the page shows is valid and loads
        if block.startswith("goalchain:") and "data:" not in block:
            check(read_document_text(block))
            gc.loads(block)
    check(read_document_text(chain_block))
    check(read_document_text(model_block), "#/$defs/model")
    # Without its data file reference, the documented chain loads.
    chain = gc.loads(re.sub(r"(?m)^data:.*$", "", chain_block))
    assert len(chain) == 3
    (tmp_path / "m.yaml").write_text(model_block, encoding="utf-8")
    assert gio.load_model(tmp_path / "m.yaml").keys == ("vision", "goal", "indicator")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_example_files_are_valid(path):
    check(read_document(path).data)
    chain = gc.load(path)
    check(gio.to_data(chain))
    assert gc.loads(gc.dumps(chain)) == chain


def test_documented_alternative_forms_are_valid():
    check(
        {
            "goalchain": 1,
            "model": "kommun/modell.yaml",
            "data": "data/2025.yaml",
            "elements": [
                {"id": "v", "level": "vision", "title": "V", "tags": "en"},
                {"id": "k", "level": "council", "title": "K", "parents": "v"},
                {
                    "id": "i",
                    "kind": "indicator",
                    "title": "I",
                    "unit": "%",
                    "parents": {"k": 2},
                    "baseline": [2022, "78 %"],
                    "target": {"year": "2026", "value": 90},
                    "annual_targets": [[2023, 81], {"year": 2024, "value": "84,0 %"}],
                },
                {
                    "id": "a",
                    "kind": "activity",
                    "title": "A",
                    "start": "2024-01-01",
                    "due": "2024-12-31",
                    "status": "done",
                    "progress": 1,
                },
            ],
            "measurements": [
                {
                    "indicator": "i",
                    "period": "2024-Q3",
                    "value": "12,5 %",
                    "gender": "K",
                    "source": "Kolada",
                    "unit": "percent",
                },
                {"indicator": "i", "period": "2024-delår", "value": 3},
            ],
            "assessments": [
                {
                    "element": "k",
                    "period": 2024,
                    "status": "delvis uppfyllt",
                    "score": 0.5,
                    "participants": ["A"],
                    "method": "dialogue",
                    "date": "2024-11-20",
                },
            ],
            "egen_nyckel": {"vad som helst": [1, "två"]},
        }
    )


@pytest.mark.parametrize(
    ("data", "ref"),
    [
        ({"name": "x"}, None),
        ({"goalchain": 2}, None),
        ({"goalchain": "1"}, None),
        ({"goalchain": 1, "municipality": 192}, None),
        ({"goalchain": 1, "elements": [{"level": "vision", "title": "V"}]}, None),
        ({"goalchain": 1, "elements": [{"id": "v", "title": "V"}]}, None),
        ({"goalchain": 1, "elements": [{"id": "i", "kind": "indicator", "title": "I"}]}, None),
        ({"goalchain": 1, "elements": [{"id": "i", "kind": "other", "title": "I"}]}, None),
        (
            {
                "goalchain": 1,
                "elements": [{"id": "k", "level": "council", "title": "K", "parents": {"v": -1}}],
            },
            None,
        ),
        ({"goalchain": 1, "measurements": [{"indicator": "i", "period": 2024}]}, None),
        (
            {
                "goalchain": 1,
                "measurements": [{"indicator": "i", "period": 2024, "value": 1, "gender": "X"}],
            },
            None,
        ),
        ({"goalchain": 1, "data": "data.csv"}, None),
        (
            {"name": "m", "levels": [{"key": "v", "label_sv": "V", "label_en": "V"}], "x": 1},
            "#/$defs/model",
        ),
        (
            {"name": "m", "levels": [{"key": "V", "label_sv": "V", "label_en": "V"}]},
            "#/$defs/model",
        ),
    ],
)
def test_schema_rejects_invalid_documents(data, ref):
    assert list(validator(ref).iter_errors(data))
