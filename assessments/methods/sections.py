"""Methods that score a whole input section: pollutant intensity, product carbon, carbon
elasticity, and offsets (which count only once another indicator has reached a fraction)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from ..calc import Elasticity, carbon_elasticity
from ..evaluation import MISSING, Context, Eval, IndPlan, not_applicable, note_once, percent
from ..exact import ONE, ZERO, Q, exact, fmt_number, in_exact, round_half_up
from ..exact import lin as lin_q
from ..metrics import METRICS, shown_metric
from ..texts import LocalText
from ..vocabulary import NA
from .base import (
    GapInput,
    GapText,
    ParamKind,
    ScoringMethod,
    ShownCell,
    ShownInput,
    as_decimal,
    cmp_sign,
    method,
    num_text,
    register,
)

_NOTE_FLAT = LocalText("产量基本持平：碳排放不增长即得满分", "output flat: full marks if CO2 did not grow")
_NOTE_FALLING = LocalText("产量下降：弹性系数越大越好", "output falling: a larger elasticity is better")


@register
class PollutantIntensity(ScoringMethod):
    """Intensity between the sector benchmark and leading value, or the three-year reduction."""

    name = "pollutant_intensity"
    answer_type = "computed"
    params: ClassVar[Mapping[str, ParamKind]] = {"reduction_zero_at": "number", "reduction_full_at": "number"}
    distinct = (("reduction_zero_at", "reduction_full_at"),)

    def evaluate(self, ip: IndPlan, ctx: Context) -> Eval:
        pi, p = ctx.doc.pollutant_intensity, ip.params
        if pi == NA:
            return not_applicable(ip.ind)
        if pi is None:
            return MISSING
        if pi.reduction_pct_3y is not None:
            r = pi.reduction_pct_3y
            return Eval(True, lin_q(r, 1, p["reduction_zero_at"], p["reduction_full_at"]), (r, 1))
        assert pi.value is not None and pi.benchmark is not None and pi.leading is not None
        return Eval(True, lin_q(pi.value, 1, pi.benchmark, pi.leading), (pi.value, 1))

    def gap(self, g: GapInput) -> GapText:
        pi, p = g.doc.pollutant_intensity, g.ind.params
        current: LocalText | None = None
        if pi is not None and pi != NA and pi.reduction_pct_3y is None and pi.leading is not None:
            current = LocalText(f"排放强度 {num_text(pi.value or 0, 4)}", f"intensity {num_text(pi.value or 0, 4)}")
            target = LocalText(
                f"排放强度 ≤ 引领值 {num_text(pi.leading, 4)}", f"intensity ≤ leading value {num_text(pi.leading, 4)}"
            )
            return GapText(current, target, as_decimal(pi.leading))
        target_value = as_decimal(p["reduction_full_at"])
        if pi is not None and pi != NA and pi.reduction_pct_3y is not None:
            r = num_text(pi.reduction_pct_3y)
            current = LocalText(f"近三年下降 {r}%", f"{r}% reduction")
        target = LocalText(
            f"近三年排放量下降 ≥ {num_text(target_value)}%", f"three-year reduction ≥ {num_text(target_value)}%"
        )
        return GapText(current, target, target_value)

    def shown_value(self, s: ShownInput) -> ShownCell | None:
        pi = s.doc.pollutant_intensity
        if pi is not None and pi != NA and pi.reduction_pct_3y is not None:
            return pi.reduction_pct_3y, "%（三年减排）", None
        return None


@register
class ProductCarbon(ScoringMethod):
    """CO₂ per unit of product between the sector benchmark and leading value."""

    name = "product_carbon"
    answer_type = "computed"
    shown_metric = "product_carbon_intensity"

    def evaluate(self, ip: IndPlan, ctx: Context) -> Eval:
        pc = ctx.doc.product_carbon
        if pc == NA:
            return not_applicable(ip.ind)
        value = ctx.metrics["product_carbon_intensity"]
        if pc is None or value is None or not ctx.energy.has_energy:
            return MISSING
        return Eval(True, lin_q(value[0], value[1], pc.benchmark, pc.leading), value)

    def gap(self, g: GapInput) -> GapText:
        pc, doc = g.doc.product_carbon, g.doc
        unit_out = doc.output.unit if doc.output else "单位产品"
        value = g.metrics.get("product_carbon_intensity")
        current = None
        if value is not None:
            current = LocalText(f"{num_text(value, 4)} tCO₂/{unit_out}", f"{num_text(value, 4)} tCO2/{unit_out}")
        if pc is not None and pc != NA:
            lead = num_text(pc.leading, 4)
            target = LocalText(f"≤ 引领值 {lead} tCO₂/{unit_out}", f"≤ leading value {lead}")
            return GapText(current, target, as_decimal(pc.leading))
        return GapText(current, LocalText("达到行业引领值", "reach the sector leading value"))

    def shown_value(self, s: ShownInput) -> ShownCell | None:
        unit = f"tCO₂/{s.doc.output.unit}" if s.doc.output is not None else ""
        key = "product_carbon_intensity"
        return shown_metric(key, s.res.value), unit, METRICS[key].places


def elasticity_fraction(growth: Elasticity, p: Mapping[str, Any]) -> tuple[Q, LocalText | None]:
    """The carbon-elasticity fraction from the growth rates and the indicator's exact parameters
    (the engine and the improvement planner both use it, so the rule lives here only)."""
    if not in_exact():
        with exact():
            return elasticity_fraction(growth, p)
    elasticity = growth.elasticity
    if abs(growth.g_out) < p["flat_growth"]:
        # E4: the flat branch looks at g_co2 rounded half up to 4 decimals (0.01 %).
        grew = round_half_up(growth.g_co2, 4) > 0
        return (ZERO if grew else ONE), _NOTE_FLAT
    assert elasticity is not None
    n, d = elasticity
    if growth.g_out > 0:
        return lin_q(n, d, p["rising_zero_at"], p["rising_full_at"]), None
    return lin_q(n, d, p["falling_zero_at"], p["falling_full_at"]), _NOTE_FALLING


@register
class CarbonElasticity(ScoringMethod):
    name = "elasticity"
    answer_type = "computed"
    params: ClassVar[Mapping[str, ParamKind]] = {
        "flat_growth": "number",
        "rising_zero_at": "number",
        "rising_full_at": "number",
        "falling_zero_at": "number",
        "falling_full_at": "number",
    }
    distinct = (("rising_zero_at", "rising_full_at"), ("falling_zero_at", "falling_full_at"))
    shown_metric = "carbon_elasticity"

    def evaluate(self, ip: IndPlan, ctx: Context) -> Eval:
        doc, e = ctx.doc, ctx.energy
        h = doc.history
        if h == NA:
            return not_applicable(ip.ind)
        if h is None or doc.output is None or not e.has_energy:
            return MISSING
        growth = carbon_elasticity(e.co2_q, doc.output.quantity, h.co2_t_3y_ago, h.output_3y_ago)
        ctx.metrics["carbon_elasticity"] = growth.elasticity
        s_growth, note = elasticity_fraction(growth, ip.params)
        return Eval(True, s_growth, growth.elasticity, note=note)

    def gap(self, g: GapInput) -> GapText:
        p, doc = g.ind.params, g.doc
        e = g.metrics.get("carbon_elasticity")
        current = None if e is None else LocalText(f"弹性系数 {fmt_number(e, 2)}", f"elasticity {fmt_number(e, 2)}")
        h = doc.history
        falling = doc.output is not None and h is not None and h != NA and doc.output.quantity < h.output_3y_ago
        if falling:
            target = LocalText(
                f"产量下降时弹性系数 ≥ {p['falling_full_at']:g}",
                f"elasticity ≥ {p['falling_full_at']:g} (output falling)",
            )
            return GapText(current, target, as_decimal(p["falling_full_at"]))
        target = LocalText(
            f"弹性系数 ≤ {p['rising_full_at']:g}（碳排放增速不超过产量增速的一半）",
            f"elasticity ≤ {p['rising_full_at']:g}",
        )
        return GapText(current, target, as_decimal(p["rising_full_at"]))


@register
class Offsets(ScoringMethod):
    """Offset coverage of the CO₂ emitted; counts only once ``requires_indicator`` has reached
    ``requires_fraction`` (reduce first, then offset)."""

    name = "offsets"
    answer_type = "computed"
    params: ClassVar[Mapping[str, ParamKind]] = {
        "zero_at": "number",
        "full_at": "number",
        "requires_indicator": "indicator",
        "requires_fraction": "number",
    }
    distinct = (("zero_at", "full_at"),)
    shown_metric = "offset_coverage"

    def evaluate(self, ip: IndPlan, ctx: Context) -> Eval:
        p = ip.params
        coverage = ctx.metrics["offset_coverage"]
        assert coverage is not None
        s = lin_q(coverage[0], coverage[1], p["zero_at"], p["full_at"])
        required = ctx.evals[p["requires_indicator"]]
        need = p["requires_fraction"]
        reached = (
            required.applicable
            and required.fraction is not None
            and required.fraction[0] >= need * required.fraction[1]
        )
        if not reached:
            note = (
                note_once(
                    ip,
                    "offsets",
                    lambda: LocalText(
                        f"{p['requires_indicator']} 得分率低于 {percent(need)}，抵消不计分（先减排、后抵消）",
                        f"{p['requires_indicator']} below {percent(need)}: offsets do not count (reduce first)",
                    ),
                )
                if s[0] > 0
                else None
            )
            return Eval(True, ZERO, coverage, note=note)
        return Eval(True, s, coverage)

    def gap(self, g: GapInput) -> GapText:
        p = g.ind.params
        coverage = g.metrics.get("offset_coverage") or 0
        current = LocalText(f"抵消覆盖 {num_text(coverage)}%", f"offset coverage {num_text(coverage)}%")
        need = f"抵消量 ≥ {fmt_number(g.energy.co2_t, 1)} t（覆盖 100%）"
        need_en = f"offsets ≥ {fmt_number(g.energy.co2_t, 1)} t (100%)"
        req_id, req_frac = p["requires_indicator"], p["requires_fraction"]
        req = g.results.get(req_id)
        req_q = req.fraction_q if req is not None else None
        with exact():
            below = req_q is None or req_q[0] < as_decimal(req_frac) * req_q[1]
        if req is not None and (not req.applicable or below):
            req_ind = g.criteria.indicator(req_id)
            rp = req_ind.params
            if method(req_ind.method).linear:
                with exact():
                    zero, full = as_decimal(rp["zero_at"]), as_decimal(rp["full_at"])
                    thr = zero + as_decimal(req_frac) * (full - zero)
                metric_info = METRICS.get(rp.get("metric", ""))
                name = metric_info.zh if metric_info else req_ind.title.zh
                sign = cmp_sign(rp["full_at"], rp["zero_at"])
                need += f"，且先减排使 {req_id} 得分率 ≥ {req_frac:.0%}（{name} {sign} {num_text(thr, 3)}）"
                need_en += f", after reducing so that {req_id} reaches {req_frac:.0%}"
            else:
                need += f"，且 {req_id} 得分率 ≥ {req_frac:.0%}"
        return GapText(current, LocalText(need, need_en), as_decimal(p["full_at"]))

    def shown_value(self, s: ShownInput) -> ShownCell | None:
        return shown_metric("offset_coverage", s.res.value), "%", METRICS["offset_coverage"].places
