"""The Excel filing (openpyxl, imported lazily): the writer.

Every text cell is injection-safe: after assignment the cell type is forced to string, and a
text that a spreadsheet would read as a formula (leading ``= + - @``, or a tab/CR) also gets the
quote prefix. Numbers stay numeric cells with number formats. The carried envelope sits in a
very-hidden, protected sheet ``_dnz`` (in chunks: a cell holds at most 32 767 characters).

The bytes are a function of the report and the envelope only: the package's member times and
the document properties' dates are the carried export time, so ``verify`` can rebuild a filing
byte for byte (``xlsx_package`` reads a received file safely, ``xlsx_compare`` compares content).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from decimal import Decimal
from typing import Any, Final

from assessments.report import POLLUTANT_ZH, FilingReport, clean_text, cleaned_text
from assessments.vocabulary import POLLUTANTS

from .carry import ENVELOPE_FORMAT
from .xlsx_book import Book, num_fmt

CARRY_SHEET: Final = "_dnz"
CARRY_PASSWORD: Final = "dnz-filing"  # not a secret: the sheet is protected against slips, not people
CHUNK = 30000

S_COVER, S_SUMMARY, S_DETAIL, S_ENERGY, S_MONITOR, S_EVIDENCE, S_PLEDGE = (
    "封面", "得分汇总", "指标明细", "能源与碳排放", "排放监测", "佐证材料", "承诺书",
)  # fmt: skip
S_PLAN = "改进计划"  # only in a filing that carries the improvement plan (issue #16)
PLAN_HEAD = ("序号", "措施", "数量", "单位", "新增分数", "成本（万元）", "周期（月）", "改动", "将形成的佐证材料")

COVER_LABELS = {
    "报告年度": "year",
    "评价标准": "criteria",
    "评价标准版本": "criteria_version",
    "总分": "total",
    "等级": "grade",
    "文件指纹（SHA-256）": "fingerprint",
}
DETAIL_HEAD = (
    "编号", "类别", "指标", "问题", "回答", "单位", "得分率（%）", "得分", "满分", "说明", "依据", "应附佐证", "已附佐证",
)  # fmt: skip
CARRIER_HEAD = (
    "能源品种", "消费量", "单位", "折标系数（tce/单位）", "折标系数来源", "折标煤（tce）",
    "CO₂ 排放系数（t/单位）", "排放系数来源", "CO₂ 排放（t）", "范围", "系数状态",
)  # fmt: skip
OUTLET_HEAD = (
    "排放口", "排放源类型", "适用标准",
    *(f"{POLLUTANT_ZH[p]}{k}" for p in POLLUTANTS for k in ("实测（mg/m³）", "限值（mg/m³）")),
    "最大浓度比", "小时达标率（%）",
)  # fmt: skip
WATER_HEAD = ("水污染物", "浓度（mg/L）", "排放限值（mg/L）", "浓度比")
EVIDENCE_HEAD = ("序号", "问题编号", "文件名", "SHA-256", "大小（字节）", "添加时间")
FMT_SCORE = "0.0"


def _cover(b: Book) -> None:
    r = b.report
    ws = b.sheet(S_COVER, (26, 80), first=True)
    b.title(ws, r.title, 2)
    row = 3
    b.header(ws, row, ("项目", "内容"))
    items: list[tuple[str, Any, str | None]] = [(f.label, f.value, None) for f in r.enterprise]
    items += [
        ("报告年度", r.year, "0"),
        ("评价标准", r.criteria_id, None),
        ("评价标准版本", r.criteria_version, None),
        ("评价标准名称", r.criteria_title, None),
        ("评价标准状态", r.criteria_status, None),
        ("总分", r.total, FMT_SCORE),
        ("等级", r.grade_name, None),
        ("分数段对应等级", r.score_band_name, None),
        ("门槛条件允许的最高等级", r.gate_band_name, None),
        ("评估是否完整", "完整" if r.complete else f"不完整（缺 {len(r.missing)} 项，按0分计）", None),
        ("导出时间", r.exported_at, None),
        ("导出程序", r.program or "—", None),
        ("文件指纹（SHA-256）", r.fingerprint, None),
        ("核验方法", "python -m app verify 本文件（重新评分、核对指纹，并按携带的数据重新生成本文件逐项比较）", None),
    ]
    if r.journal is not None:
        items.append(("修改记录摘要", r.journal.text(), None))
    if r.cleaned:
        items.append(("导出时清理的字符", f"以下文本含表格无法保存的控制字符，已删除：{cleaned_text(r.cleaned)}", None))
    else:
        items.append(("导出时清理的字符", "无", None))
    for label, value, fmt in items:
        row += 1
        b.put(ws, row, 1, label, style="head")
        b.put(ws, row, 2, value, fmt=fmt, style="big" if label in ("总分", "等级", "企业名称") else "cell")
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"


def _summary(b: Book) -> None:
    r = b.report
    ws = b.sheet(S_SUMMARY, (20, 14, 12, 30, 44), first=False)
    b.title(ws, "得分汇总", 5)
    b.header(ws, 3, ("维度", "得分", "满分", "得分率（%）", ""))
    row = 3
    for d in r.dimensions:
        row += 1
        b.put(ws, row, 1, d.name)
        b.put(ws, row, 2, d.score, fmt=FMT_SCORE)
        b.put(ws, row, 3, d.max_points, fmt="0")
        b.put(ws, row, 4, d.share, fmt="0.0")
    row += 1
    b.put(ws, row, 1, "总分", style="head")
    b.put(ws, row, 2, r.total, fmt=FMT_SCORE, style="big")
    b.put(ws, row, 3, 100, fmt="0")
    row += 1
    b.put(ws, row, 1, "等级", style="head")
    b.put(ws, row, 2, r.grade_name, style="big")
    b.put(ws, row, 4, f"分数段：{r.score_band_name}；门槛允许：{r.gate_band_name}")
    row += 1
    b.put(ws, row, 1, r.notes[0], style="plain", span=5)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
    row += 2
    b.put(ws, row, 1, "前提条件（一票否决）", style="section")
    row += 1
    b.header(ws, row, ("编号", "是否满足", "前提条件", "", ""))
    for v in r.vetoes:
        row += 1
        b.put(ws, row, 1, v.id)
        b.put(ws, row, 2, v.status_text)
        b.put(ws, row, 3, v.title, span=3)
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=5)
    row += 2
    b.put(ws, row, 1, "短板：为何未达到更高等级", style="section")
    for i, item in enumerate(r.short_board, 1):
        row += 1
        b.put(ws, row, 1, f"{i}. {item}", style="plain", span=5)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
    row += 2
    b.put(ws, row, 1, "失分指标与满分条件", style="section")
    row += 1
    b.header(ws, row, ("指标", "失分", "名称", "当前", "满分条件"))
    for g in r.gaps:
        row += 1
        b.put(ws, row, 1, g.indicator)
        b.put(ws, row, 2, g.lost_points, fmt=FMT_SCORE)
        b.put(ws, row, 3, g.title)
        b.put(ws, row, 4, g.current)
        b.put(ws, row, 5, g.target)
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"


def _detail(b: Book) -> None:
    r = b.report
    ws = b.sheet(S_DETAIL, (8, 12, 18, 36, 20, 9, 9, 7, 7, 22, 26, 24, 22))
    b.title(ws, "指标明细（回答、得分、依据与佐证）", len(DETAIL_HEAD))
    b.header(ws, 3, DETAIL_HEAD)
    for row, a in enumerate(r.answers, 4):
        answer_fmt = (
            num_fmt(a.answer_places)
            if isinstance(a.answer, int | float | Decimal) and not isinstance(a.answer, bool)
            else None
        )
        values: tuple[tuple[Any, str | None], ...] = (
            (a.id, None), (a.section, None), (a.title, None), (a.question, None), (a.answer, answer_fmt),
            (a.unit, None), (a.fraction, "0.0"), (a.points if a.kind != "indicator" or a.points is not None else "不适用", FMT_SCORE),
            (a.max_points, FMT_SCORE), (a.note, None), (a.basis, None), (a.evidence_expected, None),
            ("\n".join(a.attached()) if a.evidence_files else ("—" if a.kind != "sub" else ""), None),
        )  # fmt: skip
        for col, (value, fmt) in enumerate(values, 1):
            b.put(ws, row, col, value if value is not None else "", fmt=fmt)
    ws.freeze_panes = "C4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"


def _energy(b: Book) -> None:
    r = b.report
    e = r.energy
    ws = b.sheet(S_ENERGY, (22, 16, 8, 14, 30, 14, 14, 30, 14, 6, 9))
    b.title(ws, "能源消费与碳排放核算", len(CARRIER_HEAD))
    b.header(ws, 3, CARRIER_HEAD)
    row = 3
    for line in e.carriers:
        row += 1
        values: tuple[tuple[Any, str | None], ...] = (
            (line.name, None), (line.amount, "#,##0.####"), (line.unit, None), (line.tce_per_unit, "General"),
            (line.tce_source, None), (line.tce, "#,##0.00"),
            (line.co2_per_unit if line.co2_per_unit is not None else f"电网因子 {e.grid_value} kg/kWh", "0.0000"),
            (line.co2_source, None), (line.co2_t, "#,##0.0"), (f"范围{'一' if line.scope == 1 else '二'}", None),
            (line.status + ("（实测）" if line.overridden else ""), None),
        )  # fmt: skip
        for col, (value, fmt) in enumerate(values, 1):
            b.put(ws, row, col, value, fmt=fmt)
    row += 1
    b.put(ws, row, 1, "合计", style="head")
    b.put(ws, row, 6, e.total_tce, fmt="#,##0.00", style="big")
    b.put(ws, row, 9, e.co2_t, fmt="#,##0.0", style="big")
    row += 2
    b.put(ws, row, 1, "核算结果", style="section")
    row += 1
    b.header(ws, row, ("指标", "数值", "单位"))
    for m in e.metrics:
        row += 1
        b.put(ws, row, 1, m.label)
        b.put(ws, row, 2, m.value if m.value is not None else "—", fmt=num_fmt(m.places))
        b.put(ws, row, 3, m.unit)
    row += 2
    b.put(ws, row, 1, "排放因子与其他输入", style="section")
    row += 1
    b.header(ws, row, ("项目", "数值", "单位", "说明"))
    factors: tuple[tuple[str, Any, str, str, str | None], ...] = (
        ("电网排放因子年份", e.grid_year, "", e.grid_chosen_by, "0"),
        ("电网排放因子", e.grid_value, "kgCO₂/kWh", f"{e.grid_series}；{e.grid_source}", "0.0000"),
        ("全国电力平均排放因子（参考）", e.grid_national_average, "kgCO₂/kWh", "仅供参考，未用于计算", "0.0000"),
        ("电力折标方法", e.electricity_basis, "", e.electricity_source, None),
        ("电力折标系数", e.electricity_kgce_per_kwh, "kgce/kWh", "", "General"),
        ("绿证（GEC）", e.gec_mwh, "MWh", "每张绿证计 1 MWh，覆盖量不超过电网购电量", "#,##0.###"),
        ("绿证覆盖电量", e.gec_cover_kwh, "kWh", "", "#,##0"),
        ("过程排放", e.process_co2_t, "tCO₂", "", "#,##0.###"),
        ("碳抵消量", e.offsets_t, "tCO₂", "", "#,##0.###"),
        ("产品产量", e.output_quantity if e.output_quantity is not None else "—", e.output_unit, "", "#,##0.###"),
        ("2020年煤炭消费", e.coal_2020, "", "", None),
    )
    for label, value, unit, note, fmt in factors:
        row += 1
        b.put(ws, row, 1, label)
        b.put(ws, row, 2, value, fmt=fmt)
        b.put(ws, row, 3, unit)
        b.put(ws, row, 4, note, span=5)
        ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=8)
    for note in e.notes:
        row += 1
        b.put(ws, row, 1, note, style="plain", span=8)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
    ws.freeze_panes = "B4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"


def _monitoring(b: Book) -> None:
    m = b.report.monitoring
    ws = b.sheet(S_MONITOR, (18, 24, 18, 10, 10, 10, 10, 10, 10, 10, 11))
    b.title(ws, "排放监测（有组织废气与废水）", len(OUTLET_HEAD))
    b.header(ws, 3, OUTLET_HEAD)
    row = 3
    if m.outlets_na:
        row += 1
        b.put(ws, row, 1, "无有组织排放源（M1 不适用）", style="plain")
    for o in m.outlets:
        row += 1
        values: list[tuple[Any, str | None]] = [(o.name, None), (o.source, None), (o.standard or "—", None)]
        for measured, limit in zip(o.measured, o.limits, strict=True):
            values += [
                (measured if measured is not None else "—", "General"),
                (limit if limit is not None else "—", "General"),
            ]
        values += [(o.worst_ratio if o.worst_ratio is not None else "—", "0.000"),
                   (o.hourly_compliance if o.hourly_compliance is not None else "—", "General")]  # fmt: skip
        for col, (value, fmt) in enumerate(values, 1):
            b.put(ws, row, col, value, fmt=fmt)
    row += 1
    b.put(ws, row, 1, f"大气：{m.air_summary}", style="plain", span=len(OUTLET_HEAD))
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(OUTLET_HEAD))
    row += 2
    b.put(ws, row, 1, "废水", style="section")
    row += 1
    b.header(ws, row, WATER_HEAD)
    for w in m.water:
        row += 1
        b.put(ws, row, 1, w.name)
        b.put(ws, row, 2, w.concentration, fmt="General")
        b.put(ws, row, 3, w.limit, fmt="General")
        b.put(ws, row, 4, w.ratio, fmt="0.000")
    row += 1
    b.put(ws, row, 1, f"废水：{m.water_summary}", style="plain", span=len(OUTLET_HEAD))
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(OUTLET_HEAD))
    ws.freeze_panes = "B4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"


def _evidence(b: Book) -> None:
    r = b.report
    ws = b.sheet(S_EVIDENCE, (6, 10, 36, 70, 13, 18))
    b.title(ws, "佐证材料清单", len(EVIDENCE_HEAD))
    b.header(ws, 3, EVIDENCE_HEAD)
    row = 3
    for i, item in enumerate(r.evidence, 1):
        row += 1
        b.put(ws, row, 1, i, fmt="0")
        b.put(ws, row, 2, item.question_id)
        b.put(ws, row, 3, item.original_name)
        b.put(ws, row, 4, item.sha256)
        b.put(ws, row, 5, item.size_bytes, fmt="#,##0")
        b.put(ws, row, 6, item.added_at.strftime("%Y-%m-%d %H:%M") if item.added_at else "—")
    if not r.evidence:
        row += 1
        b.put(ws, row, 1, "本次导出未附佐证材料清单（由答卷文件导出，或尚未上传佐证材料）。", style="plain", span=6)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
    if r.journal is not None:
        row += 2
        b.put(ws, row, 1, f"修改记录摘要：{r.journal.text()}", style="plain", span=6)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        for line in r.journal.recent:
            row += 1
            b.put(ws, row, 1, line, style="plain", span=6)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"


def _plan(b: Book) -> None:
    """改进计划: what the enterprise commits to, drawn from the carried plan only."""
    section = b.report.plan
    assert section is not None
    plan = section.plan
    ws = b.sheet(S_PLAN, (6, 26, 12, 12, 9, 12, 8, 58, 30))
    span = len(PLAN_HEAD)
    b.title(ws, "改进计划（企业拟采取的措施）", span)
    lines = [
        f"目标等级：{section.target_name}。现状 {plan.total_before} 分（{section.before_name}）"
        f"→ 计划完成后 {plan.total_after} 分（{section.after_name}）。",
        f"总成本 {plan.cost:,.2f} 万元（估算）；最长实施周期 {plan.months} 个月；措施 {len(plan.actions)} 项。",
    ]
    if not plan.reachable:
        lines.insert(
            0, f"无法达到目标等级“{section.target_name}”：{'；'.join(plan.blockers)}。以下为可达到的最高等级的计划。"
        )
    if plan.lower_bound is not None and plan.actions:
        lines.append(
            f"达到“{section.after_name}”的任何方案成本都不低于 {plan.lower_bound:,.2f} 万元（求解器证明的下界）。"
        )
    lines.append(section.note)
    row = 1
    for line in lines:
        row += 1
        b.put(ws, row, 1, line, style="plain", span=span)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=span)
    row += 1
    head = row
    b.header(ws, row, PLAN_HEAD)
    for i, (action, changes) in enumerate(zip(plan.actions, section.changes, strict=True), 1):
        row += 1
        b.put(ws, row, 1, i, fmt="0")
        b.put(ws, row, 2, action.title)
        b.put(ws, row, 3, action.amount, fmt="#,##0.####")
        b.put(ws, row, 4, action.unit)
        b.put(ws, row, 5, action.points, fmt="+0.0;-0.0;0.0")
        b.put(ws, row, 6, action.cost, fmt="#,##0.00##")
        b.put(ws, row, 7, action.months, fmt="0")
        b.put(ws, row, 8, "\n".join(changes))
        b.put(ws, row, 9, action.evidence)
    if not plan.actions:
        row += 1
        b.put(ws, row, 1, "无需采取措施。" if plan.reachable else "没有可提高等级的措施。", style="plain", span=span)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=span)
    ws.freeze_panes = f"A{head + 1}"
    ws.print_title_rows = f"{head}:{head}"
    ws.page_setup.orientation = "landscape"


def _pledge(b: Book) -> None:
    r = b.report
    ws = b.sheet(S_PLEDGE, (22, 26, 22, 26))
    b.title(ws, "材料真实性承诺书", 4)
    row = 2
    for para in r.pledge:
        row += 1
        b.put(ws, row, 1, "　　" + para, style="plain", span=4)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    row += 2
    b.put(ws, row, 1, "企业名称", style="head")
    b.put(ws, row, 2, r.enterprise_name, span=3)
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
    row += 1
    b.put(ws, row, 1, "统一社会信用代码", style="head")
    b.put(ws, row, 2, r.enterprise[1].value)
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
    row += 1
    b.put(ws, row, 1, "法定代表人（签字）", style="head")
    b.put(ws, row, 2, "")
    b.put(ws, row, 3, "企业（盖章）", style="head")
    b.put(ws, row, 4, "")
    ws.row_dimensions[row].height = 90
    row += 1
    b.put(ws, row, 1, "日期", style="head")
    b.put(ws, row, 2, "________年______月______日")
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
    ws.row_dimensions[row].height = 24


def _carry(b: Book, envelope: bytes) -> None:
    ws = b.wb.create_sheet(CARRY_SHEET)
    text = envelope.decode("ascii")
    chunks = [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
    b.put(ws, 1, 1, ENVELOPE_FORMAT, style="none")
    b.put(ws, 2, 1, b.report.fingerprint, style="none")
    b.put(ws, 3, 1, len(chunks), style="none")
    for i, chunk in enumerate(chunks, 4):
        b.put(ws, i, 1, chunk, style="none")
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
    ws.protection.password = CARRY_PASSWORD


def export_moment(exported_at: str) -> datetime:
    """The carried export time as a datetime for the package's member times and properties; a time
    a ZIP file cannot hold (before 1980, unreadable) becomes 1980-01-01, the same on every machine."""
    try:
        moment = datetime.strptime(exported_at, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return datetime(1980, 1, 1)
    return moment if 1980 <= moment.year <= 2107 else datetime(1980, 1, 1)


class _StampedZip(zipfile.ZipFile):
    """A ZipFile whose members all carry one fixed time (ZipFile.writestr uses the clock)."""

    def __init__(self, file: Any, stamp: datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._stamp = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)

    def writestr(self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None, compresslevel: Any = None) -> None:
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self._stamp)
            info.compress_type = self.compression
            info.external_attr = 0o600 << 16  # what ZipFile.writestr gives a file member
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None, compresslevel: Any = None) -> None:
        # openpyxl streams each worksheet into a temporary file and adds it with write(), which
        # would stamp the temporary file's time.
        with open(filename, "rb") as handle:
            data = handle.read()
        self.writestr(str(arcname if arcname is not None else filename), data, compress_type, compresslevel)


def build_workbook(report: FilingReport, envelope: bytes) -> Any:
    """The filing as an openpyxl Workbook (``workbook_bytes`` turns it into the file)."""
    b = Book(report)
    _cover(b)
    _summary(b)
    _detail(b)
    _energy(b)
    _monitoring(b)
    _evidence(b)
    if report.plan is not None:
        _plan(b)
    _pledge(b)
    _carry(b, envelope)
    wb = b.wb
    wb.properties.title = clean_text(f"{report.enterprise_name} {report.year} 年度双近零自评估备案")
    wb.properties.creator = clean_text(report.program or "dnz-assess")
    wb.properties.subject = f"评价标准 {report.criteria_id}；指纹 {report.fingerprint}"
    wb.properties.keywords = report.fingerprint
    moment = export_moment(report.exported_at)
    wb.properties.created = wb.properties.modified = moment
    return wb


def workbook_bytes(wb: Any, report: FilingReport) -> bytes:
    """The package bytes, the same for the same workbook on every run and machine."""
    from openpyxl.writer.excel import ExcelWriter

    out = io.BytesIO()
    ExcelWriter(wb, _StampedZip(out, export_moment(report.exported_at))).save()
    return out.getvalue()


def write_xlsx(report: FilingReport, envelope: bytes) -> bytes:
    """The workbook as bytes (written atomically by the caller)."""
    return workbook_bytes(build_workbook(report, envelope), report)
