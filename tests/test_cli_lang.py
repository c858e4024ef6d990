"""The command line speaks --lang everywhere, from the message catalogs (issue 15)."""

from __future__ import annotations

import argparse
import errno
import io
from pathlib import Path

import pytest

import goalchain as gc
from _catalogs import catalog_of
from goalchain import _cli_import, _cli_kolada, cli
from goalchain._cli_import import CommandError
from goalchain.cli import main

ROOT = Path(__file__).resolve().parent.parent
BURLOV = str(ROOT / "examples" / "burlov.yaml")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_an_option_error_has_one_goalchain_prefix() -> None:
    code, _, err = run("validate")
    assert code == 2
    assert err.startswith("goalchain: validate: ") and err.count("goalchain") == 1
    assert err.endswith("(se --help)\n")
    code, _, err = run("validate", "--lang", "en")
    assert err.startswith("goalchain: validate: ") and err.endswith("(see --help)\n")


def test_the_command_line_has_one_user_error_class() -> None:
    assert issubclass(CommandError, gc.InvalidValueError)
    assert not hasattr(cli, "_UserError")
    with pytest.raises(CommandError, match="finns inte"):
        cli._load(Path("/no/such/file.yaml"), "sv")
    args = argparse.Namespace(kolada_command=None, lang="en")
    with pytest.raises(CommandError, match="give a sub-command"):
        _cli_kolada.run(args, io.StringIO(), io.StringIO())


def test_a_command_error_keeps_its_template() -> None:
    error = CommandError(_cli_import.NO_SUCH_FILE, params={"path": "k.yaml"}, lang="sv")
    assert str(error) == "filen finns inte: k.yaml"
    assert error.render("en") == "no such file: k.yaml"
    assert error.render("sv") == str(error)
    assert CommandError("plain").render("sv") == "plain"


def test_library_errors_are_rendered_in_the_commands_language() -> None:
    argv = ("rollup", BURLOV, "--period", "2024", "--strategy", "nope")
    code, _, err = run(*argv)
    assert code == 2
    assert err.startswith("goalchain: sammanvägningsstrategin 'nope' finns inte; registrerade: ")
    code, _, err = run(*argv, "--lang", "en")
    assert err.startswith("goalchain: unknown roll-up strategy 'nope'; registered: ")


def test_validate_counts_agree_in_number(tmp_path: Path) -> None:
    chain = gc.GoalChain(name="T")
    chain.add_goal("v", "Vision", level="vision")
    path = tmp_path / "one.yaml"
    gc.dump(chain, path)
    code, out, _ = run("validate", str(path), "--lang", "en")
    assert code == 0 and out.endswith(": valid (1 element)\n")  # was "(1 elements)"
    _, out, _ = run("validate", str(path))
    assert out.endswith(": giltig (1 element)\n")


def test_template_says_one_indicator(tmp_path: Path) -> None:
    chain = gc.GoalChain(name="T")
    chain.add_goal("v", "Vision", level="vision")
    chain.add_goal("k", "KF-mål", level="council", parents="v")
    chain.add_indicator("i", "Andel", level="indicator", parents="k", unit="percent")
    path = tmp_path / "c.yaml"
    gc.dump(chain, path)
    code, out, _ = run("template", str(path), "-o", str(tmp_path / "t.csv"), "--lang", "en")
    assert code == 0 and out.endswith(": written (1 indicator)\n")  # was "(1 indicators)"
    code, out, _ = run("template", str(path), "-o", str(tmp_path / "t.csv"))
    assert out.endswith(": skriven (1 indikator)\n")


def test_operating_system_errors_in_the_language() -> None:
    error = PermissionError(errno.EACCES, "Permission denied", "/srv/k.yaml")
    assert cli._os_message(error, "sv") == "/srv/k.yaml: åtkomst nekad"
    assert cli._os_message(error, "en") == "/srv/k.yaml: permission denied"
    odd = OSError(errno.EBUSY, "Device or resource busy", "/srv/k.yaml")
    assert cli._os_message(odd, "sv") == "/srv/k.yaml: Device or resource busy"


def test_an_unknown_language_on_the_command_line_is_refused() -> None:
    code, _, err = run("validate", BURLOV, "--lang", "de")
    assert code == 2 and "invalid choice: 'de'" in err


def test_a_third_language_is_spoken_by_the_command_line(tmp_path: Path) -> None:
    with catalog_of(tmp_path, {"no such file: {path}": "tiedostoa ei ole: {path}"}):
        code, _, err = run("show", str(tmp_path / "nope.yaml"), "--lang", "fi")
        assert code == 2 and err == f"goalchain: tiedostoa ei ole: {tmp_path / 'nope.yaml'}\n"
        # what the catalog lacks is English, the code's language
        code, _, err = run("validate", "--lang", "fi")
        assert err.endswith("(see --help)\n")
