"""The ``goalchain`` command line."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import goalchain as gc
from goalchain.cli import bundled_chain, main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _write(tmp_path: Path, text: str, name: str = "chain.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


VALID = """\
goalchain: 1
name: Testkommun
elements:
  - {id: v, level: vision, title: En god kommun}
  - {id: k1, level: council, title: Trygg uppväxt, parents: [v], owner: KF}
"""


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out.strip() == f"goalchain {gc.__version__}"


def test_help_lists_the_commands() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for command in ("validate", "show", "demo"):
        assert command in out


def test_no_command_prints_help_and_exits_2() -> None:
    code, out, _ = run()
    assert code == 2
    assert "usage: goalchain" in out


def test_validate_valid_file(tmp_path: Path) -> None:
    code, out, err = run("validate", str(_write(tmp_path, VALID)))
    assert (code, err) == (0, "")
    assert "giltig (2 element)" in out


def test_validate_lists_findings_per_element_and_exits_1(tmp_path: Path) -> None:
    text = VALID + "  - {id: n1, level: committee, title: Ensamt mål, owner: BUN}\n"
    code, out, _ = run("validate", str(_write(tmp_path, text)), "--lang", "en")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "n1"
    assert lines[1].startswith("  error: ") and "[orphan]" in lines[1]
    assert "1 error, 0 warnings" in lines[-1]


def test_validate_json(tmp_path: Path) -> None:
    text = VALID + "  - {id: n1, level: committee, title: Ensamt mål}\n"
    code, out, _ = run("validate", str(_write(tmp_path, text)), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["valid"] is False
    assert [(f["element"], f["code"]) for f in report["findings"]] == [("n1", "orphan")]


def test_validate_strict_fails_on_warnings(tmp_path: Path) -> None:
    text = VALID + (
        "  - {id: i1, kind: indicator, title: Andel, parents: [k1], unit: percent,"
        " direction: increase, baseline: [2022, 80], target: [2026, 70]}\n"
    )
    path = _write(tmp_path, text)
    assert run("validate", str(path))[0] == 0
    code, out, _ = run("validate", str(path), "--strict")
    assert code == 1
    assert "target_against_direction" in out


def test_validate_unreadable_file_is_a_user_error_on_stderr(tmp_path: Path) -> None:
    """Exit 2 with the reason on stderr, as --help says (issue 16: it was 1, on stdout)."""
    text = VALID + "  - {id: k2, level: council, title: Dubblett, parents: [nope]}\n"
    for fmt in ("text", "json"):
        code, out, err = run("validate", str(_write(tmp_path, text)), "--format", fmt)
        assert (code, out) == (2, "")
        assert err.startswith("goalchain: ") and "chain.yaml:" in err and "'nope'" in err
        assert "inget element med id 'nope'" in err and len(err.strip().splitlines()) == 1
    code, out, err = run("validate", str(_write(tmp_path, "goalchain: 1\nelements: [\n")))
    assert (code, out) == (2, "") and "chain.yaml:" in err


def test_validate_help_says_what_the_exit_codes_are() -> None:
    code, out, _ = run("validate", "--help")
    help_text = " ".join(out.split())
    assert code == 0
    assert "1 when it has errors" in help_text and "2 on a user error" in help_text
    assert "cannot be read as a chain" in help_text


def test_missing_file_is_a_user_error(tmp_path: Path) -> None:
    for command in ("validate", "show"):
        code, out, err = run(command, str(tmp_path / "nope.yaml"), "--lang", "en")
        assert code == 2 and out == ""
        assert err.startswith("goalchain: no such file")
        assert len(err.strip().splitlines()) == 1
        code, out, err = run(command, str(tmp_path / "nope.yaml"))  # Swedish by default
        assert code == 2 and err.startswith("goalchain: filen finns inte")


def test_show_on_broken_file_is_one_line_exit_2(tmp_path: Path) -> None:
    code, _, err = run("show", str(_write(tmp_path, "goalchain: 1\nelements: [\n")))
    assert code == 2
    assert err.startswith("goalchain: ") and "chain.yaml:" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_bad_option_is_a_user_error() -> None:
    code, _, err = run("show", "--lang", "de", "x.yaml")
    assert code == 2
    assert "invalid choice" in err and len(err.strip().splitlines()) == 1


def test_show_prints_the_tree(tmp_path: Path) -> None:
    code, out, _ = run("show", str(_write(tmp_path, VALID)), "--lang", "en")
    assert code == 0
    assert out.splitlines()[1:] == [
        "└── [Vision] v: En god kommun",
        "    └── [Council goal] k1: Trygg uppväxt — KF",
    ]


def test_demo_shows_the_bundled_chain() -> None:
    code, out, _ = run("demo")
    chain = bundled_chain()
    assert code == 0
    assert chain.name in out.splitlines()[0]
    for goal in chain.goals():
        assert f"{goal.id}: {goal.title}" in out
    assert f"{len(chain.measurements())} mätvärden" in out


def test_demo_in_english() -> None:
    code, out, _ = run("demo", "--lang", "en")
    assert code == 0
    assert "example:" in out.splitlines()[0]
    assert "Check of the chain" in out


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_validates_and_shows(path: Path) -> None:
    code, out, _ = run("validate", str(path))
    assert code == 0, out
    code, out, _ = run("show", str(path))
    assert code == 0
    chain = gc.load(path)
    for element in chain.elements():
        assert f"{element.id}: {element.title}" in out


def test_console_script_runs_as_a_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "goalchain", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"goalchain {gc.__version__}"


def test_progression_table_from_options() -> None:
    code, out, _ = run(
        "progression", "--baseline", "2022=78%", "--target", "2026=90%", "--decimals", "1"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["År", "Mål", "(%)", "Förändring"]
    assert lines[2].split() == ["2022", "78,0"]
    assert [line.split() for line in lines[3:]] == [
        ["2023", "81,0", "+3,0"],
        ["2024", "84,0", "+3,0"],
        ["2025", "87,0", "+3,0"],
        ["2026", "90,0", "+3,0"],
    ]


def test_progression_steps_take_increments_or_the_values_of_years() -> None:
    base = ["progression", "--baseline", "2022=78%", "--target", "2026=90%"]
    code, out, err = run(*base, "--method", "steps", "--steps", "3", "3", "2", "4")
    assert (code, err) == (0, "")
    values = [line.split()[:2] for line in out.splitlines()[2:]]
    assert values == [[str(2022 + i), v] for i, v in enumerate(["78", "81", "84", "86", "90"])]
    # --steps alone means --method steps; the values of years, with a decimal comma
    code, out, _ = run(*base, "--steps", "2023=80,5", "2024=84", "2025=86")
    assert code == 0
    assert [line.split()[1] for line in out.splitlines()[2:]] == ["78", "80,5", "84", "86", "90"]


def test_progression_warns_in_its_language_about_steps_against_the_direction() -> None:
    base = ["progression", "--baseline", "2022=80", "--target", "2026=90"]
    steps = ["--steps", "2023=85", "2024=82", "2025=88"]
    code, out, _ = run(*base, *steps)
    assert code == 0
    assert "varning: årsmålet för 2024 (82) går emot riktningen öka från 2023 (85)" in out
    code, out, _ = run(*base, *steps, "--lang", "en")
    assert "warning: the annual target for 2024 (82) steps against the direction" in out


@pytest.mark.parametrize(
    ("extra", "swedish", "english"),
    [
        (["--method", "steps"], "--method steps behöver --steps", "--method steps needs --steps"),
        (["--method", "linear", "--steps", "3"], "--steps gäller --method", "is for --method"),
        (["--steps", "2023=80", "3"], "ge varje steg som ÅR=VÄRDE", "give every step as YEAR="),
        (["--steps", "2023=80", "2023=81"], "--steps anger 2023 två gånger", "names 2023 twice"),
        (["--steps", "3", "3"], "steps", "steps"),  # the method's own error: too few increments
    ],
)
def test_progression_steps_that_cannot_be_used_are_user_errors(
    extra: list[str], swedish: str, english: str
) -> None:
    base = ["progression", "--baseline", "2022=78%", "--target", "2026=90%"]
    code, out, err = run(*base, *extra)
    assert (code, out) == (2, "") and swedish in err and len(err.strip().splitlines()) == 1
    code, _, err = run(*base, *extra, "--lang", "en")
    assert code == 2 and english in err


def test_progression_rate_says_when_the_target_is_reached() -> None:
    code, out, _ = run(
        "progression",
        "--baseline",
        "2022=10",
        "--target",
        "2026=20",
        "--method",
        "rate",
        "--rate",
        "2",
        "--lang",
        "en",
    )
    assert code == 0
    assert out.splitlines()[-1] == "reaches the target in 2027"


@pytest.mark.parametrize(("rate", "second"), [("2", "80"), ("+2", "80"), ("2 p.e.", "80")])
def test_progression_rate_2_adds_2_a_year(rate: str, second: str) -> None:
    """issue 12: --rate 2 gave 78, 278, 478 ... (2 read as 200 %)."""
    argv = ["progression", "--baseline", "2022=78%", "--target", "2026=90%", "--method", "rate"]
    code, out, _ = run(*argv, "--rate", rate)
    assert code == 0
    rows = [line.split() for line in out.splitlines()[2:7]]
    assert rows == [
        ["2022", "78"],
        ["2023", second, "+2"],
        ["2024", "82", "+2"],
        ["2025", "84", "+2"],
        ["2026", "86", "+2"],
    ]
    assert out.splitlines()[-1] == "når målvärdet 2028"
    code, out, _ = run(*argv, "--rate", "2 %")
    assert code == 0 and out.splitlines()[3].split()[:2] == ["2023", "79,56"]


def test_progression_help_shows_each_form_of_rate(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("progression", "--help")
    assert code == 0
    text = " ".join((out + capsys.readouterr().out).split())
    for form in ("2, +2 or -1,5", "'2 %'", "'2 procentenheter'", "'2 p.e.'", "'+2 st'"):
        assert form in text
    assert "relative growth" in text and "percentage points" in text


def test_progression_bad_options_are_user_errors() -> None:
    code, _, err = run("progression", "--baseline", "2022=78", "--lang", "en")
    assert code == 2 and "--target must be YEAR=VALUE" in err
    code, _, err = run("progression", "--baseline", "2022=78")  # in --lang, Swedish by default
    assert (
        code == 2
        and err == "goalchain: --target ska vara ÅR=VÄRDE, till exempel --target 2022=78%\n"
    )
    argv = ["progression", "--baseline", "2022=78", "--target", "2026=90", "--method", "nope"]
    code, _, err = run(*argv, "--lang", "en")
    assert code == 2 and "unknown progression method 'nope'" in err and "linear" in err
    code, _, err = run(*argv)
    assert code == 2 and "progressionsmetoden 'nope' finns inte; registrerade:" in err


def test_progression_of_a_file_lists_every_indicator() -> None:
    path = ROOT / "examples" / "burlov.yaml"
    code, out, _ = run("progression", str(path))
    assert code == 0
    chain = gc.load(path)
    body = out.splitlines()[2:]
    assert [line.split()[0] for line in body] == [i.id for i in chain.indicators()]
    i1 = next(line for line in body if line.startswith("i1 "))
    # i1: 2024 annual target 84 %, actual 82,9 % -> 1,1 percentage points behind
    assert "84,0\u00a0%" in i1 and "82,9\u00a0%" in i1 and "−1,1\u00a0p.e." in i1
    code, out, _ = run("progression", str(path), "--year", "2023", "--lang", "en")
    assert all(line.split()[1] == "2023" for line in out.splitlines()[2:])


def test_rollup_table_in_tree_order_with_dialogue_beside_computed() -> None:
    path = ROOT / "examples" / "grastorp.yaml"
    code, out, _ = run("rollup", str(path), "--period", "2024")
    assert code == 0
    chain = gc.load(path)
    result = chain.rollup(2024)
    lines = out.splitlines()[2:]
    assert sorted(line.split()[0] for line in lines) == sorted(g.id for g in chain.goals())
    assert lines[0].split()[0] in chain.roots()  # tree order: a perspective first
    assert lines[1].startswith("  ")  # and its goals indented below it
    boende = next(line for line in lines if line.strip().startswith("g_boende"))
    computed = result["g_boende"].computed
    assert result["g_boende"].provenance == "dialogue"
    assert f"dialog (beräknat {computed:.2f}".replace(".", ",") in boende
    assert "delvis uppfyllt" in boende


def test_rollup_table_writes_coverage_as_a_percentage_of_the_language() -> None:
    path = ROOT / "examples" / "burlov.yaml"
    _, sv, _ = run("rollup", str(path), "--period", "2024")
    _, en, _ = run("rollup", str(path), "--period", "2024", "--lang", "en")
    assert "100\u00a0%" in sv and "100 %" not in sv
    assert "100%" in en and "100\u00a0%" not in en


def test_rollup_json_and_strategy() -> None:
    path = ROOT / "examples" / "burlov.yaml"
    code, out, _ = run(
        "rollup", str(path), "--period", "2024", "--strategy", "worst_case", "--format", "json"
    )
    assert code == 0
    report = json.loads(out)
    expected = gc.load(path).rollup(2024, strategy="worst_case")
    assert report["strategy"] == "worst_case"
    for node_id, node in report["elements"].items():
        assert node["score"] == expected[node_id].score
        assert node["status"] == expected[node_id].status


def test_rollup_unknown_strategy_is_a_user_error() -> None:
    path = ROOT / "examples" / "burlov.yaml"
    code, _, err = run("rollup", str(path), "--period", "2024", "--strategy", "nope")
    assert code == 2
    assert "nope" in err and "weighted" in err and len(err.strip().splitlines()) == 1


def test_demo_shows_the_rollup() -> None:
    code, out, _ = run("demo")
    assert code == 0
    assert "Måluppfyllelse 2024" in out


ENGLISH_KEYS = ("weighted", "worst_case", "dialogue", "report_back", "progress", "target_met")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w-]+", text))


@pytest.mark.parametrize("example", ["grastorp.yaml", "burlov.yaml", "lerum.yaml"])
def test_swedish_rollup_table_names_strategies_and_scorers_in_swedish(example: str) -> None:
    path = ROOT / "examples" / example
    code, out, _ = run("rollup", str(path), "--period", "2024", "--all")
    assert code == 0
    assert not _words(out) & set(ENGLISH_KEYS), out
    code, out, _ = run("rollup", str(path), "--period", "2024", "--all", "--lang", "en")
    assert "delår" not in out and "beräkn" not in out and "viktad" not in out


def test_rollup_table_labels_each_strategy_and_scorer() -> None:
    path = ROOT / "examples" / "grastorp.yaml"
    _, sv, _ = run("rollup", str(path), "--period", "2024", "--all")
    _, en, _ = run("rollup", str(path), "--period", "2024", "--all", "--lang", "en")
    boende = next(line for line in sv.splitlines() if line.strip().startswith("g_boende"))
    assert "  dialog  " in boende
    perspective = next(line for line in sv.splitlines() if line.startswith("p_samhalle"))
    assert "  viktad  " in perspective
    assert "framsteg mot årsmålet" in sv and "aktivitetens status" in sv
    assert "progress towards the annual target" in en and "activity status" in en
    assert "  weighted  " in en and "  dialogue  " in en


def test_rollup_json_keeps_the_keys() -> None:
    path = ROOT / "examples" / "grastorp.yaml"
    _, out, _ = run("rollup", str(path), "--period", "2024", "--format", "json")
    report = json.loads(out)
    strategies = {node["strategy"] for node in report["elements"].values()}
    assert {"weighted", "dialogue", "progress", "activity"} <= strategies
    assert report["strategy"] == "weighted" and report["scorer"] == "progress"


def test_show_names_assessment_methods_and_periods_in_the_language() -> None:
    path = ROOT / "examples" / "lerum.yaml"
    code, sv, _ = run("show", str(path))
    assert code == 0
    assert "(uppfyllt helår 2013 (återrapportering))" in sv
    assert "delvis uppfyllt delår 2013 (återrapportering)" in sv and "2013-delår" not in sv
    assert not _words(sv) & set(ENGLISH_KEYS), sv
    code, en, _ = run("show", str(path), "--lang", "en")
    assert code == 0
    assert "(achieved full year 2013 (report-back))" in en
    assert "partly achieved interim 2013 (report-back)" in en
    assert "report_back" not in en
    assert "delår" not in en


def test_demo_caption_says_what_the_rollup_is_computed_from() -> None:
    for lang, dialogue in (("sv", "strategin dialog"), ("en", "the dialogue strategy")):
        _, out, _ = run("demo", "--lang", lang)
        caption = next(line for line in out.splitlines() if line.startswith(("Mål", "Goal")))
        assert dialogue in caption
        assert "dialogens bedömning där en finns" not in out
        assert "judgement where recorded" not in out
    _, out, _ = run("demo")
    # Burlöv's assessments (method analysis) are shown in the tree, not used by "viktad"
    assert "(analys)" in out
    table = out.split("Måluppfyllelse 2024")[1].split("\n\n")[0]
    assert "viktad" in table and "weighted" not in table and "dialog " not in table


def test_the_rollup_shown_in_the_cli_docs_is_the_commands_output() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    command = "$ goalchain rollup examples/grastorp.yaml --period 2024\n"
    shown = text.split(command, 1)[1].split("```", 1)[0]
    _, out, _ = run("rollup", str(ROOT / "examples" / "grastorp.yaml"), "--period", "2024")
    assert shown == out


def test_output_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    chain = gc.GoalChain(name="Stor")
    chain.add_goal("kf", "Fler elever ska klara skolan", level="council")
    for k in range(400):
        chain.add_goal(f"n{k}", f"Nämndmål nummer {k} ska öka", level="committee", parents=["kf"])
    path = tmp_path / "stor.yaml"
    gc.io.dump(chain, path)
    command = [sys.executable, "-c", "from goalchain.cli import run; run()"]
    with subprocess.Popen(
        [*command, "smart", str(path), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        assert child.stdout.read(10)  # the reader takes a little and goes away, like `head`
        child.stdout.close()
        errors = child.stderr.read()
        code = child.wait(timeout=60)
    assert errors == b""
    assert code == 141


def test_report_format_follows_the_file_name_and_refuses_a_misleading_one(tmp_path: Path) -> None:
    chain = str(ROOT / "examples" / "burlov.yaml")
    for name, start in (("r.md", "# "), ("r.html", "<!DOCTYPE html>"), ("R.HTM", "<!DOCTYPE")):
        assert main(["report", chain, "--period", "2024", "-o", str(tmp_path / name)]) == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)
    for args, message in (
        (["-o", str(tmp_path / "r.pdf")], "cannot write a report as '.pdf'"),
        (["-o", str(tmp_path / "r.md"), "--format", "html"], "--format html does not fit"),
    ):
        err = io.StringIO()
        assert main(["report", chain, "--period", "2024", *args, "--lang", "en"], err=err) == 2
        assert message in err.getvalue()
    err = io.StringIO()
    assert main(["report", chain, "--period", "2024", "-o", str(tmp_path / "r.pdf")], err=err) == 2
    assert "kan inte skriva en rapport som '.pdf'" in err.getvalue()
    assert not (tmp_path / "r.pdf").exists()


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_report_refuses_html_on_a_terminal_without_o(tmp_path: Path) -> None:
    chain = str(ROOT / "examples" / "burlov.yaml")
    out, err = _Tty(), io.StringIO()
    assert main(["report", chain, "--period", "2024"], out=out, err=err) == 2
    assert out.getvalue() == "" and "-o rapport.html" not in err.getvalue()
    assert "ge -o report.html" in err.getvalue() and len(err.getvalue().splitlines()) == 1
    out = _Tty()  # -o - prints it anyway; Markdown is text, printed
    assert main(["report", chain, "--period", "2024", "-o", "-"], out=out) == 0
    assert out.getvalue().startswith("<!DOCTYPE html>")
    out = _Tty()
    assert main(["report", chain, "--period", "2024", "--format", "md"], out=out) == 0
    assert out.getvalue().startswith("# ")
    out = io.StringIO()  # not a terminal (a pipe, a file): printed as before
    assert main(["report", chain, "--period", "2024"], out=out) == 0
    assert out.getvalue().startswith("<!DOCTYPE html>")
    assert not list(tmp_path.iterdir())


# ----------------------------------------------------------------- issue 12: one follow-up


def test_progression_limits_a_forecast_as_the_report_does() -> None:
    """A forecast of 123,5 % in the CLI beside 100,0 %* in the report (issue 12)."""
    path = ROOT / "examples" / "grastorp.yaml"
    code, out, _ = run("progression", str(path), "--year", "2024")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("vm_nojd_hemtjanst "))
    assert "100,0\u00a0% (2026)*" in row and "123,5" not in out
    assert "* begränsad till vad enheten medger" in out


def test_progression_rows_add_up_and_read_the_follow_up() -> None:
    path = ROOT / "examples" / "grastorp.yaml"
    chain = gc.load(path)
    code, out, _ = run("progression", str(path), "--year", "2024")
    assert code == 0
    follow = chain.follow_up(2024)
    row = next(line for line in out.splitlines() if line.startswith("vm_bostader "))
    shown = follow["vm_bostader"]
    assert (shown.expected_shown, shown.actual_shown, shown.gap_shown) == (20.0, 9.0, -11.0)
    assert "20\u00a0st" in row and "9\u00a0st" in row and "\u221211\u00a0st" in row
    assert shown.label("sv") in row


def test_progression_assessment_option() -> None:
    path = ROOT / "examples" / "grastorp.yaml"
    code, out, _ = run("progression", str(path), "--assessment", "cagr_ratio", "--lang", "en")
    assert code == 0 and "Category" in out
    code, _, err = run("progression", str(path), "--assessment", "nope")
    assert code != 0 and "annual_target, cagr_ratio, trend" in err


def test_progression_target_written_as_a_comparison() -> None:
    code, out, _ = run("progression", "--baseline", "2022=78%", "--target", "2026=minst 90%")
    assert code == 0 and "90" in out.splitlines()[-1]
    code, _, err = run("progression", "--baseline", "2022=78%", "--target", "2026=öka")
    assert code != 0 and "är en förändring mot föregående år" in err
    argv = ["progression", "--baseline", "2022=78%", "--target", "2026=öka", "--lang", "en"]
    code, _, err = run(*argv)
    assert code != 0 and "change" in err


def test_progression_lists_an_indicator_judged_by_its_trend(tmp_path: Path) -> None:
    chain = gc.GoalChain(name="Trend")
    chain.add_goal("g", "Mål", level="council")
    chain.add_indicator("t", "Andel", parents=["g"], unit="percent", direction="increase")
    for year, value in ((2020, 50.0), (2021, 52.0), (2022, 56.0)):
        chain.record("t", year, value)
    path = tmp_path / "trend.yaml"
    gc.dump(chain, path)
    code, out, _ = run("progression", str(path), "--lang", "en")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("t "))
    assert chain.follow_up(2022)["t"].method == "trend"
    assert chain.follow_up(2022)["t"].label("en") in row


def test_validate_counts_agree_in_number() -> None:
    """'1 varning', '2 varningar', '1 fel' (issue 13, item 4), not 'varning(ar)'."""
    path = ROOT / "examples" / "nynashamn.yaml"
    code, out, _ = run("validate", str(path))
    assert code == 0 and out.rstrip().endswith("giltig med 1 varning")
    code, out, _ = run("validate", str(path), "--lang", "en")
    assert out.rstrip().endswith("valid with 1 warning")
    assert "(ar)" not in out and "(s)" not in out
