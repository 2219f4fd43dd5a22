"""Gaps (what value would earn full marks) and the short board (why not one grade higher).

Sentences for people, built from a result when first read. Every number in them is rounded half
up from the exact value (``exact.fmt_number``), and the gaps are ordered by the exact points
lost, so two indicators that lose the same points keep the criteria order.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .criteria import Criteria, Indicator
from .exact import Number, Q, constant, exact, fmt_number, quotient, round_half_up, round_quotient
from .metrics import METRICS, metric_text
from .texts import LocalText
from .vocabulary import POLLUTANT_SYMBOLS

if TYPE_CHECKING:  # the engine imports this module; only types flow back
    from .calc import AirSummary, EnergyCarbon
    from .document import AnswersDocument
    from .scoring import GateResult, IndicatorResult, Result, VetoResult



@dataclass(frozen=True, slots=True)
class Gap:
    """One indicator with lost points and the value that would earn full marks."""

    indicator: str
    title: LocalText
    lost_q: Q  # exact points lost
    current: LocalText
    target: LocalText
    target_value: Decimal | None  # in the unit of the scored value, when one number says it

    @property
    def lost_points(self) -> Decimal:
        return quotient(*self.lost_q)

    @property
    def lost_shown(self) -> float:
        """Points lost as shown: half up to one decimal from the exact value."""
        return float(round_quotient(*self.lost_q, 1))


def _cmp(full_at: Any, zero_at: Any) -> str:
    return "≥" if full_at > zero_at else "≤"


def _num(x: Number | float, places: int = 2) -> str:
    text = fmt_number(x, places)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _dec(x: Number | float) -> Decimal:
    value = constant(x) if isinstance(x, float) else x
    return value if isinstance(value, Decimal) else Decimal(value)


def build_gaps(criteria: Criteria, doc: AnswersDocument, result: Result) -> tuple[Gap, ...]:
    """Every applicable indicator that lost points, the most first (exact; stable on ties)."""
    by_id = {r.id: r for r in result.indicators}
    gaps = [
        build_gap(ind, by_id[ind.id], result.metrics, result.energy, result.air, doc, criteria, by_id)
        for ind in criteria.indicators
        if by_id[ind.id].applicable and by_id[ind.id].lost_q[0] > 0
    ]

    def more_lost_first(a: Gap, b: Gap) -> int:
        with exact():
            left, right = a.lost_q[0] * b.lost_q[1], b.lost_q[0] * a.lost_q[1]
        return -1 if left > right else 1 if left < right else 0

    return tuple(sorted(gaps, key=functools.cmp_to_key(more_lost_first)))


def build_gap(
    ind: Indicator,
    res: IndicatorResult,
    metrics: Mapping[str, Decimal | None],
    energy: EnergyCarbon,
    air: AirSummary | None,
    doc: AnswersDocument,
    criteria: Criteria,
    results: Mapping[str, IndicatorResult],
) -> Gap:
    p, method = ind.params, ind.method
    lost = res.lost_q
    unit = ind.answer.unit or ""
    cur = LocalText("未填写", "not answered") if res.missing else LocalText("—", "—")
    target_value: Decimal | None = None
    answer = doc.answers.get(ind.id)
    if method == "choice":
        best = max((o for o in ind.answer.options if not o.na), key=lambda o: o.fraction or 0.0)
        option = ind.answer.option(str(answer)) if answer is not None else None
        if option is not None:
            cur = option.label
        tgt = LocalText(f"选择“{best.label.zh}”", f"choose '{best.label.en}'")
    elif method == "boolean":
        if answer is not None:
            cur = LocalText("是" if answer else "否", "yes" if answer else "no")
        tgt = LocalText("是", "yes")
    elif method == "lin":
        target_value = _dec(p["full_at"])
        sign = _cmp(p["full_at"], p["zero_at"])
        extra_zh = extra_en = ""
        for sub in ind.sub_answers:
            if doc.answers.get(sub.id) is True:
                extra_zh, extra_en = (
                    "，且不再出现“" + sub.question.zh.rstrip("？?") + "”的情况",
                    " and remove the cap condition",
                )
        if isinstance(answer, int | Decimal) and not isinstance(answer, bool):
            cur = LocalText(f"{_num(answer)}{unit}", f"{_num(answer)}{unit}")
        tgt = LocalText(f"{sign} {_num(target_value)}{unit}{extra_zh}", f"{sign} {_num(target_value)}{unit}{extra_en}")
    elif method == "metric_lin":
        metric = p["metric"]
        info = METRICS[metric]
        target_value = _dec(p["full_at"])
        sign = _cmp(p["full_at"], p["zero_at"])
        value = metrics.get(metric)
        if value is not None:
            cur = LocalText(metric_text(metric, value), metric_text(metric, value, "en"))
        shown = f"{_num(target_value, info.places)}{'' if info.unit == '%' else ' '}{info.unit}"
        tgt = LocalText(f"{info.zh} {sign} {shown}", f"{info.en} {sign} {shown}")
    elif method == "coal_change":
        base = energy.coal_tce_2020
        change = energy.coal_change_q
        if change is not None:
            with exact():
                change_text = f"{round_quotient(100 * change[0], change[1], 1):+.1f}%"
            cur = LocalText(f"较2020年 {change_text}", f"{change_text} vs 2020")
        if base:
            with exact():
                limit = base * (1 + _dec(p["full_at"]))
            target_value = _dec(p["full_at"])
            tgt = LocalText(
                f"较2020年下降 ≥ {abs(p['full_at']):.0%}（煤炭消费 ≤ {fmt_number(limit, 1)} tce）",
                f"fall ≥ {abs(p['full_at']):.0%} vs 2020 (coal ≤ {fmt_number(limit, 1)} tce)",
            )
        else:
            tgt = LocalText("报告年度不消费煤炭", "no coal in the reporting year")
    elif method == "air":
        target_value = _dec(p["full_at"])
        if air is not None and air.worst is not None:
            w = air.worst
            ratio = fmt_number(w.ratio, 2)
            cur = LocalText(
                f"最大浓度比 {ratio}（{w.outlet} {POLLUTANT_SYMBOLS[w.pollutant].zh} {_num(w.concentration)}/{_num(w.limit)} mg/m³）",
                f"worst ratio {ratio} ({w.outlet} {w.pollutant} {_num(w.concentration)}/{_num(w.limit)})",
            )
        extra = air is not None and bool(air.below_compliance)
        tgt = LocalText(
            f"各排放口浓度 ≤ 限值的 {p['full_at']:.0%}（最大浓度比 ≤ {p['full_at']:g}）"
            + (f"，且小时达标率 ≥ {p['compliance_min']:g}%" if extra else ""),
            f"every concentration ≤ {p['full_at']:.0%} of its limit"
            + (f", hourly compliance ≥ {p['compliance_min']:g}%" if extra else ""),
        )
    elif method == "water":
        target_value = _dec(p["full_at"])
        water_ratio = metrics.get("worst_water_ratio")
        if water_ratio is not None:
            shown_ratio = fmt_number(water_ratio, 2)
            cur = LocalText(f"最大浓度比 {shown_ratio}", f"worst ratio {shown_ratio}")
        tgt = LocalText(
            f"废水零排放，或各污染物浓度 ≤ 排放限值的 {p['full_at']:.0%}",
            f"zero liquid discharge, or every concentration ≤ {p['full_at']:.0%} of its limit",
        )
    elif method == "pollutant_intensity":
        pi = doc.pollutant_intensity
        if pi is not None and pi != "na" and pi.reduction_pct_3y is None and pi.leading is not None:
            target_value = _dec(pi.leading)
            cur = LocalText(f"排放强度 {_num(pi.value or 0, 4)}", f"intensity {_num(pi.value or 0, 4)}")
            tgt = LocalText(
                f"排放强度 ≤ 引领值 {_num(pi.leading, 4)}", f"intensity ≤ leading value {_num(pi.leading, 4)}"
            )
        else:
            target_value = _dec(p["reduction_full_at"])
            if pi is not None and pi != "na" and pi.reduction_pct_3y is not None:
                cur = LocalText(f"近三年下降 {_num(pi.reduction_pct_3y)}%", f"{_num(pi.reduction_pct_3y)}% reduction")
            tgt = LocalText(
                f"近三年排放量下降 ≥ {_num(target_value)}%", f"three-year reduction ≥ {_num(target_value)}%"
            )
    elif method == "product_carbon":
        pc = doc.product_carbon
        unit_out = doc.output.unit if doc.output else "单位产品"
        value = metrics.get("product_carbon_intensity")
        if value is not None:
            cur = LocalText(f"{_num(value, 4)} tCO₂/{unit_out}", f"{_num(value, 4)} tCO2/{unit_out}")
        if pc is not None and pc != "na":
            target_value = _dec(pc.leading)
            tgt = LocalText(f"≤ 引领值 {_num(pc.leading, 4)} tCO₂/{unit_out}", f"≤ leading value {_num(pc.leading, 4)}")
        else:
            tgt = LocalText("达到行业引领值", "reach the sector leading value")
    elif method == "elasticity":
        e = metrics.get("carbon_elasticity")
        if e is not None:
            cur = LocalText(f"弹性系数 {fmt_number(e, 2)}", f"elasticity {fmt_number(e, 2)}")
        h = doc.history
        falling = doc.output is not None and h is not None and h != "na" and doc.output.quantity < h.output_3y_ago
        if falling:
            target_value = _dec(p["falling_full_at"])
            tgt = LocalText(
                f"产量下降时弹性系数 ≥ {p['falling_full_at']:g}",
                f"elasticity ≥ {p['falling_full_at']:g} (output falling)",
            )
        else:
            target_value = _dec(p["rising_full_at"])
            tgt = LocalText(
                f"弹性系数 ≤ {p['rising_full_at']:g}（碳排放增速不超过产量增速的一半）",
                f"elasticity ≤ {p['rising_full_at']:g}",
            )
    elif method == "offsets":
        coverage = metrics.get("offset_coverage") or 0
        cur = LocalText(f"抵消覆盖 {_num(coverage)}%", f"offset coverage {_num(coverage)}%")
        target_value = _dec(p["full_at"])
        need = f"抵消量 ≥ {fmt_number(energy.co2_t, 1)} t（覆盖 100%）"
        need_en = f"offsets ≥ {fmt_number(energy.co2_t, 1)} t (100%)"
        req_id, req_frac = p["requires_indicator"], p["requires_fraction"]
        req = results.get(req_id)
        req_q = req.fraction_q if req is not None else None
        with exact():
            below = req_q is None or req_q[0] < _dec(req_frac) * req_q[1]
        if req is not None and (not req.applicable or below):
            req_ind = criteria.indicator(req_id)
            rp = req_ind.params
            if req_ind.method in ("metric_lin", "lin"):
                with exact():
                    zero, full = _dec(rp["zero_at"]), _dec(rp["full_at"])
                    thr = zero + _dec(req_frac) * (full - zero)
                metric_info = METRICS.get(rp.get("metric", ""))
                name = metric_info.zh if metric_info else req_ind.title.zh
                need += f"，且先减排使 {req_id} 得分率 ≥ {req_frac:.0%}（{name} {_cmp(rp['full_at'], rp['zero_at'])} {_num(thr, 3)}）"
                need_en += f", after reducing so that {req_id} reaches {req_frac:.0%}"
            else:
                need += f"，且 {req_id} 得分率 ≥ {req_frac:.0%}"
        tgt = LocalText(need, need_en)
    else:  # pragma: no cover - the loader rejects unknown methods
        tgt = LocalText("—", "—")
    return Gap(ind.id, ind.title, lost, cur, tgt, target_value)


def short_board_items(
    criteria: Criteria,
    grade: str,
    shown_total: float,
    vetoes: tuple[VetoResult, ...],
    gates: Mapping[str, tuple[GateResult, ...]],
    gaps: tuple[Gap, ...],
) -> tuple[LocalText, ...]:
    """Why the result is not one grade higher (CRITERIA.md §5), as readable sentences."""
    items: list[LocalText] = []
    for veto in vetoes:
        if not veto.passed:
            state = "未回答" if veto.status == "missing" else "未满足"
            items.append(
                LocalText(
                    f"前提条件{state}：{veto.id} {veto.title.zh}（一票否决）",
                    f"prerequisite {'not answered' if veto.status == 'missing' else 'failed'}: {veto.id} {veto.title.en} (veto)",
                )
            )
    order = [g.id for g in criteria.grades]
    index = order.index(grade)
    if index == 0:
        items.append(
            LocalText(
                f"已达到最高等级“{criteria.grades[0].name.zh}”", f"highest grade reached: {criteria.grades[0].name.en}"
            )
        )
    else:
        nxt = criteria.grades[index - 1]
        if shown_total < nxt.min_total:
            with exact():  # both are short decimals: their difference is exact
                short = round_half_up(_dec(nxt.min_total) - _dec(shown_total))
            items.append(
                LocalText(
                    f"总分 {shown_total:.1f} 低于“{nxt.name.zh}”等级分数线 {nxt.min_total:g} 分（差 {short:.1f} 分）",
                    f"total {shown_total:.1f} is below the {nxt.name.en} line of {nxt.min_total:g} (short by {short:.1f})",
                )
            )
        for gate in gates[nxt.id]:
            if not gate.passed and gate.label.zh != "前提条件全部满足":
                items.append(
                    LocalText(
                        f"“{nxt.name.zh}”等级门槛未满足：{gate.label.zh}",
                        f"{nxt.name.en} gate not met: {gate.label.en}",
                    )
                )
    for gap in gaps[: criteria.short_board_top]:
        lost = round_quotient(*gap.lost_q, 1)
        items.append(
            LocalText(
                f"{gap.indicator} {gap.title.zh}：失 {lost:.1f} 分；当前 {gap.current.zh}，{gap.target.zh} 可得满分",
                f"{gap.indicator} {gap.title.en}: {lost:.1f} points lost; now {gap.current.en}; full marks at {gap.target.en}",
            )
        )
    return tuple(items)
