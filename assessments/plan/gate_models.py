"""The planner's model of each grade gate kind (see ``builder``), and the levers' requirements."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from .builder import PlanUnsupported, band_threshold
from .lp import Affine, total
from .method_models import MethodModels


class GateModels(MethodModels):
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
