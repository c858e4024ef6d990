"""The command line's error boundary (issue 14): no traceback for bad input, ever.

Every sub-command given a missing file, a directory, a binary file or an
invalid chain file exits 2 with one line on stderr naming the file, in the
language of ``--lang``; an exception that is not about the input is an
internal error (exit 70) that says where to report it.
"""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import goalchain as gc
from goalchain import cli
from goalchain.cli import main

ROOT = Path(__file__).resolve().parent.parent
BURLOV = ROOT / "examples" / "burlov.yaml"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    """A missing file, a directory, a binary file and an invalid chain file."""
    directory = tmp_path / "mapp.yaml"
    directory.mkdir()
    binary = tmp_path / "binär.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00\x01")
    invalid = tmp_path / "ogiltig.yaml"
    invalid.write_text("goalchain: 1\nname: x\nelements: [{id: a, level: nope}\n", encoding="utf-8")
    return {
        "missing": tmp_path / "saknas.yaml",
        "directory": directory,
        "binary": binary,
        "invalid": invalid,
    }


# each sub-command with {file} where the bad file goes; all have --lang
COMMANDS = {
    "validate": ["validate", "{file}"],
    "show": ["show", "{file}"],
    "progression": ["progression", "{file}"],
    "rollup": ["rollup", "{file}", "--period", "2024"],
    "smart": ["smart", "{file}"],
    "report": ["report", "{file}", "--period", "2024"],
    "import (chain)": ["import", "{file}", str(BURLOV), "-o", "{tmp}/ut.yaml"],
    "import (data)": ["import", str(BURLOV), "{file}", "-o", "{tmp}/ut.yaml"],
    "template": ["template", "{file}", "-o", "{tmp}/mall.csv"],
    "kolada fetch": [
        "kolada",
        "fetch",
        "{file}",
        "--years",
        "2023",
        "--offline",
        "--cache",
        "{tmp}",
    ],
}

# what Swedish says about a file that is not UTF-8 and one that is not YAML
SWEDISH_REASONS = {"binary": "filen är inte UTF-8-text", "invalid": "felaktig YAML"}

# what each language says about a missing file and a directory
WORDS = {
    "sv": {"missing": ("finns inte",), "directory": ("mapp",)},
    "en": {"missing": ("no such file",), "directory": ("directory",)},
}


def _argv(template: list[str], file: Path, tmp: Path, lang: str) -> list[str]:
    return [a.format(file=file, tmp=tmp) for a in template] + ["--lang", lang]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("kind", ["missing", "directory", "binary", "invalid"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_bad_file_is_one_line_naming_it_and_exit_2(
    command: str, kind: str, lang: str, bad_files: dict[str, Path], tmp_path: Path
) -> None:
    file = bad_files[kind]
    code, out, err = run(*_argv(COMMANDS[command], file, tmp_path, lang))
    assert code == 2, (code, out, err)
    assert "Traceback" not in err and "Traceback" not in out
    assert err.startswith("goalchain: ") and err.endswith("\n")
    assert err.count("\n") == 1, err
    assert file.name in err
    for word in WORDS[lang].get(kind, ()):
        assert word in err, err
    if lang == "sv" and kind in ("binary", "invalid"):
        # the library's reason is worded from the catalog too (issue 15)
        said = "rad 1" if command == "import (data)" else SWEDISH_REASONS[kind]
        assert said in err, err
    assert not (tmp_path / "ut.yaml").exists()


def test_a_real_process_prints_one_line_and_exits_2(bad_files: dict[str, Path]) -> None:
    for kind in ("binary", "directory"):
        done = subprocess.run(
            [sys.executable, "-m", "goalchain", "show", str(bad_files[kind]), "--lang", "en"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
        assert done.returncode == 2, done
        assert done.stdout == "" and "Traceback" not in done.stderr
        assert done.stderr.count("\n") == 1 and bad_files[kind].name in done.stderr


# ------------------------------------------------------------------ internal errors


def _boom(*args: object, **kwargs: object) -> str:
    raise ZeroDivisionError("division by zero")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_an_internal_error_says_so_and_where_to_report_it(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(cli.DEBUG_VARIABLE, raising=False)
    monkeypatch.setattr(gc.report, "render_tree", _boom)
    code, _, err = run("show", str(BURLOV), "--lang", lang)
    assert code == 70
    assert err.count("\n") == 1 and "Traceback" not in err
    assert ("internal error" if lang == "en" else "internt fel") in err
    assert "ZeroDivisionError" in err and cli.report_url() in err
    assert "--debug" in err and cli.DEBUG_VARIABLE in err


def test_debug_prints_the_traceback_of_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gc.report, "render_tree", _boom)
    monkeypatch.delenv(cli.DEBUG_VARIABLE, raising=False)
    code, _, err = run("--debug", "show", str(BURLOV))
    assert code == 70 and err.startswith("Traceback") and "_boom" in err
    monkeypatch.setenv(cli.DEBUG_VARIABLE, "1")
    code, _, err = run("show", str(BURLOV))
    assert code == 70 and err.startswith("Traceback")
    monkeypatch.setenv(cli.DEBUG_VARIABLE, "0")
    code, _, err = run("show", str(BURLOV))
    assert code == 70 and "Traceback" not in err


def test_a_user_error_never_shows_a_traceback_even_with_debug(tmp_path: Path) -> None:
    code, _, err = run("--debug", "show", str(tmp_path / "saknas.yaml"))
    assert code == 2 and "Traceback" not in err and err.count("\n") == 1


def test_report_url_reads_the_project_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    class Meta:
        def get_all(self, name: str) -> list[str]:
            return ["Homepage, https://example.org/home", "Issues, https://example.org/issues"]

    monkeypatch.setattr(metadata, "metadata", lambda name: Meta())
    assert cli.report_url() == "https://example.org/issues"

    def missing(name: str) -> None:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "metadata", missing)
    assert cli.report_url().startswith("https://")


# ------------------------------------------------------------------ operating-system errors


@pytest.mark.parametrize(
    ("number", "sv", "en"),
    [
        (errno.EACCES, "åtkomst nekad", "permission denied"),
        (errno.ENOSPC, "inget utrymme", "no space left"),
        (errno.EROFS, "skrivskyddat", "read-only"),
        (errno.EIO, "Input/output error", "Input/output error"),
    ],
)
def test_an_os_error_names_the_file_in_the_language(
    number: int, sv: str, en: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "rapport.html"

    def refuse(path: object, text: object) -> None:
        raise OSError(number, os.strerror(number), str(target))

    monkeypatch.setattr("goalchain.io._files.atomic_write", refuse)
    for lang, word in (("sv", sv), ("en", en)):
        code, _, err = run(
            "report", str(BURLOV), "--period", "2024", "-o", str(target), "--lang", lang
        )
        assert code == 2 and err.count("\n") == 1
        assert err.startswith(f"goalchain: {target}: ") and word in err, err


def test_a_decoding_error_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def undecodable(path: object, *args: object, **kwargs: object) -> None:
        raise UnicodeDecodeError("utf-8", b"ab\xff", 2, 3, "invalid start byte")

    monkeypatch.setattr("goalchain.io.load", undecodable)
    code, _, err = run("show", str(BURLOV), "--lang", "en")
    assert code == 2 and err.count("\n") == 1
    assert str(BURLOV) in err and "not UTF-8" in err and "ff" in err


def test_an_encoding_error_names_the_output(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "rapport.md"

    def unencodable(path: object, text: str) -> None:
        "\ud800".encode()

    monkeypatch.setattr("goalchain.io._files.atomic_write", unencodable)
    code, _, err = run("report", str(BURLOV), "--period", "2024", "-o", str(target))
    assert code == 2 and err.count("\n") == 1
    assert str(target) in err and "U+D800" in err and "UTF-8" in err


# ------------------------------------------------------------------ terminal output


ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m\r"


def _escaping_chain(tmp_path: Path) -> Path:
    chain = gc.GoalChain(name="Kommun" + ESCAPES, model="classic")
    chain.add_goal("vision", "Vision" + ESCAPES, level="vision", owner="KF\nfalsk rad")
    chain.add_goal("kf1", "Mål \u202eevil", level="council", parents=["vision"], owner="KF")
    path = tmp_path / "kedja.json"
    gc.io.dump(chain, path)
    return path


def _controls(text: str) -> list[str]:
    return [
        ch
        for ch in text
        if (ch < " " and ch != "\n") or "\x7f" <= ch <= "\x9f" or "\u202a" <= ch <= "\u202e"
    ]


@pytest.mark.parametrize(
    "argv",
    [
        ["show"],
        ["validate"],
        ["rollup", "--period", "2024", "--all"],
        ["smart", "--all"],
        ["smart", "--format", "md"],
        ["report", "--period", "2024", "--format", "md"],
        ["report", "--period", "2024", "--format", "html"],
    ],
)
def test_no_command_writes_a_control_character_from_the_chain(
    argv: list[str], tmp_path: Path
) -> None:
    path = _escaping_chain(tmp_path)
    code, out, err = run(argv[0], str(path), *argv[1:])
    assert code in (0, 1), err
    assert _controls(out) == [] and _controls(err) == []


def test_show_keeps_one_line_per_element(tmp_path: Path) -> None:
    code, out, _ = run("show", str(_escaping_chain(tmp_path)), "--no-data")
    assert code == 0
    assert len(out.splitlines()) == 3 and "KF␤falsk rad" in out and "␛[2J" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "--format", "json"],
        ["rollup", "--period", "2024", "--format", "json"],
        ["smart", "--format", "json", "--all"],
    ],
)
def test_json_output_is_the_same_json_without_control_characters(
    argv: list[str], tmp_path: Path
) -> None:
    path = _escaping_chain(tmp_path)
    code, out, _ = run(argv[0], str(path), *argv[1:])
    assert code in (0, 1)
    assert _controls(out) == []
    data = json.loads(out)  # still JSON
    assert data["file"] == str(path)


def test_json_output_keeps_the_chains_texts(tmp_path: Path) -> None:
    path = _escaping_chain(tmp_path)
    _, out, _ = run("smart", str(path), "--format", "json", "--all")
    owners = {f["owner"] for f in json.loads(out)["findings"]}
    assert "KF\nfalsk rad" in owners


def test_an_error_message_shows_the_controls_of_what_it_quotes(tmp_path: Path) -> None:
    code, _, err = run("show", str(tmp_path / "x\x1b[2J\x9b.yaml"))
    assert code == 2 and _controls(err) == [] and "x␛[2J\\x9b.yaml" in err


def test_import_warnings_show_the_controls_of_the_cells(tmp_path: Path) -> None:
    chain = gc.GoalChain(name="Exempel")
    chain.add_indicator("i1", "Andel", unit="percent")
    path = tmp_path / "kedja.yaml"
    gc.io.dump(chain, path)
    data = tmp_path / "data\x1b[2J.csv"  # the warnings name the file
    data.write_text("indikator;år;värde\ni1;2024;150\n", encoding="utf-8")
    code, out, err = run("import", str(path), str(data), "-o", str(tmp_path / "ut.yaml"))
    assert code == 0, err
    assert "150" in err and "data␛[2J.csv" in err
    assert _controls(err) == [] and _controls(out) == []
