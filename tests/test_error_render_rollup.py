"""The errors of the units, roll-up and report layers and of ``goalchain import`` keep a
template and render in the user's language (issue 15): a sample, one or more per module."""

from __future__ import annotations

import argparse
import io
import math
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

import goalchain as gc
import goalchain.rollup as ru
from _catalogs import catalog_of
from goalchain import _cli_import
from goalchain.exceptions import GoalchainError
from goalchain.report import _graph as report_graph
from goalchain.report._followup import period_warning
from goalchain.rollup._result import reason_fields
from goalchain.units import convert, parse_number, parse_quantity, parse_unit


def _raised(raise_it: Callable[[], object]) -> GoalchainError:
    with pytest.raises(GoalchainError) as info:
        raise_it()
    error = info.value
    assert error.template is not None, str(error)
    assert error.render("en") == str(error)
    return error


UNITS = [
    (lambda: parse_number("12 kr"), "väntade ett tal utan enhet, fick '12 kr'"),
    (lambda: parse_number("x" * 600), "'xxxxxxxxxxxx"),
    (lambda: parse_number("x" * 600), "... (600 tecken) är 600 tecken lång"),
    (lambda: parse_number("1٣"), "'1٣': tecknet '٣' (ARABIC-INDIC DIGIT THREE) är ingen siffra"),
    (lambda: parse_number("²"), "tecknet '²' (SUPERSCRIPT TWO) är ingen siffra 0-9"),
    (lambda: parse_number("tolv"), "kan inte läsa ett tal ur 'tolv'; skriv till exempel"),
    (lambda: parse_number("10²"), "efter talet är ingen siffra 0-9"),
    (lambda: parse_number("1" * 41), "har 41 siffror; ett tal har högst 40 siffror"),
    (lambda: parse_number("1" * 320), "siffror och är för stort för ett ändligt tal"),
    (lambda: parse_number("1e400"), "'1e400' är för stort för ett ändligt tal"),
    (lambda: parse_number("1e-400"), "'1e-400' är för litet för att skiljas från 0"),
    (lambda: parse_quantity([1]), "väntade ett tal, en text som '12,5 %'"),
    (lambda: parse_quantity(10**400), "ett heltal med omkring 401 siffror är för stort"),
    (lambda: parse_quantity(float("nan")), "nan är inget ändligt tal"),
    (lambda: convert("1e400 kr", "kr", element="i1"), "'i1': '1e400 kr' är för stort"),
    (lambda: convert("ett", "kr", element="i1", field="value"), "'i1', fältet 'value': kan"),
    (lambda: parse_unit("k" * 101), ": den är 101 tecken lång; en enhet har högst 100"),
    (lambda: parse_unit("miles"), "en engelsk mile är 1,609 km, en svensk mil 10 km; skriv"),
    (lambda: parse_unit("miles"), "'mil' (svensk mil, 10 km), 'km', 'international_mile'"),
    (lambda: parse_unit("ton**-1 * kiloton"), "'ton' eller 't' (1000 kg)"),
    # the unit grammar (goalchain._unit_grammar): what in the text cannot be read
    (lambda: parse_unit("kr/0"), "okänd enhet 'kr/0': talet 0: ett tal i en enhet är 1"),
    (
        lambda: parse_unit("kr**9**9**9"),
        "potensen 9 är för stor; potenser är heltal från -4 till 4",
    ),
    (lambda: parse_unit("kr**0.5"), "potensen 0.5 är inget heltal; potenser är heltal"),
    (lambda: parse_unit("kr**"), "potensen efter '**' saknas; potenser"),
    (lambda: parse_unit("kr**x"), "potensen efter '**' är 'x'; potenser"),
    (lambda: parse_unit("kr/٣"), "tecknet '٣' (ARABIC-INDIC DIGIT THREE) är ingen siffra 0-9"),
    (lambda: parse_unit("kr ! inv"), "tecknet '!' (EXCLAMATION MARK) vid tecken 4 hör inte hemma"),
    (lambda: parse_unit("kr/xyzzy"), "'xyzzy' är ingen enhet som goalchain känner till"),
    (lambda: parse_unit("kr)"), "')' vid tecken 3 stänger ingenting"),
    (lambda: parse_unit("(kr"), "'(' vid tecken 1 stängs aldrig"),
    (lambda: parse_unit("((((((kr))))))"), "dess parenteser är nästlade djupare än 4 nivåer"),
    (lambda: parse_unit("kr/"), "den slutar där en enhet borde följa"),
    (lambda: parse_unit("per inv"), "en enhet börjar inte med 'per' utom före ett tal"),
    (lambda: parse_unit("12345678 kr"), "talet '12345678' har fler än 7 siffror; ett tal i en"),
    (lambda: parse_unit("1000 m"), "1000 m: ett tal i en enhet är 1"),
    (lambda: parse_unit("1000 kr²"), "1000 kr tar ingen potens; ett tal i en enhet"),
    (lambda: parse_unit("m**2**2"), "potensen '**' vid tecken 5 följer på en annan potens"),
    (lambda: parse_unit("(m**4)**2"), "'meter' får potensen 8; potenser är heltal från -4 till 4"),
]


@pytest.mark.parametrize(("raise_it", "swedish"), UNITS)
def test_the_errors_of_units_render_in_swedish(
    raise_it: Callable[[], object], swedish: str
) -> None:
    assert swedish in _raised(raise_it).render("sv")


def test_an_ambiguous_unit_keeps_its_words_when_located() -> None:
    error = _raised(lambda: convert("5 miles", "km", element="i1", field="value"))
    assert error.render("sv").startswith("'i1', fältet 'value': tvetydig enhet 'miles': en")
    assert "'mil' (Swedish mil, 10 km)" in error.use  # type: ignore[attr-defined]


def test_a_pint_quantity_with_a_unit_goalchain_lacks_is_worded() -> None:
    import pint

    other = pint.UnitRegistry()
    other.define("smoot = 1.7018 * meter")
    error = _raised(lambda: parse_quantity(other.Quantity(1, "smoot")))
    assert "'smoot' är ingen enhet som goalchain känner till" in error.render("sv")


def test_a_character_is_described_in_a_third_language(tmp_path: Path) -> None:
    with catalog_of(tmp_path, {"{char!r} ({name})": "merkki {char!r} ({name})"}):
        error = _raised(lambda: parse_number("1٣"))
        assert "merkki '٣' (ARABIC-INDIC DIGIT THREE)" in error.render("fi")


# ------------------------------------------------------------------ roll-up
def _chain() -> gc.GoalChain:
    chain = gc.GoalChain(name="Test")
    chain.add_goal("kf1", "Mål", level="council")
    chain.add_indicator(
        "i1", "Andel", parents="kf1", unit="percent", baseline=(2022, 70.0), target=(2024, 74.0)
    )
    chain.record("i1", 2023, 72.0)
    return chain


class _Named:
    def __init__(self, name: str, combine: Callable[..., object]):
        self.name = name
        self.combine = combine


def _boom(*args: object, **kwargs: object) -> float:
    raise ZeroDivisionError("oops")


def _strategy(combine: Callable[..., object]) -> Callable[[], object]:
    return lambda: _chain().rollup(2023, strategy=_Named("egen", combine))


def _threshold(params: object) -> Callable[[], object]:
    def roll_up() -> object:
        chain = _chain()
        chain.update("kf1", extra={"rollup_params": params})
        return chain.rollup(2023, strategy="threshold")

    return roll_up


ROLLUP = [
    (lambda: ru.StatusScale(achieved=1.5), "fältet 'achieved': väntade ett tal i [0, 1], fick 1.5"),
    (lambda: ru.StatusScale(achieved=0.6, partly=0.8), "delvis uppfyllt (0.8) ligger över"),
    (lambda: ru.StatusScale(labels=["x"]), "från status till etiketter per språk, fick ['x']"),
    (lambda: ru.StatusScale(colours={"best": "#fff"}), "okänd status 'best'; statusar: achieved"),
    (lambda: ru.StatusScale(labels={"partly": "x"}), "väntade etiketter per språk som {sv: upp"),
    (lambda: ru.StatusScale(colours={"partly": "red"}), "väntade en CSS-färg i hex som '#2e7d32'"),
    (lambda: ru.StatusScale(colours="red"), "från status till CSS-färger, fick 'red'"),
    (lambda: ru.StatusScale.from_mapping([1]), "väntade en mappning med achieved, partly"),
    (lambda: ru.StatusScale.from_mapping({"x": 1}), "fältet 'x': okända fält x; giltiga: achieved"),
    (_strategy(_boom), "sammanvägningsstrategin 'egen' misslyckades för 'kf1': ZeroDivisionError"),
    (_strategy(lambda *a: 2.0), "sammanvägningsstrategin 'egen' gav poängen 2.0 för 'kf1'"),
    (_strategy(lambda *a: "hög"), "sammanvägningsstrategin 'egen' gav 'hög' för 'kf1'; väntade"),
    (
        _strategy(lambda *a: ru.StrategyResult(score=0.5, status="bra")),
        "gav statusen 'bra' för 'kf1'; statusar:",
    ),
    (
        _strategy(lambda *a: ru.StrategyResult(score=0.5, reason_code="nope")),
        "sammanvägningsstrategin 'egen' för 'kf1': okänd orsakskod 'nope'; koder:",
    ),
    (
        lambda: ru.Weighted().combine(
            SimpleNamespace(id="kf1"), [ru.ChildResult("a", 1.0, "x", 0)], 0
        ),
        "'kf1': de underliggande delarnas vikter summerar till noll",
    ),
    (lambda: _chain().rollup(2023, gender="X"), "väntade T (totalt), K (kvinnor) eller M (män)"),
    (lambda: ru.rollup(_chain(), 2023, engine="x"), "motorn måste vara 'auto', 'plain' eller"),
    (lambda: reason_fields(None, "nope"), "okänd orsakskod 'nope'; koder: after_due"),
    (lambda: ru.TargetMet(tolerance=-1), "väntade ett tal >= 0, fick -1"),
    (_threshold([2]), "'kf1', fältet 'rollup_params': väntade en mappning som {k: 2} eller"),
    (_threshold({"k": 1, "share": 1}), "ange antingen 'k' eller 'share', fick k, share"),
    (_threshold({"k": 0}), "'k' måste vara ett heltal >= 1, fick 0"),
    (_threshold({"share": 2}), "'share' måste vara ett tal i (0, 1], fick 2"),
    (lambda: ru.TargetMet(tolerance=math.inf), "väntade ett ändligt tal >= 0, fick inf"),
    (lambda: ru.TargetMet(partly_within="mycket"), "partly_within 'mycket' är ogiltigt; ange"),
]


@pytest.mark.parametrize(("raise_it", "swedish"), ROLLUP)
def test_the_errors_of_the_rollup_render_in_swedish(
    raise_it: Callable[[], object], swedish: str
) -> None:
    assert swedish in _raised(raise_it).render("sv")


@pytest.mark.parametrize(("result", "swedish"), [(_boom, "ZeroDivisionError"), (lambda *a: 7, "7")])
def test_the_errors_of_a_leaf_scorer_render_in_swedish(result: object, swedish: str) -> None:
    ru.register_scorer("egen", result)
    try:
        error = _raised(lambda: _chain().rollup(2023, scorer="egen"))
    finally:
        ru.scorers.unregister("egen")
    assert "poängsättningen 'egen'" in error.render("sv") and swedish in error.render("sv")


def test_a_leaf_scorer_refusing_its_period_gives_the_reason_in_every_language() -> None:
    def refuse(indicator: gc.Indicator, actual: float, period: gc.Period) -> float:
        gc.Period.parse("2023-X9")
        return 1.0

    ru.register_scorer("egen", refuse)
    try:
        node = _chain().rollup(2023, scorer="egen")["i1"]
    finally:
        ru.scorers.unregister("egen")
    assert node.score is None
    assert node.reason is not None and "cannot read period" in node.reason
    assert node.reason_in("en") == node.reason
    assert "kan inte läsa perioden" in (node.reason_in("sv") or "")


# ------------------------------------------------------------------- report
def _plot_chain() -> gc.GoalChain:
    chain = _chain()
    chain.add_indicator("i2", "Utan mål", parents="kf1", unit="percent")
    return chain


def _figure() -> object:
    pytest.importorskip("matplotlib")
    from goalchain.report import plot_trajectory

    return plot_trajectory(_chain(), "i1")


def _save(name: str, **kwargs: object) -> Callable[[], object]:
    def save() -> object:
        from goalchain.report import save_figure

        return save_figure(_figure(), Path(name), **kwargs)  # type: ignore[arg-type]

    return save


def _plot(*args: object, **kwargs: object) -> Callable[[], object]:
    def plot() -> object:
        pytest.importorskip("matplotlib")
        from goalchain import report

        function = report.plot_trajectory if args else report.plot_status_overview
        chain = _plot_chain()
        if args:
            return function(chain, *args)  # type: ignore[operator]
        return function(chain, chain.rollup(2023), **kwargs)  # type: ignore[operator]

    return plot


def _frame() -> object:
    pytest.importorskip("pandas")
    from goalchain.report import spreadsheet_safe

    return spreadsheet_safe([1])  # type: ignore[arg-type]


def _other_result() -> object:
    pytest.importorskip("matplotlib")
    from goalchain.report import plot_status_overview

    return plot_status_overview(_plot_chain(), _chain().rollup(2023))


def _no_council_goal() -> object:
    pytest.importorskip("matplotlib")
    from goalchain.report import plot_status_overview

    chain = gc.GoalChain(name="Tom")
    return plot_status_overview(chain, chain.rollup(2023))


REPORT = [
    (_plot("kf1"), "en målbana ritas för en indikator, och 'kf1' är av typen mål"),
    (_plot("i2"), "indikatorn har inget utgångsvärde och inget målvärde"),
    (_plot(scope="alla"), "fältet 'scope': 'alla' är ogiltigt; välj ett av:"),
    (_no_council_goal, "kedjan har inget mål på fullmäktigenivåerna"),
    (_other_result, "inget element med id 'i2' i kedjan (finns inte i sammanvägningens resultat"),
    (lambda: _chain().to_mermaid(direction="XY"), "riktningen måste vara en av TD, "),
    (_save("figur"), "figur: kan inte spara en figur i en fil utan filändelse; använd en av: .png"),
    (_save("figur.gif"), "kan inte spara en figur som '.gif'; använd en av: .png"),
    (_save("figur.png", dpi=0), "väntade en upplösning i (0, 2400] punkter per tum, fick 0"),
    (_frame, "fältet 'frame': väntade en pandas DataFrame, fick list"),
    (
        lambda: report_graph.text_colour("red"),
        "väntade en CSS-färg i hex som '#2e7d32', fick 'red'",
    ),
    (lambda: period_warning(_chain(), 2023, gender="X"), "okänt kön 'X'; giltiga: T (alla)"),
]


@pytest.mark.parametrize(("raise_it", "swedish"), REPORT)
def test_the_errors_of_the_report_render_in_swedish(
    raise_it: Callable[[], object], swedish: str
) -> None:
    assert swedish in _raised(raise_it).render("sv")


def test_a_trajectory_without_one_of_baseline_and_target_says_which() -> None:
    pytest.importorskip("matplotlib")
    from goalchain.report import plot_trajectory

    chain = _chain()
    chain.add_indicator("i3", "Utan mål", parents="kf1", unit="percent", baseline=(2022, 1.0))
    error = _raised(lambda: plot_trajectory(chain, "i3"))
    assert str(error).endswith("the indicator has no target")
    assert error.render("sv").endswith("indikatorn har inget målvärde")


# ------------------------------------------------------- goalchain import
def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="goalchain")
    _cli_import.add_parsers(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_a_bad_cell_in_goalchain_import_renders_in_any_language(tmp_path: Path) -> None:
    source = tmp_path / "kedja.yaml"
    gc.dump(_chain(), source)
    data = tmp_path / "d.csv"
    data.write_text("Mått;år;värde\ni1;2024;81,5\ni1;2023;x\n", encoding="utf-8")
    args = _parse(["import", str(source), str(data), "--in-place", "--mapping", "Mått=indicator"])
    with pytest.raises(_cli_import.CommandError) as info:
        _cli_import.run_import(args, io.StringIO())
    error = info.value
    assert error.template is not None
    assert "d.csv:3:3: rad 3, kolumn C" in str(error) == error.render("sv")  # --lang sv
    assert "d.csv:3:3: row 3, column C" in error.render("en")


def test_a_file_goalchain_import_cannot_write_renders_in_any_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from goalchain import io as gio
    from goalchain.exceptions import FileWriteError

    def refuse(chain: object, path: object) -> None:
        raise FileWriteError(str(path), errno.ENOSPC, "No space left on device")

    source = tmp_path / "kedja.yaml"
    gc.dump(_chain(), source)
    data = tmp_path / "d.csv"
    data.write_text("indicator;year;value\ni1;2024;81,5\n", encoding="utf-8")
    from goalchain.io import _yaml_update

    def refuse_update(*args: object) -> bool:
        raise FileWriteError(str(args[2]), errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(gio, "dump", refuse)  # the whole rewrite, after the update
    monkeypatch.setattr(_yaml_update, "update_measurements", refuse_update)
    args = _parse(["import", str(source), str(data), "-o", str(tmp_path / "ny.yaml")])
    with pytest.raises(_cli_import.CommandError) as info:
        _cli_import.run_import(args, io.StringIO())
    error = info.value
    assert error.template is not None
    assert "disken är full" in str(error) and "the disk is full" in error.render("en")


def test_a_rollup_error_and_the_caller_it_names_read_in_a_third_language(tmp_path: Path) -> None:
    words = {
        "roll-up strategy": "koontistrategia",
        "{what} {name!r} returned the score {score!r} for {node!r}; scores lie in [0, 1]": (
            "{what} {name!r} antoi pisteet {score!r} kohteelle {node!r}"
        ),
    }
    with catalog_of(tmp_path, words):
        error = _raised(_strategy(lambda *a: 2.0))
        assert error.render("fi") == "koontistrategia 'egen' antoi pisteet 2.0 kohteelle 'kf1'"
