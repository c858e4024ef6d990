"""Plots: trajectories and status overviews drawn with matplotlib, saved as PNG and SVG."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import goalchain as gc
from goalchain.exceptions import (
    FileFormatError,
    GoalchainError,
    InvalidValueError,
    MissingDependencyError,
    ProgressionError,
    UnknownElementError,
)
from goalchain.progression import assess
from goalchain.report import plot_status_overview, plot_trajectory, save_figure
from goalchain.units import possible_range

matplotlib = pytest.importorskip("matplotlib")
from matplotlib.figure import Figure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SV_LEGEND = ["Årsmål", "Utfall", "Prognos", "Målvärde", "Utgångsvärde"]
EN_LEGEND = ["Annual target", "Actual", "Forecast", "Target", "Baseline"]


def _svg_texts(path: Path) -> list[str]:
    """Every text of an SVG file (parsed as XML), stripped."""
    root = ET.parse(path).getroot()
    return [
        text.strip()
        for element in root.iter()
        if element.tag.endswith("text")
        for text in ["".join(element.itertext())]
        if text.strip()
    ]


def _legend(fig: Figure) -> list[str]:
    legend = fig.axes[0].get_legend()
    assert legend is not None
    return [text.get_text() for text in legend.get_texts()]


def _line(fig: Figure, label: str) -> Any:
    found = [line for line in fig.axes[0].get_lines() if line.get_label() == label]
    assert len(found) == 1, label
    return found[0]


def _small_chain() -> gc.GoalChain:
    """Values between 1 and 2, so the value axis has ticks with a decimal comma."""
    chain = gc.GoalChain(name="Exempel", model="classic")
    chain.add_goal("vision", "Vision", level="vision")
    chain.add_goal(
        "kf1", "En trygg skola för alla barn och unga", level="council", parents=["vision"]
    )
    chain.add_goal("kf2", "Ett hållbart samhälle", level="council", parents=["vision"])
    chain.add_indicator(
        "i1",
        "Läsförmåga, index",
        parents=["kf1"],
        unit="dimensionless",
        baseline=(2022, 1.2),
        target=(2026, 1.8),
    )
    chain.add_indicator(
        "i2",
        "Andel nöjda",
        parents=["kf1"],
        unit="percent",
        baseline=(2022, 70.0),
        target=(2026, 80.0),
    )
    chain.add_indicator("i3", "Utan mål", parents=["kf2"], unit="percent")
    chain.record("i1", 2023, 1.3)
    chain.record("i1", 2024, 1.45)
    chain.record("i2", 2023, 69.0)
    chain.record("i2", 2025, 75.0)
    return chain


# ------------------------------------------------------------------ every example


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_indicator_of_every_example_has_a_trajectory(path: Path, tmp_path: Path) -> None:
    chain = gc.load(path)
    drawn = []
    for indicator in chain.indicators():
        if indicator.baseline is None or indicator.target is None:
            continue
        fig = plot_trajectory(chain, indicator.id, year=2024)
        assert isinstance(fig, Figure)
        ax = fig.axes[0]
        assert ax.get_title(loc="left").replace("\n", " ") == indicator.title
        assert ax.get_xlabel() == "År"
        legend = _legend(fig)
        assert {"Årsmål", "Målvärde", "Utgångsvärde"} <= set(legend)
        trajectory = indicator.trajectory()
        annual = _line(fig, "Årsmål")
        assert list(annual.get_xdata()) == sorted(trajectory.magnitudes)
        assert list(annual.get_ydata()) == [trajectory.magnitudes[y] for y in sorted(trajectory)]
        actuals = {
            p.year: v for p, v in chain.series(indicator.id).items() if p.is_year and p.year <= 2024
        }
        if actuals:
            assert dict(zip(*_line(fig, "Utfall").get_data(), strict=True)) == actuals
        target = _line(fig, "Målvärde")
        assert list(target.get_xdata()) == [indicator.target.year]
        assert list(target.get_ydata()) == [indicator.target.value]
        result = assess(trajectory, actuals, year=2024)
        if "Prognos" in legend:
            xs, ys = _line(fig, "Prognos").get_data()
            assert list(xs) == [result.year, indicator.target.year]
            # the follow-up's forecast, limited as every output limits it (issue 12)
            row = chain.follow_up(2024)[indicator.id]
            assert ys[-1] == pytest.approx(row.forecast)
            low, high = possible_range(indicator.unit, [*actuals.values()])
            assert (low is None or ys[-1] >= low) and (high is None or ys[-1] <= high)
        drawn.append(fig)
    assert drawn, "every example has indicators with a baseline and a target"
    png = save_figure(drawn[0], tmp_path / "trajectory.png")
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    texts = _svg_texts(save_figure(drawn[-1], tmp_path / "trajectory.svg"))
    assert {"Årsmål", "År"} <= set(texts)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_has_a_status_overview(path: Path, tmp_path: Path) -> None:
    chain = gc.load(path)
    result = chain.rollup(2024)
    fig = plot_status_overview(chain, result)
    ax = fig.axes[0]
    goals = [g for level in chain.council_levels() for g in chain.goals(level=level)]
    assert len(goals) > 0
    ticks = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert ticks == [g.title for g in goals]
    # the goal's own status label at the end of its bar, in the scale's colour
    badges = [t for t in ax.texts if t.get_position()[0] > 100]
    assert [t.get_text() for t in badges] == [
        result.scale.label(result[g.id].status) for g in goals
    ]
    # the counts written on the segments add up to the direct children
    counts = sum(int(t.get_text()) for t in ax.texts if t.get_text().isdigit())
    assert counts == sum(len(chain.children(g.id)) for g in goals)
    assert _legend(fig) == ["uppfyllt", "delvis uppfyllt", "ej uppfyllt", "ej bedömt"]
    assert save_figure(fig, tmp_path / "overview.png").read_bytes().startswith(PNG_SIGNATURE)
    texts = _svg_texts(save_figure(fig, tmp_path / "overview.svg"))
    assert "Måluppfyllelse 2024" in texts
    assert {"uppfyllt", "delvis uppfyllt", "ej uppfyllt", "ej bedömt"} <= set(texts)


# ------------------------------------------------------------------ contents


def test_svg_keeps_swedish_labels_as_text(tmp_path: Path) -> None:
    chain = _small_chain()
    texts = _svg_texts(save_figure(plot_trajectory(chain, "i1"), tmp_path / "i1.svg"))
    assert set(SV_LEGEND) <= set(texts)
    assert "År" in texts and "Värde" in texts
    assert any(re.fullmatch(r"1,\d+", t) for t in texts), texts  # a tick such as 1,4
    assert not any(re.fullmatch(r"1\.\d+", t) for t in texts)
    assert "1,8" in texts  # the target's annotation
    assert "Bedömning 2024: i fas" in texts or any(t.startswith("Bedömning 2024") for t in texts)
    svg = (tmp_path / "i1.svg").read_text(encoding="utf-8")
    assert "<path" in svg and "Årsmål" in svg  # text, not glyph outlines


def test_every_saved_svg_is_named_after_its_figure(tmp_path: Path) -> None:
    """Each SVG file has its own <title>, the indicator's name as written (issue 16)."""
    chain = gc.load(ROOT / "examples" / "grastorp.yaml")
    titles = []
    for k, indicator in enumerate(list(chain.indicators())[:3]):
        path = save_figure(plot_trajectory(chain, indicator.id), tmp_path / f"{k}.svg")
        root = ET.parse(path).getroot()
        title = root.find("{http://www.w3.org/2000/svg}title")
        assert title is not None and title.text == indicator.title
        assert list(root).index(title) == 0  # read first
        titles.append(title.text)
    assert len(set(titles)) == 3
    overview = plot_status_overview(chain, chain.rollup(2024))
    root = ET.parse(save_figure(overview, tmp_path / "overview.svg")).getroot()
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text and "2024" in title.text
    dollars = gc.GoalChain(name="Kostnad")
    dollars.add_indicator(
        "i1", "Kostnad $ per elev & år", unit="kr", baseline=(2022, 1.0), target=(2026, 2.0)
    )
    root = ET.parse(save_figure(plot_trajectory(dollars, "i1"), tmp_path / "d.svg")).getroot()
    assert root.findtext("{http://www.w3.org/2000/svg}title") == "Kostnad $ per elev & år"


def test_status_labels_in_svg(tmp_path: Path) -> None:
    chain = gc.load(ROOT / "examples" / "nynashamn.yaml")
    fig = plot_status_overview(chain, chain.rollup(2024))
    texts = _svg_texts(save_figure(fig, tmp_path / "overview.svg"))
    assert "delvis uppfyllt" in texts
    assert any("," not in t and t.isdigit() for t in texts)  # the counts


def test_percent_axis_label_and_forecast() -> None:
    chain = _small_chain()
    fig = plot_trajectory(chain, "i2")
    assert fig.axes[0].get_ylabel() == "Andel (%)"
    assert _legend(fig)[:3] == ["Årsmål", "Utfall", "Prognos"]
    # as of 2024, the actual of 2025 is left out and the forecast starts at 2023
    fig = plot_trajectory(chain, "i2", year=2024)
    assert list(_line(fig, "Utfall").get_xdata()) == [2023]
    assert list(_line(fig, "Prognos").get_xdata()) == [2023, 2026]


def test_without_actuals_there_is_no_forecast() -> None:
    chain = _small_chain()
    fig = plot_trajectory(chain, "i2", year=2022)
    assert _legend(fig) == ["Årsmål", "Målvärde", "Utgångsvärde"]


def test_english_on_request(tmp_path: Path) -> None:
    chain = _small_chain()
    fig = plot_trajectory(chain, "i1", lang="en")
    ax = fig.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Year", "Value")
    assert _legend(fig) == EN_LEGEND
    texts = _svg_texts(save_figure(fig, tmp_path / "en.svg"))
    assert any(re.fullmatch(r"1\.\d+", t) for t in texts)
    assert not any(re.fullmatch(r"1,\d+", t) for t in texts)
    assert plot_trajectory(chain, "i2", lang="en").axes[0].get_ylabel() == "Share (%)"
    overview = plot_status_overview(chain, chain.rollup(2024), lang="en")
    assert _legend(overview) == ["achieved", "partly achieved", "not achieved", "not assessed"]
    assert overview.axes[0].get_title(loc="left") == "Goal fulfilment 2024"
    assert overview.axes[0].get_ylabel() == "Council goal"
    interim = plot_status_overview(chain, chain.rollup("2024-delår"), lang="en")
    assert interim.axes[0].get_title(loc="left") == "Goal fulfilment interim 2024"


def test_scope_descendants_counts_everything_below() -> None:
    chain = gc.load(ROOT / "examples" / "lerum.yaml")
    result = chain.rollup(2024)
    fig = plot_status_overview(chain, result, scope="descendants")
    goals = chain.goals(level="council")
    counts = sum(int(t.get_text()) for t in fig.axes[0].texts if t.get_text().isdigit())
    assert counts == sum(len(chain.descendants(g.id)) for g in goals)
    assert fig.axes[0].get_xlabel() == "Andel av alla underliggande delar (%)"


def test_a_council_goal_without_children() -> None:
    chain = gc.GoalChain(name="Tom", model="classic")
    chain.add_goal("vision", "Vision", level="vision")
    chain.add_goal("kf1", "Ett mål utan nedbrytning", level="council", parents=["vision"])
    fig = plot_status_overview(chain, chain.rollup(2024))
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "inga underliggande delar" in texts and "ej bedömt" in texts


def test_custom_scale_colours_and_contrasting_counts() -> None:
    chain = gc.load(ROOT / "examples" / "nynashamn.yaml")
    result = chain.rollup(2024)
    fig = plot_status_overview(chain, result)
    ax = fig.axes[0]
    green = matplotlib.colors.to_rgba(result.scale.colour("achieved"))
    assert any(patch.get_facecolor() == green for patch in ax.patches)
    # white on the dark green, black on the yellow
    on_green = [t for t in ax.texts if t.get_text().isdigit() and t.get_position()[0] < 20]
    assert on_green and matplotlib.colors.to_hex(on_green[0].get_color()) == "#ffffff"


def test_draws_into_given_axes() -> None:
    chain = _small_chain()
    fig = Figure(figsize=(12, 4))
    left, right = fig.subplots(1, 2)
    assert plot_trajectory(chain, "i1", ax=right) is fig
    assert plot_status_overview(chain, chain.rollup(2024), ax=left) is fig
    assert len(fig.axes) == 2
    assert right.get_title(loc="left") == "Läsförmåga, index"
    assert left.get_title(loc="left") == "Måluppfyllelse 2024"
    sub = Figure().subfigures(1, 2)[1]
    assert plot_trajectory(chain, "i1", ax=sub.add_subplot()) is sub.figure


# ------------------------------------------------------------------ bad input


def test_bad_inputs_raise_clear_errors() -> None:
    chain = _small_chain()
    with pytest.raises(UnknownElementError, match=r"'nope'.*known ids") as err:
        plot_trajectory(chain, "nope")
    assert isinstance(err.value, KeyError)
    with pytest.raises(InvalidValueError, match="'kf1' is a goal"):
        plot_trajectory(chain, "kf1")
    with pytest.raises(ProgressionError, match=r"'i3'.*no baseline and no target") as perr:
        plot_trajectory(chain, "i3")
    assert perr.value.element == "i3" and isinstance(perr.value, ValueError)
    chain.update("i3", baseline=(2022, 50.0))
    with pytest.raises(ProgressionError, match=r"has no target$"):
        plot_trajectory(chain, "i3")
    with pytest.raises(InvalidValueError, match="lang"):
        plot_trajectory(chain, "i1", lang="de")
    result = chain.rollup(2024)
    with pytest.raises(InvalidValueError, match="scope"):
        plot_status_overview(chain, result, scope="everything")
    with pytest.raises(InvalidValueError, match="lang"):
        plot_status_overview(chain, result, lang="fi")
    other = gc.load(ROOT / "examples" / "burlov.yaml")
    with pytest.raises(UnknownElementError, match="roll-up result"):
        plot_status_overview(other, result)  # a roll-up of another chain
    flat = gc.GoalChain(name="Platt", model="classic")
    flat.add_goal("vision", "Vision", level="vision")
    with pytest.raises(InvalidValueError, match="no goal at the council levels council"):
        plot_status_overview(flat, flat.rollup(2024))


def test_save_refuses_other_formats_and_bad_dpi(tmp_path: Path) -> None:
    fig = plot_trajectory(_small_chain(), "i1")
    for name in ("plot.jpg", "plot", "plot.png.txt"):
        with pytest.raises(FileFormatError, match=r"\.png, \.svg, \.pdf") as err:
            save_figure(fig, tmp_path / name)
        assert err.value.file == str(tmp_path / name)
    for dpi in (0, -5, float("nan"), True, "150"):
        with pytest.raises(InvalidValueError, match="dots per inch"):
            save_figure(fig, tmp_path / "plot.png", dpi=dpi)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
    upper = save_figure(fig, str(tmp_path / "PLOT.SVG"))
    assert upper == tmp_path / "PLOT.SVG" and upper.read_bytes().startswith(b"<?xml")


def test_a_pdf_has_searchable_text_and_no_date(tmp_path: Path) -> None:
    fig = plot_trajectory(_small_chain(), "i1")
    first = save_figure(fig, tmp_path / "a.pdf").read_bytes()
    assert first.startswith(b"%PDF")
    assert b"/CreationDate" not in first
    assert b"/FontFile2" in first  # the font embedded as TrueType (pdf.fonttype 42)
    assert save_figure(fig, tmp_path / "b.PDF").read_bytes() == first


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingDependencyError, match=r"malkedja\[plot\]") as err:
        plot_trajectory(_small_chain(), "i1")
    assert isinstance(err.value, (GoalchainError, ImportError))


# ------------------------------------------------------------------ files and state


def test_save_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fig = plot_trajectory(_small_chain(), "i1")
    path = tmp_path / "plot.png"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    save_figure(fig, path, dpi=50)
    assert path.read_bytes().startswith(PNG_SIGNATURE)
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in tmp_path.iterdir()] == ["plot.png"]

    before = path.read_bytes()

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="disk full"):
        save_figure(fig, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plot.png"]


def test_svg_is_reproducible(tmp_path: Path) -> None:
    chain = _small_chain()
    first = save_figure(plot_trajectory(chain, "i1"), tmp_path / "a.svg").read_bytes()
    second = save_figure(plot_trajectory(chain, "i1"), tmp_path / "b.svg").read_bytes()
    assert first == second
    assert b"<dc:date>" not in first


def test_no_global_matplotlib_state_changes(tmp_path: Path) -> None:
    before = dict(matplotlib.rcParams)
    chain = _small_chain()
    save_figure(plot_trajectory(chain, "i1"), tmp_path / "t.svg")
    save_figure(plot_status_overview(chain, chain.rollup(2024)), tmp_path / "s.png")
    assert dict(matplotlib.rcParams) == before


def test_works_in_threads(tmp_path: Path) -> None:
    chain = _small_chain()
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            fig = plot_trajectory(chain, "i1" if k % 2 else "i2")
            save_figure(fig, tmp_path / f"{k}.svg")
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all("Årsmål" in _svg_texts(tmp_path / f"{k}.svg") for k in range(4))


def test_import_does_not_import_matplotlib_and_plots_need_no_pyplot(tmp_path: Path) -> None:
    code = (
        "import sys, goalchain\n"
        "assert 'matplotlib' not in sys.modules, 'imported at import time'\n"
        "from goalchain.report import plot_trajectory, save_figure\n"
        "assert 'matplotlib' not in sys.modules\n"
        "chain = goalchain.io.load_demo()\n"
        "i = chain.indicators()[0].id\n"
        f"save_figure(plot_trajectory(chain, i), {str(tmp_path / 'demo.png')!r})\n"
        "assert 'matplotlib' in sys.modules\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'\n"
        "print('ok')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
    assert (tmp_path / "demo.png").read_bytes().startswith(PNG_SIGNATURE)
