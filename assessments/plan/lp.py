"""A small linear-model builder in plain Python (no solver here: ``highs`` passes it to HiGHS).

``Affine`` is a linear expression ``const + Σ coef·var``; ``Model`` collects bounded variables
(continuous or integer), rows ``lo ≤ expr ≤ hi`` and a linear objective. ``bounds`` gives the
interval of an expression over the variable box, which the formulation uses to size every
big-M exactly instead of guessing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

INF = math.inf


class Affine:
    __slots__ = ("const", "terms")

    def __init__(self, const: float = 0.0, terms: dict[int, float] | None = None) -> None:
        self.const = float(const)
        self.terms: dict[int, float] = dict(terms) if terms else {}

    @property
    def constant(self) -> bool:
        return not any(self.terms.values())

    def copy(self) -> Affine:
        return Affine(self.const, self.terms)

    def __add__(self, other: Affine | float) -> Affine:
        out = self.copy()
        if isinstance(other, Affine):
            out.const += other.const
            for k, v in other.terms.items():
                out.terms[k] = out.terms.get(k, 0.0) + v
        else:
            out.const += float(other)
        return out

    __radd__ = __add__

    def __neg__(self) -> Affine:
        return Affine(-self.const, {k: -v for k, v in self.terms.items()})

    def __sub__(self, other: Affine | float) -> Affine:
        return self + (-other if isinstance(other, Affine) else -float(other))

    def __rsub__(self, other: float) -> Affine:
        return (-self) + other

    def __mul__(self, factor: float) -> Affine:
        f = float(factor)
        return Affine(self.const * f, {k: v * f for k, v in self.terms.items() if v * f != 0.0})

    __rmul__ = __mul__

    def __truediv__(self, divisor: float) -> Affine:
        return self * (1.0 / float(divisor))


def total(items: Iterable[Affine | float]) -> Affine:
    out = Affine()
    for item in items:
        out = out + item
    return out


@dataclass
class Model:
    lb: list[float] = field(default_factory=list)
    ub: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    cost: list[float] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    rows: list[tuple[dict[int, float], float, float]] = field(default_factory=list)
    sense: int = 1  # 1 minimise, -1 maximise

    def var(self, lb: float, ub: float, *, integer: bool = False, cost: float = 0.0, name: str = "") -> Affine:
        self.lb.append(float(lb))
        self.ub.append(float(ub))
        self.integer.append(integer)
        self.cost.append(float(cost))
        self.names.append(name)
        return Affine(0.0, {len(self.lb) - 1: 1.0})

    def binary(self, *, cost: float = 0.0, name: str = "") -> Affine:
        return self.var(0.0, 1.0, integer=True, cost=cost, name=name)

    def bounds(self, expr: Affine) -> tuple[float, float]:
        lo = hi = expr.const
        for k, v in expr.terms.items():
            a, b = v * self.lb[k], v * self.ub[k]
            lo += min(a, b)
            hi += max(a, b)
        return lo, hi

    def add(self, expr: Affine, lo: float = -INF, hi: float = INF) -> None:
        """``lo ≤ expr ≤ hi``; a row on a constant expression is checked here instead."""
        terms = {k: v for k, v in expr.terms.items() if v != 0.0}
        if not terms:
            if expr.const < lo - 1e-9 * max(1.0, abs(lo)) or expr.const > hi + 1e-9 * max(1.0, abs(hi)):
                self.infeasible_constant = True
            return
        # Scale the row so that its largest coefficient is 1 (the solver's tolerances are absolute).
        scale = max(abs(v) for v in terms.values())
        self.rows.append(
            (
                {k: v / scale for k, v in terms.items()},
                (lo - expr.const) / scale if lo > -INF else -INF,
                (hi - expr.const) / scale if hi < INF else INF,
            )
        )

    def le(self, left: Affine, right: Affine | float) -> None:
        self.add(left - right, hi=0.0)

    def ge(self, left: Affine, right: Affine | float) -> None:
        self.add(left - right, lo=0.0)

    def minimise(self, objective: Affine) -> None:
        self.sense = 1
        self._objective(objective)

    def maximise(self, objective: Affine) -> None:
        self.sense = -1
        self._objective(objective)

    def _objective(self, objective: Affine) -> None:
        self.cost = [0.0] * len(self.lb)
        for k, v in objective.terms.items():
            self.cost[k] = v
        self.offset = objective.const

    infeasible_constant: bool = False
    offset: float = 0.0
