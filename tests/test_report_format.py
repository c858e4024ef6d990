"""Swedish and English formatting of numbers, units, dates and statuses (CLDR through Babel)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_EVEN, Decimal, localcontext

import pytest
from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import (
    format_currency,
    format_decimal,
    format_percent,
    get_currency_symbol,
    get_minus_sign_symbol,
)
from hypothesis import given
from hypothesis import strategies as st

import goalchain as gc
from goalchain.models import Period
from goalchain.report import (
    assessment_method_label,
    element_kind_label,
    format_date,
    format_number,
    format_value,
    period_label,
    scorer_label,
    status_label,
    strategy_label,
    unit_symbol,
)
from goalchain.rollup import scorers, strategies
from goalchain.units import parse_number


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (12.5, "sv", "12,5"),
        (12.5, "en", "12.5"),
        (1234.5, "sv", "1\u00a0234,5"),
        (1234.5, "en", "1,234.5"),
        (-3.25, "sv", "\u22123,25"),
        (80.0, "sv", "80"),
        (1_000_000.0, "sv", "1\u00a0000\u00a0000"),
    ],
)
def test_format_number(value: float, lang: str, expected: str) -> None:
    assert format_number(value, lang=lang) == expected


def test_format_number_fixed_decimals() -> None:
    assert format_number(2.0, decimals=1) == "2,0"
    assert format_number(2.0, lang="en", decimals=2) == "2.00"


def test_non_finite_is_a_dash_not_nan() -> None:
    assert format_number(float("nan")) == "–"


@pytest.mark.parametrize(
    ("unit", "lang", "expected"),
    [
        ("percent", "sv", "12,5\u00a0%"),
        ("%", "en", "12.5%"),
        ("SEK", "sv", "12,50\u00a0kr"),
        ("kr", "en", "SEK\u00a012.50"),
        ("tkr", "sv", "12,5\u00a0tkr"),
        ("tkr", "en", "kSEK\u00a012.5"),
        ("procentenheter", "en", "12.5\u00a0pp"),
        ("per_1000_inhabitants", "sv", "12,5\u00a0per 1 000 inv."),
        ("dimensionless", "sv", "12,5"),
    ],
)
def test_format_value(unit: str, lang: str, expected: str) -> None:
    assert format_value(12.5, unit, lang=lang) == expected


def test_unit_symbol_falls_back_to_pints_short_form() -> None:
    assert unit_symbol("kilometer") == "km"
    assert unit_symbol("kilowatt_hour / meter ** 2") == "kWh/m²"
    assert unit_symbol("poäng") == "poäng"
    assert unit_symbol("poäng", lang="en") == "points"


@pytest.mark.parametrize(
    ("status", "sv", "en"),
    [
        ("achieved", "uppfyllt", "achieved"),
        ("partly", "delvis uppfyllt", "partly achieved"),
        ("not_achieved", "ej uppfyllt", "not achieved"),
        ("not_assessed", "ej bedömt", "not assessed"),
    ],
)
def test_status_labels(status: str, sv: str, en: str) -> None:
    assert status_label(status) == sv
    assert status_label(status, lang="en") == en


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda x: round(x, 3)))
def test_swedish_formatting_reads_back(value: float) -> None:
    text = format_number(value, decimals=3)
    assert parse_number(text) == pytest.approx(value, abs=1e-9)


# ------------------------------------------------------------- CLDR through Babel

NBSP = "\u00a0"
MINUS = "\u2212"
LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def _default_places(value: float) -> int:
    """The decimals format_number writes by default (documented there)."""
    return 1 if abs(value) >= 100 else 2 if abs(value) >= 1 else 3


def _babel(
    value: float, lang: str, decimals: int | None, kind: str = "decimal", currency: str = "SEK"
) -> str:
    """What Babel writes for *value* with the locale's pattern at *decimals*.

    Babel gets ``Decimal(value)``, the float's exact binary value, in a context
    precise enough for any float, so that it rounds (half to even) the same
    number Python's formatting rounds; given the float itself it would round
    ``str(value)`` instead (``2.675`` -> ``2.68`` where the float is
    2.67499...). Babel writes the pattern's ``-`` as a hyphen; CLDR says it is
    the locale's minus sign, which the comparison puts in.
    """
    locale = Locale.parse(LOCALES[lang])
    if decimals is None:
        fraction = "." + "#" * _default_places(value)
    else:
        fraction = "." + "0" * decimals if decimals else ""
    number = "#,##0" + fraction
    with localcontext() as ctx:
        ctx.prec, ctx.rounding = 1000, ROUND_HALF_EVEN
        exact = Decimal(value)
        if kind == "decimal":
            base = locale.decimal_formats[None].pattern
            assert base.startswith("#,##0"), base
            text = format_decimal(exact, format=number, locale=locale)
        elif kind == "percent":
            pattern = locale.percent_formats[None].pattern.replace("#,##0", number)
            text = format_percent(exact.scaleb(-2), format=pattern, locale=locale)
        else:
            pattern = locale.currency_formats["standard"].pattern
            pattern = pattern.replace("#,##0.00", number)
            text = format_currency(
                exact, currency, format=pattern, locale=locale, currency_digits=False
            )
            # CLDR's currency spacing, which Babel leaves out: SEK1,234 -> SEK 1,234
            text = re.sub(r"([A-Za-z])(\d)", rf"\1{NBSP}\2", text)
    return text.replace("-", get_minus_sign_symbol(locale))


finite = st.floats(allow_nan=False, allow_infinity=False)
places = st.none() | st.integers(min_value=0, max_value=6)


@given(value=finite, lang=st.sampled_from(["sv", "en"]), decimals=places)
def test_format_number_is_babels_format_decimal(value: float, lang: str, decimals: int | None):
    assert format_number(value, lang=lang, decimals=decimals) == _babel(value, lang, decimals)


@given(
    value=st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    lang=st.sampled_from(["sv", "en"]),
    decimals=places,
)
def test_percent_is_babels_format_percent(value: float, lang: str, decimals: int | None) -> None:
    expected = _babel(value, lang, decimals, kind="percent")
    assert format_value(value, "percent", lang=lang, decimals=decimals) == expected


@given(
    value=st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    lang=st.sampled_from(["sv", "en"]),
    decimals=st.integers(min_value=0, max_value=4),
)
def test_kronor_are_babels_format_currency(value: float, lang: str, decimals: int) -> None:
    expected = _babel(value, lang, decimals, kind="currency")
    assert format_value(value, "SEK", lang=lang, decimals=decimals) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "sv", "en"),
    [
        (0.0, None, "0", "0"),
        (0, 2, "0,00", "0.00"),
        (-0.5, None, f"{MINUS}0,5", "-0.5"),
        (-1234.5, None, f"{MINUS}1{NBSP}234,5", "-1,234.5"),
        (-1234.5, 0, f"{MINUS}1{NBSP}234", "-1,234"),  # half to even
        (1234567890.25, 2, f"1{NBSP}234{NBSP}567{NBSP}890,25", "1,234,567,890.25"),
        (1e15, None, f"1{NBSP}000{NBSP}000{NBSP}000{NBSP}000{NBSP}000", "1,000,000,000,000,000"),
        (0.0004, None, "0", "0"),
        (99.999, None, "100", "100"),
        (2.675, 2, "2,67", "2.67"),  # the float is 2.67499999...
        (float("nan"), None, "–", "–"),
        (float("inf"), 2, "–", "–"),
        (-float("inf"), None, "–", "–"),
    ],
)
def test_format_number_examples(value: float, decimals: int | None, sv: str, en: str) -> None:
    assert format_number(value, decimals=decimals) == sv
    assert format_number(value, lang="en", decimals=decimals) == en


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "sv", "en"),
    [
        (12.5, "percent", None, f"12,5{NBSP}%", "12.5%"),
        (-12.5, "%", None, f"{MINUS}12,5{NBSP}%", "-12.5%"),
        (0.0, "percent", 1, f"0,0{NBSP}%", "0.0%"),
        (1234.0, "SEK", None, f"1{NBSP}234{NBSP}kr", f"SEK{NBSP}1,234"),
        (1234.004, "kr", None, f"1{NBSP}234{NBSP}kr", f"SEK{NBSP}1,234"),  # whole kronor
        (1234.5, "kronor", None, f"1{NBSP}234,50{NBSP}kr", f"SEK{NBSP}1,234.50"),
        (-1234.0, "SEK", None, f"{MINUS}1{NBSP}234{NBSP}kr", f"-SEK{NBSP}1,234"),
        (1234.5, "SEK", 0, f"1{NBSP}234{NBSP}kr", f"SEK{NBSP}1,234"),
        (0.0, "SEK", None, f"0{NBSP}kr", f"SEK{NBSP}0"),
        (2_500_000.0, "SEK", None, f"2{NBSP}500{NBSP}000{NBSP}kr", f"SEK{NBSP}2,500,000"),
        (1234.0, "tkr", None, f"1{NBSP}234{NBSP}tkr", f"kSEK{NBSP}1,234"),
        (12.5, "mnkr", None, f"12,5{NBSP}mnkr", f"MSEK{NBSP}12.5"),
        (-12.5, "mnkr", None, f"{MINUS}12,5{NBSP}mnkr", f"-MSEK{NBSP}12.5"),
        (-1.1, "percentage_point", None, f"{MINUS}1,1{NBSP}p.e.", f"-1.1{NBSP}pp"),
        (1234.0, "kr/invånare", None, f"1{NBSP}234{NBSP}kr/inv.", f"1,234{NBSP}SEK per inhabitant"),
        (3.0, "count", None, f"3{NBSP}st", "3"),
        (float("nan"), "percent", None, "–", "–"),
        (float("inf"), "SEK", None, "–", "–"),
    ],
)
def test_format_value_examples(
    value: float, unit: str, decimals: int | None, sv: str, en: str
) -> None:
    assert format_value(value, unit, decimals=decimals) == sv
    assert format_value(value, unit, lang="en", decimals=decimals) == en


def test_krona_symbol_is_cldrs() -> None:
    for lang, locale in LOCALES.items():
        assert unit_symbol("SEK", lang=lang) == get_currency_symbol("SEK", locale=locale)
    assert (unit_symbol("kr"), unit_symbol("kr", lang="en")) == ("kr", "SEK")


@pytest.mark.parametrize(
    ("value", "style", "sv", "en"),
    [
        (dt.date(2022, 11, 28), "short", "2022-11-28", "28/11/2022"),
        (dt.date(2022, 11, 28), "medium", "28 nov. 2022", "28 Nov 2022"),
        (dt.date(2022, 11, 28), "long", "28 november 2022", "28 November 2022"),
        (dt.date(2025, 3, 1), "long", "1 mars 2025", "1 March 2025"),
        (dt.datetime(2024, 6, 30, 23, 59), "short", "2024-06-30", "30/06/2024"),
        ("2024-12-31", "long", "31 december 2024", "31 December 2024"),
        (" 2025-03-01T10:00:00Z", "short", "2025-03-01", "01/03/2025"),
    ],
)
def test_format_date(value: dt.date | str, style: str, sv: str, en: str) -> None:
    assert format_date(value, style=style) == sv
    assert format_date(value, lang="en", style=style) == en


def test_format_date_defaults_to_short_swedish_iso() -> None:
    assert format_date(dt.date(2026, 1, 5)) == "2026-01-05"


@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_format_date_is_babels_and_short_swedish_is_iso(day: dt.date) -> None:
    assert format_date(day) == day.isoformat()
    for lang, locale in LOCALES.items():
        for style in ("short", "medium", "long"):
            expected = babel_format_date(day, format=style, locale=locale)
            assert format_date(day, lang=lang, style=style) == expected


@pytest.mark.parametrize("value", ["28/11/2022", "", "mars 2025", 20221128, None, 2024.5])
def test_format_date_refuses_what_is_not_a_date(value: object) -> None:
    with pytest.raises(gc.InvalidValueError, match="expected a date") as info:
        format_date(value)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)


def test_format_date_refuses_an_unknown_style() -> None:
    with pytest.raises(gc.InvalidValueError, match="short, medium, long"):
        format_date(dt.date(2024, 1, 1), style="full")


@pytest.mark.parametrize("lang", ["de", "SV", "sv_SE", "", None])
def test_an_unknown_language_is_refused_and_the_valid_ones_named(lang: object) -> None:
    calls = [
        lambda: format_number(1.0, lang=lang),  # type: ignore[arg-type]
        lambda: format_number(float("nan"), lang=lang),  # type: ignore[arg-type]
        lambda: format_value(1.0, "percent", lang=lang),  # type: ignore[arg-type]
        lambda: format_date(dt.date(2024, 1, 1), lang=lang),  # type: ignore[arg-type]
        lambda: unit_symbol("SEK", lang=lang),  # type: ignore[arg-type]
        lambda: strategy_label("weighted", lang=lang),  # type: ignore[arg-type]
        lambda: strategy_label("my_own", lang=lang),  # type: ignore[arg-type]
        lambda: scorer_label("progress", lang=lang),  # type: ignore[arg-type]
        lambda: element_kind_label("goal", lang=lang),  # type: ignore[arg-type]
        lambda: assessment_method_label("dialogue", lang=lang),  # type: ignore[arg-type]
        lambda: period_label("2024-delår", lang=lang),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(gc.InvalidValueError, match="valid: sv, en") as info:
            call()
        assert isinstance(info.value, ValueError) and info.value.field == "lang"


@pytest.mark.parametrize(
    ("name", "sv", "en"),
    [
        ("weighted", "viktad", "weighted"),
        ("worst_case", "sämsta utfall", "worst case"),
        ("mean", "medelvärde", "mean"),
        ("threshold", "tröskel", "threshold"),
        ("dialogue", "dialog", "dialogue"),
    ],
)
def test_strategy_labels(name: str, sv: str, en: str) -> None:
    assert strategy_label(name) == sv
    assert strategy_label(name, lang="sv") == sv
    assert strategy_label(name, lang="en") == en


@pytest.mark.parametrize(
    ("name", "sv", "en"),
    [
        ("progress", "framsteg mot årsmålet", "progress towards the annual target"),
        ("target_met", "årsmålet nått eller inte", "annual target met or not"),
        ("activity", "aktivitetens status", "activity status"),
    ],
)
def test_scorer_labels(name: str, sv: str, en: str) -> None:
    assert scorer_label(name) == sv
    assert scorer_label(name, lang="en") == en


def test_every_built_in_strategy_and_scorer_has_a_swedish_label() -> None:
    for name in ("weighted", "worst_case", "mean", "threshold", "dialogue"):
        assert name in strategies
        assert strategy_label(name) != name
    for name in ("progress", "target_met"):
        assert name in scorers
        assert scorer_label(name) != name


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_names_of_your_own_are_shown_as_they_are(lang: str) -> None:
    assert strategy_label("best_case", lang=lang) == "best_case"
    assert scorer_label("target_met_1", lang=lang) == "target_met_1"
    assert assessment_method_label("medarbetarsamtal", lang=lang) == "medarbetarsamtal"
    assert element_kind_label("widget", lang=lang) == "widget"
    # a scorer's name is not a strategy's, nor the other way round
    assert strategy_label("progress", lang=lang) == "progress"
    assert scorer_label("weighted", lang=lang) == "weighted"


@pytest.mark.parametrize(
    ("kind", "sv", "en"),
    [
        ("goal", "mål", "goal"),
        ("indicator", "indikator", "indicator"),
        ("activity", "aktivitet", "activity"),
    ],
)
def test_element_kind_labels(kind: str, sv: str, en: str) -> None:
    assert element_kind_label(kind) == sv
    assert element_kind_label(kind, lang="en") == en


@pytest.mark.parametrize(
    ("method", "sv", "en"),
    [
        ("dialogue", "dialog", "dialogue"),
        ("analysis", "analys", "analysis"),
        ("report_back", "återrapportering", "report-back"),
        ("follow_up", "uppföljning", "follow-up"),
        ("self_assessment", "självskattning", "self-assessment"),
        ("self-assessment", "självskattning", "self-assessment"),
        ("indicators", "indikatorer", "indicators"),
    ],
)
def test_assessment_method_labels(method: str, sv: str, en: str) -> None:
    assert assessment_method_label(method) == sv
    assert assessment_method_label(method, lang="en") == en


@pytest.mark.parametrize(
    ("period", "sv", "en"),
    [
        (2024, "2024", "2024"),
        ("2024", "2024", "2024"),
        ("2024-T1", "2024-T1", "2024-T1"),
        ("2024-K3", "2024-Q3", "2024-Q3"),
        ("2024-delår", "2024-delår", "interim 2024"),
        ("2024-interim", "2024-delår", "interim 2024"),
        (Period(year=2013, kind="interim"), "2013-delår", "interim 2013"),
    ],
)
def test_period_labels(period: object, sv: str, en: str) -> None:
    assert period_label(period) == sv
    assert period_label(period, lang="en") == en


@pytest.mark.parametrize(
    ("period", "sv", "en"),
    [
        (2024, "helår 2024", "full year 2024"),
        ("2024-T2", "tertial 2 2024", "tertial 2 2024"),
        ("2024-K3", "kvartal 3 2024", "quarter 3 2024"),
        ("2024-delår", "delår 2024", "interim 2024"),
        (Period(year=2013, kind="interim"), "delår 2013", "interim 2013"),
    ],
)
def test_long_period_labels_name_every_period(period: object, sv: str, en: str) -> None:
    """What a report's title and text say: the period in words, never its key."""
    assert period_label(period, style="long") == sv
    assert period_label(period, lang="en", style="long") == en


_PERIODS = st.integers(1900, 2100).flatmap(
    lambda year: st.sampled_from(
        [
            Period(year=year),
            Period(year=year, kind="interim"),
            *(Period(year=year, kind="tertial", index=i) for i in (1, 2, 3)),
            *(Period(year=year, kind="quarter", index=i) for i in (1, 2, 3, 4)),
        ]
    )
)


@given(_PERIODS)
def test_a_long_period_label_names_its_year_and_never_its_key(period: Period) -> None:
    for lang in ("sv", "en"):
        text = period_label(period, lang=lang, style="long")
        assert text.endswith(f" {period.year}") and "-" not in text
        assert text == period_label(str(period), lang=lang, style="long")
        if period.index:
            assert f" {period.index} " in text


def test_period_label_refuses_an_unknown_style() -> None:
    with pytest.raises(gc.InvalidValueError, match="style"):
        period_label(2024, style="lång")


def test_english_period_labels_have_no_swedish_words() -> None:
    for kind, indices in (("year", [0]), ("tertial", [1, 2, 3]), ("quarter", [1, 2, 3, 4])):
        for index in indices:
            period = Period(year=2024, kind=kind, index=index)  # type: ignore[arg-type]
            assert period_label(period, lang="en") == str(period)
    assert "delår" not in period_label("2024-delår", lang="en")


def test_period_label_refuses_what_is_not_a_period() -> None:
    for value in ("nästa år", True, None, 1066):
        with pytest.raises(gc.PeriodError):
            period_label(value)


@pytest.mark.parametrize(
    ("value", "unit", "lang", "expected"),
    [
        (1, "day", "sv", "1\u00a0dag"),
        (-1, "day", "sv", "\u22121\u00a0dag"),
        (1.0, "hour", "en", "1\u00a0hour"),
        (1, "inhabitant", "en", "1\u00a0inhabitant"),
        (2, "day", "sv", "2\u00a0dagar"),
        (1.5, "day", "en", "1.5\u00a0days"),
        (0.999, "day", "sv", "0,999\u00a0dagar"),
    ],
)
def test_exactly_one_takes_the_singular(value: float, unit: str, lang: str, expected: str) -> None:
    assert format_value(value, unit, lang=lang) == expected
