"""Governance models (styrmodeller): levels, presets and custom models."""

from __future__ import annotations

import pytest
from hypothesis import given

import goalchain as gc
from goalchain.models import PRESETS, GovernanceModel, Level, get_model
from goalchain.testing import governance_models

PRESET_NAMES = {"classic", "trelleborg", "nynashamn", "burlov", "grastorp", "lerum"}


def level(key: str, *children: str, kind: str = "goal") -> Level:
    return Level(
        key=key,
        label_sv=key.title(),
        label_en=key.title(),
        kind=kind,  # type: ignore[arg-type]
        children=children,
    )


# ------------------------------------------------------------------ presets
def test_the_presets() -> None:
    assert set(PRESETS) == PRESET_NAMES
    for name, model in PRESETS.items():
        assert model.name == name
        assert GovernanceModel.preset(name) is model
        assert get_model(name) is model
        kinds = {lv.kind for lv in model.levels}
        assert kinds == {"goal", "indicator", "activity"}


def test_presets_cannot_be_changed() -> None:
    with pytest.raises(TypeError):
        PRESETS["mine"] = PRESETS["classic"]  # type: ignore[index]


def test_classic_chain() -> None:
    model = PRESETS["classic"]
    assert model.keys == ("vision", "council", "committee", "indicator", "activity")
    assert model.roots() == ("vision",)
    assert model.allows("vision", "council")
    assert model.allows("council", "committee")
    assert model.allows("committee", "indicator")
    assert model.allows("committee", "activity")
    assert not model.allows("committee", "council")
    assert not model.allows("vision", "committee")
    assert not model.allows("indicator", "activity")


def test_trelleborg_names_its_levels_as_trelleborg_does() -> None:
    model = PRESETS["trelleborg"]
    labels = [lv.label_sv for lv in model.levels]
    assert labels[:3] == ["Vision", "Politisk prioritering", "Effektmål"]
    assert model.allows("vision", "priority")
    assert model.allows("priority", "effect_goal")


def test_grastorp_starts_with_perspectives() -> None:
    model = PRESETS["grastorp"]
    assert model.roots() == ("perspective",)
    assert model.level("perspective").label_sv == "Perspektiv"
    assert model.allows("perspective", "goal")


def test_lerum_chain_of_assignments_has_named_recipients() -> None:
    model = PRESETS["lerum"]
    assert model.keys[:5] == ("vision", "council", "board", "director", "sector")
    for parent, child in [("council", "board"), ("board", "director"), ("director", "sector")]:
        assert model.allows(parent, child)
    assert model.level("activity").label_sv == "Uppdrag"
    for lv in model.levels:
        assert lv.owner_required == (lv.kind != "indicator")


def test_nynashamn_and_burlov_have_council_and_committee_goals() -> None:
    for name in ("nynashamn", "burlov"):
        model = PRESETS[name]
        assert model.allows("vision", "council")
        assert model.allows("council", "committee")
        assert model.level("council").label_sv == "Kommunfullmäktiges mål"


# ------------------------------------------------------------------ model methods
def test_model_methods() -> None:
    model = PRESETS["classic"]
    assert list(model) == list(model.levels)
    assert "council" in model
    assert "nope" not in model
    assert model.level("council").label("en") == "Council goal"
    assert model.level("council").label("sv") == "KF-mål"
    assert model.level("council").label() == "KF-mål"
    assert [model.rank(k) for k in model.keys] == [0, 1, 2, 3, 4]
    assert model.default_level("goal") == "vision"
    assert model.default_level("indicator") == "indicator"
    assert model.default_level("activity") == "activity"


def test_level_of_unknown_key_lists_the_valid_levels() -> None:
    model = PRESETS["classic"]
    with pytest.raises(gc.UnknownLevelError) as info:
        model.level("kommunfullmäktige", element="kf1")
    err = info.value
    assert isinstance(err, LookupError)
    assert isinstance(err, gc.LevelError)
    assert isinstance(err, ValueError)
    assert err.known == model.keys
    assert err.element == "kf1"
    text = str(err)
    assert "'kommunfullmäktige'" in text
    assert "'kf1'" in text
    assert "vision, council, committee, indicator, activity" in text
    with pytest.raises(gc.UnknownLevelError):
        model.rank("nope")
    with pytest.raises(gc.UnknownLevelError):
        model.allows("nope", "council")


def test_default_level_of_a_missing_kind() -> None:
    model = GovernanceModel(name="bara_mål", levels=[level("goal")])
    with pytest.raises(gc.LevelError) as info:
        model.default_level("indicator")
    assert "'bara_mål'" in str(info.value)
    assert "goal" in str(info.value)


def test_get_model() -> None:
    custom = GovernanceModel(name="egen", levels=[level("mal")])
    assert get_model(custom) is custom
    with pytest.raises(gc.UnknownModelError) as info:
        get_model("göteborg")
    err = info.value
    assert isinstance(err, LookupError)
    assert "'göteborg'" in str(err)
    for name in PRESET_NAMES:
        assert name in str(err)
    assert err.known == tuple(sorted(PRESET_NAMES))
    with pytest.raises(gc.UnknownModelError):
        get_model(None)  # type: ignore[arg-type]


# ------------------------------------------------------------------ custom models
def test_a_custom_model() -> None:
    model = GovernanceModel(
        name="fokus",
        levels=[level("focus", "goal"), level("goal", "kpi"), level("kpi", kind="indicator")],
        label_sv="Fokusområden",
    )
    assert model.keys == ("focus", "goal", "kpi")
    assert model.roots() == ("focus",)
    assert model.allows("goal", "kpi")
    assert model.default_level("indicator") == "kpi"


def test_children_given_as_one_string_is_one_child() -> None:
    lv = Level(key="council", label_sv="KF", label_en="Council", children="committee")
    assert lv.children == ("committee",)
    assert Level(key="a", label_sv="A", label_en="A", children=None).children == ()  # type: ignore[arg-type]


@pytest.mark.parametrize("key", ["Council", "1st", "", "kf mål", "kf-mål", None])
def test_level_keys_must_be_identifiers(key: object) -> None:
    with pytest.raises(gc.InvalidValueError) as info:
        Level(key=key, label_sv="A", label_en="A")  # type: ignore[arg-type]
    assert "'key'" in str(info.value)
    assert "lower-case letters" in str(info.value)


def test_level_kind_must_be_known() -> None:
    with pytest.raises(gc.InvalidValueError, match="valid kinds: goal, indicator, activity"):
        Level(key="a", label_sv="A", label_en="A", kind="measure")  # type: ignore[arg-type]


def test_model_refuses_unknown_child_level_and_lists_levels() -> None:
    with pytest.raises(gc.UnknownLevelError) as info:
        GovernanceModel(name="trasig", levels=[level("vision", "council")])
    assert "'council'" in str(info.value)
    assert "'trasig'" in str(info.value)
    assert "valid levels: vision" in str(info.value)


def test_model_refuses_children_below_an_indicator_level() -> None:
    with pytest.raises(gc.LevelError, match=r"'kpi'.*only goal levels"):
        GovernanceModel(
            name="trasig", levels=[level("goal", "kpi"), level("kpi", "goal", kind="indicator")]
        )


@pytest.mark.parametrize(
    ("levels", "fragment"),
    [
        ([], "at least one level"),
        ([level("a"), level("a")], "'a' appears twice"),
        ([level("kpi", kind="indicator")], "at least one goal level"),
    ],
)
def test_model_refuses_bad_level_lists(levels: list[Level], fragment: str) -> None:
    with pytest.raises(gc.InvalidValueError, match=fragment):
        GovernanceModel(name="trasig", levels=levels)


def test_level_to_data() -> None:
    assert level("goal", "kpi").to_data() == {
        "key": "goal",
        "label_sv": "Goal",
        "label_en": "Goal",
        "children": ["kpi"],
    }
    kpi = Level(
        key="kpi",
        label_sv="Nyckeltal",
        label_en="KPI",
        kind="indicator",
        owner_required=True,
        description="Kolada",
    )
    assert kpi.to_data() == {
        "key": "kpi",
        "label_sv": "Nyckeltal",
        "label_en": "KPI",
        "kind": "indicator",
        "children": [],
        "owner_required": True,
        "description": "Kolada",
    }


@pytest.mark.parametrize("name", sorted(PRESET_NAMES))
def test_presets_round_trip_through_data(name: str) -> None:
    model = PRESETS[name]
    assert GovernanceModel.from_data(model.to_data()) == model


@given(governance_models())
def test_generated_models_round_trip_through_data(model: GovernanceModel) -> None:
    assert GovernanceModel.from_data(model.to_data()) == model


@given(governance_models(presets=False))
def test_generated_models_only_allow_levels_further_down(model: GovernanceModel) -> None:
    assert model.name.startswith("egen_")
    assert model.name not in PRESETS
    for lv in model.levels:
        for child in lv.children:
            assert model.rank(child) > model.rank(lv.key)
        if lv.kind != "goal":
            assert lv.children == ()
    assert model.levels[0].kind == "goal"
    assert model.levels[0].key in model.roots()


def test_model_data_round_trip_keeps_empty_text() -> None:
    model = gc.GovernanceModel(
        name="m",
        label_sv="",
        levels=[gc.Level(key="v", label_sv="V", label_en="V", description="")],
    )
    data = model.to_data()
    assert data["label_sv"] == "" and data["levels"][0]["description"] == ""
    assert gc.GovernanceModel.from_data(data) == model
