"""M3's two variants: the intensity against the sector's values, or the three-year reduction;
the variant not chosen is kept aside by the service."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QGridLayout, QLabel, QRadioButton, QWidget

from assessments.rows import incomplete_rows
from ui.wizard.sections.box import Incomplete, SectionBox, number_edit
from ui.wizard.widgets import LineEditor

if TYPE_CHECKING:
    from ui.wizard.host import SectionHost


class IntensitySection(SectionBox):
    """M3: intensity against sector values, or the three-year reduction; the other is kept."""

    def __init__(self, page: SectionHost) -> None:
        super().__init__(page, "pollutant_intensity")
        self.by_intensity = QRadioButton(self.tr("(a) 单位产品排放强度，对照行业基准值和引领值"))
        self.by_reduction = QRadioButton(self.tr("(b) 近三年颗粒物+SO₂+NOx 排放总量下降率"))
        self.body.addWidget(self.by_intensity)
        grid = QGridLayout()
        self.value = number_edit()
        self.benchmark = number_edit()
        self.leading = number_edit()
        for i, (label, editor) in enumerate(
            (
                (self.tr("排放强度"), self.value),
                (self.tr("行业基准值"), self.benchmark),
                (self.tr("行业引领值"), self.leading),
            )
        ):
            grid.addWidget(QLabel(label), i, 0)
            grid.addWidget(editor, i, 1)
        self.intensity_box = QWidget()
        self.intensity_box.setLayout(grid)
        self.body.addWidget(self.intensity_box)
        self.body.addWidget(self.by_reduction)
        self.reduction = LineEditor(numeric=True, percent=True, unit="%")
        self.body.addWidget(self.reduction)
        for editor in (self.value, self.benchmark, self.leading, self.reduction):
            editor.bind_message(self.message)
            editor.committed.connect(lambda _v: self.send())
        self.by_intensity.toggled.connect(self._variant_changed)
        self.by_reduction.toggled.connect(self._variant_changed)
        self._loading = True
        self.by_reduction.setChecked(True)
        self._loading = False
        page.focus_targets["pollutant_intensity.value"] = self.value.focus_widget
        page.focus_targets["pollutant_intensity.reduction_pct_3y"] = self.reduction.focus_widget

    def first_focus(self) -> QWidget:
        return self.by_intensity if self.by_intensity.isChecked() else self.by_reduction

    def _variant_changed(self, checked: bool) -> None:
        if not checked:
            return
        intensity = self.by_intensity.isChecked()
        self.intensity_box.setEnabled(intensity)
        self.reduction.setEnabled(not intensity)
        if self._loading:
            return
        # Switching back to a variant typed earlier brings its kept figures back into the fields.
        kept = self.session.kept(self.key) if self.session.value(self.key) is not None else None  # not last year's
        if isinstance(kept, dict) and (("reduction_pct_3y" in kept) != intensity):
            self._fill(kept)
        self.send()

    _loading = False

    def _fill(self, data: dict[str, Any]) -> None:
        self.value.set_value(data.get("value"))
        self.benchmark.set_value(data.get("benchmark"))
        self.leading.set_value(data.get("leading"))
        self.reduction.set_value(data.get("reduction_pct_3y"))

    def collect(self) -> Any:
        if self.by_reduction.isChecked():
            value: dict[str, Any] = {"reduction_pct_3y": self.number(self.reduction.edit.text(), percent=True)}
        else:
            typed = zip(("value", "benchmark", "leading"), (self.value, self.benchmark, self.leading), strict=True)
            value = {name: number for name, e in typed if (number := self.number(e.edit.text())) is not None}
            if not value:  # the variant was chosen, nothing typed yet: say what it needs
                raise Incomplete(self.tr("请同时填写排放强度、行业基准值和引领值（填齐后自动保存）"))
        problem = Incomplete.first_of(incomplete_rows(self.key, value), self.lang)
        if problem is not None:
            raise problem
        return value

    def load_value(self, value: Any) -> None:
        self._loading = True
        try:
            data = value if isinstance(value, dict) else {}
            # Kept figures come back into the fields only when they are hidden by N/A or the other
            # variant; last year's (nothing entered yet) stay a hint: fields would show unsaved numbers.
            stored = self.session.value(self.key)
            kept = self.session.kept(self.key) if stored is not None else None
            if "value" in data:
                self.by_intensity.setChecked(True)
            elif "reduction_pct_3y" in data:
                self.by_reduction.setChecked(True)
            self._fill({**(kept if isinstance(kept, dict) else {}), **data})
        finally:
            self._loading = False
