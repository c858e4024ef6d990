"""The errors of the ground floor -- registries, optional dependencies, the language
module itself -- keep a catalog template and render in Swedish (issue 15)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from _catalogs import catalog_of, check_words
from goalchain import _i18n
from goalchain._optional import require
from goalchain.exceptions import GoalchainError, MissingDependencyError, RegistrationError
from goalchain.progression import methods


def _method(**params: object) -> list[float]:
    return [0.0]


@pytest.fixture
def unimportable() -> Iterator[str]:
    methods.register("zz_unimportable", "no_such_module_here:thing")
    try:
        yield "zz_unimportable"
    finally:
        methods.unregister("zz_unimportable")


@pytest.mark.parametrize(
    ("raise_it", "english", "swedish"),
    [
        # _registry
        (
            lambda: methods.register("Bad", _method),
            "progression method name 'Bad' must be lower-case letters, digits and '_', "
            "starting with a letter",
            "namnet 'Bad' på progressionsmetoden får bara innehålla små bokstäver",
        ),
        (
            lambda: methods.register("linear", _method),
            "a progression method named 'linear' is already registered; pass replace=True",
            "progressionsmetoden 'linear' finns redan; ange replace=True",
        ),
        (
            lambda: methods.register("zz_lazy", "no_colon"),
            "lazy progression method 'no_colon' must be written 'package.module:attribute'",
            "hänvisningen 'no_colon' till progressionsmetoden ska skrivas 'paket.modul:attribut'",
        ),
        # _optional
        (
            lambda: require("no_such_module_here", extra="plot", purpose="plots"),
            "plots need the package no_such_module_here, which is not installed; install it "
            'with: pip install "malkedja[plot]"',
            "diagram kräver paketet no_such_module_here, som inte är installerat; installera "
            'det med: pip install "malkedja[plot]"',
        ),
        # _i18n
        (
            lambda: _i18n.format_date("28/11/2022"),
            "expected a date or an ISO 8601 date text such as '2022-11-28', got '28/11/2022'",
            "fältet 'date': väntade ett datum eller en datumtext enligt ISO 8601",
        ),
        (
            lambda: _i18n.format_date(dt.date(2022, 11, 28), style="huge"),
            "unknown date style 'huge'; valid: short, medium, long",
            "okänd datumstil 'huge'; giltiga: short, medium, long",
        ),
        (
            lambda: _i18n.check_lang("xx"),
            "field 'lang': unknown language 'xx'; valid: sv, en",
            "fältet 'lang': okänt språk 'xx'; giltiga: sv, en",
        ),
        (
            lambda: _i18n.use_catalog_dir("/no/such/dir"),
            "catalog directory '/no/such/dir' is not a directory",
            "'/no/such/dir', angiven som mapp för meddelandekataloger, är ingen mapp",
        ),
    ],
)
def test_ground_floor_errors_render_in_swedish(
    raise_it: Callable[[], object], english: str, swedish: str
) -> None:
    with pytest.raises(GoalchainError) as info:
        raise_it()
    check_words(info.value, english, swedish)


def test_an_entry_that_cannot_be_imported_is_named_in_swedish(unimportable: str) -> None:
    with pytest.raises(RegistrationError) as info:
        methods[unimportable]
    assert str(info.value).startswith(
        "progression method 'zz_unimportable' points to 'no_such_module_here:thing', "
        "which cannot be imported: No module named"
    )
    assert info.value.render("sv").startswith(
        "progressionsmetoden 'zz_unimportable' pekar på 'no_such_module_here:thing', "
        "som inte kan importeras: "
    )


def test_a_purpose_the_catalog_lacks_is_named_as_written() -> None:
    with pytest.raises(MissingDependencyError) as info:
        require("no_such_module_here", extra="x", purpose="reading JSON")
    assert info.value.render("sv").startswith("reading JSON kräver paketet no_such_module_here")


def test_a_language_that_groups_digits_otherwise_is_refused_in_its_words(tmp_path: Path) -> None:
    """Hindi groups by two after the first three (CLDR ``#,##,##0.###``)."""
    with catalog_of(tmp_path, {}, lang="hi"):
        with pytest.raises(GoalchainError) as info:
            _i18n.format_number(1234567.0, lang="hi")
        assert str(info.value) == (
            "field 'lang': language 'hi': CLDR groups its numbers by (3, 2), goalchain only by "
            "three digits"
        )
        assert info.value.render("sv") == (
            "fältet 'lang': språket 'hi': CLDR grupperar dess tal med (3, 2), goalchain bara "
            "med tre siffror"
        )
