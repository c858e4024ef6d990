"""Value objects: Goal, Indicator, Activity, Decision, Measurement, Assessment, FrozenMapping."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given

import goalchain as gc
from goalchain.models import (
    ACTIVITY_STATUSES,
    ASSESSMENT_STATUSES,
    DIRECTIONS,
    FREQUENCIES,
    Activity,
    Assessment,
    Decision,
    FrozenMapping,
    Goal,
    Indicator,
    Measurement,
    Period,
    YearValue,
    normalise_status,
)
from goalchain.testing import activities, assessments, goals, indicators, measurements
from goalchain.units import get_registry


def indicator(**changes: Any) -> Indicator:
    fields: dict[str, Any] = {
        "id": "i1",
        "title": "Andel behöriga",
        "level": "indicator",
        "unit": "percent",
    }
    fields.update(changes)
    return Indicator(**fields)


def refused(exc: type[Exception], *fragments: str, **fields: Any) -> gc.GoalchainError:
    """Build an indicator with *fields*; check the error is *exc*, a ValueError, and says
    every fragment."""
    with pytest.raises(exc) as info:
        indicator(**fields)
    err = info.value
    assert isinstance(err, gc.GoalchainError)
    assert isinstance(err, ValueError)
    for fragment in fragments:
        assert fragment in str(err), (fragment, str(err))
    return err  # type: ignore[return-value]


# ------------------------------------------------------------------ common fields
@pytest.mark.parametrize("bad_id", ["", " kf1", "kf1 ", "kf\n1", "\t", 192, None, 1.5])
def test_ids_are_non_empty_strings_without_surrounding_space(bad_id: object) -> None:
    with pytest.raises(gc.InvalidValueError) as info:
        Goal(id=bad_id, title="Mål", level="council")  # type: ignore[arg-type]
    assert "'id'" in str(info.value)
    assert '"0192"' in str(info.value)  # says how to write a number-like id


@pytest.mark.parametrize("good_id", ["0192", "kf 1", "mål-å", "N15436", "KS 2022/412"])
def test_ids_may_look_like_numbers_or_have_inner_spaces(good_id: str) -> None:
    assert Goal(id=good_id, title="Mål", level="council").id == good_id


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("title", "", "non-empty string"),
        ("title", "   ", "non-empty string"),
        ("title", None, "non-empty string"),
        ("level", "", "non-empty string"),
        ("owner", 5, "a string or nothing"),
        ("description", ["a"], "a string or nothing"),
        ("tags", [1, 2], "list of strings"),
        ("tags", {"a": 1}, "list of strings"),
        ("tags", 5, "list of strings"),
        ("extra", [("a", 1)], "mapping of extra fields"),
    ],
)
def test_common_fields_are_checked(field: str, value: object, fragment: str) -> None:
    fields: dict[str, Any] = {"id": "kf1", "title": "Mål", "level": "council", field: value}
    with pytest.raises(gc.InvalidValueError) as info:
        Goal(**fields)
    assert fragment in str(info.value)
    assert repr(field) in str(info.value)


def test_tags_and_extra_are_frozen() -> None:
    extra = {"kommunkod": "0192", "nested": {"lista": [1, 2]}}
    goal = Goal(id="kf1", title="Mål", level="council", tags=["skola", "klimat"], extra=extra)
    assert goal.tags == ("skola", "klimat")
    assert Goal(id="kf1", title="Mål", level="council", tags="skola").tags == ("skola",)
    assert goal.extra["kommunkod"] == "0192"
    assert goal.extra["nested"]["lista"] == (1, 2)
    extra["nested"]["lista"].append(3)  # type: ignore[index]
    assert goal.extra["nested"]["lista"] == (1, 2)
    assert hash(goal) == hash(
        Goal(
            id="kf1",
            title="Mål",
            level="council",
            tags=("skola", "klimat"),
            extra={"kommunkod": "0192", "nested": {"lista": (1, 2)}},
        )
    )


def test_elements_are_frozen() -> None:
    goal = Goal(id="kf1", title="Mål", level="council")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        goal.title = "Annat"  # type: ignore[misc]
    changed = attrs.evolve(goal, title="Annat")
    assert (goal.title, changed.title) == ("Mål", "Annat")


# ------------------------------------------------------------------ Goal and Decision
def test_goal() -> None:
    goal = Goal(
        id="kf1",
        title="Fler elever ska nå gymnasiebehörighet",
        level="council",
        owner="Kommunfullmäktige",
        cross_cutting=True,
        rollup="worst_case",
        decision={
            "body": "Kommunfullmäktige",
            "date": "2022-11-28",
            "reference": "KF § 123",
            "protokoll": "2022-11",
        },
    )
    assert goal.kind == "goal"
    assert goal.cross_cutting
    assert goal.rollup == "worst_case"
    assert goal.decision == Decision(
        body="Kommunfullmäktige",
        date=dt.date(2022, 11, 28),
        reference="KF § 123",
        extra={"protokoll": "2022-11"},
    )


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("cross_cutting", "ja", "true or false"),
        ("cross_cutting", 1, "true or false"),
        ("rollup", 3, "a string or nothing"),
        ("decision", "KF 2022", "expected a decision"),
        ("decision", {"date": "2022-01-01"}, "needs a 'body'"),
    ],
)
def test_goal_fields_are_checked(field: str, value: object, fragment: str) -> None:
    with pytest.raises(gc.InvalidValueError) as info:
        Goal(id="kf1", title="Mål", level="council", **{field: value})
    assert fragment in str(info.value)


def test_decision() -> None:
    decision = Decision(body="Kommunstyrelsen", date=dt.datetime(2023, 5, 2, 10, 0))
    assert decision.date == dt.date(2023, 5, 2)
    assert decision.reference is None
    with pytest.raises(gc.PeriodError, match="YYYY-MM-DD"):
        Decision(body="KS", date="2 maj 2023")
    with pytest.raises(gc.InvalidValueError, match=r"decision\.body"):
        Decision(body="")


# ------------------------------------------------------------------ Indicator
def test_indicator() -> None:
    ind = indicator(
        direction="decrease",
        baseline=(2022, "78,0 %"),
        target=[2026, 70],
        annual_targets={2024: 75.0, 2023: "76,5 %"},
        kolada="N15436",
        frequency="tertial",
        lag=1,
        progression="linear",
    )
    assert ind.kind == "indicator"
    assert ind.baseline == YearValue(2022, 78.0)
    assert ind.target == (2026, 70.0)
    assert ind.annual_targets == ((2023, 76.5), (2024, 75.0))  # sorted by year
    assert ind.unit_label == "percent"
    assert indicator(unit="%").unit_label == "percent"


def test_indicator_values_are_converted_to_its_unit() -> None:
    ind = indicator(
        unit="tkr",
        baseline={"year": "2022", "value": "1 234,5 kr"},
        target=(2026, get_registry().Quantity(2, "mnkr")),
    )
    assert ind.baseline == (2022, 1.2345)
    assert ind.target == (2026, 2000.0)


def test_indicator_unknown_unit_names_the_indicator() -> None:
    err = refused(gc.UnknownUnitError, "'i1'", "'unit'", "'furlongz'", "'percent'", unit="furlongz")
    assert isinstance(err, gc.UnitError)


def test_indicator_unit_mismatch_names_both_units() -> None:
    err = refused(
        gc.UnitMismatchError, "'i1'", "'baseline'", "'SEK'", "'percent'", baseline=(2022, "5 kr")
    )
    assert (err.expected, err.got) == ("percent", "SEK")  # type: ignore[attr-defined]
    refused(
        gc.UnitMismatchError, "'percentage_point'", "'percent'", target=(2026, "5 procentenheter")
    )


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_indicator_refuses_non_finite_values(bad: float) -> None:
    refused(gc.InvalidValueError, "'i1'", "'baseline'", "finite", baseline=(2022, bad))
    refused(gc.InvalidValueError, "'target'", target=(2026, bad))
    refused(gc.InvalidValueError, "'annual_targets'", annual_targets={2024: bad})


@pytest.mark.parametrize("year", [1800, 2500, "tjugo", True, 2022.5])
def test_indicator_refuses_bad_years(year: object) -> None:
    err = refused(gc.PeriodError, "'i1'", "'baseline'", baseline=(year, 1.0))
    assert isinstance(err, gc.InvalidValueError)


@pytest.mark.parametrize(
    "pair",
    [
        (2022,),
        (2022, 1, 2),
        "2022: 1",
        {"year": 2022},
        {"year": 2022, "value": 1, "unit": "%"},
        2022,
    ],
)
def test_indicator_refuses_malformed_pairs(pair: object) -> None:
    refused(
        gc.InvalidValueError,
        "'baseline'",
        "(year, value)" if not isinstance(pair, dict) else "year",
        baseline=pair,
    )


def test_target_year_must_come_after_baseline_year() -> None:
    refused(
        gc.PeriodError,
        "'i1'",
        "'target'",
        "2022",
        "must come after",
        baseline=(2022, 1.0),
        target=(2022, 2.0),
    )
    refused(gc.PeriodError, "must come after", baseline=(2022, 1.0), target=(2020, 2.0))


def test_annual_targets_lie_in_the_span() -> None:
    refused(
        gc.PeriodError,
        "'annual_targets'",
        "2021",
        "2022-2026",
        baseline=(2022, 1.0),
        target=(2026, 2.0),
        annual_targets={2021: 1.5},
    )
    refused(
        gc.PeriodError,
        "2027",
        baseline=(2022, 1.0),
        target=(2026, 2.0),
        annual_targets=[(2027, 1.5)],
    )
    refused(gc.InvalidValueError, "appears twice", annual_targets=[(2024, 1.0), (2024, 2.0)])
    refused(gc.InvalidValueError, "year -> value", annual_targets="2024: 1")
    # without baseline and target any year goes
    assert indicator(annual_targets={1990: 1.0}).annual_targets == ((1990, 1.0),)


@pytest.mark.parametrize(
    ("field", "value", "valid"),
    [
        ("direction", "up", ", ".join(DIRECTIONS)),
        ("frequency", "monthly", ", ".join(FREQUENCIES)),
        ("kolada", "n15436", "'N15436'"),
        ("kolada", "N1543", "'N15436'"),
        ("kolada", 15436, "'N15436'"),
        ("lag", -1, "0-10"),
        ("lag", 11, "0-10"),
        ("lag", True, "0-10"),
        ("lag", 1.5, "0-10"),
    ],
)
def test_indicator_choices(field: str, value: object, valid: str) -> None:
    refused(gc.InvalidValueError, "'i1'", repr(field), valid, **{field: value})


# ------------------------------------------------------------------ Activity
def test_activity() -> None:
    act = Activity(
        id="a1",
        title="Läxhjälp",
        level="activity",
        owner="Skolförvaltningen",
        start="2024-01-15",
        due=dt.date(2024, 12, 31),
        status="in_progress",
        progress=1,
    )
    assert act.kind == "activity"
    assert (act.start, act.due) == (dt.date(2024, 1, 15), dt.date(2024, 12, 31))
    assert act.progress == 1.0
    assert isinstance(act.progress, float)


@pytest.mark.parametrize(
    ("fields", "exc", "fragment"),
    [
        ({"start": "2024-06-01", "due": "2024-05-31"}, gc.PeriodError, "comes before"),
        ({"due": "31/12/2024"}, gc.PeriodError, "YYYY-MM-DD"),
        ({"status": "klar"}, gc.InvalidValueError, ", ".join(ACTIVITY_STATUSES)),
        ({"progress": 1.5}, gc.InvalidValueError, "between 0 and 1"),
        ({"progress": -0.1}, gc.InvalidValueError, "between 0 and 1"),
        ({"progress": float("nan")}, gc.InvalidValueError, "finite"),
        ({"progress": "50 %"}, gc.InvalidValueError, "expected a number"),
    ],
)
def test_activity_fields_are_checked(
    fields: dict[str, Any], exc: type[Exception], fragment: str
) -> None:
    with pytest.raises(exc) as info:
        Activity(id="a1", title="Läxhjälp", level="activity", **fields)
    assert fragment in str(info.value)
    assert "'a1'" in str(info.value)


# ------------------------------------------------------------------ Measurement
def test_measurement() -> None:
    m = Measurement(
        indicator="i1",
        period="2024-T2",
        value=81,
        unit="%",
        gender="K",
        preliminary=True,
        source="Kolada",
        extra={"kommentar": "prel."},
    )
    assert m.period == Period(year=2024, kind="tertial", index=2)
    assert m.value == 81.0
    assert isinstance(m.value, float)
    assert m.key == ("i1", Period.parse("2024-T2"), "K")


@pytest.mark.parametrize(
    ("fields", "exc", "fragment"),
    [
        ({"value": float("nan")}, gc.InvalidValueError, "finite"),
        ({"value": "12,5"}, gc.InvalidValueError, "expected a number"),
        ({"gender": "X"}, gc.InvalidValueError, "T, K, M"),
        ({"preliminary": "ja"}, gc.InvalidValueError, "true or false"),
        ({"unit": "furlongz"}, gc.UnknownUnitError, "'furlongz'"),
        ({"period": "2024-T9"}, gc.PeriodError, "2024-T9"),
        ({"indicator": ""}, gc.InvalidValueError, "'indicator'"),
    ],
)
def test_measurement_fields_are_checked(
    fields: dict[str, Any], exc: type[Exception], fragment: str
) -> None:
    base: dict[str, Any] = {"indicator": "i1", "period": 2024, "value": 1.0, "unit": "percent"}
    with pytest.raises(exc, match=fragment):
        Measurement(**{**base, **fields})


# ------------------------------------------------------------------ Assessment
@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("uppfyllt", "achieved"),
        ("Delvis uppfyllt", "partly"),
        ("delvis  uppfylld", "partly"),
        ("ej uppfyllt", "not_achieved"),
        ("inte uppfyllt", "not_achieved"),
        ("ej bedömt", "not_assessed"),
        ("partly achieved", "partly"),
        ("not achieved", "not_achieved"),
        ("achieved", "achieved"),
        ("not_assessed", "not_assessed"),
    ],
)
def test_normalise_status(label: str, key: str) -> None:
    assert normalise_status(label) == key


def test_normalise_status_lists_the_valid_statuses() -> None:
    with pytest.raises(gc.InvalidValueError) as info:
        normalise_status("bra", element="kf1")
    for status in ASSESSMENT_STATUSES:
        assert status in str(info.value)
    assert "'kf1'" in str(info.value)


def test_assessment() -> None:
    a = Assessment(
        element="kf1",
        period="2024-delår",
        status="delvis uppfyllt",
        score=0.5,
        rationale=None,
        participants="Ordförande",
        date="2024-09-30",
    )  # type: ignore[arg-type]
    assert a.status == "partly"
    assert a.rationale == ""
    assert a.participants == ("Ordförande",)
    assert a.date == dt.date(2024, 9, 30)
    assert a.method == "dialogue"
    assert a.key == ("kf1", Period.parse("2024-delår"))


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"score": 1.5}, "between 0 and 1"),
        ({"score": float("nan")}, "finite"),
        ({"status": "bra"}, "achieved, partly"),
        ({"participants": [1]}, "list of strings"),
        ({"method": ""}, "'method'"),
        ({"rationale": 5}, "'rationale'"),
    ],
)
def test_assessment_fields_are_checked(fields: dict[str, Any], fragment: str) -> None:
    base: dict[str, Any] = {"element": "kf1", "period": 2024, "status": "achieved"}
    with pytest.raises(gc.InvalidValueError, match=fragment):
        Assessment(**{**base, **fields})


# ------------------------------------------------------------------ FrozenMapping
def test_frozen_mapping() -> None:
    m = FrozenMapping({"kommunkod": "0192", "lista": [1, {"a": [2]}], "mängd": {3}})
    assert m["lista"] == (1, FrozenMapping({"a": (2,)}))
    assert m["mängd"] == frozenset({3})
    assert m == {"kommunkod": "0192", "lista": (1, {"a": (2,)}), "mängd": frozenset({3})}
    assert m != {"kommunkod": "192"}
    assert hash(m) == hash(FrozenMapping(dict(m)))
    assert list(m) == ["kommunkod", "lista", "mängd"]
    assert len(m) == 3
    assert "FrozenMapping" in repr(m)
    with pytest.raises(TypeError):
        m["x"] = 1  # type: ignore[index]
    assert (m == 5) is False
    assert FrozenMapping() == {}
    assert FrozenMapping({1: "a"}) == {1: "a"}  # keys stay as given, never turned into text


# ------------------------------------------------------------------ strategies build valid objects
@given(goals(model="lerum"))
def test_generated_goals_are_valid_and_have_owners_where_required(goal: Goal) -> None:
    assert goal.level in {lv.key for lv in gc.PRESETS["lerum"].levels if lv.kind == "goal"}
    assert goal.owner
    assert attrs.evolve(goal) == goal


@given(indicators())
def test_generated_indicators_are_valid(ind: Indicator) -> None:
    assert attrs.evolve(ind) == ind  # validation accepts them again
    if ind.baseline and ind.target:
        assert ind.baseline.year < ind.target.year
        for year, _ in ind.annual_targets:
            assert ind.baseline.year <= year <= ind.target.year
    if ind.kolada is not None:
        assert len(ind.kolada) == 6
        assert ind.kolada[0].isupper()
        assert ind.kolada[1:].isdigit()


@given(activities())
def test_generated_activities_are_valid(act: Activity) -> None:
    assert attrs.evolve(act) == act
    if act.start and act.due:
        assert act.start <= act.due


@given(measurements(indicator="i1", unit="kr"))
def test_generated_measurements_are_valid(m: Measurement) -> None:
    assert (m.indicator, m.unit) == ("i1", "kr")
    assert attrs.evolve(m) == m


@given(assessments(element="kf1"))
def test_generated_assessments_are_valid(a: Assessment) -> None:
    assert a.element == "kf1"
    assert a.status in ASSESSMENT_STATUSES
    assert attrs.evolve(a) == a


def test_frozen_mapping_keeps_keys_as_given() -> None:
    # 1 and "1" are different keys; turning them into text would lose a value
    from goalchain.models import FrozenMapping

    m = FrozenMapping({1: "a", "1": "b"})
    assert m[1] == "a" and m["1"] == "b" and len(m) == 2
