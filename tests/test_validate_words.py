"""The findings of validate() are worded from the message catalogs (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

import goalchain as gc
from goalchain import _i18n
from goalchain._i18n import _catalog


def _orphan() -> gc.GoalChain:
    chain = gc.GoalChain(name="T")
    chain.add_goal("v", "Vision", level="vision")
    chain.add_goal("k", "KF-mål", level="council")
    return chain


def test_findings_in_swedish_and_english() -> None:
    (finding,) = [f for f in _orphan().validate() if f.code == "orphan"]
    assert finding.message("sv").endswith(
        "saknar överordnat mål; koppla den till ett mål på nivån ovanför"
    )
    assert finding.message("en").endswith("has no parent; link it to a goal on the level above")
    with pytest.raises(gc.InvalidValueError, match="unknown language 'de'"):
        finding.message("de")


def test_findings_in_a_third_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_catalog, "_extra_dirs", [])
    _catalog._languages.cache_clear()
    _catalog._translations.cache_clear()
    catalog = Catalog(locale="fi", domain=_i18n.DOMAIN)
    catalog.add(
        "{level} has no parent; link it to a goal on the level above",
        "{level}: ei yläkohtaa; liitä se ylemmän tason tavoitteeseen",
    )
    target = tmp_path / "fi" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "goalchain.mo").open("wb") as stream:
        write_mo(stream, catalog)
    try:
        _i18n.use_catalog_dir(tmp_path)
        (finding,) = [f for f in _orphan().validate(lang="fi") if f.code == "orphan"]
        assert finding.message("fi").endswith(
            ": ei yläkohtaa; liitä se ylemmän tason tavoitteeseen"
        )
    finally:
        monkeypatch.setattr(_catalog, "_extra_dirs", [])
        _catalog._languages.cache_clear()
        _catalog._translations.cache_clear()
