"""Which editor each input section of the answers document gets: a table, one entry a section.

A section missing here is not shown (a criteria version with a new input section needs its
editor added here, and `tests/test_ui_wizard.py` opens every page of the worked example)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ui.wizard.sections.box import SectionBox
from ui.wizard.sections.form import FieldsSection
from ui.wizard.sections.intensity import IntensitySection
from ui.wizard.sections.outlets import OutletsSection
from ui.wizard.sections.scalar import ScalarSection
from ui.wizard.sections.water import WaterSection

if TYPE_CHECKING:
    from ui.wizard.host import SectionHost

EditorFactory = Callable[["SectionHost"], SectionBox]


def _energy(page: SectionHost) -> SectionBox:
    from ui.wizard.sections.energy import EnergySection  # energy imports the box from this package

    return EnergySection(page)


# The help texts are translated when the page is built (the language is chosen by then).
SECTION_EDITORS: dict[str, EditorFactory] = {
    "energy": _energy,
    "coal_2020": lambda page: FieldsSection(page, "coal_2020", QCoreApplication.translate(
        "Sections", "2020年原煤、焦炭消费量（E1 的基准）。2020年无煤炭消费的填 0。")),
    "gec_mwh": lambda page: ScalarSection(page, "gec_mwh", "MWh", QCoreApplication.translate(
        "Sections", "报告年度购买并注销的绿色电力证书电量（不含绿电交易已计入的部分）。")),
    "process_co2_t": lambda page: ScalarSection(page, "process_co2_t", "t CO₂", QCoreApplication.translate(
        "Sections", "工业生产过程的二氧化碳排放（如碳酸盐分解），无则留空。")),
    "offsets_t": lambda page: ScalarSection(page, "offsets_t", "t CO₂", QCoreApplication.translate(
        "Sections", "报告年度注销的合格碳信用（CCER 等），无则留空。")),
    "output": lambda page: FieldsSection(page, "output", QCoreApplication.translate(
        "Sections", "主要产品年产量及其单位（如 t、万件）。")),
    "product_carbon": lambda page: FieldsSection(page, "product_carbon", QCoreApplication.translate(
        "Sections", "单位产品碳排放的行业基准值和引领值（与产量同一单位）。")),
    "history": lambda page: FieldsSection(page, "history", QCoreApplication.translate(
        "Sections", "报告年度前第三年的排放量和产量（用于碳排放弹性系数）。")),
    "pollutant_intensity": IntensitySection,
    "outlets": OutletsSection,
    "water": WaterSection,
}  # fmt: skip


def make_sections(page: SectionHost, sections: Sequence[str]) -> list[SectionBox]:
    return [SECTION_EDITORS[key](page) for key in sections if key in SECTION_EDITORS]
