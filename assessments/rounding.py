"""Half-up rounding of shown figures (CRITERIA.md §1): compute in full precision, round once."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: float, places: int = 1) -> float:
    # repr() gives the shortest decimal that reads back as the same float, so 56.95 stays
    # 56.95 (not 56.9499999…) and rounds to 57.0 as a person would expect.
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def fmt_number(value: float, places: int = 1) -> str:
    """Half-up rounded with thousands separators, for text shown to people."""
    return f"{round_half_up(value, places):,.{places}f}"
