"""The HTML report in a real headless Chromium: what a reader sees.

`.ci/run` installs Debian's Chromium so CI runs these tests; elsewhere they
skip, saying why. The report itself has no scripts: the test shows it in a
frame of a page with one script that measures the rendered report (visible
status labels, their colours, the page's width, where each table cell is) into
the DOM, which Chromium then dumps; and it prints the report to PDF.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import unicodedata
from html import escape
from html.parser import HTMLParser
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


def _chromium(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    return subprocess.run(
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
            f"--user-data-dir={tmp / 'profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PROBE = """
<script>
window.addEventListener("load", function () {
  var frame = document.getElementById("report");
  var doc = frame.contentDocument, win = frame.contentWindow;
  var out = {labels: [], overflow: 0, width: win.innerWidth};
  doc.querySelectorAll(".gc-status").forEach(function (el) {
    var box = el.getBoundingClientRect();
    var style = win.getComputedStyle(el);
    out.labels.push({text: el.textContent, width: box.width, height: box.height,
                     right: box.right, colour: style.color, background: style.backgroundColor});
  });
  out.overflow = doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
  // every text of a chart inside the chart, and no two texts over each other
  out.charts = 0;
  out.outside = [];
  out.overlaps = [];
  doc.querySelectorAll("svg").forEach(function (svg) {
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
  out.height = doc.documentElement.scrollHeight;
  out.figures = [];
  doc.querySelectorAll("figure.gc-chart").forEach(function (figure) {
    var box = figure.getBoundingClientRect();
    var chart = figure.querySelector("svg").getBoundingClientRect();
    out.figures.push({top: box.top, left: box.left, width: box.width,
                      chartBottom: chart.bottom, chartWidth: chart.width});
  });
  // each table cell: where it is, and the label a narrow screen writes before it
  out.cells = [];
  doc.querySelectorAll("td").forEach(function (td) {
    var box = td.getBoundingClientRect();
    out.cells.push({label: td.getAttribute("data-label"), text: td.textContent,
                    left: box.left, right: box.right, width: box.width,
                    before: win.getComputedStyle(td, "::before").content});
  });
  out.headers = 0;
  doc.querySelectorAll("thead").forEach(function (head) {
    if (head.getBoundingClientRect().width > 1) { out.headers += 1; }
  });
  out.scripts = doc.scripts.length;
  var pre = document.createElement("pre");
  pre.id = "goalchain-probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def render(page: str, *, width: int) -> dict[str, object]:
    """Load *page* in headless Chromium, *width* px wide, and return what the probe measured.

    The report is shown in a frame *width* px wide (a headless window is at least
    500 px wide; the frame's own width is what its media queries see) of a page
    that holds the probe: the report itself stays as it is, without a script.
    """
    assert BROWSER is not None
    host = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">'
        f'<iframe id="report" style="width:{width}px;height:900px;border:0" '
        f'srcdoc="{escape(page, quote=True)}"></iframe>{PROBE}</body></html>'
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.html"
        path.write_text(host, encoding="utf-8")
        result = _chromium(
            "--hide-scrollbars",
            f"--window-size={max(width + 40, 600)},1000",
            "--dump-dom",
            path.as_uri(),
            tmp=Path(tmp),
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
    expected = {
        result.scale.label(node.status, lang=lang)
        for node in result.values()
        if node.kind != "indicator"  # an indicator's is its on-track category, in words
    }
    assert expected <= texts  # every status of a goal or an activity is shown as text
    for label in labels:  # shown: a box with size, its text not the colour of its background
        assert label["width"] > 0 and label["height"] > 0, label
        assert label["colour"] != label["background"], label
        assert label["right"] <= seen["width"], label
    assert seen["overflow"] == 0  # nothing sticks out of the page sideways
    assert seen["scripts"] == 0  # the report has none (the probe is outside its frame)


def test_a_narrow_window_does_not_overflow_the_page() -> None:
    chain = gc.load(EXAMPLES / "lerum.yaml")
    seen = render(html(chain, 2024), width=420)
    assert seen["overflow"] == 0


@pytest.mark.parametrize("name", ["burlov", "grastorp"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_on_a_phone_the_tables_are_cards_with_every_cell_on_screen(name: str, lang: str) -> None:
    """At 420 px each row is a card: Status, Utfall and Bedömning on screen, each labelled."""
    chain = gc.load(EXAMPLES / f"{name}.yaml")
    seen = render(html(chain, 2024, lang=lang), width=420)
    assert seen["overflow"] == 0
    width = seen["width"]
    assert isinstance(width, int) and isinstance(seen["cells"], list)
    assert seen["headers"] == 0  # the column names stand beside the cells instead
    labelled = set()
    for cell in seen["cells"]:  # every cell on screen, without scrolling sideways
        assert cell["left"] >= 0 and cell["right"] <= width, cell
        assert cell["width"] > 0, cell
        if cell["before"] not in ("none", "normal"):
            assert cell["before"] == json.dumps(cell["label"], ensure_ascii=False), cell
            labelled.add(cell["label"])
    wanted = {
        "sv": {"Status", "Utfall", "Bedömning", "Poäng", "Prognos"},
        "en": {"Status", "Actual", "On track", "Score", "Forecast"},
    }[lang]
    assert wanted <= labelled
    labels = seen["labels"]
    assert isinstance(labels, list) and labels
    for label in labels:  # every status label visible, on screen
        assert label["width"] > 0 and label["right"] <= width, label


def test_a_wide_window_shows_the_tables_as_tables() -> None:
    chain = gc.load(EXAMPLES / "burlov.yaml")
    seen = render(html(chain, 2024), width=1280)
    assert seen["headers"] == 3  # goals, indicators, SMART
    assert isinstance(seen["cells"], list)
    assert all(cell["before"] in ("none", "normal") for cell in seen["cells"])


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


def print_pdf(page: str) -> list[str]:
    """Print *page* to PDF with headless Chromium (A4, its own margins); the text of each page."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the printed PDF (the test extra)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.html"
        path.write_text(page, encoding="utf-8")
        pdf = Path(tmp) / "report.pdf"
        result = _chromium(
            "--no-pdf-header-footer", f"--print-to-pdf={pdf}", path.as_uri(), tmp=Path(tmp)
        )
        assert pdf.exists(), f"Chromium did not print the page: {result.stderr[-2000:]}"
        reader = pypdf.PdfReader(pdf)
        return [p.extract_text() for p in reader.pages]


class Cells(HTMLParser):
    """The texts of the header cells and the other cells of a page's tables."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headers: list[str] = []
        self.cells: list[str] = []
        self._into: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("th", "td"):
            self._into = self.headers if tag == "th" else self.cells
            self._into.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td"):
            self._into = None

    def handle_data(self, data: str) -> None:
        if self._into is not None:
            self._into[-1] += data


def _squeezed(text: str) -> str:
    """*text* without its white space (a cell's words wrap onto lines of their own in
    print) and ligatures (the PDF's text has "ﬂ" for "fl")."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("name", ["burlov", "grastorp"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_printed_report_holds_every_column_and_every_goal(name: str, lang: str) -> None:
    """Printed on A4, no column is cut off, no goal missing, and the pages are numbered."""
    chain = gc.load(EXAMPLES / f"{name}.yaml")
    page = html(chain, 2024, lang=lang)
    pages = print_pdf(page)
    printed = _squeezed("".join(pages))
    tables = Cells()
    tables.feed(page)
    if lang == "sv":
        assert {"Poäng", "Täckning", "Strategi", "Prognos", "Bedömning"} <= set(tables.headers)
    for header in tables.headers:  # every column header of every table
        assert _squeezed(header) in printed, header
    for goal in chain.goals():
        assert _squeezed(goal.title) in printed, goal.id
    for cell in tables.cells:  # every cell in full: no column cut, nothing in a scrolled box
        assert _squeezed(cell) in printed, cell
    word = {"sv": "sida {n} av {m}", "en": "page {n} of {m}"}[lang]
    for n, text in enumerate(pages, start=1):  # the page number in the bottom margin
        assert word.format(n=n, m=len(pages)) in text
