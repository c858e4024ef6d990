"""Bounds on time and memory for the untrusted-input tests (issue 14).

Three tools, for three kinds of test:

:func:`bounded`
    In this process: runs a call under :mod:`tracemalloc` and returns what it
    returned or raised, with the CPU seconds it took and the peak of Python
    memory it allocated. For fuzzers on small inputs (many examples; the bound is
    generous, yet far below what a hang or a blow-up takes).

:func:`best_seconds`
    The best CPU time of a few runs of a call, for the tests that compare a long
    input's time with a short one's (linear, not quadratic).

:func:`run_bounded`
    In a fresh Python process with an address-space limit (``RLIMIT_AS``) and a
    wall-clock timeout: for the probes that, unfixed, hang or take gigabytes
    (a unit string that makes pint compute ``9**9**9``, a YAML alias bomb, a
    spreadsheet bomb). A hang or a blow-up then fails the test instead of the
    test run.

Times inside this process are CPU times (:func:`time.process_time`), not wall
clock: another program busy on the same cores (a second test worker, a build)
stretches the wall clock of a run several times over but hardly its CPU time,
and a hang or a quadratic blow-up costs CPU time all the same.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import textwrap
import time
import tracemalloc
from collections.abc import Callable
from typing import Any, NamedTuple

import goalchain as gc

FUZZ_SECONDS = 5.0
"""Most seconds one fuzzed input may take (typical: milliseconds)."""
FUZZ_MEGABYTES = 64.0
"""Most megabytes of Python memory one fuzzed input may allocate at its peak."""


class Outcome(NamedTuple):
    """What a bounded call did."""

    value: Any
    error: BaseException | None
    seconds: float
    megabytes: float


def bounded(
    call: Callable[[], Any],
    *,
    seconds: float = FUZZ_SECONDS,
    megabytes: float = FUZZ_MEGABYTES,
) -> Outcome:
    """Run *call*; fail (AssertionError) if it raised anything but a GoalchainError,
    took longer than *seconds* or allocated more than *megabytes* at its peak."""
    started_tracing = not tracemalloc.is_tracing()
    if started_tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    start = time.process_time()
    value: Any = None
    error: BaseException | None = None
    try:
        value = call()
    except gc.GoalchainError as err:
        error = err
    finally:
        took = time.process_time() - start
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        if started_tracing:
            tracemalloc.stop()
    assert took <= seconds, f"took {took:.2f} s of CPU (bound {seconds} s)"
    assert peak <= megabytes, f"allocated {peak:.1f} MB at its peak (bound {megabytes} MB)"
    return Outcome(value, error, took, peak)


def best_seconds(call: Callable[[], object], repeat: int = 3) -> float:
    """The least CPU time of *repeat* runs of *call*; goalchain's errors count as a
    result (a reader that refuses its input has still read it)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        with contextlib.suppress(gc.GoalchainError):
            call()
        best = min(best, time.process_time() - start)
    return best


class Run(NamedTuple):
    """What a bounded process did."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float


def run_bounded(
    code: str, *, seconds: float = 60.0, megabytes: int = 1024, cwd: str | None = None
) -> Run:
    """Run *code* (Python source, dedented) in a fresh interpreter limited to
    *megabytes* of address space and *seconds* of wall-clock time.

    Fails the test (AssertionError) on a timeout or when the process ran out of
    memory (MemoryError in its stderr, or killed); returns its output otherwise.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    limit = megabytes * 1024 * 1024

    def limit_memory() -> None:  # pragma: no cover - runs in the child
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            capture_output=True,
            text=True,
            timeout=seconds,
            env=env,
            cwd=cwd,
            preexec_fn=limit_memory if sys.platform.startswith("linux") else None,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"did not finish within {seconds} s") from None
    took = time.perf_counter() - start
    assert "MemoryError" not in done.stderr, (
        f"ran out of memory ({megabytes} MB):\n{done.stderr[-2000:]}"
    )
    assert done.returncode >= 0, f"killed by signal {-done.returncode}:\n{done.stderr[-2000:]}"
    return Run(done.returncode, done.stdout, done.stderr, took)
