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
least 69.95; CRITERIA.md §1 and §9 E2), plus a small margin the search raises if the engine ever
disagrees with the solver's floating-point answer.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction
from typing import Any

from ..calc import carbon_elasticity
from ..criteria import Criteria
from ..document import AnswersDocument
from ..errors import DomainError, Problem
from ..exact import Q
from ..factors import Factors
from ..scoring import Result, elasticity_fraction, exact_grade_gates, exact_indicator_plan
from ..vocabulary import NA
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


class _Builder:
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
        builder = getattr(self, f"_m_{method}", None)
        if builder is None:
            raise PlanUnsupported(
                f"评价标准中指标 {indicator_id} 的计分方法“{method}”尚不能用于改进计划",
                f"the planner cannot model scoring method {method!r} ({indicator_id})",
            )
        s: Affine = builder(indicator_id, ip, p, doc)
        self._fractions[indicator_id] = s
        return s

    def _m_choice(self, iid: str, ip: Any, p: Mapping[str, Any], doc: AnswersDocument) -> Affine:
        sets = self.sets.get(iid, [])
        if not sets:
            return self._const(iid)
        current = _f(self.r.indicator(iid).fraction_q)
        out = Affine(current)
        for y, value in sets:
            out = out + y * (float(ip.options[value]) - current)
        return out

    def _m_boolean(self, iid: str, ip: Any, p: Mapping[str, Any], doc: AnswersDocument) -> Affine:
        return self._flag(iid) if iid in self.sets else self._const(iid)

    def _m_lin(self, iid: str, ip: Any, p: Mapping[str, Any], doc: AnswersDocument) -> Affine:
        d = self.d_answer.get(iid)
        caps = [(sub.id, float(cap)) for sub, cap in ip.caps]
        if d is None and not any(sub in self.sets for sub, _ in caps):
            return self._const(iid)
        value = (d or Affine()) + float(doc.answers[iid])
        s = self._fraction_var(iid)
        self._clip_upper(s, value, float(p["zero_at"]), float(p["full_at"]))
        for sub, cap in caps:
            flag = self._flag(sub)
            if flag.constant and flag.const < 0.5:
                continue
            self.m.le(s, (1.0 - flag) * (1.0 - cap) + cap)
        return s

    def _metric_clip(self, iid: str, metric: str, zero_at: float, full_at: float) -> Affine:
        kind, value = self._metrics.get(metric, ("unknown", None))
        if kind in ("const", "none"):
            return self._const(iid)
        s = self._fraction_var(iid)
        if kind == "affine":
            self._clip_upper(s, value, zero_at, full_at)
            return s
        if kind == "ratio":
            num, den = value
            rising = full_at > zero_at
            for u, a, b in self._levels(metric, den):
                h = b if rising != self.s.optimistic else a
                if h <= 0:
                    continue
                self._clip_upper(s, num / h, zero_at, full_at, when=u)
            return s
        raise PlanUnsupported(
            f"指标 {iid} 使用的指标值“{metric}”尚不能用于改进计划",
            f"the planner cannot model metric {metric!r} ({iid})",
        )

    def _m_metric_lin(self, iid: str, ip: Any, p: Mapping[str, Any], doc: AnswersDocument) -> Affine:
        return self._metric_clip(iid, p["metric"], float(p["zero_at"]), float(p["full_at"]))

    def _m_coal_change(self, iid: str, ip: Any, p: Mapping[str, Any], doc: AnswersDocument) -> Affine:
        kind, _ = self._metrics["coal_change"]
        if kind == "special":  # no 2020 coal: full marks only when no coal is used any more
            if self.coal_now.constant:
                return self._const(iid)
            s = self._fraction_var(iid)
            z = self.m.binary(name="no_coal")
            hi = max(self.m.bounds(self.coal_now)[1], 0.0)
            self.m.le(self.coal_now, (1.0 - z) * hi + 1e-9 * max(1.0, hi))
            self.m.le(s, z)
            return s
        return self._metric_clip(iid, "coal_change", float(p["zero_at"]), float(p["full_at"]))

    def _air(self) -> Affine | None:
        """The worst air ratio as a variable ≥ every outlet ratio (None when no lever moves one)."""
        if self.w is not None or not self.outlet_uses:
            return self.w
        doc, factors = self.ctx.doc, self.ctx.factors
        from ..calc import outlet_limits

        assert doc.outlets is not None and doc.outlets != NA
        ratios: list[Affine] = []
        for index, outlet in enumerate(doc.outlets):
            limits = outlet_limits(outlet, factors)
            for pol, conc in outlet.measured().items():
                limit = limits.get(pol)
                if not limit:
                    continue
                r0 = float(Fraction(conc) / Fraction(limit))
                r = Affine(r0)
                for y, use in self.outlet_uses.get(index, []):
                    factor = use.lever.change.factor
                    assert factor is not None
                    r = r + y * (min(r0, float(factor)) - r0)
                ratios.append(r)
        hi = max((self.m.bounds(r)[1] for r in ratios), default=0.0)
        w = self.m.var(0.0, hi, name="worst_air")
        for r in ratios:
            self.m.ge(w, r)
        self.w = w
        return w

    def _m_air(self, iid: str, ip: Any, p: Mapping[str, Any], doc: AnswersDocument) -> Affine:
        w = self._air()
        if w is None:
            return self._const(iid)
        s = self._fraction_var(iid)
        self._clip_upper(s, w, float(p["zero_at"]), float(p["full_at"]))
        air = self.r.air
        if air is not None and air.below_compliance:
            self.m.le(s, float(p["cap_below_compliance"]))
        return s

    def _m_water(self, iid: str, ip: Any, p: Mapping[str, Any], doc: AnswersDocument) -> Affine:
        return self._const(iid)

    def _m_pollutant_intensity(self, iid: str, ip: Any, p: Mapping[str, Any], doc: AnswersDocument) -> Affine:
        return self._const(iid)

    def _m_product_carbon(self, iid: str, ip: Any, p: Mapping[str, Any], doc: AnswersDocument) -> Affine:
        pc = doc.product_carbon
        if pc is None or pc == NA:
            return self._const(iid)
        return self._metric_clip(iid, "product_carbon_intensity", float(pc.benchmark), float(pc.leading))

    def _co2_fraction(self, h: float, p: Mapping[str, Any]) -> float:
        """M6's fraction at a CO₂ of ``h`` t, by the engine's own rule."""
        doc = self.ctx.doc
        assert doc.output is not None and doc.history is not None and doc.history != NA
        co2 = Decimal(repr(max(h, 0.0)))
        growth = carbon_elasticity((co2, 1), doc.output.quantity, doc.history.co2_t_3y_ago, doc.history.output_3y_ago)
        q, _ = elasticity_fraction(growth, p)
        return _f(q)

    def _m_elasticity(self, iid: str, ip: Any, p: Mapping[str, Any], doc: AnswersDocument) -> Affine:
        if self.co2.constant:
            return self._const(iid)
        lo, hi = self.m.bounds(self.co2)
        kinks = self._kinks(lambda h: self._co2_fraction(h, p), max(lo, 0.0), max(hi, 0.0))
        s = self._fraction_var(iid)
        bound = Affine()
        for u, a, b in self._levels("co2", self.co2, kinks):  # exactly one u is 1: one row suffices
            fa, fb = self._co2_fraction(a, p), self._co2_fraction(b, p)
            bound = bound + u * (max(fa, fb) if self.s.optimistic else min(fa, fb))
        self.m.le(s, bound)
        return s

    @staticmethod
    def _kinks(f: Any, lo: float, hi: float) -> list[float]:
        """Where a monotone fraction leaves 1 and reaches 0 on [lo, hi] (bisection on the engine)."""
        out: list[float] = []
        flo, fhi = f(lo), f(hi)
        for level in (1.0, 0.0):
            if (flo >= level) == (fhi >= level):
                continue
            a, b = lo, hi
            for _ in range(60):
                mid = (a + b) / 2
                if (f(mid) >= level) == (flo >= level):
                    a = mid
                else:
                    b = mid
            out.extend((a, b))
        return out

    def _m_offsets(self, iid: str, ip: Any, p: Mapping[str, Any], doc: AnswersDocument) -> Affine:
        offsets = self.d_top["offsets_t"] + float(doc.offsets_t)
        required = self._fraction(p["requires_indicator"])
        if self.co2.constant and offsets.constant and required.constant:
            return self._const(iid)
        zero_at, full_at = float(p["zero_at"]), float(p["full_at"])
        s = self._fraction_var(iid)
        need = float(p["requires_fraction"])
        if required.constant:
            ev = self.r.indicator(p["requires_indicator"])
            reached = (
                ev.applicable
                and ev.fraction_q is not None
                and Fraction(ev.fraction_q[0]) >= Fraction(p["requires_fraction"]) * Fraction(ev.fraction_q[1])
            )
            if not reached:
                self.m.add(s, hi=0.0)
                return s
        else:
            z = self.m.binary(name="offsets_count")
            self.m.le(s, z)
            self.m.ge(required, z * need)
        cap = min(1.0, max(0.0, (100.0 - zero_at) / (full_at - zero_at)))
        self.m.le(s, cap)
        for u, a, b in self._levels("co2", self.co2):
            h = a if self.s.optimistic else b
            if h <= 0:
                continue
            self._clip_upper(s, offsets * (100.0 / h), zero_at, full_at, when=u)
        return s

    # ------------------------------------------------------------------ gates and requirements

    def _metric_test(self, metric: str, limit: Any, upper: bool, when: Affine | None) -> bool | None:
        """Add ``metric ≤ limit`` (or ≥) under the binary ``when``; a constant returns its truth."""
        kind, value = self._metrics.get(metric, ("unknown", None))
        m = self.m
        lim = float(limit)
        margin = self.s.gate_margin * max(1.0, abs(lim))
        if metric == "worst_air_ratio":
            w = self._air()
            if w is None:
                q = self._exact(metric)
                if q is None:
                    return None
                kind, value = "const", q
            else:
                kind, value = "affine", w
                margin = 0.0 if not self.s.gate_margin else margin
        if kind == "none":
            return None
        if kind == "const":
            n, d = value
            exact_limit = Fraction(str(limit))
            x = Fraction(n) / Fraction(d)
            return bool(x <= exact_limit if upper else x >= exact_limit)
        off = Affine() if when is None else (1.0 - when)
        if kind == "affine":
            if upper:
                big = max(0.0, m.bounds(value - lim)[1])
                m.le(value, lim - margin + off * big)
            else:
                big = max(0.0, -m.bounds(value - lim)[0])
                m.ge(value, lim + margin - off * big)
            return True if when is None else None
        if kind == "ratio":
            num, den = value
            expr = num - den * (lim - margin) if upper else num - den * (lim + margin)
            if upper:
                m.le(expr, off * max(0.0, m.bounds(expr)[1]))
            else:
                m.ge(expr, -off * max(0.0, -m.bounds(expr)[0]))
            return True if when is None else None
        raise PlanUnsupported(
            f"门槛或措施条件中的指标值“{metric}”会随措施变化，本程序尚不能建模",
            f"the planner cannot model a condition on the varying metric {metric!r}",
        )

    def _gate(self, gp: Any) -> bool | Affine:
        kind, p = gp.gate.kind, gp.params
        m, r = self.m, self.r
        if kind == "vetoes_pass":
            return all(v.passed for v in r.vetoes)
        if kind == "dimensions_min_share":
            results: list[bool | Affine] = []
            for dim in self.criteria.dimensions:
                need = Decimal(str(p["share"])) * Decimal(str(dim.max_points))
                score = self.dim_scores[dim.id]
                if score.constant:
                    results.append(Decimal(str(r.dimension(dim.id).rounded)) >= need)
                    continue
                g = m.binary(name=f"dim:{dim.id}")
                thr = band_threshold(need) + self.s.band_margin
                big = max(0.0, thr - m.bounds(score)[0])
                m.ge(score, thr - (1.0 - g) * big)
                results.append(g)
            return self._all(results)
        if kind == "answer_in":
            key, values = p["indicator"], p["values"]
            current = 1.0 if self.ctx.doc.answers.get(key) in values else 0.0
            sets = self.sets.get(key, [])
            if not sets:
                return current > 0.5
            member = Affine(current)
            for y, value in sets:
                member = member + y * ((1.0 if value in values else 0.0) - current)
            g = m.binary(name=f"in:{key}")
            m.ge(member, g)
            return g
        if kind in ("metric_max", "metric_min"):
            na_id = p.get("pass_if_na")
            if na_id is not None and not r.indicator(na_id).applicable:
                return True
            bound = p["max"] if kind == "metric_max" else p["min"]
            probe = self._metric_constant(p["metric"])
            if probe is not None:
                test = self._metric_test(p["metric"], bound, kind == "metric_max", None)
                return bool(test)
            g = m.binary(name=f"gate:{p['metric']}")
            self._metric_test(p["metric"], bound, kind == "metric_max", g)
            return g
        if kind == "fraction_min":
            iid = p["indicator"]
            ev = r.indicator(iid)
            if not ev.applicable or ev.missing:
                return False
            s = self._fraction(iid)
            if s.constant:
                assert ev.fraction_q is not None
                n, d = ev.fraction_q
                return bool(Fraction(n) >= Fraction(str(p["min"])) * Fraction(d))
            g = m.binary(name=f"frac:{iid}")
            m.ge(s, g * float(p["min"]))
            return g
        if kind == "any":
            subs = [self._gate(sub) for sub in gp.gates]
            if any(x is True for x in subs):
                return True
            live = [x for x in subs if isinstance(x, Affine)]
            if not live:
                return False
            g = m.binary(name="any")
            m.le(g, total(live))
            return g
        if kind == "all":
            return self._all([self._gate(sub) for sub in gp.gates])
        raise PlanUnsupported(
            f"评价标准中的门槛类型“{kind}”尚不能用于改进计划", f"the planner cannot model gate kind {kind!r}"
        )

    def _all(self, results: list[bool | Affine]) -> bool | Affine:
        if any(x is False for x in results):
            return False
        live = [x for x in results if isinstance(x, Affine)]
        if not live:
            return True
        g = self.m.binary(name="all")
        for x in live:
            self.m.le(g, x)
        return g

    def _metric_constant(self, metric: str) -> bool | None:
        """Not None when the metric does not vary with any lever."""
        if metric == "worst_air_ratio":
            return True if self._air() is None else None
        kind, _ = self._metrics.get(metric, ("unknown", None))
        return True if kind in ("const", "none") else None

    def _requirements(self) -> None:
        for use in self.ctx.uses:
            for req in use.lever.requires:
                y = self.y[use.key]
                if self._metric_constant(req.metric) is not None:
                    ok = self._metric_test(req.metric, req.max, True, None)
                    if ok is False:
                        self.m.add(y, hi=0.0)
                    continue
                self._metric_test(req.metric, req.max, True, y)


def formulate(ctx: Context, setting: Setting) -> Formulation:
    return _Builder(ctx, setting).build()


def solution_amounts(form: Formulation, ctx: Context, values: Sequence[float]) -> list[tuple[Use, float]]:
    """(use, amount as the solver has it) for every chosen use."""
    chosen = []
    for use in ctx.uses:
        y = form.y[use.key]
        (index,) = y.terms
        if values[index] < 0.5:
            continue
        if use.continuous:
            (t_index,) = form.t[use.key].terms
            amount = values[t_index] * float(use.upper)
            if amount <= 0.0 or math.isclose(values[t_index], 0.0, abs_tol=1e-9):
                continue
            chosen.append((use, amount))
        else:
            chosen.append((use, 1.0))
    return chosen
