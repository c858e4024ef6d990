"""``goalchain smart``: exit codes and formats on every example, in Swedish and English."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from goalchain.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
# Which examples have a finding that fails in strict mode (see test_smart_examples).
STRICT_FAILS = {
    "burlov": False,
    "grastorp": False,
    "lerum": True,
    "nynashamn": True,
    "trelleborg": False,
}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_formats_and_exit_codes(path: Path, lang: str) -> None:
    code, table, err = run("smart", str(path), "--lang", lang)
    assert (code, err) == (0, "")
    assert table.startswith("SMART-kontroll" if lang == "sv" else "SMART check")
    code, text, _ = run("smart", str(path), "--lang", lang, "--format", "json")
    data = json.loads(text)
    assert code == 0 and data["file"] == str(path) and data["lang"] == lang
    code, md, _ = run("smart", str(path), "--lang", lang, "--format", "md", "--all")
    assert code == 0 and md.startswith("# ")
    code, _, _ = run("smart", str(path), "--lang", lang, "--strict")
    assert code == (1 if STRICT_FAILS[path.stem] else 0)


def test_strict_json_says_failed() -> None:
    code, text, _ = run("smart", str(ROOT / "examples/lerum.yaml"), "--strict", "--format", "json")
    data = json.loads(text)
    assert code == 1 and data["failed"] is True and data["strict"] is True
    assert any(f["verdict"] == "fail" for f in data["findings"])


def test_all_lists_passes() -> None:
    path = str(ROOT / "examples/burlov.yaml")
    _, short, _ = run("smart", path)
    _, full, _ = run("smart", path, "--all")
    assert "inga iakttagelser" in short
    assert "godkänt" in full.split("Sammanfattning")[0]


def test_user_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    code, out, err = run("smart", str(tmp_path / "missing.yaml"))
    assert code == 2 and out == "" and err.count("\n") == 1 and "filen finns inte" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("goalchain: 1\nelements: [{id: a}]\n", encoding="utf-8")
    code, _, err = run("smart", str(bad))
    assert code == 2 and err.count("\n") == 1
    code, _, err = run("smart", str(ROOT / "examples/burlov.yaml"), "--format", "html")
    assert code == 2 and "invalid choice" in err
    code, _, err = run("smart", str(ROOT / "examples/burlov.yaml"), "--lang", "de")
    assert code == 2
