"""Amounts typed in a chosen unit, converted exactly (decimal arithmetic on the typed text).

The energy table lets a manager type 30 in 万立方米 or 300 000 in 立方米; the document stores the
carrier's canonical unit. Conversions multiply or divide the *decimal the user typed* (numbers.py
reads it as a Decimal) by the unit's factor, never binary floats, so 4 200 万千瓦时 is exactly
42 000 000 kWh and switching the unit box shows 30 万立方米 as exactly 300 000 立方米
(docs/criteria.md §9 E1 asks for exact decimals throughout).
"""

from __future__ import annotations

from decimal import Context, Decimal
from typing import Any

from assessments.exact import EXACT, Number, constant, exact, to_number
from assessments.factors import Factors
from assessments.numbers import parse_number_text

# Dividing by a unit factor (a power of ten in the factor data) is exact at this precision.
_UNIT_SHOWN = Context(prec=60)


def exact_number(value: Any) -> Number:
    """A stored number as the decimal it was written as (a float by its shortest repr)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"not a number: {value!r}")
    return to_number(value)


def typed_decimal(text: str) -> Decimal:
    """The number a person typed (full-width digits, thousands separators…) as an exact decimal.
    Raises NumberTextError (with zh/en reasons) for text that is not a number."""
    return Decimal(parse_number_text(text))


def plain(value: Number) -> str:
    """A number as typed into a field: no exponent, no grouping, no trailing zeros (``300000``, ``0.0035``)."""
    if isinstance(value, int):
        return str(value)
    if not value.is_finite():
        raise ValueError(f"not finite: {value}")
    if value == value.to_integral_value() and abs(value) < 10**15:
        return str(int(value))
    text = f"{value.normalize(EXACT):f}"
    return "0" if text in ("-0", "0") else text


def format_input(value: Number | float | None) -> str:
    """A stored number as it is shown back in an input field: every digit as stored (so a commit
    without an edit stores the same decimal), no exponent, no needless .0; "" for None."""
    if value is None:
        return ""
    return plain(exact_number(value))


def _factor(factors: Factors, carrier_id: str, unit_id: str) -> Decimal:
    return constant(factors.carrier(carrier_id).unit_factor(unit_id))


def to_canonical(factors: Factors, carrier_id: str, unit_id: str, text: str) -> Number:
    """A typed amount in a chosen unit → the canonical amount the document stores, exactly
    (4 200 万kWh is 42 000 000 kWh; 0.1 kg is 0.0001 t). Raises NumberTextError for text that is
    not a number."""
    number = parse_number_text(text)
    with exact():
        return number * _factor(factors, carrier_id, unit_id)


def from_canonical(factors: Factors, carrier_id: str, unit_id: str, value: Number | float) -> Decimal:
    """A stored canonical amount in the chosen unit: 30 (万立方米) in 立方米 → 300000."""
    shown = _UNIT_SHOWN.divide(Decimal(exact_number(value)), _factor(factors, carrier_id, unit_id))
    return shown.normalize(_UNIT_SHOWN)


def convert_text(factors: Factors, carrier_id: str, from_unit: str, to_unit: str, text: str) -> str:
    """The typed amount re-expressed in another unit (the same quantity): ``30`` 万立方米 → ``300000`` 立方米."""
    with exact():
        canonical = typed_decimal(text) * _factor(factors, carrier_id, from_unit)
    return plain(_UNIT_SHOWN.divide(canonical, _factor(factors, carrier_id, to_unit)).normalize(_UNIT_SHOWN))
