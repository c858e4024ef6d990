"""The example notebook ``examples/uppfoljning.ipynb`` runs top to bottom.

The notebook is executed in a fresh kernel with nbclient, in the folder of the
notebook, as an analyst would run it. The kernel is the interpreter running
the tests (``sys.executable -m ipykernel_launcher``), described by a kernel
spec written to a temporary folder: no installed ``python3`` kernel spec (or
a ``python`` on PATH) is needed, so the test runs the same in a fresh venv.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("pandas")
pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NOTEBOOK = EXAMPLES / "uppfoljning.ipynb"
KERNEL = "goalchain-test"


def kernel_manager(folder: Path) -> Any:
    """A kernel manager for this interpreter's ipykernel, from a spec written to *folder*."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    spec = folder / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "goalchain tests",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    specs = KernelSpecManager(kernel_dirs=[str(folder)], ensure_native_kernel=False)
    return KernelManager(kernel_name=KERNEL, kernel_spec_manager=specs)


def text_of(cell: Any) -> str:
    """Everything a code cell showed: printed text and the plain and HTML displays."""
    parts: list[str] = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output.get("text", ""))
        data = output.get("data", {})
        for kind in ("text/plain", "text/html", "text/markdown"):
            if kind in data:
                value = data[kind]
                parts.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The notebook after a run, its code cells by id."""
    home = tmp_path_factory.mktemp("jupyter")
    with pytest.MonkeyPatch.context() as mp:
        # the kernel's connection file, IPython profile and matplotlib cache stay in tmp
        mp.setenv("JUPYTER_RUNTIME_DIR", str(home / "runtime"))
        mp.setenv("IPYTHONDIR", str(home / "ipython"))
        mp.setenv("MPLCONFIGDIR", str(home / "matplotlib"))
        mp.setenv("JUPYTER_PLATFORM_DIRS", "1")
        notebook = nbformat.read(NOTEBOOK, as_version=4)
        client = nbclient.NotebookClient(
            notebook,
            km=kernel_manager(home / "kernels"),
            timeout=120,
            resources={"metadata": {"path": str(EXAMPLES)}},  # the kernel's cwd
        )
        client.execute()
    return {cell["id"]: cell for cell in notebook.cells if cell["cell_type"] == "code"}


def test_the_notebook_is_stored_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c["cell_type"] == "code"]
    assert code
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert notebook.metadata["kernelspec"]["name"] == "python3"


def test_no_cell_fails(executed: dict[str, Any]) -> None:
    for cell_id, cell in executed.items():
        errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
        assert not errors, f"cell {cell_id}: {errors}"
        assert cell["execution_count"] is not None, cell_id


def test_the_notebook_shows_the_follow_up(executed: dict[str, Any]) -> None:
    assert "Burlövs kommun" in text_of(executed["load"])
    assert "<" in text_of(executed["load"])  # the chain's HTML display
    assert "delvis uppfyllt" in text_of(executed["rollup"])
    goals = text_of(executed["rollup-frame"])
    assert "delvis uppfyllt" in goals
    assert "Fler elever ska nå gymnasiebehörighet" in goals
    assert "framsteg, men takten behöver öka" in text_of(executed["indicators"])
    assert "i fas" not in text_of(executed["behind"])
    trajectory = text_of(executed["trajectory-frame"])
    assert "annual_target" in trajectory
    assert "82.9" in trajectory  # the 2024 actual beside its annual target
    assert "godkänt" in text_of(executed["smart"])
    assert "Rapporten är skriven till uppfoljning-burlov-2024.html" in text_of(executed["html"])


def test_the_plot_is_drawn(executed: dict[str, Any]) -> None:
    outputs = executed["plot"]["outputs"]
    assert any("image/png" in o.get("data", {}) for o in outputs), outputs
