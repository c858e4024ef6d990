"""goalchain.io: files, atomic writes, data files and governance model files."""

from __future__ import annotations

import os
import stat
import sys

import pytest

import goalchain as gc
from _io_samples import custom_chain, custom_model, rich_chain
from goalchain import io as gio


def leftovers(directory) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


# --------------------------------------------------------------- load / dump


@pytest.mark.parametrize("name", ["chain.yaml", "chain.yml", "chain.json", "CHAIN.YAML"])
def test_dump_and_load_by_extension(tmp_path, name):
    chain = rich_chain(json_safe=name.endswith(".json"))
    path = tmp_path / name
    gc.dump(chain, path)
    assert gc.load(path) == chain
    assert gc.load(str(path)) == chain
    text = path.read_text(encoding="utf-8")
    assert text.startswith("{") == name.endswith(".json")
    assert text == gc.dumps(chain, format="json" if name.endswith(".json") else "yaml")
    assert leftovers(tmp_path) == []


def test_dump_with_explicit_format(tmp_path):
    chain = custom_chain()
    gc.dump(chain, tmp_path / "chain.txt", format="json")
    text = (tmp_path / "chain.txt").read_text(encoding="utf-8")
    assert gc.loads(text, format="json") == chain
    gc.dump(chain, tmp_path / "chain.json", format="yml")
    assert (tmp_path / "chain.json").read_text(encoding="utf-8").startswith("goalchain: 1\n")


@pytest.mark.parametrize("name", ["chain.txt", "chain", "chain.yaml.bak"])
def test_unknown_extension(tmp_path, name):
    path = tmp_path / name
    with pytest.raises(gc.FileFormatError, match=r"\.yaml, \.yml or \.json"):
        gc.dump(gc.GoalChain(), path)
    assert not path.exists()
    path.write_text("goalchain: 1\n", encoding="utf-8")
    with pytest.raises(gc.FileFormatError, match=r"\.yaml, \.yml or \.json") as info:
        gc.load(path)
    assert info.value.file == str(path)


def test_unknown_format_argument():
    with pytest.raises(gc.InvalidValueError, match="yaml, json"):
        gc.dumps(gc.GoalChain(), format="toml")
    with pytest.raises(gc.InvalidValueError, match="yaml, json"):
        gc.loads("goalchain: 1", format="xml")


def test_wrong_argument_types(tmp_path):
    with pytest.raises(TypeError):
        gc.dump("not a chain", tmp_path / "x.yaml")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gio.to_data({"goalchain": 1})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gc.loads(b"goalchain: 1")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gio.dump_model("classic", tmp_path / "m.yaml")  # type: ignore[arg-type]


def test_load_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        gc.load(tmp_path / "missing.yaml")


def test_load_names_the_file_in_errors(tmp_path):
    path = tmp_path / "kommun.yaml"
    path.write_text("goalchain: 1\nmunicipality: 0192\n", encoding="utf-8")
    with pytest.raises(gc.FileFormatError) as info:
        gc.load(path)
    assert str(info.value).startswith(f"{path}:2:15: municipality: ")


def test_load_refuses_text_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("goalchain: 1\nname: Burlövs kommun\n".encode("latin-1"))
    with pytest.raises(gc.FileFormatError, match="not UTF-8") as info:
        gc.load(path)
    assert (info.value.line, info.value.column) == (2, 11)


def test_load_accepts_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf{"goalchain": 1, "name": "Lerum"}')
    assert gc.load(path).name == "Lerum"


def test_loads_resolves_relative_files_from_base_dir_or_source(tmp_path):
    (tmp_path / "m.yaml").write_text(
        "name: m\nlevels:\n  - {key: top, label_sv: Topp, label_en: Top}\n", encoding="utf-8"
    )
    text = "goalchain: 1\nmodel: m.yaml\n"
    assert gc.loads(text, base_dir=tmp_path).model.name == "m"
    assert gc.loads(text, source=str(tmp_path / "chain.yaml")).model.name == "m"
    assert gio.from_data({"goalchain": 1, "model": "m.yaml"}, base_dir=tmp_path).model.name == "m"


# -------------------------------------------------------------- atomic writes


def test_failed_replace_leaves_the_old_file_byte_identical(tmp_path, monkeypatch):
    path = tmp_path / "chain.yaml"
    path.write_bytes(b"# hand-written\ngoalchain: 1\nname: Old\n")
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        gc.dump(rich_chain(), path)
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_failed_fsync_leaves_the_old_file_byte_identical(tmp_path, monkeypatch):
    path = tmp_path / "chain.json"
    path.write_bytes(b'{"goalchain": 1}')

    def broken_fsync(fd):
        raise OSError("I/O error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="I/O error"):
        gc.dump(rich_chain(json_safe=True), path)
    assert path.read_bytes() == b'{"goalchain": 1}'
    assert leftovers(tmp_path) == []


def test_failed_serialisation_writes_nothing(tmp_path):
    path = tmp_path / "chain.yaml"
    path.write_bytes(b"goalchain: 1\n")
    chain = gc.GoalChain()
    chain.add_goal("v", "Vision", level="vision", extra={"title": "another"})
    with pytest.raises(gc.FileFormatError, match=r"elements\[0\]\.title") as info:
        gc.dump(chain, path)
    assert "cannot be written" in str(info.value)
    assert path.read_bytes() == b"goalchain: 1\n"
    assert leftovers(tmp_path) == []
    # Nor is a file created where there was none.
    with pytest.raises(gc.FileFormatError):
        gc.dump(chain, tmp_path / "new.yaml")
    assert not (tmp_path / "new.yaml").exists()


def test_text_that_cannot_be_utf8_is_refused_before_any_file(tmp_path):
    # A lone surrogate is refused where it is set, in a field or in an extra field
    # (issue 14), so no save can meet it; test_io_saves.py covers the check at saving.
    chain = gc.GoalChain()
    with pytest.raises(gc.InvalidValueError, match="lone surrogate"):
        chain.add_goal("v", "broken \ud800", level="vision")
    with pytest.raises(gc.InvalidValueError):
        gc.GoalChain(metadata={"broken": "\ud800"})
    assert list(tmp_path.iterdir()) == []


def test_no_file_can_hold_nan():
    # Neither YAML nor JSON files hold NaN or infinity (issue 14), so no extra field may.
    with pytest.raises(gc.InvalidValueError, match=r"values\[1\] holds the number nan") as info:
        gc.GoalChain(metadata={"values": [1.0, float("nan")]})
    assert info.value.field == "metadata"


def test_extra_fields_that_clash_with_known_fields_are_not_written():
    chain = gc.GoalChain(metadata={"elements": []})
    with pytest.raises(gc.FileFormatError, match="'elements'"):
        gc.dumps(chain)
    chain = gc.GoalChain()
    chain.add_goal("v", "Vision", level="vision", extra={"title": "another"})
    with pytest.raises(gc.FileFormatError, match=r"elements\[0\]\.title"):
        gc.dumps(chain)


def test_dump_into_a_missing_directory_fails_cleanly(tmp_path):
    with pytest.raises(FileNotFoundError):
        gc.dump(gc.GoalChain(), tmp_path / "no" / "such" / "chain.yaml")
    assert list(tmp_path.iterdir()) == []


def test_writing_into_a_missing_directory_names_the_directory(tmp_path):
    from goalchain.io._files import DirectoryNotFoundError, atomic_write

    target = tmp_path / "no" / "such" / "r.html"
    with pytest.raises(DirectoryNotFoundError) as info:
        atomic_write(target, "<p>")
    err = info.value
    assert isinstance(err, FileNotFoundError) and isinstance(err, gc.GoalchainError)
    assert (err.directory, err.missing) == (str(tmp_path / "no" / "such"), str(tmp_path / "no"))
    assert err.filename == str(tmp_path / "no" / "such") and err.errno == 2
    assert str(err) == (
        f"{target}: cannot write the file: no directory {tmp_path / 'no' / 'such'} "
        f"({tmp_path / 'no'} does not exist); create the directory first, or write the file "
        "elsewhere"
    )
    assert ".tmp" not in str(err)
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(DirectoryNotFoundError, match=r"no directory .*a-file \(it is a file\)"):
        atomic_write(tmp_path / "a-file" / "r.html", b"<p>")
    assert leftovers(tmp_path) == []


def test_the_command_line_names_the_missing_directory(tmp_path):
    import io

    from goalchain.cli import main

    source = tmp_path / "kedja.yaml"
    gc.dump(gc.io.load_demo(), source)
    err = io.StringIO()
    target = tmp_path / "nonexistent" / "dir" / "r.html"
    argv = ["report", str(source), "--period", "2024", "-o", str(target)]
    code = main([*argv, "--lang", "en"], err=err)
    assert code == 2
    assert f"no directory {tmp_path / 'nonexistent' / 'dir'}" in err.getvalue()
    assert ".tmp" not in err.getvalue() and err.getvalue().count("\n") == 1
    err = io.StringIO()
    assert main(argv, err=err) == 2  # in --lang, Swedish by default
    assert f"mappen {tmp_path / 'nonexistent' / 'dir'} finns inte" in err.getvalue()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_dump_keeps_permissions_of_an_existing_file(tmp_path):
    path = tmp_path / "chain.yaml"
    path.write_text("goalchain: 1\n", encoding="utf-8")
    os.chmod(path, 0o640)
    gc.dump(custom_chain(), path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    fresh = tmp_path / "fresh.yaml"
    gc.dump(custom_chain(), fresh)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(os.stat(fresh).st_mode) == 0o666 & ~umask


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_dump_through_a_symbolic_link_replaces_its_target(tmp_path):
    target = tmp_path / "real.yaml"
    target.write_text("goalchain: 1\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    gc.dump(custom_chain(), link)
    assert link.is_symlink()
    assert gc.load(target) == custom_chain()


# -------------------------------------------------------------- data files


def test_dump_with_data_path_splits_structure_and_data(tmp_path):
    chain = rich_chain()
    path = tmp_path / "nynashamn.yaml"
    data_path = tmp_path / "data" / "2024.yaml"
    data_path.parent.mkdir()
    gc.dump(chain, path, data_path=data_path)
    text = path.read_text(encoding="utf-8")
    assert "data: data/2024.yaml\n" in text
    assert "measurements" not in text and "assessments" not in text
    data_text = data_path.read_text(encoding="utf-8")
    assert data_text.startswith("goalchain: 1\nmeasurements:\n")
    assert "elements" not in data_text and "kontakt" not in data_text
    assert gc.load(path) == chain
    assert leftovers(tmp_path) == [] and leftovers(data_path.parent) == []


def test_data_path_may_use_another_format(tmp_path):
    chain = rich_chain(json_safe=True)
    gc.dump(chain, tmp_path / "s.yaml", data_path=tmp_path / "d.json")
    assert (tmp_path / "d.json").read_text(encoding="utf-8").startswith("{")
    assert gc.load(tmp_path / "s.yaml") == chain
    gc.dump(chain, tmp_path / "s.json", data_path=tmp_path / "d.yml")
    assert gc.load(tmp_path / "s.json") == chain


def test_data_path_of_a_chain_without_data(tmp_path):
    empty = gc.GoalChain(model=custom_model())
    empty.add_goal("v", "Visionen", level="vision")
    gc.dump(empty, tmp_path / "s.yaml", data_path=tmp_path / "d.yaml")
    assert (tmp_path / "d.yaml").read_text(encoding="utf-8") == (
        "goalchain: 1\nmeasurements: []\nassessments: []\n"
    )
    assert gc.load(tmp_path / "s.yaml") == empty


def test_data_path_must_differ_from_path(tmp_path):
    with pytest.raises(gc.InvalidValueError, match="data_path"):
        gc.dump(gc.GoalChain(), tmp_path / "c.yaml", data_path=tmp_path / "c.yaml")
    assert list(tmp_path.iterdir()) == []


def test_data_files_are_read_relative_to_the_structure_file(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "chain.yaml").write_text(
        """
goalchain: 1
elements:
  - {id: i, kind: indicator, title: I, unit: percent}
  - {id: k, level: council, title: K}
measurements:
  - {indicator: i, period: 2022, value: 1}
data: [data/2023.yaml, data/2024.json]
""",
        encoding="utf-8",
    )
    (tmp_path / "data" / "2023.yaml").write_text(
        """
goalchain: 1
measurements:
  - {indicator: i, period: 2023, value: "2 %"}
  - {indicator: i, period: 2022, value: 1}   # the same value again is fine
assessments:
  - {element: k, period: 2023, status: ej uppfyllt}
""",
        encoding="utf-8",
    )
    (tmp_path / "data" / "2024.json").write_text(
        '{"goalchain": 1, "measurements": [{"indicator": "i", "period": "2024-T1", "value": 3}]}',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path / "data")  # not where the files are named from
    chain = gc.load(tmp_path / "chain.yaml")
    assert list(chain.series("i").values()) == [1.0, 2.0, 3.0]
    assert chain.assessment("k", 2023).status == "not_achieved"
    # One string is one data file.
    (tmp_path / "one.yaml").write_text(
        "goalchain: 1\nelements:\n  - {id: i, kind: indicator, title: I, unit: percent}\n"
        "data: data/2024.json\n",
        encoding="utf-8",
    )
    assert len(gc.load(tmp_path / "one.yaml").measurements()) == 1
    # Saved as one file, the data comes along and 'data' is not written again.
    gc.dump(chain, tmp_path / "all.yaml")
    text = (tmp_path / "all.yaml").read_text(encoding="utf-8")
    assert "data:" not in text
    assert gc.load(tmp_path / "all.yaml") == chain


def test_errors_in_a_data_file_are_located_in_the_data_file(tmp_path):
    (tmp_path / "s.yaml").write_text(
        "goalchain: 1\nelements:\n  - {id: i, kind: indicator, title: I, unit: percent}\n"
        "data: d.yaml\n",
        encoding="utf-8",
    )
    data_file = tmp_path / "d.yaml"
    data_file.write_text(
        "goalchain: 1\nmeasurements:\n  - {indicator: i, period: 2024, value: 5 kr}\n",
        encoding="utf-8",
    )
    with pytest.raises(gc.UnitMismatchError) as info:
        gc.load(tmp_path / "s.yaml")
    assert str(info.value).startswith(f"{data_file}:3:41: ")
    data_file.write_text("goalchain: 1\nelements: []\n", encoding="utf-8")
    with pytest.raises(gc.FileFormatError, match="'elements' does not belong in a data file"):
        gc.load(tmp_path / "s.yaml")
    data_file.write_text("measurements: []\n", encoding="utf-8")
    with pytest.raises(gc.FileFormatError, match="format version is missing") as info:
        gc.load(tmp_path / "s.yaml")
    assert info.value.file == str(data_file)
    data_file.write_text("goalchain: 3\n", encoding="utf-8")
    with pytest.raises(gc.FormatVersionError):
        gc.load(tmp_path / "s.yaml")


def test_missing_data_file_is_located_at_the_reference(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("goalchain: 1\ndata:\n  - here.yaml\n  - missing.yaml\n", encoding="utf-8")
    (tmp_path / "here.yaml").write_text("goalchain: 1\n", encoding="utf-8")
    with pytest.raises(
        gc.FileFormatError, match=r"cannot read the data file 'missing\.yaml'"
    ) as info:
        gc.load(path)
    assert str(info.value).startswith(f"{path}:4:5: data[1]: ")


# ----------------------------------------------------------- model files


@pytest.mark.parametrize("name", ["model.yaml", "model.json"])
def test_model_file_round_trip(tmp_path, name):
    path = tmp_path / name
    gio.dump_model(custom_model(), path)
    assert gio.load_model(path) == custom_model()
    for preset in gc.PRESETS.values():
        gio.dump_model(preset, path)
        assert gio.load_model(path) == preset
    assert leftovers(tmp_path) == []


def test_model_file_written_as_documented(tmp_path):
    path = tmp_path / "m.yaml"
    gio.dump_model(custom_model(), path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("name: min_modell\nlabel_sv: Vår styrmodell\n")
    assert "levels:\n  - key: vision\n    label_sv: Vision\n" in text
    assert (
        "  - key: indicator\n    label_sv: Nyckeltal\n    label_en: Key figure\n"
        "    kind: indicator\n    children: []\n" in text
    )


def test_chain_names_a_model_file(tmp_path):
    (tmp_path / "models").mkdir()
    gio.dump_model(custom_model(), tmp_path / "models" / "min.yml")
    path = tmp_path / "chain.yaml"
    path.write_text(
        "goalchain: 1\nmodel: models/min.yml\nelements:\n  - {id: v, level: vision, title: V}\n",
        encoding="utf-8",
    )
    chain = gc.load(path)
    assert chain.model == custom_model()
    # Written back, the model goes inline: the chain holds the model, not its file name.
    assert gio.to_data(chain)["model"]["name"] == "min_modell"
    assert gc.loads(gc.dumps(chain)) == chain


def test_model_file_errors(tmp_path):
    chain_path = tmp_path / "chain.yaml"
    chain_path.write_text("goalchain: 1\nmodel: m.yaml\n", encoding="utf-8")
    with pytest.raises(gc.FileFormatError, match=r"cannot read the model file 'm\.yaml'") as info:
        gc.load(chain_path)
    assert str(info.value).startswith(f"{chain_path}:2:8: model: ")
    model_path = tmp_path / "m.yaml"
    model_path.write_text(
        "name: m\nfärg: röd\nlevels:\n  - {key: v, label_sv: V, label_en: V}\n", encoding="utf-8"
    )
    with pytest.raises(gc.FileFormatError, match="unknown key 'färg'") as info:
        gc.load(chain_path)
    assert str(info.value).startswith(f"{model_path}:2:7: färg: ")
    with pytest.raises(gc.FileFormatError, match="unknown key 'färg'"):
        gio.load_model(model_path)
    model_path.write_text(
        "name: m\nlevels:\n  - {key: v, label_sv: V, label_en: V, children: [w]}\n",
        encoding="utf-8",
    )
    with pytest.raises(gc.UnknownLevelError) as info:
        gio.load_model(model_path)
    assert str(info.value).startswith(f"{model_path}:1:1: ")
    model_path.write_text("- not a model\n", encoding="utf-8")
    with pytest.raises(gc.FileFormatError, match="a governance model"):
        gio.load_model(model_path)
