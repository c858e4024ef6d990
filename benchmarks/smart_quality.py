"""Benchmark: does the SMART check agree with a careful reader on real goal texts?

``tests/fixtures/smart_real/goals.yaml`` holds goal formulations published by
Swedish municipalities and regions (Mål och budget, verksamhetsplaner,
årsredovisningar), quoted exactly with source, year and level, and labelled by the
written rubric beside them (``RUBRIC.md``): *specific* concrete / vague / unclear,
*time-bound* yes / no, every third goal held out from any tuning.

Each text becomes one committee goal of a classic chain (below one council goal,
with an owner and a decision, no indicators), and ``goalchain.smart.check`` judges
the chain with the ``specific`` and ``time_bound`` criteria. A goal is judged

- **vague** when ``specific`` gives it a finding that warns or fails;
- **time-bound** when ``time_bound`` gives it no finding that warns or fails.

Printed, for the whole corpus and for the tuning and held-out parts apart: recall
of vague goals (vague goals flagged / vague goals), false alarms on concrete goals
(concrete goals flagged / concrete goals), precision of the vague flags, and the
share of texts whose time-boundness is read right, with the recall of the
time-bound ones (few goals name a year: a reader that always says "no" would score
high on the share alone). Labels "unclear" are left out. Then the disagreements,
text by text.

Targets (issue 13): recall of vague goals >= 0.85 with false alarms on concrete
goals <= 0.10; time-boundness read right in >= 0.90 of the texts.

Run: ``.venv/bin/python benchmarks/smart_quality.py [--cases 20] [--lang sv]``.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

import goalchain as gc

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "smart_real" / "goals.yaml"

RECALL_TARGET = 0.85
FALSE_ALARM_TARGET = 0.10
TIME_BOUND_TARGET = 0.90

_FLAGGED = ("warn", "fail")


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    """The labelled goals, in collection order."""
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    return list(data)


def build(goals: Iterable[Mapping[str, Any]]) -> gc.GoalChain:
    """One committee goal per text, below one council goal, each owned and decided."""
    chain = gc.GoalChain(name="Verkliga mål", model="classic")
    chain.add_goal("vision", "Kommunen ska vara en bra plats att leva på", level="vision")
    chain.add_goal(
        "kf",
        "Kommunfullmäktiges mål",
        level="council",
        parents=["vision"],
        owner="Kommunfullmäktige",
    )
    for goal in goals:
        chain.add_goal(
            str(goal["id"]),
            str(goal["text"]),
            level="committee",
            parents=["kf"],
            owner="Nämnden",
            decision={"body": "Kommunfullmäktige", "date": "2024-11-25", "reference": "KS 1"},
        )
    return chain


def judge(chain: gc.GoalChain, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Per goal: whether ``specific`` flags it and whether ``time_bound`` passes it."""
    wanted = set(ids)
    out: dict[str, dict[str, Any]] = {
        i: {"vague": False, "time_bound": True, "specific": [], "time": []} for i in wanted
    }
    report = gc.smart.check(chain, criteria=["specific", "time_bound"], strict=True)
    for finding in report:
        if finding.element not in wanted or finding.verdict not in _FLAGGED:
            continue
        row = out[finding.element]
        if finding.criterion == "specific":
            row["vague"] = True
            row["specific"].append(f"{finding.code}: {finding.evidence}")
        elif finding.criterion == "time_bound":
            row["time_bound"] = False
            row["time"].append(finding.code)
    return out


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _fmt(value: float | None) -> str:
    return "  –  " if value is None else f"{value:5.2f}"


def figures(
    goals: list[dict[str, Any]], verdicts: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """Recall, false alarms and precision of vagueness; time-boundness read right."""
    vague = [g for g in goals if g["specific"] == "vague"]
    concrete = [g for g in goals if g["specific"] == "concrete"]
    flagged_vague = sum(verdicts[g["id"]]["vague"] for g in vague)
    flagged_concrete = sum(verdicts[g["id"]]["vague"] for g in concrete)
    yes = [g for g in goals if g["time_bound"] == "yes"]
    right = sum((verdicts[g["id"]]["time_bound"]) == (g["time_bound"] == "yes") for g in goals)
    said_yes = [g for g in goals if verdicts[g["id"]]["time_bound"]]
    return {
        "goals": len(goals),
        "vague": len(vague),
        "concrete": len(concrete),
        "recall": _share(flagged_vague, len(vague)),
        "false_alarms": _share(flagged_concrete, len(concrete)),
        "precision": _share(flagged_vague, flagged_vague + flagged_concrete),
        "time_right": _share(right, len(goals)),
        "time_yes": len(yes),
        "time_recall": _share(sum(verdicts[g["id"]]["time_bound"] for g in yes), len(yes)),
        "time_precision": _share(sum(g["time_bound"] == "yes" for g in said_yes), len(said_yes)),
    }


def _cases(
    goals: list[dict[str, Any]], verdicts: Mapping[str, Mapping[str, Any]], limit: int
) -> list[str]:
    lines: list[str] = []
    groups = (
        ("vague goals not flagged", lambda g, v: g["specific"] == "vague" and not v["vague"]),
        ("concrete goals flagged", lambda g, v: g["specific"] == "concrete" and v["vague"]),
        (
            "time-bound goals read as not",
            lambda g, v: g["time_bound"] == "yes" and not v["time_bound"],
        ),
        (
            "goals read as time-bound that are not",
            lambda g, v: g["time_bound"] == "no" and v["time_bound"],
        ),
    )
    for title, test in groups:
        found = [g for g in goals if test(g, verdicts[g["id"]])]
        lines.append(f"\n{title} ({len(found)}):")
        for goal in found[:limit]:
            v = verdicts[goal["id"]]
            said = "; ".join(v["specific"] + v["time"]) or "no finding"
            held = " (held out)" if goal["held_out"] else ""
            lines.append(f"  {goal['id']}{held} {goal['text'][:110]!r}")
            lines.append(f"      {goal['source']['municipality']}: {said}")
        if len(found) > limit:
            lines.append(f"  (+{len(found) - limit} more)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=15, help="disagreements shown per kind")
    args = parser.parse_args()

    goals = load_corpus()
    verdicts = judge(build(goals), [g["id"] for g in goals])
    places = {g["source"]["municipality"] for g in goals}
    print(f"corpus: {len(goals)} goals from {len(places)} municipalities and regions")
    print(
        f"{'part':10} {'goals':>5} {'vague':>5} {'concr':>5}  {'recall':>6} {'false':>6} "
        f"{'prec':>6}  {'time ok':>7} {'yes':>4} {'recall':>6} {'prec':>6}"
    )
    results = {}
    for part, chosen in (
        ("all", goals),
        ("tuning", [g for g in goals if not g["held_out"]]),
        ("held out", [g for g in goals if g["held_out"]]),
    ):
        f = figures(chosen, verdicts)
        results[part] = f
        print(
            f"{part:10} {f['goals']:5d} {f['vague']:5d} {f['concrete']:5d}  "
            f"{_fmt(f['recall']):>6} {_fmt(f['false_alarms']):>6} {_fmt(f['precision']):>6}  "
            f"{_fmt(f['time_right']):>7} {f['time_yes']:4d} {_fmt(f['time_recall']):>6} "
            f"{_fmt(f['time_precision']):>6}"
        )
    print("\n".join(_cases(goals, verdicts, args.cases)))
    whole = results["all"]
    print("\nTargets (whole corpus)")
    recall, false_alarms, time_right = whole["recall"], whole["false_alarms"], whole["time_right"]
    print(
        f"  vague recall {recall:.2f} >= {RECALL_TARGET}: "
        f"{'MET' if recall >= RECALL_TARGET else 'NOT MET'}"
    )
    print(
        f"  false alarms on concrete {false_alarms:.2f} <= {FALSE_ALARM_TARGET}: "
        f"{'MET' if false_alarms <= FALSE_ALARM_TARGET else 'NOT MET'}"
    )
    print(
        f"  time-bound read right {time_right:.2f} >= {TIME_BOUND_TARGET}: "
        f"{'MET' if time_right >= TIME_BOUND_TARGET else 'NOT MET'}"
    )


if __name__ == "__main__":
    main()
