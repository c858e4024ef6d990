"""Benchmark: how long goalchain takes to start, in fresh processes.

Each case runs in a new interpreter (``python -c ...`` or ``python -m goalchain
...``), ``--repeat`` times in turn with the others, and the best wall time is
printed beside the baseline measured in the same run: a bare ``python -c pass``
(the interpreter's own start, which no library can shorten). The figure a user
feels is the total; the ratio to the bare interpreter shows what goalchain adds.

Targets (issue 16): ``goalchain --version`` and ``goalchain --help`` answer in
<= 0.2 s, and ``import goalchain`` takes <= 0.3 s, because nothing heavy (pint,
networkx, numpy, Babel's locale data) is imported until a call needs it. The
first use of ``gc.GoalChain`` imports the models (pint and networkx); that case
is printed too, for the record, without a target.

Run: ``.venv/bin/python benchmarks/startup.py [--repeat 7]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

CASES: dict[str, tuple[list[str], float | None]] = {
    "python -c pass (baseline)": (["-c", "pass"], None),
    "import goalchain": (["-c", "import goalchain"], 0.3),
    "goalchain --version": (["-m", "goalchain", "--version"], 0.2),
    "goalchain --help": (["-m", "goalchain", "--help"], 0.2),
    "gc.GoalChain (models imported)": (["-c", "import goalchain as gc; gc.GoalChain"], None),
}


def _once(arguments: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *arguments],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Time every case, print the table, and return 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per case (best is kept)")
    args = parser.parse_args(argv)
    for arguments, _ in CASES.values():  # warm the file cache and the .pyc files
        _once(arguments)
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.repeat):  # in turn, so that a drift of the machine hits all alike
        for name, (arguments, _) in CASES.items():
            times[name].append(_once(arguments))
    baseline = min(times["python -c pass (baseline)"])
    missed = 0
    print(f"{'case':34} {'best s':>7} {'x python':>9}  target")
    for name, (_, target) in CASES.items():
        best = min(times[name])
        verdict = ""
        if target is not None:
            verdict = f"<= {target} s " + ("met" if best <= target else "MISSED")
            missed += best > target
        print(f"{name:34} {best:7.3f} {best / baseline:9.1f}  {verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
