"""Methods that score a figure computed from the energy table and the emission measurements."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from ..calc import air_summary
from ..evaluation import MISSING, Context, Eval, IndPlan, not_applicable, percent
from ..exact import ONE, ZERO, exact, fmt_number, round_quotient
from ..exact import lin as lin_q
from ..metrics import METRICS, metric_text, shown_metric
from ..texts import LocalText
from ..vocabulary import NA, POLLUTANT_SYMBOLS
from .base import (
    GapInput,
    GapText,
    ParamKind,
    ScoringMethod,
    ShownCell,
    ShownInput,
    as_decimal,
    cmp_sign,
    num_text,
    register,
)

_NOTE_NO_COAL_2020 = LocalText(
    "2020年无煤炭消费：报告年度仍无煤炭消费得满分，否则不得分", "no coal in 2020: full marks only if still none"
)
_NOTE_ZLD = LocalText("废水零排放", "zero liquid discharge")


@register
class MetricLin(ScoringMethod):
    """A computed metric (``params.metric``) scored linearly between two thresholds."""

    name = "metric_lin"
    answer_type = "computed"
    params: ClassVar[Mapping[str, ParamKind]] = {"metric": "metric", "zero_at": "number", "full_at": "number"}
    distinct = (("zero_at", "full_at"),)
    linear = True

    def metric(self, params: Mapping[str, Any]) -> str | None:
        return str(params["metric"])

    def evaluate(self, ip: IndPlan, ctx: Context) -> Eval:
        p = ip.params
        value = ctx.metrics[p["metric"]]
        if value is None:
            return not_applicable(ip.ind) if ip.ind.na.mode == "auto" else MISSING
        return Eval(True, lin_q(value[0], value[1], p["zero_at"], p["full_at"]), value)

    def gap(self, g: GapInput) -> GapText:
        p = g.ind.params
        metric = p["metric"]
        info = METRICS[metric]
        target_value = as_decimal(p["full_at"])
        sign = cmp_sign(p["full_at"], p["zero_at"])
        value = g.metrics.get(metric)
        current = None if value is None else LocalText(metric_text(metric, value), metric_text(metric, value, "en"))
        shown = f"{num_text(target_value, info.places)}{'' if info.unit == '%' else ' '}{info.unit}"
        return GapText(current, LocalText(f"{info.zh} {sign} {shown}", f"{info.en} {sign} {shown}"), target_value)

    def shown_value(self, s: ShownInput) -> ShownCell | None:
        key = s.ind.params["metric"]
        info = METRICS[key]
        return shown_metric(key, s.metrics.get(key)), info.unit, info.places


@register
class CoalChange(ScoringMethod):
    """Coal use against 2020 (E1): no coal in 2020 scores full only if there is still none."""

    name = "coal_change"
    answer_type = "computed"
    params: ClassVar[Mapping[str, ParamKind]] = {"zero_at": "number", "full_at": "number"}
    distinct = (("zero_at", "full_at"),)
    shown_metric = "coal_change"

    def evaluate(self, ip: IndPlan, ctx: Context) -> Eval:
        e, p = ctx.energy, ip.params
        if e.coal_2020_base is None or not e.has_energy:
            return MISSING
        change = e.coal_change_q
        if change is None:
            ok = e.coal_tce_scaled == 0
            return Eval(True, ONE if ok else ZERO, None, note=_NOTE_NO_COAL_2020)
        return Eval(True, lin_q(change[0], change[1], p["zero_at"], p["full_at"]), change)

    def gap(self, g: GapInput) -> GapText:
        p = g.ind.params
        base = g.energy.coal_tce_2020
        change = g.energy.coal_change_q
        current = None
        if change is not None:
            with exact():
                change_text = f"{round_quotient(100 * change[0], change[1], 1):+.1f}%"
            current = LocalText(f"较2020年 {change_text}", f"{change_text} vs 2020")
        if not base:
            return GapText(current, LocalText("报告年度不消费煤炭", "no coal in the reporting year"))
        with exact():
            limit = base * (1 + as_decimal(p["full_at"]))
        target = LocalText(
            f"较2020年下降 ≥ {abs(p['full_at']):.0%}（煤炭消费 ≤ {fmt_number(limit, 1)} tce）",
            f"fall ≥ {abs(p['full_at']):.0%} vs 2020 (coal ≤ {fmt_number(limit, 1)} tce)",
        )
        return GapText(current, target, as_decimal(p["full_at"]))

    def shown_value(self, s: ShownInput) -> ShownCell | None:
        if s.energy.coal_tce_2020 == 0:
            return ("报告年度无煤炭消费" if s.energy.coal_tce_now == 0 else "2020年无煤炭消费"), "", None
        return shown_metric("coal_change", s.metrics.get("coal_change")), "%", METRICS["coal_change"].places


@register
class Air(ScoringMethod):
    """The worst concentration/limit ratio over the outlets, capped below the hourly compliance."""

    name = "air"
    answer_type = "computed"
    params: ClassVar[Mapping[str, ParamKind]] = {
        "zero_at": "number",
        "full_at": "number",
        "compliance_min": "number",
        "cap_below_compliance": "number",
    }
    distinct = (("zero_at", "full_at"),)
    shown_metric = "worst_air_ratio"

    def evaluate(self, ip: IndPlan, ctx: Context) -> Eval:
        doc, p = ctx.doc, ip.params
        if doc.outlets == NA:
            return not_applicable(ip.ind)
        if not doc.outlets:
            return MISSING
        ctx.air = air = air_summary(doc.outlets, ctx.factors, p["compliance_min"])
        if air.worst is None:
            return MISSING
        worst = air.worst.q
        ctx.metrics["worst_air_ratio"] = worst
        s = lin_q(worst[0], worst[1], p["zero_at"], p["full_at"])
        note = None
        cap = p["cap_below_compliance"]
        if air.below_compliance and s[0] > cap * s[1]:
            s = (cap, 1)
            names = "、".join(air.below_compliance)
            note = LocalText(
                f"排放口 {names} 小时达标率低于 {p['compliance_min']:g}%，得分率封顶 {percent(cap)}",
                f"outlet(s) {', '.join(air.below_compliance)} below {p['compliance_min']:g}% hourly compliance: capped",
            )
        return Eval(True, s, worst, note=note)

    def gap(self, g: GapInput) -> GapText:
        p, air = g.ind.params, g.air
        current = None
        if air is not None and air.worst is not None:
            w = air.worst
            ratio = fmt_number(w.ratio, 2)
            current = LocalText(
                f"最大浓度比 {ratio}（{w.outlet} {POLLUTANT_SYMBOLS[w.pollutant].zh} {num_text(w.concentration)}/{num_text(w.limit)} mg/m³）",
                f"worst ratio {ratio} ({w.outlet} {w.pollutant} {num_text(w.concentration)}/{num_text(w.limit)})",
            )
        extra = air is not None and bool(air.below_compliance)
        target = LocalText(
            f"各排放口浓度 ≤ 限值的 {p['full_at']:.0%}（最大浓度比 ≤ {p['full_at']:g}）"
            + (f"，且小时达标率 ≥ {p['compliance_min']:g}%" if extra else ""),
            f"every concentration ≤ {p['full_at']:.0%} of its limit"
            + (f", hourly compliance ≥ {p['compliance_min']:g}%" if extra else ""),
        )
        return GapText(current, target, as_decimal(p["full_at"]))


@register
class Water(ScoringMethod):
    """The worst water concentration/limit ratio; zero liquid discharge scores full."""

    name = "water"
    answer_type = "computed"
    params: ClassVar[Mapping[str, ParamKind]] = {"zero_at": "number", "full_at": "number"}
    distinct = (("zero_at", "full_at"),)
    shown_metric = "worst_water_ratio"

    def evaluate(self, ip: IndPlan, ctx: Context) -> Eval:
        doc, p = ctx.doc, ip.params
        if doc.water is None:
            return MISSING
        if doc.water.zld:
            return Eval(True, ONE, None, note=_NOTE_ZLD)
        ratio = ctx.metrics["worst_water_ratio"]
        if ratio is None:
            return MISSING
        return Eval(True, lin_q(ratio[0], ratio[1], p["zero_at"], p["full_at"]), ratio)

    def gap(self, g: GapInput) -> GapText:
        p = g.ind.params
        water_ratio = g.metrics.get("worst_water_ratio")
        current = None
        if water_ratio is not None:
            shown_ratio = fmt_number(water_ratio, 2)
            current = LocalText(f"最大浓度比 {shown_ratio}", f"worst ratio {shown_ratio}")
        target = LocalText(
            f"废水零排放，或各污染物浓度 ≤ 排放限值的 {p['full_at']:.0%}",
            f"zero liquid discharge, or every concentration ≤ {p['full_at']:.0%} of its limit",
        )
        return GapText(current, target, as_decimal(p["full_at"]))

    def shown_value(self, s: ShownInput) -> ShownCell | None:
        if s.doc.water is not None and s.doc.water.zld:
            return "废水零排放", "", None
        return None
