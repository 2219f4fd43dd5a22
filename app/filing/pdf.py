"""The PDF filing (reportlab and pypdf, imported lazily): the writer.

Pages: cover; result (grade, total, dimension chart, vetoes, short board, gaps); indicator
detail; energy and carbon calculation; monitoring; evidence list; pledge with signature and
seal boxes. Sections follow on the same page when there is room (no near-empty pages). Every
page has a header (enterprise, criteria version) and a footer (short fingerprint, "第 x 页 共
y 页"). Chinese lines break by kinsoku rules and Latin words (ids) stay whole (pdf_paragraph).

The carried envelope is a PDF embedded file (``dnz-answers.json``, uncompressed), added with
pypdf's attachment API. The bytes are a function of the report and the envelope only:
reportlab's invariant mode (stable object order, subset names, document id) and creation and
modification dates set to the carried export time, so ``verify`` can rebuild a filing byte
for byte and, when bytes differ, compare it object by object (pdf_compare).
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from assessments.report import POLLUTANT_ZH, FilingReport, clean_text, cleaned_text, number_text
from assessments.vocabulary import POLLUTANTS

from .carry import ATTACHMENT_NAME
from .pdf_kit import (
    FRAME_W,
    MARGIN_X,
    MM,
    PAGE_H,
    PAGE_W,
    SECTION_ROOM,
    Kit,
    RightText,
    canvas_class,
    markup,
    num_text,
    signature_boxes,
)


def _dimension_chart(kit: Kit, report: FilingReport) -> Any:
    from reportlab.graphics import shapes
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib.colors import Color

    # The renderer selects its default font (Helvetica) before drawing anything, which lists a
    # non-embedded font in the PDF; our drawings only use the CJK font.
    shapes.STATE_DEFAULTS["fontName"] = kit.font

    rows = report.dimensions
    bar_h, gap, label_w, value_w = 16.0, 8.0, 70.0, 110.0
    width = FRAME_W
    height = len(rows) * (bar_h + gap) + 6
    d = Drawing(width, height)
    scale = (width - label_w - value_w) / max(r.max_points for r in rows)
    for i, row in enumerate(rows):
        y = height - (i + 1) * (bar_h + gap)
        d.add(String(0, y + 4, row.name, fontName=kit.font, fontSize=9.5, fillColor=kit.ink))
        d.add(Rect(label_w, y, row.max_points * scale, bar_h, fillColor=Color(0.9, 0.91, 0.93), strokeColor=None))
        fill = kit.accent if row.share >= 70 else Color(0.85, 0.45, 0.18)
        d.add(Rect(label_w, y, row.score * scale, bar_h, fillColor=fill, strokeColor=None))
        d.add(
            String(
                label_w + row.max_points * scale + 6, y + 4,
                f"{number_text(row.score, 1)} / {row.max_points:g}（{number_text(row.share, 1)}%）",
                fontName=kit.font, fontSize=8.5, fillColor=kit.ink,
            )
        )  # fmt: skip
    return d


def _story(kit: Kit, r: FilingReport) -> list[Any]:
    from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer

    s: list[Any] = []
    # ---- cover
    s += [
        Spacer(1, 18 * MM),
        kit.b(r.title, kit.title),
        kit.p(f"{r.year} 年度 · 评价标准 {r.criteria_id}", kit.subtitle),
    ]
    cover = [[label, value] for label, value in ((f.label, f.value) for f in r.enterprise)]
    cover += [
        ["报告年度", str(r.year)],
        ["评价标准", f"{r.criteria_id}（版本 {r.criteria_version}）"],
        ["标准名称", r.criteria_title],
        ["总分", f"{number_text(r.total, 1)} 分"],
        ["等级", r.grade_name],
        ["导出时间", r.exported_at],
        ["导出程序", r.program or "—"],
        ["文件指纹", r.fingerprint],
    ]
    rows: list[list[Any]] = [[kit.b(label, kit.cell), kit.p(value, kit.cell)] for label, value in cover]
    for row in rows:
        if row[0].text in ("总分", "等级"):
            row[1] = kit.b(row[1].text, kit.big)
    s.append(kit.table(rows, [34 * MM, FRAME_W - 34 * MM], head_rows=0))
    s.append(Spacer(1, 5 * MM))
    s.append(kit.p(f"评价标准状态：{r.criteria_status}", kit.small))
    s.append(kit.p("核验：本文件携带答卷数据（附件 dnz-answers.json）。在本程序中执行“python -m app verify 本文件”可重新评分，"
                   "并核对文件指纹与页面上的数字是否在导出后被修改。", kit.small))  # fmt: skip
    if not r.complete:
        s.append(kit.b(f"注意：评估尚未填写完整（缺 {len(r.missing)} 项），未填写项按 0 分计。", kit.small))
    if r.journal is not None:
        s.append(kit.p(f"修改记录摘要：{r.journal.text()}", kit.small))
    if r.cleaned:
        s.append(
            kit.p(f"导出时清理的字符（表格与 PDF 无法保存的控制字符，已删除）：{cleaned_text(r.cleaned)}", kit.small)
        )
    s.append(PageBreak())
    # ---- result
    s.append(kit.b("一、评估结果", kit.h1))
    s.append(kit.b(f"总分：{number_text(r.total, 1)} 分　　等级：{r.grade_name}", kit.big))
    s.append(
        kit.p(
            f"分数段对应等级：{r.score_band_name}；门槛条件允许的最高等级：{r.gate_band_name}（取两者中较低者）",
            kit.small,
        )
    )
    s.append(Spacer(1, 3 * MM))
    s.append(kit.b("各维度得分", kit.h2))
    s.append(_dimension_chart(kit, r))
    dims: list[list[Any]] = [["维度", "得分", "满分", "得分率"]]
    dims += [[d.name, kit.num(d.score, 1), kit.num(d.max_points, 0), kit.num(d.share, 1, "%")] for d in r.dimensions]
    dims.append([kit.b("总分", kit.cell), kit.num(r.total, 1), kit.num(100.0, 0), ""])
    s.append(kit.table(dims, [60 * MM, 30 * MM, 30 * MM, 30 * MM]))
    s.append(kit.p(r.notes[0], kit.tiny))
    s.append(kit.b("前提条件（一票否决）", kit.h2))
    vetoes: list[list[Any]] = [["编号", "前提条件", "是否满足"]]
    vetoes += [[v.id, v.title, v.status_text] for v in r.vetoes]
    veto_id = kit.id_width([v.id for v in r.vetoes], 14 * MM)
    s.append(kit.table(vetoes, [veto_id, FRAME_W - 30 * MM - veto_id, 30 * MM]))
    s.append(kit.b("短板：为何未达到更高等级", kit.h2))
    for i, item in enumerate(r.short_board, 1):
        s.append(kit.p(f"{i}. {item}", kit.body))
    s.append(CondPageBreak(40 * MM))
    s.append(kit.b("失分指标与满分条件", kit.h2))
    gaps: list[list[Any]] = [["指标", "名称", "失分", "当前", "满分条件"]]
    gaps += [[g.indicator, g.title, kit.num(g.lost_points, 1), g.current, g.target] for g in r.gaps]
    gap_id = kit.id_width([g.indicator for g in r.gaps], 13 * MM)
    s.append(kit.table(gaps, [gap_id, 36 * MM, 14 * MM, 46 * MM, FRAME_W - 96 * MM - gap_id]))
    # Sections follow on the same page when a useful part fits: no near-empty pages.
    s.append(CondPageBreak(SECTION_ROOM))
    # ---- indicator detail
    s.append(kit.b("二、指标明细", kit.h1))
    s.append(
        kit.p(
            "每项指标的回答、得分及其依据（标准或文件）与应附佐证材料。“得分”为本维度内按权重折算后的分值。", kit.small
        )
    )
    detail: list[list[Any]] = [["编号", "指标与问题", "回答", "得分率", "得分 / 满分", "依据与佐证"]]
    for a in r.answers:
        basis = f"依据：{a.basis}"
        if a.evidence_expected:
            basis += f"<br/>应附：{markup(a.evidence_expected)}"
        if a.evidence_files:
            basis += "<br/>已附：" + "、".join(markup(f) for f in a.attached())
        question = f"<b>{markup(a.title)}</b><br/>{markup(a.question)}"
        if a.note:
            question += f"<br/><font size=7>说明：{markup(a.note)}</font>"
        points = "—"
        if a.kind == "indicator":
            points = (
                "不适用" if a.points is None else f"{number_text(a.points, 1)} / {number_text(a.max_points or 0.0, 1)}"
            )
        detail.append(
            [
                a.id,
                kit.P(question, kit.cell),
                a.answer_text,
                "—" if a.fraction is None else f"{number_text(a.fraction, 1)}%",
                points,
                kit.P(escape_keep_br(basis), kit.tiny),
            ]
        )
    detail_id = kit.id_width([a.id for a in r.answers], 15 * MM)
    s.append(kit.table(detail, [detail_id, 56 * MM, 28 * MM, 14 * MM, 18 * MM, FRAME_W - 116 * MM - detail_id]))
    s.append(CondPageBreak(SECTION_ROOM))
    # ---- energy and carbon
    e = r.energy
    s.append(kit.b("三、能源消费与碳排放核算", kit.h1))
    carriers: list[list[Any]] = [
        ["能源品种", "消费量", "折标系数 tce/单位", "折标煤 tce", "CO₂ 系数 t/单位", "CO₂ 排放 t", "范围", "系数状态"]
    ]
    for line in e.carriers:
        carriers.append(
            [
                line.name,
                kit.num(line.amount, None, line.unit),
                kit.num(line.tce_per_unit),
                kit.num(line.tce, 2),
                kit.num(line.co2_per_unit, 4) if line.co2_per_unit is not None else "电网因子",
                kit.num(line.co2_t, 1),
                f"范围{'一' if line.scope == 1 else '二'}",
                line.status + ("（实测）" if line.overridden else ""),
            ]
        )
    carriers.append([kit.b("合计", kit.cell), "", "", kit.num(e.total_tce, 2), "", kit.num(e.co2_t, 1), "", ""])
    s.append(kit.table(carriers, [36 * MM, 30 * MM, 20 * MM, 22 * MM, 20 * MM, 22 * MM, 12 * MM, FRAME_W - 162 * MM]))
    s.append(Spacer(1, 2 * MM))
    s.append(kit.b(f"电网排放因子：{e.grid_value} kgCO₂/kWh（{e.grid_year} 年因子，{e.grid_chosen_by}）", kit.body))
    s.append(
        kit.p(
            f"因子系列：{e.grid_series}；来源：{e.grid_source}。全国电力平均排放因子 {e.grid_national_average} kgCO₂/kWh 仅供参考。",
            kit.small,
        )
    )
    s.append(kit.p(f"电力折标：{e.electricity_basis} {e.electricity_kgce_per_kwh:g} kgce/kWh（{e.electricity_source}）。"
                   f"绿证 {number_text(e.gec_mwh, None)} MWh，覆盖电网购电 {number_text(e.gec_cover_kwh, 0)} kWh；"
                   f"过程排放 {number_text(e.process_co2_t, None)} tCO₂；碳抵消 {number_text(e.offsets_t, None)} tCO₂；"
                   f"产品产量 {num_text(e.output_quantity, None, e.output_unit)}；2020年煤炭消费：{e.coal_2020}。", kit.small))  # fmt: skip
    for note in e.notes:
        s.append(kit.p(note, kit.small))
    s.append(kit.b("系数来源", kit.h2))
    sources: list[list[Any]] = [["能源品种", "折标系数来源", "CO₂ 排放系数来源"]]
    sources += [[line.name, line.tce_source, line.co2_source] for line in e.carriers]
    s.append(kit.table(sources, [36 * MM, 60 * MM, FRAME_W - 96 * MM]))
    s.append(CondPageBreak(60 * MM))
    s.append(kit.b("核算结果", kit.h2))
    metrics: list[list[Any]] = [["指标", "数值", "单位"]]
    metrics += [[m.label, kit.num(m.value, m.places), m.unit] for m in e.metrics]
    s.append(kit.table(metrics, [60 * MM, 40 * MM, 40 * MM]))
    s.append(CondPageBreak(SECTION_ROOM))
    # ---- monitoring
    m = r.monitoring
    s.append(kit.b("四、排放监测", kit.h1))
    s.append(kit.b("有组织废气排放口（年均浓度，mg/m³）", kit.h2))
    if m.outlets_na:
        s.append(kit.p("无有组织排放源（M1 不适用）。"))
    else:
        outlets: list[list[Any]] = [
            [
                "排放口",
                "排放源类型 / 适用标准",
                *(f"{POLLUTANT_ZH[p]} 实测/限值" for p in POLLUTANTS),
                "最大浓度比",
                "小时达标率",
            ]
        ]
        for o in m.outlets:
            cells = [
                f"{num_text(v)} / {num_text(lim)}" if v is not None else "—"
                for v, lim in zip(o.measured, o.limits, strict=True)
            ]
            source = o.source + (f"；{o.standard}" if o.standard else "")
            outlets.append([o.name, source, *cells, kit.num(o.worst_ratio, 3), kit.num(o.hourly_compliance, None, "%")])
        s.append(kit.table(outlets, [30 * MM, 44 * MM, 20 * MM, 20 * MM, 20 * MM, 18 * MM, FRAME_W - 152 * MM]))
    s.append(kit.p(f"大气：{m.air_summary}", kit.small))
    s.append(kit.b("废水", kit.h2))
    if m.zld:
        s.append(kit.p("废水零排放。"))
    else:
        water: list[list[Any]] = [["水污染物", "浓度 mg/L", "排放限值 mg/L", "浓度比"]]
        water += [[w.name, kit.num(w.concentration), kit.num(w.limit), kit.num(w.ratio, 3)] for w in m.water]
        s.append(kit.table(water, [50 * MM, 35 * MM, 35 * MM, 30 * MM]))
    s.append(kit.p(f"废水：{m.water_summary}", kit.small))
    # ---- evidence
    s.append(CondPageBreak(SECTION_ROOM))
    s.append(kit.b("五、佐证材料清单", kit.h1))
    if r.evidence:
        ev: list[list[Any]] = [["序号", "问题", "文件名", "SHA-256", "大小（字节）"]]
        for i, ev_item in enumerate(r.evidence, 1):
            ev.append(
                [
                    str(i),
                    ev_item.question_id,
                    ev_item.original_name,
                    kit.P(markup(ev_item.sha256), kit.tiny),
                    kit.num(float(ev_item.size_bytes), 0),
                ]
            )
        question_id = kit.id_width([e.question_id for e in r.evidence], 14 * MM)
        s.append(kit.table(ev, [10 * MM, question_id, 56 * MM, FRAME_W - 88 * MM - question_id, 22 * MM]))
    else:
        s.append(kit.p("本次导出未附佐证材料清单（由答卷文件导出，或尚未上传佐证材料）。"))
    if r.journal is not None:
        s.append(kit.p(f"修改记录摘要：{r.journal.text()}", kit.small))
        for change in r.journal.recent:
            s.append(kit.p(change, kit.tiny))
    if r.plan is not None:
        s.append(PageBreak())
        s.extend(_plan_story(kit, r))
    s.append(PageBreak())
    # ---- pledge
    s.append(Spacer(1, 8 * MM))
    s.append(kit.b("材料真实性承诺书", kit.title))
    s.append(Spacer(1, 6 * MM))
    for para in r.pledge:
        s.append(kit.p(para, kit.pledge))
    s.append(Spacer(1, 8 * MM))
    sign = kit.table(
        [
            [kit.b("企业名称", kit.cell), kit.p(r.enterprise_name, kit.cell)],
            [kit.b("统一社会信用代码", kit.cell), kit.p(r.enterprise[1].value, kit.cell)],
        ],
        [40 * MM, FRAME_W - 40 * MM],
        head_rows=0,
    )
    s.append(sign)
    s.append(Spacer(1, 6 * MM))
    s.append(KeepTogether([signature_boxes(kit)]))
    return s


def _plan_story(kit: Kit, r: FilingReport) -> list[Any]:
    """六、改进计划: drawn from the carried plan only (issue #16)."""
    section = r.plan
    assert section is not None
    plan = section.plan
    s: list[Any] = [kit.b("六、改进计划（企业拟采取的措施）", kit.h1)]
    if not plan.reachable:
        s.append(
            kit.p(
                f"无法达到目标等级“{section.target_name}”：{'；'.join(plan.blockers)}。以下为可达到的最高等级的计划。"
            )
        )
    s.append(
        kit.p(
            f"目标等级：{section.target_name}。现状 {num_text(plan.total_before, 1)} 分（{section.before_name}）→ "
            f"计划完成后 {num_text(plan.total_after, 1)} 分（{section.after_name}）。总成本 {num_text(plan.cost, 2)} 万元（估算）；"
            f"最长实施周期 {plan.months} 个月；措施 {len(plan.actions)} 项。"
        )
    )
    if plan.actions:
        rows: list[list[Any]] = [["序号", "措施", "数量", "新增分数", "成本（万元）", "周期", "改动"]]
        for i, (action, changes) in enumerate(zip(plan.actions, section.changes, strict=True), 1):
            amount = f"{num_text(action.amount)} {action.unit}"
            sign = "+" if action.points > 0 else ""
            rows.append([str(i), action.title, amount, RightText(f"{sign}{num_text(action.points, 1)}"),
                         kit.num(action.cost, 2), RightText(f"{action.months} 个月"), "\n".join(changes)])  # fmt: skip
        widths = [9 * MM, 34 * MM, 24 * MM, 14 * MM, 18 * MM, 14 * MM]
        s.append(kit.table(rows, [*widths, FRAME_W - sum(widths)]))
        s.append(kit.b("实施时间与将形成的佐证材料", kit.h2))
        timeline: list[list[Any]] = [["措施", "周期", "将形成的佐证材料"]]
        for action in sorted(plan.actions, key=lambda a: (-a.months, a.title)):
            timeline.append([action.title, RightText(f"{action.months} 个月"), action.evidence])
        s.append(kit.table(timeline, [56 * MM, 18 * MM, FRAME_W - 74 * MM]))
    else:
        s.append(kit.p("无需采取措施。" if plan.reachable else "没有可提高等级的措施。"))
    if plan.lower_bound is not None and plan.actions:
        s.append(kit.p(f"达到“{section.after_name}”的任何方案成本都不低于 {num_text(plan.lower_bound, 2)} 万元（求解器证明的下界）。",
                       kit.small))  # fmt: skip
    s.append(kit.p(section.note, kit.small))
    return s


def escape_keep_br(text: str) -> str:
    """Basis cells are built from escaped pieces joined by <br/>: nothing more to escape."""
    return text if "<br/>" in text else markup(text)


def pdf_date(exported_at: str) -> str:
    """The carried export time as a PDF date (no zone: the export time is the PC's local time);
    an unreadable one becomes a fixed date, so the bytes still depend on the envelope only."""
    try:
        moment = datetime.strptime(exported_at, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        moment = datetime(2000, 1, 1)
    return moment.strftime("D:%Y%m%d%H%M%S")


def _body(report: FilingReport) -> bytes:
    """The pages, drawn by reportlab in invariant mode (no clock, no random id)."""
    from reportlab.platypus import SimpleDocTemplate

    kit = Kit()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=(PAGE_W, PAGE_H),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=20 * MM,
        bottomMargin=20 * MM,
        title=clean_text(f"{report.enterprise_name} {report.year} 年度“双近零”自评估备案材料"),
        author=clean_text(report.enterprise_name),
        subject=f"评价标准 {report.criteria_id}；总分 {number_text(report.total, 1)}；等级 {report.grade_name}",
        # The document id is a digest of these fields: the export time makes it this filing's.
        keywords=clean_text(f"dnz-filing fingerprint {report.fingerprint} exported {report.exported_at}"),
        creator=clean_text(report.program or "dnz-assess"),
        initialFontName=kit.font,  # else Helvetica is listed as a (non-embedded) page font
        invariant=1,
    )
    doc.build(_story(kit, report), canvasmaker=canvas_class(kit, report))
    return out.getvalue()


def write_pdf(report: FilingReport, envelope: bytes) -> bytes:
    """The PDF as bytes (written atomically by the caller): reportlab's pages, then the carried
    envelope attached and the dates set with pypdf's public API."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, NumberObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_body(report))))
    date = pdf_date(report.exported_at)
    writer.add_metadata({"/CreationDate": date, "/ModDate": date})
    attached = writer.add_attachment(ATTACHMENT_NAME, envelope)
    attached.description = TextStringObject("dnz-answers/1 document carried for verify and import")
    attached.subtype = NameObject("/application#2Fjson")
    attached.size = NumberObject(len(envelope))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
