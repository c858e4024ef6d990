"""Errors keep their message template and fields, and render in a language (issue 15)."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import goalchain as gc
from _catalogs import catalog_of
from goalchain._i18n import N_
from goalchain.exceptions import (
    CycleError,
    DirectoryNotFoundError,
    FileFormatError,
    FileWriteError,
    GoalchainError,
    InvalidValueError,
    KoladaConflict,
    KoladaConflictError,
    Message,
    Number,
    UnitMismatchError,
    UnknownElementError,
    UnknownLevelError,
    UnknownMethodError,
    UnknownUnitError,
)


def _chain() -> gc.GoalChain:
    chain = gc.GoalChain(name="Test")
    chain.add_goal("vision", "Vision", level="vision")
    chain.add_goal("mal", "Mål", level="council", parents="vision")
    return chain


def test_a_plain_english_message_renders_as_itself_in_every_language() -> None:
    error = InvalidValueError("something odd", element="kf1", field="weight")
    assert error.template is None and error.params == {}
    assert str(error) == "'kf1', field 'weight': something odd"
    # no template: English whatever the language, prefix included (never half Swedish)
    assert error.render("sv") == error.render("en") == str(error)
    assert GoalchainError("plain").render("sv") == "plain"


def test_a_template_keeps_its_fields_beside_the_english_text() -> None:
    error = InvalidValueError(
        N_("an element's id cannot be changed; add a new element"),
        element="kf1",
        field="id",
        params={},
    )
    assert error.template == "an element's id cannot be changed; add a new element"
    assert error.reason == error.template
    assert str(error) == "'kf1', field 'id': an element's id cannot be changed; add a new element"
    assert error.render("en") == str(error)
    assert error.render("sv") == (
        "'kf1', fältet 'id': ett elements id kan inte ändras; lägg till ett nytt element"
    )


def test_render_checks_the_language() -> None:
    with pytest.raises(InvalidValueError, match="unknown language 'xx'"):
        CycleError(["a", "b", "a"]).render("xx")


def test_the_location_leads_in_every_language() -> None:
    error = FileFormatError(
        N_("expected a year, got {year!r}"), file="k.yaml", line=3, field="x", params={"year": 1}
    )
    assert str(error) == "k.yaml:3: x: expected a year, got 1"
    assert error.render("sv") == "k.yaml:3: x: väntade ett år, fick 1"


@pytest.mark.parametrize(
    ("raise_it", "swedish"),
    [
        (lambda c: c["nope"], "inget element med id 'nope' i kedjan; kända id: 'mal', 'vision'"),
        (lambda c: c.link("mal", "vision"), "att länka 'mal' -> 'vision' skulle sluta cirkeln"),
        (lambda c: c.add_goal("vision", "V", level="vision"), "används redan av mål 'Vision'"),
        (lambda c: c.add_goal("x", "X", level="nope"), "okänd nivå 'nope' i styrmodellen"),
        (lambda c: c.link("vision", "mal", weight=-1), "'weight': vikten för länken"),
        (lambda c: c.update("mal", colour="red"), "fältet 'colour': mål har inget fält 'colour'"),
        (lambda c: c.record("mal", 2024, 1), "'mal' är av typen mål"),
        (lambda c: c.assess("mal", "2024-X9", status="achieved"), "kan inte läsa perioden"),
        (lambda c: gc.Period.parse("99999"), "fältet 'period': kan inte läsa perioden '99999'"),
        (lambda c: gc.Period.parse(10_000), "året 10000 ligger utanför det giltiga intervallet"),
        (lambda c: c.add_goal("x", "", level="council", parents="vision"), "väntade en text som"),
        (lambda c: c.add_goal(" x", "X", level="council"), "id ' x' är ogiltigt"),
        (
            lambda c: c.add_indicator(
                "i", "I", level="indicator", parents="mal", unit="%", baseline=(2020, float("nan"))
            ),
            "nan är inget ändligt tal",
        ),
    ],
)
def test_the_errors_a_user_meets_most_render_in_swedish(raise_it: object, swedish: str) -> None:
    chain = _chain()
    with pytest.raises(GoalchainError) as info:
        raise_it(chain)  # type: ignore[operator]
    error = info.value
    assert error.template is not None, str(error)
    assert error.render("en") == str(error)
    assert swedish in error.render("sv")


def test_a_field_that_is_a_message_is_worded_in_the_same_language() -> None:
    error = UnknownMethodError("x", kind="progression method", known=(), field="f")
    assert str(error) == "field 'f': unknown progression method 'x'; registered: none"
    assert error.render("sv").startswith("fältet 'f': progressionsmetoden 'x' finns inte")
    assert error.render("sv").endswith("registrerade: inga")


def test_the_errors_of_exceptions_render_in_swedish() -> None:
    level = UnknownLevelError("q", model="kommun", known=["a", "b"], element="kf1")
    assert (
        level.render("sv") == "'kf1': okänd nivå 'q' i styrmodellen 'kommun'; giltiga nivåer: a, b"
    )
    unit = UnknownUnitError("x" * 100, element="i1", field="unit")
    assert unit.render("sv").startswith("'i1', fältet 'unit': okänd enhet 'xxxx")
    assert "(100 tecken)" in unit.render("sv") and "(100 characters)" in str(unit)
    mismatch = UnitMismatchError(element="i1", expected="percent", got="kr")
    assert mismatch.render("sv").startswith("indikatorn 'i1': enheten 'kr' passar inte")
    unknown = UnknownElementError("z", known=[f"e{i:02}" for i in range(12)])
    assert unknown.render("sv").endswith("'e09' och 2 till")
    assert str(unknown).endswith("'e09' and 2 more")


def test_file_write_error_uses_the_catalog(tmp_path: Path) -> None:
    error = FileWriteError(str(tmp_path / "k.yaml"), errno.EROFS, "Read-only file system")
    assert str(error).endswith(
        f"cannot write the file: the file system of {tmp_path} is read-only; the file is unchanged"
    )
    assert error.render("sv").endswith(
        f"filsystemet för {tmp_path} är skrivskyddat; filen är oförändrad"
    )
    kept = Message("{missing} does not exist", missing="k.yaml.tmp")
    detail = FileWriteError("k.yaml", errno.ENOSPC, None, detail=kept)
    assert detail.render("sv").endswith("disken är full; k.yaml.tmp finns inte")
    assert str(detail).endswith("the disk is full; k.yaml.tmp does not exist")
    missing = DirectoryNotFoundError("/no/such/k.yaml", "/no/such", "/no")
    assert "/no does not exist" in str(missing)
    assert "mappen /no/such finns inte (/no finns inte)" in missing.render("sv")


def test_kolada_conflicts_agree_in_number() -> None:
    one = KoladaConflictError([KoladaConflict("i2", 2021, "T", 60.0, None, 62.4)])
    two = KoladaConflictError([KoladaConflict("i2", y, "T", 60.0, None, 62.4) for y in (1, 2)])
    assert "1 mätvärde som" in one.render("sv") and "2 mätvärden som" in two.render("sv")
    assert "1 measurement already" in str(one) and "2 measurements already" in str(two)
    assert one.render("sv", cli=True) == one.render("sv").replace("replace=True", "--replace")


@given(st.text(max_size=20), st.integers(), st.sampled_from(["sv", "en"]))
def test_a_rendered_message_holds_its_fields(text: str, number: int, lang: str) -> None:
    message = Message(
        N_("weight of link {parent!r} -> {child!r} must be a number >= 0, got {weight!r}"),
        parent=text,
        child="c",
        weight=number,
    )
    rendered = message.render(lang)
    assert repr(text) in rendered and repr(number) in rendered
    assert message.render("en") == str(message)


def test_a_third_language_renders_errors(tmp_path: Path) -> None:
    with catalog_of(tmp_path, {"field {field!r}: ": "kenttä {field!r}: "}):
        error = UnknownMethodError("x", kind="progression method", known=("a",), field="f")
        # translated where the catalog has it, English where it has not
        assert error.render("fi") == "kenttä 'f': unknown progression method 'x'; registered: a"


# ------------------------------------------------ the file layer and Kolada (issue 15)
def _fetched(entry: dict[str, object]) -> object:
    from goalchain.io._kolada_client import _parse_data
    from goalchain.io._kolada_http import Fetched

    row = {"kpi": "N15436", "municipality": "1231", "period": 2024, "values": [entry]}
    page = Fetched(url="https://api.kolada.se/v3/x", data={"values": [row]}, fetched_at="")
    return _parse_data(page)


def _io_samples(tmp_path: Path) -> dict[str, tuple[Callable[[], object], str]]:
    """An error of each module of the file layer and of Kolada, and a Swedish phrase of it."""
    from goalchain.io import _codec, _document
    from goalchain.io.kolada import KoladaClient, fetch_into, parse_json, parse_years

    chain = gc.GoalChain(name="Test")
    return {
        "_kolada_client years": (lambda: parse_years("2024-2019"), "ett intervall av år"),
        "_kolada_client url": (lambda: KoladaClient("ftp://x"), "väntade en http(s)-URL"),
        "_kolada_client kinds": (lambda: _fetched({"gender": 5}), "väntade en text, fick 5"),
        "_kolada_client null": (
            lambda: _fetched({"gender": "T", "value": "7"}),
            "väntade ett tal eller null, fick '7'",
        ),
        "_kolada_http options": (lambda: KoladaClient(retries=-1), "retries måste vara ett heltal"),
        "_kolada_http depth": (
            lambda: parse_json(b"[[[1]]]", url="u", max_depth=2),
            "svaret har listor och objekt i mer än 2 nivåer",
        ),
        "_kolada_http number": (
            lambda: parse_json("1" * 1001, url="u"),
            "svaret innehåller ett tal med 1\u00a0001 tecken; högst 1\u00a0000 läses",
        ),
        "_kolada_fill": (lambda: fetch_into(chain, 2024), "kedjan har ingen kommunkod"),
        "_json": (lambda: gc.loads('{"a": 1, "a": 2}', format="json"), "nyckeln 'a' förekommer"),
        "_yaml": (lambda: gc.loads("a: [1\n"), "felaktig YAML"),
        "_yaml version": (lambda: gc.loads("%YAML 1.1\n---\na: 1\n"), "filen anger YAML 1.1"),
        "_document": (lambda: _document.check_format("toml"), "okänt format 'toml'"),
        "_document extension": (lambda: _document.format_of("k.txt"), "av dess filändelse '.txt'"),
        "_codec": (
            lambda: _codec._plain(object(), ("elements", 0, "x")),
            "kan inte skriva ett värde av typen object till en fil",
        ),
        "_codec extra": (
            lambda: _codec._extras({"id": 1}, ("id",), ("elements", 0)),
            "det extra fältet 'id' har samma namn",
        ),
        "_codec missing": (
            lambda: gc.loads("goalchain: 1\nname: x\nelements:\n  - id: a\n    title: A\n"),
            "fältet 'level' saknas; varje mål måste ha det",
        ),
        "_codec version": (
            lambda: gc.loads("goalchain: 9\nname: x\n"),
            "formatversion 9 stöds inte (en nyare goalchain kan läsa den)",
        ),
        "_codec kind": (
            lambda: gc.loads("goalchain: 1\nname: x\nelements: {a: 1}\n"),
            "väntade en lista av element, fick en mappning",
        ),
        "_yaml tag": (
            lambda: gc.loads("goalchain: 1\nname: !!python/object x\n"),
            "taggen !!python/object avvisas",
        ),
        "_yaml limit": (
            lambda: gc.loads(
                "goalchain: 1\nname: " + "[" * 5 + "]" * 5, limits=gc.Limits(max_depth=3)
            ),
            "listorna och mappningarna ligger i mer än 3 nivåer, gränsen max_depth; höj den",
        ),
        "_json limit": (
            lambda: gc.loads(
                '{"name": "' + "x" * 20 + '"}', format="json", limits=gc.Limits(max_string_length=5)
            ),
            "texten är 20 tecken lång, mer än 5, gränsen max_string_length",
        ),
        "_json number": (
            lambda: gc.loads('{"goalchain": 1, "name": "x", "a": 1e400}', format="json"),
            "talet 1e400 är för stort",
        ),
        "_limits": (lambda: gc.Limits(max_depth=0), "en gräns måste vara ett heltal"),
        "_files + _paths": (
            lambda: gc.load(tmp_path),
            "kan inte läsa filen: det är en mapp, inte en vanlig fil",
        ),
        "_files data_path": (
            lambda: gc.dump(chain, tmp_path / "k.yaml", data_path=tmp_path / "k.yaml"),
            "data_path måste vara en annan fil än path",
        ),
    }


@pytest.mark.parametrize(
    "name",
    [
        "_kolada_client years",
        "_kolada_client url",
        "_kolada_client kinds",
        "_kolada_client null",
        "_kolada_http options",
        "_kolada_http depth",
        "_kolada_http number",
        "_kolada_fill",
        "_json",
        "_yaml",
        "_yaml version",
        "_document",
        "_document extension",
        "_codec",
        "_codec extra",
        "_codec missing",
        "_codec version",
        "_codec kind",
        "_yaml tag",
        "_yaml limit",
        "_json limit",
        "_json number",
        "_limits",
        "_files + _paths",
        "_files data_path",
    ],
)
def test_the_file_layer_and_kolada_errors_render_in_swedish(name: str, tmp_path: Path) -> None:
    make, swedish = _io_samples(tmp_path)[name]
    with pytest.raises(gc.GoalchainError) as caught:
        make()
    error = caught.value
    assert error.template is not None
    assert swedish in error.render("sv"), error.render("sv")
    assert error.render("en") == str(error)


def test_a_file_error_is_worded_in_the_language_of_the_command_line(tmp_path: Path) -> None:
    import io

    from goalchain.cli import main

    for name, text in (
        ("k.json", '{"goalchain": 1,\n "name": "x",\n "name": "y"}'),
        ("k.yaml", "a: [1\n"),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        said = {}
        for lang in ("sv", "en"):
            err = io.StringIO()
            assert main(["show", str(path), "--lang", lang], out=io.StringIO(), err=err) == 2
            said[lang] = err.getvalue()
        assert ("nyckeln 'name' förekommer" if name == "k.json" else "felaktig YAML") in said["sv"]
        assert ("duplicate key 'name'" if name == "k.json" else "malformed YAML") in said["en"]
        assert "fel i filen" not in said["sv"]


@pytest.mark.parametrize(
    ("value", "spec", "english", "swedish"),
    [
        (80.5, "g", "80.5", "80,5"),
        (80.0, "g", "80", "80"),
        (-0.25, "g", "-0.25", "\u22120,25"),
        (1234.5, ".10g", "1234.5", "1234,5"),  # a cell's value as written: same digits
        (2.5, "+g", "+2.5", "+2,5"),
        (1_048_576, ",", "1,048,576", "1\u00a0048\u00a0576"),  # a count, by thousands
        (0.05, ".0%", "5%", "5%"),
        (1e20, "g", "1e+20", "1e+20"),
    ],
)
def test_a_number_in_a_message_has_the_same_digits_in_every_language(
    value: float, spec: str, english: str, swedish: str
) -> None:
    number = Number(value, spec)
    assert str(number) == number.render("en") == english
    assert number.render("sv") == swedish


@given(
    st.one_of(
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=False, allow_infinity=False, width=64),
    ),
    st.sampled_from(["g", ".10g", "+g", ",", ".3f"]),
)
def test_a_number_reads_back_as_its_english_digits(value: float, spec: str) -> None:
    """Swedish changes the signs, never the digits: mapping the Swedish signs back
    gives the English text."""
    if spec == "," and isinstance(value, float):
        value = round(value)
    number = Number(value, spec)
    swedish = number.render("sv")
    back = swedish.replace(",", ".").replace("\u00a0", ",").replace("\u2212", "-")
    assert back == str(number)
