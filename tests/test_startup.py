"""``import goalchain`` and ``goalchain --version`` import nothing heavy (issue 16).

The times are measured in ``benchmarks/startup.py``; here the cause is checked,
which does not depend on the machine's speed: which modules a fresh process has
imported after each step.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys

import pytest

import goalchain as gc

HEAVY = ("pint", "networkx", "numpy", "pandas", "matplotlib", "babel", "ruamel", "openpyxl")


def _imported_after(code: str) -> set[str]:
    """The top-level packages a fresh interpreter has imported after running *code*."""
    report = "import json, sys\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    probe = f"{code}\n{report}"
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


@pytest.mark.parametrize(
    "code",
    [
        "import goalchain",
        "import goalchain as gc; gc.__version__; gc.GoalchainError; gc.exceptions",
        "import sys; sys.argv = ['goalchain', '--version']\n"
        "from goalchain.cli import run\ntry:\n    run()\nexcept SystemExit:\n    pass",
        "import sys; sys.argv = ['goalchain', '--help']\n"
        "from goalchain.cli import run\ntry:\n    run()\nexcept SystemExit:\n    pass",
    ],
)
def test_starting_imports_nothing_heavy(code: str) -> None:
    assert not _imported_after(code) & set(HEAVY)


def test_the_first_use_of_a_name_imports_its_module() -> None:
    assert {"pint", "networkx"} <= _imported_after("import goalchain as gc; gc.GoalChain")


_SAME_EITHER_WAY = """
import goalchain as gc
chain = gc.GoalChain(name="K", rollup={"strategy": "worst_case", "scorer": "target_met"})
chain.add_goal("v", "Vision", level="vision")
chain.add_goal("k", "Mål", level="council", parents="v")
chain.add_indicator("i", "Andel", parents="k", unit="%", baseline=(2020, 50), target=(2024, 70))
chain.record("i", 2022, 61)
print(chain.rollup_settings.strategy, chain.rollup_settings.scorer)
print(chain["i"].expected(2022), chain.rollup(2022)["v"].status)
"""


def test_a_lazily_imported_goalchain_answers_as_a_fully_imported_one() -> None:
    """The models find the registries of the engines through the ground floor; in a
    fresh process nothing has imported the engines yet, and the answers are the same."""
    fresh = subprocess.run(
        [sys.executable, "-c", _SAME_EITHER_WAY], check=True, capture_output=True, text=True
    ).stdout
    here = io.StringIO()
    with contextlib.redirect_stdout(here):
        exec(_SAME_EITHER_WAY, {})  # our own code, in this fully imported process
    assert fresh == here.getvalue()
    assert fresh.split()[:2] == ["worst_case", "target_met"]


def test_every_public_name_resolves() -> None:
    for name in gc.__all__:
        assert getattr(gc, name) is not None, name
    assert gc.GoalChain is gc.models.GoalChain
    assert gc.load is gc.io.load
    assert set(gc.__all__) <= set(dir(gc))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'GoalChian'"):
        gc.GoalChian  # noqa: B018
    assert not hasattr(gc, "nothing_here")
