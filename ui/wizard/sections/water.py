"""Water pollutants: zero liquid discharge, or one card per pollutant with its annual mean
concentration and limit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from assessments.metrics import metric_text
from assessments.rows import incomplete_rows, is_blank_row
from ui.wizard.sections.box import Incomplete, number_edit
from ui.wizard.sections.rows import RowsSection, RowWidgets
from ui.wizard.widgets import LineEditor

if TYPE_CHECKING:
    from assessments.scoring import Result
    from ui.wizard.host import SectionHost


@dataclass(eq=False)
class WaterRow(RowWidgets):
    name: LineEditor
    conc: LineEditor
    limit: LineEditor

    @property
    def first(self) -> QWidget:
        return self.name.edit


class WaterSection(RowsSection[WaterRow]):
    add_text = ""

    def __init__(self, page: SectionHost) -> None:
        self.add_text = QCoreApplication.translate("WaterSection", "添加污染物(&W)")
        super().__init__(
            page,
            "water",
            QCoreApplication.translate(
                "WaterSection",
                "实现废水零排放的勾选“零排放”；否则至少填写 COD 和氨氮的年均排放浓度及排放限值（mg/L）。",
            ),
        )
        self.zld = QCheckBox(self.tr("废水零排放（ZLD）"))
        self.body.insertWidget(0, self.zld)
        self.zld.toggled.connect(self._zld_toggled)

    def first_focus(self) -> QWidget:
        return self.zld

    def _zld_toggled(self, checked: bool) -> None:
        for row in self.rows:
            row.frame.setEnabled(not checked)
        self.add_button.setEnabled(not checked)
        self.send()

    def add_row(self, data: dict[str, Any]) -> WaterRow:
        frame, grid = self.row_frame()
        name = LineEditor(placeholder=self.tr("如 COD"))
        conc = number_edit("mg/L")
        limit = number_edit("mg/L")
        grid.addWidget(QLabel(self.tr("污染物")), 0, 0)
        grid.addWidget(name, 0, 1)
        remove = self.remove_button()
        grid.addWidget(remove, 0, 2)
        grid.addWidget(QLabel(self.tr("年均浓度")), 1, 0)
        grid.addWidget(conc, 1, 1)
        grid.addWidget(QLabel(self.tr("排放限值")), 2, 0)
        grid.addWidget(limit, 2, 1)
        grid.setColumnStretch(1, 1)
        name.set_value(data.get("name"))
        conc.set_value(data.get("concentration"))
        limit.set_value(data.get("limit"))
        for editor in (name, conc, limit):
            editor.bind_message(self.message)
            editor.committed.connect(lambda _v: self.send())
        row = WaterRow(frame, name, conc, limit)
        self.connect_remove(remove, row)
        frame.setEnabled(not self.zld.isChecked())
        self.rows.append(row)
        return row

    def collect(self) -> Any:
        shown = [self._typed(row) for row in self.rows]
        zld = self.zld.isChecked()
        # Asked as if discharging: with zero discharge the rows are not scored, so an unfinished
        # row does not block the switch; it is left out, the finished ones are kept (not dropped).
        unfinished = incomplete_rows(self.key, {"zld": False, "pollutants": shown})
        if not zld:
            problem = Incomplete.first_of(unfinished, self.lang)
            if problem is not None:
                raise problem
        skipped = {r.row for r in unfinished}
        pollutants = [item for i, item in enumerate(shown) if i not in skipped and not is_blank_row(self.key, item)]
        return {"zld": zld, "pollutants": pollutants}

    def _typed(self, row: WaterRow) -> dict[str, Any]:
        """What the row's fields hold, in the document's shape (only what was typed)."""
        typed = {
            "name": row.name.edit.text().strip() or None,
            "concentration": self.number(row.conc.edit.text()),
            "limit": self.number(row.limit.edit.text()),
        }
        return {k: v for k, v in typed.items() if v is not None}

    def load_value(self, value: Any) -> None:
        data = value if isinstance(value, dict) else {}
        self.zld.blockSignals(True)
        self.zld.setChecked(bool(data.get("zld")))
        self.zld.blockSignals(False)
        self._clear_rows()
        for item in data.get("pollutants") or []:
            self.add_row(item)
        if not self.rows:
            self.add_row({"name": "COD"})
            self.add_row({"name": "NH3-N"})
        self.add_button.setEnabled(not self.zld.isChecked())

    def no_figures(self) -> str:
        return self.tr("最大浓度比：—")

    def on_scored(self, result: Result | None, message: str) -> None:
        m = result.metrics.get("worst_water_ratio") if result is not None else None
        if m is None:
            self.figures.setText(self.no_figures())
        else:
            self.figures.setText(self.tr("最大浓度比：") + metric_text("worst_water_ratio", m, self.lang))
