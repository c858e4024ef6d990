"""The follow-up report: every example, both languages, escaped, self-contained."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest

import goalchain as gc
from _html_check import check
from goalchain._safe_text import html_text as escape_html
from goalchain.cli import main
from goalchain.report import format_value, html, indicator_rows, markdown, trajectory_svg

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_example_reports(path: Path, lang: str) -> None:
    chain = gc.load(path)
    page = html(chain, 2024, lang=lang)
    parsed = check(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not re.search(r'\s(src|href)="', page)  # nothing is fetched: self-contained
    text = "".join(parsed.text)
    for goal in chain.goals():
        assert " ".join(goal.title.split()) in " ".join(text.split())
    # a status label: Lerum's chain has nothing measured for 2024, so every goal reads
    # "ej bedömt" (its activities were due in 2012-2014 and count only up to then)
    labels = {"sv": ("uppfyllt", "ej bedömt"), "en": ("achieved", "not assessed")}
    assert any(label in text for label in labels[lang])
    md = markdown(chain, 2024, lang=lang)
    assert md.startswith("# ") and ("## Indikatorer" in md or "## Indicators" in md)


def test_grastorp_shows_the_dialogue_beside_the_computed_value() -> None:
    chain = gc.load(Path(__file__).parent.parent / "examples" / "grastorp.yaml")
    md = markdown(chain, 2024)
    assert "## Dialogens bedömningar" in md and "dialog (beräknat 0,27)" in md
    assert "Befolkningen minskade något" in md
    assert "Befolkningen minskade något" in "".join(check(html(chain, 2024)).text)


def hostile() -> gc.GoalChain:
    chain = gc.GoalChain(name="<b>Kommun</b>")
    chain.add_goal("kf1", "<script>alert(1)</script> | pipe", level="council")
    chain.add_indicator(
        "i1",
        "Andel <i>nöjda</i>",
        parents=["kf1"],
        unit="percent",
        baseline=(2022, 60.0),
        target=(2026, 80.0),
    )
    chain.add_measurement(
        gc.Measurement(
            indicator="i1",
            period=2024,
            value=70.0,
            unit="percent",
            source="Kolada",
            extra={"fetched_at": "2025-03-01T10:00:00Z"},
        )
    )
    chain.assess("kf1", 2024, status="partly", rationale="<img src=x onerror=alert(1)>")
    return chain


def test_user_text_is_escaped_and_sources_are_named() -> None:
    chain = hostile()
    page = html(chain, 2024)
    parsed = check(page)
    assert {"script", "img", "b", "i"}.isdisjoint(parsed.tags)
    text = "".join(parsed.text)
    assert "<script>alert(1)</script>" in text and "Källa: Kolada, hämtad 1 mars 2025" in text
    md = markdown(chain, 2024, lang="en")
    assert "\\| pipe" in md and "Source: Kolada, fetched 1 March 2025" in md


def test_indicator_rows() -> None:
    chain = hostile()
    (row,) = indicator_rows(chain, year=2024)
    assert (row.expected, row.actual, row.gap, row.source, row.fetched) == (
        70.0,
        70.0,
        0.0,
        "Kolada",
        "2025-03-01",
    )
    assert row.gap_unit == "percentage_point" and row.annual_targets[2026] == 80.0
    # after the target year: the latest actual, with its year, its year's target and source
    (later,) = indicator_rows(chain, year=2030)
    assert (later.expected, later.actual, later.actual_year, later.gap) == (70.0, 70.0, 2024, 0.0)
    assert later.source == "Kolada"
    (before,) = indicator_rows(chain, year=2020)  # before the baseline and every actual
    assert (before.expected, before.actual, before.actual_year, before.gap) == (
        None,
        None,
        None,
        None,
    )
    assert before.measurement is None


def test_cli_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kedja.yaml"
    gc.dump(hostile(), path)
    out = tmp_path / "rapport.html"
    assert main(["report", str(path), "--period", "2024", "-o", str(out)]) == 0
    check(out.read_text(encoding="utf-8"))
    assert main(["report", str(path), "--period", "2024", "--format", "md", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("# Follow-up full year 2024")
    assert main(["report", str(tmp_path / "nej.yaml"), "--period", "2024"]) == 2


def test_the_fetch_date_kolada_fetch_records_is_shown() -> None:
    """``goalchain kolada fetch`` keeps its provenance under ``extra["kolada"]``."""
    chain = hostile()
    chain.add_measurement(
        gc.Measurement(
            indicator="i1",
            period=2023,
            value=65.0,
            unit="percent",
            source="Kolada",
            extra={"kolada": {"kpi": "N15436", "fetched_at": "2025-04-02T08:00:00Z"}},
        )
    )
    (row,) = indicator_rows(chain, year=2023)
    assert row.fetched == "2025-04-02"
    assert "Källa: Kolada, hämtad 2 april 2025" in markdown(chain, 2023)


def test_coverage_and_fetch_dates_are_written_the_way_of_the_language() -> None:
    """Coverage as CLDR's percentage; a fetch date written out; other text kept as it is."""
    chain = hostile()
    sv, en = markdown(chain, 2024), markdown(chain, 2024, lang="en")
    assert "| 1,00 | 100\u00a0% | viktad |" in sv and "| 1.00 | 100% | weighted |" in en
    assert "- Källa: Kolada, hämtad 1 mars 2025" in sv
    assert "- Source: Kolada, fetched 1 March 2025" in en
    chain.add_indicator("i2", "Egen mätning", parents=["kf1"], unit="count")
    chain.record("i2", 2024, 3, source="Enkät", extra={"hämtad": "vecka 12"})
    assert "- Källa: Enkät, hämtad vecka 12" in markdown(chain, 2024)


# ----------------------------------------------------------------- the trial's defects
ROOT = Path(__file__).parent.parent
NBSP = "\u00a0"


def example(name: str) -> gc.GoalChain:
    return gc.load(ROOT / "examples" / f"{name}.yaml")


def md_row(text: str, marker: str) -> list[str]:
    """The cells of the Markdown table row whose first cell contains *marker*, as read
    (backslash escapes such as ``\\*`` undone)."""
    for line in text.splitlines():
        if line.startswith("| ") and marker in line.split(" | ")[0]:
            return [re.sub(r"\\(.)", r"\1", cell.strip()) for cell in line.strip("|").split(" | ")]
    raise AssertionError(f"no row {marker!r}")


def test_a_year_without_its_own_actual_shows_the_latest_with_its_year() -> None:
    """Trelleborg's turnout: the 2022 actual, its year's target and gap, all marked 2022."""
    md = markdown(example("trelleborg"), 2024)
    cells = md_row(md, "(pi_valdeltagande)")
    annual_2022 = format_value(81.4 + 4 * (82.0 - 81.4) / 8, "percent", decimals=1)
    assert cells[1:6] == [
        f"81,4{NBSP}% (2018)",
        annual_2022 + " (2022)",  # the actual's year's target: the row adds up as printed
        f"78,9{NBSP}% (2022)",
        f"\u22122,8{NBSP}p.e. (2022)",
        "försämring",
    ]
    assert "saknar utfall för 2024" in md  # the note says what the year in brackets means
    dwellings = md_row(md, "(i_fardiga_bostader)")
    assert dwellings[3:5] == [f"188{NBSP}st (2023)", f"\u221259{NBSP}st (2023)"]
    en = markdown(example("trelleborg"), 2024, lang="en")
    assert md_row(en, "(pi_valdeltagande)")[3:5] == ["78.9% (2022)", f"-2.8{NBSP}pp (2022)"]
    assert "has no actual for 2024" in en


def test_the_target_column_is_the_actual_years_and_marked_so() -> None:
    md = markdown(example("trelleborg"), 2030)
    assert "Årsmål 2030" in md
    cells = md_row(md, "(pi_invanare)")
    # the actual is 2024's: so are the target and the gap, each marked with the year
    assert cells[2] == f"47{NBSP}710{NBSP}st (2024)"
    assert cells[3] == f"47{NBSP}580{NBSP}st (2024)"
    assert cells[4] == f"\u2212130{NBSP}st (2024)"
    lerum = markdown(example("lerum"), 2024)  # data from 2010-2013, targets for 2014
    row = md_row(lerum, "(q_vantetid)")
    assert row[2] == f"38,5{NBSP}dagar (2013)" and row[3] == f"36{NBSP}dagar (2013)"
    assert row[4] == f"\u22122,5{NBSP}dagar (2013)"


def test_no_actual_at_all_is_a_dash_throughout() -> None:
    md = markdown(example("trelleborg"), 2020)
    assert md_row(md, "(i_behorighet_yrkes)")[2:] == ["–"] * 5


def test_forecasts_stay_possible_and_are_marked_when_limited() -> None:
    md = markdown(example("grastorp"), 2024)
    assert "123,5" not in md and "100,3" not in md
    assert md_row(md, "(vm_nojd_hemtjanst)")[6] == f"100,0{NBSP}% (2026)*"
    assert "* Prognosen begränsad till det möjliga intervallet" in md
    en = markdown(example("nynashamn"), 2024, lang="en")
    assert md_row(en, "(ri_foretag_svar)")[6] == "100.0% (2027)*"
    assert "* Forecast limited to the possible range" in en
    # no mark where nothing was limited
    assert "*" not in md_row(md, "(vm_nojd_sabo)")[6]
    assert "begränsad" not in markdown(example("burlov"), 2024)


@pytest.mark.parametrize("name", ["burlov", "grastorp", "lerum", "nynashamn", "trelleborg"])
def test_counts_are_whole_and_shares_have_one_decimal(name: str) -> None:
    md = markdown(example(name), 2024)
    table = md[md.index("## Indikatorer") : md.index("## SMART")]
    assert not re.search(rf"\d,\d+{NBSP}st", table)  # no 5 749,5 st, no 8,67 st
    shares = re.findall(rf"\d+(?:,\d+)?{NBSP}(?:%|p\.e\.)", table)
    assert shares
    assert all(re.fullmatch(rf"\d+,\d{NBSP}(?:%|p\.e\.)", share) for share in shares), shares


def test_a_dialogue_the_rollup_does_not_use_says_so() -> None:
    """Burlöv's kf3: assessed achieved in the dialogue, partly achieved by the roll-up."""
    burlov = example("burlov")
    md = markdown(burlov, 2024)
    dialogues = md[md.index("## Dialogens bedömningar") : md.index("## Indikatorer")].splitlines()
    (kf3,) = [line for line in dialogues if burlov["kf3"].title in line]
    assert "Sammanvägningen (viktad) ger delvis uppfyllt; bedömningen används inte av den." in kf3
    (kf1,) = [line for line in dialogues if burlov["kf1"].title in line]
    assert "Sammanvägningen" not in kf1  # the same status: nothing to say
    en = markdown(example("burlov"), 2024, lang="en")
    assert "The roll-up (weighted) gives partly achieved; this assessment is not used by it." in en
    text = "".join(check(html(example("burlov"), 2024)).text)
    assert "bedömningen används inte av den" in text
    chain = example("grastorp")
    grastorp = markdown(chain, 2024)
    (boende,) = [line for line in grastorp.splitlines() if f"**{chain['g_boende'].title}**" in line]
    assert "(g_boende)" not in boende  # the name, not the id
    assert "Bedömningen avgör statusen i sammanvägningen (dialog)." in boende


def test_goals_with_the_same_title_are_told_apart_by_their_owner() -> None:
    chain = example("nynashamn")
    md = markdown(chain, 2024)
    assert "| Mål eller aktivitet | Nivå | Ägare | Status |" in md
    rows = [line for line in md.splitlines() if "attraktiv arbetsgivare (" in line]
    assert len(rows) == 4 and len(set(rows)) == 4
    assert any("| Socialnämnden |" in row for row in rows)
    assert "| Goal or activity | Level | Owner | Status |" in markdown(chain, 2024, lang="en")
    lone = gc.GoalChain(name="Utan aktiviteter")  # a chain without activities: goals only
    lone.add_goal("kf1", "Trygg skola", level="council")
    assert "| Mål | Nivå | Ägare | Status |" in markdown(lone, 2024)
    page = html(chain, 2024)
    assert "<th>Ägare</th>" in page
    assert '<td data-label="Ägare">Samhällsbyggnadsnämnden</td>' in page


def test_sources_name_their_indicators_and_kolada_ids() -> None:
    """Each indicator by its name (a reader has no use for "i4"), with its Kolada id."""
    burlov = example("burlov")
    md = markdown(burlov, 2024)
    sources = md[md.index("## Källor") :]
    i1, i2 = burlov["i1"].title, burlov["i2"].title
    assert f"- Källa: Kolada. Indikatorer: {i1} (Kolada N15436); {i2} (Kolada N15419);" in sources
    names = "; ".join(burlov[i].title for i in ("i4", "i7", "i8", "i10"))
    assert f"- Källa: ingen källa angiven. Indikatorer: {names}." in sources
    assert not re.search(r"\bi\d+\b", sources)
    # Lerum's values are from 2010-2013: the report for 2024 shows them, so names their source
    lerum = markdown(example("lerum"), 2024, lang="en")
    assert "## Sources" in lerum
    chain = example("lerum")
    assert f"{chain['q_atervinning'].title} (Kolada U07414)" in lerum
    listed = lerum[lerum.index("## Sources") :]
    assert f"Indicators: {chain['q_energi'].title};" in listed and "q_energi" not in listed
    page = html(hostile(), 2024)
    text = "".join(check(page).text)
    assert "Källa: Kolada, hämtad 1 mars 2025. Indikatorer: Andel <i>nöjda</i>." in text


def test_a_period_without_data_is_said_at_the_top() -> None:
    chain = example("burlov")
    md = markdown(chain, 2019)
    assert md.splitlines()[4].startswith("> Obs: helår 2019 ligger före alla indikatorers")
    en = markdown(chain, 2019, lang="en").splitlines()[4]
    assert en.startswith("> Note: full year 2019 lies before every indicator's baseline year")
    assert "Obs:" not in markdown(chain, 2024)
    lerum = markdown(example("lerum"), 2024)  # after the baselines, but nothing for 2024
    assert "> Obs: kedjan har inga mätvärden för helår 2024" in lerum
    page = html(chain, 2019)
    check(page)
    assert '<p class="gc-alert" role="note">Obs: helår 2019 ligger före' in page


def test_html_aligns_numbers_right_and_text_left() -> None:
    page = html(example("trelleborg"), 2024)
    assert '<td class="gc-num" data-label="Bedömning">försämring</td>' not in page
    assert '<td data-label="Bedömning">försämring</td>' in page
    assert f'<td class="gc-num" data-label="Utfall">78,9{NBSP}% (2022)</td>' in page
    assert '<th class="gc-num">Utfall</th>' in page and "<th>Bedömning</th>" in page
    assert ".gc th.gc-num{text-align:right}" in page


def test_report_charts_have_a_legend_the_target_and_the_forecast() -> None:
    page = html(example("grastorp"), 2024, lang="en")
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert svgs
    chart = next(svg for svg in svgs if "Forecast 2026" in svg)
    text = "".join(check(chart).text)
    for word in ("Annual target", "Actual", "Forecast", "Target"):
        assert word in text
    assert "Target 2026" in text  # the description names the target point
    assert re.search(r'<path d="M[^"]*Z" fill="#1f4e79"', chart)  # the target's marker
    # in English, percentages on the axis are written the English way, at round values
    percent = [svg for svg in svgs if "%" in svg]
    assert percent and all(re.search(r">\d+(\.\d)?%</text>", svg) for svg in percent)
    assert not any("\u00a0%" in svg for svg in percent)


def test_trajectory_svg_escapes_and_marks_what_it_is_given() -> None:
    svg = trajectory_svg(
        {2022: 78.0, 2026: 90.0},
        actuals={2023: 80.5},
        unit="percent",
        forecast=(2026, 100.0),
        lang="sv",
    )
    parsed = check(svg)
    text = "".join(parsed.text)
    assert f"100,0{NBSP}%" in text and "Prognos 2026" in text and "Målvärde 2026" in text
    assert parsed.tags.count("polyline") == 3  # annual targets, actuals, forecast
    no_forecast = "".join(check(trajectory_svg({2022: 1.0, 2026: 2.0})).text)
    assert "Prognos" not in no_forecast and "Utfall" not in no_forecast and "Årsmål" in no_forecast


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def test_the_report_names_strategies_scorers_and_criteria_in_its_language(path: Path) -> None:
    chain = gc.load(path)
    sv = markdown(chain, 2024)
    for key in ("weighted", "progress", "time_bound", "specific", "structure", "dialogue"):
        assert not re.search(rf"\b{key}\b", sv), key
    assert "Sammanvägning: viktad; indikatorer: framsteg mot årsmålet" in sv
    assert "| Tidsatt |" in sv
    en = markdown(chain, "2024-delår", lang="en")
    assert en.startswith("# Follow-up interim 2024")
    assert "| Time-bound |" in en and "delår" not in en.split("\n")[0]


@pytest.mark.parametrize("name", ["burlov", "grastorp"])
def test_the_report_shows_the_chain_once_by_name(name: str) -> None:
    """One view of the chain (the goal table, indented as the tree), names with small ids."""
    chain = example(name)
    page = html(chain, 2024)
    assert '<ul class="gc-tree' not in page  # no second view of the same goals
    table = page[page.index("<table") : page.index("</table>")]
    for element in [*chain.goals(), *chain.activities()]:
        name_cell = f'{escape_html(element.title)} <span class="gc-id">{element.id}</span>'
        assert table.count(name_cell) == 1, element.id  # once, the id small after the name
    text = " ".join("".join(check(page).text).split())
    level = chain.model.level(chain[chain.roots()[0]].level).label("sv")
    assert f"{level} {chain.roots()[0]}" not in text  # no more "Vision vision"


def test_the_report_opens_with_a_summary_per_level_and_its_date() -> None:
    """ "Nämndmål: 3 av 15 uppfyllda, 4 delvis uppfyllda, 1 ej uppfyllt, 7 ej bedömda." """
    chain = example("nynashamn")
    day = dt.date(2025, 3, 14)
    md = markdown(chain, 2024, today=day)
    summary = md.splitlines()[2]
    assert summary == (
        "Vision: 0 av 1 uppfyllda, 1 delvis uppfyllt. Kommunfullmäktiges mål: 1 av 5 "
        "uppfyllt, 4 delvis uppfyllda. Nämndmål: 3 av 15 uppfyllda, 4 delvis uppfyllda, "
        "1 ej uppfyllt, 7 ej bedömda. Rapporten gjordes 14 mars 2025."
    )
    en = markdown(chain, 2024, lang="en", today=day).splitlines()[2]
    assert en.startswith("Vision: 0 of 1 achieved, 1 partly achieved. Council goal: 1 of 5")
    assert en.endswith("Report made on 14 March 2025.")
    page = html(chain, 2024, today=day)
    assert f'<p class="gc-summary">{escape_html(summary)}</p>' in page
    assert dt.date.today().year >= 2025 and "Rapporten gjordes" in markdown(chain, 2024)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_summary_counts_every_goal_once(path: Path) -> None:
    """Per level, the counts add up to the level's goals, as the roll-up gives their statuses."""
    chain = gc.load(path)
    result = chain.rollup(2024)
    summary = markdown(chain, 2024, lang="en", today=dt.date(2025, 1, 1)).splitlines()[2]
    for level in {goal.level for goal in chain.goals()}:
        goals = [goal for goal in chain.goals() if goal.level == level]
        label = chain.model.level(level).label("en")
        found = re.search(rf"(?:^|\. ){re.escape(label)}: ([^.]*)\.", summary)
        assert found, (label, summary)
        achieved = sum(result[g.id].status == "achieved" for g in goals)
        shown = found.group(1)
        assert shown.startswith(f"{achieved} of {len(goals)} achieved")
        numbers = [int(n) for n in re.findall(r"(?:^|, )(\d+)", shown)]
        assert sum(numbers) == len(goals)


@pytest.mark.parametrize("name", ["burlov", "grastorp", "nynashamn"])
def test_the_markdown_tree_survives_rendering(name: str) -> None:
    """Rendered by a real Markdown library, the goal table still shows each row's depth.

    Renderers strip the spaces at the start of a table cell, so the depth is marked
    with visible characters ("↳" under the parent, "· ↳" a level further down).
    """
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py (the test extra)")
    chain = example(name)
    rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(markdown(chain, 2024))
    table = rendered[rendered.index("<tbody>") : rendered.index("</tbody>")]
    cells = [
        re.sub(r"<[^>]+>", "", row.split("</td>")[0]).strip() for row in table.split("<tr>")[1:]
    ]
    depths = []
    for cell in cells:
        found = re.match(r"((?:· )*)(↳ )?(.*)", unescape(cell))
        assert found is not None
        dots, arrow, rest = found.groups()
        assert bool(arrow) or not dots, cell
        depths.append(0 if not arrow else 1 + len(dots) // 2)
        assert not rest.startswith((" ", "\u00a0")), cell
    # the depths are the tree's: each row one deeper than its parent at most
    expected = []

    def walk(node: str, depth: int, seen: set[str]) -> None:
        if node in seen or chain[node].kind not in ("goal", "activity"):
            return
        seen.add(node)
        expected.append(depth)
        if chain[node].kind == "goal":
            for child in chain.children(node):
                walk(child, depth + 1, seen)

    seen: set[str] = set()
    for root in chain.roots():
        walk(root, 0, seen)
    assert depths == expected and max(depths) >= 1
