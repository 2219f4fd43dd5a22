"""Editors for the input sections of the answers document (energy table, outlets, water, …).

Whole sections (``coal_2020``, ``outlets``, ``water``, …) are saved as one value: each committed
field re-sends its section. A row that cannot be stored yet (an outlet without a name, a water
pollutant without its limit) is kept on screen with a hint and the section is not sent, so
nothing half-typed is silently dropped by the document parser.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.units import format_input
from app.wizard_flow import SECTION_TITLES, kept_note, plausibility_warning
from assessments.document import NA
from assessments.errors import DomainError
from assessments.factors import POLLUTANTS
from assessments.metrics import metric_text
from assessments.numbers import NumberTextError, parse_number_text
from assessments.rounding import fmt_number
from ui.style import Card
from ui.wheel import ComboBox
from ui.wizard.widgets import LineEditor, MessageLabel, wrap_label

if TYPE_CHECKING:
    from assessments.scoring import Result
    from ui.wizard.pages import QuestionsPage

POLLUTANT_NAMES = {"pm": "颗粒物", "so2": "SO₂", "nox": "NOx"}
POLLUTANT_NAMES_EN = {"pm": "PM", "so2": "SO₂", "nox": "NOx"}


class _Incomplete(Exception):
    """The section cannot be sent yet; the message says what is missing."""


class SectionBox(Card):
    """A card for one section: title, help, optional N/A switch, content, kept note, message, figures.

    The message line and (for sections that compute something) the figures line are always laid out,
    so a message or a first result appearing does not move the fields below under the pointer."""

    def __init__(self, page: QuestionsPage, key: str, help_text: str = "") -> None:
        super().__init__()
        self.page = page
        self.session = page.session
        self.key = key
        self.lang = page.lang
        self.outer = QVBoxLayout(self)
        self.title = SECTION_TITLES[key].get(self.lang)
        self.outer.addWidget(wrap_label(self.title, "cardHeading"))
        if help_text:
            self.outer.addWidget(wrap_label(help_text, "cardQuestion"))
        self.na_box: QCheckBox | None = None
        if self.session.flow.na_allowed(key):
            rule = self.session.flow.na_rule(key)
            from ui.wizard.pages import na_text

            self.na_box = QCheckBox(na_text(self.tr("不适用"), rule, self.lang))
            self.na_box.toggled.connect(self._na_toggled)
            self.outer.addWidget(self.na_box)
        self.content = QWidget()
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.outer.addWidget(self.content)
        self.kept_label = wrap_label("", "keptNote")
        self.kept_label.hide()
        self.outer.addWidget(self.kept_label)
        self.message = MessageLabel(reserve=True)
        self.outer.addWidget(self.message)
        self.figures = wrap_label(self.no_figures(), "computedValue")
        if not self.no_figures():
            self.figures.hide()
        self.outer.addWidget(self.figures)
        page.focus_targets[key] = self.first_focus

    def no_figures(self) -> str:
        """The figures line before there is a result ("": this section shows no figures)."""
        return ""

    def first_focus(self) -> QWidget:
        return self.na_box if self.na_box is not None and self.na_box.isChecked() else self.content

    def _na_toggled(self, checked: bool) -> None:
        try:
            self.session.set_na(self.key, checked)
        except DomainError as exc:
            from ui.wizard.pages import problem_text

            self.message.show_error(problem_text(exc))
            return
        self.message.clear_message()
        self.session.clear_refused(self.key)  # the section is emptied and disabled: what was refused is given up
        self.load()

    def load(self) -> None:
        value = self.session.value(self.key)
        na = value == NA
        if self.na_box is not None:
            self.na_box.blockSignals(True)
            self.na_box.setChecked(na)
            self.na_box.blockSignals(False)
        self.content.setEnabled(not na)
        note = kept_note(self.session.criteria, self.key, value, self.session.kept(self.key), self.lang)
        self.kept_label.setText(note or "")
        self.kept_label.setVisible(note is not None)
        self.load_value(None if na else value)
        warning = None if na else plausibility_warning(self.session.criteria, self.session.factors, self.key, value)
        if warning is not None:  # as after saving it: reopening shows what still needs a look
            self.message.show_warning(warning.get(self.lang))

    def load_value(self, value: Any) -> None:
        raise NotImplementedError

    def collect(self) -> Any:
        raise NotImplementedError

    def send(self) -> None:
        """Collect the section and save it (the thin slot of every field in the section).

        What cannot be saved (a number that is not one, a row not complete yet, a value the domain
        refuses) stays on screen, marked, and is listed on the review page until it is fixed."""
        try:
            value = self.collect()
        except _Incomplete as exc:
            self.message.show_hint(str(exc))
            self._mark_unreadable()
            self.session.note_refused(self.key, "", str(exc), self.title)
            return
        except NumberTextError as exc:
            reason = exc.en if self.lang == "en" else exc.zh
            self.message.show_error(reason)
            self._mark_unreadable()
            self.session.note_refused(self.key, "", reason, self.title)
            return
        if self.page.commit(self.key, value, self.message):
            self._mark_unreadable()
            self.after_save()
        else:
            self.session.note_refused(self.key, "", self.message.text(), self.title)

    def _mark_unreadable(self) -> None:
        """Frame the fields of this section whose text is not a number; unframe the others."""
        for editor in self.findChildren(LineEditor):
            text = editor.edit.text().strip()
            bad = ""
            if editor.numeric and text:
                try:
                    parse_number_text(text, percent=editor.percent)
                except NumberTextError as exc:
                    bad = exc.en if self.lang == "en" else exc.zh
            editor.set_refused(bool(bad), bad)

    def after_save(self) -> None:
        pass

    def on_scored(self, result: Result | None, message: str) -> None:
        pass

    def number(self, text: str, *, percent: bool = False) -> Decimal | None:
        text = text.strip()
        return parse_number_text(text, percent=percent) if text else None


def _number_edit(unit: str = "", placeholder: str = "", width_chars: int = 16) -> LineEditor:
    return LineEditor(numeric=True, unit=unit, placeholder=placeholder, width_chars=width_chars)


# --------------------------------------------------------------------------- simple sections


class ScalarSection(SectionBox):
    """One number (GEC MWh, process CO₂, offsets); the service reads the typed text."""

    def __init__(self, page: QuestionsPage, key: str, unit: str, help_text: str) -> None:
        super().__init__(page, key, help_text)
        self.editor = _number_edit(unit, self.tr("未填写按 0 计"))
        self.editor.bind_message(self.message)
        self.editor.key = key  # type: ignore[attr-defined]
        self.body.addWidget(self.editor)
        self.editor.committed.connect(lambda text: self.page.commit(self.key, text, self.message, self.editor))

    def first_focus(self) -> QWidget:
        return self.editor.focus_widget()

    def load_value(self, value: Any) -> None:
        self.editor.set_value(value)


class FieldsSection(SectionBox):
    """A small form of named fields sent together as one object."""

    def __init__(
        self,
        page: QuestionsPage,
        key: str,
        fields: Sequence[tuple[str, str, str, bool]],  # (name, label, unit, numeric)
        required: Sequence[str],
        help_text: str = "",
        defaults_zero: bool = False,
    ) -> None:
        super().__init__(page, key, help_text)
        self.fields = fields
        self.required = tuple(required)
        self.defaults_zero = defaults_zero
        self.editors: dict[str, LineEditor] = {}
        grid = QGridLayout()
        for i, (name, label, unit, numeric) in enumerate(fields):
            editor = LineEditor(numeric=numeric, unit=unit)
            editor.bind_message(self.message)
            grid.addWidget(QLabel(label), i, 0)
            grid.addWidget(editor, i, 1)
            self.editors[name] = editor
            editor.committed.connect(lambda _v: self.send())
            page.focus_targets[f"{key}.{name}"] = editor.focus_widget
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid)

    def first_focus(self) -> QWidget:
        if self.na_box is not None and self.na_box.isChecked():
            return self.na_box
        return self.editors[self.fields[0][0]].focus_widget()

    def collect(self) -> Any:
        out: dict[str, Any] = {}
        for name, _label, _unit, numeric in self.fields:
            text = self.editors[name].edit.text().strip()
            if not text:
                continue
            out[name] = self.number(text) if numeric else text
        missing = [label for name, label, _u, _n in self.fields if name in self.required and name not in out]
        if not out:
            return None
        if missing and not self.defaults_zero:
            raise _Incomplete(self.tr("请同时填写：") + "、".join(missing) + self.tr("（填齐后自动保存）"))
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


class IntensitySection(SectionBox):
    """M3: intensity against sector values, or the three-year reduction; the other is kept."""

    def __init__(self, page: QuestionsPage) -> None:
        super().__init__(page, "pollutant_intensity")
        self.by_intensity = QRadioButton(self.tr("(a) 单位产品排放强度，对照行业基准值和引领值"))
        self.by_reduction = QRadioButton(self.tr("(b) 近三年颗粒物+SO₂+NOx 排放总量下降率"))
        self.body.addWidget(self.by_intensity)
        grid = QGridLayout()
        self.value = _number_edit()
        self.benchmark = _number_edit()
        self.leading = _number_edit()
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
            r = self.number(self.reduction.edit.text(), percent=True)
            if r is None:
                raise _Incomplete(self.tr("请填写近三年排放总量下降率（%）"))
            return {"reduction_pct_3y": r}
        vals = [self.number(e.edit.text()) for e in (self.value, self.benchmark, self.leading)]
        if any(v is None for v in vals):
            raise _Incomplete(self.tr("请同时填写排放强度、行业基准值和引领值（填齐后自动保存）"))
        return {"value": vals[0], "benchmark": vals[1], "leading": vals[2]}

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


# --------------------------------------------------------------------------- rows: outlets, water


class _RowsSection(SectionBox):
    """A list of small row cards with add/remove; the whole list is one value."""

    add_text = ""

    def __init__(self, page: QuestionsPage, key: str, help_text: str) -> None:
        super().__init__(page, key, help_text)
        self.rows_box = QVBoxLayout()
        self.body.addLayout(self.rows_box)
        self.rows: list[dict[str, Any]] = []
        self.add_button = QPushButton(self.add_text)
        self.add_button.clicked.connect(self.add_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)

    def load(self) -> None:
        super().load()  # rebuilds the rows
        if self.page.isVisible():  # a page not shown yet is placed in the Tab chain when it is opened
            self.page.order_tabs()

    def add_clicked(self) -> None:
        row = self.add_row({})
        self.page.order_tabs()  # the new row's fields come before the add button, not at the end
        row["first"].setFocus()

    def add_row(self, data: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def remove_row(self, row: dict[str, Any]) -> None:
        self.rows.remove(row)
        row["frame"].deleteLater()
        self.send()

    def _clear_rows(self) -> None:
        for row in self.rows:
            row["frame"].deleteLater()
        self.rows = []

    def first_focus(self) -> QWidget:
        if self.na_box is not None and self.na_box.isChecked():
            return self.na_box
        return self.rows[0]["first"] if self.rows else self.add_button

    def _row_frame(self) -> tuple[QFrame, QGridLayout]:
        frame = QFrame()
        frame.setObjectName("rowCard")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(frame)
        self.rows_box.addWidget(frame)
        return frame, grid

    def _remove_button(self, row: dict[str, Any]) -> QPushButton:
        button = QPushButton(self.tr("删除"))
        button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda: self.remove_row(row))
        return button


class OutletsSection(_RowsSection):
    add_text = ""

    def __init__(self, page: QuestionsPage) -> None:
        self.add_text = QCoreApplication.translate("OutletsSection", "添加排放口(&O)")
        self.factors = page.session.factors
        super().__init__(
            page,
            "outlets",
            QCoreApplication.translate("OutletsSection", "每个有组织排放口填写年均实测浓度（mg/m³）和小时均值达标率。选择排放源类型后自动带出超低排放限值；“其他”类型须自行填写适用标准及限值。"),
        )  # fmt: skip

    def add_row(self, data: dict[str, Any]) -> dict[str, Any]:
        frame, grid = self._row_frame()
        row: dict[str, Any] = {"frame": frame}
        name = LineEditor(placeholder=self.tr("如 1#锅炉"))
        source = ComboBox()
        for limit in self.factors.ultra_low:
            source.addItem(limit.name.get(self.lang), limit.source_type)
        source.addItem(self.factors.custom_source_name.get(self.lang), "custom")
        compliance = LineEditor(numeric=True, percent=True, unit="%", width_chars=8)
        measured = {p: _number_edit("mg/m³", width_chars=7) for p in POLLUTANTS}
        limits = {p: _number_edit("mg/m³", width_chars=7) for p in POLLUTANTS}
        standard = LineEditor(placeholder=self.tr("适用标准名称及编号"))
        fixed = QLabel("")
        fixed.setWordWrap(True)
        names = POLLUTANT_NAMES_EN if self.lang == "en" else POLLUTANT_NAMES
        grid.addWidget(QLabel(self.tr("名称")), 0, 0)
        grid.addWidget(name, 0, 1, 1, 3)
        grid.addWidget(self._remove_button(row), 0, 4)
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
        row.update(name=name, source=source, compliance=compliance, measured=measured, limits=limits,
                   standard=standard, fixed=fixed, custom_box=custom_box, first=name.edit)  # fmt: skip
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

    def _source_changed(self, row: dict[str, Any]) -> None:
        self._source_shown(row)
        self.send()

    def _source_shown(self, row: dict[str, Any]) -> None:
        source = row["source"].currentData()
        custom = source == "custom"
        row["custom_box"].setVisible(custom)
        limit = self.factors.ultra_low_limits(source)
        if limit is None:
            row["fixed"].setText(self.tr("请在下方填写所报告污染物的限值和适用标准"))
            return
        names = POLLUTANT_NAMES_EN if self.lang == "en" else POLLUTANT_NAMES
        parts = "，".join(f"{names[p]} {format_input(v)}" for p, v in limit.limits.items())
        status = "" if limit.status == "verified" else self.tr("（数值待核实）")
        row["fixed"].setText(f"{parts} mg/m³ — {limit.source}{status}")

    def collect(self) -> Any:
        out = []
        for i, row in enumerate(self.rows, start=1):
            item: dict[str, Any] = {}
            name = row["name"].edit.text().strip()
            for p in POLLUTANTS:
                v = self.number(row["measured"][p].edit.text())
                if v is not None:
                    item[p] = v
            compliance = self.number(row["compliance"].edit.text(), percent=True)
            source = row["source"].currentData()
            limits = {p: self.number(row["limits"][p].edit.text()) for p in POLLUTANTS}
            standard = row["standard"].edit.text().strip()
            has_any = (
                name
                or item
                or compliance is not None
                or (source == "custom" and (standard or any(v is not None for v in limits.values())))
            )
            if not has_any:
                continue
            if not name:
                raise _Incomplete(self.tr("第 %1 个排放口：请填写名称（填写后自动保存）").replace("%1", str(i)))
            if not item:
                raise _Incomplete(self.tr("排放口“%1”：请至少填写一项实测浓度").replace("%1", name))
            item = {"name": name, "source": source, **item}
            if compliance is not None:
                item["hourly_compliance"] = compliance
            if source == "custom":
                given = {p: v for p, v in limits.items() if v is not None}
                lacking = [p for p in POLLUTANTS if p in item and p not in given]
                if lacking:
                    raise _Incomplete(self.tr("排放口“%1”：请填写所报告污染物的限值").replace("%1", name))
                item["limits"] = given
                if standard:
                    item["standard"] = standard
            out.append(item)
        return out

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
        names = POLLUTANT_NAMES_EN if self.lang == "en" else POLLUTANT_NAMES
        text = self.tr("最大浓度比 %1（%2 %3：%4 / %5 mg/m³）").replace("%1", fmt_number(w.ratio, 3))
        text = text.replace("%2", w.outlet).replace("%3", names.get(w.pollutant, w.pollutant))
        text = text.replace("%4", format_input(w.concentration)).replace("%5", format_input(w.limit))
        if result.air.below_compliance:
            text += "\n" + self.tr("小时达标率低于要求：") + "、".join(result.air.below_compliance)
        self.figures.setText(text)


class WaterSection(_RowsSection):
    add_text = ""

    def __init__(self, page: QuestionsPage) -> None:
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
            row["frame"].setEnabled(not checked)
        self.add_button.setEnabled(not checked)
        self.send()

    def add_row(self, data: dict[str, Any]) -> dict[str, Any]:
        frame, grid = self._row_frame()
        row: dict[str, Any] = {"frame": frame}
        name = LineEditor(placeholder=self.tr("如 COD"))
        conc = _number_edit("mg/L")
        limit = _number_edit("mg/L")
        grid.addWidget(QLabel(self.tr("污染物")), 0, 0)
        grid.addWidget(name, 0, 1)
        grid.addWidget(self._remove_button(row), 0, 2)
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
        row.update(name=name, conc=conc, limit=limit, first=name.edit)
        frame.setEnabled(not self.zld.isChecked())
        self.rows.append(row)
        return row

    def collect(self) -> Any:
        pollutants = []
        for row in self.rows:
            name = row["name"].edit.text().strip()
            conc = self.number(row["conc"].edit.text())
            limit = self.number(row["limit"].edit.text())
            if not name and conc is None and limit is None:
                continue
            if not name or conc is None or limit is None:
                if self.zld.isChecked():
                    continue  # not scored with zero discharge: an unfinished row does not block the switch
                raise _Incomplete(self.tr("请填写完整：污染物名称、年均浓度和排放限值（填齐后自动保存）"))
            pollutants.append({"name": name, "concentration": conc, "limit": limit})
        # With zero discharge the pollutant rows are kept in the answer (not scored), not dropped.
        return {"zld": self.zld.isChecked(), "pollutants": pollutants}

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


# --------------------------------------------------------------------------- factory


def make_sections(page: QuestionsPage, sections: Sequence[str]) -> list[SectionBox]:
    out: list[SectionBox] = []
    for key in sections:
        if key == "energy":
            from ui.wizard.energy import EnergySection

            out.append(EnergySection(page))
        elif key == "coal_2020":
            out.append(FieldsSection(
                page, key, [("raw_coal", QCoreApplication.translate("Sections", "原煤"), "t", True), ("coke", QCoreApplication.translate("Sections", "焦炭"), "t", True)], (),
                QCoreApplication.translate("Sections", "2020年原煤、焦炭消费量（E1 的基准）。2020年无煤炭消费的填 0。"), defaults_zero=True,
            ))  # fmt: skip
        elif key == "gec_mwh":
            out.append(
                ScalarSection(
                    page,
                    key,
                    "MWh",
                    QCoreApplication.translate(
                        "Sections", "报告年度购买并注销的绿色电力证书电量（不含绿电交易已计入的部分）。"
                    ),
                )
            )
        elif key == "process_co2_t":
            out.append(
                ScalarSection(
                    page,
                    key,
                    "t CO₂",
                    QCoreApplication.translate("Sections", "工业生产过程的二氧化碳排放（如碳酸盐分解），无则留空。"),
                )
            )
        elif key == "offsets_t":
            out.append(
                ScalarSection(
                    page,
                    key,
                    "t CO₂",
                    QCoreApplication.translate("Sections", "报告年度注销的合格碳信用（CCER 等），无则留空。"),
                )
            )
        elif key == "output":
            out.append(FieldsSection(
                page, key, [("quantity", QCoreApplication.translate("Sections", "产量"), "", True), ("unit", QCoreApplication.translate("Sections", "单位"), "", False)],
                ("quantity", "unit"), QCoreApplication.translate("Sections", "主要产品年产量及其单位（如 t、万件）。"),
            ))  # fmt: skip
        elif key == "product_carbon":
            out.append(FieldsSection(
                page, key, [("benchmark", QCoreApplication.translate("Sections", "行业基准值"), "tCO₂/单位产品", True),
                            ("leading", QCoreApplication.translate("Sections", "行业引领值"), "tCO₂/单位产品", True)],
                ("benchmark", "leading"), QCoreApplication.translate("Sections", "单位产品碳排放的行业基准值和引领值（与产量同一单位）。"),
            ))  # fmt: skip
        elif key == "history":
            out.append(FieldsSection(
                page, key, [("co2_t_3y_ago", QCoreApplication.translate("Sections", "三年前 CO₂ 排放量"), "t", True),
                            ("output_3y_ago", QCoreApplication.translate("Sections", "三年前产量"), "", True)],
                ("co2_t_3y_ago", "output_3y_ago"), QCoreApplication.translate("Sections", "报告年度前第三年的排放量和产量（用于碳排放弹性系数）。"),
            ))  # fmt: skip
        elif key == "pollutant_intensity":
            out.append(IntensitySection(page))
        elif key == "outlets":
            out.append(OutletsSection(page))
        elif key == "water":
            out.append(WaterSection(page))
    return out
