"""The energy table: carriers with a unit choice, stored in the canonical unit; live tce and CO₂ per row.

The table's rows never move: a row's error or warning is a mark in a fixed column (with the message
as tooltip) and the text of every row message is listed in the section's one message line below the
table, instead of a line inserted under the row that pushed the rows below away from the pointer.

Choosing another unit converts the amount shown (30 万立方米 → 300 000 立方米) exactly and saves
nothing: the stored amount, tce, CO₂ and the score stay as they were.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from app.plausibility import plausibility_warning
from app.units import convert_text, exact_number, from_canonical, to_canonical, typed_decimal
from assessments.errors import DomainError
from assessments.metrics import metric_text
from assessments.numbers import NumberTextError
from assessments.rounding import fmt_number
from assessments.texts import render
from assessments.wording import number_text
from ui.qtcompat import emit
from ui.style import look
from ui.wheel import ComboBox
from ui.wizard.sections.box import SectionBox
from ui.wizard.widgets import LineEditor, MarkLabel, wrap_label

if TYPE_CHECKING:
    from assessments.exact import Number
    from assessments.factors import Carrier
    from assessments.scoring import Result
    from ui.wizard.host import SectionHost

_RANK = {"": 0, "hint": 1, "warn": 2, "error": 3}


class RowMessage:
    """One carrier row's message: a mark in the row and a line in the section's message."""

    def __init__(self, section: EnergySection, carrier: Carrier, mark: MarkLabel) -> None:
        self.section = section
        self.carrier = carrier
        self.mark = mark
        self.level = ""
        self._text = ""

    def text(self) -> str:
        return self._text

    def show_error(self, text: str) -> None:
        self._set("error", text)

    def show_warning(self, text: str) -> None:
        self._set("warn", text)

    def show_hint(self, text: str) -> None:
        self._set("hint", text)

    def clear_message(self) -> None:
        self._set("", "")

    def _set(self, level: str, text: str) -> None:
        self.level, self._text = level, text
        self.mark.set_level(level, text)
        self.section.show_row_messages()


class EnergySection(SectionBox):
    def no_figures(self) -> str:
        return "\n".join("—" for _ in range(4))  # the four lines of figures, before the first result

    def __init__(self, page: SectionHost) -> None:
        super().__init__(
            page,
            "energy",
            QCoreApplication.translate("EnergySection", "填写报告年度各能源品种的净消费量（可选择单位，按规范单位保存）。未使用的能源留空。"),
        )
        self.factors = self.session.factors
        grid = QGridLayout()
        grid.setHorizontalSpacing(grid.horizontalSpacing() * 2)
        heads = [self.tr("能源品种"), self.tr("消费量"), self.tr("单位"), self.tr("规范单位"), self.tr("折标煤 tce"),
                 self.tr("CO₂ t")]  # fmt: skip
        for col, text in enumerate(heads):
            head = QLabel(text)
            look(head, "tableHead")
            grid.addWidget(head, 0, col)
        self.rows: dict[str, dict[str, Any]] = {}
        units_pref = self.session.unit_prefs
        for r, carrier in enumerate(self.factors.carriers, start=1):
            name = QLabel(carrier.name.get(self.lang))
            name.setWordWrap(True)  # long names ("Other non-fossil energy (…)") wrap instead of widening the page
            if carrier.tce_status != "verified" or carrier.co2.status != "verified":
                name.setText(name.text() + " †")
                name.setToolTip(self.tr("因子待核实：") + carrier.tce_source)
            else:
                name.setToolTip(carrier.tce_source + "\n" + carrier.co2.source)
            edit = LineEditor(numeric=True)
            edit.key = f"energy.{carrier.id}"  # type: ignore[attr-defined]
            unit = ComboBox()
            for u in carrier.input_units:
                unit.addItem(u.label.get(self.lang), u.id)
            preferred = units_pref.get(carrier.id)
            if preferred:
                index = unit.findData(preferred)
                if index >= 0:
                    unit.setCurrentIndex(index)
            unit.setEnabled(unit.count() > 1)
            unit.setAccessibleName(self.tr("%1的单位").replace("%1", carrier.name.get(self.lang)))
            canonical = QLabel("")
            tce = QLabel("")
            co2 = QLabel("")
            for lab in (canonical, tce, co2):
                lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            mark = MarkLabel()
            message = RowMessage(self, carrier, mark)
            edit.bind_message(message)  # type: ignore[arg-type]
            for col, widget in enumerate((name, edit, unit, canonical, tce, co2, mark)):
                grid.addWidget(widget, r, col)
            row = {"edit": edit, "unit": unit, "canonical": canonical, "tce": tce, "co2": co2, "message": message,
                   "mark": mark, "carrier": carrier, "shown_unit": str(unit.currentData())}  # fmt: skip
            self.rows[carrier.id] = row
            edit.committed.connect(lambda text, cid=carrier.id: self.commit_row(cid, text))
            unit.currentIndexChanged.connect(lambda _i, cid=carrier.id: self.unit_changed(cid))
            page.focus_targets[f"energy.{carrier.id}"] = edit.focus_widget
        r = len(self.factors.carriers) + 1
        total = QLabel(self.tr("合计"))
        look(total, "tableHead")
        self.total_tce = QLabel("")
        self.total_co2 = QLabel("")
        for lab in (self.total_tce, self.total_co2):
            look(lab, "tableHead")
            lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(total, r, 0)
        grid.addWidget(self.total_tce, r, 4)
        grid.addWidget(self.total_co2, r, 5)
        grid.setColumnStretch(0, 1)
        self.body.addLayout(grid)
        self.body.addWidget(wrap_label(self.tr("† 折标或排放因子尚待核实（见提示）。CO₂ 为化石燃料燃烧（范围一）和外购电力、热力（范围二）排放。"), "pageHint"))
        page.focus_targets["energy"] = self.rows[self.factors.carrier_ids[0]]["edit"].focus_widget

    def first_focus(self) -> QWidget:
        edit: LineEditor = self.rows[self.factors.carrier_ids[0]]["edit"]
        return edit.focus_widget()

    def _unit(self, cid: str) -> str:
        return str(self.rows[cid]["unit"].currentData())

    def _unit_label(self, cid: str, unit_id: str) -> str:
        carrier: Carrier = self.rows[cid]["carrier"]
        return next(u.label.get(self.lang) for u in carrier.input_units if u.id == unit_id)

    def show_row_messages(self) -> None:
        """Every row's message in the section's message line ("天然气：…"), the worst level's mark first."""
        shown = [(row["message"], row["carrier"]) for row in self.rows.values() if row["message"].level]
        if not shown:
            self.message.clear_message()
            return
        colon = ": " if self.lang == "en" else "："
        text = "\n".join(f"{c.name.get(self.lang)}{colon}{m.text()}" for m, c in shown)
        level = max((m.level for m, _c in shown), key=lambda lv: _RANK[lv])
        {"error": self.message.show_error, "warn": self.message.show_warning}.get(level, self.message.show_hint)(text)

    def commit_row(self, cid: str, text: str | None, unit: str | None = None) -> None:
        row = self.rows[cid]
        message: RowMessage = row["message"]
        edit: LineEditor = row["edit"]
        key = f"energy.{cid}"
        if text is None:
            value: Number | None = None
        else:
            try:
                value = to_canonical(self.factors, cid, unit or self._unit(cid), text)
            except NumberTextError as exc:
                reason = render(exc, self.lang)
                message.show_error(reason)
                edit.forget_last()
                edit.set_refused(True, reason)
                self.session.note_refused(key, text, reason)
                return
        try:
            outcome = self.session.save(key, value)
        except DomainError as exc:
            from ui.wizard.host import problem_text

            reason = problem_text(exc)
            message.show_error(reason)
            edit.forget_last()
            edit.set_refused(True, reason)
            self.session.note_refused(key, text or "", reason)
            return
        edit.set_refused(False)
        self.session.clear_refused(key)
        warning = plausibility_warning(self.session.criteria, self.factors, key, outcome.value)
        if warning is not None:
            message.show_warning(warning.get(self.lang))
        else:
            message.clear_message()
        self._show_canonical(cid, outcome.value)

    def unit_changed(self, cid: str) -> None:
        """Show the same amount in the unit chosen; nothing is saved (the stored amount does not change)."""
        row = self.rows[cid]
        edit: LineEditor = row["edit"]
        old, new = row["shown_unit"], self._unit(cid)
        row["shown_unit"] = new
        emit(self.session.unit_chosen, cid, new)
        text = edit.edit.text().strip()
        if not text or edit.refused or old == new:
            self._show_canonical(cid, self.session.value(f"energy.{cid}"))
            return  # refused text is read in the new unit when it is committed again
        if not edit.committed_text(text):
            self.commit_row(cid, text, unit=old)  # typed in the old unit and not committed yet
            if edit.refused:
                return
        try:
            converted = convert_text(self.factors, cid, old, new, text)
        except NumberTextError:
            return
        edit.show_text(converted)
        note = self.tr("已换算：%1 %2 = %3 %4（用量不变）")
        note = note.replace("%1", number_text(typed_decimal(text))).replace("%2", self._unit_label(cid, old))
        note = note.replace("%3", number_text(typed_decimal(converted))).replace("%4", self._unit_label(cid, new))
        row["message"].show_hint(note)
        self._show_canonical(cid, self.session.value(f"energy.{cid}"))

    def _show_canonical(self, cid: str, value: Any) -> None:
        carrier = self.rows[cid]["carrier"]
        label: QLabel = self.rows[cid]["canonical"]
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool) and self._unit(cid) != carrier.unit:
            label.setText(f"= {number_text(exact_number(value))} {self._unit_label(cid, carrier.unit)}")
        else:
            label.setText("")

    def load(self) -> None:
        for cid, row in self.rows.items():
            value = self.session.value(f"energy.{cid}")
            edit: LineEditor = row["edit"]
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                edit.set_value(from_canonical(self.factors, cid, self._unit(cid), value))
                warning = plausibility_warning(self.session.criteria, self.factors, f"energy.{cid}", value)
                if warning is not None:
                    row["message"].show_warning(warning.get(self.lang))
            else:
                edit.set_value(None)
            self._show_canonical(cid, value)

    def load_value(self, value: Any) -> None:  # pragma: no cover - load() is overridden
        pass

    def on_scored(self, result: Result | None, message: str) -> None:
        lines = {line.carrier: line for line in result.energy.lines} if result is not None else {}
        for cid, row in self.rows.items():
            line = lines.get(cid)
            row["tce"].setText(fmt_number(line.tce, 2) if line and line.amount else "")
            row["co2"].setText(fmt_number(line.co2_t, 1) if line and line.amount else "")
        if result is None:
            self.total_tce.setText("—")
            self.total_co2.setText("—")
            # Four lines as with a result, so the sections below stay where they are.
            lines_shown = (message.splitlines() + ["—"] * 4)[:4] if message else self.no_figures().splitlines()
            self.figures.setText("\n".join(lines_shown))
            return
        e = result.energy
        self.total_tce.setText(fmt_number(e.total_tce, 2))
        self.total_co2.setText(fmt_number(e.co2_t, 1))
        m = result.metrics
        parts = [
            self.tr("范围一 %1 t，范围二 %2 t").replace("%1", fmt_number(e.scope1_t, 1)).replace(
                "%2", fmt_number(e.scope2_t, 1)
            ),
            self.tr("电网排放因子 %1 kgCO₂/kWh（%2 年）").replace("%1", str(e.grid.used)).replace("%2", str(e.grid.year)),
            self.tr("单位能耗碳排放 %1").replace("%1", metric_text("co2_per_tce", m.get("co2_per_tce"), self.lang)),
            self.tr("非化石能源占比 %1，可再生电力占比 %2，电气化率 %3")
            .replace("%1", metric_text("non_fossil_share", m.get("non_fossil_share"), self.lang))
            .replace("%2", metric_text("renewable_electricity_share", m.get("renewable_electricity_share"), self.lang))
            .replace("%3", metric_text("electrification", m.get("electrification"), self.lang)),
        ]
        self.figures.setText("\n".join(parts))

