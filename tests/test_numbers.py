from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.numbers import NumberTextError, parse_number_text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("123.5", 123.5),
        ("１２３．５", 123.5),  # full-width digits and point
        ("1,234.5", 1234.5),
        ("1，234，567", 1234567.0),  # full-width commas as thousands separators
        ("  42 ", 42.0),
        ("-3", -3.0),
        ("−3", -3.0),  # U+2212 minus pasted from Word
        (".5", 0.5),
        ("12。5", 12.5),  # ideographic full stop typed as decimal point
    ],
)
def test_accepts_unambiguous_forms(text: str, value: float) -> None:
    assert parse_number_text(text) == value


def test_percent_sign_only_for_percentages() -> None:
    assert parse_number_text("82%", percent=True) == 82.0
    assert parse_number_text("８２％", percent=True) == 82.0
    with pytest.raises(NumberTextError, match="单位"):
        parse_number_text("82%")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "请输入数字"),
        ("1,23", "逗号"),  # decimal comma or typo: never read as 123
        ("12,5", "逗号"),
        ("1,2345", "逗号"),
        ("12 000", "空格"),
        ("120t", "单位"),
        ("42 万kWh", "空格"),
        ("3.2万", "单位"),
        ("1e5", "科学计数法"),
        ("nan", "有限"),
        ("inf", "有限"),
        ("abc", "不是有效数字"),
        ("1.2.3", "不是有效数字"),
        ("--1", "不是有效数字"),
    ],
)
def test_rejects_with_reason(text: str, reason: str) -> None:
    with pytest.raises(NumberTextError) as info:
        parse_number_text(text)
    assert reason in info.value.zh
    assert info.value.en  # the English translation is always present


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_plain_repr_round_trips(x: float) -> None:
    text = f"{x:.6f}"
    assert math.isclose(parse_number_text(text), float(text))


@given(st.integers(min_value=0, max_value=10**15))
def test_grouped_thousands_round_trip(n: int) -> None:
    assert parse_number_text(f"{n:,}") == float(n)
    full_width = f"{n:,}".translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    assert parse_number_text(full_width) == float(n)


@given(st.text(max_size=30))
def test_never_crashes_on_arbitrary_text(text: str) -> None:
    try:
        value = parse_number_text(text)
    except NumberTextError as exc:
        assert exc.zh
    else:
        assert math.isfinite(value)
