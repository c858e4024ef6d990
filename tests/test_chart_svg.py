"""The trajectory chart's geometry, axis, target label, names and layout (issue 16).

The SVG is parsed as XML: every mark must sit on the scale of its value (the
value axis is read back from the chart's own gridlines and their labels), the
gridlines must be at round values written as the report writes numbers, and
every chart names itself and says what it shows.
"""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import given

import goalchain as gc
from goalchain.exceptions import InvalidValueError
from goalchain.report import CHART_CSS, html, trajectory_svg, unit_symbol
from goalchain.report._chart_svg import _nice_ticks

NS = {"s": "http://www.w3.org/2000/svg"}
NBSP = "\u00a0"
EXAMPLES = Path(__file__).parent.parent / "examples"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def value_of(label: str, lang: str) -> float:
    """The number of an axis label: ``1 234,5 %`` -> 1234.5 in Swedish, ``1,234.5%`` in English."""
    text = label.replace(NBSP, "").replace(" ", "").replace("%", "").replace("\u2212", "-")
    text = text.replace(",", ".") if lang == "sv" else text.replace(",", "")
    return float(text)


def gridlines(root: ET.Element, lang: str = "sv") -> list[tuple[float, float, str]]:
    """(value, y, label) of each gridline, the label's y checked against its line's."""
    found = []
    children = list(root)
    for k, element in enumerate(children):
        if element.tag.endswith("line") and element.get("y1") == element.get("y2"):
            label = children[k + 1]
            if label.tag.endswith("text") and label.get("text-anchor") == "end":
                y = float(element.get("y1", "nan"))
                assert float(label.get("y", "nan")) == y  # the label at its line's height
                assert label.get("dy") == "0.32em"  # centred on it
                found.append((value_of(label.text or "", lang), y, label.text or ""))
    return found


def scale(
    root: ET.Element, lang: str = "sv"
) -> tuple[list[tuple[float, float, str]], Callable[[float], float]]:
    lines = gridlines(root, lang)
    assert len(lines) >= 3, lines
    (v0, y0, _), (v1, y1, _) = lines[0], lines[-1]

    def y(value: float) -> float:
        return y0 + (y1 - y0) * (value - v0) / (v1 - v0)

    for value, at, _ in lines:  # the gridlines themselves are evenly spaced
        assert abs(y(value) - at) <= 0.5
    return lines, y


def diamond_centre(root: ET.Element) -> tuple[float, float]:
    for path in root.iter("{http://www.w3.org/2000/svg}path"):
        d = path.get("d", "")
        if d.endswith("Z") and path.get("fill") == "#1f4e79":
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
            return numbers[0], (numbers[1] + numbers[5]) / 2  # top and bottom corners
    raise AssertionError("no target diamond")


def test_marks_sit_exactly_on_the_values_they_mean() -> None:
    svg = trajectory_svg(
        {2022: 78.0, 2023: 81.0, 2024: 84.0, 2025: 87.0, 2026: 90.0},
        actuals={2022: 78.0, 2023: 80.5, 2024: 82.9},
        unit="percent",
        forecast=(2026, 87.8),
    )
    root = parse(svg)
    _, y = scale(root)
    circles = root.findall("s:circle", NS)
    dots = [c for c in circles if c.get("fill") == "#b33c00"]
    assert [float(c.get("cy", "nan")) for c in dots] == pytest.approx(
        [y(78.0), y(80.5), y(82.9)], abs=0.5
    )
    ring = next(c for c in circles if c.get("fill") == "#ffffff")
    assert float(ring.get("cy", "nan")) == pytest.approx(y(87.8), abs=0.5)
    assert diamond_centre(root)[1] == pytest.approx(y(90.0), abs=0.5)
    annual = root.findall("s:polyline", NS)[0].get("points", "").split()
    assert [float(p.split(",")[1]) for p in annual] == pytest.approx(
        [y(v) for v in (78.0, 81.0, 84.0, 87.0, 90.0)], abs=0.5
    )


def test_the_value_axis_has_round_labelled_gridlines_written_the_swedish_way() -> None:
    root = parse(trajectory_svg({2022: 5701.0, 2026: 5950.0}, actuals={2023: 5748.0}, unit="st"))
    lines, _ = scale(root)
    assert [label for _, _, label in lines] == [f"5{NBSP}{n}00" for n in (7, 8, 9)] + [
        f"6{NBSP}000"
    ]
    percent = parse(trajectory_svg({2022: 74.0, 2026: 82.0}, unit="percent"))
    assert [label for _, _, label in gridlines(percent)] == [
        f"{n}{NBSP}%" for n in (74, 76, 78, 80, 82)
    ]
    english = parse(trajectory_svg({2022: 6.1, 2026: 7.9}, unit="percent", lang="en"))
    assert [label for _, _, label in gridlines(english, "en")][:2] == ["6.0%", "6.5%"]
    thousands = parse(trajectory_svg({2022: 1000.0, 2026: 3000.0}, lang="en"))
    assert [label for _, _, label in gridlines(thousands, "en")][:2] == ["1,000", "1,500"]


def test_the_target_is_labelled_with_its_value_and_year() -> None:
    svg = trajectory_svg({2022: 78.0, 2026: 90.0}, actuals={2023: 80.5}, unit="percent")
    labels = [t for t in parse(svg).iter("{http://www.w3.org/2000/svg}text")]
    target = [t.text for t in labels if t.get("class") == "gc-target-label"]
    assert target == [f"90,0{NBSP}% (2026)"]
    given = trajectory_svg({2022: 5.0, 2026: 3.0}, target=(2030, 1.0), lang="en")
    assert "1 (2030)" in given or "1.0 (2030)" in given


def test_every_year_between_the_first_and_the_last_is_on_the_time_axis() -> None:
    root = parse(trajectory_svg({2022: 78.0, 2026: 90.0}, actuals={2023: 80.5}))
    years = [
        t.text
        for t in root.iter("{http://www.w3.org/2000/svg}text")
        if t.text in {"2022", "2023", "2024", "2025", "2026"}
    ]
    assert years == ["2022", "2023", "2024", "2025", "2026"]


def test_a_chart_names_itself_and_says_what_it_shows() -> None:
    svg = trajectory_svg(
        {2022: 74.0, 2026: 82.0},
        actuals={2023: 78.5, 2024: 69.2},
        unit="percent",
        target=(2026, 82.0),
        forecast=(2026, 66.7),
        title="Elever i åk 9 som uppnått kunskapskraven",
    )
    root = parse(svg)
    title = root.find("s:title", NS)
    assert title is not None and title.text == "Elever i åk 9 som uppnått kunskapskraven (%)"
    said = root.get("aria-label", "")
    assert said.startswith(title.text + ": ")
    for words in (
        f"utgångsvärde 74,0{NBSP}% år 2022",
        f"senaste utfall 69,2{NBSP}% år 2024",
        f"målvärde 82,0{NBSP}% år 2026",
        f"prognos 66,7{NBSP}% år 2026",
    ):
        assert words in said
    desc = root.find("s:desc", NS)
    assert desc is not None and "2023: 78,5" in (desc.text or "")
    # a title that already names its unit does not name it twice
    again = parse(trajectory_svg({2022: 1.0, 2026: 2.0}, unit="percent", title="Andel (%)"))
    assert again.find("s:title", NS).text == "Andel (%)"  # type: ignore[union-attr]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_chart_of_a_report_has_its_own_title(path: Path) -> None:
    chain = gc.load(path)
    page = html(chain, 2024)
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    titles = [parse(svg).find("s:title", NS).text for svg in svgs]  # type: ignore[union-attr]
    assert svgs and len(set(titles)) == len(titles)
    for svg in svgs:
        root = parse(svg)
        assert "utgångsvärde" in root.get("aria-label", "")
        scale(root)
    for indicator in chain.indicators():
        symbol = unit_symbol(indicator.unit) if indicator.unit else ""
        if symbol and any(indicator.title in str(t) for t in titles):
            assert any(str(t).endswith(f"({symbol})") for t in titles if indicator.title in str(t))


def test_the_report_lays_its_charts_out_as_small_multiples() -> None:
    page = html(gc.load(EXAMPLES / "grastorp.yaml"), 2024)
    assert CHART_CSS in page
    grid = page.index('<div class="gc-charts">')
    assert page.count('<figure class="gc-chart">') == 12
    assert page.index('<figure class="gc-chart">') > grid
    assert "break-inside:avoid" in CHART_CSS and "@media print" in CHART_CSS


@given(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.floats(min_value=0, max_value=1e6, allow_nan=False),
)
def test_nice_ticks_cover_the_range_in_round_even_steps(low: float, span: float) -> None:
    high = low + span
    ticks, decimals = _nice_ticks(low, high)
    step = ticks[1] - ticks[0]
    assert ticks[0] <= low + 1e-9 * step and ticks[-1] >= high - 1e-9 * step
    assert 3 <= len(ticks) <= 7
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m, rel_tol=1e-6) for m in (1, 2, 5, 10))
    for a, b in itertools.pairwise(ticks):
        assert math.isclose(b - a, step, rel_tol=1e-6, abs_tol=1e-9 * max(1.0, abs(b)))
    for tick in ticks:  # written with *decimals*, every tick is exact
        assert round(tick, decimals) == tick


finite = st.floats(min_value=-1e5, max_value=1e5, allow_nan=False).map(lambda v: round(v, 2))
series = st.dictionaries(st.integers(2000, 2040), finite, min_size=1, max_size=12)


@given(series, st.dictionaries(st.integers(2000, 2040), finite, max_size=12), st.booleans())
def test_every_mark_is_on_its_value_whatever_the_data(
    targets: dict[int, float], actuals: dict[int, float], percent: bool
) -> None:
    svg = trajectory_svg(targets, actuals=actuals, unit="percent" if percent else "")
    root = parse(svg)
    lines, y = scale(root)
    values = [*targets.values(), *actuals.values()]
    assert lines[0][0] <= min(values) + 1e-9 and lines[-1][0] >= max(values) - 1e-9
    dots = [c for c in root.findall("s:circle", NS) if c.get("fill") == "#b33c00"]
    assert [float(c.get("cy", "nan")) for c in dots] == pytest.approx(
        [y(v) for _, v in sorted(actuals.items())], abs=0.5
    )
    last = max(targets)
    assert diamond_centre(root)[1] == pytest.approx(y(targets[last]), abs=0.5)
    width, height = (float(v) for v in root.get("viewBox", "").split()[2:])
    for element in root.iter():
        for key in ("x", "cx", "x1", "x2"):
            if element.get(key) is not None:
                assert -0.5 <= float(element.get(key, "0")) <= width + 0.5
        for key in ("y", "cy", "y1", "y2"):
            if element.get(key) is not None:
                assert -0.5 <= float(element.get(key, "0")) <= height + 0.5


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"targets": {2022: math.nan, 2026: 1.0}}, "targets"),
        ({"targets": {2022: 1.0}, "actuals": {2023: math.inf}}, "actuals"),
        ({"targets": {2022: 1.0}, "forecast": (2026, "1,5")}, "forecast"),
        ({"targets": {2022: 1.0}, "target": (2026, True)}, "target"),
    ],
)
def test_a_value_the_chart_cannot_place_is_refused_by_name(
    given: dict[str, Any], field: str
) -> None:
    targets = given.pop("targets")
    with pytest.raises(InvalidValueError, match="finite number") as caught:
        trajectory_svg(targets, **given)
    assert caught.value.field == field
    assert "ändligt tal" in caught.value.render("sv")
