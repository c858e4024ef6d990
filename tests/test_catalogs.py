"""The message catalogs agree with the code (issue 15).

The messages are extracted from the source the way ``make catalogs`` does it
(``pybabel extract -F babel.cfg``, run in-process here), and every catalog under
``goalchain/_i18n/locale`` must hold each of them, translated and not fuzzy, and
nothing else; its compiled ``.mo`` must be what the ``.po`` compiles to. A
third language is a catalog and nothing more.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import goalchain as gc
from _catalogs import catalog_of
from goalchain import _i18n

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "goalchain" / "_i18n" / "locale"
CATALOGS = sorted(LOCALE.glob(f"*/LC_MESSAGES/{_i18n.DOMAIN}.po"))

Key = tuple[str | None, str]
"""(context, message id) of a catalog entry."""


def _key(message: object) -> Key:
    msgid = message.id  # type: ignore[attr-defined]
    first = msgid[0] if isinstance(msgid, tuple) else msgid
    return (message.context, first)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[Key, object]:
    """The messages in the code, as ``pybabel extract -F babel.cfg`` finds them."""
    pot = tmp_path_factory.mktemp("pot") / "goalchain.pot"
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "--ignore-dirs",
            ".* __pycache__",
            "-k",
            "Plural:1,2",
            "-o",
            str(pot),
            str(ROOT),
        ]
    )
    with pot.open("rb") as stream:
        template = read_po(stream)
    return {_key(m): m for m in template if m.id}


def _read(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)


def test_there_is_a_swedish_catalog() -> None:
    assert LOCALE / "sv" / "LC_MESSAGES" / "goalchain.po" in CATALOGS


def test_the_code_has_messages(extracted: dict[Key, object]) -> None:
    # a broken babel.cfg would extract nothing, and every test below would pass
    assert len(extracted) >= 3


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_every_message_in_the_code_is_in_the_catalog(
    path: Path, extracted: dict[Key, object]
) -> None:
    catalog = {_key(m) for m in _read(path) if m.id}
    missing = sorted(set(extracted) - catalog, key=str)
    assert not missing, f"{path}: not in the catalog (run `make catalogs`): {missing[:20]}"


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_every_entry_is_translated_and_not_fuzzy(path: Path) -> None:
    catalog = _read(path)
    untranslated = [
        _key(m)
        for m in catalog
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    fuzzy = [_key(m) for m in catalog if m.id and m.fuzzy]
    assert not untranslated, f"{path}: untranslated: {untranslated[:20]}"
    assert not fuzzy, f"{path}: marked fuzzy: {fuzzy[:20]}"


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_no_entry_is_unused(path: Path, extracted: dict[Key, object]) -> None:
    catalog = _read(path)
    unused = sorted({_key(m) for m in catalog if m.id} - set(extracted), key=str)
    obsolete = list(catalog.obsolete)
    assert not unused, f"{path}: no longer in the code (run `make catalogs`): {unused[:20]}"
    assert not obsolete, f"{path}: obsolete entries left: {obsolete[:20]}"


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_the_compiled_catalog_is_up_to_date(path: Path) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _read(path), use_fuzzy=False)
    assert path.with_suffix(".mo").read_bytes() == compiled.getvalue(), (
        f"{path.with_suffix('.mo')} is not what {path.name} compiles to: run `make catalogs`"
    )


def test_swedish_plural_rule() -> None:
    catalog = _read(LOCALE / "sv" / "LC_MESSAGES" / "goalchain.po")
    assert catalog.num_plurals == 2
    assert catalog.plural_expr.replace(" ", "") in {"(n!=1)", "n!=1"}


def test_a_third_language_is_a_catalog(tmp_path: Path) -> None:
    """A test-only Finnish catalog, dropped into a directory, is used by lang="fi"
    in goalchain's public functions, with Finnish numbers from CLDR."""
    from goalchain.report import format_value, strategy_label

    assert "fi" not in _i18n.languages()
    with pytest.raises(gc.InvalidValueError, match="unknown language 'fi'"):
        strategy_label("weighted", lang="fi")
    messages = {
        ("unit", ("{number} day", "{number} days")): ("{number} päivä", "{number} päivää"),
        "weighted": "painotettu",
    }
    with catalog_of(tmp_path, messages):
        assert _i18n.languages() == ("sv", "en", "fi")
        assert strategy_label("weighted", lang="fi") == "painotettu"
        assert format_value(1, "day", lang="fi") == "1\u00a0päivä"
        assert format_value(1234.5, "day", lang="fi") == "1\u00a0234,5\u00a0päivää"
        # what the Finnish catalog lacks is written in English, the code's language
        assert strategy_label("worst_case", lang="fi") == "worst case"
    # forgotten again: no other test sees the language, nor its numbers
    assert "fi" not in _i18n.languages()
    with pytest.raises(gc.InvalidValueError, match="unknown language 'fi'"):
        format_value(1, "day", lang="fi")


def test_a_catalog_dir_must_be_a_directory(tmp_path: Path) -> None:
    with pytest.raises(gc.InvalidValueError, match="not a directory"):
        _i18n.use_catalog_dir(tmp_path / "missing")


def test_english_needs_no_catalog() -> None:
    assert not (LOCALE / "en").exists()
    assert _i18n.gettext("no such message", "en") == "no such message"
