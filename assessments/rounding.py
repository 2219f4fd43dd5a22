"""Half-up rounding of shown figures (CRITERIA.md §1): compute in full precision, round once."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

_TIE_WINDOW = 1e-6


def round_half_up(value: float, places: int = 1) -> float:
    scale = 10.0**places
    scaled = value * scale
    frac = scaled - math.floor(scaled)
    if abs(frac - 0.5) > _TIE_WINDOW and math.isfinite(scaled) and abs(scaled) < 1e15:
        # Not near a tie: half-up and round-to-nearest agree, and float error (~1e-15 relative)
        # cannot move the result across an integer. This is the common, fast case.
        return math.floor(scaled + 0.5) / scale
    # Near a tie, decide on the decimal the user sees: repr() gives the shortest decimal that
    # reads back as the same float, so 56.95 stays 56.95 (not 56.9499999…) and rounds to 57.0.
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def fmt_number(value: float, places: int = 1) -> str:
    """Half-up rounded with thousands separators, for text shown to people."""
    return f"{round_half_up(value, places):,.{places}f}"
