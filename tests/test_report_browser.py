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
import unicodedata
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


@pytest.mark.parametrize("name", ["grastorp", "trelleborg", "nynashamn", "lerum"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_chart_texts_stay_inside_their_charts_and_apart(name: str, lang: str) -> None:
    """Axis labels, years and the legend: inside the chart, none over another."""
    chain = gc.load(EXAMPLES / f"{name}.yaml")
    seen = render(html(chain, 2024, lang=lang), width=1280)
    assert isinstance(seen["charts"], int) and seen["charts"] > 0
    assert seen["outside"] == [] and seen["overlaps"] == []
    assert seen["overflow"] == 0


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
