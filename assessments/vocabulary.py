"""The domain's fixed vocabulary, kept in one place: sections of the answers document, pollutants,
enterprise fields, journal actions and statuses, each with the words a person reads.

Every other module (the parser, the draft, the scoring engine, the wizard's flow, the UI, the
filings) imports its lists from here, so a new section or field is added once. The members are
``StrEnum`` values: each *is* the plain string stored in documents, drafts and the database
(``Section.OUTLETS == "outlets"``), so files and rows written before this module existed read
the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final, Literal

from .texts import LocalText

NA: Final = "na"  # the value that marks an answer or a whole section "not applicable"
NaMark = Literal["na"]


class Section(StrEnum):
    """The top-level input sections of the `dnz-answers/1` document (besides answers/enterprise)."""

    ENERGY = "energy"
    COAL_2020 = "coal_2020"
    GEC_MWH = "gec_mwh"
    PROCESS_CO2_T = "process_co2_t"
    OFFSETS_T = "offsets_t"
    OUTPUT = "output"
    OUTLETS = "outlets"
    WATER = "water"
    POLLUTANT_INTENSITY = "pollutant_intensity"
    PRODUCT_CARBON = "product_carbon"
    HISTORY = "history"
    FACTORS = "factors"


S = Section


def _values(*members: StrEnum) -> tuple[str, ...]:
    """Plain strings for the collections below, so a ``repr`` in a message, a JSON key or a
    database row is exactly what it was before the enums existed."""
    return tuple(m.value for m in members)


# Sections a criteria indicator may name as its inputs (``answer.inputs``).
INPUT_SECTIONS: Final = frozenset(s.value for s in Section if s is not S.FACTORS)
# Sections an indicator's N/A rule may point at (the whole section is "na").
NA_SECTIONS: Final = frozenset(_values(S.OUTLETS, S.POLLUTANT_INTENSITY, S.PRODUCT_CARBON, S.HISTORY))
# Sections a draft stores as one value each (energy is stored per carrier: ``energy.<id>``).
DRAFT_SECTIONS: Final = _values(
    S.COAL_2020, S.GEC_MWH, S.PROCESS_CO2_T, S.OFFSETS_T, S.OUTPUT, S.OUTLETS, S.WATER,
    S.POLLUTANT_INTENSITY, S.PRODUCT_CARBON, S.HISTORY, S.FACTORS,
)  # fmt: skip
# Sections holding one number that default to 0 when left out.
SCALAR_NUMBER_SECTIONS: Final = _values(S.GEC_MWH, S.PROCESS_CO2_T, S.OFFSETS_T)
# Sections a complete document must hold (scoring refuses without them).
REQUIRED_SECTIONS: Final = _values(
    S.COAL_2020, S.OUTPUT, S.OUTLETS, S.WATER, S.POLLUTANT_INTENSITY, S.PRODUCT_CARBON, S.HISTORY,
)  # fmt: skip
# The energy inputs travel together in the wizard: the carriers table and the figures computed with it.
ENERGY_GROUP: Final = _values(S.ENERGY, S.COAL_2020, S.GEC_MWH, S.PROCESS_CO2_T)
# The order the wizard shows the input sections in.
WIZARD_SECTION_ORDER: Final = _values(
    S.ENERGY, S.COAL_2020, S.GEC_MWH, S.PROCESS_CO2_T, S.OUTPUT, S.OUTLETS, S.WATER, S.POLLUTANT_INTENSITY, S.PRODUCT_CARBON, S.HISTORY, S.OFFSETS_T,
)  # fmt: skip

# A section as the journal, a change list and messages name it (short).
SECTION_LABELS: Final[Mapping[str, LocalText]] = {
    S.COAL_2020.value: LocalText("2020年煤炭消费（基准）", "Coal use in 2020 (base)"),
    S.GEC_MWH.value: LocalText("绿色电力证书", "Green electricity certificates"),
    S.PROCESS_CO2_T.value: LocalText("工业过程排放", "Process emissions"),
    S.OFFSETS_T.value: LocalText("碳抵消量", "Carbon offsets retired"),
    S.OUTPUT.value: LocalText("年产量", "Annual output"),
    S.OUTLETS.value: LocalText("有组织排放口", "Organised emission outlets"),
    S.WATER.value: LocalText("水污染物排放", "Water pollutant discharge"),
    S.POLLUTANT_INTENSITY.value: LocalText("主要污染物排放强度", "Main pollutant emission intensity"),
    S.PRODUCT_CARBON.value: LocalText("单位产品碳排放基准值", "Product carbon benchmark"),
    S.HISTORY.value: LocalText("三年前的排放与产量", "CO₂ and output three years earlier"),
    S.FACTORS.value: LocalText("计算参数", "Calculation parameters"),
}
# A section as the wizard heads its editor.
SECTION_HEADINGS: Final[Mapping[str, LocalText]] = {
    S.ENERGY.value: LocalText("报告年度能源消费", "Energy use in the reporting year"),
    S.COAL_2020.value: LocalText("2020年煤炭消费（基准）", "Coal use in 2020 (base)"),
    S.GEC_MWH.value: LocalText("绿色电力证书（GEC）", "Green electricity certificates (GEC)"),
    S.PROCESS_CO2_T.value: LocalText("工业过程排放", "Process emissions"),
    S.OUTPUT.value: LocalText("年产量", "Annual output"),
    S.OUTLETS.value: LocalText("有组织排放口", "Organised air outlets"),
    S.WATER.value: LocalText("水污染物排放", "Water pollutants"),
    S.POLLUTANT_INTENSITY.value: LocalText("主要污染物排放强度", "Pollutant emission intensity"),
    S.PRODUCT_CARBON.value: LocalText("单位产品碳排放行业值", "Sector values for CO₂ per product"),
    S.HISTORY.value: LocalText("三年前数据（碳排放弹性）", "Figures of three years ago (elasticity)"),
    S.OFFSETS_T.value: LocalText("碳抵消", "Carbon offsets"),
}


class Pollutant(StrEnum):
    """The air pollutants an outlet reports (mg/m³) and the ultra-low limits cover."""

    PM = "pm"
    SO2 = "so2"
    NOX = "nox"


POLLUTANTS: Final = _values(*Pollutant)
# As a table column or a measurement names them (short symbols).
POLLUTANT_SYMBOLS: Final[Mapping[str, LocalText]] = {
    Pollutant.PM.value: LocalText("颗粒物", "PM"),
    Pollutant.SO2.value: LocalText("SO₂", "SO₂"),
    Pollutant.NOX.value: LocalText("NOx", "NOx"),
}
# As a sentence names them (the journal, a change list).
POLLUTANT_NAMES: Final[Mapping[str, LocalText]] = {
    Pollutant.PM.value: LocalText("颗粒物", "PM"),
    Pollutant.SO2.value: LocalText("二氧化硫", "SO₂"),
    Pollutant.NOX.value: LocalText("氮氧化物", "NOx"),
}


class EnterpriseField(StrEnum):
    """The enterprise profile's fields, in the order a form and a cover show them."""

    NAME = "name"
    USCC = "uscc"
    INDUSTRY_CODE = "industry_code"
    COUNTY = "county"
    ADDRESS = "address"
    CONTACT = "contact"
    PHONE = "phone"


E = EnterpriseField
ENTERPRISE_KEYS: Final = _values(*EnterpriseField)
REQUIRED_ENTERPRISE: Final = _values(E.NAME, E.USCC)
# The longest text each field takes (characters).
ENTERPRISE_TEXT_LIMITS: Final[Mapping[str, int]] = {
    E.NAME.value: 200, E.USCC: 40, E.INDUSTRY_CODE: 10, E.COUNTY: 50, E.ADDRESS: 300, E.CONTACT: 100, E.PHONE: 40,
}  # fmt: skip
ENTERPRISE_LABELS: Final[Mapping[str, LocalText]] = {
    E.NAME.value: LocalText("企业名称", "Enterprise name"),
    E.USCC.value: LocalText("统一社会信用代码", "Unified social credit code"),
    E.INDUSTRY_CODE.value: LocalText("国民经济行业代码", "Industry code"),
    E.COUNTY.value: LocalText("所在县（市、区）", "County / district"),
    E.ADDRESS.value: LocalText("地址", "Address"),
    E.CONTACT.value: LocalText("联系人", "Contact person"),
    E.PHONE.value: LocalText("联系电话", "Phone"),
}


class JournalAction(StrEnum):
    """What a journal row records (the ``journal.action`` column)."""

    SET = "set"
    CLEAR = "clear"
    NA = "na"
    CARRY = "carry"
    RESTORE = "restore"
    IMPORT = "import"
    DEMO = "demo"
    ATTACH = "attach"
    DETACH = "detach"
    EXPORT = "export"


# What a journal row records, as a person says it (the journal view; unknown actions read as a change).
JOURNAL_ACTION_LABELS: Final[Mapping[str, LocalText]] = {
    JournalAction.SET.value: LocalText("填写", "entered"),
    JournalAction.CLEAR.value: LocalText("清除", "cleared"),
    JournalAction.NA.value: LocalText("标为不适用", "marked N/A"),
    JournalAction.CARRY.value: LocalText("沿用上年度", "carried from last year"),
    JournalAction.IMPORT.value: LocalText("导入", "imported"),
    JournalAction.DEMO.value: LocalText("导入示例", "example imported"),
    JournalAction.ATTACH.value: LocalText("附加佐证材料", "evidence attached"),
    JournalAction.DETACH.value: LocalText("移除佐证材料", "evidence removed"),
    JournalAction.EXPORT.value: LocalText("导出备案文件", "filing exported"),
}


class AssessmentStatus(StrEnum):
    """An assessment's state in the list (the ``assessments.status`` column)."""

    DRAFT = "draft"
    COMPLETE = "complete"
    EXPORTED = "exported"


ASSESSMENT_STATUS_LABELS: Final[Mapping[str, LocalText]] = {
    AssessmentStatus.DRAFT.value: LocalText("草稿", "Draft"),
    AssessmentStatus.COMPLETE.value: LocalText("已完成", "Complete"),
    AssessmentStatus.EXPORTED.value: LocalText("已导出", "Exported"),
}


class VetoStatus(StrEnum):
    """A prerequisite's state after scoring."""

    PASS = "pass"
    FAIL = "fail"
    NA = "na"
    MISSING = "missing"


VETO_STATUS_LABELS: Final[Mapping[str, LocalText]] = {
    VetoStatus.PASS.value: LocalText("是（满足）", "yes (met)"),
    VetoStatus.FAIL.value: LocalText("否（不满足）", "no (not met)"),
    VetoStatus.NA.value: LocalText("不适用", "not applicable"),
    VetoStatus.MISSING.value: LocalText("未回答", "not answered"),
}
