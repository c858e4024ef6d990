"""The HTML report in a real headless Chromium: what a reader sees.

`.ci/run` installs Debian's Chromium so CI runs these tests; elsewhere they
skip, saying why. The report itself has no scripts: the test writes a copy with
one script appended that measures the rendered page (visible status labels,
their colours, the page's width) into the DOM, which Chromium then dumps.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import goalchain as gc
from goalchain.report import html

EXAMPLES = Path(__file__).parent.parent / "examples"

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _browser() -> str | None:
    given = os.environ.get("GOALCHAIN_CHROMIUM")
    if given:
        return given
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


BROWSER = _browser()
pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no Chromium found (install Debian's chromium, or set GOALCHAIN_CHROMIUM); "
    ".ci/run installs it so CI runs these tests",
)

PROBE = """
<script>
(function () {
  var out = {labels: [], overflow: 0, width: window.innerWidth};
  document.querySelectorAll(".gc-status").forEach(function (el) {
    var box = el.getBoundingClientRect();
    var style = getComputedStyle(el);
    out.labels.push({text: el.textContent, width: box.width, height: box.height,
                     right: box.right, colour: style.color, background: style.backgroundColor});
  });
  out.overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  // every text of a chart inside the chart, and no two texts over each other
  out.charts = 0;
  out.outside = [];
  out.overlaps = [];
  document.querySelectorAll("svg").forEach(function (svg) {
    out.charts += 1;
    var view = svg.viewBox.baseVal;
    var boxes = [];
    svg.querySelectorAll("text").forEach(function (text) {
      var b = text.getBBox();
      if (b.x < view.x - 0.5 || b.y < view.y - 0.5 || b.x + b.width > view.x + view.width + 0.5
          || b.y + b.height > view.y + view.height + 0.5) {
        out.outside.push(text.textContent);
      }
      boxes.forEach(function (other) {
        var o = other.box;
        if (b.x < o.x + o.width && o.x < b.x + b.width && b.y < o.y + o.height
            && o.y < b.y + b.height) {
          out.overlaps.push([other.text, text.textContent]);
        }
      });
      boxes.push({box: b, text: text.textContent});
    });
  });
  // the charts as small multiples: where each figure and its chart are
  out.height = document.documentElement.scrollHeight;
  out.figures = [];
  document.querySelectorAll("figure.gc-chart").forEach(function (figure) {
    var box = figure.getBoundingClientRect();
    var chart = figure.querySelector("svg").getBoundingClientRect();
    out.figures.push({top: box.top, left: box.left, width: box.width,
                      chartBottom: chart.bottom, chartWidth: chart.width});
  });
  out.scripts = document.scripts.length;
  var pre = document.createElement("pre");
  pre.id = "goalchain-probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


def render(page: str, *, width: int) -> dict[str, object]:
    """Load *page* with the probe in headless Chromium and return what the probe measured."""
    assert BROWSER is not None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.html"
        path.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
        profile = Path(tmp) / "profile"
        result = subprocess.run(
            [
                BROWSER,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                f"--window-size={width},900",
                "--dump-dom",
                path.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
    dom = result.stdout
    start = dom.find('<pre id="goalchain-probe">')
    assert start >= 0, f"Chromium did not render the page: {result.stderr[-2000:]}"
    text = dom[start + len('<pre id="goalchain-probe">') : dom.index("</pre>", start)]
    return dict(json.loads(text.replace("&quot;", '"').replace("&amp;", "&")))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_grastorp_report_shows_its_statuses_readably(lang: str) -> None:
    chain = gc.load(EXAMPLES / "grastorp.yaml")
    result = chain.rollup(2024)
    seen = render(html(chain, 2024, lang=lang), width=1280)
    labels = seen["labels"]
    assert isinstance(labels, list) and labels
    texts = {str(label["text"]) for label in labels}
    expected = {result.scale.label(node.status, lang=lang) for node in result.values()}
    assert expected <= texts  # every status in the roll-up is shown as text
    for label in labels:  # shown: a box with size, its text not the colour of its background
        assert label["width"] > 0 and label["height"] > 0, label
        assert label["colour"] != label["background"], label
        assert label["right"] <= seen["width"], label
    assert seen["overflow"] == 0  # nothing sticks out of the page sideways
    assert seen["scripts"] == 1  # only the probe: the report itself has none


def test_a_narrow_window_does_not_overflow_the_page() -> None:
    chain = gc.load(EXAMPLES / "lerum.yaml")
    seen = render(html(chain, 2024), width=420)
    assert seen["overflow"] == 0  # wide tables scroll inside their own box


@pytest.mark.parametrize("width", [1280, 420])
@pytest.mark.parametrize("name", ["burlov", "grastorp", "trelleborg", "nynashamn", "lerum"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_chart_texts_stay_inside_their_charts_and_apart(name: str, lang: str, width: int) -> None:
    """Axis labels, years, the target's label and the legend: inside, none over another."""
    chain = gc.load(EXAMPLES / f"{name}.yaml")
    seen = render(html(chain, 2024, lang=lang), width=width)
    assert isinstance(seen["charts"], int) and seen["charts"] > 0
    assert seen["outside"] == [] and seen["overlaps"] == []
    assert seen["overflow"] == 0


@pytest.mark.parametrize(("width", "per_row"), [(1200, 3), (420, 1)])
def test_charts_are_small_multiples_level_in_their_rows(width: int, per_row: int) -> None:
    """Three charts a row on a wide screen, one on a phone; a row's charts end level."""
    chain = gc.load(EXAMPLES / "grastorp.yaml")
    seen = render(html(chain, 2024), width=width)
    figures = seen["figures"]
    assert isinstance(figures, list) and len(figures) == 12
    rows: dict[float, list[dict[str, float]]] = {}
    for figure in figures:
        rows.setdefault(round(figure["top"]), []).append(figure)
    assert [len(row) for row in rows.values()] == [per_row] * (12 // per_row)
    for row in rows.values():
        bottoms = [figure["chartBottom"] for figure in row]
        assert max(bottoms) - min(bottoms) <= 1, row
    # drawn near its own size of 360 px (headless Chromium's narrowest window is ~500 px)
    assert all(300 <= figure["chartWidth"] <= 470 for figure in figures), figures


def _awkward_charts(lang: str) -> str:
    """A page of charts drawn from awkward data: long, flat, negative, large, tiny, narrow."""
    from goalchain.report import CHART_CSS, trajectory_svg

    long_span = {year: 40.0 + year - 2000 for year in range(2000, 2041)}
    charts = [
        trajectory_svg(long_span, actuals={2000: 41.0, 2010: 48.0}, unit="percent", lang=lang),
        trajectory_svg({2022: 5.0, 2026: 5.0}, actuals={2023: 5.0}, lang=lang),
        trajectory_svg(
            {2022: -12.5, 2026: 3.0},
            actuals={2023: -20.0},
            unit="mnkr",
            forecast=(2026, -30.0),
            lang=lang,
        ),
        trajectory_svg({2022: 1234567.0, 2026: 1500000.0}, actuals={2024: 1250000.0}, lang=lang),
        trajectory_svg({2022: 0.012, 2026: 0.018}, actuals={2023: 0.013}, lang=lang),
        trajectory_svg({2026: 90.0}, actuals={2026: 95.0}, unit="percent", lang=lang),
        trajectory_svg(
            {2022: 78.0, 2026: 90.0},
            actuals={2023: 80.5, 2024: 99.9},
            unit="percent",
            forecast=(2026, 100.0),
            lang=lang,
            width=260,
            height=200,
            title="En mycket lång titel " * 5,
        ),
        trajectory_svg(
            {2022: 78.0, 2026: 90.0},
            actuals={2027: 91.0, 2028: 92.0},
            unit="percent",
            target=(2026, 90.0),
            lang=lang,
        ),
    ]
    figures = "".join(f'<figure class="gc-chart">{chart}</figure>' for chart in charts)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<style>body{{font-family:sans-serif}}{CHART_CSS}</style></head>"
        f'<body><div class="gc-charts">{figures}</div></body></html>'
    )


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_awkward_data_keeps_chart_texts_inside_and_apart(lang: str) -> None:
    seen = render(_awkward_charts(lang), width=1280)
    assert seen["charts"] == 8
    assert seen["outside"] == [] and seen["overlaps"] == []
