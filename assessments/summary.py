"""A readable Chinese (or English) text summary of a result, for the command line."""

from __future__ import annotations

from .criteria import load_criteria
from .document import AnswersDocument
from .metrics import METRICS, metric_text
from .scoring import Result

_SHOWN_METRICS = (
    "total_tce", "scope1_t", "scope2_t", "co2_t", "co2_per_tce", "non_fossil_share",
    "renewable_electricity_share", "electrification", "coal_change", "worst_air_ratio", "worst_water_ratio",
)  # fmt: skip


def summary_text(result: Result, doc: AnswersDocument, lang: str = "zh") -> str:
    criteria = load_criteria(result.criteria_id)
    zh = lang != "en"
    sep = "：" if zh else ": "
    name = {g.id: g.name.get(lang) for g in criteria.grades}
    lines = []
    if zh:
        lines.append(f"双近零标杆企业自评估结果（评价标准 {criteria.id}）")
        lines.append(
            f"企业：{doc.enterprise.name or '（未填写）'}  统一社会信用代码：{doc.enterprise.uscc or '—'}  年度：{doc.year}"
        )
        if not result.complete:
            lines.append(f"注意：评估尚未填写完整（缺 {len(result.missing)} 项），未填写项按0分计")
        lines.append(
            f"总分：{result.total_rounded:.1f}  等级：{name[result.grade]}"
            f"（分数段：{name[result.score_band]}；门槛允许：{name[result.gate_band]}）"
        )
    else:
        lines.append(f"Double near-zero self-assessment result (criteria {criteria.id})")
        lines.append(f"Enterprise: {doc.enterprise.name or '-'}  USCC: {doc.enterprise.uscc or '-'}  Year: {doc.year}")
        if not result.complete:
            lines.append(f"Note: incomplete ({len(result.missing)} items missing, scored 0)")
        lines.append(
            f"Total: {result.total_rounded:.1f}  Grade: {name[result.grade]}"
            f" (score band: {name[result.score_band]}; gates allow: {name[result.gate_band]})"
        )
    dims = "  ".join(f"{d.name.get(lang)} {d.rounded:.1f}/{d.max_points:g}" for d in result.dimensions)
    lines.append(f"{'维度得分' if zh else 'Dimensions'}{sep}{dims}")
    failed = result.vetoes_failed
    na = [v.id for v in result.vetoes if v.status == "na"]
    if zh:
        veto_line = "全部满足" if not failed else "未满足 " + "、".join(failed)
        veto_line += f"（{'、'.join(na)} 不适用）" if na else ""
    else:
        veto_line = "all pass" if not failed else "failed: " + ", ".join(failed)
        veto_line += f" ({', '.join(na)} not applicable)" if na else ""
    lines.append(f"{'前提条件' if zh else 'Prerequisites'}{sep}{veto_line}")
    lines.append("主要指标：" if zh else "Key figures:")
    for key in _SHOWN_METRICS:
        info = METRICS[key]
        lines.append(f"  {info.zh if zh else info.en}{sep}{metric_text(key, result.metrics.get(key), lang)}")
    grid = result.energy.grid
    how = ("评估指定" if zh else "chosen") if result.energy.grid_year_chosen else ("默认" if zh else "default")
    lines.append(
        f"  电网排放因子：{grid.used} kgCO₂/kWh（{grid.year} 年因子，{how}）"
        if zh
        else f"  Grid factor: {grid.used} kgCO2/kWh ({grid.year}, {how})"
    )
    lines.append("短板（为何未达到更高等级）：" if zh else "Short board (why not one grade higher):")
    for i, item in enumerate(result.short_board, 1):
        lines.append(f"  {i}. {item.get(lang)}")
    lines.append(
        "注：各维度得分与总分分别四舍五入到 0.1 分，相加可能与总分相差 ±0.1。"
        if zh
        else "Note: dimension scores and the total are each rounded to 0.1 and may differ by ±0.1."
    )
    return "\n".join(lines)
