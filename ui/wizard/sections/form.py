"""A small form of named fields sent together as one object (年产量, 2020年煤炭消费, …).

The fields, which are required and whether empty ones count as 0 come from the domain's form
spec (`assessments.rows.SECTION_FORMS`), which also says when a started form is not complete."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from assessments.rounding import fmt_number
from assessments.rows import SECTION_FORMS, incomplete_rows
from assessments.texts import render
from ui.wizard.sections.box import Incomplete, SectionBox
from ui.wizard.widgets import LineEditor

if TYPE_CHECKING:
    from assessments.scoring import Result
    from ui.wizard.host import SectionHost


class FieldsSection(SectionBox):
    """A small form of named fields sent together as one object."""

    def __init__(self, page: SectionHost, key: str, help_text: str = "") -> None:
        super().__init__(page, key, help_text)
        self.spec = SECTION_FORMS[key]
        self.editors: dict[str, LineEditor] = {}
        grid = QGridLayout()
        for i, field in enumerate(self.spec.fields):
            editor = LineEditor(numeric=field.numeric, unit=field.unit)
            editor.bind_message(self.message)
            grid.addWidget(QLabel(render(field.label, self.lang)), i, 0)
            grid.addWidget(editor, i, 1)
            self.editors[field.name] = editor
            editor.committed.connect(lambda _v: self.send())
            page.focus_targets[f"{key}.{field.name}"] = editor.focus_widget
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid)

    def first_focus(self) -> QWidget:
        if self.na_box is not None and self.na_box.isChecked():
            return self.na_box
        return self.editors[self.spec.fields[0].name].focus_widget()

    def collect(self) -> Any:
        out: dict[str, Any] = {}
        for field in self.spec.fields:
            text = self.editors[field.name].edit.text().strip()
            if text:
                out[field.name] = self.number(text) if field.numeric else text
        if not out:
            return None
        problem = Incomplete.first_of(incomplete_rows(self.key, out), self.lang)
        if problem is not None:
            raise problem
        return out

    def load_value(self, value: Any) -> None:
        data = value if isinstance(value, dict) else {}
        for name, editor in self.editors.items():
            editor.set_value(data.get(name))

    def no_figures(self) -> str:
        return self.tr("单位产品碳排放：—") if self.key == "output" else ""

    def on_scored(self, result: Result | None, message: str) -> None:
        if self.key != "output":
            return
        m = result.metrics.get("product_carbon_intensity") if result is not None else None
        unit = self.editors["unit"].edit.text().strip() if "unit" in self.editors else ""
        if m is None:
            self.figures.setText(self.no_figures())
        else:
            self.figures.setText(self.tr("单位产品碳排放：%1 tCO₂/%2").replace("%1", fmt_number(m, 4)).replace(
                "%2", unit or self.tr("单位产品")))
