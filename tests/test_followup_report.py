"""The follow-up report: every example, both languages, escaped, self-contained."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import goalchain as gc
from _html_check import check
from goalchain.cli import main
from goalchain.report import html, indicator_rows, markdown

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
    labels = {"sv": "uppfyllt", "en": "achieved"}
    assert labels[lang] in text
    md = markdown(chain, 2024, lang=lang)
    assert md.startswith("# ") and ("## Indikatorer" in md or "## Indicators" in md)


def test_grastorp_shows_the_dialogue_beside_the_computed_value() -> None:
    chain = gc.load(Path(__file__).parent.parent / "examples" / "grastorp.yaml")
    md = markdown(chain, 2024)
    assert "## Dialogens bedömningar" in md and "dialogue (beräknat 0,27)" in md
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
    (later,) = indicator_rows(chain, year=2030)
    assert later.actual is None and later.measurement is None


def test_cli_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kedja.yaml"
    gc.dump(hostile(), path)
    out = tmp_path / "rapport.html"
    assert main(["report", str(path), "--period", "2024", "-o", str(out)]) == 0
    check(out.read_text(encoding="utf-8"))
    assert main(["report", str(path), "--period", "2024", "--format", "md", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("# Follow-up 2024")
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
    assert "| 1,00 | 100\u00a0% | weighted |" in sv and "| 1.00 | 100% | weighted |" in en
    assert "- Källa: Kolada, hämtad 1 mars 2025" in sv
    assert "- Source: Kolada, fetched 1 March 2025" in en
    chain.add_indicator("i2", "Egen mätning", parents=["kf1"], unit="count")
    chain.record("i2", 2024, 3, source="Enkät", extra={"hämtad": "vecka 12"})
    assert "- Källa: Enkät, hämtad vecka 12" in markdown(chain, 2024)
