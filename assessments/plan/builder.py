"""The mixed-integer model of "reach grade G at least cost", built from the criteria data.

Every indicator is modelled from its scoring *method* and the numbers in the criteria file (the
same vocabulary the engine implements), every gate from its *kind*; an indicator or gate that no
lever can move is a constant taken from the engine's exact result. A criteria revision that
changes weights, thresholds, options or gates therefore changes the model with it; a method or
metric the planner cannot model is refused by name (``PlanUnsupported``), never guessed.

Why the model is linear, and where it is not:

* Every energy lever moves an amount between carriers at equal tce (``levers`` enforces it), so
  total energy is a constant and every share over it (non-fossil, electrification, CO₂ per tce)
  is affine in the amounts; CO₂ per product is over a constant output. The green-certificate
  cover ``min(grid, 1000·gec)`` is a variable bounded by both (more cover only ever helps).
* A clipped ``lin`` is ``min(1, max(0, L))``: ``s ≤ 1`` and ``s ≤ L``, with one binary where L
  can be negative. Fractions are only ever bounded from above: every indicator and gate rewards
  a larger fraction, so the solver pushes each to its true value.
* What is *not* linear in the amounts — M6 (cube roots of CO₂), M7 (offsets over CO₂) and E3 when
  a lever changes total electricity (kWh over kWh) — is modelled on *levels*: the varying
  quantity (CO₂, electricity) lies in one of a set of intervals (one-hot binaries), and the
  fraction is bounded by its value at the interval's worse end, computed by the engine's own
  functions. That model is conservative (whatever it accepts, the engine accepts); the search
  adds the solution's own CO₂ as a level and solves again, and the same intervals valued at
  their better end give a lower bound on the cost (``Setting.optimistic``), so the remaining gap
  is measured, not assumed.

Thresholds are the exact values the engine compares after rounding (a total shown as 70.0 is at
least 69.95; docs/criteria.md §1 and §9 E2), plus a small margin the search raises if the engine ever
disagrees with the solver's floating-point answer.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction
from typing import Any

from ..criteria import Criteria
from ..document import AnswersDocument
from ..errors import DomainError, Problem
from ..exact import Q
from ..factors import Factors
from ..methods import method as registered_method
from ..scoring import Result, exact_grade_gates, exact_indicator_plan
from .lp import Affine, Model, total
from .uses import UnitFigures, Use

EPS_ACTION = 1e-7  # 万元 per action in the objective: of two equal-cost plans, the one with fewer actions
LEVEL_POINTS = 8  # evenly spaced levels (plus the kinks and the current value)
BIG_SLACK = 1e-9


class PlanUnsupported(DomainError):
    """The criteria use a rule the planner cannot model (a user-safe sentence naming it)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__([Problem("criteria", zh, en)])


@dataclass(frozen=True)
class Setting:
    target: str
    band_margin: float = 1e-6  # points above the exact band threshold
    gate_margin: float = 0.0  # relative margin on continuous gate thresholds
    breakpoints: Mapping[str, tuple[float, ...]] = field(default_factory=dict)  # extra levels
    optimistic: bool = False  # value each level interval at its better end (a lower bound)
    band: bool = True  # require the target's score band
    gates: tuple[int, ...] | None = None  # which of the target's top-level gates (None: all)
    objective: str = "cost"  # cost | total
    forced_off: frozenset[str] = frozenset()  # use keys that may not be chosen


@dataclass(frozen=True, slots=True)
class Context:
    criteria: Criteria
    factors: Factors
    doc: AnswersDocument
    result: Result
    uses: tuple[Use, ...]
    figures: Mapping[str, UnitFigures]


@dataclass
class Formulation:
    model: Model
    y: dict[str, Affine]
    t: dict[str, Affine]
    total: Affine
    levels: dict[str, tuple[float, ...]]
    level_exprs: dict[str, Affine]
    level_intervals: dict[str, list[tuple[Affine, float, float]]]
    infeasible_reason: str | None = None

    def refining_points(self, values: Sequence[float]) -> dict[str, tuple[float, ...]]:
        """Where to split the interval a solution chose: at its value, close around it, and a tenth
        of the interval in from each end — so an optimistic interval shrinks fast around the
        solution whichever end it was valued at."""
        out = {}
        for name, expr in self.level_exprs.items():
            value = expr.const + sum(coef * values[k] for k, coef in expr.terms.items())
            for u, a, b in self.level_intervals[name]:
                (k,) = u.terms
                if values[k] < 0.5:
                    continue
                width = b - a
                if width <= 1e-12 * max(1.0, abs(b)):
                    break
                near = (value * (1 + d) for d in (-1e-3, -1e-4, 1e-4, 1e-3))
                out[name] = tuple(p for p in (value, a + width / 10, b - width / 10, *near) if a < p < b)
                break
        return out


def _f(value: Any) -> float:
    if isinstance(value, tuple):
        n, d = value
        return float(Fraction(n) / Fraction(d))
    return float(value)


def band_threshold(value: Decimal | float | int) -> float:
    """The smallest exact value whose half-up rounding to 0.1 is at least ``value``."""
    v = Decimal(str(value))
    shown = (v * 10).to_integral_value(rounding=ROUND_CEILING) / 10
    return float(shown - Decimal("0.05"))


class BuilderCore:
    """The model's variables and the energy, level and clipping tools every indicator and gate uses."""

    def __init__(self, ctx: Context, setting: Setting) -> None:
        self.ctx = ctx
        self.s = setting
        self.m = Model()
        self.r = ctx.result
        self.criteria = ctx.criteria
        self.y: dict[str, Affine] = {}
        self.t: dict[str, Affine] = {}
        self.amount: dict[str, Affine] = {}
        self.levels_used: dict[str, tuple[float, ...]] = {}
        self.level_exprs: dict[str, Affine] = {}
        self._metrics: dict[str, tuple[str, Any]] = {}
        self._level_cache: dict[str, list[tuple[Affine, float, float]]] = {}
        self._fractions: dict[str, Affine] = {}
        self._positive: dict[object, Affine] = {}
        self.infeasible: str | None = None

    # ------------------------------------------------------------------ uses and document

    def build(self) -> Formulation:
        m = self.m
        objective = Affine()
        for use in self.ctx.uses:
            y = m.binary(name=f"y:{use.key}")
            if use.key in self.s.forced_off:
                m.add(y, hi=0.0)
            self.y[use.key] = y
            per = use.lever.unit.per
            if use.continuous:
                t = m.var(0.0, 1.0, name=f"t:{use.key}")
                m.le(t, y)
                self.t[use.key] = t
                self.amount[use.key] = t * float(use.upper)
                objective = objective + t * (float(use.unit_cost) * float(use.upper) / per) + y * EPS_ACTION
            else:
                self.amount[use.key] = y
                objective = objective + y * (float(use.unit_cost) / per + EPS_ACTION)
        by_path: dict[str, list[Affine]] = {}
        for use in self.ctx.uses:
            for path in use.paths:
                by_path.setdefault(path, []).append(self.y[use.key])
        for ys in by_path.values():
            if len(ys) > 1:
                m.le(total(ys), 1.0)
        self._document_deltas()
        self._energy()
        points = self._dimensions()
        grand = total(points.values())
        self._requirements()
        grade = self.criteria.grade(self.s.target)
        if self.s.band:
            m.ge(grand, band_threshold(grade.min_total) + self.s.band_margin)
        gates = exact_grade_gates(self.criteria, self.s.target)
        for i, gp in enumerate(gates):
            if self.s.gates is not None and i not in self.s.gates:
                continue
            passed = self._gate(gp)
            if passed is False:
                self.infeasible = self.infeasible or gp.gate.label.zh
            elif passed is not True:
                m.ge(passed, 1.0)
        if self.s.objective == "total":
            m.maximise(grand)
        else:
            m.minimise(objective)
        if self.infeasible:
            m.infeasible_constant = True
        return Formulation(
            m, self.y, self.t, grand, self.levels_used, self.level_exprs, dict(self._level_cache), self.infeasible
        )

    def _document_deltas(self) -> None:
        self.d_energy: dict[str, Affine] = {c.id: Affine() for c in self.ctx.factors.carriers}
        self.d_top: dict[str, Affine] = {"gec_mwh": Affine(), "offsets_t": Affine()}
        self.d_answer: dict[str, Affine] = {}
        self.sets: dict[str, list[tuple[Affine, Any]]] = {}
        self.outlet_uses: dict[int, list[tuple[Affine, Use]]] = {}
        for use in self.ctx.uses:
            ch = use.lever.change
            amount = self.amount[use.key]
            if ch.op == "move":
                assert ch.source is not None and ch.target is not None
                src, dst = ch.source.split(".", 1)[1], ch.target.split(".", 1)[1]
                self.d_energy[src] = self.d_energy[src] - amount
                self.d_energy[dst] = self.d_energy[dst] + amount * float(use.ratio)
            elif ch.op == "add":
                assert ch.path is not None
                self.d_top[ch.path] = self.d_top[ch.path] + amount
            elif ch.op == "raise":
                assert ch.path is not None
                key = ch.path.split(".", 1)[1]
                self.d_answer[key] = self.d_answer.get(key, Affine()) + amount
            elif ch.op == "set":
                assert ch.path is not None
                self.sets.setdefault(ch.path.split(".", 1)[1], []).append((self.y[use.key], ch.value))
            else:
                assert use.outlet is not None
                self.outlet_uses.setdefault(use.outlet, []).append((self.y[use.key], use))

    # ------------------------------------------------------------------ energy and carbon

    def _exact(self, name: str) -> Q | None:
        value: Q | None = self.r.metrics.exact.get(name)
        return value

    def _energy(self) -> None:
        m, figures, factors = self.m, self.ctx.figures, self.ctx.factors
        doc = self.ctx.doc
        grid_id = next((c.id for c in factors.carriers if c.co2.method == "grid"), None)
        d_cover = Affine()
        cover0 = _f(self._exact("gec_cover_kwh") or 0)
        if grid_id is not None and (not self.d_energy[grid_id].constant or not self.d_top["gec_mwh"].constant):
            grid_now = self.d_energy[grid_id] + float(doc.energy.get(grid_id, 0))
            gec_now = self.d_top["gec_mwh"] + float(doc.gec_mwh)
            hi = max(0.0, min(m.bounds(grid_now)[1], 1000.0 * m.bounds(gec_now)[1]))
            cover = m.var(0.0, hi, name="gec_cover")
            m.le(cover, grid_now)
            m.le(cover, gec_now * 1000.0)
            d_cover = cover - cover0
        grid_co2 = float(figures[grid_id].co2) if grid_id is not None else 0.0
        d_co2, d_s1, d_s2, d_nf, d_el_tce, d_elec, d_ren, d_coal, d_tce = (Affine() for _ in range(9))
        for c in factors.carriers:
            delta = self.d_energy[c.id]
            if delta.constant:
                continue
            fig = figures[c.id]
            co2 = delta * float(fig.co2)
            tce = delta * float(fig.tce)
            d_co2 = d_co2 + co2
            if c.co2.scope == 2 or c.co2.method == "grid":
                d_s2 = d_s2 + co2
            else:
                d_s1 = d_s1 + co2
            d_tce = d_tce + tce
            if "non_fossil" in c.kinds:
                d_nf = d_nf + tce
            if c.is_electricity:
                d_el_tce = d_el_tce + tce
                d_elec = d_elec + delta
                if "non_fossil" in c.kinds:
                    d_ren = d_ren + delta
            if "coal" in c.kinds:
                d_coal = d_coal + tce
        d_co2 = d_co2 - d_cover * grid_co2
        d_s2 = d_s2 - d_cover * grid_co2
        d_ren = d_ren + d_cover
        tce0 = _f(self._exact("total_tce") or 0)
        if any(abs(v) > 1e-9 * max(1.0, tce0) for v in d_tce.terms.values()):
            raise PlanUnsupported("改进措施改变了综合能源消费量，本程序无法建模", "a lever changes total energy")

        def affine(name: str, delta: Affine, scale: float = 1.0) -> None:
            q = self._exact(name)
            if q is None:
                self._metrics[name] = ("none", None)
            elif delta.constant:
                self._metrics[name] = ("const", q)
            else:
                self._metrics[name] = ("affine", delta * scale + _f(q))

        affine("total_tce", Affine())
        affine("co2_t", d_co2)
        affine("scope1_t", d_s1)
        affine("scope2_t", d_s2)
        if tce0 > 0:
            affine("co2_per_tce", d_co2, 1.0 / tce0)
            affine("non_fossil_share", d_nf, 100.0 / tce0)
            affine("electrification", d_el_tce, 100.0 / tce0)
        output = doc.output
        if output is not None:
            affine("product_carbon_intensity", d_co2, 1.0 / float(output.quantity))
        base = self._exact("coal_tce_2020")
        coal_change = self._exact("coal_change")
        if base is not None and coal_change is not None:
            affine("coal_change", d_coal, 1.0 / _f(base))
        else:
            self._metrics["coal_change"] = (
                ("none", None) if coal_change is None and d_coal.constant else ("special", None)
            )
        affine("coal_tce_now", d_coal)
        affine("coal_tce_2020", Affine())
        affine("elec_kwh", d_elec)
        affine("gec_cover_kwh", d_cover)
        affine("worst_water_ratio", Affine())
        ren = self._exact("renewable_electricity_share")
        if ren is None:
            self._metrics["renewable_electricity_share"] = ("none", None)
        elif d_ren.constant and d_elec.constant:
            self._metrics["renewable_electricity_share"] = ("const", ren)
        else:
            elec0 = _f(self._exact("elec_kwh") or 0)
            r0 = _f(ren) * elec0 / 100.0
            num = (d_ren + r0) * 100.0
            den = d_elec + elec0
            if d_elec.constant:
                self._metrics["renewable_electricity_share"] = ("affine", num / elec0)
            else:
                self._metrics["renewable_electricity_share"] = ("ratio", (num, den))
        self.co2 = d_co2 + _f(self._exact("co2_t") or 0)
        self.coal_now = d_coal + _f(self._exact("coal_tce_now") or 0)
        self._metrics["worst_air_ratio"] = ("special", None)
        self._metrics["offset_coverage"] = ("special", None)
        self._metrics["carbon_elasticity"] = ("special", None)
        self.w: Affine | None = None

    # ------------------------------------------------------------------ levels

    def _levels(self, name: str, expr: Affine, kinks: Sequence[float] = ()) -> list[tuple[Affine, float, float]]:
        """One-hot intervals for a varying quantity (a single fixed level when it is constant)."""
        if name in self._level_cache:
            return self._level_cache[name]
        m = self.m
        if expr.constant:
            return [(Affine(1.0), expr.const, expr.const)]
        lo, hi = m.bounds(expr)
        lo = max(lo, 0.0)
        hi = max(hi, lo)
        points = {lo, hi, max(min(expr.const, hi), lo)}
        points.update(lo + (hi - lo) * k / LEVEL_POINTS for k in range(1, LEVEL_POINTS))
        points.update(p for p in kinks if lo < p < hi)
        points.update(p for p in self.s.breakpoints.get(name, ()) if lo < p < hi)
        ordered = sorted(points)
        merged = [ordered[0]]
        for p in ordered[1:]:
            if p - merged[-1] > 1e-12 * max(1.0, abs(p)):
                merged.append(p)
        if len(merged) == 1:
            merged.append(merged[0])
        intervals = []
        us = []
        # Every level is also a zero-width interval of its own: a solution exactly at a level (the
        # current value, or a refined one) is then valued exactly, not at a neighbouring end.
        spans = [(p, p) for p in merged] + list(itertools.pairwise(merged))
        for a, b in spans:
            u = m.binary(name=f"level:{name}:{a:g}:{b:g}")
            us.append(u)
            intervals.append((u, a, b))
        m.add(total(us), lo=1.0, hi=1.0)
        tol = 1e-9 * max(1.0, hi)
        m.ge(expr, total(u * a for u, a, _ in intervals) - tol)
        m.le(expr, total(u * b for u, _, b in intervals) + tol)
        self.levels_used[name] = tuple(merged)
        self.level_exprs[name] = expr
        self._level_cache[name] = intervals
        return intervals

    # ------------------------------------------------------------------ building blocks

    def _clip_upper(self, s: Affine, value: Affine, zero_at: float, full_at: float, when: Affine | None = None) -> None:
        """``s ≤ clip(lin(value, zero_at, full_at))`` (only when the binary ``when`` is 1).

        Where ``lin`` can be negative one binary per fraction says whether it is above zero (the
        same binary serves every level of a levelled quantity: fewer binaries, faster solves)."""
        m = self.m
        lin = (value - zero_at) / (full_at - zero_at)
        off = Affine() if when is None else (1.0 - when)
        lo = m.bounds(lin)[0]
        big = max(0.0, m.bounds(s - lin)[1]) + BIG_SLACK
        if lo >= 0.0:
            m.le(s, lin + off * big)
            return
        key = tuple(sorted(s.terms))
        z = self._positive.get(key)
        if z is None:
            z = self._positive[key] = m.binary(name="positive")
            m.le(s, z)
        m.le(s, lin + (1.0 - z) * big + off * big)

    def _fraction_var(self, name: str) -> Affine:
        return self.m.var(0.0, 1.0, name=f"s:{name}")

    def _const(self, indicator_id: str) -> Affine:
        fraction = self.r.indicator(indicator_id).fraction_q
        assert fraction is not None
        return Affine(_f(fraction))

    def _flag(self, key: str) -> Affine:
        """An answer's truth (0/1) after the plan."""
        current = 1.0 if self.ctx.doc.answers.get(key) is True else 0.0
        out = Affine(current)
        for y, value in self.sets.get(key, []):
            out = out + y * ((1.0 if value is True else 0.0) - current)
        return out

    # ------------------------------------------------------------------ indicators

    def _dimensions(self) -> dict[str, Affine]:
        self.dim_scores: dict[str, Affine] = {}
        for dim in self.criteria.dimensions:
            members = [i for i in self.criteria.indicators_of(dim.id) if self.r.indicator(i.id).applicable]
            weight = sum(float(exact_indicator_plan(self.criteria, i.id).weight) for i in members)
            score = Affine()
            for ind in members:
                ip = exact_indicator_plan(self.criteria, ind.id)
                s = self._fraction(ind.id)
                score = score + s * (float(ip.share) / weight)
            self.dim_scores[dim.id] = score
        return self.dim_scores

    def _fraction(self, indicator_id: str) -> Affine:
        if indicator_id in self._fractions:
            return self._fractions[indicator_id]
        ip = exact_indicator_plan(self.criteria, indicator_id)
        method, p = ip.ind.method, ip.params
        doc = self.ctx.doc
        builder = self._method_model(registered_method(method).name)
        if builder is None:
            raise PlanUnsupported(
                f"评价标准中指标 {indicator_id} 的计分方法“{method}”尚不能用于改进计划",
                f"the planner cannot model scoring method {method!r} ({indicator_id})",
            )
        s: Affine = builder(indicator_id, ip, p, doc)
        self._fractions[indicator_id] = s
        return s

    def _gate(self, gp: Any) -> bool | Affine:
        raise NotImplementedError  # GateModels

    def _requirements(self) -> None:
        raise NotImplementedError  # GateModels

    def _method_model(self, name: str) -> Any:
        return None  # MethodModels
