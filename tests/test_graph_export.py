"""Mermaid and DOT text of a chain: every element and link, escaped, statuses as text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given

import goalchain as gc
from goalchain.report import text_colour, to_dot, to_mermaid
from goalchain.rollup import StatusScale
from goalchain.testing import goal_chains

NODE = re.compile(r'^  "((?:[^"\\]|\\.)*)" \[label="((?:[^"\\]|\\.)*)"(.*)\];$')
EDGE = re.compile(r'^  "((?:[^"\\]|\\.)*)" -> "((?:[^"\\]|\\.)*)"(?: \[label="([^"]*)"\])?;$')


def undot(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def parse_dot(text: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str]] = []
    for line in text.splitlines()[3:-1]:
        node, edge = NODE.match(line), EDGE.match(line)
        assert node or edge, line
        if node:
            nodes[undot(node.group(1))] = undot(node.group(2))
        else:
            assert edge is not None
            edges.append((undot(edge.group(1)), undot(edge.group(2))))
    return nodes, edges


@given(goal_chains(with_data=False))
def test_dot_holds_every_element_and_link(chain: gc.GoalChain) -> None:
    nodes, edges = parse_dot(chain.to_dot())
    assert list(nodes) == list(chain)
    for element_id, label in nodes.items():
        assert label.startswith(chain[element_id].title.replace("\r", "") + "\n")
    assert sorted(edges) == sorted((p, c) for p, c, _ in chain.links())


@given(goal_chains(with_data=False))
def test_mermaid_holds_every_element_and_link(chain: gc.GoalChain) -> None:
    lines = chain.to_mermaid().splitlines()
    assert lines[0] == "flowchart TD"
    nodes = [line for line in lines[1:] if re.match(r'^  n\d+\["', line)]
    edges = [line for line in lines[1:] if " --> " in line or "-->|" in line]
    assert len(nodes) == len(chain) and len(edges) == len(chain.links())
    for line in nodes:  # one statement per line; no raw quote or markup inside a label
        inner = line[line.index('["') + 2 : -2]
        assert '"' not in inner and "\n" not in inner
        assert "<" not in inner.replace("<br/>", "")


def make_chain() -> gc.GoalChain:
    chain = gc.GoalChain(name='Kommun "X"')
    chain.add_goal("kf1", 'Mål med "citat" och <script>alert(1)</script> & #hash', level="council")
    chain.add_goal("n1", "Rad ett\nrad två \\ snedstreck", level="committee", parents=["kf1"])
    chain.add_activity("a1", "Insats", parents={"n1": 2.5}, status="in_progress", progress=0.6)
    return chain


def test_titles_are_escaped() -> None:
    chain = make_chain()
    mermaid = chain.to_mermaid()
    assert "<script>" not in mermaid and "#60;script#62;" in mermaid
    assert "#34;citat#34;" in mermaid and "#38;" in mermaid and "#35;hash" in mermaid
    assert 'n1 -->|"2,5"| n2' in mermaid
    nodes, edges = parse_dot(chain.to_dot())
    assert nodes["kf1"].startswith('Mål med "citat" och <script>')
    assert nodes["n1"].startswith("Rad ett\nrad två \\ snedstreck")
    assert edges == [("kf1", "n1"), ("n1", "a1")]
    assert 'digraph "Kommun \\"X\\"" {' in chain.to_dot()


def test_statuses_are_text_and_colour() -> None:
    chain = make_chain()
    result = chain.rollup(2024)
    mermaid = chain.to_mermaid(result=result, lang="en")
    assert "partly achieved (0.60)" in mermaid
    assert "classDef partly fill:#f9a825,color:#000000" in mermaid
    assert "class n2 partly" in mermaid
    dot = to_dot(chain, result=result)
    assert "delvis uppfyllt (0,60)" in dot and 'fillcolor="#f9a825", fontcolor="#000000"' in dot
    assert to_mermaid(chain, direction="LR").startswith("flowchart LR")
    with pytest.raises(ValueError, match="direction"):
        to_mermaid(chain, direction="up")


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        c = [int(colour[k : k + 2], 16) / 255 for k in (1, 3, 5)]
        lin = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("status", ["achieved", "partly", "not_achieved", "not_assessed"])
def test_status_text_meets_wcag_aa_contrast(status: str) -> None:
    fill = StatusScale().colour(status)
    assert contrast(fill, text_colour(fill)) >= 4.5


def test_text_colour_takes_short_hex() -> None:
    assert text_colour("#fff") == "#000000" and text_colour("#000") == "#ffffff"


def test_a_chain_shows_its_tree_where_a_frontend_asks_only_for_html() -> None:
    chain = gc.io.load_demo()
    html = chain._repr_html_()
    assert html == chain._repr_mimebundle_()["text/html"]
    assert all(goal.title.split()[0] in html for goal in chain.goals())


@pytest.mark.parametrize("export", [to_mermaid, to_dot])
def test_an_unknown_language_is_refused(export: object) -> None:
    # it was written in Swedish (a level's label for anything but "en")
    chain = gc.GoalChain(name="Exempel")
    chain.add_goal("kf1", "Trygg skola", level="council")
    with pytest.raises(gc.InvalidValueError, match="unknown language 'de'; valid: sv, en"):
        export(chain, lang="de")  # type: ignore[operator]
