"""The filing report model's data: plain frozen rows and sections the Excel and PDF writers render
(built by ``report.build_report``), and the fixed texts every filing carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Final

from .exact import Number
from .fingerprint import short_fingerprint
from .plan.filed import FiledPlan
from .report_text import CleanedText, value_text, when_text
from .vocabulary import POLLUTANT_SYMBOLS

REPORT_TITLE: Final = "“双近零”排放标杆企业自评估备案材料"
ATTACHED_SHOWN: Final = 5  # evidence file names listed in an answer row; the evidence list has all
# The pollutant symbols as the filings head their columns (Chinese only: filings are in Chinese).
POLLUTANT_ZH: Final = {p: t.zh for p, t in POLLUTANT_SYMBOLS.items()}
ROUNDING_NOTE: Final = "注：各项得分、维度得分与总分分别按四舍五入保留 1 位小数，维度得分相加可能与总分相差 ±0.1 分。"

PLEDGE_PARAGRAPHS: Final = (
    "本企业郑重承诺：本次“双近零”排放标杆企业自评估所填报的企业信息、能源消费与排放监测数据、"
    "各项指标回答及所附佐证材料均真实、准确、完整，与企业台账、监测报告、能源统计及排污许可执行报告一致，"
    "不存在虚报、瞒报、伪造、篡改等情况。",
    "本企业知悉：自评估结果仅为企业自我评价，最终结论以主管部门审核为准；如提供虚假材料，"
    "愿承担由此产生的一切法律责任，并接受主管部门依法依规作出的处理。",
    "本备案材料由自评估程序根据上述数据自动生成，文件指纹可用于核验导出后内容是否被修改。",
)


def evidence_pledge_line(count: int) -> str:
    """The pledge page states how many evidence files the filing lists (the fingerprint covers them)."""
    if count == 0:
        return "本备案材料未附佐证材料（佐证材料清单为空）。"
    return f"本备案材料附佐证材料 {count} 份，文件名、大小与 SHA-256 见“佐证材料清单”，均在文件指纹覆盖范围内。"


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One evidence file attached to a question (from the database; a file export has none)."""

    question_id: str
    original_name: str
    sha256: str
    size_bytes: int
    added_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class JournalSummary:
    """A summary of the change journal of an assessment, printed in the filing."""

    changes: int  # answer changes recorded
    first_at: datetime | None = None
    last_at: datetime | None = None
    imports: int = 0
    exports: int = 0  # earlier exports of this assessment
    recent: tuple[str, ...] = ()  # a few recent changes as readable lines

    def text(self) -> str:
        parts = [f"共记录 {self.changes} 次修改"]
        if self.first_at is not None and self.last_at is not None:
            parts.append(f"首次 {when_text(self.first_at)}，最近 {when_text(self.last_at)}")
        if self.imports:
            parts.append(f"导入 {self.imports} 次")
        parts.append(f"此前导出 {self.exports} 次")
        return "；".join(parts) + "。"


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class DimensionRow:
    id: str
    name: str
    score: float  # rounded
    max_points: float
    share: float  # score / max, %, rounded to 1 decimal


@dataclass(frozen=True, slots=True)
class VetoRow:
    id: str
    title: str
    status: str  # pass | fail | na | missing
    status_text: str


@dataclass(frozen=True, slots=True)
class GapRow:
    indicator: str
    title: str
    lost_points: float  # rounded
    current: str
    target: str


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One row of the indicator detail: a veto, an indicator or a sub-answer."""

    id: str
    kind: str  # veto | indicator | sub
    section: str  # 前提条件 or the dimension name
    title: str
    question: str
    answer: Number | Decimal | str | None  # a number stays a number (as typed); text for choices, yes/no, N/A
    unit: str
    answer_places: int | None  # display precision of a computed number; None: as typed
    fraction: float | None  # achievement in %, rounded to 1 decimal
    points: float | None  # rounded
    max_points: float | None  # rounded
    note: str
    basis: str
    evidence_expected: str
    evidence_files: tuple[str, ...]

    @property
    def answer_text(self) -> str:
        return value_text(self.answer, self.answer_places, self.unit)

    def attached(self, separator: str = "、") -> list[str]:
        """The evidence file names shown in the row: the first few, then how many more (a
        question with hundreds of files would make one cell taller than a page)."""
        files = list(self.evidence_files)
        if len(files) <= ATTACHED_SHOWN:
            return files
        return [*files[:ATTACHED_SHOWN], f"等共 {len(files)} 份（全部见佐证材料清单）"]


@dataclass(frozen=True, slots=True)
class CarrierRow:
    carrier: str
    name: str
    amount: Number
    unit: str
    tce_per_unit: Decimal
    tce_source: str
    tce: Decimal  # rounded to 2
    co2_per_unit: Decimal | None  # None for grid electricity (grid factor used)
    co2_source: str
    co2_t: Decimal  # rounded to 1
    scope: int
    status: str  # 已核实 / 待核实
    overridden: bool


@dataclass(frozen=True, slots=True)
class MetricRow:
    key: str
    label: str
    value: Decimal | None  # rounded to display precision; coal_change in %
    places: int
    unit: str


@dataclass(frozen=True, slots=True)
class EnergySection:
    carriers: tuple[CarrierRow, ...]
    total_tce: Decimal  # rounded to 2
    scope1_t: Decimal
    scope2_t: Decimal
    co2_t: Decimal
    metrics: tuple[MetricRow, ...]
    grid_year: int
    grid_value: float
    grid_national_average: float
    grid_series: str
    grid_source: str
    grid_chosen_by: str
    electricity_basis: str
    electricity_kgce_per_kwh: Decimal
    electricity_source: str
    gec_mwh: Number
    gec_cover_kwh: Decimal
    process_co2_t: Number
    offsets_t: Number
    output_quantity: Number | None
    output_unit: str
    coal_2020: str
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OutletRow:
    name: str
    source: str  # source-type label
    standard: str
    measured: tuple[Number | None, ...]  # pm, so2, nox (mg/m³)
    limits: tuple[Number | None, ...]
    worst_ratio: Decimal | None  # rounded to 3
    hourly_compliance: Number | None


@dataclass(frozen=True, slots=True)
class WaterRow:
    name: str
    concentration: Number
    limit: Number
    ratio: Decimal  # rounded to 3


@dataclass(frozen=True, slots=True)
class MonitoringSection:
    outlets_na: bool
    outlets: tuple[OutletRow, ...]
    air_summary: str
    zld: bool | None
    water: tuple[WaterRow, ...]
    water_summary: str


@dataclass(frozen=True, slots=True)
class PlanSection:
    """The carried improvement plan as the filing draws it: the data, grade names, and under each
    action its changes in words (made here from the carried changes and document)."""

    plan: FiledPlan
    target_name: str
    before_name: str
    after_name: str
    changes: tuple[tuple[str, ...], ...]  # per action
    note: str


@dataclass(frozen=True)
class FilingReport:
    title: str
    criteria_id: str
    criteria_version: str
    criteria_title: str
    criteria_status: str
    factors_id: str
    year: int
    enterprise_name: str
    enterprise: tuple[Field, ...]
    total: float
    grade: str
    grade_name: str
    score_band_name: str
    gate_band_name: str
    complete: bool
    missing: tuple[str, ...]
    dimensions: tuple[DimensionRow, ...]
    vetoes: tuple[VetoRow, ...]
    short_board: tuple[str, ...]
    gaps: tuple[GapRow, ...]
    answers: tuple[AnswerRow, ...]
    energy: EnergySection
    monitoring: MonitoringSection
    evidence: tuple[EvidenceItem, ...]
    journal: JournalSummary | None
    pledge: tuple[str, ...]
    cleaned: tuple[CleanedText, ...]
    fingerprint: str
    exported_at: str  # local time, "YYYY-MM-DD HH:MM:SS"
    program: str
    notes: tuple[str, ...] = field(default=(ROUNDING_NOTE,))
    plan: PlanSection | None = None  # the improvement plan, when the filing carries one (issue #16)

    @property
    def short_fingerprint(self) -> str:
        return short_fingerprint(self.fingerprint)

    def answer(self, row_id: str) -> AnswerRow:
        for row in self.answers:
            if row.id == row_id:
                return row
        raise KeyError(row_id)
