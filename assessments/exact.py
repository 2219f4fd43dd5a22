"""Exact arithmetic for scoring: the number type, exact quotients, rounding, comparisons, ``lin``.

docs/criteria.md §9 E1 asks that every figure equal exact rational arithmetic on the decimals as typed,
and that binary floating-point error never decide a rounding or a comparison. This module holds
every rule needed for that, so the engine (``calc``, ``scoring``) never improvises with numbers.

Number type
    A document keeps every number as the decimal that was typed: JSON is decoded with
    ``parse_float=Decimal`` (``assessments.jsonnum``), typed text is read by
    ``numbers.parse_number_text`` into a ``Decimal``, JSON integers stay ``int``. A ``float`` that
    still reaches a parser (older code, tests) is read as its shortest repr, the decimal it was
    written from (``to_number``). Criteria and factor constants are short decimals in their files;
    they are taken the same way (``constant``).

Why the engine is exact
    Everything in docs/criteria.md §4–§5 is built from those decimals with +, −, ×, ÷, min/max and
    comparisons, except the two cube roots of §4.8. The engine never divides. A quotient is
    kept as a pair ``(numerator, denominator)`` with a positive denominator (``Q``), and +, −, ×
    run in the context ``EXACT``, whose precision is ``MAX_PREC``: libmpdec then computes every sum,
    difference and product exactly (no operand comes near that many digits: ``MAX_DIGITS`` and
    ``MIN_MAGNITUDE`` bound what a document may hold). So every numerator and denominator is the
    exact value. Quotients are formed by multiplying before dividing: CO₂ per tce is
    ``(3·CO₂ × K, 3 × K·tce)`` (``calc`` sums CO₂ ×3 and tce ×K to clear the fixed divisors 12 and
    29.3076); ``lin`` of ``n/d`` is ``(n − z·d, d·(f − z))``; points are ``(max·w·sₙ, W·s_d)``; a
    dimension score sums ``w·s`` over a common denominator. Every decision is taken on exact values:

    * ``a/b`` against a constant ``c``: ``a`` against ``c·b`` (``b > 0``); ``a/b`` against ``c/d``:
      ``a·d`` against ``c·b`` — the maximum of air or water ratios, lost points, gates, caps;
    * clipping in ``lin``: ``x`` against ``zero_at`` and ``full_at`` the same way;
    * half-up rounding of ``a/b`` (``a ≥ 0``, ``b > 0``) to ``k`` places:
      ``⌊(2·a·10ᵏ + b) / (2·b)⌋`` with ``//``, which is exact on exact Decimals when the quotient is
      an integer (it is, by construction) — points, dimension scores, the total, E4's ``g_co2``.

    A division takes place only when a figure *leaves* the engine (``quotient``): the exact
    quotient truncated toward zero to ``SHOWN_DIGITS`` significant digits. Truncation is
    monotone and leaves every number of at most ``SHOWN_DIGITS`` digits unchanged, so for every
    rounding boundary ``t`` of a coarser position, ``v ≥ t ⇔ trunc(v) ≥ t`` and ``v < t ⇔ trunc(v) < t``:
    rounding the figure half up (``round_half_up``, ``fmt_number``) at any position ``10⁻ᵏ`` with
    ``log10|v| + k + 2 ≤ SHOWN_DIGITS`` gives exactly the rounding of the exact value — whether or
    not the exact value has a finite decimal expansion. With E6 every figure is below 10²⁴ (see
    below), so every display precision up to 20 decimals is exact. (Half-even rounding would not
    be: it must never be used on a figure; ``round()`` and ``format(x, ".2f")`` are avoided.)

    Why it is fast enough: no ``Fraction`` (whose gcd at every step costs microseconds), only
    Decimal +, −, × in C on numbers of a few dozen digits, and a division only for a figure that
    is read (the result divides out its figures lazily).

Cube roots (§4.8)
    The two cube roots are irrational; E1 says to compute them in double precision. ``cube_root``
    takes the double nearest to the exact ratio (``int / int`` true division is correctly rounded),
    ``math.cbrt`` of it, and the exact value of that double (``Decimal(float)`` is exact). From
    there on everything is exact again: ``g = r − 1``, E4's rounding of ``g_co2`` to 4 decimals,
    ``|g_out| < 0.001`` and the elasticity ``g_co2 / g_out`` (a ``Q``).

Bounds (E6) and why figures stay finite
    Decimal in ``EXACT`` cannot overflow (``Emax = MAX_EMAX``) and no division by zero is ever
    formed (denominators are checked positive), so no figure is ever infinite or NaN. E6 keeps
    them plausible as well: amounts ≤ 10¹² and divisors (output, year −3 CO₂ and output,
    concentration limits, total energy, the 2020 coal base) ≥ 10⁻⁶, so the largest figure is
    about 10¹⁷ t CO₂ / 10⁻⁶ < 10²⁴ — also finite as a double, for anything that draws a bar.
"""

from __future__ import annotations

import math
from contextlib import AbstractContextManager
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_DOWN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    getcontext,
    localcontext,
)
from typing import Final, TypeAlias

Number: TypeAlias = int | Decimal
"""A number as typed: JSON integers stay ``int``, everything else is a ``Decimal``."""

Q: TypeAlias = tuple[Number, Number]
"""An exact quotient ``(numerator, denominator)``; the denominator is always positive."""

ZERO: Final[Q] = (0, 1)
ONE: Final[Q] = (1, 1)

# Exact +, −, × (never rounds). A division in this context would try to allocate MAX_PREC digits
# and fail at once: the engine divides only through ``quotient`` / ``round_quotient``.
EXACT: Final = Context(
    prec=MAX_PREC,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    rounding=ROUND_HALF_UP,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
SHOWN_DIGITS: Final = 50
_SHOW: Final = Context(prec=SHOWN_DIGITS, rounding=ROUND_DOWN, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[InvalidOperation])
_ROUND: Final = Context(prec=MAX_PREC, rounding=ROUND_HALF_UP, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[InvalidOperation])

# What a document may hold (document.py refuses the rest with the field and the reason): more
# significant digits than any measurement has, and exponents that keep exact sums small. Every
# double (down to the subnormal 5e-324) passes; 1e12 + 1e-330 has 343 digits, whereas JSON's
# 1e-999999999 would make a billion-digit sum.
MAX_DIGITS: Final = 40
MIN_MAGNITUDE: Final = Decimal("1e-330")
# docs/criteria.md §9 E6: no divisor below this.
MIN_DIVISOR: Final = Decimal("0.000001")

_ZERO: Final = Decimal(0)
_QUANTUM: Final = tuple(Decimal(1).scaleb(-k) for k in range(0, 41))
_POW10: Final = tuple(Decimal(1).scaleb(k) for k in range(0, 41))


def exact() -> AbstractContextManager[Context]:
    """``with exact():`` runs the enclosed arithmetic in ``EXACT`` (the engine enters it once per
    scoring; code outside the engine that adds or multiplies figures enters it too, because
    Decimal's default context would round to 28 digits)."""
    return localcontext(EXACT)


def in_exact() -> bool:
    """True inside ``exact()`` (engine helpers check it and enter the context when called alone)."""
    return getcontext().prec == MAX_PREC


def to_number(value: int | float | Decimal) -> Number:
    """A JSON or typed number as the engine keeps it; a float is read as its shortest repr."""
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def constant(value: float | Number) -> Decimal:
    """A constant of a criteria or factor file (read as float by the data reader), exactly as
    written, as a Decimal (Decimal × Decimal is faster than Decimal × int)."""
    if isinstance(value, float):
        return Decimal(int(value)) if value.is_integer() and abs(value) < 1e15 else Decimal(repr(value))
    return value if isinstance(value, Decimal) else Decimal(value)


def significant_digits(value: Decimal) -> int:
    """Digits of the coefficient without trailing zeros (1.2300 → 3)."""
    return len(value.normalize(EXACT).as_tuple().digits)


def quotient(n: Number, d: Number) -> Decimal:
    """The figure ``n/d`` as it leaves the engine: truncated toward zero to SHOWN_DIGITS digits."""
    value = (n if isinstance(n, Decimal) else Decimal(n)) if d == 1 else _SHOW.divide(n, d)
    return value if value else _ZERO  # a zero figure is 0, not 0E+10


def q_value(q: Q | None) -> Decimal | None:
    return None if q is None else quotient(q[0], q[1])


def round_quotient(n: Number, d: Number, places: int) -> Decimal:
    """``n/d`` (``d > 0``) rounded half up (away from zero on a tie) to ``places`` decimals, exactly."""
    with localcontext(EXACT):
        magnitude = -n if n < 0 else n
        steps = (2 * magnitude * _POW10[places] + d) // (2 * d)
        if n < 0 and steps:
            steps = -steps
        return Decimal(steps).scaleb(-places, EXACT)


def round_half_up(value: Number | float, places: int = 1) -> Decimal:
    """A figure rounded half up to ``places`` decimals (docs/criteria.md §1); a float counts as its repr."""
    number = to_number(value)
    if isinstance(number, int):
        number = Decimal(number)
    rounded = number.quantize(_QUANTUM[places], context=_ROUND)
    return rounded if rounded else rounded.copy_abs()  # never "-0.0"


def fmt_number(value: Number | float, places: int = 1) -> str:
    """Half-up rounded with thousands separators, for text shown to people."""
    return f"{round_half_up(value, places):,.{places}f}"


def shown_float(value: Decimal) -> float:
    """A rounded score (≤ 4 significant digits) as the float the score API has always returned.

    Exact as a carrier: a decimal of at most 15 significant digits reads back from its double
    unchanged (DBL_DIG), so ``repr`` and every formatter show the rounded value itself.
    """
    return float(value)


def q_greater(a: Q, b: Q) -> bool:
    """``a > b`` for two quotients with positive denominators (inside ``exact()``)."""
    return bool(a[0] * b[1] > b[0] * a[1])


def lin(n: Number, d: Number, zero_at: Number, full_at: Number) -> Q:
    """``lin(n/d, zero_at, full_at)`` of docs/criteria.md §0 as an exact fraction in [0, 1] (``d > 0``).

    Works for both directions (lower is better when ``full_at < zero_at``); the clipping compares
    the exact value with both ends, so a value exactly at an end scores exactly 0 or 1. Call it
    inside ``exact()`` (the engine does; ``scoring.lin`` is the stand-alone form).
    """
    low = zero_at * d
    if full_at > zero_at:
        if n <= low:
            return ZERO
        if n >= full_at * d:
            return ONE
        return n - low, d * (full_at - zero_at)
    if n >= low:
        return ZERO
    if n <= full_at * d:
        return ONE
    return low - n, d * (zero_at - full_at)


def nearest_double(n: Number, d: Number) -> float:
    """The double nearest to ``n/d`` (``int / int`` true division rounds correctly)."""
    a, b = Decimal(n).as_integer_ratio()
    c, e = Decimal(d).as_integer_ratio()
    return (a * e) / (b * c)


def cube_root(n: Number, d: Number) -> Decimal:
    """The cube root of ``n/d ≥ 0`` in double precision (docs/criteria.md §9 E1), as its exact Decimal."""
    return Decimal(math.cbrt(nearest_double(n, d)))
