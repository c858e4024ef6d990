"""goalchain.io: round trips, the written form, and the public API."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goalchain as gc
from _io_samples import custom_chain, custom_model, rich_chain
from goalchain import io as gio

FORMATS = ["yaml", "json"]


def sample(fmt: str) -> gc.GoalChain:
    return rich_chain(json_safe=fmt == "json")


# ----------------------------------------------------------------- public API


def test_public_api_names():
    assert gio.__all__ == sorted(gio.__all__, key=lambda n: (not n.isupper(), n))
    for name in (
        "load",
        "dump",
        "loads",
        "dumps",
        "to_data",
        "from_data",
        "load_model",
        "dump_model",
        "schema",
    ):
        assert callable(getattr(gio, name))
    for name in ("load", "dump", "loads", "dumps"):
        assert getattr(gc, name) is getattr(gio, name)
        assert name in gc.__all__
    assert gc.io is gio
    assert "io" in gc.__all__
    assert gio.FORMAT_VERSION == 1
    assert gio.SUPPORTED_VERSIONS == (1,)


# ----------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_rich_chain(fmt):
    chain = sample(fmt)
    text = gc.dumps(chain, format=fmt)
    again = gc.loads(text, format=fmt)
    assert again == chain
    # The written form is a fixed point: dumping the reloaded chain gives the same text.
    assert gc.dumps(again, format=fmt) == text


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_keeps_every_detail(fmt):
    chain = sample(fmt)
    again = gc.loads(gc.dumps(chain, format=fmt), format=fmt)
    assert again.municipality == "0192"
    assert dict(again.metadata) == dict(chain.metadata)
    assert again["vision"].decision.extra == {"paragraf": "§ 112"}
    assert again["kf1"].extra == {"färg": "grön", "prioritet": 1}
    assert again["i1"].extra["detaljer"] == {"url": "https://kolada.se"}
    assert again["i1"].annual_targets == ((2023, 81.0), (2024, 84.0), (2025, 87.0))
    assert again["i4"].baseline == (2021, 1.0e20) and again["i4"].target == (2030, 1.5e-7)
    assert again.weight("vision", "kf2") == 2.0
    assert again.weight("kf2", "bun1") == 0.5
    assert sorted(again.parents("i2")) == ["bun2", "sn2"]
    assert again["sn2"].description == ""
    assert again["vision"].description == "Visionen antogs 2019.\nDen gäller till 2040.\n"
    assert again["a1"].start == dt.date(2024, 1, 8)
    assert again.series("i3")[gc.Period.parse(2023)] == 2500.0
    assert {str(m.period) for m in again.measurements("i1")} == {
        "2023",
        "2024-T1",
        "2024-T2",
        "2024-T3",
        "2024-delår",
        "2024",
    }
    assert {m.gender for m in again.measurements("i1")} == {"T", "K", "M"}
    assessment = again.assessment("kf1", 2024)
    assert assessment.status == "partly"
    assert assessment.participants == ("Kommunstyrelsens ordförande", "Skolchef")
    assert assessment.date == dt.date(2024, 11, 20)
    assert assessment.extra == {"protokoll": "KS 2024-11-20 § 4"}
    assert again.assessment("kf2", "2024-delår").method == "self-assessment"


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_custom_model_written_inline(fmt):
    chain = custom_chain()
    text = gc.dumps(chain, format=fmt)
    again = gc.loads(text, format=fmt)
    assert again == chain
    assert again.model == custom_model()
    assert gio.to_data(chain)["model"]["name"] == "min_modell"


def test_preset_written_by_name_and_changed_preset_inline():
    chain = gc.GoalChain(model="burlov")
    assert gio.to_data(chain)["model"] == "burlov"
    preset = gc.PRESETS["classic"]
    changed = gc.GovernanceModel(name="classic", levels=preset.levels, description="Vår variant")
    data = gio.to_data(gc.GoalChain(model=changed))
    assert isinstance(data["model"], dict)
    assert gc.loads(gc.dumps(gc.GoalChain(model=changed))).model == changed


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_empty_chain(fmt):
    chain = gc.GoalChain()
    again = gc.loads(gc.dumps(chain, format=fmt), format=fmt)
    assert again == chain
    assert gio.to_data(chain) == {"goalchain": 1, "model": "classic", "elements": []}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "text",
    [
        "a\nb",
        "a\nb\n",
        "a\n\n",
        "\nleading break",
        "  leading spaces\nx",
        "trailing space \nx",
        "tab\there",
        "carriage\r\nreturn",
        "next\x85line",
        "line\u2028separator",
        "bell\x07",
        "'single' and \"double\" quotes",
        "# not a comment",
        "key: value",
        "- not a list",
        "[not, a, list]",
        "{not: a map}",
        "yes",
        "no",
        "on",
        "off",
        "y",
        "n",
        "true",
        "null",
        "~",
        "0192",
        "1_000",
        "1:20",
        "0x1F",
        "1e3",
        ".inf",
        "2024-01-01",
        "2024-T1",
        "=",
        "<<",
        "@at",
        "`tick",
        "%percent",
        "&anchor",
        "*alias",
        "!tag",
        "|pipe",
        ">fold",
        "?q",
        "😀 emoji",
        "ÅÄÖ åäö",
        "\u00a0no-break",
        "ends with colon:",
        "a #hash",
        "\ufeffbom",
    ],
)
def test_round_trip_tricky_text(fmt, text):
    chain = gc.GoalChain(metadata={"note": text})
    chain.add_goal("v", "Vision", level="vision", description=text, extra={text: text})
    chain.assess("v", 2024, status="achieved", rationale=text, participants=[text])
    assert gc.loads(gc.dumps(chain, format=fmt), format=fmt) == chain


_CHARS = st.characters(exclude_categories=("Cs",))
# Pieces that stress the writer: runs of spaces and line breaks, quotes, long words that
# force folding at the line width.
_PIECES = st.one_of(
    st.text(_CHARS, max_size=12),
    st.text(st.sampled_from(" \n\t'\"#:-å\u00a0\r"), max_size=6),
    st.sampled_from([" ", "  ", "\n", " \n", "\n ", "\n\n", "a" * 30 + " ", "ord "]),
)


@settings(max_examples=150, deadline=None)
@given(
    text=st.lists(_PIECES, max_size=40).map("".join),
    short=st.text(_CHARS, min_size=1, max_size=4),
)
def test_round_trip_any_text_in_yaml(text, short):
    # Each text lands in a block mapping, a flow list, a flow mapping and as a key.
    chain = gc.GoalChain(metadata={"note": text, "short": [short, text], "pair": {"k": short}})
    chain.add_goal(
        "v",
        "Vision",
        level="vision",
        description=text,
        extra={f"x{short}": text},
        tags=[short, text],
    )
    chain.assess("v", 2024, status="achieved", rationale=text, participants=[short])
    assert gc.loads(gc.dumps(chain)) == chain


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "value", [0.1 + 0.2, 1e20, 1e-7, 5e-324, 1.7976931348623157e308, -0.0, 123456789.123456789, 2.5]
)
def test_round_trip_floats_exactly(fmt, value):
    chain = gc.GoalChain()
    chain.add_goal("k", "Council goal", level="council")
    chain.add_indicator(
        "i", "I", parents=["k"], unit="count", baseline=(2020, value), target=(2030, value)
    )
    chain.record("i", 2024, value)
    again = gc.loads(gc.dumps(chain, format=fmt), format=fmt)
    assert again["i"].baseline.value == value
    assert math.copysign(1, again.series("i")[gc.Period.parse(2024)]) == math.copysign(1, value)


def test_round_trip_to_data_and_from_data():
    chain = rich_chain()
    data = gio.to_data(chain)
    assert gio.from_data(data) == chain
    assert gio.to_data(gio.from_data(data)) == data


def test_to_data_is_plain_data():
    allowed = (dict, list, str, int, float, bool, type(None), dt.date)

    def walk(value: Any) -> None:
        assert type(value) in allowed, type(value)
        if isinstance(value, dict):
            for key, item in value.items():
                assert isinstance(key, (str, int)), key
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(gio.to_data(rich_chain()))
    walk(gio.to_data(custom_chain()))


# --------------------------------------------------------------- written form


def test_element_key_order():
    data = gio.to_data(rich_chain())
    by_id = {e["id"]: e for e in data["elements"]}
    assert list(by_id["vision"]) == [
        "id",
        "level",
        "title",
        "owner",
        "description",
        "tags",
        "decision",
    ]
    assert list(by_id["kf1"]) == ["id", "level", "title", "parents", "owner", "färg", "prioritet"]
    assert list(by_id["i1"]) == [
        "id",
        "kind",
        "level",
        "title",
        "parents",
        "owner",
        "tags",
        "unit",
        "direction",
        "baseline",
        "target",
        "annual_targets",
        "progression",
        "kolada",
        "frequency",
        "lag",
        "källa",
        "detaljer",
    ]
    assert list(by_id["a1"]) == [
        "id",
        "kind",
        "level",
        "title",
        "parents",
        "owner",
        "start",
        "due",
        "status",
        "progress",
        "budget_tkr",
    ]
    assert list(data)[:7] == [
        "goalchain",
        "name",
        "municipality",
        "model",
        "elements",
        "measurements",
        "assessments",
    ]
    assert list(data)[7:] == list(rich_chain().metadata)  # unknown fields last
    assert list(data["assessments"][0]) == [
        "element",
        "period",
        "status",
        "score",
        "rationale",
        "participants",
        "date",
        "protokoll",
    ]


def test_parents_list_when_all_weights_one_else_mapping():
    by_id = {e["id"]: e for e in gio.to_data(rich_chain())["elements"]}
    assert by_id["kf1"]["parents"] == ["vision"]
    assert by_id["i2"]["parents"] == ["bun2", "sn2"]
    assert by_id["kf2"]["parents"] == {"vision": 2.0}
    assert by_id["bun1"]["parents"] == {"kf1": 1.0, "kf2": 0.5}
    assert "parents" not in by_id["vision"]
    assert "kind" not in by_id["kf1"]


def test_measurements_written_compactly():
    data = gio.to_data(rich_chain())
    rows = data["measurements"]
    assert rows[0] == {"indicator": "i1", "period": 2023, "value": 80.5, "source": "Kolada"}
    assert rows[1] == {"indicator": "i1", "period": "2024-T1", "value": 81.2, "preliminary": True}
    assert {"indicator": "i1", "period": "2024-delår", "value": 82.0} in rows
    assert {"indicator": "i1", "period": 2024, "value": 81.0, "gender": "M"} in rows
    assert {"indicator": "i3", "period": 2023, "value": 2500.0} in rows
    for row in rows:
        assert "unit" not in row
        assert row.get("gender") != "T"
        assert row.get("preliminary", True) is True
        assert type(row["value"]) is float
        assert isinstance(row["period"], int) or "-" in row["period"]


def test_yaml_text_is_readable():
    text = gc.dumps(rich_chain())
    assert text.startswith('goalchain: 1\nname: Nynäshamns kommun\nmunicipality: "0192"\n')
    assert "model: nynashamn\n" in text
    assert "    owner: Barn- och utbildningsnämnden\n" in text  # Unicode unescaped
    assert "\\u" not in text and "\\x" not in text
    assert "    parents: [bun2, sn2]\n" in text
    assert "    parents: {vision: 2.0}\n" in text
    assert "    baseline: {year: 2022, value: 78.0}\n" in text
    assert "    annual_targets: {2023: 81.0, 2024: 84.0, 2025: 87.0}\n" in text
    assert "    decision: {body: Barn- och utbildningsnämnden, date: 2023-02-14}\n" in text
    assert "  - {indicator: i1, period: 2024-T1, value: 81.2, preliminary: true}\n" in text
    assert "    date: 2024-11-20\n" in text  # a YAML date, not a string
    assert "    description: |\n      Visionen antogs 2019.\n      Den gäller till 2040.\n" in text
    assert "value: 1.0e+20" in text  # a float to YAML 1.1 readers too
    assert "%YAML" not in text and "!!" not in text


def test_json_text_is_readable():
    text = gc.dumps(sample("json"), format="json")
    data = json.loads(text)
    assert data["municipality"] == "0192"
    assert "Barn- och utbildningsnämnden" in text
    assert data["assessments"][0]["date"] == "2024-11-20"
    assert data["elements"][0]["decision"]["date"] == "2019-06-13"
    assert data["elements"][6]["annual_targets"] == {"2023": 81.0, "2024": 84.0, "2025": 87.0}
    assert text.endswith("}\n")
    assert text.startswith('{\n  "goalchain": 1,\n')


def test_dumps_is_deterministic():
    first, second = rich_chain(), rich_chain()
    # The same data recorded in another order gives the same text.
    later = gc.GoalChain(
        name=first.name, model=first.model, municipality=first.municipality, metadata=first.metadata
    )
    for element in first.elements():
        later.add(element)
    for parent, child, weight in first.links():
        later.link(parent, child, weight)
    for measurement in reversed(first.measurements()):
        later.add_measurement(measurement)
    for assessment in reversed(first.assessments()):
        later.add_assessment(assessment)
    assert later == first
    assert gc.dumps(first) == gc.dumps(second) == gc.dumps(later)
    assert gc.dumps(first, format="json") == gc.dumps(later, format="json")


def test_yaml_output_reads_the_same_in_yaml_1_1():
    pyyaml = pytest.importorskip("yaml")
    chain = gc.GoalChain(
        municipality="0192",
        metadata={
            "texts": ["yes", "no", "on", "off", "y", "n", "1:20", "0192", "1_000", "0o17", "~", ""],
            "numbers": [1e20, 1e-7, 2.0, 0.5],
        },
    )
    chain.add_goal("n", "yes", level="vision", owner="0192")
    data = pyyaml.safe_load(gc.dumps(chain))
    assert data["municipality"] == "0192"
    assert data["texts"] == list(chain.metadata["texts"])
    assert data["numbers"] == [1e20, 1e-7, 2.0, 0.5]
    assert data["elements"][0] == {"id": "n", "level": "vision", "title": "yes", "owner": "0192"}


def test_dump_never_changes_the_chain(tmp_path):
    chain = rich_chain()
    before = chain.copy()
    versions = (chain.structure_version, chain.data_version)
    gc.dumps(chain)
    gc.dumps(chain, format="json")
    gio.to_data(chain)
    gc.dump(chain, tmp_path / "c.yaml")
    gc.dump(chain, tmp_path / "s.yaml", data_path=tmp_path / "d.json")
    assert chain == before
    assert (chain.structure_version, chain.data_version) == versions
    assert list(chain) == list(before)
    assert [m.key for m in chain.measurements()] == [m.key for m in before.measurements()]


# ------------------------------------------------------------------- reading


def test_reads_the_documented_example():
    chain = gc.loads(DOC_EXAMPLE)
    assert chain.name == "Burlövs kommun"
    assert chain.municipality == "1231"
    assert chain.model == gc.PRESETS["burlov"]
    assert chain["kf1"].decision == gc.Decision(
        body="Kommunfullmäktige", date="2022-11-28", reference="KS 2022/412"
    )
    assert chain["i1"].kind == "indicator" and chain["i1"].level == "indicator"
    assert chain.series("i1") == {gc.Period.parse(2023): 80.5, gc.Period.parse("2024-T1"): 81.2}
    assert chain.measurements("i1")[1].preliminary is True
    assert chain.assessment("kf1", 2024).status == "partly"
    assert chain.weight("vision", "kf1") == 1.0


@pytest.mark.parametrize("fmt", FORMATS)
def test_elements_in_any_order(fmt):
    data = {
        "goalchain": 1,
        "elements": [
            {"id": "i", "kind": "indicator", "title": "I", "unit": "%", "parents": ["c"]},
            {"id": "c", "level": "committee", "title": "C", "parents": {"k": 2, "k2": 1}},
            {"id": "k", "level": "council", "title": "K", "parents": ["v"]},
            {"id": "k2", "level": "council", "title": "K2", "parents": ["v"]},
            {"id": "v", "level": "vision", "title": "V"},
        ],
    }
    text = json.dumps(data) if fmt == "json" else gc.dumps(gio.from_data(data))
    chain = gc.loads(text, format=fmt)
    assert chain.paths_to_root("i") == [["i", "c", "k", "v"], ["i", "c", "k2", "v"]]
    assert chain.weight("k", "c") == 2.0
    # File order is kept: written back as it was read.
    assert [e["id"] for e in gio.to_data(gio.from_data(data))["elements"]] == [
        "i",
        "c",
        "k",
        "k2",
        "v",
    ]


def test_yaml_1_2_scalars():
    chain = gc.loads("""
goalchain: 1
name: yes
municipality: !!str 0192
elements:
  - {id: "on", level: vision, title: off, owner: "2024-01-01"}
  - id: kf1
    level: council
    title: "0x1F"
    parents: {"on": 0x2}
    cross_cutting: true
  - id: i
    kind: indicator
    title: "1e3"
    unit: count
    parents: [kf1]
    baseline: [2020, 1_000]
    target: {year: "2030", value: 1e3}
    annual_targets: {2025: .5}
""")
    assert chain.name == "yes"
    assert chain.municipality == "0192"
    assert chain["on"].title == "off" and chain["on"].owner == "2024-01-01"
    assert chain.weight("on", "kf1") == 2.0
    assert chain["kf1"].cross_cutting is True
    assert chain["i"].baseline == (2020, 1000.0)
    assert chain["i"].target == (2030, 1000.0)
    assert chain["i"].annual_targets == ((2025, 0.5),)


def test_anchors_aliases_and_merge_keys():
    chain = gc.loads("""
goalchain: 1
defaults: &ks {owner: Kommunstyrelsen, level: council}
elements:
  - {id: v, level: vision, title: Vision}
  - {<<: *ks, id: k1, title: K1, parents: [v]}
  - <<: [*ks, {description: Från sammanslagning}]
    id: k2
    title: K2
    owner: Kommunfullmäktige
    parents: [v]
assessments:
  - {element: k1, period: 2024, status: achieved, participants: &who [A, B]}
  - {element: k2, period: 2024, status: partly, participants: *who}
""")
    assert chain["k1"].owner == "Kommunstyrelsen" and chain["k1"].level == "council"
    assert chain["k2"].owner == "Kommunfullmäktige"
    assert chain["k2"].description == "Från sammanslagning"
    assert chain.assessment("k2", 2024).participants == ("A", "B")
    assert chain.metadata["defaults"] == {"owner": "Kommunstyrelsen", "level": "council"}


def test_unknown_fields_are_kept_and_written_after_known_ones():
    text = """
goalchain: 1
extra_top: {nested: [1, {deep: true}], datum: 2024-05-01}
name: Exempel
elements:
  - id: v
    färg: blå
    level: council
    title: V
    decision: {body: KF, protokoll: {paragraf: 12}}
  - {id: i, kind: indicator, title: I, unit: "%", parents: [v], källa: SCB}
measurements:
  - {indicator: i, period: 2024, value: 5, kommentar: [ett, två]}
assessments:
  - {element: v, period: 2024, status: uppfyllt, dialog: {plats: KS-salen}}
"""
    chain = gc.loads(text)
    assert chain.metadata["extra_top"] == {
        "nested": (1, {"deep": True}),
        "datum": dt.date(2024, 5, 1),
    }
    assert chain["v"].extra == {"färg": "blå"}
    assert chain["v"].decision.extra == {"protokoll": {"paragraf": 12}}
    assert chain["i"].extra == {"källa": "SCB"}
    assert chain.measurements("i")[0].extra == {"kommentar": ("ett", "två")}
    assert chain.assessment("v", 2024).extra == {"dialog": {"plats": "KS-salen"}}
    data = gio.to_data(chain)
    assert list(data) == [
        "goalchain",
        "name",
        "model",
        "elements",
        "measurements",
        "assessments",
        "extra_top",
    ]
    assert list(data["elements"][0]) == ["id", "level", "title", "decision", "färg"]
    assert list(data["elements"][0]["decision"]) == ["body", "protokoll"]
    assert gc.loads(gc.dumps(chain)) == chain


def test_measurement_values_with_units():
    chain = gc.loads("""
goalchain: 1
elements:
  - {id: i, kind: indicator, title: Kostnad, unit: mnkr}
  - {id: p, kind: indicator, title: Andel, unit: percent}
measurements:
  - {indicator: i, period: 2023, value: 2500, unit: tkr}
  - {indicator: i, period: 2024, value: "1 234,5 tkr"}
  - {indicator: i, period: 2025, value: "2,5", unit: mnkr}
  - {indicator: p, period: 2024-Q3, value: "12,5 %", gender: K}
""")
    assert chain.series("i") == {
        gc.Period.parse(2023): 2.5,
        gc.Period.parse(2024): 1.2345,
        gc.Period.parse(2025): 2.5,
    }
    assert chain.series("p", gender="K") == {gc.Period.parse("2024-Q3"): 12.5}


def test_indicator_and_activity_levels_default_to_the_model():
    chain = gc.loads("""
goalchain: 1
model: grastorp
elements:
  - {id: p, level: perspective, title: Samhällsutveckling}
  - {id: g, level: goal, title: Fler bostäder, parents: [p]}
  - {id: i, kind: indicator, title: Bygglov, unit: count, parents: [g]}
  - {id: a, kind: activity, title: Detaljplan, parents: [g], due: 2025-06-30}
""")
    assert chain["i"].level == "indicator" and chain["a"].level == "activity"
    assert chain["a"].due == dt.date(2025, 6, 30)


def test_loads_accepts_a_byte_order_mark_and_null_optionals():
    chain = gc.loads(
        "\ufeffgoalchain: 1\nname:\nmodel:\nelements:\n"
        "  - {id: v, level: vision, title: V, owner: null, tags: null}\n"
        "measurements: null\n"
    )
    assert chain.name == "" and chain.model.name == "classic"
    assert chain["v"].owner is None and chain["v"].tags == ()


def test_single_text_where_a_list_is_expected():
    chain = gc.loads("""
goalchain: 1
elements:
  - {id: v, level: vision, title: V, tags: vision}
  - {id: k, level: council, title: K, parents: v}
assessments:
  - {element: k, period: 2024, status: achieved, participants: Kommunchefen}
""")
    assert chain["v"].tags == ("vision",)
    assert chain.parents("k") == ["v"]
    assert chain.assessment("k", 2024).participants == ("Kommunchefen",)


def test_json_and_yaml_give_the_same_chain():
    chain = sample("json")
    yaml_chain = gc.loads(gc.dumps(chain))
    json_chain = gc.loads(gc.dumps(chain, format="json"), format="json")
    assert yaml_chain == json_chain == chain
    # JSON is YAML: a JSON text loads as YAML too.
    assert gc.loads(gc.dumps(chain, format="json"), format="yaml") == chain


def test_dates_in_unknown_fields_become_iso_text_in_json():
    chain = gc.GoalChain(metadata={"antagen": dt.date(2022, 11, 28)})
    again = gc.loads(gc.dumps(chain, format="json"), format="json")
    assert again.metadata["antagen"] == "2022-11-28"
    assert gc.loads(gc.dumps(chain)).metadata["antagen"] == dt.date(2022, 11, 28)


DOC_EXAMPLE = """
goalchain: 1                      # format version (required)
name: Burlövs kommun              # the chain's name
municipality: "1231"              # municipality code: always a quoted string
model: burlov                     # a preset, a file path, or an inline model (below)
elements:                         # goals, indicators and activities, any order
  - id: vision
    level: vision
    title: Burlöv - en plats att växa i
  - id: kf1
    level: council
    title: Fler elever ska nå gymnasiebehörighet
    parents: [vision]             # ids, or a mapping id -> weight: {vision: 2}
    owner: Kommunfullmäktige
    decision: {body: Kommunfullmäktige, date: 2022-11-28, reference: "KS 2022/412"}
  - id: i1
    kind: indicator               # goal (default), indicator or activity
    title: Andel behöriga till yrkesprogram
    parents: [kf1]
    unit: percent
    direction: increase
    baseline: {year: 2022, value: 78.0}
    target: {year: 2026, value: 90.0}
    annual_targets: {2023: 81.0, 2024: 84.0, 2025: 87.0}
    kolada: N15436
measurements:
  - {indicator: i1, period: 2023, value: 80.5}
  - {indicator: i1, period: 2024-T1, value: "81,2 %", preliminary: true}
assessments:
  - element: kf1
    period: 2024
    status: partly                # or the Swedish label: delvis uppfyllt
    rationale: Ökningen går långsammare än progressionstakten.
    participants: [Kommunstyrelsens ordförande, Skolchef]
    date: 2024-11-20
"""


def test_long_text_is_folded_without_trailing_spaces():
    text = " ".join(["Kommunens"] * 40)
    chain = gc.GoalChain(metadata={"note": text})
    chain.add_goal("v", text, level="vision", description=text)
    out = gc.dumps(chain)
    lines = out.splitlines()
    assert all(len(line) <= 100 for line in lines)
    assert not any(line.endswith(" ") for line in lines)
    assert len(lines) > 10
    assert gc.loads(out) == chain


def test_the_yaml_reader_gives_plain_python_values():
    from goalchain.io._document import parse_text

    data = parse_text(
        "a: 1.5\nb: 2\nc: x\nd: 2024-01-02\ne: [1]\nf: {g: true}\nh: null\n"
        "i: 2024-01-02 10:00:00+01:00\nj: 0x10\n",
        "yaml",
    ).data
    assert type(data) is dict and type(data["f"]) is dict and type(data["e"]) is list
    assert [type(data[k]) for k in "abcdhij"] == [
        float,
        int,
        str,
        dt.date,
        type(None),
        dt.datetime,
        int,
    ]
    assert data["i"] == dt.datetime(2024, 1, 2, 10, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert data["j"] == 16
    assert type(data["f"]["g"]) is bool


def test_folded_block_scalars_read_as_their_text() -> None:
    # ruamel marks fold points with BEL characters; they must not reach the chain.
    text = (
        "goalchain: 1\n"
        "elements:\n"
        "  - id: v\n"
        "    level: vision\n"
        "    title: >-\n"
        "      första raden\n"
        "      andra raden\n"
        "    description: >\n"
        "      ett\n"
        "      två\n"
        "\n"
        "      tre\n"
    )
    chain = gc.loads(text)
    assert chain["v"].title == "första raden andra raden"
    assert chain["v"].description == "ett två\ntre\n"
