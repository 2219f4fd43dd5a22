"""Amounts in a chosen unit are converted exactly: decimal arithmetic on the typed text, never floats."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.units import convert_text, exact_number, format_input, from_canonical, plain, to_canonical, typed_decimal
from assessments.factors import load_factors
from assessments.numbers import NumberTextError

F = load_factors("cn-factors-2025.1")
UNITS = [(c.id, u.id) for c in F.carriers for u in c.input_units]


def test_the_issue_case_thirty_wan_cubic_metres() -> None:
    assert convert_text(F, "natural_gas", "10^4 m3", "m3", "30") == "300000"
    assert convert_text(F, "natural_gas", "m3", "10^4 m3", "300,000") == "30"
    assert to_canonical(F, "natural_gas", "m3", "300000") == 30
    assert plain(from_canonical(F, "natural_gas", "m3", 30)) == "300000"


@pytest.mark.parametrize(
    ("carrier", "unit", "text", "canonical"),
    [
        ("grid_electricity", "10^4 kWh", "0.1", "1000"),  # 0.1 × 10 000 is 1000.0000000000001 in floats
        ("grid_electricity", "MWh", "0.3", "300"),
        ("natural_gas", "m3", "3", "0.0003"),
        ("raw_coal", "kg", "1", "0.001"),
        ("raw_coal", "kg", "12345678.9", "12345.6789"),
        ("grid_electricity", "10^4 kWh", "4,200", "42000000"),
        ("grid_electricity", "MWh", "１２．５", "12500"),
    ],
)
def test_conversions_are_exact(carrier: str, unit: str, text: str, canonical: str) -> None:
    assert plain(to_canonical(F, carrier, unit, text)) == canonical


def test_shown_numbers_have_no_float_noise_or_exponent() -> None:
    assert format_input(0.1 + 0.2) == "0.30000000000000004"  # a float is shown as stored, not re-rounded
    assert format_input(1e-7) == "0.0000001"
    assert format_input(1e20) == "100000000000000000000"
    assert format_input(Decimal("1E+3")) == "1000"
    assert format_input(42_000_000.0) == "42000000"
    assert format_input(0) == "0"
    assert plain(Decimal("-0.50")) == "-0.5"


def test_bad_text_is_refused_with_the_reason() -> None:
    for text in ("12 吨", "1,5", "1e5", "", "nan", "abc"):
        with pytest.raises(NumberTextError):
            convert_text(F, "raw_coal", "t", "kg", text)
    with pytest.raises(TypeError):
        exact_number(True)
    with pytest.raises(TypeError):
        exact_number("1")


@given(
    st.sampled_from(UNITS),
    st.sampled_from([u for _c, u in UNITS]),
    st.decimals(min_value=0, max_value=Decimal("1e12"), allow_nan=False, allow_infinity=False, places=12),
)
def test_conversion_round_trips_exactly(pair: tuple[str, str], other: str, amount: Decimal) -> None:
    carrier, unit = pair
    units = {u.id for u in F.carrier(carrier).input_units}
    if other not in units:
        other = F.carrier(carrier).unit
    text = plain(amount)
    there = convert_text(F, carrier, unit, other, text)
    assert typed_decimal(convert_text(F, carrier, other, unit, there)) == typed_decimal(text)
    # the same quantity: both texts give the same canonical amount, exactly
    assert Decimal(to_canonical(F, carrier, unit, text)) == Decimal(to_canonical(F, carrier, other, there))


@given(
    st.sampled_from(UNITS),
    st.integers(min_value=0, max_value=10**30 - 1),
    st.integers(min_value=0, max_value=9),
)
def test_canonical_amount_equals_decimal_arithmetic_on_the_text(pair: tuple[str, str], digits: int, scale: int) -> None:
    """The result is the exact decimal product of the typed digits and the unit's factor."""
    carrier, unit = pair
    typed = Decimal(digits).scaleb(-scale)
    factor = Decimal(repr(F.carrier(carrier).unit_factor(unit)))
    assert to_canonical(F, carrier, unit, plain(typed)) == typed * factor
