"""The filing report model: plain data that the Excel and PDF writers render (no file formats here).

``build_report(doc, ...)`` scores the document (or takes a given result), computes the
fingerprint and lays out everything a bureau filing shows (docs/capabilities.md "The filing"): identity, result,
short board and gaps, every answer with its basis and evidence, the energy and carbon
calculation with its factors and sources, monitoring, evidence files, the pledge.

Figures are rounded here, once, half up from the exact values (docs/criteria.md §1, §9 E1), so both
writers show the same numbers and ``verify`` can compare a filing with a freshly built model.
Scores (points, dimension scores, the total, shares) are one-decimal floats, which carry such a
figure exactly; every other figure (energy, carbon, monitoring, typed answers) is a Decimal, so a
figure with more digits than a double holds is still shown exactly. Free text from the user
is cleaned of characters that a spreadsheet or PDF cannot hold (control characters pasted from
Word, lone surrogates); every cleaning is listed in ``FilingReport.cleaned`` and printed.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Final

from .calc import outlet_limits
from .criteria import Criteria, Indicator, load_criteria
from .document import AnswersDocument, AnswerValue
from .exact import Number, Q, exact, fmt_number, q_greater, round_half_up, round_quotient, shown_float
from .factors import Factors, load_factors
from .fingerprint import compute_fingerprint
from .methods import ShownCell, ShownInput, method
from .metrics import METRICS, shown_metric
from .plan.filed import FiledPlan, parse_filed_plan
from .report_model import (
    ATTACHED_SHOWN,
    PLEDGE_PARAGRAPHS,
    POLLUTANT_ZH,
    REPORT_TITLE,
    ROUNDING_NOTE,
    AnswerRow,
    CarrierRow,
    DimensionRow,
    EnergySection,
    EvidenceItem,
    Field,
    FilingReport,
    GapRow,
    JournalSummary,
    MetricRow,
    MonitoringSection,
    OutletRow,
    PlanSection,
    VetoRow,
    WaterRow,
    evidence_pledge_line,
)
from .report_text import (
    CLEANED_SHOWN,
    CleanedText,
    TextCleaner,
    clean_text,
    cleaned_text,
    number_text,
    value_text,
)
from .scoring import Result, score
from .vocabulary import ENTERPRISE_LABELS, NA, POLLUTANTS, VETO_STATUS_LABELS

# The model's rows and the text helpers are imported from here by the writers and the tests.
__all__ = [
    "ATTACHED_SHOWN",
    "CLEANED_SHOWN",
    "PLEDGE_PARAGRAPHS",
    "POLLUTANT_ZH",
    "REPORT_TITLE",
    "ROUNDING_NOTE",
    "AnswerRow",
    "CleanedText",
    "EvidenceItem",
    "FilingReport",
    "JournalSummary",
    "TextCleaner",
    "build_report",
    "clean_text",
    "cleaned_text",
    "evidence_pledge_line",
    "number_text",
    "value_text",
]


def _plan_section(plan: FiledPlan, doc: AnswersDocument, criteria: Criteria, clean: TextCleaner) -> PlanSection:
    from .plan.filed import ESTIMATE_NOTE
    from .plan.text import change_line

    names = {g.id: g.name.zh for g in criteria.grades}
    changes = []
    for i, action in enumerate(plan.actions, 1):
        lines = []
        for path, old, new in action.changes:
            try:
                line = change_line(criteria, doc, path, old, new)
            except (KeyError, IndexError, ValueError, TypeError, AttributeError):
                line = f"{path}：{old} → {new}"  # a path the wording does not know is shown as it is
            lines.append(clean(f"改进计划第 {i} 项", line))
        changes.append(tuple(lines))
    return PlanSection(
        plan=plan,
        target_name=names.get(plan.target, plan.target),
        before_name=names.get(plan.grade_before, plan.grade_before),
        after_name=names.get(plan.grade_after, plan.grade_after),
        changes=tuple(changes),
        note=ESTIMATE_NOTE,
    )


# --------------------------------------------------------------------------- building

# Canonical units as written in the factor data, as people write them.
UNIT_SHOWN: Final = {"10^4 m3": "10⁴ m³", "m3": "m³"}
_VETO_TEXT = {status: text.zh for status, text in VETO_STATUS_LABELS.items()}


def _answer_cell(ind: Indicator, value: AnswerValue | None) -> tuple[Number | str | None, str]:
    if value is None:
        return "未填写", ""
    if value == NA:
        return "不适用", ""
    if isinstance(value, bool):
        return ("是" if value else "否"), ""
    if isinstance(value, int | Decimal):
        return value, ind.answer.unit or ""
    option = ind.answer.option(value)
    return (option.label.zh if option is not None else value), ""


def _computed_cell(ind: Indicator, result: Result, doc: AnswersDocument) -> ShownCell:
    """The scored value of a computed indicator, rounded as shown, with unit and places: as its
    scoring method shows it, else the value to 3 places."""
    res = result.indicator(ind.id)
    cell = method(ind.method).shown_value(ShownInput(ind, res, result.metrics, result.energy, doc))
    if cell is not None:
        return cell
    if res.value is None:
        return ("不适用" if not res.applicable else "—"), "", None
    return round_half_up(res.value, 3), "", 3


def _answer_rows(
    doc: AnswersDocument, result: Result, criteria: Criteria, evidence: tuple[EvidenceItem, ...], clean: TextCleaner
) -> tuple[AnswerRow, ...]:
    files: dict[str, list[str]] = {}
    for item in evidence:
        files.setdefault(item.question_id, []).append(item.original_name)
    rows: list[AnswerRow] = []
    answer: Number | str | None
    for veto, vres in zip(criteria.vetoes, result.vetoes, strict=True):
        answer = _VETO_TEXT[vres.status]
        if vres.status == "na" and veto.na_label is not None:
            answer = veto.na_label.zh
        rows.append(
            AnswerRow(
                veto.id, "veto", "前提条件（一票否决）", veto.title.zh, veto.question.zh, answer, "", None,
                None, None, None, "", veto.source, veto.evidence.zh, tuple(files.get(veto.id, ())),
            )
        )  # fmt: skip
    for ind in criteria.indicators:
        res = result.indicator(ind.id)
        dim = criteria.dimension(ind.dimension).name.zh
        places: int | None = None
        if ind.user_answered:
            answer, unit = _answer_cell(ind, doc.answers.get(ind.id))
        else:
            answer, unit, places = _computed_cell(ind, result, doc)
        if not res.applicable:
            note = "不适用，权重在本维度其他指标间重新分配"
            if res.note is not None:
                note = f"{res.note.zh}（{note}）"
        else:
            note = res.note.zh if res.note is not None else ""
        rows.append(
            AnswerRow(
                ind.id, "indicator", dim, ind.title.zh, ind.question.zh, answer, unit, places,
                None if res.fraction_q is None else _percent_shown(res.fraction_q),
                res.points_shown,
                res.max_shown if res.applicable else None,
                note, ind.source, ind.evidence.zh, tuple(files.get(ind.id, ())),
            )
        )  # fmt: skip
        for sub in ind.sub_answers:
            value = doc.answers.get(sub.id)
            shown = "未填写" if value is None else ("是" if value is True else "否")
            if doc.answers.get(ind.id) == NA and value is None:
                shown = "—"
            rows.append(
                AnswerRow(
                    sub.id, "sub", dim, f"{ind.id} 附加问题", sub.question.zh, shown, "", None, None, None, None,
                    f"为“是”时 {ind.id} 得分率封顶 {sub.cap_when_true:.0%}", ind.source, "", (),
                )
            )  # fmt: skip
    # Evidence attached to keys that are not questions (should not happen) is still listed.
    return tuple(rows)


def _percent_shown(q: Q) -> float:
    """A fraction in %, half up to one decimal, exactly."""
    with exact():
        return shown_float(round_quotient(100 * q[0], q[1], 1))


def _energy(doc: AnswersDocument, result: Result, factors: Factors, clean: TextCleaner) -> EnergySection:
    e = result.energy
    carriers = tuple(
        CarrierRow(
            line.carrier, line.name.zh, line.amount, UNIT_SHOWN.get(line.unit, line.unit), line.tce_per_unit, line.tce_source,
            round_half_up(line.tce, 2), line.co2_per_unit, line.co2_source, round_half_up(line.co2_t, 1),
            line.scope, "已核实" if line.status == "verified" else "待核实", line.overridden,
        )
        for line in e.lines
    )  # fmt: skip
    shown_keys = (
        "total_tce", "scope1_t", "scope2_t", "co2_t", "co2_per_tce", "non_fossil_share",
        "renewable_electricity_share", "electrification", "elec_kwh", "gec_cover_kwh", "coal_tce_now",
        "coal_tce_2020", "coal_change", "product_carbon_intensity", "offset_coverage", "carbon_elasticity",
    )  # fmt: skip
    metrics = []
    for key in shown_keys:
        info = METRICS[key]
        unit = info.unit
        if key == "product_carbon_intensity" and doc.output is not None:
            unit = f"tCO₂/{clean('产品产量单位', doc.output.unit)}"
        metrics.append(MetricRow(key, info.zh, shown_metric(key, result.metrics.get(key)), info.places, unit))
    basis = factors.electricity_equivalent if e.electricity_basis == "equivalent" else None
    notes: list[str] = []
    if doc.factors is not None:
        for cid, override in doc.factors.fuels.items():
            parts = [
                f"{label} {value:g}"
                for label, value in (
                    ("低位发热量", override.lhv),
                    ("单位热值含碳量", override.carbon_content),
                    ("碳氧化率", override.oxidation),
                )
                if value is not None
            ]
            text = f"{factors.carrier(cid).name.zh} 使用实测参数：{'，'.join(parts)}"
            if override.note:
                text += f"（{clean(f'{cid} 实测参数说明', override.note)}）"
            notes.append(text)
        if doc.factors.note:
            notes.append("因子说明：" + clean("因子说明", doc.factors.note))
    if any(row.status == "待核实" for row in carriers):
        notes.append("“待核实”表示该系数来自公开资料但尚未经多方核实，主管部门可能修订。")
    coal = doc.coal_2020
    return EnergySection(
        carriers=carriers,
        total_tce=round_half_up(e.total_tce, 2),
        scope1_t=round_half_up(e.scope1_t, 1),
        scope2_t=round_half_up(e.scope2_t, 1),
        co2_t=round_half_up(e.co2_t, 1),
        metrics=tuple(metrics),
        grid_year=e.grid.year,
        grid_value=e.grid.used,
        grid_national_average=e.grid.national_average,
        grid_series=factors.grid_series.zh,
        grid_source=e.grid.source,
        grid_chosen_by="评估指定" if e.grid_year_chosen else "默认（不晚于报告年度的最新因子年份）",
        electricity_basis="当量值" if e.electricity_basis == "equivalent" else "等价值",
        electricity_kgce_per_kwh=e.electricity_kgce_per_kwh,
        electricity_source=basis.source if basis is not None else "评估指定的等价值系数",
        gec_mwh=doc.gec_mwh,
        gec_cover_kwh=round_half_up(e.gec_cover_kwh, 0),
        process_co2_t=doc.process_co2_t,
        offsets_t=doc.offsets_t,
        output_quantity=doc.output.quantity if doc.output is not None else None,
        output_unit=clean("产品产量单位", doc.output.unit) if doc.output is not None else "",
        coal_2020=(
            f"原煤 {number_text(coal.raw_coal, None)} t，焦炭 {number_text(coal.coke, None)} t"
            if coal is not None
            else "未填写"
        ),
        notes=tuple(notes),
    )


def _monitoring(doc: AnswersDocument, result: Result, factors: Factors, clean: TextCleaner) -> MonitoringSection:
    outlets: list[OutletRow] = []
    na = doc.outlets == NA
    if doc.outlets is not None and doc.outlets != NA:
        for i, outlet in enumerate(doc.outlets, 1):
            name = clean(f"排放口 {i} 名称", outlet.name)
            limits = outlet_limits(outlet, factors)
            row = factors.ultra_low_limits(outlet.source)
            source = row.name.zh if row is not None else factors.custom_source_name.zh
            outlet_worst: Q | None = None
            with exact():
                for pol in POLLUTANTS:
                    value, limit = getattr(outlet, pol), limits.get(pol)
                    if (
                        value is not None
                        and limit
                        and (outlet_worst is None or q_greater((value, limit), outlet_worst))
                    ):
                        outlet_worst = (value, limit)
            outlets.append(
                OutletRow(
                    name=name,
                    source=source,
                    standard=clean(f"排放口 {i} 适用标准", outlet.standard) if outlet.standard else "",
                    measured=tuple(getattr(outlet, pol) for pol in POLLUTANTS),
                    limits=tuple(limits.get(pol) for pol in POLLUTANTS),
                    worst_ratio=round_quotient(*outlet_worst, 3) if outlet_worst is not None else None,
                    hourly_compliance=outlet.hourly_compliance,
                )
            )
    air = result.air
    if na:
        air_text = "无有组织排放源，M1 不适用。"
    elif air is not None and air.worst is not None:
        w = air.worst
        air_text = (
            f"最大浓度比 {fmt_number(w.ratio, 3)}（{clean('最大浓度比排放口', w.outlet)} {POLLUTANT_ZH[w.pollutant]} "
            f"{number_text(w.concentration, None)} / {number_text(w.limit, None)} mg/m³）"
        )
        if air.below_compliance:
            names = "、".join(clean("小时达标率排放口", n) for n in air.below_compliance)
            air_text += f"；小时达标率偏低的排放口：{names}"
    else:
        air_text = "未填写排放口监测数据。"
    water_rows: list[WaterRow] = []
    zld = doc.water.zld if doc.water is not None else None
    if doc.water is not None:
        for i, wp in enumerate(doc.water.pollutants, 1):
            water_rows.append(
                WaterRow(
                    clean(f"水污染物 {i} 名称", wp.name),
                    wp.concentration,
                    wp.limit,
                    round_quotient(wp.concentration, wp.limit, 3),
                )
            )
    if zld:
        water_text = "废水零排放（M2 得满分）。"
    elif water_rows:
        worst = result.metrics.get("worst_water_ratio")
        water_text = f"最大浓度比 {fmt_number(worst, 3)}。" if worst is not None else ""
    else:
        water_text = "未填写水污染物监测数据。"
    return MonitoringSection(na, tuple(outlets), air_text, zld, tuple(water_rows), water_text)


def build_report(
    doc: AnswersDocument,
    result: Result | None = None,
    *,
    evidence: tuple[EvidenceItem, ...] | list[EvidenceItem] = (),
    journal: JournalSummary | None = None,
    exported_at: datetime | str | None = None,
    program: str = "",
    plan: Any = None,
    criteria: Criteria | None = None,
) -> FilingReport:
    """The report model of a filing. Scores ``doc`` unless a result is given (it must be complete).
    ``plan`` is the carried improvement plan (``assessments.plan.filed``), drawn as its own section.
    ``criteria``: the set the result was scored under when it is not a bundled one (tests)."""
    if criteria is None:
        criteria = load_criteria(doc.criteria if result is None else result.criteria_id)
    if result is None:
        result = score(doc, criteria=criteria)
    factors = load_factors(criteria.factors_id)
    clean = TextCleaner()
    ent = doc.enterprise
    enterprise = tuple(
        Field(key, label, clean(label, value) if (value := getattr(ent, key)) else "—")
        for key, label in ((k, t.zh) for k, t in ENTERPRISE_LABELS.items())
    )
    evidence_items = tuple(
        EvidenceItem(
            clean(f"佐证材料 {i} 问题编号", item.question_id),
            clean(f"佐证材料 {item.question_id} 文件名", item.original_name),
            clean(f"佐证材料 {item.question_id} SHA-256", item.sha256),
            item.size_bytes,
            item.added_at,
        )
        for i, item in enumerate(evidence, 1)
    )
    raw_journal = journal
    if journal is not None:
        journal = JournalSummary(
            journal.changes, journal.first_at, journal.last_at, journal.imports, journal.exports,
            tuple(clean(f"修改记录 {i}", line) for i, line in enumerate(journal.recent, 1)),
        )  # fmt: skip
    grades = {g.id: g.name.zh for g in criteria.grades}
    answers = _answer_rows(doc, result, criteria, evidence_items, clean)
    energy = _energy(doc, result, factors, clean)
    monitoring = _monitoring(doc, result, factors, clean)
    if isinstance(exported_at, datetime):
        exported_at = exported_at.strftime("%Y-%m-%d %H:%M:%S")
    elif exported_at is None:
        exported_at = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    # Before the report is assembled: cleaning a plan text is listed on the cover like any other.
    plan_section = None if plan is None else _plan_section(parse_filed_plan(plan), doc, criteria, clean)
    return FilingReport(
        title=REPORT_TITLE,
        criteria_id=criteria.id,
        criteria_version=criteria.version,
        criteria_title=criteria.title.zh,
        criteria_status=criteria.status.zh,
        factors_id=factors.id,
        year=doc.year,
        enterprise_name=enterprise[0].value,
        enterprise=enterprise,
        total=result.total_rounded,
        grade=result.grade,
        grade_name=grades[result.grade],
        score_band_name=grades[result.score_band],
        gate_band_name=grades[result.gate_band],
        complete=result.complete,
        missing=result.missing,
        dimensions=tuple(
            DimensionRow(d.id, d.name.zh, d.rounded, d.max_points, _share(d.rounded, d.max_points))
            for d in result.dimensions
        ),
        vetoes=tuple(VetoRow(v.id, v.title.zh, v.status, _VETO_TEXT[v.status]) for v in result.vetoes),
        short_board=tuple(item.zh for item in result.short_board),
        gaps=tuple(GapRow(g.indicator, g.title.zh, g.lost_shown, g.current.zh, g.target.zh) for g in result.gaps),
        answers=answers,
        energy=energy,
        monitoring=monitoring,
        evidence=evidence_items,
        journal=journal,
        pledge=(*PLEDGE_PARAGRAPHS, evidence_pledge_line(len(evidence_items))),
        cleaned=tuple(clean.cleaned),
        fingerprint=compute_fingerprint(doc, result, evidence=evidence, journal=raw_journal, plan=plan),
        exported_at=exported_at,
        program=program,
        plan=plan_section,
    )


def _share(rounded: float, max_points: float) -> float:
    """The shown dimension score in % of its maximum, half up to one decimal (exact: both are
    short decimals, taken as written)."""
    with exact():
        return shown_float(round_quotient(100 * Decimal(repr(rounded)), Decimal(repr(max_points)), 1))
