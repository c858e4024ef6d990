"""Benchmark: loading and saving chain files at scale, against the parsers underneath.

Issue 14 (item 6) asks for time and peak memory per element of loading and
saving chains of 10^4, 10^5 and 10^6 elements as JSON and YAML, against a plain
``json.loads`` of the same text measured in the same run; issue 18 will extend
this file with its targets (hence the table of operations, ``OPERATIONS``, and
the one ``measure`` function every figure goes through).

The chain is generated, like issue 18's: one vision, then per 50 elements one
council goal, per 5 a committee goal below a council goal, and indicators and
activities below committee goals (indicators with a baseline, a target and one
measurement; activities with a due date and status). So a file holds, per
element, about what a real municipal chain holds.

For each size and format the benchmark prints:

- ``save``: ``goalchain.dumps(chain)``, against the same plain data written by
  ``json.dumps`` (indent 2) or ruamel.yaml's own ``dump`` (``typ="safe"``);
- ``load``: ``goalchain.loads(text)`` of that text, against ``json.loads`` or
  ruamel.yaml's own ``load`` (``typ="safe"``; the C loader where installed) of the
  same text;

each with its time (best of ``--repeat``), time per element, peak Python memory
per element (``tracemalloc``, measured in a separate run, since tracing slows
Python down), and the ratio of time and memory to the baseline.

Default sizes: 10^4 and 10^5 for JSON, 10^4 for YAML. On the 2-core development
machine, shared with other work, JSON takes a few minutes (10^5: save 3.3 s,
load 23 s); YAML is the slow part (10^4: save 178 s, load 117 s, times two for the
memory runs), so the whole default run took 31 minutes there; ``--formats json``
finishes in about five. 10^6 elements (JSON, ``--sizes 1000000 --formats json
--no-memory``, 5 GB of memory) took about 30 minutes: save 95 s (json.dumps 102 s),
load 731 s (json.loads 13 s): three times the time per element of 10^5.

Measured on 2026-12-07 (issue 14), per element: JSON save 33 us and 3.0 KB
(json.dumps x1.4), JSON load 229 us and 4.6 KB (json.loads x66: goalchain reads
JSON with the standard library's pure-Python scanner, to know where each value
stands), YAML save 18 ms and 16 KB (ruamel.yaml x2.9), YAML load 12 ms and 18 KB
(ruamel.yaml x4.5). Issue 18 has the targets.

Run: ``.venv/bin/python benchmarks/io.py [--sizes 10000 100000] [--formats json yaml]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc as garbage
import io
import json
import time
import tracemalloc
from collections.abc import Callable
from typing import Any, NamedTuple

import goalchain as gc

DEFAULT_SIZES = {"json": (10_000, 100_000), "yaml": (10_000,)}
"""Sizes measured when ``--sizes`` is not given, per format."""


def chain_data(n: int) -> dict[str, Any]:
    """The plain data of a generated chain of *n* elements (the file's document)."""
    elements: list[dict[str, Any]] = [{"id": "v", "level": "vision", "title": "Vision 2030"}]
    measurements: list[dict[str, Any]] = []
    councils: list[str] = []
    committees: list[str] = []
    for i in range(1, n):
        if i % 50 == 1 or not councils:
            eid = f"kf{i}"
            councils.append(eid)
            elements.append(
                {
                    "id": eid,
                    "level": "council",
                    "title": f"Kommunfullmäktiges mål {i}: fler invånare ska ha arbete",
                    "parents": ["v"],
                    "owner": "Kommunfullmäktige",
                }
            )
        elif i % 5 == 2 or not committees:
            eid = f"n{i}"
            committees.append(eid)
            elements.append(
                {
                    "id": eid,
                    "level": "committee",
                    "title": f"Nämndmål {i}: fler elever ska nå gymnasiebehörighet",
                    "parents": [councils[-1]],
                    "owner": "Barn- och utbildningsnämnden",
                }
            )
        elif i % 2:
            eid = f"i{i}"
            elements.append(
                {
                    "id": eid,
                    "kind": "indicator",
                    "level": "indicator",
                    "title": f"Andel behöriga till yrkesprogram, indikator {i}",
                    "parents": [committees[-1]],
                    "unit": "percent",
                    "direction": "increase",
                    "baseline": {"year": 2022, "value": 78.0 + i % 7},
                    "target": {"year": 2026, "value": 90.0},
                }
            )
            measurements.append({"indicator": eid, "period": 2023, "value": 80.5 + i % 5})
        else:
            elements.append(
                {
                    "id": f"a{i}",
                    "kind": "activity",
                    "level": "activity",
                    "title": f"Aktivitet {i}: läxhjälp i alla skolor",
                    "parents": [committees[-1]],
                    "owner": "Skolförvaltningen",
                    "due": dt.date(2024, 12, 31),
                    "status": "in_progress",
                }
            )
    return {
        "goalchain": 1,
        "name": f"Genererad kedja, {n} element",
        "model": "classic",
        "elements": elements,
        "measurements": measurements,
    }


class Figure(NamedTuple):
    """One measured operation: best time, and peak Python memory (None when not measured)."""

    seconds: float
    peak_bytes: int | None


def measure(call: Callable[[], Any], *, repeat: int, memory: bool) -> Figure:
    """Best time of *repeat* calls, then (if *memory*) one more call under tracemalloc."""
    best = float("inf")
    for _ in range(repeat):
        garbage.collect()
        start = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - start)
        del result
    peak: int | None = None
    if memory:
        garbage.collect()
        tracemalloc.start()
        try:
            result = call()
            peak = tracemalloc.get_traced_memory()[1]
            del result
        finally:
            tracemalloc.stop()
    return Figure(best, peak)


def _ruamel_load(text: str) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(text)


def _ruamel_dump(data: Any) -> str:
    from ruamel.yaml import YAML

    out = io.StringIO()
    YAML(typ="safe").dump(data, out)
    return out.getvalue()


def _json_dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


# operation -> format -> (what goalchain does, what the baseline does); each gets
# the state dict of one size (the chain, its plain data, the text of each format)
Operation = Callable[[dict[str, Any]], Any]
OPERATIONS: dict[str, dict[str, tuple[Operation, Operation]]] = {
    "save": {
        "json": (
            lambda s: gc.dumps(s["chain"], format="json"),
            lambda s: _json_dump(s["data"]),
        ),
        "yaml": (
            lambda s: gc.dumps(s["chain"], format="yaml"),
            lambda s: _ruamel_dump(s["data"]),
        ),
    },
    "load": {
        "json": (
            lambda s: gc.loads(s["text"]["json"], format="json"),
            lambda s: json.loads(s["text"]["json"]),
        ),
        "yaml": (
            lambda s: gc.loads(s["text"]["yaml"], format="yaml"),
            lambda s: _ruamel_load(s["text"]["yaml"]),
        ),
    },
}
BASELINES = {"json": "json", "yaml": "ruamel"}


def _ratio(ours: float | None, base: float | None) -> str:
    if ours is None or not base:
        return "-"
    return f"{ours / base:.1f}x"


def run(sizes: dict[str, list[int]], *, repeat: int, memory: bool) -> list[dict[str, Any]]:
    """Measure every operation for every size and format; print and return the rows."""
    rows: list[dict[str, Any]] = []
    print(
        f"{'n':>9} {'fmt':<4} {'op':<4} {'MB':>7} {'seconds':>9} {'us/el':>8} "
        f"{'KB/el':>7} {'base s':>8} {'base KB/el':>10} {'x time':>7} {'x mem':>6}"
    )
    for n in sorted({n for ns in sizes.values() for n in ns}):
        formats = [fmt for fmt, ns in sizes.items() if n in ns]
        data = chain_data(n)
        chain = gc.io.from_data(data)
        assert len(chain) == n
        state: dict[str, Any] = {"chain": chain, "data": gc.io.to_data(chain), "text": {}}
        for fmt in formats:
            state["text"][fmt] = gc.dumps(chain, format=fmt)
        for fmt in formats:
            for op, by_format in OPERATIONS.items():
                ours_call, base_call = by_format[fmt]
                ours = measure(lambda c=ours_call, s=state: c(s), repeat=repeat, memory=memory)
                base = measure(lambda c=base_call, s=state: c(s), repeat=repeat, memory=memory)
                row = {
                    "n": n,
                    "format": fmt,
                    "operation": op,
                    "file_mb": len(state["text"][fmt].encode()) / 1e6,
                    "seconds": ours.seconds,
                    "peak_bytes": ours.peak_bytes,
                    "baseline": BASELINES[fmt],
                    "baseline_seconds": base.seconds,
                    "baseline_peak_bytes": base.peak_bytes,
                }
                rows.append(row)
                kb = f"{ours.peak_bytes / n / 1e3:.2f}" if ours.peak_bytes is not None else "-"
                base_kb = f"{base.peak_bytes / n / 1e3:.2f}" if base.peak_bytes is not None else "-"
                print(
                    f"{n:>9} {fmt:<4} {op:<4} {row['file_mb']:>7.1f} {ours.seconds:>9.2f} "
                    f"{ours.seconds / n * 1e6:>8.1f} {kb:>7} {base.seconds:>8.3f} {base_kb:>10} "
                    f"{_ratio(ours.seconds, base.seconds):>7} "
                    f"{_ratio(ours.peak_bytes, base.peak_bytes):>6}",
                    flush=True,
                )
        del state, chain, data
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        help="numbers of elements (default: 10^4 for YAML, 10^4 and 10^5 for JSON)",
    )
    parser.add_argument("--formats", nargs="+", choices=("json", "yaml"), default=["json", "yaml"])
    parser.add_argument("--repeat", type=int, default=1, help="timed runs; the best counts")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--json", metavar="FILE", help="also write the rows to FILE as JSON")
    args = parser.parse_args(argv)
    if args.sizes:
        sizes = {fmt: list(args.sizes) for fmt in args.formats}
    else:
        sizes = {fmt: list(DEFAULT_SIZES[fmt]) for fmt in args.formats}
    rows = run(sizes, repeat=args.repeat, memory=not args.no_memory)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(rows, handle, indent=2)


if __name__ == "__main__":
    main()
