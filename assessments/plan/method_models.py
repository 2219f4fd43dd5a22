"""The planner's model of each scoring method's fraction (see ``builder`` for why it is linear).

The registry (``assessments.methods``) names the method; the model for it lives here, keyed by that
name. A registered method without a model here is refused by name (``PlanUnsupported``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..calc import carbon_elasticity
from ..document import AnswersDocument
from ..methods import elasticity_fraction
from ..vocabulary import NA
from .builder import BuilderCore, PlanUnsupported, _f
from .lp import Affine


class MethodModels(BuilderCore):
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

    def _method_model(self, name: str) -> Any:
        model = _MODELS.get(name)
        return None if model is None else (lambda *args: model(self, *args))


_MODELS: dict[str, Callable[..., Affine]] = {
    "choice": MethodModels._m_choice,
    "boolean": MethodModels._m_boolean,
    "lin": MethodModels._m_lin,
    "metric_lin": MethodModels._m_metric_lin,
    "coal_change": MethodModels._m_coal_change,
    "air": MethodModels._m_air,
    "water": MethodModels._m_water,
    "pollutant_intensity": MethodModels._m_pollutant_intensity,
    "product_carbon": MethodModels._m_product_carbon,
    "elasticity": MethodModels._m_elasticity,
    "offsets": MethodModels._m_offsets,
}
