"""The organised air outlets: one card per outlet with its source type, measured concentrations,
hourly compliance and, for a custom source, its limits and standard."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from app.units import format_input
from assessments.rounding import fmt_number
from assessments.rows import incomplete_rows, is_blank_row
from assessments.texts import render
from assessments.vocabulary import POLLUTANT_SYMBOLS, POLLUTANTS
from ui.wheel import ComboBox
from ui.wizard.sections.box import Incomplete, number_edit
from ui.wizard.sections.rows import RowsSection, RowWidgets
from ui.wizard.widgets import LineEditor

if TYPE_CHECKING:
    from assessments.scoring import Result
    from ui.wizard.host import SectionHost



def pollutant_names(lang: str) -> dict[str, str]:
    return {p: render(POLLUTANT_SYMBOLS[p], lang) for p in POLLUTANTS}


@dataclass(eq=False)
class OutletRow(RowWidgets):
    name: LineEditor
    source: ComboBox
    compliance: LineEditor
    measured: dict[str, LineEditor]  # by pollutant
    limits: dict[str, LineEditor]  # by pollutant; shown for a custom source only
    standard: LineEditor
    fixed: QLabel  # the source type's ultra-low limits, in words
    custom_box: QWidget

    @property
    def first(self) -> QWidget:
        return self.name.edit


class OutletsSection(RowsSection[OutletRow]):
    add_text = ""

    def __init__(self, page: SectionHost) -> None:
        self.add_text = QCoreApplication.translate("OutletsSection", "添加排放口(&O)")
        self.factors = page.session.factors
        super().__init__(
            page,
            "outlets",
            QCoreApplication.translate("OutletsSection", "每个有组织排放口填写年均实测浓度（mg/m³）和小时均值达标率。选择排放源类型后自动带出超低排放限值；“其他”类型须自行填写适用标准及限值。"),
        )  # fmt: skip

    def add_row(self, data: dict[str, Any]) -> OutletRow:
        frame, grid = self.row_frame()
        name = LineEditor(placeholder=self.tr("如 1#锅炉"))
        source = ComboBox()
        for limit in self.factors.ultra_low:
            source.addItem(render(limit.name, self.lang), limit.source_type)
        source.addItem(render(self.factors.custom_source_name, self.lang), "custom")
        compliance = LineEditor(numeric=True, percent=True, unit="%", width_chars=8)
        measured = {p: number_edit("mg/m³", width_chars=7) for p in POLLUTANTS}
        limits = {p: number_edit("mg/m³", width_chars=7) for p in POLLUTANTS}
        standard = LineEditor(placeholder=self.tr("适用标准名称及编号"))
        fixed = QLabel("")
        fixed.setWordWrap(True)
        names = pollutant_names(self.lang)
        remove = self.remove_button()
        grid.addWidget(QLabel(self.tr("名称")), 0, 0)
        grid.addWidget(name, 0, 1, 1, 3)
        grid.addWidget(remove, 0, 4)
        grid.addWidget(QLabel(self.tr("排放源类型")), 1, 0)
        grid.addWidget(source, 1, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("实测年均浓度")), 2, 0)
        for i, p in enumerate(POLLUTANTS):
            cell = QVBoxLayout()
            cell.addWidget(QLabel(names[p]))
            cell.addWidget(measured[p])
            grid.addLayout(cell, 2, 1 + i)
        grid.addWidget(QLabel(self.tr("小时均值达标率")), 3, 0)
        grid.addWidget(compliance, 3, 1, 1, 3)
        limits_label = QLabel(self.tr("限值"))
        grid.addWidget(limits_label, 4, 0)
        grid.addWidget(fixed, 4, 1, 1, 3)
        custom_box = QWidget()
        cgrid = QGridLayout(custom_box)
        cgrid.setContentsMargins(0, 0, 0, 0)
        for i, p in enumerate(POLLUTANTS):
            cell = QVBoxLayout()
            cell.addWidget(QLabel(names[p]))
            cell.addWidget(limits[p])
            cgrid.addLayout(cell, 0, i)
        cgrid.addWidget(QLabel(self.tr("适用标准")), 1, 0)
        cgrid.addWidget(standard, 1, 1, 1, 2)
        grid.addWidget(custom_box, 5, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(3, 1)
        row = OutletRow(frame, name, source, compliance, measured, limits, standard, fixed, custom_box)
        self.connect_remove(remove, row)
        for editor in (name, compliance, standard, *measured.values(), *limits.values()):
            editor.bind_message(self.message)
            editor.committed.connect(lambda _v: self.send())
        # Fill before connecting the source combo, so loading does not send anything.
        name.set_value(data.get("name"))
        index = source.findData(data.get("source", self.factors.source_types()[0]))
        source.setCurrentIndex(max(index, 0))
        compliance.set_value(data.get("hourly_compliance"))
        for p in POLLUTANTS:
            measured[p].set_value(data.get(p))
            limits[p].set_value((data.get("limits") or {}).get(p))
        standard.set_value(data.get("standard"))
        self._source_shown(row)
        source.currentIndexChanged.connect(lambda _i, r=row: self._source_changed(r))
        self.rows.append(row)
        return row

    def _source_changed(self, row: OutletRow) -> None:
        self._source_shown(row)
        self.send()

    def _source_shown(self, row: OutletRow) -> None:
        source = row.source.currentData()
        custom = source == "custom"
        row.custom_box.setVisible(custom)
        limit = self.factors.ultra_low_limits(source)
        if limit is None:
            row.fixed.setText(self.tr("请在下方填写所报告污染物的限值和适用标准"))
            return
        names = pollutant_names(self.lang)
        parts = "，".join(f"{names[p]} {format_input(v)}" for p, v in limit.limits.items())
        status = "" if limit.status == "verified" else self.tr("（数值待核实）")
        row.fixed.setText(f"{parts} mg/m³ — {limit.source}{status}")

    def collect(self) -> Any:
        shown = [self._typed(row) for row in self.rows]
        problem = Incomplete.first_of(incomplete_rows(self.key, shown), self.lang)
        if problem is not None:
            raise problem
        return [item for item in shown if not is_blank_row(self.key, item)]

    def _typed(self, row: OutletRow) -> dict[str, Any]:
        """What the row's fields hold, in the document's shape (only what was typed)."""
        item: dict[str, Any] = {}
        name = row.name.edit.text().strip()
        if name:
            item["name"] = name
        item["source"] = source = row.source.currentData()
        for p in POLLUTANTS:
            v = self.number(row.measured[p].edit.text())
            if v is not None:
                item[p] = v
        compliance = self.number(row.compliance.edit.text(), percent=True)
        if compliance is not None:
            item["hourly_compliance"] = compliance
        if source == "custom":
            limits = {p: v for p in POLLUTANTS if (v := self.number(row.limits[p].edit.text())) is not None}
            if limits:
                item["limits"] = limits
            standard = row.standard.edit.text().strip()
            if standard:
                item["standard"] = standard
        return item

    def load_value(self, value: Any) -> None:
        self._clear_rows()
        for data in value if isinstance(value, list) else []:
            self.add_row(data)
        if not self.rows:
            self.add_row({})

    def no_figures(self) -> str:
        return self.tr("最大浓度比：—")

    def on_scored(self, result: Result | None, message: str) -> None:
        if result is None or result.air is None or result.air.worst is None:
            self.figures.setText(self.no_figures())
            return
        w = result.air.worst
        names = pollutant_names(self.lang)
        text = self.tr("最大浓度比 %1（%2 %3：%4 / %5 mg/m³）").replace("%1", fmt_number(w.ratio, 3))
        text = text.replace("%2", w.outlet).replace("%3", names.get(w.pollutant, w.pollutant))
        text = text.replace("%4", format_input(w.concentration)).replace("%5", format_input(w.limit))
        if result.air.below_compliance:
            text += "\n" + self.tr("小时达标率低于要求：") + "、".join(result.air.below_compliance)
        self.figures.setText(text)
